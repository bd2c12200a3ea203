//! Runs the examples of every rule: each `bad` example gives exactly its
//! marked spans, its fixes give the `fixed` text (which is then clean for the
//! rule), and each `good` example gives nothing.

use coquille::rules::ExampleKind;
use coquille::{Applicability, Linter, Registry, Selector, Settings, Source, SourceKind, Span};

fn show(text: &str, spans: &[Span]) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for s in spans {
        out.push_str(&text[pos..s.start]);
        out.push('⟦');
        out.push_str(&text[s.range()]);
        out.push('⟧');
        pos = s.end;
    }
    out.push_str(&text[pos..]);
    out.escape_debug().to_string()
}

#[test]
fn every_rule_example_holds() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in Registry::global().rules() {
        let meta = rule.meta();
        let bad = meta
            .examples()
            .iter()
            .filter(|e| matches!(e.kind, ExampleKind::Bad { .. }))
            .count();
        let good = meta.examples().len() - bad;
        if bad == 0 || good == 0 {
            failures.push(format!(
                "{}: needs at least one bad and one good example",
                meta.id
            ));
        }
        for example in meta.examples() {
            checked += 1;
            let base = Settings {
                profile: example.profile,
                apostrophe: example.apostrophe,
                ..Settings::default()
            };
            // Examples run the rule selected by id, so rules that are off by
            // default are tested too; a profile the rule does not run in
            // must leave it off.
            let on = meta.profiles.contains(&example.profile);
            let linter = Linter::new(Settings {
                select: vec![Selector::Rule(meta.id)],
                ..base.clone()
            })
            .expect("rules compile");
            let fail = |what: String| {
                format!(
                    "{} [{}]: {what}\n    example: {}",
                    meta.id,
                    example.profile.as_str(),
                    example.display
                )
            };
            match &example.kind {
                ExampleKind::Bad { text, spans, fixed } => {
                    if !on {
                        failures.push(fail(
                            "bad example under a profile where the rule is off".into(),
                        ));
                        continue;
                    }
                    let source = Source::new("example.txt", text.clone(), SourceKind::PlainText);
                    let found: Vec<Span> = linter.check(&source).iter().map(|d| d.span).collect();
                    if found != *spans {
                        failures.push(fail(format!(
                            "expected {}\n    found    {}",
                            show(text, spans),
                            show(text, &found)
                        )));
                    }
                    let outcome = linter.fix(&source, Applicability::Unsafe);
                    if !outcome.converged {
                        failures.push(fail("fixing does not converge".into()));
                    }
                    match fixed {
                        Some(expected) => {
                            if outcome.text != *expected {
                                failures.push(fail(format!(
                                    "fixed text\n    expected {}\n    found    {}",
                                    expected.escape_debug(),
                                    outcome.text.escape_debug()
                                )));
                            } else if !outcome.remaining.is_empty() {
                                failures.push(fail(format!(
                                    "the fixed text is still flagged: {}",
                                    show(
                                        &outcome.text,
                                        &outcome
                                            .remaining
                                            .iter()
                                            .map(|d| d.span)
                                            .collect::<Vec<_>>()
                                    )
                                )));
                            }
                        }
                        None => {
                            if outcome.text != *text {
                                failures.push(fail(format!(
                                    "has no `fixed` text but fixing changes it to {}",
                                    outcome.text.escape_debug()
                                )));
                            }
                        }
                    }
                }
                ExampleKind::Good { text } => {
                    if !on {
                        // The rule is off in this profile: it must not run.
                        let default = Linter::new(base.clone()).expect("rules compile");
                        if default.enabled_rules().contains(&meta.id) {
                            failures.push(fail("rule should be off in this profile".into()));
                        }
                        continue;
                    }
                    let source = Source::new("example.txt", text.clone(), SourceKind::PlainText);
                    let found: Vec<Span> = linter.check(&source).iter().map(|d| d.span).collect();
                    if !found.is_empty() {
                        failures.push(fail(format!("good text flagged: {}", show(text, &found))));
                    }
                }
            }
        }
    }
    assert!(checked > 0, "no examples found");
    assert!(
        failures.is_empty(),
        "{} example failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn declarative_and_rust_rules_share_one_registry() {
    let registry = Registry::global();
    let declarative = registry
        .rules()
        .filter(|r| r.as_declarative().is_some())
        .count();
    assert!(declarative > 0 && declarative < registry.len());
}
