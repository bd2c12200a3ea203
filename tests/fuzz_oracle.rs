//! The fix oracle on generated inputs (see `tests/oracle/mod.rs` for the
//! invariants and `docs/fuzzing.md` for longer runs).
//!
//! `cargo test --test fuzz_oracle` makes a short run. Environment:
//! - `COQUILLE_FUZZ_SECONDS=N`: run for N seconds instead of a fixed number
//!   of cases (use `--release`);
//! - `COQUILLE_FUZZ_CASES=N`: cases per format (default 40);
//! - `COQUILLE_FUZZ_SEED=N`: the first seed (default 1); a failure prints
//!   its seed, which replays it.

mod oracle;

use oracle::generate::{Format, Rng, document};
use std::time::{Duration, Instant};

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

#[test]
fn generated_inputs_keep_every_invariant() {
    let configs = oracle::configs();
    let first = env_number("COQUILLE_FUZZ_SEED").unwrap_or(1);
    let budget = env_number("COQUILLE_FUZZ_SECONDS").map(Duration::from_secs);
    let cases = env_number("COQUILLE_FUZZ_CASES").unwrap_or(40);
    let started = Instant::now();
    let mut seed = first;
    let mut runs = 0u64;
    loop {
        match budget {
            Some(b) if started.elapsed() >= b => break,
            None if seed - first >= cases => break,
            _ => {}
        }
        for format in Format::ALL {
            let text = document(&mut Rng::new(seed), format);
            for config in &configs {
                runs += 1;
                if let Err(e) = oracle::check(config, format, &text) {
                    let small = oracle::minimise(config, format, &text);
                    let why = oracle::check(config, format, &small).err().unwrap_or(e);
                    panic!(
                        "seed {seed}, {format:?}, {}: {why}\ninput: {text:?}\nminimised: {small:?}",
                        config.name
                    );
                }
            }
        }
        seed += 1;
    }
    eprintln!(
        "oracle: {runs} runs, seeds {first}..{seed}, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(runs > 0);
}

/// The least time of three runs of `work`, in seconds.
fn least_time(mut work: impl FnMut()) -> f64 {
    (0..3)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Checking, fixing and printing (human and JSON) grow linearly with the
/// input on texts made of many findings: 4 times the input may take at
/// most 8 times as long (quadratic work would take 16 times).
#[test]
fn work_grows_linearly_on_pathological_inputs() {
    use coquille::output::{FileReport, Format as Output, Printer};
    let configs = oracle::configs();
    let default = &configs[0];
    let cases: [(&str, Format, usize); 5] = [
        ("« “ ‘ ‹ x › ’ ” » ", Format::Plain, 300),
        ("Il dit: \"oui\"! \u{200B}", Format::Plain, 300),
        ("Un `code` et *du: texte* ! ", Format::Markdown, 300),
        ("\"Il dit: %s!\"\n", Format::Po, 300),
        ("« “ x ” » ", Format::JsonLine, 300),
    ];
    for (unit, format, n) in cases {
        let make = |times: usize| -> String {
            match format {
                Format::Po => format!("msgid \"x\"\nmsgstr \"\"\n{}", unit.repeat(times)),
                Format::JsonLine => format!(
                    "{{\"text\": {}}}",
                    serde_json::to_string(&unit.repeat(times)).expect("JSON")
                ),
                _ => unit.repeat(times),
            }
        };
        let cost = |text: &str| {
            let source = oracle::source(text, format).expect("a source");
            least_time(|| {
                let found = default.linter.check(&source);
                let fixed = default.linter.fix(&source, default.threshold);
                for output in [Output::Human, Output::Json] {
                    let mut sink = Vec::new();
                    let mut printer = Printer::new(output, false);
                    let report = FileReport {
                        name: "t",
                        text: &source.text,
                        diagnostics: &found,
                        record: None,
                        fuzzy: &[],
                    };
                    printer.begin(&mut sink).expect("print");
                    printer.file(&report, &mut sink).expect("print");
                    printer.end(&mut sink).expect("print");
                    assert!(!sink.is_empty());
                }
                assert!(fixed.converged);
            })
        };
        // Warm up (lazy tables), then compare.
        cost(&make(n / 10));
        let (one, four) = (cost(&make(n)), cost(&make(4 * n)));
        let ratio = four / one;
        eprintln!("{unit:?} ({format:?}): 1× {one:.3} s, 4× {four:.3} s, ratio {ratio:.1}");
        assert!(
            ratio < 8.0,
            "{unit:?} ({format:?}): 4× the input takes {ratio:.1}× as long"
        );
    }
}
