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

/// A guard regex, compiled the first time a match of the main pattern
/// needs it: most rules never match, and guards (long alternations, `\b`)
/// are what costs most to compile.
#[derive(Debug, Default)]
struct Guard {
    pattern: Option<String>,
    regex: OnceLock<Option<Regex>>,
}

impl Guard {
    fn new(pattern: Option<String>) -> Guard {
        Guard {
            pattern,
            regex: OnceLock::new(),
        }
    }

    /// The compiled guard (`None`: no guard). Every embedded guard compiles
    /// (`every_pattern_compiles`); one that did not would be ignored.
    fn get(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| self.pattern.as_deref().and_then(|p| Regex::new(p).ok()))
            .as_ref()
    }

    fn check(&self) -> Result<(), String> {
        match &self.pattern {
            Some(p) => Regex::new(p)
                .map(drop)
                .map_err(|e| format!("bad guard `{p}`: {e}")),
            None => Ok(()),
        }
    }
}

/// The compiled form of a declarative rule.
#[derive(Debug)]
pub struct Compiled {
    /// The main pattern.
    pub regex: Regex,
    target: Option<usize>,
}

/// A rule defined entirely in a rule file.
pub struct DeclarativeRule {
    meta: RuleMeta,
    pattern: String,
    prefilter: Option<String>,
    literals: Vec<String>,
    target: Option<String>,
    replace: Option<String>,
    /// before, not_before, after, not_after, not_match.
    guards: [Guard; 5],
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
            // Already expanded by `build.rs`.
            prefilter: spec.prefilter.clone(),
            literals: spec.literals.clone(),
            target: spec.target.clone(),
            replace: expand(&spec.replace)?,
            guards: [
                Guard::new(expand(&spec.before)?),
                Guard::new(expand(&spec.not_before)?),
                Guard::new(expand(&spec.after)?),
                Guard::new(expand(&spec.not_after)?),
                Guard::new(expand(&spec.not_match)?),
            ],
            whole_word: spec.whole_word.unwrap_or(false),
            compiled: OnceLock::new(),
        })
    }

    /// The expanded main pattern.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// The literals of the prefilter, derived by the build (may be empty).
    pub fn literals(&self) -> &[String] {
        &self.literals
    }

    /// The prefilter: given in the rule file or derived by the build
    /// (macros expanded).
    pub fn prefilter(&self) -> &str {
        self.prefilter.as_deref().unwrap_or(&self.pattern)
    }

    /// Compiles the main pattern (once); errors name the faulty pattern.
    /// Guards compile on first use.
    pub fn compile(&self) -> Result<&Compiled, String> {
        self.compiled
            .get_or_init(|| {
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
                Ok(Compiled { target, regex })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Compiles every pattern and guard now, to report the first error.
    pub fn check_patterns(&self) -> Result<(), String> {
        self.compile()?;
        self.guards.iter().try_for_each(Guard::check)
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
        let before_fails = |guard: &Guard, want: bool| {
            guard
                .get()
                .is_some_and(|g| g.is_match_at(hay_before, from) != want)
        };
        let fails = |guard: &Guard, hay: &str, want: bool| {
            guard.get().is_some_and(|g| g.is_match(hay) != want)
        };
        let [before_guard, not_before, after_guard, not_after, not_match] = &self.guards;
        if before_fails(before_guard, true)
            || before_fails(not_before, false)
            || fails(after_guard, after, true)
            || fails(not_after, after, false)
            || fails(not_match, &text[whole.range()], false)
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
