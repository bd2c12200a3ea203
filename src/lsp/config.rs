//! The settings of each document: the `coquille.toml` found from its
//! folder upward (the CLI's resolver), overridden by the editor's
//! settings (`initializationOptions`, `workspace/didChangeConfiguration`).

use crate::config::{Config, ConfigError, Overrides, Resolver};
use crate::linter::Linter;
use crate::rules::Registry;
use crate::settings::{Profile, Selector, Settings};
use crate::source::SourceKind;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// What an editor may set, under a `coquille` key or at the top level.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct EditorSettings {
    profile: Option<String>,
    select: Option<Vec<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default, alias = "allow-words", alias = "allow_words")]
    allow_words: Vec<String>,
}

/// Reads the editor's settings `value` (with or without a `coquille`
/// wrapper; `null` sets nothing) as overrides of the configuration files.
/// What cannot be read is left out and described in the returned errors.
pub fn editor_overrides(value: &Value) -> (Overrides, Vec<String>) {
    let value = match value.get("coquille") {
        Some(inner) => inner,
        None => value,
    };
    let mut errors = Vec::new();
    if value.is_null() {
        return (Overrides::default(), errors);
    }
    let settings: EditorSettings = match serde_json::from_value(value.clone()) {
        Ok(s) => s,
        Err(e) => {
            errors.push(format!("coquille settings: {e}"));
            return (Overrides::default(), errors);
        }
    };
    let registry = Registry::global();
    let mut parse = |items: &[String]| -> Vec<Selector> {
        items
            .iter()
            .filter_map(|item| match Selector::parse(item, registry) {
                Ok(s) => Some(s),
                Err(e) => {
                    errors.push(format!("coquille settings: {e}"));
                    None
                }
            })
            .collect()
    };
    let select = settings.select.as_deref().map(&mut parse);
    let ignore = parse(&settings.ignore);
    let profile = settings.profile.as_deref().and_then(|name| {
        let found = Profile::parse(name);
        if found.is_none() {
            errors.push(format!(
                "coquille settings: unknown profile `{name}` (expected lenient, standard or strict)"
            ));
        }
        found
    });
    let overrides = Overrides {
        select: select.filter(|s| !s.is_empty()),
        ignore,
        profile,
        apostrophe: None,
        allow_words: settings.allow_words,
    };
    (overrides, errors)
}

/// Where a document's settings come from, and one linter per distinct
/// settings (compiling the rules costs milliseconds; checking a short
/// document less).
#[derive(Debug)]
pub struct Configuration {
    /// The editor's settings.
    overrides: Overrides,
    /// Finds `coquille.toml` upward from each folder, caching what it read.
    resolver: Resolver,
    linters: HashMap<Settings, Rc<Linter>>,
}

/// The linter of a document, or why it is not checked.
pub enum Resolved {
    /// Check it with this linter, as the format the configuration's
    /// `[formats]` forces if any, paired with the source file its
    /// `[sources]` names if any; the error is the configuration file that
    /// could not be read (the defaults are used instead).
    Check(
        Rc<Linter>,
        Option<SourceKind>,
        Option<PathBuf>,
        Option<ConfigError>,
    ),
    /// The configuration excludes the file.
    Excluded,
}

impl Default for Configuration {
    fn default() -> Configuration {
        Configuration {
            overrides: Overrides::default(),
            resolver: Resolver::discover(),
            linters: HashMap::new(),
        }
    }
}

impl Configuration {
    /// Replaces the editor's settings.
    pub fn set_overrides(&mut self, overrides: Overrides) {
        self.overrides = overrides;
    }

    /// Forgets every configuration file read (one changed on disk).
    pub fn reload(&mut self) {
        self.resolver = Resolver::discover();
        self.linters.clear();
    }

    /// The linter for the file at `path` (`None`: a document with no file,
    /// checked with the configuration of `fallback_dir` when given).
    pub fn resolve(&mut self, path: Option<&Path>, fallback_dir: Option<&Path>) -> Resolved {
        let (absolute, found) = match (path, fallback_dir) {
            (Some(path), _) => {
                let (absolute, found) = self.resolver.for_file(path);
                (Some(absolute), found)
            }
            (None, Some(dir)) => (None, self.resolver.for_dir(dir)),
            (None, None) => (None, Ok(None)),
        };
        let (config, error): (Option<Rc<Config>>, _) = match found {
            Ok(config) => (config, None),
            Err(e) => (None, Some(e)),
        };
        if let (Some(config), Some(absolute)) = (&config, &absolute)
            && config.excludes(absolute)
        {
            return Resolved::Excluded;
        }
        let mut settings = self.overrides.settings(config.as_deref());
        if let (Some(config), Some(absolute)) = (&config, &absolute) {
            settings.ignore.extend(config.ignores_for(absolute));
        }
        let linter = match self.linters.get(&settings) {
            Some(linter) => Rc::clone(linter),
            None => {
                // The built-in rules always compile (a test holds it); were
                // one not to, the defaults keep the server useful.
                let linter = Linter::new(settings.clone())
                    .or_else(|_| Linter::new(Settings::default()))
                    .map(Rc::new);
                match linter {
                    Ok(linter) => {
                        self.linters.insert(settings, Rc::clone(&linter));
                        linter
                    }
                    Err(_) => return Resolved::Excluded,
                }
            }
        };
        let both = config.as_deref().zip(absolute.as_deref());
        let forced = both.and_then(|(config, path)| config.format_for(path));
        let source_file = both.and_then(|(config, path)| config.source_for(path));
        Resolved::Check(linter, forced, source_file, error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_are_read_with_or_without_the_wrapper() {
        for value in [
            json!({"coquille": {"profile": "strict", "ignore": ["spacing"], "allowWords": ["workflow"]}}),
            json!({"profile": "strict", "ignore": ["spacing"], "allow-words": ["workflow"]}),
        ] {
            let (overrides, errors) = editor_overrides(&value);
            assert!(errors.is_empty(), "{errors:?}");
            assert_eq!(overrides.profile, Some(Profile::Strict));
            assert_eq!(overrides.ignore.len(), 1);
            assert_eq!(overrides.allow_words, ["workflow"]);
        }
    }

    #[test]
    fn bad_settings_are_reported_and_left_out() {
        let (overrides, errors) =
            editor_overrides(&json!({"coquille": {"profile": "loose", "select": ["spacin"]}}));
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(overrides.profile.is_none() && overrides.select.is_none());
        let (_, errors) = editor_overrides(&json!({"coquille": {"colour": "red"}}));
        assert_eq!(errors.len(), 1, "{errors:?}");
        let (overrides, errors) = editor_overrides(&Value::Null);
        assert!(errors.is_empty() && overrides.profile.is_none());
    }
}
