//! The text of one translatable string, scanned piece by piece into a
//! prose builder: escapes of the file's syntax decoded (XML entities,
//! Android's backslashes, JSON's), placeholders masked (printf `%1$s`,
//! braces `{0}` `{name}` `{{name}}`, ICU `{n, plural, one {…} other {…}}`
//! around the prose its branches hold), inline HTML tags dropped as markup.
//! Shared by the XLIFF, Android and JSON resource views.

use super::builder::Builder;
use super::{Gap, po};
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

/// The escapes and placeholders a string of a format holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    /// XLIFF text: XML references; printf and brace placeholders. Line
    /// breaks are layout unless `xml:space="preserve"` is in effect
    /// (`keep_breaks`).
    Xliff {
        /// Whether `xml:space="preserve"` keeps the line breaks.
        keep_breaks: bool,
    },
    /// Android resources: XML references, backslash escapes, `%%`,
    /// unescaped double quotes (syntax, not text), printf placeholders.
    Android,
    /// A JSON string: JSON escapes, `{{name}}`, `{name}`, ICU messages,
    /// `$t(key)`, HTML tags.
    Json,
}

/// The head of an ICU argument with branches: `{count, plural,`.
static ICU_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\{\s*[\p{L}\p{N}_]+\s*,\s*(?:plural|selectordinal|select)\s*,(?:\s*offset:\s*\d+)?",
    )
    .expect("the ICU head pattern is valid")
});

/// A branch selector and its opening brace: `one {`, `=0 {`.
static ICU_BRANCH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:=\d+|[\p{L}\p{N}_]+)\s*\{").expect("the ICU branch pattern is valid")
});

/// A simple ICU or brace argument: `{name}`, `{n, number}`, `{d, date, short}`.
static BRACE_ARGUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\{\s*[\p{L}\p{N}_.\-]+\s*(?:,[^{}]*)?\}").expect("the brace pattern is valid")
});

/// i18next nesting `$t(key)`, Chrome's `$NAME$` and vue-i18n links `@:key`.
static NESTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\$t\([^()]*\)|\$[A-Za-z0-9_@]+\$|@(?:\.[a-z]+)?:[A-Za-z0-9_.\-]+)")
        .expect("the nesting pattern is valid")
});

static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>").expect("the tag pattern is valid")
});

/// The character an XML reference at the start of `raw` stands for, and
/// its length: `&amp;`, `&#160;`, `&#xA0;`.
pub(super) fn xml_reference(raw: &str) -> Option<(char, usize)> {
    let end = raw.bytes().take(12).position(|b| b == b';')?;
    let name = &raw[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let code =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()?
                } else {
                    name.strip_prefix('#')?.parse().ok()?
                };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// The character an Android backslash escape at the start of `raw` stands
/// for, and its length.
fn android_escape(raw: &str) -> Option<(char, usize)> {
    let next = raw[1..].chars().next()?;
    let c = match next {
        'n' => '\n',
        't' => '\t',
        '\'' | '"' | '\\' | '@' | '?' => next,
        'u' => {
            let hex = raw.get(2..6)?;
            return char::from_u32(u32::from_str_radix(hex, 16).ok()?).map(|c| (c, 6));
        }
        _ => return None,
    };
    Some((c, 1 + next.len_utf8()))
}

/// Scans one string of `source` (bytes `span`) into `out`.
pub(super) fn scan(source: &str, span: Span, dialect: Dialect, out: &mut Builder) {
    scan_text(source, span, dialect, false, out);
}

/// Scans the content of a CDATA section (no references; HTML tags are
/// text there, read as markup).
pub(super) fn scan_cdata(source: &str, span: Span, dialect: Dialect, out: &mut Builder) {
    scan_text(source, span, dialect, true, out);
}

fn scan_text(source: &str, span: Span, dialect: Dialect, cdata: bool, out: &mut Builder) {
    let mut scanner = Scanner {
        source,
        dialect,
        cdata,
        quoted: false,
        content: {
            let bytes = &source.as_bytes()[span.range()];
            let lead = bytes.iter().take_while(|b| is_blank(b)).count();
            let trail = bytes[lead..]
                .iter()
                .rev()
                .take_while(|b| is_blank(b))
                .count();
            Span::new(span.start + lead, span.end - trail)
        },
        out,
    };
    let mut at = span.start;
    // An unbalanced `}` ends a branch; at the top it is text.
    while at < span.end {
        at = scanner.run(at, span.end, false);
        if at < span.end {
            at += 1;
        }
    }
}

/// White space as XML counts it: space, tab, carriage return, line feed.
fn is_blank(b: &u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

struct Scanner<'s, 'o> {
    source: &'s str,
    dialect: Dialect,
    /// In a CDATA section: no references, HTML tags as markup.
    cdata: bool,
    /// Inside Android's unescaped double quotes, which keep whitespace.
    quoted: bool,
    /// The text being scanned without the whitespace at its ends.
    content: Span,
    out: &'o mut Builder,
}

impl Scanner<'_, '_> {
    /// Whether a line break here is layout, read as a space.
    fn breaks_are_layout(&self) -> bool {
        match self.dialect {
            Dialect::Android => !self.quoted,
            Dialect::Xliff { keep_breaks } => !keep_breaks,
            Dialect::Json => false,
        }
    }

    fn flush(&mut self, from: usize, to: usize) {
        if from < to {
            self.out.verbatim(self.source, Span::new(from, to));
        }
    }

    /// Scans from `at` to `end` or to an unbalanced `}` inside an ICU
    /// branch (`in_branch`), whose offset it returns.
    fn run(&mut self, mut at: usize, end: usize, in_branch: bool) -> usize {
        let bytes = self.source.as_bytes();
        let mut run = at;
        while at < end {
            let rest = &self.source[at..end];
            let b = bytes[at];
            // A piece of `len` bytes: decoded to a character, or masked.
            let piece: Option<(usize, Option<char>)> = match (b, self.dialect) {
                (b'&', Dialect::Xliff { .. } | Dialect::Android) if !self.cdata => {
                    xml_reference(rest).map(|(c, len)| (len, Some(c)))
                }
                (b'\\', Dialect::Android) => Some(android_escape(rest).map_or_else(
                    // An unknown escape is masked, backslash and character.
                    || (1 + rest[1..].chars().next().map_or(0, char::len_utf8), None),
                    |(c, len)| (len, Some(c)),
                )),
                (b'\\', Dialect::Json) => {
                    let (c, len) = super::json::escape(bytes, at);
                    Some((len.min(end - at), c))
                }
                (b'"', Dialect::Android) => {
                    self.flush(run, at);
                    self.out.markup(Gap::Ambiguous);
                    self.quoted = !self.quoted;
                    at += 1;
                    run = at;
                    continue;
                }
                // Android collapses whitespace outside double quotes, and
                // XLIFF tools may outside `xml:space="preserve"`: a line
                // break inside a text, with the indentation around it,
                // reads as one space (`la réunion` / `a été annulée`). At
                // the ends of the text it stays as it is.
                (b'\n', _) if self.breaks_are_layout() => {
                    let from = at
                        - bytes[run..at]
                            .iter()
                            .rev()
                            .take_while(|b| is_blank(b))
                            .count();
                    let to = at + bytes[at..end].iter().take_while(|b| is_blank(b)).count();
                    if self.content.start < from && to < self.content.end {
                        self.flush(run, from);
                        self.out.decoded(" ", Span::new(from, to));
                        run = to;
                    }
                    // The whole run of whitespace is read at once.
                    at = to;
                    continue;
                }
                (b'%', Dialect::Android) if rest.starts_with("%%") => Some((2, Some('%'))),
                (b'%', _) => po::placeholder_len(rest).map(|len| (len, None)),
                (b'{', Dialect::Json) => {
                    if rest.starts_with("{{") {
                        rest.find("}}").map(|e| (e + 2, None))
                    } else if let Some(head) = ICU_HEAD.find(rest) {
                        self.flush(run, at);
                        at = self.branches(at, head.end(), end);
                        run = at;
                        continue;
                    } else {
                        BRACE_ARGUMENT.find(rest).map(|m| (m.end(), None))
                    }
                }
                (b'{', _) => po::placeholder_len(rest).map(|len| (len, None)),
                (b'}', _) if in_branch => {
                    self.flush(run, at);
                    return at;
                }
                (b'#', Dialect::Json) if in_branch => Some((1, None)),
                (b'$' | b'@', Dialect::Json) => NESTING.find(rest).map(|m| (m.end(), None)),
                (b'<', _) if self.dialect == Dialect::Json || self.cdata => {
                    if let Some(m) = HTML_TAG.find(rest) {
                        self.flush(run, at);
                        self.out.tag(Gap::Ambiguous, Span::new(at, at + m.end()));
                        at += m.end();
                        run = at;
                        continue;
                    }
                    None
                }
                _ => None,
            };
            match piece {
                Some((len, decoded)) => {
                    self.flush(run, at);
                    let span = Span::new(at, at + len);
                    match decoded {
                        Some(c) => {
                            let mut buf = [0u8; 4];
                            self.out.decoded(c.encode_utf8(&mut buf), span);
                        }
                        None => self.out.placeholder(span),
                    }
                    at += len;
                    run = at;
                }
                None => at += rest.chars().next().map_or(1, char::len_utf8),
            }
        }
        self.flush(run, at);
        at
    }

    /// An ICU argument with branches starting at `at`, its head `head`
    /// bytes long: the head, selectors and braces masked, the text of
    /// each branch scanned. Returns the offset after it.
    fn branches(&mut self, at: usize, head: usize, end: usize) -> usize {
        self.out.placeholder(Span::new(at, at + head));
        let mut at = at + head;
        while let Some(m) = ICU_BRANCH.find(&self.source[at..end]) {
            self.out.placeholder(Span::new(at, at + m.end()));
            at = self.run(at + m.end(), end, true);
            if at < end {
                // The brace closing the branch.
                self.out.placeholder(Span::new(at, at + 1));
                at += 1;
            }
        }
        let rest = &self.source[at..end];
        let close = rest.len() - rest.trim_start().len();
        if rest[close..].starts_with('}') {
            self.out.placeholder(Span::new(at, at + close + 1));
            at += close + 1;
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, dialect: Dialect) -> String {
        let mut out = Builder::new();
        scan(text, Span::new(0, text.len()), dialect, &mut out);
        out.finish(Vec::new()).text().to_string()
    }

    #[test]
    fn xml_references_and_placeholders() {
        assert_eq!(
            read("Tom &amp; Jerry&#160;: %1$s {0}", XLIFF),
            "Tom & Jerry\u{a0}: \u{FFFC} \u{FFFC}"
        );
        // A reference followed by characters of several bytes.
        assert_eq!(read("oui&#xA0;». – fin", XLIFF), "oui\u{a0}». – fin");
    }

    #[test]
    fn android_escapes_and_quotes() {
        assert_eq!(
            read(r#""Aujourd\'hui" à 50%% \u00A0%d\n"#, Dialect::Android),
            "Aujourd'hui à 50% \u{a0}\u{FFFC}\n"
        );
    }

    const XLIFF: Dialect = Dialect::Xliff { keep_breaks: false };

    #[test]
    fn android_line_breaks_collapse_outside_quotes() {
        assert_eq!(
            read("la réunion\n        a été annulée", Dialect::Android),
            "la réunion a été annulée"
        );
        // Inside double quotes, and at the ends of the text, whitespace
        // is kept; so are the line breaks of JSON.
        assert_eq!(
            read("\"un\n  deux\" trois\n   quatre\n", Dialect::Android),
            "un\n  deux trois quatre\n"
        );
        assert_eq!(
            read("\n\n   un\n  deux", Dialect::Android),
            "\n\n   un deux"
        );
        assert_eq!(read("un\n  deux", Dialect::Json), "un\n  deux");
    }

    #[test]
    fn xliff_line_breaks_collapse_unless_preserved() {
        assert_eq!(read("\n  un\n  deux\n", XLIFF), "\n  un deux\n");
        let preserved = Dialect::Xliff { keep_breaks: true };
        assert_eq!(read("un\n  deux", preserved), "un\n  deux");
    }

    #[test]
    fn json_braces_icu_and_tags() {
        assert_eq!(
            read(
                r#"Bonjour {{name}}, <b>{count, plural, one {# fichier} other {# fichiers}}</b> $t(x)"#,
                Dialect::Json
            ),
            "Bonjour \u{FFFC}, \u{FFFC}\u{FFFC}\u{FFFC} fichier\u{FFFC}\u{FFFC}\u{FFFC} fichiers\u{FFFC}\u{FFFC} \u{FFFC}"
        );
        assert_eq!(
            read(r#"a \"b\" {n, number} }"#, Dialect::Json),
            "a \"b\" \u{FFFC} }"
        );
    }
}
