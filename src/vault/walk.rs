//! Finds the files of a vault: every `*.md` below the root except hidden files and folders,
//! the files touchbase generates, and what `touchbase.toml` excludes. Paths come back relative
//! to the root, sorted, so every run sees the same order.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::settings::Settings;
use crate::error::Diagnostic;
use crate::vault_path::VaultPath;

/// What a walk found.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    /// Candidate contact files (`*.md`), relative to the root.
    pub markdown: Vec<PathBuf>,
    /// Every other non-hidden file (attachments), relative to the root; wiki links may point at them.
    pub other: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether a path relative to the root is one touchbase reads as a possible contact.
pub(crate) fn is_candidate(settings: &Settings, relative: &Path) -> bool {
    is_markdown(relative) && !is_skipped(settings, relative, false)
}

pub(crate) fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Hidden, generated or excluded. `dir` is true for folders.
pub(crate) fn is_skipped(settings: &Settings, relative: &Path, dir: bool) -> bool {
    if relative.as_os_str().is_empty() {
        return false;
    }
    if relative.iter().any(is_hidden) {
        return true;
    }
    if relative == Path::new(&settings.index) || relative.starts_with(&settings.outreach_dir) {
        return true;
    }
    if settings.exclude.is_match(relative) {
        return true;
    }
    if !dir {
        if let Some(include) = &settings.include {
            return !include.is_match(relative);
        }
    }
    false
}

pub(crate) fn walk(root: &Path, display_root: &Path, settings: &Settings) -> Listing {
    walk_below(root, display_root, Path::new(""), settings)
}

/// Walks only the folder `below` (relative to the root); paths stay relative to the root.
pub(crate) fn walk_below(root: &Path, display_root: &Path, below: &Path, settings: &Settings) -> Listing {
    let mut listing = Listing::default();
    let walker =
        WalkDir::new(root.join(below)).follow_links(false).sort_by_file_name().into_iter().filter_entry(
            |entry| {
                let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
                !is_skipped(settings, relative, entry.file_type().is_dir())
            },
        );
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path =
                    err.path().map_or_else(|| display_root.to_path_buf(), |p| display(root, display_root, p));
                let message = match err.io_error() {
                    Some(io) => format!("cannot read: {io}"),
                    None => err.to_string(),
                };
                let printable = crate::text::sanitize(&path.to_string_lossy()).into_owned();
                listing.diagnostics.push(Diagnostic::new(printable, None, message));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(root) else { continue };
        let relative = relative.to_path_buf();
        if relative.to_str().is_none() {
            // Lossy, and made printable: the name may also hold an escape sequence.
            let printable = crate::text::sanitize(&relative.to_string_lossy()).into_owned();
            let shown = VaultPath::new(Path::new(&printable)).join(display_root);
            listing.diagnostics.push(Diagnostic::new(shown, None, "file name is not valid UTF-8; skipped"));
            continue;
        }
        if is_markdown(&relative) {
            listing.markdown.push(relative);
        } else {
            listing.other.push(relative);
        }
    }
    listing
}

fn display(root: &Path, display_root: &Path, path: &Path) -> PathBuf {
    match path.strip_prefix(root) {
        Ok(relative) => VaultPath::new(relative).join(display_root),
        Err(_) => path.to_path_buf(),
    }
}
