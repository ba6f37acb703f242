//! Names and edge cases (issue 10, "Never lose a write"): whatever touchbase writes, it reads
//! back. File names made from hostile names (bidi overrides, 130 emoji, Windows device names)
//! by `new` and `import`; dates past 9999 never printed; imported notes that look like log
//! entries; the position of a duplicate front matter key.

use crate::harness::{Output, Test};

/// The contacts `list --format json` finds, and that it printed nothing on stderr.
fn listed(out: Output) -> (Output, Vec<serde_json::Value>) {
    let out = out.then().args(["--format", "json", "list"]).run();
    out.success().stderr_is("");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    (out, rows)
}

/// The file names in the vault's root, sorted.
fn root_files(out: &Output) -> Vec<String> {
    let dir = out.path_from_cwd("vault");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    names
}

fn emoji(n: usize) -> String {
    "\u{1f600}".repeat(n)
}

const DEVICE_NAMES: &[&str] = &["CON", "nul", "Com1", "aux", "lpt1"];

#[test]
fn new_makes_a_file_every_later_command_reads() {
    let mut names = vec!["\u{202e}evil".to_string(), emoji(130)];
    names.extend(DEVICE_NAMES.iter().map(std::string::ToString::to_string));
    let mut test = Test::empty_vault();
    for name in &names {
        let out = test.args(["new", name.as_str()]).run();
        out.success().stderr_is("");
        test = out.then();
    }
    let out = test.arg("check").run();
    out.success();
    let (out, rows) = listed(out);
    assert_eq!(rows.len(), names.len(), "{rows:#?}");
    let mut expected: Vec<String> =
        ["evil.md", "CON_.md", "nul_.md", "Com1_.md", "aux_.md", "lpt1_.md"].map(String::from).to_vec();
    // 30 emoji of 4 bytes: the 120-byte budget for the part before `.md`.
    expected.push(format!("{}.md", emoji(30)));
    expected.sort();
    assert_eq!(root_files(&out), expected);
    // The bidi override is gone from the stored name too; the emoji name is kept whole.
    let mut shown: Vec<String> = rows.iter().map(|r| r["name"].as_str().unwrap().to_string()).collect();
    shown.sort();
    let mut wanted: Vec<String> = names.iter().map(|n| n.replace('\u{202e}', "")).collect();
    wanted.sort();
    assert_eq!(shown, wanted);
}

#[test]
fn new_still_refuses_to_overwrite_the_file_a_cleaned_name_lands_on() {
    // A note (no front matter) already holds the file name `\u{202e}evil` maps to.
    let test = Test::empty_vault().file("evil.md", "just a note\n");
    let out = test.args(["new", "\u{202e}evil"]).run();
    out.code(1).stderr_has("already exists; refusing to overwrite it").stdout_is("");
    out.expect_file("evil.md", "just a note\n");
    // A device name's file, made once, is not made again.
    let out = out.then().args(["new", "CON"]).run();
    out.success().stdout_is("vault/CON_.md\n");
    let out = out.then().args(["new", "con"]).run();
    out.code(1).stderr_has("already exists");
}

/// A vCard 3.0 card with this FN.
fn card(name: &str) -> String {
    format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEND:VCARD\r\n")
}

#[test]
fn import_makes_a_file_for_every_card_and_export_gives_them_all_back() {
    let mut names = vec!["\u{202e}evil".to_string(), emoji(130), "***".to_string(), "INDEX".to_string()];
    names.extend(DEVICE_NAMES.iter().map(std::string::ToString::to_string));
    names.push("Jane Doe".to_string());
    let vcf: String = names.iter().map(|n| card(n)).collect();
    let out = Test::empty_vault().file("in.vcf", &vcf).args(["import", "vault/in.vcf"]).run();
    out.success();
    let (out, rows) = listed(out);
    assert_eq!(rows.len(), names.len(), "{rows:#?}");
    assert!(root_files(&out).contains(&"Unnamed.md".to_string()), "{:?}", root_files(&out));
    assert!(root_files(&out).contains(&"INDEX_.md".to_string()), "{:?}", root_files(&out));
    let exported = out.then().args(["export", "--format", "vcf"]).run();
    exported.success().stderr_is("");
    assert_eq!(exported.stdout.matches("BEGIN:VCARD").count(), names.len());
    // The export, imported into an empty vault: every card again.
    let back =
        Test::empty_vault().file("back.vcf", &exported.stdout).args(["import", "vault/back.vcf"]).run();
    back.success();
    let (_, again) = listed(back);
    assert_eq!(again.len(), names.len());
}

// ---------------------------------------------------------------------------------------------
// Dates past 9999

#[test]
fn today_past_the_last_printable_year_is_a_usage_error() {
    let test = Test::empty_vault().file("Z.md", "---\nname: Z\n---\n");
    let out = test.today("9999-12-31").args(["export", "--format", "ics"]).run();
    out.code(2).stderr_has("--today").stdout_is("");
    assert!(!out.stderr.contains("+1000"), "{}", out.stderr);
}

#[test]
fn no_date_past_9999_is_ever_printed() {
    let zed = "---\nname: Zed\nlast_contact: 9999-06-01\ncadence: 1y\nbirthday: --12-31\n\
               anniversary: 9999-12-31\n---\n\n## Log\n\n- 9999-12-31 planned: the last day\n";
    let late = "---\nname: Late\nnext_contact: 9999-12-31\ncadence: 10000y\nlast_contact: 2000-01-01\n---\n";
    // Due 10000-06-01 by its cadence; its year-less birthday recurs past 9999 in a long window.
    let far = "---\nname: Far\nlast_contact: 9998-06-01\ncadence: 2y\nbirthday: --12-31\n---\n";
    let commands: &[&[&str]] = &[
        &["list"],
        &["--format", "json", "list"],
        &["--format", "json", "show", "Zed"],
        &["--format", "json", "show", "Far"],
        &["show", "Zed"],
        &["upcoming", "--days", "4000"],
        &["--format", "json", "upcoming", "--days", "4000"],
        &["agenda"],
        &["outreach"],
        &["export", "--format", "ics"],
        &["export", "--format", "json"],
        &["export", "--format", "vcf"],
        &["outreach", "--week", "9999-W52"],
        &["index"],
    ];
    for today in ["9998-12-31", "9999-06-01"] {
        for args in commands {
            let out = Test::empty_vault()
                .file("Zed.md", zed)
                .file("Late.md", late)
                .file("Far.md", far)
                .today(today)
                .args(args.iter().copied())
                .run();
            let page = std::fs::read_to_string(out.path_from_cwd("vault/INDEX.md")).unwrap_or_default();
            let all = format!("{}{}{page}", out.stdout, out.stderr);
            assert!(!all.contains("+1000"), "--today {today} {args:?} printed a year past 9999:\n{all}");
            assert!(!all.contains("10000-"), "--today {today} {args:?} printed a year past 9999:\n{all}");
            if args.contains(&"ics") && out.code == Some(0) {
                for line in out.stdout.lines().filter(|l| l.starts_with("DT")) {
                    let value = line.rsplit(':').next().unwrap();
                    assert!(value.len() <= 16 && value.starts_with(char::is_numeric), "{line}");
                }
                // Events on 9999-12-31 have no DTEND, and the calendar still parses.
                let unfolded = icalendar::parser::unfold(&out.stdout);
                let calendar = icalendar::parser::read_calendar(&unfolded).unwrap();
                let last_day = calendar
                    .components
                    .iter()
                    .filter(|c| c.find_prop("DTSTART").is_some_and(|p| p.val.as_str() == "99991231"))
                    .inspect(|c| assert!(c.find_prop("DTEND").is_none()))
                    .count();
                assert_eq!(last_day, 3, "the anniversary, the planned entry and Late's follow-up");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Imported notes

#[test]
fn imported_notes_never_become_interactions() {
    let note = "- 2020-01-01 met at the fair\\n* 2020-02-02 second\\n+ 2020-03-03 third\\n\
                1. 2020-04-04 ordered\\n- [ ] 2020-05-05 a task\\n  - 2020-06-06 nested\\n\
                - not dated\\n2020-07-07 a plain line\\n## Log\\n- 2026-13-45 bad date";
    let vcf = format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nora Notes\r\nNOTE:{note}\r\nEND:VCARD\r\n");
    let out = Test::empty_vault().file("in.vcf", &vcf).args(["import", "vault/in.vcf"]).run();
    out.success();
    let out = out.then().arg("check").run();
    out.success();
    let out = out.then().args(["--format", "json", "show", "Nora Notes"]).run();
    out.success();
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["interaction_count"], 0, "{json:#}");
    assert_eq!(json["last_contact"], serde_json::Value::Null, "{json:#}");
    // `log` still finds the import's own Log section and the entry reads back.
    let out = out.then().args(["log", "Nora Notes", "called"]).run();
    out.success();
    let out = out.then().args(["--format", "json", "show", "Nora Notes"]).run();
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["interaction_count"], 1, "{json:#}");
    // The notes go back out as they came in.
    let out = out.then().args(["export", "--format", "vcf"]).run();
    out.success();
    let unfolded = out.stdout.replace("\r\n ", "");
    assert!(unfolded.contains(&format!("\r\nNOTE:{note}\r\n")), "{unfolded}");
    assert!(!unfolded.contains("called"), "{unfolded}");
    // The same card again: nothing new, the notes the same as the file's.
    let out = out.then().file("in.vcf", &vcf).args(["import", "vault/in.vcf"]).run();
    out.success().stdout_has_line("unchanged vault/Nora Notes.md: nothing new");
}

// ---------------------------------------------------------------------------------------------
// Duplicate keys

#[test]
fn a_duplicate_key_is_reported_where_it_is_repeated() {
    let text = "---\nname: Dee\nrole: CTO\ncompany: Acme\nrole: CEO\n---\n";
    let out = Test::empty_vault().file("Dee.md", text).arg("check").run();
    out.code(1).stdout_is("vault/Dee.md:5:1: invalid YAML: duplicate entry with key \"role\"\n");
}
