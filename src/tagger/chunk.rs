//! Chunks on top of the tags, sentence by sentence: noun phrases (with
//! their determiners, adjectives and coordination), subject → verb links
//! for pronoun and noun-phrase subjects, and the attribute after `être`
//! and the verbs of state.
//!
//! The chunker is deliberately narrow: it links only what the tags make
//! plain, and leaves a word out of every chunk rather than guess (a
//! relative `qui`, an inverted subject, an adjective after a complement).

use crate::document::Document;
use crate::lexicon::{Gender, Number, VerbForm};
use crate::tagger::{TokenReading, Upos};
use std::borrow::Cow;
use std::ops::Range;

/// A noun phrase: `les trois petites maisons blanches`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NounPhrase {
    /// Its tokens, from the first word to the last (spaces between
    /// included), as indexes into [`Document::tokens`].
    pub tokens: Range<usize>,
    /// The noun (or proper noun) it is built on.
    pub head: usize,
    /// The determiner nearest the noun: an article, possessive,
    /// demonstrative, quantifier, or a contraction (`du`, `aux`).
    pub determiner: Option<usize>,
    /// Every determiner-like word before the noun, in order: `tous`, `les`
    /// and numerals (`les trois`, `cinq`).
    pub determiners: Vec<usize>,
    /// The numeral before the noun (`cinq`, `trois`), if any.
    pub numeral: Option<usize>,
    /// Adjectives and participles before and after the noun (across
    /// adverbs, and coordinated ones after it), in order.
    pub adjectives: Vec<usize>,
    /// The noun phrases coordinated with this one by `et`/`ou`, itself
    /// included, as indexes into [`Chunks::noun_phrases`] (just itself
    /// when it stands alone).
    pub coordination: Range<usize>,
}

/// The subject of a verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A personal or demonstrative pronoun (`ils`, `elle`, `cela`): its
    /// token.
    Pronoun(usize),
    /// A noun phrase, as an index into [`Chunks::noun_phrases`]: the first
    /// of a chain `NP de NP…` (`les options de cette page`).
    NounPhrase(usize),
}

/// A subject and the finite verb or auxiliary it governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubjectLink {
    /// The subject.
    pub subject: Subject,
    /// The finite verb or auxiliary (`est` in `elle est partie`).
    pub verb: usize,
}

/// The verb that introduces an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copula {
    /// A form of `être` (also the auxiliary of a passive or compound
    /// tense: `a été annulée`, `sont partis`).
    Etre,
    /// A verb of state: `sembler`, `paraître`, `devenir`, `rester`,
    /// `demeurer`.
    State,
    /// `avoir l’air`: the attribute may agree with the subject or with
    /// `air`.
    AvoirLAir,
}

/// An attribute (an adjective or participle) and what it agrees with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute {
    /// The adjective or participle.
    pub word: usize,
    /// The verb that introduces it (`été`, `semble`, `air` for `avoir
    /// l’air`).
    pub copula: usize,
    /// What kind of verb that is.
    pub kind: Copula,
    /// The subject of the verb group, when a link was found.
    pub subject: Option<Subject>,
    /// Whether the verb is pronominal (`elles se sont parlé`: the
    /// participle then follows other rules).
    pub pronominal: bool,
}

/// The chunks of one sentence (or of a document).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chunks {
    /// Noun phrases, in order.
    pub noun_phrases: Vec<NounPhrase>,
    /// Subject → verb links, in the order of the verbs.
    pub subjects: Vec<SubjectLink>,
    /// Attributes, in order.
    pub attributes: Vec<Attribute>,
}

impl Chunks {
    /// The noun phrase with head `token`, if there is one.
    pub fn noun_phrase_with_head(&self, token: usize) -> Option<&NounPhrase> {
        self.noun_phrases.iter().find(|np| np.head == token)
    }

    /// The subject of the finite verb `verb`, if a link was found.
    pub fn subject_of(&self, verb: usize) -> Option<Subject> {
        self.subjects
            .iter()
            .find(|l| l.verb == verb)
            .map(|l| l.subject)
    }
}

/// One tagged word of the sentence being chunked.
#[derive(Clone)]
struct Word<'d> {
    token: usize,
    /// The form in lowercase, with `’` written `'`.
    lower: Cow<'d, str>,
    reading: TokenReading,
    /// The lemma of a verb or auxiliary (`être`, `sembler`).
    verb_lemma: Option<String>,
}

/// `text` in lowercase with `’` written `'`, borrowed when unchanged.
fn normalise(text: &str) -> Cow<'_, str> {
    if text.chars().any(|c| c.is_uppercase() || c == '’') {
        Cow::Owned(text.to_lowercase().replace('’', "'"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `word` is `lower` (in lowercase).
fn is(word: &Word, lower: &str) -> bool {
    word.lower == lower
}

fn is_determiner(w: &Word) -> bool {
    w.reading.upos == Upos::Det || w.reading.fused == Some(Upos::Det)
}

fn is_numeral(w: &Word) -> bool {
    w.reading.upos == Upos::Num
}

fn is_noun(w: &Word) -> bool {
    matches!(w.reading.upos, Upos::Noun | Upos::Propn)
}

/// An adjective, or a participle used as one (`les lettres reçues`).
fn is_adjective(w: &Word) -> bool {
    w.reading.upos == Upos::Adj
        || (w.reading.upos == Upos::Verb && w.reading.verb_form == Some(VerbForm::PastParticiple))
}

fn is_adverb(w: &Word) -> bool {
    w.reading.upos == Upos::Adv
}

fn is_coordinator(w: &Word) -> bool {
    w.reading.upos == Upos::Cconj && (is(w, "et") || is(w, "ou"))
}

/// Words between a subject and its verb: negation and object clitics.
fn is_clitic(w: &Word) -> bool {
    matches!(
        &*w.lower,
        "ne" | "n'"
            | "se"
            | "s'"
            | "me"
            | "m'"
            | "te"
            | "t'"
            | "le"
            | "la"
            | "les"
            | "l'"
            | "lui"
            | "leur"
            | "y"
            | "en"
            | "nous"
            | "vous"
    ) && matches!(w.reading.upos, Upos::Pron | Upos::Adv | Upos::Part)
}

/// Pronouns that can be the subject of a finite verb.
fn is_subject_pronoun(w: &Word) -> bool {
    w.reading.upos == Upos::Pron
        && matches!(
            &*w.lower,
            "je" | "j'"
                | "tu"
                | "il"
                | "elle"
                | "on"
                | "nous"
                | "vous"
                | "ils"
                | "elles"
                | "ce"
                | "c'"
                | "cela"
                | "ça"
                | "ceci"
        )
}

fn is_finite(w: &Word) -> bool {
    matches!(w.reading.upos, Upos::Verb | Upos::Aux)
        && w.reading.verb_form == Some(VerbForm::Finite)
}

/// The lemma of a verb: `être`, `sembler`… (lowercase).
fn verb_lemma<'w>(w: &'w Word) -> Option<&'w str> {
    w.verb_lemma.as_deref()
}

/// The chunks of sentence `range` of `doc`, from `readings` (its tagged
/// tokens, one entry per token of the range).
pub fn chunk(doc: &Document, range: Range<usize>, readings: &[Option<TokenReading>]) -> Chunks {
    let words: Vec<Word> = range
        .clone()
        .zip(readings)
        .filter_map(|(token, r)| {
            r.map(|reading| {
                let lower = normalise(doc.token_text(token));
                let verb_lemma = matches!(reading.upos, Upos::Verb | Upos::Aux)
                    .then(|| reading.lemma(&lower).into_owned());
                Word {
                    token,
                    lower,
                    reading,
                    verb_lemma,
                }
            })
        })
        .collect();
    chunk_words(&words)
}

fn chunk_words(words: &[Word]) -> Chunks {
    let mut chunks = Chunks::default();
    // For each word, the noun phrase that holds it.
    let mut np_of: Vec<Option<usize>> = vec![None; words.len()];
    let mut i = 0;
    while i < words.len() {
        match noun_phrase(words, i) {
            Some((np, end)) => {
                for slot in &mut np_of[i..end] {
                    *slot = Some(chunks.noun_phrases.len());
                }
                chunks.noun_phrases.push(np);
                i = end;
            }
            None => i += 1,
        }
    }
    coordinate(words, &np_of, &mut chunks);
    for v in 0..words.len() {
        if is_finite(&words[v])
            && let Some(subject) = subject(words, &np_of, v)
        {
            chunks.subjects.push(SubjectLink {
                subject,
                verb: words[v].token,
            });
        }
    }
    attributes(words, &mut chunks);
    chunks
}

/// The noun phrase starting at word `start`, and the index after it.
fn noun_phrase(words: &[Word], start: usize) -> Option<(NounPhrase, usize)> {
    let mut i = start;
    let mut determiners = Vec::new();
    let (mut determiner, mut numeral) = (None, None);
    while let Some(w) = words.get(i) {
        if is_determiner(w) {
            determiner = Some(w.token);
        } else if is_numeral(w) {
            numeral = Some(w.token);
        } else {
            break;
        }
        determiners.push(w.token);
        i += 1;
    }
    let mut adjectives = Vec::new();
    // Before the noun: adverbs and adjectives (`très grandes`).
    while let Some(w) = words.get(i) {
        if is_adverb(w)
            && words
                .get(i + 1)
                .is_some_and(|n| is_adjective(n) || is_adverb(n))
        {
            i += 1;
        } else if w.reading.upos == Upos::Adj
            && words.get(i + 1).is_some_and(|n| !is_coordinator(n))
        {
            adjectives.push(w.token);
            i += 1;
        } else {
            break;
        }
    }
    let head = words.get(i).filter(|w| is_noun(w))?;
    if determiners.is_empty() && !adjectives.is_empty() {
        // `grandes villes` without a determiner: too loose to be sure.
        return None;
    }
    let head_index = i;
    i += 1;
    // After the noun: adjectives, across adverbs, and coordinated ones.
    let mut end = i;
    loop {
        let mut j = end;
        while words.get(j).is_some_and(is_adverb) {
            j += 1;
        }
        let coordinated = end - 1 != head_index && words.get(j).is_some_and(is_coordinator);
        if coordinated {
            j += 1;
            while words.get(j).is_some_and(is_adverb) {
                j += 1;
            }
        }
        match words.get(j) {
            Some(w)
                if is_adjective(w)
                    && (j == end || coordinated || is_adjective_after_adverb(words, end, j)) =>
            {
                adjectives.push(w.token);
                end = j + 1;
            }
            _ => break,
        }
    }
    Some((
        NounPhrase {
            tokens: words[start].token..words[end - 1].token + 1,
            head: head.token,
            determiner,
            determiners,
            numeral,
            adjectives,
            coordination: 0..0,
        },
        end,
    ))
}

/// Whether the words from `from` to `adjective` are adverbs then an
/// adjective (`une maison très ancienne`).
fn is_adjective_after_adverb(words: &[Word], from: usize, adjective: usize) -> bool {
    words[from..adjective].iter().all(is_adverb)
}

/// Groups noun phrases joined by `et` / `ou` (`un homme et une femme`).
fn coordinate(words: &[Word], np_of: &[Option<usize>], chunks: &mut Chunks) {
    let n = chunks.noun_phrases.len();
    let mut group_start = 0;
    for k in 0..n {
        let joined_to_next = k + 1 < n && {
            let last = chunks.noun_phrases[k].tokens.end - 1;
            let w = words.iter().position(|w| w.token == last);
            w.is_some_and(|w| {
                words.get(w + 1).is_some_and(is_coordinator)
                    && np_of.get(w + 2).copied().flatten() == Some(k + 1)
            })
        };
        if !joined_to_next {
            for np in &mut chunks.noun_phrases[group_start..=k] {
                np.coordination = group_start..k + 1;
            }
            group_start = k + 1;
        }
    }
}

/// The subject of the finite verb at word `v`.
fn subject(words: &[Word], np_of: &[Option<usize>], v: usize) -> Option<Subject> {
    let mut i = v;
    // Negation and object clitics between subject and verb.
    while i > 0 && is_clitic(&words[i - 1]) {
        i -= 1;
    }
    let before = words.get(i.checked_sub(1)?)?;
    if is_subject_pronoun(before) {
        return Some(Subject::Pronoun(before.token));
    }
    // A noun phrase, the last of a chain `NP de NP…`: go back to the first.
    let mut np = np_of[i - 1]?;
    let mut first = i - 1;
    while first > 0 && np_of[first - 1] == Some(np) {
        first -= 1;
    }
    loop {
        // `les options de cette page`: a preposition (or `du`, `des`) then
        // this phrase, after another phrase.
        let prep = first.checked_sub(1);
        let joined = prep.and_then(|p| {
            let w = &words[p];
            let fused = w.reading.fused.is_some() && np_of[p] == Some(np);
            if w.reading.upos == Upos::Adp && !fused && np_of[p].is_none() {
                p.checked_sub(1).filter(|&q| np_of[q].is_some())
            } else {
                None
            }
        });
        // A phrase starting with a contraction (`des`, `du`) after a phrase.
        let contraction = words[first].reading.fused.is_some()
            && first > 0
            && np_of[first - 1].is_some_and(|p| p != np);
        let previous = match (joined, contraction) {
            (Some(q), _) => q,
            (None, true) => first - 1,
            _ => break,
        };
        np = np_of[previous]?;
        first = previous;
        while first > 0 && np_of[first - 1] == Some(np) {
            first -= 1;
        }
    }
    // A noun phrase that starts after a preposition is its object.
    if let Some(p) = first.checked_sub(1) {
        let w = &words[p];
        let opens = matches!(
            w.reading.upos,
            Upos::Punct | Upos::Cconj | Upos::Sconj | Upos::Adv
        ) || (w.reading.upos == Upos::Pron
            && matches!(&*w.lower, "que" | "qu'" | "dont" | "où"));
        if !opens || is(w, "-") {
            return None;
        }
    }
    // A determiner-less phrase starting with a contraction is a complement.
    if words[first].reading.fused.is_some() {
        return None;
    }
    Some(Subject::NounPhrase(np))
}

/// The adjective or participle after the verb group at word `v`, across
/// adverbs.
fn attribute_after(words: &[Word], v: usize) -> Option<usize> {
    let mut j = v + 1;
    while words
        .get(j)
        .is_some_and(|w| is_adverb(w) || (is(w, "pas") || is(w, "plus")))
    {
        j += 1;
    }
    let w = words.get(j)?;
    (w.reading.upos == Upos::Adj
        || (matches!(w.reading.upos, Upos::Verb | Upos::Adj)
            && w.reading.verb_form == Some(VerbForm::PastParticiple)))
    .then_some(j)
}

/// Attributes after `être`, the verbs of state and `avoir l’air`.
fn attributes(words: &[Word], chunks: &mut Chunks) {
    for v in 0..words.len() {
        let w = &words[v];
        let Some(lemma) = verb_lemma(w) else { continue };
        let (kind, copula_end) = match lemma {
            "être" => (Copula::Etre, v),
            "sembler" | "paraître" | "paraitre" | "devenir" | "rester" | "demeurer" => {
                (Copula::State, v)
            }
            "avoir"
                if words.get(v + 1).is_some_and(|l| l.lower == "l'")
                    && words.get(v + 2).is_some_and(|a| is(a, "air")) =>
            {
                (Copula::AvoirLAir, v + 2)
            }
            _ => continue,
        };
        let Some(a) = attribute_after(words, copula_end) else {
            continue;
        };
        // The finite verb of the group: this one, or the auxiliary before.
        let mut finite = v;
        let mut k = v;
        while !is_finite(&words[finite]) && k > 0 {
            k -= 1;
            if is_finite(&words[k]) {
                finite = k;
            } else if !is_adverb(&words[k]) && verb_lemma(&words[k]).is_none() {
                break;
            }
        }
        let subject = chunks.subject_of(words[finite].token);
        let pronominal = finite > 0
            && matches!(
                &*words[finite - 1].lower,
                "se" | "s'" | "me" | "m'" | "te" | "t'" | "nous" | "vous"
            )
            && words[finite - 1].reading.upos == Upos::Pron
            && subject != Some(Subject::Pronoun(words[finite - 1].token));
        chunks.attributes.push(Attribute {
            word: words[a].token,
            copula: words[copula_end].token,
            kind,
            subject,
            pronominal,
        });
    }
}

/// The gender and number a coordination of noun phrases takes: masculine
/// unless every head is feminine, plural when there are two or more
/// (`un homme et une femme` → masculine plural). `None` when a head's
/// gender or number is unknown.
pub fn coordination_agreement(
    chunks: &Chunks,
    np: usize,
    reading: impl Fn(usize) -> Option<TokenReading>,
) -> Option<(Gender, Number)> {
    let group = chunks.noun_phrases.get(np)?.coordination.clone();
    let mut feminine = true;
    let mut number = Number::Singular;
    for k in group.clone() {
        let r = reading(chunks.noun_phrases[k].head)?;
        match r.gender? {
            Gender::Feminine => {}
            Gender::Masculine => feminine = false,
            _ => return None,
        }
        if group.len() > 1 || r.number? == Number::Plural {
            number = Number::Plural;
        } else if r.number? != Number::Singular {
            return None;
        }
    }
    let gender = if feminine {
        Gender::Feminine
    } else {
        Gender::Masculine
    };
    Some((gender, number))
}
