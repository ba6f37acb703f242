//! CSV → [`Record`]s, with the `csv` crate (quoted fields, embedded newlines, doubled quotes,
//! ragged rows). The header row is found by its column names, so `LinkedIn`'s `Notes:` preamble is
//! skipped; columns are mapped by name (case-insensitively), which covers `LinkedIn`'s
//! `Connections.csv`, Google Contacts (current `First Name … E-mail 1 - Value` and legacy
//! `Name, Given Name … Group Membership` layouts), Outlook's export (`Title, First Name … Job
//! Title, Business Street …`: the honorific, split addresses, a dozen phone columns, "no date"
//! placeholders and M/D/YYYY dates, noise columns), touchbase's own export, and any other file
//! with recognisable column names. In a generic or Outlook CSV, other columns become front
//! matter keys.

use std::sync::LazyLock;

use regex::Regex;

use super::vcard::is_system_group;
use super::{multi_line, one_line, push_unique, set_once, ImportError, Kind, Parsed, Problem, Record};
use crate::contact::Cadence;
use crate::dates::{parse_exported, parse_exported_in, slash_evidence, SlashOrder};
use crate::error::DateError;

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
    /// One part of a numbered address (street, city, ...), joined when no formatted one exists:
    /// the address's number (Outlook's Business, Home, Other: 1001-1003) and the part's rank.
    AddressPart(u32, u8),
    /// Outlook's honorific `Title` (Mr., Dr.) and `Suffix` (Jr.): part of the name, never a role.
    Prefix,
    Suffix,
    /// Outlook's `Gender`: kept unless `Unspecified`.
    Gender,
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

static OUTLOOK_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(business|home|other) (street|street 2|street 3|address po box|city|state|postal code|country/region|country)$")
        .expect("valid regex")
});
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.+ )?(phone|fax)( \d+)?$").expect("valid regex"));

/// Where a part goes in the one-line address: street lines, PO box, city, region, postal code,
/// country.
fn address_rank(part: &str) -> Option<u8> {
    Some(match part {
        "street" => 0,
        "street 2" | "extended address" => 1,
        "street 3" => 2,
        "po box" | "address po box" => 3,
        "city" => 4,
        "region" | "state" => 5,
        "postal code" => 6,
        "country" | "country/region" => 7,
        _ => return None,
    })
}

/// Outlook's columns that say nothing about the person (every row has `Priority: Normal`,
/// `Private: False`, `Sensitivity: Normal`, `E-mail Type: SMTP`, ...).
const OUTLOOK_NOISE: &[&str] = &[
    "priority",
    "private",
    "sensitivity",
    "e-mail type",
    "e-mail 2 type",
    "e-mail 3 type",
    "e-mail display name",
    "e-mail 2 display name",
    "e-mail 3 display name",
    "billing information",
    "mileage",
    "initials",
    "directory server",
    "internet free busy",
];

/// What a column of an Outlook export holds, where it differs from the other layouts.
fn classify_outlook(h: &str) -> Option<Column> {
    if let Some(c) = OUTLOOK_ADDRESS.captures(h) {
        let group = match c.get(1).map_or("", |m| m.as_str()) {
            "business" => 1001,
            "home" => 1002,
            _ => 1003,
        };
        return address_rank(c.get(2).map_or("", |m| m.as_str()))
            .map(|rank| Column::AddressPart(group, rank));
    }
    Some(match h {
        "title" => Column::Prefix,
        "suffix" => Column::Suffix,
        "gender" => Column::Gender,
        _ if OUTLOOK_NOISE.contains(&h) => Column::Ignore,
        _ => return None,
    })
}

fn classify_in(kind: Kind, header: &str) -> Column {
    let h = normalize(header);
    match kind {
        Kind::OutlookCsv => classify_outlook(&h).unwrap_or_else(|| classify(header)),
        _ => classify(header),
    }
}

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
            ("address", part) => {
                address_rank(part).map_or(Column::Ignore, |rank| Column::AddressPart(n, rank))
            }
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
        | "business phone" | "work phone" | "primary phone" | "phones" | "pager" | "fax" | "callback"
        | "isdn" | "telex" => Column::Phone,
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
        // `Business Phone 2`, `Car Phone`, `Home Fax`, `TTY/TDD Phone`, ...: every number a phone
        // (touchbase's phones have no labels, so a fax is a plain phone).
        _ if PHONE.is_match(&h) && !h.contains("phonetic") => Column::Phone,
        _ => extra_key(&h).map_or(Column::Ignore, Column::Extra),
    }
}

/// `Favourite Food` → `favourite_food`, `Manager's Name` → `managers_name`.
fn extra_key(header: &str) -> Option<String> {
    let key: String = header
        .chars()
        .filter(|c| !matches!(c, '\'' | '’'))
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
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
    } else if has("job title")
        && ["business street", "home street", "e-mail display name", "sensitivity"].iter().any(|n| has(n))
    {
        Kind::OutlookCsv
    } else if has("labels") || has("group membership") || names.iter().any(|h| h.starts_with("e-mail 1 - ")) {
        Kind::GoogleCsv
    } else {
        Kind::Csv
    }
}

/// How many rows may come before the header row (`LinkedIn`'s notes take two or three).
const MAX_PREAMBLE: usize = 20;

/// How the rows of one file are read.
struct Layout {
    kind: Kind,
    columns: Vec<Column>,
    /// Day and month order of the file's slashed dates, when it is known (see [`slash_order`]).
    order: Option<SlashOrder>,
}

pub fn parse(text: &str) -> Result<Parsed, ImportError> {
    let mut reader =
        ::csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let mut header: Option<(Vec<String>, Kind)> = None;
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for (seen, row) in reader.records().enumerate() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(Problem::skipped(line, format!("unreadable CSV row: {e}; skipped")));
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line() as usize);
        let cells: Vec<String> = row.iter().map(str::to_string).collect();
        if header.is_some() {
            rows.push((line, cells));
        } else if is_header(&cells) {
            header = Some((cells.clone(), kind_of(&cells)));
        } else if seen >= MAX_PREAMBLE {
            break;
        }
    }
    let Some((headers, kind)) = header else {
        return Err(ImportError(
            "no header row found: expected a column such as Name, First Name or Last Name (or a vCard file)"
                .into(),
        ));
    };
    let columns: Vec<Column> = headers.iter().map(|c| classify_in(kind, c)).collect();
    let order = slash_order(kind, &columns, &rows);
    let layout = Layout { kind, columns, order };
    let mut records = Vec::new();
    for (line, cells) in rows {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if cells.len() > headers.len() && cells.iter().skip(headers.len()).any(|c| !c.trim().is_empty()) {
            let message = format!(
                "row has {} fields, the header {}; the extra ones were ignored",
                cells.len(),
                headers.len()
            );
            problems.push(Problem::new(line, message));
        }
        match to_record(line, &layout, &cells, &mut problems) {
            Some(record) => records.push(record),
            None => problems.push(Problem::skipped(line, "row has no name; skipped")),
        }
    }
    problems.sort_by_key(|p| p.line);
    Ok(Parsed { kind, records, problems })
}

/// The order of day and month in a file's slashed dates: the one its unambiguous dates show
/// (`3/26/1980` month first, `26/3/1980` day first) when they all agree; with none, month first
/// for Outlook's layout (its English export writes the US short date) and unknown for others, so
/// that `3/4/1980` is reported as ambiguous. Dates that disagree leave it unknown.
fn slash_order(kind: Kind, columns: &[Column], rows: &[(usize, Vec<String>)]) -> Option<SlashOrder> {
    let is_date = |c: &Column| matches!(c, Column::Birthday | Column::Anniversary | Column::EventValue(_));
    let mut seen = rows.iter().flat_map(|(_, cells)| {
        columns.iter().zip(cells).filter(|(c, _)| is_date(c)).filter_map(|(_, cell)| slash_evidence(cell))
    });
    let Some(first) = seen.next() else {
        return (kind == Kind::OutlookCsv).then_some(SlashOrder::MonthFirst);
    };
    seen.all(|o| o == first).then_some(first)
}

/// A line for each line of the file with bytes its encoding has no character for, naming the
/// row it is in (the last one that starts at or before it).
pub(crate) fn undecodable(records: &[Record], lines: &[usize], encoding: &str) -> Vec<Problem> {
    let message = |line: usize| {
        let whose = records.iter().rev().find(|r| r.line <= line).map_or_else(
            || "before the first contact".to_string(),
            |r| format!("in the row of {:?}", r.name),
        );
        format!("bytes that are not {encoding} (shown as \u{fffd}), {whose}")
    };
    lines.iter().map(|&line| Problem::new(line, message(line))).collect()
}

/// A cell's lines as one line (`1 Main St` / `Suite 2` → `1 Main St, Suite 2`).
fn lines(cell: &str) -> String {
    multi_line(cell).lines().map(one_line).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", ")
}

fn split_multi(value: &str) -> Vec<String> {
    value.split(":::").map(one_line).filter(|v| !v.is_empty()).collect()
}

fn to_record(line: usize, layout: &Layout, cells: &[String], problems: &mut Vec<Problem>) -> Option<Record> {
    let (kind, columns) = (layout.kind, &layout.columns);
    let mut record = Record { line, ..Record::default() };
    let (mut full, mut first, mut middle, mut last, mut suffix) = (None, None, None, None, None);
    let mut formatted: Vec<u32> = Vec::new();
    let mut address_parts: Vec<(u32, u8, String)> = Vec::new();
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
            Column::AddressPart(n, rank) => address_parts.push((*n, *rank, lines(cell))),
            Column::Prefix => set_once(&mut record.prefix, cell),
            Column::Suffix => set_once(&mut suffix, cell),
            Column::Gender if !cell.trim().eq_ignore_ascii_case("unspecified") => {
                record.extra.push(("gender".into(), one_line(cell)));
            }
            Column::EventLabel(n) => event(&mut events, *n).1 = Some(cell.trim().to_string()),
            Column::EventValue(n) => event(&mut events, *n).2 = Some(cell.trim().to_string()),
            Column::ConnectedOn => match parse_exported(cell, None) {
                Ok(date) => record.extra.push(("connected_on".into(), date.to_string())),
                Err(e) => problems.push(Problem::new(line, format!("Connected On: {e}; ignored"))),
            },
            Column::Extra(key) if matches!(kind, Kind::Csv | Kind::OutlookCsv) => {
                extra(&mut record, key, cell, line, problems);
            }
            Column::Gender | Column::Extra(_) | Column::Ignore => {}
        }
    }
    join_parts(&mut record, address_parts, &formatted);
    for (_, label, value) in events {
        if let (Some(label), Some(value)) = (label, value) {
            let label = label.trim_start_matches('*').trim().to_string();
            let key = if label.eq_ignore_ascii_case("anniversary") { "anniversary" } else { "event" };
            match (key, parse_exported_in(&value, None, layout.order)) {
                ("anniversary", Ok(date)) => {
                    record.anniversary.get_or_insert(date);
                }
                (_, Ok(date)) => {
                    record.dates.push((if label.is_empty() { "other".into() } else { label }, date));
                }
                (_, Err(DateError::Placeholder(_))) => {}
                (_, Err(e)) => {
                    problems.push(Problem::new(line, format!("{label}: {e}; kept in the notes")));
                    record.notes.push(format!("{label}: {value}"));
                }
            }
        }
    }
    read_dates(&mut record, dates, layout.order, line, problems);
    // Outlook's Full Name: given, middle, family, suffix; the honorific stays out of it and goes
    // into the structured name (written when the display name's split does not say it).
    if let Some(prefix) = record.prefix.clone() {
        let part = |p: &Option<String>| p.clone().unwrap_or_default();
        record.name_parts = Some(crate::contact::name_parts::NameParts {
            family: part(&last),
            given: part(&first),
            additional: part(&middle),
            prefixes: prefix,
            suffixes: part(&suffix),
        });
    }
    let joined = [first, middle, last, suffix].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let name = full
        .or_else(|| Some(one_line(&joined)).filter(|n| !n.is_empty()))
        .or_else(|| record.aliases.first().cloned())
        .or_else(|| record.company.clone())
        .or_else(|| record.emails.first().cloned())?;
    record.name = name;
    Some(record)
}

/// Numbered address parts without a formatted address: one address each, its parts joined
/// with `, ` by rank (street lines, PO box, city, region, postal code, country).
fn join_parts(record: &mut Record, mut address_parts: Vec<(u32, u8, String)>, formatted: &[u32]) {
    let mut numbers: Vec<u32> = Vec::new();
    for (n, _, _) in &address_parts {
        if !numbers.contains(n) {
            numbers.push(*n);
        }
    }
    address_parts.sort_by_key(|(_, rank, _)| *rank);
    for n in numbers.into_iter().filter(|n| !formatted.contains(n)) {
        let parts: Vec<&str> =
            address_parts.iter().filter(|(m, _, _)| *m == n).map(|(_, _, t)| t.as_str()).collect();
        push_unique(&mut record.addresses, &parts.join(", "));
    }
}

/// The birthday and anniversary cells; Outlook's "no date" is an empty cell.
fn read_dates(
    record: &mut Record,
    dates: Vec<(&str, String)>,
    order: Option<SlashOrder>,
    line: usize,
    problems: &mut Vec<Problem>,
) {
    for (what, text) in dates {
        match parse_exported_in(&text, None, order) {
            Ok(date) if what == "birthday" => record.birthday = Some(date),
            Ok(date) => record.anniversary = Some(date),
            // Outlook's "no date": an empty cell, no warning, nothing in the notes.
            Err(DateError::Placeholder(_)) => {}
            Err(e) => {
                problems.push(Problem::new(line, format!("{what}: {e}; kept in the notes")));
                let label = if what == "birthday" { "Birthday" } else { "Anniversary" };
                record.notes.push(format!("{label}: {}", one_line(&text)));
            }
        }
    }
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
        assert_eq!(parsed.problems, [Problem::skipped(6, "row has no name; skipped")]);
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

    /// Outlook's header as its English export writes it (trimmed to the columns that matter).
    const OUTLOOK: &str = "Title,First Name,Middle Name,Last Name,Suffix,Job Title,Business Street,Business Street 2,\
        Business City,Business State,Business Postal Code,Business Country/Region,Business Fax,Business Phone,\
        Business Phone 2,Home Phone 2,Pager,Car Phone,Mobile Phone,Anniversary,Birthday,Business Address PO Box,\
        E-mail Address,E-mail Type,E-mail Display Name,Gender,Initials,Mileage,Priority,Private,Sensitivity,Spouse\n";

    #[test]
    fn outlooks_layout() {
        let text = format!(
            "{OUTLOOK}Mr.,John,,Public,Jr.,Account Manager,1 Main St,Suite 2,Springfield,IL,62701,USA,1,2,3,4,5,6,7,\
             0/0/00,3/26/1980,PO Box 9,j@x.example,SMTP,John (j@x.example),Unspecified,J.P.,,Normal,False,Normal,Mary\n\
             Dr.,Ann,,Lee,,,,,,,,,,,,,,,,3/4/1985,1/0/00,,,SMTP,,Female,,,Normal,False,Normal,\n"
        );
        let parsed = parse(&text).unwrap();
        assert_eq!(parsed.kind, Kind::OutlookCsv);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let john = &parsed.records[0];
        assert_eq!((john.name.as_str(), john.prefix.as_deref()), ("John Public Jr.", Some("Mr.")));
        assert_eq!(
            john.role.as_deref(),
            Some("Account Manager"),
            "Title is the honorific, Job Title the role"
        );
        assert_eq!(john.phones, ["1", "2", "3", "4", "5", "6", "7"]);
        assert_eq!(john.addresses, ["1 Main St, Suite 2, PO Box 9, Springfield, IL, 62701, USA"]);
        assert_eq!(
            (john.birthday.map(|d| d.to_string()), john.anniversary),
            (Some("1980-03-26".into()), None)
        );
        assert!(john.notes.is_empty(), "placeholders are no date: {:?}", john.notes);
        assert_eq!(john.extra, [("spouse".to_string(), "Mary".to_string())], "noise columns are dropped");
        let ann = &parsed.records[1];
        assert_eq!(ann.anniversary.map(|d| d.to_string()).as_deref(), Some("1985-03-04"), "Outlook is M/D");
        assert_eq!(ann.extra, [("gender".to_string(), "Female".to_string())]);
    }

    #[test]
    fn the_files_own_dates_decide_the_order() {
        // Day first shown by 26/3/1980: 3/4/1985 is 3 April. With no such evidence (or evidence
        // both ways) a generic CSV's 3/4/1985 stays ambiguous.
        let parsed = parse("Name,Birthday\nA,26/3/1980\nB,3/4/1985\n").unwrap();
        assert_eq!(parsed.records[1].birthday.map(|d| d.to_string()).as_deref(), Some("1985-04-03"));
        for text in ["Name,Birthday\nB,3/4/1985\n", "Name,Birthday\nA,26/3/1980\nC,3/26/1980\nB,3/4/1985\n"] {
            let parsed = parse(text).unwrap();
            assert_eq!(parsed.records.last().unwrap().notes, ["Birthday: 3/4/1985"]);
            assert!(parsed.problems[0].message.contains("ambiguous"), "{:?}", parsed.problems);
        }
        // A day-first Outlook export says so by its dates.
        let text = format!("{OUTLOOK}Ms.,Ann,,Lee,,,,,,,,,,,,,,,,26/3/1980,3/4/1985,,,,,,,,,,,\n");
        assert_eq!(
            parse(&text).unwrap().records[0].birthday.map(|d| d.to_string()).as_deref(),
            Some("1985-04-03")
        );
    }

    #[test]
    fn every_phone_column_is_a_phone() {
        for header in [
            "Pager",
            "Home Fax",
            "Business Phone 2",
            "Car Phone",
            "TTY/TDD Phone",
            "ISDN",
            "Callback",
            "Phone 3",
        ] {
            assert_eq!(classify(header), Column::Phone, "{header}");
        }
        assert_eq!(
            classify("Phonetic First Name"),
            extra_key("phonetic first name").map_or(Column::Ignore, Column::Extra)
        );
        assert_eq!(extra_key("manager's name").as_deref(), Some("managers_name"));
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
