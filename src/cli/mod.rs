//! The command line, as clap derive types, and what is generated from it (completions, the man
//! page). No logic: `config` resolves these into a `Config` and a `Request`.

mod examples;
mod formats;
pub(crate) mod man;
pub(crate) mod shell;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// The heading global options are listed under in every `--help`, after a command's own.
pub(crate) const GLOBAL: &str = "Global options";

#[derive(Debug, Parser)]
#[command(name = "touchbase", version, after_help = examples::TOP, mut_subcommands = formats::per_command, about = "A personal CRM that lives in a folder of markdown files", long_about = None)]
pub struct Cli {
    /// The vault folder [env: `TOUCHBASE_VAULT`] [default: the nearest folder with touchbase.toml,
    /// else the current one]
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "DIR")]
    pub vault: Option<PathBuf>,

    /// Pretend today is this date (YYYY-MM-DD, or from the clock: -1d, +2w, last monday), for
    /// reproducible output and planning ahead
    #[arg(
        long,
        global = true,
        help_heading = GLOBAL,
        env = "TOUCHBASE_TODAY",
        value_name = "DATE",
        allow_hyphen_values = true
    )]
    pub today: Option<String>,

    /// Output format for commands that list things [default: table]
    #[arg(long, global = true, help_heading = GLOBAL, value_enum)]
    pub format: Option<FormatArg>,

    /// When to use colours (`NO_COLOR` turns them off for `auto`)
    #[arg(long, global = true, help_heading = GLOBAL, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,

    /// Do not read or write the cache of parsed files (~/.cache/touchbase)
    #[arg(long, global = true, help_heading = GLOBAL, env = "TOUCHBASE_NO_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_cache: bool,

    /// Print no diagnostics about broken files (errors that stop a command are still printed)
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub quiet: bool,

    /// Say more: every problem found while reading the vault, not one summary line; `check`
    /// also reports broken links that need not name a contact
    #[arg(short, long, global = true, help_heading = GLOBAL, conflicts_with = "quiet")]
    pub verbose: bool,

    /// Your private notes folder, outside the vault: shown with `show` and `brief`, searched by
    /// `list`, never written to the vault [env: `TOUCHBASE_PRIVATE`] [default: `private` in
    /// ~/.config/touchbase/config.toml]
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "DIR")]
    pub private: Option<PathBuf>,

    /// Listings show only this owner's contacts and accounts (a name or an e-mail, whole,
    /// case-insensitive; a contact's own `owner:`, else its account note's)
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "NAME", conflicts_with = "mine")]
    pub owner: Option<String>,

    /// Listings show only my contacts and accounts: `me` in touchbase.toml, else git's
    /// `user.email` and `user.name`
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub mine: bool,

    /// Never page long output (else `$TOUCHBASE_PAGER`, `pager` in config.toml, `$PAGER` or `less -FRX` on a terminal)
    #[arg(long, global = true)]
    pub no_pager: bool,

    /// What to do; without one, touchbase shows who is overdue and what is coming up
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Lets negated query terms (`-status:ok`, `-golf`) stand anywhere after a query command:
/// clap would read them as flags, so they move behind a `--` (terms are `ANDed`; order is free).
pub fn normalize_args(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    const QUERY_COMMANDS: &[&str] = &["list", "overdue", "upcoming", "export"];
    const SHORT_FLAGS: &[&str] = &["-q", "-v", "-h", "-V"];
    // Their value may start with `-` (`--days -3`, `--today -1d`): a value, never a term.
    const VALUE_FLAGS: &[&str] = &["--days", "--today"];
    let mut out = Vec::new();
    let mut terms = Vec::new();
    let mut in_query = false;
    let mut after_dashes = false;
    let mut value_next = false;
    for arg in args {
        let text = arg.to_string_lossy();
        if after_dashes {
            terms.push(arg);
            continue;
        }
        if text == "--" {
            after_dashes = true;
            continue;
        }
        if !in_query && QUERY_COMMANDS.contains(&text.as_ref()) {
            in_query = true;
        } else if in_query
            && !std::mem::take(&mut value_next)
            && text.starts_with('-')
            && !text.starts_with("--")
            && text.len() > 1
            && !SHORT_FLAGS.contains(&text.as_ref())
        {
            terms.push(arg);
            continue;
        }
        value_next = VALUE_FLAGS.contains(&text.as_ref());
        out.push(arg);
    }
    if !terms.is_empty() {
        out.push(OsString::from("--"));
        out.extend(terms);
    }
    out
}

/// Which template `new` starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TemplateArg {
    /// templates/contact.md, else a built-in contact file
    Contact,
    /// templates/mackay.md, else the built-in Mackay 66 profile
    Mackay,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Aligned columns for a terminal
    Table,
    /// One JSON document (docs/format.md)
    Json,
    /// Comma-separated values with a header row
    Csv,
    /// Markdown: a list or checklist with links
    Md,
    /// One file path per line (for xargs)
    Paths,
    /// vCard 4.0 (`export` only)
    Vcf,
    /// iCalendar, RFC 5545 (`export` only)
    Ics,
}

/// A card campaign for `cards --campaign`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CampaignArg {
    /// Year-end holiday cards
    Holiday,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour on a terminal, unless `NO_COLOR` is set
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Who is overdue and what is coming up in the next 14 days (the default command)
    #[command(after_help = examples::AGENDA)]
    Agenda {
        /// How many days ahead, today included
        #[arg(long, value_name = "N", default_value_t = 14, allow_negative_numbers = true)]
        days: i64,
    },
    /// List contacts matching a query (all when empty), sorted by name
    #[command(after_help = examples::LIST)]
    List {
        /// Query terms, e.g. `tag:golf company:acme -status:ok "red sox"`
        query: Vec<String>,
    },
    /// Show one contact: fields, status, upcoming dates, latest interactions, links in and out
    #[command(after_help = examples::SHOW)]
    Show {
        /// Name, alias or file name (case-insensitive)
        name: String,
        /// Words after the last argument: refused with the quoted form (`config` says how)
        #[arg(hide = true)]
        extra: Vec<String>,
    },
    /// A contact's Mackay 66 profile: what is known, what is missing, what to ask next
    #[command(after_help = examples::PROFILE)]
    Profile {
        /// Name, alias or file name (case-insensitive)
        name: String,
        /// Words after the last argument: refused with the quoted form (`config` says how)
        #[arg(hide = true)]
        extra: Vec<String>,
    },
    /// One screen before a call: who they are, notes, family, interests, last touches,
    /// follow-ups, topics to avoid, what to ask, and the account around them
    #[command(after_help = examples::BRIEF)]
    Brief {
        /// Name, alias or file name (case-insensitive)
        name: String,
        /// Words after the last argument: refused with the quoted form (`config` says how)
        #[arg(hide = true)]
        extra: Vec<String>,
    },
    /// Overdue contacts, most overdue first
    #[command(after_help = examples::OVERDUE)]
    Overdue {
        /// Only contacts matching this query
        query: Vec<String>,
    },
    /// Upcoming birthdays, anniversaries, other yearly dates, due dates and planned touchpoints
    #[command(after_help = examples::UPCOMING)]
    Upcoming {
        /// How many days ahead, today included [default: `upcoming_days` from touchbase.toml, else 30]
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        days: Option<i64>,
        /// Only contacts matching this query
        query: Vec<String>,
    },
    /// What git knows about a person: each commit that touched the file (renames followed), the
    /// front matter keys it added, changed or removed, and each Log entry with the commit's
    /// author; newest first (docs/team.md)
    #[command(after_help = examples::HISTORY)]
    History {
        /// Name, alias or file name (case-insensitive)
        name: String,
    },
    /// A team check-up between two commits: new people, people who left, role and company
    /// changes, touches per author and per owner, accounts that lost their decision maker or
    /// their only recent contact (docs/team.md)
    #[command(after_help = examples::CHANGES)]
    Changes {
        /// A git revision, or a date (YYYY-MM-DD): the last commit before that day
        #[arg(long, allow_hyphen_values = true)]
        since: String,
        /// A git revision or a date, as --since [default: HEAD]
        #[arg(long, default_value = "HEAD", allow_hyphen_values = true)]
        until: String,
    },
    /// Validate the vault; exit 1 when anything is wrong
    #[command(after_help = examples::CHECK)]
    Check {
        /// Say why this file is or is not a contact (its kind and the rule that decided), and
        /// check nothing else
        #[arg(long, value_name = "PATH")]
        explain: Option<PathBuf>,
    },
    /// Regenerate the index page (INDEX.md): overdue, due this week, upcoming, never contacted
    #[command(after_help = examples::INDEX)]
    Index {
        /// Write nothing; exit 1 when the page is missing or stale (for a pre-commit hook or CI)
        #[arg(long)]
        check: bool,
        /// Replace a file at the page's path that touchbase did not generate (never the
        /// settings file or a note with front matter)
        #[arg(long, conflicts_with = "check")]
        force: bool,
    },
    /// Create a contact file (from templates/contact.md when the vault has one)
    #[command(after_help = examples::NEW)]
    New {
        /// The contact's name, which is also the file name (`Jane Doe.md`)
        name: String,
        /// Words after the last argument: refused with the quoted form (`config` says how)
        #[arg(hide = true)]
        extra: Vec<String>,
        /// The company they work for (the `company:` key; links them to its account)
        #[arg(long)]
        company: Option<String>,
        /// Their job title (the `role:` key)
        #[arg(long)]
        role: Option<String>,
        /// How often to reach out: 2w, monthly, every 3 weeks, ...
        #[arg(long)]
        cadence: Option<String>,
        /// Comma-separated tags
        #[arg(long, value_delimiter = ',')]
        tags: Vec<String>,
        /// YYYY-MM-DD, or --MM-DD when the year is unknown
        #[arg(long, allow_hyphen_values = true)]
        birthday: Option<String>,
        /// Their e-mail address (the `email:` key)
        #[arg(long)]
        email: Option<String>,
        /// Folder inside the vault for the file [default: the vault root]
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// The template: `contact` (templates/contact.md, else a built-in one) or `mackay`
        /// (templates/mackay.md, else the built-in Mackay 66 profile)
        #[arg(long, value_enum, default_value_t = TemplateArg::Contact, value_name = "NAME")]
        template: TemplateArg,
        /// Open the new file in $VISUAL / $EDITOR
        #[arg(long)]
        edit: bool,
    },
    /// Record an interaction: add `- DATE: MESSAGE` to the Log section and move `last_contact`
    #[command(after_help = examples::LOG)]
    Log {
        /// Name, alias or file name (case-insensitive)
        name: String,
        /// What happened, in quotes: "Called about the renewal" (not needed with --done)
        #[arg(required_unless_present = "done")]
        message: Option<String>,
        /// Words after the last argument: refused with the quoted form (`config` says how)
        #[arg(hide = true)]
        extra: Vec<String>,
        /// When it happened [default: today]
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        date: Option<String>,
        /// Record a future date as a planned touchpoint (`last_contact` is not moved)
        #[arg(long)]
        planned: bool,
        /// Someone else who was there: the same entry goes into their file too (repeatable)
        #[arg(long = "with", value_name = "NAME", conflicts_with = "done")]
        with: Vec<String>,
        /// Tick the one open task (`- [ ]`) whose text contains TEXT, instead of adding a line
        #[arg(long, value_name = "TEXT", conflicts_with_all = ["message", "planned"])]
        done: Option<String>,
    },
    /// Set `snooze_until` (a date, or a duration from today such as 2w), or remove it with --clear
    #[command(after_help = examples::SNOOZE)]
    Snooze {
        /// Name, alias or file name (case-insensitive)
        name: String,
        /// YYYY-MM-DD or a duration (7d, 2w, 3m)
        #[arg(required_unless_present = "clear", allow_hyphen_values = true)]
        until: Option<String>,
        /// Words after the last argument: refused with the quoted form (`config` says how)
        #[arg(hide = true)]
        extra: Vec<String>,
        /// Remove `snooze_until`: the contact is due again as its cadence says
        #[arg(long, conflicts_with = "until")]
        clear: bool,
    },
    /// Open a contact's file in $VISUAL / $EDITOR
    #[command(after_help = examples::EDIT)]
    Edit {
        /// Name, alias or file name (case-insensitive)
        name: String,
        /// Words after the name: refused with the quoted form
        #[arg(hide = true)]
        extra: Vec<String>,
    },
    /// The weekly outreach list: whom to reach out to, which cards to send, accounts at risk
    #[command(after_help = examples::OUTREACH)]
    Outreach {
        /// The week, e.g. 2026-W48 [default: the current week]
        #[arg(long, value_name = "WEEK", conflicts_with = "next")]
        week: Option<String>,
        /// Next week instead of the current one
        #[arg(long)]
        next: bool,
        /// How many people to list under "Reach out" [default: `outreach_limit` from touchbase.toml, else 10]
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        limit: Option<i64>,
        /// Save the list as <`outreach_dir`>/<week>.md
        #[arg(long)]
        write: bool,
        /// With --write: replace a saved list that differs (notes, another day's list; ticked
        /// boxes are kept), or a file there that touchbase did not generate
        #[arg(long, requires = "write")]
        force: bool,
        /// Record each box ticked on the week's saved list as an interaction (once)
        #[arg(long, conflicts_with_all = ["write", "limit"])]
        apply: bool,
    },
    /// Cards to post: each birthday, anniversary, family birthday, yearly date and one-off event
    /// with its post-by date (the event minus `card_lead_days`) and the mailing address
    #[command(after_help = examples::CARDS)]
    Cards {
        /// Cards whose post-by date falls in this many weeks from today (late ones too)
        #[arg(
            long,
            value_name = "N",
            default_value_t = 4,
            conflicts_with = "campaign",
            allow_negative_numbers = true
        )]
        weeks: i64,
        /// A year-end list instead: everyone (with --tag, everyone with that tag), by name, with
        /// the address, to post by `holiday_post_by` (default Dec 15)
        #[arg(long, value_enum, value_name = "CAMPAIGN")]
        campaign: Option<CampaignArg>,
        /// Only contacts with this tag
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
    },
    /// Contacts grouped by company: who we know there, roles, last touch, gaps
    #[command(after_help = examples::ACCOUNTS)]
    Accounts {
        /// Only this company (case-insensitive substring of any of its names)
        company: Option<String>,
        /// Draw each account's org chart from `reports_to`
        #[arg(long)]
        tree: bool,
    },
    /// A relationship check-up worksheet for an account, a person, or a tag group (`tag:NAME`)
    #[command(after_help = examples::CHECKUP)]
    Checkup {
        /// An account, a person, or `tag:NAME`
        target: String,
        /// Append a dated `## Check-up` section with the questions to the account's note (the
        /// person's file, the tag group's note), creating the note when needed
        #[arg(long)]
        write: bool,
    },
    /// Write all contacts, or a query's result, as json, csv, vcf (vCard 4.0) or ics (calendar)
    #[command(after_help = examples::EXPORT)]
    Export {
        /// Only contacts matching this query
        query: Vec<String>,
    },
    /// Import contacts from a vCard (.vcf) or CSV file (`LinkedIn`, Google, or any with a header row)
    #[command(after_help = examples::IMPORT)]
    Import {
        /// The file to read: a vCard (.vcf) or a CSV export with a header row
        file: PathBuf,
        /// Print what would be created or changed; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Add these tags to every imported contact (comma-separated)
        #[arg(long, value_delimiter = ',')]
        tag: Vec<String>,
        /// Folder inside the vault for new files [default: the vault root]
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Write a commented touchbase.toml for this folder (or --vault), naming the people,
    /// daily-notes and templates folders it finds (an Obsidian vault's too); never overwrites one
    #[command(after_help = examples::INIT)]
    Init {
        /// Also share the vault in git: `.gitattributes` (`*.md merge=touchbase`, the pages marked
        /// `linguist-generated`) and the repository's `merge.touchbase` driver config (docs/team.md)
        #[arg(long)]
        git: bool,
    },
    /// git's merge driver: merge BASE and THEIRS into OURS (written in place) by meaning: Log
    /// entries from both sides, the later `last_contact`, lists united; exits 1 with conflict
    /// markers where it cannot (docs/team.md). `touchbase init --git` installs it
    #[command(after_help = examples::MERGE_FILE)]
    MergeFile {
        /// The common ancestor's version (git's %O)
        base: PathBuf,
        /// Our version (git's %A), replaced by the result
        ours: PathBuf,
        /// Their version (git's %B)
        theirs: PathBuf,
        /// The file's path in the repository (git's %P), for messages
        path: Option<PathBuf>,
    },
    /// Print a shell completion script
    #[command(after_help = examples::COMPLETIONS)]
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) of touchbase or of one command, or write every page into a folder
    #[command(after_help = examples::MAN)]
    Man {
        /// The command whose page to print (`list`, `sync contacts`) [default: touchbase(1)]
        command: Vec<String>,
        /// Write touchbase.1 and one touchbase-COMMAND.1 per command into this existing folder
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        dir: Option<PathBuf>,
    },
    /// Print every contact name and alias, one per line (used by the completion scripts)
    #[command(hide = true)]
    CompleteNames,
    /// Keep the index page current: regenerate it whenever a file in the vault changes
    #[command(after_help = examples::WATCH)]
    Watch {
        /// How long to wait for a burst of changes to settle, in milliseconds
        #[arg(long, value_name = "MS", default_value_t = 300, allow_negative_numbers = true)]
        debounce: i64,
    },
    /// Keep a vdir (vdirsyncer's folder of one file per item) and the vault in step (docs/sync.md)
    #[command(after_help = examples::SYNC)]
    Sync {
        /// What to keep in step: contacts or calendar
        #[command(subcommand)]
        what: Sync,
    },
}

/// What `sync` keeps in step.
#[derive(Debug, Subcommand)]
pub enum Sync {
    /// Contacts, both ways, with a vdir of vCards (`.vcf`): changed fields only, conflicts
    /// reported, never a contact file deleted
    #[command(after_help = examples::SYNC_CONTACTS)]
    Contacts {
        /// The vdir: the folder vdirsyncer (or khard) keeps one `.vcf` per contact in
        vdir: PathBuf,
        /// Print what would change; write nothing (not even the sync state)
        #[arg(long)]
        dry_run: bool,
        /// Stop syncing contacts whose card was deleted from the vdir (their files stay)
        #[arg(long)]
        accept_deletions: bool,
    },
    /// Write the vault's events (birthdays, follow-ups, planned touchpoints, cards to post,
    /// check-ups) as one .ics file each into a vdir; only changed files are written
    #[command(after_help = examples::SYNC_CALENDAR)]
    Calendar {
        /// The vdir: one calendar's folder, as vdirsyncer's filesystem storage has it
        vdir: PathBuf,
        /// Also write every event into this one .ics file (for apps that subscribe to a file)
        #[arg(long, value_name = "FILE")]
        feed: Option<PathBuf>,
        /// Print what would be written or removed; write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(args: &[&str]) -> Vec<String> {
        normalize_args(args.iter().map(OsString::from))
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn negated_terms_move_behind_dashes() {
        assert_eq!(
            norm(&["tb", "list", "tag:x", "-status:ok", "--format", "csv", "-q", "-golf"]),
            ["tb", "list", "tag:x", "--format", "csv", "-q", "--", "-status:ok", "-golf"]
        );
        assert_eq!(norm(&["tb", "-q", "overdue"]), ["tb", "-q", "overdue"]);
        assert_eq!(norm(&["tb", "list", "--", "-a", "b"]), ["tb", "list", "--", "-a", "b"]);
        assert_eq!(norm(&["tb", "log", "Jane", "-x"]), ["tb", "log", "Jane", "-x"]);
        assert_eq!(
            norm(&["tb", "upcoming", "--days", "-3", "-x"]),
            ["tb", "upcoming", "--days", "-3", "--", "-x"]
        );
        let cli =
            Cli::try_parse_from(normalize_args(["tb", "list", "-tag:a", "b"].map(OsString::from))).unwrap();
        assert!(matches!(cli.command, Some(Command::List { ref query }) if query == &["b", "-tag:a"]));
    }
}

#[cfg(test)]
mod help_tests;
