//! The vocabulary shared by the crate and its build script: rule
//! categories, severities, fix kinds, profiles and apostrophe styles, each
//! an enum with the one spelling used in rule files, on the command line
//! and in output. `build.rs` includes this file (it depends on `std` only),
//! so the rule files are validated against the same names.

use std::fmt;

/// The family a rule belongs to; the first half of its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Quotation marks: pairing, English quotes, straight quotes.
    Quotes,
    /// Spaces around punctuation, repeated spaces.
    Spacing,
    /// Apostrophe style.
    Apostrophe,
    /// Elision, contractions, euphony.
    Elision,
    /// Words and phrases left in English.
    Untranslated,
    /// Gender and number agreement.
    Agreement,
    /// Capital letters.
    Capitalization,
    /// Hyphens in compounds and inversions.
    Hyphenation,
    /// Ellipsis, dashes, doubled signs.
    Punctuation,
    /// Numbers, dates, units, ordinals.
    Numbers,
    /// Text hygiene: normalisation, invisible characters, mojibake.
    Unicode,
    /// Calques and false friends.
    Calque,
    /// coquille's own suppression comments.
    Suppression,
    /// A translation against its source: segments left unchanged,
    /// placeholders, numbers, URLs, end punctuation and whitespace that
    /// differ.
    Translation,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 14] = [
        Category::Quotes,
        Category::Spacing,
        Category::Apostrophe,
        Category::Elision,
        Category::Untranslated,
        Category::Agreement,
        Category::Capitalization,
        Category::Hyphenation,
        Category::Punctuation,
        Category::Numbers,
        Category::Unicode,
        Category::Calque,
        Category::Suppression,
        Category::Translation,
    ];

    /// The lowercase name used in rule ids and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Quotes => "quotes",
            Category::Spacing => "spacing",
            Category::Apostrophe => "apostrophe",
            Category::Elision => "elision",
            Category::Untranslated => "untranslated",
            Category::Agreement => "agreement",
            Category::Capitalization => "capitalization",
            Category::Hyphenation => "hyphenation",
            Category::Punctuation => "punctuation",
            Category::Numbers => "numbers",
            Category::Unicode => "unicode",
            Category::Calque => "calque",
            Category::Suppression => "suppression",
            Category::Translation => "translation",
        }
    }

    /// The category named `name`, if any.
    pub fn parse(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a finding is. Every severity counts for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; often a matter of house style.
    Info,
    /// A typographic or translation fault.
    Warning,
    /// Broken text (mojibake, control characters).
    Error,
}

impl Severity {
    /// The lowercase name used in output and rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The severity named `name`, if any.
    pub fn parse(name: &str) -> Option<Severity> {
        match name {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// How far a fix can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Shown as a suggestion, never applied.
    DisplayOnly,
    /// Applied only with `--unsafe-fixes`: probably right, not certain.
    Unsafe,
    /// Applied by `coquille fix`: the fix is unique and certain.
    Safe,
}

impl Applicability {
    /// The name used in output: `safe`, `unsafe`, `display-only`.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }

    /// Parses `safe`, `unsafe` or `display-only`.
    pub fn parse(name: &str) -> Option<Applicability> {
        match name {
            "safe" => Some(Applicability::Safe),
            "unsafe" => Some(Applicability::Unsafe),
            "display-only" => Some(Applicability::DisplayOnly),
            _ => None,
        }
    }
}

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

/// A group of rules across categories, selected by its name. Every rule of
/// a group is off by default: `--select style` turns them on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// Usages that current references accept but a house style may avoid
    /// (`se baser sur`, `finaliser`, `opportunité` for *occasion*): matters
    /// of taste, not errors.
    Style,
}

impl Group {
    /// All groups.
    pub const ALL: [Group; 1] = [Group::Style];

    /// The name used on the command line and in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Style => "style",
        }
    }

    /// The group named `name`.
    pub fn parse(name: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.as_str() == name)
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
    /// All styles.
    pub const ALL: [ApostropheStyle; 3] = [
        ApostropheStyle::Consistent,
        ApostropheStyle::Typographic,
        ApostropheStyle::Straight,
    ];

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
        ApostropheStyle::ALL
            .into_iter()
            .find(|s| s.as_str() == name)
    }
}
