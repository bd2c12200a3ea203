//! rustc-style annotated snippets, through annotate-snippets. This is the
//! only module that knows that crate.

use super::FileReport;
use super::describe::describe_fix;
use crate::diagnostic::Severity;
use crate::source::{LineIndex, PositionCursor};
use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::io::{self, Write};

/// Lines longer than this are cut around the finding before rendering, so
/// that a one-line file of megabytes prints (and renders) in linear time.
const LONG_LINE: usize = 480;
/// Context kept on each side of a finding in a cut line.
const CONTEXT: usize = 160;

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

pub(super) fn write(
    report: &FileReport,
    index: &LineIndex,
    cursor: &mut PositionCursor,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    let text = report.text;
    for d in report.diagnostics {
        let (start, end) = cursor.span(d.span);
        let mut from = index.line_range(text, start.line - 1).start;
        let mut to = index.line_range(text, end.line - 1).end.max(d.span.end);
        // Cut long single lines around the finding, marking the cuts.
        let mut prefix = "";
        let mut suffix = "";
        if start.line == end.line && to - from > LONG_LINE {
            let cut_from = floor_boundary(text, d.span.start.saturating_sub(CONTEXT).max(from));
            let cut_to = ceil_boundary(text, (d.span.end + CONTEXT).min(to));
            if cut_from > from {
                prefix = "…";
                from = cut_from;
            }
            if cut_to < to {
                suffix = "…";
                to = cut_to;
            }
        }
        let source = format!("{prefix}{}{suffix}", &text[from..to]);
        let shift = prefix.len();
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let annotation = d.span.start - from + shift..d.span.end - from + shift;
        let mut group = level.primary_title(d.message.as_str()).id(d.rule).element(
            Snippet::source(source.as_str())
                .path(report.name)
                .line_start(report.line(start.line))
                .annotation(AnnotationKind::Primary.span(annotation.clone())),
        );
        if let Some(fix) = &d.fix {
            group = group.element(Level::HELP.message(describe_fix(fix, text)));
        }
        let mut rendered = renderer.render(&[group]);
        let column = report.position(start).column;
        if !prefix.is_empty() || column != start.column {
            // The renderer counts the column from the cut (or from the
            // start of a part that continues a long line); put back the
            // column in the file (only in the `-->` line).
            let shown = source[..annotation.start].chars().count() + 1;
            let line = report.line(start.line);
            let wrong = format!("{}:{line}:{shown}", report.name);
            let right = format!("{}:{line}:{column}", report.name);
            if let Some(at) = rendered.find(&wrong) {
                rendered.replace_range(at..at + wrong.len(), &right);
            }
        }
        writeln!(out, "{rendered}\n")?;
    }
    Ok(())
}
