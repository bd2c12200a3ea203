//! A French-aware tokenizer, run once per document over the prose text.
//!
//! Every byte of the text belongs to exactly one token, except a BOM at the
//! very start. Words keep their internal hyphens (`a-t-il`, `Saint-Pétersbourg`)
//! and apostrophes (`aujourd’hui`), while elided words (`l’`, `qu’`,
//! `jusqu’`) are tokens of their own, apostrophe included. URLs and e-mail
//! addresses are single tokens, so no rule looks inside them.

use crate::lean_regex;
use crate::span::Span;
use regex_automata::meta::Regex as MetaRegex;
use std::sync::LazyLock;

/// The kinds of horizontal space, kept apart because French typography
/// cares which one is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpaceKind {
    /// U+0020 SPACE.
    Ascii,
    /// U+00A0 NO-BREAK SPACE.
    Nbsp,
    /// U+202F NARROW NO-BREAK SPACE.
    Nnbsp,
    /// U+2009 THIN SPACE (breakable).
    Thin,
    /// U+0009 tab.
    Tab,
    /// U+2007 FIGURE SPACE (no-break, the width of a digit).
    Figure,
    /// Any other Unicode space separator (U+2000–U+200A, U+3000…).
    Other,
}

impl SpaceKind {
    /// The kind of `c`, if it is a horizontal space.
    pub fn of(c: char) -> Option<SpaceKind> {
        Some(match c {
            ' ' => SpaceKind::Ascii,
            '\u{00A0}' => SpaceKind::Nbsp,
            '\u{202F}' => SpaceKind::Nnbsp,
            '\u{2009}' => SpaceKind::Thin,
            '\t' => SpaceKind::Tab,
            '\u{2007}' => SpaceKind::Figure,
            '\u{2000}'..='\u{200A}' | '\u{205F}' | '\u{3000}' | '\u{1680}' => SpaceKind::Other,
            _ => return None,
        })
    }

    /// Whether a line may break at this space.
    pub fn is_breakable(self) -> bool {
        !matches!(self, SpaceKind::Nbsp | SpaceKind::Nnbsp | SpaceKind::Figure)
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, with internal hyphens, apostrophes and digits.
    Word,
    /// An elided word with its apostrophe: `l’`, `d'`, `qu’`, `jusqu’`.
    Elided,
    /// Digits, with internal `.` or `,` between digits (`3,5`, `1.2.3`).
    Number,
    /// A run of one kind of horizontal space.
    Space(SpaceKind),
    /// `\n`, `\r\n`, `\r`, U+2028 or U+2029.
    LineBreak,
    /// One punctuation sign: `. , ; : ! ? … ( ) [ ] - – —` and the like.
    Punct,
    /// One quotation mark: `« » “ ” „ ‘ ’ ‚ ‹ › "`, or `'` when it is not an
    /// apostrophe.
    Quote,
    /// A URL (`https://…`, `www.…`, `mailto:…`, a bare `domaine.fr`).
    Url,
    /// An e-mail address.
    Email,
    /// Code written inside prose: an option, an identifier, a path, a glob,
    /// a format directive (see [`crate::code_in_prose`]).
    Code,
    /// Anything else: symbols, currency, emoji, invisible characters.
    Symbol,
}

/// The token may begin a sentence: a capital letter is expected or allowed.
pub const SENTENCE_START: u8 = 1;
/// The token is the first non-space token of its line.
pub const LINE_START: u8 = 2;
/// The token starts a sentence for certain: at the start of a line or after
/// `.` `!` `?` `…`, not merely after an opening quote, bracket or colon.
pub const STRONG_START: u8 = 4;

/// One token: its kind, its bytes in the prose text, flags and first
/// character. 16 bytes: offsets are `u32`, so one prose text holds at most
/// 4 GiB (larger inputs are refused when read, see [`crate::source`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    start: u32,
    end: u32,
    /// What it is.
    pub kind: TokenKind,
    /// [`SENTENCE_START`] and [`LINE_START`] bits.
    pub flags: u8,
    /// Its first character.
    pub first: char,
}

impl Token {
    /// Its bytes in the prose text.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// Whether the token may begin a sentence.
    pub fn is_sentence_start(&self) -> bool {
        self.flags & SENTENCE_START != 0
    }

    /// Whether the token certainly starts a sentence (see [`STRONG_START`]).
    pub fn is_strong_start(&self) -> bool {
        self.flags & STRONG_START != 0
    }

    /// Whether the token is the first of its line.
    pub fn is_line_start(&self) -> bool {
        self.flags & LINE_START != 0
    }

    /// Whether the token is horizontal space.
    pub fn is_space(&self) -> bool {
        matches!(self.kind, TokenKind::Space(_))
    }

    /// Whether the token is a word or an elided word.
    pub fn is_wordlike(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Elided)
    }
}

/// Elided forms that are their own token before the apostrophe (lowercase).
const ELISION_PREFIXES: &[&str] = &[
    "l", "d", "j", "m", "t", "s", "n", "c", "ç", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
    "quelqu", "presqu",
];

/// Words whose apostrophe is internal even though their start is elidable.
const APOSTROPHE_WORDS: &[&str] = &["quelqu’un", "quelqu’une", "presqu’île", "presqu’îles"];

/// Whether `c` is an apostrophe character (straight, typographic, modifier).
pub fn is_apostrophe_char(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Characters typed for an apostrophe by mistake: the opening single quote
/// `‘`, the acute accent `´` and the backtick. Between letters they act as
/// an apostrophe (`C‘est`, `l´heure`), and `apostrophe/style` flags them.
pub fn is_apostrophe_lookalike(c: char) -> bool {
    matches!(c, '‘' | '´' | '`')
}

/// Whether `c` can be part of a word.
pub fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\u{7F}' => false,
        // Latin-1 letters (not × ÷) and Latin Extended-A: the accented
        // letters of French, without a table lookup.
        '\u{C0}'..='\u{FF}' => c != '×' && c != '÷',
        '\u{100}'..='\u{17F}' => true,
        // The rest of Latin-1 (no-break space, guillemets, signs) and the
        // general punctuation block (dashes, quotes, spaces, `…`): only a
        // few letters and digits, no combining mark.
        '\u{80}'..='\u{BF}' => matches!(c, 'ª' | 'µ' | 'º' | '²' | '³' | '¹' | '¼' | '½' | '¾'),
        '\u{2000}'..='\u{206F}' => false,
        // Masked text (inline code, a URL, a placeholder) reads as a word.
        crate::prose::PLACEHOLDER => true,
        _ => c.is_alphanumeric() || is_combining(c),
    }
}

fn is_combining(c: char) -> bool {
    !c.is_ascii() && unicode_normalization::char::is_combining_mark(c)
}

/// U+00AD SOFT HYPHEN: where a word may be broken at a line end, shown
/// only there.
pub const SOFT_HYPHEN: char = '\u{00AD}';

/// U+2010 HYPHEN: the typographer's hyphen, also written where a word is
/// broken at a line end.
pub const HYPHEN: char = '\u{2010}';

/// Invisible format characters that may sit inside a word.
pub fn is_invisible_in_word(c: char) -> bool {
    matches!(
        c,
        SOFT_HYPHEN | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}'
    )
}

/// Whether `c` is a hyphen that joins the parts of a word (`porte-clés`):
/// the hyphen-minus, [`HYPHEN`] and U+2011 NON-BREAKING HYPHEN.
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | HYPHEN | '\u{2011}')
}

/// Whether `c` is an en or em dash, which set off words rather than join
/// them.
pub fn is_dash(c: char) -> bool {
    matches!(c, '–' | '—')
}

/// Whether `c` is a quotation mark (the straight `'` is decided by context).
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '«' | '»'
            | '“'
            | '”'
            | '„'
            | '‟'
            | '‘'
            | '’'
            | '‚'
            | '‛'
            | '‹'
            | '›'
            | '"'
            | '\''
    )
}

fn is_punct_char(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '…'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '-'
            | '\u{2010}'
            | '\u{2011}'
            | '‒'
            | '–'
            | '—'
            | '―'
            | '/'
            | '\\'
            | '·'
            | '•'
            | '¡'
            | '¿'
            | '*'
            | '&'
            | '#'
            | '_'
    )
}

/// Searched only on runs of text without spaces (see [`links`]), so built
/// for short haystacks.
static LINK: LazyLock<MetaRegex> = LazyLock::new(|| {
    lean_regex::short_haystack_regex(
        concat!(
        r"(?:https?|ftp|file)://[^\s<>\x22«»“”‘’]+",
        r"|www\.[^\s<>\x22«»“”‘’]+",
        r"|mailto:[^\s<>\x22«»“”‘’]+",
        r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+",
        r"|(?-u:\b)[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:fr|com|org|net|io|eu|be|ch|ca|lu|info|dev|app|gouv)(?-u:\b)(?:/[^\s<>\x22«»“”‘’]*)?",
        ),
        false,
    )
    .expect("the link pattern is valid")
});

/// Whether the byte at `i` (`@`, `.` or `:`) shows that a link of
/// [`LINK`] may hold it. Every link holds one such byte: the `@` of an
/// e-mail address, the `:` of `://` or `mailto:`, the `.` of `www.` or
/// the `.` before the lowercase letters of a domain's last part. A full
/// stop before a capital, a digit or a space, a colon before a space, do
/// not start a search.
fn is_link_trigger(bytes: &[u8], i: usize) -> bool {
    let next = bytes.get(i + 1).copied();
    match bytes[i] {
        b'@' => true,
        b':' => next == Some(b'/') || bytes[..i].ends_with(b"mailto"),
        b'.' => next.is_some_and(|b| b.is_ascii_lowercase()) || bytes[..i].ends_with(b"www"),
        _ => false,
    }
}

/// The URLs and e-mail addresses of `text`, trailing punctuation excluded.
///
/// A link never holds ASCII white space and always holds a trigger (see
/// [`is_link_trigger`]), so only the runs of non-space bytes around
/// triggers are searched: most prose has few of them, and the search over
/// a run sees the text around it, so it finds what a search of the whole
/// text finds there. The tokenizer makes them tokens; the bilingual checks
/// read the links of a source segment with it too.
pub fn links(text: &str) -> Vec<(Span, TokenKind)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut searched_to = 0;
    for i in memchr::memchr3_iter(b'@', b'.', b':', bytes) {
        if i < searched_to || !is_link_trigger(bytes, i) {
            continue;
        }
        let start = bytes[..i]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(0, |p| p + 1)
            .max(searched_to);
        let end = bytes[i..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(bytes.len(), |p| i + p);
        searched_to = end;
        let input = regex_automata::Input::new(text).range(start..end);
        for m in LINK.find_iter(input) {
            if let Some(link) = trim_link(text, m.start(), m.end()) {
                out.push(link);
            }
        }
    }
    out
}

/// The link `text[start..end]` found by the pattern, without the
/// punctuation that ends its sentence, or `None` if it is not a link.
fn trim_link(text: &str, start: usize, end: usize) -> Option<(Span, TokenKind)> {
    let s = &text[start..end];
    // A bare domain glued to a letter before it is part of a word.
    if text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| is_word_char(c) || c == '.' || c == '@')
    {
        return None;
    }
    let mut end = s.len();
    loop {
        let trimmed = &s[..end];
        let Some(last) = trimmed.chars().next_back() else {
            break;
        };
        let drop = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '…' => true,
            ')' => trimmed.matches('(').count() < trimmed.matches(')').count(),
            ']' => trimmed.matches('[').count() < trimmed.matches(']').count(),
            _ => false,
        };
        if !drop {
            break;
        }
        end -= last.len_utf8();
    }
    if end == 0 {
        return None;
    }
    let kind = if s.contains("://") || s.starts_with("www.") || s.starts_with("mailto:") {
        TokenKind::Url
    } else if s[..end].contains('@') {
        TokenKind::Email
    } else {
        TokenKind::Url
    };
    Some((Span::new(start, start + end), kind))
}

/// The links, and the code spans that overlap none, in order.
fn with_code(links: Vec<(Span, TokenKind)>, code: Vec<Span>) -> Vec<(Span, TokenKind)> {
    if code.is_empty() {
        return links;
    }
    let mut out = Vec::with_capacity(links.len() + code.len());
    let mut links = links.into_iter().peekable();
    for span in code {
        while let Some(&(link, kind)) = links.peek()
            && link.start < span.end
        {
            out.push((link, kind));
            links.next();
        }
        let overlaps = out
            .last()
            .is_some_and(|&(link, _): &(Span, TokenKind)| link.end > span.start);
        if !overlaps {
            out.push((span, TokenKind::Code));
        }
    }
    out.extend(links);
    out
}

/// Offsets past 4 GiB saturate; inputs that large are refused earlier.
fn to_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

struct Scanner<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    flags: FlagState,
}

impl Scanner<'_> {
    #[inline(always)]
    fn push(&mut self, kind: TokenKind, start: usize, end: usize) {
        let first = match self.text.as_bytes().get(start) {
            Some(&b) if b.is_ascii() => b as char,
            _ => self.text[start..].chars().next().unwrap_or('\0'),
        };
        let flags = if let TokenKind::Space(_) = kind {
            0
        } else {
            self.flags.next(kind, first)
        };
        self.tokens.push(Token {
            start: to_u32(start),
            end: to_u32(end),
            kind,
            flags,
            first,
        });
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.text[pos..].chars().next()
    }

    /// Scans a word starting at `start`; returns where scanning resumes.
    fn word(&mut self, start: usize) -> usize {
        let text = self.text;
        let mut word_start = start;
        let mut pos = start;
        let mut has_hyphen = false;
        loop {
            // A run of word characters, ASCII ones without decoding.
            let bytes = text.as_bytes();
            loop {
                while pos < bytes.len() && bytes[pos].is_ascii_alphanumeric() {
                    pos += 1;
                }
                // Only a non-ASCII byte can start a word character here.
                if bytes.get(pos).is_none_or(u8::is_ascii) {
                    break;
                }
                match self.char_at(pos) {
                    Some(c) if is_word_char(c) => pos += c.len_utf8(),
                    _ => break,
                }
            }
            // Most words end at an ASCII byte that cannot continue them.
            match bytes.get(pos) {
                None => break,
                Some(&b) if b.is_ascii() && !matches!(b, b'-' | b'\'' | b'`') => break,
                _ => {}
            }
            let Some(c) = self.char_at(pos) else { break };
            let next_pos = pos + c.len_utf8();
            let next = self.char_at(next_pos);
            let next_is_word = next.is_some_and(is_word_char);
            if is_hyphen(c) && next_is_word {
                has_hyphen = true;
                pos = next_pos;
            } else if is_invisible_in_word(c) && next_is_word {
                pos = next_pos;
            } else if is_apostrophe_char(c)
                || (is_apostrophe_lookalike(c) && next.is_some_and(char::is_alphabetic))
            {
                let prefix = &text[word_start..pos];
                let elidable = !has_hyphen && is_elision_prefix(prefix);
                let next_is_letter = next.is_some_and(char::is_alphabetic);
                if elidable && next_is_letter && !is_apostrophe_word(text, word_start, next_pos) {
                    self.push(TokenKind::Elided, word_start, next_pos);
                    word_start = next_pos;
                    pos = next_pos;
                    has_hyphen = false;
                } else if next_is_letter {
                    pos = next_pos;
                } else if elidable {
                    // `l’ État`, `qu’` at a line end: still an elided word.
                    self.push(TokenKind::Elided, word_start, next_pos);
                    return next_pos;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        if pos > word_start {
            self.push(TokenKind::Word, word_start, pos);
        }
        pos
    }

    /// Scans a number starting at `start`; returns its end.
    fn number(&mut self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut pos = start;
        loop {
            while pos < bytes.len() && bytes[pos].is_ascii_digit() {
                pos += 1;
            }
            if pos + 1 < bytes.len()
                && (bytes[pos] == b'.' || bytes[pos] == b',')
                && bytes[pos + 1].is_ascii_digit()
            {
                pos += 1;
            } else {
                break;
            }
        }
        self.push(TokenKind::Number, start, pos);
        pos
    }
}

fn is_elision_prefix(prefix: &str) -> bool {
    prefix.len() <= 6
        && ELISION_PREFIXES
            .iter()
            .any(|p| eq_ignore_case_fr(prefix, p))
}

/// Whether `word` is `lower` (lowercase) in any case; `ç` and `Ç` are the
/// only non-ASCII letters of the elided forms.
fn eq_ignore_case_fr(word: &str, lower: &str) -> bool {
    let mut w = word.chars();
    lower.chars().all(|l| {
        w.next()
            .is_some_and(|c| c == l || c.to_ascii_lowercase() == l || (c == 'Ç' && l == 'ç'))
    }) && w.next().is_none()
}

fn is_apostrophe_word(text: &str, start: usize, after_apostrophe: usize) -> bool {
    // Only `quelqu’` and `presqu’` start such words.
    let prefix = text[start..after_apostrophe].trim_end_matches(is_apostrophe_char);
    if !eq_ignore_case_fr(prefix, "quelqu") && !eq_ignore_case_fr(prefix, "presqu") {
        return false;
    }
    let end = text[after_apostrophe..]
        .find(|c: char| !is_word_char(c))
        .map_or(text.len(), |i| after_apostrophe + i);
    let word = &text[start..end];
    APOSTROPHE_WORDS.iter().any(|known| {
        let mut w = word.chars();
        known.chars().all(|k| {
            w.next().is_some_and(|c| {
                c == k
                    || (k == '’' && is_apostrophe_char(c))
                    || c.to_lowercase().eq(std::iter::once(k))
            })
        }) && w.next().is_none()
    })
}

/// Splits `text` into tokens and sets their flags.
pub fn tokenize(text: &str) -> Vec<Token> {
    let links = with_code(links(text), crate::code_in_prose::spans(text));
    let mut link_iter = links.into_iter().peekable();
    let mut s = Scanner {
        text,
        // French prose holds a token every 2.8 bytes: with room for one
        // every 3, nearly every document grew the list once (a copy of
        // all its tokens, 0.6 % of a check with every rule); with room for
        // one every 2 bytes, prose fills it without growing, and its peak
        // is lower than that of the grown list.
        tokens: Vec::with_capacity(text.len() / 2 + 1),
        flags: FlagState::START,
    };
    let mut pos = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    while pos < text.len() {
        while link_iter.peek().is_some_and(|(span, _)| span.start < pos) {
            link_iter.next();
        }
        if let Some(&(span, kind)) = link_iter.peek()
            && span.start == pos
        {
            s.push(kind, span.start, span.end);
            pos = span.end;
            link_iter.next();
            continue;
        }
        let b = text.as_bytes()[pos];
        if b.is_ascii() {
            // The common bytes of prose, without decoding.
            match b {
                b'a'..=b'z' | b'A'..=b'Z' => {
                    pos = s.word(pos);
                    continue;
                }
                b' ' => {
                    let run = text.as_bytes()[pos..]
                        .iter()
                        .position(|&b| b != b' ')
                        .unwrap_or(text.len() - pos);
                    s.push(TokenKind::Space(SpaceKind::Ascii), pos, pos + run);
                    pos += run;
                    continue;
                }
                b'\n' => {
                    s.push(TokenKind::LineBreak, pos, pos + 1);
                    pos += 1;
                    continue;
                }
                _ => {}
            }
        }
        let Some(c) = s.char_at(pos) else { break };
        let len = c.len_utf8();
        if c.is_ascii_digit() {
            pos = s.number(pos);
        } else if is_word_char(c) {
            pos = s.word(pos);
        } else if let Some(kind) = SpaceKind::of(c) {
            let mut end = pos + len;
            while s.char_at(end) == Some(c) {
                end += len;
            }
            s.push(TokenKind::Space(kind), pos, end);
            pos = end;
        } else if c == '\r' {
            let end = if text[pos + 1..].starts_with('\n') {
                pos + 2
            } else {
                pos + 1
            };
            s.push(TokenKind::LineBreak, pos, end);
            pos = end;
        } else if matches!(c, '\n' | '\u{2028}' | '\u{2029}') {
            s.push(TokenKind::LineBreak, pos, pos + len);
            pos += len;
        } else if is_quote_char(c) {
            s.push(TokenKind::Quote, pos, pos + len);
            pos += len;
        } else if is_punct_char(c) {
            s.push(TokenKind::Punct, pos, pos + len);
            pos += len;
        } else {
            s.push(TokenKind::Symbol, pos, pos + len);
            pos += len;
        }
    }
    s.tokens
}

/// The sentence and line state that gives each token its flags, updated
/// token after token as the scanner pushes them.
struct FlagState {
    sentence_start: bool,
    strong_start: bool,
    line_start: bool,
}

impl FlagState {
    const START: FlagState = FlagState {
        sentence_start: true,
        strong_start: true,
        line_start: true,
    };

    /// The flags of the next token, of `kind` and first character `c`.
    #[inline(always)]
    fn next(&mut self, kind: TokenKind, c: char) -> u8 {
        match kind {
            TokenKind::Space(_) => return 0,
            TokenKind::LineBreak => {
                self.line_start = true;
                // A line break after a line that did not end a sentence does
                // not start one, but a capital on a new line is allowed.
                self.sentence_start = true;
                self.strong_start = true;
                return 0;
            }
            _ => {}
        }
        let mut flags = 0;
        if self.sentence_start {
            flags |= SENTENCE_START;
        }
        if self.strong_start {
            flags |= STRONG_START;
        }
        if self.line_start {
            flags |= LINE_START;
        }
        self.line_start = false;
        // Dialogue and list dashes keep a strong start for the word after.
        self.strong_start = (kind == TokenKind::Punct && matches!(c, '.' | '!' | '?' | '…'))
            || (self.strong_start
                && kind == TokenKind::Punct
                && matches!(c, '—' | '–' | '-' | '•' | '*'));
        self.sentence_start = match kind {
            // After the end of a sentence, a colon, or an opening sign, a
            // capital is expected or allowed.
            TokenKind::Punct => {
                matches!(
                    c,
                    '.' | '!' | '?' | '…' | ':' | '(' | '[' | '—' | '–' | '-' | '•' | '*'
                ) || (self.sentence_start && c != ',')
            }
            TokenKind::Quote => {
                matches!(c, '«' | '“' | '„' | '‘' | '‹' | '"' | '\'') || self.sentence_start
            }
            TokenKind::Symbol => self.sentence_start,
            _ => false,
        };
        flags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.kind, &text[t.span().range()]))
            .collect()
    }

    fn words(text: &str) -> Vec<&str> {
        kinds(text)
            .into_iter()
            .filter(|(k, _)| !matches!(k, TokenKind::Space(_)))
            .map(|(_, s)| s)
            .collect()
    }

    #[test]
    fn elided_words_are_their_own_tokens() {
        assert_eq!(
            kinds("l’État"),
            vec![(TokenKind::Elided, "l’"), (TokenKind::Word, "État")]
        );
        assert_eq!(words("jusqu'à qu’il"), vec!["jusqu'", "à", "qu’", "il"]);
        assert_eq!(words("L’ONU"), vec!["L’", "ONU"]);
    }

    #[test]
    fn internal_apostrophes_and_hyphens_stay_in_words() {
        assert_eq!(
            words("aujourd’hui quelqu’un presqu’île"),
            vec!["aujourd’hui", "quelqu’un", "presqu’île"]
        );
        assert_eq!(
            words("a-t-il Saint-Pétersbourg"),
            vec!["a-t-il", "Saint-Pétersbourg"]
        );
        assert_eq!(words("O’Brien don’t"), vec!["O’Brien", "don’t"]);
    }

    #[test]
    fn elision_before_space_is_still_elided() {
        assert_eq!(kinds("l’ État")[0], (TokenKind::Elided, "l’"));
    }

    #[test]
    fn quotes_are_not_apostrophes() {
        assert_eq!(
            kinds("‘mot’"),
            vec![
                (TokenKind::Quote, "‘"),
                (TokenKind::Word, "mot"),
                (TokenKind::Quote, "’")
            ]
        );
    }

    #[test]
    fn numbers_keep_decimal_and_group_separators() {
        assert_eq!(
            words("3,5 et 1,000.50 et 1.2.3."),
            vec!["3,5", "et", "1,000.50", "et", "1.2.3", "."]
        );
        assert_eq!(kinds("2ème")[0], (TokenKind::Number, "2"));
        assert_eq!(kinds("2ème")[1], (TokenKind::Word, "ème"));
    }

    #[test]
    fn spaces_are_split_by_kind() {
        assert_eq!(
            kinds("a \u{00A0}\u{00A0}:"),
            vec![
                (TokenKind::Word, "a"),
                (TokenKind::Space(SpaceKind::Ascii), " "),
                (TokenKind::Space(SpaceKind::Nbsp), "\u{00A0}\u{00A0}"),
                (TokenKind::Punct, ":"),
            ]
        );
    }

    /// The links found by searching only the runs around triggers are
    /// those of a search of the whole text, on the project's texts and on
    /// a text full of links and of near-links.
    #[test]
    fn links_searched_around_triggers_are_those_of_the_whole_text() {
        let whole = |text: &str| -> Vec<(Span, TokenKind)> {
            LINK.find_iter(text)
                .filter_map(|m| trim_link(text, m.start(), m.end()))
                .collect()
        };
        let mut texts = vec![
            "Voir https://exemple.fr/a?b=1. ou www.site.org, www.Site.Org, mailto:moi@ex.fr \
             et dupont@exemple.com ; le site exemple.fr/page. M.Dupont 2.5 12:30 p.ex. \
             etc.) www.» ftp://x file:///tmp/a, (voir gouv.fr). Mailto:a MAILTO:b www.\u{a0}x \
             a.b.c.eu?q=1 sous-domaine.exemple.io/x_y. café.com. «www.exemple.fr» x@y"
                .to_string(),
        ];
        texts.extend(crate::test_texts::project_texts());
        let mut found = 0;
        for text in &texts {
            let links = links(text);
            found += links.len();
            assert_eq!(links, whole(text));
        }
        assert!(found > 20, "{found}");
    }

    #[test]
    fn links_are_single_tokens() {
        let t = kinds("Voir https://exemple.fr/a?b=1. Écrire à moi@exemple.fr, ou exemple.com.");
        assert!(t.contains(&(TokenKind::Url, "https://exemple.fr/a?b=1")));
        assert!(t.contains(&(TokenKind::Email, "moi@exemple.fr")));
        assert!(t.contains(&(TokenKind::Url, "exemple.com")));
        let paren = kinds("(voir https://exemple.fr/page)");
        assert!(paren.contains(&(TokenKind::Url, "https://exemple.fr/page")));
        assert!(paren.contains(&(TokenKind::Punct, ")")));
    }

    #[test]
    fn invisible_characters_stay_inside_words() {
        assert_eq!(words("pré\u{200B}sident"), vec!["pré\u{200B}sident"]);
    }

    #[test]
    fn decomposed_accents_stay_inside_words() {
        assert_eq!(words("e\u{301}te\u{301}"), vec!["e\u{301}te\u{301}"]);
    }

    #[test]
    fn sentence_starts() {
        let text = "Il dort. Lundi, « Marie » part\nEnsuite";
        let starts: Vec<&str> = tokenize(text)
            .into_iter()
            .filter(|t| t.is_sentence_start() && t.kind == TokenKind::Word)
            .map(|t| &text[t.span().range()])
            .collect();
        assert_eq!(starts, vec!["Il", "Lundi", "Marie", "Ensuite"]);
    }

    #[test]
    fn word_characters_match_unicode() {
        // The ranges decided without a table give the same answer.
        for c in ('\u{80}'..='\u{17F}').chain('\u{2000}'..='\u{206F}') {
            let by_table = c.is_alphanumeric() || is_combining(c);
            assert_eq!(is_word_char(c), by_table, "{c:?}");
        }
    }

    #[test]
    fn tokens_are_small() {
        assert_eq!(std::mem::size_of::<Token>(), 16);
    }

    #[test]
    fn strong_starts_exclude_quotes_and_colons() {
        let text = "Il dort. A Paris, « A dit » : A\n— A";
        let strong: Vec<usize> = tokenize(text)
            .into_iter()
            .filter(|t| t.is_strong_start() && t.kind == TokenKind::Word)
            .map(|t| t.span().start)
            .collect();
        assert_eq!(strong, vec![0, 9, text.len() - 1]);
    }

    #[test]
    fn every_byte_is_covered() {
        let text = "« Bonjour ! » 3,5 % — l’été… https://x.fr\r\nFin";
        let tokens = tokenize(text);
        let mut pos = 0;
        for t in &tokens {
            assert_eq!(t.span().start, pos);
            pos = t.span().end;
        }
        assert_eq!(pos, text.len());
    }
}
