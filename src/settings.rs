//! What a run checks: profile, apostrophe style, rule selection, allowed
//! words and severity overrides.

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{Registry, RuleMeta};
use std::collections::BTreeMap;
use std::fmt;

/// How strict the spacing rules are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Profile {
    /// Any space is accepted where a no-break space belongs.
    Lenient,
    /// U+00A0 or U+202F required where a no-break space belongs (default).
    #[default]
    Standard,
    /// Exact spaces: U+202F before `; ! ?`, U+00A0 before `:` and inside `« »`.
    Strict,
}

impl Profile {
    /// All profiles.
    pub const ALL: [Profile; 3] = [Profile::Lenient, Profile::Standard, Profile::Strict];

    /// The name used on the command line and in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Lenient => "lenient",
            Profile::Standard => "standard",
            Profile::Strict => "strict",
        }
    }

    /// The profile named `name`.
    pub fn parse(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.as_str() == name)
    }
}

/// Which apostrophe the `apostrophe/style` rule wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum ApostropheStyle {
    /// One style per file: the minority style is flagged (default).
    #[default]
    Consistent,
    /// The typographic apostrophe ’ (U+2019) everywhere.
    Typographic,
    /// The straight apostrophe ' everywhere.
    Straight,
}

impl ApostropheStyle {
    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ApostropheStyle::Consistent => "consistent",
            ApostropheStyle::Typographic => "typographic",
            ApostropheStyle::Straight => "straight",
        }
    }

    /// The style named `name`.
    pub fn parse(name: &str) -> Option<ApostropheStyle> {
        [
            ApostropheStyle::Consistent,
            ApostropheStyle::Typographic,
            ApostropheStyle::Straight,
        ]
        .into_iter()
        .find(|s| s.as_str() == name)
    }
}

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
}

/// A selector that names no rule or category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSelector(pub String);

impl fmt::Display for UnknownSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown rule or category `{}` (see `coquille rules`)",
            self.0
        )
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
        }
    }
}

impl Selector {
    /// Parses `ALL`, a category, or a rule id known to `registry`.
    pub fn parse(text: &str, registry: &Registry) -> Result<Selector, UnknownSelector> {
        let text = text.trim();
        if text.is_empty() {
            return Err(UnknownSelector("(empty)".into()));
        }
        if text == "ALL" {
            return Ok(Selector::All);
        }
        if let Some(category) = Category::parse(text.trim_end_matches('/')) {
            return Ok(Selector::Category(category));
        }
        registry
            .get(text)
            .map(|rule| Selector::Rule(rule.meta().id))
            .ok_or_else(|| UnknownSelector(text.to_string()))
    }

    /// Parses a comma-separated list.
    pub fn parse_list(text: &str, registry: &Registry) -> Result<Vec<Selector>, UnknownSelector> {
        text.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| Selector::parse(s, registry))
            .collect()
    }

    fn matches(&self, meta: &RuleMeta, profile: Profile) -> bool {
        match self {
            Selector::All => meta.is_default_in(profile),
            Selector::Category(c) => meta.category == *c && meta.is_default_in(profile),
            Selector::Rule(id) => meta.id == *id,
        }
    }
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

    /// Whether the rule with `meta` runs under these settings.
    pub fn is_enabled(&self, meta: &RuleMeta) -> bool {
        let selected = if self.select.is_empty() {
            meta.is_default_in(self.profile)
        } else {
            self.select.iter().any(|s| s.matches(meta, self.profile))
        };
        let ignored = self.ignore.iter().any(|s| match s {
            // Ignoring a category or ALL also ignores its off-by-default rules.
            Selector::All => true,
            Selector::Category(c) => meta.category == *c,
            Selector::Rule(id) => meta.id == *id,
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
