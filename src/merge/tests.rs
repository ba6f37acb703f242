use chrono::NaiveDate;
use proptest::prelude::*;

use crate::write::edit::append_log;

use super::*;

fn merged(base: &str, ours: &str, theirs: &str) -> (String, bool) {
    let m = merge(base.as_bytes(), ours.as_bytes(), theirs.as_bytes()).unwrap();
    (String::from_utf8(m.bytes).unwrap(), m.conflicts)
}

const BASE: &str = "---\nname: Jane Doe\nrole: CTO # since 2024\nlast_contact: 2026-11-01\n---\nLikes golf.\n\n## Log\n- 2026-11-01: lunch\n";

#[test]
fn two_log_calls_on_one_day_merge_cleanly() {
    let ours = "---\nname: Jane Doe\nrole: CTO # since 2024\nlast_contact: 2026-11-26\n---\nLikes golf.\n\n## Log\n- 2026-11-26: call about the renewal\n- 2026-11-01: lunch\n";
    let theirs = "---\nname: Jane Doe\nrole: CEO\nlast_contact: 2026-11-26\n---\nLikes golf.\n\n## Log\n- 2026-11-26: demo of the new plan\n- 2026-11-01: lunch\n";
    assert_eq!(
        merged(BASE, ours, theirs),
        (
            "---\nname: Jane Doe\nrole: CEO\nlast_contact: 2026-11-26\n---\nLikes golf.\n\n## Log\n- 2026-11-26: call about the renewal\n- 2026-11-26: demo of the new plan\n- 2026-11-01: lunch\n"
                .into(),
            false
        )
    );
}

#[test]
fn crlf_and_bom_of_ours_are_kept() {
    let crlf = |s: &str| s.replace('\n', "\r\n");
    let base = format!("\u{feff}{}", crlf(BASE));
    let ours = format!(
        "\u{feff}{}",
        crlf(&BASE.replace("- 2026-11-01: lunch", "- 2026-11-26: call\n- 2026-11-01: lunch"))
    );
    // Theirs was saved by an editor that dropped both.
    let theirs = BASE.replace("- 2026-11-01: lunch", "- 2026-11-20: email\n- 2026-11-01: lunch");
    let (text, conflicts) = merged(&base, &ours, &theirs);
    assert!(!conflicts);
    assert_eq!(
        text,
        format!(
            "\u{feff}{}",
            crlf(&BASE.replace(
                "- 2026-11-01: lunch",
                "- 2026-11-26: call\n- 2026-11-20: email\n- 2026-11-01: lunch"
            ))
        )
    );
}

#[test]
fn a_note_is_merged_by_git() {
    let (text, conflicts) = merged("a\nb\nc\nd\ne\n", "a\nB\nc\nd\ne\n", "a\nb\nc\nD\ne\n");
    assert_eq!((text.as_str(), conflicts), ("a\nB\nc\nD\ne\n", false));
    let (text, conflicts) = merged("a\n", "b\n", "c\n");
    assert!(conflicts);
    assert_eq!(text, "<<<<<<< ours\nb\n=======\nc\n>>>>>>> theirs\n");
}

#[test]
fn front_matter_that_blocks_cannot_say_is_merged_as_lines() {
    // An alias names an anchor of another key: a key alone does not parse.
    let base = "---\nrole: &r CTO\ntitle: *r\nname: J\n---\n";
    assert!(front::blocks_of(base.trim_matches('-').trim_start()).is_none());
    let ours = "---\nrole: &r CTO\ntitle: *r\nname: Jane\n---\n";
    let theirs = "---\nrole: &r CEO\ntitle: *r\nname: J\n---\n";
    assert_eq!(merged(base, ours, theirs), ("---\nrole: &r CEO\ntitle: *r\nname: Jane\n---\n".into(), false));
}

#[test]
fn a_generated_page_resolves_to_ours() {
    let page = |day: &str| {
        format!("# Touchbase\n\n_Generated for {day} by `touchbase index`. Edits are overwritten._\n")
    };
    let (text, conflicts) = merged(&page("2026-11-01"), &page("2026-11-26"), &page("2026-11-25"));
    assert_eq!((text, conflicts), (page("2026-11-26"), false));
}

#[test]
fn both_added_the_same_contact() {
    let ours = "---\nname: A\ntags: [golf]\n---\n## Log\n- 2026-11-26: call\n";
    let theirs = "---\nname: A\ntags: [y]\n---\n## Log\n- 2026-11-25: mail\n";
    // `y` is quoted as every writer quotes it: YAML 1.1 reads a bare `y` as true.
    assert_eq!(
        merged("", ours, theirs).0,
        "---\nname: A\ntags: [golf, 'y']\n---\n## Log\n- 2026-11-26: call\n- 2026-11-25: mail\n"
    );
}

fn contact_text() -> impl Strategy<Value = String> {
    // Few days and words, so that equal entries (on one side, on both) are common.
    let entry = (2025u32..2027, 1u32..3, 1u32..3, prop::sample::select(vec!["call", "lunch", "call  "]))
        .prop_map(|(y, m, d, t)| format!("- {y}-{m:02}-{d:02}: {t}"));
    (
        prop::bool::ANY,
        prop::bool::ANY,
        "[a-zA-Z #:]{0,20}",
        prop::collection::vec(entry, 0..5),
        "[a-z\n]{0,20}",
        prop::sample::select(vec!["", "\n", "\n\n"]),
        prop::bool::ANY,
    )
        .prop_map(|(bom, crlf, note, entries, tail, gap, headings)| {
            // Entries as list items, or as dated headings with a paragraph each.
            let entries: Vec<String> = if headings {
                entries.iter().map(|e| format!("### {}\n\nmore", &e[2..])).collect()
            } else {
                entries
            };
            let text = format!(
                "---\nname: Jane # x\ntags: [a, b]\nrole: '{}'\n---\n{note}\n\n## Log\n{}\n{tail}",
                note.replace('\'', ""),
                entries.join(&format!("\n{gap}"))
            );
            let text = if crlf { text.replace('\n', "\r\n") } else { text };
            if bom {
                format!("\u{feff}{text}")
            } else {
                text
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// The merge by meaning itself (not only `merge`'s shortcut) gives OURS back when THEIRS
    /// changed nothing, and when both sides are one file.
    #[test]
    fn merging_with_an_unchanged_side_returns_ours(ours in contact_text(), base in contact_text()) {
        for (b, t) in [(base.as_str(), base.as_str()), (ours.as_str(), ours.as_str())] {
            if let Some(m) = contact(b, &ours, t).unwrap() {
                prop_assert!(!m.conflicts);
                prop_assert_eq!(String::from_utf8(m.bytes).unwrap(), ours.clone());
            }
            let m = merge(b.as_bytes(), ours.as_bytes(), t.as_bytes()).unwrap();
            prop_assert_eq!(m.bytes, ours.as_bytes().to_vec());
        }
    }

    /// The feature itself: what `log` adds on each side is all in the merge, each entry as
    /// often as the side that has it more often, with no conflict.
    #[test]
    fn every_entry_logged_on_either_side_is_merged(
        base in contact_text(),
        ours_new in prop::collection::vec(new_entry(), 0..4),
        theirs_new in prop::collection::vec(new_entry(), 0..4),
    ) {
        let logged = |entries: &[(NaiveDate, &str)]| {
            entries.iter().try_fold(base.clone(), |text, (date, message)| append_log(&text, *date, message)).ok()
        };
        let (Some(ours), Some(theirs)) = (logged(&ours_new), logged(&theirs_new)) else { return Ok(()) };
        let m = merge(base.as_bytes(), ours.as_bytes(), theirs.as_bytes()).unwrap();
        prop_assert!(!m.conflicts, "{}", String::from_utf8_lossy(&m.bytes));
        let text = String::from_utf8(m.bytes).unwrap();
        let (o, t, merged) = (entries(&ours), entries(&theirs), entries(&text));
        for entry in o.iter().chain(&t) {
            let count = |list: &[(NaiveDate, String)]| list.iter().filter(|e| *e == entry).count();
            prop_assert_eq!(count(&merged), count(&o).max(count(&t)), "{:?} in\n{}", entry, text);
        }
    }
    /// Keys changed on different sides (with the real `set_key` edit) all reach the merge, with
    /// no conflict, and the keys nobody changed keep their lines (comments included).
    #[test]
    fn keys_changed_on_different_sides_all_merge(
        changes in prop::collection::vec((0usize..5, prop::bool::ANY, "[a-z]{1,6}"), 0..6),
    ) {
        const KEYS: [&str; 5] = ["name", "company", "role", "city", "title"];
        let base = "---\nname: Jane # her name\ncompany: Acme\n# a comment\nrole: CTO\ncity: Oslo\ntitle: Dr\n---\nNotes.\n";
        let (mut ours, mut theirs) = (base.to_string(), base.to_string());
        let mut expected: Vec<Option<String>> = vec![None; KEYS.len()];
        for (key, ours_side, value) in &changes {
            // A key belongs to the side that changed it first; the other leaves it alone.
            let side_is_ours = *key % 2 == 0;
            if *ours_side != side_is_ours {
                continue;
            }
            let text = if side_is_ours { &mut ours } else { &mut theirs };
            *text = crate::write::edit::set_key(text, KEYS[*key], value).unwrap();
            expected[*key] = Some(value.clone());
        }
        let m = merge(base.as_bytes(), ours.as_bytes(), theirs.as_bytes()).unwrap();
        prop_assert!(!m.conflicts);
        let text = String::from_utf8(m.bytes).unwrap();
        for (i, key) in KEYS.iter().enumerate() {
            let value = crate::write::edit::key_value(&text, key).unwrap();
            let base_value = crate::write::edit::key_value(base, key).unwrap();
            prop_assert_eq!(value, expected[i].clone().or(base_value), "{} in\n{}", key, text);
        }
        prop_assert!(text.contains("\n# a comment\n") && text.ends_with("---\nNotes.\n"), "{}", text);
        if expected[0].is_none() {
            prop_assert!(text.contains("name: Jane # her name\n"), "{}", text);
        }
    }
}

fn new_entry() -> impl Strategy<Value = (NaiveDate, &'static str)> {
    (1u32..3, prop::sample::select(vec!["call", "demo", "lunch"]))
        .prop_map(|(d, m)| (NaiveDate::from_ymd_opt(2026, 2, d).unwrap_or_default(), m))
}

/// A file's interactions as the parser reads them.
fn entries(text: &str) -> Vec<(NaiveDate, String)> {
    let body = match frontmatter::split(text) {
        Shape::Contact(split) => split.body,
        _ => text,
    };
    crate::contact::body::parse(body).interactions.into_iter().map(|i| (i.date, i.summary)).collect()
}
