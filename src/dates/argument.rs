//! The dates typed on the command line, read by one parser for every argument (`--today`,
//! `log --date`, `snooze`, `changes --since`): `YYYY-MM-DD` (or a date-time), `today`,
//! `yesterday`, `tomorrow`, a span from today (`-1d`, `+2w`, `3m`, `1y`), a weekday (`monday`,
//! `next fri`, `last tuesday`). A bare span or weekday goes the way its argument faces
//! ([`Facing`]); a sign always wins. An impossible date says what is impossible. Pure: today
//! is given.

use chrono::{Datelike, Days, Month, Months, NaiveDate, Weekday};

use super::{parse_date, LAST_DATE};
use crate::error::DayError;

/// Which way an argument looks from today, for a span or weekday written without a direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Facing {
    /// `snooze 2w`, `log --planned --date friday`: two weeks from today, the next Friday.
    Future,
    /// `log --date 2d`, `changes --since monday`: two days ago, the last Monday.
    Past,
    /// `--today`: a span needs its sign (`+1w`), a weekday `next` or `last`.
    Either,
}

/// A command-line date, relative to `today` where it is relative.
pub(crate) fn parse_day(text: &str, today: NaiveDate, facing: Facing) -> Result<NaiveDate, DayError> {
    let text = text.trim();
    let lower = text.to_lowercase();
    let out_of_range = || DayError::OutOfRange(text.to_string());
    let named = match lower.as_str() {
        "today" => Some(today),
        "yesterday" => Some(today.pred_opt().ok_or_else(out_of_range)?),
        "tomorrow" => Some(today.succ_opt().ok_or_else(out_of_range)?),
        _ => None,
    };
    let day = match named {
        Some(day) => day,
        None => match (weekday(&lower, today, facing)?, span(&lower, today, facing)?) {
            (Some(day), _) | (None, Some(day)) => day,
            (None, None) => return parse_date(text).map_err(|_| explain_impossible(text)),
        },
    };
    if day > LAST_DATE || day.year() < 0 {
        return Err(out_of_range());
    }
    Ok(day)
}

/// `monday`, `mon`, `next monday`, `last monday`: never today itself (that is `today`).
fn weekday(lower: &str, today: NaiveDate, facing: Facing) -> Result<Option<NaiveDate>, DayError> {
    let (word, facing) = match lower.split_once(' ') {
        Some(("next", rest)) => (rest.trim(), Facing::Future),
        Some(("last", rest)) => (rest.trim(), Facing::Past),
        _ => (lower, facing),
    };
    let Ok(wanted) = word.parse::<Weekday>() else { return Ok(None) };
    let from = i64::from(today.weekday().num_days_from_monday());
    let to = i64::from(wanted.num_days_from_monday());
    let offset = match facing {
        Facing::Future => (to - from - 1).rem_euclid(7) + 1,
        Facing::Past => -((from - to - 1).rem_euclid(7) + 1),
        Facing::Either => return Err(DayError::Weekday(word.to_string())),
    };
    Ok(today.checked_add_signed(chrono::TimeDelta::days(offset)))
}

/// `-1d`, `+3d`, `2w`, `3m`, `1y`, `10 days`: a span added to or taken from today.
fn span(lower: &str, today: NaiveDate, facing: Facing) -> Result<Option<NaiveDate>, DayError> {
    let (sign, rest) = match lower.as_bytes().first() {
        Some(b'+') => (Some(true), &lower[1..]),
        Some(b'-') => (Some(false), &lower[1..]),
        _ => (None, lower),
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (count, unit) = rest.split_at(digits);
    let Ok(count) = count.parse::<u32>() else { return Ok(None) };
    let months = match unit.trim() {
        "d" | "day" | "days" => None,
        "w" | "week" | "weeks" => Some(0),
        "m" | "month" | "months" => Some(1),
        "y" | "year" | "years" => Some(12),
        _ => return Ok(None),
    };
    let forward = match (sign, facing) {
        (Some(forward), _) => forward,
        (None, Facing::Future) => true,
        (None, Facing::Past) => false,
        (None, Facing::Either) => return Err(DayError::Unsigned(lower.to_string())),
    };
    let out_of_range = || DayError::OutOfRange(lower.to_string());
    Ok(Some(shift(today, count, months, forward).ok_or_else(out_of_range)?))
}

/// `today` moved by `count` days (`per_month: None`), weeks (`Some(0)`) or months and years
/// (`Some(1)`, `Some(12)`); chrono's calendar: a month from Jan 31 is the last day of February.
fn shift(today: NaiveDate, count: u32, per_month: Option<u32>, forward: bool) -> Option<NaiveDate> {
    match per_month {
        None | Some(0) => {
            let days = Days::new(u64::from(count) * if per_month.is_some() { 7 } else { 1 });
            if forward {
                today.checked_add_days(days)
            } else {
                today.checked_sub_days(days)
            }
        }
        Some(per) => {
            let months = Months::new(count.checked_mul(per)?);
            if forward {
                today.checked_add_months(months)
            } else {
                today.checked_sub_months(months)
            }
        }
    }
}

/// Why `text` is no date: for `Y-M-D` numbers, the part that cannot be (`February 2026 has 28
/// days`, `there is no month 13`), or the padded form (`2026-02-03`); else what is expected.
pub(crate) fn explain_impossible(text: &str) -> DayError {
    let numbers: Vec<&str> = text.split('-').collect();
    let number =
        |part: &str| (!part.is_empty() && part.len() <= 4).then(|| part.parse::<u32>().ok()).flatten();
    let parts = match numbers.as_slice() {
        [y, m, d] if y.len() == 4 => (number(y), number(m), number(d)),
        _ => (None, None, None),
    };
    let (Some(year), Some(month), Some(day)) = parts else {
        return DayError::Unknown(text.to_string());
    };
    let reason = match Month::try_from(u8::try_from(month).unwrap_or(0)) {
        Err(_) => format!("there is no month {month} (months run from 01 to 12)"),
        Ok(_) if day == 0 => "there is no day 0 (days start at 01)".to_string(),
        Ok(name) => {
            let length = days_in_month(year, month);
            if day > length {
                format!("{} {year} has {length} days", name.name())
            } else {
                format!("write it as {year:04}-{month:02}-{day:02}")
            }
        }
    };
    DayError::Impossible { text: text.to_string(), reason }
}

/// How many days `month` of `year` has, by chrono's calendar.
fn days_in_month(year: u32, month: u32) -> u32 {
    let year = i32::try_from(year).unwrap_or(0);
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let next = first.and_then(|d| d.checked_add_months(Months::new(1)));
    match (first, next) {
        (Some(first), Some(next)) => u32::try_from((next - first).num_days()).unwrap_or(31),
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str, facing: Facing) -> String {
        // Thursday.
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        parse_day(text, today, facing).map_or_else(|e| format!("error: {e}"), |d| d.to_string())
    }

    #[test]
    fn words_and_plain_dates() {
        for facing in [Facing::Future, Facing::Past, Facing::Either] {
            assert_eq!(day("2026-01-31", facing), "2026-01-31");
            assert_eq!(day("Today", facing), "2026-11-26");
            assert_eq!(day("yesterday", facing), "2026-11-25");
            assert_eq!(day("tomorrow", facing), "2026-11-27");
            assert_eq!(day("-1d", facing), "2026-11-25");
            assert_eq!(day("+3d", facing), "2026-11-29");
            assert_eq!(day("next monday", facing), "2026-11-30");
            assert_eq!(day("last thu", facing), "2026-11-19");
            assert_eq!(day("2026-10-02T14:30", facing), "2026-10-02");
        }
    }

    #[test]
    fn a_bare_span_or_weekday_goes_the_way_its_argument_faces() {
        assert_eq!(day("2w", Facing::Future), "2026-12-10");
        assert_eq!(day("2w", Facing::Past), "2026-11-12");
        assert_eq!(day("3m", Facing::Future), "2027-02-26");
        assert_eq!(day("1y", Facing::Past), "2025-11-26");
        assert_eq!(day("10 days", Facing::Future), "2026-12-06");
        assert_eq!(day("monday", Facing::Future), "2026-11-30");
        assert_eq!(day("monday", Facing::Past), "2026-11-23");
        assert_eq!(day("thursday", Facing::Future), "2026-12-03", "never today itself");
        assert_eq!(day("thursday", Facing::Past), "2026-11-19");
        assert!(day("2w", Facing::Either).contains("no sign: write +2w"), "{}", day("2w", Facing::Either));
        assert!(day("monday", Facing::Either).contains("`next monday`"));
    }

    #[test]
    fn months_use_chronos_calendar() {
        let jan31 = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        assert_eq!(parse_day("+1m", jan31, Facing::Either).unwrap().to_string(), "2026-02-28");
        let last = NaiveDate::from_ymd_opt(9999, 12, 30).unwrap();
        assert!(matches!(parse_day("+1w", last, Facing::Either), Err(DayError::OutOfRange(_))));
        assert!(matches!(parse_day("+99999999y", last, Facing::Either), Err(DayError::OutOfRange(_))));
    }

    #[test]
    fn an_impossible_date_says_why() {
        let says = |text: &str| day(text, Facing::Past);
        assert_eq!(says("2026-02-30"), "error: invalid date \"2026-02-30\": February 2026 has 28 days");
        assert_eq!(says("2028-02-30"), "error: invalid date \"2028-02-30\": February 2028 has 29 days");
        assert_eq!(says("2026-04-31"), "error: invalid date \"2026-04-31\": April 2026 has 30 days");
        assert!(says("2026-13-01").ends_with("there is no month 13 (months run from 01 to 12)"));
        assert!(says("2026-00-10").ends_with("there is no month 0 (months run from 01 to 12)"));
        assert!(says("2026-03-00").ends_with("there is no day 0 (days start at 01)"));
        assert!(says("2026-3-5").ends_with("write it as 2026-03-05"));
        assert!(says("soon").starts_with("error: invalid date \"soon\" (expected YYYY-MM-DD, today"));
        assert!(says("04/05/2026").starts_with("error: invalid date \"04/05/2026\" (expected"));
    }
}
