//! Declarative rules: a regex over the prose text, guards on the text around
//! each match, a target group and a replacement.
//!
//! The `regex` crate has no look-around, so guards stand in for it: `before`
//! / `not_before` are tested on the line text before the match (anchor them
//! with `$`), `after` / `not_after` on the line text after it (anchor with
//! `^`), `not_match` on the match itself. `whole_word` requires word
//! boundaries on both sides. Matches touching a URL or an e-mail address are
//! dropped.

use super::spec::{RuleSpec, expand_macros};
use super::{Rule, RuleMeta};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::span::Span;
use crate::tokenize::is_word_char;
use regex::{Captures, Regex};
use std::sync::OnceLock;

/// How much of the line around a match the guards see, on each side.
const GUARD_WINDOW: usize = 256;

/// The compiled form of a declarative rule.
#[derive(Debug)]
pub struct Compiled {
    /// The main pattern.
    pub regex: Regex,
    before: Option<Regex>,
    not_before: Option<Regex>,
    after: Option<Regex>,
    not_after: Option<Regex>,
    not_match: Option<Regex>,
    target: Option<usize>,
}

/// A rule defined entirely in a rule file.
pub struct DeclarativeRule {
    meta: RuleMeta,
    pattern: String,
    target: Option<String>,
    replace: Option<String>,
    guards: [Option<String>; 5],
    whole_word: bool,
    compiled: OnceLock<Result<Compiled, String>>,
}

fn expand(text: &Option<String>) -> Result<Option<String>, String> {
    text.as_deref().map(expand_macros).transpose()
}

impl DeclarativeRule {
    /// Builds the rule from its metadata and its spec (patterns are compiled
    /// on first use).
    pub fn new(meta: RuleMeta, spec: &RuleSpec) -> Result<DeclarativeRule, String> {
        let pattern = expand_macros(spec.pattern.as_deref().unwrap_or_default())?;
        Ok(DeclarativeRule {
            meta,
            pattern,
            target: spec.target.clone(),
            replace: expand(&spec.replace)?,
            guards: [
                expand(&spec.before)?,
                expand(&spec.not_before)?,
                expand(&spec.after)?,
                expand(&spec.not_after)?,
                expand(&spec.not_match)?,
            ],
            whole_word: spec.whole_word.unwrap_or(false),
            compiled: OnceLock::new(),
        })
    }

    /// The expanded main pattern.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Compiles the patterns (once); errors name the faulty pattern.
    pub fn compile(&self) -> Result<&Compiled, String> {
        self.compiled
            .get_or_init(|| {
                let compile = |p: &Option<String>| -> Result<Option<Regex>, String> {
                    p.as_deref()
                        .map(|p| Regex::new(p).map_err(|e| format!("bad guard `{p}`: {e}")))
                        .transpose()
                };
                let regex = Regex::new(&self.pattern).map_err(|e| format!("bad pattern: {e}"))?;
                let target = match &self.target {
                    None => None,
                    Some(t) => Some(match t.parse::<usize>() {
                        Ok(n) if n < regex.captures_len() => n,
                        Ok(n) => return Err(format!("no capture group {n}")),
                        Err(_) => regex
                            .capture_names()
                            .position(|name| name == Some(t.as_str()))
                            .ok_or_else(|| format!("no capture group named `{t}`"))?,
                    }),
                };
                let [before, not_before, after, not_after, not_match] = &self.guards;
                Ok(Compiled {
                    before: compile(before)?,
                    not_before: compile(not_before)?,
                    after: compile(after)?,
                    not_after: compile(not_after)?,
                    not_match: compile(not_match)?,
                    target,
                    regex,
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn needs_captures(&self, c: &Compiled) -> bool {
        c.target.is_some() || self.replace.as_deref().is_some_and(|r| r.contains('$'))
    }

    fn consider(
        &self,
        doc: &Document,
        c: &Compiled,
        whole: Span,
        caps: Option<&Captures>,
        out: &mut Vec<Diagnostic>,
    ) {
        let text = doc.text();
        let target = match (c.target, caps) {
            (Some(i), Some(caps)) => match caps.get(i) {
                Some(m) => Span::new(m.start(), m.end()),
                None => return,
            },
            _ => whole,
        };
        if whole.is_empty() {
            return;
        }
        if self.whole_word {
            let before_ok = !text[..whole.start]
                .chars()
                .next_back()
                .is_some_and(is_word_char);
            let after_ok = !text[whole.end..].chars().next().is_some_and(is_word_char);
            if !(before_ok && after_ok) {
                return;
            }
        }
        // Guards see at most GUARD_WINDOW bytes of the line on each side.
        // When the line starts further back, `^` must not match at the cut:
        // the window is then searched with `is_match_at` inside a haystack
        // that starts one character earlier.
        let (before, at_line_start) = doc.line_before(whole.start, GUARD_WINDOW);
        let before_start = whole.start - before.len();
        let (hay_before, from) = if at_line_start {
            (before, 0)
        } else {
            let prev = text[..before_start]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8);
            (&text[before_start - prev..whole.start], prev)
        };
        let after = doc.line_after(whole.end, GUARD_WINDOW);
        let before_fails = |guard: &Option<Regex>, want: bool| {
            guard
                .as_ref()
                .is_some_and(|g| g.is_match_at(hay_before, from) != want)
        };
        let fails = |guard: &Option<Regex>, hay: &str, want: bool| {
            guard.as_ref().is_some_and(|g| g.is_match(hay) != want)
        };
        if before_fails(&c.before, true)
            || before_fails(&c.not_before, false)
            || fails(&c.after, after, true)
            || fails(&c.not_after, after, false)
            || fails(&c.not_match, &text[whole.range()], false)
        {
            return;
        }
        if doc.touches_link(whole) {
            return;
        }
        let mut diagnostic = if self.meta.message.contains("{match}") {
            self.meta.diagnostic(
                target,
                self.meta.message.replace("{match}", &text[target.range()]),
            )
        } else {
            self.meta.finding(target)
        };
        if let (Some(replace), Some(applicability)) = (&self.replace, self.meta.fix) {
            let replacement = match caps {
                Some(caps) if replace.contains('$') => {
                    let mut dst = String::new();
                    caps.expand(replace, &mut dst);
                    dst
                }
                _ => replace.clone(),
            };
            let edit = Edit::replace(target, replacement);
            diagnostic.fix = Some(Fix::new(
                vec![edit],
                applicability.max(Applicability::DisplayOnly),
            ));
        }
        out.push(diagnostic);
    }
}

impl Rule for DeclarativeRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let Ok(c) = self.compile() else {
            // Invalid patterns are caught by the registry tests and by
            // `Linter::new`; a rule that cannot compile finds nothing.
            return;
        };
        let text = doc.text();
        if self.needs_captures(c) {
            for caps in c.regex.captures_iter(text) {
                let Some(m) = caps.get(0) else { continue };
                self.consider(doc, c, Span::new(m.start(), m.end()), Some(&caps), out);
            }
        } else {
            for m in c.regex.find_iter(text) {
                self.consider(doc, c, Span::new(m.start(), m.end()), None, out);
            }
        }
    }

    fn as_declarative(&self) -> Option<&DeclarativeRule> {
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use crate::settings::{Selector, Settings};
    use crate::source::{Source, SourceKind};
    use crate::{Linter, Registry};

    fn spans(rule: &str, text: &str) -> Vec<usize> {
        let rule = Registry::global().get(rule).expect("rule exists").meta().id;
        let linter = Linter::new(Settings {
            select: vec![Selector::Rule(rule)],
            ..Settings::default()
        })
        .expect("linter");
        let source = Source::new("t", text, SourceKind::PlainText);
        linter.check(&source).iter().map(|d| d.span.start).collect()
    }

    #[test]
    fn guards_look_only_near_the_match_but_keep_line_starts() {
        // `punctuation/spaced-hyphen` skips hyphens that start a line
        // (`not_before = '(?:^[ \t]*|\d)$'`): far from the line start, the
        // cut window must not look like one.
        let far = format!("{} - suite", "mot ".repeat(200));
        assert_eq!(
            spans("punctuation/spaced-hyphen", &far),
            vec![far.find(" - ").expect("hyphen") + 1]
        );
        let indented = format!("{}- item", " ".repeat(40));
        assert_eq!(
            spans("punctuation/spaced-hyphen", &indented),
            Vec::<usize>::new()
        );
        assert_eq!(
            spans("punctuation/spaced-hyphen", "  - item\n  - autre"),
            Vec::<usize>::new()
        );
    }
}
