//! iCalendar (RFC 5545) export: yearly events for birthdays, anniversaries, family birthdays
//! and `dates`, one-off events for due follow-ups and planned touchpoints.

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::index::Index;

/// Writes the calendar for every entry of `index` selected by `selected` (indices into entries).
pub fn calendar(w: &mut dyn Write, index: &Index, selected: &[usize], today: NaiveDate) -> io::Result<()> {
    let _ = (w, index, selected, today);
    Err(io::Error::other("ics export is not implemented yet"))
}
