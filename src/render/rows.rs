//! Lists of contacts and of events in every `--format`: table, json, csv, md, paths.

use std::borrow::Borrow;
use std::io::{self, Write};
use std::path::Path;

use super::markdown::{escape, link};
use super::table::{Cell, Table};
use super::{csv_safe, ListFormat as Format, Style};
use crate::report::{ContactRow, EventRow};

/// Which columns a contact table shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ContactColumns {
    List,
    Overdue,
}

pub(crate) struct Output<'a> {
    pub format: Format,
    pub color: bool,
    /// The vault root as the user gave it, for `paths`.
    pub root: &'a Path,
}

pub(crate) fn join(root: &Path, path: &str) -> String {
    crate::vault_path::VaultPath::new(Path::new(path)).join(root).to_string_lossy().into_owned()
}

pub(crate) fn contacts(
    w: &mut (impl Write + ?Sized),
    out: &Output<'_>,
    rows: &[ContactRow],
    columns: ContactColumns,
    empty: &str,
) -> io::Result<()> {
    match out.format {
        Format::Json => json(w, rows),
        Format::Paths => {
            for row in rows {
                writeln!(w, "{}", join(out.root, &row.path))?;
            }
            Ok(())
        }
        Format::Csv => contacts_csv(w, rows.iter()),
        Format::Md => {
            writeln!(w, "| Name | Company | Status | Due | Last contact | Cadence |")?;
            writeln!(w, "|---|---|---|---|---|---|")?;
            for r in rows {
                writeln!(
                    w,
                    "| {} | {} | {} | {} | {} | {} |",
                    link(&r.name, Path::new(&r.path)),
                    escape(r.company.as_deref().unwrap_or("")),
                    r.status,
                    r.due.as_deref().unwrap_or(""),
                    r.last_contact.as_deref().unwrap_or("never"),
                    r.cadence.as_deref().unwrap_or(""),
                )?;
            }
            Ok(())
        }
        // vcf and ics are export-only formats (refused in config for other commands).
        Format::Table => table(w, out, rows, columns, empty),
    }
}

/// The `csv` format of [`contacts`], written as the rows come (`export`).
pub(crate) fn contacts_csv<R: Borrow<ContactRow>>(
    w: &mut (impl Write + ?Sized),
    rows: impl Iterator<Item = R>,
) -> io::Result<()> {
    let header = [
        "name",
        "path",
        "company",
        "role",
        "tags",
        "cadence",
        "last_contact",
        "due",
        "status",
        "days_overdue",
    ];
    let records = rows.map(|r| {
        let r = r.borrow();
        vec![
            r.name.clone(),
            r.path.clone(),
            r.company.clone().unwrap_or_default(),
            r.role.clone().unwrap_or_default(),
            r.tags.join(", "),
            r.cadence.clone().unwrap_or_default(),
            r.last_contact.clone().unwrap_or_default(),
            r.due.clone().unwrap_or_default(),
            r.status.to_string(),
            r.days_overdue.to_string(),
        ]
    });
    csv(w, &header, records)
}

/// The `table` format of [`contacts`].
fn table(
    w: &mut (impl Write + ?Sized),
    out: &Output<'_>,
    rows: &[ContactRow],
    columns: ContactColumns,
    empty: &str,
) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(w, "{empty}");
    }
    // An open task past its date is the reason in a last column, there only when needed.
    let reasons = columns == ContactColumns::Overdue && rows.iter().any(|r| r.reason.is_some());
    let mut table = match (columns, reasons) {
        (ContactColumns::List, _) => {
            Table::new(&["NAME", "COMPANY", "ROLE", "STATUS", "DUE", "LAST CONTACT", "CADENCE"])
        }
        (ContactColumns::Overdue, false) => {
            Table::new(&["NAME", "COMPANY", "DUE", "LATE", "LAST CONTACT", "CADENCE"])
        }
        (ContactColumns::Overdue, true) => {
            Table::new(&["NAME", "COMPANY", "DUE", "LATE", "LAST CONTACT", "CADENCE", "REASON"])
        }
    };
    for r in rows {
        let company = Cell::plain(r.company.clone().unwrap_or_default());
        let due = Cell::plain(r.due.clone().unwrap_or_default());
        let last = Cell::plain(r.last_contact.clone().unwrap_or_else(|| "never".to_string()));
        let cadence = Cell::plain(r.cadence.clone().unwrap_or_default());
        let row = match columns {
            ContactColumns::List => vec![
                Cell::plain(r.name.clone()),
                company,
                Cell::plain(r.role.clone().unwrap_or_default()),
                Cell::styled(r.status.to_string(), Style::for_status(r.status)),
                due,
                last,
                cadence,
            ],
            ContactColumns::Overdue => {
                let mut cells = vec![
                    Cell::plain(r.name.clone()),
                    company,
                    due,
                    Cell::styled(format!("{}d", r.days_overdue), Style::Red),
                    last,
                    cadence,
                ];
                if reasons {
                    cells.push(Cell::plain(r.reason.clone().unwrap_or_default()));
                }
                cells
            }
        };
        table.push(row);
    }
    table.write(w, out.color)
}

pub(crate) fn events(
    w: &mut (impl Write + ?Sized),
    out: &Output<'_>,
    rows: &[EventRow],
    empty: &str,
) -> io::Result<()> {
    match out.format {
        Format::Json => json(w, rows),
        Format::Paths => {
            let mut seen = std::collections::HashSet::new();
            for row in rows {
                if seen.insert(&row.path) {
                    writeln!(w, "{}", join(out.root, &row.path))?;
                }
            }
            Ok(())
        }
        Format::Csv => {
            let header = ["date", "kind", "who", "path", "label", "in_days"];
            let records = rows.iter().map(|r| {
                vec![
                    r.date.clone(),
                    r.kind.as_str().to_string(),
                    r.who.clone(),
                    r.path.clone(),
                    r.label.clone(),
                    r.in_days.to_string(),
                ]
            });
            csv(w, &header, records)
        }
        Format::Md => {
            writeln!(w, "| Date | Who | What |")?;
            writeln!(w, "|---|---|---|")?;
            for r in rows {
                writeln!(w, "| {} | {} | {} |", r.date, link(&r.who, Path::new(&r.path)), escape(&r.label))?;
            }
            Ok(())
        }
        // vcf and ics are export-only formats (refused in config for other commands).
        Format::Table => {
            if rows.is_empty() {
                return writeln!(w, "{empty}");
            }
            let mut table = Table::new(&["DATE", "WHEN", "WHO", "WHAT"]);
            for r in rows {
                let style = if r.kind.is_card() { Style::Plain } else { Style::Yellow };
                table.push(vec![
                    Cell::plain(r.date.clone()),
                    Cell::styled(relative_day(r.in_days), Style::Dim),
                    Cell::plain(r.who.clone()),
                    Cell::styled(r.label.clone(), style),
                ]);
            }
            table.write(w, out.color)
        }
    }
}

/// `today`, `tomorrow`, `in 5 days`, `3 days ago`.
pub(crate) fn relative_day(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        d if d < 0 => format!("{} days ago", -d),
        d => format!("in {d} days"),
    }
}

pub(crate) fn json<T: serde::Serialize + ?Sized>(w: &mut (impl Write + ?Sized), value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    })?;
    writeln!(w)
}

/// A JSON array written as its items come (`export`): the same bytes as [`json`] of a `Vec` of
/// them, one item in memory at a time.
pub(crate) fn json_items<I>(w: &mut (impl Write + ?Sized), items: I) -> io::Result<()>
where
    I: Iterator,
    I::Item: serde::Serialize,
{
    json(w, &Items(std::cell::RefCell::new(Some(items))))
}

/// An iterator serialized as a sequence, once (`Serialize` takes `&self`).
struct Items<I>(std::cell::RefCell<Option<I>>);

impl<I> serde::Serialize for Items<I>
where
    I: Iterator,
    I::Item: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self.0.borrow_mut().take();
        serializer.collect_seq(items.into_iter().flatten())
    }
}

fn csv_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn csv(
    w: &mut (impl Write + ?Sized),
    header: &[&str],
    records: impl Iterator<Item = Vec<String>>,
) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(w);
    writer.write_record(header).map_err(csv_error)?;
    for record in records {
        writer.write_record(record.iter().map(|c| csv_safe(c).into_owned())).map_err(csv_error)?;
    }
    writer.flush()
}
