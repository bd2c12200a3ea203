//! English given on purpose in French technical prose — a gloss after its
//! French term, words introduced as English, product names, a quotation
//! mark mentioned as a character — is not an artefact; the same English
//! left in running text still is.

use coquille::{Linter, Settings, Source, SourceKind};

fn findings(text: &str) -> Vec<(String, &'static str)> {
    let linter = Linter::new(Settings::default()).expect("rules compile");
    let source = Source::new("guide.txt", text, SourceKind::PlainText);
    linter
        .check(&source)
        .into_iter()
        .map(|d| (text[d.span.range()].to_string(), d.rule))
        .collect()
}

#[test]
fn glosses_and_words_introduced_as_english_are_deliberate() {
    for text in [
        "Ce gratuiciel (freeware) tient sur une disquette.",
        "Le suivi des tickets (issue tracker) garde l’historique.",
        "Le signe > se lit en anglais greater than.",
        "Le bouton porte son nom anglais\u{a0}: shutdown.",
    ] {
        assert_eq!(findings(text), vec![], "{text}");
    }
}

#[test]
fn product_names_written_with_a_capital_elsewhere_are_names() {
    let text = "Installez la version Nightly du compilateur.\n\nLa nightly change chaque jour.\n";
    assert_eq!(findings(text), vec![]);
}

#[test]
fn mentioned_quotation_marks_are_not_quotations() {
    for text in [
        "Les guillemets (\") entourent les valeurs.",
        "Le caractère «\u{a0}\"\u{a0}» termine la chaîne.",
        "Échappez le caractère \" avec une barre oblique inversée.",
    ] {
        assert_eq!(findings(text), vec![], "{text}");
    }
}

#[test]
fn english_left_in_running_text_is_still_reported() {
    let english = |text: &str| {
        findings(text)
            .into_iter()
            .filter(|(_, rule)| rule.starts_with("untranslated/"))
            .map(|(word, _)| word)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        english("La visite de shock a surpris (ce matin)."),
        vec!["shock"]
    );
    // Brackets holding French too are an aside, not a gloss.
    assert_eq!(
        english("Le ministre (un shock pour tous) a parlé."),
        vec!["shock"]
    );
    // An unpaired straight quote in running text is still one.
    assert!(!findings("Il a dit \"bonjour à tous.").is_empty());
}
