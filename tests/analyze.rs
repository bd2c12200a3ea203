//! `coquille analyze`: CoNLL-U and JSON output of the tagger's readings.

mod common;

use common::{code, output_with_stdin, stderr, stdout};
use std::process::{Command, Output};

fn analyze(args: &[&str], input: &[u8]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_coquille"));
    cmd.arg("analyze").args(args);
    output_with_stdin(&mut cmd, input)
}

#[test]
fn conllu_has_ten_columns_and_a_blank_line_after_each_sentence() {
    let o = analyze(&[], "La porte est fermée. Je la vois.\n".as_bytes());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let sentences: Vec<&str> = out.split("\n\n").filter(|s| !s.trim().is_empty()).collect();
    assert_eq!(sentences.len(), 2, "{out}");
    assert!(out.ends_with("\n\n"), "{out:?}");
    let rows: Vec<Vec<&str>> = out
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(
        rows.iter()
            .all(|r| r.len() == 10 && r[6..].iter().all(|c| *c == "_")),
        "{out}"
    );
    let first: Vec<(&str, &str, &str)> = rows.iter().take(5).map(|r| (r[1], r[2], r[3])).collect();
    assert_eq!(
        first,
        [
            ("La", "la", "DET"),
            ("porte", "porte", "NOUN"),
            ("est", "être", "AUX"),
            ("fermée", "fermer", "VERB"),
            (".", ".", "PUNCT")
        ]
    );
    assert_eq!(rows[0][5], "Gender=Fem|Number=Sing");
    // Numbering starts again in each sentence; `la` is a pronoun there.
    let second: Vec<(&str, &str, &str)> = rows[5..].iter().map(|r| (r[0], r[1], r[3])).collect();
    assert_eq!(second[1], ("2", "la", "PRON"));
    assert!(out.contains("# text = Je la vois.\n"), "{out}");
}

#[test]
fn contractions_are_written_as_ud_writes_them() {
    let o = analyze(
        &["--format", "conllu"],
        "Le fils du voisin parle aux enfants.".as_bytes(),
    );
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(lines[2], "3-4\tdu\t_\t_\t_\t_\t_\t_\t_\t_", "{out}");
    assert!(lines[3].starts_with("3\tde\tde\tADP\t_\t_"), "{out}");
    assert!(
        lines[4].starts_with("4\tle\tle\tDET\t_\tGender=Masc|Number=Sing"),
        "{out}"
    );
    assert!(lines[5].starts_with("5\tvoisin\t"), "{out}");
    assert!(lines[6].starts_with("6\tparle\tparler\tVERB"), "{out}");
    assert_eq!(lines[7], "7-8\taux\t_\t_\t_\t_\t_\t_\t_\t_", "{out}");
    assert!(lines[8].starts_with("7\tà\tà\tADP"), "{out}");
    assert!(
        lines[9].starts_with("8\tles\tle\tDET\t_\tNumber=Plur"),
        "{out}"
    );
}

#[test]
fn json_spans_slice_the_original_text() {
    // Markdown: the prose view differs from the file, spans must not.
    let text = "# Titre\n\nLes *données* sont **mises** à jour du matin au soir.\n";
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("note.md");
    std::fs::write(&path, text).expect("write");
    let o = Command::new(env!("CARGO_BIN_EXE_coquille"))
        .args(["analyze", "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let mut forms = Vec::new();
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        let (start, end) = (
            v["start"].as_u64().expect("start") as usize,
            v["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(
            &text[start..end],
            v["form"].as_str().expect("form"),
            "{line}"
        );
        assert!(v["upos"].is_string() && v["lemma"].is_string() && v["sentence"].is_u64());
        forms.push(v["form"].as_str().expect("form").to_string());
    }
    assert!(
        forms.contains(&"données".to_string()) && forms.contains(&"mises".to_string()),
        "{out}"
    );
    let du = out
        .lines()
        .find(|l| l.contains("\"form\":\"du\""))
        .expect("du");
    let v: serde_json::Value = serde_json::from_str(du).expect("json");
    assert_eq!(v["id"], "7-8");
    assert_eq!(v["parts"][1]["form"], "le");
}

#[test]
fn invalid_utf8_is_a_one_line_error() {
    let o = analyze(&["-"], b"Le chat \xff\xfe dort.");
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error:"), "{err}");
    assert!(stdout(&o).is_empty());
}

#[test]
fn empty_input_prints_nothing() {
    for input in [&b""[..], b"\n\n  \n"] {
        for format in ["conllu", "json"] {
            let o = analyze(&["--format", format], input);
            assert_eq!(code(&o), 0, "{}", stderr(&o));
            assert!(stdout(&o).is_empty(), "{:?}", stdout(&o));
        }
    }
}

#[test]
fn a_missing_file_is_a_one_line_error() {
    let o = Command::new(env!("CARGO_BIN_EXE_coquille"))
        .args(["analyze", "/nonexistent/coquille/texte.txt"])
        .output()
        .expect("runs");
    assert_eq!(code(&o), 2);
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
}
