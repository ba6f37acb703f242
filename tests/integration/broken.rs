//! The `broken` vault: one valid contact (Vera Valid) among files with every kind of problem.
//! `check` reports each as `path:line:col: message` and exits 1; the other commands still
//! answer for what loaded (a contact with a bad value loads without it) and print one summary
//! line of the load diagnostics on stderr (every line with `--verbose`, none with `-q`).
//! Also odd but valid files: CRLF line ends with a BOM, `...` closing the front matter.

use crate::harness::Test;

/// Latin-1 bytes: written from the test, since git or an editor might re-encode a fixture.
const LATIN1: &[u8] = b"---\nname: Latin Lars\n---\nMet at the caf\xe9 on Tuesday.\n";

fn broken() -> Test {
    Test::vault("broken").file_bytes("latin1.md", LATIN1)
}

#[test]
fn check_exits_1_and_reports_every_problem() {
    // --verbose: the body's broken link is reported too (see below).
    let out = broken().args(["check", "--verbose"]).run();
    out.code(1)
        .stdout_golden("broken-check")
        .stderr_is("9 contacts checked: 11 problems in 11 file(s)\n")
        // Positions point at the value (or the offending line) in the whole file.
        .stdout_has_line(
            "vault/bad-date.md:3:11: birthday: invalid date \"1980-13-01\" (expected YYYY-MM-DD)",
        )
        .stdout_has_line("vault/Typo Tess.md:3:11: unknown key `brithday`: did you mean `birthday`?")
        .stdout_has_line(
            "vault/Future Fiona.md:4:15: last_contact: 2027-01-01 is in the future (today is 2026-11-26)",
        )
        .stdout_has_line(
            "vault/Log Lou.md:7:1: interaction has an invalid date \"2026-13-45\" (expected YYYY-MM-DD)",
        )
        .stdout_has_line(
            "vault/unclosed.md:1:1: front matter starts with `---` but has no closing `---` line",
        )
        .stdout_has_line(
            "vault/list-front-matter.md:2:1: front matter is a list, not a mapping of keys to values",
        )
        .stdout_has_line("vault/latin1.md:4:15: not valid UTF-8 text")
        .stdout_has_line(
            "vault/Link Breaker.md: broken link [[Nobody Here]]: no contact or note has that name",
        );
    // Every problem line carries the vault path as given.
    for line in out.stdout.lines() {
        assert!(line.starts_with("vault/"), "{line}");
    }
}

#[test]
fn check_names_the_bad_yaml_cadence_and_duplicate_alias() {
    broken()
        .args(["check"])
        .run()
        .code(1)
        .stdout_has("vault/bad-yaml.md:3:")
        .stdout_has("invalid YAML")
        .stdout_has("vault/unknown-cadence.md:3:10: cadence: unknown cadence \"sometimes\"")
        .stdout_has_line("vault/Alias Two.md: duplicate name or alias \"shared\": also in Alias One.md");
}

#[test]
fn an_empty_file_is_a_note_not_a_problem() {
    let out = broken().args(["check"]).run();
    assert!(!out.stdout.contains("empty.md"), "{}", out.stdout);
    broken().args(["--format", "paths", "list"]).run().success().stdout_has("vault/Vera Valid.md");
}

#[test]
fn check_json() {
    let out = broken().args(["--format", "json", "check"]).run();
    out.code(1);
    let problems: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let problems = problems.as_array().unwrap();
    assert_eq!(problems.len(), 10, "the body's link to a missing note only with --verbose");
    let bad_date = problems.iter().find(|p| p["path"] == "vault/bad-date.md").unwrap();
    assert_eq!((bad_date["line"].as_u64(), bad_date["column"].as_u64()), (Some(3), Some(11)));
}

#[test]
fn check_paths_lists_each_file_once() {
    let out = broken().args(["--format", "paths", "check", "--verbose"]).run();
    out.code(1);
    assert_eq!(out.stdout.lines().count(), 11);
    for line in out.stdout.lines() {
        assert!(out.path_from_cwd(line).is_file(), "{line}");
    }
}

#[test]
fn check_quiet_keeps_the_problems_but_not_the_summary() {
    let out = broken().args(["-q", "check", "-v"]).run();
    out.code(1).stderr_is("");
    assert_eq!(out.stdout.lines().count(), 11);
}

#[test]
fn check_reports_a_body_link_to_a_missing_note_only_with_verbose() {
    // A link to a note that does not exist yet is normal in Obsidian.
    let out = broken().args(["check"]).run();
    out.code(1).stderr_is("9 contacts checked: 10 problems in 10 file(s)\n");
    assert!(!out.stdout.contains("Nobody Here"), "{}", out.stdout);
}

#[test]
fn list_answers_for_what_loaded_and_reports_the_rest() {
    // A bad birthday or cadence drops that value, not the contact: bad-date and unknown-cadence
    // are listed. The load problems are summed up in one line.
    broken()
        .args(["list"])
        .run()
        .success()
        .stdout_golden("broken-list")
        .stderr_is("7 files have problems: touchbase check lists them\n");
}

#[test]
fn verbose_prints_every_load_problem() {
    // Only load problems are printed here; check-only ones (future date, broken link,
    // duplicates, key typos) wait for `check`.
    broken()
        .args(["--verbose", "list"])
        .run()
        .success()
        .stdout_golden("broken-list")
        .stderr_golden("broken-list-verbose");
    broken().args(["list", "--verbose"]).run().success().stderr_golden("broken-list-verbose");
}

#[test]
fn three_broken_files_give_exactly_one_summary_line() {
    let out = Test::vault("basic")
        .file("people/b1.md", "---\nname: [x\n---\n")
        .file("people/b2.md", "---\nname: B2\ncadence: as needed\n---\n")
        .file("people/b3.md", "---\nname: B3\n")
        .args(["list"])
        .run();
    out.success().stderr_is("3 files have problems: touchbase check lists them\n").stdout_has("B2");
    assert!(!out.stdout.contains("b1") && !out.stdout.contains("b3"), "{}", out.stdout);
    let verbose = Test::vault("basic")
        .file("people/b1.md", "---\nname: [x\n---\n")
        .file("people/b2.md", "---\nname: B2\ncadence: as needed\n---\n")
        .file("people/b3.md", "---\nname: B3\n")
        .args(["--verbose", "list"])
        .run();
    verbose.success();
    assert_eq!(verbose.stderr.lines().count(), 3, "{}", verbose.stderr);
    Test::vault("basic")
        .file("people/b2.md", "---\nname: B2\ncadence: as needed\n---\n")
        .args(["list"])
        .run()
        .success()
        .stderr_is("1 file has problems: touchbase check lists them\n");
}

#[test]
fn verbose_and_quiet_conflict() {
    broken().args(["--verbose", "-q", "list"]).run().code(2);
}

#[test]
fn overdue_answers_for_the_valid_contact() {
    broken()
        .args(["overdue"])
        .run()
        .success()
        .stdout_is(
            "NAME        COMPANY  DUE         LATE  LAST CONTACT  CADENCE
Vera Valid  Globex   2026-11-01  25d   2026-10-01    monthly
",
        )
        .stderr_is("7 files have problems: touchbase check lists them\n");
    broken()
        .args(["--verbose", "overdue"])
        .run()
        .success()
        .stderr_has_line(
            "vault/bad-date.md:3:11: birthday: invalid date \"1980-13-01\" (expected YYYY-MM-DD)",
        )
        .stderr_has_line("vault/latin1.md:4:15: not valid UTF-8 text");
}

#[test]
fn upcoming_and_show_answer_too() {
    broken()
        .args(["upcoming"])
        .run()
        .success()
        .stdout_has("Vera turns 36")
        .stderr_is("7 files have problems: touchbase check lists them\n");
    broken().args(["--verbose", "upcoming"]).run().success().stderr_has("vault/unclosed.md:1:1:");
    broken()
        .args(["show", "vera"])
        .run()
        .success()
        .stdout_has_line("Vera Valid  Vera Valid.md")
        .stderr_is("7 files have problems: touchbase check lists them\n");
    broken().args(["--verbose", "show", "vera"]).run().success().stderr_has("vault/bad-yaml.md");
}

#[test]
fn quiet_silences_diagnostics() {
    for command in ["list", "overdue", "upcoming"] {
        let out = broken().args(["-q", command]).run();
        out.success().stderr_is("");
        assert!(!out.stdout.is_empty());
    }
    broken().args(["--quiet", "show", "Vera Valid"]).run().success().stderr_is("");
}

#[test]
fn quiet_still_prints_fatal_errors() {
    broken().args(["-q", "show", "Nobody"]).run().code(1).stderr_has("no contact named");
    broken().args(["-q", "list", "status:late"]).run().code(2).stderr_has("status:late");
}

#[test]
fn an_impossible_log_date_keeps_the_rest_of_the_contact() {
    broken()
        .args(["-q", "--format", "csv", "list", "name:lou"])
        .run()
        .success()
        .stdout_is("name,path,company,role,tags,cadence,last_contact,due,status,days_overdue\nLog Lou,Log Lou.md,,,,weekly,2026-11-20,2026-11-27,ok,0\n");
}

const CRLF_BOM: &str =
    "\u{feff}---\r\nname: Carla Crlf\r\ncadence: monthly\r\ntags: [friend]\r\n---\r\n## Log\r\n- 2026-11-01 call\r\n- 2026-10-02: lunch\r\n";

#[test]
fn crlf_and_bom_parse() {
    Test::vault("basic")
        .file_bytes("people/Carla Crlf.md", CRLF_BOM.as_bytes())
        .args(["show", "carla"])
        .run()
        .success()
        .stderr_is("")
        .stdout_is(
            "Carla Crlf  people/Carla Crlf.md
  tags          friend
  cadence       monthly
  last contact  2026-11-01
  status        ok (due 2026-12-01)

Coming up
  2026-12-01  in 5 days    reach out (monthly)

Interactions (2 in all; latest first)
  2026-11-01  call
  2026-10-02  lunch
",
        )
        // Reading never rewrites a file: the BOM and CRLF line ends are still there.
        .expect_file("people/Carla Crlf.md", CRLF_BOM);
}

#[test]
fn crlf_and_bom_pass_check() {
    Test::vault("basic")
        .file_bytes("people/Carla Crlf.md", CRLF_BOM.as_bytes())
        .args(["check"])
        .run()
        .success()
        .stdout_is("")
        .stderr_is("11 contacts checked: no problems\n");
}

#[test]
fn dots_close_front_matter_and_empty_values_are_absent() {
    // As templates leave them: empty values are the same as absent fields, not errors.
    let template = "---\nname: Tina Template\naliases: [ ]\nbirthday:\ncompany:\ntags: [ ]\nfamily:\n  -\ncadence: weekly\nlast_contact: 2026-11-20\n...\nNotes.\n";
    Test::vault("basic")
        .file("people/Tina Template.md", template)
        .args(["show", "Tina"])
        .run()
        .success()
        .stderr_is("")
        .stdout_is(
            "Tina Template  people/Tina Template.md
  cadence       weekly
  last contact  2026-11-20
  status        ok (due 2026-11-27)

Notes
  Notes.

Coming up
  2026-11-27  tomorrow     reach out (weekly)
",
        );
}

#[test]
fn code_blocks_and_quotes_hold_no_interactions() {
    let body = "---\nname: Quinn Quote\ncadence: monthly\n---\n- 2026-09-01 real call\n\n```\n- 2026-11-20 in code\n```\n\n> - 2026-11-21 quoted\n\n2026-11-22 a paragraph\n";
    Test::vault("basic")
        .file("people/Quinn Quote.md", body)
        .args(["--format", "csv", "list", "name:quinn"])
        .run()
        .success()
        .stdout_has("Quinn Quote,people/Quinn Quote.md,,,,monthly,2026-09-01,2026-10-01,overdue,56\n");
}

const MADISON: &str = "---\nname: Madison Ivanova\ncompany: Globex\ncadence: as needed\nnext_contact: 2026-11-10\n---\n## Log\n- 2026-09-01 lunch\n";

fn madison() -> Test {
    Test::vault("basic").file("people/Madison Ivanova.md", MADISON)
}

#[test]
fn one_bad_value_never_hides_a_person() {
    // `cadence: as needed` is dropped with a warning (as if absent: the vault default, yearly,
    // applies); her explicit next_contact still fires.
    madison()
        .args(["--format", "csv", "list", "name:madison"])
        .run()
        .success()
        .stderr_is("1 file has problems: touchbase check lists them\n")
        .stdout_is("name,path,company,role,tags,cadence,last_contact,due,status,days_overdue\nMadison Ivanova,people/Madison Ivanova.md,Globex,,,yearly,2026-09-01,2026-11-10,overdue,16\n");
    madison()
        .args(["show", "Madison Ivanova"])
        .run()
        .success()
        .stdout_has_line("Madison Ivanova  people/Madison Ivanova.md")
        .stdout_has("overdue");
    madison()
        .args(["-q", "--format", "paths", "overdue"])
        .run()
        .success()
        .stdout_has("people/Madison Ivanova.md");
    madison()
        .args(["check"])
        .run()
        .code(1)
        .stdout_has("people/Madison Ivanova.md:4:10: cadence: unknown cadence \"as needed\"");
}

#[test]
fn check_json_says_warning_or_error() {
    let out = madison()
        .file("people/Bad Yaml.md", "---\nname: [x\n---\n")
        .args(["--format", "json", "check"])
        .run();
    out.code(1);
    let problems: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let severity = |file: &str| {
        problems.as_array().unwrap().iter().find(|p| p["path"].as_str().unwrap().ends_with(file)).unwrap()
            ["severity"]
            .clone()
    };
    assert_eq!(severity("Madison Ivanova.md"), "warning");
    assert_eq!(severity("Bad Yaml.md"), "error");
}

#[test]
fn front_matter_that_is_not_yaml_still_skips_the_file() {
    Test::vault("basic")
        .file("people/Madison Ivanova.md", "---\nname: Madison Ivanova\ncadence: [as needed\n---\n")
        .args(["show", "Madison Ivanova"])
        .run()
        .code(1)
        .stderr_has("1 file has problems: touchbase check lists them")
        .stderr_has("no contact named");
}
