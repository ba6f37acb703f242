//! Markdown that renders well on GitHub and in Obsidian: table cells that cannot break the
//! table, relative links whose targets are percent-encoded or Obsidian's wiki links, and
//! dates that do not wrap.

use std::path::{Path, PathBuf};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use crate::report::page_links::{LinkStyle, PageLinks};

/// Characters that would end or confuse a link target in markdown.
const LINK_TARGET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b'(')
    .add(b')');

/// Text for inside a table cell or link text: no pipes, brackets, emphasis or newlines can
/// escape it, and no HTML can open.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::sanitize(&text.replace(['\n', '\r'], " ")).chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '|' | '[' | ']' | '*' | '_' | '`' | '<' | '>' | '#' | '!' | '~' | '$' | '&' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A relative link target: each path segment percent-encoded, `/` between them.
pub(crate) fn link_target(path: &Path) -> String {
    path.iter()
        .map(|segment| utf8_percent_encode(&segment.to_string_lossy(), LINK_TARGET).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// `[text](target)` with the text escaped and the target encoded.
pub(crate) fn link(text: &str, path: &Path) -> String {
    format!("[{}]({})", escape(text), link_target(path))
}

/// Every link of a generated page, in the vault's style: the one place pages make links.
pub(crate) struct Links<'a> {
    links: &'a PageLinks,
    /// The page's own path, relative to the vault root (markdown links are relative to it).
    page: &'a Path,
}

impl<'a> Links<'a> {
    pub(crate) fn new(links: &'a PageLinks, page: &'a Path) -> Links<'a> {
        Links { links, page }
    }

    /// A link shown as `text` to the vault file `path` (relative to the root, `/` separated).
    pub(crate) fn to(&self, text: &str, path: &str) -> String {
        match self.wiki(text, path) {
            Some((target, Some(alias))) => format!("[[{target}|{alias}]]"),
            Some((target, None)) => format!("[[{target}]]"),
            None => link(text, &relative_to_page(self.page, path)),
        }
    }

    /// The same link inside a table cell, where a wiki link's `|` must be escaped.
    pub(crate) fn cell(&self, text: &str, path: &str) -> String {
        match self.wiki(text, path) {
            Some((target, Some(alias))) => format!("[[{target}\\|{alias}]]"),
            _ => self.to(text, path),
        }
    }

    /// `message` escaped, with the first mention of each of `people` (`(name, path)`) linked;
    /// longer names first, so that "Jane Doe" is not cut into a link to "Jane".
    pub(crate) fn mentions(&self, message: &str, people: &[(&str, &str)], cell: bool) -> String {
        let mut people: Vec<&(&str, &str)> =
            people.iter().filter(|(name, _)| !name.trim().is_empty()).collect();
        people.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
        let mut text = escape(message);
        let mut links = Vec::new();
        for (name, path) in people {
            let escaped = escape(name);
            if !text.contains(&escaped) {
                continue;
            }
            // A mark no escaped text holds (control characters are removed), swapped back last.
            text = text.replacen(&escaped, &format!("\u{1}{}\u{1}", links.len()), 1);
            links.push(if cell { self.cell(name, path) } else { self.to(name, path) });
        }
        for (i, link) in links.iter().enumerate() {
            text = text.replacen(&format!("\u{1}{i}\u{1}"), link, 1);
        }
        text
    }

    /// Obsidian's link target (the file name without `.md`, or its path from the root when
    /// another file has that name) and the alias when the shown text differs; `None` for a
    /// markdown link, or a file whose name a wiki link cannot hold.
    fn wiki(&self, text: &str, path: &str) -> Option<(String, Option<String>)> {
        if self.links.style != LinkStyle::Wiki {
            return None;
        }
        let without = path.strip_suffix(".md")?;
        let stem = without.rsplit('/').next().unwrap_or(without);
        if without.is_empty() || without.contains(['[', ']', '|', '#', '^', '\n', '\r']) {
            return None;
        }
        let target = if self.links.ambiguous.contains(&stem.to_lowercase()) { without } else { stem };
        let shown: String = super::sanitize(text)
            .chars()
            .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
            .filter(|c| !matches!(c, '[' | ']' | '|'))
            .collect();
        let alias = (shown != target && !shown.trim().is_empty()).then_some(shown);
        Some((target.to_string(), alias))
    }
}

/// A date in a table cell, as a code span: the same ASCII `YYYY-MM-DD` for a machine to read,
/// and a cell that a narrow column cannot wrap at the hyphens (Obsidian's reading view wraps
/// plain text there). Anything that is not a date (`never`, empty) is left as it is.
pub(crate) fn date_cell(text: &str) -> String {
    let is_date = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if is_date {
        format!("`{text}`")
    } else {
        escape(text)
    }
}

/// A vault path (relative to the root) as seen from the page's folder.
pub(crate) fn relative_to_page(page: &Path, contact: &str) -> PathBuf {
    let depth = page
        .parent()
        .map_or(0, |p| p.components().filter(|c| matches!(c, std::path::Component::Normal(_))).count());
    let mut out = PathBuf::new();
    for _ in 0..depth {
        out.push("..");
    }
    out.push(contact);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wiki(shared: &[&str]) -> PageLinks {
        PageLinks { style: LinkStyle::Wiki, ambiguous: shared.iter().map(ToString::to_string).collect() }
    }

    #[test]
    fn links_are_relative_to_the_page() {
        assert_eq!(
            relative_to_page(Path::new("INDEX.md"), "people/Jane Doe.md"),
            PathBuf::from("people/Jane Doe.md")
        );
        assert_eq!(
            relative_to_page(Path::new("pages/all/People.md"), "Jane.md"),
            PathBuf::from("../../Jane.md")
        );
    }

    #[test]
    fn wiki_links_follow_obsidian() {
        let unique = wiki(&[]);
        let links = Links::new(&unique, Path::new("outreach/2026-W49.md"));
        assert_eq!(links.to("Jane Doe", "people/Jane Doe.md"), "[[Jane Doe]]");
        assert_eq!(links.to("Jane Doe", "people/jane-doe.md"), "[[jane-doe|Jane Doe]]");
        assert_eq!(links.cell("Jane Doe", "people/jane-doe.md"), "[[jane-doe\\|Jane Doe]]");
        assert_eq!(
            links.to("J [x]", "J #1.md"),
            "[J \\[x\\]](../J%20%231.md)",
            "a name a wiki link cannot hold"
        );
        let shared = wiki(&["jane doe"]);
        let links = Links::new(&shared, Path::new("INDEX.md"));
        assert_eq!(links.to("Jane Doe", "a/Jane Doe.md"), "[[a/Jane Doe|Jane Doe]]");
        assert_eq!(links.cell("Jane Doe", "a/Jane Doe.md"), "[[a/Jane Doe\\|Jane Doe]]");
        let markdown = PageLinks::markdown();
        let links = Links::new(&markdown, Path::new("outreach/x.md"));
        assert_eq!(links.to("Jane Doe", "people/Jane Doe.md"), "[Jane Doe](../people/Jane%20Doe.md)");
    }

    #[test]
    fn mentions_link_each_name_once() {
        let unique = wiki(&[]);
        let links = Links::new(&unique, Path::new("INDEX.md"));
        let people = [
            ("Walter Grimes", "a/Walter Grimes.md"),
            ("Richard", "a/r.md"),
            ("Richard Hale", "a/Richard Hale.md"),
        ];
        assert_eq!(
            links.mentions("Walter Grimes left; successor: Richard Hale | *x*", &people, false),
            "[[Walter Grimes]] left; successor: [[Richard Hale]] \\| \\*x\\*"
        );
        assert_eq!(links.mentions("Richard is new", &people, true), "[[r\\|Richard]] is new");
    }

    #[test]
    fn dates_are_code_spans() {
        assert_eq!(date_cell("2026-11-26"), "`2026-11-26`");
        assert_eq!((date_cell("never"), date_cell("")), ("never".to_string(), String::new()));
        assert_eq!(date_cell("2026-1-26*"), "2026-1-26\\*");
    }

    #[test]
    fn cells_cannot_break_tables() {
        assert_eq!(escape("A | B [x]\nC *d* <b>"), r"A \| B \[x\] C \*d\* \<b\>");
    }

    #[test]
    fn links_are_percent_encoded() {
        let path = Path::new("people/Jane (JD) Doe #1.md");
        assert_eq!(link("Jane", path), "[Jane](people/Jane%20%28JD%29%20Doe%20%231.md)");
        assert_eq!(link_target(Path::new("José Núñez.md")), "Jos%C3%A9%20N%C3%BA%C3%B1ez.md");
    }
}
