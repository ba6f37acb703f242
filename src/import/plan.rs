//! What an import writes, decided record by record, then written through `write::Writer`:
//! - a name no contact has: a new file, created atomically and never over an existing one
//!   (`Name.md`, else `Name (2).md`, `Name (3).md`, ...; the file name by `vault::names`, so
//!   that every file made is read back), with the built-in layout of `new`;
//! - a name (or alias, or file name) exactly one contact has, in the vault or earlier in the same
//!   file: a merge that adds only the keys that contact lacks (or has empty), each with
//!   `write::edit::set_key`; every existing value and byte stays as it is; differing values are
//!   reported as kept;
//! - a contact that cannot be edited safely (a symlink, not UTF-8, front matter that `set_key`
//!   refuses) or a name several contacts share: a new file `Name (2).md` instead.
//!
//! Everything is planned first; `--dry-run` prints the plan and writes nothing.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::identity::{email_key, phone_key, url_key, Identity, Link};
use super::{CardKind, Entry, Problem, Record};
use crate::contact::account::AccountNote;
use crate::contact::fields::{scalar_text, string_list};
use crate::contact::frontmatter::{self, Shape};
use crate::contact::name_parts::NameParts;
use crate::contact::{FieldNames, PartialDate};
use crate::index::Index;
use crate::report::import::{ImportLine, ImportSummary, Notice, Verb};
use crate::vault::names;
use crate::vault::settings::{FileNames, Settings};
use crate::write::edit::{
    append_block_list, append_notes, set_key, set_list, yaml_list, yaml_scalar, EditError,
};
use crate::write::template;
use crate::write::Writer;

/// Show a progress bar (on a terminal) from this many files on.
const PROGRESS_FROM: usize = 200;

/// One file to create or change.
pub(crate) struct Plan {
    pub(crate) relative: PathBuf,
    pub(crate) text: String,
    /// The bytes read from an existing contact's file; `None` for a new file.
    original: Option<Vec<u8>>,
    pub(crate) failed: Option<String>,
}

pub(crate) enum Action {
    Created(Vec<String>),
    Updated { added: Vec<String>, kept: Vec<String> },
    Unchanged(Vec<String>),
}

pub(crate) struct Event {
    pub(crate) plan: usize,
    pub(crate) action: Action,
    /// Why a new file was made instead of a merge.
    pub(crate) note: Option<String>,
}

pub(crate) struct Planner<'a> {
    root: &'a Path,
    names: &'a FieldNames,
    settings: &'a Settings,
    index: &'a Index,
    dir: &'a Path,
    tags: &'a [String],
    plans: Vec<Plan>,
    events: Vec<Event>,
    /// Lower-cased names and aliases of this run's new files → plans.
    by_name: HashMap<String, Vec<usize>>,
    /// Every contact's identifiers (vault contacts and this run's files, merged records included).
    ids: HashMap<Target, Identity>,
    /// An identifier in normal form → the contacts that have it.
    by_key: HashMap<(Link, String), Vec<Target>>,
    /// Contacts a merge was refused for: later records do not try them again.
    unmergeable: HashSet<Target>,
    /// The vault's account notes and this run's, by lower-cased name (organisations' cards).
    account_paths: HashMap<String, PathBuf>,
    account_plans: HashMap<String, usize>,
    /// Vault entries already opened for merging → plan.
    by_entry: HashMap<usize, usize>,
    taken: HashSet<String>,
    skipped: Vec<Problem>,
    /// Lower-cased name, aliases, file stem and path without `.md` of each vault contact (as
    /// NAME resolves, exact matches only) → entries.
    vault_keys: HashMap<String, Vec<usize>>,
}

/// The exact keys NAME resolves by, for every contact of the vault.
fn vault_keys(index: &Index) -> HashMap<String, Vec<usize>> {
    let mut keys: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, entry) in index.entries.iter().enumerate() {
        let c = &entry.contact;
        let stem_path = c.path.with_extension("").to_string_lossy().replace('\\', "/").to_lowercase();
        let mut own = vec![c.name.trim().to_lowercase(), c.file_stem().to_lowercase(), stem_path];
        own.extend(c.aliases.iter().map(|a| a.trim().to_lowercase()));
        own.sort();
        own.dedup();
        for key in own {
            keys.entry(key).or_default().push(i);
        }
    }
    keys
}

/// A contact a record may be: one of the vault's (by index entry) or a file of this run (by plan).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Target {
    Entry(usize),
    Plan(usize),
}

/// The identities of the vault's contacts: e-mails, phones, `uid` and `url` as parsed (under
/// the vault's own names for them), so a lean, cached load is enough.
fn vault_identities(index: &Index) -> HashMap<Target, Identity> {
    let mut ids = HashMap::new();
    for (i, entry) in index.entries.iter().enumerate() {
        let c = &entry.contact;
        ids.insert(Target::Entry(i), Identity::from_parts(&c.uids, &c.emails, &c.phones, &c.urls));
    }
    ids
}

impl Planner<'_> {
    pub(crate) fn add(&mut self, record: &Record) {
        if record.kind == CardKind::Organization {
            return self.add_account(record);
        }
        let entries = self.routed(record, record.entries(self.tags));
        let notes = record.notes_text();
        let id = Identity::of_record(record);
        let (target, mut note, company) = match self.by_identity(&id) {
            Some(target) => (Some(target), None, None),
            None => self.by_name(record, &id),
        };
        if let Some(target) = target {
            let entries = self.without_own_name_parts(target, record, entries.clone());
            match self.merge_into(target, &entries, &notes) {
                Ok(()) => {
                    self.remember(target, &id);
                    return;
                }
                Err(reason) => {
                    self.unmergeable.insert(target);
                    note = Some(format!("not merged into {reason}"));
                }
            }
        }
        match self.create(record, &entries, &notes, note, company) {
            Ok(plan) => {
                self.remember(Target::Plan(plan), &id);
                for name in std::iter::once(&record.name).chain(&record.aliases) {
                    let plans = self.by_name.entry(name.trim().to_lowercase()).or_default();
                    if !plans.contains(&plan) {
                        plans.push(plan);
                    }
                }
            }
            Err(message) => self.skipped.push(Problem::skipped(record.line, message)),
        }
    }

    /// An organisation's card: merged into the account note of its name (the vault's, or one
    /// this run made), else a new account note.
    fn add_account(&mut self, record: &Record) {
        let entries = record.account_entries(self.tags);
        let notes = record.notes_text();
        let key = record.name.trim().to_lowercase();
        let mut note = Some("an account note: an organisation's card".to_string());
        let plan = match (self.account_plans.get(&key), self.account_paths.get(&key)) {
            (Some(&plan), _) => Ok(plan),
            (None, Some(relative)) => self.open_path(relative.clone()),
            (None, None) => Err(String::new()),
        };
        match plan {
            Ok(plan) => match self.merge(plan, &entries, &notes) {
                Ok(()) => return,
                Err(e) => {
                    let path = self.path_of(Target::Plan(plan));
                    note = Some(format!("not merged into {}: {e}", path.display()));
                }
            },
            Err(reason) if !reason.is_empty() => note = Some(format!("not merged into {reason}")),
            Err(_) => {}
        }
        match self.create(record, &entries, &notes, note, None) {
            Ok(plan) => {
                self.account_plans.insert(key, plan);
            }
            Err(message) => self.skipped.push(Problem::skipped(record.line, message)),
        }
    }

    /// A card's `N` that is the split of the vault contact's own name (the card's `FN` differs)
    /// says nothing new: its keys are left out of the merge.
    fn without_own_name_parts(&self, target: Target, record: &Record, entries: Vec<Entry>) -> Vec<Entry> {
        let Target::Entry(e) = target else { return entries };
        let own = self.index.entries.get(e).map(|x| NameParts::split(&x.contact.name));
        if own.is_none() || own != record.name_parts {
            return entries;
        }
        entries.into_iter().filter(|x| !crate::contact::name_parts::KEYS.contains(&x.key.as_str())).collect()
    }

    /// With `[fields]` mapping `email`, `phone` or `url` to keys with type labels (`EMAIL[HOME]`,
    /// `EMAIL[WORK]`), each value goes to the key its vCard `TYPE` names, else the first.
    fn routed(&self, record: &Record, entries: Vec<Entry>) -> Vec<Entry> {
        let mut out = Vec::new();
        for entry in entries {
            if !matches!(entry.key.as_str(), "email" | "phone" | "url") || !self.names.has_labels(&entry.key)
            {
                out.push(entry);
                continue;
            }
            let mut groups: Vec<(String, Vec<String>)> = Vec::new();
            for value in &entry.values {
                let key = self.names.key_for_type(&entry.key, record.types_of(value)).to_string();
                match groups.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, values)) => values.push(value.clone()),
                    None => groups.push((key, vec![value.clone()])),
                }
            }
            for (key, values) in groups {
                let yaml = if let [one] = values.as_slice() { yaml_scalar(one) } else { yaml_list(&values) };
                out.push(Entry { key: entry.key.clone(), values, yaml, vault_key: Some(key) });
            }
        }
        out
    }

    /// The contact that shares the record's strongest identifier (UID, then e-mail, phone, URL);
    /// a phone or URL shared with a contact whose UID, e-mails or profile URL differ is no match.
    fn by_identity(&self, id: &Identity) -> Option<Target> {
        for link in Link::ALL {
            let mut found: Vec<Target> = id
                .keys(link)
                .iter()
                .filter_map(|key| self.by_key.get(&(link, key.clone())))
                .flatten()
                .copied()
                .filter(|t| !self.unmergeable.contains(t))
                .filter(|t| {
                    link <= Link::Email
                        || self.ids.get(t).is_none_or(|theirs| theirs.contradiction(id).is_none())
                })
                .collect();
            found.sort();
            if let Some(&first) = found.first() {
                return Some(first);
            }
        }
        None
    }

    /// The one contact of the record's name that nothing contradicts; else no target, and why a
    /// new file is made (with the company to tell it apart, when another person has the name).
    fn by_name(&self, record: &Record, id: &Identity) -> (Option<Target>, Option<String>, Option<String>) {
        let name = record.name.trim().to_lowercase();
        let mut named: Vec<Target> =
            self.vault_keys.get(&name).into_iter().flatten().map(|&e| Target::Entry(e)).collect();
        named.extend(self.by_name.get(&name).into_iter().flatten().map(|&p| Target::Plan(p)));
        named.retain(|t| !self.unmergeable.contains(t));
        let (fits, others): (Vec<Target>, Vec<Target>) = named
            .iter()
            .partition(|t| self.ids.get(t).is_none_or(|theirs| theirs.contradiction(id).is_none()));
        match (fits.as_slice(), others.first()) {
            ([one], _) => (Some(*one), None, None),
            ([], Some(other)) => {
                let reason = self.ids.get(other).and_then(|theirs| theirs.contradiction(id)).unwrap_or("");
                let note = format!("same name as {} but {reason}", self.path_of(*other).display());
                (None, Some(note), record.company.clone())
            }
            ([], None) => (None, None, None),
            (many, _) => (None, Some(format!("{} contacts are named {:?}", many.len(), record.name)), None),
        }
    }

    fn path_of(&self, target: Target) -> PathBuf {
        match target {
            Target::Entry(e) => self.index.entries.get(e).map(|x| x.contact.path.clone()).unwrap_or_default(),
            Target::Plan(p) => self.plans.get(p).map(|x| x.relative.clone()).unwrap_or_default(),
        }
    }

    /// The record's identifiers now lead to `target` too.
    fn remember(&mut self, target: Target, id: &Identity) {
        for link in Link::ALL {
            for key in id.keys(link) {
                let targets = self.by_key.entry((link, key.clone())).or_default();
                if !targets.contains(&target) {
                    targets.push(target);
                }
            }
        }
        self.ids.entry(target).or_default().extend(id);
    }

    /// Merges into a vault contact (opening its file once) or a file of this run.
    fn merge_into(&mut self, target: Target, entries: &[Entry], notes: &str) -> Result<(), String> {
        let plan = match target {
            Target::Plan(plan) => plan,
            Target::Entry(entry) => match self.by_entry.get(&entry) {
                Some(&plan) => plan,
                None => self.open(entry)?,
            },
        };
        self.merge(plan, entries, notes).map_err(|e| {
            let path = self.plans.get(plan).map(|p| p.relative.display().to_string());
            format!("{}: {e}", path.unwrap_or_default())
        })
    }

    /// Reads an existing contact's file for merging (refusing symlinks and files outside the vault).
    fn open(&mut self, entry: usize) -> Result<usize, String> {
        let relative = self.index.entries.get(entry).map(|e| e.contact.path.clone()).unwrap_or_default();
        let plan = self.open_path(relative)?;
        self.by_entry.insert(entry, plan);
        Ok(plan)
    }

    fn open_path(&mut self, relative: PathBuf) -> Result<usize, String> {
        let (bytes, text) = crate::vault::read_for_edit(self.root, &relative)
            .map_err(|reason| format!("{}: {reason}", relative.display()))?;
        let plan = self.plans.len();
        self.plans.push(Plan { relative, text, original: Some(bytes), failed: None });
        Ok(plan)
    }

    /// The vault's account notes, by lower-cased name and alias, for organisations' cards.
    pub(crate) fn with_accounts(mut self, notes: &[AccountNote]) -> Self {
        for note in notes {
            for name in std::iter::once(&note.name).chain(&note.aliases) {
                self.account_paths.entry(name.trim().to_lowercase()).or_insert_with(|| note.path.clone());
            }
        }
        self
    }

    /// Adds to plan `plan` the keys its file lacks; all or nothing.
    fn merge(&mut self, plan: usize, entries: &[Entry], notes: &str) -> Result<(), EditError> {
        let Some(current) = self.plans.get(plan) else { return Err(EditError("no such file".into())) };
        let (map, body) = match frontmatter::split(&current.text) {
            Shape::Contact(split) => {
                let map = frontmatter::parse(&split).map_err(|e| EditError(e.message))?;
                (map, super::body_notes(split.body))
            }
            Shape::Note | Shape::Unclosed => {
                return Err(EditError("its front matter is missing or not closed".into()))
            }
        };
        let mut text = current.text.clone();
        let (mut added, mut kept) = (Vec::new(), Vec::new());
        for entry in entries.iter().filter(|e| e.key != "name") {
            let mapped = entry.vault_key.as_deref().unwrap_or_else(|| self.names.key_for(&entry.key));
            match find(&map, mapped, &entry.key) {
                Some((key, value)) if !is_empty(value) => {
                    if same(value, entry) {
                        continue;
                    }
                    match extended(value, entry) {
                        Merge::Keep => kept.push(entry.key.clone()),
                        Merge::Nothing => {}
                        // A one-line value is replaced; a block list gets the new items.
                        Merge::Extend(yaml, new) => match set_list(&text, &key, &yaml)
                            .or_else(|_| append_block_list(&text, &key, &new))
                        {
                            Ok(new) => {
                                text = new;
                                added.push(entry.key.clone());
                            }
                            Err(_) => kept.push(entry.key.clone()),
                        },
                    }
                }
                Some((key, _)) => {
                    text = set_key(&text, &key, &entry.yaml)?;
                    added.push(entry.key.clone());
                }
                None => {
                    text = set_key(&text, mapped, &entry.yaml)?;
                    added.push(entry.key.clone());
                }
            }
        }
        // The file's notes as read back, against this record's as they would be read back: text
        // the file does not hold yet is added.
        let written = super::notes_to_body(notes);
        let incoming = super::body_notes(&written);
        if !notes.is_empty() && !body.contains(incoming.trim()) {
            match append_notes(&text, &written) {
                Ok(new) => {
                    text = new;
                    added.push("notes".into());
                }
                Err(_) => kept.push("notes".into()),
            }
        }
        if let Some(p) = self.plans.get_mut(plan) {
            p.text = text;
        }
        // Entries routed to several vault keys (`EMAIL[HOME]`, `EMAIL[WORK]`) are one key here.
        added.dedup();
        kept.dedup();
        let action = if added.is_empty() { Action::Unchanged(kept) } else { Action::Updated { added, kept } };
        self.events.push(Event { plan, action, note: None });
        Ok(())
    }

    fn create(
        &mut self,
        record: &Record,
        entries: &[Entry],
        notes: &str,
        note: Option<String>,
        company: Option<String>,
    ) -> Result<usize, String> {
        let relative = match company.and_then(|c| self.qualified_path(&record.name, &c)) {
            Some(relative) => relative,
            None => self.free_path(&record.name)?,
        };
        let body = if notes.is_empty() { String::new() } else { super::notes_to_body(notes) };
        let fields: Vec<(&str, String)> =
            entries.iter().map(|e| (e.vault_key.as_deref().unwrap_or(&e.key), e.yaml.clone())).collect();
        let text = template::new_contact(&template::built_in(&body), self.names, &fields)
            .map_err(|e| format!("{}: {}; skipped", e.key, e.error))?;
        let plan = self.plans.len();
        self.taken.insert(relative.to_string_lossy().to_lowercase());
        self.plans.push(Plan { relative, text, original: None, failed: None });
        let mut fields: Vec<String> = Vec::new();
        for entry in entries.iter().filter(|e| e.key != "name") {
            if !fields.contains(&entry.key) {
                fields.push(entry.key.clone());
            }
        }
        if !notes.is_empty() {
            fields.push("notes".into());
        }
        self.events.push(Event { plan, action: Action::Created(fields), note });
        Ok(plan)
    }

    /// `Name (Company).md` for another person of the same name, when that file is free.
    fn qualified_path(&self, name: &str, company: &str) -> Option<PathBuf> {
        let file = names::file_name_for(&format!("{name} ({company})"), self.settings);
        let relative = self.dir.join(file);
        let free = crate::vault::walk::is_candidate(self.settings, &relative)
            && !crate::vault::exists(self.root, &relative)
            && !self.taken.contains(&relative.to_string_lossy().to_lowercase());
        free.then_some(relative)
    }

    /// `Name.md`, else `Name (2).md`, ... (`name-2.md` with slug file names): no file there
    /// and none planned. A name that leaves nothing for a file name (`***`) gets `Unnamed.md`.
    fn free_path(&self, name: &str) -> Result<PathBuf, String> {
        let file = names::file_name_for(name, self.settings);
        let stem = file.strip_suffix(".md").unwrap_or(&file).to_string();
        for n in 1..10_000 {
            let candidate = match (n, self.settings.file_names) {
                (1, _) => file.clone(),
                (_, FileNames::Slug) => format!("{stem}-{n}.md"),
                (_, FileNames::AsWritten) => format!("{stem} ({n}).md"),
            };
            let relative = self.dir.join(candidate);
            // A file touchbase would not read (in an excluded or hidden folder, or not included by
            // touchbase.toml) would be a contact lost: never write one.
            if !crate::vault::walk::is_candidate(self.settings, &relative) {
                return Err(format!(
                    "{}: touchbase does not read that file (hidden, generated or excluded); skipped",
                    relative.display()
                ));
            }
            let exists = crate::vault::exists(self.root, &relative);
            if !exists && !self.taken.contains(&relative.to_string_lossy().to_lowercase()) {
                return Ok(relative);
            }
        }
        Err(format!("no free file name for {name:?}; skipped"))
    }

    /// Plans one record, as [`Planner::add`], and says where it went: the file's path and
    /// whether this record made the file (else it was merged into a file of the vault or of this
    /// run); `None` when it was skipped.
    pub(crate) fn add_one(&mut self, record: &Record) -> Option<(PathBuf, bool)> {
        let before = self.events.len();
        self.add(record);
        let event = self.events.get(before..).and_then(<[Event]>::last)?;
        let plan = self.plans.get(event.plan)?;
        Some((plan.relative.clone(), matches!(event.action, Action::Created(_))))
    }

    /// The files whose write failed, and why.
    pub(crate) fn failures(&self) -> Vec<(PathBuf, String)> {
        self.plans.iter().filter_map(|p| p.failed.clone().map(|f| (p.relative.clone(), f))).collect()
    }

    /// Writes every plan; a failure is kept on its plan and the others still go ahead.
    /// Writes every plan; `progress`: draw a bar on stderr when it is a terminal (not with
    /// `--quiet`).
    pub(crate) fn write(&mut self, writer: &mut Writer, progress_bar: bool) {
        let bar = progress_bar.then(|| progress(self.plans.len())).flatten();
        for plan in &mut self.plans {
            // A merge is written only over the bytes it was planned on: a file changed since
            // (by `log`, an editor) is refused, never overwritten.
            let result = match &plan.original {
                None => writer.create(&plan.relative, plan.text.as_bytes()),
                Some(original) => writer.replace(&plan.relative, original, plan.text.as_bytes()).map(|_| ()),
            };
            if let Err(e) = result {
                plan.failed = Some(e.to_string());
            }
            if let Some(bar) = &bar {
                bar.inc(1);
            }
        }
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
    }
}

fn progress(len: usize) -> Option<indicatif::ProgressBar> {
    if len < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(Some(len as u64), indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template("importing {bar:40} {pos}/{len}") {
        bar.set_style(style);
    }
    Some(bar)
}

/// A key of the front matter: the vault's own name, the standard one, or either in another case.
fn find<'m>(map: &'m Mapping, mapped: &str, standard: &str) -> Option<(String, &'m Value)> {
    [mapped, standard].iter().find_map(|k| map.get(*k).map(|v| (k.to_string(), v))).or_else(|| {
        map.iter().find_map(|(k, v)| {
            let k = k.as_str()?;
            (k.eq_ignore_ascii_case(mapped) || k.eq_ignore_ascii_case(standard)).then(|| (k.to_string(), v))
        })
    })
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Mapping(map) => map.is_empty(),
        other => string_list(other, None).is_empty() && scalar_text(other).is_none(),
    }
}

/// Whether a file's value says what the record says (for reporting kept values only).
fn same(value: &Value, entry: &Entry) -> bool {
    if entry.key == "birthday" || entry.key == "anniversary" {
        let existing = scalar_text(value).and_then(|t| PartialDate::parse(&t).ok());
        let new = entry.values.first().and_then(|t| PartialDate::parse(t).ok());
        return existing.is_some() && existing == new;
    }
    let existing: Vec<String> = match value {
        Value::Mapping(map) => map
            .iter()
            .map(|(k, v)| {
                format!("{}: {}", scalar_text(k).unwrap_or_default(), scalar_text(v).unwrap_or_default())
            })
            .collect(),
        other => {
            let lists = ["email", "tags", "aliases", "interests"];
            string_list(other, lists.contains(&entry.key.as_str()).then_some(','))
        }
    };
    let set = |items: &[String]| items.iter().map(|i| i.trim().to_lowercase()).collect::<HashSet<_>>();
    set(&existing) == set(&entry.values)
}

/// The list keys a merge extends with the record's new items.
const LIST_KEYS: &[&str] = &["email", "phone", "url", "tags"];

/// What a merge does with a key the file has and the record gives otherwise.
enum Merge {
    /// Not a list: the file's value is kept (and reported).
    Keep,
    /// A list that holds every item of the record already.
    Nothing,
    /// The file's items and then the record's new ones, as YAML (for a one-line value), and
    /// the new ones alone (to append to a block list).
    Extend(String, Vec<String>),
}

fn extended(value: &Value, entry: &Entry) -> Merge {
    if !LIST_KEYS.contains(&entry.key.as_str()) {
        return Merge::Keep;
    }
    let separator = matches!(entry.key.as_str(), "email" | "tags").then_some(',');
    let mut items = string_list(value, separator);
    let normal = |item: &str| -> String {
        let key = match entry.key.as_str() {
            "email" => email_key(item),
            "phone" => phone_key(item),
            "url" => url_key(item),
            _ => None,
        };
        key.unwrap_or_else(|| item.trim().to_lowercase())
    };
    let before = items.len();
    for item in &entry.values {
        if !items.iter().any(|i| normal(i) == normal(item)) {
            items.push(item.clone());
        }
    }
    let new = items.get(before..).unwrap_or_default().to_vec();
    match items.as_slice() {
        _ if new.is_empty() => Merge::Nothing,
        [one] if entry.key != "tags" => Merge::Extend(yaml_scalar(one), new),
        _ => Merge::Extend(yaml_list(&items), new),
    }
}

impl<'a> Planner<'a> {
    pub(crate) fn new(
        root: &'a Path,
        settings: &'a Settings,
        index: &'a Index,
        dir: &'a Path,
        tags: &'a [String],
    ) -> Planner<'a> {
        let mut planner = Planner {
            root,
            names: &settings.fields,
            settings,
            index,
            dir,
            tags,
            plans: Vec::new(),
            events: Vec::new(),
            by_name: HashMap::new(),
            ids: HashMap::new(),
            by_key: HashMap::new(),
            unmergeable: HashSet::new(),
            account_paths: HashMap::new(),
            account_plans: HashMap::new(),
            by_entry: HashMap::new(),
            taken: HashSet::new(),
            skipped: Vec::new(),
            vault_keys: vault_keys(index),
        };
        for (target, id) in vault_identities(index) {
            planner.remember(target, &id);
        }
        planner
    }

    /// The problems of the input file and of planning, in line order.
    pub(crate) fn problems(&self, mut problems: Vec<Problem>) -> Vec<Notice> {
        problems.extend(self.skipped.iter().cloned());
        problems.sort_by_key(|p| p.line);
        problems.into_iter().map(|p| Notice { line: p.line, level: p.level(), message: p.message }).collect()
    }

    /// What was (or, in a dry run, would be) done, file by file.
    pub(crate) fn summary(&self, problems: Vec<Notice>, dry_run: bool) -> ImportSummary {
        let failed: Vec<String> = self.plans.iter().filter_map(|p| p.failed.clone()).collect();
        let mut lines = Vec::new();
        for event in &self.events {
            let Some(plan) = self.plans.get(event.plan) else { continue };
            if plan.failed.is_some() {
                continue;
            }
            let conflict = match &event.action {
                Action::Updated { kept, .. } | Action::Unchanged(kept) => !kept.is_empty(),
                Action::Created(_) => false,
            };
            let (verb, detail) = match &event.action {
                Action::Created(fields) => (Verb::Created, fields.join(", ")),
                Action::Updated { added, kept } => {
                    let mut detail = format!("added {}", added.join(", "));
                    if !kept.is_empty() {
                        detail.push_str(&format!("; kept its own {}", kept.join(", ")));
                    }
                    (Verb::Updated, detail)
                }
                Action::Unchanged(kept) => {
                    let detail = if kept.is_empty() {
                        "nothing new".to_string()
                    } else {
                        format!("nothing added; kept its own {}", kept.join(", "))
                    };
                    (Verb::Unchanged, detail)
                }
            };
            lines.push(ImportLine {
                verb,
                relative: plan.relative.clone(),
                detail,
                conflict,
                note: event.note.clone(),
            });
        }
        ImportSummary { lines, problems, failed, dry_run }
    }
}
