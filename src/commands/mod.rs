//! One function per subcommand: the only layer that knows the whole pipeline
//! (load → index → query/report → render or write).

pub(crate) mod accounts;
pub(crate) mod agenda;
pub(crate) mod apply;
pub(crate) mod brief;
pub(crate) mod cards;
pub(crate) mod changes;
pub(crate) mod check;
pub(crate) mod checkup;
pub(crate) mod edit;
pub(crate) mod export;
pub(crate) mod history;
pub(crate) mod import;
pub(crate) mod index;
pub(crate) mod init;
pub(crate) mod list;
pub(crate) mod log;
pub(crate) mod man;
pub(crate) mod merge;
pub(crate) mod new;
pub(crate) mod outreach;
pub(crate) mod pager;
pub(crate) mod profile;
mod scope;
pub(crate) mod shell;
pub(crate) mod show;
pub(crate) mod sync;
pub(crate) mod watch;

pub(crate) use scope::{open_owned, open_private};
use std::io::Write;

use crate::config::Config;
use crate::contact::Keep;
use crate::error::{Diagnostic, Error, Result};
use crate::exit::Exit;
use crate::index::Index;
use crate::query::Query;
use crate::render::rows::Output;
use crate::render::ListFormat;
use crate::vault::{LoadOptions, Session};

/// Where a command prints: results to `out`, diagnostics to `err`.
pub(crate) struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

/// Loads the vault into a session. Its diagnostics are summed up in one line (every one with
/// `--verbose`, none with `--quiet`).
pub(crate) fn open(config: &Config, io: &mut Io<'_>, keep: Keep) -> Result<Session> {
    let options = LoadOptions { keep, cache_dir: config.cache_dir.as_deref() };
    let mut session = Session::load(&config.root, options, config.today)?;
    // The user's own `me` (config.toml) when the vault's settings name nobody.
    if session.settings.me.is_empty() {
        session.settings.me.clone_from(&config.me);
    }
    print_diagnostics(config, io.err, &session.diagnostics)?;
    if !config.quiet {
        init::hint_if_no_vault(config, &session, io.err)?;
    }
    Ok(session)
}

/// Nothing with `--quiet`, every line with `--verbose`, else `N files have problems: ...`.
pub(crate) fn print_diagnostics(
    config: &Config,
    err: &mut dyn Write,
    diagnostics: &[Diagnostic],
) -> Result<()> {
    if config.quiet {
        return Ok(());
    }
    crate::render::load_diagnostics(err, diagnostics, config.verbose).map_err(Error::Output)
}

pub(crate) fn output(config: &Config, format: ListFormat) -> Output<'_> {
    Output { format, color: config.color, root: &config.root }
}

/// One contact by NAME, or an error listing the candidates.
pub(crate) fn resolve(index: &Index, name: &str, partial: bool) -> Result<usize> {
    crate::report::lookup::one(index, name, partial).map_err(Error::NoMatch)
}

/// What a listing command must keep of each contact for this query and output format. Rows
/// never show the profile; the agenda (its accounts' check-ups) asks for it.
pub(crate) fn keep_for(format: ListFormat, query: &Query) -> Keep {
    // Full-text terms read each file as they go (`query::stream`): no body nor front matter kept.
    let front_matter = format == ListFormat::Json || query.needs_fields_beyond_text();
    Keep { front_matter, profile: false, ..Keep::LEAN }
}

/// A query that matched nothing: one line on standard error for each key it asks about that no
/// contact has, with the nearest key the vault has (`did you mean `company`?`).
pub(crate) fn hint_unknown_keys(io: &mut Io<'_>, session: &Session, query: &Query) -> Result<()> {
    for hint in crate::query::unknown_key_hints(query, &session.index.entries, &session.settings.fields) {
        writeln!(io.err, "{hint}").map_err(Error::Output)?;
    }
    Ok(())
}

pub(crate) fn success(found_something: bool) -> Exit {
    if found_something {
        Exit::Success
    } else {
        Exit::Unmatched
    }
}
