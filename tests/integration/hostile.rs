//! Hostile files (issue 7, part 2): each test puts one kind of hostile file beside a valid
//! contact (Vera Valid) and runs the real binary with a 20 s limit (a hang fails the test). Each
//! hostile file gets one diagnostic shaped `vault/<path>[:line:col]: message`, and Vera is still
//! answered. Output that reaches a terminal never holds a control character other than `\n` and
//! `\t`; the index page and the exports keep their structure whatever the names hold.
//!
//! Large files (100 MB, a million lines) are generated here in the temp dir, never committed.
//!
//! Symlinks (a documented choice, see docs/reliability-hostile.md): a symlink to a regular file
//! is read like the file, wherever it points, even outside the vault; a symlink to a folder is
//! never followed (its contacts are not read); touchbase never writes through a symlink (`log`,
//! `snooze`, `index` refuse with exit 1) and never creates files through one (`--dir`).

use std::io::{Read, Seek, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Test, TODAY};

pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_touchbase");

/// A run longer than this is a hang: the test kills the binary and fails.
pub(crate) const LIMIT: Duration = Duration::from_secs(20);

const VERA: &str = "---\nname: Vera Valid\ncompany: Globex\ncadence: monthly\nlast_contact: 2026-10-01\n\
                    birthday: 1990-12-01\n---\n- 2026-10-01 coffee\n";

/// One finished run of the binary.
pub(crate) struct Run {
    pub label: String,
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Run {
    pub(crate) fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    pub(crate) fn err(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    pub(crate) fn context(&self) -> String {
        format!(
            "{}\nexit code: {:?}\n--- stdout ---\n{}--- stderr ---\n{}",
            self.label,
            self.code,
            self.out(),
            self.err()
        )
    }

    pub(crate) fn code(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "unexpected exit code\n{}", self.context());
        self
    }

    pub(crate) fn stderr_is(&self, expected: &str) -> &Self {
        assert_eq!(self.err(), expected, "\n{}", self.context());
        self
    }

    /// Lists Vera Valid (a table row or a path).
    pub(crate) fn lists_vera(&self) -> &Self {
        let out = self.out();
        assert!(
            out.lines().any(|l| l.starts_with("Vera Valid ") || l == "vault/Vera Valid.md"),
            "Vera Valid is not answered\n{}",
            self.context()
        );
        self
    }

    /// Neither stream holds a control character except `\n` and `\t` (no ESC, no C1), nor a
    /// bidirectional override.
    pub(crate) fn no_control_characters(&self) -> &Self {
        for (name, bytes) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
            assert!(!bytes.contains(&0x1b), "ESC on {name}\n{}", self.context());
            let text = String::from_utf8_lossy(bytes);
            let bidi =
                |c: char| ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c);
            if let Some(c) = text.chars().find(|&c| (c.is_control() && c != '\n' && c != '\t') || bidi(c)) {
                panic!("control character {c:?} on {name}\n{}", self.context());
            }
        }
        self
    }
}

/// Runs the binary from `dir` (the vault is `dir/vault`) with `--vault vault --today TODAY`,
/// under an optional wrapper (`setpriv ...`, `sh -c ...`), killing it after [`LIMIT`]. The parse
/// cache goes to `dir/cache`, outside the vault.
pub(crate) fn run_in(dir: &Path, wrapper: &[&str], args: &[&str]) -> Run {
    let mut command = match wrapper.split_first() {
        Some((program, rest)) => {
            let mut command = Command::new(program);
            command.args(rest).arg(BIN);
            command
        }
        None => Command::new(BIN),
    };
    for key in ["NO_COLOR", "TOUCHBASE_VAULT", "TOUCHBASE_TODAY", "CLICOLOR_FORCE", "TOUCHBASE_NO_CACHE"] {
        command.env_remove(key);
    }
    command.env("TOUCHBASE_CACHE_DIR", dir.join("cache"));
    command.current_dir(dir).args(["--vault", "vault", "--today", TODAY]).args(args);
    let mut stdout = tempfile::tempfile().unwrap();
    let mut stderr = tempfile::tempfile().unwrap();
    command.stdin(Stdio::null()).stdout(stdout.try_clone().unwrap()).stderr(stderr.try_clone().unwrap());
    let label = format!("touchbase {}", args.join(" "));
    let mut child = command.spawn().unwrap_or_else(|e| panic!("{label}: {e}"));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{label}: still running after {LIMIT:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let read = |file: &mut std::fs::File| {
        let mut bytes = Vec::new();
        file.rewind().unwrap();
        file.read_to_end(&mut bytes).unwrap();
        bytes
    };
    Run { label, code: status.code(), stdout: read(&mut stdout), stderr: read(&mut stderr) }
}

/// `path[:line:col]: message`, the path starting with the vault's `vault/`.
pub(crate) fn is_diagnostic(line: &str) -> bool {
    let Some((head, message)) = line.split_once(": ") else { return false };
    let mut parts = head.rsplitn(3, ':');
    let (last, middle, first) = (parts.next(), parts.next(), parts.next());
    let numeric = |s: Option<&str>| s.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    let path = match first {
        Some(path) if numeric(middle) && numeric(last) => path,
        _ => head,
    };
    path.starts_with("vault/") && path.len() > "vault/".len() && !message.is_empty()
}

/// An expected diagnostic line: the whole line, or its start and end (for positions and texts
/// that depend on a library).
enum Expect {
    Line(String),
    Around(String, String),
}

impl Expect {
    fn matches(&self, line: &str) -> bool {
        match self {
            Expect::Line(expected) => line == expected,
            Expect::Around(start, end) => line.starts_with(start.as_str()) && line.ends_with(end.as_str()),
        }
    }
}

fn line(text: &str) -> Expect {
    Expect::Line(text.to_string())
}

fn around(start: &str, end: &str) -> Expect {
    Expect::Around(start.to_string(), end.to_string())
}

/// The message std gives for an OS error, as touchbase prints it.
fn os_error(code: i32) -> String {
    std::io::Error::from_raw_os_error(code).to_string()
}

/// A vault holding Vera Valid, in a temp dir.
pub(crate) struct Vault {
    dir: tempfile::TempDir,
}

impl Vault {
    pub(crate) fn new() -> Vault {
        Vault { dir: Test::empty_vault().file("Vera Valid.md", VERA).into_tempdir() }
    }

    pub(crate) fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join("vault").join(relative)
    }

    pub(crate) fn file(&self, relative: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    pub(crate) fn symlink(&self, relative: &str, target: impl AsRef<Path>) -> &Self {
        std::os::unix::fs::symlink(target, self.path(relative)).unwrap();
        self
    }

    fn fifo(&self, relative: &str) -> &Self {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let status = Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(status.success(), "mkfifo {}", path.display());
        self
    }

    pub(crate) fn run(&self, args: &[&str]) -> Run {
        run_in(self.dir(), &[], args)
    }

    /// `list` and `check` both answer for Vera and report each expected diagnostic, and every
    /// diagnostic line has the documented shape.
    fn assert_answered(&self, expected: &[Expect]) {
        self.assert_answered_by(&[], expected);
    }

    fn assert_answered_by(&self, wrapper: &[&str], expected: &[Expect]) {
        // Without `--verbose`, one summary line; with it, every diagnostic line.
        let summary = run_in(self.dir(), wrapper, &["list"]);
        summary.code(0).lists_vera().no_control_characters();
        let err = summary.err();
        assert!(
            err.lines().count() == 1 && err.ends_with(" problems: touchbase check lists them\n"),
            "not one summary line\n{}",
            summary.context()
        );
        let list = run_in(self.dir(), wrapper, &["--verbose", "list"]);
        list.code(0).lists_vera().no_control_characters();
        let check = run_in(self.dir(), wrapper, &["check"]);
        check.code(1).no_control_characters();
        assert!(check.err().contains("contacts checked"), "{}", check.context());
        for (run, diagnostics) in [(&list, list.err()), (&check, check.out())] {
            for line in diagnostics.lines() {
                assert!(
                    is_diagnostic(line),
                    "not `vault/<path>[:line:col]: message`: {line:?}\n{}",
                    run.context()
                );
            }
            for expect in expected {
                assert!(
                    diagnostics.lines().any(|l| expect.matches(l)),
                    "missing {}\n{}",
                    expect.describe(),
                    run.context()
                );
            }
        }
        let paths = run_in(self.dir(), wrapper, &["--format", "paths", "list"]);
        paths.code(0).lists_vera().no_control_characters();
    }
}

impl Expect {
    fn describe(&self) -> String {
        match self {
            Expect::Line(line) => format!("the line {line:?}"),
            Expect::Around(start, end) => format!("a line {start:?} ... {end:?}"),
        }
    }
}

#[test]
fn yaml_alias_bomb() {
    // Billion laughs: nine references per level, nine levels: 9^9 strings if expanded.
    let mut bomb = String::from(
        "---\nname: Bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    for pair in levels.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        bomb.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
    }
    bomb.push_str("---\n");
    let vault = Vault::new();
    vault.file("bomb.md", bomb);
    vault.assert_answered(&[line("vault/bomb.md: invalid YAML: repetition limit exceeded")]);
}

#[test]
fn yaml_nested_ten_thousand_deep() {
    let vault = Vault::new();
    let depth = 10_000;
    vault.file(
        "deep-list.md",
        format!("---\nname: Deep\nx: {}{}\n---\n", "[".repeat(depth), "]".repeat(depth)),
    );
    vault.file(
        "deep-map.md",
        format!("---\nname: Deeper\nx: {}1{}\n---\n", "{a: ".repeat(depth), "}".repeat(depth)),
    );
    vault.assert_answered(&[
        around("vault/deep-list.md:3:", ": invalid YAML: recursion limit exceeded"),
        around("vault/deep-map.md:3:", ": invalid YAML: recursion limit exceeded"),
    ]);
}

#[test]
fn a_100_mb_file_is_skipped_unread() {
    let vault = Vault::new();
    vault.file("huge.md", "---\nname: Huge\n---\n");
    // Sparse: 100 MB to every reader, written in no time. touchbase goes by the size and never
    // reads it (reading it would cost 100 MB of memory per command).
    let file = std::fs::OpenOptions::new().write(true).open(vault.path("huge.md")).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    vault.assert_answered(&[line(
        "vault/huge.md: file is 100 MiB, larger than the 16 MiB limit for a contact; skipped",
    )]);
}

#[test]
fn a_body_of_a_million_lines() {
    let vault = Vault::new();
    let path = vault.path("Many Lines.md");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    file.write_all(b"---\nname: Many Lines\ncadence: monthly\n---\n## Log\n- 2026-11-01 call\n").unwrap();
    let lines = 1_000_000;
    for _ in 3..lines {
        file.write_all(b"notes\n").unwrap();
    }
    file.write_all(b"- 2026-13-45 bad\n").unwrap();
    file.flush().unwrap();
    drop(file);
    // The last body line is line 4 + 1,000,000 of the file: positions stay exact that far down.
    let bad = format!(
        "vault/Many Lines.md:{}:1: interaction has an invalid date \"2026-13-45\" (expected YYYY-MM-DD)",
        4 + lines
    );
    let start = Instant::now();
    vault.assert_answered(&[line(&bad)]);
    let list = vault.run(&["list", "name:many"]);
    list.code(0);
    let row = list.out().lines().find(|l| l.starts_with("Many Lines ")).map(str::to_string);
    assert!(row.is_some_and(|r| r.contains(" 2026-12-01  2026-11-01 ")), "{}", list.context());
    eprintln!("a million lines: 4 runs in {:?}", start.elapsed());
}

#[test]
fn binary_content_named_md() {
    let vault = Vault::new();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa";
    vault.file("image.md", png);
    // Valid UTF-8 but binary: what a crash can leave behind (a file of zeros).
    vault.file("zeros.md", [0u8; 4096]);
    vault.file("nul-in-body.md", "---\nname: Nul Nora\n---\nnotes\nmore\nabcdef\0ghi\n");
    vault.assert_answered(&[
        line("vault/image.md:1:1: not valid UTF-8 text"),
        line("vault/zeros.md:1:1: binary content (a NUL byte); skipped"),
        line("vault/nul-in-body.md:6:7: binary content (a NUL byte); skipped"),
    ]);
}

#[test]
fn fifos_and_devices_named_md_never_hang() {
    let vault = Vault::new();
    vault.fifo("fifo.md").fifo("people/pipe.md");
    vault
        .symlink("zero.md", "/dev/zero")
        .symlink("urandom.md", "/dev/urandom")
        .symlink("null.md", "/dev/null");
    vault.symlink("tty.md", "/dev/tty");
    let skipped = |path: &str| line(&format!("vault/{path}: not a regular file; skipped"));
    vault.assert_answered(&[
        skipped("fifo.md"),
        skipped("people/pipe.md"),
        skipped("zero.md"),
        skipped("urandom.md"),
        skipped("null.md"),
        skipped("tty.md"),
    ]);
    // Every command that reads the vault, and `index` that writes beside them.
    for args in [
        &["show", "vera"][..],
        &["agenda"],
        &["upcoming"],
        &["accounts"],
        &["outreach"],
        &["export", "--format", "json"],
    ] {
        let run = vault.run(args);
        run.code(0).no_control_characters();
        assert!(run.out().contains("Vera"), "{}", run.context());
    }
    vault.run(&["index"]).code(0);
    assert!(std::fs::read_to_string(vault.path("INDEX.md")).unwrap().contains("Vera Valid"));
}

#[test]
fn a_fifo_or_device_where_touchbase_reads_or_writes_a_page_never_hangs() {
    // The page `index` compares and replaces.
    let vault = Vault::new();
    vault.fifo("INDEX.md");
    vault
        .run(&["index"])
        .code(1)
        .stderr_is("touchbase: vault/INDEX.md: not a regular file; refusing to replace it\n");
    vault
        .run(&["index", "--check"])
        .code(1)
        .stderr_is("vault/INDEX.md is not a regular file; run `touchbase index` to regenerate it\n");
    vault.run(&["list"]).code(0).lists_vera().stderr_is("");
    std::fs::remove_file(vault.path("INDEX.md")).unwrap();
    vault.symlink("INDEX.md", "/dev/zero");
    vault
        .run(&["index"])
        .code(1)
        .stderr_is("touchbase: vault/INDEX.md: is a symlink; refusing to write through it\n");
    // The outreach list `outreach --write` compares and creates.
    vault.fifo("outreach/2026-W48.md");
    vault
        .run(&["outreach", "--write"])
        .code(1)
        .stderr_is("touchbase: vault/outreach/2026-W48.md: not a regular file; refusing to replace it\n");
    // The template `new` reads.
    vault.fifo("templates/contact.md");
    let new = vault.run(&["new", "Nora New"]);
    new.code(2);
    assert!(
        new.err().ends_with("\ntouchbase: vault/templates/contact.md: not a regular file\n"),
        "{}",
        new.context()
    );
    assert!(!vault.path("Nora New.md").exists());
    // The settings every command reads: nothing can be answered without them, so exit 2.
    vault.fifo("touchbase.toml");
    vault.run(&["list"]).code(2).stderr_is("touchbase: vault/touchbase.toml: not a regular file\n");
}

/// `id -u` is 0: permission bits do not stop root from reading.
fn running_as_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout == b"0\n")
}

/// A wrapper that runs the binary as `nobody`, when the tests run as root; `None` when no way
/// works.
fn as_nobody(probe_dir: &Path) -> Option<Vec<&'static str>> {
    let candidates: [&[&'static str]; 2] = [
        &["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
        &["runuser", "-u", "nobody", "--"],
    ];
    candidates.into_iter().find_map(|wrapper| {
        let ok = Command::new(wrapper[0])
            .args(&wrapper[1..])
            .args(["test", "-r"])
            .arg(probe_dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| wrapper.to_vec())
    })
}

#[test]
fn unreadable_file_and_folder() {
    use std::os::unix::fs::PermissionsExt;
    let vault = Vault::new();
    vault
        .file("locked.md", "---\nname: Locked Lou\n---\n")
        .file("private/Hidden Hal.md", "---\nname: Hidden Hal\n---\n");
    let wrapper = if running_as_root() {
        // The temp dir is private to root (0700): let `nobody` in, but not into the two.
        std::fs::set_permissions(vault.dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
        if let Some(wrapper) = as_nobody(&vault.path("Vera Valid.md")) {
            wrapper
        } else {
            eprintln!("SKIPPED unreadable_file_and_folder: running as root, and neither setpriv nor runuser can drop to nobody");
            return;
        }
    } else {
        Vec::new()
    };
    std::fs::set_permissions(vault.path("locked.md"), std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(vault.path("private"), std::fs::Permissions::from_mode(0o000)).unwrap();
    vault.assert_answered_by(
        &wrapper,
        &[
            line(&format!("vault/locked.md: cannot read: {}", os_error(13))),
            line(&format!("vault/private: cannot read: {}", os_error(13))),
        ],
    );
    // So that the temp dir can be removed.
    std::fs::set_permissions(vault.path("private"), std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn symlink_loops() {
    let vault = Vault::new();
    vault.symlink("loop-a.md", "loop-b.md").symlink("loop-b.md", "loop-a.md").symlink("self.md", "self.md");
    // Folder loops: never followed, so never walked forever.
    vault.file("people/Paul.md", "---\nname: Paul Person\n---\n");
    vault.symlink("people/again", "..").symlink("people/up.md", "..").symlink("root", ".");
    let looped = |path: &str| line(&format!("vault/{path}: cannot read: {}", os_error(40)));
    vault.assert_answered(&[
        looped("loop-a.md"),
        looped("loop-b.md"),
        looped("self.md"),
        line("vault/people/up.md: not a regular file; skipped"),
    ]);
    let paths = vault.run(&["--format", "paths", "list"]);
    assert_eq!(
        paths.out(),
        "vault/people/Paul.md\nvault/Vera Valid.md\n",
        "each contact once\n{}",
        paths.context()
    );
}

#[test]
fn symlinks_pointing_outside_the_vault() {
    let vault = Vault::new();
    let outside = vault.dir().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let olga = "---\nname: Outside Olga\ncadence: monthly\n---\n";
    std::fs::write(outside.join("Olga.md"), olga).unwrap();
    std::fs::write(outside.join("Otto.md"), "---\nname: Outside Otto\n---\n").unwrap();
    std::fs::write(outside.join("page.md"), "not touchbase's\n").unwrap();
    vault.symlink("Olga.md", outside.join("Olga.md")).symlink("elsewhere", &outside);
    // Reading: a link to a file is read like the file (the documented choice); a link to a
    // folder is not followed, so Otto is not a contact.
    let paths = vault.run(&["--format", "paths", "list"]);
    paths.code(0).stderr_is("");
    assert_eq!(paths.out(), "vault/Olga.md\nvault/Vera Valid.md\n", "{}", paths.context());
    // Writing: never through the link, never into the linked folder.
    vault
        .run(&["log", "Outside Olga", "hello"])
        .code(1)
        .stderr_is("touchbase: vault/Olga.md: is a symlink; refusing to write through it\n");
    vault.run(&["snooze", "Outside Olga", "2w"]).code(1);
    // A folder link that leaves the vault is exit 2, naming the link.
    let new = vault.run(&["new", "Nina Elsewhere", "--dir", "elsewhere"]);
    new.code(2);
    assert!(new.err().contains("vault/elsewhere: is a symbolic link to "), "{}", new.context());
    std::fs::write(
        vault.dir().join("cards.vcf"),
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ivan Import\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let import = vault.run(&["import", "--dir", "elsewhere", "cards.vcf"]);
    import.code(2);
    assert!(import.err().contains("vault/elsewhere: is a symbolic link to "), "{}", import.context());
    vault.symlink("INDEX.md", outside.join("page.md"));
    vault
        .run(&["index"])
        .code(1)
        .stderr_is("touchbase: vault/INDEX.md: is a symlink; refusing to write through it\n");
    // Nothing outside changed, and nothing was created there.
    assert_eq!(std::fs::read_to_string(outside.join("Olga.md")).unwrap(), olga);
    assert_eq!(std::fs::read_to_string(outside.join("page.md")).unwrap(), "not touchbase's\n");
    let mut names: Vec<String> = std::fs::read_dir(&outside)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["Olga.md", "Otto.md", "page.md"]);
}

#[test]
fn file_names_with_newlines_invalid_utf8_or_control_characters() {
    let vault = Vault::new();
    let contact = |name: &str| format!("---\nname: {name}\n---\n");
    vault.file("new\nline.md", contact("New Line"));
    vault.file("esc\x1b[31mred.md", contact("Escape Red"));
    vault.file("bell\x07\u{9b}2J.md", contact("Bell Csi"));
    vault.file("\u{202e}dm.evil.md", contact("Bidi Override"));
    vault.file("odd\rfolder/Inside.md", contact("Inside Odd"));
    for name in [&b"latin1-caf\xe9.md"[..], b"both\xff\x1b[2J.md"] {
        let path = vault.path("").join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, contact("Not Utf Eight")).unwrap();
    }
    let renamed = |shown: &str| {
        line(&format!(
            "vault/{shown}: file name has control or bidirectional-override characters; rename it; skipped"
        ))
    };
    let not_utf8 = |shown: &str| line(&format!("vault/{shown}: file name is not valid UTF-8; skipped"));
    vault.assert_answered(&[
        renamed("new\u{fffd}line.md"),
        renamed("esc\u{fffd}[31mred.md"),
        renamed("bell\u{fffd}\u{fffd}2J.md"),
        renamed("\u{fffd}dm.evil.md"),
        renamed("odd\u{fffd}folder/Inside.md"),
        not_utf8("latin1-caf\u{fffd}.md"),
        not_utf8("both\u{fffd}\u{fffd}[2J.md"),
    ]);
    let names = vault.run(&["list"]);
    for skipped in ["New Line", "Escape Red", "Bell Csi", "Bidi Override", "Inside Odd", "Not Utf Eight"] {
        assert!(!names.out().contains(skipped), "{skipped} listed\n{}", names.context());
    }
    vault.run(&["index"]).code(0).no_control_characters();
}

/// Names and fields holding escape sequences: ESC/CSI, OSC (title, hyperlink), BEL, C1 CSI,
/// backspace, a bidi override, a carriage return that would overwrite the line.
const EVE: &str = "---\nname: \"Eve\\e[31mRed\\e]0;pwned\\a\\u009b2J\\b\\u202e\"\ncompany: \"Evil\\e]8;;http://x.example\\e\\\\Corp\"\n\
                   role: \"Boss\\rOverwritten\"\ntags: [\"t\\e[5m\"]\naliases: [\"E\\e[8mve\"]\nbirthday: 1990-12-02\n\
                   cadence: weekly\nlast_contact: 2026-10-01\nemail: \"e\\e[1m@x.example\"\n---\n\
                   - 2026-10-01 met \u{1b}[2J at the bar \u{7}\n- 2026-13-45 \u{1b}[31mbad date\n";

#[test]
fn escape_sequences_in_names_and_fields_never_reach_the_terminal() {
    let vault = Vault::new();
    vault.file("Eve.md", EVE);
    // Two contacts sharing an alias with an escape: the diagnostic quotes it.
    vault.file("Twin.md", "---\nname: Twin\naliases: [\"E\\e[8mve\"]\n---\n");
    let commands: &[&[&str]] = &[
        &["list"],
        &["agenda", "--days", "30"],
        &["overdue"],
        &["upcoming", "--days", "30"],
        &["show", "Twin"],
        &["show", "Eve.md"],
        &["accounts"],
        &["outreach"],
        &["check"],
        &["--format", "md", "list"],
        &["--format", "csv", "list"],
        &["--format", "csv", "export"],
        &["--format", "paths", "list"],
        &["--format", "md", "overdue"],
        &["complete-names"],
        &["log", "Vera Valid", "hi \u{1b}[31mthere\u{7}"],
    ];
    for args in commands {
        let run = vault.run(args);
        assert!(run.code == Some(0) || (args[0] == "check" && run.code == Some(1)), "{}", run.context());
        run.no_control_characters();
        assert!(!run.stdout.is_empty(), "{}", run.context());
    }
    // JSON escapes C0 (ESC is `\u001b`): no raw ESC byte; JSON is data, kept exact.
    let json = vault.run(&["--format", "json", "list"]);
    json.code(0);
    assert!(!json.stdout.contains(&0x1b), "{}", json.context());
    // The diagnostic for the bad interaction quotes nothing raw either.
    let check = vault.run(&["check"]);
    assert!(
        check.out().contains("vault/Eve.md:13:1: interaction has an invalid date"),
        "{}",
        check.context()
    );
}

/// Parses a markdown page the way a viewer would and counts what could be injected.
#[derive(Debug, Default, PartialEq)]
struct PageShape {
    headings: Vec<String>,
    table_rows: usize,
    links: Vec<String>,
    images: usize,
    html: usize,
}

fn page_shape(page: &str) -> PageShape {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut shape = PageShape::default();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(page, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => shape.headings.extend(heading.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&text);
                }
            }
            Event::Start(Tag::TableRow) => shape.table_rows += 1,
            Event::Start(Tag::Link { dest_url, .. }) => shape.links.push(dest_url.to_string()),
            Event::Start(Tag::Image { .. }) => shape.images += 1,
            Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) => shape.html += 1,
            _ => {}
        }
    }
    shape
}

#[test]
fn markdown_in_names_cannot_break_the_index_page() {
    let names = [
        "Evil | [x](javascript:alert(1)) <script>alert(1)</script>",
        "Newline\\n# heading\\n| a | b |\\n- [link](http://x.example)\\n\\n---",
        "Back\\\\",
        "![img](http://x.example/i.png) <http://x.example> &lt;b&gt; `code` *em* [[Vera Valid]]",
        "<img src=x onerror=alert(1)>",
    ];
    let build = |hostile: bool| {
        let vault = Vault::new();
        for (i, name) in names.iter().enumerate() {
            let shown = if hostile { name.to_string() } else { format!("Plain {i}") };
            let company = if hostile { "A|B <b>Corp</b>\\n## Company" } else { "Corp" };
            let last = if i % 2 == 0 { "last_contact: 2026-10-01\n" } else { "" };
            vault.file(
                &format!("c{i}.md"),
                format!(
                    "---\nname: \"{shown}\"\ncompany: \"{company}\"\nrole: \"{shown}\"\ncadence: weekly\n{last}\
                     birthday: 1990-12-0{}\ntags: [customer]\n---\n",
                    i + 1
                ),
            );
        }
        vault.run(&["index"]).code(0).no_control_characters();
        let page = std::fs::read_to_string(vault.path("INDEX.md")).unwrap();
        (vault, page)
    };
    let (_plain_vault, plain) = build(false);
    let (vault, page) = build(true);
    let (expected, shape) = (page_shape(&plain), page_shape(&page));
    assert_eq!(shape.headings, expected.headings, "headings added or lost\n{page}");
    assert_eq!(shape.table_rows, expected.table_rows, "table rows added or lost\n{page}");
    assert_eq!(shape.links.len(), expected.links.len(), "links added or lost\n{page}");
    assert_eq!((shape.images, shape.html), (0, 0), "an image or raw HTML got through\n{page}");
    for link in &shape.links {
        assert!(link.ends_with(".md") && !link.contains(':'), "a link out of the vault: {link}\n{page}");
    }
    // Each line of the page is one line: no name spilled onto a line of its own.
    assert_eq!(page.lines().count(), plain.lines().count(), "{page}");
    vault.run(&["index", "--check"]).code(0);
    // The page is never read as a contact, whatever it holds.
    vault.run(&["check"]).code(0);
}

/// A vault of contacts whose names and notes try to inject into the exports.
fn export_vault() -> Vault {
    let vault = Vault::new();
    let hostile = [
        ("formula.md", "=HYPERLINK(\\\"http://evil.example\\\",\\\"click\\\")", "=1+1", "", ""),
        ("plus.md", "+cmd|' /C calc'!A0", "+1", "", ""),
        ("minus.md", "-2+3", "-1", "", ""),
        ("at.md", "@SUM(1+1)", "@A1", "", ""),
        ("tab.md", "\\tTabbed", "\\r=1", "", ""),
        (
            "vcf.md",
            "Vcf\\r\\nEND:VCARD\\r\\nBEGIN:VCARD\\r\\nFN:Injected",
            "Corp\\r\\nEND:VCARD",
            "",
            "Notes\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Injected Note\r\nEND:VCARD\nBEGIN:VCARD\nFN:Again\n",
        ),
        (
            "ics.md",
            "Ics\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nSUMMARY:Injected",
            "Corp",
            "family: [{name: \"Kid\\r\\nEND:VEVENT\", relation: son, birthday: 2010-12-03}]\n",
            "",
        ),
    ];
    for (file, name, company, extra, body) in hostile {
        vault.file(
            file,
            format!(
                "---\nname: \"{name}\"\ncompany: \"{company}\"\nbirthday: 1990-12-04\ncadence: weekly\n{extra}---\n{body}"
            ),
        );
    }
    vault
}

const EXPORTED: usize = 8;

#[test]
fn csv_export_injection() {
    let vault = export_vault();
    let run = vault.run(&["export", "--format", "csv"]);
    run.code(0).stderr_is("");
    let mut reader = csv::Reader::from_reader(&run.stdout[..]);
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), EXPORTED, "one record per contact\n{}", run.context());
    for record in &records {
        for cell in record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a formula cell {cell:?}\n{}",
                run.context()
            );
        }
    }
    let names: Vec<&str> = records.iter().map(|r| &r[0]).collect();
    assert!(names.contains(&"'=HYPERLINK(\"http://evil.example\",\"click\")"), "{names:?}");
    assert!(
        names.contains(&"'+cmd|' /C calc'!A0") && names.contains(&"'-2+3") && names.contains(&"'@SUM(1+1)")
    );
}

#[test]
fn vcard_export_injection() {
    let vault = export_vault();
    let run = vault.run(&["export", "--format", "vcf"]);
    run.code(0).stderr_is("");
    let text = run.out();
    assert!(text.ends_with("\r\n"));
    let lines: Vec<&str> = text.strip_suffix("\r\n").unwrap().split("\r\n").collect();
    for line in &lines {
        assert!(!line.contains(['\r', '\n']), "a bare CR or LF: {line:?}");
    }
    let count = |wanted: &str| lines.iter().filter(|l| **l == wanted).count();
    assert_eq!((count("BEGIN:VCARD"), count("END:VCARD")), (EXPORTED, EXPORTED), "{text}");
    assert_eq!(lines.iter().filter(|l| l.starts_with("FN:")).count(), EXPORTED, "{text}");
    // Read back by touchbase's own importer: as many contacts as were exported.
    let back = Vault::new();
    std::fs::write(back.dir().join("back.vcf"), &run.stdout).unwrap();
    let import = back.run(&["import", "--dry-run", "back.vcf"]);
    assert!(
        import.out().contains(&format!("{EXPORTED} contacts read from back.vcf")),
        "{}",
        import.context()
    );
}

#[test]
fn ics_export_injection() {
    let vault = export_vault();
    let run = vault.run(&["export", "--format", "ics"]);
    run.code(0).stderr_is("");
    let text = run.out();
    let lines: Vec<&str> = text.strip_suffix("\r\n").unwrap().split("\r\n").collect();
    for line in &lines {
        assert!(!line.contains(['\r', '\n']), "a bare CR or LF: {line:?}");
    }
    let count = |wanted: &str| lines.iter().filter(|l| **l == wanted).count();
    // Per contact: a birthday and a follow-up; the son's birthday once more.
    let events = 2 * EXPORTED + 1;
    assert_eq!((count("BEGIN:VEVENT"), count("END:VEVENT")), (events, events), "{text}");
    assert_eq!((count("BEGIN:VCALENDAR"), count("END:VCALENDAR")), (1, 1), "{text}");
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).unwrap();
    assert_eq!(calendar.components.len(), events);
    assert!(calendar.components.iter().all(|c| c.name == "VEVENT"));
}
