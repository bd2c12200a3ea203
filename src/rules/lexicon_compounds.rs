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
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word || t.span().start < covered {
            continue;
        }
        let word = doc.token_text(i);
        let first = word.split('-').next().unwrap_or(word);
        // No allocation for the many lowercase words.
        let candidates = if t.first.is_lowercase() {
            COMPOUNDS.get(first)
        } else {
            COMPOUNDS.get(crate::wordlist::lower_first(first).as_str())
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
