//! What `sync calendar` does to a vdir, as data: the event files touchbase wants there, compared
//! with the files that are there. Only touchbase's own files are ever changed or removed: a file
//! is touchbase's when its name is `tb-KIND-HASH.ics` and its `UID` is `tb-KIND-HASH@touchbase`
//! (the phone's own events, and anything else, are counted and left alone). Pure: bytes in, a
//! plan out; `sync::calendar` reads the folder and carries the plan out.

use std::collections::BTreeMap;

/// The domain of every event UID touchbase makes (`report::calendar`).
const UID_DOMAIN: &str = "@touchbase";

/// An event file touchbase wants in the vdir.
pub(crate) struct Want {
    pub name: String,
    pub summary: String,
    pub bytes: Vec<u8>,
}

/// A file that is in the vdir.
pub(crate) struct Have {
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    Create,
    Update,
    Remove,
}

/// One file to write or remove.
pub(crate) struct Step {
    pub action: Action,
    pub name: String,
    /// The event's summary (for a removal, the one in the file).
    pub summary: String,
    /// What to write; empty for a removal.
    pub bytes: Vec<u8>,
}

/// The plan for one run.
#[derive(Default)]
pub(crate) struct Plan {
    /// The vdir as the user gave it.
    pub vdir: String,
    pub steps: Vec<Step>,
    pub unchanged: usize,
    /// Files that are not touchbase's (the phone's events, other tools'): never touched.
    pub foreign: usize,
    /// Files with the name of one of touchbase's events that are not touchbase's: left alone,
    /// and the event not written (exit 1).
    pub clashes: Vec<String>,
    /// `--feed FILE`: the file and whether it changes.
    pub feed: Option<(String, bool)>,
    pub dry_run: bool,
}

impl Plan {
    /// Nothing to write, remove or look at.
    pub(crate) fn in_step(&self) -> bool {
        self.steps.is_empty()
            && self.clashes.is_empty()
            && self.feed.as_ref().is_none_or(|(_, changed)| !changed)
    }

    pub(crate) fn count(&self, action: Action) -> usize {
        self.steps.iter().filter(|s| s.action == action).count()
    }
}

/// The file name of the event with this UID: the UID without its domain, and `.ics`.
pub(crate) fn file_name(uid: &str) -> String {
    format!("{}.ics", uid.strip_suffix(UID_DOMAIN).unwrap_or(uid))
}

/// Whether the file `name` holding `bytes` is touchbase's (see the module's doc).
pub(crate) fn is_ours(name: &str, bytes: &[u8]) -> bool {
    let Some(stem) = name.strip_suffix(".ics") else { return false };
    let shaped =
        stem.strip_prefix("tb-").and_then(|rest| rest.rsplit_once('-')).is_some_and(|(kind, hash)| {
            !kind.is_empty()
                && kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                && hash.len() == 16
                && hash.bytes().all(|b| b.is_ascii_hexdigit())
        });
    shaped && property(bytes, "UID").as_deref() == Some(&format!("{stem}{UID_DOMAIN}"))
}

/// The value of the first line `NAME:value` (unfolded lines are enough for UID and SUMMARY
/// of touchbase's own files; a folded SUMMARY shows its first line only).
fn property(bytes: &[u8], name: &str) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let prefix = format!("{name}:");
    text.lines().find_map(|l| l.strip_prefix(&prefix).map(|v| v.trim_end_matches('\r').to_string()))
}

/// The plan that makes the vdir hold exactly `want` among touchbase's files.
pub(crate) fn plan(want: Vec<Want>, have: Vec<Have>) -> Plan {
    let mut present: BTreeMap<String, Have> = have.into_iter().map(|h| (h.name.clone(), h)).collect();
    let mut plan = Plan::default();
    for want in want {
        match present.remove(&want.name) {
            None => plan.steps.push(step(Action::Create, want)),
            Some(have) if !is_ours(&have.name, &have.bytes) => plan.clashes.push(have.name),
            Some(have) if have.bytes == want.bytes => plan.unchanged += 1,
            Some(_) => plan.steps.push(step(Action::Update, want)),
        }
    }
    for (name, have) in present {
        if is_ours(&name, &have.bytes) {
            let summary = property(&have.bytes, "SUMMARY").unwrap_or_default().replace("\\,", ",");
            plan.steps.push(Step { action: Action::Remove, name, summary, bytes: Vec::new() });
        } else {
            plan.foreign += 1;
        }
    }
    plan.steps.sort_by(|a, b| a.name.cmp(&b.name));
    plan
}

fn step(action: Action, want: Want) -> Step {
    Step { action, name: want.name, summary: want.summary, bytes: want.bytes }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: &str = "tb-birthday-0123456789abcdef.ics";

    fn ours(summary: &str) -> Vec<u8> {
        format!("BEGIN:VEVENT\r\nUID:tb-birthday-0123456789abcdef@touchbase\r\nSUMMARY:{summary}\r\n")
            .into_bytes()
    }

    fn want(name: &str, bytes: Vec<u8>) -> Want {
        Want { name: name.to_string(), summary: "s".to_string(), bytes }
    }

    fn have(name: &str, bytes: Vec<u8>) -> Have {
        Have { name: name.to_string(), bytes }
    }

    #[test]
    fn recognises_only_its_own_files() {
        assert!(is_ours(NAME, &ours("x")));
        assert!(!is_ours("phone-event.ics", &ours("x")));
        assert!(!is_ours(NAME, b"UID:someone-else@phone\r\n"));
        assert!(!is_ours("tb-birthday-0123.ics", b"UID:tb-birthday-0123@touchbase\r\n"));
        assert_eq!(file_name("tb-birthday-0123456789abcdef@touchbase"), NAME);
    }

    #[test]
    fn plans_creates_updates_removals_and_leaves_the_rest() {
        let other = "tb-planned-0123456789abcdef.ics";
        let plan = plan(
            vec![want(NAME, ours("new")), want("tb-card-0123456789abcdef.ics", b"c".to_vec())],
            vec![
                have(NAME, ours("old")),
                have(other, b"UID:tb-planned-0123456789abcdef@touchbase\r\nSUMMARY:gone\r\n".to_vec()),
                have("phone.ics", b"UID:phone\r\n".to_vec()),
            ],
        );
        let steps: Vec<_> =
            plan.steps.iter().map(|s| (s.action, s.name.as_str(), s.summary.as_str())).collect();
        assert_eq!(
            steps,
            [
                (Action::Update, NAME, "s"),
                (Action::Create, "tb-card-0123456789abcdef.ics", "s"),
                (Action::Remove, other, "gone")
            ]
        );
        assert_eq!((plan.unchanged, plan.foreign), (0, 1));
    }

    #[test]
    fn a_file_of_ours_by_name_only_is_a_clash() {
        let plan = plan(vec![want(NAME, ours("x"))], vec![have(NAME, b"UID:theirs\r\n".to_vec())]);
        assert!(plan.steps.is_empty());
        assert_eq!(plan.clashes, [NAME]);
        let same = super::plan(vec![want(NAME, ours("x"))], vec![have(NAME, ours("x"))]);
        assert!(same.in_step());
    }
}
