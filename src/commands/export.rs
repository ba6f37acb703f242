//! `export`: all contacts, or a query's result, as json, csv, vcf or ics.

use super::{load, parse_query, Io};
use crate::config::Config;
use crate::contact::Keep;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render::{self, rows, Format};
use crate::report;

pub fn export(config: &Config, io: &mut Io<'_>, words: &[String]) -> Result<Exit> {
    let query = parse_query(words)?;
    let keep = Keep { body: true, ..Keep::FULL };
    let (vault, index) = load(config, io, keep)?;
    let selected: Vec<usize> = index
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| query.matches(e, &vault.settings.fields, index.today))
        .map(|(i, _)| i)
        .collect();
    match config.format {
        Format::Json | Format::Csv => {
            let mut found: Vec<report::ContactRow> = selected
                .iter()
                .filter_map(|&i| index.entries.get(i))
                .map(|e| report::ContactRow::new(e, index.today))
                .collect();
            if config.format == Format::Json {
                report::attach_fields(&mut found, &index);
            }
            rows::contacts(io.out, &super::output(config), &found, rows::ContactColumns::List, "")?;
        }
        Format::Vcf => render::vcf::cards(io.out, report::cards::cards(&index, &selected))?,
        Format::Ics => render::ics::calendar(io.out, report::calendar::calendar(&index, &selected))?,
        Format::Table | Format::Md | Format::Paths => {
            return Err(Error::usage("export writes --format json, csv, vcf or ics"));
        }
    }
    Ok(Exit::Success)
}
