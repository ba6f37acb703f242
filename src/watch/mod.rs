//! Keeping the index page current: watches the vault recursively (debounced), re-reads only
//! the files that changed into the live session, and rewrites the page when its content
//! changes. Its own writes change nothing, so they cause no further regeneration. A removed
//! page is rewritten at once. A vault folder that is moved or deleted stops watch (exit 2)
//! instead of being re-created.
//!
//! `batch` decides when to act (pure: the clock is passed in), `live` keeps the session
//! current, `reconcile` works out what removals and renames left behind; this module wires
//! them to the watcher, the clock and the writer.

pub(crate) mod batch;
pub(crate) mod live;
pub(crate) mod page;
mod reconcile;
mod sync_hook;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, RecommendedCache};

use self::batch::{Batch, Pacer};
use self::live::{Changes, Live};
use self::page::PageModel;
use crate::clock::{current_day, until_next_day};
use crate::error::{Error, Result};
use crate::report::watch::Status;
use crate::vault::watch_fs::{absolute_root, exists, VaultFolder};
use crate::vault::Session;
use crate::write::atomic::WriteOutcome;
use crate::write::{Edits, Writer};

/// How one watch run behaves.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// The debouncer's window: how long a file must be quiet before its events come.
    pub debounce: Duration,
    /// `--today` was given: the day never rolls over.
    pub today_pinned: bool,
    /// `--quiet`: no diagnostics.
    pub quiet: bool,
    /// The home folder that `~/` names in `[sync]` (from the environment, read by `config`).
    pub home: Option<PathBuf>,
}

enum Message {
    Changes(DebounceEventResult),
    Stop,
}

/// Watches the vault of `live` until Ctrl-C or SIGTERM. Status lines go to `out`, the rest
/// to `err`. An error ends the run: the vault folder is gone, or the watcher cannot start.
pub(crate) fn run(live: Live, options: &Options, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let root = live.session.root.clone();
    let absolute_root = absolute_root(&root)?;
    let folder = VaultFolder::new(&root);
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Message::Stop);
    })
    .map_err(|e| Error::usage(format!("cannot install the Ctrl-C handler: {e}")))?;
    let cannot_watch = |e: notify::Error| Error::usage(format!("cannot watch {}: {e}", root.display()));
    // Symlinks not followed, as the walk does not follow them: a symlinked folder's files are
    // not the vault's. (Followed, a link to a folder of the vault would even make inotify
    // report that folder's changes under the link's name.)
    let mut debouncer = new_debouncer_opt::<_, notify::RecommendedWatcher, RecommendedCache>(
        options.debounce,
        None,
        move |result| {
            let _ = tx.send(Message::Changes(result));
        },
        RecommendedCache::new(),
        notify::Config::default().with_follow_symlinks(false),
    )
    .map_err(cannot_watch)?;
    debouncer.watch(&absolute_root, RecursiveMode::Recursive).map_err(cannot_watch)?;

    let pacer = Pacer::new(options.debounce, options.today_pinned);
    let home = options.home.clone();
    let mut watcher = Watcher { live, model: None, folder, pacer, quiet: options.quiet, home, out, err };
    watcher.write_page(&Changes::default(), Instant::now())?;
    writeln!(watcher.err, "watching {} (Ctrl-C to stop)", root.display()).map_err(Error::Output)?;
    watcher.err.flush().map_err(Error::Output)?;

    loop {
        let wait = watcher.pacer.idle_wait(Instant::now(), until_next_day());
        let events = match rx.recv_timeout(wait) {
            Ok(Message::Changes(Ok(events))) => events,
            Ok(Message::Changes(Err(errors))) => {
                watcher.watch_errors(errors)?;
                continue;
            }
            Ok(Message::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                watcher.idle()?;
                continue;
            }
        };
        let started = Instant::now();
        let mut batch = Batch::default();
        batch.add(&events, &absolute_root);
        // Drain what else comes while the burst lasts, so that it becomes one regeneration.
        let mut burst = watcher.pacer.burst(started);
        let mut stop = false;
        while let Some(wait) = burst.wait(Instant::now()) {
            let Ok(message) = rx.recv_timeout(wait) else { break };
            match message {
                Message::Changes(Ok(more)) => {
                    burst.more(&more, Instant::now());
                    batch.add(&more, &absolute_root);
                }
                Message::Changes(Err(errors)) => watcher.watch_errors(errors)?,
                Message::Stop => {
                    stop = true;
                    break;
                }
            }
        }
        watcher.handle(&batch, started)?;
        if stop {
            break;
        }
    }
    writeln!(watcher.err, "stopped watching {}", root.display()).map_err(Error::Output)?;
    Ok(())
}

/// A watch run's state between events.
struct Watcher<'a> {
    live: Live,
    /// The page as last built, updated with each batch's contacts (`None` before the first).
    model: Option<PageModel>,
    folder: VaultFolder,
    pacer: Pacer,
    quiet: bool,
    home: Option<PathBuf>,
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
}

impl Watcher<'_> {
    /// Applies a batch to the live session and rewrites the page if anything changed.
    fn handle(&mut self, batch: &Batch, started: Instant) -> Result<()> {
        // Before anything else: a vault that was moved or deleted must not be re-created.
        self.folder.check()?;
        if batch.names(self.live.page()) {
            self.pacer.echo.seen();
        }
        let (changes, diagnostics) = if Live::must_reload(batch) {
            match self.live.reload() {
                Ok(reloaded) => reloaded,
                // A half-saved touchbase.toml: say so and keep the last good state.
                Err(error) => {
                    writeln!(self.err, "touchbase: {error}").map_err(Error::Output)?;
                    (Changes::default(), Vec::new())
                }
            }
        } else {
            let applied = self.live.apply(batch);
            if self.live.must_reload_touches() {
                match self.live.reload() {
                    Ok(reloaded) => reloaded,
                    Err(error) => {
                        writeln!(self.err, "touchbase: {error}").map_err(Error::Output)?;
                        applied
                    }
                }
            } else {
                applied
            }
        };
        if !self.quiet {
            crate::render::diagnostics(self.err, &diagnostics).map_err(Error::Output)?;
        }
        self.apply_ticks(batch)?;
        if changes.any() {
            self.write_page(&changes, started)?;
        }
        Ok(())
    }

    /// A saved outreach list that changed (a box ticked): its ticks become interactions, each
    /// once (`outreach --apply`). The contact files this writes come back as the next batch.
    fn apply_ticks(&mut self, batch: &Batch) -> Result<()> {
        let session = &self.live.session;
        let lists = batch.paths.iter().filter(|p| {
            p.starts_with(&session.settings.outreach_dir) && p.extension().is_some_and(|e| e == "md")
        });
        for relative in lists {
            let Some(week) = relative.file_stem().and_then(|s| s.to_str()) else { continue };
            let Ok(week) = crate::schedule::week::Week::parse(week, session.settings.week_start) else {
                continue;
            };
            let Some(ticks) = crate::vault::saved_ticks(&session.root, relative, &session.index) else {
                continue;
            };
            let touches = crate::report::outreach::touches(&session.index, week, &ticks);
            if touches.is_empty() {
                continue;
            }
            let mut writer = Writer::new(&session.root)?;
            let fields = &session.settings.fields;
            match crate::write::contact_edits::record(&mut writer, &touches, fields, session.index.today) {
                Ok(recorded) => {
                    let list = crate::vault::join(&session.root, relative);
                    write!(self.out, "{}: ", list.display()).map_err(Error::Output)?;
                    crate::render::diff::recorded(self.out, touches.len(), recorded.len())
                        .map_err(Error::Output)?;
                    self.out.flush().map_err(Error::Output)?;
                }
                // Keep watching: the next save may succeed.
                Err(error) => writeln!(self.err, "touchbase: {error}").map_err(Error::Output)?,
            }
        }
        Ok(())
    }

    /// Nothing came for a while: look for the page's echo, and follow the day.
    fn idle(&mut self) -> Result<()> {
        let now = Instant::now();
        if self.pacer.echo.is_due(now) && self.pacer.echo.looked(exists(&self.live.page_path()), now) {
            let changes = Changes { page_was_gone: true, ..Changes::default() };
            self.write_page(&changes, Instant::now())?;
        }
        let day = current_day();
        if self.pacer.rolled_over(self.live.today(), day) {
            let started = Instant::now();
            self.live.session.index.set_today(day);
            self.write_page(&Changes::default(), started)?;
        }
        Ok(())
    }

    fn watch_errors(&mut self, errors: Vec<notify::Error>) -> Result<()> {
        for error in errors {
            writeln!(self.err, "touchbase: watch: {error}").map_err(Error::Output)?;
        }
        Ok(())
    }

    /// Rewrites the page and, if its bytes changed, expects the echo of that write; then the
    /// `[sync]` of touchbase.toml (`sync_hook`).
    fn write_page(&mut self, changes: &Changes, started: Instant) -> Result<()> {
        if self.regenerate(changes, started)? {
            self.pacer.echo.written(Instant::now());
        }
        let session = &self.live.session;
        let place =
            sync_hook::Place { root: &session.root, today: session.index.today, home: self.home.as_deref() };
        sync_hook::after_page(&session.settings.sync, &place, self.out, self.err)
    }

    /// Rewrites the page if its content changed (or it is gone) and prints one line about it.
    /// Returns whether it wrote the page.
    fn regenerate(&mut self, changes: &Changes, started: Instant) -> Result<bool> {
        let text = self.page_text(changes);
        let session = &self.live.session;
        let path = self.live.page_path();
        // The write creates missing folders on the way to the page: never the vault itself.
        self.folder.check()?;
        // A page that is gone is always written: there is nothing to compare it with.
        let written = Writer::new(&session.root)
            .and_then(|mut writer| writer.write_page(self.live.page(), &text, Edits::Overwrite, false));
        let outcome = match written {
            Ok(outcome) => outcome,
            // Keep watching: the next change may succeed (a full disk, a lock).
            Err(error) => {
                writeln!(self.err, "touchbase: {error}").map_err(Error::Output)?;
                return Ok(false);
            }
        };
        let written = outcome == WriteOutcome::Written;
        let status = Status::new(&session.index, path, written, changes.summary(), started.elapsed());
        crate::render::watch::status(self.out, &status).map_err(Error::Output)?;
        self.out.flush().map_err(Error::Output)?;
        Ok(written)
    }
}

impl Watcher<'_> {
    /// The page's bytes after `changes`: the model updated with the contacts they name, or
    /// built again after a reload or on a new day.
    fn page_text(&mut self, changes: &Changes) -> Vec<u8> {
        let session = &self.live.session;
        let model = match self.model.take() {
            Some(mut model) if !changes.reloaded && model.today() == session.index.today => {
                let paths = changes.added.iter().chain(&changes.modified).chain(&changes.removed);
                model.update(session, paths.map(PathBuf::as_path));
                model
            }
            _ => PageModel::new(session),
        };
        let text = model.bytes(session);
        // Every test that runs watch checks the model against a fresh build.
        #[cfg(debug_assertions)]
        if let Ok(fresh) = page_bytes(session) {
            debug_assert!(text == fresh, "watch's page model differs from a fresh index");
        }
        self.model = Some(model);
        text
    }
}

/// The index page's bytes for a session: what `watch` keeps current and `index` writes.
pub(crate) fn page_bytes(session: &Session) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let page =
        crate::report::index_page::build(&session.index, &crate::report::accounts::Context::of(session));
    crate::render::index_page::page(&mut bytes, &page, Path::new(&session.settings.index))
        .map_err(Error::Output)?;
    Ok(bytes)
}
