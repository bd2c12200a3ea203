//! Agreement with words of quantity: a noun after a number written in
//! words or `quelques` (`cinq fichier` → `cinq fichiers`), after `de` and a
//! plural adjective (`de grandes ville`), and `tout` before a plural
//! determiner (`tout les jours` → `tous les jours`).

use super::{CodeRuleDef, RuleMeta, always};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::grammar::{self, next_word, number_fits, previous_word, readings};
use crate::inflect::{agreeing_form, noun_form};
use crate::lexicon::{Gender, Number, Pos, Readings, VerbForm};
use crate::tagger::Upos;
use crate::wordlist::match_case;

pub(super) const RULES: &[CodeRuleDef] = &[
    always("agreement/numeral-noun", numeral_noun),
    always("agreement/tout", tout),
];

/// Whether every reading is a noun, an adjective or a past participle.
fn nominal(r: Readings) -> bool {
    r.iter().all(|r| {
        matches!(r.pos, Pos::Noun | Pos::Adjective)
            || (r.pos == Pos::Verb && r.verb_form == VerbForm::PastParticiple)
    })
}
/// Whether some reading of `r` with part of speech `pos` is plural (or of
/// both numbers).
fn plural_reading(r: Readings, pos: Pos) -> bool {
    r.iter()
        .any(|r| r.pos == pos && number_fits(true, r.number))
}

/// The gender every reading of part of speech `pos` has, if one.
fn gender_of(r: Readings, pos: Pos) -> Option<Gender> {
    let mut genders = r.iter().filter(|r| r.pos == pos).map(|r| r.gender);
    let first = genders.next()?;
    (matches!(first, Gender::Masculine | Gender::Feminine) && genders.all(|g| g == first))
        .then_some(first)
}

/// The word of a plural noun phrase that is singular, after token `from`:
/// one or two adjectives before the noun, then the noun. `(token, fix)`.
fn singular_in_plural(doc: &Document, from: usize) -> Option<(usize, Option<String>)> {
    let tokens = doc.tokens();
    let mut i = next_word(doc, from)?;
    for _ in 0..3 {
        if tokens[i].first.is_uppercase() || grammar::in_english(doc, i) {
            return None;
        }
        let text = doc.token_text(i);
        if text.contains('-') {
            return None;
        }
        let word = grammar::lowercase(text);
        let r = readings(&word)?;
        if !nominal(r) {
            return None;
        }
        let next = next_word(doc, i);
        let next_noun = next.is_some_and(|n| {
            let w = grammar::lowercase(doc.token_text(n));
            readings(&w).is_some_and(|nr| nr.has(Pos::Noun) && nominal(nr))
        });
        // An adjective before the noun (`trois grands projets`).
        if r.has(Pos::Adjective) && next_noun && !tokens[next?].first.is_uppercase() {
            if !plural_reading(r, Pos::Adjective) {
                let noun = grammar::lowercase(doc.token_text(next?));
                let gender = readings(&noun).and_then(|nr| gender_of(nr, Pos::Noun));
                let fix = gender.and_then(|g| agreeing_form(&word, Some(g), true));
                return Some((i, fix));
            }
            i = next?;
            continue;
        }
        if !r.has(Pos::Noun) {
            return None;
        }
        // `fichier(s)`: a plural mark in parentheses.
        let parenthesis = tokens.get(i + 1).is_some_and(|t| {
            t.span().start == tokens[i].span().end && doc.token_text(i + 1) == "("
        });
        if plural_reading(r, Pos::Noun) || parenthesis {
            return None;
        }
        return Some((i, noun_form(&word, true)));
    }
    None
}

/// Whether determiner or numeral token `i` reads as a number used as a
/// name or an ordinal (`le deux mai`, `page trois`, `chapitre deux`).
fn number_as_name(doc: &Document, i: usize) -> bool {
    previous_word(doc, i).is_some_and(|p| {
        let before = grammar::lowercase(doc.token_text(p));
        grammar::determiner(&before).is_some_and(|d| !d.plural)
            || matches!(&*before, "et" | "ou")
            || readings(&before).is_some_and(|r| r.iter().all(|r| r.pos == Pos::Noun))
    })
}

/// `cinq fichier` → `cinq fichiers`, `quelques difficulté`, `de grandes
/// ville`: a singular noun, or an adjective before it, after a number in
/// words, `quelques`, or `de` and a plural adjective.
fn numeral_noun(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for &(i, word) in doc.grammatical_words_in_prose() {
        let from = if grammar::NUMERALS.contains(&word) {
            // The last number of a compound one (`deux mille`), not a name.
            let next_is_number = next_word(doc, i).is_some_and(|n| {
                let w = grammar::lowercase(doc.token_text(n));
                grammar::NUMERALS.contains(&&*w) || matches!(&*w, "et" | "virgule" | "ou")
            });
            if next_is_number || (word != "quelques" && number_as_name(doc, i)) {
                continue;
            }
            i
        } else if word == "de" {
            // `de grandes ville`: a plural adjective, then the noun.
            let Some(a) = next_word(doc, i) else { continue };
            let adjective = grammar::lowercase(doc.token_text(a));
            let plural_only = readings(&adjective).is_some_and(|r| {
                r.has(Pos::Adjective)
                    && r.iter().all(|r| {
                        (r.pos == Pos::Adjective || r.pos == Pos::Noun)
                            && r.number == Number::Plural
                    })
            });
            if !plural_only {
                continue;
            }
            // `une équipe de chercheurs conduite par`: a noun and its
            // adjective, not an adjective and its noun.
            let noun_then_adjective = next_word(doc, a).is_some_and(|n| {
                readings(&grammar::lowercase(doc.token_text(n))).is_some_and(|r| {
                    r.has(Pos::Adjective)
                        || r.iter().any(|r| r.verb_form == VerbForm::PastParticiple)
                })
            }) && readings(&adjective).is_some_and(|r| r.has(Pos::Noun));
            if noun_then_adjective {
                continue;
            }
            a
        } else {
            continue;
        };
        let Some((n, fix)) = singular_in_plural(doc, from) else {
            continue;
        };
        if !grammar::tagged_as(doc, n, &[Upos::Noun, Upos::Adj]) {
            continue;
        }
        let written = doc.token_text(n);
        let span = tokens[i].span().cover(tokens[n].span());
        let mut d = meta.diagnostic(
            span,
            format!("« {written} » is singular after « {word} »: the plural is due"),
        );
        if let Some(form) = fix {
            let form = match_case(written, &form);
            d.message.push_str(&format!(" (« {form} »)"));
            d.fix = Some(Fix::new(
                vec![Edit::replace(tokens[n].span(), form)],
                Applicability::Safe,
            ));
        }
        out.push(d);
    }
}

/// `tout les jours` → `tous les jours`, `toute les demandes` → `toutes`:
/// `tout` before a plural determiner takes the gender and number of the
/// noun.
fn tout(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for &(i, word) in doc.grammatical_words_in_prose() {
        if !matches!(word, "tout" | "toute" | "tous" | "toutes") {
            continue;
        }
        let Some(d) = next_word(doc, i) else { continue };
        let det = grammar::lowercase(doc.token_text(d));
        if !grammar::determiner(&det).is_some_and(|d| d.plural) || det == "des" || det == "aux" {
            continue;
        }
        let Some(phrase) = grammar::noun_after(doc, d) else {
            continue;
        };
        let n = phrase.noun;
        let noun = doc.token_text(n);
        // `tout les intéresse`: `tout` the subject, `les` an object.
        let verb = phrase
            .readings
            .iter()
            .any(|r| r.verb_form == VerbForm::Finite);
        if tokens[n].first.is_uppercase() || (verb && !noun.ends_with(['s', 'x'])) {
            continue;
        }
        let Some(gender) = gender_of(phrase.readings, Pos::Noun) else {
            continue;
        };
        if !plural_reading(phrase.readings, Pos::Noun) {
            continue;
        }
        let wanted = if gender == Gender::Feminine {
            "toutes"
        } else {
            "tous"
        };
        if word == wanted {
            continue;
        }
        if !grammar::tagged_as(doc, d, &[Upos::Det]) {
            continue;
        }
        let written = doc.token_text(i);
        let form = match_case(written, wanted);
        let mut diagnostic = meta.diagnostic(
            tokens[i].span().cover(tokens[d].span()),
            format!(
                "« {written} » agrees with « {noun} » before « {} »: « {form} »",
                doc.token_text(d)
            ),
        );
        diagnostic.fix = Some(Fix::new(
            vec![Edit::replace(tokens[i].span(), form)],
            Applicability::Safe,
        ));
        out.push(diagnostic);
    }
}
