//! touchbase's integration tests: one binary (`autotests = false`) that runs the real
//! `touchbase` executable against fixture vaults copied into temp dirs, and compares its output
//! with golden files. Regenerate the goldens with `UPDATE_GOLDEN=1 cargo test --test integration`
//! and review the diff before committing.

// clippy.toml's `allow-unwrap-in-tests` covers `#[test]` functions only; the harness and the
// helpers here are test code too, where a panic is the failure report.
#![allow(clippy::unwrap_used)]
// Test code, where these pedantic lints would only cost readability: file names in fixtures
// are lower-case `.md`, long tests read top to bottom, `a`/`b` names pair up on purpose.
#![allow(clippy::case_sensitive_file_extension_comparisons, clippy::too_many_lines, clippy::similar_names)]

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

// The editing commands `log`, `snooze`, `new` and `edit`: exact bytes after each edit (CRLF,
// BOM, no final newline), refusals that change nothing, symlinks, permissions, the editor.
mod editing;

// `index`: the page's sections, escaping and links (golden files), the day it is for, change-only
// atomic writes, `--check`, and the page never read as a contact.
mod index_page;

// `watch`: creates, edits, renames and deletes of files and folders, editors' saves, swap files,
// bursts, half-saved files, its own writes, settings reloads, SIGTERM and SIGINT; removals the
// debouncer folds away, a deleted page, a vault folder that disappears.
mod watch;
// `outreach` and `accounts`: the weekly list, account flags, --write safety.
mod outreach;

// The user's config file (default vault, me, colour, pager) and the pager on a terminal.
mod defaults;

// docs/json.md lists every key of `--format json`.
mod json_docs;

// The generated pages' links (wiki or markdown), section caps and their pointers, dates.
mod pages;

// `cards` (issue 13 part 6): post-by dates, addresses, a couple's one anniversary card, one-off
// events in `upcoming`, the holiday campaign, the outreach week a card is posted in, warnings.
mod cards;
// Issue 13: accounts with roles and notes, coverage flags, the org chart, duplicate accounts.
mod accounts;

// Issue 13 part 3: check-up worksheets, `checkup --write`, due check-ups everywhere.
mod checkup;

// `export --format ics`: the calendar parsed back with the icalendar crate, every event checked;
// stable UIDs, byte-identical output, folding, escaping, Feb 29, queries.
mod export_ics;

// `import` (vCard 2.1/3.0/4.0, LinkedIn/Google/generic CSV) and `export --format vcf`: real-world
// shapes, malformed input, merges into existing contacts, `--dry-run`, round trips, injection;
// completions with contact names and the man page.
mod import_export;
mod import_fields;
mod import_identity;
mod import_roundtrip;

// Issue 14 parts 2, 3 and 5: every charset a phone or mail client writes, Outlook's CSV layout,
// broken cards read whole; one golden file per fixture.
mod import_charsets;

// Issue 14 part 7: the summary by outcome, the dry-run plan, `--quiet`, `--verbose` and the
// per-file lines of a big import, the progress bar on a terminal only.
mod import_feedback;

// Hostile files beside a valid contact, each with a 20 s limit: YAML bombs, 100 MB and
// million-line files, binaries, FIFOs and devices, unreadable files, symlink loops and links out
// of the vault, odd file names, escape sequences, index-page and export injection.
mod hostile;

// Crash safety: SIGKILL at many points during `log`, `index` and `import` leaves every file old
// or new, never torn; a full disk, a failed write and a failed rename leave the original intact.
mod crash;

// `watch` under load, scaled down to CI time: 2,000 contacts, 20 edits/s for 5 s, a 500-file
// burst; the watched page equals a fresh `index`. The full-size run is scripts/watch_load.py.
mod watch_load;

// The cargo-fuzz targets' property checks (fuzz/src/lib.rs) on proptest-generated inputs, and
// every crash input the fuzzers found (docs/reliability-fuzz.md; the real runs: scripts/fuzz.sh).
mod fuzz_smoke;

// Issue 16: the parse that skips what a command does not need equals the full parse (the fuzz
// crash inputs, the repository's markdown, a generated vault, the fuzzers' grammar).
mod fast_parse;

// Issue 10, never lose a write: parallel writers, the folder lock, links out of the vault, the
// editor's path, pages over other files, umask, owner, hard links, stale temp files.
mod write_safety;

// Names and edge cases (issue 10): hostile names make files every command reads back, no date
// past 9999 is printed, imported notes never become interactions, duplicate keys' positions.
mod names;

// Open tasks past their date as overdue follow-ups everywhere, and `log NAME --done TEXT`.
mod tasks;

// The layers of docs/architecture.md (scripts/layers.py).
mod architecture;
mod help;

// The vault is a notebook: which notes are people (an Obsidian-shaped vault), `check --explain`,
// links that need not resolve, Obsidian's keys, `init` and where the vault is.
mod notebook;

// The Mackay 66 (`profile`, `new --template mackay`, accounts' coverage), `brief`, `show`'s
// notes, talking points that outlive a new Log entry, and private items kept out of pages
// and exports.
mod profile;

// Issue 15 parts 2 and 3: a vault shared in git. Real repositories (a bare origin, two clones,
// two authors with fixed dates): `init --git`, the merge driver on `git pull`, conflicts left
// only where both sides changed one thing, CRLF and BOM, notes merged by git, the hook.
mod team;

// Issue 15 part 5: the private layer: notes outside the vault shown by `show` and `brief`,
// searched by `list`, never in a page, an export or a vault file; refused inside the vault.
mod private;

// Issue 15 part 1: `owner:` on contacts and account notes, `--owner` / `--mine` on every
// listing, "me" from touchbase.toml or a real repository's `git config user.email`.
mod owners;

// Issue 15 part 4: what git knows about people. `history NAME` on a real repository with two
// authors at fixed dates: field changes, touches by author, a rename, a vault outside git.
mod history;

// Issue 17: the real Radicale + vdirsyncer loop on 127.0.0.1 that the sync tests use.
mod dav;

// Issue 17 part 2: `sync calendar VDIR`: one file per event, stable names, change-only writes,
// removals of touchbase's own files only, the feed, --dry-run; the loop through Radicale.
mod sync_calendar;

// Issue 17 part 1: `sync contacts VDIR`, both ways, conflicts, deletions, idempotence and the
// vault → card → vault property.
mod sync_contacts;

// Issue 17 part 3: the vault, a vdir, Radicale, a phone's vdir and back, through the real tools.
mod dav_contacts;

// Issue 18 part 3, errors that teach: one parser for every date argument (relative forms,
// impossible dates explained), `--days -3`, a query key no contact has, a message split over
// several arguments, `--format` supported or refused per command.
mod errors;

// Issue 18 part 1: every example in README.md (and the docs pages it names) run with the real
// binary and compared with the page, so the documentation cannot drift.
mod readme;
