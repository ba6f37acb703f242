//! `import FILE`: contacts from vCard (3.0/4.0) or CSV (LinkedIn, Google, generic) files.

use std::path::Path;

use super::Io;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::exit::Exit;

pub fn import(
    config: &Config,
    io: &mut Io<'_>,
    file: &Path,
    dry_run: bool,
    tags: &[String],
    dir: Option<&Path>,
) -> Result<Exit> {
    let _ = (config, io, file, dry_run, tags, dir);
    Err(Error::usage("import is not implemented yet"))
}
