//! Configuration files in a run: the command line as [`Overrides`], where
//! the configuration comes from, and the settings and linter of each input.

use super::args::SelectionArgs;
use super::walk::{Input, Scope};
use crate::config::{Config, ConfigError, Found, Overrides, Resolver};
use crate::linter::Linter;
use crate::rules::Registry;
use crate::settings::{Selector, Settings};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// Parses `--select`/`--ignore` items (an empty item selects nothing).
fn selectors(items: &[String]) -> Result<Vec<Selector>, String> {
    let registry = Registry::global();
    items
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| Selector::parse(s, registry).map_err(|e| e.to_string()))
        .collect()
}

/// `--select`: like [`selectors`], but an empty selection (`--select ''`)
/// is an error rather than the default rules.
fn selection(items: &[String]) -> Result<Vec<Selector>, String> {
    let selected = selectors(items)?;
    if selected.is_empty() {
        return Err(format!(
            "--select: {}",
            crate::settings::UnknownSelector {
                name: String::new(),
                suggestion: None,
            }
        ));
    }
    Ok(selected)
}

/// The settings the command line gives, to combine with a configuration
/// file.
pub fn overrides(args: &SelectionArgs) -> Result<Overrides, String> {
    Ok(Overrides {
        select: if args.select.is_empty() {
            None
        } else {
            Some(selection(&args.select)?)
        },
        ignore: selectors(&args.ignore)?,
        profile: args.profile,
        apostrophe: args.apostrophe,
        allow_words: args.allow_word.clone(),
    })
}

/// Where the configuration comes from: `--no-config`, `--config PATH`, or
/// the nearest file above each input.
pub fn resolver(args: &SelectionArgs) -> Result<Resolver, ConfigError> {
    if args.no_config {
        Ok(Resolver::disabled())
    } else if let Some(path) = &args.config {
        Resolver::fixed(path)
    } else {
        Ok(Resolver::discover())
    }
}

/// The configurations of a run, with the errors met finding them (each
/// once).
pub struct Configs {
    /// Finds and caches the configuration of each folder.
    pub resolver: Resolver,
    errors: RefCell<Vec<ConfigError>>,
}

impl Configs {
    /// Configurations found by `resolver`.
    pub fn new(resolver: Resolver) -> Configs {
        Configs {
            resolver,
            errors: RefCell::default(),
        }
    }

    /// The configuration in `found`; an error is kept for
    /// [`Configs::take_errors`] and gives none.
    fn keep(&self, found: Found) -> Option<Rc<Config>> {
        found.unwrap_or_else(|e| {
            let mut errors = self.errors.borrow_mut();
            if !errors.contains(&e) {
                errors.push(e);
            }
            None
        })
    }

    /// The errors met so far, each once.
    pub fn take_errors(&self) -> Vec<ConfigError> {
        self.errors.take()
    }

    /// File `path` made absolute, and its configuration.
    pub fn for_file(&self, path: &Path) -> (PathBuf, Option<Rc<Config>>) {
        let (absolute, found) = self.resolver.for_file(path);
        (absolute, self.keep(found))
    }

    /// The configuration of the files in folder `dir`.
    pub fn for_dir(&self, dir: &Path) -> Option<Rc<Config>> {
        self.keep(self.resolver.for_dir(dir))
    }

    /// Where input `input` is (when known) and its configuration: stdin is
    /// at `--stdin-filename`, else in the current folder.
    pub fn for_input(
        &self,
        input: &Input,
        stdin_name: Option<&str>,
    ) -> (Option<PathBuf>, Option<Rc<Config>>) {
        let path = match input {
            Input::File(path) => Some(path.as_path()),
            Input::Stdin => stdin_name.map(Path::new),
        };
        match path {
            Some(path) => {
                let (absolute, config) = self.for_file(path);
                (Some(absolute), config)
            }
            None => (None, self.for_dir(Path::new("."))),
        }
    }
}

impl Scope for Configs {
    fn excludes(&self, path: &Path) -> bool {
        self.exclusion(path).is_some()
    }

    fn exclusion(&self, path: &Path) -> Option<String> {
        path.file_name()?;
        let (absolute, config) = self.for_file(path);
        let config = config?;
        let pattern = config.exclusion(&absolute)?;
        Some(format!(
            "`exclude` pattern `{pattern}` of {}",
            config.display
        ))
    }

    fn wants_extension(&self, path: &Path) -> bool {
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            return false;
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        self.for_dir(dir)
            .is_some_and(|c| c.extensions.iter().any(|x| x.eq_ignore_ascii_case(ext)))
    }
}

/// The settings for an input at `path` (absolute, when known) under
/// `config`: the configuration and the command line, plus the file's
/// `per-file-ignores`.
pub fn settings_for(
    overrides: &Overrides,
    config: Option<&Config>,
    path: Option<&Path>,
) -> Settings {
    with_per_file_ignores(overrides.settings(config), config, path)
}

/// `settings` with what `config` ignores for the file at `path`.
fn with_per_file_ignores(
    mut settings: Settings,
    config: Option<&Config>,
    path: Option<&Path>,
) -> Settings {
    if let (Some(config), Some(path)) = (config, path) {
        settings.ignore.extend(config.ignores_for(path));
    }
    settings
}

/// One linter per distinct [`Settings`], built on first need: compiling
/// the rules costs milliseconds, checking a short file less.
#[derive(Debug, Default)]
pub struct Linters {
    linters: Vec<Linter>,
    by_settings: HashMap<Settings, usize>,
    /// Settings of each configuration file (none: no file), before
    /// `per-file-ignores`.
    base: HashMap<Option<PathBuf>, Settings>,
}

impl Linters {
    /// The index of the linter for the input at `path` under `config`.
    pub fn index_for(
        &mut self,
        overrides: &Overrides,
        config: Option<&Config>,
        path: Option<&Path>,
    ) -> Result<usize, String> {
        let key = config.map(|c| c.path.clone());
        let base = self
            .base
            .entry(key)
            .or_insert_with(|| overrides.settings(config));
        let settings = with_per_file_ignores(base.clone(), config, path);
        if let Some(&i) = self.by_settings.get(&settings) {
            return Ok(i);
        }
        let linter = Linter::new(settings.clone()).map_err(|e| format!("internal error: {e}"))?;
        self.linters.push(linter);
        self.by_settings.insert(settings, self.linters.len() - 1);
        Ok(self.linters.len() - 1)
    }

    /// The linter at `index`.
    pub fn get(&self, index: usize) -> &Linter {
        &self.linters[index]
    }
}
