//! `import` and `export --format vcf` (issue 6), on fixtures in the shapes real exports have
//! (`tests/fixtures/import/`: Apple/Google vCard 3.0 with folding, groups and quoted-printable,
//! Android/Outlook vCard 2.1, vCard 4.0, `LinkedIn`'s Connections.csv, Google's current and legacy
//! CSV, a generic CSV, a malformed file); round trips through vCard; merges into existing contacts
//! byte for byte; `--dry-run`; CSV and vCard injection; completions and the man page.

use std::collections::BTreeMap;
use std::path::Path;

use crate::harness::{Output, Test};

/// A copy of `tests/fixtures/import/<name>` placed in the vault folder (not a contact: not `.md`).
fn with_input(test: Test, name: &str) -> Test {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name);
    let bytes = std::fs::read(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    test.file_bytes(name, &bytes)
}

fn import(test: Test, name: &str) -> Output {
    let path = format!("vault/{name}");
    with_input(test, name).args(["import", path.as_str()]).run()
}

const FIXTURES: &[&str] = &[
    "apple-google-3.0.vcf",
    "android-2.1.vcf",
    "vcard-4.0.vcf",
    "linkedin-Connections.csv",
    "google-contacts.csv",
    "google-legacy.csv",
    "generic.csv",
    "malformed.vcf",
];

/// Every file of the vault with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().map(Result::unwrap) {
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            out.insert(relative, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

#[test]
fn vcard_3_with_folding_groups_and_quoted_printable() {
    let out = import(Test::empty_vault(), "apple-google-3.0.vcf");
    out.success().stderr_is("").stdout_is(
        "created vault/Ada Okafor.md: aliases, company, department, role, email, phone, birthday, anniversary, \
         dates, tags, url, address, uid, notes\n\
         created vault/José Núñez.md: company, role, email, phone, birthday, tags, notes\n\
         created vault/Zoë Brennan-Ashworth.md: email, birthday, url\n\
         3 contacts read from vault/apple-google-3.0.vcf (vCard): 3 created, 0 updated, 0 unchanged\n",
    );
    out.expect_file(
        "Ada Okafor.md",
        "---\nname: Ada Okafor\naliases: [Ada O]\ncompany: Lumen Labs, Inc.\ndepartment: Research\n\
         role: Head of Research\nemail: [ada@lumen.example, ada.okafor@mail.example]\nphone: +44 20 7946 0018\n\
         birthday: --06-20\nanniversary: 2012-09-15\ndates: {work anniversary: 2019-06-01}\ntags: [customer, golf]\n\
         url: https://lumen.example/ada\naddress: 1 Canal Street, Floor 3, Manchester, M1 3HE, United Kingdom\n\
         uid: 5A0F3B2C-0000-4000-8000-000000000001\n---\n\n## Notes\n\nMet at the Lisbon offsite\nLikes sailing, jazz; and tea. A long note that is folded \
         across lines by the exporter, as Apple does.\n\n## Log\n",
    );
    let jose = out.read_file("José Núñez.md");
    assert!(jose.contains("birthday: --04-14\n"), "{jose}");
    assert!(jose.contains("tags: [partner]\n"), "myContacts is a system group, not a tag: {jose}");
    assert!(jose.contains("Prefiere llamadas por la mañana.\nSegunda línea\n"), "{jose}");
    let zoe = out.read_file("Zoë Brennan-Ashworth.md");
    assert!(zoe.contains("name: Zoë Brennan-Ashworth\n"), "a fold inside a UTF-8 character: {zoe}");
    assert!(zoe.contains("birthday: 1988-02-29\n"));
    assert!(!jose.contains("PHOTO") && !out.read_file("Ada Okafor.md").contains("/9j"), "photos are skipped");
    out.then().arg("check").run().success();
}

#[test]
fn vcard_2_1_as_android_and_outlook_export_it() {
    let out = import(Test::empty_vault(), "android-2.1.vcf");
    out.success().stderr_is("");
    out.stdout_has_line("created vault/no.name@example.com.md: email");
    let mehmet = out.read_file("Mehmet Öztürk.md");
    assert!(mehmet.contains("company: Öztürk Tekstil A.Ş.\n"), "{mehmet}");
    assert!(mehmet.contains("phone: [+90 532 555 0101, +90 212 555 0102]\n"), "{mehmet}");
    assert!(mehmet.contains("birthday: 1980-03-26\n"), "basic format: {mehmet}");
    assert!(mehmet.contains("Tedarikçi; ödeme 30 gün.\nİkinci satır\n"), "{mehmet}");
    let karin = out.read_file("Karin Lindqvist.md");
    assert!(karin.contains("anniversary: 2001-06-02\n"), "X-MS-ANNIVERSARY: {karin}");
    assert!(karin.contains("address: Storgatan 1, Stockholm, 111 22, Sweden\n"), "{karin}");
}

#[test]
fn vcard_4_year_less_dates_uris_and_text_birthdays() {
    let out = import(Test::empty_vault(), "vcard-4.0.vcf");
    out.code(1)
        .stderr_is("vault/vcard-4.0.vcf:18: BDAY: \"circa 1970\" is text, not a date; kept in the notes\n");
    let simone = out.read_file("Simone Marchetti.md");
    for line in [
        "birthday: --02-03\n",
        "anniversary: 2009-08-08\n",
        "phone: +39-02-555-0133;ext=12\n",
        "address: Suite 4, Via Roma 10, Milano, MI, 20121, Italy\n",
    ] {
        assert!(simone.contains(line), "{line:?} in {simone}");
    }
    assert!(out.read_file("Ravi Menon.md").contains("## Notes\n\nBirthday: circa 1970\n"));
}

#[test]
fn linkedin_connections_with_their_notes_preamble() {
    let out = import(Test::empty_vault(), "linkedin-Connections.csv");
    out.code(1).stderr_is("vault/linkedin-Connections.csv:9: row has no name; skipped\n").stdout_is(
        "created vault/Priya Sharma.md: company, role, url, connected_on\n\
         created vault/Rahul Iyer.md: company, role, email, url, connected_on\n\
         created vault/Priya Sharma (Razorpay Software Pvt Ltd).md: company, role, email, url, connected_on \
         (same name as Priya Sharma.md but another profile URL)\n\
         created vault/Anita Rao.md: url, connected_on\n\
         4 contacts read from vault/linkedin-Connections.csv (LinkedIn connections): 4 created, 0 updated, \
         0 unchanged, 1 skipped\n",
    );
    out.expect_file(
        "Rahul Iyer.md",
        "---\nname: Rahul Iyer\ncompany: Flipkart, Bangalore\nrole: Senior SDE\nemail: rahul@example.com\n\
         url: https://www.linkedin.com/in/rahul-iyer\nconnected_on: 2020-01-05\n---\n\n## Notes\n\n## Log\n",
    );
}

#[test]
fn google_csv_embedded_newlines_ragged_rows_and_both_layouts() {
    let out = import(Test::empty_vault(), "google-contacts.csv");
    // `13/04/1990` has one reading (issue 14 part 3): day first, no longer an ambiguous date.
    out.code(1).stderr_is(
        "vault/google-contacts.csv:5: row has 18 fields, the header 17; the extra ones were ignored\n",
    );
    assert!(out.read_file("Dana Whitfield.md").contains("birthday: 1990-04-13\n"));
    out.expect_file(
        "Chloé Van Damme, Jr..md",
        "---\nname: Chloé Van Damme, Jr.\naliases: [Clo]\ncompany: Widgets, Inc.\nrole: Head of \"Special\" Projects\n\
         email: [chloe@widgets.example, chloe@home.example]\nphone: +32 470 55 01 23\nbirthday: --12-01\n\
         anniversary: 2010-05-22\ntags: [Customers]\nurl: https://widgets.example\n\
         address: Rue Neuve 1, 1000 Brussels\n---\n\n## Notes\n\nFirst line\nSecond line\n\n## Log\n",
    );
    assert!(out.read_file("Tom Baker.md").contains("name: Tom Baker\n"), "names are trimmed");
    let out = import(Test::empty_vault(), "google-legacy.csv");
    out.success().stdout_has_line("created vault/Nguyen, Linh.md: email, phone, birthday, tags");
    assert!(out.read_file("Nguyen, Linh.md").contains("tags: [Family]\n"));
    assert!(out.read_file("Oskar Berg.md").contains("company: Berg & Co\n"));
}

#[test]
fn generic_csv_maps_columns_by_name_and_keeps_the_others() {
    let out = import(Test::empty_vault(), "generic.csv");
    out.code(1).stderr_has("vault/generic.csv:3: cadence: unknown cadence \"every few days\"");
    out.expect_file(
        "Mei Chen.md",
        "---\nname: Mei Chen\ncompany: Chen Design\nrole: Owner\nemail: mei@chen.example\nphone: +1 415 555 0175\n\
         birthday: 1985-01-17\ntags: [design, friend]\ncadence: monthly\nlast_contact: 2026-10-02\n\
         favourite_food: dumplings\n---\n\n## Notes\n\n## Log\n",
    );
    out.then()
        .args(["list", "favourite_food:dumplings", "--format", "paths"])
        .run()
        .stdout_is("vault/Mei Chen.md\n");
}

#[test]
fn malformed_cards_are_reported_by_line_and_the_rest_imported() {
    let out = import(Test::empty_vault(), "malformed.vcf");
    out.code(1).stderr_is(
        "vault/malformed.vcf:6: card \"No End Card\" has no END:VCARD before the next BEGIN:VCARD; read as \
         ended there\n\
         vault/malformed.vcf:13: BDAY: invalid date \"2026-13-45\"; kept in the notes\n\
         vault/malformed.vcf:16: 2 lines outside any BEGIN:VCARD ... END:VCARD; ignored\n\
         vault/malformed.vcf:21: not a vCard property (no `:`): \"this line has no colon\"; ignored\n\
         vault/malformed.vcf:23: card has no END:VCARD (the file ends); skipped\n",
    );
    let names: Vec<String> = out.vault_files().into_iter().filter(|f| f.ends_with(".md")).collect();
    // Issue 14 part 5: the card without END:VCARD is kept, ended where the next card begins.
    assert_eq!(names, ["Bad Birthday.md", "Good After.md", "Good Before.md", "No End Card.md"]);
}

#[test]
fn binary_garbage_never_panics() {
    let mut bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let out = Test::empty_vault().file_bytes("junk.vcf", &bytes).args(["import", "vault/junk.vcf"]).run();
    assert!(matches!(out.code, Some(1 | 2)), "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    bytes.splice(0..0, b"BEGIN:VCARD\nFN:Kept\nEND:VCARD\n".iter().copied());
    let out = Test::empty_vault().file_bytes("mixed.vcf", &bytes).args(["import", "vault/mixed.vcf"]).run();
    out.code(1).stdout_has_line("created vault/Kept.md");
    assert!(out.stderr.starts_with("vault/mixed.vcf:4: "), "{}", out.stderr);
    let out =
        Test::empty_vault().file("nothing.csv", "a,b\n1,2\n").args(["import", "vault/nothing.csv"]).run();
    out.code(2).stderr_has("no header row found");
}

#[test]
fn duplicates_merge_lists_append_notes_and_keep_every_byte() {
    // The same person (one e-mail in common): lists are extended, the card's note is added
    // before the Log, a differing scalar is kept; every other byte stays.
    let existing = "---\r\nname: Ada Okafor   # from the conference\r\nemail: ada@lumen.example\r\n\
                    role: CTO\r\nbirthday:\r\ntags: [vip]\r\n---\r\nMy own notes.\r\n\r\n## Log\r\n\
                    - 2026-10-02: lunch\r\n";
    let test = Test::empty_vault().file("people/Ada Okafor.md", existing);
    let out = import(test, "apple-google-3.0.vcf");
    out.success().stdout_has_line(
        "updated vault/people/Ada Okafor.md: added aliases, company, department, email, phone, birthday, \
         anniversary, dates, tags, url, address, uid, notes; kept its own role",
    );
    out.expect_file(
        "people/Ada Okafor.md",
        "---\r\nname: Ada Okafor   # from the conference\r\nemail: [ada@lumen.example, ada.okafor@mail.example]\r\n\
         role: CTO\r\nbirthday: --06-20\r\ntags: [vip, customer, golf]\r\naliases: [Ada O]\r\n\
         company: Lumen Labs, Inc.\r\ndepartment: Research\r\nphone: +44 20 7946 0018\r\n\
         anniversary: 2012-09-15\r\ndates: {work anniversary: 2019-06-01}\r\nurl: https://lumen.example/ada\r\n\
         address: 1 Canal Street, Floor 3, Manchester, M1 3HE, United Kingdom\r\n\
         uid: 5A0F3B2C-0000-4000-8000-000000000001\r\n---\r\nMy own notes.\r\n\r\n\
         Met at the Lisbon offsite\r\nLikes sailing, jazz; and tea. A long note that is folded across lines by \
         the exporter, as Apple does.\r\n\r\n## Log\r\n- 2026-10-02: lunch\r\n",
    );
    // Again: nothing left to add, nothing written.
    let again = out.then();
    let before = snapshot(&again.vault_path());
    let path = "vault/apple-google-3.0.vcf";
    let out = again.args(["import", path]).run();
    out.success().stdout_has_line("unchanged vault/people/Ada Okafor.md: nothing added; kept its own role");
    assert!(!out.stdout.contains("created vault"), "{}", out.stdout);
    let after = snapshot(&out.then().vault_path());
    assert_eq!(before.get("people/Ada Okafor.md"), after.get("people/Ada Okafor.md"));
}

#[test]
fn a_contact_that_cannot_be_edited_safely_gets_a_numbered_file() {
    let existing = "---\nname: Zoë Brennan-Ashworth\nemail:\n  - \nurl: x\n---\n";
    let test = Test::empty_vault().file("Zoë Brennan-Ashworth.md", existing);
    let out = import(test, "apple-google-3.0.vcf");
    out.success().stdout_has_line(
        "created vault/Zoë Brennan-Ashworth (2).md: email, birthday, url (not merged into Zoë Brennan-Ashworth.md: \
         `email` spans several lines; edit the file by hand)",
    );
    out.expect_file("Zoë Brennan-Ashworth.md", existing);
    assert!(out.read_file("Zoë Brennan-Ashworth (2).md").starts_with("---\nname: Zoë Brennan-Ashworth\n"));
}

#[test]
fn dry_run_writes_nothing() {
    let test = with_input(
        Test::empty_vault().file("Ada Okafor.md", "---\nname: Ada Okafor\n---\n"),
        "apple-google-3.0.vcf",
    );
    let before = snapshot(&test.vault_path());
    let out = test.args(["import", "vault/apple-google-3.0.vcf", "--dry-run", "--tag", "imported"]).run();
    out.success().stdout_is(
        "would update vault/Ada Okafor.md: added aliases, company, department, role, email, phone, birthday, \
         anniversary, dates, tags, url, address, uid, notes\n\
         would create vault/José Núñez.md: company, role, email, phone, birthday, tags, notes\n\
         would create vault/Zoë Brennan-Ashworth.md: email, birthday, tags, url\n\
         3 contacts read from vault/apple-google-3.0.vcf (vCard): 2 to create, 1 to update, 0 unchanged; \
         dry run, nothing written\n",
    );
    assert_eq!(before, snapshot(&out.then().vault_path()));
}

#[test]
fn tags_and_dir_options() {
    let out = with_input(Test::empty_vault(), "vcard-4.0.vcf")
        .args(["import", "vault/vcard-4.0.vcf", "--tag", "imported,2026", "--dir", "people/new"])
        .run();
    out.code(1).stdout_has_line("created vault/people/new/Ravi Menon.md: anniversary, tags, notes");
    assert!(out.read_file("people/new/Ravi Menon.md").contains("tags: [friend, imported, '2026']\n"));
    with_input(Test::empty_vault(), "vcard-4.0.vcf")
        .args(["import", "vault/vcard-4.0.vcf", "--dir", "../x"])
        .run()
        .code(2);
}

/// Imports every fixture, exports vCard, imports that into an empty vault and exports again: the
/// two exports are the same bytes, and the contacts have the same fields.
#[test]
fn round_trip_through_vcard() {
    let mut test = Test::empty_vault();
    for name in FIXTURES {
        let path = format!("vault/{name}");
        test = with_input(test, name).args(["import", path.as_str()]).run().then();
    }
    let first = test.args(["export", "--format", "vcf"]).run();
    first.success();
    let vcf = first.stdout.clone();
    assert!(vcf.contains("\r\nBDAY:--0620\r\n") && vcf.contains("\r\nBDAY:19800326\r\n"), "{vcf}");
    assert!(vcf.lines().all(|l| l.len() <= 76), "folded at 75 octets");
    let fields = |test: Test| -> Vec<serde_json::Value> {
        let out = test.args(["export", "--format", "json"]).run();
        let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
        let keys = [
            "name",
            "company",
            "role",
            "email",
            "phone",
            "birthday",
            "anniversary",
            "tags",
            "url",
            "address",
            "aliases",
            "department",
            "dates",
        ];
        rows.iter()
            .map(|row| keys.iter().map(|k| (k.to_string(), row["fields"][*k].clone())).collect())
            .collect()
    };
    let expected = fields(first.then());
    let second = Test::empty_vault().file("export.vcf", &vcf).args(["import", "vault/export.vcf"]).run();
    second.success();
    let again = second.then().args(["export", "--format", "vcf"]).run();
    assert!(again.stdout == vcf, "the second export differs:\n{}", again.stdout);
    assert_eq!(fields(again.then()), expected);
}

#[test]
fn export_neutralises_formulas_and_keeps_cards_whole() {
    let evil = "---\nname: '=HYPERLINK(\"x\")'\ncompany: \"Evil; Corp\\r\\nEND:VCARD\"\n---\nNotes line\nEND:VCARD\nBEGIN:VCARD\nFN:Injected\n";
    let test = Test::empty_vault().file("evil.md", evil).file("Jane.md", "---\nname: Jane\n---\n");
    let csv = test.args(["export", "--format", "csv"]).run();
    csv.success().stdout_has("'=HYPERLINK(\"\"x\"\")");
    let vcf = csv.then().args(["export", "--format", "vcf"]).run();
    vcf.success();
    assert_eq!(vcf.stdout.lines().filter(|l| *l == "BEGIN:VCARD\r" || *l == "BEGIN:VCARD").count(), 2);
    assert_eq!(vcf.stdout.lines().filter(|l| l.trim_end() == "END:VCARD").count(), 2);
    assert!(
        vcf.stdout.contains("NOTE:Notes line\\nEND:VCARD\\nBEGIN:VCARD\\nFN:Injected\r\n"),
        "{}",
        vcf.stdout
    );
    let back = Test::empty_vault().file("x.vcf", &vcf.stdout).args(["import", "vault/x.vcf"]).run();
    back.success().stdout_has("2 contacts read");
    assert!(back.read_file("=HYPERLINK(-x-).md").contains("company: Evil; Corp END:VCARD\n"));
}

#[test]
fn completions_offer_contact_names() {
    let test = Test::empty_vault()
        .file("Jane Doe.md", "---\nname: Jane Doe\naliases: [JD]\n---\n")
        .file("Tom.md", "---\nname: Tom Baker\n---\n");
    test.arg("complete-names").run().success().stdout_is("JD\nJane Doe\nTom Baker\n");
    for shell in ["bash", "zsh", "fish"] {
        let out = Test::empty_vault().args(["completions", shell]).run();
        out.success().stdout_has("complete-names");
    }
}

#[test]
fn man_page_renders() {
    let out = Test::empty_vault().arg("man").run();
    out.success().stdout_has(".TH touchbase").stdout_has("import").stdout_has("export");
    assert!(!out.stdout.contains("complete\\-names"), "hidden commands stay out of the man page");
}
