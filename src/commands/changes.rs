//! `changes --since REF|DATE [--until REF]`: the vault at both commits (one `git ls-tree` each,
//! one `git cat-file --batch` for every file), the one `git log` between, the check-up
//! (`report::changes`) and its table or JSON (`render::changes`).

use super::Io;
use crate::config::Config;
use crate::contact::{Contact, Keep, ParseOptions, Parsed};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::index::Index;
use crate::render::{self, ListFormat};
use crate::report::accounts::DecisionMakers;
use crate::report::changes::{changes as check_up, versions, Ends};
use crate::vault::{git, settings::Settings};

pub(crate) fn changes(
    config: &Config,
    io: &mut Io<'_>,
    since: &str,
    until: &str,
    format: ListFormat,
) -> Result<Exit> {
    let root = &config.root;
    let prefix = git::prefix(root)?;
    let settings = Settings::load(root)?;
    let until = git::point(root, until, "HEAD")?.ok_or_else(|| Error::usage("--until names no commit"))?;
    let since = git::point(root, since, &until)?;
    let mut log = git::range_log(root, since.as_deref(), &until, &prefix)?;
    for r in &mut log {
        r.path = r.path.strip_prefix(&prefix).unwrap_or(&r.path).to_owned();
    }
    let before = match &since {
        Some(commit) => at(config, &settings, commit, &prefix)?,
        None => Index::from_contacts(vec![], settings.cadence.clone(), config.today),
    };
    let after = at(config, &settings, &until, &prefix)?;
    let versions = between(config, &settings, &log, &prefix)?;
    let commits = log.iter().map(|r| &r.commit).collect::<std::collections::BTreeSet<_>>().len();
    let deciders = DecisionMakers::new(&settings.decision_maker_roles);
    let ends = Ends { before: &before, after: &after, commits, versions: &versions, deciders: &deciders };
    let report = check_up(since, until, &ends);
    render::changes::changes(io.out, format, &report).map_err(Error::Output)?;
    Ok(Exit::Success)
}

/// Every contact of the vault at `commit`, parsed from git's copy of each file.
fn at(config: &Config, settings: &Settings, commit: &str, prefix: &str) -> Result<Index> {
    let files = git::tree(&config.root, commit, prefix)?;
    let wanted: Vec<_> = files.iter().map(|f| (commit.to_owned(), f.clone())).collect();
    let texts = git::texts(&config.root, &wanted)?;
    let options = options(settings);
    let mut contacts = Vec::new();
    for (file, text) in files.iter().zip(texts) {
        let path = std::path::Path::new(file.strip_prefix(prefix).unwrap_or(file));
        if let Some(Ok(Parsed::Contact(contact, _))) =
            text.map(|t| crate::contact::parse(path, path, &t, &options))
        {
            contacts.push(contact);
        }
    }
    Ok(Index::from_contacts(contacts, settings.cadence.clone(), config.today))
}

fn options(settings: &Settings) -> ParseOptions<'_> {
    let keep = Keep { front_matter: true, interactions: usize::MAX, ..Keep::LEAN };
    ParseOptions { fields: &settings.fields, keep, kinds: &settings.kinds }
}

/// Each file the log names, at each commit that touched it (one more `cat-file --batch`).
fn between(
    config: &Config,
    settings: &Settings,
    log: &[git::Revision],
    prefix: &str,
) -> Result<Vec<(String, Contact)>> {
    let changed: Vec<_> = log.iter().filter(|r| !r.deleted).cloned().collect();
    let wanted: Vec<_> = changed.iter().map(|r| (r.commit.clone(), format!("{prefix}{}", r.path))).collect();
    Ok(versions(&changed, git::texts(&config.root, &wanted)?, &options(settings)))
}
