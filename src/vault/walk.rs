//! Finds the files of a vault: every `*.md` below the root except hidden files and folders,
//! the files touchbase generates, and what `touchbase.toml` excludes. Paths come back relative
//! to the root, sorted, so every run sees the same order.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

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
/// Folders are read in parallel; the listing is in the order of a depth-first walk with each
/// folder's entries sorted by name, whatever the threads do. Links are never followed (a link
/// to a folder is listed as a file), except a link that `below` itself is.
pub(crate) fn walk_below(root: &Path, display_root: &Path, below: &Path, settings: &Settings) -> Listing {
    let start = root.join(below);
    let found = match std::fs::metadata(&start) {
        Err(err) => vec![Found::Problem(start, err)],
        Ok(meta) if is_skipped(settings, below, meta.is_dir()) => Vec::new(),
        Ok(meta) if meta.is_dir() => walk_folder(root, &start, settings),
        Ok(_) => vec![Found::File(start)],
    };
    let mut listing = Listing::default();
    for found in found {
        match found {
            Found::File(path) => list_file(&mut listing, root, display_root, &path),
            Found::Problem(path, err) => {
                let shown = display(root, display_root, &path);
                let printable = crate::text::sanitize(&shown.to_string_lossy()).into_owned();
                listing.diagnostics.push(Diagnostic::new(printable, None, format!("cannot read: {err}")));
            }
        }
    }
    listing
}

/// What a walk meets, in walk order.
enum Found {
    File(PathBuf),
    Problem(PathBuf, std::io::Error),
}

/// The files below `folder` (and the problems met), its sub-folders read in parallel.
fn walk_folder(root: &Path, folder: &Path, settings: &Settings) -> Vec<Found> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(err) => return vec![Found::Problem(folder.to_path_buf(), err)],
    };
    let mut found = Vec::new();
    let mut children: Vec<(std::ffi::OsString, PathBuf, bool)> = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                found.push(Found::Problem(folder.to_path_buf(), err));
                continue;
            }
        };
        let path = entry.path();
        // Not followed: a link is listed as itself, as a file.
        match entry.file_type() {
            Ok(kind) => children.push((entry.file_name(), path, kind.is_dir())),
            Err(err) => found.push(Found::Problem(path, err)),
        }
    }
    children.sort_by(|a, b| a.0.cmp(&b.0));
    children.retain(|(_, path, dir)| !is_skipped(settings, path.strip_prefix(root).unwrap_or(path), *dir));
    let nested: Vec<Vec<Found>> = children
        .par_iter()
        .filter(|(_, _, dir)| *dir)
        .map(|(_, path, _)| walk_folder(root, path, settings))
        .collect();
    let mut nested = nested.into_iter();
    for (_, path, dir) in children {
        if dir {
            found.extend(nested.next().unwrap_or_default());
        } else {
            found.push(Found::File(path));
        }
    }
    found
}

/// One file of the walk into the listing, or a diagnostic when its name is not UTF-8.
fn list_file(listing: &mut Listing, root: &Path, display_root: &Path, path: &Path) {
    let Ok(relative) = path.strip_prefix(root) else { return };
    let relative = relative.to_path_buf();
    if relative.to_str().is_none() {
        // Lossy, and made printable: the name may also hold an escape sequence.
        let printable = crate::text::sanitize(&relative.to_string_lossy()).into_owned();
        let shown = VaultPath::new(Path::new(&printable)).join(display_root);
        listing.diagnostics.push(Diagnostic::new(shown, None, "file name is not valid UTF-8; skipped"));
        return;
    }
    if is_markdown(&relative) {
        listing.markdown.push(relative);
    } else {
        listing.other.push(relative);
    }
}

fn display(root: &Path, display_root: &Path, path: &Path) -> PathBuf {
    match path.strip_prefix(root) {
        Ok(relative) => VaultPath::new(relative).join(display_root),
        Err(_) => path.to_path_buf(),
    }
}
