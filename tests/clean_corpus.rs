//! Well-edited French must give zero findings: the clean corpus (several
//! pages of correct prose in varied registers, written for the project, with
//! many constructs a careless rule would flag) and the correct example.

use coquille::{Linter, Profile, Settings, Source, SourceKind};
use std::path::{Path, PathBuf};

fn clean_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("tests/corpus/clean"))
        .expect("corpus folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    files.sort();
    files.push(root.join("examples/texte-correct.txt"));
    files
}

fn findings_in(profile: Profile) -> (Vec<String>, usize) {
    let linter = Linter::new(Settings {
        profile,
        ..Settings::default()
    })
    .expect("rules compile");
    let mut found = Vec::new();
    let mut words = 0;
    for path in clean_files() {
        let text = std::fs::read_to_string(&path).expect("UTF-8 corpus file");
        words += text.split_whitespace().count();
        let source = Source::new(
            path.display().to_string(),
            text,
            SourceKind::from_path(&path),
        );
        for d in linter.check(&source) {
            found.push(format!(
                "{}:{}: {} {}",
                source.name,
                d.span.start,
                d.rule,
                &source.text[d.span.range()]
            ));
        }
    }
    (found, words)
}

#[test]
fn clean_corpus_gives_zero_findings_in_the_default_profile() {
    let (found, words) = findings_in(Profile::Standard);
    assert!(
        words > 6000,
        "the clean corpus is too small to mean anything ({words} words)"
    );
    assert!(
        found.is_empty(),
        "{} findings on clean text:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn clean_corpus_is_clean_in_every_profile() {
    // The corpus uses U+202F before ; ! ? and U+00A0 before : and inside
    // « », so even the strict profile has nothing to say.
    for profile in [Profile::Lenient, Profile::Strict] {
        let (found, _) = findings_in(profile);
        assert!(
            found.is_empty(),
            "{}: {}",
            profile.as_str(),
            found.join("\n")
        );
    }
}

#[test]
fn the_examples_show_every_rule_family() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let linter = Linter::new(Settings::default()).expect("rules compile");
    let mut categories = std::collections::BTreeSet::new();
    for name in ["depeche-traduite.txt", "annonce-produit.md"] {
        let text = std::fs::read_to_string(root.join("examples").join(name)).expect("example");
        let source = Source::new(name, text, SourceKind::PlainText);
        categories.extend(linter.check(&source).iter().map(|d| d.category.as_str()));
    }
    for family in [
        "quotes",
        "spacing",
        "punctuation",
        "numbers",
        "apostrophe",
        "unicode",
        "capitalization",
        "hyphenation",
        "untranslated",
        "calque",
        "elision",
        "agreement",
    ] {
        assert!(
            categories.contains(family),
            "no {family} finding in examples/"
        );
    }
}
