//! Gender and number agreement, which machine translation loses because
//! English has neither: `la dialogue` → `le dialogue`, `les réunion`,
//! `l’effort plus massive` → `massif`. Built on the shared grammatical
//! analysis ([`crate::grammar`]); a word whose readings leave the question
//! open (both genders, invariable, a pronoun before a verb) gives nothing.

use super::{CodeRuleDef, RuleMeta, always};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::grammar::{
    self, Determiner, determiner, determiner_form, elides_before, gender_fits, is_capitalised_name,
    next_word, noun_after, number_fits, previous_word, readings,
};
use crate::inflect::agreeing_form;
use crate::lexicon::{Gender, Pos, Readings, VerbForm};
use crate::tagger::Upos;
use crate::tokenize::TokenKind;
use crate::wordlist::match_case;

pub(super) const RULES: &[CodeRuleDef] = &[
    always("agreement/determiner-noun", determiner_noun),
    always(
        "agreement/adjective-noun",
        super::agreement_adjective::adjective_noun,
    ),
    always("agreement/adjective-before-noun", adjective_before_noun),
];

/// Words after which `le`, `la`, `les` can only be articles: a pronoun
/// object needs a subject before it (`il la voit`).
const ARTICLE_CONTEXT: &[&str] = &[
    "de", "à", "pour", "par", "sur", "dans", "avec", "sans", "sous", "entre", "vers", "chez",
    "contre", "après", "avant", "depuis", "pendant", "selon", "malgré", "durant", "parmi",
    "envers", "que", "et", "ou", "mais", "car", "dont",
];

/// Titles and trades whose masculine form is also used for a woman (`la
/// docteur`, `une auteur`, `la chef`): a feminine determiner before them
/// is not an error.
pub(super) const FEMINISED_TITLES: &[&str] = &[
    "auteur",
    "docteur",
    "professeur",
    "ingénieur",
    "chef",
    "médecin",
    "écrivain",
    "procureur",
    "recteur",
    "préfet",
    "député",
    "magistrat",
    "maire",
    "successeur",
    "prédécesseur",
    "défenseur",
    "censeur",
    "assesseur",
    "pasteur",
    "sculpteur",
    "proviseur",
    "gouverneur",
];

/// Whether determiner token `det` is surely a determiner before a noun
/// with readings `noun`, not a pronoun before a verb (`je la vois`, `il
/// leur donne`, `de le faire`).
fn surely_determiner(
    doc: &Document,
    det: usize,
    word: &str,
    noun: Readings,
    adjacent: bool,
) -> bool {
    let pronoun_too = matches!(word, "le" | "la" | "les" | "leur");
    let interrogative = word.starts_with("quel");
    if !adjacent || !(pronoun_too || interrogative) {
        return true;
    }
    if noun.iter().any(|r| r.verb_form == VerbForm::Infinitive) {
        return false;
    }
    // `en les obligeant`: a pronoun before a gerund.
    if noun
        .iter()
        .any(|r| r.verb_form == VerbForm::PresentParticiple)
        && previous_word(doc, det).is_some_and(|p| doc.token_text(p) == "en")
    {
        return false;
    }
    if !noun.iter().any(|r| r.verb_form == VerbForm::Finite) {
        return true;
    }
    // `il leur donne`, `Quelle est…`: before a verb.
    if word == "leur" || interrogative {
        return false;
    }
    let t = doc.tokens()[det];
    t.is_strong_start()
        || previous_word(doc, det).is_some_and(|p| {
            let before = grammar::lowercase(doc.token_text(p));
            // After a preposition or a conjunction, or after a word that can
            // only be a verb (`renouer la dialogue`): an object pronoun
            // would need its own verb after it.
            ARTICLE_CONTEXT.contains(&&*before)
                || readings(&before).is_some_and(|r| r.iter().all(|r| r.pos == Pos::Verb))
        })
}

/// Whether some reading of `word` fits determiner `d` as a noun, or as an
/// adjective or participle used as a noun (`la malade`, `le premier`).
fn fits(d: &Determiner, word: &str) -> bool {
    readings(word).is_some_and(|r| readings_fit(d, r))
}

/// Whether one of readings `r` fits determiner `d` (see [`fits`]).
fn readings_fit(d: &Determiner, r: Readings) -> bool {
    r.iter().any(|r| {
        let nominal =
            matches!(r.pos, Pos::Noun | Pos::Adjective) || r.verb_form == VerbForm::PastParticiple;
        nominal && gender_fits(d.gender, r.gender) && number_fits(d.plural, r.number)
    })
}

/// The determiner of `family` that agrees with `noun`, if the lexicon
/// decides it: (form, whether the noun has a single noun reading).
fn agreeing_determiner(
    d: &Determiner,
    noun: &str,
    first_after: &str,
) -> Option<(&'static str, bool)> {
    let r = readings(noun)?;
    let nouns: Vec<_> = r.iter().filter(|r| r.pos == Pos::Noun).collect();
    let mut genders = nouns
        .iter()
        .map(|r| r.gender)
        .filter(|g| matches!(g, Gender::Masculine | Gender::Feminine));
    let first = genders.next();
    let gender = match first {
        Some(g) if genders.all(|o| o == g) => g,
        _ => d.gender?,
    };
    let plural = if nouns.iter().any(|r| number_fits(d.plural, r.number)) {
        d.plural
    } else {
        !d.plural
    };
    let vowel = elides_before(first_after) == Some(true);
    let form = determiner_form(d.family, gender, plural, vowel)?;
    Some((form, nouns.len() == 1))
}

/// `la dialogue` → `le dialogue`, `les réunion` → `les réunions`…: a
/// determiner whose gender or number no reading of its noun has.
fn determiner_noun(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for &(i, word) in doc.grammatical_words_in_prose() {
        let t = tokens[i];
        let written = doc.token_text(i);
        let Some(mut d) = determiner(word) else {
            continue;
        };
        let Some(phrase) = noun_after(doc, i) else {
            continue;
        };
        let n = phrase.noun;
        let first_after = doc.token_text(phrase.between.first().copied().unwrap_or(n));
        // `mon`, `ton`, `son` are feminine only before a vowel (`mon amie`).
        if matches!(word, "mon" | "ton" | "son") && elides_before(first_after) == Some(false) {
            d.gender = Some(Gender::Masculine);
        }
        // The readings of `noun`: [`noun_after`] looked them up. Most
        // determiners agree with their noun: that test comes first, before
        // the others that only skip the word (their order does not change
        // what is found).
        let noun_readings = phrase.readings;
        if readings_fit(&d, noun_readings) {
            continue;
        }
        // The noun may be the first word of an English compound left in
        // the text (`la pull request`): the English decides the gender.
        let english_next = grammar::next_word(doc, n).is_some_and(|j| grammar::in_english(doc, j));
        if is_capitalised_name(doc, n) || grammar::in_english(doc, n) || english_next {
            continue;
        }
        let noun = grammar::lowercase(doc.token_text(n));
        // `un nouvelle projet`: the word read as the noun is an adjective
        // before the real noun, which agrees with the determiner (see
        // [`adjective_before_noun`]).
        if noun_readings.has(Pos::Adjective) && noun_follows(doc, n, &d) {
            continue;
        }
        // `les premier et second tours`: adjectives coordinated before
        // a plural noun; `le ou les fichier(s)`: a plural mark in
        // parentheses; `vingt et un points`: a number.
        let after = next_word(doc, n).map(|a| doc.token_text(a));
        let parenthesis = doc
            .tokens()
            .get(n + 1)
            .is_some_and(|t| t.kind == TokenKind::Punct && doc.token_text(n + 1) == "(");
        let number = matches!(word, "un" | "une")
            && previous_word(doc, i).is_some_and(|p| {
                doc.token_text(p) == "et"
                    && previous_word(doc, p).is_some_and(|q| {
                        grammar::NUMERALS.contains(&&*grammar::lowercase(doc.token_text(q)))
                    })
            });
        if (noun_readings.has(Pos::Adjective) && matches!(after, Some("et" | "ou")))
            || parenthesis
            || number
        {
            continue;
        }
        if !surely_determiner(doc, i, word, noun_readings, phrase.between.is_empty()) {
            continue;
        }
        // `du possible toute intervention`: `tout` after an adjective
        // starts another phrase.
        if phrase
            .between
            .iter()
            .skip(1)
            .any(|&b| matches!(doc.token_text(b), "tout" | "toute"))
        {
            continue;
        }
        // Adjectives between must not fit better (`les grands réunion` is
        // left alone: which word is wrong is not clear).
        if phrase.between.iter().any(|&b| {
            !fits(&d, &grammar::lowercase(doc.token_text(b)))
                && !grammar::DEGREE_ADVERBS.contains(&doc.token_text(b))
        }) {
            continue;
        }
        // `la non terminaison`: `non` is the prefix of the noun after it.
        if noun == "non" && next_word(doc, n).is_some_and(|a| fits(&d, doc.token_text(a))) {
            continue;
        }
        // `la variable nom`, `une variable tableau`: the word between is
        // the noun the determiner agrees with, and the next one names it.
        if phrase.between.iter().any(|&b| {
            let between = grammar::lowercase(doc.token_text(b));
            grammar::NAMING_NOUNS.contains(&&*between) && fits(&d, &between)
        }) {
            continue;
        }
        // The tagger, asked only here, confirms the determiner and its noun.
        if !grammar::tagged_as(doc, i, &[Upos::Det])
            || !grammar::tagged_as(doc, n, &[Upos::Noun, Upos::Adj])
        {
            continue;
        }
        let span = t.span().cover(tokens[n].span());
        let shown = doc.slice(span);
        let gender_only = Determiner {
            plural: !d.plural,
            ..d
        };
        // `telle quelle`: a pronoun.
        if d.family == grammar::Family::Which
            && previous_word(doc, i).is_some_and(|p| {
                matches!(
                    &*grammar::lowercase(doc.token_text(p)),
                    "tel" | "telle" | "tels" | "telles"
                )
            })
        {
            continue;
        }
        if phrase.between.is_empty() && readings_fit(&gender_only, noun_readings) {
            // Compounds have plurals of their own (`les start-up`,
            // `les après-midi`): left alone.
            if noun.contains('-') {
                continue;
            }
            // Only the number differs (`les réunion`): the noun takes the
            // determiner's number, as the verb usually shows.
            let written_noun = doc.token_text(n);
            let mut finding = meta.diagnostic(
                span,
                format!("« {written_noun} » does not agree in number with « {written} »"),
            );
            if let Some(form) = crate::inflect::noun_form(&noun, d.plural) {
                let form = match_case(written_noun, &form);
                finding.message.push_str(&format!(": « {form} »"));
                finding.fix = Some(Fix::new(
                    vec![Edit::replace(tokens[n].span(), form)],
                    Applicability::Unsafe,
                ));
            }
            out.push(finding);
            continue;
        }
        // `la docteur`, `une auteur`: a title of a woman, written with the
        // masculine form as current usage allows.
        if d.gender == Some(Gender::Feminine) && FEMINISED_TITLES.contains(&&*noun)
            || grammar::GENDER_IN_DOUBT.contains(&&*noun)
        {
            continue;
        }
        let mut d = match agreeing_determiner(&d, &noun, first_after) {
            Some((form, single)) => {
                let replacement = match_case(written, form);
                let mut d = meta.diagnostic(
                    span,
                    format!(
                        "« {written} » does not agree with « {} »: « {replacement} »",
                        doc.token_text(n)
                    ),
                );
                let applicability = if single {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                };
                d.fix = Some(Fix::new(
                    vec![Edit::replace(t.span(), replacement)],
                    applicability,
                ));
                d
            }
            None => meta.diagnostic(
                span,
                format!("« {shown} »: the determiner does not agree with its noun"),
            ),
        };
        d.message.push_str(&gender_note(&noun));
        out.push(d);
    }
}

/// Whether the word after token `i` is a noun that fits determiner `d`.
fn noun_follows(doc: &Document, i: usize, d: &Determiner) -> bool {
    next_word(doc, i).is_some_and(|n| {
        !doc.tokens()[n].first.is_uppercase()
            && readings(&grammar::lowercase(doc.token_text(n))).is_some_and(|r| {
                r.iter().any(|r| {
                    r.pos == Pos::Noun
                        && gender_fits(d.gender, r.gender)
                        && number_fits(d.plural, r.number)
                })
            })
    })
}

/// `un petite village` → `un petit village`, `leur principale défaut` →
/// `leur principal défaut`: an adjective between a determiner and a noun
/// that agree, which agrees with neither. The noun decides the form.
fn adjective_before_noun(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for &(i, word) in doc.grammatical_words_in_prose() {
        let Some(mut d) = determiner(word) else {
            continue;
        };
        // One or two adjectives, then the noun.
        let mut between = Vec::new();
        let mut n = i;
        let noun = loop {
            let Some(next) = next_word(doc, n) else {
                break None;
            };
            n = next;
            if tokens[n].first.is_uppercase() {
                break None;
            }
            let w = grammar::lowercase(doc.token_text(n));
            if grammar::DEGREE_ADVERBS.contains(&&*w) {
                between.push((n, None));
                continue;
            }
            let Some(r) = readings(&w) else { break None };
            let adjective = r.has(Pos::Adjective)
                && r.iter().all(|r| {
                    matches!(r.pos, Pos::Adjective | Pos::Noun)
                        || matches!(
                            r.verb_form,
                            VerbForm::PastParticiple | VerbForm::PresentParticiple
                        )
                });
            if adjective && between.len() < 2 && noun_follows(doc, n, &d) {
                between.push((n, Some(r)));
                continue;
            }
            break Some((n, w, r));
        };
        let Some((n, noun, noun_readings)) = noun else {
            continue;
        };
        if between.iter().all(|(_, r)| r.is_none()) || grammar::in_english(doc, n) {
            continue;
        }
        if matches!(word, "mon" | "ton" | "son")
            && elides_before(doc.token_text(between[0].0)) == Some(false)
        {
            d.gender = Some(Gender::Masculine);
        }
        // The noun's gender and number; an invariable noun takes the
        // determiner's number (`la première fois`). A noun that may be a
        // verb (`réforme`) is confirmed by the tagger before reporting.
        let features = grammar::certain_noun_features(&noun).or_else(|| {
            let mut genders = noun_readings
                .iter()
                .filter(|r| r.pos == Pos::Noun)
                .map(|r| r.gender);
            let first = genders.next()?;
            let invariable = noun_readings
                .iter()
                .filter(|r| r.pos == Pos::Noun)
                .all(|r| r.number == crate::lexicon::Number::Both);
            (matches!(first, Gender::Masculine | Gender::Feminine)
                && genders.all(|g| g == first)
                && invariable)
                .then_some((first, d.plural))
        });
        let Some((gender, plural)) = features else {
            continue;
        };
        if !readings_fit(&d, noun_readings) {
            continue;
        }
        for &(a, r) in &between {
            let Some(r) = r else { continue };
            // `les amplificateurs optiques`: a noun that fits the
            // determiner, then an adjective, is the other order.
            let noun_first = r.iter().any(|r| {
                r.pos == Pos::Noun
                    && gender_fits(d.gender, r.gender)
                    && number_fits(d.plural, r.number)
            });
            // `des entreprises fournisseurs`: a participle that is also
            // a noun, then a noun in apposition.
            let participle = r.iter().any(|r| r.verb_form == VerbForm::PastParticiple);
            if noun_first && (noun_readings.has(Pos::Adjective) || participle) {
                continue;
            }
            let fits = r.iter().any(|r| {
                (r.pos == Pos::Adjective || r.verb_form == VerbForm::PastParticiple)
                    && gender_fits(Some(gender), r.gender)
                    && number_fits(plural, r.number)
            });
            // The tagger, asked only now, confirms the adjective and the noun.
            if fits
                || !grammar::tagged_as(doc, a, &[Upos::Adj, Upos::Verb, Upos::Noun])
                || !grammar::tagged_as(doc, n, &[Upos::Noun])
            {
                continue;
            }
            let written = doc.token_text(a);
            let mut finding = meta.diagnostic(
                tokens[i].span().cover(tokens[a].span()),
                format!(
                    "« {written} » does not agree with « {} »{}",
                    doc.token_text(n),
                    gender_note(&noun)
                ),
            );
            let lower = grammar::lowercase(written);
            if let Some(form) = agreeing_form(&lower, Some(gender), plural) {
                let form = match_case(written, &form);
                finding.message.push_str(&format!(": « {form} »"));
                finding.fix = Some(Fix::new(
                    vec![Edit::replace(tokens[a].span(), form)],
                    Applicability::Safe,
                ));
            }
            out.push(finding);
        }
    }
}

/// ` (dialogue is masculine)`, from the lexicon, or nothing.
pub(super) fn gender_note(noun: &str) -> String {
    match grammar::certain_noun_features(noun) {
        Some((Gender::Masculine, false)) => format!(" (« {noun} » is masculine)"),
        Some((Gender::Feminine, false)) => format!(" (« {noun} » is feminine)"),
        Some((Gender::Masculine, true)) => format!(" (« {noun} » is masculine plural)"),
        Some((Gender::Feminine, true)) => format!(" (« {noun} » is feminine plural)"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreeing_determiners() {
        let la = determiner("la").expect("la");
        assert_eq!(
            agreeing_determiner(&la, "dialogue", "dialogue"),
            Some(("le", true))
        );
        let les = determiner("les").expect("les");
        assert_eq!(
            agreeing_determiner(&les, "réunion", "réunion").map(|f| f.0),
            Some("la")
        );
        let ce = determiner("cette").expect("cette");
        assert_eq!(
            agreeing_determiner(&ce, "effort", "effort").map(|f| f.0),
            Some("cet")
        );
    }
}
