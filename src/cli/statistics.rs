//! `--statistics`: a count of findings per rule, like `ruff --statistics`.

use crate::diagnostic::{Applicability, Diagnostic};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Findings counted per rule.
#[derive(Debug, Default)]
pub struct Statistics {
    rules: BTreeMap<&'static str, Count>,
}

#[derive(Debug, Default, Clone, Copy, Serialize)]
struct Count {
    count: usize,
    fixable: usize,
}

#[derive(Serialize)]
struct Row<'a> {
    rule: &'a str,
    count: usize,
    fixable: usize,
}

impl Statistics {
    /// Counts `diagnostics`.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            let entry = self.rules.entry(d.rule).or_default();
            entry.count += 1;
            if d.is_fixable(Applicability::Safe) {
                entry.fixable += 1;
            }
        }
    }

    fn rows(&self) -> Vec<Row<'_>> {
        let mut rows: Vec<Row> = self
            .rules
            .iter()
            .map(|(rule, c)| Row {
                rule,
                count: c.count,
                fixable: c.fixable,
            })
            .collect();
        // Most frequent first, then by id.
        rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
        rows
    }

    /// Writes the table: count, rule id, and how many a safe fix handles.
    pub fn write_table(&self, out: &mut dyn Write) -> io::Result<()> {
        let rows = self.rows();
        let width = rows.iter().map(|r| r.rule.len()).max().unwrap_or(0);
        let digits = rows
            .iter()
            .map(|r| r.count.to_string().len())
            .max()
            .unwrap_or(1);
        for r in rows {
            let fixable = match r.fixable {
                0 => String::new(),
                n if n == r.count => "[*] fixable".to_string(),
                n => format!("[*] {n} fixable"),
            };
            let row = format!("{:>digits$}  {:<width$}  {fixable}", r.count, r.rule);
            writeln!(out, "{}", row.trim_end())?;
        }
        Ok(())
    }

    /// Writes the table as a JSON array of `{rule, count, fixable}`.
    pub fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.rows()).map_err(io::Error::from)?;
        writeln!(out)
    }
}
