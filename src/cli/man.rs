//! The man pages: `touchbase(1)` (`clap_mangen`'s sections plus QUERY LANGUAGE, FILES,
//! ENVIRONMENT, EXIT STATUS and EXAMPLES, written here) and one page per subcommand
//! (`touchbase-list(1)`, `touchbase-sync-contacts(1)`), each with its examples.

use clap::CommandFactory;
use clap_mangen::Man;

use super::Cli;
use crate::error::{Error, Result};

/// Every page as (file name, roff): `touchbase.1` first, then one per visible subcommand.
pub(crate) fn pages() -> Result<Vec<(String, Vec<u8>)>> {
    let mut top = Cli::command();
    top.build();
    let mut out = vec![("touchbase.1".to_string(), top_page(&top)?)];
    let mut subs = Vec::new();
    collect(&top, &mut subs);
    for sub in subs {
        let name = sub.get_display_name().unwrap_or(sub.get_name()).to_string();
        out.push((format!("{name}.1"), page(&sub, "")?));
    }
    Ok(out)
}

/// The page of `touchbase` (no words) or of a subcommand (`list`, `sync contacts`); `None` when
/// there is no such subcommand.
pub(crate) fn page_of(words: &[String]) -> Result<Option<Vec<u8>>> {
    let mut top = Cli::command();
    top.build();
    if words.is_empty() {
        return top_page(&top).map(Some);
    }
    let mut command = &top;
    for word in words {
        match command.find_subcommand(word).filter(|c| !c.is_hide_set()) {
            Some(sub) => command = sub,
            None => return Ok(None),
        }
    }
    page(command, "").map(Some)
}

fn collect(command: &clap::Command, out: &mut Vec<clap::Command>) {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        out.push(sub.clone());
        collect(sub, out);
    }
}

fn top_page(top: &clap::Command) -> Result<Vec<u8>> {
    page(top, &[QUERY_LANGUAGE, FILES, ENVIRONMENT, EXIT_STATUS].concat())
}

/// `clap_mangen`'s sections, then `extra` (roff), EXAMPLES from the command's `after_help`, and
/// SEE ALSO.
fn page(command: &clap::Command, extra: &str) -> Result<Vec<u8>> {
    let man = Man::new(command.clone());
    let mut out = Vec::new();
    let io = |r: std::io::Result<()>| r.map_err(Error::Output);
    io(man.render_title(&mut out))?;
    io(man.render_name_section(&mut out))?;
    io(man.render_synopsis_section(&mut out))?;
    io(man.render_description_section(&mut out))?;
    io(man.render_options_section(&mut out))?;
    if command.get_subcommands().any(|s| !s.is_hide_set()) {
        io(man.render_subcommands_section(&mut out))?;
    }
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(examples(command).as_bytes());
    let name = command.get_display_name().unwrap_or(command.get_name());
    let also = if name == "touchbase" { "git(1), vdirsyncer(1)" } else { "touchbase(1)" };
    out.extend_from_slice(format!(".SH \"SEE ALSO\"\n{also}\n").as_bytes());
    if command.get_version().is_some() {
        io(man.render_version_section(&mut out))?;
    }
    Ok(out)
}

/// The command's "Examples:" help as an EXAMPLES section.
fn examples(command: &clap::Command) -> String {
    let Some(help) = command.get_after_help() else { return String::new() };
    let help = help.to_string();
    let mut lines = help.lines();
    let heading = lines.next().unwrap_or_default().trim_end_matches(':');
    let mut out = format!(".SH EXAMPLES\n{}\n.PP\n.nf\n.RS 4\n", escape(heading));
    for line in lines {
        out.push_str(&escape(line.trim_start()));
        out.push('\n');
    }
    out.push_str(".RE\n.fi\n");
    out
}

/// Text as roff: backslashes and dashes escaped, no line taken for a request.
fn escape(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    if text.starts_with('.') || text.starts_with('\'') {
        format!("\\&{text}")
    } else {
        text
    }
}

const QUERY_LANGUAGE: &str = r#".SH "QUERY LANGUAGE"
\fBlist\fR, \fBoverdue\fR, \fBupcoming\fR and \fBexport\fR take a query as their remaining arguments. A contact must match every term. Keys and values compare case\-insensitively; \fB"\fR quotes a phrase anywhere in a term (\fBcompany:"acme corp"\fR); \fB\-\fR before a term negates it (\fB\-tag:golf\fR), and negated terms may stand anywhere after the command, among its options.
.TP
\fIword\fR, \fB"\fR\fIphrase\fR\fB"\fR
full text: part of the name, an alias, any front matter value, or the body
.TP
\fBstatus:\fR\fIS\fR
\fBoverdue\fR, \fBdue\fR, \fBsnoozed\fR, \fBok\fR or \fBnone\fR
.TP
\fBhas:\fR\fIKEY\fR, \fBno:\fR\fIKEY\fR
KEY is set, or not
.TP
\fBtag:\fR\fIT\fR
one of the tags (front matter or body) is T
.TP
\fBname:\fR, \fBcompany:\fR, \fBrole:\fR, \fBemail:\fR, \fBpath:\fR\fIV\fR
V is part of that value; \fBalias:\fR and \fBinterest:\fR match one item whole
.TP
\fBcadence:\fR\fIV\fR
the effective cadence has the length of V (\fBcadence:2w\fR, \fBcadence:none\fR)
.TP
\fBowner:\fR\fIV\fR
one of the contact's owners is V (whole)
.TP
\fBdue:\fR, \fBlast:\fR, \fBbirthday:\fR, \fBanniversary:\fR\fIOP BOUND\fR
a date comparison: OP is <, <=, >, >= or =, BOUND a date (2027\-01\-01) or a span (7d, 2w, 3m, 1y): \fBdue:<7d\fR is due within a week, \fBlast:>90d\fR last contacted more than 90 days ago, \fBbirthday:<30d\fR a birthday in the next 30 days
.TP
\fIkey\fR\fB:\fR\fIV\fR
any other front matter key: a list item equals V, or V is part of the value
.PP
A malformed term exits with status 2. The full reference is docs/format.md, "Query language".
"#;

const FILES: &str = r".SH FILES
.TP
\fBtouchbase.toml\fR
the vault's settings, at its root; the nearest folder holding one is the vault
.TP
\fB~/.config/touchbase/config.toml\fR
your own settings (\fB$XDG_CONFIG_HOME/touchbase/config.toml\fR): the private notes folder per vault; never shared
.TP
\fB~/.cache/touchbase/\fR
the cache of parsed files (\fB$XDG_CACHE_HOME/touchbase\fR, \fB$TOUCHBASE_CACHE_DIR\fR); safe to delete; \fB\-\-no\-cache\fR skips it
.TP
\fB~/.local/state/touchbase/sync/\fR
what \fBsync\fR saw last (\fB$XDG_STATE_HOME/touchbase/sync\fR, \fB$TOUCHBASE_STATE_DIR\fR)
.TP
\fBINDEX.md\fR
the index page \fBindex\fR and \fBwatch\fR write in the vault (\fBindex_page\fR in touchbase.toml)
.TP
\fBoutreach/\fR
the weekly lists \fBoutreach \-\-write\fR saves (\fBoutreach_dir\fR in touchbase.toml)
.TP
\fBtemplates/contact.md\fR, \fBtemplates/mackay.md\fR
the templates \fBnew\fR starts from, when the vault has them
";

const ENVIRONMENT: &str = r".SH ENVIRONMENT
.TP
\fBTOUCHBASE_VAULT\fR
the vault folder when \fB\-\-vault\fR is not given
.TP
\fBTOUCHBASE_TODAY\fR
today's date (YYYY\-MM\-DD), as \fB\-\-today\fR
.TP
\fBTOUCHBASE_NO_CACHE\fR
set (not 0 or false) to skip the cache, as \fB\-\-no\-cache\fR
.TP
\fBTOUCHBASE_CACHE_DIR\fR
the cache folder
.TP
\fBTOUCHBASE_STATE_DIR\fR
the folder \fBsync\fR keeps its state in
.TP
\fBTOUCHBASE_PRIVATE\fR
the private notes folder when \fB\-\-private\fR is not given
.TP
\fBNO_COLOR\fR
set and not empty: no colours with \fB\-\-color auto\fR
.TP
\fBVISUAL\fR, \fBEDITOR\fR
the editor of \fBedit\fR and \fBnew \-\-edit\fR (VISUAL first; else vi)
.TP
\fBXDG_CONFIG_HOME\fR, \fBXDG_CACHE_HOME\fR, \fBXDG_STATE_HOME\fR
where the user config file, the cache and the sync state live (default ~/.config, ~/.cache, ~/.local/state)
.TP
\fBHOME\fR
the base of those defaults, and what \fB~\fR means in config.toml
";

const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
success
.TP
\fB1\fR
a check failed (\fBcheck\fR, \fBindex \-\-check\fR, a \fBmerge\-file\fR conflict), or nothing matched where something must
.TP
\fB2\fR
a usage error (a bad option, date, query or format) or a vault error (no such vault, a file that cannot be written)
"#;
