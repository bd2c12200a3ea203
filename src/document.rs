//! The shared analysis of one text, computed once and read by every rule:
//! prose view, tokens, paragraphs, and (on first use) capitalised words and
//! quotation marks.

use crate::english::EnglishSpan;
use crate::prose::ProseView;
use crate::quotes::QuoteAnalysis;
use crate::settings::Settings;
use crate::source::Source;
use crate::span::Span;
use crate::tagger::TokenReading;
use crate::tagger::chunk::Chunks;
use crate::token_kinds::KindIndex;
use crate::tokenize::{Token, TokenKind, tokenize};
use std::ops::Range;
use std::sync::OnceLock;

/// A paragraph: its prose bytes and the tokens inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Prose bytes, without surrounding blank lines.
    pub span: Span,
    /// Indexes into [`Document::tokens`].
    pub tokens: Range<usize>,
}

/// The readings of one sentence, tagged on first use.
type SentenceReadings = OnceLock<Box<[Option<TokenReading>]>>;

/// One analysed text. Rules read it; none of them tokenizes again.
#[derive(Debug)]
pub struct Document<'a> {
    /// The source it was built from.
    pub source: &'a Source,
    /// The settings of the run.
    pub settings: &'a Settings,
    prose: ProseView<'a>,
    tokens: Vec<Token>,
    paragraphs: Vec<Paragraph>,
    kinds: OnceLock<KindIndex>,
    capitalized: OnceLock<Vec<usize>>,
    quotes: OnceLock<QuoteAnalysis>,
    english: OnceLock<Vec<EnglishSpan>>,
    grammatical: OnceLock<Vec<(usize, &'static str)>>,
    grammatical_in_prose: OnceLock<Vec<(usize, &'static str)>>,
    sentences: OnceLock<Vec<Range<usize>>>,
    tagged: OnceLock<Vec<SentenceReadings>>,
    readings: OnceLock<Vec<Option<TokenReading>>>,
    chunks: OnceLock<Vec<OnceLock<Chunks>>>,
    subjects: OnceLock<Vec<crate::clause::Subject>>,
    nobreak: OnceLock<Vec<crate::nobreak::NoBreakSite>>,
    lookups: Option<std::sync::Mutex<Vec<(Span, WholeLookup)>>>,
}

/// A question a rule asked of the whole document about one word, whose
/// answer a paragraph read alone may not give: noted (when asked, see
/// [`Document::noting_lookups`]) so that the fix loop that re-checks only
/// changed paragraphs ([`crate::recheck`]) can compare the answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WholeLookup {
    /// Is this word written with a capital inside a sentence somewhere
    /// ([`Document::capitalized_words`])?
    Name(String),
    /// Is this word, in lowercase, a manual page the document cites or a
    /// command its synopses show (see [`crate::code_in_prose::manual_names`])?
    ManualName(String),
    /// Which apostrophe does the document want (`’` or `'`: the one the
    /// settings ask for, or the one it mostly uses)? Asked by each elision
    /// the elision rule writes; the answer noted is the one it wrote.
    Apostrophe(char),
    /// Is this word written in lowercase somewhere (the title-case rule
    /// weighs the words of a title line by it)? With the answer the text
    /// gave.
    Lowercase {
        /// The word, with a lowercase first letter.
        word: String,
        /// Whether the text writes it so.
        written: bool,
    },
}

impl<'a> Document<'a> {
    /// Analyses `source`.
    pub fn new(source: &'a Source, settings: &'a Settings) -> Document<'a> {
        let prose = ProseView::new(source);
        let tokens = tokenize(prose.text());
        let paragraphs = assign_tokens(prose.paragraphs(), &tokens);
        Document {
            source,
            settings,
            prose,
            tokens,
            paragraphs,
            kinds: OnceLock::new(),
            capitalized: OnceLock::new(),
            quotes: OnceLock::new(),
            english: OnceLock::new(),
            grammatical: OnceLock::new(),
            grammatical_in_prose: OnceLock::new(),
            sentences: OnceLock::new(),
            tagged: OnceLock::new(),
            readings: OnceLock::new(),
            chunks: OnceLock::new(),
            subjects: OnceLock::new(),
            nobreak: OnceLock::new(),
            lookups: None,
        }
    }

    /// [`Document::new`], noting the [`WholeLookup`]s the rules make, with
    /// the source bytes of the word each is about ([`Document::take_lookups`]).
    pub(crate) fn noting_lookups(source: &'a Source, settings: &'a Settings) -> Document<'a> {
        let mut doc = Document::new(source, settings);
        doc.lookups = Some(std::sync::Mutex::new(Vec::new()));
        doc
    }

    /// Notes that a rule asked `lookup` about the word at prose bytes
    /// `span`, when the document notes them (the key is built only then).
    pub(crate) fn note_lookup(&self, span: Span, lookup: impl FnOnce() -> WholeLookup) {
        if let Some(lookups) = &self.lookups {
            let at = self.prose.to_source(span);
            if let Ok(mut list) = lookups.lock() {
                list.push((at, lookup()));
            }
        }
    }

    /// The lookups noted so far (see [`Document::noting_lookups`]).
    pub(crate) fn take_lookups(&self) -> Vec<(Span, WholeLookup)> {
        self.lookups
            .as_ref()
            .and_then(|l| l.lock().ok().map(|mut l| std::mem::take(&mut *l)))
            .unwrap_or_default()
    }

    /// The quotation marks and their pairs (computed on first use, shared
    /// by rules).
    pub fn quotes(&self) -> &QuoteAnalysis {
        self.quotes.get_or_init(|| {
            let ranges: Vec<Range<usize>> =
                self.paragraphs.iter().map(|p| p.tokens.clone()).collect();
            QuoteAnalysis::new(self.text(), &self.tokens, &ranges, |span| {
                self.prose.is_prose(span)
            })
        })
    }

    /// The English left in the text (computed on first use, shared by the
    /// `untranslated/english-*` rules).
    pub fn english(&self) -> &[EnglishSpan] {
        self.english.get_or_init(|| crate::english::find(self))
    }

    /// The grammatical words the elision and agreement rules start from
    /// (`le`, `de`, `ce`, `sa`, `nouveau`…), with their token index, in
    /// lowercase (computed on first use, shared by rules).
    pub fn grammatical_words(&self) -> &[(usize, &'static str)] {
        self.grammatical
            .get_or_init(|| crate::grammar::grammatical_words(self))
    }

    /// The [`Document::grammatical_words`] not written with a capital
    /// inside a sentence (such a capital starts a name or a title: `Le
    /// Havre`), computed on first use.
    pub fn grammatical_words_in_prose(&self) -> &[(usize, &'static str)] {
        self.grammatical_in_prose
            .get_or_init(|| crate::grammar::grammatical_words_in_prose(self))
    }

    /// The sentences, as ranges of token indexes (computed on first use):
    /// see [`crate::tagger::sentence::split`].
    pub fn sentences(&self) -> &[Range<usize>] {
        self.sentences
            .get_or_init(|| crate::tagger::sentence::split(self))
    }

    /// The index into [`Document::sentences`] of the sentence holding
    /// token `i`, if a sentence does (space between paragraphs is in none).
    pub fn sentence_of(&self, i: usize) -> Option<usize> {
        let sentences = self.sentences();
        let s = sentences.partition_point(|r| r.end <= i);
        (s < sentences.len() && sentences[s].contains(&i)).then_some(s)
    }

    /// The tagger's readings of sentence `s` (one entry per token of
    /// `sentences()[s]`, punctuation included), tagged on first use.
    pub fn sentence_readings(&self, s: usize) -> &[Option<TokenReading>] {
        let cells = self.tagged.get_or_init(|| {
            (0..self.sentences().len())
                .map(|_| OnceLock::new())
                .collect()
        });
        match (cells.get(s), self.sentences().get(s)) {
            (Some(cell), Some(range)) => cell.get_or_init(|| {
                crate::tagger::sentence::tag(self, range.clone()).into_boxed_slice()
            }),
            _ => &[],
        }
    }

    /// The chosen reading of token `i` (a word, an elided word or a
    /// number), tagging its sentence on first use: the cheap way for a rule
    /// that has an agreement question about a few words.
    pub fn reading(&self, i: usize) -> Option<&TokenReading> {
        if let Some(all) = self.readings.get() {
            return all.get(i)?.as_ref();
        }
        let token = self.tokens.get(i)?;
        if !crate::tagger::sentence::has_reading(token.kind) {
            return None;
        }
        let s = self.sentence_of(i)?;
        let start = self.sentences()[s].start;
        self.sentence_readings(s).get(i - start)?.as_ref()
    }

    /// The chosen reading of every token: one entry per token index of
    /// [`Document::tokens`], `None` but for words, elided words and numbers
    /// (computed on first use by tagging every sentence, and shared).
    pub fn readings(&self) -> &[Option<TokenReading>] {
        self.readings.get_or_init(|| {
            let mut all = vec![None; self.tokens.len()];
            for (s, range) in self.sentences().iter().enumerate() {
                for (i, r) in range.clone().zip(self.sentence_readings(s)) {
                    if crate::tagger::sentence::has_reading(self.tokens[i].kind) {
                        all[i] = *r;
                    }
                }
            }
            all
        })
    }

    /// The chunks of sentence `s` (noun phrases, subjects, attributes),
    /// computed on first use from its readings.
    pub fn sentence_chunks(&self, s: usize) -> &Chunks {
        static EMPTY: Chunks = Chunks {
            noun_phrases: Vec::new(),
            subjects: Vec::new(),
            attributes: Vec::new(),
        };
        let cells = self.chunks.get_or_init(|| {
            (0..self.sentences().len())
                .map(|_| OnceLock::new())
                .collect()
        });
        match (cells.get(s), self.sentences().get(s)) {
            (Some(cell), Some(range)) => cell.get_or_init(|| {
                crate::tagger::chunk::chunk(self, range.clone(), self.sentence_readings(s))
            }),
            _ => &EMPTY,
        }
    }

    /// The chunks of every sentence, in order (see
    /// [`Document::sentence_chunks`]).
    pub fn chunks(&self) -> impl Iterator<Item = &Chunks> {
        (0..self.sentences().len()).map(|s| self.sentence_chunks(s))
    }

    /// Every subject with the verb that follows it, read from the lexicon
    /// ([`crate::clause::find`]), found on first use and shared by the
    /// agreement rules of the attribute and of the verb.
    pub fn subjects(&self) -> &[crate::clause::Subject] {
        self.subjects.get_or_init(|| crate::clause::find(self))
    }

    /// Every place where a no-break space belongs and some space was typed
    /// ([`crate::nobreak::sites`]), found on first use and shared by the
    /// spacing rules.
    pub fn nobreak_sites(&self) -> &[crate::nobreak::NoBreakSite] {
        self.nobreak.get_or_init(|| crate::nobreak::sites(self))
    }

    /// Indexes of the words that start with a capital letter although they
    /// do not start a sentence (computed on first use, shared by rules).
    pub fn capitalized_words(&self) -> &[usize] {
        self.capitalized.get_or_init(|| {
            self.tokens_of(TokenKind::Word)
                .filter(|&i| {
                    let t = &self.tokens[i];
                    !t.is_sentence_start() && t.first.is_uppercase()
                })
                .collect()
        })
    }

    /// The prose text every span of a rule refers to.
    pub fn text(&self) -> &str {
        self.prose.text()
    }

    /// The prose view (for mapping back to the source).
    pub fn prose(&self) -> &ProseView<'a> {
        &self.prose
    }

    /// All tokens, in order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The indexes of the tokens of `kind`, in order (every space token for
    /// any [`TokenKind::Space`]). Grouped on first use and shared: a loop
    /// over one kind visits its tokens alone.
    pub fn tokens_of(
        &self,
        kind: TokenKind,
    ) -> impl DoubleEndedIterator<Item = usize> + ExactSizeIterator + '_ {
        self.kinds
            .get_or_init(|| KindIndex::new(&self.tokens))
            .of(kind)
    }

    /// The paragraphs, in order.
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &str {
        &self.text()[self.tokens[i].span().range()]
    }

    /// The text of a prose span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text()[span.range()]
    }

    /// The first character of token `i`.
    pub fn first_char(&self, i: usize) -> char {
        self.tokens[i].first
    }

    /// Whether token `i` is the single character `c`.
    pub fn is_char(&self, i: usize, c: char) -> bool {
        let t = &self.tokens[i];
        t.first == c && t.span().len() == c.len_utf8()
    }

    /// Token `i`, if it exists.
    pub fn token(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    /// The index of the first token after `i` that is not horizontal space,
    /// on the same line.
    pub fn next_non_space(&self, i: usize) -> Option<usize> {
        (i + 1..self.tokens.len()).find(|&j| !self.tokens[j].is_space())
    }

    /// The index of the last token before `i` that is not horizontal space.
    pub fn prev_non_space(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| !self.tokens[j].is_space())
    }

    /// The first token after `i` that is not horizontal space, on the same
    /// line, if it is a word.
    pub fn word_after_spaces(&self, i: usize) -> Option<usize> {
        self.next_non_space(i)
            .filter(|&n| self.tokens[n].kind == TokenKind::Word)
    }

    /// The last token before `i` that is not horizontal space, if it is a
    /// word.
    pub fn word_before_spaces(&self, i: usize) -> Option<usize> {
        self.prev_non_space(i)
            .filter(|&p| self.tokens[p].kind == TokenKind::Word)
    }

    /// The first token after `i` that is not horizontal space, on the same
    /// line, if it is a word, an elided word or a number.
    pub fn word_or_number_after_spaces(&self, i: usize) -> Option<usize> {
        self.next_non_space(i).filter(|&n| {
            let t = &self.tokens[n];
            t.is_wordlike() || t.kind == TokenKind::Number
        })
    }

    /// The last token before `i` that is not horizontal space, if it is a
    /// word, an elided word or a number.
    pub fn word_or_number_before_spaces(&self, i: usize) -> Option<usize> {
        self.prev_non_space(i).filter(|&p| {
            let t = &self.tokens[p];
            t.is_wordlike() || t.kind == TokenKind::Number
        })
    }

    /// The index of the token starting at byte `offset`, if one does.
    pub fn token_at(&self, offset: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.span().start < offset);
        (i < self.tokens.len() && self.tokens[i].span().start == offset).then_some(i)
    }

    /// Whether `span` touches a URL, an e-mail address or code.
    pub fn touches_link(&self, span: Span) -> bool {
        let i = self.tokens.partition_point(|t| t.span().end <= span.start);
        self.tokens[i..]
            .iter()
            .take_while(|t| t.span().start < span.end.max(span.start + 1))
            .any(|t| matches!(t.kind, TokenKind::Url | TokenKind::Email | TokenKind::Code))
    }

    /// Whether `span` (in prose bytes) lies inside one code token: no rule
    /// about language or typography reports there (see
    /// [`crate::code_in_prose`]).
    pub fn in_code(&self, span: Span) -> bool {
        let i = self.tokens.partition_point(|t| t.span().end <= span.start);
        self.tokens.get(i).is_some_and(|t| {
            t.kind == TokenKind::Code && t.span().start <= span.start && span.end <= t.span().end
        })
    }

    /// The text of the line before byte `offset`, at most `limit` bytes of
    /// it, and whether it reaches the start of the line. Bounded so that
    /// looking around a match costs the same on a one-line 10 MB file.
    pub fn line_before(&self, offset: usize, limit: usize) -> (&str, bool) {
        let text = self.text();
        let mut floor = offset.saturating_sub(limit);
        while !text.is_char_boundary(floor) {
            floor += 1;
        }
        match text[floor..offset].rfind('\n') {
            Some(i) => (&text[floor + i + 1..offset], true),
            None => (&text[floor..offset], floor == 0),
        }
    }

    /// The text of the line after byte `offset`, at most `limit` bytes of
    /// it, without the line terminator.
    pub fn line_after(&self, offset: usize, limit: usize) -> &str {
        let text = self.text();
        let mut ceiling = (offset + limit).min(text.len());
        while !text.is_char_boundary(ceiling) {
            ceiling -= 1;
        }
        let window = &text[offset..ceiling];
        match window.find(['\n', '\r']) {
            Some(i) => &window[..i],
            None => window,
        }
    }
}

/// Gives each paragraph its tokens, in one walk over both sorted lists.
fn assign_tokens(paragraphs: &[Span], tokens: &[Token]) -> Vec<Paragraph> {
    let mut out = Vec::with_capacity(paragraphs.len());
    let mut i = 0;
    for &span in paragraphs {
        while i < tokens.len() && tokens[i].span().start < span.start {
            i += 1;
        }
        let first = i;
        while i < tokens.len() && tokens[i].span().start < span.end {
            i += 1;
        }
        out.push(Paragraph {
            span,
            tokens: first..i,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceKind;

    #[test]
    fn paragraphs_own_their_tokens() {
        let source = Source::new("t", "Un mot.\n\nDeux mots.", SourceKind::PlainText);
        let settings = Settings::default();
        let doc = Document::new(&source, &settings);
        let paras = doc.paragraphs();
        assert_eq!(paras.len(), 2);
        let words: Vec<&str> = paras[1].tokens.clone().map(|i| doc.token_text(i)).collect();
        assert_eq!(words, vec!["Deux", " ", "mots", "."]);
    }

    #[test]
    fn finds_links_under_spans() {
        let source = Source::new("t", "Voir https://x.fr/a:b ici", SourceKind::PlainText);
        let settings = Settings::default();
        let doc = Document::new(&source, &settings);
        assert!(doc.touches_link(Span::new(19, 20)));
        assert!(!doc.touches_link(Span::new(0, 4)));
    }
}
