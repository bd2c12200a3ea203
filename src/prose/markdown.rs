//! The prose view of Markdown, read in place: the text is the source, but
//! only the text of paragraphs, headings, list items, table cells, link and
//! image labels is prose. Code (blocks and spans), math, HTML, front matter,
//! GitHub alert markers, link
//! targets, footnote references and the markup itself (`**`, `#`, `- `,
//! table pipes and padding, the `!` of images) are protected segments, so
//! that no finding points into them and no fix touches them.
//!
//! This keeps Markdown files safe to fix. A fuller view (markup removed so
//! that `**Bonjour** !` reads as `Bonjour !`, template tags masked) can
//! replace it without changing the rules.

use super::{ProseView, Segment};
use crate::span::Span;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;

/// Whether a tag is inline (inside a paragraph) rather than a block.
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The prose of a Markdown text: the byte ranges that are prose (sorted and
/// merged), and the paragraphs, one per leaf block (paragraph, heading,
/// list item text, table cell), as CommonMark parses them.
fn analyse(text: &str) -> (Vec<Span>, Vec<Span>, Vec<Span>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        // GitHub alerts (`> [!NOTE]`) and `$…$` math are markup too.
        | Options::ENABLE_GFM
        | Options::ENABLE_MATH;
    let mut ranges: Vec<Span> = Vec::new();
    let mut paragraphs: Vec<Span> = Vec::new();
    let mut current: Option<Span> = None;
    let mut emphasis: Vec<Span> = Vec::new();
    // Text inside code blocks, HTML blocks and front matter is not prose.
    let mut opaque = 0usize;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let span = Span::new(range.start, range.end);
        let inline = match &event {
            Event::Start(tag) if is_inline(tag) => true,
            Event::End(tag) if is_inline_end(tag) => true,
            Event::Start(_) | Event::End(_) => false,
            _ => true,
        };
        if !inline {
            paragraphs.extend(current.take());
        }
        match event {
            Event::Start(Tag::Emphasis) => emphasis.push(span),
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => opaque += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                opaque = opaque.saturating_sub(1);
            }
            Event::Text(_) | Event::SoftBreak if opaque == 0 => {
                match ranges.last_mut() {
                    Some(last) if last.end >= span.start => last.end = last.end.max(span.end),
                    _ => ranges.push(span),
                }
                current = Some(current.map_or(span, |c| c.cover(span)));
            }
            _ if inline && opaque == 0 => {
                // Inline code, math, links: inside the paragraph, not prose.
                if let Some(c) = &mut current {
                    *c = c.cover(span);
                }
            }
            _ => {}
        }
    }
    paragraphs.extend(current);
    emphasis.sort_by_key(|s| (s.start, s.end));
    (ranges, paragraphs, emphasis)
}

/// The view of a Markdown text.
pub(super) fn view(text: &str) -> ProseView<'_> {
    let (prose, paragraphs, emphasis) = analyse(text);
    let mut segments = Vec::new();
    let mut pos = 0;
    let protected = |start: usize, end: usize| Segment {
        prose: Span::new(start, end),
        source: Span::new(start, end),
        verbatim: false,
    };
    for span in prose {
        if span.start > pos {
            segments.push(protected(pos, span.start));
        }
        segments.push(Segment {
            prose: span,
            source: span,
            verbatim: true,
        });
        pos = span.end;
    }
    if pos < text.len() || segments.is_empty() {
        segments.push(protected(pos, text.len()));
    }
    ProseView::from_parts(Cow::Borrowed(text), segments, paragraphs).with_emphasis(emphasis)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> Vec<&str> {
        analyse(text).0.iter().map(|s| &text[s.range()]).collect()
    }

    fn paragraphs(text: &str) -> Vec<&str> {
        analyse(text).1.iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn paragraphs_follow_commonmark() {
        let text = "# Titre\n\nUne phrase « qui continue\nLà » et *fin*.\n\n- un\n- deux\n\n> « Cité.\n>\n> » Suite. »\n";
        assert_eq!(
            paragraphs(text),
            vec![
                "Titre",
                "Une phrase « qui continue\nLà » et *fin*.",
                "un",
                "deux",
                "« Cité.",
                "» Suite. »"
            ]
        );
    }

    #[test]
    fn code_html_and_markup_are_not_prose() {
        let text = "# Titre\n\nDu **gras** et `code` ici.\n\n```\nlet v = vec![1];\n```\n\n<!-- note -->\n\n![logo](a.png) [lien](https://x.fr)\n";
        assert_eq!(
            prose(text),
            vec!["Titre", "Du ", "gras", " et ", " ici.", "logo", " ", "lien"]
        );
    }

    #[test]
    fn front_matter_and_tables() {
        let text =
            "---\ntitle: Essai\n---\n\n| Nom   | Prix |\n|-------|------|\n| Pommes | 2 € |\n";
        let p = prose(text);
        assert!(!p.iter().any(|s| s.contains("title")), "{p:?}");
        assert!(p.contains(&"Pommes") && p.contains(&"Nom"), "{p:?}");
        assert!(!p.iter().any(|s| s.contains('|')), "{p:?}");
    }
}
