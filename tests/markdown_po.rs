//! Markdown and gettext inputs end to end: what is masked, where findings
//! land, what fixes do to the file, and suppression comments.

use coquille::{Applicability, Linter, Selector, Settings, Source, SourceKind};
use std::process::Command;

fn linter(select: &[&str]) -> Linter {
    let registry = coquille::Registry::global();
    let select = select
        .iter()
        .map(|s| Selector::parse(s, registry).expect("known selector"))
        .collect();
    Linter::new(Settings {
        select,
        ..Settings::default()
    })
    .expect("rules compile")
}

/// `(rule, flagged text)` of every finding.
fn findings(linter: &Linter, text: &str, kind: SourceKind) -> Vec<(&'static str, String)> {
    let source = Source::new("test", text.to_string(), kind);
    linter
        .check(&source)
        .iter()
        .map(|d| (d.rule, text[d.span.range()].to_string()))
        .collect()
}

const MARKDOWN_WITH_ENGLISH_CODE: &str = r#"---
title: "Guide: install the tool"
tags: [setup, "quick start"]
---

# Installation

Installez le paquet, puis lancez la commande `coquille check --format github docs/` dans votre dépôt.

```rust
// This is English code: it should never be flagged!
fn main() { println!("Hello, world! The shock of the new..."); }
```

    indented code: the assured difficulty of "this"

Le site officiel est <https://example.org/the-getting-started-guide> et la
[documentation](https://example.org/docs/how-to-use-it "The user guide") est
en ligne, comme ![le logo](images/the-logo.png).

Dans un gabarit, {{ page.title | default: "Untitled page" }} et
{% include "the-footer.html" %} restent tels quels, {# a comment! #} aussi.

La formule $x = y$ est simple.

<div class="note">
  English HTML: "click here"... and that's all!
</div>

| Option | Rôle |
|--------|------|
| `--quiet` | Réduit la sortie. |
"#;

#[test]
fn english_in_code_urls_and_templates_is_never_reported() {
    let found = findings(
        &linter(&["ALL", "untranslated/english-citation"]),
        MARKDOWN_WITH_ENGLISH_CODE,
        SourceKind::Markdown,
    );
    assert!(found.is_empty(), "{found:?}");
    // Read as plain text, the same file is full of findings: the masking
    // is what keeps it clean.
    let plain = findings(
        &linter(&["ALL"]),
        MARKDOWN_WITH_ENGLISH_CODE,
        SourceKind::PlainText,
    );
    assert!(plain.len() > 5, "{plain:?}");
}

#[test]
fn markup_does_not_split_words_or_hide_spacing_faults() {
    let text = "**Attention**! Le *mot*: fin.\n\n- un élément  \n  suivi\n";
    let found = findings(&linter(&[]), text, SourceKind::Markdown);
    assert_eq!(
        found,
        vec![
            ("spacing/missing-space-before", "!".to_string()),
            ("spacing/missing-space-before", ":".to_string()),
        ]
    );
    let source = Source::new("t.md", text.to_string(), SourceKind::Markdown);
    let l = linter(&[]);
    let fixed = l.fix(&source, Applicability::Safe);
    assert_eq!(
        fixed.text,
        "**Attention**\u{202F}! Le *mot*\u{A0}: fin.\n\n- un élément  \n  suivi\n"
    );
    // Fixing again changes nothing.
    let again = l.fix(
        &Source::new("t.md", fixed.text.clone(), SourceKind::Markdown),
        Applicability::Safe,
    );
    assert_eq!(again.text, fixed.text);
}

#[test]
fn fixes_that_would_cross_markup_are_display_only() {
    // `Le` elides before `accord`, but the edit would cross the `**`.
    let text = "**Le** accord est signé.\n";
    let source = Source::new("t.md", text.to_string(), SourceKind::Markdown);
    let l = linter(&["elision/missing"]);
    let found = l.check(&source);
    assert_eq!(found.len(), 1, "{found:?}");
    let fix = found[0].fix.as_ref().expect("a fix is shown");
    assert_eq!(fix.applicability, Applicability::DisplayOnly);
    assert_eq!(l.fix(&source, Applicability::Unsafe).text, text);
    // Without the markup the same fix is applied.
    let plain = Source::new(
        "t.md",
        "Le accord est signé.\n".to_string(),
        SourceKind::Markdown,
    );
    assert_eq!(
        l.fix(&plain, Applicability::Safe).text,
        "L’accord est signé.\n"
    );
}

#[test]
fn po_translations_only_with_exact_spans() {
    let text = "msgid \"Hello!\"\nmsgstr \"Bonjour!\"\n\nmsgid \"He said \\\"yes\\\" yesterday: %s\"\nmsgstr \"\"\n\"Il a dit \\\"oui\\\" hier: \"\n\"%s\"\n";
    let found = findings(&linter(&[]), text, SourceKind::Po);
    assert_eq!(
        found,
        vec![
            ("spacing/missing-space-before", "!".to_string()),
            ("quotes/straight-quotes", "\\\"oui\\\"".to_string()),
            ("spacing/missing-space-before", ":".to_string()),
        ]
    );
    let source = Source::new("t.po", text.to_string(), SourceKind::Po);
    let fixed = linter(&[]).fix(&source, Applicability::Unsafe);
    // The escaped quotes are left alone (display-only); the spaces go in.
    assert_eq!(
        fixed.text,
        "msgid \"Hello!\"\nmsgstr \"Bonjour\u{202F}!\"\n\nmsgid \"He said \\\"yes\\\" yesterday: %s\"\nmsgstr \"\"\n\"Il a dit \\\"oui\\\" hier\u{A0}: \"\n\"%s\"\n"
    );
}

/// The bundled catalogue, fixed with every fix, stays a valid catalogue
/// (`msgfmt --check`) and keeps its source strings.
#[test]
fn fixed_catalogue_passes_msgfmt_check() {
    let msgfmt = Command::new("msgfmt").arg("--version").output();
    assert!(
        msgfmt.is_ok_and(|o| o.status.success()),
        "msgfmt not found: install Debian's `gettext` package (apt-get install gettext)"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let po = dir.path().join("fr.po");
    let original = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/interface-traduite.po"),
    )
    .expect("example catalogue");
    std::fs::write(&po, &original).expect("write");
    let check = |path: &std::path::Path| {
        Command::new("msgfmt")
            .args(["--check", "-o", "/dev/null"])
            .arg(path)
            .output()
            .expect("msgfmt runs")
    };
    assert!(check(&po).status.success(), "the example itself is valid");
    let fix = Command::new(env!("CARGO_BIN_EXE_coquille"))
        .args(["fix", "--no-config", "--unsafe-fixes", "--quiet"])
        .arg(&po)
        .output()
        .expect("coquille runs");
    assert_eq!(fix.status.code(), Some(1), "findings remain after fixing");
    let fixed = std::fs::read_to_string(&po).expect("read back");
    assert_ne!(fixed, original, "fixes were applied");
    let out = check(&po);
    assert!(
        out.status.success(),
        "msgfmt --check fails on the fixed file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ids = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with("msgstr") && !l.starts_with('"'))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(ids(&fixed), ids(&original), "only translations change");
    assert!(fixed.contains("Bon retour parmi nous, %s\u{202F}!"));
    assert!(fixed.contains("\\\"hors ligne\\\""), "escaped quotes kept");
}

#[test]
fn markdown_suppression_comments() {
    let text = "<!-- coquille-disable spacing -->\nUn!\n\n<!-- coquille-enable -->\n\nDeux!\n\nTrois \"x\" <!-- coquille-ignore-next-line quotes -->\nQuatre \"y\"!\n";
    let found = findings(&linter(&[]), text, SourceKind::Markdown);
    assert_eq!(
        found,
        vec![
            ("spacing/missing-space-before", "!".to_string()),
            ("quotes/straight-quotes", "\"x\"".to_string()),
            ("spacing/missing-space-before", "!".to_string()),
        ]
    );
    let positions: Vec<usize> = linter(&[])
        .check(&Source::new("t", text.to_string(), SourceKind::Markdown))
        .iter()
        .map(|d| d.span.start)
        .collect();
    let deux = text.find("Deux").expect("Deux");
    let trois = text.find("Trois").expect("Trois");
    let quatre = text.find("Quatre").expect("Quatre");
    assert!(positions[0] > deux && positions[0] < trois);
    assert!(positions[1] > trois && positions[1] < quatre);
    assert!(positions[2] > quatre);
}

#[test]
fn plain_and_po_suppressions_and_unused_ones() {
    let plain = "coquille-ignore-next-line\nUn!\nDeux!\ncoquille-ignore-next-line quotes\nTrois.\n";
    let found = findings(&linter(&[]), plain, SourceKind::PlainText);
    assert_eq!(found.len(), 1, "{found:?}");
    let with_unused = findings(
        &linter(&["ALL", "suppression/unused"]),
        plain,
        SourceKind::PlainText,
    );
    assert_eq!(
        with_unused,
        vec![
            ("spacing/missing-space-before", "!".to_string()),
            (
                "suppression/unused",
                "coquille-ignore-next-line quotes".to_string()
            ),
        ]
    );
    let po = "# coquille-ignore\nmsgid \"Hi!\"\nmsgstr \"Salut!\"\n\n# coquille-ignore quotes\nmsgid \"Bye!\"\nmsgstr \"Au revoir!\"\n";
    let found = findings(&linter(&["ALL", "suppression/unused"]), po, SourceKind::Po);
    assert_eq!(
        found,
        vec![
            ("suppression/unused", "# coquille-ignore quotes".to_string()),
            ("spacing/missing-space-before", "!".to_string()),
        ]
    );
}
