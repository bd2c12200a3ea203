//! Applying edits to a text, written here independently of the library so
//! that tests can check the text its fixer produces.

use coquille::Edit;

/// Applies sorted, disjoint `edits` to `text`.
pub fn splice(text: &str, edits: &[Edit]) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for e in edits {
        out.push_str(&text[pos..e.span.start]);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out + &text[pos..]
}
