//! `coquille rules` and `coquille rule ID`.

use super::{EXIT_ERROR, error};
use crate::rules::spec::MACROS;
use crate::rules::{ExampleKind, Registry, RuleMeta};
use crate::settings::{ApostropheStyle, Profile};
use serde::Serialize;
use std::io::{self, Write};

/// `yes`, `no`, or the profiles where the rule is on by default.
fn default_state(meta: &RuleMeta) -> String {
    if !meta.default_enabled || meta.profiles.is_empty() {
        "no".into()
    } else if meta.profiles.len() == Profile::ALL.len() {
        "yes".into()
    } else {
        meta.profiles
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

fn fix_kind(meta: &RuleMeta) -> &'static str {
    meta.fix.map_or("none", |a| a.as_str())
}

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

/// Lists every rule.
pub(super) fn list(json: bool) -> u8 {
    super::print_quietly(|out| write_list(json, out))
}

fn write_list(json: bool, out: &mut dyn Write) -> io::Result<()> {
    let registry = Registry::global();
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
            m.message.replace("{match}", "…")
        )?;
    }
    writeln!(
        out,
        "\n{} rules. DEFAULT: on in every profile (yes), in the profiles named, or only when selected (no).",
        registry.len()
    )?;
    Ok(())
}

/// Shows invisible characters of an example as the macros of rule files.
fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match MACROS
            .iter()
            .find(|(_, value)| value.chars().eq(std::iter::once(c)))
        {
            Some((name, _)) => out.push_str(name),
            None if c == '\n' => out.push_str("\\n"),
            None if c == '\t' => out.push_str("\\t"),
            None if c.is_control() || unicode_normalization::char::is_combining_mark(c) => {
                out.push_str(&format!("\\u{{{:04X}}}", c as u32))
            }
            None => out.push(c),
        }
    }
    out
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
    writeln!(out, "{} — {}", m.id, m.message.replace("{match}", "…"))?;
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
        let mut profile = String::new();
        if example.profile != Profile::Standard {
            profile.push_str(&format!("   [--profile {}]", example.profile.as_str()));
        }
        if example.apostrophe != ApostropheStyle::Consistent {
            profile.push_str(&format!(
                "   [--apostrophe {}]",
                example.apostrophe.as_str()
            ));
        }
        match &example.kind {
            ExampleKind::Bad { fixed, .. } => {
                writeln!(out, "  bad:   {}{profile}", visible(&example.display))?;
                if let Some(f) = fixed {
                    writeln!(out, "  fixed: {}", visible(f))?;
                }
            }
            ExampleKind::Good { .. } => {
                writeln!(out, "  good:  {}{profile}", visible(&example.display))?
            }
        }
    }
    Ok(())
}
