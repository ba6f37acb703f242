//! Issue 15 part 4: what git knows about people. A real repository with commits by two authors
//! at fixed dates (a role change, a company change, a tag and a family member added, Log entries
//! by each, a rename, a contact who left with `replaced_by:`, a new decision maker), read back by
//! `history` against golden files; a vault outside git gets a clear error.

use std::path::Path;
use std::process::{Command, Output};

use crate::harness::{golden, TODAY};

struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        Repo::with_git_in(None)
    }

    /// The repository in `top` (below the temp dir), or in the vault itself.
    fn with_git_in(top: Option<&str>) -> Repo {
        let dir = tempfile::Builder::new().prefix("touchbase-history").tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        std::fs::create_dir_all(dir.path().join("repo/crm")).unwrap();
        std::fs::write(dir.path().join("gitconfig"), "[init]\n\tdefaultBranch = main\n").unwrap();
        let repo = Repo { dir };
        match top {
            None => repo.git("Alice", "2026-11-01", &["init", "-q"]),
            Some(top) => {
                let top = repo.dir.path().join(top);
                repo.git("Alice", "2026-11-01", &["init", "-q", top.to_str().unwrap()]);
            }
        }
        repo
    }

    fn vault(&self) -> std::path::PathBuf {
        self.dir.path().join("repo/crm")
    }

    fn command(&self, program: &Path, author: &str, day: &str) -> Command {
        let when = format!("{day}T10:00:00Z");
        let mut command = Command::new(program);
        crate::harness::as_git_author(&mut command, self.dir.path(), author, &when).current_dir(self.vault());
        command
    }

    fn git(&self, author: &str, day: &str, args: &[&str]) {
        let output = self
            .command(Path::new("git"), author, day)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("these tests need the `git` binary: {e}"));
        assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }

    fn write(&self, file: &str, text: &str) {
        let path = self.vault().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn commit(&self, author: &str, day: &str, message: &str) {
        self.git(author, day, &["add", "-A"]);
        self.git(author, day, &["commit", "-q", "-m", message]);
    }

    fn touchbase(&self, args: &[&str]) -> Output {
        self.command(Path::new(env!("CARGO_BIN_EXE_touchbase")), "nobody", TODAY)
            .args(["--vault", ".", "--today", TODAY])
            .args(args)
            .output()
            .unwrap()
    }

    fn touchbase_ok(&self, args: &[&str]) -> String {
        let output = self.touchbase(args);
        assert!(output.status.success(), "touchbase {args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    }
}

const JANE_1: &str = "---\nname: Jane Doe\ncompany: Acme\nrole: CTO\ntags: [customer]\n---\nLikes golf.\n\n## Log\n- 2026-11-01: intro call\n";
const JANE_2: &str = "---\nname: Jane Doe\ncompany: Acme\nrole: CEO\ntags: [customer]\n---\nLikes golf.\n\n## Log\n- 2026-11-03: coffee, she runs the company now\n- 2026-11-01: intro call\n";
const JANE_3: &str = "---\nname: Jane Doe\ncompany: Acme\nrole: CEO\ntags: [customer, golf]\nfamily:\n  - name: Tom\n    relation: son\n---\nLikes golf.\n\n## Log\n- 2026-11-03: coffee, she runs the company now\n- 2026-11-01: intro call\n";
const JANE_5: &str = "---\nname: Jane Doe\ncompany: Globex\nrole: CEO\ntags: [customer, golf]\nfamily:\n  - name: Tom\n    relation: son\n---\nLikes golf.\n\n## Log\n- 2026-11-08: she moved to Globex, lunch\n- 2026-11-03: coffee, she runs the company now\n- 2026-11-01: intro call\n";
const SAM_1: &str = "---\nname: Sam Lee\ncompany: Acme\nrole: VP Engineering\naccount_role: decision maker\n---\n## Log\n- 2026-11-02: demo\n";
const SAM_2: &str = "---\nname: Sam Lee\ncompany: Acme\nrole: VP Engineering\nleft: 2026-11-06\nreplaced_by: \"[[Kim Park]]\"\n---\n## Log\n- 2026-11-02: demo\n";
const KIM: &str = "---\nname: Kim Park\ncompany: Acme\nrole: VP Engineering\naccount_role: decision maker\nowner: bob@example.com\n---\n## Log\n- 2026-11-06: first call\n";

/// The repository every test reads: six commits by Alice and Bob, one a day or so apart.
fn team_repo() -> Repo {
    team_repo_in(Repo::new())
}

fn team_repo_in(repo: Repo) -> Repo {
    repo.write("people/Jane.md", JANE_1);
    repo.write("people/Sam Lee.md", SAM_1);
    repo.commit("Alice", "2026-11-01", "Jane and Sam");
    repo.write("people/Jane.md", JANE_2);
    repo.commit("Bob", "2026-11-03", "Jane is the CEO");
    repo.write("people/Jane.md", JANE_3);
    repo.commit("Alice", "2026-11-05", "Jane plays golf, her son");
    repo.write("people/Sam Lee.md", SAM_2);
    repo.write("people/Kim Park.md", KIM);
    repo.commit("Bob", "2026-11-06", "Sam left, Kim replaces him");
    repo.git("Bob", "2026-11-07", &["mv", "people/Jane.md", "people/Jane Doe.md"]);
    repo.commit("Bob", "2026-11-07", "Jane's file under her full name");
    repo.write("people/Jane Doe.md", JANE_5);
    repo.commit("Alice", "2026-11-08", "Jane moved to Globex");
    repo
}

#[test]
fn history_shows_each_field_change_and_touch_with_its_author_across_a_rename() {
    let repo = team_repo();
    let table = repo.touchbase_ok(&["history", "Jane Doe"]);
    golden("history-jane-table.stdout", &table, "history Jane Doe");
    let json = repo.touchbase_ok(&["--format", "json", "history", "Jane"]);
    golden("history-jane-json.stdout", &json, "history --format json Jane");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["path"], "people/Jane Doe.md");
    let commits = value["commits"].as_array().unwrap();
    assert_eq!(commits.len(), 5, "the rename is followed back to the first commit");
    assert_eq!(commits[4]["path"], "people/Jane.md");
    let touches = value["touches"].as_array().unwrap();
    let by: Vec<_> =
        touches.iter().map(|t| (t["date"].as_str().unwrap(), t["author"].as_str().unwrap())).collect();
    assert_eq!(by, [("2026-11-08", "Alice"), ("2026-11-03", "Bob"), ("2026-11-01", "Alice")]);
    let changes = value["changes"].as_array().unwrap();
    let role = changes.iter().find(|c| c["field"] == "role" && c["old"] == "CTO").unwrap();
    assert_eq!((role["new"].as_str(), role["author"].as_str()), (Some("CEO"), Some("Bob")));
    let company = changes.iter().find(|c| c["field"] == "company" && c["old"] == "Acme").unwrap();
    assert_eq!((company["new"].as_str(), company["author"].as_str()), (Some("Globex"), Some("Alice")));
    assert!(changes.iter().any(|c| c["field"] == "family" && c["old"].is_null()));
    assert!(changes.iter().any(|c| c["field"] == "tags" && c["new"] == r#"["customer","golf"]"#));
}

#[test]
fn history_of_a_contact_who_left_shows_left_and_replaced_by() {
    let repo = team_repo();
    let table = repo.touchbase_ok(&["history", "Sam Lee"]);
    assert!(table.contains("left added: 2026-11-06"), "{table}");
    assert!(table.contains("replaced_by added: [[Kim Park]]"), "{table}");
    assert!(table.contains("account_role removed (was decision maker)"), "{table}");
}

#[test]
fn a_vault_outside_git_gets_a_clear_error_and_exit_2() {
    let dir = tempfile::Builder::new().prefix("touchbase-nogit").tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("people")).unwrap();
    std::fs::write(dir.path().join("people/Jane.md"), JANE_1).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_touchbase"))
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("TOUCHBASE_VAULT")
        .env("TOUCHBASE_NO_CACHE", "1")
        .args(["--vault", ".", "--today", TODAY, "history", "Jane"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not a git repository"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn changes_since_a_date_shows_the_team_check_up() {
    let repo = team_repo();
    let table = repo.touchbase_ok(&["changes", "--since", "2026-11-02"]);
    golden("changes-since-table.stdout", &table, "changes --since 2026-11-02");
    let json = repo.touchbase_ok(&["--format", "json", "changes", "--since", "2026-11-02"]);
    golden("changes-since-json.stdout", &json, "changes --format json --since 2026-11-02");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["commits"], 5, "the commits after Nov 1's");
    assert_eq!(value["new_people"][0]["name"], "Kim Park");
    assert_eq!(value["left"][0]["name"], "Sam Lee");
    assert_eq!(value["left"][0]["replaced_by"], "Kim Park");
    let by_author = &value["touches_by_author"];
    assert_eq!(
        by_author,
        &serde_json::json!([{"name": "Alice", "touches": 1}, {"name": "Bob", "touches": 2}])
    );
    assert_eq!(value["touches_by_owner"][0], serde_json::json!({"name": "(no owner)", "touches": 2}));
    assert_eq!(value["touches_by_owner"][1], serde_json::json!({"name": "bob@example.com", "touches": 1}));
    // Sam was Acme's decision maker; Kim is the new one, so Acme lost none.
    assert_eq!(value["accounts"], serde_json::json!([]));
    // A revision as --since: the same commit as the date named, the same report.
    let by_ref = repo.touchbase_ok(&["--format", "json", "changes", "--since", "HEAD~5"]);
    assert_eq!(by_ref, json);
}

#[test]
fn changes_name_an_account_that_lost_its_decision_maker_and_its_only_contact() {
    let repo = team_repo();
    // --until: only Jane's move to Globex between the last two commits.
    let json = repo.touchbase_ok(&["--format", "json", "changes", "--since", "HEAD~1", "--until", "HEAD"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["moves"][0]["field"], "company");
    repo.git("Bob", "2026-11-09", &["rm", "-q", "people/Kim Park.md"]);
    repo.commit("Bob", "2026-11-09", "Kim is gone");
    // Kim, Acme's one decision maker and (Sam gone, Jane at Globex) its only contact, recently in
    // touch, deleted.
    let json = repo.touchbase_ok(&["--format", "json", "changes", "--since", "HEAD~1"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["left"][0]["deleted"], true);
    let lost: Vec<_> =
        value["accounts"].as_array().unwrap().iter().map(|a| a["what"].as_str().unwrap()).collect();
    assert_eq!(lost, ["decision_maker", "only_recent_contact"], "{json}");
}

#[test]
fn changes_outside_git_is_the_same_clear_error() {
    let dir = tempfile::Builder::new().prefix("touchbase-nogit").tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_touchbase"))
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .env_remove("TOUCHBASE_VAULT")
        .args(["--vault", ".", "--today", TODAY, "changes", "--since", "2026-11-01"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a git repository"));
}

#[test]
fn a_vault_in_a_folder_of_its_repository_reads_the_same() {
    let repo = team_repo_in(Repo::with_git_in(Some("repo")));
    let table = repo.touchbase_ok(&["history", "Jane Doe"]);
    let json = repo.touchbase_ok(&["--format", "json", "changes", "--since", "2026-11-02"]);
    let flat = team_repo();
    assert_eq!(strip_hashes(&table), strip_hashes(&flat.touchbase_ok(&["history", "Jane Doe"])));
    let other = flat.touchbase_ok(&["--format", "json", "changes", "--since", "2026-11-02"]);
    assert_eq!(strip_hashes(&json), strip_hashes(&other));
}

/// The commits differ (one tree has a folder more); everything else must not.
fn strip_hashes(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            if w.trim_matches(|c: char| !c.is_ascii_hexdigit()).len() >= 7
                && w.chars().filter(char::is_ascii_digit).count() > 1
                && !w.contains('-')
            {
                "HASH"
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn an_entry_from_a_merged_branch_counts_once() {
    let repo = team_repo();
    repo.git("Alice", "2026-11-09", &["checkout", "-q", "-b", "alice"]);
    let logged = JANE_5.replace("## Log\n", "## Log\n- 2026-11-10: call about the renewal\n");
    repo.write("people/Jane Doe.md", &logged);
    repo.commit("Alice", "2026-11-10", "Alice logs a call");
    repo.git("Bob", "2026-11-11", &["checkout", "-q", "main"]);
    repo.write("people/Jane Doe.md", &JANE_5.replace("role: CEO", "role: CEO and founder"));
    repo.commit("Bob", "2026-11-11", "Bob's title fix");
    repo.git("Bob", "2026-11-12", &["merge", "-q", "--no-edit", "alice"]);
    let merged = std::fs::read_to_string(repo.vault().join("people/Jane Doe.md")).unwrap();
    assert!(merged.contains("renewal") && merged.contains("founder"), "{merged}");
    repo.write(
        "people/Jane Doe.md",
        &merged.replace("tags: [customer, golf]", "tags: [customer, golf, vip]"),
    );
    repo.commit("Bob", "2026-11-13", "Jane is a VIP");
    let json = repo.touchbase_ok(&["--format", "json", "changes", "--since", "2026-11-09"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["touches_by_author"], serde_json::json!([{"name": "Alice", "touches": 1}]), "{json}");
}

#[test]
fn changes_since_before_the_first_commit_finds_everyone_new_and_a_bad_point_is_an_error() {
    let repo = team_repo();
    let json = repo.touchbase_ok(&["--format", "json", "changes", "--since", "2026-10-01"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(value["since"].is_null());
    let names: Vec<_> =
        value["new_people"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Jane Doe", "Kim Park", "Sam Lee"]);
    let output = repo.touchbase(&["changes", "--since", "no-such-ref"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("neither a date nor a git revision"));
}
