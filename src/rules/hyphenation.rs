//! Hyphens in compound place names and institutions.

use super::{CodeRuleDef, RuleMeta, always};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::span::Span;
use crate::tokenize::{TokenKind, is_word_char};
use crate::wordlist::entries;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

pub(super) const RULES: &[CodeRuleDef] = &[always("hyphenation/compound-name", compound_name)];

/// A compound name split into its parts (`Saint-Pétersbourg` →
/// `Saint`, `Pétersbourg`).
struct Compound {
    name: &'static str,
    parts: Vec<&'static str>,
    /// Also the name of a saint: the spaced form may be the person.
    saint: bool,
}

/// `word` lowercased without diacritics, so that `Etats` matches `États`
/// (the missing accent is another rule's finding).
fn folded(word: &str) -> impl Iterator<Item = char> + '_ {
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
}

/// Whether `word` and `part` are the same once [`folded`]. Folding
/// decomposes every character, so two cheap cases come first: the same
/// bytes fold the same, and ASCII folds to its ASCII lowercase (nothing to
/// decompose, no combining mark, one lowercase letter per letter).
fn same_folded(word: &str, part: &str) -> bool {
    if word == part {
        return true;
    }
    if word.is_ascii() && part.is_ascii() {
        return word.eq_ignore_ascii_case(part);
    }
    folded(word).eq(folded(part))
}

/// Compound names by their first part, as written and without its
/// accents (`Saint`; `États` and `Etats`), so that looking a word up needs
/// no allocation.
static COMPOUNDS: LazyLock<FxHashMap<String, Vec<Compound>>> = LazyLock::new(|| {
    let mut map: FxHashMap<String, Vec<Compound>> = FxHashMap::default();
    for line in entries(include_str!("../../rules/data/compound-names.txt")) {
        let mut columns = line.split_whitespace();
        let Some(name) = columns.next() else { continue };
        let saint = columns.next() == Some("saint");
        let parts: Vec<&'static str> = name.split('-').collect();
        if parts.len() < 2 {
            continue;
        }
        let first = parts[0];
        let unaccented: String = first
            .nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .collect();
        for key in [first.to_string(), unaccented] {
            let list = map.entry(key).or_default();
            if !list.iter().any(|c: &Compound| c.name == name) {
                list.push(Compound {
                    name,
                    parts: parts.clone(),
                    saint,
                });
            }
        }
    }
    // Longest names first, so `Seine-Saint-Denis` wins over `Saint-Denis`.
    for list in map.values_mut() {
        list.sort_by_key(|c| std::cmp::Reverse(c.parts.len()));
    }
    map
});

fn is_space_sep(c: char) -> bool {
    c == ' ' || c == '\u{00A0}'
}

/// Tries to match `compound` at byte `start` of `text`; returns the end of
/// the match and the spaces that should be hyphens.
fn match_at(text: &str, start: usize, compound: &Compound) -> Option<(usize, Vec<Span>)> {
    let mut pos = start;
    let mut spaces = Vec::new();
    for (k, part) in compound.parts.iter().enumerate() {
        if k > 0 {
            let c = text[pos..].chars().next()?;
            if c == '-' {
                pos += 1;
            } else if is_space_sep(c) {
                spaces.push(Span::new(pos, pos + c.len_utf8()));
                pos += c.len_utf8();
            } else {
                return None;
            }
        }
        let end = text[pos..]
            .find(|c: char| !is_word_char(c))
            .map_or(text.len(), |i| pos + i);
        let word = &text[pos..end];
        if !same_folded(word, part) {
            return None;
        }
        // Parts written with a capital in the name need one in the text.
        let wants_capital = part.chars().next().is_some_and(char::is_uppercase);
        if wants_capital && !word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        pos = end;
    }
    Some((pos, spaces))
}

/// The end of the compound name of the list that starts at byte `start` of
/// `text`, hyphenated or not (`Maison Blanche`, `États-Unis`).
pub(super) fn compound_end(text: &str, start: usize) -> Option<usize> {
    let end = text[start..]
        .find(|c: char| !is_word_char(c))
        .map_or(text.len(), |i| start + i);
    let first_part = text[start..end].split('-').next().unwrap_or_default();
    COMPOUNDS
        .get(first_part)?
        .iter()
        .find_map(|compound| match_at(text, start, compound).map(|(end, _)| end))
}

/// The first letters of the compound names (a lookup filter): ASCII ones
/// as bits of a mask, tested in one step for the many words that start
/// with an ASCII letter, and the others in a list.
static INITIALS: LazyLock<(u128, Vec<char>)> = LazyLock::new(|| {
    let mut ascii = 0u128;
    let mut others: Vec<char> = Vec::new();
    for c in COMPOUNDS.keys().filter_map(|k| k.chars().next()) {
        if c.is_ascii() {
            ascii |= 1 << (c as u32);
        } else if !others.contains(&c) {
            others.push(c);
        }
    }
    (ascii, others)
});

/// Whether a compound name starts with `c`.
fn is_initial(c: char) -> bool {
    let (ascii, others) = &*INITIALS;
    if c.is_ascii() {
        ascii & (1 << (c as u32)) != 0
    } else {
        others.contains(&c)
    }
}

fn compound_name(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let mut resume = 0;
    for i in doc.tokens_of(TokenKind::Word) {
        let t = doc.tokens()[i];
        if t.span().start < resume || !is_initial(t.first) {
            continue;
        }
        let word = doc.token_text(i);
        let first_part = word.split('-').next().unwrap_or(word);
        let Some(candidates) = COMPOUNDS.get(first_part) else {
            continue;
        };
        // `Saint Denis fut décapité`: at the start of a sentence the capital
        // of `saint` says nothing, so places named after a saint are left.
        let sentence_start = t.is_sentence_start();
        for compound in candidates {
            let Some((end, spaces)) = match_at(text, t.span().start, compound) else {
                continue;
            };
            if spaces.is_empty() || (compound.saint && sentence_start) {
                break;
            }
            let found = &text[t.span().start..end];
            let (message, applicability) = if compound.saint {
                (
                    format!(
                        "« {found} »: the place is written « {} » (the saint, « {} »)",
                        compound.name,
                        crate::wordlist::lower_first(found)
                    ),
                    Applicability::Unsafe,
                )
            } else {
                (
                    format!(
                        "« {found} » is a compound name: French writes « {} »",
                        compound.name
                    ),
                    Applicability::Safe,
                )
            };
            let mut d = meta.diagnostic(Span::new(t.span().start, end), message);
            d.fix = Some(Fix::new(
                spaces.into_iter().map(|s| Edit::replace(s, "-")).collect(),
                applicability,
            ));
            out.push(d);
            resume = end;
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cheap_folded_comparisons_agree_with_folding() {
        let words = [
            "Saint", "saint", "SAINT", "Sainte", "États", "Etats", "etats", "ÉTATS", "Île", "Ile",
            "ile", "Val", "val", "Vál", "", "É", "E", "e", "Denis", "denis", "Pas", "pas",
        ];
        for a in words {
            for b in words {
                assert_eq!(same_folded(a, b), folded(a).eq(folded(b)), "{a} {b}");
            }
        }
    }

    #[test]
    fn initials_are_those_of_the_names() {
        for key in COMPOUNDS.keys() {
            assert!(key.chars().next().is_some_and(is_initial), "{key}");
        }
        assert!(!is_initial('z') && !is_initial('\u{7F}'));
    }
}
