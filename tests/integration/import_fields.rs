//! `[fields]` (issue 14, part 6): every key import and export understand can be mapped
//! (`address`, `url`, `department`, `uid`, the name parts), and a standard key may take several
//! vault keys with type labels (`email = ["EMAIL[HOME]", "EMAIL[WORK]"]`), read together and
//! written by a vCard value's `TYPE`. The fixture vault in `tests/fixtures/import/fields/` has
//! the shape an Obsidian vCard plugin writes.

use std::path::Path;

use crate::harness::Test;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/fields").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn vault() -> Test {
    Test::empty_vault()
        .file("touchbase.toml", &fixture("touchbase.toml"))
        .file("Selina Kyle.md", &fixture("Selina Kyle.md"))
        .file("staff.vcf", &fixture("staff.vcf"))
}

#[test]
fn mapped_keys_are_read_and_exported() {
    let out = vault().args(["export", "--format", "vcf"]).run();
    out.success().stdout_is(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:2b1f6c2e-9a41-4c1e-b7a0-5e7d1c0f0042\r\nFN:Selina Kyle\r\n\
         N:Kyle;Selina;;;\r\nORG:Gotham Gallery;Acquisitions\r\nEMAIL;TYPE=home:selina@catmail.example\r\n\
         EMAIL;TYPE=work:s.kyle@gallery.example\r\nTEL:+1 212 555 0199\r\nBDAY:19400425\r\nCATEGORIES:Art,Collector\r\n\
         URL;TYPE=home:https://selina.example\r\nADR:;;12 Cat Walk\\, Gotham;;;;\r\nNOTE:Prefers calls after dark.\r\n\
         END:VCARD\r\n",
    );
    // Into another vault with the same mapping and out again: the same keys, the same bytes.
    let vcf = out.stdout.clone();
    let second = Test::empty_vault()
        .file("touchbase.toml", &fixture("touchbase.toml"))
        .file("selina.vcf", &vcf)
        .args(["import", "vault/selina.vcf"])
        .run();
    second.success();
    let file = second.read_file("Selina Kyle.md");
    assert!(
        file.contains("\nEMAIL[HOME]: selina@catmail.example\nEMAIL[WORK]: s.kyle@gallery.example\n"),
        "{file}"
    );
    second.then().args(["export", "--format", "vcf"]).run().success().stdout_is(&vcf);
}

#[test]
fn new_values_go_to_the_key_their_type_names() {
    let out = vault().args(["import", "vault/staff.vcf"]).run();
    out.success().stdout_is(
        "updated vault/Selina Kyle.md: added email, url\n\
         created vault/Alfred Pennyworth.md: company, department, email, phone\n\
         2 contacts read from vault/staff.vcf (vCard): 1 created, 1 updated, 0 unchanged\n",
    );
    let selina = out.read_file("Selina Kyle.md");
    assert!(
        selina.contains("\"EMAIL[WORK]\": [s.kyle@gallery.example, curator@gallery.example]\n"),
        "{selina}"
    );
    assert!(selina.contains("\"EMAIL[HOME]\": selina@catmail.example\n"), "{selina}");
    assert!(selina.contains("\"URL[HOME]\": https://selina.example\n"), "{selina}");
    assert!(selina.contains("\nURL[WORK]: https://gallery.example/selina\n---\n"), "{selina}");
    out.expect_file(
        "Alfred Pennyworth.md",
        "---\nname: Alfred Pennyworth\nORG: Wayne Manor\nDEPT: Household\nEMAIL[WORK]: alfred@manor.example\n\
         EMAIL[HOME]: alfie@home.example\nTEL[]: +44 7700 900456\n---\n\n## Notes\n\n## Log\n",
    );
    let again = out.then().args(["import", "vault/staff.vcf"]).run();
    again.success().stdout_has("0 created, 0 updated, 2 unchanged");
    // A query on a mapped key sees every vault key of it (the second: `URL[WORK]`).
    let found = again.then().args(["list", "url:gallery.example/selina", "--format", "paths"]).run();
    found.success().stdout_is("vault/Selina Kyle.md\n");
}
