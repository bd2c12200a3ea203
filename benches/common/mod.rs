//! The corpus the benchmarks read: French prose made from the project's own
//! texts (the clean corpus and the examples, so both clean text and
//! machine-translation artefacts), deterministic.

use coquille::{Source, SourceKind};
use std::path::Path;

/// The project's texts, split into paragraphs.
pub fn paragraphs() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = ["tests/corpus/clean", "examples"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("text folder"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).expect("UTF-8 text");
            text.split("\n\n").map(str::to_string).collect::<Vec<_>>()
        })
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// Documents of 2 to 40 KB made of `paragraphs` in a shuffled but fixed
/// order, until `bytes` is reached. The sequence does not depend on
/// `bytes`: a smaller corpus is a prefix of a larger one.
pub fn corpus(paragraphs: &[String], bytes: usize) -> Vec<Source> {
    let mut docs = Vec::new();
    let mut total = 0;
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        // xorshift: deterministic, no dependency.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    while total < bytes {
        let target = 2048 + (next() % (38 * 1024)) as usize;
        let mut text = String::with_capacity(target + 1024);
        while text.len() < target {
            let p = &paragraphs[(next() % paragraphs.len() as u64) as usize];
            text.push_str(p);
            text.push_str("\n\n");
        }
        total += text.len();
        docs.push(Source::new(
            format!("doc{}.txt", docs.len()),
            text,
            SourceKind::PlainText,
        ));
    }
    docs
}

/// The corpus size in MB: `COQUILLE_BENCH_MB` when set (a positive
/// number), else `with_bench` under `cargo bench` (`--bench`) and
/// `without` otherwise (`cargo test --benches`: a quick check that the
/// bench works).
// Not every bench or test that includes this module asks for a size.
#[allow(dead_code)]
pub fn megabytes(bench: bool, with_bench: f64, without: f64) -> f64 {
    match std::env::var("COQUILLE_BENCH_MB") {
        Ok(v) => v
            .parse()
            .ok()
            .filter(|&mb: &f64| mb > 0.0)
            .unwrap_or_else(|| panic!("COQUILLE_BENCH_MB={v}: a positive number of MB")),
        Err(_) if bench => with_bench,
        Err(_) => without,
    }
}
