//! `sync calendar VDIR` (issue 17 part 2): one `.ics` per event with stable UIDs and names, only
//! changed files rewritten, removals of touchbase's own files only, the feed, `--dry-run`; and
//! the real loop through Radicale and vdirsyncer to a second vdir.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use icalendar::parser::{read_calendar, unfold};

use crate::dav::{Dav, Kind};
use crate::harness::Test;

const ANN: &str = "---\nname: Ann Lee\nbirthday: 1980-03-26\n---\n";
const BOB: &str = "---\nname: Bob Stone\nbirthday: --07-14\nuid: bob-uid-1\n---\n";
/// An event the phone added: never touchbase's to change.
const PHONE: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//phone//EN\r\nBEGIN:VEVENT\r\nUID:dentist@phone\r\n\
                     DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261201\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n\
                     END:VCALENDAR\r\n";

fn two() -> Test {
    Test::empty_vault()
        .file("people/Ann Lee.md", ANN)
        .file("people/Bob Stone.md", BOB)
        .outside("cal/phone.ics", PHONE)
}

fn vdir_of(test: &Test) -> PathBuf {
    test.vault_path().parent().unwrap().join("cal")
}

/// Each file's (inode, mtime in ns) and bytes, by name, but for touchbase's temp files: a sync
/// running beside the test (under `watch`) may be writing one.
fn snapshot(dir: &Path) -> BTreeMap<String, ((u64, i64), Vec<u8>)> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_name().to_string_lossy().starts_with(".touchbase-"))
        .map(|e| {
            let meta = e.metadata().unwrap();
            let stamp = (meta.ino(), meta.mtime() * 1_000_000_000 + meta.mtime_nsec());
            (e.file_name().to_string_lossy().into_owned(), (stamp, std::fs::read(e.path()).unwrap()))
        })
        .collect()
}

/// The one VEVENT of an event file: (UID, DTSTART, SUMMARY).
fn event(bytes: &[u8]) -> (String, String, String) {
    let text = unfold(std::str::from_utf8(bytes).unwrap());
    let components = read_calendar(&text).unwrap().components;
    let events: Vec<_> = components.iter().filter(|c| c.name == "VEVENT").collect();
    assert_eq!(events.len(), 1, "{text}");
    let prop = |name: &str| events[0].find_prop(name).map(|p| p.val.to_string()).unwrap_or_default();
    (prop("UID"), prop("DTSTART"), prop("SUMMARY"))
}

fn ours(snapshot: &BTreeMap<String, ((u64, i64), Vec<u8>)>) -> Vec<String> {
    snapshot.keys().filter(|n| n.starts_with("tb-")).cloned().collect()
}

#[test]
fn one_file_per_event_named_by_its_uid_and_a_second_run_is_in_step() {
    let test = Test::sample().outside("cal/phone.ics", PHONE);
    let vdir = vdir_of(&test);
    let out = test.args(["sync", "calendar", "cal"]).run();
    out.success().stdout_has("calendar cal: created ");
    let first = snapshot(&vdir);
    assert!(ours(&first).len() > 50, "{:?}", first.keys());
    for name in ours(&first) {
        let (uid, _, _) = event(&first[&name].1);
        assert_eq!(format!("{}@touchbase", name.trim_end_matches(".ics")), uid);
    }
    let kinds = ["birthday", "family", "follow-up", "planned", "card", "checkup"];
    for kind in kinds {
        assert!(ours(&first).iter().any(|n| n.starts_with(&format!("tb-{kind}-"))), "no {kind} event");
    }
    let again = out.then().args(["sync", "calendar", "cal"]).run();
    again.success().stdout_is(&format!(
        "calendar in step: {} events in cal; 1 other item left alone\n",
        ours(&first).len()
    ));
    assert_eq!(snapshot(&vdir), first, "a second run rewrote files");
}

#[test]
fn only_the_changed_event_is_rewritten() {
    let test = two();
    let vdir = vdir_of(&test);
    let out = test.args(["sync", "calendar", "cal"]).run();
    out.success();
    let before = snapshot(&vdir);
    let out = out
        .then()
        .file("people/Ann Lee.md", &ANN.replace("03-26", "04-01"))
        .args(["sync", "calendar", "cal"])
        .run();
    // Ann's birthday and the reminder to post her card move; nothing else is written.
    out.success().stdout_has(": created 0, updated 2, removed 0, ");
    let after = snapshot(&vdir);
    let changed: Vec<_> =
        after.keys().filter(|n| after[*n] != before[*n]).map(|n| event(&after[n].1)).collect();
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert_eq!((changed[0].1.as_str(), changed[0].2.as_str()), ("19800401", "Birthday: Ann Lee (born 1980)"));
    assert_eq!(
        (changed[1].1.as_str(), changed[1].2.as_str()),
        ("20270325", "Post a card: Ann turns 47 (to Ann Lee)")
    );
    assert_eq!(after.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>(), "names changed");
}

#[test]
fn a_yearless_birthday_starts_in_2000_and_nothing_moves_as_days_pass() {
    let test = two();
    let vdir = vdir_of(&test);
    let out = test.today("2026-07-01").args(["sync", "calendar", "cal"]).run();
    out.success();
    let before = snapshot(&vdir);
    let bob = before.values().map(|(_, b)| event(b)).find(|e| e.2.starts_with("Birthday: Bob")).unwrap();
    assert_eq!(bob.1, "20000714");
    // Past Bob's birthday, into the next year: only the cards move on to next year's.
    let out = out.then().today("2027-01-02").args(["sync", "calendar", "cal"]).run();
    out.success();
    let after = snapshot(&vdir);
    let changed: Vec<_> = after.keys().filter(|n| after.get(*n) != before.get(*n)).collect();
    assert!(changed.iter().all(|n| n.starts_with("tb-card-")), "{changed:?}");
    assert_eq!(after.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>());
}

#[test]
fn a_contact_with_a_uid_keeps_its_file_names_when_renamed() {
    let test = two();
    let vdir = vdir_of(&test);
    let out = test.args(["sync", "calendar", "cal"]).run();
    out.success();
    let before = ours(&snapshot(&vdir));
    let vault = out.then();
    std::fs::rename(
        vault.vault_path().join("people/Bob Stone.md"),
        vault.vault_path().join("people/Robert Stone.md"),
    )
    .unwrap();
    // The same files, their descriptions (the path) updated.
    let out = vault.args(["sync", "calendar", "cal"]).run();
    out.success().stdout_has(": created 0, updated 2, removed 0, ");
    assert_eq!(ours(&snapshot(&vdir)), before);
    // Without a uid the events are named by the path: a rename replaces them.
    let vault = out.then();
    std::fs::rename(
        vault.vault_path().join("people/Ann Lee.md"),
        vault.vault_path().join("people/Ann Smith.md"),
    )
    .unwrap();
    vault.args(["sync", "calendar", "cal"]).run().success().stdout_has(": created 2, updated 0, removed 2, ");
}

#[test]
fn a_removed_event_removes_its_file_and_other_items_are_never_touched() {
    let test = two().outside("cal/notes.txt", "mine").outside("cal/.hidden.ics", "x").outside(
        "cal/tb-birthday-0000000000000000.ics",
        "BEGIN:VEVENT\r\nUID:not-touchbase@elsewhere\r\nEND:VEVENT\r\n",
    );
    let vdir = vdir_of(&test);
    let out = test.args(["sync", "calendar", "cal"]).run();
    out.success();
    let before = snapshot(&vdir);
    let out = out
        .then()
        .file("people/Ann Lee.md", "---\nname: Ann Lee\n---\n")
        .args(["sync", "calendar", "cal"])
        .run();
    out.success().stdout_has(": created 0, updated 0, removed 2, ");
    assert!(out
        .stdout
        .lines()
        .any(|l| l.starts_with("remove tb-birthday-") && l.ends_with("Birthday: Ann Lee (born 1980)")));
    let after = snapshot(&vdir);
    assert_eq!(before.len() - 2, after.len());
    for name in ["phone.ics", "notes.txt", ".hidden.ics", "tb-birthday-0000000000000000.ics"] {
        assert_eq!(before[name], after[name], "{name} was touched");
    }
}

#[test]
fn a_file_with_an_events_name_that_is_not_touchbases_is_left_alone() {
    let test = two();
    let vdir = vdir_of(&test);
    let out = test.args(["sync", "calendar", "cal"]).run();
    out.success();
    let names = ours(&snapshot(&vdir));
    let (name, linked) = (&names[0], &names[1]);
    let foreign = "BEGIN:VEVENT\r\nUID:someone-else@phone\r\nEND:VEVENT\r\n";
    std::fs::write(vdir.join(name), foreign).unwrap();
    // A symlink with an event's name: never written through, never removed.
    let target = vdir.with_file_name("outside.ics");
    std::fs::write(&target, "theirs").unwrap();
    std::fs::remove_file(vdir.join(linked)).unwrap();
    std::os::unix::fs::symlink(&target, vdir.join(linked)).unwrap();
    let out = out.then().args(["sync", "calendar", "cal"]).run();
    out.code(1);
    for n in [name, linked] {
        out.stdout_has_line(&format!(
            "left alone: {n} has the name of a touchbase event but is not touchbase's"
        ));
    }
    assert_eq!(std::fs::read_to_string(vdir.join(name)).unwrap(), foreign);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "theirs");
    assert!(std::fs::symlink_metadata(vdir.join(linked)).unwrap().file_type().is_symlink());
}

#[test]
fn the_feed_holds_every_event_and_is_written_only_when_it_changes() {
    let test = two();
    let (vdir, feed) = (vdir_of(&test), vdir_of(&test).with_file_name("feed.ics"));
    let out = test.args(["sync", "calendar", "cal", "--feed", "feed.ics"]).run();
    out.success().stdout_has_line("write feed feed.ics");
    let text = unfold(&std::fs::read_to_string(&feed).unwrap());
    let events = read_calendar(&text).unwrap().components.into_iter().filter(|c| c.name == "VEVENT").count();
    assert_eq!(events, ours(&snapshot(&vdir)).len());
    let stamp = std::fs::metadata(&feed).unwrap().mtime_nsec();
    let out = out.then().args(["sync", "calendar", "cal", "--feed", "feed.ics"]).run();
    out.success().stdout_has("calendar in step: ");
    assert_eq!(std::fs::metadata(&feed).unwrap().mtime_nsec(), stamp);
    // Inside the vdir it would be synced as one more event: refused.
    out.then()
        .args(["sync", "calendar", "cal", "--feed", "cal/all.ics"])
        .run()
        .code(2)
        .stderr_has("must not be inside the vdir");
}

#[test]
fn a_dry_run_prints_the_plan_and_writes_nothing() {
    let test = two();
    let vdir = vdir_of(&test);
    let out = test.args(["sync", "calendar", "cal", "--dry-run", "--feed", "feed.ics"]).run();
    out.success()
        .stdout_has_line("would write feed feed.ics")
        .stdout_has(": dry run, nothing written: would create ");
    assert!(out
        .stdout
        .lines()
        .any(|l| l.starts_with("would create tb-birthday-") && l.ends_with("Birthday: Ann Lee (born 1980)")));
    assert_eq!(snapshot(&vdir).len(), 1);
    assert!(!vdir.with_file_name("feed.ics").exists());
}

#[test]
fn a_missing_vdir_is_an_error_not_a_new_folder() {
    Test::empty_vault().args(["sync", "calendar", "nowhere"]).run().code(2).stderr_has("nowhere");
}

#[test]
fn the_events_have_no_private_items() {
    let test = Test::sample().outside("cal/phone.ics", PHONE);
    let vdir = vdir_of(&test);
    let out = test.args(["sync", "calendar", "cal", "--feed", "feed.ics"]).run();
    out.success();
    let feed = std::fs::read_to_string(vdir.with_file_name("feed.ics")).unwrap();
    for secret in crate::profile::PRIVATE {
        assert!(!unfold(&feed).contains(secret), "the feed shows {secret:?}");
    }
}

/// The events' summaries of every `.ics` file in `dir`, by summary, with DTSTART.
fn summaries(dir: &Path) -> BTreeMap<String, String> {
    snapshot(dir).values().map(|(_, b)| event(b)).map(|(_, start, summary)| (summary, start)).collect()
}

#[test]
fn the_events_reach_radicale_and_a_second_vdir_and_a_change_travels_alone() {
    let Some(mut dav) = Dav::start() else { return };
    let test = Test::empty_vault().file("people/Ann Lee.md", ANN).file("people/Bob Stone.md", BOB);
    let (laptop, phone) = (dav.dir().join("laptop"), dav.dir().join("phone"));
    std::fs::create_dir_all(laptop.join("touchbase")).unwrap();
    let vdir = laptop.join("touchbase");
    let out = test.args(["sync", "calendar", vdir.to_str().unwrap()]).run();
    out.success();
    dav.pair_laptop_and_phone(Kind::Calendar, &laptop, &phone);
    dav.sync();
    let sent = summaries(&vdir);
    assert_eq!(summaries(&phone.join("touchbase")), sent);
    assert_eq!(sent.get("Birthday: Ann Lee (born 1980)").map(String::as_str), Some("19800326"));
    assert_eq!(dav.server_items("touchbase").len(), sent.len());

    let server_before: BTreeMap<_, _> = dav.server_items("touchbase").into_iter().collect();
    let phone_before = snapshot(&phone.join("touchbase"));
    let out = out.then().file("people/Ann Lee.md", &ANN.replace("03-26", "04-01"));
    let out = out.args(["sync", "calendar", vdir.to_str().unwrap()]).run();
    out.success().stdout_has(": created 0, updated 2, removed 0, ");
    dav.sync();
    dav.sync();
    let server_after: BTreeMap<_, _> = dav.server_items("touchbase").into_iter().collect();
    let changed: Vec<_> = server_after.iter().filter(|(k, v)| server_before.get(*k) != Some(v)).collect();
    // Ann's birthday and her card's post-by day, nothing else.
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert!(changed.iter().any(|(_, text)| text.contains("DTSTART;VALUE=DATE:19800401")), "{changed:?}");
    assert!(changed.iter().all(|(_, text)| text.contains("Ann")), "{changed:?}");
    let phone_after = snapshot(&phone.join("touchbase"));
    let phone_changed: Vec<_> =
        phone_after.keys().filter(|k| phone_before.get(*k) != phone_after.get(*k)).collect();
    assert_eq!(phone_changed.len(), 2, "{phone_changed:?}");
    assert_eq!(
        summaries(&phone.join("touchbase")).get("Birthday: Ann Lee (born 1980)").map(String::as_str),
        Some("19800401")
    );
}

/// Polls `done` every 50 ms for up to 20 s.
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !done() {
        assert!(std::time::Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn watch_runs_the_calendar_sync_and_the_after_command_after_a_save() {
    let settings = "[sync]\ncalendar = \"../cal\"\nafter = [\"sh\", \"-c\", \"echo ran >> ../after.log\"]\n";
    let test = Test::empty_vault()
        .file("people/Ann Lee.md", ANN)
        .file("touchbase.toml", settings)
        .outside("cal/phone.ics", PHONE);
    let (vault, vdir) = (test.vault_path(), vdir_of(&test));
    let tempdir = test.into_tempdir();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_touchbase"))
        .current_dir(tempdir.path())
        .env_remove("TOUCHBASE_TODAY")
        .args(["--vault", "vault", "--today", crate::harness::TODAY, "watch", "--debounce", "100"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed on drop, so a failing wait leaves no process behind.
    let child = Killed(child);
    let birthday_on = |day: &str| {
        snapshot(&vdir)
            .values()
            .map(|(_, b)| event(b))
            .any(|(_, start, summary)| summary.starts_with("Birthday: Ann") && start == day)
    };
    let ran =
        || std::fs::read_to_string(tempdir.path().join("after.log")).unwrap_or_default().lines().count();
    wait_until("the startup sync", || birthday_on("19800326") && ran() == 1);
    std::fs::write(vault.join("people/Ann Lee.md"), ANN.replace("03-26", "04-01")).unwrap();
    wait_until("the sync after the save", || birthday_on("19800401") && ran() == 2);
    drop(child);
    assert_eq!(snapshot(&vdir)["phone.ics"].1, PHONE.as_bytes());
}

struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
