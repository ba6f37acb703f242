//! One function per subcommand: the only layer that knows the whole pipeline
//! (load → index → query/report → render or write).

pub mod check;
pub mod export;
pub mod import;
pub mod index;
pub mod list;
pub mod log;
pub mod new;
pub mod outreach;
pub mod shell;
pub mod show;
pub mod watch;

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
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

/// Loads the vault into a session. Diagnostics are printed unless `--quiet`.
pub fn open(config: &Config, io: &mut Io<'_>, keep: Keep) -> Result<Session> {
    let options = LoadOptions { keep, cache_dir: config.cache_dir.as_deref() };
    let session = Session::load(&config.root, options, config.today)?;
    if !config.quiet {
        print_diagnostics(io.err, &session.diagnostics)?;
    }
    Ok(session)
}

pub fn print_diagnostics(err: &mut dyn Write, diagnostics: &[Diagnostic]) -> Result<()> {
    crate::render::diagnostics(err, diagnostics).map_err(Error::Output)?;
    Ok(())
}

pub fn output(config: &Config, format: ListFormat) -> Output<'_> {
    Output { format, color: config.color, root: &config.root }
}

/// One contact by NAME, or an error listing the candidates.
pub fn resolve(index: &Index, name: &str, partial: bool) -> Result<usize> {
    crate::report::lookup::one(index, name, partial).map_err(Error::NoMatch)
}

/// What a listing command must keep of each contact for this query and output format.
pub fn keep_for(format: ListFormat, query: &Query) -> Keep {
    let front_matter = format == ListFormat::Json || query.needs_fields();
    Keep { body: query.needs_body(), front_matter, ..Keep::LEAN }
}

pub fn success(found_something: bool) -> Exit {
    if found_something {
        Exit::Success
    } else {
        Exit::Unmatched
    }
}
