//! `man`: print touchbase(1) or a command's page, or write every page into a folder.

use std::path::Path;

use super::Io;
use crate::error::{Error, Result};
use crate::exit::Exit;

pub(crate) fn man(io: &mut Io<'_>, command: &[String], dir: Option<&Path>) -> Result<Exit> {
    if let Some(dir) = dir {
        return write_all(io, dir);
    }
    let Some(page) = crate::cli::man::page_of(command)? else {
        return Err(Error::usage(format!(
            "no man page for `{}`: `touchbase --help` lists the commands",
            command.join(" ")
        )));
    };
    io.out.write_all(&page).map_err(Error::Output)?;
    Ok(Exit::Success)
}

/// Every page into `dir` (which must exist), each replaced atomically; prints each path.
fn write_all(io: &mut Io<'_>, dir: &Path) -> Result<Exit> {
    for (name, page) in crate::cli::man::pages()? {
        let path = dir.join(&name);
        let temp = crate::write::atomic::temp_file(&path, &page, None)?;
        crate::write::atomic::persist(temp, &path)?;
        writeln!(io.out, "{}", path.display()).map_err(Error::Output)?;
    }
    Ok(Exit::Success)
}
