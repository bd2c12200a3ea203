//! `agreement/adjective-noun` beyond its rule examples: which word it
//! reports, the fix it offers (none when the adjective's noun is not
//! known), coordination, and the look-alikes it must leave alone, checked
//! with the default rules as a user runs them.

use coquille::{Applicability, Linter, Settings, Source, SourceKind};

const RULE: &str = "agreement/adjective-noun";

/// The findings of the rule on `text` with the default rules: (reported
/// text, replacement of the fix if any).
fn findings(text: &str) -> Vec<(String, Option<String>)> {
    let linter = Linter::new(Settings::default()).expect("rules compile");
    let source = Source::new("t.txt", text, SourceKind::PlainText);
    linter
        .check(&source)
        .into_iter()
        .filter(|d| d.rule == RULE)
        .map(|d| {
            let fix = d.fix.map(|f| {
                f.edits
                    .iter()
                    .map(|e| e.replacement.clone())
                    .collect::<String>()
            });
            (text[d.span.range()].to_string(), fix)
        })
        .collect()
}

#[test]
fn the_adjective_takes_the_noun_s_gender_and_number() {
    assert_eq!(
        findings("Le rapport décrit la situation actuel des hôpitaux."),
        [("situation actuel".to_string(), Some("actuelle".to_string()))]
    );
    // Past an adjective that agrees, before or after the noun.
    assert_eq!(
        findings("Elle présente une stratégie commerciale ambitieux."),
        [(
            "stratégie commerciale ambitieux".to_string(),
            Some("ambitieuse".to_string())
        )]
    );
    assert_eq!(
        findings("Le pays prépare une nouvelle loi ambitieux."),
        [("loi ambitieux".to_string(), Some("ambitieuse".to_string()))]
    );
}

#[test]
fn coordinated_nouns_take_the_masculine_plural() {
    assert_eq!(
        findings("Nous avons reçu un homme et une femme heureuses de venir."),
        [(
            "un homme et une femme heureuses".to_string(),
            Some("heureux".to_string())
        )]
    );
    assert_eq!(
        findings("Il faut changer la table et la chaise abîmés."),
        [(
            "la table et la chaise abîmés".to_string(),
            Some("abîmées".to_string())
        )]
    );
}

#[test]
fn after_a_complement_chain_no_noun_is_chosen() {
    // `lancé` agrees with neither `chasse` nor `sorcières`: reported, with
    // no fix, since which noun it belongs to is not known.
    assert_eq!(
        findings("C’est une chasse aux sorcières lancé par le cardinal."),
        [("sorcières lancé".to_string(), None)]
    );
}

#[test]
fn look_alikes_stay_silent() {
    for text in [
        "La porte du garage ouverte laissait passer le vent.",
        "Il a bu un verre de vin rouge.",
        "Des chaises et des tables neuves.",
        "Un homme et une femme heureuse sont venus.",
        "Le président et la directrice générale ont signé.",
        "Les cultures française et allemande.",
        "Les premier et second tours auront lieu en juin.",
        "Les alphabets phénicien, grec et romain.",
        "La journée de nettoyage de l’environnement placée sous son égide.",
        "Le repas des anciens offert par la commune.",
        "Les photos satellite de la ville.",
        "La liste des cent meilleurs romans.",
        "À l’époque second club de la ville.",
        "Une entreprise important du vin a fermé.",
        "Les fichier(s) joint(s) sont prêts.",
        "La ville la plus peuplée du pays.",
        "Le tour de France et la tour Eiffel.",
        "Les couleurs marron et les chaussures chic.",
        "Il lit Le Monde diplomatique chaque mois.",
    ] {
        assert_eq!(findings(text), [], "{text}");
    }
}

#[test]
fn fixing_is_idempotent() {
    let linter = Linter::new(Settings::default()).expect("rules compile");
    let text = "La situation actuel inquiète. Nous avons vu un homme et une femme heureuses.";
    let source = Source::new("t.txt", text, SourceKind::PlainText);
    let once = linter.fix(&source, Applicability::Unsafe);
    assert_eq!(
        once.text,
        "La situation actuelle inquiète. Nous avons vu un homme et une femme heureux."
    );
    let again = linter.fix(
        &Source::new("t.txt", once.text.as_str(), SourceKind::PlainText),
        Applicability::Unsafe,
    );
    assert_eq!(again.text, once.text);
}
