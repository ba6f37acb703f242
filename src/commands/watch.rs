//! `watch`: keep the index page current until Ctrl-C (see `crate::watch`).

use std::time::Duration;

use super::{print_diagnostics, Io};
use crate::config::{current_day, Config};
use crate::error::Result;
use crate::exit::Exit;
use crate::watch::live::Live;
use crate::watch::Options;

pub(crate) fn watch(config: &Config, io: &mut Io<'_>, debounce: Duration) -> Result<Exit> {
    let today = if config.today_pinned { config.today } else { current_day() };
    let (live, diagnostics) = Live::load(&config.root, config.cache_dir.as_deref(), today)?;
    print_diagnostics(config, io.err, &diagnostics)?;
    let options = Options {
        debounce,
        today_pinned: config.today_pinned,
        quiet: config.quiet,
        home: config.home.clone(),
    };
    crate::watch::run(live, &options, io.out, io.err)?;
    Ok(Exit::Success)
}
