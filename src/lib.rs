//! touchbase: a personal CRM that lives in a folder of markdown files.
//!
//! Data flows one way:
//!
//! ```text
//! vault (walk + read) → contact (parse) → schedule (cadence, due, dates) → index (join, lookup)
//!     → query / report (plain structs) → render (bytes) or write (the vault)
//! ```
//!
//! `main.rs` only parses arguments and calls [`run`]. docs/architecture.md is the map.
//!
//! The public surface is deliberate and small: [`run`], [`Cli`], [`Error`] and [`Exit`] for
//! the binary, and the parsers and editors the fuzz targets (`fuzz/src/lib.rs`, also compiled
//! into the integration tests) drive: `contact`, `dates`, `import`, `index`, `query`,
//! `schedule` and `write::edit`. Everything else is `pub(crate)` (`unreachable_pub` warns).

pub mod cli;
pub(crate) mod clock;
pub(crate) mod commands;
pub(crate) mod config;
pub mod contact;
pub mod dates;
pub mod error;
pub mod exit;
pub(crate) mod hash;
pub mod import;
pub mod index;
pub(crate) mod merge;
pub mod query;
pub(crate) mod render;
pub(crate) mod report;
pub mod schedule;
pub(crate) mod sync;
pub(crate) mod text;
pub(crate) mod vault;
pub(crate) mod vault_path;
pub(crate) mod watch;
pub mod write;

use std::io::Write;

pub use crate::cli::Cli;
use crate::commands::Io;
use crate::config::Request;
pub use crate::error::{Error, Result};
pub use crate::exit::Exit;

/// Runs one command line, printing results to `out` (or a pager, on a terminal) and
/// diagnostics to `err`.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit> {
    let (config, request) = config::resolve(cli)?;
    for warning in &config.warnings {
        writeln!(err, "touchbase: warning: {warning}").map_err(Error::Output)?;
    }
    let command = config.pager.as_deref().filter(|_| commands::pager::pages(&request));
    let mut pager = command.and_then(commands::pager::Pager::start);
    let result = match pager.as_mut().and_then(commands::pager::Pager::input) {
        Some(input) => dispatch(&config, request, &mut std::io::BufWriter::new(input), err),
        None => dispatch(&config, request, out, err),
    };
    if let Some(pager) = pager {
        pager.finish();
    }
    result
}

/// One line per command.
fn dispatch(
    config: &config::Config,
    request: Request,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit> {
    let io = &mut Io { out, err };
    let c = config;
    let exit = match request {
        Request::Agenda { days, format } => commands::agenda::agenda(c, io, days, format),
        Request::List { query, format } => commands::list::list(c, io, &query, format),
        Request::Show { name, format } => commands::show::show(c, io, &name, format),
        Request::Profile { name, format } => commands::profile::profile(c, io, &name, format),
        Request::Brief { name, format } => commands::brief::brief(c, io, &name, format),
        Request::Overdue { query, format } => commands::list::overdue(c, io, &query, format),
        Request::Upcoming { days, query, format } => commands::list::upcoming(c, io, days, &query, format),
        Request::Check { format, explain: None } => commands::check::check(c, io, format),
        Request::Check { format, explain: Some(path) } => commands::check::explain(c, io, &path, format),
        Request::Index { check, force } => commands::index::index(c, io, check, force),
        Request::New(new) => commands::new::new(c, io, &new),
        Request::Log(entry) => commands::log::log(c, io, &entry),
        Request::Snooze { name, until } => commands::log::snooze(c, io, &name, until),
        Request::Edit { name } => commands::edit::edit(c, io, &name),
        Request::Outreach(outreach) => commands::outreach::outreach(c, io, &outreach),
        Request::Cards(cards) => commands::cards::cards(c, io, &cards),
        Request::Accounts { company, tree, format } => {
            commands::accounts::accounts(c, io, company.as_deref(), tree, format)
        }
        Request::Checkup { target, write, format } => {
            commands::checkup::checkup(c, io, &target, write, format)
        }
        Request::Export { query, format } => commands::export::export(c, io, &query, format),
        Request::Import(import) => commands::import::import(c, io, &import),
        Request::History { name, format } => commands::history::history(c, io, &name, format),
        Request::Changes { since, until, format } => {
            commands::changes::changes(c, io, &since, &until, format)
        }
        Request::Init { git } => commands::init::init(c, io, git),
        Request::MergeFile { base, ours, theirs, path } => {
            commands::merge::merge_file(io, [&base, &ours, &theirs], path.as_deref())
        }
        Request::Completions(shell) => cli::shell::completions(io.out, shell).map(|()| Exit::Success),
        Request::Man { command, dir } => commands::man::man(io, &command, dir.as_deref()),
        Request::CompleteNames => commands::shell::complete_names(c, io),
        Request::Watch { debounce } => commands::watch::watch(c, io, debounce),
        Request::SyncCalendar(sync) => commands::sync::calendar(c, io, &sync),
        Request::SyncContacts(sync) => commands::sync::contacts(c, io, &sync),
    }?;
    io.out.flush().map_err(Error::Output)?;
    Ok(exit)
}

impl Error {
    /// The exit status for this error (SPEC 4).
    #[must_use]
    pub fn exit(&self) -> Exit {
        match self {
            Error::NoMatch(_) | Error::Refused(_) => Exit::Unmatched,
            _ => Exit::Failure,
        }
    }
}
