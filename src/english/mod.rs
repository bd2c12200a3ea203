//! English left in a French document, found once per document with the
//! embedded lexicons and shared by the `untranslated/english-*` rules:
//! words (`Le assured du président`), runs with English function words
//! (`la réunion of the comité`), and whether each is a deliberate citation
//! (quoted or in italics, with no French word around it).

pub mod hints;
pub mod terms;

use crate::document::Document;
use crate::grammar;
use crate::lexicon::{self, Pos};
use crate::memo;
use crate::span::Span;
use crate::tokenize::TokenKind;
use crate::wordlist::entries;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::sync::LazyLock;

/// English words are flagged up to this SCOWL size: the common vocabulary
/// machine translation leaves behind. Rarer words (size 70) are too often
/// Latin, technical or borrowed in French.
pub const MAX_LEVEL: u8 = 50;

/// English function words. Those that are also French forms (`a`, `on`,
/// `as`, `or`, `but`, `if`…) are weak: they never make a phrase alone.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does",
    "during", "each", "for", "from", "had", "has", "have", "he", "her", "here", "him", "his",
    "how", "i", "if", "in", "into", "is", "it", "its", "may", "might", "more", "most", "must",
    "my", "no", "not", "of", "on", "only", "or", "our", "out", "over", "shall", "she", "should",
    "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "through", "to", "under", "up", "upon", "very", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with", "within",
    "without", "would", "you", "your",
];

/// Function words that are weak although the French lexicon lacks them:
/// Latin (`in vitro`, `in fine`) and short words of other languages.
const WEAK_ANYWAY: &[&str] = &["in", "i", "no", "so", "up"];

/// Function word → strong (not a French form, so it marks English).
static FUNCTION: LazyLock<FxHashMap<&'static str, bool>> = LazyLock::new(|| {
    FUNCTION_WORDS
        .iter()
        .map(|&w| (w, !WEAK_ANYWAY.contains(&w) && !lexicon::is_french(w)))
        .collect()
});

/// English words French accepts that the French lexicon lacks.
static ANGLICISMS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    entries(include_str!("../../rules/data/anglicisms.txt"))
        .filter(|e| !e.contains(' '))
        .collect()
});

/// English phrases French accepts (`think tank`), in lowercase.
static PHRASES: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    entries(include_str!("../../rules/data/anglicisms.txt"))
        .filter(|e| e.contains(' '))
        .map(|e| e.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
});

/// The longest list of option values read around a word.
const MAX_LIST: usize = 12;

/// What an English span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnglishKind {
    /// One English word, or several in a row, without an English function
    /// word.
    Words,
    /// A run with an English-only function word (`of the`).
    Phrase,
}

/// One stretch of English in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnglishSpan {
    /// Its bytes in the prose text.
    pub span: Span,
    /// Its first and last word tokens.
    pub tokens: (usize, usize),
    /// Words or phrase.
    pub kind: EnglishKind,
    /// Quoted or in italics with no French word, a deliberate citation:
    /// the words quoted (from the first to the last).
    pub citation: Option<Span>,
    /// Capitalised words inside a half-translated name (`Poutine Envoy`).
    pub in_name: bool,
}

/// Whether the word is ASCII letters (with inner hyphens).
fn is_ascii_word(word: &str) -> bool {
    !word.is_empty()
        && word.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
        && !word.starts_with('-')
        && !word.ends_with('-')
}

/// Whether the word has a capital after its first letter (`iPhone`,
/// `McDonald`, `NATO`): a name or an acronym.
fn has_inner_capital(word: &str) -> bool {
    word.chars().skip(1).any(char::is_uppercase)
}

/// How a word reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An English function word; `strong` when it is not also French.
    Function { strong: bool },
    /// An English content word that is not French.
    Content,
    /// Anything else.
    Other,
}

impl Kind {
    fn is_english(self) -> bool {
        self != Kind::Other
    }

    fn is_strong(self) -> bool {
        self == Kind::Function { strong: true }
    }
}

struct Scanner<'d, 'a> {
    doc: &'d Document<'a>,
    /// The words written with a capital inside a sentence (names), built
    /// on first need.
    names: OnceCell<FxHashSet<&'d str>>,
    /// The terms a translation file keeps from its sources, built on
    /// first need.
    kept: OnceCell<terms::KeptTerms>,
    /// The names of the manual pages the document refers to and of the
    /// commands its synopses show, built on first need.
    manual_names: OnceCell<FxHashSet<String>>,
}

thread_local! {
    /// Lowercase words already looked up by this thread: whether each may
    /// be English.
    static MAY_BE_ENGLISH: RefCell<memo::Map<bool>> = RefCell::new(memo::Map::default());
    /// Words already looked up in the English lexicon by this thread, as
    /// written: the names and sentence starts [`Scanner::kind`] and
    /// [`Scanner::capitalised_english`] test, and their lowercase forms.
    static ENGLISH_ENTRIES: RefCell<memo::Map<Option<lexicon::English>>> =
        RefCell::new(memo::Map::default());
}

/// The English entry of `word` exactly as written ([`lexicon::english_exact`]),
/// memoised: a hash lookup costs a fraction of a walk through the lexicon.
fn english_entry(word: &str) -> Option<lexicon::English> {
    memo::cached(&ENGLISH_ENTRIES, word, lexicon::english_exact)
}

impl<'d> Scanner<'d, '_> {
    fn text(&self, i: usize) -> &'d str {
        self.doc.token_text(i)
    }

    /// Whether lowercase word `word` may be English: an ASCII word of the
    /// English lexicon, up to [`MAX_LEVEL`] or a function word, that is not
    /// also a French form. The cheap first test of [`Scanner::scan`].
    fn may_be_english(&self, word: &str) -> bool {
        if !is_ascii_word(word) {
            return false;
        }
        memo::cached(&MAY_BE_ENGLISH, word, |word| {
            lexicon::english_exact(word).is_some_and(|e| {
                !e.also_french && (e.level <= MAX_LEVEL || FUNCTION.contains_key(word))
            })
        })
    }

    /// The word after word token `i` across one space on the same line.
    fn word_after(&self, i: usize) -> Option<usize> {
        grammar::next_word(self.doc, i)
    }

    /// The word before word token `i` across one space on the same line.
    fn word_before(&self, i: usize) -> Option<usize> {
        grammar::previous_word(self.doc, i)
    }

    /// Whether lowercase `lower` is a common English word that is not
    /// French, nor allowed.
    fn english_not_french(&self, lower: &str) -> bool {
        if lower.len() < 3 || FUNCTION.contains_key(lower) {
            return false;
        }
        // `also_french`: a French form but for case and accents; French
        // words without their accents (`elements`, `general`) are a
        // spelling fault, not English.
        match english_entry(lower) {
            Some(en) if en.level <= MAX_LEVEL && !en.also_french => {}
            _ => return false,
        }
        if ANGLICISMS.contains(lower) || self.doc.settings.allows_word(lower) {
            return false;
        }
        !(lower.contains('-') && lower.split('-').all(lexicon::is_french))
    }

    /// The kind of word token `i` when it is in lowercase or capitalised
    /// only as the start of a sentence.
    fn kind(&self, i: usize) -> Kind {
        let t = self.doc.tokens()[i];
        let word = self.text(i);
        // Only a certain sentence start explains a capital: after `[`, `(`
        // or `«`, a capital may be a name (`[Keep a Changelog](…)`).
        let lowercase_position = t.first.is_lowercase()
            || (t.is_strong_start() && !has_inner_capital(word) && t.first.is_uppercase());
        if t.kind != TokenKind::Word || !lowercase_position || !is_ascii_word(word) {
            return Kind::Other;
        }
        // A capital at a sentence start on a known name (`Trump a dit`).
        if t.first.is_uppercase() && english_entry(word).is_some() {
            return Kind::Other;
        }
        // ASCII (tested above): most words are already in lowercase.
        let lower = if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        };
        if self.in_allowed_phrase(i, &lower) {
            return Kind::Other;
        }
        if let Some(&strong) = FUNCTION.get(&*lower) {
            return Kind::Function { strong };
        }
        if self.english_not_french(&lower) && !self.in_accepted_phrase(i, &lower) {
            Kind::Content
        } else {
            Kind::Other
        }
    }

    /// The maximal run of English words around word token `i`: first and
    /// last token, number of words, whether one is a strong function word.
    fn run(&self, i: usize, kind: Kind) -> (usize, usize, usize, bool) {
        let (mut first, mut last, mut words, mut strong) = (i, i, 1, kind.is_strong());
        while let Some(p) = self.word_before(first) {
            let k = self.kind(p);
            if !k.is_english() {
                break;
            }
            (first, words, strong) = (p, words + 1, strong || k.is_strong());
        }
        while let Some(n) = self.word_after(last) {
            let k = self.kind(n);
            if !k.is_english() {
                break;
            }
            (last, words, strong) = (n, words + 1, strong || k.is_strong());
        }
        (first, last, words, strong)
    }

    /// The word before token `i` on its line, across spaces and one
    /// apostrophe or quotation mark (`Singin’ in the Rain`).
    fn word_before_loose(&self, i: usize) -> Option<usize> {
        let tokens = self.doc.tokens();
        let mut j = i.checked_sub(1)?;
        let mut marks = 0;
        loop {
            match tokens[j].kind {
                TokenKind::Word => return Some(j),
                TokenKind::Space(_) => {}
                TokenKind::Quote if marks == 0 => marks += 1,
                _ => return None,
            }
            j = j.checked_sub(1)?;
        }
    }

    /// Whether the run between `first` and `last` is part of a title or a
    /// name: between two capitalised words (`Lord of the Rings`, `Bank of
    /// England`), or starting with a capital and followed by one at the
    /// start of a sentence (`Game of Thrones, dont…`, `Keep a Changelog`).
    fn in_title(&self, first: usize, last: usize) -> bool {
        let tokens = self.doc.tokens();
        let capital = |j: usize| tokens[j].first.is_uppercase();
        if !self.word_after(last).is_some_and(capital) {
            return false;
        }
        capital(first) || self.word_before_loose(first).is_some_and(capital)
    }

    /// Whether word token `i` (lowercase `lower`) is part of an accepted
    /// English phrase (`think tank`, `hedge fund`).
    fn in_accepted_phrase(&self, i: usize, lower: &str) -> bool {
        let lowered = |j: usize| self.text(j).to_lowercase();
        let before = self
            .word_before(i)
            .is_some_and(|p| PHRASES.contains(&format!("{} {lower}", lowered(p))));
        before
            || self
                .word_after(i)
                .is_some_and(|n| PHRASES.contains(&format!("{lower} {}", lowered(n))))
    }

    /// Whether word token `i` (lowercase `lower`) is part of a phrase the
    /// settings allow (`--allow-word "machine learning"`), in any case.
    fn in_allowed_phrase(&self, i: usize, lower: &str) -> bool {
        self.doc.settings.allowed_phrases().any(|phrase| {
            let words: Vec<&str> = phrase.split(' ').collect();
            (0..words.len()).any(|k| words[k] == lower && self.phrase_at(i, k, &words))
        })
    }

    /// Whether `words` (lowercase) are written from the word token `k`
    /// words before word token `i` on, one space apart.
    fn phrase_at(&self, i: usize, k: usize, words: &[&str]) -> bool {
        let mut j = i;
        for _ in 0..k {
            match self.word_before(j) {
                Some(p) => j = p,
                None => return false,
            }
        }
        for (n, word) in words.iter().enumerate() {
            if n > 0 {
                match self.word_after(j) {
                    Some(next) => j = next,
                    None => return false,
                }
            }
            if !self.text(j).eq_ignore_ascii_case(word) && self.text(j).to_lowercase() != *word {
                return false;
            }
        }
        true
    }

    /// Whether capitalised word token `i` (inside a sentence) is an English
    /// common word in a name that also holds a French-only name (`Boris
    /// Eltsine Presidential Library`, `Poutine Envoy`): a name half
    /// translated.
    fn in_mixed_name(&self, i: usize) -> bool {
        let capital = |j: usize| {
            let t = self.doc.tokens()[j];
            t.kind == TokenKind::Word && t.first.is_uppercase()
        };
        let mut first = i;
        while let Some(p) = self.word_before(first).filter(|&p| capital(p)) {
            first = p;
        }
        let mut j = Some(first);
        while let Some(k) = j.filter(|&k| capital(k)) {
            let w = self.text(k);
            // A French spelling of a foreign name: Poutine, Eltsine, Pékin.
            let french_name = k != i
                && !has_inner_capital(w)
                && lexicon::french_exact(w).is_some_and(|r| r.only_names())
                && lexicon::english(w).is_none();
            if french_name {
                return true;
            }
            j = self.word_after(k);
        }
        false
    }

    /// Whether capitalised word token `i` inside a sentence is English left
    /// in a half-translated name.
    fn capitalised_english(&self, i: usize) -> bool {
        let word = self.text(i);
        if has_inner_capital(word) || !is_ascii_word(word) || english_entry(word).is_some() {
            return false;
        }
        let lower = word.to_ascii_lowercase();
        self.english_not_french(&lower)
            && !self.in_allowed_phrase(i, &lower)
            && self.in_mixed_name(i)
    }

    /// Whether a capitalised word at a sentence start is a name: written
    /// with a capital elsewhere inside a sentence, or followed by another
    /// capitalised word.
    fn looks_like_name(&self, i: usize) -> bool {
        let word = self.text(i);
        let chained = self
            .word_after(i)
            .is_some_and(|n| self.doc.tokens()[n].first.is_uppercase());
        chained || {
            self.doc.note_lookup(self.doc.tokens()[i].span(), || {
                crate::document::WholeLookup::Name(word.to_owned())
            });
            self.names().contains(word)
        }
    }

    /// The words written with a capital inside a sentence, built on first
    /// need.
    fn names(&self) -> &FxHashSet<&'d str> {
        let doc = self.doc;
        self.names.get_or_init(|| {
            doc.capitalized_words()
                .iter()
                .map(|&j| doc.token_text(j))
                .collect()
        })
    }

    /// The content of the citation around tokens `first..=last`, if they
    /// are one: in Markdown emphasis or inside quotation marks, with no
    /// French word there.
    fn citation(&self, first: usize, last: usize) -> Option<Span> {
        let tokens = self.doc.tokens();
        let span = tokens[first].span().cover(tokens[last].span());
        if let Some(inside) = self.gloss_around(first, last) {
            return Some(inside);
        }
        let inside = if let Some(e) = self.doc.prose().emphasis_around(span) {
            let from = tokens.partition_point(|t| t.span().start < e.start);
            let to = tokens.partition_point(|t| t.span().end <= e.end);
            from..to
        } else {
            let quotes = self.doc.quotes();
            let pair = quotes
                .pairs
                .iter()
                .filter(|p| {
                    quotes.marks[p.open].token < first && last < quotes.marks[p.close].token
                })
                .max_by_key(|p| p.level)?;
            quotes.marks[pair.open].token + 1..quotes.marks[pair.close].token
        };
        let words: Vec<usize> = inside.filter(|&j| tokens[j].is_wordlike()).collect();
        let french = words.iter().any(|&j| {
            let w = self.text(j);
            lexicon::is_french(w) && lexicon::english(w).is_none_or(|e| e.level > MAX_LEVEL)
        });
        if french {
            return None;
        }
        Some(
            tokens[*words.first()?]
                .span()
                .cover(tokens[*words.last()?].span()),
        )
    }

    /// Whether word token `i` is mentioned as a name of the program rather
    /// than used in a sentence: next to code (`outil check docs/*.md`,
    /// `cargo install --path`), after a noun that names it (`la clé
    /// exclude`), or one of a list of option values (`auto, always ou
    /// never`).
    fn is_mentioned(&self, i: usize) -> bool {
        let tokens = self.doc.tokens();
        let code = |j: Option<usize>| j.is_some_and(|j| tokens[j].kind == TokenKind::Code);
        if code(self.doc.prev_non_space(i)) || code(self.doc.next_non_space(i)) {
            return true;
        }
        let named = self.word_before(i).is_some_and(|p| {
            let noun = grammar::lowercase(self.text(p));
            grammar::NAMING_NOUNS.contains(&&*noun)
        });
        named
            || self.in_value_list(i)
            || self.written_as_name(i)
            || self.kept_term(i)
            || self.manual_name(i)
            || self.listed_term(i)
    }

    /// Whether lowercase word token `i` stands alone on its line, perhaps
    /// with a colon: the term of a definition list (`always` over the
    /// indented lines that describe it), not a sentence.
    fn listed_term(&self, i: usize) -> bool {
        let tokens = self.doc.tokens();
        let t = tokens[i];
        if !t.is_line_start() || !t.first.is_lowercase() {
            return false;
        }
        tokens[i + 1..]
            .iter()
            .enumerate()
            .find(|(k, n)| {
                !(n.is_space() || *k == 0 && n.kind == TokenKind::Punct && n.first == ':')
            })
            .is_none_or(|(_, n)| n.kind == TokenKind::LineBreak)
    }

    /// Whether word token `i` names a manual page the document refers to
    /// (`tar` in a text that cites `tar(1)`) or a command one of its
    /// synopsis lines starts with: a program, not English.
    fn manual_name(&self, i: usize) -> bool {
        let doc = self.doc;
        doc.note_lookup(doc.tokens()[i].span(), || {
            crate::document::WholeLookup::ManualName(self.text(i).to_ascii_lowercase())
        });
        self.manual_names
            .get_or_init(|| crate::code_in_prose::cited_programs(&doc.source.text))
            .contains(&self.text(i).to_ascii_lowercase())
    }

    /// Whether word token `i` is a term its translation file keeps from
    /// the sources entry after entry (`slot`, `trigger` in a database's
    /// catalogue): jargon kept on purpose (see [`terms::KeptTerms`]).
    fn kept_term(&self, i: usize) -> bool {
        let view = self.doc.prose();
        !view.pairs().is_empty()
            && self
                .kept
                .get_or_init(|| terms::KeptTerms::of(view))
                .is_kept(&self.text(i).to_ascii_lowercase())
    }

    /// Whether lowercase word token `i` is written elsewhere in the
    /// document with a capital inside a sentence: the name of a product,
    /// a project or a channel (`nightly` after `la version Nightly`).
    fn written_as_name(&self, i: usize) -> bool {
        let word = self.text(i);
        let mut chars = word.chars();
        let Some(first) = chars.next().filter(char::is_ascii_lowercase) else {
            return false;
        };
        let capitalised = format!("{}{}", first.to_ascii_uppercase(), chars.as_str());
        self.doc.note_lookup(self.doc.tokens()[i].span(), || {
            crate::document::WholeLookup::Name(capitalised.clone())
        });
        self.names().contains(capitalised.as_str())
    }

    /// The next item of a list from word token `i` (forward or backward):
    /// the word across a comma or `et`/`ou`, and whether it was a
    /// conjunction.
    fn list_step(&self, i: usize, forward: bool) -> Option<(usize, bool)> {
        let tokens = self.doc.tokens();
        let step = |j: usize| {
            if forward {
                self.doc.next_non_space(j)
            } else {
                self.doc.prev_non_space(j)
            }
        };
        let sep = step(i)?;
        let conjunction =
            tokens[sep].kind == TokenKind::Word && matches!(self.text(sep), "et" | "ou");
        let comma = tokens[sep].kind == TokenKind::Punct && tokens[sep].first == ',';
        if !conjunction && !comma {
            return None;
        }
        let item = step(sep)?;
        (tokens[item].kind == TokenKind::Word && tokens[item].first.is_lowercase())
            .then_some((item, conjunction))
    }

    /// Whether word token `i` is one of three or more bare lowercase words
    /// listed with commas and a final `et` or `ou` (or a last `etc.`), two
    /// of them at least not French: values of an option (`human, concise
    /// et json`, `required, standard, optional, etc.`), which English in
    /// running text seldom forms.
    fn in_value_list(&self, i: usize) -> bool {
        let mut items = vec![i];
        // Separators between consecutive items, left to right.
        let mut conjunctions: Vec<bool> = Vec::new();
        let mut j = i;
        while items.len() < MAX_LIST {
            let Some((p, conjunction)) = self.list_step(j, false) else {
                break;
            };
            items.insert(0, p);
            conjunctions.insert(0, conjunction);
            j = p;
        }
        let mut j = i;
        while items.len() < MAX_LIST {
            let Some((n, conjunction)) = self.list_step(j, true) else {
                break;
            };
            items.push(n);
            conjunctions.push(conjunction);
            j = n;
        }
        // `a, b, c, etc.`: commas only, and `etc.` for the last item.
        let etc = items.iter().position(|&w| self.text(w) == "etc");
        let (items, shaped) = match (etc, conjunctions.iter().rposition(|&c| c)) {
            (Some(e), None) => (&items[..e], e >= 3),
            // `a, b et c`: one conjunction, the last separator.
            (_, Some(last)) => (
                &items[..last + 2],
                conjunctions[..last].iter().all(|&c| !c) && last + 2 >= 3,
            ),
            (None, None) => return false,
        };
        shaped
            && items.contains(&i)
            && items
                .iter()
                .filter(|&&w| !lexicon::is_french(self.text(w)))
                .count()
                >= 2
    }

    /// The English words around tokens `first..=last` when they are given
    /// on purpose: a gloss in brackets after a word (`gratuiciel
    /// (freeware)`, `suivi des tickets (issue tracker)`) holding no French
    /// word, or words introduced as English (`en anglais : greater than`,
    /// a translator's note `NDT : leaf`), or English words followed by
    /// their translation in brackets (`midnight (minuit)`).
    fn gloss_around(&self, first: usize, last: usize) -> Option<Span> {
        let tokens = self.doc.tokens();
        let is_char =
            |j: usize, c: char| tokens[j].kind == TokenKind::Punct && tokens[j].first == c;
        // Up to a few words back: `(en anglais, …)`, `en anglais : …`.
        let mut j = first;
        for _ in 0..6 {
            let Some(p) = self.doc.prev_non_space(j) else {
                break;
            };
            if tokens[p].kind == TokenKind::LineBreak {
                break;
            }
            // `en anglais`, or a translator's note (`NDT : leaf`).
            if tokens[p].kind == TokenKind::Word
                && (grammar::lowercase(self.text(p)).starts_with("anglais")
                    || self.text(p) == "NDT")
            {
                return Some(tokens[first].span().cover(tokens[last].span()));
            }
            if tokens[p].kind == TokenKind::Punct && matches!(tokens[p].first, '.' | '!' | '?') {
                break;
            }
            j = p;
        }
        // `midnight (minuit)`: the English term, then its translation in
        // brackets, French words only.
        if let Some(open) = self.doc.next_non_space(last).filter(|&k| is_char(k, '(')) {
            let close = (open + 1..tokens.len().min(open + 17))
                .take_while(|&k| tokens[k].is_wordlike() || tokens[k].is_space() || is_char(k, ')'))
                .find(|&k| is_char(k, ')'));
            // A translation is a few French words opening on a noun or an
            // adjective; `(ce matin)` is an aside.
            let translated = close.is_some_and(|close| {
                let words: Vec<usize> = (open + 1..close)
                    .filter(|&k| tokens[k].is_wordlike())
                    .collect();
                let french = |k: &usize| {
                    let w = self.text(*k);
                    lexicon::is_french(w) && lexicon::english(w).is_none_or(|e| e.level > MAX_LEVEL)
                };
                let opens_on_noun = words.first().is_some_and(|&k| {
                    let w = grammar::lowercase(self.text(k));
                    grammar::determiner(&w).is_none()
                        && grammar::readings(&w)
                            .is_some_and(|r| r.has(Pos::Noun) || r.has(Pos::Adjective))
                });
                (1..=4).contains(&words.len()) && opens_on_noun && words.iter().all(french)
            });
            if translated {
                return Some(tokens[first].span().cover(tokens[last].span()));
            }
        }
        // `mot (english words)`: the brackets hold only these words.
        let open = (first.saturating_sub(16)..first)
            .rev()
            .take_while(|&k| tokens[k].is_wordlike() || tokens[k].is_space() || is_char(k, '('))
            .find(|&k| is_char(k, '('))?;
        let close = (last + 1..tokens.len().min(last + 17))
            .take_while(|&k| tokens[k].is_wordlike() || tokens[k].is_space() || is_char(k, ')'))
            .find(|&k| is_char(k, ')'))?;
        let glossed = self
            .doc
            .prev_non_space(open)
            .is_some_and(|w| tokens[w].kind == TokenKind::Word);
        let only_english = (open + 1..close).all(|k| {
            !tokens[k].is_wordlike()
                || (tokens[k].kind == TokenKind::Word && !lexicon::is_french(self.text(k)))
                || lexicon::english(self.text(k)).is_some()
        });
        (glossed && only_english).then(|| tokens[first].span().cover(tokens[last].span()))
    }

    fn scan(&self) -> Vec<EnglishSpan> {
        let tokens = self.doc.tokens();
        let mut found: Vec<EnglishSpan> = Vec::new();
        // The first token not yet read: a run of English reads ahead.
        let mut resume = 0;
        for i in self.doc.tokens_of(TokenKind::Word) {
            let t = tokens[i];
            if i < resume || !t.first.is_ascii_alphabetic() {
                continue;
            }
            let word = self.text(i);
            // Fast path: most French words are not in the English list, and
            // those that are are marked French there.
            let candidate = if t.first.is_lowercase() {
                self.may_be_english(word)
            } else {
                word.len() > 1
            };
            if !candidate {
                continue;
            }
            let kind = self.kind(i);
            if kind.is_english()
                && !(kind == Kind::Content && t.first.is_uppercase() && self.looks_like_name(i))
            {
                let (first, last, words, strong) = self.run(i, kind);
                if self.in_title(first, last) {
                    resume = last + 1;
                    continue;
                }
                if words >= 2 && strong {
                    found.push(self.span(first, last, EnglishKind::Phrase, false));
                    resume = last + 1;
                    continue;
                }
                if kind == Kind::Content && !self.is_mentioned(i) {
                    found.push(self.span(i, i, EnglishKind::Words, false));
                }
            } else if t.first.is_uppercase() && !t.is_strong_start() && self.capitalised_english(i)
            {
                found.push(self.span(i, i, EnglishKind::Words, true));
            }
        }
        merge_words(self, found)
    }

    fn span(&self, first: usize, last: usize, kind: EnglishKind, in_name: bool) -> EnglishSpan {
        let tokens = self.doc.tokens();
        EnglishSpan {
            span: tokens[first].span().cover(tokens[last].span()),
            tokens: (first, last),
            kind,
            citation: self.citation(first, last),
            in_name,
        }
    }
}

/// Merges adjacent words into one span (`Presidential Library`).
fn merge_words(scanner: &Scanner, found: Vec<EnglishSpan>) -> Vec<EnglishSpan> {
    let mut out: Vec<EnglishSpan> = Vec::with_capacity(found.len());
    for f in found {
        if let Some(last) = out.last_mut()
            && last.kind == EnglishKind::Words
            && f.kind == EnglishKind::Words
            && last.in_name == f.in_name
            && last.citation == f.citation
            && scanner.word_after(last.tokens.1) == Some(f.tokens.0)
        {
            last.span = last.span.cover(f.span);
            last.tokens.1 = f.tokens.1;
            continue;
        }
        out.push(f);
    }
    out
}

/// The English in `doc`, in order.
pub fn find(doc: &Document) -> Vec<EnglishSpan> {
    Scanner {
        doc,
        names: OnceCell::new(),
        kept: OnceCell::new(),
        manual_names: OnceCell::new(),
    }
    .scan()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_word_strength() {
        assert_eq!(FUNCTION.get("the"), Some(&true));
        assert_eq!(FUNCTION.get("of"), Some(&true));
        assert_eq!(FUNCTION.get("a"), Some(&false));
        assert_eq!(FUNCTION.get("on"), Some(&false));
        assert_eq!(FUNCTION.get("in"), Some(&false));
    }

    /// The English words found in `text` with `allowed` words or phrases.
    fn english(text: &str, allowed: &[&str]) -> Vec<String> {
        let mut settings = crate::settings::Settings::default();
        settings.allow_words(allowed);
        let source =
            crate::source::Source::new("a.txt", text, crate::source::SourceKind::PlainText);
        let doc = Document::new(&source, &settings);
        find(&doc)
            .iter()
            .map(|e| doc.text()[e.span.start..e.span.end].to_string())
            .collect()
    }

    #[test]
    fn allowed_phrases_accept_exactly_their_word_sequence() {
        let text = "Le deep learning progresse, le learning aussi. Un produit state of the art.";
        assert_eq!(
            english(text, &[]),
            vec!["deep learning", "learning", "of the"]
        );
        assert_eq!(
            english(text, &["Deep  Learning", "STATE OF THE ART"]),
            vec!["learning"]
        );
        assert_eq!(english(text, &["learning deep"]).len(), 3);
    }
}
