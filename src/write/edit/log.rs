//! Add one `- DATE: MESSAGE` line to the `## Log` section, in the order the section keeps.
#![deny(clippy::string_slice, clippy::indexing_slicing)]

use std::ops::Range;

use chrono::NaiveDate;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{front_matter, line_ending, refuse, splice, EditError, EditResult};
use crate::contact::body;

/// Adds `- DATE: MESSAGE` to the `## Log` section, keeping the order the section uses (newest
/// first unless its entries run oldest first); creates the section at the end when missing.
pub fn append_log(text: &str, date: NaiveDate, message: &str) -> EditResult<String> {
    let (_, body_start) = front_matter(text)?;
    let body = text.get(body_start..).unwrap_or("");
    // Markdown ends a line at a lone CR too; the line-based edit below would split that line.
    if body.split("\r\n").any(|part| part.contains('\r')) {
        return refuse("the file has lines ended by a lone carriage return; edit the file by hand");
    }
    let new = insert_log_entry(text, body_start, date, message)?;
    // The entry must read back, not vanish into an unclosed code block or HTML comment.
    let count = |body: &str| {
        let interactions = body::parse(body).interactions;
        (interactions.len(), interactions.iter().filter(|i| i.date == date).count())
    };
    let (all, same_day) = count(body);
    if count(new.get(body_start..).unwrap_or("")) != (all + 1, same_day + 1) {
        return refuse(
            "the new entry would not be read back (is the Log section inside an unclosed code block \
             or HTML comment?); edit the file by hand",
        );
    }
    Ok(new)
}

fn insert_log_entry(text: &str, body_start: usize, date: NaiveDate, message: &str) -> EditResult<String> {
    let body = text.get(body_start..).unwrap_or("");
    let eol = line_ending(text);
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    if message.is_empty() {
        return refuse("the message is empty");
    }
    if let Some(section) = find_log_section(body) {
        let at = |offset: usize| body_start + offset;
        if section.items.is_empty() {
            // No list yet: start one at the end of the section, after a blank line.
            // The next heading may start inside a line (`> ## X`, `   ## X`, a setext heading
            // in a list item): insert before that line, never inside it.
            let end = match at(section.end) {
                end if end < text.len() => line_start_of(text, end),
                end => end,
            };
            let before = text.get(..end).unwrap_or("");
            // At the very end of a file without a final newline, keep it without one.
            let keep_unterminated = end == text.len() && !text.ends_with('\n');
            let mut insert = String::new();
            if !before.ends_with('\n') {
                insert.push_str(eol);
            }
            if !before.ends_with(&format!("{eol}{eol}")) && !before.trim_end().ends_with(section.heading_text)
            {
                insert.push_str(eol);
            }
            insert.push_str(&format!("- {date}: {message}"));
            if !keep_unterminated {
                insert.push_str(eol);
            }
            // A heading right after: keep a blank line between the list and it.
            if end < text.len() {
                insert.push_str(eol);
            }
            return Ok(splice(text, end..end, &insert));
        }
        let dated: Vec<&LogItem> = section.items.iter().filter(|i| i.date.is_some()).collect();
        let oldest_first = match (dated.first(), dated.last()) {
            (Some(first), Some(last)) if dated.len() > 1 => first.date < last.date,
            _ => false,
        };
        let first = section.items.first().ok_or_else(|| EditError("no log items".into()))?;
        let line_start = line_start_of(text, at(first.range.start));
        let indent: String =
            text.get(line_start..).unwrap_or("").chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        let entry = format!("{indent}{} {date}: {message}", first.bullet);
        // Insert before the first item that should come after the new one.
        let before = section.items.iter().find(|item| match item.date {
            Some(d) if oldest_first => d > date,
            Some(d) => d <= date,
            None => false,
        });
        if let Some(item) = before {
            let start = line_start_of(text, at(item.range.start));
            Ok(splice(text, start..start, &format!("{entry}{eol}")))
        } else {
            let last = section.items.last().ok_or_else(|| EditError("no log items".into()))?;
            // An item's range can run over the blank lines after it; stop at its last text.
            let item_text = body.get(last.range.clone()).unwrap_or("");
            let last_char = last.range.start + item_text.trim_end().len().saturating_sub(1);
            let end = line_end_of(text, at(last_char));
            let needs_eol = !text.get(..end).unwrap_or("").ends_with('\n');
            let insert = if needs_eol { format!("{eol}{entry}") } else { format!("{entry}{eol}") };
            Ok(splice(text, end..end, &insert))
        }
    } else {
        let mut insert = String::new();
        let no_final_newline = !text.is_empty() && !text.ends_with('\n');
        if no_final_newline {
            insert.push_str(eol);
        }
        if !text.ends_with(&format!("{eol}{eol}")) && !text.get(body_start..).unwrap_or("").is_empty() {
            insert.push_str(eol);
        }
        insert.push_str(&format!("## Log{eol}{eol}- {date}: {message}"));
        if !no_final_newline {
            insert.push_str(eol);
        }
        Ok(format!("{text}{insert}"))
    }
}

fn line_start_of(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or("").rfind('\n').map_or(0, |i| i + 1)
}

/// The offset just after the line terminator of the line holding `offset` (or the text's end).
fn line_end_of(text: &str, offset: usize) -> usize {
    text.get(offset..).unwrap_or("").find('\n').map_or(text.len(), |i| offset + i + 1)
}

pub(crate) struct LogItem {
    pub range: Range<usize>,
    pub date: Option<NaiveDate>,
    /// `-`, `*`, `+`, or an ordered list's `3.` / `3)`.
    bullet: String,
}

pub(crate) struct LogSection {
    heading_text: &'static str,
    /// End of the section in the body (the next heading of the same or a higher level, or the end).
    pub end: usize,
    /// Top-level items of the section's first list.
    pub items: Vec<LogItem>,
}

/// The first `Log` section (`contact::body::log_sections`: a quoted `> ## Log` is text about a
/// log, not the section) and the top-level items of its first list.
pub(crate) fn find_log_section(body: &str) -> Option<LogSection> {
    let found = body::log_sections(body).into_iter().next()?;
    let mut section = LogSection { heading_text: "Log", end: found.end, items: Vec::new() };
    // Read past the Log heading, then up to the heading that ends the section.
    let mut in_heading = false;
    let mut after_heading = false;
    let mut list_depth = 0usize;
    let mut lists_seen = 0usize;
    let mut item_text: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(body, body::OPTIONS).into_offset_iter() {
        if !after_heading {
            match event {
                Event::Start(Tag::Heading { .. }) if range.start == found.heading.start => in_heading = true,
                Event::End(TagEnd::Heading(_)) if in_heading => after_heading = true,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { .. }) if range.start >= found.end => break,
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut item_text {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::List(_)) => {
                list_depth += 1;
                if list_depth == 1 {
                    lists_seen += 1;
                }
            }
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) if list_depth == 1 && lists_seen == 1 => {
                item_text = Some((range.start, String::new()));
            }
            Event::End(TagEnd::Item) if list_depth == 1 && lists_seen == 1 => {
                if let Some((start, text)) = item_text.take() {
                    let marker = body.get(start..).and_then(|r| r.split_whitespace().next()).unwrap_or("-");
                    let ordered = marker.len() > 1
                        && marker.ends_with(['.', ')'])
                        && marker
                            .get(..marker.len() - 1)
                            .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
                    let bullet = if ordered || matches!(marker, "-" | "*" | "+") {
                        marker.to_string()
                    } else {
                        "-".to_string()
                    };
                    let date = text.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                    section.items.push(LogItem { range: start..range.end, date, bullet });
                }
            }
            _ => {}
        }
    }
    Some(section)
}
