//! Owners (issue 15 part 1): `owner:` on contacts and account notes (a contact's own wins),
//! `--owner NAME` and `--mine` on the listings, the `owner:` query term, "me" from
//! touchbase.toml or from git (a real repository, with an isolated HOME and git config).

use std::path::Path;
use std::process::Command;

use crate::harness::Test;

const ACME: &str = "---\ntype: account\nname: Acme\nowner: \"[[Alice Ray]]\"\ntags: [customer]\n---\n";
// Inherits Acme's owner.
const ANN: &str =
    "---\nname: Ann Archer\ncompany: Acme\ncadence: monthly\nlast_contact: 2026-09-01\nbirthday: 12-05\n---\n";
// Her own owner wins over the account's.
const BO: &str = "---\nname: Bo Brandt\ncompany: '[[Acme]]'\ncadence: monthly\nlast_contact: 2026-09-10\nbirthday: 12-03\nowner: BOB@example.com\n---\n";
// Two owners, one by e-mail and one by link.
const CY: &str = "---\nname: Cy Cole\ncadence: monthly\nlast_contact: 2026-08-01\nowner: [alice@example.com, \"[[Bob Stone]]\"]\n---\n";
// Nobody's.
const DEE: &str = "---\nname: Dee Dunn\ncadence: monthly\nlast_contact: 2026-08-15\nbirthday: 12-04\n---\n";

fn team(settings: &str) -> Test {
    Test::empty_vault()
        .file("touchbase.toml", settings)
        .file("notes/Acme.md", ACME)
        .file("people/Ann Archer.md", ANN)
        .file("people/Bo Brandt.md", BO)
        .file("people/Cy Cole.md", CY)
        .file("people/Dee Dunn.md", DEE)
}

const ME: &str = "me = [\"Alice Ray\", \"alice@example.com\"]\n";

/// No identity from the user's own git: HOME and the global config are the temp dir's.
fn isolated(test: Test) -> Test {
    let dir = test.vault_path().parent().unwrap().to_path_buf();
    std::fs::create_dir_all(dir.join("home")).unwrap();
    std::fs::write(dir.join("gitconfig"), "").unwrap();
    test.env("HOME", dir.join("home").to_str().unwrap())
        .env("GIT_CONFIG_GLOBAL", dir.join("gitconfig").to_str().unwrap())
        .env("GIT_CONFIG_NOSYSTEM", "1")
}

fn git(vault: &Path, args: &[&str]) {
    let dir = vault.parent().unwrap();
    let out = Command::new("git")
        .current_dir(vault)
        .env("HOME", dir.join("home"))
        .env("GIT_CONFIG_GLOBAL", dir.join("gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("these tests need the `git` binary: {e}"));
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn overdue_by_owner_name_or_email() {
    team("").args(["overdue", "--owner", "alice ray"]).run().success().stdout_golden("owners-overdue-alice");
    // An e-mail matches the same e-mail, whatever its case; names and e-mails are whole values.
    let bob = team("").args(["overdue", "--owner", "bob@EXAMPLE.com"]).run();
    bob.success().stdout_has("Bo Brandt");
    let out = bob.stdout.clone();
    assert!(!out.contains("Ann Archer") && !out.contains("Cy Cole"), "{out}");
    team("").args(["overdue", "--owner", "Alice"]).run().success().stdout_is("Nobody is overdue.\n");
}

#[test]
fn account_owner_is_inherited_and_a_contact_own_owner_wins() {
    team("").args(["list", "--format", "json"]).run().success().stdout_golden("owners-list-json");
    let names = |args: &[&str]| {
        let out = team("").args(args.iter().copied()).run();
        let text = out.stdout.clone();
        let mut found: Vec<&str> = ["Ann Archer", "Bo Brandt", "Cy Cole", "Dee Dunn"]
            .into_iter()
            .filter(|n| text.contains(n))
            .collect();
        found.sort_unstable();
        found.join(",")
    };
    assert_eq!(names(&["list", "--owner", "[[Alice Ray]]"]), "Ann Archer");
    assert_eq!(names(&["list", "--owner", "Bob Stone"]), "Cy Cole");
    assert_eq!(names(&["list", "owner:bob@example.com"]), "Bo Brandt");
    assert_eq!(names(&["list", "-has:owner"]), "Dee Dunn");
    team("").args(["show", "Ann Archer"]).run().success().stdout_has_line("  owner         Alice Ray");
    let cy = team("").args(["show", "Cy Cole"]).run();
    cy.success().stdout_has_line("  owner         alice@example.com, Bob Stone");
}

#[test]
fn outreach_mine_with_me_from_the_settings() {
    let out = team(ME).args(["outreach", "--mine"]).run();
    out.success().stdout_golden("owners-outreach-mine");
    // --write saves the rep's own list beside the team's, never over it.
    let written = out.then().args(["outreach", "--mine", "--write"]).run();
    written.success().stdout_is("vault/outreach/2026-W48-alice-ray.md\n");
    assert!(!written.vault_file("outreach/2026-W48.md").exists());
    let team_list = written.then().args(["outreach", "--write"]).run();
    team_list.success().stdout_is("vault/outreach/2026-W48.md\n");
    let mine = team_list.read_file("outreach/2026-W48-alice-ray.md");
    assert!(mine.contains("Ann Archer") && mine.contains("Cy Cole") && !mine.contains("Dee Dunn"), "{mine}");
    assert!(team_list.read_file("outreach/2026-W48.md").contains("Dee Dunn"));
}

#[test]
fn mine_from_git_config_user_email() {
    let test = isolated(team(""));
    let vault = test.vault_path();
    git(&vault, &["init", "-q"]);
    git(&vault, &["config", "user.email", "Bob@Example.com"]);
    test.args(["list", "--mine"]).run().success().stdout_golden("owners-list-mine-git");
}

#[test]
fn mine_without_an_identity_is_a_usage_error() {
    let out = isolated(team("")).args(["overdue", "--mine"]).run();
    out.code(2)
        .stdout_is("")
        .stderr_has("set `me = \"you@example.com\"` in touchbase.toml or `git config user.email`");
    isolated(team("")).args(["list", "--owner", "me"]).run().code(2);
}

#[test]
fn accounts_by_owner() {
    // Acme is Alice's by its note, and Bob's through Bo, so both see all of it.
    team("")
        .args(["accounts", "--owner", "Alice Ray"])
        .run()
        .success()
        .stdout_golden("owners-accounts-alice");
    let bob = team("").args(["accounts", "--owner", "bob@example.com", "--format", "json"]).run();
    bob.success().stdout_has("\"Ann Archer\"").stdout_has("\"BOB@example.com\"");
    team("")
        .args(["accounts", "--owner", "Dee Dunn"])
        .run()
        .code(1)
        .stderr_has("no account is owned by dee dunn");
}

#[test]
fn cards_mine() {
    team(ME).args(["cards", "--mine"]).run().success().stdout_golden("owners-cards-mine");
}

#[test]
fn the_index_page_for_the_configured_owner() {
    let out = team(&format!("{ME}index_owner = \"me\"\n")).args(["index"]).run();
    out.success();
    crate::harness::golden("owners-index-me.md", &out.read_file("INDEX.md"), "index_owner = \"me\"");
    let bad = team("index_owner = \"me\"\n").args(["index"]).run();
    bad.code(2).stderr_has("index_owner");
}

#[test]
fn upcoming_and_the_agenda_by_owner() {
    let upcoming = team("").args(["upcoming", "--owner", "Alice Ray"]).run();
    upcoming.success().stdout_has("Ann's birthday");
    assert!(!upcoming.stdout.contains("Dee") && !upcoming.stdout.contains("Bo "), "{}", upcoming.stdout);
    let agenda = team(ME).args(["--mine"]).run();
    agenda.success().stdout_has("Ann Archer").stdout_has("Cy Cole");
    assert!(!agenda.stdout.contains("Dee Dunn") && !agenda.stdout.contains("Bo Brandt"), "{}", agenda.stdout);
}
