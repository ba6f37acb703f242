//! The join point of the pipeline: every contact with its schedule, looked up by name, alias or
//! file stem (case-insensitively), and the link graph between contacts.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::contact::Contact;
use crate::schedule::{CadencePolicy, Schedule};
use crate::vault_path::VaultPath;

#[derive(Debug)]
pub struct Entry {
    pub contact: Box<Contact>,
    pub schedule: Schedule,
    /// The lower-cased text of the user's private notes about this contact, for full-text
    /// terms; `None` unless the command attached the private layer (`vault::private`).
    pub private_text: Option<String>,
}

#[derive(Debug)]
pub(crate) struct Index {
    /// Sorted by path.
    pub entries: Vec<Entry>,
    pub today: NaiveDate,
    /// How each contact's cadence is chosen (its own, by tag, the default): the index computes
    /// every schedule, so it keeps the policy for the contacts it takes in later.
    policy: CadencePolicy,
    /// Lower-cased name, alias, file stem and stem-path → entries; built on first use.
    keys: OnceLock<HashMap<String, Vec<usize>>>,
    /// Lower-cased stems and names of every other file in the vault (notes, attachments).
    other_files: HashSet<String>,
}

/// What `upsert` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Upserted {
    Added,
    Modified,
    Unchanged,
}

/// The outcome of looking up a NAME given by the user.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    One(usize),
    Ambiguous(Vec<usize>),
    /// Nothing matched; the indices are near misses to suggest.
    Unknown(Vec<usize>),
}

impl Index {
    /// The index of `contacts`, knowing the vault's `other_files` (notes, attachments) so that a
    /// link to one of them is not a broken link.
    #[must_use]
    pub(crate) fn new(
        contacts: Vec<Box<Contact>>,
        other_files: &[std::path::PathBuf],
        policy: CadencePolicy,
        today: NaiveDate,
    ) -> Index {
        let mut index = Index::from_contacts(contacts, policy, today);
        for file in other_files {
            index.other_files.insert(stem_key(file));
            if let Some(stem) = file.file_stem() {
                index.other_files.insert(stem.to_string_lossy().to_lowercase());
            }
            if let Some(name) = file.file_name() {
                index.other_files.insert(name.to_string_lossy().to_lowercase());
            }
            index.other_files.insert(file.to_string_lossy().to_lowercase());
        }
        index
    }

    #[must_use]
    pub(crate) fn from_contacts(
        contacts: Vec<Box<Contact>>,
        policy: CadencePolicy,
        today: NaiveDate,
    ) -> Index {
        let mut entries: Vec<Entry> = contacts
            .into_iter()
            .map(|contact| {
                let schedule = Schedule::compute(&contact, &policy, today);
                Entry { contact, schedule, private_text: None }
            })
            .collect();
        entries.sort_by(|a, b| a.contact.path.cmp(&b.contact.path));
        Index { entries, today, policy, keys: OnceLock::new(), other_files: HashSet::new() }
    }

    fn keys(&self) -> &HashMap<String, Vec<usize>> {
        self.keys.get_or_init(|| {
            let mut keys: HashMap<String, Vec<usize>> = HashMap::with_capacity(self.entries.len() * 2);
            for (i, entry) in self.entries.iter().enumerate() {
                let c = &entry.contact;
                let mut own: Vec<String> =
                    vec![c.name.to_lowercase(), c.file_stem().to_lowercase(), stem_key(&c.path)];
                own.extend(c.aliases.iter().map(|a| a.to_lowercase()));
                own.sort();
                own.dedup();
                for key in own {
                    keys.entry(key).or_default().push(i);
                }
            }
            keys
        })
    }

    fn exact(&self, key: &str) -> Vec<usize> {
        self.keys().get(&key.trim().to_lowercase()).cloned().unwrap_or_default()
    }

    /// Adds or replaces the contact at its path. Its schedule is exact for the index's day; its
    /// summaries are what it was parsed with (`Vault::summaries_for` is not run here).
    pub(crate) fn upsert(&mut self, contact: Contact) -> Upserted {
        let schedule = Schedule::compute(&contact, &self.policy, self.today);
        let entry = Entry { contact: Box::new(contact), schedule, private_text: None };
        match self.entries.binary_search_by(|e| e.contact.path.cmp(&entry.contact.path)) {
            Ok(i) if self.entries[i].contact == entry.contact => Upserted::Unchanged,
            Ok(i) => {
                self.keys = OnceLock::new();
                self.entries[i] = entry;
                Upserted::Modified
            }
            Err(i) => {
                self.keys = OnceLock::new();
                self.entries.insert(i, entry);
                Upserted::Added
            }
        }
    }

    /// Removes the contact at `path` and every contact below it (a folder). Returns the paths removed.
    pub(crate) fn remove(&mut self, path: &Path) -> Vec<std::path::PathBuf> {
        self.remove_all(&BTreeSet::from([path.to_path_buf()]))
    }

    /// Removes every contact at or below any of `paths` in one pass (watch mode dropping what a
    /// re-listed folder no longer holds). Returns the paths removed.
    pub(crate) fn remove_all(&mut self, paths: &BTreeSet<PathBuf>) -> Vec<PathBuf> {
        // Sorted by path, and `Path` orders by components: what is at or below one path is one
        // run of entries, found by a binary search (the root "" is all of them).
        let mut gone: Vec<usize> = Vec::new();
        for path in paths {
            let start = self.entries.partition_point(|e| e.contact.path.as_path() < path.as_path());
            let run = self.entries.get(start..).unwrap_or_default();
            gone.extend(
                run.iter()
                    .take_while(|e| e.contact.path.starts_with(path))
                    .enumerate()
                    .map(|(i, _)| start + i),
            );
        }
        if gone.is_empty() {
            return Vec::new();
        }
        gone.sort_unstable();
        gone.dedup();
        let mut removed = Vec::with_capacity(gone.len());
        let mut next = gone.iter().copied().peekable();
        let mut at = 0;
        self.entries.retain(|e| {
            let drop = next.peek() == Some(&at);
            if drop {
                next.next();
                removed.push(e.contact.path.clone());
            }
            at += 1;
            !drop
        });
        self.keys = OnceLock::new();
        removed
    }

    /// Recomputes every schedule for another day (watch mode at midnight).
    pub(crate) fn set_today(&mut self, today: NaiveDate) {
        self.today = today;
        for entry in &mut self.entries {
            entry.schedule = Schedule::compute(&entry.contact, &self.policy, today);
        }
    }

    /// Adds each dated note's touch to the one contact each of its targets names (a target that
    /// names no contact, or several, adds nothing), and computes their schedules again. Returns
    /// the paths of the contacts touched.
    pub(crate) fn attach_touches(
        &mut self,
        touches: &[(std::path::PathBuf, crate::contact::touch::NoteTouch)],
    ) -> std::collections::BTreeSet<std::path::PathBuf> {
        let mut contacts = std::collections::BTreeSet::new();
        let mut found: Vec<(usize, chrono::NaiveDate, String)> = Vec::new();
        for (note, touch) in touches {
            let mut seen: Vec<usize> = Vec::new();
            for target in &touch.targets {
                if let [i] = self.resolve_link(target).as_slice() {
                    if !seen.contains(i) {
                        seen.push(*i);
                        let summary = format!("{} ({})", touch.title, VaultPath::new(note).slash());
                        found.push((*i, touch.date, summary));
                    }
                }
            }
        }
        for (i, date, summary) in found {
            if let Some(entry) = self.entries.get_mut(i) {
                entry.contact.add_touch(date, &summary);
                entry.schedule = Schedule::compute(&entry.contact, &self.policy, self.today);
                contacts.insert(entry.contact.path.clone());
            }
        }
        contacts
    }

    /// Looks up a NAME. With `partial`, a text that is part of exactly one contact's name also
    /// matches (handy for reading; writes ask for the exact name, alias or file name).
    pub(crate) fn resolve(&self, name: &str, partial: bool) -> Resolved {
        let exact = self.exact(name);
        match exact.len() {
            1 => return Resolved::One(exact[0]),
            n if n > 1 => return Resolved::Ambiguous(exact),
            _ => {}
        }
        let needle = name.trim().to_lowercase();
        let containing: Vec<usize> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                !needle.is_empty()
                    && (e.contact.name.to_lowercase().contains(&needle)
                        || e.contact.aliases.iter().any(|a| a.to_lowercase().contains(&needle)))
            })
            .map(|(i, _)| i)
            .collect();
        match containing.len() {
            1 if partial => Resolved::One(containing[0]),
            n if n > 1 && partial => Resolved::Ambiguous(containing),
            _ if !containing.is_empty() => Resolved::Unknown(containing),
            _ => Resolved::Unknown(self.near_misses(&needle)),
        }
    }

    fn near_misses(&self, needle: &str) -> Vec<usize> {
        let mut scored: Vec<(f64, usize)> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (strsim::jaro_winkler(needle, &e.contact.name.to_lowercase()), i))
            .filter(|(score, _)| *score > 0.8)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(5).map(|(_, i)| i).collect()
    }

    /// The contacts a link target names: by name, alias, file stem or path without `.md`.
    pub(crate) fn resolve_link(&self, target: &str) -> Vec<usize> {
        let exact = self.exact(target);
        if !exact.is_empty() || !target.contains('/') {
            return exact;
        }
        // `[[People/Ada Okafor]]` when the file lives elsewhere: fall back to the last part.
        target.rsplit('/').next().map(|last| self.exact(last)).unwrap_or_default()
    }

    /// Whether a link target names any file of the vault, contact or not.
    pub(crate) fn link_resolves(&self, target: &str) -> bool {
        let key = target.trim().to_lowercase();
        !self.resolve_link(target).is_empty()
            || self.other_files.contains(&key)
            || key.rsplit('/').next().is_some_and(|last| self.other_files.contains(last))
    }

    /// Contacts whose files link to entry `i`, in path order.
    pub(crate) fn backlinks(&self, i: usize) -> Vec<usize> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(j, e)| *j != i && e.contact.links.iter().any(|l| self.resolve_link(l).contains(&i)))
            .map(|(j, _)| j)
            .collect()
    }
}

/// `people/Jane Doe.md` → `people/jane doe`.
fn stem_key(path: &Path) -> String {
    VaultPath::new(path).stem_key()
}

/// An index of `(path, text)` files parsed with the default settings, for a day: the test
/// fixture the report modules share.
#[cfg(test)]
pub(crate) fn of_files(files: &[(&str, &str)], today: &str) -> Index {
    use crate::contact::{FieldNames, Keep, ParseOptions, Parsed, Rules};
    use std::path::Path;
    let names = FieldNames::default();
    let rules = Rules::default();
    let options = ParseOptions { fields: &names, keep: Keep::LEAN, kinds: &rules };
    let contacts = files
        .iter()
        .map(|(path, text)| match crate::contact::parse(Path::new(path), Path::new(path), text, &options) {
            Ok(Parsed::Contact(c, _)) => c,
            other => panic!("{path}: {other:?}"),
        })
        .collect();
    Index::from_contacts(contacts, crate::schedule::CadencePolicy::default(), today.parse().expect("a date"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::{FieldNames, Keep, ParseOptions, Parsed};
    use crate::schedule::CadencePolicy;

    fn index(paths: &[&str]) -> Index {
        let names = FieldNames::default();
        let today: NaiveDate = "2026-11-26".parse().unwrap();
        let options =
            ParseOptions { fields: &names, keep: Keep::LEAN, kinds: &crate::contact::Rules::default() };
        let contacts = paths
            .iter()
            .map(|path| {
                let text = format!("---\nname: {path}\n---\n");
                match crate::contact::parse(Path::new(path), Path::new(path), &text, &options).unwrap() {
                    Parsed::Contact(c, _) => c,
                    Parsed::Note(..) => panic!("{path} is a note"),
                }
            })
            .collect();
        Index::from_contacts(contacts, CadencePolicy::default(), today)
    }

    #[test]
    fn remove_all_drops_paths_and_folders_in_one_pass() {
        let mut idx = index(&["a.md", "people/b.md", "people/sub/c.md", "people2/d.md", "work/e.md"]);
        assert!(matches!(idx.resolve("people/b.md", false), Resolved::One(_)));
        let gone: BTreeSet<PathBuf> =
            ["people", "work/e.md", "nothing.md"].iter().map(PathBuf::from).collect();
        let removed = idx.remove_all(&gone);
        assert_eq!(removed, [Path::new("people/b.md"), Path::new("people/sub/c.md"), Path::new("work/e.md")]);
        let left: Vec<&Path> = idx.entries.iter().map(|e| e.contact.path.as_path()).collect();
        assert_eq!(left, [Path::new("a.md"), Path::new("people2/d.md")]);
        // The lookup keys were rebuilt: a removed contact no longer resolves.
        assert!(matches!(idx.resolve("people/b.md", false), Resolved::Unknown(_)));
        // The root is every contact.
        assert_eq!(idx.remove_all(&BTreeSet::from([PathBuf::new()])).len(), 2);
        assert!(idx.entries.is_empty());
    }
}
