//! Word lists from `rules/data/`, embedded at compile time and parsed on
//! first use.
//!
//! Format: one entry per line; `#` starts a comment; blank lines are
//! ignored. Pair files have two tab-separated columns.

use rustc_hash::FxHashSet;

/// The entries of a list file.
pub fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|line| !line.is_empty())
}

/// A set of every whitespace-separated word of a list file.
pub fn word_set(text: &'static str) -> FxHashSet<&'static str> {
    entries(text).flat_map(str::split_whitespace).collect()
}

/// The entries of a pair file: two columns separated by a tab (the second
/// may hold spaces).
pub fn pairs(text: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    entries(text).filter_map(|line| {
        let (a, b) = line.split_once('\t')?;
        Some((a.trim(), b.trim()))
    })
}

/// Gives `replacement` the case pattern of `original`: all capitals,
/// initial capital, or as written.
pub fn match_case(original: &str, replacement: &str) -> String {
    let mut letters = original.chars().filter(|c| c.is_alphabetic());
    let first_upper = letters.next().is_some_and(char::is_uppercase);
    let rest: Vec<char> = letters.collect();
    if first_upper && !rest.is_empty() && rest.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if first_upper {
        let mut chars = replacement.chars();
        return match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
    }
    replacement.to_string()
}

/// The parts of a word split at hyphens and apostrophes, with their byte
/// offsets in the word (`d’oeuvre` → `d` at 0, `oeuvre` at 4).
pub fn parts(word: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    word.char_indices()
        .chain(std::iter::once((word.len(), '-')))
        .filter_map(move |(i, c)| {
            if c == '-' || crate::tokenize::is_apostrophe_char(c) {
                let part = (start, &word[start..i]);
                start = i + c.len_utf8();
                Some(part)
            } else {
                None
            }
        })
        .filter(|(_, p)| !p.is_empty())
}

/// Uppercases the first letter of `word`.
pub fn upper_first(word: &str) -> String {
    map_first(word, char::to_uppercase)
}

/// Lowercases the first letter of `word`.
pub fn lower_first(word: &str) -> String {
    map_first(word, char::to_lowercase)
}

/// `word` with its first character replaced by what `change` makes of it
/// (the rest copied at once, not character by character).
fn map_first<I: Iterator<Item = char>>(word: &str, change: impl FnOnce(char) -> I) -> String {
    let mut chars = word.chars();
    let mut out = String::with_capacity(word.len() + 2);
    if let Some(c) = chars.next() {
        out.extend(change(c));
        out.push_str(chars.as_str());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_comments_and_pairs() {
        let map: Vec<_> =
            pairs("# titre\nat least\tau moins # note\n\nshock\tchoc\nbad\n").collect();
        assert_eq!(map, vec![("at least", "au moins"), ("shock", "choc")]);
    }

    #[test]
    fn keeps_case() {
        assert_eq!(match_case("Coeur", "cœur"), "Cœur");
        assert_eq!(match_case("COEUR", "cœur"), "CŒUR");
        assert_eq!(match_case("coeur", "cœur"), "cœur");
        assert_eq!(lower_first("Mars"), "mars");
    }

    #[test]
    fn splits_parts() {
        let p: Vec<(usize, &str)> = parts("hors-d’oeuvre").collect();
        assert_eq!(p, vec![(0, "hors"), (5, "d"), (9, "oeuvre")]);
    }
}
