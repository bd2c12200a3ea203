//! The prose view of Android string resources (`res/values*/*.xml`): each
//! `<string>`, and each `<item>` of `<plurals>` and `<string-array>`, is a
//! paragraph. Names, attributes, comments and resources marked
//! `translatable="false"` are not prose.
//!
//! Resource escapes (`\'`, `\"`, `\n`, `\t`, `\@`, `\?`, `\\`, `\uXXXX`)
//! and XML references are decoded; `%1$s`, `%d` and `{0}` are
//! placeholders, `%%` reads `%`; unescaped double quotes (which keep
//! spaces in Android) are markup; HTML tags (`<b>`) are markup around
//! prose, `<xliff:g>` (text not to translate) a placeholder.

use super::ProseView;
use super::builder::Builder;
use super::inline::Dialect;
use super::xml::{self, Inline, Spanned};
use quick_xml::events::{BytesStart, Event};

fn classify(e: &BytesStart<'_>) -> Inline {
    if xml::local_name(e) == "g" {
        Inline::Code
    } else {
        Inline::Markup
    }
}

/// One translatable string: its resource name (`name`, with `[quantity]`
/// or `[index]` for items) and its start event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// `app_name`, `files[one]`, `planets[2]`.
    pub key: String,
    /// The start event of the `<string>` or `<item>`.
    pub start: usize,
}

fn translatable(e: &BytesStart<'_>) -> bool {
    xml::attribute(e, "translatable").as_deref() != Some("false")
}

/// The translatable strings of a resource file, in order.
pub(super) fn entries(events: &[Spanned<'_>]) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(e) = &events[i].event else {
            i += 1;
            continue;
        };
        let name = xml::local_name(e);
        let end = xml::skip_element(events, i);
        match name.as_str() {
            "resources" => {
                i += 1;
                continue;
            }
            "string" if translatable(e) => out.push(Entry {
                key: xml::attribute(e, "name").unwrap_or_default(),
                start: i,
            }),
            "plurals" | "string-array" if translatable(e) => {
                let base = xml::attribute(e, "name").unwrap_or_default();
                let mut j = i + 1;
                let mut index = 0;
                while j + 1 < end {
                    if let Event::Start(item) = &events[j].event
                        && xml::local_name(item) == "item"
                    {
                        let which =
                            xml::attribute(item, "quantity").unwrap_or_else(|| index.to_string());
                        out.push(Entry {
                            key: format!("{base}[{which}]"),
                            start: j,
                        });
                        index += 1;
                    }
                    j = xml::skip_element(events, j);
                }
            }
            _ => {}
        }
        i = end;
    }
    out
}

/// Reads the string opened at `events[start]` into `out`, one paragraph.
pub(super) fn element(text: &str, events: &[Spanned<'_>], start: usize, out: &mut Builder) {
    xml::element_paragraph(text, events, start, Dialect::Android, &classify, out);
}

/// The view of a resource file (one that is not well formed gives an
/// empty view: it is refused before it is read), its strings paired by
/// name with those of `counterpart`, the source-language file, if given.
pub(super) fn view(text: &str, counterpart: Option<&str>) -> ProseView<'static> {
    let mut out = Builder::new();
    let mut paired = Vec::new();
    let sources = counterpart.and_then(|c| xml::events(c).ok().map(|events| (c, events)));
    let by_key: std::collections::HashMap<String, usize> = sources
        .as_ref()
        .map(|(_, events)| {
            entries(events)
                .into_iter()
                .map(|e| (e.key, e.start))
                .collect()
        })
        .unwrap_or_default();
    if let Ok(events) = xml::events(text) {
        for entry in entries(&events) {
            let source = sources.as_ref().and_then(|(c, source_events)| {
                let start = *by_key.get(&entry.key)?;
                Some(super::pairs::side(c, |b| {
                    element(c, source_events, start, b)
                }))
            });
            super::pairs::target(&mut out, &mut paired, text, source, false, |b| {
                element(text, &events, entry.start, b)
            });
        }
    }
    out.finish(Vec::new()).with_pairs(paired)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    const FILE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<resources xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">
    <!-- Écran d'accueil -->
    <string name="app_name" translatable="false">Coquille</string>
    <string name="welcome">Bienvenue, <xliff:g id="user">%1$s</xliff:g>!</string>
    <string name="quote">Il a dit \"oui\" aujourd\'hui à 100%%</string>
    <plurals name="files">
        <item quantity="one">%d fichier</item>
        <item quantity="other"><b>%d</b> fichiers&#160;!</item>
    </plurals>
    <string-array name="days"><item>Lundi</item><item><![CDATA[<i>Mardi</i>]]></item></string-array>
</resources>"#;

    #[test]
    fn strings_items_escapes_and_placeholders() {
        let view = view(FILE, None);
        assert_eq!(
            view.text(),
            "Bienvenue, \u{FFFC}!\n\nIl a dit \"oui\" aujourd'hui à 100%\n\n\u{FFFC} fichier\n\n\u{FFFC} fichiers\u{a0}!\n\nLundi\n\nMardi"
        );
        let at = view.text().find("aujourd").expect("prose");
        assert_eq!(
            &FILE[view.to_source(Span::new(at + 7, at + 8)).range()],
            "\\'"
        );
        let events = xml::events(FILE).expect("well formed");
        let keys: Vec<String> = entries(&events).into_iter().map(|e| e.key).collect();
        assert_eq!(
            keys,
            [
                "welcome",
                "quote",
                "files[one]",
                "files[other]",
                "days[0]",
                "days[1]"
            ]
        );
    }
}
