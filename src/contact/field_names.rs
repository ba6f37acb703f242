//! The standard front matter keys, and a vault's own names for them (`[fields]` in
//! touchbase.toml): `last_contact = "prm-last-contacted"` reads and writes that key instead.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value};

use super::fields::key_text;

/// The front matter keys touchbase understands.
pub const STANDARD_KEYS: &[&str] = &[
    "name",
    "aliases",
    "company",
    "role",
    "tags",
    "owner",
    "email",
    "phone",
    "birthday",
    "anniversary",
    "cadence",
    "last_contact",
    "next_contact",
    "snooze_until",
    "reports_to",
    "account_role",
    "left",
    "replaced_by",
    "added",
    "checkup_cadence",
    "family",
    "dates",
    "events",
    "address",
    "spouse",
    "card_lead_days",
    "interests",
    "interactions",
    // What import and export read and write besides (issue 14): the vCard UID, the web
    // addresses, the ORG's unit, the structured name's parts.
    "uid",
    "url",
    "department",
    "family_name",
    "given_name",
    "additional_names",
    "honorific_prefix",
    "honorific_suffix",
];

/// The vault's own names for standard keys (`[fields]` in touchbase.toml): one vault key
/// (`last_contact = "prm-last-contacted"`) or several (`email = ["EMAIL[HOME]", "EMAIL[WORK]"]`),
/// each with the type label in its brackets (`home`, `work`). Reading takes every one of them
/// (a list key's items are joined in that order, a scalar key's first value wins); writing goes
/// to the first, or to the one whose label a vCard value's `TYPE` names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldNames {
    mapped: BTreeMap<String, Vec<String>>,
}

/// `EMAIL[HOME]` → `home`; a key without brackets has no label.
#[must_use]
pub(crate) fn type_label(vault_key: &str) -> Option<String> {
    let open = vault_key.rfind('[')?;
    let label = vault_key.get(open + 1..)?.strip_suffix(']')?;
    (!label.trim().is_empty()).then(|| label.trim().to_lowercase())
}

impl FieldNames {
    #[must_use]
    pub fn new(mapped: BTreeMap<String, String>) -> Self {
        FieldNames { mapped: mapped.into_iter().map(|(k, v)| (k, vec![v])).collect() }
    }

    /// Several vault keys per standard key, the first the one new values go to.
    #[must_use]
    pub fn with_lists(mapped: BTreeMap<String, Vec<String>>) -> Self {
        FieldNames { mapped: mapped.into_iter().filter(|(_, v)| !v.is_empty()).collect() }
    }

    /// The key a write should use for a standard field: its first vault key.
    pub(crate) fn key_for<'a>(&'a self, standard: &'a str) -> &'a str {
        self.mapped.get(standard).and_then(|keys| keys.first()).map_or(standard, String::as_str)
    }

    /// The vault key for a value whose vCard `TYPE`s are `types` (lower case): the one whose
    /// label is among them, else [`FieldNames::key_for`].
    pub(crate) fn key_for_type<'a>(&'a self, standard: &'a str, types: &[String]) -> &'a str {
        self.mapped
            .get(standard)
            .and_then(|keys| keys.iter().find(|k| type_label(k).is_some_and(|l| types.contains(&l))))
            .map_or_else(|| self.key_for(standard), String::as_str)
    }

    /// Every vault key of a standard key, in `[fields]` order (none when it is not mapped).
    pub(crate) fn keys_for(&self, standard: &str) -> &[String] {
        self.mapped.get(standard).map_or(&[], Vec::as_slice)
    }

    /// Whether a standard key has vault keys with type labels.
    pub(crate) fn has_labels(&self, standard: &str) -> bool {
        self.mapped.get(standard).is_some_and(|keys| keys.iter().any(|k| type_label(k).is_some()))
    }

    /// The mapped keys win when a file has both; the first mapped key present.
    pub(crate) fn get<'m>(&self, map: &'m Mapping, standard: &str) -> Option<(&'m Value, String)> {
        for custom in self.mapped.get(standard).into_iter().flatten() {
            if let Some(value) = map.get(custom.as_str()) {
                return Some((value, custom.clone()));
            }
        }
        if let Some(value) = map.get(standard) {
            return Some((value, standard.to_string()));
        }
        // `Birthday:` as some plugins write it.
        map.iter()
            .find(|(k, _)| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case(standard)))
            .map(|(k, v)| (v, key_text(k)))
    }

    /// Every vault key of a standard key that the file has, in `[fields]` order (the standard
    /// key itself when none is mapped or none of the mapped ones is there).
    pub(crate) fn all<'m>(&self, map: &'m Mapping, standard: &str) -> Vec<(&'m Value, String)> {
        let found: Vec<(&Value, String)> = self
            .mapped
            .get(standard)
            .into_iter()
            .flatten()
            .filter_map(|custom| map.get(custom.as_str()).map(|v| (v, custom.clone())))
            .collect();
        if found.is_empty() {
            self.get(map, standard).into_iter().collect()
        } else {
            found
        }
    }

    #[must_use]
    pub(crate) fn is_known(&self, key: &str) -> bool {
        STANDARD_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
            || self.mapped.values().flatten().any(|v| v == key)
            // The Mackay 66 keys (`touchbase profile` shows them).
            || key == "profile"
            || super::profile::item_index(key).is_some()
    }
}
