//! `complete-names`: the contact names the completion scripts offer (see `cli::shell`).

use super::{open, Io};
use crate::config::Config;
use crate::contact::Keep;
use crate::error::{Error, Result};
use crate::exit::Exit;

/// Every contact name and alias, one per line, sorted, for the completion scripts. Broken files
/// are not reported: a completion must never print into the user's command line.
pub(crate) fn complete_names(config: &Config, io: &mut Io<'_>) -> Result<Exit> {
    let mut sink = std::io::sink();
    let mut quiet = Io { out: &mut *io.out, err: &mut sink };
    let session = open(config, &mut quiet, Keep::LEAN)?;
    for name in crate::report::completion_names(&session.index) {
        writeln!(io.out, "{name}").map_err(Error::Output)?;
    }
    Ok(Exit::Success)
}
