//! The layout of plain text that is not prose: what converting a manual or
//! a typeset document to text leaves (lines justified with extra spaces,
//! words broken across lines with a typographic hyphen), and lines of code
//! set between paragraphs (C declarations and statements, shell commands,
//! command synopses).
//!
//! The plain-text view reads a justified gap as one space (decoded, so its
//! fix is shown, not applied), joins a broken word (`ver‐` / `sion` reads
//! `version`) and masks a line of code, as the Markdown view does a code
//! block. Text without any of them keeps its verbatim view, read in place.

use crate::span::Span;
use crate::tokenize::{HYPHEN, SOFT_HYPHEN};
use memchr::memmem::Finder;
use std::sync::LazyLock;

/// The searchers for the pieces looked for in every line, built once:
/// `memmem::find` builds one per call, which cost more than the search
/// of a line.
pub(super) static TWO_SPACES: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("  "));
static COMMENT_OPEN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("/*"));
static SEMICOLON_SPACE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("; "));
static SPACED_DASH: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" - "));

/// Something in a plain text's layout that the prose view reads otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// A run of spaces that justifies a line: read as one space.
    Justification(Span),
    /// A hyphen at the end of a line, the line break and the indentation
    /// after it, inside a broken word: dropped, so the two pieces join.
    Break(Span),
    /// A line of code (its content, without indentation): masked.
    Code(Span),
    /// The names a manual page describes and the hyphen after them, at the
    /// start of a line (`rangement, ranger - Ranger les fichiers`): a
    /// term and its description, read as a placeholder.
    Names(Span),
}

/// The kind of a [`Mark`], without its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutKind {
    /// [`Mark::Justification`].
    Justification,
    /// [`Mark::Break`].
    Break,
    /// [`Mark::Code`].
    Code,
    /// [`Mark::Names`].
    Names,
}

impl Mark {
    /// What kind of mark it is.
    pub(super) fn kind(self) -> LayoutKind {
        match self {
            Mark::Justification(_) => LayoutKind::Justification,
            Mark::Break(_) => LayoutKind::Break,
            Mark::Code(_) => LayoutKind::Code,
            Mark::Names(_) => LayoutKind::Names,
        }
    }

    /// The source bytes the mark covers.
    pub(super) fn span(self) -> Span {
        match self {
            Mark::Justification(s) | Mark::Break(s) | Mark::Code(s) | Mark::Names(s) => s,
        }
    }
}

/// Each of `marks` as its kind and its span.
pub(super) fn kinds_and_spans(marks: &[Mark]) -> Vec<(LayoutKind, Span)> {
    marks.iter().map(|m| (m.kind(), m.span())).collect()
}

/// The shortest right margin of justified text, in characters.
const MIN_MARGIN: usize = 40;

/// How many lines must end at one margin, with gaps, to show the text is
/// justified.
const MIN_JUSTIFIED_LINES: usize = 3;

/// Hyphens that break a word at a line end: the typographic hyphen that
/// typesetters (groff, TeX) write there, and the soft hyphen.
fn is_break_hyphen(c: char) -> bool {
    c == HYPHEN || c == SOFT_HYPHEN
}

/// One line of the text: where its content starts and ends (without the
/// line terminator) and where the next line starts.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    next: usize,
}

fn lines(text: &str) -> impl Iterator<Item = Line> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let newline = memchr::memchr(b'\n', &text.as_bytes()[pos..]).map(|i| pos + i);
        let next = newline.map_or(text.len(), |i| i + 1);
        let mut end = newline.unwrap_or(text.len());
        if text.as_bytes()[..end].last() == Some(&b'\r') {
            end -= 1;
        }
        let line = Line {
            start: pos,
            end,
            next,
        };
        pos = next;
        Some(line)
    })
}

/// The runs of two spaces or more between two characters of `line`
/// (indentation and trailing spaces excluded), as source spans.
fn inner_gaps(text: &str, line: Line) -> Vec<Span> {
    let content = &text[line.start..line.end];
    let body_start = content.len() - content.trim_start_matches(' ').len();
    let body = content[body_start..].trim_end_matches(' ');
    let bytes = body.as_bytes();
    let mut gaps = Vec::new();
    let mut i = 0;
    while let Some(found) = TWO_SPACES.find(&bytes[i..]) {
        let start = i + found;
        let end = start + bytes[start..].iter().take_while(|&&b| b == b' ').count();
        let at = line.start + body_start;
        gaps.push(Span::new(at + start, at + end));
        i = end;
    }
    gaps
}

/// The width of a line in characters, without trailing spaces.
fn width(text: &str, line: Line) -> usize {
    text[line.start..line.end].trim_end().chars().count()
}

/// The right margin of justified text: the width most lines with inner
/// gaps share, when at least [`MIN_JUSTIFIED_LINES`] of them do and no
/// more lines pass it (justified text fills its lines up to the margin and
/// never beyond; a table or an address may).
fn justified_margin(text: &str, gapped: &[(Line, Vec<Span>)]) -> Option<usize> {
    let mut widths: Vec<usize> = gapped.iter().map(|(l, _)| width(text, *l)).collect();
    widths.sort_unstable();
    let (margin, count) = widths
        .chunk_by(|a, b| a == b)
        .map(|run| (run[0], run.len()))
        .max_by_key(|&(w, n)| (n, w))?;
    let wider = lines(text).filter(|&l| width(text, l) > margin).count();
    (count >= MIN_JUSTIFIED_LINES && margin >= MIN_MARGIN && wider <= count).then_some(margin)
}

/// The indentation of a line, in characters.
fn indentation(text: &str, line: Line) -> usize {
    text[line.start..line.end]
        .chars()
        .take_while(|&c| c == ' ')
        .count()
}

/// The first gap of `line` when it aligns a term with its description: the
/// description starts at the column where the next line, indented more
/// than this one, goes on (`-r     utiliser…` over `       des blocs…`),
/// or the term is a list marker (`•   Mauvais noms…`, `2.  Ouvrir…`).
fn hanging_gap(text: &str, line: Line, next: Option<Line>, gaps: &[Span]) -> Option<Span> {
    let first = *gaps.first()?;
    let term = text[line.start..first.start].trim_start();
    let marker = matches!(term, "•" | "·" | "-" | "–" | "—" | "*" | "o")
        || term.len() <= 3
            && term.ends_with(['.', ')'])
            && term[..term.len() - 1].bytes().all(|b| b.is_ascii_digit());
    if marker && !term.is_empty() {
        return Some(first);
    }
    let next = next?;
    let column = text[line.start..first.end].chars().count();
    let indent = indentation(text, next);
    (indent > indentation(text, line) && column == indent && width(text, next) > indent)
        .then_some(first)
}

/// A word broken at the end of `line`: the hyphen, the line break and the
/// next line's indentation, when a letter comes before the hyphen and a
/// lowercase letter after the break.
fn broken_word(text: &str, line: Line) -> Option<Span> {
    let content = &text[line.start..line.end];
    let hyphen = content
        .chars()
        .next_back()
        .filter(|&c| is_break_hyphen(c))?;
    let at = line.end - hyphen.len_utf8();
    let before = text[line.start..at].chars().next_back()?;
    let indent = text[line.next..]
        .bytes()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count();
    let after = text[line.next + indent..].chars().next()?;
    (before.is_alphabetic() && after.is_lowercase()).then(|| Span::new(at, line.next + indent))
}

/// C keywords that start a declaration or a statement.
const C_STARTS: &[&str] = &[
    "break", "char", "const", "continue", "double", "else", "enum", "extern", "float", "for",
    "goto", "if", "int", "long", "return", "short", "signed", "size_t", "ssize_t", "static",
    "struct", "switch", "typedef", "uint32_t", "uint64_t", "union", "unsigned", "void", "while",
];

/// Whether a line (trimmed) is a line of code: a C declaration or
/// statement, a preprocessor line, a lone brace, a shell command after a
/// `$ ` prompt or before a `\` continuation, or a command synopsis with
/// its bracketed options.
fn is_code_line(line: &str) -> bool {
    let first_word = line
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    // Each test starts with what is cheapest and rarest in prose (the
    // line's last character, its first word), so that a line of prose
    // costs a few comparisons, not a scan per test.
    // A call (`close(fd)`, `ptr[i]`: no space before the bracket), an
    // assignment or an operator of C, a member access, a path of names.
    // A French word with a mark of the plural or the feminine in
    // parentheses (`fichier(s)`, `inscrit(e)s`) is not a call.
    let call = || {
        line.as_bytes().windows(2).enumerate().any(|(at, w)| {
            (w[0].is_ascii_alphanumeric() || w[0] == b'_')
                && (w[1] == b'(' || w[1] == b'[')
                && !(w[1] == b'(' && is_marked_french_word(line, at + 1))
        })
    };
    let operator = || {
        ["=", "->", "::", "{", "/*"]
            .iter()
            .any(|op| line.contains(op))
    };
    // A declaration whose type is written with `_` or a digit (`__u8
    // pad;`, `__be16  idiag_sport;`, `pid_t *pids[2];`).
    // The type starts as a C name does (`2 oeufs;` is a list item), and
    // no other piece is a French word of grammar (`mp3 ou ogg;`).
    let declaration = || {
        let pieces: Vec<&str> = line[..line.len() - 1].split_whitespace().collect();
        (2..=4).contains(&pieces.len())
            && pieces.iter().all(|p| {
                p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'*' | b'[' | b']'))
            })
            && pieces[0]
                .bytes()
                .next()
                .is_some_and(|b| b == b'_' || b.is_ascii_alphabetic())
            && pieces[0].bytes().any(|b| b == b'_' || b.is_ascii_digit())
            && !pieces[1..].iter().any(|p| is_grammar_word(p))
    };
    // A semicolon after a space of any width (` ;`, `\u{202F};`) is French.
    let statement = || {
        line.strip_suffix(';')
            .is_some_and(|before| !before.ends_with(char::is_whitespace))
            && (C_STARTS.contains(&first_word) || call() || operator() || declaration())
    };
    // A comment, or a statement whose comment goes on to the next line
    // (`uint32_t cookie;   /* Cookie unique`).
    let comment = || {
        COMMENT_OPEN
            .find(line.as_bytes())
            .is_some_and(|at| line.ends_with("*/") || line[..at].trim_end().ends_with([';', '{']))
    };
    // A shell keyword after `; `, as a whole word: `; donc`, `; fin`,
    // `; dose` are French.
    let shell = || {
        SEMICOLON_SPACE.find_iter(line.as_bytes()).any(|at| {
            let rest = &line[at + 2..];
            ["then", "done", "do", "fi"].iter().any(|keyword| {
                rest.strip_prefix(keyword)
                    .is_some_and(|after| !after.starts_with(crate::tokenize::is_word_char))
            })
        })
    };
    let braces = matches!(line, "{" | "}" | "};" | "});");
    let block = || line.ends_with('{') && (C_STARTS.contains(&first_word) || line.contains(')'));
    // A label of a `switch` (`case EINTR:`, `default:`).
    let label = line.ends_with(':')
        && (line == "default:"
            || first_word == "case"
                && line[4..line.len() - 1]
                    .trim()
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'\'')));
    let control = matches!(first_word, "if" | "while" | "for" | "switch")
        && line[first_word.len()..].trim_start().starts_with('(')
        && line.ends_with([')', '{']);
    braces
        || control
        || label
        || line.starts_with("#include ")
        || line.starts_with("#define ")
        || line.starts_with("$ ")
        || line.ends_with(" \\")
        || statement()
        || comment()
        || block()
        || is_table_row(line)
        || is_running_head(line)
        || is_synopsis(line)
        || shell()
}

/// The marks of the plural and the feminine that French writes in
/// parentheses after a word (`fichier(s)`, `inscrit(e)s`, `acteur(rice)s`).
const PARENTHESIS_MARKS: &[&str] = &[
    "s", "x", "e", "es", "ne", "nes", "le", "les", "te", "tes", "ère", "ères", "euse", "euses",
    "rice", "rices", "trice", "trices", "ve", "ves",
];

/// Whether the `(` at byte `open` of `line` opens a mark of
/// [`PARENTHESIS_MARKS`] after a French word.
fn is_marked_french_word(line: &str, open: usize) -> bool {
    let after = &line[open + 1..];
    let Some(close) = after.find(')') else {
        return false;
    };
    if !PARENTHESIS_MARKS.contains(&&after[..close]) {
        return false;
    }
    let before = &line[..open];
    let start = before
        .rfind(|c: char| !crate::tokenize::is_word_char(c))
        .map_or(0, |at| {
            at + before[at..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[start..];
    !word.is_empty() && crate::lexicon::is_french(&crate::grammar::lowercase(word))
}

/// Whether `word` is a French determiner, preposition or conjunction.
fn is_grammar_word(word: &str) -> bool {
    use crate::lexicon::Pos;
    [Pos::Determiner, Pos::Preposition, Pos::Conjunction]
        .into_iter()
        .any(|pos| crate::grammar::has_pos(word, pos))
}

/// The header or footer line of a manual page: fields set apart by wide
/// gaps, ending with the page's name and section (`GNU coreutils 9.1
/// Septembre 2022   SUM(1)`).
fn is_running_head(line: &str) -> bool {
    line.ends_with(')')
        && line.contains("   ")
        && line
            .rsplit(' ')
            .next()
            .is_some_and(crate::code_in_prose::is_code)
}

/// A command synopsis: a command name, then options in brackets, two
/// groups or more (`tar [OPTION...] [FICHIER]...`, `e2undo [ -f ] [ -h ]`),
/// or a line of such groups continuing one; a sentence never ends it.
fn is_synopsis(line: &str) -> bool {
    if line.ends_with(['.', ':', '!', '?']) && !line.ends_with("...") {
        return false;
    }
    let starts_as_command = line.split(' ').next().is_some_and(|w| {
        w.starts_with('[')
            || w.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
            })
    });
    if !starts_as_command || !line.contains('[') {
        return false;
    }
    // A reference to a note or a work (`[12]`, `[3, 4]`) and an omission
    // in a quotation (`[…]`) are not groups: prose cites them.
    let cited = line
        .split('[')
        .skip(1)
        .filter(|piece| {
            piece.split_once(']').is_some_and(|(inside, _)| {
                !inside.trim().is_empty()
                    && inside.chars().all(|c| {
                        c.is_ascii_digit() || matches!(c, ',' | ' ' | '-' | '–' | '.' | '…')
                    })
            })
        })
        .count();
    let groups = line
        .matches('[')
        .count()
        .min(line.matches(']').count())
        .saturating_sub(cited);
    // One group is enough when it holds an option (`bzip2 [ -h|--help ]`).
    let option = line.contains("[-") || line.contains("[ -");
    groups >= 2 || groups == 1 && option
}

/// The first words of the synopsis lines of `text` (see [`is_synopsis`]).
pub(super) fn synopsis_commands(text: &str) -> impl Iterator<Item = &str> {
    lines(text).filter_map(move |line| {
        let content = text[line.start..line.end].trim();
        let command = content.split(' ').next()?;
        (!command.starts_with('[') && is_synopsis(content)).then_some(command)
    })
}

/// A row of a table drawn with box-drawing characters (`│ now │ … │`).
fn is_table_row(line: &str) -> bool {
    line.starts_with(['│', '┌', '├', '└', '╞', '╔', '║', '╚', '╟'])
        && line.matches(['│', '║']).count() >= 2
        || line.starts_with(['┌', '├', '└', '─', '═', '╔', '╚', '╟', '╞'])
}

/// The names at the start of a manual page's description line, with the
/// hyphen after them: commands (lowercase letters, digits, `-`, `_`, `.`),
/// separated by commas, then ` - ` and a capital (or any letter on the
/// line after the `NOM` heading: `killall - tuer des processus`).
fn names(text: &str, line: Line, after_heading: bool) -> Option<Span> {
    let raw = &text[line.start..line.end];
    let content = raw.trim_start();
    let name_byte =
        |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.');
    // The names and the ` - ` after them are written with name bytes,
    // commas and spaces only: the separator is searched up to the first
    // other byte.
    let reach = content
        .bytes()
        .position(|b| !(name_byte(b) || b == b',' || b == b' '))
        .unwrap_or(content.len());
    let split = SPACED_DASH.find(&content.as_bytes()[..reach])?;
    // Justified, the line may set the hyphen apart with wider gaps
    // (`csplit  -  Découper…`).
    let (names, description) = (content[..split].trim_end(), &content[split + 3..]);
    let is_name = |n: &str| {
        n.bytes().next().is_some_and(|b| b.is_ascii_lowercase()) && n.bytes().all(name_byte)
    };
    let listed = names.split(',').map(str::trim).all(is_name);
    let first = description.trim_start().chars().next()?;
    let capital = first.is_uppercase() || after_heading && first.is_alphabetic();
    let start = line.start + raw.len() - content.len();
    (listed && capital).then(|| Span::new(start, start + split + 2))
}

/// The key of a `Key: value` line (`Pin-Priority: 900`, `Types: deb`): a
/// word of ASCII letters, digits and hyphens at the start, a colon right
/// after it, then a space and a value.
fn field_key(line: &str) -> Option<&str> {
    let (key, value) = line.split_once(':')?;
    (key.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && value.starts_with(' ')
        && !value.trim().is_empty())
    .then_some(key)
}

/// Which lines of `all` belong to a block of fields: two lines or more in
/// a row of `Key: value`, one key at least not a French word — a control
/// file, mail headers or a configuration quoted in the text (`Package:`,
/// `Pin-Priority:`). A block whose keys are all French (`Date : …`, `Lieu :
/// …`) is prose that lost its spaces.
fn field_blocks(text: &str, all: &[Line]) -> Vec<bool> {
    let mut fields = vec![false; all.len()];
    let key = |l: &Line| field_key(text[l.start..l.end].trim());
    let mut i = 0;
    while i < all.len() {
        let run = all[i..].iter().take_while(|l| key(l).is_some()).count();
        if run >= 2
            && all[i..i + run]
                .iter()
                .filter_map(key)
                .any(|k| !crate::lexicon::is_french(&k.to_lowercase()))
        {
            fields[i..i + run].fill(true);
        }
        i += run.max(1);
    }
    fields
}

/// The layout marks of `text`, sorted and without overlap; empty for
/// ordinary prose.
pub(super) fn marks(text: &str) -> Vec<Mark> {
    let mut gapped: Vec<(Line, Vec<Span>)> = Vec::new();
    let mut marks = Vec::new();
    let all: Vec<Line> = lines(text).collect();
    let fields = field_blocks(text, &all);
    // The last line with content: a section heading of a manual page.
    let mut previous = "";
    for (i, &line) in all.iter().enumerate() {
        let raw = &text[line.start..line.end];
        let content = raw.trim();
        if content.is_empty() {
            continue;
        }
        let after_heading = matches!(std::mem::replace(&mut previous, content), "NOM" | "NAME");
        if fields[i] || is_code_line(content) {
            let start = line.start + (raw.len() - raw.trim_start().len());
            marks.push(Mark::Code(Span::new(start, start + content.len())));
            continue;
        }
        if let Some(span) = names(text, line, after_heading) {
            marks.push(Mark::Names(span));
        }
        if let Some(span) = broken_word(text, line) {
            marks.push(Mark::Break(span));
        }
        let mut gaps = inner_gaps(text, line);
        if let Some(gap) = hanging_gap(text, line, all.get(i + 1).copied(), &gaps) {
            marks.push(Mark::Justification(gap));
            gaps.remove(0);
        }
        if !gaps.is_empty() {
            gapped.push((line, gaps));
        }
    }
    if let Some(margin) = justified_margin(text, &gapped) {
        for (line, gaps) in gapped {
            if width(text, line) == margin {
                marks.extend(gaps.into_iter().map(Mark::Justification));
            }
        }
    }
    marks.sort_by_key(|m| m.span().start);
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text each mark of `text` covers.
    fn marked(text: &str) -> Vec<&str> {
        kinds(text).into_iter().map(|(_, s)| s).collect()
    }

    fn kinds(text: &str) -> Vec<(&'static str, &str)> {
        marks(text)
            .into_iter()
            .map(|m| {
                let name = match m {
                    Mark::Justification(_) => "justification",
                    Mark::Break(_) => "break",
                    Mark::Code(_) => "code",
                    Mark::Names(_) => "names",
                };
                (name, &text[m.span().range()])
            })
            .collect()
    }

    #[test]
    fn ordinary_prose_has_no_layout() {
        assert!(kinds("Une phrase ; une autre.\nLa suite  avec deux espaces.\n").is_empty());
        // A missing space before a semicolon in prose is not code.
        assert!(kinds("Les données (voir plus haut);\nil a dit \"oui\";\n").is_empty());
        // A hyphen-minus at a line end may be a compound's own hyphen.
        assert!(kinds("un grand-\nparent").is_empty());
    }

    #[test]
    fn justified_lines_end_at_one_margin() {
        // Three lines of 43 characters, the widest, then a shorter one.
        let text = format!(
            "{}\n{}\n{}\nLa dernière ligne  reste courte.\n",
            "Le  texte  est  justifié  sur  cette  ligne",
            "et  aussi  sur  celle-ci  qui  la  continue",
            "puis  encore  une  fois  sur  la  troisième",
        );
        let found = kinds(&text);
        assert_eq!(found.len(), 18, "{found:?}");
        assert!(
            found
                .iter()
                .all(|(k, s)| *k == "justification" && *s == "  ")
        );
    }

    #[test]
    fn a_term_aligned_with_its_description_is_layout() {
        let text = "       -r     utiliser  l’algorithme\n              des blocs\n";
        assert_eq!(kinds(text), vec![("justification", "     ")]);
        let text = "   •   Mauvais  noms.\n   2.  Ouvrir le fichier.\nLe  texte.\n";
        assert_eq!(
            kinds(text),
            vec![("justification", "   "), ("justification", "  ")]
        );
    }

    #[test]
    fn words_broken_with_a_typographic_hyphen_join() {
        assert_eq!(
            kinds("la ver\u{2010}\n       sion du noyau"),
            vec![("break", "\u{2010}\n       ")]
        );
        // Not before a capital: a hyphen that ends a name.
        assert!(kinds("Jean\u{2010}\nPierre").is_empty());
    }

    #[test]
    fn blocks_of_fields_are_code_unless_their_keys_are_french() {
        let text = "Exemple :\n\n    Types: deb\n    URIs: http://deb.debian.org\n    Pin-Priority: 900\n\nDate: 12 mars\nLieu: Paris\n\nPackage: seul\n";
        assert_eq!(
            marked(text),
            vec![
                "Types: deb",
                "URIs: http://deb.debian.org",
                "Pin-Priority: 900"
            ]
        );
    }

    #[test]
    fn synopses_name_their_commands() {
        let text = "       unset [-fv] [-n] [nom ...]\n       wait [-fn] [id ...]\nLe texte [sic] et [note] suit.\n";
        assert_eq!(
            synopsis_commands(text).collect::<Vec<_>>(),
            vec!["unset", "wait"]
        );
    }

    #[test]
    fn code_lines_and_synopses_are_masked() {
        assert_eq!(
            kinds(
                "       gzip, gunzip - Compresser des fichiers\nLe projet - Il a dit\ncsplit  -  Découper\nNOM\n       uri,  url - identifier\nle projet - il a dit"
            ),
            vec![
                ("names", "gzip, gunzip -"),
                ("names", "csplit  -"),
                ("names", "uri,  url -")
            ]
        );
        let text = "Exemple :\n\n    if (fd == -1)\n    int  aio_fildes;  /* Descripteur */\n    ch |= 0x100;\n    if true; then echo; fi\n    int fd = socket(AF_INET, SOCK_RAW, 0);\n    close(fd);\n    case EINTR:\n    default:\n    break;\n    __be16  idiag_sport;\n    uint32_t cookie;   /* Cookie unique\n    }\n\n       tar [OPTION...] [FICHIER]...\nbzip2 [ -h|--help ]\n│now       │ maintenant │\nGNU outils 9.1    Septembre 2022    SUM(1)\n$ make install\nLa fin (voir plus bas) ; puis [sic] et [note].\ncase du haut : la première.\ncase du haut :\nla version 2;\nIl pleut ; donc nous restons.\nLe bleu de méthylène ; dose de photons.\nUn chapitre ; fin du livre.\nfor f in *; do gzip $f; done\ncomme le montrent les essais [12] et les mesures [3, 4] qui\nde son discours […] et plus loin […] il\n2 oeufs;\nmp3 ou ogg;\nle ou les fichier(s) inscrit(e)s;\nla valeur de x = 2\u{202F};\n";
        assert_eq!(
            marked(text),
            vec![
                "if (fd == -1)",
                "int  aio_fildes;  /* Descripteur */",
                "ch |= 0x100;",
                "if true; then echo; fi",
                "int fd = socket(AF_INET, SOCK_RAW, 0);",
                "close(fd);",
                "case EINTR:",
                "default:",
                "break;",
                "__be16  idiag_sport;",
                "uint32_t cookie;   /* Cookie unique",
                "}",
                "tar [OPTION...] [FICHIER]...",
                "bzip2 [ -h|--help ]",
                "│now       │ maintenant │",
                "GNU outils 9.1    Septembre 2022    SUM(1)",
                "$ make install",
                "for f in *; do gzip $f; done"
            ]
        );
    }
}
