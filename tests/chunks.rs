//! Chunks on top of the tags: noun phrases, subject → verb links and
//! attributes, sentence by sentence.

use coquille::lexicon::{Gender, Number};
use coquille::tagger::chunk::{self, Chunks, Copula, Subject};
use coquille::{Document, Settings, Source, SourceKind};

/// Runs `check` on the document of `text` and its first sentence's chunks.
fn with_chunks(text: &str, check: impl FnOnce(&Document, &Chunks, &dyn Fn(&str) -> usize)) {
    let source = Source::new("t.txt", text, SourceKind::PlainText);
    let settings = Settings::default();
    let doc = Document::new(&source, &settings);
    let at = |word: &str| {
        (0..doc.tokens().len())
            .find(|&i| doc.token_text(i) == word)
            .unwrap_or_else(|| panic!("no {word} in {text}"))
    };
    check(&doc, doc.sentence_chunks(0), &at);
}

#[test]
fn noun_phrase_with_determiners_and_adjectives_on_both_sides() {
    with_chunks(
        "Les trois petites maisons très anciennes et bien rénovées sont vendues.",
        |doc, c, at| {
            let np = c
                .noun_phrase_with_head(at("maisons"))
                .expect("maisons phrase");
            assert_eq!(np.determiner, Some(at("Les")));
            assert_eq!(np.numeral, Some(at("trois")));
            assert_eq!(np.determiners, vec![at("Les"), at("trois")]);
            assert_eq!(
                np.adjectives,
                vec![at("petites"), at("anciennes"), at("rénovées")]
            );
            assert_eq!(
                doc.slice(
                    doc.tokens()[np.tokens.start]
                        .span()
                        .cover(doc.tokens()[np.tokens.end - 1].span())
                ),
                "Les trois petites maisons très anciennes et bien rénovées"
            );
            assert_eq!(c.subject_of(at("sont")), Some(Subject::NounPhrase(0)));
            let attr = c
                .attributes
                .iter()
                .find(|a| a.word == at("vendues"))
                .expect("vendues");
            assert_eq!(
                (attr.kind, attr.subject),
                (Copula::Etre, Some(Subject::NounPhrase(0)))
            );
        },
    );
}

#[test]
fn coordinated_nouns_agree_masculine_plural() {
    with_chunks("Un homme et une femme heureux arrivent.", |doc, c, at| {
        assert_eq!(c.noun_phrases.len(), 2);
        assert!(c.noun_phrases.iter().all(|np| np.coordination == (0..2)));
        assert_eq!(c.noun_phrases[1].adjectives, vec![at("heureux")]);
        let agreement = chunk::coordination_agreement(c, 1, |i| doc.reading(i).copied());
        assert_eq!(agreement, Some((Gender::Masculine, Number::Plural)));
    });
    with_chunks("La table est rouge.", |doc, c, _| {
        assert_eq!(c.noun_phrases[0].coordination, 0..1);
        let agreement = chunk::coordination_agreement(c, 0, |i| doc.reading(i).copied());
        assert_eq!(agreement, Some((Gender::Feminine, Number::Singular)));
    });
}

#[test]
fn long_subject_links_to_its_first_noun_phrase() {
    with_chunks("Les options de cette page est masquée.", |_, c, at| {
        let Some(Subject::NounPhrase(np)) = c.subject_of(at("est")) else {
            panic!("no noun-phrase subject: {c:?}")
        };
        assert_eq!(c.noun_phrases[np].head, at("options"));
    });
    with_chunks("Les prix des billets restent élevés.", |_, c, at| {
        let Some(Subject::NounPhrase(np)) = c.subject_of(at("restent")) else {
            panic!("no subject: {c:?}")
        };
        assert_eq!(c.noun_phrases[np].head, at("prix"));
        let attr = c
            .attributes
            .iter()
            .find(|a| a.word == at("élevés"))
            .expect("élevés");
        assert_eq!(attr.kind, Copula::State);
    });
}

#[test]
fn pronoun_subjects_across_negation_and_clitics() {
    with_chunks("Ils ne le peut pas.", |_, c, at| {
        assert_eq!(c.subject_of(at("peut")), Some(Subject::Pronoun(at("Ils"))));
    });
    with_chunks("Elle n'est pas fatigué.", |_, c, at| {
        let attr = c
            .attributes
            .iter()
            .find(|a| a.word == at("fatigué"))
            .expect("fatigué");
        assert_eq!(attr.subject, Some(Subject::Pronoun(at("Elle"))));
        assert!(!attr.pronominal);
    });
}

#[test]
fn compound_and_passive_attributes_find_the_finite_verb_subject() {
    with_chunks("La séance a été levé.", |_, c, at| {
        let attr = c
            .attributes
            .iter()
            .find(|a| a.word == at("levé"))
            .expect("levé");
        assert_eq!(attr.copula, at("été"));
        assert_eq!(attr.subject, Some(Subject::NounPhrase(0)));
        assert_eq!(c.noun_phrases[0].head, at("séance"));
    });
    with_chunks("Elles se sont parlé.", |_, c, at| {
        let attr = c
            .attributes
            .iter()
            .find(|a| a.word == at("parlé"))
            .expect("parlé");
        assert!(attr.pronominal);
        assert_eq!(attr.subject, Some(Subject::Pronoun(at("Elles"))));
    });
    with_chunks("Elle a l'air content.", |_, c, at| {
        let attr = c
            .attributes
            .iter()
            .find(|a| a.word == at("content"))
            .expect("content");
        assert_eq!((attr.kind, attr.copula), (Copula::AvoirLAir, at("air")));
    });
}

#[test]
fn objects_and_complements_are_not_subjects() {
    with_chunks("Je la vois.", |_, c, at| {
        assert!(c.noun_phrases.is_empty(), "{c:?}");
        assert_eq!(c.subject_of(at("vois")), Some(Subject::Pronoun(at("Je"))));
    });
    with_chunks(
        "Dans les rues de la ville passe un cortège.",
        |_, c, at| {
            assert_eq!(c.subject_of(at("passe")), None, "{c:?}");
        },
    );
}
