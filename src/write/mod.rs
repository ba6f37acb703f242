//! Stage 5b: the only module that changes files in the vault, all through [`Writer`].

pub(crate) mod atomic;
pub(crate) mod checkup;
pub(crate) mod contact_edits;
pub mod edit;
pub(crate) mod editor;
pub(crate) mod init;
pub(crate) mod template;
pub(crate) mod writer;
pub(crate) mod yaml;

pub(crate) use writer::{is_generated, Edits, Updated, Writer};
