//! The contacts loop through the real tools (issue 17 part 3): vault → vdir A → vdirsyncer →
//! Radicale → vdirsyncer → vdir B (the "phone"); a phone's edit in B travels back to A and
//! `sync contacts A` writes only the changed keys into the vault file; a vault edit travels to B
//! without losing the phone's own properties.

use std::path::Path;

use crate::dav::{Dav, Kind};
use crate::harness::{Output, Test};

const ADA: &str = "---\nname: Ada Lovelace   # the countess\nemail: ada@x.example\nbirthday: 1815-12-10\ntags: [math]\n---\n# Ada\n\n## Log\n- 2026-01-02: tea\n";
const ADA_UID: &str = "60cfc866-c83c-84bf-aea2-4f51b187b71e";

fn sync_a(test: Test, dav: &Dav) -> Output {
    let state = dav.dir().join("state");
    let vdir = dav.dir().join("laptop/contacts");
    test.env("TOUCHBASE_STATE_DIR", state.to_str().unwrap())
        .args(["sync", "contacts", vdir.to_str().unwrap()])
        .run()
}

/// The one card of a vdir: its path and text.
fn only_card(vdir: &Path) -> (std::path::PathBuf, String) {
    let cards: Vec<_> = std::fs::read_dir(vdir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "vcf"))
        .collect();
    assert_eq!(cards.len(), 1, "{cards:?}");
    let text = std::fs::read_to_string(&cards[0]).unwrap();
    (cards[0].clone(), text)
}

/// vdirsyncer both ways for both pairs, twice: what one side uploads the other downloads.
fn round(dav: &Dav) {
    dav.sync();
    dav.sync();
}

#[test]
fn a_change_on_each_side_arrives_on_the_other_through_radicale() {
    let Some(mut dav) = Dav::start() else { return };
    let (laptop, phone) = (dav.dir().join("laptop"), dav.dir().join("phone"));
    std::fs::create_dir_all(laptop.join("contacts")).unwrap();
    let out = sync_a(Test::empty_vault().file("Ada.md", ADA), &dav);
    out.success();
    let with_uid = ADA.replace("tags: [math]\n", &format!("tags: [math]\nuid: {ADA_UID}\n"));
    out.expect_file("Ada.md", &with_uid);
    dav.pair_laptop_and_phone(Kind::Contacts, &laptop, &phone);
    round(&dav);
    let (phone_card, text) = only_card(&phone.join("contacts"));
    assert!(text.contains("FN:Ada Lovelace"), "{text}");
    // The phone adds a mobile number, corrects the birthday, and keeps a property of its own.
    let edited = text
        .replace("BDAY:18151210", "BDAY:18151211")
        .replace("END:VCARD", "TEL;TYPE=cell:+44 20 7946 0018\r\nX-PHONE-RINGTONE:bell\r\nEND:VCARD");
    assert_ne!(edited, text);
    std::fs::write(&phone_card, &edited).unwrap();
    round(&dav);
    let (_, on_laptop) = only_card(&laptop.join("contacts"));
    assert!(on_laptop.contains("TEL;TYPE=cell:+44 20 7946 0018"), "{on_laptop}");
    let out = sync_a(out.then(), &dav);
    out.success().stdout_is(&format!("Ada.md: birthday, phone from the card {ADA_UID}.vcf\n"));
    let expected = with_uid
        .replace("birthday: 1815-12-10\n", "birthday: 1815-12-11\n")
        .replace(&format!("uid: {ADA_UID}\n"), &format!("uid: {ADA_UID}\nphone: +44 20 7946 0018\n"));
    out.expect_file("Ada.md", &expected);
    let out = sync_a(out.then(), &dav);
    out.success().stdout_is("in step\n");

    // The other way: an e-mail changed in the vault reaches the phone; its own lines stay.
    std::fs::write(out.vault_file("Ada.md"), expected.replace("ada@x.example", "ada@engine.example"))
        .unwrap();
    let out = sync_a(out.then(), &dav);
    out.success().stdout_is(&format!("{ADA_UID}.vcf: email from Ada.md\n"));
    round(&dav);
    let (_, on_phone) = only_card(&phone.join("contacts"));
    assert!(on_phone.contains("EMAIL:ada@engine.example"), "{on_phone}");
    assert!(!on_phone.contains("ada@x.example"), "{on_phone}");
    for kept in ["TEL;TYPE=cell:+44 20 7946 0018", "X-PHONE-RINGTONE:bell", "BDAY:18151211"] {
        assert!(on_phone.contains(kept), "{kept} lost: {on_phone}");
    }
    sync_a(out.then(), &dav).success().stdout_is("in step\n");
}
