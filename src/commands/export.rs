//! `export`: all contacts, or a query's result, as json, csv, vcf or ics.

use super::{open, output, Io};
use crate::config::Config;
use crate::contact::Keep;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::query::Query;
use crate::render::{self, rows, ExportFormat, ListFormat};
use crate::report;

pub(crate) fn export(config: &Config, io: &mut Io<'_>, query: &Query, format: ExportFormat) -> Result<Exit> {
    let session = open(config, io, Keep { body: true, ..Keep::FULL })?;
    let (index, fields) = (&session.index, &session.settings.fields);
    let selected = report::selected(index, query, fields);
    let written = match format {
        ExportFormat::Json => {
            let found = report::export_rows(index, &selected, true);
            rows::contacts(io.out, &output(config, ListFormat::Json), &found, rows::ContactColumns::List, "")
        }
        ExportFormat::Csv => {
            let found = report::export_rows(index, &selected, false);
            rows::contacts(io.out, &output(config, ListFormat::Csv), &found, rows::ContactColumns::List, "")
        }
        ExportFormat::Vcf => render::vcf::cards(io.out, report::cards::cards(index, &selected, fields)),
        ExportFormat::Ics => render::ics::calendar(io.out, report::calendar::calendar(index, &selected)),
    };
    written.map_err(Error::Output)?;
    Ok(Exit::Success)
}
