//! The agenda: the overdue table, then what is coming up; or, with `--format paths`, everyone
//! in either list once.

use std::io::{self, Write};

use super::rows::{self, ContactColumns, Output};
use super::{ListFormat, Style};
use crate::report::Agenda;

pub(crate) fn agenda(w: &mut (impl Write + ?Sized), out: &Output<'_>, agenda: &Agenda) -> io::Result<()> {
    if out.format == ListFormat::Paths {
        for path in agenda.paths() {
            writeln!(w, "{}", rows::join(out.root, path))?;
        }
        return Ok(());
    }
    let bold = |text: &str| Style::Bold.paint(text, out.color);
    writeln!(w, "{}", bold(&format!("Overdue ({})", agenda.overdue.len())))?;
    rows::contacts(w, out, &agenda.overdue, ContactColumns::Overdue, "Nobody is overdue.")?;
    writeln!(w)?;
    writeln!(w, "{}", bold(&format!("Coming up (today and the next {} days)", agenda.days)))?;
    rows::events(w, out, &agenda.coming, "Nothing coming up.")?;
    if agenda.checkups.is_empty() {
        return Ok(());
    }
    writeln!(w)?;
    writeln!(w, "{}", bold(&format!("Check-ups due ({})", agenda.checkups.len())))?;
    for c in &agenda.checkups {
        writeln!(w, "  {}", super::sanitize(&super::checkup::due_line(c)))?;
    }
    Ok(())
}
