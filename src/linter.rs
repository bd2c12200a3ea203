//! The linter: the enabled rules for a set of settings, checking a source,
//! and fixing it until stable.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::dispatch::{Dispatch, SWITCH_AFTER_BYTES};
use crate::document::Document;
use crate::rules::{Registry, Rule};
use crate::settings::Settings;
use crate::source::Source;

/// The most passes `fix` makes. Each pass applies every fix that overlaps
/// no other; more passes are needed only where a fault shows once its
/// neighbour is fixed (`$49$49`), one pass each. Fixes that undo each other
/// bring the text back to an earlier state: that cycle stops fixing at
/// once, whatever this cap.
pub const MAX_FIX_PASSES: usize = 100;

/// The enabled rules of a run, compiled once, and how they are dispatched
/// (see [`crate::dispatch`]).
pub struct Linter {
    settings: Settings,
    dispatch: Dispatch,
    /// The ids of the enabled rules, sorted.
    enabled: Vec<&'static str>,
}

impl std::fmt::Debug for Linter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linter")
            .field("settings", &self.settings)
            .field("rules", &self.enabled.len())
            .finish()
    }
}

/// What fixing a source produced.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    /// The fixed text.
    pub text: String,
    /// How many fixes were applied, over all passes.
    pub fixes_applied: usize,
    /// How many passes ran.
    pub passes: usize,
    /// Whether the last pass found nothing more to fix.
    pub converged: bool,
    /// Whether fixing stopped because the text came back to an earlier
    /// state (fixes that undo each other); the fixes of the cycle are left
    /// in `remaining` as suggestions.
    pub cycle: bool,
    /// The findings left in the fixed text (in its coordinates).
    pub remaining: Vec<Diagnostic>,
}

impl Linter {
    /// The linter for `settings`. Building one does not fail today (patterns
    /// compile on first use, and the registry tests hold every embedded one
    /// to compiling); the `Result` leaves room for settings that can.
    pub fn new(settings: Settings) -> Result<Linter, String> {
        Linter::with_switch_after(settings, SWITCH_AFTER_BYTES)
    }

    /// [`Linter::new`], switching its dispatch to the regex set and the
    /// automaton after `bytes` (for tests: the switch must change nothing).
    #[doc(hidden)]
    pub fn with_switch_after(settings: Settings, bytes: usize) -> Result<Linter, String> {
        let rules: Vec<&'static dyn Rule> = Registry::global()
            .rules()
            .filter(|rule| {
                let meta = rule.meta();
                settings.is_enabled(meta.id, meta.default_profiles())
            })
            .collect();
        let dispatch = Dispatch::new(rules, bytes);
        let mut enabled: Vec<&'static str> = dispatch.rules().map(|r| r.meta().id).collect();
        enabled.sort_unstable();
        Ok(Linter {
            settings,
            dispatch,
            enabled,
        })
    }

    /// The settings of this linter.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Ids of the enabled rules.
    pub fn enabled_rules(&self) -> Vec<&'static str> {
        self.enabled.clone()
    }

    /// Whether rule `id` is enabled.
    pub fn runs(&self, id: &str) -> bool {
        self.enabled.binary_search(&id).is_ok()
    }

    /// Checks `source`; findings are sorted by position, in source bytes,
    /// with the severities the settings give their rules.
    pub fn check(&self, source: &Source) -> Vec<Diagnostic> {
        self.check_noting(source, None)
    }

    /// [`Linter::check`], also noting (when asked) what the document as a
    /// whole tells its paragraphs (see [`crate::recheck`]).
    pub(crate) fn check_noting(
        &self,
        source: &Source,
        mut noted: Option<&mut crate::recheck::Noted>,
    ) -> Vec<Diagnostic> {
        let noting = noted.is_some();
        let doc = if noting {
            Document::noting_lookups(source, &self.settings)
        } else {
            Document::new(source, &self.settings)
        };
        if let Some(noted) = noted.as_deref_mut() {
            // Noted in source bytes, like the findings.
            let view = doc.prose();
            let to_source = |s: crate::span::Span| view.to_source(s);
            let tokens = doc.tokens();
            noted.names.extend(
                doc.capitalized_words()
                    .iter()
                    .map(|&i| to_source(tokens[i].span())),
            );
            noted.apostrophes.extend(
                crate::rules::noted_apostrophes(&doc)
                    .into_iter()
                    .map(|(s, m)| (to_source(s), m)),
            );
            noted.layout.extend_from_slice(view.layout());
            let q = doc.quotes();
            for pair in q.pairs.iter().filter(|p| p.level > 0 && !p.mismatched) {
                let open = &q.marks[pair.open];
                match open.family {
                    crate::quotes::Family::Curly => noted.inner_curly.push(to_source(open.span)),
                    crate::quotes::Family::Guillemet => {
                        noted.inner_guillemets.push(to_source(open.span))
                    }
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        self.dispatch.run(&doc, &mut out);
        if let Some(noted) = noted {
            noted.lookups = doc.take_lookups();
        }
        // Code in prose is not French: only text hygiene (invisible or
        // broken characters) is reported inside it.
        out.retain(|d| d.category == crate::diagnostic::Category::Unicode || !doc.in_code(d.span));
        // In a translation file, English is weighed against the source.
        crate::prose::weigh_untranslated(doc.prose(), &mut out);
        out.retain_mut(|d| doc.prose().map_diagnostic(d));
        crate::suppress::apply(&source.text, doc.prose().directives(), &mut out, &|id| {
            self.runs(id)
        });
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        out.dedup();
        crate::fix::demote_structure_changes(source, &mut out);
        self.settings.apply_severities(&mut out);
        out
    }

    /// Fixes `source` with every fix at or above `threshold`, re-checking
    /// after each pass until nothing changes (at most [`MAX_FIX_PASSES`],
    /// and never twice through the same text). A fix is applied only if it
    /// keeps the structure of the file (see [`crate::fix`]). In plain text,
    /// a pass re-checks only the paragraphs it changed when that gives what
    /// checking the whole text gives ([`crate::recheck`]); the outcome is
    /// always that of [`Linter::fix_checking_whole_text`].
    pub fn fix(&self, source: &Source, threshold: Applicability) -> FixOutcome {
        crate::recheck::fix_rechecking_paragraphs(self, source, threshold)
    }

    /// [`Linter::fix`] checking the whole text again after every pass: the
    /// reference the paragraph re-check is tested against, and the loop
    /// every format but plain text runs.
    pub fn fix_checking_whole_text(&self, source: &Source, threshold: Applicability) -> FixOutcome {
        crate::fix::fix_until_stable(source, threshold, |s| self.check(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceKind;

    /// The linter's findings carry the severities the settings give, in
    /// `check` and in what `fix` leaves alike.
    #[test]
    fn findings_carry_the_configured_severities() {
        let mut settings = Settings::default();
        for id in ["spacing/missing-space-before", "quotes/unclosed"] {
            settings
                .severity_overrides
                .insert(id, crate::Severity::Error);
        }
        let linter = Linter::new(settings).expect("linter");
        let source = Source::new("t.txt", "Il a dit «\u{a0}vraiment?", SourceKind::PlainText);
        let found = linter.check(&source);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|d| d.severity == crate::Severity::Error));
        let default = Linter::new(Settings::default()).expect("linter");
        assert!(
            default
                .check(&source)
                .iter()
                .all(|d| d.severity != crate::Severity::Error)
        );
        // The unclosed quotation mark has no fix: it is left, as an error.
        let left = linter.fix(&source, Applicability::Safe).remaining;
        assert_eq!(left.len(), 1, "{left:?}");
        assert_eq!(left[0].rule, "quotes/unclosed");
        assert_eq!(left[0].severity, crate::Severity::Error);
    }
}
