//! `history NAME`: what changed about one person over time, from the contact's file at each
//! commit that touched it (`vault::git`): the front matter's keys added, changed or removed, and
//! each Log entry with the author of the commit that added it. Newest first.

use std::path::Path;

use serde_yaml::{Mapping, Value};

use crate::contact::{self, Keep, ParseOptions, Parsed};
use crate::vault::git::Revision;

/// One key's change in one commit; `old`/`new` are `None` when the key was added/removed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Change {
    pub commit: String,
    pub date: String,
    pub author: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A Log entry (or any dated interaction) and the commit that added it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Touch {
    pub date: String,
    pub summary: String,
    pub commit: String,
    pub author: String,
}

/// One commit that touched the file, with the file's path at it (renames show here).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Step {
    pub commit: String,
    pub date: String,
    pub author: String,
    pub path: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct History {
    pub name: String,
    pub path: String,
    pub commits: Vec<Step>,
    pub changes: Vec<Change>,
    pub touches: Vec<Touch>,
}

/// What one version of the file says: its front matter and its dated entries.
#[derive(Default)]
struct Version {
    fields: Mapping,
    touches: Vec<(String, String)>,
}

fn version(path: &str, text: Option<&str>, options: &ParseOptions<'_>) -> Version {
    let Some(text) = text else { return Version::default() };
    let path = Path::new(path);
    match contact::parse(path, path, text, options) {
        Ok(Parsed::Contact(contact, _)) => Version {
            fields: contact.fields(),
            touches: contact.interactions().map(|i| (i.date.to_string(), i.summary.to_owned())).collect(),
        },
        _ => Version::default(),
    }
}

/// `revisions` newest first (as `git log` gives them), each with the file's text at it.
pub(crate) fn history(
    name: &str,
    path: &str,
    revisions: &[(Revision, Option<String>)],
    options: &ParseOptions<'_>,
) -> History {
    let options = ParseOptions {
        keep: Keep { interactions: usize::MAX, front_matter: true, ..Keep::LEAN },
        ..*options
    };
    let mut report = History { name: name.to_owned(), path: path.to_owned(), ..History::default() };
    let mut before = Version::default();
    for (revision, text) in revisions.iter().rev() {
        let after = version(&revision.path, text.as_deref(), &options);
        let stamp = |field: String, old, new| Change {
            commit: revision.commit.clone(),
            date: revision.date.clone(),
            author: revision.author.clone(),
            field,
            old,
            new,
        };
        report.changes.extend(
            field_changes(&before.fields, &after.fields).into_iter().map(|(f, o, n)| stamp(f, o, n)).rev(),
        );
        for (date, summary) in added(&before.touches, &after.touches) {
            let (commit, author) = (revision.commit.clone(), revision.author.clone());
            report.touches.push(Touch { date, summary, commit, author });
        }
        report.commits.push(Step {
            commit: revision.commit.clone(),
            date: revision.date.clone(),
            author: revision.author.clone(),
            path: revision.path.clone(),
        });
        before = after;
    }
    report.changes.reverse();
    report.commits.reverse();
    // Newest entry first; an older commit's entry of the same day after a newer commit's.
    report.touches.reverse();
    report.touches.sort_by(|a, b| b.date.cmp(&a.date));
    report
}

/// The entries of `after` that `before` does not have, counting repeats (an entry logged twice).
fn added(before: &[(String, String)], after: &[(String, String)]) -> Vec<(String, String)> {
    let mut left: Vec<&(String, String)> = before.iter().collect();
    let mut new = Vec::new();
    for entry in after {
        if let Some(at) = left.iter().position(|e| *e == entry) {
            left.swap_remove(at);
        } else {
            new.push(entry.clone());
        }
    }
    new
}

/// One value as one line: a scalar as written, a list or mapping as compact JSON.
pub(crate) fn one_line(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Tagged(tagged) => one_line(&tagged.value),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// Every key added, changed or removed between two front matters: `after`'s keys in its order,
/// then the removed ones in `before`'s.
pub(crate) fn field_changes(
    before: &Mapping,
    after: &Mapping,
) -> Vec<(String, Option<String>, Option<String>)> {
    let mut changes = Vec::new();
    for (key, new) in after {
        match before.get(key) {
            Some(old) if old == new => {}
            old => changes.push((one_line(key), old.map(one_line), Some(one_line(new)))),
        }
    }
    for (key, old) in before {
        if !after.contains_key(key) {
            changes.push((one_line(key), Some(one_line(old)), None));
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(yaml: &str) -> Mapping {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn two_front_matters_give_added_changed_and_removed_keys() {
        let before = map("name: Jane\nrole: CTO\ntags: [customer]\nphone: '1'\n");
        let after =
            map("name: Jane\nrole: CEO\ntags: [customer, golf]\nfamily:\n  - {name: Tom, relation: son}\n");
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(
            field_changes(&before, &after),
            vec![
                ("role".to_owned(), some("CTO"), some("CEO")),
                ("tags".to_owned(), some(r#"["customer"]"#), some(r#"["customer","golf"]"#)),
                ("family".to_owned(), None, some(r#"[{"name":"Tom","relation":"son"}]"#)),
                ("phone".to_owned(), some("1"), None),
            ]
        );
        assert!(field_changes(&after, &after).is_empty());
    }

    #[test]
    fn an_entry_logged_twice_is_added_twice() {
        let e = |s: &str| ("2026-11-01".to_owned(), s.to_owned());
        assert_eq!(added(&[e("a")], &[e("a"), e("a"), e("b")]), vec![e("a"), e("b")]);
    }
}
