//! When watch acts, as a pure unit: the clock is passed in (`now`, the current day), never
//! read here. It gathers a burst of events into one batch, says how long to wait while idle
//! (until the day changes or the page's echo is due), and keeps track of the page's echo.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use notify::event::{ModifyKind, RemoveKind};
use notify::EventKind;
use notify_debouncer_full::DebouncedEvent;

/// How long to wait while idle with the day pinned (`--today`): nothing rolls over.
const PINNED_WAIT: Duration = Duration::from_hours(1);

/// A burst is gathered for at most this long, so that a never-ending stream still updates.
const GATHER_AT_MOST: Duration = Duration::from_secs(5);

/// What an event said about a path, from the weakest to the strongest claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Touched {
    /// Renamed from or to this path, or named by another event and no longer there.
    Moved,
    /// Removed, and the event says it was a file.
    RemovedFile,
    /// Removed: a folder, or of an unknown kind.
    Removed,
}

impl Touched {
    pub(crate) fn of(kind: EventKind) -> Option<Touched> {
        match kind {
            EventKind::Remove(RemoveKind::File) => Some(Touched::RemovedFile),
            EventKind::Remove(_) => Some(Touched::Removed),
            EventKind::Modify(ModifyKind::Name(_)) => Some(Touched::Moved),
            _ => None,
        }
    }
}

/// The paths a burst of events named, relative to the vault root.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Batch {
    /// Every path a change named.
    pub paths: BTreeSet<PathBuf>,
    /// The paths that removals and renames named, with the strongest claim made about each.
    pub touched: BTreeMap<PathBuf, Touched>,
    /// The watcher lost events (a queue overflow): only a fresh read of the vault is right.
    pub rescan: bool,
}

impl Batch {
    /// Adds events whose paths are absolute, below `root` (canonical); others are ignored.
    pub(crate) fn add(&mut self, events: &[DebouncedEvent], root: &Path) {
        for event in events {
            self.rescan |= event.need_rescan();
            // Reading files raises access events; only changes matter (and reading must not loop).
            if is_access(event) {
                continue;
            }
            let claim = Touched::of(event.kind);
            for path in &event.paths {
                let Ok(relative) = path.strip_prefix(root) else { continue };
                self.paths.insert(relative.to_path_buf());
                if let Some(claim) = claim {
                    let strongest = self.touched.entry(relative.to_path_buf()).or_insert(claim);
                    *strongest = (*strongest).max(claim);
                }
            }
        }
    }

    pub(crate) fn names(&self, relative: &Path) -> bool {
        self.paths.contains(relative)
    }
}

fn is_access(event: &DebouncedEvent) -> bool {
    matches!(event.kind, EventKind::Access(_))
}

/// The timing of one watch run, from its debounce window and whether the day is pinned.
#[derive(Debug)]
pub(crate) struct Pacer {
    pinned: bool,
    /// How long a burst must be quiet before it is handled.
    quiet: Duration,
    pub echo: PageEcho,
}

impl Pacer {
    pub(crate) fn new(debounce: Duration, pinned: bool) -> Pacer {
        let debounce_ms = u64::try_from(debounce.as_millis()).unwrap_or(u64::MAX);
        Pacer {
            pinned,
            quiet: Duration::from_millis((debounce_ms / 4).clamp(10, 50)),
            echo: PageEcho::new(debounce_ms),
        }
    }

    /// How long to wait for events while idle: until the day changes (`until_next_day`, as
    /// the caller's clock says), or the next look for the page's echo, whichever comes first.
    pub(crate) fn idle_wait(&self, now: Instant, until_next_day: Duration) -> Duration {
        let wait = if self.pinned { PINNED_WAIT } else { until_next_day };
        self.echo.due().map_or(wait, |due| wait.min(due.saturating_duration_since(now)))
    }

    /// Whether the page must be rebuilt for `day`, the current day as the caller's clock says.
    pub(crate) fn rolled_over(&self, today: NaiveDate, day: NaiveDate) -> bool {
        !self.pinned && day != today
    }

    /// A burst whose first events arrived at `started`.
    pub(crate) fn burst(&self, started: Instant) -> Burst {
        Burst { quiet: self.quiet, until: started + GATHER_AT_MOST, quiet_until: started + self.quiet }
    }
}

/// A burst (a `git checkout`, a sync) arrives as many batches, since the debouncer waits for
/// each file separately: batches are gathered until none comes for a short while, so the burst
/// becomes one regeneration, but only for a bounded time. Only changes keep a burst going:
/// readers of the vault (a preview, a poll of INDEX.md) raise access events all the time, and
/// must not hold the regeneration back.
#[derive(Debug)]
pub(crate) struct Burst {
    quiet: Duration,
    until: Instant,
    quiet_until: Instant,
}

impl Burst {
    /// How long to wait for more events; `None` once the burst is over.
    pub(crate) fn wait(&self, now: Instant) -> Option<Duration> {
        let end = self.quiet_until.min(self.until);
        (now < end).then(|| end - now)
    }

    /// More events arrived at `now`.
    pub(crate) fn more(&mut self, events: &[DebouncedEvent], now: Instant) {
        if events.iter().any(|e| !is_access(e)) {
            self.quiet_until = now + self.quiet;
        }
    }
}

/// The events that watch's own write of the page raises. The debouncer drops a file's
/// creation together with its removal when both fall in one window: a page deleted just after
/// watch wrote it raises no event at all. So after each write watch expects an event naming the
/// page, and while none has come it looks at the page now and then, rewriting it if it is gone.
#[derive(Debug)]
pub(crate) struct PageEcho {
    /// When to look, and how many more times.
    pending: Option<(Instant, u32)>,
    interval: Duration,
}

impl PageEcho {
    /// Looks this many times (two debounce windows and a margin apart) before giving up on an
    /// echo: events can be lost (a queue overflow), and then a look costs one `stat` each.
    pub(crate) const LOOKS: u32 = 10;

    pub(crate) fn new(debounce_ms: u64) -> PageEcho {
        let interval = Duration::from_millis(debounce_ms.saturating_mul(2).saturating_add(50));
        PageEcho { pending: None, interval }
    }

    /// The page was written at `now`.
    pub(crate) fn written(&mut self, now: Instant) {
        self.pending = Some((now + self.interval, Self::LOOKS));
    }

    /// An event named the page.
    pub(crate) fn seen(&mut self) {
        self.pending = None;
    }

    /// When to look next, if at all.
    pub(crate) fn due(&self) -> Option<Instant> {
        self.pending.map(|(at, _)| at)
    }

    pub(crate) fn is_due(&self, now: Instant) -> bool {
        self.due().is_some_and(|due| now >= due)
    }

    /// A look at `now` found the page there (`present`) or not. Returns whether to rewrite it:
    /// removed while the echo was pending, so no event will ever say so. A page that is there
    /// is looked at again later, unless that was the last look.
    pub(crate) fn looked(&mut self, present: bool, now: Instant) -> bool {
        if !present {
            self.seen();
            return true;
        }
        self.pending = match self.pending {
            Some((_, looks)) if looks > 1 => Some((now + self.interval, looks - 1)),
            _ => None,
        };
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, DataChange, Flag, RenameMode};
    use notify::Event;

    const MS: Duration = Duration::from_millis(1);

    fn event(kind: EventKind, paths: &[&str], at: Instant) -> DebouncedEvent {
        let event = paths.iter().fold(Event::new(kind), |e, p| e.add_path(PathBuf::from(p)));
        DebouncedEvent::new(event, at)
    }

    fn modified() -> EventKind {
        EventKind::Modify(ModifyKind::Data(DataChange::Content))
    }

    fn access() -> EventKind {
        EventKind::Access(AccessKind::Any)
    }

    #[test]
    fn a_burst_ends_when_quiet_for_a_quarter_of_the_debounce() {
        let t0 = Instant::now();
        let pacer = Pacer::new(Duration::from_millis(200), false);
        let mut burst = pacer.burst(t0);
        assert_eq!(burst.wait(t0), Some(50 * MS));
        assert_eq!(burst.wait(t0 + 20 * MS), Some(30 * MS));
        // A change at 40 ms keeps it going until 90 ms.
        burst.more(&[event(modified(), &["/v/a.md"], t0)], t0 + 40 * MS);
        assert_eq!(burst.wait(t0 + 50 * MS), Some(40 * MS));
        assert_eq!(burst.wait(t0 + 90 * MS), None);
        assert_eq!(burst.wait(t0 + 91 * MS), None);
    }

    #[test]
    fn the_quiet_time_is_bounded() {
        let t0 = Instant::now();
        let wait = |debounce_ms| Pacer::new(Duration::from_millis(debounce_ms), false).burst(t0).wait(t0);
        assert_eq!(wait(0), Some(10 * MS));
        assert_eq!(wait(20), Some(10 * MS));
        assert_eq!(wait(100), Some(25 * MS));
        assert_eq!(wait(300), Some(50 * MS));
        assert_eq!(wait(u64::MAX), Some(50 * MS));
    }

    #[test]
    fn access_events_do_not_hold_a_burst_back() {
        let t0 = Instant::now();
        let mut burst = Pacer::new(Duration::from_millis(200), false).burst(t0);
        burst.more(&[event(access(), &["/v/INDEX.md"], t0)], t0 + 40 * MS);
        assert_eq!(burst.wait(t0 + 40 * MS), Some(10 * MS));
        // One change among the reads is enough.
        let mixed = [event(access(), &["/v/a.md"], t0), event(modified(), &["/v/a.md"], t0)];
        burst.more(&mixed, t0 + 45 * MS);
        assert_eq!(burst.wait(t0 + 45 * MS), Some(50 * MS));
    }

    #[test]
    fn a_never_ending_burst_is_handled_after_five_seconds() {
        let t0 = Instant::now();
        let mut burst = Pacer::new(Duration::from_millis(300), false).burst(t0);
        let mut now = t0;
        while burst.wait(now).is_some() {
            now += 30 * MS;
            burst.more(&[event(modified(), &["/v/a.md"], now)], now);
        }
        assert!(now >= t0 + GATHER_AT_MOST && now < t0 + GATHER_AT_MOST + 30 * MS, "{:?}", now - t0);
        // The last wait is cut short at the bound, not a whole quiet time.
        let mut burst = Pacer::new(Duration::from_millis(300), false).burst(t0);
        burst.more(&[event(modified(), &["/v/a.md"], t0)], t0 + 4990 * MS);
        assert_eq!(burst.wait(t0 + 4990 * MS), Some(10 * MS));
    }

    #[test]
    fn a_batch_keeps_changed_paths_below_the_root_with_the_strongest_claim() {
        let t0 = Instant::now();
        let root = Path::new("/vault");
        let mut batch = Batch::default();
        batch.add(
            &[
                event(
                    EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                    &["/vault/a.md", "/vault/b.md"],
                    t0,
                ),
                event(EventKind::Create(CreateKind::File), &["/vault/people/c.md"], t0),
                event(access(), &["/vault/read.md"], t0),
                event(modified(), &["/elsewhere/x.md"], t0),
            ],
            root,
        );
        batch.add(
            &[
                event(EventKind::Remove(RemoveKind::File), &["/vault/b.md"], t0),
                event(EventKind::Modify(ModifyKind::Name(RenameMode::From)), &["/vault/b.md"], t0),
                event(EventKind::Remove(RemoveKind::Folder), &["/vault/old"], t0),
            ],
            root,
        );
        let paths: BTreeSet<PathBuf> =
            ["a.md", "b.md", "people/c.md", "old"].iter().map(PathBuf::from).collect();
        assert_eq!(batch.paths, paths);
        let touched: Vec<(&str, Touched)> =
            batch.touched.iter().map(|(p, &t)| (p.to_str().unwrap_or(""), t)).collect();
        assert_eq!(
            touched,
            [("a.md", Touched::Moved), ("b.md", Touched::RemovedFile), ("old", Touched::Removed)]
        );
        assert!(batch.names(Path::new("people/c.md")));
        assert!(!batch.names(Path::new("read.md")));
        assert!(!batch.rescan);
    }

    #[test]
    fn a_rescan_counts_even_on_an_access_event() {
        let t0 = Instant::now();
        let mut batch = Batch::default();
        let lost = DebouncedEvent::new(Event::new(access()).set_flag(Flag::Rescan), t0);
        batch.add(&[lost], Path::new("/vault"));
        assert!(batch.rescan);
        assert!(batch.paths.is_empty());
    }

    #[test]
    fn idle_waits_until_the_next_day_or_the_echo() {
        let t0 = Instant::now();
        let mut pacer = Pacer::new(Duration::from_millis(100), false);
        let midnight = Duration::from_secs(90);
        assert_eq!(pacer.idle_wait(t0, midnight), midnight);
        pacer.echo.written(t0);
        assert_eq!(pacer.idle_wait(t0, midnight), 250 * MS);
        assert_eq!(pacer.idle_wait(t0 + 200 * MS, midnight), 50 * MS);
        // Late: no wait at all.
        assert_eq!(pacer.idle_wait(t0 + 300 * MS, midnight), Duration::ZERO);
        assert_eq!(pacer.idle_wait(t0, 100 * MS), 100 * MS);
        // A pinned day never rolls over: an hour at most.
        let pinned = Pacer::new(Duration::from_millis(100), true);
        assert_eq!(pinned.idle_wait(t0, midnight), PINNED_WAIT);
    }

    #[test]
    fn the_day_rolls_over_unless_pinned() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let pacer = Pacer::new(Duration::from_millis(300), false);
        assert!(!pacer.rolled_over(day("2026-11-26"), day("2026-11-26")));
        assert!(pacer.rolled_over(day("2026-11-26"), day("2026-11-27")));
        // The clock going back (a time zone change) is a new day too.
        assert!(pacer.rolled_over(day("2026-11-26"), day("2026-11-25")));
        let pinned = Pacer::new(Duration::from_millis(300), true);
        assert!(!pinned.rolled_over(day("2026-11-26"), day("2026-11-27")));
    }

    #[test]
    fn page_echo_looks_until_the_echo_or_the_last_look() {
        let t0 = Instant::now();
        let mut echo = PageEcho::new(100);
        assert_eq!(echo.due(), None);
        echo.written(t0);
        let mut now = t0;
        for _ in 1..PageEcho::LOOKS {
            assert!(!echo.is_due(now));
            now += 250 * MS;
            assert!(echo.is_due(now));
            assert!(!echo.looked(true, now));
        }
        assert!(echo.due().is_some());
        assert!(!echo.looked(true, now + 250 * MS));
        assert_eq!(echo.due(), None);
        echo.written(now);
        echo.seen();
        assert_eq!(echo.due(), None);
    }

    #[test]
    fn page_echo_rewrites_a_page_that_is_gone_once() {
        let t0 = Instant::now();
        let mut echo = PageEcho::new(100);
        echo.written(t0);
        assert_eq!(echo.due(), Some(t0 + 250 * MS));
        assert!(echo.looked(false, t0 + 250 * MS));
        assert_eq!(echo.due(), None);
        assert!(!echo.is_due(t0 + Duration::from_mins(1)));
    }
}
