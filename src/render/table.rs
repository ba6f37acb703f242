//! Aligned plain-text tables for the terminal, the same whether or not stdout is a terminal
//! (colour aside). Widths count display columns, so accents and CJK names line up.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::{sanitize, Style};

pub(crate) struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub(crate) fn plain(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), style: Style::Plain }
    }

    pub(crate) fn styled(text: impl Into<String>, style: Style) -> Cell {
        Cell { text: text.into(), style }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::plain(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::plain(text)
    }
}

pub(crate) struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    pub(crate) fn new(headers: &[&'static str]) -> Table {
        Table { headers: headers.to_vec(), rows: Vec::new() }
    }

    pub(crate) fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    pub(crate) fn write(&self, w: &mut (impl Write + ?Sized), color: bool) -> io::Result<()> {
        let clean = |text: &str| sanitize(&text.replace(['\n', '\r'], " ")).into_owned();
        let rows: Vec<Vec<(String, Style)>> =
            self.rows.iter().map(|row| row.iter().map(|c| (clean(&c.text), c.style)).collect()).collect();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &rows {
            for (i, (text, _)) in row.iter().enumerate() {
                if let Some(width) = widths.get_mut(i) {
                    *width = (*width).max(text.width());
                }
            }
        }
        let header: Vec<(String, Style)> =
            self.headers.iter().map(|h| (h.to_string(), Style::Bold)).collect();
        for row in std::iter::once(&header).chain(rows.iter()) {
            let mut line = String::new();
            let last = row.len().saturating_sub(1);
            for (i, (text, style)) in row.iter().enumerate() {
                if i > 0 {
                    line.push_str("  ");
                }
                line.push_str(&style.paint(text, color));
                if i < last {
                    let pad = widths.get(i).copied().unwrap_or(0).saturating_sub(text.width());
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            writeln!(w, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_display_width() {
        let mut table = Table::new(&["NAME", "CITY"]);
        table.push(vec!["李伟".into(), "成都".into()]);
        table.push(vec!["Zoë".into(), "Oslo".into()]);
        let mut out = Vec::new();
        table.write(&mut out, false).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "NAME  CITY\n李伟  成都\nZoë   Oslo\n");
    }

    #[test]
    fn escapes_cannot_reach_the_terminal() {
        let mut table = Table::new(&["NAME"]);
        table.push(vec!["Eve\x1b]0;pwned\x07\nline".into()]);
        let mut out = Vec::new();
        table.write(&mut out, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('\x1b') && !text.contains('\x07'));
        assert_eq!(text.lines().count(), 2);
    }
}
