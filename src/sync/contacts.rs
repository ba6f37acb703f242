//! `sync contacts VDIR`: the vault's contacts and a vdir of vCards kept in step, field by field,
//! with the last sync's values (`contacts_state`) as the base of a three-way comparison. A
//! contact and a card are paired by the contact's `uid` key and the card's `UID`; a card that
//! pairs with nothing is matched by the import's identity rules, else becomes a new contact
//! (through `import::plan`); a contact without a card gets a new one (and a `uid` key). What
//! both sides changed differently is reported, never resolved. docs/sync.md is the contract.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::contacts_card::CardText;
use super::contacts_fields::{self, get, same, Fields, SYNCED};
pub(crate) use super::contacts_state::state_path;
use super::contacts_state::{self, hash, CardFile, Item, State};
use crate::contact::{Contact, FieldNames, Keep};
use crate::error::Result;
use crate::import::identity::{Identity, Link};
use crate::import::plan::Planner;
use crate::import::{CardKind, Record};
use crate::vault::Session;
use crate::vault_path::VaultPath;
use crate::write::edit::{set_key, yaml_scalar};
use crate::write::Writer;

/// What a sync loads of each contact: the front matter too (the new card's name parts, URLs).
pub(crate) const KEEP: Keep = Keep { front_matter: true, ..Keep::LEAN };

/// A vdir to sync with and its state file.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    pub vdir: PathBuf,
    pub state_file: PathBuf,
}

pub(crate) struct Options<'a> {
    pub vdir: &'a Path,
    pub state_file: &'a Path,
    pub dry_run: bool,
    pub accept_deletions: bool,
}

/// What a run did (or, with `--dry-run`, would do): one line per change, one per problem.
pub(crate) struct Outcome {
    pub lines: Vec<String>,
    pub problems: Vec<String>,
}

/// One readable card of the vdir.
struct Card<'f> {
    file: &'f CardFile,
    record: Record,
    /// Its `UID`, else its file name without `.vcf`.
    uid: String,
}

/// One field's way, given the base, the vault's and the card's values.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    Same,
    ToVault,
    ToCard,
    Conflict,
}

fn step(field: &str, base: Option<&[String]>, vault: &[String], card: &[String]) -> Step {
    match base {
        _ if same(field, vault, card) => Step::Same,
        Some(base) if same(field, base, vault) => Step::ToVault,
        Some(base) if same(field, base, card) => Step::ToCard,
        None if vault.is_empty() => Step::ToVault,
        None if card.is_empty() => Step::ToCard,
        _ => Step::Conflict,
    }
}

/// A contact file to replace: the bytes read and the new text.
struct VaultEdit {
    path: PathBuf,
    original: Vec<u8>,
    text: String,
    uid: String,
}

enum CardChange {
    Write { file: String, old: Option<Vec<u8>>, new: Vec<u8>, uid: String },
    Remove { file: String, old: Vec<u8>, uid: String },
}

struct Run<'a> {
    session: &'a Session,
    names: &'a FieldNames,
    old: HashMap<&'a str, &'a Item>,
    /// Each contact's identifiers in normal form, by index entry.
    ids: Vec<Identity>,
    items: Vec<Item>,
    edits: Vec<VaultEdit>,
    cards: Vec<CardChange>,
    /// The new contacts' plans (made on the first card that needs one), and the UIDs of the
    /// cards they come from, by file.
    creates: Option<Planner<'a>>,
    created: Vec<(PathBuf, String)>,
    taken: HashSet<String>,
    unreadable: HashSet<String>,
    lines: Vec<String>,
    problems: Vec<String>,
}

/// Runs one sync.
pub(crate) fn sync(session: &Session, options: &Options<'_>) -> Result<Outcome> {
    let files = contacts_state::read_vdir(options.vdir)?;
    let state = contacts_state::load(options.state_file)?;
    let mut run = Run::new(session, &state, &files);
    let cards = run.read_cards(&files);
    run.pair_all(&cards, options.accept_deletions);
    let Run { lines, mut problems, .. } = if options.dry_run {
        run
    } else {
        let mut run = run;
        let failed = run.apply(options.vdir)?;
        let new = run.new_state(&state, &failed);
        if new != state {
            contacts_state::save(options.state_file, &new)?;
        }
        run
    };
    problems.sort();
    Ok(Outcome { lines, problems })
}

impl<'a> Run<'a> {
    fn new(session: &'a Session, state: &'a State, files: &[CardFile]) -> Run<'a> {
        Run {
            session,
            names: &session.settings.fields,
            old: state.items.iter().map(|i| (i.uid.as_str(), i)).collect(),
            ids: session
                .index
                .entries
                .iter()
                .map(|e| {
                    Identity::from_parts(
                        &e.contact.uids,
                        &e.contact.emails,
                        &e.contact.phones,
                        &e.contact.urls,
                    )
                })
                .collect(),
            items: Vec::new(),
            edits: Vec::new(),
            cards: Vec::new(),
            creates: None,
            created: Vec::new(),
            taken: files.iter().map(|f| f.file.to_lowercase()).collect(),
            unreadable: HashSet::new(),
            lines: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// The cards the import's reader reads; the others are reported and left alone.
    fn read_cards<'f>(&mut self, files: &'f [CardFile]) -> Vec<Card<'f>> {
        let mut cards = Vec::new();
        for file in files {
            let (mut records, _) = crate::import::vcard::parse(&file.bytes);
            if records.is_empty() {
                self.problems.push(format!("{}: not a card touchbase can read; left alone", file.file));
                self.unreadable.insert(file.file.clone());
                continue;
            }
            let record = records.swap_remove(0);
            let stem = file.file.get(..file.file.len() - 4).unwrap_or(&file.file).to_string();
            let uid = record.uid.clone().filter(|u| !u.trim().is_empty()).unwrap_or(stem);
            cards.push(Card { file, record, uid: uid.trim().to_string() });
        }
        cards
    }

    fn contact(&self, i: usize) -> Option<&'a Contact> {
        self.session.index.entries.get(i).map(|e| &*e.contact)
    }

    fn path(&self, i: usize) -> String {
        self.contact(i).map(|c| VaultPath::new(&c.path).slash()).unwrap_or_default()
    }
}

/// Pairing.
impl Run<'_> {
    fn pair_all(&mut self, cards: &[Card<'_>], accept_deletions: bool) {
        let mut by_uid: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, entry) in self.session.index.entries.iter().enumerate() {
            if let Some(uid) = entry.contact.uids.first() {
                by_uid.entry(uid.trim().to_string()).or_default().push(i);
            }
        }
        let (mut paired, mut loose, mut seen) = (HashSet::new(), Vec::new(), HashSet::new());
        for card in cards.iter().filter(|c| c.record.kind == CardKind::Person) {
            if !seen.insert(card.uid.clone()) {
                self.problems
                    .push(format!("{}: another card has its UID {:?}; left alone", card.file.file, card.uid));
                continue;
            }
            match by_uid.get(&card.uid).map(Vec::as_slice) {
                Some(&[one]) => {
                    paired.insert(one);
                    let base = self.old.get(card.uid.as_str()).map(|item| &item.base);
                    self.pair(one, card, base, false);
                }
                Some(many) => {
                    paired.extend(many.iter().copied());
                    let paths: Vec<String> = many.iter().map(|&i| self.path(i)).collect();
                    self.problems.push(format!(
                        "{}: uid {:?} is in several contacts; left alone",
                        paths.join(", "),
                        card.uid
                    ));
                }
                None => match self.old.get(card.uid.as_str()).copied() {
                    Some(item) if !item.unpaired => self.contact_deleted(card, item),
                    _ => loose.push(card),
                },
            }
        }
        self.pair_loose(&loose, &mut paired);
        for i in 0..self.session.index.entries.len() {
            if !paired.contains(&i) {
                self.without_card(i, accept_deletions);
            }
        }
    }

    /// Cards no contact's uid names: the contact the import's identity rules find (one with no
    /// card yet), else a new contact.
    fn pair_loose(&mut self, loose: &[&Card<'_>], paired: &mut HashSet<usize>) {
        for card in loose {
            match self.by_identity(&card.record, paired) {
                Some(i) => {
                    paired.insert(i);
                    self.pair(i, card, None, true);
                }
                None => self.create_contact(card),
            }
        }
    }

    /// The unpaired contact that shares the card's strongest identifier (e-mail, phone, URL),
    /// else the one of its name, when nothing about them contradicts it.
    fn by_identity(&self, record: &Record, paired: &HashSet<usize>) -> Option<usize> {
        let id = Identity::of_record(record);
        let candidates: Vec<(usize, &Identity)> = (self.ids.iter().enumerate())
            .filter(|(i, theirs)| !paired.contains(i) && theirs.contradiction(&id).is_none())
            .collect();
        for link in [Link::Email, Link::Phone, Link::Url] {
            let shared = |theirs: &Identity| theirs.keys(link).iter().any(|k| id.keys(link).contains(k));
            if let Some((i, _)) = candidates.iter().find(|(_, theirs)| shared(theirs)) {
                return Some(*i);
            }
        }
        let name = record.name.trim().to_lowercase();
        let named: Vec<usize> = candidates
            .iter()
            .map(|(i, _)| *i)
            .filter(|&i| self.contact(i).is_some_and(|c| c.name.trim().to_lowercase() == name))
            .collect();
        match named.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// A contact no card pairs with: a new card, unless the last sync paired it (its card was
    /// deleted: reported, or with `--accept-deletions` no longer synced).
    fn without_card(&mut self, i: usize, accept_deletions: bool) {
        let uid = self.contact(i).and_then(|c| c.uids.first()).map(|u| u.trim().to_string());
        let Some(item) = uid.and_then(|uid| self.old.get(uid.as_str()).copied()) else {
            return self.new_card(i);
        };
        let path = self.path(i);
        if item.unpaired || self.unreadable.contains(&item.card) {
            self.items.push(item.clone());
        } else if accept_deletions {
            self.lines.push(format!(
                "{path}: no longer synced (its card {} was deleted; the file stays)",
                item.card
            ));
            self.items.push(Item { unpaired: true, ..item.clone() });
        } else {
            self.problems.push(format!(
                "{path}: its card {} was deleted from the vdir; the contact is kept. Delete the file, or run again with --accept-deletions to stop syncing it",
                item.card
            ));
            self.items.push(item.clone());
        }
    }

    /// A card whose contact was deleted from the vault since the last sync: removed when it did
    /// not change since, else reported and kept.
    fn contact_deleted(&mut self, card: &Card<'_>, item: &Item) {
        if hash(&card.file.bytes) == item.hash {
            self.lines
                .push(format!("{}: removed ({} was deleted from the vault)", card.file.file, item.path));
            let (file, old, uid) = (card.file.file.clone(), card.file.bytes.clone(), card.uid.clone());
            self.cards.push(CardChange::Remove { file, old, uid });
        } else {
            self.problems.push(format!(
                "{}: {} was deleted from the vault, but the card changed since the last sync; the card is kept. Delete it, or delete the sync state to make it a contact again",
                card.file.file, item.path
            ));
            self.items.push(item.clone());
        }
    }
}

/// Every synced field, an absent one as known to be empty.
fn known(fields: &Fields) -> Fields {
    SYNCED.iter().map(|f| ((*f).to_string(), get(fields, f).to_vec())).collect()
}

/// The fields two sides agree on (the others unknown).
fn agreed(a: &Fields, b: &Fields) -> Fields {
    SYNCED
        .iter()
        .filter(|f| same(f, get(a, f), get(b, f)))
        .map(|f| ((*f).to_string(), get(a, f).to_vec()))
        .collect()
}

fn shown(values: &[String]) -> String {
    match values {
        [] => "nothing".into(),
        _ => values.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(", "),
    }
}

/// A field to write to the vault: its name, the contact's values, the card's.
type ToVault = (&'static str, Vec<String>, Vec<String>);

/// The changes of one pair, field by field, and the base for the next sync.
struct Compared {
    agreed: Fields,
    to_vault: Vec<ToVault>,
    to_card: Vec<&'static str>,
    conflicts: Vec<String>,
}

fn compare(base: Option<&Fields>, vault: &Fields, card: &Fields) -> Compared {
    let mut out = Compared { agreed: Fields::new(), to_vault: vec![], to_card: vec![], conflicts: vec![] };
    for field in SYNCED {
        let (v, c) = (get(vault, field), get(card, field));
        let b = base.and_then(|b| b.get(field)).map(Vec::as_slice);
        let agreed = match step(field, b, v, c) {
            Step::Same | Step::ToCard => Some(v),
            Step::ToVault => Some(c),
            Step::Conflict => {
                out.conflicts.push(format!(
                    "{field}: the vault says {}, the card says {}",
                    shown(v),
                    shown(c)
                ));
                b
            }
        };
        match step(field, b, v, c) {
            Step::ToVault => out.to_vault.push((field, v.to_vec(), c.to_vec())),
            Step::ToCard => out.to_card.push(field),
            Step::Same | Step::Conflict => {}
        }
        if let Some(agreed) = agreed {
            out.agreed.insert(field.to_string(), agreed.to_vec());
        }
    }
    out
}

/// Writing one pair's changes (planned here, written by `apply`).
impl Run<'_> {
    fn pair(&mut self, i: usize, card: &Card<'_>, base: Option<&Fields>, add_uid: bool) {
        let Some(contact) = self.contact(i) else { return };
        let vault = contacts_fields::of_contact(contact);
        let mut compared = compare(base, &vault, &contacts_fields::of_record(&card.record));
        let path = self.path(i);
        for conflict in &compared.conflicts {
            self.problems
                .push(format!("{path}: {conflict} ({}); edit one side and run again", card.file.file));
        }
        let uid = (add_uid && contact.uids.is_empty()).then_some(card.uid.as_str());
        let failed = self
            .edit_vault(contact, &card.uid, uid, &compared.to_vault)
            .unwrap_or_else(|()| compared.to_vault.iter().map(|(f, _, _)| *f).collect());
        for field in &failed {
            match base.and_then(|b| b.get(*field)) {
                Some(old) => compared.agreed.insert((*field).to_string(), old.clone()),
                None => compared.agreed.remove(*field),
            };
        }
        let written: Vec<&str> =
            compared.to_vault.iter().map(|(f, _, _)| *f).filter(|f| !failed.contains(f)).collect();
        if !written.is_empty() {
            self.lines.push(format!("{path}: {} from the card {}", written.join(", "), card.file.file));
        }
        let bytes = self.edit_card(contact, card, &compared.to_card, &vault);
        if !compared.to_card.is_empty() {
            self.lines.push(format!("{}: {} from {path}", card.file.file, compared.to_card.join(", ")));
        }
        let (uid, file) = (card.uid.clone(), card.file.file.clone());
        self.items.push(Item {
            uid,
            path,
            card: file,
            base: compared.agreed,
            hash: hash(&bytes),
            unpaired: false,
        });
    }

    /// Plans the contact file's edits: the fields, then the `uid` key. The fields that could not
    /// be written are returned (reported); `Err` when the file cannot be edited or the uid not added.
    fn edit_vault(
        &mut self,
        contact: &Contact,
        uid: &str,
        add_uid: Option<&str>,
        changes: &[ToVault],
    ) -> std::result::Result<Vec<&'static str>, ()> {
        if changes.is_empty() && add_uid.is_none() {
            return Ok(vec![]);
        }
        let path = VaultPath::new(&contact.path).slash();
        let (original, mut text) = crate::vault::read_for_edit(&self.session.root, &contact.path)
            .map_err(|reason| self.problems.push(format!("{path}: {reason}; not synced")))?;
        let mut failed = Vec::new();
        for (field, old, new) in changes {
            match contacts_fields::write_field(&text, self.names, field, old, new) {
                Ok(new) => text = new,
                Err(e) => {
                    self.problems.push(format!("{path}: {field} not written ({e}); edit it by hand"));
                    failed.push(*field);
                }
            }
        }
        if let Some(add) = add_uid {
            text = set_key(&text, self.names.key_for("uid"), &yaml_scalar(add))
                .map_err(|e| self.problems.push(format!("{path}: no uid added ({e}); not synced")))?;
            self.lines.push(format!("{path}: uid {add} added"));
        }
        self.edits.push(VaultEdit { path: contact.path.clone(), original, text, uid: uid.to_string() });
        Ok(failed)
    }

    /// The card with the contact's values of `fields`; its bytes (unchanged when none).
    fn edit_card(&mut self, contact: &Contact, card: &Card<'_>, fields: &[&str], vault: &Fields) -> Vec<u8> {
        if fields.is_empty() {
            return card.file.bytes.clone();
        }
        let mut text = CardText::parse(&card.file.bytes);
        let n = crate::report::cards::card(contact, self.names).n;
        let n: Vec<String> = n.components().iter().map(|p| crate::render::rfc_text::escape(p)).collect();
        for field in fields {
            text.set(field, get(vault, field), Some(&n.join(";")));
        }
        let new = text.bytes();
        let (file, old, uid) = (card.file.file.clone(), Some(card.file.bytes.clone()), card.uid.clone());
        self.cards.push(CardChange::Write { file, old, new: new.clone(), uid });
        new
    }
}

/// `<uid>.vcf` in the characters vdirsyncer keeps in file names.
fn card_file_name(uid: &str) -> String {
    let safe: String =
        uid.chars().map(|c| if c.is_ascii_alphanumeric() || "_.-+@".contains(c) { c } else { '-' }).collect();
    let safe = safe.trim_matches('.');
    if safe.is_empty() {
        "contact".to_string()
    } else {
        safe.to_string()
    }
}

/// New files on either side.
impl Run<'_> {
    fn free_file(&mut self, uid: &str) -> String {
        let stem = card_file_name(uid);
        let mut n = 1;
        loop {
            let file = if n == 1 { format!("{stem}.vcf") } else { format!("{stem}-{n}.vcf") };
            if self.taken.insert(file.to_lowercase()) {
                return file;
            }
            n += 1;
        }
    }

    /// A contact with no card: a new card as `export` writes it, without the note (the body is
    /// not synced), and a `uid` key in the contact when it has none.
    fn new_card(&mut self, i: usize) {
        let Some(contact) = self.contact(i) else { return };
        let mut card = crate::report::cards::card(contact, self.names);
        card.notes = None;
        if contact.uids.is_empty() {
            card.uid = card.uid.trim_start_matches("urn:uuid:").to_string();
            if self.edit_vault(contact, &card.uid, Some(&card.uid), &[]).is_err() {
                return;
            }
        }
        let file = self.free_file(&card.uid);
        let bytes = crate::render::vcf::text(&card).into_bytes();
        let (records, _) = crate::import::vcard::parse(&bytes);
        let theirs = records.first().map(contacts_fields::of_record).unwrap_or_default();
        let base = agreed(&contacts_fields::of_contact(contact), &theirs);
        let path = self.path(i);
        self.lines.push(format!("{file}: new card from {path}"));
        let uid = card.uid.clone();
        self.cards.push(CardChange::Write {
            file: file.clone(),
            old: None,
            new: bytes.clone(),
            uid: uid.clone(),
        });
        self.items.push(Item { uid, path, card: file, base, hash: hash(&bytes), unpaired: false });
    }

    /// A card that pairs with no contact: what `import` makes of it (a new contact, or a merge
    /// into the one of its name), with the card's UID as its `uid`.
    fn create_contact(&mut self, card: &Card<'_>) {
        let mut record = card.record.clone();
        record.uid = Some(card.uid.clone());
        let s = self.session;
        let planner = self.creates.get_or_insert_with(|| {
            Planner::new(&s.root, &s.settings, &s.index, Path::new(""), &[])
                .with_accounts(&s.account_notes.notes)
        });
        let file = &card.file.file;
        let outcome = planner.add_one(&record);
        match &outcome {
            Some((path, true)) => {
                let path = VaultPath::new(path).slash();
                self.lines.push(format!("{path}: new contact from the card {file}"));
                let base = known(&contacts_fields::of_record(&record));
                let hash = hash(&card.file.bytes);
                self.items.push(Item {
                    uid: card.uid.clone(),
                    path,
                    card: file.clone(),
                    base,
                    hash,
                    unpaired: false,
                });
            }
            Some((path, false)) => {
                let path = VaultPath::new(path).slash();
                self.lines
                    .push(format!("{path}: the card {file} merged in (same name); run again to compare"));
            }
            None => {
                self.problems.push(format!("{file}: could not be made a contact; left alone"));
                return;
            }
        }
        if let Some((path, _)) = outcome {
            self.created.push((path, card.uid.clone()));
        }
    }

    /// Writes what was planned; the UIDs whose writes failed (reported) keep their old state.
    fn apply(&mut self, vdir: &Path) -> Result<HashSet<String>> {
        let mut writer = Writer::new(&self.session.root)?;
        let mut failed = HashSet::new();
        for edit in &self.edits {
            if let Err(e) = writer.replace(&edit.path, &edit.original, edit.text.as_bytes()) {
                self.problems.push(e.to_string());
                failed.insert(edit.uid.clone());
            }
        }
        if let Some(planner) = &mut self.creates {
            planner.write(&mut writer, false);
            for (path, error) in planner.failures() {
                self.problems.push(format!("{}: {error}", path.display()));
                // Every card planned into that file keeps its old state (none): tried again.
                let uids = self.created.iter().filter(|(p, _)| *p == path).map(|(_, uid)| uid.clone());
                failed.extend(uids);
            }
        }
        for change in &self.cards {
            let (result, uid) = match change {
                CardChange::Write { file, old, new, uid } => {
                    (contacts_state::write_card(vdir, file, old.as_deref(), new), uid)
                }
                CardChange::Remove { file, old, uid } => (contacts_state::remove_card(vdir, file, old), uid),
            };
            if let Err(e) = result {
                self.problems.push(e.to_string());
                failed.insert(uid.clone());
            }
        }
        Ok(failed)
    }

    /// The state after this run: the pairs seen, but the failed ones as they were.
    fn new_state(&self, old: &State, failed: &HashSet<String>) -> State {
        let mut items: Vec<Item> = self.items.iter().filter(|i| !failed.contains(&i.uid)).cloned().collect();
        items.extend(old.items.iter().filter(|i| failed.contains(&i.uid)).cloned());
        items.sort_by(|a, b| a.uid.cmp(&b.uid));
        items.dedup_by(|a, b| a.uid == b.uid);
        State { version: 1, items }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn three_way_steps() {
        let (a, b, c) = (v(&["a"]), v(&["b"]), v(&["c"]));
        assert_eq!(step("name", Some(&a), &a, &a), Step::Same);
        assert_eq!(step("name", Some(&a), &a, &b), Step::ToVault);
        assert_eq!(step("name", Some(&a), &b, &a), Step::ToCard);
        assert_eq!(step("name", Some(&a), &b, &b), Step::Same, "the same change on both sides");
        assert_eq!(step("name", Some(&a), &b, &c), Step::Conflict);
        // No base (a first sync, a deleted state): only what one side lacks is filled in.
        assert_eq!(step("name", None, &[], &b), Step::ToVault);
        assert_eq!(step("name", None, &b, &[]), Step::ToCard);
        assert_eq!(step("name", None, &b, &c), Step::Conflict);
        // Lists in any order are the same list.
        assert_eq!(step("phone", Some(&a), &v(&["1", "2"]), &v(&["2", "1"])), Step::Same);
    }

    #[test]
    fn card_file_names_are_vdirsyncer_safe() {
        assert_eq!(card_file_name("urn:uuid:ab-12"), "urn-uuid-ab-12");
        assert_eq!(card_file_name("a/b c@x.example"), "a-b-c@x.example");
        assert_eq!(card_file_name("../"), "-");
        assert_eq!(card_file_name(""), "contact");
    }
}
