//! Runs the examples of every rule: each `bad` example gives exactly its
//! marked spans, its fixes give the `fixed` text (which is then clean for the
//! rule), its suggestions (display-only fixes) give the `suggest` text, and
//! each `good` example gives nothing.
//!
//! The applicability contract is held here too: no fix a rule emits is
//! stronger than the rule's declared `fix`; a `safe` rule reaches its
//! `fixed` text with safe fixes only, an `unsafe` one does not.

use coquille::fix::apply_fixes;
use coquille::rules::ExampleKind;
use coquille::{
    Applicability, Diagnostic, Linter, Registry, Selector, Settings, Source, SourceKind, Span,
};

/// The text after applying every fix of `linter`, display-only ones
/// included, until nothing changes: what the findings tell a reader to
/// write.
fn suggested(linter: &Linter, text: &str, kind: SourceKind) -> String {
    let mut current = text.to_string();
    for _ in 0..8 {
        let source = Source::new("example.txt", current.clone(), kind);
        let promoted: Vec<Diagnostic> = linter
            .check(&source)
            .into_iter()
            .map(|mut d| {
                if let Some(f) = &mut d.fix {
                    f.applicability = Applicability::Safe;
                }
                d
            })
            .collect();
        let applied = apply_fixes(&current, &promoted, Applicability::Safe);
        if applied.text == current {
            break;
        }
        current = applied.text;
    }
    current
}

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
        // Whether an example shows the rule reaching its fixed text with
        // safe fixes only (a `safe` rule must have one).
        let mut safe_shown = false;
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
                ExampleKind::Bad {
                    text,
                    spans,
                    fixed,
                    suggest,
                } => {
                    if !on {
                        failures.push(fail(
                            "bad example under a profile where the rule is off".into(),
                        ));
                        continue;
                    }
                    let source = Source::new("example.txt", text.clone(), example.source_kind());
                    let findings = linter.check(&source);
                    let found: Vec<Span> = findings.iter().map(|d| d.span).collect();
                    // No fix is stronger than the rule declares.
                    for d in &findings {
                        if let Some(f) = &d.fix
                            && meta.fix.is_none_or(|declared| f.applicability > declared)
                        {
                            failures.push(fail(format!(
                                "emits a {} fix but declares fix = {}",
                                f.applicability.as_str(),
                                meta.fix.map_or("none", Applicability::as_str)
                            )));
                        }
                    }
                    // Suggestions are asserted like fixes.
                    let displays = findings.iter().any(|d| {
                        d.fix
                            .as_ref()
                            .is_some_and(|f| f.applicability == Applicability::DisplayOnly)
                    });
                    match suggest {
                        Some(expected) => {
                            let got = suggested(&linter, text, example.source_kind());
                            if got != *expected {
                                failures.push(fail(format!(
                                    "suggested text\n    expected {}\n    found    {}",
                                    expected.escape_debug(),
                                    got.escape_debug()
                                )));
                            }
                            if !displays {
                                failures.push(fail(
                                    "has a `suggest` text but no display-only fix".into(),
                                ));
                            }
                        }
                        None if displays => failures.push(fail(format!(
                            "has a display-only fix but no `suggest` text (it suggests {})",
                            suggested(&linter, text, example.source_kind()).escape_debug()
                        ))),
                        None => {}
                    }
                    // The fixed text needs exactly the fixes the example
                    // emits: safe ones alone reach it when all are safe
                    // (always, for a safe rule that shows it), never when
                    // one is weaker (always, for an unsafe rule).
                    if let Some(expected) = fixed {
                        let all_safe = findings.iter().all(|d| {
                            d.fix
                                .as_ref()
                                .is_none_or(|f| f.applicability == Applicability::Safe)
                        });
                        if all_safe {
                            safe_shown = true;
                        }
                        let safe_only = linter.fix(&source, Applicability::Safe).text;
                        if all_safe && safe_only != *expected {
                            failures.push(fail(format!(
                                "its fixes are safe but do not reach the fixed text: {}",
                                safe_only.escape_debug()
                            )));
                        }
                        if !all_safe && safe_only == *expected {
                            failures.push(fail(
                                "safe fixes alone reach the fixed text, yet it emits weaker ones"
                                    .into(),
                            ));
                        }
                    }
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
                    let source = Source::new("example.txt", text.clone(), example.source_kind());
                    let found: Vec<Span> = linter.check(&source).iter().map(|d| d.span).collect();
                    if !found.is_empty() {
                        failures.push(fail(format!("good text flagged: {}", show(text, &found))));
                    }
                }
            }
        }
        if meta.fix == Some(Applicability::Safe) && !safe_shown {
            failures.push(format!(
                "{}: declares a safe fix but no example reaches its fixed text with safe fixes only",
                meta.id
            ));
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
