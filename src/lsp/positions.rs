//! Byte offsets into a document and LSP positions (line, character), in
//! the encoding negotiated with the client: UTF-8 code units (bytes) or
//! UTF-16 code units, the protocol's default. Lines end at `\n`, `\r\n` or
//! a lone `\r`, as the protocol says.

use lsp_types::{Position, PositionEncodingKind, Range};

/// How the characters of a position are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 code units: bytes.
    Utf8,
    /// UTF-16 code units: an astral character (emoji) counts two.
    #[default]
    Utf16,
}

impl Encoding {
    /// The encoding to use with a client offering `offered`: UTF-8 when it
    /// lists it, else UTF-16, which every client understands.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    /// The protocol's name of the encoding.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// The width of `c` in code units.
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line of a text starts, to turn byte offsets into positions
/// and back.
#[derive(Debug, Clone)]
pub struct LineMap {
    /// The byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
}

impl LineMap {
    /// The lines of `text`.
    pub fn new(text: &str) -> LineMap {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        LineMap { starts }
    }

    /// The byte range of line `line`'s content, without its line break.
    fn content(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end)
    }

    /// The position of byte `offset` of `text` (clamped to the text, and
    /// moved back to the start of the character it falls in).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let offset = floor_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = match encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => text[start..offset].chars().map(char::len_utf16).sum(),
        };
        Position::new(as_u32(line), as_u32(character))
    }

    /// The range of bytes `start..end` of `text`.
    pub fn range(&self, text: &str, start: usize, end: usize, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, start, encoding),
            self.position(text, end, encoding),
        )
    }

    /// The byte offset of `position` in `text`. A position past the end of
    /// its line means the end of the line, a line past the end of the text
    /// the end of the text, and a position inside a character the start of
    /// that character, so that any position the client sends is usable.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let (start, end) = self.content(text, line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let width = encoding.width(c);
            if units + width > wanted {
                return start + i;
            }
            units += width;
        }
        end
    }

    /// The byte range of `range` in `text`, its ends put in order.
    pub fn byte_range(&self, text: &str, range: Range, encoding: Encoding) -> (usize, usize) {
        let a = self.offset(text, range.start, encoding);
        let b = self.offset(text, range.end, encoding);
        (a.min(b), a.max(b))
    }

    /// The byte offset where the line holding byte `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        self.starts[line]
    }
}

/// `offset` moved back to a character boundary of `text`.
fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A count as the protocol's `uinteger` (documents are far below 4 GiB).
fn as_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn astral_characters_count_two_utf16_units_and_four_bytes() {
        let text = "a😀b «\u{a0}c\u{a0}»";
        let map = LineMap::new(text);
        let b = text.find('b').unwrap_or_default();
        assert_eq!(map.position(text, b, Encoding::Utf16), pos(0, 3));
        assert_eq!(map.position(text, b, Encoding::Utf8), pos(0, 5));
        assert_eq!(map.offset(text, pos(0, 3), Encoding::Utf16), b);
        assert_eq!(map.offset(text, pos(0, 5), Encoding::Utf8), b);
        // Inside the emoji: back to its start.
        assert_eq!(map.offset(text, pos(0, 2), Encoding::Utf16), 1);
        assert_eq!(map.offset(text, pos(0, 3), Encoding::Utf8), 1);
        let close = text.find('»').unwrap_or_default();
        assert_eq!(map.position(text, close, Encoding::Utf16), pos(0, 9));
        assert_eq!(map.position(text, close, Encoding::Utf8), pos(0, 14));
    }

    #[test]
    fn combining_accents_are_characters_of_their_own() {
        // `e` + U+0301: two UTF-16 units, three bytes.
        let text = "cafe\u{301} ?";
        let map = LineMap::new(text);
        let mark = text.find('?').unwrap_or_default();
        assert_eq!(map.position(text, mark, Encoding::Utf16), pos(0, 6));
        assert_eq!(map.position(text, mark, Encoding::Utf8), pos(0, 7));
        assert_eq!(map.offset(text, pos(0, 6), Encoding::Utf16), mark);
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "un\r\ndeux\rtrois\nquatre";
        let map = LineMap::new(text);
        for (word, line) in [("un", 0), ("deux", 1), ("trois", 2), ("quatre", 3)] {
            let at = text.find(word).unwrap_or_default();
            assert_eq!(map.position(text, at, Encoding::Utf16), pos(line, 0));
            assert_eq!(map.offset(text, pos(line, 0), Encoding::Utf16), at);
        }
        // Past the end of a CRLF line: before its `\r`.
        assert_eq!(map.offset(text, pos(0, 40), Encoding::Utf16), 2);
        // Past the last line: the end of the text.
        assert_eq!(map.offset(text, pos(9, 0), Encoding::Utf8), text.len());
        assert_eq!(map.position(text, text.len(), Encoding::Utf8), pos(3, 6));
    }

    #[test]
    fn ranges_given_backwards_are_put_in_order() {
        let text = "abc\ndef";
        let map = LineMap::new(text);
        let range = Range::new(pos(1, 1), pos(0, 1));
        assert_eq!(map.byte_range(text, range, Encoding::Utf8), (1, 5));
    }

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
