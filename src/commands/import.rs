//! `import FILE`: contacts from vCard (2.1/3.0/4.0) or CSV (`LinkedIn`, Google, generic) files,
//! planned by `import::plan` and written through `write::Writer`.

use std::path::{Component, Path, PathBuf};

use super::{open, Io};
use crate::config::{Config, ImportRequest};
use crate::contact::Keep;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::import::{self, plan::Planner};
use crate::render;
use crate::write::Writer;

pub(crate) fn import(config: &Config, io: &mut Io<'_>, request: &ImportRequest) -> Result<Exit> {
    let file = &request.file;
    let bytes = crate::vault::read_input(file)?;
    let extension = file.extension().and_then(|e| e.to_str());
    let parsed =
        import::parse(&bytes, extension).map_err(|e| Error::usage(format!("{}: {e}", file.display())))?;
    // Lean (so the parse cache serves it): a contact's `uid`, `url`, e-mails and phones are
    // parsed anyway; a file to merge into is read again when its plan is made.
    let session = open(config, io, Keep::LEAN)?;
    let mut writer = Writer::new(&config.root)?;
    let dir = check_dir(&writer, request.dir.as_deref())?;
    let mut planner = Planner::new(&config.root, &session.settings, &session.index, &dir, &request.tags)
        .with_accounts(&session.account_notes.notes);
    for record in &parsed.records {
        planner.add(record);
    }
    let problems = planner.problems(parsed.problems.clone());
    render::import::problems(io.err, file, &problems, config.quiet).map_err(Error::Output)?;
    if !request.dry_run {
        planner.write(&mut writer, !config.quiet);
        render::diff::warnings(io.err, &writer.take_warnings()).map_err(Error::Output)?;
    }
    let summary = planner.summary(problems, request.dry_run);
    let kind = parsed.kind.to_string();
    let source = render::import::Source { file, records: parsed.records.len(), kind: &kind };
    render::import::summary(io.out, io.err, &config.root, &source, &summary, lines(config))
        .map_err(Error::Output)?;
    Ok(summary.exit())
}

/// How many per-file lines to print: none with `--quiet`, all with `--verbose`, else the first.
fn lines(config: &Config) -> render::import::Lines {
    match (config.quiet, config.verbose) {
        (true, _) => render::import::Lines::None,
        (_, true) => render::import::Lines::All,
        _ => render::import::Lines::First,
    }
}

/// The folder for new files must stay inside the vault, symlinks resolved.
fn check_dir(writer: &Writer, dir: Option<&Path>) -> Result<PathBuf> {
    let Some(dir) = dir else { return Ok(PathBuf::new()) };
    if !dir.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(Error::usage(format!("--dir {}: must be a folder inside the vault", dir.display())));
    }
    writer.check_folder(dir)?;
    Ok(dir.to_path_buf())
}
