//! JSON findings: one object per finding, in one array.

use super::FileReport;
use crate::diagnostic::Diagnostic;
use crate::source::{Position, PositionCursor};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Location {
    line: usize,
    column: usize,
    offset: usize,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<usize>,
    rule: &'a str,
    category: &'static str,
    severity: &'static str,
    message: &'a str,
    start: Location,
    end: Location,
    fix: Option<JsonFix<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    fuzzy: bool,
}

fn location(p: Position, offset: usize) -> Location {
    Location {
        line: p.line,
        column: p.column,
        offset,
    }
}

pub(super) fn write_one(
    report: &FileReport,
    cursor: &mut PositionCursor,
    d: &Diagnostic,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (start, end) = cursor.span(d.span);
    let (start, end) = (report.position(start), report.position(end));
    let item = JsonDiagnostic {
        path: report.name,
        record: report.record_number(),
        rule: d.rule,
        category: d.category.as_str(),
        severity: d.severity.as_str(),
        message: &d.message,
        start: location(start, report.offset(d.span.start)),
        end: location(end, report.offset(d.span.end)),
        fix: d.fix.as_ref().map(|f| JsonFix {
            applicability: f.applicability.as_str(),
            edits: f
                .edits
                .iter()
                .map(|e| JsonEdit {
                    start: report.offset(e.span.start),
                    end: report.offset(e.span.end),
                    replacement: &e.replacement,
                })
                .collect(),
        }),
        fuzzy: report.is_fuzzy(d),
    };
    // An I/O error keeps its kind (a closed pipe stays one).
    serde_json::to_writer(&mut *out, &item).map_err(io::Error::from)
}
