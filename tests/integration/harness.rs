//! The test builder (after casey/just's `Test`): copy a fixture vault into a fresh temp dir, add
//! or overwrite files, run the real binary with `--vault vault --today DATE`, then assert on the
//! exit code, stdout/stderr (inline or against golden files) and the files left in the vault.
//!
//! Layout of a run: `<tempdir>/vault/...` holds the vault and the binary runs with
//! `current_dir = <tempdir>`, so every printed path starts with the stable `vault/`.
//! Golden files live in `tests/golden/<name>.stdout|.stderr`; `UPDATE_GOLDEN=1` rewrites them.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The day every test pretends it is, unless it says otherwise.
pub(crate) const TODAY: &str = "2026-11-26";

/// The folder name of the vault inside the temp dir, and so the prefix of every printed path.
const VAULT: &str = "vault";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a directory tree with `std::fs` (files and folders only).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[must_use]
pub(crate) struct Test {
    tempdir: tempfile::TempDir,
    args: Vec<OsString>,
    today: Option<String>,
    env: Vec<(OsString, OsString)>,
    /// Relative to the vault; `None` runs from the temp dir (the vault's parent).
    cwd_in_vault: Option<PathBuf>,
    pass_vault: bool,
}

impl Test {
    fn empty() -> Test {
        let tempdir = tempfile::Builder::new().prefix("touchbase-test").tempdir().unwrap();
        std::fs::create_dir(tempdir.path().join(VAULT)).unwrap();
        Test {
            tempdir,
            args: Vec::new(),
            today: Some(TODAY.to_string()),
            env: Vec::new(),
            cwd_in_vault: None,
            pass_vault: true,
        }
    }

    /// A copy of `tests/fixtures/<name>/`.
    pub(crate) fn vault(name: &str) -> Test {
        let test = Test::empty();
        copy_tree(&repo().join("tests/fixtures").join(name), &test.vault_dir());
        test
    }

    /// A copy of the repository's `sample-vault/` (what the README shows).
    pub(crate) fn sample() -> Test {
        let test = Test::empty();
        copy_tree(&repo().join("sample-vault"), &test.vault_dir());
        test
    }

    /// An empty vault.
    pub(crate) fn empty_vault() -> Test {
        Test::empty()
    }

    fn vault_dir(&self) -> PathBuf {
        self.tempdir.path().join(VAULT)
    }

    /// Adds or overwrites a file of the vault.
    pub(crate) fn file(self, path: &str, contents: &str) -> Test {
        self.file_bytes(path, contents.as_bytes())
    }

    /// Adds or overwrites a file of the vault with exact bytes (non-UTF-8, BOM, CRLF).
    pub(crate) fn file_bytes(self, path: &str, contents: &[u8]) -> Test {
        let target = self.vault_dir().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, contents).unwrap();
        self
    }

    /// Adds a file beside the vault, in the temp dir (a path relative to where the runs start).
    pub(crate) fn outside(self, path: &str, contents: &str) -> Test {
        let target = self.tempdir.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, contents).unwrap();
        self
    }

    pub(crate) fn today(mut self, today: &str) -> Test {
        self.today = Some(today.to_string());
        self
    }

    /// Passes no `--today` (then `$TOUCHBASE_TODAY`, if set with `.env`, or the clock decides).
    pub(crate) fn no_today(mut self) -> Test {
        self.today = None;
        self
    }

    /// Passes no `--vault`: the binary has to find the vault itself.
    pub(crate) fn no_vault_flag(mut self) -> Test {
        self.pass_vault = false;
        self
    }

    /// Runs from this folder of the vault instead of from the vault's parent.
    pub(crate) fn current_dir(mut self, in_vault: &str) -> Test {
        self.cwd_in_vault = Some(PathBuf::from(in_vault));
        self
    }

    pub(crate) fn arg(mut self, arg: &str) -> Test {
        self.args.push(arg.into());
        self
    }

    pub(crate) fn args<'a>(mut self, args: impl IntoIterator<Item = &'a str>) -> Test {
        self.args.extend(args.into_iter().map(OsString::from));
        self
    }

    pub(crate) fn env(mut self, key: &str, value: &str) -> Test {
        self.env.push((key.into(), value.into()));
        self
    }

    pub(crate) fn run(self) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_touchbase"));
        for key in ["NO_COLOR", "TOUCHBASE_VAULT", "TOUCHBASE_TODAY", "CLICOLOR_FORCE", "TOUCHBASE_PRIVATE"] {
            command.env_remove(key);
        }
        // The developer's own ~/.config/touchbase (a private folder) never reaches a test.
        command.env("XDG_CONFIG_HOME", self.tempdir.path().join("xdg-config"));
        command.envs(self.env.iter().map(|(k, v)| (k, v)));
        let cwd = match &self.cwd_in_vault {
            Some(dir) => self.vault_dir().join(dir),
            None => self.tempdir.path().to_path_buf(),
        };
        command.current_dir(&cwd);
        if self.pass_vault {
            command.args(["--vault", VAULT]);
        }
        if let Some(today) = &self.today {
            command.args(["--today", today]);
        }
        command.args(&self.args);
        let output = command.output().unwrap();
        Output {
            command: std::iter::once("touchbase".into())
                .chain(self.args.iter().map(|a| a.to_string_lossy()))
                .collect::<Vec<_>>()
                .join(" "),
            cwd,
            code: output.status.code(),
            stdout_bytes: output.stdout.clone(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            tempdir: self.tempdir,
        }
    }
}

/// A finished run. Every assertion returns `&Self` so that they chain.
pub(crate) struct Output {
    command: String,
    cwd: PathBuf,
    pub code: Option<i32>,
    pub stdout: String,
    pub stdout_bytes: Vec<u8>,
    pub stderr: String,
    tempdir: tempfile::TempDir,
}

impl Output {
    fn context(&self) -> String {
        format!(
            "command: {}\nexit code: {:?}\n--- stdout ---\n{}--- stderr ---\n{}",
            self.command, self.code, self.stdout, self.stderr
        )
    }

    pub(crate) fn code(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "unexpected exit code\n{}", self.context());
        self
    }

    pub(crate) fn success(&self) -> &Self {
        self.code(0)
    }

    pub(crate) fn stdout_is(&self, expected: &str) -> &Self {
        compare("stdout", expected, &self.stdout, &self.context());
        self
    }

    pub(crate) fn stderr_is(&self, expected: &str) -> &Self {
        compare("stderr", expected, &self.stderr, &self.context());
        self
    }

    pub(crate) fn stdout_has(&self, needle: &str) -> &Self {
        assert!(self.stdout.contains(needle), "stdout lacks {needle:?}\n{}", self.context());
        self
    }

    pub(crate) fn stderr_has(&self, needle: &str) -> &Self {
        assert!(self.stderr.contains(needle), "stderr lacks {needle:?}\n{}", self.context());
        self
    }

    pub(crate) fn stderr_has_line(&self, line: &str) -> &Self {
        assert!(self.stderr.lines().any(|l| l == line), "stderr lacks the line {line:?}\n{}", self.context());
        self
    }

    pub(crate) fn stdout_has_line(&self, line: &str) -> &Self {
        assert!(self.stdout.lines().any(|l| l == line), "stdout lacks the line {line:?}\n{}", self.context());
        self
    }

    pub(crate) fn stdout_golden(&self, name: &str) -> &Self {
        golden(&format!("{name}.stdout"), &self.stdout, &self.context());
        self
    }

    pub(crate) fn stderr_golden(&self, name: &str) -> &Self {
        golden(&format!("{name}.stderr"), &self.stderr, &self.context());
        self
    }

    /// A path the binary printed, resolved from the folder it ran in.
    pub(crate) fn path_from_cwd(&self, printed: &str) -> PathBuf {
        self.cwd.join(printed)
    }

    /// The file's bytes in the vault after the run.
    pub(crate) fn expect_file(&self, path: &str, contents: &str) -> &Self {
        let full = self.tempdir.path().join(VAULT).join(path);
        let got = std::fs::read(&full).unwrap_or_else(|e| panic!("{path}: {e}\n{}", self.context()));
        compare(path, contents, &String::from_utf8_lossy(&got), &self.context());
        assert_eq!(got, contents.as_bytes(), "{path}: bytes differ");
        self
    }
}

pub(crate) fn golden(file: &str, actual: &str, context: &str) {
    let path = repo().join("tests/golden").join(file);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{}: {e}\n(run `UPDATE_GOLDEN=1 cargo test --test integration` to create it)", path.display())
    });
    compare(&format!("tests/golden/{file}"), &expected, actual, context);
}

fn compare(what: &str, expected: &str, actual: &str, context: &str) {
    if expected == actual {
        return;
    }
    panic!(
        "{what} differs (- expected, + actual):\n{}\n=== expected ===\n{expected}=== actual ===\n{actual}\
         ===\n{context}\n(if the new output is right, rerun with UPDATE_GOLDEN=1 and review the diff)",
        line_diff(expected, actual)
    );
}

/// A small longest-common-subsequence line diff, enough to spot what changed.
fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            writeln!(out, "  {}", a[i]).unwrap();
            (i, j) = (i + 1, j + 1);
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            writeln!(out, "+ {}", b[j]).unwrap();
            j += 1;
        } else {
            writeln!(out, "- {}", a[i]).unwrap();
            i += 1;
        }
    }
    if expected.ends_with('\n') != actual.ends_with('\n') {
        out.push_str("(the final newline differs)\n");
    }
    out
}

// Helpers for the index page and watch tests: runs on a vault an earlier run left behind, files
// read back from the vault, and the vault's folder for tests that drive the binary themselves.

impl Test {
    /// The vault's folder in the temp dir.
    pub(crate) fn vault_path(&self) -> PathBuf {
        self.vault_dir()
    }

    /// Gives up the builder and keeps the temp dir (the vault is its `vault/` folder): for
    /// tests that spawn the binary themselves, such as `watch`.
    pub(crate) fn into_tempdir(self) -> tempfile::TempDir {
        self.tempdir
    }
}

impl Output {
    /// A new run on the same vault, with the files this run left in it (fresh arguments, the
    /// default `--today`).
    pub(crate) fn then(self) -> Test {
        Test {
            tempdir: self.tempdir,
            args: Vec::new(),
            today: Some(TODAY.to_string()),
            env: Vec::new(),
            cwd_in_vault: None,
            pass_vault: true,
        }
    }

    /// A file of the vault (it need not exist).
    pub(crate) fn vault_file(&self, path: &str) -> PathBuf {
        self.tempdir.path().join(VAULT).join(path)
    }

    /// The vault's file names (relative, `/`-separated, sorted), hidden files included.
    pub(crate) fn vault_files(&self) -> Vec<String> {
        fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let entry = entry.unwrap();
                let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
                if entry.file_type().unwrap().is_dir() {
                    walk(&entry.path(), &format!("{name}/"), out);
                } else {
                    out.push(name);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.tempdir.path().join(VAULT), "", &mut out);
        out.sort();
        out
    }

    /// The text of a file of the vault after the run.
    pub(crate) fn read_file(&self, path: &str) -> String {
        std::fs::read_to_string(self.vault_file(path))
            .unwrap_or_else(|e| panic!("{path}: {e}\n{}", self.context()))
    }

    /// A file of the vault against `tests/golden/<golden>` (rewritten with `UPDATE_GOLDEN=1`).
    pub(crate) fn file_golden(&self, path: &str, golden_file: &str) -> &Self {
        golden(golden_file, &self.read_file(path), &self.context());
        self
    }
}

/// `command` with git kept off the machine's own configuration (HOME and the global config in
/// `dir`, no system config), `author` as author and committer at `when` (RFC 3339), and no
/// vault or parse cache from the environment: the setting every real-git test runs in.
pub(crate) fn as_git_author<'c>(
    command: &'c mut Command,
    dir: &Path,
    author: &str,
    when: &str,
) -> &'c mut Command {
    let email = format!("{}@example.com", author.to_lowercase());
    command
        .env("HOME", dir.join("home"))
        .env("GIT_CONFIG_GLOBAL", dir.join("gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", author)
        .env("GIT_AUTHOR_EMAIL", &email)
        .env("GIT_COMMITTER_NAME", author)
        .env("GIT_COMMITTER_EMAIL", &email)
        .env("GIT_AUTHOR_DATE", when)
        .env("GIT_COMMITTER_DATE", when)
        .env_remove("TOUCHBASE_VAULT")
        .env("TOUCHBASE_NO_CACHE", "1")
}
