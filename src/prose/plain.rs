//! The prose view of plain text: the text itself, split into paragraphs.

use super::{ProseView, Segment};
use crate::span::Span;
use std::borrow::Cow;

/// The view of a plain text: one verbatim segment, read in place.
pub(super) fn view(text: &str) -> ProseView<'_> {
    let whole = Span::new(0, text.len());
    ProseView::from_parts(
        Cow::Borrowed(text),
        vec![Segment {
            prose: whole,
            source: whole,
            verbatim: true,
        }],
        split_paragraphs(text),
    )
}

/// Characters that end a sentence or a heading-like line.
fn ends_block(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | ':' | '»' | '”' | '"')
}

/// Characters that show a line continues on the next one.
fn continues(c: char) -> bool {
    matches!(c, ',' | ';' | '(' | '«' | '“' | '-' | '\'' | '’')
}

/// Characters that open a list item, a heading or a quote block.
fn starts_block(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '*' | '•' | '+' | '>' | '#') || c.is_ascii_digit()
}

/// Splits `text` into paragraphs.
///
/// A blank line always ends a paragraph. A single line break ends one too,
/// unless it looks like the soft wrap of hard-wrapped prose: the next line
/// starts with a lowercase letter and the previous one does not end a
/// sentence, or the previous line ends with a sign that cannot end one
/// (`,` `;` `(` `«` …) and the next is not a list item. So one-paragraph-per-line text (headings followed by
/// their article, list items) gets a paragraph per line, while wrapped prose
/// stays whole. Paragraph spans exclude the line terminators and any
/// leading/trailing blank lines.
pub fn split_paragraphs(text: &str) -> Vec<Span> {
    let mut paragraphs = Vec::new();
    let mut current: Option<Span> = None;
    let mut prev_last: Option<char> = None;
    let mut pos = 0;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..line_end].trim_end_matches('\r');
        let content_end = pos + line.trim_end().len();
        let first = line.trim_start().chars().next();
        let last = line.trim_end().chars().next_back();
        match (first, &mut current) {
            (None, _) => {
                if let Some(p) = current.take() {
                    paragraphs.push(p);
                }
            }
            (Some(first), Some(para)) => {
                let soft_wrap = match prev_last {
                    _ if starts_block(first) => false,
                    Some(prev) if continues(prev) => true,
                    Some(prev) => !ends_block(prev) && first.is_lowercase(),
                    None => false,
                };
                if soft_wrap {
                    para.end = content_end;
                } else {
                    paragraphs.push(*para);
                    *para = Span::new(pos + (line.len() - line.trim_start().len()), content_end);
                }
            }
            (Some(_), None) => {
                current = Some(Span::new(
                    pos + (line.len() - line.trim_start().len()),
                    content_end,
                ));
            }
        }
        prev_last = last;
        pos = line_end + 1;
    }
    if let Some(p) = current {
        paragraphs.push(p);
    }
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
    fn crlf_is_not_content() {
        assert_eq!(texts("Un.\r\n\r\nDeux.\r\n"), vec!["Un.", "Deux."]);
    }
}
