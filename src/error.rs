//! Errors and diagnostics. `Error` is fatal for a command (exit 2); `Diagnostic` is a soft,
//! per-file problem, a warning (the value is dropped, the contact kept) or an error (the file is
//! skipped), reported while the rest of the vault is still answered.

use std::fmt;
use std::path::PathBuf;

/// A position inside a file, 1-based, as editors count.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize, serde::Deserialize,
)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// How bad a diagnostic is: a warning leaves the contact loaded (a bad value is dropped), an
/// error skips the file (it cannot be read, or its front matter is not YAML).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A problem with one file of the vault, printed as `path:line:col: message`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// The path as the user should see it (vault path joined with the file's relative path).
    pub path: PathBuf,
    pub position: Option<Position>,
    pub message: String,
    pub severity: Severity,
}

impl Diagnostic {
    /// An error: the file is skipped.
    pub fn new(path: impl Into<PathBuf>, position: Option<Position>, message: impl Into<String>) -> Self {
        Diagnostic { path: path.into(), position, message: message.into(), severity: Severity::Error }
    }

    /// A warning: the file is still loaded, without the value the message is about.
    pub fn warning(path: impl Into<PathBuf>, position: Option<Position>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::new(path, position, message) }
    }

    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(pos) = self.position {
            write!(f, ":{}:{}", pos.line, pos.column)?;
        }
        write!(f, ": {}", crate::text::sanitize(&self.message))
    }
}

/// A failure that stops a command: bad usage, an unusable vault, an I/O error on output.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Usage(String),
    #[error("{path}: {source}")]
    Settings { path: PathBuf, source: SettingsError },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    Output(std::io::Error),
    /// A NAME that matched nothing or more than one contact (exit 1: nothing matched).
    #[error("{0}")]
    NoMatch(String),
    /// A write that was refused to protect the user's data (exit 1).
    #[error("{0}")]
    Refused(String),
    /// A write whose path leaves the vault, through a link or `..` (exit 2).
    #[error("{0}")]
    Outside(String),
    /// Another touchbase process held the folder's lock for too long (exit 2).
    #[error("{0}")]
    Busy(String),
}

impl Error {
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Error::Usage(message.into())
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a date typed on the command line (`--date`, `--today`, `snooze`'s date) is no day.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DayError {
    /// `2026-02-30`: the reason says which part cannot be (`February 2026 has 28 days`).
    #[error("invalid date {text:?}: {reason}")]
    Impossible { text: String, reason: String },
    /// A bare span (`2w`) where the argument faces neither way (`--today`).
    #[error("{0:?} has no sign: write +{0} ({0} after today) or -{0} ({0} before today)")]
    Unsigned(String),
    /// A bare weekday where the argument faces neither way.
    #[error("{0:?} could be the last or the next one: write `last {0}` or `next {0}`")]
    Weekday(String),
    #[error(
        "invalid date {0:?} (expected YYYY-MM-DD, today, yesterday, tomorrow, a span such as -1d, +2w, 3m or 1y, or a weekday such as monday)"
    )]
    Unknown(String),
    #[error("{0:?} is out of range (touchbase reads dates from 0000-01-01 to 9999-12-31)")]
    OutOfRange(String),
}

/// Why a text is not a cadence.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CadenceError {
    #[error(
        "unknown cadence {0:?} (expected e.g. 7d, 2w, 3m, 1y, every 3 weeks, weekly, biweekly, monthly, quarterly, yearly, none)"
    )]
    Unknown(String),
    #[error("cadence {0:?} must be between 1 and 10000 units")]
    OutOfRange(String),
    #[error("cadence of {0} days is out of range")]
    Days(i64),
}

/// Why a text is not a week, or names one touchbase cannot print.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WeekError {
    #[error("invalid week {0:?} (expected e.g. 2026-W48)")]
    Invalid(String),
    #[error("week {0:?} is out of range (touchbase prints no date past 9999-12-31)")]
    OutOfRange(String),
    #[error("invalid weekday {0:?} (expected e.g. monday or sunday)")]
    Weekday(String),
}

/// What is wrong with a `touchbase.toml`: its TOML, or a value in it.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("not valid UTF-8 text")]
    Utf8,
    #[error("{line}:{column}: {message}")]
    Toml { line: usize, column: usize, message: String },
    #[error("{0}")]
    TomlWithoutPosition(String),
    #[error("{what}: invalid glob {pattern:?}: {message}")]
    Glob { what: &'static str, pattern: String, message: String },
    #[error("{what}: {message}")]
    Globs { what: &'static str, message: String },
    #[error("{what}: {path:?} must be a relative path inside the vault")]
    Path { what: &'static str, path: String },
    #[error("week_start: {0}")]
    WeekStart(WeekError),
    #[error("file_names: {0:?} is not one of \"name\", \"slug\"")]
    FileNames(String),
    #[error("{key}: {source}")]
    Cadence { key: String, source: CadenceError },
    #[error("fields.{0}: not a standard field (expected one of {1})")]
    Field(String, String),
    #[error("{key}: {message}")]
    Invalid { key: &'static str, message: String },
}

/// Why a text is not a date touchbase reads.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("invalid date {0:?} (expected YYYY-MM-DD)")]
    Invalid(String),
    #[error("invalid date {0:?} (expected --MM-DD, --MMDD or MM-DD)")]
    InvalidYearly(String),
    #[error("invalid date {0:?} (the year must have four digits)")]
    Year(String),
    #[error("ambiguous date {0:?} (write YYYY-MM-DD)")]
    Ambiguous(String),
    /// A date in another tool's export that matches none of the shapes they write.
    #[error("invalid date {0:?}")]
    InvalidExported(String),
    #[error("ambiguous date {0:?} (day and month order unknown)")]
    AmbiguousExported(String),
    /// Outlook's "no date" (`0/0/00`, `1/0/00`, `00/00/0000`, `1/1/4501`): read as no value.
    #[error("{0:?} stands for no date")]
    Placeholder(String),
    #[error("empty date")]
    Empty,
}
