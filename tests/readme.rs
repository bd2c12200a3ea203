//! The README is the newcomer's guide: it opens with the two set-up
//! commands, stays short, and links only inside the repository. The rule
//! reference in `docs/` is generated from the rule metadata and must be
//! current.

use coquille::Registry;
use coquille::output::reference::{RULES_MARKDOWN_COMMAND, rules_markdown};
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// README.md and every page of docs/.
fn documents() -> Vec<(String, String)> {
    let mut docs = vec![("README.md".to_string(), read("README.md"))];
    let mut pages: Vec<_> = std::fs::read_dir(Path::new(ROOT).join("docs"))
        .expect("docs/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    for page in pages {
        let name = format!(
            "docs/{}",
            page.file_name().unwrap_or_default().to_string_lossy()
        );
        let text = std::fs::read_to_string(&page).expect("a docs page");
        docs.push((name, text));
    }
    docs
}

#[test]
fn readme_opens_with_the_two_setup_commands() {
    let text = read("README.md");
    let first_block = text
        .split("```sh")
        .nth(1)
        .expect("a shell block")
        .split("```")
        .next()
        .unwrap_or_default();
    assert!(
        first_block.contains("cargo run --release -- check examples/"),
        "{first_block}"
    );
    assert!(first_block.contains("cargo test"), "{first_block}");
}

#[test]
fn readme_is_a_five_minute_read() {
    let lines = read("README.md").lines().count();
    assert!(
        // The editors, Python and translation-file sections each give a
        // copy-paste start; everything else lives in docs/.
        lines <= 280,
        "README.md has {lines} lines; move details to docs/"
    );
}

#[test]
fn the_rule_reference_is_current() {
    let generated = rules_markdown(Registry::global());
    let written = read("docs/rules.md");
    assert!(
        generated == written,
        "docs/rules.md is out of date: run `{RULES_MARKDOWN_COMMAND}`"
    );
    for rule in Registry::global().rules() {
        let id = rule.meta().id;
        assert!(written.contains(&format!("### `{id}`")), "{id} missing");
    }
}

#[test]
fn documents_link_only_inside_the_repository() {
    use pulldown_cmark::{Event, Parser, Tag};
    for (name, text) in documents() {
        for event in Parser::new(&text) {
            let target = match event {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
                _ => continue,
            };
            assert!(
                !target.contains(':'),
                "{name}: link out of the repository: {target}"
            );
            let file = target.split('#').next().unwrap_or_default();
            if !file.is_empty() {
                let base = Path::new(&name).parent().unwrap_or(Path::new(""));
                let path = Path::new(ROOT).join(base).join(file);
                assert!(path.exists(), "{name}: broken link to {target}");
            }
        }
    }
}
