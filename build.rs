//! Validates every `rules/*.toml` file, so that a malformed rule (unknown
//! key, bad id, missing examples) fails the build, and embeds them in the
//! binary as Rust code that builds the parsed specs: nothing is parsed at
//! start-up. Declarative rules get their prefilter literals here
//! (`src/dispatch/literals.rs`), and the heads of all of them go into one
//! FST (`literal_heads.fst`), which the dispatcher searches without
//! building anything at run time.

#[allow(dead_code)]
#[path = "src/rules/spec.rs"]
mod spec;

#[allow(dead_code)]
#[path = "src/vocab.rs"]
mod vocab;

// Only the literals serve here; the crate also cuts patterns with it.
#[allow(dead_code)]
#[path = "src/dispatch/literals.rs"]
mod prefilter;

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=rules");
    println!("cargo::rerun-if-changed=src/rules/spec.rs");
    println!("cargo::rerun-if-changed=src/vocab.rs");
    println!("cargo::rerun-if-changed=src/dispatch/literals.rs");

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();

    let mut errors = Vec::new();
    let mut ids = HashSet::new();
    let mut generated = String::from(
        "/// Every `rules/*.toml` file: its name and its rules.\npub fn rule_files() -> Vec<(&'static str, Vec<RuleSpec>)> {\n    vec![\n",
    );
    let mut parsed = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_else(|| panic!("non UTF-8 file name {}", path.display()));
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let mut rules = match spec::parse_file(name, &text) {
            Ok(rules) => rules,
            Err(mut e) => {
                errors.append(&mut e);
                continue;
            }
        };
        for rule in &mut rules {
            if !ids.insert(rule.id.clone()) {
                errors.push(format!("{name}: duplicate rule id `{}`", rule.id));
            }
            // The prefilter is stored expanded (macros replaced); without
            // one, the literals of the pattern, or the pattern itself.
            if let Some(Ok(pattern)) = rule.pattern.as_ref().map(|p| spec::expand_macros(p)) {
                rule.required = texts(prefilter::required_literals(&pattern).unwrap_or_default());
            }
            let given = rule.prefilter.as_ref().or(rule.pattern.as_ref());
            match given.map(|p| spec::expand_macros(p)).transpose() {
                Ok(Some(expanded)) => {
                    rule.literals =
                        texts(prefilter::prefilter_literals(&expanded, true).unwrap_or_default());
                    rule.prefilter = Some(expanded.into());
                }
                Ok(None) => {}
                Err(e) => errors.push(format!("{name}: rule `{}`: {e}", rule.id)),
            }
        }
        parsed.push((name.to_string(), rules));
    }

    // The heads of every literal, numbered in byte order: the FST the
    // dispatcher searches short texts with, and each rule's head numbers.
    let heads: std::collections::BTreeSet<String> = parsed
        .iter()
        .flat_map(|(_, rules)| rules.iter())
        .flat_map(|rule| rule.literals.iter())
        .map(|l| prefilter::literal_head(l).to_string())
        .collect();
    let fst = fst::Map::from_iter(heads.iter().zip(0u64..))
        .unwrap_or_else(|e| panic!("cannot build the literal heads: {e}"));
    for (name, rules) in &mut parsed {
        let mut code = Vec::new();
        for rule in rules.iter_mut() {
            let mut numbers: Vec<u32> = rule
                .literals
                .iter()
                .filter_map(|l| fst.get(prefilter::literal_head(l)))
                .map(|n| u32::try_from(n).expect("fewer than 2^32 heads"))
                .collect();
            numbers.sort_unstable();
            numbers.dedup();
            rule.heads = numbers;
            code.push(rule.to_rust());
        }
        let _ = writeln!(generated, "        ({name:?}, vec![{}]),", code.join(",\n"));
    }
    generated.push_str("    ]\n}\n");
    if !errors.is_empty() {
        panic!("invalid rule files:\n  {}", errors.join("\n  "));
    }
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo");
    let out = Path::new(&out_dir).join("embedded_rules.rs");
    std::fs::write(&out, generated)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    let out = Path::new(&out_dir).join("literal_heads.fst");
    std::fs::write(&out, fst.as_fst().as_bytes())
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

/// Owned strings as rule-file texts.
fn texts(strings: Vec<String>) -> Vec<spec::Text> {
    strings.into_iter().map(Into::into).collect()
}
