//! Issue 14 parts 2, 3 and 5 on fixtures in the shapes real exporters write
//! (`tests/fixtures/import/charsets/`, written by its `make.py`; `tests/fixtures/import/outlook/`,
//! `tests/fixtures/import/recovery/`): each file is imported into an empty vault, and what is
//! printed and every file made are compared with one golden file per fixture
//! (`tests/golden/import-<fixture>.txt`).

use std::path::Path;

use crate::harness::{golden, Test};

/// Imports `tests/fixtures/import/<folder>/<name>` into an empty vault and compares the exit
/// code, stdout, stderr and every contact file made with `tests/golden/import-<name>.txt`.
fn import_golden(folder: &str, name: &str, args: &[&str]) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(folder).join(name);
    let bytes = std::fs::read(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    let input = format!("input/{name}");
    let test = Test::empty_vault().file_bytes(&input, &bytes);
    let path = format!("vault/{input}");
    let out = test.args(["import", path.as_str()]).args(args.iter().copied()).run();
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    let mut text = format!("exit {:?}\n--- stdout\n{}--- stderr\n{}", out.code, out.stdout, out.stderr);
    for file in out.vault_files().into_iter().filter(|f| f.ends_with(".md")) {
        text.push_str(&format!("--- {file}\n{}", out.read_file(&file)));
    }
    golden(&format!("import-{name}.txt"), &text, &format!("import {name}"));
    out.then().arg("check").run();
}

#[test]
fn shift_jis_phone_vcard() {
    import_golden("charsets", "sjis-phone-2.1.vcf", &[]);
}

#[test]
fn windows_1251_and_gb2312() {
    import_golden("charsets", "cyrillic-chinese.vcf", &[]);
}

#[test]
fn outlook_windows_1252_quoted_printable_and_unlabelled() {
    import_golden("charsets", "outlook-cp1252.vcf", &[]);
}

#[test]
fn utf16_without_a_bom() {
    import_golden("charsets", "utf16le-nobom.vcf", &[]);
    import_golden("charsets", "utf16be-nobom.csv", &[]);
}

#[test]
fn ansi_csv_is_windows_1252() {
    import_golden("charsets", "ansi-cp1252.csv", &[]);
}

#[test]
fn undecodable_bytes_are_warnings_naming_the_record() {
    import_golden("charsets", "undecodable.vcf", &[]);
    import_golden("charsets", "undecodable.csv", &[]);
}

#[test]
fn cards_read_whole_over_a_missing_end_and_hard_line_breaks() {
    // Exit 0: every line is a recovery, nothing was lost.
    import_golden("recovery", "phone-and-outlook-2.1.vcf", &[]);
}

#[test]
fn altid_alternatives_are_no_conflict() {
    import_golden("recovery", "altid-4.0.vcf", &[]);
}

#[test]
fn outlook_csv_export() {
    // Job Title is the role (Title the honorific), placeholders are no date, M/D/YYYY dates, one
    // address from the parts, every phone column a phone, the noise columns dropped.
    import_golden("outlook", "outlook-contacts.csv", &[]);
}
