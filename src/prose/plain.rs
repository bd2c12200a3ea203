//! The prose view of plain text: the text itself, split into paragraphs,
//! without the layout a conversion to text leaves (see
//! [`super::plain_layout`]).

use super::builder::Builder;
use super::plain_layout::{self, Mark};
use super::{Gap, ProseView, Segment, SegmentKind};
use crate::span::Span;
use std::borrow::Cow;

/// The view of a plain text: one verbatim segment, read in place, unless
/// its layout holds justified lines, broken words or lines of code.
pub(super) fn view(text: &str) -> ProseView<'_> {
    let marks = plain_layout::marks(text);
    if !marks.is_empty() {
        return laid_out(text, &marks);
    }
    let whole = Span::new(0, text.len());
    ProseView::from_parts(
        Cow::Borrowed(text),
        vec![Segment {
            prose: whole,
            source: whole,
            kind: SegmentKind::Verbatim,
        }],
        split_paragraphs(text),
    )
    .with_directives(crate::suppress::plain_directives(text))
}

/// The view of a plain text with layout `marks`: each paragraph copied
/// verbatim, except that a justification gap reads as one space, a broken
/// word joins and a line of code ends the paragraph and is left out.
fn laid_out(text: &str, marks: &[Mark]) -> ProseView<'static> {
    let mut builder = Builder::new();
    let mut next = 0;
    for paragraph in split_paragraphs(text) {
        let mut at = paragraph.start;
        while let Some(&mark) = marks.get(next) {
            let span = mark.span();
            if span.start >= paragraph.end {
                break;
            }
            next += 1;
            if span.start < at || span.end > paragraph.end {
                // Across two paragraphs: left as it is.
                continue;
            }
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

/// One non-blank line: its content span and text.
struct Line<'t> {
    span: Span,
    text: &'t str,
}

/// Whether a block of lines is hard-wrapped prose: every line but the last
/// fits the wrap width, and they are long enough on average to be wrapped
/// text rather than a list of short lines (a title, an address, verses).
fn is_wrapped(lines: &[Line]) -> bool {
    let Some((_, body)) = lines.split_last() else {
        return false;
    };
    if body.is_empty() {
        return false;
    }
    let widths: Vec<usize> = body.iter().map(|l| l.text.chars().count()).collect();
    widths.iter().all(|&w| w <= WRAP_WIDTH) && widths.iter().sum::<usize>() >= 40 * widths.len()
}

/// Splits one block (lines between blank lines) of `text` into paragraphs.
fn split_block(text: &str, lines: &[Line], out: &mut Vec<Span>) {
    let wrapped = is_wrapped(lines);
    let mut current: Option<Span> = None;
    for line in lines {
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
                out.push(span);
                Some(line.span)
            }
            None => Some(line.span),
        };
    }
    out.extend(current);
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
    let mut paragraphs = Vec::new();
    let mut block: Vec<Line> = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let raw = text[pos..line_end].trim_end_matches('\r');
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            split_block(text, &block, &mut paragraphs);
            block.clear();
        } else {
            let start = pos + (raw.len() - raw.trim_start().len());
            block.push(Line {
                span: Span::new(start, start + trimmed.len()),
                text: trimmed,
            });
        }
        if line_end == text.len() {
            break;
        }
        pos = line_end + 1;
    }
    split_block(text, &block, &mut paragraphs);
    paragraphs
}

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
    fn crlf_is_not_content() {
        assert_eq!(texts("Un.\r\n\r\nDeux.\r\n"), vec!["Un.", "Deux."]);
    }
}
