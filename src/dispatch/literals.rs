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
    use regex_syntax::hir::literal::Extractor;
    let hir = regex_syntax::parse(pattern).ok()?;
    let mut extractor = Extractor::new();
    extractor
        .limit_class(16)
        .limit_repeat(8)
        .limit_literal_len(40)
        .limit_total(2000);
    let seq = extractor.extract(&hir);
    let literals = seq.literals()?;
    let mut out: Vec<String> = literals
        .iter()
        .map(|l| String::from_utf8(l.as_bytes().to_vec()).ok())
        .collect::<Option<_>>()?;
    let weak =
        |l: &String| l.is_empty() || (l.chars().count() < 3 && l.chars().any(char::is_alphabetic));
    if out.is_empty() || out.iter().any(|l| l.is_empty() || (selective && weak(l))) {
        return None;
    }
    out.sort();
    out.dedup();
    Some(out)
}

/// The literals every match of `pattern` ends with, if there is a finite
/// set of them and none is shorter than 3 characters. A rule whose
/// prefix literals are common words (`fait`, `plus`) checks that one of
/// these occurs before it compiles its pattern.
pub fn suffix_literals(pattern: &str) -> Option<Vec<String>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::parse(pattern).ok()?;
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Suffix)
        .limit_class(16)
        .limit_repeat(8)
        .limit_literal_len(40)
        .limit_total(64);
    let seq = extractor.extract(&hir);
    let mut out: Vec<String> = seq
        .literals()?
        .iter()
        .map(|l| String::from_utf8(l.as_bytes().to_vec()).ok())
        .collect::<Option<_>>()?;
    if out.is_empty() || out.iter().any(|l| l.chars().count() < 3) {
        return None;
    }
    out.sort();
    out.dedup();
    Some(out)
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

    #[test]
    fn every_match_ends_with_a_suffix() {
        let cases = [
            (
                "(?:fait|font)\\s+(?:une|la)\\s+décisions?",
                "Il fait une décision, ils font la décisions.",
            ),
            (
                "plus tard (?:aujourd'hui|cette semaine)",
                "plus tard cette semaine",
            ),
        ];
        for (pattern, text) in cases {
            let suffixes = suffix_literals(pattern).expect("suffixes");
            let full = regex::Regex::new(pattern).expect("pattern");
            assert!(full.is_match(text), "{pattern}");
            for m in full.find_iter(text) {
                assert!(
                    suffixes.iter().any(|l| m.as_str().ends_with(l.as_str())),
                    "{pattern}: {suffixes:?}"
                );
            }
        }
        assert!(suffix_literals("\\p{L}+").is_none());
        assert!(suffix_literals("\\p{L}+ à").is_none());
        assert_eq!(
            suffix_literals("(?:en|à) ce"),
            Some(vec!["en ce".into(), "à ce".into()])
        );
    }
}
