//! Tests of the help text itself: every argument described, global options under their own
//! heading after a command's own, examples for every command.

use clap::CommandFactory;

use super::Cli;

/// Every visible subcommand, with its path (`sync contacts`).
fn subcommands() -> Vec<(String, clap::Command)> {
    fn walk(command: &clap::Command, path: &str, out: &mut Vec<(String, clap::Command)>) {
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            let path = format!("{path} {}", sub.get_name()).trim().to_string();
            out.push((path.clone(), sub.clone()));
            walk(sub, &path, out);
        }
    }
    let mut out = Vec::new();
    walk(&Cli::command(), "", &mut out);
    out
}

/// The arguments and subcommands under `command` that have no help text.
fn undescribed(command: &clap::Command, path: &str) -> Vec<String> {
    let mut missing = Vec::new();
    for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
        if arg.get_help().is_none_or(|h| h.to_string().trim().is_empty()) {
            missing.push(format!("`{path}` argument {}", arg.get_id()));
        }
    }
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub_path = format!("{path} {}", sub.get_name());
        if sub.get_about().is_none() {
            missing.push(format!("`{sub_path}` has no description"));
        }
        missing.extend(undescribed(sub, &sub_path));
    }
    missing
}

#[test]
fn every_argument_and_subcommand_is_described() {
    let missing = undescribed(&Cli::command(), "touchbase");
    assert!(missing.is_empty(), "no help text: {missing:#?}");
}

#[test]
fn the_walk_finds_an_undescribed_argument() {
    let command = clap::Command::new("t")
        .subcommand(clap::Command::new("s").about("s").arg(clap::Arg::new("bare").long("bare")));
    assert_eq!(undescribed(&command, "t"), ["`t s` argument bare"]);
}

#[test]
fn global_options_come_after_a_commands_own() {
    for (path, mut sub) in subcommands() {
        let mut top = Cli::command();
        top.build();
        let built = path.split(' ').fold(&mut top, |c, name| c.find_subcommand_mut(name).unwrap());
        let help = built.render_help().to_string();
        let global = help.find("Global options:").unwrap_or_else(|| panic!("`{path}`: {help}"));
        assert!(help[global..].contains("--vault <DIR>"), "`{path}`: {help}");
        assert!(!help[..global].contains("--vault <DIR>"), "`{path}`: {help}");
        let own = sub.get_arguments().find(|a| a.get_long().is_some() && !a.is_global_set());
        if let Some(own) = own {
            let at = help.find(&format!("--{}", own.get_long().unwrap())).unwrap();
            assert!(at < global, "`{path}`: its own --{} after the global options", own.get_id());
        }
        let _ = sub.render_help();
    }
}

#[test]
fn every_command_has_two_or_more_examples() {
    for (path, sub) in subcommands() {
        let help = sub.get_after_help().map(ToString::to_string).unwrap_or_default();
        let heading = help.lines().next().unwrap_or_default();
        assert!(heading.starts_with(super::examples::HEADING.trim_end_matches(':')), "`{path}`: {help}");
        let commands = help.lines().filter(|l| l.trim_start().starts_with("touchbase ")).count();
        assert!(commands >= 2 || path == "merge-file", "`{path}` has {commands} examples: {help}");
    }
}

#[test]
fn every_command_has_a_man_page_with_its_examples() {
    let pages = super::man::pages().unwrap();
    for (path, _) in subcommands() {
        let name = format!("touchbase-{}.1", path.replace(' ', "-"));
        let (_, page) = pages.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("no {name}"));
        let page = String::from_utf8_lossy(page);
        assert!(page.contains(".SH EXAMPLES") && page.contains(".SH OPTIONS"), "{name}: {page}");
    }
    let top = String::from_utf8_lossy(&pages[0].1).into_owned();
    for section in
        ["\"QUERY LANGUAGE\"", "FILES", "ENVIRONMENT", "\"EXIT STATUS\"", "EXAMPLES", "SUBCOMMANDS"]
    {
        assert!(top.contains(&format!(".SH {section}\n")), "touchbase.1 lacks {section}");
    }
}
