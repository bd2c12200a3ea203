//! Helpers shared by the command-line tests: the output of a run as text
//! and its exit code.

use std::process::Output;

/// The standard output of a run.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

/// The standard error of a run.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

/// The exit code of a run (it must not end by a signal).
pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}
