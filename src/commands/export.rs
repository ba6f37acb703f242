//! `export`: all contacts, or a query's result, as json, csv, vcf or ics.

use super::{open, Io};
use crate::config::Config;
use crate::contact::Keep;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::query::Query;
use crate::render::{self, rows, ExportFormat, ListFormat};
use crate::report;

pub fn export(config: &Config, io: &mut Io<'_>, query: &Query, format: ExportFormat) -> Result<Exit> {
    let keep = Keep { body: true, ..Keep::FULL };
    let session = open(config, io, keep)?;
    let index = &session.index;
    let selected: Vec<usize> = index
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| query.matches(e, &session.settings.fields, index.today))
        .map(|(i, _)| i)
        .collect();
    match format {
        ExportFormat::Json | ExportFormat::Csv => {
            let mut found: Vec<report::ContactRow> = selected
                .iter()
                .filter_map(|&i| index.entries.get(i))
                .map(|e| report::ContactRow::new(e, index.today))
                .collect();
            let list = if format == ExportFormat::Json { ListFormat::Json } else { ListFormat::Csv };
            if format == ExportFormat::Json {
                report::attach_fields(&mut found, index);
            }
            rows::contacts(io.out, &super::output(config, list), &found, rows::ContactColumns::List, "")
                .map_err(Error::Output)?;
        }
        ExportFormat::Vcf => render::vcf::cards(io.out, index, &selected).map_err(Error::Output)?,
        ExportFormat::Ics => {
            render::ics::calendar(io.out, index, &selected, index.today).map_err(Error::Output)?
        }
    }
    Ok(Exit::Success)
}
