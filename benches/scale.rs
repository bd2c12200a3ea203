//! Benchmarks at scale, printed as plain lines (no criterion):
//!
//! - (a) throughput of `check` and `fix` over 100 MB of French prose made
//!   in memory from the project's texts, on one core and on all cores, for
//!   three rule sets (typography only, the default rules, every rule);
//! - (b) whole-process time of `target/release/coquille check` on 2 KB files;
//! - (c) coquille against Grammalecte (`grammalecte-cli`) on the same 1 MB,
//!   when Grammalecte is installed.
//!
//! Run with `cargo bench --bench scale`; `COQUILLE_BENCH_MB=10 cargo bench
//! --bench scale` for a quicker run. Parts can be picked by name:
//! `cargo bench --bench scale -- throughput process grammalecte`; the part
//! `profile` (never run by default) only checks the corpus with one rule set
//! on one core, for `perf record`; the part `rules` (never run by default
//! either) prints what the document analysis, the tagger, the chunks and
//! each rule cost alone.
//! Targets are printed next to the figures; missing one fails nothing.
//! Parts (b) and (c) run `target/release/coquille` (build it first with
//! `cargo build --release`; `COQUILLE_BIN` names another binary) and
//! `grammalecte-cli` from the PATH (`GRAMMALECTE_CLI` names another).
//!
//! Run without `--bench` (as `cargo test --benches` does), it only checks
//! that every part works, on a small corpus.

mod common;

use common::{corpus, paragraphs};
use coquille::{Applicability, Linter, Profile, Registry, Selector, Settings, Source};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// The categories of the typography rule set.
const TYPOGRAPHY: [&str; 8] = [
    "spacing",
    "quotes",
    "punctuation",
    "apostrophe",
    "numbers",
    "unicode",
    "hyphenation",
    "capitalization",
];

/// Runs of the binary on each short file in part (b).
const PROCESS_RUNS: usize = 200;

/// Size of the text given to coquille and Grammalecte in part (c).
const SIDE_BY_SIDE_BYTES: usize = 1_000_000;

/// Longest Grammalecte full check part (c) allows itself before taking a
/// smaller slice.
const GRAMMALECTE_BUDGET: Duration = Duration::from_secs(600);

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The first `max` bytes (or fewer, at a char boundary) of `text`.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The three rule sets of part (a).
fn rule_sets() -> Vec<(&'static str, Linter)> {
    let registry = Registry::global();
    let typography = Settings {
        select: TYPOGRAPHY
            .iter()
            .map(|c| Selector::parse(c, registry).expect("known category"))
            .collect(),
        ..Settings::default()
    };
    // Every rule, the off-by-default ones included, in the strict profile.
    let all = Settings {
        profile: Profile::Strict,
        select: registry
            .rules()
            .map(|r| Selector::Rule(r.meta().id))
            .collect(),
        ..Settings::default()
    };
    [
        ("typography", typography),
        ("default", Settings::default()),
        ("all rules", all),
    ]
    .into_iter()
    .map(|(name, settings)| (name, Linter::new(settings).expect("rules compile")))
    .collect()
}

/// CPU time (user and system) of this process so far, in seconds, from
/// /proc/self/stat (Linux; in USER_HZ ticks of 10 ms).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses: state is
    // field 3, utime 14 and stime 15.
    let fields: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// Wall time and CPU time of a run, and the sum of the results.
struct Timing {
    wall: f64,
    cpu: Option<f64>,
    total: usize,
}

/// Runs `work` on every document with `threads` threads taking the next
/// document in turn.
fn run<F>(docs: &[Source], threads: usize, work: F) -> Timing
where
    F: Fn(&Source) -> usize + Sync,
{
    let next = AtomicUsize::new(0);
    let cpu = cpu_seconds();
    let start = Instant::now();
    let total = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut sum = 0;
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(doc) = docs.get(i) else { break };
                        sum += work(black_box(doc));
                    }
                    sum
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("worker")).sum()
    });
    let wall = start.elapsed().as_secs_f64();
    Timing {
        wall,
        cpu: cpu.zip(cpu_seconds()).map(|(a, b)| b - a),
        total,
    }
}

/// Rounds of [`interleaved`].
const ROUNDS: usize = 10;

/// Runs `work` over all the documents on one thread and on `threads`, in
/// [`ROUNDS`] rounds over successive slices of the corpus, one thread
/// first or last in turn: a machine whose speed drifts (a virtual machine
/// with busy neighbours) then slows both alike. Returns the sums of the
/// timings on one thread, and on `threads`.
fn interleaved<F>(docs: &[Source], threads: usize, work: F) -> (Timing, Timing)
where
    F: Fn(&Source) -> usize + Sync,
{
    let sum = |a: Timing, b: Timing| Timing {
        wall: a.wall + b.wall,
        cpu: a.cpu.zip(b.cpu).map(|(a, b)| a + b),
        total: a.total + b.total,
    };
    let zero = || Timing {
        wall: 0.0,
        cpu: Some(0.0),
        total: 0,
    };
    let (mut one, mut all) = (zero(), zero());
    let size = docs.len().div_ceil(ROUNDS).max(1);
    for (round, slice) in docs.chunks(size).enumerate() {
        if round % 2 == 0 {
            one = sum(one, run(slice, 1, &work));
            all = sum(all, run(slice, threads, &work));
        } else {
            all = sum(all, run(slice, threads, &work));
            one = sum(one, run(slice, 1, &work));
        }
    }
    (one, all)
}

/// The documents a linter checks before it is measured: patterns compile
/// on first use, and a figure is of the steady state.
fn warm_up(docs: &[Source]) -> &[Source] {
    &docs[..docs.len().min(50)]
}

/// "met" or "missed", for a figure and its target.
fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}

/// Part (a): `check` and `fix`, one core and all cores, three rule sets.
/// Targets are judged only when `judge` (not in the small run of
/// `cargo test --benches`).
fn throughput(paragraphs: &[String], megabytes: f64, cores: usize, judge: bool) {
    println!("== (a) throughput of the library (Linter::check, Linter::fix with safe fixes) ==");
    let docs = corpus(paragraphs, (megabytes * 1e6) as usize);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {} documents of 2 to 40 KB, {mb:.1} MB (COQUILLE_BENCH_MB={megabytes}); {cores} cores; one pass per figure, in {ROUNDS} rounds alternating one core and all cores",
        docs.len()
    );
    let sets = rule_sets();
    // Patterns compile on first use: warm every linter up on a few documents.
    let warm = warm_up(&docs);
    for (_, linter) in &sets {
        run(warm, cores, |d| linter.check(d).len());
        run(warm, cores, |d| {
            linter.fix(d, Applicability::Safe).fixes_applied
        });
    }
    println!(
        "{:<11} {:<6} {:>12} {:>12} {:>13} {:>8} {:>9}   target",
        "rules",
        "op",
        "count",
        "1 core MB/s",
        format!("{cores} cores MB/s"),
        "scaling",
        "CPU eff."
    );
    for (name, linter) in &sets {
        let mut check_speed = 0.0;
        // `fix` re-checks only the paragraphs a pass changed when it can
        // (`coquille::recheck`); `fix-whole` checks the whole text after
        // every pass, for comparison.
        for op in ["check", "fix", "fix-whole"] {
            let work = |d: &Source| match op {
                "check" => linter.check(d).len(),
                "fix" => linter.fix(d, Applicability::Safe).fixes_applied,
                _ => {
                    linter
                        .fix_checking_whole_text(d, Applicability::Safe)
                        .fixes_applied
                }
            };
            let (one_core, all_cores) = interleaved(&docs, cores, work);
            let one_count = one_core.total;
            assert_eq!(
                one_count, all_cores.total,
                "{name} {op}: threads change results"
            );
            let one = mb / one_core.wall;
            let all = mb / all_cores.wall;
            let scaling = one_core.wall / all_cores.wall;
            // CPU time per byte on one core over CPU time per byte with all
            // cores: 1.0 means no cost from sharing (other load on the
            // machine changes it less than the wall-time scaling).
            let efficiency = match (one_core.cpu, all_cores.cpu) {
                (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
                _ => "-".to_string(),
            };
            let mut targets = Vec::new();
            if judge && op == "check" {
                match *name {
                    "typography" => {
                        targets.push(format!("1 core >= 50 MB/s: {}", verdict(one >= 50.0)))
                    }
                    "all rules" => {
                        targets.push(format!("1 core >= 20 MB/s: {}", verdict(one >= 20.0)))
                    }
                    _ => {}
                }
            }
            if op == "check" {
                check_speed = one;
            } else {
                let share = 100.0 * one / check_speed;
                targets.push(if judge && op == "fix" {
                    format!(
                        "{share:.0} % of check (>= 60 %): {}",
                        verdict(share >= 60.0)
                    )
                } else {
                    format!("{share:.0} % of check")
                });
            }
            if judge && cores > 1 {
                targets.push(format!(
                    "near-linear (>= {:.1}x): {}",
                    0.9 * cores as f64,
                    verdict(scaling >= 0.9 * cores as f64)
                ));
            }
            println!(
                "{name:<11} {op:<6} {:>12} {one:>12.1} {all:>13.1} {scaling:>7.2}x {efficiency:>9}   {}",
                if op == "check" {
                    format!("{one_count} f.")
                } else {
                    format!("{one_count} fixes")
                },
                targets.join("; ")
            );
        }
    }
    let passes: Vec<String> = coquille::recheck::counts()
        .iter()
        .map(|(way, n)| format!("{way:?} {n}"))
        .collect();
    println!(
        "fix passes by how their text was re-checked (all runs above): {}",
        passes.join(", ")
    );
    println!(
        "(count: findings for check, safe fixes applied for fix; MB = 10^6 bytes; scaling: wall time on one core / on {cores}; CPU eff.: CPU time per byte on one core / with {cores} threads, 1.00 = threads cost nothing extra)"
    );
}

/// `profile` (not run by default): only `check` (or the operation
/// `$COQUILLE_BENCH_OP` names: `check`, `fix`, `fix-whole`) with the default rules (or
/// the rule set `$COQUILLE_BENCH_RULES` names: `typography`, `default`,
/// `all rules`, or comma-separated rule ids and categories), on one core
/// (or `$COQUILLE_BENCH_THREADS`), after a warm-up on 50 documents, for
/// `perf record` or callgrind.
fn profile(paragraphs: &[String], megabytes: f64) {
    let docs = corpus(paragraphs, (megabytes * 1e6) as usize);
    let mb = docs.iter().map(|d| d.text.len()).sum::<usize>() as f64 / 1e6;
    let wanted = std::env::var("COQUILLE_BENCH_RULES").unwrap_or_else(|_| "default".into());
    let (name, linter) = match rule_sets().into_iter().find(|(name, _)| *name == wanted) {
        Some((name, linter)) => (name.to_string(), linter),
        // Rule ids or categories, comma-separated, in the strict profile:
        // one rule's cost under a profiler.
        None => {
            let registry = Registry::global();
            let select = wanted
                .split(',')
                .map(|s| Selector::parse(s.trim(), registry))
                .collect::<Result<Vec<_>, _>>()
                .expect("COQUILLE_BENCH_RULES: typography, default, all rules, or rule ids and categories");
            let settings = Settings {
                profile: Profile::Strict,
                select,
                ..Settings::default()
            };
            (
                wanted.clone(),
                Linter::new(settings).expect("rules compile"),
            )
        }
    };
    // Warmed up as in part (a), so that what is measured is the steady
    // state. The warm-up runs on the main thread, the measure on others:
    // `valgrind --tool=callgrind --separate-threads=yes` keeps them apart.
    for d in warm_up(&docs) {
        black_box(linter.check(d));
    }
    let threads = match std::env::var("COQUILLE_BENCH_THREADS") {
        Ok(n) => n
            .parse()
            .expect("COQUILLE_BENCH_THREADS: a number of threads"),
        Err(_) => 1,
    };
    let op = std::env::var("COQUILLE_BENCH_OP").unwrap_or_else(|_| "check".into());
    let timing = run(&docs, threads, |d| match op.as_str() {
        "fix" => linter.fix(d, Applicability::Safe).fixes_applied,
        "fix-whole" => {
            linter
                .fix_checking_whole_text(d, Applicability::Safe)
                .fixes_applied
        }
        _ => linter.check(d).len(),
    });
    println!(
        "profile: {name} rules, {op}, {threads} thread(s): {mb:.1} MB, {} findings, {:.1} MB/s",
        timing.total,
        mb / timing.wall
    );
}

/// `rules` (not run by default): what each part of `check` costs on one
/// core, in nanoseconds per byte: the document analysis (prose view and
/// tokens), the tagger and the chunks on every sentence, then every rule
/// alone (the analysis subtracted; a rule that
/// reads a shared analysis, such as the English spans, pays for all of it).
fn rule_costs(paragraphs: &[String], megabytes: f64) {
    let docs = corpus(paragraphs, (megabytes * 1e6) as usize);
    let bytes = docs.iter().map(|d| d.text.len()).sum::<usize>() as f64;
    let settings = Settings::default();
    let time = |work: &dyn Fn(&Source) -> usize| {
        // The best of three passes.
        (0..3)
            .map(|_| {
                let start = Instant::now();
                let n: usize = docs.iter().map(|d| black_box(work(d))).sum();
                black_box(n);
                start.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let tokens = time(&|d| coquille::tokenize::tokenize(&d.text).len());
    let analysis = time(&|d| coquille::Document::new(d, &settings).tokens().len());
    println!(
        "== cost of each part of check, one core, {:.1} MB ==",
        bytes / 1e6
    );
    println!("{:>8.2} ns/B  tokenizer alone", tokens * 1e9 / bytes);
    println!(
        "{:>8.2} ns/B  document analysis (prose view, tokens, paragraphs)",
        analysis * 1e9 / bytes
    );
    // The tagger and the chunker on every sentence (rules ask only for the
    // sentences where an agreement question is open: this is the most
    // they can cost).
    let tagging = time(&|d| {
        let doc = coquille::Document::new(d, &settings);
        doc.readings().iter().filter(|r| r.is_some()).count()
    });
    let chunking = time(&|d| {
        let doc = coquille::Document::new(d, &settings);
        doc.chunks().map(|c| c.noun_phrases.len()).sum()
    });
    let words: usize = docs
        .iter()
        .map(|d| {
            let doc = coquille::Document::new(d, &settings);
            doc.readings().iter().filter(|r| r.is_some()).count()
        })
        .sum();
    println!(
        "{:>8.2} ns/B  tagger, every sentence ({:.2} M words/s)",
        (tagging - analysis) * 1e9 / bytes,
        words as f64 / (tagging - analysis) / 1e6
    );
    println!(
        "{:>8.2} ns/B  chunks (noun phrases, subjects, attributes), every sentence",
        (chunking - tagging) * 1e9 / bytes
    );
    // The subjects and their verbs the agreement rules of the attribute
    // and of the verb share (`Document::subjects`), with the readings
    // they ask of the tagger: what the first of those rules pays.
    let subjects = time(&|d| {
        let doc = coquille::Document::new(d, &settings);
        doc.subjects().len()
    });
    println!(
        "{:>8.2} ns/B  subjects and verbs (clause analysis, with the tagging it asks for)",
        (subjects - analysis) * 1e9 / bytes
    );
    // The English left in the text, which the English, elision and
    // agreement rules share.
    let english = time(&|d| {
        let doc = coquille::Document::new(d, &settings);
        doc.english().len()
    });
    println!(
        "{:>8.2} ns/B  English analysis (words and phrases left in English)",
        (english - analysis) * 1e9 / bytes
    );
    let registry = Registry::global();
    let mut costs: Vec<(f64, &str)> = registry
        .rules()
        .map(|rule| {
            let id = rule.meta().id;
            let linter = Linter::new(Settings {
                profile: Profile::Strict,
                select: vec![Selector::Rule(id)],
                ..Settings::default()
            })
            .expect("rules compile");
            (time(&|d| linter.check(d).len()) - analysis, id)
        })
        .collect();
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = costs.iter().map(|c| c.0.max(0.0)).sum();
    println!(
        "{:>8.2} ns/B  all rules, each alone, summed",
        total * 1e9 / bytes
    );
    for (cost, id) in costs {
        println!("{:>8.2} ns/B  {id}", cost * 1e9 / bytes);
    }
}

/// The release binary (or `$COQUILLE_BIN`), and whether it looks older
/// than the sources.
fn binary() -> Option<(PathBuf, bool)> {
    if let Some(bin) = std::env::var_os("COQUILLE_BIN") {
        return Some((PathBuf::from(bin), false));
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let target = if target.is_absolute() {
        target
    } else {
        root().join(target)
    };
    let bin = target.join("release").join("coquille");
    let built = std::fs::metadata(&bin).and_then(|m| m.modified()).ok()?;
    let newest = newest_source(root());
    Some((bin, newest.is_some_and(|t| t > built)))
}

/// When the sources (src/, rules/, build.rs, Cargo.toml) last changed.
fn newest_source(root: &Path) -> Option<SystemTime> {
    fn walk(path: &Path, newest: &mut Option<SystemTime>) {
        let Ok(meta) = std::fs::metadata(path) else {
            return;
        };
        if meta.is_dir() {
            for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
                walk(&entry.path(), newest);
            }
        } else if let Ok(t) = meta.modified() {
            *newest = (*newest).max(Some(t));
        }
    }
    let mut newest = None;
    for part in ["src", "rules", "build.rs", "Cargo.toml"] {
        walk(&root.join(part), &mut newest);
    }
    newest
}

fn no_binary() {
    println!(
        "skipped: {} not found; build it with `cargo build --release`, then run the bench again",
        root().join("target/release/coquille").display()
    );
}

/// The binary parts (b) and (c) run, with a warning when it looks older
/// than the sources; `None` (said) when there is none.
fn current_binary() -> Option<PathBuf> {
    let Some((bin, stale)) = binary() else {
        no_binary();
        return None;
    };
    if stale {
        println!(
            "warning: {} is older than the sources; `cargo build --release` first for current figures",
            bin.display()
        );
    }
    Some(bin)
}

/// Runs `command` once and returns its wall time; panics unless it exits
/// with one of `ok` codes.
fn time_once(command: &mut Command, ok: &[i32]) -> Duration {
    let start = Instant::now();
    let status = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    let elapsed = start.elapsed();
    let code = status.code().unwrap_or(-1);
    assert!(ok.contains(&code), "{command:?} exited with {status}");
    elapsed
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    let n = times.len();
    if n % 2 == 1 {
        times[n / 2]
    } else {
        (times[n / 2 - 1] + times[n / 2]) / 2
    }
}

/// The patterns ripgrep searches in part (b): a handful of the faults
/// coquille looks for, written as a user of `rg` would (an English word,
/// straight quotes, an English thousands separator, a space before a
/// comma or a period, a missing elision).
const RIPGREP_PATTERNS: &[&str] = &[
    r"\b(?:the|and|of)\b",
    r#""[^"]+""#,
    r"\d,\d{3}",
    r"\w [,.]",
    r"\b(?:de|que|si|le) [aeiouéh]\w*",
];

/// `rg` on the PATH (or `$RIPGREP`), for the side-by-side run of part (b).
fn ripgrep() -> Option<PathBuf> {
    let rg = std::env::var_os("RIPGREP").map_or_else(|| PathBuf::from("rg"), PathBuf::from);
    Command::new(&rg)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()
        .filter(|s| s.success())
        .map(|_| rg)
}

/// Part (b): whole-process time of `coquille check` on 2 KB files, with
/// the default rules and with every rule, and of ripgrep searching the
/// same file for [`RIPGREP_PATTERNS`]; the commands take turns, so a
/// drift in the machine's speed touches them alike.
fn process(runs: usize, judge: bool) {
    println!(
        "== (b) whole process: coquille check --no-config --quiet FILE (default rules, then --select ALL --profile strict) and ripgrep, {runs} runs each, interleaved =="
    );
    let Some(bin) = current_binary() else {
        return;
    };
    let rg = ripgrep();
    if rg.is_none() {
        println!(
            "ripgrep not found (install `ripgrep` or set RIPGREP): the side-by-side run is skipped"
        );
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let files = [
        ("empty file", String::new()),
        (
            "2 KB clean French (tests/corpus/clean/actualite.txt)",
            std::fs::read_to_string(root().join("tests/corpus/clean/actualite.txt"))
                .expect("actualite.txt"),
        ),
        (
            "2 KB machine translation (examples/depeche-traduite.txt)",
            std::fs::read_to_string(root().join("examples/depeche-traduite.txt"))
                .expect("depeche-traduite.txt"),
        ),
    ];
    println!(
        "{:<58} {:<10} {:>6} {:>9} {:>11} {:>8}   target",
        "file", "command", "bytes", "mean ms", "median ms", "min ms"
    );
    for (i, (label, text)) in files.iter().enumerate() {
        let path = dir.path().join(format!("file{i}.txt"));
        let text = prefix(text, 2000);
        std::fs::write(&path, text).expect("write temp file");
        let mut default = Command::new(&bin);
        default.args(["check", "--no-config", "--quiet"]).arg(&path);
        let mut all = Command::new(&bin);
        all.args([
            "check",
            "--no-config",
            "--quiet",
            "--select",
            "ALL",
            "--profile",
            "strict",
        ])
        .arg(&path);
        let mut commands: Vec<(&str, Command, &[i32])> =
            vec![("default", default, &[0, 1]), ("all rules", all, &[0, 1])];
        if let Some(rg) = &rg {
            let mut search = Command::new(rg);
            search.arg("--no-config");
            for p in RIPGREP_PATTERNS {
                search.arg("-e").arg(p);
            }
            search.arg(&path);
            // ripgrep exits 1 when nothing matches.
            commands.push(("ripgrep", search, &[0, 1]));
        }
        // Warm the page cache; exit code 1 means findings.
        for (_, command, ok) in &mut commands {
            for _ in 0..5 {
                time_once(command, ok);
            }
        }
        let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(runs); commands.len()];
        for _ in 0..runs {
            for (c, (_, command, ok)) in commands.iter_mut().enumerate() {
                times[c].push(time_once(command, ok));
            }
        }
        let medians: Vec<Duration> = times.iter_mut().map(|t| median(t)).collect();
        let ripgrep_median = rg.as_ref().map(|_| medians[2]);
        for (c, (name, _, _)) in commands.iter().enumerate() {
            let t = &times[c];
            let mean = t.iter().sum::<Duration>() / runs as u32;
            let target = match (*name, ripgrep_median) {
                _ if text.is_empty() || !judge => String::new(),
                ("default", _) => format!("<= 5 ms: {}", verdict(millis(medians[c]) <= 5.0)),
                ("all rules", Some(rg)) => {
                    let ratio = medians[c].as_secs_f64() / rg.as_secs_f64();
                    format!("{ratio:.2}x ripgrep; <= 1.2x: {}", verdict(ratio <= 1.2))
                }
                _ => String::new(),
            };
            println!(
                "{label:<58} {name:<10} {:>6} {:>9.2} {:>11.2} {:>8.2}   {target}",
                text.len(),
                millis(mean),
                millis(medians[c]),
                millis(t[0]),
            );
        }
    }
}

/// `grammalecte-cli` on the PATH (or `$GRAMMALECTE_CLI`).
fn grammalecte() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("GRAMMALECTE_CLI") {
        return Some(PathBuf::from(path));
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("grammalecte-cli"))
        .find(|p| p.is_file())
}

/// Median wall time of `runs` runs.
fn median_time(command: &mut Command, ok: &[i32], runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs).map(|_| time_once(command, ok)).collect();
    median(&mut times)
}

/// Part (c): coquille and Grammalecte on the same 1 MB.
fn side_by_side(paragraphs: &[String], bytes: usize, coquille_runs: usize) {
    println!("== (c) coquille and Grammalecte on the same text, whole processes ==");
    let Some(bin) = current_binary() else {
        return;
    };
    let docs = corpus(paragraphs, bytes + 64 * 1024);
    let text: String = docs.iter().map(|d| d.text.as_str()).collect();
    let text = prefix(&text, bytes);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("slice.txt");
    std::fs::write(&path, text).expect("write temp file");
    let mb = text.len() as f64 / 1e6;

    let mut coquille = Command::new(&bin);
    coquille
        .args(["check", "--no-config", "--quiet"])
        .arg(&path);
    time_once(&mut coquille, &[0, 1]);
    let coquille_time = median_time(&mut coquille, &[0, 1], coquille_runs);
    let coquille_rate = mb / coquille_time.as_secs_f64();
    println!(
        "coquille check --no-config --quiet FILE ({mb:.2} MB, default rules): {:.3} s, {coquille_rate:.2} MB/s (median of {coquille_runs})",
        coquille_time.as_secs_f64()
    );

    let Some(gram) = grammalecte() else {
        println!(
            "skipped Grammalecte: grammalecte-cli not found; install it with `apt-get install grammalecte-cli` (Debian, Ubuntu) or set GRAMMALECTE_CLI"
        );
        return;
    };
    // A probe on the first 5 % to keep the full check within its budget.
    let probe_text = prefix(text, bytes / 20);
    let probe = dir.path().join("probe.txt");
    std::fs::write(&probe, probe_text).expect("write temp file");
    let probe_time = time_once(Command::new(&gram).arg("-j").arg("-f").arg(&probe), &[0]);
    let projected = probe_time.as_secs_f64() * text.len() as f64 / probe_text.len() as f64;
    let (full_path, full_mb) = if projected > GRAMMALECTE_BUDGET.as_secs_f64() {
        let keep =
            (text.len() as f64 * GRAMMALECTE_BUDGET.as_secs_f64() / projected / 2.0) as usize;
        let smaller = prefix(text, keep);
        let small_path = dir.path().join("smaller.txt");
        std::fs::write(&small_path, smaller).expect("write temp file");
        println!(
            "Grammalecte's full check of {mb:.2} MB would take about {projected:.0} s: it gets the first {:.3} MB only",
            smaller.len() as f64 / 1e6
        );
        (small_path, smaller.len() as f64 / 1e6)
    } else {
        (path.clone(), mb)
    };

    let rows = [
        (
            "grammalecte-cli -tfo -f FILE (text formatter only)",
            vec!["-tfo", "-f"],
            path.clone(),
            mb,
            3,
        ),
        (
            "grammalecte-cli -j -f FILE (full check: grammar + spelling)",
            vec!["-j", "-f"],
            full_path,
            full_mb,
            1,
        ),
    ];
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write temp file");
    // Without -j, -f prints a banner with the versions.
    let version = Command::new(&gram)
        .arg("-f")
        .arg(&empty)
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find(|l| l.starts_with("Grammalecte"))
                .map(str::to_string)
        });
    let startup = median_time(Command::new(&gram).arg("-j").arg("-f").arg(&empty), &[0], 3);
    println!(
        "{} ({}); start-up on an empty file: {:.0} ms, included below",
        version.as_deref().unwrap_or("Grammalecte"),
        gram.display(),
        millis(startup)
    );
    for (label, args, file, size, runs) in rows {
        let mut command = Command::new(&gram);
        command.args(&args).arg(&file);
        let time = median_time(&mut command, &[0], runs);
        let rate = size / time.as_secs_f64();
        let ratio = coquille_rate / rate;
        let target = if args[0] == "-j" {
            format!("   target >= 100x: {}", verdict(ratio >= 100.0))
        } else {
            String::new()
        };
        println!(
            "{label} ({size:.2} MB): {:.2} s, {rate:.3} MB/s; coquille/Grammalecte = {ratio:.1}x{target}",
            time.as_secs_f64()
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes --bench; `cargo test --benches` does not: then
    // only a small run, to check that every part works.
    let bench = args.iter().any(|a| a == "--bench");
    let parts: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .map(String::as_str)
        .collect();
    let wants = |part: &str| parts.is_empty() || parts.contains(&part);
    for part in &parts {
        assert!(
            ["throughput", "process", "grammalecte", "profile", "rules"].contains(part),
            "unknown part `{part}`: throughput, process, grammalecte, profile or rules"
        );
    }
    let megabytes = common::megabytes(bench, 100.0, 0.5);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let paragraphs = paragraphs();
    if !bench {
        println!(
            "small run without --bench: it checks that the parts work; its figures mean nothing"
        );
    }
    // Other work on the machine skews every figure, the scaling most.
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        let load: Vec<&str> = load.split_whitespace().take(3).collect();
        println!(
            "load average before the run: {} ({cores} cores; figures are only meaningful on an idle machine)",
            load.join(" ")
        );
    }
    if parts.contains(&"profile") {
        profile(&paragraphs, megabytes);
    }
    if parts.contains(&"rules") {
        rule_costs(&paragraphs, megabytes);
    }
    if wants("throughput") {
        throughput(&paragraphs, megabytes, cores, bench);
    }
    if wants("process") {
        process(if bench { PROCESS_RUNS } else { 3 }, bench);
    }
    if wants("grammalecte") {
        if bench {
            side_by_side(&paragraphs, SIDE_BY_SIDE_BYTES, 5);
        } else {
            println!("== (c) coquille and Grammalecte: only with `cargo bench` ==");
        }
    }
}
