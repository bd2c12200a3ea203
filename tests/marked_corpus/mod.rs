//! The marked corpus files of the recall and agreement tests
//! (`tests/corpus/*/errors.txt`…): one sentence a line, comments with `#`,
//! a class named by a one-word comment, the finding marked `⟦…⟧`.

use coquille::Span;
use std::path::Path;

/// The lines of `tests/corpus/{folder}/{name}` that are not comments, each
/// with its class (the last comment line of one word before it).
pub fn lines(folder: &str, name: &str) -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(folder)
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
pub fn unmark(line: &str) -> (String, Option<Span>) {
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
