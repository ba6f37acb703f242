//! `outreach` and `accounts`.

use super::Io;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::exit::Exit;

pub struct OutreachArgs<'a> {
    pub week: Option<&'a str>,
    pub next: bool,
    pub limit: Option<usize>,
    pub write: bool,
    pub force: bool,
}

pub fn outreach(config: &Config, io: &mut Io<'_>, args: &OutreachArgs<'_>) -> Result<Exit> {
    let _ = (config, io, args);
    Err(Error::usage("outreach is not implemented yet"))
}

pub fn accounts(config: &Config, io: &mut Io<'_>, company: Option<&str>) -> Result<Exit> {
    let _ = (config, io, company);
    Err(Error::usage("accounts is not implemented yet"))
}
