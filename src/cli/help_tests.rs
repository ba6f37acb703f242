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
