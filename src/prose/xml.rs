//! XML read with quick-xml for the XLIFF and Android views: every event
//! with the bytes it spans, and the reason a file is not well formed.

use super::SyntaxError;
use crate::span::Span;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

/// One XML event and the source bytes it spans.
#[derive(Debug)]
pub(super) struct Spanned<'a> {
    /// The event.
    pub event: Event<'a>,
    /// Its bytes in the source.
    pub span: Span,
}

/// The local name of an element (`g` for `xliff:g`).
pub(super) fn local_name(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

/// The value of attribute `name` of `e`, unescaped.
pub(super) fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let attr = e.try_get_attribute(name).ok()??;
    attr.unescape_value().ok().map(|v| v.into_owned())
}

/// For each of `events`, whether `xml:space="preserve"` is in effect
/// there: set on the element or on the nearest ancestor that sets
/// `xml:space` at all (`default` turns it off again).
pub(super) fn space_preserved(events: &[Spanned<'_>]) -> Vec<bool> {
    let mut open: Vec<bool> = Vec::new();
    events
        .iter()
        .map(|spanned| {
            let inherited = open.last().copied().unwrap_or(false);
            let own = |e: &BytesStart<'_>| match attribute(e, "xml:space").as_deref() {
                Some("preserve") => true,
                Some("default") => false,
                _ => inherited,
            };
            match &spanned.event {
                Event::Start(e) => {
                    let preserved = own(e);
                    open.push(preserved);
                    preserved
                }
                Event::Empty(e) => own(e),
                Event::End(_) => open.pop().unwrap_or(false),
                _ => inherited,
            }
        })
        .collect()
}

/// The events of `text` with their spans; an error if the text is not
/// well-formed XML (a tag not closed, end tags that do not match, an
/// element left open, bad attributes, no root element).
pub(super) fn events(text: &str) -> Result<Vec<Spanned<'_>>, SyntaxError> {
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let mut reader = Reader::from_str(&text[bom..]);
    reader.config_mut().check_end_names = true;
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut root = false;
    loop {
        let start = bom + reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| SyntaxError {
            offset: bom + reader.error_position() as usize,
            reason: e.to_string(),
        })?;
        let span = Span::new(start, bom + reader.buffer_position() as usize);
        let bad_attribute = |e: &BytesStart<'_>| {
            e.attributes().find_map(Result::err).map(|err| SyntaxError {
                offset: start,
                reason: err.to_string(),
            })
        };
        match &event {
            Event::Eof => break,
            Event::Start(e) => {
                if let Some(err) = bad_attribute(e) {
                    return Err(err);
                }
                root = true;
                open.push(start);
            }
            Event::Empty(e) => {
                if let Some(err) = bad_attribute(e) {
                    return Err(err);
                }
                root = true;
            }
            Event::End(_) => {
                open.pop();
            }
            _ => {}
        }
        out.push(Spanned { event, span });
    }
    if let Some(&offset) = open.last() {
        return Err(SyntaxError {
            offset,
            reason: "element not closed before the end of the file".into(),
        });
    }
    if !root {
        return Err(SyntaxError {
            offset: text.len(),
            reason: "no root element".into(),
        });
    }
    Ok(out)
}

/// The index after the element that `events[start]` opens (its end
/// event's index + 1); `start + 1` for an empty element.
pub(super) fn skip_element(events: &[Spanned<'_>], start: usize) -> usize {
    if !matches!(events[start].event, Event::Start(_)) {
        return start + 1;
    }
    let mut depth = 0usize;
    for (i, e) in events.iter().enumerate().skip(start) {
        match e.event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    events.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_errors() {
        let text = "\u{FEFF}<a x=\"1\">t &amp; u<b/></a>";
        let events = events(text).expect("well formed");
        let spans: Vec<&str> = events.iter().map(|e| &text[e.span.range()]).collect();
        assert_eq!(spans, ["<a x=\"1\">", "t ", "&amp;", " u", "<b/>", "</a>"]);
        for (bad, at) in [
            ("<a><b></a>", 6),
            ("<a>", 0),
            ("<a x=1></a>", 0),
            ("text", 4),
        ] {
            let err = super::events(bad).expect_err(bad);
            assert_eq!(err.offset, at, "{bad}: {}", err.reason);
        }
    }
}

/// How a child element of a translatable string reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Inline {
    /// Native code (`<ph>`, `<bpt>`, `<xliff:g>`): one placeholder for
    /// the whole element.
    Code,
    /// Formatting (`<g>`, `<b>`): the tags are markup, the content prose.
    Markup,
    /// A segment (`<mrk mtype="seg">`): its content is a paragraph.
    Segment,
}

/// Reads the content of a translatable element, `events[range]` (between
/// its start and end tags), into `out`: text runs scanned in `dialect`,
/// child elements as `classify` says, empty elements as placeholders,
/// comments and processing instructions as markup.
/// Reads the content of the element opened at `events[start]` into `out`
/// as a paragraph of its own ([`content`] of everything between its tags).
pub(super) fn element_paragraph(
    text: &str,
    events: &[Spanned<'_>],
    start: usize,
    dialect: super::inline::Dialect,
    classify: &dyn Fn(&BytesStart<'_>) -> Inline,
    out: &mut super::builder::Builder,
) {
    let end = skip_element(events, start);
    out.end_paragraph();
    content(
        text,
        events,
        start + 1..end.saturating_sub(1).max(start + 1),
        dialect,
        classify,
        out,
    );
    out.end_paragraph();
}

pub(super) fn content(
    text: &str,
    events: &[Spanned<'_>],
    range: std::ops::Range<usize>,
    dialect: super::inline::Dialect,
    classify: &dyn Fn(&BytesStart<'_>) -> Inline,
    out: &mut super::builder::Builder,
) {
    use super::Gap;
    use super::inline;
    // Whitespace between segments is not prose.
    let has_segments = events[range.clone()]
        .iter()
        .any(|e| matches!(&e.event, Event::Start(s) if classify(s) == Inline::Segment));
    let mut run: Option<Span> = None;
    let flush = |run: &mut Option<Span>, in_segment: bool, out: &mut super::builder::Builder| {
        if let Some(span) = run.take() {
            if has_segments && !in_segment && text[span.range()].trim().is_empty() {
                return;
            }
            inline::scan(text, span, dialect, out);
        }
    };
    let mut i = range.start;
    // Open child elements, and the depths where segments opened.
    let mut depth = 0usize;
    let mut segments: Vec<usize> = Vec::new();
    while i < range.end {
        let spanned = &events[i];
        match &spanned.event {
            Event::Text(_) | Event::GeneralRef(_) => {
                run = Some(match run {
                    Some(r) => Span::new(r.start, spanned.span.end),
                    None => spanned.span,
                });
                i += 1;
                continue;
            }
            _ => flush(&mut run, !segments.is_empty(), out),
        }
        match &spanned.event {
            Event::CData(_) => {
                let inner = Span::new(spanned.span.start + 9, spanned.span.end.saturating_sub(3));
                inline::scan_cdata(text, inner, dialect, out);
            }
            Event::Empty(_) => out.placeholder(spanned.span),
            Event::Start(e) => match classify(e) {
                Inline::Code => {
                    let after = skip_element(events, i).min(range.end);
                    let end = events[after - 1].span.end;
                    out.placeholder(Span::new(spanned.span.start, end));
                    i = after;
                    continue;
                }
                Inline::Markup => {
                    depth += 1;
                    out.tag(Gap::Before, spanned.span);
                }
                Inline::Segment => {
                    out.end_paragraph();
                    segments.push(depth);
                    depth += 1;
                }
            },
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if segments.last() == Some(&depth) {
                    segments.pop();
                    out.end_paragraph();
                } else {
                    out.tag(Gap::After, spanned.span);
                }
            }
            _ => out.markup(Gap::Ambiguous),
        }
        i += 1;
    }
    flush(&mut run, !segments.is_empty(), out);
}
