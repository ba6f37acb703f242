//! The body as blocks: paragraphs, list items (their first paragraph) and headings, each with
//! its byte range and plain text, outside code and block quotes, marked when in a `Log` section.
//! What the Mackay profile (`profile`) and a brief's digest (`digest`) read, so that both see
//! the same markdown as every other reader (`body::OPTIONS`). Pure.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::body::{log_sections_among, TopHeading};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Paragraph,
    /// A list item; `task` is `Some(done)` for a task box.
    Item {
        task: Option<bool>,
    },
    Heading {
        level: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    pub kind: BlockKind,
    /// The whole block in the body: a list item with its nested lists, a paragraph, a heading.
    pub range: Range<usize>,
    /// Plain text, markup left out, line breaks as spaces, trimmed.
    pub text: String,
    /// The text of bold (`**Label:**`) that opens the block, when it does.
    pub lead: Option<String>,
    /// Inside a `Log` section: an interaction or a task, not free text.
    pub in_log: bool,
}

struct Open {
    kind: BlockKind,
    start: usize,
    text: String,
    lead: Option<String>,
    /// Inside the opening bold, and whether text has come before it.
    in_lead: bool,
    started: bool,
    /// The item's first paragraph is over (a nested list or a second paragraph began).
    closed: bool,
}

/// The blocks of `body` in document order. A paragraph inside a list item is the item's text,
/// not a block of its own; a nested item is a block after its parent.
pub(crate) fn blocks(body: &str) -> Vec<Block> {
    from_events(body, &super::body::events(body))
}

/// [`blocks`] from the body's events (`body::events`), when the parse has read them already.
pub(crate) fn from_events(body: &str, events: &super::body::Events<'_>) -> Vec<Block> {
    let mut out = Vec::new();
    // Every heading, as `body::sections` collects them, to find the Log sections from this one
    // reading: `(heading, top-level)`, `containers` the quotes and items around.
    let mut headings: Vec<(TopHeading, bool)> = Vec::new();
    let mut containers = 0usize;
    let mut stack: Vec<Open> = Vec::new();
    let (mut code, mut quote) = (0usize, 0usize);
    for (event, range) in events {
        heading_event(event, range, &mut headings, &mut containers);
        match event {
            Event::Start(Tag::CodeBlock(_)) => code += 1,
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            _ if code > 0 => {}
            Event::Start(Tag::BlockQuote(_)) => quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote = quote.saturating_sub(1),
            _ if quote > 0 => {}
            Event::Start(tag @ (Tag::Item | Tag::Heading { .. } | Tag::Paragraph)) => {
                let kind = match tag {
                    Tag::Item => BlockKind::Item { task: None },
                    Tag::Heading { level, .. } => BlockKind::Heading { level: *level as usize },
                    _ => BlockKind::Paragraph,
                };
                if kind == BlockKind::Paragraph {
                    if let Some(top) = stack.last_mut() {
                        // An item's first paragraph is its text; a later one ends it.
                        if top.started {
                            top.closed = true;
                        }
                        continue;
                    }
                }
                stack.push(Open {
                    kind,
                    start: range.start,
                    text: String::new(),
                    lead: None,
                    in_lead: false,
                    started: false,
                    closed: false,
                });
            }
            Event::Start(Tag::List(_)) => {
                if let Some(top) = stack.last_mut() {
                    top.closed = true;
                }
            }
            Event::TaskListMarker(done) => {
                if let Some(Open { kind: BlockKind::Item { task }, .. }) = stack.last_mut() {
                    *task = Some(*done);
                }
            }
            Event::Start(Tag::Strong) => {
                if let Some(top) = stack.last_mut().filter(|t| !t.started && !t.closed) {
                    top.in_lead = true;
                    top.lead = Some(String::new());
                }
            }
            Event::End(TagEnd::Strong) => {
                if let Some(top) = stack.last_mut() {
                    top.in_lead = false;
                }
            }
            Event::End(TagEnd::Item | TagEnd::Heading(_) | TagEnd::Paragraph) => {
                if matches!(event, Event::End(TagEnd::Paragraph)) && stack.len() > 1 {
                    continue;
                }
                if matches!(event, Event::End(TagEnd::Paragraph))
                    && stack.last().is_some_and(|t| t.kind != BlockKind::Paragraph)
                {
                    continue;
                }
                let Some(open) = stack.pop() else { continue };
                out.push(Block {
                    in_log: false,
                    kind: open.kind,
                    range: open.start..range.end,
                    text: open.text.trim().to_string(),
                    lead: open.lead.map(|l| l.trim().to_string()),
                });
            }
            Event::Text(text) | Event::Code(text) => push_text(&mut stack, text),
            Event::SoftBreak | Event::HardBreak => push_text(&mut stack, " "),
            _ => {}
        }
    }
    out.sort_by_key(|b| b.range.start);
    let logs = log_sections_among(&headings, body.len());
    for block in &mut out {
        block.in_log = logs.iter().any(|s| (s.heading.start..s.end).contains(&block.range.start));
    }
    out
}

/// Collects the headings as `body::sections` does: a top-level one's title, any one's range.
fn heading_event(
    event: &Event<'_>,
    range: &Range<usize>,
    headings: &mut Vec<(TopHeading, bool)>,
    containers: &mut usize,
) {
    match event {
        Event::Start(Tag::BlockQuote(_) | Tag::Item) => *containers += 1,
        Event::End(TagEnd::BlockQuote(_) | TagEnd::Item) => *containers = containers.saturating_sub(1),
        Event::Start(Tag::Heading { level, .. }) => {
            let heading = TopHeading { range: range.clone(), level: *level as usize, title: String::new() };
            headings.push((heading, *containers == 0));
        }
        Event::Text(text) | Event::Code(text) => {
            if let Some((heading, true)) = headings.last_mut().filter(|(h, _)| h.range.end > range.start) {
                heading.title.push_str(text);
            }
        }
        Event::End(TagEnd::Heading(_)) => {
            if let Some((heading, _)) = headings.last_mut() {
                heading.title = heading.title.trim().to_string();
            }
        }
        _ => {}
    }
}

fn push_text(stack: &mut [Open], text: &str) {
    let Some(top) = stack.last_mut() else { return };
    if top.closed {
        return;
    }
    if top.in_lead {
        if let Some(lead) = top.lead.as_mut() {
            lead.push_str(text);
        }
    } else if !top.started && top.lead.is_none() && text.trim().is_empty() {
        return;
    }
    top.started = true;
    top.text.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_items_and_headings_outside_code_quotes_and_log() {
        assert_eq!(blocks("## Log\n- [ ] x\n").iter().filter(|b| b.in_log).count(), 2);
        let body = "# Jane\n\nFirst *para*\nline two.\n\n- **College:** BC\n  - nested\n- [ ] call\n\n> quoted\n\n```\ncode\n```\n\n## Log\n- 2026-01-01 x\n";
        let got: Vec<(BlockKind, String, Option<String>)> =
            blocks(body).into_iter().filter(|b| !b.in_log).map(|b| (b.kind, b.text, b.lead)).collect();
        assert_eq!(
            got,
            [
                (BlockKind::Heading { level: 1 }, "Jane".to_string(), None),
                (BlockKind::Paragraph, "First para line two.".to_string(), None),
                (BlockKind::Item { task: None }, "College: BC".to_string(), Some("College:".to_string())),
                (BlockKind::Item { task: None }, "nested".to_string(), None),
                (BlockKind::Item { task: Some(false) }, "call".to_string(), None),
            ]
        );
    }

    #[test]
    fn the_log_is_found_as_log_writes_it() {
        // A quoted `## Log` is no section; a real one ends at the next heading of its level.
        let body = "> ## Log\n\n- Car: Jeep\n\n## Log\n- x\n\n## Profile\n- Car: Jeep\n";
        let in_log: Vec<(String, bool)> = blocks(body).into_iter().map(|b| (b.text, b.in_log)).collect();
        assert_eq!(
            in_log,
            [
                ("Car: Jeep".to_string(), false),
                ("Log".to_string(), true),
                ("x".to_string(), true),
                ("Profile".to_string(), false),
                ("Car: Jeep".to_string(), false),
            ]
        );
    }

    #[test]
    fn a_block_range_covers_the_whole_item() {
        let body = "- a\n  - b\n- c\n";
        let b = blocks(body);
        assert_eq!(&body[b[0].range.clone()], "- a\n  - b\n");
    }
}
