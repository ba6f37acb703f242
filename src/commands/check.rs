//! `check`: validate the vault; exit 1 when anything is wrong.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{load, Io};
use crate::config::Config;
use crate::error::Result;
use crate::exit::Exit;
use crate::render::{rows, Format};
use crate::report;

#[derive(Serialize)]
struct Problem {
    path: String,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
}

pub fn check(config: &Config, io: &mut Io<'_>) -> Result<Exit> {
    // The problems are the output here, so load quietly and print them all once, in order.
    let quiet = Config { quiet: true, ..config.clone() };
    let (vault, index) = load(
        &quiet,
        io,
        crate::contact::Keep { front_matter: true, links: true, ..crate::contact::Keep::LEAN },
    )?;
    let mut problems = vault.diagnostics.clone();
    problems.extend(report::check::problems(&index, &config.root, &vault.settings.fields));
    problems.sort();
    problems.dedup();
    match config.format {
        Format::Json => {
            let list: Vec<Problem> = problems
                .iter()
                .map(|d| Problem {
                    path: d.path.to_string_lossy().into_owned(),
                    line: d.position.map(|p| p.line),
                    column: d.position.map(|p| p.column),
                    message: d.message.clone(),
                })
                .collect();
            rows::json(io.out, &list)?;
        }
        Format::Paths => {
            let paths: BTreeSet<String> =
                problems.iter().map(|d| d.path.to_string_lossy().into_owned()).collect();
            for path in paths {
                writeln!(io.out, "{path}")?;
            }
        }
        Format::Table | Format::Csv | Format::Md | Format::Vcf | Format::Ics => {
            for problem in &problems {
                writeln!(io.out, "{problem}")?;
            }
        }
    }
    let files: BTreeSet<_> = problems.iter().map(|d| &d.path).collect();
    if !config.quiet {
        let contacts = index.entries.len();
        if problems.is_empty() {
            writeln!(io.err, "{contacts} contacts checked: no problems")?;
        } else {
            let (n, s) = (problems.len(), if problems.len() == 1 { "" } else { "s" });
            writeln!(io.err, "{contacts} contacts checked: {n} problem{s} in {} file(s)", files.len())?;
        }
    }
    Ok(if problems.is_empty() { Exit::Success } else { Exit::Unmatched })
}
