//! Stage 5a: reports → bytes. Renderers take `&mut impl Write` and plain report structs; they
//! never read the vault. Everything printed for a terminal goes through `text::sanitize`.

pub(crate) mod accounts;
pub(crate) mod agenda;
pub(crate) mod brief;
pub(crate) mod calendar_sync;
pub(crate) mod changes;
pub(crate) mod check;
pub(crate) mod checkup;
pub(crate) mod diff;
pub(crate) mod greetings;
pub(crate) mod history;
pub(crate) mod ics;
pub(crate) mod import;
pub(crate) mod index_page;
pub(crate) mod markdown;
pub(crate) mod outreach;
pub(crate) mod profile;
pub(crate) mod rfc_text;
pub(crate) mod rows;
pub(crate) mod show;
pub(crate) mod table;
pub(crate) mod vcf;
pub(crate) mod watch;

// The terminal and CSV guards moved to `crate::text` (a leaf, so that `error` and `vault` need
// not depend on `render`); re-exported while `commands/` still names them here.
pub(crate) use crate::text::{csv_safe, sanitize};

/// How a command prints what it lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ListFormat {
    Table,
    Json,
    Csv,
    Md,
    Paths,
}

/// What `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ExportFormat {
    Json,
    Csv,
    /// vCard 4.0.
    Vcf,
    /// iCalendar, RFC 5545.
    Ics,
}

/// One `path:line:col: message` line per diagnostic.
pub(crate) fn diagnostics(
    w: &mut (impl std::io::Write + ?Sized),
    diagnostics: &[crate::error::Diagnostic],
) -> std::io::Result<()> {
    for diagnostic in diagnostics {
        writeln!(w, "{diagnostic}")?;
    }
    Ok(())
}

/// Every diagnostic line when `verbose`, else one line for them all, when there are any:
/// `3 files have problems: touchbase check lists them`.
pub(crate) fn load_diagnostics(
    w: &mut (impl std::io::Write + ?Sized),
    diagnostics: &[crate::error::Diagnostic],
    verbose: bool,
) -> std::io::Result<()> {
    if verbose {
        return self::diagnostics(w, diagnostics);
    }
    let files = diagnostics.iter().map(|d| &d.path).collect::<std::collections::BTreeSet<_>>().len();
    match files {
        0 => Ok(()),
        1 => writeln!(w, "1 file has problems: touchbase check lists them"),
        n => writeln!(w, "{n} files have problems: touchbase check lists them"),
    }
}

/// The hint for a folder that is no vault: no `touchbase.toml` and no contacts.
pub(crate) fn no_vault_hint(
    w: &mut (impl std::io::Write + ?Sized),
    root: &std::path::Path,
) -> std::io::Result<()> {
    let root = crate::text::sanitize(&root.to_string_lossy()).into_owned();
    writeln!(
        w,
        "touchbase: no contacts in {root}, and no touchbase.toml there or in a folder above; \
         run `touchbase init` in your vault, or pass --vault DIR (or set TOUCHBASE_VAULT)"
    )
}

/// The hint for a folder above other vaults, which touchbase would read as one.
pub(crate) fn nested_vaults_hint(
    w: &mut (impl std::io::Write + ?Sized),
    nested: &[std::path::PathBuf],
) -> std::io::Result<()> {
    let list: Vec<String> =
        nested.iter().map(|p| crate::text::sanitize(&p.to_string_lossy()).into_owned()).collect();
    writeln!(
        w,
        "touchbase: no touchbase.toml here or above, but these folders below have one: {}; \
         touchbase reads them all as one vault here: pass --vault DIR for one of them",
        list.join(", ")
    )
}

/// What `init` wrote, and what to run next.
pub(crate) fn init_summary(
    w: &mut (impl std::io::Write + ?Sized),
    path: &std::path::Path,
    people: &[String],
    daily_notes: &[String],
    templates: &[String],
) -> std::io::Result<()> {
    let shown = |folders: &[String]| {
        if folders.is_empty() {
            "none found".to_string()
        } else {
            folders.iter().map(|f| crate::text::sanitize(f).into_owned() + "/").collect::<Vec<_>>().join(", ")
        }
    };
    writeln!(w, "wrote {}", crate::text::sanitize(&path.to_string_lossy()))?;
    writeln!(w, "  people folders: {}", shown(people))?;
    writeln!(w, "  daily notes:    {}", shown(daily_notes))?;
    writeln!(w, "  templates:      {}", shown(templates))?;
    writeln!(w, "Edit it to taste, then run `touchbase` (or `touchbase check --explain FILE`).")
}

/// What `init --git` did: the attributes file, and the merge driver set in the repository.
pub(crate) fn git_setup_summary(
    w: &mut (impl std::io::Write + ?Sized),
    attributes: &std::path::Path,
    written: bool,
) -> std::io::Result<()> {
    let shown = crate::text::sanitize(&attributes.to_string_lossy()).into_owned();
    if written {
        writeln!(w, "wrote {shown}: *.md merge=touchbase, the pages linguist-generated")?;
    } else {
        writeln!(w, "unchanged: {shown}")?;
    }
    writeln!(w, "set git config merge.touchbase.driver = touchbase merge-file %O %A %B %P")?;
    writeln!(w, "Commit {shown}; every clone runs `touchbase init --git` once (docs/team.md).")
}

/// Where a merge left conflict markers, for git's output.
pub(crate) fn merge_conflicts(
    w: &mut (impl std::io::Write + ?Sized),
    path: &std::path::Path,
) -> std::io::Result<()> {
    let shown = crate::text::sanitize(&path.to_string_lossy()).into_owned();
    writeln!(w, "{shown}: touchbase merged what it could; conflict markers are left where both sides changed the same thing")
}

/// `wrote PATH` or `unchanged: PATH`, in the words the command uses.
pub(crate) fn write_outcome(
    w: &mut (impl std::io::Write + ?Sized),
    path: &std::path::Path,
    written: bool,
    wrote: &str,
    unchanged: &str,
) -> std::io::Result<()> {
    let what = if written { wrote } else { unchanged };
    writeln!(w, "{what} {}", path.display())
}

/// A terminal colour for a table cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    Plain,
    Red,
    Yellow,
    Green,
    Blue,
    Dim,
    Bold,
}

impl Style {
    fn code(self) -> Option<&'static str> {
        match self {
            Style::Plain => None,
            Style::Red => Some("31"),
            Style::Yellow => Some("33"),
            Style::Green => Some("32"),
            Style::Blue => Some("34"),
            Style::Dim => Some("2"),
            Style::Bold => Some("1"),
        }
    }

    pub(crate) fn paint(self, text: &str, color: bool) -> String {
        match (color, self.code()) {
            (true, Some(code)) => format!("\x1b[{code}m{text}\x1b[0m"),
            _ => text.to_string(),
        }
    }

    pub(crate) fn for_status(status: crate::report::Status) -> Style {
        use crate::report::Status;
        match status {
            Status::Overdue => Style::Red,
            Status::Due => Style::Yellow,
            Status::Snoozed => Style::Blue,
            Status::Ok => Style::Green,
            Status::None => Style::Dim,
        }
    }
}
