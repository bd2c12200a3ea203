//! The `coquille` binary.

use std::process::ExitCode;

fn main() -> ExitCode {
    // A bug must never show a backtrace to the user nor exit with 101:
    // report it in one line and exit 2, like any other error.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".into());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("error: internal error: {what}{at} (please report it)");
        std::process::exit(coquille::cli::EXIT_ERROR.into());
    }));
    coquille::cli::run()
}
