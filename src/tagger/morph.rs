//! The morphology of a tagged word: gender and number from the lexicon
//! readings that fit the chosen part of speech, person and number of
//! pronouns and finite verbs from their form.

use crate::lexicon::{Gender, Number, Pos, Reading, Readings, VerbForm};
use crate::tagger::Upos;

/// Whether a lexicon reading fits a word tagged `upos` (with `verb_form`
/// for verbs).
fn fits(reading: &Reading, upos: Upos, verb_form: Option<VerbForm>) -> bool {
    match upos {
        Upos::Noun => reading.pos == Pos::Noun,
        Upos::Adj => {
            reading.pos == Pos::Adjective
                || (reading.pos == Pos::Verb
                    && matches!(
                        reading.verb_form,
                        VerbForm::PastParticiple | VerbForm::PresentParticiple
                    ))
        }
        Upos::Verb | Upos::Aux => {
            reading.pos == Pos::Verb && verb_form.is_none_or(|f| f == reading.verb_form)
        }
        Upos::Det => reading.pos == Pos::Determiner,
        Upos::Num => matches!(reading.pos, Pos::Numeral | Pos::Determiner),
        Upos::Pron => reading.pos == Pos::Pronoun,
        Upos::Propn => reading.pos.is_name(),
        Upos::Adv => reading.pos == Pos::Adverb,
        Upos::Adp => reading.pos == Pos::Preposition,
        Upos::Cconj | Upos::Sconj => reading.pos == Pos::Conjunction,
        Upos::Intj => reading.pos == Pos::Interjection,
        Upos::Part | Upos::Punct | Upos::Sym | Upos::X => false,
    }
}

/// The readings of `readings` that fit `upos`: for an adjective, the
/// adjective readings first (participles only if there is none).
pub fn fitting(
    readings: Option<Readings>,
    upos: Upos,
    verb_form: Option<VerbForm>,
) -> impl Iterator<Item = Reading> {
    let adjective = upos == Upos::Adj && readings.is_some_and(|r| r.has(Pos::Adjective));
    readings
        .into_iter()
        .flat_map(|r| r.iter())
        .filter(move |r| fits(r, upos, verb_form) && (!adjective || r.pos == Pos::Adjective))
}

/// Whether words tagged `upos` have a gender and number of their own.
pub fn is_nominal(upos: Upos) -> bool {
    matches!(
        upos,
        Upos::Noun | Upos::Adj | Upos::Det | Upos::Pron | Upos::Num
    )
}

/// The readings of `readings` as a noun, adjective, determiner, pronoun or
/// numeral.
pub fn nominal(readings: Option<Readings>) -> impl Iterator<Item = Reading> {
    readings.into_iter().flat_map(|r| r.iter()).filter(|r| {
        matches!(
            r.pos,
            Pos::Noun | Pos::Adjective | Pos::Determiner | Pos::Pronoun | Pos::Numeral
        )
    })
}

/// The gender the readings agree on: `Both` when they differ, `None` when
/// none gives one.
pub fn merge_gender(readings: impl Iterator<Item = Gender>) -> Option<Gender> {
    let mut out = None;
    for g in readings.filter(|&g| g != Gender::Unknown) {
        out = Some(match out {
            None => g,
            Some(prev) if prev == g => g,
            Some(_) => Gender::Both,
        });
    }
    out
}

/// The number the readings agree on: `Both` when they differ, `None` when
/// none gives one.
pub fn merge_number(readings: impl Iterator<Item = Number>) -> Option<Number> {
    let mut out = None;
    for n in readings.filter(|&n| n != Number::Unknown) {
        out = Some(match out {
            None => n,
            Some(prev) if prev == n => n,
            Some(_) => Number::Both,
        });
    }
    out
}

/// Person and number of a personal pronoun (`lower` in lowercase).
pub fn pronoun_person(lower: &str) -> Option<(u8, Number)> {
    Some(match lower {
        "je" | "j'" | "me" | "m'" | "moi" => (1, Number::Singular),
        "tu" | "te" | "t'" | "toi" => (2, Number::Singular),
        "il" | "elle" | "on" | "lui" | "le" | "la" | "l'" | "ce" | "c'" | "ça" | "cela"
        | "ceci" => (3, Number::Singular),
        "nous" => (1, Number::Plural),
        "vous" => (2, Number::Both),
        "ils" | "elles" | "eux" | "les" | "leur" => (3, Number::Plural),
        "se" | "s'" | "soi" | "y" | "en" => return None,
        _ => return None,
    })
}

/// Singular finite forms that end like a plural (`il vient`, `il ment`).
fn singular_ent(lower: &str) -> bool {
    lower.ends_with("vient")
        || lower.ends_with("tient")
        || matches!(
            lower,
            "ment" | "dément" | "sent" | "ressent" | "consent" | "pressent" | "assent"
        )
}

/// Person and number of a finite verb form, from its ending: `-ons`,
/// `-ez`, `-ent`/`-ont` are plural; the rest is singular, third person
/// when the ending says so (`-t`, `-a`, `-d`), first or second when it is
/// `-s`/`-x`, and unknown for `-e` (first or third).
pub fn verb_person(lower: &str) -> (Option<u8>, Number) {
    match lower {
        "sommes" => return (Some(1), Number::Plural),
        "êtes" | "faites" | "dites" => return (Some(2), Number::Plural),
        "suis" => return (Some(1), Number::Singular),
        "es" => return (Some(2), Number::Singular),
        "est" | "a" | "va" | "fait" | "dit" => return (Some(3), Number::Singular),
        "ai" => return (Some(1), Number::Singular),
        _ => {}
    }
    if lower.ends_with("ons") || lower.ends_with("âmes") || lower.ends_with("îmes") {
        (Some(1), Number::Plural)
    } else if lower.ends_with("ez") || lower.ends_with("âtes") || lower.ends_with("îtes") {
        (Some(2), Number::Plural)
    } else if (lower.ends_with("ent") && !singular_ent(lower)) || lower.ends_with("ont") {
        (Some(3), Number::Plural)
    } else if lower.ends_with(['t', 'a', 'd']) {
        (Some(3), Number::Singular)
    } else if lower.ends_with("ai") {
        (Some(1), Number::Singular)
    } else {
        // `-s`/`-x` (first or second person), `-e` (first or third).
        (None, Number::Singular)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_endings() {
        assert_eq!(verb_person("peut"), (Some(3), Number::Singular));
        assert_eq!(verb_person("peuvent"), (Some(3), Number::Plural));
        assert_eq!(verb_person("vient"), (Some(3), Number::Singular));
        assert_eq!(verb_person("sont"), (Some(3), Number::Plural));
        assert_eq!(verb_person("mangeons"), (Some(1), Number::Plural));
        assert_eq!(verb_person("mange"), (None, Number::Singular));
        assert_eq!(verb_person("êtes"), (Some(2), Number::Plural));
    }

    #[test]
    fn merges() {
        use Gender::*;
        assert_eq!(
            merge_gender([Masculine, Masculine].into_iter()),
            Some(Masculine)
        );
        assert_eq!(merge_gender([Masculine, Feminine].into_iter()), Some(Both));
        assert_eq!(merge_gender([Unknown].into_iter()), None);
    }
}
