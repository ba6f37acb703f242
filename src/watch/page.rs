//! The index page as a model kept between saves, so that one save costs what it changed: each
//! contact's rendered lines sit in the page's sections, sorted by the keys a fresh build sorts
//! by, and each account is kept built. A batch re-renders only the contacts it changed and
//! builds again only their accounts (then the duplicate flags, which span accounts). Its bytes
//! are exactly `page_bytes`' (a fresh `index`'s); a reload or a new day builds it again.
//! Rows that depend on other files are rendered again, all of them, when those change: the
//! account notes company names link to (a spelling, an owner), and in wiki style the file names
//! two files share (a file added or gone).

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};

use crate::index::{Entry, Index};
use crate::query::owner::Owner;
use crate::render::index_page::{self as render, Cap, Cells};
use crate::render::markdown::Links;
use crate::report::accounts::{self, Account, Context, Flag, GroupKey, Grouping};
use crate::report::page_links::{LinkStyle, PageLinks};
use crate::report::{entry_events, ContactRow, EventKind, Status};
use crate::schedule::week::Week;
use crate::vault::Session;

/// Overdue and due this week: due date, name (lowercase), path.
type DueKey = (Option<NaiveDate>, String, PathBuf);
/// Never contacted: name (lowercase), path.
type NameKey = (String, PathBuf);
/// Upcoming (as `report::sort_events`): date, who (lowercase), kind, path, label.
type EventKey = (String, String, EventKind, String, String);
/// Accounts: name (lowercase), note, then the group (a fresh build's stable sort keeps the
/// groups' order on ties).
type AccountKey = (String, Option<String>, GroupKey);

/// Where one contact sits in the model.
#[derive(Default)]
struct Placed {
    kept: bool,
    overdue: Option<DueKey>,
    due_this_week: Option<DueKey>,
    never: Option<NameKey>,
    upcoming: Vec<EventKey>,
    group: Option<GroupKey>,
}

pub(crate) struct PageModel {
    today: NaiveDate,
    week: Week,
    days: u32,
    /// The last day of the upcoming section.
    to: NaiveDate,
    page: PathBuf,
    owner: Option<Owner>,
    /// How the page links, and the file names two files share.
    links: PageLinks,
    /// Company (every spelling) → its account note, as a fresh build has them.
    account_notes: BTreeMap<String, String>,
    /// `page_rows`, and the owner flag of the "…and N more" commands.
    rows: usize,
    owner_flag: Option<String>,
    grouping: Grouping,
    placed: HashMap<PathBuf, Placed>,
    overdue: BTreeMap<DueKey, String>,
    due_this_week: BTreeMap<DueKey, String>,
    never: BTreeMap<NameKey, String>,
    /// Two events alike in every key render alike: kept once, with how many there are.
    upcoming: BTreeMap<EventKey, (String, usize)>,
    contacts: usize,
    /// Each account's members, in path order.
    groups: BTreeMap<GroupKey, BTreeSet<PathBuf>>,
    /// In the page's order, the keys beside the accounts.
    account_keys: Vec<AccountKey>,
    accounts: Vec<Account>,
    /// Beside each account, its line and the flags it was rendered with (`None`: not yet).
    account_lines: Vec<Option<(Vec<Flag>, String)>>,
    /// The page's length last time, to allocate its text once.
    length: Cell<usize>,
}

impl PageModel {
    /// The model of a session's page, built from every contact.
    pub(crate) fn new(session: &Session) -> PageModel {
        let settings = &session.settings;
        let today = session.index.today;
        let week = Week::containing(today, settings.week_start);
        let days = settings.upcoming_days;
        let mut model = PageModel {
            today,
            week,
            days,
            to: today.checked_add_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX),
            page: PathBuf::from(&settings.index),
            owner: settings.index_owner_ids().map(|ids| Owner::new(&ids)),
            links: PageLinks::of(&session.index, &Context::of(session)),
            account_notes: BTreeMap::new(),
            rows: settings.page_rows,
            owner_flag: crate::report::index_page::owner_flag(settings),
            grouping: Grouping::new(&Context::of(session)),
            placed: HashMap::with_capacity(session.index.entries.len()),
            overdue: BTreeMap::new(),
            due_this_week: BTreeMap::new(),
            never: BTreeMap::new(),
            upcoming: BTreeMap::new(),
            contacts: 0,
            groups: BTreeMap::new(),
            account_keys: Vec::new(),
            accounts: Vec::new(),
            account_lines: Vec::new(),
            length: Cell::new(0),
        };
        for entry in &session.index.entries {
            model.place(entry);
        }
        model.build_accounts(session);
        // The rows were rendered before the accounts knew their notes.
        model.render_again_if_notes_changed(session);
        model
    }

    /// The day the model was built for: another day needs a new model.
    pub(crate) fn today(&self) -> NaiveDate {
        self.today
    }

    /// Takes in the contacts at `paths` as the session now has them (changed, added or gone).
    pub(crate) fn update<'a>(&mut self, session: &Session, paths: impl IntoIterator<Item = &'a Path>) {
        let mut regroup = BTreeSet::new();
        let mut added_or_gone = false;
        for path in paths {
            let old = self.placed.remove(path);
            let entry = entry_at(&session.index, path);
            added_or_gone |= old.is_some() != entry.is_some();
            if let Some(old) = old {
                regroup.extend(old.group.clone());
                self.unplace(path, old);
            }
            if let Some(entry) = entry {
                regroup.extend(self.place(entry));
            }
        }
        if added_or_gone && self.links.style == LinkStyle::Wiki {
            self.render_again_if_names_shared_changed(session);
        }
        if regroup.is_empty() {
            return;
        }
        let cx = Context::of(session);
        for group in &regroup {
            self.rebuild_account(group, &session.index, &cx);
        }
        accounts::reflag_duplicates(&mut self.accounts);
        self.render_accounts();
        self.render_again_if_notes_changed(session);
    }

    /// A wiki link names its file by its path when another file has its name: a file added or
    /// gone can change the links of other rows.
    fn render_again_if_names_shared_changed(&mut self, session: &Session) {
        let links = PageLinks::of(&session.index, &Context::of(session));
        if links.ambiguous != self.links.ambiguous {
            self.links = links;
            self.render_again(session);
        }
    }

    /// Company names link to the notes of the accounts the page has (a fresh build's
    /// `account_notes`): a changed spelling or owner can change rows of other contacts.
    fn render_again_if_notes_changed(&mut self, session: &Session) {
        let owner = self.owner.as_ref();
        let theirs = self.accounts.iter().filter(|a| owner.is_none_or(|o| accounts::owned(a, o)));
        let notes = crate::report::index_page::account_notes(theirs);
        if notes != self.account_notes {
            self.account_notes = notes;
            self.render_again(session);
        }
    }

    /// Every contact's rows and every account's line rendered again (the accounts kept).
    fn render_again(&mut self, session: &Session) {
        self.placed.clear();
        self.overdue.clear();
        self.due_this_week.clear();
        self.never.clear();
        self.upcoming.clear();
        self.contacts = 0;
        for entry in &session.index.entries {
            // Each contact goes back into the group it is in (a set: no change).
            self.place(entry);
        }
        self.account_lines = vec![None; self.accounts.len()];
        self.render_accounts();
    }

    /// Renders the lines of the accounts built again, or whose flags changed (duplicates).
    fn render_accounts(&mut self) {
        self.account_lines.resize(self.accounts.len(), None);
        let cx = Cells { links: Links::new(&self.links, &self.page), account_notes: &self.account_notes };
        for (account, line) in self.accounts.iter().zip(&mut self.account_lines) {
            if line.as_ref().is_none_or(|(flags, _)| *flags != account.flags) {
                *line = Some((account.flags.clone(), render::account_row(account, &cx)));
            }
        }
    }

    /// Puts one contact's lines in their sections and it in its group; returns the group.
    fn place(&mut self, entry: &Entry) -> Option<GroupKey> {
        let c = &entry.contact;
        let s = &entry.schedule;
        let mut placed = Placed {
            kept: self.owner.as_ref().is_none_or(|o| o.owns(&c.owners)),
            group: self.grouping.group(entry),
            ..Placed::default()
        };
        if let Some(group) = &placed.group {
            self.groups.entry(group.clone()).or_default().insert(c.path.clone());
        }
        if placed.kept {
            self.contacts += 1;
            self.place_rows(entry, &mut placed);
            let listed = s.never_contacted
                || (matches!(s.status, Status::Due | Status::Ok)
                    && s.due.is_some_and(|d| d <= self.week.end));
            let cx = Cells { links: Links::new(&self.links, &self.page), account_notes: &self.account_notes };
            for event in entry_events(entry, self.today, self.today, self.to) {
                // Due dates already listed above are not repeated.
                if listed && event.kind == EventKind::Due {
                    continue;
                }
                let key = (
                    event.date.clone(),
                    event.who.to_lowercase(),
                    event.kind,
                    event.path.clone(),
                    event.label.clone(),
                );
                self.upcoming.entry(key.clone()).or_insert_with(|| (render::event_row(&event, &cx), 0)).1 +=
                    1;
                placed.upcoming.push(key);
            }
        }
        let group = placed.group.clone();
        self.placed.insert(c.path.clone(), placed);
        group
    }

    /// The contact's lines in the overdue, due this week and never contacted sections.
    fn place_rows(&mut self, entry: &Entry, placed: &mut Placed) {
        let c = &entry.contact;
        let s = &entry.schedule;
        let overdue = s.status == Status::Overdue;
        let due_this_week = matches!(s.status, Status::Due | Status::Ok)
            && !s.never_contacted
            && s.due.is_some_and(|d| d <= self.week.end);
        if !(overdue || due_this_week || s.never_contacted) {
            return;
        }
        let row = ContactRow::new(entry, self.today);
        let cx = Cells { links: Links::new(&self.links, &self.page), account_notes: &self.account_notes };
        let name = c.name.to_lowercase();
        if overdue {
            let key = (s.due, name.clone(), c.path.clone());
            self.overdue.insert(key.clone(), render::overdue_row(&row, &cx));
            placed.overdue = Some(key);
        }
        if due_this_week {
            let key = (s.due, name.clone(), c.path.clone());
            self.due_this_week.insert(key.clone(), render::due_row(&row, &cx));
            placed.due_this_week = Some(key);
        }
        if s.never_contacted {
            let key = (name, c.path.clone());
            self.never.insert(key.clone(), render::never_row(&row, &cx));
            placed.never = Some(key);
        }
    }

    /// Takes one contact's lines out again, and it out of its group.
    fn unplace(&mut self, path: &Path, placed: Placed) {
        if let Some(group) = &placed.group {
            if let Some(members) = self.groups.get_mut(group) {
                members.remove(path);
            }
        }
        if placed.kept {
            self.contacts -= 1;
        }
        placed.overdue.map(|k| self.overdue.remove(&k));
        placed.due_this_week.map(|k| self.due_this_week.remove(&k));
        placed.never.map(|k| self.never.remove(&k));
        for key in placed.upcoming {
            if let Some((_, n)) = self.upcoming.get_mut(&key) {
                *n -= 1;
                if *n == 0 {
                    self.upcoming.remove(&key);
                }
            }
        }
    }

    /// Every account, as `report::accounts::accounts` builds them.
    fn build_accounts(&mut self, session: &Session) {
        let cx = Context::of(session);
        for group in Grouping::marked(&cx) {
            self.groups.entry(group).or_default();
        }
        let mut built: Vec<(AccountKey, Account)> = self
            .groups
            .iter()
            .filter_map(|(group, members)| {
                let account = self.account(group, members, &session.index, &cx)?;
                let (name, note) = accounts::sort_key(&account);
                Some(((name, note, group.clone()), account))
            })
            .collect();
        built.sort_by(|a, b| a.0.cmp(&b.0));
        (self.account_keys, self.accounts) = built.into_iter().unzip();
        accounts::reflag_duplicates(&mut self.accounts);
        self.account_lines = vec![None; self.accounts.len()];
        self.render_accounts();
    }

    fn account(
        &self,
        group: &GroupKey,
        members: &BTreeSet<PathBuf>,
        index: &Index,
        cx: &Context<'_>,
    ) -> Option<Account> {
        let members: Vec<&Entry> = members.iter().filter_map(|p| entry_at(index, p)).collect();
        self.grouping.account(group, &members, index.today, cx)
    }

    /// Builds one group's account again (or drops it: no members left, and no marked note).
    fn rebuild_account(&mut self, group: &GroupKey, index: &Index, cx: &Context<'_>) {
        if let Some(at) = self.account_keys.iter().position(|k| k.2 == *group) {
            self.account_keys.remove(at);
            self.accounts.remove(at);
            self.account_lines.remove(at);
        }
        let marked = Grouping::marked(cx).any(|g| g == *group);
        let Some(members) = self.groups.get(group) else { return };
        if members.is_empty() && !marked {
            self.groups.remove(group);
            return;
        }
        let Some(account) = self.account(group, members, index, cx) else { return };
        let (name, note) = accounts::sort_key(&account);
        let key = (name, note, group.clone());
        let at = self.account_keys.binary_search(&key).unwrap_or_else(|at| at);
        self.account_keys.insert(at, key);
        self.accounts.insert(at, account);
        self.account_lines.insert(at, None);
    }

    /// The page's bytes.
    pub(crate) fn bytes(&self, session: &Session) -> Vec<u8> {
        let cx = Context::of(session);
        let flagged = |a: &Account| a.customer && !a.flags.is_empty();
        let (checkups, lines): (_, Vec<&str>) = match &self.owner {
            None => {
                let lines = self.accounts.iter().zip(&self.account_lines).filter(|(a, _)| flagged(a));
                let lines = lines.filter_map(|(_, line)| line.as_ref().map(|(_, l)| l.as_str())).collect();
                (crate::report::checkup::due_checkups(&session.index, &self.accounts, &cx, self.today), lines)
            }
            Some(owner) => {
                let is_theirs = |a: &Account| accounts::owned(a, owner);
                let theirs: Vec<Account> = self.accounts.iter().filter(|a| is_theirs(a)).cloned().collect();
                let lines =
                    self.accounts.iter().zip(&self.account_lines).filter(|(a, _)| is_theirs(a) && flagged(a));
                let lines = lines.filter_map(|(_, line)| line.as_ref().map(|(_, l)| l.as_str())).collect();
                (crate::report::checkup::due_checkups(&session.index, &theirs, &cx, self.today), lines)
            }
        };
        let upcoming: Vec<&str> =
            self.upcoming.values().flat_map(|(line, n)| std::iter::repeat_n(line.as_str(), *n)).collect();
        let mut out = String::with_capacity(self.length.get() + 64 * 1024);
        let cx = Cells { links: Links::new(&self.links, &self.page), account_notes: &self.account_notes };
        let cap = Cap { rows: self.rows, owner_flag: self.owner_flag.as_deref() };
        render::head(&mut out, self.today);
        render::overdue(&mut out, &cap, self.overdue.values());
        let week = (self.today, self.week.start, self.week.end);
        render::due_this_week(&mut out, &cap, week, self.due_this_week.values());
        render::upcoming(&mut out, &cap, self.days, upcoming.iter());
        render::never_contacted(&mut out, &cap, self.never.values());
        let accounts = lines.len();
        render::accounts_and_checkups(&mut out, &cap, lines.into_iter(), &checkups, &cx);
        let counts = render::Counts {
            overdue: self.overdue.len(),
            due_this_week: self.due_this_week.len(),
            upcoming: upcoming.len(),
            never_contacted: self.never.len(),
            accounts,
            contacts: self.contacts,
        };
        render::foot(&mut out, &counts);
        self.length.set(out.len());
        out.into_bytes()
    }
}

/// The index's contact at `path`.
fn entry_at<'a>(index: &'a Index, path: &Path) -> Option<&'a Entry> {
    let i = index.entries.binary_search_by(|e| e.contact.path.as_path().cmp(path)).ok()?;
    index.entries.get(i)
}

#[cfg(test)]
mod tests;
