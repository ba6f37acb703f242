//! `touchbase watch` (issue 3): the page follows contacts created, modified, deleted and renamed,
//! folders renamed and deleted, editors' save dances and bursts; swap files, `touch`, other files
//! and its own writes regenerate nothing; a half-saved file keeps the last good state; an edited
//! `touchbase.toml` reloads everything; SIGTERM and SIGINT stop it cleanly.
//!
//! Timing: the watcher runs with `--debounce 100`. Every test waits for a positive signal by
//! polling every 50 ms (up to 20 s, so a loaded machine only makes it slower, not flaky):
//! the page gaining or losing a text, or a new stdout line. "Nothing happened" is shown with a
//! probe (see `Watcher::probe`): a change the watcher must report with an `unchanged` line. The
//! watcher handles changes in the order they happen, so once the probe's line is out, every
//! earlier change was handled too, and any regeneration it caused would be a line before it.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::harness::Test;

const TIMEOUT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(50);

/// A contact that is on no section of the page (no cadence, no dates): changing its role is a
/// change the watcher reads, after which the page stays the same.
const PROBE: &str = "people/Probe.md";

fn probe_text(n: usize) -> String {
    format!("---\nname: Probe\ncadence: none\nrole: probe {n}\n---\n")
}

/// Lines a child printed, gathered by a thread.
pub(crate) type Lines = Arc<Mutex<Vec<String>>>;

/// Gathers a child's output lines on a thread (also used by `watch_load`).
pub(crate) fn gather(stream: impl Read + Send + 'static) -> (Lines, std::thread::JoinHandle<()>) {
    let lines: Lines = Arc::default();
    let sink = Arc::clone(&lines);
    let handle = std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            sink.lock().unwrap().push(line);
        }
    });
    (lines, handle)
}

/// A running `touchbase watch` on a temp copy of a vault. Dropping it kills the child, so a
/// failing test leaves no process behind.
struct Watcher {
    child: Child,
    out: Lines,
    err: Lines,
    readers: Vec<std::thread::JoinHandle<()>>,
    vault: PathBuf,
    probes: usize,
    // Last, so that the child is gone before its vault is deleted.
    _tempdir: tempfile::TempDir,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watcher {
    /// Starts watching the `basic` vault plus the probe contact.
    fn basic() -> Watcher {
        Watcher::start(Test::vault("basic").file(PROBE, &probe_text(0)))
    }

    fn start(test: Test) -> Watcher {
        let vault = test.vault_path();
        let tempdir = test.into_tempdir();
        let mut command = Command::new(env!("CARGO_BIN_EXE_touchbase"));
        for key in ["NO_COLOR", "TOUCHBASE_VAULT", "TOUCHBASE_TODAY", "CLICOLOR_FORCE"] {
            command.env_remove(key);
        }
        let mut child = command
            .current_dir(tempdir.path())
            .args(["--vault", "vault", "--today", crate::harness::TODAY, "watch", "--debounce", "100"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (out, out_reader) = gather(child.stdout.take().unwrap());
        let (err, err_reader) = gather(child.stderr.take().unwrap());
        let mut watcher = Watcher {
            child,
            out,
            err,
            readers: vec![out_reader, err_reader],
            vault,
            probes: 0,
            _tempdir: tempdir,
        };
        watcher.wait_for("the `watching` line", |w| {
            w.stderr().contains(&"watching vault (Ctrl-C to stop)".into())
        });
        // The startup regeneration's line is printed before that, but on the other pipe: wait
        // for it too, so that later counts of stdout lines start after it.
        watcher.wait_for("the startup line", |w| !w.stdout().is_empty());
        watcher
    }

    fn stdout(&self) -> Vec<String> {
        self.out.lock().unwrap().clone()
    }

    fn stderr(&self) -> Vec<String> {
        self.err.lock().unwrap().clone()
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.vault.join(relative)
    }

    fn page(&self) -> String {
        std::fs::read_to_string(self.path("INDEX.md")).unwrap_or_default()
    }

    fn page_mtime(&self) -> SystemTime {
        std::fs::metadata(self.path("INDEX.md")).unwrap().modified().unwrap()
    }

    fn write(&self, relative: &str, contents: &str) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    /// Saves the way many editors do: a hidden temp file renamed over the target, so the
    /// watcher never sees it half-written (for the checks that must see no regeneration).
    fn save(&self, relative: &str, contents: &str) {
        let path = self.path(relative);
        let temp = path.with_file_name(format!(".{}.tmp", path.file_name().unwrap().to_string_lossy()));
        std::fs::write(&temp, contents).unwrap();
        std::fs::rename(temp, path).unwrap();
    }

    fn rename(&self, from: &str, to: &str) {
        std::fs::rename(self.path(from), self.path(to)).unwrap();
    }

    fn remove(&self, relative: &str) {
        std::fs::remove_file(self.path(relative)).unwrap();
    }

    fn context(&self) -> String {
        format!(
            "--- stdout ---\n{}\n--- stderr ---\n{}\n--- INDEX.md ---\n{}",
            self.stdout().join("\n"),
            self.stderr().join("\n"),
            self.page()
        )
    }

    /// Polls until `done` holds; fails after `TIMEOUT` or when the watcher exits.
    fn wait_for(&mut self, what: &str, done: impl Fn(&Watcher) -> bool) {
        let start = Instant::now();
        loop {
            if done(self) {
                return;
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the readers take the last lines before reporting them.
                std::thread::sleep(Duration::from_millis(100));
                panic!("watch exited ({status}) while waiting for {what}\n{}", self.context());
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}\n{}", self.context());
            }
            std::thread::sleep(POLL);
        }
    }

    fn wait_page_has(&mut self, text: &str) {
        self.wait_for(&format!("the page to contain {text:?}"), |w| w.page().contains(text));
    }

    fn wait_page_lacks(&mut self, text: &str) {
        self.wait_for(&format!("the page to lose {text:?}"), |w| !w.page().contains(text));
    }

    /// Waits for stdout to have more than `count` lines and returns the new ones.
    fn wait_lines_after(&mut self, count: usize, what: &str) -> Vec<String> {
        self.wait_for(what, |w| w.stdout().len() > count);
        self.stdout()[count..].to_vec()
    }

    /// Changes the probe contact and waits for its line: every change made before it has been
    /// handled when this returns. Returns the stdout lines printed since `mark` (the number of
    /// lines before the changes under test); the last is the probe's.
    fn probe(&mut self, mark: usize) -> Vec<String> {
        self.probes += 1;
        let before = self.stdout().len();
        self.save(PROBE, &probe_text(self.probes));
        // (Were the probe handled together with another change, its line would name that one
        // and this would time out: that only happens when a test is failing anyway.)
        self.wait_for("the probe's line", |w| {
            w.stdout()[before..].iter().any(|l| l.contains(&format!("(~1 {PROBE})")))
        });
        self.stdout()[mark..].to_vec()
    }

    /// Waits until every change made so far has been handled; returns the stdout line count
    /// and the page's mtime then, to compare with later.
    fn settle(&mut self) -> (usize, SystemTime) {
        self.probe(self.stdout().len());
        (self.stdout().len(), self.page_mtime())
    }

    /// Asserts that the changes made since `mark` regenerated nothing: the only new line is
    /// the probe's `unchanged` line, and the page kept its mtime.
    fn assert_quiet_since(&mut self, mark: usize, mtime: SystemTime, what: &str) {
        let lines = self.probe(mark);
        assert!(
            lines.len() == 1 && lines[0].starts_with(&format!("vault/INDEX.md unchanged (~1 {PROBE}): ")),
            "{what} caused a regeneration: {lines:#?}\n{}",
            self.context()
        );
        assert_eq!(self.page_mtime(), mtime, "{what} rewrote INDEX.md\n{}", self.context());
    }

    /// Sends a signal (`-TERM`, `-STOP`, ...) with `kill`.
    fn signal(&self, signal: &str) {
        let pid = self.child.id().to_string();
        let killed = Command::new("kill").args([signal, &pid]).status().unwrap();
        assert!(killed.success(), "kill {signal} {pid} failed");
    }

    /// Sends a signal with `kill` and waits for the exit.
    fn stop(&mut self, signal: &str) -> ExitStatus {
        self.signal(signal);
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(start.elapsed() < TIMEOUT, "watch did not exit on {signal}\n{}", self.context());
            std::thread::sleep(POLL);
        };
        // The pipes are closed: the readers have everything.
        for reader in self.readers.drain(..) {
            reader.join().unwrap();
        }
        status
    }
}

fn jane(last_contact: &str) -> String {
    format!("---\nname: Jane Doe\ncompany: Acme Corp\ncadence: monthly\nlast_contact: {last_contact}\n---\nNotes.\n")
}

#[test]
fn startup_writes_the_same_page_as_index() {
    let mut w = Watcher::basic();
    w.wait_page_has("11 contacts");
    assert!(w.stdout()[0].starts_with("vault/INDEX.md updated: 11 contacts, 3 overdue, for 2026-11-26; "));
    // `index --check` agrees that the watcher's page is current.
    let check = Command::new(env!("CARGO_BIN_EXE_touchbase"))
        .current_dir(w.vault.parent().unwrap())
        .args(["--vault", "vault", "--today", "2026-11-26", "index", "--check"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stderr));
}

#[test]
fn follows_contacts_created_modified_renamed_and_deleted() {
    let mut w = Watcher::basic();
    w.wait_page_has("11 contacts");
    let mark = w.stdout().len();
    w.write("people/Zed Zulu.md", "---\nname: Zed Zulu\ncadence: weekly\nlast_contact: 2026-11-01\n---\n");
    w.wait_page_has("| [Zed Zulu](people/Zed%20Zulu.md) |  | 2026-11-01 | weekly | 18 |");
    let lines = w.wait_lines_after(mark, "the create's line");
    assert!(
        lines[0].starts_with("vault/INDEX.md updated (+1 people/Zed Zulu.md): 12 contacts, 4 overdue"),
        "{lines:?}"
    );

    w.write("people/Zed Zulu.md", "---\nname: Zed Zulu\ncadence: weekly\nlast_contact: 2026-11-15\n---\n");
    w.wait_page_has("| [Zed Zulu](people/Zed%20Zulu.md) |  | 2026-11-15 | weekly | 4 |");

    w.rename("people/Zed Zulu.md", "work/Zed Z.md");
    w.wait_page_has("| [Zed Zulu](work/Zed%20Z.md) |");
    assert!(!w.page().contains("people/Zed%20Zulu.md"), "{}", w.context());

    w.remove("work/Zed Z.md");
    w.wait_page_lacks("Zed");
    w.wait_page_has("11 contacts");
}

#[test]
fn follows_folders_renamed_and_deleted() {
    let mut w = Watcher::basic();
    w.wait_page_has("[Ben Adler](work/Ben%20Adler.md)");
    std::fs::rename(w.path("work"), w.path("jobs")).unwrap();
    w.wait_page_has("[Ben Adler](jobs/Ben%20Adler.md)");
    w.wait_page_has("[Tom Baker](jobs/acme/Tom%20Baker.md)");
    assert!(!w.page().contains("work/"), "{}", w.context());
    assert!(w.page().ends_with(" · 11 contacts\n"), "{}", w.context());

    std::fs::remove_dir_all(w.path("jobs")).unwrap();
    w.wait_page_lacks("Ben Adler");
    w.wait_page_lacks("Tom Baker");
    w.wait_page_has(" · 9 contacts\n");
}

#[test]
fn editor_saves_and_swap_files() {
    let mut w = Watcher::basic();
    w.wait_page_has("[Jane Doe](people/Jane%20Doe.md) | Acme Corp | 2026-10-20 | monthly | 6 |");
    let jane_path = "people/Jane Doe.md";

    // VS Code / Obsidian style: write a temp file, rename it over the original.
    w.write("people/.Jane Doe.md.tmp", &jane("2026-10-22"));
    w.rename("people/.Jane Doe.md.tmp", jane_path);
    w.wait_page_has("[Jane Doe](people/Jane%20Doe.md) | Acme Corp | 2026-10-22 | monthly | 4 |");

    // vim style: probe file `4913`, swap file, original renamed to a `~` backup, new file
    // written, backup deleted.
    w.write("people/4913", "");
    w.remove("people/4913");
    w.write("people/.Jane Doe.md.swp", "b0VIM 9.0");
    w.rename(jane_path, "people/Jane Doe.md~");
    w.write(jane_path, &jane("2026-10-24"));
    w.remove("people/Jane Doe.md~");
    w.wait_page_has("[Jane Doe](people/Jane%20Doe.md) | Acme Corp | 2026-10-24 | monthly | 2 |");

    // Swap, backup and lock files alone regenerate nothing, even with front matter in them.
    let (mark, mtime) = w.settle();
    let front_matter = "---\nname: Not A Contact\ncadence: weekly\n---\n";
    w.write("people/.Jane Doe.md.swp", front_matter);
    w.write("people/Jane Doe.md~", front_matter);
    w.write("people/4913", front_matter);
    w.write("people/.#Jane Doe.md", front_matter);
    #[cfg(unix)]
    std::os::unix::fs::symlink("user@host.4242:1700000000", w.path("people/.#Tom Baker.md")).unwrap();
    w.remove("people/4913");
    w.assert_quiet_since(mark, mtime, "swap and backup files");
    assert!(!w.page().contains("Not A Contact"), "{}", w.context());
}

#[test]
fn irrelevant_changes_do_not_rewrite_the_page() {
    let mut w = Watcher::basic();
    w.wait_page_has("11 contacts");
    let (mark, mtime) = w.settle();
    // A non-markdown file, a `touch` of a contact, the same bytes saved again, a note edited.
    w.write("people/photo.jpg", "not really a jpeg");
    w.write("todo.txt", "call Jane\n");
    let dave = w.path("people/Dave Kowalski.md");
    std::fs::File::options().write(true).open(&dave).unwrap().set_modified(SystemTime::now()).unwrap();
    let same = std::fs::read(&dave).unwrap();
    std::fs::write(&dave, same).unwrap();
    w.write("notes/Acme Corp.md", "# Acme Corp\n\nA note, still not a contact.\n");
    w.assert_quiet_since(mark, mtime, "irrelevant changes");
}

fn bulk_contact(n: usize, last_contact: &str) -> String {
    format!("---\nname: Bulk {n:03}\ncadence: monthly\nlast_contact: {last_contact}\n---\n")
}

#[test]
fn a_burst_is_one_or_a_few_regenerations() {
    // A burst (a `git checkout`, a sync) is over before the debounce window closes. How fast
    // the test can write 300 files depends on the machine's load, so the watcher is paused
    // (SIGSTOP) while they are written: the kernel queues the events, and on SIGCONT the
    // watcher gets them all at once, as it would from a fast burst on any machine.
    let mut w = Watcher::basic();
    w.wait_page_has("11 contacts");
    let (mark, _) = w.settle();
    w.signal("-STOP");
    for n in 0..300 {
        w.write(&format!("people/Bulk {n:03}.md"), &bulk_contact(n, "2026-11-20"));
    }
    w.signal("-CONT");
    w.wait_page_has(" · 311 contacts\n");
    let (created, _) = w.settle();
    w.signal("-STOP");
    for n in 0..300 {
        w.write(&format!("people/Bulk {n:03}.md"), &bulk_contact(n, "2026-10-01"));
    }
    w.signal("-CONT");
    w.wait_page_has("303 overdue · ");
    // Settled: the probe's line comes next, with no regeneration from the page's own writes.
    let lines = w.probe(mark);
    let updates = |lines: &[String]| lines.iter().filter(|l| l.starts_with("vault/INDEX.md updated")).count();
    let (first, second) = lines.split_at(created - mark);
    assert!(updates(first) <= 3, "{} regenerations for 300 new files: {first:#?}", updates(first));
    assert!(updates(second) <= 3, "{} regenerations for 300 edited files: {second:#?}", updates(second));
    assert!(lines.last().unwrap().contains(" unchanged "), "{lines:#?}");
}

#[test]
fn a_slow_burst_is_not_hundreds_of_regenerations() {
    // The same burst written while the watcher runs: the debouncer releases it file by file,
    // and watch gathers batches until the stream is quiet, so it stays one or a few.
    let mut w = Watcher::basic();
    w.wait_page_has("11 contacts");
    let (mark, _) = w.settle();
    let started = Instant::now();
    std::fs::create_dir(w.path("bulk")).unwrap();
    for n in 0..300 {
        w.write(&format!("bulk/b{n:03}.md"), &bulk_contact(n, "2026-11-20"));
    }
    let took = started.elapsed();
    w.wait_page_has(" · 311 contacts\n");
    let lines = w.probe(mark);
    let updates = lines.iter().filter(|l| l.starts_with("vault/INDEX.md updated")).count();
    // Strictly few when the burst is seen at once (the test above); written live on a loaded
    // 2-core machine (CI runs the crash and hostile modules beside this one), the writer can
    // pause longer than the quiet period, so allow a few splits, never one per file.
    assert!(updates <= 20, "{updates} regenerations for 300 files written in {took:?}: {lines:#?}");
}

#[test]
fn half_saved_file_keeps_the_last_good_state() {
    let mut w = Watcher::basic();
    let row = "[Jane Doe](people/Jane%20Doe.md) | Acme Corp | 2026-10-20 | monthly | 6 |";
    w.wait_page_has(row);
    let (mark, mtime) = w.settle();
    // Broken YAML inside the front matter, then a file cut off before the closing `---`.
    // (Saved with a rename: the file is never seen empty, which would make it a note.)
    w.save("people/Jane Doe.md", "---\nname: Jane Doe\ntags: [customer, golf\n---\nNotes.\n");
    w.wait_for("a diagnostic about Jane", |w| {
        w.stderr().iter().any(|l| l.starts_with("vault/people/Jane Doe.md:"))
    });
    w.save("people/Jane Doe.md", "---\nname: Jane Doe\ncompany: Acme Co");
    w.wait_for("a second diagnostic", |w| {
        w.stderr().iter().filter(|l| l.starts_with("vault/people/Jane Doe.md:")).count() >= 2
    });
    // The page still shows the last good Jane, and was not rewritten.
    w.assert_quiet_since(mark, mtime, "a half-saved file");
    assert!(w.page().contains(row), "{}", w.context());
    // The next good save is picked up.
    w.write("people/Jane Doe.md", &jane("2026-11-25"));
    w.wait_page_lacks(row);
    w.wait_page_has("| 2026-12-25 | [Jane Doe](people/Jane%20Doe.md) | reach out (monthly) |");
    assert!(w.child.try_wait().unwrap().is_none(), "watch exited\n{}", w.context());
}

#[test]
fn settings_edit_reloads_the_vault() {
    let mut w = Watcher::basic();
    w.wait_page_has("## Upcoming (next 30 days)");
    let mark = w.stdout().len();
    let settings = std::fs::read_to_string(w.path("touchbase.toml")).unwrap();
    let edited = settings
        .replace("upcoming_days = 30", "upcoming_days = 7")
        .replace("family = \"2w\"", "family = \"1w\"");
    assert_ne!(edited, settings);
    // Saved with a rename: a half-written file is another test (and a known bug).
    w.save("touchbase.toml", &edited);
    w.wait_page_has("## Upcoming (next 7 days)");
    // José (tag family, last contact 2026-11-12) is now weekly: overdue since 2026-11-19.
    w.wait_page_has("| [José Núñez](people/Jos%C3%A9%20N%C3%BA%C3%B1ez.md) |  | 2026-11-12 | weekly | 7 |");
    let lines = w.wait_lines_after(mark, "the reload's line");
    assert!(lines[0].starts_with("vault/INDEX.md updated (reloaded the vault): "), "{lines:?}");
}

#[test]
fn half_saved_settings_keep_the_last_good_state() {
    let mut w = Watcher::basic();
    w.wait_page_has("## Upcoming (next 30 days)");
    let settings = std::fs::read_to_string(w.path("touchbase.toml")).unwrap();
    w.write("touchbase.toml", &format!("{settings}\nupcoming_days = "));
    w.wait_for("a diagnostic about touchbase.toml", |w| {
        w.stderr().iter().any(|l| l.contains("touchbase.toml"))
    });
    assert!(
        w.child.try_wait().unwrap().is_none(),
        "watch exited on a half-saved touchbase.toml\n{}",
        w.context()
    );
    w.save("touchbase.toml", &settings.replace("upcoming_days = 30", "upcoming_days = 7"));
    w.wait_page_has("## Upcoming (next 7 days)");
}

fn assert_clean_stop(signal: &str) {
    let mut w = Watcher::basic();
    w.wait_page_has("11 contacts");
    let status = w.stop(signal);
    assert_eq!(status.code(), Some(0), "exit status after {signal}\n{}", w.context());
    assert_eq!(w.stderr().last().map(String::as_str), Some("stopped watching vault"), "{}", w.context());
    // Nothing left behind but the page.
    let leftovers: Vec<_> = std::fs::read_dir(&w.vault)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn sigterm_stops_cleanly() {
    assert_clean_stop("-TERM");
}

#[test]
fn sigint_stops_cleanly() {
    assert_clean_stop("-INT");
}
