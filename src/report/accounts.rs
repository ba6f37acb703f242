//! Accounts: contacts grouped by company, the account's last touch, and the gaps that put a
//! relationship at risk (nobody contacted lately, a decision maker never contacted, only one
//! contact there).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;

use crate::contact::account::{self, AccountNote, Left, Notes};
use crate::contact::strip_link;
use crate::index::{Entry, Index};
use crate::schedule::Status;
use crate::vault::Settings;
use crate::vault_path::VaultPath;

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct AccountContact {
    pub name: String,
    pub path: String,
    /// The title (`role:`).
    pub role: Option<String>,
    /// `account_role` ids (standard) or text (free).
    pub account_roles: Vec<String>,
    pub status: Status,
    pub last_contact: Option<String>,
    pub decision_maker: bool,
    /// Touched within `active_days`.
    pub active: bool,
    pub reports_to: Option<String>,
    /// `left:` as a date, or `yes` when undated.
    pub left: Option<String>,
    pub replaced_by: Option<String>,
    pub added: Option<String>,
    /// The contact's owners (its own `owner:`, else the account note's).
    pub owner: Vec<String>,
    /// The contact of this account `reports_to` names (an index into `contacts`).
    #[serde(skip)]
    pub manager: Option<usize>,
    /// How many of the Mackay 66 the contact's file answers (`touchbase profile NAME`).
    pub profile_coverage: usize,
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub(crate) enum FlagKind {
    /// Nobody there was contacted within the account's cadence (its note's, else the longest).
    Stale,
    /// Nobody there decides: no decision maker or economic buyer role, no decision maker title.
    NoDecisionMaker,
    /// A decision maker there has never been contacted.
    DecisionMakerNeverContacted,
    /// A decision maker added within `new_contact_days`, not contacted yet.
    NewDecisionMaker,
    /// A decision maker past due.
    DecisionMakerOverdue,
    /// Only one contact there, or only one touched within `active_days`.
    SingleThreaded,
    /// A contact marked `left:`, with the successor when known.
    LeftCompany,
    /// Another account's name normalises alike.
    PossibleDuplicateAccount,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Flag {
    pub kind: FlagKind,
    pub message: String,
    /// The contact (or, for a duplicate, the other account) the flag is about.
    pub who: Option<String>,
    pub path: Option<String>,
}

/// A required role and who covers it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct RoleCoverage {
    pub role: String,
    pub covered: bool,
    pub by: Vec<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Account {
    pub company: String,
    /// Every spelling of the account's name seen (contacts' companies, the note's aliases).
    pub names: Vec<String>,
    /// The account note, when there is one.
    pub note: Option<String>,
    /// The note's owners, joined with `, ` (see `owners`).
    pub owner: Option<String>,
    /// The note's owners, one each.
    #[serde(skip)]
    pub owners: Vec<String>,
    pub tier: Option<String>,
    /// Whether it counts as a customer account (`account_tags`, the note's tags): only
    /// customers get flags.
    pub customer: bool,
    /// People there who have not left.
    pub people: usize,
    /// Of those, touched within `active_days`.
    pub active_threads: usize,
    pub active_days: u32,
    pub roles: Vec<RoleCoverage>,
    pub contacts: Vec<AccountContact>,
    pub last_touch: Option<String>,
    pub flags: Vec<Flag>,
    #[serde(skip)]
    pub checkup_cadence: Option<crate::contact::Cadence>,
    #[serde(skip)]
    pub checkups: Vec<NaiveDate>,
    #[serde(skip)]
    pub tags: Vec<String>,
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

    /// A standard `account_role` says; without one, the tag or the title infers it.
    pub(crate) fn is(&self, entry: &Entry) -> bool {
        let c = &entry.contact;
        let standard: Vec<&String> =
            c.account.roles.iter().filter(|r| account::STANDARD_ROLES.contains(&r.as_str())).collect();
        if !standard.is_empty() {
            return standard.iter().any(|r| account::decides(r));
        }
        c.tags.iter().any(|t| t.eq_ignore_ascii_case("decision-maker"))
            || c.role.as_deref().is_some_and(|role| self.roles.as_ref().is_some_and(|r| r.is_match(role)))
    }
}

/// A company name for duplicate finding: lowercase, no `[[ ]]`, punctuation or legal suffix.
pub(crate) fn normalise(name: &str) -> String {
    const SUFFIXES: &[&str] =
        &["inc", "corp", "corporation", "co", "llc", "ltd", "gmbh", "plc", "ag", "sa", "the"];
    let plain: String =
        strip_link(name).to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let words: Vec<&str> = plain.split_whitespace().filter(|w| !SUFFIXES.contains(w)).collect();
    if words.is_empty() {
        plain.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        words.join(" ")
    }
}

/// A name as an account key: `[[ ]]` stripped, trimmed, lowercase.
fn key(name: &str) -> String {
    strip_link(name).trim().to_lowercase()
}

/// What `accounts` needs besides the index.
pub(crate) struct Context<'a> {
    pub settings: &'a Settings,
    pub notes: &'a Notes,
}

impl<'a> Context<'a> {
    pub(crate) fn of(session: &'a crate::vault::Session) -> Context<'a> {
        Context { settings: &session.settings, notes: &session.account_notes }
    }
}

/// Keeps the accounts `owner` owns: by the note's `owner:`, or through one of its people.
pub(crate) fn keep_owned(all: &mut Vec<Account>, owner: &crate::query::owner::Owner) {
    all.retain(|a| owned(a, owner));
}

/// Whether `owner` owns the account: by the note's `owner:`, or through one of its people.
pub(crate) fn owned(account: &Account, owner: &crate::query::owner::Owner) -> bool {
    owner.owns(&account.owners) || account.contacts.iter().any(|c| owner.owns(&c.owner))
}

/// Every company with at least one contact (and every marked account note), sorted by name
/// (case-insensitive).
pub(crate) fn accounts(index: &Index, cx: &Context<'_>) -> Vec<Account> {
    let grouping = Grouping::new(cx);
    let mut groups: BTreeMap<GroupKey, Vec<&Entry>> = BTreeMap::new();
    for entry in &index.entries {
        if let Some(group) = grouping.group(entry) {
            groups.entry(group).or_default().push(entry);
        }
    }
    for group in Grouping::marked(cx) {
        groups.entry(group).or_default();
    }
    let mut all: Vec<Account> = groups
        .into_iter()
        .filter_map(|(group, members)| grouping.account(&group, &members, index.today, cx))
        .collect();
    all.sort_by_cached_key(sort_key);
    flag_duplicates(&mut all);
    all
}

/// Which account a contact belongs to: its account note's (by position among the notes), else
/// its company's key (empty for a note's group). Groups in this order are the accounts' order
/// on ties of `sort_key`.
pub(crate) type GroupKey = (Option<usize>, String);

/// How contacts are grouped into accounts for one set of account notes.
pub(crate) struct Grouping {
    deciders: DecisionMakers,
    by_name: BTreeMap<String, usize>,
    /// The first plain note whose file stem is each key.
    plain: std::collections::HashMap<String, usize>,
}

impl Grouping {
    pub(crate) fn new(cx: &Context<'_>) -> Grouping {
        let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
        for (i, note) in cx.notes.notes.iter().enumerate() {
            let stem = note.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            for name in std::iter::once(&note.name).chain(&note.aliases).chain(std::iter::once(&stem)) {
                by_name.entry(key(name)).or_insert(i);
            }
        }
        let mut plain = std::collections::HashMap::new();
        for (i, path) in cx.notes.plain.iter().enumerate() {
            if let Some(stem) = path.file_stem() {
                plain.entry(key(&stem.to_string_lossy())).or_insert(i);
            }
        }
        Grouping { deciders: DecisionMakers::new(&cx.settings.decision_maker_roles), by_name, plain }
    }

    /// The group of a contact with a company.
    pub(crate) fn group(&self, entry: &Entry) -> Option<GroupKey> {
        let company = entry.contact.company.as_deref().map(str::trim).filter(|c| !c.is_empty())?;
        let k = key(company);
        Some(match self.by_name.get(&k) {
            Some(i) => (Some(*i), String::new()),
            None => (None, k),
        })
    }

    /// The groups of the marked account notes, which are accounts even without contacts.
    pub(crate) fn marked<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = GroupKey> + 'a {
        cx.notes.notes.iter().enumerate().filter(|(_, n)| n.marked).map(|(i, _)| (Some(i), String::new()))
    }

    /// The account of one group (its members in path order), without duplicate flags.
    pub(crate) fn account(
        &self,
        group: &GroupKey,
        members: &[&Entry],
        today: NaiveDate,
        cx: &Context<'_>,
    ) -> Option<Account> {
        let note = match group {
            (Some(i), _) => cx.notes.notes.get(*i).cloned(),
            (None, k) => self.plain.get(k).and_then(|&i| plain_note(cx.notes.plain.get(i)?)),
        };
        account(today, members, note.as_ref(), &self.deciders, cx.settings)
    }
}

/// The accounts' order: by name (case-insensitive), then note.
pub(crate) fn sort_key(a: &Account) -> (String, Option<String>) {
    (a.company.to_lowercase(), a.note.clone())
}

/// Flags the accounts whose names normalise alike, dropping such flags from an earlier pass.
pub(crate) fn reflag_duplicates(all: &mut [Account]) {
    for account in all.iter_mut() {
        account.flags.retain(|f| f.kind != FlagKind::PossibleDuplicateAccount);
    }
    flag_duplicates(all);
}

/// A note whose file stem is the account's name (found by name, with nothing but its path).
fn plain_note(path: &std::path::Path) -> Option<AccountNote> {
    let name = path.file_stem()?.to_string_lossy().into_owned();
    Some(AccountNote { path: path.to_path_buf(), name, ..AccountNote::default() })
}

fn account(
    today: NaiveDate,
    members: &[&Entry],
    note: Option<&AccountNote>,
    deciders: &DecisionMakers,
    settings: &Settings,
) -> Option<Account> {
    let names = spellings(members, note);
    let company = match note {
        Some(note) => note.name.clone(),
        None => names.first()?.clone(),
    };
    let mut sorted: Vec<&Entry> = members.to_vec();
    sorted.sort_by_cached_key(|e| {
        (
            e.contact.account.left.is_some(),
            !deciders.is(e),
            e.contact.name.to_lowercase(),
            e.contact.path.clone(),
        )
    });
    let mut contacts: Vec<AccountContact> =
        sorted.iter().map(|e| account_contact(e, today, deciders, settings.active_days)).collect();
    link_managers(&sorted, &mut contacts);
    let current: Vec<&Entry> = sorted.iter().copied().filter(|e| e.contact.account.left.is_none()).collect();
    let last_touch = members.iter().filter_map(|e| e.schedule.last_contact).max();
    let tagged = |tags: &[String]| {
        tags.iter().any(|t| settings.account_tags.iter().any(|a| a.eq_ignore_ascii_case(t)))
    };
    let customer = settings.account_tags.is_empty()
        || note.is_some_and(|n| tagged(&n.tags))
        || members.iter().any(|e| tagged(&e.contact.tags));
    let required: Vec<String> = match note.map(|n| &n.required_roles).filter(|r| !r.is_empty()) {
        Some(roles) => roles.clone(),
        None => account::DEFAULT_REQUIRED_ROLES.iter().map(|r| (*r).to_string()).collect(),
    };
    let roles = required
        .into_iter()
        .map(|role| {
            let by: Vec<String> = current
                .iter()
                .filter(|e| {
                    e.contact.account.roles.contains(&role) || (role == "decision_maker" && deciders.is(e))
                })
                .map(|e| e.contact.name.clone())
                .collect();
            RoleCoverage { covered: !by.is_empty(), role, by }
        })
        .collect();
    let active_threads = contacts.iter().filter(|c| c.active && c.left.is_none()).count();
    let profiled = current.iter().any(|e| e.contact.profile.is_started());
    let profile_average = profiled.then(|| profile_average(&contacts));
    let mut account = Account {
        company,
        names,
        note: note.map(|n| VaultPath::new(&n.path).slash()),
        owner: note.map(|n| n.owners.join(", ")).filter(|o| !o.is_empty()),
        owners: note.map(|n| n.owners.clone()).unwrap_or_default(),
        tier: note.and_then(|n| n.tier.clone()),
        customer,
        people: current.len(),
        active_threads,
        active_days: settings.active_days,
        roles,
        contacts,
        last_touch: last_touch.map(|d| d.to_string()),
        flags: Vec::new(),
        checkup_cadence: note.and_then(|n| n.checkup_cadence),
        checkups: note.map(|n| n.checkups.clone()).unwrap_or_default(),
        tags: note.map(|n| n.tags.clone()).unwrap_or_default(),
        profile_average,
    };
    if customer {
        let facts = Facts { today, current: &current, all: &sorted, note, deciders, settings, last_touch };
        account.flags = facts.flags();
    }
    Some(account)
}

/// The mean Mackay 66 coverage of the people still there, rounded down (0 for none).
fn profile_average(contacts: &[AccountContact]) -> usize {
    let current: Vec<usize> =
        contacts.iter().filter(|c| c.left.is_none()).map(|c| c.profile_coverage).collect();
    current.iter().sum::<usize>().checked_div(current.len()).unwrap_or(0)
}

/// The spellings of an account's name: the note's name and aliases, then the contacts' (the
/// most used first, the first by path on a tie).
fn spellings(members: &[&Entry], note: Option<&AccountNote>) -> Vec<String> {
    let mut counted: Vec<(String, usize)> = Vec::new();
    for member in members {
        let Some(spelling) = member.contact.company.as_deref().map(str::trim) else { continue };
        match counted.iter_mut().find(|(s, _)| s == spelling) {
            Some((_, n)) => *n += 1,
            None => counted.push((spelling.to_string(), 1)),
        }
    }
    // Stable: ties keep the order by path.
    counted.sort_by_key(|c| std::cmp::Reverse(c.1));
    let mut names: Vec<String> = Vec::new();
    let from_note = note.into_iter().flat_map(|n| std::iter::once(&n.name).chain(&n.aliases)).cloned();
    for name in from_note.chain(counted.into_iter().map(|(s, _)| s)) {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            names.push(name);
        }
    }
    names
}

fn account_contact(
    e: &Entry,
    today: NaiveDate,
    deciders: &DecisionMakers,
    active_days: u32,
) -> AccountContact {
    let a = &e.contact.account;
    let active = e.schedule.last_contact.is_some_and(|d| (today - d).num_days() <= i64::from(active_days));
    AccountContact {
        name: e.contact.name.clone(),
        path: VaultPath::new(&e.contact.path).slash(),
        role: e.contact.role.clone(),
        account_roles: a.roles.clone(),
        status: e.schedule.status,
        last_contact: e.schedule.last_contact.map(|d| d.to_string()),
        decision_maker: deciders.is(e) && a.left.is_none(),
        active,
        reports_to: a.reports_to.clone(),
        left: a.left.map(|l| match l {
            Left::On(date) => date.to_string(),
            Left::Undated => "yes".to_string(),
        }),
        replaced_by: a.replaced_by.clone(),
        added: a.added.map(|d| d.to_string()),
        owner: e.contact.owners.clone(),
        manager: None,
        profile_coverage: e.contact.profile.coverage(),
    }
}

/// Each contact's manager among the account's contacts (by name, alias or file stem; the first
/// by the account's order when two share one).
fn link_managers(sorted: &[&Entry], contacts: &mut [AccountContact]) {
    let mut by_name: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, e) in sorted.iter().enumerate() {
        let c = &e.contact;
        for name in [c.name.clone(), c.file_stem()].into_iter().chain(c.aliases.iter().cloned()) {
            by_name.entry(key(&name)).or_insert(i);
        }
    }
    for (i, entry) in sorted.iter().enumerate() {
        let Some(boss) = entry.contact.account.reports_to.as_deref().map(key) else { continue };
        if let Some(contact) = contacts.get_mut(i) {
            contact.manager = by_name.get(&boss).copied().filter(|m| *m != i);
        }
    }
}

/// What an account's flags are computed from.
struct Facts<'a> {
    today: NaiveDate,
    /// The contacts who have not left, in the account's order.
    current: &'a [&'a Entry],
    all: &'a [&'a Entry],
    note: Option<&'a AccountNote>,
    deciders: &'a DecisionMakers,
    settings: &'a Settings,
    last_touch: Option<NaiveDate>,
}

fn who(entry: &Entry) -> (Option<String>, Option<String>) {
    (Some(entry.contact.name.clone()), Some(VaultPath::new(&entry.contact.path).slash()))
}

fn flag(kind: FlagKind, message: String, entry: Option<&Entry>) -> Flag {
    let (who, path) = entry.map(who).unwrap_or_default();
    Flag { kind, message, who, path }
}

impl Facts<'_> {
    fn flags(&self) -> Vec<Flag> {
        let mut flags: Vec<Flag> = self.stale().into_iter().collect();
        flags.extend(self.deciders_flags());
        flags.extend(self.single_threaded());
        flags.extend(self.left());
        flags
    }

    fn stale(&self) -> Option<Flag> {
        let longest = self
            .current
            .iter()
            .filter_map(|e| e.schedule.cadence)
            .max_by(|a, b| a.approx_days().total_cmp(&b.approx_days()));
        let cadence = self.note.and_then(|n| n.cadence).filter(|c| *c != crate::contact::Cadence::Never);
        let (cadence, which) = match (cadence, longest) {
            (Some(c), _) => (c, "the account's cadence"),
            (None, Some(c)) => (c, "longest cadence"),
            (None, None) => return None,
        };
        let stale = match self.last_touch {
            Some(last) => cadence.add_to(last).is_some_and(|due| due < self.today),
            None => true,
        };
        let message = match self.last_touch {
            Some(last) => format!("nobody contacted since {last} ({which}: {cadence})"),
            None => "nobody there has ever been contacted".to_string(),
        };
        stale.then(|| flag(FlagKind::Stale, message, None))
    }

    fn deciders_flags(&self) -> Vec<Flag> {
        let mut flags = Vec::new();
        let deciders: Vec<&Entry> = self.current.iter().copied().filter(|e| self.deciders.is(e)).collect();
        if deciders.is_empty() && !self.current.is_empty() {
            let message =
                "no decision maker known (give one an account_role of decision_maker or economic_buyer)";
            flags.push(flag(FlagKind::NoDecisionMaker, message.to_string(), None));
        }
        let new_days = i64::from(self.settings.new_contact_days);
        for e in deciders {
            let role = e.contact.role.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
            let name = &e.contact.name;
            let added = e
                .contact
                .account
                .added
                .filter(|d| *d <= self.today && (self.today - *d).num_days() <= new_days);
            match (e.schedule.last_contact, added) {
                (None, Some(added)) => flags.push(flag(
                    FlagKind::NewDecisionMaker,
                    format!("new decision maker {name}{role}, added {added}, not contacted yet"),
                    Some(e),
                )),
                (None, None) => flags.push(flag(
                    FlagKind::DecisionMakerNeverContacted,
                    format!("decision maker {name}{role} has never been contacted"),
                    Some(e),
                )),
                (Some(last), _) if e.schedule.status == Status::Overdue => flags.push(flag(
                    FlagKind::DecisionMakerOverdue,
                    format!("decision maker {name}{role} is overdue: last contacted {last}"),
                    Some(e),
                )),
                _ => {}
            }
        }
        flags
    }

    fn single_threaded(&self) -> Option<Flag> {
        let days = self.settings.active_days;
        let active: Vec<&Entry> = self
            .current
            .iter()
            .copied()
            .filter(|e| {
                e.schedule.last_contact.is_some_and(|d| (self.today - d).num_days() <= i64::from(days))
            })
            .collect();
        match (self.current, active.as_slice()) {
            ([only], _) => Some(flag(
                FlagKind::SingleThreaded,
                format!("single-threaded: {} is the only contact", only.contact.name),
                Some(only),
            )),
            ([_, _, ..], [only]) => Some(flag(
                FlagKind::SingleThreaded,
                format!(
                    "single-threaded: only {} was contacted in the last {days} days of {} people",
                    only.contact.name,
                    self.current.len()
                ),
                Some(only),
            )),
            _ => None,
        }
    }

    fn left(&self) -> Vec<Flag> {
        self.all
            .iter()
            .filter_map(|e| {
                let a = &e.contact.account;
                let when = match a.left? {
                    Left::On(date) => format!(" on {date}"),
                    Left::Undated => String::new(),
                };
                let successor = match &a.replaced_by {
                    Some(next) => format!("successor: {next}"),
                    None => "no successor known (set replaced_by)".to_string(),
                };
                Some(flag(
                    FlagKind::LeftCompany,
                    format!("{} left{when}; {successor}", e.contact.name),
                    Some(e),
                ))
            })
            .collect()
    }
}

/// Accounts whose names normalise alike, as pairs of (account, spelling, file) each way.
pub(crate) struct Duplicate {
    pub name: String,
    pub path: String,
    pub other: String,
    pub other_path: String,
}

/// Every pair of accounts whose names normalise alike, each way, in the accounts' order (a map
/// of normalised names, so a vault with thousands of companies stays fast).
pub(crate) fn duplicates(all: &[Account]) -> Vec<Duplicate> {
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, a) in all.iter().enumerate() {
        let mut keys: Vec<String> = a.names.iter().map(|n| normalise(n)).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            by_key.entry(k).or_default().push(i);
        }
    }
    let mut pairs: Vec<(usize, usize)> = by_key
        .values()
        .filter(|ids| ids.len() > 1)
        .flat_map(|ids| {
            ids.iter().flat_map(move |&i| ids.iter().filter(move |&&j| j != i).map(move |&j| (i, j)))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
        .into_iter()
        .filter_map(|(i, j)| {
            let (a, b) = (all.get(i)?, all.get(j)?);
            Some(Duplicate {
                name: a.company.clone(),
                path: first_file(a),
                other: b.company.clone(),
                other_path: first_file(b),
            })
        })
        .collect()
}

/// `check`'s warnings about accounts whose names normalise alike: one per pair, at the first
/// account's file (its note, else its first contact).
pub(crate) fn duplicate_warnings(all: &[Account], root: &std::path::Path) -> Vec<crate::error::Diagnostic> {
    duplicates(all)
        .into_iter()
        .filter(|d| (d.name.to_lowercase(), &d.path) < (d.other.to_lowercase(), &d.other_path))
        .map(|d| {
            let shown = VaultPath::new(std::path::Path::new(&d.path)).join(root);
            let other = VaultPath::new(std::path::Path::new(&d.other_path)).join(root);
            crate::error::Diagnostic::warning(
                shown,
                None,
                format!(
                    "possible duplicate account: {:?} and {:?} ({}) normalise alike; if they are one account, list both spellings in an account note's `aliases:`",
                    d.name,
                    d.other,
                    other.display()
                ),
            )
        })
        .collect()
}

fn first_file(account: &Account) -> String {
    account.note.clone().or_else(|| account.contacts.first().map(|c| c.path.clone())).unwrap_or_default()
}

fn flag_duplicates(all: &mut [Account]) {
    for dup in duplicates(all) {
        let Some(account) = all.iter_mut().find(|a| a.company == dup.name && first_file(a) == dup.path)
        else {
            continue;
        };
        if account.customer {
            account.flags.push(Flag {
                kind: FlagKind::PossibleDuplicateAccount,
                message: format!(
                    "possible duplicate of {}: the names normalise alike (if they are one account, list both in an account note's aliases)",
                    dup.other
                ),
                who: Some(dup.other),
                path: Some(dup.other_path),
            });
        }
    }
}

/// One person in an org chart, with the people who report to them.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct OrgNode {
    pub name: String,
    pub path: String,
    pub role: Option<String>,
    pub account_roles: Vec<String>,
    pub decision_maker: bool,
    pub last_contact: Option<String>,
    pub left: Option<String>,
    /// `reports_to` names someone who is already above them here: the chart stops.
    pub cycle: bool,
    pub reports: Vec<OrgNode>,
}

/// One account's org chart, as `accounts --tree` shows it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Chart {
    pub company: String,
    pub note: Option<String>,
    /// The people who report to nobody known there, each with their reports.
    pub roots: Vec<OrgNode>,
}

/// Each account's chart.
pub(crate) fn charts(all: &[Account]) -> Vec<Chart> {
    all.iter()
        .map(|a| Chart { company: a.company.clone(), note: a.note.clone(), roots: org_chart(a) })
        .collect()
}

/// The account's org chart from `reports_to`: people who report to nobody known there are
/// roots; each level sorted by name, then path; a reporting cycle is cut where it closes
/// (the person first by name starts it).
pub(crate) fn org_chart(account: &Account) -> Vec<OrgNode> {
    let n = account.contacts.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_cached_key(|&i| account.contacts.get(i).map(|c| (c.name.to_lowercase(), c.path.clone())));
    let reports = |boss: Option<usize>| -> Vec<usize> {
        order
            .iter()
            .copied()
            .filter(|&i| account.contacts.get(i).is_some_and(|c| c.manager == boss))
            .collect()
    };
    let mut seen = vec![false; n];
    let mut roots = Vec::new();
    for i in reports(None) {
        roots.push(node(account, i, &reports, &mut seen));
    }
    // What is left is in cycles with no way up to a root.
    for &i in &order {
        if !seen.get(i).copied().unwrap_or(true) {
            roots.push(node(account, i, &reports, &mut seen));
        }
    }
    roots
}

fn node(
    account: &Account,
    i: usize,
    reports: &dyn Fn(Option<usize>) -> Vec<usize>,
    seen: &mut Vec<bool>,
) -> OrgNode {
    if let Some(s) = seen.get_mut(i) {
        *s = true;
    }
    let mut below = Vec::new();
    for k in reports(Some(i)) {
        if seen.get(k).copied().unwrap_or(true) {
            let mut closed = leaf(account, k);
            closed.cycle = true;
            below.push(closed);
        } else {
            below.push(node(account, k, reports, seen));
        }
    }
    OrgNode { reports: below, ..leaf(account, i) }
}

fn leaf(account: &Account, i: usize) -> OrgNode {
    let c = account.contacts.get(i);
    OrgNode {
        name: c.map(|c| c.name.clone()).unwrap_or_default(),
        path: c.map(|c| c.path.clone()).unwrap_or_default(),
        role: c.and_then(|c| c.role.clone()),
        account_roles: c.map(|c| c.account_roles.clone()).unwrap_or_default(),
        decision_maker: c.is_some_and(|c| c.decision_maker),
        last_contact: c.and_then(|c| c.last_contact.clone()),
        left: c.and_then(|c| c.left.clone()),
        cycle: false,
        reports: Vec::new(),
    }
}

/// Keeps the accounts one of whose names contains `wanted` (case-insensitive).
pub(crate) fn keep_company(all: &mut Vec<Account>, wanted: &str) {
    let wanted = wanted.to_lowercase();
    all.retain(|a| {
        a.names.iter().chain(std::iter::once(&a.company)).any(|n| n.to_lowercase().contains(&wanted))
    });
}

/// The account named `name` exactly (any of its names, case-insensitively); with `partial`, the
/// only one whose name contains it.
pub(crate) fn find<'a>(all: &'a [Account], name: &str, partial: bool) -> Option<&'a Account> {
    let k = key(name);
    if k.is_empty() {
        return None;
    }
    let exact = all.iter().find(|a| a.names.iter().chain(std::iter::once(&a.company)).any(|n| key(n) == k));
    exact.or_else(|| {
        if !partial {
            return None;
        }
        let mut partial = all.iter().filter(|a| a.names.iter().any(|n| key(n).contains(&k)));
        let first = partial.next();
        if partial.next().is_some() {
            None
        } else {
            first
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(files: &[(&str, &str)]) -> Index {
        let texts: Vec<(&str, String)> =
            files.iter().map(|(p, front)| (*p, format!("---\n{front}---\n"))).collect();
        let files: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (*p, t.as_str())).collect();
        crate::index::of_files(&files, "2026-11-26")
    }

    fn all(idx: &Index, notes: Vec<AccountNote>) -> Vec<Account> {
        let settings = Settings::default();
        let notes = Notes { notes, plain: vec!["notes/Quiet Co.md".into()] };
        accounts(idx, &Context { settings: &settings, notes: &notes })
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
            ("i/a.md", "company: Initech\ntags: [customer]\ncadence: monthly\nlast_contact: 2026-11-01\n"),
            ("i/b.md", "company: Initech\nrole: Vice President\ncadence: yearly\nlast_contact: 2026-10-01\n"),
            ("x/solo.md", "company: Quiet Co\ntags: [customer]\n"),
            ("y/frank.md", "company: Moretti Landscaping\nrole: Owner\ntags: [golf]\n"),
        ]);
        let all = all(&idx, Vec::new());
        assert_eq!(
            all.iter().map(|a| a.company.as_str()).collect::<Vec<_>>(),
            ["Acme", "Globex", "Initech", "Moretti Landscaping", "Quiet Co"]
        );
        assert_eq!(flags(&all, "Acme"), [FlagKind::DecisionMakerNeverContacted]);
        assert_eq!(
            flags(&all, "Globex"),
            [FlagKind::Stale, FlagKind::NoDecisionMaker, FlagKind::SingleThreaded]
        );
        assert!(flags(&all, "Initech").is_empty(), "yearly is the longest cadence; `President` decides");
        assert!(flags(&all, "Moretti Landscaping").is_empty(), "a friend's business: no customer, no flags");
        assert_eq!(flags(&all, "Quiet Co"), [FlagKind::NoDecisionMaker, FlagKind::SingleThreaded]);
        assert_eq!(all[4].note.as_deref(), Some("notes/Quiet Co.md"), "found by name");
        let acme = &all[0];
        assert_eq!(acme.contacts.len(), 3);
        assert_eq!(acme.contacts[0].name, "dora", "decision makers first");
        assert!(acme.customer && !all[3].customer);
        assert_eq!(acme.last_touch.as_deref(), Some("2026-11-20"));
    }

    #[test]
    fn roles_left_new_deciders_and_overdue_ones() {
        let idx = index(&[
            (
                "a/cto.md",
                "company: Acme\ntags: [customer]\nrole: CTO\ncadence: monthly\nlast_contact: 2025-01-10\n",
            ),
            (
                "a/ceo.md",
                "company: ACME Inc.\ntags: [customer]\naccount_role: Economic Buyer\nadded: 2026-10-05\n",
            ),
            (
                "a/vp.md",
                "company: Acme Corp\nrole: VP Sales\naccount_role: champion\nlast_contact: 2026-11-01\n",
            ),
            ("a/old.md", "company: Acme Corp\nleft: 2026-09-01\nreplaced_by: '[[ceo]]'\n"),
        ]);
        let note = AccountNote {
            path: "notes/Acme Corp.md".into(),
            name: "Acme Corp".into(),
            aliases: vec!["Acme".into(), "ACME Inc.".into()],
            tags: vec!["customer".into()],
            required_roles: vec!["champion".into(), "user".into()],
            marked: true,
            ..AccountNote::default()
        };
        let all = all(&idx, vec![note]);
        assert_eq!(all.len(), 1, "the aliases merge the spellings");
        let acme = &all[0];
        assert_eq!((acme.people, acme.active_threads), (3, 1));
        assert_eq!(
            acme.flags.iter().map(|f| f.kind).collect::<Vec<_>>(),
            [
                FlagKind::NewDecisionMaker,
                FlagKind::DecisionMakerOverdue,
                FlagKind::SingleThreaded,
                FlagKind::LeftCompany
            ]
        );
        assert!(acme.flags[3].message.contains("successor: ceo"));
        let covered: Vec<(&str, bool)> = acme.roles.iter().map(|r| (r.role.as_str(), r.covered)).collect();
        assert_eq!(covered, [("champion", true), ("user", false)]);
        assert!(
            !acme.contacts.iter().any(|c| c.name == "vp" && c.decision_maker),
            "a champion role wins over the title"
        );
    }

    #[test]
    fn duplicates_normalise_alike() {
        assert_eq!(normalise("[[The Globex Corporation]]"), "globex");
        assert_eq!(normalise("ACME, Inc."), "acme");
        assert_eq!(normalise("Inc."), "inc");
        let idx = index(&[
            ("g/a.md", "company: Globex\ntags: [customer]\n"),
            ("g/b.md", "company: Globex Corporation\ntags: [customer]\n"),
            ("f/c.md", "company: Moretti\n"),
            ("f/d.md", "company: Moretti LLC\n"),
        ]);
        let all = all(&idx, Vec::new());
        assert_eq!(flags(&all, "Globex").last(), Some(&FlagKind::PossibleDuplicateAccount));
        assert!(flags(&all, "Moretti").is_empty(), "not a customer: no flags");
        let warnings = duplicate_warnings(&all, std::path::Path::new("v"));
        assert_eq!(warnings.len(), 2, "one per pair, customers or not");
        assert!(warnings[0].message.contains("\"Globex\" and \"Globex Corporation\""));
    }

    #[test]
    fn org_chart_roots_cycles_and_order() {
        let idx = index(&[
            ("a/boss.md", "company: A\n"),
            ("a/zed.md", "company: A\nreports_to: '[[boss]]'\n"),
            ("a/amy.md", "company: A\nreports_to: boss\n"),
            ("a/x.md", "company: A\nreports_to: y\n"),
            ("a/y.md", "company: A\nreports_to: x\n"),
            ("a/self.md", "company: A\nreports_to: self\n"),
            ("a/out.md", "company: A\nreports_to: Somebody Else\n"),
        ]);
        let all = all(&idx, Vec::new());
        let chart = org_chart(&all[0]);
        let names: Vec<&str> = chart.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["boss", "out", "self", "x"], "roots by name, then the cycle's first");
        let boss: Vec<&str> = chart[0].reports.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(boss, ["amy", "zed"]);
        let y = &chart[3].reports[0];
        assert_eq!((y.name.as_str(), y.reports[0].name.as_str(), y.reports[0].cycle), ("y", "x", true));
    }
}
