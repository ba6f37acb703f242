//! `history NAME`: the contact's file at each commit that touched it (`vault::git`), turned into
//! the changes and touches (`report::history`) and printed (`render::history`).

use super::{open, resolve, Io};
use crate::config::Config;
use crate::contact::{Keep, ParseOptions};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render::{self, ListFormat};
use crate::vault::git;

pub(crate) fn history(config: &Config, io: &mut Io<'_>, name: &str, format: ListFormat) -> Result<Exit> {
    // Before the vault is read: a vault outside git gets its one clear message.
    let prefix = git::prefix(&config.root)?;
    let session = open(config, io, Keep::LEAN)?;
    let i = resolve(&session.index, name, true)?;
    let contact = &session.index.entries[i].contact;
    let path = contact.path.to_string_lossy().replace('\\', "/");
    let log = git::file_log(&config.root, &path)?;
    let wanted: Vec<_> = log.iter().map(|r| format!("{}:{}", r.commit, r.path)).collect();
    let texts = git::texts(&config.root, &wanted)?;
    let revisions: Vec<_> = log
        .into_iter()
        .map(|mut r| {
            r.path = r.path.strip_prefix(&prefix).unwrap_or(&r.path).to_owned();
            r
        })
        .zip(texts)
        .collect();
    let settings = &session.settings;
    let options = ParseOptions { fields: &settings.fields, keep: Keep::LEAN, kinds: &settings.kinds };
    let report = crate::report::history::history(&contact.name, &path, &revisions, &options);
    render::history::history(io.out, format, &report).map_err(Error::Output)?;
    Ok(Exit::Success)
}
