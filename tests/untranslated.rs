//! The lexicon-based rules on whole texts: a machine-translated dispatch
//! written for the project (the kinds of leftovers of the seed article:
//! English words, half-translated names, a capital without its accent) must
//! be flagged word for word, and the English names around them must not.

use coquille::{Linter, Selector, Settings, Source, SourceKind};

/// A dispatch as machine translation leaves it (written for coquille).
const DISPATCH: &str = "\
Le assured de la présidente a quitté Genève mardi soir.
Rencontre de shock à Saint-Pétersbourg
Selon le Kremlin, la réunion avec Steve Witkoff et Kirill Dmitriev s’est tenue à la Boris Eltsine Presidential Library, à deux pas de la Neva.
Arrivée de Poutine Envoy à Washington
Donald Trump a jugé l’accord « théoriquement potential », tandis que Tucker Carlson, Keith Kellogg, Dmitri Peskov et Karoline Leavitt parlaient selon l’difficulty du dossier.
Le texte porte sur les Elements du règlement et sur le calendrier.
";

fn findings(text: &str, rules: &[&'static str]) -> Vec<(String, &'static str)> {
    let linter = Linter::new(Settings {
        select: rules.iter().map(|&r| Selector::Rule(r)).collect(),
        ..Settings::default()
    })
    .expect("rules compile");
    let source = Source::new("dépêche.txt", text, SourceKind::PlainText);
    linter
        .check(&source)
        .into_iter()
        .map(|d| (text[d.span.range()].to_string(), d.rule))
        .collect()
}

#[test]
fn dispatch_leftovers_are_flagged_and_names_are_not() {
    let found = findings(
        DISPATCH,
        &[
            "untranslated/english-word",
            "untranslated/english-phrase",
            "capitalization/missing-accent",
        ],
    );
    let words: Vec<&str> = found.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(
        words,
        vec![
            "assured",
            "shock",
            "Presidential Library",
            "Envoy",
            "potential",
            "difficulty",
            "Elements"
        ],
        "{found:?}"
    );
    assert_eq!(found[6].1, "capitalization/missing-accent");
    for name in [
        "Witkoff", "Dmitriev", "Kremlin", "Trump", "Carlson", "Kellogg", "Peskov", "Leavitt",
    ] {
        assert!(DISPATCH.contains(name));
        assert!(!words.iter().any(|w| w.contains(name)), "{name} flagged");
    }
}

#[test]
fn hints_become_unsafe_fixes() {
    let linter = Linter::new(Settings {
        select: vec![Selector::Rule("untranslated/english-word")],
        ..Settings::default()
    })
    .expect("rules compile");
    let source = Source::new("a.txt", DISPATCH, SourceKind::PlainText);
    let safe = linter.fix(&source, coquille::Applicability::Safe);
    assert_eq!(safe.text, DISPATCH, "hints are never safe");
    let fixed = linter.fix(&source, coquille::Applicability::Unsafe).text;
    assert!(fixed.contains("Le assuré de la présidente"), "{fixed}");
    assert!(fixed.contains("Rencontre de choc"), "{fixed}");
    assert!(fixed.contains("« théoriquement potentiel »"), "{fixed}");
    assert!(fixed.contains("selon l’difficulté"), "{fixed}");
    // Inside a name the hint is only shown.
    assert!(fixed.contains("Poutine Envoy"), "{fixed}");
    assert!(fixed.contains("Presidential Library"), "{fixed}");
}

#[test]
fn allow_words_silence_a_word() {
    let mut settings = Settings {
        select: vec![Selector::Rule("untranslated/english-word")],
        ..Settings::default()
    };
    settings.allow_words(["Shock", "ASSURED"]);
    let linter = Linter::new(settings).expect("rules compile");
    let source = Source::new("a.txt", DISPATCH, SourceKind::PlainText);
    let words: Vec<String> = linter
        .check(&source)
        .iter()
        .map(|d| DISPATCH[d.span.range()].to_string())
        .collect();
    assert!(!words.contains(&"shock".to_string()), "{words:?}");
    assert!(!words.contains(&"assured".to_string()), "{words:?}");
    assert!(words.contains(&"difficulty".to_string()), "{words:?}");
}

#[test]
fn names_anglicisms_and_homographs_give_nothing() {
    // French–English homographs, accepted anglicisms and English names,
    // in correct French.
    let text = "\
Cet article pose une question simple : quelle image, quelle date, quel moment ?
Le week-end, le parking du festival est plein ; le manager a envoyé un e-mail au sponsor.
Bill Gates, Warren Buffett et la Bank of America ont commenté la série Game of Thrones.
Game of Thrones, dont la dernière saison date de 2019, reste un succès.
Le think tank conservateur a publié une note sur la nation, le service public et la situation.
";
    let found = findings(
        text,
        &[
            "untranslated/english-word",
            "untranslated/english-phrase",
            "untranslated/english-citation",
        ],
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn english_phrases_and_citations() {
    let text = "La réunion of the comité a eu lieu. Les anglophones disent « good enough ».";
    let found = findings(
        text,
        &[
            "untranslated/english-word",
            "untranslated/english-phrase",
            "untranslated/english-citation",
        ],
    );
    assert_eq!(
        found,
        vec![
            ("of the".to_string(), "untranslated/english-phrase"),
            ("good enough".to_string(), "untranslated/english-citation"),
        ]
    );
}

#[test]
fn markdown_italics_are_citations() {
    let linter = Linter::new(Settings {
        select: vec![
            Selector::Rule("untranslated/english-word"),
            Selector::Rule("untranslated/english-citation"),
        ],
        ..Settings::default()
    })
    .expect("rules compile");
    let text = "Ouvrez une *pull request* sur la forge, puis une request.\n";
    let found: Vec<(&str, &str)> = linter
        .check(&Source::new("note.md", text, SourceKind::Markdown))
        .iter()
        .map(|d| (&text[d.span.range()], d.rule))
        .collect();
    assert_eq!(
        found,
        vec![
            ("pull request", "untranslated/english-citation"),
            ("request", "untranslated/english-word"),
        ]
    );
}

/// The untranslated findings of the catalogue `po`, as the words flagged.
fn catalogue_findings(po: &str) -> Vec<String> {
    let linter = Linter::new(Settings {
        select: vec![Selector::Category(coquille::Category::Untranslated)],
        ..Settings::default()
    })
    .expect("rules compile");
    let source = Source::new("fr.po", po, SourceKind::Po);
    linter
        .check(&source)
        .into_iter()
        .map(|d| po[d.span.range()].to_string())
        .collect()
}

#[test]
fn a_catalogue_keeps_its_jargon_and_leftovers_are_still_found() {
    // `slot` is kept in three entries and translated in none: the
    // catalogue's term. `shock` is left once where `shocked` stands in
    // the source; `update`, kept once, is translated in two entries.
    let po = "\
msgid \"replication slot %s is active\"
msgstr \"le slot de réplication %s est actif\"

msgid \"could not drop the slot\"
msgstr \"n’a pas pu supprimer le slot\"

msgid \"slots in use: %d\"
msgstr \"slots utilisés : %d\"

msgid \"The users were shocked\"
msgstr \"Les utilisateurs étaient shock\"

msgid \"Install the update\"
msgstr \"Installer l’update\"

msgid \"The update failed\"
msgstr \"La mise à jour a échoué\"

msgid \"Update done\"
msgstr \"Mise à jour faite\"

msgid \"Wrong value\"
msgstr \"Valeur fausse, voir le manual\"
";
    assert_eq!(
        catalogue_findings(po),
        ["shock", "update"],
        "`manual`, which the source lacks, is not reported either"
    );
    // Kept in one entry only, `slot` is a leftover like any other.
    let once = "msgid \"could not drop the slot\"\nmsgstr \"n’a pas pu supprimer le slot\"\n";
    assert_eq!(catalogue_findings(once), ["slot"]);
}
