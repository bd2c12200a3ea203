//! Embeds every `rules/*.toml` file into the binary and validates them, so
//! that a malformed rule (unknown key, bad id, missing examples) fails the
//! build. The runtime parses the same text lazily with the same structs.

#[allow(dead_code)]
#[path = "src/rules/spec.rs"]
mod spec;

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=rules");
    println!("cargo::rerun-if-changed=src/rules/spec.rs");

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
        "/// Every `rules/*.toml` file: (file name, contents).\npub static RULE_FILES: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_else(|| panic!("non UTF-8 file name {}", path.display()));
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        match spec::parse_file(name, &text) {
            Ok(rules) => {
                for rule in rules {
                    if !ids.insert(rule.id.clone()) {
                        errors.push(format!("{name}: duplicate rule id `{}`", rule.id));
                    }
                }
            }
            Err(mut e) => errors.append(&mut e),
        }
        let _ = writeln!(
            generated,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    generated.push_str("];\n");
    if !errors.is_empty() {
        panic!("invalid rule files:\n  {}", errors.join("\n  "));
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo"))
        .join("embedded_rules.rs");
    std::fs::write(&out, generated)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
