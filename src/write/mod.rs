//! Stage 5b: the only module that changes files in the vault.

pub mod atomic;
pub mod edit;
