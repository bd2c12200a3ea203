//! Applying fixes: sort, skip overlaps, apply; the linter repeats this until
//! the text is stable.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};

/// The result of one pass of fixing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The new text.
    pub text: String,
    /// How many fixes were applied.
    pub fixes: usize,
    /// The edits applied, sorted, in the coordinates of the input text.
    pub edits: Vec<Edit>,
}

/// Whether two sorted fixes cannot both be applied in one pass. Fixes are
/// all-or-nothing, so a fix is treated as covering everything from its first
/// to its last edit; two insertions at the same point conflict (their order
/// would be a guess).
fn conflicts(accepted_end: usize, accepted_last_is_insertion: bool, fix: &Fix) -> bool {
    let span = fix.span();
    let first_is_insertion = fix.edits.first().is_some_and(|e| e.span.is_empty());
    span.start < accepted_end
        || (span.start == accepted_end && accepted_last_is_insertion && first_is_insertion)
}

/// Applies, in one pass, every fix of `diagnostics` at or above `threshold`
/// (display-only fixes never apply) that does not overlap a fix applied
/// before it. Text outside the applied edits is copied unchanged.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], threshold: Applicability) -> Applied {
    let mut fixes: Vec<&Fix> = diagnostics
        .iter()
        .filter(|d| d.is_fixable(threshold))
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| !f.edits.is_empty() && f.edits.iter().all(|e| e.span.end <= text.len()))
        .collect();
    fixes.sort_by_key(|f| {
        let s = f.span();
        (s.start, s.end)
    });
    fixes.dedup();

    let mut edits: Vec<Edit> = Vec::new();
    let mut count = 0;
    let mut end = 0;
    let mut last_is_insertion = false;
    for fix in fixes {
        if !edits.is_empty() && conflicts(end, last_is_insertion, fix) {
            continue;
        }
        // Edits of one fix must not overlap each other either.
        let internally_sound = fix.edits.windows(2).all(|w| {
            w[0].span.end <= w[1].span.start && !(w[0].span.is_empty() && w[1].span == w[0].span)
        });
        let on_char_boundaries = fix
            .edits
            .iter()
            .all(|e| text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        if !internally_sound || !on_char_boundaries {
            continue;
        }
        let last = fix.edits.last().map(|e| e.span).unwrap_or_default();
        end = fix.span().end;
        last_is_insertion = last.is_empty() && last.end == end;
        edits.extend(fix.edits.iter().cloned());
        count += 1;
    }

    let mut out = String::with_capacity(text.len() + 16);
    let mut pos = 0;
    for edit in &edits {
        out.push_str(&text[pos..edit.span.start]);
        out.push_str(&edit.replacement);
        pos = edit.span.end;
    }
    out.push_str(&text[pos..]);
    Applied {
        text: out,
        fixes: count,
        edits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity};
    use crate::span::Span;

    fn diag(fix: Fix) -> Diagnostic {
        Diagnostic {
            rule: "spacing/test",
            category: Category::Spacing,
            severity: Severity::Warning,
            span: fix.span(),
            message: String::new(),
            fix: Some(fix),
        }
    }

    #[test]
    fn applies_sorted_non_overlapping_edits() {
        let text = "abc def";
        let d = vec![
            diag(Fix::safe(Edit::replace(Span::new(4, 7), "DEF"))),
            diag(Fix::safe(Edit::insert(0, ">"))),
        ];
        let applied = apply_fixes(text, &d, Applicability::Safe);
        assert_eq!(applied.text, ">abc DEF");
        assert_eq!(applied.fixes, 2);
    }

    #[test]
    fn skips_overlaps_and_unsafe() {
        let text = "abcdef";
        let d = vec![
            diag(Fix::safe(Edit::replace(Span::new(0, 3), "X"))),
            diag(Fix::safe(Edit::replace(Span::new(2, 4), "Y"))),
            diag(Fix::unsafe_(Edit::replace(Span::new(5, 6), "Z"))),
        ];
        assert_eq!(apply_fixes(text, &d, Applicability::Safe).text, "Xdef");
        assert_eq!(apply_fixes(text, &d, Applicability::Unsafe).text, "XdeZ");
    }

    #[test]
    fn two_insertions_at_one_point_conflict() {
        let d = vec![
            diag(Fix::safe(Edit::insert(1, "x"))),
            diag(Fix::safe(Edit::insert(1, "y"))),
        ];
        assert_eq!(apply_fixes("ab", &d, Applicability::Safe).fixes, 1);
    }

    #[test]
    fn display_only_never_applies() {
        let d = vec![diag(Fix::display_only(Edit::insert(0, "x")))];
        assert_eq!(apply_fixes("ab", &d, Applicability::Unsafe).text, "ab");
    }
}
