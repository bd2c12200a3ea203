//! Configuration files: `coquille.toml` or `.coquille.toml`, found by
//! walking up from each checked file's folder (the nearest wins), and how
//! their keys combine with the command line into [`Settings`].
//!
//! Precedence: `--select` on the command line replaces the file's
//! `select`; `--ignore` and `--allow-word` add to the file's lists;
//! `--profile` and `--apostrophe` replace the file's values. What neither
//! says takes the defaults of [`Settings::default`].

use crate::diagnostic::Severity;
use crate::rules::Registry;
use crate::settings::{ApostropheStyle, Profile, Selector, Settings};
use crate::source::SourceKind;
use globset::{Glob, GlobMatcher, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// The names a configuration file may have, looked for in this order.
pub const FILE_NAMES: [&str; 2] = ["coquille.toml", ".coquille.toml"];

/// A configuration file as written (kebab-case keys, nothing unknown).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    profile: Option<String>,
    apostrophe: Option<String>,
    #[serde(default)]
    extensions: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    per_file_ignores: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    formats: BTreeMap<String, String>,
    #[serde(default)]
    sources: BTreeMap<String, String>,
    #[serde(default)]
    allow_words: Vec<String>,
    #[serde(default)]
    allow_words_files: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<String, RawRule>,
}

/// A `[rules."id"]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    expecting = "a table such as { severity = \"info\" }"
)]
struct RawRule {
    severity: Option<String>,
}

/// A configuration file that cannot be used: one line naming the file and,
/// where there is one, the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file (or files) as shown to the user.
    pub file: String,
    /// What is wrong, naming the key.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for ConfigError {}

/// A `per-file-ignores` entry.
#[derive(Debug, Clone)]
pub struct PerFileIgnore {
    /// The glob as written, relative to the configuration's folder.
    pub pattern: String,
    matcher: GlobMatcher,
    /// What matching files do not run.
    pub ignore: Vec<Selector>,
}

/// A `formats` entry: files matching a glob are read as one format.
#[derive(Debug, Clone)]
pub struct FormatGlob {
    /// The glob as written, relative to the configuration's folder.
    pub pattern: String,
    matcher: GlobMatcher,
    /// The format its files are read as.
    pub kind: SourceKind,
    /// That format's name, as written (`json`).
    pub name: String,
}

/// A `sources` entry: the source-language file of the translations
/// matching a glob.
#[derive(Debug, Clone)]
pub struct SourceGlob {
    /// The glob as written, relative to the configuration's folder.
    pub pattern: String,
    matcher: GlobMatcher,
    /// The source file's path, relative to the configuration's folder,
    /// with `{name}` (the translation's file name) and `{stem}` (its name
    /// up to the first dot) to fill.
    pub template: String,
}

/// A configuration file, read and checked.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file.
    pub path: PathBuf,
    /// The file as shown to the user (relative to the current folder when
    /// inside it).
    pub display: String,
    /// Its folder: globs and paths inside the file are relative to it.
    pub dir: PathBuf,
    /// `select`, if the file has it.
    pub select: Option<Vec<Selector>>,
    /// `ignore`.
    pub ignore: Vec<Selector>,
    /// `profile`, if the file has it.
    pub profile: Option<Profile>,
    /// `apostrophe`, if the file has it.
    pub apostrophe: Option<ApostropheStyle>,
    /// `extensions`, in lowercase, without a leading dot.
    pub extensions: Vec<String>,
    /// `exclude`, as written.
    pub exclude: Vec<String>,
    exclude_set: GlobSet,
    /// `per-file-ignores`, sorted by glob.
    pub per_file_ignores: Vec<PerFileIgnore>,
    /// `formats`, sorted by glob.
    pub formats: Vec<FormatGlob>,
    /// `sources`, sorted by glob.
    pub sources: Vec<SourceGlob>,
    /// `allow-words`, as written.
    pub allow_words: Vec<String>,
    /// `allow-words-files`, as written.
    pub allow_words_files: Vec<String>,
    /// The words and phrases read from `allow-words-files`.
    pub file_words: Vec<String>,
    /// `[rules."id"] severity`.
    pub severities: BTreeMap<&'static str, Severity>,
}

/// The error `message` about `key` of `file`.
fn key_error(file: &str, key: &str, message: impl fmt::Display) -> ConfigError {
    ConfigError {
        file: file.to_string(),
        message: format!("key `{key}`: {message}"),
    }
}

/// A key as written in TOML: bare when it can be, quoted otherwise.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare {
        key.to_string()
    } else {
        toml::Value::String(key.to_string()).to_string()
    }
}

/// Joins lines into one (TOML messages may span several).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The dotted path of the key whose name or value holds byte `offset` of
/// `text`, the deepest one (`rules."spacing/x".severity`).
fn key_at(text: &str, offset: usize) -> Option<String> {
    let table = toml::de::DeTable::parse(text).ok()?;
    let mut path = Vec::new();
    find_key(table.get_ref(), offset, &mut path).then(|| path.join("."))
}

fn find_key(table: &toml::de::DeTable, offset: usize, path: &mut Vec<String>) -> bool {
    for (key, value) in table {
        path.push(toml_key(key.get_ref()));
        let inside = |span: std::ops::Range<usize>| span.contains(&offset);
        let deeper = match value.get_ref() {
            toml::de::DeValue::Table(inner) => find_key(inner, offset, path),
            _ => false,
        };
        if deeper || inside(key.span()) || inside(value.span()) {
            return true;
        }
        path.pop();
    }
    false
}

/// The line and column (from 1) of byte `offset` of `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The one-line message for a TOML or serde error in `text`.
fn parse_error(file: &str, text: &str, e: &toml::de::Error) -> ConfigError {
    let message = one_line(e.message());
    let offset = e.span().map(|s| s.start);
    let key = offset.and_then(|o| key_at(text, o));
    let message = match (message.strip_prefix("unknown field `"), key) {
        (Some(rest), key) => {
            let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
            let key = key.unwrap_or_else(|| toml_key(field));
            format!("unknown key `{key}`{expected}")
        }
        (None, Some(key)) => format!("key `{key}`: {message}"),
        (None, None) => match offset {
            Some(o) => {
                let (line, column) = line_column(text, o);
                format!("invalid TOML at line {line}, column {column}: {message}")
            }
            None => format!("invalid TOML: {message}"),
        },
    };
    ConfigError {
        file: file.to_string(),
        message,
    }
}

/// Parses rule selectors written under `key`.
fn selectors(file: &str, key: &str, items: &[String]) -> Result<Vec<Selector>, ConfigError> {
    let registry = Registry::global();
    items
        .iter()
        .map(|s| Selector::parse(s, registry).map_err(|e| key_error(file, key, e)))
        .collect()
}

/// A glob written under `key`.
fn glob(file: &str, key: &str, pattern: &str) -> Result<Glob, ConfigError> {
    Glob::new(pattern).map_err(|e| {
        let reason = one_line(&e.kind().to_string());
        key_error(file, key, format!("invalid glob `{pattern}`: {reason}"))
    })
}

/// Reads an allow-words file: one word or phrase a line, `#` starts a
/// comment, blank lines are skipped.
fn read_word_file(path: &Path) -> std::io::Result<Vec<String>> {
    let text = std::fs::read_to_string(path)?;
    Ok(text
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect())
}

/// A short reason for an I/O error, without the OS error number.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::InvalidData => "not UTF-8 text".into(),
        _ => {
            let text = e.to_string();
            text.split(" (os error")
                .next()
                .unwrap_or_default()
                .to_string()
        }
    }
}

impl Config {
    /// Reads and checks the configuration file at `path`, shown to the
    /// user as `display`.
    pub fn load(path: &Path, display: &str) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: display.to_string(),
            message: format!("cannot read the configuration file: {}", io_reason(&e)),
        })?;
        Config::parse(path, display, &text)
    }

    /// Checks the configuration `text` of the file at `path`.
    pub fn parse(path: &Path, display: &str, text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| parse_error(display, text, &e))?;
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut config = Config {
            path: path.to_path_buf(),
            display: display.to_string(),
            select: raw
                .select
                .as_deref()
                .map(|s| selectors(display, "select", s))
                .transpose()?,
            ignore: selectors(display, "ignore", &raw.ignore)?,
            profile: raw
                .profile
                .as_deref()
                .map(|p| Profile::parse(p).ok_or_else(|| bad_value(display, "profile", p)))
                .transpose()?,
            apostrophe: raw
                .apostrophe
                .as_deref()
                .map(|a| {
                    ApostropheStyle::parse(a).ok_or_else(|| bad_value(display, "apostrophe", a))
                })
                .transpose()?,
            extensions: extensions(display, &raw.extensions)?,
            exclude_set: exclude_set(display, &raw.exclude)?,
            exclude: raw.exclude,
            per_file_ignores: per_file_ignores(display, &raw.per_file_ignores)?,
            formats: formats(display, &raw.formats)?,
            sources: sources(display, &raw.sources)?,
            allow_words: raw.allow_words,
            file_words: Vec::new(),
            allow_words_files: raw.allow_words_files,
            severities: severities(display, &raw.rules)?,
            dir,
        };
        config.file_words = config.read_word_files()?;
        Ok(config)
    }

    /// The words and phrases of `allow-words-files`.
    fn read_word_files(&self) -> Result<Vec<String>, ConfigError> {
        let mut words = Vec::new();
        for name in &self.allow_words_files {
            let path = self.dir.join(name);
            let found = read_word_file(&path).map_err(|e| {
                let reason = io_reason(&e);
                key_error(
                    &self.display,
                    "allow-words-files",
                    format!("{name}: {reason}"),
                )
            })?;
            words.extend(found);
        }
        Ok(words)
    }

    /// Whether `path` (absolute, as [`Resolver`] gives it) or one of its
    /// folders below this file's folder matches `exclude`.
    pub fn excludes(&self, path: &Path) -> bool {
        self.exclusion(path).is_some()
    }

    /// The first `exclude` glob (as written) that matches `path` or one of
    /// its folders below this file's folder; see [`Config::excludes`].
    pub fn exclusion(&self, path: &Path) -> Option<&str> {
        if self.exclude_set.is_empty() {
            return None;
        }
        self.below(path).into_iter().find_map(|p| {
            let first = self.exclude_set.matches(p).into_iter().min()?;
            self.exclude.get(first).map(String::as_str)
        })
    }

    /// What `per-file-ignores` turns off for file `path` (absolute).
    pub fn ignores_for(&self, path: &Path) -> Vec<Selector> {
        if self.per_file_ignores.is_empty() {
            return Vec::new();
        }
        let candidates = self.below(path);
        self.per_file_ignores
            .iter()
            .filter(|p| candidates.iter().any(|q| p.matcher.is_match(q)))
            .flat_map(|p| p.ignore.iter().cloned())
            .collect()
    }

    /// The format `formats` forces on file `path` (absolute): that of the
    /// longest glob that matches it (the most precise), if any.
    pub fn format_for(&self, path: &Path) -> Option<SourceKind> {
        if self.formats.is_empty() {
            return None;
        }
        let candidates = self.below(path);
        self.formats
            .iter()
            .filter(|f| candidates.iter().any(|q| f.matcher.is_match(q)))
            .max_by_key(|f| f.pattern.len())
            .map(|f| f.kind)
    }

    /// The source-language file `sources` gives for translation file
    /// `path` (absolute): from the longest glob that matches it, if any.
    pub fn source_for(&self, path: &Path) -> Option<PathBuf> {
        if self.sources.is_empty() {
            return None;
        }
        let candidates = self.below(path);
        let found = self
            .sources
            .iter()
            .filter(|f| candidates.iter().any(|q| f.matcher.is_match(q)))
            .max_by_key(|f| f.pattern.len())?;
        let name = path.file_name()?.to_str()?;
        let stem = name.split('.').next().unwrap_or(name);
        let relative = found
            .template
            .replace("{name}", name)
            .replace("{stem}", stem);
        Some(self.dir.join(relative))
    }

    /// The paths a glob is tried on for `path`: for `path` and each of its
    /// folders below this file's folder, the path relative to that folder
    /// and the name alone. Outside the folder, only the name.
    fn below<'p>(&self, path: &'p Path) -> Vec<&'p Path> {
        let mut out = Vec::new();
        match path.strip_prefix(&self.dir) {
            Ok(relative) => {
                for a in relative.ancestors().filter(|a| !a.as_os_str().is_empty()) {
                    out.push(a);
                    out.extend(a.file_name().map(Path::new));
                }
            }
            Err(_) => out.extend(path.file_name().map(Path::new)),
        }
        out
    }
}

/// The error for an unknown value of `key`.
fn bad_value(file: &str, key: &str, value: &str) -> ConfigError {
    let expected = match key {
        "profile" => "lenient, standard or strict",
        _ => "consistent, typographic or straight",
    };
    key_error(
        file,
        key,
        format!("unknown value `{value}` (expected {expected})"),
    )
}

/// `extensions`, lowercase and without a leading dot.
fn extensions(file: &str, items: &[String]) -> Result<Vec<String>, ConfigError> {
    items
        .iter()
        .map(|e| {
            let ext = e.trim().trim_start_matches('.').to_ascii_lowercase();
            if ext.is_empty() || ext.contains(['/', '\\', '*']) {
                Err(key_error(
                    file,
                    "extensions",
                    format!("invalid extension `{e}`"),
                ))
            } else {
                Ok(ext)
            }
        })
        .collect()
}

/// The `exclude` globs, compiled.
fn exclude_set(file: &str, patterns: &[String]) -> Result<GlobSet, ConfigError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        builder.add(glob(file, "exclude", pattern)?);
    }
    builder
        .build()
        .map_err(|e| key_error(file, "exclude", one_line(&e.to_string())))
}

/// `per-file-ignores`, checked.
fn per_file_ignores(
    file: &str,
    table: &BTreeMap<String, Vec<String>>,
) -> Result<Vec<PerFileIgnore>, ConfigError> {
    table
        .iter()
        .map(|(pattern, items)| {
            let key = format!("per-file-ignores.{}", toml_key(pattern));
            Ok(PerFileIgnore {
                matcher: glob(file, &key, pattern)?.compile_matcher(),
                ignore: selectors(file, &key, items)?,
                pattern: pattern.clone(),
            })
        })
        .collect()
}

/// `[formats]`, checked: each glob with a format name of `--format-in`.
fn formats(file: &str, table: &BTreeMap<String, String>) -> Result<Vec<FormatGlob>, ConfigError> {
    table
        .iter()
        .map(|(pattern, name)| {
            let key = format!("formats.{}", toml_key(pattern));
            let kind = SourceKind::from_name(name).ok_or_else(|| {
                key_error(
                    file,
                    &key,
                    format!(
                        "unknown format `{name}` (expected {})",
                        SourceKind::NAMES.join(", ")
                    ),
                )
            })?;
            Ok(FormatGlob {
                matcher: glob(file, &key, pattern)?.compile_matcher(),
                pattern: pattern.clone(),
                kind,
                name: name.clone(),
            })
        })
        .collect()
}

/// `[sources]`, checked: each glob with a path template.
fn sources(file: &str, table: &BTreeMap<String, String>) -> Result<Vec<SourceGlob>, ConfigError> {
    table
        .iter()
        .map(|(pattern, template)| {
            let key = format!("sources.{}", toml_key(pattern));
            if template.trim().is_empty() {
                return Err(key_error(file, &key, "empty path"));
            }
            Ok(SourceGlob {
                matcher: glob(file, &key, pattern)?.compile_matcher(),
                pattern: pattern.clone(),
                template: template.clone(),
            })
        })
        .collect()
}

/// `[rules."id"] severity`, checked.
fn severities(
    file: &str,
    rules: &BTreeMap<String, RawRule>,
) -> Result<BTreeMap<&'static str, Severity>, ConfigError> {
    let registry = Registry::global();
    let mut out = BTreeMap::new();
    for (id, rule) in rules {
        let key = format!("rules.{}", toml_key(id));
        let Some(known) = registry.get(id) else {
            let hint = if Selector::parse(id, registry).is_ok() {
                " (a rule id is needed here, not a category)"
            } else {
                " (see `coquille rules`)"
            };
            return Err(key_error(file, &key, format!("unknown rule `{id}`{hint}")));
        };
        if let Some(name) = &rule.severity {
            let severity = Severity::parse(name).ok_or_else(|| {
                key_error(
                    file,
                    &format!("{key}.severity"),
                    format!("unknown severity `{name}` (expected error, warning or info)"),
                )
            })?;
            out.insert(known.meta().id, severity);
        }
    }
    Ok(out)
}

/// What the command line says about settings, to combine with a
/// configuration file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--select`, when given: replaces the file's `select`.
    pub select: Option<Vec<Selector>>,
    /// `--ignore`: added to the file's `ignore`.
    pub ignore: Vec<Selector>,
    /// `--profile`, when given.
    pub profile: Option<Profile>,
    /// `--apostrophe`, when given.
    pub apostrophe: Option<ApostropheStyle>,
    /// `--allow-word`: added to the file's allowed words.
    pub allow_words: Vec<String>,
}

impl Overrides {
    /// The settings for files under `config` (or no configuration file).
    pub fn settings(&self, config: Option<&Config>) -> Settings {
        let mut settings = Settings {
            profile: self
                .profile
                .or(config.and_then(|c| c.profile))
                .unwrap_or_default(),
            apostrophe: self
                .apostrophe
                .or(config.and_then(|c| c.apostrophe))
                .unwrap_or_default(),
            select: self
                .select
                .clone()
                .or_else(|| config.and_then(|c| c.select.clone()))
                .unwrap_or_default(),
            ignore: config.map(|c| c.ignore.clone()).unwrap_or_default(),
            ..Settings::default()
        };
        settings.ignore.extend(self.ignore.iter().cloned());
        if let Some(c) = config {
            settings.allow_words(c.allow_words.iter().chain(&c.file_words));
            settings.severity_overrides = c.severities.clone();
        }
        settings.allow_words(&self.allow_words);
        settings
    }
}

/// Where the configuration comes from.
#[derive(Debug)]
enum Mode {
    /// The nearest file above each checked file.
    Discover,
    /// One file for every input (`--config`).
    Fixed(Rc<Config>),
    /// None (`--no-config`).
    Disabled,
}

/// The configuration found for a folder: the nearest file, none, or an
/// error.
pub type Found = Result<Option<Rc<Config>>, ConfigError>;

/// Finds the configuration of each path, reading each file once: results
/// are cached per folder, so a walk over many files reads nothing twice.
#[derive(Debug)]
pub struct Resolver {
    mode: Mode,
    /// The current folder, absolute, to show paths relative to it.
    cwd: Option<PathBuf>,
    /// Folder as given → absolute folder.
    absolute: RefCell<HashMap<PathBuf, PathBuf>>,
    /// Absolute folder → its configuration.
    nearest: RefCell<HashMap<PathBuf, Found>>,
}

impl Resolver {
    fn with_mode(mode: Mode) -> Resolver {
        Resolver {
            mode,
            cwd: std::env::current_dir()
                .ok()
                .and_then(|c| std::fs::canonicalize(c).ok()),
            absolute: RefCell::default(),
            nearest: RefCell::default(),
        }
    }

    /// Finds `coquille.toml` or `.coquille.toml` above each path.
    pub fn discover() -> Resolver {
        Resolver::with_mode(Mode::Discover)
    }

    /// Uses no configuration file (`--no-config`).
    pub fn disabled() -> Resolver {
        Resolver::with_mode(Mode::Disabled)
    }

    /// Uses the file at `path` for every input (`--config PATH`).
    pub fn fixed(path: &Path) -> Result<Resolver, ConfigError> {
        let display = path.display().to_string();
        let config = Config::load(path, &display)?;
        // Globs and paths inside are relative to the file's folder.
        let dir = absolute_dir(&config.dir);
        let config = Config { dir, ..config };
        Ok(Resolver::with_mode(Mode::Fixed(Rc::new(config))))
    }

    /// The file used for every input, with `--config`.
    pub fn fixed_config(&self) -> Option<&Config> {
        match &self.mode {
            Mode::Fixed(c) => Some(c),
            _ => None,
        }
    }

    /// Whether configuration files are ignored (`--no-config`).
    pub fn is_disabled(&self) -> bool {
        matches!(self.mode, Mode::Disabled)
    }

    /// Folder `dir` (as given; empty means `.`) made absolute, cached.
    pub fn absolute(&self, dir: &Path) -> PathBuf {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Some(found) = self.absolute.borrow().get(dir) {
            return found.clone();
        }
        let found = absolute_dir(dir);
        self.absolute
            .borrow_mut()
            .insert(dir.to_path_buf(), found.clone());
        found
    }

    /// `path` made absolute through its folder, and the configuration of
    /// that folder.
    pub fn for_file(&self, path: &Path) -> (PathBuf, Found) {
        let dir = self.absolute(path.parent().unwrap_or(Path::new(".")));
        let absolute = match path.file_name() {
            Some(name) => dir.join(name),
            None => self.absolute(path),
        };
        let found = self.for_absolute_dir(&dir);
        (absolute, found)
    }

    /// The configuration for the files in folder `dir` (as given).
    pub fn for_dir(&self, dir: &Path) -> Found {
        let dir = self.absolute(dir);
        self.for_absolute_dir(&dir)
    }

    fn for_absolute_dir(&self, dir: &Path) -> Found {
        match &self.mode {
            Mode::Disabled => Ok(None),
            Mode::Fixed(c) => Ok(Some(Rc::clone(c))),
            Mode::Discover => self.nearest(dir),
        }
    }

    /// The nearest configuration at or above absolute folder `dir`.
    fn nearest(&self, dir: &Path) -> Found {
        if let Some(found) = self.nearest.borrow().get(dir) {
            return found.clone();
        }
        let found = match self.load_in(dir) {
            Ok(None) => dir.parent().map_or(Ok(None), |p| self.nearest(p)),
            other => other,
        };
        self.nearest
            .borrow_mut()
            .insert(dir.to_path_buf(), found.clone());
        found
    }

    /// The configuration file in `dir` itself, if any.
    fn load_in(&self, dir: &Path) -> Found {
        let present: Vec<PathBuf> = FILE_NAMES
            .iter()
            .map(|name| dir.join(name))
            .filter(|p| p.is_file())
            .collect();
        match present.as_slice() {
            [] => Ok(None),
            [path] => Config::load(path, &self.display(path)).map(|c| Some(Rc::new(c))),
            _ => Err(ConfigError {
                file: present
                    .iter()
                    .map(|p| self.display(p))
                    .collect::<Vec<_>>()
                    .join(" and "),
                message: "two configuration files in one folder; keep one".into(),
            }),
        }
    }

    /// `path` relative to the current folder when inside it.
    pub fn display(&self, path: &Path) -> String {
        self.cwd
            .as_deref()
            .and_then(|c| path.strip_prefix(c).ok())
            .filter(|r| !r.as_os_str().is_empty())
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

/// A configuration file that gives `settings` back: read with
/// [`Config::parse`] and [`Overrides::settings`], it yields settings equal
/// to these. A linter shipped to another process (the Python package
/// pickles one) is rebuilt from it.
pub fn settings_toml(settings: &Settings) -> String {
    let strings = |items: &mut dyn Iterator<Item = String>| {
        toml::Value::Array(items.map(toml::Value::String).collect())
    };
    let mut table = toml::Table::new();
    table.insert("profile".into(), settings.profile.as_str().into());
    table.insert("apostrophe".into(), settings.apostrophe.as_str().into());
    if !settings.select.is_empty() {
        let select = strings(&mut settings.select.iter().map(Selector::to_string));
        table.insert("select".into(), select);
    }
    let ignore = strings(&mut settings.ignore.iter().map(Selector::to_string));
    table.insert("ignore".into(), ignore);
    let words = strings(&mut settings.allowed_words.iter().cloned());
    table.insert("allow-words".into(), words);
    let mut rules = toml::Table::new();
    for (id, severity) in &settings.severity_overrides {
        let mut rule = toml::Table::new();
        rule.insert("severity".into(), severity.as_str().into());
        rules.insert((*id).to_string(), rule.into());
    }
    table.insert("rules".into(), rules.into());
    table.to_string()
}

/// `dir` as an absolute path with symbolic links resolved, or as given
/// made absolute when it does not exist.
fn absolute_dir(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir)
        .or_else(|_| std::path::absolute(dir))
        .unwrap_or_else(|_| dir.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("/p/coquille.toml"), "coquille.toml", text)
    }

    fn message(text: &str) -> String {
        parse(text).expect_err("an error").to_string()
    }

    #[test]
    fn formats_force_a_format_by_glob() {
        let config = parse(
            "[formats]\n\"i18n/*.json\" = \"json\"\n\"*.json\" = \"text\"\n\"docs\" = \"markdown\"\n",
        )
        .expect("valid");
        let at = |p: &str| config.format_for(Path::new(p));
        assert_eq!(at("/p/i18n/fr.json"), Some(SourceKind::JsonResource));
        assert_eq!(at("/p/data/x.json"), Some(SourceKind::PlainText));
        assert_eq!(at("/p/docs/guide.txt"), Some(SourceKind::Markdown));
        assert_eq!(at("/p/notes.txt"), None);
        assert_eq!(
            message("[formats]\n\"*.strings\" = \"apple\""),
            "coquille.toml: key `formats.\"*.strings\"`: unknown format `apple` \
             (expected text, markdown, po, xliff, android, json)"
        );
        assert!(message("formats = { \"a[\" = \"po\" }").contains("invalid glob `a[`"));
    }

    #[test]
    fn sources_name_the_source_file_of_translations() {
        let config = parse(
            "[sources]\n\"i18n/*.fr.json\" = \"i18n/{stem}.json\"\n\"po/fr/*\" = \"po/en/{name}\"\n",
        )
        .expect("valid");
        let at = |p: &str| config.source_for(Path::new(p));
        assert_eq!(
            at("/p/i18n/app.fr.json"),
            Some(PathBuf::from("/p/i18n/app.json"))
        );
        assert_eq!(
            at("/p/po/fr/menu.json"),
            Some(PathBuf::from("/p/po/en/menu.json"))
        );
        assert_eq!(at("/p/i18n/app.json"), None);
        assert!(
            message("[sources]\n\"*.json\" = \" \"")
                .contains("key `sources.\"*.json\"`: empty path")
        );
    }

    #[test]
    fn errors_name_the_file_and_the_key_on_one_line() {
        assert_eq!(
            message("selekt = []"),
            "coquille.toml: unknown key `selekt`, expected one of `select`, `ignore`, `profile`, \
             `apostrophe`, `extensions`, `exclude`, `per-file-ignores`, `formats`, \
             `sources`, `allow-words`, `allow-words-files`, `rules`"
        );
        assert!(
            message("[rules.\"spacing/repeated-spaces\"]\nsevrity = \"info\"").starts_with(
                "coquille.toml: unknown key `rules.\"spacing/repeated-spaces\".sevrity`"
            )
        );
        assert!(message("select = \"spacing\"").starts_with("coquille.toml: key `select`: "));
        assert!(
            message("select = [\n  \"spacing\",\n  3,\n]")
                .starts_with("coquille.toml: key `select`: ")
        );
        assert_eq!(
            message("profile = \"loose\""),
            "coquille.toml: key `profile`: unknown value `loose` (expected lenient, standard or strict)"
        );
        assert!(
            message("ignore = [\"nope\"]")
                .contains("key `ignore`: unknown rule or category `nope`")
        );
        assert!(message("exclude = [\"a[\"]").contains("key `exclude`: invalid glob `a[`"));
        assert!(
            message("[per-file-ignores]\n\"*.md\" = [\"nope\"]")
                .contains("key `per-file-ignores.\"*.md\"`")
        );
        assert!(message("[rules.spacing]\nseverity = \"info\"").contains("not a category"));
        assert!(
            message("[rules.\"spacing/repeated-spaces\"]\nseverity = \"fatal\"")
                .contains("key `rules.\"spacing/repeated-spaces\".severity`")
        );
        assert!(message("select = [").starts_with("coquille.toml: invalid TOML at line 1"));
        assert!(!message("select = [\n\"a\"\n= 3").contains('\n'));
    }

    #[test]
    fn globs_match_below_the_folder_and_by_name() {
        let config =
            parse("exclude = [\"drafts\", \"docs/legacy/**\", \"*.old.txt\"]").expect("valid");
        assert!(config.excludes(Path::new("/p/drafts/a.txt")));
        assert!(config.excludes(Path::new("/p/x/drafts/a.txt")));
        assert!(config.excludes(Path::new("/p/docs/legacy/a/b.txt")));
        assert!(config.excludes(Path::new("/p/x/y.old.txt")));
        assert!(config.excludes(Path::new("/elsewhere/y.old.txt")));
        assert!(!config.excludes(Path::new("/drafts/a.txt")));
        assert!(!config.excludes(Path::new("/p/docs/a.txt")));
    }

    #[test]
    fn command_line_overrides_the_file() {
        let config = parse(
            "select = [\"spacing\"]\nignore = [\"quotes\"]\nprofile = \"strict\"\nallow-words = [\"Shock\"]",
        )
        .expect("valid");
        let none = Overrides::default().settings(Some(&config));
        assert_eq!(none.profile, Profile::Strict);
        assert_eq!(
            none.select,
            vec![Selector::Category(crate::Category::Spacing)]
        );
        assert_eq!(none.allowed_words, vec!["shock".to_string()]);
        let cli = Overrides {
            select: Some(vec![Selector::All]),
            ignore: vec![Selector::Category(crate::Category::Numbers)],
            profile: Some(Profile::Lenient),
            allow_words: vec!["deep learning".into()],
            ..Overrides::default()
        };
        let both = cli.settings(Some(&config));
        assert_eq!(both.profile, Profile::Lenient);
        assert_eq!(both.select, vec![Selector::All]);
        assert_eq!(both.ignore.len(), 2);
        assert_eq!(both.allowed_words.len(), 2);
        assert_eq!(Overrides::default().settings(None), Settings::default());
    }

    #[test]
    fn settings_come_back_from_their_toml() {
        let registry = Registry::global();
        let mut settings = Settings {
            profile: Profile::Strict,
            apostrophe: ApostropheStyle::Straight,
            select: Selector::parse_list("spacing,style,quotes/unclosed", registry).expect("known"),
            ignore: Selector::parse_list("numbers", registry).expect("known"),
            ..Settings::default()
        };
        settings.allow_words(["Deep learning", "shock"]);
        settings
            .severity_overrides
            .insert("spacing/repeated-spaces", Severity::Info);
        for settings in [settings, Settings::default()] {
            let text = settings_toml(&settings);
            let config = parse(&text).expect("valid");
            assert_eq!(
                Overrides::default().settings(Some(&config)),
                settings,
                "{text}"
            );
        }
    }
}
