//! Capitals that English leaves inside French sentences: a grammatical
//! word capitalised mid-sentence (`Le projet A été livré`) and the Title
//! Case of English names of offices and things in running text
//! (`le Responsable des Ventes`).

use super::{CodeRuleDef, RuleMeta, always};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::lexicon::{self, Pos};
use crate::quotes::Role;
use crate::span::Span;
use crate::tokenize::TokenKind;
use crate::wordlist::{lower_first, word_set};
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

pub(super) const RULES: &[CodeRuleDef] = &[
    always("capitalization/mid-sentence", mid_sentence),
    always("capitalization/running-title-case", running_title_case),
];

/// Words that keep their capital inside a French name, and words before
/// which a capitalised word starts the title of a work (`le roman Des
/// souris et des hommes`): both from `rules/data/running-capitals.txt`.
static KEEP: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| section("keep"));
static TITLE_BEFORE: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| section("title-before"));
static NAME_ADJECTIVES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| section("name-adjectives"));

/// The words of one `[section]` of the data file.
fn section(name: &str) -> FxHashSet<&'static str> {
    let text = include_str!("../../rules/data/running-capitals.txt");
    let header = format!("[{name}]");
    let start = text.find(&header).map_or(text.len(), |i| i + header.len());
    let end = text[start..].find('[').map_or(text.len(), |i| start + i);
    word_set(&text[start..end])
}

/// Grammatical words that French never capitalises inside a sentence and
/// that English capitalises in titles: machine translation carries the
/// capital over (`Nous avons reçus, Les comptes`).
const GRAMMATICAL: &[&str] = &[
    "le", "la", "les", "au", "aux", "du", "de", "des", "et", "ou", "mais", "dans", "pour", "par",
    "sur", "avec", "sans", "sous", "vers", "chez", "que", "qui", "en", "ont", "sont",
];

/// Past participles after which a capital `A` is the auxiliary `a` (`Le
/// projet A été livré`), not a letter used as a label (`le point A situé`).
const AFTER_AUXILIARY: &[&str] = &[
    "été", "eu", "fait", "pu", "dû", "dit", "pris", "mis", "vu", "reçu", "su", "voulu",
];

/// Whether token `i` is a word with a capital first letter and no other.
fn is_capitalised(doc: &Document, i: usize) -> bool {
    let t = doc.tokens()[i];
    t.kind == TokenKind::Word
        && t.first.is_uppercase()
        && !doc.token_text(i).chars().skip(1).any(char::is_uppercase)
}

/// Whether token `i` is a word written in lowercase.
fn is_lowercase_word(doc: &Document, i: usize) -> bool {
    let t = doc.tokens()[i];
    t.is_wordlike() && t.first.is_lowercase()
}

/// Whether the word `i` lies in a quotation, in code or in English, where
/// its capital may be deliberate.
fn is_shielded(doc: &Document, i: usize) -> bool {
    let span = doc.tokens()[i].span();
    let english = doc.english();
    let e = english.partition_point(|e| e.span.end <= span.start);
    // Inside a quotation: the nearest mark before the word opens one that
    // closes (both searches are binary: the rule stays linear).
    let q = doc.quotes();
    let m = q.marks.partition_point(|m| m.token < i);
    let quoted = m > 0 && q.marks[m - 1].role == Role::Open && !q.unclosed.contains(&(m - 1));
    doc.in_code(span) || english.get(e).is_some_and(|e| e.span.overlaps(span)) || quoted
}

/// Whether token `i` is one space character.
fn is_single_space(doc: &Document, i: usize) -> bool {
    doc.tokens()[i].is_space() && doc.token_text(i).chars().count() == 1
}

/// Whether the paragraph holding token `i` is a title line or a heading.
fn in_title_line(doc: &Document, i: usize) -> bool {
    let start = doc.tokens()[i].span().start;
    doc.paragraphs()
        .iter()
        .find(|p| p.span.start <= start && start < p.span.end)
        .is_some_and(|p| super::capitalization::is_title_line(doc.slice(p.span)))
}

fn mid_sentence(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for &i in doc.capitalized_words() {
        if !is_capitalised(doc, i) {
            continue;
        }
        let word = doc.token_text(i);
        let lower = lower_first(word);
        let is_a = lower == "a";
        let is_est = lower == "est";
        if !(is_a || is_est || GRAMMATICAL.contains(&lower.as_str())) {
            continue;
        }
        // Right after a space, after a lowercase word or a comma that
        // follows one; before a lowercase word.
        // One space before it: after a run of spaces, the word starts the
        // description of a definition list or an option table (`sortie
        // Le fichier produit…`), which is no sentence.
        let tokens = doc.tokens();
        if i == 0 || !is_single_space(doc, i - 1) {
            continue;
        }
        let Some(prev) = doc.prev_non_space(i) else {
            continue;
        };
        let before_comma = doc.is_char(prev, ',');
        let prev_word = if before_comma {
            match doc.prev_non_space(prev) {
                Some(p) if p + 1 == prev => p,
                _ => continue,
            }
        } else {
            prev
        };
        if !is_lowercase_word(doc, prev_word) {
            continue;
        }
        let Some(next) = doc.word_after_spaces(i) else {
            continue;
        };
        if !is_lowercase_word(doc, next) || doc.prev_non_space(next) != Some(i) {
            continue;
        }
        let prev_text = doc.token_text(prev_word);
        let next_text = doc.token_text(next);
        let prev_readings = lexicon::french(prev_text);
        let fits = if is_a {
            // The auxiliary after its subject: `Le projet A été`.
            !before_comma && AFTER_AUXILIARY.contains(&next_text)
        } else if is_est {
            // The verb after its subject, before a participle or an
            // adjective: `La réunion Est prévue` (not `la zone Est`).
            !before_comma
                && lexicon::french(next_text).is_some_and(|r| {
                    r.iter().any(|r| {
                        r.verb_form == lexicon::VerbForm::PastParticiple || r.pos == Pos::Adjective
                    })
                })
        } else {
            // After a verb (`permet De choisir`, `reçus, Les comptes`):
            // not the start of a title (`le roman Des souris…`).
            prev_readings.as_ref().is_some_and(|r| r.has(Pos::Verb))
                && !TITLE_BEFORE.contains(prev_text)
        };
        if !fits || is_shielded(doc, i) || in_title_line(doc, i) {
            continue;
        }
        // A sentence with other capitals mid-sentence may be a list of
        // names or titles (`Le Horla, Une vie, Bel-Ami`).
        if before_comma
            && doc.sentence_of(i).is_some_and(|s| {
                let range = doc.sentences()[s].clone();
                doc.capitalized_words()
                    .iter()
                    .any(|&j| j != i && range.contains(&j))
            })
        {
            continue;
        }
        let span = tokens[i].span();
        let mut d = meta.diagnostic(
            span,
            format!("« {word} » inside a sentence: French writes « {lower} »"),
        );
        d.fix = Some(Fix::new(
            vec![Edit::replace(span, lower.clone())],
            Applicability::Safe,
        ));
        out.push(d);
    }
}

/// Whether the capitalised word `i` is a common noun or adjective written
/// with an English title capital: its lowercase form is in the lexicon as
/// such, the capitalised form is no name, and it keeps no capital in French
/// names.
fn is_title_cased_common(doc: &Document, i: usize) -> bool {
    if !is_capitalised(doc, i) {
        return false;
    }
    let word = doc.token_text(i);
    let lower = lower_first(word);
    if KEEP.contains(lower.as_str()) || word.contains('-') || word.chars().count() < 2 {
        return false;
    }
    let name = lexicon::french_exact(word).is_some_and(|r| r.iter().any(|r| r.pos.is_name()));
    !name
        && lexicon::french_exact(&lower).is_some_and(|r| {
            r.iter()
                .any(|r| matches!(r.pos, Pos::Noun | Pos::Adjective))
        })
}

/// The small words that may join the words of a name: `Bureau des
/// Admissions`, `Politique de Confidentialité`.
fn is_connector(doc: &Document, i: usize) -> bool {
    matches!(
        doc.token_text(i),
        "de" | "des" | "du" | "d’" | "d'" | "et" | "la" | "l’" | "l'"
    )
}

fn running_title_case(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let words = doc.capitalized_words();
    let mut k = 0;
    while k < words.len() {
        let i = words[k];
        k += 1;
        // The first word: after a lowercase word (`le`, `au`, `comme`), and
        // no adjective that starts a French name (`la Grande Guerre`).
        let Some(prev) = doc.word_before_spaces(i) else {
            continue;
        };
        // A lowercase word, or a determiner that starts the sentence (`Le
        // Directeur Financier a…`).
        let starts_with_determiner = doc.tokens()[prev].is_sentence_start()
            && lexicon::french(doc.token_text(prev)).is_some_and(|r| r.has(Pos::Determiner));
        if prev + 2 != i
            || !is_single_space(doc, prev + 1)
            || !(is_lowercase_word(doc, prev) || starts_with_determiner)
            || TITLE_BEFORE.contains(doc.token_text(prev))
            || !is_title_cased_common(doc, i)
            || NAME_ADJECTIVES.contains(lower_first(doc.token_text(i)).as_str())
        {
            continue;
        }
        // The chain: capitalised common words, next to each other or joined
        // by connectors.
        let mut chain = vec![i];
        let mut last = i;
        loop {
            let mut j = last;
            let mut joined = 0;
            let next = loop {
                match doc.next_non_space(j) {
                    Some(n) if doc.tokens()[n].is_wordlike() => {
                        if is_connector(doc, n) && joined < 2 {
                            joined += 1;
                            j = n;
                        } else {
                            break Some(n);
                        }
                    }
                    _ => break None,
                }
            };
            match next {
                Some(n) if is_title_cased_common(doc, n) => {
                    chain.push(n);
                    last = n;
                }
                Some(n) if is_capitalised(doc, n) => {
                    // A name goes on (`Banque de France`): leave it all.
                    chain.clear();
                    break;
                }
                _ => break,
            }
        }
        while k < words.len() && words[k] <= last {
            k += 1;
        }
        if chain.len() < 2 || chain.iter().any(|&c| is_shielded(doc, c)) || in_title_line(doc, i) {
            continue;
        }
        let tokens = doc.tokens();
        let span = Span::new(tokens[i].span().start, tokens[last].span().end);
        let name = doc.slice(span);
        let mut d = meta.diagnostic(
            span,
            format!("« {name} »: English Title Case; French writes names of offices and things in lowercase after the first word"),
        );
        let edits = chain
            .iter()
            .map(|&c| Edit::replace(tokens[c].span(), lower_first(doc.token_text(c))))
            .collect();
        d.fix = Some(Fix::new(edits, Applicability::Unsafe));
        out.push(d);
    }
}
