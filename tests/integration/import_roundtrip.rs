//! Round trips that hold (issue 14, part 4): names YAML would read as booleans, nulls or
//! numbers come back as text; the CSV export's formula guard is dropped on import; a card's
//! structured name (`N`) is kept and written back; organisations' cards become account notes
//! and group cards are skipped. Fixtures in `tests/fixtures/import/roundtrip/`, in the shapes
//! Google's CSV and vCard 3.0/4.0 exports have.

use std::path::Path;

use crate::harness::{Output, Test};

fn import(test: Test, name: &str) -> Output {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/roundtrip").join(name);
    let bytes = std::fs::read(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    let path = format!("vault/{name}");
    test.file_bytes(name, &bytes).args(["import", path.as_str()]).run()
}

#[test]
fn names_yaml_reads_otherwise_are_quoted() {
    let out = import(Test::empty_vault(), "google-yaml-words.csv");
    out.success();
    out.expect_file(
        "No.md",
        "---\nname: 'No'\naliases: ['on']\nphone: +44 7700 900123\n---\n\n## Notes\n\n## Log\n",
    );
    out.expect_file(
        "Yes.md",
        "---\nname: 'Yes'\ncompany: 'Off'\nemail: yes@example.com\ntags: ['y']\n---\n\n## Notes\n\n## Log\n",
    );
    out.expect_file(
        "1-20.md",
        "---\nname: '1:20'\naliases: ['~']\ncompany: '0o17'\nrole: 'null'\nphone: +1 555 0100 300\n---\n\n## Notes\n\n## Log\n",
    );
    out.then().args(["list", "--format", "paths"]).run().success();
}

#[test]
fn the_csv_exports_formula_guard_is_dropped_on_import() {
    let test = Test::empty_vault().file("+15551234.md", "---\nname: '+15551234'\nphone: '+15551234'\n---\n");
    let csv = test.args(["export", "--format", "csv"]).run();
    csv.success().stdout_has("'+15551234");
    let exported = csv.stdout.clone();
    let out = csv.then().file("export.csv", &exported).args(["import", "vault/export.csv"]).run();
    out.success().stdout_is(
        "unchanged vault/+15551234.md: nothing new\n\
         1 contact read from vault/export.csv (CSV): 0 created, 0 updated, 1 unchanged\n",
    );
    assert!(!out.vault_files().iter().any(|f| f.starts_with('\'')), "{:?}", out.vault_files());
}

#[test]
fn structured_names_organisations_and_groups() {
    let out = import(Test::empty_vault(), "kinds-and-names.vcf");
    out.code(1).stdout_golden("import-roundtrip-kinds").stderr_is(
        "vault/kinds-and-names.vcf:18: \"Book club\" is a group card (KIND:group), not a person; skipped\n",
    );
    out.expect_file(
        "Michael Angstadt.md",
        "---\nname: Michael Angstadt\nphone: +1 555 0100 200\nfamily_name: Angstadt\ngiven_name: Michael\n\
         honorific_prefix: Mr.\nhonorific_suffix: Jr.\n---\n\n## Notes\n\n## Log\n",
    );
    out.expect_file(
        "Lumen Labs.md",
        "---\ntype: account\nname: Lumen Labs\nphone: +44 20 7946 0000\nurl: https://lumen.example\n---\n\n\
         ## Notes\n\nMain office in Manchester.\n\n## Log\n",
    );
    let vcf = out.then().args(["export", "--format", "vcf"]).run();
    vcf.success()
        .stdout_has("\r\nN:Angstadt;Michael;;Mr.;Jr.\r\n")
        .stdout_has("\r\nN:Doe;John;Philip\\,Paul;Dr.;\r\n");
    assert!(!vcf.stdout.contains("Lumen"), "an account note is no contact: {}", vcf.stdout);
    let accounts = vcf.then().args(["accounts", "--format", "json"]).run();
    accounts.success().stdout_has("Northwind Traders.md");
    // Again: the account notes are found by name, nothing is created.
    let again = accounts.then().args(["import", "vault/kinds-and-names.vcf"]).run();
    again.code(1).stdout_has("0 created, 0 updated, 4 unchanged, 1 skipped");
}
