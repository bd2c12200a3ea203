//! The prose view of a JSON resource file (i18next, vue-i18n, nested
//! objects of strings, Chrome `messages.json`): every string value is a
//! paragraph; keys, numbers and the rest of the syntax are not prose. In a
//! Chrome `messages.json` (an object of objects that each hold a
//! `message`), only the `message` fields are read, not the descriptions.
//!
//! JSON escapes are decoded; `{{name}}`, `{name}`, `%s`, `$t(key)`,
//! `@:key` are placeholders, and an ICU `{n, plural, one {…} other {…}}`
//! masks its head and selectors while the text of its branches is read.

use super::builder::Builder;
use super::inline::{self, Dialect};
use super::{ProseView, Span, SyntaxError};

/// One string value: the path of keys to it (`menu.file.open`, with
/// `[2]` for an array item) and its literal, quotes included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// The dotted path of keys.
    pub key: String,
    /// The string literal, quotes included.
    pub literal: Span,
}

/// Whether `text` is valid JSON: the reason and byte offset if not.
pub(super) fn check(text: &str) -> Result<(), SyntaxError> {
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    match serde_json::from_str::<serde::de::IgnoredAny>(body) {
        Ok(_) => Ok(()),
        Err(e) => {
            // serde_json gives a line and a column (in bytes, 1-based).
            let line_start: usize = body
                .split_inclusive('\n')
                .take(e.line().saturating_sub(1))
                .map(str::len)
                .sum();
            let offset = (text.len() - body.len()) + line_start + e.column().saturating_sub(1);
            let reason = e.to_string();
            let reason = reason
                .split(" at line ")
                .next()
                .unwrap_or(&reason)
                .to_string();
            Err(SyntaxError {
                offset: offset.min(text.len()),
                reason,
            })
        }
    }
}

/// One level of nesting while the file is lexed.
struct Level {
    object: bool,
    /// The key (or index) of the value being read at this level.
    key: String,
    index: usize,
    /// In an object: whether the next string is a key.
    expects_key: bool,
}

/// The string values of a valid JSON text, in order, with their paths.
pub(super) fn entries(text: &str) -> Vec<Entry> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut stack: Vec<Level> = Vec::new();
    let mut i = 0;
    let path = |stack: &[Level]| {
        let mut key = String::new();
        for level in stack {
            if level.object {
                if !key.is_empty() {
                    key.push('.');
                }
                key.push_str(&level.key);
            } else {
                key.push_str(&format!("[{}]", level.index));
            }
        }
        key
    };
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => {
                stack.push(Level {
                    object: bytes[i] == b'{',
                    key: String::new(),
                    index: 0,
                    expects_key: bytes[i] == b'{',
                });
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
            }
            b',' => {
                if let Some(level) = stack.last_mut() {
                    level.expects_key = level.object;
                    level.index += 1;
                }
                i += 1;
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                let literal = Span::new(start, i);
                match stack.last_mut() {
                    Some(level) if level.expects_key => {
                        level.key =
                            serde_json::from_str(&text[literal.range()]).unwrap_or_default();
                        level.expects_key = false;
                    }
                    _ => out.push(Entry {
                        key: path(&stack),
                        literal,
                    }),
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether the entries are those of a Chrome `messages.json`: every value
/// sits in an object of the top level, and each of those holds a
/// `message`.
fn is_chrome_messages(entries: &[Entry]) -> bool {
    let mut messages = 0;
    let mut groups = 0;
    let mut last_group = "";
    for entry in entries {
        let Some((group, field)) = entry.key.split_once('.') else {
            return false;
        };
        if group != last_group {
            groups += 1;
            last_group = group;
        }
        messages += usize::from(field == "message");
    }
    groups > 0 && messages == groups
}

/// The entries that hold translatable text: all string values, or only
/// the `message` fields of a Chrome `messages.json`.
pub(super) fn translatable(text: &str) -> Vec<Entry> {
    let mut all = entries(text);
    if is_chrome_messages(&all) {
        all.retain(|e| e.key.ends_with(".message") && e.key.matches('.').count() == 1);
    }
    all
}

/// Reads the string literal `literal` into `out`, one paragraph.
pub(super) fn element(text: &str, literal: Span, out: &mut Builder) {
    out.end_paragraph();
    let inner = Span::new(
        (literal.start + 1).min(literal.end),
        literal.end.saturating_sub(1).max(literal.start),
    );
    inline::scan(text, inner, Dialect::Json, out);
    out.end_paragraph();
}

/// The view of a JSON resource file, its strings paired by key with those
/// of `counterpart`, the source-language file, if given.
pub(super) fn view(text: &str, counterpart: Option<&str>) -> ProseView<'static> {
    let mut out = Builder::new();
    let mut paired = Vec::new();
    let by_key: std::collections::HashMap<String, Span> = counterpart
        .filter(|c| check(c).is_ok())
        .map(|c| {
            translatable(c)
                .into_iter()
                .map(|e| (e.key, e.literal))
                .collect()
        })
        .unwrap_or_default();
    for entry in translatable(text) {
        let source = counterpart.and_then(|c| {
            let literal = *by_key.get(&entry.key)?;
            Some(super::pairs::side(c, |b| element(c, literal, b)))
        });
        super::pairs::target(&mut out, &mut paired, text, source, false, |b| {
            element(text, entry.literal, b)
        });
    }
    out.finish(Vec::new()).with_pairs(paired)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_only_with_paths() {
        let text = r#"{"menu": {"open": "Ouvrir \"{{file}}\"", "n": 3, "list": ["Un", "Deux!"]}, "k\"ey": "Fin"}"#;
        let view = view(text, None);
        assert_eq!(view.text(), "Ouvrir \"\u{FFFC}\"\n\nUn\n\nDeux!\n\nFin");
        let keys: Vec<String> = entries(text).into_iter().map(|e| e.key).collect();
        assert_eq!(keys, ["menu.open", "menu.list[0]", "menu.list[1]", "k\"ey"]);
        let at = view.text().find("Deux").expect("prose");
        assert_eq!(&text[view.to_source(Span::new(at, at + 4)).range()], "Deux");
    }

    #[test]
    fn chrome_messages_only() {
        let text = r#"{"hello": {"message": "Bonjour $USER$ !", "description": "Greeting shown on start"}, "bye": {"message": "Au revoir"}}"#;
        assert_eq!(view(text, None).text(), "Bonjour \u{FFFC} !\n\nAu revoir");
    }

    #[test]
    fn errors_have_offsets() {
        let err = check("{\n  \"a\": \"b\",\n}").expect_err("trailing comma");
        assert_eq!(err.offset, 14, "{}", err.reason);
        assert!(check("{\"a\": [1, \"b\"]}").is_ok());
    }
}
