//! `touchbase index` (SPEC 6, issue 3): the page's sections, escaping and links (golden files
//! for the sample vault and for the `index-names` vault, whose page is `pages/People.md`), the
//! line that says for which day and how it was generated, change-only atomic writes, `--check`,
//! and the page never being read back as a contact.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::harness::Test;

/// A time far from now, so that a rewrite cannot keep it by accident (no sleeps needed).
fn long_ago() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000)
}

fn set_mtime(path: &Path, time: SystemTime) {
    std::fs::File::options().write(true).open(path).unwrap().set_modified(time).unwrap();
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

/// Whether the text holds a clock time such as `14:05`.
fn has_clock_time(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(5).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && w[2] == b':'
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
    })
}

#[test]
fn sample_vault_page() {
    Test::sample()
        .args(["index"])
        .run()
        .success()
        .stdout_is("")
        .stderr_is("wrote vault/INDEX.md\n")
        .file_golden("INDEX.md", "sample-index.md");
}

#[test]
fn sample_vault_page_sections_in_order() {
    // The sections of SPEC 6 first and in its order, each once (later sections may follow),
    // and the summary as the last line.
    let out = Test::sample().args(["index"]).run();
    out.success();
    let page = out.read_file("INDEX.md");
    let headings: Vec<&str> = page.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings[..4],
        [
            "## Overdue",
            "## Due this week (2026-11-23 to 2026-11-29)",
            "## Upcoming (next 30 days)",
            "## Never contacted"
        ],
        "{page}"
    );
    assert!(page.starts_with("# Touchbase\n\n_Generated for 2026-11-26 by `touchbase index`."), "{page}");
    let summary = page.lines().last().unwrap();
    assert!(
        summary.starts_with("5 overdue · 4 due this week · 24 upcoming · 1 never contacted · ")
            && summary.ends_with(" · 27 contacts"),
        "{page}"
    );
    assert!(page.contains("\n---\n\n"), "{page}");
}

#[test]
fn snoozed_contact_is_on_the_page() {
    let out = Test::vault("basic").args(["index"]).run();
    out.success();
    let page = out.read_file("INDEX.md");
    assert!(
        page.contains("| `2026-12-01` | [Priya Raman](people/Priya%20Raman.md) | snooze ends: reach out |\n"),
        "{page}"
    );
}

#[test]
fn names_that_need_escaping_and_a_page_in_a_subfolder() {
    // `index = "pages/People.md"`: links climb out with `../`, and each path segment is
    // percent-encoded (spaces, `|`, brackets, parentheses, non-ASCII); cells escape `|`,
    // brackets, `&`, `<>`, `*`, and a newline in a value does not split the row.
    let out = Test::vault("index-names").args(["index"]).run();
    out.success().stdout_is("").stderr_is("wrote vault/pages/People.md\n");
    out.file_golden("pages/People.md", "index-names-page.md");
    assert!(!out.vault_file("INDEX.md").exists(), "the default page must not be written too");
    let page = out.read_file("pages/People.md");
    for line in page.lines().filter(|l| l.starts_with('|')) {
        // Every table row has exactly as many unescaped `|` as its header.
        let cells = line.replace("\\|", "").matches('|').count();
        assert!(cells == 4 || cells == 5 || cells == 6, "a cell broke its row: {line}");
    }
}

#[test]
fn empty_sections_say_so() {
    Test::empty_vault().args(["index"]).run().success().expect_file(
        "INDEX.md",
        "# Touchbase

_Generated for 2026-11-26 by `touchbase index`. Edits to this page are overwritten; edit the contact files instead._

## Overdue

Nobody is overdue.

## Due this week (2026-11-23 to 2026-11-29)

Nobody else is due this week.

## Upcoming (next 30 days)

Nothing coming up.

## Never contacted

Everyone with a cadence has been contacted at least once.

## Accounts needing attention

Every customer account has a recent contact, more than one active thread, and a decision maker known and in touch.

## Check-ups due

No relationship check-up is due.

---

0 overdue · 0 due this week · 0 upcoming · 0 never contacted · 0 accounts needing attention · 0 contacts
",
    );
}

#[test]
fn page_names_its_day_and_command_never_a_clock_time() {
    let out = Test::vault("basic").today("2027-02-03").args(["index"]).run();
    out.success();
    let page = out.read_file("INDEX.md");
    let generated: Vec<&str> = page.lines().filter(|l| l.contains("Generated")).collect();
    assert_eq!(
        generated,
        ["_Generated for 2027-02-03 by `touchbase index`. Edits to this page are overwritten; edit the contact files instead._"]
    );
    assert!(!has_clock_time(&page), "a clock time on the page:\n{page}");
    // Without --today the page is for the clock's day, still with no time of day.
    let out = out.then().no_today().args(["index"]).run();
    out.success();
    let page = out.read_file("INDEX.md");
    assert!(!has_clock_time(&page), "a clock time on the page:\n{page}");
    assert!(!page.contains("2027-02-03"), "{page}");
}

#[test]
fn second_run_leaves_the_page_untouched() {
    let out = Test::vault("basic").args(["index"]).run();
    out.success().stderr_is("wrote vault/INDEX.md\n");
    let page = out.vault_file("INDEX.md");
    let before = std::fs::read(&page).unwrap();
    set_mtime(&page, long_ago());
    let out = out.then().args(["index"]).run();
    out.success().stdout_is("").stderr_is("unchanged: vault/INDEX.md\n");
    assert_eq!(mtime(&page), long_ago(), "the unchanged page was rewritten");
    assert_eq!(std::fs::read(&page).unwrap(), before);
}

#[test]
fn changed_content_replaces_the_page_atomically() {
    let out = Test::vault("basic").args(["index"]).run();
    out.success();
    let page = out.vault_file("INDEX.md");
    let old = std::fs::read_to_string(&page).unwrap();
    // A second name for the old page's inode: an atomic replace (new file renamed over the
    // page) leaves it holding the old text; writing the page in place would change it.
    std::fs::hard_link(&page, out.vault_file("old-page.txt")).unwrap();
    let out = out
        .then()
        .file(
            "people/Linda Sullivan.md",
            "---\nname: Linda Sullivan\ncadence: weekly\nlast_contact: 2026-11-20\n---\n",
        )
        .args(["index"])
        .run();
    out.success().stderr_is("wrote vault/INDEX.md\n");
    let new = out.read_file("INDEX.md");
    assert_ne!(new, old);
    assert!(
        new.contains(
            "| [Linda Sullivan](people/Linda%20Sullivan.md) |  | `2026-11-27` | `2026-11-20` | weekly |\n"
        ),
        "{new}"
    );
    assert_eq!(out.read_file("old-page.txt"), old, "the page was rewritten in place, not replaced");
    let leftovers: Vec<String> = out.vault_files().into_iter().filter(|f| f.ends_with(".tmp")).collect();
    assert!(leftovers.is_empty(), "temp files left behind: {leftovers:?}");
}

#[test]
fn check_when_the_page_is_missing() {
    let out = Test::vault("basic").args(["index", "--check"]).run();
    out.code(1)
        .stdout_is("")
        .stderr_is("vault/INDEX.md does not exist; run `touchbase index` to regenerate it\n");
    assert!(!out.vault_file("INDEX.md").exists(), "--check wrote the page");
    let files = out.vault_files();
    let out = out.then().args(["index", "--check"]).run();
    out.code(1);
    assert_eq!(out.vault_files(), files, "--check wrote something");
}

#[test]
fn check_when_the_page_is_stale() {
    let out = Test::vault("basic").args(["index"]).run();
    out.success();
    let page = out.vault_file("INDEX.md");
    let written = std::fs::read(&page).unwrap();
    set_mtime(&page, long_ago());
    let files = out.vault_files();
    // A contact changed since: stale, and nothing is written.
    let out = out
        .then()
        .file(
            "people/Linda Sullivan.md",
            "---\nname: Linda Sullivan\ncadence: weekly\nlast_contact: 2026-11-20\n---\n",
        )
        .args(["index", "--check"])
        .run();
    out.code(1).stdout_is("").stderr_is("vault/INDEX.md is stale; run `touchbase index` to regenerate it\n");
    assert_eq!(std::fs::read(&page).unwrap(), written);
    assert_eq!(mtime(&page), long_ago(), "--check touched the page");
    assert_eq!(out.vault_files(), files, "--check wrote something");
    // Regenerated: current again.
    let out = out.then().args(["index"]).run();
    out.success().stderr_is("wrote vault/INDEX.md\n");
    let out = out.then().args(["index", "--check"]).run();
    out.success().stderr_is("vault/INDEX.md is up to date\n");
    // A hand edit to the page makes it stale too, and so does another day.
    let out = out.then().today("2026-11-27").args(["index", "--check"]).run();
    out.code(1).stderr_has("vault/INDEX.md is stale");
    let edited = format!("{}\nmy own notes\n", out.read_file("INDEX.md"));
    let out = out.then().file("INDEX.md", &edited).args(["index", "--check"]).run();
    out.code(1).stderr_has("vault/INDEX.md is stale");
    assert_eq!(out.read_file("INDEX.md"), edited);
}

#[test]
fn check_when_the_page_is_current() {
    let out = Test::vault("basic").args(["index"]).run();
    out.success();
    let page = out.vault_file("INDEX.md");
    set_mtime(&page, long_ago());
    let out = out.then().args(["index", "--check"]).run();
    out.success().stdout_is("").stderr_is("vault/INDEX.md is up to date\n");
    assert_eq!(mtime(&page), long_ago());
    // The configured page of `index-names`.
    let out = Test::vault("index-names").args(["index"]).run();
    out.success();
    out.then().args(["index", "--check"]).run().success().stderr_is("vault/pages/People.md is up to date\n");
}

#[test]
fn the_page_is_not_a_contact() {
    let listed = |out: &crate::harness::Output| out.stdout.lines().map(str::to_string).collect::<Vec<_>>();
    let before = Test::vault("basic").args(["list", "--format", "paths"]).run();
    before.success();
    let contacts = listed(&before);
    // The generated page is not listed, checked, or counted.
    let out = before.then().args(["index"]).run();
    out.success();
    let out = out.then().args(["list", "--format", "paths"]).run();
    out.success();
    assert_eq!(listed(&out), contacts);
    let out = out.then().args(["check"]).run();
    out.success().stdout_is("").stderr_is("10 contacts checked: no problems\n");
    // Even a page that starts with front matter is not a contact (it is at the page's path),
    // but neither is it ever replaced, not even with --force: it is a note, not touchbase's.
    let page = "---\nname: Ghost Page\ncadence: weekly\n---\n# Touchbase\n";
    let out = out.then().file("INDEX.md", page).args(["list", "--format", "paths"]).run();
    out.success();
    assert_eq!(listed(&out), contacts);
    let mut out = out;
    for args in [&["index"][..], &["index", "--force"]] {
        out = out.then().args(args.iter().copied()).run();
        out.code(1).stderr_has("vault/INDEX.md: is a note with front matter");
        assert_eq!(out.read_file("INDEX.md"), page);
    }
    // Where `index` names another file, that one is the page and INDEX.md is an ordinary file.
    let out = Test::vault("index-names")
        .file("pages/People.md", "---\nname: Ghost Page\ncadence: weekly\n---\n")
        .file("INDEX.md", "---\nname: Index Person\ncadence: weekly\n---\n")
        .args(["list", "--format", "paths"])
        .run();
    out.success()
        .stdout_has_line("vault/INDEX.md")
        .stdout_has_line("vault/team/emea/berlin/Anna Schmidt (Berlin).md");
    assert!(!out.stdout.contains("pages/"), "{}", out.stdout);
}
