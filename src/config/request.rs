//! The command line as typed requests: every query, date, week, duration and format is parsed
//! and checked here, once, so that commands below receive values, never strings to parse.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{NaiveDate, Weekday};

use crate::cli::{Cli, Command, FormatArg, Sync};
use crate::contact::fields::PartialDate;
use crate::contact::Cadence;
use crate::dates::Facing;
use crate::error::DayError;
use crate::error::{Error, Result};
use crate::query::Query;
use crate::render::{ExportFormat, ListFormat};
use crate::schedule::week::Week;

/// The most weeks `cards --weeks` looks ahead: a year and then some.
const MAX_CARD_WEEKS: u32 = 60;

/// What the user asked for, resolved.
#[derive(Debug)]
pub(crate) enum Request {
    Agenda {
        days: u32,
        format: ListFormat,
    },
    List {
        query: Query,
        format: ListFormat,
    },
    Show {
        name: String,
        format: ListFormat,
    },
    Profile {
        name: String,
        format: ListFormat,
    },
    Brief {
        name: String,
        format: ListFormat,
    },
    Overdue {
        query: Query,
        format: ListFormat,
    },
    Upcoming {
        days: Option<u32>,
        query: Query,
        format: ListFormat,
    },
    Check {
        format: ListFormat,
        /// `--explain PATH`: why that file is or is not a contact.
        explain: Option<PathBuf>,
    },
    Index {
        check: bool,
        force: bool,
    },
    New(NewContact),
    Log(LogEntry),
    /// `None` clears the snooze.
    Snooze {
        name: String,
        until: Option<NaiveDate>,
    },
    Edit {
        name: String,
    },
    Outreach(OutreachRequest),
    Cards(CardsRequest),
    Accounts {
        company: Option<String>,
        tree: bool,
        format: ListFormat,
    },
    Checkup {
        target: String,
        write: bool,
        format: ListFormat,
    },
    Export {
        query: Query,
        format: ExportFormat,
    },
    Import(ImportRequest),
    SyncCalendar(SyncCalendarRequest),
    History {
        name: String,
        format: ListFormat,
    },
    Changes {
        since: String,
        until: String,
        format: ListFormat,
    },
    Init {
        git: bool,
    },
    /// git's merge driver (`merge-file %O %A %B %P`).
    MergeFile {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        path: Option<PathBuf>,
    },
    Completions(clap_complete::Shell),
    Man {
        command: Vec<String>,
        dir: Option<PathBuf>,
    },
    CompleteNames,
    Watch {
        debounce: Duration,
    },
    SyncContacts(SyncContactsRequest),
}

/// `sync contacts VDIR [--dry-run] [--accept-deletions]`.
#[derive(Debug)]
pub(crate) struct SyncContactsRequest {
    pub vdir: PathBuf,
    pub dry_run: bool,
    pub accept_deletions: bool,
}

/// `new NAME [--company ...]`: the name already cleaned and checked, the values validated.
#[derive(Debug, Default)]
pub(crate) struct NewContact {
    pub name: String,
    pub company: Option<String>,
    pub role: Option<String>,
    pub cadence: Option<String>,
    pub tags: Vec<String>,
    pub birthday: Option<String>,
    pub email: Option<String>,
    pub dir: Option<PathBuf>,
    pub edit: bool,
    pub template: crate::write::template::Template,
}

impl NewContact {
    /// The front matter values to set, as YAML, in the order they are written.
    pub(crate) fn values(&self) -> Vec<(&'static str, String)> {
        use crate::write::edit::{yaml_date, yaml_list, yaml_scalar};
        let values = [
            ("name", Some(yaml_scalar(&self.name))),
            ("company", self.company.as_deref().map(yaml_scalar)),
            ("role", self.role.as_deref().map(yaml_scalar)),
            ("email", self.email.as_deref().map(yaml_scalar)),
            ("birthday", self.birthday.as_deref().map(|b| yaml_date(b.trim()))),
            ("cadence", self.cadence.as_deref().map(yaml_scalar)),
            ("tags", (!self.tags.is_empty()).then(|| yaml_list(&self.tags))),
        ];
        values.into_iter().filter_map(|(key, value)| Some((key, value?))).collect()
    }
}

/// `log NAME MESSAGE [--date D] [--planned]`, with the date checked against today.
#[derive(Debug)]
pub(crate) struct LogEntry {
    pub name: String,
    /// The others who were there (`--with`): the same entry goes into each of their files.
    pub with: Vec<String>,
    pub message: String,
    pub date: NaiveDate,
    pub planned: bool,
    /// `--done TEXT`: tick the one open task containing TEXT (no line is added; `message` is
    /// empty), and move `last_contact` to `date` as a logged touch does.
    pub done: Option<String>,
}

/// Which week `outreach` is for. A named week is an ISO week (its Monday); the vault's
/// `week_start` decides the exact days once the settings are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WeekChoice {
    Current,
    Next,
    Iso { monday: NaiveDate, next: bool },
}

impl WeekChoice {
    /// The week, now that the vault's first day of the week is known.
    pub(crate) fn resolve(self, today: NaiveDate, first_day: Weekday) -> Result<Week> {
        let week = match self {
            WeekChoice::Current => Week::containing(today, first_day),
            WeekChoice::Next => Week::containing(today, first_day).next(),
            WeekChoice::Iso { monday, next } => {
                let week = Week::from_iso_monday(monday, first_day)
                    .map_err(|e| Error::usage(format!("--week: {e}")))?;
                if next {
                    week.next()
                } else {
                    week
                }
            }
        };
        Ok(week)
    }
}

#[derive(Debug)]
pub(crate) struct OutreachRequest {
    pub week: WeekChoice,
    pub limit: Option<usize>,
    pub write: bool,
    pub force: bool,
    /// Record the ticks of the saved page instead of printing or writing it.
    pub apply: bool,
}

/// `cards [--weeks N] [--campaign holiday] [--tag TAG]`.
#[derive(Debug)]
pub(crate) struct CardsRequest {
    pub weeks: u32,
    /// The year-end holiday list instead of the events' cards.
    pub holiday: bool,
    pub tag: Option<String>,
    pub format: ListFormat,
}

/// `sync calendar VDIR [--feed FILE] [--dry-run]`.
#[derive(Debug)]
pub(crate) struct SyncCalendarRequest {
    pub vdir: PathBuf,
    pub feed: Option<PathBuf>,
    pub dry_run: bool,
}

#[derive(Debug)]
pub(crate) struct ImportRequest {
    pub file: PathBuf,
    pub dry_run: bool,
    pub tags: Vec<String>,
    pub dir: Option<PathBuf>,
}

/// Resolves the subcommand (the agenda when there is none) against `today`.
pub(super) fn request(cli: &Cli, today: NaiveDate) -> Result<Request> {
    let agenda = Command::Agenda { days: 14 };
    let command = cli.command.as_ref().unwrap_or(&agenda);
    refuse_split_words(command)?;
    let format_arg = checked_format(command, cli.format)?;
    let format = list_format(format_arg);
    let request = match command {
        Command::Agenda { days } => {
            let days = count(*days, "--days")?;
            Request::Agenda { days, format }
        }
        Command::List { query } => Request::List { query: parse_query(query)?, format },
        Command::Show { name, .. } => Request::Show { name: name.clone(), format },
        Command::Profile { name, .. } => Request::Profile { name: name.clone(), format },
        Command::Brief { name, .. } => Request::Brief { name: name.clone(), format },
        Command::Overdue { query } => Request::Overdue { query: parse_query(query)?, format },
        Command::Upcoming { days, query } => {
            let days = days.map(|d| count(d, "--days")).transpose()?;
            Request::Upcoming { days, query: parse_query(query)?, format }
        }
        Command::History { name } => Request::History { name: name.clone(), format },
        Command::Changes { since, until } => Request::Changes {
            since: git_point(since, "--since", today)?,
            until: git_point(until, "--until", today)?,
            format,
        },
        Command::Check { explain } => Request::Check { format, explain: explain.clone() },
        Command::Index { check, force } => Request::Index { check: *check, force: *force },
        Command::New { name, company, role, cadence, tags, birthday, email, dir, edit, template, .. } => {
            Request::New(new_contact(NewContact {
                name: name.clone(),
                company: company.clone(),
                role: role.clone(),
                cadence: cadence.clone(),
                tags: tags.clone(),
                birthday: birthday.clone(),
                email: email.clone(),
                dir: dir.clone(),
                edit: *edit,
                template: match template {
                    crate::cli::TemplateArg::Contact => crate::write::template::Template::Contact,
                    crate::cli::TemplateArg::Mackay => crate::write::template::Template::Mackay,
                },
            })?)
        }
        Command::Log { name, message, date, planned, with, done, .. } => {
            let message = message.as_deref().unwrap_or("");
            let mut entry = log_entry(name, message, date.as_deref(), *planned, done.as_deref(), today)?;
            entry.with.clone_from(with);
            Request::Log(entry)
        }
        Command::Snooze { name, until, clear, .. } => {
            Request::Snooze { name: name.clone(), until: snooze_until(until.as_deref(), *clear, today)? }
        }
        Command::Edit { name, .. } => Request::Edit { name: name.clone() },
        Command::Outreach { week, next, limit, write, force, apply } => {
            Request::Outreach(outreach(week.as_deref(), *next, *limit, (*write, *force, *apply))?)
        }
        Command::Cards { weeks, campaign, tag } => {
            Request::Cards(cards(*weeks, campaign.is_some(), tag.as_deref(), format)?)
        }
        Command::Accounts { company, tree } => {
            Request::Accounts { company: company.clone(), tree: *tree, format }
        }
        Command::Checkup { target, write } => {
            Request::Checkup { target: target.clone(), write: *write, format }
        }
        Command::Export { query } => {
            let format = match format_arg {
                FormatArg::Json => ExportFormat::Json,
                FormatArg::Csv => ExportFormat::Csv,
                FormatArg::Vcf => ExportFormat::Vcf,
                FormatArg::Ics => ExportFormat::Ics,
                // `checked_format` refused these already.
                FormatArg::Table | FormatArg::Md | FormatArg::Paths => {
                    return Err(Error::usage("`export` needs --format json, csv, vcf or ics"));
                }
            };
            Request::Export { query: parse_query(query)?, format }
        }
        Command::Import { file, dry_run, tag, dir } => Request::Import(ImportRequest {
            file: file.clone(),
            dry_run: *dry_run,
            tags: tag.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect(),
            dir: dir.clone(),
        }),
        Command::Init { git } => Request::Init { git: *git },
        Command::MergeFile { base, ours, theirs, path } => Request::MergeFile {
            base: base.clone(),
            ours: ours.clone(),
            theirs: theirs.clone(),
            path: path.clone(),
        },
        Command::Completions { shell } => Request::Completions(*shell),
        Command::Man { command, dir } => Request::Man { command: command.clone(), dir: dir.clone() },
        Command::CompleteNames => Request::CompleteNames,
        Command::Watch { debounce } => Request::Watch { debounce: debounce_of(*debounce)? },
        Command::Sync { what } => sync(what),
    };
    Ok(request)
}

/// `sync calendar` (and `sync contacts`, its sibling).
fn sync(what: &Sync) -> Request {
    match what {
        Sync::Calendar { vdir, feed, dry_run } => Request::SyncCalendar(SyncCalendarRequest {
            vdir: vdir.clone(),
            feed: feed.clone(),
            dry_run: *dry_run,
        }),
        Sync::Contacts { vdir, dry_run, accept_deletions } => Request::SyncContacts(SyncContactsRequest {
            vdir: vdir.clone(),
            dry_run: *dry_run,
            accept_deletions: *accept_deletions,
        }),
    }
}

/// A count typed on the command line (`--days`, `--limit`): clap reads `-3` as a number, so
/// that it gets this message and not "a value is required".
fn count(n: i64, what: &str) -> Result<u32> {
    u32::try_from(n).map_err(|_| {
        if n < 0 {
            Error::usage(format!("{what} must be 0 or more (got {n})"))
        } else {
            Error::usage(format!("{what} must be at most {} (got {n})", u32::MAX))
        }
    })
}

/// `watch --debounce MS`.
fn debounce_of(ms: i64) -> Result<Duration> {
    Ok(Duration::from_millis(u64::from(count(ms, "--debounce")?)))
}

/// `outreach`: the week chosen, the flags as given (`write`, `force`, `apply`).
fn outreach(
    week: Option<&str>,
    next: bool,
    limit: Option<i64>,
    (write, force, apply): (bool, bool, bool),
) -> Result<OutreachRequest> {
    let limit = limit.map(|n| count(n, "--limit").map(|n| n as usize)).transpose()?;
    let week = match week {
        Some(text) => WeekChoice::Iso {
            monday: Week::parse_iso_monday(text).map_err(|e| Error::usage(format!("--week: {e}")))?,
            next,
        },
        None if next => WeekChoice::Next,
        None => WeekChoice::Current,
    };
    Ok(OutreachRequest { week, limit, write, force, apply })
}

/// `cards`: the window checked, the tag trimmed.
fn cards(weeks: i64, holiday: bool, tag: Option<&str>, format: ListFormat) -> Result<CardsRequest> {
    let Ok(weeks @ 1..=MAX_CARD_WEEKS) = u32::try_from(weeks) else {
        return Err(Error::usage(format!("--weeks must be 1 to {MAX_CARD_WEEKS} (got {weeks})")));
    };
    let tag = tag.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
    Ok(CardsRequest { weeks, holiday, tag, format })
}

/// A name or message the shell split into words (`log "Jane Doe" called about renewal`): the
/// hidden `extra` arguments caught the rest, and the error shows the quoted command.
fn refuse_split_words(command: &Command) -> Result<()> {
    let (what, words): (&str, Vec<&String>) = match command {
        Command::Log { name, message: Some(message), extra, .. } if !extra.is_empty() => {
            let message = std::iter::once(message).chain(extra).map(String::as_str).collect::<Vec<_>>();
            let fixed = format!("touchbase log {} {}", shell_quote(name), shell_quote(&message.join(" ")));
            return Err(split_error("the message", &fixed));
        }
        Command::Snooze { name, until: Some(until), extra, .. } if !extra.is_empty() => {
            let mut words: Vec<&str> = std::iter::once(name)
                .chain(std::iter::once(until))
                .chain(extra)
                .map(String::as_str)
                .collect();
            let date = words.pop().unwrap_or_default();
            let fixed = format!("touchbase snooze {} {}", shell_quote(&words.join(" ")), shell_quote(date));
            return Err(split_error("the name", &fixed));
        }
        Command::Show { name, extra } => ("show", std::iter::once(name).chain(extra).collect()),
        Command::Profile { name, extra } => ("profile", std::iter::once(name).chain(extra).collect()),
        Command::Brief { name, extra } => ("brief", std::iter::once(name).chain(extra).collect()),
        Command::Edit { name, extra } => ("edit", std::iter::once(name).chain(extra).collect()),
        Command::New { name, extra, .. } => ("new", std::iter::once(name).chain(extra).collect()),
        _ => return Ok(()),
    };
    if words.len() < 2 {
        return Ok(());
    }
    let name = words.iter().map(|w| w.as_str()).collect::<Vec<_>>().join(" ");
    Err(split_error("the name", &format!("touchbase {what} {}", shell_quote(&name))))
}

fn split_error(what: &str, fixed: &str) -> Error {
    Error::usage(format!("{what} is split over several arguments; quote it: {fixed}"))
}

/// A word as a POSIX shell reads it back: bare when it is plain, else in double quotes.
fn shell_quote(word: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_.,:/@+%=".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        return word.to_string();
    }
    let mut quoted = String::from("\"");
    for c in word.chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

/// The `--format`s each command prints (docs/format.md, "Formats by command"), in one table.
/// An empty list: the command prints no listing, and any `--format` is refused.
fn formats(command: &Command) -> (&'static str, &'static [FormatArg]) {
    use FormatArg::{Csv, Ics, Json, Md, Paths, Table, Vcf};
    const LISTS: &[FormatArg] = &[Table, Json, Csv, Md, Paths];
    const TEXT: &[FormatArg] = &[Table, Json];
    const SHEETS: &[FormatArg] = &[Table, Json, Md];
    match command {
        Command::Agenda { .. } => ("agenda", &[Table, Paths]),
        Command::List { .. } => ("list", LISTS),
        Command::Overdue { .. } => ("overdue", LISTS),
        Command::Upcoming { .. } => ("upcoming", LISTS),
        Command::Show { .. } => ("show", LISTS),
        Command::Accounts { tree: false, .. } => ("accounts", LISTS),
        Command::Accounts { tree: true, .. } => ("accounts --tree", SHEETS),
        Command::Profile { .. } => ("profile", TEXT),
        Command::Brief { .. } => ("brief", TEXT),
        Command::History { .. } => ("history", TEXT),
        Command::Changes { .. } => ("changes", TEXT),
        Command::Check { explain: None } => ("check", &[Table, Json, Paths]),
        Command::Check { explain: Some(_) } => ("check --explain", TEXT),
        Command::Outreach { .. } => ("outreach", &[Table, Md]),
        Command::Cards { .. } => ("cards", SHEETS),
        Command::Checkup { .. } => ("checkup", SHEETS),
        Command::Export { .. } => ("export", &[Json, Csv, Vcf, Ics]),
        other => (quiet_name(other), &[]),
    }
}

/// The commands that print no listing (they write files, or print a script or a page).
fn quiet_name(command: &Command) -> &'static str {
    match command {
        Command::Index { .. } => "index",
        Command::New { .. } => "new",
        Command::Log { .. } => "log",
        Command::Snooze { .. } => "snooze",
        Command::Edit { .. } => "edit",
        Command::Import { .. } => "import",
        Command::Init { .. } => "init",
        Command::MergeFile { .. } => "merge-file",
        Command::Completions { .. } => "completions",
        Command::Man { .. } => "man",
        Command::CompleteNames => "complete-names",
        Command::Sync { what: Sync::Contacts { .. } } => "sync contacts",
        Command::Sync { what: Sync::Calendar { .. } } => "sync calendar",
        _ => "watch",
    }
}

/// `--format` checked against the command's formats, the one place that refuses one (exit 2);
/// `table` when none is given (`export`, which has no default, needs one).
fn checked_format(command: &Command, given: Option<FormatArg>) -> Result<FormatArg> {
    let (name, supported) = formats(command);
    let format = given.unwrap_or(FormatArg::Table);
    if supported.contains(&format) || (given.is_none() && supported.is_empty()) {
        return Ok(format);
    }
    let names: Vec<&str> = supported.iter().map(|f| format_name(*f)).collect();
    let message = match (names.split_last(), given) {
        (None, _) => format!("`{name}` prints no listing, so it takes no --format"),
        (Some((last, rest)), None) => format!("`{name}` needs --format {}", or_list(rest, last)),
        (Some((last, rest)), Some(f)) => {
            format!("`{name}` prints --format {} (not {})", or_list(rest, last), format_name(f))
        }
    };
    let hint = if name == "agenda" { "; `overdue` and `upcoming` print json, csv and md" } else { "" };
    Err(Error::usage(format!("{message}{hint}")))
}

/// `table, json or md`.
fn or_list(rest: &[&str], last: &str) -> String {
    if rest.is_empty() {
        last.to_string()
    } else {
        format!("{} or {last}", rest.join(", "))
    }
}

fn format_name(format: FormatArg) -> &'static str {
    match format {
        FormatArg::Table => "table",
        FormatArg::Json => "json",
        FormatArg::Csv => "csv",
        FormatArg::Md => "md",
        FormatArg::Paths => "paths",
        FormatArg::Vcf => "vcf",
        FormatArg::Ics => "ics",
    }
}

fn list_format(format: FormatArg) -> ListFormat {
    match format {
        FormatArg::Table | FormatArg::Vcf | FormatArg::Ics => ListFormat::Table,
        FormatArg::Json => ListFormat::Json,
        FormatArg::Csv => ListFormat::Csv,
        FormatArg::Md => ListFormat::Md,
        FormatArg::Paths => ListFormat::Paths,
    }
}

/// Joins command-line words into one query; a word the shell unquoted that holds spaces is a
/// phrase again (`touchbase list "red sox"`).
pub(crate) fn parse_query(words: &[String]) -> Result<Query> {
    let text = words
        .iter()
        .map(|word| {
            if !word.chars().any(char::is_whitespace) || word.contains('"') {
                return word.clone();
            }
            // A whole query in one argument: `touchbase list 'tag:customer status:ok'`.
            let looks_like_terms = word.split_whitespace().all(|w| {
                w.trim_start_matches('-').split_once(':').is_some_and(|(k, v)| !k.is_empty() && !v.is_empty())
            });
            if looks_like_terms {
                return word.clone();
            }
            match word.split_once(':') {
                Some((key, value)) if !key.is_empty() && !key.chars().any(char::is_whitespace) => {
                    format!("{key}:\"{value}\"")
                }
                _ => format!("\"{word}\""),
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    Query::parse(&text).map_err(|e| Error::usage(e.to_string()))
}

/// The name cleaned as it will be written (see `vault::names::clean_name`) and checked, and
/// the values that must parse.
fn new_contact(mut new: NewContact) -> Result<NewContact> {
    // Bidi controls and line breaks never reach the file.
    let name = crate::vault::names::clean_name(&new.name);
    // `new "Jane Doe.md"` means Jane Doe, as `show` and `log` read it.
    let name = name.strip_suffix(".md").unwrap_or(&name).trim_end().to_string();
    check_name(&name)?;
    if let Some(cadence) = &new.cadence {
        Cadence::parse(cadence).map_err(|e| Error::usage(format!("--cadence: {e}")))?;
    }
    if let Some(birthday) = &new.birthday {
        PartialDate::parse(birthday).map_err(|e| {
            match crate::dates::explain_impossible(birthday.trim()) {
                impossible @ DayError::Impossible { .. } => Error::usage(format!("--birthday: {impossible}")),
                _ => Error::usage(format!("--birthday: {e}")),
            }
        })?;
    }
    new.tags = new.tags.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
    new.name = name;
    Ok(new)
}

/// Refuses a name that would name no file, or one outside its folder or hidden: the user meant
/// something else. Everything else is made safe by `vault::names`.
pub(crate) fn check_name(name: &str) -> Result<()> {
    if name.is_empty() {
        return Err(Error::usage("the name is empty"));
    }
    if name.contains(['/', '\0']) || name.starts_with('.') {
        return Err(Error::usage(format!(
            "{name:?} cannot be a file name inside the vault (no `/`, NUL or leading `.`)"
        )));
    }
    Ok(())
}

/// A date argument through the one parser (`crate::dates::parse_day`), relative to `today`.
fn parse_day(text: &str, what: &str, today: NaiveDate, facing: Facing) -> Result<NaiveDate> {
    crate::dates::parse_day(text, today, facing).map_err(|e| Error::usage(format!("{what}: {e}")))
}

/// `changes --since/--until`: a date in any form `parse_day` reads (looking back) becomes
/// `YYYY-MM-DD`; anything else is a git revision. An impossible date is an error, not a revision.
fn git_point(text: &str, what: &str, today: NaiveDate) -> Result<String> {
    match crate::dates::parse_day(text, today, Facing::Past) {
        Ok(day) => Ok(day.to_string()),
        Err(DayError::Unknown(_)) => Ok(text.to_string()),
        Err(e) => Err(Error::usage(format!("{what}: {e}"))),
    }
}

fn log_entry(
    name: &str,
    message: &str,
    date: Option<&str>,
    planned: bool,
    done: Option<&str>,
    today: NaiveDate,
) -> Result<LogEntry> {
    match done {
        Some(task) if task.trim().is_empty() => return Err(Error::usage("--done: the task text is empty")),
        None if message.trim().is_empty() => return Err(Error::usage("the message is empty")),
        _ => {}
    }
    let done = done.map(str::to_string);
    let date = match date {
        Some(text) => parse_day(text, "--date", today, if planned { Facing::Future } else { Facing::Past })?,
        None => today,
    };
    if date > today && !planned {
        return Err(Error::usage(format!(
            "{date} is in the future (today is {today}); use --planned to record a planned touchpoint"
        )));
    }
    if planned && date <= today {
        return Err(Error::usage(format!("--planned needs a date after today ({today})")));
    }
    Ok(LogEntry {
        name: name.to_string(),
        with: Vec::new(),
        message: message.to_string(),
        date,
        planned,
        done,
    })
}

fn snooze_until(until: Option<&str>, clear: bool, today: NaiveDate) -> Result<Option<NaiveDate>> {
    match (until, clear) {
        (_, true) => Ok(None),
        (Some(text), false) => {
            // `monthly`, `every 2 weeks`: written like a cadence, as snooze always took them.
            let cadence = || Cadence::parse(text).ok().and_then(|c| c.add_to(today));
            let date = match crate::dates::parse_day(text, today, Facing::Future) {
                Ok(date) => date,
                Err(DayError::Unknown(_)) if cadence().is_some() => cadence().unwrap_or(today),
                Err(e) => return Err(Error::usage(format!("snooze: {e}"))),
            };
            if date <= today {
                return Err(Error::usage(format!("snooze until {date}: that is not after today ({today})")));
            }
            Ok(Some(date))
        }
        (None, false) => Err(Error::usage("snooze needs a date or a duration, or --clear")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn resolve(args: &[&str]) -> Result<Request> {
        let cli = Cli::try_parse_from(std::iter::once("touchbase").chain(args.iter().copied())).unwrap();
        request(&cli, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())
    }

    #[test]
    fn values_are_parsed_once_here() {
        assert!(matches!(resolve(&[]), Ok(Request::Agenda { days: 14, format: ListFormat::Table })));
        assert!(matches!(resolve(&["--format", "json"]), Err(Error::Usage(_))));
        assert!(matches!(resolve(&["--format", "vcf", "list"]), Err(Error::Usage(_))));
        assert!(matches!(resolve(&["--format", "md", "export"]), Err(Error::Usage(_))));
        assert!(matches!(
            resolve(&["--format", "ics", "export"]),
            Ok(Request::Export { format: ExportFormat::Ics, .. })
        ));
        assert!(matches!(resolve(&["log", "Jane", "x", "--date", "2026-12-01"]), Err(Error::Usage(_))));
        let Ok(Request::Snooze { until: Some(until), .. }) = resolve(&["snooze", "Jane", "2w"]) else {
            panic!()
        };
        assert_eq!(until.to_string(), "2026-12-10");
        assert!(matches!(resolve(&["outreach", "--week", "2026-W60"]), Err(Error::Usage(_))));
        assert!(matches!(resolve(&["new", "../x"]), Err(Error::Usage(_))));
        assert!(matches!(resolve(&["list", "due:<nonsense"]), Err(Error::Usage(_))));
    }

    #[test]
    fn changes_points_read_dates_in_every_form_and_leave_revisions_to_git() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(git_point("-1w", "--since", today).unwrap(), "2026-11-19");
        assert_eq!(git_point("yesterday", "--since", today).unwrap(), "2026-11-25");
        assert_eq!(git_point("monday", "--since", today).unwrap(), "2026-11-23");
        assert_eq!(git_point("HEAD~3", "--since", today).unwrap(), "HEAD~3");
        assert_eq!(git_point("main", "--until", today).unwrap(), "main");
        let err = git_point("2026-02-30", "--since", today).unwrap_err().to_string();
        assert_eq!(err, "--since: invalid date \"2026-02-30\": February 2026 has 28 days");
    }

    #[test]
    fn names_that_name_no_file_here() {
        assert!(check_name("Jane Doe").is_ok());
        assert!(check_name("\u{202e}evil").is_ok());
        for bad in ["", "../x", "/etc/passwd", "a\0b", ".hidden"] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }
}
