//! Regression tests for what a new user met trying the command line:
//! failed writes, excluded files, closed pipes, empty selections, errors
//! in machine formats, the pre-commit fix hook, special files and UTF-16
//! without a byte order mark.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code, not a signal")
}

fn coquille() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_coquille"));
    cmd.env_remove("NO_COLOR");
    cmd
}

/// Runs `coquille args…` in folder `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    coquille()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("coquille runs")
}

/// A text with one fixable finding per line.
const FAULTY_LINE: &str = "Quelle est la prochaine étape?\n";

#[cfg(unix)]
#[test]
fn a_failed_write_reports_the_findings_and_says_the_write_failed() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Larger than the file size limit set below, so that writing the
    // fixed file fails (even for root, which ignores permissions).
    let text = FAULTY_LINE.repeat(400);
    std::fs::write(dir.path().join("a.txt"), &text).expect("write");
    let bin = env!("CARGO_BIN_EXE_coquille");
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 4; exec '{bin}' fix --color never a.txt"
        ))
        .current_dir(dir.path())
        .output()
        .expect("sh runs");
    let (out, err) = (stdout(&o), stderr(&o));
    assert_eq!(code(&o), 2, "{out}{err}");
    assert!(err.contains("a.txt: cannot write the fixed file"), "{err}");
    assert!(!out.contains("could not be read"), "{out}");
    assert!(!out.contains("No problems found"), "{out}");
    assert!(out.contains("400 problems in 1 file"), "{out}");
    assert!(out.contains("1 file could not be written."), "{out}");
    assert!(!out.contains("Fixed"), "{out}");
    let left = std::fs::read_to_string(dir.path().join("a.txt")).expect("read");
    assert_eq!(left, text, "the file stays as it was");
}

#[test]
fn an_explicit_file_excluded_by_the_config_says_by_which_pattern() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("coquille.toml"),
        "exclude = [\"*.old.txt\"]\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("notes.old.txt"), FAULTY_LINE).expect("write");
    let o = run_in(dir.path(), &["check", "notes.old.txt"]);
    let err = stderr(&o);
    assert_eq!(code(&o), 0, "{err}");
    assert!(!err.contains("no files to check"), "{err}");
    assert!(
        err.contains("notes.old.txt is excluded by `exclude` pattern `*.old.txt` of coquille.toml"),
        "{err}"
    );
    let o = run_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--exclude",
            "notes.*",
            "notes.old.txt",
        ],
    );
    assert!(
        stderr(&o).contains("notes.old.txt is excluded by `--exclude notes.*`"),
        "{}",
        stderr(&o)
    );
}

/// Runs `coquille args…` with its stdout closed after `read` bytes (0:
/// before it writes), as `| head -c read` does.
fn run_into_closed_pipe(dir: &Path, args: &[&str], read: usize) -> Output {
    use std::io::Read;
    let mut child = coquille()
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("coquille starts");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut first = vec![0; read];
    stdout.read_exact(&mut first).expect("first bytes");
    drop(stdout);
    child.wait_with_output().expect("coquille ends")
}

#[test]
fn a_closed_stdout_ends_every_format_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), FAULTY_LINE.repeat(2000)).expect("write");
    // The findings are far more than a pipe holds: closing it after the
    // first bytes interrupts the report.
    for read in [0, 10] {
        for format in ["human", "concise", "json", "sarif", "github"] {
            let args = ["check", "--format", format, "a.txt"];
            let o = run_into_closed_pipe(dir.path(), &args, read);
            assert_eq!(code(&o), 1, "{format}: {}", stderr(&o));
            assert_eq!(stderr(&o), "", "{format}");
        }
        let args = ["check", "--statistics", "--format", "json", "a.txt"];
        let o = run_into_closed_pipe(dir.path(), &args, read);
        assert_eq!(code(&o), 1, "statistics: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "statistics");
        for args in [
            &["rules", "--json"][..],
            &["rules"],
            &["rule", "spacing/missing-space-before"],
        ] {
            let o = run_into_closed_pipe(dir.path(), args, read);
            assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
            assert_eq!(stderr(&o), "", "{args:?}");
        }
    }
}

#[test]
fn an_empty_selection_is_an_error_and_unknown_ids_get_a_suggestion() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), FAULTY_LINE).expect("write");
    let o = run_in(dir.path(), &["check", "--select", "", "a.txt"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("empty rule selection"),
        "{}",
        stderr(&o)
    );
    let o = run_in(dir.path(), &["check", "--select", "spacng", "a.txt"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("unknown rule or category `spacng`; did you mean `spacing`?"),
        "{}",
        stderr(&o)
    );
    let o = run_in(
        dir.path(),
        &["check", "--ignore", "quotes/unclosd", "a.txt"],
    );
    assert!(
        stderr(&o).contains("did you mean `quotes/unclosed`?"),
        "{}",
        stderr(&o)
    );
    let o = run_in(dir.path(), &["check", "--select", "zzzzzzzz", "a.txt"]);
    assert!(!stderr(&o).contains("did you mean"), "{}", stderr(&o));
}

#[test]
fn input_errors_are_error_commands_for_github_and_notifications_in_sarif() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), FAULTY_LINE).expect("write");
    let o = run_in(
        dir.path(),
        &["check", "--format", "github", "missing.txt", "a.txt"],
    );
    assert_eq!(code(&o), 2);
    let out = stdout(&o);
    assert!(
        out.lines()
            .any(|l| l == "::error::missing.txt: no such file or folder"),
        "{out}"
    );
    assert!(out.contains("::warning file=a.txt"), "{out}");
    let o = run_in(
        dir.path(),
        &["check", "--format", "sarif", "missing.txt", "a.txt"],
    );
    assert_eq!(code(&o), 2);
    let log: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("SARIF is JSON");
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["level"], "error");
    assert_eq!(
        notes[0]["message"]["text"],
        "missing.txt: no such file or folder"
    );
    assert!(
        !log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .is_empty()
    );
    // Without errors, the log has no invocation.
    let o = run_in(dir.path(), &["check", "--format", "sarif", "a.txt"]);
    let log: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("SARIF is JSON");
    assert!(log["runs"][0].get("invocations").is_none());
}

#[test]
fn the_fix_hook_reports_only_what_it_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    // `de une` is fixed; the English word is only reported.
    std::fs::write(
        dir.path().join("a.md"),
        "Le directeur de une entreprise a dit:«oui».\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("b.md"), "Tout va bien.\n").expect("write");
    let o = run_in(
        dir.path(),
        &["fix", "--fixes-only", "--color", "never", "a.md", "b.md"],
    );
    let out = stdout(&o);
    assert_eq!(code(&o), 0, "{out}{}", stderr(&o));
    assert!(out.starts_with("a.md: fixed "), "{out}");
    assert!(!out.contains("b.md"), "{out}");
    assert!(!out.contains("warning["), "{out}");
    assert!(!out.contains("fixable with"), "{out}");
    let fixed = std::fs::read_to_string(dir.path().join("a.md")).expect("read");
    assert!(fixed.contains("d’une"), "{fixed}");
    let hooks = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .expect("hooks file");
    assert!(
        hooks.contains("entry: coquille fix --fixes-only"),
        "{hooks}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_named_explicitly_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let made = Command::new("mkfifo")
        .arg(dir.path().join("pipe.txt"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let o = run_in(dir.path(), &["check", "pipe.txt"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("pipe.txt: not a regular file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn utf16_without_a_byte_order_mark_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "Bonjour, voici un texte en français.\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    std::fs::write(dir.path().join("le.txt"), le).expect("write");
    std::fs::write(dir.path().join("be.txt"), be).expect("write");
    std::fs::write(dir.path().join("bin.txt"), b"abc\0\x01\x02\x03\x04\0\0\xff").expect("write");
    let o = run_in(dir.path(), &["check", "le.txt"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("le.txt: looks like UTF-16 LE text"),
        "{}",
        stderr(&o)
    );
    let o = run_in(dir.path(), &["check", "be.txt"]);
    assert!(
        stderr(&o).contains("be.txt: looks like UTF-16 BE text"),
        "{}",
        stderr(&o)
    );
    let o = run_in(dir.path(), &["check", "bin.txt"]);
    assert!(
        stderr(&o).contains("binary file (NUL byte at offset 3)"),
        "{}",
        stderr(&o)
    );
}
