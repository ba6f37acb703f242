//! Stage 2: one file's text → a typed `Contact` (or a `Diagnostic`). Pure: the caller reads the
//! file; this module never touches the filesystem or the clock, and knows no day: a contact
//! keeps every interaction's date and kind, and `schedule` says, for a day, which are planned
//! and which are past. So a parse (and the cache of parses) holds for any `--today`.

pub(crate) mod body;
pub mod cadence;
pub mod fields;
pub mod frontmatter;
pub(crate) mod notes;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde_yaml::{Mapping, Value};

pub use self::body::{Dated, Interaction, InteractionKind, InteractionRef};
pub use self::cadence::Cadence;
use self::fields::{key_text, scalar_text, string_list, walk_scalars};
use self::frontmatter::{Shape, Split};
use crate::dates::parse_date;
pub use crate::dates::PartialDate;
use crate::error::{Diagnostic, Position};

/// The front matter keys touchbase understands.
pub const STANDARD_KEYS: &[&str] = &[
    "name",
    "aliases",
    "company",
    "role",
    "tags",
    "email",
    "phone",
    "birthday",
    "anniversary",
    "cadence",
    "last_contact",
    "next_contact",
    "snooze_until",
    "reports_to",
    "family",
    "dates",
    "interests",
    "interactions",
];

/// How many past interactions `show` lists (newest first); planned ones are all listed.
pub const RECENT_INTERACTIONS: usize = 5;

/// Summaries kept beyond `Keep::interactions` past ones: room for one planned touchpoint ahead
/// of today, so that a load for today rarely has to read a file twice (`Vault::summaries_for`).
const PLANNED_HEADROOM: usize = 1;

/// What a parsed contact keeps beyond what the schedule needs. Lists of 100k contacts keep the
/// least (the newest summaries, no raw text), which keeps a big vault small in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keep {
    /// The body text, for full-text search.
    pub body: bool,
    /// The raw front matter, for `fields()` (JSON output, queries on any key, `check`).
    pub front_matter: bool,
    /// How many of the latest past interactions a command shows with their summaries (at least
    /// 1: outreach's talking point). Every interaction's date and kind is kept whatever this
    /// says; summaries only for the newest ones, through this many that are not open tasks and
    /// one more (room for a planned touchpoint). Which are past depends on the day, which parsing
    /// does not know: `Vault::summaries_for` reads the rest when a day needs them.
    pub interactions: usize,
    /// The link targets (for backlinks and `check`).
    pub links: bool,
}

impl Keep {
    /// Enough for schedules, index pages and the latest interaction's summary.
    pub const LEAN: Keep = Keep { body: false, front_matter: false, interactions: 1, links: false };
    /// Everything one contact's page shows.
    pub const FULL: Keep =
        Keep { body: false, front_matter: true, interactions: RECENT_INTERACTIONS, links: true };
}

/// The vault's own names for standard keys (`[fields]` in touchbase.toml).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldNames {
    mapped: BTreeMap<String, String>,
}

impl FieldNames {
    pub fn new(mapped: BTreeMap<String, String>) -> Self {
        FieldNames { mapped }
    }

    /// The key a write should use for a standard field.
    pub fn key_for<'a>(&'a self, standard: &'a str) -> &'a str {
        self.mapped.get(standard).map_or(standard, String::as_str)
    }

    /// The mapped key wins when a file has both.
    fn get<'m>(&self, map: &'m Mapping, standard: &str) -> Option<(&'m Value, String)> {
        if let Some(custom) = self.mapped.get(standard) {
            if let Some(value) = map.get(custom.as_str()) {
                return Some((value, custom.clone()));
            }
        }
        if let Some(value) = map.get(standard) {
            return Some((value, standard.to_string()));
        }
        // `Birthday:` as some plugins write it.
        map.iter()
            .find(|(k, _)| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case(standard)))
            .map(|(k, v)| (v, key_text(k)))
    }

    pub fn is_known(&self, key: &str) -> bool {
        STANDARD_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key)) || self.mapped.values().any(|v| v == key)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FamilyMember {
    pub name: String,
    pub relation: Option<String>,
    pub birthday: Option<PartialDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NamedDate {
    pub label: String,
    pub date: PartialDate,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Contact {
    /// Relative to the vault root.
    pub path: PathBuf,
    pub name: String,
    pub aliases: Vec<String>,
    pub company: Option<String>,
    pub role: Option<String>,
    /// Front matter tags then body `#tags`, without `#`, first spelling kept.
    pub tags: Vec<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub birthday: Option<PartialDate>,
    pub anniversary: Option<PartialDate>,
    /// The contact's own cadence; `None` when the file has none (tags or the default may apply).
    pub cadence: Option<Cadence>,
    /// The `last_contact` field only; the schedule combines it with interactions.
    pub last_contact: Option<NaiveDate>,
    pub next_contact: Option<NaiveDate>,
    pub snooze_until: Option<NaiveDate>,
    pub family: Vec<FamilyMember>,
    pub dates: Vec<NamedDate>,
    pub interests: Vec<String>,
    /// Link targets from front matter values and the body, deduplicated, in order
    /// (empty unless loaded with `Keep::links`).
    pub links: Vec<String>,
    /// Every interaction's date and kind (front matter `interactions` and the body's), newest
    /// first, same-day ones in the file's order. Planned or past is `schedule`'s to say.
    pub dated: Box<[Dated]>,
    /// The summaries of the newest interactions: `summaries[i]` is `dated[i]`'s, for the first
    /// few only (see `Keep::interactions`).
    pub summaries: Box<[Box<str>]>,
    /// The raw front matter when `Keep::front_matter`; re-parsed on demand by `fields()`.
    pub front_matter: Option<Box<str>>,
    /// The body, kept only when `ParseOptions::keep_body` (full-text search).
    pub body: Option<Box<str>>,
}

impl Contact {
    /// All front matter, every unknown key included (empty unless loaded with `Keep::front_matter`).
    pub fn fields(&self) -> Mapping {
        let Some(yaml) = self.front_matter.as_deref() else { return Mapping::new() };
        match serde_yaml::from_str::<Value>(yaml) {
            Ok(Value::Mapping(map)) => map,
            _ => Mapping::new(),
        }
    }

    /// Every interaction, newest first, with its summary where one was kept (`""` elsewhere;
    /// `schedule::summaries_cover` says whether a day's needs are met).
    pub fn interactions(&self) -> impl DoubleEndedIterator<Item = InteractionRef<'_>> + ExactSizeIterator {
        self.dated.iter().enumerate().map(|(i, dated)| InteractionRef {
            date: dated.date(),
            kind: dated.kind(),
            summary: self.summaries.get(i).map_or("", |s| s),
        })
    }

    /// How many interactions the file has, planned, past and open tasks.
    pub fn interaction_count(&self) -> usize {
        self.dated.len()
    }

    pub fn file_stem(&self) -> String {
        self.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
    }

    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or(&self.name)
    }
}

pub struct ParseOptions<'a> {
    pub fields: &'a FieldNames,
    pub keep: Keep,
}

/// What a file turned out to be.
#[derive(Debug)]
pub enum Parsed {
    Note,
    /// A contact and the non-fatal problems found in it.
    Contact(Box<Contact>, Vec<Diagnostic>),
}

/// Parses one file. `display_path` is what diagnostics show; `path` is relative to the vault.
pub fn parse(
    path: &Path,
    display_path: &Path,
    text: &str,
    options: &ParseOptions<'_>,
) -> Result<Parsed, Diagnostic> {
    let split = match frontmatter::split(text) {
        Shape::Note => return Ok(Parsed::Note),
        Shape::Unclosed => {
            return Err(Diagnostic::new(
                display_path,
                Some(Position { line: 1, column: 1 }),
                "front matter starts with `---` but has no closing `---` line",
            ))
        }
        Shape::Contact(split) => split,
    };
    let map = frontmatter::parse(&split).map_err(|e| Diagnostic::new(display_path, e.position, e.message))?;
    let fail = |key: &str, message: String| {
        Diagnostic::new(display_path, frontmatter::key_position(&split, key), format!("{key}: {message}"))
    };
    Builder { map: &map, names: options.fields, split: &split, fail: &fail }.build(
        path,
        display_path,
        options,
    )
}

struct Builder<'a, F: Fn(&str, String) -> Diagnostic> {
    map: &'a Mapping,
    names: &'a FieldNames,
    split: &'a Split<'a>,
    fail: &'a F,
}

impl<F: Fn(&str, String) -> Diagnostic> Builder<'_, F> {
    fn value(&self, standard: &str) -> Option<(&Value, String)> {
        self.names.get(self.map, standard)
    }

    fn text(&self, standard: &str) -> Option<String> {
        self.value(standard)
            .and_then(|(v, _)| scalar_text(v).or_else(|| string_list(v, None).into_iter().next()))
    }

    fn list(&self, standard: &str, separator: Option<char>) -> Vec<String> {
        let mut list = self.value(standard).map(|(v, _)| string_list(v, separator)).unwrap_or_default();
        list.shrink_to_fit();
        list
    }

    fn date(&self, standard: &str) -> Result<Option<NaiveDate>, Diagnostic> {
        let Some((value, key)) = self.value(standard) else { return Ok(None) };
        let Some(text) = scalar_text(value) else { return self.not_a_scalar(value, &key) };
        parse_date(&text).map(Some).map_err(|m| (self.fail)(&key, m))
    }

    fn partial_date(&self, standard: &str) -> Result<Option<PartialDate>, Diagnostic> {
        let Some((value, key)) = self.value(standard) else { return Ok(None) };
        let Some(text) = scalar_text(value) else { return self.not_a_scalar(value, &key) };
        PartialDate::parse(&text).map(Some).map_err(|m| (self.fail)(&key, m))
    }

    /// An empty list or mapping counts as absent; one with content is not a date.
    fn not_a_scalar<T>(&self, value: &Value, key: &str) -> Result<Option<T>, Diagnostic> {
        let empty = match value {
            Value::Sequence(items) => items.iter().all(|i| scalar_text(i).is_none()),
            Value::Mapping(map) => map.is_empty(),
            _ => true,
        };
        if empty {
            Ok(None)
        } else {
            Err((self.fail)(key, "expected a date, not a list or mapping".to_string()))
        }
    }

    fn cadence(&self) -> Result<Option<Cadence>, Diagnostic> {
        let Some((value, key)) = self.value("cadence") else { return Ok(None) };
        if let Some(days) = value.as_i64() {
            return Cadence::from_days(days).map(Some).map_err(|m| (self.fail)(&key, m.to_string()));
        }
        let Some(text) = scalar_text(value) else { return Ok(None) };
        if let Ok(days) = text.trim().parse::<i64>() {
            return Cadence::from_days(days).map(Some).map_err(|m| (self.fail)(&key, m.to_string()));
        }
        Cadence::parse(&text).map(Some).map_err(|m| (self.fail)(&key, m.to_string()))
    }

    fn name(&self, path: &Path) -> String {
        if let Some((value, _)) = self.value("name") {
            if let Some(text) = scalar_text(value) {
                return text;
            }
            // `name: {first: carl, last: johnson}`
            if let Value::Mapping(parts) = value {
                let joined: Vec<String> = parts.values().filter_map(scalar_text).collect();
                if !joined.is_empty() {
                    return joined.join(" ");
                }
            }
        }
        path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
    }

    fn family(&self) -> Result<Vec<FamilyMember>, Diagnostic> {
        let Some((Value::Sequence(items), key)) = self.value("family") else { return Ok(Vec::new()) };
        let mut family = Vec::new();
        for item in items {
            let member = match item {
                Value::Mapping(m) => {
                    let get = |k: &str| m.get(k).and_then(scalar_text);
                    let Some(name) = get("name") else { continue };
                    let birthday = match get("birthday") {
                        Some(text) => Some(
                            PartialDate::parse(&text)
                                .map_err(|e| (self.fail)(&key, format!("{name}: {e}")))?,
                        ),
                        None => None,
                    };
                    FamilyMember { name, relation: get("relation"), birthday }
                }
                other => match scalar_text(other) {
                    Some(name) => FamilyMember { name, relation: None, birthday: None },
                    None => continue,
                },
            };
            family.push(member);
        }
        Ok(family)
    }

    fn dates(&self) -> Result<Vec<NamedDate>, Diagnostic> {
        let Some((value, key)) = self.value("dates") else { return Ok(Vec::new()) };
        let mut pairs: Vec<(String, String)> = Vec::new();
        match value {
            Value::Mapping(m) => {
                for (label, date) in m {
                    if let Some(date) = scalar_text(date) {
                        pairs.push((key_text(label), date));
                    }
                }
            }
            // `- {label: Anniversary, date: 06-18}`
            Value::Sequence(items) => {
                for item in items {
                    let Value::Mapping(m) = item else { continue };
                    let label =
                        ["label", "name", "what"].iter().find_map(|k| m.get(*k).and_then(scalar_text));
                    if let (Some(label), Some(date)) = (label, m.get("date").and_then(scalar_text)) {
                        pairs.push((label, date));
                    }
                }
            }
            _ => {}
        }
        pairs
            .into_iter()
            .map(|(label, text)| {
                PartialDate::parse(&text)
                    .map(|date| NamedDate { label: label.clone(), date })
                    .map_err(|e| (self.fail)(&key, format!("{label}: {e}")))
            })
            .collect()
    }

    /// `interactions: [{date, text}]`, as some Obsidian plugins write them.
    fn front_matter_interactions(&self) -> Result<Vec<Interaction>, Diagnostic> {
        let Some((Value::Sequence(items), key)) = self.value("interactions") else { return Ok(Vec::new()) };
        let mut out = Vec::new();
        for item in items {
            let Value::Mapping(m) = item else { continue };
            let Some(date) = m.get("date").and_then(scalar_text) else { continue };
            let date = parse_date(&date).map_err(|e| (self.fail)(&key, e))?;
            let summary = ["text", "summary", "note", "notes"]
                .iter()
                .find_map(|k| m.get(*k).and_then(scalar_text))
                .unwrap_or_default();
            out.push(Interaction { date, summary, kind: InteractionKind::Entry });
        }
        Ok(out)
    }

    fn build(
        self,
        path: &Path,
        display_path: &Path,
        options: &ParseOptions<'_>,
    ) -> Result<Parsed, Diagnostic> {
        let mut tags: Vec<String> = Vec::new();
        for tag in self.list("tags", Some(',')) {
            let tag = tag.trim_start_matches('#').trim().to_string();
            if !tag.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                tags.push(tag);
            }
        }
        let mut links = Vec::new();
        for value in self.map.values() {
            walk_scalars(value, &mut |v| {
                if let Value::String(s) = v {
                    wiki_links_in(s, &mut links);
                }
            });
        }
        let company = self.text("company").map(|c| strip_link(&c));
        let mut interactions = self.front_matter_interactions()?;

        let body = body::parse(self.split.body);
        let mut warnings = Vec::new();
        for problem in &body.problems {
            let before = self.split.body.get(..problem.offset).unwrap_or("");
            let line = self.split.body_line + before.matches('\n').count();
            warnings.push(Diagnostic::new(
                display_path,
                Some(Position { line, column: 1 }),
                problem.message.clone(),
            ));
        }
        for tag in body.tags {
            if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                tags.push(tag);
            }
        }
        for link in body.links {
            if !links.contains(&link) {
                links.push(link);
            }
        }
        interactions.extend(body.interactions);
        // Newest first; the sort is stable so same-day entries keep document order.
        interactions.sort_by_key(|i| std::cmp::Reverse(i.date));
        let dated: Box<[Dated]> = interactions.iter().map(|i| Dated::new(i.date, i.kind)).collect();
        let kept = summarized(&interactions, options.keep.interactions);
        let summaries: Box<[Box<str>]> =
            interactions.into_iter().take(kept).map(|i| i.summary.into_boxed_str()).collect();
        if !options.keep.links {
            links = Vec::new();
        }
        links.shrink_to_fit();
        tags.shrink_to_fit();

        let contact = Contact {
            path: path.to_path_buf(),
            name: self.name(path),
            aliases: self.list("aliases", Some(',')),
            company,
            role: self.text("role"),
            tags,
            emails: self.list("email", Some(',')),
            phones: self.list("phone", None),
            birthday: self.partial_date("birthday")?,
            anniversary: self.partial_date("anniversary")?,
            cadence: self.cadence()?,
            last_contact: self.date("last_contact")?,
            next_contact: self.date("next_contact")?,
            snooze_until: self.date("snooze_until")?,
            family: self.family()?,
            dates: self.dates()?,
            interests: self.list("interests", Some(',')),
            links,
            dated,
            summaries,
            front_matter: options.keep.front_matter.then(|| self.split.yaml.into()),
            body: options.keep.body.then(|| self.split.body.into()),
        };
        Ok(Parsed::Contact(Box::new(contact), warnings))
    }
}

/// How many of the newest interactions (sorted newest first) keep their summary: through the
/// `past`-th (at least the first) that is not an open task, and [`PLANNED_HEADROOM`] more.
fn summarized(interactions: &[Interaction], past: usize) -> usize {
    let wanted = past.max(1).saturating_add(PLANNED_HEADROOM);
    let mut seen = 0;
    for (i, interaction) in interactions.iter().enumerate() {
        if interaction.kind != InteractionKind::OpenTask {
            seen += 1;
            if seen == wanted {
                return i + 1;
            }
        }
    }
    interactions.len()
}

static WIKI_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\[([^\[\]]+?)\]\]").expect("valid regex"));

fn wiki_links_in(text: &str, links: &mut Vec<String>) {
    if !text.contains("[[") {
        return;
    }
    for caps in WIKI_LINK.captures_iter(text) {
        if let Some(target) = caps.get(1).and_then(|m| body::normalize_target(m.as_str())) {
            if !links.contains(&target) {
                links.push(target);
            }
        }
    }
}

/// `[[Acme Corp]]` → `Acme Corp`; plain text is returned as it is.
pub fn strip_link(text: &str) -> String {
    let trimmed = text.trim();
    if let Some(inner) = trimmed.strip_prefix("[[").and_then(|s| s.strip_suffix("]]")) {
        if let Some(target) = body::normalize_target(inner) {
            return target;
        }
    }
    trimmed.to_string()
}

#[cfg(test)]
mod tests;
