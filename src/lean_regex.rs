//! Regexes built for a start-up that matters: a check of one short file
//! compiles only what it needs, so compiling must be cheap. These builds
//! leave out the engines that cost most to build and matter only on long
//! texts, the full DFA and the one-pass DFA; the lazy DFA, which fills its
//! cache as it searches, keeps long searches fast.

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::meta::Regex;
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input, MatchKind};
use regex_syntax::hir::{Hir, HirKind, Look, Repetition};
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The configuration shared by every lean build.
fn config() -> regex_automata::meta::Config {
    Regex::config().dfa(false).onepass(false)
}

/// `config`, recording every group with `captures`, else only the whole
/// match.
fn with_captures(
    config: regex_automata::meta::Config,
    captures: bool,
) -> regex_automata::meta::Config {
    config.which_captures(if captures {
        WhichCaptures::All
    } else {
        WhichCaptures::Implicit
    })
}

/// Compiles `pattern` with `config`; `captures` as in [`with_captures`].
fn build(
    config: regex_automata::meta::Config,
    pattern: &str,
    captures: bool,
) -> Result<Regex, String> {
    Regex::builder()
        .configure(with_captures(config, captures))
        .build(pattern)
        .map_err(|e| e.to_string())
}

/// Compiles `pattern` (errors are the message); with `captures`, every group is recorded, else only
/// the whole match.
pub fn regex(pattern: &str, captures: bool) -> Result<Regex, String> {
    build(config(), pattern, captures)
}

/// [`regex`] for a pattern already parsed (`regex_syntax`'s default
/// syntax, the `regex` crate's): a caller that reads the parsed form
/// spares a second parse. With `anchored`, for searches anchored where a
/// literal of the pattern was already found (the dispatch finds the
/// literals of every rule in one pass): without the literal prefilter,
/// which such searches never use.
pub fn regex_from_hir(
    hir: &regex_syntax::hir::Hir,
    captures: bool,
    anchored: bool,
) -> Result<Regex, String> {
    let config = if anchored {
        config().auto_prefilter(false)
    } else {
        config()
    };
    Regex::builder()
        .configure(with_captures(config, captures))
        .build_from_hir(hir)
        .map_err(|e| e.to_string())
}

/// Compiles `pattern` for searches of short haystacks only (a few hundred
/// bytes: guards around a match, runs of text without spaces), without
/// the lazy DFA: the bounded backtracker and the PikeVM serve such
/// searches, and leaving the DFA out spares building the reverse NFA it
/// needs, about half of the compile time; and without the literal
/// prefilter, which a short search does not repay. `captures` as in
/// [`regex`].
pub fn short_haystack_regex(pattern: &str, captures: bool) -> Result<Regex, String> {
    build(short_haystack_config(), pattern, captures)
}

/// The configuration of [`short_haystack_regex`].
fn short_haystack_config() -> regex_automata::meta::Config {
    config().hybrid(false).auto_prefilter(false)
}

/// [`short_haystack_regex`] for a pattern already parsed (`regex_syntax`'s
/// default syntax, the `regex` crate's): a caller that reads the parsed
/// form spares a second parse.
pub fn short_haystack_regex_from_hir(
    hir: &regex_syntax::hir::Hir,
    captures: bool,
) -> Result<Regex, String> {
    Regex::builder()
        .configure(with_captures(short_haystack_config(), captures))
        .build_from_hir(hir)
        .map_err(|e| e.to_string())
}

/// Whether `look` is a Unicode word boundary assertion (`\b`, `\B`,
/// `\b{start}`…), which the lazy DFA cannot follow past a non-ASCII byte.
fn is_unicode_word_look(look: Look) -> bool {
    matches!(
        look,
        Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode
    )
}

/// `hir` without its Unicode word boundary assertions and its capture
/// groups: it matches every string `hir` matches, and more.
pub fn without_unicode_word_looks(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(look) if is_unicode_word_look(*look) => Hir::empty(),
        HirKind::Capture(capture) => without_unicode_word_looks(&capture.sub),
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(without_unicode_word_looks(&repetition.sub)),
            ..repetition.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(without_unicode_word_looks).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(without_unicode_word_looks).collect())
        }
        _ => hir.clone(),
    }
}

/// Whether `hir` has Unicode word boundary assertions, the patterns
/// [`reach_regex`] serves.
pub fn has_unicode_word_looks(hir: &Hir) -> bool {
    hir.properties().look_set().contains_word_unicode()
}

/// For a pattern with Unicode word boundaries (`None` without): a regex
/// whose longest match anchored at a position ends at or after the end
/// of every match of the pattern anchored there, and which the lazy DFA
/// runs to the end.
///
/// The lazy DFA gives up on a Unicode `\b` at the first non-ASCII byte,
/// in nearly every French line, and the regex then falls back to an
/// engine that cannot stop early: the bounded backtracker clears a
/// visited set as long as the haystack first. This regex is the pattern
/// without those assertions (it matches more), in "all matches" mode (its
/// search ends at its longest match): the pattern's search can be
/// narrowed to end there, and skipped where it finds nothing.
pub fn reach_regex(hir: &Hir) -> Option<Result<Regex, String>> {
    has_unicode_word_looks(hir).then(|| longest_match_regex(hir))
}

/// `hir` without its Unicode word boundaries (see [`reach_regex`]), in
/// "all matches" mode: a search anchored at a position ends at the end of
/// its longest match there, at or after the end of every match of `hir`
/// anchored there, and finds nothing where `hir` cannot match. The lazy
/// DFA runs it, with no Unicode word boundary to give up on.
pub fn longest_match_regex(hir: &Hir) -> Result<Regex, String> {
    Regex::builder()
        .configure(
            // Only the lazy DFA and, should it give up, the PikeVM: both
            // end an "all matches" search at the longest match.
            config()
                .auto_prefilter(false)
                .backtrack(false)
                .match_kind(MatchKind::All)
                .which_captures(WhichCaptures::Implicit),
        )
        .build_from_hir(&without_unicode_word_looks(hir))
        .map_err(|e| e.to_string())
}

/// Makes a lazy DFA cache for a thread that has none free.
type MakeCache = Box<dyn Fn() -> Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// A pattern run backwards on a lazy DFA from a fixed end, reporting
/// every place a match ending there starts.
pub struct ReverseStarts {
    /// The pattern, reversed, reporting every match.
    dfa: DFA,
    caches: Pool<Cache, MakeCache>,
}

impl std::fmt::Debug for ReverseStarts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReverseStarts").finish_non_exhaustive()
    }
}

/// What [`ReverseStarts::earliest`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Earliest {
    /// The earliest start at or after the floor of a match ending at the
    /// end (`None`: there is none).
    pub start: Option<usize>,
    /// Whether a match might also start before the floor: the DFA was
    /// still alive there.
    pub alive_at_floor: bool,
}

impl ReverseStarts {
    /// The reverse search of `hir` (`None` when the lazy DFA cannot run
    /// it: a Unicode word boundary).
    pub fn new(hir: &Hir) -> Option<ReverseStarts> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .reverse(true)
                    .which_captures(WhichCaptures::None),
            )
            .build_from_hir(hir)
            .ok()?;
        let dfa = DFA::builder()
            .configure(DFA::config().match_kind(MatchKind::All))
            .build_from_nfa(nfa)
            .ok()?;
        let for_caches = dfa.clone();
        let make: MakeCache = Box::new(move || for_caches.create_cache());
        Some(ReverseStarts {
            dfa,
            caches: Pool::new(make),
        })
    }

    /// The earliest start, not before `floor`, of a match of the pattern
    /// that ends at `end` (look-around sees the whole `text`), or `None`
    /// when the lazy DFA gave up.
    pub fn earliest(&self, text: &str, floor: usize, end: usize) -> Option<Earliest> {
        let bytes = text.as_bytes();
        let input = Input::new(text).range(floor..end).anchored(Anchored::Yes);
        let dfa = &self.dfa;
        let mut cache = self.caches.get();
        let cache = &mut *cache;
        let mut sid = dfa.start_state_reverse(cache, &input).ok()?;
        let mut start = None;
        let mut at = end;
        // A lazy DFA reports a match one byte late: the state after the
        // byte at `at` tells whether a match starts at `at + 1`.
        while at > floor {
            at -= 1;
            sid = dfa.next_state(cache, sid, bytes[at]).ok()?;
            if sid.is_match() {
                start = Some(at + 1);
            } else if sid.is_dead() {
                return Some(Earliest {
                    start,
                    alive_at_floor: false,
                });
            } else if sid.is_quit() {
                return None;
            }
        }
        sid = match floor.checked_sub(1) {
            Some(before) => dfa.next_state(cache, sid, bytes[before]).ok()?,
            None => dfa.next_eoi_state(cache, sid).ok()?,
        };
        if sid.is_match() {
            start = Some(floor);
        }
        Some(Earliest {
            start,
            alive_at_floor: !sid.is_dead(),
        })
    }
}

/// An engine that pays for its build only on a run long enough: it is
/// built the first time it is asked for after `after` asks, and until
/// then the caller searches with a cheaper build (a short file never
/// compiles it). Once built, an ask costs a load.
#[derive(Debug)]
pub struct Deferred<T> {
    asked: AtomicUsize,
    after: usize,
    built: OnceLock<T>,
}

impl<T> Deferred<T> {
    /// Nothing built, none of the `after` asks made.
    pub const fn new(after: usize) -> Deferred<T> {
        Deferred {
            asked: AtomicUsize::new(0),
            after,
            built: OnceLock::new(),
        }
    }

    /// `None` for the first `after` asks (by every thread), then what
    /// `build` makes, built once.
    pub fn get(&self, build: impl FnOnce() -> T) -> Option<&T> {
        if let Some(built) = self.built.get() {
            return Some(built);
        }
        if self.asked.fetch_add(1, Ordering::Relaxed) < self.after {
            return None;
        }
        Some(self.built.get_or_init(build))
    }

    /// What `build` makes, built now if it is not yet (for tests, which
    /// compare the two builds whatever was asked before).
    pub fn force(&self, build: impl FnOnce() -> T) -> &T {
        self.built.get_or_init(build)
    }

    /// Whether it has been built.
    pub fn is_built(&self) -> bool {
        self.built.get().is_some()
    }
}

/// Compiles `patterns` into one regex that reports which of them match
/// (with `which_overlapping_matches`), as a `RegexSet` does.
pub fn set<P: AsRef<str>>(patterns: &[P]) -> Result<Regex, String> {
    Regex::builder()
        .configure(
            config()
                .match_kind(MatchKind::All)
                .which_captures(WhichCaptures::None),
        )
        .build_many(patterns)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::{Anchored, Input, PatternSet};

    #[test]
    fn deferred_builds_once_after_its_asks() {
        let deferred: Deferred<usize> = Deferred::new(3);
        let builds = std::cell::Cell::new(0);
        let build = || {
            builds.set(builds.get() + 1);
            42
        };
        for _ in 0..3 {
            assert_eq!(deferred.get(build), None);
        }
        assert!(!deferred.is_built());
        assert_eq!(deferred.get(build), Some(&42));
        assert_eq!(deferred.get(build), Some(&42));
        assert_eq!(builds.get(), 1);
        let forced: Deferred<usize> = Deferred::new(1000);
        assert_eq!(*forced.force(|| 7), 7);
        assert_eq!(forced.get(|| 8), Some(&7));
    }

    #[test]
    fn regex_finds_and_captures() {
        let re = regex(r"(?<jour>[0-9]+) (?<mois>\p{L}+)", true).expect("valid");
        let text = "le 14 juillet et le 1 mai";
        let found: Vec<_> = re.find_iter(text).map(|m| &text[m.range()]).collect();
        assert_eq!(found, ["14 juillet", "1 mai"]);
        let mut caps = re.create_captures();
        re.captures(text, &mut caps);
        let mois = caps.get_group_by_name("mois").expect("group");
        assert_eq!(&text[mois.range()], "juillet");
    }

    /// The reach regex's anchored match ends at or after the pattern's,
    /// and finds one wherever the pattern does.
    #[test]
    fn reach_regex_ends_at_or_after_the_pattern() {
        let pattern = r"(?<v>comment(?:ons|er|e))\s+sur\b(?:\s+(?:le|la)\b)?";
        let hir = regex_syntax::parse(pattern).expect("valid");
        let exact = regex(pattern, true).expect("valid");
        let reach = reach_regex(&hir).expect("a Unicode \\b").expect("valid");
        assert!(reach_regex(&regex_syntax::parse("a(?-u:\\b)").expect("valid")).is_none());
        let text = "commenter sur la page, commentons surtout, commente sur léa, commenter sur le";
        let mut compared = 0;
        for start in text.char_indices().map(|(i, _)| i) {
            let input = Input::new(text).range(start..).anchored(Anchored::Yes);
            let far = reach.search_half(&input).map(|m| m.offset());
            if let Some(m) = exact.search(&input) {
                compared += 1;
                assert!(
                    far.is_some_and(|end| end >= m.end()),
                    "{start}: {far:?} {m:?}"
                );
            }
        }
        assert_eq!(compared, 3);
        // `sur\b` fails before `tout`, which the reach regex cannot see:
        // it matches there.
        let at = text.find("commentons").expect("present");
        let input = Input::new(text).range(at..).anchored(Anchored::Yes);
        assert!(exact.search(&input).is_none());
        assert!(reach.search_half(&input).is_some());
    }

    #[test]
    fn set_reports_every_pattern_that_matches() {
        let set = set(&["choc", "shock", "c"]).expect("valid");
        let mut found = PatternSet::new(set.pattern_len());
        set.which_overlapping_matches(&Input::new("un choc"), &mut found);
        let ids: Vec<usize> = found.iter().map(|p| p.as_usize()).collect();
        assert_eq!(ids, [0, 2]);
        assert!(regex("(", false).is_err());
    }
}
