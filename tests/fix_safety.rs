//! Issue 19, "Fixes that never break a file": each class of fault the
//! random-input campaign found, with its reproducer, held to the oracle
//! (`tests/oracle`) and to what the fix must give.

mod oracle;

use coquille::{Applicability, Linter, Profile, Registry, Selector, Settings, Source, SourceKind};
use oracle::generate::Format;

fn linter(settings: Settings) -> Linter {
    Linter::new(settings).expect("rules compile")
}

fn every_rule(profile: Profile) -> Settings {
    Settings {
        select: Registry::global()
            .rules()
            .map(|r| Selector::Rule(r.meta().id))
            .collect(),
        profile,
        ..Settings::default()
    }
}

/// The oracle holds for `text` in every configuration.
fn holds(format: Format, text: &str) {
    for config in oracle::configs() {
        if let Err(e) = oracle::check(&config, format, text) {
            panic!("{}: {e}\ninput: {text:?}", config.name);
        }
    }
}

fn fix(kind: SourceKind, text: &str) -> String {
    linter(Settings::default())
        .fix(&Source::new("t", text, kind), Applicability::Safe)
        .text
}

#[test]
fn front_matter_after_a_bom_is_not_prose() {
    let text = "\u{FEFF}---\ntitle: \"Bonjour: le monde\"\n---\n\nTexte.\n";
    assert_eq!(fix(SourceKind::Markdown, text), text);
    // Prose after it is still fixed, the BOM kept.
    let text = "\u{FEFF}---\ntitle: \"Bonjour: le monde\"\n---\n\nBonjour: le monde.\n";
    assert_eq!(
        fix(SourceKind::Markdown, text),
        "\u{FEFF}---\ntitle: \"Bonjour: le monde\"\n---\n\nBonjour\u{A0}: le monde.\n"
    );
    holds(Format::Markdown, text);
}

#[test]
fn a_raw_quote_is_never_put_inside_a_po_string() {
    let text = "msgid \"He says \\\"yes\\\"\"\nmsgstr \"Il dit \\\"oui »\"\n";
    let fixed = fix(SourceKind::Po, text);
    assert!(fixed.contains("msgstr \"Il dit \\\"oui"), "{fixed}");
    assert!(
        !fixed.contains("oui \"\"") && !fixed.contains("oui\u{A0}\"\""),
        "{fixed}"
    );
    holds(Format::Po, text);
}

#[test]
fn several_strings_on_one_po_line_keep_their_quotes() {
    let text = "msgid \"a\"\nmsgstr \"Il a dit:\" \"oui!\" \"fin\"\n";
    let fixed = fix(SourceKind::Po, text);
    // The strings are joined by gettext: `Il a dit:oui!fin`. Spaces go
    // inside strings; the delimiters stay.
    assert_eq!(
        fixed.matches('"').count(),
        text.matches('"').count(),
        "{fixed}"
    );
    assert!(!fixed.contains('«'), "{fixed}");
    holds(Format::Po, text);
}

#[test]
fn a_placeholder_split_across_continuation_lines_is_kept() {
    let text = "#, c-format\nmsgid \"Total: %1$s\"\nmsgstr \"\"\n\"Total : %\"\n\"1$s\"\n";
    assert_eq!(
        fix(SourceKind::Po, text),
        text.replace("Total : ", "Total\u{A0}: ")
    );
    holds(Format::Po, text);
    // With a space flag, in a formatted entry, `% e` is a directive.
    let text = "#, c-format\nmsgid \"x % e\"\nmsgstr \"x % e.g.\"\n";
    assert!(fix(SourceKind::Po, text).contains("% e"));
    // Deleting the BOM would make a `% %` directive.
    let text = "#, python-format\nmsgid \"a\"\nmsgstr \"% \u{FEFF}%\"\n";
    holds(Format::Po, text);
    assert_eq!(fix(SourceKind::Po, text), text);
}

#[test]
fn code_blocks_with_cr_line_ends_are_not_fixed() {
    let text = "Texte.\r\r```\rIl dit: \"oui\"!\r```\r";
    assert_eq!(fix(SourceKind::Markdown, text), text);
    holds(Format::Markdown, text);
    // The prose around them still is.
    let text = "Il dit: oui.\r\r```\rIl dit: oui.\r```\r";
    let fixed = fix(SourceKind::Markdown, text);
    assert!(
        fixed.starts_with("Il dit\u{A0}: oui.\r\r```\rIl dit: oui.\r```"),
        "{fixed:?}"
    );
}

#[test]
fn a_fix_that_would_create_markup_is_a_suggestion() {
    // Removing the zero-width space would start an HTML block.
    let text = "Texte.\n\n\u{200B}<div>x</div>\n";
    assert_eq!(fix(SourceKind::Markdown, text), text);
    holds(Format::Markdown, text);
    let check = linter(Settings::default()).check(&Source::new("t", text, SourceKind::Markdown));
    let zero_width = check
        .iter()
        .find(|d| d.rule == "unicode/zero-width")
        .expect("still reported");
    assert_eq!(
        zero_width.fix.as_ref().map(|f| f.applicability),
        Some(Applicability::DisplayOnly)
    );
    // Removing the BOM would make a `%d` directive.
    let text = "msgid \"a %d\"\nmsgstr \"b %\u{FEFF}d\"\n";
    assert_eq!(fix(SourceKind::Po, text), text);
    holds(Format::Po, text);
    // Where the structure stays, the same fix applies.
    let text = "Texte\u{200B} ici.\n";
    assert_eq!(fix(SourceKind::Markdown, text), "Texte ici.\n");
}

#[test]
fn a_safe_fix_is_tested_without_the_unsafe_ones() {
    // Both fixes together keep the Markdown as it was, the safe one alone
    // makes inline math (`$4É 49 $`): it must not be offered as safe.
    let text = "$4É $49";
    holds(Format::Markdown, text);
    assert_eq!(fix(SourceKind::Markdown, text), text);
}

#[test]
fn a_translation_keeps_its_leading_newline_or_its_absence() {
    // Deleting the zero-width space would make the translation begin with
    // `\n` where its msgid does not, which msgfmt rejects.
    let text = "msgid \"\u{200B}\\n etc\"\nmsgstr \"\u{200B}\\n etc\"\n";
    holds(Format::Po, text);
    assert!(fix(SourceKind::Po, text).contains("msgstr \"\u{200B}\\n"));
}

#[test]
fn strict_guillemet_before_a_bang_settles() {
    let strict = linter(Settings {
        profile: Profile::Strict,
        ..Settings::default()
    });
    let outcome = strict.fix(
        &Source::new("t", "Il dit «!»", SourceKind::PlainText),
        Applicability::Safe,
    );
    assert!(outcome.converged && !outcome.cycle, "{outcome:?}");
    assert!(outcome.passes < 3, "{} passes", outcome.passes);
    holds(Format::Plain, "Il dit «!»");
}

#[test]
fn rival_agreement_fixes_do_not_undo_each_other() {
    let all = linter(every_rule(Profile::Strict));
    for text in ["C’est d’une con.", "d’une con", "d’un conne"] {
        let outcome = all.fix(
            &Source::new("t", text, SourceKind::PlainText),
            Applicability::Unsafe,
        );
        assert!(outcome.converged && !outcome.cycle, "{text}: {outcome:?}");
        holds(Format::Plain, text);
        holds(Format::Markdown, text);
    }
}

#[test]
fn many_adjacent_faults_settle() {
    for text in ["$49".repeat(11), format!("{}c", "qu'".repeat(11))] {
        let outcome = linter(Settings::default()).fix(
            &Source::new("t", text.as_str(), SourceKind::PlainText),
            Applicability::Safe,
        );
        assert!(outcome.converged, "{text}: {outcome:?}");
        holds(Format::Plain, &text);
    }
}
