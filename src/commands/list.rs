//! `list`, `overdue` and `upcoming`.

use super::{keep_for, open_owned, output, success, Io};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::query::{stream::Files, Query};
use crate::render::rows::{self, ContactColumns};
use crate::render::ListFormat;
use crate::report;

pub(crate) fn list(config: &Config, io: &mut Io<'_>, query: &Query, format: ListFormat) -> Result<Exit> {
    let (mut session, _) = open_owned(config, io, keep_for(format, query))?;
    super::open_private(config, io, &mut session)?;
    let found = report::list(
        &session.index,
        query,
        &session.settings.fields,
        format == ListFormat::Json,
        Some(&Files::of(&session, query)),
    );
    rows::contacts(io.out, &output(config, format), &found, ContactColumns::List, "No contacts match.")
        .map_err(Error::Output)?;
    if found.is_empty() {
        super::hint_unknown_keys(io, &session, query)?;
    }
    // Like grep: a query that matched nothing exits 1; an empty vault listed whole does not.
    Ok(if query.clauses.is_empty() { Exit::Success } else { success(!found.is_empty()) })
}

pub(crate) fn overdue(config: &Config, io: &mut Io<'_>, query: &Query, format: ListFormat) -> Result<Exit> {
    let (mut session, _) = open_owned(config, io, keep_for(format, query))?;
    super::open_private(config, io, &mut session)?;
    let found = report::overdue(
        &session.index,
        query,
        &session.settings.fields,
        format == ListFormat::Json,
        Some(&Files::of(&session, query)),
    );
    rows::contacts(io.out, &output(config, format), &found, ContactColumns::Overdue, "Nobody is overdue.")
        .map_err(Error::Output)?;
    if found.is_empty() {
        super::hint_unknown_keys(io, &session, query)?;
    }
    Ok(Exit::Success)
}

pub(crate) fn upcoming(
    config: &Config,
    io: &mut Io<'_>,
    days: Option<u32>,
    query: &Query,
    format: ListFormat,
) -> Result<Exit> {
    let (session, _) = open_owned(config, io, keep_for(format, query))?;
    let days = days.unwrap_or(session.settings.upcoming_days);
    let found = report::upcoming(
        &session.index,
        query,
        &session.settings.fields,
        days,
        Some(&Files::of(&session, query)),
    );
    let empty = format!("Nothing in the next {days} days.");
    rows::events(io.out, &output(config, format), &found, &empty).map_err(Error::Output)?;
    if found.is_empty() {
        super::hint_unknown_keys(io, &session, query)?;
    }
    Ok(Exit::Success)
}
