//! touchbase: a personal CRM that lives in a folder of markdown files.
//!
//! Data flows one way:
//!
//! ```text
//! vault (walk + read) → contact (parse) → schedule (cadence, due, dates) → index (join, lookup)
//!     → query / report (plain structs) → render (bytes) or write (the vault)
//! ```
//!
//! `main.rs` only parses arguments and calls [`run`].

pub mod cli;
pub mod commands;
pub mod config;
pub mod contact;
pub mod dates;
pub mod error;
pub mod exit;
pub mod hash;
pub mod import;
pub mod index;
pub mod query;
pub mod render;
pub mod report;
pub mod schedule;
pub mod text;
pub mod vault;
pub mod vault_path;
pub mod write;

use std::io::Write;

pub use crate::cli::Cli;
use crate::cli::Command;
use crate::commands::Io;
pub use crate::error::{Error, Result};
pub use crate::exit::Exit;

/// Runs one command line, printing results to `out` and diagnostics to `err`.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit> {
    let config = config::Config::from_cli(cli)?;
    let mut io = Io { out, err };
    let agenda = Command::Agenda { days: 14 };
    let exit = match cli.command.as_ref().unwrap_or(&agenda) {
        Command::Agenda { days } => commands::list::agenda(&config, &mut io, *days),
        Command::List { query } => commands::list::list(&config, &mut io, query),
        Command::Show { name } => commands::show::show(&config, &mut io, name),
        Command::Overdue { query } => commands::list::overdue(&config, &mut io, query),
        Command::Upcoming { days, query } => commands::list::upcoming(&config, &mut io, *days, query),
        Command::Check => commands::check::check(&config, &mut io),
        Command::Index { check, force } => commands::index::index(&config, &mut io, *check, *force),
        Command::New { name, company, role, cadence, tags, birthday, email, dir, edit } => {
            let fields = commands::new::NewContact {
                name,
                company: company.as_deref(),
                role: role.as_deref(),
                cadence: cadence.as_deref(),
                tags,
                birthday: birthday.as_deref(),
                email: email.as_deref(),
                dir: dir.as_deref(),
                edit: *edit,
            };
            commands::new::new(&config, &mut io, &fields)
        }
        Command::Log { name, message, date, planned } => {
            commands::log::log(&config, &mut io, name, message, date.as_deref(), *planned)
        }
        Command::Snooze { name, until, clear } => {
            commands::log::snooze(&config, &mut io, name, until.as_deref(), *clear)
        }
        Command::Edit { name } => commands::log::edit(&config, &mut io, name),
        Command::Outreach { week, next, limit, write, force } => {
            let options = commands::outreach::OutreachArgs {
                week: week.as_deref(),
                next: *next,
                limit: *limit,
                write: *write,
                force: *force,
            };
            commands::outreach::outreach(&config, &mut io, &options)
        }
        Command::Accounts { company } => commands::outreach::accounts(&config, &mut io, company.as_deref()),
        Command::Export { query } => commands::export::export(&config, &mut io, query),
        Command::Import { file, dry_run, tag, dir } => {
            commands::import::import(&config, &mut io, file, *dry_run, tag, dir.as_deref())
        }
        Command::Completions { shell } => commands::shell::completions(&mut io, *shell),
        Command::Man => commands::shell::man(&mut io),
        Command::CompleteNames => commands::shell::complete_names(&config, &mut io),
        Command::Watch { debounce } => commands::watch::watch(&config, &mut io, *debounce),
    }?;
    io.out.flush()?;
    Ok(exit)
}

impl Error {
    /// The exit status for this error (SPEC 4).
    pub fn exit(&self) -> Exit {
        match self {
            Error::NoMatch(_) | Error::Refused(_) => Exit::Unmatched,
            _ => Exit::Failure,
        }
    }
}
