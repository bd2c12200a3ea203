//! Findings and their fixes.

use crate::span::Span;

pub use crate::vocab::{Applicability, Category, Severity};

/// Replace the bytes of `span` with `replacement` (an empty span inserts).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    /// The bytes replaced.
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

impl Edit {
    /// Replaces `span` with `replacement`.
    pub fn replace(span: Span, replacement: impl Into<String>) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    /// Inserts `text` at byte `at`.
    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit::replace(Span::empty(at), text)
    }

    /// Deletes `span`.
    pub fn delete(span: Span) -> Edit {
        Edit::replace(span, "")
    }
}

/// A set of edits applied together, or not at all.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    /// Sorted, non-overlapping edits.
    pub edits: Vec<Edit>,
    /// How far the fix can be trusted.
    pub applicability: Applicability,
}

impl Fix {
    /// A fix of several edits (sorted here).
    pub fn new(mut edits: Vec<Edit>, applicability: Applicability) -> Fix {
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        Fix {
            edits,
            applicability,
        }
    }

    /// A safe fix of one edit.
    pub fn safe(edit: Edit) -> Fix {
        Fix::new(vec![edit], Applicability::Safe)
    }

    /// An unsafe fix of one edit.
    pub fn unsafe_(edit: Edit) -> Fix {
        Fix::new(vec![edit], Applicability::Unsafe)
    }

    /// A suggestion that is shown but never applied.
    pub fn display_only(edit: Edit) -> Fix {
        Fix::new(vec![edit], Applicability::DisplayOnly)
    }

    /// The smallest span covering every edit.
    pub fn span(&self) -> Span {
        self.edits
            .iter()
            .map(|e| e.span)
            .reduce(|a, b| a.cover(b))
            .unwrap_or_default()
    }
}

/// One finding of one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule id, `category/kebab-name`.
    pub rule: &'static str,
    /// The rule's category.
    pub category: Category,
    /// How serious it is.
    pub severity: Severity,
    /// The bytes the finding is about.
    pub span: Span,
    /// What is wrong, in one line.
    pub message: String,
    /// How to mend it, if known.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// Whether the fix is applied at `threshold` (safe, or safe + unsafe).
    pub fn is_fixable(&self, threshold: Applicability) -> bool {
        self.fix.as_ref().is_some_and(|f| {
            f.applicability >= threshold && f.applicability > Applicability::DisplayOnly
        })
    }
}
