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

#[cfg(test)]
mod tests {
    use super::*;

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
