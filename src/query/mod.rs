//! Stage 4a: which contacts a query selects. The parser is in `parse`; this module evaluates a
//! parsed query against an index entry for a given `today`.

mod keys;
pub(crate) mod owner;
pub mod parse;
pub(crate) mod stream;

pub(crate) use self::keys::unknown_key_hints;

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

pub use self::parse::{Bound, Clause, DateField, Op, Query, QueryError, Term};
use crate::contact::fields::{key_text, scalar_text, walk_scalars};
use crate::contact::{Contact, FieldNames};
use crate::index::Entry;
use crate::schedule::yearly;

impl Query {
    #[must_use]
    pub fn matches(&self, entry: &Entry, names: &FieldNames, today: NaiveDate) -> bool {
        self.matches_reading(entry, names, today, None)
    }

    /// `matches`, with full-text terms reading each file from `files` when the load kept no
    /// bodies (see `stream`).
    pub(crate) fn matches_reading(
        &self,
        entry: &Entry,
        names: &FieldNames,
        today: NaiveDate,
        files: Option<&stream::Files<'_>>,
    ) -> bool {
        let mut fields = LazyFields { contact: &entry.contact, cache: None };
        self.clauses.iter().all(|clause| {
            let hit = match (&clause.term, files) {
                (Term::Text(text), Some(files)) if entry.contact.body.is_none() => {
                    streamed_text_matches(entry, text, files)
                }
                (term, _) => term_matches(term, entry, names, today, &mut fields),
            };
            hit != clause.negated
        })
    }
}

/// A text term over a lean entry: its name and aliases as loaded, its file's text as read now.
fn streamed_text_matches(entry: &Entry, needle: &str, files: &stream::Files<'_>) -> bool {
    let contact = &entry.contact;
    contains(&contact.name, needle)
        || contact.aliases.iter().any(|a| contains(a, needle))
        || entry.private_text.as_deref().is_some_and(|p| p.contains(needle))
        || files.holds(contact, needle)
}

/// The text term on a contact loaded with its body and front matter.
pub(crate) fn text_matches_in_full(contact: &Contact, needle: &str) -> bool {
    text_matches(contact, needle, &mut LazyFields { contact, cache: None })
}

/// The front matter as a mapping, parsed again only when a term needs a key touchbase does not type.
struct LazyFields<'a> {
    contact: &'a Contact,
    cache: Option<Mapping>,
}

impl LazyFields<'_> {
    fn get(&mut self) -> &Mapping {
        self.cache.get_or_insert_with(|| self.contact.fields())
    }
}

fn term_matches(
    term: &Term,
    entry: &Entry,
    names: &FieldNames,
    today: NaiveDate,
    fields: &mut LazyFields<'_>,
) -> bool {
    match term {
        Term::Status(status) => entry.schedule.status == *status,
        Term::Has(key) => has_field(entry, key, names, fields),
        Term::No(key) => !has_field(entry, key, names, fields),
        Term::Field { key, value } => field_matches(entry, key, value, names, fields),
        Term::Text(text) => {
            text_matches(&entry.contact, text, fields)
                || entry.private_text.as_deref().is_some_and(|p| p.contains(text.as_str()))
        }
        Term::Date { field, op, bound } => date_matches(entry, *field, *op, *bound, today),
    }
}

fn contains(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(needle)
}

fn any_equal(items: &[String], needle: &str) -> bool {
    items.iter().any(|i| i.to_lowercase() == needle)
}

/// The front matter values for a key, case-insensitively, through the vault's field mapping:
/// every mapped key the file has (`url = ["URL[HOME]", "URL[WORK]"]`), else the standard key.
fn raw_values<'m>(fields: &'m Mapping, key: &str, names: &FieldNames) -> Vec<&'m Value> {
    let find =
        |wanted: &str| fields.iter().find(|(k, _)| key_text(k).to_lowercase() == wanted).map(|(_, v)| v);
    let mapped: Vec<&Value> = names.keys_for(key).iter().filter_map(|k| find(&k.to_lowercase())).collect();
    if mapped.is_empty() {
        find(key).into_iter().collect()
    } else {
        mapped
    }
}

fn has_field(entry: &Entry, key: &str, names: &FieldNames, fields: &mut LazyFields<'_>) -> bool {
    let c = &entry.contact;
    match key {
        "cadence" => entry.schedule.cadence.is_some(),
        "tags" | "tag" => !c.tags.is_empty(),
        "last" | "last_contact" => entry.schedule.last_contact.is_some(),
        "due" => entry.schedule.due.is_some(),
        "company" => c.company.is_some(),
        "birthday" => c.birthday.is_some(),
        "anniversary" => c.anniversary.is_some(),
        "email" => !c.emails.is_empty(),
        "phone" => !c.phones.is_empty(),
        "family" => !c.family.is_empty(),
        "owner" => !c.owners.is_empty(),
        _ => raw_values(fields.get(), key, names).into_iter().any(|v| {
            let mut any = false;
            walk_scalars(v, &mut |s| any |= scalar_text(s).is_some());
            any
        }),
    }
}

fn field_matches(
    entry: &Entry,
    key: &str,
    value: &str,
    names: &FieldNames,
    fields: &mut LazyFields<'_>,
) -> bool {
    let c = &entry.contact;
    match key {
        "name" => contains(&c.name, value) || c.aliases.iter().any(|a| contains(a, value)),
        "company" => c.company.as_deref().is_some_and(|s| contains(s, value)),
        "role" => c.role.as_deref().is_some_and(|s| contains(s, value)),
        "tags" => any_equal(&c.tags, value),
        "aliases" | "alias" => any_equal(&c.aliases, value),
        "email" => any_equal(&c.emails, value) || c.emails.iter().any(|e| contains(e, value)),
        "interests" | "interest" => any_equal(&c.interests, value),
        "cadence" => match crate::contact::Cadence::parse(value) {
            Ok(crate::contact::Cadence::Never) => entry.schedule.cadence.is_none(),
            Ok(wanted) => {
                // The same formula on both sides: `2w` is `14d` exactly, not nearly.
                #[allow(clippy::float_cmp)]
                let same =
                    |k: crate::contact::Cadence| k == wanted || k.approx_days() == wanted.approx_days();
                entry.schedule.cadence.is_some_and(same)
            }
            Err(_) => entry.schedule.cadence.is_some_and(|k| k.to_string() == value),
        },
        "path" => contains(&crate::vault_path::VaultPath::new(&c.path).slash(), value),
        "owner" => owner::Owner::new(&[value]).owns(&c.owners),
        _ => raw_values(fields.get(), key, names).into_iter().any(|v| value_matches(v, value)),
    }
}

/// Substring for a scalar, exact element for a list, substring over a mapping's values.
fn value_matches(value: &Value, needle: &str) -> bool {
    match value {
        Value::Sequence(items) => items.iter().any(|item| match scalar_text(item) {
            Some(text) => text.to_lowercase() == needle,
            None => value_matches(item, needle),
        }),
        Value::Mapping(_) => {
            let mut hit = false;
            walk_scalars(value, &mut |s| hit |= scalar_text(s).is_some_and(|t| contains(&t, needle)));
            hit
        }
        Value::Tagged(tagged) => value_matches(&tagged.value, needle),
        scalar => scalar_text(scalar).is_some_and(|t| contains(&t, needle)),
    }
}

fn text_matches(contact: &Contact, needle: &str, fields: &mut LazyFields<'_>) -> bool {
    if contains(&contact.name, needle) || contact.aliases.iter().any(|a| contains(a, needle)) {
        return true;
    }
    if contact.body.as_deref().is_some_and(|b| contains(b, needle)) {
        return true;
    }
    let mut hit = false;
    for value in fields.get().values() {
        walk_scalars(value, &mut |s| hit = hit || scalar_text(s).is_some_and(|t| contains(&t, needle)));
    }
    hit
}

fn date_matches(entry: &Entry, field: DateField, op: Op, bound: Bound, today: NaiveDate) -> bool {
    let c = &entry.contact;
    let value = match field {
        DateField::Due => entry.schedule.due,
        DateField::Last => entry.schedule.last_contact,
        DateField::Birthday => c.birthday.and_then(|d| yearly::next_occurrence(d, today)),
        DateField::Anniversary => c.anniversary.and_then(|d| yearly::next_occurrence(d, today)),
    };
    match bound {
        Bound::Date(date) => value.is_some_and(|v| compare(v, op, date)),
        // `last:>90d`: the last contact is more than 90 days ago; never counts as longest ago.
        Bound::Span(span) if field == DateField::Last => {
            let Some(last) = value else { return matches!(op, Op::Gt | Op::Ge) };
            let ago = (today - last).num_days();
            let span_days = (span.add_unbounded(today).unwrap_or(today) - today).num_days();
            compare(ago, op, span_days)
        }
        // `due:<7d`: due within 7 days from today, overdue included.
        Bound::Span(span) => {
            let Some(limit) = span.add_unbounded(today) else { return false };
            value.is_some_and(|v| compare(v, op, limit))
        }
    }
}

fn compare<T: PartialOrd + Copy>(value: T, op: Op, bound: T) -> bool {
    match op {
        Op::Lt => value < bound,
        Op::Le => value <= bound,
        Op::Gt => value > bound,
        Op::Ge => value >= bound,
        Op::Eq => value == bound,
    }
}

#[cfg(test)]
mod tests;
