//! Linear cost on pathological inputs: texts made of one short unit full
//! of findings (nested quotes, glued punctuation, code spans, PO strings),
//! repeated n and 4n times. Checking, fixing and printing (human and JSON)
//! 4 times the input should take about 4 times as long; 16 times would
//! mean quadratic work. Each line prints both times and the ratio against
//! a limit of 8.
//!
//! Run with `cargo bench --bench linearity` (`COQUILLE_LINEARITY_UNITS`
//! sets n, default 2,000). The test `fuzz_oracle::work_grows_linearly_…`
//! holds the same property without a clock, by counting allocations.

use coquille::output::{FileReport, Format as Output, Printer};
use coquille::{Applicability, Linter, Settings, Source, SourceKind};
use std::time::Instant;

/// The units repeated, with the kind of file they are read as.
const CASES: [(&str, SourceKind); 4] = [
    ("« “ ‘ ‹ x › ’ ” » ", SourceKind::PlainText),
    ("Il dit: \"oui\"! \u{200B}", SourceKind::PlainText),
    ("Un `code` et *du: texte* ! ", SourceKind::Markdown),
    ("\"Il dit: %s!\"\n", SourceKind::Po),
];

/// `unit` repeated `times` times, as a file of `kind`.
fn make(unit: &str, kind: SourceKind, times: usize) -> Source {
    let text = match kind {
        SourceKind::Po => format!("msgid \"x\"\nmsgstr \"\"\n{}", unit.repeat(times)),
        _ => unit.repeat(times),
    };
    Source::new("t", text, kind)
}

/// Check, fix and print `source` once.
fn work(linter: &Linter, source: &Source) {
    let found = linter.check(source);
    let fixed = linter.fix(source, Applicability::Safe);
    assert!(fixed.converged, "fixes did not settle");
    for output in [Output::Human, Output::Json] {
        let report = FileReport {
            name: "t",
            text: &source.text,
            diagnostics: &found,
            record: None,
            fuzzy: &[],
        };
        Printer::one_file(output, &report).expect("print");
    }
}

/// The least wall time of three runs of [`work`], in seconds.
fn least_time(linter: &Linter, source: &Source) -> f64 {
    (0..3)
        .map(|_| {
            let started = Instant::now();
            work(linter, source);
            started.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let n = std::env::var("COQUILLE_LINEARITY_UNITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000usize);
    let linter = Linter::new(Settings::default()).expect("linter");
    println!("== linear cost on pathological inputs, default rules, n = {n} units ==");
    for (unit, kind) in CASES {
        // Warm up the lazy tables, then compare.
        work(&linter, &make(unit, kind, n / 10));
        let one = least_time(&linter, &make(unit, kind, n));
        let four = least_time(&linter, &make(unit, kind, 4 * n));
        let ratio = four / one;
        let verdict = if ratio < 8.0 { "linear" } else { "NOT LINEAR" };
        println!(
            "{unit:?} ({kind:?}): n {one:.3} s, 4n {four:.3} s, ratio {ratio:.1} (< 8: {verdict})"
        );
    }
}
