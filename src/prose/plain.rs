//! The prose view of plain text: the text itself, split into paragraphs,
//! without the layout a conversion to text leaves (see
//! [`super::plain_layout`]).

use super::builder::Builder;
use super::plain_layout::{self, Mark};
use super::{Gap, ProseView, Segment, SegmentKind};
use crate::span::Span;
use crate::tokenize::{SOFT_HYPHEN, is_apostrophe_char, is_dash, is_hyphen};
use std::borrow::Cow;

/// The view of a plain text: one verbatim segment, read in place, unless
/// its layout holds justified lines, broken words or lines of code, or a
/// paragraph is wrapped over lines that read as one ([`paragraph_breaks`]).
pub(super) fn view(text: &str) -> ProseView<'_> {
    let mut breaks = Vec::new();
    let paragraphs = split(text, Some(&mut breaks));
    let marks = plain_layout::marks(text);
    keep_code_breaks(&mut breaks, &marks);
    if !marks.is_empty() || !breaks.is_empty() {
        return laid_out(text, paragraphs, &marks, &breaks);
    }
    let whole = Span::new(0, text.len());
    ProseView::from_parts(
        Cow::Borrowed(text),
        vec![Segment {
            prose: whole,
            source: whole,
            kind: SegmentKind::Verbatim,
        }],
        paragraphs,
    )
    .with_directives(crate::suppress::plain_directives(text))
}

/// A piece of a plain text that its view reads otherwise: a layout mark,
/// or a line break inside a paragraph that reads as a space.
#[derive(Clone, Copy)]
enum Reading {
    Mark(Mark),
    Space(Span),
}

impl Reading {
    fn span(self) -> Span {
        match self {
            Reading::Mark(m) => m.span(),
            Reading::Space(s) => s,
        }
    }
}

/// The view of a plain text with layout `marks` and soft line `breaks`:
/// each paragraph copied verbatim, except that a justification gap or a
/// soft break reads as one space, a broken word joins and a line of code
/// ends the paragraph and is left out. Paragraphs are separated by the
/// source's white space between them (by a blank line where a line of
/// code was left out), so that a line keeps the lines around it
/// (`spacing/repeated-spaces` reads alignment there) and a block without
/// marks reads as it does alone: a fix's re-check reads each changed block
/// alone.
fn laid_out(
    text: &str,
    paragraphs: Vec<Span>,
    marks: &[Mark],
    breaks: &[Span],
) -> ProseView<'static> {
    let mut readings: Vec<Reading> = marks.iter().copied().map(Reading::Mark).collect();
    readings.extend(breaks.iter().copied().map(Reading::Space));
    readings.sort_by_key(|r| r.span().start);
    let mut builder = Builder::new();
    let mut next = 0;
    let mut previous_end = None;
    for paragraph in paragraphs {
        if let Some(end) = previous_end {
            builder.separator(text, Span::new(end, paragraph.start));
        }
        previous_end = Some(paragraph.end);
        let mut at = paragraph.start;
        while let Some(&reading) = readings.get(next) {
            let span = reading.span();
            if span.start >= paragraph.end {
                break;
            }
            next += 1;
            if span.start < at || span.end > paragraph.end {
                // Across two paragraphs: left as it is.
                continue;
            }
            let Reading::Mark(mark) = reading else {
                builder.verbatim(text, Span::new(at, span.start));
                builder.decoded(" ", span);
                at = span.end;
                continue;
            };
            match mark {
                Mark::Justification(_) => {
                    builder.verbatim(text, Span::new(at, span.start));
                    builder.decoded(" ", span);
                    at = span.end;
                }
                Mark::Break(_) => {
                    builder.verbatim(text, Span::new(at, span.start));
                    builder.markup(Gap::Ambiguous);
                    at = span.end;
                }
                Mark::Names(_) => {
                    builder.verbatim(text, Span::new(at, span.start));
                    builder.placeholder(span);
                    at = span.end;
                }
                Mark::Code(_) => {
                    let before = text[at..span.start].trim_end();
                    builder.verbatim(text, Span::new(at, at + before.len()));
                    builder.end_paragraph();
                    builder.left_out();
                    let rest = &text[span.end..paragraph.end];
                    at = paragraph.end - rest.trim_start().len();
                }
            }
        }
        builder.verbatim(text, Span::new(at, paragraph.end));
        builder.end_paragraph();
    }
    builder
        .finish(Vec::new())
        .with_directives(crate::suppress::plain_directives(text))
        .with_layout(plain_layout::kinds_and_spans(marks))
}

/// Adds to `breaks` the line breaks inside one paragraph of `lines` that
/// read as a space, each with the ASCII blanks around it: where the line
/// before is full (the first word of the next line would not have fitted
/// on it, measured against the paragraph's widest line of several words)
/// and the two
/// lines join as [`reads_as_space`] says, or the next one starts with a
/// capital after a lowercase letter or a closing quote in hard-wrapped
/// prose (a name, or a capital that the quotation rules judge: not a
/// heading or a verse, which other blocks hold). A paragraph with runs of
/// spaces inside a line (justified or aligned) keeps its lines, and
/// [`keep_code_breaks`] gives lines of code theirs. So hard-wrapped prose
/// reads as the sentences it holds, across its line ends: the rules see
/// `la réunion a été annulé` when a line ends after `réunion`.
fn paragraph_breaks(text: &str, lines: &[Line], breaks: &mut Vec<Span>) {
    if lines.len() < 2 {
        return;
    }
    // Runs of spaces inside the lines justify or align them (see
    // `spacing/repeated-spaces`, which reads runs on the lines around as
    // alignment): such a paragraph keeps its lines.
    if lines.iter().any(|l| {
        let line = &text[l.bare.range()];
        line.contains('\t') || plain_layout::TWO_SPACES.find(line.as_bytes()).is_some()
    }) {
        return;
    }
    let widths: Vec<usize> = lines
        .iter()
        .map(|l| text[l.bare.range()].chars().count())
        .collect();
    // The wrap width: the widest line of several words. A word longer than
    // the width (an address, a path) stands alone on a longer line, which
    // does not widen it.
    let several_words = |l: &Line| text[l.bare.range()].contains(' ');
    let widest = widths
        .iter()
        .zip(lines)
        .filter(|&(_, l)| several_words(l))
        .map(|(&w, _)| w)
        .max()
        .or_else(|| widths.iter().copied().max())
        .unwrap_or(0);
    // A capital after a word cut by the wrap is a name (`des` / `Chiefs de
    // Kansas City`); in other blocks it may start a verse.
    let wrapped = widths_are_wrapped(&widths);
    for (i, pair) in lines.windows(2).enumerate() {
        let (before, after) = (&text[pair[0].bare.range()], &text[pair[1].bare.range()]);
        let (Some(last), Some(first)) = (before.chars().next_back(), after.chars().next()) else {
            continue;
        };
        let next_word = after.split(' ').next().map_or(0, |w| w.chars().count());
        let full = widths[i] + 1 + next_word > widest;
        let joins = reads_as_space(last, first) || wrapped && goes_on_with_a_capital(last, first);
        if full && joins {
            breaks.push(Span::new(pair[0].bare.end, pair[1].bare.start));
        }
    }
}

/// Drops from `breaks` those next to a line of code (`marks`): such a line
/// ends the paragraph in the view.
fn keep_code_breaks(breaks: &mut Vec<Span>, marks: &[Mark]) {
    // `marks` are sorted and do not overlap: their ends are sorted too.
    let code = |at: usize| {
        let i = marks.partition_point(|m| m.span().end < at);
        marks[i..]
            .iter()
            .take_while(|m| m.span().start <= at)
            .any(|m| matches!(m, Mark::Code(s) if s.start == at || s.end == at))
    };
    breaks.retain(|b| !code(b.start) && !code(b.end));
}

/// Whether a line break inside a paragraph, between a line that ends with
/// `last` and one that starts with `first`, reads as a space: the line
/// does not end with a sign that joins (a hyphen, a dash, an apostrophe, a
/// slash: `grand-` / `parent`), and the next one starts in lowercase, with
/// a digit or an opening sign, not with a capital (a heading, a verse).
pub(super) fn reads_as_space(last: char, first: char) -> bool {
    let broken = is_hyphen(last)
        || is_dash(last)
        || last == SOFT_HYPHEN
        || is_apostrophe_char(last)
        || matches!(last, '/' | '\\');
    !broken && (first.is_lowercase() || first.is_ascii_digit() || matches!(first, '(' | '«' | '“'))
}

/// Whether a line that ends with `last` goes on, in wrapped prose, with a
/// next line that starts with `first`, a capital: after a lowercase letter
/// (a name: `des` / `Chiefs de Kansas City`) or a closing quote (a capital
/// the quotation rules judge).
pub(super) fn goes_on_with_a_capital(last: char, first: char) -> bool {
    first.is_uppercase() && (last.is_lowercase() || matches!(last, '»' | '”'))
}

/// The width (in characters) from which a Markdown line is taken for
/// wrapped prose rather than a verse ([`goes_on_with_a_capital`]): verses,
/// even alexandrines, are shorter.
pub(super) const WRAPPED_LINE: usize = 55;

/// Characters that end a sentence or a heading-like line.
fn ends_block(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | ':' | '»' | '”' | '"')
}

/// Characters that show a line continues on the next one.
fn continues(c: char) -> bool {
    matches!(c, ',' | ';' | '(' | '«' | '“' | '-' | '\'' | '’')
}

/// Whether a line starts a list item, a heading or a quote block: a marker
/// followed by a space (`- `, `– `, `* `, `# `, `> `, `1. `, `2) `).
fn is_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '–' | '—' | '*' | '•' | '+' | '>' | '#') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            (rest.starts_with(". ") || rest.starts_with(") ")) && line.len() - rest.len() <= 3
        }
        _ => false,
    }
}

/// Whether a line continues a quotation (a dialogue reply, a continuation
/// mark): it stays a paragraph of its own for the quote analysis.
fn continues_quotation(line: &str) -> bool {
    line.starts_with(['«', '»', '—', '–'])
}

/// Longest line of a hard-wrapped block.
const WRAP_WIDTH: usize = 100;

/// One non-blank line: its content span and text, without the white space
/// around it, and `bare`, its span without the ASCII blanks (spaces, tabs,
/// carriage returns) around it only: a no-break space at a line end stays
/// out of a soft break.
struct Line<'t> {
    span: Span,
    text: &'t str,
    bare: Span,
}

/// Whether a block of lines is hard-wrapped prose: every line but the last
/// fits the wrap width, and they are long enough on average to be wrapped
/// text rather than a list of short lines (a title, an address, verses).
fn is_wrapped(lines: &[Line]) -> bool {
    let widths: Vec<usize> = lines.iter().map(|l| l.text.chars().count()).collect();
    widths_are_wrapped(&widths)
}

/// [`is_wrapped`], from the widths of the lines (in characters).
fn widths_are_wrapped(widths: &[usize]) -> bool {
    let Some((_, body)) = widths.split_last() else {
        return false;
    };
    !body.is_empty()
        && body.iter().all(|&w| w <= WRAP_WIDTH)
        && body.iter().sum::<usize>() >= 40 * body.len()
}

/// Splits one block (lines between blank lines) of `text` into paragraphs,
/// adding the soft line breaks of each to `breaks` when asked
/// ([`paragraph_breaks`]).
fn split_block(
    text: &str,
    lines: &[Line],
    out: &mut Vec<Span>,
    mut breaks: Option<&mut Vec<Span>>,
) {
    let wrapped = is_wrapped(lines);
    let mut current: Option<Span> = None;
    // The first line of the current paragraph.
    let mut first_line = 0;
    let mut close = |span: Span, lines: &[Line], out: &mut Vec<Span>| {
        out.push(span);
        if let Some(breaks) = breaks.as_deref_mut() {
            paragraph_breaks(text, lines, breaks);
        }
    };
    for (index, line) in lines.iter().enumerate() {
        let join = match current {
            None => false,
            Some(_) if is_item(line.text) => false,
            Some(_) if wrapped => true,
            Some(span) => {
                let so_far = &text[span.range()];
                let open_guillemets = so_far.matches('«').count() > so_far.matches('»').count();
                let first = line.text.chars().next().unwrap_or(' ');
                if open_guillemets {
                    // A quotation runs on (verses, a wrapped citation),
                    // unless the line marks its continuation itself.
                    !continues_quotation(line.text)
                } else {
                    match so_far.chars().next_back() {
                        Some(c) if continues(c) => true,
                        Some(c) => !ends_block(c) && first.is_lowercase(),
                        None => false,
                    }
                }
            }
        };
        current = match current {
            Some(span) if join => Some(Span::new(span.start, line.span.end)),
            Some(span) => {
                close(span, &lines[first_line..index], out);
                first_line = index;
                Some(line.span)
            }
            None => Some(line.span),
        };
    }
    if let Some(span) = current {
        close(span, &lines[first_line..], out);
    }
}

/// Splits `text` into paragraphs.
///
/// Blank lines separate blocks. A block of hard-wrapped prose (lines that
/// fit 100 columns and are 40 long on average) is one paragraph, except that
/// list items (`- `, `1. `…) start their own. In other blocks (one paragraph
/// per line, headings followed by their article, verses), a line break ends
/// a paragraph unless it looks like a soft wrap: the next line starts with a
/// lowercase letter after a line that does not end a sentence, the previous
/// line ends with a sign that cannot end one (`,` `;` `(` `«` …), or a `«`
/// is still open (a quotation over several lines). Paragraph spans exclude
/// line terminators and surrounding spaces.
pub fn split_paragraphs(text: &str) -> Vec<Span> {
    split(text, None)
}

/// [`split_paragraphs`], adding the soft line breaks of each paragraph to
/// `breaks` when asked.
fn split(text: &str, mut breaks: Option<&mut Vec<Span>>) -> Vec<Span> {
    let mut paragraphs = Vec::new();
    let mut block: Vec<Line> = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let raw = text[pos..line_end].trim_end_matches('\r');
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            split_block(text, &block, &mut paragraphs, breaks.as_deref_mut());
            block.clear();
        } else {
            let start = pos + (raw.len() - raw.trim_start().len());
            let bare_start = pos + (raw.len() - raw.trim_start_matches(ASCII_BLANKS).len());
            block.push(Line {
                span: Span::new(start, start + trimmed.len()),
                text: trimmed,
                bare: Span::new(bare_start, pos + raw.trim_end_matches(ASCII_BLANKS).len()),
            });
        }
        if line_end == text.len() {
            break;
        }
        pos = line_end + 1;
    }
    split_block(text, &block, &mut paragraphs, breaks);
    paragraphs
}

/// The blanks that go with a soft line break.
const ASCII_BLANKS: [char; 3] = [' ', '\t', '\r'];

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split_paragraphs(text)
            .iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(texts("Un.\n\nDeux.\n"), vec!["Un.", "Deux."]);
    }

    #[test]
    fn headings_and_lines_are_paragraphs() {
        assert_eq!(
            texts("Titre de la page\nLe texte commence.\nUne autre ligne."),
            vec!["Titre de la page", "Le texte commence.", "Une autre ligne."]
        );
    }

    #[test]
    fn wrapped_prose_stays_whole() {
        assert_eq!(
            texts("Une phrase qui continue\nsur la ligne suivante,\nPierre la lit.\nFin."),
            vec![
                "Une phrase qui continue\nsur la ligne suivante,\nPierre la lit.",
                "Fin."
            ]
        );
    }

    #[test]
    fn list_items_are_paragraphs() {
        assert_eq!(
            texts("Liste :\n– un ;\n– deux."),
            vec!["Liste :", "– un ;", "– deux."]
        );
    }

    #[test]
    fn hard_wrapped_blocks_stay_whole_whatever_starts_a_line() {
        let text = "Le maire a parlé d’un « tournant pour la ville et pour\nBrest et la région », et il a promis de construire\n200 logements avant la fin de son mandat, disait-il.\n- un élément de liste\n- un autre élément";
        let paras = texts(text);
        assert_eq!(paras.len(), 3, "{paras:?}");
        assert!(paras[0].ends_with("mandat, disait-il."));
    }

    #[test]
    fn quoted_verses_run_on_until_the_guillemet_closes() {
        let text = "« Demain, dès l’aube,\nJe partirai. Vois-tu, je sais.\nJ’irai par la forêt. »\nLe poème s’arrête là.";
        assert_eq!(texts(text).len(), 2);
        // A dialogue reply keeps its own paragraph.
        assert_eq!(texts("« Bonjour, dit-il.\n— Bonsoir. »").len(), 2);
    }

    #[test]
    fn a_wrapped_line_break_reads_as_a_space() {
        let text = "Titre\n\nLa réunion de ce soir, prévue de longue date,\n  a été annulée. Fin.\nUne autre ligne.\n";
        let v = view(text);
        assert_eq!(
            v.text(),
            "Titre\n\nLa réunion de ce soir, prévue de longue date, a été annulée. Fin.\nUne autre ligne."
        );
        let para: Vec<&str> = v
            .paragraphs()
            .iter()
            .map(|p| &v.text()[p.range()])
            .collect();
        assert_eq!(
            para,
            vec![
                "Titre",
                "La réunion de ce soir, prévue de longue date, a été annulée. Fin.",
                "Une autre ligne."
            ]
        );
        // Words after the break map to their own bytes; the space to the
        // break with its indentation.
        let at = v.text().find("annulée").expect("word");
        let word = v.to_source(Span::new(at, at + "annulée".len()));
        assert_eq!(&text[word.range()], "annulée");
        let space = v.text().find("date, a").expect("break") + "date,".len();
        assert_eq!(
            &text[v.to_source(Span::new(space, space + 1)).range()],
            "\n  "
        );
    }

    #[test]
    fn breaks_that_end_a_line_of_their_own_stay() {
        for text in [
            // The line before is not full: a heading, a short line.
            "Résumé\nla suite du texte est plus longue que le titre au-dessus.",
            // A hyphen or an apostrophe joins.
            "Il a rendu visite à son arrière-\ngrand-mère hier.",
            // A capital after a sentence end, or outside wrapped prose.
            "Le vent se lève sur la lande grise\nLa mer se retire et le ciel pâlit",
            // Runs of spaces inside a line: aligned, kept.
            "nom  valeur de la première colonne alignée\nsuite  valeur de la seconde colonne",
        ] {
            assert_eq!(view(text).text(), text, "{text}");
        }
        // A name cut by the wrap of hard-wrapped prose joins, and so does
        // a capital after a closing quote.
        for text in [
            "Chaque apparition de la chanteuse dans les tribunes des\nChiefs de Kansas City déclenche une avalanche de photos.",
            "Pour garder le fichier, le bouton « Enregistrer »\nPermet de choisir le dossier où il sera rangé.",
        ] {
            assert!(!view(text).text().contains('\n'), "{text}");
        }
    }

    #[test]
    fn a_line_that_ends_with_a_joining_sign_keeps_its_break() {
        for last in ['-', '‐', '‑', '–', '—', '\u{AD}', '\'', '’', 'ʼ', '/', '\\'] {
            assert!(!reads_as_space(last, 'a'), "{last:?}");
        }
        for last in ['e', ',', ')', '»', '\u{A0}'] {
            assert!(reads_as_space(last, 'a'), "{last:?}");
        }
        // Only the ASCII blanks go with the break: a no-break space at the
        // line end stays as written.
        let text = "Le rendez-vous de ce soir, prévu de longue date\u{A0}\t\r\n  a été annulé.";
        assert_eq!(
            view(text).text(),
            "Le rendez-vous de ce soir, prévu de longue date\u{A0} a été annulé."
        );
    }

    #[test]
    fn a_laid_out_text_keeps_the_lines_between_its_paragraphs() {
        // The line of code lays the text out; the two paragraphs of the
        // first block stay on adjacent lines, as in the text read alone.
        let text = "Un titre\nLe texte suit ici.\n\nExemple :\n\n    close(fd);\n";
        let v = view(text);
        assert!(!v.layout().is_empty());
        assert_eq!(v.text(), "Un titre\nLe texte suit ici.\n\nExemple :");
        // A line of code left out leaves a blank line, at a paragraph's
        // start too.
        let text = "Voir ceci :\n    close(fd);\n    et la suite du texte.\n";
        assert_eq!(view(text).text(), "Voir ceci :\n\net la suite du texte.");
        assert_eq!(
            view("Un titre\nLe texte suit ici.\n").text(),
            "Un titre\nLe texte suit ici.\n"
        );
    }

    #[test]
    fn crlf_is_not_content() {
        assert_eq!(texts("Un.\r\n\r\nDeux.\r\n"), vec!["Un.", "Deux."]);
    }
}
