//! Prose views: the text that rules read, and the map from its bytes back to
//! the source file.
//!
//! A view is built per input format. Plain text is its own prose (one
//! verbatim segment, read in place). Markdown is read in place too, but its
//! code, HTML, link targets and markup syntax are *protected* segments:
//! findings inside them are dropped and no fix may touch them. A later view
//! may build a new text (markup removed, code replaced by a placeholder);
//! segments then say which prose bytes are copied verbatim from the source.
//! Rules only ever see [`ProseView::text`]; diagnostics are mapped back to
//! source bytes with [`ProseView::map_diagnostic`], and a fix that would
//! touch a non-verbatim segment is downgraded to display-only.

mod markdown;
mod plain;

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::source::{Source, SourceKind};
use crate::span::Span;
use std::borrow::Cow;

pub use plain::split_paragraphs;

/// A run of prose bytes and the source bytes it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Bytes in the prose text.
    pub prose: Span,
    /// Bytes in the source text.
    pub source: Span,
    /// Whether the prose bytes are a verbatim copy of the source bytes (fixes
    /// may edit them); otherwise they are a placeholder.
    pub verbatim: bool,
}

/// The prose of one source: its text, the segment map and the paragraphs.
#[derive(Debug, Clone)]
pub struct ProseView<'a> {
    text: Cow<'a, str>,
    segments: Vec<Segment>,
    paragraphs: Vec<Span>,
    emphasis: Vec<Span>,
}

impl<'a> ProseView<'a> {
    /// The view of `source` for its kind.
    pub fn new(source: &'a Source) -> ProseView<'a> {
        match source.kind {
            SourceKind::PlainText => plain::view(&source.text),
            SourceKind::Markdown => markdown::view(&source.text),
        }
    }

    /// A view from its parts; `segments` must be sorted and cover the text.
    pub fn from_parts(text: Cow<'a, str>, segments: Vec<Segment>, paragraphs: Vec<Span>) -> Self {
        ProseView {
            text,
            segments,
            paragraphs,
            emphasis: Vec::new(),
        }
    }

    /// The same view with `spans` (sorted, in prose coordinates) marked as
    /// emphasis: Markdown `*italics*`, where English is a citation.
    pub fn with_emphasis(mut self, spans: Vec<Span>) -> Self {
        self.emphasis = spans;
        self
    }

    /// The innermost emphasis around `span`, markers included.
    pub fn emphasis_around(&self, span: Span) -> Option<Span> {
        self.emphasis
            .iter()
            .take_while(|e| e.start <= span.start)
            .filter(|e| span.end <= e.end)
            .last()
            .copied()
    }

    /// The text rules read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The paragraphs, in prose coordinates, in order.
    pub fn paragraphs(&self) -> &[Span] {
        &self.paragraphs
    }

    /// The segment map.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    fn segment_index(&self, offset: usize, is_end: bool) -> Option<usize> {
        // The segment containing `offset`; an end offset belongs to the
        // segment it ends, a start offset to the one it starts.
        let idx = self.segments.partition_point(|s| {
            if is_end {
                s.prose.end < offset
            } else {
                s.prose.end <= offset
            }
        });
        if idx < self.segments.len() {
            Some(idx)
        } else {
            self.segments.len().checked_sub(1)
        }
    }

    fn map_offset(&self, offset: usize, is_end: bool) -> (usize, Option<usize>) {
        match self.segment_index(offset, is_end) {
            Some(i) => {
                let seg = self.segments[i];
                // Verbatim and same-length protected segments map byte to
                // byte; a placeholder maps to the whole source it replaces.
                if seg.verbatim || seg.prose.len() == seg.source.len() {
                    let within = offset.saturating_sub(seg.prose.start).min(seg.source.len());
                    (seg.source.start + within, Some(i))
                } else if is_end && offset > seg.prose.start {
                    (seg.source.end, Some(i))
                } else {
                    (seg.source.start, Some(i))
                }
            }
            None => (offset, None),
        }
    }

    /// Maps a prose span to source bytes.
    pub fn to_source(&self, span: Span) -> Span {
        let start = self.map_offset(span.start, false).0;
        let end = self.map_offset(span.end, true).0;
        Span::new(start, end.max(start))
    }

    /// The verbatim segment holding `span` whole (an insertion point may sit
    /// on either edge of it).
    fn verbatim_segment(&self, span: Span) -> Option<&Segment> {
        let first = self.segments.partition_point(|s| s.prose.end < span.start);
        self.segments[first..]
            .iter()
            .take_while(|s| s.prose.start <= span.start)
            .find(|s| s.verbatim && s.prose.start <= span.start && span.end <= s.prose.end)
    }

    /// Maps an edit to source bytes; `None` if it touches a protected or
    /// placeholder segment (such an edit could damage markup or code).
    fn edit_to_source(&self, edit: &Edit) -> Option<Edit> {
        let seg = self.verbatim_segment(edit.span)?;
        let start = seg.source.start + (edit.span.start - seg.prose.start);
        let end = seg.source.start + (edit.span.end - seg.prose.start);
        Some(Edit::replace(
            Span::new(start, end),
            edit.replacement.clone(),
        ))
    }

    /// Whether no byte of `span` is prose (an empty span: whether it sits
    /// strictly inside protected text).
    fn is_protected(&self, span: Span) -> bool {
        if span.is_empty() {
            return self.verbatim_segment(span).is_none();
        }
        let first = self.segments.partition_point(|s| s.prose.end <= span.start);
        !self.segments[first..]
            .iter()
            .take_while(|s| s.prose.start < span.end)
            .any(|s| s.verbatim)
    }

    /// Whether `span` is prose, not protected text (code, markup).
    pub fn is_prose(&self, span: Span) -> bool {
        self.is_identity() || !self.is_protected(span)
    }

    /// Whether prose and source coincide byte for byte.
    pub fn is_identity(&self) -> bool {
        matches!(self.segments.as_slice(), [s] if s.verbatim && s.prose == s.source && s.prose.start == 0)
    }

    /// Maps a diagnostic from prose to source coordinates, in place.
    /// Returns `false` when the finding lies entirely in protected text
    /// (code, markup), where it must be dropped.
    pub fn map_diagnostic(&self, diagnostic: &mut Diagnostic) -> bool {
        if self.is_identity() {
            return true;
        }
        if self.is_protected(diagnostic.span) {
            return false;
        }
        diagnostic.span = self.to_source(diagnostic.span);
        if let Some(fix) = &mut diagnostic.fix {
            let mapped: Option<Vec<Edit>> =
                fix.edits.iter().map(|e| self.edit_to_source(e)).collect();
            match mapped {
                Some(edits) => fix.edits = edits,
                None => {
                    fix.applicability = Applicability::DisplayOnly;
                    for edit in &mut fix.edits {
                        edit.span = self.to_source(edit.span);
                    }
                }
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view_with_placeholder() -> ProseView<'static> {
        // Source: "ab `code` cd" ; prose: "ab X cd" where X stands for `code`.
        ProseView::from_parts(
            Cow::Owned("ab X cd".into()),
            vec![
                Segment {
                    prose: Span::new(0, 3),
                    source: Span::new(0, 3),
                    verbatim: true,
                },
                Segment {
                    prose: Span::new(3, 4),
                    source: Span::new(3, 9),
                    verbatim: false,
                },
                Segment {
                    prose: Span::new(4, 7),
                    source: Span::new(9, 12),
                    verbatim: true,
                },
            ],
            vec![Span::new(0, 7)],
        )
    }

    #[test]
    fn maps_spans_through_segments() {
        let view = view_with_placeholder();
        assert_eq!(view.to_source(Span::new(5, 7)), Span::new(10, 12));
        assert_eq!(view.to_source(Span::new(3, 4)), Span::new(3, 9));
        assert_eq!(view.to_source(Span::new(0, 2)), Span::new(0, 2));
    }

    #[test]
    fn edits_across_placeholders_become_display_only() {
        use crate::diagnostic::{Category, Fix, Severity};
        let view = view_with_placeholder();
        let mut d = Diagnostic {
            rule: "spacing/test",
            category: Category::Spacing,
            severity: Severity::Warning,
            span: Span::new(2, 5),
            message: String::new(),
            fix: Some(Fix::safe(Edit::replace(Span::new(2, 5), "x"))),
        };
        view.map_diagnostic(&mut d);
        assert_eq!(
            d.fix.as_ref().map(|f| f.applicability),
            Some(Applicability::DisplayOnly)
        );

        let mut ok = d.clone();
        ok.fix = Some(Fix::safe(Edit::insert(5, "y")));
        view.map_diagnostic(&mut ok);
        let fix = ok.fix.expect("fix kept");
        assert_eq!(fix.applicability, Applicability::Safe);
        assert_eq!(fix.edits[0].span, Span::empty(10));
    }
}
