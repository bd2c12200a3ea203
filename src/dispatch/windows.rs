//! Where a pattern searched over the whole text can match, found from a
//! literal inside its matches.
//!
//! A declarative rule whose matches do not start at a literal
//! (`calque/position-poste`: an optional determiner, then `position`) is
//! searched over the whole document, and the regex engine's own
//! prefilter then stops at every literal its matches may start with
//! (`la`, `des`…), nearly every word. When the pattern is a sequence one
//! of whose tails starts with a rare literal, every match is a match of
//! the part before it (the head) ending where that literal occurs. So
//! the literals are found with `memchr::memmem`, the head is run
//! backwards from each, with a reverse lazy DFA that reports every start
//! it matches from, and those starts are the only places where a match of
//! the whole pattern can start: a search anchored at each of them, in
//! order, finds what the search of the whole text finds.

use super::literals::literal_tail;
use crate::lean_regex::ReverseStarts;
use memchr::memmem::Finder;
use regex_syntax::hir::Hir;
use std::sync::OnceLock;

/// How far back from a literal the head is run. A head that still may
/// match further back (a long run of white space before `position`) makes
/// the windows give up on that document, whose whole text is then
/// searched: the cost stays linear whatever the text.
const MAX_BACK: usize = 1 << 10;

/// The literals inside a pattern's matches and its head, run backwards.
pub struct LiteralWindows {
    finders: Vec<Finder<'static>>,
    /// The literals, sorted, each once.
    literals: Vec<String>,
    /// The head, the part of the pattern before the literals.
    head_hir: Hir,
    /// The head, reversed, reporting every match (its longest one ends at
    /// the earliest start), built when a literal first occurs (`None`:
    /// the lazy DFA cannot run it; boxed: a lazy DFA and its cache pool
    /// are large).
    head: OnceLock<Option<Box<ReverseStarts>>>,
}

impl std::fmt::Debug for LiteralWindows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiteralWindows")
            .field("literals", &self.finders.len())
            .finish_non_exhaustive()
    }
}

impl LiteralWindows {
    /// The windows of `pattern`, when it is a sequence with a tail that
    /// starts with a small set of literals (`None` otherwise). A head
    /// that cannot run on a lazy DFA (a Unicode word boundary) makes every
    /// document where a literal occurs searched whole.
    pub fn new(pattern: &str) -> Option<LiteralWindows> {
        let tail = literal_tail(&regex_syntax::parse(pattern).ok()?)?;
        let mut literals = tail.literals;
        literals.sort();
        literals.dedup();
        // A literal that starts with another (`positions`, `position`)
        // occurs only where that one does: one search finds both.
        let mut kept: Vec<String> = Vec::new();
        for literal in literals.iter().cloned() {
            if !kept.iter().any(|k| literal.starts_with(k.as_str())) {
                kept.push(literal);
            }
        }
        Some(LiteralWindows {
            finders: kept
                .iter()
                .map(|l| Finder::new(l.as_bytes()).into_owned())
                .collect(),
            literals,
            head_hir: tail.head,
            head: OnceLock::new(),
        })
    }

    /// Whether the literals are `set` (in any order): then where `set`
    /// occurs is where the windows start from.
    pub fn literals_are(&self, set: &[String]) -> bool {
        let mut set = set.to_vec();
        set.sort_unstable();
        set.dedup();
        set == self.literals
    }

    /// Where the literals occur in `text` (unordered), for
    /// [`LiteralWindows::starts_from`].
    pub fn literals_in(&self, text: &str) -> Vec<usize> {
        self.finders
            .iter()
            .flat_map(|f| f.find_iter(text.as_bytes()))
            .collect()
    }

    /// The places, in order, where a match of the pattern may start in
    /// `text`, given where the literals occur in it (every occurrence, in
    /// any order, perhaps more than once; sorted on return), or `None`
    /// when the head may reach further back than [`MAX_BACK`] from a
    /// literal: search the whole text.
    pub fn starts_from<'t>(
        &self,
        text: &'t str,
        literals: &mut Vec<usize>,
    ) -> Option<impl Iterator<Item = usize> + use<'t>> {
        let ranges = self.ranges(text, literals)?;
        Some(
            ranges
                .into_iter()
                .flat_map(|(first, last)| first..=last)
                .filter(|&at| text.is_char_boundary(at)),
        )
    }

    /// The ranges of starts (inclusive, in order, disjoint) of
    /// [`LiteralWindows::starts_from`].
    fn ranges(&self, text: &str, literals: &mut Vec<usize>) -> Option<Vec<(usize, usize)>> {
        literals.sort_unstable();
        literals.dedup();
        if literals.is_empty() {
            return Some(Vec::new());
        }
        let head = self
            .head
            .get_or_init(|| ReverseStarts::new(&self.head_hir).map(Box::new))
            .as_ref()?;
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(literals.len());
        for &at in literals.iter() {
            if let Some(first) = earliest_start(head, text, at)? {
                spans.push((first, at));
            }
        }
        // A head may reach back past earlier literals: merge in order of
        // first start.
        spans.sort_unstable();
        let mut ranges: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (first, last) in spans {
            match ranges.last_mut() {
                Some(range) if first <= range.1 + 1 => range.1 = range.1.max(last),
                _ => ranges.push((first, last)),
            }
        }
        Some(ranges)
    }
}

/// The earliest start from which `head` matches the text up to `end`
/// (`Some(None)`: from none), or `None` when the answer lies further back
/// than [`MAX_BACK`] or the lazy DFA gave up.
fn earliest_start(head: &ReverseStarts, text: &str, end: usize) -> Option<Option<usize>> {
    let floor = end.saturating_sub(MAX_BACK);
    let found = head.earliest(text, floor, end)?;
    // At the start of the text nothing lies further back; elsewhere, a
    // head still alive may match from further back.
    (floor == 0 || !found.alive_at_floor).then_some(found.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rule;

    /// For every rule searched over the whole text that has windows, the
    /// searches anchored in them find the matches, and the rule the
    /// findings, that the whole-text search finds: on the project's texts,
    /// and on each rule example stretched so that a head runs back over
    /// long white space, across a line, over an earlier literal, or to the
    /// start of the text.
    #[test]
    fn windows_find_what_whole_text_searches_find() {
        let mut texts = crate::test_texts::project_texts();
        let examples: Vec<String> = crate::rules::Registry::global()
            .rules()
            .flat_map(|r| r.meta().examples())
            .map(|e| e.text().to_string())
            .collect();
        for text in &examples {
            texts.push(text.replace(' ', "   \n  "));
            texts.push(text.replace(' ', &" ".repeat(1500)));
            texts.push(format!("{text}{text}"));
            texts.push(
                text.trim_start_matches(|c: char| !c.is_whitespace())
                    .to_string(),
            );
        }
        let rules: Vec<_> = crate::rules::Registry::global()
            .rules()
            .filter_map(|r| r.as_declarative())
            .filter(|r| r.searched_whole())
            .filter_map(|r| Some((r, LiteralWindows::new(r.pattern())?)))
            .collect();
        let settings = crate::settings::Settings::default();
        let (mut found, mut findings, mut gave_up) = (0, 0, 0);
        for text in &texts {
            let source =
                crate::source::Source::new("t.txt", text, crate::source::SourceKind::PlainText);
            let doc = crate::document::Document::new(&source, &settings);
            for (rule, windows) in &rules {
                let c = rule.compile().expect("compiles");
                let whole: Vec<(usize, usize)> = c
                    .regex
                    .find_iter(text.as_str())
                    .map(|m| (m.start(), m.end()))
                    .collect();
                let Some(starts) = windows.starts_from(text, &mut windows.literals_in(text)) else {
                    gave_up += 1;
                    continue;
                };
                let mut got = Vec::new();
                rule.search_anchored(text, c, starts, |m, _| got.push((m.start, m.end)));
                assert_eq!(got, whole, "{}: {text:?}", rule.meta().id);
                found += got.len();
                // And the findings, guards applied, in the document's text.
                let Some(starts) =
                    windows.starts_from(doc.text(), &mut windows.literals_in(doc.text()))
                else {
                    continue;
                };
                let (mut expected, mut windowed) = (Vec::new(), Vec::new());
                rule.check(&doc, &mut expected);
                rule.check_starting_at(&doc, starts, &mut windowed);
                assert_eq!(
                    format!("{windowed:?}"),
                    format!("{expected:?}"),
                    "{}",
                    rule.meta().id
                );
                findings += expected.len();
            }
        }
        assert!(
            rules.len() >= 20 && found > 200,
            "{} rules, {found} matches",
            rules.len()
        );
        assert!(findings > 100, "only {findings} findings");
        assert!(gave_up > 0, "no text made the windows give up");
    }
}
