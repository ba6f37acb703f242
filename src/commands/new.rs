//! `new NAME`: create a contact file from the vault's template or a built-in one.

use std::path::{Component, Path, PathBuf};

use super::{load, Io};
use crate::config::Config;
use crate::contact::{Cadence, PartialDate};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::index::Resolved;
use crate::vault::names;
use crate::write::edit::{yaml_list, yaml_scalar};
use crate::write::template;
use crate::write::Writer;

/// The vault's own template, when it has one.
pub const TEMPLATE: &str = "templates/contact.md";

pub struct NewContact<'a> {
    pub name: &'a str,
    pub company: Option<&'a str>,
    pub role: Option<&'a str>,
    pub cadence: Option<&'a str>,
    pub tags: &'a [String],
    pub birthday: Option<&'a str>,
    pub email: Option<&'a str>,
    pub dir: Option<&'a Path>,
    pub edit: bool,
}

/// Refuses a name that would name no file, or one outside its folder or hidden: the user meant
/// something else. Everything else is made safe by `vault::names`.
pub fn check_name(name: &str) -> Result<()> {
    if name.is_empty() {
        return Err(Error::usage("the name is empty"));
    }
    if name.contains(['/', '\0']) || name.starts_with('.') {
        return Err(Error::usage(format!(
            "{name:?} cannot be a file name inside the vault (no `/`, NUL or leading `.`)"
        )));
    }
    Ok(())
}

pub fn new(config: &Config, io: &mut Io<'_>, fields: &NewContact<'_>) -> Result<Exit> {
    // Bidi controls and line breaks never reach the file (see `vault::names::clean_name`).
    let name = names::clean_name(fields.name);
    // `new "Jane Doe.md"` means Jane Doe, as `show` and `log` read it.
    let name = name.strip_suffix(".md").unwrap_or(&name).trim_end();
    check_name(name)?;
    if let Some(cadence) = fields.cadence {
        Cadence::parse(cadence).map_err(|e| Error::usage(format!("--cadence: {e}")))?;
    }
    if let Some(birthday) = fields.birthday {
        PartialDate::parse(birthday).map_err(|e| Error::usage(format!("--birthday: {e}")))?;
    }
    let (vault, index) = load(config, io, crate::contact::Keep::LEAN)?;
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
    let dir = match fields.dir {
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
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => template::built_in(""),
        Err(e) => return Err(Error::io(template_path, e)),
    };
    let today = config.today.to_string();
    let template = template::fill_placeholders(&template, name, &today);
    let tags: Vec<String> =
        fields.tags.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
    let values = [
        ("name", Some(yaml_scalar(name))),
        ("company", fields.company.map(yaml_scalar)),
        ("role", fields.role.map(yaml_scalar)),
        ("email", fields.email.map(yaml_scalar)),
        ("birthday", fields.birthday.map(|b| yaml_scalar(b.trim()))),
        ("cadence", fields.cadence.map(yaml_scalar)),
        ("tags", (!tags.is_empty()).then(|| yaml_list(&tags))),
    ];
    let set: Vec<(&str, String)> =
        values.into_iter().filter_map(|(key, value)| Some((key, value?))).collect();
    let text = template::new_contact(&template, &vault.settings.fields, &set)
        .map_err(|e| Error::usage(format!("{}: {}", template_path.display(), e.error)))?;

    writer.create(&relative, text.as_bytes())?;
    writeln!(io.out, "{}", path.display())?;
    if fields.edit {
        super::log::open_in_editor(&path)?;
    }
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_name_no_file_here() {
        assert!(check_name("Jane Doe").is_ok());
        assert!(check_name("\u{202e}evil").is_ok());
        for bad in ["", "../x", "/etc/passwd", "a\0b", ".hidden"] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }
}
