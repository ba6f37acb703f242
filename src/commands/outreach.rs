//! `outreach`: the weekly list, printed, saved (keeping its ticks), or its ticks recorded.

use std::path::PathBuf;

use super::{open, Io};
use crate::config::{Config, OutreachRequest};
use crate::contact::Keep;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render;
use crate::report;
use crate::write::atomic::WriteOutcome;
use crate::write::{Edits, Writer};

pub(crate) fn outreach(config: &Config, io: &mut Io<'_>, request: &OutreachRequest) -> Result<Exit> {
    let session = open(config, io, Keep::LEAN)?;
    let settings = &session.settings;
    let week = request.week.resolve(config.today, settings.week_start)?;
    let relative = PathBuf::from(&settings.outreach_dir).join(format!("{}.md", week.name()));
    let saved = crate::vault::saved_ticks(&config.root, &relative);
    if request.apply {
        return super::apply::apply(config, io, &session, week, saved.as_deref());
    }
    let limit = request.limit.unwrap_or(settings.outreach_limit);
    let cx = report::accounts::Context::of(&session);
    let mut data = report::outreach::build(&session.index, week, limit, &cx);
    data.ticked = report::outreach::ticked(&saved.unwrap_or_default());
    let mut text = Vec::new();
    render::outreach::outreach(&mut text, &data, &relative).map_err(Error::Output)?;
    if !request.write {
        io.out.write_all(&text).map_err(Error::Output)?;
        return Ok(Exit::Success);
    }
    let mut writer = Writer::new(&config.root)?;
    let path = writer.display(&relative);
    match writer.write_page(&relative, &text, Edits::Keep, request.force)? {
        WriteOutcome::Unchanged => {
            writeln!(io.err, "unchanged: {}", path.display()).map_err(Error::Output)?;
        }
        WriteOutcome::Written => writeln!(io.out, "{}", path.display()).map_err(Error::Output)?,
    }
    Ok(Exit::Success)
}
