//! Every example in README.md (and the docs pages listed in `DOCUMENTS`) run with the real binary
//! and compared with what the page shows, so the documentation cannot drift.
//!
//! The convention (README.md's "About the examples" says it for readers):
//! - A ```` ```console ```` block is run. Each line starting with `$ ` is a command, run by `sh -c`
//!   with the built `touchbase` first on `PATH`; the lines after it, up to the next `$ `, are its
//!   exact standard output. A line `...` stands for any number of lines (a cut).
//!   `cargo run --release --` at the start of a command means the built binary.
//! - A ```` ```text stderr ```` block right after a console block is the standard error of that
//!   block's last command, compared the same way (stderr is not compared where none is shown).
//! - `<!-- excerpt: PATH -->` right before a fenced block: the block is an exact excerpt of the
//!   shipped file PATH (`...` lines for cuts).
//! - `<!-- env: KEY=VALUE -->` sets a variable for the page's later commands, as the `export` the
//!   page shows beside it does for a reader.
//! - Any other fence (```` ```sh ````, ```` ```console no-run ````, ```` ```text ````) is not run.
//!
//! Each page runs in one fresh temp dir holding copies of `sample-vault/` and `examples/`, in page
//! order (a `log` is seen by a later `show`), with
//! `TOUCHBASE_TODAY=2026-11-26` (as the README asks readers to export; a page's `env` comments add more), and `HOME` in the temp dir.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The pages whose examples are run.
const DOCUMENTS: &[&str] = &[
    "README.md",
    "docs/commands.md",
    "docs/queries.md",
    "docs/routine.md",
    "docs/import-export.md",
    "docs/watch.md",
];

/// A line in an expected output that stands for any number of lines.
const CUT: &str = "...";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One thing a page promises: a command's output, or a shipped file's excerpt.
#[derive(Debug)]
enum Example {
    Command { line: usize, command: String, stdout: Vec<String>, stderr: Option<Vec<String>> },
    Excerpt { line: usize, path: String, lines: Vec<String> },
    Env { key: String, value: String },
}

/// A fenced block: the line its fence opens on (1-based), its info string and its lines.
struct Block {
    line: usize,
    info: String,
    body: Vec<String>,
    excerpt_of: Option<String>,
}

/// The value of an HTML comment `<!-- NAME: VALUE -->` on its own line.
fn directive<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let rest = line.trim().strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    Some(rest.strip_prefix(name)?.strip_prefix(':')?.trim())
}

fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = text.lines().enumerate();
    let mut excerpt_of = None;
    while let Some((number, line)) = lines.next() {
        if let Some((key, value)) = directive(line, "env").and_then(|kv| kv.split_once('=')) {
            let body = vec![key.to_string(), value.to_string()];
            blocks.push(Block { line: number + 1, info: "env".to_string(), body, excerpt_of: None });
            continue;
        }
        if let Some(path) = directive(line, "excerpt") {
            excerpt_of = Some(path.to_string());
            continue;
        }
        // A fence may be indented (inside a list item); its lines lose the same indentation.
        let Some(info) = line.trim_start().strip_prefix("```") else { continue };
        let indent = &line[..line.len() - line.trim_start().len()];
        let body = lines.by_ref().map(|(_, l)| l).take_while(|l| !l.trim_start().starts_with("```"));
        let body = body.map(|l| l.strip_prefix(indent).unwrap_or(l).to_string()).collect();
        let (info, excerpt_of) = (info.trim().to_string(), excerpt_of.take());
        blocks.push(Block { line: number + 1, info, body, excerpt_of });
    }
    blocks
}

/// The commands of a console block, each with the output lines under it.
fn commands(block: &Block) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    for (offset, line) in block.body.iter().enumerate() {
        if let Some(command) = line.strip_prefix("$ ") {
            let command = command.to_string();
            examples.push(Example::Command {
                line: block.line + 1 + offset,
                command,
                stdout: Vec::new(),
                stderr: None,
            });
        } else if let Some(Example::Command { stdout, .. }) = examples.last_mut() {
            stdout.push(line.clone());
        } else {
            panic!("line {}: a console block must start with a `$ ` command", block.line + 1 + offset);
        }
    }
    examples
}

fn examples(text: &str) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    for block in blocks(text) {
        if block.info == "env" {
            examples.push(Example::Env { key: block.body[0].clone(), value: block.body[1].clone() });
        } else if let Some(path) = &block.excerpt_of {
            examples.push(Example::Excerpt {
                line: block.line,
                path: path.clone(),
                lines: block.body.clone(),
            });
        } else if block.info == "console" {
            examples.extend(commands(&block));
        } else if block.info == "text stderr" {
            match examples.last_mut() {
                Some(Example::Command { stderr, .. }) if stderr.is_none() => *stderr = Some(block.body),
                _ => panic!("line {}: a stderr block must follow a console block", block.line),
            }
        }
    }
    examples
}

/// Whether `actual` is `expected`, where a `...` line in `expected` stands for any lines.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    let Some(cut) = expected.iter().position(|line| line == CUT) else {
        return expected.len() == actual.len() && expected.iter().zip(actual).all(|(e, a)| e == a);
    };
    let (head, rest) = (&expected[..cut], &expected[cut + 1..]);
    if actual.len() < head.len() || !head.iter().zip(actual).all(|(e, a)| e == a) {
        return false;
    }
    let after = &actual[head.len()..];
    (0..=after.len()).any(|skip| matches(rest, &after[skip..]) || rest.is_empty())
}

/// The expected and actual text side by side as a unified diff.
fn diff(expected: &[String], actual: &str) -> String {
    let expected: String = expected.iter().flat_map(|line| [line.as_str(), "\n"]).collect();
    let diff = similar::TextDiff::from_lines(expected.as_str(), actual);
    diff.unified_diff().context_radius(3).header("documented", "actual").to_string()
}

/// A temp dir holding what a reader's checkout holds: the sample vault and the example files.
fn checkout() -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix("touchbase-readme").tempdir().unwrap();
    for tree in ["sample-vault", "examples"] {
        copy_tree(&repo().join(tree), &dir.path().join(tree));
    }
    std::fs::create_dir(dir.path().join("home")).unwrap();
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// Runs one documented command line as a reader's shell would, in `dir`.
fn run(dir: &Path, env: &[(String, String)], command: &str) -> (String, String) {
    let command = command
        .strip_prefix("cargo run --release -- ")
        .map_or(command.to_string(), |rest| format!("touchbase {rest}"));
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_touchbase"));
    let path = std::env::join_paths(
        std::iter::once(binary.parent().unwrap().to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    let home = dir.join("home");
    let output = Command::new("sh")
        .args(["-c", &command])
        .current_dir(dir)
        .env_clear()
        .env("PATH", path)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("TOUCHBASE_TODAY", "2026-11-26")
        .envs(env.iter().cloned())
        .env("NO_COLOR", "1")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Checks one example; a drift comes back as a report naming the page, line and the diff.
fn check(dir: &Path, env: &mut Vec<(String, String)>, page: &str, example: &Example) -> Option<String> {
    match example {
        Example::Env { key, value } => {
            env.push((key.clone(), value.clone()));
            None
        }
        Example::Excerpt { line, path, lines } => {
            let text = std::fs::read_to_string(repo().join(path))
                .unwrap_or_else(|e| panic!("{page}:{line}: {path}: {e}"));
            let actual: Vec<&str> = text.lines().collect();
            (!contains(lines, &actual))
                .then(|| format!("{page}:{line}: the excerpt is not in {path}:\n{}", diff(lines, &text)))
        }
        Example::Command { line, command, stdout, stderr } => {
            let (out, err) = run(dir, env, command);
            let mut report = String::new();
            if !matches(stdout, &out.lines().collect::<Vec<_>>()) {
                report += &format!(
                    "{page}:{line}: `{command}` printed on stdout:\n{}\n(stderr: {err})\n",
                    diff(stdout, &out)
                );
            }
            if let Some(stderr) =
                stderr.as_ref().filter(|shown| !matches(shown, &err.lines().collect::<Vec<_>>()))
            {
                report += &format!("{page}:{line}: `{command}` printed on stderr:\n{}", diff(stderr, &err));
            }
            (!report.is_empty()).then_some(report)
        }
    }
}

/// Whether the excerpt's pieces (between `...` lines) are in the file, in order, the first at its
/// top and the last at its end unless the excerpt starts or ends with `...`.
fn contains(excerpt: &[String], file: &[&str]) -> bool {
    matches(excerpt, file)
}

fn drifts(page: &str) -> (usize, Vec<String>) {
    let text = std::fs::read_to_string(repo().join(page)).unwrap();
    let examples = examples(&text);
    let dir = checkout();
    let mut env = Vec::new();
    let drifts = examples.iter().filter_map(|example| check(dir.path(), &mut env, page, example)).collect();
    (examples.iter().filter(|example| !matches!(example, Example::Env { .. })).count(), drifts)
}

#[test]
fn every_documented_example_prints_what_the_page_shows() {
    let mut all = Vec::new();
    for page in DOCUMENTS {
        let (count, drifts) = drifts(page);
        assert!(
            count > 0,
            "{page}: no runnable examples found (see the convention in tests/integration/readme.rs)"
        );
        eprintln!("{page}: {count} examples, {} drifted", drifts.len());
        all.extend(drifts);
    }
    assert!(
        all.is_empty(),
        "{} documented examples drifted (fix the page or the code):\n\n{}",
        all.len(),
        all.join("\n")
    );
}

#[test]
fn the_readme_runs_at_least_its_main_examples() {
    let text = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let commands: Vec<String> = examples(&text)
        .into_iter()
        .filter_map(|e| match e {
            Example::Command { command, .. } => Some(command),
            Example::Excerpt { .. } | Example::Env { .. } => None,
        })
        .collect();
    for needed in ["cargo run --release --", " outreach", " brief ", " accounts ", " import ", " check"] {
        assert!(commands.iter().any(|c| c.contains(needed)), "README.md runs no `{needed}` example");
    }
}

#[test]
fn a_drift_is_caught_and_a_cut_matches_any_lines() {
    let owned = |lines: &[&str]| lines.iter().map(|l| (*l).to_string()).collect::<Vec<_>>();
    assert!(matches(&owned(&["a", "b"]), &["a", "b"]));
    assert!(!matches(&owned(&["a", "b"]), &["a", "c"]));
    assert!(!matches(&owned(&["a"]), &["a", "b"]));
    assert!(matches(&owned(&["a", "...", "d"]), &["a", "b", "c", "d"]));
    assert!(matches(&owned(&["a", "..."]), &["a", "b"]));
    assert!(!matches(&owned(&["a", "...", "d"]), &["a", "b", "c"]));
    let page = "```console\n$ touchbase overdue\nJane\n...\n```\n```text stderr\nwarn\n```\n";
    let found = examples(page);
    assert!(
        matches!(&found[..], [Example::Command { command, stdout, stderr: Some(err), .. }] if command == "touchbase overdue" && stdout.len() == 2 && err.len() == 1)
    );
}

#[test]
fn the_readme_and_ci_run_the_same_test_command() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let ci = std::fs::read_to_string(repo().join(".ci/run")).unwrap();
    let command = "cargo test --locked";
    assert!(
        readme.contains(&format!("```sh\n{command}\n```")),
        "README.md's set-up no longer shows `{command}`"
    );
    assert!(
        ci.lines().any(|line| line.trim() == command),
        ".ci/run no longer runs `{command}`, which README.md shows"
    );
}
