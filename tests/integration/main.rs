//! touchbase's integration tests: one binary (`autotests = false`) that runs the real
//! `touchbase` executable against fixture vaults copied into temp dirs, and compares its output
//! with golden files. Regenerate the goldens with `UPDATE_GOLDEN=1 cargo test --test integration`
//! and review the diff before committing.

// clippy.toml's `allow-unwrap-in-tests` covers `#[test]` functions only; the harness and the
// helpers here are test code too, where a panic is the failure report.
#![allow(clippy::unwrap_used)]

// The `Test` builder and its assertions: fixtures, temp dirs, golden files.
mod harness;

// Each command on the `basic` vault, the sample vault and the `dates-edge` vault (year end,
// leap days, month ends): output, ordering, exit codes, vault discovery, `--today`.
mod commands;

// Every `--format` (table, json, csv, md, paths), colours, and text that must not reach a
// terminal or break a table.
mod formats;

// Broken and odd files: `check` and its positions, diagnostics on stderr while the valid
// contacts are still answered, `-q`, non-UTF-8, CRLF and BOM.
mod broken;

// The query language through the command line: fields, tags, status, dates, text, negation,
// malformed terms.
mod query;
