//! `accounts [COMPANY]`: contacts grouped by company, with the gaps that put an account at risk.

use super::{open, output, Io};
use crate::config::Config;
use crate::contact::Keep;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render::{self, ListFormat};
use crate::report;

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
