//! Issue 14 part 7 on `tests/fixtures/import/feedback/mixed.vcf`, a card of each outcome against
//! a vault that knows two of them: created, updated with a conflict, unchanged, skipped, a
//! warning and a recovery; the dry-run plan, `--quiet`, and a 120-card import's lines.

use std::path::Path;

use crate::harness::{Output, Test};

/// The vault: Ada with another company (a conflict), Tom with everything the card has.
fn vault() -> Test {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/feedback/mixed.vcf");
    Test::empty_vault()
        .file("Ada Okafor.md", "---\nname: Ada Okafor\ncompany: Lumen Labs Ltd\n---\n")
        .file("Tom Baker.md", "---\nname: Tom Baker\nemail: tom@example.org\n---\n")
        .file_bytes("in/mixed.vcf", &std::fs::read(source).unwrap())
}

fn import(test: Test, args: &[&str]) -> Output {
    test.args(["import", "vault/in/mixed.vcf"]).args(args.iter().copied()).run()
}

#[test]
fn the_summary_counts_each_outcome() {
    let out = import(vault(), &[]);
    out.code(1).stdout_golden("import-feedback-mixed").stderr_golden("import-feedback-mixed");
    assert!(
        out.read_file("Zoe Lane.md").contains("email: zoe@example.org\n"),
        "the unterminated card is kept"
    );
}

#[test]
fn dry_run_prints_the_plan_and_writes_nothing() {
    let out = import(vault(), &["--dry-run"]);
    out.code(1).stdout_golden("import-feedback-mixed-dry-run").stderr_golden("import-feedback-mixed");
    assert_eq!(out.vault_files().iter().filter(|f| f.ends_with(".md")).count(), 2, "nothing written");
}

#[test]
fn quiet_keeps_the_summary_and_what_was_lost() {
    let out = import(vault(), &["--quiet"]);
    out.code(1).stdout_is(
        "4 contacts read from vault/in/mixed.vcf (vCard): 2 created, 1 updated, 1 unchanged, 1 skipped, \
         1 conflict, 2 warnings\n",
    );
    // The recovery (Zoe's missing END:VCARD) lost nothing: left out; the rest stays.
    out.stderr_is(
        "vault/in/mixed.vcf:16: BDAY: invalid date \"2026-13-45\"; kept in the notes\n\
         vault/in/mixed.vcf:22: card has no name, e-mail or phone; skipped\n",
    );
}

/// `n` cards in one file.
fn cards(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i:03}\r\nEND:VCARD\r\n"));
    }
    text
}

#[test]
fn a_big_import_prints_the_first_50_lines_and_the_count() {
    let test = Test::empty_vault().file("big.vcf", &cards(120));
    let out = test.args(["import", "vault/big.vcf", "--dry-run"]).run();
    out.success().stderr_is("");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 52, "{}", out.stdout);
    assert_eq!(lines[49], "would create vault/Person 049.md");
    assert_eq!(lines[50], "... and 70 more files (--verbose lists every one)");
    assert!(
        lines[51].starts_with("120 contacts read from vault/big.vcf (vCard): 120 to create"),
        "{}",
        lines[51]
    );
    let out =
        Test::empty_vault().file("big.vcf", &cards(120)).args(["import", "vault/big.vcf", "--verbose"]).run();
    out.success();
    assert_eq!(out.stdout.lines().count(), 121);
    assert!(!out.stdout.contains("more files"));
    assert!(!out.stderr.contains("importing"), "no progress bar without a terminal: {}", out.stderr);
}

/// What a shell `command` run in `dir` under `script` (a pseudo-terminal as stdin, stdout and
/// stderr) shows on that terminal.
fn on_a_terminal(dir: &std::path::Path, command: &str) -> String {
    let tty = std::process::Command::new("script")
        .args(["-qec", command, "/dev/null"])
        .current_dir(dir)
        .env("TOUCHBASE_NO_CACHE", "1")
        .output()
        .unwrap();
    String::from_utf8_lossy(&tty.stdout).into_owned()
}

#[test]
fn the_progress_bar_is_drawn_on_a_terminal_only() {
    // `script` gives the binary a pseudo-terminal as stdin, stdout and stderr.
    // A machine without it fails here, loudly, rather than passing without a terminal.
    assert!(
        std::process::Command::new("script").arg("--version").output().is_ok(),
        "this test needs `script` (util-linux) to give touchbase a pseudo-terminal"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("v")).unwrap();
    std::fs::write(dir.path().join("cards.vcf"), cards(250)).unwrap();
    let bin = env!("CARGO_BIN_EXE_touchbase");
    let command = format!("{bin} --vault v --today 2026-11-26 import cards.vcf > out.txt");
    let shown = on_a_terminal(dir.path(), &command);
    assert!(shown.contains("importing") && shown.contains("/250"), "{shown}");
    let out = std::fs::read_to_string(dir.path().join("out.txt")).unwrap();
    assert!(
        out.ends_with("250 contacts read from cards.vcf (vCard): 250 created, 0 updated, 0 unchanged\n"),
        "{out}"
    );
    // `--quiet` draws no bar, even on a terminal.
    std::fs::write(dir.path().join("more.vcf"), cards(250).replace("Person", "Quiet")).unwrap();
    let command = format!("{bin} --vault v --today 2026-11-26 -q import more.vcf > out.txt");
    let shown = on_a_terminal(dir.path(), &command);
    assert!(!shown.contains("importing"), "{shown}");
    let out = std::fs::read_to_string(dir.path().join("out.txt")).unwrap();
    assert!(out.contains("250 created"), "{out}");
}
