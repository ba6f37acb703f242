//! The Mackay 66 (`profile`, `new --template mackay`, the accounts' coverage), the pre-call
//! `brief`, what `show` now says of the notes, the talking points that outlive a new Log entry,
//! and the private items that never reach a page or an export meant for others (issue 13,
//! parts 4 and 5).

use crate::harness::Test;

/// Private text in the sample vault: Jane's `avoid_topics` and `profile.health`, Marcus's
/// body answer "Sensitive items not to be discussed".
pub(crate) const PRIVATE: &[&str] =
    &["brother's illness", "Worcester layoffs", "knee surgery", "2022 layoffs"];

/// vCard and iCalendar lines are folded at 75 octets: a secret could be split by a fold.
fn unfolded(text: &str) -> String {
    text.replace("\r\n ", "").replace("\n ", "")
}

fn assert_no_private(text: &str, what: &str) {
    let text = &unfolded(text);
    for secret in PRIVATE {
        assert!(!text.contains(secret), "{what} shows the private {secret:?}:\n{text}");
    }
}

#[test]
fn jane_has_a_filled_profile() {
    let out = Test::sample().args(["profile", "Jane Doe"]).run();
    out.success().stderr_is("").stdout_golden("profile-jane-table");
    out.stdout_has("Jane Doe: Mackay 66, 58 of 66 answered");
    // Private items are shown to the user, marked as such.
    out.stdout_has_line("  avoid_topics (private) her brother's illness, the Worcester layoffs in 2023");
}

#[test]
fn profile_json_has_the_documented_keys() {
    let out = Test::sample().args(["--format", "json", "profile", "Jane Doe"]).run();
    out.success().stdout_golden("profile-jane-json");
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["answered", "total", "sections", "next_questions"]);
    assert_eq!(json["total"], 66);
    assert_eq!(json["sections"].as_array().unwrap().len(), 7);
    let items: usize =
        json["sections"].as_array().unwrap().iter().map(|s| s["items"].as_array().unwrap().len()).sum();
    assert_eq!(items, 66);
}

#[test]
fn marcus_has_a_half_filled_profile_from_his_body() {
    let out = Test::sample().args(["profile", "Marcus Bell"]).run();
    out.success().stdout_golden("profile-marcus-table");
    out.stdout_has("Marcus Bell: Mackay 66, 33 of 66 answered");
    out.stdout_has_line("  meal_paying            no, but he insists on the next one");
    out.stdout_has_line("  avoid_topics (private) the 2022 layoffs at Globex");
}

#[test]
fn an_unknown_name_is_no_match() {
    Test::sample().args(["profile", "Nobody At All"]).run().code(1);
    Test::sample().args(["brief", "Nobody At All"]).run().code(1);
}

#[test]
fn brief_before_a_call_with_jane() {
    let out = Test::sample().args(["brief", "Jane Doe"]).run();
    out.success().stderr_is("").stdout_golden("brief-jane-table");
    out.stdout_has_line("! Avoid: her brother's illness, the Worcester layoffs in 2023");
    out.stdout_has_line("  Emma (daughter), 17; turns 18 on 2026-12-04 (in 8 days)");
    out.stdout_has_line("  teams: Red Sox, Bruins");
    out.stdout_has("At Acme Corp\n  Priya Raman (Systems Integration Lead), last 2026-11-10");
    Test::sample()
        .args(["--format", "json", "brief", "Jane Doe"])
        .run()
        .success()
        .stdout_golden("brief-jane-json");
}

#[test]
fn brief_lists_undated_open_tasks_and_the_account_role() {
    let out = Test::sample()
        .file(
            "customers/acme/Dan Murphy.md",
            "---\ncompany: Acme Corp\naccount_role: [champion, user]\n---\nNew in IT.\n\n## Log\n- [ ] send him the onboarding deck\n- [ ] 2026-11-20 call about access\n",
        )
        .args(["brief", "Dan Murphy"])
        .run();
    out.success();
    out.stdout_has_line("  account role  champion, user");
    out.stdout_has_line("  2026-11-20  overdue: call about access");
    out.stdout_has_line("  no date     to do: send him the onboarding deck");
    out.stdout_has_line("  New in IT.");
}

#[test]
fn new_with_the_mackay_template_scaffolds_the_66() {
    let out = Test::sample().args(["new", "Sam Lee", "--company", "Initech", "--template", "mackay"]).run();
    out.success();
    out.file_golden("Sam Lee.md", "new-mackay-sam-lee.md");
    let text = out.read_file("Sam Lee.md");
    assert!(text.contains("company: Initech\n"), "{text}");
    assert!(text
        .contains("  avoid_topics:   # Highly confidential items not to be discussed with them (private)\n"));
    // The scaffold reads back as a profile with the one answer given.
    let profile = out.then().args(["--format", "json", "profile", "Sam Lee"]).run();
    profile.success();
    let json: serde_json::Value = serde_json::from_str(&profile.stdout).unwrap();
    assert_eq!(json["answered"], 1);
}

#[test]
fn the_vaults_own_mackay_template_wins() {
    let out = Test::sample()
        .file("templates/mackay.md", "---\nname:\nprofile:\n  college:\n---\n# {{name}}\n")
        .args(["new", "Sam Lee", "--template", "mackay"])
        .run();
    out.success();
    out.expect_file("Sam Lee.md", "---\nname: Sam Lee\nprofile:\n  college:\n---\n# Sam Lee\n");
}

#[test]
fn accounts_show_the_average_coverage() {
    let out = Test::sample().args(["accounts", "globex"]).run();
    out.success().stdout_has_line("  Mackay 66: 33 of 66 answered on average");
    let json = Test::sample().args(["--format", "json", "accounts", "acme"]).run();
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json[0]["profile_average"], 17);
    let contacts = json[0]["contacts"].as_array().unwrap();
    let jane = contacts.iter().find(|c| c["name"] == "Jane Doe").unwrap();
    assert_eq!(jane["profile_coverage"], 58);
}

#[test]
fn show_has_the_notes_reports_to_family_and_undated_tasks() {
    let out = Test::sample().args(["show", "Jane Doe"]).run();
    out.success();
    out.stdout_has_line("  reports to    Richard Hale");
    out.stdout_has_line("! Avoid: her brother's illness, the Worcester layoffs in 2023");
    out.stdout_has("Notes\n  Key contact at Acme Corp since 2019");
    out.stdout_has_line("  Plays off a 14 handicap. We usually golf with Dave Kowalski at Pine Hollow (see Dave Kowalski#2026-08-30 Golf outing).");
    out.stdout_has_line("  Liam (son), 15; turns 16 on 2027-05-14 (in 169 days)");
    let hale = Test::sample().args(["show", "Richard Hale"]).run();
    hale.success().stdout_has("To do (no date)\n  - [ ] ask Jane Doe for the intro\n");
}

#[test]
fn a_personal_detail_outlives_a_new_log_entry() {
    let detail = "Daughter Emma starts college this year (Boston College";
    let logged = Test::sample().args(["log", "Jane Doe", "lunch at Nino's; renewal on track"]).run();
    logged.success();
    // A month later Jane is due again: the new entry is the last one, the detail still a point.
    let out = logged.then().today("2026-12-28").args(["outreach", "--limit", "40"]).run();
    out.success();
    out.stdout_has("  - Last: 2026-11-26: lunch at Nino's; renewal on track\n");
    out.stdout_has(detail);
    out.then().args(["brief", "Jane Doe"]).run().success().stdout_has(detail);
}

#[test]
fn the_outreach_page_warns_without_naming_the_topics() {
    let out = Test::sample().args(["outreach", "--write"]).run();
    out.success();
    let page = out.read_file("outreach/2026-W48.md");
    assert!(page.contains("  - Careful: there are topics to avoid (touchbase brief names them)\n"), "{page}");
    assert_no_private(&page, "the outreach page");
}

#[test]
fn the_index_page_has_no_private_items() {
    let out = Test::sample().args(["index"]).run();
    out.success();
    assert_no_private(&out.read_file("INDEX.md"), "INDEX.md");
}

#[test]
fn exports_have_no_private_items() {
    for format in ["csv", "json", "vcf", "ics"] {
        let out = Test::sample().args(["--format", format, "export"]).run();
        out.success();
        assert_no_private(&out.stdout, &format!("export --format {format}"));
    }
}

#[test]
fn the_json_export_keeps_the_public_profile() {
    let out = Test::sample().args(["--format", "json", "export", "name:jane"]).run();
    out.success().stdout_has("\"lunch_places\": \"Nino's in Worcester; Legal Sea Foods\"");
    assert!(!out.stdout.contains("\"avoid_topics\""), "{}", out.stdout);
    assert!(!out.stdout.contains("\"health\""), "{}", out.stdout);
}

#[test]
fn the_vcard_note_leaves_out_private_body_answers_only() {
    let out = Test::sample().args(["--format", "vcf", "export", "name:marcus"]).run();
    out.success();
    // The note keeps the rest of the body, the profile's public answers included.
    let card = unfolded(&out.stdout);
    assert!(card.contains("Die-hard Red Sox fan"), "{card}");
    assert!(card.contains("- Clubs: Nashua Fly Fishers\\n- Spectator sports"), "{card}");
    // The private line is gone with its line break; the blank line after the list stays.
    assert!(card.contains("tolerates the Patriots\\n\\n### Lifestyle"), "{card}");
    assert_no_private(&out.stdout, "the vCard NOTE");
}

#[test]
fn a_profile_key_that_names_no_question_is_a_warning() {
    let out = Test::sample()
        .file(
            "people/Tess Typo.md",
            "---\nname: Tess Typo\nprofile:\n  colege: BC\n  Favorite team: Celtics\n---\n",
        )
        .args(["check"])
        .run();
    out.code(1);
    out.stdout_has(
        "people/Tess Typo.md:3:9: profile: `colege` names none of the Mackay 66 (`touchbase profile NAME` lists their keys)",
    );
    // The contact still loads, with the answer that was named.
    let profile = out.then().args(["profile", "Tess Typo"]).run();
    profile.success().stdout_has_line("  favorite_team          Celtics");
}

#[test]
fn the_briefs_account_merges_the_account_notes_aliases() {
    // Walter Grimes wrote his company as "Acme"; the account note aliases it to Acme Corp.
    let out = Test::sample().args(["brief", "Walter Grimes"]).run();
    out.success();
    out.stdout_has("At Acme Corp\n  Priya Raman (Systems Integration Lead), last 2026-11-10");
    out.stdout_has_line(
        "  ! new decision maker Richard Hale (Chief Executive Officer), added 2026-10-05, not contacted yet",
    );
}
