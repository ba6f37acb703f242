//! The model after any sequence of edits, creates, deletes and renames equals a fresh build.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::PageModel;
use crate::contact::Keep;
use crate::vault::{LoadOptions, Session};

const TODAY: &str = "2026-11-26";

/// A contact file's text from a few choices: company (two spellings of one, another, none),
/// last contact, cadence, birthday, role, tags, account keys.
fn contact(name: &str, pick: u32) -> String {
    let company = ["Acme", "acme inc", "Globex", "", "[[Initech]]", "ACME Corp"][(pick % 6) as usize];
    let last = ["2026-11-20", "2025-01-02", "", "2026-10-01"][((pick / 6) % 4) as usize];
    let cadence = ["monthly", "weekly", "", "quarterly", "never"][((pick / 24) % 5) as usize];
    let birthday = ["1980-12-03", "", "1975-11-30"][((pick / 120) % 3) as usize];
    let role = ["CEO", "Engineer", ""][((pick / 360) % 3) as usize];
    let extra = [
        "tags: [customer]\n",
        "account_role: [decision_maker]\n",
        "left: 2026-01-01\nreplaced_by: Zed\n",
        "",
        "checkup_cadence: quarterly\n",
        "owner: Ann\ntags: [customer]\n",
    ][((pick / 1080) % 6) as usize];
    let mut text = format!("---\nname: {name}\n");
    for (key, value) in [
        ("company", company),
        ("last_contact", last),
        ("cadence", cadence),
        ("birthday", birthday),
        ("role", role),
    ] {
        if !value.is_empty() {
            text.push_str(&format!("{key}: \"{value}\"\n"));
        }
    }
    text.push_str(extra);
    text.push_str("---\n\n");
    if pick.is_multiple_of(7) {
        text.push_str("- [ ] 2026-11-01 call back\n");
    }
    text
}

const SETTINGS: &str = "account_tags = [\"customer\"]\n";

/// Wiki links and sections of two rows.
const WIKI: &str = "account_tags = [\"customer\"]\nlinks = \"wiki\"\npage_rows = 2\n";

fn load(root: &Path) -> Session {
    Session::load(root, LoadOptions { keep: Keep::LEAN, cache_dir: None }, TODAY.parse().expect("a date"))
        .expect("the vault loads")
}

/// One step: write contact `file` (a create or an edit), delete it, or rename it to `to`.
#[derive(Clone, Debug)]
enum Step {
    Write(usize, u32),
    Delete(usize),
    Rename(usize, usize),
}

/// Contact `n`'s file; with `shared` names, three folders hold files of the same names (a wiki
/// link to one of them needs its path).
fn file(n: usize, shared: bool) -> PathBuf {
    let stem = if shared { n % 4 } else { n };
    PathBuf::from(["people", "customers/acme", "work"][n % 3]).join(format!("P{stem}.md"))
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0usize..12, 0u32..6480).prop_map(|(f, p)| Step::Write(f, p)),
        1 => (0usize..12).prop_map(Step::Delete),
        1 => (0usize..12, 0usize..12).prop_map(|(f, t)| Step::Rename(f, t)),
    ]
}

/// Applies one step to the files and to `session` the way watch's live session does, and
/// returns the paths it changed.
fn apply(root: &Path, session: &mut Session, step: &Step, shared: bool) -> Vec<PathBuf> {
    let file = |n: usize| file(n, shared);
    let write = |n: usize, pick: u32| {
        let path = root.join(file(n));
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        // Names collide on purpose (P0, p0): the sort keys tie on the lowercase name.
        let name = if n.is_multiple_of(4) { format!("p{}", n / 4) } else { format!("P{}", n / 4) };
        std::fs::write(path, contact(&name, pick)).expect("write");
    };
    let changed = match *step {
        Step::Write(n, pick) => {
            write(n, pick);
            vec![file(n)]
        }
        Step::Delete(n) => {
            let _ = std::fs::remove_file(root.join(file(n)));
            vec![file(n)]
        }
        Step::Rename(from, to) => {
            if root.join(file(from)).exists() && from != to {
                std::fs::create_dir_all(root.join(file(to)).parent().expect("a folder")).expect("mkdir");
                std::fs::rename(root.join(file(from)), root.join(file(to))).expect("rename");
            }
            vec![file(from), file(to)]
        }
    };
    for path in &changed {
        session.index.remove(path);
        let options = LoadOptions { keep: Keep::LEAN, cache_dir: None };
        if let crate::vault::FileOutcome::Contact(contact, _) =
            crate::vault::read_one(&session.root, &session.settings, path, options)
        {
            session.index.upsert(*contact);
        }
    }
    changed
}

fn check(steps: &[Step], settings: &str) {
    check_files(steps, settings, false);
}

fn check_files(steps: &[Step], settings: &str, shared: bool) {
    let file = |n: usize| file(n, shared);
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = dir.path();
    std::fs::write(root.join("touchbase.toml"), settings).expect("settings");
    std::fs::create_dir_all(root.join("notes")).expect("mkdir");
    std::fs::write(
        root.join("notes/Acme.md"),
        "---\ntype: account\ntags: [customer]\naliases: [Acme Inc]\n---\n",
    )
    .expect("note");
    std::fs::write(root.join("notes/Globex.md"), "plain note\n").expect("note");
    for n in 0..6 {
        std::fs::create_dir_all(root.join(file(n)).parent().expect("a folder")).expect("mkdir");
        std::fs::write(root.join(file(n)), contact(&format!("P{n}"), n as u32 * 997)).expect("write");
    }
    let mut session = load(root);
    let mut model = PageModel::new(&session);
    for step in steps {
        let changed = apply(root, &mut session, step, shared);
        model.update(&session, changed.iter().map(PathBuf::as_path));
        let fresh = crate::watch::page_bytes(&load(root)).expect("a page");
        let ours = model.bytes(&session);
        assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&fresh), "after {step:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_model_after_any_edits_is_a_fresh_page(steps in prop::collection::vec(step(), 1..14)) {
        check(&steps, SETTINGS);
    }

    #[test]
    fn the_owners_page_after_any_edits_is_a_fresh_page(steps in prop::collection::vec(step(), 1..8)) {
        check(&steps, "index_owner = \"Ann\"\naccount_tags = [\"customer\"]\n");
    }

    #[test]
    fn a_capped_page_of_wiki_links_after_any_edits_is_a_fresh_page(
        steps in prop::collection::vec(step(), 1..10)
    ) {
        check_files(&steps, WIKI, true);
    }
}

#[test]
fn a_contact_moving_between_accounts_and_sections_is_placed_anew() {
    use Step::*;
    check(
        &[
            Write(0, 0),
            Write(0, 7),
            Write(1, 1),
            Delete(2),
            Rename(3, 9),
            Write(9, 1200),
            Rename(9, 0),
            Delete(0),
        ],
        SETTINGS,
    );
}

#[test]
fn wiki_links_follow_a_name_another_file_gets_or_loses() {
    use Step::*;
    // P0's link is [[P0]] until another P0.md appears (then its path), and again after.
    check_files(
        &[Write(0, 0), Write(4, 7), Write(8, 1200), Delete(4), Rename(8, 3), Rename(0, 1), Write(5, 6)],
        WIKI,
        true,
    );
}
