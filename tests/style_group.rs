//! The `style` group: usages current references accept (`se baser sur`,
//! `finaliser`, `opportunité`), reported only when `--select style` (or
//! `select = ["style"]`) asks for them; the real calques stay on by default.

use coquille::{Linter, Registry, Selector, Settings, Source, SourceKind};

/// The rules that report on `text` with `select` (empty: the defaults).
fn rules(text: &str, select: &[&str], ignore: &[&str]) -> Vec<&'static str> {
    let parse = |names: &[&str]| -> Vec<Selector> {
        names
            .iter()
            .map(|n| Selector::parse(n, Registry::global()).expect("a selector"))
            .collect()
    };
    let linter = Linter::new(Settings {
        select: parse(select),
        ignore: parse(ignore),
        ..Settings::default()
    })
    .expect("rules compile");
    let source = Source::new("note.txt", text, SourceKind::PlainText);
    let mut found: Vec<&'static str> = linter.check(&source).into_iter().map(|d| d.rule).collect();
    found.dedup();
    found
}

const TEXT: &str = "Le projet se base sur un rapport, et ça fait du sens.";

#[test]
fn style_rules_run_only_when_selected() {
    assert_eq!(rules(TEXT, &[], &[]), vec!["calque/faire-du-sens"]);
    assert_eq!(
        rules(TEXT, &["ALL", "style"], &[]),
        vec!["calque/se-baser-sur", "calque/faire-du-sens"]
    );
    assert_eq!(rules(TEXT, &["style"], &[]), vec!["calque/se-baser-sur"]);
    assert_eq!(
        rules(TEXT, &["ALL", "style"], &["style"]),
        vec!["calque/faire-du-sens"]
    );
    // A category does not bring in its style rules.
    assert_eq!(rules(TEXT, &["calque"], &[]), vec!["calque/faire-du-sens"]);
}

#[test]
fn every_style_rule_is_off_by_default_and_named_by_the_group() {
    let registry = Registry::global();
    let Selector::Group(_, ids) = Selector::parse("style", registry).expect("the style group")
    else {
        panic!("`style` is a group");
    };
    assert!(ids.len() >= 10, "{ids:?}");
    for rule in registry.rules() {
        let meta = rule.meta();
        assert_eq!(meta.group.is_some(), ids.contains(&meta.id), "{}", meta.id);
        if meta.group.is_some() {
            assert!(!meta.default_enabled, "{} is on by default", meta.id);
        }
    }
}
