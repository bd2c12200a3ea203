//! Regexes built for a start-up that matters: a check of one short file
//! compiles only what it needs, so compiling must be cheap. These builds
//! leave out the engines that cost most to build and matter only on long
//! texts, the full DFA and the one-pass DFA; the lazy DFA, which fills its
//! cache as it searches, keeps long searches fast.

use regex_automata::MatchKind;
use regex_automata::meta::Regex;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_syntax::hir::{Hir, HirKind, Look, Repetition};

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
fn without_unicode_word_looks(hir: &Hir) -> Hir {
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
    if !has_unicode_word_looks(hir) {
        return None;
    }
    Some(
        Regex::builder()
            .configure(
                // Only the lazy DFA and, should it give up, the PikeVM:
                // both end an "all matches" search at the longest match.
                config()
                    .auto_prefilter(false)
                    .backtrack(false)
                    .match_kind(MatchKind::All)
                    .which_captures(WhichCaptures::Implicit),
            )
            .build_from_hir(&without_unicode_word_looks(hir))
            .map_err(|e| e.to_string()),
    )
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
