//! One contact read from an input file, and the front matter entries it gives.

use super::{date_text, multi_line, push_unique};
use crate::contact::name_parts::NameParts;
use crate::contact::PartialDate;
use crate::write::edit::{yaml_date, yaml_scalar};

/// The keys whose values are dates.
const DATE_KEYS: &[&str] = &[
    "birthday",
    "anniversary",
    "last_contact",
    "next_contact",
    "snooze_until",
    "connected_on",
    "added",
    "left",
];

/// What a card says it is (vCard 4.0 `KIND`, Apple's `X-ABShowAs:COMPANY`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CardKind {
    #[default]
    Person,
    /// An organisation: written as an account note (`type: account`), not a person.
    Organization,
    /// A group of cards: not imported.
    Group,
}

/// One contact read from an input file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// The line of the input where the card or row starts (1-based).
    pub line: usize,
    pub name: String,
    /// An honorific before the name (Outlook's `Title`: Mr., Dr.), never a role. Not written
    /// yet: it belongs to the structured name (issue 14 part 4).
    pub prefix: Option<String>,
    pub aliases: Vec<String>,
    pub company: Option<String>,
    pub department: Option<String>,
    pub role: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub birthday: Option<PartialDate>,
    pub anniversary: Option<PartialDate>,
    /// Other yearly dates (`dates:` in front matter), label → date.
    pub dates: Vec<(String, PartialDate)>,
    pub tags: Vec<String>,
    pub urls: Vec<String>,
    pub addresses: Vec<String>,
    /// Free text for the body, one entry per NOTE or notes cell.
    pub notes: Vec<String>,
    /// Other front matter keys (from a generic CSV's columns), as YAML-ready plain text.
    pub extra: Vec<(String, String)>,
    /// A vCard's `UID`, kept as `uid` (the export writes it back, and a re-import matches by it).
    pub uid: Option<String>,
    /// A vCard's `N`, kept (as `family_name`, ...) where it is not the split of the name.
    pub name_parts: Option<NameParts>,
    pub kind: CardKind,
    /// A vCard e-mail's or phone's `TYPE`s (lower case), by value: where `[fields]` routes it.
    pub types: Vec<(String, Vec<String>)>,
}

/// One front matter key a record gives: its standard name, its plain values (for comparing with
/// what a file has) and its YAML text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub values: Vec<String>,
    pub yaml: String,
    /// The vault key it goes to when `[fields]` routes it by type label (`EMAIL[WORK]`);
    /// otherwise the standard key's vault name.
    pub vault_key: Option<String>,
}

impl Entry {
    fn scalar(key: &str, value: &str) -> Entry {
        // A date under a date key is written plain (`birthday: 1980-03-26`); elsewhere a value
        // that YAML would read as a date is quoted like any other.
        let yaml = if DATE_KEYS.contains(&key) { yaml_date(value) } else { yaml_scalar(value) };
        Entry { key: key.to_string(), values: vec![value.to_string()], yaml, vault_key: None }
    }

    /// One item is written as a plain value (`email: a@b`), more as a flow list; `aliases` and
    /// `tags` are always lists.
    fn list(key: &str, items: &[String]) -> Option<Entry> {
        match items {
            [] => None,
            [only] if key != "aliases" && key != "tags" => Some(Entry::scalar(key, only)),
            _ => Some(Entry {
                key: key.to_string(),
                values: items.to_vec(),
                yaml: crate::write::edit::yaml_list(items),
                vault_key: None,
            }),
        }
    }
}

/// The longest label of a yearly date kept, in characters.
const MAX_LABEL: usize = 100;

impl Record {
    /// The front matter this record gives, in file order, `name` first; `extra_tags` (from
    /// `--tag`) join the record's tags.
    #[must_use]
    pub fn entries(&self, extra_tags: &[String]) -> Vec<Entry> {
        let mut entries = vec![Entry::scalar("name", &self.name)];
        entries.extend(Entry::list("aliases", &self.aliases));
        for (key, value) in
            [("company", &self.company), ("department", &self.department), ("role", &self.role)]
        {
            if let Some(value) = value {
                entries.push(Entry::scalar(key, value));
            }
        }
        entries.extend(Entry::list("email", &self.emails));
        entries.extend(Entry::list("phone", &self.phones));
        for (key, date) in [("birthday", self.birthday), ("anniversary", self.anniversary)] {
            if let Some(date) = date {
                entries.push(Entry::scalar(key, &date_text(date)));
            }
        }
        // One date per label: a flow mapping with a repeated key is invalid YAML, and so is a
        // key of over 1024 characters (escapes included).
        let mut dates: Vec<(String, PartialDate)> = Vec::new();
        for (label, date) in &self.dates {
            let label: String = label.chars().take(MAX_LABEL).collect();
            if !dates.iter().any(|(seen, _)| *seen == label) {
                dates.push((label, *date));
            }
        }
        if !dates.is_empty() {
            let pairs: Vec<String> = dates
                .iter()
                .map(|(label, date)| {
                    format!(
                        "{}: {}",
                        crate::write::edit::yaml_flow_scalar(label),
                        yaml_date(&date_text(*date))
                    )
                })
                .collect();
            let values = dates.iter().map(|(l, d)| format!("{l}: {}", date_text(*d))).collect();
            let yaml = format!("{{{}}}", pairs.join(", "));
            entries.push(Entry { key: "dates".into(), values, yaml, vault_key: None });
        }
        let mut tags = self.tags.clone();
        for tag in extra_tags {
            push_unique(&mut tags, tag);
        }
        entries.extend(Entry::list("tags", &tags));
        entries.extend(Entry::list("url", &self.urls));
        entries.extend(Entry::list("address", &self.addresses));
        if let Some(parts) = self.name_parts.as_ref().filter(|p| **p != NameParts::split(&self.name)) {
            for (key, part) in crate::contact::name_parts::KEYS.iter().zip(parts.components()) {
                if !part.is_empty() {
                    entries.push(Entry::scalar(key, part));
                }
            }
        }
        if let Some(uid) = &self.uid {
            entries.push(Entry::scalar("uid", uid));
        }
        for (key, value) in &self.extra {
            if !entries.iter().any(|e| e.key.eq_ignore_ascii_case(key)) {
                entries.push(Entry::scalar(key, value));
            }
        }
        entries
    }

    /// An organisation's account note: `type: account`, then what a person's file would hold
    /// but the company (its own name) and the structured name.
    #[must_use]
    pub fn account_entries(&self, extra_tags: &[String]) -> Vec<Entry> {
        let mut entries = vec![Entry::scalar("type", "account")];
        let own = |e: &Entry| {
            e.key == "company" && e.values.first().is_some_and(|c| c.eq_ignore_ascii_case(&self.name))
                || crate::contact::name_parts::KEYS.contains(&e.key.as_str())
        };
        entries.extend(self.entries(extra_tags).into_iter().filter(|e| !own(e)));
        entries
    }

    /// The `TYPE`s a value was given.
    #[must_use]
    pub fn types_of(&self, value: &str) -> &[String] {
        self.types.iter().find(|(v, _)| v.eq_ignore_ascii_case(value)).map_or(&[], |(_, t)| t.as_slice())
    }

    /// The notes as one text (several NOTEs are separated by a blank line).
    #[must_use]
    pub fn notes_text(&self) -> String {
        let parts: Vec<String> = self.notes.iter().map(|n| multi_line(n)).filter(|n| !n.is_empty()).collect();
        parts.join("\n\n")
    }
}
