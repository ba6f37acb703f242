//! `changes --since REF|DATE`: a team check-up between two commits, from the contact files at
//! both ends and the one `git log` between them (`vault::git`): who is new, who left, role and
//! company changes, new touches per author and per owner, accounts that lost their decision
//! maker or their only recent contact. People are matched by name, so a renamed file is one person.

use std::collections::BTreeMap;

use crate::contact::Contact;
use crate::index::Index;
use crate::report::accounts::{normalise, DecisionMakers};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Person {
    pub name: String,
    pub path: String,
    pub company: Option<String>,
    pub role: Option<String>,
    /// `left:` as written (`None` when the file was deleted without it).
    pub left: Option<String>,
    pub replaced_by: Option<String>,
    pub deleted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Move {
    pub name: String,
    pub path: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Count {
    pub name: String,
    pub touches: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Lost {
    pub company: String,
    /// `decision_maker` or `only_contact`.
    pub what: String,
    pub people: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Changes {
    pub since: Option<String>,
    pub until: String,
    pub commits: usize,
    pub new_people: Vec<Person>,
    pub left: Vec<Person>,
    pub moves: Vec<Move>,
    pub touches_by_author: Vec<Count>,
    pub touches_by_owner: Vec<Count>,
    pub accounts: Vec<Lost>,
}

/// The two ends as indexes (every contact of the vault at that commit) and the log between.
pub(crate) struct Ends<'a> {
    pub before: &'a Index,
    pub after: &'a Index,
    pub commits: usize,
    /// What `vault::at_commit::versions` gives: each file the log names at its commit.
    pub versions: &'a [(String, Contact)],
    pub deciders: &'a DecisionMakers,
    /// `active_days`: a person touched within this many days of an end's commit is recent there.
    pub active_days: u32,
}

fn by_name(index: &Index) -> BTreeMap<String, &Contact> {
    index.entries.iter().map(|e| (e.contact.name.to_lowercase(), &*e.contact)).collect()
}

fn person(c: &Contact, deleted: bool) -> Person {
    let left = c.account.left.as_ref().map(|l| match l {
        crate::contact::account::Left::On(d) => d.to_string(),
        crate::contact::account::Left::Undated => "yes".to_owned(),
    });
    Person {
        name: c.name.clone(),
        path: c.path.to_string_lossy().replace('\\', "/"),
        company: c.company.clone(),
        role: c.role.clone(),
        left,
        replaced_by: c.account.replaced_by.clone(),
        deleted,
    }
}

pub(crate) fn changes(since: Option<String>, until: String, ends: &Ends<'_>) -> Changes {
    let (before, after) = (by_name(ends.before), by_name(ends.after));
    let mut report = Changes { since, until, commits: ends.commits, ..Changes::default() };
    for (key, c) in &after {
        match before.get(key) {
            None => report.new_people.push(person(c, false)),
            Some(old) => {
                if old.account.left.is_none() && c.account.left.is_some() {
                    report.left.push(person(c, false));
                }
                moves(old, c, &mut report.moves);
            }
        }
    }
    for (key, c) in &before {
        if !after.contains_key(key) && c.account.left.is_none() {
            report.left.push(person(c, true));
        }
    }
    touches(&before, &after, ends.versions, &mut report);
    report.accounts = lost_accounts(ends);
    report
}

fn moves(old: &Contact, new: &Contact, out: &mut Vec<Move>) {
    for (field, a, b) in [("role", &old.role, &new.role), ("company", &old.company, &new.company)] {
        if a != b {
            let path = new.path.to_string_lossy().replace('\\', "/");
            out.push(Move {
                name: new.name.clone(),
                path,
                field: field.to_owned(),
                old: a.clone(),
                new: b.clone(),
            });
        }
    }
}

/// Each entry a commit in the range added, credited to that commit's author and to the
/// person's owners at the end. `versions` are the files the log names, at each of its commits
/// (newest first), matched to a person by name.
fn touches(
    before: &BTreeMap<String, &Contact>,
    after: &BTreeMap<String, &Contact>,
    versions: &[(String, Contact)],
    report: &mut Changes,
) {
    let (mut authors, mut owners) = (BTreeMap::<String, usize>::new(), BTreeMap::<String, usize>::new());
    let mut by_person: BTreeMap<String, Vec<&(String, Contact)>> = BTreeMap::new();
    for version in versions.iter().rev() {
        by_person.entry(version.1.name.to_lowercase()).or_default().push(version);
    }
    for (key, c) in after {
        // Every entry seen so far (as a multiset), not just the previous version's: commits of
        // two branches come interleaved, and an entry one branch added counts once.
        let mut seen: Vec<_> = before.get(key).map(|o| entries(o)).unwrap_or_default();
        let mut new = 0;
        for (author, version) in by_person.get(key).into_iter().flatten().copied() {
            let fresh = added(&seen, &entries(version));
            if !fresh.is_empty() {
                *authors.entry(author.clone()).or_default() += fresh.len();
            }
            new += fresh.len();
            seen.extend(fresh);
        }
        if new == 0 {
            continue;
        }
        // The file's own `owner:` as the parse reads it (not its account note's).
        let mine = c.owners.clone();
        for owner in if mine.is_empty() { vec!["(no owner)".to_owned()] } else { mine } {
            *owners.entry(owner).or_default() += new;
        }
    }
    let counts =
        |m: BTreeMap<String, usize>| m.into_iter().map(|(name, touches)| Count { name, touches }).collect();
    report.touches_by_author = counts(authors);
    report.touches_by_owner = counts(owners);
}

fn entries(c: &Contact) -> Vec<Entry> {
    c.interactions().map(|i| (i.date, i.summary.to_owned())).collect()
}

type Entry = (chrono::NaiveDate, String);

/// The entries of `after` that `before` lacks, counting repeats.
fn added(before: &[Entry], after: &[Entry]) -> Vec<Entry> {
    let mut left: Vec<_> = before.iter().collect();
    let mut fresh = Vec::new();
    for entry in after {
        match left.iter().position(|l| *l == entry) {
            Some(at) => {
                left.swap_remove(at);
            }
            None => fresh.push(entry.clone()),
        }
    }
    fresh
}

/// One company at one end: its spelling, its people who have not left, its decision makers
/// among them, and those touched within `active_days` of the end's day (recent).
struct Company {
    name: String,
    people: Vec<String>,
    deciders: Vec<String>,
    recent: Vec<String>,
}

/// Per company (names normalised as `accounts` does) at one end.
fn companies(index: &Index, deciders: &DecisionMakers, active_days: u32) -> BTreeMap<String, Company> {
    let mut out: BTreeMap<String, Company> = BTreeMap::new();
    for entry in &index.entries {
        let c = &entry.contact;
        let Some(company) = c.company.as_deref().filter(|_| c.account.left.is_none()) else { continue };
        let slot = out.entry(normalise(company)).or_insert_with(|| Company {
            name: company.to_owned(),
            people: vec![],
            deciders: vec![],
            recent: vec![],
        });
        slot.people.push(c.name.clone());
        if deciders.is(entry) {
            slot.deciders.push(c.name.clone());
        }
        let recent = entry
            .schedule
            .last_contact
            .is_some_and(|d| (index.today - d).num_days() <= i64::from(active_days));
        if recent {
            slot.recent.push(c.name.clone());
        }
    }
    out
}

/// `decision_maker`: it had one at `--since` and has none at `--until`; `only_recent_contact`:
/// the one person recently in touch at `--since` has left or is gone, and nobody there is recent
/// at `--until`; `only_contact`: it had one person and has none (when that is not said already).
fn lost_accounts(ends: &Ends<'_>) -> Vec<Lost> {
    let before = companies(ends.before, ends.deciders, ends.active_days);
    let after = companies(ends.after, ends.deciders, ends.active_days);
    let mut lost = Vec::new();
    let mut push = |company: &Company, what: &str, people: &[String]| {
        lost.push(Lost { company: company.name.clone(), what: what.to_owned(), people: people.to_vec() });
    };
    for (key, was) in &before {
        let now = after.get(key);
        let has = |name: &String| now.is_some_and(|n| n.people.contains(name));
        if !was.deciders.is_empty() && now.is_none_or(|n| n.deciders.is_empty()) {
            push(was, "decision_maker", &was.deciders);
        }
        let recent_gone =
            matches!(was.recent.as_slice(), [one] if !has(one)) && now.is_none_or(|n| n.recent.is_empty());
        if recent_gone {
            push(was, "only_recent_contact", &was.recent);
        }
        if was.people.len() == 1 && now.is_none_or(|n| n.people.is_empty()) && !recent_gone {
            push(was, "only_contact", &was.people);
        }
    }
    lost
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(yaml: &str) -> Contact {
        let index = crate::index::of_files(&[("people/a.md", yaml)], "2026-11-26");
        (*index.entries[0].contact).clone()
    }

    #[test]
    fn owners_are_strings_or_lists_with_links_stripped() {
        assert_eq!(contact("---\nname: A\nowner: \"[[Bob]]\"\n---\n").owners, ["Bob"]);
        let both = contact("---\nname: A\nowner: [alice@example.com, \"[[Bob]]\"]\n---\n");
        assert_eq!(both.owners, ["alice@example.com", "Bob"]);
        assert!(contact("---\nname: A\n---\n").owners.is_empty());
    }

    #[test]
    fn an_account_that_loses_its_only_recent_contact_says_so() {
        // Two people at Acme, only Ann touched lately; Ann leaves, Bob stays (not in touch).
        let before = crate::index::of_files(
            &[
                ("a.md", "---\nname: Ann\ncompany: Acme\nlast_contact: 2026-11-01\n---\n"),
                ("b.md", "---\nname: Bob\ncompany: Acme\nlast_contact: 2025-01-01\n---\n"),
            ],
            "2026-11-20",
        );
        let after = crate::index::of_files(
            &[
                ("a.md", "---\nname: Ann\ncompany: Acme\nleft: 2026-11-25\nlast_contact: 2026-11-01\n---\n"),
                ("b.md", "---\nname: Bob\ncompany: Acme\nlast_contact: 2025-01-01\n---\n"),
            ],
            "2026-11-26",
        );
        let deciders = DecisionMakers::new(&[]);
        let ends = Ends {
            before: &before,
            after: &after,
            commits: 1,
            versions: &[],
            deciders: &deciders,
            active_days: 90,
        };
        let lost = lost_accounts(&ends);
        let got: Vec<(&str, &[String])> =
            lost.iter().map(|l| (l.what.as_str(), l.people.as_slice())).collect();
        assert_eq!(got, [("only_recent_contact", &["Ann".to_string()][..])]);
        // Bob touched lately at the end too: nothing lost.
        let after = crate::index::of_files(
            &[
                ("a.md", "---\nname: Ann\ncompany: Acme\nleft: 2026-11-25\n---\n"),
                ("b.md", "---\nname: Bob\ncompany: Acme\nlast_contact: 2026-11-24\n---\n"),
            ],
            "2026-11-26",
        );
        let ends = Ends { after: &after, ..ends };
        assert!(lost_accounts(&ends).is_empty());
    }

    #[test]
    fn added_counts_repeats() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let e = |s: &str| (d, s.to_owned());
        assert_eq!(added(&[e("a")], &[e("a"), e("a"), e("b")]), [e("a"), e("b")]);
        assert!(added(&[e("a")], &[]).is_empty());
    }
}
