//! A contact by the NAME the user typed, or the message that says why there is none: no
//! contact of that name (with near misses to suggest), or several.

use crate::index::{Index, Resolved};

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
