//! Reads a contact's markdown body with pulldown-cmark: dated list items and headings become
//! interactions, wiki links and `#tags` are collected. Code blocks are never read; block quotes
//! hold no interactions. Also finds the top-level headings, the only ones that open a section,
//! and the `Log` sections (not a `## Log` inside a block quote or a list item): the one finder
//! that `log` writes by and the vCard export and import read notes by. Pure.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::dates::parse_date;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum InteractionKind {
    /// A dated list item or heading.
    Entry,
    /// `- [ ] 2026-11-20 call Sam`: an intention, never a contact.
    OpenTask,
    /// `- [x] 2026-11-02 sent the deck`: it happened.
    DoneTask,
}

/// An interaction's date and kind in four bytes. A contact keeps every interaction's this way,
/// whatever day it is asked about (`schedule` decides what is planned and what is past), and a
/// big vault has millions of them: the day count since year 0 (22 bits suffice up to 9999) and
/// the kind in the low two bits. Serialized as that number, and checked when read back.
#[derive(Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(into = "u32", try_from = "u32")]
pub struct Dated(u32);

/// `num_days_from_ce` of 0000-01-01 is -365: this offset makes the first readable day 0.
const DAY_OFFSET: i32 = 365;

/// The largest packed value: a done task on 9999-12-31 (`dates::LAST_DATE`), day 3,652,424.
const LAST_PACKED: u32 = 3_652_424 << 2 | 2;

impl Dated {
    #[must_use]
    pub fn new(date: NaiveDate, kind: InteractionKind) -> Dated {
        // The parser reads years 0 to 9999 only (`dates::parse_date`): the count is never
        // negative; were it, the date would read back as 0000-01-01 rather than wrap.
        let days = u32::try_from(date.num_days_from_ce() + DAY_OFFSET).unwrap_or(0);
        let kind = match kind {
            InteractionKind::Entry => 0,
            InteractionKind::OpenTask => 1,
            InteractionKind::DoneTask => 2,
        };
        Dated(days << 2 | kind)
    }

    #[must_use]
    pub(crate) fn date(self) -> NaiveDate {
        // Every value was made by `new` or checked by `try_from`: the fallback is never taken.
        i32::try_from(self.0 >> 2)
            .ok()
            .and_then(|days| NaiveDate::from_num_days_from_ce_opt(days - DAY_OFFSET))
            .unwrap_or(NaiveDate::MIN)
    }

    #[must_use]
    pub(crate) fn kind(self) -> InteractionKind {
        match self.0 & 3 {
            1 => InteractionKind::OpenTask,
            2 => InteractionKind::DoneTask,
            _ => InteractionKind::Entry,
        }
    }
}

impl From<Dated> for u32 {
    fn from(dated: Dated) -> u32 {
        dated.0
    }
}

impl TryFrom<u32> for Dated {
    type Error = String;

    /// A number from a cache file: a day touchbase reads and one of the three kinds. Every day
    /// count from 0000-01-01 through `LAST_PACKED`'s is a date, so a comparison is the check.
    fn try_from(packed: u32) -> Result<Dated, String> {
        if packed & 3 != 3 && packed <= LAST_PACKED {
            Ok(Dated(packed))
        } else {
            Err(format!("{packed} is no interaction date"))
        }
    }
}

impl std::fmt::Debug for Dated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {:?}", self.date(), self.kind())
    }
}

/// An interaction as a contact keeps it: its summary is `""` where none was kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InteractionRef<'a> {
    pub date: NaiveDate,
    pub kind: InteractionKind,
    pub summary: &'a str,
}

/// An interaction as the body (or the front matter's `interactions`) has it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Interaction {
    pub date: NaiveDate,
    pub summary: String,
    pub kind: InteractionKind,
}

/// A problem in the body, with its byte offset into the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BodyProblem {
    pub offset: usize,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Body {
    /// In document order.
    pub interactions: Vec<Interaction>,
    /// Link targets without `#heading`, `|alias` or `.md`, in document order.
    pub links: Vec<String>,
    pub tags: Vec<String>,
    pub problems: Vec<BodyProblem>,
}

/// A tag's name, after its `#`. The `#` itself must start the text or follow white space or one
/// of `(,;` (`collect_tags` checks that by hand: a search for that pattern as a whole regex was
/// a tenth of a lean parse).
static TAG_NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\p{L}\p{N}_/-]+").expect("valid regex"));

/// The longest summary kept, in characters; longer text is cut with an ellipsis.
const SUMMARY_MAX: usize = 200;

struct Capture {
    text: String,
    task: Option<bool>,
    heading: bool,
    /// The first block of the item is over: later text is not part of the summary.
    closed: bool,
    quoted: bool,
    offset: usize,
}

/// The markdown every reader of a body parses with, so that all of them see the same structure.
pub(crate) const OPTIONS: Options =
    Options::ENABLE_TASKLISTS.union(Options::ENABLE_WIKILINKS).union(Options::ENABLE_STRIKETHROUGH);

/// A body's markdown events with their byte ranges: read once per parse and shared by every
/// reader of it (the Log here, the profile's blocks), so a file is parsed as markdown once.
pub(crate) type Events<'a> = Vec<(Event<'a>, std::ops::Range<usize>)>;

pub(crate) fn events(body: &str) -> Events<'_> {
    Parser::new_ext(body, OPTIONS).into_offset_iter().collect()
}

pub(crate) fn parse(body: &str) -> Body {
    parse_events(&events(body))
}

/// [`parse`] from the body's [`events`].
pub(crate) fn parse_events(events: &Events<'_>) -> Body {
    let mut out = Body::default();
    let mut stack: Vec<Capture> = Vec::new();
    let mut code_depth = 0usize;
    let mut quote_depth = 0usize;
    // A dated heading with no words after the date takes its summary from the next paragraph.
    let mut heading_wants_summary: Option<usize> = None;
    let mut paragraph: Option<String> = None;

    for (event, range) in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => code_depth += 1,
            Event::End(TagEnd::CodeBlock) => code_depth = code_depth.saturating_sub(1),
            _ if code_depth > 0 => {}
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::Item | Tag::Heading { .. }) => {
                let heading = matches!(event, Event::Start(Tag::Heading { .. }));
                if heading {
                    heading_wants_summary = None;
                }
                stack.push(Capture {
                    text: String::new(),
                    task: None,
                    heading,
                    closed: false,
                    quoted: quote_depth > 0,
                    offset: range.start,
                });
            }
            Event::Start(Tag::List(_)) => {
                if let Some(top) = stack.last_mut() {
                    top.closed = true;
                }
            }
            Event::Start(Tag::Paragraph) if stack.is_empty() && heading_wants_summary.is_some() => {
                paragraph = Some(String::new());
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(top) = stack.last_mut() {
                    top.closed = true;
                }
                if let (Some(text), Some(index)) = (paragraph.take(), heading_wants_summary.take()) {
                    if let Some(interaction) = out.interactions.get_mut(index) {
                        interaction.summary = clip(&text);
                    }
                }
            }
            Event::TaskListMarker(checked) => {
                if let Some(top) = stack.last_mut() {
                    top.task = Some(*checked);
                }
            }
            Event::End(TagEnd::Item | TagEnd::Heading(_)) => {
                let Some(capture) = stack.pop() else { continue };
                if capture.quoted {
                    continue;
                }
                match interaction_from(&capture) {
                    Some(Ok(interaction)) => {
                        if capture.heading && interaction.summary.is_empty() {
                            heading_wants_summary = Some(out.interactions.len());
                        }
                        out.interactions.push(interaction);
                    }
                    Some(Err(message)) => out.problems.push(BodyProblem { offset: capture.offset, message }),
                    None => {}
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, .. } | Tag::Image { link_type, dest_url, .. }) => {
                if let Some(target) = link_target(*link_type, dest_url) {
                    out.links.push(target);
                }
            }
            Event::Text(text) => {
                collect_tags(text, &mut out.tags);
                append(&mut stack, paragraph.as_mut(), text);
            }
            Event::Code(text) => append(&mut stack, paragraph.as_mut(), text),
            Event::SoftBreak | Event::HardBreak => append(&mut stack, paragraph.as_mut(), " "),
            _ => {}
        }
    }
    out
}

/// A heading outside code, block quotes and list items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TopHeading {
    /// Byte range in the body; a setext heading's underline included.
    pub range: Range<usize>,
    /// 1 for `#`, 6 for `######`.
    pub level: usize,
    /// The heading's text, trimmed, without markup.
    pub title: String,
}

/// The headings that can open a section of the body, in document order: a `## Log` inside a
/// block quote or a list item is part of that quote or item, never the Log section.
pub(crate) fn top_level_headings(body: &str) -> Vec<TopHeading> {
    headings(body).into_iter().filter(|(_, top)| *top).map(|(heading, _)| heading).collect()
}

/// Every heading outside code, in document order, and whether it is top-level. A top-level
/// heading's title is collected; one inside a quote or a list item only counts as a boundary.
fn headings(body: &str) -> Vec<(TopHeading, bool)> {
    let mut out = Vec::new();
    let mut containers = 0usize;
    let mut open: Option<(TopHeading, bool)> = None;
    for (event, range) in Parser::new_ext(body, OPTIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::Item) => containers += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::Item) => containers = containers.saturating_sub(1),
            Event::Start(Tag::Heading { level, .. }) => {
                let heading = TopHeading { range, level: level as usize, title: String::new() };
                open = Some((heading, containers == 0));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((heading, true)) = &mut open {
                    heading.title.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((mut heading, top)) = open.take() {
                    heading.title = heading.title.trim().to_string();
                    out.push((heading, top));
                }
            }
            _ => {}
        }
    }
    out
}

/// A `Log` section of a body: a top-level heading titled `Log` (any level, any case) and what
/// follows it up to the next heading of the same or a higher level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LogSection {
    /// The heading's byte range in the body (a setext heading's underline included).
    pub heading: Range<usize>,
    /// Where the section ends: the start of the next heading of the same or a higher level, or
    /// the body's end. That heading may be inside a quote or a list item, even start inside a
    /// line (`> ## Quote`): the section never runs over a line that holds one, so that `log`
    /// inserts before that line and the notes keep it.
    pub end: usize,
}

/// The `Log` sections of a body, in document order (one inside another's is part of it).
/// `log` writes to the first; the notes leave all of them out.
pub(crate) fn log_sections(body: &str) -> Vec<LogSection> {
    sections(body).1
}

/// The top-level headings ([`top_level_headings`]) and the `Log` sections ([`log_sections`]) of
/// a body, from one reading of it.
pub(crate) fn sections(body: &str) -> (Vec<TopHeading>, Vec<LogSection>) {
    let all = headings(body);
    let logs = log_sections_among(&all, body.len());
    (all.into_iter().filter(|(_, top)| *top).map(|(heading, _)| heading).collect(), logs)
}

pub(crate) fn log_sections_among(all: &[(TopHeading, bool)], body_len: usize) -> Vec<LogSection> {
    let mut sections: Vec<LogSection> = Vec::new();
    for (i, (heading, top)) in all.iter().enumerate() {
        let inside_previous = sections.last().is_some_and(|s| heading.range.start < s.end);
        if !top || inside_previous || !heading.title.eq_ignore_ascii_case("log") {
            continue;
        }
        let end = all
            .get(i + 1..)
            .unwrap_or(&[])
            .iter()
            .find(|(next, _)| next.level <= heading.level)
            .map_or(body_len, |(next, _)| next.range.start);
        sections.push(LogSection { heading: heading.range.clone(), end });
    }
    sections
}

fn append(stack: &mut [Capture], paragraph: Option<&mut String>, text: &str) {
    if let Some(top) = stack.last_mut() {
        if !top.closed && top.text.len() < SUMMARY_MAX * 4 {
            top.text.push_str(text);
        }
    } else if let Some(paragraph) = paragraph {
        if paragraph.len() < SUMMARY_MAX * 4 {
            paragraph.push_str(text);
        }
    }
}

fn interaction_from(capture: &Capture) -> Option<Result<Interaction, String>> {
    let text = capture.text.trim_start();
    let (date_text, rest) = leading_date(text)?;
    let date = match parse_date(date_text) {
        Ok(date) => date,
        Err(message) => return Some(Err(format!("interaction has an {message}"))),
    };
    let summary = rest.trim_start_matches(|c: char| c.is_whitespace() || ":,;|)]–—-".contains(c));
    let kind = match capture.task {
        None => InteractionKind::Entry,
        Some(false) => InteractionKind::OpenTask,
        Some(true) => InteractionKind::DoneTask,
    };
    Some(Ok(Interaction { date, summary: clip(summary), kind }))
}

/// Splits `YYYY-MM-DD` (and an optional ` 10:30` / `T10:30:00` time) off the start of a text,
/// when what follows is a separator or the end. Only the shape is checked here; chrono then
/// decides whether it is a real date. (A hand check, not a regex: it runs on every list item.)
fn leading_date(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    let shape = b"0000-00-00";
    if bytes.len() < shape.len() {
        return None;
    }
    for (b, s) in bytes.iter().zip(shape) {
        let ok = if *s == b'0' { b.is_ascii_digit() } else { b == s };
        if !ok {
            return None;
        }
    }
    let (date, mut rest) = text.split_at(10);
    // An optional time: `T10:30`, ` 10:30`, `T10:30:15`.
    if let Some(after) = rest.strip_prefix(['T', ' ']) {
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=2).contains(&digits) && after.as_bytes().get(digits) == Some(&b':') {
            let time_len = after.bytes().take_while(|b| b.is_ascii_digit() || *b == b':').count();
            rest = after.get(time_len..).unwrap_or("");
        }
    }
    match rest.chars().next() {
        None => Some((date, rest)),
        Some(c) if c.is_whitespace() || ":,;|)]–—-".contains(c) => Some((date, rest)),
        Some(_) => None,
    }
}

fn clip(text: &str) -> String {
    // Most summaries are short single lines: no need to re-join their words.
    let plain = text.len() <= SUMMARY_MAX
        && !text.contains(['\n', '\r', '\t'])
        && !text.contains("  ")
        && !text.starts_with(' ')
        && !text.ends_with(' ');
    if plain {
        return text.to_string();
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= SUMMARY_MAX {
        return text;
    }
    let mut clipped: String = text.chars().take(SUMMARY_MAX - 1).collect();
    clipped.push('…');
    clipped
}

/// The contact a link points at: wiki links and embeds, and relative links to `.md` files.
fn link_target(link_type: LinkType, dest: &str) -> Option<String> {
    match link_type {
        LinkType::WikiLink { .. } => normalize_target(dest),
        LinkType::Inline | LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
            if dest.contains("://") || dest.starts_with("mailto:") {
                return None;
            }
            let path = dest.split('#').next().unwrap_or(dest);
            let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
            let stem = decoded.strip_suffix(".md")?;
            normalize_target(stem.rsplit('/').next().unwrap_or(stem))
        }
        _ => None,
    }
}

/// `Name#heading`, `Name|shown`, `folder/Name.md` → the part that names a note.
pub(crate) fn normalize_target(raw: &str) -> Option<String> {
    let target = raw.split(['|', '#', '^']).next().unwrap_or("").trim();
    let target = target.strip_suffix(".md").unwrap_or(target).trim();
    (!target.is_empty()).then(|| target.to_string())
}

fn collect_tags(text: &str, tags: &mut Vec<String>) {
    if !text.contains('#') {
        return;
    }
    for (at, _) in text.match_indices('#') {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        if before.is_some_and(|c| !c.is_whitespace() && !"(,;".contains(c)) {
            continue;
        }
        // Tags never overlap: a name holds no `#`, and ends before the white space or `(,;`
        // that the next tag's `#` may follow.
        let Some(name) = text.get(at + 1..).and_then(|rest| TAG_NAME.find(rest)) else { continue };
        let tag = name.as_str().trim_end_matches(['/', '-']);
        // `#123` is an issue number, not a tag (Obsidian agrees).
        if tag.is_empty() || tag.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            tags.push(tag.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summaries(body: &str) -> Vec<(String, String, InteractionKind)> {
        parse(body).interactions.into_iter().map(|i| (i.date.to_string(), i.summary, i.kind)).collect()
    }

    #[test]
    fn list_items_and_headings_with_dates() {
        let body = "Notes.\n\n## Log\n- 2026-10-02: lunch at Nino's; Emma got into BC\n- 2026-09-14 call about the renewal\n\n## 2026-08-30 Golf outing\nAny heading.\n";
        let got = summaries(body);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].1, "lunch at Nino's; Emma got into BC");
        assert_eq!(got[1], ("2026-09-14".into(), "call about the renewal".into(), InteractionKind::Entry));
        assert_eq!(got[2].1, "Golf outing");
    }

    #[test]
    fn nested_items_tasks_and_emphasis() {
        let body = "- Calls\n  - 2026-01-05 - nested call\n    - detail\n- [ ] 2026-11-20 call Sam\n- [x] 2026-11-02 sent the deck\n- **2026-03-01**: bold date\n* 2026-03-02T10:30 with time\n";
        let got = summaries(body);
        assert_eq!(got[0].1, "nested call");
        assert_eq!(got[1].2, InteractionKind::OpenTask);
        assert_eq!(got[2].2, InteractionKind::DoneTask);
        assert_eq!(got[3].1, "bold date");
        assert_eq!(got[4].0, "2026-03-02");
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn paragraphs_code_and_quotes_are_not_interactions() {
        let body = "2026-01-01 a paragraph\n\n```\n- 2026-01-02 code\n```\n\n> - 2026-01-03 quoted\n\n    - 2026-01-04 indented code\n";
        assert!(summaries(body).is_empty());
    }

    #[test]
    fn a_quoted_log_is_not_the_log_section() {
        let body = "> ## Log\n> - 2020-01-01 x\n";
        assert!(top_level_headings(body).is_empty());
        assert!(summaries(body).is_empty());
        let body = "- notes\n  ## Log\n  - 2020-01-01 x\n";
        assert!(top_level_headings(body).is_empty());
        let body = "Intro\n\n## Log\n- 2020-01-01 x\n\nLater\n---\n";
        let titles: Vec<(usize, String)> =
            top_level_headings(body).into_iter().map(|h| (h.level, h.title)).collect();
        assert_eq!(titles, [(2, "Log".to_string()), (2, "Later".to_string())]);
        assert_eq!(top_level_headings(body)[1].range, 30..40);
    }

    #[test]
    fn log_sections_end_at_the_next_heading_of_their_level() {
        let body = "Intro\n\n## Log\n- x\n### Sub\n- y\n> ## Quote\n\n## log\n- z\n# Top\n";
        let sections = log_sections(body);
        assert_eq!(sections.len(), 2);
        assert_eq!(&body[sections[0].heading.clone()], "## Log\n");
        // The quoted heading ends the first section where it starts, after `> `.
        assert_eq!(&body[sections[0].end..], "## Quote\n\n## log\n- z\n# Top\n");
        assert_eq!(&body[sections[1].end..], "# Top\n");
        assert!(log_sections("> ## Log\n- x\n").is_empty());
        assert_eq!(log_sections("# Log\n## Log\n").len(), 1, "a Log inside a Log is part of it");
    }

    #[test]
    fn heading_without_text_takes_the_next_paragraph() {
        let body = "## 2026-01-05\nTalked about the move\nto Lisbon.\n\n## 2025-12-01\n";
        let got = summaries(body);
        assert_eq!(got[0].1, "Talked about the move to Lisbon.");
        assert_eq!(got[1].1, "");
    }

    #[test]
    fn impossible_dates_are_reported() {
        let body = "- 2026-13-45 nope\n- 2026-02-03 yes\n";
        let parsed = parse(body);
        assert_eq!(parsed.interactions.len(), 1);
        assert_eq!(parsed.problems.len(), 1);
        assert!(parsed.problems[0].message.contains("2026-13-45"));
    }

    #[test]
    fn links_and_tags() {
        let body = "Met [[Tom Baker]] and [[Jane Doe|Jane]] at [[Acme Corp#History]]. ![[photo.png]] \
                    See [Sam](people/Sam%20Rivera.md) and [web](https://x.example/a.md). #golf #Red-Sox #123 \
                    `#notatag`\n\n```\n#code [[Hidden]]\n```\n# Heading\n";
        let parsed = parse(body);
        assert_eq!(parsed.links, ["Tom Baker", "Jane Doe", "Acme Corp", "photo.png", "Sam Rivera"]);
        assert_eq!(parsed.tags, ["golf", "Red-Sox"]);
    }

    #[test]
    fn dated_packs_every_readable_day_and_kind() {
        let kinds = [InteractionKind::Entry, InteractionKind::OpenTask, InteractionKind::DoneTask];
        for text in ["0000-01-01", "0000-12-31", "0001-01-01", "2024-02-29", "2026-11-26", "9999-12-31"] {
            let date: NaiveDate = text.parse().unwrap();
            for kind in kinds {
                let dated = Dated::new(date, kind);
                assert_eq!((dated.date(), dated.kind()), (date, kind));
                assert_eq!(Dated::try_from(u32::from(dated)), Ok(dated));
            }
        }
        assert!(Dated::try_from(3).is_err(), "no fourth kind");
        assert_eq!(u32::from(Dated::new(crate::dates::LAST_DATE, InteractionKind::DoneTask)), LAST_PACKED);
        let last = u32::from(Dated::new(crate::dates::LAST_DATE, InteractionKind::Entry));
        assert!(Dated::try_from(last + 4).is_err(), "no day past 9999");
        assert!(Dated::try_from(u32::MAX - 3).is_err());
    }

    #[test]
    fn leading_dates() {
        assert_eq!(leading_date("2026-10-02: x"), Some(("2026-10-02", ": x")));
        assert_eq!(leading_date("2026-10-02"), Some(("2026-10-02", "")));
        assert_eq!(leading_date("2026-10-02T10:30 call"), Some(("2026-10-02", " call")));
        assert_eq!(leading_date("2026-10-02 10:30:15 — call"), Some(("2026-10-02", " — call")));
        assert_eq!(leading_date("2026-10-02 call"), Some(("2026-10-02", " call")));
        assert_eq!(leading_date("2026-10-02x"), None);
        assert_eq!(leading_date("2026-1-02 x"), None);
        assert_eq!(leading_date("Call on 2026-10-02"), None);
    }

    #[test]
    fn normalizes_targets() {
        assert_eq!(normalize_target("People/Ada Okafor.md#x").as_deref(), Some("People/Ada Okafor"));
        assert_eq!(normalize_target("|x"), None);
    }

    /// `collect_tags` as one regex search, as it was written first.
    fn tags_by_one_regex(text: &str) -> Vec<String> {
        let hashtag = Regex::new(r"(?:^|[\s(,;])#([\p{L}\p{N}_/-]+)").unwrap();
        let mut tags: Vec<String> = Vec::new();
        for caps in hashtag.captures_iter(text) {
            let tag = caps.get(1).unwrap().as_str().trim_end_matches(['/', '-']);
            if !tag.is_empty()
                && !tag.chars().all(|c| c.is_ascii_digit())
                && !tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
            {
                tags.push(tag.to_string());
            }
        }
        tags
    }

    proptest::proptest! {
        #[test]
        fn tags_are_the_ones_the_regex_finds(text in r"([#(,; \t\n\x{a0}\x{85}/_-]|[a-zA-Z0-9]|[éß中٣Ⅻ]|##|#12){0,24}") {
            let mut tags = Vec::new();
            collect_tags(&text, &mut tags);
            proptest::prop_assert_eq!(tags, tags_by_one_regex(&text));
        }
    }

    #[test]
    fn tags_where_the_regex_finds_them() {
        for text in
            ["#a", "x#a #b", "(#a,#b;#c)", "# #b", "#a#b", "#-/", "#12 #1a", "\u{85}#x", "é#x ٣#y", "#Ⅻ_x/-"]
        {
            let mut tags = Vec::new();
            collect_tags(text, &mut tags);
            assert_eq!(tags, tags_by_one_regex(text), "{text:?}");
        }
    }

    #[test]
    fn long_summaries_are_clipped() {
        let body = format!("- 2026-01-01 {}\n", "word ".repeat(100));
        let got = summaries(&body);
        assert_eq!(got[0].1.chars().count(), SUMMARY_MAX);
        assert!(got[0].1.ends_with('…'));
    }
}
