//! Fixing that re-checks only the paragraphs the fixes changed: what
//! [`Linter::fix`] runs (see docs/performance.md).
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
//! - the style of quotations inside quotations (“ ” or « », the one used
//!   most): the same before and after the pass, and in each block checked
//!   alone that holds one in « »;
//! - the answers to what a check asks of the whole document about one
//!   word or mark ([`WholeLookup`]: is it written with a capital inside a
//!   sentence somewhere, a name for the English analysis; is it a program
//!   the text cites; is it written in lowercase somewhere, which Title Case
//!   lines are weighed against; which apostrophe does the text want, the
//!   one it mostly uses, and with which counts): every check notes its
//!   questions with their place, and each block checked alone, and each
//!   unchanged block, must get the answer the whole new text gives;
//! - the layout of converted documents (justified lines, broken words,
//!   lines of code, manual-page names): each block laid out alone as in
//!   the whole text, and each unchanged block as before the pass;
//! - quotations that run over several paragraphs: a block that starts with
//!   `«`, `»` or a dash is one with the block before, and a block whose
//!   prose starts so after lines of code is checked with the whole text;
//! - suppression comments (`coquille-…`) and carriage returns: the whole
//!   text is checked.
//!
//! Other formats (Markdown, catalogues, translation files, JSON) are fixed
//! with the whole-text loop.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::WholeLookup;
use crate::fix::fix_until_stable_with;
use crate::linter::{FixOutcome, Linter};
use crate::prose::LayoutKind;
use crate::rules::{ApostropheMark, wanted_apostrophe};
use crate::source::{Source, SourceKind};
use crate::span::Span;
use rustc_hash::FxHashSet;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a check asked of the whole text, with the source bytes of the
/// word each lookup is about.
type Lookups = Vec<(Span, WholeLookup)>;

/// How a pass of `fix` found the findings of its new text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recheck {
    /// Only the changed blocks were checked.
    Paragraphs,
    /// The whole text: not plain text.
    Format,
    /// The whole text: it holds a suppression comment or a carriage
    /// return, or a block is laid out otherwise alone or after the pass
    /// (justified lines, broken words, lines of code).
    Layout,
    /// The whole text: the apostrophe the whole new text wants (or its
    /// counts, which a message gives) is not the one a block was weighed
    /// by.
    Apostrophes,
    /// The whole text: English double quotes, or a second-level style.
    Quotes,
    /// The whole text: a word of a Title Case line is written in
    /// lowercase in the whole text and not where it was asked, or the
    /// other way round.
    TitleLines,
    /// The whole text: the blocks or the blank lines between them changed.
    Blocks,
    /// The whole text: a finding reaches out of its block next to a change.
    Reach,
    /// The whole text: a word asked about is a name or a cited program
    /// in the whole new text and not where it was asked, or the other way
    /// round.
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
pub(crate) struct Noted {
    /// Words written with a capital inside a sentence.
    pub names: Vec<Span>,
    /// The opening marks of quotations inside quotations, in “ ”.
    pub inner_curly: Vec<Span>,
    /// The opening marks of quotations inside quotations, in « ».
    pub inner_guillemets: Vec<Span>,
    /// What the rules asked of the document as a whole (names, cited
    /// programs, lowercase words, the apostrophe it wants), with the source
    /// bytes each question was asked about.
    pub lookups: Lookups,
    /// Every apostrophe, with the character written (to count them).
    pub apostrophes: Vec<(Span, ApostropheMark)>,
    /// The layout marks the text was read with ([`crate::prose::layout_marks`]).
    pub layout: Vec<(LayoutKind, Span)>,
}

impl Noted {
    /// Whether the document's quotations inside quotations are mostly in
    /// “ ” (the style the nesting rule asks of the others).
    fn inner_style_is_curly(&self) -> bool {
        self.inner_curly.len() > self.inner_guillemets.len()
    }
}

/// The outcome of [`Linter::fix_checking_whole_text`], re-checking only
/// the changed blocks of a plain text when that gives what a whole check
/// gives: what [`Linter::fix`] runs.
pub(crate) fn fix_rechecking_paragraphs(
    linter: &Linter,
    source: &Source,
    threshold: Applicability,
) -> FixOutcome {
    if source.kind != SourceKind::PlainText || source.counterpart.is_some() {
        let outcome = linter.fix_checking_whole_text(source, threshold);
        for _ in 0..outcome.passes {
            count(Recheck::Format);
        }
        return outcome;
    }
    let mut noted = Noted::default();
    let first = linter.check_noting(source, Some(&mut noted));
    let mut rechecker = Rechecker {
        linter,
        noted,
        programs: None,
    };
    fix_until_stable_with(source, threshold, first, |old, _, found, new| {
        rechecker.recheck(old, found, new)
    })
}

/// The state carried from pass to pass: what is noted of the current text.
struct Rechecker<'l> {
    linter: &'l Linter,
    noted: Noted,
    /// The programs the current text cites, once computed.
    programs: Option<FxHashSet<String>>,
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
        let old_programs = self.programs.take();
        local_context(old)?;
        local_context(text)?;
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
        let laid_out = crate::prose::layout_marks(text);
        let block_layouts = same_layout(
            &self.noted.layout,
            &before,
            text,
            &laid_out,
            &after,
            &changed,
        )?;
        // The programs the text cites (a word naming one is no English).
        let programs = std::cell::OnceCell::new();
        let cited_now = || crate::code_in_prose::cited_programs(text);
        let old_programs =
            old_programs.map_or_else(std::cell::OnceCell::new, std::cell::OnceCell::from);

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
        let mut curly = moves.keep(&self.noted.inner_curly, &changed);
        let mut guillemets = moves.keep(&self.noted.inner_guillemets, &changed);
        let mut apostrophes = moves.keep_with(&self.noted.apostrophes, &changed);
        let mut block_styles = Vec::new();
        // Each block checked alone that weighs apostrophes: the one it
        // wants and why, and where its findings are in `fresh`.
        let mut block_apostrophes = Vec::new();

        let mut fresh = Vec::new();
        // Each block checked alone: its span, its names, its lookups.
        let mut block_names: Vec<(Span, FxHashSet<&str>, Lookups)> = Vec::new();
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
            if own.layout != block_layouts[i] {
                return Err(Recheck::Layout);
            }
            block_styles.push((own.inner_style_is_curly(), !own.inner_guillemets.is_empty()));
            if !own.apostrophes.is_empty() {
                block_apostrophes.push((
                    wanted_apostrophe(self.linter.settings(), &own.apostrophes),
                    fresh.len()..fresh.len() + findings.len(),
                ));
            }
            fresh.extend(findings.into_iter().map(|d| moved(d, block.start as isize)));
            let at = |s: Span| Span::new(s.start + block.start, s.end + block.start);
            apostrophes.extend(own.apostrophes.into_iter().map(|(s, m)| (at(s), m)));
            curly.extend(own.inner_curly.into_iter().map(at));
            guillemets.extend(own.inner_guillemets.into_iter().map(at));
            let own_names: Vec<Span> = own.names.into_iter().map(at).collect();
            block_names.push((
                block,
                own_names.iter().map(|s| &text[s.range()]).collect(),
                own.lookups,
            ));
            names.extend(own_names);
        }
        names.sort_unstable_by_key(|s| s.start);
        curly.sort_unstable_by_key(|s| s.start);
        guillemets.sort_unstable_by_key(|s| s.start);
        apostrophes.sort_unstable_by_key(|(s, _)| s.start);

        // The apostrophe the text wants (the one it mostly uses, unless the
        // settings say which): the same before and after the pass, and for
        // each block checked alone that weighs apostrophes. The messages of
        // the style rule give the counts of the text they were found in:
        // restated with the counts of the whole new text.
        let settings = self.linter.settings();
        let (was_wanted, was_why) = wanted_apostrophe(settings, &self.noted.apostrophes);
        let (wanted, why) = wanted_apostrophe(settings, &apostrophes);
        if was_wanted != wanted || block_apostrophes.iter().any(|((own, _), _)| *own != wanted) {
            return Err(Recheck::Apostrophes);
        }
        let restate = |d: &mut Diagnostic, was: &str| -> Result<(), Recheck> {
            if d.rule == crate::rules::APOSTROPHE_STYLE && was != why {
                d.message = crate::rules::restated_apostrophe_message(&d.message, was, &why)
                    .ok_or(Recheck::Apostrophes)?;
            }
            Ok(())
        };
        for d in &mut kept {
            restate(d, &was_why)?;
        }
        for ((_, own_why), range) in &block_apostrophes {
            for d in &mut fresh[range.clone()] {
                restate(d, own_why)?;
            }
        }

        let mut noted = Noted {
            names,
            inner_curly: curly,
            inner_guillemets: guillemets,
            lookups: Vec::new(),
            apostrophes,
            layout: laid_out,
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

        // The words written with a capital inside a sentence, before the
        // pass (the names the unchanged blocks were checked with).
        let was: FxHashSet<&str> = self.noted.names.iter().map(|s| &old[s.range()]).collect();
        // What the whole new text answers to lookups whose answer is
        // noted with them: the apostrophe it wants (counted above), the
        // words it writes in lowercase (read from the whole text, analysed
        // only when a Title Case line asks: about a quarter of a check).
        let whole = std::cell::OnceCell::new();
        let whole = || whole.get_or_init(|| crate::Document::new(new, self.linter.settings()));
        let lowercase = std::cell::OnceCell::new();
        let recorded_answer_stays = |lookup: &WholeLookup| match lookup {
            WholeLookup::Lowercase { word, written } => {
                let now = lowercase
                    .get_or_init(|| crate::rules::lowercase_words(whole()))
                    .contains(word.as_str());
                if now == *written {
                    Ok(())
                } else {
                    Err(Recheck::TitleLines)
                }
            }
            WholeLookup::Apostrophe(mark) => {
                if *mark == wanted {
                    Ok(())
                } else {
                    Err(Recheck::Apostrophes)
                }
            }
            WholeLookup::Name(_) | WholeLookup::ManualName(_) => Ok(()),
        };
        let now: FxHashSet<&str> = noted.names.iter().map(|s| &text[s.range()]).collect();
        // Whether the whole new text answers `lookup` as the text it was
        // asked in did (`names`: what that text writes with a capital
        // inside a sentence; `cited`: the programs it cites, read from
        // `there` on first need).
        let answer_stays = |lookup: &WholeLookup,
                            names: &FxHashSet<&str>,
                            cited: &std::cell::OnceCell<FxHashSet<String>>,
                            there: &str|
         -> Result<(), Recheck> {
            let same = match lookup {
                WholeLookup::Name(word) => {
                    names.contains(word.as_str()) == now.contains(word.as_str())
                }
                WholeLookup::ManualName(word) => {
                    cited
                        .get_or_init(|| crate::code_in_prose::cited_programs(there))
                        .contains(word)
                        == programs.get_or_init(cited_now).contains(word)
                }
                _ => return recorded_answer_stays(lookup),
            };
            if same { Ok(()) } else { Err(Recheck::Names) }
        };
        // The unchanged blocks must get the answers they got before the
        // pass to what they asked of the whole text.
        let kept_lookups = moves.keep_with(&self.noted.lookups, &changed);
        for (_, lookup) in &kept_lookups {
            answer_stays(lookup, &was, &old_programs, old)?;
        }
        let mut lookups = kept_lookups;
        // Each block checked alone must have had the answers the whole
        // text gives to what it asked of it.
        for (block, own, own_lookups) in &block_names {
            let alone = std::cell::OnceCell::new();
            for (_, lookup) in own_lookups {
                answer_stays(lookup, own, &alone, &text[block.range()])?;
            }
            lookups.extend(own_lookups.iter().map(|(at, l)| {
                (
                    Span::new(at.start + block.start, at.end + block.start),
                    l.clone(),
                )
            }));
        }
        lookups.sort_unstable_by_key(|(s, _)| s.start);
        noted.lookups = lookups;

        self.noted = noted;
        self.programs = programs.into_inner();
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
    if memchr::memchr(b'\r', bytes).is_some() || memchr::memmem::find(bytes, b"coquille-").is_some()
    {
        return Err(Recheck::Layout);
    }
    Ok(())
}

/// The layout marks of the new text in each of its blocks, relative to the
/// block, if the layout of the plain text (justified gaps, broken words,
/// lines of code: [`crate::prose::layout_marks`]) is read alike: each
/// unchanged block laid out as before the pass, no mark across two blocks.
/// (Each changed block must be laid out alone as in the whole new text:
/// compared when it is checked.)
fn same_layout(
    old: &[(LayoutKind, Span)],
    before: &[Span],
    text: &str,
    new: &[(LayoutKind, Span)],
    after: &[Span],
    changed: &[bool],
) -> Result<Vec<Vec<(LayoutKind, Span)>>, Recheck> {
    /// The `marks` of a text in each of its `blocks`, relative to its start.
    fn by_block(
        marks: &[(LayoutKind, Span)],
        blocks: &[Span],
    ) -> Option<Vec<Vec<(LayoutKind, Span)>>> {
        let mut out = vec![Vec::new(); blocks.len()];
        for &(kind, span) in marks {
            let k = blocks.partition_point(|b| b.start <= span.start);
            let block = blocks.get(k.checked_sub(1)?)?;
            if span.end > block.end {
                return None;
            }
            out[k - 1].push((
                kind,
                Span::new(span.start - block.start, span.end - block.start),
            ));
        }
        Some(out)
    }
    let (Some(was), Some(now)) = (by_block(old, before), by_block(new, after)) else {
        return Err(Recheck::Layout);
    };
    for (i, block) in after.iter().enumerate() {
        // A quotation open at the end of a block goes on in the next when
        // its prose starts with `«`, `»` or a dash: [`blocks`] joins such
        // blocks, but not when lines of code come first.
        if i > 0 && continues_after_code(&text[block.range()], &now[i]) {
            return Err(Recheck::Quotes);
        }
        if !changed[i] && was[i] != now[i] {
            return Err(Recheck::Layout);
        }
    }
    Ok(now)
}

/// Whether `block` starts with lines of code (`marks`, relative to it) and
/// its first line of prose with `«`, `»` or a dash.
fn continues_after_code(block: &str, marks: &[(LayoutKind, Span)]) -> bool {
    let mut at = 0;
    for &(kind, span) in marks {
        let gap = &block[at..span.start];
        if kind != LayoutKind::Code || !gap.trim().is_empty() {
            break;
        }
        at = span.end;
    }
    at > 0 && block[at..].trim_start().starts_with(['«', '»', '—', '–'])
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

    /// The `items` of unchanged blocks (each at a span), moved.
    fn keep_with<T: Clone>(&self, items: &[(Span, T)], changed: &[bool]) -> Vec<(Span, T)> {
        let spans: Vec<Span> = items.iter().map(|(s, _)| *s).collect();
        let kept = items.iter().filter(|(s, _)| {
            let k = self.before.partition_point(|b| b.start <= s.start);
            !(k > 0 && changed[k - 1])
        });
        self.keep(&spans, changed)
            .into_iter()
            .zip(kept)
            .map(|(s, (_, item))| (s, item.clone()))
            .collect()
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

    /// The findings of the new text (`old` with `from` replaced by `to`)
    /// by the blocks that changed, with the default rules, after a whole
    /// check of `old`; and those of a whole check of the new text.
    fn recheck(
        old: &str,
        from: &str,
        to: &str,
    ) -> (Result<Vec<Diagnostic>, Recheck>, Vec<Diagnostic>) {
        let new = old.replace(from, to);
        let linter = Linter::new(crate::Settings::default()).expect("linter");
        let before = Source::new("t", old, SourceKind::PlainText);
        let mut noted = Noted::default();
        let found = linter.check_noting(&before, Some(&mut noted));
        let mut rechecker = Rechecker {
            linter: &linter,
            noted,
            programs: None,
        };
        let after = Source::new("t", new, SourceKind::PlainText);
        (
            rechecker.by_blocks(old, &found, &after),
            linter.check(&after),
        )
    }

    #[test]
    fn lines_of_code_leave_the_other_blocks_to_their_findings() {
        let old = "Fermez le fichier :\n\n    close(fd);\n\nLe fichier est ferme , voila.\n";
        assert!(!crate::prose::layout_marks(old).is_empty());
        let (fast, whole) = recheck(old, "ferme , voila", "fermé, voilà");
        assert_eq!(fast, Ok(whole));
    }

    #[test]
    fn a_block_laid_out_otherwise_alone_is_checked_with_the_whole_text() {
        // After the `NOM` heading, the line of names is read as such; the
        // block alone has no heading before it.
        let old = "NOM\n\nls - lister le contenu des dossiers\n";
        assert_eq!(
            recheck(old, "dossiers", "répertoires").0,
            Err(Recheck::Layout)
        );
    }

    #[test]
    fn a_block_that_asks_about_a_name_written_elsewhere_is_checked_with_the_whole_text() {
        // `nightly` is the name of a version only in a text that writes
        // `Nightly` inside a sentence.
        let old = "Installez la version Nightly du navigateur.\n\nLa nightly est prête , enfin.\n";
        let mend = ("prête , enfin", "prête, enfin");
        assert_eq!(recheck(old, mend.0, mend.1).0, Err(Recheck::Names));
        // Written in the changed block itself, it is answered alike.
        let old = "Le texte est court.\n\nLa version Nightly, puis la nightly est prête , enfin.\n";
        let (fast, whole) = recheck(old, mend.0, mend.1);
        assert_eq!(fast, Ok(whole));
    }

    #[test]
    fn a_quotation_that_goes_on_after_lines_of_code_is_not_cut() {
        let block = "close(fd);\n« Et la suite. »\n";
        let marks = crate::prose::layout_marks(block);
        assert!(continues_after_code(block, &marks), "{marks:?}");
        let prose = "Le texte.\n« Et la suite. »\n";
        assert!(!continues_after_code(
            prose,
            &crate::prose::layout_marks(prose)
        ));
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
