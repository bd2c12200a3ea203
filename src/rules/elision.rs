//! Elision, contractions and euphony, on the shared grammatical analysis
//! ([`crate::grammar`]): `de une` → `d’une`, `l’héros` → `le héros`,
//! `à le président` → `au président`, `ce accord` → `cet accord`.
//!
//! Before a word left in English (`Le assured`), the untranslated rule
//! reports the word; these rules speak only when the elision is wrong for
//! the French word of the translation hint too, with an unsafe fix.

use super::apostrophe::document_apostrophe;
use super::{CodeRuleDef, RuleMeta, always};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::{Document, WholeLookup};
use crate::english::hints::hint;
use crate::grammar::{
    self, certain_noun_features, elides_before, has_pos, is_finite_verb, is_infinitive, next_word,
    readings,
};
use crate::lexicon::{Gender, Number, Pos};
use crate::span::Span;
use crate::tokenize::TokenKind;
use crate::wordlist::match_case;

pub(super) const RULES: &[CodeRuleDef] = &[
    always("elision/missing", missing),
    always("elision/wrong", wrong),
    always("elision/contraction", contraction),
    always("elision/euphony", euphony),
];

/// The French that replaces word token `i` when it is English left in the
/// text: `Some(Some(hint))` when a translation is known, `Some(None)` when
/// it is English without one, `None` when it is not flagged as English.
fn english_replacement(doc: &Document, i: usize) -> Option<Option<String>> {
    grammar::english_at(doc, i).map(|_| hint(&doc.token_text(i).to_ascii_lowercase()))
}

/// Whether the elision of `word` (lowercase) applies before `next` in its
/// context (`after`: the word following `next`, for number ranges).
fn elision_due(word: &str, next: &str, after: Option<&str>) -> bool {
    let is = |w: &str| next.eq_ignore_ascii_case(w);
    let one = is("un") || is("une");
    // `le ou les fichiers`, `la ou les personnes`: the article stands for a
    // noun further on, and no vowel follows it in speech.
    if (is("ou") || is("et")) && after.is_some_and(|a| grammar::determiner(a).is_some()) {
        return false;
    }
    match word {
        // `à la une`, `le un` (the number one).
        "le" | "la" => !one && elides_before(next) == Some(true),
        // `de un à trois ans`: a number.
        // `de un à trois ans`, `réduite de un milliard`: a number.
        "de" => {
            !(one
                && matches!(
                    after,
                    Some("à" | "ou" | "sur" | "milliard" | "milliards" | "million" | "millions")
                ))
                && elides_before(next) == Some(true)
        }
        "que" | "je" | "me" | "te" | "se" | "ne" | "jusque" => elides_before(next) == Some(true),
        "ce" => {
            ["est", "eut", "étant"].iter().any(|w| is(w))
                || matches!(&*grammar::lowercase(next), "était" | "étaient" | "eût")
        }
        "lorsque" | "puisque" => {
            one || ["il", "ils", "elle", "elles", "on", "en", "ainsi"]
                .iter()
                .any(|w| is(w))
        }
        "quelque" => one,
        "si" => is("il") || is("ils"),
        _ => false,
    }
}

/// Whether `word` is one of [`grammar::ELIDABLE`]: a `match`, cheaper than
/// a search of the list, run for every grammatical word.
fn elidable(word: &str) -> bool {
    matches!(
        word,
        "le" | "la"
            | "de"
            | "que"
            | "je"
            | "me"
            | "te"
            | "se"
            | "ne"
            | "ce"
            | "jusque"
            | "lorsque"
            | "puisque"
            | "quelque"
            | "si"
    )
}

/// `de une` → `d’une`, `que il` → `qu’il`, `si il` → `s’il`.
fn missing(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    let mut mark = None;
    for &(i, word) in doc.grammatical_words_in_prose() {
        if !elidable(word) {
            continue;
        }
        let t = tokens[i];
        let written = doc.token_text(i);
        let Some(n) = next_word(doc, i) else { continue };
        let next = doc.token_text(n);
        // Acronyms (`de ONU`) and names in capitals are left alone.
        if next.chars().count() > 1 && next.chars().all(|c| !c.is_lowercase()) {
            continue;
        }
        // A word the lexicon does not know and that is not English left in
        // the text: a foreign word or name, a brand (`de Angiox`, `le Eton
        // Candle`, `de ovocné`), whose elision usage varies.
        if grammar::english_at(doc, n).is_none() && readings(next).is_none() {
            continue;
        }
        // A name that begins with an h (`de Hajj`, `de Houdan`) or an
        // abbreviation (`de Ac`): whether it elides is not known.
        let capital = tokens[n].first.is_uppercase();
        if capital && (matches!(tokens[n].first, 'H') || next.chars().count() <= 2) {
            continue;
        }
        let after = next_word(doc, n).map(|a| doc.token_text(a));
        // Most pairs are fine as written (`de la`); only where the elision
        // is due does the English analysis matter.
        if !elision_due(word, next, after) {
            continue;
        }
        let (french, applicability, note) = match english_replacement(doc, n) {
            None => (next.to_string(), Applicability::Safe, String::new()),
            Some(None) => continue,
            Some(Some(hint)) => {
                let note = format!(", once « {next} » is translated");
                (hint, Applicability::Unsafe, note)
            }
        };
        if !elision_due(word, &french, after) {
            continue;
        }
        let elided: String = word.chars().take(word.chars().count() - 1).collect();
        let mark = *mark.get_or_insert_with(|| document_apostrophe(doc));
        let replacement = match_case(written, &format!("{elided}{mark}"));
        let span = Span::new(t.span().start, tokens[n].span().start);
        doc.note_lookup(span, || WholeLookup::Apostrophe(mark));
        let mut d = meta.diagnostic(
            span.cover(tokens[n].span()),
            format!("« {written} » is elided before « {french} »: « {replacement}{french} »{note}"),
        );
        d.fix = Some(Fix::new(
            vec![Edit::replace(span, replacement)],
            applicability,
        ));
        out.push(d);
    }
}

/// The full form of an elided word (`d’` → `de`), lowercase, without its
/// apostrophe; `l’` needs the gender and is handled apart.
fn full_form(elided: &str) -> Option<&'static str> {
    Some(match elided {
        "d" => "de",
        "qu" => "que",
        "j" => "je",
        "m" => "me",
        "t" => "te",
        "s" => "se",
        "n" => "ne",
        "c" => "ce",
        "jusqu" => "jusque",
        "lorsqu" => "lorsque",
        "puisqu" => "puisque",
        "quelqu" => "quelque",
        _ => return None,
    })
}

/// `l’héros` → `le héros`, `d’hasard` → `de hasard`: an elided word before
/// a consonant or an aspirated h.
fn wrong(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for i in doc.tokens_of(TokenKind::Elided) {
        let t = tokens[i];
        let Some(n) = i.checked_add(1).filter(|&n| {
            tokens
                .get(n)
                .is_some_and(|w| w.kind == TokenKind::Word && w.span().start == t.span().end)
        }) else {
            continue;
        };
        // Names are left alone (`d’Hollande` is debated).
        if tokens[n].first.is_uppercase() {
            continue;
        }
        let written = doc.token_text(i);
        // The letters before the apostrophe, in lowercase.
        let letters = written
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(written.len());
        let stem = grammar::lowercase(&written[..letters]);
        let next = doc.token_text(n);
        if let Some(d) = lost_vowel(meta, doc, i, n) {
            out.push(d);
            continue;
        }
        let (french, mut applicability, note) = match english_replacement(doc, n) {
            None if readings(next).is_some() => {
                (next.to_string(), Applicability::Safe, String::new())
            }
            None | Some(None) => continue,
            Some(Some(hint)) => {
                let note = format!(", once « {next} » is translated");
                (hint, Applicability::Unsafe, note)
            }
        };
        if elides_before(&french) != Some(false) {
            continue;
        }
        let full = if stem == "l" {
            let Some(r) = readings(&french) else { continue };
            let nouns: Vec<_> = r.iter().filter(|r| r.pos == Pos::Noun).collect();
            let feminine = nouns.iter().any(|r| r.gender == Gender::Feminine);
            let masculine = nouns
                .iter()
                .any(|r| matches!(r.gender, Gender::Masculine | Gender::Both | Gender::Unknown));
            let plural = !nouns.is_empty() && nouns.iter().all(|r| r.number == Number::Plural);
            if plural {
                "les"
            } else if feminine && !masculine {
                "la"
            } else if masculine && !feminine {
                "le"
            } else {
                // Unknown or both genders: `le`, to review.
                applicability = Applicability::Unsafe;
                "le"
            }
        } else {
            match full_form(&stem) {
                Some(f) => f,
                None => continue,
            }
        };
        let replacement = match_case(written, &format!("{full} "));
        let mut d = meta.diagnostic(
            t.span().cover(tokens[n].span()),
            format!("no elision before « {french} »: « {replacement}{french} »{note}"),
        );
        d.fix = Some(Fix::new(
            vec![Edit::replace(t.span(), replacement)],
            applicability,
        ));
        out.push(d);
    }
}

/// The vowels a typist may drop after an apostrophe.
const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u', 'é', 'è', 'ê', 'â', 'î', 'ô'];

/// An elided word before a word that has lost its first vowel (`l’mage`,
/// `l’rdinateur`): the typo is the finding, not the elision, and the fix
/// restores the vowel (`l’image`) when one vowel only makes a French word
/// that takes the elision; with several, there is no fix.
fn lost_vowel(meta: &RuleMeta, doc: &Document, i: usize, n: usize) -> Option<Diagnostic> {
    let next = doc.token_text(n);
    if next.starts_with(|c: char| !c.is_lowercase() || VOWELS.contains(&c) || c == 'h') {
        return None;
    }
    let mut candidates = VOWELS
        .iter()
        .map(|v| format!("{v}{next}"))
        .filter(|w| readings(w).is_some() && elides_before(w) == Some(true));
    let first = candidates.next()?;
    let unique = candidates.next().is_none();
    let tokens = doc.tokens();
    let written = doc.token_text(i);
    let mut d = meta.diagnostic(
        tokens[i].span().cover(tokens[n].span()),
        if unique {
            format!("« {written}{next} »: a letter is missing, « {written}{first} »")
        } else {
            format!("« {written}{next} »: a letter is missing after the apostrophe")
        },
    );
    if unique {
        d.fix = Some(Fix::new(
            vec![Edit::replace(tokens[n].span(), first)],
            Applicability::Unsafe,
        ));
    }
    Some(d)
}

/// `à le président` → `au président`, `de les pays` → `des pays`, when
/// `le`/`les` is an article (not a pronoun before an infinitive: `de le
/// faire`, `à les voir`).
fn contraction(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for &(i, prep) in doc.grammatical_words_in_prose() {
        if !matches!(prep, "de" | "à") {
            continue;
        }
        let t = tokens[i];
        let written = doc.token_text(i);
        let Some(a) = next_word(doc, i) else { continue };
        let article = doc.token_text(a);
        if !matches!(article, "le" | "les") {
            continue;
        }
        let Some(n) = next_word(doc, a) else { continue };
        let next = doc.token_text(n);
        if tokens[n].first.is_uppercase() {
            // `de Le Monde`, `à Les Échos`: a title.
            continue;
        }
        // Before a vowel, `de le ami` is an elision fault (`de l’ami`).
        if article == "le" && elides_before(next) != Some(false) {
            continue;
        }
        let lower = grammar::lowercase(next);
        let Some(r) = readings(&lower) else { continue };
        if is_infinitive(&lower) || !(r.has(Pos::Noun) || r.has(Pos::Adjective)) {
            continue;
        }
        let contracted = match (prep, article) {
            ("de", "le") => "du",
            ("à", "le") => "au",
            ("de", _) => "des",
            _ => "aux",
        };
        let applicability = if r.has(Pos::Verb) {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let span = t.span().cover(tokens[a].span());
        let replacement = match_case(written, contracted);
        let mut d = meta.diagnostic(
            span,
            format!("« {written} {article} » contracts to « {replacement} »"),
        );
        d.fix = Some(Fix::new(
            vec![Edit::replace(span, replacement)],
            applicability,
        ));
        out.push(d);
    }
}

/// Whether `word` reads as a noun or adjective of `gender` in the singular,
/// and not as a conjugated verb.
fn singular_nominal(word: &str, gender: Gender) -> bool {
    if is_finite_verb(word) {
        return false;
    }
    readings(word).is_some_and(|r| {
        r.iter().any(|r| {
            matches!(r.pos, Pos::Noun | Pos::Adjective)
                && grammar::gender_fits(Some(gender), r.gender)
                && grammar::number_fits(false, r.number)
        })
    })
}

/// `ce accord` → `cet accord`, `sa amie` → `son amie`, `nouveau accord` →
/// `nouvel accord`: the forms French uses before a vowel sound.
fn euphony(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for &(i, word) in doc.grammatical_words_in_prose() {
        let t = tokens[i];
        let written = doc.token_text(i);
        let (form, gender, noun_only) = match word {
            "ce" => ("cet", Gender::Masculine, false),
            "ma" => ("mon", Gender::Feminine, false),
            "ta" => ("ton", Gender::Feminine, false),
            "sa" => ("son", Gender::Feminine, false),
            "beau" => ("bel", Gender::Masculine, true),
            "nouveau" => ("nouvel", Gender::Masculine, true),
            "vieux" => ("vieil", Gender::Masculine, true),
            "fou" => ("fol", Gender::Masculine, true),
            "mou" => ("mol", Gender::Masculine, true),
            _ => continue,
        };
        let Some(n) = next_word(doc, i) else { continue };
        if tokens[n].first.is_uppercase() {
            continue;
        }
        // `à nouveau`, `de nouveau`: an adverb, not an adjective.
        if noun_only
            && grammar::previous_word(doc, i)
                .is_some_and(|p| matches!(doc.token_text(p), "à" | "de" | "À" | "De"))
        {
            continue;
        }
        let next = doc.token_text(n);
        // `sa une` (a newspaper's front page), `ce un`: a number or a title.
        if matches!(next, "un" | "une")
            || elides_before(next) != Some(true)
            || !singular_nominal(next, gender)
        {
            continue;
        }
        if noun_only {
            // `beau`, `vieux`… before a masculine singular noun, and not
            // after a plural determiner (`les vieux amis`).
            let noun_singular = certain_noun_features(next)
                .is_some_and(|(g, plural)| g == Gender::Masculine && !plural);
            let after_plural = grammar::previous_word(doc, i)
                .and_then(|p| grammar::determiner_at(doc, p))
                .is_some_and(|d| d.plural);
            if !noun_singular || after_plural || !has_pos(next, Pos::Noun) {
                continue;
            }
        }
        let replacement = match_case(written, form);
        let mut d = meta.diagnostic(
            t.span().cover(tokens[n].span()),
            format!("before a vowel sound, « {written} {next} » is « {replacement} {next} »"),
        );
        d.fix = Some(Fix::safe(Edit::replace(t.span(), replacement)));
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elidable_is_the_list() {
        let words = grammar::DETERMINERS.iter().chain(grammar::ELIDABLE);
        for word in words.chain(&["à", "nouveau", "un"]) {
            assert_eq!(elidable(word), grammar::ELIDABLE.contains(word), "{word}");
        }
    }
}
