//! English left in French: words (`Le assured du président`), phrases
//! (`la réunion of the comité`) and citations, from the document's English
//! analysis ([`crate::english`]).

use super::{CodeRuleDef, RuleMeta, always};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::english::hints::hints;
use crate::english::{EnglishKind, EnglishSpan};
use crate::wordlist::match_case;

pub(super) const RULES: &[CodeRuleDef] = &[
    always("untranslated/english-word", english_word),
    always("untranslated/english-phrase", english_phrase),
    always("untranslated/english-citation", english_citation),
];

fn english_word(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for e in doc.english() {
        if e.kind == EnglishKind::Words && e.citation.is_none() {
            out.push(word_finding(meta, doc, e));
        }
    }
}

fn english_phrase(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for e in doc.english() {
        if e.kind == EnglishKind::Phrase && e.citation.is_none() {
            let text = doc.slice(e.span);
            out.push(meta.diagnostic(e.span, format!("English phrase « {text} » left in French")));
        }
    }
}

fn english_citation(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let mut last = None;
    for span in doc.english().iter().filter_map(|e| e.citation) {
        // One finding per citation, however many English words it holds.
        if last != Some(span) {
            let text = doc.slice(span);
            out.push(meta.diagnostic(
                span,
                format!("English quoted in French: « {text} » (a citation, or to translate?)"),
            ));
        }
        last = Some(span);
    }
}

/// The finding for English words, with the best translation hint as a fix
/// when there is one word (unsafe, or display-only inside a name) and the
/// other options in the message.
fn word_finding(meta: &RuleMeta, doc: &Document, e: &EnglishSpan) -> Diagnostic {
    let text = doc.slice(e.span);
    let words: Vec<&str> = text.split([' ', '\u{A0}', '\u{202F}']).collect();
    let mut d = if words.len() == 1 {
        meta.diagnostic(e.span, format!("English word « {text} » left in French"))
    } else {
        meta.diagnostic(e.span, format!("English words « {text} » left in French"))
    };
    let hints: Vec<(&str, Vec<String>)> = words
        .iter()
        .map(|w| (*w, hints(&w.to_ascii_lowercase())))
        .filter(|(_, h)| !h.is_empty())
        .collect();
    match hints.as_slice() {
        [(_, options)] if words.len() == 1 => {
            let shown: Vec<String> = options
                .iter()
                .map(|o| {
                    if e.in_name {
                        o.clone()
                    } else {
                        match_case(text, o)
                    }
                })
                .collect();
            d.message
                .push_str(&format!(": in French, « {} »", shown.join(" » or « ")));
            let applicability = if e.in_name {
                Applicability::DisplayOnly
            } else {
                Applicability::Unsafe
            };
            d.fix = Some(Fix::new(
                vec![Edit::replace(e.span, shown[0].clone())],
                applicability,
            ));
        }
        [] => {}
        known => {
            let list: Vec<String> = known
                .iter()
                .map(|(en, fr)| format!("{en} → {}", fr.join(" or ")))
                .collect();
            d.message.push_str(&format!(" ({})", list.join(", ")));
        }
    }
    d
}
