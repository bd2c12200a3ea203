//! The rule framework: metadata, the `Rule` trait, and the registry of every
//! rule.
//!
//! Every rule's metadata (id, message, explanation, examples) lives in
//! `rules/*.toml`, embedded at compile time. Rules with a `pattern` are
//! declarative ([`declarative`]); the others are Rust functions listed in the
//! `RULES` table of their module and joined to their metadata by id.

pub mod declarative;
pub mod spec;

mod agreement;
mod agreement_adjective;
mod agreement_clause;
mod agreement_quantity;
mod apostrophe;
pub(crate) use apostrophe::{
    Mark as ApostropheMark, STYLE_RULE as APOSTROPHE_STYLE, noted_apostrophes,
    restated_message as restated_apostrophe_message, wanted_apostrophe,
};
pub(crate) use capitalization::lowercase_words;
mod capitalization;
mod elision;
mod hyphenation;
mod lexicon_compounds;
mod number_forms;
mod numbers;
mod quotes;
mod running_capitals;
mod spacing;
mod suppression;
mod translation;
mod unicode;
mod untranslated;

use crate::diagnostic::{Applicability, Category, Diagnostic, Severity};
use crate::document::Document;
use crate::settings::{ApostropheStyle, Profile};
use crate::span::Span;
use declarative::DeclarativeRule;
use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

/// The rule files, as `build.rs` parsed and validated them.
mod embedded {
    use super::spec::{ExampleSpec, RuleSpec};
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// One example of a rule, from its rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExampleKind {
    /// Text that must be flagged exactly at `spans`; `fixed` is the text
    /// after the rule's (safe and unsafe) fixes.
    Bad {
        /// The text, without span marks.
        text: String,
        /// Expected spans (bytes of `text`).
        spans: Vec<Span>,
        /// Expected text after fixing, if given.
        fixed: Option<String>,
        /// Expected text after applying every fix, display-only ones
        /// included, if given.
        suggest: Option<String>,
    },
    /// Text that must not be flagged.
    Good {
        /// The text.
        text: String,
    },
}

/// An example and the settings to check it under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// Bad or good.
    pub kind: ExampleKind,
    /// The profile (default: standard).
    pub profile: Profile,
    /// The apostrophe setting (default: consistent).
    pub apostrophe: ApostropheStyle,
    /// The example as written in the rule file (with `⟦…⟧` marks).
    pub display: String,
}

impl Example {
    /// The text the example is checked on: macros expanded and `⟦…⟧`
    /// marks removed (unlike [`Example::display`], which is as written).
    pub fn text(&self) -> &str {
        match &self.kind {
            ExampleKind::Bad { text, .. } | ExampleKind::Good { text } => text,
        }
    }

    /// How the example is read: a gettext catalogue when it starts like
    /// one (`msgid`, `#,`: the bilingual examples of `translation/*`),
    /// else plain text.
    pub fn source_kind(&self) -> crate::source::SourceKind {
        let text = self.text();
        if text.starts_with("msgid ") || text.starts_with("#, ") {
            crate::source::SourceKind::Po
        } else {
            crate::source::SourceKind::PlainText
        }
    }

    /// The settings the example of rule `id` runs with: its profile and
    /// apostrophe style, and that one rule selected (even if it is off by
    /// default).
    pub fn settings(&self, id: &'static str) -> crate::settings::Settings {
        crate::settings::Settings {
            profile: self.profile,
            apostrophe: self.apostrophe,
            select: vec![crate::settings::Selector::Rule(id)],
            ..crate::settings::Settings::default()
        }
    }
}

/// Everything known about a rule except how it checks.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    /// `category/kebab-name`.
    pub id: &'static str,
    /// The category (first half of the id).
    pub category: Category,
    /// Default severity of its findings.
    pub severity: Severity,
    /// Whether it runs without being selected.
    pub default_enabled: bool,
    /// The profiles where it is on by default.
    pub profiles: Vec<Profile>,
    /// The group `--select` may name it by (`style`), if any.
    pub group: Option<crate::vocab::Group>,
    /// The best fix it offers (`None`: no fix).
    pub fix: Option<Applicability>,
    /// The general message of its findings.
    pub message: &'static str,
    /// What it checks, why, and an example.
    pub explanation: &'static str,
    /// Its examples as written in the rule file; see [`RuleMeta::examples`].
    example_specs: Vec<spec::ExampleSpec>,
    /// Its examples, parsed on first use (only tests and `coquille rules`
    /// need them, so start-up does not).
    examples: OnceLock<Vec<Example>>,
    /// The rule file it comes from.
    pub file: &'static str,
    /// What must occur in a text for the rule to find anything: the
    /// dispatcher ([`crate::dispatch`]) runs the rule only there.
    pub prefilter: Prefilter,
}

/// What must occur in a text for a rule to find anything.
#[derive(Debug, Clone, Default)]
pub struct Prefilter {
    /// A regex that matches wherever the rule may find something (`None`:
    /// the rule runs on every text). Declarative rules have the one given
    /// in their rule file or derived by the build; Rust rules the one of
    /// their `RULES` table.
    pub regex: Option<&'static str>,
    /// Literals one of which begins wherever the rule may find something
    /// (empty: none known), derived by the build for declarative rules.
    /// When there are some, they serve instead of `regex`.
    pub literals: Vec<spec::Text>,
    /// The numbers of the heads of `literals` in the FST the build makes
    /// of every rule's heads (see `dispatch`).
    pub heads: Vec<u32>,
}

impl RuleMeta {
    /// Whether the rule is on when nothing is selected, under `profile`.
    pub fn is_default_in(&self, profile: Profile) -> bool {
        self.default_profiles().contains(&profile)
    }

    /// The profiles where the rule is on when nothing is selected (none
    /// for a rule off by default).
    pub fn default_profiles(&self) -> &[Profile] {
        if self.default_enabled {
            &self.profiles
        } else {
            &[]
        }
    }

    /// Its examples (the tests of the rule). The build validated them; an
    /// example that cannot be parsed is left out, and the example tests then
    /// see a rule without examples.
    pub fn examples(&self) -> &[Example] {
        self.examples
            .get_or_init(|| parse_examples(self.id, &self.example_specs).unwrap_or_default())
    }

    /// A finding of this rule at `span` with a specific message.
    pub fn diagnostic(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule: self.id,
            category: self.category,
            severity: self.severity,
            span,
            message: message.into(),
            fix: None,
        }
    }

    /// A finding of this rule at `span` with the rule's general message.
    pub fn finding(&self, span: Span) -> Diagnostic {
        self.diagnostic(span, self.message)
    }
}

/// A rule: metadata and a check over an analysed document.
pub trait Rule: Send + Sync {
    /// The rule's metadata.
    fn meta(&self) -> &RuleMeta;
    /// Appends the rule's findings for `doc` to `out`, in prose coordinates.
    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>);
    /// Like [`Rule::check`], knowing where the text holds the rule's
    /// prefilter literals ([`Prefilter::literals`]): `starts` are the byte offsets where
    /// they begin, sorted. A declarative rule whose matches start with
    /// those literals searches only there; the default checks everything.
    fn check_at(&self, doc: &Document, starts: &[usize], out: &mut Vec<Diagnostic>) {
        let _ = starts;
        self.check(doc, out);
    }
    /// The declarative rule behind this one, if it is one.
    fn as_declarative(&self) -> Option<&DeclarativeRule> {
        None
    }
}

/// The signature of a rule written in Rust.
pub type CheckFn = fn(&RuleMeta, &Document, &mut Vec<Diagnostic>);

/// A rule written in Rust, as listed in its module's `RULES` table.
#[derive(Clone, Copy)]
pub struct CodeRuleDef {
    /// The rule id; its metadata comes from `rules/*.toml`.
    pub id: &'static str,
    /// The check.
    pub check: CheckFn,
    /// A regex that matches somewhere in every text where the rule can find
    /// something. It joins the linter's `RegexSet`, so a rule whose
    /// prefilter does not match is not run at all.
    pub prefilter: Option<&'static str>,
}

/// A Rust rule that runs on every text.
pub(crate) const fn always(id: &'static str, check: CheckFn) -> CodeRuleDef {
    CodeRuleDef {
        id,
        check,
        prefilter: None,
    }
}

/// A Rust rule that runs only on texts matching `prefilter`.
pub(crate) const fn when(id: &'static str, check: CheckFn, prefilter: &'static str) -> CodeRuleDef {
    CodeRuleDef {
        id,
        check,
        prefilter: Some(prefilter),
    }
}

struct CodeRule {
    meta: RuleMeta,
    check: CheckFn,
}

impl Rule for CodeRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        (self.check)(&self.meta, doc, out);
    }
}

/// Every rule written in Rust.
fn code_rules() -> impl Iterator<Item = CodeRuleDef> {
    [
        spacing::RULES,
        apostrophe::RULES,
        unicode::RULES,
        capitalization::RULES,
        running_capitals::RULES,
        hyphenation::RULES,
        lexicon_compounds::RULES,
        numbers::RULES,
        number_forms::RULES,
        quotes::RULES,
        untranslated::RULES,
        elision::RULES,
        agreement::RULES,
        agreement_clause::RULES,
        agreement_quantity::RULES,
        suppression::RULES,
        translation::RULES,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// All rules, loaded once from the embedded rule files.
pub struct Registry {
    rules: Vec<Box<dyn Rule>>,
    by_id: HashMap<&'static str, usize>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("rules", &self.rules.len())
            .finish()
    }
}

fn leak(s: spec::Text) -> &'static str {
    match s {
        std::borrow::Cow::Borrowed(text) => text,
        std::borrow::Cow::Owned(text) => Box::leak(text.into_boxed_str()),
    }
}

/// The examples of rule `id` from their specs (macros expanded, spans
/// parsed).
fn parse_examples(id: &str, specs: &[spec::ExampleSpec]) -> Result<Vec<Example>, String> {
    let mut examples = Vec::new();
    for ex in specs {
        let profile = ex
            .profile
            .as_deref()
            .and_then(Profile::parse)
            .unwrap_or_default();
        let apostrophe = ex
            .apostrophe
            .as_deref()
            .and_then(ApostropheStyle::parse)
            .unwrap_or_default();
        let kind = match (&ex.bad, &ex.good) {
            (Some(bad), None) => {
                let expanded = spec::expand_macros(bad)?;
                let (text, spans) = spec::parse_marked(&expanded)?;
                let fixed = ex.fixed.as_deref().map(spec::expand_macros).transpose()?;
                let suggest = ex.suggest.as_deref().map(spec::expand_macros).transpose()?;
                ExampleKind::Bad {
                    text,
                    spans: spans.into_iter().map(|(s, e)| Span::new(s, e)).collect(),
                    fixed,
                    suggest,
                }
            }
            (None, Some(good)) => ExampleKind::Good {
                text: spec::expand_macros(good)?,
            },
            _ => return Err(format!("rule `{id}`: example needs `bad` or `good`")),
        };
        examples.push(Example {
            kind,
            profile,
            apostrophe,
            display: ex
                .bad
                .as_deref()
                .or(ex.good.as_deref())
                .unwrap_or_default()
                .to_string(),
        });
    }
    Ok(examples)
}

fn meta_from_spec(spec: &mut spec::RuleSpec, file: &'static str) -> Result<RuleMeta, String> {
    use std::mem::take;
    let id = leak(take(&mut spec.id));
    let category = id
        .split_once('/')
        .and_then(|(c, _)| Category::parse(c))
        .ok_or_else(|| format!("rule `{id}`: bad category"))?;
    let severity = match &spec.severity {
        Some(s) => Severity::parse(s).ok_or_else(|| format!("rule `{id}`: bad severity"))?,
        None => Severity::Warning,
    };
    let profiles = match &spec.profiles {
        Some(names) => names.iter().filter_map(|n| Profile::parse(n)).collect(),
        None => Profile::ALL.to_vec(),
    };
    let fix = match spec.fix.as_deref() {
        None | Some("none") => None,
        Some(kind) => {
            Some(Applicability::parse(kind).ok_or_else(|| format!("rule `{id}`: bad fix"))?)
        }
    };
    Ok(RuleMeta {
        id,
        category,
        severity,
        default_enabled: spec.default.unwrap_or(true),
        profiles,
        group: spec.group.as_deref().and_then(crate::vocab::Group::parse),
        fix,
        message: leak(take(&mut spec.message)),
        explanation: leak(match take(&mut spec.explain) {
            std::borrow::Cow::Borrowed(text) => std::borrow::Cow::Borrowed(text.trim()),
            std::borrow::Cow::Owned(text) => text.trim().to_string().into(),
        }),
        example_specs: take(&mut spec.example),
        examples: OnceLock::new(),
        file,
        // The build stores the prefilter of a declarative rule expanded,
        // with its literals.
        prefilter: Prefilter {
            regex: spec.prefilter.take().map(leak),
            literals: take(&mut spec.literals),
            heads: take(&mut spec.heads),
        },
    })
}

impl Registry {
    /// The registry of every rule (built on first use).
    pub fn global() -> &'static Registry {
        static REGISTRY: LazyLock<Registry> = LazyLock::new(|| {
            Registry::load().unwrap_or_else(|e| panic!("embedded rule files are invalid: {e}"))
        });
        &REGISTRY
    }

    /// Loads the embedded rule files and joins Rust rules to their metadata.
    fn load() -> Result<Registry, String> {
        let mut code: HashMap<&'static str, CodeRuleDef> =
            code_rules().map(|d| (d.id, d)).collect();
        let mut rules: Vec<Box<dyn Rule>> = Vec::new();
        for (file, specs) in embedded::rule_files() {
            for mut spec in specs {
                // The metadata takes the strings it keeps out of the spec.
                let mut meta = meta_from_spec(&mut spec, file)?;
                if spec.pattern.is_some() {
                    rules.push(Box::new(DeclarativeRule::new(meta, &spec)?));
                } else {
                    let def = code.remove(meta.id).ok_or_else(|| {
                        format!("rule `{}` has no pattern and no Rust code", meta.id)
                    })?;
                    meta.prefilter = Prefilter {
                        regex: def.prefilter,
                        literals: Vec::new(),
                        heads: Vec::new(),
                    };
                    rules.push(Box::new(CodeRule {
                        meta,
                        check: def.check,
                    }));
                }
            }
        }
        if let Some(id) = code.keys().next() {
            return Err(format!("Rust rule `{id}` has no entry in rules/*.toml"));
        }
        rules.sort_by_key(|r| (r.meta().category, r.meta().id));
        let by_id = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.meta().id, i))
            .collect();
        Ok(Registry { rules, by_id })
    }

    /// Every rule, sorted by category then id.
    pub fn rules(&self) -> impl Iterator<Item = &dyn Rule> {
        self.rules.iter().map(|r| r.as_ref())
    }

    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&dyn Rule> {
        self.by_id.get(id).map(|&i| self.rules[i].as_ref())
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

impl crate::settings::RuleIds for Registry {
    fn find_id(&self, name: &str) -> Option<&'static str> {
        self.get(name).map(|r| r.meta().id)
    }

    fn all_ids(&self) -> Vec<&'static str> {
        self.rules().map(|r| r.meta().id).collect()
    }

    fn group_ids(&self, group: crate::vocab::Group) -> Vec<&'static str> {
        self.rules()
            .map(|r| r.meta())
            .filter(|m| m.group == Some(group))
            .map(|m| m.id)
            .collect()
    }
}

/// Asserts that a byte gate (a cheap test that lets a costly pattern be
/// skipped) agrees with its pattern on each of `texts`: it lets through
/// every text the pattern matches in, and spares the others.
#[cfg(test)]
fn assert_gate_agrees(pattern: &str, gate: fn(&str) -> bool, texts: &[&str]) {
    let pattern = regex::Regex::new(pattern).expect("valid");
    for text in texts {
        assert_eq!(gate(text), pattern.is_match(text), "{text}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_loads_and_joins_code() {
        let registry = Registry::global();
        assert!(!registry.is_empty());
        for rule in registry.rules() {
            assert!(registry.get(rule.meta().id).is_some());
            assert!(rule.meta().id.starts_with(rule.meta().category.as_str()));
        }
    }

    #[test]
    fn every_pattern_compiles() {
        for rule in Registry::global().rules() {
            if let Some(d) = rule.as_declarative() {
                d.check_patterns()
                    .unwrap_or_else(|e| panic!("{}: {e}", rule.meta().id));
            }
            if let Some(p) = rule.meta().prefilter.regex {
                regex::Regex::new(p)
                    .unwrap_or_else(|e| panic!("{} prefilter: {e}", rule.meta().id));
            }
        }
    }
}
