//! Technical French prose: code inside it (options, identifiers, paths,
//! globs, format directives), the names of a program mentioned in a
//! sentence, and English given on purpose (a gloss after its French term,
//! words introduced as English, product names, a quotation mark mentioned as
//! a character) are not artefacts; the same English left in running text
//! still is.

use coquille::{Linter, Settings, Source, SourceKind};

/// The findings of the default rules on `text`: (reported text, rule).
fn findings(text: &str) -> Vec<(String, &'static str)> {
    let linter = Linter::new(Settings::default()).expect("rules compile");
    let source = Source::new("manuel.txt", text, SourceKind::PlainText);
    linter
        .check(&source)
        .into_iter()
        .map(|d| (text[d.span.range()].to_string(), d.rule))
        .collect()
}

#[test]
fn nothing_is_reported_inside_code() {
    for text in [
        "Lancez outil --time=MOT pour changer l’heure.",
        "La fonction lit config_path puis log_level.",
        "La valeur de $HOME change selon l’utilisateur.",
        "Copiez *.tar.gz dans le dossier, puis ouvrez settings.json.",
        "Le module std::process renvoie le code de sortie.",
        "Les directives %s et %08x reçoivent les arguments.",
        "L’instruction mov $0x10, %eax copie la valeur.",
        "Cherchez ?terme pour limiter la recherche aux titres.",
        "Le serveur de test répond sur Example.Org.",
    ] {
        assert_eq!(findings(text), vec![], "{text}");
    }
}

#[test]
fn names_of_the_program_are_not_english_left_in_french() {
    for text in [
        "La commande outil check docs/*.md vérifie tout le dossier.",
        "Installez-le avec cargo install --path puis relancez.",
        "Ajoutez la clé exclude au fichier de configuration.",
        "Réglez l’option verbose avant de lancer la mise à jour.",
        "Les valeurs possibles sont auto, always ou never.",
        "Le niveau se choisit parmi debug, info ou warn.",
        // A program whose manual page the text cites, named bare elsewhere.
        "Pour archiver le dossier, lancez tar sur lui.\n\nVOIR AUSSI\n       tar(1), gzip(1)\n",
        "Les fonctions (cf. <names.h>) renvoient une valeur.",
        "Les priorités required, standard, optional, extra, etc., sont connues.",
        "La couleur se règle ainsi.\n\n       always\n              Toujours colorer.\n\n       never:\n              Jamais.\n",
        "Utilisez wait pour attendre la fin des tâches.\n\n       wait [-fn] [id ...]\n",
    ] {
        assert_eq!(findings(text), vec![], "{text}");
    }
}

#[test]
fn english_in_running_text_is_still_reported() {
    let english = |text: &str| {
        findings(text)
            .into_iter()
            .filter(|(_, rule)| *rule == "untranslated/english-word")
            .map(|(word, _)| word)
            .collect::<Vec<_>>()
    };
    assert_eq!(english("Une visite de shock à Genève."), vec!["shock"]);
    // A list with one English word is not a list of option values.
    assert_eq!(
        english("Les couleurs sont rouge, vert et yellow."),
        vec!["yellow"]
    );
    // Code nearby does not hide English two words away.
    assert_eq!(
        english("Lancez outil --help pour voir le shock du programme."),
        vec!["shock"]
    );
}

#[test]
fn a_colon_glued_to_code_is_the_code_s_own() {
    // `--help:` in a list of options; the same colon after a word is the
    // sentence's and wants its space.
    assert_eq!(findings("Utilisez --help: la liste s’affiche."), vec![]);
    assert_eq!(
        findings("Utilisez l’aide: la liste s’affiche."),
        vec![(":".to_string(), "spacing/missing-space-before")]
    );
    // Spaces before the sentence's punctuation after code are still seen.
    assert_eq!(
        findings("Utilisez --help , puis relancez."),
        vec![(" ".to_string(), "spacing/space-before-closing")]
    );
}

#[test]
fn glosses_and_words_introduced_as_english_are_deliberate() {
    for text in [
        "Ce gratuiciel (freeware) tient sur une disquette.",
        "Le suivi des tickets (issue tracker) garde l’historique.",
        "Le signe > se lit en anglais greater than.",
        "Le bouton porte son nom anglais\u{a0}: shutdown.",
        "Il accepte aussi midnight (minuit) et noon (midi).",
        "La recherche des feuilles (NDT\u{a0}: leaf) est désactivée.",
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
    // Brackets after English holding an aside are not its translation.
    assert_eq!(
        english("La visite de shock (ce matin) a surpris."),
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

/// A manual converted to text (justified lines, words broken by a
/// typographic hyphen, lines of code) gives no finding for its layout, and
/// the artefacts inside its sentences are still found, at their place in
/// the file.
#[test]
fn converted_manuals_keep_their_artefacts_not_their_layout() {
    let manual = concat!(
        "       Le  programme  lit  le  fichier  indiqué  puis affiche sa taille\n",
        "       en    octets    et    la   date   de   sa   dernière   modifica\u{2010}\n",
        "       tion\u{a0};   les  liens  symboliques  sont  suivis  si  on  le  veut\n",
        "       bien.\n",
        "\n",
        "       int fd = open(chemin, O_RDONLY);\n",
        "       close(fd);\n",
        "\n",
        "       rangement [ -n ] [ -v ] [ --par-mois ] SOURCE\n",
    );
    assert_eq!(findings(manual), vec![], "{manual}");
    // The same page with an artefact in its sentence, one at a time (a
    // sentence holding English is not checked for agreement).
    let agreement = findings(&manual.replace("le  fichier", "la  fichier"));
    assert_eq!(
        agreement,
        vec![("la  fichier".to_string(), "agreement/determiner-noun")]
    );
    let english = findings(&manual.replace("la   date", "la   shock"));
    assert_eq!(
        english,
        vec![("shock".to_string(), "untranslated/english-word")]
    );
}
