//! The clock: the one place touchbase reads the date (when `--today` does not fix it) and how
//! long until it changes (for `watch`).

use chrono::NaiveDate;

/// The local date now.
pub(crate) fn current_day() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// How long until the local date changes (for watch mode), plus a second of margin.
pub(crate) fn until_next_day() -> std::time::Duration {
    let now = chrono::Local::now().naive_local();
    let next = now.date().succ_opt().and_then(|d| d.and_hms_opt(0, 0, 1));
    let seconds = next.map_or(3600, |n| (n - now).num_seconds().clamp(1, 3600));
    std::time::Duration::from_secs(u64::try_from(seconds).unwrap_or(3600))
}
