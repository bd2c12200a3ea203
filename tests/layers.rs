//! The layers of the crate import only from below (see
//! `docs/architecture.md`): the analysis knows nothing of rules, dispatch,
//! the linter, output or the command line; the rules know nothing of the
//! dispatcher, the linter or the command line; the dispatcher nothing of
//! the linter or the command line.

use std::path::{Path, PathBuf};

/// The Rust files at `path` (a file, or every file below a folder).
fn rust_files(path: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(path)
        .into_iter()
        .map(|entry| entry.expect("source entry").into_path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "rs"))
        .collect()
}

/// Asserts that no file of `layer` names a module of `above`.
fn assert_below(layer: &[&str], above: &[&str]) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut read = 0;
    for part in layer {
        for file in rust_files(&src.join(part)) {
            let text = std::fs::read_to_string(&file).expect("source file");
            read += 1;
            // Comments may name other layers; code may not.
            let code: Vec<&str> = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect();
            for module in above {
                let path = format!("crate::{module}");
                assert!(
                    !code.iter().any(|l| l.contains(&path)),
                    "{} uses `{path}`, a layer above it",
                    file.display()
                );
            }
        }
    }
    assert!(read >= layer.len(), "only {read} files read");
}

#[test]
fn the_analysis_imports_nothing_from_the_layers_above() {
    assert_below(
        &[
            "vocab.rs",
            "byte_scan.rs",
            "span.rs",
            "source.rs",
            "diagnostic.rs",
            "settings.rs",
            "suppress.rs",
            "wordlist.rs",
            "prose",
            "tokenize.rs",
            "token_kinds.rs",
            "document.rs",
            "nobreak.rs",
            "quotes.rs",
            "grammar.rs",
            "clause.rs",
            "english",
            "lexicon",
        ],
        &[
            "rules", "dispatch", "linter", "fix", "output", "cli", "config",
        ],
    );
}

#[test]
fn rules_and_dispatch_import_nothing_from_the_linter_or_the_command_line() {
    assert_below(
        &["rules"],
        &["dispatch", "linter", "output", "cli", "config"],
    );
    assert_below(&["dispatch"], &["output", "cli", "config"]);
}
