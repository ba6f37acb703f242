//! The vault is a notebook: in an Obsidian-shaped vault (`tests/fixtures/obsidian`) only the
//! person notes are contacts; `check --explain` says why; links to notes that do not exist yet
//! and Obsidian's own keys are not problems; `init` and the messages about where the vault is.

use crate::harness::Test;

fn obsidian() -> Test {
    Test::vault("obsidian")
}

const PEOPLE: &str = "vault/People/Jane Doe.md\nvault/People/Tom Baker.md\n";

#[test]
fn only_person_notes_are_contacts() {
    obsidian().args(["list", "--format", "paths"]).run().success().stdout_is(PEOPLE).stderr_is("");
    let out = obsidian().args(["list", "--format", "json"]).run();
    out.success();
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let names: Vec<&str> = json.as_array().unwrap().iter().filter_map(|c| c["name"].as_str()).collect();
    assert_eq!(names, ["Jane Doe", "Tom Baker"]);
    // The QBR meeting note touched both on 2026-11-20: nobody is overdue.
    let overdue = obsidian().args(["overdue", "--format", "paths"]).run().stdout;
    assert_eq!(overdue.lines().count(), 0, "{overdue}");
}

#[test]
fn the_vcard_export_has_no_template() {
    let out = obsidian().args(["export", "--format", "vcf"]).run();
    out.success();
    assert_eq!(out.stdout.matches("BEGIN:VCARD").count(), 2, "{}", out.stdout);
    assert!(!out.stdout.contains("{{"), "{}", out.stdout);
    assert!(out.stdout.contains("FN:Jane Doe") && out.stdout.contains("FN:Tom Baker"));
}

#[test]
fn check_explain_names_the_kind_and_the_reason() {
    let cases = [
        ("Templates/Person.md", "template, not a contact: it is in the templates folder `Templates/`"),
        ("Daily/2026-11-30.md", "daily note, not a contact: it is in the daily notes folder `Daily/`"),
        ("journals/2020_09_20.md", "daily note, not a contact: it is in the daily notes folder `journals/`"),
        (
            "Meetings/2026-11-20 QBR.md",
            "dated note, not a contact: its front matter has a `date:` (a meeting or event note)",
        ),
        ("Recipes/Pie.md", "note, not a contact: its front matter has no person key (name, company"),
        ("Home.md", "note, not a contact: its front matter has no person key"),
        ("People/Jane Doe.md", "person, a contact: its front matter has the person key `company`"),
        (".obsidian/app.json", "skipped, not a contact: `.obsidian` is hidden"),
        ("Attachments/photo.png", "attachment, not a contact: it is not a `.md` file"),
        ("Nobody.md", "missing, not a contact: there is no such file in the vault"),
    ];
    for (path, said) in cases {
        let out = obsidian().args(["check", "--explain", path]).run();
        out.success().stdout_has(&format!("vault/{path}: {said}"));
        // The path as touchbase prints it works too.
        obsidian().args(["check", "--explain", &format!("vault/{path}")]).run().success().stdout_has(said);
    }
    let out = obsidian().args(["check", "--explain", "Recipes/Pie.md", "--format", "json"]).run();
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!((json["kind"].as_str(), json["contact"].as_bool()), (Some("note"), Some(false)));
}

#[test]
fn a_daily_note_by_its_file_name_alone() {
    let out = Test::empty_vault()
        .file("notes/2026-11-30.md", "---\nname: Monday\n---\n")
        .file("notes/20261201.md", "---\nname: Tuesday\n---\n")
        .file("Jane.md", "---\nname: Jane\n---\n")
        .args(["list", "--format", "paths"])
        .run();
    out.success().stdout_is("vault/Jane.md\n");
    Test::empty_vault()
        .file("notes/2026-11-30.md", "---\nname: Monday\n---\n")
        .args(["check", "--explain", "notes/2026-11-30.md"])
        .run()
        .stdout_has("daily note, not a contact: its file name `2026-11-30` is a date");
}

#[test]
fn people_folders_and_markers_say_it_exactly() {
    let vault = || {
        Test::empty_vault()
            .file("crm/Ann.md", "---\nrating: 5\n---\n")
            .file("Bob.md", "---\nname: Bob\ntype: person\n---\n")
            .file("Cat.md", "---\nname: Cat\ncategories: [\"[[People]]\"]\n---\n")
            .file("Dan.md", "---\nname: Dan\ntags: [person]\n---\n")
    };
    let paths = |settings: &str| {
        vault().file("touchbase.toml", settings).args(["list", "--format", "paths"]).run().stdout
    };
    assert_eq!(paths("people = [\"crm/\"]\n"), "vault/crm/Ann.md\n");
    assert_eq!(paths("person_marker = \"type: person\"\n"), "vault/Bob.md\n");
    assert_eq!(paths("person_marker = \"categories: [[People]]\"\n"), "vault/Cat.md\n");
    assert_eq!(paths("person_marker = \"#person\"\n"), "vault/Dan.md\n");
    assert_eq!(
        paths("people = [\"crm\"]\nperson_marker = \"#person\"\n"),
        "vault/crm/Ann.md\nvault/Dan.md\n"
    );
    let out =
        vault().file("touchbase.toml", "people = [\"crm\"]\n").args(["check", "--explain", "Bob.md"]).run();
    out.success().stdout_has("vault/Bob.md: note, not a contact: it is not in a people folder (`crm/`)");
    let out = vault().file("touchbase.toml", "person_marker = \"person\"\n").args(["list"]).run();
    out.code(2).stderr_has("person_marker:");
}

#[test]
fn settings_name_the_templates_and_daily_notes_folders() {
    let out = obsidian()
        .file("touchbase.toml", "templates = [\"Recipes\"]\ndaily_notes = []\n")
        .args(["list", "--format", "paths"])
        .run();
    // `Templates/Person.md` is a template no more (and has a person key); `Daily/` is a folder
    // like any other, but its note has a `date:`.
    out.success()
        .stdout_is("vault/People/Jane Doe.md\nvault/People/Tom Baker.md\nvault/Templates/Person.md\n");
}

#[test]
fn check_reports_only_links_that_must_name_a_contact() {
    let out = obsidian().args(["check"]).run();
    out.code(1).stdout_is(
        "vault/People/Jane Doe.md: broken link [[Richard Hale]]: no contact or note has that name\n",
    );
    let out = obsidian().args(["check", "--verbose"]).run();
    out.code(1)
        .stdout_has_line(
            "vault/People/Jane Doe.md: broken link [[Acme Corp]]: no contact or note has that name",
        )
        .stdout_has_line(
            "vault/People/Tom Baker.md: broken link [[Golf Club]]: no contact or note has that name",
        );
    // A link to a note that is not a contact is no broken link.
    assert!(!out.stdout.contains("2026-11-20 QBR"), "{}", out.stdout);
}

#[test]
fn obsidian_keys_are_never_typos() {
    // In a people folder a note with `date:` is still a person, and its keys are checked.
    let out = Test::empty_vault()
        .file(
            "People/Jane.md",
            "---\nname: Jane\ndate: 2026-01-01\ncreated: 2026-01-01\ncssclasses: [x]\ncategories: [\"[[People]]\"]\nbrithday: 1980-01-01\n---\n",
        )
        .file("touchbase.toml", "people = [\"People\"]\n")
        .args(["check"])
        .run();
    out.code(1).stdout_is("vault/People/Jane.md:7:11: unknown key `brithday`: did you mean `birthday`?\n");
}

#[test]
fn init_writes_settings_naming_the_folders_and_list_uses_them() {
    let out = obsidian().no_vault_flag().current_dir("").arg("init").run();
    out.success().stdout_has("wrote touchbase.toml\n").stdout_has("people folders: People/");
    let toml = out.read_file("touchbase.toml");
    assert!(toml.contains("\npeople = [\"People\"]\n"), "{toml}");
    assert!(toml.contains("\ntemplates = [\"Templates\"]\n"), "{toml}");
    assert!(toml.contains("\ndaily_notes = [\"Daily\", \"journals\"]\n"), "{toml}");
    let out = out.then().no_vault_flag().current_dir("People").args(["list", "--format", "paths"]).run();
    out.success().stdout_is("../People/Jane Doe.md\n../People/Tom Baker.md\n").stderr_is("");
    // A second init refuses, and leaves the file as it was.
    let out = out.then().no_vault_flag().current_dir("").arg("init").run();
    out.code(1).stderr_has("touchbase.toml: already exists; refusing to overwrite it");
    assert_eq!(out.read_file("touchbase.toml"), toml);
}

#[test]
fn init_in_a_plain_folder_leaves_the_folders_as_comments() {
    let out = Test::empty_vault().file("Jane.md", "---\nname: Jane\n---\n").arg("init").run();
    out.success().stdout_has("people folders: none found");
    let toml = out.read_file("touchbase.toml");
    assert!(toml.contains("\n# people = [\"People\"]\n") && !toml.contains("\npeople ="), "{toml}");
    out.then().args(["list", "--format", "paths"]).run().success().stdout_is("vault/Jane.md\n");
}

#[test]
fn a_folder_without_settings_or_contacts_says_so() {
    let out = Test::empty_vault().file("notes/Idea.md", "# An idea\n").no_vault_flag().current_dir("").run();
    out.success()
        .stderr_has("touchbase: no contacts in ., and no touchbase.toml there")
        .stderr_has("run `touchbase init` in your vault, or pass --vault DIR (or set TOUCHBASE_VAULT)");
    // With settings, an empty vault is just empty.
    let out =
        Test::empty_vault().file("touchbase.toml", "").no_vault_flag().current_dir("").arg("list").run();
    out.stderr_is("");
    // -q drops the hint.
    Test::empty_vault().no_vault_flag().current_dir("").args(["-q", "list"]).run().stderr_is("");
}

#[test]
fn a_missing_vault_says_where_its_path_came_from() {
    let out = Test::empty_vault().no_vault_flag().args(["--vault", "/nonexistent", "list"]).run();
    out.code(2).stderr_is("touchbase: vault folder /nonexistent does not exist (given with --vault)\n");
    let out = Test::empty_vault().no_vault_flag().env("TOUCHBASE_VAULT", "/nonexistent").arg("list").run();
    out.code(2).stderr_is("touchbase: vault folder /nonexistent does not exist (from $TOUCHBASE_VAULT)\n");
    // The flag wins over the environment.
    let out = Test::empty_vault()
        .no_vault_flag()
        .env("TOUCHBASE_VAULT", "/nonexistent")
        .args(["--vault", "vault", "list"])
        .run();
    out.success();
    let out =
        Test::empty_vault().file("x.md", "").no_vault_flag().args(["--vault", "vault/x.md", "list"]).run();
    out.code(2).stderr_has("vault folder vault/x.md is not a folder (given with --vault)");
    // Commands that need no vault do not care.
    Test::empty_vault().no_vault_flag().env("TOUCHBASE_VAULT", "/nonexistent").arg("man").run().success();
}

/// Shapes from real vaults: kepano's `categories: ["[[People]]"]` with no person key, the
/// Obsidian vCard plugin's keys (`N.GN`, `EMAIL[HOME]`), and that plugin's card for a place.
#[test]
fn obsidian_people_categories_and_vcard_plugin_notes_are_people() {
    let out = crate::harness::Test::empty_vault()
        .file(
            "Steph Ango.md",
            "---\ncategories:\n  - \"[[People]]\"\norg:\n  - \"[[Obsidian]]\"\ncreated: 2023-09-12\n---\n",
        )
        .file(
            "Anya Volkova.md",
            "---\nN.FN: Volkova\nN.GN: Anya\n\"EMAIL[HOME]\": anya@example.ru\nBDAY: 1991-01-05\n---\n",
        )
        .file("kite spot.md", "---\nFN: kite surf spot\nKIND: location\nADR.LOCALITY: Den Haag\n---\n")
        .file("Pie.md", "---\ncategories: [Recipes]\nrating: 5\n---\n")
        .args(["list", "--format", "paths"])
        .run();
    out.success().stdout_is("vault/Anya Volkova.md\nvault/Steph Ango.md\n");
}

/// Issue 12 part 2: a dated note that links a contact (body links, `attendees:`) is an
/// interaction with that contact on the note's date: the last contact moves, `show` lists it
/// with the note's title and path, and a note dated after today is a planned touchpoint.
#[test]
fn dated_notes_are_touches() {
    let out = obsidian().today("2026-12-02").args(["--format", "json", "show", "Jane Doe"]).run();
    out.success();
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["last_contact"], "2026-11-30", "{}", out.stdout);
    let summaries: Vec<&str> =
        json["interactions"].as_array().unwrap().iter().filter_map(|i| i["summary"].as_str()).collect();
    assert_eq!(
        summaries[..2],
        ["2026-11-30 (Daily/2026-11-30.md)", "2026-11-20 QBR (Meetings/2026-11-20 QBR.md)"]
    );
    // Tom was only at the QBR.
    let tom = obsidian().today("2026-12-02").args(["--format", "json", "show", "Tom Baker"]).run();
    let tom: serde_json::Value = serde_json::from_str(&tom.stdout).unwrap();
    assert_eq!(tom["last_contact"], "2026-11-20");
    // Seen from before the daily note's day, that note is a planned touchpoint.
    let early = obsidian().today("2026-11-25").args(["--format", "json", "show", "Jane Doe"]).run();
    let early: serde_json::Value = serde_json::from_str(&early.stdout).unwrap();
    assert_eq!(early["last_contact"], "2026-11-20", "{early}");
    let planned: Vec<&serde_json::Value> =
        early["interactions"].as_array().unwrap().iter().filter(|i| i["planned"] == true).collect();
    assert_eq!(planned.len(), 1, "{early}");
    assert_eq!(planned[0]["date"], "2026-11-30");
}

/// Run in a folder above several vaults (no `touchbase.toml` here or above), touchbase says so.
#[test]
fn a_folder_above_other_vaults_says_so() {
    let out = crate::harness::Test::empty_vault()
        .file("work/touchbase.toml", "")
        .file("work/Jane Doe.md", "---\nname: Jane Doe\n---\n")
        .file("home/touchbase.toml", "")
        .no_vault_flag()
        .args(["list", "--format", "paths"])
        .run();
    out.success().stderr_has("these folders below have one: vault/home, vault/work");
    assert!(out.stderr.contains("pass --vault DIR"), "{}", out.stderr);
}
