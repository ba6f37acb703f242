//! How often to reach out: parsing every cadence form people write, and adding a cadence to a
//! date with calendar-month arithmetic (Jan 31 + 1 month = Feb 28/29). Pure.

pub(crate) use crate::error::CadenceError;
use std::fmt;
use std::sync::LazyLock;

use chrono::{Days, Months, NaiveDate};
use regex::Regex;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Cadence {
    Every {
        count: u32,
        unit: Unit,
    },
    /// `cadence: none`: never due, and it wins over tag cadences.
    Never,
}

static FORM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:every\s+)?(\d+)?\s*(d|days?|w|weeks?|m|months?|y|years?)$").expect("valid regex")
});

impl Cadence {
    pub fn parse(text: &str) -> Result<Cadence, CadenceError> {
        let normalized = text.trim().to_lowercase();
        let named = match normalized.as_str() {
            "none" | "never" => Some(Cadence::Never),
            "daily" => Some(every(1, Unit::Day)),
            "weekly" => Some(every(1, Unit::Week)),
            "biweekly" | "fortnightly" => Some(every(2, Unit::Week)),
            "monthly" => Some(every(1, Unit::Month)),
            "quarterly" => Some(every(3, Unit::Month)),
            "yearly" | "annually" => Some(every(1, Unit::Year)),
            _ => None,
        };
        if let Some(cadence) = named {
            return Ok(cadence);
        }
        let unknown = || CadenceError::Unknown(text.to_string());
        let caps = FORM.captures(&normalized).ok_or_else(unknown)?;
        let count = match caps.get(1) {
            Some(m) => m.as_str().parse::<u32>().map_err(|_| unknown())?,
            None if normalized.starts_with("every") => 1,
            None => return Err(unknown()),
        };
        if count == 0 || count > 10_000 {
            return Err(CadenceError::OutOfRange(text.to_string()));
        }
        let unit = match caps.get(2).map_or("", |m| m.as_str()).as_bytes().first() {
            Some(b'd') => Unit::Day,
            Some(b'w') => Unit::Week,
            Some(b'm') => Unit::Month,
            _ => Unit::Year,
        };
        Ok(every(count, unit))
    }

    /// A plain number of days, as some vaults write it (`prm-cadence: 21`).
    pub(crate) fn from_days(days: i64) -> Result<Cadence, CadenceError> {
        u32::try_from(days)
            .ok()
            .filter(|d| (1..=10_000).contains(d))
            .map(|d| every(d, Unit::Day))
            .ok_or(CadenceError::Days(days))
    }

    /// `date` plus one period; `None` for `Never` or when the result is past
    /// [`crate::dates::LAST_DATE`] (no date touchbase could print).
    #[must_use]
    pub fn add_to(self, date: NaiveDate) -> Option<NaiveDate> {
        self.add_unbounded(date).filter(|next| *next <= crate::dates::LAST_DATE)
    }

    /// As [`Cadence::add_to`], but up to chrono's last date: for comparing only (a query's
    /// `due:<10000y`), never for a date that is stored or printed.
    #[must_use]
    pub(crate) fn add_unbounded(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Cadence::Never => None,
            Cadence::Every { count, unit } => match unit {
                Unit::Day => date.checked_add_days(Days::new(u64::from(count))),
                Unit::Week => date.checked_add_days(Days::new(u64::from(count) * 7)),
                Unit::Month => date.checked_add_months(Months::new(count)),
                Unit::Year => date.checked_add_months(Months::new(count.checked_mul(12)?)),
            },
        }
    }

    /// The period's length in days, for comparing cadences and ranking lateness.
    #[must_use]
    pub fn approx_days(self) -> f64 {
        match self {
            Cadence::Never => f64::INFINITY,
            Cadence::Every { count, unit } => {
                let per = match unit {
                    Unit::Day => 1.0,
                    Unit::Week => 7.0,
                    Unit::Month => 30.436_875,
                    Unit::Year => 365.242_5,
                };
                f64::from(count) * per
            }
        }
    }
}

const fn every(count: u32, unit: Unit) -> Cadence {
    Cadence::Every { count, unit }
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Cadence::Never => f.write_str("none"),
            Cadence::Every { count: 1, unit: Unit::Day } => f.write_str("daily"),
            Cadence::Every { count: 1, unit: Unit::Week } => f.write_str("weekly"),
            Cadence::Every { count: 2, unit: Unit::Week } => f.write_str("biweekly"),
            Cadence::Every { count: 1, unit: Unit::Month } => f.write_str("monthly"),
            Cadence::Every { count: 3, unit: Unit::Month } => f.write_str("quarterly"),
            Cadence::Every { count: 1, unit: Unit::Year } => f.write_str("yearly"),
            Cadence::Every { count, unit } => {
                let suffix = match unit {
                    Unit::Day => 'd',
                    Unit::Week => 'w',
                    Unit::Month => 'm',
                    Unit::Year => 'y',
                };
                write!(f, "{count}{suffix}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn add(cadence: &str, date: &str) -> String {
        Cadence::parse(cadence).unwrap().add_to(d(date)).unwrap().to_string()
    }

    #[test]
    fn every_form_parses() {
        let cases = [
            ("7d", "7d"),
            ("2w", "biweekly"),
            ("3m", "quarterly"),
            ("1y", "yearly"),
            ("every 3 weeks", "3w"),
            ("Every 2 Months", "2m"),
            ("every week", "weekly"),
            ("weekly", "weekly"),
            ("biweekly", "biweekly"),
            ("monthly", "monthly"),
            ("quarterly", "quarterly"),
            ("yearly", "yearly"),
            ("none", "none"),
            ("10 days", "10d"),
            (" 6M ", "6m"),
        ];
        for (input, shown) in cases {
            assert_eq!(Cadence::parse(input).unwrap().to_string(), shown, "{input}");
        }
    }

    #[test]
    fn bad_cadences_are_errors() {
        for bad in ["", "sometimes", "0d", "3", "every", "2x", "-1w", "99999999999d", "every 0 weeks"] {
            assert!(Cadence::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(Cadence::from_days(0).is_err());
        assert_eq!(Cadence::from_days(21).unwrap().to_string(), "21d");
    }

    #[test]
    fn calendar_month_arithmetic_clamps_to_month_end() {
        assert_eq!(add("1m", "2026-01-31"), "2026-02-28");
        assert_eq!(add("1m", "2028-01-31"), "2028-02-29");
        assert_eq!(add("monthly", "2026-03-31"), "2026-04-30");
        assert_eq!(add("quarterly", "2026-11-30"), "2027-02-28");
        assert_eq!(add("1y", "2028-02-29"), "2029-02-28");
        assert_eq!(add("2w", "2026-12-25"), "2027-01-08");
        assert_eq!(add("7d", "2026-12-31"), "2027-01-07");
        assert_eq!(Cadence::Never.add_to(d("2026-01-01")), None);
    }

    #[test]
    fn no_due_date_past_9999() {
        assert_eq!(add("1d", "9999-12-30"), "9999-12-31");
        let yearly = Cadence::parse("1y").unwrap();
        assert_eq!(yearly.add_to(d("9999-06-01")), None);
        assert_eq!(Cadence::parse("10000y").unwrap().add_to(d("0000-01-01")), None);
    }

    #[test]
    fn ordering_by_length() {
        let weekly = Cadence::parse("weekly").unwrap().approx_days();
        let monthly = Cadence::parse("monthly").unwrap().approx_days();
        let yearly = Cadence::parse("yearly").unwrap().approx_days();
        assert!(weekly < monthly && monthly < yearly);
        assert!(Cadence::Never.approx_days() > yearly);
    }
}
