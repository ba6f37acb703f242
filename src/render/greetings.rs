//! `cards`: the cards to post as a checklist (table), a markdown checklist, or JSON; the
//! holiday campaign the same way.

use std::io::{self, Write};
use std::path::Path;

use chrono::NaiveDate;

use super::markdown::{escape, link};
use super::rows::{self, Output};
use super::{sanitize, ListFormat, Style};
use crate::report::greetings::{Campaign, CardList, GreetingCard};

/// What a card without an address says: finding it out is the first step.
const NO_ADDRESS: &str = "no address";

pub(crate) fn list(w: &mut (impl Write + ?Sized), out: &Output<'_>, list: &CardList) -> io::Result<()> {
    let weeks = if list.weeks == 1 { "1 week".to_string() } else { format!("{} weeks", list.weeks) };
    let tag = list.tag.as_deref().map(|t| format!(", tag {t}")).unwrap_or_default();
    let title = format!("Cards to post by {}", day(&list.until.to_string()));
    let subtitle = format!(
        "{weeks} from {}{tag}; post by = the event minus `card_lead_days`",
        day(&list.today.to_string())
    );
    let empty = format!("No cards to post in the next {weeks}.");
    match out.format {
        ListFormat::Json => rows::json(w, &list.cards),
        ListFormat::Md => w.write_all(markdown(&title, &subtitle, &list.cards, &empty).as_bytes()),
        ListFormat::Table | ListFormat::Csv | ListFormat::Paths => {
            checklist(w, &title, &subtitle.replace('`', ""), &list.cards, &empty, out.color)
        }
    }
}

pub(crate) fn campaign(
    w: &mut (impl Write + ?Sized),
    out: &Output<'_>,
    campaign: &Campaign,
) -> io::Result<()> {
    let tag = campaign.tag.as_deref().map(|t| format!("tag {t}: ")).unwrap_or_default();
    let missing = campaign.cards.iter().filter(|c| c.address.is_none()).count();
    let n = campaign.cards.len();
    let title = format!("Holiday cards to post by {}", day(&campaign.post_by.to_string()));
    let mut subtitle = format!(
        "{tag}{n} card{}, {missing} without an address (`holiday_post_by` sets the day)",
        if n == 1 { "" } else { "s" }
    );
    if campaign.today > campaign.post_by {
        subtitle
            .push_str(&format!("; the post-by date has passed ({} today): post them now", campaign.today));
    }
    let empty = if campaign.tag.is_some() { "No contact has the tag." } else { "No contacts." };
    match out.format {
        ListFormat::Json => rows::json(w, &campaign.cards),
        ListFormat::Md => w.write_all(markdown(&title, &subtitle, &campaign.cards, empty).as_bytes()),
        ListFormat::Table | ListFormat::Csv | ListFormat::Paths => {
            checklist(w, &title, &subtitle.replace('`', ""), &campaign.cards, empty, out.color)
        }
    }
}

/// `Tue 2026-12-01`; the text as it is when it is no date.
fn day(text: &str) -> String {
    text.parse::<NaiveDate>().map_or_else(|_| text.to_string(), |d| d.format("%a %Y-%m-%d").to_string())
}

/// `post by Tue 2026-12-01: Mei turns 51 on Sat 2026-12-12`, or a holiday card's name (the
/// campaign's one post-by date is said once, above the list).
fn headline(card: &GreetingCard) -> String {
    let late = if card.late { " (late: post it now)" } else { "" };
    match &card.event_date {
        Some(event) => format!("post by {}{late}: {} on {}", day(&card.post_by), card.label, day(event)),
        None => card.who.clone(),
    }
}

fn checklist(
    w: &mut (impl Write + ?Sized),
    title: &str,
    subtitle: &str,
    cards: &[GreetingCard],
    empty: &str,
    color: bool,
) -> io::Result<()> {
    writeln!(w, "{}", Style::Bold.paint(&sanitize(title), color))?;
    writeln!(w, "{}\n", Style::Dim.paint(&sanitize(subtitle), color))?;
    if cards.is_empty() {
        return writeln!(w, "{empty}");
    }
    for card in cards {
        let style = if card.late { Style::Red } else { Style::Plain };
        writeln!(w, "[ ] {}", style.paint(&sanitize(&headline(card)), color))?;
        let address = match &card.address {
            Some(address) => Style::Plain.paint(&sanitize(address), color),
            None => Style::Yellow.paint(NO_ADDRESS, color),
        };
        if card.event_date.is_some() {
            writeln!(w, "    to {}: {address}", sanitize(&card.who))?;
        } else {
            writeln!(w, "    {address}")?;
        }
    }
    Ok(())
}

fn markdown(title: &str, subtitle: &str, cards: &[GreetingCard], empty: &str) -> String {
    let mut out = format!("# {}\n\n_{}_\n\n", escape(title), escape(&subtitle.replace('`', "")));
    if cards.is_empty() {
        out.push_str(empty);
        out.push('\n');
    }
    for card in cards {
        let who: Vec<String> =
            card.paths.iter().zip(&card.names).map(|(path, name)| link(name, Path::new(path))).collect();
        let address = card.address.as_deref().map_or_else(|| format!("**{NO_ADDRESS}**"), escape);
        match &card.event_date {
            Some(_) => out.push_str(&format!(
                "- [ ] {} ({}): {address}\n",
                escape(&headline(card)),
                who.join(" and ")
            )),
            None => out.push_str(&format!("- [ ] {}: {address}\n", who.join(" and "))),
        }
    }
    out
}
