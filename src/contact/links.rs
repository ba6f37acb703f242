//! Wiki links in front matter values (`company: "[[Acme Corp]]"`): what they link to.

use std::sync::LazyLock;

use regex::Regex;

use super::body;

static WIKI_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\[([^\[\]]+?)\]\]").expect("valid regex"));

pub(super) fn wiki_links_in(text: &str, links: &mut Vec<String>) {
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
