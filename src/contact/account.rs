//! A contact's place in an account (`account_role`, `reports_to`, `left`, `replaced_by`,
//! `added`, `checkup_cadence`), account notes (a note for a company: `type: account`, owner,
//! tier, aliases, its own cadence, required roles), and the `## Check-up YYYY-MM-DD` headings
//! that date a relationship check-up. Pure, like the rest of `contact`.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_yaml::{Mapping, Value};

use super::fields::{key_text, scalar_text, string_list};
use super::Cadence;

/// The standard `account_role` ids, in the order they are listed.
pub(crate) const STANDARD_ROLES: &[&str] =
    &["decision_maker", "economic_buyer", "champion", "influencer", "user", "internal"];

/// The roles an account needs covered when its note does not say (`required_roles`).
pub(crate) const DEFAULT_REQUIRED_ROLES: &[&str] = &["decision_maker", "champion"];

/// The note keys that make a note without `type: account` an account note all the same.
const ACCOUNT_KEYS: &[&str] = &["owner", "tier", "required_roles", "checkup_cadence"];

/// The owners written in an `owner:` value: `[[ ]]` stripped, trimmed, the empty ones and
/// repeats (case-insensitive) left out.
pub(crate) fn owners(written: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for owner in written {
        let owner = super::strip_link(owner).trim().to_string();
        if !owner.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&owner)) {
            out.push(owner);
        }
    }
    out
}

/// Gives each contact without an `owner:` of its own the owners of its company's account note
/// (found by the note's name, aliases or file stem, case-insensitive, `[[ ]]` stripped).
pub(crate) fn inherit_owners(contacts: &mut [Box<super::Contact>], notes: &[AccountNote]) {
    let by_name = owners_by_name(notes);
    for contact in contacts.iter_mut() {
        inherit(contact, &by_name);
    }
}

/// [`inherit_owners`] for one contact (one that `watch` reads again).
pub(crate) fn inherit_owner(contact: &mut super::Contact, notes: &[AccountNote]) {
    inherit(contact, &owners_by_name(notes));
}

type OwnersByName<'a> = std::collections::BTreeMap<String, &'a [String]>;

fn owner_key(name: &str) -> String {
    super::strip_link(name).trim().to_lowercase()
}

fn owners_by_name(notes: &[AccountNote]) -> OwnersByName<'_> {
    let mut by_name = OwnersByName::new();
    for note in notes.iter().filter(|n| !n.owners.is_empty()) {
        let stem = note.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        for name in std::iter::once(&note.name).chain(&note.aliases).chain(std::iter::once(&stem)) {
            by_name.entry(owner_key(name)).or_insert(&note.owners);
        }
    }
    by_name
}

fn inherit(contact: &mut super::Contact, by_name: &OwnersByName<'_>) {
    if !contact.owners.is_empty() {
        return;
    }
    if let Some(owners) = contact.company.as_deref().and_then(|c| by_name.get(&owner_key(c))) {
        contact.owners = owners.to_vec();
    }
}

/// A standard role's id (`Decision Maker`, `decision-maker` → `decision_maker`), or the text as
/// written when it is none of them.
pub(crate) fn role_id(text: &str) -> String {
    let id: String =
        text.trim().to_lowercase().chars().map(|c| if c == ' ' || c == '-' { '_' } else { c }).collect();
    match STANDARD_ROLES.iter().find(|r| **r == id) {
        Some(role) => (*role).to_string(),
        None => text.trim().to_string(),
    }
}

/// Whether a role id counts as a decision maker.
pub(crate) fn decides(role: &str) -> bool {
    role == "decision_maker" || role == "economic_buyer"
}

/// Whether a contact has left the company: `left: 2026-09-01`, or `left: true` (date unknown).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Left {
    On(NaiveDate),
    Undated,
}

/// What a contact's front matter says about its account.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountFields {
    /// `account_role` ids (standard ones as ids, others as written), in the file's order.
    pub roles: Vec<String>,
    /// `reports_to`, without `[[ ]]`.
    pub reports_to: Option<String>,
    pub left: Option<Left>,
    /// `replaced_by`, without `[[ ]]`.
    pub replaced_by: Option<String>,
    /// `added` (or Obsidian's `created`): when the contact was added.
    pub added: Option<NaiveDate>,
    pub checkup_cadence: Option<Cadence>,
    /// The dates of the body's `## Check-up YYYY-MM-DD` headings, newest first.
    pub checkups: Vec<NaiveDate>,
}

/// An account note, as read from its file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountNote {
    /// Relative to the vault root.
    pub path: std::path::PathBuf,
    /// `name:`, else the file stem.
    pub name: String,
    pub aliases: Vec<String>,
    /// `owner:` (one or a list), `[[ ]]` stripped.
    pub owners: Vec<String>,
    pub tier: Option<String>,
    pub tags: Vec<String>,
    /// The account's own cadence: stale when nobody there was touched within it.
    pub cadence: Option<Cadence>,
    pub checkup_cadence: Option<Cadence>,
    /// Role ids; empty: [`DEFAULT_REQUIRED_ROLES`].
    pub required_roles: Vec<String>,
    /// Marked `type: account` (else found by its account keys or check-up headings).
    pub marked: bool,
    /// Check-up headings' dates, newest first.
    pub checkups: Vec<NaiveDate>,
    /// Problems with its values, as `(key, message)`.
    pub problems: Vec<(String, String)>,
}

/// A vault's account notes, and its other markdown notes (an account finds its note by name
/// among them when no note says it is one).
#[derive(Clone, Debug, Default)]
pub(crate) struct Notes {
    /// Sorted by path.
    pub notes: Vec<AccountNote>,
    /// Every other markdown file that is not a contact, sorted by path.
    pub plain: Vec<std::path::PathBuf>,
}

/// Whether front matter marks its note as an account: `type: account` (or `kind:`,
/// `categories:` with `account`, `accounts`, `company`, `[[Accounts]]`).
pub(crate) fn is_marked(map: &Mapping) -> Option<(String, String)> {
    const KEYS: &[&str] = &["type", "kind", "categories", "category"];
    const WORDS: &[&str] = &["account", "accounts", "company", "companies"];
    for (key, value) in map {
        let key = key_text(key);
        if !KEYS.iter().any(|k| k.eq_ignore_ascii_case(&key)) {
            continue;
        }
        for text in string_list(value, Some(',')) {
            let word = super::strip_link(text.trim());
            if WORDS.iter().any(|w| w.eq_ignore_ascii_case(&word)) {
                return Some((key, text.trim().to_string()));
            }
        }
    }
    None
}

/// The account note a note is, when it is one: marked, or with an account key or a check-up
/// heading. `None` for any other note.
pub(crate) fn note(path: &Path, map: &Mapping, body: &str) -> Option<AccountNote> {
    let marked = is_marked(map).is_some();
    let checkups = checkup_dates(body);
    let get = |k: &str| map.iter().find(|(key, _)| key_text(key).eq_ignore_ascii_case(k)).map(|(_, v)| v);
    if !marked && checkups.is_empty() && !ACCOUNT_KEYS.iter().any(|k| get(k).is_some()) {
        return None;
    }
    let mut problems = Vec::new();
    let mut cadence = |key: &str| {
        let text = get(key).and_then(scalar_text)?;
        Cadence::parse(&text).map_err(|e| problems.push((key.to_string(), e.to_string()))).ok()
    };
    let (own, checkup) = (cadence("cadence"), cadence("checkup_cadence"));
    let list = |k: &str| get(k).map(|v| string_list(v, Some(','))).unwrap_or_default();
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Some(AccountNote {
        path: path.to_path_buf(),
        name: get("name").and_then(scalar_text).unwrap_or(stem),
        aliases: list("aliases"),
        owners: owners(&list("owner")),
        tier: get("tier").and_then(scalar_text),
        tags: list("tags").into_iter().map(|t| t.trim_start_matches('#').to_string()).collect(),
        cadence: own,
        checkup_cadence: checkup,
        required_roles: list("required_roles").iter().map(|r| role_id(r)).collect(),
        marked,
        checkups,
        problems,
    })
}

/// The dates of `## Check-up YYYY-MM-DD` headings (any level, `Checkup` too), newest first.
pub(crate) fn checkup_dates(body: &str) -> Vec<NaiveDate> {
    let mut dates: Vec<NaiveDate> = body
        .lines()
        .filter_map(|line| {
            // A BOM may open the first line of a note without front matter.
            let heading = line
                .trim_start_matches('\u{feff}')
                .trim_start()
                .strip_prefix('#')?
                .trim_start_matches('#')
                .trim();
            // Only `c` and `C` lower-case to a `c`: most headings are done with before any
            // lower-casing.
            if !heading.starts_with(['c', 'C']) {
                return None;
            }
            let lower = heading.to_lowercase();
            let rest = lower.strip_prefix("check-up").or_else(|| lower.strip_prefix("checkup"))?;
            let date = rest.trim().get(..10)?;
            crate::dates::parse_date(date).ok()
        })
        .collect();
    dates.sort_by(|a, b| b.cmp(a));
    dates.dedup();
    dates
}

/// `left:` read: a date, `true`, or nothing (`false`, empty).
pub(crate) fn left(value: &Value) -> Result<Option<Left>, String> {
    match value {
        Value::Bool(true) => Ok(Some(Left::Undated)),
        Value::Bool(false) | Value::Null => Ok(None),
        other => match scalar_text(other) {
            None => Ok(None),
            Some(text) if text.eq_ignore_ascii_case("yes") || text.eq_ignore_ascii_case("true") => {
                Ok(Some(Left::Undated))
            }
            Some(text) => {
                crate::dates::parse_date(&text).map(|d| Some(Left::On(d))).map_err(|e| e.to_string())
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_are_read_once_each_and_inherited_by_alias_unless_a_contact_has_its_own() {
        let written = ["[[Alice Ray]]", " alice ray ", "", "bob@example.com"].map(String::from);
        assert_eq!(owners(&written), ["Alice Ray", "bob@example.com"]);
        let note = AccountNote {
            path: "notes/Acme Corp.md".into(),
            name: "Acme Corp".into(),
            aliases: vec!["ACME".into()],
            owners: vec!["Alice Ray".into()],
            ..AccountNote::default()
        };
        let mut people: Vec<Box<super::super::Contact>> =
            ["a.md", "b.md", "c.md"].iter().map(|p| Box::new(super::super::blank(p))).collect();
        people[0].company = Some("acme".into());
        people[1].company = Some("Acme Corp".into());
        people[1].owners = vec!["Bob".into()];
        inherit_owners(&mut people, &[note]);
        assert_eq!(people[0].owners, ["Alice Ray"]);
        assert_eq!(people[1].owners, ["Bob"], "a contact's own owner wins");
        assert!(people[2].owners.is_empty());
    }

    #[test]
    fn roles_are_ids_or_free_text() {
        assert_eq!(role_id("Decision Maker"), "decision_maker");
        assert_eq!(role_id(" economic-buyer "), "economic_buyer");
        assert_eq!(role_id("Budget holder"), "Budget holder");
        assert!(decides("economic_buyer") && !decides("champion"));
    }

    #[test]
    fn checkup_headings_date_checkups() {
        let body = "# Acme\n## Check-up 2026-08-20\n- ok\n### checkup 2025-05-01 (late)\n## Check-ups\n## Check-up soon\n";
        assert_eq!(
            checkup_dates(body),
            ["2026-08-20".parse::<NaiveDate>().unwrap(), "2025-05-01".parse().unwrap()]
        );
    }

    #[test]
    fn account_notes_are_marked_or_have_account_keys() {
        let map: Mapping = serde_yaml::from_str(
            "type: account\naliases: [Acme]\ncadence: monthly\nrequired_roles: [Champion]",
        )
        .unwrap();
        let note = note(Path::new("notes/Acme Corp.md"), &map, "").unwrap();
        assert_eq!((note.name.as_str(), note.marked), ("Acme Corp", true));
        assert_eq!(note.required_roles, ["champion"]);
        assert!(super::note(Path::new("r/Pie.md"), &serde_yaml::from_str("rating: 5").unwrap(), "").is_none());
        let bad: Mapping = serde_yaml::from_str("tier: gold\ncheckup_cadence: sometimes").unwrap();
        let note = super::note(Path::new("x.md"), &bad, "").unwrap();
        assert_eq!(note.problems.len(), 1);
        assert!(!note.marked);
    }

    #[test]
    fn left_is_a_date_or_true() {
        assert_eq!(left(&Value::Bool(true)), Ok(Some(Left::Undated)));
        assert_eq!(
            left(&Value::String("2026-09-01".into())),
            Ok(Some(Left::On("2026-09-01".parse().unwrap())))
        );
        assert_eq!(left(&Value::Bool(false)), Ok(None));
        assert!(left(&Value::String("soon".into())).is_err());
    }
}
