use super::*;
use crate::contact::{FieldNames, Keep, ParseOptions, Parsed};
use std::path::Path;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn contact(front: &str, body: &str) -> Contact {
    let text = format!("---\nname: Jane Doe\n{front}---\n{body}");
    let options = ParseOptions {
        fields: &FieldNames::default(),
        keep: Keep::FULL,
        kinds: &crate::contact::Rules::default(),
    };
    match crate::contact::parse(Path::new("Jane Doe.md"), Path::new("Jane Doe.md"), &text, &options).unwrap()
    {
        Parsed::Contact(c, _) => *c,
        Parsed::Note(..) => panic!(),
    }
}

fn status(front: &str, body: &str, today: &str) -> (Status, Option<NaiveDate>) {
    let s = Schedule::compute(&contact(front, body), &CadencePolicy::default(), d(today));
    (s.status, s.due)
}

#[test]
fn due_from_last_contact_and_cadence() {
    let front = "cadence: monthly\nlast_contact: 2026-10-02\n";
    assert_eq!(status(front, "", "2026-11-01"), (Status::Ok, Some(d("2026-11-02"))));
    assert_eq!(status(front, "", "2026-11-02"), (Status::Due, Some(d("2026-11-02"))));
    assert_eq!(status(front, "", "2026-11-26"), (Status::Overdue, Some(d("2026-11-02"))));
}

#[test]
fn interactions_move_the_last_contact_but_plans_and_open_tasks_do_not() {
    let body = "- 2026-11-20 call\n- 2026-12-20 planned dinner\n- [ ] 2026-11-25 open task\n";
    let c = contact("cadence: 2w\nlast_contact: 2026-10-01\n", body);
    let s = Schedule::compute(&c, &CadencePolicy::default(), d("2026-11-26"));
    assert_eq!(s.last_contact, Some(d("2026-11-20")));
    // The open task of yesterday is no contact, but an overdue follow-up: it is the due date.
    assert_eq!(
        (s.due, s.status, s.overdue_task),
        (Some(d("2026-11-25")), Status::Overdue, Some(d("2026-11-25")))
    );
    let s = Schedule::compute(&c, &CadencePolicy::default(), d("2026-11-25"));
    assert_eq!((s.due, s.status, s.overdue_task), (Some(d("2026-12-04")), Status::Ok, None));
}

#[test]
fn an_open_task_is_an_overdue_follow_up_from_the_day_after_its_date_until_ticked() {
    let tom =
        "- 2026-10-20: intro call\n- [x] 2026-11-02 sent the deck\n- [ ] 2026-12-01 send the proposal\n";
    let front = "cadence: quarterly\n";
    assert_eq!(status(front, tom, "2026-12-01"), (Status::Ok, Some(d("2027-02-02"))), "a plan for today");
    let c = contact(front, tom);
    let s = Schedule::compute(&c, &CadencePolicy::default(), d("2026-12-02"));
    assert_eq!(
        (s.status, s.due, s.days_overdue(d("2026-12-02"))),
        (Status::Overdue, Some(d("2026-12-01")), 1)
    );
    assert!(s.due_to_task());
    // A later contact does not answer it; only ticking it does.
    let later = format!("{tom}- 2026-12-05 call\n");
    assert_eq!(status(front, &later, "2026-12-06"), (Status::Overdue, Some(d("2026-12-01"))));
    let ticked = tom.replace("- [ ] 2026-12-01", "- [x] 2026-12-01");
    assert_eq!(status(front, &ticked, "2026-12-06"), (Status::Ok, Some(d("2027-03-01"))));
    // Without a cadence, the task alone makes the contact overdue; the earliest task counts.
    let two = "- [ ] 2026-11-10 b\n- [ ] 2026-11-01 a\n";
    assert_eq!(status("", two, "2026-11-26"), (Status::Overdue, Some(d("2026-11-01"))));
    let both = contact("", two);
    let names: Vec<_> = overdue_tasks(&both, d("2026-11-26")).map(|t| t.summary).collect();
    assert_eq!(names, ["a", "b"]);
    // A cadence already later keeps its own due date; a snooze still hides it.
    let s = Schedule::compute(
        &contact("cadence: weekly\nlast_contact: 2026-01-01\n", two),
        &CadencePolicy::default(),
        d("2026-11-26"),
    );
    assert!(!s.due_to_task() && s.status == Status::Overdue);
    assert_eq!(status("snooze_until: 2026-12-01\n", two, "2026-11-26").0, Status::Snoozed);
    // Never contacted with a cadence: the task makes it overdue, not "due today".
    let s = Schedule::compute(
        &contact("cadence: monthly\n", "- [ ] 2026-11-20 call\n"),
        &CadencePolicy::default(),
        d("2026-11-26"),
    );
    assert_eq!((s.status, s.never_contacted), (Status::Overdue, false));
}

#[test]
fn show_lists_overdue_tasks() {
    let c = contact("", "- 2026-10-01 old\n- [ ] 2026-11-01 send it\n- 2026-11-20 call\n");
    let listed: Vec<_> = interactions_for(&c, d("2026-11-26"), 1).into_iter().map(|i| i.summary).collect();
    assert_eq!(listed, ["call", "send it"]);
}

#[test]
fn next_contact_wins_and_snooze_hides() {
    let front = "cadence: weekly\nlast_contact: 2026-11-20\nnext_contact: 2026-12-03\n";
    assert_eq!(status(front, "", "2026-11-26"), (Status::Ok, Some(d("2026-12-03"))));
    let front = "cadence: weekly\nlast_contact: 2026-10-01\nsnooze_until: 2026-12-01\n";
    assert_eq!(status(front, "", "2026-11-26"), (Status::Snoozed, Some(d("2026-10-08"))));
    assert_eq!(status(front, "", "2026-12-01").0, Status::Overdue, "the snooze ends on its date");
}

#[test]
fn never_contacted_is_due_today_and_no_cadence_is_never_due() {
    let s = Schedule::compute(&contact("cadence: yearly\n", ""), &CadencePolicy::default(), d("2026-11-26"));
    assert_eq!((s.status, s.due, s.never_contacted), (Status::Due, Some(d("2026-11-26")), true));
    assert_eq!(status("last_contact: 2020-01-01\n", "", "2026-11-26"), (Status::None, None));
    assert_eq!(status("cadence: none\nlast_contact: 2020-01-01\n", "", "2026-11-26").0, Status::None);
}

#[test]
fn a_future_last_contact_is_ignored() {
    assert_eq!(status("cadence: 7d\nlast_contact: 2027-01-01\n", "", "2026-11-26").0, Status::Due);
}

#[test]
fn tag_cadences_take_the_shortest_and_own_none_wins() {
    let mut policy = CadencePolicy::default();
    policy.by_tag.insert("family".into(), Cadence::parse("2w").unwrap());
    policy.by_tag.insert("customer".into(), Cadence::parse("monthly").unwrap());
    policy.default = Some(Cadence::parse("yearly").unwrap());
    let c = contact("tags: [Customer, family]\n", "");
    let (cadence, source) = policy.effective(&c).unwrap();
    assert_eq!((cadence.to_string(), source), ("biweekly".into(), CadenceSource::Tag("family".into())));
    let c = contact("tags: [family]\ncadence: none\n", "");
    assert_eq!(Schedule::compute(&c, &policy, d("2026-11-26")).status, Status::None);
    let c = contact("tags: [other]\n", "");
    assert_eq!(policy.effective(&c).unwrap().1, CadenceSource::Default);
}

#[test]
fn lateness_is_relative_to_the_cadence() {
    let policy = CadencePolicy::default();
    let today = d("2026-11-26");
    let monthly =
        Schedule::compute(&contact("cadence: monthly\nnext_contact: 2026-11-06\n", ""), &policy, today);
    let yearly =
        Schedule::compute(&contact("cadence: yearly\nnext_contact: 2026-11-06\n", ""), &policy, today);
    assert_eq!(monthly.days_overdue(today), 20);
    assert!(monthly.lateness(today) > yearly.lateness(today));
}

#[test]
fn yearly_event_labels() {
    let c = contact(
        "birthday: 1980-11-30\nanniversary: 2005-12-01\nfamily:\n  - {name: Emma, relation: daughter, birthday: 2007-12-02}\n  - {name: Sam, birthday: --12-03}\ndates:\n  work anniversary: 2019-12-04\n",
        "",
    );
    let events = yearly_events(&c, d("2026-11-26"), d("2026-12-31"));
    let labels: Vec<_> = events.iter().map(|e| (e.date.to_string(), e.label.as_str())).collect();
    assert_eq!(
        labels,
        [
            ("2026-11-30".into(), "Jane turns 46"),
            ("2026-12-01".into(), "Jane's 21st anniversary"),
            ("2026-12-02".into(), "Emma (daughter of Jane Doe) turns 19"),
            ("2026-12-03".into(), "Sam (Jane Doe): birthday"),
            ("2026-12-04".into(), "Jane: work anniversary (7 years)"),
        ]
    );
}

#[test]
fn contact_events_include_follow_ups_and_plans() {
    let c = contact(
        "cadence: monthly\nlast_contact: 2026-11-10\n",
        "- 2026-12-01 coffee\n- [ ] 2026-11-28 send deck\n",
    );
    let s = Schedule::compute(&c, &CadencePolicy::default(), d("2026-11-26"));
    let events = contact_events(&c, &s, d("2026-11-26"), d("2026-11-26"), d("2026-12-31"));
    let labels: Vec<_> = events.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(labels, ["reach out (monthly)", "planned: send deck", "planned: coffee"]);
}

#[test]
fn planned_touchpoints_are_the_ones_dated_today_or_later() {
    // `planned` looks only at the interactions dated today or later (a binary search over the
    // newest-first list): the same as filtering them all, on every day around every entry.
    let body =
        "- 2026-12-20 planned dinner\n- [ ] 2026-12-01 deck\n- 2026-11-26 call\n- [ ] 2026-11-26 mail\n\
                - [x] 2026-11-26 sent\n- [ ] 2026-11-20 missed\n- 2026-11-01 lunch\n- 2026-09-01 intro\n";
    let c = contact("", body);
    for day in [
        "2026-08-01",
        "2026-11-01",
        "2026-11-20",
        "2026-11-25",
        "2026-11-26",
        "2026-11-27",
        "2026-12-01",
        "2027-01-01",
    ] {
        let today = d(day);
        let all: Vec<_> = c.interactions().filter(|i| is_planned(i.date, i.kind, today)).collect();
        assert_eq!(planned(&c, today).collect::<Vec<_>>(), all, "{day}");
        assert_eq!(planned(&c, today).rev().collect::<Vec<_>>(), all.into_iter().rev().collect::<Vec<_>>());
    }
}
