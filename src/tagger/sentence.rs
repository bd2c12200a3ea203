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

/// The sentences of a document as token ranges: a sentence ends after
/// `.`, `!`, `?` or `…` (and the closing quotes and brackets after it), at
/// the end of a paragraph, and after [`MAX_TOKENS`] tokens.
pub fn split(doc: &Document) -> Vec<Range<usize>> {
    let tokens = doc.tokens();
    let mut out = Vec::new();
    for para in doc.paragraphs() {
        let mut start = para.tokens.start;
        let mut ended = false;
        for i in para.tokens.clone() {
            let t = &tokens[i];
            match t.kind {
                TokenKind::Space(_) | TokenKind::LineBreak => continue,
                TokenKind::Punct if matches!(t.first, '.' | '!' | '?' | '…') => ended = true,
                TokenKind::Punct if matches!(t.first, ')' | ']') => {}
                TokenKind::Quote if ended && matches!(t.first, '»' | '”' | '"' | '’') => {}
                _ => {
                    if (ended && i > start) || i - start >= MAX_TOKENS {
                        out.push(start..i);
                        start = i;
                    }
                    ended = false;
                }
            }
        }
        if start < para.tokens.end {
            out.push(start..para.tokens.end);
        }
    }
    out
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
