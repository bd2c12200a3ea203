//! Translation files on the command line: XLIFF, Android resources and
//! JSON resource files are read by extension (or `--format-in`), findings
//! point into targets only, fixes keep the file parseable and everything
//! outside the targets byte for byte, and a malformed file is refused.

mod common;

use common::{code, output_with_stdin, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/translation")
}

fn coquille(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coquille"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("coquille runs")
}

/// The findings of `check --format json` on `file`: (rule, byte start,
/// byte end).
fn findings(file: &str, extra: &[&str]) -> Vec<(String, usize, usize)> {
    let mut args = vec!["check", "--format", "json", "--no-config", file];
    args.extend_from_slice(extra);
    let out = coquille(&args, &fixtures());
    assert_ne!(code(&out), 2, "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON output");
    let offset = |v: &serde_json::Value| v["offset"].as_u64().expect("an offset") as usize;
    value
        .as_array()
        .expect("an array of findings")
        .iter()
        .map(|d| {
            let rule = d["rule"].as_str().expect("a rule").to_string();
            (rule, offset(&d["start"]), offset(&d["end"]))
        })
        .collect()
}

/// The byte ranges of the elements named `tag` (content only).
fn element_contents(text: &str, tag: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = text[at..].find(&format!("<{tag}")) {
        let open = at + open;
        let Some(gt) = text[open..].find('>') else {
            break;
        };
        let start = open + gt + 1;
        let Some(close) = text[start..].find(&format!("</{tag}>")) else {
            break;
        };
        out.push(start..start + close);
        at = start + close;
    }
    out
}

fn inside_any(ranges: &[std::ops::Range<usize>], start: usize, end: usize) -> bool {
    ranges.iter().any(|r| r.start <= start && end <= r.end)
}

#[test]
fn xliff_findings_are_in_targets_at_exact_bytes() {
    let text = std::fs::read_to_string(fixtures().join("app.xlf")).expect("fixture");
    let found = findings("app.xlf", &[]);
    let targets = element_contents(&text, "target");
    assert!(!found.is_empty());
    for (rule, start, end) in &found {
        assert!(
            inside_any(&targets, *start, *end),
            "{rule} outside a target: {}",
            &text[*start..*end]
        );
    }
    // The `?` after the placeholder and the straight quote before it.
    let question = text.find("\"%s\"?</target>").expect("fixture") + 4;
    assert!(
        found.contains(&(
            "spacing/missing-space-before".into(),
            question,
            question + 1
        )),
        "{found:?}"
    );
    // Nothing in the unit marked translate="no".
    let brand = text.find("Coquille!</target>").expect("fixture");
    assert!(found.iter().all(|f| !(brand..brand + 20).contains(&f.1)));
}

#[test]
fn android_and_json_findings_skip_names_keys_and_untranslatable() {
    let text =
        std::fs::read_to_string(fixtures().join("res/values-fr/strings.xml")).expect("fixture");
    let found = findings("res/values-fr/strings.xml", &[]);
    let mut strings = element_contents(&text, "string");
    strings.extend(element_contents(&text, "item"));
    let untranslatable = text.find("Coquille!").expect("fixture");
    for (rule, start, end) in &found {
        assert!(
            inside_any(&strings, *start, *end),
            "{rule}: {}",
            &text[*start..*end]
        );
        assert!(
            *start < untranslatable || *start > untranslatable + 9,
            "{rule} in a translatable=false string"
        );
    }
    let bang = text.find("</xliff:g>!").expect("fixture") + "</xliff:g>".len();
    assert!(
        found.contains(&("spacing/missing-space-before".into(), bang, bang + 1)),
        "{found:?}"
    );

    let text = std::fs::read_to_string(fixtures().join("locales/fr.json")).expect("fixture");
    let found = findings("locales/fr.json", &[]);
    let colon = text.find("}}: lisez").expect("fixture") + 2;
    assert!(
        found.contains(&("spacing/missing-space-before".into(), colon, colon + 1)),
        "{found:?}"
    );
    // `\u00a0` is written as an escape and read as a no-break space.
    assert!(found.iter().all(|f| !text[f.1..f.2].contains("Taille")));
}

/// Copies the fixtures to a temporary folder.
fn copy_fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in walkdir::WalkDir::new(fixtures()) {
        let entry = entry.expect("walk");
        let relative = entry.path().strip_prefix(fixtures()).expect("inside");
        let to = dir.path().join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &to).expect("copy");
        }
    }
    dir
}

/// `text` with the contents of the `tag` elements removed.
fn outside(text: &str, tags: &[&str]) -> String {
    let mut ranges: Vec<_> = tags
        .iter()
        .flat_map(|t| element_contents(text, t))
        .collect();
    ranges.sort_by_key(|r| r.start);
    let mut out = String::new();
    let mut at = 0;
    for r in ranges {
        out.push_str(&text[at..r.start]);
        out.push('|');
        at = r.end;
    }
    out + &text[at..]
}

#[test]
fn fixes_reparse_and_leave_the_rest_alone() {
    let dir = copy_fixtures();
    let files = ["app.xlf", "res/values-fr/strings.xml", "locales/fr.json"];
    let before: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(dir.path().join(f)).expect("read"))
        .collect();
    let mut args = vec!["fix", "--no-config"];
    args.extend(files);
    let out = coquille(&args, dir.path());
    assert_ne!(code(&out), 2, "{}", stderr(&out));
    let after: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(dir.path().join(f)).expect("read"))
        .collect();
    for (i, file) in files.iter().enumerate() {
        assert_ne!(before[i], after[i], "{file} was fixed");
    }
    // XLIFF: well formed, sources and the rest untouched.
    for (b, a) in before[..2].iter().zip(&after[..2]) {
        let mut reader = quick_xml::Reader::from_str(a);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("fixed file is not well formed: {e}\n{a}"),
            }
        }
        assert_eq!(
            outside(b, &["target", "string", "item"]),
            outside(a, &["target", "string", "item"])
        );
    }
    // The file writes `&#160;` but holds CDATA, where references are not
    // read: fixes write the character.
    assert!(
        after[0].contains("panier\u{202f}!</target>"),
        "{}",
        after[0]
    );
    assert!(
        after[1].contains("</xliff:g>\u{202f}!</string>"),
        "{}",
        after[1]
    );
    // JSON: valid, the same keys.
    let keys = |t: &str| -> Vec<String> {
        fn walk(v: &serde_json::Value, path: String, out: &mut Vec<String>) {
            if let Some(map) = v.as_object() {
                for (k, v) in map {
                    walk(v, format!("{path}.{k}"), out);
                }
            } else {
                out.push(path);
            }
        }
        let mut out = Vec::new();
        walk(
            &serde_json::from_str(t).expect("valid JSON"),
            String::new(),
            &mut out,
        );
        out
    };
    assert_eq!(keys(&before[2]), keys(&after[2]));
    // The file writes `\u00a0`: fixes write their spaces so.
    assert!(after[2].contains("revoir\\u202f!"), "{}", after[2]);
    // Fixing again changes nothing.
    let out = coquille(&args, dir.path());
    assert_ne!(code(&out), 2);
    for (i, file) in files.iter().enumerate() {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(file)).expect("read"),
            after[i]
        );
    }
}

#[test]
fn malformed_files_exit_2_with_line_and_nothing_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = [
        (
            "bad.xlf",
            "<xliff>\n<file>\n<target>Bonjour!</source>\n</file></xliff>\n",
            "bad.xlf:3:",
        ),
        ("bad.json", "{\n  \"a\": \"Bonjour!\",\n}\n", "bad.json:3:"),
        (
            "values-fr/strings.xml",
            "<resources>\n<string name=\"a\">Salut!</string>\n",
            "strings.xml:1:",
        ),
    ];
    for (name, text, needle) in cases {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
        let out = coquille(&["fix", "--no-config", name], dir.path());
        let err = stderr(&out);
        assert_eq!(code(&out), 2, "{name}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            err.lines()
                .any(|l| l.contains(needle) && l.contains("malformed")),
            "{name}: {err}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            text,
            "{name} was written"
        );
    }
}

#[test]
fn format_in_forces_a_reading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("strings.txt");
    std::fs::write(&path, r#"{"key_with_space": "Bonjour!"}"#).expect("write");
    let out = coquille(
        &[
            "check",
            "--no-config",
            "--format",
            "concise",
            "--format-in",
            "json",
            "strings.txt",
        ],
        dir.path(),
    );
    let text = stdout(&out);
    assert!(
        text.contains("strings.txt:1:28: spacing/missing-space-before"),
        "{text}"
    );
    assert_eq!(
        text.lines().filter(|l| l.contains("strings.txt:")).count(),
        1,
        "{text}"
    );
}

#[test]
fn stdin_reads_by_its_name() {
    let run = |name: &str, input: &str| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_coquille"));
        cmd.args([
            "check",
            "--no-config",
            "--format",
            "concise",
            "--stdin-filename",
            name,
            "-",
        ]);
        output_with_stdin(&mut cmd, input.as_bytes())
    };
    let out = run(
        "res/values-fr/strings.xml",
        "<resources><string name=\"a\">Salut!</string></resources>",
    );
    assert!(
        stdout(&out).contains("strings.xml:1:34: spacing/missing-space-before"),
        "{}",
        stdout(&out)
    );
    let out = run("fr.json", "[\"Salut!\"");
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("fr.json:1:"), "{}", stderr(&out));
}

/// The translation findings of `check` on `file`: (rule, message, text
/// under the finding).
fn bilingual(file: &str, extra: &[&str]) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(fixtures().join(file)).expect("fixture");
    let mut args = vec![
        "check",
        "--format",
        "json",
        "--no-config",
        "--select",
        "translation",
        file,
    ];
    args.extend_from_slice(extra);
    let out = coquille(&args, &fixtures());
    assert_ne!(code(&out), 2, "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON output");
    let offset = |v: &serde_json::Value| v["offset"].as_u64().expect("an offset") as usize;
    value
        .as_array()
        .expect("findings")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().expect("rule").to_string(),
                d["message"].as_str().expect("message").to_string(),
                text[offset(&d["start"])..offset(&d["end"])].to_string(),
            )
        })
        .collect()
}

#[test]
fn xliff_targets_against_their_sources() {
    let found = bilingual("app.xlf", &[]);
    let rules: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.2.as_str())).collect();
    // The unit left in English; the unit marked translate="no" is not
    // compared; sources are never reported.
    assert_eq!(
        rules,
        [("translation/unchanged", "Open the settings")],
        "{found:?}"
    );
}

#[test]
fn android_and_json_pair_with_their_source_files() {
    let found = bilingual("res/values-fr/strings.xml", &[]);
    let rules: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.2.as_str())).collect();
    // `<xliff:g>%1$s</xliff:g>` is the source's `%1$s`; the `many` item
    // has no source; the string left in English is found.
    assert_eq!(
        rules,
        [("translation/unchanged", "Delete all files?")],
        "{found:?}"
    );

    let found = bilingual("locales/fr.json", &[]);
    let mut rules: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    rules.sort();
    assert_eq!(
        rules,
        ["translation/end-punctuation", "translation/number"],
        "{found:?}"
    );
    assert!(
        found.iter().all(|f| f.2.starts_with("Réessayer")),
        "{found:?}"
    );

    // Without a source, nothing to compare; with an explicit one, the
    // same findings.
    let dir = tempfile::tempdir().expect("temp dir");
    let lone = dir.path().join("fr.json");
    std::fs::copy(fixtures().join("locales/fr.json"), &lone).expect("copy");
    let lone = lone.display().to_string();
    assert!(bilingual(&lone, &[]).is_empty());
    let source = fixtures().join("locales/en.json").display().to_string();
    assert_eq!(bilingual(&lone, &["--source-file", &source]).len(), 2);
    // A source file that does not parse is an error.
    let bad = dir.path().join("en-bad.json");
    std::fs::write(&bad, "{\"retry\": ").expect("write");
    let out = coquille(
        &[
            "check",
            "--no-config",
            &lone,
            "--source-file",
            &bad.display().to_string(),
        ],
        dir.path(),
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("en-bad.json:1:"), "{}", stderr(&out));
}

#[test]
fn gettext_plurals_fuzzy_and_empty_entries() {
    let found = bilingual("catalogue.po", &[]);
    let rules: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    // The fuzzy entry lost a placeholder (and says it is fuzzy); the
    // singular may drop the count; the empty translation is no finding.
    assert_eq!(rules, ["translation/placeholder"], "{found:?}");
    assert!(found[0].1.ends_with("(fuzzy entry)"), "{found:?}");
    assert_eq!(found[0].2, "Copier %s ?");
}

#[test]
fn fixes_write_spaces_as_the_file_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = [
        (
            "a.xlf",
            "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>Yes!</source><target>Oui&#160;: oui!</target></trans-unit></body></file></xliff>\n",
            "oui&#8239;!</target>",
        ),
        (
            "values-fr/strings.xml",
            "<resources><string name=\"a\">Oui\\u00A0: oui!</string></resources>\n",
            "oui\\u202F!</string>",
        ),
        (
            "fr.json",
            "{\"a\": \"Oui : oui!\"}\n",
            "Oui\u{a0}: oui\u{202f}!",
        ),
    ];
    for (name, text, expected) in cases {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
        let out = coquille(&["fix", "--no-config", name], dir.path());
        assert_ne!(code(&out), 2, "{}", stderr(&out));
        let fixed = std::fs::read_to_string(&path).expect("read");
        assert!(fixed.contains(expected), "{name}: {fixed}");
    }
}

#[test]
fn findings_in_fuzzy_entries_say_so_in_json_and_sarif() {
    let dir = tempfile::tempdir().expect("temp dir");
    let po = "msgid \"Hello!\"\nmsgstr \"Salut!\"\n\n#, fuzzy\nmsgid \"Welcome!\"\nmsgstr \"Bienvenue!\"\n";
    std::fs::write(dir.path().join("fr.po"), po).expect("write");
    let xlf = "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\" original=\"a\"><body>\n<trans-unit id=\"1\"><source>Hello!</source><target>Salut!</target></trans-unit>\n<trans-unit id=\"2\"><source>Welcome!</source><target state=\"needs-review-translation\">Bienvenue!</target></trans-unit>\n</body></file></xliff>\n";
    std::fs::write(dir.path().join("fr.xlf"), xlf).expect("write");
    for (file, text) in [("fr.po", po), ("fr.xlf", xlf)] {
        let args = [
            "check",
            "--no-config",
            "--select",
            "spacing/missing-space-before",
        ];
        let out = coquille(
            &[&args[..], &["--format", "json", file]].concat(),
            dir.path(),
        );
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
        let found: Vec<(&str, Option<bool>)> = json
            .as_array()
            .expect("findings")
            .iter()
            .map(|d| {
                let start = d["start"]["offset"].as_u64().expect("offset") as usize;
                (&text[..start], d.get("fuzzy").map(|f| f == true))
            })
            .map(|(before, fuzzy)| {
                (
                    if before.contains("Bienvenue") {
                        "Bienvenue"
                    } else {
                        "Salut"
                    },
                    fuzzy,
                )
            })
            .collect();
        assert_eq!(
            found,
            [("Salut", None), ("Bienvenue", Some(true))],
            "{file}: {json}"
        );
        let out = coquille(
            &[&args[..], &["--format", "sarif", file]].concat(),
            dir.path(),
        );
        let sarif: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("SARIF");
        let fuzzy: Vec<bool> = sarif["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| r["properties"]["fuzzy"] == true)
            .collect();
        assert_eq!(fuzzy, [false, true], "{file}: {sarif}");
    }
}

#[test]
fn placeholder_compares_inline_tags() {
    let dir = tempfile::tempdir().expect("temp dir");
    let xlf = "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"fr\" datatype=\"html\" original=\"a\"><body>\n<trans-unit id=\"1\"><source>Press <g id=\"1\">Save</g> now</source><target>Appuyez sur Enregistrer</target></trans-unit>\n<trans-unit id=\"2\"><source>Press <g id=\"1\">Save</g> now</source><target>Appuyez <g id=\"1\">maintenant</g></target></trans-unit>\n<trans-unit id=\"3\"><source>Open <g id=\"1\">one</g> and <g id=\"2\">two</g></source><target>Ouvrez <g id=\"2\">un</g> et <g id=\"2\">deux</g></target></trans-unit>\n</body></file></xliff>\n";
    std::fs::write(dir.path().join("fr.xlf"), xlf).expect("write");
    let json_en = "{\"save\": \"Click <b>Save</b>\", \"open\": \"<a href=\\\"/en\\\">Open</a>\"}\n";
    let json_fr =
        "{\"save\": \"Cliquez sur Enregistrer\", \"open\": \"<a href=\\\"/fr\\\">Ouvrir</a>\"}\n";
    std::fs::write(dir.path().join("en.json"), json_en).expect("write");
    std::fs::write(dir.path().join("fr.json"), json_fr).expect("write");
    let run = |file: &str| -> Vec<(String, String)> {
        let out = coquille(
            &[
                "check",
                "--no-config",
                "--select",
                "translation/placeholder",
                "--format",
                "json",
                file,
            ],
            dir.path(),
        );
        let text = std::fs::read_to_string(dir.path().join(file)).expect("read");
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
        json.as_array()
            .expect("findings")
            .iter()
            .map(|d| {
                let at = |k: &str| d[k]["offset"].as_u64().expect("offset") as usize;
                (
                    text[at("start")..at("end")].to_string(),
                    d["message"].as_str().expect("message").to_string(),
                )
            })
            .collect()
    };
    let found = run("fr.xlf");
    let targets: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    // The second unit keeps its `<g id="1">` (around other words); the
    // third has `id="2"` twice for `id="1"` and `id="2"`.
    assert_eq!(
        targets,
        [
            "Appuyez sur Enregistrer",
            "Ouvrez <g id=\"2\">un</g> et <g id=\"2\">deux"
        ],
        "{found:?}"
    );
    assert!(
        found[0]
            .1
            .starts_with("tags `</g>`, `<g id=\"1\">` of the source missing"),
        "{found:?}"
    );
    let found = run("fr.json");
    assert_eq!(
        found.len(),
        1,
        "the localised `href` is no difference: {found:?}"
    );
    assert_eq!(found[0].0, "Cliquez sur Enregistrer");
    assert!(found[0].1.contains("`<b>`"), "{found:?}");
}
