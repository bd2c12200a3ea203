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

use super::args::CommonArgs;
use super::walk::Input;
use super::{Run, error, exit_code, output_result, use_color, write_statistics};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::linter::Linter;
use crate::output::{FileReport, Printer, Record};
use crate::source::{Source, SourceKind};
use crate::span::Span;
use rayon::prelude::*;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, IsTerminal, Write};

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
            .map_err(|e| format!("{}: {}", path.display(), super::walk::io_reason(&e))),
    }
}

/// Opens input `i` of `run` with its display name, counting it as read
/// or (printing the error) as failed.
fn open_counted(run: &mut Run, i: usize) -> Option<(String, Box<dyn BufRead>)> {
    let name = input_name(&run.inputs[i], run.stdin_name.as_deref());
    let reader = run.count(open(&run.inputs[i]))?;
    Some((name, reader))
}

fn input_name(input: &Input, stdin_name: Option<&str>) -> String {
    match input {
        Input::Stdin => stdin_name.unwrap_or("-").to_string(),
        Input::File(path) => path.display().to_string(),
    }
}

/// What checking one line gave.
enum Checked {
    /// Not a record (a blank line).
    Skipped,
    /// A bad line, with why.
    Bad(String),
    /// The record and its findings.
    Record(Source, Vec<Diagnostic>),
}

fn check_line(linter: &Linter, line: &Line, field: &str, name: &str) -> Checked {
    match record(line, field, name) {
        Err(why) => Checked::Bad(why),
        Ok(None) => Checked::Skipped,
        Ok(Some(source)) => {
            let mut diagnostics = linter.check(&source);
            linter.settings().apply_severities(&mut diagnostics);
            Checked::Record(source, diagnostics)
        }
    }
}

/// What a run reports of its records: findings counted, and printed
/// unless only statistics are wanted.
struct Report {
    printer: Printer,
    tally: super::Tally,
    stats: super::Statistics,
    statistics: bool,
}

impl Report {
    fn new(printer: Printer, statistics: bool) -> Report {
        Report {
            printer,
            tally: super::Tally::default(),
            stats: super::Statistics::default(),
            statistics,
        }
    }

    /// Counts the `diagnostics` of the record `source` read from `line`
    /// and prints them (or, with `--statistics`, only counts them).
    fn add(
        &mut self,
        source: &Source,
        line: &Line,
        diagnostics: &[Diagnostic],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.tally.add(diagnostics);
        if self.statistics {
            self.stats.add(diagnostics);
            return Ok(());
        }
        self.printer.file(
            &FileReport {
                name: &source.name,
                text: &source.text,
                diagnostics,
                record: Some(Record {
                    number: line.number,
                    offset: line.offset,
                    is_record: true,
                    column: 0,
                }),
            },
            out,
        )
    }
}

/// `coquille check --jsonl FIELD`.
pub(super) fn check(paths: &[std::path::PathBuf], field: &str, common: &CommonArgs) -> u8 {
    let mut run = match Run::start(paths, common) {
        Ok(run) => run,
        Err(code) => return code,
    };
    let format = super::format(common);
    let mut out = io::stdout().lock();
    let mut report = Report::new(
        Printer::new(format, use_color(common.color, io::stdout().is_terminal())),
        common.statistics,
    );
    let mut progress = super::Progress::new(None, "records", common.quiet);
    let mut records = 0;
    let result = (|| -> io::Result<()> {
        if !common.statistics {
            report.printer.begin(&mut out)?;
        }
        for i in 0..run.inputs.len() {
            let Some((name, mut reader)) = open_counted(&mut run, i) else {
                continue;
            };
            let mut bad = 0;
            let linter = run.linter(i);
            let (mut number, mut offset) = (0, 0);
            while let Some(batch) = read_batch(&mut *reader, &mut number, &mut offset)? {
                let checked: Vec<Checked> = batch
                    .par_iter()
                    .map(|line| check_line(linter, line, field, &name))
                    .collect();
                for (line, checked) in batch.iter().zip(checked) {
                    progress.advance(1, line.bytes.len() as u64);
                    let (source, diagnostics) = match checked {
                        Checked::Skipped => continue,
                        Checked::Bad(why) => {
                            error(format!("{name}:{}: {why}", line.number));
                            bad += 1;
                            continue;
                        }
                        Checked::Record(source, diagnostics) => (source, diagnostics),
                    };
                    records += 1;
                    report.add(&source, line, &diagnostics, &mut out)?;
                }
            }
            run.errors += bad;
        }
        progress.finish();
        if common.statistics {
            return write_statistics(&report.stats, format, &mut out);
        }
        report.printer.end(&mut out)?;
        if !format.is_machine_readable() && !common.quiet {
            report
                .tally
                .write_summary_of("record", records, run.errors, &mut out)?;
        }
        out.flush()
    })();
    if let Err(code) = output_result(result) {
        return code;
    }
    exit_code(run.errors, report.tally.problems > 0, common.exit_zero)
}

/// What fixing one line gave.
struct FixedLine {
    /// The bytes to write: the fixed line, or the line as it was.
    bytes: Vec<u8>,
    fixes: usize,
    /// The record after fixing and what remains in it.
    remaining: Option<(Source, Vec<Diagnostic>)>,
    bad: Option<String>,
}

fn fix_line(
    linter: &Linter,
    line: &Line,
    field: &str,
    name: &str,
    threshold: Applicability,
) -> FixedLine {
    let unchanged = |bad: Option<String>| FixedLine {
        bytes: line.bytes.clone(),
        fixes: 0,
        remaining: None,
        bad,
    };
    let source = match record(line, field, name) {
        Err(why) => return unchanged(Some(why)),
        Ok(None) => return unchanged(None),
        Ok(Some(source)) => source,
    };
    let mut outcome = linter.fix(&source, threshold);
    linter.settings().apply_severities(&mut outcome.remaining);
    if outcome.text == source.text {
        return FixedLine {
            bytes: line.bytes.clone(),
            fixes: 0,
            remaining: Some((source, outcome.remaining)),
            bad: None,
        };
    }
    let mut bytes = outcome.text.into_bytes();
    bytes.extend_from_slice(line.terminator());
    let fixed_line = Line {
        number: line.number,
        offset: line.offset,
        bytes,
    };
    // The fixed record must still be a JSON object with a string field
    // (it always is: edits stay inside the string and never touch an
    // escape); the report needs its literal again, which may have moved.
    match record(&fixed_line, field, name) {
        Ok(Some(fixed)) => FixedLine {
            bytes: fixed_line.bytes,
            fixes: outcome.fixes_applied,
            remaining: Some((fixed, outcome.remaining)),
            bad: None,
        },
        _ => {
            let mut diagnostics = linter.check(&source);
            linter.settings().apply_severities(&mut diagnostics);
            FixedLine {
                bytes: line.bytes.clone(),
                fixes: 0,
                remaining: Some((source, diagnostics)),
                bad: None,
            }
        }
    }
}

/// Where the fixed corpus goes.
enum Sink {
    Stdout,
    /// A temporary file that replaces the input at the end.
    Replace(std::path::PathBuf, tempfile::NamedTempFile),
    /// `--diff`: nothing is written.
    Nowhere,
}

/// `coquille fix --jsonl FIELD`.
pub(super) fn fix(
    paths: &[std::path::PathBuf],
    field: &str,
    common: &CommonArgs,
    threshold: Applicability,
    diff: bool,
) -> u8 {
    let mut run = match Run::start(paths, common) {
        Ok(run) => run,
        Err(code) => return code,
    };
    let format = super::format(common);
    let to_stderr = run.inputs.contains(&Input::Stdin) && !diff;
    let (mut out, color_terminal): (Box<dyn Write>, bool) = if to_stderr {
        (Box::new(io::stderr().lock()), io::stderr().is_terminal())
    } else {
        (Box::new(io::stdout().lock()), io::stdout().is_terminal())
    };
    let mut report = Report::new(
        Printer::new(format, use_color(common.color, color_terminal)),
        common.statistics,
    );
    let mut progress = super::Progress::new(None, "records", common.quiet);
    let (mut records, mut fixed_records, mut fixes) = (0, 0, 0);
    let result = (|| -> io::Result<()> {
        if !diff && !common.statistics {
            report.printer.begin(&mut out)?;
        }
        for i in 0..run.inputs.len() {
            let Some((name, mut reader)) = open_counted(&mut run, i) else {
                continue;
            };
            let mut sink = match (&run.inputs[i], diff) {
                (_, true) => Sink::Nowhere,
                (Input::Stdin, false) => Sink::Stdout,
                (Input::File(path), false) => match super::temp_beside(path) {
                    Ok(temp) => Sink::Replace(path.clone(), temp),
                    Err(e) => {
                        error(format!("{name}: cannot write the fixed file: {e}"));
                        run.errors += 1;
                        continue;
                    }
                },
            };
            let mut changed = false;
            let mut diff_header = false;
            let mut bad = 0;
            let linter = run.linter(i);
            let (mut number, mut offset) = (0, 0);
            while let Some(batch) = read_batch(&mut *reader, &mut number, &mut offset)? {
                let results: Vec<FixedLine> = batch
                    .par_iter()
                    .map(|line| fix_line(linter, line, field, &name, threshold))
                    .collect();
                for (line, fixed) in batch.iter().zip(results) {
                    progress.advance(1, line.bytes.len() as u64);
                    match &mut sink {
                        Sink::Stdout => io::stdout().lock().write_all(&fixed.bytes)?,
                        Sink::Replace(_, temp) => temp.write_all(&fixed.bytes)?,
                        Sink::Nowhere => {}
                    }
                    if let Some(why) = fixed.bad {
                        error(format!("{name}:{}: {why}", line.number));
                        bad += 1;
                        continue;
                    }
                    let Some((source, remaining)) = fixed.remaining else {
                        continue;
                    };
                    records += 1;
                    if fixed.bytes != line.bytes {
                        changed = true;
                        fixed_records += 1;
                        fixes += fixed.fixes;
                        if diff {
                            write_record_diff(
                                &name,
                                line,
                                &fixed.bytes,
                                &mut diff_header,
                                &mut io::stdout(),
                            )?;
                        }
                    }
                    if diff {
                        continue;
                    }
                    report.add(&source, line, &remaining, &mut out)?;
                }
            }
            run.errors += bad;
            if let Sink::Replace(path, temp) = sink {
                if changed {
                    if let Err(e) = super::replace_with(&path, temp) {
                        error(format!(
                            "{name}: cannot write the fixed file: {}",
                            super::walk::io_reason(&e)
                        ));
                        run.errors += 1;
                    }
                }
            }
        }
        progress.finish();
        let summary = format!("{fixes} fixes in {fixed_records} of {records} records");
        if diff {
            if !common.quiet {
                eprintln!("Would apply {summary}.");
            }
            return Ok(());
        }
        if common.statistics {
            return write_statistics(&report.stats, format, &mut *out);
        }
        report.printer.end(&mut out)?;
        if !format.is_machine_readable() && !common.quiet {
            if fixes > 0 {
                writeln!(out, "Applied {summary}.")?;
            }
            report
                .tally
                .write_summary_of("record", records, run.errors, &mut out)?;
        }
        out.flush()
    })();
    if let Err(code) = output_result(result) {
        return code;
    }
    let found = if diff {
        fixed_records > 0
    } else {
        report.tally.problems > 0
    };
    exit_code(run.errors, found, common.exit_zero)
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
