//! coquille for Python: the library's linter behind a PyO3 module,
//! `coquille._coquille`, which the `coquille` package re-exports.
//!
//! Transport only: Python strings in, findings out with offsets in code
//! points (Python string indices), settings from the keys of a
//! configuration file. Every rule lives in the library. The GIL is released
//! while Rust works; batches run on thread pools of this module, and on the
//! calling thread alone in a process forked after the module was imported
//! (the pool's threads do not exist there).

use coquille::config::{Config, Overrides, settings_toml};
use coquille::output::reference::fix_kind;
use coquille::settings::UnknownSelector;
use coquille::source::MAX_TEXT_BYTES;
use coquille::{
    Applicability, LineIndex, Profile, Registry, Selector, Source, SourceKind, code_point_offsets,
};
use pyo3::exceptions::{PyFileNotFoundError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyType};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// The name of a checked text in the library's findings: texts from
/// Python have no file.
const TEXT_NAME: &str = "<text>";

/// The process that imported the module: only it may use the thread
/// pools (a forked child has their handles but not their threads).
static MODULE_PID: OnceLock<u32> = OnceLock::new();

/// The thread pools made so far, by number of threads.
static POOLS: Mutex<Vec<(usize, Arc<rayon::ThreadPool>)>> = Mutex::new(Vec::new());

/// The pool of `threads` threads, made on first need; `None` for one
/// thread, in a forked child, or if threads cannot be started: the
/// caller's thread then does the work.
fn pool(threads: usize) -> Option<Arc<rayon::ThreadPool>> {
    if threads <= 1 || MODULE_PID.get() != Some(&std::process::id()) {
        return None;
    }
    let mut pools = POOLS.lock().ok()?;
    if let Some((_, found)) = pools.iter().find(|(n, _)| *n == threads) {
        return Some(Arc::clone(found));
    }
    let made = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("coquille-{i}"))
        .build()
        .ok()?;
    let made = Arc::new(made);
    pools.push((threads, Arc::clone(&made)));
    Some(made)
}

/// `work` on each text, on `threads` threads (`None` or 0: one per core),
/// results in the order of the texts.
fn run_batch<T: Send>(
    texts: &[&str],
    threads: Option<usize>,
    work: impl Fn(&str) -> T + Sync,
) -> Vec<T> {
    let threads = match threads {
        None | Some(0) => std::thread::available_parallelism().map_or(1, |n| n.get()),
        Some(n) => n,
    };
    // One text needs no pool (and a pool is kept per size: sizes follow
    // the option, not the batch).
    let pool = if texts.len() > 1 { pool(threads) } else { None };
    match pool {
        Some(pool) => pool.install(|| texts.par_iter().map(|t| work(t)).collect()),
        None => texts.iter().map(|t| work(t)).collect(),
    }
}

/// The source kind named `name` in Python.
fn source_kind(name: &str) -> PyResult<SourceKind> {
    match name {
        "plain" => Ok(SourceKind::PlainText),
        "markdown" => Ok(SourceKind::Markdown),
        "po" => Ok(SourceKind::Po),
        other => Err(PyValueError::new_err(format!(
            "unknown kind `{other}` (expected plain, markdown or po)"
        ))),
    }
}

/// The text held by `obj`, which must be a `str` (`what` names it in the
/// error).
fn text_of<'a>(obj: &'a Bound<'_, PyAny>, what: &str) -> PyResult<&'a str> {
    let Ok(string) = obj.cast::<PyString>() else {
        let type_name = obj.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "{what} must be str, not {type_name}"
        )));
    };
    let text = string.to_str()?;
    if text.len() > MAX_TEXT_BYTES {
        return Err(PyValueError::new_err(format!(
            "{what} is too large ({} bytes in UTF-8; one text holds at most {MAX_TEXT_BYTES})",
            text.len()
        )));
    }
    Ok(text)
}

/// The texts of an iterable of `str` (not a `str` itself).
fn texts_of<'py>(texts: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyString>>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "texts must be an iterable of str, not a str",
        ));
    }
    let mut out = Vec::new();
    for (i, item) in texts.try_iter()?.enumerate() {
        let item = item?;
        text_of(&item, &format!("texts[{i}]"))?;
        out.push(item.cast_into::<PyString>()?);
    }
    Ok(out)
}

/// Selector names from `None`, a comma-separated `str` or an iterable of
/// them.
fn selector_names(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<Vec<String>>> {
    let Some(obj) = obj else { return Ok(None) };
    let mut items = Vec::new();
    if obj.is_instance_of::<PyString>() {
        items.push(text_of(obj, what)?.to_string());
    } else {
        for (i, item) in obj.try_iter()?.enumerate() {
            items.push(text_of(&item?, &format!("{what}[{i}]"))?.to_string());
        }
    }
    let names = items
        .iter()
        .flat_map(|item| item.split(','))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .collect();
    Ok(Some(names))
}

/// Parses rule selectors named under option `what`.
fn selectors(names: &[String], what: &str) -> PyResult<Vec<Selector>> {
    let registry = Registry::global();
    names
        .iter()
        .map(|name| {
            Selector::parse(name, registry)
                .map_err(|e| PyValueError::new_err(format!("{what}: {e}")))
        })
        .collect()
}

/// A configuration given as a dict: the same keys as `coquille.toml`
/// (top-level keys may use `_` for `-`), turned into TOML and read as
/// that file would be.
fn config_from_dict(dict: &Bound<'_, PyDict>) -> PyResult<Config> {
    let py = dict.py();
    let json: String = py
        .import("json")?
        .call_method1("dumps", (dict,))?
        .extract()?;
    let value: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| PyValueError::new_err(format!("config: {e}")))?;
    let serde_json::Value::Object(map) = value else {
        return Err(PyTypeError::new_err("config must be a dict"));
    };
    let map: serde_json::Map<String, serde_json::Value> = map
        .into_iter()
        .map(|(key, value)| (key.replace('_', "-"), value))
        .collect();
    let text = toml::to_string(&map)
        .map_err(|e| PyValueError::new_err(format!("config: cannot be read as TOML: {e}")))?;
    // Paths inside (allow-words-files) are relative to the current folder.
    Config::parse(Path::new("coquille.toml"), "config", &text)
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A configuration file given by its path.
fn config_from_path(path: &Path) -> PyResult<Config> {
    let display = path.display().to_string();
    if !path.is_file() {
        return Err(PyFileNotFoundError::new_err(format!(
            "configuration file not found: {display}"
        )));
    }
    Config::load(path, &display).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// One replacement of a fix: characters `start` to `end` of the text
/// become `replacement` (an empty range is an insertion).
#[pyclass(module = "coquille", frozen, get_all, eq, from_py_object)]
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit {
    start: usize,
    end: usize,
    replacement: String,
}

#[pymethods]
impl Edit {
    #[new]
    fn new(start: usize, end: usize, replacement: String) -> Edit {
        Edit {
            start,
            end,
            replacement,
        }
    }

    /// The edit as a dict of plain values.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("start", self.start)?;
        dict.set_item("end", self.end)?;
        dict.set_item("replacement", &self.replacement)?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let replacement = PyString::new(py, &self.replacement).repr()?;
        Ok(format!(
            "Edit(start={}, end={}, replacement={replacement})",
            self.start, self.end
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (usize, usize, String)) {
        let edit = slf.get();
        (
            slf.get_type(),
            (edit.start, edit.end, edit.replacement.clone()),
        )
    }
}

/// How to fix a finding: how sure the fix is (`safe`, `unsafe` or
/// `display-only`) and its edits.
#[pyclass(module = "coquille", frozen, get_all, eq, from_py_object)]
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fix {
    applicability: String,
    edits: Vec<Edit>,
}

#[pymethods]
impl Fix {
    #[new]
    fn new(applicability: String, edits: Vec<Edit>) -> Fix {
        Fix {
            applicability,
            edits,
        }
    }

    /// The fix as a dict of plain values.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("applicability", &self.applicability)?;
        let edits = self
            .edits
            .iter()
            .map(|e| e.to_dict(py))
            .collect::<PyResult<Vec<_>>>()?;
        dict.set_item("edits", edits)?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let edits = self
            .edits
            .iter()
            .map(|e| e.__repr__(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(format!(
            "Fix(applicability='{}', edits=[{}])",
            self.applicability,
            edits.join(", ")
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (String, Vec<Edit>)) {
        let fix = slf.get();
        (
            slf.get_type(),
            (fix.applicability.clone(), fix.edits.clone()),
        )
    }
}

/// A finding: its rule, category, severity and message, where it is (code
/// point offsets `start` to `end`, and the 1-based `line` and `column` of
/// its start, columns in code points), its fix, if any, and whether it is
/// in a translation marked fuzzy (gettext), as the JSON output says.
#[pyclass(module = "coquille", frozen, get_all, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
struct Diagnostic {
    rule: String,
    category: String,
    severity: String,
    message: String,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    fix: Option<Fix>,
    fuzzy: bool,
}

/// The arguments `Diagnostic(...)` takes, in order.
type DiagnosticArgs = (
    String,
    String,
    String,
    String,
    usize,
    usize,
    usize,
    usize,
    Option<Fix>,
    bool,
);

#[pymethods]
impl Diagnostic {
    #[new]
    #[pyo3(signature = (rule, category, severity, message, start, end, line, column, fix = None, fuzzy = false))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        rule: String,
        category: String,
        severity: String,
        message: String,
        start: usize,
        end: usize,
        line: usize,
        column: usize,
        fix: Option<Fix>,
        fuzzy: bool,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            category,
            severity,
            message,
            start,
            end,
            line,
            column,
            fix,
            fuzzy,
        }
    }

    /// The finding as a dict of plain values (for pandas, JSON, datasets).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("rule", &self.rule)?;
        dict.set_item("category", &self.category)?;
        dict.set_item("severity", &self.severity)?;
        dict.set_item("message", &self.message)?;
        dict.set_item("start", self.start)?;
        dict.set_item("end", self.end)?;
        dict.set_item("line", self.line)?;
        dict.set_item("column", self.column)?;
        match &self.fix {
            Some(fix) => dict.set_item("fix", fix.to_dict(py)?)?,
            None => dict.set_item("fix", py.None())?,
        }
        dict.set_item("fuzzy", self.fuzzy)?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let message = PyString::new(py, &self.message).repr()?;
        Ok(format!(
            "Diagnostic(rule='{}', start={}, end={}, line={}, column={}, message={message})",
            self.rule, self.start, self.end, self.line, self.column
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, DiagnosticArgs) {
        let d = slf.get().clone();
        (
            slf.get_type(),
            (
                d.rule, d.category, d.severity, d.message, d.start, d.end, d.line, d.column, d.fix,
                d.fuzzy,
            ),
        )
    }
}

/// The library's findings on `source` as Python sees them: offsets in code
/// points, line and column of the start, whether they are in a fuzzy
/// translation.
fn diagnostics(source: &Source, found: Vec<coquille::Diagnostic>) -> Vec<Diagnostic> {
    if found.is_empty() {
        return Vec::new();
    }
    let text = source.text.as_str();
    let fuzzy = coquille::prose::fuzzy_spans(source);
    let mut bytes = Vec::with_capacity(found.len() * 2);
    for d in &found {
        bytes.extend([d.span.start, d.span.end]);
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            bytes.extend([edit.span.start, edit.span.end]);
        }
    }
    let chars = code_point_offsets(text, &bytes);
    let mut chars = chars.into_iter();
    let mut next = move || chars.next().unwrap_or_default();
    let index = LineIndex::new(text);
    let mut cursor = index.cursor(text);
    found
        .into_iter()
        .map(|d| {
            let position = cursor.position(d.span.start);
            let in_fuzzy = coquille::prose::in_fuzzy(&fuzzy, d.span);
            let (start, end) = (next(), next());
            let fix = d.fix.map(|f| Fix {
                applicability: f.applicability.as_str().to_string(),
                edits: f
                    .edits
                    .into_iter()
                    .map(|e| Edit {
                        start: next(),
                        end: next(),
                        replacement: e.replacement,
                    })
                    .collect(),
            });
            Diagnostic {
                rule: d.rule.to_string(),
                category: d.category.as_str().to_string(),
                severity: d.severity.as_str().to_string(),
                message: d.message,
                start,
                end,
                line: position.line,
                column: position.column,
                fix,
                fuzzy: in_fuzzy,
            }
        })
        .collect()
}

/// A linter built once from settings: a configuration (`None`, the path
/// of a `coquille.toml`, or a dict of its keys) and the options `profile`,
/// `select` and `ignore`, which act as the command line's.
#[pyclass(module = "coquille", frozen)]
struct Linter {
    inner: coquille::Linter,
}

impl Linter {
    fn from_settings(settings: coquille::Settings) -> PyResult<Linter> {
        let inner = coquille::Linter::new(settings).map_err(PyValueError::new_err)?;
        Ok(Linter { inner })
    }

    fn findings(&self, text: &str, kind: SourceKind) -> Vec<Diagnostic> {
        let source = Source::new(TEXT_NAME, text, kind);
        diagnostics(&source, self.inner.check(&source))
    }

    fn fixed(&self, text: &str, kind: SourceKind, threshold: Applicability) -> String {
        let source = Source::new(TEXT_NAME, text, kind);
        self.inner.fix(&source, threshold).text
    }
}

/// The fixes `fix` applies: safe ones, and unsafe ones too when asked.
fn threshold(unsafe_fixes: bool) -> Applicability {
    if unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    }
}

#[pymethods]
impl Linter {
    #[new]
    #[pyo3(signature = (config = None, *, profile = None, select = None, ignore = None))]
    fn new(
        config: Option<&Bound<'_, PyAny>>,
        profile: Option<&str>,
        select: Option<&Bound<'_, PyAny>>,
        ignore: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Linter> {
        let config = match config {
            None => None,
            Some(c) if c.is_none() => None,
            Some(c) => match c.cast::<PyDict>() {
                Ok(dict) => Some(config_from_dict(dict)?),
                Err(_) => match c.extract::<PathBuf>() {
                    Ok(path) => Some(config_from_path(&path)?),
                    Err(_) => {
                        return Err(PyTypeError::new_err(format!(
                            "config must be None, a path or a dict, not {}",
                            c.get_type().name()?
                        )));
                    }
                },
            },
        };
        let profile = profile
            .map(|name| {
                Profile::parse(name).ok_or_else(|| {
                    let names: Vec<&str> = Profile::ALL.iter().map(|p| p.as_str()).collect();
                    PyValueError::new_err(format!(
                        "unknown profile `{name}` (expected {})",
                        names.join(", ")
                    ))
                })
            })
            .transpose()?;
        let select = match selector_names(select, "select")? {
            Some(names) if names.is_empty() => {
                let empty = UnknownSelector {
                    name: String::new(),
                    suggestion: None,
                };
                return Err(PyValueError::new_err(format!("select: {empty}")));
            }
            Some(names) => Some(selectors(&names, "select")?),
            None => None,
        };
        let ignore = match selector_names(ignore, "ignore")? {
            Some(names) => selectors(&names, "ignore")?,
            None => Vec::new(),
        };
        let overrides = Overrides {
            select,
            ignore,
            profile,
            ..Overrides::default()
        };
        Linter::from_settings(overrides.settings(config.as_ref()))
    }

    /// The findings on `text`, sorted by position.
    #[pyo3(signature = (text, *, kind = "plain"))]
    fn check(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        kind: &str,
    ) -> PyResult<Vec<Diagnostic>> {
        let kind = source_kind(kind)?;
        let text = text_of(text, "text")?;
        Ok(py.detach(|| self.findings(text, kind)))
    }

    /// `text` with its safe fixes applied (and the unsafe ones with
    /// `unsafe=True`) until it is stable.
    #[pyo3(signature = (text, *, kind = "plain", r#unsafe = false))]
    fn fix(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        kind: &str,
        r#unsafe: bool,
    ) -> PyResult<String> {
        let kind = source_kind(kind)?;
        let text = text_of(text, "text")?;
        let threshold = threshold(r#unsafe);
        Ok(py.detach(|| self.fixed(text, kind, threshold)))
    }

    /// The findings on each text, in order, on `threads` threads (`None`:
    /// one per core).
    #[pyo3(signature = (texts, threads = None, *, kind = "plain"))]
    fn check_batch(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
        kind: &str,
    ) -> PyResult<Vec<Vec<Diagnostic>>> {
        let kind = source_kind(kind)?;
        let texts = texts_of(texts)?;
        let texts: Vec<&str> = texts.iter().map(|t| t.to_str()).collect::<PyResult<_>>()?;
        Ok(py.detach(|| run_batch(&texts, threads, |t| self.findings(t, kind))))
    }

    /// Each text fixed, in order, on `threads` threads (`None`: one per
    /// core).
    #[pyo3(signature = (texts, threads = None, *, kind = "plain", r#unsafe = false))]
    fn fix_batch(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
        kind: &str,
        r#unsafe: bool,
    ) -> PyResult<Vec<String>> {
        let kind = source_kind(kind)?;
        let threshold = threshold(r#unsafe);
        let texts = texts_of(texts)?;
        let texts: Vec<&str> = texts.iter().map(|t| t.to_str()).collect::<PyResult<_>>()?;
        Ok(py.detach(|| run_batch(&texts, threads, |t| self.fixed(t, kind, threshold))))
    }

    /// The ids of the rules this linter runs, sorted.
    #[getter]
    fn enabled_rules(&self) -> Vec<&'static str> {
        self.inner.enabled_rules()
    }

    /// Its settings as a configuration file (TOML) that gives them back.
    fn to_toml(&self) -> String {
        settings_toml(self.inner.settings())
    }

    fn __repr__(&self) -> String {
        format!(
            "<coquille.Linter: {} rules>",
            self.inner.enabled_rules().len()
        )
    }

    /// Pickling ships the settings; the linter is rebuilt from them.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let rebuild = py.import("coquille")?.getattr("_linter_from_toml")?;
        Ok((rebuild, (self.to_toml(),)))
    }
}

/// The linter for the settings a configuration text gives back (see
/// `Linter.to_toml`).
#[pyfunction]
fn linter_from_toml(text: &str) -> PyResult<Linter> {
    let config = Config::parse(Path::new("coquille.toml"), "settings", text)
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    Linter::from_settings(Overrides::default().settings(Some(&config)))
}

/// Every rule's metadata, as dicts: id, category, severity, default,
/// profiles, group, fix, message and explanation.
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    Registry::global()
        .rules()
        .map(|rule| {
            let meta = rule.meta();
            let dict = PyDict::new(py);
            dict.set_item("id", meta.id)?;
            dict.set_item("category", meta.category.as_str())?;
            dict.set_item("severity", meta.severity.as_str())?;
            dict.set_item("default", meta.default_enabled)?;
            let profiles: Vec<&str> = meta.profiles.iter().map(|p| p.as_str()).collect();
            dict.set_item("profiles", profiles)?;
            dict.set_item("group", meta.group.map(|g| g.as_str()))?;
            dict.set_item("fix", fix_kind(meta))?;
            dict.set_item("message", meta.message)?;
            dict.set_item("explanation", meta.explanation)?;
            Ok(dict)
        })
        .collect()
}

/// The native module.
#[pymodule]
fn _coquille(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let _ = MODULE_PID.set(std::process::id());
    m.add_class::<Linter>()?;
    m.add_class::<Diagnostic>()?;
    m.add_class::<Fix>()?;
    m.add_class::<Edit>()?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(linter_from_toml, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
