//! `agreement/adjective-noun`: an adjective after its noun that agrees with
//! it in neither gender nor number (`la situation actuel` → `actuelle`,
//! `l’effort plus massive` → `massif`), and an adjective after two nouns
//! coordinated with `et` that agrees with neither the pair nor the last
//! noun (`un homme et une femme heureuses` → `heureux`: the masculine wins,
//! the pair is plural).
//!
//! Where the adjective may belong to another noun, the rule stays silent:
//! a noun the phrase is a complement of (`la porte du garage ouverte`, `la
//! journée de nettoyage de l’environnement placée`), a list of adjectives
//! (`les cultures française et allemande`, `les alphabets phénicien, grec et
//! romain`), the noun after it (`à l’époque second niveau`), a determiner
//! that agrees with the adjective rather than its own noun (`les patient
//! atteints`: the noun is the wrong word, see `agreement/determiner-noun`).
//! The lexicon decides first; the tagger is asked only about the findings
//! left.

use super::RuleMeta;
use super::agreement::FEMINISED_TITLES;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::grammar::{
    self, certain_noun_features, elided_before, gender_fits, next_word, number_fits, previous_word,
    readings,
};
use crate::inflect::agreeing_form;
use crate::lexicon::{Gender, Number, Pos, Readings, VerbForm};
use crate::tagger::Upos;
use crate::tokenize::{SpaceKind, TokenKind};
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// Nouns used after another noun as an invariable apposition (`les photos
/// satellite`, `le trafic passagers`, `des prix plancher`): they read as
/// adjectives too, but do not agree.
const APPOSED_NOUNS: &[&str] = &[
    "satellite",
    "utilisateur",
    "administrateur",
    "artisan",
    "junior",
    "senior",
    "passager",
    "passagers",
    "voyageurs",
    "marchandises",
    "clé",
    "pilote",
    "limite",
    "type",
    "phare",
    "record",
    "témoin",
    "modèle",
    "standard",
    "culte",
    "choc",
    "éclair",
    "express",
    "fantôme",
    "vedette",
    "cible",
    "charnière",
    "frontière",
    "surprise",
    "test",
    "bidon",
    "mère",
    "plancher",
    "plafond",
    "maison",
    "nature",
    "cadeau",
    "relais",
    "tampon",
    "titre",
];

/// Prepositions that make a noun phrase the complement of the noun before
/// them (`la porte du garage`, `la bourse aux plantes`).
/// Other prepositions (`les informations sur un lien trouvées`) open a
/// complement the adjective may reach over as well.
const COMPLEMENT_LINKS: &[&str] = &[
    "de", "d’", "d'", "du", "des", "à", "au", "aux", "en", "sur", "par", "pour", "avec", "dans",
    "sous", "entre", "contre", "vers", "chez", "sans",
];

/// The word token right before token `i` (a word or an elided word such as
/// `l’`), across exactly one space on the same line.
fn word_before(doc: &Document, i: usize) -> Option<usize> {
    let tokens = doc.tokens();
    let p = i.checked_sub(2)?;
    let space = tokens[i - 1];
    let one_space = matches!(
        space.kind,
        TokenKind::Space(SpaceKind::Ascii | SpaceKind::Nbsp | SpaceKind::Nnbsp)
    ) && doc.slice(space.span()).chars().count() == 1;
    (one_space && tokens[p].kind == TokenKind::Word).then_some(p)
}

/// The word token before token `i` across spaces and at most one line
/// break (a line wrapped inside a phrase), for the links of a complement
/// chain: finding a head there only keeps the rule silent.
fn word_before_in_paragraph(doc: &Document, i: usize) -> Option<usize> {
    let tokens = doc.tokens();
    let mut p = i.checked_sub(1)?;
    let mut breaks = 0;
    loop {
        match tokens[p].kind {
            TokenKind::Space(_) => {}
            TokenKind::LineBreak if breaks == 0 => breaks += 1,
            TokenKind::Word if p + 1 < i => return Some(p),
            _ => return None,
        }
        p = p.checked_sub(1)?;
    }
}

/// The word before token `i`: the glued elided word (`d’` in `d’eau`) or
/// the word across one space.
fn before(doc: &Document, i: usize) -> Option<usize> {
    elided_before(doc, i).or_else(|| word_before(doc, i))
}

/// The readings of word token `i`, looked up in lowercase.
fn readings_at(doc: &Document, i: usize) -> Option<Readings> {
    readings(&grammar::lowercase(doc.token_text(i)))
}

/// Whether a reading of adjective `adjective` fits a noun reading of
/// `noun` (a gender or number left open on either side fits).
fn adjective_fits(adjective: Readings, noun: Readings) -> bool {
    let open_gender = |g: Gender| matches!(g, Gender::Both | Gender::Unknown);
    let open_number = |n: Number| matches!(n, Number::Both | Number::Unknown);
    noun.iter()
        .filter(|n| matches!(n.pos, Pos::Noun | Pos::Numeral | Pos::Pronoun))
        .any(|n| {
            adjective.iter().any(|a| {
                (open_gender(a.gender) || open_gender(n.gender) || a.gender == n.gender)
                    && (open_number(a.number) || open_number(n.number) || a.number == n.number)
            })
        })
}

/// Whether adjective readings `a` fit a noun of `gender` and number.
/// A present participle reading (invariable, with neither gender nor
/// number) does not count: `une décision important` is no participle.
fn fits_features(a: Readings, gender: Gender, plural: bool) -> bool {
    a.iter().any(|r| {
        r.verb_form != VerbForm::PresentParticiple
            && gender_fits(Some(gender), r.gender)
            && number_fits(plural, r.number)
    })
}

/// Whether `word` reads as an adjective (perhaps also as a noun or a
/// participle, never as another part of speech), and no reading of it fits
/// a noun of `gender` and number.
fn disagreeing_adjective(r: Readings, gender: Gender, plural: bool) -> bool {
    adjectival(r) && !fits_features(r, gender, plural)
}

/// Whether readings `r` are those of an adjective or a past participle
/// (perhaps also a noun), never of another part of speech.
fn adjectival(r: Readings) -> bool {
    let participle =
        |r: &crate::lexicon::Reading| r.pos == Pos::Verb && r.verb_form == VerbForm::PastParticiple;
    r.iter().all(|r| {
        matches!(r.pos, Pos::Adjective | Pos::Noun)
            || participle(&r)
            || (r.pos == Pos::Verb && r.verb_form == VerbForm::PresentParticiple)
    }) && (r.has(Pos::Adjective) || r.iter().any(|r| participle(&r)))
}

/// Whether readings `r` include a present participle (`important`, from
/// `importer`): invariable, so only the tagger can tell the adjective.
fn present_participle_too(r: Readings) -> bool {
    r.iter()
        .any(|r| r.pos == Pos::Verb && r.verb_form == VerbForm::PresentParticiple)
}

/// The gender and number of noun `noun` after determiner token `det`: the
/// lexicon's when it is sure ([`certain_noun_features`]); else, for a
/// noun of both genders (`la politique`, `le politique`), the one noun
/// reading the determiner selects.
fn noun_features(doc: &Document, det: usize, noun: &str) -> Option<(Gender, bool)> {
    if grammar::GENDER_IN_DOUBT.contains(&noun) {
        return None;
    }
    if let Some(f) = certain_noun_features(noun) {
        return Some(f);
    }
    let d = grammar::determiner_at(doc, det)?;
    d.gender?;
    let mut selected = readings(noun)?.iter().filter(|r| {
        r.pos == Pos::Noun
            && matches!(r.gender, Gender::Masculine | Gender::Feminine)
            && gender_fits(d.gender, r.gender)
            && number_fits(d.plural, r.number)
    });
    let first = selected.next()?;
    let plural = match first.number {
        Number::Plural => true,
        Number::Singular => false,
        _ => return None,
    };
    selected
        .all(|r| r.gender == first.gender && r.number == first.number)
        .then_some((first.gender, plural))
}

/// The first token of the noun phrase whose noun is token `n`: its
/// determiner (`la`, `l’`), or the noun itself.
fn phrase_start(doc: &Document, n: usize) -> usize {
    if let Some(e) = elided_before(doc, n) {
        return e;
    }
    match word_before(doc, n) {
        Some(p) if grammar::determiner_at(doc, p).is_some() => p,
        _ => n,
    }
}

/// The nouns before the phrase starting at token `start` that it is the
/// complement of, nearest first (`la journée de nettoyage de
/// l’environnement`: `nettoyage`, `journée`); `None` when the chain runs
/// through a coordination (`des fractures de la colonne et de la hanche`),
/// where the adjective's noun cannot be told.
fn complement_heads(doc: &Document, mut start: usize) -> Option<Vec<usize>> {
    let mut heads = Vec::new();
    for _ in 0..3 {
        let first = grammar::lowercase(doc.token_text(start));
        // `du`, `des`, `aux` are the link and the determiner at once.
        let link = if matches!(&*first, "du" | "des" | "au" | "aux") {
            Some(start)
        } else {
            elided_before(doc, start)
                .or_else(|| word_before_in_paragraph(doc, start))
                .filter(|&p| COMPLEMENT_LINKS.contains(&&*grammar::lowercase(doc.token_text(p))))
        };
        let Some(link) = link else { break };
        // The head: the nearest word with a noun reading, across at most
        // two adjectives (`le repas annuel des anciens`).
        let mut head = None;
        let mut at = link;
        for _ in 0..3 {
            let Some(p) = word_before_in_paragraph(doc, at) else {
                break;
            };
            let w = grammar::lowercase(doc.token_text(p));
            if matches!(&*w, "et" | "ou" | "ni") {
                return None;
            }
            let Some(r) = readings(&w) else { break };
            if r.has(Pos::Noun) {
                head = Some(p);
                break;
            }
            if !r.has(Pos::Adjective) {
                break;
            }
            at = p;
        }
        let Some(head) = head else { break };
        heads.push(head);
        start = phrase_start(doc, head);
    }
    Some(heads)
}

/// The noun before token `conjunction` (`et` in `un homme et une femme`),
/// across at most two adjectives: the noun, its gender and number, when
/// the lexicon is sure of them.
fn coordinated_noun(doc: &Document, conjunction: usize) -> Option<(usize, Gender, bool)> {
    let mut at = conjunction;
    for _ in 0..3 {
        let p = word_before(doc, at)?;
        let w = grammar::lowercase(doc.token_text(p));
        let r = readings(&w)?;
        if r.has(Pos::Noun) {
            let (g, plural) = certain_noun_features(&w)?;
            return Some((p, g, plural));
        }
        if !r.has(Pos::Adjective) {
            return None;
        }
        at = p;
    }
    None
}

/// The tokens [`adjective_noun`] may read as a noun with its determiner,
/// in order, each once: right after an elided word (`l’effort`), and two
/// and four tokens after a determiner (`la situation`, `la nouvelle
/// réforme`). The rule's own tests decide; these only spare it the words
/// no determiner can govern, most of a text.
fn after_determiners(doc: &Document) -> Vec<usize> {
    let mut marked = vec![false; doc.tokens().len()];
    let mut mark = |n: usize| {
        if let Some(m) = marked.get_mut(n) {
            *m = true;
        }
    };
    for &(j, word) in doc.grammatical_words() {
        if grammar::determiner(word).is_some() {
            mark(j + 2);
            mark(j + 4);
        }
    }
    for e in doc.tokens_of(TokenKind::Elided) {
        mark(e + 1);
    }
    marked
        .iter()
        .enumerate()
        .filter_map(|(n, &m)| m.then_some(n))
        .collect()
}

/// [`FEMINISED_TITLES`] and [`APPOSED_NOUNS`] as sets: the rule asks of
/// every noun it reads, where a search of the lists compared each entry.
struct Listed {
    feminised_titles: FxHashSet<&'static str>,
    apposed_nouns: FxHashSet<&'static str>,
}

static LISTED: LazyLock<Listed> = LazyLock::new(|| Listed {
    feminised_titles: FEMINISED_TITLES.iter().copied().collect(),
    apposed_nouns: APPOSED_NOUNS.iter().copied().collect(),
});

/// The adjective after its noun (see the module documentation).
pub(super) fn adjective_noun(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    let grammatical = doc.grammatical_words();
    // The first grammatical word not before the word ahead of the noun: the
    // nouns come in token order, so this cursor replaces a binary search
    // ([`grammar::determiner_at`]) per word.
    let mut ahead = 0;
    // The same, for the word two words ahead of the noun.
    let mut ahead_two = 0;
    for n in after_determiners(doc) {
        let t = tokens[n];
        if t.kind != TokenKind::Word || t.first.is_uppercase() {
            continue;
        }
        // The noun has its determiner: `l’effort`, `la situation`.
        let article = elided_before(doc, n).filter(|&p| {
            let text = doc.token_text(p);
            matches!(text.chars().next(), Some('l' | 'L')) && text.chars().count() == 2
        });
        let det = article.or_else(|| {
            let p = n.checked_sub(2)?;
            while grammatical.get(ahead).is_some_and(|&(j, _)| j < p) {
                ahead += 1;
            }
            let &(j, word) = grammatical.get(ahead)?;
            (j == p && grammar::determiner(word).is_some() && previous_word(doc, n) == Some(p))
                .then_some(p)
        });
        // Or one adjective between (`la nouvelle réforme`), checked below.
        let (det, adjective_before) = match det {
            Some(det) => (det, None),
            None => {
                let Some(p) = n.checked_sub(4) else { continue };
                while grammatical.get(ahead_two).is_some_and(|&(j, _)| j < p) {
                    ahead_two += 1;
                }
                let Some(&(j, word)) = grammatical.get(ahead_two) else {
                    continue;
                };
                let between = n - 2;
                if j != p
                    || grammar::determiner(word).is_none()
                    || previous_word(doc, n) != Some(between)
                    || previous_word(doc, between) != Some(p)
                    || tokens[between].first.is_uppercase()
                {
                    continue;
                }
                (p, Some(between))
            }
        };
        // The word tests come before the lexicon lookups: each only skips
        // the word, so their order does not change what is found.
        let Some(mut a) = next_word(doc, n) else {
            continue;
        };
        let mut adverb = None;
        if grammar::DEGREE_ADVERBS.contains(&doc.token_text(a)) {
            let Some(next) = next_word(doc, a) else {
                continue;
            };
            adverb = Some(a);
            a = next;
        }
        if tokens[a].first.is_uppercase() {
            continue;
        }
        let noun = doc.token_text(n);
        if LISTED.feminised_titles.contains(noun) {
            continue;
        }
        let Some((gender, plural)) = noun_features(doc, det, noun) else {
            continue;
        };
        // The adjective between the determiner and the noun agrees with
        // the noun (else `adjective-before-noun` has the question).
        if let Some(b) = adjective_before {
            let agrees = readings_at(doc, b).is_some_and(|r| {
                r.has(Pos::Adjective) && !r.has(Pos::Verb) && fits_features(r, gender, plural)
            });
            if !agrees {
                continue;
            }
        }
        // `une stratégie commerciale ambitieux`: past a first adjective
        // that agrees, the second.
        if let Some(second) = next_word(doc, a).filter(|&w| {
            !tokens[w].first.is_uppercase()
                && readings(doc.token_text(a)).is_some_and(|r| {
                    r.has(Pos::Adjective) && !r.has(Pos::Verb) && fits_features(r, gender, plural)
                })
        }) {
            a = second;
        }
        let adjective = doc.token_text(a);
        if LISTED.apposed_nouns.contains(adjective) {
            continue;
        }
        // A list of adjectives (`les cultures française et allemande`, `les
        // alphabets phénicien, grec et romain`): each names one of them.
        let after = next_word(doc, a).map(|w| doc.token_text(w));
        if matches!(after, Some("et" | "ou" | "ni")) || adjective_list_follows(doc, a) {
            continue;
        }
        let Some(adjective_readings) = readings(adjective) else {
            continue;
        };
        if !disagreeing_adjective(adjective_readings, gender, plural) {
            continue;
        }
        // `les en-têtes si nécessaire`: `si` and an impersonal adjective
        // make a clause (`s’il est nécessaire`), masculine singular.
        if adverb.is_some_and(|v| doc.token_text(v) == "si")
            && fits_features(adjective_readings, Gender::Masculine, false)
        {
            continue;
        }
        let Some(noun_readings) = readings(noun) else {
            continue;
        };
        // `les cent meilleurs romans`: a numeral, not the noun.
        if noun_readings.has(Pos::Numeral) {
            continue;
        }
        // `à l’époque second niveau`: the adjective goes with the noun after
        // it.
        if next_word(doc, a)
            .and_then(|w| readings_at(doc, w))
            .is_some_and(|r| {
                r.has(Pos::Noun)
                    && r.iter()
                        .all(|r| matches!(r.pos, Pos::Noun | Pos::Adjective))
                    && adjective_fits(adjective_readings, r)
            })
        {
            continue;
        }
        // `les patient atteints`, `aux bâtiment paroissiaux`: the
        // determiner agrees with the adjective, so the noun is the wrong
        // word (`agreement/determiner-noun` reports it).
        if article.is_none()
            && grammar::determiner_at(doc, det).is_some_and(|d| {
                d.plural != plural
                    && adjective_readings
                        .iter()
                        .any(|r| gender_fits(d.gender, r.gender) && number_fits(d.plural, r.number))
            })
        {
            continue;
        }
        if grammar::in_english(doc, n) || grammar::in_english(doc, a) {
            continue;
        }
        // Two nouns coordinated with `et`: the adjective after the second
        // may go with both (masculine wins, plural) or with the second.
        if let Some(conjunction) = before(doc, det)
            .filter(|&c| matches!(&*grammar::lowercase(doc.token_text(c)), "et" | "ou" | "ni"))
        {
            if doc.token_text(conjunction) != "et" {
                continue;
            }
            let Some((first, first_gender, _)) = coordinated_noun(doc, conjunction) else {
                continue;
            };
            let both = if first_gender == Gender::Masculine || gender == Gender::Masculine {
                Gender::Masculine
            } else {
                Gender::Feminine
            };
            if fits_features(adjective_readings, both, true)
                || !confirmed_by_tagger(doc, a, n)
                || !grammar::tagged_as(doc, first, &[Upos::Noun])
            {
                continue;
            }
            let pair = doc.slice(
                tokens[phrase_start(doc, first)]
                    .span()
                    .cover(tokens[n].span()),
            );
            let mut d = meta.diagnostic(
                tokens[phrase_start(doc, first)]
                    .span()
                    .cover(tokens[a].span()),
                format!(
                    "« {adjective} » agrees with neither « {pair} » ({}) nor « {noun} »",
                    if both == Gender::Masculine {
                        "masculine plural"
                    } else {
                        "feminine plural"
                    }
                ),
            );
            add_fix(&mut d, doc, a, both, true);
            out.push(d);
            continue;
        }
        // `la réduction des coûts massive`, `la porte du garage ouverte`:
        // the adjective may go with a noun the phrase is a complement of.
        let Some(heads) = complement_heads(doc, det) else {
            continue;
        };
        if heads
            .iter()
            .any(|&h| readings_at(doc, h).is_some_and(|r| adjective_fits(adjective_readings, r)))
            || !confirmed_by_tagger(doc, a, n)
        {
            continue;
        }
        let span = t.span().cover(tokens[a].span());
        let mut d = meta.diagnostic(
            span,
            format!(
                "« {adjective} » does not agree with « {noun} »{}",
                super::agreement::gender_note(noun)
            ),
        );
        // After a complement chain, the adjective agrees with no noun of
        // it: which one it belongs to is not known, so no fix.
        if heads.is_empty() {
            add_fix(&mut d, doc, a, gender, plural);
        } else {
            d.message
                .push_str(" nor with the noun it is a complement of");
        }
        out.push(d);
    }
}

/// Whether the tagger, asked only now, reads token `a` as an adjective (or
/// participle) and token `n` as a noun.
fn confirmed_by_tagger(doc: &Document, a: usize, n: usize) -> bool {
    let adjective = if readings_at(doc, a).is_some_and(present_participle_too) {
        // `une entreprise important du vin`: a present participle with
        // its object.
        if object_follows(doc, a) {
            return false;
        }
        &[Upos::Adj][..]
    } else {
        &[Upos::Adj, Upos::Verb][..]
    };
    grammar::tagged_as(doc, a, adjective) && grammar::tagged_as(doc, n, &[Upos::Noun])
}

/// Whether a determiner follows word token `a` (`important du vin`,
/// `important l’huile`).
fn object_follows(doc: &Document, a: usize) -> bool {
    let tokens = doc.tokens();
    let next = tokens.get(a + 2).filter(|_| {
        tokens
            .get(a + 1)
            .is_some_and(|t| matches!(t.kind, TokenKind::Space(_)))
    });
    next.is_some_and(|t| {
        let word = grammar::lowercase(doc.token_text(a + 2));
        t.kind == TokenKind::Elided || grammar::determiner(&word).is_some()
    })
}

/// Whether a comma and another adjective follow word token `a`: a list of
/// adjectives (`phénicien, grec et romain`).
fn adjective_list_follows(doc: &Document, a: usize) -> bool {
    let tokens = doc.tokens();
    let comma = tokens
        .get(a + 1)
        .is_some_and(|t| t.kind == TokenKind::Punct && doc.token_text(a + 1) == ",");
    comma
        && tokens
            .get(a + 2)
            .is_some_and(|t| matches!(t.kind, TokenKind::Space(_)))
        && tokens.get(a + 3).is_some_and(|t| {
            t.kind == TokenKind::Word
                && readings_at(doc, a + 3)
                    .is_some_and(|r| r.has(Pos::Adjective) && !r.has(Pos::Verb))
        })
}

/// Adds the fix to `d`: adjective token `a` in the form of the same lemma
/// that agrees with `gender` and number, when exactly one fits
/// ([`agreeing_form`]).
fn add_fix(d: &mut Diagnostic, doc: &Document, a: usize, gender: Gender, plural: bool) {
    let written = doc.token_text(a);
    if let Some(form) = agreeing_form(written, Some(gender), plural) {
        d.message.push_str(&format!(": « {form} »"));
        d.fix = Some(Fix::new(
            vec![Edit::replace(doc.tokens()[a].span(), form)],
            Applicability::Unsafe,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use crate::source::{Source, SourceKind};

    /// Every word the rule reads as a noun after its determiner (an
    /// elided article right before it, a determiner two or four tokens
    /// before) is among the candidates, on the project's texts.
    #[test]
    fn candidates_hold_every_word_after_a_determiner() {
        let settings = Settings::default();
        let mut checked = 0;
        for text in crate::test_texts::project_texts() {
            let source = Source::new("t.txt", text.as_str(), SourceKind::PlainText);
            let doc = Document::new(&source, &settings);
            let candidates = after_determiners(&doc);
            assert!(candidates.windows(2).all(|w| w[0] < w[1]));
            for n in doc.tokens_of(TokenKind::Word) {
                let after_det = |back: usize| {
                    n.checked_sub(back)
                        .and_then(|p| grammar::determiner_at(&doc, p))
                        .is_some()
                };
                if elided_before(&doc, n).is_some() || after_det(2) || after_det(4) {
                    assert!(candidates.binary_search(&n).is_ok(), "{text}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }
}
