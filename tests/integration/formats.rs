//! Every `--format` of the listing commands on the `basic` vault (golden files
//! `basic-<command>-<format>`), the documented JSON keys (SPEC 7), colours, and text that must
//! never reach a terminal as escapes or break a markdown table or a spreadsheet.

use crate::harness::Test;

fn golden(command: &str, format: &str) {
    Test::vault("basic")
        .args(["--format", format, command])
        .run()
        .success()
        .stderr_is("")
        .stdout_golden(&format!("basic-{command}-{format}"));
}

#[test]
fn list_table() {
    golden("list", "table");
}

#[test]
fn list_json() {
    golden("list", "json");
}

#[test]
fn list_csv() {
    golden("list", "csv");
}

#[test]
fn list_md() {
    golden("list", "md");
}

#[test]
fn list_paths() {
    golden("list", "paths");
}

#[test]
fn overdue_table() {
    golden("overdue", "table");
}

#[test]
fn overdue_json() {
    golden("overdue", "json");
}

#[test]
fn overdue_csv() {
    golden("overdue", "csv");
}

#[test]
fn overdue_md() {
    golden("overdue", "md");
}

#[test]
fn overdue_paths() {
    golden("overdue", "paths");
}

#[test]
fn upcoming_table() {
    golden("upcoming", "table");
}

#[test]
fn upcoming_json() {
    golden("upcoming", "json");
}

#[test]
fn upcoming_csv() {
    golden("upcoming", "csv");
}

#[test]
fn upcoming_md() {
    golden("upcoming", "md");
}

#[test]
fn upcoming_paths() {
    golden("upcoming", "paths");
}

#[test]
fn show_in_list_formats() {
    Test::vault("basic")
        .args(["--format", "paths", "show", "Tom"])
        .run()
        .success()
        .stdout_is("vault/work/acme/Tom Baker.md\n");
    Test::vault("basic")
        .args(["--format", "md", "show", "José"])
        .run()
        .success()
        .stdout_has_line("| [José Núñez](people/Jos%C3%A9%20N%C3%BA%C3%B1ez.md) |  | due | 2026-11-26 | 2026-11-12 | biweekly |");
}

#[test]
fn json_has_the_documented_keys() {
    let out = Test::vault("basic").args(["--format", "json", "list"]).run();
    out.success();
    let value: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let rows = value.as_array().unwrap();
    assert_eq!(rows.len(), 10);
    let keys = [
        "name",
        "path",
        "company",
        "role",
        "tags",
        "cadence",
        "last_contact",
        "due",
        "status",
        "days_overdue",
        "fields",
    ];
    for row in rows {
        let object = row.as_object().unwrap();
        for key in keys {
            assert!(object.contains_key(key), "{key} missing in {row}");
        }
    }
    let jane = rows.iter().find(|r| r["name"] == "Jane Doe").unwrap();
    assert_eq!(jane["path"], "people/Jane Doe.md", "paths are relative to the vault");
    // Unknown fields are kept; dates are YYYY-MM-DD strings.
    assert_eq!(jane["fields"]["linkedin"], "https://www.linkedin.com/in/jane-doe-example");
    assert_eq!(jane["fields"]["birthday"], "1980-03-26");
    assert_eq!(jane["due"], "2026-11-20");

    let out = Test::vault("basic").args(["--format", "json", "upcoming"]).run();
    let value: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    for event in value.as_array().unwrap() {
        for key in ["date", "kind", "who", "label"] {
            assert!(event.get(key).is_some(), "{key} missing in {event}");
        }
    }
}

#[test]
fn paths_resolve_from_where_the_command_ran() {
    let out = Test::vault("basic").args(["--format", "paths", "list"]).run();
    out.success();
    for line in out.stdout.lines() {
        assert!(line.starts_with("vault/"), "{line}");
        assert!(out.path_from_cwd(line).is_file(), "{line}");
    }
}

#[test]
fn color_always_paints_the_table() {
    let out = Test::vault("basic").args(["--color", "always", "overdue"]).run();
    out.success().stdout_has("\x1b[1mNAME\x1b[0m").stdout_has("\x1b[31m56d\x1b[0m");
    let out = Test::vault("basic").args(["--color", "always", "list"]).run();
    out.success().stdout_has("\x1b[31moverdue\x1b[0m").stdout_has("\x1b[33mdue\x1b[0m");
}

#[test]
fn color_never_and_no_color_are_plain() {
    for test in [
        Test::vault("basic").args(["--color", "never", "list"]),
        Test::vault("basic").env("NO_COLOR", "1").args(["list"]),
        Test::vault("basic").env("NO_COLOR", "1").args(["--color", "auto", "show", "Jane Doe"]),
        // Piped stdout: `auto` means no colour.
        Test::vault("basic").args(["upcoming"]),
    ] {
        let out = test.run();
        out.success();
        assert!(!out.stdout_bytes.contains(&0x1b), "escape in\n{}", out.stdout);
    }
}

#[test]
fn json_and_csv_are_never_coloured() {
    for format in ["json", "csv", "md", "paths"] {
        let out = Test::vault("basic").args(["--color", "always", "--format", format, "list"]).run();
        out.success();
        assert!(!out.stdout_bytes.contains(&0x1b), "{format}: escape in\n{}", out.stdout);
    }
}

const EVE: &str = "---\nname: \"Eve\\u001b[31mRed\"\ncompany: \"Evil\\u001b]0;pwned\\u0007 Corp\"\nbirthday: 1990-12-01\ncadence: weekly\n---\n- 2026-11-01 met \u{1b}[2J at the bar\n";

#[test]
fn escapes_in_names_never_reach_the_terminal() {
    let commands: [&[&str]; 4] = [&["list"], &["overdue"], &["show", "eve"], &["upcoming", "--days", "365"]];
    for args in commands {
        let test = Test::vault("basic").file("people/Eve.md", EVE).args(args.iter().copied());
        let out = test.run();
        out.success();
        assert!(!out.stdout_bytes.contains(&0x1b), "{args:?}: ESC in\n{:?}", out.stdout);
        assert!(!out.stdout_bytes.contains(&0x07), "{args:?}: BEL in\n{:?}", out.stdout);
        assert!(out.stdout.contains("Eve\u{fffd}[31mRed"), "{args:?}:\n{}", out.stdout);
    }
}

#[test]
fn escapes_never_reach_the_terminal_when_painted() {
    let out = Test::vault("basic").file("people/Eve.md", EVE).args(["--color", "always", "list"]).run();
    out.success();
    // Every ESC is the start of one of touchbase's own SGR sequences.
    for (i, _) in out.stdout.match_indices('\x1b') {
        let rest = &out.stdout[i..];
        let ok = ["\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[34m"]
            .iter()
            .any(|sgr| rest.starts_with(sgr));
        assert!(ok, "foreign escape at {i}: {:?}", &rest[..rest.len().min(12)]);
    }
    assert!(!out.stdout.contains("\x1b[31mRed"), "{:?}", out.stdout);
}

#[test]
fn markdown_cells_cannot_break_the_table() {
    Test::vault("basic")
        .args(["--format", "md", "list", "name:pipe"])
        .run()
        .success()
        .stdout_is(
            "| Name | Company | Status | Due | Last contact | Cadence |
|---|---|---|---|---|---|
| [Pipe \\| Bracket \\[x\\]](people/Pipe%20%7C%20Bracket%20%5Bx%5D.md) | A\\|B \\<Corp\\> \\*bold\\* | ok | 2027-06-01 | 2026-06-01 | yearly |
",
        );
}

#[test]
fn csv_cells_never_start_a_formula() {
    let contact = "---\nname: '=HYPERLINK(\"http://x.example\")'\ncompany: \"@SUM(A1)\"\nrole: \"+1\"\n---\n";
    let out = Test::vault("basic")
        .file("people/Formula.md", contact)
        .args(["--format", "csv", "list", "path:formula"])
        .run();
    out.success();
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    let record = reader.records().next().unwrap().unwrap();
    assert!(record[0].starts_with("'="), "{record:?}");
    assert_eq!(&record[2], "'@SUM(A1)");
    assert_eq!(&record[3], "'+1");
}

#[test]
fn table_aligns_non_ascii_names() {
    // `José Núñez` is 10 characters but 12 bytes: the columns after it still line up.
    let out = Test::vault("basic").args(["list", "status:due"]).run();
    out.success().stdout_is(
        "NAME        COMPANY  ROLE  STATUS  DUE         LAST CONTACT  CADENCE
José Núñez                 due     2026-11-26  2026-11-12    biweekly
Sam Rivera  Initech        due     2026-11-26  never         quarterly
",
    );
}
