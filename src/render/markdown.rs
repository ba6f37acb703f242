//! Markdown that renders well on GitHub and in Obsidian: table cells that cannot break the
//! table, and relative links whose targets are percent-encoded.

use std::path::Path;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

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

#[cfg(test)]
mod tests {
    use super::*;

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
