//! Spaces around punctuation, inside guillemets, and between words.

use super::{CodeRuleDef, RuleMeta, always};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::span::Span;
use crate::tokenize::{SpaceKind, Token, TokenKind, is_word_char};

pub(super) const RULES: &[CodeRuleDef] = &[
    always("spacing/missing-space-before", missing_space_before),
    always(
        "spacing/missing-space-in-guillemets",
        missing_space_in_guillemets,
    ),
    always("spacing/breakable-space", breakable_space),
    always("spacing/nbsp-kind", nbsp_kind),
    always("spacing/space-before-closing", space_before_closing),
    always("spacing/space-after-opening", space_after_opening),
    always("spacing/repeated-spaces", repeated_spaces),
    always("spacing/missing-space-after", missing_space_after),
];

const NBSP: &str = "\u{00A0}";
const NNBSP: &str = "\u{202F}";

/// The space French puts before a high punctuation sign, if it takes one.
fn space_before(c: char) -> Option<(&'static str, &'static str)> {
    match c {
        ';' | '!' | '?' => Some((NNBSP, "a narrow no-break space (U+202F)")),
        ':' => Some((NBSP, "a no-break space (U+00A0)")),
        _ => None,
    }
}

/// Whether `pos` (the byte after `:` or `;`) starts the rest of an emoticon
/// such as `:)`, `;-)` or `:D`.
fn emoticon_rest(text: &str, pos: usize) -> bool {
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
fn high_punct(doc: &Document, i: usize) -> Option<char> {
    let t = doc.tokens()[i];
    let c = t.first;
    if t.kind != TokenKind::Punct || !matches!(c, ';' | ':' | '!' | '?') {
        return None;
    }
    let text = doc.text();
    let next = text[t.span().end..].chars().next();
    let excluded = match c {
        ':' => {
            // Times, ratios, timestamps: a digit on both sides.
            (text[..t.span().start].ends_with(|c: char| c.is_ascii_digit())
                && next.is_some_and(|c| c.is_ascii_digit()))
                || matches!(next, Some(':' | '/' | '\\'))
                || (i > 0 && doc.is_char(i - 1, ':'))
                || emoticon_rest(text, t.span().end)
        }
        ';' => emoticon_rest(text, t.span().end),
        _ => next == Some('='),
    };
    (!excluded).then_some(c)
}

/// The run of space tokens ending just before token `i`: (first index, span).
fn spaces_before(tokens: &[Token], i: usize) -> Option<(usize, Span)> {
    let mut first = i;
    while first > 0 && tokens[first - 1].is_space() {
        first -= 1;
    }
    (first < i).then(|| {
        (
            first,
            Span::new(tokens[first].span().start, tokens[i - 1].span().end),
        )
    })
}

/// The run of space tokens starting just after token `i`: (last index, span).
fn spaces_after(tokens: &[Token], i: usize) -> Option<(usize, Span)> {
    let mut last = i;
    while last + 1 < tokens.len() && tokens[last + 1].is_space() {
        last += 1;
    }
    (last > i).then(|| {
        (
            last,
            Span::new(tokens[i + 1].span().start, tokens[last].span().end),
        )
    })
}

fn run_kinds(tokens: &[Token], first: usize, last: usize) -> impl Iterator<Item = SpaceKind> + '_ {
    tokens[first..=last].iter().filter_map(|t| match t.kind {
        TokenKind::Space(k) => Some(k),
        _ => None,
    })
}

fn is_line_edge(tokens: &[Token], i: Option<usize>) -> bool {
    match i {
        None => true,
        Some(i) => tokens.get(i).is_none_or(|t| t.kind == TokenKind::LineBreak),
    }
}

fn missing_space_before(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for i in 1..tokens.len() {
        let Some(c) = high_punct(doc, i) else {
            continue;
        };
        let prev = tokens[i - 1];
        let prev_c = doc.first_char(i - 1);
        let skip = match prev.kind {
            TokenKind::Space(_) | TokenKind::LineBreak => true,
            TokenKind::Punct => matches!(prev_c, ';' | ':' | '!' | '?' | '(' | '[' | '/'),
            TokenKind::Quote => matches!(prev_c, '«' | '“' | '‘' | '„'),
            TokenKind::Word => doc.token_text(i - 1) == "Yahoo",
            _ => false,
        };
        if skip {
            continue;
        }
        let Some((space, name)) = space_before(c) else {
            continue;
        };
        let span = tokens[i].span();
        let mut d = meta.diagnostic(
            span,
            format!("missing space before « {c} »: French puts {name} before it"),
        );
        d.fix = Some(Fix::safe(Edit::insert(span.start, space)));
        out.push(d);
    }
}

fn missing_space_in_guillemets(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Quote {
            continue;
        }
        let c = doc.first_char(i);
        let (neighbour, insert_at) = match c {
            '«' => (i.checked_add(1).filter(|&n| n < tokens.len()), t.span().end),
            '»' => (i.checked_sub(1), t.span().start),
            _ => continue,
        };
        let Some(n) = neighbour else { continue };
        let nt = tokens[n];
        if nt.is_space()
            || nt.kind == TokenKind::LineBreak
            || matches!(doc.first_char(n), '«' | '»')
        {
            continue;
        }
        let which = if c == '«' {
            "after the opening guillemet"
        } else {
            "before the closing guillemet"
        };
        let mut d = meta.diagnostic(
            t.span(),
            format!("missing space {which}: French puts a no-break space (U+00A0) inside « »"),
        );
        d.fix = Some(Fix::safe(Edit::insert(insert_at, NBSP)));
        out.push(d);
    }
}

/// Where a no-break space belongs, the space run found there and the space
/// wanted in the strict profile: (run span, run first..=last, wanted, sign).
fn nobreak_sites(doc: &Document) -> Vec<(Span, usize, usize, &'static str, char)> {
    let tokens = doc.tokens();
    let mut sites = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind == TokenKind::Punct {
            let Some(c) = high_punct(doc, i) else {
                continue;
            };
            let Some((first, span)) = spaces_before(tokens, i) else {
                continue;
            };
            if is_line_edge(tokens, first.checked_sub(1)) {
                continue;
            }
            let wanted = if c == ':' { NBSP } else { NNBSP };
            sites.push((span, first, i - 1, wanted, c));
        } else if t.kind == TokenKind::Quote {
            match doc.first_char(i) {
                '«' => {
                    let Some((last, span)) = spaces_after(tokens, i) else {
                        continue;
                    };
                    if is_line_edge(tokens, Some(last + 1)) {
                        continue;
                    }
                    sites.push((span, i + 1, last, NBSP, '«'));
                }
                '»' => {
                    let Some((first, span)) = spaces_before(tokens, i) else {
                        continue;
                    };
                    if is_line_edge(tokens, first.checked_sub(1)) {
                        continue;
                    }
                    sites.push((span, first, i - 1, NBSP, '»'));
                }
                _ => {}
            }
        }
    }
    sites
}

fn sign_phrase(c: char) -> String {
    match c {
        '«' => "after the opening guillemet".into(),
        '»' => "before the closing guillemet".into(),
        _ => format!("before « {c} »"),
    }
}

fn breakable_space(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for (span, first, last, wanted, c) in nobreak_sites(doc) {
        if run_kinds(tokens, first, last).any(|k| !k.is_breakable()) {
            continue;
        }
        let what = if wanted == NNBSP {
            "a narrow no-break space (U+202F)"
        } else {
            "a no-break space (U+00A0)"
        };
        let mut d = meta.diagnostic(
            span,
            format!(
                "breakable space {}; use {what} so the line cannot break there",
                sign_phrase(c)
            ),
        );
        d.fix = Some(Fix::safe(Edit::replace(span, wanted)));
        out.push(d);
    }
}

fn nbsp_kind(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for (span, first, last, wanted, c) in nobreak_sites(doc) {
        let kinds: Vec<SpaceKind> = run_kinds(tokens, first, last).collect();
        if kinds.iter().any(|k| k.is_breakable()) || doc.slice(span) == wanted {
            continue;
        }
        let (what, name) = if wanted == NNBSP {
            ("narrow no-break space (U+202F)", "U+202F")
        } else {
            ("no-break space (U+00A0)", "U+00A0")
        };
        let mut d = meta.diagnostic(
            span,
            format!(
                "the strict profile wants a {what} {}, not this space; use {name}",
                sign_phrase(c)
            ),
        );
        d.fix = Some(Fix::safe(Edit::replace(span, wanted)));
        out.push(d);
    }
}

fn space_before_closing(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    let text = doc.text();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Punct {
            continue;
        }
        let c = doc.first_char(i);
        if !matches!(c, ',' | '.' | '…' | ')' | ']') {
            continue;
        }
        let Some((first, span)) = spaces_before(tokens, i) else {
            continue;
        };
        let Some(before) = first.checked_sub(1) else {
            continue;
        };
        let prev = tokens[before];
        let prev_ok = match prev.kind {
            TokenKind::Word | TokenKind::Number | TokenKind::Url | TokenKind::Email => true,
            TokenKind::Quote => matches!(doc.first_char(before), '»' | '”' | '’'),
            TokenKind::Punct => matches!(doc.first_char(before), ')' | ']'),
            _ => false,
        };
        if !prev_ok {
            continue;
        }
        // `.NET`, `.5`, `.fr`: a dot glued to what follows is not a period.
        if c == '.'
            && text[t.span().end..]
                .chars()
                .next()
                .is_some_and(is_word_char)
        {
            continue;
        }
        let mut d = meta.diagnostic(
            span,
            format!("space before « {c} »: French puts no space before it"),
        );
        d.fix = Some(Fix::safe(Edit::delete(span)));
        out.push(d);
    }
}

fn space_after_opening(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Punct || !matches!(doc.first_char(i), '(' | '[') {
            continue;
        }
        let Some((last, span)) = spaces_after(tokens, i) else {
            continue;
        };
        let Some(next) = tokens.get(last + 1) else {
            continue;
        };
        let next_ok = match next.kind {
            TokenKind::Word | TokenKind::Elided | TokenKind::Number => true,
            TokenKind::Quote => matches!(doc.first_char(last + 1), '«' | '“'),
            _ => false,
        };
        if !next_ok {
            continue;
        }
        let c = doc.first_char(i);
        let mut d = meta.diagnostic(
            span,
            format!("space after « {c} »: French puts no space after it"),
        );
        d.fix = Some(Fix::safe(Edit::delete(span)));
        out.push(d);
    }
}

fn repeated_spaces(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    let mut i = 0;
    while i < tokens.len() {
        if !tokens[i].is_space() {
            i += 1;
            continue;
        }
        let first = i;
        while i + 1 < tokens.len() && tokens[i + 1].is_space() {
            i += 1;
        }
        let last = i;
        i += 1;
        let span = Span::new(tokens[first].span().start, tokens[last].span().end);
        let run = doc.slice(span);
        if run.chars().nth(1).is_none() || run.contains('\t') {
            continue;
        }
        if is_line_edge(tokens, first.checked_sub(1)) || is_line_edge(tokens, Some(last + 1)) {
            continue;
        }
        let keep = if run.contains('\u{202F}') {
            NNBSP
        } else if run.contains('\u{00A0}') {
            NBSP
        } else {
            " "
        };
        let n = run.chars().count();
        let mut d = meta.diagnostic(span, format!("{n} spaces in a row: one is enough"));
        d.fix = Some(Fix::safe(Edit::replace(span, keep)));
        out.push(d);
    }
}

fn starts_lower_word(doc: &Document, i: usize) -> bool {
    doc.token(i).is_some_and(|t| t.is_wordlike()) && doc.first_char(i).is_alphabetic()
}

fn missing_space_after(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    let text = doc.text();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Punct || i + 1 >= tokens.len() {
            continue;
        }
        let c = doc.first_char(i);
        let next = i + 1;
        let flagged = match c {
            ',' => starts_lower_word(doc, next) || doc.is_char(next, '«'),
            ';' | ':' | '!' | '?' => {
                (starts_lower_word(doc, next) || doc.is_char(next, '«'))
                    && high_punct(doc, i).is_some()
                    && !(i > 0 && doc.is_char(i - 1, ':'))
                    && !emoticon_rest(text, t.span().end)
            }
            '.' => {
                let Some(prev) = i.checked_sub(1) else {
                    continue;
                };
                let prev_ok = match tokens[prev].kind {
                    TokenKind::Word => {
                        let w = doc.token_text(prev);
                        w.chars().nth(1).is_some()
                            && w.chars().next_back().is_some_and(char::is_lowercase)
                    }
                    TokenKind::Number => true,
                    TokenKind::Quote => matches!(doc.first_char(prev), '»' | '”'),
                    TokenKind::Punct => doc.is_char(prev, ')'),
                    _ => false,
                };
                let next_word = doc.token_text(next);
                let mut chars = next_word.chars();
                let next_ok = tokens[next].kind == TokenKind::Word
                    && chars.next().is_some_and(char::is_uppercase)
                    && chars.next().is_some_and(char::is_lowercase);
                prev_ok && next_ok
            }
            _ => false,
        };
        if !flagged {
            continue;
        }
        let mut d = meta.diagnostic(t.span(), format!("missing space after « {c} »"));
        d.fix = Some(Fix::safe(Edit::insert(t.span().end, " ")));
        out.push(d);
    }
}
