//! The help a user reads: `help CMD` shows examples, `man` prints touchbase(1) and each
//! command's page and writes them all into a folder, and bash completes contact names
//! case-insensitively with the generated script.

use std::process::Command;

fn touchbase(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_touchbase")).args(args).output().unwrap()
}

fn stdout(args: &[&str]) -> String {
    let out = touchbase(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn help_shows_examples_and_global_options_last() {
    for command in ["list", "show", "log", "new", "sync"] {
        let help = stdout(&["help", command]);
        let examples = help.find("Examples:").unwrap_or_else(|| panic!("{command}: {help}"));
        assert!(help[examples..].contains(&format!("touchbase {command} ")), "{command}: {help}");
        assert!(help.find("Options:").unwrap() < help.find("Global options:").unwrap(), "{help}");
    }
}

#[test]
fn man_prints_the_top_page_a_commands_page_and_writes_all() {
    let top = stdout(&["man"]);
    for section in
        [".SH \"QUERY LANGUAGE\"", ".SH FILES", ".SH ENVIRONMENT", ".SH \"EXIT STATUS\"", ".SH EXAMPLES"]
    {
        assert!(top.contains(section), "{section}");
    }
    assert!(top.contains("TOUCHBASE_VAULT") && top.contains("NO_COLOR"));
    let list = stdout(&["man", "list"]);
    assert!(list.starts_with(".TH touchbase\\-list 1") || list.contains("touchbase\\-list"), "{list}");
    assert!(list.contains("tag:golf"), "the examples: {list}");
    assert!(stdout(&["man", "sync", "contacts"]).contains("accept\\-deletions"));
    let unknown = touchbase(&["man", "lsit"]);
    assert_eq!(unknown.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let written = stdout(&["man", "--dir", dir.path().to_str().unwrap()]);
    for page in ["touchbase.1", "touchbase-list.1", "touchbase-sync-contacts.1", "touchbase-man.1"] {
        assert!(dir.path().join(page).is_file(), "{page}: {written}");
    }
    assert!(!dir.path().join("touchbase-complete-names.1").exists(), "hidden commands get no page");
}

/// The generated bash script, sourced in a real bash, completes `show ja` to Jane Doe.
#[test]
fn bash_completes_contact_names_case_insensitively() {
    if Command::new("bash").arg("--version").output().is_err() {
        return;
    }
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_touchbase")).parent().unwrap();
    let vault = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-vault");
    let script = r#"
source <(touchbase completions bash)
complete -p touchbase
for word in ja JA '"ja'; do
    COMP_WORDS=(touchbase --vault "$VAULT" show "$word"); COMP_CWORD=4
    _touchbase_with_names touchbase "$word" show
    printf '%s\n' "${COMPREPLY[@]}"
done
if shopt -q nocasematch; then echo "nocasematch leaked"; fi
"#;
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("bash")
        .args(["--norc", "-c", script])
        .env("PATH", path)
        .env("VAULT", vault)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("-F _touchbase_with_names touchbase"), "{text}");
    assert_eq!(text.matches("Jane\\ Doe\n").count(), 3, "{text}");
    assert!(!text.contains("leaked"), "{text}");
}

/// A command line as the shell would split it (double quotes only, which is all examples use).
fn words(line: &str) -> Vec<String> {
    let (mut out, mut word, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => out.extend((!word.is_empty()).then(|| std::mem::take(&mut word))),
            c => word.push(c),
        }
    }
    out.extend((!word.is_empty()).then_some(word));
    out
}

/// Each command's examples that need nothing outside the sample vault run there, in a copy.
#[test]
fn the_examples_run_on_the_sample_vault() {
    const SKIP: &[&str] =
        &["|", ">", "&&", "~", "--edit", "edit ", "watch", "sync ", "import ", "init", "merge"];
    let dir = tempfile::tempdir().unwrap();
    let copy = Command::new("cp")
        .args(["-r", concat!(env!("CARGO_MANIFEST_DIR"), "/sample-vault")])
        .arg(dir.path().join("v"))
        .status()
        .unwrap();
    assert!(copy.success());
    let vault = dir.path().join("v");
    let mut ran = 0;
    for command in [
        "list", "show", "profile", "brief", "overdue", "upcoming", "check", "new", "log", "snooze",
        "outreach", "cards", "accounts", "checkup", "export", "agenda", "man",
    ] {
        let help = stdout(&[command, "--help"]);
        let examples = &help[help.find("Examples:").unwrap()..];
        for line in examples.lines().filter_map(|l| l.trim().strip_prefix("touchbase ")) {
            let line = line.split("  ").next().unwrap();
            if SKIP.iter().any(|s| line.contains(s)) || line.starts_with("history") {
                continue;
            }
            let out = Command::new(env!("CARGO_BIN_EXE_touchbase"))
                .args(["--vault", vault.to_str().unwrap(), "--today", "2026-11-26"])
                .args(words(line))
                .output()
                .unwrap();
            // The sample vault keeps one broken file on purpose: `check` finds it (exit 1).
            let ok = out.status.success() || (line.starts_with("check") && out.status.code() == Some(1));
            assert!(ok, "touchbase {line}: {}", String::from_utf8_lossy(&out.stderr));
            ran += 1;
        }
    }
    assert!(ran >= 35, "only {ran} examples ran");
}
