//! The `coquille` command: parses the arguments and dispatches to the
//! subcommands; `check` and `fix` share one pipeline (`pipeline.rs`).

mod analyze;
pub mod args;
mod config_cmd;
pub mod configs;
mod jsonl;
mod large;
mod pipeline;
mod progress;
mod rules_cmd;
mod statistics;
pub mod walk;
mod write;

use crate::diagnostic::Applicability;
use args::{CheckArgs, Cli, ColorArg, Command, FixArgs};
use clap::Parser;
use pipeline::Mode;
use std::process::ExitCode;

/// Exit code: no findings left.
pub const EXIT_CLEAN: u8 = 0;
/// Exit code: findings left.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage, input or internal error.
pub const EXIT_ERROR: u8 = 2;

/// Parses the command line and runs it.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check(args),
        Command::Fix(args) => fix(args),
        Command::Rules(args) => rules_cmd::list(args.json, args.markdown),
        Command::Rule { id } => rules_cmd::explain(&id),
        Command::Config(args) => config_cmd::show(&args),
        Command::Analyze(args) => analyze::run(&args),
        Command::Lsp => crate::lsp::run(),
    };
    ExitCode::from(code)
}

/// Prints a one-line error on stderr.
fn error(message: impl std::fmt::Display) {
    eprintln!("error: {message}");
}

/// Runs `write` on stdout: a closed stdout (as with `| head`) ends it
/// quietly; any other failure is a one-line error and exit code 2.
fn print_quietly(write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> u8 {
    let mut out = std::io::stdout().lock();
    let result = write(&mut out).and_then(|()| std::io::Write::flush(&mut out));
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            error(format!("cannot write output: {}", walk::io_reason(&e)));
            EXIT_ERROR
        }
        _ => EXIT_CLEAN,
    }
}

fn use_color(choice: ColorArg, terminal: bool) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn check(args: CheckArgs) -> u8 {
    pipeline::run(&args.paths, &args.common, Mode::Check, false)
}

fn fix(args: FixArgs) -> u8 {
    let threshold = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let mode = Mode::Fix {
        threshold,
        diff: args.diff,
    };
    pipeline::run(&args.paths, &args.common, mode, args.fixes_only)
}
