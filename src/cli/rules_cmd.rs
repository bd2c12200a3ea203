//! `coquille rules` and `coquille rule ID`.

use super::{EXIT_ERROR, error};
use crate::output::reference::{default_state, example_options, fix_kind, message, visible};
use crate::rules::{ExampleKind, Registry, RuleMeta};
use serde::Serialize;
use std::io::{self, Write};

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
    super::print_quietly(|out| write_list(json, markdown, out))
}

fn write_list(json: bool, markdown: bool, out: &mut dyn Write) -> io::Result<()> {
    let registry = Registry::global();
    if markdown {
        return write!(
            out,
            "{}",
            crate::output::reference::rules_markdown(registry)
        );
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
        let text = serde_json::to_string_pretty(&rows).map_err(io::Error::other)?;
        return writeln!(out, "{text}");
    }
    let width = registry
        .rules()
        .map(|r| r.meta().id.len())
        .max()
        .unwrap_or(10);
    writeln!(
        out,
        "{:<width$}  {:<14}  {:<15}  {:<12}  MESSAGE",
        "RULE", "CATEGORY", "DEFAULT", "FIX"
    )?;
    for rule in registry.rules() {
        let m = rule.meta();
        writeln!(
            out,
            "{:<width$}  {:<14}  {:<15}  {:<12}  {}",
            m.id,
            m.category.as_str(),
            default_state(m),
            fix_kind(m),
            message(m)
        )?;
    }
    writeln!(
        out,
        "\n{} rules. DEFAULT: on in every profile (yes), in the profiles named, or only when selected (no; no (style): the style group, turned on by --select style).",
        registry.len()
    )?;
    Ok(())
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
        let close = if close.is_empty() {
            let ids = registry.rules().map(|r| r.meta().id);
            crate::settings::closest(id, ids).into_iter().collect()
        } else {
            close
        };
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
    super::print_quietly(|out| write_rule(rule.meta(), out))
}

/// Writes the explanation and examples of the rule `m`.
fn write_rule(m: &RuleMeta, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{} — {}", m.id, message(m))?;
    writeln!(
        out,
        "category: {}   severity: {}   on by default: {}   fix: {}",
        m.category.as_str(),
        m.severity.as_str(),
        default_state(m),
        fix_kind(m)
    )?;
    writeln!(out)?;
    writeln!(out, "{}", m.explanation)?;
    writeln!(out)?;
    writeln!(
        out,
        "Examples ({{NBSP}} = U+00A0, {{NNBSP}} = U+202F, ⟦…⟧ = what is reported):"
    )?;
    for example in m.examples() {
        let profile: String = example_options(example.profile, example.apostrophe)
            .iter()
            .map(|option| format!("   [{option}]"))
            .collect();
        match &example.kind {
            ExampleKind::Bad { fixed, suggest, .. } => {
                writeln!(out, "  bad:   {}{profile}", visible(&example.display))?;
                if let Some(f) = fixed {
                    writeln!(out, "  fixed: {}", visible(f))?;
                }
                if let Some(s) = suggest.as_ref().filter(|s| Some(*s) != fixed.as_ref()) {
                    writeln!(out, "  suggested: {}", visible(s))?;
                }
            }
            ExampleKind::Good { .. } => {
                writeln!(out, "  good:  {}{profile}", visible(&example.display))?
            }
        }
    }
    Ok(())
}
