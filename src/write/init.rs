//! The `touchbase.toml` that `init` writes: every setting that says which notes are people,
//! filled in from what the folder holds, the rest commented out.

use std::fmt::Write as _;

use crate::vault::layout::Layout;

fn list(folders: &[String]) -> String {
    let quoted: Vec<String> = folders.iter().map(|f| toml::Value::String(f.clone()).to_string()).collect();
    format!("[{}]", quoted.join(", "))
}

/// The file's text. Folders found are set; a setting with nothing found stays a comment.
#[must_use]
pub(crate) fn settings_file(layout: &Layout) -> String {
    let mut out = String::from("# touchbase settings, written by `touchbase init`. Every key is optional;\n");
    out.push_str("# docs/format.md describes them all. Unknown keys are errors.\n");
    if layout.obsidian {
        out.push_str(
            "# This is an Obsidian vault: its templates and daily-notes folders come from .obsidian/.\n",
        );
    }
    out.push_str(
        "\n# Which notes are people. With `people` or `person_marker` set, a note is a contact only\n\
         # when it is in one of these folders or has the marker; with neither, touchbase decides\n\
         # by the front matter (a person key such as name, company, email, birthday, cadence).\n",
    );
    let line = |out: &mut String, key: &str, folders: &[String], example: &str| {
        let _ = match folders {
            [] => writeln!(out, "# {key} = {example}"),
            found => writeln!(out, "{key} = {}", list(found)),
        };
    };
    line(&mut out, "people", &layout.people, "[\"People\"]");
    out.push_str("# person_marker = \"type: person\"   # or \"#person\", or \"categories: [[People]]\"\n");
    out.push_str("\n# Never contacts: templates and daily notes (a note named by a date is one anyway).\n");
    line(&mut out, "templates", &layout.templates, "[\"Templates\"]");
    line(&mut out, "daily_notes", &layout.daily_notes, "[\"Daily\"]");
    out.push_str(
        "\n# exclude = [\"Archive\"]\n\
         # default_cadence = \"quarterly\"\n\
         # [cadence_by_tag]\n\
         # family = \"2w\"\n",
    );
    out
}

/// The `.gitattributes` file `init --git` writes or extends.
pub(crate) const GITATTRIBUTES: &str = ".gitattributes";

/// The merge driver's config, as `init --git` sets it in the repository (docs/team.md).
pub(crate) const DRIVER_CONFIG: [(&str, &str); 2] = [
    ("merge.touchbase.name", "touchbase: contacts merged by meaning (Log entries, dates, lists)"),
    ("merge.touchbase.driver", "touchbase merge-file %O %A %B %P"),
];

/// A gitattributes pattern for a vault path, anchored at the top; quoted where it has spaces.
fn pattern(path: &str) -> String {
    let anchored = format!("/{}", path.trim_start_matches('/'));
    if anchored.contains([' ', '\t', '"', '\\']) {
        serde_json::to_string(&anchored).unwrap_or(anchored)
    } else {
        anchored
    }
}

/// The lines a shared vault needs: every markdown file merged by touchbase, the generated pages
/// (the index page, outreach lists) marked generated so that reviews fold them away.
#[must_use]
pub(crate) fn gitattribute_lines(index: &str, outreach_dir: &str) -> Vec<String> {
    vec![
        "*.md merge=touchbase".to_string(),
        format!("{} linguist-generated", pattern(index)),
        format!("{} linguist-generated", pattern(&format!("{}/*.md", outreach_dir.trim_end_matches('/')))),
    ]
}

/// `existing` with each of `lines` it lacks appended (in its line ending); `None` when it has
/// them all. Lines already there are never changed, moved or removed.
#[must_use]
pub(crate) fn extend_gitattributes(existing: &str, lines: &[String]) -> Option<String> {
    let words = |line: &str| line.split_whitespace().collect::<Vec<_>>().join(" ");
    let have: Vec<String> = existing.lines().map(words).collect();
    let missing: Vec<&String> = lines.iter().filter(|l| !have.contains(&words(l))).collect();
    if missing.is_empty() {
        return None;
    }
    let eol = super::edit::line_ending(existing);
    let mut out = existing.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    if out.is_empty() || !have.iter().any(|l| l.starts_with("# touchbase")) {
        out.push_str(&format!(
            "# touchbase: merge contacts by meaning; the pages are generated (docs/team.md){eol}"
        ));
    }
    for line in missing {
        out.push_str(line);
        out.push_str(eol);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gitattributes_are_extended_never_rewritten() {
        let lines = gitattribute_lines("INDEX.md", "outreach");
        assert_eq!(
            lines,
            ["*.md merge=touchbase", "/INDEX.md linguist-generated", "/outreach/*.md linguist-generated"]
        );
        let new = extend_gitattributes("", &lines).unwrap();
        assert!(new.starts_with("# touchbase"), "{new}");
        assert_eq!(extend_gitattributes(&new, &lines), None);
        let existing = "*.png binary\r\n/INDEX.md   linguist-generated";
        let out = extend_gitattributes(existing, &lines).unwrap();
        assert!(out.starts_with("*.png binary\r\n/INDEX.md   linguist-generated\r\n# touchbase"), "{out}");
        // The line written with other spaces counts as there.
        assert!(
            out.ends_with("(docs/team.md)\r\n*.md merge=touchbase\r\n/outreach/*.md linguist-generated\r\n"),
            "{out}"
        );
        assert_eq!(
            gitattribute_lines("My Pages/Index.md", "out")[1],
            "\"/My Pages/Index.md\" linguist-generated"
        );
    }

    #[test]
    fn the_file_reads_back_as_settings() {
        let layout = Layout {
            obsidian: true,
            people: vec!["People".into()],
            templates: vec!["Meta/Templates".into()],
            daily_notes: vec![],
        };
        let text = settings_file(&layout);
        assert!(
            text.contains("people = [\"People\"]\n") && text.contains("# daily_notes = [\"Daily\"]\n"),
            "{text}"
        );
        let settings = crate::vault::settings::Settings::parse(&text).unwrap();
        assert_eq!(settings.kinds.templates, ["Meta/Templates"]);
        assert!(!settings.daily_notes_set);
        let empty = settings_file(&Layout::default());
        assert!(crate::vault::settings::Settings::parse(&empty).unwrap().kinds.people.is_empty());
    }
}
