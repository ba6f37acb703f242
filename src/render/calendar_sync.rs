//! What `sync calendar` says: a line per event file written or removed (or to be, with
//! `--dry-run`), the feed, the files it left alone, then one summary line that says "in step"
//! when there was nothing to do.

use std::io::{self, Write};

use super::sanitize;
use crate::report::calendar_sync::{Action, Plan};

/// The plan's lines; with `quiet`, only the clashes and the summary.
pub(crate) fn plan(w: &mut (impl Write + ?Sized), plan: &Plan, quiet: bool) -> io::Result<()> {
    let would = if plan.dry_run { "would " } else { "" };
    for step in plan.steps.iter().filter(|_| !quiet) {
        let verb = match step.action {
            Action::Create => "create",
            Action::Update => "update",
            Action::Remove => "remove",
        };
        writeln!(w, "{would}{verb} {}  {}", sanitize(&step.name), sanitize(&step.summary))?;
    }
    if let Some((feed, true)) = &plan.feed {
        writeln!(w, "{would}write feed {}", sanitize(feed))?;
    }
    for name in &plan.clashes {
        writeln!(
            w,
            "left alone: {} has the name of a touchbase event but is not touchbase's",
            sanitize(name)
        )?;
    }
    summary(w, plan)
}

fn summary(w: &mut (impl Write + ?Sized), plan: &Plan) -> io::Result<()> {
    let events =
        plan.unchanged + plan.count(Action::Create) + plan.count(Action::Update) + plan.clashes.len();
    let others = match plan.foreign {
        0 => String::new(),
        1 => "; 1 other item left alone".to_string(),
        n => format!("; {n} other items left alone"),
    };
    let vdir = sanitize(&plan.vdir);
    if plan.in_step() {
        return writeln!(w, "calendar in step: {events} event{} in {vdir}{others}", plural(events));
    }
    let (create, update, remove) =
        (plan.count(Action::Create), plan.count(Action::Update), plan.count(Action::Remove));
    let done = if plan.dry_run { "dry run, nothing written: would create" } else { "created" };
    let (update_word, remove_word) = if plan.dry_run { ("update", "remove") } else { ("updated", "removed") };
    writeln!(
        w,
        "calendar {vdir}: {done} {create}, {update_word} {update}, {remove_word} {remove}, {} unchanged{others}",
        plan.unchanged
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
