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

/// A printf directive: `%`, a position (`1$`), the flags `flags`, a width,
/// a precision, a length modifier and a conversion among `conversions`.
fn printf_directive(flags: &str, conversions: &str) -> String {
    format!(
        r"%(?:\d+\$)?[{flags}]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[{conversions}]"
    )
}

/// The conversions of a printf directive.
const PRINTF_CONVERSIONS: &str = "diouxXeEfFgGaAcsp@";

/// What may follow a `%` or a `{` as a placeholder, or a `<` as a tag.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives = [
        // printf, with positions (`%1$s`); no space flag (`50 % de`).
        printf_directive("-+#0'", PRINTF_CONVERSIONS),
        // ISO C 99 macros, as gettext writes them: `%<PRIu64>`.
        r"%(?:\d+\$)?[-+#0']*(?:\d+)?(?:\.\d+)?<PRI[a-zA-Z0-9]+>".to_owned(),
        // Python `%(name)s`.
        r"%\([^)\s]{1,64}\)[-+#0 ]*(?:\d+)?(?:\.\d+)?[diouxXeEfFgGcrsa]".to_owned(),
        // Qt `%1`, `%L2`.
        r"%L?[1-9][0-9]?".to_owned(),
        // Python and .NET braces: `{}`, `{0}`, `{name}`, `{0:.2f}`, `{name!r}`.
        r"\{[A-Za-z0-9_]{0,64}(?:[.\[][A-Za-z0-9_.\[\]]{0,64})?(?:![rsa])?(?::[^{}\s]{0,32})?\}"
            .to_owned(),
    ];
    Regex::new(&format!("^(?:{})", alternatives.join("|")))
        .expect("the placeholder pattern is valid")
});

/// printf directives with a space flag (`% d`, `% e`, `% %`): in an entry
/// flagged `c-format` (or another format), `msgfmt` reads them as
/// directives, so they are placeholders there.
static SPACED_DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "^{}",
        printf_directive("-+#0' ", &format!("{PRINTF_CONVERSIONS}%"))
    ))
    .expect("the directive pattern is valid")
});

/// The length of the placeholder starting `text` — a printf directive
/// (`%s`, `%08x`, `%1$s`), Python's `%(name)s`, Qt's `%1` or a brace
/// placeholder (`{0}`, `{name}`) — if one does.
pub fn placeholder_len(text: &str) -> Option<usize> {
    PLACEHOLDER.find(text).map(|m| m.end())
}

/// An HTML tag of the elements messages use; other text in angle
/// brackets (`<file>`, `<corrupt index: %d>`) is prose.
static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?i)</?(?:a|abbr|b|big|blockquote|br|center|code|dd|del|div|dl|dt|em|font|h[1-6]|hr|i|img|ins|kbd|li|ol|p|pre|q|s|samp|small|span|strike|strong|sub|sup|table|td|th|tr|tt|u|ul|var)",
        r"(?:\s[^<>]*)?/?>"
    ))
    .expect("the tag pattern is valid")
});

/// What a scan of a translation emits, piece by piece, in source bytes.
trait Sink {
    /// Prose copied from the source.
    fn verbatim(&mut self, source: &str, span: Span);
    /// `text`, the decoded form of the bytes at `span` (an escape, `%%`).
    fn decoded(&mut self, text: &str, span: Span);
    /// Masked bytes (a placeholder, an unknown escape).
    fn placeholder(&mut self, span: Span);
    /// Markup at `span`: an HTML tag, or the quotes between two strings
    /// (the next piece continues after them, [`Gap::After`]).
    fn markup(&mut self, span: Span, gap: Gap);
}

impl Sink for Builder {
    fn verbatim(&mut self, source: &str, span: Span) {
        Builder::verbatim(self, source, span);
    }
    fn decoded(&mut self, text: &str, span: Span) {
        Builder::decoded(self, text, span);
    }
    fn placeholder(&mut self, span: Span) {
        Builder::placeholder(self, span);
    }
    fn markup(&mut self, span: Span, gap: Gap) {
        // An HTML tag, or the quotes between two strings: only tags are
        // kept as tags ([`Builder::tags_in`]).
        Builder::tag(self, gap, span);
    }
}

/// The strings of one field (`msgstr` and its continuation lines) read as
/// one text: placeholders and `%%` are found across string boundaries
/// (`"Total : %"` then `"1$s"` is one `%1$s`).
struct Joined {
    text: String,
    /// For each string: its start in `text` and its content in the source.
    parts: Vec<(usize, Span)>,
}

impl Joined {
    fn new(source: &str, strings: &[Span]) -> Joined {
        let mut text = String::new();
        let mut parts = Vec::with_capacity(strings.len());
        for &content in strings {
            parts.push((text.len(), content));
            text.push_str(&source[content.range()]);
        }
        Joined { text, parts }
    }

    /// The index of the string holding joined offset `at` (an end offset
    /// belongs to the string it ends).
    fn part(&self, at: usize, is_end: bool) -> usize {
        let i = self
            .parts
            .partition_point(|&(start, _)| if is_end { start < at } else { start <= at });
        i.saturating_sub(1)
    }

    /// The source offset of joined offset `at`.
    fn to_source(&self, at: usize, is_end: bool) -> usize {
        let (start, content) = self.parts[self.part(at, is_end)];
        content.start + (at - start)
    }

    fn span(&self, from: usize, to: usize) -> Span {
        let start = self.to_source(from, false);
        Span::new(start, self.to_source(to, true).max(start))
    }
}

/// Decodes the strings of one field into `out`; `formatted`: the entry
/// has a format flag (`#, c-format`).
fn decode(source: &str, strings: &[Span], formatted: bool, out: &mut dyn Sink) {
    if strings.is_empty() {
        return;
    }
    let joined = Joined::new(source, strings);
    let text = joined.text.as_str();
    let bytes = text.as_bytes();
    // Index of the next string whose start is still to be passed.
    let mut next_part = 1;
    let mut run = 0;
    let mut i = 0;
    let flush = |out: &mut dyn Sink, from: usize, to: usize| {
        if to > from {
            out.verbatim(source, joined.span(from, to));
        }
    };
    while i < bytes.len() {
        if let Some(&(start, content)) = joined.parts.get(next_part)
            && start <= i
        {
            if start == i {
                flush(out, run, i);
                run = i;
                let previous = joined.parts[next_part - 1].1;
                out.markup(Span::new(previous.end, content.start), Gap::After);
            }
            next_part += 1;
            continue;
        }
        // A piece of `len` bytes here: decoded text, or masked (`None`).
        let piece: Option<(usize, Option<&str>)> = match bytes[i] {
            b'\\' if i + 1 < bytes.len() => {
                let decoded = match bytes[i + 1] {
                    b'"' => Some("\""),
                    b'n' => Some("\n"),
                    b't' => Some("\t"),
                    b'\\' => Some("\\"),
                    b'r' => Some("\r"),
                    _ => None,
                };
                let width = text[i + 1..].chars().next().map_or(1, char::len_utf8) + 1;
                Some((width, decoded))
            }
            b'%' if bytes.get(i + 1) == Some(&b'%') => Some((2, Some("%"))),
            b'%' if formatted && SPACED_DIRECTIVE.is_match(&text[i..]) => {
                SPACED_DIRECTIVE.find(&text[i..]).map(|m| (m.end(), None))
            }
            b'%' | b'{' => placeholder_len(&text[i..]).map(|end| (end, None)),
            b'<' => {
                if let Some(m) = HTML_TAG.find(&text[i..]) {
                    flush(out, run, i);
                    out.markup(joined.span(i, i + m.end()), Gap::Ambiguous);
                    i += m.end();
                    run = i;
                    continue;
                }
                None
            }
            _ => None,
        };
        match piece {
            Some((len, decoded)) => {
                flush(out, run, i);
                let span = joined.span(i, i + len);
                match decoded {
                    Some(d) => out.decoded(d, span),
                    None => out.placeholder(span),
                }
                i += len;
                run = i;
            }
            None => i += 1,
        }
    }
    flush(out, run, bytes.len());
}

/// The contents of the C strings of `line` (`line_start` is where it
/// starts in the source), and whether the line holds nothing else: a
/// string that is not closed, or text between strings, makes it malformed.
fn strings(line: &str, line_start: usize) -> (Vec<Span>, bool) {
    let bytes = line.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i == bytes.len() {
            return (found, true);
        }
        if bytes[i] != b'"' {
            return (found, false);
        }
        let open = i;
        i += 1;
        loop {
            match bytes.get(i) {
                None | Some(b'\n' | b'\r') => return (found, false),
                Some(b'\\') => i += 2,
                Some(b'"') => break,
                Some(_) => i += 1,
            }
        }
        found.push(Span::new(line_start + open + 1, line_start + i));
        i += 1;
    }
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
    /// Whether a `#,` comment gives a format (`c-format`, `python-format`).
    formatted: bool,
    /// Whether some `msgid` string is not empty.
    id_text: bool,
    has_keyword: bool,
    has_translation: bool,
    /// String contents of each `msgstr`, in order.
    translations: Vec<Vec<Span>>,
    /// String contents of `msgid` and of `msgid_plural`.
    id: Vec<Span>,
    id_plural: Vec<Span>,
    /// Whether a `#,` comment flags the entry fuzzy.
    fuzzy: bool,
    /// `# coquille-ignore` comments: span and rules.
    ignores: Vec<(Span, Vec<String>)>,
}

struct Reader<'s> {
    source: &'s str,
    out: Builder,
    directives: Vec<Directive>,
    entry: Entry,
    field: Option<Field>,
    /// When the structure is read instead of the prose (see [`structure`]).
    skeleton: Option<Skeleton>,
    /// The strings of the last line read, and whether it was well formed.
    last_strings: (Vec<Span>, bool),
    /// Each translation with its msgid (see [`super::pairs`]).
    pairs: Vec<super::Pair>,
}

/// What fixes must leave unchanged in a catalogue: every line outside the
/// translations byte for byte, the shape of each translation line (its
/// keyword, how many strings, whether it lexes), and in each translation
/// its placeholders, escapes and tags in order.
#[derive(Debug, Default)]
struct Skeleton {
    text: String,
}

impl Skeleton {
    fn record(&mut self, source: &str, span: Span, kind: char) {
        self.text.push(kind);
        self.text.push_str(&source[span.range()]);
    }
}

/// A sink that keeps the skeleton of a translation (the source is the
/// catalogue).
struct SkeletonSink<'a> {
    source: &'a str,
    skeleton: &'a mut Skeleton,
}

impl Sink for SkeletonSink<'_> {
    fn verbatim(&mut self, _source: &str, _span: Span) {}
    fn decoded(&mut self, _text: &str, span: Span) {
        self.skeleton.record(self.source, span, '\u{1}');
    }
    fn placeholder(&mut self, span: Span) {
        self.skeleton.record(self.source, span, '\u{2}');
    }
    fn markup(&mut self, span: Span, _gap: Gap) {
        self.skeleton.record(self.source, span, '\u{3}');
    }
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
        for (form, strings) in entry.translations.iter().enumerate() {
            match &mut self.skeleton {
                Some(skeleton) => {
                    let mut sink = SkeletonSink {
                        source: self.source,
                        skeleton,
                    };
                    decode(self.source, strings, entry.formatted, &mut sink);
                    // msgfmt wants a translation to begin and end with a
                    // newline where its msgid does.
                    let raw: String = strings.iter().map(|s| &self.source[s.range()]).collect();
                    sink.skeleton
                        .text
                        .push(if raw.starts_with("\\n") { 'B' } else { 'b' });
                    sink.skeleton
                        .text
                        .push(if raw.ends_with("\\n") { 'E' } else { 'e' });
                    sink.skeleton.text.push('\u{4}');
                }
                None => {
                    self.out.end_paragraph();
                    let (source, formatted) = (self.source, entry.formatted);
                    let side = |field: &[Span]| {
                        super::pairs::side(source, |b| decode(source, field, formatted, b))
                    };
                    let plural = !entry.id_plural.is_empty();
                    let (own, other) = if plural && form > 0 {
                        (&entry.id_plural, Some(&entry.id))
                    } else {
                        (&entry.id, plural.then_some(&entry.id_plural))
                    };
                    let before = self.pairs.len();
                    super::pairs::target(
                        &mut self.out,
                        &mut self.pairs,
                        source,
                        Some(side(own)),
                        entry.fuzzy,
                        |b| decode(source, strings, formatted, b),
                    );
                    if self.pairs.len() > before
                        && let (Some(pair), Some(other)) = (self.pairs.last_mut(), other)
                    {
                        pair.alternative = Some(side(other));
                    }
                }
            }
        }
    }

    fn line(&mut self, line: &str, start: usize) {
        self.last_strings = (Vec::new(), true);
        self.read_line(line, start);
        let Some(skeleton) = &mut self.skeleton else {
            return;
        };
        let (contents, well_formed) = &self.last_strings;
        if self.field == Some(Field::Translation) {
            // The line without the contents of its strings.
            let mut pos = start;
            for content in contents {
                skeleton.text.push_str(&self.source[pos..content.start]);
                pos = content.end;
            }
            skeleton
                .text
                .push_str(&self.source[pos..start + line.len()]);
            if !well_formed {
                skeleton.text.push('\u{5}');
            }
        } else {
            skeleton.text.push_str(line);
        }
    }

    fn read_line(&mut self, line: &str, start: usize) {
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
            if let Some(flags) = comment.strip_prefix(',') {
                self.entry.fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
                self.entry.formatted |= flags
                    .split(',')
                    .map(str::trim)
                    .any(|f| f.ends_with("-format") && !f.starts_with("no-"));
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
        // `msgstr[1]`: the index is not a string.
        let indexed = match field {
            Some(Field::Translation) => rest
                .strip_prefix('[')
                .and_then(|r| r.split_once(']'))
                .map_or(rest, |(_, r)| r),
            _ => rest,
        };
        let offset =
            start + (line.len() - line.trim_start().len()) + (trimmed.len() - indexed.len());
        let (contents, well_formed) = strings(indexed, offset);
        self.last_strings = (contents.clone(), well_formed);
        match self.field {
            Some(Field::Translation) => {
                if let Some(strings) = self.entry.translations.last_mut() {
                    strings.extend(contents);
                }
            }
            Some(Field::Id) => {
                self.entry.id_text |= contents.iter().any(|c| !c.is_empty());
                self.entry.id.extend(contents);
            }
            Some(Field::IdPlural) => self.entry.id_plural.extend(contents),
            _ => {}
        }
    }
}

/// Reads `text` line by line, for its prose or (with a skeleton) for its
/// structure.
fn read(text: &str, skeleton: Option<Skeleton>) -> Reader<'_> {
    let mut reader = Reader {
        source: text,
        out: Builder::new(),
        directives: Vec::new(),
        entry: Entry::default(),
        field: None,
        skeleton,
        last_strings: (Vec::new(), true),
        pairs: Vec::new(),
    };
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        reader.line(line, start);
        start += line.len();
    }
    reader.finish_entry(text.len());
    reader
}

/// The view of a gettext catalogue.
pub(super) fn view(text: &str) -> ProseView<'static> {
    let reader = read(text, None);
    reader
        .out
        .finish(Vec::new())
        .with_directives(reader.directives)
        .with_pairs(reader.pairs)
}

/// The structure of a catalogue, which a fix must leave unchanged: the
/// lines outside translations byte for byte, how each translation line
/// lexes, the placeholders, escapes and tags of each translation, and
/// whether it begins and ends with a newline (`msgfmt` checks that against
/// the msgid).
pub(super) fn structure(text: &str) -> String {
    read(text, Some(Skeleton::default()))
        .skeleton
        .map(|s| s.text)
        .unwrap_or_default()
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

    #[test]
    fn several_strings_on_a_line_and_split_placeholders() {
        let text =
            "#, c-format\nmsgid \"a\"\nmsgstr \"Il a dit:\" \"oui!\"\n\"Total : %\"\n\"1$s % d\"\n";
        let view = view(text);
        // The strings are joined; `%1$s` split over two lines is one
        // placeholder, `% d` too in a formatted entry.
        assert_eq!(view.text(), "Il a dit:oui!Total : \u{FFFC} \u{FFFC}");
        let at = view.text().find("oui").expect("in prose");
        assert_eq!(&text[view.to_source(Span::new(at, at + 3)).range()], "oui");
    }

    #[test]
    fn structure_sees_quotes_placeholders_and_escapes() {
        let text = "msgid \"a %d\"\nmsgstr \"Il dit \\\"oui %d\"\n";
        let same = text.replace("Il dit", "Elle dit");
        assert_eq!(structure(text), structure(&same));
        for broken in [
            text.replace("oui", "oui\""),
            text.replace("%d\"\n", "% d\"\n").replace("a % d", "a %d"),
            text.replace("\\\"", "\""),
            text.replace("msgid \"a", "msgid \"b"),
        ] {
            assert_ne!(structure(text), structure(&broken), "{broken}");
        }
    }
}
