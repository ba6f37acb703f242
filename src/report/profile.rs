//! `profile NAME`: a contact's Mackay 66, section by section: what is known, what is missing,
//! `answered` of `total`, and the next questions worth asking.

use serde::Serialize;

use crate::contact::profile::{self, Profile, Section, Source, ITEMS, TOTAL};
use crate::contact::Contact;

/// How many questions `next_questions` offers.
pub(crate) const NEXT_QUESTIONS: usize = 5;

#[derive(Debug, Serialize)]
pub(crate) struct ProfileReport {
    pub answered: usize,
    pub total: usize,
    pub sections: Vec<SectionRow>,
    pub next_questions: Vec<Ask>,
}

#[derive(Debug, Serialize)]
pub(crate) struct SectionRow {
    pub id: &'static str,
    pub title: &'static str,
    pub answered: usize,
    pub total: usize,
    pub items: Vec<ItemRow>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ItemRow {
    pub key: &'static str,
    pub question: &'static str,
    /// `None` when the file does not answer it.
    pub answer: Option<String>,
    pub source: Option<Source>,
    pub private: bool,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Ask {
    pub key: &'static str,
    pub section: &'static str,
    pub question: &'static str,
}

/// The profile of a contact read in full (`Session::in_full`: its body and front matter).
pub(crate) fn read(contact: &Contact) -> Profile {
    let blocks = crate::contact::blocks::blocks(contact.body.as_deref().unwrap_or(""));
    profile::read(contact, &contact.fields(), &blocks)
}

pub(crate) fn report(contact: &Contact) -> ProfileReport {
    let found = read(contact);
    let sections = Section::ALL
        .iter()
        .map(|&section| {
            let items: Vec<ItemRow> = ITEMS
                .iter()
                .filter(|item| item.section == section)
                .map(|item| {
                    let answer = found.get(item.key);
                    ItemRow {
                        key: item.key,
                        question: item.question,
                        answer: answer.map(|a| a.text.clone()),
                        source: answer.map(|a| a.source),
                        private: item.private,
                    }
                })
                .collect();
            SectionRow {
                id: section.id(),
                title: section.title(),
                answered: items.iter().filter(|i| i.answer.is_some()).count(),
                total: items.len(),
                items,
            }
        })
        .collect();
    ProfileReport {
        answered: found.answers.len(),
        total: TOTAL,
        sections,
        next_questions: next_questions(&found, NEXT_QUESTIONS),
    }
}

/// The unanswered questions worth asking next: those marked to ask early, then the rest, each
/// in the form's order. Private items are learnt, never asked: they are not offered.
pub(crate) fn next_questions(found: &Profile, n: usize) -> Vec<Ask> {
    let open = |early: bool| {
        ITEMS
            .iter()
            .filter(move |item| item.ask_early == early && !item.private && found.get(item.key).is_none())
    };
    open(true)
        .chain(open(false))
        .take(n)
        .map(|item| Ask { key: item.key, section: item.section.id(), question: item.question })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_profile_asks_the_early_questions_first() {
        let questions = next_questions(&Profile::default(), 3);
        let keys: Vec<&str> = questions.iter().map(|q| q.key).collect();
        assert_eq!(keys, ["birthday", "college", "spouse_name"]);
        let all = next_questions(&Profile::default(), TOTAL);
        assert!(all.iter().all(|q| q.key != "avoid_topics" && q.key != "health"));
    }
}
