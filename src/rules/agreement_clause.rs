//! Agreement across the clause: the attribute and the participle with their
//! subject (`elle est fatigué` → `fatiguée`, `la réunion a été annulé` →
//! `annulée`), and the verb with its subject (`ils peut` → `peuvent`, `les
//! options de cette page est` → `sont`). The subjects and their verbs come
//! from the shared analysis ([`crate::clause`], once per document).

use super::{CodeRuleDef, RuleMeta, always};
use crate::clause::{COPULAS, Subject, following, noun_gender, word_at};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::grammar::{self, Determiner, gender_fits, number_fits, readings};
use crate::inflect::{agreeing_form, verb_number};
use crate::lexicon::{Gender, Pos, VerbForm};
use crate::tagger::Upos;
use crate::tokenize::TokenKind;
use crate::wordlist::match_case;

pub(super) const RULES: &[CodeRuleDef] = &[
    always("agreement/attribute", attribute),
    always("agreement/subject-verb", subject_verb),
    always("agreement/participle-avoir", participle_avoir),
];

/// The forms of the first and second persons of `être` and `avoir` with
/// their number.
fn first_person_number(form: &str) -> Option<bool> {
    Some(match form {
        "suis" | "es" | "étais" | "serai" | "seras" | "serais" | "fus" | "ai" | "as" | "avais"
        | "aurai" | "auras" | "aurais" => false,
        "sommes" | "étions" | "serons" | "serions" | "fûmes" | "avons" | "avions" | "aurons"
        | "aurions" => true,
        _ => return None,
    })
}

/// Adverbs that may stand between a copula and its attribute.
const ATTRIBUTE_ADVERBS: &[&str] = &[
    "pas",
    "plus",
    "jamais",
    "guère",
    "point",
    "encore",
    "déjà",
    "toujours",
    "souvent",
    "parfois",
    "très",
    "trop",
    "si",
    "aussi",
    "bien",
    "assez",
    "peu",
    "presque",
    "plutôt",
    "vraiment",
    "tout",
    "toute",
    "tous",
    "toutes",
    "moins",
    "désormais",
    "enfin",
    "alors",
    "donc",
    "ainsi",
];

/// Adjectives that do not agree, in the lexicon with one number only.
const INVARIABLE: &[&str] = &[
    "chic",
    "marron",
    "orange",
    "kaki",
    "standard",
    "super",
    "cool",
    "sexy",
    "bon",
    "ivoire",
    "crème",
    "olive",
    "turquoise",
    "cerise",
    "prune",
    "saumon",
    "pastel",
];

/// The attribute after the verb of `s`: the token of the attribute (after
/// `été`, and adverbs), when the verb is a copula whose number agrees with
/// the subject.
fn attribute_of(doc: &Document, s: &Subject) -> Option<usize> {
    let verb = word_at(doc, s.verb);
    let r = readings(&verb)?;
    let lemma_of = |wanted: &[&str]| {
        r.iter().any(|r| {
            r.pos == Pos::Verb && r.verb_form == VerbForm::Finite && r.lemma_in(&verb, wanted)
        })
    };
    let mut a = following(doc, s.verb)?;
    if lemma_of(&["avoir"]) {
        // `a été`: the passive or the past of `être`.
        if word_at(doc, a) != "été" {
            return None;
        }
        a = following(doc, a)?;
    } else if lemma_of(&["pouvoir", "devoir", "aller"]) {
        // `elle doit être renouvelée`: a modal verb, then `être`.
        if word_at(doc, a) != "être" {
            return None;
        }
        a = following(doc, a)?;
    } else if !lemma_of(COPULAS) {
        return None;
    }
    let plural = if s.third_person {
        verb_number(&verb)?.plural
    } else {
        first_person_number(&verb)?
    };
    if plural != s.plural {
        return None;
    }
    for _ in 0..3 {
        let w = word_at(doc, a);
        let adverb = ATTRIBUTE_ADVERBS.contains(&&*w)
            || (w.ends_with("ment")
                && readings(&w).is_some_and(|r| r.iter().all(|r| r.pos == Pos::Adverb)));
        if !adverb {
            break;
        }
        a = following(doc, a)?;
    }
    (doc.tokens()[a].kind == TokenKind::Word).then_some(a)
}

/// ` (feminine plural)`: what the subject asks for.
fn features(gender: Option<Gender>, plural: bool) -> String {
    let number = if plural { "plural" } else { "singular" };
    match gender {
        Some(Gender::Masculine) => format!("masculine {number}"),
        Some(Gender::Feminine) => format!("feminine {number}"),
        _ => number.to_string(),
    }
}

/// `elle est fatigué` → `fatiguée`, `la réunion a été annulé` → `annulée`:
/// an adjective or a past participle, attribute of its subject after `être`
/// or a verb of state, that agrees with the subject in neither gender nor
/// number.
fn attribute(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for s in doc.subjects() {
        // `elles se sont parlé`, `il nous est apparu`: the participle of a
        // pronominal verb, or an object between, follows other rules.
        if s.clitic {
            continue;
        }
        let Some(a) = attribute_of(doc, s) else {
            continue;
        };
        let t = tokens[a];
        if t.first.is_uppercase() {
            continue;
        }
        let word = word_at(doc, a);
        if INVARIABLE.contains(&&*word) {
            continue;
        }
        // `le(s) fichier(s)`: a plural mark in parentheses.
        if tokens
            .get(a + 1)
            .is_some_and(|n| n.kind == TokenKind::Punct && doc.token_text(a + 1) == "(")
        {
            continue;
        }
        let Some(r) = readings(&word) else { continue };
        let agreeing = |r: &crate::lexicon::Reading| {
            r.pos == Pos::Adjective || r.verb_form == VerbForm::PastParticiple
        };
        let grammatical = r.iter().any(|r| {
            matches!(
                r.pos,
                Pos::Determiner
                    | Pos::Pronoun
                    | Pos::Preposition
                    | Pos::Conjunction
                    | Pos::Numeral
                    | Pos::Adverb
            )
        });
        if grammatical || !r.iter().any(|r| agreeing(&r)) {
            continue;
        }
        let fits = |gender: Option<Gender>, plural: Option<bool>| {
            r.iter().any(|r| {
                agreeing(&r)
                    && gender.is_none_or(|g| gender_fits(Some(g), r.gender))
                    && plural.is_none_or(|p| number_fits(p, r.number))
            })
        };
        // The attribute may agree with a complement of the subject (`le
        // mot de passe`), unless the verb's number rules it out.
        let complement_fits = s
            .complements
            .iter()
            .any(|&(g, p)| p.is_none_or(|p| p == s.plural) && fits(g, p));
        if fits(s.gender, Some(s.plural)) || complement_fits {
            continue;
        }
        // English left in the text (`la feature est enabled`), then the
        // tagger: asked only for a finding.
        if grammar::in_english(doc, a)
            || grammar::in_english(doc, s.head)
            || !grammar::tagged_as(doc, s.verb, &[Upos::Aux, Upos::Verb])
            || !grammar::tagged_as(doc, a, &[Upos::Adj, Upos::Verb])
        {
            continue;
        }
        let subject = doc.token_text(s.head);
        let written = doc.token_text(a);
        let mut d = meta.diagnostic(
            tokens[s.start].span().cover(t.span()),
            format!(
                "« {written} » does not agree with its subject « {subject} » ({})",
                features(s.gender, s.plural)
            ),
        );
        if let Some(form) = agreeing_form(&word, s.gender, s.plural) {
            let form = match_case(written, &form);
            d.message.push_str(&format!(": « {form} »"));
            let applicability = if s.complements.is_empty() {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            d.fix = Some(Fix::new(vec![Edit::replace(t.span(), form)], applicability));
        }
        out.push(d);
    }
}

/// `ils peut` → `peuvent`, `les options de cette page est` → `sont`: a verb
/// of the third person whose number is not its subject's.
fn subject_verb(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for s in doc.subjects() {
        if !s.third_person || s.coordinated {
            continue;
        }
        let written = doc.token_text(s.verb);
        let verb = word_at(doc, s.verb);
        let Some(number) = verb_number(&verb) else {
            continue;
        };
        if number.plural == s.plural
            || grammar::in_english(doc, s.head)
            || !grammar::tagged_as(doc, s.verb, &[Upos::Aux, Upos::Verb])
            || !grammar::tagged_as(doc, s.head, &[Upos::Noun, Upos::Pron])
        {
            continue;
        }
        let subject = doc.token_text(s.head);
        let form = match_case(written, &number.other);
        let number_name = if s.plural { "plural" } else { "singular" };
        let mut d = meta.diagnostic(
            tokens[s.verb].span(),
            format!(
                "« {written} » does not agree with its subject « {subject} » ({number_name}): « {form} »"
            ),
        );
        d.fix = Some(Fix::new(
            vec![Edit::replace(tokens[s.verb].span(), form)],
            Applicability::Unsafe,
        ));
        out.push(d);
    }
}

/// The forms of `avoir` that make a compound tense.
const AVOIR: &[&str] = &[
    "ai", "as", "a", "avons", "avez", "ont", "avais", "avait", "avions", "aviez", "avaient",
    "aurai", "auras", "aura", "aurons", "aurez", "auront", "aurais", "aurait", "aurions", "auriez",
    "auraient", "eu", "eut", "eurent",
];

/// Participles that do not agree with a preceding `que`: intransitive
/// verbs with a complement of measure or time (`les heures que j’ai
/// dormi`), impersonal ones (`qu’il a fallu`), and those with an infinitive
/// left out (`qu’il a pu`, `voulu`).
const INVARIABLE_PARTICIPLES: &[&str] = &[
    "fallu", "coûté", "valu", "pesé", "duré", "vécu", "dormi", "couru", "régné", "ri", "plu",
    "nui", "suffi", "menti", "semblé", "paru", "pu", "dû", "voulu", "su", "fait", "laissé",
    "marché", "mesuré",
];

/// The personal pronouns that can be subjects after `que` (elided ones
/// without their apostrophe).
const RELATIVE_SUBJECTS: &[&str] = &[
    "j", "je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles",
];

/// `les lettres que j’ai reçu` → `reçues`: a past participle with `avoir`
/// agrees with its direct object when the object comes first, as the
/// relative `que` does: the noun before `que` decides.
fn participle_avoir(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for &(i, word) in doc.grammatical_words_in_prose() {
        if word == "les" {
            out.extend(plural_object_pronoun(meta, doc, i));
            continue;
        }
        // `que` then its subject, or `qu’` glued to a pronoun subject.
        let (que, subject) = if word == "que" {
            let Some(s) = following(doc, i) else { continue };
            (i, s)
        } else if grammar::SUBJECT_PRONOUNS.contains(&word)
            && i > 0
            && tokens[i - 1].kind == TokenKind::Elided
            && word_at(doc, i - 1) == "qu"
        {
            (i - 1, i)
        } else {
            continue;
        };
        // The noun before `que`, with its determiner.
        let Some(n) = que
            .checked_sub(2)
            .filter(|&n| following(doc, n) == Some(que))
        else {
            continue;
        };
        if tokens[n].kind != TokenKind::Word || tokens[n].first.is_uppercase() {
            continue;
        }
        let noun = word_at(doc, n);
        let det = grammar::previous_word(doc, n)
            .and_then(|p| grammar::determiner(&word_at(doc, p)))
            .or_else(|| {
                grammar::elided_before(doc, n)
                    .filter(|&p| word_at(doc, p) == "l")
                    .map(|_| Determiner {
                        family: grammar::Family::Definite,
                        gender: None,
                        plural: false,
                    })
            });
        let Some(det) = det else { continue };
        // `il a dit aux journalistes que nous avons gagné`: after `à`,
        // the noun is the object of a verb of saying, `que` a conjunction.
        let indirect = matches!(det.family, grammar::Family::ToThe)
            || grammar::previous_word(doc, n)
                .and_then(|p| grammar::previous_word(doc, p))
                .is_some_and(|p| word_at(doc, p) == "à");
        if indirect {
            continue;
        }
        let Some(r) = readings(&noun) else { continue };
        if !r.iter().any(|r| {
            r.pos == Pos::Noun
                && gender_fits(det.gender, r.gender)
                && number_fits(det.plural, r.number)
        }) {
            continue;
        }
        let Some(gender) = noun_gender(&noun) else {
            continue;
        };
        let plural = det.plural;
        // The masculine singular is the participle's own form.
        if gender == Gender::Masculine && !plural {
            continue;
        }
        // The subject: a pronoun, or a determiner and a noun.
        let sw = word_at(doc, subject);
        let last = if RELATIVE_SUBJECTS.contains(&&*sw) {
            subject
        } else if grammar::determiner(&sw).is_some() {
            let Some(sn) = following(doc, subject) else {
                continue;
            };
            if !grammar::has_pos(&word_at(doc, sn), Pos::Noun) {
                continue;
            }
            sn
        } else {
            continue;
        };
        let Some(aux) = following(doc, last) else {
            continue;
        };
        if !AVOIR.contains(&&*word_at(doc, aux)) {
            continue;
        }
        let Some(part) = following(doc, aux) else {
            continue;
        };
        let pw = word_at(doc, part);
        if INVARIABLE_PARTICIPLES.contains(&&*pw) || tokens[part].first.is_uppercase() {
            continue;
        }
        let Some(pr) = readings(&pw) else { continue };
        if !pr.iter().any(|r| r.verb_form == VerbForm::PastParticiple) {
            continue;
        }
        let fits = pr.iter().any(|r| {
            r.verb_form == VerbForm::PastParticiple
                && gender_fits(Some(gender), r.gender)
                && number_fits(plural, r.number)
        });
        if fits {
            continue;
        }
        // `que nous avons gagné le match`: `que` a conjunction, the
        // participle has its object after it; `entendu chanter`: an
        // infinitive follows.
        if let Some(next) = following(doc, part) {
            let nw = word_at(doc, next);
            if grammar::determiner(&nw).is_some()
                || matches!(&*nw, "l" | "d" | "de" | "à" | "que" | "qu")
                || grammar::is_infinitive(&nw)
            {
                continue;
            }
        }
        if !grammar::tagged_as(doc, part, &[Upos::Verb, Upos::Aux, Upos::Adj])
            || !grammar::tagged_as(doc, n, &[Upos::Noun])
        {
            continue;
        }
        let written = doc.token_text(part);
        let mut d = meta.diagnostic(
            tokens[subject].span().cover(tokens[part].span()),
            format!(
                "« {written} » agrees with its object « que » (« {} », {}), which comes before it",
                doc.token_text(n),
                features(Some(gender), plural)
            ),
        );
        if let Some(form) = agreeing_form(&pw, Some(gender), plural) {
            let form = match_case(written, &form);
            d.message.push_str(&format!(": « {form} »"));
            d.fix = Some(Fix::new(
                vec![Edit::replace(tokens[part].span(), form)],
                Applicability::Unsafe,
            ));
        }
        out.push(d);
    }
}

/// Words that may stand before the object pronoun `les` and its verb: a
/// subject pronoun or the `ne` of a negation (elided ones without their
/// apostrophe).
const BEFORE_OBJECT_LES: &[&str] = &[
    "je", "j", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ne", "n",
];

/// Adverbs that may stand between `avoir` and its participle.
const BETWEEN_AUXILIARY_AND_PARTICIPLE: &[&str] = &[
    "pas", "jamais", "plus", "déjà", "point", "guère", "bien", "toujours", "souvent",
];

/// `je les ai vu` → `vus` or `vues`: the object pronoun `les`, token `i`,
/// before `avoir` and a past participle that is singular. The participle
/// agrees with `les`, which is plural; its gender is that of what `les`
/// stands for, so the fix is offered only when the participle already
/// shows it (`je les ai reçue` → `reçues`).
fn plural_object_pronoun(meta: &RuleMeta, doc: &Document, i: usize) -> Option<Diagnostic> {
    let tokens = doc.tokens();
    let before = grammar::previous_word(doc, i).or_else(|| grammar::elided_before(doc, i))?;
    if !BEFORE_OBJECT_LES.contains(&&*word_at(doc, before)) {
        return None;
    }
    let aux = following(doc, i)?;
    if !AVOIR.contains(&&*word_at(doc, aux)) || matches!(&*word_at(doc, aux), "eu" | "eut") {
        return None;
    }
    let mut part = following(doc, aux)?;
    if BETWEEN_AUXILIARY_AND_PARTICIPLE.contains(&&*word_at(doc, part)) {
        part = following(doc, part)?;
    }
    let pw = word_at(doc, part);
    if INVARIABLE_PARTICIPLES.contains(&&*pw) || tokens[part].first.is_uppercase() {
        return None;
    }
    let pr = readings(&pw)?;
    let participles: Vec<_> = pr
        .iter()
        .filter(|r| r.verb_form == VerbForm::PastParticiple)
        .collect();
    if participles.is_empty() || participles.iter().any(|r| number_fits(true, r.number)) {
        return None;
    }
    // `je les ai vu partir`: a participle before an infinitive.
    if following(doc, part).is_some_and(|n| grammar::is_infinitive(&word_at(doc, n))) {
        return None;
    }
    if grammar::in_english(doc, part)
        || !grammar::tagged_as(doc, i, &[Upos::Pron])
        || !grammar::tagged_as(doc, part, &[Upos::Verb, Upos::Aux, Upos::Adj])
    {
        return None;
    }
    let written = doc.token_text(part);
    let feminine = participles.iter().all(|r| r.gender == Gender::Feminine);
    let forms: Vec<String> = [Gender::Masculine, Gender::Feminine]
        .into_iter()
        .filter(|&g| !feminine || g == Gender::Feminine)
        .filter_map(|g| agreeing_form(&pw, Some(g), true))
        .map(|f| match_case(written, &f))
        .collect();
    let mut d = meta.diagnostic(
        tokens[i].span().cover(tokens[part].span()),
        format!("« {written} » agrees with its object « les » (plural), which comes before it"),
    );
    if !forms.is_empty() {
        let listed: Vec<String> = forms.iter().map(|f| format!("« {f} »")).collect();
        d.message.push_str(&format!(": {}", listed.join(" or ")));
    }
    if let [form] = forms.as_slice() {
        d.fix = Some(Fix::new(
            vec![Edit::replace(tokens[part].span(), form.clone())],
            Applicability::Unsafe,
        ));
    }
    Some(d)
}
