//! A contact by the NAME the user typed, or the message that says why there is none: no
//! contact of that name (with near misses to suggest), or several.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::index::{Index, Resolved};
use crate::vault::Session;

/// How many candidates a message lists.
const SHOWN: usize = 10;

/// The entry NAME resolves to (a trailing `.md` is ignored), or the message for the user.
pub(crate) fn one(index: &Index, name: &str, partial: bool) -> Result<usize, String> {
    let name = name.strip_suffix(".md").unwrap_or(name);
    match index.resolve(name, partial) {
        Resolved::One(i) => Ok(i),
        Resolved::Ambiguous(ids) => {
            Err(format!("{name:?} matches more than one contact:{}", list(index, &ids)))
        }
        Resolved::Unknown(ids) if ids.is_empty() => Err(format!("no contact named {name:?}")),
        Resolved::Unknown(ids) => {
            Err(format!("no contact named {name:?}; did you mean:{}", list(index, &ids)))
        }
    }
}

/// `\n  Jane Doe (people/Jane Doe.md)` per candidate, made safe for a terminal.
fn list(index: &Index, ids: &[usize]) -> String {
    let mut text = String::new();
    for e in ids.iter().take(SHOWN).filter_map(|&i| index.entries.get(i)) {
        let line = format!("{} ({})", e.contact.name, super::slash_path(&e.contact.path));
        text.push_str("\n  ");
        text.push_str(&crate::text::sanitize(&line));
    }
    if ids.len() > SHOWN {
        text.push_str(&format!("\n  ... and {} more", ids.len() - SHOWN));
    }
    text
}

/// The files the NAMEs resolve to (exactly: name, alias or file name), each once, in the order
/// named; refused when one names no contact (saying why when its file cannot be read) or two
/// name the same contact.
pub(crate) fn files(session: &Session, names: &[&str]) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = Vec::new();
    for name in names {
        let i = one(&session.index, name, false).map_err(|message| {
            match super::unreadable(&session.diagnostics, name) {
                Some(diagnostic) => Error::Refused(format!(
                    "{name:?}: its file cannot be read, so nothing was changed: {diagnostic}"
                )),
                None => Error::NoMatch(message),
            }
        })?;
        let relative = session.index.entries.get(i).map(|e| e.contact.path.clone()).unwrap_or_default();
        if files.contains(&relative) {
            return Err(Error::usage(format!(
                "{name:?} is named twice ({}); nothing was written",
                relative.display()
            )));
        }
        files.push(relative);
    }
    Ok(files)
}
