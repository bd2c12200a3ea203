//! Findings and their fixes.

use crate::span::Span;
use std::fmt;

/// The family a rule belongs to; the first half of its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Quotation marks: pairing, English quotes, straight quotes.
    Quotes,
    /// Spaces around punctuation, repeated spaces.
    Spacing,
    /// Apostrophe style.
    Apostrophe,
    /// Elision, contractions, euphony.
    Elision,
    /// Words and phrases left in English.
    Untranslated,
    /// Gender and number agreement.
    Agreement,
    /// Capital letters.
    Capitalization,
    /// Hyphens in compounds and inversions.
    Hyphenation,
    /// Ellipsis, dashes, doubled signs.
    Punctuation,
    /// Numbers, dates, units, ordinals.
    Numbers,
    /// Text hygiene: normalisation, invisible characters, mojibake.
    Unicode,
    /// Calques and false friends.
    Calque,
    /// coquille's own suppression comments.
    Suppression,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 13] = [
        Category::Quotes,
        Category::Spacing,
        Category::Apostrophe,
        Category::Elision,
        Category::Untranslated,
        Category::Agreement,
        Category::Capitalization,
        Category::Hyphenation,
        Category::Punctuation,
        Category::Numbers,
        Category::Unicode,
        Category::Calque,
        Category::Suppression,
    ];

    /// The lowercase name used in rule ids and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Quotes => "quotes",
            Category::Spacing => "spacing",
            Category::Apostrophe => "apostrophe",
            Category::Elision => "elision",
            Category::Untranslated => "untranslated",
            Category::Agreement => "agreement",
            Category::Capitalization => "capitalization",
            Category::Hyphenation => "hyphenation",
            Category::Punctuation => "punctuation",
            Category::Numbers => "numbers",
            Category::Unicode => "unicode",
            Category::Calque => "calque",
            Category::Suppression => "suppression",
        }
    }

    /// The category named `name`, if any.
    pub fn parse(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a finding is. Every severity counts for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; often a matter of house style.
    Info,
    /// A typographic or translation fault.
    Warning,
    /// Broken text (mojibake, control characters).
    Error,
}

impl Severity {
    /// The lowercase name used in output and rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The severity named `name`, if any.
    pub fn parse(name: &str) -> Option<Severity> {
        match name {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// How far a fix can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Shown as a suggestion, never applied.
    DisplayOnly,
    /// Applied only with `--unsafe-fixes`: probably right, not certain.
    Unsafe,
    /// Applied by `coquille fix`: the fix is unique and certain.
    Safe,
}

impl Applicability {
    /// The name used in output: `safe`, `unsafe`, `display-only`.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }

    /// Parses `safe`, `unsafe` or `display-only`.
    pub fn parse(name: &str) -> Option<Applicability> {
        match name {
            "safe" => Some(Applicability::Safe),
            "unsafe" => Some(Applicability::Unsafe),
            "display-only" => Some(Applicability::DisplayOnly),
            _ => None,
        }
    }
}

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
