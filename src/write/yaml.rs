//! YAML scalars and flow lists as touchbase writes them: quoted only where YAML needs it, and
//! always reading back as the value written, by YAML 1.2 (`serde_yaml`) and YAML 1.1 (`PyYAML`,
//! Obsidian's and many plugins' readers) alike: `No`, `on`, `y`, `~`, `0o17`, `017`, `1:20`,
//! `.inf`, `2020-01-01` are quoted, since one of them reads each as a boolean, null, number or
//! date. Dates meant as dates are written by [`yaml_date`].

use std::sync::LazyLock;

use regex::Regex;
use serde_yaml::Value;

/// What YAML 1.1 or 1.2 reads as something other than a string, when written plain.
static NOT_A_STRING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            y|yes|n|no|true|false|on|off|null|~|<<|=
          | [-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-f_]+|[0-9][0-9_]*)
          | [-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:e[-+]?[0-9]+)?
          | [-+]?[0-9][0-9_]*(?:\.[0-9_]*)?e[-+]?[0-9]+
          | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
          | [-+]?\.(?:inf|nan)
          | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[t\x20].*)?
        )$",
    )
    .expect("valid regex")
});

/// A YAML scalar for `value`, quoted only when YAML needs it.
#[must_use]
pub fn yaml_scalar(value: &str) -> String {
    let plain = serde_yaml::to_string(&Value::String(value.to_string())).unwrap_or_default();
    let plain = plain.trim_end_matches('\n').to_string();
    if plain.contains('\n') || plain.is_empty() {
        // serde_yaml chose a block form; a double-quoted JSON string is valid YAML.
        return serde_json::to_string(value).unwrap_or_else(|_| "''".to_string());
    }
    if !plain.starts_with(['"', '\'']) && NOT_A_STRING.is_match(&plain) {
        return format!("'{}'", plain.replace('\'', "''"));
    }
    plain
}

/// A date meant as a date (`1980-03-26`, year-less `--03-26`) is written plain, as every other
/// tool writes one; any other text as [`yaml_scalar`].
#[must_use]
pub fn yaml_date(value: &str) -> String {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = value.split('-').collect();
    let is_date = match parts.as_slice() {
        [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2 && [y, m, d].iter().all(|p| digits(p)),
        ["", "", m, d] => m.len() == 2 && d.len() == 2 && digits(m) && digits(d),
        _ => false,
    };
    if is_date {
        value.to_string()
    } else {
        yaml_scalar(value)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_yaml_1_1_reads_otherwise_is_quoted() {
        for word in [
            "No",
            "no",
            "NO",
            "n",
            "N",
            "y",
            "Yes",
            "on",
            "On",
            "OFF",
            "true",
            "False",
            "~",
            "null",
            "Null",
            "<<",
            "=",
            "017",
            "0o17",
            "0x1F",
            "0b101",
            "1_000",
            "+15551234",
            "-3",
            "1:20",
            "190:20:30",
            "1.5",
            ".5",
            "1e3",
            "1.0e+3",
            ".inf",
            "-.Inf",
            ".NaN",
            "2020-01-01",
            "2001-12-14t21:59:43.10-05:00",
        ] {
            let yaml = yaml_scalar(word);
            assert!(yaml.starts_with(['\'', '"']), "{word} → {yaml}");
            assert_eq!(serde_yaml::from_str::<Value>(&yaml).unwrap(), Value::String(word.into()), "{yaml}");
            let list = yaml_list(&[word.to_string()]);
            assert_eq!(serde_yaml::from_str::<Vec<String>>(&list).unwrap(), [word], "{list}");
        }
        for plain in ["Nora", "on time", "Mr. No", "1st", "12 Main St", "--06-20", "a:b", "x-1", "O'Brien"] {
            assert_eq!(yaml_scalar(plain), plain);
        }
        assert_eq!(yaml_scalar("No"), "'No'");
        assert_eq!(yaml_date("1980-03-26"), "1980-03-26");
        assert_eq!(yaml_date("--03-26"), "--03-26");
        assert_eq!(yaml_date("No"), "'No'");
    }
}
