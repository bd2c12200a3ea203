//! Sentences of a document, and tagging one of them.

use crate::document::Document;
use crate::tagger::features::Prepared;
use crate::tagger::{TAGGER, Tagged, TokenReading};
use crate::tokenize::TokenKind;
use std::cell::RefCell;
use std::ops::Range;

/// The longest run of tokens tagged as one sentence: a text without
/// sentence punctuation is cut into pieces of this length, which keeps
/// the work per sentence bounded.
const MAX_TOKENS: usize = 400;

/// Abbreviations that end with a period inside a sentence (`M. Dupont`).
const ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Pr", "Me", "Mgr", "St", "Ste", "cf", "p",
    "pp", "env", "av", "apr", "J.-C", "n°", "vol", "chap", "fig", "éd",
];

/// The sentences of a document as token ranges: a sentence ends after
/// `.`, `!`, `?` or `…` (and the closing quotes and brackets after it) when
/// the next word starts with a capital or a digit, at the end of a
/// paragraph, and after [`MAX_TOKENS`] tokens. A period after an initial
/// or an abbreviation (`M. Dupont`, `J. K. Rowling`) ends nothing.
pub fn split(doc: &Document) -> Vec<Range<usize>> {
    let tokens = doc.tokens();
    let mut out = Vec::new();
    for para in doc.paragraphs() {
        let mut start = para.tokens.start;
        let mut ended = false;
        // The last word, to recognise an abbreviation before a period.
        let mut last_word: Option<usize> = None;
        let mut previous: Option<usize> = None;
        for i in para.tokens.clone() {
            let t = &tokens[i];
            match t.kind {
                TokenKind::Space(_) | TokenKind::LineBreak => continue,
                TokenKind::Punct if matches!(t.first, '.' | '!' | '?' | '…') => {
                    let abbreviation = t.first == '.'
                        && previous == last_word
                        && last_word.is_some_and(|w| is_abbreviation(doc.token_text(w)));
                    ended = !abbreviation;
                }
                TokenKind::Punct if matches!(t.first, ')' | ']') => {}
                TokenKind::Quote if ended && matches!(t.first, '»' | '”' | '"' | '’') => {}
                _ => {
                    let opens = !matches!(t.kind, TokenKind::Word) || !t.first.is_lowercase();
                    if (ended && opens && i > start) || i - start >= MAX_TOKENS {
                        out.push(start..i);
                        start = i;
                    }
                    ended = false;
                    if matches!(t.kind, TokenKind::Word) {
                        last_word = Some(i);
                    }
                }
            }
            previous = Some(i);
        }
        if start < para.tokens.end {
            out.push(start..para.tokens.end);
        }
    }
    out
}

/// Whether `word`, followed by a period, is an initial or an abbreviation.
fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    let initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    initial || ABBREVIATIONS.contains(&word)
}

/// Whether token kind `kind` is given to the tagger (everything but space).
fn tagged_kind(kind: TokenKind) -> bool {
    !matches!(kind, TokenKind::Space(_) | TokenKind::LineBreak)
}

/// Whether a token of kind `kind` gets a reading in
/// [`Document::readings`]: words, elided words and numbers.
pub fn has_reading(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Word | TokenKind::Elided | TokenKind::Number
    )
}

thread_local! {
    /// The buffers of the sentence being tagged, reused.
    static WORK: RefCell<(Prepared, Vec<Tagged>, Vec<usize>)> = RefCell::default();
}

/// Tags the sentence `range` of `doc`: one entry per token of the range,
/// `Some` for every token but space (punctuation included).
pub fn tag(doc: &Document, range: Range<usize>) -> Vec<Option<TokenReading>> {
    let tokens = doc.tokens();
    WORK.with_borrow_mut(|(words, tags, index)| {
        index.clear();
        index.extend(range.clone().filter(|&i| tagged_kind(tokens[i].kind)));
        words.prepare(index.iter().map(|&i| doc.token_text(i)));
        TAGGER.tag(words, tags);
        let mut out = vec![None; range.len()];
        for (k, (&i, &t)) in index.iter().zip(tags.iter()).enumerate() {
            out[i - range.start] = Some(TAGGER.reading(words, k, doc.token_text(i), t));
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use crate::source::{Source, SourceKind};

    fn sentences(text: &str) -> Vec<String> {
        let source = Source::new("t.txt", text, SourceKind::PlainText);
        let settings = Settings::default();
        let doc = Document::new(&source, &settings);
        split(&doc)
            .into_iter()
            .map(|r| r.map(|i| doc.token_text(i)).collect::<String>())
            .collect()
    }

    #[test]
    fn sentences_end_before_a_capital_not_after_an_abbreviation() {
        assert_eq!(
            sentences("M. Dupont est là. Il part ! « Vraiment ? » dit-elle… Oui.\n\nFin"),
            [
                "M. Dupont est là. ",
                "Il part ! ",
                "« Vraiment ? » dit-elle… ",
                "Oui.",
                "Fin"
            ]
        );
        assert_eq!(
            sentences("J. K. Rowling écrit. 3 livres."),
            ["J. K. Rowling écrit. ", "3 livres."]
        );
    }
}
