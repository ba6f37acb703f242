//! Touches from dated notes: a meeting note or a daily note (dated by its file name, or by a
//! `date:` or `created:` key) that links a contact counts as an interaction with that contact
//! on that date. What links: wiki links and markdown links in the body, and the names in the
//! front matter's `attendees`, `people` and `with` lists.

use std::path::Path;

use chrono::NaiveDate;
use pulldown_cmark::{Event, Parser, Tag};
use serde_yaml::{Mapping, Value};

use super::fields::{key_text, scalar_text};
use super::frontmatter::{self, Shape};
use super::kind::Kind;

/// The front matter lists whose names are the people a note was with.
pub(crate) const PEOPLE_KEYS: &[&str] = &["attendees", "people", "with"];

/// A dated note's touch: its date, title (the file name) and the link targets it names (as
/// wiki links resolve them: a name, an alias or a file stem).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NoteTouch {
    pub date: NaiveDate,
    pub title: String,
    pub targets: Vec<String>,
}

/// The touch of a note of `kind` (templates and other kinds of file never touch anyone), when
/// it has a date and links at least one name.
pub(crate) fn of(path: &Path, text: &str, kind: Kind, rules: &super::kind::Rules) -> Option<NoteTouch> {
    if !matches!(kind, Kind::DailyNote | Kind::DatedNote | Kind::OtherNote) {
        return None;
    }
    let title = path.file_stem()?.to_string_lossy().into_owned();
    let (map, body) = match frontmatter::split(text) {
        Shape::Contact(split) => {
            let body = text.get(split.body_start..).unwrap_or("");
            (frontmatter::parse(&split).unwrap_or_default(), body)
        }
        _ => (Mapping::new(), text),
    };
    let date = date_of(&title, &map)?;
    let mut targets: Vec<String> = Vec::new();
    let mut add = |target: String| {
        let target = target.trim().to_string();
        if !target.is_empty() && !targets.iter().any(|t| t.eq_ignore_ascii_case(&target)) {
            targets.push(target);
        }
    };
    for (key, value) in &map {
        if rules.touch_keys.iter().any(|k| k.eq_ignore_ascii_case(&key_text(key))) {
            let names: Vec<String> = match value {
                Value::Sequence(items) => items.iter().filter_map(scalar_text).collect(),
                other => {
                    scalar_text(other).map(|s| s.split(',').map(str::to_string).collect()).unwrap_or_default()
                }
            };
            for name in names {
                add(super::strip_link(&name));
            }
        }
    }
    if !rules.touch_links {
        return (!targets.is_empty()).then_some(NoteTouch { date, title, targets });
    }
    for target in super::body::parse(body).links {
        add(target);
    }
    for event in Parser::new(body) {
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            let dest = percent_encoding::percent_decode_str(&dest_url).decode_utf8_lossy().into_owned();
            let markdown = Path::new(&dest).extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
            if !dest.contains("://") && markdown {
                if let Some(stem) = Path::new(&dest).file_stem() {
                    add(stem.to_string_lossy().into_owned());
                }
            }
        }
    }
    (!targets.is_empty()).then_some(NoteTouch { date, title, targets })
}

/// The date of a note: the one its file name starts with (`2026-11-20 QBR`, `2020_09_20`),
/// else its `date:` or `created:`.
fn date_of(title: &str, map: &Mapping) -> Option<NaiveDate> {
    let head = title.get(..10).unwrap_or("");
    for format in ["%Y-%m-%d", "%Y_%m_%d", "%Y.%m.%d"] {
        if let Ok(date) = NaiveDate::parse_from_str(head, format) {
            return Some(date);
        }
    }
    ["date", "created"].iter().find_map(|wanted| {
        map.iter()
            .find(|(k, _)| key_text(k).eq_ignore_ascii_case(wanted))
            .and_then(|(_, v)| scalar_text(v))
            .and_then(|text| crate::dates::parse_date(&text).ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_and_daily_notes_touch_the_people_they_name() {
        let meeting =
            "---\ndate: 2026-11-20\nattendees: [\"[[Jane Doe]]\", Tom Baker]\n---\nQBR; see [[Acme Corp]].\n";
        let rules = super::super::kind::Rules::default();
        let touch = of(Path::new("Meetings/QBR.md"), meeting, Kind::DatedNote, &rules).unwrap();
        assert_eq!(touch.date.to_string(), "2026-11-20");
        assert_eq!(touch.targets, ["Jane Doe", "Tom Baker", "Acme Corp"]);
        let daily = "Coffee with [[Jane Doe]] and [Priya](../People/Priya%20Raman.md).\n";
        let touch = of(Path::new("Daily/2026-11-30.md"), daily, Kind::DailyNote, &rules).unwrap();
        assert_eq!(
            (touch.date.to_string(), touch.targets.clone()),
            ("2026-11-30".into(), vec!["Jane Doe".into(), "Priya Raman".into()])
        );
        assert_eq!(of(Path::new("Templates/Person.md"), daily, Kind::Template, &rules), None);
        assert_eq!(
            of(Path::new("Recipes/Pie.md"), "Ask [[Jane Doe]]\n", Kind::OtherNote, &rules),
            None,
            "no date"
        );
        assert_eq!(
            of(Path::new("Daily/2026-11-30.md"), "just a day\n", Kind::DailyNote, &rules),
            None,
            "no link"
        );
    }

    #[test]
    fn which_links_touch_is_configurable() {
        let meeting =
            "---\ndate: 2026-11-20\nattendees: [Tom Baker]\nhosts: [Ann]\n---\nWith [[Jane Doe]].\n";
        let rules = super::super::kind::Rules {
            touch_keys: vec!["hosts".into()],
            touch_links: false,
            ..super::super::kind::Rules::default()
        };
        let touch = of(Path::new("m.md"), meeting, Kind::DatedNote, &rules).unwrap();
        assert_eq!(touch.targets, ["Ann"]);
    }
}
