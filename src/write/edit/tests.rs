use super::*;
use chrono::NaiveDate;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn replaces_a_value_and_nothing_else() {
    let text =
        "---\nname: Jane   # the boss\nlast_contact: 2026-10-02  # met at QBR\ntags: [a, b]\n---\nbody\n";
    let out = set_key(text, "last_contact", "2026-11-26").unwrap();
    assert_eq!(
        out,
        "---\nname: Jane   # the boss\nlast_contact: 2026-11-26  # met at QBR\ntags: [a, b]\n---\nbody\n"
    );
}

#[test]
fn keeps_quotes_crlf_and_bom() {
    let text = "\u{feff}---\r\nname: Jane\r\nlast_contact: \"2026-10-02\"\r\n---\r\nbody";
    let out = set_key(text, "last_contact", "2026-11-26").unwrap();
    assert_eq!(out, "\u{feff}---\r\nname: Jane\r\nlast_contact: \"2026-11-26\"\r\n---\r\nbody");
    let out = set_key(text, "snooze_until", "2026-12-15").unwrap();
    assert_eq!(out, "\u{feff}---\r\nname: Jane\r\nlast_contact: \"2026-10-02\"\r\nsnooze_until: 2026-12-15\r\n---\r\nbody");
}

#[test]
fn fills_empty_values_and_empty_front_matter() {
    assert_eq!(
        set_key("---\nlast_contact:   # fill in\n---\n", "last_contact", "2026-11-26").unwrap(),
        "---\nlast_contact:   2026-11-26 # fill in\n---\n"
    );
    assert_eq!(
        set_key("---\nbirthday:\n---\n", "birthday", "1980-01-01").unwrap(),
        "---\nbirthday: 1980-01-01\n---\n"
    );
    assert_eq!(set_key("---\n---\n", "name", "Jane").unwrap(), "---\nname: Jane\n---\n");
    assert_eq!(set_key("---\ntags: []\n---\n", "tags", "[a, b]").unwrap(), "---\ntags: [a, b]\n---\n");
    assert_eq!(set_key("---\ntags: [ ] # x\n---\n", "tags", "[a]").unwrap(), "---\ntags: [a] # x\n---\n");
}

#[test]
fn refuses_what_it_cannot_edit_safely() {
    let cases = [
        "---\nlast_contact: [2026-10-02]\n---\n",
        "---\nlast_contact: {a: 1}\n---\n",
        "---\nlast_contact: &d 2026-10-02\n---\n",
        "---\nlast_contact: |\n  2026-10-02\n---\n",
        "---\nlast_contact:\n  - 2026-10-02\n---\n",
        "---\nlast_contact: 2026-10-02\nlast_contact: 2026-10-03\n---\n",
        "---\nlast_contact: \"unterminated\n---\n",
        "---\nlast_contact: first line\n  continued\n---\n",
        "no front matter\n",
    ];
    for text in cases {
        assert!(set_key(text, "last_contact", "2026-11-26").is_err(), "{text:?}");
    }
}

#[test]
fn a_flow_list_is_replaced_only_as_a_list() {
    let text = "---\ntags: [vip]   # mine\r\n---\n";
    assert!(set_key(text, "tags", "[vip, golf]").is_err());
    assert_eq!(set_list(text, "tags", "[vip, golf]").unwrap(), "---\ntags: [vip, golf]   # mine\r\n---\n");
    assert!(set_list("---\ntags: [[a], b]\n---\n", "tags", "[c]").is_err());
    assert!(set_list("---\ntags: [a,\n  b]\n---\n", "tags", "[c]").is_err());
}

#[test]
fn keys_match_case_insensitively() {
    let text = "---\nLast_Contact: 2026-10-02\n---\n";
    assert_eq!(set_key(text, "last_contact", "2026-11-26").unwrap(), "---\nLast_Contact: 2026-11-26\n---\n");
}

#[test]
fn removes_a_line() {
    let text = "---\nname: A\nsnooze_until: 2026-12-01 # back from leave\ncadence: weekly\n---\n";
    assert_eq!(remove_key(text, "snooze_until").unwrap(), "---\nname: A\ncadence: weekly\n---\n");
    assert_eq!(remove_key(text, "missing").unwrap(), text);
}

#[test]
fn log_keeps_newest_first() {
    let text = "---\nname: A\n---\nNotes.\n\n## Log\n- 2026-10-02: lunch\n- 2026-09-14 call\n\n## Other\n";
    let out = append_log(text, d("2026-11-26"), "coffee").unwrap();
    assert_eq!(out, "---\nname: A\n---\nNotes.\n\n## Log\n- 2026-11-26: coffee\n- 2026-10-02: lunch\n- 2026-09-14 call\n\n## Other\n");
    let out = append_log(text, d("2026-10-01"), "between").unwrap();
    assert!(out.contains("- 2026-10-02: lunch\n- 2026-10-01: between\n- 2026-09-14 call\n"), "{out}");
    let out = append_log(text, d("2026-01-01"), "oldest").unwrap();
    assert!(out.contains("- 2026-09-14 call\n- 2026-01-01: oldest\n\n## Other\n"), "{out}");
}

#[test]
fn log_keeps_oldest_first_bullets_and_indentation() {
    let text = "---\n---\n## Log\n  * 2026-09-14 call\n  * 2026-10-02: lunch\n";
    let out = append_log(text, d("2026-11-26"), "coffee").unwrap();
    assert_eq!(out, "---\n---\n## Log\n  * 2026-09-14 call\n  * 2026-10-02: lunch\n  * 2026-11-26: coffee\n");
    let no_newline = "---\n---\n## Log\n- 2026-09-14 call\n- 2026-10-02 lunch";
    let out = append_log(no_newline, d("2026-11-26"), "coffee").unwrap();
    assert_eq!(out, "---\n---\n## Log\n- 2026-09-14 call\n- 2026-10-02 lunch\n- 2026-11-26: coffee");
}

#[test]
fn log_section_is_created_when_missing() {
    let out = append_log("---\nname: A\n---\nNotes.\n", d("2026-11-26"), "coffee").unwrap();
    assert_eq!(out, "---\nname: A\n---\nNotes.\n\n## Log\n\n- 2026-11-26: coffee\n");
    let out = append_log("---\r\nname: A\r\n---\r\n", d("2026-11-26"), "coffee").unwrap();
    assert_eq!(out, "---\r\nname: A\r\n---\r\n## Log\r\n\r\n- 2026-11-26: coffee\r\n");
    let out = append_log("---\nname: A\n---\nNotes.", d("2026-11-26"), "coffee").unwrap();
    assert_eq!(out, "---\nname: A\n---\nNotes.\n\n## Log\n\n- 2026-11-26: coffee");
    let out =
        append_log("---\nname: A\n---\n## Log\n\nNothing yet.\n\n# Next\n", d("2026-11-26"), "x").unwrap();
    assert_eq!(out, "---\nname: A\n---\n## Log\n\nNothing yet.\n\n- 2026-11-26: x\n\n# Next\n");
    let ordered = "---\n---\n## Log\n1. 2026-09-14 call\n2. 2026-10-02 lunch\n";
    let out = append_log(ordered, d("2026-11-26"), "coffee").unwrap();
    assert_eq!(out, "---\n---\n## Log\n1. 2026-09-14 call\n2. 2026-10-02 lunch\n1. 2026-11-26: coffee\n");
    let out = append_log("---\nname: H\n---\n\n## Log", d("2026-11-26"), "hi").unwrap();
    assert_eq!(out, "---\nname: H\n---\n\n## Log\n- 2026-11-26: hi");
}

#[test]
fn only_a_top_level_log_heading_is_the_log_section() {
    // Quoted, or inside a list item: text about a log, not the Log section. `log` starts one.
    let quoted = "---\nname: A\n---\n> ## Log\n> - 2020-01-01 x\n";
    let out = append_log(quoted, d("2026-11-26"), "coffee").unwrap();
    assert_eq!(out, format!("{quoted}\n## Log\n\n- 2026-11-26: coffee\n"));
    let in_item = "---\nname: A\n---\n- notes\n  ## Log\n  - 2020-01-01 x\n";
    let out = append_log(in_item, d("2026-11-26"), "coffee").unwrap();
    assert_eq!(out, format!("{in_item}\n## Log\n\n- 2026-11-26: coffee\n"));
    // A top-level one after them is found.
    let both = "---\nname: A\n---\n> ## Log\n\n## Log\n\n- 2020-01-01 x\n";
    let out = append_log(both, d("2026-11-26"), "coffee").unwrap();
    assert_eq!(out, "---\nname: A\n---\n> ## Log\n\n## Log\n\n- 2026-11-26: coffee\n- 2020-01-01 x\n");
}

#[test]
fn log_ignores_code_blocks_and_messages_stay_on_one_line() {
    let text = "---\n---\n```\n## Log\n```\n";
    let out = append_log(text, d("2026-11-26"), "two\nlines").unwrap();
    assert!(out.ends_with("```\n## Log\n```\n\n## Log\n\n- 2026-11-26: two lines\n"), "{out:?}");
    assert!(append_log(text, d("2026-11-26"), "  ").is_err());
}

#[test]
fn scalars_are_quoted_when_needed() {
    assert_eq!(yaml_scalar("Acme Corp"), "Acme Corp");
    assert_eq!(yaml_scalar("Acme: Inc"), "'Acme: Inc'");
    assert_eq!(yaml_scalar("@handle"), "'@handle'");
    assert_eq!(yaml_list(&["a".into(), "b c".into()]), "[a, b c]");
    assert_eq!(yaml_list(&["Smith, Jones".into(), "[x]".into()]), r#"["Smith, Jones", '[x]']"#);
}

// Property tests: random front matter shapes and bodies; an edit changes exactly the intended
// line and leaves every other byte where it was.

fn key_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("name: Jane Doe".to_string()),
        Just("company: \"Acme, Inc.\"  # quoted".to_string()),
        Just("tags: [customer, golf]".to_string()),
        Just("# a comment line".to_string()),
        Just("role: 'VP'".to_string()),
        Just("family:\n  - {name: Emma, birthday: 2008-05-14}".to_string()),
        Just("interests:\n  - golf\n  - Red Sox".to_string()),
        Just("cadence: monthly   ".to_string()),
        Just("custom key: value with trailing spaces   ".to_string()),
    ]
}

fn body_shape() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Notes about Jane.\n".to_string()),
        Just("## Log\n- 2026-10-02: lunch\n- 2026-09-14 call\n".to_string()),
        Just("## Log\n\n- 2025-01-01 first\n- 2025-06-01 second\n\n## After\ntext\n".to_string()),
        Just(
            "# Jane\n\n```\n## Log\n```\n\n## Log\n* 2026-01-01 a\n  * nested 2026-01-02\n* 2026-02-01 b\n"
                .to_string()
        ),
        Just("> quote\n\n## log\n\nno list yet\n".to_string()),
    ]
}

fn file() -> impl Strategy<Value = (String, bool)> {
    (
        prop::collection::vec(key_line(), 0..6),
        prop::option::of(prop_oneof![
            Just("last_contact: 2026-01-05".to_string()),
            Just("last_contact: \"2026-01-05\" # q".to_string()),
            Just("last_contact:".to_string())
        ]),
        0usize..7,
        body_shape(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(mut keys, last, at, body, crlf, bom, final_newline)| {
            if let Some(last) = last {
                keys.insert(at.min(keys.len()), last);
            }
            let mut text = format!("---\n{}\n---\n{body}", keys.join("\n"));
            if keys.is_empty() {
                text = format!("---\n---\n{body}");
            }
            if !final_newline {
                while text.ends_with('\n') {
                    text.pop();
                }
            }
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            if bom {
                text.insert(0, '\u{feff}');
            }
            (text, crlf)
        })
}

/// The lines of `a` and `b` differ only by `added` lines inserted and `changed` lines replaced.
fn diff_counts(a: &str, b: &str) -> (usize, usize) {
    let a: Vec<&str> = a.split_inclusive('\n').collect();
    let b: Vec<&str> = b.split_inclusive('\n').collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let suffix = suffix.min(a.len() - prefix).min(b.len() - prefix);
    (a.len() - prefix - suffix, b.len() - prefix - suffix)
}

proptest! {
    #[test]
    fn set_key_changes_one_line((text, crlf) in file()) {
        // Generated front matter may repeat a key; such files are not contacts to begin with.
        let Shape::Contact(original) = crate::contact::frontmatter::split(&text) else { unreachable!() };
        prop_assume!(crate::contact::frontmatter::parse(&original).is_ok());
        if let Ok(out) = set_key(&text, "last_contact", "2026-11-26") {
            let (removed, added) = diff_counts(&text, &out);
            prop_assert!(removed <= 1 && added == 1, "removed {removed} added {added}\n{text:?}\n{out:?}");
            prop_assert!(out.contains("2026-11-26"));
            prop_assert_eq!(out.starts_with('\u{feff}'), text.starts_with('\u{feff}'));
            if crlf {
                prop_assert!(!out.replace("\r\n", "").contains('\n'), "LF crept into a CRLF file: {out:?}");
            }
            let parsed = crate::contact::frontmatter::split(&out);
            if let Shape::Contact(split) = parsed {
                let map = crate::contact::frontmatter::parse(&split).unwrap();
                let value = map.get("last_contact").and_then(|v| v.as_str()).unwrap();
                prop_assert_eq!(value, "2026-11-26");
            } else {
                prop_assert!(false, "front matter lost");
            }
        }
    }

    #[test]
    fn append_log_only_adds_lines((text, crlf) in file()) {
        let out = append_log(&text, d("2026-11-26"), "coffee with Jane").unwrap();
        let (removed, added) = diff_counts(&text, &out);
        // A file without a final newline gets one on its old last line.
        let last_line_fixed = !text.ends_with('\n') && !text.is_empty();
        prop_assert!(removed <= usize::from(last_line_fixed), "removed {removed}\n{text:?}\n{out:?}");
        prop_assert!((1..=5).contains(&added), "added {added}\n{text:?}\n{out:?}");
        prop_assert!(out.contains("2026-11-26: coffee with Jane"));
        if crlf {
            prop_assert!(!out.replace("\r\n", "").contains('\n'), "LF crept into a CRLF file: {out:?}");
        }
        let body = crate::contact::frontmatter::split(&out);
        let Shape::Contact(split) = body else { return Err(TestCaseError::fail("front matter lost")) };
        let parsed = crate::contact::body::parse(split.body);
        prop_assert!(parsed.interactions.iter().any(|i| i.date == d("2026-11-26") && i.summary == "coffee with Jane"));
    }

    #[test]
    fn remove_then_set_round_trips((text, _crlf) in file()) {
        if let Ok(Some(_)) = key_value(&text, "last_contact") {
            let removed = remove_key(&text, "last_contact").unwrap();
            let (r, a) = diff_counts(&text, &removed);
            prop_assert_eq!((r, a), (1, 0));
        }
    }
}

#[test]
fn appends_to_a_block_list_and_nothing_else() {
    let text = "\u{feff}---\r\nname: Ann\r\nemail:   # both work\r\n  - ann@a.example\r\n  # old: ann@b.example\r\n  - ann@c.example\r\ntags: [x]\r\n---\r\nbody\r\n";
    let out = append_block_list(text, "email", &["ann@d.example".into(), "no".into()]).unwrap();
    assert_eq!(
        out,
        "\u{feff}---\r\nname: Ann\r\nemail:   # both work\r\n  - ann@a.example\r\n  # old: ann@b.example\r\n  - ann@c.example\r\n  - ann@d.example\r\n  - 'no'\r\ntags: [x]\r\n---\r\nbody\r\n"
    );
    // Unindented items, the list last in the front matter.
    let text = "---\ntags:\n- a\n- b\n---\n";
    assert_eq!(append_block_list(text, "tags", &["c".into()]).unwrap(), "---\ntags:\n- a\n- b\n- c\n---\n");
}

#[test]
fn refuses_what_is_not_a_block_list_of_plain_items() {
    for text in [
        "---\ntags: [a]\n---\n",
        "---\ntags:\n---\n",
        "---\ntags:\n  - a\ntags:\n  - b\n---\n",
        "---\nname: x\n---\n",
    ] {
        assert!(append_block_list(text, "tags", &["z".into()]).is_err(), "{text:?}");
    }
}

proptest! {
    /// Appending keeps every byte before the insertion and reads back as the old list plus the
    /// new items, whatever the items, the indent and the line ending.
    #[test]
    fn block_list_appends_read_back(
        old in proptest::collection::vec("[a-zA-Z0-9@._ -]{1,12}", 1..5),
        new in proptest::collection::vec("[a-zA-Z0-9@._:#'\" -]{1,12}", 1..4),
        indent in proptest::sample::select(vec!["", "  ", "    "]),
        crlf in proptest::bool::ANY,
    ) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let items: String = old.iter().fold(String::new(), |mut out, i| {
            out.push_str(&format!("{indent}- {}{eol}", yaml_scalar(i)));
            out
        });
        let text = format!("---{eol}email:{eol}{items}name: Ann{eol}---{eol}body{eol}");
        let new_items: Vec<String> = new.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        prop_assume!(!new_items.is_empty());
        let out = append_block_list(&text, "email", &new_items).unwrap();
        let head = format!("---{eol}email:{eol}{items}");
        prop_assert!(out.starts_with(&head));
        let tail = format!("name: Ann{eol}---{eol}body{eol}");
        prop_assert!(out.ends_with(&tail));
        let crate::contact::frontmatter::Shape::Contact(split) = crate::contact::frontmatter::split(&out) else {
            panic!("{out}")
        };
        let map = crate::contact::frontmatter::parse(&split).unwrap();
        let got: Vec<String> = map.get("email").and_then(|v| v.as_sequence()).unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
        let mut want = old.clone();
        want.extend(new_items);
        prop_assert_eq!(got, want);
    }
}
