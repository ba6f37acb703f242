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
use crate::index::{Index, Resolved};
use crate::query::Query;
use crate::render::rows::Output;
use crate::vault::{LoadOptions, Vault};

/// Where a command prints: results to `out`, diagnostics to `err`.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

/// Loads the vault and builds the index. Diagnostics are printed unless `--quiet`.
pub fn load(config: &Config, io: &mut Io<'_>, keep: Keep) -> Result<(Vault, Index)> {
    let options = LoadOptions { keep, cache_dir: config.cache_dir.as_deref() };
    let mut vault = Vault::load(&config.root, options)?;
    if !config.quiet {
        print_diagnostics(io.err, &vault.diagnostics)?;
    }
    let policy = vault.settings.cadence.clone();
    let index = Index::new(&mut vault, &policy, config.today);
    Ok((vault, index))
}

pub fn print_diagnostics(err: &mut dyn Write, diagnostics: &[Diagnostic]) -> Result<()> {
    for diagnostic in diagnostics {
        writeln!(err, "{diagnostic}")?;
    }
    Ok(())
}

pub fn output(config: &Config) -> Output<'_> {
    Output { format: config.format, color: config.color, root: &config.root }
}

/// Joins command-line words into one query; a word the shell unquoted that holds spaces is a
/// phrase again (`touchbase list "red sox"`).
pub fn parse_query(words: &[String]) -> Result<Query> {
    let text = words
        .iter()
        .map(|word| {
            if !word.chars().any(char::is_whitespace) || word.contains('"') {
                return word.clone();
            }
            // A whole query in one argument: `touchbase list 'tag:customer status:ok'`.
            let looks_like_terms = word.split_whitespace().all(|w| {
                w.trim_start_matches('-').split_once(':').is_some_and(|(k, v)| !k.is_empty() && !v.is_empty())
            });
            if looks_like_terms {
                return word.clone();
            }
            match word.split_once(':') {
                Some((key, value)) if !key.is_empty() && !key.chars().any(char::is_whitespace) => {
                    format!("{key}:\"{value}\"")
                }
                _ => format!("\"{word}\""),
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    Query::parse(&text).map_err(|e| Error::usage(e.to_string()))
}

/// One contact by NAME, or an error listing the candidates.
pub fn resolve(index: &Index, name: &str, partial: bool) -> Result<usize> {
    const SHOWN: usize = 10;
    let list = |ids: &[usize]| {
        let mut text: String = ids
            .iter()
            .take(SHOWN)
            .filter_map(|&i| index.entries.get(i))
            .map(|e| {
                let line = format!("{} ({})", e.contact.name, crate::report::slash_path(&e.contact.path));
                format!("\n  {}", crate::render::sanitize(&line))
            })
            .collect();
        if ids.len() > SHOWN {
            text.push_str(&format!("\n  ... and {} more", ids.len() - SHOWN));
        }
        text
    };
    let name = name.strip_suffix(".md").unwrap_or(name);
    match index.resolve(name, partial) {
        Resolved::One(i) => Ok(i),
        Resolved::Ambiguous(ids) => {
            Err(Error::NoMatch(format!("{name:?} matches more than one contact:{}", list(&ids))))
        }
        Resolved::Unknown(ids) if ids.is_empty() => Err(Error::NoMatch(format!("no contact named {name:?}"))),
        Resolved::Unknown(ids) => {
            Err(Error::NoMatch(format!("no contact named {name:?}; did you mean:{}", list(&ids))))
        }
    }
}

/// What a listing command must keep of each contact for this query and output format.
pub fn keep_for(config: &Config, query: &Query) -> Keep {
    Keep {
        body: query.needs_body(),
        front_matter: config.format == crate::render::Format::Json || query.needs_fields(),
        interactions: 1,
        links: false,
    }
}

pub fn success(found_something: bool) -> Exit {
    if found_something {
        Exit::Success
    } else {
        Exit::Unmatched
    }
}
