//! The thin edge: parse arguments, run, print the error, map to an exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use touchbase::{Cli, Error, Exit};

// Parsing a big vault allocates on every thread; mimalloc is markedly faster than glibc here.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse_from(touchbase::cli::normalize_args(std::env::args_os()));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr();
    match touchbase::run(&cli, &mut out, &mut err) {
        Ok(exit) => exit.into(),
        // `touchbase list | head` must end quietly.
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Success.into(),
        Err(error) => {
            let _ = out.flush();
            let _ = writeln!(err, "touchbase: {error}");
            error.exit().into()
        }
    }
}
