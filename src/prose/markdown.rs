//! The prose view of Markdown (CommonMark with GitHub tables, footnotes,
//! task lists, alerts, math and front matter), parsed with pulldown-cmark
//! and rebuilt as prose: one paragraph per leaf block (paragraph, heading,
//! list item text, table cell), separated by blank lines.
//!
//! - The text of paragraphs, headings, list items, table cells, link labels
//!   and image descriptions is copied verbatim.
//! - Emphasis, links and other inline markup are dropped, so they split no
//!   word and no sentence: `**Bonjour** !` reads `Bonjour !`.
//! - Inline code, math, autolinks and template tags (`{{ … }}`, `{% … %}`,
//!   `{# … #}`) read as one placeholder word.
//! - Code blocks, HTML, front matter, link destinations and reference
//!   definitions are not prose at all.
//! - Syntax whitespace (list indentation, `> ` markers, table padding, the
//!   two spaces of a hard break) never reaches the rules.
//!
//! HTML comments are read for suppressions (`<!-- coquille-disable … -->`).

use super::builder::Builder;
use super::{Gap, ProseView};
use crate::span::Span;
use crate::suppress::{self, Directive};
use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Whether a tag is inline markup (inside a paragraph) rather than a block.
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

/// The template tags of `text` (`{{ … }}`, `{% … %}`, `{# … #}`), in order.
fn template_tags(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut tags = Vec::new();
    let mut pos = 0;
    while let Some(i) = memchr_brace(bytes, pos) {
        let close = match bytes.get(i + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                pos = i + 1;
                continue;
            }
        };
        match text[i + 2..].find(close) {
            Some(j) => {
                let end = i + 2 + j + close.len();
                tags.push(Span::new(i, end));
                pos = end;
            }
            None => pos = i + 1,
        }
    }
    tags
}

fn memchr_brace(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr(b'{', bytes.get(from..)?).map(|i| from + i)
}

/// Builds the view.
struct MarkdownView<'s> {
    source: &'s str,
    out: Builder,
    templates: Vec<Span>,
    /// Index of the first template tag not yet passed.
    next_template: usize,
    emphasis: Vec<Span>,
    open_emphasis: Vec<usize>,
    directives: Vec<Directive>,
    /// Depth of code blocks, HTML blocks and front matter.
    opaque: usize,
    /// Inside an autolink (`<https://…>`): its text is masked.
    autolink: bool,
}

impl MarkdownView<'_> {
    /// Copies the text at `span`, with template tags as placeholders.
    fn text(&mut self, span: Span) {
        let mut pos = span.start;
        while pos < span.end {
            // Skip tags that end before this point.
            while self
                .templates
                .get(self.next_template)
                .is_some_and(|t| t.end <= pos)
            {
                self.next_template += 1;
            }
            match self.templates.get(self.next_template).copied() {
                Some(tag) if tag.start < span.end => {
                    if tag.start > pos {
                        self.out.verbatim(self.source, Span::new(pos, tag.start));
                    }
                    // A tag over several text events is one placeholder, put
                    // where it starts.
                    if tag.start >= pos {
                        self.out.placeholder(tag);
                    }
                    pos = tag.end.min(span.end).max(pos);
                    if tag.end <= span.end {
                        self.next_template += 1;
                    }
                }
                _ => {
                    self.out.verbatim(self.source, Span::new(pos, span.end));
                    pos = span.end;
                }
            }
        }
    }

    fn html(&mut self, html: &str, span: Span) {
        if html.contains("coquille-") {
            suppress::html_directives(html, span.start, &mut self.directives);
        }
    }

    fn event(&mut self, event: Event, span: Span) {
        let inline = match &event {
            Event::Start(tag) => is_inline(tag),
            Event::End(tag) => is_inline_end(tag),
            _ => true,
        };
        if !inline {
            self.out.end_paragraph();
        }
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                self.opaque += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                self.opaque = self.opaque.saturating_sub(1);
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                self.html(&html, span);
                self.out.markup(Gap::Ambiguous);
            }
            _ if self.opaque > 0 => {}
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => {
                self.autolink = true;
                self.out.placeholder(span);
            }
            Event::End(TagEnd::Link) if self.autolink => self.autolink = false,
            Event::Text(_) if self.autolink => {}
            Event::Start(tag) => {
                if tag == Tag::Emphasis {
                    self.open_emphasis.push(self.out.len());
                }
                self.out.markup(Gap::Before);
            }
            Event::End(tag) => {
                if tag == TagEnd::Emphasis
                    && let Some(start) = self.open_emphasis.pop()
                {
                    self.emphasis.push(Span::new(start, self.out.len()));
                }
                self.out.markup(Gap::After);
            }
            Event::Text(text) => self.text_event(&text, span),
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                self.out.placeholder(span);
            }
            Event::SoftBreak => {
                let raw = &self.source[span.range()];
                // The next line's first character, after its container
                // markers (`> `, indentation).
                let first = self.source[span.end..]
                    .trim_start_matches([' ', '\t', '>'])
                    .chars()
                    .next();
                let last = self.out.text().chars().next_back();
                // A capital after a long line cut in a word or after a
                // closing quote goes on the sentence (a name, a capital
                // the quotation rules judge); after a short one it may
                // start a verse.
                // (Measured only for a capital, not at every break.)
                let long = || {
                    let line = self.source[..span.start].rsplit('\n').next();
                    line.unwrap_or_default().trim().chars().count() >= super::plain::WRAPPED_LINE
                };
                if let (Some(last), Some(first)) = (last, first)
                    && (super::plain::reads_as_space(last, first)
                        || super::plain::goes_on_with_a_capital(last, first) && long())
                {
                    self.out.decoded(" ", span);
                } else if raw
                    .trim_start_matches([' ', '\t'])
                    .trim_end_matches(['\r', '\n'])
                    .is_empty()
                {
                    let line_break = raw.trim_start_matches([' ', '\t']);
                    let start = span.end - line_break.len();
                    self.out.verbatim(self.source, Span::new(start, span.end));
                } else {
                    self.out.decoded("\n", span);
                }
                // The next line starts after its container markers (`> `,
                // list indentation).
                self.out.markup(Gap::After);
            }
            Event::HardBreak => {
                self.out.decoded("\n", span);
                self.out.markup(Gap::After);
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) | Event::Rule => {
                self.out.markup(Gap::Ambiguous);
            }
        }
    }

    fn text_event(&mut self, text: &CowStr, span: Span) {
        if self.source.get(span.range()) == Some(&**text) {
            self.text(span);
        } else {
            // An entity or an escaped character: decoded text.
            self.out.decoded(text, span);
        }
    }
}

/// The parser options: what coquille reads as Markdown (the fuzz oracle
/// parses with the same).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        // GitHub alerts (`> [!NOTE]`) and `$…$` math are markup too.
        | Options::ENABLE_GFM
        | Options::ENABLE_MATH
}

/// The text the parser reads: without a leading byte order mark (it would
/// hide front matter and a first heading), and with lone `\r` line ends
/// read as `\n` (the same length, so offsets are kept). Returns it with
/// the length of the BOM, to add to its offsets.
fn parsed_text(text: &str) -> (Cow<'_, str>, usize) {
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let body = &text[bom..];
    let bytes = body.as_bytes();
    let lone_cr = memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
    if !lone_cr {
        return (Cow::Borrowed(body), bom);
    }
    let mut normalized = body.as_bytes().to_vec();
    for i in 0..normalized.len() {
        if normalized[i] == b'\r' && normalized.get(i + 1) != Some(&b'\n') {
            normalized[i] = b'\n';
        }
    }
    // Replacing one ASCII byte by another keeps the text UTF-8.
    let normalized = String::from_utf8(normalized).unwrap_or_else(|_| body.to_string());
    (Cow::Owned(normalized), bom)
}

/// The view of a Markdown text.
pub(super) fn view(text: &str) -> ProseView<'static> {
    let mut view = MarkdownView {
        source: text,
        out: Builder::new(),
        templates: template_tags(text),
        next_template: 0,
        emphasis: Vec::new(),
        open_emphasis: Vec::new(),
        directives: Vec::new(),
        opaque: 0,
        autolink: false,
    };
    let (parsed, shift) = parsed_text(text);
    for (event, range) in Parser::new_ext(&parsed, options()).into_offset_iter() {
        view.event(event, Span::new(range.start + shift, range.end + shift));
    }
    let mut emphasis = view.emphasis;
    emphasis.sort_by_key(|s| (s.start, s.end));
    view.out.finish(emphasis).with_directives(view.directives)
}

/// Feeds what is written into a hasher.
struct HashWriter<'h>(&'h mut DefaultHasher);

impl std::fmt::Write for HashWriter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

/// A digest of the structure of a Markdown text, which a fix must leave
/// unchanged: the parser's events without the text of prose (blocks,
/// inline markup, link destinations, breaks), with the full text of what
/// is not prose (code, HTML, front matter, math, autolinks), and the
/// template tags. A run of prose text events counts as one.
pub(super) fn structure(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    let (parsed, bom) = parsed_text(text);
    text.starts_with('\u{FEFF}').hash(&mut hasher);
    // Lone `\r` line ends are read as `\n`, as CommonMark wants; where
    // the parser itself reads them otherwise (it does not always end an
    // HTML block at a blank line of `\r\r`), a fix must keep its reading
    // too.
    if parsed.len() == text.len() - bom && *parsed != text[bom..] {
        events_digest(&text[bom..], &mut hasher);
    }
    events_digest(&parsed, &mut hasher);
    for tag in template_tags(text) {
        text[tag.range()].hash(&mut hasher);
    }
    hasher.finish()
}

/// Feeds the events of `parsed` into `hasher`, for [`structure`].
fn events_digest(parsed: &str, hasher: &mut DefaultHasher) {
    use std::fmt::Write as _;
    let mut opaque = 0usize;
    let mut autolink = false;
    let mut in_text = false;
    for event in Parser::new_ext(parsed, options()) {
        let prose_text = matches!(event, Event::Text(_)) && opaque == 0 && !autolink;
        match &event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => opaque += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                opaque = opaque.saturating_sub(1);
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => autolink = true,
            Event::End(TagEnd::Link) => autolink = false,
            _ => {}
        }
        if prose_text {
            if !in_text {
                hasher.write_u8(0);
            }
            in_text = true;
            continue;
        }
        in_text = false;
        let _ = write!(HashWriter(hasher), "{event:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Vec<String> {
        let v = view(text);
        v.paragraphs()
            .iter()
            .map(|s| v.text()[s.range()].to_string())
            .collect()
    }

    #[test]
    fn paragraphs_follow_commonmark() {
        let text = "# Titre\n\nUne phrase « qui continue\nLà » et *fin*.\n\n- un\n- deux\n\n> « Cité.\n>\n> » Suite. »\n";
        assert_eq!(
            paragraphs(text),
            vec![
                "Titre",
                "Une phrase « qui continue\nLà » et fin.",
                "un",
                "deux",
                "« Cité.",
                "» Suite. »"
            ]
        );
    }

    #[test]
    fn markup_is_dropped_and_code_masked() {
        let text = "# Titre\n\nDu **gras** et `code` ici !\n\n```\nlet v = vec![1];\n```\n\n<!-- note -->\n\n![logo](a.png) [lien](https://x.fr) <https://y.fr> {{ page.title }} {% if x %}\n";
        assert_eq!(
            view(text).text(),
            "Titre\n\nDu gras et \u{FFFC} ici !\n\nlogo lien \u{FFFC} \u{FFFC} \u{FFFC}"
        );
    }

    #[test]
    fn front_matter_tables_and_syntax_whitespace() {
        let text = "---\ntitle: Essai\n---\n\n| Nom   | Prix |\n|-------|------|\n| Pommes | 2 € |\n\n> ligne  \n> suite\n";
        let p = paragraphs(text);
        assert_eq!(p, vec!["Nom", "Prix", "Pommes", "2 €", "ligne\nsuite"]);
    }

    #[test]
    fn spans_map_to_source_bytes() {
        let text = "Un **mot** !\n\n- *Deux*  mots\n";
        let v = view(text);
        let prose = v.text();
        let at = prose.find(" !").expect("in prose");
        assert_eq!(&text[v.to_source(Span::new(at, at + 2)).range()], " !");
        let at = prose.find("Deux").expect("in prose");
        assert_eq!(&text[v.to_source(Span::new(at, at + 4)).range()], "Deux");
        let at = prose.find("  ").expect("in prose");
        assert_eq!(&text[v.to_source(Span::new(at, at + 2)).range()], "  ");
    }

    #[test]
    fn insertions_next_to_markup_go_outside_it() {
        use crate::diagnostic::{Applicability, Category, Diagnostic, Edit, Fix, Severity};
        let text = "Un **mot**! Et «*là*»\n";
        let v = view(text);
        let insert = |at: usize| {
            let mut d = Diagnostic {
                rule: "spacing/test",
                category: Category::Spacing,
                severity: Severity::Warning,
                span: Span::new(at, at + 1),
                message: String::new(),
                fix: Some(Fix::safe(Edit::insert(at, "\u{202F}"))),
            };
            assert!(v.map_diagnostic(&mut d));
            d.fix.expect("a fix")
        };
        let prose = v.text();
        // After closing markup: `**mot**␣!`.
        let fix = insert(prose.find('!').expect("!"));
        assert_eq!(fix.applicability, Applicability::Safe);
        assert_eq!(fix.edits[0].span.start, text.find('!').expect("!"));
        // Before opening markup: `«␣*là*`.
        let fix = insert(prose.find("là").expect("là"));
        assert_eq!(fix.edits[0].span.start, text.find("*là").expect("*là"));
        // After closing markup: `*là*␣»`.
        let fix = insert(prose.find('»').expect("»"));
        assert_eq!(fix.edits[0].span.start, text.find('»').expect("»"));
    }
}
