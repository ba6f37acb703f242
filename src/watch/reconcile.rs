//! Reconciling removals and renames, as pure set logic: the debouncer folds `mv a.md a.bak;
//! rm a.bak` into "a.bak removed" and never names `a.md` again, so after a batch with any
//! removal or rename the folders it touched are re-listed (the whole vault when the removal
//! cannot be placed) and what the listing lacks is dropped. `plan` decides what to re-list;
//! `gone_below` and `gone_from` compare a listing with the files known so far.

use std::collections::BTreeSet;
use std::ops::Bound;
use std::path::{Path, PathBuf};

use super::batch::Touched;
use crate::vault::watch_fs::Entries;

/// A path that a removal or rename touched, as found after the batch was handled.
#[derive(Debug)]
pub(super) struct Affected {
    pub path: PathBuf,
    pub touched: Touched,
    /// Whether anything was known at or below it before the batch.
    pub known: bool,
    /// Not there any more (or no longer inside a real folder of the vault).
    pub gone: bool,
    /// The deepest real, unskipped folder holding it: its parent, unless the parent is gone,
    /// a symlink, a file or skipped (`.trash`).
    pub folder: PathBuf,
    /// Its parent is hidden or excluded (`.git`, `.trash`).
    pub skipped_parent: bool,
    /// A name that watch reads as a possible contact (`*.md`, not skipped).
    pub candidate: bool,
}

/// What to re-list after a batch with removals or renames.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Plan {
    /// Every file of the vault.
    pub whole_vault: bool,
    /// Only these folders' own entries: the files directly in them, and whether each subfolder
    /// is still a real folder.
    pub folders: BTreeSet<PathBuf>,
}

/// Decides what to re-list. The debouncer folds a rename and a later remove of the new name
/// into one remove of the new name: the old name, which the index knows, is never reported.
/// It also drops a known file that a rename replaced and a second rename moved on (`mv x b;
/// mv b c` reports only x → c). The lost name is most often in the same folder (a backup name,
/// an editor's save dance, a chain of renames), so each touched path's folder is re-listed,
/// which costs one `read_dir`. A removal that cannot be placed that way may have been moved
/// there from anywhere in the vault just before, and then the whole vault is re-listed: a path
/// that held nothing known and is a folder, or sat in a skipped folder such as `.trash`, or is
/// a candidate file (watch reads every candidate it is told about, so one it never knew was
/// renamed there within the window). Saves (temp files, `~` backups, swap files) and removals
/// of known files never need that.
pub(super) fn plan(affected: &[Affected]) -> Plan {
    let mut plan = Plan::default();
    for a in affected {
        let in_real_parent = a.path.parent().unwrap_or(Path::new("")) == a.folder;
        let untraceable = a.gone
            && !a.known
            && match a.touched {
                Touched::Removed => true,
                Touched::RemovedFile => !in_real_parent || a.candidate,
                Touched::Moved => false,
            };
        if untraceable {
            return Plan { whole_vault: true, folders: BTreeSet::new() };
        }
        // A rename inside a hidden folder (git's lock files, an editor's state) has its other
        // end named too, and the walk never enters such a folder: nothing to re-list for it.
        if a.touched == Touched::Moved && a.skipped_parent {
            continue;
        }
        plan.folders.insert(a.folder.clone());
    }
    plan
}

/// The known paths at or below `folder`, in order. `Path` orders by components, so they are
/// one range that starts at `folder` itself.
pub(super) fn known_below<'a>(
    known: &'a BTreeSet<PathBuf>,
    folder: &'a Path,
) -> impl Iterator<Item = &'a PathBuf> + 'a {
    known
        .range::<Path, _>((Bound::Included(folder), Bound::Unbounded))
        .take_while(move |k| k.starts_with(folder))
}

/// The known files below `folder` that a fresh recursive listing of it (`present`) lacks.
pub(super) fn gone_from(
    folder: &Path,
    known: &BTreeSet<PathBuf>,
    present: &BTreeSet<PathBuf>,
) -> BTreeSet<PathBuf> {
    known_below(known, folder).filter(|k| !present.contains(*k)).cloned().collect()
}

/// The known paths below `folder` that a fresh listing of the folder itself shows are gone: a
/// file directly in it that is no longer listed, or, as one path, a subfolder that is no longer
/// a real folder (removed, renamed, replaced by a file or a symlink, now skipped). What is
/// inside a subfolder that is still there is left to the events about it.
pub(super) fn gone_below(folder: &Path, known: &BTreeSet<PathBuf>, entries: &Entries) -> BTreeSet<PathBuf> {
    let mut gone = BTreeSet::new();
    let mut from: PathBuf = folder.to_path_buf();
    let mut bound = Bound::Included(from.as_path());
    // One look per child of the folder: what is inside a child is one run of the known paths,
    // skipped past at once (the vault's root holds every contact below it).
    while let Some(path) = known.range::<Path, _>((bound, Bound::Unbounded)).next() {
        if !path.starts_with(folder) {
            break;
        }
        let Ok(inside) = path.strip_prefix(folder) else { break };
        let mut components = inside.components();
        let Some(first) = components.next() else {
            from = path.clone();
            bound = Bound::Excluded(from.as_path());
            continue;
        };
        let child = folder.join(first);
        let present = match components.next() {
            // A file now a folder of the same name: dropping the name would drop what is in
            // the folder too. The folder's own events replace the one with the other.
            None => entries.files.contains(&child) || entries.folders.contains(&child),
            Some(_) => entries.folders.contains(&child),
        };
        if !present {
            gone.insert(child.clone());
        }
        from = past(&child);
        bound = Bound::Excluded(from.as_path());
    }
    gone
}

/// A path after `path` and everything below it, before anything else: `path` with a last
/// component longer than any file name, of the highest bytes.
fn past(path: &Path) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    path.join(std::ffi::OsStr::from_bytes(&[0xFF; 256]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::walk::is_markdown;

    fn paths(list: &[&str]) -> BTreeSet<PathBuf> {
        list.iter().map(PathBuf::from).collect()
    }

    fn affected(path: &str, touched: Touched, known: bool, gone: bool, folder: &str) -> Affected {
        let parent = Path::new(path).parent().unwrap_or(Path::new(""));
        let hidden = |p: &Path| p.iter().any(|c| c.to_string_lossy().starts_with('.'));
        let skipped_parent = hidden(parent);
        let candidate = is_markdown(Path::new(path)) && !hidden(Path::new(path));
        Affected { path: path.into(), touched, known, gone, folder: folder.into(), skipped_parent, candidate }
    }

    fn folders(list: &[&str]) -> Plan {
        Plan { whole_vault: false, folders: paths(list) }
    }

    const VAULT: Plan = Plan { whole_vault: true, folders: BTreeSet::new() };

    #[test]
    fn plan_relists_the_folder_of_a_removal() {
        // `mv a.md a.md.bak && rm a.md.bak`: only the backup's removal is reported.
        let removed = affected("people/a.md.bak", Touched::RemovedFile, false, true, "people");
        assert_eq!(plan(&[removed]), folders(&["people"]));
        // An editor's save: a temp file renamed over the contact.
        let temp = affected("people/.a.md.tmp", Touched::Moved, false, true, "people");
        let saved = affected("people/a.md", Touched::Moved, true, false, "people");
        assert_eq!(plan(&[temp, saved]), folders(&["people"]));
        // A known folder deleted, its files reported after it: the nearest real folder.
        let folder = affected("people", Touched::Removed, true, true, "");
        let file = affected("people/a.md", Touched::RemovedFile, true, true, "");
        assert_eq!(plan(&[folder, file]), folders(&[""]));
    }

    #[test]
    fn plan_relists_the_vault_for_a_removal_it_cannot_place() {
        // `mv work .trash/work && rm -rf .trash/work`: a folder nothing was known in.
        let trashed = affected(".trash/work", Touched::Removed, false, true, "");
        let saved = affected("people/a.md", Touched::Moved, true, false, "people");
        assert_eq!(plan(&[saved, trashed]), VAULT);
        // A file removed from a skipped folder may have been moved there from anywhere.
        assert_eq!(plan(&[affected(".trash/a.md", Touched::RemovedFile, false, true, "")]), VAULT);
        // An unknown file removed from a folder that is gone, too.
        assert_eq!(plan(&[affected("old/photo.jpg", Touched::RemovedFile, false, true, "")]), VAULT);
        // A contact file never seen: `mv people/a.md work/b.md && rm work/b.md`.
        assert_eq!(plan(&[affected("work/b.md", Touched::RemovedFile, false, true, "work")]), VAULT);
        // But not a known folder, nor a path that is still there.
        assert_eq!(plan(&[affected("work", Touched::Removed, true, true, "")]), folders(&[""]));
        assert_eq!(plan(&[affected("work", Touched::Removed, false, false, "")]), folders(&[""]));
    }

    #[test]
    fn plan_ignores_renames_inside_hidden_folders() {
        let lock = affected(".git/index.lock", Touched::Moved, false, true, "");
        let index = affected(".git/index", Touched::Moved, false, false, "");
        assert_eq!(plan(&[lock, index]), Plan::default());
    }

    #[test]
    fn known_below_is_the_folder_and_its_subtree_only() {
        let known = paths(&["a.md", "people", "people/x.md", "people/sub/y.md", "people2/z.md", "people.md"]);
        let below: Vec<_> = known_below(&known, Path::new("people")).collect();
        assert_eq!(below, [Path::new("people"), Path::new("people/sub/y.md"), Path::new("people/x.md")]);
        assert_eq!(known_below(&known, Path::new("")).count(), known.len());
        assert_eq!(known_below(&known, Path::new("nothing")).count(), 0);
    }

    #[test]
    fn gone_below_finds_files_and_subfolders_that_left() {
        let known = paths(&[
            "people/kept.md",
            "people/renamed.md",
            "people/acme/tom.md",
            "people/acme/sub/deep.md",
            "people/linked/x.md",
            "people/now-folder.md",
            "work/other.md",
        ]);
        // `renamed.md` left, `linked` is a symlink now (no folder), `now-folder.md` a folder.
        let entries = Entries {
            files: paths(&["people/kept.md", "people/new.md", "people/linked"]),
            folders: paths(&["people/acme", "people/now-folder.md"]),
        };
        assert_eq!(
            gone_below(Path::new("people"), &known, &entries),
            paths(&["people/linked", "people/renamed.md"])
        );
        // The whole vault's root: `people` and `work` left as folders.
        let root = Entries { files: BTreeSet::new(), folders: BTreeSet::new() };
        assert_eq!(gone_below(Path::new(""), &known, &root), paths(&["people", "work"]));
    }

    #[test]
    fn gone_below_skips_each_subfolder_once_but_not_its_siblings() {
        let known = paths(&[
            "people",
            "people/acme/a.md",
            "people/acme/deep/b.md",
            "people/acme-2/c.md",
            "people/acme.md",
            "people/zed/d.md",
            "peoplex/e.md",
        ]);
        let entries = Entries { files: paths(&["people/acme.md"]), folders: paths(&["people/acme-2"]) };
        assert_eq!(gone_below(Path::new("people"), &known, &entries), paths(&["people/acme", "people/zed"]));
        let root = Entries { files: BTreeSet::new(), folders: paths(&["people"]) };
        assert_eq!(gone_below(Path::new(""), &known, &root), paths(&["peoplex"]));
    }

    #[test]
    fn gone_from_compares_with_a_recursive_listing() {
        let known = paths(&["people/a.md", "people/sub/b.md", "work/c.md"]);
        let present = paths(&["people/a.md", "people/new.md"]);
        assert_eq!(gone_from(Path::new("people"), &known, &present), paths(&["people/sub/b.md"]));
        assert_eq!(gone_from(Path::new(""), &known, &present), paths(&["people/sub/b.md", "work/c.md"]));
    }
}
