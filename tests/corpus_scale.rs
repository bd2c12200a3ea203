//! Corpus scale: parallel checking gives the same output whatever the
//! thread count, JSON Lines corpora are checked and fixed record by record
//! (other fields and clean lines untouched, bad lines passed through), and
//! `--statistics` counts findings per rule.

mod common;

use common::{code, output_with_stdin, stderr, stdout};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn coquille(cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_coquille"));
    cmd.current_dir(cwd).env_remove("NO_COLOR");
    cmd
}

fn run(cwd: &Path, args: &[&str]) -> Output {
    coquille(cwd).args(args).output().expect("coquille runs")
}

fn run_stdin(cwd: &Path, args: &[&str], input: &[u8]) -> Output {
    output_with_stdin(coquille(cwd).args(args), input)
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..300 {
        let sub = dir.path().join(format!("d{}", i % 7));
        std::fs::create_dir_all(&sub).expect("mkdir");
        let text = match i % 3 {
            0 => format!("Texte {i} : tout va bien.\n"),
            1 => format!("Le rapport {i} dit:«oui»!\n"),
            _ => format!("Visite de shock numéro {i}...\n"),
        };
        std::fs::write(sub.join(format!("f{i:03}.txt")), text).expect("write");
    }
    let one = run(
        dir.path(),
        &["check", "--format", "json", "--threads", "1", "."],
    );
    let four = run(
        dir.path(),
        &["check", "--format", "json", "--threads", "4", "."],
    );
    assert_eq!(code(&one), 1);
    assert_eq!(stdout(&one), stdout(&four));
    let findings: Value = serde_json::from_str(&stdout(&one)).expect("JSON");
    let findings = findings.as_array().expect("array");
    // Every file has findings (`Texte 0 :` an ordinary space before `:`).
    let mut files: Vec<&str> = findings
        .iter()
        .map(|f| f["path"].as_str().expect("path"))
        .collect();
    files.dedup();
    assert_eq!(files.len(), 300);
    // Sorted by path, then position.
    let keys: Vec<(String, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().expect("path").to_string(),
                f["start"]["offset"].as_u64().expect("offset"),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // Fixing in parallel fixes every file.
    let fixed = run(dir.path(), &["fix", "--quiet", "--threads", "3", "."]);
    assert_eq!(code(&fixed), 1, "{}", stderr(&fixed));
    let again = run(
        dir.path(),
        &["check", "--quiet", "--format", "concise", "."],
    );
    assert!(
        !stdout(&again).contains("spacing/"),
        "spacing left after fix: {}",
        stdout(&again)
    );
}

const CORPUS: &str = concat!(
    "{\"id\": 1, \"text\": \"Visite de shock au Kremlin!\", \"lang\": \"fr\"}\n",
    "{\"id\": 2, \"text\": \"Il a dit \\\"oui\\\" hier: non.\\nLe accord est signé.\"}\n",
    "pas du JSON\n",
    "{\"id\": 4}\n",
    "{\"id\": 5, \"text\": 42}\n",
    "\n",
    "{\"text\": \"Tout va bien.\", \"id\": 7, \"meta\": {\"source\":\"x\"}}\r\n",
    "{\"id\":8,\"text\":\"Caf\\u00e9 noir: sans sucre.\"}",
);

#[test]
fn jsonl_check_reports_records_and_bad_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("c.jsonl"), CORPUS).expect("write");
    let o = run(
        dir.path(),
        &["check", "--jsonl", "text", "--format", "json", "c.jsonl"],
    );
    // Bad lines are input errors: exit 2, after every record was checked.
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    for (line, why) in [
        (3, "invalid JSON"),
        (4, "no field `text`"),
        (5, "not a string"),
    ] {
        assert!(err.contains(&format!("c.jsonl:{line}: ")), "{err}");
        assert!(err.contains(why), "{err}");
    }
    assert!(
        !err.contains("c.jsonl:6:"),
        "blank lines are skipped: {err}"
    );
    let findings: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let found: Vec<(u64, String, u64)> = findings
        .as_array()
        .expect("array")
        .iter()
        .map(|f| {
            (
                f["record"].as_u64().expect("record"),
                f["rule"].as_str().expect("rule").to_string(),
                f["start"]["line"].as_u64().expect("line"),
            )
        })
        .collect();
    let rules: Vec<(u64, &str)> = found.iter().map(|(r, id, _)| (*r, id.as_str())).collect();
    assert_eq!(
        rules,
        vec![
            (1, "untranslated/english-word"),
            (1, "spacing/missing-space-before"),
            (2, "quotes/straight-quotes"),
            (2, "spacing/missing-space-before"),
            (2, "elision/missing"),
            (8, "spacing/missing-space-before"),
        ]
    );
    // The line of a finding is its record; offsets point into the file.
    assert!(found.iter().all(|(r, _, line)| r == line));
    let first = &findings[0];
    let offset = first["start"]["offset"].as_u64().expect("offset") as usize;
    assert_eq!(&CORPUS[offset..offset + 5], "shock");
    let last = &findings[5];
    let offset = last["start"]["offset"].as_u64().expect("offset") as usize;
    assert_eq!(&CORPUS[offset..offset + 1], ":");
    // The concise format shows the record as the line.
    let o = run(
        dir.path(),
        &["check", "--jsonl", "text", "--format", "concise", "c.jsonl"],
    );
    assert!(stdout(&o).contains("c.jsonl:8:"), "{}", stdout(&o));
}

#[test]
fn jsonl_fix_rewrites_only_the_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("c.jsonl");
    std::fs::write(&path, CORPUS).expect("write");
    let o = run(
        dir.path(),
        &["fix", "--jsonl", "text", "--quiet", "c.jsonl"],
    );
    assert_eq!(code(&o), 2, "bad lines: {}", stderr(&o));
    let fixed = std::fs::read_to_string(&path).expect("read back");
    let before: Vec<&str> = CORPUS.split_inclusive('\n').collect();
    let after: Vec<&str> = fixed.split_inclusive('\n').collect();
    assert_eq!(before.len(), after.len(), "no line dropped or added");
    assert_eq!(
        after[0],
        "{\"id\": 1, \"text\": \"Visite de shock au Kremlin\u{202F}!\", \"lang\": \"fr\"}\n"
    );
    // Escaped quotes stay (their fix is display-only); the rest is fixed.
    assert_eq!(
        after[1],
        "{\"id\": 2, \"text\": \"Il a dit \\\"oui\\\" hier\u{A0}: non.\\nL’accord est signé.\"}\n"
    );
    // Bad, blank and clean lines are byte for byte the same, CRLF included.
    for i in [2, 3, 4, 5, 6] {
        assert_eq!(after[i], before[i], "line {}", i + 1);
    }
    assert_eq!(
        after[7],
        "{\"id\":8,\"text\":\"Caf\\u00e9 noir\u{A0}: sans sucre.\"}"
    );
    // Every record is still valid JSON with the same other fields.
    for (b, a) in before.iter().zip(&after) {
        if let (Ok(b), Ok(a)) = (
            serde_json::from_str::<Value>(b),
            serde_json::from_str::<Value>(a),
        ) {
            let (mut b, mut a) = (b, a);
            if let (Some(b), Some(a)) = (b.as_object_mut(), a.as_object_mut()) {
                b.remove("text");
                a.remove("text");
            }
            assert_eq!(a, b);
        }
    }
    // Fixing again changes nothing; stdin gives the same corpus on stdout.
    run(
        dir.path(),
        &["fix", "--jsonl", "text", "--quiet", "c.jsonl"],
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), fixed);
    let piped = run_stdin(
        dir.path(),
        &["fix", "--jsonl", "text", "--quiet", "-"],
        CORPUS.as_bytes(),
    );
    assert_eq!(stdout(&piped), fixed);
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "Bonjour! Ça va? Il a dit \"oui\".\n",
    )
    .expect("write");
    let o = run(dir.path(), &["check", "--statistics", "a.txt"]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        vec![
            "2  spacing/missing-space-before  [*] fixable",
            "1  quotes/straight-quotes        [*] fixable",
        ],
        "{out}"
    );
    let o = run(
        dir.path(),
        &["check", "--statistics", "--format", "json", "a.txt"],
    );
    let rows: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(rows[0]["rule"], "spacing/missing-space-before");
    assert_eq!(rows[0]["count"], 2);
    assert_eq!(rows[0]["fixable"], 2);
    // No progress bar when stderr is not a terminal.
    assert_eq!(stderr(&o), "");
}

/// A file read in parts gives the same findings and the same fixes as the
/// same text read whole (`COQUILLE_LARGE_FILE` lowers the size at which a
/// file is read in parts).
#[test]
fn large_files_read_in_parts_match_whole_reads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 300_000 {
        text.push_str(&format!(
            "Le rapport {i} dit:«oui» ; la réunion a eu lieu...\nElle a duré deux heures!\n\n"
        ));
        i += 1;
    }
    std::fs::write(dir.path().join("big.txt"), &text).expect("write");
    let check = |threshold: &str| {
        coquille(dir.path())
            .env("COQUILLE_LARGE_FILE", threshold)
            .args(["check", "--format", "json", "--threads", "2", "big.txt"])
            .output()
            .expect("coquille runs")
    };
    let whole = check("1000000000");
    let parts = check("65536");
    assert_eq!(code(&whole), 1);
    assert_eq!(stdout(&parts), stdout(&whole));
    let lines: Value = serde_json::from_str(&stdout(&parts)).expect("JSON");
    let last = lines.as_array().expect("array").last().expect("findings");
    assert!(last["start"]["line"].as_u64().expect("line") > 10_000);
    // Fixing in parts writes the same file as fixing it whole.
    std::fs::write(dir.path().join("copy.txt"), &text).expect("write");
    let fix = |name: &str, threshold: &str| {
        coquille(dir.path())
            .env("COQUILLE_LARGE_FILE", threshold)
            .args(["fix", "--quiet", name])
            .output()
            .expect("coquille runs")
    };
    fix("big.txt", "65536");
    fix("copy.txt", "1000000000");
    let a = std::fs::read_to_string(dir.path().join("big.txt")).expect("read");
    let b = std::fs::read_to_string(dir.path().join("copy.txt")).expect("read");
    assert_ne!(a, text);
    assert_eq!(a, b);
}
