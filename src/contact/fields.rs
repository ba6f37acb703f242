//! Typed views of front matter values: dates with or without a year, and the forgiving
//! shapes people write (a list or a comma-separated string, a string or a list of strings).
//! Pure: never reads the clock or the filesystem.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};
use serde_yaml::Value;

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
pub const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(date) => date,
    None => NaiveDate::MAX,
};

/// The range of `--today`: a year inside [`LAST_DATE`] and year 0 at both ends, so that every
/// window and week around today (the agenda's 14 days, this week and the next, a week back to
/// its first day) stays inside the years touchbase prints.
pub const TODAY_RANGE: std::ops::RangeInclusive<NaiveDate> = {
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

impl PartialDate {
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let text = text.trim();
        if let Some(rest) = text.strip_prefix("--") {
            return parse_month_day(rest, text);
        }
        if text.len() <= 5 && text.contains('-') {
            return parse_month_day(text, text);
        }
        let date = parse_date(text)?;
        let year = (date.year() != APPLE_NO_YEAR).then_some(date.year());
        Ok(PartialDate { year, month: date.month(), day: date.day() })
    }

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

fn parse_month_day(rest: &str, original: &str) -> Result<PartialDate, String> {
    // A leap year, so that a year-less Feb 29 is valid.
    let parsed = if rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit()) {
        NaiveDate::parse_from_str(&format!("2000{rest}"), "%Y%m%d")
    } else {
        NaiveDate::parse_from_str(&format!("2000-{rest}"), "%Y-%m-%d")
    };
    let date =
        parsed.map_err(|_| format!("invalid date {original:?} (expected --MM-DD, --MMDD or MM-DD)"))?;
    Ok(PartialDate { year: None, month: date.month(), day: date.day() })
}

/// Parses `YYYY-MM-DD`, or a date-time whose date is used. Anything else is an error: an
/// impossible date is never guessed, nor is an ambiguous `04/05/2026`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let date = parse_any_year(text)?;
    // Only a year of four digits prints back as `YYYY-MM-DD` (`-1-10-02T14:00` would not).
    if !(0..=9999).contains(&date.year()) {
        return Err(format!("invalid date {text:?} (the year must have four digits)"));
    }
    Ok(date)
}

fn parse_any_year(text: &str) -> Result<NaiveDate, String> {
    if text.contains('/') {
        return Err(format!("ambiguous date {text:?} (write YYYY-MM-DD)"));
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
    Err(format!("invalid date {text:?} (expected YYYY-MM-DD)"))
}

/// The text of a scalar; `None` for null, empty strings, mappings and sequences.
pub fn scalar_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Tagged(tagged) => return scalar_text(&tagged.value),
        Value::Null | Value::Mapping(_) | Value::Sequence(_) => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// A list of strings from a sequence, or from one string split on `separator` when given.
/// Empty items (as templates leave them) are dropped.
pub fn string_list(value: &Value, separator: Option<char>) -> Vec<String> {
    match value {
        Value::Sequence(items) => items.iter().filter_map(scalar_text).collect(),
        Value::Tagged(tagged) => string_list(&tagged.value, separator),
        other => match (scalar_text(other), separator) {
            (Some(text), Some(sep)) => {
                text.split(sep).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
            }
            (Some(text), None) => vec![text],
            (None, _) => Vec::new(),
        },
    }
}

/// Every scalar inside a value, depth first, in document order (for full-text search and links).
pub fn walk_scalars<'a>(value: &'a Value, visit: &mut dyn FnMut(&'a Value)) {
    match value {
        Value::Sequence(items) => items.iter().for_each(|v| walk_scalars(v, visit)),
        Value::Mapping(map) => map.iter().for_each(|(k, v)| {
            walk_scalars(k, visit);
            walk_scalars(v, visit);
        }),
        Value::Tagged(tagged) => walk_scalars(&tagged.value, visit),
        scalar => visit(scalar),
    }
}

/// A mapping key as text (`2026: x` and `true: y` are keys too).
pub fn key_text(key: &Value) -> String {
    scalar_text(key).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pd(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
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
        assert!(parse_date("04/05/2026").unwrap_err().contains("ambiguous"));
        assert!(pd("1988-02-29").full().is_some());
    }

    #[test]
    fn fuzz_regression_dates_1() {
        // `-1-10-02T14:0` read as year -1, which prints as `-0001-10-02`: unreadable once written.
        let input = b"\x10\x0b\x00\x03\x00\x00\x00\x02\xe1011-1-10-02T14:0";
        let text = String::from_utf8_lossy(&input[12..]);
        assert!(parse_date(&text).is_err());
        assert!(parse_date("-1-10-02T14:00").unwrap_err().contains("four digits"));
        assert!(parse_date("+12345-01-01T00:00").is_err());
        assert_eq!(parse_date("0000-01-01").unwrap().to_string(), "0000-01-01");
    }

    #[test]
    fn display_round_trips() {
        assert_eq!(pd("--4-7").to_string(), "--04-07");
        assert_eq!(pd("1980-03-26").to_string(), "1980-03-26");
    }

    #[test]
    fn lists_accept_strings_and_sequences() {
        let v: Value = serde_yaml::from_str("[golf, '', customer]").unwrap();
        assert_eq!(string_list(&v, Some(',')), ["golf", "customer"]);
        let v: Value = serde_yaml::from_str("'golf, customer ,'").unwrap();
        assert_eq!(string_list(&v, Some(',')), ["golf", "customer"]);
        let v: Value = serde_yaml::from_str("~").unwrap();
        assert!(string_list(&v, Some(',')).is_empty());
        let v: Value = serde_yaml::from_str("[ ]").unwrap();
        assert!(string_list(&v, None).is_empty());
    }
}
