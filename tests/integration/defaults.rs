//! The user's defaults (issue 18 part 5): `~/.config/touchbase/config.toml` (`$XDG_CONFIG_HOME`;
//! the harness points it into each test's temp dir) for the default vault, `me`, colour and the
//! pager; its unknown keys warned about with their line, a broken file an error with its
//! position; the pager on a pseudo-terminal only (`script`), off with `--no-pager`,
//! `pager = false` or when piped.

use crate::harness::Test;

const CONFIG: &str = "xdg-config/touchbase/config.toml";

#[test]
fn the_config_names_the_default_vault_after_the_nearer_ones() {
    let test = Test::sample().no_vault_flag();
    let vault = test.vault_path();
    let out =
        test.outside(CONFIG, &format!("vault = {:?}\n", vault.display().to_string())).args(["overdue"]).run();
    out.success().stdout_has("Greg Lawson");
    // $TOUCHBASE_VAULT (and --vault) come first.
    let out = out.then().no_vault_flag().env("TOUCHBASE_VAULT", "elsewhere").args(["overdue"]).run();
    out.code(2).stderr_has("vault folder elsewhere does not exist (from $TOUCHBASE_VAULT)");
    // A touchbase.toml above the current folder comes before the config's vault.
    let out =
        Test::sample().no_vault_flag().current_dir("people").outside(CONFIG, "vault = \"/nonexistent\"\n");
    out.args(["overdue"]).run().success().stdout_has("Greg Lawson");
    let missing = Test::sample()
        .no_vault_flag()
        .outside(CONFIG, "vault = \"/nonexistent/notes\"\n")
        .args(["overdue"])
        .run();
    missing.code(2).stderr_has("does not exist (from `vault` in the user's config.toml)");
}

#[test]
fn unknown_keys_warn_and_a_broken_file_stops() {
    let out = Test::sample().outside(CONFIG, "# mine\ncolour = \"never\"\n").args(["overdue"]).run();
    out.success()
        .stderr_has("touchbase: warning: ")
        .stderr_has("touchbase/config.toml:2: unknown key \"colour\" ignored");
    let out = Test::sample().outside(CONFIG, "me = \"a\"\nvault = 3\n").args(["overdue"]).run();
    out.code(2).stderr_has("touchbase/config.toml:2:9: ");
    let out = Test::sample().outside(CONFIG, "color = \"sometimes\"\n").args(["overdue"]).run();
    out.code(2).stderr_has("color = \"sometimes\"");
    // git's merge driver never reads it.
    Test::sample().outside(CONFIG, "vault = [\n").args(["completions", "bash"]).run().success();
}

#[test]
fn me_and_color_come_from_the_config() {
    let settings = "default_cadence = \"yearly\"\n[cadence_by_tag]\ncustomer = \"monthly\"\n";
    let out = Test::sample()
        .file("touchbase.toml", settings)
        .env("HOME", "/nonexistent-home-for-touchbase-tests")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .arg("--no-cache")
        .outside(CONFIG, "me = [\"Olivia Chen\"]\ncolor = \"always\"\n")
        .args(["overdue", "--mine"])
        .run();
    out.success();
    assert!(out.stdout.contains('\u{1b}'), "coloured though piped: {}", out.stdout);
    let out = out.then().args(["--no-cache", "overdue", "--mine", "--color", "never"]).run();
    assert!(!out.stdout.contains('\u{1b}'), "the flag wins");
}

/// What `command` (run by `sh` in `dir`) writes, on a pseudo-terminal from `script`.
fn on_a_terminal(dir: &std::path::Path, command: &str) -> String {
    assert!(
        std::process::Command::new("script").arg("--version").output().is_ok(),
        "this test needs `script` (util-linux) to give touchbase a pseudo-terminal"
    );
    let tty = std::process::Command::new("script")
        .args(["-qec", command, "/dev/null"])
        .current_dir(dir)
        .env("TOUCHBASE_NO_CACHE", "1")
        .env("XDG_CONFIG_HOME", dir.join("xdg-config"))
        .env_remove("PAGER")
        .output()
        .unwrap();
    String::from_utf8_lossy(&tty.stdout).into_owned()
}

#[test]
fn long_output_goes_to_the_pager_on_a_terminal_only() {
    let test = Test::sample();
    let dir = test.vault_path().parent().unwrap().to_path_buf();
    let _keep = test.into_tempdir();
    let bin = env!("CARGO_BIN_EXE_touchbase");
    let run = format!("{bin} --vault vault --today 2026-11-26");
    // A fake pager that records what it got.
    let pager = "TOUCHBASE_PAGER='cat > paged.txt'";
    let shown = on_a_terminal(&dir, &format!("{pager} {run} overdue"));
    let paged = std::fs::read_to_string(dir.join("paged.txt")).unwrap();
    assert!(paged.contains("Greg Lawson") && paged.contains("Katie Brennan"), "{paged}");
    assert!(!shown.contains("Greg Lawson"), "the terminal shows the pager, not the list: {shown}");
    std::fs::remove_file(dir.join("paged.txt")).unwrap();
    // $PAGER when TOUCHBASE_PAGER is unset.
    on_a_terminal(&dir, &format!("PAGER='cat > paged.txt' {run} show 'Jane Doe'"));
    assert!(std::fs::read_to_string(dir.join("paged.txt")).unwrap().contains("Jane Doe"));
    std::fs::remove_file(dir.join("paged.txt")).unwrap();
    for off in [
        format!("{pager} {run} --no-pager overdue"),
        format!("{pager} {run} overdue | cat"),
        format!("{pager} {run} index"),
    ] {
        let shown = on_a_terminal(&dir, &off);
        assert!(!dir.join("paged.txt").exists(), "no pager for {off}: {shown}");
    }
    assert!(on_a_terminal(&dir, &format!("{pager} {run} --no-pager overdue")).contains("Greg Lawson"));
    std::fs::create_dir_all(dir.join("xdg-config/touchbase")).unwrap();
    std::fs::write(dir.join("xdg-config/touchbase/config.toml"), "pager = false\n").unwrap();
    let shown = on_a_terminal(&dir, &format!("{pager} {run} overdue"));
    assert!(!dir.join("paged.txt").exists() && shown.contains("Greg Lawson"), "pager = false: {shown}");
}
