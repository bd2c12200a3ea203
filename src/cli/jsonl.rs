//! JSON Lines corpora (`--jsonl FIELD`): one document per line, in the
//! string field FIELD.
//!
//! Lines are streamed: a batch of at most [`BATCH_LINES`] records (and about
//! [`BATCH_BYTES`]) is read, checked or fixed in parallel, and written out
//! in order before the next is read, so memory stays bounded by the batch,
//! not the corpus. Each record is checked as its own text; findings carry
//! the line number (`record`) and point at the bytes of the line. Fixing
//! rewrites only the string of FIELD (an edit touching an escape is
//! display-only), so every other byte of the line stays as it was; a line
//! without changes is written back byte for byte. Lines that are not a JSON
//! object with a string FIELD are reported with their line number and
//! passed through unchanged.

use super::pipeline::{Mode, Outcome, Pool, Run, Sink};
use super::walk::{Input, io_reason};
use super::write::{replace_with, temp_beside};
use crate::linter::Linter;
use crate::output::Record;
use crate::source::{Source, SourceKind};
use crate::span::Span;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Write};

/// Records handled at once.
const BATCH_LINES: usize = 1024;
/// Bytes read before a batch is handled, whatever its number of records.
const BATCH_BYTES: usize = 16 << 20;

/// One line of the corpus as read.
struct Line {
    /// 1-based line number.
    number: usize,
    /// Byte offset of the line in the input.
    offset: usize,
    /// The line, its terminator included.
    bytes: Vec<u8>,
}

impl Line {
    /// The line without its terminator (`\n` or `\r\n`).
    fn content(&self) -> &[u8] {
        let b = self.bytes.strip_suffix(b"\n").unwrap_or(&self.bytes);
        b.strip_suffix(b"\r").unwrap_or(b)
    }

    fn terminator(&self) -> &[u8] {
        &self.bytes[self.content().len()..]
    }
}

/// A record ready to check: the line as text, with the field's string
/// literal located.
fn record(line: &Line, field: &str, name: &str) -> Result<Option<Source>, String> {
    let content = line.content();
    if content.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let text = std::str::from_utf8(content)
        .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))?;
    let fields: HashMap<String, &RawValue> = serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            "not a JSON object".to_string()
        } else {
            format!("invalid JSON ({e})")
        }
    })?;
    let value = fields
        .get(field)
        .ok_or_else(|| format!("no field `{field}`"))?;
    let raw = value.get();
    if !raw.starts_with('"') {
        return Err(format!("field `{field}` is not a string"));
    }
    // The raw value borrows from `text`: its place in the line.
    let start = raw.as_ptr() as usize - text.as_ptr() as usize;
    let literal = Span::new(start, start + raw.len());
    Ok(Some(Source::new(
        name,
        text.to_string(),
        SourceKind::JsonString(literal),
    )))
}

/// Reads the next batch of lines; `None` at the end.
fn read_batch(
    reader: &mut dyn BufRead,
    next_number: &mut usize,
    offset: &mut usize,
) -> io::Result<Option<Vec<Line>>> {
    let mut batch = Vec::new();
    let mut bytes = 0;
    while batch.len() < BATCH_LINES && bytes < BATCH_BYTES {
        let mut buf = Vec::new();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        *next_number += 1;
        bytes += buf.len();
        let len = buf.len();
        batch.push(Line {
            number: *next_number,
            offset: *offset,
            bytes: buf,
        });
        *offset += len;
    }
    Ok((!batch.is_empty()).then_some(batch))
}

fn open(input: &Input) -> Result<Box<dyn BufRead>, String> {
    match input {
        Input::Stdin => Ok(Box::new(BufReader::new(io::stdin()))),
        Input::File(path) => std::fs::File::open(path)
            .map(|f| Box::new(BufReader::with_capacity(1 << 20, f)) as Box<dyn BufRead>)
            .map_err(|e| format!("{}: {}", path.display(), io_reason(&e))),
    }
}

/// What checking or fixing one line gave.
enum Lined {
    /// Not a record (a blank line).
    Skipped,
    /// A bad line, with why.
    Bad(String),
    /// The record's outcome, and the line to write after fixing.
    Record(Outcome, Option<Vec<u8>>),
}

fn run_line(linter: &Linter, line: &Line, field: &str, name: &str, mode: Mode) -> Lined {
    let source = match record(line, field, name) {
        Err(why) => return Lined::Bad(why),
        Ok(None) => return Lined::Skipped,
        Ok(Some(source)) => source,
    };
    let place = Some(Record {
        number: line.number,
        offset: line.offset,
        is_record: true,
        column: 0,
    });
    let outcome = mode.apply(linter, source, place);
    if outcome.original.is_none() {
        return Lined::Record(outcome, None);
    }
    let mut bytes = outcome.source.text.clone().into_bytes();
    bytes.extend_from_slice(line.terminator());
    let fixed_line = Line {
        number: line.number,
        offset: line.offset,
        bytes,
    };
    // The fixed record must still be a JSON object with a string field
    // (it always is: edits stay inside the string and never touch an
    // escape); otherwise the line stays as it was.
    match record(&fixed_line, field, name) {
        Ok(Some(_)) => Lined::Record(outcome, Some(fixed_line.bytes)),
        _ => match record(line, field, name) {
            Ok(Some(unchanged)) => Lined::Record(Mode::Check.apply(linter, unchanged, place), None),
            _ => Lined::Skipped,
        },
    }
}

/// Where the fixed corpus goes.
enum Dest {
    Stdout,
    /// A temporary file that replaces the input at the end.
    Replace(tempfile::NamedTempFile),
    /// Checking, or `--diff`: nothing is written.
    Nowhere,
}

/// Checks or fixes the JSON Lines input `i` of `run`, record by record.
pub(super) fn run_input(
    run: &Run,
    i: usize,
    field: &str,
    pool: &Pool,
    mut mode: Mode,
    sink: &mut Sink,
) -> io::Result<()> {
    let name = run.name(i);
    let mut reader = match open(&run.inputs[i]) {
        Ok(reader) => reader,
        Err(e) => {
            sink.error(e);
            return Ok(());
        }
    };
    let mut write_error = None;
    let mut dest = Dest::Nowhere;
    if mode.writes() {
        match &run.inputs[i] {
            Input::Stdin => dest = Dest::Stdout,
            Input::File(path) => match temp_beside(path) {
                Ok(temp) => dest = Dest::Replace(temp),
                Err(e) => {
                    // Nothing can be written: report what the file holds.
                    write_error = Some(format!(
                        "{name}: cannot write the fixed file: {}",
                        io_reason(&e)
                    ));
                    mode = Mode::Check;
                }
            },
        }
    }
    let mut changed = false;
    let mut diff_header = false;
    let linter = run.linter(i);
    let (mut number, mut offset) = (0, 0);
    loop {
        let batch = match read_batch(&mut *reader, &mut number, &mut offset) {
            Ok(Some(batch)) => batch,
            Ok(None) => break,
            Err(e) => {
                // The file stays as it was.
                sink.error(format!("{name}: {}", io_reason(&e)));
                return Ok(());
            }
        };
        let results = pool.map(batch.iter().collect(), |line| {
            run_line(linter, line, field, &name, mode)
        });
        for (line, lined) in batch.iter().zip(results) {
            sink.advance(1, line.bytes.len() as u64);
            let (outcome, fixed) = match lined {
                Lined::Skipped => (None, None),
                Lined::Bad(why) => {
                    sink.error(format!("{name}:{}: {why}", line.number));
                    (None, None)
                }
                Lined::Record(outcome, fixed) => (Some(outcome), fixed),
            };
            let bytes = fixed.as_deref().unwrap_or(&line.bytes);
            match &mut dest {
                Dest::Stdout => io::stdout().lock().write_all(bytes)?,
                Dest::Replace(temp) => temp.write_all(bytes)?,
                Dest::Nowhere => {}
            }
            let Some(outcome) = outcome else {
                continue;
            };
            sink.start_item()?;
            sink.item_read();
            if let Some(fixed) = &fixed {
                changed = true;
                if mode.is_diff() {
                    let mut diff = Vec::new();
                    write_record_diff(&name, line, fixed, &mut diff_header, &mut diff)?;
                    sink.diff(&diff)?;
                }
            }
            sink.add(&outcome)?;
        }
    }
    if let Dest::Replace(temp) = dest
        && changed
        && let Input::File(path) = &run.inputs[i]
        && let Err(e) = replace_with(path, temp)
    {
        write_error = Some(format!(
            "{name}: cannot write the fixed file: {}",
            io_reason(&e)
        ));
    }
    if let Some(e) = write_error {
        sink.write_failed(e);
    }
    Ok(())
}

/// A one-line hunk of a unified diff for a changed record.
fn write_record_diff(
    name: &str,
    line: &Line,
    fixed: &[u8],
    header: &mut bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let n = line.number;
    if !*header {
        writeln!(out, "--- a/{name}\n+++ b/{name}")?;
        *header = true;
    }
    writeln!(out, "@@ -{n} +{n} @@")?;
    out.write_all(b"-")?;
    out.write_all(line.content())?;
    out.write_all(b"\n+")?;
    let fixed = fixed.strip_suffix(b"\n").unwrap_or(fixed);
    out.write_all(fixed.strip_suffix(b"\r").unwrap_or(fixed))?;
    out.write_all(b"\n")
}
