//! A file's path inside the vault and the forms touchbase shows it in: with `/` separators in
//! reports (JSON, tables, UIDs: the same on every platform), joined onto the vault root as the
//! user gave it for printing and opening, and as the lower-cased key NAME and links resolve by.
//! The one place that turns a relative path into text; a leaf (std only).

use std::path::{Path, PathBuf};

/// A path relative to the vault root (`people/Jane Doe.md`), borrowed from the contact or
/// file it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct VaultPath<'a> {
    relative: &'a Path,
}

impl<'a> VaultPath<'a> {
    pub(crate) fn new(relative: &'a Path) -> VaultPath<'a> {
        VaultPath { relative }
    }

    /// `people/Jane Doe.md` with `/` between the folders whatever the platform: how reports name
    /// a file, and what exported UIDs are made from.
    pub(crate) fn slash(self) -> String {
        let parts: Vec<_> = self.relative.iter().map(|part| part.to_string_lossy()).collect();
        parts.join("/")
    }

    /// The path to print or open: the vault root as the user gave it joined with the file's
    /// path (`.` is left out, so `--vault .` prints `people/x.md`).
    pub(crate) fn join(self, root: &Path) -> PathBuf {
        if root == Path::new(".") {
            self.relative.to_path_buf()
        } else {
            root.join(self.relative)
        }
    }

    /// `people/jane doe` for `people/Jane Doe.md`: the slash path without its extension,
    /// lower-cased, as a NAME or a link may spell a file.
    pub(crate) fn stem_key(self) -> String {
        VaultPath::new(&self.relative.with_extension("")).slash().to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slash_join_and_stem_key() {
        let path = PathBuf::from("people").join("acme").join("Jane Doe.md");
        let vault_path = VaultPath::new(&path);
        assert_eq!(vault_path.slash(), "people/acme/Jane Doe.md");
        assert_eq!(vault_path.stem_key(), "people/acme/jane doe");
        assert_eq!(vault_path.join(Path::new(".")), path);
        assert_eq!(vault_path.join(Path::new("v")), Path::new("v").join(&path));
        assert_eq!(VaultPath::new(Path::new("a.b.md")).stem_key(), "a.b");
    }
}
