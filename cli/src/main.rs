//! `puskesos`: the desk and developer tool over puskesos-core.
//!
//! Exit codes: 0 success, 1 invalid input or a refused operation (message on stderr),
//! 2 usage errors (from clap).

mod app;
mod commands;
mod keys;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    restore_default_sigpipe();
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

/// Desk output is often piped into `head` or `less`. Rust ignores SIGPIPE, so once the reader
/// is gone every `println!` fails and panics; with the default disposition the tool ends
/// quietly, as Unix tools do. Whatever it was writing is already committed or rolled back by
/// the store (a kill at any point is safe: the sync tests SIGKILL it mid-upload).
#[cfg(unix)]
fn restore_default_sigpipe() {
    // SAFETY: first thing in `main`, before any other thread exists; SIG_DFL is a valid
    // disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_default_sigpipe() {}
