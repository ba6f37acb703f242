//! Crash safety (issue 7, part 3). `log`, `index` and `import` are killed with SIGKILL at many
//! points while they run, and afterwards every file of the vault is byte-identical to its old
//! version or to its new one (a file `import` creates is absent or complete), never truncated or
//! mixed. Leftover hidden temp files (`.touchbase-*.tmp`) are allowed, and `check` and `list`
//! never read them. Then a full disk, a failed write and a failed rename: a clean error, and the
//! original untouched.
//!
//! Each command is first run to completion twice (restoring the vault between runs): that
//! gives the new version of every file and the command's duration D. Then 50 kills at delays
//! spread evenly over 0..1.1 D, and 12 more aimed at the write itself: the test watches the vault for
//! the command's temp file and kills it at once or a little later.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Test, TODAY};
use crate::hostile::{run_in, BIN};

/// Kills at delays spread evenly over a whole run.
const SPREAD_KILLS: u32 = 50;
/// Kills aimed at the write: after the temp file appears.
const AIMED_KILLS: u32 = 12;

/// Every file below `vault` (hidden ones included), by path relative to it.
type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

fn snapshot(vault: &Path) -> Snapshot {
    fn walk(root: &Path, dir: &Path, out: &mut Snapshot) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if std::fs::symlink_metadata(&path).unwrap().is_dir() {
                walk(root, &path, out);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), bytes);
            }
        }
    }
    let mut out = Snapshot::new();
    walk(vault, vault, &mut out);
    out
}

fn is_temp(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.starts_with(".touchbase-") && name.ends_with(".tmp")
}

/// What a kill left behind.
#[derive(Default, Debug)]
struct Tally {
    /// The vault exactly as before.
    untouched: u32,
    /// Some files new, some old (import, between two files).
    partial: u32,
    /// Every file new.
    complete: u32,
    /// Kills that left at least one temp file.
    with_temp: u32,
}

/// Asserts every file is its old or its new version, and anything else is a temp file.
fn verify(vault: &Path, old: &Snapshot, new: &Snapshot, what: &str, tally: &mut Tally) {
    let now = snapshot(vault);
    let paths: BTreeSet<&PathBuf> = old.keys().chain(new.keys()).collect();
    let (mut changed, mut differs) = (0, 0);
    for path in &paths {
        let current = now.get(*path);
        let (before, after) = (old.get(*path), new.get(*path));
        if current == before && before != after {
            differs += 1;
        }
        if current == after && before != after {
            changed += 1;
            differs += 1;
        }
        if current != before && current != after {
            let state =
                |v: Option<&Vec<u8>>| v.map_or("absent".to_string(), |b| format!("{} bytes", b.len()));
            panic!(
                "{what}: {} is neither its old version ({}) nor its new one ({}): it is {}",
                path.display(),
                state(before),
                state(after),
                state(current)
            );
        }
    }
    let mut temps = 0;
    for path in now.keys().filter(|p| !paths.contains(p)) {
        assert!(is_temp(path), "{what}: an unexpected file {}", path.display());
        temps += 1;
    }
    match changed {
        0 => tally.untouched += 1,
        n if n == differs => tally.complete += 1,
        _ => tally.partial += 1,
    }
    if temps > 0 {
        tally.with_temp += 1;
    }
}

/// Puts the old version of every file back and removes everything else.
fn restore(vault: &Path, old: &Snapshot) {
    for (path, bytes) in snapshot(vault) {
        match old.get(&path) {
            Some(original) if *original == bytes => {}
            Some(original) => std::fs::write(vault.join(&path), original).unwrap(),
            None => std::fs::remove_file(vault.join(&path)).unwrap(),
        }
    }
    for (path, bytes) in old {
        if !vault.join(path).exists() {
            std::fs::write(vault.join(path), bytes).unwrap();
        }
    }
}

/// The binary on the vault `dir/vault`, without the parse cache (so every run does the same
/// work and takes the same time), its output discarded.
fn spawn(dir: &Path, args: &[&str]) -> Child {
    let mut command = Command::new(BIN);
    for key in ["NO_COLOR", "TOUCHBASE_VAULT", "TOUCHBASE_TODAY", "CLICOLOR_FORCE"] {
        command.env_remove(key);
    }
    command
        .current_dir(dir)
        .args(["--vault", "vault", "--today", TODAY, "--no-cache"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Whether the vault's root holds a temp file.
fn temp_in_root(vault: &Path) -> bool {
    std::fs::read_dir(vault).unwrap().any(|e| is_temp(&e.unwrap().path()))
}

/// A line of notes; 1,500 of them make a 2.2 MB contact, slow enough to write (and fsync) that
/// kills land inside the write.
fn notes_line(i: usize) -> String {
    format!("Note {i:05}: {}\n", "lorem ipsum dolor sit amet ".repeat(55))
}

/// Big Bertha (2.2 MB) and sixty small contacts, in the old state every command starts from.
fn crash_vault() -> tempfile::TempDir {
    let mut big = String::from(
        "---\nname: Big Bertha\ncadence: weekly\nlast_contact: 2026-10-01\nbirthday: 1970-12-03\n---\n\
         ## Log\n- 2026-10-01 coffee\n\n## Notes\n",
    );
    for i in 0..1500 {
        big.push_str(&notes_line(i));
    }
    let mut test = Test::empty_vault().file("Big Bertha.md", &big);
    for i in 0..60 {
        let contact = format!(
            "---\nname: Person {i:02}\ncompany: Company {}\ncadence: monthly\nlast_contact: 2026-{:02}-1{}\n\
             birthday: 1980-12-{:02}\n---\n- 2026-01-01 hello\n",
            i % 7,
            i % 11 + 1,
            i % 9,
            i % 28 + 1
        );
        test = test.file(&format!("people/Person {i:02}.md"), &contact);
    }
    test.into_tempdir()
}

/// Kills `args` at many points and checks the vault after each kill. `aim_step` spaces the aimed
/// kills after the temp file appears. Returns the tally of the aimed kills.
fn torture(what: &str, dir: &Path, args: &[&str], aim_step: Duration) -> Tally {
    let vault = dir.join("vault");
    let old = snapshot(&vault);
    let mut new: Option<Snapshot> = None;
    let mut duration = Duration::ZERO;
    for _ in 0..2 {
        let start = Instant::now();
        let status = spawn(dir, args).wait().unwrap();
        duration = duration.max(start.elapsed());
        assert!(status.success(), "{what}: {status}");
        let after = snapshot(&vault);
        assert!(after.keys().all(|p| !is_temp(p)), "{what}: a finished run left a temp file");
        match &new {
            Some(new) => assert!(*new == after, "{what}: two runs wrote different files"),
            None => new = Some(after),
        }
        restore(&vault, &old);
    }
    let new = new.unwrap();
    assert!(new != old, "{what}: the command changed nothing");
    let mut spread = Tally::default();
    let mut leftovers_checked = false;
    for k in 0..SPREAD_KILLS {
        // A little past D: a loaded machine runs slower than the measured runs.
        let delay = duration.mul_f64(1.1 * f64::from(k) / f64::from(SPREAD_KILLS - 1));
        let mut child = spawn(dir, args);
        std::thread::sleep(delay);
        child.kill().unwrap();
        child.wait().unwrap();
        verify(&vault, &old, &new, &format!("{what}, killed after {delay:?}"), &mut spread);
        if !leftovers_checked && snapshot(&vault).keys().any(|p| is_temp(p)) {
            assert_temp_files_ignored(dir, &old);
            leftovers_checked = true;
        }
        restore(&vault, &old);
    }
    let mut aimed = Tally::default();
    for k in 0..AIMED_KILLS {
        let mut child = spawn(dir, args);
        let start = Instant::now();
        while !temp_in_root(&vault) && child.try_wait().unwrap().is_none() && start.elapsed() < duration * 4 {
            std::thread::sleep(Duration::from_micros(100));
        }
        std::thread::sleep(aim_step * k);
        child.kill().unwrap();
        child.wait().unwrap();
        verify(&vault, &old, &new, &format!("{what}, killed {:?} into its write", aim_step * k), &mut aimed);
        restore(&vault, &old);
    }
    eprintln!(
        "crash {what}: a run takes {duration:?}; {SPREAD_KILLS} spread kills: {spread:?}; \
         {AIMED_KILLS} aimed kills: {aimed:?}"
    );
    aimed
}

/// Temp files, complete or truncated, are never read as contacts: plants two truncated ones
/// (front matter intact, so they would parse) and runs `check` and `list`.
fn assert_temp_files_ignored(dir: &Path, old: &Snapshot) {
    let vault = dir.join("vault");
    let before = run_in(dir, &[], &["--format", "paths", "list"]);
    let big = &old[Path::new("Big Bertha.md")];
    std::fs::write(vault.join(".touchbase-planted.tmp"), &big[..big.len() / 2]).unwrap();
    std::fs::write(vault.join("people/.touchbase-x1.tmp"), "---\nname: Ghost\n---\n").unwrap();
    let check = run_in(dir, &[], &["check"]);
    check.code(0);
    assert!(!check.err().contains(".tmp") && !check.out().contains(".tmp"), "{}", check.context());
    let paths = run_in(dir, &[], &["--format", "paths", "list"]);
    paths.code(0);
    assert_eq!(paths.out(), before.out(), "{}", paths.context());
    let ghost = run_in(dir, &[], &["show", "Ghost"]);
    ghost.code(1);
    std::fs::remove_file(vault.join(".touchbase-planted.tmp")).unwrap();
    std::fs::remove_file(vault.join("people/.touchbase-x1.tmp")).unwrap();
}

/// Writes the index page for a day that is not [`TODAY`], so that `index` has a page to replace.
fn index_for_another_day(dir: &Path) {
    let status = Command::new(BIN)
        .current_dir(dir)
        .args(["--vault", "vault", "--today", "2026-10-15", "--no-cache", "-q", "index"])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn sigkill_during_log() {
    let dir = crash_vault();
    let aimed = torture(
        "log",
        dir.path(),
        &["log", "Big Bertha", "called about the crash test"],
        Duration::from_micros(700),
    );
    // The 2.2 MB write and its fsync take milliseconds: an aimed kill lands inside it.
    assert!(aimed.with_temp > 0, "no aimed kill landed inside the write: {aimed:?}");
    // And whatever the kills left, planted temp files are ignored.
    assert_temp_files_ignored(dir.path(), &snapshot(&dir.path().join("vault")));
}

#[test]
fn sigkill_during_index() {
    let dir = crash_vault();
    // The old page: the one for another day.
    index_for_another_day(dir.path());
    torture("index", dir.path(), &["index"], Duration::from_micros(300));
}

#[test]
fn sigkill_during_import() {
    let dir = crash_vault();
    // Forty new contacts and a merge into Big Bertha (2.2 MB rewritten).
    let mut cards = String::new();
    for i in 0..40 {
        cards.push_str(&format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imported {i:02}\r\nN:{i:02};Imported;;;\r\n\
             EMAIL:imported{i}@example.com\r\nNOTE:card {i}\r\nEND:VCARD\r\n"
        ));
    }
    cards
        .push_str("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Bertha\r\nEMAIL:bertha@example.com\r\nEND:VCARD\r\n");
    std::fs::write(dir.path().join("cards.vcf"), cards).unwrap();
    let aimed = torture("import", dir.path(), &["import", "cards.vcf"], Duration::from_millis(8));
    assert!(aimed.untouched + aimed.partial + aimed.complete == AIMED_KILLS);
}

/// Unmounts on drop, even when the test fails.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let status = Command::new("umount").arg(&self.0).status();
        if !status.is_ok_and(|s| s.success()) {
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
}

fn mount(args: &[&str], target: &Path) -> Option<Mount> {
    let ok = Command::new("mount")
        .args(args)
        .arg(target)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then(|| Mount(target.to_path_buf()))
}

/// Big Bertha at 150 KB and Vera, in `dir/vault`.
fn small_vault(dir: &Path) {
    let mut big =
        String::from("---\nname: Big Bertha\ncadence: weekly\nlast_contact: 2026-10-01\n---\n## Log\n");
    for i in 0..100 {
        big.push_str(&notes_line(i));
    }
    std::fs::create_dir_all(dir.join("vault")).unwrap();
    std::fs::write(dir.join("vault/Big Bertha.md"), big).unwrap();
    std::fs::write(dir.join("vault/Vera Valid.md"), "---\nname: Vera Valid\ncadence: monthly\n---\n")
        .unwrap();
}

/// Fills the file system holding `filler` until a write fails.
fn fill(filler: &Path) {
    use std::io::Write;
    let mut file = std::fs::File::create(filler).unwrap();
    let chunk = vec![b'x'; 4096];
    while file.write_all(&chunk).is_ok() {}
    let _ = file.sync_all();
}

#[test]
fn a_full_disk_leaves_the_original_intact() {
    // A real full disk: a 1 MB tmpfs, mounted when the tests run as root and may mount (on this
    // machine and in CI as root; a container without CAP_SYS_ADMIN skips it). The RLIMIT_FSIZE
    // test below exercises the same failure path without privileges.
    let temp = tempfile::tempdir().unwrap();
    let disk = temp.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let Some(_mount) = mount(&["-t", "tmpfs", "-o", "size=1m", "tmpfs"], &disk) else {
        eprintln!("SKIPPED a_full_disk_leaves_the_original_intact: cannot mount a tmpfs (not root?)");
        return;
    };
    small_vault(&disk);
    std::fs::write(
        temp.path().join("cards.vcf"),
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ivan Import\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let vault = disk.join("vault");
    let old = snapshot(&vault);
    fill(&disk.join("filler"));
    let full = format!("{}\n", std::io::Error::from_raw_os_error(28));
    // Completely full: nothing can be written, and nothing is.
    let log = run_in(&disk, &[], &["log", "Big Bertha", "disk full"]);
    log.code(2).stderr_is(&format!("touchbase: vault/Big Bertha.md: {full}"));
    let index = run_in(&disk, &[], &["index"]);
    index.code(2).stderr_is(&format!("touchbase: vault/INDEX.md: {full}"));
    let new = run_in(&disk, &[], &["new", "Nora New"]);
    new.code(2);
    assert!(new.err().ends_with(&full), "{}", new.context());
    let import = run_in(&disk, &[], &["import", "../cards.vcf"]);
    import.code(2);
    assert!(
        import.err().contains(&full) && import.out().contains("1 file not written"),
        "{}",
        import.context()
    );
    assert!(snapshot(&vault) == old, "a write on a full disk changed the vault");
    // Room for part of the file: the temp file is written partly, then removed.
    let filler = std::fs::OpenOptions::new().write(true).open(disk.join("filler")).unwrap();
    let len = filler.metadata().unwrap().len();
    filler.set_len(len - 64 * 1024).unwrap();
    drop(filler);
    let log = run_in(&disk, &[], &["log", "Big Bertha", "disk full"]);
    log.code(2).stderr_is(&format!("touchbase: vault/Big Bertha.md: {full}"));
    assert!(snapshot(&vault) == old, "a write on a full disk changed the vault");
    // With room, the same command works: it was the disk.
    std::fs::remove_file(disk.join("filler")).unwrap();
    run_in(&disk, &[], &["log", "Big Bertha", "disk full"]).code(0);
}

#[test]
fn a_failed_write_leaves_the_original_intact() {
    // RLIMIT_FSIZE makes every write past 64 KB fail with EFBIG, as a full disk would, with no
    // privileges needed: the write of the temp file fails in `write::atomic`, which must remove
    // the temp file and leave the original alone. SIGXFSZ is ignored so that the write returns
    // the error instead of killing the process (an ignored signal stays ignored across exec).
    let temp = tempfile::tempdir().unwrap();
    small_vault(temp.path());
    let vault = temp.path().join("vault");
    let old = snapshot(&vault);
    let limited = ["sh", "-c", "trap '' XFSZ; ulimit -f 128; exec \"$0\" \"$@\""];
    let too_large = format!("{}\n", std::io::Error::from_raw_os_error(27));
    let log = run_in(temp.path(), &limited, &["log", "Big Bertha", "too large"]);
    log.code(2).stderr_is(&format!("touchbase: vault/Big Bertha.md: {too_large}"));
    assert!(snapshot(&vault) == old, "a failed write changed the vault");
    // An import that creates a small file and merges into the big one: the small file is
    // written whole, the big one is left as it was.
    std::fs::write(
        temp.path().join("cards.vcf"),
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ivan Import\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Bertha\r\nEMAIL:bertha@example.com\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let import = run_in(temp.path(), &limited, &["import", "cards.vcf"]);
    import.code(2);
    assert!(
        import.err().contains(&too_large) && import.out().contains("1 file not written"),
        "{}",
        import.context()
    );
    let now = snapshot(&vault);
    assert_eq!(now[Path::new("Big Bertha.md")], old[Path::new("Big Bertha.md")]);
    assert!(now.keys().all(|p| !is_temp(p)), "a temp file was left: {:?}", now.keys());
    assert!(now.contains_key(Path::new("Ivan Import.md")));
    run_in(temp.path(), &[], &["check"]).code(0);
}

/// Clears the immutable flag on drop, so that the temp dir can be removed.
struct Immutable(PathBuf);

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

fn immutable(path: &Path) -> Option<Immutable> {
    let ok =
        Command::new("chattr").arg("+i").arg(path).stderr(Stdio::null()).status().is_ok_and(|s| s.success());
    ok.then(|| Immutable(path.to_path_buf()))
}

#[test]
fn a_failed_rename_leaves_the_original_intact() {
    // The rename over the original is the last step of `write::atomic`. Two ways to make it
    // fail as root: the immutable flag on the target (rename gets EPERM; ext4, xfs, btrfs), and
    // a bind mount over the target (rename gets EBUSY). Each runs when it can be set up; the
    // test is skipped only when neither can.
    let temp = tempfile::tempdir().unwrap();
    small_vault(temp.path());
    let vault = temp.path().join("vault");
    let mut tried = 0;
    // Also the page `index` replaces.
    index_for_another_day(temp.path());
    let old = snapshot(&vault);
    let denied = format!("{}\n", std::io::Error::from_raw_os_error(1));
    if let Some(flag) = immutable(&vault.join("Big Bertha.md")) {
        tried += 1;
        let log = run_in(temp.path(), &[], &["log", "Big Bertha", "renamed"]);
        log.code(2).stderr_is(&format!("touchbase: vault/Big Bertha.md: {denied}"));
        drop(flag);
        let _page = immutable(&vault.join("INDEX.md")).unwrap();
        let index = run_in(temp.path(), &[], &["index"]);
        index.code(2).stderr_is(&format!("touchbase: vault/INDEX.md: {denied}"));
        assert!(snapshot(&vault) == old, "a failed rename changed the vault (or left a temp file)");
    }
    let copy = temp.path().join("copy.md");
    std::fs::copy(vault.join("Big Bertha.md"), &copy).unwrap();
    if let Some(bind) = mount(&["--bind", copy.to_str().unwrap()], &vault.join("Big Bertha.md")) {
        tried += 1;
        let busy = format!("{}\n", std::io::Error::from_raw_os_error(16));
        let log = run_in(temp.path(), &[], &["log", "Big Bertha", "renamed"]);
        log.code(2).stderr_is(&format!("touchbase: vault/Big Bertha.md: {busy}"));
        drop(bind);
        assert!(snapshot(&vault) == old, "a failed rename changed the vault (or left a temp file)");
        assert_eq!(std::fs::read(&copy).unwrap(), old[Path::new("Big Bertha.md")]);
    }
    if tried == 0 {
        eprintln!("SKIPPED a_failed_rename_leaves_the_original_intact: neither chattr +i nor mount --bind works here");
    }
}
