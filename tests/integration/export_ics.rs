//! `export --format ics`: the output is parsed back with a real iCalendar parser (the
//! `icalendar` crate) and every event is checked against what the fixture vault says.

use std::collections::{BTreeMap, HashSet};

use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::parser::{read_calendar, unfold};
use icalendar::{CalendarComponent, Component, DatePerhapsTime};

use crate::harness::Test;

/// One VEVENT as the parser read it (TEXT values unescaped by the parser).
#[derive(Debug, Clone)]
struct Ev {
    uid: String,
    start: NaiveDate,
    rrule: Option<String>,
    summary: String,
    description: String,
    category: String,
}

impl Ev {
    /// The contact file the event is about: the last line of its description.
    fn path(&self) -> &str {
        self.description.lines().last().unwrap_or("")
    }
}

fn export(test: Test) -> String {
    export_query(test, &[])
}

fn export_query(test: Test, query: &[&str]) -> String {
    let out = test.args(["export", "--format", "ics"]).args(query.iter().copied()).run();
    out.success();
    assert!(out.stderr.is_empty(), "stderr: {}", out.stderr);
    out.stdout
}

fn ics(vault: &str) -> String {
    export(Test::vault(vault))
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y%m%d").unwrap()
}

/// Parses a whole calendar and checks what every event must have.
fn parse(text: &str) -> Vec<Ev> {
    let unfolded = unfold(text);
    let parsed = read_calendar(&unfolded).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let props: BTreeMap<&str, &str> =
        parsed.properties.iter().map(|p| (p.name.as_str(), p.val.as_str())).collect();
    assert_eq!(props.get("VERSION"), Some(&"2.0"));
    assert_eq!(props.get("CALSCALE"), Some(&"GREGORIAN"));
    assert_eq!(props.get("X-WR-CALNAME"), Some(&"touchbase"));
    let prodid = format!("-//touchbase//touchbase {}//EN", env!("CARGO_PKG_VERSION"));
    assert_eq!(props.get("PRODID"), Some(&prodid.as_str()));

    let mut raw = Vec::new();
    for component in &parsed.components {
        assert_eq!(component.name.as_str(), "VEVENT", "only events are exported");
        assert!(component.components.is_empty());
        let mut seen = HashSet::new();
        for p in &component.properties {
            assert!(seen.insert(p.name.as_str()), "{} twice in an event", p.name.as_str());
        }
        let get = |name: &str| component.find_prop(name).map(|p| p.val.as_str().to_string());
        let category = get("CATEGORIES").expect("CATEGORIES");
        assert_eq!(get("TRANSP").as_deref(), Some("TRANSPARENT"));
        raw.push((
            get("UID").expect("UID"),
            get("RRULE"),
            get("SUMMARY").expect("SUMMARY"),
            get("DESCRIPTION").expect("DESCRIPTION"),
            category,
        ));
    }

    let typed: icalendar::Calendar = read_calendar(&unfolded).unwrap().into();
    let events: Vec<&icalendar::Event> = typed
        .components
        .iter()
        .map(|c| match c {
            CalendarComponent::Event(e) => e,
            other => panic!("not an event: {other:?}"),
        })
        .collect();
    assert_eq!(events.len(), raw.len());
    let stamp = Utc.with_ymd_and_hms(2026, 11, 26, 0, 0, 0).unwrap();
    events
        .iter()
        .zip(raw)
        .map(|(event, (uid, rrule, summary, description, category))| {
            assert_eq!(event.get_uid(), Some(uid.as_str()));
            assert_eq!(event.get_summary(), Some(summary.as_str()));
            assert_eq!(event.get_timestamp(), Some(stamp), "DTSTAMP is --today at midnight UTC");
            let Some(DatePerhapsTime::Date(start)) = event.get_start() else {
                panic!("DTSTART is not a DATE: {summary}")
            };
            let Some(DatePerhapsTime::Date(end)) = event.get_end() else {
                panic!("DTEND is not a DATE: {summary}")
            };
            assert_eq!(end, start.succ_opt().unwrap(), "all-day: {summary}");
            assert!(uid.starts_with(&format!("tb-{category}-")) && uid.ends_with("@touchbase"), "{uid}");
            let yearly = ["birthday", "anniversary", "family", "date"].contains(&category.as_str());
            assert_eq!(rrule.is_some(), yearly, "RRULE only on yearly events: {summary}");
            Ev { uid, start, rrule, summary, description, category }
        })
        .collect()
}

fn counts(events: &[Ev]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for e in events {
        *counts.entry(e.category.clone()).or_insert(0) += 1;
    }
    counts
}

fn assert_unique_uids(events: &[Ev]) {
    let uids: HashSet<&str> = events.iter().map(|e| e.uid.as_str()).collect();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
}

const HOSTILE: &str = "Evil; Name, Back\\slash\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected";
const LONG_LABEL: &str =
    "Ünïcödé 😀 漢字 — a long label that goes on and on, past the seventy-five octet limit; twice";

/// What the `ics` fixture must produce, worked out by hand from its files for 2026-11-26:
/// (category, DTSTART, RRULE, SUMMARY).
fn expected_fixture() -> Vec<(&'static str, &'static str, Option<&'static str>, String)> {
    let yearly = Some("FREQ=YEARLY");
    let leap = Some("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1");
    let mut expected = vec![
        // family/Mom Mills.md: year unknown → next occurrence; 2w cadence, never contacted → today.
        ("birthday", "20270417", yearly, "Birthday: Mom Mills".to_string()),
        ("follow-up", "20261126", None, "Reach out: Mom Mills (never contacted)".to_string()),
        // family/Snoozy Sam.md: due 2026-11-08 but snoozed until 2026-12-05.
        ("follow-up", "20261205", None, "Reach out: Snoozy Sam (snooze ends)".to_string()),
        ("planned", "20261224", None, "Planned: Snoozy Sam — Christmas Eve dinner".to_string()),
        // people/Ada Lovelace.md: monthly from 2026-10-12 → due 2026-11-12, 14 days overdue.
        ("birthday", "19800326", yearly, "Birthday: Ada Lovelace (born 1980)".to_string()),
        ("anniversary", "20050618", yearly, "Anniversary: Ada Lovelace (since 2005)".to_string()),
        ("family", "20080514", yearly, "Birthday: Emma (daughter of Ada Lovelace, born 2008)".to_string()),
        ("family", "20270704", yearly, "Birthday: Sam (family of Ada Lovelace)".to_string()),
        ("date", "20190601", yearly, "Ada Lovelace: work anniversary (since 2019)".to_string()),
        ("follow-up", "20261126", None, "Reach out: Ada Lovelace (14 days overdue)".to_string()),
        ("planned", "20261126", None, "Planned: Ada Lovelace — call about the renewal".to_string()),
        ("planned", "20261203", None, "Planned: Ada Lovelace — coffee at Nino's".to_string()),
        // people/Hostile.md: no cadence, so no follow-up.
        ("birthday", "19900101", yearly, format!("Birthday: {HOSTILE} (born 1990)")),
        ("date", "20000101", yearly, format!("{HOSTILE}: {LONG_LABEL} (since 2000)")),
        // people/Leap Lena.md and people/Nora Noyear.md: Feb 29 with and without a year.
        ("birthday", "19880229", leap, "Birthday: Leap Lena (born 1988)".to_string()),
        ("birthday", "20270228", leap, "Birthday: Nora Noyear".to_string()),
        ("follow-up", "20261210", None, "Reach out: Nora Noyear (follow-up due)".to_string()),
        // people/Quiet Quinn.md: nothing.
    ];
    expected.sort();
    expected
}

#[test]
fn every_event_of_the_fixture_is_exported() {
    let events = parse(&ics("ics"));
    let mut got: Vec<(&str, String, Option<&str>, String)> = events
        .iter()
        .map(|e| {
            (e.category.as_str(), e.start.format("%Y%m%d").to_string(), e.rrule.as_deref(), e.summary.clone())
        })
        .collect();
    got.sort();
    let expected: Vec<(&str, String, Option<&str>, String)> =
        expected_fixture().into_iter().map(|(c, d, r, s)| (c, d.to_string(), r, s)).collect();
    assert_eq!(got, expected);
    let counts = counts(&events);
    let want =
        [("anniversary", 1), ("birthday", 5), ("date", 2), ("family", 2), ("follow-up", 4), ("planned", 3)];
    assert_eq!(counts, want.iter().map(|(k, n)| (k.to_string(), *n)).collect());
    assert_unique_uids(&events);
    // Each event names its contact file; the follow-up also says when it was due.
    let ada = events.iter().find(|e| e.summary.contains("Ada Lovelace (14 days")).unwrap();
    assert_eq!(ada.description, "Due: 2026-11-12\nLast contact: 2026-10-12\npeople/Ada Lovelace.md");
    assert!(events.iter().all(|e| e.path().ends_with(".md")));
    assert!(!events.iter().any(|e| e.path().contains("Quiet Quinn")));
}

#[test]
fn contacts_come_in_index_order() {
    let events = parse(&ics("ics"));
    let mut paths: Vec<&str> = events.iter().map(Ev::path).collect();
    paths.dedup();
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 6);
}

#[test]
fn sample_vault_matches_the_other_commands() {
    let text = export(Test::sample());
    let events = parse(&text);
    assert_unique_uids(&events);
    assert!(events.len() > 40);

    // Yearly events: each occurs exactly once from today through today + 364 in `upcoming`;
    // planned touchpoints and one-off events once each in the whole future.
    let mut want: Vec<(String, String)> = Vec::new();
    let upcoming = Test::sample().args(["upcoming", "--days", "364", "--format", "json"]).run();
    let upcoming: serde_json::Value = serde_json::from_str(&upcoming.stdout).unwrap();
    let planned = Test::sample().args(["upcoming", "--days", "36500", "--format", "json"]).run();
    let planned: serde_json::Value = serde_json::from_str(&planned.stdout).unwrap();
    for (list, kinds) in [
        (&upcoming, &["birthday", "anniversary", "family_birthday", "date"][..]),
        (&planned, &["planned", "event"]),
    ] {
        for e in list.as_array().unwrap() {
            let kind = e["kind"].as_str().unwrap();
            if kinds.contains(&kind) {
                let category = if kind == "family_birthday" { "family" } else { kind };
                want.push((category.to_string(), e["path"].as_str().unwrap().to_string()));
            }
        }
    }
    // One follow-up per contact that has a status other than none.
    let contacts = Test::sample().args(["export", "--format", "json"]).run();
    let contacts: serde_json::Value = serde_json::from_str(&contacts.stdout).unwrap();
    for c in contacts.as_array().unwrap() {
        if c["status"] != "none" {
            want.push(("follow-up".to_string(), c["path"].as_str().unwrap().to_string()));
        }
    }
    want.sort();
    let mut got: Vec<(String, String)> =
        events.iter().map(|e| (e.category.clone(), e.path().to_string())).collect();
    got.sort();
    assert_eq!(got, want);
    // Frank Moretti was born on Feb 29.
    let frank = events.iter().find(|e| e.summary == "Birthday: Frank Moretti (born 1988)").unwrap();
    assert_eq!(frank.rrule.as_deref(), Some("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"));
    assert_eq!(frank.start, day("19880229"));
    // A one-off event happens once: no RRULE.
    let graduation =
        events.iter().find(|e| e.summary == "Dave Kowalski: Tyler's high-school graduation").unwrap();
    assert_eq!((graduation.rrule.as_deref(), graduation.start), (None, day("20270605")));
    assert_eq!(graduation.category, "event");
}

#[test]
fn output_is_byte_identical_and_uids_are_stable() {
    let first = export(Test::sample());
    let second = export(Test::sample());
    assert_eq!(first, second);
    let a: Vec<String> = parse(&first).into_iter().map(|e| e.uid).collect();
    let b: Vec<String> = parse(&second).into_iter().map(|e| e.uid).collect();
    assert_eq!(a, b);
    // Another day moves follow-ups and DTSTAMP but keeps every UID.
    let later = export(Test::sample().today("2026-12-24"));
    let mut c: Vec<String> = parse_any_day(&later).into_iter().collect();
    let mut a = a;
    a.sort();
    c.sort();
    let a_set: HashSet<&String> = a.iter().collect();
    assert!(c.iter().filter(|u| !u.starts_with("tb-planned-")).all(|u| a_set.contains(u)));
}

/// The UIDs of a calendar exported for another day than the harness default.
fn parse_any_day(text: &str) -> Vec<String> {
    let unfolded = unfold(text);
    let parsed = read_calendar(&unfolded).unwrap();
    parsed.components.iter().map(|c| c.find_prop("UID").unwrap().val.as_str().to_string()).collect()
}

#[test]
fn a_new_last_contact_moves_the_follow_up_but_keeps_its_uid() {
    let follow_up = |events: Vec<Ev>| {
        events
            .into_iter()
            .find(|e| e.category == "follow-up" && e.path() == "people/Ada Lovelace.md")
            .unwrap()
    };
    let before = follow_up(parse(&ics("ics")));
    let edited = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ics/people/Ada Lovelace.md"),
    )
    .unwrap()
    .replace("last_contact: 2026-10-12", "last_contact: 2026-11-20")
    // Its open task of 2026-11-20, overdue until ticked, would hold the follow-up at today.
    .replace("- [ ] 2026-11-20 send the deck", "- [x] 2026-11-20 send the deck");
    let after = follow_up(parse(&export(Test::vault("ics").file("people/Ada Lovelace.md", &edited))));
    assert_eq!(before.start, day("20261126"));
    assert_eq!(after.start, day("20261220"));
    assert_eq!(after.summary, "Reach out: Ada Lovelace (monthly)");
    assert_eq!(before.uid, after.uid);
}

#[test]
fn feb_29_falls_on_the_last_day_of_february() {
    let events = parse(&ics("ics"));
    let lena = events.iter().find(|e| e.summary.starts_with("Birthday: Leap Lena")).unwrap();
    assert_eq!(lena.start, day("19880229"));
    assert_eq!(lena.rrule.as_deref(), Some("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"));
    // Year unknown: the next occurrence, which is Feb 28 in 2027 and matches the rule.
    let nora = events.iter().find(|e| e.summary == "Birthday: Nora Noyear").unwrap();
    assert_eq!(nora.start, day("20270228"));
    assert_eq!(nora.rrule, lena.rrule);
    // Other dates recur plainly.
    let ada = events.iter().find(|e| e.summary == "Birthday: Ada Lovelace (born 1980)").unwrap();
    assert_eq!(ada.rrule.as_deref(), Some("FREQ=YEARLY"));
}

fn assert_physical_lines(text: &str) {
    assert!(text.ends_with("\r\n"));
    let body = text.strip_suffix("\r\n").unwrap();
    for (n, line) in body.split("\r\n").enumerate() {
        assert!(line.len() <= 75, "line {} has {} octets: {line:?}", n + 1, line.len());
        assert!(!line.contains(['\r', '\n']), "bare CR or LF on line {}: {line:?}", n + 1);
        assert!(!line.is_empty(), "empty line {}", n + 1);
    }
}

#[test]
fn lines_are_folded_at_75_octets_and_end_with_crlf() {
    let text = ics("ics");
    assert_physical_lines(&text);
    assert_physical_lines(&export(Test::sample()));
    // The long unicode label really was folded, and continuation lines start with one space.
    assert!(text.split("\r\n").any(|l| l.starts_with(' ') && !l.starts_with("  ")));
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains(r"Ünïcödé 😀 漢字 — a long label that goes on and on\, past the"));
}

#[test]
fn hostile_names_round_trip_and_inject_nothing() {
    let text = ics("ics");
    let events = parse(&text);
    let structural = text.split("\r\n").filter(|l| *l == "BEGIN:VEVENT").count();
    assert_eq!(structural, events.len());
    assert_eq!(structural, expected_fixture().len());
    let hostile: Vec<&Ev> = events.iter().filter(|e| e.path() == "people/Hostile.md").collect();
    assert_eq!(hostile.len(), 2);
    assert_eq!(hostile[0].summary, format!("Birthday: {HOSTILE} (born 1990)"));
    assert_eq!(hostile[1].summary, format!("{HOSTILE}: {LONG_LABEL} (since 2000)"));
    assert!(text.contains(r"Evil\; Name\, Back\\slash\nEND:VEVENT\nBEGIN:VEVENT\nSUMM"));
}

#[test]
fn control_characters_are_dropped() {
    let file = "---\nname: \"Bell\\aRinger\\e[31m\\r\\nTab\\there\"\nbirthday: 1970-05-05\n---\n";
    let text = export(Test::empty_vault().file("Bell.md", file));
    assert_physical_lines(&text);
    assert!(!text.contains(['\u{7}', '\u{1b}']));
    let events = parse(&text);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].summary, "Birthday: BellRinger[31m\nTab\there (born 1970)");
}

#[test]
fn a_query_exports_only_its_contacts() {
    let events = parse(&export_query(Test::vault("ics"), &["tag:family"]));
    let paths: HashSet<&str> = events.iter().map(Ev::path).collect();
    assert_eq!(paths, HashSet::from(["family/Mom Mills.md", "family/Snoozy Sam.md"]));
    assert_eq!(events.len(), 4);
    // Same events, same UIDs as in the full export.
    let all: HashSet<String> = parse(&ics("ics")).into_iter().map(|e| e.uid).collect();
    assert!(events.iter().all(|e| all.contains(&e.uid)));
}

#[test]
fn an_empty_selection_is_still_a_calendar() {
    let text = export_query(Test::vault("ics"), &["tag:nobody"]);
    assert_eq!(
        text,
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//touchbase//touchbase {}//EN\r\n\
             CALSCALE:GREGORIAN\r\nX-WR-CALNAME:touchbase\r\nEND:VCALENDAR\r\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert!(parse(&text).is_empty());
}
