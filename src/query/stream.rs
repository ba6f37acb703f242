//! Full-text terms over a lean load: the contacts hold no bodies, so a text term reads each
//! candidate's file as the query reaches it and drops the text at once. A cheap scan of the raw
//! text rules out most files; a file it cannot rule out is parsed in full and matched exactly as a
//! contact loaded with its body and front matter would be. The name and aliases come from the load;
//! the body and front matter from the file as it is when it is read (a file that no longer reads as
//! a contact holds no text).

use std::path::Path;

use super::{Query, Term};
use crate::contact::{Contact, Keep};
use crate::vault::{FileOutcome, LoadOptions, Settings};

/// Where the files of a lean-loaded index are, for a query's full-text terms.
pub(crate) struct Files<'a> {
    root: &'a Path,
    settings: &'a Settings,
    /// One scan per full-text term of the query.
    scans: Vec<(String, Scan)>,
}

impl<'a> Files<'a> {
    pub(crate) fn new(root: &'a Path, settings: &'a Settings, query: &Query) -> Files<'a> {
        let needles = query.clauses.iter().filter_map(|c| match &c.term {
            Term::Text(needle) => Some(needle.clone()),
            _ => None,
        });
        Files { root, settings, scans: needles.map(|n| (n.clone(), Scan::new(&n))).collect() }
    }

    /// The files of a session's (lean) load.
    pub(crate) fn of(session: &'a crate::vault::Session, query: &Query) -> Files<'a> {
        Files::new(&session.root, &session.settings, query)
    }

    /// Whether the file of `contact` holds `needle` in its body or a front matter value, as
    /// `text_matches` on the file loaded in full would say.
    pub(crate) fn holds(&self, contact: &Contact, needle: &str) -> bool {
        let scan = self.scans.iter().find(|(n, _)| n == needle).map(|(_, scan)| scan);
        match self.bytes(&contact.path) {
            Some(bytes) if scan.is_some_and(|scan| !scan.may_hold(&bytes)) => false,
            _ => self.in_full(&contact.path).is_some_and(|full| super::text_matches_in_full(&full, needle)),
        }
    }

    fn bytes(&self, relative: &Path) -> Option<Vec<u8>> {
        crate::vault::session::file_bytes(&self.root.join(relative))
    }

    fn in_full(&self, relative: &Path) -> Option<Box<Contact>> {
        let keep = Keep { body: true, front_matter: true, ..Keep::LEAN };
        match crate::vault::read_one(
            self.root,
            self.settings,
            relative,
            LoadOptions { keep, cache_dir: None },
        ) {
            FileOutcome::Contact(contact, _) => Some(contact),
            _ => None,
        }
    }
}

/// The raw-text scan for one needle.
pub(crate) struct Scan {
    /// `None` when the needle is not `plain`: every file must be parsed.
    pattern: Option<regex::bytes::Regex>,
}

impl Scan {
    /// The needle's words, ASCII case folded, apart by any run of white space.
    pub(crate) fn new(needle: &str) -> Scan {
        let words: Vec<String> = needle.split(' ').map(regex::escape).collect();
        let pattern = plain(needle).then(|| format!("(?i-u){}", words.join("[ \t\r\n]+")));
        Scan { pattern: pattern.and_then(|p| regex::bytes::Regex::new(&p).ok()) }
    }

    /// False only when no body and no front matter value of this text can hold the needle: a
    /// YAML value is the raw text with its line breaks and indentation folded to spaces, its
    /// quotes removed, its escapes decoded, or a number or boolean written anew. So the scan folds
    /// case and every run of white space, and says `true` (parse and see) for anything it cannot
    /// rule out that way: a needle with quotes, digits or only the letters a number can print
    /// (`1e9`, `inf`, `nan`), a text with a backslash or a line break libyaml knows beyond `\r`
    /// and `\n`, bytes that are not UTF-8.
    pub(crate) fn may_hold(&self, bytes: &[u8]) -> bool {
        let Some(pattern) = &self.pattern else { return true };
        if bytes.contains(&b'\\') {
            return true;
        }
        if bytes.is_ascii() {
            return pattern.is_match(bytes);
        }
        let Ok(text) = std::str::from_utf8(bytes) else { return true };
        if text.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
            return true;
        }
        // Only two characters lower-case to ASCII letters (the Kelvin sign to `k`, `İ` to `i`
        // and a dot): without them, the ASCII letters of the lower-cased text are the text's own.
        if text.contains(['\u{212a}', '\u{130}']) {
            return pattern.is_match(text.to_lowercase().as_bytes());
        }
        pattern.is_match(bytes)
    }
}

/// A needle the scan can rule out: ASCII letters, single spaces and punctuation other than
/// quotes and backslashes, with a letter no number prints.
fn plain(needle: &str) -> bool {
    let allowed = |b: u8| {
        b.is_ascii_lowercase()
            || b == b' '
            || (b.is_ascii_punctuation() && !matches!(b, b'\\' | b'\'' | b'"'))
    };
    !needle.is_empty()
        && needle.bytes().all(allowed)
        && !needle.contains("  ")
        && needle.bytes().any(|b| b.is_ascii_lowercase() && !b"aefin".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_for<'a>(root: &'a Path, settings: &'a Settings, needle: &str) -> Files<'a> {
        Files::new(root, settings, &Query::parse(&format!("{needle:?}")).unwrap())
    }

    fn lean(root: &Path, settings: &Settings, name: &str) -> Box<Contact> {
        let options = LoadOptions { keep: Keep::LEAN, cache_dir: None };
        match crate::vault::read_one(root, settings, Path::new(name), options) {
            FileOutcome::Contact(contact, _) => contact,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_scan_rules_out_only_what_no_value_or_body_can_hold() {
        let scan = Scan::new("renewal demo");
        assert!(scan.may_hold(b"x: Renewal\r\n   DEMO\n"));
        assert!(scan.may_hold("caf\u{e9}: renewal\tdemo".as_bytes()));
        assert!(scan.may_hold(b"x: \"renewal \\x64emo\""));
        assert!(scan.may_hold(b"\xff renewal"));
        assert!(!scan.may_hold(b"renewal-demo"));
        assert!(!scan.may_hold("M\u{fc}ller: renewal, demo".as_bytes()));
        assert!(Scan::new("kim").may_hold("\u{212a}im".as_bytes()));
        assert!(!Scan::new("kim").may_hold("\u{e9}im".as_bytes()));
        // Needles a number could print, or with quotes, are never ruled out.
        for needle in ["inf", "nan", "1000", "o'neil", "a  b"] {
            assert!(Scan::new(needle).may_hold(b"nothing here"), "{needle}");
        }
    }

    /// Whatever the file holds, the streamed answer is the full parse's.
    #[test]
    fn a_streamed_term_matches_as_the_full_parse_does() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings::load(dir.path()).unwrap();
        let files = [
            "---\nname: A\nnote: >\n  the Renewal\n  demo went well\n---\n",
            "---\nname: A\nnote: \"renewal\\x20demo\"\n---\n",
            "---\r\nname: A\r\n---\r\nRenewal\r\n demo\r\n",
            "---\nname: A\nflag: true\n---\nrenewal plan\n",
            "---\nname: A\n---\nRENEWAL DEMO with M\u{fc}ller\n",
        ];
        for (i, text) in files.iter().enumerate() {
            std::fs::write(dir.path().join("a.md"), text).unwrap();
            let contact = lean(dir.path(), &settings, "a.md");
            for needle in ["renewal demo", "renewal plan", "true", "demo went"] {
                let full = files_for(dir.path(), &settings, needle).in_full(Path::new("a.md")).unwrap();
                let expected = super::super::text_matches_in_full(&full, needle);
                let streamed = files_for(dir.path(), &settings, needle).holds(&contact, needle);
                assert_eq!(streamed, expected, "file {i}, {needle:?}");
            }
        }
    }

    /// A file that changed after the load is read as it is now; one that is gone, or no longer
    /// a contact, holds no text.
    #[test]
    fn a_file_changed_since_the_load_is_read_as_it_is_now() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings::load(dir.path()).unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "---\nname: A\n---\nold words\n").unwrap();
        let contact = lean(dir.path(), &settings, "a.md");
        let holds = |needle: &str| files_for(dir.path(), &settings, needle).holds(&contact, needle);
        assert!(holds("old words"));
        std::fs::write(&path, "---\nname: A\n---\nnew words\n").unwrap();
        assert!(!holds("old words"));
        assert!(holds("new words"));
        std::fs::write(&path, "just a note, new words\n").unwrap();
        assert!(!holds("new words"));
        std::fs::write(&path, b"---\nname: A\n---\nnew words\0\xff").unwrap();
        assert!(!holds("new words"));
        std::fs::remove_file(&path).unwrap();
        assert!(!holds("new words"));
    }
}
