//! `list`, `overdue` and `upcoming`.

use super::{load, output, parse_query, success, Io};
use crate::config::Config;
use crate::error::Result;
use crate::exit::Exit;
use crate::render::rows::{self, ContactColumns};
use crate::render::Format;
use crate::report;

pub fn list(config: &Config, io: &mut Io<'_>, words: &[String]) -> Result<Exit> {
    let query = parse_query(words)?;
    let (vault, index) = load(config, io, super::keep_for(config, &query))?;
    let mut found = report::list(&index, &query, &vault.settings.fields);
    if config.format == Format::Json {
        report::attach_fields(&mut found, &index);
    }
    rows::contacts(io.out, &output(config), &found, ContactColumns::List, "No contacts match.")?;
    // Like grep: a query that matched nothing exits 1; an empty vault listed whole does not.
    Ok(if query.clauses.is_empty() { Exit::Success } else { success(!found.is_empty()) })
}

pub fn overdue(config: &Config, io: &mut Io<'_>, words: &[String]) -> Result<Exit> {
    let query = parse_query(words)?;
    let (vault, index) = load(config, io, super::keep_for(config, &query))?;
    let mut found = report::overdue(&index, &query, &vault.settings.fields);
    if config.format == Format::Json {
        report::attach_fields(&mut found, &index);
    }
    rows::contacts(io.out, &output(config), &found, ContactColumns::Overdue, "Nobody is overdue.")?;
    Ok(Exit::Success)
}

pub fn upcoming(config: &Config, io: &mut Io<'_>, days: Option<u32>, words: &[String]) -> Result<Exit> {
    let query = parse_query(words)?;
    let (vault, index) = load(config, io, super::keep_for(config, &query))?;
    let days = days.unwrap_or(vault.settings.upcoming_days);
    let found = report::upcoming(&index, &query, &vault.settings.fields, days);
    let empty = format!("Nothing in the next {days} days.");
    rows::events(io.out, &output(config), &found, &empty)?;
    Ok(Exit::Success)
}
