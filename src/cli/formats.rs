//! Which `--format` values each command's help offers. `--format` stays a global option (so
//! `touchbase --format json list` works), but each command declares its own `--format` with its
//! own list of values; a command that prints no format hides the option. Every value still
//! parses everywhere: refusing one a command does not print is `config::request`'s job (exit 2).

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Arg, ValueEnum};

use super::FormatArg;

/// The formats each command prints, as `config::request` and `render` accept them; a command
/// not listed prints none. Keep in step with the refusals in `config::request`.
pub(crate) const FORMATS: &[(&str, &[&str])] = &[
    ("agenda", &["table", "paths"]),
    ("list", &["table", "json", "csv", "md", "paths"]),
    ("overdue", &["table", "json", "csv", "md", "paths"]),
    ("upcoming", &["table", "json", "csv", "md", "paths"]),
    ("show", &["table", "json", "csv", "md", "paths"]),
    ("profile", &["table", "json"]),
    ("brief", &["table", "json"]),
    ("history", &["table", "json"]),
    ("changes", &["table", "json"]),
    ("check", &["table", "json", "paths"]),
    ("cards", &["table", "json", "md"]),
    ("accounts", &["table", "json", "csv", "md", "paths"]),
    ("checkup", &["table", "json", "md"]),
    ("outreach", &["table", "md"]),
    ("export", &["json", "csv", "vcf", "ics"]),
];

/// Gives `command` its own `--format` (which the global one then does not replace).
pub(crate) fn per_command(command: clap::Command) -> clap::Command {
    let offered = FORMATS.iter().find(|(name, _)| *name == command.get_name()).map(|(_, f)| *f);
    command.arg(format_arg(offered))
}

fn format_arg(offered: Option<&'static [&'static str]>) -> Arg {
    let values = FormatArg::value_variants().iter().filter_map(ValueEnum::to_possible_value);
    let values: Vec<PossibleValue> = values
        .map(|v| {
            let shown = offered.is_some_and(|o| o.contains(&v.get_name()));
            v.hide(!shown)
        })
        .collect();
    let parser = PossibleValuesParser::new(values).try_map(|text: String| FormatArg::from_str(&text, true));
    let arg = Arg::new("format")
        .long("format")
        .value_name("FORMAT")
        .value_parser(parser)
        .global(true)
        .help("Output format");
    match offered {
        None => arg.hide(true),
        // No clap default: `config::request` tells an explicit `--format table` from none.
        Some(formats) if formats.contains(&"table") => arg.help("Output format [default: table]"),
        Some(_) => arg,
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use crate::cli::{Cli, FormatArg};

    fn help(command: &str) -> String {
        let mut top = Cli::command();
        top.build();
        let help = top.find_subcommand_mut(command).unwrap().render_help().to_string();
        help.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn each_command_offers_its_own_formats() {
        assert!(!help("new").contains("--format"), "{}", help("new"));
        assert!(!help("log").contains("vcf"));
        let export = help("export");
        assert!(export.contains("[possible values: json, csv, vcf, ics]"), "{export}");
        let list = help("list");
        assert!(list.contains("[possible values: table, json, csv, md, paths]"), "{list}");
        let options = list.find("Options: ").unwrap();
        let global = list.find("Global options:").unwrap();
        let format = list.find("--format").unwrap();
        assert!(options < format && format < global, "list's --format is its own: {list}");
        assert!(help("agenda").contains("[possible values: table, paths]"));
    }

    #[test]
    fn format_parses_before_and_after_the_command() {
        let format = |args: &[&str]| Cli::try_parse_from(args).unwrap().format;
        assert_eq!(format(&["tb", "--format", "json", "list"]), Some(FormatArg::Json));
        assert_eq!(format(&["tb", "list", "--format", "csv"]), Some(FormatArg::Csv));
        assert_eq!(format(&["tb", "list"]), None);
        assert_eq!(format(&["tb", "--format", "md"]), Some(FormatArg::Md));
        assert_eq!(format(&["tb", "--format", "json", "sync", "contacts", "v"]), Some(FormatArg::Json));
        assert_eq!(format(&["tb", "sync", "calendar", "v", "--format", "ics"]), Some(FormatArg::Ics));
        // Refusing a format is config::request's: every value parses on every command.
        assert_eq!(format(&["tb", "new", "X", "--format", "vcf"]), Some(FormatArg::Vcf));
        assert_eq!(format(&["tb", "list", "--format", "ics"]), Some(FormatArg::Ics));
    }
}
