//! Clauses read from the lexicon: each subject (a personal pronoun, or a
//! noun phrase that opens a clause, with its complements) and the verb
//! that follows it. Computed once per document
//! ([`Document::subjects`](crate::document::Document::subjects)) and shared
//! by the agreement rules of the attribute and of the verb.
//!
//! The subject is a personal pronoun or a noun phrase that opens a clause
//! (a determiner at a sentence start, after a comma, a colon or a
//! conjunction), with its complements (`de cette page`); the verb comes
//! right after it, past `ne` and object pronouns. Whatever leaves the
//! subject open (coordination, a relative clause, a collective noun, a
//! name) gives nothing.

use crate::document::Document;
use crate::grammar::{self, Determiner, gender_fits, number_fits, readings};
use crate::lexicon::{Gender, Number, Pos, VerbForm};
use crate::tokenize::TokenKind;
use std::borrow::Cow;

/// A subject and the verb that follows it.
#[derive(Debug, Clone)]
pub struct Subject {
    /// The first token of the subject.
    pub start: usize,
    /// Its head: the pronoun or the noun.
    pub head: usize,
    /// Its gender, when known.
    pub gender: Option<Gender>,
    /// Whether it is plural.
    pub plural: bool,
    /// Whether it is of the third person (`il`, `elles`, a noun phrase).
    pub third_person: bool,
    /// The nouns of its complements (`cette page` in `les options de cette
    /// page`): (gender, plural) when known.
    pub complements: Vec<(Option<Gender>, Option<bool>)>,
    /// Whether an object pronoun stands between it and the verb.
    pub clitic: bool,
    /// Whether it may be the last of coordinated subjects (`Marie et elle`).
    pub coordinated: bool,
    /// The verb token.
    pub verb: usize,
}

/// The word or elided token after token `i`: glued to an elided word
/// (`l’` + `option`), or across one space on the same line.
pub fn following(doc: &Document, i: usize) -> Option<usize> {
    let tokens = doc.tokens();
    let t = tokens.get(i)?;
    if t.kind == TokenKind::Elided {
        let n = tokens.get(i + 1)?;
        return (n.kind == TokenKind::Word && n.span().start == t.span().end).then_some(i + 1);
    }
    grammar::after_one_space(doc, i)
        .filter(|&n| matches!(tokens[n].kind, TokenKind::Word | TokenKind::Elided))
}

/// Token `i` in lowercase, without the apostrophe of an elided word
/// (borrowed when already in lowercase).
pub fn word_at<'d>(doc: &'d Document, i: usize) -> Cow<'d, str> {
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
pub fn only_adjective(word: &str) -> bool {
    readings(word).is_some_and(|r| {
        r.iter().any(|r| r.pos == Pos::Adjective)
            && r.iter().all(|r| {
                matches!(r.pos, Pos::Adjective | Pos::Noun)
                    || (r.pos == Pos::Verb && r.verb_form == VerbForm::PastParticiple)
            })
    })
}

/// The gender every noun reading of `word` has, if one.
pub fn noun_gender(word: &str) -> Option<Gender> {
    let r = readings(word)?;
    let mut genders = r.iter().filter(|r| r.pos == Pos::Noun).map(|r| r.gender);
    let first = genders.next()?;
    (matches!(first, Gender::Masculine | Gender::Feminine) && genders.all(|g| g == first))
        .then_some(first)
}

/// The number every noun reading of `word` has, if one.
pub fn noun_number(word: &str) -> Option<bool> {
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
        r.iter()
            .any(|r| r.verb_form == VerbForm::Finite && r.lemma_in(&verb_word, COPULAS))
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

/// Every subject of `doc` with its verb: those the grammatical words
/// open, in token order, then those of elided articles (`l’option`).
pub fn find(doc: &Document) -> Vec<Subject> {
    // The elided article (`L’option est activé`): either gender, singular.
    let elided = Determiner {
        family: grammar::Family::Definite,
        gender: None,
        plural: false,
    };
    let articles = doc
        .tokens_of(TokenKind::Elided)
        .filter(|&i| matches!(doc.tokens()[i].first, 'l' | 'L'))
        .filter(|&i| word_at(doc, i) == "l")
        .filter_map(|i| noun_phrase_subject(doc, i, elided));
    doc.grammatical_words_in_prose()
        .iter()
        .copied()
        .filter_map(|(i, word)| match grammar::determiner(word) {
            Some(det) => noun_phrase_subject(doc, i, det),
            None => pronoun_subject(doc, i, word),
        })
        .chain(articles)
        .collect()
}

/// The verbs whose complement is an attribute of the subject.
pub const COPULAS: &[&str] = &[
    "être",
    "rester",
    "sembler",
    "paraître",
    "devenir",
    "redevenir",
    "demeurer",
];
