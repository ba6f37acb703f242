//! Which notes are people. A vault is a notebook: besides person notes it holds templates,
//! daily notes, meeting notes, recipes. [`Rules::by_path`] decides what the path alone settles
//! (the templates and daily-notes folders, the vault's own people folders), and
//! [`Rules::by_front_matter`] the rest, from the front matter the parse has in hand anyway, so
//! that classifying a file never reads it a second time. Pure: the vault layer reads
//! `touchbase.toml` and `.obsidian/*.json` into [`Rules`].

use std::fmt;
use std::path::Path;

use serde_yaml::{Mapping, Value};

use super::field_names::FieldNames;
use super::fields::key_text;
use super::links::strip_link;

/// What a markdown file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Person,
    Template,
    DailyNote,
    DatedNote,
    /// A note for a company (`type: account`): never a person, whatever keys it has.
    Account,
    OtherNote,
}

impl Kind {
    /// The kind's name in `check --explain` (`daily_note`; the text shows `daily note`).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Template => "template",
            Kind::DailyNote => "daily_note",
            Kind::DatedNote => "dated_note",
            Kind::Account => "account",
            Kind::OtherNote => "note",
        }
    }
}

/// A kind and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub kind: Kind,
    pub reason: String,
}

impl Verdict {
    fn new(kind: Kind, reason: impl Into<String>) -> Verdict {
        Verdict { kind, reason: reason.into() }
    }
}

/// The front matter keys that make a note a person when the vault does not say otherwise.
/// Not `aliases`, `tags` or `dates`: any note may have those.
pub const PERSON_KEYS: &[&str] = &[
    "name",
    "company",
    "role",
    "email",
    "phone",
    "birthday",
    "anniversary",
    "cadence",
    "last_contact",
    "next_contact",
    "snooze_until",
    "reports_to",
    "account_role",
    "family",
    "interests",
    "interactions",
];

/// A front matter marker that says "this note is a person" (`person_marker`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Marker {
    /// `#person`: a front matter tag.
    Tag(String),
    /// `type: person`, `categories: "[[People]]"`: a key holding that value, or a list with it.
    Field { key: String, value: String },
}

impl Marker {
    /// Reads `#tag` or `key: value`. The value may be a wiki link (`[[People]]`).
    pub fn parse(text: &str) -> Result<Marker, String> {
        let text = text.trim();
        if let Some(tag) = text.strip_prefix('#') {
            let tag = tag.trim();
            if tag.is_empty() || tag.contains(char::is_whitespace) {
                return Err(format!("{text:?}: a tag marker is `#tag`, one word"));
            }
            return Ok(Marker::Tag(tag.to_string()));
        }
        let Some((key, value)) = text.split_once(':') else {
            return Err(format!("{text:?}: expected `key: value` (e.g. \"type: person\") or `#tag`"));
        };
        let (key, value) = (key.trim(), unquote(value.trim()));
        if key.is_empty() || value.is_empty() {
            return Err(format!("{text:?}: expected `key: value` (e.g. \"type: person\") or `#tag`"));
        }
        Ok(Marker::Field { key: key.to_string(), value: value.to_string() })
    }

    fn matches(&self, map: &Mapping, names: &FieldNames) -> bool {
        match self {
            Marker::Tag(tag) => {
                let key = names.key_for("tags");
                values_of(map, key)
                    .iter()
                    .any(|v| v.split(',').any(|t| t.trim().trim_start_matches('#').eq_ignore_ascii_case(tag)))
            }
            Marker::Field { key, value } => {
                let wanted = strip_link(value);
                values_of(map, key)
                    .iter()
                    .any(|v| strip_link(unquote(v.trim())).eq_ignore_ascii_case(&wanted))
            }
        }
    }
}

impl fmt::Display for Marker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Marker::Tag(tag) => write!(f, "#{tag}"),
            Marker::Field { key, value } => write!(f, "{key}: {value}"),
        }
    }
}

fn unquote(text: &str) -> &str {
    ['"', '\''].iter().find_map(|q| text.strip_prefix(*q).and_then(|t| t.strip_suffix(*q))).unwrap_or(text)
}

/// The string values at a key (matched case-insensitively): a string, or a list's strings.
fn values_of(map: &Mapping, key: &str) -> Vec<String> {
    let Some(value) = map.iter().find(|(k, _)| key_text(k).eq_ignore_ascii_case(key)).map(|(_, v)| v) else {
        return Vec::new();
    };
    let text = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        // `categories: [[People]]` unquoted is YAML for a list in a list.
        Value::Sequence(inner) if inner.len() == 1 => match inner.first() {
            Some(Value::Sequence(s)) if s.len() == 1 => match s.first() {
                Some(Value::String(s)) => Some(format!("[[{s}]]")),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    };
    match value {
        Value::Sequence(items) => {
            let nested = text(value);
            nested.into_iter().chain(items.iter().filter_map(text)).collect()
        }
        other => text(other).into_iter().collect(),
    }
}

/// How a vault says which notes are people. Folders are relative to the vault root, with `/`,
/// and are compared case-insensitively.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rules {
    /// Template folders (`Templates`, and Obsidian's own): never contacts.
    pub templates: Vec<String>,
    /// Daily-notes folders (Obsidian's, Logseq's `journals`): never contacts.
    pub daily_notes: Vec<String>,
    /// When set, only notes in these folders (or with the marker) are people.
    pub people: Vec<String>,
    /// When set, only notes with this marker (or in the people folders) are people.
    pub marker: Option<Marker>,
    /// The front matter lists of a dated note whose names it touches (`touch_keys`).
    pub touch_keys: Vec<String>,
    /// Whether the links in a dated note's body touch the contacts they name (`touch_links`).
    pub touch_links: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            templates: vec!["Templates".to_string()],
            daily_notes: vec!["journals".to_string()],
            people: Vec::new(),
            marker: None,
            touch_keys: super::touch::PEOPLE_KEYS.iter().map(|k| (*k).to_string()).collect(),
            touch_links: true,
        }
    }
}

/// The folder of `folders` that `path` is below, if any.
fn folder_of<'a>(folders: &'a [String], path: &Path) -> Option<&'a str> {
    let path = path.to_string_lossy().replace('\\', "/").to_lowercase();
    folders.iter().map(String::as_str).find(|folder| {
        let folder = folder.trim_matches('/').to_lowercase();
        !folder.is_empty() && path.strip_prefix(&folder).is_some_and(|rest| rest.starts_with('/'))
    })
}

impl Rules {
    /// Whether the vault names its people exactly (`people` or `person_marker`).
    #[must_use]
    pub fn explicit(&self) -> bool {
        !self.people.is_empty() || self.marker.is_some()
    }

    /// What the path alone settles, before the file is parsed: templates and daily notes
    /// by folder. `None`: the front matter decides.
    #[must_use]
    pub fn by_path(&self, path: &Path) -> Option<Verdict> {
        if let Some(folder) = folder_of(&self.templates, path) {
            return Some(Verdict::new(Kind::Template, format!("it is in the templates folder `{folder}/`")));
        }
        if let Some(folder) = folder_of(&self.daily_notes, path) {
            return Some(Verdict::new(
                Kind::DailyNote,
                format!("it is in the daily notes folder `{folder}/`"),
            ));
        }
        None
    }

    /// What a note with this front matter is (after [`Rules::by_path`] settled nothing).
    #[must_use]
    pub fn by_front_matter(&self, path: &Path, map: &Mapping, names: &FieldNames) -> Verdict {
        // Before the person keys: an account note has `name:` and `cadence:` too.
        if let Some((key, value)) = super::account::is_marked(map) {
            return Verdict::new(Kind::Account, format!("its `{key}` is `{value}` (an account note)"));
        }
        if self.explicit() {
            if let Some(folder) = folder_of(&self.people, path) {
                return Verdict::new(Kind::Person, format!("it is in the people folder `{folder}/`"));
            }
            if let Some(marker) = self.marker.as_ref().filter(|m| m.matches(map, names)) {
                return Verdict::new(
                    Kind::Person,
                    format!("its front matter has the person marker `{marker}`"),
                );
            }
            let mut wanted = Vec::new();
            if !self.people.is_empty() {
                let folders: Vec<String> =
                    self.people.iter().map(|f| format!("`{}/`", f.trim_matches('/'))).collect();
                wanted.push(format!("it is not in a people folder ({})", folders.join(", ")));
            }
            if let Some(marker) = &self.marker {
                wanted.push(format!("its front matter lacks the person marker `{marker}`"));
            }
            return Verdict::new(Kind::OtherNote, wanted.join(" and "));
        }
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if is_date_name(&stem) {
            return Verdict::new(Kind::DailyNote, format!("its file name `{stem}` is a date"));
        }
        let keys: Vec<String> = map.keys().map(key_text).collect();
        let has = |key: &str| keys.iter().any(|k| k.eq_ignore_ascii_case(key) || k == names.key_for(key));
        let date_is_mapped =
            PERSON_KEYS.iter().chain(["tags", "aliases", "dates"].iter()).any(|k| names.key_for(k) == "date");
        let dated = map.iter().any(|(k, v)| key_text(k).eq_ignore_ascii_case("date") && !is_empty(v));
        if dated && !date_is_mapped {
            return Verdict::new(Kind::DatedNote, "its front matter has a `date:` (a meeting or event note)");
        }
        if map.is_empty() {
            return Verdict::new(Kind::Person, "its front matter is empty (touchbase's smallest contact)");
        }
        if let Some(key) = PERSON_KEYS.iter().find(|k| has(k)) {
            return Verdict::new(
                Kind::Person,
                format!("its front matter has the person key `{}`", names.key_for(key)),
            );
        }
        if let Some((key, value)) = people_category(map) {
            return Verdict::new(Kind::Person, format!("its `{key}` is `{value}`"));
        }
        if let Some(key) = keys.iter().find(|k| is_vcard_key(k)) {
            // A vCard's `KIND` other than `individual` (RFC 6350 6.1.4) is a place or a group.
            let kind = map.iter().find(|(k, _)| key_text(k) == "KIND").and_then(|(_, v)| v.as_str());
            if let Some(kind) = kind.filter(|k| !k.eq_ignore_ascii_case("individual")) {
                return Verdict::new(Kind::OtherNote, format!("its vCard `KIND` is `{kind}`, not a person"));
            }
            return Verdict::new(Kind::Person, format!("its front matter has the vCard key `{key}`"));
        }
        Verdict::new(
            Kind::OtherNote,
            format!("its front matter has no person key ({})", PERSON_KEYS.join(", ")),
        )
    }
}

/// What Obsidian vaults write to say "a person": `categories: ["[[People]]"]` (kepano's
/// vault), `type: person`, a `person` or `people` tag. The key and the matching value.
fn people_category(map: &Mapping) -> Option<(String, String)> {
    const KEYS: &[&str] = &["categories", "category", "type", "kind", "tags"];
    const WORDS: &[&str] = &["people", "person", "contact", "contacts"];
    for (key, value) in map {
        let key = key_text(key);
        if !KEYS.iter().any(|k| k.eq_ignore_ascii_case(&key)) {
            continue;
        }
        let values: Vec<String> = match value {
            Value::Sequence(items) => items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
            Value::String(s) => s.split(',').map(str::to_string).collect(),
            _ => Vec::new(),
        };
        for text in values {
            let word = text.trim().trim_start_matches("[[").trim_end_matches("]]").trim_start_matches('#');
            if WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
                return Some((key, text.trim().to_string()));
            }
        }
    }
    None
}

/// A key the Obsidian vCard plugin writes (`FN`, `N.GN`, `EMAIL[HOME]`, `TEL[CELL]`, `BDAY`):
/// the upper-case vCard property before any `.` or `[`.
fn is_vcard_key(key: &str) -> bool {
    let property = key.split(['.', '[']).next().unwrap_or("");
    ["FN", "N", "EMAIL", "TEL", "BDAY", "NICKNAME"].contains(&property)
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Sequence(s) => s.iter().all(is_empty),
        Value::Mapping(m) => m.is_empty(),
        _ => false,
    }
}

/// A daily (or weekly) note's name: `2026-11-30`, `2020_09_20`, `2026.11.30`, `20261130`,
/// `2026-W48`.
#[must_use]
pub fn is_date_name(stem: &str) -> bool {
    let stem = stem.trim();
    for format in ["%Y-%m-%d", "%Y_%m_%d", "%Y.%m.%d", "%Y%m%d"] {
        if stem.len() >= 8 && chrono::NaiveDate::parse_from_str(stem, format).is_ok() {
            return true;
        }
    }
    let week = stem.split_once("-W").or_else(|| stem.split_once("-w"));
    week.is_some_and(|(year, week)| {
        year.len() == 4
            && year.bytes().all(|b| b.is_ascii_digit())
            && week.len() == 2
            && week.parse::<u32>().is_ok_and(|w| (1..=53).contains(&w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(yaml: &str) -> Mapping {
        serde_yaml::from_str(yaml).unwrap_or_default()
    }

    fn kind(rules: &Rules, path: &str, yaml: &str) -> Kind {
        let path = Path::new(path);
        rules
            .by_path(path)
            .unwrap_or_else(|| rules.by_front_matter(path, &map(yaml), &FieldNames::default()))
            .kind
    }

    #[test]
    fn default_heuristics() {
        let r = Rules::default();
        assert_eq!(
            kind(&r, "Steph.md", "categories:\n  - \"[[People]]\"\ncreated: 2023-09-12"),
            Kind::Person
        );
        assert_eq!(kind(&r, "Ann.md", "type: person"), Kind::Person);
        assert_eq!(kind(&r, "Bo.md", "tags: [friend, people]"), Kind::Person);
        assert_eq!(kind(&r, "Anya.md", "N.GN: Anya\n\"EMAIL[HOME]\": a@b.ru"), Kind::Person);
        assert_eq!(kind(&r, "Pie.md", "categories: [Recipes]\nrating: 5"), Kind::OtherNote);
        assert_eq!(kind(&r, "Spot.md", "FN: kite surf spot\nKIND: location"), Kind::OtherNote);
        assert_eq!(kind(&r, "Templates/Person.md", "name: x"), Kind::Template);
        assert_eq!(kind(&r, "templates/contact.md", "name: x"), Kind::Template);
        assert_eq!(kind(&r, "journals/2020_09_20.md", "tags: x"), Kind::DailyNote);
        assert_eq!(kind(&r, "Daily/2026-11-30.md", "mood: ok"), Kind::DailyNote);
        assert_eq!(kind(&r, "x/2026-W48.md", "name: x"), Kind::DailyNote);
        assert_eq!(
            kind(&r, "M/2026-11-20 QBR.md", "date: 2026-11-20\nattendees: ['[[Jane]]']"),
            Kind::DatedNote
        );
        assert_eq!(kind(&r, "Recipes/Pie.md", "rating: 5\ntags: [food]"), Kind::OtherNote);
        assert_eq!(kind(&r, "People/Jane.md", "company: Acme\ntags: [x]"), Kind::Person);
        assert_eq!(kind(&r, "Jane.md", ""), Kind::Person);
        assert_eq!(kind(&r, "notes/Acme.md", "type: account\nname: Acme\ncadence: monthly"), Kind::Account);
        assert_eq!(kind(&r, "notes/Acme.md", "categories: [\"[[Accounts]]\"]"), Kind::Account);
        assert_eq!(kind(&r, "Jane.md", "Birthday: 1980-01-01"), Kind::Person);
        assert_eq!(kind(&r, "Jane.md", "name: Jane\ndate:"), Kind::Person, "an empty date is no date");
        assert_eq!(kind(&r, "Templatesx/Jane.md", "name: J"), Kind::Person);
        assert!(!is_date_name("2026-11-20 QBR") && !is_date_name("2026-13-01") && !is_date_name("Jane"));
    }

    #[test]
    fn explicit_rules() {
        let r = Rules { people: vec!["People/".into()], ..Rules::default() };
        assert_eq!(kind(&r, "people/Jane.md", "rating: 5"), Kind::Person);
        assert_eq!(kind(&r, "Other/Jane.md", "name: Jane"), Kind::OtherNote);
        for marker in ["type: person", "#person", "categories: \"[[People]]\""] {
            let r = Rules { marker: Some(Marker::parse(marker).unwrap()), ..Rules::default() };
            assert_eq!(
                kind(&r, "a/J.md", "type: Person"),
                if marker.starts_with("type") { Kind::Person } else { Kind::OtherNote }
            );
            assert_eq!(
                kind(&r, "a/J.md", "tags: [friend, person]"),
                if marker.starts_with('#') { Kind::Person } else { Kind::OtherNote }
            );
            let categories = if marker.starts_with("cat") { Kind::Person } else { Kind::OtherNote };
            assert_eq!(kind(&r, "a/J.md", "categories:\n  - \"[[People]]\""), categories);
            assert_eq!(kind(&r, "a/J.md", "categories: [[People]]"), categories);
            assert_eq!(kind(&r, "Templates/J.md", "type: person\ntags: person"), Kind::Template);
        }
        assert!(
            Marker::parse("person").is_err()
                && Marker::parse("#").is_err()
                && Marker::parse("type:").is_err()
        );
    }
}
