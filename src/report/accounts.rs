//! Accounts: contacts grouped by company, the account's last touch, and the gaps that put a
//! relationship at risk (nobody contacted lately, a decision maker never contacted, only one
//! contact there).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;

use crate::index::{Entry, Index};
use crate::schedule::Status;
use crate::vault_path::VaultPath;

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct AccountContact {
    pub name: String,
    pub path: String,
    pub role: Option<String>,
    pub status: Status,
    pub last_contact: Option<String>,
    pub decision_maker: bool,
    /// How many of the Mackay 66 the contact's file answers (`touchbase profile NAME`).
    pub profile_coverage: usize,
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub(crate) enum FlagKind {
    /// Nobody there was contacted within the account's longest cadence.
    Stale,
    /// A decision maker there has never been contacted.
    DecisionMakerNeverContacted,
    /// Only one contact there.
    SingleThreaded,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Flag {
    pub kind: FlagKind,
    pub message: String,
    /// The contact the flag is about, when it is about one.
    pub who: Option<String>,
    pub path: Option<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Account {
    pub company: String,
    pub contacts: Vec<AccountContact>,
    pub last_touch: Option<String>,
    /// Whether it counts as a customer account (`account_tags`).
    pub customer: bool,
    pub flags: Vec<Flag>,
    /// The contacts' average `profile_coverage`, rounded down; `None` when nobody there has a
    /// profile beyond the standard keys.
    pub profile_average: Option<usize>,
}

/// Whether a contact decides: tagged `decision-maker`, or a role naming one of `roles` as a word.
pub(crate) struct DecisionMakers {
    roles: Option<Regex>,
}

impl DecisionMakers {
    pub(crate) fn new(roles: &[String]) -> DecisionMakers {
        let words: Vec<String> =
            roles.iter().filter(|r| !r.trim().is_empty()).map(|r| regex::escape(r.trim())).collect();
        let roles = (!words.is_empty())
            .then(|| Regex::new(&format!(r"(?i)\b(?:{})\b", words.join("|"))))
            .and_then(Result::ok);
        DecisionMakers { roles }
    }

    pub(crate) fn is(&self, entry: &Entry) -> bool {
        let c = &entry.contact;
        c.tags.iter().any(|t| t.eq_ignore_ascii_case("decision-maker"))
            || c.role.as_deref().is_some_and(|role| self.roles.as_ref().is_some_and(|r| r.is_match(role)))
    }
}

/// Every company with at least one contact, sorted by name (case-insensitive).
pub(crate) fn accounts(index: &Index, roles: &[String], account_tags: &[String]) -> Vec<Account> {
    let deciders = DecisionMakers::new(roles);
    let mut groups: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
    for entry in &index.entries {
        if let Some(company) = entry.contact.company.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            groups.entry(company.to_lowercase()).or_default().push(entry);
        }
    }
    groups
        .into_values()
        .filter_map(|members| account(index.today, &members, &deciders, account_tags))
        .collect()
}

fn account(
    today: NaiveDate,
    members: &[&Entry],
    deciders: &DecisionMakers,
    account_tags: &[String],
) -> Option<Account> {
    // The most used spelling names the account (the first by path on a tie).
    let mut spellings: Vec<(&str, usize)> = Vec::new();
    for member in members {
        let spelling = member.contact.company.as_deref().map(str::trim)?;
        match spellings.iter_mut().find(|(s, _)| *s == spelling) {
            Some((_, n)) => *n += 1,
            None => spellings.push((spelling, 1)),
        }
    }
    let best = spellings.iter().map(|(_, n)| *n).max()?;
    let company = spellings.iter().find(|(_, n)| *n == best)?.0.to_string();
    let mut contacts: Vec<AccountContact> = members
        .iter()
        .map(|e| AccountContact {
            name: e.contact.name.clone(),
            path: VaultPath::new(&e.contact.path).slash(),
            role: e.contact.role.clone(),
            status: e.schedule.status,
            last_contact: e.schedule.last_contact.map(|d| d.to_string()),
            decision_maker: deciders.is(e),
            profile_coverage: e.contact.profile.coverage(),
        })
        .collect();
    contacts.sort_by_cached_key(|c| (!c.decision_maker, c.name.to_lowercase(), c.path.clone()));
    let last_touch = members.iter().filter_map(|e| e.schedule.last_contact).max();
    let customer = account_tags.is_empty()
        || members
            .iter()
            .any(|e| e.contact.tags.iter().any(|t| account_tags.iter().any(|a| a.eq_ignore_ascii_case(t))));

    let mut flags = Vec::new();
    let longest = members
        .iter()
        .filter_map(|e| e.schedule.cadence)
        .max_by(|a, b| a.approx_days().total_cmp(&b.approx_days()));
    if let Some(cadence) = longest {
        let stale = match last_touch {
            Some(last) => cadence.add_to(last).is_some_and(|due| due < today),
            None => true,
        };
        if stale {
            let message = match last_touch {
                Some(last) => format!("nobody contacted since {last} (longest cadence: {cadence})"),
                None => "nobody there has ever been contacted".to_string(),
            };
            flags.push(Flag { kind: FlagKind::Stale, message, who: None, path: None });
        }
    }
    for member in members {
        if deciders.is(member) && member.schedule.last_contact.is_none() {
            let role = member.contact.role.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
            flags.push(Flag {
                kind: FlagKind::DecisionMakerNeverContacted,
                message: format!("decision maker {}{role} has never been contacted", member.contact.name),
                who: Some(member.contact.name.clone()),
                path: Some(VaultPath::new(&member.contact.path).slash()),
            });
        }
    }
    if let [only] = members {
        flags.push(Flag {
            kind: FlagKind::SingleThreaded,
            message: format!("single-threaded: {} is the only contact", only.contact.name),
            who: Some(only.contact.name.clone()),
            path: Some(VaultPath::new(&only.contact.path).slash()),
        });
    }
    let profiled = members.iter().any(|e| e.contact.profile.is_started());
    let profile_average = profiled.then(|| profile_average(&contacts));
    let last_touch = last_touch.map(|d| d.to_string());
    Some(Account { company, contacts, last_touch, customer, flags, profile_average })
}

/// The mean Mackay 66 coverage of an account's contacts, rounded down (0 for none).
fn profile_average(contacts: &[AccountContact]) -> usize {
    contacts.iter().map(|c| c.profile_coverage).sum::<usize>().checked_div(contacts.len()).unwrap_or(0)
}

/// Keeps the accounts whose company contains `wanted` (case-insensitive).
pub(crate) fn keep_company(all: &mut Vec<Account>, wanted: &str) {
    let wanted = wanted.to_lowercase();
    all.retain(|a| a.company.to_lowercase().contains(&wanted));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::{FieldNames, Keep, ParseOptions, Parsed};
    use crate::schedule::CadencePolicy;
    use std::path::Path;

    fn index(files: &[(&str, &str)]) -> Index {
        let names = FieldNames::default();
        let options =
            ParseOptions { fields: &names, keep: Keep::LEAN, kinds: &crate::contact::Rules::default() };
        let contacts = files
            .iter()
            .map(|(path, front)| {
                let text = format!("---\n{front}---\n");
                match crate::contact::parse(Path::new(path), Path::new(path), &text, &options).unwrap() {
                    Parsed::Contact(c, _) => c,
                    Parsed::Note(_) => panic!(),
                }
            })
            .collect();
        Index::from_contacts(contacts, CadencePolicy::default(), "2026-11-26".parse().unwrap())
    }

    fn flags(accounts: &[Account], company: &str) -> Vec<FlagKind> {
        accounts
            .iter()
            .find(|a| a.company == company)
            .map(|a| a.flags.iter().map(|f| f.kind).collect())
            .unwrap()
    }

    #[test]
    fn flags_stale_decision_makers_and_single_threads() {
        let idx = index(&[
            ("a/jane.md", "company: Acme\ntags: [customer]\ncadence: monthly\nlast_contact: 2026-11-20\n"),
            ("a/rich.md", "company: '[[Acme]]'\nrole: Chief Executive Officer\ncadence: monthly\n"),
            (
                "a/dora.md",
                "company: acme\ntags: [decision-maker]\ncadence: quarterly\nlast_contact: 2026-10-01\n",
            ),
            (
                "g/marc.md",
                "company: Globex\ntags: [customer]\ncadence: quarterly\nlast_contact: 2026-05-19\n",
            ),
            ("i/a.md", "company: Initech\ncadence: monthly\nlast_contact: 2026-11-01\n"),
            ("i/b.md", "company: Initech\nrole: Vice President\ncadence: yearly\nlast_contact: 2026-01-01\n"),
            ("x/solo.md", "company: Quiet Co\n"),
        ]);
        let roles = crate::vault::Settings::default().decision_maker_roles;
        let all = accounts(&idx, &roles, &["customer".to_string()]);
        assert_eq!(
            all.iter().map(|a| a.company.as_str()).collect::<Vec<_>>(),
            ["Acme", "Globex", "Initech", "Quiet Co"]
        );
        assert_eq!(flags(&all, "Acme"), [FlagKind::DecisionMakerNeverContacted]);
        assert_eq!(flags(&all, "Globex"), [FlagKind::Stale, FlagKind::SingleThreaded]);
        assert!(
            flags(&all, "Initech").is_empty(),
            "yearly is the longest cadence there; `Vice President` is no VP"
        );
        assert_eq!(flags(&all, "Quiet Co"), [FlagKind::SingleThreaded], "no cadence: never stale");
        let acme = &all[0];
        assert_eq!(acme.contacts.len(), 3);
        assert_eq!(acme.contacts[0].name, "dora", "decision makers first");
        assert!(acme.customer && !all[2].customer);
        assert_eq!(acme.last_touch.as_deref(), Some("2026-11-20"));
    }
}
