//! Wiki links in front matter values (`company: "[[Acme Corp]]"`): what they link to.

use std::sync::LazyLock;

use regex::Regex;

use super::body;

static WIKI_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\[([^\[\]]+?)\]\]").expect("valid regex"));

pub(crate) fn wiki_links_in(text: &str, links: &mut Vec<String>) {
    if !text.contains("[[") {
        return;
    }
    for caps in WIKI_LINK.captures_iter(text) {
        if let Some(target) = caps.get(1).and_then(|m| body::normalize_target(m.as_str())) {
            if !links.contains(&target) {
                links.push(target);
            }
        }
    }
}

/// `[[Acme Corp]]` → `Acme Corp`; plain text is returned as it is.
#[must_use]
pub(crate) fn strip_link(text: &str) -> String {
    let trimmed = text.trim();
    if let Some(inner) = trimmed.strip_prefix("[[").and_then(|s| s.strip_suffix("]]")) {
        if let Some(target) = body::normalize_target(inner) {
            return target;
        }
    }
    trimmed.to_string()
}

/// The front matter keys whose links must name a contact or a note: `check` reports them when
/// broken. Any other link (in the body, in `company`, in a key of the vault's own) may name a
/// note that does not exist yet, as is normal in Obsidian (`check --verbose` reports those).
pub(crate) const REQUIRED_LINK_KEYS: &[&str] = &["reports_to", "family"];

/// The link targets in the [`REQUIRED_LINK_KEYS`] of a front matter (the vault's own key names
/// first, as the builder reads them; a standard key in another case too).
pub(crate) fn required_links(map: &serde_yaml::Mapping, names: &super::FieldNames) -> Vec<String> {
    fn strings(value: &serde_yaml::Value, links: &mut Vec<String>) {
        match value {
            serde_yaml::Value::String(s) => wiki_links_in(s, links),
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| strings(v, links)),
            serde_yaml::Value::Mapping(map) => map.values().for_each(|v| strings(v, links)),
            serde_yaml::Value::Tagged(tagged) => strings(&tagged.value, links),
            _ => {}
        }
    }
    let mut links = Vec::new();
    for standard in REQUIRED_LINK_KEYS {
        let mapped = names.key_for(standard);
        let value = map
            .iter()
            .find(|(k, _)| super::fields::key_text(k) == mapped)
            .or_else(|| map.iter().find(|(k, _)| super::fields::key_text(k).eq_ignore_ascii_case(standard)));
        if let Some((_, value)) = value {
            strings(value, &mut links);
        }
    }
    links
}
