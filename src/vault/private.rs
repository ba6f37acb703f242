//! The private layer: a rep's own folder of notes about shared contacts, outside the vault. Read
//! here (the vault's reader, with its FIFO and size guards), matched to contacts by the index,
//! and never walked as part of the vault: only the commands that print to the user attach it.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::index::{Index, Resolved};

/// One markdown file of the private folder.
#[derive(Debug, Clone)]
pub(crate) struct PrivateNote {
    /// The folder as configured joined with the file's path in it.
    pub path: PathBuf,
    /// The file name without `.md`.
    pub stem: String,
    /// `about:` in the front matter (a name, a link, or a list of them).
    pub about: Vec<String>,
    /// `[[links]]` anywhere in the file.
    pub links: Vec<String>,
    /// The text after the front matter.
    pub body: String,
    /// The whole file, for full-text terms.
    pub text: String,
}

/// What loading the folder found: its notes, and a warning when it is not there.
#[derive(Debug, Default)]
pub(crate) struct Private {
    pub notes: Vec<PrivateNote>,
    pub warning: Option<String>,
}

/// Refuses a private folder inside the vault (its notes would be committed with the vault).
pub(crate) fn check_outside(root: &Path, dir: &Path) -> Result<()> {
    let (Ok(root), Ok(real)) = (std::fs::canonicalize(root), std::fs::canonicalize(dir)) else {
        return Ok(()); // a missing folder is warned about when it is read
    };
    if real.starts_with(&root) {
        return Err(Error::usage(format!(
            "private folder {} is inside the vault {}: its notes would be shared; move it out of the vault",
            dir.display(),
            root.display()
        )));
    }
    Ok(())
}

/// Reads every `.md` file of `dir` (hidden files and folders skipped), sorted by path.
pub(crate) fn load(dir: &Path) -> Private {
    if !dir.is_dir() {
        let warning = format!("private folder {} not found; showing no private notes", dir.display());
        return Private { notes: Vec::new(), warning: Some(warning) };
    }
    let mut files = Vec::new();
    collect(dir, &mut files);
    files.sort();
    let notes = files.iter().filter_map(|path| read_note(path)).collect();
    Private { notes, warning: None }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => collect(&path, out),
            Ok(_) if super::walk::is_markdown(&path) => out.push(path),
            _ => {}
        }
    }
}

/// A file that cannot be read (a FIFO, too large, not UTF-8) is left out.
fn read_note(path: &Path) -> Option<PrivateNote> {
    let text = super::read_text(path).ok()?;
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let (about, body) = match crate::contact::frontmatter::split(&text) {
        crate::contact::frontmatter::Shape::Contact(split) => {
            let about = crate::contact::frontmatter::parse(&split)
                .ok()
                .and_then(|map| map.get("about").cloned())
                .map(|v| about_values(&v))
                .unwrap_or_default();
            (about, split.body.to_string())
        }
        _ => (Vec::new(), text.clone()),
    };
    let mut links = Vec::new();
    crate::contact::wiki_links_in(&text, &mut links);
    Some(PrivateNote { path: path.to_path_buf(), stem, about, links, body, text })
}

fn about_values(value: &serde_yaml::Value) -> Vec<String> {
    let mut out = Vec::new();
    crate::contact::fields::walk_scalars(value, &mut |s| {
        if let Some(text) = crate::contact::fields::scalar_text(s) {
            out.push(crate::contact::strip_link(&text));
        }
    });
    out
}

/// The contacts a note is about: each name its stem, `about:` and links give that names exactly
/// one contact (by name, alias or file, as `show NAME` finds one).
pub(crate) fn about(index: &Index, note: &PrivateNote) -> Vec<usize> {
    let mut found = Vec::new();
    let names = std::iter::once(&note.stem).chain(&note.about).chain(&note.links);
    for name in names {
        if let Resolved::One(i) = index.resolve(name, false) {
            if !found.contains(&i) {
                found.push(i);
            }
        }
    }
    found.sort_unstable();
    found
}

/// Gives every contact the lower-cased text of its private notes, for full-text terms.
pub(crate) fn attach(index: &mut Index, notes: &[PrivateNote]) {
    for note in notes {
        for i in about(index, note) {
            if let Some(entry) = index.entries.get_mut(i) {
                let text = entry.private_text.get_or_insert_with(String::new);
                text.push_str(&note.text.to_lowercase());
                text.push('\n');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_about_links_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "---\nabout: [\"[[Jane Doe]]\", Bob]\n---\nsee [[Ann]]\n")
            .unwrap();
        std::fs::write(dir.path().join(".hidden.md"), "x").unwrap();
        std::fs::write(dir.path().join("b.txt"), "x").unwrap();
        let private = load(dir.path());
        assert!(private.warning.is_none());
        assert_eq!(private.notes.len(), 1);
        let note = &private.notes[0];
        assert_eq!(note.stem, "a");
        assert_eq!(note.about, ["Jane Doe", "Bob"]);
        assert_eq!(note.links, ["Jane Doe", "Ann"]);
        assert_eq!(note.body, "see [[Ann]]\n");
    }

    /// The private folder the user's config names for the vault at `root`.
    fn user_setting(file: &Path, root: &Path) -> std::result::Result<Option<PathBuf>, String> {
        Ok(crate::vault::user_config::load(file, Some(Path::new("/home/me")))?.private_for(root))
    }

    #[test]
    fn user_config_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        let (root, home) = (dir.path().join("vault"), Some(Path::new("/home/me")));
        std::fs::create_dir(&root).unwrap();
        assert_eq!(user_setting(&file, &root).unwrap(), None);
        std::fs::write(&file, "private = \"~/notes/private\"\n").unwrap();
        assert_eq!(user_setting(&file, &root).unwrap(), Some(PathBuf::from("/home/me/notes/private")));
        let per_vault = format!(
            "private = \"/all\"\n[vaults.\"{}\"]\nprivate = \"/mine\"\n[vaults.\"/elsewhere\"]\nprivate = \"/no\"\n",
            dir.path().join("vault/../vault").display()
        );
        std::fs::write(&file, per_vault).unwrap();
        assert_eq!(user_setting(&file, &root).unwrap(), Some(PathBuf::from("/mine")));
        assert_eq!(user_setting(&file, dir.path()).unwrap(), Some(PathBuf::from("/all")));
        std::fs::write(&file, "private = 3\n").unwrap();
        assert!(user_setting(&file, &root).unwrap_err().contains("config.toml"));
        std::fs::write(&file, "privat = \"/typo\"\n").unwrap();
        let config = crate::vault::user_config::load(&file, home).unwrap();
        assert!(config.warnings[0].contains(":1: unknown key \"privat\""), "a warning naming the line");
    }

    #[test]
    fn missing_warns_and_inside_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let private = load(&dir.path().join("nope"));
        assert!(private.warning.unwrap().contains("not found"));
        std::fs::create_dir(dir.path().join("mine")).unwrap();
        assert!(check_outside(dir.path(), &dir.path().join("mine")).is_err());
        let other = tempfile::tempdir().unwrap();
        assert!(check_outside(dir.path(), other.path()).is_ok());
    }
}
