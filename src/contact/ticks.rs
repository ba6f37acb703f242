//! The boxes ticked on a saved outreach page (`- [x] [Jane Doe](../people/Jane%20Doe.md): ...`
//! or `- [x] [[Jane Doe]]: ...`), read with pulldown-cmark's task lists and wiki links: which
//! section each is in and the contact it links.

use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// The sections of an outreach page whose items can be ticked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Section {
    /// "Reach out": a ticked box means the contact was reached.
    ReachOut,
    /// "Dates this week": a ticked box means the card was sent.
    Dates,
    /// "Cards to post" ("Mail a card now" on pages saved before): a ticked box means the card
    /// was sent.
    Cards,
    /// "Account check-up" and anything else: ticks there record nothing.
    Other,
}

/// One ticked item: its section, the vault path its first link names (relative to the vault
/// root, `None` when it names no file inside it), the paths its other links name (a couple's
/// card links both), and the item's own text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Tick {
    pub(crate) section: Section,
    pub(crate) path: Option<PathBuf>,
    pub(crate) others: Vec<PathBuf>,
    pub(crate) text: String,
}

/// Finds the file a wiki link's target names (Obsidian's rules), relative to the vault root.
pub(crate) type WikiTargets<'a> = &'a dyn Fn(&str) -> Option<PathBuf>;

/// The ticked top-level items of the page saved at `page` (relative to the vault root); `wiki`
/// resolves `[[wiki links]]`.
pub(crate) fn ticked(text: &str, page: &Path, wiki: WikiTargets<'_>) -> Vec<Tick> {
    let mut ticks = Vec::new();
    let mut section = Section::Other;
    let mut heading: Option<String> = None;
    // (ticked, links, text so far) of the top-level item being read.
    let mut item: Option<(bool, Vec<Option<PathBuf>>, String)> = None;
    let mut depth = 0usize;
    // A quoted list (`> - [x] ...`) is text about a list, not the page's own.
    let mut quoted = 0usize;
    for event in Parser::new_ext(text, Options::ENABLE_TASKLISTS | Options::ENABLE_WIKILINKS) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => quoted += 1,
            Event::End(TagEnd::BlockQuote(_)) => quoted = quoted.saturating_sub(1),
            _ if quoted > 0 => {}
            Event::Start(Tag::Heading { level, .. }) if level <= HeadingLevel::H3 => {
                heading = Some(String::new());
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(title) = heading.take() {
                    section = section_of(&title);
                }
            }
            Event::Start(Tag::Item) => {
                depth += 1;
                if depth == 1 {
                    item = Some((false, Vec::new(), String::new()));
                }
            }
            Event::End(TagEnd::Item) => {
                if depth == 1 {
                    if let Some((true, links, text)) = item.take() {
                        let mut links = links.into_iter();
                        let path = links.next().flatten();
                        let others = links.flatten().collect();
                        ticks.push(Tick { section, path, others, text: text.trim().to_string() });
                    }
                    item = None;
                }
                depth = depth.saturating_sub(1);
            }
            Event::TaskListMarker(checked) if depth == 1 => {
                if let Some(item) = item.as_mut() {
                    item.0 = checked;
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, .. }) if depth == 1 => {
                if let Some(item) = item.as_mut() {
                    let wiki_link = matches!(link_type, LinkType::WikiLink { .. });
                    item.1.push(if wiki_link { wiki(&dest_url) } else { resolve(page, &dest_url) });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(title) = heading.as_mut() {
                    title.push_str(&t);
                } else if depth == 1 {
                    if let Some(item) = item.as_mut() {
                        item.2.push_str(&t);
                    }
                }
            }
            _ => {}
        }
    }
    ticks
}

fn section_of(title: &str) -> Section {
    let title = title.trim();
    if title.starts_with("Reach out") {
        Section::ReachOut
    } else if title.starts_with("Dates this week") {
        Section::Dates
    } else if title.starts_with("Cards to post") || title.starts_with("Mail a card now") {
        Section::Cards
    } else {
        Section::Other
    }
}

/// What follows a card's event, label and names on the page: ` — post by Tue 2026-12-01`.
pub(crate) const POST_BY: &str = " \u{2014} post by ";

impl Tick {
    /// What tells this item from the contact's others in its section: `DATE: LABEL` for a date
    /// or a card (`2026-12-08: Linda and Robert's 47th anniversary`, the text before the names
    /// and the post-by date), nothing for a person to reach out to.
    pub(crate) fn key(&self) -> &str {
        match self.section {
            Section::Dates | Section::Cards => {
                let text = self.text.split_once(POST_BY).map_or(self.text.as_str(), |(card, _)| card);
                text.rsplit_once(" (").map_or(text, |(event, _)| event)
            }
            Section::ReachOut | Section::Other => "",
        }
    }

    /// The label of a date or card: its key without the date.
    pub(crate) fn label(&self) -> &str {
        let key = self.key();
        key.split_once(": ").map_or(key, |(_, label)| label)
    }
}

/// A link target relative to the page's folder, as a path relative to the vault root: the
/// percent-encoding undone, `..` applied; `None` for a link that is not a relative path or
/// that climbs out of the vault.
fn resolve(page: &Path, link: &str) -> Option<PathBuf> {
    if link.contains("://") || link.starts_with('/') || link.starts_with('#') {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(link).decode_utf8().ok()?;
    let mut out = page.parent().map(Path::to_path_buf).unwrap_or_default();
    for component in Path::new(decoded.as_ref()).components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticked_items_with_their_section_and_contact() {
        let page = "# Outreach 2026-W49\n\n## Reach out (2 of 2)\n\n\
                    - [x] [Chris Nakamura](../people/Chris%20Nakamura.md): 226 days overdue (monthly)\n  \
                    - Last: 2026-03-14: dinner\n\
                    - [ ] [Marcus Bell](../customers/globex/Marcus%20Bell.md), Globex: 99 days overdue\n\n\
                    ## Dates this week\n\n\
                    - [X] 2026-12-01: Birthday of Ann (43) ([Ann Lee](../Ann%20Lee.md))\n\n\
                    ## Account check-up\n\n- [x] **Acme**: only one contact\n\n\
                    > - [x] [Quoted](../Quoted.md)\n";
        let ticks = ticked(page, Path::new("outreach/2026-W49.md"), &|_| None);
        assert_eq!(ticks.len(), 3, "{ticks:?}");
        assert_eq!(ticks[0].section, Section::ReachOut);
        assert_eq!(ticks[0].path.as_deref(), Some(Path::new("people/Chris Nakamura.md")));
        assert_eq!(ticks[1].section, Section::Dates);
        assert_eq!(ticks[1].path.as_deref(), Some(Path::new("Ann Lee.md")));
        assert!(ticks[1].text.starts_with("2026-12-01: Birthday of Ann (43)"), "{}", ticks[1].text);
        assert_eq!((ticks[1].key(), ticks[0].key()), ("2026-12-01: Birthday of Ann (43)", ""));
        assert_eq!((ticks[2].section, ticks[2].path.clone()), (Section::Other, None));
    }

    #[test]
    fn a_couple_s_card_names_both_contacts() {
        let page = "## Dates this week\n\n### Cards to post (post by this week)\n\n\
                    - [x] 2026-12-08: Linda and Robert's 47th anniversary ([Linda Sullivan](../family/Linda%20Sullivan.md) \
                    and [Robert Sullivan](../family/Robert%20Sullivan.md)) \u{2014} post by Tue 2026-12-01\n\n\
                    ### Mail a card now (next week)\n\n- [x] 2026-12-09: Mei turns 51 ([Mei](../Mei.md))\n";
        let ticks = ticked(page, Path::new("outreach/2026-W49.md"), &|_| None);
        assert_eq!(ticks.len(), 2, "{ticks:?}");
        assert_eq!(ticks[0].section, Section::Cards);
        assert_eq!(ticks[0].path.as_deref(), Some(Path::new("family/Linda Sullivan.md")));
        assert_eq!(ticks[0].others, [PathBuf::from("family/Robert Sullivan.md")]);
        assert_eq!(ticks[0].key(), "2026-12-08: Linda and Robert's 47th anniversary");
        assert_eq!(ticks[0].label(), "Linda and Robert's 47th anniversary");
        assert_eq!(ticks[1].section, Section::Cards, "a page saved before keeps working");
        assert_eq!(ticks[1].label(), "Mei turns 51");
    }

    #[test]
    fn wiki_links_are_resolved_by_the_caller() {
        let page = "## Reach out (2 of 2)\n\n- [x] [[Chris Nakamura]]: 226 days overdue\n\
                    - [x] [[people/jane-doe|Jane Doe]], [[Acme]]: due today\n\n\
                    ## Dates this week\n\n- [x] 2026-12-01: Ann turns 43 ([[Ann Lee\\|Ann]])\n";
        let wiki = |target: &str| Some(PathBuf::from(format!("{target}.md")));
        let ticks = ticked(page, Path::new("outreach/2026-W49.md"), &wiki);
        assert_eq!(ticks.len(), 3, "{ticks:?}");
        assert_eq!(ticks[0].path.as_deref(), Some(Path::new("Chris Nakamura.md")));
        assert_eq!(ticks[1].path.as_deref(), Some(Path::new("people/jane-doe.md")));
        assert_eq!(ticks[2].key(), "2026-12-01: Ann turns 43");
    }

    #[test]
    fn links_out_of_the_vault_name_nothing() {
        for link in ["../../etc/passwd", "https://example.com/x.md", "/abs.md", "#top"] {
            assert_eq!(resolve(Path::new("outreach/2026-W49.md"), link), None, "{link}");
        }
    }
}
