//! Large plain-text files, read in parts so that memory stays bounded.
//!
//! A plain-text file over [`LARGE_FILE`] bytes is not read whole: it is cut
//! into parts of about [`PART_BYTES`], each ending at a blank line (a
//! paragraph boundary, so quotation pairing and paragraphs are as in the
//! whole file), or at a line end if no blank line comes within
//! [`MAX_PART_BYTES`]. A few parts at a time are checked (or fixed) in
//! parallel and reported with their place in the file, so line numbers and
//! offsets are those of the file. What a whole document decides (the
//! majority apostrophe style, the names written with a capital) is decided
//! per part.

use super::walk::{Input, io_reason};
use crate::source::{InputError, Source, SourceKind};
use std::io::{BufRead, BufReader};
use std::path::Path;

/// Plain-text files larger than this are read in parts (the environment
/// variable `COQUILLE_LARGE_FILE` sets another size, in bytes).
pub(super) const LARGE_FILE: u64 = 32 << 20;
/// A part ends at the first blank line after this many bytes (less when
/// `COQUILLE_LARGE_FILE` is small: an eighth of it).
const PART_BYTES: usize = 4 << 20;

/// The size above which a file is read in parts.
fn large_file() -> u64 {
    std::env::var("COQUILLE_LARGE_FILE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(LARGE_FILE)
}

/// The size of a part.
fn part_bytes() -> usize {
    usize::try_from(large_file() / 8)
        .unwrap_or(PART_BYTES)
        .clamp(4096, PART_BYTES)
}
/// A part ends at a line end after this many bytes even without a blank
/// line.
const MAX_PART_BYTES: usize = 32 << 20;

/// Whether `input` is a plain-text file to read in parts.
pub(super) fn is_large(input: &Input) -> bool {
    match input {
        Input::File(path) => {
            SourceKind::from_path(path) == SourceKind::PlainText
                && std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > large_file())
        }
        Input::Stdin => false,
    }
}

/// One part of a large file.
pub(super) struct Part {
    /// The part as a text of its own.
    pub source: Source,
    /// The line number of its first line in the file.
    pub first_line: usize,
    /// The byte offset of its first byte in the file.
    pub offset: usize,
    /// The characters before it on its first line: 0, unless the part
    /// continues a line longer than a window.
    pub first_column: usize,
}

/// Reads a large file part by part.
pub(super) struct PartReader {
    name: String,
    reader: BufReader<std::fs::File>,
    line: usize,
    offset: usize,
    done: bool,
    /// The most bytes of one line a part holds (see [`PartReader::next_part`]).
    window: usize,
    /// The end of a line cut at a window, which starts the next part.
    carry: Vec<u8>,
    /// The characters of the current line in the parts already read.
    column: usize,
}

impl PartReader {
    /// Opens `path`.
    pub(super) fn open(path: &Path) -> Result<PartReader, String> {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| format!("{name}: {}", io_reason(&e)))?;
        Ok(PartReader {
            name,
            reader: BufReader::with_capacity(1 << 20, file),
            line: 1,
            offset: 0,
            done: false,
            window: part_bytes(),
            carry: Vec::new(),
            column: 0,
        })
    }

    /// Reads the rest of the current line into `bytes`, up to its `\n`, the
    /// end of the file, or [`PartReader::window`] bytes of the line.
    /// Returns how many bytes were read and whether the line ended.
    fn read_line_window(&mut self, bytes: &mut Vec<u8>) -> Result<(usize, bool), String> {
        let line_start = memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1);
        let mut read = 0;
        loop {
            let room = self.window.saturating_sub(bytes.len() - line_start);
            let ahead = self
                .reader
                .fill_buf()
                .map_err(|e| format!("{}: {}", self.name, io_reason(&e)))?;
            if ahead.is_empty() || room == 0 {
                return Ok((read, ahead.is_empty()));
            }
            let ahead = &ahead[..ahead.len().min(room)];
            let (taken, ended) = match memchr::memchr(b'\n', ahead) {
                Some(i) => (i + 1, true),
                None => (ahead.len(), false),
            };
            bytes.extend_from_slice(&ahead[..taken]);
            self.reader.consume(taken);
            read += taken;
            if ended {
                return Ok((read, true));
            }
        }
    }

    /// Cuts the line that ends `bytes` (longer than a window) after its
    /// last space or tab, else at its last character boundary, and keeps
    /// the end for the next part (never starting it with a BOM).
    fn cut_long_line(&mut self, bytes: &mut Vec<u8>) {
        const BOM: &[u8] = "\u{FEFF}".as_bytes();
        let line_start = memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1);
        let line = &bytes[line_start..];
        let mut cut = match line.iter().rposition(|&b| b == b' ' || b == b'\t') {
            Some(i) if i > 0 => line_start + i + 1,
            _ => {
                let mut at = bytes.len();
                while at > line_start && (bytes[at - 1] & 0xC0) == 0x80 {
                    at -= 1;
                }
                // `at - 1` starts the last character: cut before it unless
                // it is complete (a window is far longer than a character).
                at.saturating_sub(1).max(line_start + 1)
            }
        };
        if bytes[cut..].starts_with(BOM) {
            cut += BOM.len();
        }
        self.carry = bytes.split_off(cut.min(bytes.len()));
    }

    /// The next part, `None` at the end; an error names the file and the
    /// byte offset in the file.
    pub(super) fn next_part(&mut self) -> Result<Option<Part>, String> {
        if self.done {
            return Ok(None);
        }
        let part_bytes = part_bytes();
        let mut bytes = Vec::with_capacity(part_bytes + 4096);
        bytes.append(&mut self.carry);
        let first_column = self.column;
        let mut lines = 0;
        loop {
            let before = bytes.len();
            let (read, ended) = self.read_line_window(&mut bytes)?;
            if read == 0 && !ended {
                // A window full of one line, carried over: cut it again.
                if !bytes.is_empty() && bytes.last() != Some(&b'\n') {
                    self.cut_long_line(&mut bytes);
                }
                break;
            }
            if read == 0 {
                self.done = true;
                break;
            }
            if !ended && !bytes.ends_with(b"\n") {
                let at_end = self
                    .reader
                    .fill_buf()
                    .map_err(|e| format!("{}: {}", self.name, io_reason(&e)))?
                    .is_empty();
                if !at_end {
                    // One line over a window: the part ends inside it.
                    self.cut_long_line(&mut bytes);
                    break;
                }
            }
            lines += usize::from(bytes.ends_with(b"\n"));
            let blank = bytes[before..].iter().all(u8::is_ascii_whitespace);
            if (bytes.len() >= part_bytes && blank) || bytes.len() >= MAX_PART_BYTES {
                self.take_bom(&mut bytes)?;
                break;
            }
        }
        if bytes.is_empty() {
            return Ok(None);
        }
        // The characters of the line the next part continues, if any.
        let tail = memchr::memrchr(b'\n', &bytes).map_or(0, |i| i + 1);
        let tail_chars = bytes[tail..]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count();
        self.column = if tail == 0 {
            self.column + tail_chars
        } else {
            tail_chars
        };
        let offset = self.offset;
        let source = Source::from_bytes(self.name.clone(), bytes, SourceKind::PlainText)
            .map_err(|e| format!("{}: {}", self.name, shifted(e, offset)))?;
        let part = Part {
            first_line: self.line,
            offset,
            source,
            first_column,
        };
        self.offset += part.source.text.len();
        self.line += lines;
        Ok(Some(part))
    }
}

impl PartReader {
    /// Moves a byte order mark that comes next to the end of `bytes`. A
    /// part must not start with one: it would be taken for the BOM of a
    /// file, not reported, and would shift the columns of its first line;
    /// at the end of the part before, it is reported like any BOM inside a
    /// text.
    fn take_bom(&mut self, bytes: &mut Vec<u8>) -> Result<(), String> {
        const BOM: &[u8] = "\u{FEFF}".as_bytes();
        let ahead = self
            .reader
            .fill_buf()
            .map_err(|e| format!("{}: {}", self.name, io_reason(&e)))?;
        // (A BOM split across the end of the buffer is left where it is.)
        if ahead.starts_with(BOM) {
            bytes.extend_from_slice(BOM);
            self.reader.consume(BOM.len());
        }
        Ok(())
    }
}

/// An input error of a part, with its offset in the file.
fn shifted(error: InputError, by: usize) -> InputError {
    match error {
        InputError::InvalidUtf8 { offset } => InputError::InvalidUtf8 {
            offset: offset + by,
        },
        InputError::Binary { offset } => InputError::Binary {
            offset: offset + by,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads every part of `reader`; `check` sees each part with the text
    /// of the parts before it. Gives the parts joined and their count.
    fn read_all(mut reader: PartReader, mut check: impl FnMut(&Part, &str)) -> (String, usize) {
        let mut joined = String::new();
        let mut parts = 0;
        while let Some(part) = reader.next_part().expect("part") {
            check(&part, &joined);
            joined.push_str(&part.source.text);
            parts += 1;
        }
        (joined, parts)
    }

    #[test]
    fn parts_end_at_blank_lines_and_keep_their_place() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.txt");
        let paragraph = "Une phrase assez longue pour remplir la ligne.\n".repeat(20);
        let mut text = String::new();
        while text.len() < 2 * PART_BYTES {
            text.push_str(&paragraph);
            text.push('\n');
        }
        std::fs::write(&path, &text).expect("write");
        let reader = PartReader::open(&path).expect("open");
        let (joined, parts) = read_all(reader, |part, joined| {
            assert_eq!(part.offset, joined.len());
            assert_eq!(part.first_line, joined.matches('\n').count() + 1);
            assert!(part.offset == 0 || joined.ends_with("\n\n"));
        });
        assert_eq!(joined, text);
        assert!(parts >= 2, "{parts} parts");
    }

    #[test]
    fn no_part_but_the_first_starts_with_a_bom() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("joined.txt");
        let paragraph = "Une phrase assez longue pour remplir la ligne.\n".repeat(20);
        let mut text = String::new();
        while text.len() < 3 * PART_BYTES {
            // Files joined end to end: each starts with its BOM.
            text.push('\u{FEFF}');
            text.push_str(&paragraph);
            text.push('\n');
        }
        std::fs::write(&path, &text).expect("write");
        let reader = PartReader::open(&path).expect("open");
        let (joined, parts) = read_all(reader, |part, _| {
            assert!(
                part.offset == 0 || !part.source.text.starts_with('\u{FEFF}'),
                "part at {} starts with a BOM",
                part.offset
            );
        });
        assert_eq!(joined, text);
        assert!(parts >= 2, "{parts} parts");
    }

    #[test]
    fn a_line_longer_than_a_window_is_cut_at_a_space() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("line.txt");
        let mut text = "Premier paragraphe.\n\n".to_string();
        let line = "Une très longue ligne sans fin, écrite d’un trait ! ".repeat(400);
        text.push_str(&line);
        text.push_str("\nFin.\n");
        std::fs::write(&path, &text).expect("write");
        let mut reader = PartReader::open(&path).expect("open");
        reader.window = 4096;
        let (joined, parts) = read_all(reader, |part, joined| {
            let body = &part.source.text;
            // No part holds more than a window of one line.
            let longest = body.split('\n').map(str::len).max().unwrap_or(0);
            assert!(longest <= 4096, "a line of {longest} bytes");
            assert_eq!(part.offset, joined.len());
            assert_eq!(part.first_line, joined.matches('\n').count() + 1);
            let line_start = joined.rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(part.first_column, joined[line_start..].chars().count());
            // Cut after a space: no word is split.
            assert!(
                joined.is_empty() || joined.ends_with(['\n', ' ']),
                "cut inside a word at byte {}",
                joined.len()
            );
        });
        assert_eq!(joined, text);
        assert!(parts > line.len() / 4096, "{parts} parts");
    }

    #[test]
    fn a_line_without_spaces_is_cut_between_characters() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("line.txt");
        let text = "é".repeat(10_000);
        std::fs::write(&path, &text).expect("write");
        let mut reader = PartReader::open(&path).expect("open");
        reader.window = 4096;
        let (joined, _) = read_all(reader, |part, joined| {
            assert!(part.source.text.len() <= 4096);
            assert_eq!(part.first_column, joined.chars().count());
        });
        assert_eq!(joined, text);
    }
}
