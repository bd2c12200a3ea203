//! How the binary behaves as a process: a fix that cannot be written leaves
//! the file as it was and exits 2, a symbolic link stays a link while its
//! target is fixed, a panic becomes a one-line `error:` and exit 2, and the
//! output does not depend on the number of threads.

mod common;

use common::{code, output_with_stdin, stderr, stdout};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

/// A text with a safe fix (`étape?` takes a narrow no-break space).
const FAULTY: &str = "Quelle est la prochaine étape? Il a dit oui.\n";

fn coquille() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_coquille"));
    cmd.env_remove("COQUILLE_TEST_PANIC");
    cmd
}

fn fix(path: &Path) -> Output {
    coquille()
        .args(["fix", "--no-config"])
        .arg(path)
        .output()
        .expect("coquille runs")
}

/// An error is one line on stderr starting with `error:`, never a panic
/// message nor a backtrace, and the exit code is 2.
fn assert_one_line_error(o: &Output) {
    let err = stderr(o);
    assert_eq!(code(o), 2, "stderr: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{err}");
}

/// Whether this process may write in a folder whose permissions forbid it
/// (root, or a capability such as CAP_DAC_OVERRIDE).
fn writes_despite_permissions(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    let wrote = std::fs::write(&probe, "x").is_ok();
    let _ = std::fs::remove_file(&probe);
    wrote
}

/// Runs `chattr` on `path`; false when the tool or the file system does not
/// support it.
fn chattr(flag: &str, path: &Path) -> bool {
    Command::new("chattr")
        .arg(flag)
        .arg(path)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Clears the immutable attribute on drop, so that the folder can be
/// removed even when an assertion fails.
struct Immutable<'a>(&'a Path);

impl Drop for Immutable<'_> {
    fn drop(&mut self) {
        chattr("-i", self.0);
    }
}

#[test]
fn fix_in_a_read_only_folder_leaves_the_file_and_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("lecture-seule");
    std::fs::create_dir(&folder).expect("folder");
    let file = folder.join("texte.txt");
    std::fs::write(&file, FAULTY).expect("write");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let mut immutable = None;
    if writes_despite_permissions(&folder) {
        // Permissions do not stop this user (root): an immutable folder
        // stops everyone, where the file system supports it.
        if chattr("+i", &folder) {
            immutable = Some(Immutable(&folder));
        } else {
            eprintln!(
                "skipped: this user writes in read-only folders and `chattr +i` is not \
                 available, so no folder can refuse the fix"
            );
            std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755))
                .expect("chmod back");
            return;
        }
    }
    let o = fix(&file);
    drop(immutable);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert_one_line_error(&o);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), FAULTY);
    // Nothing is left behind: no temporary file beside the text.
    let names: Vec<_> = std::fs::read_dir(&folder)
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["texte.txt"]);
}

#[test]
fn a_write_that_fails_midway_leaves_the_file_and_exits_2() {
    // A file size limit of 0 makes every write of the new text fail (with
    // EFBIG: the signal it would raise is ignored), whoever the user is.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("texte.txt");
    std::fs::write(&file, FAULTY).expect("write");
    let o = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 0; exec \"$0\" fix --no-config \"$1\"")
        .arg(env!("CARGO_BIN_EXE_coquille"))
        .arg(&file)
        .env_remove("COQUILLE_TEST_PANIC")
        .output()
        .expect("sh runs");
    assert_one_line_error(&o);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), FAULTY);
    let count = std::fs::read_dir(dir.path()).expect("list").count();
    assert_eq!(count, 1, "a temporary file was left behind");
}

#[test]
fn a_symbolic_link_stays_a_link_and_its_target_is_fixed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("vrai.txt");
    let link = dir.path().join("lien.txt");
    std::fs::write(&target, FAULTY).expect("write");
    std::os::unix::fs::symlink("vrai.txt", &link).expect("symlink");
    let o = fix(&link);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let meta = std::fs::symlink_metadata(&link).expect("link metadata");
    assert!(
        meta.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    assert_eq!(
        std::fs::read_link(&link).expect("read link"),
        Path::new("vrai.txt")
    );
    let fixed = std::fs::read_to_string(&target).expect("read");
    assert_eq!(fixed, FAULTY.replace("étape?", "étape\u{202F}?"));
}

#[test]
fn a_panic_is_a_one_line_error_with_exit_2() {
    let o = coquille()
        .args(["check", "--no-config", "-"])
        .env("COQUILLE_TEST_PANIC", "1")
        .output()
        .expect("coquille runs");
    assert_one_line_error(&o);
    assert!(
        stderr(&o).starts_with("error: internal error"),
        "{}",
        stderr(&o)
    );
    // Without the trigger, the same run is fine.
    let o = output_with_stdin(
        coquille().args(["check", "--no-config", "-"]),
        b"Bonjour.\n",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

/// A JSON Lines corpus of more than one batch (1024 records) and more than
/// 1 MiB, with findings spread over every record.
fn big_corpus() -> String {
    let mut out = String::new();
    let mut i = 0;
    while out.len() <= (1 << 20) + (1 << 16) || i <= 1100 {
        let text = match i % 4 {
            0 => format!("Le dossier {i} est prêt. Quelle est la prochaine étape?"),
            1 => format!("Il a dit « bonjour » au client {i} ; la réunion est terminée."),
            2 => format!("Le 3:30 PM du rapport {i}, puis  deux espaces et \"guillemets\"."),
            _ => format!(
                "Une phrase correcte numéro {i}, sans faute aucune, pour rallonger le texte."
            ),
        };
        let padding = " Elle reprend ensuite le fil de son récit.".repeat(8);
        out.push_str(&format!(
            "{{\"id\": {i}, \"text\": \"{text}{padding}\"}}\n",
            text = text.replace('"', "\\\"")
        ));
        i += 1;
    }
    // The last record has a finding, so that the output shows it was read.
    out.push_str("{\"id\": \"fin\", \"text\": \"Et maintenant?\"}\n");
    out
}

#[test]
fn output_is_the_same_for_one_and_several_threads() {
    let corpus = big_corpus();
    assert!(corpus.len() > 1 << 20 && corpus.lines().count() > 1024);
    for args in [
        &[
            "check",
            "--no-config",
            "--jsonl",
            "text",
            "--format",
            "json",
            "-",
        ][..],
        &["fix", "--no-config", "--jsonl", "text", "-"][..],
    ] {
        let run = |threads: &str| {
            output_with_stdin(
                coquille().args(args).args(["--threads", threads]),
                corpus.as_bytes(),
            )
        };
        let one = run("1");
        assert!(matches!(code(&one), 0 | 1), "{args:?}: {}", stderr(&one));
        let out = stdout(&one);
        // Findings or fixes reach the last record, past the first batch.
        let last = corpus.lines().count();
        let reached = if args[0] == "fix" {
            out.lines().count() == last
                && out.lines().last().is_some_and(|l| l.contains('\u{202F}'))
        } else {
            out.contains(&format!("\"record\":{last},"))
        };
        assert!(
            reached,
            "{args:?}: the last record {last} is not in the output"
        );
        let many = run("4");
        assert_eq!(code(&one), code(&many), "{args:?} with 4 threads");
        assert!(
            stdout(&many) == out,
            "{args:?}: the output with 4 threads differs from one thread"
        );
    }
}
