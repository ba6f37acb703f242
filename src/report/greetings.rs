//! Greeting cards to post (`cards`, and the outreach page's cards): each card event with its
//! post-by date and the mailing address; a couple's shared anniversary as one card naming both;
//! the year-end holiday list (`cards --campaign holiday`).

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

/// Pairs the anniversary cards of couples (same day, linked): each pair becomes one card with
/// the earlier post-by date of the two. Every other card stays as it is.
fn merge_couples(index: &Index, found: &[(usize, CardDue)], from: NaiveDate) -> Vec<(Vec<usize>, Found)> {
    let mut out: Vec<(Vec<usize>, Found)> = Vec::new();
    let mut taken = vec![false; found.len()];
    for (a, (i, card)) in found.iter().enumerate() {
        if std::mem::replace(&mut taken[a], true) {
            continue;
        }
        let Some(b) = partner(index, found, a, &taken) else {
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

/// The first card not yet taken after `a` that is the same anniversary of `a`'s spouse.
fn partner(index: &Index, found: &[(usize, CardDue)], a: usize, taken: &[bool]) -> Option<usize> {
    let (i, card) = found.get(a)?;
    if card.event.kind != EventKind::Anniversary {
        return None;
    }
    (a + 1..found.len()).find(|&b| {
        let (j, other) = &found[b];
        !taken[b]
            && other.event.kind == EventKind::Anniversary
            && other.event.date == card.event.date
            && j != i
            && couple(&index.entries[*i], &index.entries[*j], index)
    })
}

/// Two contacts are a couple when one names the other as `spouse:`, or as a family member
/// whose relation is spouse, husband, wife or partner, or when they share a mailing address.
pub(crate) fn couple(a: &Entry, b: &Entry, index: &Index) -> bool {
    let names = |from: &Entry, to: &Entry| {
        let points_at = |name: &str| {
            index
                .resolve_link(name)
                .iter()
                .any(|&k| index.entries.get(k).is_some_and(|e| e.contact.path == to.contact.path))
        };
        from.contact.spouse.as_deref().is_some_and(points_at)
            || from.contact.family.iter().any(|m| {
                let relation = m.relation.as_deref().unwrap_or("").trim().to_lowercase();
                matches!(relation.as_str(), "spouse" | "husband" | "wife" | "partner") && points_at(&m.name)
            })
    };
    let address = |e: &Entry| normalized_address(&e.contact.address);
    names(a, b) || names(b, a) || address(a).is_some_and(|x| Some(x) == address(b))
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
/// today is past it. A couple (as for anniversaries) gets one card, in the place of the first
/// of the two by name.
pub(crate) fn holiday(index: &Index, post_by: (u32, u32), tag: Option<&str>) -> Campaign {
    let today = index.today;
    let day = yearly::in_year(today.year(), post_by.0, post_by.1).unwrap_or(today);
    let mut people: Vec<usize> =
        (0..index.entries.len()).filter(|&i| tag.is_none_or(|t| has_tag(&index.entries[i], t))).collect();
    people.sort_by_cached_key(|&i| (index.entries[i].contact.name.to_lowercase(), i));
    let mut taken = vec![false; people.len()];
    let mut cards = Vec::new();
    for (a, &i) in people.iter().enumerate() {
        if std::mem::replace(&mut taken[a], true) {
            continue;
        }
        let mut household = vec![i];
        let spouse = (a + 1..people.len())
            .find(|&b| !taken[b] && couple(&index.entries[i], &index.entries[people[b]], index));
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
