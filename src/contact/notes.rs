//! A contact's notes, the free text of its body, in and out: imported notes written as body text
//! that can never read as an interaction or open a section (`notes_to_body`), and the body's free
//! text read back, the `Log` sections left out (`body_notes`, which the vCard export's NOTE and
//! import's merge use). Both go by `body`'s reading of the markdown, the `Log` sections by the
//! one finder `log` writes by. Pure. Tested with the import readers (`import/tests.rs`).

/// Notes as body text. A line that markdown would read as part of the contact's structure gets
/// a `\` (a standard `CommonMark` escape: a renderer shows the line as written):
/// - a heading (`# x` becomes `\# x`) or a setext underline (`===` or `---` under a line of
///   text), so that imported text can never open a section (such as `## Log`) of its own;
/// - a list item or task that would read as an interaction (`- 2020-01-01 met` becomes
///   `\- 2020-01-01 met`, `1. 2020-...` becomes `1\. 2020-...`, and `- [ ] 2020-...`), and an
///   item with nothing on its first line (its date may be on the next).
///
/// Lines inside a fenced code block are code and stay as they are. Should the text still read
/// as an interaction or a heading (markdown over several lines), every list item and underline
/// is escaped, fences or not. Should it run over what import writes after it (an unclosed code
/// fence or HTML comment would swallow the `## Log` heading), it is put in a code block.
pub fn notes_to_body(notes: &str) -> String {
    let mut escaped = escape_lines(notes, false);
    if reads_as_structure(&escaped) {
        escaped = escape_lines(notes, true);
    }
    let log = format!("{escaped}\n\n## Log\n");
    if !super::body::top_level_headings(&log).iter().any(|h| h.title == "Log") {
        // Longer than any run of backticks inside, so that no line of the notes closes it.
        let longest = escaped.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        escaped = format!("{fence}\n{escaped}\n{fence}");
    }
    escaped
}

/// Whether text holds an interaction, a broken one, or a top-level heading.
fn reads_as_structure(text: &str) -> bool {
    let parsed = super::body::parse(text);
    !parsed.interactions.is_empty()
        || !parsed.problems.is_empty()
        || !super::body::top_level_headings(text).is_empty()
}

/// `notes_to_body`'s escapes, line by line; `all` escapes every list item and underline.
fn escape_lines(notes: &str, all: bool) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut previous_blank = true;
    for line in notes.lines() {
        let trimmed = line.trim_start();
        let blank = trimmed.is_empty();
        if !all {
            if let Some(marker) = fence {
                if trimmed.starts_with(marker) {
                    fence = None;
                }
                out.push(line.to_string());
                previous_blank = blank;
                continue;
            }
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                fence = Some(if trimmed.starts_with("```") { "```" } else { "~~~" });
                out.push(line.to_string());
                previous_blank = blank;
                continue;
            }
        }
        let indent = &line[..line.len() - trimmed.len()];
        let escaped = if is_heading(line) {
            format!("\\{trimmed}")
        } else if is_underline(trimmed) && (all || (!previous_blank && indent.len() <= 3)) {
            format!("{indent}\\{trimmed}")
        } else if let Some(marker) = list_marker(trimmed) {
            let rest = trimmed.get(marker..).unwrap_or("");
            let task_only = matches!(rest.trim(), "[ ]" | "[x]" | "[X]");
            if all || rest.trim().is_empty() || task_only || reads_as_structure(trimmed) {
                // Before the bullet (`\-`), or before an ordered item's `.` or `)` (`1\.`).
                let at = if trimmed.starts_with(|c: char| c.is_ascii_digit()) { marker - 1 } else { 0 };
                format!("{indent}{}\\{}", &trimmed[..at], &trimmed[at..])
            } else {
                line.to_string()
            }
        } else {
            line.to_string()
        };
        out.push(escaped);
        previous_blank = blank;
    }
    out.join("\n")
}

/// `===` or `---` (spaces after allowed): under a line of text, it makes that line a heading.
fn is_underline(trimmed: &str) -> bool {
    let line = trimmed.trim_end();
    !line.is_empty() && (line.bytes().all(|b| b == b'=') || line.bytes().all(|b| b == b'-'))
}

/// The length of a list item's marker at the start of `trimmed` (`-`, `*`, `+`, `1.`, `12)`),
/// when a space, a tab or the line's end follows it.
fn list_marker(trimmed: &str) -> Option<usize> {
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let len = match trimmed.as_bytes().get(digits) {
        Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        _ => return None,
    };
    match trimmed.as_bytes().get(len) {
        None | Some(b' ' | b'\t') => Some(len),
        Some(_) => None,
    }
}

/// Undoes one of `notes_to_body`'s escapes, if the line holds one.
fn unescape(line: &str) -> Option<String> {
    if let Some(rest) = line.strip_prefix('\\').filter(|rest| is_heading(rest)) {
        return Some(rest.to_string());
    }
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    if let Some(rest) = trimmed.strip_prefix('\\') {
        if is_underline(rest) || list_marker(rest).is_some() {
            return Some(format!("{indent}{rest}"));
        }
    }
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let (number, rest) = trimmed.split_at(digits);
    let unescaped = format!("{number}{}", rest.strip_prefix('\\')?);
    (list_marker(&unescaped) == Some(digits + 1)).then(|| format!("{indent}{unescaped}"))
}

fn is_heading(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return false;
    }
    let hashes = trimmed.bytes().take_while(|b| *b == b'#').count();
    (1..=6).contains(&hashes)
        && trimmed.get(hashes..).is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']))
}

/// The free text of a contact's body: everything but the `Log` sections (as
/// `contact::body::log_sections` finds them, the sections `log` writes to) and a top-level
/// `Notes` heading. A `## Log` in a block quote or a list item is no section: it stays in the
/// notes. Inverse of [`notes_to_body`] for what import writes.
#[must_use]
pub fn body_notes(body: &str) -> String {
    // Line starts of the Log sections: from the heading's line up to the line that holds the
    // next heading (which may start inside that line, after `> `), or the body's end.
    let line_start = |offset: usize| body.get(..offset).unwrap_or("").rfind('\n').map_or(0, |i| i + 1);
    let (headings, logs) = super::body::sections(body);
    let skipped: Vec<(usize, usize)> = logs
        .iter()
        .map(|s| {
            (line_start(s.heading.start), if s.end >= body.len() { usize::MAX } else { line_start(s.end) })
        })
        .collect();
    let notes_headings: Vec<_> =
        headings.into_iter().filter(|h| h.title.eq_ignore_ascii_case("notes")).collect();
    let mut kept: Vec<String> = Vec::new();
    let mut fence: Option<&str> = None;
    // The end of a `Notes` heading being left out (a setext heading has two lines).
    let mut dropping_until = 0;
    let mut start = 0;
    for raw in body.split_inclusive('\n') {
        let end = start + raw.len();
        let line_at = std::mem::replace(&mut start, end);
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if skipped.iter().any(|&(from, to)| from <= line_at && line_at < to) {
            continue;
        }
        if let Some(heading) = notes_headings.iter().find(|h| h.range.start >= line_at && h.range.start < end)
        {
            dropping_until = heading.range.end;
        }
        if line_at < dropping_until {
            continue;
        }
        // Inside a fence, a line is code as written; outside, undo `notes_to_body`'s escape.
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            kept.push(line.trim_end().to_string());
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(if trimmed.starts_with("```") { "```" } else { "~~~" });
            kept.push(line.trim_end().to_string());
            continue;
        }
        let unescaped = unescape(line).unwrap_or_else(|| line.to_string());
        kept.push(unescaped.trim_end().to_string());
    }
    kept.join("\n").trim_matches('\n').to_string()
}
