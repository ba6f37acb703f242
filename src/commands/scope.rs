//! What a command sees of the vault beyond `open`: only one owner's contacts (`--owner`,
//! `--mine`), and the user's private notes for the commands that only print.
use super::{open, Io};
use crate::config::Config;
use crate::contact::Keep;
use crate::error::{Error, Result};
use crate::vault::Session;

/// The private notes (`vault::private`) of a command that only prints to the user (`show`,
/// `brief`, the listings), attached to the session's index for full-text terms. A missing
/// folder is one warning on standard error. The commands that write never call this.
pub(crate) fn open_private(
    config: &Config,
    io: &mut Io<'_>,
    session: &mut Session,
) -> Result<Vec<crate::vault::private::PrivateNote>> {
    let Some(dir) = &config.private else { return Ok(Vec::new()) };
    let private = crate::vault::private::load(dir);
    if let (Some(warning), false) = (&private.warning, config.quiet) {
        writeln!(io.err, "touchbase: warning: {warning}").map_err(Error::Output)?;
    }
    crate::vault::private::attach(&mut session.index, &private.notes);
    Ok(private.notes)
}

/// [`open`], then the contacts `--owner` / `--mine` leave out dropped from the index, so that
/// every listing built on it shows the owner's only. Returns the owner kept, if any.
pub(crate) fn open_owned(
    config: &Config,
    io: &mut Io<'_>,
    keep: Keep,
) -> Result<(Session, Option<crate::query::owner::Owner>)> {
    let mut session = open(config, io, keep)?;
    let owner = crate::config::me::owner(config.owner.as_ref(), &session.settings, &config.root)?;
    if let Some(owner) = &owner {
        let others = owner.others(&session.index);
        session.index.remove_all(&others);
    }
    Ok((session, owner))
}
