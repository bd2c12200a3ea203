//! Recall of the machine-translation artefacts of issue 16 on sentences
//! written for the project (`tests/corpus/recall/`): `errors.txt` holds one
//! marked artefact per line (`⟦…⟧`), `correct.txt` well-edited look-alikes.
//! Each line is checked alone with the default rules; a finding is right
//! when it overlaps the mark, and any finding on a correct line is wrong
//! (a finding elsewhere on an error line is shown, not counted).
//! A comment line of one word (`# capital-mid`) names the class of the
//! lines after it. The figures, overall and per class, are printed
//! (`cargo test --test recall_corpus -- --nocapture`) and held to the
//! floors below, which `docs/recall.md` states.

use coquille::{Linter, Selector, Settings, Source, SourceKind, Span};
use std::collections::BTreeMap;
use std::path::Path;

/// The lines of a corpus file that are not comments, each with its class
/// (the last comment line of one word before it).
fn lines(name: &str) -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/recall")
        .join(name);
    let mut class = String::from("-");
    let mut out = Vec::new();
    for line in std::fs::read_to_string(path).expect("corpus file").lines() {
        if let Some(comment) = line.strip_prefix("# ") {
            if !comment.contains(' ') {
                class = comment.to_string();
            }
        } else if !line.starts_with('#') && !line.trim().is_empty() {
            out.push((class.clone(), line.to_string()));
        }
    }
    out
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

/// The least recall each class of `errors.txt` must keep.
const CLASS_RECALL: &[(&str, f64)] = &[
    ("capital-after-quote", 0.9),
    ("capital-mid", 0.85),
    ("title-case", 0.8),
    ("english-date", 0.85),
    ("plus-number", 0.75),
    ("unit", 0.85),
    ("grouping", 0.8),
    ("space-before", 0.8),
    ("apostrophe", 0.8),
    ("hyphen", 0.8),
    ("broken-elision", 0.9),
    ("contraction", 0.9),
    ("currency", 0.9),
    ("calque", 0.9),
];

/// Classes whose rule is off by default (it cannot be precise on edited
/// French): their lines are checked with that rule turned on as well.
const OPT_IN: &[(&str, &str)] = &[("title-case", "capitalization/running-title-case")];

/// Per class: (artefacts found, artefacts, wrong findings).
type Classes = BTreeMap<String, (usize, usize, usize)>;

#[test]
fn recall_and_precision_on_machine_translation_artefacts() {
    let linter = Linter::new(Settings::default()).expect("linter");
    let opt_in: BTreeMap<&str, Linter> = OPT_IN
        .iter()
        .map(|&(class, rule)| {
            let settings = Settings {
                select: vec![Selector::All, Selector::Rule(rule)],
                ..Settings::default()
            };
            (class, Linter::new(settings).expect("linter"))
        })
        .collect();
    let errors = lines("errors.txt");
    let correct = lines("correct.txt");
    assert!(errors.len() >= 90 && correct.len() >= 60);
    let mut classes = Classes::new();
    let (mut right, mut all) = (0, 0);
    let mut missed = Vec::new();
    let mut wrong = Vec::new();
    let mut besides = Vec::new();
    for (class, line) in errors.iter().chain(&correct) {
        let (text, mark) = unmark(line);
        let source = Source::new("t.txt", text.as_str(), SourceKind::PlainText);
        let findings = opt_in.get(class.as_str()).unwrap_or(&linter).check(&source);
        let entry = classes.entry(class.clone()).or_default();
        for d in &findings {
            if mark.is_some_and(|m| m.overlaps(d.span)) {
                right += 1;
                all += 1;
            } else if mark.is_some() {
                // Another artefact of the same line (English quotes around
                // the quotation before the capital): neither right nor wrong.
                besides.push(format!("{}: {line}", d.rule));
            } else {
                all += 1;
                entry.2 += 1;
                wrong.push(format!("{}: {line}", d.rule));
            }
        }
        if let Some(m) = mark {
            entry.1 += 1;
            if findings.iter().any(|d| m.overlaps(d.span)) {
                entry.0 += 1;
            } else {
                missed.push(format!("{class}: {line}"));
            }
        }
    }
    let found: usize = classes.values().map(|c| c.0).sum();
    let recall = found as f64 / errors.len() as f64;
    let precision = right as f64 / all.max(1) as f64;
    println!(
        "artefacts found: {found}/{} (recall {:.1} %)",
        errors.len(),
        recall * 100.0
    );
    println!(
        "findings right: {right}/{all} (precision {:.1} %)",
        precision * 100.0
    );
    for (class, (f, n, w)) in &classes {
        println!("  class {class}: {f}/{n} found, {w} wrong");
    }
    for m in &missed {
        println!("missed: {m}");
    }
    for w in &wrong {
        println!("wrong: {w}");
    }
    for b in &besides {
        println!("besides the mark: {b}");
    }
    for (class, floor) in CLASS_RECALL {
        let (f, n, _) = classes[*class];
        let recall = f as f64 / n as f64;
        assert!(recall >= *floor, "{class}: recall {recall:.3} < {floor}");
    }
    assert!(wrong.is_empty(), "{} wrong findings", wrong.len());
}
