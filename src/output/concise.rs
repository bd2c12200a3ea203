//! One line per finding: `path:line:col: rule-id message`.

use super::FileReport;
use crate::source::LineIndex;
use std::io::{self, Write};

pub(super) fn write(report: &FileReport, index: &LineIndex, out: &mut dyn Write) -> io::Result<()> {
    for d in report.diagnostics {
        let p = index.position(report.text, d.span.start);
        writeln!(
            out,
            "{}:{}:{}: {} {}",
            report.name, p.line, p.column, d.rule, d.message
        )?;
    }
    Ok(())
}
