//! Regexes built for a start-up that matters: a check of one short file
//! compiles only what it needs, so compiling must be cheap. These builds
//! leave out the engines that cost most to build and matter only on long
//! texts, the full DFA and the one-pass DFA; the lazy DFA, which fills its
//! cache as it searches, keeps long searches fast.

use regex_automata::MatchKind;
use regex_automata::meta::Regex;
use regex_automata::nfa::thompson::WhichCaptures;

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

/// Compiles `pattern` for searches anchored where a literal of the
/// pattern was already found (the dispatch finds the literals of every
/// rule in one pass): without the literal prefilter, which such searches
/// never use. `captures` as in [`regex`].
pub fn anchored_regex(pattern: &str, captures: bool) -> Result<Regex, String> {
    build(config().auto_prefilter(false), pattern, captures)
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
    use regex_automata::{Input, PatternSet};

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
