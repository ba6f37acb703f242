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
    tree: bool,
    format: ListFormat,
) -> Result<Exit> {
    let session = open(config, io, Keep::LEAN)?;
    let mut all = report::accounts::accounts(&session.index, &report::accounts::Context::of(&session));
    // Whole accounts, all their people: an owned account's gaps count everyone at it.
    if let Some(owner) = crate::config::me::owner(config.owner.as_ref(), &session.settings, &config.root)? {
        report::accounts::keep_owned(&mut all, &owner);
        if all.is_empty() {
            return Err(Error::NoMatch(format!("no account is owned by {}", owner.ids.join(" or "))));
        }
    }
    if let Some(wanted) = company {
        report::accounts::keep_company(&mut all, wanted);
        if all.is_empty() {
            return Err(Error::NoMatch(format!("no company matches {wanted:?}")));
        }
    }
    if tree {
        let charts = report::accounts::charts(&all);
        render::accounts::charts(io.out, format, &charts).map_err(Error::Output)?;
        return Ok(Exit::Success);
    }
    render::accounts::accounts(io.out, &output(config, format), &all).map_err(Error::Output)?;
    Ok(Exit::Success)
}
