//! Stage 2: one file's text → a typed `Contact` (or a `Diagnostic`). Pure: the caller reads the
//! file; this module never touches the filesystem or the clock, and knows no day: a contact
//! keeps every interaction's date and kind, and `schedule` says, for a day, which are planned
//! and which are past. So a parse (and the cache of parses) holds for any `--today`.
//!
//! Here: the contact's types and `parse`. The front matter → `Contact` builder is in
//! `builder.rs`, the vault's own key names in `field_names.rs`, wiki links in `links.rs`, the
//! Mackay 66 in `profile.rs` (its questions in `profile_items.rs`), the body as blocks in
//! `blocks.rs` and what a brief reads of it in `digest.rs`.

pub(crate) mod account;
pub(crate) mod blocks;
pub(crate) mod body;
mod builder;
pub mod cadence;
pub(crate) mod digest;
mod field_names;
pub mod fields;
pub mod frontmatter;
pub mod kind;
mod links;
pub mod name_parts;
pub(crate) mod notes;
pub mod profile;
mod profile_items;
pub(crate) mod ticks;
pub(crate) mod touch;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

pub(crate) use self::body::{Dated, Interaction, InteractionKind, InteractionRef};
pub use self::cadence::Cadence;
pub(crate) use self::field_names::type_label;
pub use self::field_names::{FieldNames, STANDARD_KEYS};
use self::frontmatter::Shape;
pub use self::kind::{Kind, Rules, Verdict};
pub(crate) use self::links::{required_links, strip_link, wiki_links_in};
pub use crate::dates::PartialDate;
use crate::error::{Diagnostic, Position};

/// How many past interactions `show` lists (newest first); planned ones are all listed.
pub(crate) const RECENT_INTERACTIONS: usize = 5;

/// Summaries kept beyond `Keep::interactions` past ones: room for one planned touchpoint ahead
/// of today, so that a load for today rarely has to read a file twice (`Vault::summaries_for`).
const PLANNED_HEADROOM: usize = 1;

/// The longest `card_lead_days` read (a contact's or a setting's): a year and a day.
pub(crate) const MAX_LEAD_DAYS: u32 = 366;

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
    /// The Mackay profile summary (`Contact::profile`: `accounts`, `outreach`, `brief`). A
    /// quarter of a parse; the rows of `list`, `overdue` and `upcoming` never show it. A load
    /// that uses the parse cache parses with `LEAN` whatever this says, so what is cached serves
    /// every lean command.
    pub profile: bool,
}

impl Keep {
    /// Enough for schedules, index pages and the latest interaction's summary.
    pub const LEAN: Keep =
        Keep { body: false, front_matter: false, interactions: 1, links: false, profile: true };
    /// Everything one contact's page shows.
    pub(crate) const FULL: Keep = Keep {
        body: false,
        front_matter: true,
        interactions: RECENT_INTERACTIONS,
        links: true,
        profile: true,
    };
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

/// A one-off dated event (`events:`): a graduation, a wedding. It happens once and does not
/// recur, so it needs a full date.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OneOffEvent {
    pub label: String,
    pub date: NaiveDate,
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
    /// `owner:` (names or e-mails, `[[ ]]` stripped); when empty, the session fills in the
    /// owners of the contact's account note.
    pub owners: Vec<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    /// The `uid` and `url` values (under the vault's own names for them): with the e-mails and
    /// phones, who the contact is, so that import matches identities from a lean (cached) load.
    pub uids: Vec<String>,
    pub urls: Vec<String>,
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
    /// One-off dated events (`events:`), in the file's order.
    pub events: Vec<OneOffEvent>,
    /// The mailing address (`address:`), one line per item.
    pub address: Vec<String>,
    /// `spouse:`: a name or `[[link]]` (stored without the brackets) naming the spouse's file.
    pub spouse: Option<String>,
    /// `card_lead_days:`: how many days before an event this contact's card must be posted; it
    /// wins over the vault's settings.
    pub card_lead_days: Option<u32>,
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
    /// Its place in its account: roles, reporting line, left, check-ups.
    pub account: account::AccountFields,
    /// Which of the Mackay 66 the file answers and its personal talking points (`accounts`
    /// averages the coverage, `outreach` shows the points); the default unless `Keep::profile`.
    pub profile: profile::Summary,
}

impl Contact {
    /// All front matter, every unknown key included (empty unless loaded with `Keep::front_matter`).
    #[must_use]
    pub fn fields(&self) -> Mapping {
        let Some(yaml) = self.front_matter.as_deref() else { return Mapping::new() };
        match serde_yaml::from_str::<Value>(yaml) {
            Ok(Value::Mapping(map)) => map,
            _ => Mapping::new(),
        }
    }

    /// Every interaction, newest first, with its summary where one was kept (`""` elsewhere;
    /// `schedule::summaries_cover` says whether a day's needs are met).
    /// Adds a touch from a dated note as an interaction, in its place among the newest-first
    /// ones; its summary is kept when it falls among the kept summaries.
    pub(crate) fn add_touch(&mut self, date: NaiveDate, summary: &str) {
        let mut dated = std::mem::take(&mut self.dated).into_vec();
        let at = dated.partition_point(|d| d.date() >= date);
        dated.insert(at, Dated::new(date, InteractionKind::Entry));
        self.dated = dated.into_boxed_slice();
        if at <= self.summaries.len() {
            let mut summaries = std::mem::take(&mut self.summaries).into_vec();
            summaries.insert(at, summary.into());
            self.summaries = summaries.into_boxed_slice();
        }
    }

    #[must_use]
    pub(crate) fn interactions(
        &self,
    ) -> impl DoubleEndedIterator<Item = InteractionRef<'_>> + ExactSizeIterator {
        self.dated.iter().enumerate().map(|(i, dated)| InteractionRef {
            date: dated.date(),
            kind: dated.kind(),
            summary: self.summaries.get(i).map_or("", |s| s),
        })
    }

    /// How many interactions the file has, planned, past and open tasks.
    #[must_use]
    pub fn interaction_count(&self) -> usize {
        self.dated.len()
    }

    #[must_use]
    pub fn file_stem(&self) -> String {
        self.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
    }

    #[must_use]
    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or(&self.name)
    }
}

pub struct ParseOptions<'a> {
    pub fields: &'a FieldNames,
    pub keep: Keep,
    /// Which notes are people (see [`kind`]).
    pub kinds: &'a Rules,
}

/// What a file turned out to be.
#[derive(Debug)]
pub enum Parsed {
    /// A note, with its touch (a dated note naming people) and what it says as an account note.
    Note(Option<Box<touch::NoteTouch>>, Option<Box<account::AccountNote>>),
    /// A contact and the non-fatal problems found in it.
    Contact(Box<Contact>, Vec<Diagnostic>),
}

/// Parses one file. `display_path` is what diagnostics show; `path` is relative to the vault.
/// Only a file whose front matter cannot be read at all (unclosed, not YAML, not a mapping) is an
/// `Err`; a value that cannot be read is a warning beside the contact, which keeps the rest.
/// A file that is not a person (see [`kind`]) is a [`Parsed::Note(..)`].
pub fn parse(
    path: &Path,
    display_path: &Path,
    text: &str,
    options: &ParseOptions<'_>,
) -> Result<Parsed, Diagnostic> {
    let (split, map) = match classify_text(path, display_path, text, options)? {
        Classified::Person(split, map) => (split, map),
        Classified::Not(verdict) => {
            let touch = touch::of(path, text, verdict.kind, options.kinds).map(Box::new);
            return Ok(Parsed::Note(touch, account_note(path, text, verdict.kind).map(Box::new)));
        }
    };
    let fail = |key: &str, message: String| {
        Diagnostic::warning(display_path, frontmatter::key_position(&split, key), format!("{key}: {message}"))
    };
    Ok(builder::Builder { map: &map, names: options.fields, split: &split, fail: &fail }.build(
        path,
        display_path,
        options,
    ))
}

/// What a file is and why (`check --explain`): the same decision [`parse`] makes, from the same
/// text. An error is a file that starts like front matter but cannot be read as it.
pub fn classify(
    path: &Path,
    display_path: &Path,
    text: &str,
    options: &ParseOptions<'_>,
) -> Result<Verdict, Diagnostic> {
    Ok(match classify_text(path, display_path, text, options)? {
        Classified::Person(_, map) => options.kinds.by_front_matter(path, &map, options.fields),
        Classified::Not(verdict) => verdict,
    })
}

/// The account note a note is, if any (templates and daily notes never are).
fn account_note(path: &Path, text: &str, kind: Kind) -> Option<account::AccountNote> {
    if !matches!(kind, Kind::Account | Kind::OtherNote) {
        return None;
    }
    match frontmatter::split(text) {
        Shape::Contact(split) => {
            let map = frontmatter::parse(&split).unwrap_or_default();
            account::note(path, &map, text.get(split.body_start..).unwrap_or(""))
        }
        _ => account::note(path, &Mapping::new(), text),
    }
}

enum Classified<'t> {
    Person(frontmatter::Split<'t>, Mapping),
    Not(Verdict),
}

fn classify_text<'t>(
    path: &Path,
    display_path: &Path,
    text: &'t str,
    options: &ParseOptions<'_>,
) -> Result<Classified<'t>, Diagnostic> {
    if let Some(verdict) = options.kinds.by_path(path) {
        return Ok(Classified::Not(verdict));
    }
    let split = match frontmatter::split(text) {
        Shape::Note => {
            return Ok(Classified::Not(Verdict {
                kind: Kind::OtherNote,
                reason: "it has no front matter".into(),
            }))
        }
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
    let verdict = options.kinds.by_front_matter(path, &map, options.fields);
    if verdict.kind == Kind::Person {
        Ok(Classified::Person(split, map))
    } else {
        Ok(Classified::Not(verdict))
    }
}

#[cfg(test)]
mod tests;

/// A contact with a path and nothing else, for tests that set the fields they need.
#[cfg(test)]
pub(crate) fn blank(path: &str) -> Contact {
    Contact {
        path: path.into(),
        name: Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
        aliases: vec![],
        company: None,
        role: None,
        tags: vec![],
        owners: vec![],
        emails: vec![],
        phones: vec![],
        uids: vec![],
        urls: vec![],
        birthday: None,
        anniversary: None,
        cadence: None,
        last_contact: None,
        next_contact: None,
        snooze_until: None,
        family: vec![],
        dates: vec![],
        events: vec![],
        address: vec![],
        spouse: None,
        card_lead_days: None,
        account: account::AccountFields::default(),
        profile: profile::Summary::default(),
        interests: vec![],
        links: vec![],
        dated: Box::new([]),
        summaries: Box::new([]),
        front_matter: None,
        body: None,
    }
}
