//! The agenda (the default command): who is overdue, then the next days' dates, follow-ups
//! and the check-ups that fall due.

use super::{keep_for, open_owned, output, Io};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::query::Query;
use crate::render::{self, ListFormat};
use crate::report;

/// The default command: overdue contacts, then the next days' dates and follow-ups.
pub(crate) fn agenda(config: &Config, io: &mut Io<'_>, days: u32, format: ListFormat) -> Result<Exit> {
    let query = Query::default();
    let keep = crate::contact::Keep { profile: true, ..keep_for(format, &query) };
    let (session, _) = open_owned(config, io, keep)?;
    let mut agenda = report::agenda(&session.index, &session.settings.fields, days);
    let cx = report::accounts::Context::of(&session);
    let until = config.today.checked_add_days(chrono::Days::new(u64::from(days))).unwrap_or(config.today);
    let accounts = report::accounts::accounts(&session.index, &cx);
    agenda.checkups = report::checkup::due_checkups(&session.index, &accounts, &cx, until);
    render::agenda::agenda(io.out, &output(config, format), &agenda).map_err(Error::Output)?;
    Ok(Exit::Success)
}
