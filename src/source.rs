//! Input texts: how they are read, what kind they are, and how byte offsets
//! become lines and columns.

use std::fmt;
use std::path::Path;

/// How a text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// Plain text: paragraphs separated by blank lines (or one per line).
    PlainText,
    /// Markdown: only its prose is checked (see [`crate::prose`]).
    Markdown,
    /// A gettext catalogue (`.po`, `.pot`): only the translations
    /// (`msgstr`) are checked.
    Po,
    /// One JSON value holding a string literal at these bytes (quotes
    /// included), as a field of a JSON Lines record: only the decoded
    /// string is checked, as plain text.
    JsonString(crate::span::Span),
    /// An XLIFF file (1.2 or 2.x): only the targets are checked.
    Xliff,
    /// Android string resources (`res/values*/*.xml`): only the strings,
    /// plurals and string arrays to translate are checked.
    Android,
    /// A JSON resource file (i18next, vue-i18n, Chrome `messages.json`):
    /// only the string values are checked.
    JsonResource,
}

impl SourceKind {
    /// The kind for a file name: `.md` and `.markdown` are Markdown, `.po`
    /// and `.pot` gettext catalogues, `.xlf` and `.xliff` XLIFF, `.xml` in
    /// a folder named `values…` Android resources, `.json` JSON
    /// resources, the rest plain text.
    pub fn from_path(path: &Path) -> SourceKind {
        let is = |ext: &str, name: &str| ext.eq_ignore_ascii_case(name);
        let in_values = || {
            path.parent()
                .and_then(Path::file_name)
                .and_then(|d| d.to_str())
                .is_some_and(|d| d == "values" || d.starts_with("values-"))
        };
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if is(ext, "md") || is(ext, "markdown") => SourceKind::Markdown,
            Some(ext) if is(ext, "po") || is(ext, "pot") => SourceKind::Po,
            Some(ext) if is(ext, "xlf") || is(ext, "xliff") => SourceKind::Xliff,
            Some(ext) if is(ext, "xml") && in_values() => SourceKind::Android,
            Some(ext) if is(ext, "json") => SourceKind::JsonResource,
            _ => SourceKind::PlainText,
        }
    }

    /// The names of the formats `--format-in` and config `formats` take.
    pub const NAMES: [&'static str; 6] = ["text", "markdown", "po", "xliff", "android", "json"];

    /// The kind a `--format-in` name forces: `text`, `markdown`, `po`,
    /// `xliff`, `android`, `json`.
    pub fn from_name(name: &str) -> Option<SourceKind> {
        Some(match name {
            "text" => SourceKind::PlainText,
            "markdown" => SourceKind::Markdown,
            "po" => SourceKind::Po,
            "xliff" => SourceKind::Xliff,
            "android" => SourceKind::Android,
            "json" => SourceKind::JsonResource,
            _ => return None,
        })
    }
}

impl SourceKind {
    /// The kind after fixes changed the length of the text from `before`
    /// to `after` bytes: a JSON string literal grows or shrinks with its
    /// content (fixes never edit outside it).
    pub fn after_edit(self, before: usize, after: usize) -> SourceKind {
        match self {
            SourceKind::JsonString(literal) => SourceKind::JsonString(crate::span::Span::new(
                literal.start,
                (literal.end + after).saturating_sub(before),
            )),
            kind => kind,
        }
    }
}

/// The largest text coquille reads at once: token offsets are 32-bit.
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize;

/// A text to check: its display name, its full contents and its kind.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in reports (a path, or the `--stdin-filename`).
    pub name: String,
    /// The whole file, byte for byte (a leading BOM included).
    pub text: String,
    /// How to read it.
    pub kind: SourceKind,
    /// The source-language file this one translates (Android resources,
    /// JSON resources), whose strings are paired with this file's by key
    /// for the `translation/*` checks; XLIFF and gettext files hold their
    /// sources themselves.
    pub counterpart: Option<std::sync::Arc<str>>,
}

/// Why a file's bytes cannot be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// The bytes are not UTF-8; `offset` is the first bad byte.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file looks binary (it holds a NUL byte at `offset`).
    Binary {
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// The file is UTF-16 (it starts with a UTF-16 byte order mark).
    Utf16,
    /// The file looks like UTF-16 without a byte order mark: in its first
    /// bytes, every other byte is NUL.
    Utf16WithoutBom {
        /// Big-endian (the NUL bytes come first in each pair).
        big_endian: bool,
    },
    /// The file is larger than the 4 GiB one text may hold.
    TooLarge {
        /// Its size in bytes.
        size: usize,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::InvalidUtf8 { offset } => {
                write!(f, "invalid UTF-8 at byte offset {offset}")
            }
            InputError::Binary { offset } => {
                write!(f, "binary file (NUL byte at offset {offset})")
            }
            InputError::Utf16 => write!(f, "UTF-16 text is not supported; convert it to UTF-8"),
            InputError::Utf16WithoutBom { big_endian } => write!(
                f,
                "looks like UTF-16 {} text (without a byte order mark), which is not supported; convert it to UTF-8",
                if *big_endian { "BE" } else { "LE" }
            ),
            InputError::TooLarge { size } => {
                write!(
                    f,
                    "file too large ({size} bytes; one text holds at most {MAX_TEXT_BYTES})"
                )
            }
        }
    }
}

impl std::error::Error for InputError {}

impl Source {
    /// A source from a string.
    pub fn new(name: impl Into<String>, text: impl Into<String>, kind: SourceKind) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
            kind,
            counterpart: None,
        }
    }

    /// The same source paired with `counterpart`, the text of the file it
    /// translates (see [`Source::counterpart`]).
    pub fn with_counterpart(mut self, counterpart: impl Into<std::sync::Arc<str>>) -> Source {
        self.counterpart = Some(counterpart.into());
        self
    }

    /// A source from raw bytes: refuses binary data, invalid UTF-8 and
    /// texts over [`MAX_TEXT_BYTES`].
    pub fn from_bytes(
        name: impl Into<String>,
        bytes: Vec<u8>,
        kind: SourceKind,
    ) -> Result<Source, InputError> {
        if bytes.len() > MAX_TEXT_BYTES {
            return Err(InputError::TooLarge { size: bytes.len() });
        }
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(InputError::Utf16);
        }
        if let Some(offset) = memchr::memchr(0, &bytes) {
            return Err(utf16_without_bom(&bytes).unwrap_or(InputError::Binary { offset }));
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(name, text, kind)),
            Err(e) => Err(InputError::InvalidUtf8 {
                offset: e.utf8_error().valid_up_to(),
            }),
        }
    }
}

/// Whether `bytes` (holding a NUL byte) look like UTF-16 without a byte
/// order mark: in their first pairs of bytes, the NUL bytes are all on one
/// side, and at least half of them (four at least) hold one, as Latin
/// text gives.
fn utf16_without_bom(bytes: &[u8]) -> Option<InputError> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    let (mut first, mut second) = (0, 0);
    for pair in sample.chunks_exact(2) {
        first += usize::from(pair[0] == 0);
        second += usize::from(pair[1] == 0);
    }
    let looks = |nul: usize, other: usize| pairs >= 4 && other == 0 && 2 * nul >= pairs;
    if looks(second, first) {
        Some(InputError::Utf16WithoutBom { big_endian: false })
    } else if looks(first, second) {
        Some(InputError::Utf16WithoutBom { big_endian: true })
    } else {
        None
    }
}

/// A line and a column, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values.
    pub column: usize,
}

/// Byte offset → line and column, for one text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    bom_len: usize,
}

impl LineIndex {
    /// Indexes the line starts of `text` (lines end with `\n`; a `\r` before
    /// it belongs to the line).
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let bom_len = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        LineIndex {
            line_starts,
            bom_len,
        }
    }

    /// The 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte offset where the 0-based `line` starts, not counting a BOM.
    fn content_start(&self, line: usize) -> usize {
        let start = self.line_starts[line];
        if line == 0 {
            start + self.bom_len
        } else {
            start
        }
    }

    /// The line and column of byte `offset` of `text` (the text this index
    /// was built from). Columns count Unicode scalar values; a BOM at the
    /// start of the file is not counted.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.content_start(line).min(offset);
        Position {
            line: line + 1,
            column: text[start..offset].chars().count() + 1,
        }
    }

    /// The 0-based UTF-16 column of byte `offset`, for editors.
    pub fn utf16_column(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.content_start(line).min(offset);
        text[start..offset].chars().map(char::len_utf16).sum()
    }

    /// The byte range of the 0-based `line`, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts[line];
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |&next| next - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end.max(start)
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// A cursor that converts many offsets of `text`, in increasing order,
    /// without recounting each line from its start.
    pub fn cursor<'a>(&'a self, text: &'a str) -> PositionCursor<'a> {
        PositionCursor {
            index: self,
            text,
            offset: 0,
            position: Position { line: 1, column: 1 },
        }
    }
}

/// Converts offsets to positions, counting only the characters between one
/// offset and the next when they are on the same line and in order (so a
/// one-line file with many findings is not quadratic). Offsets out of order
/// are still right, just slower.
#[derive(Debug, Clone)]
pub struct PositionCursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    offset: usize,
    position: Position,
}

impl PositionCursor<'_> {
    /// The position of byte `offset`.
    pub fn position(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.index.line_of(offset) + 1;
        let same_line_forward = line == self.position.line
            && offset >= self.offset
            && (line > 1 || self.offset >= self.index.bom_len);
        self.position = if same_line_forward {
            Position {
                line,
                column: self.position.column + self.text[self.offset..offset].chars().count(),
            }
        } else {
            self.index.position(self.text, offset)
        };
        self.offset = offset;
        self.position
    }

    /// The positions of the start and the end of `span`; the cursor stays
    /// at the start, so the next span (sorted by start) is reached forward.
    pub fn span(&mut self, span: crate::span::Span) -> (Position, Position) {
        let start = self.position(span.start);
        let inner = &self.text[span.start..span.end.min(self.text.len()).max(span.start)];
        let end = if inner.contains('\n') {
            self.index.position(self.text, span.end)
        } else {
            Position {
                line: start.line,
                column: start.column + inner.chars().count(),
            }
        };
        (start, end)
    }
}

/// The code point offsets (indices into the text as a sequence of Unicode
/// scalar values, as Python strings count) of byte `offsets` of `text`, in
/// the order given. An offset inside a character counts as that
/// character's start, one past the end as the end; the text is walked
/// once, whatever the order.
pub fn code_point_offsets(text: &str, offsets: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut out = vec![0; offsets.len()];
    let (mut byte, mut count) = (0, 0);
    for i in order {
        let mut target = offsets[i].min(text.len());
        while !text.is_char_boundary(target) {
            target -= 1;
        }
        count += text[byte..target].chars().count();
        byte = target;
        out[i] = count;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_of_byte_offsets() {
        // "é" is 2 bytes, the emoji 4, "e" + combining acute 1 + 2.
        let text = "é😀e\u{301}x";
        let bytes = [text.len(), 0, 2, 6, 7, 9];
        assert_eq!(code_point_offsets(text, &bytes), vec![5, 0, 1, 2, 3, 4]);
        let all: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        let expected: Vec<usize> = (0..all.len()).collect();
        assert_eq!(code_point_offsets(text, &all), expected);
    }

    #[test]
    fn positions_count_scalar_values() {
        let text = "é\nà bc\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 2), Position { line: 1, column: 2 });
        // "à" is 2 bytes, then a space: "b" is at byte 6, column 3.
        assert_eq!(index.position(text, 6), Position { line: 2, column: 3 });
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{FEFF}ab";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 4), Position { line: 1, column: 2 });
    }

    #[test]
    fn utf16_columns() {
        let text = "a😀b";
        let index = LineIndex::new(text);
        assert_eq!(index.utf16_column(text, 5), 3);
    }

    #[test]
    fn cursor_matches_position() {
        let text = "\u{FEFF}é a\nb ç d\n\nfin";
        let index = LineIndex::new(text);
        let mut cursor = index.cursor(text);
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&o| text.is_char_boundary(o))
            .collect();
        for &o in offsets.iter().chain(offsets.iter().rev()) {
            assert_eq!(cursor.position(o), index.position(text, o), "offset {o}");
        }
    }

    #[test]
    fn crlf_lines() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_range(text, 0), 0..2);
        assert_eq!(index.line_range(text, 1), 4..6);
        assert_eq!(index.position(text, 4), Position { line: 2, column: 1 });
    }

    #[test]
    fn refuses_binary_and_bad_utf8() {
        assert_eq!(
            Source::from_bytes("x", b"ab\0c".to_vec(), SourceKind::PlainText).unwrap_err(),
            InputError::Binary { offset: 2 }
        );
        assert_eq!(
            Source::from_bytes("x", b"ab\xffc".to_vec(), SourceKind::PlainText).unwrap_err(),
            InputError::InvalidUtf8 { offset: 2 }
        );
    }
}
