//! Typed views of front matter values: the forgiving shapes people write (a list or a
//! comma-separated string, a string or a list of strings, scalars of any type as text). Dates
//! are read by `crate::dates`.
//! Pure: never reads the clock or the filesystem.

use serde_yaml::Value;

// The date parsers moved to `crate::dates`, one module for every date touchbase reads;
// re-exported for `config.rs` and `commands/`, which still name them here.
pub(crate) use crate::dates::{parse_date, PartialDate, LAST_DATE, TODAY_RANGE};

/// The text of a scalar; `None` for null, empty strings, mappings and sequences.
#[must_use]
pub fn scalar_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Tagged(tagged) => return scalar_text(&tagged.value),
        Value::Null | Value::Mapping(_) | Value::Sequence(_) => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// A list of strings from a sequence, or from one string split on `separator` when given.
/// Empty items (as templates leave them) are dropped.
pub(crate) fn string_list(value: &Value, separator: Option<char>) -> Vec<String> {
    match value {
        Value::Sequence(items) => items.iter().filter_map(scalar_text).collect(),
        Value::Tagged(tagged) => string_list(&tagged.value, separator),
        other => match (scalar_text(other), separator) {
            (Some(text), Some(sep)) => {
                text.split(sep).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
            }
            (Some(text), None) => vec![text],
            (None, _) => Vec::new(),
        },
    }
}

/// Every scalar inside a value, depth first, in document order (for full-text search and links).
pub(crate) fn walk_scalars<'a>(value: &'a Value, visit: &mut dyn FnMut(&'a Value)) {
    match value {
        Value::Sequence(items) => items.iter().for_each(|v| walk_scalars(v, visit)),
        Value::Mapping(map) => map.iter().for_each(|(k, v)| {
            walk_scalars(k, visit);
            walk_scalars(v, visit);
        }),
        Value::Tagged(tagged) => walk_scalars(&tagged.value, visit),
        scalar => visit(scalar),
    }
}

/// A mapping key as text (`2026: x` and `true: y` are keys too).
#[must_use]
pub(crate) fn key_text(key: &Value) -> String {
    scalar_text(key).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_accept_strings_and_sequences() {
        let v: Value = serde_yaml::from_str("[golf, '', customer]").unwrap();
        assert_eq!(string_list(&v, Some(',')), ["golf", "customer"]);
        let v: Value = serde_yaml::from_str("'golf, customer ,'").unwrap();
        assert_eq!(string_list(&v, Some(',')), ["golf", "customer"]);
        let v: Value = serde_yaml::from_str("~").unwrap();
        assert!(string_list(&v, Some(',')).is_empty());
        let v: Value = serde_yaml::from_str("[ ]").unwrap();
        assert!(string_list(&v, None).is_empty());
    }
}
