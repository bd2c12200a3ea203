//! The README is the user's manual: it must open with the two set-up
//! commands and document every rule.

use coquille::Registry;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

#[test]
fn readme_opens_with_the_two_setup_commands() {
    let text = readme();
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
fn readme_lists_every_rule() {
    let text = readme();
    let missing: Vec<&str> = Registry::global()
        .rules()
        .map(|r| r.meta().id)
        .filter(|id| !text.contains(&format!("`{id}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "rules missing from README.md: {missing:?}"
    );
}
