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

/// Runs `cmd` with `input` on its stdin and collects its output. The input
/// is written from another thread, so that a big output cannot block the
/// run while the input is still being written.
pub fn output_with_stdin(cmd: &mut std::process::Command, input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("coquille runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("coquille ends");
    writer.join().expect("writer thread").expect("write stdin");
    output
}
