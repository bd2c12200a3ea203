//! Dispatch: which enabled rules run on a document, found fast.
//!
//! Rules with a prefilter (every declarative rule, and the Rust rules that
//! declare one) are tested all at once: the rules with prefilter literals
//! in one pass for the heads of their literals, the others in one
//! regex-set pass; only the rules whose prefilter matches run. Building
//! the regex set and an Aho-Corasick automaton takes milliseconds, more
//! than checking a short text: until a dispatcher has seen
//! [`SWITCH_AFTER_BYTES`], it runs every rule without literals, and it
//! searches the heads with an FST the build wrote, then (after
//! [`NFA_AFTER_BYTES`]) with an Aho-Corasick NFA.
//! Either way the same rules find the same things (tests hold every rule
//! to finding nothing where its prefilter does not match, and a switched
//! dispatcher to the findings of a fresh one).
//!
//! `literals.rs` derives the literals of a pattern at build time
//! (`build.rs` includes it; here its tests run, and `windows.rs` uses it
//! for the rules searched over the whole text).

// The rest of it serves `build.rs`.
#[cfg_attr(not(test), allow(dead_code))]
mod literals;
mod windows;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::lean_regex;
use crate::rules::Rule;
use crate::rules::spec::Text;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_automata::meta::Regex as MetaRegex;
use regex_automata::{Input, PatternID, PatternSet};
use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};
use windows::LiteralWindows;

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
    /// The declarative rules searched over the whole text, by number.
    wholes: Vec<Whole>,
    /// For each rule of `by_literal`, its number in `wholes` if it is
    /// searched over the whole text: the automaton's finds of its required
    /// literals are kept for its windows.
    whole_by_literal: Vec<Option<usize>>,
    /// The same for each rule of `filtered`, with its trigger literals.
    whole_filtered: Vec<Option<usize>>,
}

impl Dispatch {
    /// The dispatcher of `rules`, switching to the regex set and the DFA
    /// after `switch_after` bytes ([`SWITCH_AFTER_BYTES`] but in tests).
    pub fn new(rules: Vec<&'static dyn Rule>, switch_after: usize) -> Dispatch {
        let mut always = Vec::new();
        let mut filtered: Vec<&'static dyn Rule> = Vec::new();
        // The prefilter of each rule of `filtered`, in order.
        let mut prefilters: Vec<&'static str> = Vec::new();
        let mut by_literal: Vec<&'static dyn Rule> = Vec::new();
        for rule in rules {
            // Declarative rules compile their patterns on first use (only
            // when the prefilter finds something): start-up stays short.
            if !rule.meta().prefilter.literals.is_empty() {
                by_literal.push(rule);
            } else if let Some(prefilter) = rule.meta().prefilter.regex {
                filtered.push(rule);
                prefilters.push(prefilter);
            } else {
                always.push(rule);
            }
        }
        // For each head of the embedded FST, the rules (indexes in
        // `by_literal`) whose literals start with it.
        let mut literal_rules: Vec<Vec<usize>> = vec![Vec::new(); heads().len()];
        for (i, rule) in by_literal.iter().enumerate() {
            for &head in &rule.meta().prefilter.heads {
                literal_rules[head as usize].push(i);
            }
        }
        // For each rule, the literals one of which its matches hold.
        let required_of = by_literal
            .iter()
            .map(|r| r.as_declarative().map_or(&[][..], |d| d.required()))
            .collect();
        // The prefilters of the rules without literals: the DFA searches
        // the literals one of which each of their matches holds.
        let literals = (!by_literal.is_empty() || !filtered.is_empty())
            .then(|| Literals::new(&literal_rules, required_of, prefilters, switch_after));
        // The rules searched over the whole text, numbered in order.
        let mut wholes: Vec<Whole> = Vec::new();
        let mut number = |rule: &&'static dyn Rule| {
            searched_whole(*rule).then(|| {
                wholes.push(Whole {
                    windows: OnceLock::new(),
                    located_fits: OnceLock::new(),
                });
                wholes.len() - 1
            })
        };
        let whole_by_literal = by_literal.iter().map(&mut number).collect();
        let whole_filtered = filtered.iter().map(&mut number).collect();
        Dispatch {
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
            wholes,
            whole_by_literal,
            whole_filtered,
        }
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
        // For each rule searched at its literals, the starts of its
        // literal heads found: in the order of the search, which is
        // nearly the text's order (bucketed by rule, not sorted as pairs:
        // that sort cost 1.5 % of a check with every rule); for each rule
        // searched over the whole text, where the automaton found the
        // literals it searched for it. The lists are this thread's, kept
        // from one document to the next with their capacity.
        let mut scratch = SCRATCH.take();
        if scratch.starts.len() < self.by_literal.len() {
            scratch.starts.resize_with(self.by_literal.len(), Vec::new);
        }
        if scratch.located.len() < self.wholes.len() {
            scratch.located.resize_with(self.wholes.len(), Vec::new);
        }
        let Scratch { starts, located } = &mut scratch;
        let found = self
            .literals
            .as_ref()
            .map(|literals| self.literal_rules_to_run(literals, doc.text(), starts, located));
        match self.prefilter.set(self.literals.as_ref(), doc.text().len()) {
            Some(built) => {
                let mut matched =
                    PatternSet::new(built.rare.as_ref().map_or(0, |r| r.regex.pattern_len()));
                if let Some(rare) = &built.rare {
                    rare.matches(doc.text(), &mut matched);
                }
                let triggered = found.as_ref().and_then(|f| f.triggered.as_ref());
                for (j, (&rule, gate)) in self.filtered.iter().zip(&built.gates).enumerate() {
                    let (runs, searched) = match *gate {
                        Gate::Always => (true, false),
                        Gate::Pattern(p) => (matched.contains(p), false),
                        Gate::Triggers => (triggered.is_none_or(|t| t[j]), triggered.is_some()),
                    };
                    if runs {
                        let whole = self.whole_filtered[j];
                        let located = whole.filter(|_| searched).map(|w| &mut located[w]);
                        self.check_whole(rule, whole, doc, out, located);
                    }
                }
            }
            None => {
                for (&rule, &whole) in self.filtered.iter().zip(&self.whole_filtered) {
                    self.check_whole(rule, whole, doc, out, None);
                }
            }
        }
        if let Some(found) = found {
            for i in found.runs {
                let offsets = &mut starts[i];
                offsets.sort_unstable();
                offsets.dedup();
                let rule = self.by_literal[i];
                if let Some(w) = self.whole_by_literal[i] {
                    let located = found.required.then(|| &mut located[w]);
                    self.check_whole(rule, Some(w), doc, out, located);
                } else {
                    rule.check_at(doc, offsets, out);
                }
                keep_for_next(offsets);
            }
        }
        located.iter_mut().for_each(keep_for_next);
        SCRATCH.set(scratch);
    }

    /// What the literals in `text` tell: the rules of `by_literal` (their
    /// indexes, in order) that run on it, those with a head in it and,
    /// once the automata search the required literals too, one of those
    /// (the word `donnera` starts `donnera une présentation sur`, which
    /// needs `présentation`); and which rules of `filtered` have a
    /// trigger literal in it. Fills `starts[i]` with the starts of the
    /// heads of rule `i` when it runs; leaves every other list empty.
    /// Fills `located[w]` with the starts of the required or trigger
    /// literals of the rule searched over the whole text numbered `w`.
    fn literal_rules_to_run(
        &self,
        literals: &Literals,
        text: &str,
        starts: &mut [Vec<usize>],
        located: &mut [Vec<usize>],
    ) -> Found {
        let mut touched: Vec<usize> = Vec::new();
        // A rule that lists no required literal may match wherever its
        // heads occur.
        let mut may_match: Vec<bool> = literals.required_of.iter().map(|r| r.is_empty()).collect();
        let mut triggered = vec![false; self.filtered.len()];
        let searched = literals.each_literal(text, |literal, at| match literal {
            Literal::Head(head) => {
                for &i in &self.literal_rules[head] {
                    if starts[i].is_empty() {
                        touched.push(i);
                    }
                    starts[i].push(at);
                }
            }
            Literal::Required(rules) => {
                for &i in rules {
                    may_match[i] = true;
                    if let Some(w) = self.whole_by_literal[i] {
                        located[w].push(at);
                    }
                }
            }
            Literal::Trigger(rules) => {
                for &j in rules {
                    triggered[j] = true;
                    if let Some(w) = self.whole_filtered[j] {
                        located[w].push(at);
                    }
                }
            }
        });
        touched.sort_unstable();
        touched.retain(|&i| {
            let runs = !searched.required || may_match[i];
            if !runs {
                starts[i].clear();
            }
            runs
        });
        Found {
            runs: touched,
            required: searched.required,
            triggered: searched.triggers.then_some(triggered),
        }
    }

    /// Runs `rule` on the whole of `doc`. A declarative rule searched over
    /// the whole text whose matches hold a rare literal is searched
    /// anchored where its windows say a match can start; a test holds
    /// that to what the search of the whole text finds. `whole`: the
    /// rule's number in `wholes`, if it has one; `located`: where the
    /// automaton found the literals it searched for the rule (its required
    /// literals, or its trigger literals), when it searched them.
    fn check_whole(
        &self,
        rule: &'static dyn Rule,
        whole: Option<usize>,
        doc: &Document,
        out: &mut Vec<Diagnostic>,
        located: Option<&mut Vec<usize>>,
    ) {
        if let (Some(whole), Some(declarative)) =
            (whole.map(|w| &self.wholes[w]), rule.as_declarative())
        {
            let cell = &whole.windows;
            let windows = match cell.get() {
                Some(windows) => windows,
                // Building the windows (a reverse lazy DFA) costs more
                // than looking for the literals every match holds: a short
                // file without them builds nothing.
                None if declarative.lacks_required(doc.text()) => return,
                None => cell.get_or_init(|| LiteralWindows::new(declarative.pattern())),
            };
            if let Some(windows) = windows {
                let mut own;
                // Whether the automaton searched the windows' literals is
                // decided the first time it has searched them.
                let fits = || {
                    *whole.located_fits.get_or_init(|| {
                        searched_literals(rule).is_some_and(|set| windows.literals_are(&set))
                    })
                };
                let literals = match located {
                    Some(located) if fits() => located,
                    _ => {
                        own = windows.literals_in(doc.text());
                        &mut own
                    }
                };
                if let Some(starts) = windows.starts_from(doc.text(), literals) {
                    return declarative.check_starting_at(doc, starts, out);
                }
            }
        }
        rule.check(doc, out);
    }
}

/// The literals the dispatcher searches for `rule`, one of which each of
/// its matches holds: its required literals when it has literal heads,
/// else its trigger literals (see [`Triggers`]).
fn searched_literals(rule: &dyn Rule) -> Option<Vec<String>> {
    let prefilter = &rule.meta().prefilter;
    if prefilter.literals.is_empty() {
        literals::trigger_literals(prefilter.regex?)
    } else {
        let required = rule.as_declarative()?.required();
        (!required.is_empty()).then(|| required.iter().map(|t| t.to_string()).collect())
    }
}

/// Empties a list of starts for the next document, keeping its capacity
/// unless it is huge.
fn keep_for_next(list: &mut Vec<usize>) {
    if list.capacity() > KEPT_STARTS {
        *list = Vec::new();
    } else {
        list.clear();
    }
}

/// A declarative rule searched over the whole text.
struct Whole {
    /// The windows of the literals inside its matches (`windows.rs`),
    /// built the first time the rule runs.
    windows: OnceLock<Option<LiteralWindows>>,
    /// Whether the literals the automaton searches for it are those of
    /// its windows, decided the first time it has searched them.
    located_fits: OnceLock<bool>,
}

/// Whether `rule` is a declarative rule searched over the whole text
/// (its matches need not start at its literals).
fn searched_whole(rule: &dyn Rule) -> bool {
    rule.as_declarative().is_some_and(|d| d.searched_whole())
}

/// A literal [`Literals::each_literal`] found.
enum Literal<'a> {
    /// The head of this number.
    Head(usize),
    /// A required literal, with the rules (indexes in `by_literal`) that
    /// require it.
    Required(&'a [usize]),
    /// A trigger literal, with the rules (indexes in `filtered`) whose
    /// prefilter matches hold it.
    Trigger(&'a [usize]),
}

/// Which literals [`Literals::each_literal`] searched besides the heads.
#[derive(Debug, Clone, Copy)]
struct Searched {
    /// The literals one of which the matches of a rule searched at its
    /// heads hold.
    required: bool,
    /// The trigger literals of the rules without literal heads.
    triggers: bool,
}

/// What [`Dispatch::literal_rules_to_run`] found in a text.
struct Found {
    /// The rules of `by_literal` (indexes, in order) to run.
    runs: Vec<usize>,
    /// Whether the required literals were searched.
    required: bool,
    /// For each rule of `filtered`, whether one of its trigger literals
    /// occurs (`None`: they were not searched).
    triggered: Option<Vec<bool>>,
}

/// The most starts a rule's list keeps room for between documents.
const KEPT_STARTS: usize = 1 << 14;

/// The lists of literal starts of [`Dispatch::run`], empty between
/// documents.
#[derive(Default)]
struct Scratch {
    /// One per rule searched at its literals: the starts of its heads.
    starts: Vec<Vec<usize>>,
    /// One per rule searched over the whole text: the starts of the
    /// literals the automaton searched for it.
    located: Vec<Vec<usize>>,
}

thread_local! {
    /// This thread's [`Scratch`].
    static SCRATCH: std::cell::Cell<Scratch> = const {
        std::cell::Cell::new(Scratch { starts: Vec::new(), located: Vec::new() })
    };
}

/// The prefilters of the rules without literals, tested in one regex-set
/// pass. Building the set takes milliseconds, more than running these
/// rules on a short text: until the linter has checked
/// [`SWITCH_AFTER_BYTES`], every one of them runs. That finds the
/// same: a rule finds nothing where its prefilter does not match (the test
/// `prefilters_are_necessary` holds every rule to it).
struct Prefilters {
    set: OnceLock<Option<PrefilterSet>>,
    checked: AtomicUsize,
    /// Bytes checked by running every rule before the set is built.
    set_after: usize,
}

/// An ordinary paragraph of French prose. A prefilter that matches it (a
/// typographic apostrophe, a guillemet, a capital before `e`) matches
/// nearly every document: its rule runs on every document, and its
/// prefilter stays out of the set, where it would report a match at each
/// of those characters, each a return from the search and a restart (on
/// the bench's prose, 300,000 on 4 MB: the set search cost 40 % more).
const ORDINARY_PROSE: &str = "Le 3 mars, l’équipe a présenté «\u{a0}ses résultats\u{a0}» \
    aux 1\u{202f}200 salariés\u{a0}: c’est, dit-elle, un premier pas. Les chiffres du \
    2e trimestre (voir l’annexe) montrent 4,5\u{a0}% de hausse\u{202f}; qu’en \
    pensez-vous\u{202f}? Cette étude, publiée aujourd’hui, n’est qu’un début…\n";

/// For each of `patterns`, whether it matches [`ORDINARY_PROSE`] (`None`
/// if one of them does not compile).
fn matching_ordinary_prose(patterns: &[&str]) -> Option<Vec<bool>> {
    let all = lean_regex::set(patterns).ok()?;
    let mut matched = PatternSet::new(all.pattern_len());
    all.which_overlapping_matches(&Input::new(ORDINARY_PROSE), &mut matched);
    Some(
        (0..patterns.len())
            .map(|i| matched.contains(PatternID::must(i)))
            .collect(),
    )
}

/// The built prefilter set: one regex of the rare prefilters (those that
/// do not match [`ORDINARY_PROSE`]) without trigger literals, if there
/// are any, and how each filtered rule of the dispatcher is let through.
struct PrefilterSet {
    rare: Option<RareSet>,
    gates: Vec<Gate>,
}

/// The regex of the rare prefilters left in the set, and where their
/// matches can start.
struct RareSet {
    regex: MetaRegex,
    /// When every match of every pattern starts with a byte of a class
    /// (a digit) and is at most so many bytes long: the class, and that
    /// length. Only the windows after those bytes are searched.
    starts: Option<(ByteClass, usize)>,
}

/// A set of bytes, with the range they span: a test of the range, which
/// the compiler turns into vector instructions, finds the candidates.
struct ByteClass {
    bytes: [bool; 256],
    lowest: u8,
    /// The highest byte minus the lowest.
    span: u8,
}

impl ByteClass {
    /// The class of `bytes` (not empty).
    fn new(bytes: &[u8]) -> ByteClass {
        let lowest = bytes.iter().copied().min().unwrap_or(0);
        let highest = bytes.iter().copied().max().unwrap_or(0);
        let mut set = [false; 256];
        for &b in bytes {
            set[usize::from(b)] = true;
        }
        ByteClass {
            bytes: set,
            lowest,
            span: highest - lowest,
        }
    }

    /// The first byte of `bytes` from `from` on in the class.
    fn first(&self, bytes: &[u8], mut from: usize) -> Option<usize> {
        loop {
            let at = crate::byte_scan::first_of_class(bytes, from, |b| {
                b.wrapping_sub(self.lowest) <= self.span
            })?;
            if self.bytes[usize::from(bytes[at])] {
                return Some(at);
            }
            from = at + 1;
        }
    }
}

impl RareSet {
    /// The rare set of `patterns`.
    fn new(patterns: &[&str]) -> Option<RareSet> {
        let regex = lean_regex::set(patterns).ok()?;
        let mut first: Vec<u8> = Vec::new();
        let mut longest = 0;
        let mut bounded = true;
        for pattern in patterns {
            match literals::first_bytes(pattern) {
                Some((bytes, max_len)) => {
                    first.extend(bytes);
                    longest = longest.max(max_len);
                }
                None => bounded = false,
            }
        }
        Some(RareSet {
            regex,
            starts: (bounded && !first.is_empty()).then(|| (ByteClass::new(&first), longest)),
        })
    }

    /// Adds to `matched` the patterns that match in `text`. With a class
    /// of first bytes, the regex searches only the windows from each of
    /// them to as far as a match can reach (the search sees the text
    /// around a window for its look-arounds): its own prefilter, over the
    /// literals the matches start with, costs nearly as much as a search
    /// of every byte, while a class of bytes is found 16 bytes at a time.
    fn matches(&self, text: &str, matched: &mut PatternSet) {
        let Some((first, longest)) = &self.starts else {
            self.regex
                .which_overlapping_matches(&Input::new(text), matched);
            return;
        };
        let bytes = text.as_bytes();
        let mut from = 0;
        while let Some(start) = first.first(bytes, from) {
            // The window reaches as far as a match from its last start.
            let mut end = (start + longest).min(bytes.len());
            let mut next = start + 1;
            while let Some(at) = bytes[next..end]
                .iter()
                .position(|&b| first.bytes[usize::from(b)])
            {
                end = (next + at + longest).min(bytes.len());
                next += at + 1;
            }
            let window = Input::new(text).range(start..end);
            self.regex.which_overlapping_matches(&window, matched);
            if matched.is_full() {
                return;
            }
            from = end;
        }
    }
}

/// How a rule without literal heads is let through once the prefilter set
/// is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    /// Its prefilter is common: it always runs.
    Always,
    /// Where this pattern of the rare set matches.
    Pattern(PatternID),
    /// Where one of its trigger literals occurs: the Aho-Corasick DFA
    /// finds them with the heads, in the same pass, instead of a search
    /// of the rare set over every byte (see [`RareSet`] for what is left
    /// in it). The literals make that DFA larger, and each of its steps
    /// slower: docs/performance.md has the measures.
    Triggers,
}

impl Prefilters {
    /// The set for the prefilters of the rules without literals (held by
    /// `literals`, one per rule, in order), whose trigger literals the DFA
    /// of `literals` searches, and a text of `len` bytes, or `None`: run
    /// every rule.
    fn set(&self, literals: Option<&Literals>, len: usize) -> Option<&PrefilterSet> {
        if let Some(built) = self.set.get() {
            return built.as_ref();
        }
        let literals = literals?;
        let patterns = &literals.prefilters;
        let before = self.checked.fetch_add(len, Ordering::Relaxed);
        if patterns.is_empty() || before.saturating_add(len) < self.set_after {
            return None;
        }
        self.set
            .get_or_init(|| {
                // The trigger literals were listed with the test of ordinary
                // prose. Every embedded prefilter compiles (a registry
                // test); were one not to, every rule would run, which
                // finds the same.
                let triggers = literals.triggers();
                let common = triggers.common.as_ref()?;
                let mut rare: Vec<&str> = Vec::new();
                let gates = (0..patterns.len())
                    .map(|i| {
                        if common[i] {
                            Gate::Always
                        } else if triggers.of_rule[i] {
                            Gate::Triggers
                        } else {
                            rare.push(patterns[i]);
                            Gate::Pattern(PatternID::must(rare.len() - 1))
                        }
                    })
                    .collect();
                let rare = if rare.is_empty() {
                    None
                } else {
                    Some(RareSet::new(&rare)?)
                };
                Some(PrefilterSet { rare, gates })
            })
            .as_ref()
    }
}

/// The heads of the literals of every embedded rule, each mapped to its
/// number (their rank in byte order), as `build.rs` wrote them.
fn heads() -> &'static fst::Map<&'static [u8]> {
    static HEADS: LazyLock<fst::Map<&'static [u8]>> = LazyLock::new(|| {
        let bytes: &'static [u8] = include_bytes!(concat!(env!("OUT_DIR"), "/literal_heads.fst"));
        fst::Map::new(bytes).expect("build.rs writes a valid FST")
    });
    &HEADS
}

/// Calls `found(head, start)` for every literal head of the embedded FST
/// that occurs in `text`, at each of its starts (overlapping ones too):
/// from each character, the FST is walked along the text as far as it
/// goes. Nothing is built at run time; per byte, it costs three times
/// what a search with an Aho-Corasick NFA does.
fn each_embedded_head(text: &str, mut found: impl FnMut(usize, usize)) {
    let fst = heads().as_fst();
    let root = fst.root();
    let bytes = text.as_bytes();
    for (start, &first) in bytes.iter().enumerate() {
        // A head is UTF-8 text: it never starts inside a character.
        let Some(i) = (first & 0xC0 != 0x80)
            .then(|| root.find_input(first))
            .flatten()
        else {
            continue;
        };
        let mut transition = root.transition(i);
        let mut output = transition.out;
        let mut at = start + 1;
        loop {
            let node = fst.node(transition.addr);
            if node.is_final() {
                found(output.cat(node.final_output()).value() as usize, start);
            }
            let Some(i) = bytes.get(at).and_then(|&b| node.find_input(b)) else {
                break;
            };
            transition = node.transition(i);
            output = output.cat(transition.out);
            at += 1;
        }
    }
}

/// Bytes a dispatcher searches with the embedded FST before it builds an
/// Aho-Corasick NFA of its heads: the NFA takes about as long to build as
/// the FST takes to search 12 KB, and searches three times as fast.
const NFA_AFTER_BYTES: usize = 16 << 10;

/// The literal prefilters, searched in three ways as a dispatcher checks
/// more text: first with the embedded FST of every rule's heads, which
/// costs nothing to build; after [`NFA_AFTER_BYTES`], with an
/// Aho-Corasick NFA of this dispatcher's heads, quick to build; after
/// [`SWITCH_AFTER_BYTES`], with an Aho-Corasick DFA, twice as fast again
/// but milliseconds to build. All three find the same heads.
struct Literals {
    /// The numbers of the heads this dispatcher's rules have, in order:
    /// pattern `i` of the automata is head `wanted[i]`.
    wanted: Vec<usize>,
    /// For each rule (index in `by_literal`), the literals one of which
    /// its matches hold (empty: no such set).
    required_of: Vec<&'static [Text]>,
    /// The literals of `required_of`, each once with the rules that
    /// require it, listed when an automaton is first built (a short run
    /// never lists them): pattern `wanted.len() + j` of the automata is
    /// `required[j]` (the FST has none of them).
    required: OnceLock<Vec<(&'static str, Vec<usize>)>>,
    /// The prefilter regexes of the rules without literal heads
    /// (`filtered`, in order).
    prefilters: Vec<&'static str>,
    /// Their trigger literals, listed when the DFA is built: pattern
    /// `wanted.len() + required.len() + k` of the DFA (not of the NFA) is
    /// trigger `k`.
    triggers: OnceLock<Triggers>,
    nfa: OnceLock<Option<AhoCorasick>>,
    dfa: OnceLock<Option<AhoCorasick>>,
    checked: AtomicUsize,
    /// Bytes checked before the DFA is built.
    dfa_after: usize,
}

impl Literals {
    /// The literals of the heads that have rules in `literal_rules`
    /// (indexed by head number), and the literals each rule requires.
    fn new(
        literal_rules: &[Vec<usize>],
        required_of: Vec<&'static [Text]>,
        prefilters: Vec<&'static str>,
        dfa_after: usize,
    ) -> Literals {
        Literals {
            wanted: (0..literal_rules.len())
                .filter(|&head| !literal_rules[head].is_empty())
                .collect(),
            required_of,
            required: OnceLock::new(),
            prefilters,
            triggers: OnceLock::new(),
            nfa: OnceLock::new(),
            dfa: OnceLock::new(),
            checked: AtomicUsize::new(0),
            dfa_after,
        }
    }

    /// Calls `found` for every occurrence in `text` of a head (perhaps of
    /// heads no rule of this dispatcher has), with its start; once an
    /// automaton has taken over from the FST, for every occurrence of a
    /// required literal; once the DFA has, of a trigger literal. Returns
    /// which were searched.
    fn each_literal(&self, text: &str, mut found: impl FnMut(Literal<'_>, usize)) -> Searched {
        match self.automaton(text.len()) {
            Some((automaton, with_triggers)) => {
                let required = self.required();
                let triggers = with_triggers.then(|| self.triggers());
                let after_heads = self.wanted.len();
                let after_required = after_heads + required.len();
                for m in automaton.find_overlapping_iter(text) {
                    let i = m.pattern().as_usize();
                    let literal = if i < after_heads {
                        Literal::Head(self.wanted[i])
                    } else if i < after_required {
                        Literal::Required(&required[i - after_heads].1)
                    } else {
                        match triggers {
                            Some(t) => Literal::Trigger(&t.literals[i - after_required].1),
                            None => continue,
                        }
                    };
                    found(literal, m.start());
                }
                Searched {
                    required: true,
                    triggers: with_triggers,
                }
            }
            None => {
                if !self.wanted.is_empty() {
                    each_embedded_head(text, |head, at| found(Literal::Head(head), at));
                }
                Searched {
                    required: false,
                    triggers: false,
                }
            }
        }
    }

    /// The trigger literals of the rules without literal heads (see
    /// [`Triggers`]).
    fn triggers(&self) -> &Triggers {
        self.triggers.get_or_init(|| {
            // A rule whose prefilter matches ordinary prose runs on every
            // text (see `Prefilters::set`): searching its literals (`’`,
            // `«`) would only cost a report at each. A rare one's literal
            // may be in that prose (`mars, `, of a date in English,
            // `mars, 2024`): it is searched.
            let common = matching_ordinary_prose(&self.prefilters);
            let of_rule: Vec<Option<Vec<String>>> = self
                .prefilters
                .iter()
                .enumerate()
                .map(|(rule, prefilter)| {
                    let is_common = common.as_ref().is_none_or(|c| c[rule]);
                    literals::trigger_literals(prefilter).filter(|_| !is_common)
                })
                .collect();
            Triggers {
                literals: each_once(of_rule.iter().enumerate().flat_map(|(rule, literals)| {
                    literals.iter().flatten().map(move |l| (l.clone(), rule))
                })),
                of_rule: of_rule.iter().map(Option::is_some).collect(),
                common,
            }
        })
    }

    /// The required literals, each once with its rules (see `required`).
    fn required(&self) -> &[(&'static str, Vec<usize>)] {
        self.required.get_or_init(|| {
            each_once(
                self.required_of
                    .iter()
                    .enumerate()
                    .flat_map(|(rule, literals)| literals.iter().map(move |l| (&**l, rule))),
            )
        })
    }

    /// The automaton for a text of `len` bytes, by how much this
    /// dispatcher has checked (`None`: the FST), and whether it searches
    /// the trigger literals (the DFA does).
    fn automaton(&self, len: usize) -> Option<(&AhoCorasick, bool)> {
        if let Some(built) = self.dfa.get() {
            return match built {
                Some(dfa) => Some((dfa, true)),
                None => Some((self.nfa.get()?.as_ref()?, false)),
            };
        }
        let checked = self
            .checked
            .fetch_add(len, Ordering::Relaxed)
            .saturating_add(len);
        let (kind, cell) = if checked >= self.dfa_after {
            (AhoCorasickKind::DFA, &self.dfa)
        } else if checked >= NFA_AFTER_BYTES.min(self.dfa_after) {
            (AhoCorasickKind::NoncontiguousNFA, &self.nfa)
        } else {
            return None;
        };
        cell.get_or_init(|| {
            let mut patterns = vec![Vec::new(); heads().len()];
            let mut stream = heads().stream();
            while let Some((head, number)) = fst::Streamer::next(&mut stream) {
                patterns[number as usize] = head.to_vec();
            }
            let heads = self.wanted.iter().map(|&head| patterns[head].as_slice());
            let required = self
                .required()
                .iter()
                .map(|(literal, _)| literal.as_bytes());
            let triggers = (kind == AhoCorasickKind::DFA)
                .then(|| self.triggers().literals.iter())
                .into_iter()
                .flatten()
                .map(|(literal, _)| literal.as_bytes());
            AhoCorasick::builder()
                .kind(Some(kind))
                .build(heads.chain(required).chain(triggers))
                .ok()
        })
        .as_ref()
        .map(|automaton| (automaton, kind == AhoCorasickKind::DFA))
    }
}

/// The trigger literals of the rules without literal heads: for each, the
/// literals one of which every match of its prefilter holds
/// ([`literals::trigger_literals`]), when it has such a set and its
/// prefilter does not match ordinary prose.
struct Triggers {
    /// Each trigger literal once, with the rules (indexes in `filtered`)
    /// it triggers.
    literals: Vec<(String, Vec<usize>)>,
    /// For each rule of `filtered`, whether it has trigger literals.
    of_rule: Vec<bool>,
    /// For each rule of `filtered`, whether its prefilter matches
    /// [`ORDINARY_PROSE`] (`None`: one does not compile, and no rule has
    /// trigger literals).
    common: Option<Vec<bool>>,
}

/// Each literal of `pairs` once, in order of first appearance, with the
/// rules (in order) that have it.
fn each_once<L: std::hash::Hash + Eq + Clone>(
    pairs: impl Iterator<Item = (L, usize)>,
) -> Vec<(L, Vec<usize>)> {
    let mut index: FxHashMap<L, usize> = FxHashMap::default();
    let mut out: Vec<(L, Vec<usize>)> = Vec::new();
    for (literal, rule) in pairs {
        let at = *index.entry(literal.clone()).or_insert_with(|| {
            out.push((literal, Vec::new()));
            out.len() - 1
        });
        out[at].1.push(rule);
    }
    out
}

#[cfg(test)]
impl Dispatch {
    /// The rules searched over the whole text, with their numbers.
    fn whole_rules(&self) -> impl Iterator<Item = (&'static dyn Rule, usize)> + '_ {
        self.by_literal
            .iter()
            .zip(&self.whole_by_literal)
            .chain(self.filtered.iter().zip(&self.whole_filtered))
            .filter_map(|(&rule, w)| Some((rule, (*w)?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linter::Linter;
    use crate::rules::Registry;
    use crate::settings::Settings;
    use crate::source::{Source, SourceKind};

    use crate::test_texts::project_texts;

    /// The embedded FST finds every head at every start, as an
    /// Aho-Corasick search for the heads of every rule's literals does, on
    /// the project's texts and every rule example; and each rule's head
    /// numbers are those of its literals' heads.
    #[test]
    fn embedded_heads_are_found_as_aho_corasick_finds_them() {
        let registry = Registry::global();
        let mut all: Vec<&str> = registry
            .rules()
            .flat_map(|r| r.meta().prefilter.literals.iter())
            .map(|l| literals::literal_head(l))
            .collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), heads().len());
        for rule in registry.rules() {
            let prefilter = &rule.meta().prefilter;
            let mut numbers: Vec<u32> = prefilter
                .literals
                .iter()
                .map(|l| all.binary_search(&literals::literal_head(l)).expect("head") as u32)
                .collect();
            numbers.sort_unstable();
            numbers.dedup();
            assert_eq!(prefilter.heads, numbers, "{}", rule.meta().id);
        }
        let ac = AhoCorasick::new(&all).expect("heads");
        let mut found = 0;
        for text in project_texts() {
            let mut want: Vec<(usize, usize)> = ac
                .find_overlapping_iter(&text)
                .map(|m| (m.pattern().as_usize(), m.start()))
                .collect();
            let mut got = Vec::new();
            each_embedded_head(&text, |head, at| got.push((head, at)));
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, want);
            found += got.len();
        }
        assert!(found > 1000, "{found}");
        // The automata that take over from the FST find the same.
        let every: Vec<Vec<usize>> = vec![vec![0]; heads().len()];
        let nfa = Literals::new(&every, Vec::new(), Vec::new(), usize::MAX);
        let dfa = Literals::new(&every, Vec::new(), Vec::new(), 0);
        assert!(nfa.automaton(NFA_AFTER_BYTES).is_some());
        for text in project_texts().iter().take(200) {
            let mut fst = Vec::new();
            each_embedded_head(text, |head, at| fst.push((head, at)));
            fst.sort_unstable();
            for literals in [&nfa, &dfa] {
                let mut got = Vec::new();
                literals.each_literal(text, |literal, at| {
                    if let Literal::Head(head) = literal {
                        got.push((head, at));
                    }
                });
                got.sort_unstable();
                assert_eq!(got, fst);
            }
        }
    }

    /// Once the automata search the required literals, a rule whose head
    /// occurs but none of whose required literals does is not run; before
    /// (with the FST), its head alone runs it. Its matches, when they
    /// occur, are found either way.
    #[test]
    fn rules_run_only_where_their_required_literals_occur() {
        let id = "calque/donner-une-presentation";
        let rule = Registry::global().get(id).expect("rule");
        assert!(
            !rule
                .as_declarative()
                .expect("declarative")
                .required()
                .is_empty()
        );
        let runs = |dispatch: &Dispatch, text: &str| {
            let literals = dispatch.literals.as_ref().expect("literals");
            let mut starts = vec![Vec::new(); dispatch.by_literal.len()];
            let mut located = vec![Vec::new(); dispatch.wholes.len()];
            let run = dispatch
                .literal_rules_to_run(literals, text, &mut starts, &mut located)
                .runs;
            let ids: Vec<&str> = run
                .iter()
                .map(|&i| dispatch.by_literal[i].meta().id)
                .collect();
            for (i, list) in starts.iter().enumerate() {
                assert_eq!(
                    list.is_empty(),
                    !run.contains(&i),
                    "{}",
                    dispatch.by_literal[i].meta().id
                );
            }
            ids.contains(&id)
        };
        let without = "Elle donnera son avis sur le climat.";
        let with = "Elle donnera une présentation sur le climat.";
        let switched = Dispatch::new(vec![rule], 0);
        assert!(!runs(&switched, without));
        assert!(runs(&switched, with));
        let fresh = Dispatch::new(vec![rule], usize::MAX);
        assert!(runs(&fresh, without));
        assert!(runs(&fresh, with));
        let settings = Settings::default();
        for dispatch in [&switched, &fresh] {
            let source = Source::new("t.txt", with, SourceKind::PlainText);
            let mut found = Vec::new();
            dispatch.run(&Document::new(&source, &settings), &mut found);
            assert_eq!(found.len(), 1, "{found:?}");
        }
    }

    /// For every rule searched over the whole text whose windows' literals
    /// are the ones the DFA searches for it, the DFA finds each place where
    /// one occurs: the places its windows would search for, on the
    /// project's texts. And most such rules are served by the DFA.
    #[test]
    fn located_literals_are_where_the_windows_literals_occur() {
        let rules: Vec<&'static dyn Rule> = Registry::global().rules().collect();
        let dispatch = Dispatch::new(rules, 0);
        let literals = dispatch.literals.as_ref().expect("literals");
        let whole: Vec<(&'static dyn Rule, usize)> = dispatch.whole_rules().collect();
        let (mut served, mut compared) = (0, 0);
        for text in crate::test_texts::project_texts() {
            let mut starts = vec![Vec::new(); dispatch.by_literal.len()];
            let mut located = vec![Vec::new(); dispatch.wholes.len()];
            let found = dispatch.literal_rules_to_run(literals, &text, &mut starts, &mut located);
            assert!(found.required && found.triggered.is_some());
            for &(rule, w) in &whole {
                let declarative = rule.as_declarative().expect("declarative");
                let Some(windows) = LiteralWindows::new(declarative.pattern()) else {
                    continue;
                };
                if !searched_literals(rule).is_some_and(|set| windows.literals_are(&set)) {
                    continue;
                }
                served += 1;
                let mut expected = windows.literals_in(&text);
                expected.sort_unstable();
                expected.dedup();
                let mut got = located[w].clone();
                got.sort_unstable();
                got.dedup();
                // Overlapping finds (`sss` for `ss`) may add places.
                assert!(
                    expected.iter().all(|at| got.binary_search(at).is_ok()),
                    "{}: {expected:?} {got:?}",
                    rule.meta().id
                );
                compared += expected.len();
            }
        }
        assert!(served >= 20 * 10 && compared > 100, "{served} {compared}");
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

    /// The windows of a rule searched over the whole text, a reverse lazy
    /// DFA each, are built for the first document that holds a literal
    /// every match of the rule holds, not before: built at the first
    /// document of every run, they made the whole process on an empty
    /// file run half as many instructions again.
    #[test]
    fn windows_wait_for_a_document_with_their_literals() {
        // As a short run does: until the regex set is built, the rules
        // with a regex prefilter run on every document.
        let dispatch = Dispatch::new(Registry::global().rules().collect(), SWITCH_AFTER_BYTES);
        let settings = Settings::default();
        let run = |text: &str| {
            let source = Source::new("t.txt", text, SourceKind::PlainText);
            dispatch.run(&Document::new(&source, &settings), &mut Vec::new());
        };
        let built = || {
            dispatch
                .whole_rules()
                .filter(|&(_, w)| matches!(dispatch.wholes[w].windows.get(), Some(Some(_))))
                .map(|(rule, _)| rule.meta().id)
                .collect::<Vec<_>>()
        };
        assert!(
            dispatch.wholes.len() >= 20,
            "{} rules",
            dispatch.wholes.len()
        );
        run("");
        run(ORDINARY_PROSE);
        assert_eq!(built(), Vec::<&str>::new());
        run("Elle occupe une position de cadre depuis mai.");
        assert!(built().contains(&"calque/position-poste"), "{:?}", built());
    }

    /// The paragraph that tells common prefilters from rare ones is
    /// correct French (nothing to find with the default rules), and
    /// splits the prefilters of every rule: some match it, most do not.
    #[test]
    fn ordinary_prose_is_clean_and_splits_the_prefilters() {
        let registry = Registry::global();
        let source = Source::new("t.txt", ORDINARY_PROSE, SourceKind::PlainText);
        let found = Linter::new(Settings::default())
            .expect("linter")
            .check(&source);
        assert!(found.is_empty(), "{found:?}");
        let rules: Vec<&'static dyn Rule> = registry
            .rules()
            .filter(|r| {
                r.meta().prefilter.literals.is_empty() && r.meta().prefilter.regex.is_some()
            })
            .collect();
        let prefilters = Prefilters {
            set: OnceLock::new(),
            checked: AtomicUsize::new(0),
            set_after: 0,
        };
        let regexes: Vec<&str> = rules
            .iter()
            .filter_map(|r| r.meta().prefilter.regex)
            .collect();
        let literals = Literals::new(&[], Vec::new(), regexes, 0);
        let built = prefilters.set(Some(&literals), 1).expect("the set builds");
        let gated = |wanted: fn(&Gate) -> bool| built.gates.iter().filter(|g| wanted(g)).count();
        // The rare prefilters are those that do not match ordinary prose.
        let rare = gated(|g| *g != Gate::Always);
        assert!(
            rare > rules.len() / 2 && rare < rules.len(),
            "{rare} of {}",
            rules.len()
        );
        // Most of them leave the set for their trigger literals; the
        // common ones run on every text.
        let triggered = gated(|g| *g == Gate::Triggers);
        let left = gated(|g| matches!(g, Gate::Pattern(_)));
        assert!(triggered > 2 * left, "{triggered} triggered, {left} left");
        assert_eq!(
            left,
            built.rare.as_ref().map_or(0, |r| r.regex.pattern_len())
        );
    }

    /// A class of bytes finds its first byte from every offset, its
    /// range holding other bytes or not.
    #[test]
    fn byte_class_finds_its_first_byte() {
        let text = b"abc 0 1 x9 z (a) 99 0";
        for members in [&b"0123456789"[..], b"09a", b"a"] {
            let class = ByteClass::new(members);
            for from in 0..=text.len() {
                let slow = text
                    .get(from..)
                    .and_then(|rest| rest.iter().position(|b| members.contains(b)))
                    .map(|p| from + p);
                assert_eq!(class.first(text, from), slow, "{members:?} {from}");
            }
        }
    }

    /// The rare set searched only in the windows after its first bytes
    /// finds the patterns a search of the whole text finds, on the
    /// project's texts and on numbers at every distance from each other.
    #[test]
    fn rare_set_windows_find_what_a_whole_search_finds() {
        let patterns = [
            "[1-9][0-9]{4}",
            "([0-9]{1,2})(?::([0-5][0-9]))?[ \\x{A0}]?([AaPp][Mm]|[ap]\\.m\\.)",
            "[0-9] ?(?:ft|lbs?)(?-u:\\b)",
        ];
        let set = RareSet::new(&patterns).expect("the set builds");
        assert!(set.starts.is_some());
        let mut texts = project_texts();
        for gap in 0..12 {
            let pad = "x".repeat(gap);
            texts.push(format!(
                "1{pad}23456 à 9{pad}pm, 4 ft{pad}2 ftx 7{pad}12345"
            ));
            texts.push(format!("{pad}10:30 AM é{pad}5 lb 1234 5678{pad}9"));
        }
        let mut found = 0;
        for text in &texts {
            let mut whole = PatternSet::new(patterns.len());
            set.regex
                .which_overlapping_matches(&Input::new(text.as_str()), &mut whole);
            let mut windows = PatternSet::new(patterns.len());
            set.matches(text, &mut windows);
            assert_eq!(
                windows.iter().collect::<Vec<_>>(),
                whole.iter().collect::<Vec<_>>(),
                "{text}"
            );
            found += whole.len();
        }
        assert!(found > 20, "{found}");
    }

    /// Wherever the prefilter of a rule without literal heads matches, one
    /// of its trigger literals occurs (the dispatcher runs the rule only
    /// there, once the DFA searches them). Tested on the project's texts.
    #[test]
    fn trigger_literals_occur_wherever_their_prefilter_matches() {
        let registry = Registry::global();
        let rules: Vec<&'static dyn Rule> = registry
            .rules()
            .filter(|r| {
                r.meta().prefilter.literals.is_empty() && r.meta().prefilter.regex.is_some()
            })
            .collect();
        let regexes = rules
            .iter()
            .filter_map(|r| r.meta().prefilter.regex)
            .collect();
        let literals = Literals::new(&[], Vec::new(), regexes, 0);
        let triggers = literals.triggers();
        let texts = project_texts();
        let mut checked = 0;
        for (j, rule) in rules.iter().enumerate() {
            if !triggers.of_rule[j] {
                continue;
            }
            let of_rule: Vec<&str> = triggers
                .literals
                .iter()
                .filter(|(_, rules)| rules.contains(&j))
                .map(|(literal, _)| literal.as_str())
                .collect();
            let pattern = rule.meta().prefilter.regex.expect("a prefilter");
            let prefilter = lean_regex::regex(pattern, false).expect("prefilter compiles");
            for text in &texts {
                for m in prefilter.find_iter(text.as_str()) {
                    checked += 1;
                    assert!(
                        of_rule.iter().any(|l| text[m.range()].contains(l)),
                        "{}: {:?} holds none of {of_rule:?}",
                        rule.meta().id,
                        &text[m.range()]
                    );
                }
            }
        }
        assert!(checked > 300, "only {checked} matches");
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
