//! The part-of-speech tagger: accuracy on the held-out part of UD
//! French-Sequoia, and the readings a document gets.

use coquille::lexicon::{Gender, Number, VerbForm};
use coquille::tagger::{self, Upos, conllu};
use coquille::{Document, Settings, Source, SourceKind};

/// UPOS accuracy on `fr_sequoia-ud-test.conllu`, counted over syntactic
/// words (a contraction is right for each part it gets right). Measured
/// 0.981 when the model was trained; the floor leaves room for retraining.
const FLOOR: f64 = 0.97;

#[test]
fn upos_accuracy_on_sequoia_test_holds_its_floor() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/tagger/sequoia/fr_sequoia-ud-test.conllu"
    ))
    .expect("Sequoia test part is in the repository");
    let sentences = conllu::parse(&text);
    assert_eq!(sentences.len(), 456);
    let (mut right, mut total) = (0usize, 0usize);
    for s in &sentences {
        let forms: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
        let readings = tagger::tag_words(&forms);
        assert_eq!(readings.len(), forms.len());
        for (gold, r) in s.tokens.iter().zip(&readings) {
            let predicted = [Some(r.upos), r.fused];
            for (k, g) in gold.upos.iter().enumerate() {
                total += 1;
                right += usize::from(
                    predicted.get(k).copied().flatten().map(Upos::name) == Some(g.as_str()),
                );
            }
        }
    }
    let accuracy = right as f64 / total as f64;
    eprintln!("UPOS accuracy on Sequoia test: {accuracy:.4} ({right}/{total})");
    assert!(total > 10_000);
    assert!(accuracy >= FLOOR, "accuracy {accuracy:.4} below {FLOOR}");
}

/// The readings of the words of `text`, in order, with their forms.
fn words(text: &str) -> Vec<(String, tagger::TokenReading)> {
    let source = Source::new("t.txt", text, SourceKind::PlainText);
    let settings = Settings::default();
    let doc = Document::new(&source, &settings);
    doc.readings()
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.map(|r| (doc.token_text(i).to_string(), r)))
        .collect()
}

fn find<'w>(words: &'w [(String, tagger::TokenReading)], form: &str) -> &'w tagger::TokenReading {
    &words
        .iter()
        .find(|(f, _)| f == form)
        .unwrap_or_else(|| panic!("{form} in {words:?}"))
        .1
}

#[test]
fn article_or_pronoun_noun_or_verb_from_context() {
    let w = words("Je la vois. La porte est ouverte. Il porte la valise.");
    let la: Vec<Upos> = w
        .iter()
        .filter(|(f, _)| f.eq_ignore_ascii_case("la"))
        .map(|(_, r)| r.upos)
        .collect();
    assert_eq!(la, [Upos::Pron, Upos::Det, Upos::Det]);
    let porte: Vec<Upos> = w
        .iter()
        .filter(|(f, _)| f == "porte")
        .map(|(_, r)| r.upos)
        .collect();
    assert_eq!(porte, [Upos::Noun, Upos::Verb]);
}

#[test]
fn morphology_comes_with_the_chosen_reading() {
    let w = words("La réunion a été annulée par les directrices.");
    let reunion = find(&w, "réunion");
    assert_eq!(
        (reunion.upos, reunion.gender, reunion.number),
        (Upos::Noun, Some(Gender::Feminine), Some(Number::Singular))
    );
    assert_eq!(reunion.lemma("réunion"), "réunion");
    let ete = find(&w, "été");
    assert_eq!(
        (ete.upos, ete.verb_form),
        (Upos::Aux, Some(VerbForm::PastParticiple))
    );
    assert_eq!(ete.lemma("été"), "être");
    let annulee = find(&w, "annulée");
    assert!(annulee.is_past_participle(), "{annulee:?}");
    assert_eq!(
        (annulee.gender, annulee.number),
        (Some(Gender::Feminine), Some(Number::Singular))
    );
    assert_eq!(annulee.lemma("annulée"), "annuler");
    let a = find(&w, "a");
    assert_eq!(
        (a.upos, a.person, a.number),
        (Upos::Aux, Some(3), Some(Number::Singular))
    );
    let les = find(&w, "les");
    assert_eq!((les.upos, les.number), (Upos::Det, Some(Number::Plural)));
    assert!(
        w.iter()
            .all(|(_, r)| r.confidence > 0.0 && r.confidence <= 1.0)
    );
}

#[test]
fn contractions_are_two_words() {
    let w = words("Il parle du projet aux élèves.");
    let du = find(&w, "du");
    assert_eq!((du.upos, du.fused), (Upos::Adp, Some(Upos::Det)));
    assert_eq!(
        (du.gender, du.number),
        (Some(Gender::Masculine), Some(Number::Singular))
    );
    let aux = find(&w, "aux");
    assert_eq!(
        (aux.fused, aux.number),
        (Some(Upos::Det), Some(Number::Plural))
    );
    assert_eq!(tagger::contraction_parts("Du"), Some(("de", "le")));
}

#[test]
fn subjects_give_verbs_their_number() {
    let w = words("Ils peuvent venir. Elle peut venir.");
    assert_eq!(find(&w, "peuvent").number, Some(Number::Plural));
    assert_eq!(find(&w, "peut").number, Some(Number::Singular));
    let ils = find(&w, "Ils");
    assert_eq!(
        (ils.upos, ils.person, ils.number),
        (Upos::Pron, Some(3), Some(Number::Plural))
    );
}

#[test]
fn readings_are_per_token_and_lazy_per_sentence() {
    let source = Source::new(
        "t.txt",
        "Le chat dort. « Les chiens aboient ! »\n\nFin",
        SourceKind::PlainText,
    );
    let settings = Settings::default();
    let doc = Document::new(&source, &settings);
    assert_eq!(doc.sentences().len(), 3);
    // One reading per word, none for space and punctuation.
    let chiens = (0..doc.tokens().len())
        .find(|&i| doc.token_text(i) == "chiens")
        .expect("chiens");
    assert_eq!(doc.reading(chiens).map(|r| r.upos), Some(Upos::Noun));
    let all = doc.readings();
    assert_eq!(all.len(), doc.tokens().len());
    for (i, r) in all.iter().enumerate() {
        assert_eq!(
            r.is_some(),
            doc.tokens()[i].is_wordlike(),
            "{:?}",
            doc.token_text(i)
        );
        assert_eq!(doc.reading(i), r.as_ref());
    }
}

#[test]
fn object_pronouns_before_verbs_are_pronouns() {
    let w = words("Il les a lus hier. Je la vois.");
    assert_eq!(find(&w, "les").upos, Upos::Pron);
    assert_eq!(find(&w, "la").upos, Upos::Pron);
    let lus = find(&w, "lus");
    assert_eq!(
        (lus.verb_form, lus.number),
        (Some(VerbForm::PastParticiple), Some(Number::Plural))
    );
}

#[test]
fn attributes_keep_their_own_gender_and_number() {
    // The reading is the word's, not the one its subject would want: the
    // rules see the disagreement.
    let w = words("Elle est content. Nous sommes prêt. Les femmes sont partis.");
    let content = find(&w, "content");
    assert_eq!(
        (content.upos, content.gender, content.number),
        (Upos::Adj, Some(Gender::Masculine), Some(Number::Singular))
    );
    let sommes = find(&w, "sommes");
    assert_eq!(
        (sommes.upos, sommes.person, sommes.number),
        (Upos::Aux, Some(1), Some(Number::Plural))
    );
    let partis = find(&w, "partis");
    assert_eq!(
        (partis.verb_form, partis.gender, partis.number),
        (
            Some(VerbForm::PastParticiple),
            Some(Gender::Masculine),
            Some(Number::Plural)
        )
    );
}

#[test]
fn determiner_like_words_get_morphology_from_the_lexicon() {
    let w = words("Tout les jours, un petite village.");
    let tout = find(&w, "Tout");
    assert_eq!(
        (tout.gender, tout.number),
        (Some(Gender::Masculine), Some(Number::Singular)),
        "{tout:?}"
    );
    let petite = find(&w, "petite");
    assert_eq!(
        (petite.upos, petite.gender),
        (Upos::Adj, Some(Gender::Feminine))
    );
    assert_eq!(find(&w, "village").gender, Some(Gender::Masculine));
    // A noun whose gender changes its meaning has both.
    let w = words("Cette page est vide.");
    assert_eq!(find(&w, "page").gender, Some(Gender::Both));
}

#[test]
fn remembered_word_scores_change_nothing() {
    // The embedded tagger remembers the scores of each form's own
    // features; a tagger on the same model file without the memo must
    // choose the same classes with the same confidence.
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/tagger/pos.model"
    ))
    .expect("model file");
    let plain = tagger::Tagger::new(&bytes);
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/tagger/sequoia/fr_sequoia-ud-test.conllu"
    ))
    .expect("Sequoia test part");
    let mut words = tagger::features::Prepared::default();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    // Twice, so that the second pass reads the memo.
    for _ in 0..2 {
        for s in conllu::parse(&text).iter().take(100) {
            words.prepare(s.tokens.iter().map(|t| t.form.as_str()));
            tagger::TAGGER.tag(&words, &mut a);
            plain.tag(&words, &mut b);
            assert_eq!(a, b, "{}", s.text);
        }
    }
}

#[test]
fn words_the_treebank_never_saw_get_their_tag_from_the_lexicon() {
    // None of these forms occurs in the Sequoia files.
    let w = words("Le pangolin grignotait des fourmis. Ses zébrures luisaient doucement.");
    let tags: Vec<(&str, Upos)> = w.iter().map(|(f, r)| (f.as_str(), r.upos)).collect();
    assert_eq!(
        tags,
        [
            ("Le", Upos::Det),
            ("pangolin", Upos::Noun),
            ("grignotait", Upos::Verb),
            ("des", Upos::Det),
            ("fourmis", Upos::Noun),
            ("Ses", Upos::Det),
            ("zébrures", Upos::Noun),
            ("luisaient", Upos::Verb),
            ("doucement", Upos::Adv),
        ]
    );
    assert_eq!(find(&w, "luisaient").number, Some(Number::Plural));
    assert_eq!(find(&w, "zébrures").gender, Some(Gender::Feminine));
}
