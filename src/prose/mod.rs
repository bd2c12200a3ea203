//! Prose views: the text that rules read, and the map from its bytes back to
//! the source file.
//!
//! A view is built per input format. Plain text is its own prose (one
//! verbatim segment, read in place). Markdown and gettext catalogues build a
//! new text: the prose pieces copied from the source ([`SegmentKind::Verbatim`]),
//! decoded text (an entity or an escape: [`SegmentKind::Decoded`]) and
//! placeholders for what is masked (code, URLs, template tags, printf
//! placeholders: [`SegmentKind::Placeholder`], read as one neutral word).
//! Markup between two pieces is dropped, so `**Bonjour** !` reads
//! `Bonjour !`. Rules only ever see [`ProseView::text`]; diagnostics are
//! mapped back to source bytes with [`ProseView::map_diagnostic`], and a fix
//! that would touch anything but verbatim prose, or insert where markup
//! makes the place ambiguous, becomes display-only.

mod android;
mod builder;
mod inline;
mod json;
mod json_i18n;
pub mod markdown;
mod pairs;
mod plain;
mod plain_layout;
pub mod po;
mod xliff;
mod xml;

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::source::{Source, SourceKind};
use crate::span::Span;
use crate::suppress::Directive;
use std::borrow::Cow;

pub use pairs::{Pair, Side, weigh_untranslated};
pub use plain::split_paragraphs;
pub use plain_layout::LayoutKind;

/// The layout marks of a plain text (justified gaps, broken words, lines
/// of code, manual-page names), each as its kind and its source bytes: the
/// fix loop compares a paragraph's layout read alone with its layout in
/// the whole text ([`crate::recheck`]).
pub fn layout_marks(text: &str) -> Vec<(LayoutKind, Span)> {
    plain_layout::kinds_and_spans(&plain_layout::marks(text))
}

/// The commands that the synopsis lines of `text` start with (`unset` in
/// `unset [-fv] [-n] [nom ...]`): names of programs, which the text also
/// writes as bare words.
pub fn synopsis_commands(text: &str) -> impl Iterator<Item = &str> {
    plain_layout::synopsis_commands(text)
}

/// Why a file cannot be read as its format (XML not well formed, JSON
/// not valid).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset where the problem is seen.
    pub offset: usize,
    /// What is wrong, in the parser's words.
    pub reason: String,
}

/// Checks that `text` parses as `kind`: XLIFF and Android resources must
/// be well-formed XML, JSON resources valid JSON. Other kinds always pass
/// (a catalogue or Markdown is read whatever it holds).
pub fn check_syntax(text: &str, kind: SourceKind) -> Result<(), SyntaxError> {
    match kind {
        SourceKind::Xliff | SourceKind::Android => xml::events(text).map(|_| ()),
        SourceKind::JsonResource => json_i18n::check(text),
        _ => Ok(()),
    }
}

/// The translations of `source` marked fuzzy (gettext `#, fuzzy`, XLIFF
/// `state="needs-…"` or 2.x `state="initial"`), as sorted source spans:
/// a finding inside one is in a fuzzy entry. Empty for other formats,
/// and without building a view when the file marks nothing so.
pub fn fuzzy_spans(source: &Source) -> Vec<Span> {
    let marked = match source.kind {
        SourceKind::Po => source.text.contains("fuzzy"),
        SourceKind::Xliff => source.text.contains("state="),
        _ => false,
    };
    if !marked {
        return Vec::new();
    }
    let view = ProseView::new(source);
    view.pairs()
        .iter()
        .filter(|p| p.fuzzy)
        .map(|p| view.to_source(p.target))
        .collect()
}

/// Whether `span` lies in one of `fuzzy` (sorted, from [`fuzzy_spans`]).
pub fn in_fuzzy(fuzzy: &[Span], span: Span) -> bool {
    let i = fuzzy.partition_point(|f| f.end < span.end);
    fuzzy.get(i).is_some_and(|f| f.start <= span.start)
}

/// A digest of what a fix must leave unchanged in a file read through
/// `view`: whether it parses, and every byte that is not verbatim prose
/// (tags, keys, sources, escapes, placeholders), in order. A fix that
/// breaks the syntax, or adds text the format reads as syntax (a quote in
/// JSON, `<` or `&` in XML, `%d`), changes it.
fn verbatim_skeleton(text: &str, kind: SourceKind, view: &ProseView<'_>) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut hasher = DefaultHasher::new();
    check_syntax(text, kind).is_ok().hash(&mut hasher);
    // Verbatim prose and escaped spaces (which fixes may write, see
    // [`SpaceEscape`]) are text; the rest is structure.
    let prose = view.text();
    let is_text = |s: &&Segment| {
        s.is_verbatim()
            || s.kind == SegmentKind::Decoded
                && prose
                    .get(s.prose.range())
                    .is_some_and(|t| t.chars().all(|c| c == '\u{A0}' || c == '\u{202F}'))
    };
    let mut at = 0;
    for seg in view.segments().iter().filter(is_text) {
        // Two pieces of text side by side (a word, an escaped space) have
        // nothing between them.
        if let Some(gap) = text.get(at..seg.source.start).filter(|g| !g.is_empty()) {
            gap.hash(&mut hasher);
        }
        at = seg.source.end.max(at);
    }
    text.get(at..).hash(&mut hasher);
    hasher.finish()
}

/// The character that stands for masked text (inline code, a URL, a
/// template tag, a placeholder): the tokenizer reads it as a word that no
/// lexicon knows, so it neither starts nor ends a sentence and no rule
/// reports it.
pub const PLACEHOLDER: char = '\u{FFFC}';

/// A digest of the structure of `text` read as `kind`: what no fix may
/// change (Markdown blocks and markup, code, front matter, HTML and URLs
/// byte for byte; the lines, keywords, strings, placeholders and escapes of
/// a catalogue; the bytes around a JSON string literal and its validity).
/// `None` for plain text, which has no structure.
pub fn structure(text: &str, kind: SourceKind) -> Option<u64> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    match kind {
        SourceKind::PlainText => None,
        SourceKind::Markdown => Some(markdown::structure(text)),
        SourceKind::Po => {
            let mut hasher = DefaultHasher::new();
            po::structure(text).hash(&mut hasher);
            Some(hasher.finish())
        }
        SourceKind::Xliff => Some(verbatim_skeleton(text, kind, &xliff::view(text))),
        SourceKind::Android => Some(verbatim_skeleton(text, kind, &android::view(text, None))),
        SourceKind::JsonResource => {
            Some(verbatim_skeleton(text, kind, &json_i18n::view(text, None)))
        }
        SourceKind::JsonString(literal) => {
            let mut hasher = DefaultHasher::new();
            let valid = text
                .get(literal.range())
                .is_some_and(|l| serde_json::from_str::<String>(l).is_ok());
            valid.hash(&mut hasher);
            text.get(..literal.start).hash(&mut hasher);
            text.get(literal.end..).hash(&mut hasher);
            Some(hasher.finish())
        }
    }
}

/// What the prose bytes of a segment are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    /// A verbatim copy of the source bytes: fixes may edit them.
    Verbatim,
    /// The decoded form of the source (`&amp;`, `\"`): findings are kept,
    /// fixes touching it are display-only.
    Decoded,
    /// Masked text or a paragraph separator: findings inside are dropped.
    Placeholder,
}

/// A run of prose bytes and the source bytes it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Bytes in the prose text.
    pub prose: Span,
    /// Bytes in the source text.
    pub source: Span,
    /// What the prose bytes are.
    pub kind: SegmentKind,
}

impl Segment {
    /// Whether the prose bytes are a verbatim copy of the source bytes.
    pub fn is_verbatim(&self) -> bool {
        self.kind == SegmentKind::Verbatim
    }
}

/// Where an insertion goes when it falls between two prose pieces that
/// markup separates in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// Before the markup (it opens something: `**`, `[`).
    Before,
    /// After the markup (it closes something, `**`, `](url)`, or it
    /// starts a line, `> `).
    After,
    /// Nowhere: the fix becomes display-only.
    Ambiguous,
}

impl Gap {
    /// The gap of two runs of markup one after the other.
    pub fn then(self, next: Gap) -> Gap {
        if self == next { self } else { Gap::Ambiguous }
    }
}

/// The prose of one source: its text, the segment map and the paragraphs.
#[derive(Debug, Clone)]
pub struct ProseView<'a> {
    text: Cow<'a, str>,
    segments: Vec<Segment>,
    paragraphs: Vec<Span>,
    emphasis: Vec<Span>,
    /// Prose offsets where markup separates two pieces, sorted.
    gaps: Vec<(usize, Gap)>,
    directives: Vec<Directive>,
    pairs: Vec<Pair>,
    spaces: SpaceEscape,
    layout: Vec<(LayoutKind, Span)>,
}

/// How fixes write the no-break spaces they insert: as the character, or
/// escaped the way the file already writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SpaceEscape {
    /// The character itself.
    #[default]
    Raw,
    /// `\u00a0` (JSON, Android), in the case the file uses.
    Unicode {
        /// Upper-case hex digits (`\u00A0`).
        upper: bool,
    },
    /// `&#160;` (XML).
    Decimal,
    /// `&#xA0;` (XML).
    Hex,
}

impl SpaceEscape {
    /// The style `text` already writes its no-break spaces in, among the
    /// escapes its format allows (`json`: backslash escapes; else XML
    /// references).
    /// References are not read inside CDATA: a file holding CDATA gets
    /// raw spaces rather than `&#160;`.
    fn of(text: &str, backslash: bool, references: bool) -> SpaceEscape {
        let references = references && !text.contains("<![CDATA[");
        if backslash && (text.contains("\\u00A0") || text.contains("\\u202F")) {
            SpaceEscape::Unicode { upper: true }
        } else if backslash && (text.contains("\\u00a0") || text.contains("\\u202f")) {
            SpaceEscape::Unicode { upper: false }
        } else if references && (text.contains("&#160;") || text.contains("&#8239;")) {
            SpaceEscape::Decimal
        } else if references && (text.contains("&#xA0;") || text.contains("&#xa0;")) {
            SpaceEscape::Hex
        } else {
            SpaceEscape::Raw
        }
    }

    /// `replacement` with its no-break spaces written in this style.
    fn apply(self, replacement: &str) -> String {
        if self == SpaceEscape::Raw || !replacement.contains(['\u{A0}', '\u{202F}']) {
            return replacement.to_string();
        }
        let mut out = String::with_capacity(replacement.len() + 8);
        for c in replacement.chars() {
            match (c, self) {
                ('\u{A0}' | '\u{202F}', SpaceEscape::Unicode { upper: true }) => {
                    out.push_str(&format!("\\u{:04X}", u32::from(c)));
                }
                ('\u{A0}' | '\u{202F}', SpaceEscape::Unicode { upper: false }) => {
                    out.push_str(&format!("\\u{:04x}", u32::from(c)));
                }
                ('\u{A0}' | '\u{202F}', SpaceEscape::Decimal) => {
                    out.push_str(&format!("&#{};", u32::from(c)));
                }
                ('\u{A0}' | '\u{202F}', SpaceEscape::Hex) => {
                    out.push_str(&format!("&#x{:X};", u32::from(c)));
                }
                _ => out.push(c),
            }
        }
        out
    }
}

impl<'a> ProseView<'a> {
    /// The view of `source` for its kind.
    pub fn new(source: &'a Source) -> ProseView<'a> {
        match source.kind {
            SourceKind::PlainText => plain::view(&source.text),
            SourceKind::Markdown => markdown::view(&source.text),
            SourceKind::Po => po::view(&source.text),
            SourceKind::JsonString(literal) => json::view(&source.text, literal),
            SourceKind::Xliff => {
                xliff::view(&source.text).with_spaces_of(&source.text, false, true)
            }
            SourceKind::Android => android::view(&source.text, source.counterpart.as_deref())
                .with_spaces_of(&source.text, true, true),
            SourceKind::JsonResource => json_i18n::view(
                &source.text,
                source.counterpart.as_deref(),
            )
            .with_spaces_of(&source.text, true, false),
        }
    }

    /// A view from its parts; `segments` must be sorted and cover the text.
    pub fn from_parts(text: Cow<'a, str>, segments: Vec<Segment>, paragraphs: Vec<Span>) -> Self {
        ProseView {
            text,
            segments,
            paragraphs,
            emphasis: Vec::new(),
            gaps: Vec::new(),
            directives: Vec::new(),
            pairs: Vec::new(),
            spaces: SpaceEscape::Raw,
            layout: Vec::new(),
        }
    }

    /// The same view, writing the no-break spaces fixes insert in the
    /// style `source` already uses, among those its format allows.
    fn with_spaces_of(mut self, source: &str, backslash: bool, references: bool) -> Self {
        self.spaces = SpaceEscape::of(source, backslash, references);
        self
    }

    /// The same view with the source segment of each target (sorted by
    /// target).
    pub fn with_pairs(mut self, pairs: Vec<Pair>) -> Self {
        self.pairs = pairs;
        self
    }

    /// Each target segment with the source segment it translates, when
    /// the file or its counterpart holds the source (see [`Pair`]).
    pub fn pairs(&self) -> &[Pair] {
        &self.pairs
    }

    /// The same view with `spans` (sorted, in prose coordinates) marked as
    /// emphasis: Markdown `*italics*`, where English is a citation.
    pub fn with_emphasis(mut self, spans: Vec<Span>) -> Self {
        self.emphasis = spans;
        self
    }

    /// The same view with the markup gaps between pieces (sorted by prose
    /// offset), which decide where insertions go.
    pub fn with_gaps(mut self, gaps: Vec<(usize, Gap)>) -> Self {
        self.gaps = gaps;
        self
    }

    /// The same view with other paragraphs (prose coordinates, in order).
    pub fn with_paragraphs(mut self, paragraphs: Vec<Span>) -> Self {
        self.paragraphs = paragraphs;
        self
    }

    /// The same view with the suppression comments found in the source.
    pub fn with_directives(mut self, directives: Vec<Directive>) -> Self {
        self.directives = directives;
        self
    }

    /// The same view, with the layout marks its plain text was read with.
    pub(crate) fn with_layout(mut self, layout: Vec<(LayoutKind, Span)>) -> Self {
        self.layout = layout;
        self
    }

    /// The layout marks of a plain text (justified gaps, broken words,
    /// lines of code, manual-page names) the view was read with, in source
    /// bytes; empty for other formats (see [`layout_marks`]).
    pub fn layout(&self) -> &[(LayoutKind, Span)] {
        &self.layout
    }

    /// The suppression comments of the source (source coordinates).
    pub fn directives(&self) -> &[Directive] {
        &self.directives
    }

    /// The innermost emphasis around `span`.
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

    fn map_offset(&self, offset: usize, is_end: bool) -> usize {
        match self.segment_index(offset, is_end) {
            Some(i) => {
                let seg = self.segments[i];
                // Verbatim segments map byte to byte; decoded text and
                // placeholders map to the whole source they stand for.
                if seg.is_verbatim() {
                    let within = offset.saturating_sub(seg.prose.start).min(seg.source.len());
                    seg.source.start + within
                } else if is_end && offset > seg.prose.start {
                    seg.source.end
                } else {
                    seg.source.start
                }
            }
            None => offset,
        }
    }

    /// Maps a prose span to source bytes.
    pub fn to_source(&self, span: Span) -> Span {
        let start = self.map_offset(span.start, false);
        let end = self.map_offset(span.end, true);
        Span::new(start, end.max(start))
    }

    /// The source offset where an insertion at prose offset `at` goes, if
    /// that place is certain: inside verbatim prose, or next to markup
    /// whose side is known.
    fn insertion_point(&self, at: usize) -> Option<usize> {
        let first = self.segments.partition_point(|s| s.prose.end < at);
        let mut before = None;
        let mut after = None;
        for seg in self.segments[first..]
            .iter()
            .take_while(|s| s.prose.start <= at)
        {
            if seg.prose.start < at && at < seg.prose.end {
                return seg
                    .is_verbatim()
                    .then(|| seg.source.start + (at - seg.prose.start));
            }
            if seg.prose.end == at && !seg.prose.is_empty() {
                before = Some(seg);
            }
            if seg.prose.start == at && !seg.prose.is_empty() && after.is_none() {
                after = Some(seg);
            }
        }
        let gap = self
            .gaps
            .binary_search_by_key(&at, |g| g.0)
            .ok()
            .map(|i| self.gaps[i].1);
        match (before, after) {
            (Some(a), Some(b)) => match gap {
                Some(Gap::Before) => Some(a.source.end),
                Some(Gap::After) => Some(b.source.start),
                Some(Gap::Ambiguous) => None,
                None if a.source.end != b.source.start => None,
                None if a.is_verbatim() || b.is_verbatim() => Some(a.source.end),
                None => None,
            },
            (Some(a), None) if a.is_verbatim() => Some(a.source.end),
            (None, Some(b)) if b.is_verbatim() => Some(b.source.start),
            _ => None,
        }
    }

    /// Maps an edit to source bytes; `None` if it touches anything but
    /// verbatim prose (such an edit could damage markup or an escape).
    fn edit_to_source(&self, edit: &Edit) -> Option<Edit> {
        let span = edit.span;
        let source = if span.is_empty() {
            Span::empty(self.insertion_point(span.start)?)
        } else {
            let first = self.segments.partition_point(|s| s.prose.end <= span.start);
            let seg = self.segments.get(first)?;
            if !seg.is_verbatim() || span.start < seg.prose.start || seg.prose.end < span.end {
                return None;
            }
            let start = seg.source.start + (span.start - seg.prose.start);
            Span::new(start, start + span.len())
        };
        Some(Edit::replace(source, self.spaces.apply(&edit.replacement)))
    }

    /// Whether no byte of `span` is prose (an empty span: whether it sits
    /// inside a placeholder).
    fn is_protected(&self, span: Span) -> bool {
        if span.is_empty() {
            let i = self.segments.partition_point(|s| s.prose.end <= span.start);
            return self
                .segments
                .get(i)
                .is_some_and(|s| s.kind == SegmentKind::Placeholder && s.prose.start < span.start);
        }
        let first = self.segments.partition_point(|s| s.prose.end <= span.start);
        !self.segments[first..]
            .iter()
            .take_while(|s| s.prose.start < span.end)
            .any(|s| s.kind != SegmentKind::Placeholder)
    }

    /// Whether `span` is prose, not masked text (code, a placeholder).
    pub fn is_prose(&self, span: Span) -> bool {
        self.is_identity() || !self.is_protected(span)
    }

    /// Whether prose and source coincide byte for byte.
    pub fn is_identity(&self) -> bool {
        matches!(self.segments.as_slice(), [s] if s.is_verbatim() && s.prose == s.source && s.prose.start == 0)
    }

    /// Maps a diagnostic from prose to source coordinates, in place.
    /// Returns `false` when the finding lies entirely in masked text
    /// (code, a placeholder), where it must be dropped.
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

    #[test]
    fn spaces_written_as_the_file_writes_them() {
        let style =
            |text: &str, backslash, references| SpaceEscape::of(text, backslash, references);
        assert_eq!(
            style("a\\u00A0b", true, false).apply("\u{202F}!"),
            "\\u202F!"
        );
        assert_eq!(
            style("a\\u00a0b", true, true).apply(" \u{A0}:"),
            " \\u00a0:"
        );
        assert_eq!(style("a&#160;b", true, true).apply("\u{202F}?"), "&#8239;?");
        assert_eq!(style("a&#xA0;b", false, true).apply("\u{A0}"), "&#xA0;");
        assert_eq!(style("a\\u00a0b", false, true).apply("\u{A0}"), "\u{A0}");
        assert_eq!(
            style("a&#160;<![CDATA[b]]>", false, true).apply("\u{A0}"),
            "\u{A0}"
        );
    }

    fn view_with_placeholder() -> ProseView<'static> {
        // Source: "ab `code` cd" ; prose: "ab X cd" where X stands for `code`.
        ProseView::from_parts(
            Cow::Owned("ab X cd".into()),
            vec![
                Segment {
                    prose: Span::new(0, 3),
                    source: Span::new(0, 3),
                    kind: SegmentKind::Verbatim,
                },
                Segment {
                    prose: Span::new(3, 4),
                    source: Span::new(3, 9),
                    kind: SegmentKind::Placeholder,
                },
                Segment {
                    prose: Span::new(4, 7),
                    source: Span::new(9, 12),
                    kind: SegmentKind::Verbatim,
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
