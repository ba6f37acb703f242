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

/// The default command: overdue contacts, then the next days' dates and follow-ups.
pub fn agenda(config: &Config, io: &mut Io<'_>, days: u32) -> Result<Exit> {
    let query = parse_query(&[])?;
    let (vault, index) = load(config, io, super::keep_for(config, &query))?;
    let overdue = report::overdue(&index, &query, &vault.settings.fields);
    let coming = report::upcoming(&index, &query, &vault.settings.fields, days);
    if config.format != Format::Table {
        // Machine formats get one list: everything that needs attention, by path.
        let mut paths: Vec<String> = overdue.iter().map(|r| r.path.clone()).collect();
        paths.extend(coming.iter().map(|e| e.path.clone()));
        let mut seen = std::collections::HashSet::new();
        paths.retain(|p| seen.insert(p.clone()));
        if config.format == Format::Paths {
            for path in paths {
                writeln!(
                    io.out,
                    "{}",
                    crate::vault::join(&config.root, std::path::Path::new(&path)).display()
                )?;
            }
            return Ok(Exit::Success);
        }
        return Err(crate::error::Error::usage(
            "the agenda prints tables and paths; use `overdue` or `upcoming` for json, csv or md",
        ));
    }
    let bold = |text: &str| crate::render::Style::Bold.paint(text, config.color);
    writeln!(io.out, "{}", bold(&format!("Overdue ({})", overdue.len())))?;
    rows::contacts(io.out, &output(config), &overdue, ContactColumns::Overdue, "Nobody is overdue.")?;
    writeln!(io.out)?;
    writeln!(io.out, "{}", bold(&format!("Coming up (today and the next {days} days)")))?;
    rows::events(io.out, &output(config), &coming, "Nothing coming up.")?;
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
