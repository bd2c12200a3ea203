//! The messages, severities and fixes users see, for a few rules of each
//! category, held by a snapshot (`tests/snapshots/messages__*.snap`): a
//! change of wording or severity shows up in review. Each rule is run on the
//! first `bad` example of its rule file.

use coquille::rules::ExampleKind;
use coquille::{Linter, Registry, Source};
use std::fmt::Write as _;

/// Two or three rules of every category.
const RULES: &[&str] = &[
    "quotes/english-quotes",
    "quotes/nesting",
    "quotes/unclosed",
    "spacing/missing-space-before",
    "spacing/breakable-space",
    "spacing/repeated-spaces",
    "apostrophe/style",
    "elision/missing",
    "elision/contraction",
    "agreement/determiner-noun",
    "untranslated/english-word",
    "untranslated/english-versus",
    "capitalization/a-grave",
    "capitalization/nationality-adjective",
    "hyphenation/compound-name",
    "hyphenation/est-ce-que",
    "punctuation/three-dots",
    "punctuation/doubled-comma",
    "numbers/twelve-hour-time",
    "numbers/currency-before",
    "numbers/ordinal",
    "unicode/mojibake",
    "unicode/zero-width",
    "calque/faire-du-sens",
    "calque/a-l-effet-que",
    "calque/pris-place",
    "suppression/unused",
    "translation/number",
];

#[test]
fn messages_and_severities_of_a_few_rules_per_category() {
    let registry = Registry::global();
    let mut out = String::new();
    for id in RULES {
        let rule = registry.get(id).unwrap_or_else(|| panic!("no rule {id}"));
        let meta = rule.meta();
        let example = meta
            .examples()
            .iter()
            .find(|e| matches!(e.kind, ExampleKind::Bad { .. }))
            .unwrap_or_else(|| panic!("{id} has no bad example"));
        let linter = Linter::new(example.settings(meta.id)).expect("rules compile");
        let text = example.text();
        let source = Source::new("example.txt", text, example.source_kind());
        let found = linter.check(&source);
        assert!(!found.is_empty(), "{id} finds nothing in its bad example");
        let _ = writeln!(out, "{id} [{}] on {:?}", meta.severity.as_str(), text);
        for d in found {
            let fix = d.fix.as_ref().map_or_else(
                || "no fix".to_string(),
                |f| {
                    let edits: Vec<String> = f
                        .edits
                        .iter()
                        .map(|e| format!("{:?} -> {:?}", &text[e.span.range()], e.replacement))
                        .collect();
                    format!("{} fix: {}", f.applicability.as_str(), edits.join(", "))
                },
            );
            let _ = writeln!(
                out,
                "  {} {:?}: {}\n    {fix}",
                d.severity.as_str(),
                &text[d.span.range()],
                d.message
            );
        }
    }
    insta::assert_snapshot!("messages", out);
}
