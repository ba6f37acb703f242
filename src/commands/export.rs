//! `export`: all contacts, or a query's result, as json, csv, vcf or ics. A lean (cached) load
//! selects and orders the contacts; what it does not keep (json's front matter, a card's body)
//! is read again a chunk of files at a time as the output is written, so memory stays that of
//! the lean load whatever the vault's size.

use super::{keep_for, open, Io};
use crate::config::Config;
use crate::contact::Contact;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::query::{stream::Files, Query};
use crate::render::{self, rows, ExportFormat, ListFormat};
use crate::report;
use crate::vault::Session;

/// How many files are read again at a time (in parallel): a few MB of text and parses.
const CHUNK: usize = 256;

pub(crate) fn export(config: &Config, io: &mut Io<'_>, query: &Query, format: ExportFormat) -> Result<Exit> {
    let session = open(config, io, keep_for(ListFormat::Csv, query))?;
    write(&session, io, query, format)
}

/// Writes the export of a lean-loaded session. A file that no longer reads as a contact when
/// its chunk is read again is left out with a warning; one that changed is written as it is now.
fn write(session: &Session, io: &mut Io<'_>, query: &Query, format: ExportFormat) -> Result<Exit> {
    let (index, fields) = (&session.index, &session.settings.fields);
    let selected = report::selected(index, query, fields, Some(&Files::of(session, query)));
    let mut lost = Vec::new();
    let written = match format {
        ExportFormat::Json => {
            let found = read_again(session, &selected, &mut lost)
                .filter_map(|(i, contact)| report::export_row_with_fields(index, i, &contact));
            rows::json_items(io.out, found)
        }
        ExportFormat::Csv => rows::contacts_csv(io.out, report::export_rows(index, &selected)),
        ExportFormat::Vcf => {
            let order = report::cards::order(index, &selected);
            let cards = read_again(session, &order, &mut lost).map(|(_, c)| report::cards::card(&c, fields));
            render::vcf::cards(io.out, cards)
        }
        ExportFormat::Ics => render::ics::calendar(io.out, report::calendar::calendar(index, &selected)),
    };
    written.map_err(Error::Output)?;
    for path in lost.iter().filter_map(|&i| index.entries.get(i)).map(|e| &e.contact.path) {
        let shown = crate::vault::join(&session.root, path);
        writeln!(
            io.err,
            "warning: {}: changed during the export, no longer a contact; left out",
            shown.display()
        )
        .map_err(Error::Output)?;
    }
    Ok(Exit::Success)
}

/// The contacts `ids` read again in full, in chunks; the ids of those whose files no longer
/// read as contacts go to `lost`.
fn read_again<'a>(
    session: &'a Session,
    ids: &'a [usize],
    lost: &'a mut Vec<usize>,
) -> impl Iterator<Item = (usize, Contact)> + 'a {
    session.in_full_chunks(ids, CHUNK).filter_map(move |(i, contact)| {
        if contact.is_none() {
            lost.push(i);
        }
        Some((i, contact?))
    })
}

#[cfg(test)]
mod tests {
    //! The streamed export writes the bytes the export wrote when it loaded every contact with its
    //! body and front matter, for every format, on the sample vault and on a generated vault of
    //! several chunks; a file changed or gone between the load and its chunk does not stop it.

    use std::path::Path;

    use chrono::NaiveDate;

    use super::{write, CHUNK};
    use crate::commands::{keep_for, Io};
    use crate::contact::Keep;
    use crate::query::Query;
    use crate::render::rows::{self, ContactColumns, Output};
    use crate::render::{self, ExportFormat, ListFormat};
    use crate::report::{self, ContactRow};
    use crate::vault::{LoadOptions, Session};

    const FORMATS: [ExportFormat; 4] =
        [ExportFormat::Json, ExportFormat::Csv, ExportFormat::Vcf, ExportFormat::Ics];

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    /// What `export` wrote before it streamed: every contact loaded with its body and front matter,
    /// every row, card and event made from that one load.
    fn old_export(root: &Path, format: ExportFormat) -> Vec<u8> {
        let options = LoadOptions { keep: Keep { body: true, ..Keep::FULL }, cache_dir: None };
        let session = Session::load(root, options, today()).unwrap();
        let (index, fields) = (&session.index, &session.settings.fields);
        let selected: Vec<usize> = (0..index.entries.len()).collect();
        let found: Vec<ContactRow> = index.entries.iter().map(|e| ContactRow::new(e, today())).collect();
        let mut out = Vec::new();
        match format {
            ExportFormat::Json => {
                let found: Vec<ContactRow> =
                    index.entries.iter().map(|e| ContactRow::new(e, today()).with_fields(e)).collect();
                rows::json(&mut out, &found)
            }
            ExportFormat::Csv => {
                let csv = Output { format: ListFormat::Csv, color: false, root };
                rows::contacts(&mut out, &csv, &found, ContactColumns::List, "")
            }
            ExportFormat::Vcf => {
                let order = report::cards::order(index, &selected);
                let cards = order.iter().map(|&i| report::cards::card(&index.entries[i].contact, fields));
                render::vcf::cards(&mut out, cards)
            }
            ExportFormat::Ics => {
                render::ics::calendar(&mut out, report::calendar::calendar(index, &selected))
            }
        }
        .unwrap();
        out
    }

    fn lean(root: &Path, cache: Option<&Path>) -> Session {
        let keep = keep_for(ListFormat::Csv, &Query::default());
        Session::load(root, LoadOptions { keep, cache_dir: cache }, today()).unwrap()
    }

    /// The streamed export of a session: what it wrote, and what it warned about.
    fn streamed(session: &Session, format: ExportFormat) -> (Vec<u8>, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        write(session, &mut Io { out: &mut out, err: &mut err }, &Query::default(), format).unwrap();
        (out, String::from_utf8(err).unwrap())
    }

    fn assert_same_as_old(root: &Path) {
        let cache = tempfile::tempdir().unwrap();
        for format in FORMATS {
            let old = old_export(root, format);
            // Cold, then from the parse cache the first load wrote.
            for _ in 0..2 {
                let (new, warnings) = streamed(&lean(root, Some(cache.path())), format);
                assert!(new == old, "{format:?}: the streamed export differs from the old one");
                assert_eq!(warnings, "");
            }
        }
    }

    #[test]
    fn the_sample_vault_exports_as_before() {
        assert_same_as_old(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-vault"));
    }

    fn copy_tree(from: &Path, to: &Path) {
        for entry in std::fs::read_dir(from).unwrap().flatten() {
            let (path, name) = (entry.path(), entry.file_name());
            if path.is_dir() {
                copy_tree(&path, &to.join(&name));
            } else {
                std::fs::create_dir_all(to).unwrap();
                std::fs::copy(&path, to.join(&name)).unwrap();
            }
        }
    }

    /// A vault of `copies` copies of the sample vault's notes, each in a folder of its own.
    fn generated(copies: usize) -> tempfile::TempDir {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-vault");
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(sample.join("touchbase.toml"), dir.path().join("touchbase.toml")).unwrap();
        for n in 0..copies {
            for entry in std::fs::read_dir(&sample).unwrap().flatten() {
                if entry.path().is_dir() && entry.file_name() != "templates" {
                    copy_tree(&entry.path(), &dir.path().join(format!("copy{n:02}")).join(entry.file_name()));
                }
            }
        }
        dir
    }

    #[test]
    fn a_vault_of_several_chunks_exports_as_before() {
        let vault = generated(CHUNK * 3 / 20);
        let contacts = lean(vault.path(), None).index.entries.len();
        assert!(contacts > CHUNK * 2, "several chunks: {contacts} contacts");
        assert_same_as_old(vault.path());
    }

    #[test]
    fn a_file_changed_or_gone_after_the_load_is_written_as_it_is_now_or_left_out() {
        let vault = generated(CHUNK / 20 + 2);
        let session = lean(vault.path(), None);
        let paths: Vec<_> = session.index.entries.iter().map(|e| e.contact.path.clone()).collect();
        let (gone, changed, unreadable) = (&paths[3], &paths[CHUNK + 5], &paths[CHUNK + 9]);
        std::fs::remove_file(vault.path().join(gone)).unwrap();
        let text = std::fs::read_to_string(vault.path().join(changed)).unwrap();
        let text = text.replacen("---\n", "---\nexported_marker: fresh\n", 1);
        std::fs::write(vault.path().join(changed), text).unwrap();
        std::fs::write(vault.path().join(unreadable), b"---\nname: [unclosed\n---\n").unwrap();
        let (json, warnings) = streamed(&session, ExportFormat::Json);
        let rows: Vec<serde_json::Value> = serde_json::from_slice(&json).unwrap();
        assert_eq!(rows.len(), paths.len() - 2, "the gone and the broken file are left out");
        let fresh = rows.iter().filter(|r| r["fields"]["exported_marker"] == "fresh").count();
        assert_eq!(fresh, 1, "the changed file's front matter is the one it has now");
        for lost in [gone, unreadable] {
            let shown = crate::vault::join(vault.path(), lost);
            let line = format!(
                "warning: {}: changed during the export, no longer a contact; left out",
                shown.display()
            );
            assert!(warnings.contains(&line), "{warnings}");
        }
        let (vcf, warnings) = streamed(&session, ExportFormat::Vcf);
        let cards = String::from_utf8(vcf).unwrap().matches("BEGIN:VCARD").count();
        assert_eq!(cards, paths.len() - 2);
        assert_eq!(warnings.lines().count(), 2, "{warnings}");
        // csv and ics are made from the load alone: every contact, as loaded.
        let (csv, warnings) = streamed(&session, ExportFormat::Csv);
        assert_eq!(String::from_utf8(csv).unwrap().lines().count(), paths.len() + 1);
        assert_eq!(warnings, "");
    }
}
