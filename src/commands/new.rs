//! `new NAME`: create a contact file from the vault's template or a built-in one.

use super::{open, Io};
use crate::config::{Config, NewContact};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::write::{template, Writer};

pub(crate) fn new(config: &Config, io: &mut Io<'_>, new: &NewContact) -> Result<Exit> {
    let session = open(config, io, crate::contact::Keep::LEAN)?;
    let relative = session.new_file(&new.name, new.dir.as_deref())?;
    let mut writer = Writer::new(&config.root)?;
    writer.check_folder(relative.parent().unwrap_or(std::path::Path::new("")))?;
    session.check_readable(&relative)?;
    let (template_path, template) = crate::vault::read_template(&config.root, new.template.name())?;
    let template = template.unwrap_or_else(|| new.template.built_in());
    let template = template::fill_placeholders(&template, &new.name, &config.today.to_string());
    let text = template::new_contact(&template, &session.settings.fields, &new.values())
        .map_err(|e| Error::usage(format!("{}: {}", template_path.display(), e.error)))?;
    writer.create(&relative, text.as_bytes())?;
    let path = writer.display(&relative);
    writeln!(io.out, "{}", path.display()).map_err(Error::Output)?;
    if new.edit {
        crate::write::editor::open(&config.editor, &path)?;
    }
    Ok(Exit::Success)
}
