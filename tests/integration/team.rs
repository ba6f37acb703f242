//! A vault shared by two people through git, with the real `git` binary and the real
//! `touchbase` as its merge driver (found on PATH, as `init --git` configures it).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::harness::{golden, TODAY};

/// A temp dir with a bare origin, an isolated HOME and git config, and the clones made in it.
struct Team {
    dir: tempfile::TempDir,
}

const JANE: &str = "people/Jane Doe.md";

const JANE_TEXT: &str = "---\nname: Jane Doe\ncompany: Acme # the customer\nrole: CTO\ntags: [customer]\nlast_contact: 2026-11-01\n---\nLikes golf.\n\n## Log\n- 2026-11-01: lunch at the usual place\n";

impl Team {
    fn new() -> Team {
        let dir = tempfile::Builder::new().prefix("touchbase-team").tempdir().unwrap();
        std::fs::create_dir(dir.path().join("home")).unwrap();
        std::fs::write(
            dir.path().join("gitconfig"),
            "[init]\n\tdefaultBranch = main\n[pull]\n\trebase = false\n[advice]\n\tdetachedHead = false\n",
        )
        .unwrap();
        let team = Team { dir };
        team.git(None, "Alice", &["init", "--bare", "origin.git"]);
        team
    }

    fn path(&self, clone: &str) -> PathBuf {
        self.dir.path().join(clone)
    }

    /// The environment both tools run in: nothing from the user's own config leaks in.
    fn command(&self, program: &Path, cwd: &Path, author: &str) -> Command {
        let bin = Path::new(env!("CARGO_BIN_EXE_touchbase")).parent().unwrap().to_path_buf();
        let path = std::env::join_paths(
            std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
        )
        .unwrap();
        let mut command = Command::new(program);
        crate::harness::as_git_author(&mut command, self.dir.path(), author, "2026-11-26T10:00:00Z")
            .current_dir(cwd)
            .env("PATH", path)
            // The hook's `touchbase index` runs under git, with this environment.
            .env("TOUCHBASE_TODAY", TODAY);
        command
    }

    /// Runs git in a clone (or the temp dir); git missing fails the test loudly.
    fn git(&self, clone: Option<&str>, author: &str, args: &[&str]) -> Output {
        let cwd = clone.map_or_else(|| self.dir.path().to_path_buf(), |c| self.path(c));
        let output = self
            .command(Path::new("git"), &cwd, author)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("these tests need the `git` binary: {e}"));
        output
    }

    fn git_ok(&self, clone: &str, author: &str, args: &[&str]) -> String {
        let output = self.git(Some(clone), author, args);
        assert!(output.status.success(), "git {args:?} in {clone} failed:\n{}", describe(&output));
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn touchbase(&self, clone: &str, args: &[&str]) -> Output {
        self.command(Path::new(env!("CARGO_BIN_EXE_touchbase")), &self.path(clone), "nobody")
            .args(["--vault", ".", "--today", TODAY])
            .args(args)
            .output()
            .unwrap()
    }

    fn touchbase_ok(&self, clone: &str, args: &[&str]) -> String {
        let output = self.touchbase(clone, args);
        assert!(output.status.success(), "touchbase {args:?} in {clone} failed:\n{}", describe(&output));
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn read(&self, clone: &str, file: &str) -> Vec<u8> {
        std::fs::read(self.path(clone).join(file)).unwrap()
    }

    fn write(&self, clone: &str, file: &str, bytes: &[u8]) {
        let path = self.path(clone).join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    fn commit(&self, clone: &str, author: &str, message: &str) {
        self.git_ok(clone, author, &["add", "-A"]);
        self.git_ok(clone, author, &["commit", "-q", "-m", message]);
    }

    /// Alice sets the vault up with `files` and pushes; Bob clones it; both run `init --git`.
    fn shared(files: &[(&str, &[u8])]) -> Team {
        let team = Team::new();
        team.git(None, "Alice", &["clone", "-q", "origin.git", "alice"]);
        for (file, bytes) in files {
            team.write("alice", file, bytes);
        }
        let out = team.touchbase_ok("alice", &["init", "--git"]);
        assert!(out.contains("wrote .gitattributes"), "{out}");
        team.commit("alice", "Alice", "A shared vault");
        team.git_ok("alice", "Alice", &["push", "-q", "origin", "main"]);
        team.git(None, "Bob", &["clone", "-q", "origin.git", "bob"]);
        let out = team.touchbase_ok("bob", &["init", "--git"]);
        assert!(out.contains("unchanged: .gitattributes"), "{out}");
        team
    }
}

fn describe(output: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout ---\n{}--- stderr ---\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn two_reps_log_the_same_contact_on_the_same_day_and_pull_without_conflict() {
    let team = Team::shared(&[(JANE, JANE_TEXT.as_bytes())]);
    let attributes = String::from_utf8(team.read("alice", ".gitattributes")).unwrap();
    assert!(attributes.contains("*.md merge=touchbase\n/INDEX.md linguist-generated\n"), "{attributes}");
    let driver = team.git_ok("bob", "Bob", &["config", "merge.touchbase.driver"]);
    assert_eq!(driver, "touchbase merge-file %O %A %B %P\n");

    team.touchbase_ok("alice", &["log", "Jane Doe", "call about the renewal"]);
    team.commit("alice", "Alice", "Call with Jane");
    team.git_ok("alice", "Alice", &["push", "-q", "origin", "main"]);

    team.touchbase_ok("bob", &["log", "Jane Doe", "demo of the new plan"]);
    let text = String::from_utf8(team.read("bob", JANE)).unwrap();
    team.write("bob", JANE, text.replace("role: CTO", "role: CEO").as_bytes());
    team.commit("bob", "Bob", "Demo for Jane, now CEO");

    let pull = team.git(Some("bob"), "Bob", &["pull", "-q", "--no-edit", "origin", "main"]);
    assert!(pull.status.success(), "the pull conflicted:\n{}", describe(&pull));
    let merged = String::from_utf8(team.read("bob", JANE)).unwrap();
    golden("team-merged-jane.md", &merged, &describe(&pull));
    assert!(merged.contains("call about the renewal") && merged.contains("demo of the new plan"));
    assert!(merged.contains("role: CEO") && !merged.contains("<<<<<<<"));
    // The merge commit has both parents, and the file reads back as a contact.
    let parents = team.git_ok("bob", "Bob", &["log", "-1", "--format=%P"]);
    assert_eq!(parents.split_whitespace().count(), 2, "{parents}");
    let show = team.touchbase_ok("bob", &["show", "Jane Doe"]);
    assert!(show.contains("CEO"), "{show}");
}

/// Alice and Bob change their clones of `file` and Bob pulls Alice's: the pull's output.
fn diverge(team: &Team, file: &str, alice: &[u8], bob: &[u8]) -> Output {
    team.write("alice", file, alice);
    team.commit("alice", "Alice", "Alice's edit");
    team.git_ok("alice", "Alice", &["push", "-q", "origin", "main"]);
    team.write("bob", file, bob);
    team.commit("bob", "Bob", "Bob's edit");
    team.git(Some("bob"), "Bob", &["pull", "-q", "--no-edit", "origin", "main"])
}

#[test]
fn two_edits_of_one_prose_line_leave_markers_there_only() {
    let team = Team::shared(&[(JANE, JANE_TEXT.as_bytes())]);
    let alice = JANE_TEXT
        .replace("Likes golf.", "Likes golf and tennis.")
        .replace("## Log\n", "## Log\n- 2026-11-26: call\n");
    let bob = JANE_TEXT
        .replace("Likes golf.", "Likes chess.")
        .replace("## Log\n", "## Log\n- 2026-11-25: email\n")
        .replace("tags: [customer]", "tags: [customer, vip]");
    let pull = diverge(&team, JANE, alice.as_bytes(), bob.as_bytes());
    assert!(!pull.status.success(), "the pull should conflict:\n{}", describe(&pull));
    assert!(
        String::from_utf8_lossy(&pull.stderr).contains("conflict markers are left"),
        "{}",
        describe(&pull)
    );
    let merged = String::from_utf8(team.read("bob", JANE)).unwrap();
    let expected = JANE_TEXT
        .replace("tags: [customer]", "tags: [customer, vip]")
        .replace("Likes golf.", "<<<<<<< ours\nLikes chess.\n=======\nLikes golf and tennis.\n>>>>>>> theirs")
        .replace("## Log\n", "## Log\n- 2026-11-26: call\n- 2026-11-25: email\n");
    assert_eq!(merged, expected);
    let status = team.git_ok("bob", "Bob", &["status", "--porcelain"]);
    assert!(status.contains("UU \"people/Jane Doe.md\""), "{status}");
}

#[test]
fn a_crlf_file_with_a_bom_keeps_both() {
    let crlf = |s: &str| format!("\u{feff}{}", s.replace('\n', "\r\n"));
    let team = Team::shared(&[(JANE, crlf(JANE_TEXT).as_bytes())]);
    let alice = crlf(&JANE_TEXT.replace("## Log\n", "## Log\n- 2026-11-26: call\n"));
    let bob = crlf(
        &JANE_TEXT.replace("## Log\n", "## Log\n- 2026-11-26: demo\n").replace("role: CTO", "role: CEO"),
    );
    let pull = diverge(&team, JANE, alice.as_bytes(), bob.as_bytes());
    assert!(pull.status.success(), "{}", describe(&pull));
    let expected = crlf(
        &JANE_TEXT
            .replace("## Log\n", "## Log\n- 2026-11-26: demo\n- 2026-11-26: call\n")
            .replace("role: CTO", "role: CEO"),
    );
    assert_eq!(String::from_utf8(team.read("bob", JANE)).unwrap(), expected);
}

#[test]
fn a_note_falls_back_to_git_merge_file() {
    let note = "# Ideas\n\none\ntwo\nthree\nfour\nfive\n";
    let team = Team::shared(&[(JANE, JANE_TEXT.as_bytes()), ("notes/ideas.md", note.as_bytes())]);
    let pull = diverge(
        &team,
        "notes/ideas.md",
        note.replace("one", "ONE").as_bytes(),
        note.replace("five", "FIVE").as_bytes(),
    );
    assert!(pull.status.success(), "{}", describe(&pull));
    assert_eq!(
        String::from_utf8(team.read("bob", "notes/ideas.md")).unwrap(),
        "# Ideas\n\nONE\ntwo\nthree\nfour\nFIVE\n"
    );
    // The same line changed on both sides: git's markers, exit 1.
    let pull = diverge(
        &team,
        "notes/ideas.md",
        note.replace("three", "3").as_bytes(),
        note.replace("three", "III").as_bytes(),
    );
    assert!(!pull.status.success(), "{}", describe(&pull));
    let merged = String::from_utf8(team.read("bob", "notes/ideas.md")).unwrap();
    assert!(merged.contains("<<<<<<< ours\nIII\n=======\n3\n>>>>>>> theirs\n"), "{merged}");
}

#[cfg(unix)]
#[test]
fn the_generated_page_resolves_to_ours_and_init_git_is_idempotent() {
    let team = Team::shared(&[(JANE, JANE_TEXT.as_bytes())]);
    team.touchbase_ok("alice", &["index"]);
    team.commit("alice", "Alice", "The page");
    team.git_ok("alice", "Alice", &["push", "-q", "origin", "main"]);
    team.git_ok("bob", "Bob", &["pull", "-q", "--no-edit", "origin", "main"]);
    let page = team.read("bob", "INDEX.md");
    let alice_page = String::from_utf8(page.clone()).unwrap().replace("2026-11-26", "2026-11-27");
    let bob_page = String::from_utf8(page).unwrap().replace("2026-11-26", "2026-11-28");
    let pull = diverge(&team, "INDEX.md", alice_page.as_bytes(), bob_page.as_bytes());
    assert!(pull.status.success(), "{}", describe(&pull));
    assert_eq!(String::from_utf8(team.read("bob", "INDEX.md")).unwrap(), bob_page);
    // The post-merge hook regenerates the page from the merged files.
    install_hook(&team, "bob", "post-merge");
    let pull = diverge(
        &team,
        "INDEX.md",
        alice_page.replace("11-27", "11-29").as_bytes(),
        bob_page.replace("11-28", "11-30").as_bytes(),
    );
    assert!(pull.status.success(), "{}", describe(&pull));
    let page = String::from_utf8(team.read("bob", "INDEX.md")).unwrap();
    assert!(page.contains("_Generated for 2026-11-26 by `touchbase index`"), "{page}");
    // A second `init --git` changes nothing; a line of the user's own is kept as it was.
    let mut attributes = team.read("bob", ".gitattributes");
    attributes.splice(0..0, b"*.pdf binary\n".iter().copied());
    team.write("bob", ".gitattributes", &attributes);
    let out = team.touchbase_ok("bob", &["init", "--git"]);
    assert!(out.contains("unchanged: .gitattributes"), "{out}");
    assert_eq!(team.read("bob", ".gitattributes"), attributes);
}

#[cfg(unix)]
#[test]
fn the_pre_commit_hook_regenerates_and_stages_the_page() {
    let team = Team::shared(&[(JANE, JANE_TEXT.as_bytes())]);
    install_hook(&team, "alice", "pre-commit");
    team.touchbase_ok("alice", &["log", "Jane Doe", "call about the renewal"]);
    team.commit("alice", "Alice", "Call with Jane");
    let files = team.git_ok("alice", "Alice", &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files, "INDEX.md\npeople/Jane Doe.md\n");
    assert_eq!(team.git_ok("alice", "Alice", &["status", "--porcelain"]), "");
    let page = String::from_utf8(team.read("alice", "INDEX.md")).unwrap();
    assert!(page.contains("_Generated for 2026-11-26 by `touchbase index`"), "{page}");
    // Pages kept out of git: the hook regenerates the page and adds nothing.
    team.write("alice", ".gitignore", b"INDEX.md\n");
    team.git_ok("alice", "Alice", &["rm", "-q", "--cached", "INDEX.md"]);
    team.touchbase_ok("alice", &["log", "Jane Doe", "follow-up mail"]);
    team.commit("alice", "Alice", "Pages out of git");
    let files = team.git_ok("alice", "Alice", &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files, ".gitignore\nINDEX.md\npeople/Jane Doe.md\n");
    assert_eq!(team.git_ok("alice", "Alice", &["ls-files", "INDEX.md"]), "");
}

#[test]
fn merge_file_by_hand_writes_ours_and_names_a_missing_file() {
    let ours = JANE_TEXT.replace("## Log\n", "## Log\n- 2026-11-26: call\n");
    crate::harness::Test::empty_vault()
        .file("base.md", JANE_TEXT)
        .file("ours.md", &ours)
        .file("theirs.md", &JANE_TEXT.replace("role: CTO", "role: CEO"))
        .args(["merge-file", "vault/base.md", "vault/ours.md", "vault/theirs.md", "people/Jane Doe.md"])
        .run()
        .success()
        .stderr_is("")
        .expect_file("ours.md", &ours.replace("role: CTO", "role: CEO"))
        .expect_file("theirs.md", &JANE_TEXT.replace("role: CTO", "role: CEO"));
    crate::harness::Test::empty_vault()
        .file("ours.md", &ours)
        .args(["merge-file", "vault/nothing.md", "vault/ours.md", "vault/ours.md"])
        .run()
        .code(2)
        .stderr_has("vault/nothing.md")
        .expect_file("ours.md", &ours);
}

#[test]
fn init_git_outside_a_repository_says_so() {
    let home = tempfile::tempdir().unwrap();
    crate::harness::Test::empty_vault()
        .env("GIT_CONFIG_GLOBAL", home.path().join("gitconfig").to_str().unwrap())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["init", "--git"])
        .run()
        .code(1)
        .stderr_has("is the vault a git repository? run `git init` first")
        .stdout_is("");
}

#[test]
fn init_git_writes_nothing_outside_a_repository() {
    let home = tempfile::tempdir().unwrap();
    let out = crate::harness::Test::empty_vault()
        .env("GIT_CONFIG_GLOBAL", home.path().join("gitconfig").to_str().unwrap())
        .args(["init", "--git"])
        .run();
    assert!(out.vault_files().is_empty(), "{:?}", out.vault_files());
}

/// Installs docs/examples/HOOK in a clone, as docs/team.md says.
fn install_hook(team: &Team, clone: &str, hook: &str) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let path = team.path(clone).join(".git/hooks").join(hook);
        std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples").join(hook), &path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}
