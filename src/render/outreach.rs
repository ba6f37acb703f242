//! The weekly outreach list as markdown.

use std::io::{self, Write};
use std::path::Path;

use super::markdown::{escape, Links};
use crate::report::outreach::{Outreach, Section, POST_BY};
use crate::report::EventRow;

/// The outreach page. Links are relative to `page` (the file it is, or would be, saved as).
pub(crate) fn outreach(w: &mut (impl Write + ?Sized), o: &Outreach, page: &Path) -> io::Result<()> {
    w.write_all(text(o, page).as_bytes())
}

fn text(o: &Outreach, page: &Path) -> String {
    let links = Links::new(&o.links, page);
    let mut out = String::new();
    let name = o.week.name();
    out.push_str(&format!("# Outreach {name} ({} to {})\n\n", o.week.start, o.week.end));
    let flag = o.owner_flag.as_deref().map(|f| format!(" {f}")).unwrap_or_default();
    out.push_str(&format!("_Generated for {} by `touchbase outreach --week {name}{flag}`._\n", o.today));

    reach_out(&mut out, o, &links, &format!("{name}{flag}"));
    out.push_str("\n## Dates this week\n\n");
    dates(&mut out, o, &o.dates, "No birthdays or anniversaries this week.", &links);
    out.push_str("\n### Cards to post (post by this week)\n\n");
    cards(&mut out, o, &links);
    out.push_str("\n## Account check-up\n\n");
    account_checkup(&mut out, o, &links);
    out
}

/// "Reach out": the ranked people, and how to list them all when the limit cut some off.
fn reach_out(out: &mut String, o: &Outreach, links: &Links<'_>, week_and_owner: &str) {
    let shown = o.reach_out.len();
    out.push_str(&format!("\n## Reach out ({shown} of {})\n\n", shown + o.more));
    if o.reach_out.is_empty() {
        out.push_str("Nobody is due this week.\n");
    }
    for p in &o.reach_out {
        let company =
            p.company.as_deref().map(|c| format!(", {}", company_link(o, c, links))).unwrap_or_default();
        let cadence = p.cadence.as_deref().map(|c| format!(" ({})", escape(c))).unwrap_or_default();
        out.push_str(&format!(
            "- {} {}{company}: {}{cadence}\n",
            mark(o, Section::ReachOut, &p.path, ""),
            links.to(&p.name, &p.path),
            escape(&p.why)
        ));
        for point in &p.talking_points {
            out.push_str(&format!("  - {}\n", escape(point)));
        }
    }
    if o.more > 0 {
        out.push_str(&format!(
            "\n…and {} more (`touchbase outreach --week {week_and_owner} --limit {}` lists them all).\n",
            o.more,
            shown + o.more
        ));
    }
}

/// A company, linked to its account note when it has one.
fn company_link(o: &Outreach, company: &str, links: &Links<'_>) -> String {
    match o.account_notes.get(company.trim()) {
        Some(note) => links.to(company, note),
        None => escape(company),
    }
}

/// The check-ups due, then each flag of the accounts needing attention, its people linked.
fn account_checkup(out: &mut String, o: &Outreach, links: &Links<'_>) {
    for c in &o.checkups {
        let last = c.last_checkup.as_deref().map_or_else(|| "none yet".to_string(), |d| format!("last {d}"));
        out.push_str(&format!(
            "- [ ] **{}**: check-up due {} ({last}): `touchbase checkup {:?}`\n",
            company_link(o, &c.target, links),
            c.due,
            c.target
        ));
    }
    if o.accounts.is_empty() {
        out.push_str(
            "Every customer account has a recent contact, more than one active thread, and a decision maker known and in touch.\n",
        );
    }
    for account in &o.accounts {
        for flag in &account.flags {
            let people = super::index_page::named(account, flag, &o.account_notes);
            let message = links.mentions(&flag.message, &people, false);
            out.push_str(&format!("- [ ] **{}**: {message}\n", company_link(o, &account.company, links)));
        }
    }
}

fn dates(out: &mut String, o: &Outreach, rows: &[EventRow], empty: &str, links: &Links<'_>) {
    if rows.is_empty() {
        out.push_str(empty);
        out.push('\n');
    }
    for e in rows {
        let mark = mark(o, Section::Dates, &e.path, &format!("{}: {}", e.date, e.label));
        out.push_str(&format!("- {mark} {}: {} ({})\n", e.date, escape(&e.label), links.to(&e.who, &e.path)));
    }
}

/// `- [ ] 2026-12-08: Linda and Robert's 47th anniversary ([Linda Sullivan](..) and [Robert
/// Sullivan](..)) — post by Tue 2026-12-01; 41 Varnum Ave, Lowell`: the event first, as in
/// "Dates this week", so that a tick records the same label (`report::outreach::touches`).
fn cards(out: &mut String, o: &Outreach, links: &Links<'_>) {
    if o.cards.is_empty() {
        out.push_str("No card to post this week.\n");
    }
    for card in &o.cards {
        let first = card.paths.first().map_or("", String::as_str);
        let event = card.event_date.as_deref().unwrap_or("");
        let who: Vec<String> =
            card.paths.iter().zip(&card.names).map(|(path, name)| links.to(name, path)).collect();
        let post_by = card
            .post_by
            .parse::<chrono::NaiveDate>()
            .map_or_else(|_| card.post_by.clone(), |d| d.format("%a %Y-%m-%d").to_string());
        let late = if card.late { " (late: post it now)" } else { "" };
        let address = card.address.as_deref().map_or_else(|| "**no address**".to_string(), escape);
        out.push_str(&format!(
            "- {} {event}: {} ({}){POST_BY}{post_by}{late}; {address}\n",
            mark(o, Section::Cards, first, &format!("{event}: {}", card.label)),
            escape(&card.label),
            who.join(" and "),
        ));
    }
}

/// `[x]` for an item ticked on the saved page (its ticks survive a rewrite), else `[ ]`. `key`
/// tells a contact's items in one section apart (`DATE: LABEL`; `""` under "Reach out").
fn mark(o: &Outreach, section: Section, path: &str, key: &str) -> &'static str {
    if o.ticked.contains(&(section, path.to_string(), key.to_string())) {
        "[x]"
    } else {
        "[ ]"
    }
}
