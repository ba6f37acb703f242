//! Greeting cards to post (`cards`, and the outreach page's cards): each card event with its
//! post-by date and the mailing address; a couple's shared anniversary as one card naming both;
//! the year-end holiday list (`cards --campaign holiday`).

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::index::{Entry, Index};
use crate::schedule::cards::{cards_due, CardDue, LeadPolicy};
use crate::schedule::{yearly, EventKind};
use crate::vault_path::VaultPath;

/// One card to post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct GreetingCard {
    /// The last day to post it (YYYY-MM-DD).
    pub post_by: String,
    /// The day of the event; `None` for a holiday card.
    pub event_date: Option<String>,
    /// `birthday`, `anniversary`, `family_birthday`, `date`, `event` or `holiday`.
    pub kind: &'static str,
    /// What the card is for: `Linda and Robert's 47th anniversary`, `Mei turns 51`.
    pub label: String,
    /// Whom it goes to: one name, or both of a couple (`Linda Sullivan and Robert Sullivan`).
    pub who: String,
    /// Each contact's name, in the order of `paths`.
    pub names: Vec<String>,
    /// The contacts' files, relative to the vault, with `/` separators.
    pub paths: Vec<String>,
    /// The mailing address on one line; `None` when the contact has none (find it out).
    pub address: Option<String>,
    /// The post-by date has passed and the event is still ahead: post it today.
    pub late: bool,
}

/// `cards`: the window and its cards.
#[derive(Clone, Debug)]
pub(crate) struct CardList {
    pub today: NaiveDate,
    /// The last post-by date listed.
    pub until: NaiveDate,
    pub weeks: u32,
    pub tag: Option<String>,
    pub cards: Vec<GreetingCard>,
}

/// `cards --campaign holiday`: one card per contact, by name, to post by one day.
#[derive(Clone, Debug)]
pub(crate) struct Campaign {
    pub today: NaiveDate,
    pub post_by: NaiveDate,
    pub tag: Option<String>,
    pub cards: Vec<GreetingCard>,
}

/// `cards --weeks N`: cards whose post-by date falls from today through the last day of the
/// `weeks` weeks starting today, and the late ones (post-by passed, event today or later).
pub(crate) fn list(index: &Index, policy: &LeadPolicy, weeks: u32, tag: Option<&str>) -> CardList {
    let today = index.today;
    let days = u64::from(weeks).saturating_mul(7).saturating_sub(1);
    let until = today.checked_add_days(Days::new(days)).unwrap_or(NaiveDate::MAX);
    let cards = due(index, policy, today, until, tag);
    CardList { today, until, weeks, tag: tag.map(str::to_string), cards }
}

/// The cards whose event falls on or after `from` and whose post-by date is on or before
/// `until` (late when it is before `from`), couples' anniversaries merged, sorted by post-by
/// date, event date, who and label. With `tag`, only contacts with that tag (a couple's card
/// when either has it).
pub(crate) fn due(
    index: &Index,
    policy: &LeadPolicy,
    from: NaiveDate,
    until: NaiveDate,
    tag: Option<&str>,
) -> Vec<GreetingCard> {
    let mut found: Vec<(usize, CardDue)> = Vec::new();
    for (i, entry) in index.entries.iter().enumerate() {
        let lead = policy.lead_days(&entry.contact);
        found.extend(cards_due(&entry.contact, lead, from, until).into_iter().map(|card| (i, card)));
    }
    let mut cards = merge_couples(index, &found, from);
    if let Some(tag) = tag {
        cards.retain(|(entries, _)| entries.iter().any(|&i| has_tag(&index.entries[i], tag)));
    }
    let mut cards: Vec<GreetingCard> =
        cards.into_iter().map(|(entries, card)| card_for(index, &entries, card)).collect();
    cards.sort_by(|a, b| {
        (&a.post_by, &a.event_date, a.who.to_lowercase(), &a.label).cmp(&(
            &b.post_by,
            &b.event_date,
            b.who.to_lowercase(),
            &b.label,
        ))
    });
    cards
}

/// A card of one contact or of a couple, before its text is made.
struct Found {
    due: CardDue,
    late: bool,
    /// The couple's label when merged.
    label: Option<String>,
}

/// Pairs the anniversary cards of couples (same day; spouses, or one address): each pair
/// becomes one card with the earlier post-by date of the two. Every other card stays as it is.
fn merge_couples(index: &Index, found: &[(usize, CardDue)], from: NaiveDate) -> Vec<(Vec<usize>, Found)> {
    let spouses = Spouses::of(index);
    let mut by_day: HashMap<NaiveDate, Vec<usize>> = HashMap::new();
    for (at, (_, card)) in found.iter().enumerate() {
        if card.event.kind == EventKind::Anniversary {
            by_day.entry(card.event.date).or_default().push(at);
        }
    }
    let address = |i: usize| index.entries.get(i).and_then(|e| normalized_address(&e.contact.address));
    let mut out: Vec<(Vec<usize>, Found)> = Vec::new();
    let mut taken = vec![false; found.len()];
    for (a, (i, card)) in found.iter().enumerate() {
        if std::mem::replace(&mut taken[a], true) {
            continue;
        }
        let same_day = by_day.get(&card.event.date).filter(|_| card.event.kind == EventKind::Anniversary);
        let partner = same_day.into_iter().flatten().copied().find(|&b| {
            let j = found[b].0;
            !taken[b]
                && j != *i
                && (spouses.linked(*i, j) || address(*i).is_some_and(|x| address(j) == Some(x)))
        });
        let Some(b) = partner else {
            out.push((vec![*i], Found { due: card.clone(), late: card.post_by < from, label: None }));
            continue;
        };
        taken[b] = true;
        let (j, other) = &found[b];
        let mut pair = [*i, *j];
        pair.sort_by_cached_key(|&k| (index.entries[k].contact.name.to_lowercase(), k));
        let post_by = card.post_by.min(other.post_by);
        let label = couple_label(&index.entries[pair[0]], &index.entries[pair[1]], card.event.date);
        let due = CardDue { event: card.event.clone(), post_by };
        out.push((pair.to_vec(), Found { due, late: post_by < from, label: Some(label) }));
    }
    out
}

/// Who is whose spouse, both ways: each contact's `spouse:` and its family members whose
/// relation is spouse, husband, wife or partner, when they name another contact (by name,
/// alias or file name, as a link does). Built once per list, so that a vault of 100k contacts
/// pairs its couples without comparing everyone with everyone.
struct Spouses(HashMap<usize, Vec<usize>>);

impl Spouses {
    fn of(index: &Index) -> Spouses {
        let mut links: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, entry) in index.entries.iter().enumerate() {
            let c = &entry.contact;
            let family = c.family.iter().filter(|m| {
                let relation = m.relation.as_deref().unwrap_or("").trim().to_lowercase();
                matches!(relation.as_str(), "spouse" | "husband" | "wife" | "partner")
            });
            let names = c.spouse.iter().map(String::as_str).chain(family.map(|m| m.name.as_str()));
            for j in names.flat_map(|name| index.resolve_link(name)).filter(|&j| j != i) {
                links.entry(i).or_default().push(j);
                links.entry(j).or_default().push(i);
            }
        }
        Spouses(links)
    }

    fn linked(&self, a: usize, b: usize) -> bool {
        self.0.get(&a).is_some_and(|linked| linked.contains(&b))
    }

    fn of_entry(&self, a: usize) -> &[usize] {
        self.0.get(&a).map_or(&[], Vec::as_slice)
    }
}

/// An address compared as the same place: lower-cased, punctuation and spacing ignored.
fn normalized_address(lines: &[String]) -> Option<String> {
    let text: String = lines
        .join(" ")
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!text.is_empty()).then_some(text)
}

/// `Linda and Robert's 47th anniversary`: the number from whichever file has the year.
fn couple_label(a: &Entry, b: &Entry, day: NaiveDate) -> String {
    let years = [a, b]
        .iter()
        .find_map(|e| e.contact.anniversary.and_then(|date| yearly::years_since(date, day)))
        .filter(|n| *n > 0);
    let (first, second) = (a.contact.first_name(), b.contact.first_name());
    match years {
        Some(n) => format!("{first} and {second}'s {} anniversary", yearly::ordinal(n)),
        None => format!("{first} and {second}'s anniversary"),
    }
}

fn has_tag(entry: &Entry, tag: &str) -> bool {
    let tag = tag.trim().trim_start_matches('#');
    entry.contact.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
}

/// The mailing address of the first of `entries` that has one, its lines joined by `, `.
fn address(index: &Index, entries: &[usize]) -> Option<String> {
    entries.iter().filter_map(|&i| index.entries.get(i)).find_map(|e| {
        let lines: Vec<&str> = e.contact.address.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
        (!lines.is_empty()).then(|| lines.join(", "))
    })
}

fn card_for(index: &Index, entries: &[usize], found: Found) -> GreetingCard {
    let people: Vec<&Entry> = entries.iter().filter_map(|&i| index.entries.get(i)).collect();
    GreetingCard {
        post_by: found.due.post_by.to_string(),
        event_date: Some(found.due.event.date.to_string()),
        kind: found.due.event.kind.as_str(),
        label: found.label.unwrap_or(found.due.event.label),
        who: people.iter().map(|e| e.contact.name.as_str()).collect::<Vec<_>>().join(" and "),
        names: people.iter().map(|e| e.contact.name.clone()).collect(),
        paths: people.iter().map(|e| VaultPath::new(&e.contact.path).slash()).collect(),
        address: address(index, entries),
        late: found.late,
    }
}

/// `cards --campaign holiday [--tag TAG]`: everyone with the tag (everyone without one), sorted
/// by name, each with the address, to post by `post_by` (month, day) of today's year; late when
/// today is past it. Spouses (linked by `spouse:` or a family entry; a shared address is not
/// enough here, as colleagues share an office's) get one card, in the place of the first of the
/// two by name.
pub(crate) fn holiday(index: &Index, post_by: (u32, u32), tag: Option<&str>) -> Campaign {
    let today = index.today;
    let day = yearly::in_year(today.year(), post_by.0, post_by.1).unwrap_or(today);
    let mut people: Vec<usize> =
        (0..index.entries.len()).filter(|&i| tag.is_none_or(|t| has_tag(&index.entries[i], t))).collect();
    people.sort_by_cached_key(|&i| (index.entries[i].contact.name.to_lowercase(), i));
    let spouses = Spouses::of(index);
    let at: HashMap<usize, usize> = people.iter().enumerate().map(|(at, &i)| (i, at)).collect();
    let mut taken = vec![false; people.len()];
    let mut cards = Vec::new();
    for (a, &i) in people.iter().enumerate() {
        if std::mem::replace(&mut taken[a], true) {
            continue;
        }
        let mut household = vec![i];
        let spouse =
            spouses.of_entry(i).iter().filter_map(|j| at.get(j).copied()).filter(|&b| !taken[b]).min();
        if let Some(b) = spouse {
            taken[b] = true;
            household.push(people[b]);
        }
        let members: Vec<&Entry> = household.iter().filter_map(|&k| index.entries.get(k)).collect();
        cards.push(GreetingCard {
            post_by: day.to_string(),
            event_date: None,
            kind: "holiday",
            label: "holiday card".to_string(),
            who: members.iter().map(|e| e.contact.name.as_str()).collect::<Vec<_>>().join(" and "),
            names: members.iter().map(|e| e.contact.name.clone()).collect(),
            paths: members.iter().map(|e| VaultPath::new(&e.contact.path).slash()).collect(),
            address: address(index, &household),
            late: today > day,
        });
    }
    Campaign { today, post_by: day, tag: tag.map(str::to_string), cards }
}

#[cfg(test)]
mod tests;
