//! Hyphens in compound place names and institutions.

use super::wordlist::entries;
use super::{CodeRuleDef, RuleMeta, always};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::span::Span;
use crate::tokenize::{TokenKind, is_word_char};
use std::collections::HashMap;
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

/// Compound names by their first part, as written and without its
/// accents (`Saint`; `États` and `Etats`), so that looking a word up needs
/// no allocation.
static COMPOUNDS: LazyLock<HashMap<String, Vec<Compound>>> = LazyLock::new(|| {
    let mut map: HashMap<String, Vec<Compound>> = HashMap::new();
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
        if !folded(word).eq(folded(part)) {
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

/// The first letters of the compound names (a lookup filter).
static INITIALS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut initials: Vec<char> = COMPOUNDS.keys().filter_map(|k| k.chars().next()).collect();
    initials.sort_unstable();
    initials.dedup();
    initials
});

fn compound_name(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let mut resume = 0;
    for (i, t) in doc.tokens().iter().enumerate() {
        if t.kind != TokenKind::Word || t.span().start < resume || !INITIALS.contains(&t.first) {
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
                        super::wordlist::lower_first(found)
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
