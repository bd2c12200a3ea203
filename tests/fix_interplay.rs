//! Whole machine-translated paragraphs, with several artefacts tangled
//! together (English quotes, missing spaces, a stray mark, capitals after
//! quotes), fixed in one run: the result is correct French, and fixing it
//! again changes nothing.

use coquille::{Applicability, Linter, Settings, Source, SourceKind};

const NBSP: &str = "\u{00A0}";
const NNBSP: &str = "\u{202F}";

fn fix(text: &str, threshold: Applicability) -> String {
    let linter = Linter::new(Settings::default()).expect("rules compile");
    let once = linter.fix(
        &Source::new("mt.txt", text, SourceKind::PlainText),
        threshold,
    );
    assert!(once.converged, "fixing did not settle on {text:?}");
    let twice = linter.fix(
        &Source::new("mt.txt", once.text.clone(), SourceKind::PlainText),
        threshold,
    );
    assert_eq!(twice.text, once.text, "fixing again changed the text");
    once.text
}

#[test]
fn a_quoted_statement_with_a_stray_mark_and_a_capital() {
    let mt = "Le ministère a confirmé que l’entretien portait sur «les grandes lignes du projet», “ A déclaré le porte-parole, sans donner de détails.";
    let expected = format!(
        "Le ministère a confirmé que l’entretien portait sur «{NBSP}les grandes lignes du projet{NBSP}», a déclaré le porte-parole, sans donner de détails."
    );
    assert_eq!(fix(mt, Applicability::Unsafe), expected);
}

#[test]
fn english_quotes_missing_spaces_and_a_capital_after_the_quote() {
    let mt = "Le directeur a qualifié la saison de “décevante” Dans une lettre aux actionnaires: il promet “ un redressement rapide ”!";
    let expected = format!(
        "Le directeur a qualifié la saison de «{NBSP}décevante{NBSP}» dans une lettre aux actionnaires{NBSP}: il promet «{NBSP}un redressement rapide{NBSP}»{NNBSP}!"
    );
    // Every fix here is safe: no --unsafe-fixes needed.
    assert_eq!(fix(mt, Applicability::Safe), expected);
}

#[test]
fn straight_and_mismatched_quotes_in_one_paragraph() {
    let mt = "Elle a répondu \"pas encore\", puis elle a ajouté «nous verrons bien”.";
    let expected = format!(
        "Elle a répondu «{NBSP}pas encore{NBSP}», puis elle a ajouté «{NBSP}nous verrons bien{NBSP}»."
    );
    assert_eq!(fix(mt, Applicability::Safe), expected);
}
