//! The rule reference, as `coquille rules` and `coquille rule ID` print it
//! and as `docs/rules.md` holds it: everything comes from the rule
//! metadata, so the reference cannot drift from the rules.

use crate::rules::spec::MACROS;
use crate::rules::{ExampleKind, Registry, RuleMeta};
use crate::settings::{ApostropheStyle, Profile};
use std::fmt::Write as _;

/// `yes`, `no`, `no (GROUP)` for a rule of a group, or the profiles where
/// the rule is on by default.
pub fn default_state(meta: &RuleMeta) -> String {
    if let Some(group) = meta.group {
        format!("no ({})", group.as_str())
    } else if !meta.default_enabled || meta.profiles.is_empty() {
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

/// The strongest fix a rule offers, or `none`.
pub fn fix_kind(meta: &RuleMeta) -> &'static str {
    meta.fix.map_or("none", |a| a.as_str())
}

/// The message of a rule with its `{match}` placeholder shown as `…`.
pub fn message(meta: &RuleMeta) -> String {
    meta.message.replace("{match}", "…")
}

/// Shows invisible characters of an example as the macros of rule files
/// (`{NBSP}`), line ends and tabs as `\n` and `\t`, other controls and
/// combining marks as `\u{…}`.
pub fn visible(text: &str) -> String {
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
                let _ = write!(out, "\\u{{{:04X}}}", c as u32);
            }
            None => out.push(c),
        }
    }
    out
}

/// The settings an example runs with, when they are not the defaults, as
/// command-line options (`--profile strict`).
pub fn example_options(profile: Profile, apostrophe: ApostropheStyle) -> Vec<String> {
    let mut options = Vec::new();
    if profile != Profile::Standard {
        options.push(format!("--profile {}", profile.as_str()));
    }
    if apostrophe != ApostropheStyle::Consistent {
        options.push(format!("--apostrophe {}", apostrophe.as_str()));
    }
    options
}

/// The command that writes `docs/rules.md`.
pub const RULES_MARKDOWN_COMMAND: &str = "cargo run -- rules --markdown > docs/rules.md";

/// `text` as one Markdown code span, whatever backticks it holds.
fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest > 0 || text.starts_with(' ') || text.ends_with(' ') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// `text` made safe for a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The anchor GitHub-style renderers give the heading `### \`id\``.
fn anchor(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// The rule reference in Markdown: an index table of every rule, then one
/// section per category with each rule's message, settings, explanation
/// and examples.
pub fn rules_markdown(registry: &Registry) -> String {
    let mut out = String::new();
    let rules: Vec<&RuleMeta> = registry.rules().map(|r| r.meta()).collect();
    let _ = writeln!(out, "# Rule reference\n");
    let _ = writeln!(
        out,
        "Generated from the rule metadata (`rules/*.toml`) by `{RULES_MARKDOWN_COMMAND}`; \
         do not edit by hand: a test fails when this page is out of date. \
         `coquille rule ID` prints the same for one rule.\n"
    );
    let _ = writeln!(
        out,
        "{} rules. *Default* says whether a rule is on in every profile (`yes`), only in \
         the profiles named, or only when selected (`no`; `no (style)` for the `style` group, \
         matters of taste that `--select style` turns on). *Fix* is the strongest fix the \
         rule offers: `safe` fixes are applied by `coquille fix`, `unsafe` ones with \
         `--unsafe-fixes`, `display-only` ones are shown as a suggestion and never applied; \
         the explanation says when a finding gets a weaker fix than that.\n",
        rules.len()
    );
    let _ = writeln!(out, "| rule | severity | default | fix | message |");
    let _ = writeln!(out, "| --- | --- | --- | --- | --- |");
    for m in &rules {
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {} | {} |",
            m.id,
            anchor(m.id),
            m.severity.as_str(),
            default_state(m),
            fix_kind(m),
            cell(&message(m))
        );
    }
    let mut category = None;
    for m in &rules {
        if category != Some(m.category) {
            category = Some(m.category);
            let _ = writeln!(out, "\n## {}", m.category.as_str());
        }
        let _ = writeln!(out, "\n### `{}`\n", m.id);
        let _ = writeln!(out, "{}\n", message(m));
        let _ = writeln!(
            out,
            "Severity: {} · on by default: {} · fix: {} · defined in `{}`\n",
            m.severity.as_str(),
            default_state(m),
            fix_kind(m),
            m.file
        );
        let _ = writeln!(out, "{}\n", m.explanation.trim());
        let _ = writeln!(out, "Examples (⟦…⟧ marks what is reported):\n");
        for example in m.examples() {
            let options = example_options(example.profile, example.apostrophe);
            let options = if options.is_empty() {
                String::new()
            } else {
                format!(" (with `{}`)", options.join(" "))
            };
            match &example.kind {
                ExampleKind::Bad { fixed, suggest, .. } => {
                    let _ = write!(out, "- bad{options}: {}", code(&visible(&example.display)));
                    match (fixed, suggest) {
                        (Some(f), _) => {
                            let _ = writeln!(out, " → {}", code(&visible(f)));
                        }
                        (None, Some(s)) => {
                            let _ = writeln!(out, " → suggested: {}", code(&visible(s)));
                        }
                        (None, None) => out.push('\n'),
                    }
                }
                ExampleKind::Good { .. } => {
                    let _ = writeln!(out, "- good{options}: {}", code(&visible(&example.display)));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_hold_backticks_and_edge_spaces() {
        assert_eq!(code("mot"), "`mot`");
        assert_eq!(code("C`est"), "`` C`est ``");
        assert_eq!(code(" x"), "`  x `");
    }

    #[test]
    fn the_index_links_every_rule_to_its_section() {
        let text = rules_markdown(Registry::global());
        for rule in Registry::global().rules() {
            let id = rule.meta().id;
            assert!(text.contains(&format!("(#{})", anchor(id))), "{id}");
            assert!(text.contains(&format!("\n### `{id}`\n")), "{id}");
        }
    }
}
