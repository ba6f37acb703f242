//! The vault's contacts as git holds them at a commit (`vault::git`'s `ls-tree` and one
//! `cat-file --batch`), parsed as the vault parses them and left out as its walk leaves out:
//! what `changes` compares, never the working tree.

use std::path::Path;

use super::git::{self, Revision};
use super::settings::Settings;
use super::walk::is_skipped;
use crate::contact::{Contact, Keep, ParseOptions, Parsed};
use crate::error::Result;

fn options(settings: &Settings) -> ParseOptions<'_> {
    let keep = Keep { front_matter: true, interactions: usize::MAX, ..Keep::LEAN };
    ParseOptions { fields: &settings.fields, keep, kinds: &settings.kinds }
}

/// What the vault's walk leaves out (hidden, generated pages, `touchbase.toml`'s globs).
fn skipped(settings: &Settings, file: &str) -> bool {
    is_skipped(settings, Path::new(file), false)
}

fn parse(file: &str, text: Option<String>, options: &ParseOptions<'_>) -> Option<Box<Contact>> {
    let path = Path::new(file);
    match crate::contact::parse(path, path, &text?, options) {
        Ok(Parsed::Contact(contact, _)) => Some(contact),
        _ => None,
    }
}

/// Every contact of the vault at `commit`; `prefix` is the vault's folder in the repository.
pub(crate) fn contacts(
    root: &Path,
    settings: &Settings,
    commit: &str,
    prefix: &str,
) -> Result<Vec<Box<Contact>>> {
    let (wanted, files): (Vec<String>, Vec<String>) = git::tree(root, commit, prefix)?
        .into_iter()
        .filter_map(|(oid, f)| f.strip_prefix(prefix).map(|f| (oid, f.to_owned())))
        .filter(|(_, f)| !skipped(settings, f))
        .unzip();
    let options = options(settings);
    let texts = git::texts(root, &wanted)?;
    Ok(files.iter().zip(texts).filter_map(|(f, text)| parse(f, text, &options)).collect())
}

/// Each contact file `log` names (vault-relative paths), at the commit that touched it, with
/// that commit's author, newest first (one more `cat-file --batch`).
pub(crate) fn versions(
    root: &Path,
    settings: &Settings,
    log: &[Revision],
    prefix: &str,
) -> Result<Vec<(String, Contact)>> {
    let changed: Vec<_> = log.iter().filter(|r| !r.deleted && !skipped(settings, &r.path)).collect();
    let wanted: Vec<_> = changed.iter().map(|r| format!("{}:{prefix}{}", r.commit, r.path)).collect();
    let options = options(settings);
    let texts = git::texts(root, &wanted)?;
    Ok(changed
        .iter()
        .zip(texts)
        .filter_map(|(r, text)| parse(&r.path, text, &options).map(|c| (r.author.clone(), *c)))
        .collect())
}
