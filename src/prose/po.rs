//! The prose view of a gettext catalogue (`.po`, `.pot`): the translations
//! only. Each `msgstr` (or `msgstr[n]`) is one paragraph, its continued
//! string lines joined; `msgid`, `msgctxt`, comments, the header entry and
//! obsolete entries (`#~`) are not prose. Fuzzy entries are checked like
//! the others.
//!
//! - Escapes (`\"`, `\n`, `\t`, `\\`) are decoded: findings on them are
//!   reported at the escape, and a fix touching one is display-only, so
//!   fixing never breaks the quoting of the file.
//! - printf and Python placeholders (`%s`, `%1$d`, `%(name)s`, `{0}`,
//!   `{name}`) and Qt's `%1` read as one placeholder word; `%%` reads `%`.
//! - HTML tags inside a translation (`<b>`, `</a>`) are markup: dropped.
//! - A translator comment `# coquille-ignore rule,…` suppresses findings
//!   in its entry.

use super::builder::Builder;
use super::{Gap, ProseView};
use crate::span::Span;
use crate::suppress::{self, Directive, DirectiveKind};
use regex::Regex;
use std::sync::LazyLock;

/// What may follow a `%` or a `{` as a placeholder, or a `<` as a tag.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // printf, with positions (`%1$s`); no space flag (`50 % de`).
        r"^(?:%(?:\d+\$)?[-+#0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcsp@]",
        // Python `%(name)s`.
        r"|%\([^)\s]{1,64}\)[-+#0 ]*(?:\d+)?(?:\.\d+)?[diouxXeEfFgGcrsa]",
        // Qt `%1`, `%L2`.
        r"|%L?[1-9][0-9]?",
        // Python and .NET braces: `{}`, `{0}`, `{name}`, `{0:.2f}`, `{name!r}`.
        r"|\{[A-Za-z0-9_]{0,64}(?:[.\[][A-Za-z0-9_.\[\]]{0,64})?(?:![rsa])?(?::[^{}\s]{0,32})?\}",
        r")",
    ))
    .expect("the placeholder pattern is valid")
});

static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>").expect("the tag pattern is valid")
});

/// Decodes the content of one string line (between its quotes, at
/// `content` in `source`) into the builder.
fn decode(source: &str, content: Span, out: &mut Builder) {
    let text = &source[content.range()];
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut i = 0;
    let flush = |out: &mut Builder, from: usize, to: usize| {
        if to > from {
            out.verbatim(source, Span::new(content.start + from, content.start + to));
        }
    };
    while i < bytes.len() {
        let at = |len: usize| Span::new(content.start + i, content.start + i + len);
        match bytes[i] {
            b'\\' if i + 1 < bytes.len() => {
                flush(out, run, i);
                let decoded = match bytes[i + 1] {
                    b'"' => Some("\""),
                    b'n' => Some("\n"),
                    b't' => Some("\t"),
                    b'\\' => Some("\\"),
                    b'r' => Some("\r"),
                    _ => None,
                };
                let width = text[i + 1..].chars().next().map_or(1, char::len_utf8) + 1;
                match decoded {
                    Some(d) => out.decoded(d, at(width)),
                    None => out.placeholder(at(width)),
                }
                i += width;
                run = i;
            }
            b'%' if bytes.get(i + 1) == Some(&b'%') => {
                flush(out, run, i);
                out.decoded("%", at(2));
                i += 2;
                run = i;
            }
            b'%' | b'{' => match PLACEHOLDER.find(&text[i..]) {
                Some(m) => {
                    flush(out, run, i);
                    out.placeholder(at(m.end()));
                    i += m.end();
                    run = i;
                }
                None => i += 1,
            },
            b'<' => match HTML_TAG.find(&text[i..]) {
                Some(m) => {
                    flush(out, run, i);
                    out.markup(Gap::Ambiguous);
                    i += m.end();
                    run = i;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    flush(out, run, bytes.len());
}

/// The bytes between the first and the last `"` of a string line.
fn string_content(line: &str, line_start: usize) -> Option<Span> {
    let open = line.find('"')?;
    let close = line.rfind('"')?;
    (close > open).then(|| Span::new(line_start + open + 1, line_start + close))
}

/// The field a string line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Context,
    Id,
    IdPlural,
    Translation,
}

/// One entry while it is read.
#[derive(Debug, Default)]
struct Entry {
    start: usize,
    end: usize,
    has_context: bool,
    /// Whether some `msgid` string is not empty.
    id_text: bool,
    has_keyword: bool,
    has_translation: bool,
    /// String contents of each `msgstr`, in order.
    translations: Vec<Vec<Span>>,
    /// `# coquille-ignore` comments: span and rules.
    ignores: Vec<(Span, Vec<String>)>,
}

struct Reader<'s> {
    source: &'s str,
    out: Builder,
    directives: Vec<Directive>,
    entry: Entry,
    field: Option<Field>,
}

impl Reader<'_> {
    fn finish_entry(&mut self, next_start: usize) {
        let entry = std::mem::take(&mut self.entry);
        self.entry.start = next_start;
        self.field = None;
        // The header entry (`msgid ""` without context) is metadata.
        let header = !entry.has_context && !entry.id_text;
        if !entry.has_keyword || header {
            return;
        }
        for (span, rules) in entry.ignores {
            self.directives.push(Directive {
                kind: DirectiveKind::IgnoreEntry(Span::new(entry.start, entry.end)),
                rules,
                span,
            });
        }
        for strings in &entry.translations {
            self.out.end_paragraph();
            for &content in strings {
                decode(self.source, content, &mut self.out);
                // The next string line continues after its opening quote.
                self.out.markup(Gap::After);
            }
            self.out.end_paragraph();
        }
    }

    fn line(&mut self, line: &str, start: usize) {
        let trimmed = line.trim();
        let end = start + line.trim_end().len();
        if trimmed.is_empty() {
            self.finish_entry(start + line.len());
            return;
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            if comment.starts_with('~') {
                // Obsolete entries are not checked.
                if self.entry.has_keyword {
                    self.finish_entry(start);
                }
                self.entry.start = start + line.len();
                return;
            }
            if self.entry.has_keyword {
                self.finish_entry(start);
            }
            if comment.starts_with([' ', '\t']) || comment.is_empty() {
                if let Some(("ignore", rules)) = suppress::parse_body(comment) {
                    let lead = line.len() - line.trim_start().len();
                    self.entry
                        .ignores
                        .push((Span::new(start + lead, end), rules));
                }
            }
            self.entry.end = end;
            return;
        }
        let (field, rest) = if let Some(rest) = trimmed.strip_prefix("msgctxt") {
            (Some(Field::Context), rest)
        } else if let Some(rest) = trimmed.strip_prefix("msgid_plural") {
            (Some(Field::IdPlural), rest)
        } else if let Some(rest) = trimmed.strip_prefix("msgid") {
            (Some(Field::Id), rest)
        } else if let Some(rest) = trimmed.strip_prefix("msgstr") {
            (Some(Field::Translation), rest)
        } else {
            (None, trimmed)
        };
        if let Some(field) = field {
            let starts_entry = matches!(field, Field::Context | Field::Id)
                && self.entry.has_translation
                || field == Field::Context && self.entry.has_keyword;
            if starts_entry {
                self.finish_entry(start);
            }
            self.field = Some(field);
            self.entry.has_keyword = true;
            match field {
                Field::Context => self.entry.has_context = true,
                Field::Translation => {
                    self.entry.has_translation = true;
                    self.entry.translations.push(Vec::new());
                }
                Field::Id | Field::IdPlural => {}
            }
        }
        self.entry.end = end;
        let offset = start + (line.len() - line.trim_start().len()) + (trimmed.len() - rest.len());
        let Some(content) = string_content(rest, offset) else {
            return;
        };
        match self.field {
            Some(Field::Translation) => {
                if let Some(strings) = self.entry.translations.last_mut() {
                    strings.push(content);
                }
            }
            Some(Field::Id) if !content.is_empty() => self.entry.id_text = true,
            _ => {}
        }
    }
}

/// The view of a gettext catalogue.
pub(super) fn view(text: &str) -> ProseView<'static> {
    let mut reader = Reader {
        source: text,
        out: Builder::new(),
        directives: Vec::new(),
        entry: Entry::default(),
        field: None,
    };
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        reader.line(line, start);
        start += line.len();
    }
    reader.finish_entry(text.len());
    reader
        .out
        .finish(Vec::new())
        .with_directives(reader.directives)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOGUE: &str = r#"# Traduction française.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#: src/main.c:10
#, c-format
msgid "Hello %s!"
msgstr "Bonjour %s!"

#, fuzzy
msgctxt "menu"
msgid "Open"
msgstr ""
"Ouvrir un "
"\"fichier\"\n"

msgid "One file"
msgid_plural "%d files"
msgstr[0] "%d fichier"
msgstr[1] "%(count)s fichiers à 50%% {0}"

#~ msgid "Old"
#~ msgstr "Vieux!"
"#;

    #[test]
    fn translations_only_with_placeholders_and_escapes() {
        let view = view(CATALOGUE);
        assert_eq!(
            view.text(),
            "Bonjour \u{FFFC}!\n\nOuvrir un \"fichier\"\n\n\n\u{FFFC} fichier\n\n\u{FFFC} fichiers à 50% \u{FFFC}"
        );
        assert_eq!(view.paragraphs().len(), 4);
        // A verbatim word maps back to its bytes.
        let at = view.text().find("fichier\"").expect("in prose");
        let source = view.to_source(Span::new(at, at + 7));
        assert_eq!(&CATALOGUE[source.range()], "fichier");
        // An escaped quote maps to its escape.
        let quote = view.to_source(Span::new(at - 1, at));
        assert_eq!(&CATALOGUE[quote.range()], "\\\"");
    }

    #[test]
    fn ignore_comments_cover_their_entry() {
        let text = "# coquille-ignore spacing\nmsgid \"Hi!\"\nmsgstr \"Salut!\"\n\nmsgid \"Bye!\"\nmsgstr \"Au revoir!\"\n";
        let view = view(text);
        let [directive] = view.directives() else {
            panic!("one directive: {:?}", view.directives());
        };
        assert_eq!(directive.rules, vec!["spacing".to_string()]);
        let DirectiveKind::IgnoreEntry(entry) = directive.kind else {
            panic!("an entry directive");
        };
        assert!(text[entry.range()].contains("Salut!"));
        assert!(!text[entry.range()].contains("revoir"));
    }
}
