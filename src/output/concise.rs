//! One line per finding: `path:line:col: rule-id message`.

use super::FileReport;
use crate::source::PositionCursor;
use std::io::{self, Write};

pub(super) fn write(
    report: &FileReport,
    cursor: &mut PositionCursor,
    out: &mut dyn Write,
) -> io::Result<()> {
    for d in report.diagnostics {
        let p = report.position(cursor.position(d.span.start));
        writeln!(
            out,
            "{}:{}:{}: {} {}",
            report.name, p.line, p.column, d.rule, d.message
        )?;
    }
    Ok(())
}
