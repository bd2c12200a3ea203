//! Apostrophe style: typographic ’ or straight ', and not both in one file.

use super::{CodeRuleDef, RuleMeta, when};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::settings::ApostropheStyle;
use crate::span::Span;

/// The id of the style rule, whose messages give the document's counts.
pub(crate) const STYLE_RULE: &str = "apostrophe/style";

pub(super) const RULES: &[CodeRuleDef] = &[when(STYLE_RULE, style, "['’‘´`ʼ]")];

/// Which character stands for an apostrophe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// ’ U+2019.
    Typographic,
    /// ' U+0027.
    Straight,
    /// ‘ U+2018, ´ U+00B4, a backtick or the modifier letter ʼ U+02BC,
    /// typed or converted by mistake.
    Lookalike,
}

/// Every apostrophe of the document. Apostrophes are the marks inside
/// words and after elided words (the tokenizer decides); quotation marks
/// never are.
fn apostrophes(doc: &Document) -> Vec<(Span, Mark)> {
    let text = doc.text().as_bytes();
    let tokens = doc.tokens();
    let mut found = Vec::new();
    // `'` 27, backtick 60, `’` E2 80 99, `‘` E2 80 98: memchr jumps to the
    // first byte of one of them, so the bytes between cost nothing.
    let mut i = 0;
    for at in memchr::memchr3_iter(b'\'', b'`', 0xE2, text) {
        let mark = match text[at] {
            b'\'' => Mark::Straight,
            b'`' => Mark::Lookalike,
            _ => match text.get(at + 1..at + 3) {
                Some([0x80, 0x99]) => Mark::Typographic,
                Some([0x80, 0x98]) => Mark::Lookalike,
                _ => continue,
            },
        };
        let len = if text[at] == 0xE2 { 3 } else { 1 };
        // The token holding `at`: the starts only grow, so the search goes
        // on from the last one.
        while i < tokens.len() && tokens[i].span().end <= at {
            i += 1;
        }
        if tokens
            .get(i)
            .is_some_and(|t| t.is_wordlike() && t.span().start <= at)
        {
            found.push((Span::new(at, at + len), mark));
        }
    }
    // `´` C2 B4 and the modifier letter `ʼ` CA BC are rare: a second
    // search, merged by position.
    let before = found.len();
    for at in memchr::memchr2_iter(0xC2, 0xCA, text) {
        if text.get(at..at + 2) != Some("\u{B4}".as_bytes())
            && text.get(at..at + 2) != Some("\u{2BC}".as_bytes())
        {
            continue;
        }
        let i = tokens.partition_point(|t| t.span().end <= at);
        if tokens
            .get(i)
            .is_some_and(|t| t.is_wordlike() && t.span().start <= at)
        {
            found.push((Span::new(at, at + 2), Mark::Lookalike));
        }
    }
    if found.len() > before {
        found.sort_unstable_by_key(|(span, _)| span.start);
    }
    found
}

/// Every apostrophe of `doc` with the character written: what the fix
/// loop carries from pass to pass to count them (see [`crate::recheck`]).
pub(crate) fn noted_apostrophes(doc: &Document) -> Vec<(Span, Mark)> {
    apostrophes(doc)
}

/// The apostrophe a text whose apostrophes are `found` wants with
/// `settings`, and why (as the style rule's messages say it).
pub(crate) fn wanted_apostrophe(
    settings: &crate::settings::Settings,
    found: &[(Span, Mark)],
) -> (char, String) {
    let (want, reason) = wanted_by(settings.apostrophe, found);
    (char_of(want), reason)
}

/// A message of the style rule that gave `was` as its reason (the counts
/// of the text it was found in), giving `now` instead: the fix loop counts
/// a document's apostrophes from pass to pass rather than checking it
/// whole (see [`crate::recheck`]). `None` if the message does not end so.
pub(crate) fn restated_message(message: &str, was: &str, now: &str) -> Option<String> {
    message
        .strip_suffix(was)
        .map(|start| format!("{start}{now}"))
}

/// The character written for `mark` when it is wanted.
fn char_of(mark: Mark) -> char {
    match mark {
        Mark::Straight => '\'',
        _ => '’',
    }
}

/// The apostrophe the document should use, given its apostrophes, and why.
fn wanted(doc: &Document, found: &[(Span, Mark)]) -> (Mark, String) {
    wanted_by(doc.settings.apostrophe, found)
}

/// [`wanted`] with the style `style`.
fn wanted_by(style: ApostropheStyle, found: &[(Span, Mark)]) -> (Mark, String) {
    let typographic = found
        .iter()
        .filter(|(_, m)| *m == Mark::Typographic)
        .count();
    let straight = found.iter().filter(|(_, m)| *m == Mark::Straight).count();
    let total = typographic + straight;
    match style {
        ApostropheStyle::Typographic => (
            Mark::Typographic,
            "the typographic apostrophe ’ is required".to_string(),
        ),
        ApostropheStyle::Straight => (
            Mark::Straight,
            "the straight apostrophe ' is required".to_string(),
        ),
        ApostropheStyle::Consistent if total == 0 => (
            Mark::Typographic,
            "French uses the apostrophe ’".to_string(),
        ),
        ApostropheStyle::Consistent if typographic >= straight => (
            Mark::Typographic,
            format!("this file mostly uses ’ ({typographic} of {total})"),
        ),
        ApostropheStyle::Consistent => (
            Mark::Straight,
            format!("this file mostly uses ' ({straight} of {total})"),
        ),
    }
}

/// The apostrophe to write in `doc` (`’` or `'`): the one the settings ask
/// for, or the one the document mostly uses. The elision rules insert it.
pub(super) fn document_apostrophe(doc: &Document) -> char {
    char_of(wanted(doc, &apostrophes(doc)).0)
}

fn style(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let found = apostrophes(doc);
    if found.is_empty() {
        return;
    }
    let (want, reason) = wanted(doc, &found);
    let wanted = if want == Mark::Typographic {
        "’"
    } else {
        "'"
    };
    for (span, mark) in found {
        if mark == want {
            continue;
        }
        let now = doc.slice(span);
        let message = if mark == Mark::Lookalike {
            format!("« {now} » typed for an apostrophe; {reason}")
        } else {
            format!("apostrophe {now} where {reason}")
        };
        let mut d = meta.diagnostic(span, message);
        d.fix = Some(Fix::safe(Edit::replace(span, wanted)));
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use crate::source::{Source, SourceKind};

    /// [`apostrophes`] as first written: one pass over every byte.
    fn apostrophes_bytewise(doc: &Document) -> Vec<(Span, Mark)> {
        let text = doc.text().as_bytes();
        let tokens = doc.tokens();
        let mut found = Vec::new();
        for (at, &b) in text.iter().enumerate() {
            let (start, mark) = match b {
                b'\'' => (at, Mark::Straight),
                b'`' => (at, Mark::Lookalike),
                0x99 if at >= 2 && text[at - 2] == 0xE2 && text[at - 1] == 0x80 => {
                    (at - 2, Mark::Typographic)
                }
                0x98 if at >= 2 && text[at - 2] == 0xE2 && text[at - 1] == 0x80 => {
                    (at - 2, Mark::Lookalike)
                }
                0xB4 if at >= 1 && text[at - 1] == 0xC2 => (at - 1, Mark::Lookalike),
                _ => continue,
            };
            let i = tokens.partition_point(|t| t.span().end <= start);
            if tokens
                .get(i)
                .is_some_and(|t| t.is_wordlike() && t.span().start <= start)
            {
                found.push((Span::new(start, at + 1), mark));
            }
        }
        found
    }

    #[test]
    fn jumping_to_candidates_finds_every_apostrophe() {
        let settings = Settings::default();
        for text in [
            "",
            "l'été, l’hiver, C‘est, l´heure, l`an, ‘cité’ et 'non' ’",
            "aujourd’hui ´ ` ' ‘ ’ … — «\u{A0}qu´il\u{A0}» d'l`a l´´a",
            "´l’",
        ] {
            let source = Source::new("t.txt".to_string(), text.to_string(), SourceKind::PlainText);
            let doc = Document::new(&source, &settings);
            assert_eq!(apostrophes(&doc), apostrophes_bytewise(&doc), "{text:?}");
        }
    }

    #[test]
    fn messages_of_the_style_rule_end_with_their_reason() {
        // The fix loop restates them with the counts of the whole text.
        let linter = crate::Linter::new(Settings::default()).expect("linter");
        let source = Source::new(
            "t.txt",
            "l’été, l’hiver, l'eau et l`air",
            SourceKind::PlainText,
        );
        let settings = Settings::default();
        let doc = Document::new(&source, &settings);
        let (_, reason) = wanted_apostrophe(&settings, &noted_apostrophes(&doc));
        assert_eq!(reason, "this file mostly uses ’ (2 of 3)");
        let messages: Vec<String> = linter
            .check(&source)
            .into_iter()
            .filter(|d| d.rule == STYLE_RULE)
            .map(|d| d.message)
            .collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        for message in messages {
            let restated = restated_message(&message, &reason, "NOW").expect("ends with reason");
            assert!(restated.ends_with("NOW") && !restated.contains(&reason));
        }
        assert_eq!(restated_message("autre chose", &reason, "NOW"), None);
    }
}
