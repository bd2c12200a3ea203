//! Recall and precision of the elision and agreement rules on the project's
//! test texts (`tests/corpus/agreement/`): `errors.txt` holds one marked
//! error per line (`⟦…⟧`), `correct.txt` correct look-alikes. Each line is
//! checked as a document of its own; a finding counts as right when it
//! overlaps the marked error. A comment line of one word (`# attribute`)
//! names the class of the lines after it. The figures, overall and per
//! class, are printed (`cargo test --test agreement_corpus -- --nocapture`)
//! and held to the figures `docs/grammar.md` states, class by class.

mod marked_corpus;

use coquille::{Linter, Selector, Settings, Source, SourceKind};
use marked_corpus::unmark;
use std::collections::BTreeMap;
use std::path::Path;

const RULES: &[&str] = &[
    "elision/missing",
    "elision/wrong",
    "elision/contraction",
    "elision/euphony",
    "agreement/determiner-noun",
    "agreement/adjective-noun",
    "agreement/adjective-before-noun",
    "agreement/attribute",
    "agreement/subject-verb",
    "agreement/participle-avoir",
    "agreement/numeral-noun",
    "agreement/tout",
    // Before English (`La update`), the untranslated word is the finding.
    "untranslated/english-word",
];

/// The least recall each class of `errors.txt` must keep.
const CLASS_RECALL: &[(&str, f64)] = &[
    ("attribute", 0.9),
    ("participle", 0.9),
    ("subject-verb", 0.85),
    ("numeral", 0.85),
    ("tout", 0.9),
    ("adjective-before", 0.8),
    ("adjective", 0.85),
    ("participle-avoir", 0.7),
];

/// Per rule: (right findings, all findings).
type Tally = BTreeMap<&'static str, (usize, usize)>;

#[test]
fn recall_and_precision_on_the_test_texts() {
    let linter = Linter::new(Settings {
        select: RULES.iter().map(|r| Selector::Rule(r)).collect(),
        ..Settings::default()
    })
    .expect("linter");
    let errors = marked_corpus::lines("agreement", "errors.txt");
    let correct = marked_corpus::lines("agreement", "correct.txt");
    assert!(errors.len() >= 50 && correct.len() >= 50);
    let mut tally: Tally = RULES.iter().map(|r| (*r, (0, 0))).collect();
    // Per class of the error file: (errors found, errors); per class of
    // either file: wrong findings.
    let mut classes: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut found = 0;
    let mut missed = Vec::new();
    let mut wrong = Vec::new();
    for (class, line) in errors.iter().chain(&correct) {
        let (text, mark) = unmark(line);
        let source = Source::new("t.txt", text.as_str(), SourceKind::PlainText);
        let findings = linter.check(&source);
        let class = classes.entry(class.clone()).or_default();
        for d in &findings {
            let right = mark.is_some_and(|m| m.overlaps(d.span));
            let entry = tally.get_mut(d.rule).expect("a selected rule");
            entry.0 += usize::from(right);
            entry.1 += 1;
            if !right {
                class.2 += 1;
                wrong.push(format!("{}: {line}", d.rule));
            }
        }
        if let Some(m) = mark {
            class.1 += 1;
            if findings.iter().any(|d| m.overlaps(d.span)) {
                class.0 += 1;
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
    for (class, (f, n, w)) in &classes {
        println!("  class {class}: {f}/{n} found, {w} wrong");
    }
    for m in &missed {
        println!("missed: {m}");
    }
    for w in &wrong {
        println!("wrong: {w}");
    }
    // The classes of issue 13, each held above its own floor.
    for (class, floor) in CLASS_RECALL {
        let (f, n, _) = classes[*class];
        let recall = f as f64 / n as f64;
        assert!(recall >= *floor, "{class}: recall {recall:.3}");
    }
    assert!(recall >= 0.80, "recall {recall:.3}");
    assert!(precision >= 0.95, "precision {precision:.3}");
    // The figures docs/grammar.md states (196 of 201 errors found, every
    // finding right): one more error missed or one wrong finding fails.
    const MAX_MISSED: usize = 5;
    assert!(
        missed.len() <= MAX_MISSED,
        "{} errors missed (recall {recall:.3}), docs/grammar.md states at most {MAX_MISSED}",
        missed.len()
    );
    assert!(
        wrong.is_empty(),
        "{} wrong findings (precision {precision:.3}), docs/grammar.md states none",
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

/// The sentences of UD French-Sequoia's test part (checked in for the
/// tagger, `rules/tagger/sequoia/`, LGPL-LR): well-edited French, so every
/// agreement or elision finding in the default profile is suspect. Three
/// are allowed, all true errors of the source text: `les positions
/// française`, `les hasards du
/// calendrier du Comité … a fait` and `dans le matches de son équipe`.
#[test]
fn treebank_sentences_give_almost_no_finding() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("rules/tagger/sequoia/fr_sequoia-ud-test.conllu");
    let conllu = std::fs::read_to_string(path).expect("Sequoia test part");
    let sentences: Vec<&str> = conllu
        .lines()
        .filter_map(|l| l.strip_prefix("# text = "))
        .collect();
    assert!(sentences.len() > 400, "{} sentences", sentences.len());
    let linter = Linter::new(Settings::default()).expect("linter");
    let mut found = Vec::new();
    for sentence in &sentences {
        let source = Source::new("t.txt", *sentence, SourceKind::PlainText);
        for d in linter.check(&source) {
            if d.rule.starts_with("agreement/") || d.rule.starts_with("elision/") {
                found.push(format!("{}: {sentence}", d.rule));
            }
        }
    }
    println!("{} findings on {} sentences", found.len(), sentences.len());
    for f in &found {
        println!("  {f}");
    }
    assert!(found.len() <= 3, "{found:#?}");
}
