//! The prose view of an XLIFF file (1.2 and 2.x): the `<target>` of each
//! `<trans-unit>` (1.2) or `<segment>` (2.x), one paragraph each, or one
//! per `<mrk mtype="seg">` segment inside it. Sources, notes, attributes
//! and units marked `translate="no"` are not prose.
//!
//! Inline codes (`<x/>`, `<bx/>`, `<ex/>`, `<ph>`, `<bpt>`, `<ept>`,
//! `<it>`, `<sc/>`, `<ec/>`) read as placeholders; formatting that wraps
//! text (`<g>`, `<pc>`, `<mrk>`) is markup around prose; references
//! (`&amp;`, `&#160;`) are decoded; printf and brace placeholders in the
//! text are masked.

use super::ProseView;
use super::builder::Builder;
use super::inline::Dialect;
use super::xml::{self, Inline, Spanned};
use quick_xml::events::{BytesStart, Event};

/// Elements whose content is native code, not text.
const CODE: &[&str] = &["ph", "bpt", "ept", "it"];

fn classify(e: &BytesStart<'_>) -> Inline {
    let name = xml::local_name(e);
    if CODE.contains(&name.as_str()) {
        Inline::Code
    } else if name == "mrk" && xml::attribute(e, "mtype").as_deref() == Some("seg") {
        Inline::Segment
    } else {
        Inline::Markup
    }
}

/// One translation unit's segment: its source and its target elements
/// (event indexes of their start tags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Pair {
    /// The `<source>` start event, if any.
    pub source: Option<usize>,
    /// The `<target>` start event, if any.
    pub target: Option<usize>,
    /// Whether the target's state asks for review (XLIFF 1.2
    /// `state="needs-…"`, 2.x `state="initial"`).
    pub fuzzy: bool,
}

/// The segments of the file: each `<trans-unit>` or `<segment>` with its
/// source and target, units marked `translate="no"` left out.
pub(super) fn pairs(events: &[Spanned<'_>]) -> Vec<Pair> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(e) = &events[i].event else {
            i += 1;
            continue;
        };
        let name = xml::local_name(e);
        if matches!(name.as_str(), "trans-unit" | "unit")
            && xml::attribute(e, "translate").as_deref() == Some("no")
        {
            i = xml::skip_element(events, i);
            continue;
        }
        if matches!(name.as_str(), "trans-unit" | "segment") {
            let end = xml::skip_element(events, i);
            let mut pair = Pair {
                source: None,
                target: None,
                fuzzy: xml::attribute(e, "state").is_some_and(|s| s == "initial"),
            };
            // Direct children only: `<alt-trans>` holds other targets.
            let mut j = i + 1;
            while j < end {
                if let Event::Start(child) = &events[j].event {
                    match xml::local_name(child).as_str() {
                        "source" if pair.source.is_none() => pair.source = Some(j),
                        "target" if pair.target.is_none() => {
                            pair.target = Some(j);
                            pair.fuzzy |= xml::attribute(child, "state")
                                .is_some_and(|s| s.starts_with("needs-"));
                        }
                        _ => {}
                    }
                }
                j = xml::skip_element(events, j);
            }
            out.push(pair);
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// Reads the content of the element opened at `events[start]` into `out`
/// as one paragraph (or one per segment); its line breaks are layout
/// unless `xml:space="preserve"` is in effect there (`preserved`, from
/// [`xml::space_preserved`]).
pub(super) fn element(
    text: &str,
    events: &[Spanned<'_>],
    preserved: &[bool],
    start: usize,
    out: &mut Builder,
) {
    let dialect = Dialect::Xliff {
        keep_breaks: preserved.get(start).copied().unwrap_or(false),
    };
    xml::element_paragraph(text, events, start, dialect, &classify, out);
}

/// The view of an XLIFF file (a file that is not well formed gives an
/// empty view: it is refused before it is read).
pub(super) fn view(text: &str) -> ProseView<'static> {
    let mut out = Builder::new();
    let mut paired = Vec::new();
    if let Ok(events) = xml::events(text) {
        let preserved = xml::space_preserved(&events);
        for pair in pairs(&events) {
            if let Some(target) = pair.target {
                let source = pair.source.map(|s| {
                    super::pairs::side(text, |b| element(text, &events, &preserved, s, b))
                });
                super::pairs::target(&mut out, &mut paired, text, source, pair.fuzzy, |b| {
                    element(text, &events, &preserved, target, b)
                });
            }
        }
    }
    out.finish(Vec::new()).with_pairs(paired)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    const FILE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2"><file source-language="en" target-language="fr"><body>
<trans-unit id="1"><source>Hello <g id="1">world</g>!</source>
<target>Bonjour <g id="1">le monde</g>&#160;!<x id="2"/></target></trans-unit>
<trans-unit id="2" translate="no"><source>Tom</source><target>Tom!</target></trans-unit>
<trans-unit id="3"><source>A. B.</source><seg-source><mrk mtype="seg" mid="1">A.</mrk> <mrk mtype="seg" mid="2">B.</mrk></seg-source>
<target><mrk mtype="seg" mid="1">Un <ph id="1">&lt;br&gt;</ph>.</mrk> <mrk mtype="seg" mid="2">Deux &amp; %s<![CDATA[ <b>trois</b>]]></mrk></target>
<alt-trans><target>Autre!</target></alt-trans></trans-unit>
</body></file></xliff>"#;

    #[test]
    fn targets_only_with_codes_and_references() {
        let view = view(FILE);
        assert_eq!(
            view.text(),
            "Bonjour le monde\u{a0}!\u{FFFC}\n\nUn \u{FFFC}.\n\nDeux & \u{FFFC} trois"
        );
        assert_eq!(view.paragraphs().len(), 3);
        let at = view.text().find("monde").expect("prose");
        assert_eq!(
            &FILE[view.to_source(Span::new(at, at + 5)).range()],
            "monde"
        );
        let nbsp = view.text().find('\u{a0}').expect("decoded");
        assert_eq!(
            &FILE[view.to_source(Span::new(nbsp, nbsp + 2)).range()],
            "&#160;"
        );
        let b = view.text().find("trois").expect("cdata");
        assert_eq!(&FILE[view.to_source(Span::new(b, b + 5)).range()], "trois");
    }

    #[test]
    fn xliff_two() {
        let text = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr"><file id="f"><unit id="u"><segment><source>Save <pc id="1">now</pc>?</source><target>Enregistrer <pc id="1">maintenant</pc>?</target></segment><ignorable><source> </source></ignorable></unit></file></xliff>"#;
        assert_eq!(view(text).text(), "Enregistrer maintenant?");
    }
}
