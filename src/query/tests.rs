use super::*;
use crate::contact::{FieldNames, Keep, ParseOptions, Parsed};
use crate::index::Index;
use crate::schedule::CadencePolicy;
use std::path::Path;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn index() -> Index {
    index_keeping(Keep { body: true, ..Keep::FULL })
}

fn index_keeping(keep: Keep) -> Index {
    let files = [
        (
            "Jane Doe.md",
            "---\nname: Jane Doe\naliases: [JD]\ncompany: \"[[Acme Corp]]\"\nrole: VP Operations\ntags: [customer, golf]\nbirthday: 1980-12-10\ncadence: monthly\nlast_contact: 2026-10-02\ninterests: [Red Sox, sailing]\nlinkedin: jane-doe\n---\nLoves the #boston harbor.\n",
        ),
        (
            "Tom Baker.md",
            "---\ncompany: Acme Corp\nrole: Procurement\ntags: customer\ncadence: weekly\nlast_contact: 2026-11-24\n---\nWatches the red sox sometimes.\n",
        ),
        ("Zed.md", "---\nname: Zed\nbirthday: --06-01\n---\n"),
    ];
    let names = FieldNames::default();
    let options = ParseOptions { fields: &names, keep, kinds: &crate::contact::Rules::default() };
    let contacts = files
        .iter()
        .map(|(path, text)| {
            match crate::contact::parse(Path::new(path), Path::new(path), text, &options).unwrap() {
                Parsed::Contact(c, _) => c,
                Parsed::Note(..) => panic!(),
            }
        })
        .collect();
    Index::from_contacts(contacts, CadencePolicy::default(), d("2026-11-26"))
}

fn names(query: &str) -> Vec<String> {
    let index = index();
    let query = Query::parse(query).unwrap();
    index
        .entries
        .iter()
        .filter(|e| query.matches(e, &FieldNames::default(), index.today))
        .map(|e| e.contact.name.clone())
        .collect()
}

#[test]
fn fields_lists_and_negation() {
    assert_eq!(names("company:acme"), ["Jane Doe", "Tom Baker"]);
    assert_eq!(names("role:vp"), ["Jane Doe"]);
    assert_eq!(names("tag:golf"), ["Jane Doe"]);
    assert_eq!(names("tag:gol"), Vec::<String>::new(), "lists match whole elements");
    assert_eq!(names("tag:boston"), ["Jane Doe"], "body tags count");
    assert_eq!(names("-tag:golf company:acme"), ["Tom Baker"]);
    assert_eq!(names("interests:\"red sox\""), ["Jane Doe"]);
    assert_eq!(names("linkedin:jane"), ["Jane Doe"], "unknown keys are queryable");
    assert_eq!(names("name:jd"), ["Jane Doe"]);
}

#[test]
fn full_text_covers_front_matter_and_body() {
    assert_eq!(names("\"red sox\""), ["Jane Doe", "Tom Baker"]);
    assert_eq!(names("harbor"), ["Jane Doe"]);
    assert_eq!(names("zed"), ["Zed"]);
}

#[test]
fn status_has_no() {
    assert_eq!(names("status:overdue"), ["Jane Doe"]);
    assert_eq!(names("status:ok"), ["Tom Baker"]);
    assert_eq!(names("status:none"), ["Zed"]);
    assert_eq!(names("has:birthday"), ["Jane Doe", "Zed"]);
    assert_eq!(names("no:cadence"), ["Zed"]);
    assert_eq!(names("has:linkedin"), ["Jane Doe"]);
}

#[test]
fn date_comparisons() {
    assert_eq!(names("due:<7d"), ["Jane Doe", "Tom Baker"], "overdue counts as due within 7 days");
    assert_eq!(names("due:>7d"), Vec::<String>::new());
    assert_eq!(names("last:>30d"), ["Jane Doe", "Zed"], "never contacted counts as long ago");
    assert_eq!(names("last:<30d"), ["Tom Baker"]);
    assert_eq!(names("last:<2026-11-01"), ["Jane Doe"]);
    assert_eq!(names("birthday:<30d"), ["Jane Doe"]);
    assert_eq!(names("birthday:<2027-07-01"), ["Jane Doe", "Zed"]);
    assert_eq!(names("due:2026-12-01"), ["Tom Baker"]);
}

#[test]
fn typed_terms_need_no_raw_front_matter() {
    // The commands load lean contacts when `needs_fields` says so: every typed term must then
    // answer exactly as it does with everything kept.
    let full = index();
    let lean = index_keeping(Keep::LEAN);
    let queries = [
        "name:jd",
        "company:acme",
        "role:vp",
        "tag:golf",
        "aliases:jd",
        "email:x",
        "interests:sailing",
        "cadence:monthly",
        "path:tom",
        "has:cadence",
        "has:tags",
        "has:last",
        "has:due",
        "has:company",
        "has:birthday",
        "no:anniversary",
        "no:email",
        "no:phone",
        "no:family",
        "status:ok",
        "due:<7d",
    ];
    for text in queries {
        let query = Query::parse(text).unwrap();
        assert!(!query.needs_fields(), "{text}");
        let pick = |index: &Index| {
            index
                .entries
                .iter()
                .filter(|e| query.matches(e, &FieldNames::default(), index.today))
                .map(|e| e.contact.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(pick(&full), pick(&lean), "{text}");
    }
}

#[test]
fn private_text_matches_full_text_terms_only() {
    let mut index = index();
    let note = crate::vault::private::PrivateNote {
        path: "private/JD.md".into(),
        stem: "JD".into(),
        about: vec![],
        links: vec![],
        body: "Moving to Lisbon\n".into(),
        text: "---\nrole: secret-role\n---\nMoving to Lisbon\n".into(),
    };
    crate::vault::private::attach(&mut index, &[note]);
    let query = |q: &str| {
        let query = Query::parse(q).unwrap();
        let found = index.entries.iter().filter(|e| query.matches(e, &FieldNames::default(), index.today));
        found.map(|e| e.contact.name.clone()).collect::<Vec<_>>()
    };
    assert_eq!(query("lisbon"), ["Jane Doe"], "found by the alias-named private note");
    assert_eq!(query("-lisbon"), ["Tom Baker", "Zed"]);
    assert!(query("role:secret").is_empty(), "key terms read the shared file only");
    assert!(names("lisbon").is_empty(), "nothing without the layer");
}
