//! The body merged by meaning where it is a Log: the entries of the Log section (the items of
//! its list, which `write::edit` finds and `log` writes, or its dated headings with what follows
//! each) from both sides, each once, in the section's order; the text before and after the
//! entries goes to `git merge-file`.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::git::{self, LineMerge};
use crate::contact::body::{self, TopHeading};
use crate::error::Result;
use crate::write::edit::find_log_section;

/// One entry: its lines (without the blank lines after it), the gap to the next entry, its date.
#[derive(Debug, Clone)]
struct Entry {
    text: String,
    gap: String,
    date: Option<NaiveDate>,
}

impl Entry {
    fn key(&self) -> &str {
        self.text.trim_end()
    }
}

/// A body as the text before the Log entries, the entries, and the text after them.
struct Parts<'a> {
    before: &'a str,
    entries: Vec<Entry>,
    after: &'a str,
}

fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or("").rfind('\n').map_or(0, |i| i + 1)
}

fn line_end(text: &str, offset: usize) -> usize {
    text.get(offset..).unwrap_or("").find('\n').map_or(text.len(), |i| offset + i + 1)
}

/// Where each entry starts and ends (its last line included, the blank lines after it not),
/// and its date: the items of the first Log section's first list, or its dated headings when
/// that list has no dated item.
fn spans(body: &str) -> Vec<(usize, usize, Option<NaiveDate>)> {
    let trimmed = |start: usize, end: usize| {
        let text = body.get(start..end).unwrap_or("");
        line_end(body, start + text.trim_end().len().saturating_sub(1))
    };
    let items: Vec<_> = find_log_section(body).map(|section| section.items).unwrap_or_default();
    // A dated list item (as `log` adds, even below dated headings) makes the list the entries.
    let headings = heading_spans(body);
    if !headings.is_empty() && items.iter().all(|item| item.date.is_none()) {
        return headings
            .into_iter()
            .map(|(start, end, date)| (start, trimmed(start, end), Some(date)))
            .collect();
    }
    items
        .iter()
        .map(|item| {
            (line_start(body, item.range.start), trimmed(item.range.start, item.range.end), item.date)
        })
        .collect()
}

/// The blocks of the first Log section's dated headings (`### 2026-11-20 Call` and what follows
/// it up to the next one), when every heading of the section's top level in it is dated.
fn heading_spans(body: &str) -> Vec<(usize, usize, NaiveDate)> {
    let Some(section) = body::log_sections(body).into_iter().next() else { return Vec::new() };
    let inside: Vec<TopHeading> = body::top_level_headings(body)
        .into_iter()
        .filter(|h| h.range.start > section.heading.start && h.range.start < section.end)
        .collect();
    let Some(level) = inside.iter().map(|h| h.level).min() else { return Vec::new() };
    let top: Vec<&TopHeading> = inside.iter().filter(|h| h.level == level).collect();
    let mut out = Vec::new();
    for (i, heading) in top.iter().enumerate() {
        let Some(date) = heading.title.get(..10).and_then(|d| crate::dates::parse_date(d).ok()) else {
            return Vec::new();
        };
        let end = top.get(i + 1).map_or(section.end, |next| line_start(body, next.range.start));
        out.push((line_start(body, heading.range.start), end, date));
    }
    out
}

fn parts(body: &str) -> Option<Parts<'_>> {
    let spans = spans(body);
    let (first, last) = (spans.first()?.0, spans.last()?.1);
    let entries = spans
        .iter()
        .enumerate()
        .map(|(i, &(start, end, date))| {
            let next = spans.get(i + 1).map_or(end, |s| s.0);
            Entry {
                text: body.get(start..end).unwrap_or("").to_string(),
                gap: body.get(end..next).unwrap_or("").to_string(),
                date,
            }
        })
        .collect();
    Some(Parts { before: body.get(..first)?, entries, after: body.get(last..)? })
}

/// Whether the dated entries run oldest first (as `log` judges a section).
fn oldest_first(entries: &[Entry]) -> Option<bool> {
    let dated: Vec<NaiveDate> = entries.iter().filter_map(|e| e.date).collect();
    match (dated.first(), dated.last()) {
        (Some(first), Some(last)) if dated.len() > 1 => Some(first < last),
        _ => None,
    }
}

/// Merges three bodies (line endings already alike).
pub(crate) fn merge(base: &str, ours: &str, theirs: &str) -> Result<LineMerge> {
    let whole = || git::merge_file(base.as_bytes(), ours.as_bytes(), theirs.as_bytes());
    let (Some(o), Some(t)) = (parts(ours), parts(theirs)) else { return whole() };
    let b = parts(base).unwrap_or(Parts { before: base, entries: Vec::new(), after: "" });
    let before = git::merge_file(b.before.as_bytes(), o.before.as_bytes(), t.before.as_bytes())?;
    let after = git::merge_file(b.after.as_bytes(), o.after.as_bytes(), t.after.as_bytes())?;
    let entries = merge_entries(&b.entries, &o.entries, &t.entries);
    // A file without a final newline ends with its last entry: the merge ends the same way,
    // and every other entry ends its line.
    let eol = super::eol(ours);
    let unterminated = o.entries.last().is_some_and(|e| !e.text.ends_with('\n')) && o.after.is_empty();
    let mut out = before.bytes;
    for (i, entry) in entries.iter().enumerate() {
        let last = i + 1 == entries.len();
        let text = entry.text.trim_end_matches(['\r', '\n']);
        out.extend_from_slice(text.as_bytes());
        if !(last && unterminated) {
            out.extend_from_slice(
                entry.text.get(text.len()..).filter(|end| !end.is_empty()).unwrap_or(eol).as_bytes(),
            );
        }
        if !last {
            out.extend_from_slice(entry.gap.as_bytes());
        }
    }
    out.extend_from_slice(&after.bytes);
    let conflicts = before.conflicts || after.conflicts;
    // Every entry must read back as one; else the structure was not what it seemed.
    let read_back = std::str::from_utf8(&out).ok().map(|text| spans(text).len());
    if !conflicts && read_back != Some(entries.len()) {
        return whole();
    }
    Ok(LineMerge { bytes: out, conflicts })
}

/// Ours' entries less those theirs removed, with theirs' new ones placed by date.
fn merge_entries(base: &[Entry], ours: &[Entry], theirs: &[Entry]) -> Vec<Entry> {
    // Entries count as a multiset: one logged twice on a day is two entries.
    let count = |list: &[Entry], key: &str| list.iter().filter(|e| e.key() == key).count();
    let separator = [ours, theirs]
        .iter()
        .find_map(|list| (list.len() > 1).then(|| list.first().map(|e| e.gap.clone())).flatten())
        .unwrap_or_default();
    let mut out: Vec<Entry> = Vec::new();
    // Theirs removed an entry as often as the base has it more often than theirs.
    let mut removals: HashMap<&str, usize> = HashMap::new();
    for entry in ours {
        let left = removals
            .entry(entry.key())
            .or_insert_with(|| count(base, entry.key()).saturating_sub(count(theirs, entry.key())));
        if *left > 0 {
            *left -= 1;
        } else {
            out.push(entry.clone());
        }
    }
    // A last entry that is last no more needs the separator the list uses.
    let fix_gap = |out: &mut Vec<Entry>| {
        if let Some(last) = out.last_mut() {
            if last.gap.is_empty() {
                last.gap.clone_from(&separator);
            }
        }
    };
    let oldest = oldest_first(ours).or_else(|| oldest_first(theirs)).unwrap_or(false);
    let mut previous: Option<String> = None;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for entry in theirs {
        // Theirs' k-th copy of an entry is new when neither the base nor the merge has k.
        let k = seen.entry(entry.key()).or_default();
        *k += 1;
        if *k <= count(base, entry.key()) || *k <= count(&out, entry.key()) {
            previous = Some(entry.key().to_string());
            continue;
        }
        let at = match entry.date {
            Some(date) => {
                out.iter().position(|e| e.date.is_some_and(|d| if oldest { d > date } else { d < date }))
            }
            None => previous.as_deref().and_then(|p| out.iter().position(|e| e.key() == p)).map(|i| i + 1),
        };
        let mut new = Entry { gap: separator.clone(), ..entry.clone() };
        match at {
            Some(i) if i < out.len() => out.insert(i, new),
            _ => {
                fix_gap(&mut out);
                new.gap = String::new();
                out.push(new);
            }
        }
        previous = Some(entry.key().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_heading_blocks_are_entries() {
        let base = "## Log\n\n### 2026-11-01 Lunch\n\nThe usual place.\n";
        let ours = "## Log\n\n### 2026-11-26 Call\n\nRenewal.\n\n### 2026-11-01 Lunch\n\nThe usual place.\n";
        let theirs = "## Log\n\n### 2026-11-20 Demo\n\n- new plan\n- pricing\n\n### 2026-11-01 Lunch\n\nThe usual place.\n\n## Family\n";
        assert_eq!(
            merged(base, ours, theirs),
            (
                "## Log\n\n### 2026-11-26 Call\n\nRenewal.\n\n### 2026-11-20 Demo\n\n- new plan\n- pricing\n\n### 2026-11-01 Lunch\n\nThe usual place.\n\n## Family\n"
                    .into(),
                false
            )
        );
        // An undated heading in the section: its headings are text, merged by git.
        assert!(heading_spans("## Log\n### Notes\n### 2026-11-01 Lunch\n").is_empty());
    }

    fn merged(base: &str, ours: &str, theirs: &str) -> (String, bool) {
        let m = merge(base, ours, theirs).unwrap();
        (String::from_utf8(m.bytes).unwrap(), m.conflicts)
    }

    #[test]
    fn both_sides_entries_are_kept_newest_first() {
        let base = "Notes.\n\n## Log\n\n- 2026-11-01: lunch\n";
        let ours = "Notes.\n\n## Log\n\n- 2026-11-26: call\n- 2026-11-01: lunch\n";
        let theirs = "Notes.\n\n## Log\n\n- 2026-11-26: demo\n- 2026-11-20: email\n- 2026-11-01: lunch\n";
        assert_eq!(
            merged(base, ours, theirs),
            (
                "Notes.\n\n## Log\n\n- 2026-11-26: call\n- 2026-11-26: demo\n- 2026-11-20: email\n- 2026-11-01: lunch\n"
                    .into(),
                false
            )
        );
    }

    #[test]
    fn oldest_first_loose_lists_and_removals() {
        let base = "## Log\n\n- 2026-01-01: a\n\n- 2026-02-01: b\n";
        let ours = "## Log\n\n- 2026-01-01: a\n\n- 2026-02-01: b\n\n- 2026-03-01: c\n";
        // Theirs removed `a` and added `d` between `b` and `c`.
        let theirs = "## Log\n\n- 2026-02-01: b\n\n- 2026-02-15: d\n";
        assert_eq!(
            merged(base, ours, theirs).0,
            "## Log\n\n- 2026-02-01: b\n\n- 2026-02-15: d\n\n- 2026-03-01: c\n"
        );
    }

    #[test]
    fn identical_entries_once_and_prose_merged_by_git() {
        let base = "Likes golf.\n\n## Log\n- 2026-11-01: lunch\n";
        let ours = "Likes golf and tennis.\n\n## Log\n- 2026-11-26: call\n- 2026-11-01: lunch\n";
        let theirs = "Likes golf.\n\n## Log\n- 2026-11-26: call\n- 2026-11-01: lunch\n\nAfter.\n";
        assert_eq!(
            merged(base, ours, theirs),
            (
                "Likes golf and tennis.\n\n## Log\n- 2026-11-26: call\n- 2026-11-01: lunch\n\nAfter.\n"
                    .into(),
                false
            )
        );
    }

    #[test]
    fn two_edits_of_one_prose_line_conflict_there_only() {
        let base = "Likes golf.\n\n## Log\n- 2026-11-01: lunch\n";
        let ours = "Likes tennis.\n\n## Log\n- 2026-11-26: call\n- 2026-11-01: lunch\n";
        let theirs = "Likes chess.\n\n## Log\n- 2026-11-25: demo\n- 2026-11-01: lunch\n";
        let (text, conflicts) = merged(base, ours, theirs);
        assert!(conflicts);
        assert_eq!(
            text,
            "<<<<<<< ours\nLikes tennis.\n=======\nLikes chess.\n>>>>>>> theirs\n\n## Log\n- 2026-11-26: call\n- 2026-11-25: demo\n- 2026-11-01: lunch\n"
        );
    }
}
