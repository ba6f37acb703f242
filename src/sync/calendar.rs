//! `sync calendar VDIR`: touchbase's events as one `.ics` file each in a vdir (for vdirsyncer to
//! push to a `CalDAV` calendar), and optionally all of them in one feed file. The events are the
//! export's (`report::calendar`, made for a sync: nothing moves because a day passed) plus the
//! cards' post-by days and the due check-ups; the plan is `report::calendar_sync`'s.

use std::path::Path;

use chrono::{Days, NaiveDate};

use super::vdir::{write_file, Vdir};
use crate::error::{Error, Result};
use crate::report::calendar::{self, Calendar, CalendarEvent, Purpose};
use crate::report::calendar_sync::{self, Action, Have, Plan, Want};
use crate::report::{accounts, checkup, greetings};
use crate::vault::Session;

/// The `DTSTAMP` of every event: fixed, so that a file's bytes change only when its event does
/// (clients follow the server's `ETag`, not the stamp).
fn stamp() -> NaiveDate {
    NaiveDate::default()
}

/// How far ahead the cards' post-by days and the check-ups are written.
const AHEAD_DAYS: u64 = 366;

/// Every event of the vault for a sync: the contacts' (all of them), the cards to post and the
/// check-ups due in the next year.
pub(crate) fn events(session: &Session) -> Vec<CalendarEvent> {
    let index = &session.index;
    let all: Vec<usize> = (0..index.entries.len()).collect();
    let mut events: Vec<CalendarEvent> = calendar::calendar_for(index, &all, Purpose::Sync).events.collect();
    let today = index.today;
    let until = today.checked_add_days(Days::new(AHEAD_DAYS)).unwrap_or(today);
    let cards = greetings::due(index, &session.settings.cards, today, until, None);
    events.extend(calendar::card_events(index, &cards));
    let cx = accounts::Context::of(session);
    let due = checkup::due_checkups(index, &accounts::accounts(index, &cx), &cx, until);
    events.extend(calendar::checkup_events(&due));
    events
}

/// The `.ics` bytes of `events` as one calendar.
fn ics(events: impl Iterator<Item = CalendarEvent>) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = crate::render::ics::calendar(&mut bytes, Calendar { today: stamp(), events });
    bytes
}

/// Plans (and unless `dry_run` carries out) the sync of `session`'s events into the vdir at
/// `dir`, and of the feed file when one is given.
pub(crate) fn sync(session: &Session, dir: &Path, feed: Option<&Path>, dry_run: bool) -> Result<Plan> {
    let vdir = Vdir::open(dir)?;
    let events = events(session);
    let want = events
        .iter()
        .map(|e| Want {
            name: calendar_sync::file_name(&e.uid),
            summary: e.summary.clone(),
            bytes: ics(std::iter::once(e.clone())),
        })
        .collect();
    let have = vdir.items("ics")?.into_iter().map(|i| Have { name: i.name, bytes: i.bytes }).collect();
    let mut plan = calendar_sync::plan(want, have);
    plan.vdir = dir.display().to_string();
    plan.dry_run = dry_run;
    if let Some(feed) = feed {
        refuse_feed_in(feed, &vdir)?;
        let bytes = ics(events.into_iter());
        let changed = crate::vault::read_regular(feed).ok().as_deref() != Some(bytes.as_slice());
        if changed && !dry_run {
            write_file(feed, &bytes)?;
        }
        plan.feed = Some((feed.display().to_string(), changed));
    }
    if !dry_run {
        apply(&vdir, &plan)?;
    }
    Ok(plan)
}

fn apply(vdir: &Vdir, plan: &Plan) -> Result<()> {
    for step in &plan.steps {
        match step.action {
            Action::Create | Action::Update => {
                vdir.write(&step.name, &step.bytes)?;
            }
            Action::Remove => vdir.remove(&step.name)?,
        }
    }
    Ok(())
}

/// A feed inside the vdir would be synced as one more event file holding every event.
fn refuse_feed_in(feed: &Path, vdir: &Vdir) -> Result<()> {
    let folder = feed.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let (a, b) = (folder.canonicalize().ok(), vdir.path().canonicalize().ok());
    if a.is_some() && a == b {
        return Err(Error::usage(format!(
            "{}: the feed must not be inside the vdir (vdirsyncer would sync it as an event)",
            feed.display()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn ours(id: u8, text: &str) -> (String, Vec<u8>) {
        let stem = format!("tb-birthday-{id:016x}");
        (
            format!("{stem}.ics"),
            format!("BEGIN:VEVENT\r\nUID:{stem}@touchbase\r\nSUMMARY:{text}\r\n").into_bytes(),
        )
    }

    fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
            .collect()
    }

    proptest::proptest! {
        /// Whatever the vdir holds, one run leaves exactly the wanted events among touchbase's
        /// files, every other file byte-identical, and a second plan with nothing to do.
        #[test]
        fn a_run_reaches_the_wanted_state_and_touches_nothing_else(
            wanted in proptest::collection::btree_map(0u8..8, "[a-c]{0,2}", 0..6),
            present in proptest::collection::btree_map(0u8..8, "[a-c]{0,2}", 0..6),
            foreign in proptest::collection::btree_map("[a-z]{1,6}\\.(ics|vcf|txt)", "[ -~]{0,20}", 0..4),
        ) {
            let dir = tempfile::tempdir().unwrap();
            for (id, text) in &present {
                let (name, bytes) = ours(*id, text);
                std::fs::write(dir.path().join(name), bytes).unwrap();
            }
            for (name, text) in &foreign {
                std::fs::write(dir.path().join(name), text).unwrap();
            }
            let vdir = Vdir::open(dir.path()).unwrap();
            let want = |w: &BTreeMap<u8, String>| -> Vec<Want> {
                w.iter().map(|(id, text)| {
                    let (name, bytes) = ours(*id, text);
                    Want { name, summary: text.clone(), bytes }
                }).collect()
            };
            let have = || vdir.items("ics").unwrap().into_iter().map(|i| Have { name: i.name, bytes: i.bytes }).collect();
            let plan = calendar_sync::plan(want(&wanted), have());
            apply(&vdir, &plan).unwrap();
            let after = files(dir.path());
            let expected: BTreeMap<String, Vec<u8>> = wanted.iter().map(|(id, t)| ours(*id, t)).collect();
            let got: BTreeMap<String, Vec<u8>> =
                after.iter().filter(|(n, _)| n.starts_with("tb-")).map(|(n, b)| (n.clone(), b.clone())).collect();
            proptest::prop_assert_eq!(got, expected);
            for (name, text) in &foreign {
                proptest::prop_assert_eq!(after.get(name).map(Vec::as_slice), Some(text.as_bytes()));
            }
            proptest::prop_assert!(calendar_sync::plan(want(&wanted), have()).in_step());
        }
    }
}
