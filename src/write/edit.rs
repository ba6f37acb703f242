//! Byte-exact edits of a contact file: set, insert or remove one front matter key, and add one
//! line to the `## Log` section. Everything outside the changed line stays byte-identical: key
//! order, comments, quoting, indentation, CRLF, a BOM, trailing spaces, a missing final newline.
//! Where the value to change is not a plain scalar on its own line, the edit is refused.
#![deny(clippy::string_slice, clippy::indexing_slicing)]

use std::ops::Range;

use chrono::NaiveDate;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde_yaml::Value;

use crate::contact::body;
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
    // A leading `:` or `?` is an indicator inside a flow collection (`[:x]` is invalid YAML).
    let reads_back = || match serde_yaml::from_str::<Value>(&format!("[{plain}]")) {
        Ok(Value::Sequence(items)) => items.len() == 1 && items.first() == Some(&Value::String(value.into())),
        _ => false,
    };
    if !plain.starts_with(['"', '\'']) && (flow_unsafe(&plain) || !reads_back()) {
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
    let new = set_key_line(text, key, yaml_value)?;
    reads_as_meant(text, new, key, true)
}

fn set_key_line(text: &str, key: &str, yaml_value: &str) -> EditResult<String> {
    match find_key(text, key)? {
        Some(found) => {
            let old = text.get(found.value.clone()).unwrap_or("");
            // The string the value stands for, when it needs no quotes (nor escapes inside them).
            let bare = match serde_yaml::from_str::<Value>(yaml_value) {
                Ok(Value::String(s)) if yaml_scalar(&s) == s => Some(s),
                _ => None,
            };
            let new = match (old.chars().next(), bare) {
                (Some('"'), Some(bare)) if !bare.contains(['"', '\\']) => format!("\"{bare}\""),
                (Some('\''), Some(bare)) if !bare.contains('\'') => format!("'{bare}'"),
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
    let new = match find_key(text, key)? {
        Some(found) => splice(text, found.line, ""),
        None => text.to_string(),
    };
    reads_as_meant(text, new, key, false)
}

/// Refuses a line edit that YAML reads otherwise (a flow mapping as front matter, a key not on a
/// line of its own): front matter that parsed must still parse, with the key there once (set)
/// or not at all (removed).
fn reads_as_meant(old: &str, new: String, key: &str, present: bool) -> EditResult<String> {
    let parsed = |text: &str| match frontmatter::split(text) {
        Shape::Contact(split) => frontmatter::parse(&split).ok(),
        _ => None,
    };
    if parsed(old).is_none() {
        return Ok(new);
    }
    let count = parsed(&new)
        .map(|map| map.keys().filter(|k| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case(key))).count());
    if count != Some(usize::from(present)) {
        return refuse(format!(
            "`{key}` is not a `key: value` line of the front matter (a flow mapping?); edit the file by hand"
        ));
    }
    Ok(new)
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
    match find_log_section(body) {
        Some(section) => {
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

/// The first `Log` section (`contact::body::log_sections`: a quoted `> ## Log` is text about a
/// log, not the section) and the top-level items of its first list.
fn find_log_section(body: &str) -> Option<LogSection> {
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

#[cfg(test)]
mod tests;

/// Inputs the fuzzers found (fuzz/src/lib.rs, docs/reliability-fuzz.md), each as it was found.
#[cfg(test)]
mod fuzz_regressions {
    use super::*;

    /// The `edit` target's input layout: `[op + 5 * key][3 date bytes][value] 0xFF [text]`.
    fn text_of(input: &[u8]) -> String {
        let at = input.iter().position(|b| *b == 0xff).unwrap();
        String::from_utf8_lossy(input.get(at + 1..).unwrap()).into_owned()
    }

    #[test]
    fn fuzz_regression_edit_1() {
        // set_key(.., "'''x'''") kept the old double quotes around the unquoted text: `"x"`.
        let input = b"\x02\x10\x90\x00'x'\xff---\r\nlast_contact: \"2026-01-01\" # c\r\n---\r\n";
        let out = set_key(&text_of(input), "last_contact", &yaml_scalar("'x'")).unwrap();
        assert_eq!(out, "---\r\nlast_contact: '''x''' # c\r\n---\r\n");
        // Nor may quotes be kept around text that would need escapes inside them.
        assert_eq!(set_key("---\nk: 'a'\n---\n", "k", &yaml_scalar("it's")).unwrap(), "---\nk: it's\n---\n");
        assert_eq!(
            set_key("---\nk: \"a\"\n---\n", "k", &yaml_scalar("a\\b")).unwrap(),
            "---\nk: a\\b\n---\n"
        );
        assert_eq!(
            set_key("---\nk: \"a\"\n---\n", "k", "2026-11-26").unwrap(),
            "---\nk: \"2026-11-26\"\n---\n"
        );
    }

    #[test]
    fn fuzz_regression_edit_2() {
        // A lone CR ends `## Log` for markdown, not for the line edit: `## Log\r,` was split.
        let input = b"\x00\x10\x90\xff---\n---\n## Log\r,\n-";
        let date = NaiveDate::from_ymd_opt(2306, 9, 30).unwrap();
        assert!(append_log(&text_of(input), date, "lunch at the usual place").is_err());
    }

    #[test]
    fn fuzz_regression_edit_4() {
        // The Log section ended at a setext heading inside a list item, after `- `: the entry
        // was inserted in the middle of that line. Likewise an indented or quoted heading.
        let date = NaiveDate::from_ymd_opt(2000, 12, 22).unwrap();
        let text = "---\nname: A\n---\n## Log\n- 2026-0_contact:\nnext_contact:\n  -\n";
        let out = append_log(text, date, "coffee").unwrap();
        assert_eq!(
            out,
            "---\nname: A\n---\n## Log\n- 2000-12-22: coffee\n\n- 2026-0_contact:\nnext_contact:\n  -\n"
        );
        let out = append_log("---\n---\n## Log\n   ## Next\n", date, "coffee").unwrap();
        assert_eq!(out, "---\n---\n## Log\n- 2000-12-22: coffee\n\n   ## Next\n");
        let out = append_log("---\n---\n## Log\n> ## Quote\n", date, "coffee").unwrap();
        assert_eq!(out, "---\n---\n## Log\n- 2000-12-22: coffee\n\n> ## Quote\n");
    }

    #[test]
    fn fuzz_regression_edit_5() {
        // Front matter written as a flow mapping: a `key: value` line after it is a YAML error,
        // and a key inside it cannot be removed line by line.
        let text = "---\n{flow: map}\n---\n";
        assert!(set_key(text, "last_contact", "1900-01-01").is_err());
        assert!(remove_key("---\n{snooze_until: 2027-01-01}\n---\n", "snooze_until").is_err());
        assert!(set_key("---\n? last_contact\n: 2026-01-01\n---\n", "last_contact", "2026-11-26").is_err());
        assert_eq!(remove_key(text, "snooze_until").unwrap(), text);
    }

    #[test]
    fn fuzz_regression_edit_3() {
        // An unclosed HTML comment (or code fence) swallowed the new Log section: never read back.
        let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
        let text = "---\nname: {first: carl, last: johnson}\n---\n<!-- comment\n";
        assert!(append_log(text, date, "x").is_err());
        assert!(append_log("---\nname: A\n---\n```\nnotes\n\n## Log\n", date, "x").is_err());
    }

    #[test]
    fn fuzz_regression_csv_1_flow_scalar() {
        // `[:13/04/1990]` is invalid YAML: a leading `:` is an indicator inside a flow collection.
        assert_eq!(
            yaml_list(&[":13/04/1990".into(), "?x".into(), "a:b".into()]),
            "[\":13/04/1990\", \"?x\", a:b]"
        );
    }
}
