//! The linter: the enabled rules for a set of settings, checking a source,
//! and fixing it until stable.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::Document;
use crate::lean_regex;
use crate::rules::{Registry, Rule};
use crate::settings::Settings;
use crate::source::Source;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_automata::meta::Regex as MetaRegex;
use regex_automata::{Input, PatternSet};
use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The most passes `fix` makes. Each pass applies every fix that overlaps
/// no other; more passes are needed only where a fault shows once its
/// neighbour is fixed (`$49$49`), one pass each. Fixes that undo each other
/// bring the text back to an earlier state: that cycle stops fixing at
/// once, whatever this cap.
pub const MAX_FIX_PASSES: usize = 100;

/// The enabled rules of a run, compiled once.
///
/// Rules with a prefilter (every declarative rule, and the Rust rules that
/// declare one) are tested all at once: the rules with prefilter literals in
/// one Aho-Corasick pass, the others in one `RegexSet` pass (once the linter
/// has checked enough text to pay for building it); only the rules whose
/// prefilter matches run.
pub struct Linter {
    settings: Settings,
    always: Vec<&'static dyn Rule>,
    filtered: Vec<&'static dyn Rule>,
    /// One regex of the prefilters of `filtered`, reporting which match.
    prefilter: Prefilters,
    by_literal: Vec<&'static dyn Rule>,
    literals: Option<Literals>,
    /// For each literal of `literals`, the indexes in `by_literal` of the
    /// rules that have it.
    literal_rules: Vec<Vec<usize>>,
    /// Whether `suppression/unused` is selected.
    report_unused_suppressions: bool,
}

impl std::fmt::Debug for Linter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linter")
            .field("settings", &self.settings)
            .field(
                "rules",
                &(self.always.len() + self.filtered.len() + self.by_literal.len()),
            )
            .finish()
    }
}

/// The prefilters of the rules without literals, tested in one regex-set
/// pass. Building the set takes milliseconds, more than running these
/// rules on a short text: until the linter has checked
/// [`Prefilters::SET_AFTER_BYTES`], every one of them runs. That finds the
/// same: a rule finds nothing where its prefilter does not match (the test
/// `prefilters_are_necessary` holds every rule to it).
#[derive(Default)]
struct Prefilters {
    set: OnceLock<Option<MetaRegex>>,
    checked: AtomicUsize,
}

impl Prefilters {
    /// Bytes checked by running every rule before the set is built.
    const SET_AFTER_BYTES: usize = 1 << 20;

    /// The set for the prefilters of `rules` (one each, in order) and a
    /// text of `len` bytes, or `None`: run every rule.
    fn set(&self, rules: &[&'static dyn Rule], len: usize) -> Option<&MetaRegex> {
        if let Some(built) = self.set.get() {
            return built.as_ref();
        }
        let before = self.checked.fetch_add(len, Ordering::Relaxed);
        if rules.is_empty() || before.saturating_add(len) < Self::SET_AFTER_BYTES {
            return None;
        }
        self.set
            .get_or_init(|| {
                let patterns: Vec<&str> = rules.iter().filter_map(|r| r.prefilter()).collect();
                // Every embedded prefilter compiles (a registry test); were
                // one not to, every rule would run, which finds the same.
                (patterns.len() == rules.len())
                    .then(|| lean_regex::set(&patterns).ok())
                    .flatten()
            })
            .as_ref()
    }
}

/// The literal prefilters, searched with Aho-Corasick. A DFA searches
/// about twice as fast as the NFA that is quickest to build, but takes
/// milliseconds to build, more than checking a short file: the NFA serves
/// first, and the DFA is built once this linter has checked
/// [`Literals::DFA_AFTER_BYTES`].
struct Literals {
    patterns: Vec<String>,
    nfa: AhoCorasick,
    dfa: OnceLock<Option<AhoCorasick>>,
    checked: AtomicUsize,
}

impl Literals {
    /// Bytes checked with the NFA before the DFA is built.
    const DFA_AFTER_BYTES: usize = 1 << 20;

    fn new(patterns: Vec<String>) -> Result<Literals, String> {
        let nfa = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .build(&patterns)
            .map_err(|e| format!("cannot build the literal prefilter: {e}"))?;
        Ok(Literals {
            patterns,
            nfa,
            dfa: OnceLock::new(),
            checked: AtomicUsize::new(0),
        })
    }

    /// The searcher for a text of `len` bytes.
    fn searcher(&self, len: usize) -> &AhoCorasick {
        if let Some(built) = self.dfa.get() {
            return built.as_ref().unwrap_or(&self.nfa);
        }
        let before = self.checked.fetch_add(len, Ordering::Relaxed);
        if before.saturating_add(len) < Self::DFA_AFTER_BYTES {
            return &self.nfa;
        }
        let dfa = self.dfa.get_or_init(|| {
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(&self.patterns)
                .ok()
        });
        dfa.as_ref().unwrap_or(&self.nfa)
    }
}

/// The most characters of a literal the linter looks for.
const LITERAL_HEAD_CHARS: usize = 6;

/// The first [`LITERAL_HEAD_CHARS`] characters of a prefilter literal.
/// Where a literal occurs, its head does, so the heads find every place a
/// rule may match (and a few more); the conjugations of a verb share a few
/// heads, which makes the automaton four times smaller and quicker to
/// build.
fn literal_head(literal: &str) -> &str {
    literal
        .char_indices()
        .nth(LITERAL_HEAD_CHARS)
        .map_or(literal, |(at, _)| &literal[..at])
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
    /// The linter for `settings`. Fails only if a rule pattern is invalid.
    pub fn new(settings: Settings) -> Result<Linter, String> {
        let registry = Registry::global();
        let mut always = Vec::new();
        let mut filtered: Vec<&'static dyn Rule> = Vec::new();
        let mut by_literal: Vec<&'static dyn Rule> = Vec::new();
        for rule in registry.rules() {
            if !settings.is_enabled(rule.meta()) {
                continue;
            }
            // Declarative rules compile their patterns on first use (only
            // when the prefilter finds something): start-up stays short.
            if !rule.prefilter_literals().is_empty() {
                by_literal.push(rule);
            } else if rule.prefilter().is_some() {
                filtered.push(rule);
            } else {
                always.push(rule);
            }
        }
        let mut literal_index: HashMap<&str, usize> = HashMap::new();
        let mut literal_rules: Vec<Vec<usize>> = Vec::new();
        for (i, rule) in by_literal.iter().enumerate() {
            for literal in rule.prefilter_literals() {
                let next = literal_rules.len();
                let id = *literal_index.entry(literal_head(literal)).or_insert(next);
                if id == next {
                    literal_rules.push(Vec::new());
                }
                if literal_rules[id].last() != Some(&i) {
                    literal_rules[id].push(i);
                }
            }
        }
        let mut patterns: Vec<String> = vec![String::new(); literal_index.len()];
        for (literal, &id) in &literal_index {
            patterns[id] = (*literal).to_string();
        }
        let literals = if patterns.is_empty() {
            None
        } else {
            Some(Literals::new(patterns)?)
        };
        let report_unused_suppressions = registry
            .get(crate::suppress::UNUSED_RULE)
            .is_some_and(|r| settings.is_enabled(r.meta()));
        Ok(Linter {
            report_unused_suppressions,
            settings,
            always,
            filtered,
            prefilter: Prefilters::default(),
            by_literal,
            literals,
            literal_rules,
        })
    }

    /// The settings of this linter.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Ids of the enabled rules.
    pub fn enabled_rules(&self) -> Vec<&'static str> {
        let mut ids: Vec<&'static str> = self
            .always
            .iter()
            .chain(&self.filtered)
            .chain(&self.by_literal)
            .map(|r| r.meta().id)
            .collect();
        ids.sort_unstable();
        ids
    }

    /// Checks `source`; findings are sorted by position, in source bytes.
    pub fn check(&self, source: &Source) -> Vec<Diagnostic> {
        let doc = Document::new(source, &self.settings);
        let mut out = Vec::new();
        for rule in &self.always {
            rule.check(&doc, &mut out);
        }
        match self.prefilter.set(&self.filtered, doc.text().len()) {
            Some(set) => {
                let mut matched = PatternSet::new(set.pattern_len());
                set.which_overlapping_matches(&Input::new(doc.text()), &mut matched);
                for i in matched.iter() {
                    self.filtered[i.as_usize()].check(&doc, &mut out);
                }
            }
            None => {
                for rule in &self.filtered {
                    rule.check(&doc, &mut out);
                }
            }
        }
        if let Some(literals) = &self.literals {
            let ac = literals.searcher(doc.text().len());
            // (rule, literal start) for every literal found.
            let mut starts: Vec<(usize, usize)> = Vec::new();
            for m in ac.find_overlapping_iter(doc.text()) {
                for &i in &self.literal_rules[m.pattern().as_usize()] {
                    starts.push((i, m.start()));
                }
            }
            starts.sort_unstable();
            starts.dedup();
            for group in starts.chunk_by(|a, b| a.0 == b.0) {
                let offsets: Vec<usize> = group.iter().map(|&(_, at)| at).collect();
                self.by_literal[group[0].0].check_at(&doc, &offsets, &mut out);
            }
        }
        out.retain_mut(|d| doc.prose().map_diagnostic(d));
        crate::suppress::apply(
            &source.text,
            doc.prose().directives(),
            &mut out,
            self.report_unused_suppressions,
        );
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        out.dedup();
        crate::fix::demote_structure_changes(source, &mut out);
        out
    }

    /// Fixes `source` with every fix at or above `threshold`, re-checking
    /// after each pass until nothing changes (at most [`MAX_FIX_PASSES`],
    /// and never twice through the same text). A fix is applied only if it
    /// keeps the structure of the file (see [`crate::fix`]).
    pub fn fix(&self, source: &Source, threshold: Applicability) -> FixOutcome {
        crate::fix::fix_until_stable(source, threshold, |s| self.check(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceKind;

    /// A rule finds nothing in a text its prefilter does not match, so
    /// running it anyway (as short runs do, see [`Prefilters`]) changes
    /// nothing. Tested on every rule example and the project's texts.
    #[test]
    fn prefilters_are_necessary() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let registry = Registry::global();
        let mut texts: Vec<String> = Vec::new();
        for dir in ["examples", "tests/corpus/clean"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("text folder") {
                if let Ok(text) = std::fs::read_to_string(entry.expect("entry").path()) {
                    texts.push(text);
                }
            }
        }
        for rule in registry.rules() {
            for example in rule.meta().examples() {
                texts.push(example.display.replace(['⟦', '⟧'], ""));
            }
        }
        let settings = Settings::default();
        let docs: Vec<Source> = texts
            .iter()
            .map(|t| Source::new("t.txt", t.as_str(), SourceKind::PlainText))
            .collect();
        let docs: Vec<Document> = docs.iter().map(|s| Document::new(s, &settings)).collect();
        let mut skipped = 0;
        for rule in registry.rules() {
            let Some(pattern) = rule.prefilter() else {
                continue;
            };
            let prefilter = lean_regex::regex(pattern, false).expect("prefilter compiles");
            for doc in &docs {
                if prefilter.is_match(doc.text()) {
                    continue;
                }
                skipped += 1;
                let mut found = Vec::new();
                rule.check(doc, &mut found);
                assert!(
                    found.is_empty(),
                    "{} found {:?} where its prefilter does not match",
                    rule.meta().id,
                    found.first().map(|d| d.span)
                );
            }
        }
        assert!(
            skipped > 10_000,
            "only {skipped} texts without a prefilter match"
        );
    }
}
