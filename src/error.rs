//! Errors and diagnostics. `Error` is fatal for a command (exit 2); `Diagnostic` is a soft,
//! per-file problem that is reported and skipped while the rest of the vault is still answered.

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

/// A problem with one file of the vault, printed as `path:line:col: message`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// The path as the user should see it (vault path joined with the file's relative path).
    pub path: PathBuf,
    pub position: Option<Position>,
    pub message: String,
}

impl Diagnostic {
    pub fn new(path: impl Into<PathBuf>, position: Option<Position>, message: impl Into<String>) -> Self {
        Diagnostic { path: path.into(), position, message: message.into() }
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
    #[error("{path}: {message}")]
    Config { path: PathBuf, message: String },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    Output(#[from] std::io::Error),
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
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage(message.into())
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
