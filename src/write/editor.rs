//! Hands a vault file to the user's editor (`$VISUAL`, else `$EDITOR`, else `vi`, as resolved in
//! `config`) and waits for it.

use std::path::Path;

use crate::error::{Error, Result};

/// Runs `editor` on a file through the shell, so that an editor with arguments (`code -w`)
/// works. The path is absolute: a file named `+!cmd` or `--eval=..` would otherwise be read by
/// the editor as an option or a command.
pub(crate) fn open(editor: &str, path: &Path) -> Result<()> {
    let path = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&path)
        .status()
        .map_err(|e| Error::usage(format!("cannot run the editor {editor:?}: {e}")))?;
    if !status.success() {
        return Err(Error::usage(format!("the editor {editor:?} exited with {status}")));
    }
    Ok(())
}
