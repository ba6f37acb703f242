use super::*;
use crate::contact::{blank, Contact, FamilyMember, PartialDate};
use crate::schedule::CadencePolicy;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn person(path: &str, anniversary: &str) -> Contact {
    let mut c = blank(path);
    c.anniversary = Some(PartialDate::parse(anniversary).unwrap());
    c
}

fn index(contacts: Vec<Contact>, today: &str) -> Index {
    Index::new(contacts.into_iter().map(Box::new).collect(), &[], CadencePolicy::default(), d(today))
}

fn labels(index: &Index) -> Vec<(String, String)> {
    let cards = list(index, &LeadPolicy::default(), 4, None).cards;
    cards.into_iter().map(|c| (c.label, c.who)).collect()
}

#[test]
fn spouses_share_one_anniversary_card() {
    let mut robert = person("family/Robert Sullivan.md", "1979-12-08");
    robert.spouse = Some("Linda Sullivan".into());
    let linda = person("family/Linda Sullivan.md", "1979-12-08");
    let got = labels(&index(vec![robert, linda], "2026-11-26"));
    assert_eq!(
        got,
        [(
            "Linda and Robert's 47th anniversary".to_string(),
            "Linda Sullivan and Robert Sullivan".to_string()
        )]
    );
}

#[test]
fn a_shared_address_or_a_family_entry_links_a_couple() {
    let mut a = person("A Smith.md", "--06-01");
    let mut b = person("B Smith.md", "--06-01");
    a.address = vec!["12 Elm St.".into(), "Lowell, MA".into()];
    b.address = vec!["12 elm st  Lowell MA".into()];
    assert_eq!(labels(&index(vec![a.clone(), b.clone()], "2026-05-20")).len(), 1, "same address");
    b.address = vec![];
    assert_eq!(labels(&index(vec![a.clone(), b.clone()], "2026-05-20")).len(), 2, "no link");
    b.family =
        vec![FamilyMember { name: "A Smith".into(), relation: Some("Husband".into()), birthday: None }];
    let got = labels(&index(vec![a.clone(), b.clone()], "2026-05-20"));
    assert_eq!(got, [("A and B's anniversary".to_string(), "A Smith and B Smith".to_string())]);
    b.family[0].relation = Some("brother".into());
    assert_eq!(labels(&index(vec![a, b], "2026-05-20")).len(), 2, "a brother is no spouse");
}

#[test]
fn linked_contacts_with_different_days_keep_their_own_cards() {
    let mut a = person("A Smith.md", "--06-01");
    a.spouse = Some("B Smith".into());
    let b = person("B Smith.md", "--06-02");
    assert_eq!(labels(&index(vec![a, b], "2026-05-20")).len(), 2);
}

#[test]
fn the_couple_card_takes_the_earlier_post_by_date() {
    let mut a = person("A Smith.md", "--06-10");
    a.spouse = Some("B Smith".into());
    a.card_lead_days = Some(14);
    let b = person("B Smith.md", "--06-10");
    let cards = list(&index(vec![a, b], "2026-05-20"), &LeadPolicy::default(), 4, None).cards;
    assert_eq!(cards.len(), 1);
    assert_eq!((cards[0].post_by.as_str(), cards[0].paths.len()), ("2026-05-27", 2));
}

#[test]
fn late_cards_and_addresses() {
    let mut a = person("A Smith.md", "--11-30");
    a.address = vec!["1 Main St".into(), String::new(), "Boston".into()];
    let b = person("B Jones.md", "--12-20");
    let cards = list(&index(vec![a, b], "2026-11-26"), &LeadPolicy::default(), 1, None).cards;
    assert_eq!(cards.len(), 1, "B's post-by 2026-12-13 is past the one week");
    assert!(cards[0].late, "post by 2026-11-23, the event is still ahead");
    assert_eq!(cards[0].address.as_deref(), Some("1 Main St, Boston"));
}

#[test]
fn the_holiday_campaign_lists_a_tag_by_name() {
    let mut a = blank("z/Zed Adams.md");
    a.tags = vec!["Customer".into()];
    let mut b = blank("a/Amy Baker.md");
    b.tags = vec!["customer".into()];
    b.address = vec!["2 Oak Rd".into()];
    let c = blank("Carl Day.md");
    let index = index(vec![a, b, c], "2026-12-20");
    let campaign = holiday(&index, (12, 15), Some("customer"));
    let who: Vec<&str> = campaign.cards.iter().map(|c| c.who.as_str()).collect();
    assert_eq!(who, ["Amy Baker", "Zed Adams"]);
    assert_eq!((campaign.post_by, campaign.cards[0].late), (d("2026-12-15"), true));
    assert_eq!(campaign.cards[1].address, None);
    assert_eq!(holiday(&index, (12, 15), None).cards.len(), 3);
}

#[test]
fn a_couple_gets_one_holiday_card() {
    let mut robert = blank("family/Robert Sullivan.md");
    robert.tags = vec!["family".into()];
    robert.address = vec!["41 Varnum Ave".into()];
    let mut linda = blank("family/Linda Sullivan.md");
    linda.tags = vec!["family".into()];
    linda.spouse = Some("Robert Sullivan".into());
    let mut katie = blank("family/Katie Brennan.md");
    katie.tags = vec!["family".into()];
    let index = index(vec![robert, linda, katie], "2026-12-01");
    let cards = holiday(&index, (12, 15), Some("family")).cards;
    let who: Vec<&str> = cards.iter().map(|c| c.who.as_str()).collect();
    assert_eq!(who, ["Katie Brennan", "Linda Sullivan and Robert Sullivan"]);
    assert_eq!(cards[1].address.as_deref(), Some("41 Varnum Ave"), "the address either has");
    assert!(!cards[1].late);
}

#[test]
fn colleagues_at_one_office_get_a_holiday_card_each() {
    let office = vec!["200 Innovation Way".to_string(), "Marlborough".to_string()];
    let mut a = blank("Amy Baker.md");
    a.address.clone_from(&office);
    let mut b = blank("Bo Chen.md");
    b.address = office;
    let index = index(vec![a, b], "2026-12-01");
    assert_eq!(holiday(&index, (12, 15), None).cards.len(), 2);
}
