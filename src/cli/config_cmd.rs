//! `coquille config [PATH]`: the configuration that applies to a file or
//! folder, printed as TOML.

use super::args::ConfigArgs;
use super::configs::{self, Configs};
use super::walk::{DEFAULT_EXTENSIONS, Scope, Walker, io_reason};
use super::{EXIT_CLEAN, EXIT_ERROR, error};
use crate::config::{Config, FILE_NAMES};
use crate::rules::Registry;
use crate::settings::Settings;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// A TOML string.
fn string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A TOML array of strings on one line.
fn array<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let items: Vec<String> = items.into_iter().map(|s| string(s.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

/// A TOML array of strings, one a line.
fn long_array<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let mut out = String::from("[\n");
    for item in items {
        out.push_str("    ");
        out.push_str(&string(item.as_ref()));
        out.push_str(",\n");
    }
    out.push(']');
    out
}

/// A TOML key: bare when it can be, quoted otherwise.
fn key(name: &str) -> String {
    let bare = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare { name.to_string() } else { string(name) }
}

/// What `coquille config` shows about one path.
struct View<'a> {
    path: &'a Path,
    is_file: bool,
    excluded: bool,
    config: Option<&'a Config>,
    args: &'a ConfigArgs,
    settings: Settings,
    /// Where discovery started (for the "none found" note).
    looked_in: PathBuf,
}

impl View<'_> {
    /// Which configuration file applies, or why none does.
    fn source(&self, out: &mut String) -> std::fmt::Result {
        match self.config {
            Some(c) => writeln!(out, "config-file = {}", string(&c.display)),
            None if self.args.selection.no_config => {
                writeln!(out, "# configuration files ignored (--no-config)")
            }
            None => writeln!(
                out,
                "# no configuration file found: no {} in {} or a folder above",
                FILE_NAMES.join(" nor "),
                self.looked_in.display()
            ),
        }
    }

    /// The top-level keys.
    fn keys(&self, out: &mut String) -> std::fmt::Result {
        let s = &self.settings;
        if self.is_file {
            writeln!(out, "excluded = {}", self.excluded)?;
        }
        writeln!(out, "profile = {}", string(s.profile.as_str()))?;
        writeln!(out, "apostrophe = {}", string(s.apostrophe.as_str()))?;
        if s.select.is_empty() {
            writeln!(out, "# empty: the rules on by default in the profile")?;
        }
        writeln!(
            out,
            "select = {}",
            array(s.select.iter().map(|x| x.to_string()))
        )?;
        if self.is_file && self.config.is_some_and(|c| !c.per_file_ignores.is_empty()) {
            writeln!(out, "# with the per-file-ignores that match this file")?;
        }
        writeln!(
            out,
            "ignore = {}",
            array(s.ignore.iter().map(|x| x.to_string()))
        )?;
        let mut extensions: Vec<String> =
            DEFAULT_EXTENSIONS.iter().map(|e| e.to_string()).collect();
        let from_config = self
            .config
            .map(|c| c.extensions.clone())
            .unwrap_or_default();
        for ext in from_config.into_iter().chain(
            self.args
                .selection
                .extensions
                .iter()
                .map(|e| e.trim_start_matches('.').to_ascii_lowercase()),
        ) {
            if !extensions.contains(&ext) {
                extensions.push(ext);
            }
        }
        writeln!(out, "extensions = {}", array(&extensions))?;
        writeln!(
            out,
            "# globs of the configuration file (relative to its folder), then of --exclude"
        )?;
        let exclude = self.config.map(|c| c.exclude.clone()).unwrap_or_default();
        writeln!(
            out,
            "exclude = {}",
            array(exclude.iter().chain(&self.args.selection.exclude))
        )?;
        writeln!(
            out,
            "# from allow-words, allow-words-files and --allow-word"
        )?;
        writeln!(out, "allow-words = {}", array(&s.allowed_words))?;
        let files = self
            .config
            .map(|c| c.allow_words_files.clone())
            .unwrap_or_default();
        writeln!(out, "allow-words-files = {}", array(&files))?;
        let enabled: Vec<&str> = Registry::global()
            .rules()
            .map(|r| r.meta())
            .filter(|m| s.is_enabled(m.id, m.default_profiles()))
            .map(|m| m.id)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        writeln!(out, "enabled-rules = {}", long_array(enabled))
    }

    /// The tables: `per-file-ignores` and rule severities.
    fn tables(&self, out: &mut String) -> std::fmt::Result {
        if let Some(c) = self.config.filter(|c| !c.per_file_ignores.is_empty()) {
            writeln!(out, "\n[per-file-ignores]")?;
            for p in &c.per_file_ignores {
                let ignore = p.ignore.iter().map(|x| x.to_string());
                writeln!(out, "{} = {}", key(&p.pattern), array(ignore))?;
            }
        }
        if let Some(c) = self.config.filter(|c| !c.formats.is_empty()) {
            writeln!(out, "\n[formats]")?;
            for f in &c.formats {
                writeln!(out, "{} = {}", key(&f.pattern), string(&f.name))?;
            }
        }
        if let Some(c) = self.config.filter(|c| !c.sources.is_empty()) {
            writeln!(out, "\n[sources]")?;
            for f in &c.sources {
                writeln!(out, "{} = {}", key(&f.pattern), string(&f.template))?;
            }
        }
        for (id, severity) in &self.settings.severity_overrides {
            writeln!(out, "\n[rules.{}]", key(id))?;
            writeln!(out, "severity = {}", string(severity.as_str()))?;
        }
        Ok(())
    }

    fn render(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = writeln!(out, "# coquille config for {}", self.path.display())
            .and_then(|()| self.source(&mut out))
            .and_then(|()| self.keys(&mut out))
            .and_then(|()| self.tables(&mut out));
        out
    }
}

/// `coquille config [PATH]`: prints the effective configuration; exit 0,
/// or 2 on a configuration or usage error.
pub fn show(args: &ConfigArgs) -> u8 {
    match render(args) {
        Ok(text) => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(text.as_bytes()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    error(format!("cannot write output: {}", io_reason(&e)));
                    EXIT_ERROR
                }
                _ => EXIT_CLEAN,
            }
        }
        Err(message) => {
            error(message);
            EXIT_ERROR
        }
    }
}

fn render(args: &ConfigArgs) -> Result<String, String> {
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let selection = &args.selection;
    let overrides = configs::overrides(selection)?;
    let resolver = configs::resolver(selection).map_err(|e| e.to_string())?;
    let meta =
        std::fs::metadata(&path).map_err(|e| format!("{}: {}", path.display(), io_reason(&e)))?;
    let configs = Configs::new(resolver);
    let is_file = !meta.is_dir();
    let (absolute, config) = if is_file {
        let (absolute, config) = configs.for_file(&path);
        (Some(absolute), config)
    } else {
        (None, configs.for_dir(&path))
    };
    let walker = Walker::new(&selection.extensions, &selection.exclude)?;
    let excluded = is_file && (walker.is_excluded(&path) || configs.excludes(&path));
    if let Some(e) = configs.take_errors().into_iter().next() {
        return Err(e.to_string());
    }
    let looked_in = if is_file {
        configs
            .resolver
            .absolute(path.parent().unwrap_or(Path::new(".")))
    } else {
        configs.resolver.absolute(&path)
    };
    let view = View {
        path: &path,
        is_file,
        excluded,
        config: config.as_deref(),
        args,
        settings: configs::settings_for(&overrides, config.as_deref(), absolute.as_deref()),
        looked_in,
    };
    Ok(view.render())
}
