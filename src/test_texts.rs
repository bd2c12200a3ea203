//! Texts that tests compare two ways of searching on (test builds only).

use crate::rules::Registry;

/// The project's example texts, every file of its test corpus and every
/// rule example (marks removed).
pub fn project_texts() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = Vec::new();
    for dir in ["examples", "tests/corpus"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                texts.push(text);
            }
        }
    }
    for rule in Registry::global().rules() {
        for example in rule.meta().examples() {
            texts.push(example.text().to_string());
        }
    }
    texts
}
