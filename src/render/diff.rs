//! What an edit changed: the file, then its removed and added lines (`- old`, `+ new`).

use std::io::{self, Write};
use std::path::Path;

use super::sanitize;

pub(crate) fn changed_lines(
    w: &mut (impl Write + ?Sized),
    path: &Path,
    before: &str,
    after: &str,
) -> io::Result<()> {
    writeln!(w, "{}", path.display())?;
    let diff = similar::TextDiff::from_lines(before, after);
    for change in diff.iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Delete => "-",
            similar::ChangeTag::Insert => "+",
            similar::ChangeTag::Equal => continue,
        };
        let line = change.value().trim_end_matches(['\n', '\r']);
        writeln!(w, "{sign} {}", sanitize(line))?;
    }
    Ok(())
}

/// Warnings about writes that went ahead (a hard link left behind).
pub(crate) fn warnings(w: &mut (impl Write + ?Sized), warnings: &[String]) -> io::Result<()> {
    for warning in warnings {
        writeln!(w, "touchbase: warning: {}", sanitize(warning))?;
    }
    Ok(())
}

/// `N ticked: M recorded, K already recorded` (an outreach list's ticks applied).
pub(crate) fn recorded(w: &mut (impl Write + ?Sized), ticked: usize, recorded: usize) -> io::Result<()> {
    let already = ticked.saturating_sub(recorded);
    writeln!(w, "{ticked} ticked: {recorded} recorded, {already} already recorded")
}
