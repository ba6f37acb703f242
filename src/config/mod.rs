//! Resolves the command line and the environment exactly once, into a `Config` (which vault,
//! which day is today, whether to colour, where the cache is) and a typed [`Request`] (what to
//! do, every value parsed). The only place that reads the clock and the only module below
//! `cli` that knows clap's types.

pub(crate) mod me;
mod request;

pub(crate) use crate::clock::current_day;

pub(crate) use request::{
    CardsRequest, ImportRequest, LogEntry, NewContact, OutreachRequest, Request, SyncCalendarRequest,
    SyncContactsRequest,
};

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::{Cli, ColorArg};
use crate::contact::fields::{LAST_DATE, TODAY_RANGE};
use crate::error::{Error, Result};
use crate::vault::settings::FILE_NAME;
use crate::vault::user_config::{self, Pager, UserConfig};

#[derive(Clone, Debug)]
pub(crate) struct Config {
    /// The vault root as output paths should show it (as given, or relative to where the user stands).
    pub root: PathBuf,
    /// Where `root` came from, for the messages about it.
    pub(crate) vault_source: VaultSource,
    pub today: NaiveDate,
    /// `--today` or `$TOUCHBASE_TODAY` fixed the date; otherwise watch follows the clock.
    pub today_pinned: bool,
    pub color: bool,
    pub quiet: bool,
    /// `--verbose`: every load diagnostic on standard error, not the one summary line; `check`
    /// also reports broken links outside `reports_to` and `family`.
    pub verbose: bool,
    /// Where parsed files are cached: `$TOUCHBASE_CACHE_DIR`, else `$XDG_CACHE_HOME/touchbase`,
    /// else `~/.cache/touchbase`; `None` with `--no-cache`.
    pub cache_dir: Option<PathBuf>,
    /// Where `sync` keeps what it saw last (outside the vault): `$TOUCHBASE_STATE_DIR`, else
    /// `$XDG_STATE_HOME/touchbase/sync`, else `~/.local/state/touchbase/sync`.
    pub state_dir: Option<PathBuf>,
    /// `$HOME`, for the `~/` of paths in touchbase.toml's `[sync]`.
    pub home: Option<PathBuf>,
    /// The editor for `edit` and `new --edit`: `$VISUAL`, else `$EDITOR`, else `vi`.
    pub editor: String,
    /// The private notes folder (`vault::private`): `--private`, else `$TOUCHBASE_PRIVATE`, else
    /// `private` in the user's `config.toml`; `None` when none is set (and for `merge-file`,
    /// `completions`, `man`).
    pub private: Option<PathBuf>,
    /// `--owner NAME` or `--mine`; [`me::owner`] resolves it against the vault's settings.
    pub owner: Option<me::OwnerChoice>,
    /// `me` in the user's `config.toml`: who `--mine` means when touchbase.toml has no `me`.
    pub me: Vec<String>,
    /// The pager's shell command for long output on a terminal; `None` when output is not a
    /// terminal, with `--no-pager`, or `pager = false` (see [`pager`]).
    pub pager: Option<String>,
    /// The user config's warnings (unknown keys), printed once before the command runs.
    pub warnings: Vec<String>,
}

/// Where the vault path came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VaultSource {
    Flag,
    Env,
    /// The nearest folder with `touchbase.toml`.
    Found,
    /// `vault` in the user's `config.toml`.
    UserConfig,
    /// No `touchbase.toml` here or above: the current folder.
    CurrentDir,
}

impl VaultSource {
    fn describe(self) -> &'static str {
        match self {
            VaultSource::Flag => "given with --vault",
            VaultSource::Env => "from $TOUCHBASE_VAULT",
            VaultSource::Found => "where touchbase.toml was found",
            VaultSource::UserConfig => "from `vault` in the user's config.toml",
            VaultSource::CurrentDir => "the current folder",
        }
    }
}

/// The configuration and the request of one command line.
pub(crate) fn resolve(cli: &Cli) -> Result<(Config, Request)> {
    let user = user_config(cli)?;
    let mut config = Config::from_cli(cli, &user)?;
    let request = request::request(cli, config.today)?;
    // `init` writes for the folder it is in, not for a vault found above it.
    if matches!(request, Request::Init { .. }) && config.vault_source == VaultSource::Found {
        config.root = PathBuf::from(".");
        config.vault_source = VaultSource::CurrentDir;
    }
    if !matches!(request, Request::Completions(_) | Request::Man { .. } | Request::MergeFile { .. }) {
        check_vault(&config)?;
        // Only a command on a vault reads the user's config file: git's merge driver never fails on it.
        config.private = private_dir(cli, &config.root, &user);
        if let Some(dir) = &config.private {
            crate::vault::private::check_outside(&config.root, dir)?;
        }
    }
    Ok((config, request))
}

/// A vault that is not there stops every command that reads one, naming where the path came from.
fn check_vault(config: &Config) -> Result<()> {
    match crate::vault::root_problem(&config.root) {
        None => Ok(()),
        Some(problem) => Err(Error::usage(format!(
            "vault folder {} {problem} ({})",
            config.root.display(),
            config.vault_source.describe()
        ))),
    }
}

impl Config {
    pub(crate) fn from_cli(cli: &Cli, user: &UserConfig) -> Result<Config> {
        let cwd = std::env::current_dir().ok();
        Config::resolve(cli, user, cwd.as_deref(), std::io::stdout().is_terminal())
    }

    fn resolve(cli: &Cli, user: &UserConfig, cwd: Option<&Path>, stdout_is_terminal: bool) -> Result<Config> {
        let today = match &cli.today {
            Some(text) => {
                // Relative forms (`yesterday`, `-1w`, `last friday`) count from the clock's day.
                let today = crate::dates::parse_day(text, current_day(), crate::dates::Facing::Either)
                    .map_err(|e| Error::usage(format!("--today / TOUCHBASE_TODAY: {e}")))?;
                if !TODAY_RANGE.contains(&today) {
                    return Err(Error::usage(format!(
                        "--today / TOUCHBASE_TODAY: {today} is out of range: touchbase plans from {} to \
                         {}, so that no date it prints is past {LAST_DATE}",
                        TODAY_RANGE.start(),
                        TODAY_RANGE.end()
                    )));
                }
                today
            }
            None => current_day(),
        };
        let env_vault = non_empty("TOUCHBASE_VAULT");
        let (root, vault_source) = match (&cli.vault, env_vault) {
            (Some(dir), _) => (dir.clone(), VaultSource::Flag),
            (None, Some(dir)) => (dir, VaultSource::Env),
            (None, None) => match (discover(cwd), &user.vault) {
                (Some(found), _) => (found, VaultSource::Found),
                (None, Some(dir)) => (dir.clone(), VaultSource::UserConfig),
                (None, None) => (PathBuf::from("."), VaultSource::CurrentDir),
            },
        };
        let color = color(cli.color, user.color.as_deref(), stdout_is_terminal)?;
        let cache_dir = if cli.no_cache { None } else { cache_dir() };
        Ok(Config {
            root,
            vault_source,
            today,
            today_pinned: cli.today.is_some(),
            color,
            quiet: cli.quiet,
            verbose: cli.verbose,
            cache_dir,
            state_dir: state_dir(),
            home: non_empty("HOME"),
            editor: editor(),
            private: None,
            owner: match (&cli.owner, cli.mine) {
                (Some(name), _) => Some(me::OwnerChoice::Named(name.clone())),
                (None, true) => Some(me::OwnerChoice::Mine),
                (None, false) => None,
            },
            me: user.me.clone(),
            pager: pager(cli.no_pager, user.pager.as_ref(), stdout_is_terminal),
            warnings: user.warnings.clone(),
        })
    }
}

/// `--color always|never`, else `$NO_COLOR` (never), else `color` in the user's config, else
/// colour on a terminal.
fn color(flag: ColorArg, user: Option<&str>, stdout_is_terminal: bool) -> Result<bool> {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let user = match user {
        None | Some("auto") => ColorArg::Auto,
        Some("always") => ColorArg::Always,
        Some("never") => ColorArg::Never,
        Some(other) => {
            return Err(Error::usage(format!(
                "color = {other:?} in the user's config.toml is not one of \"auto\", \"always\", \"never\""
            )))
        }
    };
    let chosen = match flag {
        ColorArg::Auto if no_color => ColorArg::Never,
        ColorArg::Auto => user,
        given => given,
    };
    Ok(match chosen {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => stdout_is_terminal,
    })
}

/// The pager for a terminal, as git picks one: `$TOUCHBASE_PAGER`, else `pager = "COMMAND"` in
/// the user's config, else `$PAGER`, else `less -FRX`; none when stdout is not a terminal, with
/// `--no-pager`, `pager = false`, or an empty command or `cat`.
fn pager(no_pager: bool, user: Option<&Pager>, stdout_is_terminal: bool) -> Option<String> {
    if no_pager || !stdout_is_terminal || user == Some(&Pager::On(false)) {
        return None;
    }
    let set = |name: &str| std::env::var(name).ok();
    let configured = match user {
        Some(Pager::Command(command)) => Some(command.clone()),
        _ => None,
    };
    let command = set("TOUCHBASE_PAGER").or(configured).or_else(|| set("PAGER"));
    let command = command.unwrap_or_else(|| "less -FRX".to_string());
    let command = command.trim();
    (!command.is_empty() && command != "cat").then(|| command.to_string())
}

/// The user's `config.toml` (`$XDG_CONFIG_HOME/touchbase/config.toml`, else
/// `~/.config/touchbase/config.toml`); the defaults for git's merge driver, completions and the
/// man page, which never fail on it.
fn user_config(cli: &Cli) -> Result<UserConfig> {
    use crate::cli::Command;
    if matches!(
        cli.command,
        Some(Command::MergeFile { .. } | Command::Completions { .. } | Command::Man { .. })
    ) {
        return Ok(UserConfig::default());
    }
    let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    let home = non_empty("HOME");
    let Some(file) = user_config::path(non_empty("XDG_CONFIG_HOME"), home.as_deref()) else {
        return Ok(UserConfig::default());
    };
    user_config::load(&file, home.as_deref()).map_err(Error::usage)
}

fn editor() -> String {
    let set = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    set("VISUAL").or_else(|| set("EDITOR")).unwrap_or_else(|| "vi".to_string())
}

/// `--private`, else `$TOUCHBASE_PRIVATE`, else what the user's `config.toml` says for the
/// vault at `root`. Never a key of the vault's `touchbase.toml`: that is shared.
fn private_dir(cli: &Cli, root: &Path, user: &UserConfig) -> Option<PathBuf> {
    cli.private.clone().or_else(|| non_empty("TOUCHBASE_PRIVATE")).or_else(|| user.private_for(root))
}

/// A non-empty environment variable as a path.
fn non_empty(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from)
}

fn state_dir() -> Option<PathBuf> {
    non_empty("TOUCHBASE_STATE_DIR")
        .or_else(|| non_empty("XDG_STATE_HOME").map(|d| d.join("touchbase").join("sync")))
        .or_else(|| non_empty("HOME").map(|d| d.join(".local").join("state").join("touchbase").join("sync")))
}

fn cache_dir() -> Option<PathBuf> {
    non_empty("TOUCHBASE_CACHE_DIR")
        .or_else(|| non_empty("XDG_CACHE_HOME").map(|d| d.join("touchbase")))
        .or_else(|| non_empty("HOME").map(|d| d.join(".cache").join("touchbase")))
}

/// The nearest ancestor holding `touchbase.toml`, as a relative path (`.`, `..`, `../..`) so
/// that printed paths work from where the user stands; `None` when there is none.
fn discover(cwd: Option<&Path>) -> Option<PathBuf> {
    let cwd = cwd?;
    let mut relative = PathBuf::from(".");
    for (depth, dir) in cwd.ancestors().enumerate() {
        if dir.join(FILE_NAME).is_file() {
            return Some(relative);
        }
        relative = if depth == 0 { PathBuf::from("..") } else { relative.join("..") };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn cli(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("touchbase").chain(args.iter().copied())).unwrap()
    }

    #[test]
    fn today_and_format() {
        let config = Config::resolve(
            &cli(&["--vault", "v", "--today", "2026-11-26", "check"]),
            &UserConfig::default(),
            None,
            true,
        )
        .unwrap();
        assert_eq!(config.today.to_string(), "2026-11-26");
        assert_eq!(config.root, PathBuf::from("v"));
        assert!(Config::resolve(
            &cli(&["--today", "2026-02-30", "check"]),
            &UserConfig::default(),
            None,
            false
        )
        .is_err());
        for out_of_range in ["9999-01-01", "9999-12-31", "0000-12-31"] {
            let err = Config::resolve(
                &cli(&["--today", out_of_range, "check"]),
                &UserConfig::default(),
                None,
                false,
            )
            .unwrap_err();
            assert!(err.to_string().contains("out of range"), "{err}");
        }
        assert!(Config::resolve(
            &cli(&["--today", "9998-12-31", "check"]),
            &UserConfig::default(),
            None,
            false
        )
        .is_ok());
        let config =
            Config::resolve(&cli(&["--color", "never", "check"]), &UserConfig::default(), None, true)
                .unwrap();
        assert!(!config.color);
        let config = Config::resolve(&cli(&["check"]), &UserConfig::default(), None, false).unwrap();
        assert!(!config.color, "never coloured when piped");
    }

    #[test]
    fn discovers_the_nearest_vault() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        if discover(Some(&deep)).is_some() {
            return; // a touchbase.toml above the temp folder
        }
        std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
        assert_eq!(discover(Some(&deep)), Some(PathBuf::from("../..")));
        assert_eq!(discover(Some(dir.path())), Some(PathBuf::from(".")));
    }
}
