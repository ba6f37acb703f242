//! `cards` (issue 13 part 6): each card with its post-by date (the event minus
//! `card_lead_days`) and mailing address; the Sullivans' shared anniversary as one card; the
//! one-off graduation; the holiday campaign; the outreach page's cards by post-by week.

use crate::harness::Test;

#[test]
fn the_next_four_weeks_of_cards() {
    let out = Test::sample().args(["cards"]).run();
    out.success().stderr_is("").stdout_golden("cards-sample-2026-11-26");
    out.stdout_has_line("[ ] post by Tue 2026-12-01: Linda and Robert's 47th anniversary on Tue 2026-12-08");
    out.stdout_has_line("    to Linda Sullivan and Robert Sullivan: 41 Varnum Ave, Lowell, MA 01854");
    // A customer's card goes through the mailroom: 10 days (`[card_lead_days_by_tag]`), late now.
    out.stdout_has_line(
        "[ ] post by Sat 2026-11-21 (late: post it now): Jane: work anniversary (12 years) on Tue 2026-12-01",
    );
    out.stdout_has_line("    to Jane Doe: no address");
    assert!(!out.stdout.contains("Linda's 47th"), "the couple's card is one card:\n{}", out.stdout);
}

#[test]
fn eight_weeks_as_json() {
    let out = Test::sample().args(["cards", "--weeks", "8", "--format", "json"]).run();
    out.success().stdout_golden("cards-sample-weeks-8-json");
    let cards: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let cards = cards.as_array().unwrap();
    let keys: Vec<&str> = cards[0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["post_by", "event_date", "kind", "label", "who", "names", "paths", "address", "late"]);
    let couple: Vec<_> = cards.iter().filter(|c| c["kind"] == "anniversary").collect();
    assert_eq!(couple.len(), 1, "{couple:?}");
    assert_eq!(couple[0]["paths"].as_array().unwrap().len(), 2);
    let last = cards.last().unwrap()["post_by"].as_str().unwrap();
    assert!(last <= "2027-01-20", "8 weeks from 2026-11-26 end on 2027-01-20: {last}");
    assert!(cards.iter().all(|c| c["late"] == (c["post_by"].as_str().unwrap() < "2026-11-26")));
}

#[test]
fn markdown_is_a_checklist_with_links() {
    let out = Test::sample().args(["cards", "--weeks", "2", "--format", "md"]).run();
    out.success();
    out.stdout_has_line(
        "- [ ] post by Tue 2026-12-01: Linda and Robert's 47th anniversary on Tue 2026-12-08 \
         ([Linda Sullivan](family/Linda%20Sullivan.md) and [Robert Sullivan](family/Robert%20Sullivan.md)): \
         41 Varnum Ave, Lowell, MA 01854",
    );
    out.stdout_has("([Mei Tanaka](people/Mei%20Tanaka.md)): **no address**");
}

#[test]
fn the_holiday_campaign_for_customers() {
    let out = Test::sample().args(["cards", "--campaign", "holiday", "--tag", "customer"]).run();
    out.success().stdout_golden("cards-holiday-customer");
    out.stdout_has_line("Holiday cards to post by Tue 2026-12-15");
    // The Sullivans get one card.
    Test::sample()
        .args(["cards", "--campaign", "holiday", "--tag", "family"])
        .run()
        .success()
        .stdout_has_line("[ ] Linda Sullivan and Robert Sullivan");
    // After the post-by date, in late December, it says so.
    let late = Test::sample().today("2026-12-22").args(["cards", "--campaign", "holiday"]).run();
    late.success().stdout_has("the post-by date has passed (2026-12-22 today): post them now");
    // `holiday_post_by` moves the day.
    Test::sample()
        .file("touchbase.toml", "holiday_post_by = \"12-01\"\n[card_lead_days_by_tag]\ncustomer = 10\n")
        .args(["--format", "json", "cards", "--campaign", "holiday", "--tag", "customer"])
        .run()
        .success()
        .stdout_has("\"post_by\": \"2026-12-01\"");
}

#[test]
fn the_outreach_week_a_card_is_posted_in() {
    // The Sullivans' anniversary is Tue 2026-12-08. Its card is posted by Tue 2026-12-01, so it
    // is on the list of 2026-W49 (Nov 30 - Dec 6), planned on the Monday...
    let monday = Test::sample().today("2026-11-30").args(["outreach"]).run();
    monday.success().stdout_golden("outreach-cards-2026-W49-monday");
    monday.stdout_has_line(
        "- [ ] 2026-12-08: Linda and Robert's 47th anniversary ([Linda Sullivan](../family/Linda%20Sullivan.md) \
         and [Robert Sullivan](../family/Robert%20Sullivan.md)) \u{2014} post by Tue 2026-12-01; \
         41 Varnum Ave, Lowell, MA 01854",
    );
    // ...not on 2026-W50's, the week of the anniversary itself, when planned ahead...
    let w50 = Test::sample().today("2026-11-30").args(["outreach", "--next"]).run();
    let cards = w50.stdout.split("### Cards to post").nth(1).unwrap();
    let cards = cards.split("## Account").next().unwrap();
    assert!(!cards.contains("47th anniversary"), "{cards}");
    assert!(w50.stdout.contains("- [ ] 2026-12-08: Linda's 47th anniversary"), "{}", w50.stdout);
    // ...and on the Sunday before, two days ahead, it is late, not "mail now".
    Test::sample().today("2026-12-06").args(["outreach"]).run().success().stdout_has(
        "and [Robert Sullivan](../family/Robert%20Sullivan.md)) \u{2014} post by Tue 2026-12-01 (late: post it now)",
    );
}

#[test]
fn a_ticked_couple_card_is_recorded_in_both_files() {
    let first = Test::sample().today("2026-11-30").args(["outreach", "--write"]).run();
    first.success();
    let saved = first.read_file("outreach/2026-W49.md");
    let ticked =
        saved.replacen("- [ ] 2026-12-08: Linda and Robert's", "- [x] 2026-12-08: Linda and Robert's", 1);
    assert_ne!(saved, ticked);
    std::fs::write(first.vault_file("outreach/2026-W49.md"), ticked).unwrap();
    let applied = first.then().today("2026-11-30").args(["outreach", "--apply"]).run();
    // One box, two files: the summary counts the entries recorded.
    applied.success().stderr_has("2 ticked: 2 recorded, 0 already recorded");
    let entry = "- 2026-11-30: sent a card: Linda and Robert's 47th anniversary (outreach 2026-W49)";
    assert!(applied.read_file("family/Linda Sullivan.md").contains(entry), "{}", applied.stdout);
    assert!(applied.read_file("family/Robert Sullivan.md").contains(entry), "{}", applied.stdout);
    let again = applied.then().today("2026-11-30").args(["outreach", "--apply"]).run();
    again.success().stdout_is("").stderr_has("0 recorded, 2 already recorded");
}

#[test]
fn one_off_events_come_up_once() {
    let out = Test::sample().today("2027-05-20").args(["upcoming", "--days", "20"]).run();
    out.success().stdout_golden("cards-upcoming-one-off");
    out.stdout_has("Dave: Tyler's high-school graduation");
    let json =
        Test::sample().today("2027-05-20").args(["--format", "json", "upcoming", "--days", "20"]).run();
    json.success().stdout_has("\"kind\": \"event\"");
    // It does not recur: a year on, nothing.
    let later = Test::sample().today("2027-06-06").args(["upcoming", "--days", "400"]).run();
    assert!(!later.stdout.contains("graduation"), "{}", later.stdout);
    // It is a card too, posted a week before.
    Test::sample().today("2027-05-20").args(["cards"]).run().success().stdout_has_line(
        "[ ] post by Sat 2027-05-29: Dave: Tyler's high-school graduation on Sat 2027-06-05",
    );
}

#[test]
fn a_broken_events_value_is_a_warning_that_keeps_the_contact() {
    let vault = || {
        Test::empty_vault().file(
            "Ann Lee.md",
            "---\nname: Ann Lee\nbirthday: 1990-12-10\nevents:\n  - {label: wedding, date: 12-05}\n  \
             - {label: graduation, date: 2026-12-12}\n---\n",
        )
    };
    let check = vault().args(["check"]).run();
    check.code(1).stdout_golden("cards-broken-events-check");
    check.stdout_has("Ann Lee.md:4:8: events: wedding: \"12-05\" has no year");
    let cards = vault().args(["cards"]).run();
    cards.success().stderr_has("1 file has problems");
    cards.stdout_has_line("[ ] post by Thu 2026-12-03: Ann turns 36 on Thu 2026-12-10");
    cards.stdout_has_line("[ ] post by Sat 2026-12-05: Ann: graduation on Sat 2026-12-12");
}

#[test]
fn lead_days_by_tag_and_by_contact() {
    let out = Test::empty_vault()
        .file("touchbase.toml", "card_lead_days = 5\n[card_lead_days_by_tag]\nabroad = 21\nfamily = 10\n")
        .file("Far Away.md", "---\ntags: [family, abroad]\nbirthday: 1990-12-20\n---\n")
        .file("Near By.md", "---\ntags: [friend]\nbirthday: 1990-12-20\n---\n")
        .file("Own Lead.md", "---\ntags: [abroad]\ncard_lead_days: 2\nbirthday: 1990-12-20\n---\n")
        .args(["--format", "json", "cards"])
        .run();
    out.success();
    let cards: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let got: Vec<(&str, &str)> = cards
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["who"].as_str().unwrap(), c["post_by"].as_str().unwrap()))
        .collect();
    assert_eq!(got, [("Far Away", "2026-11-29"), ("Near By", "2026-12-15"), ("Own Lead", "2026-12-18")]);
}

#[test]
fn bad_arguments_are_usage_errors() {
    Test::sample().args(["cards", "--weeks", "0"]).run().code(2).stderr_has("--weeks");
    Test::sample().args(["--format", "csv", "cards"]).run().code(2).stderr_has("table, json or md");
    Test::sample().args(["cards", "--campaign", "holiday", "--weeks", "2"]).run().code(2);
    Test::sample().args(["cards", "--campaign", "easter"]).run().code(2);
    Test::empty_vault().args(["cards"]).run().success().stdout_has("No cards to post in the next 4 weeks.");
    Test::sample()
        .args(["cards", "--campaign", "holiday", "--tag", "nobody"])
        .run()
        .success()
        .stdout_has_line("No contact has the tag.");
}

#[test]
fn show_lists_the_card_keys() {
    let linda = Test::sample().args(["show", "Linda"]).run();
    linda.success();
    linda.stdout_has_line("  spouse        Robert Sullivan");
    linda.stdout_has_line("  address       41 Varnum Ave, Lowell, MA 01854");
    // Marcus's spouse has no file of her own: still shown, as before it was a known key.
    Test::sample().args(["show", "Marcus"]).run().success().stdout_has_line("  spouse        Denise");
    let dave = Test::sample().today("2027-05-20").args(["show", "Dave"]).run();
    dave.success().stdout_has_line("  events        2027-06-05 Tyler's high-school graduation");
    dave.stdout_has("  2027-06-05  in 16 days   Dave: Tyler's high-school graduation");
}

#[test]
fn a_ticked_card_stays_ticked_alone_when_the_list_is_written_again() {
    // Jane has two cards this week and a date: ticking one card keeps exactly that one ticked.
    let first = Test::sample().args(["outreach", "--write"]).run();
    first.success();
    let saved = first.read_file("outreach/2026-W48.md");
    let ticked = saved.replacen("- [ ] 2026-12-04: Emma", "- [x] 2026-12-04: Emma", 1);
    assert_ne!(saved, ticked);
    std::fs::write(first.vault_file("outreach/2026-W48.md"), &ticked).unwrap();
    let again = first.then().args(["outreach", "--write"]).run();
    again.success().stderr_has("unchanged: vault/outreach/2026-W48.md");
    assert_eq!(again.read_file("outreach/2026-W48.md").matches("- [x]").count(), 1);
    let applied = again.then().args(["outreach", "--apply"]).run();
    applied.success().stderr_has("1 ticked: 1 recorded");
    assert!(applied
        .read_file("customers/acme/Jane Doe.md")
        .contains("sent a card: Emma (daughter of Jane Doe) turns 18 (outreach 2026-W48)"));
}
