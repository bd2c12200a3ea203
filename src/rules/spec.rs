//! The on-disk format of `rules/*.toml`: rule metadata, declarative patterns
//! and examples.
//!
//! This module only depends on `serde`, `std` and [`crate::vocab`], because
//! `build.rs` includes it too (with the vocabulary): the build validates every rule file with [`validate`], so a rule
//! without examples (or with an unknown key, a bad id, an unknown macro) fails
//! the build itself, not only the tests.

use crate::vocab::{ApostropheStyle, Applicability, Category, Group, Profile, Severity};
use serde::Deserialize;

/// A string of a rule file: borrowed from the binary in the specs the
/// build embeds (no copy at start-up), owned when a file is parsed.
pub type Text = std::borrow::Cow<'static, str>;

/// One `rules/*.toml` file: a list of `[[rule]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// The rules of the file, in order.
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
}

/// One `[[rule]]` table.
///
/// Rules with a `pattern` are declarative (matched with a regex); rules
/// without one are implemented in Rust and only take their metadata from here.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// `category/kebab-name`.
    pub id: Text,
    /// One-line message shown with each finding. `{match}` is replaced by the
    /// text of the reported span.
    pub message: Text,
    /// `error`, `warning` (default) or `info`.
    #[serde(default)]
    pub severity: Option<Text>,
    /// Whether the rule runs when nothing is selected (default `true`).
    #[serde(default)]
    pub default: Option<bool>,
    /// The profiles in which the rule is on by default (default: all).
    #[serde(default)]
    pub profiles: Option<Vec<Text>>,
    /// The group it belongs to (`style`), which `--select` can name; a rule
    /// of a group must be off by default.
    #[serde(default)]
    pub group: Option<Text>,
    /// The best fix the rule offers: `safe`, `unsafe`, `display-only` or
    /// `none` (default `none`; declarative rules with `replace` need it).
    #[serde(default)]
    pub fix: Option<Text>,
    /// What the rule checks, why, and an example (Markdown-ish plain text).
    pub explain: Text,
    /// Declarative rules: the regex matched over the prose text.
    #[serde(default)]
    pub pattern: Option<Text>,
    /// Declarative rules: the capture group (name or number) that is the
    /// reported span and the span the fix replaces (default: whole match).
    #[serde(default)]
    pub target: Option<Text>,
    /// Declarative rules: the replacement of the target (`$1`, `${name}` and
    /// macros allowed).
    #[serde(default)]
    pub replace: Option<Text>,
    /// Declarative rules: the inflected forms of the replacement, as pairs
    /// (word matched by the pattern's group named `form`, what replaces
    /// it), so that a suggestion keeps the tense, person, gender and number
    /// of the word it replaces. `replace` holds the pair's replacement at
    /// `${form}`; a match whose form is not listed gets no fix. A pair
    /// whose first column is two words applies when the word before the
    /// match is the first one (`a fait` → `eu`: a participle, not a present).
    #[serde(default)]
    pub forms: Option<Vec<(Text, Text)>>,
    /// Guard: must match the text of the line before the match.
    #[serde(default)]
    pub before: Option<Text>,
    /// Guard: must not match the text of the line before the match.
    #[serde(default)]
    pub not_before: Option<Text>,
    /// Guard: must match the text of the line after the match.
    #[serde(default)]
    pub after: Option<Text>,
    /// Guard: must not match the text of the line after the match.
    #[serde(default)]
    pub not_after: Option<Text>,
    /// Guard: must not match the matched text itself.
    #[serde(default)]
    pub not_match: Option<Text>,
    /// The match must start and end at word boundaries.
    #[serde(default)]
    pub whole_word: Option<bool>,
    /// Declarative rules: a regex found wherever the pattern matches, for
    /// the linter's one-pass `RegexSet` (default: derived by the build from
    /// the literals the pattern's matches start with, else the pattern).
    /// The specs `build.rs` embeds hold it with its macros expanded.
    #[serde(default)]
    pub prefilter: Option<Text>,
    /// Set by `build.rs`, not in rule files: the literals every match of
    /// the pattern starts with, when there is a small set of them; the
    /// linter then finds the rule with Aho-Corasick instead of its
    /// `RegexSet`.
    #[serde(skip)]
    pub literals: Vec<Text>,
    /// Set by `build.rs`, not in rule files: literals one of which every
    /// match of the pattern contains, when there is a small set of them of
    /// 3 characters or more (`dispatch::literals::required_literals`).
    #[serde(skip)]
    pub required: Vec<Text>,
    /// Set by `build.rs`, not in rule files: the numbers of the heads of
    /// `literals` in the FST of every rule's heads (sorted, each once).
    #[serde(skip)]
    pub heads: Vec<u32>,
    /// Examples: each has `bad` (+ `fixed`) or `good`.
    #[serde(default)]
    pub example: Vec<ExampleSpec>,
}

/// One `[[rule.example]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    /// Text that must be flagged, with each expected span marked `⟦…⟧`.
    #[serde(default)]
    pub bad: Option<Text>,
    /// The text after applying the rule's fixes (safe and unsafe).
    #[serde(default)]
    pub fixed: Option<Text>,
    /// The text after applying every fix the rule offers, display-only
    /// suggestions included: what a reader is told to write.
    #[serde(default)]
    pub suggest: Option<Text>,
    /// Text that must not be flagged.
    #[serde(default)]
    pub good: Option<Text>,
    /// Check the example under this profile (default `standard`).
    #[serde(default)]
    pub profile: Option<Text>,
    /// Check the example under this apostrophe setting (default `consistent`).
    #[serde(default)]
    pub apostrophe: Option<Text>,
}

/// Opening mark of an expected span in a `bad` example.
pub const SPAN_OPEN: char = '⟦';
/// Closing mark of an expected span in a `bad` example.
pub const SPAN_CLOSE: char = '⟧';

/// Macros usable in patterns, guards, replacements and examples, so that
/// invisible characters stay readable in the rule files.
pub const MACROS: &[(&str, &str)] = &[
    ("{NBSP}", "\u{00A0}"),
    ("{NNBSP}", "\u{202F}"),
    ("{THIN}", "\u{2009}"),
    ("{ZWSP}", "\u{200B}"),
    ("{SHY}", "\u{00AD}"),
    ("{BOM}", "\u{FEFF}"),
    // A class of horizontal spaces, for patterns and guards only.
    ("{HSPACE}", "[ \\t\\x{A0}\\x{202F}\\x{2009}]"),
    // Letters of the Latin, Greek and Cyrillic scripts, and anything else:
    // much cheaper to compile than `\\p{L}` (start-up), and enough for
    // French text.
    ("{LETTER}", "[\\p{Latin}\\p{Greek}\\p{Cyrillic}]"),
    ("{NONLETTER}", "[^\\p{Latin}\\p{Greek}\\p{Cyrillic}]"),
    // Capitals of French and the other Latin-1 languages.
    ("{UPPER}", "[A-ZÀ-ÖØ-ÞŒŸ]"),
];

/// Replaces every `{MACRO}` of [`MACROS`] in `text`. Unknown `{UPPERCASE}`
/// names are errors, so that a typo cannot silently become literal text.
pub fn expand_macros(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let candidate = &rest[open..];
        let name_len = candidate[1..]
            .find(|c: char| !(c.is_ascii_uppercase() || c == '_'))
            .map(|n| n + 1);
        // `\p{L}`, `\P{Lu}`: Unicode classes of a regex, not macros.
        let is_class = out.ends_with("\\p") || out.ends_with("\\P");
        match name_len {
            Some(n) if n > 1 && !is_class && candidate[n..].starts_with('}') => {
                let name = &candidate[..=n];
                match MACROS.iter().find(|(m, _)| *m == name) {
                    Some((_, value)) => out.push_str(value),
                    None => return Err(format!("unknown macro {name}")),
                }
                rest = &candidate[n + 1..];
            }
            _ => {
                // Not a macro (a regex repetition such as `{2,}`, or text).
                out.push('{');
                rest = &candidate[1..];
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// Splits a `bad` example into its plain text and the byte spans marked
/// `⟦…⟧` (in the plain text's coordinates).
pub fn parse_marked(text: &str) -> Result<(String, Vec<(usize, usize)>), String> {
    let mut plain = String::with_capacity(text.len());
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for c in text.chars() {
        match c {
            SPAN_OPEN => {
                if open.is_some() {
                    return Err("nested ⟦ in example".into());
                }
                open = Some(plain.len());
            }
            SPAN_CLOSE => match open.take() {
                Some(start) => spans.push((start, plain.len())),
                None => return Err("⟧ without ⟦ in example".into()),
            },
            _ => plain.push(c),
        }
    }
    if open.is_some() {
        return Err("⟦ without ⟧ in example".into());
    }
    Ok((plain, spans))
}

fn is_kebab(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Checks one rule table; returns every problem found (empty when valid).
pub fn validate(spec: &RuleSpec) -> Vec<String> {
    let mut errors = Vec::new();
    let mut err = |msg: String| errors.push(format!("rule `{}`: {msg}", spec.id));

    match spec.id.split_once('/') {
        Some((category, name)) => {
            if Category::parse(category).is_none() {
                err(format!("unknown category `{category}`"));
            }
            if !is_kebab(name) {
                err(format!("name `{name}` is not kebab-case"));
            }
        }
        None => err("id must be `category/kebab-name`".into()),
    }
    if spec.message.trim().is_empty() {
        err("empty message".into());
    }
    if spec.explain.trim().is_empty() {
        err("empty explanation".into());
    }
    if let Some(severity) = &spec.severity
        && Severity::parse(severity).is_none()
    {
        err(format!("unknown severity `{severity}`"));
    }
    for profile in spec.profiles.iter().flatten() {
        if Profile::parse(profile).is_none() {
            err(format!("unknown profile `{profile}`"));
        }
    }
    if let Some(group) = &spec.group {
        if Group::parse(group).is_none() {
            err(format!("unknown group `{group}`"));
        }
        if spec.default != Some(false) {
            err(format!(
                "a rule of the group `{group}` needs `default = false`"
            ));
        }
    }
    let fix = spec.fix.as_deref().unwrap_or("none");
    if fix != "none" && Applicability::parse(fix).is_none() {
        err(format!("unknown fix kind `{fix}`"));
    }
    if spec.pattern.is_some() {
        if spec.replace.is_some() && fix == "none" {
            err("`replace` needs `fix = \"safe\" | \"unsafe\" | \"display-only\"`".into());
        }
        if spec.replace.is_none() && fix != "none" {
            err(format!("`fix = \"{fix}\"` needs `replace`"));
        }
        if spec.forms.is_some()
            && !spec
                .replace
                .as_deref()
                .is_some_and(|r| r.contains("${form}"))
        {
            err("`forms` needs a `replace` holding `${form}`".into());
        }
    } else {
        for (key, present) in [
            ("target", spec.target.is_some()),
            ("replace", spec.replace.is_some()),
            ("forms", spec.forms.is_some()),
            ("before", spec.before.is_some()),
            ("not_before", spec.not_before.is_some()),
            ("after", spec.after.is_some()),
            ("not_after", spec.not_after.is_some()),
            ("not_match", spec.not_match.is_some()),
            ("whole_word", spec.whole_word.is_some()),
        ] {
            if present {
                err(format!("`{key}` only applies to rules with a `pattern`"));
            }
        }
    }
    for text in [
        Some(&spec.message),
        spec.pattern.as_ref(),
        spec.replace.as_ref(),
        spec.before.as_ref(),
        spec.not_before.as_ref(),
        spec.after.as_ref(),
        spec.not_after.as_ref(),
        spec.not_match.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        if let Err(e) = expand_macros(text) {
            err(e);
        }
    }

    let mut bad = 0;
    let mut good = 0;
    let mut fixed = 0;
    let mut suggested = 0;
    for (i, example) in spec.example.iter().enumerate() {
        let n = i + 1;
        match (&example.bad, &example.good) {
            (Some(text), None) => {
                bad += 1;
                match expand_macros(text).and_then(|t| parse_marked(&t)) {
                    Ok((_, spans)) if spans.is_empty() => {
                        err(format!("example {n}: `bad` marks no span with ⟦…⟧"))
                    }
                    Ok(_) => {}
                    Err(e) => err(format!("example {n}: {e}")),
                }
                if let Some(f) = &example.fixed {
                    fixed += 1;
                    if f.contains(SPAN_OPEN) || f.contains(SPAN_CLOSE) {
                        err(format!("example {n}: `fixed` must not contain ⟦ ⟧"));
                    }
                    if let Err(e) = expand_macros(f) {
                        err(format!("example {n}: {e}"));
                    }
                }
                if let Some(f) = &example.suggest {
                    suggested += 1;
                    if f.contains(SPAN_OPEN) || f.contains(SPAN_CLOSE) {
                        err(format!("example {n}: `suggest` must not contain ⟦ ⟧"));
                    }
                    if let Err(e) = expand_macros(f) {
                        err(format!("example {n}: {e}"));
                    }
                }
            }
            (None, Some(text)) => {
                good += 1;
                if example.fixed.is_some() || example.suggest.is_some() {
                    err(format!(
                        "example {n}: `fixed` and `suggest` go with `bad`, not `good`"
                    ));
                }
                if text.contains(SPAN_OPEN) || text.contains(SPAN_CLOSE) {
                    err(format!("example {n}: `good` must not contain ⟦ ⟧"));
                }
                if let Err(e) = expand_macros(text) {
                    err(format!("example {n}: {e}"));
                }
            }
            _ => err(format!("example {n}: needs exactly one of `bad` or `good`")),
        }
        if let Some(p) = &example.profile
            && Profile::parse(p).is_none()
        {
            err(format!("example {n}: unknown profile `{p}`"));
        }
        if let Some(a) = &example.apostrophe
            && ApostropheStyle::parse(a).is_none()
        {
            err(format!("example {n}: unknown apostrophe setting `{a}`"));
        }
    }
    if bad == 0 {
        err("needs at least one `bad` example".into());
    }
    if good == 0 {
        err("needs at least one `good` example".into());
    }
    if fix == "display-only" && suggested == 0 {
        err("has a display-only fix but no example shows the `suggest` text".into());
    }
    if matches!(fix, "safe" | "unsafe") && fixed == 0 {
        err(format!(
            "has a {fix} fix but no example shows the `fixed` text"
        ));
    }
    errors
}

/// Parses and validates one rule file; `name` is used in messages.
pub fn parse_file(name: &str, text: &str) -> Result<Vec<RuleSpec>, Vec<String>> {
    let file: RuleFile = toml::from_str(text).map_err(|e| vec![format!("{name}: {e}")])?;
    let errors: Vec<String> = file
        .rule
        .iter()
        .flat_map(validate)
        .map(|e| format!("{name}: {e}"))
        .collect();
    if errors.is_empty() {
        Ok(file.rule)
    } else {
        Err(errors)
    }
}

/// A Rust expression for an optional string.
fn rust_opt(value: &Option<Text>) -> String {
    match value {
        Some(v) => format!("Some(std::borrow::Cow::Borrowed({v:?}))"),
        None => "None".to_string(),
    }
}

/// A Rust expression for optional pairs of strings.
fn rust_pairs(value: &Option<Vec<(Text, Text)>>) -> String {
    match value {
        Some(pairs) => format!(
            "Some(vec![{}])",
            pairs
                .iter()
                .map(|(a, b)| format!(
                    "(std::borrow::Cow::Borrowed({a:?}), std::borrow::Cow::Borrowed({b:?}))"
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => "None".to_string(),
    }
}

/// `vec![…]` contents building `values` as `String`s.
fn rust_strings(values: &[Text]) -> String {
    values
        .iter()
        .map(|v| format!("std::borrow::Cow::Borrowed({v:?})"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl RuleSpec {
    /// A Rust expression that builds this spec (for the code `build.rs`
    /// generates, so that rule files are not parsed at start-up).
    pub fn to_rust(&self) -> String {
        let profiles = match &self.profiles {
            Some(p) => format!(
                "Some(vec![{}])",
                p.iter()
                    .map(|n| format!("std::borrow::Cow::Borrowed({n:?})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => "None".to_string(),
        };
        let examples: Vec<String> = self.example.iter().map(ExampleSpec::to_rust).collect();
        format!(
            "RuleSpec {{ id: std::borrow::Cow::Borrowed({:?}), message: std::borrow::Cow::Borrowed({:?}), severity: {}, \
             default: {:?}, profiles: {profiles}, group: {}, fix: {}, explain: std::borrow::Cow::Borrowed({:?}), \
             pattern: {}, target: {}, replace: {}, forms: {}, before: {}, not_before: {}, after: {}, \
             not_after: {}, not_match: {}, whole_word: {:?}, prefilter: {}, literals: vec![{}], \
             required: vec![{}], heads: vec!{:?}, example: vec![{}] }}",
            self.id,
            self.message,
            rust_opt(&self.severity),
            self.default,
            rust_opt(&self.group),
            rust_opt(&self.fix),
            self.explain,
            rust_opt(&self.pattern),
            rust_opt(&self.target),
            rust_opt(&self.replace),
            rust_pairs(&self.forms),
            rust_opt(&self.before),
            rust_opt(&self.not_before),
            rust_opt(&self.after),
            rust_opt(&self.not_after),
            rust_opt(&self.not_match),
            self.whole_word,
            rust_opt(&self.prefilter),
            rust_strings(&self.literals),
            rust_strings(&self.required),
            self.heads,
            examples.join(", "),
        )
    }
}

impl ExampleSpec {
    /// A Rust expression that builds this example.
    pub fn to_rust(&self) -> String {
        format!(
            "ExampleSpec {{ bad: {}, fixed: {}, suggest: {}, good: {}, profile: {}, \
             apostrophe: {} }}",
            rust_opt(&self.bad),
            rust_opt(&self.fixed),
            rust_opt(&self.suggest),
            rust_opt(&self.good),
            rust_opt(&self.profile),
            rust_opt(&self.apostrophe),
        )
    }
}
