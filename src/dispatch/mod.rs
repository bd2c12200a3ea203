//! Dispatch: which enabled rules run on a document, found fast.
//!
//! Rules with a prefilter (every declarative rule, and the Rust rules that
//! declare one) are tested all at once: the rules with prefilter literals
//! in one Aho-Corasick pass, the others in one regex-set pass; only the
//! rules whose prefilter matches run. Building the regex set and the
//! Aho-Corasick DFA takes milliseconds, more than checking a short text:
//! until a dispatcher has seen [`SWITCH_AFTER_BYTES`], it runs every rule
//! without literals and searches literals with the quick-to-build NFA.
//! Either way the same rules find the same things (tests hold every rule
//! to finding nothing where its prefilter does not match, and a switched
//! dispatcher to the findings of a fresh one).
//!
//! `literals.rs` derives the literals of a pattern at build time
//! (`build.rs` includes it; here it is compiled only for its tests).

#[cfg(test)]
mod literals;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::lean_regex;
use crate::rules::Rule;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_automata::meta::Regex as MetaRegex;
use regex_automata::{Input, PatternSet};
use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bytes a dispatcher checks before it builds its regex set and its
/// Aho-Corasick DFA.
pub const SWITCH_AFTER_BYTES: usize = 1 << 20;

/// The rules of a linter, grouped by how they are dispatched.
pub struct Dispatch {
    /// Rules without a prefilter: they always run.
    always: Vec<&'static dyn Rule>,
    /// Rules with a prefilter regex and no literals.
    filtered: Vec<&'static dyn Rule>,
    /// One regex of the prefilters of `filtered`, reporting which match.
    prefilter: Prefilters,
    /// Rules with prefilter literals.
    by_literal: Vec<&'static dyn Rule>,
    literals: Option<Literals>,
    /// For each literal of `literals`, the indexes in `by_literal` of the
    /// rules that have it.
    literal_rules: Vec<Vec<usize>>,
}

impl Dispatch {
    /// The dispatcher of `rules`, switching to the regex set and the DFA
    /// after `switch_after` bytes ([`SWITCH_AFTER_BYTES`] but in tests).
    /// Fails only if the literal automaton cannot be built.
    pub fn new(rules: Vec<&'static dyn Rule>, switch_after: usize) -> Result<Dispatch, String> {
        let mut always = Vec::new();
        let mut filtered: Vec<&'static dyn Rule> = Vec::new();
        let mut by_literal: Vec<&'static dyn Rule> = Vec::new();
        for rule in rules {
            // Declarative rules compile their patterns on first use (only
            // when the prefilter finds something): start-up stays short.
            if !rule.meta().prefilter.literals.is_empty() {
                by_literal.push(rule);
            } else if rule.meta().prefilter.regex.is_some() {
                filtered.push(rule);
            } else {
                always.push(rule);
            }
        }
        let mut literal_index: HashMap<&str, usize> = HashMap::new();
        let mut literal_rules: Vec<Vec<usize>> = Vec::new();
        for (i, rule) in by_literal.iter().enumerate() {
            for literal in &rule.meta().prefilter.literals {
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
            Some(Literals::new(patterns, switch_after)?)
        };
        Ok(Dispatch {
            always,
            filtered,
            prefilter: Prefilters {
                set: OnceLock::new(),
                checked: AtomicUsize::new(0),
                set_after: switch_after,
            },
            by_literal,
            literals,
            literal_rules,
        })
    }

    /// The rules dispatched.
    pub fn rules(&self) -> impl Iterator<Item = &'static dyn Rule> + '_ {
        self.always
            .iter()
            .chain(&self.filtered)
            .chain(&self.by_literal)
            .copied()
    }

    /// Runs on `doc` every rule whose prefilter may match, appending their
    /// findings (in prose coordinates) to `out`.
    pub fn run(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        for rule in &self.always {
            rule.check(doc, out);
        }
        match self.prefilter.set(&self.filtered, doc.text().len()) {
            Some(set) => {
                let mut matched = PatternSet::new(set.pattern_len());
                set.which_overlapping_matches(&Input::new(doc.text()), &mut matched);
                for i in matched.iter() {
                    self.filtered[i.as_usize()].check(doc, out);
                }
            }
            None => {
                for rule in &self.filtered {
                    rule.check(doc, out);
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
                self.by_literal[group[0].0].check_at(doc, &offsets, out);
            }
        }
    }
}

/// The prefilters of the rules without literals, tested in one regex-set
/// pass. Building the set takes milliseconds, more than running these
/// rules on a short text: until the linter has checked
/// [`SWITCH_AFTER_BYTES`], every one of them runs. That finds the
/// same: a rule finds nothing where its prefilter does not match (the test
/// `prefilters_are_necessary` holds every rule to it).
struct Prefilters {
    set: OnceLock<Option<MetaRegex>>,
    checked: AtomicUsize,
    /// Bytes checked by running every rule before the set is built.
    set_after: usize,
}

impl Prefilters {
    /// The set for the prefilters of `rules` (one each, in order) and a
    /// text of `len` bytes, or `None`: run every rule.
    fn set(&self, rules: &[&'static dyn Rule], len: usize) -> Option<&MetaRegex> {
        if let Some(built) = self.set.get() {
            return built.as_ref();
        }
        let before = self.checked.fetch_add(len, Ordering::Relaxed);
        if rules.is_empty() || before.saturating_add(len) < self.set_after {
            return None;
        }
        self.set
            .get_or_init(|| {
                let patterns: Vec<&str> = rules
                    .iter()
                    .filter_map(|r| r.meta().prefilter.regex)
                    .collect();
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
/// [`SWITCH_AFTER_BYTES`].
struct Literals {
    patterns: Vec<String>,
    nfa: AhoCorasick,
    dfa: OnceLock<Option<AhoCorasick>>,
    checked: AtomicUsize,
    /// Bytes checked with the NFA before the DFA is built.
    dfa_after: usize,
}

impl Literals {
    fn new(patterns: Vec<String>, dfa_after: usize) -> Result<Literals, String> {
        let nfa = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .build(&patterns)
            .map_err(|e| format!("cannot build the literal prefilter: {e}"))?;
        Ok(Literals {
            patterns,
            nfa,
            dfa: OnceLock::new(),
            checked: AtomicUsize::new(0),
            dfa_after,
        })
    }

    /// The searcher for a text of `len` bytes.
    fn searcher(&self, len: usize) -> &AhoCorasick {
        if let Some(built) = self.dfa.get() {
            return built.as_ref().unwrap_or(&self.nfa);
        }
        let before = self.checked.fetch_add(len, Ordering::Relaxed);
        if before.saturating_add(len) < self.dfa_after {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linter::Linter;
    use crate::rules::Registry;
    use crate::settings::Settings;
    use crate::source::{Source, SourceKind};

    /// The project's example texts, its clean corpus and every rule
    /// example (marks removed).
    fn project_texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = Vec::new();
        for dir in ["examples", "tests/corpus/clean"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("text folder") {
                if let Ok(text) = std::fs::read_to_string(entry.expect("entry").path()) {
                    texts.push(text);
                }
            }
        }
        for rule in Registry::global().rules() {
            for example in rule.meta().examples() {
                texts.push(example.text().to_string());
            }
        }
        texts
    }

    /// Once a linter has switched its dispatch to the regex set and the
    /// Aho-Corasick DFA (after 1 MiB; here at once), it finds exactly
    /// what a fresh linter finds, with every rule selected.
    #[test]
    fn switched_dispatch_finds_what_a_fresh_linter_finds() {
        let registry = Registry::global();
        let settings = Settings {
            select: registry
                .rules()
                .map(|r| crate::Selector::Rule(r.meta().id))
                .collect(),
            ..Settings::default()
        };
        let switched = Linter::with_switch_after(settings.clone(), 0).expect("linter");
        let fresh = Linter::new(settings).expect("linter");
        assert_eq!(switched.enabled_rules().len(), registry.len());
        let texts = project_texts();
        let mut found = 0;
        for text in &texts {
            let source = Source::new("t.txt", text.as_str(), SourceKind::PlainText);
            let expected = fresh.check(&source);
            found += expected.len();
            assert_eq!(switched.check(&source), expected, "{text}");
        }
        assert!(found > 1000, "only {found} findings");
    }

    /// A rule finds nothing in a text its prefilter does not match, so
    /// running it anyway (as short runs do, see [`Prefilters`]) changes
    /// nothing. Tested on every rule example and the project's texts.
    #[test]
    fn prefilters_are_necessary() {
        let registry = Registry::global();
        let texts = project_texts();
        let settings = Settings::default();
        let docs: Vec<Source> = texts
            .iter()
            .map(|t| Source::new("t.txt", t.as_str(), SourceKind::PlainText))
            .collect();
        let docs: Vec<Document> = docs.iter().map(|s| Document::new(s, &settings)).collect();
        let mut skipped = 0;
        for rule in registry.rules() {
            let Some(pattern) = rule.meta().prefilter.regex else {
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
