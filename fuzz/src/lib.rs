//! The bodies of the fuzz targets: each runs one of touchbase's parsers or editors on arbitrary
//! input and panics when a property is violated (a panic inside touchbase is a finding too).
//!
//! Shared by the cargo-fuzz targets in `fuzz/fuzz_targets/` (one line each) and, through
//! `#[path]`, by the proptest smoke run in `tests/integration/fuzz_smoke.rs`, so that CI checks
//! the same properties. Uses only `touchbase`, `chrono` and `serde_yaml` (the `yaml_serde`
//! package, renamed as in the root crate).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde_yaml::{Mapping, Value};
use touchbase::contact::cadence::Unit;
use touchbase::contact::fields::scalar_text;
use touchbase::contact::frontmatter::{self, Shape};
use touchbase::contact::{self, Cadence, FieldNames, Keep, ParseOptions, Parsed, PartialDate};
use touchbase::dates::{parse_date, parse_exported};
use touchbase::import::{self, Record};
use touchbase::index::Entry;
use touchbase::query::{Clause, Query};
use touchbase::schedule::{self, week, yearly, CadencePolicy, Schedule};
use touchbase::write::edit;

/// A fixed "today", a few days before a year end.
pub(super) fn today() -> NaiveDate {
    ymd(2026, 12, 28)
}

/// A window for yearly events and follow-ups that crosses the year end (and a Feb 29).
pub(super) fn window() -> (NaiveDate, NaiveDate) {
    (ymd(2026, 12, 20), ymd(2028, 3, 1))
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid fixed date")
}

/// A vault's own key names, as in `[fields]` of touchbase.toml.
static NAMES: LazyLock<FieldNames> = LazyLock::new(|| {
    let mapped: BTreeMap<String, String> = [
        ("cadence", "prm-cadence"),
        ("last_contact", "prm-last-contacted"),
        ("snooze_until", "prm-snooze-until"),
        ("birthday", "prm-birthday"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    FieldNames::new(mapped)
});

static POLICY: LazyLock<CadencePolicy> = LazyLock::new(|| {
    let by_tag: HashMap<String, Cadence> =
        [("family", "2w"), ("customer", "monthly"), ("person", "none"), ("yearly", "1y")]
            .into_iter()
            .filter_map(|(tag, cadence)| Some((tag.to_string(), Cadence::parse(cadence).ok()?)))
            .collect();
    CadencePolicy { by_tag, default: Cadence::parse("quarterly").ok() }
});

/// Every file below `people/` is a person, whatever its front matter: the builder sees it all.
static KINDS: LazyLock<contact::Rules> =
    LazyLock::new(|| contact::Rules { people: vec!["people".to_string()], ..contact::Rules::default() });

fn parse_contact(text: &str, keep: Keep) -> Result<Parsed, touchbase::error::Diagnostic> {
    let path = Path::new("people/Fuzz Contact.md");
    contact::parse(path, path, text, &ParseOptions { fields: &NAMES, keep, kinds: &KINDS })
}

const KEEP_ALL: Keep = Keep { body: true, front_matter: true, interactions: 5, links: true, profile: true };

// ---------------------------------------------------------------------------------------------
// contact

pub(super) fn contact(data: &[u8]) {
    check_contact(&String::from_utf8_lossy(data));
}

/// Parses a file; a contact's schedule, yearly events and follow-ups are computed, and must
/// agree between a full and a lean parse and stay inside the window.
pub(super) fn check_contact(text: &str) {
    let lines = text.split('\n').count() + 1;
    let full = parse_contact(text, KEEP_ALL);
    let lean = parse_contact(text, Keep::LEAN);
    let (contact, warnings, lean) = match (full, lean) {
        (Ok(Parsed::Note(..)), Ok(Parsed::Note(..))) => return,
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "a full and a lean parse fail differently");
            assert!(a.position.is_none_or(|p| p.line >= 1 && p.line <= lines), "{a:?} is outside the file");
            return;
        }
        (Ok(Parsed::Contact(full, warnings)), Ok(Parsed::Contact(lean, _))) => (full, warnings, lean),
        (full, lean) => panic!("a full and a lean parse disagree: {full:?} vs {lean:?}"),
    };
    for warning in &warnings {
        assert!(warning.position.is_none_or(|p| p.line >= 1 && p.line <= lines), "{warning:?} outside");
    }
    let today = today();
    let schedule = Schedule::compute(&contact, &POLICY, today);
    assert_eq!(schedule, Schedule::compute(&lean, &POLICY, today), "the schedule depends on Keep");
    let _ = (schedule.days_overdue(today), schedule.lateness(today), contact.fields());
    let _ = (contact.first_name(), contact.file_stem(), schedule::latest_interaction(&contact, today));
    let (from, to) = window();
    let mut events = schedule::yearly_events(&contact, from, to);
    events.extend(schedule::contact_events(&contact, &schedule, today, from, to));
    for event in &events {
        assert!(from <= event.date && event.date <= to, "{event:?} is outside {from}..{to}");
    }
}

// ---------------------------------------------------------------------------------------------
// dates

pub(super) fn dates(data: &[u8]) {
    let (head, rest) = data.split_at(data.len().min(12));
    let mut bytes = [0u8; 12];
    bytes[..head.len()].copy_from_slice(head);
    let word = |i: usize| i32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    let text = String::from_utf8_lossy(rest);
    check_date_text(&text);
    let date = NaiveDate::from_num_days_from_ce_opt(word(0) % 96_000_000);
    let count = word(4).unsigned_abs();
    let unit = ["d", "w", "m", "y"][usize::from(bytes[8] % 4)];
    let span = u64::from(u16::from_le_bytes([bytes[9], bytes[10]]) % 2000);
    if let Some(date) = date {
        check_date_math(date, count, unit, span, &text);
    }
}

/// Every date and cadence parser on one string: what parses must print back to itself.
pub(super) fn check_date_text(text: &str) {
    if let Ok(date) = PartialDate::parse(text) {
        assert!(in_year(2000, date.month, date.day), "{text:?} gave an impossible {date:?}");
        assert_eq!(PartialDate::parse(&date.to_string()), Ok(date), "{text:?} does not print back");
        if let Some(full) = date.full() {
            assert_eq!((full.month(), full.day()), (date.month, date.day));
        }
    }
    if let Ok(date) = parse_date(text) {
        assert_eq!(parse_date(&date.to_string()), Ok(date), "{text:?} does not print back");
    }
    for omit_year in [None, Some(1604), Some(2022)] {
        if let Ok(date) = parse_exported(text, omit_year) {
            assert!(in_year(2000, date.month, date.day), "{text:?} gave an impossible {date:?}");
            let written = import::date_text(date);
            assert_eq!(PartialDate::parse(&written), Ok(date), "{text:?} imports as unreadable {written:?}");
        }
    }
    if let Ok(cadence) = Cadence::parse(text) {
        assert_eq!(Cadence::parse(&cadence.to_string()), Ok(cadence), "{text:?} does not print back");
        if let Cadence::Every { count, .. } = cadence {
            assert!((1..=10_000).contains(&count), "{text:?} gave {cadence:?}");
        }
    }
    for first_day in [Weekday::Mon, Weekday::Sun] {
        if let Ok(week) = week::Week::parse(text, first_day) {
            let _ = (week.name(), week.next());
        }
    }
    let _ = week::parse_weekday(text);
}

fn in_year(year: i32, month: u32, day: u32) -> bool {
    NaiveDate::from_ymd_opt(year, month, day).is_some()
}

/// Cadence arithmetic and yearly occurrences on an arbitrary date.
pub(super) fn check_date_math(date: NaiveDate, count: u32, unit: &str, span_days: u64, text: &str) {
    let unit = match unit {
        "d" => Unit::Day,
        "w" => Unit::Week,
        "m" => Unit::Month,
        _ => Unit::Year,
    };
    // Any count, not only the 1..=10000 that `Cadence::parse` accepts.
    let cadence = Cadence::Every { count, unit };
    if let Some(next) = cadence.add_to(date) {
        assert!(next > date || count == 0, "{cadence} after {date} is {next}");
        let _ = (cadence.approx_days(), Cadence::parse(&cadence.to_string()));
    }
    let Some(to) = date.checked_add_days(chrono::Days::new(span_days)) else { return };
    let Ok(yearly_date) = PartialDate::parse(text).or_else(|_| PartialDate::parse("--02-29")) else {
        return;
    };
    let days = yearly::occurrences(yearly_date, date, to);
    assert!(days.len() as u64 <= span_days / 365 + 1, "{yearly_date} occurs {} times", days.len());
    for day in &days {
        assert!(date <= *day && *day <= to, "{day} is outside {date}..{to}");
        assert_eq!(day.month(), yearly_date.month);
    }
    if let Some(next) = yearly::next_occurrence(yearly_date, date) {
        assert!(next >= date && (next - date).num_days() <= 366, "{yearly_date} next after {date}: {next}");
        let _ = yearly::years_since(yearly_date, next).map(yearly::ordinal);
    }
}

// ---------------------------------------------------------------------------------------------
// query

/// Contacts to match queries against: every standard key, odd values, a body.
static ENTRIES: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    let texts = [
        "---\nname: Jane Doe\naliases: [JD, Janie]\ncompany: \"[[Acme Corp]]\"\nrole: CTO\ntags: [customer, golf]\n\
         email: jane@acme.example\nphone: \"+1 555 0100\"\nbirthday: 1980-03-26\nanniversary: --06-18\n\
         cadence: monthly\nlast_contact: 2026-10-02\nnext_contact: 2027-01-05\nfamily:\n  - name: Emma\n    \
         relation: daughter\n    birthday: 2008-12-04\ndates: {Work anniversary: 2014-12-01}\n\
         interests: [golf, jazz]\ncustom: {nested: [a, b]}\n---\nMet at [[QBR]] #vip.\n\n## Log\n\n\
         - 2026-10-02: lunch\n- [ ] 2027-01-03 call about renewal\n",
        "---\nname: Zed\ncadence: none\nsnooze_until: 2027-02-01\nlast_contact: 1900-02-28\n\
         birthday: --02-29\n---\n",
        "---\nprm-cadence: 21\nprm-last-contacted: 2026-12-07\nprm-birthday: 12-31\ntags: family, person\n\
         Title: x\n---\n# Heading\n- 2026-12-27 call\n",
        "---\nname: {first: carl, last: johnson}\ncadence: 10000y\n---\n",
        "---\n---\n",
    ];
    texts
        .iter()
        .filter_map(|text| match parse_contact(text, KEEP_ALL) {
            Ok(Parsed::Contact(contact, _)) => {
                let schedule = Schedule::compute(&contact, &POLICY, today());
                Some(Entry { contact, schedule, private_text: None })
            }
            _ => None,
        })
        .collect()
});

pub(super) fn query(data: &[u8]) {
    check_query(&String::from_utf8_lossy(data));
}

/// A query that parses matches as its clauses do together; `-term` is the complement of `term`.
/// A query that does not parse names a term that is in the text.
pub(super) fn check_query(text: &str) {
    let query = match Query::parse(text) {
        Ok(query) => query,
        Err(error) => {
            assert!(text.contains(&error.term), "{error:?} names a term not in {text:?}");
            return;
        }
    };
    let _ = (query.needs_body(), query.needs_fields());
    // Clause by clause (the first few: each match may parse an entry's front matter again).
    let clauses = &query.clauses[..query.clauses.len().min(4)];
    let one = |clause: &Clause, negated: bool| Query {
        clauses: vec![Clause { negated: clause.negated != negated, term: clause.term.clone() }],
    };
    for entry in ENTRIES.iter() {
        let matches = |query: &Query| query.matches(entry, &NAMES, today());
        let each: Vec<bool> = clauses.iter().map(|clause| matches(&one(clause, false))).collect();
        if let Some(first) = clauses.first() {
            assert_ne!(each[0], matches(&one(first, true)), "{first:?} and its negation agree");
        }
        if clauses.len() == query.clauses.len() {
            assert_eq!(matches(&query), each.iter().all(|hit| *hit), "{text:?} differs from its clauses");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// vcard and csv

pub(super) fn vcard(data: &[u8]) {
    let (records, _problems) = import::vcard::parse(data);
    for record in &records {
        check_record(record);
    }
    let _ = import::parse(data, Some("vcf"));
}

pub(super) fn csv(data: &[u8]) {
    let text = import::decode_text(data);
    if let Ok(parsed) = import::csv::parse(&text) {
        for record in &parsed.records {
            check_record(record);
        }
    }
    let _ = import::parse(data, Some("csv"));
}

/// A record written as `import` writes a new contact file must read back as that contact.
pub(super) fn check_record(record: &Record) {
    let entries = record.entries(&["imported".to_string()]);
    let notes = record.notes_text();
    let body =
        if notes.is_empty() { String::new() } else { format!("{}\n\n", import::notes_to_body(&notes)) };
    let mut text = format!("---\n---\n\n## Notes\n\n{body}## Log\n");
    for entry in &entries {
        match edit::set_key(&text, &entry.key, &entry.yaml) {
            Ok(new) => text = new,
            Err(_) => return, // `import` skips the record and says why
        }
    }
    let contact = match parse_contact(&text, KEEP_ALL) {
        Ok(Parsed::Contact(contact, _)) => contact,
        other => panic!("{record:?} was written as {text:?}, which reads as {other:?}"),
    };
    if !record.name.trim().is_empty() {
        assert_eq!(contact.name, record.name.trim(), "the name of {record:?} in {text:?}");
    }
    // A generic CSV's `birthday`-like column may come as an extra key.
    let extra = |key: &str| {
        let value = record.extra.iter().find(|(k, _)| k == key)?;
        Some(PartialDate::parse(&value.1).unwrap_or_else(|e| panic!("{record:?}: {key}: {e}")))
    };
    let birthday = record.birthday.or_else(|| extra("birthday"));
    let anniversary = record.anniversary.or_else(|| extra("anniversary"));
    assert_eq!(contact.birthday, birthday, "the birthday of {record:?} in {text:?}");
    assert_eq!(contact.anniversary, anniversary, "the anniversary of {record:?} in {text:?}");
}

// ---------------------------------------------------------------------------------------------
// edit

/// Keys the editing commands write, in the spellings vaults use.
pub(super) const EDIT_KEYS: &[&str] = &[
    "last_contact",
    "snooze_until",
    "next_contact",
    "cadence",
    "tags",
    "name",
    "Birthday",
    "prm-snooze-until",
    "email",
    "company",
];

/// Input layout: `[op and key][3 bytes: date][value] 0xFF [text]` (0xFF never occurs in UTF-8);
/// without a 0xFF, the rest is the text and the value is a fixed message.
pub(super) fn edit(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else { return };
    let (head, rest) = rest.split_at(rest.len().min(3));
    let mut day = [0u8; 4];
    day[..head.len()].copy_from_slice(head);
    let date = ymd(1900, 1, 1) + chrono::Days::new(u64::from(u32::from_le_bytes(day) % 200_000));
    let (value, text) = match rest.iter().position(|b| *b == 0xff) {
        Some(i) => (String::from_utf8_lossy(&rest[..i]), String::from_utf8_lossy(&rest[i + 1..])),
        None => ("lunch at the usual place".into(), String::from_utf8_lossy(rest)),
    };
    let key = EDIT_KEYS[usize::from(selector / 5) % EDIT_KEYS.len()];
    check_edit(selector % 5, &text, key, date, &value);
}

/// One edit: 0 `append_log`, 1 `set_key` to a date, 2 to a scalar, 3 to a list, 4 `remove_key`.
pub(super) fn check_edit(op: u8, text: &str, key: &str, date: NaiveDate, value: &str) {
    match op {
        0 => check_append_log(text, date, value),
        1 => check_set_key(text, key, &date.to_string()),
        2 => check_set_key(text, key, &edit::yaml_scalar(value)),
        3 => {
            let items: Vec<String> = value.split(',').map(str::to_string).collect();
            check_set_key(text, key, &edit::yaml_list(&items));
        }
        _ => check_remove_key(text, key),
    }
}

/// The lines only in `old` and the lines only in `new`, between their common first and last lines.
fn line_diff<'a>(old: &'a str, new: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a.iter().rev().zip(b.iter().rev()).take(room).take_while(|(x, y)| x == y).count();
    (a[prefix..a.len() - suffix].to_vec(), b[prefix..b.len() - suffix].to_vec())
}

fn eol_trimmed(line: &str) -> &str {
    line.strip_suffix('\n').map_or(line, |l| l.strip_suffix('\r').unwrap_or(l))
}

/// The front matter's YAML and where the body starts; panics on anything but a contact shape.
fn split(text: &str) -> (&str, usize, usize) {
    match frontmatter::split(text) {
        Shape::Contact(split) => (split.yaml, split.yaml_start, split.body_start),
        other => panic!("{text:?} no longer splits into front matter and body: {other:?}"),
    }
}

fn yaml_mapping(yaml: &str) -> Option<Mapping> {
    if yaml.trim().is_empty() {
        return Some(Mapping::new());
    }
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(map)) => Some(map),
        Ok(Value::Null) => Some(Mapping::new()),
        _ => None,
    }
}

/// The values of every key spelled like `key` (as touchbase reads keys, ignoring ASCII case).
fn values_of<'m>(map: &'m Mapping, key: &str) -> Vec<&'m Value> {
    map.iter()
        .filter(|(k, _)| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case(key)))
        .map(|(_, v)| v)
        .collect()
}

/// `append_log` adds one `- DATE: MESSAGE` line (and blank lines and a `## Log` heading when it
/// creates the section, and a line terminator on an unterminated last line), in the body only;
/// the entry reads back as an interaction.
pub(super) fn check_append_log(text: &str, date: NaiveDate, message: &str) {
    let Ok(new) = edit::append_log(text, date, message) else { return };
    let context = || format!("append_log({text:?}, {date}, {message:?}) = {new:?}");
    let (removed, mut added) = line_diff(text, &new);
    if let [old_last] = removed[..] {
        // Only the old unterminated last line may change, by gaining a terminator.
        assert!(text.ends_with(old_last) && !old_last.ends_with('\n'), "a line changed: {}", context());
        let first = added.first().copied().unwrap_or("");
        assert!(first == format!("{old_last}\n") || first == format!("{old_last}\r\n"), "{}", context());
        added.remove(0);
    } else {
        assert!(removed.is_empty(), "lines were removed: {}", context());
    }
    let words = message.split_whitespace().collect::<Vec<_>>().join(" ");
    let entry = format!("{date}: {words}");
    let is_entry = |line: &str| -> bool {
        let line = eol_trimmed(line).trim_start_matches([' ', '\t']);
        line.strip_suffix(entry.as_str()).is_some_and(|bullet| {
            let bullet = bullet.trim_end_matches(' ');
            matches!(bullet, "-" | "*" | "+")
                || (bullet.len() > 1
                    && bullet.ends_with(['.', ')'])
                    && bullet[..bullet.len() - 1].bytes().all(|b| b.is_ascii_digit()))
        })
    };
    let entries = added.iter().filter(|l| is_entry(l)).count();
    assert_eq!(entries, 1, "not exactly one log line: {}", context());
    let others: Vec<&str> = added.iter().filter(|l| !is_entry(l)).map(|l| eol_trimmed(l)).collect();
    let blanks = others.iter().filter(|l| l.is_empty()).count();
    let headings = others.iter().filter(|l| **l == "## Log").count();
    assert!(blanks + headings == others.len() && blanks <= 2 && headings <= 1, "extra lines: {}", context());
    let (old_yaml, old_start, old_body) = split(text);
    let (new_yaml, new_start, new_body) = split(&new);
    assert_eq!((new_yaml, new_start), (old_yaml, old_start), "the front matter changed: {}", context());
    // The body starts later only when the closing `---` was the unterminated last line.
    let closing_unterminated = old_body == text.len() && !text.ends_with('\n');
    assert!(new_body == old_body || closing_unterminated, "the body moved: {}", context());
    // The entry is read back.
    if let (Ok(Parsed::Contact(before, _)), Ok(Parsed::Contact(after, _))) =
        (parse_contact(text, KEEP_ALL), parse_contact(&new, KEEP_ALL))
    {
        if date.year() <= 9999 {
            assert_eq!(
                after.interaction_count(),
                before.interaction_count() + 1,
                "not read back: {}",
                context()
            );
        }
    }
}

fn starts_with_key(line: &str, key: &str) -> bool {
    [key.to_string(), format!("\"{key}\""), format!("'{key}'")].iter().any(|k| {
        line.get(..k.len()).is_some_and(|head| head.eq_ignore_ascii_case(k))
            && line[k.len()..].trim_start_matches([' ', '\t']).starts_with(':')
    })
}

/// `set_key` changes or adds exactly one `key:` line of the front matter, and the key then
/// reads as the value given.
pub(super) fn check_set_key(text: &str, key: &str, yaml_value: &str) {
    let Ok(new) = edit::set_key(text, key, yaml_value) else { return };
    let context = || format!("set_key({text:?}, {key:?}, {yaml_value:?}) = {new:?}");
    if new == text {
        return; // the value was already there
    }
    let (removed, added) = line_diff(text, &new);
    assert!(removed.len() <= 1 && added.len() == 1, "not one line changed: {}", context());
    assert!(starts_with_key(added[0], key), "the changed line is not the key's: {}", context());
    if let [old] = removed[..] {
        assert!(starts_with_key(old, key), "another line changed: {}", context());
    }
    let (old_yaml, old_start, _) = split(text);
    let (new_yaml, new_start, _) = split(&new);
    assert_eq!(old_start, new_start, "the front matter moved: {}", context());
    assert!(new_yaml.contains(added[0]), "the key's line is outside the front matter: {}", context());
    if yaml_mapping(old_yaml).is_some() {
        let map = yaml_mapping(new_yaml).unwrap_or_else(|| panic!("the YAML broke: {}", context()));
        let wanted: Value = serde_yaml::from_str(yaml_value).unwrap_or(Value::Null);
        let values = values_of(&map, key);
        assert_eq!(values.len(), 1, "the key is not there once: {}", context());
        match wanted {
            Value::Sequence(_) => assert_eq!(values[0], &wanted, "{}", context()),
            _ => assert_eq!(scalar_text(values[0]), scalar_text(&wanted), "{}", context()),
        }
    }
}

/// `remove_key` removes the key's one line from the front matter (or nothing, when the key is
/// not there), and the key is then gone.
pub(super) fn check_remove_key(text: &str, key: &str) {
    let Ok(new) = edit::remove_key(text, key) else { return };
    let context = || format!("remove_key({text:?}, {key:?}) = {new:?}");
    let (removed, added) = line_diff(text, &new);
    assert!(added.is_empty() && removed.len() <= 1, "not one line removed: {}", context());
    if let [old] = removed[..] {
        assert!(starts_with_key(old, key), "another line was removed: {}", context());
    }
    let (old_yaml, old_start, _) = split(text);
    let (new_yaml, new_start, _) = split(&new);
    assert_eq!(old_start, new_start, "the front matter moved: {}", context());
    if yaml_mapping(old_yaml).is_some() {
        let map = yaml_mapping(new_yaml).unwrap_or_else(|| panic!("the YAML broke: {}", context()));
        assert!(values_of(&map, key).is_empty(), "the key is still there: {}", context());
    }
}
