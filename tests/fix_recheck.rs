//! `fix`, which re-checks only the paragraphs the fixes changed
//! (`coquille::recheck`), must give exactly what the whole-text loop
//! (`Linter::fix_checking_whole_text`) gives (final text, fixes, passes,
//! convergence, cycle and the remaining findings with their spans,
//! messages, severities and fixes), on the bench corpus, the project's
//! texts read as every format, and the fuzz oracle's generated inputs.

#[path = "../benches/common/mod.rs"]
mod common;
mod oracle;

use coquille::recheck::{Recheck, counts};
use coquille::{Source, SourceKind};
use oracle::generate::{Format, Rng, document};
use std::path::Path;

/// Asserts that both loops agree on `source` with every configuration.
fn agree(configs: &[oracle::Config], source: &Source) {
    for config in configs {
        let fast = config.linter.fix(source, config.threshold);
        let whole = config
            .linter
            .fix_checking_whole_text(source, config.threshold);
        let what = format!("{} ({:?}, {})", source.name, source.kind, config.name);
        assert_eq!(fast.text, whole.text, "text of {what}");
        assert_eq!(fast.fixes_applied, whole.fixes_applied, "fixes of {what}");
        assert_eq!(fast.passes, whole.passes, "passes of {what}");
        assert_eq!(fast.converged, whole.converged, "convergence of {what}");
        assert_eq!(fast.cycle, whole.cycle, "cycle of {what}");
        assert_eq!(
            fast.remaining.len(),
            whole.remaining.len(),
            "count of {what}"
        );
        for (f, w) in fast.remaining.iter().zip(&whole.remaining) {
            assert_eq!(f, w, "finding of {what}");
        }
    }
}

/// The project's texts, whole.
fn texts() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = ["tests/corpus/clean", "tests/corpus/recall", "examples"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("text folder"))
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let name = f.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read_to_string(f).expect("UTF-8 text"))
        })
        .collect()
}

#[test]
fn the_bench_corpus_is_fixed_as_by_whole_checks() {
    let configs = oracle::configs();
    let before = counts();
    for doc in common::corpus(&common::paragraphs(), 400_000) {
        agree(&configs, &doc);
    }
    let after = counts();
    let by_paragraphs = |c: &[(Recheck, usize)]| c[0].1;
    // The shortcut is taken: this test compares it, not the whole loop
    // with itself.
    assert!(by_paragraphs(&after) > by_paragraphs(&before), "{after:?}");
}

#[test]
fn the_project_texts_are_fixed_as_by_whole_checks_in_every_format() {
    let configs = oracle::configs();
    for (name, text) in texts() {
        let kind = SourceKind::from_path(Path::new(&name));
        agree(&configs, &Source::new(name.clone(), text.clone(), kind));
        if kind != SourceKind::PlainText {
            agree(&configs, &Source::new(name, text, SourceKind::PlainText));
        }
    }
}

#[test]
fn generated_inputs_are_fixed_as_by_whole_checks() {
    let configs = oracle::configs();
    for seed in 1..=40 {
        for format in Format::ALL {
            let text = document(&mut Rng::new(seed), format);
            if let Some(source) = oracle::source(&text, format) {
                agree(&configs, &source);
            }
            // Each generated text read as plain text too, and two joined
            // as paragraphs of one text.
            let other = document(&mut Rng::new(seed + 1000), format);
            let joined = format!("{text}\n\n{other}\n");
            agree(
                &configs,
                &Source::new("plain", text.clone(), SourceKind::PlainText),
            );
            agree(
                &configs,
                &Source::new("joined", joined, SourceKind::PlainText),
            );
        }
    }
}

/// The files of the folder `COQUILLE_RECHECK_DIR` (texts of your own, such
/// as manual pages converted to text) read as plain text, for a wider
/// check than the project's texts: `COQUILLE_RECHECK_DIR=DIR cargo test
/// --release --test fix_recheck -- --ignored`.
#[test]
#[ignore = "needs COQUILLE_RECHECK_DIR"]
fn the_texts_of_a_folder_are_fixed_as_by_whole_checks() {
    let dir = std::env::var_os("COQUILLE_RECHECK_DIR").expect("COQUILLE_RECHECK_DIR");
    let configs = oracle::configs();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("folder")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let before = counts();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let name = file.display().to_string();
        agree(&configs, &Source::new(name, text, SourceKind::PlainText));
    }
    eprintln!("passes re-checked: {:?}", counts());
    assert!(counts()[0].1 > before[0].1);
}

/// Texts written for what a block read alone may read otherwise: a manual
/// page converted to text (running head, `NOM` heading, synopsis, lines of
/// code, programs cited as `tar(1)`), names written with a capital in one
/// paragraph and asked about in another, Title Case headings whose words
/// recur, a quotation that goes on after a line of code, apostrophes of
/// both kinds, a wrapped paragraph whose fixes change its lines, and
/// aligned lines in a text that another block lays out.
#[test]
fn texts_written_for_the_shortcut_are_fixed_as_by_whole_checks() {
    let manual = "LS(1)                Commandes                LS(1)\n\nNOM\n       ls - lister le contenu des repertoires\n\nSYNOPSIS\n       ls [OPTION]... [FICHIER]...\n\nDESCRIPTION\n       Afficher les informations sur les fichiers , par defaut le repertoire courant. Voir aussi tar(1).\n\n       La commande suivante liste tout :\n\n           ls -la /tmp\n\n       L'option \"--all\" affiche aussi les fichiers caches . Le programme tar n'est pas lance , et le deploy est fait.\n";
    let names = "Installez la version Nightly du navigateur .\n\nLa nightly est prête , enfin : le build du soir est fait.\n\nNightly est la version du soir . Le build est stable.\n";
    let titles = "Le Port De Halifax Reste Fermé\n\nLe port de Halifax est fermé depuis lundi , dit la capitainerie.\n\nLa Tempête Arrive Au Port\n\nLa tempête arrive ; le port ferme.\n";
    let quotation = "Il écrit :\n\n    close(fd);\n« Et le fichier est ferme , dit-il.\n\n» Puis il part .\n\nFin du texte .\n";
    // Mostly straight apostrophes, with a typographic one and elisions to
    // write; then mostly typographic ones, with straight ones to mend.
    let straight = "L'homme n'est pas là , dit-il.\n\nC'est l'heure ; l’eau est froide.\n\nLe arbre de la ile est grand .\n\nQu'il vienne , s'il veut.\n";
    let typographic = "L’homme n’est pas là , dit-il.\n\nC’est l'heure ; l’eau est froide.\n\nLe arbre est grand .\n";
    // A wrapped paragraph whose errors straddle its line breaks: fixing
    // them changes the width of its lines, which decides the breaks that
    // read as spaces.
    let wrapped = "Le comité s’est réuni hier soir et , après un long débat, la\nréunion a été annulé faute de participants . Les fichiers\ntéléchargés sont stocké sur le serveur pendant trente jours,\net les techniciens procèdent avec la vérification des câbles.\n\nUn autre paragraphe reste court .\n";
    // XLIFF read as plain text (from the oracle's generator, made
    // smaller): two lines with runs of spaces, aligned, in one block, and
    // lines in the others that lay the text out. The lines around keep
    // their places in the laid-out text as in the block read alone, where
    // the run a fix leaves on the first line is judged by them.
    let aligned = "  <source><![CDATA[Il a dit : « oui »..]]> Etat and12,500#aujourd’hui \u{200B}\u{202F} 10:30</source>\n  <target>Nous avons vu 3 films ce week-end!   e.g. ] with <bpt id=\"4\">&lt;b&gt;</bpt>gras<ept id=\"4\">&lt;/b&gt;</ept></target>\n</body></file></xliff>\n\n  <source>{0} &#xA0;\n";
    let configs = oracle::configs();
    for (name, text) in [
        ("aligned", aligned),
        ("straight", straight),
        ("typographic", typographic),
        ("manual", manual),
        ("names", names),
        ("titles", titles),
        ("quotation", quotation),
        ("wrapped", wrapped),
    ] {
        agree(&configs, &Source::new(name, text, SourceKind::PlainText));
    }
    agree(
        &configs,
        &Source::new("wrapped", wrapped, SourceKind::Markdown),
    );
}
