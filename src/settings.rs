//! What a run checks: profile, apostrophe style, rule selection, allowed
//! words and severity overrides.

use crate::diagnostic::{Category, Diagnostic, Severity};
pub use crate::vocab::{ApostropheStyle, Group, Profile};
use std::collections::BTreeMap;
use std::fmt;

/// A `--select` / `--ignore` entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Selector {
    /// `ALL`: every rule on by default in the profile.
    All,
    /// A category such as `spacing` (or `spacing/`): its rules that are on by
    /// default in the profile.
    Category(Category),
    /// A full rule id: that rule, even if it is off by default.
    Rule(&'static str),
    /// A group such as `style`: its rules (all off by default), by id.
    Group(Group, Vec<&'static str>),
}

/// The rule ids a selector may name: the rule registry implements it, so
/// that settings need nothing else of the rules.
pub trait RuleIds {
    /// The rule id `name` is, if it is one.
    fn find_id(&self, name: &str) -> Option<&'static str>;
    /// Every rule id.
    fn all_ids(&self) -> Vec<&'static str>;
    /// The ids of the rules of `group`.
    fn group_ids(&self, group: Group) -> Vec<&'static str>;
}

/// Of `candidates`, the one closest to `name` (a likely typo), if one is
/// close enough.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(name, c), c))
        .filter(|&(distance, c)| distance * 3 <= c.chars().count().max(3))
        .min()
        .map(|(_, c)| c)
}

/// A selector that names no rule or category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSelector {
    /// The selector as written (empty for an empty selection).
    pub name: String,
    /// The closest rule id or category, if one is close.
    pub suggestion: Option<String>,
}

impl fmt::Display for UnknownSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.name.is_empty() {
            return f.write_str(
                "empty rule selection: name rule ids or categories (see `coquille rules`)",
            );
        }
        write!(f, "unknown rule or category `{}`", self.name)?;
        match &self.suggestion {
            Some(close) => write!(f, "; did you mean `{close}`?"),
            None => f.write_str(" (see `coquille rules`)"),
        }
    }
}

impl std::error::Error for UnknownSelector {}

impl fmt::Display for Selector {
    /// `ALL`, the category name or the rule id, as written on the command
    /// line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::All => f.write_str("ALL"),
            Selector::Category(c) => f.write_str(c.as_str()),
            Selector::Rule(id) => f.write_str(id),
            Selector::Group(group, _) => f.write_str(group.as_str()),
        }
    }
}

impl Selector {
    /// Parses `ALL`, a category, or a rule id known to `registry`.
    pub fn parse(text: &str, registry: &impl RuleIds) -> Result<Selector, UnknownSelector> {
        let text = text.trim();
        if text.is_empty() {
            return Err(UnknownSelector {
                name: String::new(),
                suggestion: None,
            });
        }
        if text == "ALL" {
            return Ok(Selector::All);
        }
        if let Some(category) = Category::parse(text.trim_end_matches('/')) {
            return Ok(Selector::Category(category));
        }
        if let Some(group) = Group::parse(text) {
            return Ok(Selector::Group(group, registry.group_ids(group)));
        }
        registry.find_id(text).map(Selector::Rule).ok_or_else(|| {
            let ids = registry.all_ids();
            let names = Category::ALL
                .iter()
                .map(|c| c.as_str())
                .chain(Group::ALL.iter().map(|g| g.as_str()))
                .chain(ids);
            UnknownSelector {
                name: text.to_string(),
                suggestion: closest(text, names).map(str::to_string),
            }
        })
    }

    /// Parses a comma-separated list.
    pub fn parse_list(
        text: &str,
        registry: &impl RuleIds,
    ) -> Result<Vec<Selector>, UnknownSelector> {
        text.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| Selector::parse(s, registry))
            .collect()
    }

    /// Whether it selects rule `id`, on by default in `default_in`, under
    /// `profile`.
    fn matches(&self, id: &str, default_in: &[Profile], profile: Profile) -> bool {
        let by_default = default_in.contains(&profile);
        match self {
            Selector::All => by_default,
            Selector::Category(c) => in_category(id, *c) && by_default,
            Selector::Rule(rule) => *rule == id,
            Selector::Group(_, ids) => ids.contains(&id),
        }
    }
}

/// Whether rule `id` (`category/name`) is in `category`.
fn in_category(id: &str, category: Category) -> bool {
    id.split_once('/')
        .is_some_and(|(c, _)| c == category.as_str())
}

/// Everything that decides what a check reports.
///
/// `Settings::default()` is a run with no configuration file and no
/// option: the standard profile, its default rules, no allowed word.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Settings {
    /// Spacing strictness.
    pub profile: Profile,
    /// Apostrophe style.
    pub apostrophe: ApostropheStyle,
    /// Rules to run; empty means the defaults of the profile.
    pub select: Vec<Selector>,
    /// Rules not to run.
    pub ignore: Vec<Selector>,
    /// Words `untranslated/english-word` accepts, in lowercase
    /// (`--allow-word`); add them with [`Settings::allow_words`]. An entry
    /// with spaces is a phrase (`machine learning`): that word sequence
    /// is accepted.
    pub allowed_words: Vec<String>,
    /// Severities that replace a rule's own (`[rules."id"] severity` in a
    /// configuration file), by rule id; see [`Settings::apply_severities`].
    pub severity_overrides: BTreeMap<&'static str, Severity>,
}

impl Settings {
    /// Adds words that `untranslated/english-word` must accept (any case).
    pub fn allow_words<I, S>(&mut self, words: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        // Phrases are kept with single spaces between their words.
        self.allowed_words.extend(words.into_iter().map(|w| {
            let words: Vec<&str> = w.as_ref().split_whitespace().collect();
            words.join(" ").to_lowercase()
        }));
        self.allowed_words.retain(|w| !w.is_empty());
        self.allowed_words.sort_unstable();
        self.allowed_words.dedup();
    }

    /// Whether `lower` (a word in lowercase) is in the allowed words.
    pub fn allows_word(&self, lower: &str) -> bool {
        self.allowed_words.iter().any(|w| w == lower)
    }

    /// The allowed phrases: allowed entries of several words, in
    /// lowercase, with one space between words.
    pub fn allowed_phrases(&self) -> impl Iterator<Item = &str> {
        self.allowed_words
            .iter()
            .filter(|w| w.contains(' '))
            .map(String::as_str)
    }

    /// Gives each diagnostic of a rule in [`Settings::severity_overrides`]
    /// the severity set there.
    pub fn apply_severities(&self, diagnostics: &mut [Diagnostic]) {
        if self.severity_overrides.is_empty() {
            return;
        }
        for d in diagnostics {
            if let Some(&severity) = self.severity_overrides.get(d.rule) {
                d.severity = severity;
            }
        }
    }

    /// Whether rule `id` runs under these settings, given the profiles
    /// where it is on by default (none for a rule off by default).
    pub fn is_enabled(&self, id: &str, default_in: &[Profile]) -> bool {
        let selected = if self.select.is_empty() {
            default_in.contains(&self.profile)
        } else {
            self.select
                .iter()
                .any(|s| s.matches(id, default_in, self.profile))
        };
        let ignored = self.ignore.iter().any(|s| match s {
            // Ignoring a category or ALL also ignores its off-by-default rules.
            Selector::All => true,
            Selector::Category(c) => in_category(id, *c),
            Selector::Rule(rule) => *rule == id,
            Selector::Group(_, ids) => ids.contains(&id),
        });
        selected && !ignored
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    #[test]
    fn severity_overrides_replace_the_rule_severity() {
        let diagnostic = |rule: &'static str| Diagnostic {
            rule,
            category: Category::Spacing,
            severity: Severity::Warning,
            span: Span::empty(0),
            message: String::new(),
            fix: None,
        };
        let mut found = vec![
            diagnostic("spacing/repeated-spaces"),
            diagnostic("spacing/missing-space-before"),
        ];
        Settings::default().apply_severities(&mut found);
        assert!(found.iter().all(|d| d.severity == Severity::Warning));
        let mut settings = Settings::default();
        settings
            .severity_overrides
            .insert("spacing/repeated-spaces", Severity::Info);
        settings.apply_severities(&mut found);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[1].severity, Severity::Warning);
    }

    #[test]
    fn allowed_phrases_are_normalised() {
        let mut settings = Settings::default();
        settings.allow_words(["  Deep\tLearning ", "Shock", ""]);
        assert_eq!(settings.allowed_words, vec!["deep learning", "shock"]);
        assert_eq!(
            settings.allowed_phrases().collect::<Vec<_>>(),
            vec!["deep learning"]
        );
        assert!(settings.allows_word("shock"));
    }
}
