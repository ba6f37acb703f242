//! A contact's Mackay 66 profile: which of the 66 questions (`profile_items`) the file answers,
//! and how. Answers come from, first match winning per question:
//! 1. the front matter: a `profile:` mapping (keys or labels, see below), then top-level keys
//!    that are an item's key (`nickname:`, `avoid_topics:`);
//! 2. the standard keys that answer a question: `company`, `role`, `email`/`phone`,
//!    `birthday`, `anniversary`, `interests` (hobbies), a `family:` spouse or child, `spouse:`,
//!    `address:`;
//! 3. the body (outside code, quotes and the `Log`): a heading that names an item answers it
//!    with the text under it; a list item `- Label: answer` (or `- Question? answer`), or a
//!    paragraph or list item that opens with bold `**Label:**`, answers the item its label
//!    names.
//!
//! A label names an item when its words are the item's key or one of its aliases, else when it
//! holds every word of one of the item's word sets (each word a prefix of a label word; the
//! longest set wins). Pure.

use std::ops::Range;

use serde_yaml::{Mapping, Value};

use super::blocks::{Block, BlockKind};
use super::fields::{key_text, scalar_text};
pub(crate) use super::profile_items::{Section, ITEMS, TOTAL};
use super::Contact;

/// Where an answer was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Source {
    FrontMatter,
    Standard,
    Body,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Answer {
    /// Index into [`ITEMS`].
    pub item: usize,
    pub text: String,
    pub source: Source,
    /// The body bytes that hold it (a body answer only): what a page for others leaves out
    /// when the item is private.
    pub range: Option<Range<usize>>,
}

/// The answers a contact's file gives, at most one per item, in [`ITEMS`] order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Profile {
    pub answers: Vec<Answer>,
}

impl Profile {
    pub(crate) fn get(&self, key: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| ITEMS.get(a.item).is_some_and(|i| i.key == key))
    }

    /// Bit `i` set when item `i` is answered.
    pub(crate) fn mask(&self) -> u128 {
        self.answers.iter().fold(0, |mask, a| mask | 1u128 << a.item)
    }

    /// The body ranges of private answers, for the exports that leave them out.
    pub(crate) fn private_ranges(&self) -> Vec<Range<usize>> {
        self.answers
            .iter()
            .filter(|a| ITEMS.get(a.item).is_some_and(|i| i.private))
            .filter_map(|a| a.range.clone())
            .collect()
    }
}

/// What a load keeps of a profile (`Keep::profile`): which items are answered, the personal talking
/// points (see [`summary`]). Never private text.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    /// Bit `i` set when `ITEMS[i]` is answered.
    pub answered: u128,
    pub points: Box<[Box<str>]>,
}

impl Summary {
    /// How many of the 66 the file answers: what `accounts` averages.
    #[must_use]
    pub fn coverage(&self) -> usize {
        answered(self.answered)
    }

    /// Whether the file answers anything beyond the standard keys (`company`, `role`, ...):
    /// whether it has a profile at all.
    #[must_use]
    pub fn is_started(&self) -> bool {
        let standard = ITEMS
            .iter()
            .enumerate()
            .filter(|(_, item)| STANDARD_ANSWERS.contains(&item.key))
            .fold(0u128, |mask, (i, _)| mask | 1u128 << i);
        self.answered & !standard != 0
    }

    /// Whether the file names topics to avoid (their text is read only where it is shown).
    #[must_use]
    pub fn has_avoid_topics(&self) -> bool {
        item_index("avoid_topics").is_some_and(|i| self.answered & 1u128 << i != 0)
    }
}

/// Items whose answers make good talking points after the family sentences, in this order.
const TALKING_ITEMS: &[&str] =
    &["children_education", "children_interests", "spouse_interests", "personal_goal_now", "proudest"];

/// The names a personal sentence is found by: the first word of each `family:` member's name
/// and of `spouse:`.
pub(crate) fn family_names(contact: &Contact, map: &Mapping) -> Vec<String> {
    let spouse = map.get("spouse").and_then(scalar_text).map(|s| super::strip_link(&s));
    let mut names: Vec<String> = contact
        .family
        .iter()
        .map(|m| m.name.clone())
        .chain(spouse)
        .filter_map(|n| n.split_whitespace().next().map(str::to_string))
        .collect();
    names.dedup();
    names
}

/// The profile's summary for a parse: the answered mask, and up to
/// `digest::PERSONAL_POINTS` talking points: the notes' sentences that name family
/// (`digest::personal`), then the answers to [`TALKING_ITEMS`] as `Label: answer`.
pub(crate) fn summary(
    contact: &Contact,
    map: &Mapping,
    body: &str,
    events: &super::body::Events<'_>,
) -> Summary {
    let blocks = super::blocks::from_events(body, events);
    let profile = read(contact, map, &blocks);
    let private = profile.private_ranges();
    let mut points = super::digest::personal(&blocks, &family_names(contact, map), &private);
    for key in TALKING_ITEMS {
        let Some(answer) = profile.get(key) else { continue };
        let taken = points.iter().any(|p| p.contains(&answer.text) || answer.text.contains(p.as_str()));
        if points.len() < super::digest::PERSONAL_POINTS && !taken {
            points.push(format!("{}: {}", talking_label(key), answer.text));
        }
    }
    Summary { answered: profile.mask(), points: points.into_iter().map(String::into_boxed_str).collect() }
}

/// How a talking point names a [`TALKING_ITEMS`] answer.
fn talking_label(key: &str) -> &'static str {
    match key {
        "children_education" => "Kids' education",
        "children_interests" => "Kids' interests",
        "spouse_interests" => "Spouse's interests",
        "personal_goal_now" => "Personal goal",
        _ => "Proud of",
    }
}

/// Front matter without its private items (top-level keys and keys under `profile:` that
/// name a private item), for every output that may reach others (JSON lists and exports).
pub(crate) fn public(map: &Mapping) -> Mapping {
    let private = |key: &Value| {
        let key = key_text(key);
        item_index(&key).or_else(|| item_for_label(&key, false)).is_some_and(|i| ITEMS[i].private)
    };
    let mut out = Mapping::new();
    for (key, value) in map {
        if item_index(&key_text(key).to_lowercase()).is_some_and(|i| ITEMS[i].private) {
            continue;
        }
        let value = match value {
            Value::Mapping(profile) if key.as_str() == Some("profile") => Value::Mapping(
                profile.iter().filter(|(k, _)| !private(k)).map(|(k, v)| (k.clone(), v.clone())).collect(),
            ),
            other => other.clone(),
        };
        out.insert(key.clone(), value);
    }
    out
}

/// A body without its private answers (the blocks that hold them), for the vCard NOTE.
pub(crate) fn public_body(contact: &Contact, map: &Mapping, body: &str) -> String {
    let ranges = read(contact, map, &super::blocks::blocks(body)).private_ranges();
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for range in ranges {
        if range.start >= at {
            out.push_str(body.get(at..range.start).unwrap_or(""));
            // The answer and its own line break: the blank line after it stays.
            let text = body.get(range.clone()).unwrap_or("");
            let content = text.trim_end_matches(['\n', '\r', ' ', '\t']).len();
            let rest = text.get(content..).unwrap_or("");
            let line_break = if rest.starts_with("\r\n") { 2 } else { usize::from(rest.starts_with('\n')) };
            at = range.start + content + line_break;
            // A removed section leaves one blank line between its neighbours, not two.
            let rest = body.get(at..).unwrap_or("");
            if out.ends_with("\n\n") || out.ends_with("\r\n\r\n") || out.is_empty() {
                at += if rest.starts_with("\r\n") { 2 } else { usize::from(rest.starts_with('\n')) };
            }
        }
    }
    out.push_str(body.get(at..).unwrap_or(""));
    out
}

/// How many of the 66 a mask answers.
pub(crate) fn answered(mask: u128) -> usize {
    (mask & ((1u128 << TOTAL) - 1)).count_ones() as usize
}

/// The index of the item `key` names, exactly.
pub(crate) fn item_index(key: &str) -> Option<usize> {
    KEYS.get(key).copied()
}

/// Every item's key to its index, made once (each front matter key is looked up).
static KEYS: std::sync::LazyLock<std::collections::HashMap<&'static str, usize>> =
    std::sync::LazyLock::new(|| ITEMS.iter().enumerate().map(|(i, item)| (item.key, i)).collect());

/// A label's words: lowercase runs of letters and digits, a possessive `'s` left out.
fn words(label: &str) -> Vec<String> {
    label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "s")
        .map(str::to_lowercase)
        .collect()
}

/// Every item's key and aliases as words (`spouse name`), to the item's index; made once
/// (every file's labels are looked up here). The first item to use a name keeps it.
static EXACT: std::sync::LazyLock<std::collections::HashMap<String, usize>> =
    std::sync::LazyLock::new(|| {
        let mut exact = std::collections::HashMap::new();
        for (i, item) in ITEMS.iter().enumerate() {
            for name in std::iter::once(item.key).chain(item.aliases.iter().copied()) {
                exact.entry(words(name).join(" ")).or_insert(i);
            }
        }
        exact
    });

/// Every item's word sets as words, in [`ITEMS`] order; made once.
static WORD_SETS: std::sync::LazyLock<Vec<Vec<Vec<String>>>> = std::sync::LazyLock::new(|| {
    ITEMS.iter().map(|item| item.words.iter().map(|w| words(w)).collect()).collect()
});

/// The item a label names (see the module's rule); `exact_only` for headings.
pub(crate) fn item_for_label(label: &str, exact_only: bool) -> Option<usize> {
    let got = words(label);
    if got.is_empty() || got.len() > 10 {
        return None;
    }
    let joined = got.join(" ");
    let exact = EXACT.get(&joined).copied();
    if exact.is_some() || exact_only {
        return exact;
    }
    let mut best: Option<(usize, usize)> = None;
    for (i, sets) in WORD_SETS.iter().enumerate() {
        for need in sets {
            let holds = need.iter().all(|n| got.iter().any(|g| g.starts_with(n.as_str())));
            if holds && best.is_none_or(|(_, len)| need.len() > len) {
                best = Some((i, need.len()));
            }
        }
    }
    best.map(|(i, _)| i)
}

/// A front matter value as one line of text: a list joined with `, `, a mapping as `k: v; ...`.
pub(crate) fn value_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::Sequence(items) => items.iter().filter_map(value_text).collect::<Vec<_>>().join(", "),
        Value::Mapping(map) => map
            .iter()
            .filter_map(|(k, v)| Some(format!("{}: {}", key_text(k), value_text(v)?)))
            .collect::<Vec<_>>()
            .join("; "),
        Value::Tagged(tagged) => return value_text(&tagged.value),
        other => scalar_text(other)?,
    };
    (!text.trim().is_empty()).then_some(text)
}

/// The profile a contact's file gives: `map` its front matter, `body` its body's blocks.
pub(crate) fn read(contact: &Contact, map: &Mapping, body: &[Block]) -> Profile {
    let mut found: Vec<Option<Answer>> = vec![None; TOTAL];
    let mut put = |item: usize, text: String, source: Source, range: Option<Range<usize>>| {
        if let Some(slot @ None) = found.get_mut(item) {
            *slot = Some(Answer { item, text, source, range });
        }
    };
    if let Some(Value::Mapping(profile)) = map.get("profile") {
        for (key, value) in profile {
            let key = key_text(key);
            let item = item_index(&key).or_else(|| item_for_label(&key, false));
            if let (Some(item), Some(text)) = (item, value_text(value)) {
                put(item, text, Source::FrontMatter, None);
            }
        }
    }
    for (key, value) in map {
        // `Health:` as some plugins capitalise keys, as for the standard keys.
        let key = key_text(key).to_lowercase();
        // A standard key is read as the contact has it (a link stripped, `[fields]` applied).
        if STANDARD_ITEMS.contains(&key.as_str()) {
            continue;
        }
        if let (Some(item), Some(text)) = (item_index(&key), value_text(value)) {
            put(item, text, Source::FrontMatter, None);
        }
    }
    for (key, text) in standard_answers(contact, map) {
        if let Some(item) = item_index(key) {
            put(item, text, Source::Standard, None);
        }
    }
    for (item, text, range) in body_answers(body) {
        put(item, text, Source::Body, Some(range));
    }
    Profile { answers: found.into_iter().flatten().collect() }
}

/// The items whose key is a standard front matter key, answered from the parsed contact.
const STANDARD_ITEMS: &[&str] = &["company", "role", "phone", "birthday", "anniversary"];

/// The items the standard keys can answer ([`standard_answers`]).
const STANDARD_ANSWERS: &[&str] =
    &["company", "role", "phone", "birthday", "anniversary", "hobbies", "address", "spouse_name", "children"];

/// What is wrong with a `profile:` value, as warnings: not a mapping, or a key that names none
/// of the 66 (a typo would otherwise be an answer silently lost).
pub(crate) fn problems(map: &Mapping) -> Vec<String> {
    match map.get("profile") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Mapping(profile)) => profile
            .keys()
            .map(key_text)
            .filter(|key| item_index(key).or_else(|| item_for_label(key, false)).is_none())
            .map(|key| {
                format!("`{key}` names none of the Mackay 66 (`touchbase profile NAME` lists their keys)")
            })
            .collect(),
        Some(_) => vec!["expected a mapping of Mackay 66 keys to answers".to_string()],
    }
}

/// The answers the standard keys give, as `(item key, text)`.
fn standard_answers(c: &Contact, map: &Mapping) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut add = |key: &'static str, text: Option<String>| {
        if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
            out.push((key, text));
        }
    };
    add("company", c.company.clone());
    add("role", c.role.clone());
    add("phone", Some([c.phones.clone(), c.emails.clone()].concat().join(", ")));
    add("birthday", c.birthday.map(|d| d.to_string()));
    add("anniversary", c.anniversary.map(|d| d.to_string()));
    add("hobbies", Some(c.interests.join(", ")));
    add("address", map.get("address").and_then(value_text));
    let relation = |m: &&super::FamilyMember, of: &[&str]| {
        m.relation.as_deref().is_some_and(|r| of.iter().any(|o| r.eq_ignore_ascii_case(o)))
    };
    let spouse = c.family.iter().find(|m| relation(m, &["spouse", "wife", "husband", "partner"]));
    add("spouse_name", spouse.map(|m| m.name.clone()).or_else(|| map.get("spouse").and_then(value_text)));
    let children: Vec<String> = c
        .family
        .iter()
        .filter(|m| relation(m, &["child", "son", "daughter", "kid"]))
        .map(|m| m.name.clone())
        .collect();
    add("children", Some(children.join(", ")));
    out
}

/// The body's answers, as `(item, text, range)`, in document order.
fn body_answers(all: &[Block]) -> Vec<(usize, String, Range<usize>)> {
    let mut out = Vec::new();
    for (i, block) in all.iter().enumerate() {
        if block.in_log {
            continue;
        }
        match block.kind {
            BlockKind::Heading { level } => {
                let Some(item) = item_for_label(&block.text, true) else { continue };
                let under: Vec<&Block> = all
                    .get(i + 1..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|b| {
                        !b.in_log && !matches!(b.kind, BlockKind::Heading { level: l } if l <= level)
                    })
                    .collect();
                let end = under.last().map_or(block.range.end, |b| b.range.end);
                let text = under.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join(" ");
                if !text.trim().is_empty() {
                    out.push((item, text, block.range.start..end));
                }
            }
            BlockKind::Paragraph | BlockKind::Item { task: None } => {
                if let Some((item, text)) = labelled(block) {
                    out.push((item, text, block.range.clone()));
                }
            }
            BlockKind::Item { task: Some(_) } => {}
        }
    }
    out
}

/// `**Label:** answer` (a paragraph or an item) or `- Label: answer` (an item).
fn labelled(block: &Block) -> Option<(usize, String)> {
    let (label, answer) = match &block.lead {
        Some(lead) => {
            let rest = block.text.strip_prefix(lead.as_str())?;
            let rest = rest.trim_start();
            let rest = rest.strip_prefix(':').unwrap_or(rest);
            (lead.trim_end_matches(':').to_string(), rest.trim().to_string())
        }
        // `- College: UNH`, or a question: `- What is he most proud of? coaching`.
        None if matches!(block.kind, BlockKind::Item { .. }) => {
            let (label, rest) = match block.text.split_once(':') {
                Some((label, rest)) if !label.contains('?') => (label.to_string(), rest),
                _ => {
                    let (question, rest) = block.text.split_once('?')?;
                    (format!("{question}?"), rest)
                }
            };
            (label, rest.trim().to_string())
        }
        None => return None,
    };
    if answer.is_empty() {
        return None;
    }
    Some((item_for_label(&label, false)?, answer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_items_by_key_alias_or_word_set() {
        let key = |label: &str| item_for_label(label, false).map(|i| ITEMS[i].key);
        assert_eq!(key("Spouse's name"), Some("spouse_name"));
        assert_eq!(key("Kids' education"), Some("children_education"));
        assert_eq!(key("Does he object to someone buying his lunch?"), Some("meal_paying"));
        assert_eq!(key("Favorite places for lunch"), Some("lunch_places"));
        assert_eq!(key("What are his long-range personal objectives?"), Some("personal_goal_long"));
        assert_eq!(key("Long-range business objective"), Some("long_range_objective"));
        assert_eq!(key("Sensitive items not to be discussed"), Some("avoid_topics"));
        assert_eq!(key("Family"), None);
        let item = |text: &str| {
            let block = Block {
                kind: BlockKind::Item { task: None },
                range: 0..0,
                text: text.to_string(),
                lead: None,
                in_log: false,
            };
            labelled(&block).map(|(i, answer)| (ITEMS[i].key, answer))
        };
        assert_eq!(item("What is he most proud of? coaching"), Some(("proudest", "coaching".to_string())));
        assert_eq!(item("Does he object to lunch? no: he pays"), None);
        assert_eq!(item("Car: a Jeep"), Some(("car", "a Jeep".to_string())));
        assert_eq!(item_for_label("What is he most proud of?", true), None);
    }

    #[test]
    fn the_66_have_unique_keys_and_every_section() {
        let mut keys: Vec<&str> = ITEMS.iter().map(|i| i.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), TOTAL);
        assert!(Section::ALL.iter().all(|s| ITEMS.iter().any(|i| i.section == *s)));
    }

    #[test]
    fn body_answers_from_headings_items_and_bold_labels() {
        let body = "# X\n\n**College:** BC, 1990\n\n## Hobbies\n\nFly fishing.\n\nSmokes brisket.\n\n## Log\n- Clubs: not read\n\n- Car: a Jeep\n";
        let got: Vec<(&str, String)> = body_answers(&crate::contact::blocks::blocks(body))
            .into_iter()
            .map(|(i, text, _)| (ITEMS[i].key, text))
            .collect();
        assert_eq!(
            got,
            [("college", "BC, 1990".to_string()), ("hobbies", "Fly fishing. Smokes brisket.".to_string())]
        );
    }

    #[test]
    fn front_matter_wins_and_private_ranges_are_the_body_answers() {
        let map: Mapping =
            serde_yaml::from_str("profile: {nickname: Janie, college: ''}\navoid_topics: [x]\n").unwrap();
        let body = "- College: BC\n- Health: knee\n";
        let contact = crate::contact::tests::bare_contact();
        let p = read(&contact, &map, &crate::contact::blocks::blocks(body));
        assert_eq!(p.get("nickname").map(|a| a.text.as_str()), Some("Janie"));
        assert_eq!(p.get("college").map(|a| a.source), Some(Source::Body));
        assert_eq!(p.get("avoid_topics").map(|a| a.text.as_str()), Some("x"));
        assert_eq!(
            p.private_ranges().iter().map(|r| &body[r.clone()]).collect::<Vec<_>>(),
            ["- Health: knee\n"]
        );
        assert_eq!(answered(p.mask()), 4);
        let typo: Mapping = serde_yaml::from_str("profile: {colege: BC, Favorite team: Sox}\n").unwrap();
        assert_eq!(problems(&typo).len(), 1);
        assert!(problems(&typo)[0].starts_with("`colege` names none"));
        let list: Mapping = serde_yaml::from_str("profile: [a]\n").unwrap();
        assert_eq!(problems(&list), ["expected a mapping of Mackay 66 keys to answers"]);
        let body = "- Car: Jeep\n- Health: knee\n\n## Next\n";
        assert_eq!(public_body(&contact, &Mapping::new(), body), "- Car: Jeep\n\n## Next\n");
        let body = "Hi.\n\n## Medical history\n\nKnee.\n\nBack.\n\n## Car\n\nJeep\n";
        assert_eq!(public_body(&contact, &Mapping::new(), body), "Hi.\n\n## Car\n\nJeep\n");
        let map: Mapping =
            serde_yaml::from_str("Health: x\nprofile: {Religion: y, car: z}\nname: n\n").unwrap();
        let kept: Mapping = serde_yaml::from_str("profile: {car: z}\nname: n\n").unwrap();
        assert_eq!(public(&map), kept);
        assert_eq!(read(&contact, &map, &[]).get("health").map(|a| a.text.as_str()), Some("x"));
    }
}
