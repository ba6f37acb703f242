//! `completions SHELL` and `man`: shell integration generated from the command line definition.

use clap::CommandFactory;

use super::Io;
use crate::cli::Cli;
use crate::error::Result;
use crate::exit::Exit;

pub fn completions(io: &mut Io<'_>, shell: clap_complete::Shell) -> Result<Exit> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "touchbase", io.out);
    Ok(Exit::Success)
}

pub fn man(io: &mut Io<'_>) -> Result<Exit> {
    clap_mangen::Man::new(Cli::command()).render(io.out)?;
    Ok(Exit::Success)
}
