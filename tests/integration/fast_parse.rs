//! Issue 16: a parse that skips work a command does not need (`Keep::profile` off: the rows of
//! `list`, `overdue`, `upcoming`) equals the full parse with that part left at its default, on
//! every fuzz crash input, every markdown file of the repository's tests, the files of a
//! generated vault, and (in `fuzz_smoke`) the fuzzers' grammar of documents.

use std::path::Path;

use touchbase::contact::{self, FieldNames, Keep, ParseOptions, Parsed, Rules};

#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/gen_vault.rs"]
mod gen_vault;

/// What `parse` says of a text with `keep`, the profile summary left out when `project`.
fn outcome(relative: &str, text: &str, keep: Keep, project: bool) -> String {
    let (fields, kinds) = (FieldNames::default(), Rules::default());
    let options = ParseOptions { fields: &fields, keep, kinds: &kinds };
    let path = Path::new(relative);
    match contact::parse(path, path, text, &options) {
        Ok(Parsed::Contact(mut c, warnings)) => {
            if project {
                c.profile = contact::profile::Summary::default();
            }
            format!("{c:?}\n{warnings:?}")
        }
        other => format!("{other:?}"),
    }
}

/// The fast parse of `text` equals the full one, for every `Keep` a lean command loads with.
pub(crate) fn same_as_full(relative: &str, text: &str) {
    for keep in [Keep::LEAN, Keep { front_matter: true, ..Keep::LEAN }, Keep { body: true, ..Keep::LEAN }] {
        let full = outcome(relative, text, keep, true);
        let fast = outcome(relative, text, Keep { profile: false, ..keep }, false);
        assert_eq!(fast, full, "{relative}: the fast parse differs from the full one ({keep:?})");
    }
}

fn markdown_below(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_below(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") || dir.ends_with("regressions") {
            out.push(path);
        }
    }
}

#[test]
fn the_fast_parse_equals_the_full_one_on_the_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["fuzz/regressions", "tests", "examples", "docs"] {
        markdown_below(&root.join(dir), &mut files);
    }
    files.sort();
    assert!(files.len() > 20, "the corpus is there: {}", files.len());
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        same_as_full(&file.strip_prefix(root).unwrap().to_string_lossy(), &text);
    }
}

#[test]
fn the_fast_parse_equals_the_full_one_on_a_generated_vault() {
    let mut contacts = 0;
    gen_vault::each_file(400, &mut |relative, text| {
        same_as_full(relative, text);
        contacts += usize::from(text.starts_with("---"));
        Ok(())
    })
    .unwrap();
    assert!(contacts > 350, "mostly contacts: {contacts}");
}

#[test]
fn the_fast_parse_leaves_out_what_it_says_it_does() {
    let text = "---\nname: Ann Lee\nfamily:\n  - {name: Emma, relation: daughter}\n---\nEmma got into BC.\n";
    let full = outcome("Ann Lee.md", text, Keep::LEAN, false);
    assert_ne!(full, outcome("Ann Lee.md", text, Keep { profile: false, ..Keep::LEAN }, false));
}
