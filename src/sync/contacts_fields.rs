//! The fields `sync contacts` keeps in step, as plain text lists, read from a contact or a
//! card's record, and written to a contact's front matter with the byte-exact edits.

use std::collections::BTreeMap;

use crate::contact::{Contact, FieldNames};
use crate::import::{date_text, Record};
use crate::write::edit::{
    append_block_list, remove_key, set_key, set_list, yaml_date, yaml_list, yaml_scalar,
};

/// The synced fields by standard key. A field absent from a map holds nothing.
pub(crate) type Fields = BTreeMap<String, Vec<String>>;

/// Every synced field, in the order they are reported; the first five hold one value.
pub(crate) const SYNCED: [&str; 9] =
    ["name", "company", "role", "birthday", "anniversary", "email", "phone", "url", "address"];

/// Whether a field holds a list (compared without regard to order).
pub(crate) fn is_list(field: &str) -> bool {
    matches!(field, "email" | "phone" | "url" | "address")
}

fn put(fields: &mut Fields, key: &str, values: Vec<String>) {
    let values: Vec<String> =
        values.into_iter().map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
    if !values.is_empty() {
        fields.insert(key.to_string(), values);
    }
}

/// What a contact says.
pub(crate) fn of_contact(contact: &Contact) -> Fields {
    let mut fields = Fields::new();
    put(&mut fields, "name", vec![contact.name.clone()]);
    put(&mut fields, "company", contact.company.iter().cloned().collect());
    put(&mut fields, "role", contact.role.iter().cloned().collect());
    put(&mut fields, "birthday", contact.birthday.map(date_text).into_iter().collect());
    put(&mut fields, "anniversary", contact.anniversary.map(date_text).into_iter().collect());
    put(&mut fields, "email", contact.emails.clone());
    put(&mut fields, "phone", contact.phones.clone());
    put(&mut fields, "url", contact.urls.clone());
    put(&mut fields, "address", contact.address.clone());
    fields
}

/// What a card says (as `import` reads it).
pub(crate) fn of_record(record: &Record) -> Fields {
    let mut fields = Fields::new();
    put(&mut fields, "name", vec![record.name.clone()]);
    put(&mut fields, "company", record.company.iter().cloned().collect());
    put(&mut fields, "role", record.role.iter().cloned().collect());
    put(&mut fields, "birthday", record.birthday.map(date_text).into_iter().collect());
    put(&mut fields, "anniversary", record.anniversary.map(date_text).into_iter().collect());
    put(&mut fields, "email", record.emails.clone());
    put(&mut fields, "phone", record.phones.clone());
    put(&mut fields, "url", record.urls.clone());
    put(&mut fields, "address", record.addresses.clone());
    fields
}

/// A field's values; none when absent.
pub(crate) fn get<'f>(fields: &'f Fields, field: &str) -> &'f [String] {
    fields.get(field).map_or(&[], Vec::as_slice)
}

/// Whether two values of a field say the same (lists in any order).
pub(crate) fn same(field: &str, a: &[String], b: &[String]) -> bool {
    if !is_list(field) {
        return a == b;
    }
    let sorted = |v: &[String]| {
        let mut v = v.to_vec();
        v.sort();
        v
    };
    sorted(a) == sorted(b)
}

/// Sets one field of a contact file's text to `values` (removes it when there are none), under
/// the vault's own key name; only that key's line changes. `old` is what the contact had: a
/// block list that only grew gets the new items appended.
pub(crate) fn write_field(
    text: &str,
    names: &FieldNames,
    field: &str,
    old: &[String],
    values: &[String],
) -> Result<String, String> {
    // Values spread over keys with type labels (`EMAIL[WORK]`, `EMAIL[HOME]`) are one list
    // here: writing it to one key would repeat the others' values.
    if names.has_labels(field) {
        return Err(format!("`{field}` is spread over keys with type labels in [fields]"));
    }
    let key = names.key_for(field);
    let result = match values {
        [] => remove_key(text, key),
        [one] if field == "birthday" || field == "anniversary" => set_key(text, key, &yaml_date(one)),
        [one] if !is_list(field) => set_key(text, key, &yaml_scalar(one)),
        [one] => set_list(text, key, &yaml_scalar(one)),
        many => set_list(text, key, &yaml_list(many)),
    };
    result
        .or_else(|e| match values.strip_prefix(old) {
            Some(added) if !old.is_empty() && !added.is_empty() => append_block_list(text, key, added),
            _ => Err(e),
        })
        .map_err(|e| format!("`{key}`: {e}"))
}
