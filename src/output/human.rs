//! rustc-style annotated snippets, through annotate-snippets. This is the
//! only module that knows that crate.

use super::FileReport;
use super::describe::describe_fix;
use crate::diagnostic::Severity;
use crate::source::LineIndex;
use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::io::{self, Write};

pub(super) fn write(
    report: &FileReport,
    index: &LineIndex,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    for d in report.diagnostics {
        let first = index.position(report.text, d.span.start).line - 1;
        let last = index.position(report.text, d.span.end).line - 1;
        let start = index.line_range(report.text, first).start;
        let end = index.line_range(report.text, last).end.max(d.span.end);
        let source = &report.text[start..end];
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let mut group = level.primary_title(d.message.as_str()).id(d.rule).element(
            Snippet::source(source)
                .line_start(first + 1)
                .path(report.name)
                .annotation(AnnotationKind::Primary.span(d.span.start - start..d.span.end - start)),
        );
        if let Some(fix) = &d.fix {
            group = group.element(Level::HELP.message(describe_fix(fix, report.text)));
        }
        writeln!(out, "{}\n", renderer.render(&[group]))?;
    }
    Ok(())
}
