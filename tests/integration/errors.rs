//! Errors that teach (issue 18 part 3): each message a newcomer meets says what to write.

use crate::harness::Test;

/// The default `--today` of the harness is Thursday 2026-11-26.
fn last_contact_after(args: &[&str]) -> String {
    let test = Test::sample().args(args.iter().copied()).run();
    test.success();
    let text = test.read_file("customers/acme/Jane Doe.md");
    text.lines().find(|l| l.starts_with("last_contact:")).unwrap_or_default().to_string()
}

#[test]
fn an_impossible_date_says_what_is_impossible() {
    let cases = [
        (&["--today", "2026-02-30", "list"][..], "--today / TOUCHBASE_TODAY: invalid date \"2026-02-30\": February 2026 has 28 days"),
        (&["log", "Jane Doe", "x", "--date", "2026-02-30"], "--date: invalid date \"2026-02-30\": February 2026 has 28 days"),
        (&["log", "Jane Doe", "x", "--date", "2024-02-30"], "February 2024 has 29 days"),
        (&["log", "Jane Doe", "x", "--date", "2026-13-01"], "there is no month 13 (months run from 01 to 12)"),
        (&["log", "Jane Doe", "x", "--date", "2026-11-00"], "there is no day 0 (days start at 01)"),
        (&["log", "Jane Doe", "x", "--date", "2026-9-5"], "write it as 2026-09-05"),
        (&["snooze", "Jane Doe", "2027-04-31"], "snooze: invalid date \"2027-04-31\": April 2027 has 30 days"),
        (&["changes", "--since", "2026-02-29"], "--since: invalid date \"2026-02-29\": February 2026 has 28 days"),
        (&["new", "Zed", "--birthday", "1981-02-29"], "--birthday: invalid date \"1981-02-29\": February 1981 has 28 days"),
        (&["log", "Jane Doe", "x", "--date", "soon"], "(expected YYYY-MM-DD, today, yesterday, tomorrow, a span such as -1d, +2w, 3m or 1y, or a weekday such as monday)"),
    ];
    for (args, message) in cases {
        let test = if args[0] == "--today" { Test::sample().no_today() } else { Test::sample() };
        test.args(args.iter().copied()).run().code(2).stderr_has(message);
    }
}

#[test]
fn log_date_takes_the_relative_forms_looking_back() {
    let jane = |date: &str| last_contact_after(&["log", "Jane Doe", "called", "--date", date]);
    assert_eq!(jane("yesterday"), "last_contact: 2026-11-25");
    assert_eq!(jane("-1d"), "last_contact: 2026-11-25");
    // Bare spans and weekdays look back for `log --date`: two days ago, the last Monday.
    assert_eq!(jane("2d"), "last_contact: 2026-11-24");
    assert_eq!(jane("1w"), "last_contact: 2026-11-19");
    assert_eq!(jane("monday"), "last_contact: 2026-11-23");
    assert_eq!(jane("last thursday"), "last_contact: 2026-11-19");
    assert_eq!(jane("today"), "last_contact: 2026-11-26");
    // A sign always wins: `+1d` is tomorrow, which a logged touch cannot be.
    Test::sample()
        .args(["log", "Jane Doe", "x", "--date", "+1d"])
        .run()
        .code(2)
        .stderr_has("2026-11-27 is in the future (today is 2026-11-26); use --planned");
}

#[test]
fn planned_log_dates_and_snooze_look_ahead() {
    let planned = Test::sample().args(["log", "Jane Doe", "lunch", "--planned", "--date", "friday"]).run();
    planned.success();
    assert!(planned.read_file("customers/acme/Jane Doe.md").contains("- 2026-11-27: lunch"));
    for (until, expected) in [
        ("2w", "2026-12-10"),
        ("+3d", "2026-11-29"),
        ("monday", "2026-11-30"),
        ("tomorrow", "2026-11-27"),
        ("1m", "2026-12-26"),
    ] {
        let out = Test::sample().args(["snooze", "Jane Doe", until]).run();
        out.success();
        let text = out.read_file("customers/acme/Jane Doe.md");
        assert!(text.contains(&format!("snooze_until: {expected}")), "{until}: {text}");
    }
    Test::sample()
        .args(["snooze", "Jane Doe", "-1d"])
        .run()
        .code(2)
        .stderr_has("snooze until 2026-11-25: that is not after today (2026-11-26)");
}

#[test]
fn today_takes_the_same_forms_relative_to_the_clock() {
    // Relative to the clock's day, so compare with `--today` given as that day.
    let clock = chrono::Local::now().date_naive();
    let agenda =
        |today: &str| Test::sample().no_today().args(["--today", today, "upcoming", "--days", "3"]).run();
    let yesterday = clock.pred_opt().unwrap().to_string();
    let out = agenda("-1d");
    out.success();
    assert_eq!(out.stdout, agenda(&yesterday).stdout);
    agenda("yesterday").success();
    agenda("last monday").success();
    // `--today` faces neither way: a bare span or weekday is ambiguous there.
    agenda("2w")
        .code(2)
        .stderr_has("\"2w\" has no sign: write +2w (2w after today) or -2w (2w before today)");
    agenda("monday")
        .code(2)
        .stderr_has("\"monday\" could be the last or the next one: write `last monday` or `next monday`");
}

#[test]
fn a_negative_count_says_it_must_be_0_or_more() {
    let cases = [
        (&["upcoming", "--days", "-3"][..], "touchbase: --days must be 0 or more (got -3)"),
        (&["upcoming", "tag:customer", "--days", "-3", "-status:ok"], "--days must be 0 or more (got -3)"),
        (&["agenda", "--days", "-1"], "--days must be 0 or more (got -1)"),
        (&["outreach", "--limit", "-2"], "--limit must be 0 or more (got -2)"),
        (&["cards", "--weeks", "-1"], "--weeks must be 1 to 60 (got -1)"),
        (&["watch", "--debounce", "-5"], "--debounce must be 0 or more (got -5)"),
    ];
    for (args, message) in cases {
        let out = Test::sample().args(args.iter().copied()).run();
        out.code(2).stderr_has(message);
        assert!(!out.stderr.contains("a value is required"), "{args:?}: {}", out.stderr);
    }
    Test::sample().args(["upcoming", "--days", "0"]).run().success();
}

#[test]
fn every_command_prints_a_format_or_refuses_it_naming_its_own() {
    let refused = [
        (&["outreach"][..], "json", "`outreach` prints --format table or md (not json)"),
        (&["agenda"], "json", "`agenda` prints --format table or paths (not json); `overdue` and `upcoming` print json, csv and md"),
        (&[], "csv", "`agenda` prints --format table or paths (not csv)"),
        (&["profile", "Jane Doe"], "md", "`profile` prints --format table or json (not md)"),
        (&["brief", "Jane Doe"], "csv", "`brief` prints --format table or json (not csv)"),
        (&["check"], "csv", "`check` prints --format table, json or paths (not csv)"),
        (&["cards"], "paths", "`cards` prints --format table, json or md (not paths)"),
        (&["checkup", "Acme"], "csv", "`checkup` prints --format table, json or md (not csv)"),
        (&["accounts", "--tree"], "csv", "`accounts --tree` prints --format table, json or md (not csv)"),
        (&["history", "Jane Doe"], "md", "`history` prints --format table or json (not md)"),
        (&["list"], "vcf", "`list` prints --format table, json, csv, md or paths (not vcf)"),
        (&["export"], "table", "`export` prints --format json, csv, vcf or ics (not table)"),
        (&["log", "Jane Doe", "called"], "json", "`log` prints no listing, so it takes no --format"),
        (&["new", "Zed"], "table", "`new` prints no listing, so it takes no --format"),
        (&["index"], "md", "`index` prints no listing, so it takes no --format"),
    ];
    for (args, format, message) in refused {
        let out = Test::sample().args(["--format", format]).args(args.iter().copied()).run();
        out.code(2).stderr_has(message);
        assert_eq!(out.stdout, "", "{args:?} --format {format} printed");
    }
    Test::sample().args(["export"]).run().code(2).stderr_has("`export` needs --format json, csv, vcf or ics");
    // What each prints stays: a format in the table prints.
    let printed = [
        (&["outreach"][..], "md"),
        (&["agenda"], "paths"),
        (&["show", "Jane Doe"], "md"),
        (&["accounts"], "csv"),
        (&["cards"], "md"),
        (&["checkup", "Acme"], "md"),
        (&["profile", "Jane Doe"], "json"),
        (&["export"], "ics"),
    ];
    for (args, format) in printed {
        let out = Test::sample().args(["--format", format]).args(args.iter().copied()).run();
        out.success();
        assert!(!out.stdout.is_empty(), "{args:?} --format {format}");
    }
    // A command that prints no listing runs as before without --format.
    Test::sample().args(["log", "Jane Doe", "called"]).run().success();
}

#[test]
fn words_the_shell_split_get_the_quoted_command() {
    let cases = [
        (
            &["log", "Jane Doe", "called", "about", "renewal"][..],
            "touchbase: the message is split over several arguments; quote it: touchbase log \"Jane Doe\" \"called about renewal\"",
        ),
        (&["show", "Jane", "Doe"], "the name is split over several arguments; quote it: touchbase show \"Jane Doe\""),
        (&["brief", "Jane", "Doe"], "quote it: touchbase brief \"Jane Doe\""),
        (&["profile", "Jane", "Doe"], "quote it: touchbase profile \"Jane Doe\""),
        (&["edit", "Jane", "Doe"], "quote it: touchbase edit \"Jane Doe\""),
        (&["new", "Sam", "Lee", "--company", "Acme"], "quote it: touchbase new \"Sam Lee\""),
        (&["snooze", "Jane", "Doe", "2w"], "quote it: touchbase snooze \"Jane Doe\" 2w"),
        (&["log", "Jane Doe", "said", "\"hi\""], "quote it: touchbase log \"Jane Doe\" \"said \\\"hi\\\"\""),
    ];
    for (args, message) in cases {
        let out = Test::sample().args(args.iter().copied()).run();
        out.code(2).stderr_has(message);
        assert_eq!(out.stdout, "", "{args:?} changed something");
    }
    // The quoted form works; the hidden catch-all never shows in the usage.
    Test::sample().args(["log", "Jane Doe", "called about renewal"]).run().success();
    Test::sample()
        .args(["log", "--help"])
        .run()
        .success()
        .stdout_has("Usage: touchbase log [OPTIONS] <NAME> [MESSAGE]\n");
}

#[test]
fn the_did_you_means_already_there_still_answer() {
    Test::sample()
        .args(["shwo", "Jane Doe"])
        .run()
        .code(2)
        .stderr_has("tip: a similar subcommand exists: 'show'");
    Test::sample()
        .args(["log", "Jane", "called"])
        .run()
        .code(1)
        .stderr_has("no contact named \"Jane\"; did you mean:\n  Jane Doe (customers/acme/Jane Doe.md)");
}

#[test]
fn a_query_key_no_contact_has_gets_the_nearest_key_the_vault_has() {
    let out = Test::sample().args(["list", "compnay:acme"]).run();
    // Still "no match" (exit 1), as a query that matched nothing is; the hint is on stderr.
    out.code(1).stdout_is("No contacts match.\n");
    out.stderr_has_line("No contact has a `compnay` key; did you mean `company`?");
    // A key from the vault's own front matter, not only the standard ones.
    Test::sample()
        .args(["list", "has:linkdin"])
        .run()
        .code(1)
        .stderr_has_line("No contact has a `linkdin` key; did you mean `linkedin`?");
    Test::sample()
        .args(["overdue", "spuse:x"])
        .run()
        .success()
        .stderr_has_line("No contact has a `spuse` key; did you mean `spouse`?");
    Test::sample().args(["list", "zzzqqq:x"]).run().code(1).stderr_has_line("No contact has a `zzzqqq` key.");
    // A key some contact has, or a match, says nothing more.
    Test::sample().args(["list", "company:nowhere"]).run().code(1).stderr_is("");
    Test::sample().args(["list", "linkedin:jane"]).run().stderr_is("");
}
