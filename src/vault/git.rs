//! What git knows about the vault's files, read with the `git` binary (`git log`, `git
//! cat-file --batch`), never by parsing git's objects: the commits that touched a file, following
//! renames, and the file's text at each of them.

use std::io::{Read as _, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::error::{Error, Result};

/// One commit that touched a file: who, when, and the file's path (from the repository's top)
/// at that commit; `deleted` when the commit removed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Revision {
    pub commit: String,
    /// The author date, ISO 8601 as git prints it (`%aI`).
    pub date: String,
    pub author: String,
    pub path: String,
    pub deleted: bool,
}

fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(root);
    command
}

fn run(root: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let output = git(root)
        .args(args)
        .output()
        .map_err(|e| Error::usage(format!("cannot run `git` ({e}); history needs git on the PATH")))?;
    if output.status.success() {
        return Ok(output.stdout);
    }
    Err(Error::usage(format!(
        "{}: `git {}` failed: {}",
        root.display(),
        args.first().copied().unwrap_or_default(),
        String::from_utf8_lossy(&output.stderr).trim()
    )))
}

/// The vault's folder inside its repository (`""` at the top, else ending in `/`); a clear
/// error (exit 2) when the vault is not in a git repository or git is missing.
pub(crate) fn prefix(root: &Path) -> Result<String> {
    let inside = git(root)
        .args(["rev-parse", "--show-prefix"])
        .output()
        .map_err(|e| Error::usage(format!("cannot run `git` ({e}); history needs git on the PATH")))?;
    if !inside.status.success() {
        return Err(Error::usage(format!(
            "{}: not a git repository; `history` and `changes` read the vault's git history \
             (run `git init` and commit the vault first)",
            root.display()
        )));
    }
    Ok(String::from_utf8_lossy(&inside.stdout).trim_end_matches('\n').to_owned())
}

/// Every commit that touched `path` (relative to the vault), newest first, following renames.
pub(crate) fn file_log(root: &Path, path: &str) -> Result<Vec<Revision>> {
    prefix(root)?;
    // A pathspec is relative to the folder git runs in: the vault's own.
    let format = "--format=%x1e%H%x1f%aI%x1f%an";
    let out = run(root, &["log", "--follow", format, "--name-status", "-z", "--", path])?;
    Ok(parse_log(&String::from_utf8_lossy(&out)))
}

/// `git log --format=%x1e%H%x1f%aI%x1f%an --name-status -z` output → revisions, one per
/// commit and file (a rename gives its new path).
pub(crate) fn parse_log(out: &str) -> Vec<Revision> {
    let mut revisions = Vec::new();
    for record in out.split('\x1e').filter(|r| !r.is_empty()) {
        let (header, rest) = record.split_once('\0').unwrap_or((record, ""));
        let mut head = header.split('\x1f');
        let (Some(commit), Some(date), Some(author)) = (head.next(), head.next(), head.next()) else {
            continue;
        };
        let mut tokens = rest.trim_start_matches('\n').split('\0').filter(|t| !t.is_empty());
        while let Some(status) = tokens.next() {
            let two = status.starts_with('R') || status.starts_with('C');
            let Some(mut path) = tokens.next() else { break };
            if two {
                path = tokens.next().unwrap_or(path);
            }
            revisions.push(Revision {
                commit: commit.to_owned(),
                date: date.to_owned(),
                author: author.to_owned(),
                path: path.to_owned(),
                deleted: status.starts_with('D'),
            });
        }
    }
    revisions
}

/// A `--since`/`--until` point: a date (`YYYY-MM-DD`) is the last commit before that day (UTC)
/// (reachable from `until`, first parents only), anything else a revision git resolves.
/// `None`: nothing before that date, so every file counts as new.
pub(crate) fn point(root: &Path, spec: &str, until: &str) -> Result<Option<String>> {
    if crate::dates::parse_date(spec).is_ok() {
        let before = format!("--before={spec}T00:00:00Z");
        let out = run(root, &["rev-list", "-1", "--first-parent", &before, until, "--"])?;
        let commit = String::from_utf8_lossy(&out).trim().to_owned();
        return Ok((!commit.is_empty()).then_some(commit));
    }
    let out =
        run(root, &["rev-parse", "--verify", "--quiet", "--end-of-options", &format!("{spec}^{{commit}}")])
            .map_err(|_| {
            Error::usage(format!("{}: `{spec}` is neither a date nor a git revision", root.display()))
        })?;
    Ok(Some(String::from_utf8_lossy(&out).trim().to_owned()))
}

/// A commit's committer date (`%cs`, the committer's own calendar day): the "today" of the vault
/// as it was at that commit, for what counts as recent there.
pub(crate) fn commit_day(root: &Path, commit: &str) -> Result<chrono::NaiveDate> {
    let out = run(root, &["show", "-s", "--format=%cs", commit, "--"])?;
    let text = String::from_utf8_lossy(&out).trim().to_owned();
    text.parse().map_err(|_| {
        Error::usage(format!("{}: commit {commit} has no date git shows as YYYY-MM-DD", root.display()))
    })
}

/// The commits after `since` up to `until` that touched the vault's folder, newest first, each
/// file once per commit (`--no-renames`: a rename is a deletion and an addition).
pub(crate) fn range_log(
    root: &Path,
    since: Option<&str>,
    until: &str,
    prefix: &str,
) -> Result<Vec<Revision>> {
    let range = since.map_or_else(|| until.to_owned(), |s| format!("{s}..{until}"));
    let format = "--format=%x1e%H%x1f%aI%x1f%an";
    let out = run(
        root,
        &["log", format, "--name-status", "--no-renames", "-z", &range, "--", &format!(":/{prefix}")],
    )?;
    Ok(parse_log(&String::from_utf8_lossy(&out)))
}

/// Every `.md` file of the vault's folder at `commit`: its blob's id and its path from the
/// repository's top (`ls-tree` lines are `MODE TYPE OID<TAB>PATH`). Reading by id is what keeps
/// `cat-file` fast on a big tree (a `COMMIT:PATH` name walks the tree for each file).
pub(crate) fn tree(root: &Path, commit: &str, prefix: &str) -> Result<Vec<(String, String)>> {
    let top = if prefix.is_empty() { ".".to_owned() } else { prefix.to_owned() };
    let out = run(root, &["ls-tree", "-r", "-z", "--full-tree", commit, "--", &top])?;
    let text = String::from_utf8_lossy(&out);
    Ok(text.split('\0').filter_map(tree_line).collect())
}

fn tree_line(line: &str) -> Option<(String, String)> {
    let (head, path) = line.split_once('\t')?;
    let mut fields = head.split(' ');
    let (_mode, kind, oid) = (fields.next()?, fields.next()?, fields.next()?);
    let md = Path::new(path).extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
    (kind == "blob" && md).then(|| (oid.to_owned(), path.to_owned()))
}

/// The text of each object (a blob id, or `COMMIT:PATH` with the path from the repository's
/// top) through one `git cat-file --batch`; `None` where there is no such object.
pub(crate) fn texts(root: &Path, wanted: &[String]) -> Result<Vec<Option<String>>> {
    let mut child = git(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| Error::usage(format!("cannot run `git cat-file` ({e})")))?;
    let mut input = String::new();
    for name in wanted {
        input.push_str(name);
        input.push('\n');
    }
    let mut stdin = child.stdin.take().ok_or_else(|| Error::usage("git cat-file: no stdin"))?;
    // A thread writes while this one reads, so that neither pipe fills up and blocks git.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut out = Vec::new();
    if let Some(mut stdout) = child.stdout.take() {
        stdout.read_to_end(&mut out).map_err(|e| Error::usage(format!("git cat-file: {e}")))?;
    }
    let wrote = writer.join().map_err(|_| Error::usage("git cat-file: the writer stopped"))?;
    let status = child.wait().map_err(|e| Error::usage(format!("git cat-file: {e}")))?;
    if let Err(e) = wrote.map(|()| status).and_then(|s| {
        if s.success() {
            Ok(())
        } else {
            Err(std::io::Error::other(s.to_string()))
        }
    }) {
        return Err(Error::usage(format!("{}: `git cat-file --batch` failed: {e}", root.display())));
    }
    Ok(parse_batch(&out, wanted.len()))
}

/// `git cat-file --batch` output: `<oid> <type> <size>\n<bytes>\n`, or `<name> missing\n`.
pub(crate) fn parse_batch(out: &[u8], count: usize) -> Vec<Option<String>> {
    let mut texts = Vec::with_capacity(count);
    let mut at = 0;
    while texts.len() < count && at < out.len() {
        let end = out[at..].iter().position(|&b| b == b'\n').map_or(out.len(), |p| at + p);
        let header = String::from_utf8_lossy(&out[at..end]).into_owned();
        at = end + 1;
        let size = header.rsplit(' ').next().and_then(|s| s.parse::<usize>().ok());
        match size {
            Some(size) if !header.ends_with(" missing") && at + size <= out.len() => {
                texts.push(Some(String::from_utf8_lossy(&out[at..at + size]).into_owned()));
                at += size + 1;
            }
            _ => texts.push(None),
        }
    }
    texts.resize(count, None);
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_with_a_rename_gives_the_new_path_and_each_commit() {
        let out = "\x1eabc\x1f2026-11-02T10:00:00Z\x1fBob\0\nR090\0people/Jane.md\0people/Jane Doe.md\0\x1edef\x1f2026-11-01T10:00:00Z\x1fAlice\0\nA\0people/Jane.md\0";
        let log = parse_log(out);
        assert_eq!(log.len(), 2);
        assert_eq!((log[0].commit.as_str(), log[0].author.as_str()), ("abc", "Bob"));
        assert_eq!(log[0].path, "people/Jane Doe.md");
        assert_eq!(log[1].path, "people/Jane.md");
        assert_eq!(log[1].date, "2026-11-01T10:00:00Z");
        assert!(!log[1].deleted);
        assert!(parse_log("\x1ex\x1f2026-11-01T10:00:00Z\x1fA\0\nD\0a.md\0")[0].deleted);
    }

    #[test]
    fn a_tree_keeps_markdown_blobs() {
        assert_eq!(
            tree_line("100644 blob abc\tpeople/Jane Doe.MD"),
            Some(("abc".into(), "people/Jane Doe.MD".into()))
        );
        assert_eq!(tree_line("100644 blob abc\tnotes.txt"), None);
        assert_eq!(tree_line("160000 commit abc\tsub.md"), None);
    }

    #[test]
    fn a_batch_reads_sizes_and_missing_objects() {
        let out = b"1111 blob 5\nab\ncd\nHEAD:x.md missing\n2222 blob 0\n\n";
        let texts = parse_batch(out, 3);
        assert_eq!(texts, vec![Some("ab\ncd".to_owned()), None, Some(String::new())]);
    }
}
