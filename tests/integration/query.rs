//! The query language (SPEC 5) through the command line, on the `basic` vault. Each test lists
//! the names a query selects (`--format paths` keeps the assertions short and exact).

use crate::harness::Test;

/// The file stems `list QUERY...` prints, in order.
fn names<'a>(query: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let out = Test::vault("basic").args(["--format", "paths", "list"]).args(query).run();
    // 1 when nothing matched.
    assert!(matches!(out.code, Some(0 | 1)), "exit {:?}: {}", out.code, out.stderr);
    out.stdout
        .lines()
        .map(|line| line.rsplit('/').next().unwrap().trim_end_matches(".md").to_string())
        .collect()
}

#[test]
fn field_substring_is_case_insensitive() {
    // Jane's company is a wiki link (`[[Acme Corp]]`): its text is the link target.
    assert_eq!(names(["company:ACME"]), ["Jane Doe", "Priya Raman", "Tom Baker"]);
    assert_eq!(names(["role:vp"]), ["Jane Doe"]);
}

#[test]
fn tags_match_whole_elements_from_front_matter_body_and_strings() {
    assert_eq!(names(["tag:golf"]), ["Jane Doe"]);
    assert_eq!(names(["tag:boating"]), ["Jane Doe"], "body #tags join the tags");
    assert_eq!(names(["tag:#family"]), ["José Núñez", "Mei Tanaka"], "`tags: family` is a one-item list");
    assert!(names(["tag:fam"]).is_empty(), "exact element, not substring");
}

#[test]
fn no_match_exits_1() {
    Test::vault("basic")
        .args(["list", "tag:nonexistent"])
        .run()
        .code(1)
        .stdout_is("No contacts match.\n")
        .stderr_is("");
}

#[test]
fn overdue_and_upcoming_take_a_query() {
    Test::vault("basic")
        .args(["--format", "paths", "overdue", "company:acme"])
        .run()
        .success()
        .stdout_is("vault/people/Jane Doe.md\n");
    Test::vault("basic")
        .args(["--format", "paths", "upcoming", "tag:customer"])
        .run()
        .success()
        .stdout_is("vault/work/acme/Tom Baker.md\nvault/people/Jane Doe.md\n");
}

#[test]
fn status_terms() {
    assert_eq!(names(["status:overdue"]), ["Ben Adler", "Jane Doe", "Linda Sullivan"]);
    assert_eq!(names(["status:due"]), ["José Núñez", "Sam Rivera"]);
    assert_eq!(names(["status:snoozed"]), ["Priya Raman"]);
    assert_eq!(names(["status:none"]), ["Mei Tanaka"]);
    assert_eq!(names(["status:ok"]), ["Dave Kowalski", "Pipe | Bracket [x]", "Tom Baker"]);
}

#[test]
fn has_and_no() {
    assert_eq!(names(["has:birthday"]), ["Jane Doe", "José Núñez", "Sam Rivera", "Tom Baker"]);
    assert_eq!(names(["has:linkedin"]), ["Jane Doe"], "any front matter key works");
    // Mei's `cadence: none` is no cadence; everyone else has one of their own, a tag's or the default.
    assert_eq!(names(["no:cadence"]), ["Mei Tanaka"]);
}

#[test]
fn unknown_fields_are_queryable() {
    assert_eq!(names(["linkedin:jane-doe"]), ["Jane Doe"]);
}

#[test]
fn list_fields_match_whole_elements() {
    assert_eq!(
        names(["interests:red sox"]),
        ["Jane Doe"],
        "a shell-split word with a space is a phrase again"
    );
    assert_eq!(names(["interests:\"Red Sox\""]), ["Jane Doe"]);
    assert_eq!(names(["interests:golf"]), ["Dave Kowalski"]);
}

#[test]
fn bare_words_and_phrases_search_everything() {
    assert_eq!(names(["\"red sox\""]), ["Jane Doe"], "front matter list value");
    assert_eq!(names(["valencia"]), ["José Núñez"], "body text");
    assert_eq!(names(["janie"]), ["Jane Doe"], "alias");
    assert_eq!(names(["parental", "leave"]), ["Priya Raman"], "all terms must hold");
}

#[test]
fn due_within_a_span_includes_overdue() {
    // 2026-11-26 + 7d = 2026-12-03; `<` is strict, so Dave (due 2026-12-03) is out. Snoozed
    // Priya keeps her computed due date (2026-11-01).
    assert_eq!(
        names(["due:<7d"]),
        ["Ben Adler", "Jane Doe", "José Núñez", "Linda Sullivan", "Priya Raman", "Sam Rivera", "Tom Baker"]
    );
    assert_eq!(names(["due:<=7d", "status:ok"]), ["Dave Kowalski", "Tom Baker"]);
}

#[test]
fn last_contact_spans_and_dates() {
    // Never contacted counts as longest ago.
    assert_eq!(names(["last:>90d"]), ["Linda Sullivan", "Mei Tanaka", "Pipe | Bracket [x]", "Sam Rivera"]);
    assert_eq!(names(["last:<2026-01-01"]), ["Linda Sullivan"]);
    assert_eq!(names(["last:2026-10-20"]), ["Jane Doe"], "the checked task counts as contact");
}

#[test]
fn birthday_within_a_span() {
    assert_eq!(names(["birthday:<30d"]), ["Sam Rivera", "Tom Baker"]);
}

#[test]
fn negation() {
    // `--` lets a negated term through the argument parser.
    assert_eq!(
        names(["--", "-status:ok", "-status:overdue"]),
        ["José Núñez", "Mei Tanaka", "Priya Raman", "Sam Rivera"]
    );
    assert_eq!(names(["company:acme", "--", "-tag:customer"]), ["Priya Raman"]);
}

#[test]
fn negation_without_double_dash() {
    assert_eq!(names(["company:acme", "-status:ok"]), ["Jane Doe", "Priya Raman"]);
}

#[test]
fn malformed_queries_exit_2_naming_the_term() {
    let cases: [(&[&str], &str); 6] = [
        (&["status:late"], "invalid query term `status:late`"),
        (&["due:soon"], "invalid query term `due:soon`"),
        (&["\"unbalanced"], "invalid query term `\"unbalanced`"),
        (&["golf", "-"], "invalid query term `-`"),
        (&["last:<2026-13-01"], "invalid query term `last:<2026-13-01`"),
        (&["company:"], "invalid query term `company:`"),
    ];
    for (query, message) in cases {
        for command in ["list", "overdue", "upcoming"] {
            Test::vault("basic")
                .arg(command)
                .args(query.iter().copied())
                .run()
                .code(2)
                .stdout_is("")
                .stderr_has(message);
        }
    }
}

#[test]
fn quoted_colon_is_text() {
    Test::vault("basic").args(["list", "\"note: call\""]).run().code(1).stdout_is("No contacts match.\n");
}
