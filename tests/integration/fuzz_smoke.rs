//! CI's stand-in for the cargo-fuzz targets (`scripts/fuzz.sh`, docs/reliability-fuzz.md): the
//! same bodies and property checks (fuzz/src/lib.rs, compiled in here) on a few hundred
//! proptest inputs per target, built from a grammar of realistic fragments (front matter keys
//! and values, dates, list items, headings, CRLF, a BOM, unicode, brackets, quotes) with noise
//! spliced in. Then every crash input the fuzzers found, replayed through the whole target.

use proptest::prelude::*;
use proptest::sample::select;

#[allow(dead_code)]
#[path = "../../fuzz/src/lib.rs"]
mod checks;

const YAML_LINES: &[&str] = &[
    "name: Jane Doe\n",
    "name:\n",
    "Name: 'O''Brien'\n",
    "name: {first: carl, last: johnson}\n",
    "aliases: [JD, \"J, D\"]\n",
    "company: \"[[Acme Corp]]\"\n",
    "tags: [customer, golf]\n",
    "tags: family, person\n",
    "tags:\n  - person\n  - gym\n",
    "tags: []   # fill in\n",
    "birthday: 1980-03-26\n",
    "birthday: --02-29\n",
    "Birthday: 04-17\n",
    "prm-birthday: 12-31\n",
    "anniversary: 1604-06-20\n",
    "cadence: monthly\n",
    "cadence: every 3 weeks\n",
    "cadence: 21\n",
    "prm-cadence: 10000y\n",
    "cadence: none\n",
    "last_contact: 2026-10-02\n",
    "last_contact: \"2026-10-02\" # met at QBR\n",
    "Last_Contact: '2026-10-02'\n",
    "last_contact: 2026-10-02T14:30:00+02:00\n",
    "last_contact:   # fill in\n",
    "prm-last-contacted: 2026-12-07\n",
    "next_contact: 2027-01-05\n",
    "snooze_until: 2027-02-01\n",
    "\"snooze_until\": 2026-12-31\n",
    "prm-snooze-until: 2026-12-31\n",
    "family:\n  - name: Emma\n    relation: daughter\n    birthday: 2008-12-04\n",
    "dates: {Work: 2014-12-01}\n",
    "dates:\n  - {label: Met, date: 06-18}\n",
    "interactions:\n  - date: 2025-06-01\n    text: coffee\n",
    "email: [a@b.example]\n",
    "notes: |-\n  line\n  line\n",
    "anchor: &a x\n",
    "alias: *a\n",
    "? complex\n: key\n",
    "{flow: map}\n",
    "- item\n",
    "# comment\n",
    "\n",
    "  indented: x\n",
    "key: 'unterminated\n",
    "key: [\n",
    "2026: year key\n",
    "last_contact: 2026-10-02\nlast_contact: 2026-10-03\n",
];

const BODY_LINES: &[&str] = &[
    "# Jane\n",
    "## Log\n",
    "### log\n",
    "## Notes\n",
    "- 2026-11-01: lunch\n",
    "- 2026-12-31 call\n",
    "* 2026-01-01 new year\n",
    "1. 2025-12-24 gift\n",
    "- [ ] 2027-01-03 call about renewal\n",
    "- [x] 2026-11-02 sent the deck\n",
    "  - nested 2026-10-10\n",
    "> - 2026-05-05 quoted\n",
    "```\n",
    "~~~\n",
    "    - 2026-01-01 indented code\n",
    "### 2026-11-02\n",
    "Text with [[Link|alias]] and #tag.\n",
    "| Date | Notes |\n|---|---|\n| 2026-01-01 | x |\n",
    "\n",
    "---\n",
    "...\n",
    "<!-- comment\n",
    "-->\n",
    "- \n",
    "- 2026-02-30 impossible\n",
];

const ATOMS: &[&str] = &[
    "---",
    "...",
    "\r\n",
    "\n",
    "\r",
    "\u{feff}",
    ":",
    ": ",
    " ",
    "\t",
    "-",
    "- ",
    "#",
    " #",
    "[",
    "]",
    "{",
    "}",
    "[[",
    "]]",
    "\"",
    "'",
    ",",
    "2026-12-31",
    "--02-29",
    "é",
    "李伟",
    "👍",
    "\\",
    "|",
    ">",
    "&",
    "*",
    "!",
    "%",
    "@",
    "`",
    "\u{2028}",
    "\0",
    "## Log",
    "last_contact:",
    "cadence: ",
];

/// A few fragments of `list`, concatenated.
fn some(list: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(select(list), 0..max).prop_map(|parts| parts.concat())
}

/// A markdown contact file, more or less well formed.
fn document() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        0..4u8,
        some(YAML_LINES, 8),
        some(BODY_LINES, 10),
        some(ATOMS, 4),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(bom, shape, yaml, body, noise, at)| {
            let mut text = format!("{}---\n{yaml}---\n{body}", if bom { "\u{feff}" } else { "" });
            match shape {
                1 => text = text.replace('\n', "\r\n"),
                2 => text = text.trim_end_matches('\n').to_string(),
                _ => {}
            }
            // Noise at a character boundary, now and then.
            if shape != 3 {
                let boundaries: Vec<usize> =
                    text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
                text.insert_str(boundaries[at.index(boundaries.len())], &noise);
            }
            text
        })
}

fn cases(n: u32) -> ProptestConfig {
    ProptestConfig { cases: n, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn contact_target(text in document()) {
        checks::check_contact(&text);
    }

    #[test]
    fn the_fast_parse_equals_the_full_one(text in document()) {
        super::fast_parse::same_as_full("Some One.md", &text);
    }

    #[test]
    fn edit_target(
        text in document(),
        op in 0..5u8,
        key in select(checks::EDIT_KEYS),
        days in 0..200_000u64,
        value in prop_oneof![some(ATOMS, 4), "[a-z ,'\"]{0,12}"],
    ) {
        let date = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(days);
        checks::check_edit(op, &text, key, date, &value);
    }
}

const QUERY_PARTS: &[&str] = &[
    "golf",
    "jane",
    "-",
    "\"",
    "\"red sox\"",
    " ",
    "tag:",
    "#family",
    "status:",
    "overdue",
    "ok",
    "due:",
    "last:",
    "birthday:",
    "anniversary:",
    "<",
    "<=",
    ">",
    ">=",
    "=",
    "7d",
    "90d",
    "3m",
    "never",
    "2026-01-01",
    "has:",
    "no:",
    "company:",
    "acme",
    "name:",
    "cadence:",
    "monthly",
    "none",
    "email:",
    "prm-cadence:",
    "custom:",
    "path:",
    ":",
    "é",
    "李",
];

const DATE_PARTS: &[&str] = &[
    "2026",
    "-",
    "--",
    "12",
    "31",
    "02",
    "29",
    "1604",
    "0000",
    "+",
    "T",
    "14:30",
    ":00",
    "+02:00",
    "Z",
    " ",
    "every",
    "3",
    "weeks",
    "d",
    "w",
    "m",
    "y",
    "10000",
    "Jul",
    "1,",
    "/",
    "W",
    "48",
    "sunday",
    "0",
    "99999999999",
    "none",
    "biweekly",
];

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn query_target(text in some(QUERY_PARTS, 10)) {
        checks::check_query(&text);
    }

    #[test]
    fn dates_target(
        text in some(DATE_PARTS, 7),
        day in -96_000_000..96_000_000i32,
        count in any::<u32>(),
        unit in select(&["d", "w", "m", "y"][..]),
        span in 0..2000u64,
    ) {
        checks::check_date_text(&text);
        if let Some(date) = chrono::NaiveDate::from_num_days_from_ce_opt(day) {
            checks::check_date_math(date, count, unit, span, &text);
        }
    }
}

const VCARD_LINES: &[&str] = &[
    "BEGIN:VCARD",
    "END:VCARD",
    "VERSION:2.1",
    "VERSION:4.0",
    "FN:Jane Doe",
    "FN::13",
    "N:Doe;Jane;;;",
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91o;Jos=C3=A9=",
    "item1.X-ABDATE:1930-03-20",
    "item1.X-ABLabel:_$!<Anniversary>!$_",
    "X-ABDATE:1776-07-04",
    "BDAY;X-APPLE-OMIT-YEAR=1604:1604-06-20",
    "BDAY:--0203",
    "BDAY;VALUE=text:circa 1800",
    "ANNIVERSARY:20090808T1430-0500",
    "ORG:ABC\\, Inc.;Sales",
    "NOTE:line one\\nline two",
    "NOTE:## Log\\n- 2026-01-01 x",
    "NOTE:```",
    " folded",
    "CATEGORIES:My Contacts,VIP,:x",
    "EMAIL;TYPE=work:a@b.example",
    "TEL;WORK;VOICE:+1 555",
    "NICKNAME:JD,Janie",
    "URL:http\\://x",
    "",
];

const CSV_HEADERS: &[&str] = &[
    "Name",
    "First Name",
    "Last Name",
    "Nickname",
    "Company",
    "Position",
    "Email Address",
    "E-mail 1 - Value",
    "Phone 1 - Value",
    "Birthday",
    "Anniversary",
    "Notes",
    "Labels",
    "Event 1 - Label",
    "Event 1 - Value",
    "Connected On",
    "Favourite Food",
    "cadence",
    "Address 1 - Formatted",
];

const CSV_CELLS: &[&str] = &[
    "Jane",
    "Doe",
    "",
    "\"Van Damme, Jr.\"",
    "\"a \"\"b\"\"\"",
    "--04-14",
    "1980-03-26",
    "04/05/1990",
    "12 Mar 2021",
    "* myContacts ::: VIP",
    ":13",
    "\"line\n## Log\"",
    "a@b.example",
    "monthly",
    "é李",
    "'x'",
];

fn csv_text() -> impl Strategy<Value = String> {
    let header = prop::collection::vec(select(CSV_HEADERS), 1..8).prop_map(|h| h.join(","));
    let row = prop::collection::vec(select(CSV_CELLS), 0..9).prop_map(|r| r.join(","));
    (header, prop::collection::vec(row, 0..4), any::<bool>()).prop_map(|(header, rows, crlf)| {
        let eol = if crlf { "\r\n" } else { "\n" };
        format!("{header}{eol}{}", rows.join(eol))
    })
}

proptest! {
    #![proptest_config(cases(500))]

    #[test]
    fn vcard_target(lines in prop::collection::vec(select(VCARD_LINES), 0..16), crlf in any::<bool>()) {
        checks::vcard(lines.join(if crlf { "\r\n" } else { "\n" }).as_bytes());
    }

    #[test]
    fn csv_target(text in csv_text()) {
        checks::csv(text.as_bytes());
    }
}

/// Every crash input the fuzzers found (fuzz/regressions/<target>-<n>...), through its whole target.
#[test]
fn fuzz_crash_inputs_replay() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for file in std::fs::read_dir(&dir).unwrap() {
        let path = file.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let input = std::fs::read(&path).unwrap();
        match name.split('-').next().unwrap() {
            "contact" => checks::contact(&input),
            "dates" => checks::dates(&input),
            "query" => checks::query(&input),
            "vcard" => checks::vcard(&input),
            "csv" => checks::csv(&input),
            "edit" => checks::edit(&input),
            _ => continue,
        }
        replayed += 1;
    }
    assert!(replayed >= 10, "only {replayed} crash inputs in {}", dir.display());
}
