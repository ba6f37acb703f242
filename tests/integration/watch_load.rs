//! `touchbase watch` under load (issue 7), scaled down to CI time: a 2,000-contact vault built
//! here, 20 edits a second for 5 s (half renamed over the contact, half written in place), then a
//! 500-file burst (250 new contacts, 250 edited) written as fast as possible. No update may be
//! lost: after SIGTERM (exit 0), the watched page must equal the page a fresh `index --no-cache`
//! writes, byte for byte. The full-size run (100,000 contacts, 10 edits/s for 60 s, a 5,000-file
//! burst, latencies and memory over time) is `scripts/watch_load.py`, documented in
//! docs/reliability-watch.md; it is not a test.
//!
//! Timing: the edits are paced by the clock (a slow machine only writes them later), and every
//! wait polls for a positive signal with a generous timeout: rows reaching their last state, the
//! page counting the new contacts, the probe's own `unchanged` line (see `watch.rs`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Test, TODAY};

const CONTACTS: usize = 2000;
const RATE: usize = 20;
const SECONDS: usize = 5;
const BURST: usize = 500;
const TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(20);
/// On no section of the page (cadence: none): its change is always an `unchanged` line.
const PROBE: &str = "probe/Probe.md";

fn probe_text(n: usize) -> String {
    format!("---\nname: Load Probe\ncadence: none\nrole: probe {n}\n---\n")
}

fn name(n: usize) -> String {
    format!("Load Person {n:04}")
}

fn path(n: usize) -> String {
    if n.is_multiple_of(3) {
        format!("customers/company-{:02}/{}.md", n % 40, name(n))
    } else {
        format!("people/{:02}/{}.md", n % 8, name(n))
    }
}

/// 2025-01 .. 2026-11; every tenth contact was never contacted. `later` is a day later.
fn last_contact_on(n: usize, later: usize) -> Option<String> {
    let month = n * 13 % 23;
    (!n.is_multiple_of(10))
        .then(|| format!("{}-{:02}-{:02}", 2025 + month / 12, month % 12 + 1, 1 + later + n * 11 % 25))
}

fn last_contact(n: usize) -> Option<String> {
    last_contact_on(n, 0)
}

/// A varied contact: cadences, companies (some with decision makers), tags, birthdays.
fn contact(n: usize, last: Option<&str>) -> String {
    let mut text = format!("---\nname: {}\n", name(n));
    if n.is_multiple_of(3) {
        text.push_str(&format!("company: Company {:02}\n", n % 40));
    }
    let tags = ["[golf]", "[customer]", "[decision-maker]", "[family]", "[]"][n / 3 % 5];
    text.push_str(&format!("tags: {tags}\n"));
    let cadence = ["weekly", "monthly", "quarterly", "6m", "yearly", "2w"][n / 5 % 6];
    text.push_str(&format!("cadence: {cadence}\n"));
    if let Some(last) = last {
        text.push_str(&format!("last_contact: {last}\n"));
    }
    if n.is_multiple_of(7) {
        text.push_str(&format!("birthday: 19{}-{:02}-{:02}\n", 50 + n % 50, n % 12 + 1, 1 + n % 28));
    }
    text.push_str("---\nMet at a conference.\n");
    text
}

fn new_contact(k: usize) -> String {
    format!(
        "---\nname: Burst Person {k:04}\ncompany: Company {:02}\ncadence: monthly\nlast_contact: 2026-{:02}-{:02}\n---\n",
        k % 40,
        9 + k % 3,
        1 + k % 25
    )
}

/// Saves like an editor that writes a temp file and renames it over the target.
fn save_renamed(path: &Path, contents: &str) {
    let temp = path.with_file_name(format!(".{}.tmp", path.file_name().unwrap().to_string_lossy()));
    std::fs::write(&temp, contents).unwrap();
    std::fs::rename(temp, path).unwrap();
}

/// Either way, alternately: `n` even renames, odd writes in place.
fn save(path: &Path, contents: &str, n: usize) {
    if n.is_multiple_of(2) {
        save_renamed(path, contents);
    } else {
        std::fs::write(path, contents).unwrap();
    }
}

use crate::watch::{gather, Lines};

struct Watcher {
    child: Child,
    out: Lines,
    err: Lines,
    readers: Vec<std::thread::JoinHandle<()>>,
    vault: PathBuf,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watcher {
    fn stdout(&self) -> Vec<String> {
        self.out.lock().unwrap().clone()
    }

    fn page(&self) -> String {
        std::fs::read_to_string(self.vault.join("INDEX.md")).unwrap_or_default()
    }

    fn context(&self) -> String {
        let out = self.stdout();
        let err = self.err.lock().unwrap().clone();
        format!(
            "--- stdout ({} lines, the last 30) ---\n{}\n--- stderr (the last 30) ---\n{}",
            out.len(),
            out[out.len().saturating_sub(30)..].join("\n"),
            err[err.len().saturating_sub(30)..].join("\n")
        )
    }

    fn wait_for(&mut self, what: &str, done: impl Fn(&Watcher) -> bool) {
        let start = Instant::now();
        while !done(self) {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100));
                panic!("watch exited ({status}) while waiting for {what}\n{}", self.context());
            }
            assert!(start.elapsed() < TIMEOUT, "timed out waiting for {what}\n{}", self.context());
            std::thread::sleep(POLL);
        }
    }

    #[cfg(target_os = "linux")]
    fn peak_rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }
}

/// The Overdue table, from its heading to the next one.
fn overdue(page: &str) -> &str {
    let start = page.find("\n## Overdue\n").unwrap_or(page.len());
    let end = page[start + 1..].find("\n## ").map_or(page.len(), |e| start + 1 + e);
    &page[start..end]
}

/// The Overdue table's rows by contact name: the row up to the last contact (`| [Name](link) |
/// Company | `) and the days overdue.
fn overdue_rows(page: &str) -> std::collections::HashMap<String, (String, u32)> {
    overdue(page)
        .lines()
        .filter_map(|line| {
            let name = line.strip_prefix("| [")?.split("](").next()?;
            let cells: Vec<&str> = line.rsplitn(5, " | ").collect();
            if cells.len() < 5 {
                return None;
            }
            let days = cells[0].trim_end_matches(" |").parse().ok()?;
            let head = &line[..line.len() - cells[..3].iter().map(|c| c.len() + 3).sum::<usize>() + 3];
            Some((name.to_string(), (head.to_string(), days)))
        })
        .collect()
}

#[test]
fn no_update_is_lost_under_steady_edits_and_a_burst() {
    let started = Instant::now();
    // Every row on the page: the sections are not capped here.
    let mut test =
        Test::empty_vault().file(PROBE, &probe_text(0)).file("touchbase.toml", "page_rows = 1000000\n");
    for n in 0..CONTACTS {
        test = test.file(&path(n), &contact(n, last_contact(n).as_deref()));
    }
    let vault = test.vault_path();
    let tempdir = test.into_tempdir();
    let mut command = Command::new(env!("CARGO_BIN_EXE_touchbase"));
    for key in ["NO_COLOR", "TOUCHBASE_VAULT", "TOUCHBASE_TODAY", "CLICOLOR_FORCE"] {
        command.env_remove(key);
    }
    let mut child = command
        .current_dir(tempdir.path())
        .env("TOUCHBASE_CACHE_DIR", tempdir.path().join("cache"))
        .args(["--vault", "vault", "--today", TODAY, "watch", "--debounce", "100"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (out, out_reader) = gather(child.stdout.take().unwrap());
    let (err, err_reader) = gather(child.stderr.take().unwrap());
    let mut w = Watcher { child, out, err, readers: vec![out_reader, err_reader], vault: vault.clone() };
    w.wait_for("the `watching` line", |w| w.err.lock().unwrap().iter().any(|l| l.starts_with("watching ")));
    w.wait_for("the startup line", |w| !w.stdout().is_empty());
    let contacts = CONTACTS + 1; // and the probe
    assert!(w.stdout()[0].contains(&format!(": {contacts} contacts, ")), "{}", w.context());

    // Steady edits: in seconds 0 and 1 of every 4, RATE contacts a second (at least 30 days
    // overdue) leave the Overdue table (contacted today); in seconds 2 and 3 the same ones return
    // with last_contact a day later than before, so that their row differs from the original.
    let rows = overdue_rows(&w.page());
    let slot = |i: usize| (i / RATE / 4 * 2 + i / RATE % 2) * RATE + i % RATE;
    let slots = (0..RATE * SECONDS).map(slot).max().unwrap() + 1;
    let pool: Vec<(usize, String)> = (0..CONTACTS)
        .filter(|n| n % 3 != 1 && last_contact(*n).is_some())
        .filter_map(|n| rows.get(&name(n)).filter(|(_, days)| *days >= 30).map(|(head, _)| (n, head.clone())))
        .take(slots)
        .collect();
    assert_eq!(pool.len(), slots, "too few overdue contacts\n{}", w.context());
    let mut present = vec![None; pool.len()];
    let steady = Instant::now();
    for i in 0..RATE * SECONDS {
        let due = steady + Duration::from_secs_f64(i as f64 / RATE as f64);
        std::thread::sleep(due.saturating_duration_since(Instant::now()));
        let second = i / RATE;
        let n = pool[slot(i)].0;
        let leaving = second % 4 < 2;
        let last = if leaving { Some(TODAY.to_string()) } else { last_contact_on(n, 1) };
        save(&vault.join(path(n)), &contact(n, last.as_deref()), i + second);
        present[slot(i)] = if leaving { None } else { last };
    }
    w.wait_for("every edited row in its last state", |w| {
        let page = w.page();
        let table = overdue(&page);
        pool.iter().zip(&present).all(|((_, head), present)| match present {
            None => !table.contains(&format!("\n{head}")),
            Some(last) => table.contains(&format!("\n{head}`{last}` | ")),
        })
    });
    let steady_took = steady.elapsed();
    let mark = w.stdout().len();

    // The burst, as fast as possible: new contacts (half in new folders) between edited ones.
    let edited: Vec<usize> =
        (0..CONTACTS).filter(|n| n % 3 == 1 && last_contact(*n).is_some()).take(BURST / 2).collect();
    assert_eq!(edited.len(), BURST / 2);
    let burst = Instant::now();
    for (k, &n) in edited.iter().enumerate() {
        let folder =
            if k.is_multiple_of(2) { format!("burst/{:02}", k / 50) } else { format!("people/{:02}", k % 8) };
        std::fs::create_dir_all(vault.join(&folder)).unwrap();
        save(&vault.join(format!("{folder}/Burst Person {k:04}.md")), &new_contact(k), k);
        let last = format!("2026-11-{:02}", 1 + k % 25);
        save(&vault.join(path(n)), &contact(n, Some(&last)), k + 1);
    }
    let burst_written = burst.elapsed();
    let footer = format!(" · {} contacts\n", contacts + BURST / 2);
    w.wait_for("the page to count the new contacts", |w| w.page().ends_with(&footer));
    // Every change before the probe's own line has been handled. A probe caught in the burst's
    // last batch is another line: then probe again.
    let mut probes = 0;
    let probe_line = format!("(~1 {PROBE})");
    let probe_at = loop {
        probes += 1;
        let before = w.stdout().len();
        save_renamed(&vault.join(PROBE), &probe_text(probes));
        w.wait_for("a line after the probe", |w| w.stdout().len() > before);
        if let Some(at) = w.stdout()[before..].iter().position(|l| l.contains(&probe_line)) {
            break before + at;
        }
        assert!(probes < 20, "the probe never got a line of its own\n{}", w.context());
    };
    let lines = w.stdout();
    assert!(lines[probe_at].contains(" unchanged "), "{}", w.context());
    let updates = lines[mark..probe_at].iter().filter(|l| l.starts_with("vault/INDEX.md updated")).count();
    // One or a few; one per file (hundreds) would be the bug. Generous for a loaded machine.
    assert!(
        (1..=50).contains(&updates),
        "{updates} regenerations for a {BURST}-file burst written in {burst_written:?}\n{}",
        w.context()
    );

    #[cfg(target_os = "linux")]
    {
        let peak = w.peak_rss_kb();
        assert!(
            peak < 256 * 1024,
            "peak RSS {peak} kB for {} contacts\n{}",
            contacts + BURST / 2,
            w.context()
        );
    }

    // SIGTERM, then the watched page against a fresh one.
    let pid = w.child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let stopped = Instant::now();
    let status = loop {
        if let Some(status) = w.child.try_wait().unwrap() {
            break status;
        }
        assert!(stopped.elapsed() < TIMEOUT, "watch did not exit on SIGTERM\n{}", w.context());
        std::thread::sleep(POLL);
    };
    for reader in w.readers.drain(..) {
        reader.join().unwrap();
    }
    assert_eq!(status.code(), Some(0), "exit status after SIGTERM\n{}", w.context());
    let watched = std::fs::read(vault.join("INDEX.md")).unwrap();
    let fresh = Command::new(env!("CARGO_BIN_EXE_touchbase"))
        .current_dir(tempdir.path())
        .env("TOUCHBASE_CACHE_DIR", tempdir.path().join("cache"))
        .args(["--vault", "vault", "--today", TODAY, "--no-cache", "index"])
        .output()
        .unwrap();
    assert_eq!(fresh.status.code(), Some(0), "{}", String::from_utf8_lossy(&fresh.stderr));
    let expected = std::fs::read(vault.join("INDEX.md")).unwrap();
    if watched != expected {
        let (watched, expected) = (String::from_utf8_lossy(&watched), String::from_utf8_lossy(&expected));
        let first = watched.lines().zip(expected.lines()).position(|(a, b)| a != b).unwrap_or(0);
        let show =
            |text: &str| text.lines().skip(first.saturating_sub(2)).take(5).collect::<Vec<_>>().join("\n");
        panic!(
            "lost update: the watched page differs from a fresh `index` from line {}\n--- watched ---\n{}\n\
             --- fresh ---\n{}\n{}",
            first + 1,
            show(&watched),
            show(&expected),
            w.context()
        );
    }
    eprintln!(
        "watch_load: {} edits in {steady_took:?}, a {BURST}-file burst written in {burst_written:?} and \
         absorbed in {updates} regenerations; {:?} in all",
        RATE * SECONDS,
        started.elapsed()
    );
}
