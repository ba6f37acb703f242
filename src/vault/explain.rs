//! `check --explain PATH`: why one file is or is not a contact. The same walk rules and the same
//! classification as a load (`contact::classify`), for one file, read once.

use std::path::{Component, Path, PathBuf};

use super::{read_one, walk, LoadOptions, Settings};
use crate::contact::{self, Keep, ParseOptions};
use crate::vault_path::VaultPath;

/// What one file is, as `check --explain` prints it.
#[derive(Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Explanation {
    /// The file as the user should see it.
    pub path: PathBuf,
    /// `person`, `template`, `daily_note`, `dated_note`, `note` ([`contact::Kind::id`]), or what
    /// keeps the file from being read at all: `skipped`, `attachment`, `broken`, `missing`,
    /// `outside`.
    pub kind: &'static str,
    pub reason: String,
    /// Whether the file is loaded as a contact.
    pub contact: bool,
}

/// The file at `path` (inside the vault: relative to the root, or the root as given joined with
/// it, as touchbase prints paths) explained.
pub(crate) fn explain(root: &Path, settings: &Settings, path: &Path) -> Explanation {
    let relative = relative_to(root, path);
    let shown = VaultPath::new(&relative).join(root);
    let explanation = |kind: &'static str, reason: String, contact: bool| Explanation {
        path: shown.clone(),
        kind,
        reason,
        contact,
    };
    if relative.as_os_str().is_empty() || relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return explanation("outside", "it is not a file inside the vault".into(), false);
    }
    if !super::exists(root, &relative) {
        return explanation("missing", "there is no such file in the vault".into(), false);
    }
    if let Some(reason) = skipped(settings, &relative) {
        return explanation("skipped", reason, false);
    }
    if !walk::is_markdown(&relative) {
        return explanation("attachment", "it is not a `.md` file (links may name it)".into(), false);
    }
    let options = LoadOptions { keep: Keep::LEAN, cache_dir: None };
    // The read and the checks a load makes (size, UTF-8, NUL bytes, YAML, typed fields).
    match read_one(root, settings, &relative, options) {
        super::FileOutcome::Broken(d) => {
            explanation("broken", format!("it cannot be read: {}", d.message), false)
        }
        super::FileOutcome::Contact(..) => {
            let verdict = verdict(root, settings, &relative);
            explanation(contact::Kind::Person.id(), verdict.map_or_else(String::new, |v| v.reason), true)
        }
        super::FileOutcome::Note(_, account) => match verdict(root, settings, &relative) {
            // Not marked, yet an account note by its keys or check-up headings: say so.
            Some(v) if account.is_some() && v.kind != contact::Kind::Account => explanation(
                contact::Kind::Account.id(),
                format!("{}; it is an account note (account keys or `## Check-up` headings)", v.reason),
                false,
            ),
            Some(v) => explanation(v.kind.id(), v.reason, false),
            None => explanation("note", "it is a note".into(), false),
        },
    }
}

/// The classification's reason (a second read, for this one file only).
fn verdict(root: &Path, settings: &Settings, relative: &Path) -> Option<contact::Verdict> {
    let text = String::from_utf8(super::read_regular(&root.join(relative)).ok()?).ok()?;
    let options = ParseOptions { fields: &settings.fields, keep: Keep::LEAN, kinds: &settings.kinds };
    contact::classify(relative, relative, &text, &options).ok()
}

/// Why the walk skips a file, if it does.
fn skipped(settings: &Settings, relative: &Path) -> Option<String> {
    let mut prefix = PathBuf::new();
    for component in relative.components() {
        prefix.push(component);
        let dir = prefix != relative;
        if prefix.file_name().is_some_and(|n| n.as_encoded_bytes().first() == Some(&b'.')) {
            return Some(format!("`{}` is hidden (starts with `.`)", prefix.display()));
        }
        if walk::is_skipped(settings, &prefix, dir) {
            let what = if relative == Path::new(&settings.index) {
                "it is the index page (`index` in touchbase.toml)".to_string()
            } else if prefix.starts_with(&settings.outreach_dir) {
                format!("it is in the outreach folder `{}/`", settings.outreach_dir)
            } else if dir || settings.exclude.is_match(&prefix) {
                format!("`{}` matches `exclude` in touchbase.toml", prefix.display())
            } else {
                "it matches no `include` glob in touchbase.toml".to_string()
            };
            return Some(what);
        }
    }
    None
}

/// `path` relative to the root: as given when it names a file there, else without the root's
/// own prefix (`vault/People/Jane.md` with `--vault vault`).
fn relative_to(root: &Path, path: &Path) -> PathBuf {
    let clean =
        |p: &Path| -> PathBuf { p.components().filter(|c| !matches!(c, Component::CurDir)).collect() };
    let path = clean(path);
    if super::exists(root, &path) {
        return path;
    }
    let root = clean(root);
    if !root.as_os_str().is_empty() {
        if let Ok(rest) = path.strip_prefix(&root) {
            return rest.to_path_buf();
        }
    }
    if let (Ok(real_root), Ok(real)) = (std::fs::canonicalize(&root), std::fs::canonicalize(&path)) {
        if let Ok(rest) = real.strip_prefix(real_root) {
            return rest.to_path_buf();
        }
    }
    path
}
