//! `outreach` (the weekly list, printed or saved) and `accounts`.

use std::path::PathBuf;

use super::{open, output, Io};
use crate::config::{Config, OutreachRequest};
use crate::contact::Keep;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render::{self, ListFormat};
use crate::report;
use crate::write::atomic::WriteOutcome;
use crate::write::{Edits, Writer};

pub(crate) fn outreach(config: &Config, io: &mut Io<'_>, request: &OutreachRequest) -> Result<Exit> {
    let session = open(config, io, Keep::LEAN)?;
    let settings = &session.settings;
    let week = request.week.resolve(config.today, settings.week_start)?;
    let limit = request.limit.unwrap_or(settings.outreach_limit);
    let roles = &settings.decision_maker_roles;
    let data = report::outreach::build(&session.index, week, limit, roles, &settings.account_tags);
    let relative = PathBuf::from(&settings.outreach_dir).join(format!("{}.md", week.name()));
    if !request.write {
        render::outreach::outreach(io.out, &data, &relative).map_err(Error::Output)?;
        return Ok(Exit::Success);
    }
    let mut text = Vec::new();
    render::outreach::outreach(&mut text, &data, &relative).map_err(Error::Output)?;
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

pub(crate) fn accounts(
    config: &Config,
    io: &mut Io<'_>,
    company: Option<&str>,
    format: ListFormat,
) -> Result<Exit> {
    let session = open(config, io, Keep::LEAN)?;
    let settings = &session.settings;
    let mut all =
        report::accounts::accounts(&session.index, &settings.decision_maker_roles, &settings.account_tags);
    if let Some(wanted) = company {
        report::accounts::keep_company(&mut all, wanted);
        if all.is_empty() {
            return Err(Error::NoMatch(format!("no company matches {wanted:?}")));
        }
    }
    render::accounts::accounts(io.out, &output(config, format), &all).map_err(Error::Output)?;
    Ok(Exit::Success)
}
