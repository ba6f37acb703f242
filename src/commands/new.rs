//! `new NAME`: create a contact file from the vault's template or a built-in one.

use std::path::{Component, PathBuf};

use super::{open, Io};
use crate::config::{Config, NewContact};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::index::Resolved;
use crate::vault::names;
use crate::write::edit::{self, yaml_list, yaml_scalar};
use crate::write::Writer;

/// The vault's own template, when it has one.
pub const TEMPLATE: &str = "templates/contact.md";

/// `{{name}}`, `{{title}}` and `{{date}}` (Obsidian's template words): YAML-quoted as needed
/// inside the front matter, as written in the body.
fn fill_placeholders(template: &str, name: &str, today: &str) -> String {
    let fill = |text: &str, name: &str| {
        text.replace("{{name}}", name).replace("{{title}}", name).replace("{{date}}", today)
    };
    match crate::contact::frontmatter::split(template) {
        crate::contact::frontmatter::Shape::Contact(split) => {
            let head = template.get(..split.yaml_start).unwrap_or("");
            let tail = template.get(split.yaml_start + split.yaml.len()..).unwrap_or("");
            format!("{head}{}{}", fill(split.yaml, &yaml_scalar(name)), fill(tail, name))
        }
        _ => fill(template, name),
    }
}

fn built_in(eol: &str) -> String {
    format!("---{eol}---{eol}{eol}## Notes{eol}{eol}## Log{eol}")
}

pub fn new(config: &Config, io: &mut Io<'_>, fields: &NewContact) -> Result<Exit> {
    let name = fields.name.as_str();
    let session = open(config, io, crate::contact::Keep::LEAN)?;
    let (vault, index) = (&session, &session.index);
    let Some(stem) = names::stem_for(name, &vault.settings) else {
        return Err(Error::usage(format!("{name:?} leaves nothing to name a file with")));
    };
    let file = format!("{stem}.md");
    let existing = match index.resolve(name, false) {
        Resolved::One(i) => Some(i),
        Resolved::Ambiguous(ids) => ids.first().copied(),
        Resolved::Unknown(_) => None,
    };
    if let Some(entry) = existing.and_then(|i| index.entries.get(i)) {
        let path = entry.contact.path.display();
        return Err(Error::Refused(format!("a contact named {name:?} already exists: {path}")));
    }
    let dir = match fields.dir.as_deref() {
        Some(dir) if dir.components().all(|c| matches!(c, Component::Normal(_))) => dir.to_path_buf(),
        Some(dir) => {
            return Err(Error::usage(format!("--dir {}: must be a folder inside the vault", dir.display())))
        }
        None => PathBuf::new(),
    };
    let relative = dir.join(&file);
    let path = crate::vault::join(&config.root, &relative);
    let mut writer = Writer::new(&config.root)?;
    writer.check_folder(&dir)?;
    if crate::vault::walk::is_skipped(&vault.settings, &relative, false) {
        return Err(Error::Refused(format!(
            "{}: touchbase does not read that folder (hidden, generated or excluded); choose another --dir",
            relative.display()
        )));
    }

    let template_path = config.root.join(TEMPLATE);
    // Not `fs::read_to_string`: a FIFO in the template's place would hang `new`.
    let template = match crate::vault::read_regular(&template_path).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => return Err(Error::usage(format!("{}: not valid UTF-8 text", template_path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => built_in("\n"),
        Err(e) => return Err(Error::io(template_path, e)),
    };
    let today = config.today.to_string();
    let template = fill_placeholders(&template, name, &today);
    let names = &vault.settings.fields;
    let fail = |e: edit::EditError| Error::usage(format!("{}: {e}", template_path.display()));
    let mut text = edit::set_key(&template, names.key_for("name"), &yaml_scalar(name)).map_err(fail)?;
    let set = |text: String, key: &str, value: Option<String>| -> Result<String> {
        match value {
            Some(value) => edit::set_key(&text, names.key_for(key), &value).map_err(fail),
            None => Ok(text),
        }
    };
    text = set(text, "company", fields.company.as_deref().map(yaml_scalar))?;
    text = set(text, "role", fields.role.as_deref().map(yaml_scalar))?;
    text = set(text, "email", fields.email.as_deref().map(yaml_scalar))?;
    text = set(text, "birthday", fields.birthday.as_deref().map(|b| yaml_scalar(b.trim())))?;
    text = set(text, "cadence", fields.cadence.as_deref().map(yaml_scalar))?;
    let tags = &fields.tags;
    text = set(text, "tags", (!tags.is_empty()).then(|| yaml_list(tags)))?;

    writer.create(&relative, text.as_bytes())?;
    writeln!(io.out, "{}", path.display()).map_err(Error::Output)?;
    if fields.edit {
        crate::write::editor::open(&config.editor, &path)?;
    }
    Ok(Exit::Success)
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
}
