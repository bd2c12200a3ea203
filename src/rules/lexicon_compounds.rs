//! Hyphens that machine translation drops: compounds of the lexicon written
//! with spaces (`au dessus`, `vingt deux`, `peut être` where it is the
//! adverb) and verb–subject inversions in questions (`pensez vous ?`).

use super::{CodeRuleDef, RuleMeta, always};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::lexicon::{self, Pos, VerbForm};
use crate::span::Span;
use crate::tagger::Upos;
use crate::tokenize::{TokenKind, is_word_char};
use crate::wordlist::word_set;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

pub(super) const RULES: &[CodeRuleDef] = &[
    always("hyphenation/lexicon-compound", lexicon_compound),
    always("hyphenation/inversion", inversion),
];

/// The compounds of `rules/data/hyphenated-compounds.txt` by their first
/// part, each split into its parts, longest first (`quatre-vingt-dix`
/// before `quatre-vingt`).
static COMPOUNDS: LazyLock<FxHashMap<&'static str, Vec<Vec<&'static str>>>> = LazyLock::new(|| {
    let mut map: FxHashMap<&'static str, Vec<Vec<&'static str>>> = FxHashMap::default();
    for compound in word_set(include_str!("../../rules/data/hyphenated-compounds.txt")) {
        let parts: Vec<&'static str> = compound.split('-').collect();
        map.entry(parts[0]).or_default().push(parts);
    }
    for list in map.values_mut() {
        list.sort_by_key(|p| std::cmp::Reverse(p.len()));
    }
    map
});

/// For each ASCII first letter (lowercase), the byte lengths of the first
/// parts of the compounds it starts, as bits. A word starting with an
/// ASCII letter lowers to a word of the same length starting with an ASCII
/// letter, so one whose letter and length are not listed starts no
/// compound; words starting with another letter are all looked up.
static FIRST_PARTS: LazyLock<[u64; 128]> = LazyLock::new(|| {
    let mut lengths = [0u64; 128];
    for key in COMPOUNDS.keys() {
        if let Some(&b) = key.as_bytes().first()
            && b.is_ascii()
            && key.len() < 64
        {
            lengths[usize::from(b)] |= 1 << key.len();
        }
    }
    lengths
});

/// Whether a word starting with `first` and whose part before any hyphen
/// is `len` bytes long may start a compound (see [`FIRST_PARTS`]).
fn may_start_compound(first: char, len: usize) -> bool {
    !first.is_ascii()
        || (len < 64 && FIRST_PARTS[first.to_ascii_lowercase() as usize] & (1 << len) != 0)
}

/// Room for the first part of a compound, lowered (the longest first
/// part, `quatre`… `soixante`, is far shorter).
const FIRST_PART_BYTES: usize = 48;

/// `word` with its first letter lowered, written into `buffer`; `None`
/// when it does not fit.
fn lower_first_in<'b>(word: &str, buffer: &'b mut [u8]) -> Option<&'b str> {
    let mut chars = word.chars();
    let first = chars.next()?;
    let mut at = 0;
    for c in first.to_lowercase() {
        let len = c.len_utf8();
        c.encode_utf8(buffer.get_mut(at..at + len)?);
        at += len;
    }
    let rest = chars.as_str().as_bytes();
    buffer.get_mut(at..at + rest.len())?.copy_from_slice(rest);
    std::str::from_utf8(&buffer[..at + rest.len()]).ok()
}

/// Tries the parts of a compound at byte `start` (the start of a word):
/// the end of the match and the spaces that should be hyphens.
fn match_parts(text: &str, start: usize, parts: &[&str]) -> Option<(usize, Vec<Span>)> {
    let mut pos = start;
    let mut spaces = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            let c = text[pos..].chars().next()?;
            match c {
                '-' => {}
                ' ' | '\u{A0}' => spaces.push(Span::new(pos, pos + c.len_utf8())),
                _ => return None,
            }
            pos += c.len_utf8();
        }
        let end = text[pos..]
            .find(|c: char| !is_word_char(c))
            .map_or(text.len(), |i| pos + i);
        let word = &text[pos..end];
        // The first part may start a sentence with a capital.
        let same = word == *part || (k == 0 && crate::wordlist::lower_first(word) == *part);
        if !same {
            return None;
        }
        pos = end;
    }
    (!spaces.is_empty() && !text[pos..].starts_with('-')).then_some((pos, spaces))
}

/// Whether `peut être` at token `i` is the adverb: after a conjugated verb
/// (`Il viendra peut être demain`, `Il est peut être parti`), or starting
/// a sentence before `que` or a comma. After a subject (`il peut être`,
/// `Le livre peut être`), it is the verb `pouvoir` and the infinitive.
fn is_adverb_peut_etre(doc: &Document, i: usize, end: usize) -> bool {
    let tokens = doc.tokens();
    if tokens[i].is_sentence_start() {
        let after = doc.text()[end..].trim_start_matches([' ', '\u{A0}']);
        return after.starts_with("que") || after.starts_with("qu’") || after.starts_with(',');
    }
    let Some(prev) = doc.prev_non_space(i) else {
        return false;
    };
    if tokens[prev].kind != TokenKind::Word {
        return false;
    }
    doc.reading(prev).is_some_and(|r| {
        matches!(r.upos, Upos::Verb | Upos::Aux) && r.verb_form == Some(VerbForm::Finite)
    }) && !matches!(doc.token_text(prev), "ne" | "n’" | "n'")
}

fn lexicon_compound(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let tokens = doc.tokens();
    let mut covered = 0;
    for i in doc.tokens_of(TokenKind::Word) {
        let t = tokens[i];
        if t.span().start < covered {
            continue;
        }
        let word = doc.token_text(i);
        let first_len = word.bytes().position(|b| b == b'-').unwrap_or(word.len());
        // Most words are ruled out by their first letter and length,
        // without hashing them.
        if !may_start_compound(t.first, first_len) {
            continue;
        }
        let first = &word[..first_len];
        // No allocation: lowercase words are looked up as they are, others
        // lowered into a buffer (a word longer than it is no first part).
        let mut buffer = [0u8; FIRST_PART_BYTES];
        let candidates = if t.first.is_lowercase() {
            COMPOUNDS.get(first)
        } else {
            lower_first_in(first, &mut buffer).and_then(|lower| COMPOUNDS.get(lower))
        };
        let Some(candidates) = candidates else {
            continue;
        };
        let start = t.span().start;
        let Some((parts, (end, spaces))) = candidates
            .iter()
            .find_map(|parts| match_parts(text, start, parts).map(|m| (parts, m)))
        else {
            continue;
        };
        let span = Span::new(start, end);
        if doc.in_code(span) || doc.touches_link(span) {
            continue;
        }
        if parts[..] == ["peut", "être"] && !is_adverb_peut_etre(doc, i, end) {
            continue;
        }
        covered = end;
        let compound = parts.join("-");
        let mut d = meta.diagnostic(
            span,
            format!(
                "« {} »: French writes the compound with hyphens (« {compound} »)",
                &text[start..end]
            ),
        );
        d.fix = Some(Fix::new(
            spaces.into_iter().map(|s| Edit::replace(s, "-")).collect(),
            crate::diagnostic::Applicability::Safe,
        ));
        out.push(d);
    }
}

/// Subject pronouns that follow the verb in an inverted question.
const PRONOUNS: &[&str] = &[
    "je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles",
];

/// Question words after which the verb and its subject are inverted.
const QUESTION_WORDS: &[&str] = &[
    "que", "qu’", "qu'", "où", "comment", "quand", "pourquoi", "combien", "quel", "quelle",
    "quels", "quelles",
];

fn inversion(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for range in doc.sentences() {
        // Only questions: the sentence ends with `?`.
        let Some(last) = range
            .clone()
            .rev()
            .find(|&j| !tokens[j].is_space() && tokens[j].kind != TokenKind::LineBreak)
        else {
            continue;
        };
        if !doc.is_char(last, '?') {
            continue;
        }
        for i in range.clone() {
            let t = tokens[i];
            if t.kind != TokenKind::Word || !tokens.get(i + 1).is_some_and(|n| n.is_space()) {
                continue;
            }
            let Some(p) = doc.word_after_spaces(i) else {
                continue;
            };
            let pronoun = doc.token_text(p);
            if p != i + 2 || !PRONOUNS.contains(&pronoun) {
                continue;
            }
            // The verb starts the question or follows a question word.
            let starts = t.is_sentence_start();
            let after_question_word = doc.prev_non_space(i).is_some_and(|q| {
                tokens[q].is_wordlike()
                    && QUESTION_WORDS
                        .contains(&crate::wordlist::lower_first(doc.token_text(q)).as_str())
            });
            if !(starts || after_question_word) {
                continue;
            }
            let verb = doc.token_text(i);
            let lower = crate::wordlist::lower_first(verb);
            let finite = lexicon::french_exact(&lower).is_some_and(|r| {
                r.iter()
                    .any(|r| r.pos == Pos::Verb && r.verb_form == VerbForm::Finite)
            });
            // Not a word that is also a pronoun, a determiner or a noun
            // (`Que nous`, `Où le`): only plain verbs.
            let other = lexicon::french_exact(&lower).is_some_and(|r| {
                r.iter().any(|r| {
                    matches!(
                        r.pos,
                        Pos::Pronoun | Pos::Determiner | Pos::Preposition | Pos::Conjunction
                    )
                })
            });
            if !finite || other || doc.in_code(t.span()) {
                continue;
            }
            // `mange il` needs the euphonic t: `mange-t-il`.
            let euphonic =
                matches!(pronoun, "il" | "elle" | "on") && lower.ends_with(['a', 'e', 'c']);
            let joint = if euphonic { "-t-" } else { "-" };
            let space = tokens[i + 1].span();
            let span = Span::new(t.span().start, tokens[p].span().end);
            let mut d = meta.diagnostic(
                span,
                format!("inverted subject: French writes « {verb}{joint}{pronoun} »"),
            );
            d.fix = Some(Fix::safe(Edit::replace(space, joint)));
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The buffer holds every first part, and lowers as `lower_first` does.
    #[test]
    fn first_parts_fit_the_buffer() {
        // With room to spare: lowering a capital may change its length.
        assert!(COMPOUNDS.keys().all(|k| k.len() + 4 < FIRST_PART_BYTES));
        for key in COMPOUNDS.keys() {
            let first = key.chars().next().expect("a first part");
            assert!(!first.is_uppercase(), "{key}");
            assert!(may_start_compound(first, key.len()), "{key}");
            assert!(
                may_start_compound(first.to_ascii_uppercase(), key.len()),
                "{key}"
            );
        }
        assert!(!may_start_compound('d', 2) && !may_start_compound('L', 2));
        let mut buffer = [0u8; FIRST_PART_BYTES];
        for word in ["Quatre", "Écoute", "au", "İstanbul", "À"] {
            assert_eq!(
                lower_first_in(word, &mut buffer),
                Some(crate::wordlist::lower_first(word).as_str())
            );
        }
        assert_eq!(
            lower_first_in(&"A".repeat(FIRST_PART_BYTES + 1), &mut buffer),
            None
        );
        assert_eq!(lower_first_in("", &mut buffer), None);
    }

    #[test]
    fn every_listed_compound_is_in_the_lexicon() {
        for parts in COMPOUNDS.values().flatten() {
            let compound = parts.join("-");
            assert!(
                lexicon::is_french(&compound),
                "{compound} is not in the lexicon"
            );
        }
    }
}
