//! Weeks: ISO weeks (`2026-W48`, Monday first) or weeks starting on another day, as ranges of
//! dates. Pure date math.

pub(crate) use crate::error::WeekError;
use chrono::{Datelike, Days, IsoWeek, NaiveDate, Weekday};

use crate::dates::LAST_DATE;

/// Seven consecutive days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Week {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The ISO week the week's Monday-based name comes from.
    pub iso: IsoWeek,
}

impl Week {
    /// The week containing `day`, starting on `first_day`.
    #[must_use]
    pub(crate) fn containing(day: NaiveDate, first_day: Weekday) -> Week {
        let back = (7 + day.weekday().num_days_from_monday() - first_day.num_days_from_monday()) % 7;
        let start = day.checked_sub_days(Days::new(u64::from(back))).unwrap_or(day);
        Week::starting(start)
    }

    fn starting(start: NaiveDate) -> Week {
        let end = start.checked_add_days(Days::new(6)).unwrap_or(start);
        // Name the week after the ISO week of its Thursday-or-nearest Monday-based day.
        let iso = start.checked_add_days(Days::new(3)).unwrap_or(start).iso_week();
        Week { start, end, iso }
    }

    /// `2026-W48` (also `2026-w48`, `2026W48`): the ISO week, shifted to start on `first_day`.
    pub fn parse(text: &str, first_day: Weekday) -> Result<Week, WeekError> {
        let monday = Week::parse_iso_monday(text)?;
        Week::from_iso_monday(monday, first_day).map_err(|_| WeekError::OutOfRange(text.to_string()))
    }

    /// The Monday of an ISO week written `2026-W48`.
    pub(crate) fn parse_iso_monday(text: &str) -> Result<NaiveDate, WeekError> {
        let bad = || WeekError::Invalid(text.to_string());
        let upper = text.trim().to_uppercase();
        let (year, week) = upper.split_once('W').ok_or_else(bad)?;
        let year: i32 = year.trim_end_matches('-').parse().map_err(|_| bad())?;
        let week: u32 = week.parse().map_err(|_| bad())?;
        let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or_else(bad)?;
        // Checked for any first day of the week, before the vault's is known.
        for first_day in
            [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun]
        {
            Week::from_iso_monday(monday, first_day).map_err(|_| WeekError::OutOfRange(text.to_string()))?;
        }
        Ok(monday)
    }

    /// The week holding an ISO week's Monday, starting on `first_day`.
    pub(crate) fn from_iso_monday(monday: NaiveDate, first_day: Weekday) -> Result<Week, WeekError> {
        let found = Week::containing(monday, first_day);
        // Outreach prints this week and the next: both must be inside the years touchbase prints.
        if found.start.year() < 0 || found.next().end > LAST_DATE {
            let iso = monday.iso_week();
            return Err(WeekError::OutOfRange(format!("{}-W{:02}", iso.year(), iso.week())));
        }
        Ok(found)
    }

    #[must_use]
    pub fn next(self) -> Week {
        Week::starting(self.end.checked_add_days(Days::new(1)).unwrap_or(self.end))
    }

    /// `2026-W48`.
    #[must_use]
    pub fn name(self) -> String {
        format!("{}-W{:02}", self.iso.year(), self.iso.week())
    }
}

/// `monday`, `sunday`, ... for `week_start` in touchbase.toml.
pub fn parse_weekday(text: &str) -> Result<Weekday, WeekError> {
    text.trim().parse::<Weekday>().map_err(|_| WeekError::Weekday(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn iso_weeks() {
        let w = Week::containing(d("2026-11-26"), Weekday::Mon);
        assert_eq!((w.start, w.end, w.name()), (d("2026-11-23"), d("2026-11-29"), "2026-W48".into()));
        assert_eq!(Week::parse("2026-W48", Weekday::Mon).unwrap(), w);
        assert_eq!(Week::parse("2026w48", Weekday::Mon).unwrap(), w);
        assert_eq!(w.next().name(), "2026-W49");
    }

    #[test]
    fn year_end_and_week_53() {
        // 2026 has 53 ISO weeks: W53 runs Dec 28 2026 - Jan 3 2027.
        let w = Week::parse("2026-W53", Weekday::Mon).unwrap();
        assert_eq!((w.start, w.end), (d("2026-12-28"), d("2027-01-03")));
        assert_eq!(w.next().name(), "2027-W01");
        assert_eq!(Week::containing(d("2027-01-01"), Weekday::Mon).name(), "2026-W53");
        // 2025-12-29 belongs to 2026-W01.
        assert_eq!(Week::containing(d("2025-12-31"), Weekday::Mon).name(), "2026-W01");
        assert!(Week::parse("2027-W53", Weekday::Mon).is_err());
        assert!(Week::parse("2026-48", Weekday::Mon).is_err());
        assert!(Week::parse("W48", Weekday::Mon).is_err());
    }

    #[test]
    fn weeks_past_9999_are_refused() {
        // 9999-12-31 is a Friday: W51's next week, W52, ends on 10000-01-02.
        assert!(Week::parse("9999-W50", Weekday::Mon).is_ok());
        assert!(Week::parse("9999-W51", Weekday::Mon).unwrap_err().to_string().contains("out of range"));
        assert!(Week::parse("9999-W52", Weekday::Mon).is_err());
        assert!(Week::parse("-1-W52", Weekday::Mon).is_err());
    }

    #[test]
    fn weeks_starting_on_sunday() {
        let w = Week::containing(d("2026-11-26"), Weekday::Sun);
        assert_eq!((w.start, w.end), (d("2026-11-22"), d("2026-11-28")));
        assert_eq!(w.name(), "2026-W48");
        assert!(w.start <= d("2026-11-22") && d("2026-11-29") > w.end);
        assert_eq!(parse_weekday("Sunday").unwrap(), Weekday::Sun);
        assert!(parse_weekday("someday").is_err());
    }
}
