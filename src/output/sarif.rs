//! SARIF 2.1.0: one log for the whole run, with the metadata of the rules
//! that found something, each finding as a result with its region in
//! Unicode code points, and fixes as `artifactChanges`. GitHub code
//! scanning and most CI dashboards read it.

use super::FileReport;
use crate::diagnostic::{Applicability, Severity};
use crate::rules::Registry;
use crate::source::{LineIndex, Position};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The results gathered over the files of a run.
#[derive(Debug, Default)]
pub(super) struct Log {
    results: Vec<Value>,
    rules: BTreeMap<&'static str, usize>,
    /// Errors of the run, as tool execution notifications.
    notifications: Vec<Value>,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn region(start: Position, end: Position) -> Value {
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

impl Log {
    /// Adds the findings of one file.
    pub(super) fn add(&mut self, report: &FileReport, index: &LineIndex) {
        let at = |offset: usize| report.position(index.position(report.text, offset));
        for d in report.diagnostics {
            let next = self.rules.len();
            let rule_index = *self.rules.entry(d.rule).or_insert(next);
            let location = json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": report.name },
                    "region": region(at(d.span.start), at(d.span.end)),
                }
            });
            let mut result = json!({
                "ruleId": d.rule,
                "ruleIndex": rule_index,
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [location],
            });
            if let Some(record) = report.record_number() {
                result["properties"] = json!({ "record": record });
            }
            if report.is_fuzzy(d) {
                result["properties"]["fuzzy"] = json!(true);
            }
            if let Some(fix) = d.fix.as_ref().filter(|f| !f.edits.is_empty()) {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": region(at(e.span.start), at(e.span.end)),
                            "insertedContent": { "text": e.replacement },
                        })
                    })
                    .collect();
                let description = match fix.applicability {
                    Applicability::Safe => "safe fix",
                    Applicability::Unsafe => "unsafe fix: review it",
                    Applicability::DisplayOnly => "suggestion",
                };
                result["fixes"] = json!([{
                    "description": { "text": description },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": report.name },
                        "replacements": replacements,
                    }],
                }]);
            }
            self.results.push(result);
        }
    }

    /// Records an error of the run (an input that cannot be read).
    pub(super) fn notify(&mut self, message: &str) {
        self.notifications.push(json!({
            "level": "error",
            "message": { "text": message },
        }));
    }

    /// Writes the log.
    pub(super) fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut rules: Vec<(&str, usize)> = self.rules.iter().map(|(r, i)| (*r, *i)).collect();
        rules.sort_by_key(|&(_, i)| i);
        let rules: Vec<Value> = rules
            .iter()
            .map(|&(id, _)| {
                let meta = Registry::global().get(id).map(|r| r.meta());
                json!({
                    "id": id,
                    "shortDescription": { "text": meta.map_or(id, |m| m.message) },
                    "fullDescription": { "text": meta.map_or("", |m| m.explanation.trim()) },
                    "help": { "text": format!("coquille rule {id}") },
                    "defaultConfiguration": {
                        "level": meta.map_or("warning", |m| level(m.severity)),
                    },
                })
            })
            .collect();
        let mut log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "coquille",
                        "version": env!("CARGO_PKG_VERSION"),
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }]
        });
        if !self.notifications.is_empty() {
            log["runs"][0]["invocations"] = json!([{
                "executionSuccessful": false,
                "toolExecutionNotifications": self.notifications,
            }]);
        }
        // Serialised first, so that a closed stdout is an I/O error the
        // caller recognises (a broken pipe), not a serialisation error.
        let mut text = serde_json::to_vec_pretty(&log).map_err(io::Error::from)?;
        text.push(b'\n');
        out.write_all(&text)
    }
}
