//! `outreach --apply`: the boxes ticked on the week's saved list, recorded as interactions in
//! the contacts' files, each once however often it runs.

use std::path::Path;

use super::Io;
use crate::config::Config;
use crate::contact::ticks::{self, Tick};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render;
use crate::report;
use crate::schedule::week::Week;
use crate::vault::{OnDisk, Session};
use crate::write::atomic::WriteOutcome;
use crate::write::{contact_edits, Writer};

pub(crate) fn apply(
    config: &Config,
    io: &mut Io<'_>,
    session: &Session,
    week: Week,
    saved: Option<&[Tick]>,
) -> Result<Exit> {
    let ticks = saved.ok_or_else(|| {
        Error::usage(format!(
            "no saved list for {} in {}; save it with `outreach --write`",
            week.name(),
            session.settings.outreach_dir
        ))
    })?;
    record(config, io, &report::outreach::touches(&session.index, week, ticks), &session.settings.fields)
}

/// The ticks on the week's saved list; `None` when there is no saved list.
pub(crate) fn saved_ticks(root: &Path, relative: &Path) -> Option<Vec<Tick>> {
    match OnDisk::read(&crate::vault::join(root, relative)) {
        OnDisk::File(bytes) => Some(ticks::ticked(&String::from_utf8_lossy(&bytes), relative)),
        _ => None,
    }
}

/// Records each touch once: a file that already holds the entry is left alone. Prints each
/// changed file, then `N ticked: M recorded, K already recorded`.
fn record(
    config: &Config,
    io: &mut Io<'_>,
    touches: &[report::outreach::Touch],
    names: &crate::contact::FieldNames,
) -> Result<Exit> {
    let mut writer = Writer::new(&config.root)?;
    let mut recorded = 0;
    for touch in touches {
        let path = writer.display(&touch.path);
        let updated = writer.update(&touch.path, |text| {
            contact_edits::log_once(text, names, config.today, &touch.message)
                .map_err(|e| Error::Refused(format!("{}: {e}", path.display())))
        })?;
        if updated.outcome == WriteOutcome::Written {
            recorded += 1;
            render::diff::changed_lines(io.out, &path, &updated.before, &updated.after)
                .map_err(Error::Output)?;
        }
    }
    render::diff::warnings(io.err, &writer.take_warnings()).map_err(Error::Output)?;
    let already = touches.len() - recorded;
    writeln!(io.err, "{} ticked: {recorded} recorded, {already} already recorded", touches.len())
        .map_err(Error::Output)?;
    Ok(Exit::Success)
}
