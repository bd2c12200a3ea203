//! Quotation marks: unpaired, mismatched and stray marks, English and
//! straight quotes at the first level, and nesting. All of them read the
//! shared quote analysis of the document.

use super::{CodeRuleDef, RuleMeta, when};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::document::Document;
use crate::grammar;
use crate::quotes::{Family, Mark, Pair, Role};
use crate::span::Span;
use crate::tokenize::TokenKind;
use crate::unicode_names::NBSP;

/// Any quotation mark.
const ANY_QUOTE: &str = "[«»“”„‘’‹›\"]";

pub(super) const RULES: &[CodeRuleDef] = &[
    when("quotes/unclosed", unclosed, ANY_QUOTE),
    when("quotes/unopened", unopened, ANY_QUOTE),
    when("quotes/mismatched-pair", mismatched_pair, ANY_QUOTE),
    when("quotes/stray-mark", stray_mark, ANY_QUOTE),
    when("quotes/english-quotes", english_quotes, "[“”‘’„]"),
    when("quotes/straight-quotes", straight_quotes, "\""),
    when("quotes/nesting", nesting, "[«“]"),
];

/// The closing mark of a family.
fn closing_of(family: Family, open: char) -> char {
    match family {
        Family::Guillemet => '»',
        Family::SingleGuillemet => '›',
        Family::Curly => '”',
        Family::CurlySingle => '’',
        Family::Straight => open,
    }
}

/// Whether the unpaired mark `m` stands alone where no quotation can open or
/// close: spaces on both sides, or right after a clause sign or another
/// quote's closing mark (`«Texte», “ mais`).
fn is_stray(doc: &Document, m: &Mark) -> bool {
    let text = doc.text();
    let after = text[m.span.end..].chars().next();
    // An opening mark glued to its word (`« Tu viens`, `“Non`) opens
    // something, even if it is never closed.
    if !after.is_none_or(char::is_whitespace) {
        return false;
    }
    // Right after the closing mark of another quotation, possibly with a
    // `,` or `;` between: `«Texte», “ mais`, `« Texte » ” dit-il`.
    let tokens = doc.tokens();
    let Some(mut p) = doc.prev_non_space(m.token) else {
        return false;
    };
    if tokens[p].kind == TokenKind::Punct && matches!(tokens[p].first, ',' | ';') {
        match doc.prev_non_space(p) {
            Some(q) => p = q,
            None => return false,
        }
    }
    doc.quotes()
        .mark_of_token(p)
        .is_some_and(|prev| prev.role == Role::Close)
}

/// The span of `m` with the run of spaces after it (or before it, at the end
/// of a line), for deleting a stray mark cleanly.
fn with_space(doc: &Document, m: &Mark) -> Span {
    let tokens = doc.tokens();
    let mut end = m.token;
    while tokens.get(end + 1).is_some_and(|t| t.is_space()) {
        end += 1;
    }
    if end > m.token {
        return Span::new(m.span.start, tokens[end].span().end);
    }
    let mut start = m.token;
    while start > 0 && tokens[start - 1].is_space() {
        start -= 1;
    }
    Span::new(tokens[start].span().start, m.span.end)
}

fn unpaired(
    meta: &RuleMeta,
    doc: &Document,
    out: &mut Vec<Diagnostic>,
    marks: &[usize],
    what: &str,
) {
    let q = doc.quotes();
    for &k in marks {
        let m = &q.marks[k];
        if !m.family.is_double() || is_stray(doc, m) {
            continue;
        }
        out.push(meta.diagnostic(m.span, format!("« {} » {what}", m.ch)));
    }
}

fn unclosed(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let q = doc.quotes();
    unpaired(
        meta,
        doc,
        out,
        &q.unclosed,
        "opens a quotation that is never closed",
    );
}

fn unopened(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let q = doc.quotes();
    unpaired(
        meta,
        doc,
        out,
        &q.unopened,
        "closes a quotation that was never opened",
    );
}

fn mismatched_pair(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let q = doc.quotes();
    for pair in q.pairs.iter().filter(|p| p.mismatched) {
        let (open, close) = (&q.marks[pair.open], &q.marks[pair.close]);
        let wanted = closing_of(open.family, open.ch);
        let mut d = meta.diagnostic(
            close.span,
            format!(
                "« {} » closes the quotation opened by « {} »: it should be « {wanted} »",
                close.ch, open.ch
            ),
        );
        // Certain only for a first-level pair that crosses nothing.
        let applicability = if pair.level == 0 && !pair.crossed {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        d.fix = Some(Fix::new(
            vec![Edit::replace(close.span, wanted.to_string())],
            applicability,
        ));
        out.push(d);
    }
}

fn stray_mark(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let q = doc.quotes();
    for &k in q.unclosed.iter().chain(&q.unopened) {
        let m = &q.marks[k];
        if !m.family.is_double() || !is_stray(doc, m) {
            continue;
        }
        let mut d = meta.diagnostic(
            m.span,
            format!("stray « {} »: it pairs with no other mark", m.ch),
        );
        d.fix = Some(Fix::unsafe_(Edit::delete(with_space(doc, m))));
        out.push(d);
    }
}

/// The edits that turn `pair` into `« … »` (with no-break spaces inside,
/// and the spaces typed inside the old marks removed), or into `“…”` for a
/// quotation inside another.
fn french_pair_edits(doc: &Document, pair: &Pair) -> Vec<Edit> {
    let q = doc.quotes();
    let tokens = doc.tokens();
    let (open, close) = (&q.marks[pair.open], &q.marks[pair.close]);
    let mut open_end = open.token;
    while tokens.get(open_end + 1).is_some_and(|t| t.is_space()) {
        open_end += 1;
    }
    let mut close_start = close.token;
    while close_start > 0 && tokens[close_start - 1].is_space() {
        close_start -= 1;
    }
    let open_span = Span::new(open.span.start, tokens[open_end].span().end);
    let mut close_span = Span::new(tokens[close_start].span().start, close.span.end);
    let (o, mut c) = if pair.level == 0 {
        (format!("«{NBSP}"), format!("{NBSP}»"))
    } else {
        ("“".to_string(), "”".to_string())
    };
    // `"Nous sommes prêts," a-t-il dit`: English puts the comma inside,
    // French after the closing mark.
    if let Some(comma) = close_start.checked_sub(1).filter(|&p| doc.is_char(p, ','))
        && comma > open_end
    {
        close_span.start = tokens[comma].span().start;
        c.push(',');
    }
    vec![Edit::replace(open_span, o), Edit::replace(close_span, c)]
}

/// Whether the pair has text inside (not `""`).
fn has_content(doc: &Document, pair: &Pair) -> bool {
    let q = doc.quotes();
    let inner = &doc.text()[q.marks[pair.open].span.end..q.marks[pair.close].span.start];
    !inner.trim().is_empty()
}

fn english_quotes(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let q = doc.quotes();
    for pair in &q.pairs {
        let (open, close) = (&q.marks[pair.open], &q.marks[pair.close]);
        // Single quotes (`domus ‘maison’`) also gloss meanings in French:
        // only double English quotes are an artefact.
        let english = open.family == Family::Curly && close.family == Family::Curly;
        // Inside « », “ ” is the right second level.
        if !english || pair.level > 0 || !has_content(doc, pair) {
            continue;
        }
        let span = Span::new(open.span.start, close.span.end);
        let mut d = meta.diagnostic(
            span,
            format!(
                "English quotation marks « {}…{} »: French quotes with « … »",
                open.ch, close.ch
            ),
        );
        let applicability = if pair.crossed {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        d.fix = Some(Fix::new(french_pair_edits(doc, pair), applicability));
        out.push(d);
    }
}

/// Whether the straight pair looks like code or data rather than a
/// quotation: a JSON key (`"clé":`), an attribute (`href="…"`).
fn looks_like_code(doc: &Document, pair: &Pair) -> bool {
    let q = doc.quotes();
    let text = doc.text();
    let (open, close) = (&q.marks[pair.open], &q.marks[pair.close]);
    let after = text[close.span.end..].chars().next();
    let before = text[..open.span.start].chars().next_back();
    let prev_sign = text[..open.span.start].trim_end().chars().next_back();
    matches!(prev_sign, Some('='))
        || matches!(after, Some(':')) && !text[open.span.end..close.span.start].contains(' ')
        || matches!(before, Some('=' | '{' | '[' | '('))
        || matches!(after, Some('}' | ']' | '='))
        || literal_of_code(&text[open.span.end..close.span.start])
}

/// Whether what straight quotes hold is a literal of code, as manuals
/// write them: signs without letters (`"..."`, `":"`), an editor command
/// (`":help ZZ"`, `"+set si"`), a short command line with code in it
/// (`"bind -x"`, `"Session.vim"`), a hidden file (`".vimrc"`), or one
/// identifier: in capitals, letters and digits mixed, or a lowercase word
/// that neither lexicon knows (`"autoskip"`, `"catman"`; a name,
/// `"Barkhane"`, stays a quotation).
fn literal_of_code(inner: &str) -> bool {
    let inner = inner.trim();
    if !inner.chars().any(char::is_alphabetic) {
        return true;
    }
    let pieces: Vec<&str> = inner.split_whitespace().collect();
    let Some(&first) = pieces.first() else {
        return true;
    };
    let second_is_letter = first.as_bytes().get(1).is_some_and(u8::is_ascii_alphabetic);
    let command = first.starts_with([':', '+']) && second_is_letter;
    // A hidden file or an extension: `".vimrc"`, `".o"`.
    let dotted = pieces.len() == 1 && first.starts_with('.') && second_is_letter;
    // One token of code: in capitals (`"NTLM"`, `"CHARSET"`), letters and
    // digits mixed (`"IPv4"`, `"4096k"`, `"1024x768"`), or a lowercase word
    // neither lexicon knows.
    let identifier = || {
        let bytes = first.as_bytes();
        let ascii = bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'_');
        let capitals = bytes.len() >= 2
            && bytes
                .iter()
                .all(|&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        let mixed =
            bytes.iter().any(u8::is_ascii_digit) && bytes.iter().any(u8::is_ascii_alphabetic);
        let word = grammar::lowercase(first);
        let unknown = bytes[0].is_ascii_lowercase()
            && !crate::lexicon::is_french(&word)
            && crate::lexicon::english(&word).is_none();
        ascii && (capitals || mixed || unknown)
    };
    command
        || dotted
        || pieces.len() <= 4 && pieces.iter().any(|p| crate::code_in_prose::is_code(p))
        || pieces.len() == 1 && identifier()
}

fn straight_quotes(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let q = doc.quotes();
    for pair in &q.pairs {
        let (open, close) = (&q.marks[pair.open], &q.marks[pair.close]);
        if open.family != Family::Straight
            || close.family != Family::Straight
            || !has_content(doc, pair)
            || looks_like_code(doc, pair)
        {
            continue;
        }
        let wanted = if pair.level == 0 {
            "« … »"
        } else {
            "“…”"
        };
        let span = open.span.cover(close.span);
        let mut d = meta.diagnostic(
            span,
            format!("straight quotation marks: French quotes with {wanted}"),
        );
        let applicability = if pair.crossed {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        d.fix = Some(Fix::new(french_pair_edits(doc, pair), applicability));
        out.push(d);
    }
}

fn nesting(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let q = doc.quotes();
    // The document's style for the second level: its most frequent one.
    let inner = |family: Family| {
        q.pairs
            .iter()
            .filter(|p| p.level > 0 && !p.mismatched && q.marks[p.open].family == family)
            .count()
    };
    let style_uses_curly = inner(Family::Curly) > inner(Family::Guillemet);
    for pair in &q.pairs {
        let (open, close) = (&q.marks[pair.open], &q.marks[pair.close]);
        if pair.crossed {
            let mut d = meta.diagnostic(
                open.span,
                format!(
                    "« {} » opens a quotation inside another one but closes after it ends",
                    open.ch
                ),
            );
            d.severity = Severity::Warning;
            out.push(d);
        } else if style_uses_curly
            && pair.level > 0
            && open.family == Family::Guillemet
            && close.family == Family::Guillemet
            && open.role == Role::Open
        {
            let mut d = meta.diagnostic(
                open.span.cover(close.span),
                "quotation inside a quotation with « », where this document uses “ ” for the second level",
            );
            d.fix = Some(Fix::new(
                vec![
                    Edit::replace(strip_inner_space(doc, open, true), "“"),
                    Edit::replace(strip_inner_space(doc, close, false), "”"),
                ],
                Applicability::Unsafe,
            ));
            out.push(d);
        }
    }
}

/// The span of a guillemet with the space on its inner side.
fn strip_inner_space(doc: &Document, m: &Mark, opening: bool) -> Span {
    let tokens = doc.tokens();
    if opening {
        match tokens.get(m.token + 1) {
            Some(t) if t.is_space() => m.span.cover(t.span()),
            _ => m.span,
        }
    } else {
        match m.token.checked_sub(1).map(|p| tokens[p]) {
            Some(t) if t.is_space() && t.kind != TokenKind::LineBreak => m.span.cover(t.span()),
            _ => m.span,
        }
    }
}
