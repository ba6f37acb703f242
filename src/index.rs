//! The join point of the pipeline: every contact with its schedule, looked up by name, alias or
//! file stem (case-insensitively), and the link graph between contacts.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;

use crate::contact::Contact;
use crate::schedule::{CadencePolicy, Schedule};
use crate::vault::Vault;

#[derive(Debug)]
pub struct Entry {
    pub contact: Contact,
    pub schedule: Schedule,
}

#[derive(Debug)]
pub struct Index {
    /// Sorted by path.
    pub entries: Vec<Entry>,
    pub today: NaiveDate,
    /// Lower-cased name, alias, file stem and stem-path → entries.
    keys: HashMap<String, Vec<usize>>,
    /// Lower-cased stems and names of every other file in the vault (notes, attachments).
    other_files: HashSet<String>,
}

/// The outcome of looking up a NAME given by the user.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    One(usize),
    Ambiguous(Vec<usize>),
    /// Nothing matched; the indices are near misses to suggest.
    Unknown(Vec<usize>),
}

impl Index {
    pub fn new(vault: &mut Vault, policy: &CadencePolicy, today: NaiveDate) -> Index {
        let contacts = std::mem::take(&mut vault.contacts);
        let mut index = Index::from_contacts(contacts, policy, today);
        for file in &vault.other_files {
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

    pub fn from_contacts(contacts: Vec<Contact>, policy: &CadencePolicy, today: NaiveDate) -> Index {
        let entries: Vec<Entry> = contacts
            .into_iter()
            .map(|contact| {
                let schedule = Schedule::compute(&contact, policy, today);
                Entry { contact, schedule }
            })
            .collect();
        let mut keys: HashMap<String, Vec<usize>> = HashMap::with_capacity(entries.len() * 2);
        for (i, entry) in entries.iter().enumerate() {
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
        Index { entries, today, keys, other_files: HashSet::new() }
    }

    fn exact(&self, key: &str) -> Vec<usize> {
        self.keys.get(&key.trim().to_lowercase()).cloned().unwrap_or_default()
    }

    /// Looks up a NAME. With `partial`, a text that is part of exactly one contact's name also
    /// matches (handy for reading; writes ask for the exact name, alias or file name).
    pub fn resolve(&self, name: &str, partial: bool) -> Resolved {
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
    pub fn resolve_link(&self, target: &str) -> Vec<usize> {
        let exact = self.exact(target);
        if !exact.is_empty() || !target.contains('/') {
            return exact;
        }
        // `[[People/Ada Okafor]]` when the file lives elsewhere: fall back to the last part.
        target.rsplit('/').next().map(|last| self.exact(last)).unwrap_or_default()
    }

    /// Whether a link target names any file of the vault, contact or not.
    pub fn link_resolves(&self, target: &str) -> bool {
        let key = target.trim().to_lowercase();
        !self.resolve_link(target).is_empty()
            || self.other_files.contains(&key)
            || key.rsplit('/').next().is_some_and(|last| self.other_files.contains(last))
    }

    /// Contacts whose files link to entry `i`, in path order.
    pub fn backlinks(&self, i: usize) -> Vec<usize> {
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
    path.with_extension("").to_string_lossy().replace('\\', "/").to_lowercase()
}
