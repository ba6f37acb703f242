//! Issue 13 part 3, relationship check-ups: the worksheet (the six questions, each with what the
//! vault knows), `--write` (a dated section appended byte-exact, or a new note), the check-up
//! cadence and its due date in `agenda`, `outreach` and the index page, reset by a write.

use crate::harness::Test;

const SECTION: &str = "## Check-up 2026-11-26\n- How are things going with them?\n  - \n\
- What has changed in how they use our product?\n  - \n\
- Who or what has changed in their organisation?\n  - \n\
- Can we serve them in more ways?\n  - \n\
- Do we have relationships with the right people?\n  - \n\
- If a competitor called them, would they call us first?\n  - \n";

#[test]
fn the_acme_worksheet() {
    let out = Test::sample().args(["checkup", "Acme Corp"]).run();
    out.success().stdout_golden("checkup-acme");
    out.stdout_has_line("- added 2026-10-05: Richard Hale, Chief Executive Officer");
    out.stdout_has_line("- left 2026-09-01: Walter Grimes, replaced by Richard Hale");
    out.stdout_has_line("- Jane Doe now reports to Richard Hale, who is new");
    let json = Test::sample().args(["--format", "json", "checkup", "acme"]).run();
    json.success();
    let sheet: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(sheet["target"], "Acme Corp", "an alias finds the account");
    assert_eq!((&sheet["last_checkup"], &sheet["due"]), (&"2026-08-20".into(), &"2026-11-20".into()));
    assert_eq!(sheet["questions"].as_array().unwrap().len(), 6);
}

#[test]
fn write_appends_byte_exact_and_resets_the_due_checkup() {
    let old =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-vault/notes/Acme Corp.md"))
            .unwrap();
    let out = Test::sample().args(["agenda"]).run();
    out.success().stdout_has("check-up Acme Corp due 2026-11-20 (last 2026-08-20)");
    let out = out.then().args(["checkup", "Acme Corp", "--write"]).run();
    out.success().stdout_has("wrote a check-up to vault/notes/Acme Corp.md");
    assert_eq!(out.read_file("notes/Acme Corp.md"), format!("{old}\n{SECTION}"));
    out.file_golden("notes/Acme Corp.md", "checkup-acme-written.md");
    let out = out.then().args(["agenda"]).run();
    assert!(!out.stdout.contains("check-up Acme Corp"), "reset:\n{}", out.stdout);
    let out = out.then().args(["index"]).run();
    out.success();
    let page = out.read_file("INDEX.md");
    let due = page.split("## Check-ups due").nth(1).unwrap();
    assert!(!due.contains("Acme Corp") && due.contains("| Initech | `2026-11-26` | never |"), "{due}");
    let again = out.then().args(["checkup", "Acme Corp", "--write"]).run();
    again.code(1).stderr_has("it already has a check-up dated 2026-11-26");
    assert_eq!(again.read_file("notes/Acme Corp.md"), format!("{old}\n{SECTION}"), "refused: unchanged");
}

#[test]
fn write_keeps_crlf_and_the_bom() {
    let note =
        "\u{feff}---\r\ntype: account\r\nname: Acme\r\ntags: [customer]  # keep me\r\n---\r\n# Acme\r\nnotes";
    let out = Test::empty_vault()
        .file_bytes("Accounts/Acme.md", note.as_bytes())
        .file("Jane.md", "---\ncompany: Acme\n---\n")
        .args(["checkup", "Acme", "--write"])
        .run();
    out.success();
    let bytes = std::fs::read(out.vault_file("Accounts/Acme.md")).unwrap();
    let expected = format!("{note}\r\n\r\n{}", SECTION.replace('\n', "\r\n"));
    assert_eq!(String::from_utf8(bytes).unwrap(), expected);
    let out = out.then().args(["--format", "json", "checkup", "Acme"]).run();
    let sheet: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!((&sheet["last_checkup"], &sheet["due"]), (&"2026-11-26".into(), &"2027-02-26".into()));
}

#[test]
fn write_creates_the_account_note_where_account_notes_live() {
    let out = Test::sample().args(["checkup", "Initech", "--write"]).run();
    out.success().stdout_has("wrote a check-up to vault/notes/Initech.md");
    out.file_golden("notes/Initech.md", "checkup-initech-new.md");
    let out = out.then().args(["--format", "json", "accounts", "Initech"]).run();
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json[0]["note"], "notes/Initech.md");
    assert_eq!(json[0]["people"], 2, "the new note is the account, not a contact");
    out.then().args(["check"]).run().code(1).stdout_golden("sample-check-duplicate");
}

#[test]
fn people_and_tag_groups_opt_in() {
    let vault = Test::empty_vault()
        .file("touchbase.toml", "[checkup_cadence_by_tag]\ncolleague = \"quarterly\"\n")
        .file(
            "Paul.md",
            "---\nname: Paul\ncheckup_cadence: yearly\ntags: [mentor]\n---\n## Log\n- 2026-01-10: lunch\n",
        )
        .file(
            "Ann.md",
            "---\nname: Ann\ncompany: Northwind\ntags: [colleague]\nlast_contact: 2026-11-01\n---\n",
        )
        .file("Moe.md", "---\nname: Moe\ncompany: Moretti Landscaping\n---\n");
    let out = vault.args(["agenda"]).run();
    out.success();
    out.stdout_has("check-up Paul due 2026-11-26 (never checked up)");
    out.stdout_has("check-up tag:colleague due 2026-11-26");
    assert!(!out.stdout.contains("Moretti") && !out.stdout.contains("check-up Northwind"), "{}", out.stdout);
    let out = out.then().args(["checkup", "Moretti Landscaping"]).run();
    out.success().stdout_has("no check-up cadence");
    let out = out.then().args(["checkup", "Paul", "--write"]).run();
    out.success();
    assert!(out.read_file("Paul.md").ends_with(&format!("- 2026-01-10: lunch\n\n{SECTION}")));
    let out = out.then().args(["checkup", "tag:colleague", "--write"]).run();
    out.success().stdout_has("wrote a check-up to vault/notes/Check-ups colleague.md");
    assert!(out
        .read_file("notes/Check-ups colleague.md")
        .starts_with("---\ntype: checkup\n---\n# Check-ups: colleague\n\n## Check-up 2026-11-26\n"));
    let out = out.then().args(["agenda"]).run();
    assert!(!out.stdout.contains("Check-ups due"), "both reset:\n{}", out.stdout);
    let out = out.then().args(["--format", "json", "show", "Paul"]).run();
    out.success();
    let out = out.then().args(["check"]).run();
    out.success();
}

#[test]
fn an_unknown_target_says_so() {
    Test::sample()
        .args(["checkup", "Nobody Inc"])
        .run()
        .code(1)
        .stderr_has("no account named \"Nobody Inc\"");
    Test::sample()
        .args(["checkup", "tag:nosuch"])
        .run()
        .code(1)
        .stderr_has("no contact has the tag \"nosuch\"");
}
