//! The quote analysis of a document, computed once and shared by the quote,
//! spacing and capitalization rules: every quotation mark, its role, the
//! pairs with their nesting level, and the marks left unpaired.
//!
//! Pairing runs per paragraph over a stack. `«` `“` `„` `‘` `‹` open; `»`
//! `”` `’` `›` close; a straight `"` opens or closes according to its
//! neighbours and to what is open. `’` and `'` inside words or after an
//! elided word are apostrophes: the tokenizer never makes them quote tokens.
//! A `"` glued after a digit (`27"`) is an inch mark, not a quote.
//!
//! French dialogue and long citations run over several paragraphs: while a
//! `«` is open, a paragraph that starts with `«`, `»` or a dialogue dash
//! continues it (the leading `«` or `»` is a continuation marker).

use crate::span::Span;
use crate::tokenize::{Token, TokenKind};
use std::ops::Range;

/// The families of quotation marks; marks pair within a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// « » French guillemets.
    Guillemet,
    /// ‹ › single guillemets.
    SingleGuillemet,
    /// “ ” „ English (curly) double quotes.
    Curly,
    /// ‘ ’ English (curly) single quotes.
    CurlySingle,
    /// " straight double quotes.
    Straight,
}

impl Family {
    /// Whether marks of this family quote whole passages (the double
    /// families). Single quotes are too often apostrophes or primes to be
    /// reported when unpaired.
    pub fn is_double(self) -> bool {
        matches!(self, Family::Guillemet | Family::Curly | Family::Straight)
    }
}

/// What a mark does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Opens a quotation.
    Open,
    /// Closes a quotation.
    Close,
    /// `«` or `»` at the start of a paragraph that continues a quotation
    /// opened before: neither opens nor closes.
    Continuation,
}

/// One quotation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Its bytes.
    pub span: Span,
    /// The character.
    pub ch: char,
    /// Its family.
    pub family: Family,
    /// Its role.
    pub role: Role,
    /// The index of its token.
    pub token: usize,
}

/// An opening and a closing mark that quote a passage together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// Index of the opening mark in [`QuoteAnalysis::marks`].
    pub open: usize,
    /// Index of the closing mark.
    pub close: usize,
    /// 0 for a quotation in running text, 1 inside another, and so on.
    pub level: usize,
    /// The marks belong to different families (`« … ”`).
    pub mismatched: bool,
    /// The pair crosses another one (`« a “ b » c ”`): its opening mark was
    /// still open when an outer pair closed.
    pub crossed: bool,
}

/// The quotation marks of a document and how they pair.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteAnalysis {
    /// Every mark, in text order.
    pub marks: Vec<Mark>,
    /// The pairs, in the order they close.
    pub pairs: Vec<Pair>,
    /// Opening marks never closed (indexes into `marks`).
    pub unclosed: Vec<usize>,
    /// Closing marks with nothing to close (indexes into `marks`).
    pub unopened: Vec<usize>,
}

fn classify(c: char) -> Option<(Family, Option<Role>)> {
    Some(match c {
        '«' => (Family::Guillemet, Some(Role::Open)),
        '»' => (Family::Guillemet, Some(Role::Close)),
        '‹' => (Family::SingleGuillemet, Some(Role::Open)),
        '›' => (Family::SingleGuillemet, Some(Role::Close)),
        '“' | '„' | '‟' => (Family::Curly, Some(Role::Open)),
        '”' => (Family::Curly, Some(Role::Close)),
        '‘' | '‚' | '‛' => (Family::CurlySingle, Some(Role::Open)),
        '’' => (Family::CurlySingle, Some(Role::Close)),
        '"' => (Family::Straight, None),
        _ => return None,
    })
}

/// How a straight `"` leans, from the characters around it.
fn straight_lean(text: &str, span: Span) -> Option<Role> {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let opens_after = |c: Option<char>| {
        c.is_none_or(|c| {
            c.is_whitespace()
                || matches!(c, '(' | '[' | '{' | '«' | '“' | '‘' | '—' | '–' | '-' | '/')
        })
    };
    let closes_before = |c: Option<char>| {
        c.is_none_or(|c| {
            c.is_whitespace()
                || matches!(
                    c,
                    ')' | ']' | '}' | ',' | '.' | ';' | ':' | '!' | '?' | '…' | '»' | '”'
                )
        })
    };
    match (opens_after(before), closes_before(after)) {
        (true, false) => Some(Role::Open),
        (false, true) => Some(Role::Close),
        _ => None,
    }
}

/// Whether the paragraph starting at token `first` continues an open
/// quotation: it starts with `«`, `»` or a dialogue dash.
fn continues(text: &str, tokens: &[Token], range: &Range<usize>) -> bool {
    tokens[range.clone()]
        .iter()
        .find(|t| !t.is_space())
        .is_some_and(|t| {
            matches!(
                text[t.span().range()].chars().next(),
                Some('«' | '»' | '—' | '–')
            )
        })
}

/// Nouns after which a lone mark is named, not used: `le caractère "`.
const MARK_NOUNS: &[&str] = &[
    "apostrophe",
    "apostrophes",
    "caractère",
    "caractères",
    "guillemet",
    "guillemets",
    "signe",
    "signes",
    "symbole",
    "symboles",
];

/// Whether the quote token `i` is a mark mentioned as a character rather
/// than used: alone in brackets (`les guillemets (")`), alone between other
/// quotation marks (`« " »`), one item of a list of signs (`\\, ", *`),
/// a cell of a table set apart by wide gaps, or alone after a noun that
/// names it (`le caractère " seul`).
fn is_mentioned(text: &str, tokens: &[Token], i: usize) -> bool {
    let char_of = |j: usize| text[tokens[j].span().range()].chars().next();
    let prev = (0..i).rev().find(|&j| !tokens[j].is_space());
    let next = (i + 1..tokens.len()).find(|&j| !tokens[j].is_space());
    let glued_prev = i > 0 && !tokens[i - 1].is_space();
    let glued_next = tokens.get(i + 1).is_some_and(|t| !t.is_space());
    if let (Some(p), Some(n)) = (prev, next) {
        let bracketed = glued_prev
            && glued_next
            && matches!(
                (char_of(p), char_of(n)),
                (Some('('), Some(')')) | (Some('['), Some(']'))
            );
        let quoted = !glued_prev
            && !glued_next
            && tokens[p].kind == TokenKind::Quote
            && tokens[n].kind == TokenKind::Quote
            && char_of(p) != char_of(i)
            && char_of(n) != char_of(i);
        // `les caractères \\, ", * et <`: one item of a list of signs.
        let separator = |j: usize| {
            matches!(char_of(j), Some(',')) && tokens[j].kind == TokenKind::Punct
                || matches!(&text[tokens[j].span().range()], "et" | "ou")
        };
        // Only a straight mark, and not a quoted comma (`","`): the comma
        // after it is followed by a space.
        let comma_then_space = tokens[n].kind == TokenKind::Punct
            && char_of(n) == Some(',')
            && tokens.get(n + 1).is_none_or(|t| t.is_space());
        let conjunction = !glued_next && matches!(&text[tokens[n].span().range()], "et" | "ou");
        let listed = !glued_prev
            && matches!(char_of(i), Some('"' | '\''))
            && separator(p)
            && (comma_then_space || conjunction);
        // `AB      «      GUILLEMET GAUCHE`: a cell of a table, set apart
        // by wide gaps.
        let wide =
            |j: usize| tokens[j].is_space() && text[tokens[j].span().range()].chars().count() >= 3;
        let cell = i > 0 && wide(i - 1) && tokens.get(i + 1).is_some() && wide(i + 1);
        if bracketed || quoted || listed || cell {
            return true;
        }
    }
    // `le symbole « . »`: an opening mark with one sign and its closing
    // mark after it quotes that sign.
    let quotes_one = next
        .and_then(|n| (n + 1..tokens.len()).find(|&j| !tokens[j].is_space()))
        .is_some_and(|j| tokens[j].kind == TokenKind::Quote);
    let alone_after = !glued_prev
        && !glued_next
        && !quotes_one
        && next.is_none_or(|n| tokens[n].kind != TokenKind::Quote);
    alone_after
        && prev.is_some_and(|p| {
            tokens[p].kind == TokenKind::Word
                && MARK_NOUNS
                    .iter()
                    .any(|noun| text[tokens[p].span().range()].eq_ignore_ascii_case(noun))
        })
}

impl QuoteAnalysis {
    /// Analyses the quote tokens of each paragraph of `text`. Marks for
    /// which `is_prose` is false (in code or markup) are ignored.
    pub fn new(
        text: &str,
        tokens: &[Token],
        paragraphs: &[Range<usize>],
        is_prose: impl Fn(Span) -> bool,
    ) -> QuoteAnalysis {
        let mut analysis = QuoteAnalysis::default();
        // Open marks (indexes into `marks`), innermost last.
        let mut stack: Vec<usize> = Vec::new();
        // Opens popped by a crossing close, that may still close later.
        let mut crossed: Vec<usize> = Vec::new();
        for range in paragraphs {
            let carry = !stack.is_empty()
                && stack
                    .iter()
                    .all(|&m| analysis.marks[m].family == Family::Guillemet)
                && continues(text, tokens, range);
            if !carry {
                analysis.unclosed.append(&mut stack);
            }
            crossed.clear();
            let mut first_mark = true;
            for i in range.clone() {
                let t = tokens[i];
                if t.kind != TokenKind::Quote {
                    continue;
                }
                let span = t.span();
                let Some((family, fixed_role)) = classify(t.first) else {
                    continue;
                };
                if !is_prose(span) || is_mentioned(text, tokens, i) {
                    continue;
                }
                // `27"`, `27”`, `5’`: inch, foot and minute marks after a
                // number, unless a straight quotation is open (`"j’en
                // veux 3"`).
                let after_number = text[..span.start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_numeric);
                let straight_open = stack
                    .last()
                    .is_some_and(|&m| analysis.marks[m].family == Family::Straight);
                let prime =
                    matches!(t.first, '"' | '”' | '’') && !(t.first == '"' && straight_open);
                if after_number && prime {
                    continue;
                }
                let index = analysis.marks.len();
                let leading = first_mark && tokens[range.start..i].iter().all(|t| t.is_space());
                first_mark = false;
                if carry && leading && family == Family::Guillemet {
                    analysis.marks.push(Mark {
                        span,
                        ch: t.first,
                        family,
                        role: Role::Continuation,
                        token: i,
                    });
                    continue;
                }
                let role = match fixed_role {
                    Some(role) => role,
                    None => match straight_lean(text, span) {
                        Some(role) => role,
                        None if straight_open => Role::Close,
                        None => Role::Open,
                    },
                };
                analysis.marks.push(Mark {
                    span,
                    ch: t.first,
                    family,
                    role,
                    token: i,
                });
                match role {
                    Role::Open => stack.push(index),
                    Role::Close => {
                        // Whether a closing mark of `family` comes later in
                        // the paragraph: then this mark is not the partner
                        // of an open quotation of that family.
                        let closes_later = |family: Family| {
                            tokens[i + 1..range.end].iter().any(|t| {
                                t.kind == TokenKind::Quote
                                    && classify(t.first)
                                        .is_some_and(|(f, r)| f == family && r == Some(Role::Close))
                            })
                        };
                        analysis.close(index, &mut stack, &mut crossed, closes_later);
                    }
                    Role::Continuation => {}
                }
            }
        }
        analysis.unclosed.append(&mut stack);
        analysis.unclosed.sort_unstable();
        analysis
    }

    fn close(
        &mut self,
        index: usize,
        stack: &mut Vec<usize>,
        crossed: &mut Vec<usize>,
        closes_later: impl Fn(Family) -> bool,
    ) {
        let family = self.marks[index].family;
        let pair = |open: usize, level: usize, crossed: bool, marks: &[Mark]| Pair {
            open,
            close: index,
            level,
            mismatched: marks[open].family != family,
            crossed,
        };
        // The matching family, nearest first.
        if let Some(depth) = stack.iter().rposition(|&m| self.marks[m].family == family) {
            // Marks opened above it and still open cross this pair.
            let above: Vec<usize> = stack.drain(depth + 1..).collect();
            let open = stack.pop().unwrap_or(index);
            crossed.extend(above);
            self.pairs.push(pair(open, depth, false, &self.marks));
            return;
        }
        // An open mark this one crossed earlier (`« a “ b » c ”`).
        if let Some(k) = crossed
            .iter()
            .rposition(|&m| self.marks[m].family == family)
        {
            let open = crossed.remove(k);
            self.pairs.push(pair(open, stack.len(), true, &self.marks));
            return;
        }
        // `« … ”`, `“ … »`: a double mark closing another double family.
        if let Some(&top) = stack.last()
            && family.is_double()
            && self.marks[top].family.is_double()
            && !closes_later(self.marks[top].family)
        {
            stack.pop();
            self.pairs.push(pair(top, stack.len(), false, &self.marks));
            return;
        }
        if family.is_double() {
            self.unopened.push(index);
        }
    }

    /// The mark of token `i`, if it is one.
    pub fn mark_of_token(&self, token: usize) -> Option<&Mark> {
        let k = self.marks.partition_point(|m| m.token < token);
        self.marks.get(k).filter(|m| m.token == token)
    }

    /// The pair whose closing mark is `mark`, if any.
    pub fn pair_closed_by(&self, mark: usize) -> Option<&Pair> {
        self.pairs.iter().find(|p| p.close == mark)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::split_paragraphs;
    use crate::tokenize::tokenize;

    fn analyse(text: &str) -> QuoteAnalysis {
        let tokens = tokenize(text);
        let paragraphs: Vec<Range<usize>> = split_paragraphs(text)
            .into_iter()
            .map(|p| {
                let a = tokens.partition_point(|t| t.span().start < p.start);
                let b = tokens.partition_point(|t| t.span().start < p.end);
                a..b
            })
            .collect();
        QuoteAnalysis::new(text, &tokens, &paragraphs, |_| true)
    }

    fn pairs(text: &str) -> Vec<(char, char, usize, bool)> {
        let a = analyse(text);
        a.pairs
            .iter()
            .map(|p| {
                (
                    a.marks[p.open].ch,
                    a.marks[p.close].ch,
                    p.level,
                    p.mismatched,
                )
            })
            .collect()
    }

    #[test]
    fn pairs_nest_with_levels() {
        assert_eq!(
            pairs("« Il a dit “oui” hier. »"),
            vec![('“', '”', 1, false), ('«', '»', 0, false)]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let a = analyse("L’été, c’est ‘bien’ aujourd’hui.");
        assert_eq!(a.marks.len(), 2);
        assert!(a.unclosed.is_empty() && a.unopened.is_empty());
    }

    #[test]
    fn straight_quotes_lean_by_context() {
        assert_eq!(
            pairs("Il dit \"non\" et \"oui\"."),
            vec![('"', '"', 0, false), ('"', '"', 0, false)]
        );
        let inch = analyse("Un écran de 27\" et 5'.");
        assert!(inch.marks.is_empty());
    }

    #[test]
    fn mismatched_and_stray_marks() {
        assert_eq!(
            pairs("« Il s’agit d’une étape ”, dit-il."),
            vec![('«', '”', 0, true)]
        );
        let a = analyse("«Éléments du règlement», “ mais a refusé.");
        assert_eq!(a.pairs.len(), 1);
        assert_eq!(a.unclosed.len(), 1);
        assert_eq!(a.marks[a.unclosed[0]].ch, '“');
    }

    #[test]
    fn dialogue_continues_over_paragraphs() {
        let text = "« Bonjour, dit-il.\n— Bonsoir.\n« Et ensuite ?\n» Rien. »";
        let a = analyse(text);
        assert!(a.unclosed.is_empty(), "{a:?}");
        assert!(a.unopened.is_empty(), "{a:?}");
        assert_eq!(
            a.marks
                .iter()
                .filter(|m| m.role == Role::Continuation)
                .count(),
            2
        );
        // Without a continuation, the quote is unclosed at the paragraph end.
        let b = analyse("« Bonjour, dit-il.\n\nAutre chose.");
        assert_eq!(b.unclosed.len(), 1);
    }

    #[test]
    fn crossed_pairs() {
        let a = analyse("« a “b » c”");
        assert_eq!(a.pairs.len(), 2);
        assert!(a.pairs.iter().any(|p| p.crossed));
        assert!(a.unopened.is_empty() && a.unclosed.is_empty());
    }

    #[test]
    fn mentioned_marks_are_not_quotations() {
        for text in [
            "Les guillemets (\") entourent la valeur.",
            "Le caractère « \" » termine la chaîne.",
            "Échappez le caractère \" avec une barre oblique.",
            "Les apostrophes ['] et les guillemets (“) sont mentionnés.",
            "Le symbole « . » et le caractère « # » sont cités.",
            "Il protège \\, |, /, :, ?, \", *, <, > et les autres.",
            "Les signes :, \" et ? sont réservés.",
            "253   171   AB      «      GUILLEMET GAUCHE",
        ] {
            let a = analyse(text);
            assert!(
                a.unclosed.is_empty() && a.unopened.is_empty(),
                "{text}: {a:?}"
            );
            assert!(
                a.marks.iter().all(|m| m.family == Family::Guillemet),
                "{text}"
            );
        }
        // A used mark glued to a word is still a quotation mark, and so is
        // a spaced one after a comma.
        let a = analyse("Le signe \"oui\" reste.");
        assert_eq!(a.pairs.len(), 1);
        let a = analyse("Il a dit, \" oui \", puis il est parti.");
        assert_eq!(a.pairs.len(), 1);
        // Quoted signs in a list stay quotations.
        let a = analyse("Les fichiers « . » et « .. » ; les séparateurs \";\" et \",\" aussi.");
        assert_eq!(a.pairs.len(), 4, "{a:?}");
    }
}
