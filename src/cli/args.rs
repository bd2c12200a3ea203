//! Command-line arguments (clap derive).

use crate::output::Format;
use crate::settings::{ApostropheStyle, Profile};
use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A fast linter and fixer for French text: typography faults and the
/// artefacts machine translation leaves behind.
#[derive(Debug, Parser)]
#[command(name = "coquille", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 no findings left, 1 findings left, 2 usage, input or internal error."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files and folders (or `-` for stdin) and report findings.
    Check(CheckArgs),
    /// Apply the safe fixes in place, then report what remains.
    Fix(FixArgs),
    /// List every rule: id, category, default state, fix.
    Rules(RulesArgs),
    /// Explain one rule, with its examples.
    Rule {
        /// The rule id, e.g. `spacing/missing-space-before`.
        id: String,
    },
    /// Print, as TOML, the configuration that applies to a file or folder.
    Config(ConfigArgs),
    /// Print each sentence's words with the reading the tagger chose
    /// (lemma, part of speech, morphology), for rule writers and bug
    /// reports.
    Analyze(AnalyzeArgs),
    /// Run the language server over stdin and stdout, for editors.
    Lsp,
}

/// When to color the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorArg {
    /// Color when writing to a terminal and NO_COLOR is not set.
    #[default]
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

/// Options that decide what runs, shared by `check`, `fix` and `config`.
#[derive(Debug, Args)]
pub struct SelectionArgs {
    /// Use this configuration file for every input (paths inside it are
    /// relative to its folder) instead of the nearest coquille.toml or
    /// .coquille.toml above each file.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    pub no_config: bool,
    /// Rules to run: ids, categories (`spacing`) or `ALL`; comma-separated,
    /// repeatable. Replaces the default set and the configuration's
    /// `select`.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Rules not to run: ids or categories; comma-separated, repeatable.
    /// Added to the configuration's `ignore`.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Spacing strictness [default: the configuration's, else standard].
    #[arg(long, value_enum)]
    pub profile: Option<Profile>,
    /// Apostrophe style [default: the configuration's, else consistent].
    #[arg(long, value_enum)]
    pub apostrophe: Option<ApostropheStyle>,
    /// Words or phrases untranslated/english-* accepts (repeatable, or
    /// comma-separated). Added to the configuration's `allow-words`.
    #[arg(long, value_delimiter = ',', value_name = "WORD")]
    pub allow_word: Vec<String>,
    /// Check files with these extensions too when walking folders (besides
    /// txt, md, markdown, po, pot, xlf, xliff and the configuration's
    /// `extensions`);
    /// comma-separated, repeatable.
    #[arg(long = "ext", value_delimiter = ',', value_name = "EXT")]
    pub extensions: Vec<String>,
    /// Skip files and folders matching this glob (also files named
    /// explicitly); repeatable. Added to the configuration's `exclude`.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

/// Options shared by `check` and `fix`.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// What runs: configuration, rules, profile, words, files.
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// The name to show for text read from stdin (its extension also picks
    /// how it is read, and its folder where the configuration is found).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// When to color the output.
    #[arg(long, value_enum, default_value_t)]
    pub color: ColorArg,
    /// Print only the findings: no summary, no progress notes.
    #[arg(short, long)]
    pub quiet: bool,
    /// Exit 0 even when findings remain (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Threads checking files (or records) at once; 0 means one per core.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Print a table of findings per rule (count, fixable) instead of the
    /// findings.
    #[arg(long)]
    pub statistics: bool,
    /// Read JSON Lines: check the string field FIELD of each line (one
    /// document per line); with `fix`, write the corpus back with that
    /// field fixed.
    #[arg(long, value_name = "FIELD")]
    pub jsonl: Option<String>,
    /// Read every input as this format instead of choosing by extension
    /// (`.xlf` XLIFF, `.xml` under `values*/` Android, `.json` JSON
    /// resources, `.po` gettext, `.md` Markdown, the rest text).
    #[arg(long, value_name = "FORMAT", value_parser = ["text", "markdown", "po", "xliff", "android", "json"])]
    pub format_in: Option<String>,
    /// The source-language file the inputs translate (Android or JSON
    /// resources), for the `translation/*` checks; without it,
    /// `values-xx/strings.xml` is paired with `values/strings.xml` and
    /// `xx.json` with `en.json` (or `xx/name.json` with `en/name.json`)
    /// when those exist.
    #[arg(long, value_name = "PATH")]
    pub source_file: Option<PathBuf>,
}

/// `coquille check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check; `-` reads stdin; none means `.`.
    pub paths: Vec<PathBuf>,
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `coquille fix`.
#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files and folders to fix; `-` reads stdin and writes the fixed text
    /// to stdout; none means `.`.
    pub paths: Vec<PathBuf>,
    /// Also apply unsafe fixes.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of the fixes and write nothing (exit 1 if
    /// something would change).
    #[arg(long)]
    pub diff: bool,
    /// Report only what was fixed, not the findings left.
    ///
    /// One line per changed file; the exit code is 0 unless an error
    /// occurs. For a fix hook followed by a check hook (pre-commit).
    #[arg(long, conflicts_with = "diff")]
    pub fixes_only: bool,
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `coquille rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Print the list as JSON.
    #[arg(long, conflicts_with = "markdown")]
    pub json: bool,
    /// Print the full rule reference in Markdown (as in `docs/rules.md`).
    #[arg(long)]
    pub markdown: bool,
}

/// `coquille config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The file or folder to show the configuration of; none means `.`.
    pub path: Option<PathBuf>,
    /// What a `check` with these options would run.
    #[command(flatten)]
    pub selection: SelectionArgs,
}

/// Output format of `coquille analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum AnalyzeFormat {
    /// CoNLL-U: ID, FORM, LEMMA, UPOS, XPOS, FEATS (the rest `_`), a blank
    /// line after each sentence, contractions as UD writes them.
    #[default]
    Conllu,
    /// JSON Lines: one object per token, with its byte span in the file.
    Json,
}

/// `coquille analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// The file to analyse; `-` or none reads stdin.
    pub path: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: AnalyzeFormat,
}

/// `--profile`: the names of [`Profile`], with their help.
impl ValueEnum for Profile {
    fn value_variants<'a>() -> &'a [Self] {
        &Profile::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            Profile::Lenient => "Accept any space where a no-break space belongs",
            Profile::Standard => "Require U+00A0 or U+202F where a no-break space belongs",
            Profile::Strict => "Require U+202F before `; ! ?`, U+00A0 before `:` and inside « »",
        };
        Some(PossibleValue::new(self.as_str()).help(help))
    }
}

/// `--apostrophe`: the names of [`ApostropheStyle`], with their help.
impl ValueEnum for ApostropheStyle {
    fn value_variants<'a>() -> &'a [Self] {
        &ApostropheStyle::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            ApostropheStyle::Consistent => "One style per file: flag the minority style",
            ApostropheStyle::Typographic => "The typographic apostrophe ’ everywhere",
            ApostropheStyle::Straight => "The straight apostrophe ' everywhere",
        };
        Some(PossibleValue::new(self.as_str()).help(help))
    }
}
