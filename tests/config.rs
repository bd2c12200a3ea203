//! Configuration files: discovery, every key, precedence of the command
//! line, errors, and `coquille config`. Each test builds a project in a
//! temporary folder and runs the built binary there.

mod common;

use common::{code, output_with_stdin, stderr, stdout};
use std::path::Path;
use std::process::{Command, Output};

/// `Bonjour!` (spacing), `"oui"` (quotes), `shock` (English).
const FAULTY: &str = "Bonjour!\nIl a dit \"oui\".\nVisite de shock.\n";

const SPACING: &str = "spacing/missing-space-before";
const QUOTES: &str = "quotes/straight-quotes";
const ENGLISH: &str = "untranslated/english-word";

/// A temporary project holding `files` (path → contents).
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    dir
}

fn write(root: &Path, name: &str, text: &str) {
    let path = root.join(name);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn coquille(cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_coquille"));
    cmd.env_remove("NO_COLOR").current_dir(cwd);
    cmd
}

/// Runs `coquille args…` in `cwd`.
fn run(cwd: &Path, args: &[&str]) -> Output {
    coquille(cwd).args(args).output().expect("coquille runs")
}

/// Runs `coquille args…` in `cwd` with `input` on stdin.
fn run_stdin(cwd: &Path, args: &[&str], input: &str) -> Output {
    output_with_stdin(coquille(cwd).args(args), input.as_bytes())
}

/// One finding of the JSON output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    path: String,
    rule: String,
    severity: String,
}

/// `coquille check --format json args…` in `cwd`: the findings, sorted.
fn findings(cwd: &Path, args: &[&str]) -> Vec<Finding> {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let o = run(cwd, &all);
    assert!(code(&o) < 2, "exit {}: {}", code(&o), stderr(&o));
    parse_findings(&stdout(&o))
}

fn parse_findings(json: &str) -> Vec<Finding> {
    let items: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    let field = |item: &serde_json::Value, key: &str| {
        item[key].as_str().expect("a string field").to_string()
    };
    let mut out: Vec<Finding> = items
        .as_array()
        .expect("an array")
        .iter()
        .map(|item| Finding {
            path: field(item, "path").replace('\\', "/"),
            rule: field(item, "rule"),
            severity: field(item, "severity"),
        })
        .collect();
    out.sort();
    out
}

/// The rules found in file `path` (as printed).
fn rules_in(found: &[Finding], path: &str) -> Vec<String> {
    found
        .iter()
        .filter(|f| f.path == path)
        .map(|f| f.rule.clone())
        .collect()
}

/// The paths with findings.
fn paths(found: &[Finding]) -> Vec<String> {
    let mut out: Vec<String> = found.iter().map(|f| f.path.clone()).collect();
    out.dedup();
    out
}

fn sorted(rules: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = rules.iter().map(|r| r.to_string()).collect();
    out.sort();
    out
}

/// The run failed before checking anything, with exactly one `error:`
/// line naming `file` and containing each of `needles`.
fn assert_config_error(o: &Output, file: &str, needles: &[&str]) {
    let err = stderr(o);
    assert_eq!(code(o), 2, "stderr: {err}");
    assert!(stdout(o).is_empty(), "something was checked: {}", stdout(o));
    assert!(!err.contains("panicked"), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].starts_with(&format!("error: {file}: ")),
        "`{file}` not named first in {err}"
    );
    for needle in needles {
        assert!(lines[0].contains(needle), "`{needle}` not in {err}");
    }
}

#[test]
fn without_configuration_every_fault_is_found() {
    let dir = project(&[("a.txt", FAULTY)]);
    assert_eq!(
        rules_in(&findings(dir.path(), &["a.txt"]), "a.txt"),
        sorted(&[SPACING, QUOTES, ENGLISH])
    );
}

#[test]
fn the_nearest_configuration_wins() {
    let dir = project(&[
        ("coquille.toml", "ignore = [\"quotes\"]\n"),
        ("docs/sub/coquille.toml", "ignore = [\"spacing\"]\n"),
        ("a.txt", FAULTY),
        ("docs/b.txt", FAULTY),
        ("docs/sub/c.txt", FAULTY),
    ]);
    let found = findings(dir.path(), &[]);
    assert_eq!(rules_in(&found, "./a.txt"), sorted(&[SPACING, ENGLISH]));
    assert_eq!(
        rules_in(&found, "./docs/b.txt"),
        sorted(&[SPACING, ENGLISH])
    );
    assert_eq!(
        rules_in(&found, "./docs/sub/c.txt"),
        sorted(&[QUOTES, ENGLISH])
    );
    // Discovery starts from each file's folder, not the current folder.
    let found = findings(&dir.path().join("docs"), &["sub/c.txt", "b.txt"]);
    assert_eq!(rules_in(&found, "sub/c.txt"), sorted(&[QUOTES, ENGLISH]));
    assert_eq!(rules_in(&found, "b.txt"), sorted(&[SPACING, ENGLISH]));
    let found = findings(&dir.path().join("docs/sub"), &["../../a.txt"]);
    assert_eq!(rules_in(&found, "../../a.txt"), sorted(&[SPACING, ENGLISH]));
}

#[test]
fn a_hidden_configuration_file_is_found_too() {
    let dir = project(&[
        ("docs/.coquille.toml", "select = [\"untranslated\"]\n"),
        ("docs/a.txt", FAULTY),
    ]);
    let found = findings(dir.path(), &["docs/a.txt"]);
    assert_eq!(rules_in(&found, "docs/a.txt"), sorted(&[ENGLISH]));
}

#[test]
fn two_configuration_files_in_one_folder_are_an_error() {
    let dir = project(&[
        ("docs/coquille.toml", "ignore = [\"quotes\"]\n"),
        ("docs/.coquille.toml", "ignore = [\"spacing\"]\n"),
        ("docs/a.txt", FAULTY),
        ("b.txt", FAULTY),
    ]);
    let o = run(dir.path(), &["check", "b.txt", "docs/a.txt"]);
    assert_config_error(
        &o,
        "docs/coquille.toml and docs/.coquille.toml",
        &["keep one"],
    );
}

#[test]
fn config_flag_uses_one_file_for_every_input() {
    let dir = project(&[
        (
            "settings/house.toml",
            "select = [\"untranslated\"]\nexclude = [\"*.old.txt\"]\nallow-words-files = [\"words.txt\"]\n",
        ),
        ("settings/words.txt", "# house words\nshock\n"),
        ("docs/coquille.toml", "select = [\"quotes\"]\n"),
        ("docs/a.txt", FAULTY),
        ("docs/b.txt", "Une réunion of the comité.\n"),
        ("docs/c.old.txt", "Une réunion of the comité.\n"),
    ]);
    // The discovered docs/coquille.toml is not read; words.txt is found
    // next to house.toml, so `shock` is accepted; c.old.txt is excluded.
    let found = findings(dir.path(), &["--config", "settings/house.toml", "docs"]);
    assert_eq!(paths(&found), vec!["docs/b.txt"]);
    assert_eq!(
        rules_in(&found, "docs/b.txt"),
        sorted(&["untranslated/english-phrase"])
    );
    // Globs are relative to the given file's folder, whatever the current
    // folder.
    write(dir.path(), "house.toml", "exclude = [\"docs/a.txt\"]\n");
    let docs = dir.path().join("docs");
    let found = findings(&docs, &["--config", "../house.toml", "a.txt", "b.txt"]);
    assert_eq!(paths(&found), vec!["b.txt"]);
    let o = run(
        dir.path(),
        &["check", "--config", "settings/missing.toml", "docs"],
    );
    assert_config_error(
        &o,
        "settings/missing.toml",
        &["cannot read", "no such file"],
    );
}

#[test]
fn no_config_flag_ignores_configuration_files() {
    let dir = project(&[
        ("coquille.toml", "select = [\"quotes\"]\n"),
        ("docs/coquille.toml", "selekt = [\"quotes\"]\n"),
        ("a.txt", FAULTY),
        ("docs/b.txt", FAULTY),
    ]);
    assert_eq!(
        rules_in(&findings(dir.path(), &["a.txt"]), "a.txt"),
        sorted(&[QUOTES])
    );
    let found = findings(dir.path(), &["--no-config", "a.txt", "docs/b.txt"]);
    assert_eq!(
        rules_in(&found, "a.txt"),
        sorted(&[SPACING, QUOTES, ENGLISH])
    );
    assert_eq!(
        rules_in(&found, "docs/b.txt"),
        sorted(&[SPACING, QUOTES, ENGLISH])
    );
    let o = run(
        dir.path(),
        &["check", "--no-config", "--config", "x", "a.txt"],
    );
    assert_eq!(code(&o), 2);
}

#[test]
fn select_and_ignore_keys() {
    let dir = project(&[
        (
            "coquille.toml",
            "select = [\"spacing\", \"untranslated\"]\nignore = [\"untranslated/english-word\"]\n",
        ),
        ("a.txt", FAULTY),
    ]);
    assert_eq!(
        rules_in(&findings(dir.path(), &["a.txt"]), "a.txt"),
        sorted(&[SPACING])
    );
}

#[test]
fn profile_key_and_the_command_line_over_it() {
    // An ordinary space before `!`: flagged in the standard profile only.
    let text = "Bonjour !\n";
    let dir = project(&[("a.txt", text)]);
    let breakable = sorted(&["spacing/breakable-space"]);
    assert_eq!(
        rules_in(&findings(dir.path(), &["a.txt"]), "a.txt"),
        breakable
    );
    write(dir.path(), "coquille.toml", "profile = \"lenient\"\n");
    assert!(findings(dir.path(), &["a.txt"]).is_empty());
    let found = findings(dir.path(), &["--profile", "standard", "a.txt"]);
    assert_eq!(rules_in(&found, "a.txt"), breakable);
}

#[test]
fn apostrophe_key_and_the_command_line_over_it() {
    let dir = project(&[("a.txt", "C'est l'été.\n")]);
    assert!(findings(dir.path(), &["a.txt"]).is_empty());
    write(
        dir.path(),
        "coquille.toml",
        "apostrophe = \"typographic\"\n",
    );
    let found = findings(dir.path(), &["a.txt"]);
    assert_eq!(
        rules_in(&found, "a.txt"),
        sorted(&["apostrophe/style", "apostrophe/style"])
    );
    let found = findings(dir.path(), &["--apostrophe", "straight", "a.txt"]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn extensions_key_adds_to_the_defaults_and_to_ext() {
    let dir = project(&[
        ("a.txt", FAULTY),
        ("b.rst", FAULTY),
        ("c.adoc", FAULTY),
        ("d.po", "msgid \"Hello!\"\nmsgstr \"Bonjour!\"\n"),
    ]);
    assert_eq!(paths(&findings(dir.path(), &[])), vec!["./a.txt", "./d.po"]);
    write(dir.path(), "coquille.toml", "extensions = [\".RST\"]\n");
    assert_eq!(
        paths(&findings(dir.path(), &[])),
        vec!["./a.txt", "./b.rst", "./d.po"]
    );
    assert_eq!(
        paths(&findings(dir.path(), &["--ext", "adoc"])),
        vec!["./a.txt", "./b.rst", "./c.adoc", "./d.po"]
    );
}

#[test]
fn exclude_key_applies_to_walks_and_to_explicit_paths() {
    let dir = project(&[
        (
            "coquille.toml",
            "exclude = [\"drafts\", \"docs/legacy/**\", \"*.old.txt\"]\n",
        ),
        ("a.txt", FAULTY),
        ("drafts/b.txt", FAULTY),
        ("docs/legacy/c.txt", FAULTY),
        ("docs/d.txt", FAULTY),
        ("docs/e.old.txt", FAULTY),
    ]);
    assert_eq!(
        paths(&findings(dir.path(), &[])),
        vec!["./a.txt", "./docs/d.txt"]
    );
    // pre-commit passes file names.
    let o = run(
        dir.path(),
        &[
            "check",
            "drafts/b.txt",
            "docs/legacy/c.txt",
            "docs/e.old.txt",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    // From another folder, the globs stay relative to the configuration's.
    let docs = dir.path().join("docs");
    let o = run(&docs, &["check", "legacy/c.txt", "e.old.txt", "../drafts"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(paths(&findings(&docs, &["d.txt"])), vec!["d.txt"]);
    // --exclude adds to the configuration's list.
    assert_eq!(
        paths(&findings(dir.path(), &["--exclude", "docs"])),
        vec!["./a.txt"]
    );
}

#[test]
fn per_file_ignores_key() {
    let dir = project(&[
        (
            "coquille.toml",
            "[per-file-ignores]\n\"*.md\" = [\"spacing\"]\n\"legacy\" = [\"quotes\", \"untranslated/english-word\"]\n\"docs/notes.txt\" = [\"untranslated\"]\n",
        ),
        ("a.txt", FAULTY),
        ("b.md", FAULTY),
        ("legacy/c.txt", FAULTY),
        ("docs/notes.txt", FAULTY),
    ]);
    let found = findings(dir.path(), &[]);
    assert_eq!(
        rules_in(&found, "./a.txt"),
        sorted(&[SPACING, QUOTES, ENGLISH])
    );
    assert_eq!(rules_in(&found, "./b.md"), sorted(&[QUOTES, ENGLISH]));
    assert_eq!(rules_in(&found, "./legacy/c.txt"), sorted(&[SPACING]));
    assert_eq!(
        rules_in(&found, "./docs/notes.txt"),
        sorted(&[SPACING, QUOTES])
    );
    // Relative to the configuration's folder from anywhere.
    let found = findings(&dir.path().join("docs"), &["notes.txt"]);
    assert_eq!(rules_in(&found, "notes.txt"), sorted(&[SPACING, QUOTES]));
}

#[test]
fn allow_words_key_accepts_words_and_phrases() {
    let text = "Visite de shock. Le deep learning progresse, le learning aussi.\n";
    let dir = project(&[("a.txt", text)]);
    let english = |args: &[&str]| {
        findings(dir.path(), args)
            .iter()
            .filter(|f| f.rule == ENGLISH)
            .count()
    };
    assert_eq!(english(&["a.txt"]), 3);
    write(
        dir.path(),
        "coquille.toml",
        "allow-words = [\"SHOCK\", \"Deep Learning\"]\n",
    );
    // `learning` alone is still English.
    assert_eq!(english(&["a.txt"]), 1);
    // --allow-word adds to the list.
    assert_eq!(english(&["--allow-word", "learning", "a.txt"]), 0);
}

#[test]
fn allow_words_files_key() {
    let dir = project(&[
        (
            "docs/coquille.toml",
            "allow-words-files = [\"../words/house.txt\", \"extra.txt\"]\n",
        ),
        (
            "words/house.txt",
            "# Words of the house\n\nshock   # kept in English\n  deep learning\n",
        ),
        ("docs/extra.txt", "learning\n"),
        (
            "docs/a.txt",
            "Visite de shock. Le deep learning progresse, le learning aussi.\n",
        ),
    ]);
    let found = findings(dir.path(), &["docs/a.txt"]);
    assert!(found.is_empty(), "{found:?}");
    write(
        dir.path(),
        "docs/coquille.toml",
        "allow-words-files = [\"../words/house.txt\"]\n",
    );
    assert_eq!(
        rules_in(&findings(dir.path(), &["docs/a.txt"]), "docs/a.txt"),
        sorted(&[ENGLISH])
    );
}

#[test]
fn rule_severity_key_shows_in_json_and_fix() {
    let dir = project(&[
        (
            "coquille.toml",
            "[rules.\"untranslated/english-word\"]\nseverity = \"info\"\n\n[rules.\"spacing/missing-space-before\"]\nseverity = \"error\"\n",
        ),
        ("a.txt", FAULTY),
    ]);
    let found = findings(dir.path(), &["a.txt"]);
    let severity = |rule: &str| {
        found
            .iter()
            .find(|f| f.rule == rule)
            .map(|f| f.severity.clone())
            .unwrap_or_default()
    };
    assert_eq!(severity(ENGLISH), "info");
    assert_eq!(severity(SPACING), "error");
    assert_eq!(severity(QUOTES), "warning");
    // The findings left by `fix` get the same severities.
    let o = run(
        dir.path(),
        &[
            "fix",
            "--format",
            "json",
            "--select",
            "untranslated",
            "a.txt",
        ],
    );
    let left = parse_findings(&stdout(&o));
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0].severity, "info");
}

#[test]
fn command_line_select_replaces_and_ignore_adds() {
    let dir = project(&[
        (
            "coquille.toml",
            "select = [\"quotes\", \"spacing\"]\nignore = [\"quotes\"]\n",
        ),
        ("a.txt", FAULTY),
    ]);
    assert_eq!(
        rules_in(&findings(dir.path(), &["a.txt"]), "a.txt"),
        sorted(&[SPACING])
    );
    let found = findings(dir.path(), &["--select", "untranslated,spacing", "a.txt"]);
    assert_eq!(rules_in(&found, "a.txt"), sorted(&[SPACING, ENGLISH]));
    let found = findings(dir.path(), &["--ignore", "spacing", "a.txt"]);
    assert!(found.is_empty(), "{found:?}");
    // The configuration's ignore still holds under --select.
    let found = findings(dir.path(), &["--select", "quotes,untranslated", "a.txt"]);
    assert_eq!(rules_in(&found, "a.txt"), sorted(&[ENGLISH]));
}

#[test]
fn stdin_finds_the_configuration_from_its_file_name() {
    let dir = project(&[
        (
            "docs/coquille.toml",
            "ignore = [\"quotes\"]\n[per-file-ignores]\n\"*.md\" = [\"spacing\"]\n",
        ),
        ("coquille.toml", "select = [\"untranslated\"]\n"),
    ]);
    let check = |cwd: &Path, extra: &[&str]| {
        let mut args = vec!["check", "--format", "json", "-"];
        args.extend_from_slice(extra);
        let o = run_stdin(cwd, &args, FAULTY);
        assert!(code(&o) < 2, "{}", stderr(&o));
        parse_findings(&stdout(&o))
            .into_iter()
            .map(|f| f.rule)
            .collect::<Vec<_>>()
    };
    // No name: the current folder's configuration.
    assert_eq!(check(dir.path(), &[]), sorted(&[ENGLISH]));
    assert_eq!(
        check(&dir.path().join("docs"), &[]),
        sorted(&[SPACING, ENGLISH])
    );
    // A name: its folder's configuration, and per-file-ignores.
    assert_eq!(
        check(dir.path(), &["--stdin-filename", "docs/a.txt"]),
        sorted(&[SPACING, ENGLISH])
    );
    assert_eq!(
        check(dir.path(), &["--stdin-filename", "docs/a.md"]),
        sorted(&[ENGLISH])
    );
    // `fix -` is a filter: an excluded name still gets its text back.
    write(dir.path(), "docs/coquille.toml", "exclude = [\"*.txt\"]\n");
    let o = run_stdin(
        dir.path(),
        &["fix", "-", "--stdin-filename", "docs/a.txt", "--quiet"],
        "Bonjour!\n",
    );
    assert_eq!(stdout(&o), "Bonjour\u{202F}!\n");
}

#[test]
fn each_error_stops_the_run_with_one_line_naming_file_and_key() {
    let cases: &[(&str, &[&str])] = &[
        ("selekt = [\"quotes\"]\n", &["unknown key `selekt`"]),
        (
            "[rules.\"spacing/repeated-spaces\"]\nsevrity = \"info\"\n",
            &["unknown key `rules.\"spacing/repeated-spaces\".sevrity`"],
        ),
        ("select = \"quotes\"\n", &["key `select`", "invalid type"]),
        (
            "ignore = [\n  \"quotes\",\n  3,\n]\n",
            &["key `ignore`", "invalid type"],
        ),
        ("profile = \"loose\"\n", &["key `profile`", "`loose`"]),
        ("apostrophe = \"curly\"\n", &["key `apostrophe`", "`curly`"]),
        ("select = [\"nope\"]\n", &["key `select`", "`nope`"]),
        (
            "ignore = [\"spacing/nope\"]\n",
            &["key `ignore`", "`spacing/nope`"],
        ),
        (
            "exclude = [\"a[\"]\n",
            &["key `exclude`", "invalid glob `a[`"],
        ),
        (
            "[per-file-ignores]\n\"*.md\" = [\"nope\"]\n",
            &["key `per-file-ignores.\"*.md\"`", "`nope`"],
        ),
        (
            "[per-file-ignores]\n\"a[\" = [\"quotes\"]\n",
            &["key `per-file-ignores.\"a[\"`", "invalid glob"],
        ),
        (
            "[rules.\"spacing/nope\"]\nseverity = \"info\"\n",
            &["key `rules.\"spacing/nope\"`", "unknown rule"],
        ),
        (
            "[rules.quotes]\nseverity = \"info\"\n",
            &["key `rules.quotes`", "not a category"],
        ),
        (
            "[rules.\"spacing/repeated-spaces\"]\nseverity = \"fatal\"\n",
            &[
                "key `rules.\"spacing/repeated-spaces\".severity`",
                "`fatal`",
            ],
        ),
        (
            "allow-words-files = [\"missing.txt\"]\n",
            &["key `allow-words-files`", "missing.txt", "no such file"],
        ),
        ("extensions = [\"\"]\n", &["key `extensions`"]),
        ("select = [\n", &["invalid TOML at line 1"]),
        (
            "select = [\"quotes\"]\nselect = []\n",
            &["invalid TOML at line 2"],
        ),
    ];
    for (text, needles) in cases {
        let dir = project(&[
            ("docs/coquille.toml", text),
            ("docs/a.txt", FAULTY),
            ("b.txt", FAULTY),
        ]);
        // b.txt comes first and has no configuration: still not checked.
        let o = run(dir.path(), &["check", "b.txt", "docs"]);
        assert_config_error(&o, "docs/coquille.toml", needles);
        let o = run(dir.path(), &["config", "docs/a.txt"]);
        assert_config_error(&o, "docs/coquille.toml", needles);
    }
    // A file that is not UTF-8.
    let dir = project(&[("a.txt", FAULTY)]);
    std::fs::write(dir.path().join("coquille.toml"), b"select = [\"\xff\"]\n").expect("write");
    let o = run(dir.path(), &["fix", "a.txt"]);
    assert_config_error(&o, "coquille.toml", &["cannot read"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).expect("read"),
        FAULTY,
        "nothing is fixed"
    );
}

/// `coquille config args…` in `cwd`, parsed.
fn config(cwd: &Path, args: &[&str]) -> toml::Table {
    let mut all = vec!["config"];
    all.extend_from_slice(args);
    let o = run(cwd, &all);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    stdout(&o).parse().expect("valid TOML")
}

fn strings(table: &toml::Table, key: &str) -> Vec<String> {
    table[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{key}` is an array"))
        .iter()
        .map(|v| v.as_str().expect("a string").to_string())
        .collect()
}

#[test]
fn config_command_prints_the_effective_configuration() {
    let dir = project(&[
        (
            "docs/coquille.toml",
            "profile = \"strict\"\napostrophe = \"typographic\"\nselect = [\"spacing\", \"quotes\"]\n\
             ignore = [\"quotes/stray-mark\"]\nextensions = [\"rst\"]\nexclude = [\"drafts\"]\n\
             allow-words = [\"Shock\"]\nallow-words-files = [\"words.txt\"]\n\n\
             [per-file-ignores]\n\"*.md\" = [\"spacing\"]\n\n\
             [rules.\"quotes/straight-quotes\"]\nseverity = \"error\"\n",
        ),
        ("docs/words.txt", "deep learning\n"),
        ("docs/a.md", "Texte.\n"),
        ("docs/drafts/b.txt", "Texte.\n"),
    ]);
    let shown = config(dir.path(), &["docs"]);
    assert_eq!(shown["config-file"].as_str(), Some("docs/coquille.toml"));
    assert_eq!(shown["profile"].as_str(), Some("strict"));
    assert_eq!(shown["apostrophe"].as_str(), Some("typographic"));
    assert_eq!(strings(&shown, "select"), ["spacing", "quotes"]);
    assert_eq!(strings(&shown, "ignore"), ["quotes/stray-mark"]);
    assert_eq!(
        strings(&shown, "extensions"),
        ["txt", "md", "markdown", "po", "pot", "xlf", "xliff", "rst"]
    );
    assert_eq!(strings(&shown, "exclude"), ["drafts"]);
    assert_eq!(strings(&shown, "allow-words"), ["deep learning", "shock"]);
    assert_eq!(strings(&shown, "allow-words-files"), ["words.txt"]);
    assert_eq!(
        shown["per-file-ignores"]["*.md"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(
        shown["rules"]["quotes/straight-quotes"]["severity"].as_str(),
        Some("error")
    );
    let enabled = strings(&shown, "enabled-rules");
    assert!(
        enabled.contains(&"spacing/nbsp-kind".to_string()),
        "{enabled:?}"
    );
    assert!(enabled.contains(&QUOTES.to_string()));
    assert!(!enabled.contains(&"quotes/stray-mark".to_string()));
    assert!(!enabled.contains(&ENGLISH.to_string()));
    let mut by_name = enabled.clone();
    by_name.sort();
    assert_eq!(enabled, by_name, "sorted");

    // For a file, per-file-ignores apply.
    let file = config(dir.path(), &["docs/a.md"]);
    assert_eq!(file["excluded"].as_bool(), Some(false));
    let enabled = strings(&file, "enabled-rules");
    assert!(
        enabled.iter().all(|r| !r.starts_with("spacing/")),
        "{enabled:?}"
    );
    assert!(enabled.contains(&QUOTES.to_string()));
    let drafted = config(dir.path(), &["docs/drafts/b.txt"]);
    assert_eq!(drafted["excluded"].as_bool(), Some(true));

    // The command line shows what it would change.
    let cli = config(
        &dir.path().join("docs"),
        &[
            "--select",
            "untranslated",
            "--profile",
            "lenient",
            "--ignore",
            "quotes",
            "a.md",
        ],
    );
    assert_eq!(cli["profile"].as_str(), Some("lenient"));
    assert_eq!(
        strings(&cli, "enabled-rules"),
        [
            "untranslated/english-eg",
            "untranslated/english-ie",
            "untranslated/english-missus",
            "untranslated/english-mister",
            "untranslated/english-phrase",
            "untranslated/english-word",
        ]
    );
    let none = config(dir.path(), &["--no-config", "docs"]);
    assert!(none.get("config-file").is_none());
    assert_eq!(none["profile"].as_str(), Some("standard"));
    let o = run(dir.path(), &["config", "--no-config"]);
    assert!(stdout(&o).contains("--no-config"), "{}", stdout(&o));

    // Nothing found.
    let empty = project(&[]);
    let o = run(empty.path(), &["config"]);
    assert_eq!(code(&o), 0);
    assert!(
        stdout(&o).contains("no configuration file found"),
        "{}",
        stdout(&o)
    );
    let o = run(empty.path(), &["config", "missing.txt"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with("error: missing.txt: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn many_files_share_one_configuration() {
    // Many files in several folders under one configuration (read once,
    // one linter): every file gets its settings.
    let mut files: Vec<(String, String)> = (0..200)
        .map(|i| (format!("d{}/f{i}.txt", i % 7), FAULTY.to_string()))
        .collect();
    files.push((
        "coquille.toml".into(),
        "ignore = [\"quotes\", \"spacing\"]\n".into(),
    ));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = project(&refs);
    let found = findings(dir.path(), &[]);
    assert_eq!(found.len(), 200);
    assert!(found.iter().all(|f| f.rule == ENGLISH));
}

#[test]
fn formats_read_files_matching_a_glob_as_one_format() {
    // A JSON resource with a `.txt` name: read as JSON, its key (`Salut!`)
    // is not checked; read as text, it is.
    let json = "{\"Salut!\": \"Bonjour!\"}\n";
    let dir = project(&[
        ("coquille.toml", "[formats]\n\"i18n/*.txt\" = \"json\"\n"),
        ("i18n/fr.txt", json),
        ("notes.txt", json),
    ]);
    let found = findings(dir.path(), &["i18n/fr.txt", "notes.txt"]);
    assert_eq!(rules_in(&found, "i18n/fr.txt"), sorted(&[SPACING]));
    assert_eq!(rules_in(&found, "notes.txt"), sorted(&[SPACING, SPACING]));
    // `--format-in` wins over the configuration.
    let forced = findings(dir.path(), &["--format-in", "text", "i18n/fr.txt"]);
    assert_eq!(
        rules_in(&forced, "i18n/fr.txt"),
        sorted(&[SPACING, SPACING])
    );
    // A large file is read in parts only as plain text.
    let o = coquille(dir.path())
        .env("COQUILLE_LARGE_FILE", "8")
        .args(["check", "--format", "json", "i18n/fr.txt"])
        .output()
        .expect("coquille runs");
    let large = parse_findings(&stdout(&o));
    assert_eq!(
        rules_in(&large, "i18n/fr.txt"),
        sorted(&[SPACING]),
        "{large:?}"
    );
    // `coquille config` shows the table.
    let shown = stdout(&run(dir.path(), &["config", "i18n/fr.txt"]));
    assert!(
        shown.contains("\n[formats]\n\"i18n/*.txt\" = \"json\"\n"),
        "{shown}"
    );
}

#[test]
fn an_unknown_format_is_a_configuration_error() {
    let dir = project(&[
        ("coquille.toml", "[formats]\n\"*.strings\" = \"apple\"\n"),
        ("a.txt", FAULTY),
    ]);
    let o = run(dir.path(), &["check", "a.txt"]);
    assert_config_error(
        &o,
        "coquille.toml",
        &["key `formats.\"*.strings\"`", "unknown format `apple`"],
    );
}

#[test]
fn sources_pair_translations_with_their_source_files() {
    // `app.fr.json` translates `app.json`, a layout coquille does not
    // guess: the number 30 of the source is missing from the translation.
    let dir = project(&[
        (
            "coquille.toml",
            "[sources]\n\"i18n/*.fr.json\" = \"i18n/{stem}.json\"\n",
        ),
        ("i18n/app.json", "{\"wait\": \"Wait 30 seconds\"}\n"),
        ("i18n/app.fr.json", "{\"wait\": \"Attendez 20 secondes\"}\n"),
    ]);
    let found = findings(dir.path(), &["--select", "translation", "i18n/app.fr.json"]);
    assert_eq!(
        rules_in(&found, "i18n/app.fr.json"),
        sorted(&["translation/number"])
    );
    let alone = findings(
        dir.path(),
        &["--no-config", "--select", "translation", "i18n/app.fr.json"],
    );
    assert!(alone.is_empty(), "{alone:?}");
    // A configured source file that is missing is an error.
    std::fs::remove_file(dir.path().join("i18n/app.json")).expect("remove");
    let o = run(dir.path(), &["check", "i18n/app.fr.json"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("app.json"), "{}", stderr(&o));
}
