//! What `watch` says after building the page: the facts of its status line.

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;

use crate::index::Index;
use crate::schedule::Status as Due;

/// One regeneration of the page.
#[derive(Debug)]
pub(crate) struct Status {
    /// The page as the user should see it.
    pub page: PathBuf,
    /// Whether its bytes changed on disk.
    pub written: bool,
    pub changed: Changed,
    pub contacts: usize,
    pub overdue: usize,
    pub today: NaiveDate,
    /// From the first event of the batch (or the start) to the page on disk.
    pub elapsed: Duration,
}

/// What the batch behind a regeneration did to the index.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Changed {
    /// The whole vault was read again; the counts below are then zero.
    pub reloaded: bool,
    pub added: usize,
    pub modified: usize,
    pub removed: usize,
    /// The first file added, else modified, else removed, relative to the root.
    pub first: Option<PathBuf>,
    /// The page itself was gone.
    pub page_was_gone: bool,
}

impl Status {
    pub(crate) fn new(
        index: &Index,
        page: PathBuf,
        written: bool,
        changed: Changed,
        elapsed: Duration,
    ) -> Status {
        let overdue = index.entries.iter().filter(|e| e.schedule.status == Due::Overdue).count();
        Status { page, written, changed, contacts: index.entries.len(), overdue, today: index.today, elapsed }
    }
}
