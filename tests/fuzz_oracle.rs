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
