//! `outreach` and `accounts` (issue 5): golden pages for the sample vault at several weeks,
//! ranking, the account flags, and `--write` never clobbering a list the user ticked.

use crate::harness::Test;

#[test]
fn sample_vault_this_week() {
    Test::sample().args(["outreach"]).run().success().stderr_is("").stdout_golden("outreach-sample-2026-W48");
}

#[test]
fn sample_vault_next_week() {
    let out = Test::sample().args(["outreach", "--next"]).run();
    out.success().stdout_golden("outreach-sample-2026-W49");
    out.stdout_has("# Outreach 2026-W49 (2026-11-30 to 2026-12-06)");
}

#[test]
fn a_week_across_the_year_end() {
    // 2026-W53 runs Mon 2026-12-28 to Sun 2027-01-03; next week's cards are in January.
    let out = Test::sample().today("2026-12-28").args(["outreach"]).run();
    out.success().stdout_golden("outreach-sample-2026-W53");
    out.stdout_has("# Outreach 2026-W53 (2026-12-28 to 2027-01-03)");
    Test::sample()
        .today("2026-12-28")
        .args(["outreach", "--week", "2027-W01"])
        .run()
        .success()
        .stdout_golden("outreach-sample-2027-W01");
}

#[test]
fn the_sample_story_shows_every_account_flag() {
    let out = Test::sample().args(["outreach"]).run();
    out.success();
    // The account, its note linked; every person a flag names, linked (the successor too).
    out.stdout_has("**[Acme Corp](../notes/Acme%20Corp.md)**: new decision maker [Richard Hale]");
    out.stdout_has("**[Acme Corp](../notes/Acme%20Corp.md)**: [Walter Grimes](../customers/acme/Walter%20Grimes.md) left on 2026-09-01; successor: [Richard Hale](../customers/acme/Richard%20Hale.md)");
    out.stdout_has("**Globex**: nobody contacted since 2026-05-19 (longest cadence: quarterly)");
    out.stdout_has("**Globex**: single-threaded: [Marcus Bell]");
    out.stdout_has("**Globex Corporation**: decision maker [Greg Lawson](../customers/globex/Greg%20Lawson.md) (CTO) is overdue");
    // Neither Globex has a note: the other account is named, not linked to one of its people.
    out.stdout_has("**Globex Corporation**: possible duplicate of Globex: ");
    let checkup = out.stdout.split("## Account check-up").nth(1).unwrap();
    assert!(!checkup.contains("Moretti"), "a friend's business is no customer: no flags");
}

#[test]
fn ranking_is_relative_to_the_cadence_and_the_limit_counts_the_rest() {
    // Both are 20 days late; the monthly one is far later relative to its cadence.
    let out = Test::empty_vault()
        .file("Yearly Yvonne.md", "---\ncadence: yearly\nnext_contact: 2026-11-06\n---\n")
        .file("Monthly Mo.md", "---\ncadence: monthly\nnext_contact: 2026-11-06\n---\n")
        .file("Weekly Will.md", "---\ncadence: weekly\nlast_contact: 2026-11-22\n---\n")
        .args(["outreach", "--limit", "2"])
        .run();
    out.success();
    let text = out.stdout.clone();
    let mo = text.find("[Monthly Mo]").unwrap();
    let yvonne = text.find("[Yearly Yvonne]").unwrap();
    assert!(mo < yvonne, "{text}");
    assert!(!text.contains("[Weekly Will]"), "cut by --limit 2:\n{text}");
    out.stdout_has("## Reach out (2 of 3)");
    out.stdout_has("…and 1 more");
}

#[test]
fn talking_points_come_from_the_file() {
    let out = Test::empty_vault()
        .file(
            "Jane Doe.md",
            "---\ncadence: monthly\ninterests: [Red Sox, sailing]\nfamily:\n  - {name: Emma, relation: daughter, birthday: 2008-12-04}\n---\n\
             - 2026-10-02: lunch at Nino's\n- 2026-12-10 dinner planned\n",
        )
        .args(["outreach"])
        .run();
    out.success();
    out.stdout_has_line("  - Last: 2026-10-02: lunch at Nino's");
    out.stdout_has_line("  - Interests: Red Sox, sailing");
    out.stdout_has_line("  - Family: Emma (daughter) turns 18 on 2026-12-04");
    out.stdout_has_line("  - Planned: 2026-12-10 dinner planned");
}

#[test]
fn write_saves_then_refuses_to_clobber_a_ticked_list() {
    let first = Test::sample().args(["outreach", "--write"]).run();
    first.success().stdout_is("vault/outreach/2026-W48.md\n");
    let saved = first.read_file("outreach/2026-W48.md");
    assert!(saved.starts_with("# Outreach 2026-W48"));

    // Same content: nothing to do.
    let again = first.then().args(["outreach", "--write"]).run();
    again.success().stderr_has("unchanged: vault/outreach/2026-W48.md");

    // The user ticks a box: the regenerated list keeps the tick, so it is the same list.
    let ticked = saved.replacen("- [ ]", "- [x]", 1);
    std::fs::write(again.vault_file("outreach/2026-W48.md"), &ticked).unwrap();
    let kept = again.then().args(["outreach", "--write"]).run();
    kept.success().stderr_has("unchanged: vault/outreach/2026-W48.md");
    assert_eq!(kept.read_file("outreach/2026-W48.md"), ticked);

    // The user adds a note: a plain --write refuses and leaves the file alone.
    let noted = format!("{ticked}\nCall Chris after the offsite.\n");
    std::fs::write(kept.vault_file("outreach/2026-W48.md"), &noted).unwrap();
    let refused = kept.then().args(["outreach", "--write"]).run();
    refused.code(1).stderr_has("exists and differs");
    assert_eq!(refused.read_file("outreach/2026-W48.md"), noted);

    // --force replaces it, still keeping the tick.
    let forced = refused.then().args(["outreach", "--write", "--force"]).run();
    forced.success();
    assert_eq!(forced.read_file("outreach/2026-W48.md"), ticked);
    // The saved list is not a contact and not read as one.
    forced.then().args(["check"]).run().code(1).stdout_golden("sample-check-duplicate");
}

#[test]
fn bad_weeks_are_usage_errors() {
    Test::sample().args(["outreach", "--week", "2027-W53"]).run().code(2).stderr_has("invalid week");
    Test::sample().args(["outreach", "--week", "2026-W48", "--next"]).run().code(2);
}

#[test]
fn accounts_in_every_format() {
    Test::sample().args(["accounts"]).run().success().stdout_golden("accounts-sample-table");
    Test::sample()
        .args(["--format", "json", "accounts", "acme"])
        .run()
        .success()
        .stdout_golden("accounts-acme-json");
    Test::sample()
        .args(["--format", "csv", "accounts", "globex"])
        .run()
        .success()
        .stdout_golden("accounts-globex-csv");
    Test::sample()
        .args(["--format", "md", "accounts", "initech"])
        .run()
        .success()
        .stdout_golden("accounts-initech-md");
    Test::sample().args(["accounts", "no such company"]).run().code(1).stderr_has("no company matches");
}

#[test]
fn the_index_page_lists_accounts_needing_attention() {
    let out = Test::sample().args(["index"]).run();
    out.success();
    let page = out.read_file("INDEX.md");
    let section = page.split("## Accounts needing attention").nth(1).unwrap();
    assert!(section.contains("| [Acme Corp](notes/Acme%20Corp.md) | `2026-11-10` | new decision maker [Richard Hale](customers/acme/Richard%20Hale.md)"), "{section}");
    assert!(section.contains("| Globex | `2026-05-19` |"), "{section}");
    assert!(!section.contains("Northwind"), "not a customer account:\n{section}");
}

#[test]
fn dates_in_a_week_that_crosses_the_year_end() {
    // Planning on Thursday 2026-12-24 for next week, 2026-W53: Dec 31 and Jan 3 are both in it.
    Test::vault("dates-edge")
        .today("2026-12-24")
        .args(["outreach", "--next"])
        .run()
        .success()
        .stdout_has_line("- [ ] 2026-12-31: Olaf's 26th anniversary ([Olaf Yule](../Olaf%20Yule.md))")
        .stdout_has_line("- [ ] 2027-01-03: Nora turns 37 ([Nora Winter](../Nora%20Winter.md))")
        .stdout_golden("outreach-dates-edge-2026-W53");
}

/// Issue 12, outreach closes the loop: each box ticked on the saved list becomes one Log entry
/// in that contact's file, exactly once, however often `--apply` runs.
#[test]
fn apply_records_each_tick_once() {
    let first = Test::sample().args(["outreach", "--write"]).run();
    first.success();
    let saved = first.read_file("outreach/2026-W48.md");
    let line = saved.lines().find(|l| l.starts_with("- [ ] [")).unwrap().to_string();
    let name = line.trim_start_matches("- [ ] [").split(']').next().unwrap().to_string();
    std::fs::write(first.vault_file("outreach/2026-W48.md"), saved.replacen("- [ ] [", "- [x] [", 1))
        .unwrap();
    let applied = first.then().args(["outreach", "--apply"]).run();
    applied.success().stderr_has("1 ticked: 1 recorded, 0 already recorded");
    assert!(
        applied.stdout.contains("+ - 2026-11-26: reached out (outreach 2026-W48)"),
        "{name}: {}",
        applied.stdout
    );
    let again = applied.then().args(["outreach", "--apply"]).run();
    again.success().stdout_is("").stderr_has("1 ticked: 0 recorded, 1 already recorded");
    // Without a saved list there is nothing to apply.
    Test::sample().args(["outreach", "--apply"]).run().code(2).stderr_has("no saved list for 2026-W48");
}
