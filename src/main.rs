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
    // For the test suite only (tests/process.rs): a panic on demand, to
    // check that it ends as the one-line error above.
    if std::env::var_os("COQUILLE_TEST_PANIC").is_some() {
        panic!("panic requested by COQUILLE_TEST_PANIC");
    }
    coquille::cli::run()
}
