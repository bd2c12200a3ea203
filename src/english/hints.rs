//! Translation hints for English words: the project's table
//! (`rules/data/translation-hints.txt`), then cognate suffix rules whose
//! result the French lexicon must know, never a false friend
//! (`rules/data/false-friends.txt`).

use crate::lexicon;
use crate::wordlist::pairs;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// English word → French translation hint.
static HINTS: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| pairs(include_str!("../../rules/data/translation-hints.txt")).collect());

/// (English word, French look-alike never to suggest).
static FALSE_FRIENDS: LazyLock<HashSet<(&'static str, &'static str)>> =
    LazyLock::new(|| pairs(include_str!("../../rules/data/false-friends.txt")).collect());

/// Cognate suffixes, English → French, tried in order (longest first). Only
/// suffixes that rarely mislead are kept: `-y → -ie` (many → manie) and
/// `-ed → -é` (used → usé) are not.
const COGNATES: &[(&str, &str)] = &[
    ("ization", "isation"),
    ("isation", "isation"),
    ("ically", "iquement"),
    ("ical", "ique"),
    ("ty", "té"),
    ("tion", "tion"),
    ("sion", "sion"),
    ("ial", "iel"),
    ("ual", "uel"),
    ("ous", "eux"),
    ("ive", "if"),
    ("ism", "isme"),
    ("ist", "iste"),
    ("ary", "aire"),
    ("ory", "oire"),
    ("ence", "ence"),
    ("ance", "ance"),
    ("ment", "ment"),
    ("ize", "iser"),
    ("ise", "iser"),
    ("ic", "ique"),
    ("or", "eur"),
    ("al", "el"),
];

/// `fr` if it is a French common word, or else its one spelling with
/// accents that is (`electricité` → `électricité`).
fn known_french(fr: &str) -> Option<String> {
    let common = |w: &str| lexicon::french_exact(w).is_some_and(|r| !r.only_names());
    if common(fr) {
        return Some(fr.to_string());
    }
    let mut found = lexicon::french_folded(fr, 8)
        .into_iter()
        .filter(|v| v.starts_with(|c: char| c.is_lowercase()) && common(v));
    match (found.next(), found.next()) {
        (Some(v), None) => Some(v),
        _ => None,
    }
}

/// The French cognate of lowercase English `word` (`difficulty` →
/// `difficulté`, `electricity` → `électricité`), if a suffix rule gives a
/// French word that is not a false friend.
pub fn cognate(word: &str) -> Option<String> {
    let singular = word
        .strip_suffix('s')
        .filter(|_| !word.ends_with("ss") && !word.ends_with("ous"));
    let forms = [Some((word, false)), singular.map(|s| (s, true))];
    for (w, plural) in forms.into_iter().flatten() {
        // `ties` is the plural of `ty`.
        let w_owned;
        let w = match w.strip_suffix("ie").filter(|_| plural) {
            Some(stem) => {
                w_owned = format!("{stem}y");
                w_owned.as_str()
            }
            None => w,
        };
        for (en, fr) in COGNATES {
            let Some(stem) = w.strip_suffix(en) else {
                continue;
            };
            if stem.chars().count() < 3 {
                continue;
            }
            let mut french = format!("{stem}{fr}");
            if plural {
                french.push('s');
            }
            if let Some(found) = known_french(&french)
                && found != word
                && !FALSE_FRIENDS.contains(&(word, found.as_str()))
            {
                return Some(found);
            }
        }
    }
    None
}

/// The translation hints for lowercase English `word`, best first: the
/// table's options (`envoy` → `émissaire`, `envoyé spécial`), else a
/// cognate.
pub fn hints(word: &str) -> Vec<String> {
    match HINTS.get(word) {
        Some(options) => options.split(" | ").map(|o| o.trim().to_string()).collect(),
        None => cognate(word).into_iter().collect(),
    }
}

/// The best translation hint for lowercase English `word`.
pub fn hint(word: &str) -> Option<String> {
    hints(word).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_come_from_the_table_then_cognates() {
        assert_eq!(hint("shock").as_deref(), Some("choc"));
        assert_eq!(hint("difficulty").as_deref(), Some("difficulté"));
        assert_eq!(hint("potential").as_deref(), Some("potentiel"));
        assert_eq!(hint("assured").as_deref(), Some("assuré"));
        assert_eq!(hint("library").as_deref(), Some("bibliothèque"));
        assert_eq!(hint("envoy").as_deref(), Some("émissaire"));
        assert_eq!(hints("envoy"), vec!["émissaire", "envoyé spécial"]);
        assert_eq!(cognate("electricity").as_deref(), Some("électricité"));
        assert_eq!(cognate("ambassador").as_deref(), Some("ambassadeur"));
        assert_eq!(cognate("difficulties").as_deref(), Some("difficultés"));
        assert_eq!(cognate("uncertainty"), None);
        assert_eq!(cognate("many"), None);
        assert_eq!(cognate("used"), None);
    }

    #[test]
    fn cognates_never_give_false_friends() {
        for &(en, fr) in FALSE_FRIENDS.iter() {
            assert_ne!(cognate(en).as_deref(), Some(fr), "{en}");
            assert_ne!(hint(en).as_deref(), Some(fr), "{en}");
        }
        assert_eq!(cognate("library"), None);
        assert_eq!(cognate("directory"), None);
    }

    #[test]
    fn hints_are_french() {
        for (en, options) in HINTS.iter() {
            for word in options
                .split([' ', '\'', '’', '-'])
                .filter(|w| !w.is_empty() && *w != "|")
            {
                assert!(
                    lexicon::is_french(word),
                    "hint « {options} » for {en}: « {word} » is not in the French lexicon"
                );
            }
        }
    }
}
