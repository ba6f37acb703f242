//! What `init` finds in a folder: an Obsidian vault (`.obsidian/`), its templates and
//! daily-notes folders (from Obsidian's settings, else by their usual names), and folders of
//! people by their usual names.

use std::path::Path;

use super::settings::{obsidian_folder, OBSIDIAN_DAILY_NOTES, OBSIDIAN_TEMPLATES};

/// Folder names that hold people, compared case-insensitively.
const PEOPLE_NAMES: &[&str] = &["people", "persons", "contacts", "crm"];
const TEMPLATE_NAMES: &[&str] = &["templates"];
const DAILY_NAMES: &[&str] = &["daily", "daily notes", "journal", "journals"];

/// A folder's layout as `init` writes it into `touchbase.toml`.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Layout {
    /// The folder has `.obsidian/`.
    pub obsidian: bool,
    pub people: Vec<String>,
    pub templates: Vec<String>,
    pub daily_notes: Vec<String>,
}

/// Looks at the folder's own settings and its top-level folders (nothing deeper is read).
pub(crate) fn detect(root: &Path) -> Layout {
    let mut folders: Vec<String> = std::fs::read_dir(root)
        .map(|entries| {
            entries
                .filter_map(std::result::Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|name| !name.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    folders.sort();
    let named = |names: &[&str]| -> Vec<String> {
        folders.iter().filter(|f| names.contains(&f.to_lowercase().as_str())).cloned().collect()
    };
    let or_named = |from_obsidian: Option<String>, names: &[&str]| {
        let mut found: Vec<String> = from_obsidian.into_iter().collect();
        for folder in named(names) {
            if !found.iter().any(|f| f.eq_ignore_ascii_case(&folder)) {
                found.push(folder);
            }
        }
        found
    };
    Layout {
        obsidian: root.join(".obsidian").is_dir(),
        people: named(PEOPLE_NAMES),
        templates: or_named(obsidian_folder(root, OBSIDIAN_TEMPLATES), TEMPLATE_NAMES),
        daily_notes: or_named(obsidian_folder(root, OBSIDIAN_DAILY_NOTES), DAILY_NAMES),
    }
}
