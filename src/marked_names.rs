//! Names written with a `!` or `?` as part of them (`Yahoo!`, `Jeopardy!`,
//! `Mamma Mia!`), from `rules/data/names-with-marks.txt`: there the mark is
//! glued to the name on purpose and does not end a sentence, so every rule
//! about the spacing of `!` and `?` or about sentence starts leaves it be.

use crate::tokenize::is_word_char;
use crate::wordlist::entries;
use std::sync::LazyLock;

/// The listed names, each split into its words and its final marks.
static NAMES: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    entries(include_str!("../rules/data/names-with-marks.txt"))
        .filter_map(|entry| {
            let name = entry.trim_end_matches(['!', '?']);
            let marks = &entry[name.len()..];
            (!name.is_empty() && !marks.is_empty()).then_some((name, marks))
        })
        .collect()
});

/// Whether the `!` or `?` at byte `mark` of `text` belongs to a listed name
/// written right before it (`Yahoo!`; also the `?!` pair of a name ending
/// in both marks). The name must start at a word boundary.
pub fn ends_marked_name(text: &str, mark: usize) -> bool {
    let Some(c) = text[mark..].chars().next() else {
        return false;
    };
    if !matches!(c, '!' | '?') {
        return false;
    }
    let before = text[..mark].trim_end_matches(['!', '?']);
    NAMES.iter().any(|&(name, marks)| {
        mark < before.len() + marks.len()
            && text[before.len()..].starts_with(marks)
            && before.ends_with(name)
            && !text[..before.len() - name.len()]
                .chars()
                .next_back()
                .is_some_and(is_word_char)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> bool {
        let mark = text.find(needle).expect("needle") + needle.len() - 1;
        ends_marked_name(text, mark)
    }

    #[test]
    fn finds_listed_names_and_only_them() {
        assert!(at("Le portail Yahoo! ferme.", "Yahoo!"));
        assert!(at("Le groupe Wham! chante.", "Wham!"));
        assert!(at("La comédie musicale Mamma Mia! revient.", "Mia!"));
        // Not the name: another word, a longer word, or another case.
        assert!(!at("Il crie Mia! et part.", "Mia!"));
        assert!(!at("Il dit Superyahoo! et part.", "yahoo!"));
        assert!(!at("Il dit yahoo! et part.", "yahoo!"));
        assert!(!at("Quelle étape! Vraiment.", "étape!"));
        // The listed mark only: `Yahoo?` is a question about Yahoo.
        assert!(!at("Et Yahoo? Rien.", "Yahoo?"));
        assert!(!at("Yahoo!! Encore.", "Yahoo!!"));
    }

    #[test]
    fn the_list_is_not_empty_and_every_entry_ends_with_a_mark() {
        assert!(NAMES.len() >= 5);
        let raw = entries(include_str!("../rules/data/names-with-marks.txt")).count();
        assert_eq!(NAMES.len(), raw, "an entry lacks its final `!` or `?`");
    }
}
