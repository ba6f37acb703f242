//! Yearly dates: the next occurrence on or after a day (Feb 29 falls on Feb 28 in other years),
//! ages and ordinals. Pure date math; never reads the clock.

use chrono::{Datelike, NaiveDate};

use crate::contact::PartialDate;
use crate::dates::LAST_DATE;

/// The date `month`/`day` falls on in `year`; Feb 29 becomes Feb 28 outside leap years. `None`
/// outside the years 0 to 9999, which touchbase cannot print.
#[must_use]
pub(crate) fn in_year(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(0..=LAST_DATE.year()).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
        .or_else(|| (month == 2 && day == 29).then(|| NaiveDate::from_ymd_opt(year, 2, 28)).flatten())
}

/// Every occurrence of a yearly date from `from` through `to`, both included.
#[must_use]
pub fn occurrences(date: PartialDate, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    // A window of `upcoming --days 4000000000` ends at chrono's last year: years past 9999
    // hold no occurrence, and looping through them would take long.
    let to = to.min(LAST_DATE);
    let mut out = Vec::new();
    let mut year = from.year();
    while year <= to.year() {
        if let Some(day) = in_year(year, date.month, date.day) {
            // A yearly date starts recurring in the year it happened, not before.
            let started = date.year.is_none_or(|y| year >= y);
            if day >= from && day <= to && started {
                out.push(day);
            }
        }
        year += 1;
    }
    out
}

/// The first occurrence on or after `from`.
#[must_use]
pub fn next_occurrence(date: PartialDate, from: NaiveDate) -> Option<NaiveDate> {
    let this_year = in_year(from.year(), date.month, date.day)?;
    if this_year >= from {
        Some(this_year)
    } else {
        in_year(from.year() + 1, date.month, date.day)
    }
}

/// Full years from the original date to an occurrence (the age reached, the anniversary's number).
#[must_use]
pub fn years_since(date: PartialDate, occurrence: NaiveDate) -> Option<i32> {
    date.year.map(|y| occurrence.year() - y)
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`, `21st`, `101st`, `111th`.
#[must_use]
pub fn ordinal(n: i32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn pd(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn feb_29_falls_on_feb_28_in_common_years() {
        assert_eq!(next_occurrence(pd("1988-02-29"), d("2026-01-01")), Some(d("2026-02-28")));
        assert_eq!(next_occurrence(pd("1988-02-29"), d("2028-01-01")), Some(d("2028-02-29")));
        assert_eq!(next_occurrence(pd("--02-29"), d("2027-03-01")), Some(d("2028-02-29")));
    }

    #[test]
    fn windows_cross_the_year_end() {
        let got = occurrences(pd("1990-01-03"), d("2026-12-20"), d("2027-01-19"));
        assert_eq!(got, [d("2027-01-03")]);
        let got = occurrences(pd("--12-31"), d("2026-12-31"), d("2027-01-01"));
        assert_eq!(got, [d("2026-12-31")]);
        let got = occurrences(pd("--06-01"), d("2026-01-01"), d("2028-12-31"));
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn nothing_before_the_event_happened() {
        assert!(occurrences(pd("2027-06-12"), d("2026-11-26"), d("2026-12-31")).is_empty());
        assert_eq!(occurrences(pd("2027-06-12"), d("2027-06-01"), d("2027-06-30")), [d("2027-06-12")]);
    }

    #[test]
    fn no_occurrence_past_9999() {
        assert_eq!(next_occurrence(pd("--12-31"), d("9999-12-31")), Some(d("9999-12-31")));
        assert_eq!(next_occurrence(pd("--06-01"), d("9999-06-02")), None);
        assert_eq!(next_occurrence(pd("--02-29"), d("9999-03-01")), None);
        let to = NaiveDate::MAX;
        assert_eq!(occurrences(pd("--01-01"), d("9998-06-01"), to), [d("9999-01-01")]);
        assert_eq!(in_year(10_000, 1, 1), None);
    }

    #[test]
    fn ages_and_ordinals() {
        assert_eq!(years_since(pd("1980-03-26"), d("2027-03-26")), Some(47));
        assert_eq!(years_since(pd("--03-26"), d("2027-03-26")), None);
        let cases =
            [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th")];
        for (n, s) in cases {
            assert_eq!(ordinal(n), s);
        }
        assert_eq!(ordinal(21), "21st");
        assert_eq!(ordinal(101), "101st");
        assert_eq!(ordinal(111), "111th");
        assert_eq!(ordinal(0), "0th");
    }
}
