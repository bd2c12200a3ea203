//! Declarative rules: a regex over the prose text, guards on the text around
//! each match, a target group and a replacement.
//!
//! The `regex` crate has no look-around, so guards stand in for it: `before`
//! / `not_before` are tested on the line text before the match (anchor them
//! with `$`), `after` / `not_after` on the line text after it (anchor with
//! `^`), `not_match` on the match itself. `whole_word` requires word
//! boundaries on both sides. Matches touching a URL or an e-mail address are
//! dropped.

use super::spec::{RuleSpec, Text, expand_macros};
use super::{Rule, RuleMeta};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::lean_regex::{self, ReverseStarts};
use crate::span::Span;
use crate::tokenize::is_word_char;
use regex_automata::meta::Regex as MetaRegex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Hir, Look};
use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How much of the line around a match the guards see, on each side.
const GUARD_WINDOW: usize = 256;

/// Bytes a rule may search for its required literals, over all the
/// documents it sees, before it compiles its pattern instead. The look
/// spares compiling a pattern whose required literals never occur
/// (start-up on a short file); a rule whose head literals keep occurring
/// without them would otherwise read every document once more, for as
/// long as the linter lives.
const REQUIRED_LOOK_BYTES: usize = 1 << 20;

/// A guard regex, compiled the first time a match of the main pattern
/// needs it: most rules never match, and guards (long alternations, `\b`)
/// are what costs most to compile.
#[derive(Debug, Default)]
struct Guard {
    /// The pattern as the rule file writes it, macros unexpanded: most
    /// guards are never compiled, so they are expanded when they are.
    pattern: Option<Text>,
    regex: OnceLock<Option<GuardRegex>>,
}

/// A compiled guard, with what its pattern says of where its matches lie.
#[derive(Debug)]
struct GuardRegex {
    regex: MetaRegex,
    /// The longest match, in bytes, when every match ends at the end of
    /// the haystack (`…$`): a search need only look at that many bytes
    /// before the end.
    end_reach: Option<usize>,
    /// The longest match, in bytes, when every match starts at the start
    /// of the haystack (`^…`): a search need only look that far.
    start_reach: Option<usize>,
    /// What a [`Bound`] is built from, when one may serve.
    bound_source: Option<BoundSource>,
    /// Built after [`BOUND_AFTER`] searches, so that a short file does not
    /// compile it (`None`: it did not build).
    bound: lean_regex::Deferred<Option<Bound>>,
}

/// Searches of a guard after which it builds its [`Bound`].
const BOUND_AFTER: usize = 8;

/// A guard with no longest match, anchored at the start or at the end of
/// its haystack: what its [`Bound`] is built from.
#[derive(Debug)]
struct BoundSource {
    hir: Hir,
    /// Whether its matches start at the start of the haystack (else they
    /// end at its end).
    at_start: bool,
}

/// Where the matches of a guard with no longest match can lie, found on
/// the lazy DFA before the bounded backtracker runs: without it, the
/// backtracker clears a visited set as long as the whole window on each
/// search, and walks it. Where the DFA finds nothing, the guard fails.
#[derive(Debug)]
enum Bound {
    /// For a guard whose matches start at the start of the haystack
    /// (`^\s+pour\b`): its longest match from there
    /// ([`lean_regex::longest_match_regex`]), where the search can stop.
    Start(MetaRegex),
    /// For a guard whose matches end at the end of the haystack
    /// (`\b(?:ma|ta)\s+$`): the guard run backwards from the end,
    /// without its Unicode word boundaries, whose earliest start is where
    /// the search can begin. Boxed: a lazy DFA and its cache pool are
    /// large, and every rule holds five guards from the start.
    End(Box<ReverseStarts>),
}

impl Bound {
    fn new(source: &BoundSource) -> Option<Bound> {
        let hir = &source.hir;
        if source.at_start {
            lean_regex::longest_match_regex(hir).ok().map(Bound::Start)
        } else {
            ReverseStarts::new(&lean_regex::without_unicode_word_looks(hir))
                .map(|backwards| Bound::End(Box::new(backwards)))
        }
    }
}

impl GuardRegex {
    fn new(pattern: &str) -> Option<GuardRegex> {
        let hir = regex_syntax::parse(pattern).ok()?;
        let regex = lean_regex::short_haystack_regex_from_hir(&hir, false).ok()?;
        let (mut end_reach, mut start_reach) = (None, None);
        let props = hir.properties();
        let at_end = props.look_set_suffix().contains(Look::End);
        let at_start = props.look_set_prefix().contains(Look::Start);
        if let Some(max) = props.maximum_len() {
            if at_end {
                end_reach = Some(max);
            }
            if at_start {
                start_reach = Some(max);
            }
        }
        // Without a longest match, anchored at one edge (a longest match
        // is a property of the whole pattern: both reaches or neither).
        let bound_source = (props.maximum_len().is_none() && (at_start || at_end))
            .then_some(BoundSource { hir, at_start });
        Some(GuardRegex {
            regex,
            end_reach,
            start_reach,
            bound_source,
            bound: lean_regex::Deferred::new(BOUND_AFTER),
        })
    }

    /// The bound of the guard, once it has served enough searches.
    fn bound(&self) -> Option<&Bound> {
        let source = self.bound_source.as_ref()?;
        self.bound.get(|| Bound::new(source))?.as_ref()
    }

    /// Whether the guard matches in `hay` from byte `from` on.
    ///
    /// Look-around sees the whole haystack, not only the span searched, so
    /// narrowing the span to the bytes a match can reach finds the same,
    /// and spares the bounded backtracker a walk from every start and a
    /// visited set as large as the window. `search_half` rather than
    /// `is_match`: an earliest search refuses the bounded backtracker on
    /// haystacks over 128 bytes, and falls back to the PikeVM, many times
    /// slower on these short windows when the lazy DFA gives up (on
    /// Unicode `\b` next to a non-ASCII letter, in nearly every French
    /// line).
    fn is_match(&self, hay: &str, from: usize) -> bool {
        let mut span = from..hay.len();
        if let Some(reach) = self.end_reach {
            let mut start = hay.len().saturating_sub(reach).max(from);
            while !hay.is_char_boundary(start) {
                start -= 1;
            }
            span.start = start;
        }
        if let Some(reach) = self.start_reach {
            span.end = char_boundary_at_or_after(hay, reach.max(span.start));
        }
        match self.bound() {
            Some(Bound::Start(longest)) => {
                let input = Input::new(hay).range(span.clone()).anchored(Anchored::Yes);
                match longest.search_half(&input) {
                    Some(end) => span.end = char_boundary_at_or_after(hay, end.offset()),
                    None => return false,
                }
            }
            // A DFA that gave up leaves the span as it is.
            Some(Bound::End(backwards)) => {
                if let Some(earliest) = backwards.earliest(hay, span.start, span.end) {
                    let Some(mut start) = earliest.start else {
                        return false;
                    };
                    while !hay.is_char_boundary(start) {
                        start -= 1;
                    }
                    span.start = start;
                }
            }
            None => {}
        }
        self.regex
            .search_half(&Input::new(hay).range(span))
            .is_some()
    }
}

impl Guard {
    fn new(pattern: Option<Text>) -> Guard {
        Guard {
            pattern,
            regex: OnceLock::new(),
        }
    }

    /// The compiled guard (`None`: no guard). Every embedded guard compiles
    /// (`every_pattern_compiles`); one that did not would be ignored.
    fn get(&self) -> Option<&GuardRegex> {
        self.regex
            .get_or_init(|| {
                let expanded = expand(&self.pattern).ok()??;
                GuardRegex::new(&expanded)
            })
            .as_ref()
    }

    fn check(&self) -> Result<(), String> {
        match expand(&self.pattern).map_err(|e| format!("bad guard: {e}"))? {
            Some(p) => build(&p, false)
                .map(drop)
                .map_err(|e| format!("bad guard `{p}`: {e}")),
            None => Ok(()),
        }
    }
}

/// The first character boundary of `text` at or after `at` (its length
/// when `at` is past the end).
fn char_boundary_at_or_after(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Compiles `pattern` for a rule ([`lean_regex`]: patterns compile when
/// first needed, often for a single short search).
fn build(pattern: &str, captures: bool) -> Result<MetaRegex, String> {
    lean_regex::regex(pattern, captures)
}

/// The compiled form of a declarative rule.
#[derive(Debug)]
pub struct Compiled {
    /// The main pattern, as the `regex` crate's engine itself: it can
    /// search anchored at a position with the text around as context.
    pub regex: MetaRegex,
    target: Option<usize>,
    /// The longest match in bytes, when the pattern has one: a search
    /// anchored at a position need look no further.
    max_len: Option<usize>,
    /// For a pattern that has no longest match and has Unicode word
    /// boundaries, the parsed pattern its reach regex is built from
    /// ([`lean_regex::reach_regex`]): on the first anchored search, so a
    /// rule only ever searched over the whole text never builds it.
    reach_source: Option<Hir>,
    reach: OnceLock<Result<Option<MetaRegex>, String>>,
}

impl Compiled {
    /// Where a match anchored at `start` ends at the latest (`None`: no
    /// match starts there).
    ///
    /// No match is longer than the pattern's longest, nor reaches past the
    /// reach regex's longest match, and look-around still sees the whole
    /// text: narrowing an anchored search to end there finds the same
    /// match, and spares an engine that cannot stop early (the bounded
    /// backtracker, when the lazy DFA gives up on a Unicode `\b` next to a
    /// non-ASCII letter) a walk and a visited set as long as the rest of
    /// the document.
    fn anchored_reach(&self, text: &str, start: usize) -> Option<usize> {
        // A reach regex that did not build (`check_patterns` reports it)
        // leaves the search to the end of the text, which finds the same.
        match (self.max_len, self.reach().ok().flatten()) {
            (Some(n), _) => Some(char_boundary_at_or_after(text, start + n)),
            (None, Some(reach)) => {
                let input = Input::new(text).range(start..).anchored(Anchored::Yes);
                let end = reach.search_half(&input)?.offset();
                Some(char_boundary_at_or_after(text, end))
            }
            (None, None) => Some(text.len()),
        }
    }

    /// The reach regex, built on first use (`None`: the pattern needs
    /// none).
    fn reach(&self) -> Result<Option<&MetaRegex>, String> {
        self.reach
            .get_or_init(|| match &self.reach_source {
                Some(hir) => lean_regex::reach_regex(hir)
                    .transpose()
                    .map_err(|e| format!("bad pattern: {e}")),
                None => Ok(None),
            })
            .as_ref()
            .map(Option::as_ref)
            .map_err(Clone::clone)
    }
}

/// A rule defined entirely in a rule file.
pub struct DeclarativeRule {
    meta: RuleMeta,
    pattern: String,
    /// Whether every match starts with one of the prefilter literals of
    /// its metadata (they were derived from the pattern itself, not from a
    /// given prefilter), so that searches anchored at the literals find
    /// all matches.
    starts_at_literals: bool,
    /// Literals one of which every match contains (may be empty): when
    /// none occurs, the pattern need not be compiled nor searched.
    required: Vec<Text>,
    target: Option<Text>,
    replace: Option<String>,
    /// The inflected forms of the replacement, by the word the pattern's
    /// `form` group matched (empty: none).
    forms: HashMap<Text, Text>,
    /// before, not_before, after, not_after, not_match.
    guards: [Guard; 5],
    whole_word: bool,
    compiled: OnceLock<Result<Compiled, String>>,
    /// Bytes searched for `required` so far (see [`REQUIRED_LOOK_BYTES`]).
    required_looked: AtomicUsize,
}

fn expand(text: &Option<Text>) -> Result<Option<String>, String> {
    text.as_deref().map(expand_macros).transpose()
}

impl DeclarativeRule {
    /// Builds the rule from its metadata and its spec (patterns are compiled
    /// on first use).
    /// The prefilter and its literals are read from `meta`.
    pub fn new(meta: RuleMeta, spec: &RuleSpec) -> Result<DeclarativeRule, String> {
        let pattern = expand_macros(spec.pattern.as_deref().unwrap_or_default())?;
        let starts_at_literals =
            !meta.prefilter.literals.is_empty() && meta.prefilter.regex == Some(pattern.as_str());
        Ok(DeclarativeRule {
            meta,
            pattern,
            starts_at_literals,
            required: spec.required.clone(),
            target: spec.target.clone(),
            replace: expand(&spec.replace)?,
            forms: spec.forms.iter().flatten().cloned().collect(),
            guards: [
                Guard::new(spec.before.clone()),
                Guard::new(spec.not_before.clone()),
                Guard::new(spec.after.clone()),
                Guard::new(spec.not_after.clone()),
                Guard::new(spec.not_match.clone()),
            ],
            whole_word: spec.whole_word.unwrap_or(false),
            compiled: OnceLock::new(),
            required_looked: AtomicUsize::new(0),
        })
    }

    /// The expanded main pattern.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Literals one of which every match contains (empty: no such set).
    pub fn required(&self) -> &[Text] {
        &self.required
    }

    /// Compiles the main pattern (once); errors name the faulty pattern.
    /// Guards compile on first use.
    pub fn compile(&self) -> Result<&Compiled, String> {
        self.compiled
            .get_or_init(|| {
                let captures = self.target.is_some()
                    || self.replace.as_deref().is_some_and(|r| r.contains('$'));

                let hir =
                    regex_syntax::parse(&self.pattern).map_err(|e| format!("bad pattern: {e}"))?;
                // A rule whose matches start at its literals is searched
                // anchored at them only.
                let regex = lean_regex::regex_from_hir(&hir, captures, self.starts_at_literals)
                    .map_err(|e| format!("bad pattern: {e}"))?;
                let max_len = hir.properties().maximum_len();
                // Searches anchored at a start (at the literals, or where
                // the dispatcher's windows say) stop where a match can end.
                let reach_source = (max_len.is_none() && lean_regex::has_unicode_word_looks(&hir))
                    .then(|| hir.clone());
                let target = match &self.target {
                    None => None,
                    Some(t) => Some(match t.parse::<usize>() {
                        Ok(n) if n < regex.captures_len() => n,
                        Ok(n) => return Err(format!("no capture group {n}")),
                        Err(_) => regex
                            .group_info()
                            .to_index(regex_automata::PatternID::ZERO, t)
                            .ok_or_else(|| format!("no capture group named `{t}`"))?,
                    }),
                };
                if !self.forms.is_empty()
                    && regex
                        .group_info()
                        .to_index(regex_automata::PatternID::ZERO, "form")
                        .is_none()
                {
                    return Err("`forms` needs a capture group named `form`".into());
                }
                Ok(Compiled {
                    target,
                    regex,
                    max_len,
                    reach_source,
                    reach: OnceLock::new(),
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Compiles every pattern and guard now, to report the first error.
    pub fn check_patterns(&self) -> Result<(), String> {
        self.compile()?.reach()?;
        self.guards.iter().try_for_each(Guard::check)
    }

    /// Whether `text` from byte `from` on (where the first match may
    /// start) lacks every literal a match must contain, which is cheaper
    /// to find out than compiling and running the pattern. Before the
    /// searches anchored at the literals (which cost little once the
    /// pattern is compiled), and only until this rule has looked through
    /// [`REQUIRED_LOOK_BYTES`]: then it answers `false`, the pattern is
    /// compiled and run, which finds the same.
    fn surely_absent(&self, text: &str, from: usize) -> bool {
        if self.required.is_empty() {
            return false;
        }
        let rest = text.get(from..).unwrap_or(text);
        let looked = self
            .required_looked
            .fetch_add(rest.len(), Ordering::Relaxed);
        looked < REQUIRED_LOOK_BYTES && self.lacks_required(rest)
    }

    /// Whether `text` lacks every literal a match must contain (`false`
    /// for a rule without such literals). A search of the whole text
    /// always asks first: looking for a few literals costs a fraction of
    /// running the pattern over the text, and the dispatcher asks before
    /// it builds the windows of a rule searched over the whole text.
    pub fn lacks_required(&self, text: &str) -> bool {
        !self.required.is_empty()
            && !self
                .required
                .iter()
                .any(|s| memchr::memmem::find(text.as_bytes(), s.as_bytes()).is_some())
    }

    /// The form listed for the word the `form` group matched, with its
    /// capital kept (`Réalise` → `Se rend compte`); `None` when the group
    /// did not match or its word is not listed. A form listed after the
    /// word before the match comes first (`a fait` → `eu`: the participle
    /// after an auxiliary, not the present).
    fn inflected(&self, text: &str, caps: &Captures) -> Option<String> {
        let span = caps.get_group_by_name("form")?;
        let word = &text[span.range()];
        let prev = text[..span.start]
            .trim_end()
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or_default();
        if !prev.is_empty()
            && let Some(form) = self.forms.get(format!("{prev} {word}").as_str())
        {
            return Some(form.to_string());
        }
        if let Some(form) = self.forms.get(word) {
            return Some(form.to_string());
        }
        let form = self
            .forms
            .get(crate::wordlist::lower_first(word).as_str())?;
        Some(crate::wordlist::upper_first(form))
    }

    /// Whether the rule's matches may start elsewhere than at its
    /// literals, so that its pattern is searched over the whole text
    /// (unless the dispatcher knows where its matches can start: see
    /// [`DeclarativeRule::check_starting_at`]).
    pub fn searched_whole(&self) -> bool {
        !self.starts_at_literals
    }

    /// Checks `doc` where a match may start: at `starts`, in increasing
    /// order. Where every match starts at one of them, this finds what
    /// [`Rule::check`] finds; nothing is compiled when there are none.
    pub fn check_starting_at(
        &self,
        doc: &Document,
        starts: impl Iterator<Item = usize>,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut starts = starts.peekable();
        if starts.peek().is_none() {
            return;
        }
        let Ok(c) = self.compile() else { return };
        let consider = |m, caps: Option<&Captures>| self.consider(doc, c, m, caps, out);
        self.search_anchored(doc.text(), c, starts, consider);
    }

    /// Calls `found` with each match of the pattern that starts at
    /// `starts` (in increasing order; a start inside an earlier match is
    /// passed over). Where every match starts at one of `starts`, this
    /// finds what a search of the whole text finds; the rest of the text
    /// stays the context of `\b`.
    pub fn search_anchored(
        &self,
        text: &str,
        c: &Compiled,
        starts: impl Iterator<Item = usize>,
        mut found: impl FnMut(Span, Option<&Captures>),
    ) {
        let mut caps = self.needs_captures(c).then(|| c.regex.create_captures());
        let mut done = 0;
        for start in starts {
            if start < done {
                continue;
            }
            let Some(end) = c.anchored_reach(text, start) else {
                continue;
            };
            let input = Input::new(text).range(start..end).anchored(Anchored::Yes);
            let m = match &mut caps {
                Some(caps) => {
                    c.regex.search_captures(&input, caps);
                    caps.get_match()
                }
                None => c.regex.search(&input),
            };
            if let Some(m) = m {
                found(Span::new(m.start(), m.end()), caps.as_ref());
                done = m.end();
            }
        }
    }

    fn needs_captures(&self, c: &Compiled) -> bool {
        c.target.is_some() || self.replace.as_deref().is_some_and(|r| r.contains('$'))
    }

    fn consider(
        &self,
        doc: &Document,
        c: &Compiled,
        whole: Span,
        caps: Option<&Captures>,
        out: &mut Vec<Diagnostic>,
    ) {
        let text = doc.text();
        let target = match (c.target, caps) {
            (Some(i), Some(caps)) => match caps.get_group(i) {
                Some(m) => Span::new(m.start, m.end),
                None => return,
            },
            _ => whole,
        };
        if whole.is_empty() {
            return;
        }
        if self.whole_word {
            let before_ok = !text[..whole.start]
                .chars()
                .next_back()
                .is_some_and(is_word_char);
            let after_ok = !text[whole.end..].chars().next().is_some_and(is_word_char);
            if !(before_ok && after_ok) {
                return;
            }
        }
        // Guards see at most GUARD_WINDOW bytes of the line on each side.
        // When the line starts further back, `^` must not match at the cut:
        // the window is then searched with `is_match_at` inside a haystack
        // that starts one character earlier.
        let (before, at_line_start) = doc.line_before(whole.start, GUARD_WINDOW);
        let before_start = whole.start - before.len();
        let (hay_before, from) = if at_line_start {
            (before, 0)
        } else {
            let prev = text[..before_start]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8);
            (&text[before_start - prev..whole.start], prev)
        };
        let after = doc.line_after(whole.end, GUARD_WINDOW);
        let before_fails = |guard: &Guard, want: bool| {
            guard
                .get()
                .is_some_and(|g| g.is_match(hay_before, from) != want)
        };
        let fails = |guard: &Guard, hay: &str, want: bool| {
            guard.get().is_some_and(|g| g.is_match(hay, 0) != want)
        };
        // Every guard must pass: the ones anchored at a known place (the
        // match itself, the text after it) are tried before the ones that
        // search the line before it.
        let [before_guard, not_before, after_guard, not_after, not_match] = &self.guards;
        if fails(not_match, &text[whole.range()], false)
            || fails(after_guard, after, true)
            || fails(not_after, after, false)
            || before_fails(before_guard, true)
            || before_fails(not_before, false)
        {
            return;
        }
        if doc.touches_link(whole) {
            return;
        }
        let mut diagnostic = if self.meta.message.contains("{match}") {
            self.meta.diagnostic(
                target,
                self.meta.message.replace("{match}", &text[target.range()]),
            )
        } else {
            self.meta.finding(target)
        };
        let replace = match (&self.replace, caps) {
            (Some(r), Some(caps)) if !self.forms.is_empty() => self
                .inflected(text, caps)
                .map(|form| std::borrow::Cow::Owned(r.replace("${form}", &form))),
            (r, _) => r.as_deref().map(std::borrow::Cow::Borrowed),
        };
        if let (Some(replace), Some(applicability)) = (replace, self.meta.fix) {
            let replacement = match caps {
                Some(caps) if replace.contains('$') => {
                    let mut dst = String::new();
                    caps.interpolate_string_into(text, &replace, &mut dst);
                    dst
                }
                _ => replace.into_owned(),
            };
            let edit = Edit::replace(target, replacement);
            diagnostic.fix = Some(Fix::new(
                vec![edit],
                applicability.max(Applicability::DisplayOnly),
            ));
        }
        out.push(diagnostic);
    }
}

impl Rule for DeclarativeRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        // The rule runs because its prefilter matched; a text without the
        // literals its matches contain needs no search.
        if self.lacks_required(doc.text()) {
            return;
        }
        let Ok(c) = self.compile() else {
            // Invalid patterns are caught by the registry tests and by
            // `Linter::new`; a rule that cannot compile finds nothing.
            return;
        };
        let text = doc.text();
        if self.needs_captures(c) {
            for caps in c.regex.captures_iter(text) {
                let Some(m) = caps.get_match() else { continue };
                self.consider(doc, c, Span::new(m.start(), m.end()), Some(&caps), out);
            }
        } else {
            for m in c.regex.find_iter(text) {
                self.consider(doc, c, Span::new(m.start(), m.end()), None, out);
            }
        }
    }

    fn check_at(&self, doc: &Document, starts: &[usize], out: &mut Vec<Diagnostic>) {
        if !self.starts_at_literals {
            return self.check(doc, out);
        }
        // Before the pattern is compiled, a look for its required literals may spare
        // compiling it; afterwards, the anchored searches cost less.
        let first = starts.first().copied().unwrap_or_default();
        if self.compiled.get().is_none() && self.surely_absent(doc.text(), first) {
            return;
        }
        let Ok(c) = self.compile() else { return };
        // Every match starts at a literal, so searches anchored at each
        // literal start find what a search of the whole text finds, and
        // look at a few bytes instead of the whole document.
        let consider = |m, caps: Option<&Captures>| self.consider(doc, c, m, caps, out);
        self.search_anchored(doc.text(), c, starts.iter().copied(), consider);
    }

    fn as_declarative(&self) -> Option<&DeclarativeRule> {
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use crate::settings::{Selector, Settings};
    use crate::source::{Source, SourceKind};
    use crate::{Linter, Registry};

    fn spans(rule: &str, text: &str) -> Vec<usize> {
        let rule = Registry::global().get(rule).expect("rule exists").meta().id;
        let linter = Linter::new(Settings {
            select: vec![Selector::Rule(rule)],
            ..Settings::default()
        })
        .expect("linter");
        let source = Source::new("t", text, SourceKind::PlainText);
        linter.check(&source).iter().map(|d| d.span.start).collect()
    }

    #[test]
    fn guards_look_only_near_the_match_but_keep_line_starts() {
        // `punctuation/spaced-hyphen` skips hyphens that start a line
        // (`not_before = '(?:^[ \t]*|\d)$'`): far from the line start, the
        // cut window must not look like one.
        let far = format!("{} - suite", "mot ".repeat(200));
        assert_eq!(
            spans("punctuation/spaced-hyphen", &far),
            vec![far.find(" - ").expect("hyphen") + 1]
        );
        let indented = format!("{}- item", " ".repeat(40));
        assert_eq!(
            spans("punctuation/spaced-hyphen", &indented),
            Vec::<usize>::new()
        );
        assert_eq!(
            spans("punctuation/spaced-hyphen", "  - item\n  - autre"),
            Vec::<usize>::new()
        );
    }

    /// An anchored search narrowed to where a match can reach finds what
    /// a search to the end of the text finds, for every rule searched at
    /// its literals, at every occurrence of them in the project's texts.
    #[test]
    fn narrowed_anchored_searches_find_what_whole_ones_find() {
        use regex_automata::{Anchored, Input};
        let texts = crate::test_texts::project_texts();
        let (mut narrowed, mut found) = (0, 0);
        for rule in Registry::global()
            .rules()
            .filter_map(|r| r.as_declarative())
        {
            if !rule.starts_at_literals {
                continue;
            }
            let c = rule.compile().expect("compiles");
            let literals = &rule.meta.prefilter.literals;
            for text in &texts {
                for literal in literals.iter() {
                    for (start, _) in text.match_indices(literal.as_ref() as &str) {
                        let whole = Input::new(text.as_str())
                            .range(start..)
                            .anchored(Anchored::Yes);
                        let expected = c.regex.search(&whole);
                        let got = c
                            .anchored_reach(text, start)
                            .and_then(|end| c.regex.search(&whole.clone().range(start..end)));
                        assert_eq!(got, expected, "{} at {start}", rule.meta.id);
                        narrowed += usize::from(c.max_len.is_some() || c.reach_source.is_some());
                        found += usize::from(got.is_some());
                    }
                }
            }
        }
        assert!(narrowed > 1000 && found > 100, "{narrowed} {found}");
    }

    /// The look for required literals answers `false` when one occurs
    /// after the first start, and stops sparing the pattern once the rule
    /// has looked through its budget.
    #[test]
    fn required_look_is_bounded() {
        let rule = Registry::global()
            .rules()
            .filter_map(|r| r.as_declarative())
            .find(|r| !r.required.is_empty())
            .expect("a rule with required literals");
        let literal: &str = &rule.required[0];
        let text = format!("{literal} {}", "x".repeat(10_000));
        assert!(!rule.surely_absent(&text, 0));
        let calls = (0..=super::REQUIRED_LOOK_BYTES / 10_000 + 1)
            .take_while(|_| rule.surely_absent(&text, literal.len()))
            .count();
        assert!(calls <= super::REQUIRED_LOOK_BYTES / 10_000 + 1, "{calls}");
        assert!(!rule.surely_absent(&text, literal.len()));
    }

    /// Every rule holds five guards from the start, compiled or not: the
    /// lazy DFA of a compiled guard's bound is boxed, or the rule
    /// registry alone would take 1.7 MB more of memory at start-up.
    #[test]
    fn guards_are_small() {
        let size = std::mem::size_of::<super::Guard>();
        assert!(size <= 256, "a guard takes {size} bytes");
    }

    /// A guard searched only over the bytes its matches can reach answers
    /// as a search of the whole window does, for every guard of every
    /// rule, on windows cut from the project's texts at every word and
    /// from every start a caller uses; and the reach is known for the
    /// guards that are bounded and anchored.
    #[test]
    fn narrowed_guard_searches_answer_as_whole_ones() {
        use regex_automata::Input;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut text = std::fs::read_to_string(root.join("examples/depeche-traduite.txt"))
            .expect("example")
            + "l’avion, qu’il, jusqu’à, d’une, Il a éventuellement, -là, \u{a0}: fin\n";
        let prose_len = text.len();
        // The rule examples, where guards match and fail by design.
        for rule in Registry::global()
            .rules()
            .filter(|r| r.as_declarative().is_some())
        {
            for example in rule.meta().examples() {
                text.push_str(example.text());
                text.push('\n');
            }
        }
        let mut windows: Vec<(&str, usize)> = Vec::new();
        // Every eleventh place of the prose, every 23rd of the examples:
        // the test runs unoptimised.
        let places = text.match_indices([' ', '’', '-']);
        let (prose, examples): (Vec<_>, Vec<_>) = places.partition(|(at, _)| *at < prose_len);
        let places = prose
            .into_iter()
            .step_by(11)
            .chain(examples.into_iter().step_by(23));
        for (at, mark) in places {
            for len in [6, 40, 256] {
                let mut start = at.saturating_sub(len);
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                windows.push((&text[start..at], 0));
                // A window cut after its first character, as callers cut
                // a line they do not see the start of.
                let before = &text[start..at + mark.len()];
                let first = before.chars().next().map_or(0, char::len_utf8);
                windows.push((before, first));
                let mut end = (at + len).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                windows.push((&text[at..end], 0));
            }
        }
        let (mut guards, mut narrowed, mut bounded, mut matched) = (0, 0, 0, 0);
        for rule in Registry::global()
            .rules()
            .filter_map(|r| r.as_declarative())
        {
            for guard in &rule.guards {
                let Some(g) = guard.get() else { continue };
                guards += 1;
                narrowed += usize::from(g.end_reach.is_some() || g.start_reach.is_some());
                // The bound built at once, as after BOUND_AFTER searches
                // (another test may have built it already: the same).
                if let Some(source) = &g.bound_source {
                    g.bound.force(|| super::Bound::new(source));
                }
                let has_bound = g.bound().is_some();
                bounded += usize::from(has_bound);
                for &(hay, from) in &windows {
                    let whole = g
                        .regex
                        .search_half(&Input::new(hay).range(from..))
                        .is_some();
                    matched += usize::from(whole && has_bound);
                    assert_eq!(
                        g.is_match(hay, from),
                        whole,
                        "{}: {:?} on {hay:?} from {from}",
                        rule.meta.id,
                        guard.pattern
                    );
                }
            }
        }
        assert!(
            guards > 100 && narrowed > 20 && bounded > 100 && matched > 5000,
            "{guards} guards, {narrowed} narrowed, {bounded} bounded, {matched} matches of those"
        );
    }

    /// Searching from the literals finds exactly what a search of the whole
    /// text finds, for every declarative rule, on the rule examples and the
    /// project's texts.
    #[test]
    fn searching_at_literals_finds_what_a_whole_search_finds() {
        use crate::diagnostic::Diagnostic;
        use crate::document::Document;
        use crate::rules::Rule;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = Vec::new();
        for dir in ["examples", "tests/corpus/clean"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("text folder") {
                let path = entry.expect("entry").path();
                if let Ok(text) = std::fs::read_to_string(&path) {
                    texts.push(text);
                }
            }
        }
        let rules: Vec<&super::DeclarativeRule> = Registry::global()
            .rules()
            .filter_map(|r| r.as_declarative())
            .collect();
        for rule in &rules {
            for example in rule.meta().examples() {
                texts.push(example.text().to_string());
            }
        }
        let settings = Settings::default();
        let mut anchored = 0;
        for text in &texts {
            let source = Source::new("t", text.as_str(), SourceKind::PlainText);
            let doc = Document::new(&source, &settings);
            for rule in rules.iter().filter(|r| r.starts_at_literals) {
                anchored += 1;
                let mut starts: Vec<usize> = rule
                    .meta
                    .prefilter
                    .literals
                    .iter()
                    .flat_map(|l| doc.text().match_indices(&**l).map(|(at, _)| at))
                    .collect();
                starts.sort_unstable();
                starts.dedup();
                let (mut whole, mut near): (Vec<Diagnostic>, Vec<Diagnostic>) = (vec![], vec![]);
                rule.check(&doc, &mut whole);
                rule.check_at(&doc, &starts, &mut near);
                assert_eq!(whole, near, "{} on {text:?}", rule.meta().id);
            }
        }
        assert!(anchored > 1000, "only {anchored} anchored checks");
    }
}
