//! `checkup TARGET [--write]`: a relationship check-up worksheet for an account, a person or a
//! tag group, or its dated section appended to the note (which resets the check-up's due date).

use std::path::Path;

use super::{open, Io};
use crate::config::Config;
use crate::contact::Keep;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render::{self, ListFormat};
use crate::report::accounts::Context;
use crate::report::{self, checkup::TargetKind};
use crate::write::{checkup, Writer};

pub(crate) fn checkup(
    config: &Config,
    io: &mut Io<'_>,
    target: &str,
    write: bool,
    format: ListFormat,
) -> Result<Exit> {
    let session = open(config, io, Keep::FULL)?;
    let cx = Context::of(&session);
    let accounts = report::accounts::accounts(&session.index, &cx);
    let subject = report::checkup::subject(target, &session.index, &accounts, &cx).map_err(Error::NoMatch)?;
    let sheet = report::checkup::worksheet(&subject, &session.index, &session.settings);
    if !write {
        render::checkup::worksheet(io.out, format, &sheet).map_err(Error::Output)?;
        return Ok(Exit::Success);
    }
    let relative = Path::new(&sheet.note);
    session.check_readable(relative)?;
    let mut writer = Writer::new(&config.root)?;
    let section = report::checkup::section(config.today, "\n");
    let outcome =
        checkup::write(&mut writer, relative, sheet.note_exists, &new_note(&sheet), &section, config.today)?;
    let written = outcome == crate::write::atomic::WriteOutcome::Written;
    render::write_outcome(io.out, &writer.display(relative), written, "wrote a check-up to", "unchanged:")
        .map_err(Error::Output)?;
    Ok(Exit::Success)
}

/// A note made for the check-up: an account note (`type: account`), or a tag group's.
fn new_note(sheet: &report::checkup::Worksheet) -> String {
    let yaml = crate::write::yaml::yaml_scalar(&sheet.target);
    match sheet.kind {
        TargetKind::Tag => {
            format!("---\ntype: checkup\n---\n# Check-ups: {}\n", sheet.target.trim_start_matches("tag:"))
        }
        _ => format!("---\ntype: account\nname: {yaml}\n---\n# {}\n", sheet.target),
    }
}
