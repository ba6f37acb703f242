//! Byte-exact edits of a contact file: set, insert or remove one front matter key, and add one
//! line to the `## Log` section. Everything outside the changed line stays byte-identical: key
//! order, comments, quoting, indentation, CRLF, a BOM, trailing spaces, a missing final newline.
//! Where the value to change is not a plain scalar on its own line, the edit is refused.
#![deny(clippy::string_slice, clippy::indexing_slicing)]

use std::ops::Range;

use chrono::NaiveDate;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_yaml::Value;

use crate::contact::frontmatter::{self, Shape};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EditError(pub String);

type EditResult<T> = Result<T, EditError>;

fn refuse<T>(message: impl Into<String>) -> EditResult<T> {
    Err(EditError(message.into()))
}

/// The line ending the file already uses (judged by its first line).
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes().get(i - 1) == Some(&b'\r') => "\r\n",
        _ => "\n",
    }
}

/// A YAML scalar for `value`, quoted only when YAML needs it.
pub fn yaml_scalar(value: &str) -> String {
    let plain = serde_yaml::to_string(&Value::String(value.to_string())).unwrap_or_default();
    let plain = plain.trim_end_matches('\n').to_string();
    if plain.contains('\n') || plain.is_empty() {
        // serde_yaml chose a block form; a double-quoted JSON string is valid YAML.
        return serde_json::to_string(value).unwrap_or_else(|_| "''".to_string());
    }
    plain
}

/// A scalar that is safe inside a flow list or mapping: plain when YAML allows, else
/// double-quoted (`"111 Main St, Springfield"`: a comma would otherwise split the item).
pub fn yaml_flow_scalar(value: &str) -> String {
    let plain = yaml_scalar(value);
    let flow_unsafe = |s: &str| s.contains([',', '[', ']', '{', '}']) || s.contains(": ") || s.contains(" #");
    if !plain.starts_with(['"', '\'']) && flow_unsafe(&plain) {
        return serde_json::to_string(value).unwrap_or(plain);
    }
    plain
}

/// A YAML flow list `[a, "b, c"]` of scalars.
pub fn yaml_list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|i| yaml_flow_scalar(i)).collect::<Vec<_>>().join(", "))
}

/// One top-level key's line inside the front matter.
struct KeyLine {
    /// The whole line, its terminator included.
    line: Range<usize>,
    /// The value's bytes (without a trailing comment or the line terminator).
    value: Range<usize>,
}

/// The front matter's byte range (YAML lines only) or a refusal.
fn front_matter(text: &str) -> EditResult<(Range<usize>, usize)> {
    match frontmatter::split(text) {
        Shape::Contact(split) => {
            Ok((split.yaml_start..split.yaml_start + split.yaml.len(), split.body_start))
        }
        Shape::Note => refuse("the file has no front matter"),
        Shape::Unclosed => refuse("the file's front matter is not closed"),
    }
}

fn lines(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    while start < range.end {
        let rest = text.get(start..range.end).unwrap_or("");
        let len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        out.push(start..start + len);
        start += len;
    }
    out
}

fn strip_eol(line: &str) -> &str {
    line.trim_end_matches('\n').trim_end_matches('\r')
}

/// Finds `key:` at the start of a line; refuses a value that is not a plain scalar on its own line.
fn find_key(text: &str, key: &str) -> EditResult<Option<KeyLine>> {
    let (yaml, _) = front_matter(text)?;
    let all = lines(text, yaml);
    let mut found: Option<KeyLine> = None;
    for (n, range) in all.iter().enumerate() {
        let line = strip_eol(text.get(range.clone()).unwrap_or(""));
        // Keys match as touchbase reads them: `Last_Contact:` is `last_contact`.
        let Some(after_key) = [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
            .iter()
            .find_map(|k| {
                let head = line.get(..k.len())?;
                head.eq_ignore_ascii_case(k).then(|| line.get(k.len()..)).flatten()
            })
            .and_then(|rest| rest.trim_start_matches([' ', '\t']).strip_prefix(':'))
        else {
            continue;
        };
        if !(after_key.is_empty() || after_key.starts_with([' ', '\t'])) {
            continue;
        }
        if found.is_some() {
            return refuse(format!(
                "`{key}` appears more than once in the front matter; edit the file by hand"
            ));
        }
        let value_text = after_key.trim_start_matches([' ', '\t']);
        let value_start = range.start + (line.len() - value_text.len());
        let value_len = scalar_len(value_text).ok_or_else(|| {
            EditError(format!("`{key}` is not a plain value on its own line; edit the file by hand"))
        })?;
        // A value continued on the next lines (a block list, a folded scalar) cannot be edited safely.
        if let Some(next) = all.get(n + 1) {
            let next_line = strip_eol(text.get(next.clone()).unwrap_or(""));
            let continued = next_line.starts_with([' ', '\t']) && !next_line.trim().is_empty()
                || (value_len == 0 && next_line.starts_with("- "));
            if continued && !next_line.trim_start().starts_with('#') {
                return refuse(format!("`{key}` spans several lines; edit the file by hand"));
            }
        }
        found = Some(KeyLine { line: range.clone(), value: value_start..value_start + value_len });
    }
    Ok(found)
}

/// The length of a single-line scalar at the start of `value` (before a ` # comment`), or
/// `None` when it is not one (flow collections, anchors, aliases, tags, block scalars).
fn scalar_len(value: &str) -> Option<usize> {
    let content_end = comment_start(value).unwrap_or(value.len());
    let content = value.get(..content_end)?.trim_end_matches([' ', '\t']);
    if content.is_empty() {
        return Some(0);
    }
    // An empty flow collection (`[]`, `[ ]`, `{}`), as templates leave them, may be filled in.
    let empty_collection = match serde_yaml::from_str::<Value>(content) {
        Ok(Value::Sequence(items)) => items.is_empty(),
        Ok(Value::Mapping(map)) => map.is_empty(),
        _ => false,
    };
    if empty_collection && content.starts_with(['[', '{']) {
        return Some(content.len());
    }
    if content.starts_with(['[', '{', '&', '*', '!', '|', '>', '%', '@', '`']) {
        return None;
    }
    match serde_yaml::from_str::<Value>(content) {
        Ok(Value::String(_) | Value::Number(_) | Value::Bool(_) | Value::Null) => Some(content.len()),
        _ => None,
    }
}

/// Where a trailing ` # comment` starts, outside quotes.
fn comment_start(value: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in value.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'') && i == 0 => quote = Some(c),
            None if c == '#' && (previous == ' ' || previous == '\t') => return Some(i),
            None => {}
        }
        previous = c;
    }
    None
}

/// Replaces `range` of `text` with `new`.
fn splice(text: &str, range: Range<usize>, new: &str) -> String {
    let mut out = String::with_capacity(text.len() + new.len());
    out.push_str(text.get(..range.start).unwrap_or(""));
    out.push_str(new);
    out.push_str(text.get(range.end..).unwrap_or(""));
    out
}

/// Sets a top-level key to an already formatted YAML value (see `yaml_scalar`). An existing
/// value keeps its quote style when it was quoted; a missing key becomes the last front matter line.
pub fn set_key(text: &str, key: &str, yaml_value: &str) -> EditResult<String> {
    match find_key(text, key)? {
        Some(found) => {
            let old = text.get(found.value.clone()).unwrap_or("");
            let bare = yaml_value.trim_matches(|c| c == '"' || c == '\'');
            let plain_safe = yaml_scalar(bare) == bare;
            let new = match old.chars().next() {
                Some('"') if plain_safe => format!("\"{bare}\""),
                Some('\'') if plain_safe => format!("'{bare}'"),
                _ => yaml_value.to_string(),
            };
            // `key:` with nothing after it: add the space a value needs, and keep a comment
            // that follows (`key:   # fill in`) apart from the value.
            let mut spaced =
                if old.is_empty() && !text.get(..found.value.start).unwrap_or("").ends_with([' ', '\t']) {
                    format!(" {new}")
                } else {
                    new
                };
            if old.is_empty() && text.get(found.value.end..).is_some_and(|rest| rest.starts_with('#')) {
                spaced.push(' ');
            }
            Ok(splice(text, found.value, &spaced))
        }
        None => {
            let (yaml, _) = front_matter(text)?;
            let eol = line_ending(text);
            let mut line = format!("{key}: {yaml_value}{eol}");
            // The last YAML line may lack a terminator only when the front matter is empty.
            if yaml.end > yaml.start && !text.get(..yaml.end).unwrap_or("").ends_with('\n') {
                line.insert_str(0, eol);
            }
            Ok(splice(text, yaml.end..yaml.end, &line))
        }
    }
}

/// Removes a top-level key's line. A missing key is not an error (nothing changes).
pub fn remove_key(text: &str, key: &str) -> EditResult<String> {
    match find_key(text, key)? {
        Some(found) => Ok(splice(text, found.line, "")),
        None => Ok(text.to_string()),
    }
}

/// The value of a top-level key as text, if it is a plain scalar.
pub fn key_value(text: &str, key: &str) -> EditResult<Option<String>> {
    Ok(find_key(text, key)?.map(|k| text.get(k.value).unwrap_or("").trim_matches(['"', '\'']).to_string()))
}

/// Adds `- DATE: MESSAGE` to the `## Log` section, keeping the order the section uses (newest
/// first unless its entries run oldest first); creates the section at the end when missing.
pub fn append_log(text: &str, date: NaiveDate, message: &str) -> EditResult<String> {
    let (_, body_start) = front_matter(text)?;
    let body = text.get(body_start..).unwrap_or("");
    let eol = line_ending(text);
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    if message.is_empty() {
        return refuse("the message is empty");
    }
    match find_log_section(body) {
        Some(section) => {
            let at = |offset: usize| body_start + offset;
            if section.items.is_empty() {
                // No list yet: start one at the end of the section, after a blank line.
                let end = at(section.end);
                let before = text.get(..end).unwrap_or("");
                // At the very end of a file without a final newline, keep it without one.
                let keep_unterminated = end == text.len() && !text.ends_with('\n');
                let mut insert = String::new();
                if !before.ends_with('\n') {
                    insert.push_str(eol);
                }
                if !before.ends_with(&format!("{eol}{eol}"))
                    && !before.trim_end().ends_with(section.heading_text)
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
            let indent: String = text
                .get(line_start..)
                .unwrap_or("")
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            let entry = format!("{indent}{} {date}: {message}", first.bullet);
            // Insert before the first item that should come after the new one.
            let before = section.items.iter().find(|item| match item.date {
                Some(d) if oldest_first => d > date,
                Some(d) => d <= date,
                None => false,
            });
            match before {
                Some(item) => {
                    let start = line_start_of(text, at(item.range.start));
                    Ok(splice(text, start..start, &format!("{entry}{eol}")))
                }
                None => {
                    let last = section.items.last().ok_or_else(|| EditError("no log items".into()))?;
                    // An item's range can run over the blank lines after it; stop at its last text.
                    let item_text = body.get(last.range.clone()).unwrap_or("");
                    let last_char = last.range.start + item_text.trim_end().len().saturating_sub(1);
                    let end = line_end_of(text, at(last_char));
                    let needs_eol = !text.get(..end).unwrap_or("").ends_with('\n');
                    let insert = if needs_eol { format!("{eol}{entry}") } else { format!("{entry}{eol}") };
                    Ok(splice(text, end..end, &insert))
                }
            }
        }
        None => {
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
}

fn line_start_of(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or("").rfind('\n').map_or(0, |i| i + 1)
}

/// The offset just after the line terminator of the line holding `offset` (or the text's end).
fn line_end_of(text: &str, offset: usize) -> usize {
    text.get(offset..).unwrap_or("").find('\n').map_or(text.len(), |i| offset + i + 1)
}

struct LogItem {
    range: Range<usize>,
    date: Option<NaiveDate>,
    /// `-`, `*`, `+`, or an ordered list's `3.` / `3)`.
    bullet: String,
}

struct LogSection {
    heading_text: &'static str,
    /// End of the section in the body (the next heading of the same or a higher level, or the end).
    end: usize,
    /// Top-level items of the section's first list.
    items: Vec<LogItem>,
}

/// The first heading named `Log` (any level, any case) outside code, and its first list.
fn find_log_section(body: &str) -> Option<LogSection> {
    let options = Options::ENABLE_TASKLISTS | Options::ENABLE_WIKILINKS;
    let mut in_heading: Option<(HeadingLevel, String)> = None;
    let mut section: Option<(HeadingLevel, LogSection)> = None;
    let mut list_depth = 0usize;
    let mut lists_seen = 0usize;
    let mut item_text: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if let Some((open_level, s)) = &mut section {
                    if level <= *open_level {
                        s.end = range.start;
                        return section.map(|(_, s)| s);
                    }
                }
                in_heading = Some((level, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = in_heading.take() {
                    if section.is_none() && text.trim().eq_ignore_ascii_case("log") {
                        section = Some((
                            level,
                            LogSection { heading_text: "Log", end: body.len(), items: Vec::new() },
                        ));
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut in_heading {
                    text.push_str(&t);
                }
                if let Some((_, text)) = &mut item_text {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::List(_)) if section.is_some() => {
                list_depth += 1;
                if list_depth == 1 {
                    lists_seen += 1;
                }
            }
            Event::End(TagEnd::List(_)) if section.is_some() => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) if section.is_some() && list_depth == 1 && lists_seen == 1 => {
                item_text = Some((range.start, String::new()));
            }
            Event::End(TagEnd::Item) if list_depth == 1 && lists_seen == 1 => {
                if let (Some((start, text)), Some((_, s))) = (item_text.take(), section.as_mut()) {
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
                    s.items.push(LogItem { range: start..range.end, date, bullet });
                }
            }
            _ => {}
        }
    }
    section.map(|(_, s)| s)
}

#[cfg(test)]
mod tests;
