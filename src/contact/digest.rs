//! What a reader wants of a body before a call, beside the Mackay answers: the top of the notes
//! (its first paragraphs), the open tasks without a date, and the personal sentences (those
//! that name a family member), which outreach keeps as talking points so that a detail written
//! once in the notes outlives the next Log entry. Private profile answers are never among them.
//! Pure.

use std::ops::Range;

use super::blocks::{Block, BlockKind};

/// How many paragraphs of the notes a brief shows (the top), and `show` (all of a usual file).
pub(crate) const BRIEF_PARAGRAPHS: usize = 2;
pub(crate) const SHOW_PARAGRAPHS: usize = 12;

/// How many personal sentences a contact keeps as talking points.
pub(crate) const PERSONAL_POINTS: usize = 3;

/// The longest paragraph or sentence kept, in characters (cut with an ellipsis).
const MAX_CHARS: usize = 320;

fn clip(text: &str) -> String {
    if text.chars().count() <= MAX_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

fn is_private(block: &Block, private: &[Range<usize>]) -> bool {
    private.iter().any(|r| r.start <= block.range.start && block.range.end <= r.end)
}

/// The first `n` paragraphs of the notes (outside list items, the Log and private answers).
pub(crate) fn top(blocks: &[Block], private: &[Range<usize>], n: usize) -> Vec<String> {
    blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph && !b.in_log && !is_private(b, private))
        .filter(|b| !b.text.is_empty())
        .take(n)
        .map(|b| clip(&b.text))
        .collect()
}

/// Open tasks (`- [ ] ...`) whose text does not start with a date, in document order. A dated
/// one is an interaction already (`schedule` says when it is due).
pub(crate) fn undated_tasks(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter(|b| b.kind == (BlockKind::Item { task: Some(false) }) && !b.text.is_empty())
        .filter(|b| !starts_with_date(&b.text))
        .map(|b| clip(&b.text))
        .collect()
}

fn starts_with_date(text: &str) -> bool {
    let first = text.split(|c: char| c.is_whitespace() || c == ':').next().unwrap_or("");
    crate::dates::parse_date(first).is_ok()
}

/// The sentences of the notes (paragraphs and list items outside the Log and private answers)
/// that name one of `names` as a word, in document order, at most [`PERSONAL_POINTS`].
pub(crate) fn personal(blocks: &[Block], names: &[String], private: &[Range<usize>]) -> Vec<String> {
    if names.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    let free = blocks.iter().filter(|b| {
        matches!(b.kind, BlockKind::Paragraph | BlockKind::Item { task: None })
            && !b.in_log
            && !is_private(b, private)
    });
    for block in free {
        // Most blocks name nobody: a substring test first, before splitting into sentences.
        if out.len() >= PERSONAL_POINTS || !names.iter().any(|n| block.text.contains(n.as_str())) {
            continue;
        }
        for sentence in sentences(&block.text) {
            let mentions =
                sentence.split(|c: char| !c.is_alphanumeric()).any(|word| names.iter().any(|n| n == word));
            if mentions && out.len() < PERSONAL_POINTS && !out.iter().any(|s| s == sentence) {
                out.push(clip(sentence));
            }
        }
    }
    out
}

/// Sentences: text up to a `.`, `!` or `?` followed by a space and a capital letter or a digit.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        // `.`, `!` and `?` are one byte: what follows starts at `at + 1`.
        let mut next = text.get(at + 1..).unwrap_or("").chars();
        let ends = matches!(c, '.' | '!' | '?')
            && next.next() == Some(' ')
            && next.next().is_some_and(|n| n.is_uppercase() || n.is_ascii_digit());
        if ends {
            out.push(text.get(start..=at).unwrap_or("").trim());
            start = at + 1;
        }
    }
    out.push(text.get(start..).unwrap_or("").trim());
    out.retain(|s| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::super::blocks::blocks;
    use super::*;

    const BODY: &str = "# Jane\n\nKey contact. Straight shooter.\n\nSecond para.\n\nThird para.\n\nFamily: husband Mark teaches. Daughter Emma starts college (Boston College, moved in). Son Liam plays hockey. Emma turns 18.\n\n- [ ] send the deck\n- [ ] 2026-12-01 call\n\n## Log\n- [ ] ask Emma's dorm address\n- 2026-10-12: Emma at BC\n";

    #[test]
    fn the_top_is_the_first_paragraphs() {
        assert_eq!(
            top(&blocks(BODY), &[], BRIEF_PARAGRAPHS),
            ["Key contact. Straight shooter.", "Second para."]
        );
        assert_eq!(top(&blocks(BODY), &[], SHOW_PARAGRAPHS).len(), 4);
    }

    #[test]
    fn undated_open_tasks_come_from_anywhere_in_the_body() {
        assert_eq!(undated_tasks(&blocks(BODY)), ["send the deck", "ask Emma's dorm address"]);
    }

    #[test]
    fn personal_sentences_name_family_and_skip_the_log_and_private_answers() {
        let names = ["Mark".to_string(), "Emma".to_string(), "Liam".to_string()];
        let b = blocks(BODY);
        assert_eq!(
            personal(&b, &names, &[]),
            [
                "Family: husband Mark teaches.",
                "Daughter Emma starts college (Boston College, moved in).",
                "Son Liam plays hockey."
            ]
        );
        let family = b.iter().find(|b| b.text.starts_with("Family")).map(|b| b.range.clone()).unwrap();
        assert!(personal(&b, &names, &[family]).is_empty());
        assert!(personal(&b, &[], &[]).is_empty());
    }
}
