//! Cards on time: how many days before an event its card must be posted (`card_lead_days`: the
//! contact's own, else the largest of its tags', else the vault's default) and each card's
//! post-by date. Pure date math on a given window; never reads the clock.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};

use super::{one_off_events, yearly_events, Event};
use crate::contact::Contact;

/// `card_lead_days` when touchbase.toml says nothing: a week, time for the post.
pub(crate) const DEFAULT_LEAD_DAYS: u32 = 7;

/// The vault's rule for how early cards go out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LeadPolicy {
    pub default: u32,
    /// Lower-cased tag → days.
    pub by_tag: HashMap<String, u32>,
}

impl Default for LeadPolicy {
    fn default() -> Self {
        LeadPolicy { default: DEFAULT_LEAD_DAYS, by_tag: HashMap::new() }
    }
}

impl LeadPolicy {
    /// The contact's own `card_lead_days`, else the largest of its tags' (a card that must go
    /// abroad for one tag is not made late by another), else the default.
    #[must_use]
    pub(crate) fn lead_days(&self, contact: &Contact) -> u32 {
        if let Some(own) = contact.card_lead_days {
            return own;
        }
        contact
            .tags
            .iter()
            .filter_map(|t| self.by_tag.get(&t.to_lowercase()).copied())
            .max()
            .unwrap_or(self.default)
    }
}

/// The last day to post a card for an event `lead` days ahead (the earliest date for an event
/// so early that the subtraction leaves the calendar).
#[must_use]
pub(crate) fn post_by(event: NaiveDate, lead: u32) -> NaiveDate {
    event.checked_sub_days(Days::new(u64::from(lead))).unwrap_or(NaiveDate::MIN)
}

/// One card to send: the event (birthday, family birthday, anniversary, yearly date, one-off
/// event) and the day to post it by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CardDue {
    pub event: Event,
    pub post_by: NaiveDate,
}

/// The cards of a contact with this lead whose event falls on or after `from` and whose post-by
/// date is on or before `until`: those to post by then, and the late ones (post-by passed,
/// event still ahead). Sorted by post-by date, then event date, then label.
#[must_use]
pub(crate) fn cards_due(contact: &Contact, lead: u32, from: NaiveDate, until: NaiveDate) -> Vec<CardDue> {
    let to = until.checked_add_days(Days::new(u64::from(lead))).unwrap_or(NaiveDate::MAX);
    if to < from {
        return Vec::new();
    }
    let mut events = yearly_events(contact, from, to);
    events.extend(one_off_events(contact, from, to));
    let mut cards: Vec<CardDue> = events
        .into_iter()
        .map(|event| CardDue { post_by: post_by(event.date, lead), event })
        .filter(|card| card.post_by <= until)
        .collect();
    cards.sort_by(|a, b| {
        (a.post_by, a.event.date, &a.event.label).cmp(&(b.post_by, b.event.date, &b.event.label))
    });
    cards
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::{OneOffEvent, PartialDate};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn contact(tags: &[&str]) -> Contact {
        let mut c = crate::contact::blank("Ann Lee.md");
        c.tags = tags.iter().map(ToString::to_string).collect();
        c
    }

    #[test]
    fn post_by_crosses_months_years_and_leap_days() {
        assert_eq!(post_by(d("2026-12-08"), 7), d("2026-12-01"));
        assert_eq!(post_by(d("2027-01-03"), 7), d("2026-12-27"), "across the year end");
        assert_eq!(post_by(d("2028-03-01"), 1), d("2028-02-29"), "2028 is a leap year");
        assert_eq!(post_by(d("2027-03-01"), 1), d("2027-02-28"));
        assert_eq!(post_by(d("2026-12-08"), 0), d("2026-12-08"));
        assert_eq!(post_by(NaiveDate::MIN, 7), NaiveDate::MIN, "never panics");
    }

    #[test]
    fn feb_29_birthdays_are_carded_on_feb_28_in_common_years() {
        let mut c = contact(&[]);
        c.birthday = Some(PartialDate::parse("1988-02-29").unwrap());
        let got = cards_due(&c, 7, d("2027-02-01"), d("2027-02-28"));
        assert_eq!((got[0].event.date, got[0].post_by), (d("2027-02-28"), d("2027-02-21")));
        let got = cards_due(&c, 7, d("2028-02-01"), d("2028-02-28"));
        assert_eq!((got[0].event.date, got[0].post_by), (d("2028-02-29"), d("2028-02-22")));
    }

    #[test]
    fn the_window_holds_cards_to_post_and_late_ones() {
        let mut c = contact(&[]);
        c.birthday = Some(PartialDate::parse("--01-03").unwrap());
        c.anniversary = Some(PartialDate::parse("--12-27").unwrap());
        c.events = vec![OneOffEvent { label: "graduation".into(), date: d("2027-06-12") }];
        // Today 2026-12-24, two weeks ahead: the anniversary's post-by (Dec 20) passed, the
        // birthday's (Dec 27) is in the window, the graduation is months away.
        let got = cards_due(&c, 7, d("2026-12-24"), d("2027-01-06"));
        let got: Vec<(NaiveDate, NaiveDate)> = got.iter().map(|c| (c.post_by, c.event.date)).collect();
        assert_eq!(got, [(d("2026-12-20"), d("2026-12-27")), (d("2026-12-27"), d("2027-01-03"))]);
        let got = cards_due(&c, 7, d("2027-05-01"), d("2027-06-05"));
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].event.kind, got[0].post_by), (super::super::EventKind::Event, d("2027-06-05")));
        assert!(cards_due(&c, 7, d("2027-06-13"), d("2027-12-01"))
            .iter()
            .all(|c| c.event.label != "Ann: graduation"));
    }

    #[test]
    fn the_largest_tag_lead_wins_and_the_contact_s_own_wins_over_all() {
        let policy = LeadPolicy {
            default: 7,
            by_tag: [("abroad".to_string(), 21), ("customer".to_string(), 10)].into_iter().collect(),
        };
        assert_eq!(policy.lead_days(&contact(&[])), 7);
        assert_eq!(policy.lead_days(&contact(&["Customer"])), 10, "tags in any case");
        assert_eq!(policy.lead_days(&contact(&["customer", "abroad"])), 21);
        assert_eq!(policy.lead_days(&contact(&["friend"])), 7);
        let mut own = contact(&["abroad"]);
        own.card_lead_days = Some(3);
        assert_eq!(policy.lead_days(&own), 3);
    }
}
