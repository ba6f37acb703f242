//! Set, insert or remove one top-level front matter key, byte-exactly; read one key's value.
#![deny(clippy::string_slice, clippy::indexing_slicing)]

use std::ops::Range;

use serde_yaml::Value;

use super::{
    front_matter, line_ending, lines, refuse, splice, strip_eol, yaml_date, yaml_scalar, EditError,
    EditResult,
};
use crate::contact::frontmatter::{self, Shape};

/// One top-level key's line inside the front matter.
struct KeyLine {
    /// The whole line, its terminator included.
    line: Range<usize>,
    /// The value's bytes (without a trailing comment or the line terminator).
    value: Range<usize>,
}

/// Finds `key:` at the start of a line; refuses a value that is not a plain scalar on its own line.
fn find_key(text: &str, key: &str) -> EditResult<Option<KeyLine>> {
    find_key_line(text, key, false)
}

/// As `find_key`; with `lists`, a one-line flow list of scalars (`[a, b]`) is a value too.
fn find_key_line(text: &str, key: &str, lists: bool) -> EditResult<Option<KeyLine>> {
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
        let value_len = scalar_len(value_text).or_else(|| lists.then(|| flow_list_len(value_text)).flatten());
        let value_len = value_len.ok_or_else(|| {
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

/// The length of a one-line flow list of scalars at the start of `value` (before a comment).
fn flow_list_len(value: &str) -> Option<usize> {
    let content = value.get(..comment_start(value).unwrap_or(value.len()))?.trim_end_matches([' ', '\t']);
    let scalars = match serde_yaml::from_str::<Value>(content) {
        Ok(Value::Sequence(items)) => {
            items.iter().all(|i| !matches!(i, Value::Sequence(_) | Value::Mapping(_)))
        }
        _ => false,
    };
    (content.starts_with('[') && content.ends_with(']') && scalars).then_some(content.len())
}

/// Where a trailing ` # comment` starts, outside quotes.
fn comment_start(value: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in value.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            None if (c == '"' || c == '\'') && i == 0 => quote = Some(c),
            None if c == '#' && (previous == ' ' || previous == '\t') => return Some(i),
            Some(_) | None => {}
        }
        previous = c;
    }
    None
}

/// Sets a top-level key to an already formatted YAML value (see `yaml_scalar`). An existing
/// value keeps its quote style when it was quoted; a missing key becomes the last front matter line.
pub fn set_key(text: &str, key: &str, yaml_value: &str) -> EditResult<String> {
    let new = set_key_line(text, key, yaml_value, false)?;
    reads_as_meant(text, new, key, true)
}

/// As [`set_key`], and a one-line flow list (`tags: [vip]`) may be replaced too: how import
/// extends a list.
pub fn set_list(text: &str, key: &str, yaml_value: &str) -> EditResult<String> {
    let new = set_key_line(text, key, yaml_value, true)?;
    reads_as_meant(text, new, key, true)
}

/// Appends `items` to the block list of top-level `key` (`key:` then `- item` lines), each
/// written as the last item is (its indent, the file's line ending); every other byte stays.
/// Refused unless the front matter then reads as the old list followed by the items.
pub fn append_block_list(text: &str, key: &str, items: &[String]) -> EditResult<String> {
    let (yaml, _) = front_matter(text)?;
    let all = lines(text, yaml);
    let line_of = |r: &Range<usize>| strip_eol(text.get(r.clone()).unwrap_or(""));
    let opens = |line: &str| {
        let Some(head) = line.get(..key.len()) else { return false };
        let rest = line.get(key.len()..).unwrap_or("").trim_start_matches([' ', '\t']);
        head.eq_ignore_ascii_case(key)
            && rest.strip_prefix(':').is_some_and(|v| v.trim().is_empty() || v.trim_start().starts_with('#'))
    };
    let Some(start) = all.iter().position(|r| opens(line_of(r))) else {
        return refuse(format!("`{key}` is not a block list"));
    };
    // The list runs while lines are items, blank, comments, or indented continuations.
    let (mut end, mut indent) = (None, None);
    for range in all.iter().skip(start + 1) {
        let line = line_of(range);
        let bare = line.trim_start_matches([' ', '\t']);
        if bare.starts_with("- ") || bare == "-" {
            indent = line.get(..line.len() - bare.len());
            end = Some(range.end);
        } else if !(bare.is_empty() || bare.starts_with('#') || line.len() != bare.len()) {
            break;
        }
    }
    let (Some(end), Some(indent)) = (end, indent) else {
        return refuse(format!("`{key}` is not a block list"));
    };
    let eol = line_ending(text);
    let mut added = String::new();
    for item in items {
        added.push_str(indent);
        added.push_str("- ");
        added.push_str(&yaml_scalar(item));
        added.push_str(eol);
    }
    let new = splice(text, end..end, &added);
    let list = |text: &str| -> Option<Vec<Value>> {
        let Shape::Contact(split) = frontmatter::split(text) else { return None };
        let map = frontmatter::parse(&split).ok()?;
        let value = map.iter().find(|(k, _)| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case(key)))?.1;
        value.as_sequence().cloned()
    };
    let mut expected = list(text).unwrap_or_default();
    expected.extend(items.iter().map(|item| Value::String(item.clone())));
    if list(&new) != Some(expected) {
        return refuse(format!("`{key}` is not a block list of plain items; edit the file by hand"));
    }
    Ok(new)
}

fn set_key_line(text: &str, key: &str, yaml_value: &str, lists: bool) -> EditResult<String> {
    if let Some(found) = find_key_line(text, key, lists)? {
        let old = text.get(found.value.clone()).unwrap_or("");
        // The string the value stands for, when it needs no quotes (nor escapes inside them).
        let bare = match serde_yaml::from_str::<Value>(yaml_value) {
            // A date is written plain on purpose (`yaml_date`): it keeps the old quotes too.
            Ok(Value::String(s)) if yaml_scalar(&s) == s || yaml_date(&s) == s => Some(s),
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
    } else {
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
