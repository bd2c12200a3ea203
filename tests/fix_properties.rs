//! Properties of fixing, on generated text: fixing twice equals fixing once,
//! fixing always settles, one pass never touches text outside the edits it
//! applies, and no input makes the checker panic or report bad spans.

mod splice;

use coquille::fix::apply_fixes;
use coquille::{Applicability, Edit, Linter, Settings, Source, SourceKind};
use proptest::prelude::*;
use splice::splice;
use std::sync::LazyLock;

static LINTER: LazyLock<Linter> =
    LazyLock::new(|| Linter::new(Settings::default()).expect("rules compile"));

/// Pieces of French and machine-translated text, chosen to trigger and
/// combine every rule family.
const PIECES: &[&str] = &[
    "le",
    "la",
    "Etat",
    "État",
    "Mars",
    "Lundi",
    "gouvernement",
    "Russe",
    "A",
    "Paris",
    "Maison",
    "Blanche",
    "a",
    "t",
    "il",
    "Est",
    "ce",
    "que",
    "coeur",
    "2ème",
    "1ère",
    "3rd",
    "1st",
    "12,500,000",
    "1,000.50",
    "50",
    "%",
    "5km",
    "$",
    "100",
    "March",
    "18",
    "2025",
    "3:30",
    "PM",
    "etc",
    "l’",
    "d'",
    "qu’",
    "aujourd’hui",
    "https://exemple.fr/a?b=1",
    "moi@exemple.fr",
    "10:30",
    "3,5",
    ";",
    ":",
    "!",
    "?",
    "?!",
    "...",
    "..",
    ",",
    ",,",
    ".",
    "…",
    "«",
    "»",
    "“",
    "”",
    "\"",
    "'",
    "’",
    "(",
    ")",
    "[",
    "]",
    "-",
    "–",
    " - ",
    " ",
    " ",
    "  ",
    "\u{00A0}",
    "\u{202F}",
    "\u{2009}",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\u{200B}",
    "\u{00AD}",
    "\u{FEFF}",
    "e\u{301}",
    "Ã©",
    "â€™",
    "Ã ",
    "\u{7}",
    "Mr",
    "e.g.",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

fn source(text: &str) -> Source {
    Source::new("t.txt", text, SourceKind::PlainText)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn fixing_twice_equals_fixing_once(t in text()) {
        for threshold in [Applicability::Safe, Applicability::Unsafe] {
            let once = LINTER.fix(&source(&t), threshold);
            prop_assert!(once.converged, "did not converge on {:?}", t);
            let twice = LINTER.fix(&source(&once.text), threshold);
            prop_assert_eq!(&twice.text, &once.text, "input {:?}", t);
            prop_assert_eq!(twice.fixes_applied, 0);
        }
    }

    #[test]
    fn one_pass_touches_only_its_edits(t in text()) {
        let diagnostics = LINTER.check(&source(&t));
        let reported: Vec<&Edit> = diagnostics
            .iter()
            .filter(|d| d.is_fixable(Applicability::Unsafe))
            .flat_map(|d| d.fix.iter().flat_map(|f| f.edits.iter()))
            .collect();
        let applied = apply_fixes(&t, &diagnostics, Applicability::Unsafe);
        for pair in applied.edits.windows(2) {
            prop_assert!(pair[0].span.end <= pair[1].span.start, "overlapping edits {:?}", pair);
        }
        for edit in &applied.edits {
            prop_assert!(reported.contains(&edit), "edit {:?} was not reported", edit);
        }
        prop_assert_eq!(applied.text, splice(&t, &applied.edits));
    }

    #[test]
    fn spans_are_valid_on_any_text(t in any::<String>()) {
        let diagnostics = LINTER.check(&source(&t));
        for d in &diagnostics {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= t.len());
            prop_assert!(t.is_char_boundary(d.span.start) && t.is_char_boundary(d.span.end));
            for e in d.fix.iter().flat_map(|f| f.edits.iter()) {
                prop_assert!(t.is_char_boundary(e.span.start) && t.is_char_boundary(e.span.end));
            }
        }
        let fixed = LINTER.fix(&source(&t), Applicability::Unsafe);
        prop_assert!(fixed.converged);
    }
}
