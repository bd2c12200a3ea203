//! Recall and precision of the elision and agreement rules on the project's
//! test texts (`tests/corpus/agreement/`): `errors.txt` holds one marked
//! error per line (`⟦…⟧`), `correct.txt` correct look-alikes. Each line is
//! checked as a document of its own; a finding counts as right when it
//! overlaps the marked error. The figures are printed (`cargo test --test
//! agreement_corpus -- --nocapture`) and held to the figures the README
//! states.

use coquille::{Linter, Selector, Settings, Source, SourceKind, Span};
use std::collections::BTreeMap;
use std::path::Path;

const RULES: &[&str] = &[
    "elision/missing",
    "elision/wrong",
    "elision/contraction",
    "elision/euphony",
    "agreement/determiner-noun",
    "agreement/adjective-noun",
    // Before English (`La update`), the untranslated word is the finding.
    "untranslated/english-word",
];

/// The lines of a corpus file that are not comments.
fn lines(name: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/agreement")
        .join(name);
    std::fs::read_to_string(path)
        .expect("corpus file")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// A line without its marks, and the marked span.
fn unmark(line: &str) -> (String, Option<Span>) {
    let (mut text, mut start, mut span) = (String::new(), None, None);
    for c in line.chars() {
        match c {
            '⟦' => start = Some(text.len()),
            '⟧' => span = start.map(|s| Span::new(s, text.len())),
            _ => text.push(c),
        }
    }
    (text, span)
}

/// Per rule: (right findings, all findings).
type Tally = BTreeMap<&'static str, (usize, usize)>;

#[test]
fn recall_and_precision_on_the_test_texts() {
    let linter = Linter::new(Settings {
        select: RULES.iter().map(|r| Selector::Rule(r)).collect(),
        ..Settings::default()
    })
    .expect("linter");
    let errors = lines("errors.txt");
    let correct = lines("correct.txt");
    assert!(errors.len() >= 50 && correct.len() >= 50);
    let mut tally: Tally = RULES.iter().map(|r| (*r, (0, 0))).collect();
    let mut found = 0;
    let mut missed = Vec::new();
    let mut wrong = Vec::new();
    for line in errors.iter().chain(&correct) {
        let (text, mark) = unmark(line);
        let source = Source::new("t.txt", text.as_str(), SourceKind::PlainText);
        let findings = linter.check(&source);
        for d in &findings {
            let right = mark.is_some_and(|m| m.overlaps(d.span));
            let entry = tally.get_mut(d.rule).expect("a selected rule");
            entry.0 += usize::from(right);
            entry.1 += 1;
            if !right {
                wrong.push(format!("{}: {line}", d.rule));
            }
        }
        if let Some(m) = mark {
            if findings.iter().any(|d| m.overlaps(d.span)) {
                found += 1;
            } else {
                missed.push(line.clone());
            }
        }
    }
    let (right, all) = tally.values().fold((0, 0), |(r, a), (x, y)| (r + x, a + y));
    let recall = found as f64 / errors.len() as f64;
    let precision = right as f64 / all.max(1) as f64;
    println!(
        "errors found: {found}/{} (recall {:.1} %)",
        errors.len(),
        recall * 100.0
    );
    println!(
        "findings right: {right}/{all} (precision {:.1} %)",
        precision * 100.0
    );
    for (rule, (r, a)) in &tally {
        println!("  {rule}: {r}/{a} right");
    }
    for m in &missed {
        println!("missed: {m}");
    }
    for w in &wrong {
        println!("wrong: {w}");
    }
    // The figures the README states (100 of 101 errors found, 103 of 104
    // findings right): at most one error missed and one finding wrong, so
    // that a regression of a single sentence fails.
    const MAX_MISSED: usize = 1;
    const MAX_WRONG: usize = 1;
    assert!(
        missed.len() <= MAX_MISSED,
        "{} errors missed (recall {recall:.3}), the README claims at most {MAX_MISSED}",
        missed.len()
    );
    assert!(
        wrong.len() <= MAX_WRONG,
        "{} wrong findings (precision {precision:.3}), the README claims at most {MAX_WRONG}",
        wrong.len()
    );
    // The rules on by default must not fire on the correct texts.
    assert!(
        wrong
            .iter()
            .all(|w| w.starts_with("agreement/adjective-noun")),
        "{wrong:?}"
    );
}
