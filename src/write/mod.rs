//! Stage 5b: the only module that changes files in the vault, all through [`Writer`].

pub mod atomic;
pub mod contact_edits;
pub mod edit;
pub mod editor;
pub mod template;
pub mod writer;
pub mod yaml;

pub use writer::{Edits, Updated, Writer};
