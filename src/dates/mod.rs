//! Dates as touchbase reads them, with one set of rules: a contact file's dates (`YYYY-MM-DD`,
//! or a date-time whose date is used), yearly dates whose year may be unknown (`--04-17`,
//! `04-17`), the shapes other tools export (vCard's `19800326` and `--0326`, spelled-out
//! months), and the years touchbase prints. Everywhere: an impossible date is never guessed, a
//! year has four digits, and Apple's 1604 means "year unknown". A slashed date is refused in a
//! contact file; in an export it is read only when one order of day and month fits (or the file
//! says which, see [`SlashOrder`]). Pure: never reads the clock. A leaf (chrono only).
//! [`argument`] reads the dates typed on the command line (`yesterday`, `-1d`, `friday`).

mod argument;

pub(crate) use self::argument::{explain_impossible, parse_day, Facing};
pub(crate) use crate::error::DateError;
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime};

/// A calendar date whose year may be unknown (`--04-17`, `04-17`, Apple's 1604 placeholder).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

/// Apple Contacts writes this year when the user left the year out.
const APPLE_NO_YEAR: i32 = 1604;

/// The last date touchbase reads, computes or prints: `YYYY-MM-DD` has four digits for the year,
/// and chrono prints a later one as `+10000-01-01`, which no file, vCard or calendar reads.
/// Dates computed past it (a due date, a yearly date, the day after an event) are no date.
pub(crate) const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(date) => date,
    None => NaiveDate::MAX,
};

/// The range of `--today`: a year inside [`LAST_DATE`] and year 0 at both ends, so that every
/// window and week around today (the agenda's 14 days, this week and the next, a week back to
/// its first day) stays inside the years touchbase prints.
pub(crate) const TODAY_RANGE: std::ops::RangeInclusive<NaiveDate> = {
    let first = match NaiveDate::from_ymd_opt(1, 1, 1) {
        Some(date) => date,
        None => NaiveDate::MIN,
    };
    let last = match NaiveDate::from_ymd_opt(9998, 12, 31) {
        Some(date) => date,
        None => NaiveDate::MAX,
    };
    first..=last
};

/// Only a year of four digits prints back as `YYYY-MM-DD` (`-1-10-02T14:00` would not).
fn printable_year(date: NaiveDate) -> bool {
    (0..=LAST_DATE.year()).contains(&date.year())
}

/// A date read in full, its year dropped when it stands for "unknown" (Apple's 1604, or the
/// year a vCard names in `X-APPLE-OMIT-YEAR`).
fn with_known_year(date: NaiveDate, omit_year: Option<i32>) -> PartialDate {
    let unknown = date.year() == APPLE_NO_YEAR || Some(date.year()) == omit_year;
    PartialDate { year: (!unknown).then_some(date.year()), month: date.month(), day: date.day() }
}

impl PartialDate {
    /// A yearly date in a contact file: `YYYY-MM-DD` (or a date-time), `--MM-DD`, `--MMDD` or
    /// `MM-DD`.
    pub fn parse(text: &str) -> Result<PartialDate, DateError> {
        let text = text.trim();
        if let Some(rest) = text.strip_prefix("--") {
            return parse_month_day(rest, text);
        }
        if text.len() <= 5 && text.contains('-') {
            return parse_month_day(text, text);
        }
        Ok(with_known_year(parse_date(text)?, None))
    }

    #[must_use]
    pub fn full(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month, self.day)
    }
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.year {
            Some(year) => write!(f, "{year:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

fn parse_month_day(rest: &str, original: &str) -> Result<PartialDate, DateError> {
    // A leap year, so that a year-less Feb 29 is valid.
    let parsed = if rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit()) {
        NaiveDate::parse_from_str(&format!("2000{rest}"), "%Y%m%d")
    } else {
        NaiveDate::parse_from_str(&format!("2000-{rest}"), "%Y-%m-%d")
    };
    let date = parsed.map_err(|_| DateError::InvalidYearly(original.to_string()))?;
    Ok(PartialDate { year: None, month: date.month(), day: date.day() })
}

/// A contact file's date: `YYYY-MM-DD`, or a date-time whose date is used. Anything else is an
/// error: an impossible date is never guessed, nor is an ambiguous `04/05/2026`.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let text = text.trim();
    let date = parse_any_year(text)?;
    if !printable_year(date) {
        return Err(DateError::Year(text.to_string()));
    }
    Ok(date)
}

fn parse_any_year(text: &str) -> Result<NaiveDate, DateError> {
    if text.contains('/') {
        return Err(DateError::Ambiguous(text.to_string()));
    }
    if let Some(ymd) = plain_ymd(text) {
        // No other shape below reads ten bytes of this one; chrono's format parser costs more
        // than a parse of a whole contact's front matter's dates should.
        return ymd;
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        if text.len() == 10 {
            return Ok(date);
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Ok(dt.date_naive());
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(dt.date());
        }
    }
    Err(DateError::Invalid(text.to_string()))
}

/// Exactly `YYYY-MM-DD` in ASCII digits: `Some` of the date, or of the error where there is
/// no such day (`2026-02-30`). `None` for any other text.
fn plain_ymd(text: &str) -> Option<Result<NaiveDate, DateError>> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)?.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    Some(
        NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
            .ok_or_else(|| DateError::Invalid(text.to_string())),
    )
}

/// A date as vCard and contact exports write it: `1980-03-26`, `19800326`, `--0326`,
/// `--03-26`, a date-time (`19960415T201243+04:00`, `2019-02-10T00:00:33`; the date as written
/// is used), a spelled-out month (`01 Jul 2026`), or anything [`parse_date`] reads. The year
/// 1604, or the year given by `X-APPLE-OMIT-YEAR` (`omit_year`), means "year unknown".
pub fn parse_exported(text: &str, omit_year: Option<i32>) -> Result<PartialDate, DateError> {
    parse_exported_in(text, omit_year, None)
}

/// Which number comes first in a slashed date (`3/4/1980`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlashOrder {
    MonthFirst,
    DayFirst,
}

/// What a slashed date can mean.
#[derive(Debug, PartialEq, Eq)]
enum Slashed {
    /// Outlook's and Excel's "no date": a day or month of 0 (`0/0/00`, `1/0/00`, `00/00/0000`),
    /// or Outlook's year 4501.
    Placeholder,
    /// One reading, and the order it shows (`3/26/1980`: month first), if it shows one.
    One(NaiveDate, Option<SlashOrder>),
    /// Month first, day first (`3/4/1980`).
    Two(NaiveDate, NaiveDate),
    Invalid,
}

/// `M/D/YYYY`, `D/M/YYYY` (one or two digits each) or `YYYY/MM/DD`; a year of two digits is
/// never guessed.
fn slashed(text: &str) -> Slashed {
    let parts: Vec<&str> = text.split('/').map(str::trim).collect();
    let numbers: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let digits = |p: &&str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if !parts.iter().all(digits) {
        return Slashed::Invalid;
    }
    let (&[a, b, c], &[first, _, last]) = (numbers.as_slice(), parts.as_slice()) else {
        return Slashed::Invalid;
    };
    if a == 0 || b == 0 || c == 0 || (last.len() == 4 && c == 4501) {
        return Slashed::Placeholder;
    }
    let date = |y: u32, m: u32, d: u32| NaiveDate::from_ymd_opt(y as i32, m, d);
    if first.len() == 4 {
        return date(a, b, c).map_or(Slashed::Invalid, |d| Slashed::One(d, None));
    }
    if last.len() != 4 || first.len() > 2 || parts[1].len() > 2 {
        return Slashed::Invalid;
    }
    match (date(c, a, b), date(c, b, a)) {
        (Some(md), Some(dm)) if md == dm => Slashed::One(md, None),
        (Some(md), Some(dm)) => Slashed::Two(md, dm),
        (Some(md), None) => Slashed::One(md, Some(SlashOrder::MonthFirst)),
        (None, Some(dm)) => Slashed::One(dm, Some(SlashOrder::DayFirst)),
        (None, None) => Slashed::Invalid,
    }
}

/// The order a slashed date proves (`3/26/1980`: month first), if it proves one.
#[must_use]
pub fn slash_evidence(text: &str) -> Option<SlashOrder> {
    match slashed(text.trim()) {
        Slashed::One(_, order) => order,
        _ => None,
    }
}

/// [`parse_exported`], a slashed date read in `order` when both readings fit.
pub fn parse_exported_in(
    text: &str,
    omit_year: Option<i32>,
    order: Option<SlashOrder>,
) -> Result<PartialDate, DateError> {
    let text = text.trim();
    let invalid = || DateError::InvalidExported(text.to_string());
    if text.is_empty() {
        return Err(DateError::Empty);
    }
    if text.contains('/') {
        let date = match (slashed(text), order) {
            (Slashed::Placeholder, _) => return Err(DateError::Placeholder(text.to_string())),
            (Slashed::One(date, _), _)
            | (Slashed::Two(date, _), Some(SlashOrder::MonthFirst))
            | (Slashed::Two(_, date), Some(SlashOrder::DayFirst)) => date,
            (Slashed::Two(..), None) => return Err(DateError::AmbiguousExported(text.to_string())),
            (Slashed::Invalid, _) => return Err(invalid()),
        };
        return Ok(with_known_year(date, omit_year));
    }
    if let Some(rest) = text.strip_prefix("--") {
        let (day, time) = rest.split_once('T').map_or((rest, None), |(d, t)| (d, Some(t)));
        if let Some(time) = time {
            check_time(time).map_err(|()| invalid())?;
        }
        return PartialDate::parse(&format!("--{day}")).map_err(|_| invalid());
    }
    let (day, time) = text.split_once(['T', 't']).map_or((text, None), |(d, t)| (d, Some(t)));
    let date = if day.len() == 10 && day.as_bytes().get(4) == Some(&b'-') {
        NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
    } else if day.len() == 8 && day.bytes().all(|b| b.is_ascii_digit()) {
        NaiveDate::parse_from_str(day, "%Y%m%d").ok()
    } else {
        None
    };
    let date = match (date, time) {
        (Some(date), Some(time)) => check_time(time).map(|()| date).map_err(|()| invalid())?,
        (Some(date), None) => date,
        (None, _) => spelled_out(text).ok_or_else(invalid)?,
    };
    if !printable_year(date) {
        return Err(invalid());
    }
    Ok(with_known_year(date, omit_year))
}

/// `01 Jul 2026`, `1 July 2026`, `Jul 1, 2026`, and `2026-07-01 14:30` with a space.
fn spelled_out(text: &str) -> Option<NaiveDate> {
    const FORMATS: &[&str] = &["%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y"];
    FORMATS.iter().find_map(|f| NaiveDate::parse_from_str(text, f).ok()).or_else(|| parse_date(text).ok())
}

/// The time part of a date-time: `hhmmss`, `hh:mm:ss`, `hhmm`, `hh:mm` or `hh`, then nothing,
/// `Z` or a UTC offset.
fn check_time(time: &str) -> Result<(), ()> {
    const FORMATS: &[&str] = &["%H:%M:%S%.f", "%H%M%S%.f", "%H:%M", "%H%M", "%H"];
    for format in FORMATS {
        if let Ok((_, rest)) = NaiveTime::parse_and_remainder(time, format) {
            let zone_ok = rest.is_empty()
                || rest.eq_ignore_ascii_case("z")
                || (rest.starts_with(['+', '-'])
                    && rest.len() <= 6
                    && rest.bytes().skip(1).all(|b| b.is_ascii_digit() || b == b':'));
            if zone_ok {
                return Ok(());
            }
        }
    }
    Err(())
}

#[cfg(test)]
mod tests {

    /// `parse_any_year` before its `YYYY-MM-DD` shortcut: chrono's format parser only.
    fn by_chrono(text: &str) -> Result<NaiveDate, DateError> {
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) if text.len() == 10 => Ok(date),
            _ => Err(DateError::Invalid(text.to_string())),
        }
    }

    proptest::proptest! {
        #[test]
        fn the_plain_date_shortcut_reads_what_chrono_reads(text in "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9+ -]{0,2}[0-9]{1,4}-[0-9 +]{1,2}-[0-9 ]{1,3}") {
            if let Some(date) = plain_ymd(&text) {
                proptest::prop_assert_eq!(date, by_chrono(&text));
            }
        }
    }

    #[test]
    fn the_plain_date_shortcut_takes_ten_digits_and_dashes_only() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or(DateError::Invalid(String::new()));
        assert_eq!(plain_ymd("2026-11-26"), Some(day(2026, 11, 26)));
        assert_eq!(plain_ymd("2026-02-30"), Some(Err(DateError::Invalid("2026-02-30".into()))));
        assert_eq!(plain_ymd("0000-01-01"), Some(day(0, 1, 1)));
        for other in ["2026-1-026", "+026-11-26", "2026-11-2 ", "2026-11-26T", "２026-11-26", "2026/11/26"] {
            assert_eq!(plain_ymd(other), None, "{other}");
        }
        assert_eq!(parse_date("2026-02-30"), Err(DateError::Invalid("2026-02-30".into())));
    }
    use super::*;

    fn pd(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    fn date(text: &str) -> String {
        parse_exported(text, None).map_or_else(|e| format!("error: {e}"), |d| d.to_string())
    }

    #[test]
    fn slashed_dates_when_one_reading_fits() {
        let order = |o| parse_exported_in("3/4/1980", None, o).map(|d| d.to_string());
        assert_eq!(date("3/26/1980"), "1980-03-26");
        assert_eq!(date("26/3/1980"), "1980-03-26");
        assert_eq!(date("1980/03/26"), "1980-03-26");
        assert_eq!(date("5/5/1990"), "1990-05-05");
        assert_eq!(date("3/4/1980"), "error: ambiguous date \"3/4/1980\" (day and month order unknown)");
        assert_eq!(order(Some(SlashOrder::MonthFirst)).unwrap(), "1980-03-04");
        assert_eq!(order(Some(SlashOrder::DayFirst)).unwrap(), "1980-04-03");
        for placeholder in ["0/0/00", "1/0/00", "00/00/0000", "0/0/0000", "1/1/4501"] {
            assert_eq!(parse_exported(placeholder, None), Err(DateError::Placeholder(placeholder.into())));
        }
        for invalid in ["3/26/80", "13/13/1980", "2/30/1980", "1/2/3/4", "a/b/1980", "/1/1980", "123/1/1980"]
        {
            assert!(date(invalid).starts_with("error: invalid date"), "{invalid}: {}", date(invalid));
        }
        assert_eq!(slash_evidence("3/26/1980"), Some(SlashOrder::MonthFirst));
        assert_eq!(slash_evidence("26/3/1980"), Some(SlashOrder::DayFirst));
        assert_eq!(slash_evidence("3/4/1980"), None);
        assert_eq!(date("2/29/1604"), "--02-29");
    }

    #[test]
    fn full_dates_and_date_times() {
        assert_eq!(pd("1980-03-26"), PartialDate { year: Some(1980), month: 3, day: 26 });
        assert_eq!(parse_date("2026-10-02T14:30:00").unwrap().to_string(), "2026-10-02");
        assert_eq!(parse_date("2026-10-02 09:15").unwrap().to_string(), "2026-10-02");
        assert_eq!(parse_date("2026-10-02T14:30:00+02:00").unwrap().to_string(), "2026-10-02");
    }

    #[test]
    fn year_less_forms() {
        let expect = PartialDate { year: None, month: 4, day: 17 };
        assert_eq!(pd("--04-17"), expect);
        assert_eq!(pd("--0417"), expect);
        assert_eq!(pd("04-17"), expect);
        assert_eq!(pd("1604-04-17"), expect, "Apple's no-year placeholder");
        assert_eq!(pd("--02-29"), PartialDate { year: None, month: 2, day: 29 });
    }

    #[test]
    fn impossible_and_ambiguous_dates_are_errors() {
        for bad in
            ["2026-13-45", "2026-02-29", "04/05/2026", "--13-01", "02-30", "next week", "2026-1-5x", ""]
        {
            assert!(PartialDate::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert!(parse_date("04/05/2026").unwrap_err().to_string().contains("ambiguous"));
        assert!(pd("1988-02-29").full().is_some());
    }

    #[test]
    fn fuzz_regression_dates_1() {
        // `-1-10-02T14:0` read as year -1, which prints as `-0001-10-02`: unreadable once written.
        let input = b"\x10\x0b\x00\x03\x00\x00\x00\x02\xe1011-1-10-02T14:0";
        let text = String::from_utf8_lossy(&input[12..]);
        assert!(parse_date(&text).is_err());
        assert!(parse_date("-1-10-02T14:00").unwrap_err().to_string().contains("four digits"));
        assert!(parse_date("+12345-01-01T00:00").is_err());
        assert_eq!(parse_date("0000-01-01").unwrap().to_string(), "0000-01-01");
    }

    #[test]
    fn display_round_trips() {
        assert_eq!(pd("--4-7").to_string(), "--04-07");
        assert_eq!(pd("1980-03-26").to_string(), "1980-03-26");
    }

    #[test]
    fn dates_in_every_exported_shape() {
        assert_eq!(date("1980-03-26"), "1980-03-26");
        assert_eq!(date("19800326"), "1980-03-26");
        assert_eq!(date("--0326"), "--03-26");
        assert_eq!(date("--03-26"), "--03-26");
        assert_eq!(date("1604-06-20"), "--06-20");
        assert_eq!(date("16040105"), "--01-05");
        assert_eq!(date("1996-04-15T201243+04:00"), "1996-04-15");
        assert_eq!(date("20090808T1430-0500"), "2009-08-08");
        assert_eq!(date("2019-02-10T00:00:33"), "2019-02-10");
        assert_eq!(date("20190220T000035"), "2019-02-20");
        assert_eq!(date("2012-03-05T13:32:54Z"), "2012-03-05");
        assert_eq!(date("01 Jul 2026"), "2026-07-01");
        assert_eq!(date("--02-29"), "--02-29");
        assert_eq!(parse_exported("2022-11-02", Some(2022)).map(|d| d.to_string()).as_deref(), Ok("--11-02"));
        for bad in
            ["2026-13-45", "20261345", "04/05/2026", "circa 1800", "", "--1301", "1980-03-26Tnoon", "T1430"]
        {
            assert!(date(bad).starts_with("error"), "{bad} should be refused: {}", date(bad));
        }
    }

    #[test]
    fn fuzz_regression_dates_2() {
        // A year that does not print back as four digits (`-0001-10-02`) is refused.
        for text in ["-1-10-02", "-001-10-02", "12345-01-01T00:00"] {
            assert!(parse_exported(text, None).is_err(), "{text}");
        }
    }
}
