//! Apostrophe style: typographic ’ or straight ', and not both in one file.

use super::{CodeRuleDef, RuleMeta, when};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::settings::ApostropheStyle;
use crate::span::Span;

pub(super) const RULES: &[CodeRuleDef] = &[when("apostrophe/style", style, "['’]")];

/// Every apostrophe of the document: (span, is it typographic ’).
/// Apostrophes are the `'`/`’` inside words and after elided words; quote
/// marks never are.
fn apostrophes(doc: &Document) -> Vec<(Span, bool)> {
    let text = doc.text().as_bytes();
    let tokens = doc.tokens();
    let mut found = Vec::new();
    // `'` is the byte 0x27; `’` is E2 80 99. One pass over the bytes, then
    // only the marks inside words or elided words are apostrophes.
    for (at, &b) in text.iter().enumerate() {
        let (start, typographic) = match b {
            b'\'' => (at, false),
            0x99 if at >= 2 && text[at - 2] == 0xE2 && text[at - 1] == 0x80 => (at - 2, true),
            _ => continue,
        };
        let i = tokens.partition_point(|t| t.span().end <= start);
        if tokens
            .get(i)
            .is_some_and(|t| t.is_wordlike() && t.span().start <= start)
        {
            found.push((Span::new(start, at + 1), typographic));
        }
    }
    found
}

fn style(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let found = apostrophes(doc);
    if found.is_empty() {
        return;
    }
    let typographic = found.iter().filter(|(_, t)| *t).count();
    let straight = found.len() - typographic;
    let (want_typographic, reason) = match doc.settings.apostrophe {
        ApostropheStyle::Typographic => {
            (true, "the typographic apostrophe ’ is required".to_string())
        }
        ApostropheStyle::Straight => (false, "the straight apostrophe ' is required".to_string()),
        ApostropheStyle::Consistent if typographic >= straight => (
            true,
            format!("this file mostly uses ’ ({typographic} of {})", found.len()),
        ),
        ApostropheStyle::Consistent => (
            false,
            format!("this file mostly uses ' ({straight} of {})", found.len()),
        ),
    };
    for (span, is_typographic) in found {
        if is_typographic == want_typographic {
            continue;
        }
        let (now, wanted) = if want_typographic {
            ("'", "’")
        } else {
            ("’", "'")
        };
        let mut d = meta.diagnostic(span, format!("apostrophe {now} where {reason}"));
        d.fix = Some(Fix::safe(Edit::replace(span, wanted)));
        out.push(d);
    }
}
