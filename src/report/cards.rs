//! The vCard export as data: one `Card` per contact, with what RFC 6350 and Apple's and
//! Google's importers read: names, organisation, title, emails, phones, yearly dates, tags, URLs,
//! addresses, the body's free text as the note (its `Log` sections and private profile answers
//! left out), and a UID that stays the same for a contact (its `uid` key, else a UUID made from
//! its path).

use serde_yaml::Mapping;

use crate::contact::fields::{scalar_text, string_list};
pub(crate) use crate::contact::name_parts::NameParts;
use crate::contact::{notes, Contact, FieldNames, PartialDate};
use crate::index::Index;
use crate::vault_path::VaultPath;

/// What `render::vcf` writes for one contact. Text is as the contact has it: the renderer
/// escapes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Card {
    /// The contact's own `uid` key, else `urn:uuid:` and a UUID made from its path.
    pub uid: String,
    pub name: String,
    /// The `N`: the contact's `family_name`, `given_name`, ... keys, else its name's split.
    pub n: NameParts,
    pub aliases: Vec<String>,
    pub company: Option<String>,
    /// The `department` key; with the company, the `ORG`.
    pub department: Option<String>,
    pub role: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub birthday: Option<PartialDate>,
    pub anniversary: Option<PartialDate>,
    /// The `dates`: label and date.
    pub dates: Vec<(String, PartialDate)>,
    pub tags: Vec<String>,
    /// The `url` key's values.
    pub urls: Vec<String>,
    /// The `address` key's values, each one line of text.
    pub addresses: Vec<String>,
    /// The body's free text, when the contact was loaded with its body and has any.
    pub notes: Option<String>,
    /// `(standard key, value, type label)` for the e-mails, phones and URLs read from a vault
    /// key with a label (`EMAIL[WORK]` in `[fields]`): the `TYPE` the card gives them.
    pub types: Vec<(&'static str, String, String)>,
}

impl Card {
    /// The `TYPE` of an e-mail, phone or URL, if its vault key has a label.
    pub(crate) fn type_of(&self, standard: &str, value: &str) -> Option<&str> {
        self.types.iter().find(|(k, v, _)| *k == standard && v == value).map(|(_, _, label)| label.as_str())
    }
}

/// The type labels of the values under labelled vault keys.
fn types(fields: &Mapping, names: &FieldNames) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    for standard in ["email", "phone", "url"] {
        if !names.has_labels(standard) {
            continue;
        }
        for (value, key) in names.all(fields, standard) {
            let Some(label) = crate::contact::type_label(&key) else { continue };
            for item in string_list(value, None) {
                out.push((standard, item, label.clone()));
            }
        }
    }
    out
}

/// The order the cards of the entries of `index` selected by `selected` (indices into its
/// entries) are written in: the order of their paths without `.md`, `Priya Sharma.md` before
/// `Priya Sharma (Razorpay).md`, the order an import of the cards gives them those names again
/// (so that export, import, export gives the same bytes).
pub(crate) fn order(index: &Index, selected: &[usize]) -> Vec<usize> {
    let mut ids: Vec<usize> = selected.iter().copied().filter(|&i| i < index.entries.len()).collect();
    let key =
        |i: &usize| index.entries.get(*i).map(|e| VaultPath::new(&e.contact.path.with_extension("")).slash());
    ids.sort_by_cached_key(key);
    ids
}

/// One contact's card.
pub(crate) fn card(contact: &Contact, names: &FieldNames) -> Card {
    let fields = contact.fields();
    // The card goes to others: the private Mackay answers are left out of its note.
    let notes = contact
        .body
        .as_deref()
        .map(|body| notes::body_notes(&crate::contact::profile::public_body(contact, &fields, body)))
        .filter(|notes| !notes.trim().is_empty());
    Card {
        uid: uid(contact, &fields, names),
        name: contact.name.clone(),
        n: NameParts::from_fields(&fields, names).unwrap_or_else(|| NameParts::split(&contact.name)),
        aliases: contact.aliases.clone(),
        company: contact.company.clone(),
        department: field_text(&fields, names, "department"),
        role: contact.role.clone(),
        emails: contact.emails.clone(),
        phones: contact.phones.clone(),
        birthday: contact.birthday,
        anniversary: contact.anniversary,
        dates: contact.dates.iter().map(|named| (named.label.clone(), named.date)).collect(),
        tags: contact.tags.clone(),
        urls: field_list(&fields, names, "url"),
        addresses: field_list(&fields, names, "address"),
        notes,
        types: types(&fields, names),
    }
}

/// A front matter value by standard key, under the vault's own name for it (`[fields]`) or the
/// standard one, in any case.
fn field_text(fields: &Mapping, names: &FieldNames, key: &str) -> Option<String> {
    names.get(fields, key).and_then(|(v, _)| scalar_text(v))
}

/// Every vault key's items, in `[fields]` order.
fn field_list(fields: &Mapping, names: &FieldNames, key: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for (value, _) in names.all(fields, key) {
        for item in string_list(value, None) {
            if !items.contains(&item) {
                items.push(item);
            }
        }
    }
    items
}

/// The contact's own `uid`, else a UUID made from its path in the vault (stable while the file
/// keeps its name and folder).
fn uid(contact: &Contact, fields: &Mapping, names: &FieldNames) -> String {
    if let Some(own) = field_text(fields, names, "uid") {
        return own;
    }
    let path = VaultPath::new(&contact.path).slash();
    let hash = crate::hash::fnv1a_128(path.as_bytes());
    // Version 8 (custom) and the RFC 4122 variant, so that it reads as a well-formed UUID.
    let hash = (hash & !(0xf << 76) | (0x8 << 76)) & !(0x3 << 62) | (0x2 << 62);
    let hex = format!("{hash:032x}");
    let part = |from: usize, to: usize| hex.get(from..to).unwrap_or("");
    format!("urn:uuid:{}-{}-{}-{}-{}", part(0, 8), part(8, 12), part(12, 16), part(16, 20), part(20, 32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_are_stable_uuids() {
        let contact = crate::contact::blank;
        let a = uid(&contact("people/Jane Doe.md"), &Mapping::new(), &FieldNames::default());
        assert_eq!(a, uid(&contact("people/Jane Doe.md"), &Mapping::new(), &FieldNames::default()));
        assert_ne!(a, uid(&contact("people/John Doe.md"), &Mapping::new(), &FieldNames::default()));
        assert_eq!(a.len(), "urn:uuid:".len() + 36);
        assert_eq!(a.as_bytes()["urn:uuid:".len() + 14], b'8');
    }
}
