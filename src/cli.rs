//! The command line, as clap derive types. No logic: `config.rs` resolves these into a `Config`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "touchbase", version, about = "A personal CRM that lives in a folder of markdown files", long_about = None)]
pub struct Cli {
    /// The vault folder [default: the nearest folder with touchbase.toml, else the current one]
    #[arg(long, global = true, env = "TOUCHBASE_VAULT", value_name = "DIR")]
    pub vault: Option<PathBuf>,

    /// Pretend today is this date (YYYY-MM-DD), for reproducible output and planning ahead
    #[arg(long, global = true, env = "TOUCHBASE_TODAY", value_name = "DATE")]
    pub today: Option<String>,

    /// Output format for commands that list things
    #[arg(long, global = true, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,

    /// When to use colours (NO_COLOR turns them off for `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,

    /// Print no diagnostics about broken files (errors that stop a command are still printed)
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Json,
    Csv,
    Md,
    Paths,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List contacts matching a query (all when empty), sorted by name
    List {
        /// Query terms, e.g. `tag:golf company:acme -status:ok "red sox"`
        query: Vec<String>,
    },
    /// Show one contact: fields, status, upcoming dates, latest interactions, links in and out
    Show {
        /// Name, alias or file name (case-insensitive)
        name: String,
    },
    /// Overdue contacts, most overdue first
    Overdue {
        /// Only contacts matching this query
        query: Vec<String>,
    },
    /// Upcoming birthdays, anniversaries, other yearly dates, due dates and planned touchpoints
    Upcoming {
        /// How many days ahead, today included [default: upcoming_days from touchbase.toml, else 30]
        #[arg(long, value_name = "N")]
        days: Option<u32>,
        /// Only contacts matching this query
        query: Vec<String>,
    },
    /// Validate the vault; exit 1 when anything is wrong
    Check,
    /// Regenerate the index page (INDEX.md): overdue, due this week, upcoming, never contacted
    Index {
        /// Write nothing; exit 1 when the page is missing or stale (for a pre-commit hook or CI)
        #[arg(long)]
        check: bool,
    },
    /// Keep the index page current: regenerate it whenever a file in the vault changes
    Watch {
        /// How long to wait for a burst of changes to settle, in milliseconds
        #[arg(long, value_name = "MS", default_value_t = 300)]
        debounce: u64,
    },
}
