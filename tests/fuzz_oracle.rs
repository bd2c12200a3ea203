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

/// Counts the allocations and allocated bytes of the current thread, a
/// measure of work that, unlike a clock, does not depend on the machine's
/// load (tests run in parallel threads, so the counts are per thread).
struct CountingAllocator;

thread_local! {
    static ALLOCATED: std::cell::Cell<(u64, u64)> = const { std::cell::Cell::new((0, 0)) };
}

// SAFETY: every call is forwarded to the system allocator unchanged; the
// counter is a const-initialised thread-local `Cell`, which never allocates.
unsafe impl std::alloc::GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new: usize) -> *mut u8 {
        count(new);
        // SAFETY: same contract as the caller's.
        unsafe { std::alloc::System.realloc(ptr, layout, new) }
    }
}

#[global_allocator]
static COUNTING: CountingAllocator = CountingAllocator;

fn count(bytes: usize) {
    // `try_with`: the thread-local may be gone while a thread ends.
    let _ = ALLOCATED.try_with(|c| {
        let (calls, total) = c.get();
        c.set((calls + 1, total + bytes as u64));
    });
}

/// The allocations and allocated bytes of `work` on this thread.
fn allocations(work: impl FnOnce()) -> (u64, u64) {
    let before = ALLOCATED.with(|c| c.get());
    work();
    let after = ALLOCATED.with(|c| c.get());
    (after.0 - before.0, after.1 - before.1)
}

/// Checking, fixing and printing (human and JSON) grow linearly with the
/// input on texts made of many findings: 4 times the input may make at
/// most 8 times as many allocations and allocated bytes (quadratic work,
/// such as copying the text or re-rendering it per finding, would make
/// 16 times). Wall time is measured by `cargo bench --bench linearity`.
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
            allocations(|| {
                let found = default.linter.check(&source);
                let fixed = default.linter.fix(&source, default.threshold);
                for output in [Output::Human, Output::Json] {
                    let report = FileReport {
                        name: "t",
                        text: &source.text,
                        diagnostics: &found,
                        record: None,
                        fuzzy: &[],
                    };
                    let printed = Printer::one_file(output, &report).expect("print");
                    assert!(!printed.is_empty());
                }
                assert!(fixed.converged);
            })
        };
        // Warm up (lazy tables), then compare.
        cost(&make(n / 10));
        let (one, four) = (cost(&make(n)), cost(&make(4 * n)));
        let calls = four.0 as f64 / one.0 as f64;
        let bytes = four.1 as f64 / one.1 as f64;
        eprintln!(
            "{unit:?} ({format:?}): 1× {one:?}, 4× {four:?} (allocations, bytes): ratios {calls:.1}, {bytes:.1}"
        );
        assert!(
            calls < 8.0 && bytes < 8.0,
            "{unit:?} ({format:?}): 4× the input makes {calls:.1}× the allocations and {bytes:.1}× the bytes"
        );
    }
}
