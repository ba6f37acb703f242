//! Open tasks never vanish: a `- [ ] DATE ...` past its date is an overdue follow-up in
//! `overdue`, `agenda`, `show`, `outreach` and the index page until `log NAME --done TEXT` ticks it.

use crate::harness::Test;

const TOM: &str = include_str!("../fixtures/tasks/Tom Baker.md");

fn tasks(today: &str) -> Test {
    Test::vault("tasks").today(today)
}

#[test]
fn before_and_on_its_date_the_task_is_a_plan() {
    tasks("2026-12-01").args(["overdue"]).run().success().stdout_is("Nobody is overdue.\n");
    tasks("2026-12-01")
        .args(["show", "Tom Baker"])
        .run()
        .success()
        .stdout_has("  2026-12-01  planned: send the proposal\n");
}

#[test]
fn from_the_day_after_it_is_overdue_everywhere() {
    tasks("2026-12-05").args(["overdue"]).run().success().stdout_is(
        "NAME       COMPANY    DUE         LATE  LAST CONTACT  CADENCE    REASON
Tom Baker  Acme Corp  2026-12-01  4d    2026-11-02    quarterly  to do: send the proposal
",
    );
    let out = tasks("2026-12-05").args(["--format", "json", "overdue"]).run();
    out.success();
    let rows: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(rows[0]["reason"], "to do: send the proposal");
    assert_eq!((rows[0]["due"].as_str(), rows[0]["days_overdue"].as_i64()), (Some("2026-12-01"), Some(4)));
    tasks("2026-12-05").args(["agenda"]).run().success().stdout_has("to do: send the proposal");
    tasks("2026-12-05")
        .args(["show", "Tom Baker"])
        .run()
        .success()
        .stdout_has_line("  status        overdue (due 2026-12-01, 4 days late; to do: send the proposal)")
        .stdout_has_line("  2026-12-01  to do, overdue: send the proposal");
    tasks("2026-12-05")
        .args(["outreach"])
        .run()
        .success()
        .stdout_has("To do: 2026-12-01 send the proposal (overdue since 2026-12-02)");
    let page = tasks("2026-12-05").args(["index"]).run();
    page.success();
    let text = page.read_file("INDEX.md");
    assert!(text.contains("[Tom Baker](Tom%20Baker.md) (to do: send the proposal) | Acme Corp |"), "{text}");
}

#[test]
fn log_done_ticks_exactly_that_line_and_then_it_is_gone() {
    let out = tasks("2026-12-05").args(["log", "Tom Baker", "--done", "PROPOSAL"]).run();
    out.success();
    let ticked = TOM
        .replace("- [ ] 2026-12-01 send the proposal", "- [x] 2026-12-01 send the proposal")
        .replace("last_contact: 2026-11-02", "last_contact: 2026-12-05");
    out.expect_file("Tom Baker.md", &ticked);
    out.stdout_has("+ - [x] 2026-12-01 send the proposal");
    let after = out.then().today("2026-12-05").args(["overdue"]).run();
    after.success().stdout_is("Nobody is overdue.\n");
    let show = after.then().today("2026-12-05").args(["show", "Tom Baker"]).run();
    show.success().stdout_has_line("  status        ok (due 2027-03-05)");
    assert!(!show.stdout.contains("overdue"), "{}", show.stdout);
}

#[test]
fn an_ambiguous_or_unknown_text_is_refused_and_changes_nothing() {
    let out = tasks("2026-12-05").args(["log", "Tom Baker", "--done", "send the"]).run();
    out.code(1)
        .stdout_is("")
        .stderr_has("2 open tasks contain \"send the\"; give more of the text:")
        .stderr_has("\n  - [ ] 2026-12-01 send the proposal\n")
        .stderr_has("\n  - [ ] 2027-01-15 send the signed contract")
        .expect_file("Tom Baker.md", TOM);
    let out = tasks("2026-12-05").args(["log", "Tom Baker", "--done", "the deck"]).run();
    out.code(1).stderr_has("no open task contains \"the deck\"").expect_file("Tom Baker.md", TOM);
    tasks("2026-12-05").args(["log", "Tom Baker", "--done", "x", "a message"]).run().code(2);
    tasks("2026-12-05").args(["log", "Tom Baker"]).run().code(2);
}
