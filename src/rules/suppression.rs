//! `suppression/unused`: its findings come from the linter, which applies
//! the suppression comments of a document after every rule has run (see
//! [`crate::suppress`]); the rule itself only carries the metadata and is
//! selected like any other.

use super::{CodeRuleDef, RuleMeta, when};
use crate::diagnostic::Diagnostic;
use crate::document::Document;

pub(super) const RULES: &[CodeRuleDef] = &[when(
    crate::suppress::UNUSED_RULE,
    reported_by_linter,
    "coquille-",
)];

/// Nothing to do here: whether a suppression was used is known only once
/// every other rule has run.
fn reported_by_linter(_meta: &RuleMeta, _doc: &Document, _out: &mut Vec<Diagnostic>) {}
