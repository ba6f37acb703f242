//! `import FILE`: contacts from vCard (2.1/3.0/4.0) or CSV (LinkedIn, Google, generic) files.
//!
//! Reading is `crate::import`'s; this decides, record by record, what to write:
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
use std::path::{Component, Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::{load, Io};
use crate::config::Config;
use crate::contact::fields::{scalar_text, string_list};
use crate::contact::frontmatter::{self, Shape};
use crate::contact::{FieldNames, Keep, PartialDate};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::import::{self, Entry, Record};
use crate::index::Index;
use crate::render::sanitize;
use crate::vault::names;
use crate::vault::settings::{FileNames, Settings};
use crate::write::edit::{set_key, EditError};
use crate::write::template;
use crate::write::Writer;

/// Show a progress bar (on a terminal) from this many files on.
const PROGRESS_FROM: usize = 200;

/// One file to create or change.
struct Plan {
    relative: PathBuf,
    text: String,
    /// The bytes read from an existing contact's file; `None` for a new file.
    original: Option<Vec<u8>>,
    failed: Option<String>,
}

enum Action {
    Created(Vec<String>),
    Updated { added: Vec<String>, kept: Vec<String> },
    Unchanged(Vec<String>),
}

struct Event {
    plan: usize,
    action: Action,
    /// Why a new file was made instead of a merge.
    note: Option<String>,
}

struct Planner<'a> {
    root: &'a Path,
    names: &'a FieldNames,
    settings: &'a Settings,
    index: &'a Index,
    dir: &'a Path,
    tags: &'a [String],
    plans: Vec<Plan>,
    events: Vec<Event>,
    /// Lower-cased names and aliases of this run's new files → plan.
    by_name: HashMap<String, usize>,
    /// Vault entries already opened for merging → plan.
    by_entry: HashMap<usize, usize>,
    taken: HashSet<String>,
    skipped: Vec<import::Problem>,
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

impl Planner<'_> {
    fn add(&mut self, record: &Record) {
        let entries = record.entries(self.tags);
        let notes = record.notes_text();
        if let Some(&plan) = self.by_name.get(&record.name.to_lowercase()) {
            // A file of this run: our own text, which set_key always accepts.
            if let Err(e) = self.merge(plan, &entries, &notes) {
                self.skipped.push(import::Problem::new(record.line, format!("could not merge: {e}")));
            }
            return;
        }
        let matches = self.vault_keys.get(&record.name.trim().to_lowercase()).map_or(&[][..], Vec::as_slice);
        let note = match *matches {
            [entry] => {
                let opened = match self.by_entry.get(&entry) {
                    Some(&plan) => Ok(plan),
                    None => self.open(entry),
                };
                let merged = opened.and_then(|plan| {
                    self.merge(plan, &entries, &notes).map_err(|e| {
                        let path = self.plans.get(plan).map(|p| p.relative.display().to_string());
                        format!("{}: {e}", path.unwrap_or_default())
                    })
                });
                match merged {
                    Ok(()) => return,
                    Err(reason) => Some(format!("not merged into {reason}")),
                }
            }
            [] => None,
            _ => Some(format!("{} contacts are named {:?}", matches.len(), record.name)),
        };
        if let Err(message) = self.create(record, &entries, &notes, note) {
            self.skipped.push(import::Problem::new(record.line, message));
        }
    }

    /// Reads an existing contact's file for merging (refusing symlinks and files outside the vault).
    fn open(&mut self, entry: usize) -> Result<usize, String> {
        let relative = self.index.entries.get(entry).map(|e| e.contact.path.clone()).unwrap_or_default();
        let path = self.root.join(&relative);
        let read = || -> std::result::Result<(Vec<u8>, String), String> {
            let meta = std::fs::symlink_metadata(&path).map_err(|e| e.to_string())?;
            if meta.file_type().is_symlink() {
                return Err("it is a symlink".into());
            }
            let root = std::fs::canonicalize(self.root).map_err(|e| e.to_string())?;
            if !std::fs::canonicalize(&path).map_err(|e| e.to_string())?.starts_with(root) {
                return Err("it is outside the vault".into());
            }
            let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
            let text = String::from_utf8(bytes.clone()).map_err(|_| "it is not valid UTF-8".to_string())?;
            Ok((bytes, text))
        };
        let (bytes, text) = read().map_err(|reason| format!("{}: {reason}", relative.display()))?;
        let plan = self.plans.len();
        self.plans.push(Plan { relative, text, original: Some(bytes), failed: None });
        self.by_entry.insert(entry, plan);
        Ok(plan)
    }

    /// Adds to plan `plan` the keys its file lacks; all or nothing.
    fn merge(&mut self, plan: usize, entries: &[Entry], notes: &str) -> Result<(), EditError> {
        let Some(current) = self.plans.get(plan) else { return Err(EditError("no such file".into())) };
        let (map, body) = match frontmatter::split(&current.text) {
            Shape::Contact(split) => {
                let map = frontmatter::parse(&split).map_err(|e| EditError(e.message))?;
                (map, import::body_notes(split.body))
            }
            Shape::Note | Shape::Unclosed => {
                return Err(EditError("its front matter is missing or not closed".into()))
            }
        };
        let mut text = current.text.clone();
        let (mut added, mut kept) = (Vec::new(), Vec::new());
        for entry in entries.iter().filter(|e| e.key != "name") {
            let mapped = self.names.key_for(&entry.key);
            match find(&map, mapped, &entry.key) {
                Some((_, value)) if !is_empty(value) => {
                    if !same(value, entry) {
                        kept.push(entry.key.clone());
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
        // The file's notes as read back, against this record's as they would be read back.
        let incoming = import::body_notes(&import::notes_to_body(notes));
        if !notes.is_empty() && body.trim() != incoming.trim() {
            kept.push("notes".into());
        }
        if let Some(p) = self.plans.get_mut(plan) {
            p.text = text;
        }
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
    ) -> Result<(), String> {
        let relative = self.free_path(&record.name)?;
        let body = if notes.is_empty() { String::new() } else { import::notes_to_body(notes) };
        let fields: Vec<(&str, String)> = entries.iter().map(|e| (e.key.as_str(), e.yaml.clone())).collect();
        let text = template::new_contact(&template::built_in(&body), self.names, &fields)
            .map_err(|e| format!("{}: {}; skipped", e.key, e.error))?;
        let plan = self.plans.len();
        self.taken.insert(relative.to_string_lossy().to_lowercase());
        self.plans.push(Plan { relative, text, original: None, failed: None });
        for name in std::iter::once(&record.name).chain(&record.aliases) {
            self.by_name.entry(name.to_lowercase()).or_insert(plan);
        }
        let mut fields: Vec<String> =
            entries.iter().filter(|e| e.key != "name").map(|e| e.key.clone()).collect();
        if !notes.is_empty() {
            fields.push("notes".into());
        }
        self.events.push(Event { plan, action: Action::Created(fields), note });
        Ok(())
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
            let exists = std::fs::symlink_metadata(self.root.join(&relative)).is_ok();
            if !exists && !self.taken.contains(&relative.to_string_lossy().to_lowercase()) {
                return Ok(relative);
            }
        }
        Err(format!("no free file name for {name:?}; skipped"))
    }

    /// Writes every plan; a failure is kept on its plan and the others still go ahead.
    fn write(&mut self, writer: &mut Writer) {
        let bar = progress(self.plans.len());
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

/// The folder for new files must stay inside the vault, symlinks resolved.
fn check_dir(writer: &Writer, dir: Option<&Path>) -> Result<PathBuf> {
    let Some(dir) = dir else { return Ok(PathBuf::new()) };
    if !dir.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(Error::usage(format!("--dir {}: must be a folder inside the vault", dir.display())));
    }
    writer.check_folder(dir)?;
    Ok(dir.to_path_buf())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn import(
    config: &Config,
    io: &mut Io<'_>,
    file: &Path,
    dry_run: bool,
    tags: &[String],
    dir: Option<&Path>,
) -> Result<Exit> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let extension = file.extension().and_then(|e| e.to_str());
    let parsed =
        import::parse(&bytes, extension).map_err(|e| Error::usage(format!("{}: {e}", file.display())))?;
    let tags: Vec<String> = tags.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
    let (vault, index) = load(config, io, Keep::LEAN)?;
    let mut writer = Writer::new(&config.root)?;
    let dir = check_dir(&writer, dir)?;
    let mut planner = Planner {
        root: &config.root,
        names: &vault.settings.fields,
        settings: &vault.settings,
        index: &index,
        dir: &dir,
        tags: &tags,
        plans: Vec::new(),
        events: Vec::new(),
        by_name: HashMap::new(),
        by_entry: HashMap::new(),
        taken: HashSet::new(),
        skipped: Vec::new(),
        vault_keys: vault_keys(&index),
    };
    for record in &parsed.records {
        planner.add(record);
    }
    let mut problems = parsed.problems.clone();
    problems.append(&mut planner.skipped);
    problems.sort_by_key(|p| p.line);
    for problem in &problems {
        writeln!(io.err, "{}:{}: {}", file.display(), problem.line, sanitize(&problem.message))?;
    }
    if !dry_run {
        planner.write(&mut writer);
        for warning in writer.take_warnings() {
            writeln!(io.err, "touchbase: warning: {}", sanitize(&warning))?;
        }
    }
    let (mut created, mut updated, mut unchanged, mut failed) = (0, 0, 0, 0);
    for plan in &planner.plans {
        if let Some(error) = &plan.failed {
            failed += 1;
            writeln!(io.err, "error: {}", sanitize(error))?;
        }
    }
    for event in &planner.events {
        let Some(plan) = planner.plans.get(event.plan) else { continue };
        if plan.failed.is_some() {
            continue;
        }
        let path = crate::vault::join(&config.root, &plan.relative);
        let (verb, detail) = match &event.action {
            Action::Created(fields) => {
                created += 1;
                (if dry_run { "would create" } else { "created" }, fields.join(", "))
            }
            Action::Updated { added, kept } => {
                updated += 1;
                let mut detail = format!("added {}", added.join(", "));
                if !kept.is_empty() {
                    detail.push_str(&format!("; kept its own {}", kept.join(", ")));
                }
                (if dry_run { "would update" } else { "updated" }, detail)
            }
            Action::Unchanged(kept) => {
                unchanged += 1;
                let detail = if kept.is_empty() {
                    "nothing new".to_string()
                } else {
                    format!("nothing added; kept its own {}", kept.join(", "))
                };
                ("unchanged", detail)
            }
        };
        let mut line = format!("{verb} {}", path.display());
        if !detail.is_empty() {
            line.push_str(&format!(": {detail}"));
        }
        if let Some(note) = &event.note {
            line.push_str(&format!(" ({note})"));
        }
        writeln!(io.out, "{}", sanitize(&line))?;
    }
    let (create, update) = if dry_run { ("to create", "to update") } else { ("created", "updated") };
    let mut summary = format!(
        "{} read from {} ({}): {created} {create}, {updated} {update}, {unchanged} unchanged",
        plural(parsed.records.len(), "contact", "contacts"),
        file.display(),
        parsed.kind
    );
    if !problems.is_empty() {
        summary.push_str(&format!(", {}", plural(problems.len(), "problem", "problems")));
    }
    if failed > 0 {
        summary.push_str(&format!(", {} not written", plural(failed, "file", "files")));
    }
    if dry_run {
        summary.push_str("; dry run, nothing written");
    }
    writeln!(io.out, "{}", sanitize(&summary))?;
    Ok(if failed > 0 {
        Exit::Failure
    } else if !problems.is_empty() {
        Exit::Unmatched
    } else {
        Exit::Success
    })
}
