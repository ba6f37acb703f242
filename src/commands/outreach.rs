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
    let owner = crate::config::me::owner(config.owner.as_ref(), settings, &config.root)?;
    let week = request.week.resolve(config.today, settings.week_start)?;
    let relative = list_path(&settings.outreach_dir, &week.name(), owner.as_ref());
    let saved = crate::vault::saved_ticks(&config.root, &relative, &session.index);
    if request.apply {
        return super::apply::apply(config, io, &session, week, saved.as_deref());
    }
    let limit = request.limit.unwrap_or(settings.outreach_limit);
    let cx = report::accounts::Context::of(&session);
    let mut data = report::outreach::build(&session.index, week, limit, &cx, owner.as_ref());
    data.ticked = report::outreach::ticked(&saved.unwrap_or_default());
    data.owner_flag = config.owner.as_ref().map(crate::config::me::OwnerChoice::flag);
    let mut text = Vec::new();
    render::outreach::outreach(&mut text, &data, &relative).map_err(Error::Output)?;
    if !request.write {
        io.out.write_all(&text).map_err(Error::Output)?;
        return Ok(Exit::Success);
    }
    save(config, io, &relative, &text, request.force)
}

/// Where the week's list is saved; an owner's is a file of its own (`2026-W48-alice.md`), so
/// the team's list stays whole.
fn list_path(dir: &str, week: &str, owner: Option<&crate::query::owner::Owner>) -> PathBuf {
    let suffix = owner.map(|o| format!("-{}", o.slug())).unwrap_or_default();
    PathBuf::from(dir).join(format!("{week}{suffix}.md"))
}

/// Writes the list (keeping the user's edits unless forced) and says where, or that it was unchanged.
fn save(
    config: &Config,
    io: &mut Io<'_>,
    relative: &std::path::Path,
    text: &[u8],
    force: bool,
) -> Result<Exit> {
    let mut writer = Writer::new(&config.root)?;
    let path = writer.display(relative);
    match writer.write_page(relative, text, Edits::Keep, force)? {
        WriteOutcome::Unchanged => {
            writeln!(io.err, "unchanged: {}", path.display()).map_err(Error::Output)?;
        }
        WriteOutcome::Written => writeln!(io.out, "{}", path.display()).map_err(Error::Output)?,
    }
    Ok(Exit::Success)
}
