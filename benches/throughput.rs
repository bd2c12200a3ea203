//! Throughput of `check` and `fix` on one core, over more than 10 MB of
//! French prose generated from the project's own texts (the clean corpus
//! and the examples, so that both clean text and machine-translation
//! artefacts are measured).
//!
//! Run with `cargo bench`; criterion prints the throughput of each case
//! (`thrpt`, in MiB/s), and a summary line in MB/s is printed first.

mod common;

use coquille::{Applicability, Linter, Profile, Registry, Selector, Settings, Source};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Instant;

/// Target size of the generated corpus.
const CORPUS_BYTES: usize = 12 * 1024 * 1024;

fn corpus() -> Vec<Source> {
    common::corpus(&common::paragraphs(), CORPUS_BYTES)
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let linter = Linter::new(Settings::default()).expect("rules compile");
    // Every rule, the off-by-default ones included, in the strict profile.
    let all = Linter::new(Settings {
        profile: Profile::Strict,
        select: Registry::global()
            .rules()
            .map(|r| Selector::Rule(r.meta().id))
            .collect(),
        ..Settings::default()
    })
    .expect("rules compile");

    // One-shot figures in MB (10^6 bytes) per second, before criterion's
    // statistics (which it prints in MiB/s).
    let mb = bytes as f64 / 1e6;
    let start = Instant::now();
    let findings: usize = docs.iter().map(|d| linter.check(d).len()).sum();
    let check_secs = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let all_findings: usize = docs.iter().map(|d| all.check(d).len()).sum();
    let all_secs = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let fixes: usize = docs
        .iter()
        .map(|d| linter.fix(d, Applicability::Safe).fixes_applied)
        .sum();
    let fix_secs = start.elapsed().as_secs_f64();
    println!(
        "corpus: {} documents, {mb:.1} MB, {findings} findings ({all_findings} with all rules), {fixes} safe fixes",
        docs.len()
    );
    println!(
        "check: {:.1} MB/s   check, all rules: {:.1} MB/s   fix: {:.1} MB/s   (one core, one pass each)",
        mb / check_secs,
        mb / all_secs,
        mb / fix_secs
    );

    let mut group = c.benchmark_group("one-core");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(15));
    group.bench_function("check", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| black_box(linter.check(black_box(d))).len())
                .sum::<usize>()
        })
    });
    group.bench_function("check-all-rules", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| black_box(all.check(black_box(d))).len())
                .sum::<usize>()
        })
    });
    group.bench_function("fix", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| black_box(linter.fix(black_box(d), Applicability::Safe)).fixes_applied)
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
