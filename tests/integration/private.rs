//! The private layer: a folder of the user's own notes beside the vault (`--private`,
//! `$TOUCHBASE_PRIVATE`, the user's config file), matched to contacts by file name, alias,
//! `about:` or a link; shown by `show` and `brief`, searched by `list`, and never written into
//! the vault, its pages or its exports.

use crate::harness::Test;

const JANE: &str = "---\nname: Jane Doe\ncompany: Acme Corp\nrole: CTO\ntags: [customer]\nemail: jane@acme.example\nbirthday: 1980-03-04\ncadence: 30d\nlast_contact: 2026-10-01\naccount_role: decision_maker\n---\nLikes golf.\n\n## Log\n- 2026-10-01: lunch\n";
const BOB: &str = "---\nname: Bob Stone\naliases: [Bobby]\ncompany: Acme Corp\ncadence: 14d\nlast_contact: 2026-10-20\n---\nShared note about Bob.\n";
const CAROL: &str = "---\nname: Carol King\ncompany: Globex\ncadence: 60d\nlast_contact: 2026-11-01\n---\n";

/// Every private note carries a sentinel word that must never reach the vault or an export.
const SENTINEL: &str = "zanzibar";

fn team_vault() -> Test {
    Test::empty_vault()
        .file("people/Jane Doe.md", JANE)
        .file("people/Bob Stone.md", BOB)
        .file("people/Carol King.md", CAROL)
        .file("Acme Corp.md", "---\ntype: account\nname: Acme Corp\n---\nOur biggest customer.\n")
        .outside("private/Jane Doe.md", "Her daughter starts university; zanzibar trip planned.\n")
        .outside("private/Bobby.md", "---\ntags: [mine]\n---\nBobby is job hunting (zanzibar).\n")
        .outside("private/calls/lunch.md", "Lunch with [[Carol King]]: zanzibar, she may move.\n")
        .outside("private/.hidden.md", "Jane Doe hidden zanzibar\n")
}

#[test]
fn show_has_the_private_note_by_file_name() {
    team_vault()
        .args(["--private", "private", "show", "Jane Doe"])
        .run()
        .success()
        .stdout_golden("private-show-jane");
}

#[test]
fn show_by_alias_and_brief_by_link() {
    team_vault()
        .args(["--private", "private", "show", "Bob Stone"])
        .run()
        .success()
        .stdout_has("Private notes (yours only, not in the shared vault)")
        .stdout_has("  private/Bobby.md\n    Bobby is job hunting (zanzibar).\n");
    team_vault()
        .env("TOUCHBASE_PRIVATE", "private")
        .args(["brief", "Carol King"])
        .run()
        .success()
        .stdout_golden("private-brief-carol");
}

#[test]
fn json_has_the_private_notes_only_when_there_are_some() {
    let out = team_vault().args(["--private", "private", "--format", "json", "show", "Jane Doe"]).run();
    out.success();
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["private_notes"][0]["path"], "private/Jane Doe.md");
    assert_eq!(
        json["private_notes"][0]["lines"][0],
        "Her daughter starts university; zanzibar trip planned."
    );
    let out = team_vault().args(["--format", "json", "show", "Jane Doe"]).run();
    assert!(!out.stdout.contains("private_notes"), "{}", out.stdout);
}

#[test]
fn about_key_in_front_matter_names_the_contact() {
    team_vault()
        .outside("private/misc.md", "---\nabout: \"[[Carol King]]\"\n---\nabout-key note\n")
        .args(["--private", "private", "show", "Carol"])
        .run()
        .success()
        .stdout_has("  private/misc.md\n    about-key note\n");
}

#[test]
fn without_the_setting_nothing_private_shows() {
    let out = team_vault().args(["show", "Jane Doe"]).run();
    out.success();
    assert!(!out.stdout.contains("Private notes") && !out.stdout.contains(SENTINEL), "{}", out.stdout);
}

#[test]
fn a_query_finds_a_contact_through_its_private_note() {
    team_vault()
        .args(["--private", "private", "list", "she may move", "--format", "paths"])
        .run()
        .success()
        .stdout_is("vault/people/Carol King.md\n");
    // The same words are in no shared file: without the layer nothing matches.
    team_vault().args(["list", "she may move"]).run().code(1);
}

#[test]
fn a_user_config_file_names_the_folder() {
    let test = team_vault().outside("home/.config/touchbase/config.toml", "private = \"~/../private\"\n");
    let home = test.vault_path().parent().unwrap().join("home");
    test.env("HOME", home.to_str().unwrap())
        .env("XDG_CONFIG_HOME", "")
        .args(["show", "Jane Doe"])
        .run()
        .success()
        .stdout_has("Her daughter starts university");
    // A `[vaults."PATH"]` table names this vault's own folder, over the top-level key.
    let test = team_vault().outside("elsewhere/Jane Doe.md", "Only for this vault.\n");
    let base = test.vault_path().parent().unwrap().to_path_buf();
    let config = format!(
        "private = \"{}\"\n\n[vaults.\"{}\"]\nprivate = \"{}\"\n",
        base.join("private").display(),
        base.join("vault").display(),
        base.join("elsewhere").display()
    );
    let test = test.outside("xdg/touchbase/config.toml", &config);
    test.env("XDG_CONFIG_HOME", base.join("xdg").to_str().unwrap())
        .args(["show", "Jane Doe"])
        .run()
        .success()
        .stdout_has("Only for this vault.")
        .stdout_has("/elsewhere/Jane Doe.md");
}

/// Every file of the vault after the run, read back: none may hold a private word.
fn assert_vault_clean(out: &crate::harness::Output) {
    for file in out.vault_files() {
        let text = std::fs::read(out.vault_file(&file)).unwrap();
        assert!(!String::from_utf8_lossy(&text).contains(SENTINEL), "{file} holds private text");
    }
    assert!(!out.stdout.contains(SENTINEL), "stdout holds private text:\n{}", out.stdout);
}

#[test]
fn pages_exports_and_writes_never_hold_private_text() {
    let runs: &[&[&str]] = &[
        &["index"],
        &["outreach", "--write"],
        &["export", "--format", "json"],
        &["export", "--format", "csv"],
        &["export", "--format", "vcf"],
        &["export", "--format", "ics"],
        &["checkup", "Acme Corp", "--write"],
        &["log", "Jane Doe", "call about the renewal"],
        &["list", "--format", "json"],
    ];
    let mut out = team_vault().args(["--private", "private", "index"]).run();
    out.success();
    assert!(out.vault_files().contains(&"INDEX.md".to_string()));
    for args in runs {
        out = out.then().args(["--private", "private"]).args(args.iter().copied()).run();
        out.success();
        assert_vault_clean(&out);
    }
    assert!(out.read_file("people/Jane Doe.md").contains("call about the renewal"));
    // The control: with the same flag, the layer is read, so a clean vault above means something.
    out.then().args(["--private", "private", "show", "Jane Doe"]).run().success().stdout_has(SENTINEL);
}

#[test]
fn a_private_folder_inside_the_vault_is_refused() {
    team_vault()
        .file("mine/Jane Doe.md", "zanzibar\n")
        .args(["--private", "vault/mine", "show", "Jane Doe"])
        .run()
        .code(2)
        .stderr_has("inside the vault");
    team_vault().args(["--private", "vault", "index"]).run().code(2).stderr_has("inside the vault");
}

#[test]
fn a_missing_private_folder_warns_once() {
    let out = team_vault().args(["--private", "nowhere", "show", "Jane Doe"]).run();
    out.success().stderr_has("touchbase: warning: private folder nowhere not found");
    assert_eq!(out.stderr.matches("not found").count(), 1, "{}", out.stderr);
}
