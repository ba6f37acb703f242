//! YAML scalars and flow lists as touchbase writes them: quoted only where YAML needs it, and
//! always reading back as the value written.

use serde_yaml::Value;

/// A YAML scalar for `value`, quoted only when YAML needs it.
#[must_use]
pub fn yaml_scalar(value: &str) -> String {
    let plain = serde_yaml::to_string(&Value::String(value.to_string())).unwrap_or_default();
    let plain = plain.trim_end_matches('\n').to_string();
    if plain.contains('\n') || plain.is_empty() {
        // serde_yaml chose a block form; a double-quoted JSON string is valid YAML.
        return serde_json::to_string(value).unwrap_or_else(|_| "''".to_string());
    }
    plain
}

/// A scalar that is safe inside a flow list or mapping: plain when YAML allows, else
/// double-quoted (`"111 Main St, Springfield"`: a comma would otherwise split the item).
#[must_use]
pub fn yaml_flow_scalar(value: &str) -> String {
    let plain = yaml_scalar(value);
    let flow_unsafe = |s: &str| s.contains([',', '[', ']', '{', '}']) || s.contains(": ") || s.contains(" #");
    // A leading `:` or `?` is an indicator inside a flow collection (`[:x]` is invalid YAML).
    let reads_back = || match serde_yaml::from_str::<Value>(&format!("[{plain}]")) {
        Ok(Value::Sequence(items)) => items.len() == 1 && items.first() == Some(&Value::String(value.into())),
        _ => false,
    };
    if !plain.starts_with(['"', '\'']) && (flow_unsafe(&plain) || !reads_back()) {
        return serde_json::to_string(value).unwrap_or(plain);
    }
    plain
}

/// A YAML flow list `[a, "b, c"]` of scalars.
#[must_use]
pub fn yaml_list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|i| yaml_flow_scalar(i)).collect::<Vec<_>>().join(", "))
}
