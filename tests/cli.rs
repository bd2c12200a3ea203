//! The command-line contract: exit codes, formats, stdin, fixing in place,
//! `--diff`, and bad input.

mod common;

use common::{code, output_with_stdin, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn coquille() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_coquille"));
    cmd.env_remove("NO_COLOR");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs `coquille args…` from the fixtures folder (so paths in output are
/// short and stable).
fn run(args: &[&str]) -> Output {
    coquille()
        .args(args)
        .current_dir(fixture(""))
        .output()
        .expect("coquille runs")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    output_with_stdin(coquille().args(args).current_dir(fixture("")), input)
}

/// Runs `coquille args… path` (a file outside the fixtures).
fn run_on(args: &[&str], path: &Path) -> Output {
    coquille()
        .args(args)
        .arg(path)
        .output()
        .expect("coquille runs")
}

/// A temporary folder holding one file `name` with `contents`.
fn temp_file(name: &str, contents: impl AsRef<[u8]>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, contents).expect("write");
    (dir, path)
}

/// An error is one line on stderr, never a panic.
fn assert_one_line_error(o: &Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(code(o), 2, "stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].contains(needle), "`{needle}` not in {err}");
}

#[test]
fn exit_codes() {
    assert_eq!(code(&run(&["check", "clean.txt"])), 0);
    assert_eq!(code(&run(&["check", "sample.txt"])), 1);
    assert_eq!(code(&run(&["check", "sample.txt", "--exit-zero"])), 0);
    assert_eq!(
        code(&run(&["check", "--select", "unicode", "sample.txt"])),
        0
    );
    assert_eq!(code(&run(&["check", "--bogus-flag"])), 2);
}

#[test]
fn human_output() {
    let o = run(&["check", "sample.txt", "--color", "never"]);
    insta::assert_snapshot!("human", stdout(&o));
}

#[test]
fn concise_output() {
    let o = run(&["check", "sample.txt", "--format", "concise"]);
    insta::assert_snapshot!("concise", stdout(&o));
}

#[test]
fn json_output_has_byte_offsets_and_scalar_columns() {
    let o = run(&["check", "sample.txt", "--format", "json"]);
    assert_eq!(code(&o), 1);
    let items: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let items = items.as_array().expect("an array");
    let text = std::fs::read_to_string(fixture("sample.txt")).expect("fixture");
    assert!(!items.is_empty());
    for item in items {
        for key in [
            "path", "rule", "category", "severity", "message", "start", "end", "fix",
        ] {
            assert!(item.get(key).is_some(), "missing {key} in {item}");
        }
        let start = item["start"]["offset"].as_u64().expect("offset") as usize;
        let line = item["start"]["line"].as_u64().expect("line") as usize;
        let column = item["start"]["column"].as_u64().expect("column") as usize;
        // Columns count Unicode scalar values from the start of the line.
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(column, text[line_start..start].chars().count() + 1);
        assert_eq!(line, text[..start].matches('\n').count() + 1);
    }
    // `étape?`: é is two bytes but one column, so byte 30 is column 30
    // only because the line starts at byte 0 with 24 ASCII characters.
    let first = &items[0];
    assert_eq!(first["rule"], "spacing/missing-space-before");
    assert_eq!(first["start"]["offset"], 30);
    assert_eq!(first["start"]["column"], 30);
    assert_eq!(first["fix"]["applicability"], "safe");
    assert_eq!(first["fix"]["edits"][0]["start"], 30);
    assert_eq!(first["fix"]["edits"][0]["replacement"], "\u{202F}");
    let empty = run(&["check", "clean.txt", "--format", "json"]);
    assert_eq!(stdout(&empty).trim(), "[]");
}

#[test]
fn stdin_is_named_by_stdin_filename() {
    let o = run_stdin(
        &[
            "check",
            "-",
            "--stdin-filename",
            "note.txt",
            "--format",
            "concise",
        ],
        "Bonjour!\n".as_bytes(),
    );
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).starts_with("note.txt:1:8: spacing/missing-space-before"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn fix_from_stdin_writes_the_fixed_text() {
    let o = run_stdin(
        &["fix", "-", "--quiet"],
        "Bonjour! Le 2ème jour...\n".as_bytes(),
    );
    assert_eq!(stdout(&o), "Bonjour\u{202F}! Le 2e jour…\n");
    assert_eq!(code(&o), 0);
    // Findings that remain go to stderr, never into the text.
    let o = run_stdin(
        &["fix", "-", "--format", "concise"],
        "A Paris!\n".as_bytes(),
    );
    assert_eq!(stdout(&o), "A Paris\u{202F}!\n");
    assert!(stderr(&o).contains("capitalization/a-grave"));
    assert_eq!(code(&o), 1);
}

#[cfg(unix)]
#[test]
fn fix_in_place_keeps_bom_line_endings_and_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("texte.txt");
    let original = "\u{FEFF}Quelle étape?\r\nLe 2ème jour...\r\n";
    std::fs::write(&path, original).expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let o = run_on(&["fix", "--quiet"], &path);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let fixed = std::fs::read_to_string(&path).expect("read");
    assert_eq!(fixed, "\u{FEFF}Quelle étape\u{202F}?\r\nLe 2e jour…\r\n");
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("texte.txt")]);
    // Fixing again changes nothing.
    let o = run_on(&["fix", "--diff"], &path);
    assert_eq!(code(&o), 0);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), fixed);
}

#[test]
fn fix_reports_what_remains() {
    let (_dir, path) = temp_file("t.txt", "A Paris, rien... Le 1st prix!\n");
    let o = run_on(&["fix", "--format", "concise"], &path);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.contains("capitalization/a-grave"), "{out}");
    assert!(out.contains("numbers/english-ordinal"), "{out}");
    assert!(out.contains("Fixed 2 problems in 1 file."), "{out}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "A Paris, rien… Le 1st prix\u{202F}!\n"
    );
    let o = run_on(&["fix", "--unsafe-fixes", "--quiet"], &path);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "À Paris, rien… Le 1er prix\u{202F}!\n"
    );
}

#[test]
fn diff_prints_and_writes_nothing() {
    let (_dir, path) = temp_file("t.txt", "Un mot...\nRien.\n");
    let o = run_on(&["fix", "--diff"], &path);
    assert_eq!(code(&o), 1);
    let diff = stdout(&o);
    assert!(diff.contains("-Un mot...\n+Un mot…\n"), "{diff}");
    assert!(diff.starts_with("--- a/"), "{diff}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "Un mot...\nRien.\n"
    );
    assert_eq!(code(&run(&["fix", "--diff", "clean.txt"])), 0);
}

#[test]
fn bad_input_is_a_one_line_error() {
    let (dir, bad) = temp_file("latin1.txt", b"caf\xe9 cr\xe8me");
    let o = run_on(&["check"], &bad);
    assert_one_line_error(&o, "latin1.txt: invalid UTF-8 at byte offset 3");

    let binary = dir.path().join("image.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0").expect("write");
    let o = run_on(&["check"], &binary);
    assert_one_line_error(&o, "image.txt: binary file");

    let o = run(&["check", "does-not-exist.txt"]);
    assert_one_line_error(&o, "does-not-exist.txt: no such file or folder");

    let o = run(&["check", "--select", "spacing/nope", "clean.txt"]);
    assert_one_line_error(&o, "unknown rule or category `spacing/nope`");

    let o = run(&["rule", "spacing/nope"]);
    assert_one_line_error(&o, "unknown rule `spacing/nope`");

    // A bad file does not stop the others, and nothing is written.
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Bonjour!\n").expect("write");
    let o = coquille()
        .args(["fix", "--quiet"])
        .arg(&bad)
        .arg(&good)
        .output()
        .expect("runs");
    assert_eq!(code(&o), 2);
    assert_eq!(std::fs::read(&bad).expect("read"), b"caf\xe9 cr\xe8me");
    assert_eq!(
        std::fs::read_to_string(&good).expect("read"),
        "Bonjour\u{202F}!\n"
    );
}

#[test]
fn selection_profiles_and_apostrophes() {
    let nbsp_before_question = "Pourquoi\u{00A0}? Parce que.\n";
    let o = run_stdin(&["check", "-"], nbsp_before_question.as_bytes());
    assert_eq!(code(&o), 0);
    let o = run_stdin(
        &["check", "-", "--profile", "strict", "--format", "concise"],
        nbsp_before_question.as_bytes(),
    );
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("spacing/nbsp-kind"));

    let breakable = "Pourquoi ? Parce que.\n";
    assert_eq!(code(&run_stdin(&["check", "-"], breakable.as_bytes())), 1);
    assert_eq!(
        code(&run_stdin(
            &["check", "-", "--profile", "lenient"],
            breakable.as_bytes()
        )),
        0
    );
    assert_eq!(
        code(&run_stdin(
            &["check", "-", "--ignore", "spacing"],
            breakable.as_bytes()
        )),
        0
    );
    assert_eq!(
        code(&run_stdin(
            &["check", "-", "--select", "spacing/breakable-space,numbers"],
            breakable.as_bytes()
        )),
        1
    );

    let straight = "L'été d'abord.\n";
    assert_eq!(code(&run_stdin(&["check", "-"], straight.as_bytes())), 0);
    assert_eq!(
        code(&run_stdin(
            &["check", "-", "--apostrophe", "typographic"],
            straight.as_bytes()
        )),
        1
    );
}

#[test]
fn color_and_quiet() {
    let colored = stdout(&run(&["check", "sample.txt", "--color", "always"]));
    assert!(colored.contains('\u{1b}'));
    let plain = stdout(&run(&["check", "sample.txt", "--color", "never"]));
    assert!(!plain.contains('\u{1b}'));
    let quiet = stdout(&run(&[
        "check",
        "sample.txt",
        "--quiet",
        "--color",
        "never",
    ]));
    assert!(!quiet.contains("problems in"));
    assert!(quiet.contains("spacing/missing-space-before"));
}

#[test]
fn walks_folders_with_extensions_and_excludes() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, body) in [
        ("a.txt", "Un!\n"),
        ("b.rst", "Deux!\n"),
        ("skip/c.txt", "Trois!\n"),
        (".hidden/d.txt", "Quatre!\n"),
    ] {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, body).expect("write");
    }
    let o = coquille()
        .args([
            "check",
            "--format",
            "concise",
            "--quiet",
            "--ext",
            "rst",
            "--exclude",
            "skip",
        ])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        out.contains("a.txt:1:3") && out.contains("b.rst:1:5"),
        "{out}"
    );
}

#[test]
fn rules_and_rule_explain() {
    let o = run(&["rules"]);
    assert_eq!(code(&o), 0);
    let list = stdout(&o);
    for rule in coquille::Registry::global().rules() {
        assert!(list.contains(rule.meta().id), "{} missing", rule.meta().id);
    }
    let o = run(&["rules", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(
        rows.as_array().map(Vec::len),
        Some(coquille::Registry::global().len())
    );

    let o = run(&["rule", "spacing/missing-space-before"]);
    assert_eq!(code(&o), 0);
    insta::assert_snapshot!("rule-explain", stdout(&o));
}

#[test]
fn long_lines_are_cut_but_keep_their_columns() {
    // One 6000-character line with accented letters before the finding.
    let text = format!("{} étape? {}\n", "é".repeat(3000), "mot ".repeat(700));
    let human = stdout(&run_stdin(
        &[
            "check",
            "-",
            "--color",
            "never",
            "--stdin-filename",
            "long.txt",
        ],
        text.as_bytes(),
    ));
    let concise = stdout(&run_stdin(
        &[
            "check",
            "-",
            "--format",
            "concise",
            "--stdin-filename",
            "long.txt",
        ],
        text.as_bytes(),
    ));
    assert!(concise.starts_with("long.txt:1:3007:"), "{concise}");
    assert!(human.contains("--> long.txt:1:3007\n"), "{human}");
    // The snippet is cut around the finding, not the whole line.
    assert!(human.lines().all(|l| l.chars().count() < 400), "{human}");
}

#[test]
fn markdown_code_and_markup_are_never_fixed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("doc.md");
    let original = "# Titre\n\n<!-- note! -->\n\n![logo](a.png)\n\nVoir `x?.y;` et l’![image](b.png).\n\n```\nlet v = vec![1,2]; x?.y;\n```\n\nLe **Prix**: 50%!\n\n| Produit     | Prix |\n|---|---|\n| Pommes      | 2 |\n";
    std::fs::write(&path, original).expect("write");
    let o = run_on(&["fix", "--quiet"], &path);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let fixed = std::fs::read_to_string(&path).expect("read");
    let expected = original.replace("**Prix**: 50%!", "**Prix**\u{00A0}: 50\u{00A0}%\u{202F}!");
    assert_eq!(fixed, expected);
}

#[test]
fn utf16_and_empty_selectors() {
    let o = run_stdin(&["check", "-"], b"\xff\xfeB\x00o\x00n\x00");
    assert_one_line_error(&o, "UTF-16 text is not supported");
    let o = run_stdin(
        &["check", "-", "--select", "spacing,"],
        "Bonjour!\n".as_bytes(),
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
}
