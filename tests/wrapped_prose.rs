//! Hard-wrapped prose: a line break inside a paragraph reads as a space, so
//! that agreement, calques and the other rules that read several words see
//! a sentence cut by the wrap as they see it on one line; findings and
//! fixes land on the original bytes, line breaks kept.

use coquille::{Linter, Settings, Source, SourceKind};
use std::process::Command;

fn linter() -> Linter {
    let registry = coquille::Registry::global();
    Linter::new(Settings {
        select: vec![coquille::Selector::parse("ALL", registry).expect("ALL")],
        ..Settings::default()
    })
    .expect("rules compile")
}

/// `(rule, flagged text)` of every finding, the text's whitespace runs
/// written as one space.
fn findings(text: &str, kind: SourceKind) -> Vec<(&'static str, String)> {
    let source = Source::new("test", text.to_string(), kind);
    linter()
        .check(&source)
        .iter()
        .map(|d| {
            let flagged = text[d.span.range()].split_whitespace();
            (d.rule, flagged.collect::<Vec<_>>().join(" "))
        })
        .collect()
}

/// Runs `coquille fix` with the agreement rules on `path`, and returns
/// the file as it is written afterwards.
fn fix_agreement(path: &std::path::Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_coquille"))
        .args(["fix", "--no-config", "--select", "agreement"])
        .arg(path)
        .output()
        .expect("run coquille");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(path).expect("read")
}

/// The same paragraph on one line and wrapped at 60 columns, in plain text
/// and in Markdown.
const ONE_LINE: &str = "Le comité s’est réuni hier soir et, après un long débat, la réunion a été annulé faute de participants. Les fichiers téléchargés sont stocké sur le serveur pendant trente jours, et les techniciens procèdent avec la vérification des câbles.\n";

const WRAPPED: &str = "Le comité s’est réuni hier soir et, après un long débat, la\nréunion a été annulé faute de participants. Les fichiers\ntéléchargés sont stocké sur le serveur pendant trente jours,\net les techniciens procèdent avec la vérification des câbles.\n";

#[test]
fn a_wrapped_paragraph_gives_the_findings_of_one_line() {
    let mut expected = findings(ONE_LINE, SourceKind::PlainText);
    expected.sort();
    let rules: Vec<&str> = expected.iter().map(|(r, _)| *r).collect();
    // The sentences cut by the wrap hold two agreement errors and a calque.
    assert!(
        rules.iter().filter(|r| r.starts_with("agreement/")).count() >= 2,
        "{expected:?}"
    );
    assert!(rules.contains(&"calque/proceder-avec"), "{expected:?}");
    for kind in [SourceKind::PlainText, SourceKind::Markdown] {
        let mut found = findings(WRAPPED, kind);
        found.sort();
        assert_eq!(found, expected, "{kind:?}");
    }
    // Indented lines wrap alike.
    let indented: String = WRAPPED.lines().map(|l| format!("    {l}\n")).collect();
    let mut found = findings(&indented, SourceKind::PlainText);
    found.sort();
    assert_eq!(found, expected);
}

#[test]
fn a_word_longer_than_the_wrap_width_does_not_widen_it() {
    // The address stands alone on a line longer than the others; the
    // lines around it are full all the same.
    let wrapped = "Le guide complet de l’outil se trouve à cette adresse\u{A0}:\nhttps://exemple.org/documentation/version-stable/guide-de-configuration-avancee.html\net depuis le début de cette année, les prix de l’offre restent\nélevé pour les nouveaux clients du service de la société.\n";
    let one_line = wrapped.replace('\n', " ");
    let expected = findings(&one_line, SourceKind::PlainText);
    assert_eq!(
        expected,
        [(
            "agreement/attribute",
            "les prix de l’offre restent élevé".to_string()
        )]
    );
    assert_eq!(findings(wrapped, SourceKind::PlainText), expected);
}

#[test]
fn line_breaks_that_do_not_wrap_a_sentence_stay() {
    let quiet = [
        // A heading above its paragraph, without a blank line.
        "Résultats de la campagne\nLe nombre de participants a doublé depuis l’an dernier, et la\nfréquentation des ateliers suit la même pente depuis le printemps.\n",
        // Verses, each starting with a capital.
        "Le vent se lève sur la lande grise\nLa mer se retire et le ciel pâlit\n",
        // A hyphen at a line end is a compound's own.
        "Il a rendu visite à son arrière-\ngrand-mère, qui vit à la campagne depuis longtemps déjà.\n",
    ];
    for text in quiet {
        for kind in [SourceKind::PlainText, SourceKind::Markdown] {
            assert_eq!(findings(text, kind), vec![], "{kind:?}: {text}");
        }
    }
}

#[test]
fn a_name_cut_by_the_wrap_stays_a_name() {
    // On one line, `Chiefs de Kansas City` is a name; at a line start,
    // `Chiefs` alone looked like an English word left in French.
    let text = "La chanteuse est devenue une star des stades, et chacune de ses apparitions dans les tribunes des\nChiefs de Kansas City déclenche une avalanche de selfies et de hashtags.\n";
    for kind in [SourceKind::PlainText, SourceKind::Markdown] {
        assert_eq!(findings(text, kind), vec![], "{kind:?}");
    }
}

#[test]
fn fixes_across_a_wrapped_line_keep_the_line_breaks() {
    let dir = std::env::temp_dir().join(format!("coquille-wrapped-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for name in ["texte.txt", "texte.md"] {
        let path = dir.join(name);
        std::fs::write(&path, WRAPPED.replace('\n', "\r\n")).expect("write");
        let fixed = fix_agreement(&path);
        assert!(
            fixed.contains("la\r\nréunion a été annulée faute"),
            "{fixed}"
        );
        assert!(fixed.contains("sont stockés sur"), "{fixed}");
        assert_eq!(fixed.matches("\r\n").count(), 4, "{fixed}");
        assert_eq!(fixed.replace("\r\n", "\n").lines().count(), 4);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn android_strings_wrapped_in_the_xml_read_as_one_line() {
    let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<resources>\n    <string name=\"a\">Ce matin, après une longue discussion entre les élus, la réunion\n        a été annulé faute de participants.</string>\n    <string name=\"b\">\"Deux lignes\n        gardées\" entre guillemets.</string>\n</resources>\n";
    let dir = std::env::temp_dir().join(format!("coquille-android-{}", std::process::id()));
    let values = dir.join("res").join("values-fr");
    std::fs::create_dir_all(&values).expect("temp dir");
    let path = values.join("strings.xml");
    std::fs::write(&path, xml).expect("write");
    let fixed = fix_agreement(&path);
    assert_eq!(
        fixed,
        xml.replace("a été annulé faute", "a été annulée faute")
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn xliff_targets_wrapped_in_the_xml_read_as_one_line_unless_preserved() {
    let xliff = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n  <file source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\" original=\"app\">\n    <body>\n      <trans-unit id=\"1\">\n        <source>The downloaded files are\n          stored on the server.</source>\n        <target>Les fichiers téléchargés sont\n          stocké sur le serveur.</target>\n      </trans-unit>\n      <group id=\"g\" xml:space=\"preserve\">\n        <trans-unit id=\"2\">\n          <source>The copies are\nkept.</source>\n          <target>Les copies sont\ngardé.</target>\n        </trans-unit>\n      </group>\n    </body>\n  </file>\n</xliff>\n";
    let dir = std::env::temp_dir().join(format!("coquille-xliff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("app.fr.xlf");
    std::fs::write(&path, xliff).expect("write");
    // The break is layout in the first unit, and kept where an ancestor
    // preserves the spaces.
    let fixed = fix_agreement(&path);
    assert_eq!(fixed, xliff.replace("stocké sur le", "stockés sur le"));
    std::fs::remove_dir_all(&dir).ok();
}
