//! The shared grammatical analysis of the elision and agreement rules, on
//! top of the tokens and the French lexicon: the readings of a word
//! (memoised per thread), how a word begins (a vowel sound that takes
//! elision, or an aspirated h), the determiners and their gender and
//! number, and a light noun-phrase chunker.
//!
//! Everything here answers "certainly" or "not known": a word with several
//! readings (`dialogue` noun or verb, `la` article or pronoun) gives no
//! answer unless the context decides, so the rules built on it stay quiet.

use crate::document::Document;
use crate::english::{EnglishKind, EnglishSpan};
use crate::lexicon::{self, Gender, Number, Pos, Readings, VerbForm};
use crate::tagger::Upos;
use crate::tokenize::{SpaceKind, TokenKind};
use crate::wordlist::entries;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::sync::LazyLock;

/// Words with an aspirated h: no elision before them (`le héros`).
static ASPIRATED_H: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("../rules/data/aspirated-h.txt")).collect());

/// Vowel-initial words before which French does not elide (`le onze`).
static NO_ELISION: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("../rules/data/elision-exceptions.txt")).collect());

/// Nouns after which a word is the name of a thing of the program, not
/// running text: `la clé exclude`, `l’option verbose`, `le mode debug`,
/// `la variable nom`.
pub const NAMING_NOUNS: &[&str] = &[
    "argument",
    "arguments",
    "attribut",
    "attributs",
    "balise",
    "balises",
    "branche",
    "champ",
    "champs",
    "clé",
    "clés",
    "commande",
    "commandes",
    "drapeau",
    "fonction",
    "fonctions",
    "format",
    "méthode",
    "méthodes",
    "mode",
    "module",
    "mot-clé",
    "mots-clés",
    "niveau",
    "option",
    "options",
    "paquet",
    "paramètre",
    "paramètres",
    "propriété",
    "propriétés",
    "sous-commande",
    "type",
    "valeur",
    "valeurs",
    "variable",
    "variables",
];

/// `word` in lowercase, exactly as [`str::to_lowercase`] gives it, borrowed
/// when no character changes (most words of a text): no allocation then.
pub fn lowercase(word: &str) -> Cow<'_, str> {
    // A character whose lowercase mapping is itself is copied unchanged by
    // `to_lowercase` (its one context rule, the final sigma, concerns `Σ`,
    // which changes), so the word is its own lowercase.
    let unchanged = |c: char| {
        if c.is_ascii() {
            !c.is_ascii_uppercase()
        } else if ('\u{DF}'..='\u{FF}').contains(&c) {
            // `ß` to `ÿ`: the lowercase letters of Latin-1 (and `÷`), each
            // its own lowercase; French accents are among them.
            true
        } else {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        }
    };
    if word.chars().all(unchanged) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// The readings of `word` in the French lexicon ([`lexicon::french`],
/// memoised there).
pub fn readings(word: &str) -> Option<Readings> {
    lexicon::french(word)
}

/// Whether some reading of `word` has part of speech `pos`.
pub fn has_pos(word: &str, pos: Pos) -> bool {
    readings(word).is_some_and(|r| r.has(pos))
}

/// Whether some reading of `word` is a conjugated verb.
pub fn is_finite_verb(word: &str) -> bool {
    readings(word).is_some_and(|r| r.iter().any(|r| r.verb_form == VerbForm::Finite))
}

/// Whether some reading of `word` is an infinitive.
pub fn is_infinitive(word: &str) -> bool {
    readings(word).is_some_and(|r| r.iter().any(|r| r.verb_form == VerbForm::Infinitive))
}

/// Whether elision applies before `word`: `Some(true)` before a vowel or a
/// mute h (`l’homme`), `Some(false)` before a consonant, an aspirated h
/// (`le héros`) or a listed exception (`le onze`, `le yacht`), `None` when
/// unknown (an h or y word the lexicon does not know).
pub fn elides_before(word: &str) -> Option<bool> {
    // Most words start with a consonant other than h and y: decided without
    // putting the word in lowercase.
    let initial = word.chars().next()?;
    if initial.is_ascii_alphabetic()
        && !matches!(
            initial.to_ascii_lowercase(),
            'a' | 'e' | 'i' | 'o' | 'u' | 'h' | 'y'
        )
    {
        return Some(false);
    }
    // Read as a number or as the name of a letter, not as a word: no
    // elision (`le IXe siècle`, `le Ier siècle`, `la IIIe République`), and
    // a lone letter is left undecided (`le e muet`, `un i grec`).
    if is_roman_ordinal(word) {
        return Some(false);
    }
    if is_letter_name(word) {
        return None;
    }
    let lower = lowercase(word);
    let first = lower.chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    if NO_ELISION.contains(&*lower) {
        return Some(false);
    }
    match first {
        'a' | 'à' | 'â' | 'æ' | 'e' | 'é' | 'è' | 'ê' | 'ë' | 'i' | 'î' | 'ï' | 'o' | 'ô' | 'œ'
        | 'u' | 'ù' | 'û' | 'ü' => Some(true),
        'h' => {
            let r = readings(&lower)?;
            let aspirated = ASPIRATED_H.contains(&*lower)
                || r.iter()
                    .any(|r| ASPIRATED_H.contains(r.lemma(&lower).as_str()))
                || derived_from_aspirated(&lower);
            Some(!aspirated)
        }
        // The pronoun `y` elides (`j’y vais`); other y words are unknown
        // (`l’Yonne`, but `le yoga`).
        'y' if lower == "y" => Some(true),
        'y' => None,
        _ => Some(false),
    }
}

/// Whether `word` (lowercase) is derived from a verb with an aspirated h
/// by a suffix that keeps it (`hachage`, `hachement` from `hacher`,
/// `hurleur` from `hurler`), so needs no entry of its own.
fn derived_from_aspirated(word: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "ages", "age", "ements", "ement", "eurs", "eur", "euses", "euse", "oirs", "oir", "ures",
        "ure",
    ];
    SUFFIXES.iter().any(|suffix| {
        word.strip_suffix(suffix)
            .is_some_and(|stem| ASPIRATED_H.contains(format!("{stem}er").as_str()))
    })
}

/// Whether `word` is a Roman numeral in capitals, alone or as an ordinal
/// (`IX`, `IXe`, `Ier`, `Ire`, `IIIes`, `XXIᵉ`): read as a number (`le
/// neuvième`), never as a word that begins with a vowel.
pub fn is_roman_ordinal(word: &str) -> bool {
    let digits = word.bytes().take_while(|b| b"IVXLCDM".contains(b)).count();
    if digits == 0 {
        return false;
    }
    matches!(
        &word[digits..],
        "" | "e" | "es" | "er" | "ers" | "re" | "res" | "ème" | "èmes" | "ᵉ" | "ᵉʳ" | "ʳᵉ"
    )
}

/// Whether `word` is a single letter that is not a French word of its own
/// (`e`, `i`, `o`, `u`, and capitals but `À`, `Ô`): used as the
/// name of a letter (`le e muet`), it takes no certain elision.
pub fn is_letter_name(word: &str) -> bool {
    let mut chars = word.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    c.is_alphabetic() && !matches!(c, 'a' | 'y' | 'à' | 'À' | 'ô' | 'Ô')
}

/// A determiner family: the forms that differ only by gender and number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// le, la, les.
    Definite,
    /// un, une, des.
    Indefinite,
    /// ce (cet), cette, ces.
    Demonstrative,
    /// mon, ma, mes.
    My,
    /// ton, ta, tes.
    Your,
    /// son, sa, ses.
    His,
    /// notre, nos.
    Our,
    /// votre, vos.
    YourPlural,
    /// leur, leurs.
    Their,
    /// quel, quelle, quels, quelles.
    Which,
    /// du, de la, des.
    Partitive,
    /// au, à la, aux.
    ToThe,
    /// plusieurs (plural only).
    Several,
}

/// A determiner and what it says of its noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Determiner {
    /// Its family.
    pub family: Family,
    /// The gender it requires (`None`: either).
    pub gender: Option<Gender>,
    /// Whether it requires a plural.
    pub plural: bool,
}

/// The determiner `word` (in lowercase) is, if it is one.
pub fn determiner(word: &str) -> Option<Determiner> {
    use Family::*;
    use Gender::{Feminine as F, Masculine as M};
    let (family, gender, plural) = match word {
        "le" => (Definite, Some(M), false),
        "la" => (Definite, Some(F), false),
        "les" => (Definite, None, true),
        "un" => (Indefinite, Some(M), false),
        "une" => (Indefinite, Some(F), false),
        "des" => (Indefinite, None, true),
        "ce" | "cet" => (Demonstrative, Some(M), false),
        "cette" => (Demonstrative, Some(F), false),
        "ces" => (Demonstrative, None, true),
        // mon, ton, son are also feminine before a vowel (`mon amie`).
        "mon" => (My, None, false),
        "ma" => (My, Some(F), false),
        "mes" => (My, None, true),
        "ton" => (Your, None, false),
        "ta" => (Your, Some(F), false),
        "tes" => (Your, None, true),
        "son" => (His, None, false),
        "sa" => (His, Some(F), false),
        "ses" => (His, None, true),
        "notre" => (Our, None, false),
        "nos" => (Our, None, true),
        "votre" => (YourPlural, None, false),
        "vos" => (YourPlural, None, true),
        "leur" => (Their, None, false),
        "leurs" => (Their, None, true),
        "quel" => (Which, Some(M), false),
        "quelle" => (Which, Some(F), false),
        "quels" => (Which, Some(M), true),
        "quelles" => (Which, Some(F), true),
        "du" => (Partitive, Some(M), false),
        "au" => (ToThe, Some(M), false),
        "aux" => (ToThe, None, true),
        "plusieurs" => (Several, None, true),
        _ => return None,
    };
    Some(Determiner {
        family,
        gender,
        plural,
    })
}

/// The form of `family` for a noun of `gender` and number (`plural`) that
/// begins with a vowel sound or not (`vowel`): `None` for the definite
/// article before a vowel (`l’`, which the elision rules handle).
pub fn determiner_form(
    family: Family,
    gender: Gender,
    plural: bool,
    vowel: bool,
) -> Option<&'static str> {
    use Family::*;
    let feminine = gender == Gender::Feminine;
    Some(match (family, plural, feminine) {
        (Definite, true, _) => "les",
        (Definite, false, _) if vowel => return None,
        (Definite, false, false) => "le",
        (Definite, false, true) => "la",
        (Indefinite, true, _) => "des",
        (Indefinite, false, false) => "un",
        (Indefinite, false, true) => "une",
        (Demonstrative, true, _) => "ces",
        (Demonstrative, false, false) if vowel => "cet",
        (Demonstrative, false, false) => "ce",
        (Demonstrative, false, true) => "cette",
        (My, true, _) => "mes",
        (My, false, true) if !vowel => "ma",
        (My, false, _) => "mon",
        (Your, true, _) => "tes",
        (Your, false, true) if !vowel => "ta",
        (Your, false, _) => "ton",
        (His, true, _) => "ses",
        (His, false, true) if !vowel => "sa",
        (His, false, _) => "son",
        (Our, true, _) => "nos",
        (Our, false, _) => "notre",
        (YourPlural, true, _) => "vos",
        (YourPlural, false, _) => "votre",
        (Their, true, _) => "leurs",
        (Their, false, _) => "leur",
        (Which, false, false) => "quel",
        (Which, false, true) => "quelle",
        (Which, true, false) => "quels",
        (Which, true, true) => "quelles",
        (Partitive, true, _) => "des",
        (Partitive, false, _) if vowel => return None,
        (Partitive, false, false) => "du",
        (Partitive, false, true) => "de la",
        (ToThe, true, _) => "aux",
        (ToThe, false, _) if vowel => return None,
        (ToThe, false, false) => "au",
        (ToThe, false, true) => "à la",
        (Several, true, _) => "plusieurs",
        (Several, false, _) => return None,
    })
}

/// Whether a reading of `gender` fits a determiner requiring `wanted`.
pub fn gender_fits(wanted: Option<Gender>, gender: Gender) -> bool {
    match wanted {
        None => true,
        Some(w) => matches!(gender, Gender::Both | Gender::Unknown) || gender == w,
    }
}

/// Whether a reading of `number` fits a requirement of plural or singular.
pub fn number_fits(plural: bool, number: Number) -> bool {
    match number {
        Number::Both | Number::Unknown => true,
        Number::Plural => plural,
        Number::Singular => !plural,
    }
}

/// The gender and number of a noun when every noun reading agrees on them:
/// `None` for nouns of both genders (`après-midi`), epicene nouns and
/// invariable ones.
pub fn certain_noun_features(word: &str) -> Option<(Gender, bool)> {
    let r = readings(word)?;
    let mut nouns = r.iter().filter(|r| r.pos == Pos::Noun);
    let first = nouns.next()?;
    let plural = match first.number {
        Number::Plural => true,
        Number::Singular => false,
        _ => return None,
    };
    if !matches!(first.gender, Gender::Masculine | Gender::Feminine) {
        return None;
    }
    nouns
        .all(|r| r.gender == first.gender && r.number == first.number)
        .then_some((first.gender, plural))
}

/// Nouns that current French, mostly technical, writes in both genders
/// whatever the lexicon says (`la socket` and `le socket`, `le pipe` of a
/// shell beside `la pipe`): their gender decides no agreement.
pub const GENDER_IN_DOUBT: &[&str] = &[
    "socket",
    "sockets",
    "pipe",
    "pipes",
    "bitmap",
    "bitmaps",
    "interview",
    "interviews",
];

/// Adverbs that may stand between a determiner and its noun, or between a
/// noun and its adjective (`la plus grande`, `l’effort plus massif`).
pub const DEGREE_ADVERBS: &[&str] = &[
    "très", "plus", "moins", "si", "aussi", "trop", "fort", "assez", "bien", "tout", "toute",
];

/// The token after token `i` across exactly one space on the same line
/// (an ordinary, no-break or narrow no-break space), whatever its kind.
pub fn after_one_space(doc: &Document, i: usize) -> Option<usize> {
    let tokens = doc.tokens();
    let space = tokens.get(i + 1)?;
    tokens.get(i + 2)?;
    // A space token is a run of one character: of one character when its
    // length is that character's.
    let one_space = matches!(
        space.kind,
        TokenKind::Space(SpaceKind::Ascii | SpaceKind::Nbsp | SpaceKind::Nnbsp)
    ) && space.span().len() == space.first.len_utf8();
    one_space.then_some(i + 2)
}

/// The word token after word token `i`, across exactly one space on the
/// same line (see [`after_one_space`]).
pub fn next_word(doc: &Document, i: usize) -> Option<usize> {
    after_one_space(doc, i).filter(|&n| doc.tokens()[n].kind == TokenKind::Word)
}

/// The word token before token `i`, across exactly one space (see
/// [`next_word`]).
pub fn previous_word(doc: &Document, i: usize) -> Option<usize> {
    let p = i.checked_sub(2)?;
    (next_word(doc, p) == Some(i)).then_some(p)
}

/// The token right before `i` when it is an elided word glued to it
/// (`l’` in `l’effort`).
pub fn elided_before(doc: &Document, i: usize) -> Option<usize> {
    let p = i.checked_sub(1)?;
    let t = doc.tokens()[p];
    (t.kind == TokenKind::Elided && t.span().end == doc.tokens()[i].span().start).then_some(p)
}

/// The English left in the text (words, not citations) that holds word
/// token `i`, found by binary search in the document's English analysis.
pub fn english_at<'d>(doc: &'d Document, i: usize) -> Option<&'d EnglishSpan> {
    let span = doc.tokens()[i].span();
    let english = doc.english();
    let at = english.partition_point(|e| e.span.end <= span.start);
    english
        .get(at)
        .filter(|e| e.span.contains(span) && e.kind == EnglishKind::Words && e.citation.is_none())
}

/// Whether word token `i` is English left in the text or part of an
/// English citation (`*pull request*`), as words or as a deliberate quote.
pub fn in_english(doc: &Document, i: usize) -> bool {
    let span = doc.tokens()[i].span();
    let english = doc.english();
    let at = english.partition_point(|e| e.span.end <= span.start);
    english
        .get(at)
        .is_some_and(|e| e.span.contains(span) || e.citation.is_some_and(|c| c.contains(span)))
}

/// Whether word token `i` is English: English left in the text or cited
/// (see [`in_english`]), or a word the English lexicon has and the French
/// one lacks (`follows`, `dependencies`), which the English analysis may
/// leave out of a span when it stands alone.
pub fn english_word_at(doc: &Document, i: usize) -> bool {
    in_english(doc, i) || english_only(doc.token_text(i))
}

/// Whether `word` is in the English lexicon and not in the French one
/// (`follows`, `dependencies`): a lookup, without the document's English
/// analysis.
pub fn english_only(word: &str) -> bool {
    let word = lowercase(word);
    !crate::lexicon::is_french(&word) && crate::lexicon::english(&word).is_some()
}

/// The grammatical words of `doc` (see [`Document::grammatical_words`])
/// that are not written with a capital inside a sentence: such a capital
/// starts a name or a title (`Le Havre`, `La Défense`). Computed once per
/// document ([`Document::grammatical_words_in_prose`]), for the rules and
/// the clause analysis that start from them.
pub fn grammatical_words_in_prose(doc: &Document) -> Vec<(usize, &'static str)> {
    let words = doc.grammatical_words();
    let mut out = Vec::with_capacity(words.len());
    out.extend(words.iter().copied().filter(|&(i, _)| {
        let t = doc.tokens()[i];
        !t.first.is_uppercase() || t.is_sentence_start()
    }));
    out
}

/// The determiner word token `i` is (see [`Document::grammatical_words`]).
pub fn determiner_at(doc: &Document, i: usize) -> Option<Determiner> {
    let words = doc.grammatical_words();
    let at = words.binary_search_by_key(&i, |&(token, _)| token).ok()?;
    determiner(words[at].1)
}

/// The words [`grammatical_words`] finds: the determiners, the words that
/// elide, the prepositions that contract and the adjectives with a form
/// before a vowel; keyed by their bytes packed into an integer ([`pack`]).
/// All are ASCII; `à`, the one other, [`grammatical_words`] tests apart.
static GRAMMATICAL: LazyLock<FxHashMap<u128, &'static str>> = LazyLock::new(|| {
    DETERMINERS
        .iter()
        .chain(ELIDABLE)
        .chain(&["beau", "nouveau", "vieux", "fou", "mou"])
        .chain(SUBJECT_PRONOUNS)
        .chain(NUMERALS)
        .chain(&["tout", "toute", "tous", "toutes"])
        .map(|&w| (pack(w.bytes()), w))
        .collect()
});

/// The length in bytes of the longest word of [`GRAMMATICAL`]
/// (`plusieurs`); within the 16 bytes of [`pack`].
const MAX_GRAMMATICAL: usize = 9;

/// For each length up to [`MAX_GRAMMATICAL`], the first letters of the
/// words of [`GRAMMATICAL`] of that length, one bit per letter (`a` the
/// lowest): a word whose length and first letter have no bit here is not
/// one of them.
static FIRST_LETTERS: LazyLock<[u32; MAX_GRAMMATICAL + 1]> = LazyLock::new(|| {
    let mut letters = [0; MAX_GRAMMATICAL + 1];
    for word in GRAMMATICAL.values() {
        let first = word.as_bytes()[0];
        letters[word.len()] |= 1 << (first - b'a');
    }
    letters
});

/// The bytes of a short word (at most 16) packed into one integer, one
/// byte after the other: words without a NUL byte get distinct keys, so a
/// lookup needs neither a string hash nor a comparison of strings.
fn pack(bytes: impl IntoIterator<Item = u8>) -> u128 {
    bytes
        .into_iter()
        .fold(0, |key, b| (key << 8) | u128::from(b))
}

/// The words French elides before a vowel sound (some only before a few
/// words).
pub const ELIDABLE: &[&str] = &[
    "le", "la", "de", "que", "je", "me", "te", "se", "ne", "ce", "jusque", "lorsque", "puisque",
    "quelque", "si",
];

/// The word tokens of `doc` that are grammatical words the elision and
/// agreement rules start from, with the word in lowercase.
pub fn grammatical_words(doc: &Document) -> Vec<(usize, &'static str)> {
    let words = doc.tokens_of(TokenKind::Word);
    // Room for one word in two: on French prose the list never grows.
    let mut out = Vec::with_capacity(words.len() / 2);
    for i in words {
        let t = doc.tokens()[i];
        // Most words are ruled out by their length and first letter alone,
        // without reading their text.
        let span = t.span();
        let len = span.end - span.start;
        if len > MAX_GRAMMATICAL {
            continue;
        }
        if !t.first.is_ascii_alphabetic() {
            // The words of [`GRAMMATICAL`] start with an ASCII letter; `à`,
            // the one other grammatical word, is tested apart.
            if matches!(t.first, 'à' | 'À') && matches!(doc.token_text(i), "à" | "À") {
                out.push((i, "à"));
            }
            continue;
        }
        let letter = 1u32 << (t.first.to_ascii_lowercase() as u32 - 'a' as u32);
        if FIRST_LETTERS[len] & letter == 0 {
            continue;
        }
        // A word with a non-ASCII byte packs to a key with a byte above
        // 0x7F (which `to_ascii_lowercase` keeps), found in no entry.
        let key = pack(doc.token_text(i).bytes().map(|b| b.to_ascii_lowercase()));
        if let Some(&w) = GRAMMATICAL.get(&key) {
            out.push((i, w));
        }
    }
    out
}

/// The personal pronouns that can be subjects (`je` is in [`ELIDABLE`]).
pub const SUBJECT_PRONOUNS: &[&str] = &["il", "ils", "elle", "elles", "nous", "tu"];

/// Cardinal numbers written in words that ask for a plural noun, and
/// `quelques` (`neuf`, also an adjective, is left out).
pub const NUMERALS: &[&str] = &[
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "vingt",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
    "cent",
    "cents",
    "mille",
    "quelques",
];

/// Every determiner form [`determiner`] knows.
pub const DETERMINERS: &[&str] = &[
    "le",
    "la",
    "les",
    "un",
    "une",
    "des",
    "ce",
    "cet",
    "cette",
    "ces",
    "mon",
    "ma",
    "mes",
    "ton",
    "ta",
    "tes",
    "son",
    "sa",
    "ses",
    "notre",
    "nos",
    "votre",
    "vos",
    "leur",
    "leurs",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "du",
    "au",
    "aux",
    "plusieurs",
];

/// Whether token `i` reads as one of `tags`: certain when every lexicon
/// reading of the word is of one of them, else as the tagger reads it (the
/// second part of a contraction counts: `du` is `de` + a determiner; no
/// reading at all counts as yes). The rules ask only where they are about to report, so only the
/// sentences with an agreement question get tagged
/// ([`Document::reading`]).
pub fn tagged_as(doc: &Document, i: usize, tags: &[Upos]) -> bool {
    // When every reading the lexicon gives the word is of one of `tags`,
    // the context cannot change it: no need to tag the sentence.
    let word = lowercase(doc.token_text(i));
    let certain = readings(&word).is_some_and(|r| {
        r.iter().all(|r| {
            let upos = match r.pos {
                Pos::Noun => Upos::Noun,
                Pos::Adjective => Upos::Adj,
                Pos::Verb => Upos::Verb,
                Pos::Adverb => Upos::Adv,
                Pos::Preposition => Upos::Adp,
                Pos::Conjunction => Upos::Cconj,
                Pos::Determiner => Upos::Det,
                Pos::Pronoun => Upos::Pron,
                Pos::Numeral => Upos::Num,
                Pos::Interjection => Upos::Intj,
                Pos::ProperNoun | Pos::FirstName | Pos::Surname => Upos::Propn,
                Pos::Other => return true,
            };
            tags.contains(&upos) || (upos == Upos::Verb && tags.contains(&Upos::Aux))
        })
    });
    certain
        || doc
            .reading(i)
            .is_none_or(|r| tags.contains(&r.upos) || r.fused.is_some_and(|f| tags.contains(&f)))
}

/// Whether word token `i` is written with a capital that is not explained
/// by the start of a sentence: a name or a title (`La Défense`).
pub fn is_capitalised_name(doc: &Document, i: usize) -> bool {
    let t = doc.tokens()[i];
    t.first.is_uppercase() && !t.is_sentence_start()
}

/// A noun phrase found after a determiner: the noun, and the words between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NounPhrase {
    /// The token of the noun.
    pub noun: usize,
    /// The tokens between the determiner and the noun (adverbs and
    /// adjectives).
    pub between: Vec<usize>,
    /// The readings of the noun in lowercase ([`readings`]), looked up
    /// once here for the callers too.
    pub readings: Readings,
}

/// The noun that determiner token `det` introduces: the next word, or the
/// first word with a noun reading after at most two degree adverbs or
/// adjectives that cannot be nouns (`la très grande réunion`).
pub fn noun_after(doc: &Document, det: usize) -> Option<NounPhrase> {
    let mut between = Vec::new();
    let mut i = next_word(doc, det)?;
    loop {
        let word = lowercase(doc.token_text(i));
        let adverb = DEGREE_ADVERBS.contains(&&*word);
        // Looked up once for the tests below (an adverb needs none).
        let found = if adverb { None } else { readings(&word) };
        if let Some(r) = found.filter(|r| r.has(Pos::Noun)) {
            // A word that can also be a grammatical word or a number
            // (`dans`, `plus`, `cent`) is not taken for a noun.
            let grammatical = r.iter().any(|r| {
                matches!(
                    r.pos,
                    Pos::Preposition
                        | Pos::Conjunction
                        | Pos::Pronoun
                        | Pos::Determiner
                        | Pos::Adverb
                        | Pos::Numeral
                )
            });
            return (!grammatical).then_some(NounPhrase {
                noun: i,
                between,
                readings: r,
            });
        }
        let modifier = adverb || found.is_some_and(|r| r.iter().all(|r| r.pos == Pos::Adjective));
        if !modifier || between.len() == 2 {
            return None;
        }
        between.push(i);
        i = next_word(doc, i)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `lowercase` gives what `str::to_lowercase` gives, borrowed exactly
    /// when nothing changes: every character of the first planes alone,
    /// after a letter, and words with capitals, accents and a final sigma.
    #[test]
    fn lowercase_is_to_lowercase() {
        let mut words: Vec<String> = (0..0x3000u32)
            .filter_map(char::from_u32)
            .flat_map(|c| [c.to_string(), format!("a{c}"), format!("É{c}")])
            .collect();
        words.extend(
            [
                "élan",
                "Élan",
                "ŒUVRE",
                "cœur",
                "ΟΔΟΣ",
                "straße",
                "İstanbul",
                "MAJ",
                "min",
                "",
            ]
            .map(String::from),
        );
        for word in &words {
            let got = lowercase(word);
            assert_eq!(got, word.to_lowercase(), "{word:?}");
            assert_eq!(
                matches!(got, Cow::Borrowed(_)),
                *word == word.to_lowercase(),
                "{word:?}"
            );
        }
    }

    #[test]
    fn elision_before_vowels_and_h() {
        assert_eq!(elides_before("accord"), Some(true));
        assert_eq!(elides_before("homme"), Some(true));
        assert_eq!(elides_before("Europe"), Some(true));
        assert_eq!(elides_before("héros"), Some(false));
        assert_eq!(elides_before("haches"), Some(false));
        assert_eq!(elides_before("hasard"), Some(false));
        assert_eq!(elides_before("hachage"), Some(false));
        assert_eq!(elides_before("habillage"), Some(true));
        assert_eq!(elides_before("onze"), Some(false));
        assert_eq!(elides_before("yacht"), Some(false));
        assert_eq!(elides_before("président"), Some(false));
        assert_eq!(elides_before("y"), Some(true));
        assert_eq!(elides_before("hxqz"), None);
        assert_eq!(elides_before("3"), None);
        // Numbers and letters are read as such (issue 17).
        for numeral in ["IXe", "Ier", "IIIe", "Ire", "XIe", "IV", "VIIIᵉ", "IIes"] {
            assert_eq!(elides_before(numeral), Some(false), "{numeral}");
        }
        assert_eq!(elides_before("e"), None);
        assert_eq!(elides_before("I"), Some(false));
        assert_eq!(elides_before("a"), Some(true));
        assert_eq!(elides_before("Isère"), Some(true));
        assert_eq!(elides_before("Ivan"), Some(true));
    }

    #[test]
    fn determiners_and_their_forms() {
        let la = determiner("la").expect("la");
        assert_eq!(
            (la.family, la.gender, la.plural),
            (Family::Definite, Some(Gender::Feminine), false)
        );
        assert!(determiner("dialogue").is_none());
        assert_eq!(
            determiner_form(Family::Definite, Gender::Masculine, false, false),
            Some("le")
        );
        assert_eq!(
            determiner_form(Family::Definite, Gender::Masculine, false, true),
            None
        );
        assert_eq!(
            determiner_form(Family::Demonstrative, Gender::Masculine, false, true),
            Some("cet")
        );
        assert_eq!(
            determiner_form(Family::His, Gender::Feminine, false, true),
            Some("son")
        );
        assert_eq!(
            determiner_form(Family::His, Gender::Feminine, false, false),
            Some("sa")
        );
        assert_eq!(
            determiner_form(Family::Partitive, Gender::Feminine, false, false),
            Some("de la")
        );
    }

    #[test]
    fn noun_features_are_certain_or_unknown() {
        assert_eq!(
            certain_noun_features("dialogue"),
            Some((Gender::Masculine, false))
        );
        assert_eq!(
            certain_noun_features("réunions"),
            Some((Gender::Feminine, true))
        );
        // Invariable, epicene, or both genders: not certain.
        assert_eq!(certain_noun_features("prix"), None);
        assert_eq!(certain_noun_features("ministre"), None);
        assert_eq!(certain_noun_features("après-midi"), None);
    }
}
