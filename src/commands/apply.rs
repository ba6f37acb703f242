//! `outreach --apply`: the boxes ticked on the week's saved list, recorded as interactions in
//! the contacts' files, each once however often it runs.

use super::Io;
use crate::config::Config;
use crate::contact::ticks::Tick;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render;
use crate::report;
use crate::schedule::week::Week;
use crate::vault::Session;
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

/// Records each touch once: a file that already holds the entry is left alone. Prints each
/// changed file, then `N ticked: M recorded, K already recorded`.
fn record(
    config: &Config,
    io: &mut Io<'_>,
    touches: &[report::outreach::Touch],
    names: &crate::contact::FieldNames,
) -> Result<Exit> {
    let mut writer = Writer::new(&config.root)?;
    let recorded = contact_edits::record(&mut writer, touches, names, config.today)?;
    for (path, updated) in &recorded {
        render::diff::changed_lines(io.out, path, &updated.before, &updated.after).map_err(Error::Output)?;
    }
    render::diff::warnings(io.err, &writer.take_warnings()).map_err(Error::Output)?;
    render::diff::recorded(io.err, touches.len(), recorded.len()).map_err(Error::Output)?;
    Ok(Exit::Success)
}
