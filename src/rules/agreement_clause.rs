//! Agreement across the clause: the attribute and the participle with their
//! subject (`elle est fatigué` → `fatiguée`, `la réunion a été annulé` →
//! `annulée`), and the verb with its subject (`ils peut` → `peuvent`, `les
//! options de cette page est` → `sont`).
//!
//! The subject is a personal pronoun or a noun phrase that opens a clause
//! (a determiner at a sentence start, after a comma, a colon or a
//! conjunction), with its complements (`de cette page`); the verb comes
//! right after it, past `ne` and object pronouns. Whatever leaves the
//! subject open (coordination, a relative clause, a collective noun, a
//! name) gives nothing.

use super::{CodeRuleDef, RuleMeta, always};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::grammar::{self, Determiner, gender_fits, number_fits, readings};
use crate::inflect::{agreeing_form, verb_number};
use crate::lexicon::{Gender, Number, Pos, VerbForm};
use crate::tagger::Upos;
use crate::tokenize::{SpaceKind, TokenKind};
use crate::wordlist::match_case;
use std::borrow::Cow;

pub(super) const RULES: &[CodeRuleDef] = &[
    always("agreement/attribute", attribute),
    always("agreement/subject-verb", subject_verb),
    always("agreement/participle-avoir", participle_avoir),
];

/// A subject and the verb that follows it.
#[derive(Debug, Clone)]
struct Subject {
    /// The first token of the subject.
    start: usize,
    /// Its head: the pronoun or the noun.
    head: usize,
    /// Its gender, when known.
    gender: Option<Gender>,
    /// Whether it is plural.
    plural: bool,
    /// Whether it is of the third person (`il`, `elles`, a noun phrase).
    third_person: bool,
    /// The nouns of its complements (`cette page` in `les options de cette
    /// page`): (gender, plural) when known.
    complements: Vec<(Option<Gender>, Option<bool>)>,
    /// Whether an object pronoun stands between it and the verb.
    clitic: bool,
    /// Whether it may be the last of coordinated subjects (`Marie et elle`).
    coordinated: bool,
    /// The verb token.
    verb: usize,
}

/// The word or elided token after token `i`: glued to an elided word
/// (`l’` + `option`), or across one space on the same line.
fn following(doc: &Document, i: usize) -> Option<usize> {
    let tokens = doc.tokens();
    let t = tokens.get(i)?;
    if t.kind == TokenKind::Elided {
        let n = tokens.get(i + 1)?;
        return (n.kind == TokenKind::Word && n.span().start == t.span().end).then_some(i + 1);
    }
    let space = tokens.get(i + 1)?;
    let next = tokens.get(i + 2)?;
    let one_space = matches!(
        space.kind,
        TokenKind::Space(SpaceKind::Ascii | SpaceKind::Nbsp | SpaceKind::Nnbsp)
    ) && space.span().end - space.span().start <= 3;
    (one_space && matches!(next.kind, TokenKind::Word | TokenKind::Elided)).then_some(i + 2)
}

/// Token `i` in lowercase, without the apostrophe of an elided word
/// (borrowed when already in lowercase).
fn word_at<'d>(doc: &'d Document, i: usize) -> Cow<'d, str> {
    let text = doc.token_text(i);
    grammar::lowercase(text.trim_end_matches(['’', '\'', 'ʼ']))
}

/// Object pronouns that may stand between a subject and its verb (`ils le
/// peuvent`, `il s’est`), elided ones without their apostrophe.
const CLITICS: &[&str] = &[
    "le", "la", "les", "l", "lui", "leur", "y", "en", "me", "m", "te", "t", "se", "s", "nous",
    "vous",
];

/// The personal pronouns that are subjects: (gender, plural, third person).
fn subject_pronoun(word: &str) -> Option<(Option<Gender>, bool, bool)> {
    Some(match word {
        "il" => (Some(Gender::Masculine), false, true),
        "elle" => (Some(Gender::Feminine), false, true),
        "ils" => (Some(Gender::Masculine), true, true),
        "elles" => (Some(Gender::Feminine), true, true),
        "nous" => (None, true, false),
        "je" | "tu" => (None, false, false),
        _ => return None,
    })
}

/// Words after which a noun phrase opens a clause, so can be its subject
/// (after `et`, `ou`, `ni`, perhaps the last of coordinated subjects).
const CLAUSE_OPENERS: &[&str] = &[
    "que", "qu", "mais", "car", "quand", "lorsque", "lorsqu", "puisque", "puisqu", "si", "où",
    "comme", "donc", "alors", "et", "ou", "ni",
];

/// Prepositions that join a complement to a noun (`les options de cette
/// page`).
const COMPLEMENT_LINKS: &[&str] = &[
    "de", "d", "du", "des", "à", "au", "aux", "en", "pour", "sur", "dans", "avec", "sans", "par",
    "chez", "contre", "entre", "sous",
];

/// Collective and quantity nouns, whose verb may agree with their
/// complement (`la plupart des élèves sont`, `une foule de curieux`).
const COLLECTIVES: &[&str] = &[
    "plupart",
    "quarantaine",
    "cinquantaine",
    "soixantaine",
    "majorité",
    "minorité",
    "nombre",
    "foule",
    "ensemble",
    "moitié",
    "totalité",
    "partie",
    "reste",
    "série",
    "dizaine",
    "douzaine",
    "quinzaine",
    "vingtaine",
    "trentaine",
    "centaine",
    "millier",
    "million",
    "milliard",
    "tiers",
    "quart",
    "groupe",
    "masse",
    "multitude",
    "infinité",
    "poignée",
    "quantité",
    "tas",
    "peu",
    "infinité",
    "type",
    "genre",
    "sorte",
    "espèce",
    "pourcentage",
    "proportion",
    "part",
];

/// Whether token `i` opens a clause: a sentence start, or after a comma,
/// a colon, a semicolon or a conjunction.
fn opens_clause(doc: &Document, i: usize) -> bool {
    let tokens = doc.tokens();
    if tokens[i].is_sentence_start() {
        return true;
    }
    let mut p = i;
    while p > 0 {
        p -= 1;
        let t = tokens[p];
        match t.kind {
            TokenKind::Space(_) => continue,
            TokenKind::Punct => return matches!(doc.token_text(p), "," | ":" | ";"),
            TokenKind::Word | TokenKind::Elided => {
                return t.span().end <= tokens[i].span().start
                    && CLAUSE_OPENERS.contains(&&*word_at(doc, p));
            }
            _ => return false,
        }
    }
    true
}

/// The verb after the subject ending at token `last`: past `ne` and object
/// pronouns. `(verb, whether an object pronoun came between)`.
fn verb_after(doc: &Document, last: usize) -> Option<(usize, bool)> {
    let mut v = following(doc, last)?;
    let mut clitic = false;
    for _ in 0..4 {
        let w = word_at(doc, v);
        if w == "ne" || w == "n" {
            v = following(doc, v)?;
        } else if CLITICS.contains(&&*w) {
            clitic = true;
            v = following(doc, v)?;
        } else {
            break;
        }
    }
    if doc.tokens()[v].kind != TokenKind::Word || doc.tokens()[v].first.is_uppercase() {
        return None;
    }
    // `Ces jours-ci la porte reste fermée`: `la` before a noun is an article.
    let before = v.checked_sub(2).map(|p| word_at(doc, p));
    if clitic
        && matches!(before.as_deref(), Some("le" | "la" | "les"))
        && grammar::has_pos(&word_at(doc, v), Pos::Noun)
    {
        return None;
    }
    Some((v, clitic))
}

/// The subject that personal pronoun token `i` (`word`) is, with its verb.
fn pronoun_subject(doc: &Document, i: usize, word: &str) -> Option<Subject> {
    let (gender, plural, third_person) = subject_pronoun(word)?;
    // `pour elle`, `avec eux`: a pronoun after a preposition is no subject.
    if let Some(p) = grammar::previous_word(doc, i) {
        let before = word_at(doc, p);
        if matches!(
            &*before,
            "pour"
                | "avec"
                | "sans"
                | "chez"
                | "entre"
                | "contre"
                | "vers"
                | "selon"
                | "sur"
                | "sous"
                | "par"
                | "de"
                | "à"
                | "envers"
                | "comme"
        ) {
            return None;
        }
    }
    // `Marie et elle sont`: only the stressed forms can be coordinated;
    // `et ils doit` is a new clause.
    let coordinated = matches!(word, "elle" | "elles" | "nous")
        && grammar::previous_word(doc, i)
            .is_some_and(|p| matches!(&*word_at(doc, p), "et" | "ou" | "ni"));
    let (verb, clitic) = verb_after(doc, i)?;
    Some(Subject {
        start: i,
        head: i,
        gender,
        plural,
        third_person,
        complements: Vec::new(),
        clitic,
        coordinated,
        verb,
    })
}

/// Whether `word` reads only as an adjective or a participle (perhaps also
/// as a noun), never as a conjugated verb or a grammatical word.
fn only_adjective(word: &str) -> bool {
    readings(word).is_some_and(|r| {
        r.iter().any(|r| r.pos == Pos::Adjective)
            && r.iter().all(|r| {
                matches!(r.pos, Pos::Adjective | Pos::Noun)
                    || (r.pos == Pos::Verb && r.verb_form == VerbForm::PastParticiple)
            })
    })
}

/// The gender every noun reading of `word` has, if one.
fn noun_gender(word: &str) -> Option<Gender> {
    let r = readings(word)?;
    let mut genders = r.iter().filter(|r| r.pos == Pos::Noun).map(|r| r.gender);
    let first = genders.next()?;
    (matches!(first, Gender::Masculine | Gender::Feminine) && genders.all(|g| g == first))
        .then_some(first)
}

/// The number every noun reading of `word` has, if one.
fn noun_number(word: &str) -> Option<bool> {
    let r = readings(word)?;
    let mut numbers = r.iter().filter(|r| r.pos == Pos::Noun).map(|r| r.number);
    let first = numbers.next()?;
    let plural = match first {
        Number::Plural => true,
        Number::Singular => false,
        _ => return None,
    };
    numbers.all(|n| n == first).then_some(plural)
}

/// The noun phrase subject that determiner token `d` opens, with its verb.
fn noun_phrase_subject(doc: &Document, d: usize, det: Determiner) -> Option<Subject> {
    // `du`, `au`: a preposition in them, never a subject's determiner.
    if matches!(
        det.family,
        grammar::Family::Which | grammar::Family::Partitive | grammar::Family::ToThe
    ) || !opens_clause(doc, d)
    {
        return None;
    }
    // `l’option`: the noun glued to the elided article.
    let phrase = if doc.tokens()[d].kind == TokenKind::Elided {
        let n = following(doc, d)?;
        let readings = readings(&word_at(doc, n)).filter(|r| r.has(Pos::Noun))?;
        grammar::NounPhrase {
            noun: n,
            between: Vec::new(),
            readings,
        }
    } else {
        grammar::noun_after(doc, d)?
    };
    let n = phrase.noun;
    let noun = word_at(doc, n);
    if grammar::is_capitalised_name(doc, n)
        || COLLECTIVES.contains(&&*noun)
        || !phrase.readings.iter().any(|r| {
            r.pos == Pos::Noun
                && gender_fits(det.gender, r.gender)
                && number_fits(det.plural, r.number)
        })
    {
        return None;
    }
    let gender = noun_gender(&noun).or(det.gender);
    // Adjectives after the noun, then complements (`de cette page`).
    let mut last = n;
    let mut complements = Vec::new();
    let mut steps = 0;
    while let Some(j) = following(doc, last) {
        steps += 1;
        if steps > 10 || doc.tokens()[j].first.is_uppercase() {
            return None;
        }
        let w = word_at(doc, j);
        if COMPLEMENT_LINKS.contains(&&*w) {
            // The complement: a determiner or not, adjectives, a noun.
            let mut k = following(doc, j)?;
            let kw = word_at(doc, k);
            let mut article = matches!(&*w, "du" | "des" | "au" | "aux");
            if grammar::determiner(&kw).is_some() || kw == "l" {
                article = true;
                k = following(doc, k)?;
            }
            // Adjectives before the noun (`de la future ligne`).
            for _ in 0..2 {
                let kw = word_at(doc, k);
                // The next word is the noun (not a verb: `de l’immobilier
                // reste`).
                let next_noun = following(doc, k).is_some_and(|n| {
                    let next = word_at(doc, n);
                    grammar::has_pos(&next, Pos::Noun) && !grammar::is_finite_verb(&next)
                });
                if !only_adjective(&kw) || !next_noun {
                    break;
                }
                k = following(doc, k)?;
            }
            let kw = word_at(doc, k);
            if doc.tokens()[k].first.is_uppercase() && !grammar::has_pos(&kw, Pos::Noun) {
                return None;
            }
            let r = readings(&kw)?;
            // After an article, a noun that is also a verb is the noun
            // (`de cette page`).
            let verb = r.iter().any(|r| r.verb_form == VerbForm::Finite);
            if !r.has(Pos::Noun) || (verb && !article) {
                return None;
            }
            complements.push((noun_gender(&kw), noun_number(&kw)));
            last = k;
        } else if only_adjective(&w) && !readings(&w).is_some_and(|r| r.has(Pos::Noun)) {
            last = j;
        } else {
            break;
        }
    }
    let (verb, clitic) = verb_after(doc, last)?;
    // `les travaux de la ligne entraîneront`: a word that may be a noun
    // is taken for the verb only when it is a common irregular one.
    let verb_word = word_at(doc, verb);
    let copula = readings(&verb_word).is_some_and(|r| {
        r.iter().any(|r| {
            r.verb_form == VerbForm::Finite && COPULAS.contains(&r.lemma(&verb_word).as_str())
        })
    });
    if grammar::has_pos(&verb_word, Pos::Noun)
        && !crate::inflect::is_irregular(&verb_word)
        && !copula
    {
        return None;
    }
    let coordinated = d
        .checked_sub(2)
        .filter(|&p| following(doc, p) == Some(d))
        .is_some_and(|p| matches!(&*word_at(doc, p), "et" | "ou" | "ni"));
    Some(Subject {
        start: d,
        head: n,
        gender,
        plural: det.plural,
        third_person: true,
        complements,
        clitic,
        coordinated,
        verb,
    })
}

/// Every subject of `doc` with its verb, in token order.
fn subjects<'d>(doc: &'d Document<'d>) -> impl Iterator<Item = Subject> + 'd {
    // The elided article (`L’option est activé`): either gender, singular.
    let elided = Determiner {
        family: grammar::Family::Definite,
        gender: None,
        plural: false,
    };
    let articles = doc
        .tokens()
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind == TokenKind::Elided && matches!(t.first, 'l' | 'L'))
        .filter(move |&(i, _)| word_at(doc, i) == "l")
        .filter_map(move |(i, _)| noun_phrase_subject(doc, i, elided));
    grammar::grammatical_words_in_prose(doc)
        .filter_map(|(i, word)| match grammar::determiner(word) {
            Some(det) => noun_phrase_subject(doc, i, det),
            None => pronoun_subject(doc, i, word),
        })
        .chain(articles)
}

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

/// The verbs whose complement is an attribute of the subject.
const COPULAS: &[&str] = &[
    "être",
    "rester",
    "sembler",
    "paraître",
    "devenir",
    "redevenir",
    "demeurer",
];

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
            r.pos == Pos::Verb
                && r.verb_form == VerbForm::Finite
                && wanted.contains(&r.lemma(&verb).as_str())
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
    for s in subjects(doc) {
        // `elles se sont parlé`, `il nous est apparu`: the participle of a
        // pronominal verb, or an object between, follows other rules.
        if s.clitic {
            continue;
        }
        let Some(a) = attribute_of(doc, &s) else {
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
    for s in subjects(doc) {
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
    for (i, word) in grammar::grammatical_words_in_prose(doc) {
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
