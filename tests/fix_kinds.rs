//! The fix kind a rule declares in its rule file bounds what it emits: for
//! every Rust rule, on each of its examples, no fix is stronger than the
//! declared kind, and a rule that declares no fix emits none.

use coquille::{Linter, Registry, Source};

#[test]
fn rust_rules_emit_no_fix_stronger_than_they_declare() {
    let registry = Registry::global();
    let mut rust_rules = 0;
    let mut fixes_seen = 0;
    for rule in registry.rules() {
        if rule.as_declarative().is_some() {
            continue;
        }
        rust_rules += 1;
        let meta = rule.meta();
        for example in meta.examples() {
            let linter = Linter::new(example.settings(meta.id)).expect("linter");
            let source = Source::new("example.txt", example.text(), example.source_kind());
            for finding in linter.check(&source) {
                let Some(fix) = &finding.fix else {
                    continue;
                };
                fixes_seen += 1;
                match meta.fix {
                    None => panic!(
                        "{} declares no fix but emits a {} fix on {:?}",
                        meta.id,
                        fix.applicability.as_str(),
                        example.display
                    ),
                    Some(declared) => assert!(
                        fix.applicability <= declared,
                        "{} declares {} fixes but emits a {} fix on {:?}",
                        meta.id,
                        declared.as_str(),
                        fix.applicability.as_str(),
                        example.display
                    ),
                }
            }
        }
    }
    assert!(rust_rules > 10, "only {rust_rules} Rust rules");
    assert!(fixes_seen > 50, "only {fixes_seen} fixes emitted");
}
