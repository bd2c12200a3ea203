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

/// Runs `cmd` with `input` on its stdin and collects its output.
pub fn output_with_stdin(cmd: &mut std::process::Command, input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("coquille runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("coquille ends")
}
