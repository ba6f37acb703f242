//! `watch`: keep the index page current. Watches the vault recursively (debounced), re-reads
//! only the files that changed into the in-memory index, and rewrites the page when its content
//! changes. Its own writes change nothing, so they cause no further regeneration.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult};

use super::index::{page_path, page_text};
use super::{print_diagnostics, Io};
use crate::config::{current_day, until_next_day, Config};
use crate::error::{Diagnostic, Error, Result};
use crate::exit::Exit;
use crate::index::{Index, Upserted};
use crate::vault::walk::{is_markdown, is_skipped, walk_below};
use crate::vault::{read_one, settings, FileOutcome, LoadOptions, Vault};
use crate::write::atomic::WriteOutcome;
use crate::write::{Edits, Writer};

enum Message {
    Changes(DebounceEventResult),
    Stop,
}

/// What one batch of events did to the index.
#[derive(Default)]
struct Changes {
    added: Vec<PathBuf>,
    modified: Vec<PathBuf>,
    removed: Vec<PathBuf>,
    reloaded: bool,
}

struct Live {
    root: PathBuf,
    vault: Vault,
    index: Index,
}

impl Live {
    fn load(config: &Config, today: NaiveDate) -> Result<(Live, Vec<Diagnostic>)> {
        let options =
            LoadOptions { keep: crate::contact::Keep::LEAN, cache_dir: config.cache_dir.as_deref() };
        let mut vault = Vault::load(&config.root, options)?;
        let diagnostics = std::mem::take(&mut vault.diagnostics);
        let policy = vault.settings.cadence.clone();
        let index = Index::new(&mut vault, &policy, today);
        Ok((Live { root: config.root.clone(), vault, index }, diagnostics))
    }

    fn options(&self) -> LoadOptions<'static> {
        LoadOptions { keep: crate::contact::Keep::LEAN, cache_dir: None }
    }

    /// Re-reads one path (relative to the root) that an event named.
    fn refresh(&mut self, relative: &Path, changes: &mut Changes, diagnostics: &mut Vec<Diagnostic>) {
        let settings = &self.vault.settings;
        let absolute = self.root.join(relative);
        match std::fs::symlink_metadata(&absolute) {
            Ok(meta) if meta.is_dir() => {
                if is_skipped(settings, relative, true) {
                    return;
                }
                // A folder appeared or moved here: read all of it, drop what is no longer there.
                let listing = walk_below(&self.root, &self.root, relative, settings);
                let present: BTreeSet<&PathBuf> = listing.markdown.iter().collect();
                let stale: Vec<PathBuf> = self
                    .index
                    .entries
                    .iter()
                    .map(|e| e.contact.path.clone())
                    .filter(|p| p.starts_with(relative) && !present.contains(p))
                    .collect();
                for path in stale {
                    changes.removed.extend(self.index.remove(&path));
                }
                for path in &listing.markdown {
                    self.read(path, changes, diagnostics);
                }
            }
            Ok(_) => {
                if is_markdown(relative) && !is_skipped(settings, relative, false) {
                    self.read(relative, changes, diagnostics);
                }
            }
            // Gone: a deleted or renamed file or folder.
            Err(_) => changes.removed.extend(self.index.remove(relative)),
        }
    }

    fn read(&mut self, relative: &Path, changes: &mut Changes, diagnostics: &mut Vec<Diagnostic>) {
        let policy = self.vault.settings.cadence.clone();
        match read_one(&self.root, &self.vault.settings, relative, self.options()) {
            FileOutcome::Contact(contact, warnings) => {
                diagnostics.extend(warnings);
                match self.index.upsert(*contact, &policy) {
                    Upserted::Added => changes.added.push(relative.to_path_buf()),
                    Upserted::Modified => changes.modified.push(relative.to_path_buf()),
                    Upserted::Unchanged => {}
                }
            }
            FileOutcome::Note => changes.removed.extend(self.index.remove(relative)),
            // A half-saved file: report it and keep the last good version until the next save.
            FileOutcome::Broken(diagnostic) => diagnostics.push(diagnostic),
        }
    }
}

pub fn watch(config: &Config, io: &mut Io<'_>, debounce_ms: u64) -> Result<Exit> {
    let today = if config.today_pinned { config.today } else { current_day() };
    let (mut live, diagnostics) = Live::load(config, today)?;
    if !config.quiet {
        print_diagnostics(io.err, &diagnostics)?;
    }
    let absolute_root = std::fs::canonicalize(&config.root).map_err(|e| Error::io(&config.root, e))?;
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Message::Stop);
    })
    .map_err(|e| Error::usage(format!("cannot install the Ctrl-C handler: {e}")))?;
    let mut debouncer = new_debouncer(Duration::from_millis(debounce_ms), None, move |result| {
        let _ = tx.send(Message::Changes(result));
    })
    .map_err(|e| Error::usage(format!("cannot watch {}: {e}", config.root.display())))?;
    debouncer
        .watch(&absolute_root, RecursiveMode::Recursive)
        .map_err(|e| Error::usage(format!("cannot watch {}: {e}", config.root.display())))?;

    regenerate(config, io, &live, &Changes::default(), Instant::now())?;
    writeln!(io.err, "watching {} (Ctrl-C to stop)", config.root.display())?;
    io.err.flush()?;

    loop {
        let timeout = if config.today_pinned { Duration::from_secs(3600) } else { until_next_day() };
        let message = match rx.recv_timeout(timeout) {
            Ok(message) => message,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let day = current_day();
                if !config.today_pinned && day != live.index.today {
                    let started = Instant::now();
                    let policy = live.vault.settings.cadence.clone();
                    live.index.set_today(day, &policy);
                    regenerate(config, io, &live, &Changes::default(), started)?;
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let events = match message {
            Message::Stop => break,
            Message::Changes(Ok(events)) => events,
            Message::Changes(Err(errors)) => {
                for error in errors {
                    writeln!(io.err, "touchbase: watch: {error}")?;
                }
                continue;
            }
        };
        let started = Instant::now();
        let mut paths = BTreeSet::new();
        let mut rescan = false;
        // Drain what else is queued, so a burst becomes one regeneration.
        let mut batches = vec![events];
        let mut stop = false;
        // A burst (a `git checkout`, a sync) arrives as many batches, since the debouncer waits
        // for each file separately: gather batches until none comes for a short while, so the
        // burst becomes one regeneration. Bounded, so that a never-ending stream still updates.
        // Only changes count: readers of the vault (a preview, a poll of INDEX.md) raise access
        // events all the time, and must not hold the regeneration back.
        let quiet = Duration::from_millis((debounce_ms / 4).clamp(10, 50));
        let gather_until = started + Duration::from_secs(5);
        let mut quiet_until = Instant::now() + quiet;
        loop {
            let now = Instant::now();
            if now >= quiet_until || now >= gather_until {
                break;
            }
            let Ok(message) = rx.recv_timeout(quiet_until.min(gather_until) - now) else { break };
            match message {
                Message::Changes(Ok(more)) => {
                    if more.iter().any(|e| !matches!(e.kind, EventKind::Access(_))) {
                        quiet_until = Instant::now() + quiet;
                    }
                    batches.push(more);
                }
                Message::Changes(Err(errors)) => {
                    for error in errors {
                        writeln!(io.err, "touchbase: watch: {error}")?;
                    }
                }
                Message::Stop => {
                    stop = true;
                    break;
                }
            }
        }
        for event in batches.into_iter().flatten() {
            rescan |= event.need_rescan();
            // Reading files raises access events; only changes matter (and reading must not loop).
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            for path in &event.paths {
                if let Ok(relative) = path.strip_prefix(&absolute_root) {
                    paths.insert(relative.to_path_buf());
                }
            }
        }
        let mut changes = Changes::default();
        let mut diagnostics = Vec::new();
        let settings_changed = paths.contains(Path::new(settings::FILE_NAME));
        if rescan || settings_changed {
            match Live::load(config, live.index.today) {
                Ok((reloaded, found)) => {
                    live = reloaded;
                    diagnostics = found;
                    changes.reloaded = true;
                }
                // A half-saved touchbase.toml: say so and keep the last good state.
                Err(error) => writeln!(io.err, "touchbase: {error}")?,
            }
        } else {
            let page = PathBuf::from(&live.vault.settings.index);
            for relative in paths.iter().filter(|p| **p != page) {
                live.refresh(relative, &mut changes, &mut diagnostics);
            }
        }
        if !config.quiet {
            print_diagnostics(io.err, &diagnostics)?;
        }
        if changes.reloaded
            || !changes.added.is_empty()
            || !changes.modified.is_empty()
            || !changes.removed.is_empty()
        {
            regenerate(config, io, &live, &changes, started)?;
        }
        if stop {
            break;
        }
    }
    writeln!(io.err, "stopped watching {}", config.root.display())?;
    Ok(Exit::Success)
}

/// Rewrites the page if its content changed and prints one line about it.
fn regenerate(
    config: &Config,
    io: &mut Io<'_>,
    live: &Live,
    changes: &Changes,
    started: Instant,
) -> Result<()> {
    let settings = &live.vault.settings;
    let text = page_text(settings, &live.index);
    let path = page_path(config, settings);
    let written = Writer::new(&config.root).and_then(|mut writer| {
        writer.write_page(Path::new(&settings.index), text.as_bytes(), Edits::Overwrite, false)
    });
    let outcome = match written {
        Ok(outcome) => outcome,
        // Keep watching: the next change may succeed (a full disk, a lock).
        Err(error) => {
            writeln!(io.err, "touchbase: {error}")?;
            return Ok(());
        }
    };
    let what = match outcome {
        WriteOutcome::Written => "updated",
        WriteOutcome::Unchanged => "unchanged",
    };
    let mut line = format!("{} {what}", path.display());
    if changes.reloaded {
        line.push_str(" (reloaded the vault)");
    } else {
        let mut parts = Vec::new();
        for (sign, list) in [('+', &changes.added), ('~', &changes.modified), ('-', &changes.removed)] {
            if !list.is_empty() {
                parts.push(format!("{sign}{}", list.len()));
            }
        }
        if let Some(first) = changes.added.iter().chain(&changes.modified).chain(&changes.removed).next() {
            parts.push(crate::render::sanitize(&first.to_string_lossy()).into_owned());
        }
        if !parts.is_empty() {
            line.push_str(&format!(" ({})", parts.join(" ")));
        }
    }
    let overdue =
        live.index.entries.iter().filter(|e| e.schedule.status == crate::schedule::Status::Overdue).count();
    line.push_str(&format!(
        ": {} contacts, {overdue} overdue, for {}; {} ms",
        live.index.entries.len(),
        live.index.today,
        started.elapsed().as_millis()
    ));
    writeln!(io.out, "{line}")?;
    io.out.flush()?;
    Ok(())
}
