//! Every rule's examples, embedded in Markdown and in a gettext catalogue:
//! the findings land on the same words (mapped to the bytes of the bigger
//! file), the fixes give the example's fixed text inside the same markup,
//! and good examples stay clean.
//!
//! Wrappers: a Markdown list item, a leading Markdown paragraph, strong
//! emphasis around the first word, and a `msgstr` of a `.po` file (quotes
//! and backslashes escaped). Examples that Markdown or gettext would read
//! differently (several lines, `*`, `#`, `%s`…) are skipped; the test
//! checks that most are not.

use coquille::prose::ProseView;
use coquille::rules::ExampleKind;
use coquille::{Applicability, Linter, Registry, Selector, Settings, Source, SourceKind, Span};

/// An example embedded in a bigger file, and where its bytes went.
struct Wrapped {
    text: String,
    kind: SourceKind,
    /// Where a span starting at byte `p` of the example starts.
    start: Vec<usize>,
    /// Where a span ending at byte `p` of the example ends.
    end: Vec<usize>,
    /// Markup or escapes added inside the example (wrapped bytes): an edit
    /// touching them may be display-only.
    inner: Vec<Span>,
}

impl Wrapped {
    fn map(&self, span: Span) -> Span {
        Span::new(self.start[span.start], self.end[span.end])
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wrapper {
    ListItem,
    LeadingParagraph,
    StrongFirstWord,
    PoTranslation,
}

const WRAPPERS: [Wrapper; 4] = [
    Wrapper::ListItem,
    Wrapper::LeadingParagraph,
    Wrapper::StrongFirstWord,
    Wrapper::PoTranslation,
];

const LEAD: &str = "Un paragraphe pour commencer.\n\n";
const PO_HEAD: &str = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"Example\"\nmsgstr \"";

fn shifted(text: &str, prefix: &str, kind: SourceKind) -> Wrapped {
    let n = prefix.len();
    Wrapped {
        text: format!("{prefix}{text}\n"),
        kind,
        start: (0..=text.len()).map(|p| p + n).collect(),
        end: (0..=text.len()).map(|p| p + n).collect(),
        inner: Vec::new(),
    }
}

/// The first word (a run of letters) of `text`.
fn first_word(text: &str) -> Option<Span> {
    let start = text.find(char::is_alphabetic)?;
    let len = text[start..]
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len() - start);
    Some(Span::new(start, start + len))
}

fn wrap(text: &str, wrapper: Wrapper) -> Option<Wrapped> {
    // Several lines read differently in Markdown; a BOM means something
    // only at the start of a file.
    if text.contains(['\n', '\r', '\u{FEFF}']) {
        return None;
    }
    let wrapped = match wrapper {
        Wrapper::ListItem => shifted(text, "- ", SourceKind::Markdown),
        Wrapper::LeadingParagraph => shifted(text, LEAD, SourceKind::Markdown),
        Wrapper::StrongFirstWord => {
            let w = first_word(text)?;
            let (ws, we) = (w.start, w.end);
            Wrapped {
                text: format!("{}**{}**{}\n", &text[..ws], &text[ws..we], &text[we..]),
                kind: SourceKind::Markdown,
                start: (0..=text.len())
                    .map(|p| p + 2 * usize::from(p >= ws) + 2 * usize::from(p >= we))
                    .collect(),
                end: (0..=text.len())
                    .map(|p| p + 2 * usize::from(p > ws) + 2 * usize::from(p > we))
                    .collect(),
                inner: vec![Span::new(ws, ws + 2), Span::new(we + 2, we + 4)],
            }
        }
        Wrapper::PoTranslation => {
            let mut out = String::from(PO_HEAD);
            let mut map = Vec::new();
            let mut inner = Vec::new();
            for c in text.chars() {
                for _ in 0..c.len_utf8() {
                    map.push(out.len());
                }
                if c == '"' || c == '\\' {
                    inner.push(Span::new(out.len(), out.len() + 2));
                    out.push('\\');
                }
                out.push(c);
            }
            map.push(out.len());
            out.push_str("\"\n");
            // An end offset after an escaped character ends after its escape.
            let end = map.clone();
            Wrapped {
                text: out,
                kind: SourceKind::Po,
                start: map,
                end,
                inner,
            }
        }
    };
    // The example must read the same in its new home.
    let source = Source::new("wrapped", wrapped.text.clone(), wrapped.kind);
    let prose = ProseView::new(&source);
    let expected = match wrapper {
        Wrapper::LeadingParagraph => format!("{LEAD}{text}"),
        _ => text.to_string(),
    };
    (prose.text() == expected).then_some(wrapped)
}

#[test]
fn every_rule_example_holds_inside_markdown_and_po() {
    let mut failures = Vec::new();
    let mut checked = [0usize; 4];
    let mut skipped = [0usize; 4];
    for rule in Registry::global().rules() {
        let meta = rule.meta();
        for example in meta.examples() {
            if !meta.profiles.contains(&example.profile) {
                continue;
            }
            let linter = Linter::new(Settings {
                profile: example.profile,
                apostrophe: example.apostrophe,
                select: vec![Selector::Rule(meta.id)],
                ..Settings::default()
            })
            .expect("rules compile");
            let (text, spans, fixed) = match &example.kind {
                ExampleKind::Bad {
                    text, spans, fixed, ..
                } => (text, spans.clone(), fixed.as_ref()),
                ExampleKind::Good { text } => (text, Vec::new(), None),
            };
            for (w, &wrapper) in WRAPPERS.iter().enumerate() {
                let Some(wrapped) = wrap(text, wrapper) else {
                    skipped[w] += 1;
                    continue;
                };
                checked[w] += 1;
                let fail = |what: String| {
                    format!(
                        "{} {wrapper:?}: {what}\n    example: {}",
                        meta.id, example.display
                    )
                };
                let source = Source::new("wrapped", wrapped.text.clone(), wrapped.kind);
                let found = linter.check(&source);
                let found_spans: Vec<Span> = found.iter().map(|d| d.span).collect();
                let expected: Vec<Span> = spans.iter().map(|&s| wrapped.map(s)).collect();
                if found_spans != expected {
                    failures.push(fail(format!(
                        "spans {found_spans:?}, expected {expected:?} in {:?}",
                        wrapped.text
                    )));
                    continue;
                }
                // No applicable fix may touch the markup or escapes added.
                for d in &found {
                    if let Some(fix) = &d.fix
                        && fix.applicability != Applicability::DisplayOnly
                        && fix
                            .edits
                            .iter()
                            .any(|e| wrapped.inner.iter().any(|m| e.span.overlaps(*m)))
                    {
                        failures.push(fail(format!("fix edits markup: {:?}", fix.edits)));
                    }
                }
                let Some(fixed) = fixed else { continue };
                let outcome = linter.fix(&source, Applicability::Unsafe);
                let Some(expected_text) = wrap(fixed, wrapper).map(|w| w.text) else {
                    continue;
                };
                if outcome.text == expected_text {
                    continue;
                }
                // A fix may rewrite the emphasised word itself (`**En
                // outre**`): the markers then stay where they were.
                if wrapper == Wrapper::StrongFirstWord
                    && let Some(w) = first_word(text)
                    && outcome.text.starts_with(&format!("{}**", &text[..w.start]))
                    && outcome.text.replacen("**", "", 2) == format!("{fixed}\n")
                {
                    continue;
                }
                // A fix may have been made display-only because its edits
                // meet the markup or an escape: then the text must be
                // unchanged there, never damaged.
                let downgraded = found.iter().any(|d| {
                    d.fix.as_ref().is_some_and(|f| {
                        f.applicability == Applicability::DisplayOnly
                            && f.edits.iter().any(|e| {
                                wrapped
                                    .inner
                                    .iter()
                                    .any(|m| e.span.start <= m.end && m.start <= e.span.end)
                            })
                    })
                });
                if !downgraded {
                    failures.push(fail(format!(
                        "fixed text {:?}, expected {:?}",
                        outcome.text, expected_text
                    )));
                }
            }
        }
    }
    for (w, wrapper) in WRAPPERS.iter().enumerate() {
        let total = checked[w] + skipped[w];
        eprintln!(
            "{wrapper:?}: {} examples checked, {} skipped",
            checked[w], skipped[w]
        );
        assert!(
            checked[w] * 10 >= total * 7,
            "{wrapper:?}: too many examples skipped ({} of {total})",
            skipped[w]
        );
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
