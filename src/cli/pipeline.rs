//! The one pipeline of `check` and `fix`: inputs are cut into units of
//! work (a whole file, a part of a large file, a JSON Lines record), each
//! unit is checked or fixed by its linter in the thread pool, and every
//! [`Outcome`] goes, in input order, to one [`Sink`] that prints it,
//! counts it and gives the exit code.

use super::args::CommonArgs;
use super::configs::{self, Configs, Linters};
use super::progress::Progress;
use super::statistics::Statistics;
use super::walk::{self, Input, Walker, io_reason};
use super::write::{replace_with, temp_beside, write_atomic};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, jsonl, large};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::linter::Linter;
use crate::output::{FileReport, Format, Printer, Record};
use crate::source::{Source, SourceKind};
use rayon::prelude::*;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// What a run does to each unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// Report the findings.
    Check,
    /// Apply the fixes at or above `threshold`; with `diff`, show them
    /// instead of writing them.
    Fix {
        /// The weakest fix applied.
        threshold: Applicability,
        /// Show a diff, write nothing.
        diff: bool,
    },
}

impl Mode {
    /// Whether fixed text is written back (to the file or stdout).
    pub(super) fn writes(self) -> bool {
        matches!(self, Mode::Fix { diff: false, .. })
    }

    /// Whether fixes are shown as a diff.
    pub(super) fn is_diff(self) -> bool {
        matches!(self, Mode::Fix { diff: true, .. })
    }

    /// Checks or fixes `source` with `linter`; `place` says where it sits
    /// in its file.
    pub(super) fn apply(
        self,
        linter: &Linter,
        mut source: Source,
        place: Option<Record>,
    ) -> Outcome {
        let Mode::Fix { threshold, .. } = self else {
            let diagnostics = linter.check(&source);
            return Outcome::new(source, place, diagnostics);
        };
        let fixed = linter.fix(&source, threshold);
        let changed = fixed.text != source.text;
        let original = changed.then(|| {
            source.kind = source.kind.after_edit(source.text.len(), fixed.text.len());
            std::mem::replace(&mut source.text, fixed.text)
        });
        Outcome {
            fixes: if changed { fixed.fixes_applied } else { 0 },
            unsettled: (!fixed.converged).then_some(fixed.passes),
            original,
            ..Outcome::new(source, place, fixed.remaining)
        }
    }
}

/// What checking or fixing one unit gave.
#[derive(Debug)]
pub(super) struct Outcome {
    /// The unit's text the findings point into: after fixing, the fixed
    /// text.
    pub source: Source,
    /// Where the unit sits in its file (parts and records).
    pub place: Option<Record>,
    /// The findings (after fixing, those left).
    pub diagnostics: Vec<Diagnostic>,
    /// The text before fixing, when fixing changed it.
    pub original: Option<String>,
    /// The fixes applied.
    pub fixes: usize,
    /// When the fixes did not settle: the passes made.
    pub unsettled: Option<usize>,
    /// Whether fixing stopped because fixes undid each other.
    pub cycle: bool,
}

impl Outcome {
    /// An unchanged unit and its findings.
    pub(super) fn new(
        source: Source,
        place: Option<Record>,
        diagnostics: Vec<Diagnostic>,
    ) -> Outcome {
        Outcome {
            source,
            place,
            diagnostics,
            original: None,
            fixes: 0,
            unsettled: None,
            cycle: false,
        }
    }
}

/// Reads one input as a source, of kind `forced` if given, else the kind
/// its name says; a translation file that does not parse is an error
/// naming the file, the line and the column.
pub(super) fn read_input(
    input: &Input,
    stdin_name: Option<&str>,
    forced: Option<SourceKind>,
) -> Result<Source, String> {
    let source = read_source(input, stdin_name, forced)?;
    crate::pairing::well_formed(&source)?;
    Ok(source)
}

fn read_source(
    input: &Input,
    stdin_name: Option<&str>,
    forced: Option<SourceKind>,
) -> Result<Source, String> {
    let kind_of = |path: &Path| forced.unwrap_or_else(|| SourceKind::from_path(path));
    match input {
        Input::Stdin => {
            let name = stdin_name.unwrap_or("-");
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("{name}: cannot read stdin: {}", io_reason(&e)))?;
            Source::from_bytes(name, bytes, kind_of(Path::new(name)))
                .map_err(|e| format!("{name}: {e}"))
        }
        Input::File(path) => {
            let name = path.display().to_string();
            let bytes = std::fs::read(path).map_err(|e| format!("{name}: {}", io_reason(&e)))?;
            Source::from_bytes(name.clone(), bytes, kind_of(path))
                .map_err(|e| format!("{name}: {e}"))
        }
    }
}

/// The inputs of a run and the linter of each.
pub(super) struct Run {
    /// One linter per distinct settings.
    linters: Linters,
    /// What to read, in order.
    pub inputs: Vec<Input>,
    /// The index in `linters` of each input's linter.
    linter_of: Vec<usize>,
    stdin_name: Option<String>,
    /// The kind each input is read as when `--format-in` or config
    /// `formats` forces one (the option wins).
    forced: Vec<Option<SourceKind>>,
    /// The source-language file of each input: `--source-file`, else
    /// what config `sources` gives.
    source_files: Vec<Option<PathBuf>>,
}

impl Run {
    /// Parses the settings, finds the inputs and their configuration
    /// files, reporting errors to `sink`; gives the exit code if nothing
    /// can run (any configuration error stops the run before anything is
    /// checked).
    fn start(paths: &[PathBuf], common: &CommonArgs, sink: &mut Sink) -> Result<Run, u8> {
        let mut fail = |e: String| {
            sink.error(e);
            EXIT_ERROR
        };
        let selection = &common.selection;
        let overrides = configs::overrides(selection).map_err(&mut fail)?;
        let resolver = configs::resolver(selection).map_err(|e| fail(e.to_string()))?;
        let configs = Configs::new(resolver);
        let walker = Walker::new(&selection.extensions, &selection.exclude).map_err(&mut fail)?;
        let found = walker.collect_in(paths, &configs);
        let inputs = found.inputs;
        if inputs.iter().filter(|i| **i == Input::Stdin).count() > 1 {
            return Err(fail("`-` (stdin) can be given only once".into()));
        }
        let stdin_name = common.stdin_filename.clone();
        let mut linters = Linters::default();
        let mut linter_of = Vec::with_capacity(inputs.len());
        let format_in = common.format_in.as_deref().and_then(SourceKind::from_name);
        let mut forced = Vec::with_capacity(inputs.len());
        let mut source_files = Vec::with_capacity(inputs.len());
        for input in &inputs {
            let (path, config) = configs.for_input(input, stdin_name.as_deref());
            source_files.push(common.source_file.clone().or_else(|| {
                config
                    .as_deref()
                    .zip(path.as_deref())
                    .and_then(|(c, p)| c.source_for(p))
            }));
            forced.push(format_in.or_else(|| {
                config
                    .as_deref()
                    .zip(path.as_deref())
                    .and_then(|(c, p)| c.format_for(p))
            }));
            let index = linters
                .index_for(&overrides, config.as_deref(), path.as_deref())
                .map_err(&mut fail)?;
            linter_of.push(index);
        }
        let config_errors = configs.take_errors();
        for e in &config_errors {
            sink.error(e.to_string());
        }
        for e in &found.errors {
            sink.error(e.clone());
        }
        if !config_errors.is_empty() {
            return Err(EXIT_ERROR);
        }
        if inputs.is_empty() && found.errors.is_empty() && !common.quiet {
            if found.excluded.is_empty() {
                sink.warn(format!(
                    "no files to check (looked for {})",
                    walk::DEFAULT_EXTENSIONS.join(", ")
                ));
            }
            for exclusion in &found.excluded {
                sink.warn(format!("nothing checked: {exclusion}"));
            }
        }
        Ok(Run {
            linters,
            inputs,
            linter_of,
            stdin_name,
            forced,
            source_files,
        })
    }

    /// The linter of input `i`.
    pub(super) fn linter(&self, i: usize) -> &Linter {
        self.linters.get(self.linter_of[i])
    }

    /// The name shown for input `i`.
    pub(super) fn name(&self, i: usize) -> String {
        match &self.inputs[i] {
            Input::Stdin => self.stdin_name.as_deref().unwrap_or("-").to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }

    /// Reads input `i`.
    fn load(&self, i: usize) -> Result<Source, String> {
        let source = read_input(&self.inputs[i], self.stdin_name.as_deref(), self.forced[i])?;
        let path = match &self.inputs[i] {
            Input::File(path) => Some(path.as_path()),
            Input::Stdin => self.stdin_name.as_deref().map(Path::new),
        };
        crate::pairing::pair_with_counterpart(source, path, self.source_files[i].as_deref())
    }
}

/// The thread pool for `--threads` (0: one thread per core), started on
/// first use: checking a single file starts no thread.
pub(super) struct Pool {
    threads: usize,
    pool: std::sync::OnceLock<Option<rayon::ThreadPool>>,
}

impl Pool {
    pub(super) fn new(threads: usize) -> Pool {
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
    pub(super) fn map<T: Send, R: Send>(
        &self,
        items: Vec<T>,
        f: impl Fn(T) -> R + Sync + Send,
    ) -> Vec<R> {
        if items.len() <= 1 {
            return items.into_iter().map(f).collect();
        }
        self.install(|| items.into_par_iter().map(f).collect())
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
    items_with_problems: usize,
    safe: usize,
    unsafe_: usize,
}

impl Tally {
    fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.problems += diagnostics.len();
        self.items_with_problems += 1;
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
}

/// Where the outcomes of a run go: the report (findings in the chosen
/// format, or statistics), the counts of the summary line, the progress
/// bar, errors and warnings, and the exit code.
pub(super) struct Sink {
    format: Format,
    printer: Printer,
    /// The report stream: stdout, or stderr when stdout carries fixed text.
    out: Box<dyn Write>,
    to_stderr: bool,
    mode: Mode,
    statistics: bool,
    quiet: bool,
    exit_zero: bool,
    /// `fix --fixes-only`: report what changed, not the findings left.
    fixes_only: bool,
    /// Whether the items of the summary are JSON Lines records (else
    /// files).
    records: bool,
    tally: Tally,
    stats: Statistics,
    progress: Option<Progress>,
    /// Items (files or records) read.
    read: usize,
    read_errors: usize,
    write_errors: usize,
    /// Items changed by fixing, and the fixes applied.
    changed: usize,
    fixes: usize,
    /// Whether the current item already had findings, or changed.
    item_problems: bool,
    item_changed: bool,
    /// The name of the current item and the fixes applied to it, for
    /// `--fixes-only`.
    item_name: String,
    item_fixes: usize,
    /// Warnings held until the machine-readable report on stderr ends.
    held: Vec<String>,
}

impl Sink {
    fn new(common: &CommonArgs, mode: Mode, fixes_only: bool, to_stderr: bool) -> Sink {
        let (out, terminal): (Box<dyn Write>, bool) = if to_stderr {
            (Box::new(io::stderr().lock()), io::stderr().is_terminal())
        } else {
            (Box::new(io::stdout().lock()), io::stdout().is_terminal())
        };
        Sink::with_output(common, mode, fixes_only, to_stderr, out, terminal)
    }

    /// A sink writing its report to `out` (stderr if `to_stderr`; a
    /// terminal if `terminal`).
    fn with_output(
        common: &CommonArgs,
        mode: Mode,
        fixes_only: bool,
        to_stderr: bool,
        out: Box<dyn Write>,
        terminal: bool,
    ) -> Sink {
        let format = common.format;
        Sink {
            format,
            printer: Printer::new(format, super::use_color(common.color, terminal)),
            out,
            to_stderr,
            mode,
            statistics: common.statistics,
            quiet: common.quiet,
            exit_zero: common.exit_zero,
            fixes_only,
            records: common.jsonl.is_some(),
            tally: Tally::default(),
            stats: Statistics::default(),
            progress: None,
            read: 0,
            read_errors: 0,
            write_errors: 0,
            changed: 0,
            fixes: 0,
            item_problems: false,
            item_changed: false,
            item_name: String::new(),
            item_fixes: 0,
            held: Vec::new(),
        }
    }

    /// Starts the report, with a progress bar over `total` inputs (`None`:
    /// records of a stream).
    fn begin(&mut self, total: Option<u64>) -> io::Result<()> {
        let what = if total.is_some() { "files" } else { "records" };
        self.progress = Some(Progress::new(total, what, self.quiet));
        if !self.mode.is_diff() && !self.statistics {
            self.printer.begin(&mut self.out)?;
        }
        Ok(())
    }

    /// Shows an error: in the report where the format has a place for it
    /// (GitHub), else on stderr (SARIF also records it in its log).
    fn show_error(&mut self, message: &str) {
        let shown = self
            .printer
            .record_error(message, &mut self.out)
            .unwrap_or(false);
        if !shown {
            super::error(message);
        }
    }

    /// An input (or a record) that cannot be read.
    pub(super) fn error(&mut self, message: String) {
        self.show_error(&message);
        self.read_errors += 1;
    }

    /// A fixed file that cannot be written back (it was read and reported).
    pub(super) fn write_failed(&mut self, message: String) {
        self.show_error(&message);
        self.write_errors += 1;
    }

    /// A warning on stderr, kept out of a machine-readable report that
    /// goes to stderr too (it then follows the report).
    pub(super) fn warn(&mut self, message: String) {
        if self.to_stderr && self.format.is_machine_readable() {
            self.held.push(message);
        } else {
            eprintln!("warning: {message}");
        }
    }

    /// Counts `items` inputs done, holding `bytes` bytes.
    pub(super) fn advance(&mut self, items: u64, bytes: u64) {
        if let Some(progress) = &mut self.progress {
            progress.advance(items, bytes);
        }
    }

    /// Starts the next item of the summary (a file, or a record): the
    /// units added until the next call are its parts.
    pub(super) fn start_item(&mut self) -> io::Result<()> {
        self.end_item()?;
        self.item_problems = false;
        self.item_changed = false;
        self.item_fixes = 0;
        Ok(())
    }

    /// Ends the current item: with `--fixes-only`, a line for a file that
    /// changed (records are only counted in the summary).
    fn end_item(&mut self) -> io::Result<()> {
        let shown = self.fixes_only && !self.records && !self.quiet;
        if shown && self.item_changed && !self.format.is_machine_readable() {
            writeln!(
                self.out,
                "{}: fixed {}",
                self.item_name,
                plural(self.item_fixes, "problem")
            )?;
        }
        self.item_changed = false;
        Ok(())
    }

    /// Counts the current item as read.
    pub(super) fn item_read(&mut self) {
        self.read += 1;
    }

    /// Writes `diff` (of `fix --diff`) on stdout.
    pub(super) fn diff(&mut self, diff: &[u8]) -> io::Result<()> {
        io::stdout().lock().write_all(diff)
    }

    /// Reports the outcome of one unit of the current item.
    pub(super) fn add(&mut self, outcome: &Outcome) -> io::Result<()> {
        if let Some(passes) = outcome.unsettled {
            let at = match outcome.place {
                Some(place) if place.is_record => format!(":{}", place.number),
                _ => String::new(),
            };
            let why = if outcome.cycle {
                "fixes undo each other".to_string()
            } else {
                format!("fixes did not settle after {passes} passes")
            };
            self.warn(format!(
                "{}{at}: {why}; some are left unapplied",
                outcome.source.name
            ));
        }
        if outcome.original.is_some() {
            if !self.item_changed {
                self.changed += 1;
                self.item_changed = true;
                self.item_name.clone_from(&outcome.source.name);
            }
            self.fixes += outcome.fixes;
            self.item_fixes += outcome.fixes;
        }
        if self.mode.is_diff() || self.fixes_only || outcome.diagnostics.is_empty() {
            return Ok(());
        }
        self.tally.add(&outcome.diagnostics);
        if self.item_problems {
            self.tally.items_with_problems -= 1;
        }
        self.item_problems = true;
        if self.statistics {
            self.stats.add(&outcome.diagnostics);
            return Ok(());
        }
        let fuzzy = crate::prose::fuzzy_spans(&outcome.source);
        self.printer.file(
            &FileReport {
                name: &outcome.source.name,
                text: &outcome.source.text,
                diagnostics: &outcome.diagnostics,
                record: outcome.place,
                fuzzy: &fuzzy,
            },
            &mut self.out,
        )
    }

    /// Ends the report: statistics or the end of the findings, held
    /// warnings, the summary line. Gives the exit code.
    fn finish(mut self) -> u8 {
        if let Some(progress) = &self.progress {
            progress.finish();
        }
        let result = self.write_end();
        for warning in std::mem::take(&mut self.held) {
            eprintln!("warning: {warning}");
        }
        if let Err(e) = result
            && e.kind() != io::ErrorKind::BrokenPipe
        {
            super::error(format!("cannot write output: {}", io_reason(&e)));
            return EXIT_ERROR;
        }
        let found = match self.mode {
            Mode::Fix { diff: true, .. } => self.changed > 0,
            _ if self.fixes_only => false,
            _ => self.tally.problems > 0,
        };
        if self.read_errors + self.write_errors > 0 {
            EXIT_ERROR
        } else if found && !self.exit_zero {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        }
    }

    fn write_end(&mut self) -> io::Result<()> {
        self.end_item()?;
        let records = self.records;
        let fixed = if records {
            format!(
                "{} fixes in {} of {} records",
                self.fixes, self.changed, self.read
            )
        } else {
            format!(
                "{} in {}",
                plural(self.fixes, "problem"),
                plural(self.changed, "file")
            )
        };
        if self.mode.is_diff() {
            if !self.quiet {
                let verb = if records { "apply" } else { "fix" };
                eprintln!("Would {verb} {fixed}.");
            }
            return Ok(());
        }
        if self.statistics {
            if self.format == Format::Json {
                self.stats.write_json(&mut self.out)?;
            } else {
                self.stats.write_table(&mut self.out)?;
            }
            return self.out.flush();
        }
        self.printer.end(&mut self.out)?;
        if !self.format.is_machine_readable() && !self.quiet {
            if self.fixes > 0 {
                let verb = if records { "Applied" } else { "Fixed" };
                writeln!(self.out, "{verb} {fixed}.")?;
            }
            if !self.fixes_only {
                self.write_summary()?;
            }
            if self.write_errors > 0 {
                writeln!(
                    self.out,
                    "{} could not be written.",
                    plural(self.write_errors, "file")
                )?;
            }
        }
        self.out.flush()
    }

    /// The summary line.
    fn write_summary(&mut self) -> io::Result<()> {
        let unit = if self.records { "record" } else { "file" };
        let t = &self.tally;
        let out = &mut self.out;
        if t.problems == 0 {
            if self.read_errors > 0 {
                return writeln!(
                    out,
                    "No problems found in the {} read; {} could not be read.",
                    plural(self.read, unit),
                    plural(self.read_errors, "input")
                );
            }
            return writeln!(
                out,
                "No problems found ({} checked).",
                plural(self.read, unit)
            );
        }
        writeln!(
            out,
            "{} in {} ({} fixable with coquille fix)",
            plural(t.problems, "problem"),
            plural(t.items_with_problems, unit),
            t.safe
        )?;
        if t.unsafe_ > 0 {
            writeln!(
                out,
                "{} more fixable with coquille fix --unsafe-fixes",
                t.unsafe_
            )?;
        }
        Ok(())
    }
}

/// Runs `check` (or `fix`, after `mode`) over `paths`.
pub(super) fn run(paths: &[PathBuf], common: &CommonArgs, mode: Mode, fixes_only: bool) -> u8 {
    let pool = Pool::new(common.threads);
    let stdin = paths.iter().any(|p| p.as_os_str() == "-");
    // With stdin, stdout carries the fixed text: reports go to stderr.
    let mut sink = Sink::new(common, mode, fixes_only, stdin && mode.writes());
    let run = match Run::start(paths, common, &mut sink) {
        Ok(run) => run,
        Err(code) => return code,
    };
    let result = match &common.jsonl {
        Some(field) => (|| -> io::Result<()> {
            sink.begin(None)?;
            for i in 0..run.inputs.len() {
                jsonl::run_input(&run, i, field, &pool, mode, &mut sink)?;
            }
            Ok(())
        })(),
        None => run_files(&run, &pool, mode, &mut sink),
    };
    if let Err(e) = result
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        super::error(format!("cannot write output: {}", io_reason(&e)));
        return EXIT_ERROR;
    }
    sink.finish()
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

/// `forced`: the kind each input is read as when one is forced; only
/// plain text is read in parts.
fn groups(inputs: &[Input], forced: &[Option<SourceKind>]) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut batch = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let plain = forced
            .get(i)
            .copied()
            .flatten()
            .is_none_or(|k| k == SourceKind::PlainText);
        if plain && large::is_large(input) {
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

fn cannot_write(name: &str, e: &io::Error) -> String {
    format!("{name}: cannot write the fixed file: {}", io_reason(e))
}

fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// Checks or fixes the whole files and large files of `run`.
fn run_files(run: &Run, pool: &Pool, mode: Mode, sink: &mut Sink) -> io::Result<()> {
    sink.begin(Some(run.inputs.len() as u64))?;
    for group in groups(&run.inputs, &run.forced) {
        match group {
            Group::Batch(batch) => run_batch(run, &batch, pool, mode, sink)?,
            Group::Large(i) => run_large(run, i, pool, mode, sink)?,
        }
    }
    Ok(())
}

/// Checks or fixes whole files in parallel (writing fixed files back
/// there too); reports follow in input order.
fn run_batch(
    run: &Run,
    batch: &[usize],
    pool: &Pool,
    mode: Mode,
    sink: &mut Sink,
) -> io::Result<()> {
    let results = pool.map(
        batch.to_vec(),
        |i| -> Result<(Outcome, Option<String>), String> {
            let source = run.load(i)?;
            let linter = run.linter(i);
            let mut outcome = mode.apply(linter, source, None);
            let mut write_error = None;
            if let (Input::File(path), true, Some(original)) =
                (&run.inputs[i], mode.writes(), &outcome.original)
                && let Err(e) = write_atomic(path, &outcome.source.text)
            {
                // The file stays as it was: report what it holds.
                write_error = Some(cannot_write(&outcome.source.name, &e));
                let unchanged = Source::new(
                    outcome.source.name.clone(),
                    original.clone(),
                    run.forced[i].unwrap_or_else(|| SourceKind::from_path(path)),
                );
                outcome = Mode::Check.apply(linter, unchanged, None);
            }
            Ok((outcome, write_error))
        },
    );
    for (&i, result) in batch.iter().zip(results) {
        sink.start_item()?;
        let (outcome, write_error) = match result {
            Ok(done) => done,
            Err(e) => {
                sink.advance(1, 0);
                sink.error(e);
                continue;
            }
        };
        sink.advance(1, outcome.source.text.len() as u64);
        sink.item_read();
        if mode.is_diff()
            && let Some(original) = &outcome.original
        {
            let diff = unified_diff(&outcome.source.name, original, &outcome.source.text);
            sink.diff(diff.as_bytes())?;
        }
        if mode.writes() && run.inputs[i] == Input::Stdin {
            let mut stdout = io::stdout().lock();
            stdout.write_all(outcome.source.text.as_bytes())?;
            stdout.flush()?;
        }
        sink.add(&outcome)?;
        if let Some(e) = write_error {
            sink.write_failed(e);
        }
    }
    Ok(())
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

/// Checks or fixes a large plain-text file part by part, a few parts at
/// a time; fixed parts go to a temporary file that replaces the file at
/// the end (never on a read error, and not with `--diff`).
fn run_large(run: &Run, i: usize, pool: &Pool, mut mode: Mode, sink: &mut Sink) -> io::Result<()> {
    let Input::File(path) = &run.inputs[i] else {
        return Ok(());
    };
    sink.start_item()?;
    let name = run.name(i);
    let mut reader = match large::PartReader::open(path) {
        Ok(reader) => reader,
        Err(e) => {
            sink.advance(1, 0);
            sink.error(e);
            return Ok(());
        }
    };
    let mut write_error = None;
    let mut temp = None;
    if mode.writes() {
        match temp_beside(path) {
            Ok(file) => temp = Some(file),
            Err(e) => {
                // Nothing can be written: report what the file holds.
                write_error = Some(cannot_write(&name, &e));
                mode = Mode::Check;
            }
        }
    }
    let linter = run.linter(i);
    let mut changed = false;
    loop {
        let (parts, failed) = read_parts(&mut reader, parts_at_once(pool));
        let done = parts.is_empty();
        let outcomes = pool.map(parts, |part| {
            let place = Record {
                number: part.first_line,
                offset: part.offset,
                is_record: false,
                column: part.first_column,
            };
            mode.apply(linter, part.source, Some(place))
        });
        for outcome in outcomes {
            let len = outcome
                .original
                .as_ref()
                .unwrap_or(&outcome.source.text)
                .len();
            sink.advance(0, len as u64);
            if let Some(original) = &outcome.original {
                changed = true;
                if mode.is_diff() {
                    sink.diff(unified_diff(&name, original, &outcome.source.text).as_bytes())?;
                }
            }
            if let Some(file) = &mut temp
                && let Err(e) = file.write_all(outcome.source.text.as_bytes())
            {
                write_error = Some(cannot_write(&name, &e));
                temp = None;
            }
            sink.add(&outcome)?;
        }
        if let Some(e) = failed {
            // The temporary file is removed: the file stays as it was.
            sink.advance(1, 0);
            sink.error(e);
            return Ok(());
        }
        if done {
            break;
        }
    }
    sink.advance(1, 0);
    sink.item_read();
    if let Some(file) = temp
        && changed
        && let Err(e) = replace_with(path, file)
    {
        write_error = Some(cannot_write(&name, &e));
    }
    if let Some(e) = write_error {
        sink.write_failed(e);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::{Cli, Command};
    use clap::Parser;
    use std::sync::{Arc, Mutex};

    /// A report stream the test can read back.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().expect("lock").extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn parse_common(args: &[&str]) -> CommonArgs {
        let cli = Cli::try_parse_from(args).expect("arguments parse");
        match cli.command {
            Command::Check(a) => a.common,
            Command::Fix(a) => a.common,
            _ => panic!("check or fix"),
        }
    }

    /// An outcome whose fixes did not settle, as `fix` makes of a file, a
    /// part or a record alike.
    fn unsettled() -> Outcome {
        let mut outcome = Outcome::new(
            Source::new("a.txt", "Texte.", SourceKind::PlainText),
            None,
            Vec::new(),
        );
        outcome.unsettled = Some(10);
        outcome
    }

    #[test]
    fn warnings_stay_out_of_a_machine_report_on_stderr() {
        let mode = Mode::Fix {
            threshold: Applicability::Safe,
            diff: false,
        };
        let common = parse_common(&[
            "coquille", "fix", "--format", "json", "--jsonl", "text", "-",
        ]);
        let shared = Shared::default();
        let mut sink =
            Sink::with_output(&common, mode, false, true, Box::new(shared.clone()), false);
        sink.begin(None).expect("begin");
        sink.add(&unsettled()).expect("add");
        assert_eq!(sink.held.len(), 1, "held until the report ends");
        assert!(sink.held[0].contains("a.txt: fixes did not settle after 10 passes"));
        let code = sink.finish();
        assert_eq!(code, EXIT_CLEAN);
        let report = String::from_utf8(shared.0.lock().expect("lock").clone()).expect("UTF-8");
        let parsed: serde_json::Value = serde_json::from_str(&report).expect("only JSON");
        assert_eq!(parsed, serde_json::json!([]));
        // On stdout, or in a human report, the warning is not held.
        for (to_stderr, format) in [(false, "json"), (true, "human")] {
            let common = parse_common(&["coquille", "fix", "--format", format, "-"]);
            let mut sink = Sink::with_output(
                &common,
                mode,
                false,
                to_stderr,
                Box::new(Shared::default()),
                false,
            );
            sink.add(&unsettled()).expect("add");
            assert!(sink.held.is_empty());
        }
    }

    #[test]
    fn a_cycle_is_named_in_the_warning() {
        let mode = Mode::Fix {
            threshold: Applicability::Safe,
            diff: false,
        };
        let common = parse_common(&[
            "coquille", "fix", "--format", "json", "--jsonl", "text", "-",
        ]);
        let mut sink = Sink::with_output(
            &common,
            mode,
            false,
            true,
            Box::new(Shared::default()),
            false,
        );
        sink.begin(None).expect("begin");
        let mut outcome = unsettled();
        outcome.cycle = true;
        sink.add(&outcome).expect("add");
        assert!(
            sink.held[0].contains("a.txt: fixes undo each other"),
            "{:?}",
            sink.held
        );
    }
}
