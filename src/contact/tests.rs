use super::*;
use std::collections::BTreeMap;

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn parse_with(text: &str, names: &FieldNames) -> Result<(Contact, Vec<Diagnostic>), Diagnostic> {
    let options = ParseOptions { fields: names, keep: Keep::FULL, kinds: &crate::contact::Rules::default() };
    match parse(Path::new("people/Jane Doe.md"), Path::new("v/people/Jane Doe.md"), text, &options)? {
        Parsed::Contact(c, w) => Ok((*c, w)),
        Parsed::Note(..) => panic!("not a contact"),
    }
}

fn contact(text: &str) -> Contact {
    parse_with(text, &FieldNames::default()).unwrap().0
}

/// A contact with a name only, for the readers of one aspect of a file.
pub(super) fn bare_contact() -> Contact {
    contact("---\nname: X\n---\n")
}

fn error(text: &str) -> String {
    parse_with(text, &FieldNames::default()).unwrap_err().to_string()
}

#[test]
fn the_spec_example_parses() {
    let text = r#"---
name: Jane Doe                 # default: the file name without .md
aliases: [JD, Janie]
company: "[[Acme Corp]]"
role: VP Operations
tags: [customer, golf]
email: jane@acme.example
birthday: 1980-03-26
anniversary: 2005-06-18
cadence: monthly
last_contact: 2026-10-02
next_contact: 2026-12-03
snooze_until: 2026-12-01
reports_to: "[[Tom Baker]]"
family:
  - {name: Emma, relation: daughter, birthday: 2008-05-14}
dates:
  work anniversary: 2019-06-01
interests: [Red Sox, sailing]
---
Free-form notes. Mention [[Tom Baker]] or #golf anywhere. #boston

## Log
- 2026-10-02: lunch at Nino's; Emma got into Boston College
- 2026-09-14 call about the renewal
- 2026-12-20 planned dinner

## 2026-08-30 Golf outing
"#;
    let c = contact(text);
    assert_eq!(c.name, "Jane Doe");
    assert_eq!(c.aliases, ["JD", "Janie"]);
    assert_eq!(c.company.as_deref(), Some("Acme Corp"));
    assert_eq!(c.tags, ["customer", "golf", "boston"]);
    assert_eq!(c.emails, ["jane@acme.example"]);
    assert_eq!(c.birthday.unwrap().to_string(), "1980-03-26");
    assert_eq!(c.cadence.unwrap().to_string(), "monthly");
    assert_eq!(c.family[0].relation.as_deref(), Some("daughter"));
    assert_eq!(c.dates[0].label, "work anniversary");
    assert_eq!(c.links, ["Acme Corp", "Tom Baker"]);
    assert_eq!(c.interaction_count(), 4);
    assert_eq!(c.interactions().next().unwrap().summary, "planned dinner");
    assert_eq!(crate::schedule::latest_interaction(&c, today()).unwrap().date.to_string(), "2026-10-02");
    assert!(c.fields().contains_key("reports_to"));
}

#[test]
fn the_file_stem_is_the_default_name_and_empty_values_are_absent() {
    let c = contact("---\nname:\naliases: [ ]\ntags:\n  -\nbirthday:\nemail: ''\ncadence:\n---\n");
    assert_eq!(c.name, "Jane Doe");
    assert!(c.aliases.is_empty() && c.tags.is_empty() && c.emails.is_empty());
    assert_eq!((c.birthday, c.cadence), (None, None));
}

#[test]
fn comma_separated_tags_and_name_mapping() {
    let c = contact("---\nname: {first: carl, last: johnson}\ntags: 'friend, #golf'\nphone: [1, 2]\n---\n");
    assert_eq!(c.name, "carl johnson");
    assert_eq!(c.tags, ["friend", "golf"]);
    assert_eq!(c.phones, ["1", "2"]);
}

/// The one warning a value gives, with the contact it was dropped from.
fn warning(text: &str) -> (Contact, String) {
    let (c, warnings) = parse_with(text, &FieldNames::default()).unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].severity, crate::error::Severity::Warning);
    (c, warnings[0].to_string())
}

#[test]
fn a_file_whose_front_matter_cannot_be_read_is_an_error() {
    assert!(error("---\n[a, b]\n---\n").contains("not a mapping"));
    assert!(error("---\nname: [unclosed\n---\n").contains("invalid YAML"));
    assert!(error("---\nname: a\n").contains("no closing"));
    let options = ParseOptions {
        fields: &FieldNames::default(),
        keep: Keep::FULL,
        kinds: &crate::contact::Rules::default(),
    };
    let err = parse(Path::new("a.md"), Path::new("a.md"), "---\nname: [x\n---\n", &options).unwrap_err();
    assert_eq!(err.severity, crate::error::Severity::Error);
}

#[test]
fn a_bad_value_is_a_warning_at_its_key_and_the_contact_keeps_the_rest() {
    let (c, w) = warning("---\nname: A\nbirthday: 1980-13-01\nrole: CTO\n---\n");
    assert_eq!(w, "v/people/Jane Doe.md:3:11: birthday: invalid date \"1980-13-01\" (expected YYYY-MM-DD)");
    assert_eq!((c.name.as_str(), c.role.as_deref(), c.birthday), ("A", Some("CTO"), None));

    let (c, w) = warning("---\nname: Madison Ivanova\ncadence: as needed\nnext_contact: 2026-10-01\n---\n");
    assert!(w.starts_with("v/people/Jane Doe.md:3:10: cadence: unknown cadence \"as needed\""), "{w}");
    assert_eq!((c.cadence, c.next_contact), (None, Some("2026-10-01".parse().unwrap())));

    let (c, w) = warning("---\nlast_contact: {a: 1}\ncadence: monthly\n---\n");
    assert!(w.contains("last_contact: expected a date"), "{w}");
    assert_eq!((c.last_contact, c.cadence.map(|k| k.to_string())), (None, Some("monthly".to_string())));

    let (c, w) = warning("---\nnext_contact: [2026-12-01]\n---\n");
    assert!(w.contains("next_contact: expected a date, not a list"), "{w}");
    assert_eq!(c.next_contact, None);

    // One bad entry of a list drops that entry (or that birthday), not the others.
    let (c, w) = warning("---\nfamily:\n  - {name: Emma, birthday: 2008-02-30}\n  - Sam\n---\n");
    assert!(w.contains("family: Emma: invalid date"), "{w}");
    let names: Vec<_> = c.family.iter().map(|m| (m.name.as_str(), m.birthday)).collect();
    assert_eq!(names, [("Emma", None), ("Sam", None)]);
    let (c, _) = warning("---\nname: A\ndates:\n  graduation: 2020-13-05\n  name day: --07-26\n---\n");
    assert_eq!(c.dates.len(), 1);
    let (c, _) = warning(
        "---\ninteractions:\n  - {date: 2026-02-30, text: x}\n  - {date: 2026-02-01, text: y}\n---\n",
    );
    assert_eq!(c.interaction_count(), 1);
}

#[test]
fn several_bad_values_are_warnings_in_file_order() {
    let text =
        "---\nsnooze_until: 04/05/2026\ncadence: when in town\nbirthday: 2026-02-30\n---\n- 2026-13-01 x\n";
    let (_, warnings) = parse_with(text, &FieldNames::default()).unwrap();
    let lines: Vec<usize> = warnings.iter().map(|w| w.position.unwrap().line).collect();
    assert_eq!(lines, [2, 3, 4, 6]);
}

#[test]
fn mapped_field_names_win() {
    let mut map = BTreeMap::new();
    map.insert("last_contact".to_string(), "prm-last-contacted".to_string());
    map.insert("cadence".to_string(), "prm-cadence".to_string());
    let names = FieldNames::new(map);
    let text = "---\nlast_contact: 2020-01-01\nprm-last-contacted: 2026-08-14\nprm-cadence: 21\n---\n";
    let (c, _) = parse_with(text, &names).unwrap();
    assert_eq!(c.last_contact.unwrap().to_string(), "2026-08-14");
    assert_eq!(c.cadence.unwrap().to_string(), "21d");
    assert_eq!(names.key_for("cadence"), "prm-cadence");
}

#[test]
fn front_matter_interactions_and_body_problems() {
    let text = "---\ninteractions:\n  - date: 2025-06-01\n    text: Coffee\n---\n\n- 2026-99-01 bad\n";
    let (c, warnings) = parse_with(text, &FieldNames::default()).unwrap();
    assert_eq!(c.interactions().next().unwrap().summary, "Coffee");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].to_string().starts_with("v/people/Jane Doe.md:7:1:"), "{}", warnings[0]);
}

#[test]
fn only_recent_past_interactions_are_kept() {
    let mut text = String::from("---\n---\n");
    for day in 1..=20 {
        text.push_str(&format!("- 2026-01-{day:02} call\n"));
    }
    text.push_str("- 2027-01-01 planned\n");
    let c = contact(&text);
    assert_eq!(c.interaction_count(), 21);
    let listed = crate::schedule::interactions_for(&c, today(), RECENT_INTERACTIONS);
    assert_eq!(listed.len(), RECENT_INTERACTIONS + 1);
    assert_eq!(listed[1].date.to_string(), "2026-01-20");
    // Every date is kept, but summaries only for the newest: five and one more (here the planned
    // one), enough for any day from the latest of the five on.
    assert_eq!(c.dated.len(), 21);
    assert_eq!(c.summaries.len(), RECENT_INTERACTIONS + 1);
    assert!(crate::schedule::summaries_cover(&c, today(), RECENT_INTERACTIONS));
    assert!(!crate::schedule::summaries_cover(&c, "2026-01-10".parse().unwrap(), RECENT_INTERACTIONS));
}

#[test]
fn notes_are_not_contacts() {
    let options = ParseOptions {
        fields: &FieldNames::default(),
        keep: Keep::FULL,
        kinds: &crate::contact::Rules::default(),
    };
    let parsed = parse(Path::new("a.md"), Path::new("a.md"), "# Just a note\n", &options).unwrap();
    assert!(matches!(parsed, Parsed::Note(..)));
}

#[test]
fn one_off_events_in_both_shapes_with_the_card_keys() {
    let c = contact(
        "---\nname: Jane Doe\nevents:\n  - {label: graduation, date: 2027-06-05}\n  - {name: wedding, date: 2027-09-18}\n\
         address: [12 Elm St, 'Lowell, MA']\nspouse: \"[[Robert Sullivan|Dad]]\"\ncard_lead_days: 10\n---\n",
    );
    let events: Vec<(&str, String)> =
        c.events.iter().map(|e| (e.label.as_str(), e.date.to_string())).collect();
    assert_eq!(events, [("graduation", "2027-06-05".to_string()), ("wedding", "2027-09-18".to_string())]);
    assert_eq!(c.address, ["12 Elm St", "Lowell, MA"]);
    assert_eq!((c.spouse.as_deref(), c.card_lead_days), (Some("Robert Sullivan"), Some(10)));
    let c =
        contact("---\nname: Jane Doe\nevents:\n  graduation: 2027-06-05\naddress: 1 Main St, Boston\n---\n");
    assert_eq!((c.events.len(), c.address.len()), (1, 1), "a mapping; an address on one line");
}

#[test]
fn a_broken_event_is_a_warning_and_the_others_stay() {
    let text = "---\nname: Jane Doe\nevents:\n  - {label: graduation, date: 06-05}\n  - {label: wedding, date: 2027-09-18}\n  - {label: party}\n---\n";
    let (c, w) = parse_with(text, &FieldNames::default()).unwrap();
    assert_eq!(c.events.len(), 1);
    assert_eq!(c.name, "Jane Doe");
    let all: Vec<String> = w.iter().map(ToString::to_string).collect();
    assert!(
        all[0].starts_with("v/people/Jane Doe.md:3:8: events: graduation: \"06-05\" has no year"),
        "{all:?}"
    );
    assert!(all[1].contains("events: party: no date"), "{all:?}");
    let (_, w) = warning("---\nname: Jane Doe\nevents: graduation\n---\n");
    assert!(w.contains("events: expected a list"), "{w}");
    let (c, w) = warning("---\nname: Jane Doe\ncard_lead_days: 999\n---\n");
    assert!(
        c.card_lead_days.is_none() && w.contains("card_lead_days: \"999\" is not a number of days"),
        "{w}"
    );
}
