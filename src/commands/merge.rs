//! `merge-file BASE OURS THEIRS [PATH]`: git's merge driver. Reads the three versions git
//! handed over, merges them (`merge::merge`) and replaces OURS with the result; exit 1 when
//! conflict markers remain, as git's driver protocol asks.

use std::path::Path;

use super::Io;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::write::Writer;

pub(crate) fn merge_file(
    io: &mut Io<'_>,
    [base, ours, theirs]: [&Path; 3],
    path: Option<&Path>,
) -> Result<Exit> {
    let read = crate::vault::read_input;
    let (base_bytes, ours_bytes, theirs_bytes) = (read(base)?, read(ours)?, read(theirs)?);
    let merged = crate::merge::merge(&base_bytes, &ours_bytes, &theirs_bytes)?;
    // git names OURS relative to the repository's top folder, where it runs the driver.
    let folder = ours.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = ours.file_name().map(Path::new).ok_or_else(|| Error::usage("OURS must name a file"))?;
    Writer::new(folder)?.replace(name, &ours_bytes, &merged.bytes)?;
    if !merged.conflicts {
        return Ok(Exit::Success);
    }
    crate::render::merge_conflicts(io.err, path.unwrap_or(ours)).map_err(Error::Output)?;
    Ok(Exit::Unmatched)
}
