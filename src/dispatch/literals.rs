//! Literal prefilters for declarative rules, derived at build time
//! (`build.rs` includes this file): the literals every match of a pattern
//! starts with. The linter finds all of them in one Aho-Corasick pass, and
//! only the rules whose literals occur run their regexes; patterns without
//! a small set of literals go to the linter's `RegexSet` instead. Compiling
//! a few hundred literals this way takes microseconds, where a `RegexSet`
//! of the same patterns takes milliseconds at start-up.

/// The literals every match of `pattern` starts with, if the pattern has a
/// finite set of them (up to 2,000). With `selective`, none may be a word
/// shorter than 3 characters (`en`, `à `): it would let the rule run on
/// nearly every text (`,,` and `..` are fine).
pub fn prefilter_literals(pattern: &str, selective: bool) -> Option<Vec<String>> {
    use regex_syntax::hir::literal::ExtractKind;
    let hir = regex_syntax::parse(pattern).ok()?;
    let out = extracted(&hir, ExtractKind::Prefix, 2000)?;
    let weak =
        |l: &String| l.is_empty() || (l.chars().count() < 3 && l.chars().any(char::is_alphabetic));
    if out.iter().any(|l| l.is_empty() || (selective && weak(l))) {
        return None;
    }
    Some(out)
}

/// The literals every match of `hir` starts (or ends) with, sorted, each
/// once, if there is a finite set of at most `total` (classes of up to 16
/// characters expanded); `None` also for an empty set.
fn extracted(
    hir: &regex_syntax::hir::Hir,
    kind: regex_syntax::hir::literal::ExtractKind,
    total: usize,
) -> Option<Vec<String>> {
    use regex_syntax::hir::literal::Extractor;
    let mut extractor = Extractor::new();
    extractor
        .kind(kind)
        .limit_class(16)
        .limit_repeat(8)
        .limit_literal_len(40)
        .limit_total(total);
    let mut out: Vec<String> = extractor
        .extract(hir)
        .literals()?
        .iter()
        .map(|l| String::from_utf8(l.as_bytes().to_vec()).ok())
        .collect::<Option<_>>()?;
    if out.is_empty() {
        return None;
    }
    out.sort();
    out.dedup();
    Some(out)
}

/// Literals one of which every match of `pattern` contains, when such a
/// set exists with none shorter than 3 characters; the most selective one
/// found (its shortest literal the longest, then the fewest literals). A
/// text without any of them holds no match, so a rule looks for them
/// before it compiles or runs its pattern: its first words may be common
/// (`fait`, `il me`) where a later one is rare (`plaisir`).
///
/// The candidates are the literals every match ends with and, for a
/// pattern that is a sequence (`a b c`), the literals every match of each
/// tail of the sequence (`b c`, `c`) starts with: every match of the whole
/// holds a match of each tail.
pub fn required_literals(pattern: &str) -> Option<Vec<String>> {
    required_of(&regex_syntax::parse(pattern).ok()?)
}

/// [`required_literals`] of a parsed pattern.
fn required_of(hir: &regex_syntax::hir::Hir) -> Option<Vec<String>> {
    use regex_syntax::hir::literal::ExtractKind;
    let ends = literal_set(hir, ExtractKind::Suffix);
    match (ends, literal_tail(hir)) {
        (Some(ends), Some(tail)) if selectivity(&ends) >= selectivity(&tail.literals) => Some(ends),
        (_, Some(tail)) => Some(tail.literals),
        (ends, None) => ends,
    }
}

/// Literals one of which every match of `pattern` holds, for a rule
/// without literal heads; `None` when there is no such set
/// (`[1-9][0-9]{4}`). A text without any of them holds no match. They
/// are the strings the pattern matches, when it matches only a finite set
/// of at most 1,000 (`[oO][eE]`, `[0-9]\+`); for an alternation, those of
/// each branch; else the more selective of its required literals
/// ([`required_literals`]) and of the literals its matches start with, 3
/// characters or more each (`janvier 1` for `janvier [0-9]{1,2},`). A
/// pattern with a look-around (`\b`) has none: the literals around it are
/// a wider condition than the pattern (`0 sec` for `[0-9] ?sec\b` finds
/// `20 secondes`).
pub fn trigger_literals(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::parse(pattern).ok()?;
    if !hir.properties().look_set().is_empty() {
        return None;
    }
    let mut out = triggers_of(&hir)?;
    out.sort();
    out.dedup();
    Some(out)
}

/// [`trigger_literals`] of a parsed pattern without look-around.
fn triggers_of(hir: &regex_syntax::hir::Hir) -> Option<Vec<String>> {
    use regex_syntax::hir::HirKind;
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Prefix)
        .limit_class(128)
        .limit_repeat(8)
        .limit_literal_len(40)
        .limit_total(1000);
    let seq = extractor.extract(hir);
    let starts: Option<Vec<String>> = seq
        .literals()
        .filter(|l| !l.is_empty() && l.iter().all(|l| !l.as_bytes().is_empty()))
        .and_then(|l| {
            l.iter()
                .map(|l| String::from_utf8(l.as_bytes().to_vec()).ok())
                .collect()
        });
    if seq.is_exact() && starts.is_some() {
        return starts;
    }
    let mut node = hir;
    while let HirKind::Capture(group) = node.kind() {
        node = &group.sub;
    }
    if let HirKind::Alternation(branches) = node.kind() {
        return branches
            .iter()
            .map(triggers_of)
            .collect::<Option<Vec<_>>>()
            .map(|sets| sets.concat());
    }
    let starts = starts.filter(|s| s.iter().all(|l| l.chars().count() >= 3));
    match (starts, required_of(hir)) {
        (Some(s), Some(r)) if selectivity(&r) > selectivity(&s) => Some(r),
        (Some(s), _) => Some(s),
        (None, r) => r,
    }
}

/// The bytes every match of `pattern` starts with, and the most bytes a
/// match holds; `None` when either is unbounded (`\p{L}+`) or the
/// pattern can match the empty string.
pub fn first_bytes(pattern: &str) -> Option<(Vec<u8>, usize)> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::parse(pattern).ok()?;
    let longest = hir.properties().maximum_len()?;
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix).limit_class(128);
    let seq = extractor.extract(&hir);
    let literals = seq.literals()?;
    let mut first: Vec<u8> = literals
        .iter()
        .map(|l| l.as_bytes().first().copied())
        .collect::<Option<_>>()?;
    first.sort_unstable();
    first.dedup();
    (!first.is_empty()).then_some((first, longest))
}

/// A pattern cut where its matches hold a literal: `head` matches the
/// text before it, and every match of the rest starts with one of
/// `literals`.
pub struct LiteralTail {
    /// The part of the pattern before the literal.
    pub head: regex_syntax::hir::Hir,
    /// The literals every match of the rest starts with (3 characters or
    /// more each).
    pub literals: Vec<String>,
}

/// For a pattern that is a sequence (`a b c`, inside capture groups), the
/// most selective cut (see [`required_literals`]) of it into a head and
/// a tail whose matches start with a small set of literals: every match
/// of the whole is a match of the head, then a match of the tail.
pub fn literal_tail(hir: &regex_syntax::hir::Hir) -> Option<LiteralTail> {
    use regex_syntax::hir::literal::ExtractKind;
    use regex_syntax::hir::{Hir, HirKind};
    let mut node = hir;
    while let HirKind::Capture(group) = node.kind() {
        node = &group.sub;
    }
    let HirKind::Concat(parts) = node.kind() else {
        return None;
    };
    let mut best: Option<(usize, Vec<String>)> = None;
    for start in 0..parts.len() {
        let tail = Hir::concat(parts[start..].to_vec());
        if let Some(set) = literal_set(&tail, ExtractKind::Prefix) {
            best = match best {
                Some(old) if selectivity(&old.1) >= selectivity(&set) => Some(old),
                _ => Some((start, set)),
            };
        }
    }
    best.map(|(start, literals)| LiteralTail {
        head: Hir::concat(parts[..start].to_vec()),
        literals,
    })
}

/// The literals every match of `hir` starts (or ends) with, if there is a
/// finite set of at most 64, none shorter than 3 characters.
fn literal_set(
    hir: &regex_syntax::hir::Hir,
    kind: regex_syntax::hir::literal::ExtractKind,
) -> Option<Vec<String>> {
    extracted(hir, kind, 64).filter(|set| set.iter().all(|l| l.chars().count() >= 3))
}

/// How selective a set of literals is, to compare sets: the length in
/// characters of its shortest literal, then (reversed) how many it holds.
fn selectivity(set: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = set.iter().map(|l| l.chars().count()).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(set.len()))
}

/// The most characters of a literal the linter looks for.
pub const LITERAL_HEAD_CHARS: usize = 6;

/// The first [`LITERAL_HEAD_CHARS`] characters of a prefilter literal.
/// Where a literal occurs, its head does, so the heads find every place a
/// rule may match (and a few more); the conjugations of a verb share a few
/// heads, which makes the automaton four times smaller and quicker to
/// build.
pub fn literal_head(literal: &str) -> &str {
    literal
        .char_indices()
        .nth(LITERAL_HEAD_CHARS)
        .map_or(literal, |(at, _)| &literal[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_match_starts_with_a_literal() {
        let cases = [
            (
                "(Mr\\.?)[ \\x{A0}]\\p{Lu}\\p{L}*",
                "Selon Mr. Dupont et Mr Durand",
            ),
            ("(?i)faire du sens", "Cela Fait du sens ? Faire du sens."),
            ("\\.\\.\\.", "Et puis..."),
            (
                "qu'(?:impactent|impactait|impacteront)",
                "ce qu'impactent les taxes",
            ),
        ];
        for (pattern, text) in cases {
            let literals = prefilter_literals(pattern, true).expect("literals");
            let full = regex::Regex::new(pattern).expect("pattern");
            assert!(full.is_match(text), "{pattern}");
            for m in full.find_iter(text) {
                let rest = &text[m.start()..];
                assert!(
                    literals.iter().any(|l| rest.starts_with(l.as_str())),
                    "{pattern}: {literals:?}"
                );
            }
        }
        assert!(prefilter_literals("\\p{L}+-t-il", true).is_none());
        assert!(prefilter_literals("a?", true).is_none());
        assert!(prefilter_literals("(?:en|à) charge", true).is_some());
        assert!(prefilter_literals("à|en", true).is_none());
        assert_eq!(
            prefilter_literals("à|en", false),
            Some(vec!["en".into(), "à".into()])
        );
        assert_eq!(prefilter_literals(",,+", true), Some(vec![",,".into()]));
    }

    /// `pattern` matches `text`, and each of its matches there holds one
    /// of `literals`.
    fn assert_every_match_holds_one(pattern: &str, text: &str, literals: &[String]) {
        let full = regex::Regex::new(pattern).expect("pattern");
        assert!(full.is_match(text), "{pattern}");
        for m in full.find_iter(text) {
            assert!(
                literals.iter().any(|l| m.as_str().contains(l.as_str())),
                "{pattern}: {literals:?}"
            );
        }
    }

    #[test]
    fn every_match_holds_a_trigger_literal() {
        let cases = [
            ("[oO][eE]", "Le coeur, l'OEuvre, le mOe."),
            ("[0-9]\\+", "Plus de 30+ options, 4+4."),
            ("[$€£] ?[0-9]", "Un prix de $ 5 ou €12 et £3."),
            ("[0-9](?:st|nd|rd|th)", "Le 1st et le 22nd, pas 3thé."),
            ("à\\s+l[’']année\\s+longue", "ouvert à l’année  longue"),
            (
                "(?:mai|juin) [0-9]{1,2},",
                "le 3 mai 12, puis juin 4, juin 2024",
            ),
        ];
        for (pattern, text) in cases {
            let triggers = trigger_literals(pattern).expect("trigger literals");
            assert_every_match_holds_one(pattern, text, &triggers);
        }
        // The strings of a finite pattern, every one of them.
        assert_eq!(
            trigger_literals("[oO][eE]"),
            Some(vec!["OE".into(), "Oe".into(), "oE".into(), "oe".into()])
        );
        assert_eq!(trigger_literals("[0-9]\\+").map(|t| t.len()), Some(10));
        // Not finite: the rare word every match holds.
        assert_eq!(
            trigger_literals("à\\s+l[’']année\\s+longue"),
            Some(vec!["l'année".into(), "l’année".into()])
        );
        assert_eq!(trigger_literals("[1-9][0-9]{4}"), None);
        assert_eq!(trigger_literals("[0-9] ?(?:ft|sec)(?-u:\\b)"), None);
        // Not finite, no rare word: the starts of its matches.
        assert_eq!(
            trigger_literals("(?:mai|juin) [0-9]{1,2},").map(|t| t.len()),
            Some(20)
        );
        assert_eq!(trigger_literals("\\p{Lu}\\p{L}+"), None);
    }

    #[test]
    fn matches_start_with_their_first_bytes_and_stay_short() {
        let (first, longest) = first_bytes("[1-9][0-9]{4}").expect("bounded");
        assert_eq!(first, b"123456789".to_vec());
        assert_eq!(longest, 5);
        let (first, longest) = first_bytes("[0-9]{1,2} ?(?:am|pm)(?-u:\\b)").expect("bounded");
        assert_eq!(first, b"0123456789".to_vec());
        assert_eq!(longest, 5);
        assert_eq!(first_bytes("[0-9]+"), None);
        assert_eq!(first_bytes("a?"), None);
        assert_eq!(first_bytes("\\p{L}{2}"), None);
    }

    #[test]
    fn every_match_holds_a_required_literal() {
        let cases = [
            (
                "(?:fait|font)\\s+(?:une|la)\\s+décisions?",
                "Il fait une décision, ils font la décisions.",
            ),
            (
                "plus tard (?:aujourd'hui|cette semaine)",
                "plus tard cette semaine",
            ),
            (
                "en\\s+dedans\\s+d[e’']",
                "en dedans de la boîte, en  dedans d’elle",
            ),
        ];
        for (pattern, text) in cases {
            let required = required_literals(pattern).expect("required literals");
            assert_every_match_holds_one(pattern, text, &required);
        }
        assert!(required_literals("\\p{L}+").is_none());
        assert!(required_literals("\\p{L}+ à").is_none());
        assert!(required_literals("(?:en|à) ce|la").is_none());
        assert_eq!(
            required_literals("(?:en|à) ce"),
            Some(vec!["en ce".into(), "à ce".into()])
        );
        // The cut behind them: the head matches what comes before.
        let hir = regex_syntax::parse("(?<d>(?:la|une)\\s+)?positions?").expect("pattern");
        let tail = literal_tail(&hir).expect("a cut");
        assert_eq!(tail.literals, vec!["position", "positions"]);
        let head = regex::Regex::new(&format!("^(?:{})$", tail.head)).expect("head");
        assert!(head.is_match("une  ") && head.is_match("") && !head.is_match("des "));
        assert!(literal_tail(&regex_syntax::parse("\\p{L}+ à").expect("pattern")).is_none());
        // A rare word inside the pattern wins over short first and last
        // words.
        assert_eq!(
            required_literals("[iI]l\\s+(?:me|nous)\\s+fait\\s+plaisir\\s+de"),
            Some(vec!["plaisir".into()])
        );
    }
}
