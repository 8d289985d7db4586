//! `puskesos`: the desk and developer tool over puskesos-core.
//!
//! Exit codes: 0 success, 1 invalid input or a refused operation (message on stderr),
//! 2 usage errors (from clap).

mod app;
mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = app::Cli::parse();
    let lang = cli.global.lang;
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.message(lang));
            ExitCode::from(1)
        }
    }
}
