//! The user's own configuration file, `$XDG_CONFIG_HOME/touchbase/config.toml` (else
//! `~/.config/touchbase/config.toml`): the default vault, `me`, colour, the pager and the private
//! folder. Never shared (the vault's `touchbase.toml` is). An unknown key is a warning naming
//! the file and line; a broken file an error `path:line:col: message`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The keys a user config may hold (top level), for the unknown-key warning.
const KEYS: &[&str] = &["vault", "me", "color", "pager", "private", "vaults"];

#[derive(Debug, Default, Deserialize)]
pub(crate) struct UserConfig {
    /// `vault = "~/notes"`: the vault when neither `--vault`, `$TOUCHBASE_VAULT` nor a
    /// `touchbase.toml` above the current folder says.
    pub vault: Option<PathBuf>,
    /// `me = "you@example.com"` or a list: who `--mine` means when touchbase.toml has no `me`.
    #[serde(default, deserialize_with = "one_or_many")]
    pub me: Vec<String>,
    /// `color = "auto" | "always" | "never"`.
    pub color: Option<String>,
    /// `pager = false`, or the pager's command (`pager = "less -R"`).
    pub pager: Option<Pager>,
    pub private: Option<PathBuf>,
    #[serde(default)]
    pub vaults: BTreeMap<PathBuf, ForVault>,
    /// Unknown keys, as `path:line: unknown key ...` lines (filled in by [`load`]).
    #[serde(skip)]
    pub warnings: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ForVault {
    pub private: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub(crate) enum Pager {
    /// `pager = false` (never) or `pager = true` (the default pager).
    On(bool),
    Command(String),
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    })
}

/// The file's path from the environment: `$XDG_CONFIG_HOME`, else `$HOME/.config`.
pub(crate) fn path(xdg_config_home: Option<PathBuf>, home: Option<&Path>) -> Option<PathBuf> {
    xdg_config_home
        .or_else(|| home.map(|h| h.join(".config")))
        .map(|dir| dir.join("touchbase").join("config.toml"))
}

/// Reads the file; the defaults when there is none. A leading `~/` in a path is `home`.
pub(crate) fn load(file: &Path, home: Option<&Path>) -> Result<UserConfig, String> {
    // A file that cannot even be looked at (a home folder closed to this user) is absent.
    if !file.exists() {
        return Ok(UserConfig::default());
    }
    let bytes = super::read_regular(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{}: not valid UTF-8 text", file.display()))?;
    let mut config: UserConfig = toml::from_str(&text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |span| position(&text, span.start));
        format!("{}:{line}:{column}: {}", file.display(), e.message())
    })?;
    config.warnings = unknown_keys(&text, file);
    let expand = |path: PathBuf| match (path.strip_prefix("~"), home) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => path,
    };
    config.vault = config.vault.map(expand);
    config.private = config.private.map(expand);
    config.vaults = std::mem::take(&mut config.vaults)
        .into_iter()
        .map(|(path, v)| (expand(path), ForVault { private: v.private.map(expand) }))
        .collect();
    Ok(config)
}

impl UserConfig {
    /// The private folder for the vault at `root`: its `[vaults."PATH"]` table's (PATH compared
    /// as a real path), else the top-level `private`.
    pub(crate) fn private_for(&self, root: &Path) -> Option<PathBuf> {
        let real_root = std::fs::canonicalize(root).ok();
        let this_vault = self
            .vaults
            .iter()
            .find(|(path, _)| real_root.is_some() && std::fs::canonicalize(path).ok() == real_root);
        this_vault.and_then(|(_, v)| v.private.clone()).or_else(|| self.private.clone())
    }
}

/// 1-based line and column of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// `path:line: unknown key "x" (known: ...)` for each top-level key or `[vaults."P"]` key the
/// file holds that touchbase does not read.
fn unknown_keys(text: &str, file: &Path) -> Vec<String> {
    let Ok(table) = text.parse::<toml::Table>() else { return Vec::new() };
    let mut unknown: Vec<String> = table.keys().filter(|k| !KEYS.contains(&k.as_str())).cloned().collect();
    if let Some(toml::Value::Table(vaults)) = table.get("vaults") {
        for vault in vaults.values().filter_map(toml::Value::as_table) {
            unknown.extend(vault.keys().filter(|k| k.as_str() != "private").cloned());
        }
    }
    unknown
        .iter()
        .map(|key| {
            let line = key_line(text, key).map(|l| format!("{l}:")).unwrap_or_default();
            format!("{}:{line} unknown key {key:?} ignored (known: {})", file.display(), KEYS.join(", "))
        })
        .collect()
}

/// The first line that sets `key` (`key = ...`, `"key" = ...` or `[key]`).
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let line = line.trim_start().trim_start_matches('[').trim_start_matches('"');
            line.strip_prefix(key).is_some_and(|rest| {
                let rest = rest.trim_start_matches('"').trim_start();
                rest.starts_with('=') || rest.starts_with(']') || rest.starts_with('.')
            })
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_paths_and_problems() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        let home = Some(Path::new("/home/me"));
        assert!(load(&file, home).unwrap().vault.is_none(), "no file: the defaults");
        std::fs::write(
            &file,
            "vault = \"~/notes\"\nme = \"me@example.com\"\npager = false\ncolor = \"never\"\n",
        )
        .unwrap();
        let c = load(&file, home).unwrap();
        assert_eq!(c.vault, Some(PathBuf::from("/home/me/notes")));
        assert_eq!(
            (c.me, c.pager, c.color.as_deref()),
            (vec!["me@example.com".to_string()], Some(Pager::On(false)), Some("never"))
        );
        std::fs::write(&file, "pager = \"most\"\nme = [\"A\", \"a@x\"]\n\n  colour = \"never\"\n[vaults.\"/v\"]\nprivat = \"/p\"\n").unwrap();
        let c = load(&file, home).unwrap();
        assert_eq!(c.pager, Some(Pager::Command("most".to_string())));
        let shown = file.display();
        assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
        assert!(c.warnings[0].starts_with(&format!("{shown}:4: unknown key \"colour\"")), "{:?}", c.warnings);
        assert!(c.warnings[1].starts_with(&format!("{shown}:6: unknown key \"privat\"")), "{:?}", c.warnings);
        std::fs::write(&file, "me = \"a\"\nvault = 3\n").unwrap();
        let err = load(&file, home).unwrap_err();
        assert!(err.starts_with(&format!("{shown}:2:9: ")), "{err}");
        assert_eq!(path(None, home), Some(PathBuf::from("/home/me/.config/touchbase/config.toml")));
        assert_eq!(path(Some("/x".into()), home), Some(PathBuf::from("/x/touchbase/config.toml")));
    }
}
