//! CSV → [`Record`]s, with the `csv` crate (quoted fields, embedded newlines, doubled quotes,
//! ragged rows). The header row is found by its column names, so `LinkedIn`'s `Notes:` preamble is
//! skipped; columns are mapped by name (case-insensitively), which covers `LinkedIn`'s
//! `Connections.csv`, Google Contacts (current `First Name … E-mail 1 - Value` and legacy
//! `Name, Given Name … Group Membership` layouts), Outlook, touchbase's own export, and any
//! other file with recognisable column names. In a generic CSV, other columns become front
//! matter keys.

use std::sync::LazyLock;

use regex::Regex;

use super::vcard::is_system_group;
use super::{multi_line, one_line, push_unique, set_once, ImportError, Kind, Parsed, Problem, Record};
use crate::contact::Cadence;
use crate::dates::parse_exported;

/// What one column holds.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Column {
    Name,
    First,
    Middle,
    Last,
    Nickname,
    Company,
    Department,
    Role,
    Email,
    Phone,
    Birthday,
    Anniversary,
    Notes,
    Tags,
    Url,
    /// A formatted address (Google's `Address 1 - Formatted`, a generic `Address`).
    Address(u32),
    /// One part of a numbered address (street, city, ...), joined when no formatted one exists.
    AddressPart(u32),
    /// Google's `Event 1 - Label` / `Event 1 - Value`.
    EventLabel(u32),
    EventValue(u32),
    ConnectedOn,
    /// A generic column kept as a front matter key.
    Extra(String),
    Ignore,
}

fn normalize(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

// Compiled once: `classify` runs on every cell of up to `MAX_PREAMBLE` rows.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(e-?mail|phone|website|address|organization|event|relation|im|custom field|external id) (\d+) - (.+)$")
        .expect("valid regex")
});
static NUMBERED_EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^e-?mail \d+ address$").expect("valid regex"));

fn classify(header: &str) -> Column {
    let h = normalize(header);
    let numbered = NUMBERED.captures(&h).map(|c| {
        let get = |i| c.get(i).map_or("", |m| m.as_str()).to_string();
        (get(1), get(2).parse::<u32>().unwrap_or(0), get(3))
    });
    if let Some((what, n, part)) = numbered {
        return match (what.as_str(), part.as_str()) {
            ("e-mail" | "email", "value") => Column::Email,
            ("phone", "value") => Column::Phone,
            ("website", "value") => Column::Url,
            ("address", "formatted") => Column::Address(n),
            (
                "address",
                "street" | "city" | "region" | "postal code" | "country" | "po box" | "extended address",
            ) => Column::AddressPart(n),
            ("organization", "name") => Column::Company,
            ("organization", "title") => Column::Role,
            ("organization", "department") => Column::Department,
            ("event", "label" | "type") => Column::EventLabel(n),
            ("event", "value") => Column::EventValue(n),
            _ => Column::Ignore,
        };
    }
    match h.as_str() {
        "name" | "full name" | "display name" | "fn" | "contact name" => Column::Name,
        "first name" | "given name" | "firstname" | "first" => Column::First,
        "middle name" | "additional name" | "middlename" => Column::Middle,
        "last name" | "family name" | "surname" | "lastname" | "last" => Column::Last,
        "nickname" | "nick name" | "aliases" | "alias" => Column::Nickname,
        "company" | "organization" | "organisation" | "organization name" | "org" | "employer" => {
            Column::Company
        }
        "department" | "organization department" => Column::Department,
        "position" | "title" | "job title" | "role" | "organization title" | "occupation" => Column::Role,
        "email" | "e-mail" | "email address" | "e-mail address" | "emails" | "mail" => Column::Email,
        "phone" | "phone number" | "telephone" | "mobile" | "mobile phone" | "cell" | "home phone"
        | "business phone" | "work phone" | "primary phone" | "phones" => Column::Phone,
        "birthday" | "birth date" | "birthdate" | "date of birth" | "dob" => Column::Birthday,
        "anniversary" => Column::Anniversary,
        "notes" | "note" | "comments" | "description" => Column::Notes,
        "labels" | "tags" | "categories" | "group membership" | "groups" => Column::Tags,
        "url" | "website" | "web page" | "web site" | "homepage" | "profile url" | "linkedin" => Column::Url,
        "address" | "home address" | "business address" | "work address" => Column::Address(0),
        "connected on" => Column::ConnectedOn,
        // touchbase's own export: computed columns, not data.
        "path" | "due" | "status" | "days_overdue" => Column::Ignore,
        _ if NUMBERED_EMAIL.is_match(&h) => Column::Email,
        _ if h.ends_with(" phone") && !h.contains("phonetic") => Column::Phone,
        _ => extra_key(&h).map_or(Column::Ignore, Column::Extra),
    }
}

/// `Favourite Food` → `favourite_food`.
fn extra_key(header: &str) -> Option<String> {
    let key: String = header.chars().map(|c| if c.is_alphanumeric() { c } else { '_' }).collect();
    let parts: Vec<&str> = key.split('_').filter(|p| !p.is_empty()).collect();
    (!parts.is_empty()).then(|| parts.join("_"))
}

fn is_header(cells: &[String]) -> bool {
    let columns: Vec<Column> = cells.iter().map(|c| classify(c)).collect();
    let has = |c: &Column| columns.contains(c);
    has(&Column::Name) || has(&Column::First) || has(&Column::Last)
}

fn kind_of(headers: &[String]) -> Kind {
    let names: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let has = |n: &str| names.iter().any(|h| h == n);
    if has("connected on") && has("first name") {
        Kind::LinkedIn
    } else if has("labels") || has("group membership") || names.iter().any(|h| h.starts_with("e-mail 1 - ")) {
        Kind::GoogleCsv
    } else {
        Kind::Csv
    }
}

/// How many rows may come before the header row (`LinkedIn`'s notes take two or three).
const MAX_PREAMBLE: usize = 20;

pub fn parse(text: &str) -> Result<Parsed, ImportError> {
    let mut reader =
        ::csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let mut header: Option<(Vec<String>, Vec<Column>)> = None;
    let mut records = Vec::new();
    let mut kind = Kind::Csv;
    for (seen, row) in reader.records().enumerate() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(Problem::new(line, format!("unreadable CSV row: {e}; skipped")));
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line() as usize);
        let cells: Vec<String> = row.iter().map(str::to_string).collect();
        let Some((headers, columns)) = &header else {
            if is_header(&cells) {
                kind = kind_of(&cells);
                let columns = cells.iter().map(|c| classify(c)).collect();
                header = Some((cells, columns));
            } else if seen >= MAX_PREAMBLE {
                break;
            }
            continue;
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if cells.len() > headers.len() && cells.iter().skip(headers.len()).any(|c| !c.trim().is_empty()) {
            problems.push(Problem::new(
                line,
                format!(
                    "row has {} fields, the header {}; the extra ones were ignored",
                    cells.len(),
                    headers.len()
                ),
            ));
        }
        match to_record(line, kind, columns, &cells, &mut problems) {
            Some(record) => records.push(record),
            None => problems.push(Problem::new(line, "row has no name; skipped")),
        }
    }
    if header.is_none() {
        return Err(ImportError(
            "no header row found: expected a column such as Name, First Name or Last Name (or a vCard file)"
                .into(),
        ));
    }
    Ok(Parsed { kind, records, problems })
}

fn split_multi(value: &str) -> Vec<String> {
    value.split(":::").map(one_line).filter(|v| !v.is_empty()).collect()
}

fn to_record(
    line: usize,
    kind: Kind,
    columns: &[Column],
    cells: &[String],
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    let mut record = Record { line, ..Record::default() };
    let (mut full, mut first, mut middle, mut last) = (None, None, None, None);
    let mut formatted: Vec<u32> = Vec::new();
    let mut address_parts: Vec<(u32, String)> = Vec::new();
    let mut events: Vec<(u32, Option<String>, Option<String>)> = Vec::new();
    let mut dates: Vec<(&str, String)> = Vec::new();
    for (column, cell) in columns.iter().zip(cells) {
        let cell = &unguard(cell);
        if cell.trim().is_empty() {
            continue;
        }
        match column {
            Column::Name => set_once(&mut full, cell),
            Column::First => set_once(&mut first, cell),
            Column::Middle => set_once(&mut middle, cell),
            Column::Last => set_once(&mut last, cell),
            Column::Nickname => cell.split(',').for_each(|n| push_unique(&mut record.aliases, n)),
            Column::Company => set_once(&mut record.company, cell),
            Column::Department => set_once(&mut record.department, cell),
            Column::Role => set_once(&mut record.role, cell),
            Column::Email => split_multi(cell).iter().for_each(|e| push_unique(&mut record.emails, e)),
            Column::Phone => split_multi(cell).iter().for_each(|p| push_unique(&mut record.phones, p)),
            Column::Url => split_multi(cell).iter().for_each(|u| push_unique(&mut record.urls, u)),
            Column::Birthday => dates.push(("birthday", cell.clone())),
            Column::Anniversary => dates.push(("anniversary", cell.clone())),
            Column::Notes => record.notes.push(multi_line(cell)),
            Column::Tags => {
                for tag in cell.split(":::").flat_map(|t| t.split([',', ';'])) {
                    let tag = tag.trim().trim_start_matches('*').trim();
                    if !is_system_group(tag) {
                        push_unique(&mut record.tags, tag);
                    }
                }
            }
            Column::Address(n) => {
                for address in split_multi(&cell.replace('\n', ", ")) {
                    push_unique(&mut record.addresses, &address);
                }
                formatted.push(*n);
            }
            Column::AddressPart(n) => address_parts.push((*n, one_line(cell))),
            Column::EventLabel(n) => event(&mut events, *n).1 = Some(cell.trim().to_string()),
            Column::EventValue(n) => event(&mut events, *n).2 = Some(cell.trim().to_string()),
            Column::ConnectedOn => match parse_exported(cell, None) {
                Ok(date) => record.extra.push(("connected_on".into(), date.to_string())),
                Err(e) => problems.push(Problem::new(line, format!("Connected On: {e}; ignored"))),
            },
            Column::Extra(key) if kind == Kind::Csv => extra(&mut record, key, cell, line, problems),
            Column::Extra(_) | Column::Ignore => {}
        }
    }
    // Numbered address parts without a formatted address: joined in column order.
    let mut numbers: Vec<u32> = address_parts.iter().map(|(n, _)| *n).collect();
    numbers.dedup();
    for n in numbers.into_iter().filter(|n| !formatted.contains(n)) {
        let parts: Vec<&str> =
            address_parts.iter().filter(|(m, _)| *m == n).map(|(_, t)| t.as_str()).collect();
        push_unique(&mut record.addresses, &parts.join(", "));
    }
    for (_, label, value) in events {
        if let (Some(label), Some(value)) = (label, value) {
            let label = label.trim_start_matches('*').trim().to_string();
            let key = if label.eq_ignore_ascii_case("anniversary") { "anniversary" } else { "event" };
            match (key, parse_exported(&value, None)) {
                ("anniversary", Ok(date)) => {
                    record.anniversary.get_or_insert(date);
                }
                (_, Ok(date)) => {
                    record.dates.push((if label.is_empty() { "other".into() } else { label }, date));
                }
                (_, Err(e)) => {
                    problems.push(Problem::new(line, format!("{label}: {e}; kept in the notes")));
                    record.notes.push(format!("{label}: {value}"));
                }
            }
        }
    }
    for (what, text) in dates {
        match parse_exported(&text, None) {
            Ok(date) if what == "birthday" => record.birthday = Some(date),
            Ok(date) => record.anniversary = Some(date),
            Err(e) => {
                problems.push(Problem::new(line, format!("{what}: {e}; kept in the notes")));
                let label = if what == "birthday" { "Birthday" } else { "Anniversary" };
                record.notes.push(format!("{label}: {}", one_line(&text)));
            }
        }
    }
    let joined = [first, middle, last].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let name = full
        .or_else(|| Some(one_line(&joined)).filter(|n| !n.is_empty()))
        .or_else(|| record.aliases.first().cloned())
        .or_else(|| record.company.clone())
        .or_else(|| record.emails.first().cloned())?;
    record.name = name;
    Some(record)
}

/// A cell without the `'` that touchbase's CSV export (`text::csv_safe`) and spreadsheets put
/// before a formula trigger (`'=SUM(1)`, `'+15551234`); any other leading `'` is the cell's own.
fn unguard(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// The label/value pair of Google's event number `n`.
fn event(
    events: &mut Vec<(u32, Option<String>, Option<String>)>,
    n: u32,
) -> &mut (u32, Option<String>, Option<String>) {
    let i = if let Some(i) = events.iter().position(|(m, _, _)| *m == n) {
        i
    } else {
        events.push((n, None, None));
        events.len() - 1
    };
    &mut events[i]
}

/// A generic column as a front matter key; touchbase's own keys are checked like a file's.
fn extra(record: &mut Record, key: &str, cell: &str, line: usize, problems: &mut Vec<Problem>) {
    let value = one_line(cell);
    let checked = match key {
        "cadence" => Cadence::parse(&value).map(|_| value.clone()).map_err(|e| e.to_string()),
        "last_contact" | "next_contact" | "snooze_until" => {
            crate::dates::parse_date(&value).map(|d| d.to_string()).map_err(|e| e.to_string())
        }
        // `Birthday\0` is not the Birthday column, but its key is `birthday` all the same.
        "birthday" | "anniversary" => {
            parse_exported(&value, None).map(super::date_text).map_err(|e| e.to_string())
        }
        _ => Ok(value.clone()),
    };
    match checked {
        Ok(value) => record.extra.push((key.to_string(), value)),
        Err(e) => problems.push(Problem::new(line, format!("{key}: {e}; ignored"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linkedin_preamble_and_dates() {
        let text = "Notes:\n\"When exporting, see https://x.example, etc.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
                    Priya,Sharma,https://l.example/in/p,,\"Razorpay, Inc\",Engineer,12 Mar 2021\n,,,,,,01 Jan 2023\n";
        let parsed = parse(text).unwrap();
        assert_eq!(parsed.kind, Kind::LinkedIn);
        assert_eq!(parsed.records.len(), 1);
        let r = &parsed.records[0];
        assert_eq!((r.name.as_str(), r.line), ("Priya Sharma", 5));
        assert_eq!(r.company.as_deref(), Some("Razorpay, Inc"));
        assert_eq!(r.extra, [("connected_on".to_string(), "2021-03-12".to_string())]);
        assert_eq!(parsed.problems, [Problem::new(6, "row has no name; skipped")]);
    }

    #[test]
    fn google_layout_multi_values_and_ragged_rows() {
        let text = "First Name,Last Name,Birthday,Notes,Labels,E-mail 1 - Value,Address 1 - Street,Address 1 - City\n\
                    Bob,Smith,--12-01,\"a\nb\",* myContacts ::: Customers,a@x.example ::: b@x.example,1 Main St,Town,,\n\
                    Eve,,04/05/1990,,,,,,extra\n";
        let parsed = parse(text).unwrap();
        assert_eq!(parsed.kind, Kind::GoogleCsv);
        let bob = &parsed.records[0];
        assert_eq!(bob.birthday.map(|d| d.to_string()).as_deref(), Some("--12-01"));
        assert_eq!(bob.notes, ["a\nb"]);
        assert_eq!(bob.tags, ["Customers"]);
        assert_eq!(bob.emails, ["a@x.example", "b@x.example"]);
        assert_eq!(bob.addresses, ["1 Main St, Town"]);
        let eve = &parsed.records[1];
        assert_eq!(eve.notes, ["Birthday: 04/05/1990"]);
        assert_eq!(parsed.problems.iter().map(|p| p.line).collect::<Vec<_>>(), [4, 4]);
    }

    #[test]
    fn the_exports_formula_guard_is_dropped() {
        let text = "name,phone,notes\n'+15551234,'+1 555 1234,\"'=SUM(1)\"\n'tis me,'-5,'Quoted'\n";
        let parsed = parse(text).unwrap();
        let r = &parsed.records[0];
        assert_eq!(
            (r.name.as_str(), r.phones.as_slice(), r.notes.as_slice()),
            ("+15551234", &["+1 555 1234".to_string()][..], &["=SUM(1)".to_string()][..])
        );
        let r = &parsed.records[1];
        assert_eq!(r.name, "'tis me");
        assert_eq!(r.phones, ["-5"]);
        assert_eq!(r.notes, ["'Quoted'"]);
    }

    #[test]
    fn generic_columns_become_keys() {
        let text = "name,company,cadence,Favourite Food,last_contact,status\nAda,X,2w,figs,2026-01-02,overdue\nBo,,often,,,\n";
        let parsed = parse(text).unwrap();
        assert_eq!(parsed.kind, Kind::Csv);
        let keys: Vec<&str> = parsed.records[0].extra.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["cadence", "favourite_food", "last_contact"]);
        assert_eq!(parsed.problems.len(), 1);
        assert!(parse("a,b\n1,2\n").is_err());
    }
}
