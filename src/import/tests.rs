//! Unit tests of the import readers: text cleaning, notes in and out of a body, YAML
//! entries, UTF-16, and vCard reading (folding, escapes, quoted-printable, labels, broken cards).

use super::*;
use crate::contact::PartialDate;

#[test]
fn notes_survive_the_body_round_trip() {
    let notes = "First line\n## Log\n- 2020-01-01 not a heading\n\n#golf fan\n   # spaced";
    let body = format!("\n## Notes\n\n{}\n\n## Log\n\n- 2026-01-01: lunch\n", notes_to_body(notes));
    assert!(!body.contains("\n## Log\n- 2020"));
    assert_eq!(body_notes(&body), notes.replace("   # spaced", "# spaced"));
    let body =
        "Intro\n\n```\n## Log\n```\n\n## Log\n- 2026-01-01 x\n\n### Later\nstill log\n\n# Other\nkept\n";
    assert_eq!(body_notes(body), "Intro\n\n```\n## Log\n```\n\n# Other\nkept");
}

/// A body as import writes it around `notes`, and what the contact reader makes of it.
fn imported(notes: &str) -> (String, crate::contact::body::Body) {
    let body = format!("\n## Notes\n\n{}\n\n## Log\n", notes_to_body(notes));
    let parsed = crate::contact::body::parse(&body);
    (body, parsed)
}

#[test]
fn dated_list_items_in_notes_are_escaped() {
    let notes = "- 2020-01-01 met\n* 2020-02-02 second\n+ 2020-03-03 third\n1. 2020-04-04 ordered\n\
                 2) 2020-05-05 paren\n- [ ] 2020-06-06 task\n- [x] 2020-07-07 done\n  - 2020-08-08 nested\n\
                 - **2020-09-09** bold\n- 2026-13-45 bad date\n-\n  2020-10-10 on the next line";
    let (body, parsed) = imported(notes);
    assert_eq!(parsed.interactions, [], "{body}");
    assert_eq!(parsed.problems, [], "{body}");
    assert!(body.contains("\n\\- 2020-01-01 met\n\\* 2020-02-02 second\n\\+ 2020-03-03 third\n"), "{body}");
    assert!(body.contains("\n1\\. 2020-04-04 ordered\n2\\) 2020-05-05 paren\n\\- [ ] 2020-06-06"), "{body}");
    assert!(body.contains("\n  \\- 2020-08-08 nested\n"), "{body}");
    // Undated items, quotes, code and plain dated lines stay as they are.
    let plain = "- milk\n- eggs\n\n> - 2020-01-01 quoted\n\n```\n- 2020-01-01 code\n```\n\n2020-01-01 a line";
    assert_eq!(notes_to_body(plain), plain);
    // Back out, as written.
    assert_eq!(body_notes(&body), notes);
}

#[test]
fn setext_headings_in_notes_are_escaped() {
    let notes = "Log\n---\n- x\n\n2020-01-01 met\n===\n\n---\n";
    let (body, parsed) = imported(notes.trim_end());
    assert_eq!(parsed.interactions, [], "{body}");
    let headings: Vec<String> =
        crate::contact::body::top_level_headings(&body).into_iter().map(|h| h.title).collect();
    assert_eq!(headings, ["Notes", "Log"], "{body}");
    assert_eq!(body_notes(&body), notes.trim_end());
}

proptest::proptest! {
    #[test]
    fn imported_notes_hold_no_interaction_and_no_heading(
        parts in proptest::collection::vec(proptest::sample::select(vec![
            "- ", "* ", "+ ", "1. ", "2) ", "[ ] ", "[x] ", "2020-01-01", "2026-13-45", " met", "**", "`",
            "\n", "\n", "\n\n", "  ", "    ", "> ", "# ", "## Log", "Log", "---", "===", "-", "```", "~~~",
            "<!-- ", " -->", "\t", "\\", "x",
        ]), 0..40)
    ) {
        let notes = multi_line(&parts.concat());
        let (body, parsed) = imported(&notes);
        proptest::prop_assert!(parsed.interactions.is_empty(), "{body:?}");
        proptest::prop_assert!(parsed.problems.is_empty(), "{body:?}");
        let headings: Vec<String> =
            crate::contact::body::top_level_headings(&body).into_iter().map(|h| h.title).collect();
        proptest::prop_assert_eq!(headings, ["Notes", "Log"], "{:?}", body);
    }
}

#[test]
fn notes_that_would_swallow_the_log_section_are_fenced() {
    for notes in ["```\n- 2020-01-01 in code", "<!-- a comment that never ends", "~~~", "x\n````` y"] {
        let (body, _) = imported(notes);
        let headings: Vec<String> =
            crate::contact::body::top_level_headings(&body).into_iter().map(|h| h.title).collect();
        assert_eq!(headings, ["Notes", "Log"], "{body}");
    }
    assert_eq!(notes_to_body("<!-- open"), "```\n<!-- open\n```");
}

#[test]
fn the_notes_leave_out_what_log_writes_to() {
    // A heading inside a quote ends the Log section for `log`, which writes before that line
    // (`write::edit::append_log`): the notes keep the line, as one finder says for both.
    let body = "Intro\n\n## Log\n- 2026-01-01 x\n> ## Quote\n> q\n";
    assert_eq!(body_notes(body), "Intro\n\n> ## Quote\n> q");
    let text = format!("---\n---\n{body}");
    let date = chrono::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
    let logged = crate::write::edit::append_log(&text, date, "call").unwrap();
    assert!(logged.contains("## Log\n- 2026-02-01: call\n- 2026-01-01 x\n> ## Quote"), "{logged}");
}

#[test]
fn only_a_top_level_log_heading_is_left_out_of_the_notes() {
    // Inside a list item or a quote, `## Log` is part of the notes, as `log` sees it.
    let body =
        "## Notes\n\n- trip\n  ## Log\n  - 2020-01-01 x\n\n> ## Log\n> quoted\n\n## Log\n\n- 2026-01-01 y\n";
    assert_eq!(body_notes(body), "- trip\n  ## Log\n  - 2020-01-01 x\n\n> ## Log\n> quoted");
    // A setext heading is a heading too.
    assert_eq!(body_notes("Kept\n\nLog\n---\n- 2026-01-01 y\n\nNotes\n=====\nmore\n"), "Kept\n\nmore");
}

#[test]
fn text_cleaning() {
    assert_eq!(one_line("  a\tb\r\nc\u{7}d  "), "a b c d");
    assert_eq!(multi_line("\r\n a \r\nb\x1b[31m\n\n"), " a\nb[31m");
    let mut list = vec!["A@x.example".to_string()];
    push_unique(&mut list, "a@x.example");
    push_unique(&mut list, " ");
    assert_eq!(list.len(), 1);
}

#[test]
fn entries_in_file_order() {
    let record = Record {
        name: "Jane".into(),
        emails: vec!["a@x.example".into(), "b@x.example".into()],
        phones: vec!["+41791234567".into()],
        birthday: Some(PartialDate { year: None, month: 3, day: 26 }),
        dates: vec![("work start".into(), PartialDate { year: Some(2019), month: 6, day: 1 })],
        ..Record::default()
    };
    let entries = record.entries(&["imported".to_string()]);
    let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["name", "email", "phone", "birthday", "dates", "tags"]);
    assert_eq!(entries[1].yaml, "[a@x.example, b@x.example]");
    assert_eq!(entries[2].yaml, "'+41791234567'");
    assert_eq!(entries[4].yaml, "{work start: 2019-06-01}");
    assert_eq!(entries[5].yaml, "[imported]");
    let items = ["1 Main St, Town".to_string(), "a: b".to_string(), "x".to_string(), "it's".to_string()];
    let yaml = crate::write::edit::yaml_list(&items);
    assert_eq!(yaml, r#"["1 Main St, Town", 'a: b', x, it's]"#);
    let parsed: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
    assert_eq!(parsed, serde_yaml::to_value(&items).unwrap());
}

#[test]
fn utf16_files_are_read() {
    let text = "BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n";
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let parsed = parse(&bytes, Some("vcf")).unwrap();
    assert_eq!(parsed.records[0].name, "Zoë");
    let mut bytes = vec![0xfe, 0xff];
    bytes.extend("Name,Email\nZoë,z@x.example\n".encode_utf16().flat_map(u16::to_be_bytes));
    let parsed = parse(&bytes, Some("csv")).unwrap();
    assert_eq!(parsed.records[0].emails, ["z@x.example"]);
}

// vCard reading: folding, escapes, quoted-printable, dates, broken cards.
fn card(text: &str) -> (Record, Vec<Problem>) {
    one_bytes(text.as_bytes())
}

fn one_bytes(bytes: &[u8]) -> (Record, Vec<Problem>) {
    let (mut records, problems) = vcard::parse(bytes);
    assert_eq!(records.len(), 1, "{problems:?}");
    (records.remove(0), problems)
}

#[test]
fn folding_escapes_and_structured_values() {
    let (r, problems) = card(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Doe\\, Jane\r\nORG:ABC\\, Inc.;North;\r\n  Sales\r\n\
         NOTE:line one\\nline\r\n  two \\; end\r\nURL:http\\://x.example\r\nEND:VCARD\r\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(r.name, "Doe, Jane");
    assert_eq!(r.company.as_deref(), Some("ABC, Inc."));
    assert_eq!(r.department.as_deref(), Some("North / Sales"));
    assert_eq!(r.notes, ["line one\nline two ; end"]);
    assert_eq!(r.urls, ["http://x.example"]);
}

#[test]
fn quoted_printable_soft_breaks_and_charsets() {
    let (r, _) = one_bytes(
        b"BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=C3=\n=91;Jos=C3=A9;;;\n\
         NOTE;QUOTED-PRINTABLE:a=0D=0A=\nb\nORG;CHARSET=ISO-8859-1:Caf\xe9\nEND:VCARD\n",
    );
    assert_eq!(r.name, "José ÑÑ");
    assert_eq!(r.notes, ["a\nb"]);
    assert_eq!(r.company.as_deref(), Some("Café"));
}

#[test]
fn dates_and_labels() {
    let (r, problems) = card(
        "BEGIN:VCARD\nFN:A\nBDAY;X-APPLE-OMIT-YEAR=1604;VALUE=DATE:16040105\n\
         item1.X-ABDATE:20190220T000035\nitem1.X-ABLabel:_$!<Anniversary>!$_\n\
         item2.X-ABDate:2021-07-29\nitem2.X-ABLabel:Custom Date\nEND:VCARD\n",
    );
    assert!(problems.is_empty());
    assert_eq!(r.birthday.map(|d| d.to_string()).as_deref(), Some("--01-05"));
    assert_eq!(r.anniversary.map(|d| d.to_string()).as_deref(), Some("2019-02-20"));
    assert_eq!(r.dates.len(), 1);
    let (r, problems) = card("BEGIN:VCARD\nFN:B\nBDAY;VALUE=text:circa 1800\nEND:VCARD\n");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 3);
    assert_eq!(r.notes, ["Birthday: circa 1800"]);
}

#[test]
fn broken_cards_are_reported_and_the_rest_read() {
    let text = "garbage\n\x00\x01\nBEGIN:VCARD\nFN:No End\nBEGIN:VCARD\nFN:Good\nnonsense line\nEND:VCARD\n\
                BEGIN:VCARD\nEMAIL:\nEND:VCARD\nBEGIN:VCARD\nFN:Cut";
    let (records, problems) = vcard::parse(text.as_bytes());
    // The card without END:VCARD is kept, ended where the next one begins (issue 14 part 5).
    assert_eq!(records.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["No End", "Good"]);
    let mut lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
    lines.sort_unstable();
    assert_eq!(lines, [1, 3, 7, 9, 12], "{problems:?}");
    let recovered = problems.iter().find(|p| p.line == 3).unwrap();
    assert_eq!(recovered.level(), crate::report::import::Level::Recovered);
    assert!(recovered.message.starts_with("card \"No End\" has no END:VCARD"), "{recovered:?}");
}

// Issue 14 part 2: charsets.

#[test]
fn charset_parameters_are_honoured_with_encoding_rs() {
    // FN;CHARSET=SHIFT_JIS:安藤 (0x88 0xC0 0x93 0xA1) was read as Latin-1: `À ¡`.
    let (r, problems) =
        one_bytes(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=SHIFT_JIS:\x88\xc0\x93\xa1\r\nEND:VCARD\r\n");
    assert_eq!(r.name, "安藤");
    assert!(problems.is_empty(), "{problems:?}");
    // windows-1251 and GB2312 (GBK), 8-bit and quoted-printable.
    let (r, _) = one_bytes(b"BEGIN:VCARD\nFN;CHARSET=windows-1251:\xc8\xe2\xe0\xed\nORG;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:=CD=F5\nEND:VCARD\n");
    assert_eq!((r.name.as_str(), r.company.as_deref()), ("Иван", Some("王")));
    // ISO-8859-1 and windows-1252 are windows-1252: 0x92 is ’ and =80 is €, not dropped.
    let (r, _) =
        one_bytes(b"BEGIN:VCARD\nFN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:O=92Brien =80\nEND:VCARD\n");
    assert_eq!(r.name, "O’Brien €");
}

#[test]
fn unlabelled_8_bit_text_is_windows_1252_or_the_cards_own_charset() {
    let (r, _) = one_bytes(b"BEGIN:VCARD\nFN:Zo\xeb \x93Zed\x94 D\x92Arcy\nEND:VCARD\n");
    assert_eq!(r.name, "Zoë “Zed” D’Arcy");
    // A phone that labels N but not NOTE: the NOTE is in the card's Shift_JIS too.
    let (r, _) = one_bytes(
        b"BEGIN:VCARD\nN;CHARSET=SHIFT_JIS:\x88\xc0\x93\xa1;;;;\nNOTE:\x88\xc0\x93\xa1\nEND:VCARD\n",
    );
    assert_eq!(r.notes, ["安藤"]);
    // A CSV without a BOM: a line that is not UTF-8 is windows-1252, the others UTF-8.
    let parsed =
        parse(b"Name,Notes\nJos\xc3\xa9,ok\nSi\xe2n O\x92Neill,\x80 5 \x96 \x93x\x94\n", Some("csv"))
            .unwrap();
    assert_eq!(parsed.records[0].name, "José");
    assert_eq!(parsed.records[1].name, "Siân O’Neill");
    assert_eq!(parsed.records[1].notes, ["€ 5 – “x”"]);
}

#[test]
fn a_trail_byte_like_a_backslash_does_not_escape_the_separator() {
    // `ソ` is 0x83 0x5C in Shift_JIS: splitting the bytes on `;` first ate the separator.
    let (r, _) =
        one_bytes(b"BEGIN:VCARD\nFN:X\nORG;CHARSET=SHIFT_JIS:\x83\x5c;\x89\x63\x8b\xc6\nEND:VCARD\n");
    assert_eq!((r.company.as_deref(), r.department.as_deref()), (Some("ソ"), Some("営業")));
}

#[test]
fn utf16_without_a_bom_is_detected_by_its_nuls() {
    let text = "BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_eq!(parse(&le, None).unwrap().records[0].name, "Zoë");
    let be: Vec<u8> = "Name,Email\nZoë,z@x.example\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
    let parsed = parse(&be, Some("csv")).unwrap();
    assert_eq!((parsed.records[0].name.as_str(), parsed.kind), ("Zoë", Kind::Csv));
    // A UTF-16 file's CHARSET=ISO-8859-1 applies to quoted-printable bytes only.
    let text = "BEGIN:VCARD\nFN;CHARSET=ISO-8859-1:Zoë\nNOTE;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Caf=E9\nEND:VCARD\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let parsed = parse(&le, None).unwrap();
    assert_eq!((parsed.records[0].name.as_str(), parsed.records[0].notes[0].as_str()), ("Zoë", "Café"));
    // Binary noise with a NUL here and there is not UTF-16.
    assert!(decode::file_encoding(b"ab\0cdefgh\0ijklmnop").is_none());
}

#[test]
fn undecodable_bytes_are_warnings_that_name_the_record() {
    let (records, problems) =
        vcard::parse(b"BEGIN:VCARD\nFN:Ok\nEND:VCARD\nBEGIN:VCARD\nFN;CHARSET=UTF-8:Bj\xf6rn\nEND:VCARD\n");
    assert_eq!(records[1].name, "Bj\u{fffd}rn");
    assert_eq!(
        problems,
        [Problem::new(5, "FN: bytes that are not UTF-8 (shown as \u{fffd}) in card \"Bj\u{fffd}rn\"")]
    );
    let (_, problems) = vcard::parse(b"BEGIN:VCARD\nFN;CHARSET=X-NONE:A\nEND:VCARD\n");
    assert_eq!(problems[0].message, "FN: unknown CHARSET \"X-NONE\"; read as UTF-8 or windows-1252");
    let parsed = parse(b"Name,Notes\nAda,fine\nRen\xe9e,a \x81 byte\n", Some("csv")).unwrap();
    assert_eq!(parsed.records[1].notes, ["a \u{fffd} byte"]);
    let messages: Vec<(usize, &str)> = parsed.problems.iter().map(|p| (p.line, p.message.as_str())).collect();
    assert_eq!(
        messages,
        [(3, "bytes that are not windows-1252 (shown as \u{fffd}), in the row of \"Renée\"")]
    );
}

// Issue 14 part 5: recovering what can be recovered.

#[test]
fn altid_alternatives_are_no_conflict() {
    let (r, problems) = card(
        "BEGIN:VCARD\nVERSION:4.0\nFN:Ann\nBDAY;ALTID=1;VALUE=text:circa 1953\nBDAY;ALTID=1:19530315\nEND:VCARD\n",
    );
    assert_eq!(r.birthday.map(|d| d.to_string()).as_deref(), Some("1953-03-15"));
    assert!(r.notes.is_empty(), "{:?}", r.notes);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].level(), crate::report::import::Level::Recovered);
    assert_eq!(
        problems[0].message,
        "BDAY: the ALTID=1 alternative \"circa 1953\" left out for the date, in card \"Ann\""
    );
    // Without a shared ALTID, a text birthday is still reported and kept in the notes.
    let (r, problems) =
        card("BEGIN:VCARD\nFN:B\nBDAY:19530315\nBDAY;ALTID=2;VALUE=text:circa 1953\nEND:VCARD\n");
    assert_eq!((r.notes.len(), problems[0].level()), (1, crate::report::import::Level::Warning));
}

#[test]
fn quoted_printable_values_over_hard_line_breaks_are_read_whole() {
    let (r, problems) = card(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Jane Roe\r\nADR;HOME;ENCODING=QUOTED-PRINTABLE:;;Hauptstr. 1=0D=0A\r\n\
         Hinterhaus;Berlin;;10115;Germany\r\nNOTE;ENCODING=QUOTED-PRINTABLE:first=0D=0A\r\nsecond line\r\n\
         TEL:1\r\nEND:VCARD\r\n",
    );
    assert_eq!(r.addresses, ["Hauptstr. 1, Hinterhaus, Berlin, 10115, Germany"]);
    assert_eq!(r.notes, ["first\nsecond line"]);
    assert_eq!(r.phones, ["1"]);
    let lines: Vec<(usize, crate::report::import::Level)> =
        problems.iter().map(|p| (p.line, p.level())).collect();
    assert_eq!(
        lines,
        [(4, crate::report::import::Level::Recovered), (6, crate::report::import::Level::Recovered)]
    );
    assert!(problems[0].message.ends_with("read whole, in card \"Jane Roe\""), "{problems:?}");
    // Outlook 2007's final `=` before the next property ends the value there.
    let (r, _) = card(
        "BEGIN:VCARD\nVERSION:2.1\nFN:M\nNOTE;ENCODING=QUOTED-PRINTABLE:one=0D=0A=\ntwo=0D=0A=\nTEL;WORK:555\nEND:VCARD\n",
    );
    assert_eq!((r.notes[0].as_str(), r.phones.as_slice()), ("one\ntwo", &["555".to_string()][..]));
    // A soft break still continues whatever the next line holds, if it starts no property.
    let (r, _) = card("BEGIN:VCARD\nFN:M\nNOTE;QUOTED-PRINTABLE:a=\nDeutschland:okay\nEND:VCARD\n");
    assert_eq!(r.notes, ["aDeutschland:okay"]);
}

#[test]
fn name_fallbacks_and_system_groups() {
    let (r, _) =
        card("BEGIN:VCARD\nVERSION:2.1\nEMAIL;PREF:a@b.example\nCATEGORIES:My Contacts,VIP\nEND:VCARD\n");
    assert_eq!(r.name, "a@b.example");
    assert_eq!(r.tags, ["VIP"]);
}

/// What `import` writes for a record must read back as a contact (fuzz/src/lib.rs `check_record`).
fn written(record: &Record) -> String {
    let mut text = "---\n---\n\n## Notes\n\n## Log\n".to_string();
    for entry in record.entries(&[]) {
        text = crate::write::edit::set_key(&text, &entry.key, &entry.yaml).unwrap();
    }
    let names = crate::contact::FieldNames::default();
    let options = crate::contact::ParseOptions {
        fields: &names,
        keep: crate::contact::Keep::LEAN,
        kinds: &crate::contact::Rules::default(),
    };
    let path = std::path::Path::new("x.md");
    let parsed = crate::contact::parse(path, path, &text, &options);
    assert!(matches!(parsed, Ok(crate::contact::Parsed::Contact(..))), "{text:?}: {parsed:?}");
    text
}

#[test]
fn fuzz_regression_vcard_1() {
    // A label with a control character escaped the reader's duplicate check (it compares the
    // label before cleaning), and `dates: {M et: ..., M et: ...}` is a YAML error.
    let (records, _) = vcard::parse(
        b"BEGIN:VCARD\r\nFN:Jane Doe\r\nitem1.X-ABDATE:1930-03-20\r\nitem1.X-ABLabel:M\x01et\r\n\
          item1.X-ABDATE:1930-03-20\r\nEND:VCARD\r\n",
    );
    assert_eq!(records[0].dates.len(), 2);
    assert!(written(&records[0]).contains("dates: {M et: 1930-03-20}\n"));
}

#[test]
fn fuzz_regression_csv_1() {
    // A nickname `:13/04/1990` was written plain into a flow list: `aliases: [:13/04/1990]`.
    let parsed = csv::parse("Name,Nickname\nDana,:13/04/1990\n").unwrap();
    assert!(written(&parsed.records[0]).contains("aliases: [\":13/04/1990\"]\n"));
}

#[test]
fn fuzz_regression_csv_2() {
    // `Birthday\0` is an extra column whose key is `birthday`: its value went in unchecked.
    let parsed = csv::parse(&decode_text(b"Name,,Birthday\x00\nn,,e\nm,,--12-01\n")).unwrap();
    assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
    assert!(!written(&parsed.records[0]).contains("birthday"));
    assert!(written(&parsed.records[1]).contains("birthday: --12-01\n"));
}

#[test]
fn fuzz_regression_csv_3() {
    // A 1,000-character event label (control characters escaped six-fold) became a flow
    // mapping key over YAML's 1024-character limit for implicit keys.
    let parsed = csv::parse(&format!(
        "Name,Event 1 - Label,Event 1 - Value\nChloe,\"Widgets{}\",--12-01\n",
        "\u{13}".repeat(1000)
    ))
    .unwrap();
    let text = written(&parsed.records[0]);
    assert!(text.contains("dates: {\"Widgets\\x13"), "{text}");
}

proptest::proptest! {
    /// Any text a legacy charset can hold comes back whole from a card that labels it, 8-bit or
    /// quoted-printable (the `=XX` bytes decoded first, then the charset).
    #[test]
    fn labelled_charsets_round_trip(
        text in "[a-zA-Z0-9 ’“”–€éñÑßäöüÅ安藤裕子東京表ソ能営業部ИванПетровёЖ王伟长安街]{1,24}",
        label in proptest::sample::select(vec!["SHIFT_JIS", "windows-1251", "GB2312", "windows-1252", "ISO-8859-1", "UTF-8", "EUC-JP", "Big5"]),
        qp in proptest::bool::ANY,
    ) {
        let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap();
        let (bytes, _, unmappable) = encoding.encode(&text);
        proptest::prop_assume!(!unmappable);
        let mut card = format!("BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;CHARSET={label}").into_bytes();
        if qp {
            card.extend_from_slice(b";ENCODING=QUOTED-PRINTABLE:");
            card.extend(bytes.iter().flat_map(|b| format!("={b:02X}").into_bytes()));
        } else {
            card.push(b':');
            card.extend_from_slice(&bytes);
        }
        card.extend_from_slice(b"\r\nFN:x\r\nEND:VCARD\r\n");
        let (records, problems) = vcard::parse(&card);
        proptest::prop_assert!(problems.is_empty(), "{:?}", problems);
        let expected = multi_line(&text);
        proptest::prop_assume!(!expected.is_empty());
        proptest::prop_assert_eq!(records[0].notes.first().map(String::as_str), Some(expected.as_str()));
    }
}

/// A contact file as touchbase's writers make it, read back as the vCard export sees it.
fn exported(text: &str) -> String {
    let names = crate::contact::FieldNames::default();
    let options = crate::contact::ParseOptions {
        fields: &names,
        keep: crate::contact::Keep { body: true, front_matter: true, ..crate::contact::Keep::LEAN },
        kinds: &crate::contact::Rules::default(),
    };
    let path = std::path::Path::new("x.md");
    match crate::contact::parse(path, path, text, &options) {
        Ok(crate::contact::Parsed::Contact(contact, _)) => {
            crate::render::vcf::text(&crate::report::cards::card(&contact, &names))
        }
        other => panic!("{text:?}: {other:?}"),
    }
}

/// What `import` writes for the one card of `vcf`.
fn imported_file(vcf: &str) -> String {
    let (records, problems) = vcard::parse(vcf.as_bytes());
    assert!(problems.is_empty() && records.len() == 1, "{vcf}: {problems:?}");
    let record = &records[0];
    let notes = record.notes_text();
    let body = if notes.is_empty() { String::new() } else { notes_to_body(&notes) };
    let entries = record.entries(&[]);
    let fields: Vec<(&str, String)> = entries.iter().map(|e| (e.key.as_str(), e.yaml.clone())).collect();
    crate::write::template::new_contact(
        &crate::write::template::built_in(&body),
        &crate::contact::FieldNames::default(),
        &fields,
    )
    .unwrap()
}

fn hostile_word() -> impl proptest::strategy::Strategy<Value = String> {
    proptest::sample::select(vec![
        "No",
        "on",
        "yes",
        "off",
        "y",
        "n",
        "~",
        "null",
        "true",
        "1:20",
        "0o17",
        "017",
        "0x1F",
        ".inf",
        "1e3",
        "+15551234",
        "=SUM(1)",
        "-5",
        "@handle",
        "'quoted'",
        "\"dq\"",
        "a: b",
        "x:y",
        "#tag",
        "[x]",
        "{y}",
        "Mr.",
        "Dr.",
        "Mrs",
        "Jr.",
        "III",
        "PhD",
        "Sr",
        "José",
        "安藤",
        "O'Brien",
        "Ω",
        "van",
        "Doe",
        "Jane",
        "Smith-Jones",
        "2020-01-01",
        "Doe,",
        "a;b",
        "back\\slash",
        "&anchor",
        "*star",
        "!tag",
        "%pct",
        "|",
    ])
    .prop_map(str::to_string)
}

use proptest::strategy::Strategy;

/// Whether YAML 1.1's type repository (yaml.org/type: bool, null, int, float, timestamp) or
/// YAML 1.2's core schema reads a plain scalar as something other than a string: the spec's
/// own patterns, as an oracle independent of `write::yaml`.
fn yaml_reads_as_other(plain: &str) -> bool {
    let patterns = [
        r"^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$",
        r"^(~|null|Null|NULL|)$",
        r"^([-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+)$",
        r"^([-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$",
        r"^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?",
        r"^(0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)$",
    ];
    patterns.iter().any(|p| regex::Regex::new(p).unwrap().is_match(plain))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]
    /// Export → import → export gives the same bytes, and every value comes back as written.
    #[test]
    fn vcard_round_trips_hold_for_hostile_names(
        name in proptest::collection::vec(hostile_word(), 1..5).prop_map(|w| w.join(" ")),
        alias in proptest::option::of(hostile_word()),
        company in proptest::option::of(proptest::collection::vec(hostile_word(), 1..3).prop_map(|w| w.join(" "))),
        tag in proptest::option::of(hostile_word()),
    ) {
        use crate::write::edit::{yaml_flow_scalar, yaml_list, yaml_scalar};
        for value in std::iter::once(&name).chain(&company) {
            let yaml = yaml_scalar(value);
            proptest::prop_assert!(yaml.starts_with(['\'', '"']) || !yaml_reads_as_other(&yaml), "{}", yaml);
        }
        for item in alias.iter().chain(&tag) {
            let yaml = yaml_flow_scalar(item);
            proptest::prop_assert!(yaml.starts_with(['\'', '"']) || !yaml_reads_as_other(&yaml), "{}", yaml);
        }
        let mut fields = vec![("name", yaml_scalar(&name))];
        if let Some(alias) = &alias {
            fields.push(("aliases", yaml_list(std::slice::from_ref(alias))));
        }
        if let Some(company) = &company {
            fields.push(("company", yaml_scalar(company)));
        }
        if let Some(tag) = &tag {
            fields.push(("tags", yaml_list(std::slice::from_ref(tag))));
        }
        let names = crate::contact::FieldNames::default();
        let text = crate::write::template::new_contact(&crate::write::template::built_in(""), &names, &fields).unwrap();
        let yaml: serde_yaml::Value = serde_yaml::from_str(text.trim_start_matches("---\n").split("---\n").next().unwrap()).unwrap();
        proptest::prop_assert_eq!(yaml.get("name"), Some(&serde_yaml::Value::String(name.clone())), "{}", text);
        let first = exported(&text);
        let again = imported_file(&first);
        let second = exported(&again);
        proptest::prop_assert_eq!(&first, &second, "{}\n{}", text, again);
        let yaml: serde_yaml::Value = serde_yaml::from_str(again.trim_start_matches("---\n").split("---\n").next().unwrap()).unwrap();
        proptest::prop_assert_eq!(yaml.get("name"), Some(&serde_yaml::Value::String(name.clone())), "{}", again);
    }
}

#[test]
fn structured_names_survive_the_round_trip() {
    let card =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Angstadt;Michael;;Mr.;Jr.\r\nFN:Michael Angstadt\r\nEND:VCARD\r\n";
    let file = imported_file(card);
    assert!(
        file.contains(
            "family_name: Angstadt\ngiven_name: Michael\nhonorific_prefix: Mr.\nhonorific_suffix: Jr.\n"
        ),
        "{file}"
    );
    assert!(exported(&file).contains("\r\nN:Angstadt;Michael;;Mr.;Jr.\r\n"));
    // Where N is the split of FN, no keys are written, and N comes back from the split.
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Angstadt;Michael;;Mr.;Jr.\r\nFN:Mr. Michael Angstadt Jr.\r\nEND:VCARD\r\n";
    let file = imported_file(card);
    assert!(!file.contains("family_name"), "{file}");
    assert!(exported(&file).contains("\r\nN:Angstadt;Michael;;Mr.;Jr.\r\n"));
}

#[test]
fn organisations_and_groups_are_no_people() {
    let (records, problems) = vcard::parse(
        b"BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Lumen Labs\nORG:Lumen Labs\nEND:VCARD\n\
          BEGIN:VCARD\nVERSION:3.0\nFN:Northwind\nX-ABShowAs:COMPANY\nEND:VCARD\n\
          BEGIN:VCARD\nVERSION:4.0\nKIND:group\nFN:Book club\nEND:VCARD\n",
    );
    let kinds: Vec<CardKind> = records.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [CardKind::Organization, CardKind::Organization]);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("group"), "{problems:?}");
    let keys: Vec<String> = records[0].account_entries(&[]).into_iter().map(|e| e.key).collect();
    assert_eq!(keys, ["type", "name"]);
}
