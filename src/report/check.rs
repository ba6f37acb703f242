//! `check`: everything wrong with a vault, beyond what loading already reported: a last contact
//! in the future, broken wiki links, duplicate names, aliases and emails, likely typos of keys.

use std::collections::BTreeMap;
use std::path::Path;

use crate::contact::fields::{key_text, parse_date, scalar_text};
use crate::contact::frontmatter::key_position_in;
use crate::contact::{required_links, FieldNames};
use crate::error::{Diagnostic, Position};
use crate::index::Index;
pub(crate) use crate::vault::explain::Explanation;

/// What `check` reports: every problem, in order, once; and how many contacts were checked.
pub(crate) struct CheckReport {
    pub problems: Vec<Diagnostic>,
    pub contacts: usize,
}

impl CheckReport {
    /// The load diagnostics and the problems found in the index, sorted, each once.
    pub(crate) fn new(
        diagnostics: &[Diagnostic],
        index: &Index,
        root: &Path,
        names: &FieldNames,
        verbose: bool,
    ) -> CheckReport {
        let mut problems = diagnostics.to_vec();
        problems.extend(self::problems(index, root, names, verbose));
        problems.sort();
        problems.dedup();
        CheckReport { problems, contacts: index.entries.len() }
    }

    /// How many files have problems.
    pub(crate) fn files(&self) -> usize {
        self.problems.iter().map(|d| &d.path).collect::<std::collections::BTreeSet<_>>().len()
    }
}

/// One problem as `--format json` shows it.
#[derive(serde::Serialize)]
pub(crate) struct Problem {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// `warning` (the contact is loaded without the value) or `error` (the file is skipped).
    pub severity: crate::error::Severity,
}

impl From<&Diagnostic> for Problem {
    fn from(d: &Diagnostic) -> Problem {
        Problem {
            path: d.path.to_string_lossy().into_owned(),
            line: d.position.map(|p| p.line),
            column: d.position.map(|p| p.column),
            message: d.message.clone(),
            severity: d.severity,
        }
    }
}

/// Problems found in the index, to add to the load diagnostics. A broken link is one only in a
/// key whose links must name a contact (`contact::links::REQUIRED_LINK_KEYS` (`reports_to`, `family`)), unless `verbose`.
pub(crate) fn problems(index: &Index, root: &Path, names: &FieldNames, verbose: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at = |path: &Path, yaml: &str, key: &str| {
        key_position_in(yaml, 2, key).map(|p| (crate::vault::join(root, path), Some(p)))
    };
    for entry in &index.entries {
        let c = &entry.contact;
        let display = crate::vault::join(root, &c.path);
        if let Some(last) = c.last_contact.filter(|d| *d > index.today) {
            let key = names.key_for("last_contact");
            let (path, pos) =
                at(&c.path, c.front_matter.as_deref().unwrap_or(""), key).unwrap_or((display.clone(), None));
            out.push(Diagnostic::warning(
                path,
                pos,
                format!("{key}: {last} is in the future (today is {})", index.today),
            ));
        }
        let required = if c.links.is_empty() { Vec::new() } else { required_links(&c.fields(), names) };
        for link in &c.links {
            let must_resolve = verbose || required.contains(link);
            if must_resolve && !index.link_resolves(link) && parse_date(link).is_err() {
                out.push(Diagnostic::warning(
                    &display,
                    None,
                    format!("broken link [[{link}]]: no contact or note has that name"),
                ));
            }
        }
        for (key, position) in misspelled_keys(c.front_matter.as_deref().unwrap_or(""), names) {
            out.push(Diagnostic::warning(&display, position, key));
        }
    }
    out.extend(duplicates(index, root));
    out.sort();
    out
}

/// Names, aliases and emails shared by more than one contact.
fn duplicates(index: &Index, root: &Path) -> Vec<Diagnostic> {
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_email: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, entry) in index.entries.iter().enumerate() {
        let c = &entry.contact;
        let mut own: Vec<String> =
            std::iter::once(&c.name).chain(&c.aliases).map(|n| n.trim().to_lowercase()).collect();
        own.sort();
        own.dedup();
        for name in own {
            by_name.entry(name).or_default().push(i);
        }
        let mut emails: Vec<String> = c.emails.iter().map(|e| e.trim().to_lowercase()).collect();
        emails.sort();
        emails.dedup();
        for email in emails {
            by_email.entry(email).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (what, groups) in [("name or alias", by_name), ("email", by_email)] {
        for (value, members) in groups.into_iter().filter(|(_, m)| m.len() > 1) {
            let Some((&first, rest)) = members.split_first() else { continue };
            let first_path = crate::report::slash_path(&index.entries[first].contact.path);
            for &other in rest {
                let path = crate::vault::join(root, &index.entries[other].contact.path);
                out.push(Diagnostic::warning(
                    path,
                    None,
                    format!("duplicate {what} {value:?}: also in {first_path}"),
                ));
            }
        }
    }
    out
}

/// Keys other tools write (Obsidian's own properties, templates' and plugins' habits): never a
/// misspelled standard key, however close (`date` is one letter from `dates`).
pub(crate) const NEVER_TYPOS: &[&str] = &[
    "date",
    "created",
    "updated",
    "modified",
    "aliases",
    "alias",
    "cssclasses",
    "cssclass",
    "categories",
    "tag",
    "title",
    "type",
    "publish",
    "permalink",
    "description",
    "status",
    "source",
    "url",
    "author",
    "rating",
];

/// Top-level keys that look like a misspelled standard key (`brithday`, `Birthday`).
fn misspelled_keys(yaml: &str, names: &FieldNames) -> Vec<(String, Option<Position>)> {
    let Ok(serde_yaml::Value::Mapping(map)) = serde_yaml::from_str::<serde_yaml::Value>(yaml) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in map.keys().map(key_text) {
        if names.is_known(&key) || NEVER_TYPOS.iter().any(|k| k.eq_ignore_ascii_case(&key)) {
            continue;
        }
        let lower = key.to_lowercase();
        let guess = crate::contact::STANDARD_KEYS.iter().find(|known| {
            lower == **known
                || lower.replace([' ', '-'], "_") == **known
                || (known.len() >= 5 && strsim::damerau_levenshtein(&lower, known) <= 1)
                || (known.len() >= 9 && strsim::damerau_levenshtein(&lower, known) <= 2)
        });
        if let Some(known) = guess {
            let value_set = map.get(key.as_str()).and_then(scalar_text).is_some();
            // `Birthday:` is read as `birthday`; only a near miss is worth a word.
            if lower != *known && (value_set || lower.replace([' ', '-'], "_") != *known) {
                let message = format!("unknown key `{key}`: did you mean `{known}`?");
                out.push((message, key_position_in(yaml, 2, &key)));
            }
        }
    }
    out
}
