//! One contact read from an input file, and the front matter entries it gives.

use super::{date_text, multi_line, push_unique};
use crate::contact::PartialDate;
use crate::write::edit::yaml_scalar;

/// One contact read from an input file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// The line of the input where the card or row starts (1-based).
    pub line: usize,
    pub name: String,
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
}

/// One front matter key a record gives: its standard name, its plain values (for comparing with
/// what a file has) and its YAML text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub values: Vec<String>,
    pub yaml: String,
}

impl Entry {
    fn scalar(key: &str, value: &str) -> Entry {
        Entry { key: key.to_string(), values: vec![value.to_string()], yaml: yaml_scalar(value) }
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
                        crate::write::edit::yaml_flow_scalar(&date_text(*date))
                    )
                })
                .collect();
            let values = dates.iter().map(|(l, d)| format!("{l}: {}", date_text(*d))).collect();
            entries.push(Entry { key: "dates".into(), values, yaml: format!("{{{}}}", pairs.join(", ")) });
        }
        let mut tags = self.tags.clone();
        for tag in extra_tags {
            push_unique(&mut tags, tag);
        }
        entries.extend(Entry::list("tags", &tags));
        entries.extend(Entry::list("url", &self.urls));
        entries.extend(Entry::list("address", &self.addresses));
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

    /// The notes as one text (several NOTEs are separated by a blank line).
    #[must_use]
    pub fn notes_text(&self) -> String {
        let parts: Vec<String> = self.notes.iter().map(|n| multi_line(n)).filter(|n| !n.is_empty()).collect();
        parts.join("\n\n")
    }
}
