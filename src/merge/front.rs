//! The front matter merged key by key: each top-level key's lines are a block, read by
//! `serde_yaml`; a key changed on one side takes that side's lines, `last_contact` the later
//! date, list keys the union, a removed `next_contact` stays removed, and anything else changed
//! on both sides goes to `git merge-file` for that key's lines only.

use std::collections::HashSet;
use std::ops::Range;

use serde_yaml::{Mapping, Value};

use super::git::{self, LineMerge};
use crate::error::Result;
use crate::write::edit::yaml_list;

/// Keys whose values are lists united on a merge.
const LIST_KEYS: &[&str] = &["tags", "emails", "phones", "interests", "aliases"];

/// One top-level key: its line and the lines that continue its value.
#[derive(Debug)]
struct Block<'a> {
    key: String,
    value: Value,
    text: &'a str,
    range: Range<usize>,
}

/// The blocks of a front matter, or `None` when its lines are not one key per block (a value
/// that YAML reads across lines in another way): then the whole front matter is merged as lines.
fn blocks(yaml: &str) -> Option<Vec<Block<'_>>> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let top = !line.starts_with([' ', '\t', '#', '-', '\r', '\n']) && !line.trim().is_empty();
        if top {
            starts.push(offset);
        }
        offset += line.len();
    }
    let mut out = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let mut end = starts.get(i + 1).copied().unwrap_or(yaml.len());
        // Comment and blank lines before the next key are kept where they are, not in the block.
        let chunk = yaml.get(start..end)?;
        let mut kept = chunk.len();
        for line in chunk.split_inclusive('\n').rev() {
            let trimmed = line.trim();
            if kept > line.len() && (trimmed.is_empty() || trimmed.starts_with('#')) {
                kept -= line.len();
            } else {
                break;
            }
        }
        end = start + kept;
        let text = yaml.get(start..end)?;
        let Ok(Value::Mapping(map)) = serde_yaml::from_str::<Value>(text) else { return None };
        let (Some((Value::String(key), value)), 1) = (map.iter().next(), map.len()) else { return None };
        out.push(Block { key: key.clone(), value: value.clone(), text, range: start..end });
    }
    // The blocks must say what the whole front matter says.
    let whole: Mapping = match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(map)) => map,
        Ok(Value::Null) => Mapping::new(),
        _ => return None,
    };
    let same = whole.len() == out.len()
        && out.iter().all(|b| whole.get(Value::String(b.key.clone())) == Some(&b.value));
    same.then_some(out)
}

fn find<'b, 'a>(blocks: &'b [Block<'a>], key: &str) -> Option<&'b Block<'a>> {
    blocks.iter().find(|b| b.key == key)
}

/// What one key becomes in the merged front matter.
enum Resolved {
    Keep,
    Text(String),
    Conflict(String),
}

/// Merges three front matters (their YAML lines, line endings already alike).
pub(crate) fn merge(base: &str, ours: &str, theirs: &str) -> Result<LineMerge> {
    let (Some(b), Some(o), Some(t)) = (blocks(base), blocks(ours), blocks(theirs)) else {
        return git::merge_file(base.as_bytes(), ours.as_bytes(), theirs.as_bytes());
    };
    let eol = super::eol(ours);
    let mut conflicts = false;
    let mut out = String::new();
    let mut at = 0;
    let mut taken: HashSet<&str> = HashSet::new();
    let resolve_into = |out: &mut String, key: &str, conflicts: &mut bool| -> Result<()> {
        let ours_block = find(&o, key);
        match resolve(key, find(&b, key), ours_block, find(&t, key))? {
            Resolved::Keep => out.push_str(ours_block.map_or("", |block| block.text)),
            Resolved::Text(text) => out.push_str(&text),
            Resolved::Conflict(text) => {
                *conflicts = true;
                out.push_str(&text);
            }
        }
        Ok(())
    };
    for block in &o {
        out.push_str(ours.get(at..block.range.start).unwrap_or(""));
        resolve_into(&mut out, &block.key, &mut conflicts)?;
        taken.insert(&block.key);
        at = block.range.end;
        // Keys only theirs has, that follow this one there, come right after it.
        let mut follows = t.iter().skip_while(|tb| tb.key != block.key).skip(1);
        for added in follows.by_ref().take_while(|tb| find(&o, &tb.key).is_none()) {
            if taken.insert(&added.key) {
                resolve_into(&mut out, &added.key, &mut conflicts)?;
            }
        }
    }
    let tail = ours.get(at..).unwrap_or("");
    let mut rest = String::new();
    for added in &t {
        if taken.insert(&added.key) {
            resolve_into(&mut rest, &added.key, &mut conflicts)?;
        }
    }
    if !rest.is_empty() && !out.is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    out.push_str(&rest);
    out.push_str(tail);
    // Without markers the result must still read as a mapping; else let git merge the lines.
    if !conflicts && !matches!(serde_yaml::from_str::<Value>(&out), Ok(Value::Mapping(_) | Value::Null)) {
        return git::merge_file(base.as_bytes(), ours.as_bytes(), theirs.as_bytes());
    }
    Ok(LineMerge { bytes: out.into_bytes(), conflicts })
}

fn resolve(
    key: &str,
    b: Option<&Block<'_>>,
    o: Option<&Block<'_>>,
    t: Option<&Block<'_>>,
) -> Result<Resolved> {
    let text = |block: Option<&Block<'_>>| block.map_or(String::new(), |x| x.text.to_string());
    let (bv, ov, tv) = (b.map(|x| &x.value), o.map(|x| &x.value), t.map(|x| &x.value));
    if ov == tv || bv == tv {
        return Ok(Resolved::Keep);
    }
    if bv == ov {
        return Ok(Resolved::Text(text(t)));
    }
    let lower = key.to_ascii_lowercase();
    match (lower.as_str(), o, t) {
        // An answered check-up stays answered, whatever the other side planned.
        ("next_contact", None, _) => return Ok(Resolved::Keep),
        ("next_contact", _, None) => return Ok(Resolved::Text(String::new())),
        ("last_contact", _, _) => {
            let date = |v: Option<&Value>| match v {
                Some(Value::String(s)) => crate::dates::parse_date(s).ok(),
                _ => None,
            };
            match (date(ov), date(tv)) {
                (Some(od), Some(td)) if td > od => return Ok(Resolved::Text(text(t))),
                (Some(_), _) => return Ok(Resolved::Keep),
                (None, Some(_)) => return Ok(Resolved::Text(text(t))),
                (None, None) => {}
            }
        }
        (list, Some(o), Some(_)) if LIST_KEYS.contains(&list) => {
            if let (Some(bi), Some(oi), Some(ti)) = (items(bv), items(ov), items(tv)) {
                let merged = unite(&bi, &oi, &ti);
                return Ok(if merged == oi {
                    Resolved::Keep
                } else {
                    Resolved::Text(list_block(key, o, &merged))
                });
            }
        }
        _ => {}
    }
    let merged = git::merge_file(text(b).as_bytes(), text(o).as_bytes(), text(t).as_bytes())?;
    let merged_text = String::from_utf8_lossy(&merged.bytes).into_owned();
    Ok(if merged.conflicts { Resolved::Conflict(merged_text) } else { Resolved::Text(merged_text) })
}

/// A list value's items as text; a lone scalar is a list of one, no value an empty list.
fn items(value: Option<&Value>) -> Option<Vec<String>> {
    let scalar = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match value {
        None | Some(Value::Null) => Some(Vec::new()),
        Some(Value::Sequence(seq)) => seq.iter().map(scalar).collect(),
        Some(other) => scalar(other).map(|s| vec![s]),
    }
}

/// Ours, less what theirs removed from the base, then what theirs added, each once.
pub(crate) fn unite(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let removed = |item: &String| base.contains(item) && !theirs.contains(item);
    for item in ours {
        if !removed(item) && !out.contains(item) {
            out.push(item.clone());
        }
    }
    for item in theirs {
        if !base.contains(item) && !out.contains(item) {
            out.push(item.clone());
        }
    }
    out
}

/// The key's lines for a merged list, in the style ours wrote it: one flow line, or a block
/// list with ours' indentation.
fn list_block(key: &str, ours: &Block<'_>, items: &[String]) -> String {
    let eol = super::eol(ours.text);
    let mut lines = ours.text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    let item_line = lines.find(|l| l.trim_start().starts_with('-'));
    match item_line {
        Some(line) if !items.is_empty() => {
            let indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
            let mut out = format!("{}{eol}", first.trim_end());
            for item in items {
                out.push_str(&format!("{indent}- {}{eol}", crate::write::edit::yaml_scalar(item)));
            }
            out
        }
        _ => format!("{key}: {}{eol}", yaml_list(items)),
    }
}

/// Whether a front matter splits into blocks (for tests of the fallback).
#[cfg(test)]
pub(super) fn blocks_of(yaml: &str) -> Option<usize> {
    blocks(yaml).map(|b| b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(base: &str, ours: &str, theirs: &str) -> (String, bool) {
        let m = merge(base, ours, theirs).unwrap();
        (String::from_utf8(m.bytes).unwrap(), m.conflicts)
    }

    #[test]
    fn a_key_changed_on_one_side_takes_that_side() {
        let base = "name: Jane # the CEO\nrole: CTO\ncompany: Acme\n";
        let ours = "name: Jane # the CEO\nrole: CTO\ncompany: Acme Corp\n";
        let theirs = "name: Jane\nrole: CEO\ncompany: Acme\n";
        // `name`'s value is the same on all sides: ours' comment stays.
        assert_eq!(
            merged(base, ours, theirs),
            ("name: Jane # the CEO\nrole: CEO\ncompany: Acme Corp\n".into(), false)
        );
    }

    #[test]
    fn last_contact_takes_the_later_date_and_lists_unite() {
        let base = "last_contact: 2026-11-01\ntags: [a, b]\n";
        let ours = "last_contact: 2026-11-20\ntags: [a, b, c]\n";
        let theirs = "last_contact: 2026-11-26\ntags: [b, d]\n";
        assert_eq!(merged(base, ours, theirs), ("last_contact: 2026-11-26\ntags: [b, c, d]\n".into(), false));
        let block = "tags:\n  - a\n";
        assert_eq!(
            merged(block, "tags:\n  - a\n  - b\n", "tags:\n  - a\n  - c\n").0,
            "tags:\n  - a\n  - b\n  - c\n"
        );
    }

    #[test]
    fn an_answered_next_contact_stays_removed() {
        let base = "name: A\nnext_contact: 2026-12-01\n";
        assert_eq!(merged(base, "name: A\n", "name: A\nnext_contact: 2026-12-05\n").0, "name: A\n");
        assert_eq!(merged(base, "name: A\nnext_contact: 2026-12-05\n", "name: A\n").0, "name: A\n");
    }

    #[test]
    fn a_scalar_changed_on_both_sides_conflicts_on_its_lines_only() {
        let (text, conflicts) =
            merged("name: A\nrole: CTO\nx: 1\n", "name: A\nrole: CEO\nx: 1\n", "name: A\nrole: CFO\nx: 2\n");
        assert!(conflicts);
        assert_eq!(text, "name: A\n<<<<<<< ours\nrole: CEO\n=======\nrole: CFO\n>>>>>>> theirs\nx: 2\n");
    }

    #[test]
    fn keys_added_by_theirs_follow_their_neighbour() {
        let (text, _) = merged(
            "name: A\nrole: B\n",
            "name: A\nrole: B\n# end\n",
            "name: A\nemail: a@x\nrole: B\nphone: 1\n",
        );
        assert_eq!(text, "name: A\nemail: a@x\nrole: B\nphone: 1\n# end\n");
    }
}
