//! Fixing that re-checks only the paragraphs the fixes changed
//! (`coquille::recheck`) must give exactly what `fix`, the whole-text loop,
//! gives (final text, fixes, passes,
//! convergence, cycle and the remaining findings with their spans,
//! messages, severities and fixes), on the bench corpus, the project's
//! texts read as every format, and the fuzz oracle's generated inputs.

#[path = "../benches/common/mod.rs"]
mod common;
mod oracle;

use coquille::recheck::{Recheck, counts, fix_rechecking_paragraphs};
use coquille::{Source, SourceKind};
use oracle::generate::{Format, Rng, document};
use std::path::Path;

/// Asserts that both loops agree on `source` with every configuration.
fn agree(configs: &[oracle::Config], source: &Source) {
    for config in configs {
        let fast = fix_rechecking_paragraphs(&config.linter, source, config.threshold);
        let whole = config.linter.fix(source, config.threshold);
        let what = format!("{} ({:?}, {})", source.name, source.kind, config.name);
        assert_eq!(fast.text, whole.text, "text of {what}");
        assert_eq!(fast.fixes_applied, whole.fixes_applied, "fixes of {what}");
        assert_eq!(fast.passes, whole.passes, "passes of {what}");
        assert_eq!(fast.converged, whole.converged, "convergence of {what}");
        assert_eq!(fast.cycle, whole.cycle, "cycle of {what}");
        assert_eq!(
            fast.remaining.len(),
            whole.remaining.len(),
            "count of {what}"
        );
        for (f, w) in fast.remaining.iter().zip(&whole.remaining) {
            assert_eq!(f, w, "finding of {what}");
        }
    }
}

/// The project's texts, whole.
fn texts() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = ["tests/corpus/clean", "tests/corpus/recall", "examples"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("text folder"))
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let name = f.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read_to_string(f).expect("UTF-8 text"))
        })
        .collect()
}

#[test]
fn the_bench_corpus_is_fixed_as_by_whole_checks() {
    let configs = oracle::configs();
    let before = counts();
    for doc in common::corpus(&common::paragraphs(), 400_000) {
        agree(&configs, &doc);
    }
    let after = counts();
    let by_paragraphs = |c: &[(Recheck, usize)]| c[0].1;
    // The shortcut is taken: this test compares it, not the whole loop
    // with itself.
    assert!(by_paragraphs(&after) > by_paragraphs(&before), "{after:?}");
}

#[test]
fn the_project_texts_are_fixed_as_by_whole_checks_in_every_format() {
    let configs = oracle::configs();
    for (name, text) in texts() {
        let kind = SourceKind::from_path(Path::new(&name));
        agree(&configs, &Source::new(name.clone(), text.clone(), kind));
        if kind != SourceKind::PlainText {
            agree(&configs, &Source::new(name, text, SourceKind::PlainText));
        }
    }
}

#[test]
fn generated_inputs_are_fixed_as_by_whole_checks() {
    let configs = oracle::configs();
    for seed in 1..=40 {
        for format in Format::ALL {
            let text = document(&mut Rng::new(seed), format);
            if let Some(source) = oracle::source(&text, format) {
                agree(&configs, &source);
            }
            // Each generated text read as plain text too, and two joined
            // as paragraphs of one text.
            let other = document(&mut Rng::new(seed + 1000), format);
            let joined = format!("{text}\n\n{other}\n");
            agree(
                &configs,
                &Source::new("plain", text.clone(), SourceKind::PlainText),
            );
            agree(
                &configs,
                &Source::new("joined", joined, SourceKind::PlainText),
            );
        }
    }
}
