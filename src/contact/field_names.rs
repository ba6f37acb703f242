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

/// The vault's own names for standard keys (`[fields]` in touchbase.toml).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldNames {
    mapped: BTreeMap<String, String>,
}

impl FieldNames {
    #[must_use]
    pub fn new(mapped: BTreeMap<String, String>) -> Self {
        FieldNames { mapped }
    }

    /// The key a write should use for a standard field.
    pub(crate) fn key_for<'a>(&'a self, standard: &'a str) -> &'a str {
        self.mapped.get(standard).map_or(standard, String::as_str)
    }

    /// The mapped key wins when a file has both.
    pub(crate) fn get<'m>(&self, map: &'m Mapping, standard: &str) -> Option<(&'m Value, String)> {
        if let Some(custom) = self.mapped.get(standard) {
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

    #[must_use]
    pub(crate) fn is_known(&self, key: &str) -> bool {
        STANDARD_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
            || self.mapped.values().any(|v| v == key)
            // The Mackay 66 keys (`touchbase profile` shows them).
            || key == "profile"
            || super::profile::item_index(key).is_some()
    }
}
