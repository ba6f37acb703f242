//! Stage 8: touchbase and a vdir (vdirsyncer's folder of one `.vcf` or `.ics` file per item)
//! kept in step. `vdir` reads and writes the folder's items (atomic, never through a link);
//! `contacts` keeps contacts and cards in step both ways (its state file, outside the vault, is
//! `contacts::state_path` under `Config::state_dir`, the one place that reads the environment);
//! `calendar` writes the vault's events, with no state (see docs/sync.md for the contract).

pub(crate) mod calendar;
pub(crate) mod contacts;
mod contacts_card;
mod contacts_fields;
mod contacts_state;
pub(crate) mod vdir;
