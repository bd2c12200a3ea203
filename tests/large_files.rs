//! Large plain-text files read in parts (`COQUILLE_LARGE_FILE` lowers the
//! size for the test): a part never starts with a byte order mark, and a
//! line longer than a window is checked in windows with the same findings,
//! lines and columns as when the file is read whole.

use std::process::Command;

/// `coquille check --format concise` on `path`, read in parts of a few
/// kilobytes when `in_parts`.
fn concise(path: &std::path::Path, in_parts: bool) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_coquille"));
    cmd.args(["check", "--no-config", "--format", "concise"])
        .arg(path);
    if in_parts {
        cmd.env("COQUILLE_LARGE_FILE", "20000");
    }
    let out = cmd.output().expect("coquille runs");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    // Findings only, in order (the summary line names no position).
    let mut lines: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with(&*path.to_string_lossy()))
        .map(str::to_string)
        .collect();
    lines.sort();
    lines.join("\n")
}

#[test]
fn a_long_line_is_checked_in_windows_with_its_columns() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long.txt");
    let mut text = "Premier paragraphe.\n\n".to_string();
    text.push_str(&"Il dit: oui! Elle répond , non. ".repeat(2_000));
    text.push_str("\n\nFin!\n");
    std::fs::write(&path, &text).expect("write");
    let whole = concise(&path, false);
    let in_parts = concise(&path, true);
    assert!(whole.lines().count() > 4_000, "{}", whole.lines().count());
    assert_eq!(in_parts, whole);
}

#[test]
fn a_bom_that_starts_a_part_is_reported_where_it_is() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("joined.txt");
    let mut text = String::new();
    for _ in 0..40 {
        // Files joined end to end, each with its BOM and a fault.
        text.push('\u{FEFF}');
        text.push_str(&"Une phrase assez longue pour remplir la ligne.\n".repeat(20));
        text.push_str("Il dit: oui.\n\n");
    }
    std::fs::write(&path, &text).expect("write");
    let whole = concise(&path, false);
    let in_parts = concise(&path, true);
    assert_eq!(whole.matches("unicode/bom").count(), 39, "{whole}");
    assert_eq!(in_parts, whole);
}
