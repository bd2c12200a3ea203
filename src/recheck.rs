//! Fixing that re-checks only the paragraphs the fixes changed (not yet
//! what [`Linter::fix`] runs: see docs/performance.md).
//!
//! After a pass of fixes, the whole-text loop ([`crate::fix::fix_until_stable`])
//! checks the whole new text again. Here, in plain text, the text is cut
//! into blocks (runs of non-blank lines, see [`blocks`]); only the blocks a
//! pass changed are checked again, each as a text of its own, and the
//! findings of the other blocks are kept, moved by the edits before them.
//! The result must be what a check of the whole new text gives, so the
//! blocks are checked alone only when nothing the whole document decides
//! can differ; otherwise the pass checks the whole text (and says why, in
//! [`counts`]). What a document decides as a whole, and how it is kept:
//!
//! - the apostrophe style (the one the text mostly uses, and the one the
//!   elision fixes insert), unless the settings fix it: the new text holds
//!   no apostrophe but `’` (in words: quotation marks are no apostrophes),
//!   and no fix of the old one inserted `'`;
//! - the style of quotations inside quotations (“ ” or « », the one used
//!   most): the same before and after the pass, and in each block checked
//!   alone that holds one in « »;
//! - the words written in lowercase, which title lines are weighed
//!   against: a word of a title line checked alone is written nowhere else
//!   in the lowercase form looked for, and a word of an unchanged title
//!   line is written in no changed block;
//! - the words written with a capital inside a sentence (names, for the
//!   English analysis): the set is the same before and after the pass, and
//!   no block checked alone holds a word (in any case) that is such a name
//!   only elsewhere;
//! - quotations that run over several paragraphs: a block that starts with
//!   `«`, `»` or a dash is one with the block before;
//! - suppression comments (`coquille-…`): the whole text is checked.
//!
//! Other formats (Markdown, catalogues, translation files, JSON) are fixed
//! with the whole-text loop.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::fix::fix_until_stable_with;
use crate::linter::{FixOutcome, Linter};
use crate::settings::ApostropheStyle;
use crate::source::{Source, SourceKind};
use crate::span::Span;
use crate::wordlist::lower_first;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::atomic::{AtomicUsize, Ordering};

/// How a pass of `fix` found the findings of its new text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recheck {
    /// Only the changed blocks were checked.
    Paragraphs,
    /// The whole text: not plain text.
    Format,
    /// The whole text: it holds a suppression comment, a carriage return,
    /// or layout the plain-text view reads otherwise (justified lines,
    /// broken words, lines of code).
    Layout,
    /// The whole text: an apostrophe other than `’`, or a fix inserting `'`.
    Apostrophes,
    /// The whole text: English double quotes, or a second-level style.
    Quotes,
    /// The whole text: a line may be a title line in capitals.
    TitleLines,
    /// The whole text: the blocks or the blank lines between them changed.
    Blocks,
    /// The whole text: a finding reaches out of its block next to a change.
    Reach,
    /// The whole text: the names written with a capital changed, or a
    /// block checked alone holds one written elsewhere.
    Names,
}

impl Recheck {
    /// Every way, in the order of [`counts`].
    pub const ALL: [Recheck; 9] = [
        Recheck::Paragraphs,
        Recheck::Format,
        Recheck::Layout,
        Recheck::Apostrophes,
        Recheck::Quotes,
        Recheck::TitleLines,
        Recheck::Blocks,
        Recheck::Reach,
        Recheck::Names,
    ];
}

static COUNTS: [AtomicUsize; 9] = [const { AtomicUsize::new(0) }; 9];

fn count(way: Recheck) {
    COUNTS[way as usize].fetch_add(1, Ordering::Relaxed);
}

/// How many passes of `fix` (in this process) found their findings each
/// way: for the benchmark, which tells how often the shortcut applies.
pub fn counts() -> Vec<(Recheck, usize)> {
    Recheck::ALL
        .iter()
        .map(|&way| (way, COUNTS[way as usize].load(Ordering::Relaxed)))
        .collect()
}

/// What a check notes of a text for the next pass: the spans of the words
/// written with a capital inside a sentence
/// ([`crate::Document::capitalized_words`]) and of the apostrophes other
/// than `’`, sorted.
#[derive(Debug, Default)]
pub struct Noted {
    /// Words written with a capital inside a sentence.
    pub names: Vec<Span>,
    /// Straight and look-alike apostrophes.
    pub odd_apostrophes: Vec<Span>,
    /// The opening marks of quotations inside quotations, in “ ”.
    pub inner_curly: Vec<Span>,
    /// The opening marks of quotations inside quotations, in « ».
    pub inner_guillemets: Vec<Span>,
    /// The words of title lines weighed against the lowercase words of the
    /// document (see [`crate::rules::title_lookups`]).
    pub title_words: Vec<Span>,
}

impl Noted {
    /// Whether the document's quotations inside quotations are mostly in
    /// “ ” (the style the nesting rule asks of the others).
    fn inner_style_is_curly(&self) -> bool {
        self.inner_curly.len() > self.inner_guillemets.len()
    }
}

/// The outcome of [`Linter::fix`], re-checking only the changed blocks of
/// a plain text when that gives what a whole check gives. Not yet what
/// `fix` runs: on the bench corpus few passes can skip the whole check,
/// and noting what the document decides costs more than they save (see
/// docs/performance.md).
pub fn fix_rechecking_paragraphs(
    linter: &Linter,
    source: &Source,
    threshold: Applicability,
) -> FixOutcome {
    if source.kind != SourceKind::PlainText || source.counterpart.is_some() {
        let outcome = linter.fix(source, threshold);
        for _ in 0..outcome.passes {
            count(Recheck::Format);
        }
        return outcome;
    }
    let mut noted = Noted::default();
    let first = linter.check_noting(source, Some(&mut noted));
    let mut rechecker = Rechecker { linter, noted };
    fix_until_stable_with(source, threshold, first, |old, _, found, new| {
        rechecker.recheck(old, found, new)
    })
}

/// The state carried from pass to pass: what is noted of the current text.
struct Rechecker<'l> {
    linter: &'l Linter,
    noted: Noted,
}

impl Rechecker<'_> {
    /// The findings of `new`, made from `old` by one pass, whose findings
    /// were `found`.
    fn recheck(&mut self, old: &str, found: Vec<Diagnostic>, new: &Source) -> Vec<Diagnostic> {
        match self.by_blocks(old, &found, new) {
            Ok(findings) => {
                count(Recheck::Paragraphs);
                findings
            }
            Err(way) => {
                count(way);
                self.noted = Noted::default();
                self.linter.check_noting(new, Some(&mut self.noted))
            }
        }
    }

    /// The findings of `new` by checking only its changed blocks, or why
    /// that would not give a whole check's findings.
    fn by_blocks(
        &mut self,
        old: &str,
        found: &[Diagnostic],
        new: &Source,
    ) -> Result<Vec<Diagnostic>, Recheck> {
        let text = new.text.as_str();
        // What was noted of `old` is in its own coordinates only when its
        // view is the text itself.
        local_context(old)?;
        local_context(text)?;
        // The style of the apostrophe is the text's own only when the
        // settings do not fix it; then the old text must have wanted `’`
        // (no fix inserted `'`), and the new one must hold no other.
        let consistent = self.linter.settings().apostrophe == ApostropheStyle::Consistent;
        for d in found {
            let Some(fix) = &d.fix else { continue };
            if consistent && fix.edits.iter().any(|e| e.replacement.contains('\'')) {
                return Err(Recheck::Apostrophes);
            }
        }
        let before = blocks(old);
        let after = blocks(text);
        if before.len() != after.len() || !same_gaps(old, &before, text, &after) {
            return Err(Recheck::Blocks);
        }
        let changed: Vec<bool> = before
            .iter()
            .zip(&after)
            .map(|(b, a)| old[b.range()] != text[a.range()])
            .collect();
        let moves = Moves {
            before: &before,
            after: &after,
        };

        // The findings of unchanged blocks, moved.
        let mut kept = Vec::with_capacity(found.len());
        for d in found {
            let (lo, hi) = reach(d);
            let k = before.partition_point(|b| b.start <= lo);
            let inside = k > 0 && hi <= before[k - 1].end;
            if inside && changed[k - 1] {
                continue;
            }
            if !inside && touches_change(&before, &changed, lo, hi) {
                return Err(Recheck::Reach);
            }
            kept.push(moves.shift(d, lo));
        }

        // What is noted of unchanged blocks, moved; that of changed blocks
        // comes from their checks.
        let mut names = moves.keep(&self.noted.names, &changed);
        let mut odd = moves.keep(&self.noted.odd_apostrophes, &changed);
        let mut curly = moves.keep(&self.noted.inner_curly, &changed);
        let mut guillemets = moves.keep(&self.noted.inner_guillemets, &changed);
        let mut title_words = moves.keep(&self.noted.title_words, &changed);
        let kept_titles: FxHashSet<String> = title_words
            .iter()
            .map(|s| lower_first(&text[s.range()]))
            .collect();
        let mut block_titles: Vec<(usize, Vec<Span>)> = Vec::new();
        let mut block_styles = Vec::new();

        // Checking the changed blocks is wasted when a word of their title
        // lines is written elsewhere (then the whole text is checked): the
        // old text tells it before they are checked.
        let old_titles: Vec<(usize, Vec<Span>)> = (0..before.len())
            .filter(|&i| changed[i])
            .map(|i| {
                let inside = |s: &&Span| before[i].start <= s.start && s.end <= before[i].end;
                (
                    i,
                    self.noted
                        .title_words
                        .iter()
                        .filter(inside)
                        .copied()
                        .collect(),
                )
            })
            .collect();
        titles_stay(
            old,
            &before,
            old,
            &before,
            &changed,
            &FxHashSet::default(),
            &old_titles,
        )?;

        let mut fresh = Vec::new();
        let mut block_names: Vec<(Span, FxHashSet<&str>)> = Vec::new();
        for (i, &block) in after.iter().enumerate() {
            if !changed[i] {
                continue;
            }
            let alone = Source::new(
                new.name.clone(),
                &text[block.range()],
                SourceKind::PlainText,
            );
            let mut own = Noted::default();
            let findings = self.linter.check_noting(&alone, Some(&mut own));
            block_styles.push((own.inner_style_is_curly(), !own.inner_guillemets.is_empty()));
            fresh.extend(findings.into_iter().map(|d| moved(d, block.start as isize)));
            let at = |s: Span| Span::new(s.start + block.start, s.end + block.start);
            let own_names: Vec<Span> = own.names.into_iter().map(at).collect();
            block_names.push((block, own_names.iter().map(|s| &text[s.range()]).collect()));
            names.extend(own_names);
            odd.extend(own.odd_apostrophes.into_iter().map(at));
            curly.extend(own.inner_curly.into_iter().map(at));
            let own_titles: Vec<Span> = own.title_words.into_iter().map(at).collect();
            if !own_titles.is_empty() {
                block_titles.push((i, own_titles.clone()));
            }
            title_words.extend(own_titles);
            guillemets.extend(own.inner_guillemets.into_iter().map(at));
        }
        names.sort_unstable_by_key(|s| s.start);
        odd.sort_unstable_by_key(|s| s.start);
        if consistent && !odd.is_empty() {
            return Err(Recheck::Apostrophes);
        }
        curly.sort_unstable_by_key(|s| s.start);
        title_words.sort_unstable_by_key(|s| s.start);
        titles_stay(
            old,
            &before,
            text,
            &after,
            &changed,
            &kept_titles,
            &block_titles,
        )?;
        guillemets.sort_unstable_by_key(|s| s.start);
        let noted = Noted {
            names,
            odd_apostrophes: odd,
            inner_curly: curly,
            inner_guillemets: guillemets,
            title_words,
        };
        // The style of quotations inside quotations: the same for the
        // document before and after, and for each block checked alone that
        // holds one in « » (the only ones it judges).
        let curly_inside = noted.inner_style_is_curly();
        if curly_inside != self.noted.inner_style_is_curly()
            || block_styles
                .iter()
                .any(|&(own, judged)| judged && own != curly_inside)
        {
            return Err(Recheck::Quotes);
        }

        // The names the document knows must be the same, and none of them
        // may be read in a block checked alone that does not know it.
        let was: FxHashSet<&str> = self.noted.names.iter().map(|s| &old[s.range()]).collect();
        let now: FxHashSet<&str> = noted.names.iter().map(|s| &text[s.range()]).collect();
        if was != now {
            return Err(Recheck::Names);
        }
        if !block_names.is_empty() && !now.is_empty() {
            let patterns: Vec<&str> = now.iter().copied().collect();
            let automaton = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&patterns)
                .map_err(|_| Recheck::Names)?;
            for (block, own) in &block_names {
                let here = &text[block.range()];
                let unknown = automaton.find_overlapping_iter(here).any(|m| {
                    let name = patterns[m.pattern().as_usize()];
                    let word = &here[m.range()];
                    !own.contains(name) && is_whole_word(here, m.start(), m.end()) && {
                        let mut a = word.chars();
                        let mut b = name.chars();
                        a.next().map(|c| c.to_ascii_uppercase()) == b.next()
                            && a.as_str() == b.as_str()
                    }
                });
                if unknown {
                    return Err(Recheck::Names);
                }
            }
        }

        self.noted = noted;
        kept.extend(fresh);
        kept.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        Ok(kept)
    }
}

/// Whether nothing in `text` makes a block's findings depend on the rest
/// of the document (see the module's list), or what does.
fn local_context(text: &str) -> Result<(), Recheck> {
    let bytes = text.as_bytes();
    if memchr::memchr(b'\r', bytes).is_some()
        || memchr::memmem::find(bytes, b"coquille-").is_some()
        || crate::prose::plain_has_layout(text)
    {
        return Err(Recheck::Layout);
    }
    Ok(())
}

/// Whether the words of title lines are weighed alike: a word of a block
/// checked alone (`block_titles`: the index of the block, its title words)
/// is written nowhere else in `text`, in the lowercase form the title-case
/// rule looks for; a word of an unchanged title line (`kept`, in that form)
/// is written in no changed block, before or after the pass. Then the
/// lowercase words each title line is weighed against are the same as in
/// a whole check.
fn titles_stay(
    old: &str,
    before: &[Span],
    text: &str,
    after: &[Span],
    changed: &[bool],
    kept: &FxHashSet<String>,
    block_titles: &[(usize, Vec<Span>)],
) -> Result<(), Recheck> {
    let whole_words =
        |patterns: &[String], haystack: &str| -> Result<Vec<(usize, usize)>, Recheck> {
            if patterns.is_empty() {
                return Ok(Vec::new());
            }
            let automaton =
                aho_corasick::AhoCorasick::new(patterns).map_err(|_| Recheck::TitleLines)?;
            Ok(automaton
                .find_overlapping_iter(haystack)
                .filter(|m| is_whole_word(haystack, m.start(), m.end()))
                .map(|m| (m.pattern().as_usize(), m.start()))
                .collect())
        };
    // Words of blocks checked alone: written in their own block only.
    let mut owners: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (block, words) in block_titles {
        for s in words {
            owners
                .entry(lower_first(&text[s.range()]))
                .or_default()
                .push(*block);
        }
    }
    let patterns: Vec<String> = owners.keys().cloned().collect();
    for (p, at) in whole_words(&patterns, text)? {
        let k = after.partition_point(|b| b.start <= at);
        let here = (k > 0 && at < after[k - 1].end).then(|| k - 1);
        if owners[&patterns[p]].iter().any(|&b| Some(b) != here) {
            return Err(Recheck::TitleLines);
        }
    }
    // Words of unchanged title lines: in no changed block.
    let patterns: Vec<String> = kept.iter().cloned().collect();
    for (i, _) in changed.iter().enumerate().filter(|(_, c)| **c) {
        if !whole_words(&patterns, &old[before[i].range()])?.is_empty()
            || !whole_words(&patterns, &text[after[i].range()])?.is_empty()
        {
            return Err(Recheck::TitleLines);
        }
    }
    Ok(())
}

/// Whether `text[start..end]` is not inside a longer run of letters.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    !text[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphabetic)
        && !text[end..].chars().next().is_some_and(char::is_alphabetic)
}

/// The blocks of `text`: runs of non-blank lines, each with the line end of
/// its last line. A block that starts with `«`, `»` or a dash continues a
/// quotation (or a dialogue) of the block before: it is one with it.
pub fn blocks(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut open: Option<usize> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let end = pos + line.len();
        let trimmed = line.trim_start();
        if trimmed.trim_end().is_empty() {
            if let Some(start) = open.take() {
                out.push(Span::new(start, pos));
            }
        } else if open.is_none() {
            let continues = trimmed.starts_with(['«', '»', '—', '–', '-']);
            open = Some(match out.pop() {
                Some(last) if continues => last.start,
                Some(last) => {
                    out.push(last);
                    pos
                }
                None => pos,
            });
        }
        pos = end;
    }
    if let Some(start) = open {
        out.push(Span::new(start, text.len()));
    }
    out
}

/// Whether the text between blocks is the same in both texts.
fn same_gaps(old: &str, before: &[Span], new: &str, after: &[Span]) -> bool {
    let gaps = |text: &'_ str, blocks: &[Span]| -> Vec<Span> {
        let mut out = Vec::with_capacity(blocks.len() + 1);
        let mut pos = 0;
        for b in blocks {
            out.push(Span::new(pos, b.start));
            pos = b.end;
        }
        out.push(Span::new(pos, text.len()));
        out
    };
    gaps(old, before)
        .iter()
        .zip(gaps(new, after))
        .all(|(g, h)| old[g.range()] == new[h.range()])
}

/// The first and last byte a finding reaches: its span and its edits.
fn reach(d: &Diagnostic) -> (usize, usize) {
    let edits = d.fix.iter().flat_map(|f| f.edits.iter()).map(|e| e.span);
    edits.fold((d.span.start, d.span.end), |(lo, hi), s| {
        (lo.min(s.start), hi.max(s.end))
    })
}

/// Whether `lo..=hi` meets or touches a changed block.
fn touches_change(blocks: &[Span], changed: &[bool], lo: usize, hi: usize) -> bool {
    blocks
        .iter()
        .zip(changed)
        .any(|(b, &c)| c && b.start <= hi && lo <= b.end)
}

/// Where the bytes outside changed blocks moved.
struct Moves<'a> {
    before: &'a [Span],
    after: &'a [Span],
}

impl Moves<'_> {
    /// How far byte `at` of the old text (outside changed blocks) moved.
    fn delta(&self, at: usize) -> isize {
        let k = self.before.partition_point(|b| b.start <= at);
        if k == 0 {
            return 0;
        }
        self.after[k - 1].end as isize - self.before[k - 1].end as isize
    }

    /// The spans of `spans` outside changed blocks, moved.
    fn keep(&self, spans: &[Span], changed: &[bool]) -> Vec<Span> {
        let mut out = Vec::with_capacity(spans.len());
        for &s in spans {
            let k = self.before.partition_point(|b| b.start <= s.start);
            if k > 0 && changed[k - 1] {
                continue;
            }
            let delta = self.delta(s.start);
            out.push(Span::new(
                s.start.wrapping_add_signed(delta),
                s.end.wrapping_add_signed(delta),
            ));
        }
        out
    }

    /// `d`, which reaches from `lo` over no changed block, moved.
    fn shift(&self, d: &Diagnostic, lo: usize) -> Diagnostic {
        moved(d.clone(), self.delta(lo))
    }
}

/// `d` with its span and edits moved by `delta` bytes.
fn moved(mut d: Diagnostic, delta: isize) -> Diagnostic {
    let by = |s: Span| {
        Span::new(
            s.start.wrapping_add_signed(delta),
            s.end.wrapping_add_signed(delta),
        )
    };
    d.span = by(d.span);
    if let Some(fix) = &mut d.fix {
        for edit in &mut fix.edits {
            edit.span = by(edit.span);
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        blocks(text).iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn blocks_are_runs_of_lines_with_their_line_end() {
        assert_eq!(
            texts("Un.\nDeux.\n\n\nTrois."),
            vec!["Un.\nDeux.\n", "Trois."]
        );
        assert_eq!(texts("\n  \nUn.\n \n"), vec!["Un.\n"]);
        assert!(texts("").is_empty());
    }

    #[test]
    fn a_dialogue_or_a_quotation_goes_on_in_one_block() {
        assert_eq!(
            texts("Il dit :\n\n« Viens.\n\n» Vite.\n\n— Non.\n\nFin."),
            vec!["Il dit :\n\n« Viens.\n\n» Vite.\n\n— Non.\n", "Fin."]
        );
    }

    #[test]
    fn suppressions_and_carriage_returns_are_not_local() {
        assert_eq!(local_context("l’été « oui »"), Ok(()));
        assert_eq!(local_context("a\r\nb"), Err(Recheck::Layout));
        assert_eq!(
            local_context("# coquille-ignore-next-line\nx"),
            Err(Recheck::Layout)
        );
    }
}
