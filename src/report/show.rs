//! `show`: everything about one contact: fields, schedule, the next year's dates, the top of
//! the notes, family, topics to avoid, open tasks without a date, the latest interactions, and
//! the links in and out.

use serde::Serialize;

use super::{entry_events, slash_path, ContactRow, EventRow};
use crate::contact::InteractionKind;
use crate::index::Index;
use crate::schedule::{is_planned, CadenceSource};

/// How far ahead `show` lists dates: a year, without today's date coming round again.
pub(crate) const SHOW_DAYS: u64 = 364;

#[derive(Debug, Serialize)]
pub(crate) struct ShowReport {
    #[serde(flatten)]
    pub contact: ContactRow,
    pub aliases: Vec<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub birthday: Option<String>,
    pub anniversary: Option<String>,
    /// `spouse:` as written (a link's target).
    pub spouse: Option<String>,
    /// The mailing address on one line (`address:`, its lines joined by `, `).
    pub address: Option<String>,
    /// One-off events (`events:`), each `YYYY-MM-DD label`.
    pub events: Vec<String>,
    /// The contact's own `card_lead_days`.
    pub card_lead_days: Option<u32>,
    pub next_contact: Option<String>,
    pub snooze_until: Option<String>,
    /// `own`, `tag:<tag>` or `default`.
    pub cadence_source: Option<String>,
    pub interests: Vec<String>,
    pub reports_to: Option<String>,
    /// `account_role` ids (standard ones as ids, others as written).
    pub account_roles: Vec<String>,
    /// `added` (or `created`), `left` (a date or `yes`) and `replaced_by`.
    pub added: Option<String>,
    pub left: Option<String>,
    pub replaced_by: Option<String>,
    pub family: Vec<super::brief::FamilyRow>,
    /// The PRIVATE `avoid_topics`, shown as a warning.
    pub avoid_topics: Option<String>,
    /// The paragraphs of the notes (`contact::digest::top`, at most `SHOW_PARAGRAPHS`).
    pub notes: Vec<String>,
    /// Open tasks without a date (`- [ ] send the deck`).
    pub undated_tasks: Vec<String>,
    /// How many of the Mackay 66 are answered; `None` when nothing beyond the standard keys is.
    pub profile_answered: Option<usize>,
    pub upcoming: Vec<EventRow>,
    pub interactions: Vec<InteractionRow>,
    pub interaction_count: usize,
    pub links: Vec<LinkRow>,
    pub backlinks: Vec<LinkRow>,
    /// Front matter keys touchbase does not know, as `key: value` lines (the JSON output has
    /// them in `fields` already).
    #[serde(skip)]
    pub other_fields: Vec<String>,
    /// The user's own notes about the contact (`report::private`); set by the command.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub private_notes: Vec<super::private::PrivateNoteRow>,
}

#[derive(Debug, Serialize)]
pub(crate) struct InteractionRow {
    pub date: String,
    pub summary: String,
    pub planned: bool,
    pub open_task: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct LinkRow {
    pub name: String,
    /// The contact's file, when the link names a contact.
    pub path: Option<String>,
}

/// `full` is the contact read again with its body (`Session::in_full`); without it the report
/// has no notes, undated tasks or profile answers from the body.
pub(crate) fn show(
    index: &Index,
    i: usize,
    names: &crate::contact::FieldNames,
    full: Option<&crate::contact::Contact>,
) -> Option<ShowReport> {
    let entry = index.entries.get(i)?;
    let today = index.today;
    let c = &entry.contact;
    let body = full.and_then(|f| f.body.as_deref()).unwrap_or("");
    let blocks = crate::contact::blocks::blocks(body);
    let fields = c.fields();
    let found = crate::contact::profile::read(full.unwrap_or(c), &fields, &blocks);
    let to = today.checked_add_days(chrono::Days::new(SHOW_DAYS)).unwrap_or(today);
    let mut upcoming = entry_events(entry, today, today, to);
    super::sort_events(&mut upcoming);
    let links = c
        .links
        .iter()
        .map(|target| {
            let found = index.resolve_link(target);
            let path = match found.as_slice() {
                [one] => index.entries.get(*one).map(|e| slash_path(&e.contact.path)),
                _ => None,
            };
            LinkRow { name: target.clone(), path }
        })
        .collect();
    let backlinks = index
        .backlinks(i)
        .into_iter()
        .filter_map(|j| index.entries.get(j))
        .map(|e| LinkRow { name: e.contact.name.clone(), path: Some(slash_path(&e.contact.path)) })
        .collect();
    let contact = ContactRow::new(entry, today).with_fields(entry);
    let other_fields = match contact.fields.as_ref().and_then(|f| f.as_object()) {
        Some(fields) => fields
            .iter()
            .filter(|(k, v)| !names.is_known(k) && !v.is_null())
            .map(|(k, v)| format!("{k}: {}", json_text(v)))
            .collect(),
        None => Vec::new(),
    };
    Some(ShowReport {
        contact,
        other_fields,
        aliases: c.aliases.clone(),
        emails: c.emails.clone(),
        phones: c.phones.clone(),
        birthday: c.birthday.map(|d| d.to_string()),
        anniversary: c.anniversary.map(|d| d.to_string()),
        spouse: c.spouse.clone(),
        address: (!c.address.is_empty()).then(|| c.address.join(", ")),
        events: c.events.iter().map(|e| format!("{} {}", e.date, e.label)).collect(),
        card_lead_days: c.card_lead_days,
        next_contact: c.next_contact.map(|d| d.to_string()),
        snooze_until: c.snooze_until.map(|d| d.to_string()),
        cadence_source: entry.schedule.cadence_source.as_ref().map(|s| match s {
            CadenceSource::Own => "own".to_string(),
            CadenceSource::Tag(tag) => format!("tag:{tag}"),
            CadenceSource::Default => "default".to_string(),
        }),
        interests: c.interests.clone(),
        reports_to: fields
            .get("reports_to")
            .and_then(crate::contact::profile::value_text)
            .map(|r| crate::contact::strip_link(&r)),
        account_roles: c.account.roles.clone(),
        added: c.account.added.map(|d| d.to_string()),
        left: c.account.left.map(|left| match left {
            crate::contact::account::Left::On(date) => date.to_string(),
            crate::contact::account::Left::Undated => "yes".to_string(),
        }),
        replaced_by: c.account.replaced_by.clone(),
        family: c.family.iter().map(|m| super::brief::family_row(m, today)).collect(),
        avoid_topics: found.get("avoid_topics").map(|a| a.text.clone()),
        notes: crate::contact::digest::top(
            &blocks,
            &found.private_ranges(),
            crate::contact::digest::SHOW_PARAGRAPHS,
        ),
        undated_tasks: crate::contact::digest::undated_tasks(&blocks),
        profile_answered: found
            .answers
            .iter()
            .any(|a| a.source != crate::contact::profile::Source::Standard)
            .then_some(found.answers.len()),
        upcoming,
        interactions: crate::schedule::interactions_for(c, today, crate::contact::RECENT_INTERACTIONS)
            .into_iter()
            .map(|it| InteractionRow {
                date: it.date.to_string(),
                summary: it.summary.to_string(),
                planned: is_planned(it.date, it.kind, today),
                open_task: it.kind == InteractionKind::OpenTask,
            })
            .collect(),
        interaction_count: c.interaction_count(),
        links,
        backlinks,
        private_notes: Vec::new(),
    })
}

fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items.iter().map(json_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}
