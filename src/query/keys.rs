//! The keys a query asks about that no contact has (`compnay:acme`), each with the nearest key
//! the vault does have: the standard keys, the query's own words and every front matter key
//! found. Only asked once a query matched nothing, so the normal path parses nothing more.

use std::collections::BTreeSet;

use super::parse::{TYPED_FIELD_KEYS, TYPED_HAS_KEYS};
use super::{raw_values, Query, Term};
use crate::contact::fields::key_text;
use crate::contact::{FieldNames, STANDARD_KEYS};
use crate::index::Entry;

/// The query's own keys (`status:`, `has:`, `tag:`, the dates).
const QUERY_KEYS: &[&str] = &["status", "has", "no", "tag", "due", "last", "birthday", "anniversary"];

/// One line per key no contact has: `` No contact has a `compnay` key; did you mean `company`? ``.
pub(crate) fn unknown_key_hints(query: &Query, entries: &[Entry], names: &FieldNames) -> Vec<String> {
    let asked: BTreeSet<&str> = query
        .clauses
        .iter()
        .filter_map(|c| match &c.term {
            Term::Field { key, .. } if !TYPED_FIELD_KEYS.contains(&key.as_str()) => Some(key.as_str()),
            Term::Has(key) | Term::No(key) if !TYPED_HAS_KEYS.contains(&key.as_str()) => Some(key.as_str()),
            _ => None,
        })
        .collect();
    if asked.is_empty() {
        return Vec::new();
    }
    let fields: Vec<_> = entries.iter().map(|e| e.contact.fields()).collect();
    let unknown: Vec<&str> =
        asked.into_iter().filter(|key| fields.iter().all(|f| raw_values(f, key, names).is_empty())).collect();
    if unknown.is_empty() {
        return Vec::new();
    }
    let mut known: BTreeSet<String> =
        STANDARD_KEYS.iter().chain(TYPED_FIELD_KEYS).chain(QUERY_KEYS).map(|k| (*k).to_string()).collect();
    known.extend(fields.iter().flat_map(|f| f.keys().map(|k| key_text(k).to_lowercase())));
    unknown.into_iter().map(|key| hint(key, &known)).collect()
}

fn hint(key: &str, known: &BTreeSet<String>) -> String {
    let nearest = known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(key, k), k))
        .filter(|(distance, k)| *distance <= 2 && *distance < key.len().min(k.len()))
        .min();
    let shown = crate::text::sanitize(key);
    match nearest {
        Some((_, near)) => {
            format!("No contact has a `{shown}` key; did you mean `{}`?", crate::text::sanitize(near))
        }
        None => format!("No contact has a `{shown}` key."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_known_key_or_none() {
        let known: BTreeSet<String> = ["company", "linkedin", "role"].map(String::from).into();
        assert_eq!(hint("compnay", &known), "No contact has a `compnay` key; did you mean `company`?");
        assert_eq!(hint("linkdin", &known), "No contact has a `linkdin` key; did you mean `linkedin`?");
        assert_eq!(hint("zzz", &known), "No contact has a `zzz` key.");
        assert_eq!(hint("ro", &known), "No contact has a `ro` key.", "too short to guess");
    }
}
