//! Each command's behaviour on the `basic` vault (pinned to 2026-11-26, a Thursday), the sample
//! vault, and the `dates-edge` vault. The five output formats are in `formats.rs`; here the
//! table output is golden and ordering, exit codes and lookups are asserted inline.

use crate::harness::Test;

#[test]
fn list_everyone_sorted_by_name() {
    Test::vault("basic").args(["list"]).run().success().stderr_is("").stdout_golden("basic-list-table");
}

#[test]
fn list_shows_every_status() {
    // One contact per status: the schedule rules of SPEC 3 in one table.
    Test::vault("basic").args(["--format", "csv", "list"]).run().success().stdout_is(
        "name,path,company,role,tags,cadence,last_contact,due,status,days_overdue
Ben Adler,work/Ben Adler.md,Northwind,,,weekly,2026-09-24,2026-10-01,overdue,56
Dave Kowalski,people/Dave Kowalski.md,,,,monthly,2026-11-15,2026-12-03,ok,0
Jane Doe,people/Jane Doe.md,Acme Corp,VP Operations,\"customer, golf, boating\",monthly,2026-10-20,2026-11-20,overdue,6
José Núñez,people/José Núñez.md,,,family,biweekly,2026-11-12,2026-11-26,due,0
Linda Sullivan,people/Linda Sullivan.md,,,,yearly,2025-10-01,2026-10-01,overdue,56
Mei Tanaka,people/Mei Tanaka.md,,,family,,2026-04-22,,none,0
Pipe | Bracket [x],people/Pipe | Bracket [x].md,A|B <Corp> *bold*,,,yearly,2026-06-01,2027-06-01,ok,0
Priya Raman,people/Priya Raman.md,Acme Corp,Systems Integration Lead,,monthly,2026-10-01,2026-11-01,snoozed,0
Sam Rivera,people/Sam Rivera.md,Initech,,,quarterly,,2026-11-26,due,0
Tom Baker,work/acme/Tom Baker.md,Acme Corp,Procurement Manager,customer,monthly,2026-11-01,2026-12-01,ok,0
",
    );
}

#[test]
fn overdue_is_sorted_by_due_date_then_name() {
    // Ben (work/) and Linda (people/) are both due 2026-10-01: name order, not path order.
    // Priya is snoozed and José and Sam are due today: none of them is overdue. Jane's open
    // task of 2026-11-20 is the reason she is late.
    Test::vault("basic").args(["overdue"]).run().success().stdout_is(
        "NAME            COMPANY    DUE         LATE  LAST CONTACT  CADENCE  REASON
Ben Adler       Northwind  2026-10-01  56d   2026-09-24    weekly
Linda Sullivan             2026-10-01  56d   2025-10-01    yearly
Jane Doe        Acme Corp  2026-11-20  6d    2026-10-20    monthly  to do: call about the 3-year option
",
    );
}

#[test]
fn overdue_with_nobody_late() {
    Test::vault("basic")
        .today("2026-09-01")
        .args(["overdue"])
        .run()
        .success()
        .stdout_is("Nobody is overdue.\n");
}

#[test]
fn upcoming_is_sorted_by_date_then_who() {
    // The default window is `upcoming_days` (30): 2026-11-26 through 2026-12-26. Overdue
    // contacts (Jane) are not repeated as due, but their yearly dates still show.
    Test::vault("basic").args(["upcoming"]).run().success().stdout_is(
        "DATE        WHEN        WHO            WHAT
2026-11-26  today       José Núñez     reach out (biweekly)
2026-11-26  today       Sam Rivera     never contacted: reach out
2026-11-26  today       Tom Baker      Tom turns 56
2026-12-01  in 5 days   Jane Doe       Jane: work anniversary (7 years)
2026-12-01  in 5 days   Priya Raman    snooze ends: reach out
2026-12-01  in 5 days   Tom Baker      reach out (monthly)
2026-12-03  in 7 days   Dave Kowalski  follow-up due
2026-12-03  in 7 days   Tom Baker      planned: send the proposal
2026-12-05  in 9 days   Sam Rivera     Sam's birthday
2026-12-10  in 14 days  Jane Doe       Emma (daughter of Jane Doe) turns 18
2026-12-20  in 24 days  Mei Tanaka     Mei's 16th anniversary
",
    );
}

#[test]
fn upcoming_days_includes_both_ends() {
    // 2026-11-26 + 7 = 2026-12-03: the events on that day are in, 2026-12-05 is not.
    Test::vault("basic").args(["--format", "csv", "upcoming", "--days", "7"]).run().success().stdout_is(
        "date,kind,who,path,label,in_days
2026-11-26,due,José Núñez,people/José Núñez.md,reach out (biweekly),0
2026-11-26,due,Sam Rivera,people/Sam Rivera.md,never contacted: reach out,0
2026-11-26,birthday,Tom Baker,work/acme/Tom Baker.md,Tom turns 56,0
2026-12-01,date,Jane Doe,people/Jane Doe.md,Jane: work anniversary (7 years),5
2026-12-01,due,Priya Raman,people/Priya Raman.md,snooze ends: reach out,5
2026-12-01,due,Tom Baker,work/acme/Tom Baker.md,reach out (monthly),5
2026-12-03,due,Dave Kowalski,people/Dave Kowalski.md,follow-up due,7
2026-12-03,planned,Tom Baker,work/acme/Tom Baker.md,planned: send the proposal,7
",
    );
}

#[test]
fn upcoming_zero_days_is_today_only() {
    Test::vault("basic")
        .args(["--format", "paths", "upcoming", "--days", "0"])
        .run()
        .success()
        .stdout_is("vault/people/José Núñez.md\nvault/people/Sam Rivera.md\nvault/work/acme/Tom Baker.md\n");
}

#[test]
fn upcoming_empty_window() {
    // By then Jane, Tom and Priya are all overdue (not repeated) and no yearly date is near.
    Test::vault("basic")
        .today("2027-08-01")
        .args(["upcoming", "--days", "3", "company:acme"])
        .run()
        .success()
        .stdout_is("Nothing in the next 3 days.\n");
}

#[test]
fn upcoming_follows_upcoming_days_from_the_config() {
    let config = "default_cadence = \"yearly\"\nupcoming_days = 7\n\n[cadence_by_tag]\nfamily = \"2w\"\ncustomer = \"monthly\"\n";
    let out = Test::vault("basic").file("touchbase.toml", config).args(["upcoming"]).run();
    out.success().stdout_has("planned: send the proposal");
    assert!(!out.stdout.contains("Sam's birthday"), "2026-12-05 is after the 7-day window\n{}", out.stdout);
}

#[test]
fn show_table() {
    // Fields, the cadence's source, status, the year ahead (ages and counts), the latest
    // interactions (the dated heading and the checked task included), links in and out.
    Test::vault("basic")
        .args(["show", "Jane Doe"])
        .run()
        .success()
        .stderr_is("")
        .stdout_golden("basic-show-jane-table");
}

#[test]
fn show_json() {
    Test::vault("basic")
        .args(["--format", "json", "show", "Jane Doe"])
        .run()
        .success()
        .stdout_golden("basic-show-jane-json");
}

#[test]
fn show_nested_folder_tag_cadence_and_planned_touchpoint() {
    Test::vault("basic").args(["show", "Tom Baker"]).run().success().stdout_is(
        "Tom Baker  work/acme/Tom Baker.md
  company       Acme Corp
  role          Procurement Manager
  tags          customer
  birthday      1970-11-26
  cadence       monthly (from tag:customer)
  last contact  2026-11-01
  status        ok (due 2026-12-01)

Notes
  Runs the paperwork for every renewal; reports into Jane Doe#Log.

Coming up
  2026-11-26  today        Tom turns 56
  2026-12-01  in 5 days    reach out (monthly)
  2026-12-03  in 7 days    planned: send the proposal

Interactions (2 in all; latest first)
  2026-12-03  planned: send the proposal
  2026-11-01  walked through the renewal paperwork

Links to
  Jane Doe  (people/Jane Doe.md)

Linked from
  Jane Doe  (people/Jane Doe.md)
",
    );
}

#[test]
fn show_feb_29_birthday_in_a_common_year() {
    Test::vault("basic")
        .args(["show", "josé núñez"])
        .run()
        .success()
        .stdout_has_line("  2027-02-28  in 94 days   José turns 39");
}

#[test]
fn show_snoozed() {
    Test::vault("basic")
        .args(["show", "Priya"])
        .run()
        .success()
        .stdout_has_line("  status        snoozed (due 2026-11-01)")
        .stdout_has_line("  snoozed until 2026-12-01");
}

#[test]
fn show_cadence_none_wins_over_tags() {
    Test::vault("basic")
        .args(["--format", "json", "show", "Mei Tanaka"])
        .run()
        .success()
        .stdout_has("\"status\": \"none\"")
        .stdout_has("\"due\": null");
}

#[test]
fn show_finds_by_alias_file_stem_and_any_case() {
    for name in ["JD", "janie", "JANE DOE", "people/Jane Doe", "jane"] {
        Test::vault("basic")
            .args(["show", name])
            .run()
            .success()
            .stdout_has_line("Jane Doe  people/Jane Doe.md");
    }
}

#[test]
fn show_unknown_name_exits_1() {
    Test::vault("basic")
        .args(["show", "Nobody"])
        .run()
        .code(1)
        .stdout_is("")
        .stderr_is("touchbase: no contact named \"Nobody\"\n");
}

#[test]
fn show_near_miss_lists_candidates() {
    Test::vault("basic").args(["show", "Jnae Doe"]).run().code(1).stdout_is("").stderr_is(
        "touchbase: no contact named \"Jnae Doe\"; did you mean:\n  Jane Doe (people/Jane Doe.md)\n",
    );
}

#[test]
fn show_ambiguous_name_lists_candidates() {
    Test::vault("basic").args(["show", "an"]).run().code(1).stdout_is("").stderr_is(
        "touchbase: \"an\" matches more than one contact:
  Jane Doe (people/Jane Doe.md)
  Linda Sullivan (people/Linda Sullivan.md)
  Mei Tanaka (people/Mei Tanaka.md)
  Priya Raman (people/Priya Raman.md)
",
    );
}

#[test]
fn check_passes_on_basic() {
    Test::vault("basic")
        .args(["check"])
        .run()
        .success()
        .stdout_is("")
        .stderr_is("10 contacts checked: no problems\n");
}

#[test]
fn notes_and_hidden_files_are_not_contacts() {
    let contact = "---\nname: Hidden Hank\ncadence: weekly\n---\n";
    let out = Test::vault("basic")
        .file(".obsidian/Hidden Hank.md", contact)
        .file(".trash/Trashed Tina.md", contact)
        .file("people/.hidden.md", contact)
        .args(["--format", "paths", "list"])
        .run();
    out.success().stderr_is("");
    assert_eq!(out.stdout.lines().count(), 10, "{}", out.stdout);
    assert!(
        !out.stdout.contains("Acme Corp") && !out.stdout.contains("Hank") && !out.stdout.contains("hidden")
    );
}

#[test]
fn empty_vault() {
    Test::empty_vault().args(["list"]).run().success().stdout_is("No contacts match.\n");
    Test::empty_vault().args(["overdue"]).run().success().stdout_is("Nobody is overdue.\n");
    Test::empty_vault().args(["upcoming"]).run().success().stdout_is("Nothing in the next 30 days.\n");
    Test::empty_vault().args(["check"]).run().success().stderr_is("0 contacts checked: no problems\n");
}

#[test]
fn impossible_today_is_a_usage_error() {
    Test::vault("basic")
        .today("2026-02-30")
        .args(["overdue"])
        .run()
        .code(2)
        .stdout_is("")
        .stderr_has("2026-02-30");
    Test::vault("basic").today("11/26/2026").args(["overdue"]).run().code(2).stderr_has("11/26/2026");
}

#[test]
fn today_from_the_environment() {
    let out = Test::vault("basic").no_today().env("TOUCHBASE_TODAY", "2026-11-26").args(["overdue"]).run();
    let pinned = Test::vault("basic").args(["overdue"]).run();
    out.success().stdout_is(&pinned.stdout);
}

#[test]
fn vault_from_the_environment() {
    Test::vault("basic")
        .no_vault_flag()
        .env("TOUCHBASE_VAULT", "vault")
        .args(["--format", "paths", "overdue"])
        .run()
        .success()
        .stdout_is("vault/work/Ben Adler.md\nvault/people/Linda Sullivan.md\nvault/people/Jane Doe.md\n");
}

#[test]
fn missing_vault_is_an_error() {
    Test::empty_vault()
        .no_vault_flag()
        .args(["--vault", "no-such-dir", "list"])
        .run()
        .code(2)
        .stderr_has("no-such-dir");
}

#[test]
fn bad_config_names_the_key() {
    Test::vault("basic")
        .file("touchbase.toml", "upcoming = 3\n")
        .args(["list"])
        .run()
        .code(2)
        .stdout_is("")
        .stderr_has("touchbase.toml")
        .stderr_has("upcoming");
}

#[test]
fn discovers_the_vault_from_a_subfolder() {
    // No --vault and no $TOUCHBASE_VAULT: the nearest folder with touchbase.toml is the vault,
    // and `paths` prints paths that work from where the user stands.
    let out = Test::vault("basic")
        .no_vault_flag()
        .current_dir("people")
        .args(["--format", "paths", "overdue"])
        .run();
    out.success().stdout_is("../work/Ben Adler.md\n../people/Linda Sullivan.md\n../people/Jane Doe.md\n");
}

#[test]
fn discovered_paths_are_usable_from_the_subfolder() {
    let test =
        Test::vault("basic").no_vault_flag().current_dir("work/acme").args(["--format", "paths", "list"]);
    let out = test.run();
    out.success();
    assert_eq!(out.stdout.lines().count(), 10);
    for line in out.stdout.lines() {
        assert!(line.starts_with("../../"), "{line}");
        assert!(out.path_from_cwd(line).is_file(), "{line} does not exist from work/acme");
    }
}

#[test]
fn without_config_the_current_folder_is_the_vault() {
    // `dates-edge` has no touchbase.toml. Paths from `.` print without a `./` prefix.
    Test::vault("dates-edge")
        .no_vault_flag()
        .current_dir(".")
        .today("2026-12-20")
        .args(["--format", "paths", "upcoming", "--days", "5"])
        .run()
        .success()
        .stdout_is("Ende Jahr.md\nOlaf Yule.md\n");
}

#[test]
fn sample_vault_overdue() {
    Test::sample().args(["overdue"]).run().success().stderr_is("").stdout_golden("sample-overdue");
}

#[test]
fn sample_vault_upcoming() {
    Test::sample().args(["upcoming"]).run().success().stderr_is("").stdout_golden("sample-upcoming");
}

#[test]
fn sample_vault_is_clean_but_for_its_duplicate_account() {
    // The story's one problem on purpose: "Globex" and "Globex Corporation" (issue 13).
    Test::sample().args(["check"]).run().code(1).stdout_golden("sample-check-duplicate");
}

#[test]
fn upcoming_window_crosses_the_year_end() {
    Test::vault("dates-edge")
        .today("2026-12-20")
        .args(["upcoming", "--days", "30"])
        .run()
        .success()
        .stdout_golden("dates-edge-upcoming-2026-12-20");
}

#[test]
fn feb_29_birthday_in_a_common_year_falls_on_feb_28() {
    // Also: quarterly from 2026-11-30 is due on 2027-02-28 (calendar months clamp).
    Test::vault("dates-edge")
        .today("2027-02-20")
        .args(["upcoming", "--days", "30"])
        .run()
        .success()
        .stdout_is(
            "DATE        WHEN       WHO            WHAT
2027-02-28  in 8 days  Lea Sprung     Lea turns 35
2027-02-28  in 8 days  Quinn Quarter  reach out (quarterly)
",
        );
}

#[test]
fn feb_29_birthday_in_a_leap_year() {
    Test::vault("dates-edge")
        .today("2028-02-20")
        .args(["upcoming", "--days", "30"])
        .run()
        .success()
        .stdout_is(
            "DATE        WHEN       WHO         WHAT
2028-02-29  in 9 days  Lea Sprung  Lea turns 36
",
        );
}

#[test]
fn monthly_from_january_31_is_due_february_28() {
    Test::vault("dates-edge")
        .today("2026-02-20")
        .args(["--format", "csv", "upcoming", "--days", "8", "name:max"])
        .run()
        .success()
        .stdout_is(
            "date,kind,who,path,label,in_days\n2026-02-28,due,Max Monat,Max Monat.md,reach out (monthly),8\n",
        );
}

#[test]
fn shortest_tag_cadence_and_own_cadence_win() {
    // customer = monthly, family = 2w: the shorter one applies; tag names are case-insensitive.
    Test::vault("basic")
        .file(
            "people/Mixed Tags.md",
            "---\nname: Mixed Tags\ntags: [customer, Family]\nlast_contact: 2026-11-01\n---\n",
        )
        .args(["show", "Mixed Tags"])
        .run()
        .success()
        .stdout_has_line("  cadence       biweekly (from tag:Family)")
        .stdout_has_line("  status        overdue (due 2026-11-15, 11 days late)");
}

#[test]
fn mapped_field_names_are_read_and_win() {
    let config = "[fields]\nlast_contact = \"prm-last-contacted\"\ncadence = \"contact-frequency\"\n";
    let contact = "---\nname: Mapped Mo\nprm-last-contacted: 2026-11-10\nlast_contact: 2026-01-01\ncontact-frequency: weekly\n---\n";
    Test::empty_vault()
        .file("touchbase.toml", config)
        .file("Mapped Mo.md", contact)
        .args(["--format", "csv", "list"])
        .run()
        .success()
        .stderr_is("")
        .stdout_is(
            "name,path,company,role,tags,cadence,last_contact,due,status,days_overdue\n\
             Mapped Mo,Mapped Mo.md,,,,weekly,2026-11-10,2026-11-17,overdue,9\n",
        );
}

#[test]
fn year_less_dates_date_times_and_day_counts() {
    // 1604 is Apple's "no year"; `--MMDD` and `MM-DD` are year-less too; a date-time's date is
    // used; a bare number is a cadence in days.
    let contact = "---\nname: Apple Ann\nbirthday: 1604-11-28\nanniversary: \"--1130\"\ndates:\n  name day: 12-01\nlast_contact: 2026-11-01T10:00:00\ncadence: 30\n---\n";
    Test::empty_vault()
        .file("Apple Ann.md", contact)
        .args(["upcoming", "--days", "7"])
        .run()
        .success()
        .stderr_is("")
        .stdout_is(
            "DATE        WHEN       WHO        WHAT
2026-11-28  in 2 days  Apple Ann  Apple's birthday
2026-11-30  in 4 days  Apple Ann  Apple's anniversary
2026-12-01  in 5 days  Apple Ann  Apple: name day
2026-12-01  in 5 days  Apple Ann  reach out (30d)
",
        );
}

#[test]
fn ambiguous_slash_dates_are_errors() {
    Test::empty_vault()
        .file("Slash Sue.md", "---\nname: Slash Sue\nbirthday: 04/05/2026\n---\n")
        .args(["check"])
        .run()
        .code(1)
        .stdout_is("vault/Slash Sue.md:3:11: birthday: ambiguous date \"04/05/2026\" (write YYYY-MM-DD)\n");
}

#[test]
fn open_tasks_do_not_hide_the_last_contact() {
    // SPEC 2: last contact = the latest of last_contact and every interaction dated today or
    // earlier; an unchecked task is an intention, not a contact. Expected: last contact
    // 2026-10-01, due 2026-11-01, 25 days overdue (got: never contacted, due today).
    let contact = "---\nname: Tara Tasks\ncadence: monthly\n---\n- 2026-10-01 real call\n\
                   - [ ] 2026-11-01 a\n- [ ] 2026-11-02 b\n- [ ] 2026-11-03 c\n- [ ] 2026-11-04 d\n- [ ] 2026-11-05 e\n";
    Test::empty_vault()
        .file("Tara Tasks.md", contact)
        .args(["--format", "csv", "list"])
        .run()
        .success()
        .stdout_is(
            "name,path,company,role,tags,cadence,last_contact,due,status,days_overdue\n\
             Tara Tasks,Tara Tasks.md,,,,monthly,2026-10-01,2026-11-01,overdue,25\n",
        );
}

#[test]
fn any_today_reads_the_same_from_the_cache() {
    // Parsing knows no day: a cache written for 2026-11-26 serves 2026-01-01 (earlier: its
    // latest entries are then planned, and older summaries are the talking points) and back,
    // and every output equals a run without the cache.
    let pat = "---\nname: Pat Plans\ncadence: weekly\n---\n## Log\n- 2026-12-20 planned: dinner\n\
               - [ ] 2026-12-01 send the deck\n- 2026-11-20 call about the renewal\n\
               - 2026-10-01 lunch at Nino's\n- [ ] 2026-02-01 book the venue\n- 2026-01-15 coffee\n\
               - 2025-12-10 met at the gala\n- 2025-11-01 intro call\n";
    let quinn = "---\nname: Quinn Quiet\ncadence: 2w\nbirthday: 1990-01-03\n---\n## Log\n\
                 - 2027-02-01 planned: ski trip\n- 2027-01-10 planned: call\n- 2026-12-24 planned: card\n\
                 - 2025-12-30 planned: new year\n- 2025-12-01 drinks\n";
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let mut test = Test::empty_vault().file("Pat Plans.md", pat).file("Quinn Quiet.md", quinn);
    let commands: [&[&str]; 6] = [
        &["outreach"],
        &["upcoming", "--days", "400"],
        &["--format", "json", "list"],
        &["overdue"],
        &["--format", "json", "show", "Pat Plans"],
        &["export", "--format", "ics"],
    ];
    for today in ["2026-11-26", "2026-01-01", "2026-11-26"] {
        for args in commands {
            let fresh = test.today(today).arg("--no-cache").args(args.iter().copied()).run();
            fresh.success();
            let expected = fresh.stdout.clone();
            let cached = fresh
                .then()
                .today(today)
                .env("TOUCHBASE_CACHE_DIR", cache_dir)
                .args(args.iter().copied())
                .run();
            cached.success();
            assert_eq!(cached.stdout, expected, "--today {today} {args:?}");
            test = cached.then();
        }
    }
    assert!(std::fs::read_dir(cache.path()).unwrap().count() > 0, "the cache was written");
    // The latest contact as of each day is the talking point, and the next plan.
    let earlier = test.today("2026-01-01").env("TOUCHBASE_CACHE_DIR", cache_dir).arg("outreach").run();
    earlier
        .success()
        .stdout_has("Last: 2025-12-10: met at the gala")
        .stdout_has("Planned: 2026-01-15 coffee");
    let later = earlier.then().env("TOUCHBASE_CACHE_DIR", cache_dir).arg("outreach").run();
    later
        .success()
        .stdout_has("Last: 2026-11-20: call about the renewal")
        // The open task of 2026-02-01 was never ticked: it is overdue, and the first to do.
        .stdout_has("To do: 2026-02-01 book the venue (overdue since 2026-02-02)");
}
