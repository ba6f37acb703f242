//! Keeping the vault in step with a vdir (vdirsyncer's folder of one file per item):
//! `contacts` (both ways, with `.vcf` cards) — see docs/sync.md for the contract.

pub(crate) mod contacts;
mod contacts_card;
mod contacts_fields;
mod contacts_state;
