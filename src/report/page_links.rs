//! How a generated page links to the vault's files: the vault's link style, and which file
//! names more than one markdown file has (a wiki link to one of those needs its path).

use std::collections::BTreeSet;
use std::path::Path;

use crate::index::Index;
pub(crate) use crate::vault::settings::LinkStyle;

/// What every page's links are built from (`render::markdown::Links`).
#[derive(Clone, Debug)]
pub(crate) struct PageLinks {
    pub style: LinkStyle,
    /// File names without `.md`, lower-cased (Obsidian matches link targets without case),
    /// that two or more of the vault's markdown files share.
    pub ambiguous: BTreeSet<String>,
}

impl PageLinks {
    /// The style from the settings; the shared names from the contacts and the other notes.
    pub(crate) fn of(index: &Index, cx: &super::accounts::Context<'_>) -> PageLinks {
        let style = cx.settings.links.unwrap_or(LinkStyle::Markdown);
        let contacts = index.entries.iter().map(|e| e.contact.path.as_path());
        let notes = cx.notes.notes.iter().map(|n| n.path.as_path());
        let plain = cx.notes.plain.iter().map(std::path::PathBuf::as_path);
        PageLinks { style, ambiguous: shared_stems(contacts.chain(notes).chain(plain)) }
    }

    /// Markdown links and nothing shared: for tests and pages without a vault.
    #[cfg(test)]
    pub(crate) fn markdown() -> PageLinks {
        PageLinks { style: LinkStyle::Markdown, ambiguous: BTreeSet::new() }
    }
}

fn shared_stems<'a>(paths: impl Iterator<Item = &'a Path>) -> BTreeSet<String> {
    // A note can be listed twice (an account note is also a markdown note).
    let paths: BTreeSet<&Path> = paths.collect();
    let mut seen = BTreeSet::new();
    let mut shared = BTreeSet::new();
    for path in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"))) {
        let Some(stem) = path.file_stem() else { continue };
        let stem = stem.to_string_lossy().to_lowercase();
        if !seen.insert(stem.clone()) {
            shared.insert(stem);
        }
    }
    shared
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_two_files_share_without_case() {
        let paths =
            ["a/Jane Doe.md", "b/jane doe.md", "Tom.md", "Tom.png", "c/Ann.md", "c/Ann.md"].map(Path::new);
        let shared = shared_stems(paths.into_iter());
        assert_eq!(shared.into_iter().collect::<Vec<_>>(), ["jane doe"]);
    }
}
