//! `changes --since REF|DATE [--until REF]`: the vault at both commits (`vault::at_commit`),
//! the one `git log` between, the check-up (`report::changes`) and its table or JSON
//! (`render::changes`).

use super::Io;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::index::Index;
use crate::render::{self, ListFormat};
use crate::report::accounts::DecisionMakers;
use crate::report::changes::{changes as check_up, Ends};
use crate::vault::{at_commit, git, settings::Settings};

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
    let log = range_log(root, since.as_deref(), &until, &prefix)?;
    let before = match &since {
        Some(commit) => end(root, &settings, commit, &prefix)?,
        None => Index::from_contacts(vec![], settings.cadence.clone(), config.today),
    };
    let after = end(root, &settings, &until, &prefix)?;
    let versions = at_commit::versions(root, &settings, &log, &prefix)?;
    let commits = log.iter().map(|r| &r.commit).collect::<std::collections::BTreeSet<_>>().len();
    let deciders = DecisionMakers::new(&settings.decision_maker_roles);
    let (active_days, versions) = (settings.active_days, versions.as_slice());
    let ends = Ends { before: &before, after: &after, commits, versions, deciders: &deciders, active_days };
    let report = check_up(since, until, &ends);
    render::changes::changes(io.out, format, &report).map_err(Error::Output)?;
    Ok(Exit::Success)
}

/// The vault as git holds it at `commit`, as of that commit's own day, so that "recent" means
/// recent then.
fn end(root: &std::path::Path, settings: &Settings, commit: &str, prefix: &str) -> Result<Index> {
    let contacts = at_commit::contacts(root, settings, commit, prefix)?;
    Ok(Index::from_contacts(contacts, settings.cadence.clone(), git::commit_day(root, commit)?))
}

/// The range's log, each path relative to the vault's folder.
fn range_log(
    root: &std::path::Path,
    since: Option<&str>,
    until: &str,
    prefix: &str,
) -> Result<Vec<git::Revision>> {
    let mut log = git::range_log(root, since, until, prefix)?;
    for r in &mut log {
        r.path = r.path.strip_prefix(prefix).unwrap_or(&r.path).to_owned();
    }
    Ok(log)
}
