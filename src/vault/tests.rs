use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn names(vault: &Vault) -> Vec<String> {
    vault
        .contacts
        .iter()
        .map(|c| format!("{}={}", c.name, c.last_contact.map(|d| d.to_string()).unwrap_or_default()))
        .collect()
}

#[test]
fn loads_contacts_notes_and_diagnostics_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.md", "---\nname: B\n---\n");
    write(dir.path(), "a/z.md", "---\nname: Z\n---\n");
    write(dir.path(), "note.md", "# just a note\n");
    write(dir.path(), "bad.md", "---\nname: [x\n---\n");
    write(dir.path(), ".obsidian/hidden.md", "---\nname: H\n---\n");
    write(dir.path(), "INDEX.md", "---\nname: Index\n---\n");
    let options = LoadOptions { keep: Keep::LEAN, cache_dir: None };
    let vault = Vault::load(dir.path(), options).unwrap();
    assert_eq!(names(&vault), ["Z=", "B="]);
    assert_eq!(vault.diagnostics.len(), 1);
    assert!(vault.other_files.contains(&PathBuf::from("note.md")));
}

#[test]
fn the_cache_is_used_only_while_files_and_settings_are_unchanged() {
    let vault_dir = tempfile::tempdir().unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    let root = vault_dir.path();
    write(root, "a.md", "---\nname: A\nlast_contact: 2026-01-01\n---\n");
    write(root, "b.md", "---\nname: B\n---\n- 2026-11-20 call\n- 2026-12-01 planned\n");
    let load = || {
        let options = LoadOptions { keep: Keep::LEAN, cache_dir: Some(cache_dir.path()) };
        Vault::load(root, options).unwrap()
    };
    let first = load();
    assert_eq!(names(&first), ["A=2026-01-01", "B="]);
    let file = cache::file_for(cache_dir.path(), root).unwrap();
    assert!(file.is_file(), "a cache file was written outside the vault");
    assert_eq!(std::fs::read_dir(root).unwrap().count(), 2, "nothing was written inside the vault");

    // Same files: the cached contacts come back identical.
    let second = load();
    assert_eq!(first.contacts, second.contacts);

    // A changed file is parsed again (the size changes too, but the stamp would catch an
    // equal-size edit through the modification and change times).
    write(root, "a.md", "---\nname: A\nlast_contact: 2026-02-02\n---\n");
    assert_eq!(names(&load()), ["A=2026-02-02", "B="]);

    // A removed file disappears; an added one appears.
    std::fs::remove_file(root.join("b.md")).unwrap();
    write(root, "c.md", "---\nname: C\n---\n");
    assert_eq!(names(&load()), ["A=2026-02-02", "C="]);

    // Another touchbase.toml means another parse (here a field mapping changes what is read).
    write(root, "touchbase.toml", "[fields]\nlast_contact = \"met\"\n");
    write(root, "d.md", "---\nname: D\nmet: 2025-05-05\n---\n");
    assert_eq!(names(&load()), ["A=2026-02-02", "C=", "D=2025-05-05"]);

    // Parsing knows no day: the cache serves an earlier day too, and the index for that day
    // (schedules, summaries read again where the day needs them) is the one a fresh parse gives.
    let index_for = |vault: Vault| super::Session::from_vault(vault, d("2026-01-15")).index;
    let earlier = index_for(load());
    let fresh = index_for(Vault::load(root, LoadOptions { keep: Keep::LEAN, cache_dir: None }).unwrap());
    let entries = |index: &crate::index::Index| {
        index.entries.iter().map(|e| (e.contact.clone(), e.schedule.clone())).collect::<Vec<_>>()
    };
    assert_eq!(entries(&earlier), entries(&fresh));
}

#[test]
fn a_damaged_cache_is_ignored() {
    let vault_dir = tempfile::tempdir().unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    write(vault_dir.path(), "a.md", "---\nname: A\n---\n");
    let file = cache::file_for(cache_dir.path(), vault_dir.path()).unwrap();
    std::fs::write(&file, b"\x01\x02garbage").unwrap();
    let options = LoadOptions { keep: Keep::LEAN, cache_dir: Some(cache_dir.path()) };
    assert_eq!(names(&Vault::load(vault_dir.path(), options).unwrap()), ["A="]);
}

/// The walk as one sorted `walkdir` pass, as it was before folders were read in parallel.
fn walk_by_walkdir(root: &Path, settings: &Settings) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (mut markdown, mut other) = (Vec::new(), Vec::new());
    let walker =
        walkdir::WalkDir::new(root).follow_links(false).sort_by_file_name().into_iter().filter_entry(|e| {
            !walk::is_skipped(settings, e.path().strip_prefix(root).unwrap(), e.file_type().is_dir())
        });
    for entry in walker.map(std::result::Result::unwrap).filter(|e| !e.file_type().is_dir()) {
        let relative = entry.path().strip_prefix(root).unwrap().to_path_buf();
        if walk::is_markdown(&relative) {
            markdown.push(relative);
        } else {
            other.push(relative);
        }
    }
    (markdown, other)
}

#[test]
fn the_parallel_walk_lists_what_one_sorted_walk_does() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "a.md",
        "a b/x.md",
        "a/x.md",
        "a-b/y.MD",
        "B/z.md",
        "b/z.md",
        "a/b/c/d.md",
        "a/b/c.md",
        "a/b.png",
        ".hidden/x.md",
        "a/.x.md",
        "INDEX.md",
        "outreach/2026-11-26.md",
        "z/empty/.keep",
        "é/ü.md",
        "10/1.md",
        "9/1.md",
    ] {
        write(dir.path(), name, "---\nname: X\n---\n");
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("link")).unwrap();
    let settings = Settings::load(dir.path()).unwrap();
    let listing = walk::walk(dir.path(), dir.path(), &settings);
    assert_eq!((listing.markdown, listing.other), walk_by_walkdir(dir.path(), &settings));
    assert!(listing.diagnostics.is_empty());
}
