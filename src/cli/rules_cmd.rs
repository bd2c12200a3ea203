//! `coquille rules` and `coquille rule ID`.

use super::{EXIT_CLEAN, EXIT_ERROR, error};
use crate::output::reference::{default_state, example_options, fix_kind, message, visible};
use crate::rules::{ExampleKind, Registry};
use serde::Serialize;

#[derive(Serialize)]
struct RuleRow<'a> {
    id: &'a str,
    category: &'a str,
    severity: &'a str,
    default: bool,
    profiles: Vec<&'a str>,
    fix: &'a str,
    message: &'a str,
}

/// Lists every rule: a table, JSON, or the Markdown reference of
/// `docs/rules.md`.
pub(super) fn list(json: bool, markdown: bool) -> u8 {
    let registry = Registry::global();
    if markdown {
        print!("{}", crate::output::reference::rules_markdown(registry));
        return EXIT_CLEAN;
    }
    if json {
        let rows: Vec<RuleRow> = registry
            .rules()
            .map(|r| {
                let m = r.meta();
                RuleRow {
                    id: m.id,
                    category: m.category.as_str(),
                    severity: m.severity.as_str(),
                    default: m.default_enabled,
                    profiles: m.profiles.iter().map(|p| p.as_str()).collect(),
                    fix: fix_kind(m),
                    message: m.message,
                }
            })
            .collect();
        match serde_json::to_string_pretty(&rows) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                error(format!("cannot print the rules: {e}"));
                return EXIT_ERROR;
            }
        }
        return EXIT_CLEAN;
    }
    let width = registry
        .rules()
        .map(|r| r.meta().id.len())
        .max()
        .unwrap_or(10);
    println!(
        "{:<width$}  {:<14}  {:<15}  {:<12}  MESSAGE",
        "RULE", "CATEGORY", "DEFAULT", "FIX"
    );
    for rule in registry.rules() {
        let m = rule.meta();
        println!(
            "{:<width$}  {:<14}  {:<15}  {:<12}  {}",
            m.id,
            m.category.as_str(),
            default_state(m),
            fix_kind(m),
            message(m)
        );
    }
    println!(
        "\n{} rules. DEFAULT: on in every profile (yes), in the profiles named, or only when selected (no).",
        registry.len()
    );
    EXIT_CLEAN
}

/// Prints one rule's explanation and examples.
pub(super) fn explain(id: &str) -> u8 {
    let registry = Registry::global();
    let Some(rule) = registry.get(id) else {
        let close: Vec<&str> = registry
            .rules()
            .map(|r| r.meta().id)
            .filter(|r| r.starts_with(id) || r.split('/').nth(1).is_some_and(|n| id.ends_with(n)))
            .collect();
        if close.is_empty() {
            error(format!("unknown rule `{id}` (see `coquille rules`)"));
        } else {
            error(format!(
                "unknown rule `{id}`; did you mean {}?",
                close.join(", ")
            ));
        }
        return EXIT_ERROR;
    };
    let m = rule.meta();
    println!("{} — {}", m.id, message(m));
    println!(
        "category: {}   severity: {}   on by default: {}   fix: {}",
        m.category.as_str(),
        m.severity.as_str(),
        default_state(m),
        fix_kind(m)
    );
    println!();
    println!("{}", m.explanation);
    println!();
    println!("Examples ({{NBSP}} = U+00A0, {{NNBSP}} = U+202F, ⟦…⟧ = what is reported):");
    for example in m.examples() {
        let profile: String = example_options(example.profile, example.apostrophe)
            .iter()
            .map(|option| format!("   [{option}]"))
            .collect();
        match &example.kind {
            ExampleKind::Bad { fixed, .. } => {
                println!("  bad:   {}{profile}", visible(&example.display));
                if let Some(f) = fixed {
                    println!("  fixed: {}", visible(f));
                }
            }
            ExampleKind::Good { .. } => println!("  good:  {}{profile}", visible(&example.display)),
        }
    }
    EXIT_CLEAN
}
