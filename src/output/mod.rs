//! Output formats for findings: human (annotated snippets), concise, JSON,
//! SARIF and GitHub workflow commands.
//!
//! A [`Printer`] writes the findings of one file at a time, so that output
//! streams as files are checked; JSON output is one array over all files.

mod concise;
mod describe;
mod github;
mod human;
mod json;
pub mod reference;
mod sarif;

use crate::diagnostic::Diagnostic;
use crate::source::LineIndex;
use std::io::{self, Write};

pub use describe::describe_fix;

/// How findings are printed (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Annotated snippets with the fix as a help line, and a summary.
    #[default]
    Human,
    /// `path:line:col: rule-id message`, one per line.
    Concise,
    /// A JSON array of findings with byte offsets and fixes.
    Json,
    /// A SARIF 2.1.0 log (GitHub code scanning, CI dashboards).
    Sarif,
    /// GitHub Actions annotations (`::warning file=…`).
    Github,
}

impl Format {
    /// Whether the output is for programs (JSON, SARIF, GitHub commands):
    /// then no summary line is added to it.
    pub fn is_machine_readable(self) -> bool {
        matches!(self, Format::Json | Format::Sarif | Format::Github)
    }
}

/// The findings of one file, with the text they point into.
#[derive(Debug, Clone, Copy)]
pub struct FileReport<'a> {
    /// The name shown for the file.
    pub name: &'a str,
    /// The text the spans point into.
    pub text: &'a str,
    /// The findings, sorted by position.
    pub diagnostics: &'a [Diagnostic],
    /// For a record of a JSON Lines corpus, or a part of a large file:
    /// where `text` starts in the file.
    pub record: Option<Record>,
    /// The translations marked fuzzy, as sorted spans of `text`
    /// ([`crate::prose::fuzzy_spans`]): findings inside one say so.
    pub fuzzy: &'a [crate::span::Span],
}

/// Where a JSON Lines record, or a part of a large file, sits in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    /// The line number (1-based) of its first line.
    pub number: usize,
    /// The byte offset of its first byte in the file.
    pub offset: usize,
    /// Whether it is a JSON Lines record, whose number is shown as
    /// `record` in JSON and SARIF output.
    pub is_record: bool,
    /// The characters before it on its first line (a part of a large file
    /// that continues a line cut into windows), added to the columns of
    /// that line.
    pub column: usize,
}

impl FileReport<'_> {
    /// The JSON Lines record number, if the text is one.
    fn record_number(&self) -> Option<usize> {
        self.record.filter(|r| r.is_record).map(|r| r.number)
    }

    /// Whether finding `d` is in a translation marked fuzzy.
    fn is_fuzzy(&self, d: &Diagnostic) -> bool {
        crate::prose::in_fuzzy(self.fuzzy, d.span)
    }

    /// The line in the file of line `line` of the text.
    fn line(&self, line: usize) -> usize {
        line + self.record.map_or(0, |r| r.number - 1)
    }

    /// The byte offset in the file of byte `offset` of the text.
    fn offset(&self, offset: usize) -> usize {
        offset + self.record.map_or(0, |r| r.offset)
    }

    /// A position of the text, as a position in the file.
    fn position(&self, mut p: crate::source::Position) -> crate::source::Position {
        if p.line == 1 {
            p.column += self.record.map_or(0, |r| r.column);
        }
        p.line = self.line(p.line);
        p
    }
}

/// Writes findings file by file in one format.
#[derive(Debug)]
pub struct Printer {
    format: Format,
    color: bool,
    items: usize,
    sarif: sarif::Log,
}

impl Printer {
    /// A printer for `format`; `color` enables ANSI styles (human format).
    pub fn new(format: Format, color: bool) -> Printer {
        Printer {
            format,
            color,
            items: 0,
            sarif: sarif::Log::default(),
        }
    }

    /// Writes what comes before the first file.
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.format == Format::Json {
            out.write_all(b"[")?;
        }
        Ok(())
    }

    /// Writes the findings of one file.
    pub fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(report.text);
        let mut cursor = index.cursor(report.text);
        match self.format {
            Format::Human => human::write(report, &index, &mut cursor, self.color, out)?,
            Format::Concise => concise::write(report, &mut cursor, out)?,
            Format::Github => github::write(report, &mut cursor, out)?,
            Format::Sarif => self.sarif.add(report, &index),
            Format::Json => {
                for d in report.diagnostics {
                    out.write_all(if self.items == 0 { b"\n  " } else { b",\n  " })?;
                    json::write_one(report, &mut cursor, d, out)?;
                    self.items += 1;
                }
                return Ok(());
            }
        }
        self.items += report.diagnostics.len();
        Ok(())
    }

    /// Records an error of the run (an input that cannot be read or
    /// written) where the format has a place for it: a `::error` line for
    /// GitHub (written to `out`), a tool execution notification in the
    /// SARIF log. Gives whether `out` shows it now; if not, the caller
    /// prints it on stderr.
    pub fn record_error(&mut self, message: &str, out: &mut dyn Write) -> io::Result<bool> {
        match self.format {
            Format::Github => {
                writeln!(out, "::error::{}", github::escape_data(message))?;
                Ok(true)
            }
            Format::Sarif => {
                self.sarif.notify(message);
                Ok(false)
            }
            _ => Ok(false),
        }
    }

    /// Writes what comes after the last file.
    pub fn end(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            Format::Json => out.write_all(if self.items == 0 { b"]\n" } else { b"\n]\n" })?,
            Format::Sarif => self.sarif.write(out)?,
            _ => {}
        }
        Ok(())
    }
    /// The whole report of one file in `format`, without colour: what
    /// comes before, the file, what comes after.
    pub fn one_file(format: Format, report: &FileReport) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut printer = Printer::new(format, false);
        printer.begin(&mut out)?;
        printer.file(report, &mut out)?;
        printer.end(&mut out)?;
        Ok(out)
    }
}
