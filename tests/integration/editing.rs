//! The editing commands (issue 4): `log`, `snooze`, `new` and `edit` on the `editing` vault,
//! the sample vault and files written here byte by byte (CRLF, BOM, no final newline).
//!
//! Every successful edit is checked three ways: the exact bytes of the file afterwards, the
//! printed path and diff (golden files `tests/golden/editing-*.stdout`), and what `show --format
//! json` makes of the result. Every refusal is checked for its exit code (1: a refused write or
//! a NAME that is not exactly one contact; 2: a usage error) and for a vault left byte-identical.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::harness::{Output, Test, TODAY};

fn editing() -> Test {
    Test::vault("editing")
}

/// Every entry under `dir`: files as their bytes, symlinks as `-> target`, folders as `/`.
/// Equal snapshots prove that nothing was changed, added (a temp file) or removed.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(root).unwrap().to_path_buf();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                out.insert(relative, format!("-> {}", target.display()).into_bytes());
            } else if meta.is_dir() {
                out.insert(relative, b"/".to_vec());
                walk(root, &path, out);
            } else {
                out.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Runs a command and checks that the vault (and the folder around it) is byte-identical
/// afterwards: no file changed, added (a temp file) or removed.
fn unchanged(test: Test, args: &[&str]) -> Output {
    let around = test.vault_path().parent().unwrap().to_path_buf();
    let before = snapshot(&around);
    let out = test.args(args.iter().copied()).run();
    let after = snapshot(&around);
    assert!(
        before == after,
        "`touchbase {}` changed files\nexit code: {:?}\nstderr: {}",
        args.join(" "),
        out.code,
        out.stderr
    );
    out
}

/// Runs a command that must be refused: exit `code`, `message` on stderr, nothing on stdout,
/// and nothing changed.
fn refused(test: Test, args: &[&str], code: i32, message: &str) -> Output {
    let out = unchanged(test, args);
    out.code(code).stderr_has(message).stdout_is("");
    out
}

/// `show NAME --format json` on the vault a run left behind.
fn show(out: Output, name: &str) -> serde_json::Value {
    let out = out.then().args(["--format", "json", "show", name]).run();
    out.success();
    serde_json::from_str(&out.stdout).unwrap()
}

/// The result re-parses: last contact, status and due date (`None`: no cadence) as `show`
/// computes them.
fn reparses(out: Output, name: &str, last_contact: &str, status: &str, due: Option<&str>) {
    let json = show(out, name);
    assert_eq!(json["last_contact"], last_contact, "last_contact of {name}: {json:#}");
    assert_eq!(json["status"], status, "status of {name}: {json:#}");
    assert_eq!(json["due"], serde_json::json!(due), "due of {name}: {json:#}");
}

// ---------------------------------------------------------------------------------------------
// log

#[test]
fn log_newest_first() {
    let out = editing().args(["log", "Newest First", "lunch at Nino's", "--date", "2026-11-20"]).run();
    out.success().stderr_is("").stdout_golden("editing-log-newest-first").expect_file(
        "Newest First.md",
        "---
# met at the 2024 trade show
name: Newest First
aliases: [NF]
company: \"Acme\"   # since 2024
tags:   [customer,   golf]
last_contact: 2026-11-20
cadence: monthly
---
# Newest First

Prefers mornings.  
The line above ends in two spaces, which must survive.

## Log
- 2026-11-20: lunch at Nino's
- 2026-10-01: second call
- 2026-08-15: first call

## Ideas
- 2026-12-24: send a card
",
    );
    reparses(out, "Newest First", "2026-11-20", "ok", Some("2026-12-20"));
}

#[test]
fn log_older_date_goes_in_order_and_does_not_move_last_contact() {
    let out = editing().args(["log", "Newest First", "a call I forgot", "--date", "2026-09-01"]).run();
    out.success()
        .stdout_golden("editing-log-older-date")
        .stdout_has_line("+ - 2026-09-01: a call I forgot")
        .expect_file(
            "Newest First.md",
            "---
# met at the 2024 trade show
name: Newest First
aliases: [NF]
company: \"Acme\"   # since 2024
tags:   [customer,   golf]
last_contact: 2026-10-01
cadence: monthly
---
# Newest First

Prefers mornings.  
The line above ends in two spaces, which must survive.

## Log
- 2026-10-01: second call
- 2026-09-01: a call I forgot
- 2026-08-15: first call

## Ideas
- 2026-12-24: send a card
",
        );
    assert!(!out.stdout.contains("last_contact"), "last_contact must not move back:\n{}", out.stdout);
    reparses(out, "Newest First", "2026-10-01", "overdue", Some("2026-11-01"));
}

#[test]
fn log_oldest_first() {
    let out = editing().args(["log", "Oldest First", "call   about\tthe offer"]).run();
    // The message's whitespace is collapsed; the quote style of last_contact is kept.
    out.success().stderr_is("").stdout_golden("editing-log-oldest-first").expect_file(
        "Oldest First.md",
        "---
name: Oldest First
last_contact: '2026-11-26'
cadence: quarterly
---
Notes first.

## Log

* 2026-03-02: coffee
* 2026-06-15: lunch
* 2026-09-30: call
* 2026-11-26: call about the offer

## Later
Text after the log.
",
    );
    reparses(out, "Oldest First", TODAY, "ok", Some("2027-02-26"));
}

#[test]
fn log_creates_the_log_section_at_the_end() {
    let out = editing().args(["log", "No Log", "first logged call"]).run();
    out.success().stdout_golden("editing-log-creates-section").expect_file(
        "No Log.md",
        "---
name: No Log
last_contact: 2026-11-26
---
Just notes, no log yet.

## Log

- 2026-11-26: first logged call
",
    );
    reparses(out, "No Log", TODAY, "ok", Some("2026-12-26"));
}

#[test]
fn log_adds_last_contact_as_the_last_front_matter_line() {
    let out = editing().args(["log", "No Last", "birthday drinks", "--date", "2026-11-25"]).run();
    out.success().stdout_golden("editing-log-adds-last-contact").expect_file(
        "No Last.md",
        "---
name: No Last
company: Initech
tags: [friend]
last_contact: 2026-11-25
---
## Log
- 2026-11-25: birthday drinks
- 2026-01-05: met at a party
",
    );
    reparses(out, "No Last", "2026-11-25", "ok", Some("2026-12-25"));
}

#[test]
fn log_on_or_after_next_contact_removes_it() {
    let out = editing().args(["log", "Next Up", "followed up on the offer"]).run();
    out.success().stdout_golden("editing-log-removes-next-contact").expect_file(
        "Next Up.md",
        "---
name: Next Up
last_contact: 2026-11-26
cadence: quarterly
---

## Log
- 2026-11-26: followed up on the offer
- 2026-09-01: intro call
",
    );
    reparses(out, "Next Up", TODAY, "ok", Some("2027-02-26"));
}

#[test]
fn log_on_the_next_contact_day_removes_it() {
    editing()
        .args(["log", "Next Up", "right on time", "--date", "2026-11-20"])
        .run()
        .success()
        .stdout_has_line("- next_contact: 2026-11-20   # follow up on the offer")
        .stdout_has_line("+ last_contact: 2026-11-20");
}

#[test]
fn log_before_next_contact_keeps_it() {
    let out = editing().args(["log", "Next Up", "quick hello", "--date", "2026-11-10"]).run();
    out.success().expect_file(
        "Next Up.md",
        "---
name: Next Up
last_contact: 2026-11-10
next_contact: 2026-11-20   # follow up on the offer
cadence: quarterly
---

## Log
- 2026-11-10: quick hello
- 2026-09-01: intro call
",
    );
    assert!(!out.stdout.contains("next_contact"), "{}", out.stdout);
    let json = show(out, "Next Up");
    assert_eq!(json["last_contact"], "2026-11-10");
    assert_eq!(json["next_contact"], "2026-11-20");
}

#[test]
fn log_planned_only_adds_the_log_line() {
    let out =
        editing().args(["log", "Planned Pat", "dinner booked", "--planned", "--date", "2026-12-05"]).run();
    out.success().stdout_golden("editing-log-planned").expect_file(
        "Planned Pat.md",
        "---
name: Planned Pat
last_contact: 2026-11-01
next_contact: 2026-12-01
---

## Log
- 2026-12-05: dinner booked
- 2026-11-01: drinks
",
    );
    let json = show(out, "Planned Pat");
    assert_eq!(json["last_contact"], "2026-11-01");
    assert_eq!(json["status"], "ok");
    assert_eq!(json["due"], "2026-12-01");
    let planned = json["interactions"].as_array().unwrap().iter().find(|i| i["date"] == "2026-12-05");
    assert_eq!(planned.unwrap()["planned"], true, "{json:#}");
}

/// BOM, CRLF, trailing spaces after a value, a comment line: all kept; new lines end in CRLF.
const CRLF_BOM: &str = "\u{feff}---\r\n\
    name: Carla Crlf\r\n\
    # a comment line\r\n\
    last_contact: 2026-10-01  \r\n\
    next_contact: 2026-11-25\r\n\
    cadence: monthly\r\n\
    ---\r\n\
    Notes with trailing spaces.   \r\n\
    \r\n\
    ## Log\r\n\
    - 2026-10-01: call\r\n";

#[test]
fn log_on_a_crlf_file_with_a_bom() {
    let out = Test::empty_vault()
        .file_bytes("Carla Crlf.md", CRLF_BOM.as_bytes())
        .args(["log", "Carla Crlf", "coffee"])
        .run();
    out.success().stdout_golden("editing-log-crlf-bom").expect_file(
        "Carla Crlf.md",
        "\u{feff}---\r\n\
         name: Carla Crlf\r\n\
         # a comment line\r\n\
         last_contact: 2026-11-26  \r\n\
         cadence: monthly\r\n\
         ---\r\n\
         Notes with trailing spaces.   \r\n\
         \r\n\
         ## Log\r\n\
         - 2026-11-26: coffee\r\n\
         - 2026-10-01: call\r\n",
    );
    reparses(out, "Carla Crlf", TODAY, "ok", Some("2026-12-26"));
}

#[test]
fn log_on_a_file_without_a_final_newline() {
    let file =
        "---\nname: Nora Newline\nlast_contact: 2026-10-01\n---\n\n## Log\n- 2026-08-01: a\n- 2026-10-01: b";
    let out = Test::empty_vault().file("Nora Newline.md", file).args(["log", "Nora Newline", "c"]).run();
    // Oldest first: the new line goes at the very end, and the file still ends without a newline.
    out.success().stdout_golden("editing-log-no-final-newline").expect_file(
        "Nora Newline.md",
        "---\nname: Nora Newline\nlast_contact: 2026-11-26\n---\n\n## Log\n- 2026-08-01: a\n- 2026-10-01: b\n- 2026-11-26: c",
    );
    reparses(out, "Nora Newline", TODAY, "none", None);
}

#[test]
fn log_creating_the_section_in_a_file_without_a_final_newline() {
    let file = "---\nname: Nora Newline\n---\nNotes.";
    Test::empty_vault()
        .file("Nora Newline.md", file)
        .args(["log", "Nora Newline", "c"])
        .run()
        .success()
        .expect_file(
            "Nora Newline.md",
            "---\nname: Nora Newline\nlast_contact: 2026-11-26\n---\nNotes.\n\n## Log\n\n- 2026-11-26: c",
        );
}

#[test]
fn log_under_a_last_heading_without_a_final_newline() {
    Test::empty_vault()
        .file("Nora Newline.md", "---\nname: Nora Newline\n---\n\n## Log")
        .args(["log", "Nora Newline", "c"])
        .run()
        .success()
        .expect_file(
            "Nora Newline.md",
            "---\nname: Nora Newline\nlast_contact: 2026-11-26\n---\n\n## Log\n- 2026-11-26: c",
        );
}

#[test]
fn log_through_a_mapped_field_name() {
    let out = Test::empty_vault()
        .file("touchbase.toml", "[fields]\nlast_contact = \"prm-last-contacted\"\n")
        .file("Mapped Mo.md", "---\nname: Mapped Mo\nprm-last-contacted: 2026-10-01\ncadence: monthly\n---\n")
        .args(["log", "Mapped Mo", "call"])
        .run();
    out.success().expect_file(
        "Mapped Mo.md",
        // An empty body gets no blank line before the new section.
        "---\nname: Mapped Mo\nprm-last-contacted: 2026-11-26\ncadence: monthly\n---\n## Log\n\n- 2026-11-26: call\n",
    );
    reparses(out, "Mapped Mo", TODAY, "ok", Some("2026-12-26"));
}

#[test]
fn log_fills_an_empty_value_before_a_comment() {
    let out = Test::empty_vault()
        .file(
            "Cora Comment.md",
            "---\nname: Cora Comment\nlast_contact:   # fill in\ncadence: monthly\n---\n",
        )
        .args(["log", "Cora Comment", "call"])
        .run();
    out.success();
    let text = out.read_file("Cora Comment.md");
    let line = text.lines().find(|l| l.starts_with("last_contact:")).unwrap();
    assert!(line.contains(" 2026-11-26 ") && line.ends_with(" # fill in"), "{line:?}");
    let out = out.then().args(["check"]).run();
    out.success();
    reparses(out, "Cora Comment", TODAY, "ok", Some("2026-12-26"));
}

#[test]
fn new_fills_a_template_value_before_a_comment() {
    let out = Test::empty_vault()
        .file("touchbase.toml", "exclude = [\"templates/**\"]\n")
        .file("templates/contact.md", "---\nname:\ncadence:   # how often\n---\n")
        .args(["new", "Cal Cadence", "--cadence", "monthly"])
        .run();
    out.success();
    let text = out.read_file("Cal Cadence.md");
    let line = text.lines().find(|l| l.starts_with("cadence:")).unwrap();
    assert!(line.contains(" monthly ") && line.ends_with(" # how often"), "{line:?}");
    let out = out.then().args(["check"]).run();
    out.success();
    assert_eq!(show(out, "Cal Cadence")["cadence"], "monthly");
}

#[test]
fn writes_accept_the_alias_and_the_file_name() {
    editing().args(["log", "NF", "by alias"]).run().success().stdout_has_line("+ - 2026-11-26: by alias");
    editing()
        .args(["log", "Newest First.md", "by file name"])
        .run()
        .success()
        .stdout_has_line("+ - 2026-11-26: by file name");
}

#[cfg(unix)]
#[test]
fn log_keeps_the_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let test = editing();
    let path = test.vault_path().join("Newest First.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = test.args(["log", "Newest First", "call"]).run();
    out.success();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640, "mode after log: {mode:o}");
    // The write went through a temp file that was renamed: none is left behind.
    let names: Vec<String> = std::fs::read_dir(out.vault_file(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with(".touchbase-")), "{names:?}");
}

// ---------------------------------------------------------------------------------------------
// snooze

#[test]
fn snooze_with_a_date() {
    let out = editing().args(["snooze", "Awake Al", "2027-01-15"]).run();
    out.success().stdout_golden("editing-snooze-date").expect_file(
        "Awake Al.md",
        "---\nname: Awake Al\nlast_contact: 2026-06-01\nsnooze_until: 2027-01-15\n---\n",
    );
    let json = show(out, "Awake Al");
    assert_eq!(json["status"], "snoozed");
    assert_eq!(json["snooze_until"], "2027-01-15");
    assert_eq!(json["last_contact"], "2026-06-01");
}

#[test]
fn snooze_with_a_duration_keeps_the_comment() {
    let out = editing().args(["snooze", "Snoozy Sam", "2w"]).run();
    out.success().stdout_golden("editing-snooze-duration").expect_file(
        "Snoozy Sam.md",
        "---\nname: Snoozy Sam\nlast_contact: 2026-06-01\nsnooze_until: 2026-12-10   # travelling\n---\n",
    );
    let json = show(out, "Snoozy Sam");
    assert_eq!(json["status"], "snoozed");
    assert_eq!(json["snooze_until"], "2026-12-10");
}

#[test]
fn snooze_clear_removes_the_line() {
    let out = editing().args(["snooze", "Snoozy Sam", "--clear"]).run();
    out.success()
        .stdout_golden("editing-snooze-clear")
        .expect_file("Snoozy Sam.md", "---\nname: Snoozy Sam\nlast_contact: 2026-06-01\n---\n");
    reparses(out, "Snoozy Sam", "2026-06-01", "overdue", Some("2026-07-01"));
}

#[test]
fn snooze_clear_without_a_snooze_changes_nothing() {
    let test = editing();
    let before = snapshot(&test.vault_path());
    let out = test.args(["snooze", "Awake Al", "--clear"]).run();
    out.success().stdout_is("").stderr_has("nothing to change");
    assert!(snapshot(&out.vault_file("")) == before);
}

// ---------------------------------------------------------------------------------------------
// new

#[test]
fn new_with_the_built_in_template() {
    let out = Test::empty_vault()
        .args([
            "new",
            "Zoë Quinn",
            "--company",
            "Acme: Labs",
            "--role",
            "CTO",
            "--tags",
            "a, b ,c",
            "--cadence",
            "monthly",
            "--birthday",
            "--04-17",
            "--email",
            "zoe@acme.example",
        ])
        .run();
    out.success().stderr_is("").stdout_is("vault/Zoë Quinn.md\n").expect_file(
        "Zoë Quinn.md",
        "---
name: Zoë Quinn
company: 'Acme: Labs'
role: CTO
email: zoe@acme.example
birthday: --04-17
cadence: monthly
tags: [a, b, c]
---

## Notes

## Log
",
    );
    let out = out.then().args(["check"]).run();
    out.success();
    let json = show(out, "Zoë Quinn");
    assert_eq!(json["company"], "Acme: Labs");
    assert_eq!(json["tags"], serde_json::json!(["a", "b", "c"]));
    assert_eq!(json["status"], "due", "monthly and never contacted: {json:#}");
}

#[test]
fn new_in_a_folder_with_unsafe_characters_replaced() {
    Test::empty_vault()
        .args(["new", "A: B | C?", "--dir", "people/new"])
        .run()
        .success()
        .stdout_is("vault/people/new/A- B - C-.md\n")
        .expect_file("people/new/A- B - C-.md", "---\nname: 'A: B | C?'\n---\n\n## Notes\n\n## Log\n");
}

const TEMPLATE: &str = "---
name:
aliases: [ ]
company:
role:
tags: [ ]
cadence:   # how often
last_contact:
created: {{date}}
---
# {{name}}

Notes.

## Log
";

#[test]
fn new_with_the_vault_template() {
    let out = Test::empty_vault()
        .file("touchbase.toml", "exclude = [\"templates/**\"]\n")
        .file("templates/contact.md", TEMPLATE)
        .args(["new", "Ada Lovelace", "--tags", "math,poetry", "--company", "Analytical Engines"])
        .run();
    out.success().stdout_is("vault/Ada Lovelace.md\n").expect_file(
        "Ada Lovelace.md",
        "---
name: Ada Lovelace
aliases: [ ]
company: Analytical Engines
role:
tags: [math, poetry]
cadence:   # how often
last_contact:
created: 2026-11-26
---
# Ada Lovelace

Notes.

## Log
",
    );
    let out = out.then().args(["check"]).run();
    out.success();
    let out = out.then().args(["log", "Ada Lovelace", "first call"]).run();
    out.success();
    reparses(out, "Ada Lovelace", TODAY, "none", None);
}

#[test]
fn new_with_slug_file_names() {
    let out = Test::empty_vault()
        .file("touchbase.toml", "file_names = \"slug\"\n")
        .args(["new", "Jane O'Doe Jr.", "--dir", "people"])
        .run();
    out.success()
        .stdout_is("vault/people/jane-o-doe-jr.md\n")
        .expect_file("people/jane-o-doe-jr.md", "---\nname: Jane O'Doe Jr.\n---\n\n## Notes\n\n## Log\n");
    let json = show(out, "Jane O'Doe Jr.");
    assert_eq!(json["path"], "people/jane-o-doe-jr.md");
}

#[test]
fn new_refuses_an_existing_name() {
    refused(editing(), &["new", "Newest First"], 1, "already exists");
    refused(editing(), &["new", "  newest first "], 1, "already exists");
}

#[test]
fn new_refuses_an_existing_alias() {
    refused(editing(), &["new", "NF"], 1, "a contact named \"NF\" already exists: Newest First.md");
}

#[test]
fn new_refuses_an_existing_slug_file() {
    let test =
        Test::empty_vault().file("touchbase.toml", "file_names = \"slug\"\n").file("jane-doe.md", "x\n");
    refused(test, &["new", "Jane Doe"], 1, "already exists; refusing to overwrite it");
}

#[test]
fn new_refuses_an_empty_name() {
    refused(editing(), &["new", ""], 2, "the name is empty");
    refused(editing(), &["new", "   "], 2, "the name is empty");
}

#[test]
fn new_refuses_a_name_that_escapes_the_vault() {
    // A NUL cannot be passed in argv at all; `new::file_name`'s unit test covers it.
    for name in ["../x", "/abs", "/etc/passwd", "a/../../x"] {
        refused(editing(), &["new", name], 2, "cannot be a file name inside the vault");
    }
    for dir in ["../outside", "/tmp"] {
        refused(editing(), &["new", "Dora Dir", "--dir", dir], 2, "must be a folder inside the vault");
    }
}

#[cfg(unix)]
#[test]
fn new_does_not_write_through_a_symlinked_folder() {
    let test = editing();
    let outside = test.vault_path().parent().unwrap().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::os::unix::fs::symlink("../outside", test.vault_path().join("linked")).unwrap();
    // Refused (exit 1 or 2, whichever the fix chooses), and nothing written on either side.
    let out = unchanged(test, &["new", "Esc Ape", "--dir", "linked"]);
    assert!(matches!(out.code, Some(1 | 2)), "{:?}", out.code);
}

// ---------------------------------------------------------------------------------------------
// Refused edits: nothing changes

#[test]
fn log_refuses_a_future_date_without_planned() {
    refused(editing(), &["log", "Newest First", "x", "--date", "2026-11-27"], 2, "use --planned");
}

#[test]
fn log_planned_refuses_today_or_a_past_date() {
    for date in ["2026-11-26", "2026-11-01"] {
        refused(
            editing(),
            &["log", "Newest First", "x", "--planned", "--date", date],
            2,
            "--planned needs a date after today",
        );
    }
}

#[test]
fn log_refuses_a_bad_date() {
    refused(editing(), &["log", "Newest First", "x", "--date", "2026-02-30"], 2, "--date");
}

#[test]
fn log_refuses_an_empty_message_as_a_usage_error() {
    refused(editing(), &["log", "Newest First", "  "], 2, "the message is empty");
}

#[test]
fn log_refuses_an_empty_message() {
    let out = unchanged(editing(), &["log", "Newest First", "  "]);
    assert!(matches!(out.code, Some(1 | 2)), "{:?}", out.code);
    out.stderr_has("the message is empty");
}

#[test]
fn snooze_refuses_a_date_not_after_today() {
    for until in ["2026-11-26", "2026-11-01", "0d"] {
        refused(editing(), &["snooze", "Snoozy Sam", until], 2, "");
    }
    refused(editing(), &["snooze", "Snoozy Sam", TODAY], 2, "that is not after today (2026-11-26)");
    refused(
        editing(),
        &["snooze", "Snoozy Sam", "soon"],
        2,
        "snooze: invalid date \"soon\" (expected YYYY-MM-DD, today",
    );
    // Neither UNTIL nor --clear (clap or the command itself may say so).
    refused(editing(), &["snooze", "Snoozy Sam"], 2, "");
}

/// A contact whose front matter holds `yaml` (between `name:` and `cadence:`).
fn odd_contact(yaml: &str) -> Test {
    let text = format!("---\nname: Odd Otto\n{yaml}cadence: monthly\n---\n\n## Log\n- 2026-01-01: x\n");
    Test::empty_vault().file("Odd Otto.md", &text)
}

const NOT_PLAIN: &str = "is not a plain value on its own line; edit the file by hand";

#[test]
fn refuses_a_value_in_a_flow_mapping() {
    // A list or mapping where a date belongs is a warning: the contact loads without that value,
    // so it is found, and the editor refuses to change the value (nothing is written).
    refused(odd_contact("last_contact: {a: 1}\n"), &["log", "Odd Otto", "x"], 1, NOT_PLAIN);
    refused(odd_contact("snooze_until: {on: 2026-12-01}\n"), &["snooze", "Odd Otto", "2w"], 1, NOT_PLAIN);
    refused(odd_contact("snooze_until: [2026-12-01]\n"), &["snooze", "Odd Otto", "--clear"], 1, NOT_PLAIN);
    refused(odd_contact("next_contact: [2026-01-01]\n"), &["log", "Odd Otto", "x"], 1, NOT_PLAIN);
    let not_a_date = "expected a date, not a list or mapping";
    refused(odd_contact("last_contact: {a: 1}\n"), &["--verbose", "log", "Odd Otto", "x"], 1, not_a_date);
}

#[test]
fn refuses_a_multi_line_value() {
    let spans = "`last_contact` spans several lines; edit the file by hand";
    refused(odd_contact("last_contact:\n  2026-01-01\n"), &["log", "Odd Otto", "x"], 1, spans);
    refused(odd_contact("last_contact: >-\n  2026-01-01\n"), &["log", "Odd Otto", "x"], 1, NOT_PLAIN);
    refused(odd_contact("last_contact: |\n  2026-01-01\n"), &["log", "Odd Otto", "x"], 1, NOT_PLAIN);
    refused(
        odd_contact("snooze_until: \"2026-12-01\n  \"\n"),
        &["snooze", "Odd Otto", "--clear"],
        1,
        "snooze_until",
    );
}

#[test]
fn refuses_an_anchor_or_alias() {
    refused(odd_contact("last_contact: &d 2026-01-01\nmet: *d\n"), &["log", "Odd Otto", "x"], 1, NOT_PLAIN);
    refused(odd_contact("met: &d 2026-01-01\nlast_contact: *d\n"), &["log", "Odd Otto", "x"], 1, NOT_PLAIN);
}

#[test]
fn refuses_a_duplicate_key() {
    // Invalid YAML: the file is no contact, so NAME matches nothing (exit 1) and the load
    // diagnostic says why.
    let dup = odd_contact("last_contact: 2026-01-01\nlast_contact: 2026-02-01\n");
    refused(dup, &["log", "Odd Otto", "x"], 1, "duplicate entry with key \"last_contact\"");
    let dup = odd_contact("snooze_until: 2026-12-01\n\"snooze_until\": 2026-12-02\n");
    refused(dup, &["snooze", "Odd Otto", "--clear"], 1, "duplicate");
}

#[test]
fn refuses_a_name_that_matches_only_partially() {
    refused(editing(), &["log", "Newest", "x"], 1, "no contact named \"Newest\"; did you mean:");
    refused(editing(), &["snooze", "Snoozy", "2w"], 1, "did you mean:\n  Snoozy Sam (Snoozy Sam.md)");
    refused(editing(), &["snooze", "Sam", "--clear"], 1, "no contact named \"Sam\"");
    // `edit` does not even start the editor.
    let out = refused(editing().env("VISUAL", "").env("EDITOR", "false"), &["edit", "Newest"], 1, "Newest");
    assert!(!out.stderr.contains("editor"), "{}", out.stderr);
    refused(editing(), &["log", "Nobody", "x"], 1, "no contact named \"Nobody\"");
}

#[test]
fn refuses_a_file_that_is_not_utf8() {
    let test =
        Test::empty_vault().file_bytes("Latin Lars.md", b"---\nname: Latin Lars\n---\nMet at the caf\xe9.\n");
    // Not loaded as a contact, so NAME matches nothing; the diagnostic says why.
    refused(test, &["log", "Latin Lars", "x"], 1, "not valid UTF-8");
}

/// A contact file that is a symlink: never written through, wherever it points.
#[cfg(unix)]
fn linked(target_outside: bool) -> (Test, PathBuf) {
    let contact = "---\nname: Linked Lee\nlast_contact: 2026-10-01\n---\n\n## Log\n- 2026-10-01: x\n";
    let test = editing();
    let (target, link_text) = if target_outside {
        (test.vault_path().parent().unwrap().join("Linked Lee.md"), "../Linked Lee.md")
    } else {
        // Not `.md`, so that the target is not a second contact of the same name.
        (test.vault_path().join("store/lee.txt"), "store/lee.txt")
    };
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(&target, contact).unwrap();
    std::os::unix::fs::symlink(link_text, test.vault_path().join("Linked Lee.md")).unwrap();
    (test, target)
}

#[cfg(unix)]
#[test]
fn refuses_a_symlink_to_a_file_inside_the_vault() {
    let (test, _) = linked(false);
    let out = test.args(["show", "Linked Lee"]).run();
    out.success();
    for args in [
        &["log", "Linked Lee", "x"][..],
        &["snooze", "Linked Lee", "2w"],
        &["snooze", "Linked Lee", "--clear"],
    ] {
        refused(linked(false).0, args, 1, "Linked Lee.md: is a symlink; refusing to write through it");
    }
}

#[cfg(unix)]
#[test]
fn refuses_a_symlink_to_a_file_outside_the_vault() {
    for args in [&["log", "Linked Lee", "x"][..], &["snooze", "Linked Lee", "2w"]] {
        let (test, target) = linked(true);
        let before = std::fs::read(&target).unwrap();
        let out = refused(test, args, 1, "is a symlink; refusing to write through it");
        assert_eq!(std::fs::read(&target).unwrap(), before);
        assert!(std::fs::symlink_metadata(out.vault_file("").join("Linked Lee.md"))
            .unwrap()
            .file_type()
            .is_symlink());
    }
}

// ---------------------------------------------------------------------------------------------
// edit

/// A shell script in the temp dir that appends `marker` to the file it is given.
#[cfg(unix)]
fn editor_script(test: &Test, name: &str, marker: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = test.vault_path().parent().unwrap().join(name);
    std::fs::write(&path, format!("#!/bin/sh\necho '{marker}' >> \"$1\"\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!("'{}'", path.display())
}

#[test]
fn edit_runs_the_editor_on_the_file() {
    let out = Test::empty_vault()
        .file("Eddie Edit.md", "---\nname: Eddie Edit\n---\n")
        .env("VISUAL", "")
        .env("EDITOR", "sh -c 'echo edited >> \"$0\"'")
        .args(["edit", "Eddie Edit"])
        .run();
    out.success().expect_file("Eddie Edit.md", "---\nname: Eddie Edit\n---\nedited\n");
}

#[cfg(unix)]
#[test]
fn edit_prefers_visual_over_editor() {
    let test = Test::empty_vault().file("Eddie Edit.md", "---\nname: Eddie Edit\n---\n");
    let visual = editor_script(&test, "visual.sh", "by visual");
    let editor = editor_script(&test, "editor.sh", "by editor");
    test.env("VISUAL", &visual)
        .env("EDITOR", &editor)
        .args(["edit", "eddie edit"])
        .run()
        .success()
        .expect_file("Eddie Edit.md", "---\nname: Eddie Edit\n---\nby visual\n");
}

#[cfg(unix)]
#[test]
fn new_with_edit_opens_the_new_file() {
    let test = Test::empty_vault();
    let editor = editor_script(&test, "editor.sh", "by editor");
    test.env("VISUAL", "")
        .env("EDITOR", &editor)
        .args(["new", "Nell New", "--edit"])
        .run()
        .success()
        .stdout_is("vault/Nell New.md\n")
        .expect_file("Nell New.md", "---\nname: Nell New\n---\n\n## Notes\n\n## Log\nby editor\n");
}

#[test]
fn edit_reports_a_failing_editor() {
    Test::empty_vault()
        .file("Eddie Edit.md", "---\nname: Eddie Edit\n---\n")
        .env("VISUAL", "exit 3 #")
        .args(["edit", "Eddie Edit"])
        .run()
        .code(2)
        .stderr_has("exited with")
        .expect_file("Eddie Edit.md", "---\nname: Eddie Edit\n---\n");
}

// ---------------------------------------------------------------------------------------------
// The acceptance test

/// The line ending of a file, judged by its first line.
fn eol_of(text: &str) -> &'static str {
    match text.split_inclusive('\n').next() {
        Some(line) if line.ends_with("\r\n") => "\r\n",
        _ => "\n",
    }
}

/// Checks that `new` differs from `old` only by the intended lines of `log NAME "acceptance
/// check"` on TODAY; every other line (its terminator included) is byte-identical.
fn only_intended_lines(path: &str, old: &str, new: &str) {
    let eol = eol_of(old);
    let entry = format!(" {TODAY}: acceptance check{eol}");
    let had_log = old.split_inclusive('\n').any(|l| l.trim_end().trim_start_matches('#').trim() == "Log");
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let diff = similar::TextDiff::from_slices(&old_lines, &new_lines);
    let (mut added_entry, mut added_heading) = (0, 0);
    let (mut removed_last, mut added_last, mut removed_next) = (Vec::new(), Vec::new(), 0);
    for change in diff.iter_all_changes() {
        let line = change.value();
        match change.tag() {
            similar::ChangeTag::Equal => {}
            similar::ChangeTag::Delete if line.starts_with("last_contact:") => removed_last.push(line),
            similar::ChangeTag::Delete if line.starts_with("next_contact:") => removed_next += 1,
            similar::ChangeTag::Insert
                if line.ends_with(&entry)
                    && matches!(line.trim_start().chars().next(), Some('-' | '*' | '+'))
                    && line.trim_start().len() == entry.len() + 1 =>
            {
                added_entry += 1;
            }
            similar::ChangeTag::Insert if line.starts_with("last_contact:") => added_last.push(line),
            similar::ChangeTag::Insert if !had_log && line == format!("## Log{eol}") => added_heading += 1,
            similar::ChangeTag::Insert if !had_log && line == eol => {}
            tag => {
                panic!("{path}: unexpected {tag:?} of {line:?}\n--- before ---\n{old}--- after ---\n{new}")
            }
        }
    }
    assert_eq!(added_entry, 1, "{path}: one log line added\n{new}");
    assert!(added_last.len() <= 1 && removed_last.len() <= added_last.len(), "{path}: last_contact\n{new}");
    assert!(removed_next <= 1, "{path}: next_contact");
    assert_eq!(added_heading, usize::from(!had_log), "{path}: the Log heading\n{new}");
    if let Some(added) = added_last.first() {
        assert!(added.contains(TODAY), "{path}: {added:?}");
        assert!(added.ends_with(eol) && !added.ends_with(&format!("\r{eol}")), "{path}: {added:?}");
    }
    // A changed last_contact line differs in the date only: quotes, spacing, comment stay.
    if let (Some(old_line), Some(new_line)) = (removed_last.first(), added_last.first()) {
        let at = new_line.find(TODAY).unwrap();
        let end = at + TODAY.len();
        assert_eq!(old_line.len(), new_line.len(), "{path}: {old_line:?} -> {new_line:?}");
        assert_eq!(old_line.get(..at), new_line.get(..at), "{path}");
        assert_eq!(old_line.get(end..), new_line.get(end..), "{path}");
    }
}

#[test]
fn log_on_every_sample_contact_changes_only_the_intended_lines() {
    let out = Test::sample().args(["--format", "json", "list"]).run();
    out.success();
    let contacts: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert!(contacts.len() >= 20, "{}", contacts.len());
    let mut out = out;
    let mut crlf_files = 0;
    for contact in &contacts {
        let name = contact["name"].as_str().unwrap();
        let path = contact["path"].as_str().unwrap().to_string();
        let old = out.read_file(&path);
        crlf_files += usize::from(eol_of(&old) == "\r\n");
        out = out.then().args(["log", name, "acceptance check"]).run();
        out.success().stdout_has_line(&format!("vault/{path}"));
        let new = out.read_file(&path);
        only_intended_lines(&path, &old, &new);
    }
    assert!(crlf_files >= 1, "the sample vault should hold a CRLF contact");
    let out = out.then().args(["check"]).run();
    out.code(1).stdout_golden("sample-check-duplicate");
    let out = out.then().args(["--format", "json", "list"]).run();
    out.success();
    let after: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(after.len(), contacts.len());
    for contact in &after {
        assert_eq!(contact["last_contact"], TODAY, "{contact:#}");
        assert_ne!(contact["status"], "overdue", "{contact:#}");
    }
}
