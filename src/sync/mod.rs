//! Stage 8: touchbase and a vdir (vdirsyncer's folder of one `.vcf` or `.ics` file per item)
//! kept in step. `vdir` reads and writes the folder's items (atomic, never through a link);
//! `state_file` is where a sync remembers a (vault, vdir) pair, outside the vault; `contacts`
//! keeps contacts and cards in step both ways (see docs/sync.md for the contract).

pub(crate) mod calendar;
pub(crate) mod contacts;
mod contacts_card;
mod contacts_fields;
mod contacts_state;
pub(crate) mod vdir;

use std::path::{Path, PathBuf};

/// The JSON state file of the pair (`vault`, `vdir`): `$TOUCHBASE_STATE_DIR`, else
/// `$XDG_STATE_HOME/touchbase/sync`, else `~/.local/state/touchbase/sync`, named by a hash of the
/// two canonical paths (a vault synced with two vdirs has two state files). `None` when no home
/// is known. Deleting the file is safe: the next run pairs again by identity.
#[allow(dead_code)] // for `sync contacts` (the calendar keeps no state)
pub(crate) fn state_file(
    vault: &Path,
    vdir: &Path,
    env: impl Fn(&str) -> Option<PathBuf>,
) -> Option<PathBuf> {
    let dir = env("TOUCHBASE_STATE_DIR")
        .or_else(|| env("XDG_STATE_HOME").map(|d| d.join("touchbase").join("sync")))
        .or_else(|| env("HOME").map(|d| d.join(".local/state/touchbase/sync")))?;
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let key = format!("{}\0{}", canonical(vault).display(), canonical(vdir).display());
    Some(dir.join(format!("{:016x}.json", crate::hash::fnv1a_64(key.as_bytes()))))
}

/// A non-empty environment variable as a path (the `env` that [`state_file`] takes).
#[allow(dead_code)] // for `sync contacts`
pub(crate) fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_file_is_outside_and_per_pair() {
        let env = |name: &str| (name == "XDG_STATE_HOME").then(|| PathBuf::from("/state"));
        let a = state_file(Path::new("/v"), Path::new("/c1"), env).unwrap();
        let b = state_file(Path::new("/v"), Path::new("/c2"), env).unwrap();
        assert!(a.starts_with("/state/touchbase/sync"));
        assert_ne!(a, b);
        assert_eq!(state_file(Path::new("/v"), Path::new("/c1"), |_| None), None);
    }
}
