//! iCalendar (RFC 5545) export from `report::calendar`: yearly events (with an `RRULE`) for
//! birthdays, anniversaries, family birthdays and `dates`, one-off events for the follow-up and
//! planned touchpoints. Lines end in CRLF, folded and escaped by `rfc_text`.
//!
//! The output depends only on the report (no wall clock, no random UIDs), so two exports of the
//! same vault for the same day are byte-identical.

use std::io::{self, Write};

use chrono::{Days, NaiveDate};

use super::rfc_text::{escape, line};
use crate::dates::LAST_DATE;
use crate::report::calendar::{Calendar, CalendarEvent};

/// Writes the calendar, its events in the report's order.
pub(crate) fn calendar(
    w: &mut (impl Write + ?Sized),
    calendar: Calendar<impl Iterator<Item = CalendarEvent>>,
) -> io::Result<()> {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, &format!("PRODID:-//touchbase//touchbase {}//EN", env!("CARGO_PKG_VERSION")));
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "X-WR-CALNAME:touchbase");
    w.write_all(out.as_bytes())?;
    let stamp = format!("DTSTAMP:{}T000000Z", calendar.today.format("%Y%m%d"));
    for event in calendar.events {
        out.clear();
        write_event(&mut out, &event, &stamp);
        w.write_all(out.as_bytes())?;
    }
    out.clear();
    line(&mut out, "END:VCALENDAR");
    w.write_all(out.as_bytes())
}

fn write_event(out: &mut String, event: &CalendarEvent, stamp: &str) {
    let day = |d: NaiveDate| d.format("%Y%m%d").to_string();
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}", event.uid));
    line(out, stamp);
    line(out, &format!("DTSTART;VALUE=DATE:{}", day(event.start)));
    // The day after 9999-12-31 has no valid DATE value (chrono would write `+100000101`); a
    // DATE start without an end is one day long anyway (RFC 5545 3.6.1).
    if let Some(end) = event.start.checked_add_days(Days::new(1)).filter(|end| *end <= LAST_DATE) {
        line(out, &format!("DTEND;VALUE=DATE:{}", day(end)));
    }
    match event.yearly {
        Some(date) if date.month == 2 && date.day == 29 => {
            line(out, "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1");
        }
        Some(_) => line(out, "RRULE:FREQ=YEARLY"),
        None => {}
    }
    line(out, &format!("SUMMARY:{}", escape(&event.summary)));
    line(out, &format!("DESCRIPTION:{}", escape(&event.description)));
    line(out, &format!("CATEGORIES:{}", event.category));
    line(out, "TRANSP:TRANSPARENT");
    line(out, "END:VEVENT");
}
