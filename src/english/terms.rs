//! English words of a translation file weighed against the sources: the
//! same word across inflections (`shocked` holds `shock`, `assurance`
//! holds `assured`), and the terms a catalogue keeps from its sources on
//! purpose (`slot`, `trigger`, `stash` left in English entry after entry).

use crate::prose::ProseView;
use rustc_hash::FxHashMap;

/// Entries a word must be kept in, the same in source and translation,
/// before it reads as a term of the catalogue.
const KEPT_ENTRIES: u32 = 3;

/// Suffixes of English inflection and derivation, longest first.
const SUFFIXES: &[&str] = &["ies", "ing", "ed", "es", "er", "s"];

/// The stem of lowercase English `word`: up to two suffixes of
/// inflection (`workers`, `worker` and `work` give `work`), a doubled
/// final consonant (`shipped` gives `ship`) and a final `y` (`libraries`
/// and `library` give `librar`) removed. A stem keeps three letters.
pub fn stem(word: &str) -> &str {
    let mut s = word;
    for _ in 0..2 {
        let Some(base) = SUFFIXES.iter().find_map(|suffix| {
            s.strip_suffix(suffix)
                .filter(|b| b.len() >= 3 && !(*suffix == "s" && b.ends_with(['s', 'u', 'i'])))
        }) else {
            break;
        };
        s = base;
    }
    let bytes = s.as_bytes();
    let n = bytes.len();
    if n > 3 && bytes[n - 1] == bytes[n - 2] && !b"aeiousl".contains(&bytes[n - 1]) {
        s = &s[..n - 1];
    }
    if s.len() > 3
        && let Some(base) = s.strip_suffix('y')
    {
        s = base;
    }
    s
}

/// Whether lowercase English words `a` and `b` are forms of one word:
/// the same stem, or one stem starting the other
/// with five letters at least in common (`assur` and `assurance`).
pub fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b) = (stem(a), stem(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // `assur` (assured) and `assurance`.
    short == long || (short.len() >= 5 && long.starts_with(short))
}

/// The lowercase words of `text` (letters only, two at least).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
}

/// The terms a translation file keeps from its sources: per word stem,
/// the entries whose translation keeps it and those that translate it.
#[derive(Debug, Default)]
pub struct KeptTerms {
    counts: FxHashMap<String, (u32, u32)>,
}

impl KeptTerms {
    /// The counts over the pairs of `view` (none when it has no pairs).
    pub fn of(view: &ProseView<'_>) -> KeptTerms {
        let mut counts: FxHashMap<String, (u32, u32)> = FxHashMap::default();
        let mut source: Vec<String> = Vec::new();
        let mut target: Vec<String> = Vec::new();
        for pair in view.pairs() {
            source.clear();
            target.clear();
            source.extend(words(&pair.source.text).map(|w| stem(&w).to_string()));
            target.extend(
                words(view.text().get(pair.target.range()).unwrap_or_default())
                    .map(|w| stem(&w).to_string()),
            );
            source.sort_unstable();
            source.dedup();
            for s in &source {
                let entry = counts.entry(s.clone()).or_default();
                if target.contains(s) {
                    entry.0 += 1;
                } else {
                    entry.1 += 1;
                }
            }
        }
        KeptTerms { counts }
    }

    /// Whether lowercase `word` is a term the file keeps on purpose: kept
    /// as in the source in [`KEPT_ENTRIES`] entries at least, and in at
    /// least half as many entries as translate it. Translators keep the
    /// jargon of a program (`slot`, `commit`) across a catalogue; an
    /// engine's leftover is a word elsewhere translated.
    pub fn is_kept(&self, word: &str) -> bool {
        self.counts
            .get(stem(word))
            .is_some_and(|&(kept, translated)| kept >= KEPT_ENTRIES && 2 * kept >= translated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_join_inflections() {
        for (a, b) in [
            ("shock", "shocked"),
            ("ship", "shipped"),
            ("library", "libraries"),
            ("worker", "workers"),
            ("trigger", "triggers"),
            ("assured", "assurance"),
            ("process", "processes"),
        ] {
            assert!(same_word(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("tar", "target"),
            ("stat", "state"),
            ("end", "send"),
            ("bus", "bu"),
        ] {
            assert!(!same_word(a, b), "{a} / {b}");
        }
    }
}
