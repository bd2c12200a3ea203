//! Names whose `!` or `?` is part of them (`rules/data/names-with-marks.txt`)
//! are left alone by every rule, in every profile, wherever they stand in a
//! sentence; an unlisted word glued to the same mark is still flagged.

use coquille::{Linter, Profile, Registry, Selector, Settings, Source, SourceKind, Span};

const LIST: &str = include_str!("../rules/data/names-with-marks.txt");

fn names() -> Vec<&'static str> {
    LIST.lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Every rule selected by id, so that rules off by default are checked too.
fn linter(profile: Profile) -> Linter {
    Linter::new(Settings {
        profile,
        select: Registry::global()
            .rules()
            .map(|r| Selector::Rule(r.meta().id))
            .collect(),
        ..Settings::default()
    })
    .expect("rules compile")
}

/// The findings of `linter` on `text` that touch a byte of `marks`.
fn on_marks(linter: &Linter, text: &str, marks: &[Span]) -> Vec<String> {
    let source = Source::new("t.txt", text, SourceKind::PlainText);
    linter
        .check(&source)
        .into_iter()
        .filter(|d| marks.iter().any(|m| d.span.overlaps(*m) || d.span == *m))
        .map(|d| format!("{} at {:?} in {text:?}", d.rule, d.span))
        .collect()
}

/// The sentences a name is tried in, with the byte spans of its marks (and
/// of a capital after it, which does not start a sentence).
fn sentences(name: &str) -> Vec<(String, Vec<Span>)> {
    let marks_len = name.len() - name.trim_end_matches(['!', '?']).len();
    [
        format!("Tout le monde connaît {name} depuis longtemps."),
        format!("{name} revient ce soir ; la salle est pleine."),
        format!("J’ai revu {name}, puis je suis rentré."),
        format!("On parle de {name} A la radio."),
        format!("« {name} » a plu au public."),
    ]
    .into_iter()
    .map(|text| {
        let mut watched: Vec<Span> = text
            .match_indices(name)
            .map(|(at, _)| Span::new(at + name.len() - marks_len, at + name.len()))
            .collect();
        if let Some(at) = text.find(" A ") {
            watched.push(Span::new(at + 1, at + 2));
        }
        (text, watched)
    })
    .collect()
}

#[test]
fn listed_names_keep_their_marks_in_every_profile() {
    let names = names();
    assert!(names.len() >= 5, "the list holds {} names", names.len());
    let mut failures = Vec::new();
    for profile in Profile::ALL {
        let linter = linter(profile);
        for name in &names {
            for (text, marks) in sentences(name) {
                failures.extend(on_marks(&linter, &text, &marks));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_unlisted_word_with_the_same_mark_is_flagged() {
    let linter = linter(Profile::Standard);
    for (text, watched) in sentences("Bravo!").into_iter().take(4) {
        assert!(!on_marks(&linter, &text, &watched).is_empty(), "{text}");
    }
}
