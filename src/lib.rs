//! coquille: a fast linter and fixer for French text.
//!
//! It finds what machine translation leaves behind in French (English quotes
//! and spacing, English number and date formats, capitals, missing hyphens…)
//! and French typography faults, reports each finding with its byte span in
//! the original file, and applies the fixes that are certain.
//!
//! ```
//! use coquille::{Applicability, Linter, Settings, Severity, Source, SourceKind};
//!
//! // Settings as a configuration file would give them: here, one rule's
//! // findings are errors.
//! let mut settings = Settings::default();
//! settings
//!     .severity_overrides
//!     .insert("spacing/missing-space-before", Severity::Error);
//! let linter = Linter::new(settings).expect("built-in rules compile");
//! let source = Source::new("note.txt", "Quelle est la prochaine étape?", SourceKind::PlainText);
//!
//! // Checking: findings with byte spans into the text, and their severity.
//! let findings = linter.check(&source);
//! assert_eq!(findings[0].rule, "spacing/missing-space-before");
//! assert_eq!(findings[0].severity, Severity::Error);
//! assert_eq!(&source.text[findings[0].span.range()], "?");
//!
//! // Fixing: the safe fixes, applied until the text settles, and what is
//! // left (nothing here).
//! let fixed = linter.fix(&source, Applicability::Safe);
//! assert_eq!(fixed.text, "Quelle est la prochaine étape\u{202F}?");
//! assert!(fixed.remaining.is_empty());
//! ```

pub mod byte_scan;
pub mod clause;
pub mod cli;
pub mod code_in_prose;
pub mod config;
pub mod diagnostic;
pub mod dispatch;
pub mod document;
pub mod english;
pub mod fix;
pub mod grammar;
pub mod inflect;
pub mod lean_regex;
pub mod lexicon;
pub mod linter;
pub mod lsp;
pub mod marked_names;
pub mod memo;
pub mod nobreak;
pub mod output;
pub mod pairing;
pub mod prose;
pub mod quotes;
pub mod recheck;
pub mod rules;
pub mod settings;
pub mod source;
pub mod span;
pub mod suppress;
pub mod tagger;
#[cfg(test)]
mod test_texts;
pub mod token_kinds;
pub mod tokenize;
pub mod unicode_names;
pub mod vocab;
pub(crate) mod wordlist;

pub use diagnostic::{Applicability, Category, Diagnostic, Edit, Fix, Severity};
pub use document::Document;
pub use linter::{FixOutcome, Linter};
pub use rules::{Registry, Rule, RuleMeta};
pub use settings::{ApostropheStyle, Profile, Selector, Settings};
pub use source::{InputError, LineIndex, Position, Source, SourceKind, code_point_offsets};
pub use span::Span;
