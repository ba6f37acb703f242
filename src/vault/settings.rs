//! `touchbase.toml`: the vault's settings. Unknown keys are an error naming the key.

pub(crate) use crate::error::SettingsError;
use std::collections::BTreeMap;
use std::path::Path;

use chrono::Weekday;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::contact::kind::Marker;
use crate::contact::{Cadence, FieldNames, PartialDate, Rules, MAX_LEAD_DAYS};
use crate::error::{Error, Result};
use crate::schedule::cards::LeadPolicy;
use crate::schedule::week::parse_weekday;
use crate::schedule::CadencePolicy;

pub(crate) const FILE_NAME: &str = "touchbase.toml";

/// `holiday_post_by` when touchbase.toml says nothing: December 15, in time for the holidays.
const DEFAULT_HOLIDAY_POST_BY: (u32, u32) = (12, 15);

/// `page_rows` when touchbase.toml says nothing: a section that fits on a screen or two.
const DEFAULT_PAGE_ROWS: usize = 25;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    include: Option<Vec<String>>,
    exclude: Option<Vec<String>>,
    index: Option<String>,
    outreach_dir: Option<String>,
    upcoming_days: Option<u32>,
    default_cadence: Option<String>,
    week_start: Option<String>,
    outreach_limit: Option<usize>,
    file_names: Option<String>,
    account_tags: Option<Vec<String>>,
    decision_maker_roles: Option<Vec<String>>,
    people: Option<Vec<String>>,
    person_marker: Option<String>,
    templates: Option<Vec<String>>,
    daily_notes: Option<Vec<String>>,
    touch_keys: Option<Vec<String>>,
    touch_links: Option<bool>,
    card_lead_days: Option<u32>,
    holiday_post_by: Option<String>,
    #[serde(default)]
    card_lead_days_by_tag: BTreeMap<String, u32>,
    active_days: Option<u32>,
    new_contact_days: Option<u32>,
    checkup_cadence: Option<String>,
    #[serde(default)]
    checkup_cadence_by_tag: BTreeMap<String, String>,
    #[serde(default)]
    cadence_by_tag: BTreeMap<String, String>,
    #[serde(default)]
    fields: BTreeMap<String, FieldSpec>,
    me: Option<FieldSpec>,
    index_owner: Option<String>,
    sync: Option<SyncSettings>,
    links: Option<String>,
    page_rows: Option<usize>,
}

/// `[sync]`: what `watch` keeps in step after each change (paths as written: `~/` is the home
/// folder, a relative path is relative to the vault folder; resolved where they are used).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SyncSettings {
    /// The vdir of vCards `watch` runs `touchbase sync contacts` on (first).
    pub contacts: Option<String>,
    /// The vdir `watch` runs `touchbase sync calendar` on (after the contacts).
    pub calendar: Option<String>,
    /// The feed file it passes as `--feed`.
    pub feed: Option<String>,
    /// A command (program and arguments) run after a sync that changed something, such as
    /// `["vdirsyncer", "sync"]`.
    #[serde(default)]
    pub after: Vec<String>,
}

/// `[fields]`: one vault key for a standard key, or several (the first is written to).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum FieldSpec {
    One(String),
    Many(Vec<String>),
}

/// How generated pages (the index page, saved outreach lists) link to vault files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkStyle {
    /// `[[Jane Doe]]`, Obsidian's own (the default in a folder with `.obsidian/`).
    Wiki,
    /// `[Jane Doe](people/Jane%20Doe.md)`, for GitHub and every other markdown reader.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileNames {
    AsWritten,
    Slug,
}

/// Resolved settings, with defaults filled in.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// When set, only files matching one of these globs are read.
    pub include: Option<GlobSet>,
    pub exclude: GlobSet,
    /// The index page, relative to the vault root.
    pub index: String,
    pub outreach_dir: String,
    pub upcoming_days: u32,
    pub week_start: Weekday,
    pub outreach_limit: usize,
    /// How `new` names files: the name as written (`Jane Doe.md`) or a slug (`jane-doe.md`).
    pub file_names: FileNames,
    pub decision_maker_roles: Vec<String>,
    /// A company is a customer account (checked by outreach and the index page) when one of its
    /// contacts has one of these tags; empty: every company.
    pub account_tags: Vec<String>,
    pub cadence: CadencePolicy,
    /// How many days before an event its card must be posted (`card_lead_days`, per tag).
    pub cards: LeadPolicy,
    /// The day of the year (month, day) by which `cards --campaign holiday` cards are posted.
    pub holiday_post_by: (u32, u32),
    pub fields: FieldNames,
    /// Which notes are people (`people`, `person_marker`, `templates`, `daily_notes`, and
    /// Obsidian's own templates and daily-notes folders).
    pub kinds: Rules,
    /// `templates` / `daily_notes` were set in the file: Obsidian's folders are not added.
    pub templates_set: bool,
    pub daily_notes_set: bool,
    /// A thread is active when touched within this many days.
    pub active_days: u32,
    /// A contact `added` within this many days is new (`new_decision_maker`).
    pub new_contact_days: u32,
    /// How often a customer account's check-up is due (`none`: never).
    pub checkup_cadence: Cadence,
    /// Tag → check-up cadence; a tag here also opts its group in (`checkup tag:NAME`).
    pub checkup_cadence_by_tag: BTreeMap<String, Cadence>,
    /// `me`: who `--mine` means (names or e-mails); empty: git's `user.email` and `user.name`.
    pub me: Vec<String>,
    /// `index_owner`: the owner whose contacts the index page lists (`"me"` for `me`); `None`: everyone.
    pub index_owner: Option<String>,
    /// `[sync]`: what `watch` syncs after each change.
    pub sync: SyncSettings,
    /// `links`; `None` until [`Settings::load`] picks wiki in an Obsidian vault, else markdown.
    pub links: Option<LinkStyle>,
    /// `page_rows`: the most rows a section of the index page lists before "…and N more".
    pub page_rows: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            include: None,
            exclude: GlobSet::empty(),
            index: "INDEX.md".to_string(),
            outreach_dir: "outreach".to_string(),
            upcoming_days: 30,
            week_start: Weekday::Mon,
            outreach_limit: 10,
            file_names: FileNames::AsWritten,
            account_tags: vec!["customer".to_string()],
            decision_maker_roles: [
                "CEO",
                "CTO",
                "CFO",
                "COO",
                "Chief",
                "President",
                "Owner",
                "Founder",
                "VP",
                "SVP",
                "EVP",
                "Director",
                "Head",
            ]
            .map(String::from)
            .to_vec(),
            cadence: CadencePolicy::default(),
            cards: LeadPolicy::default(),
            holiday_post_by: DEFAULT_HOLIDAY_POST_BY,
            fields: FieldNames::default(),
            kinds: Rules::default(),
            templates_set: false,
            daily_notes_set: false,
            active_days: 90,
            new_contact_days: 60,
            checkup_cadence: Cadence::Every { count: 3, unit: crate::contact::cadence::Unit::Month },
            checkup_cadence_by_tag: BTreeMap::new(),
            me: Vec::new(),
            index_owner: None,
            sync: SyncSettings::default(),
            links: None,
            page_rows: DEFAULT_PAGE_ROWS,
        }
    }
}

impl Settings {
    /// Whose contacts the index page lists: `index_owner`, `"me"` read as the `me` list; `None`
    /// for everyone's.
    pub(crate) fn index_owner_ids(&self) -> Option<Vec<String>> {
        let owner = self.index_owner.as_deref()?;
        Some(if owner.trim().eq_ignore_ascii_case("me") { self.me.clone() } else { vec![owner.to_string()] })
    }

    /// Reads `touchbase.toml` in `root`; defaults when there is none.
    pub(crate) fn load(root: &Path) -> Result<Settings> {
        let path = root.join(FILE_NAME);
        let mut settings = match super::read_regular(&path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes)
                    .map_err(|_| Error::Settings { path: path.clone(), source: SettingsError::Utf8 })?;
                Settings::parse(&text).map_err(|source| Error::Settings { path, source })?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
            Err(e) => return Err(Error::io(path, e)),
        };
        if !settings.templates_set {
            settings.kinds.templates.extend(obsidian_folder(root, OBSIDIAN_TEMPLATES));
        }
        if !settings.daily_notes_set {
            settings.kinds.daily_notes.extend(obsidian_folder(root, OBSIDIAN_DAILY_NOTES));
        }
        if settings.links.is_none() {
            let obsidian = root.join(".obsidian").is_dir();
            settings.links = Some(if obsidian { LinkStyle::Wiki } else { LinkStyle::Markdown });
        }
        Ok(settings)
    }

    pub(crate) fn parse(text: &str) -> Result<Settings, SettingsError> {
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let message = e.message().to_string();
            match e.span() {
                Some(span) => {
                    let before = text.get(..span.start).unwrap_or("");
                    let line = before.matches('\n').count() + 1;
                    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    SettingsError::Toml { line, column, message }
                }
                None => SettingsError::TomlWithoutPosition(message),
            }
        })?;
        let mut settings = Settings::default();
        if let Some(include) = raw.include {
            settings.include = Some(globs(&include, "include")?);
        }
        settings.exclude = globs(&raw.exclude.unwrap_or_default(), "exclude")?;
        if let Some(index) = raw.index {
            settings.index = safe_relative(&index, "index")?;
        }
        if let Some(dir) = raw.outreach_dir {
            settings.outreach_dir = safe_relative(&dir, "outreach_dir")?;
        }
        if let Some(days) = raw.upcoming_days {
            settings.upcoming_days = days.min(3660);
        }
        if let Some(day) = raw.week_start {
            settings.week_start = parse_weekday(&day).map_err(SettingsError::WeekStart)?;
        }
        if let Some(limit) = raw.outreach_limit {
            settings.outreach_limit = limit;
        }
        if let Some(style) = raw.file_names {
            settings.file_names = match style.as_str() {
                "name" | "as-written" => FileNames::AsWritten,
                "slug" => FileNames::Slug,
                other => return Err(SettingsError::FileNames(other.to_string())),
            };
        }
        if let Some(tags) = raw.account_tags {
            settings.account_tags = tags;
        }
        if let Some(roles) = raw.decision_maker_roles {
            settings.decision_maker_roles = roles;
        }
        if let Some(default) = raw.default_cadence {
            let cadence = Cadence::parse(&default)
                .map_err(|source| SettingsError::Cadence { key: "default_cadence".into(), source })?;
            settings.cadence.default = Some(cadence);
        }
        for (tag, cadence) in raw.cadence_by_tag {
            let cadence = Cadence::parse(&cadence)
                .map_err(|source| SettingsError::Cadence { key: format!("cadence_by_tag.{tag}"), source })?;
            settings.cadence.by_tag.insert(tag.to_lowercase(), cadence);
        }
        cards(&mut settings, raw.card_lead_days, raw.card_lead_days_by_tag, raw.holiday_post_by)?;
        accounts(
            &mut settings,
            (raw.active_days, raw.new_contact_days),
            raw.checkup_cadence.as_deref(),
            &raw.checkup_cadence_by_tag,
        )?;
        for standard in raw.fields.keys() {
            if !crate::contact::STANDARD_KEYS.contains(&standard.as_str()) {
                return Err(SettingsError::Field(standard.clone(), crate::contact::STANDARD_KEYS.join(", ")));
            }
        }
        let fields = raw.fields.into_iter().map(|(standard, spec)| match spec {
            FieldSpec::One(key) => (standard, vec![key]),
            FieldSpec::Many(keys) => (standard, keys),
        });
        settings.fields = FieldNames::with_lists(fields.collect());
        owners(&mut settings, raw.me, raw.index_owner)?;
        settings.sync = raw.sync.unwrap_or_default();
        pages(&mut settings, raw.links.as_deref(), raw.page_rows)?;
        if let Some(people) = raw.people {
            settings.kinds.people = folders(&people, "people")?;
        }
        if let Some(marker) = raw.person_marker {
            settings.kinds.marker = Some(
                Marker::parse(&marker)
                    .map_err(|message| SettingsError::Invalid { key: "person_marker", message })?,
            );
        }
        if let Some(templates) = raw.templates {
            settings.kinds.templates = folders(&templates, "templates")?;
            settings.templates_set = true;
        }
        if let Some(keys) = raw.touch_keys {
            settings.kinds.touch_keys = keys;
        }
        if let Some(links) = raw.touch_links {
            settings.kinds.touch_links = links;
        }
        if let Some(daily) = raw.daily_notes {
            settings.kinds.daily_notes = folders(&daily, "daily_notes")?;
            settings.daily_notes_set = true;
        }
        Ok(settings)
    }
}

/// `me` (one name or e-mail, or a list) and `index_owner`.
fn owners(
    settings: &mut Settings,
    me: Option<FieldSpec>,
    index_owner: Option<String>,
) -> Result<(), SettingsError> {
    settings.me = match me {
        Some(FieldSpec::One(one)) => vec![one],
        Some(FieldSpec::Many(many)) => many,
        None => Vec::new(),
    };
    settings.me.retain(|m| !m.trim().is_empty());
    settings.index_owner = index_owner.filter(|o| !o.trim().is_empty());
    if settings.index_owner_ids().is_some_and(|ids| ids.is_empty()) {
        return Err(SettingsError::Invalid {
            key: "index_owner",
            message: "\"me\" needs `me = \"you@example.com\"` in touchbase.toml (the page is shared, \
                      so git's user is not asked)"
                .to_string(),
        });
    }
    Ok(())
}

/// `links` and `page_rows`: how the generated pages link and how long their sections get.
fn pages(settings: &mut Settings, links: Option<&str>, rows: Option<usize>) -> Result<(), SettingsError> {
    settings.links = match links {
        None => None,
        Some("wiki") => Some(LinkStyle::Wiki),
        Some("markdown") => Some(LinkStyle::Markdown),
        Some(other) => {
            return Err(SettingsError::Invalid {
                key: "links",
                message: format!("{other:?} is not one of \"wiki\", \"markdown\""),
            })
        }
    };
    if let Some(rows) = rows {
        if rows == 0 {
            return Err(SettingsError::Invalid {
                key: "page_rows",
                message: "must be at least 1".to_string(),
            });
        }
        settings.page_rows = rows;
    }
    Ok(())
}

/// `card_lead_days`, `[card_lead_days_by_tag]` and `holiday_post_by`.
fn cards(
    settings: &mut Settings,
    default: Option<u32>,
    by_tag: BTreeMap<String, u32>,
    holiday: Option<String>,
) -> Result<(), SettingsError> {
    let days = |days: u32, key: &'static str, what: &str| {
        if days > MAX_LEAD_DAYS {
            return Err(SettingsError::Invalid {
                key,
                message: format!("{what}{days} is more than {MAX_LEAD_DAYS} days"),
            });
        }
        Ok(days)
    };
    if let Some(default) = default {
        settings.cards.default = days(default, "card_lead_days", "")?;
    }
    for (tag, lead) in by_tag {
        let lead = days(lead, "card_lead_days_by_tag", &format!("{tag} = "))?;
        settings.cards.by_tag.insert(tag.to_lowercase(), lead);
    }
    if let Some(text) = holiday {
        let invalid = || SettingsError::Invalid {
            key: "holiday_post_by",
            message: format!("{text:?} is not a day of the year (expected MM-DD, e.g. \"12-15\")"),
        };
        let date = PartialDate::parse(&text).map_err(|_| invalid())?;
        if date.year.is_some() {
            return Err(invalid());
        }
        settings.holiday_post_by = (date.month, date.day);
    }
    Ok(())
}

/// The account and check-up settings: `active_days`, `new_contact_days`, `checkup_cadence`,
/// `[checkup_cadence_by_tag]`.
fn accounts(
    settings: &mut Settings,
    (active_days, new_contact_days): (Option<u32>, Option<u32>),
    checkup_cadence: Option<&str>,
    by_tag: &BTreeMap<String, String>,
) -> Result<(), SettingsError> {
    if let Some(days) = active_days {
        settings.active_days = days.min(36600);
    }
    if let Some(days) = new_contact_days {
        settings.new_contact_days = days.min(36600);
    }
    if let Some(text) = checkup_cadence {
        settings.checkup_cadence = Cadence::parse(text)
            .map_err(|source| SettingsError::Cadence { key: "checkup_cadence".into(), source })?;
    }
    for (tag, text) in by_tag {
        let cadence = Cadence::parse(text).map_err(|source| SettingsError::Cadence {
            key: format!("checkup_cadence_by_tag.{tag}"),
            source,
        })?;
        settings.checkup_cadence_by_tag.insert(tag.to_lowercase(), cadence);
    }
    Ok(())
}

/// Obsidian's settings for the core Templates plugin (`{"folder": "Templates"}`).
pub(crate) const OBSIDIAN_TEMPLATES: &str = ".obsidian/templates.json";
/// Obsidian's settings for the core Daily notes plugin (`{"folder": "Daily", ...}`).
pub(crate) const OBSIDIAN_DAILY_NOTES: &str = ".obsidian/daily-notes.json";

/// The `folder` an Obsidian plugin's settings file names; `None` when there is no file, it is
/// not JSON, or the folder is the vault root or leaves the vault.
pub(crate) fn obsidian_folder(root: &Path, file: &str) -> Option<String> {
    let bytes = super::read_regular(&root.join(file)).ok()?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let folder = value.get("folder")?.as_str()?.trim().trim_matches('/');
    safe_relative(folder, "folder").ok()
}

/// Folder paths inside the vault, without the trailing `/`.
fn folders(paths: &[String], what: &'static str) -> Result<Vec<String>, SettingsError> {
    paths.iter().map(|p| safe_relative(p.trim().trim_end_matches('/'), what)).collect()
}

/// Globs with gitignore's habits: `*` stays inside one folder, a pattern also covers what is
/// below a matching folder, and a pattern without `/` matches at any depth (`archive`).
fn globs(patterns: &[String], what: &'static str) -> Result<GlobSet, SettingsError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let trimmed = pattern.trim().trim_end_matches('/');
        let anchored = trimmed.trim_start_matches('/');
        let mut forms = vec![anchored.to_string(), format!("{anchored}/**")];
        if !trimmed.contains('/') {
            forms.push(format!("**/{anchored}"));
            forms.push(format!("**/{anchored}/**"));
        }
        for form in forms {
            let glob = GlobBuilder::new(&form).literal_separator(true).build().map_err(|e| {
                SettingsError::Glob { what, pattern: pattern.clone(), message: e.to_string() }
            })?;
            builder.add(glob);
        }
    }
    builder.build().map_err(|e| SettingsError::Globs { what, message: e.to_string() })
}

/// A generated file's location must stay inside the vault.
fn safe_relative(path: &str, what: &'static str) -> Result<String, SettingsError> {
    let p = Path::new(path);
    let escapes = p.is_absolute() || p.components().any(|c| !matches!(c, std::path::Component::Normal(_)));
    if path.trim().is_empty() || escapes {
        return Err(SettingsError::Path { what, path: path.to_string() });
    }
    Ok(path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_full_file() {
        let s = Settings::parse("").unwrap();
        assert_eq!((s.index.as_str(), s.upcoming_days, s.week_start), ("INDEX.md", 30, Weekday::Mon));
        let text = r#"
exclude = ["templates/**", "archive"]
index = "People.md"
upcoming_days = 14
default_cadence = "yearly"
week_start = "sunday"
[cadence_by_tag]
family = "2w"
[fields]
last_contact = "prm-last-contacted"
"#;
        let s = Settings::parse(text).unwrap();
        assert!(s.exclude.is_match("templates/contact.md"));
        assert!(s.exclude.is_match("archive/old/x.md"));
        assert!(s.exclude.is_match("people/archive/x.md"), "a bare name matches at any depth");
        assert!(!s.exclude.is_match("people/templates/x.md"), "a pattern with / is anchored");
        let g = Settings::parse("exclude = [\"*.draft.md\", \"people/*.md\"]\n").unwrap();
        assert!(g.exclude.is_match("a/b/x.draft.md"));
        assert!(
            g.exclude.is_match("people/x.md") && !g.exclude.is_match("people/sub/x.md"),
            "* stays in one folder"
        );
        assert_eq!(s.week_start, Weekday::Sun);
        assert_eq!(s.cadence.by_tag["family"].to_string(), "biweekly");
        assert_eq!(s.fields.key_for("last_contact"), "prm-last-contacted");
    }

    #[test]
    fn fields_map_every_import_key_and_several_vault_keys() {
        let s = Settings::parse(
            "[fields]\nemail = [\"EMAIL[HOME]\", \"EMAIL[WORK]\"]\naddress = \"ADR\"\nurl = \"website\"\ndepartment = \"team\"\n",
        )
        .unwrap();
        assert_eq!(s.fields.key_for("email"), "EMAIL[HOME]");
        assert_eq!(s.fields.key_for_type("email", &["work".to_string()]), "EMAIL[WORK]");
        assert_eq!(s.fields.key_for_type("email", &["cell".to_string()]), "EMAIL[HOME]");
        assert_eq!((s.fields.key_for("address"), s.fields.key_for("url")), ("ADR", "website"));
        assert_eq!(s.fields.key_for("department"), "team");
        assert!(Settings::parse("[fields]\nemail = 3\n").is_err());
    }

    #[test]
    fn people_settings() {
        let s = Settings::parse(
            "people = [\"People/\", \"customers\"]\nperson_marker = \"type: person\"\ntemplates = []\ndaily_notes = [\"Journal/\"]\n",
        )
        .unwrap();
        assert_eq!(s.kinds.people, ["People", "customers"]);
        assert_eq!(s.kinds.marker.map(|m| m.to_string()).as_deref(), Some("type: person"));
        assert!(s.kinds.templates.is_empty() && s.templates_set);
        assert_eq!(s.kinds.daily_notes, ["Journal"]);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_named() {
        let err = Settings::parse("upcoming = 3\n").unwrap_err().to_string();
        assert!(err.contains("unknown field `upcoming`") && err.starts_with("1:1:"), "{err}");
        assert!(Settings::parse("[cadence_by_tag]\nfamily = \"often\"\n")
            .unwrap_err()
            .to_string()
            .contains("cadence_by_tag.family"));
        assert!(Settings::parse("[fields]\nbirthdate = \"x\"\n")
            .unwrap_err()
            .to_string()
            .contains("fields.birthdate"));
        assert!(Settings::parse("index = \"../out.md\"\n")
            .unwrap_err()
            .to_string()
            .contains("inside the vault"));
        assert!(Settings::parse("week_start = \"someday\"\n").is_err());
        assert!(Settings::parse("people = [\"../x\"]\n").unwrap_err().to_string().contains("people"));
        let err = Settings::parse("person_marker = \"person\"\n").unwrap_err().to_string();
        assert!(err.starts_with("person_marker:"), "{err}");
        assert!(Settings::parse("exclude = [\"a/[\"]\n").is_err());
    }

    #[test]
    fn sync_settings() {
        let s = Settings::parse(
            "[sync]\ncontacts = \"cards\"\ncalendar = \"~/.calendars/touchbase\"\nafter = [\"vdirsyncer\", \"sync\"]\n",
        )
        .unwrap();
        assert_eq!(s.sync.contacts.as_deref(), Some("cards"));
        assert_eq!(s.sync.calendar.as_deref(), Some("~/.calendars/touchbase"));
        assert_eq!(s.sync.after, ["vdirsyncer", "sync"]);
        assert!(Settings::parse("[sync]\ncalender = \"x\"\n").is_err());
        assert_eq!(Settings::default().sync, SyncSettings::default());
    }

    #[test]
    fn card_settings() {
        let s = Settings::parse("").unwrap();
        assert_eq!((s.cards.default, s.holiday_post_by), (7, (12, 15)));
        let s = Settings::parse(
            "card_lead_days = 5\nholiday_post_by = \"12-10\"\n[card_lead_days_by_tag]\nAbroad = 21\n",
        )
        .unwrap();
        assert_eq!((s.cards.default, s.cards.by_tag["abroad"], s.holiday_post_by), (5, 21, (12, 10)));
        let err = Settings::parse("card_lead_days = 400\n").unwrap_err().to_string();
        assert!(err.starts_with("card_lead_days:"), "{err}");
        let err = Settings::parse("[card_lead_days_by_tag]\nx = 999\n").unwrap_err().to_string();
        assert!(err.contains("card_lead_days_by_tag: x = 999"), "{err}");
        for bad in ["\"2026-12-15\"", "\"Dec 15\"", "\"13-01\""] {
            let err = Settings::parse(&format!("holiday_post_by = {bad}\n")).unwrap_err().to_string();
            assert!(err.starts_with("holiday_post_by:"), "{err}");
        }
        assert!(Settings::parse("card_lead_days = -1\n").is_err());
    }

    #[test]
    fn links_follow_the_file_else_obsidian() {
        let s = Settings::parse("links = \"wiki\"\npage_rows = 5\n").unwrap();
        assert_eq!((s.links, s.page_rows), (Some(LinkStyle::Wiki), 5));
        let err = Settings::parse("links = \"html\"\n").unwrap_err().to_string();
        assert!(err.starts_with("links:") && err.contains("\"wiki\""), "{err}");
        assert!(Settings::parse("page_rows = 0\n").unwrap_err().to_string().starts_with("page_rows:"));
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load(dir.path()).unwrap().links, Some(LinkStyle::Markdown));
        std::fs::create_dir(dir.path().join(".obsidian")).unwrap();
        assert_eq!(Settings::load(dir.path()).unwrap().links, Some(LinkStyle::Wiki));
        std::fs::write(dir.path().join(FILE_NAME), "links = \"markdown\"\n").unwrap();
        assert_eq!(Settings::load(dir.path()).unwrap().links, Some(LinkStyle::Markdown));
    }
}
