//! docs/json.md lists every key of every command's `--format json` (issue 18 part 5): each key
//! the golden JSON outputs (and a live `check` and `checkup`) hold must have its row there.

use std::collections::BTreeSet;

use crate::harness::Test;

/// `key`, `a.b`, `[].c` paths of every object key in `value` (not below `fields`: the vault's).
fn paths(value: &serde_json::Value, at: &str, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let path = if at.is_empty() { key.clone() } else { format!("{at}.{key}") };
                out.insert(path.clone());
                if key != "fields" {
                    paths(inner, &path, out);
                }
            }
        }
        serde_json::Value::Array(items) => {
            let path = if at.is_empty() { "[]".to_string() } else { format!("{at}[]") };
            for item in items {
                paths(item, &path, out);
            }
        }
        _ => {}
    }
}

fn missing(command: &str, json: &str, docs: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut found = BTreeSet::new();
    paths(&value, "", &mut found);
    found
        .into_iter()
        .filter(|p| !docs.contains(&format!("| {command} | `{p}` |")))
        .map(|p| format!("{command} {p}"))
        .collect()
}

#[test]
fn every_json_key_is_documented() {
    let docs = std::fs::read_to_string("docs/json.md").unwrap();
    let goldens = [
        ("list", "basic-list-json"),
        ("list", "owners-list-json"),
        ("overdue", "basic-overdue-json"),
        ("upcoming", "basic-upcoming-json"),
        ("show", "basic-show-jane-json"),
        ("brief", "brief-jane-json"),
        ("profile", "profile-jane-json"),
        ("accounts", "accounts-sample-json"),
        ("accounts", "accounts-acme-json"),
        ("cards", "cards-sample-weeks-8-json"),
        ("history", "history-jane-json"),
        ("changes", "changes-since-json"),
    ];
    let mut undocumented = Vec::new();
    for (command, golden) in goldens {
        let json = std::fs::read_to_string(format!("tests/golden/{golden}.stdout")).unwrap();
        undocumented.extend(missing(command, &json, &docs));
    }
    let check = Test::sample().args(["--format", "json", "check"]).run();
    undocumented.extend(missing("check", &check.stdout, &docs));
    let checkup = Test::sample().args(["--format", "json", "checkup", "Acme Corp"]).run();
    undocumented.extend(missing("checkup", &checkup.stdout, &docs));
    assert!(undocumented.is_empty(), "keys missing from docs/json.md:\n{}", undocumented.join("\n"));
}
