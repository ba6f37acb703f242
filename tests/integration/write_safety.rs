//! Issue 10, "never lose a write": real parallel processes editing one file, a lock held by
//! someone else, folder links out of the vault, hostile file names handed to the editor, pages
//! that would land on the settings, a contact or a hand-written file, the umask, the owner, hard
//! links, temp files left by a kill, and a `log` on a file that cannot be read.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::hostile::{run_in, Vault, BIN};

const T: &str = "---\nname: T\n---\n## Log\n";

/// Starts `touchbase --vault vault ARGS` in `dir` without waiting for it.
fn spawn(dir: &Path, args: &[&str]) -> std::process::Child {
    Command::new(BIN)
        .current_dir(dir)
        .env("TOUCHBASE_CACHE_DIR", dir.join("cache"))
        .args(["--vault", "vault", "--today", crate::harness::TODAY])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn entries(text: &str) -> usize {
    text.lines().filter(|l| l.contains("entry ")).count()
}

/// Part 1: 20 `log` runs at once on one file, five rounds: every entry survives, every run
/// exits 0. (Before the folder lock, about half the entries were lost.)
#[test]
fn parallel_logs_on_one_file_keep_every_entry() {
    for round in 0..5 {
        let vault = Vault::new();
        vault.file("T.md", T);
        let children: Vec<_> =
            (1..=20).map(|i| spawn(vault.dir(), &["log", "T", &format!("entry {i}")])).collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        }
        let text = std::fs::read_to_string(vault.path("T.md")).unwrap();
        assert_eq!(entries(&text), 20, "round {round}:\n{text}");
        for i in 1..=20 {
            assert!(text.contains(&format!(" entry {i}\n")), "round {round}: entry {i} lost:\n{text}");
        }
        assert_eq!(text.matches("last_contact:").count(), 1, "{text}");
        let leftovers: Vec<_> = std::fs::read_dir(vault.path("")).unwrap().flatten().collect();
        assert!(leftovers.iter().all(|e| !e.file_name().to_string_lossy().ends_with(".tmp")));
    }
}

/// Part 1: `import` merging into a file while `log` runs on it: the log entry is never lost;
/// the import either merged into the logged file or refused that file and said so.
#[test]
fn import_beside_log_loses_nothing() {
    for round in 0..10 {
        let vault = Vault::new();
        vault.file("T.md", "---\nname: T\n---\n## Log\n");
        vault.file("cards.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:T\r\nEMAIL:t@example.com\r\nEND:VCARD\r\n");
        let import = spawn(vault.dir(), &["import", "vault/cards.vcf"]);
        let log = spawn(vault.dir(), &["log", "T", &format!("entry {round}")]);
        let log = log.wait_with_output().unwrap();
        assert!(log.status.success(), "{}", String::from_utf8_lossy(&log.stderr));
        let import = import.wait_with_output().unwrap();
        let text = std::fs::read_to_string(vault.path("T.md")).unwrap();
        assert_eq!(entries(&text), 1, "round {round}: the log entry was lost:\n{text}");
        let stderr = String::from_utf8_lossy(&import.stderr);
        if !text.contains("t@example.com") {
            assert!(
                stderr.contains("changed on disk"),
                "round {round}: the import's change vanished silently:\n{stderr}"
            );
            assert_eq!(import.status.code(), Some(2));
        }
    }
}

/// Part 1: while another process holds the folder's lock, a writer waits a few seconds, then
/// gives up with a clear message, exit 2, and changes nothing.
#[test]
fn a_writer_that_cannot_get_the_lock_changes_nothing() {
    let vault = Vault::new();
    vault.file("T.md", T);
    let folder = std::fs::File::open(vault.path("")).unwrap();
    folder.lock().unwrap();
    let run = vault.run(&["log", "T", "entry 1"]);
    run.code(2);
    assert!(
        run.err().contains("another touchbase process has been writing in this folder"),
        "{}",
        run.context()
    );
    assert_eq!(std::fs::read_to_string(vault.path("T.md")).unwrap(), T);
    // An editor's save while `log` waits for the lock is kept: `log` reads after it gets the lock.
    let child = spawn(vault.dir(), &["log", "T", "entry 2"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::fs::write(vault.path("T.md"), "---\nname: T\nrole: saved by the editor\n---\n## Log\n").unwrap();
    folder.unlock().unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = std::fs::read_to_string(vault.path("T.md")).unwrap();
    assert!(text.contains("role: saved by the editor") && text.contains("entry 2"), "{text}");
}

/// Part 2: a folder link that leaves the vault is refused for every write (exit 2, naming the
/// link), also when it is the page's or the outreach list's folder.
#[test]
fn writes_never_go_through_a_folder_link_out_of_the_vault() {
    let vault = Vault::new();
    let outside = vault.dir().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("victim.txt"), "precious\n").unwrap();
    vault.symlink("pages", "../outside");
    vault.file("touchbase.toml", "index = \"pages/victim.txt\"\n");
    let index = vault.run(&["index"]);
    index.code(2);
    assert!(index.err().contains("vault/pages: is a symbolic link to "), "{}", index.context());
    assert!(index.err().contains("outside the vault"), "{}", index.context());
    vault.file("touchbase.toml", "");
    vault.symlink("outreach", "../outside");
    let outreach = vault.run(&["outreach", "--write"]);
    outreach.code(2);
    assert!(outreach.err().contains("vault/outreach: is a symbolic link to "), "{}", outreach.context());
    vault.run(&["new", "Nina", "--dir", "pages"]).code(2);
    vault.run(&["new", "Nina", "--dir", "pages/deeper"]).code(2);
    assert_eq!(std::fs::read_to_string(outside.join("victim.txt")).unwrap(), "precious\n");
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 1, "nothing was created outside");
    // `..` in the settings is refused the same way.
    vault.file("touchbase.toml", "index = \"../outside/victim.txt\"\n");
    vault.run(&["index"]).code(2);
    assert_eq!(std::fs::read_to_string(outside.join("victim.txt")).unwrap(), "precious\n");
}

/// Part 3: the editor gets an absolute path, so a file named `+!touch PWNED.md` is a file to
/// vim, not a command.
#[test]
fn the_editor_gets_an_absolute_path() {
    let vault = Vault::new();
    vault.file("+!touch PWNED.md", "---\nname: Jane Doe\n---\n");
    let editor = vault.dir().join("editor.sh");
    let seen = vault.dir().join("seen");
    std::fs::write(&editor, format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", seen.display())).unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    for args in [&["edit", "Jane Doe"][..], &["new", "Nora", "--edit"]] {
        let status = Command::new(BIN)
            .current_dir(vault.path(""))
            .env("EDITOR", &editor)
            .env_remove("VISUAL")
            .args(["--vault", ".", "--today", crate::harness::TODAY])
            .args(args)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{args:?}");
        let seen = std::fs::read_to_string(&seen).unwrap();
        assert!(seen.starts_with('/'), "{args:?}: the editor got {seen:?}");
    }
    let seen = std::fs::read_to_string(&seen).unwrap();
    assert!(seen.trim_end().ends_with("/Nora.md"), "{seen}");
    assert!(!vault.path("PWNED").exists());
}

/// Part 4: a page is written only over a page touchbase generated; never over the settings or
/// a contact (not even with --force); a hand-written file needs --force.
#[test]
fn pages_replace_only_what_touchbase_generated() {
    let vault = Vault::new();
    let jane = "---\nname: Jane\ncadence: monthly\n---\n";
    vault.file("Jane.md", jane);
    for (settings, target, expected) in [
        ("index = \"touchbase.toml\"\n", "touchbase.toml", "is the settings file"),
        ("index = \"Jane.md\"\n", "Jane.md", "is a note with front matter"),
    ] {
        vault.file("touchbase.toml", settings);
        for args in [&["index"][..], &["index", "--force"]] {
            let run = vault.run(args);
            run.code(1);
            assert!(run.err().contains(expected), "{}", run.context());
            let now = std::fs::read_to_string(vault.path(target)).unwrap();
            assert_eq!(now, if target == "Jane.md" { jane } else { settings });
        }
    }
    vault.file("touchbase.toml", "");
    vault.file("INDEX.md", "My own index, by hand.\n");
    let run = vault.run(&["index"]);
    run.code(1);
    assert!(
        run.err().contains("was not generated by touchbase") && run.err().contains("--force"),
        "{}",
        run.context()
    );
    assert_eq!(std::fs::read_to_string(vault.path("INDEX.md")).unwrap(), "My own index, by hand.\n");
    vault.run(&["index", "--force"]).code(0);
    assert!(std::fs::read_to_string(vault.path("INDEX.md")).unwrap().contains("by `touchbase index`"));
    // A generated page is regenerated without --force.
    vault.run(&["index"]).code(0);
    // Outreach lists: the same rule.
    vault.file("outreach/2026-W48.md", "my notes for the week\n");
    let run = vault.run(&["outreach", "--write"]);
    run.code(1);
    assert!(run.err().contains("was not generated by touchbase"), "{}", run.context());
    assert_eq!(
        std::fs::read_to_string(vault.path("outreach/2026-W48.md")).unwrap(),
        "my notes for the week\n"
    );
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Part 7: new files follow the umask, as an editor's do; a replaced file keeps its mode.
#[test]
fn new_files_follow_the_umask() {
    for (umask, expected) in [("077", 0o600), ("022", 0o644), ("002", 0o664)] {
        let vault = Vault::new();
        let script = format!("umask {umask}; exec \"$0\" \"$@\"");
        run_in(vault.dir(), &["sh", "-c", &script], &["index"]).code(0);
        run_in(vault.dir(), &["sh", "-c", &script], &["new", "Nora"]).code(0);
        run_in(vault.dir(), &["sh", "-c", &script], &["outreach", "--write"]).code(0);
        for file in ["INDEX.md", "Nora.md", "outreach/2026-W48.md"] {
            assert_eq!(mode(&vault.path(file)), expected, "umask {umask}: {file}");
        }
        std::fs::set_permissions(vault.path("Nora.md"), std::fs::Permissions::from_mode(0o640)).unwrap();
        run_in(vault.dir(), &["sh", "-c", &script], &["log", "Nora", "coffee"]).code(0);
        assert_eq!(mode(&vault.path("Nora.md")), 0o640, "a replaced file keeps its mode");
    }
}

/// Part 7: a file edited by root keeps its owner and group. Without root, the test can only
/// check that the owner stays the current user (it says so).
#[test]
fn an_edited_file_keeps_its_owner_and_group() {
    let vault = Vault::new();
    vault.file("T.md", T);
    let me = std::fs::metadata(vault.path("T.md")).unwrap();
    let root = me.uid() == 0;
    let (uid, gid) = if root { (4321, 8765) } else { (me.uid(), me.gid()) };
    if root {
        std::os::unix::fs::chown(vault.path("T.md"), Some(uid), Some(gid)).unwrap();
    } else {
        eprintln!("not root: only checking that the owner stays the current user");
    }
    vault.run(&["log", "T", "entry 1"]).code(0);
    let after = std::fs::metadata(vault.path("T.md")).unwrap();
    assert_eq!((after.uid(), after.gid()), (uid, gid));
    assert_eq!(entries(&std::fs::read_to_string(vault.path("T.md")).unwrap()), 1);
}

/// Part 7: a hard-linked file is replaced under its own name only; the other name keeps the
/// old text, and touchbase says so.
#[test]
fn a_hard_link_is_reported_not_silently_broken() {
    let vault = Vault::new();
    vault.file("T.md", T);
    std::fs::hard_link(vault.path("T.md"), vault.dir().join("T-link.md")).unwrap();
    let run = vault.run(&["log", "T", "entry 1"]);
    run.code(0);
    assert!(run.err().contains("warning: vault/T.md: had 1 other hard link(s)"), "{}", run.context());
    assert_eq!(entries(&std::fs::read_to_string(vault.path("T.md")).unwrap()), 1);
    assert_eq!(std::fs::read_to_string(vault.dir().join("T-link.md")).unwrap(), T);
}

/// Part 7: temp files that a killed writer left are removed by the next write in that folder;
/// other hidden files are not touched.
#[test]
fn stale_temp_files_are_cleaned_up() {
    let vault = Vault::new();
    vault.file("people/T.md", T);
    vault.file("people/.touchbase-Xy12Ab.tmp", vec![b'x'; 2_500_000]);
    vault.file("people/.touchbase-notes", "someone's");
    vault.file(".touchbase-Zz99Zz.tmp", "left in another folder");
    vault.run(&["log", "T", "entry 1"]).code(0);
    assert!(!vault.path("people/.touchbase-Xy12Ab.tmp").exists());
    assert!(vault.path("people/.touchbase-notes").exists());
    assert!(vault.path(".touchbase-Zz99Zz.tmp").exists(), "only the written folder is cleaned");
    vault.run(&["index"]).code(0);
    assert!(!vault.path(".touchbase-Zz99Zz.tmp").exists());
}

/// Part 7: `log NAME` on a file that cannot be loaded says why, not "no contact named".
#[test]
fn log_on_an_unreadable_contact_says_why() {
    let vault = Vault::new();
    vault.file("Madison.md", "---\nname: Madison\ncadence: [weekly\n---\n");
    let run = vault.run(&["log", "Madison", "coffee"]);
    run.code(1);
    let err = run.err();
    assert!(
        err.contains("\"Madison\": its file cannot be read, so nothing was changed: vault/Madison.md:"),
        "{}",
        run.context()
    );
    assert!(!err.contains("no contact named"), "{}", run.context());
}

/// Issue 12, group touches: `log A --with B --with C` records the one entry in every file, each
/// byte-exactly; every name is resolved, and every file checked, before anything is written.
#[test]
fn log_with_records_one_interaction_in_every_file() {
    let vault = Vault::new();
    vault.file("Jane Doe.md", "---\nname: Jane Doe\n---\n## Log\n");
    vault.file(
        "people/Priya Raman.md",
        "---\r\nname: Priya Raman\r\nlast_contact: 2026-01-02\r\n---\r\n## Log\r\n",
    );
    vault.file("Tom Baker.md", "---\nname: Tom Baker\n---\n");
    let run =
        vault.run(&["log", "Jane Doe", "--with", "Priya Raman", "--with", "Tom Baker", "QBR at Acme HQ"]);
    run.code(0);
    let read = |p: &str| std::fs::read_to_string(vault.path(p)).unwrap();
    assert_eq!(
        read("Jane Doe.md"),
        "---\nname: Jane Doe\nlast_contact: 2026-11-26\n---\n## Log\n- 2026-11-26: QBR at Acme HQ\n"
    );
    assert_eq!(
        read("people/Priya Raman.md"),
        "---\r\nname: Priya Raman\r\nlast_contact: 2026-11-26\r\n---\r\n## Log\r\n- 2026-11-26: QBR at Acme HQ\r\n"
    );
    assert!(read("Tom Baker.md").contains("- 2026-11-26: QBR at Acme HQ"), "{}", read("Tom Baker.md"));
    for file in ["vault/Jane Doe.md", "vault/people/Priya Raman.md", "vault/Tom Baker.md"] {
        assert!(run.out().lines().any(|l| l == file), "{}", run.context());
    }
}

#[test]
fn log_with_an_unknown_or_uneditable_name_writes_nothing() {
    let vault = Vault::new();
    let jane = "---\nname: Jane Doe\n---\n## Log\n";
    let lee = "---\nname: Lee\nlast_contact: !!str 2026-01-01\n---\n";
    vault.file("Jane Doe.md", jane);
    vault.file("Lee.md", lee);
    let run = vault.run(&["log", "Jane Doe", "--with", "Nobody Known", "lunch"]);
    run.code(1);
    assert!(run.err().contains("no contact named \"Nobody Known\""), "{}", run.context());
    let run = vault.run(&["log", "Jane Doe", "--with", "Lee", "lunch"]);
    run.code(1);
    assert!(
        run.err().contains("Lee.md: `last_contact` is not a plain value")
            && run.err().contains("nothing was written"),
        "{}",
        run.context()
    );
    let run = vault.run(&["log", "Jane Doe", "--with", "jane doe", "lunch"]);
    run.code(2);
    assert_eq!(std::fs::read_to_string(vault.path("Jane Doe.md")).unwrap(), jane);
    assert_eq!(std::fs::read_to_string(vault.path("Lee.md")).unwrap(), lee);
}
