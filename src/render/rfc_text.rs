//! Content lines of vCard (RFC 6350 3.2, 3.4) and iCalendar (RFC 5545 3.1, 3.3.11), which
//! share their rules: a TEXT value escapes `\`, `;`, `,` and line breaks, and a line longer than
//! 75 octets is folded onto continuation lines that start with a space, never inside a UTF-8
//! character. Every line ends in CRLF. Used by `vcf.rs` and `ics.rs`; pure.

/// The longest physical line, in octets, not counting the CRLF.
pub(crate) const LINE_OCTETS: usize = 75;

/// Escapes a TEXT value: `\`, `;`, `,` and newlines (CRLF, CR or LF become `\n`). Other control
/// characters are dropped, tab kept, so that no value can end its line, card or event.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line so that no physical line exceeds 75 octets (the leading space of a
/// continuation line included), never inside a UTF-8 character. No final CRLF.
pub(crate) fn fold(content: &str) -> String {
    let mut out = String::with_capacity(content.len() + content.len() / 70 * 3);
    let mut used = 0;
    for c in content.chars() {
        if used + c.len_utf8() > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out
}

/// Appends one content line, folded, with its CRLF.
pub(crate) fn line(out: &mut String, content: &str) {
    out.push_str(&fold(content));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn physical_lines(folded: &str) -> Vec<&str> {
        folded.split("\r\n").collect()
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold("SUMMARY:short"), "SUMMARY:short");
        let exact = "X".repeat(75);
        assert_eq!(fold(&exact), exact);
        let mut out = String::new();
        line(&mut out, "FN:A");
        assert_eq!(out, "FN:A\r\n");
    }

    #[test]
    fn long_lines_fold_at_75_octets() {
        let long = format!("SUMMARY:{}", "a".repeat(200));
        let folded = fold(&long);
        let lines = physical_lines(&folded);
        assert_eq!(lines[0].len(), 75);
        for l in &lines[1..] {
            assert!(l.starts_with(' ') && l.len() <= 75, "{l:?}");
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }

    #[test]
    fn folding_never_splits_a_character() {
        // 74 ASCII octets then a 2-octet é: it would end at octet 76, so it moves to the next line.
        let text = format!("{}é{}", "a".repeat(74), "b");
        let folded = fold(&text);
        assert_eq!(physical_lines(&folded), [&"a".repeat(74)[..], " éb"]);
        // 4-octet emoji and 3-octet CJK at every offset around the boundary.
        for pad in 70..76 {
            for ch in ['😀', '漢', 'ß'] {
                let text = format!("{}{}", "x".repeat(pad), ch.to_string().repeat(40));
                let folded = fold(&text);
                for l in physical_lines(&folded) {
                    assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
                }
                assert_eq!(folded.replace("\r\n ", ""), text);
            }
        }
        let long = format!("NOTE:{}", "é".repeat(100));
        let mut out = String::new();
        line(&mut out, &long);
        for l in out.split("\r\n") {
            assert!(l.len() <= LINE_OCTETS, "{l:?} is {} octets", l.len());
        }
        assert_eq!(out.trim_end_matches("\r\n").replace("\r\n ", ""), long);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(escape("one\ntwo\r\nthree\rfour"), r"one\ntwo\nthree\nfour");
        assert_eq!(escape("bell\x07 esc\x1b[31m del\x7f tab\t"), "bell esc[31m del tab\t");
        assert_eq!(escape("José: ok"), "José: ok");
        let hostile = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT";
        assert!(!escape(hostile).contains(['\r', '\n']));
        assert_eq!(escape("a,b;c\\d\nEND:VCARD\r\nx\u{1b}"), "a\\,b\\;c\\\\d\\nEND:VCARD\\nx");
        // A lone CR before a CRLF is two line breaks, as a CRLF-then-CR reading would give.
        assert_eq!(escape("a\r\r\nb"), "a\\n\\nb");
    }
}
