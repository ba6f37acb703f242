//! Keeping the index page current (`touchbase watch`).

pub mod batch;
