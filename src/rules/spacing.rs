//! Spaces around punctuation, inside guillemets, and between words.

use super::{CodeRuleDef, RuleMeta, always};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::nobreak::{
    NoBreakSite, emoticon_rest, high_punct, is_line_edge, is_spaced_guillemet, run_span,
    spaces_after, spaces_before,
};
use crate::span::Span;
use crate::tokenize::{SpaceKind, TokenKind, is_word_char};
use crate::unicode_names::{NBSP, NNBSP};

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

/// The space French puts before a high punctuation sign, if it takes one.
fn space_before(c: char) -> Option<(&'static str, &'static str)> {
    match c {
        ';' | '!' | '?' => Some((NNBSP, "a narrow no-break space (U+202F)")),
        ':' => Some((NBSP, "a no-break space (U+00A0)")),
        _ => None,
    }
}

fn missing_space_before(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for i in doc.tokens_of(TokenKind::Punct).filter(|&i| i > 0) {
        let Some(c) = high_punct(doc, i) else {
            continue;
        };
        let prev = tokens[i - 1];
        let prev_c = doc.first_char(i - 1);
        let skip = match prev.kind {
            TokenKind::Space(_) | TokenKind::LineBreak => true,
            TokenKind::Punct => matches!(prev_c, ';' | ':' | '!' | '?' | '(' | '[' | '/'),
            TokenKind::Quote => matches!(prev_c, '«' | '“' | '‘' | '„'),
            // `as follows:`, `Dependencies:`: English, written the English
            // way (the English itself is reported as untranslated). The
            // lexicon decides: the typography rules do not wait for the
            // document's English analysis.
            TokenKind::Word => crate::grammar::english_only(doc.token_text(i - 1)),
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
    for i in doc.tokens_of(TokenKind::Quote) {
        let t = tokens[i];
        let c = doc.first_char(i);
        if !is_spaced_guillemet(doc, i) {
            continue;
        }
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

impl NoBreakSite {
    fn place(&self) -> String {
        match self.sign {
            '«' => "after the opening guillemet".into(),
            '»' => "before the closing guillemet".into(),
            c => format!("before « {c} »"),
        }
    }

    fn wanted_name(&self) -> &'static str {
        if self.wanted == NNBSP {
            "a narrow no-break space (U+202F)"
        } else {
            "a no-break space (U+00A0)"
        }
    }

    /// A finding with `message` whose safe fix puts the wanted space there.
    fn diagnostic(&self, meta: &RuleMeta, message: String) -> Diagnostic {
        let mut d = meta.diagnostic(self.span, message);
        d.fix = Some(Fix::safe(Edit::replace(self.span, self.wanted)));
        d
    }
}

fn breakable_space(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for site in doc.nobreak_sites() {
        // Standard accepts either no-break space: only all-breakable runs.
        let all_breakable =
            site.has_breakable && !doc.slice(site.span).contains(['\u{00A0}', '\u{202F}']);
        if all_breakable {
            let message = format!(
                "breakable space {}; use {} so the line cannot break there",
                site.place(),
                site.wanted_name()
            );
            out.push(site.diagnostic(meta, message));
        }
    }
}

fn nbsp_kind(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for site in doc.nobreak_sites() {
        if site.has_breakable || doc.slice(site.span) == site.wanted {
            continue;
        }
        let message = format!(
            "the strict profile wants {} {}, not this space",
            site.wanted_name(),
            site.place()
        );
        out.push(site.diagnostic(meta, message));
    }
}

fn space_before_closing(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    let text = doc.text();
    for i in doc.tokens_of(TokenKind::Punct) {
        let t = tokens[i];
        let c = doc.first_char(i);
        if !matches!(c, ',' | '.' | '…' | ')' | ']') {
            continue;
        }
        let Some(run) = spaces_before(tokens, i) else {
            continue;
        };
        let (first, span) = (run.0, run_span(tokens, run));
        let Some(before) = first.checked_sub(1) else {
            continue;
        };
        let prev = tokens[before];
        let prev_ok = match prev.kind {
            TokenKind::Word | TokenKind::Number | TokenKind::Url | TokenKind::Email => true,
            // `cargo install --path .`: a dot after code is an argument.
            TokenKind::Code => c != '.',
            TokenKind::Quote => matches!(doc.first_char(before), '»' | '”' | '’'),
            TokenKind::Punct => matches!(doc.first_char(before), ')' | ']'),
            _ => false,
        };
        if !prev_ok {
            continue;
        }
        let next = text[t.span().end..].chars().next();
        // `.NET`, `.5`, `.fr`, `../docs`: a dot glued to what follows is not
        // a period; `]a ; b[` (an open interval) is not a closing bracket.
        let glued_after = match c {
            '.' => next.is_some_and(|n| is_word_char(n) || matches!(n, '.' | '/' | '\\')),
            ')' | ']' => next.is_some_and(is_word_char),
            _ => false,
        };
        if glued_after || matches!(c, ')' | ']') && spaced_inside(doc, i) {
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
    for i in doc.tokens_of(TokenKind::Punct) {
        let t = tokens[i];
        if !matches!(doc.first_char(i), '(' | '[') {
            continue;
        }
        let Some(run) = spaces_after(tokens, i) else {
            continue;
        };
        let (last, span) = (run.1, run_span(tokens, run));
        let Some(next) = tokens.get(last + 1) else {
            continue;
        };
        let next_ok = match next.kind {
            TokenKind::Word | TokenKind::Elided | TokenKind::Number => true,
            TokenKind::Quote => matches!(doc.first_char(last + 1), '«' | '“'),
            _ => false,
        };
        // `b[ ` closes an open interval (`]a ; b[`): not an opening bracket.
        let glued_before =
            i > 0 && tokens[i - 1].span().end == t.span().start && tokens[i - 1].is_wordlike();
        if !next_ok || glued_before || spaced_inside(doc, i) {
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

/// Whether the brackets of which token `i` is one are both spaced inside,
/// on one line (`( expr )`, `[ OPTION ]`): the notation of a grammar or a
/// synopsis, spaced on purpose, not a typing slip.
fn spaced_inside(doc: &Document, i: usize) -> bool {
    let tokens = doc.tokens();
    let (open, close) = match doc.first_char(i) {
        '(' | ')' => ('(', ')'),
        _ => ('[', ']'),
    };
    let forward = doc.first_char(i) == open;
    // The tokens from `i` towards its partner, on the line.
    let walk: Box<dyn Iterator<Item = usize>> = if forward {
        Box::new(i..tokens.len())
    } else {
        Box::new((0..=i).rev())
    };
    let mut depth = 0usize;
    for j in walk {
        if tokens[j].kind == TokenKind::LineBreak {
            return false;
        }
        if tokens[j].kind != TokenKind::Punct {
            continue;
        }
        let c = doc.first_char(j);
        if c != open && c != close {
            continue;
        }
        if (c == open) == forward {
            depth += 1;
            continue;
        }
        depth -= 1;
        if depth == 0 {
            let (first, last) = if forward { (i, j) } else { (j, i) };
            return last > first + 2 && tokens[first + 1].is_space() && tokens[last - 1].is_space();
        }
    }
    false
}

/// The runs of two or more spaces (or of tabs) inside lines, with the
/// index of their line.
fn wide_runs(doc: &Document) -> Vec<(usize, Span)> {
    let tokens = doc.tokens();
    let mut runs = Vec::new();
    let mut line = 0;
    let mut breaks = doc.tokens_of(TokenKind::LineBreak).peekable();
    let mut spaces = doc.tokens_of(TokenKind::Space(SpaceKind::Ascii)).peekable();
    while let Some(first) = spaces.next() {
        // Nearly every space is one ASCII space between two words: not
        // wide, unless another space token follows it.
        let t = tokens[first];
        if t.first == ' ' && t.span().len() == 1 && spaces.peek() != Some(&(first + 1)) {
            continue;
        }
        let mut last = first;
        while spaces.next_if_eq(&(last + 1)).is_some() {
            last += 1;
        }
        let span = run_span(tokens, (first, last));
        // Nearly every run is one token of one character: then that
        // character is the token's first, and the run is wide only if it
        // is a tab. No need to decode the run.
        let one_char = first == last && span.len() == tokens[first].first.len_utf8();
        let wide = if one_char {
            tokens[first].first == '\t'
        } else {
            let run = doc.slice(span);
            run.chars().nth(1).is_some() || run.contains('\t')
        };
        if !wide {
            continue;
        }
        // The line is counted only for a wide run: the breaks before it
        // are counted then.
        while breaks.next_if(|&b| b < first).is_some() {
            line += 1;
        }
        if !is_line_edge(tokens, first.checked_sub(1)) && !is_line_edge(tokens, Some(last + 1)) {
            runs.push((line, span));
        }
    }
    runs
}

/// Longest run that can be a typing slip; longer ones align columns
/// (`0x02   read`, `Oct   Décimal   Hexadécimal` in a converted manual).
const MAX_SLIP: usize = 2;

fn repeated_spaces(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let runs = wide_runs(doc);
    // `runs` is sorted by line.
    let on_line = |line: usize| {
        runs.partition_point(|(l, _)| *l <= line) - runs.partition_point(|(l, _)| *l < line)
    };
    let is_slip = |span: Span| {
        let run = doc.slice(span);
        !run.contains('\t') && run.chars().count() <= MAX_SLIP
    };
    let line_runs = |line: usize| {
        let from = runs.partition_point(|(l, _)| *l < line);
        runs[from..].iter().take_while(move |(l, _)| *l == line)
    };
    for &(line, span) in &runs {
        // Tables, forms and signature blocks align columns: a wide run on
        // the line, or runs on the lines around. Not a slip.
        let aligned = line_runs(line).any(|&(_, s)| !is_slip(s))
            || (line > 0 && on_line(line - 1) > 0)
            || on_line(line + 1) > 0;
        if aligned {
            continue;
        }
        let run = doc.slice(span);
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
    for i in doc.tokens_of(TokenKind::Punct) {
        let t = tokens[i];
        if i + 1 >= tokens.len() {
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
                    // A lowercase word of two letters or more: not initials
                    // (`J.K.`), not a type name (`String.Format`), not a
                    // title glued to a brand (`Mr.Bricolage`).
                    TokenKind::Word => {
                        let w = doc.token_text(prev);
                        w.chars().nth(1).is_some()
                            && tokens[prev].first.is_lowercase()
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
                // `obj.Method(` or `a.B.c`: a chain of names, code.
                let chained = tokens.get(next + 1).is_some_and(|t| {
                    t.span().start == tokens[next].span().end && matches!(t.first, '(' | '.')
                });
                prev_ok && next_ok && !chained
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
