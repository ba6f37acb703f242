//! The text of a new contact file, for `new` and `import`: a template (the vault's own, or the
//! built-in `---` `---` / `## Notes` / `## Log` layout) with its placeholders filled in, then one
//! front matter field after another set with `edit::set_key`, so that a template's keys,
//! comments and order stay as they are and a field it lacks becomes its last front matter line.
//! Pure: text in, text out; the caller reads the template and writes the file.

use super::edit::{self, yaml_scalar, EditError};
use crate::contact::frontmatter::{self, Shape};
use crate::contact::FieldNames;

/// The built-in layout of a new contact file, with `notes` (already body text: see
/// `contact::notes::notes_to_body`) under `## Notes` when there are any.
pub(crate) fn built_in(notes: &str) -> String {
    let notes = if notes.is_empty() { String::new() } else { format!("{notes}\n\n") };
    format!("---\n---\n\n## Notes\n\n{notes}## Log\n")
}

/// Which template `new` starts from: the vault's `templates/{name}.md` when it has one, else
/// the built-in text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Template {
    #[default]
    Contact,
    /// The Mackay 66 profile: every question's key, grouped by section.
    Mackay,
}

impl Template {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Template::Contact => "contact",
            Template::Mackay => "mackay",
        }
    }

    pub(crate) fn built_in(self) -> String {
        match self {
            Template::Contact => built_in(""),
            Template::Mackay => mackay(),
        }
    }
}

/// The front matter keys of the Mackay 66 that are standard keys, at the top level where the
/// rest of touchbase reads them; the other items go under `profile:`.
const MACKAY_TOP: &[&str] = &["company", "role", "address", "phone", "birthday", "anniversary"];

/// The built-in Mackay 66 template: `name`, the standard keys among the 66, then `profile:`
/// with every other key under a comment naming its section, each with its question.
pub(crate) fn mackay() -> String {
    use crate::contact::profile::{Section, ITEMS};
    let mut out = String::from("---\nname:\n");
    for key in MACKAY_TOP {
        out.push_str(&format!("{key}:\n"));
    }
    out.push_str("tags: [ ]\ncadence:\nfamily:\n  -\ninterests: [ ]\nprofile:\n");
    for section in Section::ALL {
        out.push_str(&format!("  # {}\n", section.title()));
        for item in ITEMS.iter().filter(|i| i.section == section && !MACKAY_TOP.contains(&i.key)) {
            let private = if item.private { " (private)" } else { "" };
            out.push_str(&format!("  {}:   # {}{private}\n", item.key, item.question));
        }
    }
    out.push_str("---\n\n## Notes\n\n## Log\n");
    out
}

/// `{{name}}`, `{{title}}` and `{{date}}` (Obsidian's template words): YAML-quoted as needed
/// inside the front matter, as written in the body.
pub(crate) fn fill_placeholders(template: &str, name: &str, today: &str) -> String {
    let fill = |text: &str, name: &str| {
        text.replace("{{name}}", name).replace("{{title}}", name).replace("{{date}}", today)
    };
    match frontmatter::split(template) {
        Shape::Contact(split) => {
            let head = template.get(..split.yaml_start).unwrap_or("");
            let tail = template.get(split.yaml_start + split.yaml.len()..).unwrap_or("");
            format!("{head}{}{}", fill(split.yaml, &yaml_scalar(name)), fill(tail, name))
        }
        _ => fill(template, name),
    }
}

/// A field the template refused, by its standard key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldError {
    pub key: String,
    pub error: EditError,
}

/// The template with each field set, in order: `(standard key, YAML text)`, written under the
/// vault's own name for the key (`[fields]` in touchbase.toml).
pub(crate) fn new_contact(
    template: &str,
    names: &FieldNames,
    fields: &[(&str, String)],
) -> Result<String, FieldError> {
    let mut text = template.to_string();
    for (key, yaml) in fields {
        text = edit::set_key(&text, names.key_for(key), yaml)
            .map_err(|error| FieldError { key: key.to_string(), error })?;
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_yaml_safe_in_front_matter() {
        let template = "---\nname: {{name}}\ncreated: {{date}}\n---\n# {{title}}\n";
        assert_eq!(
            fill_placeholders(template, "Eve: Smith", "2026-11-26"),
            "---\nname: 'Eve: Smith'\ncreated: 2026-11-26\n---\n# Eve: Smith\n"
        );
    }

    #[test]
    fn fields_fill_the_built_in_layout() {
        let fields = [("name", yaml_scalar("Jane Doe")), ("email", yaml_scalar("jane@x.example"))];
        let text = new_contact(&built_in("Met at a conference."), &FieldNames::default(), &fields).unwrap();
        assert_eq!(
            text,
            "---\nname: Jane Doe\nemail: jane@x.example\n---\n\n## Notes\n\nMet at a conference.\n\n## Log\n"
        );
        assert_eq!(built_in(""), "---\n---\n\n## Notes\n\n## Log\n");
        let refused = new_contact("---\nname: [a,\n  b]\n---\n", &FieldNames::default(), &fields);
        assert_eq!(refused.map_err(|e| e.key), Err("name".to_string()));
    }
}
