//! `suppression/unused`: its findings come from [`crate::suppress::apply`],
//! which applies the suppression comments of a document after every rule
//! has run; the rule itself only carries the metadata and is selected like
//! any other.

use super::{CodeRuleDef, RuleMeta, when};
use crate::diagnostic::Diagnostic;
use crate::document::Document;

pub(super) const RULES: &[CodeRuleDef] = &[when(
    crate::suppress::UNUSED_RULE,
    reported_by_suppress,
    "coquille-",
)];

/// Nothing to do here: whether a suppression was used is known only once
/// every other rule has run.
fn reported_by_suppress(_meta: &RuleMeta, _doc: &Document, _out: &mut Vec<Diagnostic>) {}
