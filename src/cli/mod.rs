//! The `coquille` command: argument handling, reading inputs, writing
//! fixed files, exit codes.

pub mod args;
mod config_cmd;
pub mod configs;
mod jsonl;
mod large;
mod progress;
mod rules_cmd;
mod statistics;
pub mod walk;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::linter::Linter;
use crate::output::{FileReport, Format, Printer};
use crate::source::{Source, SourceKind};
use args::{CheckArgs, Cli, ColorArg, Command, CommonArgs, FixArgs, FormatArg};
use clap::Parser;
use configs::{Configs, Linters};
use progress::Progress;
use rayon::prelude::*;
use statistics::Statistics;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use walk::{Input, Walker, io_reason};

/// Exit code: no findings left.
pub const EXIT_CLEAN: u8 = 0;
/// Exit code: findings left.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage, input or internal error.
pub const EXIT_ERROR: u8 = 2;

/// Parses the command line and runs it.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check(args),
        Command::Fix(args) => fix(args),
        Command::Rules(args) => rules_cmd::list(args.json),
        Command::Rule { id } => rules_cmd::explain(&id),
        Command::Config(args) => config_cmd::show(&args),
    };
    ExitCode::from(code)
}

/// Prints a one-line error on stderr.
fn error(message: impl std::fmt::Display) {
    eprintln!("error: {message}");
}

fn format(common: &CommonArgs) -> Format {
    match common.format {
        FormatArg::Human => Format::Human,
        FormatArg::Concise => Format::Concise,
        FormatArg::Json => Format::Json,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Github => Format::Github,
    }
}

fn use_color(choice: ColorArg, terminal: bool) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Reads one input as a source.
fn read_input(input: &Input, stdin_name: Option<&str>) -> Result<Source, String> {
    match input {
        Input::Stdin => {
            let name = stdin_name.unwrap_or("-");
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("{name}: cannot read stdin: {}", io_reason(&e)))?;
            Source::from_bytes(name, bytes, SourceKind::from_path(Path::new(name)))
                .map_err(|e| format!("{name}: {e}"))
        }
        Input::File(path) => {
            let name = path.display().to_string();
            let bytes = std::fs::read(path).map_err(|e| format!("{name}: {}", io_reason(&e)))?;
            Source::from_bytes(name.clone(), bytes, SourceKind::from_path(path))
                .map_err(|e| format!("{name}: {e}"))
        }
    }
}

/// A run over the inputs: what to read, the linter of each, and what went
/// wrong.
struct Run {
    /// One linter per distinct settings.
    linters: Linters,
    inputs: Vec<Input>,
    /// The index in `linters` of each input's linter.
    linter_of: Vec<usize>,
    stdin_name: Option<String>,
    /// Paths or inputs that could not be read.
    errors: usize,
    /// Inputs read.
    files: usize,
}

impl Run {
    /// Parses the settings, finds the inputs and their configuration
    /// files; prints errors on the way and returns the exit code if
    /// nothing can run (any configuration error stops the run before
    /// anything is checked).
    fn start(paths: &[std::path::PathBuf], common: &CommonArgs) -> Result<Run, u8> {
        let fail = |e: String| {
            error(e);
            EXIT_ERROR
        };
        let selection = &common.selection;
        let overrides = configs::overrides(selection).map_err(fail)?;
        let resolver = configs::resolver(selection).map_err(|e| fail(e.to_string()))?;
        let configs = Configs::new(resolver);
        let walker = Walker::new(&selection.extensions, &selection.exclude).map_err(fail)?;
        let (inputs, errors) = walker.collect_in(paths, &configs);
        if inputs.iter().filter(|i| **i == Input::Stdin).count() > 1 {
            return Err(fail("`-` (stdin) can be given only once".into()));
        }
        let stdin_name = common.stdin_filename.clone();
        let mut linters = Linters::default();
        let mut linter_of = Vec::with_capacity(inputs.len());
        for input in &inputs {
            let (path, config) = configs.for_input(input, stdin_name.as_deref());
            let index = linters
                .index_for(&overrides, config.as_deref(), path.as_deref())
                .map_err(fail)?;
            linter_of.push(index);
        }
        let config_errors = configs.take_errors();
        for e in &config_errors {
            error(e);
        }
        for e in &errors {
            error(e);
        }
        if !config_errors.is_empty() {
            return Err(EXIT_ERROR);
        }
        if inputs.is_empty() && errors.is_empty() && !common.quiet {
            eprintln!(
                "warning: no files to check (looked for {})",
                walk::DEFAULT_EXTENSIONS.join(", ")
            );
        }
        Ok(Run {
            linters,
            inputs,
            linter_of,
            stdin_name,
            errors: errors.len(),
            files: 0,
        })
    }

    /// The linter of input `i`.
    fn linter(&self, i: usize) -> &Linter {
        self.linters.get(self.linter_of[i])
    }

    /// Reads input `i`.
    fn load(&self, i: usize) -> Result<Source, String> {
        read_input(&self.inputs[i], self.stdin_name.as_deref())
    }

    /// Counts the outcome of reading one input, printing its error.
    fn count<T>(&mut self, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => {
                self.files += 1;
                Some(value)
            }
            Err(e) => {
                error(e);
                self.errors += 1;
                None
            }
        }
    }
}

/// Inputs handled at once by the thread pool: enough to keep every core
/// busy, few enough that their findings stay small in memory. Output is
/// written in input order after each batch.
const BATCH: usize = 256;

/// Inputs grouped for the thread pool: batches of ordinary inputs, and
/// large plain-text files on their own (read in parts).
enum Group {
    Batch(Vec<usize>),
    Large(usize),
}

fn groups(inputs: &[Input]) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut batch = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        if large::is_large(input) {
            if !batch.is_empty() {
                groups.push(Group::Batch(std::mem::take(&mut batch)));
            }
            groups.push(Group::Large(i));
        } else {
            batch.push(i);
            if batch.len() == BATCH {
                groups.push(Group::Batch(std::mem::take(&mut batch)));
            }
        }
    }
    if !batch.is_empty() {
        groups.push(Group::Batch(batch));
    }
    groups
}

/// Parts of a large file handled at once.
fn parts_at_once(pool: &Pool) -> usize {
    2 * pool.threads()
}

/// Reads up to `n` parts; a read error ends the file.
fn read_parts(reader: &mut large::PartReader, n: usize) -> (Vec<large::Part>, Option<String>) {
    let mut parts = Vec::new();
    while parts.len() < n {
        match reader.next_part() {
            Ok(Some(part)) => parts.push(part),
            Ok(None) => break,
            Err(e) => return (parts, Some(e)),
        }
    }
    (parts, None)
}

/// The report of one part of a large file.
fn part_report<'a>(part: &'a large::Part, diagnostics: &'a [Diagnostic]) -> FileReport<'a> {
    FileReport {
        name: &part.source.name,
        text: &part.source.text,
        diagnostics,
        record: Some(crate::output::Record {
            number: part.first_line,
            offset: part.offset,
            is_record: false,
            column: part.first_column,
        }),
    }
}

/// The thread pool for `--threads` (0: one thread per core), started on
/// first use: checking a single file starts no thread.
struct Pool {
    threads: usize,
    pool: std::sync::OnceLock<Option<rayon::ThreadPool>>,
}

impl Pool {
    fn new(threads: usize) -> Pool {
        Pool {
            threads,
            pool: std::sync::OnceLock::new(),
        }
    }

    fn get(&self) -> Option<&rayon::ThreadPool> {
        self.pool
            .get_or_init(|| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(self.threads)
                    .build()
                    .ok()
            })
            .as_ref()
    }

    /// Runs `f` in the pool (on this thread if the pool cannot start).
    fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        match self.get() {
            Some(pool) => pool.install(f),
            None => f(),
        }
    }

    /// Maps `items` with `f` in parallel, in order; one item is mapped on
    /// this thread.
    fn map<T: Sync, R: Send>(&self, items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
        if items.len() <= 1 {
            return items.iter().map(f).collect();
        }
        self.install(|| items.par_iter().map(f).collect())
    }

    fn threads(&self) -> usize {
        self.get().map_or(1, rayon::ThreadPool::current_num_threads)
    }
}

/// `1 file`, `2 files`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Counts for the summary line.
#[derive(Debug, Default)]
struct Tally {
    problems: usize,
    files_with_problems: usize,
    safe: usize,
    unsafe_: usize,
}

impl Tally {
    /// Adds the findings of one part of a file; `had_problems` says whether
    /// an earlier part of the same file had some.
    fn add_part(&mut self, diagnostics: &[Diagnostic], had_problems: &mut bool) {
        if diagnostics.is_empty() {
            return;
        }
        self.add(diagnostics);
        if *had_problems {
            self.files_with_problems -= 1;
        }
        *had_problems = true;
    }

    fn add(&mut self, diagnostics: &[Diagnostic]) {
        if diagnostics.is_empty() {
            return;
        }
        self.problems += diagnostics.len();
        self.files_with_problems += 1;
        self.safe += diagnostics
            .iter()
            .filter(|d| d.is_fixable(Applicability::Safe))
            .count();
        self.unsafe_ += diagnostics
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == Applicability::Unsafe)
            })
            .count();
    }

    /// The summary line; `errors` inputs could not be read.
    fn write_summary(&self, files: usize, errors: usize, out: &mut dyn Write) -> io::Result<()> {
        self.write_summary_of("file", files, errors, out)
    }

    /// The summary line, counting `unit`s (files, records).
    fn write_summary_of(
        &self,
        unit: &str,
        files: usize,
        errors: usize,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if self.problems == 0 {
            if errors > 0 {
                return writeln!(
                    out,
                    "No problems found in the {} read; {} could not be read.",
                    plural(files, unit),
                    plural(errors, "input")
                );
            }
            return writeln!(out, "No problems found ({} checked).", plural(files, unit));
        }
        writeln!(
            out,
            "{} in {} ({} fixable with coquille fix)",
            plural(self.problems, "problem"),
            plural(self.files_with_problems, unit),
            self.safe
        )?;
        if self.unsafe_ > 0 {
            writeln!(
                out,
                "{} more fixable with coquille fix --unsafe-fixes",
                self.unsafe_
            )?;
        }
        Ok(())
    }
}

fn exit_code(errors: usize, findings: bool, exit_zero: bool) -> u8 {
    if errors > 0 {
        EXIT_ERROR
    } else if findings && !exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Turns a failure to write the report into exit code 2 (a closed pipe,
/// as with `| head`, is not an error).
fn output_result(result: io::Result<()>) -> Result<(), u8> {
    match result {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            error(format!("cannot write output: {}", io_reason(&e)));
            Err(EXIT_ERROR)
        }
        _ => Ok(()),
    }
}

fn check(args: CheckArgs) -> u8 {
    let common = &args.common;
    let pool = Pool::new(common.threads);
    if let Some(field) = &common.jsonl {
        return pool.install(|| jsonl::check(&args.paths, field, common));
    }
    let mut run = match Run::start(&args.paths, common) {
        Ok(run) => run,
        Err(code) => return code,
    };
    let format = format(common);
    let mut out = io::stdout().lock();
    let mut printer = Printer::new(format, use_color(common.color, io::stdout().is_terminal()));
    let mut tally = Tally::default();
    let mut stats = Statistics::default();
    let mut progress = Progress::new(Some(run.inputs.len() as u64), "files", common.quiet);
    let result = (|| -> io::Result<()> {
        if !common.statistics {
            printer.begin(&mut out)?;
        }
        for group in groups(&run.inputs) {
            let batch = match group {
                Group::Batch(batch) => batch,
                Group::Large(i) => {
                    let Input::File(path) = &run.inputs[i] else {
                        continue;
                    };
                    let mut reader = match large::PartReader::open(path) {
                        Ok(reader) => reader,
                        Err(e) => {
                            run.count::<()>(Err(e));
                            continue;
                        }
                    };
                    let linter = run.linter(i);
                    let mut had_problems = false;
                    let mut failed = None;
                    while failed.is_none() {
                        let (parts, error) = read_parts(&mut reader, parts_at_once(&pool));
                        failed = error;
                        if parts.is_empty() {
                            break;
                        }
                        let results: Vec<Vec<Diagnostic>> = pool.map(&parts, |part| {
                            let mut diagnostics = linter.check(&part.source);
                            linter.settings().apply_severities(&mut diagnostics);
                            diagnostics
                        });
                        for (part, diagnostics) in parts.iter().zip(results) {
                            progress.advance(0, part.source.text.len() as u64);
                            tally.add_part(&diagnostics, &mut had_problems);
                            if common.statistics {
                                stats.add(&diagnostics);
                            } else {
                                printer.file(&part_report(part, &diagnostics), &mut out)?;
                            }
                        }
                    }
                    progress.advance(1, 0);
                    run.count(failed.map_or(Ok(()), Err));
                    continue;
                }
            };
            let results: Vec<Result<(Source, Vec<Diagnostic>), String>> = pool.map(&batch, |&i| {
                let source = run.load(i)?;
                let linter = run.linter(i);
                let mut diagnostics = linter.check(&source);
                linter.settings().apply_severities(&mut diagnostics);
                Ok((source, diagnostics))
            });
            for result in results {
                let Some((source, diagnostics)) = run.count(result) else {
                    progress.advance(1, 0);
                    continue;
                };
                progress.advance(1, source.text.len() as u64);
                tally.add(&diagnostics);
                if common.statistics {
                    stats.add(&diagnostics);
                    continue;
                }
                let report = FileReport {
                    name: &source.name,
                    text: &source.text,
                    diagnostics: &diagnostics,
                    record: None,
                };
                printer.file(&report, &mut out)?;
            }
        }
        progress.finish();
        if common.statistics {
            return write_statistics(&stats, format, &mut out);
        }
        printer.end(&mut out)?;
        if !format.is_machine_readable() && !common.quiet {
            tally.write_summary(run.files, run.errors, &mut out)?;
        }
        out.flush()
    })();
    if let Err(code) = output_result(result) {
        return code;
    }
    exit_code(run.errors, tally.problems > 0, common.exit_zero)
}

/// Writes `--statistics`: JSON for the JSON format, a table otherwise.
fn write_statistics(stats: &Statistics, format: Format, out: &mut dyn Write) -> io::Result<()> {
    if format == Format::Json {
        stats.write_json(out)?;
    } else {
        stats.write_table(out)?;
    }
    out.flush()
}

/// Replaces the file at `path` with `text` atomically: the text goes to a
/// temporary file in the same folder, which keeps the original permissions
/// and then replaces the file (symbolic links are followed).
fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
    let mut temp = temp_beside(path)?;
    temp.write_all(text.as_bytes())?;
    replace_with(path, temp)
}

/// A temporary file in the folder of the file `path` points to, to write a
/// replacement into (see [`replace_with`]).
fn temp_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let target = std::fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or_else(|| Path::new("."));
    tempfile::Builder::new()
        .prefix(".coquille-")
        .suffix(".tmp")
        .tempfile_in(dir)
}

/// Replaces the file `path` points to with the written `temp`, which takes
/// the original permissions (and owner, where allowed).
fn replace_with(path: &Path, mut temp: tempfile::NamedTempFile) -> io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let metadata = std::fs::metadata(&target)?;
    temp.flush()?;
    temp.as_file().sync_all()?;
    std::fs::set_permissions(temp.path(), metadata.permissions())?;
    keep_owner(temp.path(), &metadata);
    temp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// Gives the new file the owner and group of the one it replaces, where
/// the user may (root fixing someone else's file); elsewhere the new file
/// is already the user's own.
#[cfg(unix)]
fn keep_owner(path: &Path, original: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let Ok(current) = std::fs::metadata(path) else {
        return;
    };
    if (current.uid(), current.gid()) != (original.uid(), original.gid()) {
        // Not permitted for ordinary users: the file then stays theirs.
        let _ = std::os::unix::fs::chown(path, Some(original.uid()), Some(original.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_path: &Path, _original: &std::fs::Metadata) {}

fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// Fixes a large plain-text file part by part, writing the fixed parts to
/// a temporary file that replaces it at the end (never on error, and not
/// with `diff`); `report` sees each part and its outcome. Gives the number
/// of fixes applied when the file changed.
fn fix_large(
    run: &Run,
    i: usize,
    pool: &Pool,
    threshold: Applicability,
    diff: bool,
    report: &mut dyn FnMut(&large::Part, &crate::linter::FixOutcome) -> io::Result<()>,
) -> io::Result<Result<Option<usize>, String>> {
    let Input::File(path) = &run.inputs[i] else {
        return Ok(Ok(None));
    };
    let name = path.display().to_string();
    let mut reader = match large::PartReader::open(path) {
        Ok(reader) => reader,
        Err(e) => return Ok(Err(e)),
    };
    let cannot_write =
        |e: io::Error| format!("{name}: cannot write the fixed file: {}", io_reason(&e));
    let mut temp = match temp_beside(path) {
        Ok(temp) => temp,
        Err(e) => return Ok(Err(cannot_write(e))),
    };
    let linter = run.linter(i);
    let (mut fixes, mut changed) = (0, false);
    loop {
        let (parts, failed) = read_parts(&mut reader, parts_at_once(pool));
        let outcomes: Vec<crate::linter::FixOutcome> = pool.map(&parts, |part| {
            let mut outcome = linter.fix(&part.source, threshold);
            linter.settings().apply_severities(&mut outcome.remaining);
            outcome
        });
        for (part, outcome) in parts.iter().zip(&outcomes) {
            if outcome.text != part.source.text {
                changed = true;
                fixes += outcome.fixes_applied;
                if diff {
                    let diff = unified_diff(&name, &part.source.text, &outcome.text);
                    io::stdout().write_all(diff.as_bytes())?;
                }
            }
            if let Err(e) = temp.write_all(outcome.text.as_bytes()) {
                return Ok(Err(cannot_write(e)));
            }
            report(part, outcome)?;
        }
        if let Some(e) = failed {
            // The temporary file is removed: the file stays as it was.
            return Ok(Err(e));
        }
        if parts.is_empty() {
            break;
        }
    }
    if !changed {
        return Ok(Ok(None));
    }
    if !diff && let Err(e) = replace_with(path, temp) {
        return Ok(Err(cannot_write(e)));
    }
    Ok(Ok(Some(fixes)))
}

/// What fixing one input gave: the source, the outcome, and the error of
/// writing the fixed file back (if it failed).
struct Fixed {
    source: Source,
    outcome: crate::linter::FixOutcome,
    write_error: Option<String>,
}

fn fix(args: FixArgs) -> u8 {
    let common = &args.common;
    let pool = Pool::new(common.threads);
    let threshold = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    if let Some(field) = &common.jsonl {
        return pool.install(|| jsonl::fix(&args.paths, field, common, threshold, args.diff));
    }
    let mut run = match Run::start(&args.paths, common) {
        Ok(run) => run,
        Err(code) => return code,
    };
    let format = format(common);
    // With stdin, stdout carries the fixed text: reports go to stderr.
    let to_stderr = run.inputs.contains(&Input::Stdin);
    let (mut out, color_terminal): (Box<dyn Write>, bool) = if to_stderr {
        (Box::new(io::stderr().lock()), io::stderr().is_terminal())
    } else {
        (Box::new(io::stdout().lock()), io::stdout().is_terminal())
    };
    let mut printer = Printer::new(format, use_color(common.color, color_terminal));
    let mut tally = Tally::default();
    let mut stats = Statistics::default();
    let mut fixed_problems = 0;
    let mut changed_files = 0;
    let mut progress = Progress::new(Some(run.inputs.len() as u64), "files", common.quiet);
    let result = (|| -> io::Result<()> {
        if !args.diff && !common.statistics {
            printer.begin(&mut out)?;
        }
        for group in groups(&run.inputs) {
            let batch = match group {
                Group::Batch(batch) => batch,
                Group::Large(i) => {
                    let mut had_problems = false;
                    let fixed = fix_large(
                        &run,
                        i,
                        &pool,
                        threshold,
                        args.diff,
                        &mut |part, outcome| {
                            progress.advance(0, part.source.text.len() as u64);
                            if args.diff {
                                return Ok(());
                            }
                            tally.add_part(&outcome.remaining, &mut had_problems);
                            if common.statistics {
                                stats.add(&outcome.remaining);
                                return Ok(());
                            }
                            let fixed_part = large::Part {
                                source: Source::new(
                                    part.source.name.clone(),
                                    outcome.text.clone(),
                                    SourceKind::PlainText,
                                ),
                                first_line: part.first_line,
                                offset: part.offset,
                                first_column: part.first_column,
                            };
                            printer.file(&part_report(&fixed_part, &outcome.remaining), &mut out)
                        },
                    )?;
                    progress.advance(1, 0);
                    if let Ok(Some(count)) = &fixed {
                        changed_files += 1;
                        fixed_problems += count;
                    }
                    run.count(fixed);
                    continue;
                }
            };
            // Fixing and writing each file back run in parallel; reports
            // follow in input order.
            let results: Vec<(usize, Result<Fixed, String>)> = pool.map(&batch, |&i| {
                let fixed = run.load(i).map(|source| {
                    let linter = run.linter(i);
                    let mut outcome = linter.fix(&source, threshold);
                    linter.settings().apply_severities(&mut outcome.remaining);
                    let write_error = match &run.inputs[i] {
                        Input::File(path) if !args.diff && outcome.text != source.text => {
                            write_atomic(path, &outcome.text).err().map(|e| {
                                format!(
                                    "{}: cannot write the fixed file: {}",
                                    source.name,
                                    io_reason(&e)
                                )
                            })
                        }
                        _ => None,
                    };
                    Fixed {
                        source,
                        outcome,
                        write_error,
                    }
                });
                (i, fixed)
            });
            for (i, result) in results {
                let Some(Fixed {
                    source,
                    outcome,
                    write_error,
                }) = run.count(result)
                else {
                    progress.advance(1, 0);
                    continue;
                };
                progress.advance(1, source.text.len() as u64);
                if !outcome.converged {
                    eprintln!(
                        "warning: {}: fixes did not settle after {} passes; some are left unapplied",
                        source.name, outcome.passes
                    );
                }
                let changed = outcome.text != source.text;
                if args.diff {
                    if changed {
                        changed_files += 1;
                        fixed_problems += outcome.fixes_applied;
                        let diff = unified_diff(&source.name, &source.text, &outcome.text);
                        io::stdout().write_all(diff.as_bytes())?;
                    }
                    continue;
                }
                if let Some(e) = write_error {
                    error(e);
                    run.errors += 1;
                    continue;
                }
                if run.inputs[i] == Input::Stdin {
                    let mut stdout = io::stdout().lock();
                    stdout.write_all(outcome.text.as_bytes())?;
                    stdout.flush()?;
                }
                if changed {
                    changed_files += 1;
                    fixed_problems += outcome.fixes_applied;
                }
                tally.add(&outcome.remaining);
                if common.statistics {
                    stats.add(&outcome.remaining);
                    continue;
                }
                let report = FileReport {
                    name: &source.name,
                    text: &outcome.text,
                    diagnostics: &outcome.remaining,
                    record: None,
                };
                printer.file(&report, &mut out)?;
            }
        }
        progress.finish();
        let fixed = format!(
            "{} in {}",
            plural(fixed_problems, "problem"),
            plural(changed_files, "file")
        );
        if args.diff {
            if !common.quiet {
                eprintln!("Would fix {fixed}.");
            }
            return Ok(());
        }
        if common.statistics {
            return write_statistics(&stats, format, &mut *out);
        }
        printer.end(&mut out)?;
        if !format.is_machine_readable() && !common.quiet {
            if fixed_problems > 0 {
                writeln!(out, "Fixed {fixed}.")?;
            }
            tally.write_summary(run.files, run.errors, &mut out)?;
        }
        out.flush()
    })();
    if let Err(code) = output_result(result) {
        return code;
    }
    let found = if args.diff {
        changed_files > 0
    } else {
        tally.problems > 0
    };
    exit_code(run.errors, found, common.exit_zero)
}
