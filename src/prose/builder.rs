//! Builds a prose text piece by piece from a source, keeping the segment
//! map, the paragraphs and the markup gaps (shared by the Markdown and
//! gettext views).

use super::{Gap, PLACEHOLDER, ProseView, Segment, SegmentKind};
use crate::span::Span;
use std::borrow::Cow;

/// What separates two paragraphs in the built text.
const PARAGRAPH_BREAK: &str = "\n\n";

/// A prose text under construction.
#[derive(Debug, Default)]
pub(super) struct Builder {
    text: String,
    segments: Vec<Segment>,
    paragraphs: Vec<Span>,
    /// Prose start of the paragraph being built.
    paragraph: Option<usize>,
    gaps: Vec<(usize, Gap)>,
    /// Markup met since the last piece of the current paragraph.
    pending: Option<Gap>,
    /// Source end of the last piece.
    source_end: usize,
    /// The tags met (source bytes), with the index of the paragraph they
    /// belong to (the one open, or the next one when none is).
    tags: Vec<(usize, Span)>,
    /// What separates the last paragraph from the next one.
    separator: Separator,
    /// The source's white space for [`Separator::Source`].
    separator_text: String,
}

/// What separates two paragraphs in the built text.
#[derive(Debug, Default, Clone, Copy)]
enum Separator {
    /// A blank line ([`PARAGRAPH_BREAK`]).
    #[default]
    Blank,
    /// The source's white space between them, these bytes.
    Source(Span),
    /// A blank line: source text between them was left out (a line of
    /// code), or a paragraph between them gave no text.
    Skipped,
}

impl Builder {
    /// An empty builder.
    pub(super) fn new() -> Builder {
        Builder::default()
    }

    /// The prose length so far.
    pub(super) fn len(&self) -> usize {
        self.text.len()
    }

    /// Notes markup between the last piece and the next one.
    pub(super) fn markup(&mut self, gap: Gap) {
        if self.paragraph.is_some() {
            self.pending = Some(self.pending.map_or(gap, |g| g.then(gap)));
        }
    }

    /// Notes a tag (the `source` bytes: `<b>`, `</g>`) between the last
    /// piece and the next one; it is markup, and counts as a tag of its
    /// paragraph ([`Builder::tags_in`]).
    pub(super) fn tag(&mut self, gap: Gap, source: Span) {
        self.tags.push((self.paragraphs.len(), source));
        self.markup(gap);
    }

    /// The source bytes of the tags of paragraphs `from..to` (indexes),
    /// in order: only markup that is a tag (starts with `<`).
    pub(super) fn tags_in<'s>(&self, source: &'s str, from: usize, to: usize) -> Vec<&'s str> {
        self.tags
            .iter()
            .filter(|(p, _)| (from..to).contains(p))
            .filter_map(|(_, span)| source.get(span.range()))
            .filter(|t| t.starts_with('<'))
            .collect()
    }

    /// Copies `source` (bytes of `from`) verbatim.
    pub(super) fn verbatim(&mut self, from: &str, source: Span) {
        self.push(&from[source.range()], source, SegmentKind::Verbatim);
    }

    /// Adds `text`, the decoded form of the `source` bytes.
    pub(super) fn decoded(&mut self, text: &str, source: Span) {
        self.push(text, source, SegmentKind::Decoded);
    }

    /// Adds a placeholder word for the `source` bytes.
    pub(super) fn placeholder(&mut self, source: Span) {
        let mut buf = [0u8; 4];
        self.push(
            PLACEHOLDER.encode_utf8(&mut buf),
            source,
            SegmentKind::Placeholder,
        );
    }

    /// Separates the next paragraph from the last one by `source` (bytes
    /// of `from`: the white space between them in the source) instead of a
    /// blank line, so that the lines around keep their places. When a
    /// paragraph that gave no text lies between (this is called again
    /// before the next paragraph starts), a blank line separates them.
    pub(super) fn separator(&mut self, from: &str, source: Span) {
        if self.paragraph.is_some() {
            return;
        }
        self.separator = match self.separator {
            Separator::Blank => {
                self.separator_text.clear();
                self.separator_text.push_str(&from[source.range()]);
                Separator::Source(source)
            }
            Separator::Source(_) | Separator::Skipped => Separator::Skipped,
        };
    }

    /// Notes that source text was left out before the next paragraph (a
    /// line of code): a blank line separates it from the last one.
    pub(super) fn left_out(&mut self) {
        if self.paragraph.is_none() {
            self.separator = Separator::Skipped;
        }
    }

    fn push(&mut self, text: &str, source: Span, kind: SegmentKind) {
        if text.is_empty() {
            return;
        }
        match self.paragraph {
            None => {
                let separator = std::mem::take(&mut self.separator);
                if self.text.is_empty() {
                    // The first paragraph.
                } else if let Separator::Source(between) = separator
                    && !self.separator_text.is_empty()
                {
                    let start = self.text.len();
                    self.text.push_str(&self.separator_text);
                    self.segments.push(Segment {
                        prose: Span::new(start, self.text.len()),
                        source: between,
                        kind: SegmentKind::Verbatim,
                    });
                } else {
                    let start = self.text.len();
                    self.text.push_str(PARAGRAPH_BREAK);
                    self.segments.push(Segment {
                        prose: Span::new(start, self.text.len()),
                        source: Span::new(self.source_end.min(source.start), source.start),
                        kind: SegmentKind::Placeholder,
                    });
                }
                self.paragraph = Some(self.text.len());
                self.pending = None;
            }
            Some(_) => {
                if let Some(gap) = self.pending.take() {
                    self.gaps.push((self.text.len(), gap));
                }
            }
        }
        let start = self.text.len();
        self.text.push_str(text);
        let prose = Span::new(start, self.text.len());
        match self.segments.last_mut() {
            // Verbatim pieces that follow each other in the source too make
            // one segment.
            Some(last)
                if kind == SegmentKind::Verbatim
                    && last.is_verbatim()
                    && last.source.end == source.start
                    && self.gaps.last().is_none_or(|g| g.0 != start) =>
            {
                last.prose.end = prose.end;
                last.source.end = source.end;
            }
            _ => self.segments.push(Segment {
                prose,
                source,
                kind,
            }),
        }
        self.source_end = source.end;
    }

    /// How many paragraphs are finished.
    pub(super) fn paragraph_count(&self) -> usize {
        self.paragraphs.len()
    }

    /// The prose from the start of paragraph `from` (an index) to the end
    /// of the last finished one, if any was finished since.
    pub(super) fn paragraphs_since(&self, from: usize) -> Option<Span> {
        let first = self.paragraphs.get(from)?;
        let last = self.paragraphs.last()?;
        Some(Span::new(first.start, last.end))
    }

    /// The source bytes of the placeholders (not paragraph breaks) inside
    /// `prose`, in order.
    pub(super) fn codes_in<'s>(&self, source: &'s str, prose: Span) -> Vec<&'s str> {
        let first = self
            .segments
            .partition_point(|s| s.prose.end <= prose.start);
        self.segments[first..]
            .iter()
            .take_while(|s| s.prose.start < prose.end)
            .filter(|s| {
                s.kind == SegmentKind::Placeholder
                    && self.text[s.prose.range()].starts_with(PLACEHOLDER)
            })
            .filter_map(|s| source.get(s.source.range()))
            .collect()
    }

    /// The text built so far.
    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// Ends the current paragraph, if any.
    pub(super) fn end_paragraph(&mut self) {
        if let Some(start) = self.paragraph.take() {
            self.paragraphs.push(Span::new(start, self.text.len()));
        } else {
            // Tags of a text without prose belong to no paragraph.
            let next = self.paragraphs.len();
            while self.tags.last().is_some_and(|t| t.0 == next) {
                self.tags.pop();
            }
        }
        self.pending = None;
    }

    /// The view, with `emphasis` spans in prose coordinates.
    pub(super) fn finish(mut self, emphasis: Vec<Span>) -> ProseView<'static> {
        self.end_paragraph();
        ProseView::from_parts(Cow::Owned(self.text), self.segments, self.paragraphs)
            .with_emphasis(emphasis)
            .with_gaps(self.gaps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_paragraphs_and_gaps() {
        let src = "**Bonjour** !\n\nFin.";
        let mut b = Builder::new();
        b.markup(Gap::Before);
        b.verbatim(src, Span::new(2, 9));
        b.markup(Gap::After);
        b.verbatim(src, Span::new(11, 13));
        b.end_paragraph();
        b.verbatim(src, Span::new(15, 19));
        let view = b.finish(Vec::new());
        assert_eq!(view.text(), "Bonjour !\n\nFin.");
        assert_eq!(view.paragraphs(), &[Span::new(0, 9), Span::new(11, 15)]);
        assert_eq!(view.to_source(Span::new(8, 9)), Span::new(12, 13));
        assert_eq!(view.to_source(Span::new(11, 14)), Span::new(15, 18));
        // The first paragraph starts without a gap; the second piece after
        // closing markup.
        assert_eq!(view.gaps, vec![(7, Gap::After)]);
    }
}
