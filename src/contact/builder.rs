//! Front matter → `Contact`: each standard key read in the shapes people write, a bad value
//! reported at its key as a warning and left out (the rest of the contact still loads: one bad
//! value never hides a person), the body's interactions sorted newest first with the newest
//! summaries kept.

use std::path::Path;

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use super::account::{self, AccountFields};
use super::fields::{key_text, scalar_text, string_list, walk_scalars};
use super::frontmatter::Split;
use super::links::wiki_links_in;
use super::{
    body, strip_link, Cadence, Contact, Dated, FamilyMember, FieldNames, Interaction, InteractionKind,
    NamedDate, OneOffEvent, ParseOptions, Parsed, PartialDate, Position, MAX_LEAD_DAYS, PLANNED_HEADROOM,
};
use crate::dates::parse_date;
use crate::error::Diagnostic;

pub(super) struct Builder<'a, F: Fn(&str, String) -> Diagnostic> {
    pub(super) map: &'a Mapping,
    pub(super) names: &'a FieldNames,
    pub(super) split: &'a Split<'a>,
    /// A warning about a standard key's value, at that key.
    pub(super) fail: &'a F,
}

/// The value, or `T::default()` (the field left out) with the problem kept as a warning.
fn or_warn<T: Default>(result: Result<T, Diagnostic>, warnings: &mut Vec<Diagnostic>) -> T {
    result.unwrap_or_else(|warning| {
        warnings.push(warning);
        T::default()
    })
}

impl<F: Fn(&str, String) -> Diagnostic> Builder<'_, F> {
    fn value(&self, standard: &str) -> Option<(&Value, String)> {
        self.names.get(self.map, standard)
    }

    fn text(&self, standard: &str) -> Option<String> {
        self.value(standard)
            .and_then(|(v, _)| scalar_text(v).or_else(|| string_list(v, None).into_iter().next()))
    }

    /// Every vault key of the field (`[fields]` may map several), items in that order.
    fn list(&self, standard: &str, separator: Option<char>) -> Vec<String> {
        let mut list: Vec<String> = Vec::new();
        for (value, _) in self.names.all(self.map, standard) {
            for item in string_list(value, separator) {
                if !list.contains(&item) {
                    list.push(item);
                }
            }
        }
        list.shrink_to_fit();
        list
    }

    fn date(&self, standard: &str) -> Result<Option<NaiveDate>, Diagnostic> {
        let Some((value, key)) = self.value(standard) else { return Ok(None) };
        let Some(text) = scalar_text(value) else { return self.not_a_scalar(value, &key) };
        parse_date(&text).map(Some).map_err(|m| (self.fail)(&key, m.to_string()))
    }

    fn partial_date(&self, standard: &str) -> Result<Option<PartialDate>, Diagnostic> {
        let Some((value, key)) = self.value(standard) else { return Ok(None) };
        let Some(text) = scalar_text(value) else { return self.not_a_scalar(value, &key) };
        PartialDate::parse(&text).map(Some).map_err(|m| (self.fail)(&key, m.to_string()))
    }

    /// An empty list or mapping counts as absent; one with content is not a date.
    fn not_a_scalar<T>(&self, value: &Value, key: &str) -> Result<Option<T>, Diagnostic> {
        let empty = match value {
            Value::Sequence(items) => items.iter().all(|i| scalar_text(i).is_none()),
            Value::Mapping(map) => map.is_empty(),
            _ => true,
        };
        if empty {
            Ok(None)
        } else {
            Err((self.fail)(key, "expected a date, not a list or mapping".to_string()))
        }
    }

    fn cadence(&self) -> Result<Option<Cadence>, Diagnostic> {
        let Some((value, key)) = self.value("cadence") else { return Ok(None) };
        if let Some(days) = value.as_i64() {
            return Cadence::from_days(days).map(Some).map_err(|m| (self.fail)(&key, m.to_string()));
        }
        let Some(text) = scalar_text(value) else { return Ok(None) };
        if let Ok(days) = text.trim().parse::<i64>() {
            return Cadence::from_days(days).map(Some).map_err(|m| (self.fail)(&key, m.to_string()));
        }
        Cadence::parse(&text).map(Some).map_err(|m| (self.fail)(&key, m.to_string()))
    }

    fn name(&self, path: &Path) -> String {
        if let Some((value, _)) = self.value("name") {
            if let Some(text) = scalar_text(value) {
                return text;
            }
            // `name: {first: carl, last: johnson}`
            if let Value::Mapping(parts) = value {
                let joined: Vec<String> = parts.values().filter_map(scalar_text).collect();
                if !joined.is_empty() {
                    return joined.join(" ");
                }
            }
        }
        path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
    }

    /// A member whose birthday cannot be read keeps their name, without the birthday.
    fn family(&self, warnings: &mut Vec<Diagnostic>) -> Vec<FamilyMember> {
        let Some((Value::Sequence(items), key)) = self.value("family") else { return Vec::new() };
        let mut family = Vec::new();
        for item in items {
            let member = match item {
                Value::Mapping(m) => {
                    let get = |k: &str| m.get(k).and_then(scalar_text);
                    let Some(name) = get("name") else { continue };
                    let birthday = get("birthday").and_then(|text| {
                        PartialDate::parse(&text)
                            .map_err(|e| warnings.push((self.fail)(&key, format!("{name}: {e}"))))
                            .ok()
                    });
                    FamilyMember { name, relation: get("relation"), birthday }
                }
                other => match scalar_text(other) {
                    Some(name) => FamilyMember { name, relation: None, birthday: None },
                    None => continue,
                },
            };
            family.push(member);
        }
        family
    }

    /// An entry whose date cannot be read is left out; the others stay.
    fn dates(&self, warnings: &mut Vec<Diagnostic>) -> Vec<NamedDate> {
        let Some((value, key)) = self.value("dates") else { return Vec::new() };
        let mut pairs: Vec<(String, String)> = Vec::new();
        match value {
            Value::Mapping(m) => {
                for (label, date) in m {
                    if let Some(date) = scalar_text(date) {
                        pairs.push((key_text(label), date));
                    }
                }
            }
            // `- {label: Anniversary, date: 06-18}`
            Value::Sequence(items) => {
                for item in items {
                    let Value::Mapping(m) = item else { continue };
                    let label =
                        ["label", "name", "what"].iter().find_map(|k| m.get(*k).and_then(scalar_text));
                    if let (Some(label), Some(date)) = (label, m.get("date").and_then(scalar_text)) {
                        pairs.push((label, date));
                    }
                }
            }
            _ => {}
        }
        pairs
            .into_iter()
            .filter_map(|(label, text)| match PartialDate::parse(&text) {
                Ok(date) => Some(NamedDate { label, date }),
                Err(e) => {
                    warnings.push((self.fail)(&key, format!("{label}: {e}")));
                    None
                }
            })
            .collect()
    }

    /// `events:` as a list of `{label, date}` or a mapping `label: date`. Each needs a full date:
    /// a one-off event does not recur. An entry that cannot be read is left out with a warning;
    /// the others stay.
    fn events(&self, warnings: &mut Vec<Diagnostic>) -> Vec<OneOffEvent> {
        let Some((value, key)) = self.value("events") else { return Vec::new() };
        let mut pairs: Vec<(String, Option<String>)> = Vec::new();
        match value {
            Value::Mapping(m) => {
                pairs.extend(m.iter().map(|(label, date)| (key_text(label), scalar_text(date))));
            }
            Value::Sequence(items) => {
                for item in items {
                    let Value::Mapping(m) = item else {
                        if scalar_text(item).is_some() {
                            warnings.push((self.fail)(
                                &key,
                                "expected `{label: ..., date: YYYY-MM-DD}` items".into(),
                            ));
                        }
                        continue;
                    };
                    let label =
                        ["label", "name", "what"].iter().find_map(|k| m.get(*k).and_then(scalar_text));
                    pairs.push((label.unwrap_or_default(), m.get("date").and_then(scalar_text)));
                }
            }
            Value::Null => {}
            _ => warnings.push((self.fail)(
                &key,
                "expected a list of `{label: ..., date: YYYY-MM-DD}` or a mapping `label: YYYY-MM-DD`".into(),
            )),
        }
        let mut events = Vec::new();
        for (label, text) in pairs {
            let what = if label.is_empty() { "an event" } else { label.as_str() };
            let Some(text) = text else {
                warnings.push((self.fail)(&key, format!("{what}: no date (expected YYYY-MM-DD)")));
                continue;
            };
            match parse_date(&text) {
                Ok(date) if !label.is_empty() => events.push(OneOffEvent { label, date }),
                Ok(_) => warnings.push((self.fail)(&key, format!("{text}: an event needs a label"))),
                Err(_) if PartialDate::parse(&text).is_ok() => warnings.push((self.fail)(
                    &key,
                    format!("{what}: {text:?} has no year; a one-off event needs a full date (a yearly one goes in `dates`)"),
                )),
                Err(e) => warnings.push((self.fail)(&key, format!("{what}: {e}"))),
            }
        }
        events
    }

    /// `card_lead_days`: a whole number of days, 0 to 366.
    fn card_lead_days(&self) -> Result<Option<u32>, Diagnostic> {
        let Some((value, key)) = self.value("card_lead_days") else { return Ok(None) };
        let Some(text) = scalar_text(value) else { return Ok(None) };
        match text.parse::<u32>() {
            Ok(days) if days <= MAX_LEAD_DAYS => Ok(Some(days)),
            _ => {
                Err((self.fail)(&key, format!("{text:?} is not a number of days from 0 to {MAX_LEAD_DAYS}")))
            }
        }
    }

    /// `interactions: [{date, text}]`, as some Obsidian plugins write them. An entry whose date
    /// cannot be read is left out; the others stay.
    fn front_matter_interactions(&self, warnings: &mut Vec<Diagnostic>) -> Vec<Interaction> {
        let Some((Value::Sequence(items), key)) = self.value("interactions") else { return Vec::new() };
        let mut out = Vec::new();
        for item in items {
            let Value::Mapping(m) = item else { continue };
            let Some(date) = m.get("date").and_then(scalar_text) else { continue };
            let date = match parse_date(&date) {
                Ok(date) => date,
                Err(e) => {
                    warnings.push((self.fail)(&key, e.to_string()));
                    continue;
                }
            };
            let summary = ["text", "summary", "note", "notes"]
                .iter()
                .find_map(|k| m.get(*k).and_then(scalar_text))
                .unwrap_or_default();
            out.push(Interaction { date, summary, kind: InteractionKind::Entry });
        }
        out
    }

    /// `account_role`, `reports_to`, `left`, `replaced_by`, `added` (else `created`),
    /// `checkup_cadence`, and the body's check-up headings.
    fn account(&self, warnings: &mut Vec<Diagnostic>) -> AccountFields {
        let link = |key: &str| self.text(key).map(|t| strip_link(&t)).filter(|t| !t.is_empty());
        let left = self.value("left").and_then(|(v, key)| {
            account::left(v).map_err(|m| warnings.push((self.fail)(&key, m))).ok().flatten()
        });
        let added = match self.value("added") {
            Some(_) => or_warn(self.date("added"), warnings),
            // Obsidian's `created:` often holds a time as well: its date is enough.
            None => self.text("created").and_then(|t| parse_date(t.get(..10).unwrap_or(&t)).ok()),
        };
        let checkup_cadence = self.value("checkup_cadence").and_then(|(v, key)| {
            let text = scalar_text(v)?;
            Cadence::parse(&text).map_err(|m| warnings.push((self.fail)(&key, m.to_string()))).ok()
        });
        AccountFields {
            roles: self.list("account_role", Some(',')).iter().map(|r| account::role_id(r)).collect(),
            reports_to: link("reports_to"),
            left,
            replaced_by: link("replaced_by"),
            added,
            checkup_cadence,
            checkups: account::checkup_dates(self.split.body),
        }
    }

    pub(super) fn build(self, path: &Path, display_path: &Path, options: &ParseOptions<'_>) -> Parsed {
        let mut tags: Vec<String> = Vec::new();
        for tag in self.list("tags", Some(',')) {
            let tag = tag.trim_start_matches('#').trim().to_string();
            if !tag.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                tags.push(tag);
            }
        }
        let mut links = Vec::new();
        for value in self.map.values() {
            walk_scalars(value, &mut |v| {
                if let Value::String(s) = v {
                    wiki_links_in(s, &mut links);
                }
            });
        }
        let company = self.text("company").map(|c| strip_link(&c));
        let mut warnings = Vec::new();
        let mut interactions = self.front_matter_interactions(&mut warnings);

        let markdown = body::events(self.split.body);
        let body = body::parse_events(&markdown);
        for problem in &body.problems {
            let before = self.split.body.get(..problem.offset).unwrap_or("");
            let line = self.split.body_line + before.matches('\n').count();
            warnings.push(Diagnostic::warning(
                display_path,
                Some(Position { line, column: 1 }),
                problem.message.clone(),
            ));
        }
        for tag in body.tags {
            if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                tags.push(tag);
            }
        }
        for link in body.links {
            if !links.contains(&link) {
                links.push(link);
            }
        }
        interactions.extend(body.interactions);
        // Newest first; the sort is stable so same-day entries keep document order.
        interactions.sort_by_key(|i| std::cmp::Reverse(i.date));
        let dated: Box<[Dated]> = interactions.iter().map(|i| Dated::new(i.date, i.kind)).collect();
        let kept = summarized(&interactions, options.keep.interactions);
        let summaries: Box<[Box<str>]> =
            interactions.into_iter().take(kept).map(|i| i.summary.into_boxed_str()).collect();
        if !options.keep.links {
            links = Vec::new();
        }
        links.shrink_to_fit();
        tags.shrink_to_fit();

        let birthday = or_warn(self.partial_date("birthday"), &mut warnings);
        let anniversary = or_warn(self.partial_date("anniversary"), &mut warnings);
        let cadence = or_warn(self.cadence(), &mut warnings);
        let last_contact = or_warn(self.date("last_contact"), &mut warnings);
        let next_contact = or_warn(self.date("next_contact"), &mut warnings);
        let snooze_until = or_warn(self.date("snooze_until"), &mut warnings);
        let family = self.family(&mut warnings);
        let named_dates = self.dates(&mut warnings);
        let events = self.events(&mut warnings);
        let card_lead_days = or_warn(self.card_lead_days(), &mut warnings);
        let account = self.account(&mut warnings);
        warnings.extend(super::profile::problems(self.map).into_iter().map(|m| (self.fail)("profile", m)));
        // In the file's order, as `check` lists them.
        warnings.sort();
        let mut contact = Contact {
            path: path.to_path_buf(),
            name: self.name(path),
            aliases: self.list("aliases", Some(',')),
            company,
            role: self.text("role"),
            tags,
            owners: super::account::owners(&self.list("owner", Some(','))),
            emails: self.list("email", Some(',')),
            uids: self.list("uid", None),
            urls: self.list("url", None),
            phones: self.list("phone", None),
            birthday,
            anniversary,
            cadence,
            last_contact,
            next_contact,
            snooze_until,
            family,
            dates: named_dates,
            events,
            address: self.list("address", None),
            spouse: self.text("spouse").map(|s| strip_link(&s)).filter(|s| !s.is_empty()),
            card_lead_days,
            interests: self.list("interests", Some(',')),
            links,
            dated,
            summaries,
            front_matter: options.keep.front_matter.then(|| self.split.yaml.into()),
            body: options.keep.body.then(|| self.split.body.into()),
            account,
            profile: super::profile::Summary::default(),
        };
        if options.keep.profile {
            contact.profile = super::profile::summary(&contact, self.map, self.split.body, &markdown);
        }
        Parsed::Contact(Box::new(contact), warnings)
    }
}

/// How many of the newest interactions (sorted newest first) keep their summary: through the
/// `past`-th (at least the first) that is not an open task, and [`PLANNED_HEADROOM`] more.
fn summarized(interactions: &[Interaction], past: usize) -> usize {
    let wanted = past.max(1).saturating_add(PLANNED_HEADROOM);
    let mut seen = 0;
    for (i, interaction) in interactions.iter().enumerate() {
        if interaction.kind != InteractionKind::OpenTask {
            seen += 1;
            if seen == wanted {
                return i + 1;
            }
        }
    }
    interactions.len()
}
