//! Inflection from the lexicon: the form of a word for another gender or
//! number (`petite` → `petit`, `annulé` → `annulée`), and the number of a
//! conjugated verb with its form for the other number (`peut` ↔ `peuvent`).
//!
//! The lexicon maps forms to readings and has no lemma → forms index, so
//! candidates are built with French inflection patterns and kept only when
//! the lexicon confirms them with the same lemma and the wanted features. A
//! form is given only when exactly one candidate is confirmed: the fixes
//! built on it are then certain.

use crate::grammar::{gender_fits, number_fits, readings};
use crate::lexicon::{Gender, Pos, Reading, VerbForm};

/// Whether reading `r` is an adjective or a past participle.
fn agreeing_kind(r: &Reading) -> bool {
    r.pos == Pos::Adjective || r.verb_form == VerbForm::PastParticiple
}

/// The masculine singular stems `word` may come from, by taking off the
/// endings of agreement (`annulées` → `annulé`, `petite` → `petit`).
fn stems(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    for end in ["es", "e", "s", "x"] {
        if let Some(stem) = word.strip_suffix(end) {
            out.push(stem.to_string());
        }
    }
    // Feminines of their own: `-ive` → `-if`, `-euse` → `-eux`…
    for (feminine, masculine) in [
        ("ives", "if"),
        ("ive", "if"),
        ("euses", "eux"),
        ("euse", "eux"),
        ("elles", "el"),
        ("elle", "el"),
        ("ennes", "en"),
        ("enne", "en"),
        ("onnes", "on"),
        ("onne", "on"),
        ("ères", "er"),
        ("ère", "er"),
        ("ettes", "et"),
        ("ette", "et"),
        ("ques", "c"),
        ("que", "c"),
        ("aux", "al"),
        ("sses", "s"),
        ("sse", "s"),
        ("rices", "eur"),
        ("rice", "eur"),
    ] {
        if let Some(stem) = word.strip_suffix(feminine) {
            out.push(format!("{stem}{masculine}"));
        }
    }
    out
}

/// The forms a masculine singular `stem` may take for `gender` (`None`:
/// either) and number.
fn inflections(stem: &str, gender: Option<Gender>, plural: bool) -> Vec<String> {
    let mut singular = Vec::new();
    if gender != Some(Gender::Feminine) {
        singular.push(stem.to_string());
    }
    if gender != Some(Gender::Masculine) {
        singular.push(format!("{stem}e"));
        let swaps: &[(&str, &[&str])] = &[
            ("if", &["ive"]),
            ("eux", &["euse"]),
            ("el", &["elle"]),
            ("en", &["enne"]),
            ("on", &["onne"]),
            ("er", &["ère"]),
            ("et", &["ète", "ette"]),
            ("c", &["que", "che"]),
            ("eur", &["euse", "rice", "eure"]),
            ("s", &["sse", "se"]),
            ("g", &["gue"]),
        ];
        for (end, subs) in swaps {
            if let Some(base) = stem.strip_suffix(end) {
                singular.extend(subs.iter().map(|s| format!("{base}{s}")));
            }
        }
        if stem.ends_with('e') {
            singular.push(stem.to_string());
        }
    }
    if !plural {
        return singular;
    }
    singular
        .iter()
        .flat_map(|f| {
            let mut p = vec![format!("{f}s"), f.clone()];
            if let Some(base) = f.strip_suffix("al") {
                p.push(format!("{base}aux"));
            }
            if f.ends_with("eau") {
                p.push(format!("{f}x"));
            }
            p
        })
        .collect()
}

/// The form of adjective or past participle `word` (lowercase) that agrees
/// with a noun of `gender` (`None`: unknown, only the number is asked) and
/// number, when the lexicon confirms exactly one: same lemma, an adjective
/// or participle reading that fits. `None` when no form or several fit.
pub fn agreeing_form(word: &str, gender: Option<Gender>, plural: bool) -> Option<String> {
    let r = readings(word)?;
    let lemmas: Vec<String> = r
        .iter()
        .filter(agreeing_kind)
        .map(|r| r.lemma(word))
        .collect();
    if lemmas.is_empty() {
        return None;
    }
    let mut candidates: Vec<String> = stems(word)
        .iter()
        .chain(lemmas.iter())
        .flat_map(|stem| inflections(stem, gender, plural))
        .filter(|c| c != word)
        .collect();
    candidates.sort();
    candidates.dedup();
    let mut found = candidates.into_iter().filter(|c| {
        readings(c).is_some_and(|cr| {
            cr.iter().any(|cr| {
                agreeing_kind(&cr)
                    && cr.lemma_in(c, &lemmas)
                    && gender.is_none_or(|g| gender_fits(Some(g), cr.gender))
                    && number_fits(plural, cr.number)
            })
        })
    });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The one candidate form with a reading the lexicon confirms (`confirms`
/// the form and one of its readings), if there is exactly one.
fn only_confirmed(
    candidates: Vec<String>,
    confirms: impl Fn(&str, Reading) -> bool,
) -> Option<String> {
    let mut found: Vec<String> = candidates
        .into_iter()
        .filter(|c| readings(c).is_some_and(|r| r.iter().any(|r| confirms(c, r))))
        .collect();
    found.sort();
    found.dedup();
    match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// The form of noun `noun` (lowercase) in the plural (or singular), when
/// the lexicon gives exactly one with the same lemma and gender.
pub fn noun_form(noun: &str, plural: bool) -> Option<String> {
    let r = readings(noun)?;
    let reading = r.iter().find(|r| r.pos == Pos::Noun)?;
    let lemma = reading.lemma(noun);
    let mut candidates = vec![format!("{lemma}s"), format!("{lemma}x"), lemma.clone()];
    for (singular, plural) in [
        ("al", "aux"),
        ("ail", "aux"),
        ("eau", "eaux"),
        ("eu", "eux"),
    ] {
        if let Some(stem) = lemma.strip_suffix(singular) {
            candidates.push(format!("{stem}{plural}"));
        }
    }
    candidates.retain(|c| c != noun);
    only_confirmed(candidates, |c, r| {
        r.pos == Pos::Noun
            && r.gender == reading.gender
            && r.lemma_in(c, &[lemma.as_str()])
            && number_fits(plural, r.number)
    })
}

/// The number of a conjugated verb of the third person, and its form for
/// the other number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbNumber {
    /// Whether the form is plural (`peuvent`).
    pub plural: bool,
    /// The same tense and person in the other number (`peut`).
    pub other: String,
}

/// Third persons of the irregular verbs machine translation meets most:
/// (singular, plural).
const IRREGULAR: &[(&str, &str)] = &[
    ("est", "sont"),
    ("a", "ont"),
    ("va", "vont"),
    ("fait", "font"),
    ("peut", "peuvent"),
    ("doit", "doivent"),
    ("veut", "veulent"),
    ("sait", "savent"),
    ("vient", "viennent"),
    ("devient", "deviennent"),
    ("tient", "tiennent"),
    ("contient", "contiennent"),
    ("obtient", "obtiennent"),
    ("permet", "permettent"),
    ("met", "mettent"),
    ("prend", "prennent"),
    ("comprend", "comprennent"),
    ("dit", "disent"),
    ("voit", "voient"),
    ("reçoit", "reçoivent"),
    ("paraît", "paraissent"),
    ("apparaît", "apparaissent"),
    ("fournit", "fournissent"),
    ("finit", "finissent"),
    ("choisit", "choisissent"),
    ("définit", "définissent"),
    ("réussit", "réussissent"),
    ("offre", "offrent"),
    ("ouvre", "ouvrent"),
    ("couvre", "couvrent"),
    ("inclut", "incluent"),
    ("conclut", "concluent"),
    ("soit", "soient"),
    ("ait", "aient"),
];

/// Whether `form` is one of the irregular third persons of [`IRREGULAR`].
pub fn is_irregular(form: &str) -> bool {
    IRREGULAR.iter().any(|&(s, p)| s == form || p == form)
}

/// Whether `a` and `b` are conjugated forms of one lemma (`b` confirmed by
/// the lexicon).
fn same_verb(a: &str, b: &str) -> bool {
    let finite = |w: &str| -> Vec<String> {
        readings(w).map_or_else(Vec::new, |r| {
            r.iter()
                .filter(|r| r.pos == Pos::Verb && r.verb_form == VerbForm::Finite)
                .map(|r| r.lemma(w))
                .collect()
        })
    };
    let la = finite(a);
    finite(b).iter().any(|l| la.contains(l))
}

/// The number of `form` (lowercase) as a conjugated verb of the third
/// person: from the irregular table, or from the regular endings
/// (imperfect and conditional `-ait`/`-aient`, future `-ra`/`-ront`,
/// present of the first group `-e`/`-ent`) when the lexicon confirms the
/// form of the other number with the same lemma. `None` when unknown.
pub fn verb_number(form: &str) -> Option<VerbNumber> {
    for &(singular, plural) in IRREGULAR {
        if form == singular {
            return Some(VerbNumber {
                plural: false,
                other: plural.to_string(),
            });
        }
        if form == plural {
            return Some(VerbNumber {
                plural: true,
                other: singular.to_string(),
            });
        }
    }
    let regular: &[(&str, &str)] = &[("ait", "aient"), ("ra", "ront"), ("e", "ent")];
    for &(singular, plural) in regular {
        let (is_plural, other) = if let Some(stem) = form.strip_suffix(plural) {
            (true, format!("{stem}{singular}"))
        } else if let Some(stem) = form.strip_suffix(singular) {
            (false, format!("{stem}{plural}"))
        } else {
            continue;
        };
        // `-e`/`-ent` only for the first group (`utilise`, `utilisent`):
        // elsewhere `-ent` may be singular (`il ment`, `il sent`).
        // Every conjugated reading must be of the first group (`convient`
        // is `convier` and `convenir`).
        if singular == "e"
            && !readings(form).is_some_and(|r| {
                r.iter()
                    .filter(|r| r.verb_form == VerbForm::Finite)
                    .all(|r| {
                        let lemma = r.lemma(form);
                        lemma.ends_with("er") && lemma != "aller"
                    })
                    && r.iter().any(|r| r.verb_form == VerbForm::Finite)
            })
        {
            return None;
        }
        if same_verb(form, &other) {
            return Some(VerbNumber {
                plural: is_plural,
                other,
            });
        }
        return None;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjectives_and_participles_agree() {
        let f = |w, g, p| agreeing_form(w, g, p);
        assert_eq!(
            f("fatigué", Some(Gender::Feminine), false).as_deref(),
            Some("fatiguée")
        );
        assert_eq!(
            f("annulé", Some(Gender::Feminine), false).as_deref(),
            Some("annulée")
        );
        assert_eq!(
            f("partis", Some(Gender::Feminine), true).as_deref(),
            Some("parties")
        );
        assert_eq!(
            f("élevé", Some(Gender::Masculine), true).as_deref(),
            Some("élevés")
        );
        assert_eq!(
            f("petite", Some(Gender::Masculine), false).as_deref(),
            Some("petit")
        );
        assert_eq!(
            f("principale", Some(Gender::Masculine), false).as_deref(),
            Some("principal")
        );
        assert_eq!(
            f("massive", Some(Gender::Masculine), false).as_deref(),
            Some("massif")
        );
        assert_eq!(
            f("actuel", Some(Gender::Feminine), false).as_deref(),
            Some("actuelle")
        );
        assert_eq!(
            f("long", Some(Gender::Feminine), false).as_deref(),
            Some("longue")
        );
        assert_eq!(
            f("important", Some(Gender::Feminine), false).as_deref(),
            Some("importante")
        );
        assert_eq!(
            f("nécessaire", Some(Gender::Feminine), true).as_deref(),
            Some("nécessaires")
        );
        // Two forms fit a plural of unknown gender: no answer.
        assert_eq!(f("prêt", None, true), None);
        assert_eq!(f("utile", None, true).as_deref(), Some("utiles"));
    }

    #[test]
    fn nouns_change_number() {
        assert_eq!(noun_form("fichier", true).as_deref(), Some("fichiers"));
        assert_eq!(noun_form("réunion", true).as_deref(), Some("réunions"));
        assert_eq!(noun_form("journal", true).as_deref(), Some("journaux"));
        assert_eq!(noun_form("décisions", false).as_deref(), Some("décision"));
    }

    #[test]
    fn verbs_have_a_number() {
        let n = |w| verb_number(w).map(|v| (v.plural, v.other));
        assert_eq!(n("peut"), Some((false, "peuvent".into())));
        assert_eq!(n("sont"), Some((true, "est".into())));
        assert_eq!(n("utilisent"), Some((true, "utilise".into())));
        assert_eq!(n("restait"), Some((false, "restaient".into())));
        assert_eq!(n("seront"), Some((true, "sera".into())));
        assert_eq!(n("ment"), None);
        assert_eq!(n("sent"), None);
        assert_eq!(n("convient"), None);
        assert_eq!(n("fichier"), None);
    }
}
