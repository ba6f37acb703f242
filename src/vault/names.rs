//! The file names touchbase gives contacts (`new`, `import`), made so that touchbase reads every
//! one back, on Linux, macOS and Windows, and the clean-up of a name it stores. Pure.
//!
//! From a name to a file name (`Name.md`):
//! - control characters are dropped, whitespace other than a space (tabs, line and paragraph
//!   separators) becomes a space, and invisible format characters (Unicode category Cf, the
//!   bidirectional controls included) are dropped, except the joiners ZWNJ and ZWJ that names
//!   and emoji need;
//! - `\ / : * ? " < > |` (invalid on Windows) and `# ^ [ ]` (they break wiki links) become `-`;
//! - leading dots (a hidden file is never read) and spaces, and trailing spaces, are removed; a
//!   trailing dot is kept (`Jr..md`): Windows drops dots only at the end of the whole name, and
//!   that is always `.md`;
//! - the part before `.md` is cut to [`MAX_STEM_BYTES`] bytes of UTF-8, never inside a character;
//! - a Windows device name (`CON`, `PRN`, `AUX`, `NUL`, `COM0`-`COM9`, `LPT0`-`LPT9`, `CONIN$`,
//!   `CONOUT$`, in any case, alone or before a dot) and the vault's index page name get a `_`
//!   after it: `CON_.md`, `nul_.txt.md`, `INDEX_.md`;
//! - a name that leaves nothing (`***`, `...`) has no stem of its own: `import` then uses
//!   [`UNNAMED`], `new` refuses it.

use super::settings::{FileNames, Settings};

/// The longest part of a file name before `.md`, in bytes of UTF-8. `Name (9999).md` is then at
/// most 130 bytes: below `NAME_MAX` on Linux and APFS (255 bytes), NTFS (255 UTF-16 units, never
/// more than the UTF-8 bytes), eCryptfs (143 bytes), and HFS+ even after its decomposition
/// (at most 1.5 UTF-16 units per byte), and it leaves room for the folders under Windows' 260
/// character paths.
pub(crate) const MAX_STEM_BYTES: usize = 120;

/// The stem for a name that leaves nothing to name a file with.
pub(crate) const UNNAMED: &str = "Unnamed";

/// Characters invalid in Windows file names, and those that break `[[wiki links]]`.
const UNSAFE: &[char] = &['\\', '/', ':', '*', '?', '"', '<', '>', '|', '#', '^', '[', ']'];

/// Zero-width non-joiner and joiner: format characters, but part of Persian and Indic names and
/// of emoji sequences; harmless in a file name.
const JOINERS: &[char] = &['\u{200c}', '\u{200d}'];

/// Unicode's format characters (category Cf, Unicode 15.1). Listed by hand: std has no
/// general-category lookup, and the set changes rarely.
const FORMAT: &[(char, char)] = &[
    ('\u{ad}', '\u{ad}'),
    ('\u{600}', '\u{605}'),
    ('\u{61c}', '\u{61c}'),
    ('\u{6dd}', '\u{6dd}'),
    ('\u{70f}', '\u{70f}'),
    ('\u{890}', '\u{891}'),
    ('\u{8e2}', '\u{8e2}'),
    ('\u{180e}', '\u{180e}'),
    ('\u{200b}', '\u{200f}'),
    ('\u{202a}', '\u{202e}'),
    ('\u{2060}', '\u{2064}'),
    ('\u{2066}', '\u{206f}'),
    ('\u{feff}', '\u{feff}'),
    ('\u{fff9}', '\u{fffb}'),
    ('\u{110bd}', '\u{110bd}'),
    ('\u{110cd}', '\u{110cd}'),
    ('\u{13430}', '\u{1343f}'),
    ('\u{1bca0}', '\u{1bca3}'),
    ('\u{1d173}', '\u{1d17a}'),
    ('\u{e0001}', '\u{e0001}'),
    ('\u{e0020}', '\u{e007f}'),
];

/// Whether `c` is a Unicode format character (category Cf).
pub(crate) fn is_format(c: char) -> bool {
    FORMAT.iter().any(|(from, to)| (*from..=*to).contains(&c))
}

/// The bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): what can
/// make a name display as another. `text::sanitize` shows them as U+FFFD.
pub(crate) fn is_bidi_control(c: char) -> bool {
    ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// A name as touchbase stores it in `name:`: the bidirectional controls dropped (they could only
/// spoof; every output shows them as U+FFFD), control characters and line breaks made spaces,
/// the ends trimmed. Everything else is kept as written.
pub(crate) fn clean_name(name: &str) -> String {
    let spaced: String = name
        .chars()
        .filter(|c| !is_bidi_control(*c))
        .map(|c| if c.is_control() || (c.is_whitespace() && c != ' ') { ' ' } else { c })
        .collect();
    spaced.trim().to_string()
}

/// The file name (`Stem.md`) for a contact called `name`, by the rules of this module; never
/// empty, never fails.
pub(crate) fn file_name_for(name: &str, settings: &Settings) -> String {
    let stem = stem_for(name, settings).unwrap_or_else(|| match settings.file_names {
        FileNames::AsWritten => UNNAMED.to_string(),
        FileNames::Slug => UNNAMED.to_lowercase(),
    });
    format!("{stem}.md")
}

/// The part of the file name before `.md`, or `None` when the name leaves nothing to name a file
/// with.
pub(crate) fn stem_for(name: &str, settings: &Settings) -> Option<String> {
    let mut safe = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_whitespace() {
            safe.push(' ');
        } else if c.is_control() || (is_format(c) && !JOINERS.contains(&c)) {
            // Dropped: invisible, and the walker skips names with control or bidi characters.
        } else if UNSAFE.contains(&c) {
            safe.push('-');
        } else {
            safe.push(c);
        }
    }
    let stem = match settings.file_names {
        FileNames::AsWritten => safe,
        FileNames::Slug => {
            let lower = safe.to_lowercase();
            let words: Vec<&str> =
                lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            words.join("-")
        }
    };
    let stem = trim(cut(trim(&stem), MAX_STEM_BYTES));
    if stem.trim_matches(['-', ' ']).is_empty() {
        return None;
    }
    // The `_` may take the stem one byte over; the cut keeps it, at the start.
    let stem = avoid_reserved(stem, settings);
    Some(trim(cut(&stem, MAX_STEM_BYTES)).to_string())
}

/// Without leading dots and spaces, and without trailing spaces and joiners (a cut can leave
/// a joiner with nothing to join).
fn trim(stem: &str) -> &str {
    stem.trim_start_matches(['.', ' ']).trim_end_matches(|c: char| c == ' ' || JOINERS.contains(&c))
}

/// At most `max` bytes, cut at a character boundary.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or("")
}

/// A `_` after a stem's first part (up to the first dot) when Windows reserves that part for a
/// device, or when it would be the vault's index page.
fn avoid_reserved(stem: &str, settings: &Settings) -> String {
    let (base, rest) = stem.split_at(stem.find('.').unwrap_or(stem.len()));
    let index_stem = std::path::Path::new(&settings.index).file_stem().and_then(|s| s.to_str());
    let is_index = rest.is_empty() && index_stem.is_some_and(|i| i.eq_ignore_ascii_case(base));
    if is_windows_device(base) || is_index {
        let kept = base.trim_end_matches(' ');
        let spaces = &base[kept.len()..];
        return format!("{kept}_{spaces}{rest}");
    }
    stem.to_string()
}

/// `CON`, `PRN`, `AUX`, `NUL`, `COM0`-`COM9`, `LPT0`-`LPT9` (also with a superscript 1-3),
/// `CONIN$`, `CONOUT$`, in any case, trailing spaces ignored (Windows ignores them too).
pub(crate) fn is_windows_device(base: &str) -> bool {
    let upper = base.trim_end_matches(' ').to_uppercase();
    if ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"].contains(&upper.as_str()) {
        return true;
    }
    let Some(number) = upper.strip_prefix("COM").or_else(|| upper.strip_prefix("LPT")) else { return false };
    let mut chars = number.chars();
    matches!((chars.next(), chars.next()), (Some('0'..='9' | '¹' | '²' | '³'), None))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;

    fn name(n: &str) -> String {
        file_name_for(n, &Settings::default())
    }

    fn slug(n: &str) -> String {
        let settings = Settings { file_names: FileNames::Slug, ..Settings::default() };
        file_name_for(n, &settings)
    }

    #[test]
    fn plain_names_are_kept() {
        assert_eq!(name("Jane Doe"), "Jane Doe.md");
        assert_eq!(name("  José Núñez "), "José Núñez.md");
        assert_eq!(name("A: B | C?"), "A- B - C-.md");
        assert_eq!(slug("Jane O'Doe Jr."), "jane-o-doe-jr.md");
        // Joiners stay: an emoji family and a Persian name.
        assert_eq!(name("\u{1f468}\u{200d}\u{1f469}"), "\u{1f468}\u{200d}\u{1f469}.md");
        assert_eq!(name("Mi\u{200c}tra"), "Mi\u{200c}tra.md");
    }

    #[test]
    fn controls_and_bidi_characters_are_dropped() {
        assert_eq!(name("\u{202e}evil"), "evil.md");
        assert_eq!(name("a\u{2066}b\u{2069}c\u{200f}\u{feff}"), "abc.md");
        assert_eq!(name("Jane\tDoe\n"), "Jane Doe.md");
        assert_eq!(name("Red\x1b[31m"), "Red-31m.md");
        assert_eq!(name("a\u{2028}b"), "a b.md");
    }

    #[test]
    fn dots_and_spaces_at_the_ends() {
        assert_eq!(name("...hidden"), "hidden.md");
        assert_eq!(name(" . Ann Jr. "), "Ann Jr..md");
        assert_eq!(name("Ann \u{202e}"), "Ann.md");
        assert_eq!(name("CON."), "CON_..md");
    }

    #[test]
    fn windows_device_names_get_an_underscore() {
        for (given, file) in [
            ("CON", "CON_.md"),
            ("nul", "nul_.md"),
            ("Com1", "Com1_.md"),
            ("aux", "aux_.md"),
            ("lpt1", "lpt1_.md"),
            ("LPT\u{b9}", "LPT\u{b9}_.md"),
            ("con.txt", "con_.txt.md"),
            ("Aux.", "Aux_..md"),
            ("PRN .x", "PRN_ .x.md"),
            ("conout$", "conout$_.md"),
        ] {
            assert_eq!(name(given), file, "{given:?}");
        }
        for fine in ["Connie", "COM10", "LPT", "Nullify", "Aux Pierre", "con-x"] {
            assert_eq!(name(fine), format!("{fine}.md"));
        }
        assert_eq!(slug("Con"), "con_.md");
    }

    #[test]
    fn the_index_page_name_gets_an_underscore() {
        assert_eq!(name("INDEX"), "INDEX_.md");
        assert_eq!(name("index"), "index_.md");
        assert_eq!(name("Index Card"), "Index Card.md");
        let settings = Settings { index: "people/Home.md".to_string(), ..Settings::default() };
        assert_eq!(file_name_for("home", &settings), "home_.md");
    }

    #[test]
    fn long_names_are_cut_by_bytes_at_a_character_boundary() {
        assert_eq!(name(&"\u{1f600}".repeat(130)), format!("{}.md", "\u{1f600}".repeat(30)));
        let cut = name(&format!("a{}", "é".repeat(100)));
        assert_eq!(cut, format!("a{}.md", "é".repeat(59)));
        // A cut that ends on a space loses it too.
        let cut = name(&format!("{} x", "b".repeat(MAX_STEM_BYTES - 1)));
        assert_eq!(cut, format!("{}.md", "b".repeat(MAX_STEM_BYTES - 1)));
    }

    #[test]
    fn nothing_left() {
        for empty in ["", "  ", "***", "...", "\u{202e}", "- -", "\u{feff}."] {
            assert_eq!(stem_for(empty, &Settings::default()), None, "{empty:?}");
            assert_eq!(name(empty), "Unnamed.md");
        }
        assert_eq!(slug("!!!"), "unnamed.md");
    }

    #[test]
    fn clean_names() {
        assert_eq!(clean_name(" \u{202e}evil\u{2069} "), "evil");
        assert_eq!(clean_name("Jane\nDoe\t"), "Jane Doe");
        assert_eq!(clean_name("\u{200f}\u{5e9}\u{5e8}\u{200d}"), "\u{200f}\u{5e9}\u{5e8}\u{200d}");
    }

    /// What Windows refuses in a file name, besides device names.
    fn windows_rejects(file: &str) -> bool {
        file.chars().any(|c| c < ' ' || "<>:\"/\\|?*".contains(c)) || file.ends_with(['.', ' '])
    }

    fn check(file: &str, settings: &Settings) -> Result<(), TestCaseError> {
        let stem = file.strip_suffix(".md").unwrap_or("");
        prop_assert!(!stem.is_empty(), "{file:?}");
        prop_assert!(stem.len() <= MAX_STEM_BYTES, "{file:?}");
        prop_assert!(!windows_rejects(file) && !stem.ends_with(' '), "{file:?}");
        prop_assert!(!is_windows_device(stem.split('.').next().unwrap_or("")), "{file:?}");
        prop_assert!(!stem.starts_with([' ', '.']), "{file:?}");
        // What the walker and the loader accept: a candidate, a name they print unchanged.
        let path = Path::new(file);
        prop_assert_eq!(path.components().count(), 1, "{:?}", file);
        prop_assert!(super::super::walk::is_candidate(settings, path), "{file:?}");
        prop_assert!(
            matches!(crate::text::sanitize(file), std::borrow::Cow::Borrowed(_)),
            "{file:?} would be skipped"
        );
        prop_assert!(!file.chars().any(|c| is_format(c) && !JOINERS.contains(&c)), "{file:?}");
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn every_file_name_is_read_back(raw in any::<String>(), picks in prop::collection::vec(0usize..24, 0..12)) {
            // Arbitrary unicode, salted with the characters and words the rules are about.
            const SALT: &[&str] = &[
                "\u{202e}", "\u{2066}", "\u{200f}", "\u{feff}", "\u{200d}", "\u{e0041}", ".", " ", "..",
                "CON", "nul", "Com1", "lpt\u{b2}", "INDEX", "\t", "\n", "\u{1b}", "?", "/", "\\",
                "\u{1f600}", "é", "\u{2028}", "-",
            ];
            let mut name = raw;
            for (i, pick) in picks.iter().enumerate() {
                let at = (name.len() * i / picks.len().max(1)).min(name.len());
                let at = (0..=at).rev().find(|b| name.is_char_boundary(*b)).unwrap_or(0);
                name.insert_str(at, SALT[*pick]);
            }
            let repeated = name.repeat(1 + name.len() % 7);
            for n in [&name, &repeated] {
                check(&file_name_for(n, &Settings::default()), &Settings::default())?;
                let slug = Settings { file_names: FileNames::Slug, ..Settings::default() };
                check(&file_name_for(n, &slug), &slug)?;
            }
        }
    }
}
