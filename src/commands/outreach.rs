//! `outreach` (the weekly list, printed or saved) and `accounts`.

use std::path::{Path, PathBuf};

use super::{load, Io};
use crate::config::Config;
use crate::contact::Keep;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render::{self, rows, Format};
use crate::report;
use crate::schedule::week::Week;
use crate::write::atomic::WriteOutcome;
use crate::write::{Edits, Writer};

pub struct OutreachArgs<'a> {
    pub week: Option<&'a str>,
    pub next: bool,
    pub limit: Option<usize>,
    pub write: bool,
    pub force: bool,
}

pub fn outreach(config: &Config, io: &mut Io<'_>, args: &OutreachArgs<'_>) -> Result<Exit> {
    let (vault, index) = load(config, io, Keep::LEAN)?;
    let settings = &vault.settings;
    let mut week = match args.week {
        Some(text) => {
            Week::parse(text, settings.week_start).map_err(|e| Error::usage(format!("--week: {e}")))?
        }
        None => Week::containing(config.today, settings.week_start),
    };
    if args.next {
        week = week.next();
    }
    let limit = args.limit.unwrap_or(settings.outreach_limit);
    let data =
        report::outreach::build(&index, week, limit, &settings.decision_maker_roles, &settings.account_tags);
    let relative = PathBuf::from(&settings.outreach_dir).join(format!("{}.md", week.name()));
    let text = render::outreach::outreach(&data, &relative);
    if !args.write {
        write!(io.out, "{text}")?;
        return Ok(Exit::Success);
    }
    let mut writer = Writer::new(&config.root)?;
    let path = writer.display(&relative);
    match writer.write_page(&relative, text.as_bytes(), Edits::Keep, args.force)? {
        WriteOutcome::Unchanged => writeln!(io.err, "unchanged: {}", path.display())?,
        WriteOutcome::Written => writeln!(io.out, "{}", path.display())?,
    }
    Ok(Exit::Success)
}

pub fn accounts(config: &Config, io: &mut Io<'_>, company: Option<&str>) -> Result<Exit> {
    let (vault, index) = load(config, io, Keep::LEAN)?;
    let settings = &vault.settings;
    let mut all = report::accounts::accounts(&index, &settings.decision_maker_roles, &settings.account_tags);
    if let Some(wanted) = company {
        let wanted = wanted.to_lowercase();
        all.retain(|a| a.company.to_lowercase().contains(&wanted));
        if all.is_empty() {
            return Err(Error::NoMatch(format!("no company matches {:?}", company.unwrap_or_default())));
        }
    }
    match config.format {
        Format::Json => rows::json(io.out, &all)?,
        Format::Md => write!(io.out, "{}", render::outreach::accounts_markdown(&all))?,
        Format::Csv => accounts_csv(io.out, &all)?,
        Format::Paths => {
            for account in &all {
                for c in &account.contacts {
                    writeln!(io.out, "{}", crate::vault::join(&config.root, Path::new(&c.path)).display())?;
                }
            }
        }
        Format::Table | Format::Vcf | Format::Ics => {
            render::outreach::accounts_table(io.out, &all, config.color)?
        }
    }
    Ok(Exit::Success)
}

fn accounts_csv(w: &mut dyn std::io::Write, all: &[report::accounts::Account]) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(w);
    let header = [
        "company",
        "last_touch",
        "flags",
        "name",
        "path",
        "role",
        "status",
        "last_contact",
        "decision_maker",
    ];
    let fail = |e: csv::Error| std::io::Error::other(e.to_string());
    writer.write_record(header).map_err(fail)?;
    for account in all {
        let flags: Vec<&str> = account.flags.iter().map(|f| f.message.as_str()).collect();
        for c in &account.contacts {
            let record = [
                account.company.as_str(),
                account.last_touch.as_deref().unwrap_or(""),
                &flags.join("; "),
                &c.name,
                &c.path,
                c.role.as_deref().unwrap_or(""),
                c.status.as_str(),
                c.last_contact.as_deref().unwrap_or(""),
                if c.decision_maker { "yes" } else { "no" },
            ];
            writer
                .write_record(record.iter().map(|cell| render::csv_safe(cell).into_owned()))
                .map_err(fail)?;
        }
    }
    writer.flush()
}
