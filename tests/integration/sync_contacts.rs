//! `sync contacts VDIR` (issue 17 part 1): a vault and a vdir of vCards kept in step, both ways,
//! field by field, byte-exact on both sides where nothing changed; conflicts, deletions,
//! idempotence, `--dry-run`, and a property test of vault → card → vault.

use std::path::PathBuf;

use proptest::prelude::*;

use crate::harness::{Output, Test};

/// `Ada.md`'s uid when the sync gives it one (a UUID made from its path, as `export` makes).
const ADA_UID: &str = "60cfc866-c83c-84bf-aea2-4f51b187b71e";

const ADA: &str = "---\nname: Ada Lovelace\nemail: ada@x.example\nbirthday: 1815-12-10\ntags: [math]\n---\n# Ada\n\nNotes stay.\n";

/// One run of `sync contacts cards` (the vdir beside the vault), its state in the temp dir.
fn sync(test: Test, extra: &[&str]) -> Output {
    let test = test.outside("cards/.keep", "").env("TOUCHBASE_STATE_DIR", "state");
    test.args(["sync", "contacts", "cards"]).args(extra.iter().copied()).run()
}

fn again(out: Output, extra: &[&str]) -> Output {
    sync(out.then(), extra)
}

fn card_path(out: &Output, file: &str) -> PathBuf {
    out.vault_file(&format!("../cards/{file}"))
}

/// The vdir's `.vcf` files, by name.
fn cards(out: &Output) -> Vec<(String, String)> {
    let mut cards: Vec<(String, String)> = std::fs::read_dir(out.vault_file("../cards"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".vcf"))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).unwrap()))
        .collect();
    cards.sort();
    cards
}

fn state_files(out: &Output) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = out.vault_file("../state");
    let Ok(entries) = std::fs::read_dir(dir) else { return vec![] };
    entries.map(|e| e.unwrap().path()).map(|p| (p.clone(), std::fs::read(p).unwrap())).collect()
}

/// The card a phone would hold after the first sync of `ADA`.
fn ada_card(out: &Output) -> String {
    std::fs::read_to_string(card_path(out, &format!("{ADA_UID}.vcf"))).unwrap()
}

fn write_card(out: &Output, file: &str, text: &str) {
    std::fs::write(card_path(out, file), text).unwrap();
}

#[test]
fn a_contact_gets_a_card_and_a_uid_and_the_second_run_is_in_step() {
    let out = sync(Test::empty_vault().file("Ada.md", ADA), &[]);
    out.success().stdout_is(&format!("Ada.md: uid {ADA_UID} added\n{ADA_UID}.vcf: new card from Ada.md\n"));
    // One line added to the contact, nothing else.
    let with_uid = ADA.replace("tags: [math]\n", &format!("tags: [math]\nuid: {ADA_UID}\n"));
    out.expect_file("Ada.md", &with_uid);
    let card = ada_card(&out);
    assert!(card.contains(&format!("UID:{ADA_UID}\r\nFN:Ada Lovelace\r\n")), "{card}");
    assert!(card.contains("EMAIL:ada@x.example\r\nBDAY:18151210\r\n"), "{card}");
    assert!(!card.contains("NOTE"), "the body is not synced: {card}");
    let state = state_files(&out);
    assert_eq!(state.len(), 1);
    let out = again(out, &[]);
    out.success().stdout_is("in step\n");
    out.expect_file("Ada.md", &with_uid);
    assert_eq!(ada_card(&out), card);
    assert_eq!(state_files(&out), state, "the state file is not rewritten either");
}

#[test]
fn a_phone_edit_reaches_the_vault_byte_exact_in_a_crlf_bom_file() {
    let crlf = format!("\u{feff}---\r\nname: Ada Lovelace # the countess\r\nuid: {ADA_UID}\r\nbirthday: 1815-12-10\r\n---\r\n## Log\r\n- 2026-01-02: tea\r\n");
    let out = sync(Test::empty_vault().file("Ada.md", &crlf), &[]);
    out.success();
    let card = ada_card(&out);
    // As a phone edits: a new TEL with parameters, a changed BDAY, a property of its own.
    let edited = card
        .replace("BDAY:18151210\r\n", "BDAY:18151211\r\nitem1.TEL;TYPE=cell,pref:+44 20 7946 0018\r\n")
        .replace("END:VCARD", "X-PHONETIC-FIRST-NAME:Ay-da\r\nEND:VCARD");
    write_card(&out, &format!("{ADA_UID}.vcf"), &edited);
    let out = again(out, &[]);
    out.success().stdout_is(&format!("Ada.md: birthday, phone from the card {ADA_UID}.vcf\n"));
    let expected = crlf.replace("1815-12-10\r\n", "1815-12-11\r\nphone: +44 20 7946 0018\r\n");
    out.expect_file("Ada.md", &expected);
    assert_eq!(ada_card(&out), edited, "the card is left as the phone wrote it");
    again(out, &[]).success().stdout_is("in step\n");
}

#[test]
fn a_vault_edit_changes_only_its_property_and_unknown_ones_survive() {
    let out = sync(Test::empty_vault().file("Ada.md", ADA), &[]);
    let file = format!("{ADA_UID}.vcf");
    let phone_card = format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17//EN\r\nN:Lovelace;Ada;;;\r\nFN:Ada Lovelace\r\n\
         item1.EMAIL;type=INTERNET;type=pref:ada@x.example\r\nitem1.X-ABLabel:_$!<Work>!$_\r\nBDAY;VALUE=date:1815-12-10\r\n\
         PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwc\r\n KDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIy\r\n\
         X-SOCIALPROFILE;type=twitter:https://twitter.com/ada\r\nUID:{ADA_UID}\r\nEND:VCARD\r\n"
    );
    write_card(&out, &file, &phone_card);
    let out = again(out, &[]);
    out.success().stdout_is("in step\n");
    let text = std::fs::read_to_string(out.vault_file("Ada.md")).unwrap();
    std::fs::write(
        out.vault_file("Ada.md"),
        text.replace("ada@x.example", "ada@analytical.example").replace("1815-12-10", "1815-12-11"),
    )
    .unwrap();
    let out = again(out, &[]);
    out.success().stdout_is(&format!("{file}: birthday, email from Ada.md\n"));
    let expected = phone_card
        .replace("pref:ada@x.example", "pref:ada@analytical.example")
        .replace("BDAY;VALUE=date:1815-12-10", "BDAY:18151211");
    assert_eq!(ada_card(&out), expected);
    again(out, &[]).success().stdout_is("in step\n");
}

#[test]
fn a_new_card_becomes_a_contact_and_a_card_made_again_under_another_name_keeps_its_pair() {
    let out = sync(Test::empty_vault().file("Ada.md", ADA), &[]);
    let grace = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:grace-1\r\nFN:Grace Hopper\r\nTEL;TYPE=cell:+1 212 555 0100\r\nORG:Navy\r\nTITLE:Rear Admiral\r\nEND:VCARD\r\n";
    write_card(&out, "grace-1.vcf", grace);
    // Ada's card deleted and made again by another app, her name spelt otherwise: the e-mail says who.
    std::fs::remove_file(card_path(&out, &format!("{ADA_UID}.vcf"))).unwrap();
    let ada2 = format!("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{ADA_UID}\r\nFN:Augusta Ada King\r\nEMAIL:ada@x.example\r\nBDAY:18151210\r\nEND:VCARD\r\n");
    write_card(&out, "other-app.vcf", &ada2);
    let out = again(out, &[]);
    let files = out.vault_files();
    assert_eq!(files, ["Ada.md", "Grace Hopper.md"], "{}", out.stdout);
    let grace_md = out.read_file("Grace Hopper.md");
    for line in ["name: Grace Hopper", "company: Navy", "role: Rear Admiral", "uid: grace-1"] {
        assert!(grace_md.contains(line), "{grace_md}");
    }
    assert!(out.stdout.contains("Grace Hopper.md: new contact from the card grace-1.vcf"), "{}", out.stdout);
    // Only the card changed the name since the last sync (the UID says it is Ada's card): it arrives.
    assert!(out.stdout.contains("Ada.md: name from the card other-app.vcf"), "{}", out.stdout);
    again(out, &[]).success().stdout_is("in step\n");
}

#[test]
fn an_email_match_without_a_uid_pairs_and_fills_in_both_sides() {
    let test = Test::empty_vault()
        .file("Ada.md", "---\nname: Ada Lovelace\nemail: ada@x.example\nrole: Countess\n---\n");
    let test = test.outside(
        "cards/phone.vcf",
        "BEGIN:VCARD\nVERSION:3.0\nUID:p-1\nFN:Ada King\nEMAIL:ADA@x.example\nTEL:+44 1\nEND:VCARD\n",
    );
    let out = sync(test, &[]);
    // No state: the names differ and nothing says which is newer: a conflict, never a guess.
    out.code(1).stderr_has("Ada.md: name: the vault says \"Ada Lovelace\", the card says \"Ada King\" (phone.vcf); edit one side and run again");
    assert_eq!(out.vault_files(), ["Ada.md"]);
    let text = out.read_file("Ada.md");
    assert!(
        text.contains("uid: p-1\n")
            && text.contains("phone: +44 1\n")
            && text.contains("name: Ada Lovelace\n"),
        "{text}"
    );
    let card = std::fs::read_to_string(card_path(&out, "phone.vcf")).unwrap();
    assert!(card.contains("TITLE:Countess\n") && card.contains("FN:Ada King\n"), "LF kept: {card}");
}

#[test]
fn a_conflict_is_reported_and_nothing_is_lost_while_other_fields_sync() {
    let out = sync(Test::empty_vault().file("Ada.md", ADA), &[]);
    let file = format!("{ADA_UID}.vcf");
    let card = ada_card(&out)
        .replace("BDAY:18151210", "BDAY:18151111")
        .replace("END:VCARD", "TEL:+44 2\r\nEND:VCARD");
    write_card(&out, &file, &card);
    let text = out.read_file("Ada.md");
    std::fs::write(out.vault_file("Ada.md"), text.replace("1815-12-10", "1815-12-12")).unwrap();
    let out = again(out, &[]);
    out.code(1).stderr_is(&format!(
        "Ada.md: birthday: the vault says \"1815-12-12\", the card says \"1815-11-11\" ({file}); edit one side and run again\n"
    ));
    let vault_now = out.read_file("Ada.md");
    assert!(
        vault_now.contains("birthday: 1815-12-12\n") && vault_now.contains("phone: +44 2\n"),
        "{vault_now}"
    );
    assert!(ada_card(&out).contains("BDAY:18151111"), "the card keeps its side");
    // Still a conflict the next time; then the user settles it on one side.
    let out = again(out, &[]);
    out.code(1);
    std::fs::write(out.vault_file("Ada.md"), vault_now.replace("1815-12-12", "1815-11-11")).unwrap();
    let out = again(out, &[]);
    out.success().stdout_is("in step\n");
    again(out, &[]).success().stdout_is("in step\n");
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let out = sync(Test::empty_vault().file("Ada.md", ADA), &[]);
    write_card(&out, &format!("{ADA_UID}.vcf"), &ada_card(&out).replace("BDAY:18151210", "BDAY:18151211"));
    let text = out.read_file("Ada.md");
    std::fs::write(out.vault_file("Ada.md"), text.replace("1815-12-10", "1815-12-11")).unwrap();
    again(out, &[]).success().stdout_is("in step\n");
}

#[test]
fn a_deleted_card_never_deletes_a_contact() {
    let out = sync(Test::empty_vault().file("Ada.md", ADA), &[]);
    std::fs::remove_file(card_path(&out, &format!("{ADA_UID}.vcf"))).unwrap();
    let before = out.read_file("Ada.md");
    let out = again(out, &[]);
    out.code(1).stderr_has(&format!(
        "Ada.md: its card {ADA_UID}.vcf was deleted from the vdir; the contact is kept"
    ));
    assert!(cards(&out).is_empty(), "not made again");
    out.expect_file("Ada.md", &before);
    let out = again(out, &["--accept-deletions"]);
    out.success().stdout_is(&format!(
        "Ada.md: no longer synced (its card {ADA_UID}.vcf was deleted; the file stays)\n"
    ));
    let out = again(out, &[]);
    out.success().stdout_is("in step\n");
    assert!(cards(&out).is_empty());
    out.expect_file("Ada.md", &before);
}

#[test]
fn a_deleted_contact_deletes_its_card_only_when_the_card_did_not_change() {
    let test =
        Test::empty_vault().file("Ada.md", ADA).file("Bob.md", "---\nname: Bob\nemail: bob@x.example\n---\n");
    let out = sync(test, &[]);
    assert_eq!(cards(&out).len(), 2);
    let bob = cards(&out).into_iter().find(|(_, t)| t.contains("FN:Bob")).unwrap();
    write_card(&out, &bob.0, &bob.1.replace("END:VCARD", "TEL:+1 555 0199\r\nEND:VCARD"));
    std::fs::remove_file(out.vault_file("Ada.md")).unwrap();
    std::fs::remove_file(out.vault_file("Bob.md")).unwrap();
    let out = again(out, &[]);
    out.code(1)
        .stdout_has(&format!("{ADA_UID}.vcf: removed (Ada.md was deleted from the vault)"))
        .stderr_has(&format!(
        "{}: Bob.md was deleted from the vault, but the card changed since the last sync; the card is kept",
        bob.0
    ));
    assert_eq!(cards(&out).len(), 1);
    assert!(out.vault_files().is_empty(), "nothing made again: {:?}", out.vault_files());
}

#[test]
fn dry_run_writes_nothing() {
    let out = sync(Test::empty_vault().file("Ada.md", ADA), &["--dry-run"]);
    out.success().stdout_is(&format!(
        "Ada.md: uid {ADA_UID} added\n{ADA_UID}.vcf: new card from Ada.md\ndry run: nothing written\n"
    ));
    out.expect_file("Ada.md", ADA);
    assert!(cards(&out).is_empty());
    assert!(state_files(&out).is_empty());
}

#[test]
fn a_missing_vdir_is_a_usage_error() {
    let out =
        Test::empty_vault().env("TOUCHBASE_STATE_DIR", "state").args(["sync", "contacts", "nowhere"]).run();
    out.code(2).stderr_has("nowhere: no such folder (the vdir)");
}

/// A contact's front matter from generated values.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    company: Option<String>,
    role: Option<String>,
    emails: Vec<String>,
    phones: Vec<String>,
    urls: Vec<String>,
    addresses: Vec<String>,
    birthday: Option<(Option<u16>, u8, u8)>,
    anniversary: Option<(Option<u16>, u8, u8)>,
}

fn day() -> impl Strategy<Value = (Option<u16>, u8, u8)> {
    (proptest::option::of(1900u16..2020), 1u8..13, 1u8..29)
}

fn person() -> impl Strategy<Value = Person> {
    let word = "[A-Z][a-zà-ÿ]{1,8}";
    let unique = |mut v: Vec<String>| {
        v.sort();
        v.dedup();
        v
    };
    (
        (word, word, proptest::option::of("[A-Z][a-z]{1,6}")).prop_map(|(a, b, c)| match c {
            Some(c) => format!("{a} {c} {b}"),
            None => format!("{a} {b}"),
        }),
        proptest::option::of("[A-Z][a-z]{2,6}( & [A-Z][a-z]{2,5}| GmbH|, Inc\\.)?"),
        proptest::option::of("[A-Z][a-z]{3,8}( [a-z]{3,8})?(; [a-z]{2,5})?"),
        proptest::collection::vec("[a-z]{1,8}(\\.[a-z]{1,4})?@[a-z]{2,6}\\.example", 0..3).prop_map(unique),
        proptest::collection::vec("\\+[1-9][0-9]{1,2} [0-9]{3} [0-9]{4,6}", 0..3).prop_map(unique),
        proptest::collection::vec("https://[a-z]{2,8}\\.example/[a-z0-9]{1,6}", 0..2).prop_map(unique),
        proptest::collection::vec("[1-9][0-9]{0,2} [A-Z][a-z]{2,8} St, [A-Z][a-z]{3,9}", 0..2)
            .prop_map(unique),
        proptest::option::of(day()),
        proptest::option::of(day()),
    )
        .prop_map(|(name, company, role, emails, phones, urls, addresses, birthday, anniversary)| {
            Person { name, company, role, emails, phones, urls, addresses, birthday, anniversary }
        })
}

fn date_text((year, m, d): (Option<u16>, u8, u8)) -> String {
    match year {
        Some(y) => format!("{y:04}-{m:02}-{d:02}"),
        None => format!("--{m:02}-{d:02}"),
    }
}

fn front_matter(p: &Person) -> String {
    let mut text = format!("---\nname: {}\n", p.name);
    for (key, value) in [("company", &p.company), ("role", &p.role)] {
        if let Some(value) = value {
            text.push_str(&format!("{key}: \"{value}\"\n"));
        }
    }
    for (key, list) in
        [("email", &p.emails), ("phone", &p.phones), ("url", &p.urls), ("address", &p.addresses)]
    {
        if !list.is_empty() {
            let items: Vec<String> = list.iter().map(|i| format!("\"{i}\"")).collect();
            text.push_str(&format!("{key}: [{}]\n", items.join(", ")));
        }
    }
    for (key, day) in [("birthday", p.birthday), ("anniversary", p.anniversary)] {
        if let Some(day) = day {
            text.push_str(&format!("{key}: {}\n", date_text(day)));
        }
    }
    text + "---\n"
}

/// The synced fields of every contact, from `export --format json`'s front matter: a scalar
/// as a one-item list, a missing key as none, sorted by name.
fn fields(out: &Output) -> Vec<Vec<(String, Vec<String>)>> {
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let keys = ["name", "company", "role", "email", "phone", "url", "address", "birthday", "anniversary"];
    let items = |v: Option<&serde_json::Value>| -> Vec<String> {
        match v {
            Some(serde_json::Value::Array(items)) => {
                items.iter().map(|i| i.as_str().unwrap().to_string()).collect()
            }
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            None | Some(serde_json::Value::Null) => vec![],
            Some(other) => vec![other.to_string()],
        }
    };
    let mut all: Vec<Vec<(String, Vec<String>)>> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| keys.iter().map(|k| ((*k).to_string(), items(c["fields"].get(*k)))).collect())
        .collect();
    all.sort();
    all
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Vault → card → vault is the identity: contacts synced into an empty vdir, the vdir
    /// synced into an empty vault, give the same fields.
    #[test]
    fn vault_card_vault_is_the_identity(people in proptest::collection::vec(person(), 1..4)) {
        let mut test = Test::empty_vault();
        for (n, p) in people.iter().enumerate() {
            test = test.file(&format!("p{n}.md"), &front_matter(p));
        }
        let out = sync(test, &[]);
        prop_assert_eq!(out.code, Some(0), "{}", out.stderr);
        let mut other_test = Test::empty_vault();
        for (name, text) in cards(&out) {
            other_test = other_test.outside(&format!("cards/{name}"), &text);
        }
        let out_again = out.then().args(["export", "--format", "json"]).run();
        let before = fields(&out_again);
        let back = sync(other_test, &[]);
        prop_assert_eq!(back.code, Some(0), "{}", back.stderr);
        let exported = back.then().args(["export", "--format", "json"]).run();
        let after = fields(&exported);
        // And both vaults are in step with their vdirs at once: what each side reads agrees.
        let settled = again(exported, &[]);
        prop_assert_eq!(settled.stdout.as_str(), "in step\n", "{}", settled.stderr);
        let settled = again(out_again, &[]);
        prop_assert_eq!(settled.stdout.as_str(), "in step\n", "{}", settled.stderr);
        prop_assert_eq!(before.len(), people.len());
        prop_assert_eq!(before, after);
    }
}

/// Polls `done` for up to 20 s.
fn wait_until(what: &str, done: impl Fn() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(start.elapsed() < std::time::Duration::from_secs(20), "timed out waiting for {what}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Kills the watch child on drop, so a failing wait leaves no process behind.
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `watch` in the temp dir, its standard output and error in `watch.out` and `watch.err` there.
fn watch(tempdir: &std::path::Path) -> Killed {
    let file = |name: &str| std::fs::File::create(tempdir.join(name)).unwrap();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_touchbase"))
        .current_dir(tempdir)
        .env("TOUCHBASE_STATE_DIR", "state")
        .env_remove("TOUCHBASE_TODAY")
        .args(["--vault", "vault", "--today", crate::harness::TODAY, "watch", "--debounce", "100"])
        .stdin(std::process::Stdio::null())
        .stdout(file("watch.out"))
        .stderr(file("watch.err"))
        .spawn()
        .unwrap();
    Killed(child)
}

#[test]
fn watch_with_sync_contacts_in_the_settings_sends_a_birthday_to_the_card_then_the_calendar() {
    let settings = "[sync]\ncontacts = \"../cards\"\ncalendar = \"../cal\"\n\
                    after = [\"sh\", \"-c\", \"echo ran >> ../after.log\"]\n";
    let test = Test::empty_vault()
        .file("Ada.md", "---\nname: Ada Lovelace\n---\n")
        .file("touchbase.toml", settings)
        .outside("cards/.keep", "")
        .outside("cal/.keep", "");
    let (vault, tempdir) = (test.vault_path(), test.into_tempdir());
    let child = watch(tempdir.path());
    let card = tempdir.path().join(format!("cards/{ADA_UID}.vcf"));
    let ran =
        || std::fs::read_to_string(tempdir.path().join("after.log")).unwrap_or_default().lines().count();
    wait_until("the first card", || card.exists() && ran() >= 1);
    let text = std::fs::read_to_string(vault.join("Ada.md")).unwrap();
    assert!(text.contains(&format!("uid: {ADA_UID}\n")), "the uid, written by the sync: {text}");
    let calendar_has_the_birthday = || {
        std::fs::read_dir(tempdir.path().join("cal")).unwrap().any(|e| {
            std::fs::read_to_string(e.unwrap().path()).unwrap_or_default().contains("Birthday: Ada Lovelace")
        })
    };
    assert!(!calendar_has_the_birthday());
    let before = ran();
    std::fs::write(
        vault.join("Ada.md"),
        text.replace("name: Ada Lovelace\n", "name: Ada Lovelace\nbirthday: 1815-12-10\n"),
    )
    .unwrap();
    wait_until("the birthday on the card and in the calendar", || {
        std::fs::read_to_string(&card).unwrap_or_default().contains("BDAY:18151210")
            && calendar_has_the_birthday()
            && ran() > before
    });
    let out = || std::fs::read_to_string(tempdir.path().join("watch.out")).unwrap_or_default();
    let line = format!("sync contacts: {ADA_UID}.vcf: birthday from Ada.md\nsync: calendar");
    wait_until("the contacts' line, then the calendar's", || out().contains(&line));
    drop(child);
}

#[test]
fn watch_says_a_failing_contacts_sync_and_goes_on() {
    let settings = "[sync]\ncontacts = \"../no-such-vdir\"\n";
    let test =
        Test::empty_vault().file("Ada.md", "---\nname: Ada Lovelace\n---\n").file("touchbase.toml", settings);
    let (vault, tempdir) = (test.vault_path(), test.into_tempdir());
    let child = watch(tempdir.path());
    let err = || std::fs::read_to_string(tempdir.path().join("watch.err")).unwrap_or_default();
    wait_until("the failure", || err().contains("no such folder (the vdir)"));
    std::fs::write(vault.join("Bob.md"), "---\nname: Bob\n---\n").unwrap();
    let out = || std::fs::read_to_string(tempdir.path().join("watch.out")).unwrap_or_default();
    wait_until("the page after the save", || out().contains("2 contacts"));
    // The sync runs after the page, and fails again.
    wait_until("the second failure", || err().matches("no such folder (the vdir)").count() >= 2);
    drop(child);
}
