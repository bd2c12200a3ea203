//! Where French typography puts a no-break space, and what was typed
//! there: before the high punctuation signs `; : ! ?` (with the exceptions
//! every spacing rule shares: times, ratios, `::`, emoticons, shortcodes,
//! HTML entities, code) and on the inner side of guillemets. The sites are
//! found once per document ([`Document::nobreak_sites`]); the spacing rules
//! read them and these helpers.

use crate::document::Document;
use crate::marked_names::ends_marked_name;
use crate::quotes::Role;
use crate::span::Span;
use crate::tokenize::{Token, TokenKind, is_word_char};
use crate::unicode_names::{NBSP, NNBSP};

/// Whether `pos` (the byte after `:` or `;`) starts the rest of an emoticon
/// such as `:)`, `;-)` or `:D`.
pub fn emoticon_rest(text: &str, pos: usize) -> bool {
    let rest = &text[pos..];
    let rest = rest.strip_prefix(['-', '\'']).unwrap_or(rest);
    let mut chars = rest.chars();
    match chars.next() {
        Some(
            ')' | '(' | 'D' | 'P' | 'p' | 'O' | 'o' | '/' | '\\' | '|' | '*' | '3' | ']' | '[',
        ) => !chars.next().is_some_and(is_word_char),
        _ => false,
    }
}

/// The high punctuation sign at token `i` (`; : ! ?`), with the exceptions
/// every spacing rule shares: times and ratios, `::`, drive letters, `!=`,
/// emoticons.
#[inline]
pub fn high_punct(doc: &Document, i: usize) -> Option<char> {
    // Most tokens are not `; : ! ?`: this test is inlined in the callers'
    // loops, and only those signs pay for the call to the exceptions.
    let t = &doc.tokens()[i];
    if t.kind != TokenKind::Punct || !matches!(t.first, ';' | ':' | '!' | '?') {
        return None;
    }
    high_punct_exceptions(doc, i)
}

/// [`high_punct`] for a token known to be `; : ! ?`.
#[inline(never)]
fn high_punct_exceptions(doc: &Document, i: usize) -> Option<char> {
    let t = doc.tokens()[i];
    let c = t.first;
    let text = doc.text();
    let next = text[t.span().end..].chars().next();
    let prev = text[..t.span().start].chars().next_back();
    let prev_token = i
        .checked_sub(1)
        .map(|p| (doc.tokens()[p].kind, doc.token_text(p)));
    // `\!`: a Markdown or regex escape, not punctuation; `Yahoo!`: part of
    // a name (`rules/data/names-with-marks.txt`).
    if prev == Some('\\') || (matches!(c, '!' | '?') && ends_marked_name(text, t.span().start)) {
        return None;
    }
    let excluded = match c {
        ':' => {
            // Times, ratios, timestamps, identifiers (`10:30`, `16:9`,
            // `arXiv:2101`, `2001:db8`): glued to letters or digits on both
            // sides, with a digit on one side.
            let glued = prev.is_some_and(|p| p.is_ascii_alphanumeric())
                && next.is_some_and(|n| n.is_ascii_alphanumeric())
                && (prev.is_some_and(|p| p.is_ascii_digit())
                    || next.is_some_and(|n| n.is_ascii_digit()));
            glued
                || matches!(next, Some(':' | '/' | '\\'))
                || matches!(prev, Some(':' | '"'))
                || emoticon_rest(text, t.span().end)
                // `git@host:path`, `http://…:8080`: part of an address.
                || matches!(prev_token, Some((TokenKind::Url | TokenKind::Email | TokenKind::Code, _)))
                // E-mail subject prefixes.
                || matches!(prev_token, Some((TokenKind::Word, "Re" | "RE" | "Fwd" | "FWD" | "Fw" | "TR")))
                // Namespaced names and URIs: `xml:lang`, `urn:isbn:…`.
                || prev_token.is_some_and(|(kind, word)| {
                    kind == TokenKind::Word && NAMESPACES.iter().any(|n| n.eq_ignore_ascii_case(word))
                })
                || is_shortcode(text, t.span().start)
        }
        ';' => emoticon_rest(text, t.span().end) || is_html_entity(text, t.span().start),
        // `![alt](…)`, `[!NOTE]`, `<!--`, `!=`, `?.`, `vec![`: code or markup.
        '!' => matches!(next, Some('=' | '[' | '(')) || matches!(prev, Some('<' | '[')),
        _ => next == Some('=') || (next == Some('.') && next_is_glued_word(text, t.span().end + 1)),
    };
    (!excluded).then_some(c)
}

/// Whether the guillemet of token `i` takes a no-break space on its inner
/// side, from the quote analysis: an opening `«` (also when it continues a
/// quotation at the start of a paragraph) or a closing `»`; a `»` that
/// only marks a continuing quotation does not close anything.
pub fn is_spaced_guillemet(doc: &Document, i: usize) -> bool {
    match doc.quotes().mark_of_token(i) {
        Some(m) => m.ch == '«' || m.role == Role::Close,
        None => false,
    }
}

/// Prefixes of namespaced names and URIs, before a glued `:`.
const NAMESPACES: &[&str] = &[
    "xml",
    "xmlns",
    "xlink",
    "xsi",
    "urn",
    "tel",
    "sip",
    "svg",
    "data",
    "isbn",
    "doi",
    "arxiv",
    "hdl",
    "ipfs",
    "magnet",
    "file",
    "mailto",
    "javascript",
];

/// How far from a colon the other colon of a shortcode can be: a name of
/// at most 40 bytes, plus the colon itself.
const SHORTCODE_REACH: usize = 41;

/// Whether `s` is the name of an emoji shortcode: 1 to 40 bytes of
/// lowercase ASCII letters, digits, `_`, `+` and `-`.
fn is_shortcode_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'+' | b'-')
        })
}

/// Whether the `:` at `colon` opens or closes an emoji shortcode (`:tada:`).
fn is_shortcode(text: &str, colon: usize) -> bool {
    let is_name = is_shortcode_name;
    // A name has at most 40 bytes, so only the 41 bytes on each side of the
    // colon can hold the other colon: looking further (the whole rest of
    // the text when there is none) could only find names too long.
    let after = &text[colon + 1..];
    let opens = after.as_bytes()[..after.len().min(SHORTCODE_REACH)]
        .iter()
        .position(|&b| b == b':')
        .is_some_and(|end| is_name(&after[..end]));
    let before = &text[..colon];
    let floor = colon.saturating_sub(SHORTCODE_REACH);
    let closes = before.as_bytes()[floor..]
        .iter()
        .rposition(|&b| b == b':')
        .is_some_and(|at| is_name(&before[floor + at + 1..]));
    opens || closes
}

/// Whether a word starts right at `pos` (`x?.y`: optional chaining).
fn next_is_glued_word(text: &str, pos: usize) -> bool {
    text.get(pos..)
        .and_then(|r| r.chars().next())
        .is_some_and(is_word_char)
}

/// Whether the `;` at `semicolon` ends an HTML entity (`&nbsp;`, `&#160;`).
fn is_html_entity(text: &str, semicolon: usize) -> bool {
    let mut from = semicolon.saturating_sub(12);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..semicolon];
    match before.rfind('&') {
        Some(amp) => {
            let name = &before[amp + 1..];
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '#')
        }
        None => false,
    }
}

/// The run of space tokens ending just before token `i`, as (first, last)
/// token indexes.
pub fn spaces_before(tokens: &[Token], i: usize) -> Option<(usize, usize)> {
    let mut first = i;
    while first > 0 && tokens[first - 1].is_space() {
        first -= 1;
    }
    (first < i).then(|| (first, i - 1))
}

/// The run of space tokens starting just after token `i`, as (first, last)
/// token indexes.
pub fn spaces_after(tokens: &[Token], i: usize) -> Option<(usize, usize)> {
    let mut last = i;
    while last + 1 < tokens.len() && tokens[last + 1].is_space() {
        last += 1;
    }
    (last > i).then_some((i + 1, last))
}

/// The bytes of the tokens `first..=last`.
pub fn run_span(tokens: &[Token], (first, last): (usize, usize)) -> Span {
    Span::new(tokens[first].span().start, tokens[last].span().end)
}

/// Whether token `i` is past either end of the text or a line break.
pub fn is_line_edge(tokens: &[Token], i: Option<usize>) -> bool {
    match i {
        None => true,
        Some(i) => tokens.get(i).is_none_or(|t| t.kind == TokenKind::LineBreak),
    }
}

/// A place where a no-break space belongs, with the spaces found there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoBreakSite {
    /// The run of spaces found.
    pub span: Span,
    /// Whether any of them is breakable.
    pub has_breakable: bool,
    /// The space the strict profile wants there.
    pub wanted: &'static str,
    /// The sign: `; : ! ?`, `«` or `»`.
    pub sign: char,
}

/// Every place where a no-break space belongs and some space was typed:
/// before `; : ! ?` and inside `« »`, not at the edge of a line.
pub fn sites(doc: &Document) -> Vec<NoBreakSite> {
    let tokens = doc.tokens();
    let mut sites = Vec::new();
    // Every site is at one of these signs, in token order.
    let mut signs: Vec<usize> = doc
        .tokens_of(TokenKind::Punct)
        .filter(|&i| matches!(tokens[i].first, ';' | ':' | '!' | '?'))
        .collect();
    signs.extend(
        doc.tokens_of(TokenKind::Quote)
            .filter(|&i| matches!(tokens[i].first, '«' | '»')),
    );
    signs.sort_unstable();
    for i in signs {
        let t = tokens[i];
        let (run, sign, wanted) = match (t.kind, t.first) {
            (TokenKind::Punct, _) => {
                let Some(c) = high_punct(doc, i) else {
                    continue;
                };
                (
                    spaces_before(tokens, i),
                    c,
                    if c == ':' { NBSP } else { NNBSP },
                )
            }
            (TokenKind::Quote, '«') => (spaces_after(tokens, i), '«', NBSP),
            (TokenKind::Quote, '»') if is_spaced_guillemet(doc, i) => {
                (spaces_before(tokens, i), '»', NBSP)
            }
            _ => continue,
        };
        let Some((first, last)) = run else { continue };
        if is_line_edge(tokens, first.checked_sub(1)) || is_line_edge(tokens, Some(last + 1)) {
            continue;
        }
        let span = run_span(tokens, (first, last));
        // One run after `«` and before `!` (`« !`) is the guillemet's: two
        // wishes for one run would undo each other's fix.
        if sites.last().is_some_and(|s: &NoBreakSite| s.span == span) {
            continue;
        }
        sites.push(NoBreakSite {
            span,
            has_breakable: tokens[first..=last]
                .iter()
                .any(|t| matches!(t.kind, TokenKind::Space(k) if k.is_breakable())),
            wanted,
            sign,
        });
    }
    sites
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`is_shortcode`] as first written, searching the whole text.
    fn is_shortcode_unbounded(text: &str, colon: usize) -> bool {
        let is_name = is_shortcode_name;
        let after = &text[colon + 1..];
        let opens = after.find(':').is_some_and(|end| is_name(&after[..end]));
        let before = &text[..colon];
        let closes = before
            .rfind(':')
            .is_some_and(|start| colon - start <= 41 && is_name(&before[start + 1..]));
        opens || closes
    }

    #[test]
    fn bounded_shortcode_search_agrees_with_the_whole_text() {
        let name = |n: usize| "a".repeat(n);
        let mut texts = vec![
            ":tada: et :+1: puis".to_string(),
            "Note : voir :".to_string(),
            "é:é:".to_string(),
            "::".to_string(),
            ":".to_string(),
        ];
        // Names around the 40-byte limit, on both sides of the colon.
        for n in [0, 1, 38, 39, 40, 41, 42, 60] {
            texts.push(format!(":{}:", name(n)));
            texts.push(format!("x :{}: y", name(n)));
            texts.push(format!("é{}:{}é", name(n), name(n)));
            texts.push(format!(":{} :{}:", name(n), name(n)));
        }
        for text in &texts {
            for (at, _) in text.match_indices(':') {
                assert_eq!(
                    is_shortcode(text, at),
                    is_shortcode_unbounded(text, at),
                    "{text:?} at {at}"
                );
            }
        }
    }
}
