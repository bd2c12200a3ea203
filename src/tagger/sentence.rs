//! Sentences of a document, and tagging one of them.

use crate::document::Document;
use crate::tagger::features::Prepared;
use crate::tagger::{TAGGER, Tagged, TokenReading, Upos};
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
    // Only the enders, the tokens right after them and the cuts of long
    // sentences decide: the words between are skipped, not walked.
    let mut enders = doc
        .tokens_of(TokenKind::Punct)
        .filter(|&i| is_ender(tokens[i].first))
        .peekable();
    let mut out = Vec::new();
    for para in doc.paragraphs() {
        let (first, end) = (para.tokens.start, para.tokens.end);
        let mut start = first;
        let mut i = first;
        while i < end {
            while enders.next_if(|&e| e < i).is_some() {}
            let ender = enders.peek().copied().filter(|&e| e < end).unwrap_or(end);
            // A sentence that grows too long is cut at its first token
            // past the limit that is not a space or a closing bracket.
            let limit = start + MAX_TOKENS;
            if let Some(cut) = (limit.max(i)..ender).find(|&c| cuts_long(&tokens[c])) {
                out.push(start..cut);
                start = cut;
                i = cut + 1;
                continue;
            }
            if ender == end {
                break;
            }
            i = ender + 1;
            let mut ended = !after_abbreviation(doc, first, ender);
            // After the ender, closing marks, then the token that decides
            // whether a sentence starts.
            while ended && i < end {
                let t = &tokens[i];
                match t.kind {
                    TokenKind::Space(_) | TokenKind::LineBreak => {}
                    TokenKind::Punct if is_ender(t.first) => {
                        ended = !after_abbreviation(doc, first, i);
                    }
                    TokenKind::Punct if matches!(t.first, ')' | ']') => {}
                    TokenKind::Quote if matches!(t.first, '»' | '”' | '"' | '’') => {}
                    _ => {
                        let opens = !matches!(t.kind, TokenKind::Word) || !t.first.is_lowercase();
                        if (opens && i > start) || i - start >= MAX_TOKENS {
                            out.push(start..i);
                            start = i;
                        }
                        ended = false;
                    }
                }
                i += 1;
            }
        }
        if start < end {
            out.push(start..end);
        }
    }
    out
}

/// Whether `c` can end a sentence.
fn is_ender(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Whether token `t`, not after an ender, starts a new piece of a sentence
/// past [`MAX_TOKENS`]: any token but a space or a closing bracket.
fn cuts_long(t: &crate::tokenize::Token) -> bool {
    match t.kind {
        TokenKind::Space(_) | TokenKind::LineBreak => false,
        TokenKind::Punct => !matches!(t.first, ')' | ']'),
        _ => true,
    }
}

/// Whether the ender at token `at` is the period of an initial or an
/// abbreviation (`M. Dupont`): the token before it in its paragraph
/// (from `first`), spaces aside, is such a word.
fn after_abbreviation(doc: &Document, first: usize, at: usize) -> bool {
    let tokens = doc.tokens();
    tokens[at].first == '.'
        && (first..at)
            .rev()
            .find(|&p| !matches!(tokens[p].kind, TokenKind::Space(_) | TokenKind::LineBreak))
            .is_some_and(|p| {
                tokens[p].kind == TokenKind::Word && is_abbreviation(doc.token_text(p))
            })
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
            let mut reading = TAGGER.reading(words, k, doc.token_text(i), t);
            // A sign is punctuation or a symbol whatever the context says.
            let sign = match tokens[i].kind {
                TokenKind::Punct | TokenKind::Quote => Some(Upos::Punct),
                TokenKind::Symbol if reading.upos != Upos::Punct => Some(Upos::Sym),
                _ => None,
            };
            if let Some(upos) = sign {
                reading = TokenReading {
                    upos,
                    fused: None,
                    gender: None,
                    number: None,
                    person: None,
                    verb_form: None,
                    lexeme: None,
                    ..reading
                };
            }
            out[i - range.start] = Some(reading);
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use crate::source::{Source, SourceKind};

    /// The sentences as the first version found them, walking every
    /// token: [`split`] must find the same.
    fn split_token_by_token(doc: &Document) -> Vec<Range<usize>> {
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

    #[test]
    fn sentences_are_those_of_the_token_by_token_walk() {
        let settings = Settings::default();
        let mut texts = crate::test_texts::project_texts();
        // Long sentences, cut after MAX_TOKENS tokens.
        texts.push("mot ".repeat(1000) + "fin. Encore (un) mot");
        texts.push(format!("{}) ] « x » . Suite", "a ) ".repeat(450)));
        texts.push("M. Dupont. Il part… « Oui ! » dit-il. p. 3 et J. K. Rowling.".into());
        let mut sentences = 0;
        for text in &texts {
            let source = Source::new("t.txt", text.as_str(), SourceKind::PlainText);
            let doc = Document::new(&source, &settings);
            let want = split_token_by_token(&doc);
            sentences += want.len();
            assert_eq!(split(&doc), want, "{text}");
        }
        assert!(sentences > 1000, "{sentences}");
    }

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
