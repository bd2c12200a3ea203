//! The prose view of a JSON string literal (a field of a JSON Lines
//! record): the decoded string, read as plain text. Escapes (`\"`, `\n`,
//! `\u00e9`…) are decoded text: findings on them point at the escape, and
//! a fix touching one is display-only, so the record stays valid JSON.
//! Everything outside the literal (the other fields) is not prose.

use super::ProseView;
use super::builder::Builder;
use crate::span::Span;

/// The character of a `\uXXXX` escape at `at` (four hex digits after `\u`).
fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at + 2..at + 6)?;
    let text = std::str::from_utf8(digits).ok()?;
    u32::from_str_radix(text, 16).ok()
}

/// Decodes one escape at `at`; returns the decoded text and its length.
pub(super) fn escape(bytes: &[u8], at: usize) -> (Option<char>, usize) {
    let simple = match bytes.get(at + 1) {
        Some(b'"') => Some('"'),
        Some(b'\\') => Some('\\'),
        Some(b'/') => Some('/'),
        Some(b'n') => Some('\n'),
        Some(b'r') => Some('\r'),
        Some(b't') => Some('\t'),
        Some(b'b') => Some('\u{8}'),
        Some(b'f') => Some('\u{c}'),
        Some(b'u') => None,
        _ => return (None, 1),
    };
    if simple.is_some() {
        return (simple, 2);
    }
    match hex4(bytes, at) {
        Some(high @ 0xD800..=0xDBFF) => {
            // A surrogate pair: `\ud83d\ude00`.
            let low = (bytes.get(at + 6) == Some(&b'\\') && bytes.get(at + 7) == Some(&b'u'))
                .then(|| hex4(bytes, at + 6))
                .flatten()
                .filter(|low| (0xDC00..=0xDFFF).contains(low));
            match low {
                Some(low) => {
                    let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    (char::from_u32(c), 12)
                }
                None => (None, 6),
            }
        }
        Some(code) => (char::from_u32(code), 6),
        None => (None, 2),
    }
}

/// The view of the string literal at `literal` (quotes included) of `text`.
pub(super) fn view(text: &str, literal: Span) -> ProseView<'static> {
    let mut out = Builder::new();
    let start = (literal.start + 1).min(literal.end);
    let end = literal.end.saturating_sub(1).max(start);
    let bytes = text.as_bytes();
    let mut run = start;
    let mut i = start;
    while i < end {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        if run < i {
            out.verbatim(text, Span::new(run, i));
        }
        let (decoded, len) = escape(bytes, i);
        let len = len.min(end - i);
        let mut buf = [0u8; 4];
        match decoded {
            Some(c) => out.decoded(c.encode_utf8(&mut buf), Span::new(i, i + len)),
            None => out.placeholder(Span::new(i, i + len)),
        }
        i += len;
        run = i;
    }
    if run < end {
        out.verbatim(text, Span::new(run, end));
    }
    let view = out.finish(Vec::new());
    let paragraphs = super::split_paragraphs(view.text());
    view.with_paragraphs(paragraphs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_maps_back() {
        let line = r#"{"id": 3, "text": "Il a dit \"oui\"!\nCaf\u00e9 \ud83d\ude00 fin"}"#;
        let at = line.find("\"Il").expect("literal");
        let view = view(line, Span::new(at, line.len() - 1));
        assert_eq!(view.text(), "Il a dit \"oui\"!\nCafé 😀 fin");
        let bang = view.text().find('!').expect("!");
        let source = view.to_source(Span::new(bang, bang + 1));
        assert_eq!(&line[source.range()], "!");
        let e = view.text().find('é').expect("é");
        let source = view.to_source(Span::new(e, e + 2));
        assert_eq!(&line[source.range()], "\\u00e9");
        assert_eq!(view.paragraphs().len(), 2);
    }
}
