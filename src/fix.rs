//! Applying fixes: sort, skip overlaps, apply; the linter repeats this until
//! the text is stable.
//!
//! A fix is safe only if it leaves the structure of the file as it was:
//! [`demote_structure_changes`] turns every fix whose result changes the
//! structure (see [`crate::prose::structure`]: Markdown blocks and markup,
//! code, front matter, HTML, URLs; the strings, placeholders and escapes of
//! a catalogue; a JSON string's validity) into a suggestion, and
//! [`apply_fixes_keeping_structure`] checks again the fixes applied
//! together.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::linter::{FixOutcome, MAX_FIX_PASSES};
use crate::prose;
use crate::source::{Source, SourceKind};
use rustc_hash::FxHashSet;

/// The result of one pass of fixing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The new text.
    pub text: String,
    /// How many fixes were applied.
    pub fixes: usize,
    /// The edits applied, sorted, in the coordinates of the input text.
    pub edits: Vec<Edit>,
}

/// Whether two sorted fixes cannot both be applied in one pass. Fixes are
/// all-or-nothing, so a fix is treated as covering everything from its first
/// to its last edit; two insertions at the same point conflict (their order
/// would be a guess).
fn conflicts(accepted_end: usize, accepted_last_is_insertion: bool, fix: &Fix) -> bool {
    let span = fix.span();
    let first_is_insertion = fix.edits.first().is_some_and(|e| e.span.is_empty());
    span.start < accepted_end
        || (span.start == accepted_end && accepted_last_is_insertion && first_is_insertion)
}

/// Whether `fix` can be applied to `text` at all: edits inside the text, on
/// character boundaries, in order and not overlapping each other.
fn is_sound(text: &str, fix: &Fix) -> bool {
    !fix.edits.is_empty()
        && fix.edits.iter().all(|e| {
            e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        })
        && fix.edits.windows(2).all(|w| {
            w[0].span.end <= w[1].span.start && !(w[0].span.is_empty() && w[1].span == w[0].span)
        })
}

/// How many following findings (sorted by start) are compared with each
/// one for rivalry: rivals cover the same words, so they sort together.
const RIVAL_WINDOW: usize = 8;

/// Whether every edit of `fix` lies inside `span`.
fn edits_within(fix: &Fix, span: crate::span::Span) -> bool {
    fix.edits
        .iter()
        .all(|e| span.start <= e.span.start && e.span.end <= span.end)
}

/// `candidates` without rival cures: two findings of one category but of
/// different rules, each of whose fix edits only inside the other's
/// finding, are two cures for one fault (`une con`: the determiner should
/// be `un`, or the word `conne`), and applying both would undo it twice.
/// Only the more certain (then the first) stays in the pass; the text is
/// checked again after it.
fn without_rivals(diagnostics: &[Diagnostic], candidates: &[usize]) -> Vec<usize> {
    let mut order = candidates.to_vec();
    order.sort_by_key(|&i| {
        let d = &diagnostics[i];
        (d.category, d.span.start, d.span.end, i)
    });
    let rank = |i: usize| {
        let d = &diagnostics[i];
        (
            d.fix.as_ref().map(|f| f.applicability),
            std::cmp::Reverse(i),
        )
    };
    let mut dropped = vec![false; diagnostics.len()];
    for (k, &i) in order.iter().enumerate() {
        let a = &diagnostics[i];
        let Some(fa) = &a.fix else { continue };
        for &j in order[k + 1..].iter().take(RIVAL_WINDOW) {
            let b = &diagnostics[j];
            if b.category != a.category || b.span.start >= a.span.end.max(a.span.start + 1) {
                break;
            }
            let Some(fb) = &b.fix else { continue };
            if a.rule != b.rule && edits_within(fa, b.span) && edits_within(fb, a.span) {
                let loser = if rank(i) >= rank(j) { j } else { i };
                dropped[loser] = true;
            }
        }
    }
    candidates
        .iter()
        .copied()
        .filter(|&i| !dropped[i])
        .collect()
}

/// The indexes in `diagnostics` of the fixes of `candidates` that one pass
/// applies: sorted by position, each sound and overlapping none before it;
/// of identical fixes, the first; no rival cures (see [`without_rivals`]).
fn select(text: &str, diagnostics: &[Diagnostic], candidates: &[usize]) -> Vec<usize> {
    let candidates = without_rivals(diagnostics, candidates);
    let mut order: Vec<(usize, &Fix)> = candidates
        .iter()
        .filter_map(|&i| diagnostics[i].fix.as_ref().map(|f| (i, f)))
        .filter(|(_, f)| is_sound(text, f))
        .collect();
    order.sort_by_key(|(i, f)| {
        let s = f.span();
        (s.start, s.end, *i)
    });
    order.dedup_by(|b, a| a.1 == b.1);
    let mut chosen = Vec::new();
    let mut end = 0;
    let mut last_is_insertion = false;
    for (i, fix) in order {
        if !chosen.is_empty() && conflicts(end, last_is_insertion, fix) {
            continue;
        }
        let last = fix.edits.last().map(|e| e.span).unwrap_or_default();
        end = fix.span().end;
        last_is_insertion = last.is_empty() && last.end == end;
        chosen.push(i);
    }
    chosen
}

/// Applies the fixes at `chosen` (sorted, not overlapping, as [`select`]
/// returns them); text outside their edits is copied unchanged.
fn splice(text: &str, diagnostics: &[Diagnostic], chosen: &[usize]) -> Applied {
    let edits: Vec<Edit> = chosen
        .iter()
        .filter_map(|&i| diagnostics[i].fix.as_ref())
        .flat_map(|f| f.edits.iter().cloned())
        .collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut pos = 0;
    for edit in &edits {
        out.push_str(&text[pos..edit.span.start]);
        out.push_str(&edit.replacement);
        pos = edit.span.end;
    }
    out.push_str(&text[pos..]);
    Applied {
        text: out,
        fixes: chosen.len(),
        edits,
    }
}

/// The indexes of the fixes at or above `threshold` (display-only fixes
/// never apply).
fn fixable(diagnostics: &[Diagnostic], threshold: Applicability) -> Vec<usize> {
    (0..diagnostics.len())
        .filter(|&i| diagnostics[i].is_fixable(threshold))
        .collect()
}

/// Applies, in one pass, every fix of `diagnostics` at or above `threshold`
/// (display-only fixes never apply) that does not overlap a fix applied
/// before it. Text outside the applied edits is copied unchanged.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], threshold: Applicability) -> Applied {
    let chosen = select(text, diagnostics, &fixable(diagnostics, threshold));
    splice(text, diagnostics, &chosen)
}

/// Finds which fixes keep the structure of one source.
struct StructureGuard<'a> {
    text: &'a str,
    kind: SourceKind,
    before: u64,
    diagnostics: &'a [Diagnostic],
    /// Parses left before every fix still untested is demoted.
    budget: std::cell::Cell<usize>,
}

/// The most parses of the structure [`StructureGuard`] makes for one set of
/// fixes: a text where many fixes change the structure has the fixes it
/// could not test demoted, so the cost stays linear.
const STRUCTURE_BUDGET: usize = 64;

impl StructureGuard<'_> {
    /// Whether applying the fixes at `chosen` together keeps the structure.
    fn keeps(&self, chosen: &[usize]) -> bool {
        let Some(left) = self.budget.get().checked_sub(1) else {
            return false;
        };
        self.budget.set(left);
        let mut sorted = chosen.to_vec();
        sorted.sort_by_key(|&i| self.diagnostics[i].fix.as_ref().map(|f| f.span().start));
        let applied = splice(self.text, self.diagnostics, &sorted);
        let kind = self.kind.after_edit(self.text.len(), applied.text.len());
        prose::structure(&applied.text, kind) == Some(self.before)
    }

    /// The fixes of `candidates` that can be applied with those of `base`
    /// (which keep the structure): all of them if they keep it together,
    /// else each half in turn, down to single fixes. Few parses when few
    /// fixes are at fault.
    fn accepted(&self, base: &[usize], candidates: &[usize]) -> Vec<usize> {
        if candidates.is_empty() {
            return Vec::new();
        }
        let all: Vec<usize> = base.iter().chain(candidates).copied().collect();
        if self.keeps(&all) {
            return candidates.to_vec();
        }
        if candidates.len() == 1 || self.budget.get() == 0 {
            return Vec::new();
        }
        let (left, right) = candidates.split_at(candidates.len() / 2);
        let mut kept = self.accepted(base, left);
        let with_left: Vec<usize> = base.iter().chain(&kept).copied().collect();
        kept.extend(self.accepted(&with_left, right));
        kept
    }
}

/// Rounds of [`demote_structure_changes`] over fixes that overlap others;
/// fixes still untested after them are demoted (they would be tested once
/// the fixes they overlap are applied and the text checked again).
const STRUCTURE_ROUNDS: usize = 4;

/// Turns into suggestions (display-only) the fixes of `diagnostics`,
/// findings in `source`, whose result changes the structure of the file:
/// each one applied with the others of its pass. Plain text has no
/// structure: nothing is done.
pub fn demote_structure_changes(source: &Source, diagnostics: &mut [Diagnostic]) {
    let Some(before) = prose::structure(&source.text, source.kind) else {
        return;
    };
    // The fixes `fix` applies together: the safe ones, or (with unsafe
    // fixes) all of them; a set may break the structure where a larger one
    // does not, so both are tested.
    let safe = fixable(diagnostics, Applicability::Safe);
    demote_in_rounds(source, before, diagnostics, safe);
    let all = fixable(diagnostics, Applicability::Unsafe);
    if all != fixable(diagnostics, Applicability::Safe) {
        demote_in_rounds(source, before, diagnostics, all);
    }
}

/// Demotes the fixes of `pending` that break the structure (`before`),
/// each tested with the others of its pass, in [`STRUCTURE_ROUNDS`].
fn demote_in_rounds(
    source: &Source,
    before: u64,
    diagnostics: &mut [Diagnostic],
    mut pending: Vec<usize>,
) {
    let mut bad = Vec::new();
    {
        let guard = StructureGuard {
            text: &source.text,
            kind: source.kind,
            before,
            diagnostics,
            budget: std::cell::Cell::new(STRUCTURE_BUDGET),
        };
        for round in 0..=STRUCTURE_ROUNDS {
            if pending.is_empty() {
                break;
            }
            if round == STRUCTURE_ROUNDS {
                bad.append(&mut pending);
                break;
            }
            let chosen = select(&source.text, diagnostics, &pending);
            let kept = mask(diagnostics.len(), &guard.accepted(&[], &chosen));
            bad.extend(chosen.iter().filter(|&&i| !kept[i]));
            let tested = mask(diagnostics.len(), &chosen);
            pending.retain(|&i| !tested[i]);
        }
    }
    for i in bad {
        demote(&mut diagnostics[i]);
    }
}

/// A mask of `len` flags, set at `indexes`.
fn mask(len: usize, indexes: &[usize]) -> Vec<bool> {
    let mut flags = vec![false; len];
    for &i in indexes {
        flags[i] = true;
    }
    flags
}

fn demote(diagnostic: &mut Diagnostic) {
    if let Some(fix) = &mut diagnostic.fix {
        fix.applicability = Applicability::DisplayOnly;
    }
}

/// [`apply_fixes`] for `source`, keeping its structure: when the fixes of
/// the pass change it together, those at fault are demoted in
/// `diagnostics` and the others applied.
pub fn apply_fixes_keeping_structure(
    source: &Source,
    diagnostics: &mut [Diagnostic],
    threshold: Applicability,
) -> Applied {
    let text = source.text.as_str();
    let chosen = select(text, diagnostics, &fixable(diagnostics, threshold));
    let Some(before) = prose::structure(text, source.kind) else {
        return splice(text, diagnostics, &chosen);
    };
    let guard = StructureGuard {
        text,
        kind: source.kind,
        before,
        diagnostics,
        budget: std::cell::Cell::new(STRUCTURE_BUDGET),
    };
    let kept = guard.accepted(&[], &chosen);
    let applied = splice(text, diagnostics, &kept);
    let kept = mask(diagnostics.len(), &kept);
    for i in chosen.into_iter().filter(|&i| !kept[i]) {
        demote(&mut diagnostics[i]);
    }
    applied
}

/// Fixes `source` with every fix at or above `threshold` of the findings
/// `check` reports, re-checking the whole text after each pass until
/// nothing changes (at most [`MAX_FIX_PASSES`], and never twice through the
/// same text). A fix is applied only if it keeps the structure of the file.
pub fn fix_until_stable(
    source: &Source,
    threshold: Applicability,
    check: impl Fn(&Source) -> Vec<Diagnostic>,
) -> FixOutcome {
    let first = check(source);
    fix_until_stable_with(source, threshold, first, |_, _, _, new| check(new))
}

/// [`fix_until_stable`] from the findings `first` of `source`, with the
/// findings of each new text given by `recheck(old text, edits applied,
/// findings of the old text, new source)`: a re-check may reuse what it
/// knows of the old text (see [`crate::recheck`]), but must return what a
/// check of the whole new source returns.
pub fn fix_until_stable_with(
    source: &Source,
    threshold: Applicability,
    first: Vec<Diagnostic>,
    mut recheck: impl FnMut(&str, &[Edit], Vec<Diagnostic>, &Source) -> Vec<Diagnostic>,
) -> FixOutcome {
    let mut current = source.clone();
    let mut fixes_applied = 0;
    let mut passes = 0;
    let mut converged = false;
    let mut cycle = false;
    let mut seen: FxHashSet<u64> = FxHashSet::default();
    seen.insert(text_hash(&current.text));
    let mut diagnostics = first;
    while passes < MAX_FIX_PASSES {
        let applied = apply_fixes_keeping_structure(&current, &mut diagnostics, threshold);
        if applied.fixes == 0 || applied.text == current.text {
            converged = true;
            break;
        }
        if !seen.insert(text_hash(&applied.text)) {
            cycle = true;
            break;
        }
        passes += 1;
        fixes_applied += applied.fixes;
        current.kind = current
            .kind
            .after_edit(current.text.len(), applied.text.len());
        let old = std::mem::replace(&mut current.text, applied.text);
        diagnostics = recheck(&old, &applied.edits, diagnostics, &current);
    }
    if cycle {
        // Fixes that lead back to an earlier text are not certain.
        for d in &mut diagnostics {
            if d.is_fixable(threshold) {
                demote(d);
            }
        }
    } else if !converged {
        converged = !diagnostics.iter().any(|d| d.is_fixable(threshold));
    }
    FixOutcome {
        text: current.text,
        fixes_applied,
        passes,
        converged,
        cycle,
        remaining: diagnostics,
    }
}

/// A hash of a whole text, to recognise a text seen before.
fn text_hash(text: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity};
    use crate::span::Span;

    fn diag(fix: Fix) -> Diagnostic {
        Diagnostic {
            rule: "spacing/test",
            category: Category::Spacing,
            severity: Severity::Warning,
            span: fix.span(),
            message: String::new(),
            fix: Some(fix),
        }
    }

    #[test]
    fn applies_sorted_non_overlapping_edits() {
        let text = "abc def";
        let d = vec![
            diag(Fix::safe(Edit::replace(Span::new(4, 7), "DEF"))),
            diag(Fix::safe(Edit::insert(0, ">"))),
        ];
        let applied = apply_fixes(text, &d, Applicability::Safe);
        assert_eq!(applied.text, ">abc DEF");
        assert_eq!(applied.fixes, 2);
    }

    #[test]
    fn skips_overlaps_and_unsafe() {
        let text = "abcdef";
        let d = vec![
            diag(Fix::safe(Edit::replace(Span::new(0, 3), "X"))),
            diag(Fix::safe(Edit::replace(Span::new(2, 4), "Y"))),
            diag(Fix::unsafe_(Edit::replace(Span::new(5, 6), "Z"))),
        ];
        assert_eq!(apply_fixes(text, &d, Applicability::Safe).text, "Xdef");
        assert_eq!(apply_fixes(text, &d, Applicability::Unsafe).text, "XdeZ");
    }

    #[test]
    fn two_insertions_at_one_point_conflict() {
        let d = vec![
            diag(Fix::safe(Edit::insert(1, "x"))),
            diag(Fix::safe(Edit::insert(1, "y"))),
        ];
        assert_eq!(apply_fixes("ab", &d, Applicability::Safe).fixes, 1);
    }

    /// A checker whose fixes undo each other: `ab` → `ba` → `ab`.
    fn swapping(source: &Source) -> Vec<Diagnostic> {
        let swapped: String = source.text.chars().rev().collect();
        vec![diag(Fix::safe(Edit::replace(
            Span::new(0, source.text.len()),
            swapped,
        )))]
    }

    #[test]
    fn a_cycle_stops_at_once_and_leaves_no_safe_fix() {
        let source = Source::new("t", "ab", SourceKind::PlainText);
        let outcome = fix_until_stable(&source, Applicability::Safe, swapping);
        assert!(outcome.cycle && !outcome.converged);
        assert_eq!(outcome.passes, 1);
        assert_eq!(outcome.text, "ba");
        assert!(
            outcome
                .remaining
                .iter()
                .all(|d| !d.is_fixable(Applicability::Unsafe))
        );
    }

    #[test]
    fn fixes_that_enable_others_settle_beyond_ten_passes() {
        // Each pass fixes the first `x` only, as a rule that sees a fault
        // once its neighbour is fixed: 30 passes, no cycle.
        let first_x = |source: &Source| -> Vec<Diagnostic> {
            source
                .text
                .find('x')
                .map(|at| diag(Fix::safe(Edit::replace(Span::new(at, at + 1), "y"))))
                .into_iter()
                .collect()
        };
        let source = Source::new("t", "x".repeat(30), SourceKind::PlainText);
        let outcome = fix_until_stable(&source, Applicability::Safe, first_x);
        assert!(outcome.converged && !outcome.cycle);
        assert_eq!(outcome.passes, 30);
        assert_eq!(outcome.text, "y".repeat(30));
    }

    #[test]
    fn display_only_never_applies() {
        let d = vec![diag(Fix::display_only(Edit::insert(0, "x")))];
        assert_eq!(apply_fixes("ab", &d, Applicability::Unsafe).text, "ab");
    }
}
