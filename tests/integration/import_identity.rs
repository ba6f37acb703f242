//! Import matches people by who they are before their name (issue 14, part 1): a vCard UID,
//! an e-mail, a phone in normal form, a profile URL; a name match that one of these contradicts
//! is another person, with a file of its own (`Name (Company).md`). Fixtures in
//! `tests/fixtures/import/identity/`, in the shapes `LinkedIn` and Apple export.

use std::path::Path;

use crate::harness::{Output, Test};

fn import(test: Test, name: &str) -> Output {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/identity").join(name);
    let bytes = std::fs::read(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    let path = format!("vault/{name}");
    test.file_bytes(name, &bytes).args(["import", path.as_str()]).run()
}

#[test]
fn two_rows_with_one_name_are_two_people_and_a_profile_url_finds_each_again() {
    let test = Test::empty_vault().file(
        "Leela Nair.md",
        "---\nname: Leela Nair\nurl: https://www.linkedin.com/in/leela-nair-a1\n---\n",
    );
    let out = import(test, "linkedin-namesakes.csv");
    out.success().stdout_golden("import-identity-linkedin");
    let second = out.read_file("Arjun Mehta (Zeta).md");
    assert!(second.contains("url: https://www.linkedin.com/in/arjunmehta88\n"), "{second}");
    assert!(second.contains("role: Design Lead\n"), "{second}");
    let first = out.read_file("Arjun Mehta.md");
    assert!(first.contains("email: arjun@zeta.example\n") && !first.contains("arjun.m@"), "{first}");
    // Again: every row finds its own file, nothing is created.
    let again = out.then().args(["import", "vault/linkedin-namesakes.csv"]).run();
    again.success().stdout_golden("import-identity-linkedin-again");
}

#[test]
fn uid_email_and_phone_match_before_the_name() {
    let test = Test::empty_vault()
        .file("Bob Smith.md", "---\nname: Bob Smith\nphone: +1 415 555 0100\ntags: [golf]\n---\n\n## Notes\n\n## Log\n")
        .file("Priya Sharma.md", "---\nname: Priya Sharma\nemail: priya@home.example\n---\n")
        .file(
            "people/Jane Doe.md",
            "---\nname: Jane Doe\nuid: urn:uuid:6f1c2f7e-1b2a-4c3d-8e4f-000000000003\nemail: jane@old.example\n---\n",
        )
        .file("Sam Lee.md", "---\nname: Sam Lee\nemail: sam.lee@mail.example\n---\nClimbs.\n")
        // A shared phone is no match when the e-mails say these are two people.
        .file("Front Desk.md", "---\nname: Front Desk\nphone: +1 212 555 0000\nemail: desk@hotel.example\n---\n");
    let out = import(test, "phone-namesakes.vcf");
    out.success().stdout_golden("import-identity-vcard");
    out.expect_file(
        "Bob Smith.md",
        "---\nname: Bob Smith\nphone: +1 415 555 0100\ntags: [golf, friend]\nuid: 0C5B1F0E-7A1D-4C55-9E1B-3F7E2A9D0001\n\
         ---\n\n## Notes\n\nMet at the climbing gym.\n\n## Log\n",
    );
    out.expect_file(
        "people/Jane Doe.md",
        "---\nname: Jane Doe\nuid: urn:uuid:6f1c2f7e-1b2a-4c3d-8e4f-000000000003\n\
         email: [jane@old.example, jane@new.example]\n---\n",
    );
    out.expect_file("Priya Sharma.md", "---\nname: Priya Sharma\nemail: priya@home.example\n---\n");
    assert!(out.read_file("Priya Sharma (Razorpay).md").contains("email: priya@razorpay.example\n"));
    out.expect_file(
        "Sam Lee.md",
        "---\nname: Sam Lee\nemail: sam.lee@mail.example\ntags: [climbing]\n---\nClimbs.\n",
    );
}

#[test]
fn an_update_extends_block_lists_too() {
    // Obsidian's properties editor writes lists as block lists; the card's new e-mail and the
    // import's tag go at their ends, everything else byte for byte.
    let text = "---\r\nname: Dana Ruiz\r\nemail:\r\n  - dana@home.example   # personal\r\ntags:\r\n  - friend\r\n---\r\n\r\n## Log\r\n";
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Ruiz\r\nEMAIL:dana@home.example\r\nEMAIL:dana@work.example\r\nEND:VCARD\r\n";
    let out = Test::empty_vault()
        .file("Dana Ruiz.md", text)
        .file("dana.vcf", card)
        .args(["import", "vault/dana.vcf", "--tag", "imported"])
        .run();
    out.success();
    out.expect_file(
        "Dana Ruiz.md",
        "---\r\nname: Dana Ruiz\r\nemail:\r\n  - dana@home.example   # personal\r\n  - dana@work.example\r\ntags:\r\n  - friend\r\n  - imported\r\n---\r\n\r\n## Log\r\n",
    );
}
