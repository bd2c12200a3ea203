//! The SARIF and GitHub output formats, checked against what their
//! specifications require: every property SARIF 2.1.0 makes mandatory for
//! the objects coquille writes, and the workflow-command syntax of GitHub
//! with its escapes.

use serde_json::Value;
use std::process::Command;

/// Runs `coquille check` on a temporary file holding `text`, named `name`.
fn check(name: &str, text: &str, format: &str) -> (String, Option<i32>) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_coquille"))
        .current_dir(dir.path())
        .args(["check", "--format", format, name])
        .output()
        .expect("coquille runs");
    (
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        out.status.code(),
    )
}

fn str_at<'v>(v: &'v Value, pointer: &str) -> &'v str {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("missing string {pointer} in {v}"))
}

fn positive_at(v: &Value, pointer: &str) -> u64 {
    let n = v
        .pointer(pointer)
        .and_then(Value::as_u64)
        .unwrap_or_else(|| panic!("missing integer {pointer} in {v}"));
    assert!(n >= 1, "{pointer} must be ≥ 1");
    n
}

#[test]
fn sarif_has_every_required_property() {
    let text = "Le directeur de une entreprise a dit: «oui».\nLes réunion ont repris.\n";
    let (out, code) = check("dépêche, v2.txt", text, "sarif");
    assert_eq!(code, Some(1));
    let log: Value = serde_json::from_str(&out).expect("SARIF is JSON");
    assert_eq!(str_at(&log, "/version"), "2.1.0");
    assert!(str_at(&log, "/$schema").contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(str_at(run, "/tool/driver/name"), "coquille");
    assert_eq!(str_at(run, "/columnKind"), "unicodeCodePoints");
    let rules = run
        .pointer("/tool/driver/rules")
        .and_then(Value::as_array)
        .expect("rules");
    for rule in rules {
        assert!(str_at(rule, "/id").contains('/'));
        assert!(!str_at(rule, "/shortDescription/text").is_empty());
        assert!(!str_at(rule, "/fullDescription/text").is_empty());
        let level = str_at(rule, "/defaultConfiguration/level");
        assert!(["note", "warning", "error"].contains(&level));
    }
    let results = run["results"].as_array().expect("results");
    assert!(results.len() >= 3, "{out}");
    let mut fixes = 0;
    for result in results {
        assert!(!str_at(result, "/message/text").is_empty());
        let rule_id = str_at(result, "/ruleId");
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(str_at(&rules[index], "/id"), rule_id);
        assert!(["note", "warning", "error"].contains(&str_at(result, "/level")));
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(str_at(location, "/artifactLocation/uri"), "dépêche, v2.txt");
        let start = positive_at(location, "/region/startColumn");
        let end = positive_at(location, "/region/endColumn");
        positive_at(location, "/region/startLine");
        positive_at(location, "/region/endLine");
        assert!(end >= start);
        if let Some(list) = result.get("fixes").and_then(Value::as_array) {
            for fix in list {
                assert!(!str_at(fix, "/description/text").is_empty());
                let change = &fix["artifactChanges"][0];
                assert_eq!(str_at(change, "/artifactLocation/uri"), "dépêche, v2.txt");
                for replacement in change["replacements"].as_array().expect("replacements") {
                    positive_at(replacement, "/deletedRegion/startLine");
                    positive_at(replacement, "/deletedRegion/startColumn");
                    assert!(replacement.pointer("/insertedContent/text").is_some());
                    fixes += 1;
                }
            }
        }
    }
    assert!(fixes >= 2);
    // Columns count code points: `de une` starts at column 14 of line 1.
    let elision = results
        .iter()
        .find(|r| str_at(r, "/ruleId") == "elision/missing")
        .expect("elision finding");
    let region = &elision["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(1), Some(14))
    );
}

#[test]
fn sarif_of_a_clean_run_is_an_empty_log() {
    let (out, code) = check("propre.txt", "Un texte correct.\n", "sarif");
    assert_eq!(code, Some(0));
    let log: Value = serde_json::from_str(&out).expect("SARIF is JSON");
    assert_eq!(log["runs"][0]["results"].as_array().map(Vec::len), Some(0));
}

#[test]
fn github_commands_follow_the_workflow_syntax() {
    let text = "Le taux a baissé de 50%.\nPuis il a dit: oui.\n";
    let (out, code) = check("note, 100%: v1.txt", text, "github");
    assert_eq!(code, Some(1));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() >= 2, "{out}");
    for line in &lines {
        let rest = line
            .strip_prefix("::warning ")
            .or_else(|| line.strip_prefix("::error "))
            .or_else(|| line.strip_prefix("::notice "))
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        let (properties, message) = rest.split_once("::").expect("properties::message");
        assert!(!message.is_empty() && !message.contains('\n'));
        let keys: Vec<&str> = properties
            .split(',')
            .map(|p| p.split_once('=').expect("key=value").0)
            .collect();
        assert_eq!(
            keys,
            ["file", "line", "col", "endLine", "endColumn", "title"]
        );
        // `:` `,` and `%` of the file name are escaped.
        assert!(
            properties.starts_with("file=note%2C 100%25%3A v1.txt,"),
            "{line}"
        );
    }
    // The message's `%` is escaped too: `50%` is quoted in a message.
    let messages: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.splitn(3, "::").nth(2))
        .collect();
    assert!(messages.iter().any(|m| m.contains("50%25")), "{out}");
    assert!(
        messages.iter().all(|m| !m.replace("%25", "").contains('%')),
        "{out}"
    );
}
