//! Capital letters: accents on capitals, `À` at sentence start, months and
//! days, nationality adjectives and language names.

use super::{CodeRuleDef, RuleMeta, always, when};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::{Document, WholeLookup};
use crate::lexicon::{self, Pos};
use crate::marked_names::ends_marked_name;
use crate::memo;
use crate::quotes::Role;
use crate::span::Span;
use crate::tokenize::{SpaceKind, TokenKind};
use crate::wordlist::{lower_first, parts, upper_first, word_set};
use rustc_hash::FxHashSet;
use std::cell::RefCell;
use std::sync::LazyLock;

pub(super) const RULES: &[CodeRuleDef] = &[
    always("capitalization/missing-accent", missing_accent),
    when("capitalization/a-grave", a_grave, "A[ \\x{A0}]"),
    when(
        "capitalization/month-day",
        month_day,
        "Janvier|Février|Mars|Avril|Mai|Juin|Juillet|Août|Septembre|Octobre|Novembre|Décembre|Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche",
    ),
    always(
        "capitalization/nationality-adjective",
        nationality_adjective,
    ),
    always("capitalization/language-name", language_name),
    when("capitalization/after-quote", after_quote, "[»”\"’›]"),
    always("capitalization/title-case", title_case),
];

/// French words after which a capitalised English homograph (`Elements`)
/// is certainly French (`Elements du règlement`).
const FRENCH_NEXT: &[&str] = &[
    "du", "de", "des", "d’", "d'", "la", "le", "les", "l’", "l'", "et", "en", "à", "au", "aux",
    "pour", "sur", "dans", "par", "avec", "sans", "est", "sont", "a", "ont",
];
static NATIONALITIES: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| capitalized(include_str!("../../rules/data/nationalities.txt")));
static NATIONALITY_NOUNS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_set(include_str!("../../rules/data/nationality-nouns.txt")));
static LANGUAGES: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| capitalized(include_str!("../../rules/data/languages.txt")));

/// The words of a lowercase list with a capital first letter, as they are
/// found when wrongly capitalised (so lookups need no allocation).
fn capitalized(list: &'static str) -> FxHashSet<String> {
    word_set(list).into_iter().map(upper_first).collect()
}

const MONTHS: &[&str] = &[
    "Janvier",
    "Février",
    "Mars",
    "Avril",
    "Mai",
    "Juin",
    "Juillet",
    "Août",
    "Septembre",
    "Octobre",
    "Novembre",
    "Décembre",
];
const DAYS: &[&str] = &[
    "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche",
];

/// Words after which a capitalised day name is a date, not a name.
const DAY_AFTER: &[&str] = &[
    "matin",
    "soir",
    "midi",
    "après-midi",
    "dernier",
    "prochain",
    "suivant",
    "précédent",
];
const DAY_BEFORE: &[&str] = &[
    "ce",
    "chaque",
    "le",
    "les",
    "dès",
    "depuis",
    "tous",
    "jusqu’à",
    "jusqu'à",
];
/// Words before `mois année` in a date (`en mars 2025`, `fin mars 2025`).
const MONTH_BEFORE_YEAR: &[&str] = &[
    "en", "de", "début", "fin", "mi", "depuis", "dès", "courant", "avant", "après",
];
const PARLER: &[&str] = &[
    "parle",
    "parles",
    "parlent",
    "parlez",
    "parlons",
    "parler",
    "parlait",
    "parlaient",
    "parlé",
    "parlant",
];

fn lowercase_fix(meta: &RuleMeta, span: Span, word: &str, message: String) -> Diagnostic {
    let mut d = meta.diagnostic(span, message);
    d.fix = Some(Fix::safe(Edit::replace(span, lower_first(word))));
    d
}

/// The same finding with its fix marked unsafe.
fn unsafe_fix(mut d: Diagnostic) -> Diagnostic {
    if let Some(fix) = &mut d.fix {
        fix.applicability = Applicability::Unsafe;
    }
    d
}

/// Capitals that take an accent in French.
fn accentable_capital(c: char) -> bool {
    matches!(c, 'A' | 'E' | 'I' | 'O' | 'U' | 'C')
}

/// The accented spelling of a capitalised `part` the French lexicon knows,
/// when the accent missing is the capital's (`Etat` → `État`, `Elements` →
/// `Éléments`) and the spelling is unique. Names of people are left alone
/// (Eric, Emile are also spelled so).
fn accented_capital(part: &str) -> Option<String> {
    memo::cached(&ACCENTED_CAPITALS, part, look_up_accented_capital)
}

thread_local! {
    /// [`accented_capital`] of the words this thread has seen.
    static ACCENTED_CAPITALS: RefCell<memo::Map<Option<String>>> =
        RefCell::new(memo::Map::default());
}

/// [`accented_capital`], without the memo.
fn look_up_accented_capital(part: &str) -> Option<String> {
    let first = part.chars().next()?;
    if !accentable_capital(first) || part.chars().skip(1).any(char::is_uppercase) {
        return None;
    }
    if lexicon::is_french(part) || lexicon::english_exact(part).is_some() {
        return None;
    }
    let mut fixes: Vec<String> = lexicon::french_folded(part, 16)
        .into_iter()
        .filter(|form| {
            lexicon::french_exact(form).is_some_and(|r| {
                r.iter()
                    .any(|r| !matches!(r.pos, Pos::FirstName | Pos::Surname))
            })
        })
        .map(|form| upper_first(&form))
        .filter(|form| !form.starts_with(first))
        .collect();
    fixes.sort_unstable();
    fixes.dedup();
    // Several spellings (`Equipe`: équipe, équipé): the one that differs
    // from `part` only by its capital.
    let rest = &part[first.len_utf8()..];
    if let Some(fix) = fixes.iter().find(|f| f.chars().skip(1).eq(rest.chars())) {
        return Some(fix.clone());
    }
    match fixes.as_slice() {
        [fix] => Some(fix.clone()),
        _ => None,
    }
}

fn missing_accent(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for i in doc.tokens_of(TokenKind::Word) {
        let t = doc.tokens()[i];
        // Only capitals that take an accent are looked up.
        if !accentable_capital(t.first) {
            continue;
        }
        let word = doc.token_text(i);
        for (offset, part) in parts(word) {
            let Some(fixed) = accented_capital(part) else {
                continue;
            };
            // An English word (`Elements`, `Edition`) only before a French
            // word: `Elements du règlement`, not `Collector’s Edition`.
            let english = lexicon::english(part).is_some();
            let french_next = doc
                .word_or_number_after_spaces(i)
                .is_some_and(|n| FRENCH_NEXT.contains(&doc.token_text(n).to_lowercase().as_str()));
            if english && !french_next {
                continue;
            }
            let start = t.span().start + offset;
            let span = Span::new(start, start + part.len());
            let mut d = meta.diagnostic(
                span,
                format!("capital without its accent: « {part} » is written « {fixed} »"),
            );
            d.fix = Some(Fix::safe(Edit::replace(span, fixed)));
            out.push(d);
        }
    }
}

/// Whether English left in the text, or an English-only word, comes among
/// the five words from word token `first` on, before the sentence ends.
fn english_ahead(doc: &Document, first: usize) -> bool {
    let tokens = doc.tokens();
    let (mut words, mut breaks) = (0, 0);
    for (j, t) in tokens.iter().enumerate().skip(first) {
        match t.kind {
            TokenKind::Word => {
                if crate::grammar::english_word_at(doc, j) {
                    return true;
                }
                words += 1;
                if words == 5 {
                    return false;
                }
            }
            TokenKind::Punct if matches!(doc.token_text(j), "." | "!" | "?" | ";" | ":" | "…") => {
                return false;
            }
            TokenKind::LineBreak => {
                breaks += 1;
                if breaks == 2 {
                    return false;
                }
            }
            _ => {}
        }
    }
    false
}

fn a_grave(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for i in doc.tokens_of(TokenKind::Word) {
        let t = tokens[i];
        // Only where a sentence certainly starts: after an opening quote, a
        // capital `A` is as likely the verb of a broken quotation (`“ A
        // déclaré`) as the preposition.
        if !t.is_strong_start() || doc.token_text(i) != "A" {
            continue;
        }
        // `Yahoo! A…`: the mark of a name does not end a sentence.
        if doc
            .prev_non_space(i)
            .is_some_and(|p| ends_marked_name(doc.text(), tokens[p].span().start))
        {
            continue;
        }
        // `A      Le développement…`: a label set apart by a wide gap, as
        // in a table.
        if !tokens.get(i + 1).is_some_and(|s| {
            s.is_space()
                && s.kind != TokenKind::Space(SpaceKind::Tab)
                && doc.slice(s.span()).chars().count() < 3
        }) {
            continue;
        }
        let Some(n) = doc.word_or_number_after_spaces(i) else {
            continue;
        };
        let next = doc.token_text(n).to_lowercase();
        // `A few functions…`, `A value of zero for this field…`: an English
        // sentence left in the text (reported as such) starts with the
        // article; English among its first words tells it.
        if english_ahead(doc, n) {
            continue;
        }
        // `A est le point…`; Latin phrases keep their unaccented `a`.
        if matches!(
            next.as_str(),
            "est"
                | "et"
                | "ou"
                | "a"
                | "vaut"
                | "désigne"
                | "représente"
                | "contient"
                | "priori"
                | "posteriori"
                | "fortiori"
                | "contrario"
                | "minima"
                | "jusqu’"
                | "jusqu'"
                | "à"
                | "cappella"
                | "capella"
                | "coruña"
                | "maxima"
        ) {
            continue;
        }
        let mut d = meta.diagnostic(
            t.span(),
            "« A » at the start of a sentence is probably the preposition « À »",
        );
        d.fix = Some(Fix::unsafe_(Edit::replace(t.span(), "À")));
        out.push(d);
    }
}

fn is_day_number(doc: &Document, i: usize) -> bool {
    let t = doc.token_text(i);
    match doc.tokens()[i].kind {
        TokenKind::Number => t.parse::<u32>().is_ok_and(|n| (1..=31).contains(&n)),
        // `1er Mars`: the ordinal suffix is a word glued to the number.
        TokenKind::Word => t == "er" && i > 0 && doc.tokens()[i - 1].kind == TokenKind::Number,
        _ => false,
    }
}

fn is_year(doc: &Document, i: usize) -> bool {
    let t = doc.token_text(i);
    doc.tokens()[i].kind == TokenKind::Number
        && t.len() == 4
        && t.parse::<u32>().is_ok_and(|n| (1000..3000).contains(&n))
}

fn month_day(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for &i in doc.capitalized_words() {
        let t = doc.tokens()[i];
        let word = doc.token_text(i);
        let prev = doc.word_or_number_before_spaces(i);
        let next = doc.word_or_number_after_spaces(i);
        let is_month = MONTHS.contains(&word);
        let is_day = DAYS.contains(&word);
        if !is_month && !is_day {
            continue;
        }
        // Holidays and historic days named by their date keep the capital:
        // le 1er Mai, le 8 Mai, le 14 Juillet, le 15 Août, le 11 Novembre,
        // la nuit du 4 Août, l’appel du 18 Juin.
        let holiday = is_month
            && prev.is_some_and(|p| {
                let day = match doc.tokens()[p].kind {
                    TokenKind::Word => "1",
                    _ => doc.token_text(p),
                };
                matches!(
                    (day, word),
                    ("1" | "8", "Mai")
                        | ("14", "Juillet")
                        | ("15", "Août")
                        | ("11", "Novembre")
                        | ("4", "Août")
                        | ("18", "Juin")
                )
            });
        // `du 13 Novembre`, `du 17 Octobre 1961`: events are named by their
        // date with a capital (`les attentats du 13 Novembre`); a plain date
        // after `du` is left alone rather than risk lowercasing a name.
        let named_event = is_month
            && prev
                .filter(|&p| is_day_number(doc, p))
                .and_then(|p| {
                    doc.word_or_number_before_spaces(if doc.tokens()[p].kind == TokenKind::Word {
                        p - 1
                    } else {
                        p
                    })
                })
                .is_some_and(|pp| doc.token_text(pp).eq_ignore_ascii_case("du"));
        let prev_text = prev.map(|p| doc.token_text(p).to_lowercase());
        let flagged = if holiday || named_event {
            false
        } else if word == "Mars" {
            // `Mars` is also the planet and its missions (`Mars 2020`): a
            // day before, or a year after `en`, `de`, `début`…
            prev.is_some_and(|p| is_day_number(doc, p))
                || (next.is_some_and(|n| is_year(doc, n))
                    && prev_text
                        .as_deref()
                        .is_some_and(|p| MONTH_BEFORE_YEAR.contains(&p)))
        } else if is_month {
            prev.is_some_and(|p| is_day_number(doc, p)) || next.is_some_and(|n| is_year(doc, n))
        } else {
            let next_text = next.map(|n| doc.token_text(n).to_lowercase());
            // `Mardi gras`, `Vendredi saint`, `le Jeudi noir`: named days.
            if matches!(
                next_text.as_deref(),
                Some("saint" | "gras" | "noir" | "noire" | "rouge" | "sanglant" | "saints")
            ) {
                continue;
            }
            next.is_some_and(|n| is_day_number(doc, n))
                || next_text.as_deref().is_some_and(|n| {
                    DAY_AFTER.contains(&n) || MONTHS.iter().any(|m| m.eq_ignore_ascii_case(n))
                })
                || prev_text.as_deref().is_some_and(|p| {
                    DAY_BEFORE.contains(&p)
                        || p.ends_with('é')
                        || p.ends_with("ée")
                        || p.ends_with("és")
                })
        };
        if flagged {
            let what = if is_month {
                "months"
            } else {
                "days of the week"
            };
            out.push(lowercase_fix(
                meta,
                t.span(),
                word,
                format!(
                    "« {word} »: {what} take no capital in French (« {} »)",
                    lower_first(word)
                ),
            ));
        }
    }
}

fn nationality_adjective(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for &i in doc.capitalized_words() {
        let t = tokens[i];
        let word = doc.token_text(i);
        if !NATIONALITIES.contains(word) {
            continue;
        }
        // Only right after a noun of the closed list, one space between.
        if i < 2 || !tokens[i - 1].is_space() || tokens[i - 2].kind != TokenKind::Word {
            continue;
        }
        let noun = doc.token_text(i - 2).to_lowercase();
        if !NATIONALITY_NOUNS.contains(noun.as_str()) {
            continue;
        }
        let d = lowercase_fix(
            meta,
            t.span(),
            word,
            format!(
                "« {word} » is an adjective after « {} »: nationality adjectives take no capital (« {} »)",
                doc.token_text(i - 2),
                lower_first(word)
            ),
        );
        // After a capitalised noun the pair may be a name the owner writes
        // its own way (`La Presse Canadienne`): the fix needs a look.
        let capitalised_noun = tokens[i - 2].first.is_uppercase();
        out.push(if capitalised_noun { unsafe_fix(d) } else { d });
    }
}

fn language_name(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for &i in doc.capitalized_words() {
        let t = doc.tokens()[i];
        let word = doc.token_text(i);
        if !LANGUAGES.contains(word) {
            continue;
        }
        let Some(p) = doc.word_or_number_before_spaces(i) else {
            continue;
        };
        let prev = doc.token_text(p).to_lowercase();
        let after_parler_le = || {
            (prev == "le" || prev == "l’" || prev == "l'")
                && doc
                    .word_or_number_before_spaces(p)
                    .is_some_and(|pp| PARLER.contains(&doc.token_text(pp).to_lowercase().as_str()))
        };
        if prev == "en" || PARLER.contains(&prev.as_str()) || after_parler_le() {
            let d = lowercase_fix(
                meta,
                t.span(),
                word,
                format!(
                    "« {word} » names a language here: languages take no capital (« {} »)",
                    lower_first(word)
                ),
            );
            // `déguisé en Anglais` is a person: after `en`, a look is needed.
            out.push(if prev == "en" { unsafe_fix(d) } else { d });
        }
    }
}

static COMMON_WORDS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_set(include_str!("../../rules/data/common-words.txt")));

fn after_quote(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let q = doc.quotes();
    let tokens = doc.tokens();
    let skip_spaces = |mut j: usize| {
        while tokens.get(j).is_some_and(|t| t.is_space()) {
            j += 1;
        }
        j
    };
    for (k, m) in q
        .marks
        .iter()
        .enumerate()
        .filter(|(_, m)| m.role == Role::Close)
    {
        // A `»` at the start of a line marks a continuing quotation.
        if tokens[m.token].is_line_start() {
            continue;
        }
        // The next word, across spaces and one `,` or `;`.
        let mut j = skip_spaces(m.token + 1);
        let clause_sign = tokens
            .get(j)
            .is_some_and(|t| t.kind == TokenKind::Punct && matches!(t.first, ',' | ';'));
        if clause_sign {
            j = skip_spaces(j + 1);
        }
        // A quotation that ends its sentence (`« Restez chez vous ! » Les…`)
        // may be followed by a capital, unless a `,` shows the sentence goes
        // on (`« Qui d’autre ? », A-t-il lancé`).
        let ends_sentence = doc
            .prev_non_space(m.token)
            .is_some_and(|p| matches!(doc.first_char(p), '.' | '!' | '?' | '…'));
        if ends_sentence && !clause_sign {
            continue;
        }
        let Some(t) = tokens
            .get(j)
            .filter(|t| t.is_wordlike() && t.first.is_uppercase())
        else {
            continue;
        };
        let word = doc.token_text(j);
        if word.chars().skip(1).any(char::is_uppercase) {
            continue;
        }
        // `Le Maire`, `Le Pen`, `Grand Palais`, `L. Martin`: a name that
        // starts with a common word, followed by another capital or a dot.
        let next = skip_spaces(j + 1);
        let name_follows = tokens.get(next).is_some_and(|n| {
            (n.kind == TokenKind::Word && n.first.is_uppercase())
                || (n.kind == TokenKind::Punct && n.first == '.' && next == j + 1)
        });
        if name_follows {
            continue;
        }
        let lower = lower_first(word);
        // Proper nouns stay: only words known to be common are lowered, with
        // a safe fix; a conjugated verb of the lexicon that is no name
        // (`« Enregistrer » Permet`) is lowered too, with an unsafe one.
        let elided = t.kind == TokenKind::Elided;
        let safe = elided || COMMON_WORDS.contains(lower.as_str());
        // A verb only after a quotation that pairs (not a breadcrumb `›`).
        if !safe && (!is_plain_finite_verb(word, &lower) || q.pair_closed_by(k).is_none()) {
            continue;
        }
        let d = lowercase_fix(
            meta,
            t.span(),
            word,
            format!("« {word} » follows a quotation inside a sentence: no capital (« {lower} »)"),
        );
        out.push(if safe { d } else { unsafe_fix(d) });
    }
}

/// Whether `lower` (the word `word` without its capital) is a conjugated
/// verb of the lexicon and `word` is not known as a name.
fn is_plain_finite_verb(word: &str, lower: &str) -> bool {
    let is_name = lexicon::french_exact(word).is_some_and(|r| r.iter().any(|r| r.pos.is_name()));
    !is_name
        && lexicon::french_exact(lower).is_some_and(|r| {
            r.iter()
                .any(|r| r.pos == Pos::Verb && r.verb_form == lexicon::VerbForm::Finite)
        })
}

/// Whether the paragraph is a heading or a title line: a Markdown heading,
/// or one short line without final punctuation (not a table row).
pub(super) fn is_title_line(text: &str) -> bool {
    let line = text.trim();
    if line.starts_with('#') {
        return true;
    }
    // The cheapest tests first: most paragraphs end with a full stop.
    !line.ends_with(['.', '!', '?', '…', ':', ';', ','])
        && (line.len() <= 120 || line.chars().count() <= 120)
        && !line.contains('\n')
        && !line.contains('|')
}

/// The words of `doc` written with a lowercase first letter, and the parts
/// of such compounds (`vingt-quatre` gives `quatre`): one pass over the
/// tokens, so that a document of many title lines stays linear.
pub(crate) fn lowercase_words<'d>(doc: &'d Document) -> FxHashSet<&'d str> {
    let all = doc.tokens_of(TokenKind::Word);
    // Room for the distinct words of prose (a third of its words, or
    // fewer): the set seldom grows, each growth a rehash of all it holds.
    let mut words = FxHashSet::with_capacity_and_hasher(all.len() / 3, Default::default());
    for i in all {
        let t = doc.tokens()[i];
        let text = doc.token_text(i);
        if t.first.is_lowercase() {
            words.insert(text);
        }
        if text.contains('-') {
            words.extend(
                text.split('-')
                    .filter(|p| p.chars().next().is_some_and(char::is_lowercase)),
            );
        }
    }
    words
}

/// The words of a title line in Title Case (`Le Prix Des Maisons Monte`):
/// a title line of at least four words, three quarters of those after the
/// first written with a single capital. `None` for any other paragraph.
fn title_case_words(doc: &Document, para: &crate::document::Paragraph) -> Option<Vec<usize>> {
    let tokens = doc.tokens();
    if !is_title_line(doc.slice(para.span)) {
        return None;
    }
    let words: Vec<usize> = para
        .tokens
        .clone()
        .filter(|&i| tokens[i].kind == TokenKind::Word)
        .collect();
    let rest = words.get(1..)?;
    let capitalised = rest.iter().filter(|&&i| single_capital(doc, i)).count();
    (rest.len() >= 3 && capitalised * 4 >= rest.len() * 3).then_some(words)
}

/// Whether word token `i` starts with a capital and has no other.
fn single_capital(doc: &Document, i: usize) -> bool {
    doc.tokens()[i].first.is_uppercase()
        && !doc.token_text(i).chars().skip(1).any(char::is_uppercase)
}

fn title_case(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    let text = doc.text();
    let lowercase = std::cell::OnceCell::new();
    for para in doc.paragraphs() {
        let Some(words) = title_case_words(doc, para) else {
            continue;
        };
        let is_capital = |i: usize| single_capital(doc, i);

        // Words that are lowercase in French and not part of a name: common
        // words, or words the document writes in lowercase. Names are kept:
        // names of the compound list (`Maison Blanche`), a capitalised word
        // that is not common and the capitalised words right after it
        // (`Bruno Le Maire`), and a small word before such a word (`Le
        // Havre`, `La Rochelle`).
        // Common words, or words the document writes in lowercase somewhere:
        // evidence that their capital in a heading is Title Case, not a name.
        let common = |i: usize| {
            let lower = lower_first(doc.token_text(i));
            COMMON_WORDS.contains(lower.as_str()) || {
                let written = lowercase
                    .get_or_init(|| lowercase_words(doc))
                    .contains(lower.as_str());
                doc.note_lookup(tokens[i].span(), || WholeLookup::Lowercase {
                    written,
                    word: lower.clone(),
                });
                written
            }
        };
        let adjacent = |a: usize, b: usize| tokens[a + 1..b].iter().all(|t| t.is_space());
        // Articles that start names: `Le Havre`, `La Rochelle`, `De Gaulle`.
        let is_particle = |i: usize| {
            matches!(
                lower_first(doc.token_text(i)).as_str(),
                "le" | "la" | "les" | "de" | "du" | "des"
            )
        };
        let mut protected_until = 0;
        // Inside a name: after an unknown capitalised word (`Bruno`), a
        // particle and the word after it belong to the name (`Le Maire`).
        let mut in_name = is_capital(words[0]) && !common(words[0]);
        let mut after_particle = false;
        let mut lowered = Vec::new();
        for (k, &i) in words.iter().enumerate().skip(1) {
            let t = tokens[i];
            if !adjacent(words[k - 1], i) || !is_capital(i) {
                in_name = false;
                after_particle = false;
                if !is_capital(i) {
                    continue;
                }
            }
            if t.span().start < protected_until {
                continue;
            }
            if let Some(end) = super::hyphenation::compound_end(text, t.span().start) {
                protected_until = end;
                in_name = false;
                continue;
            }
            let particle = is_particle(i);
            let starts_name = particle
                && words
                    .get(k + 1)
                    .is_some_and(|&n| adjacent(i, n) && is_capital(n) && !common(n));
            if after_particle || (in_name && particle) || starts_name || !common(i) {
                in_name = true;
                after_particle = particle;
                continue;
            }
            in_name = false;
            after_particle = false;
            lowered.push((t.span(), lower_first(doc.token_text(i))));
        }
        // Two common words with a capital at least: a line of names (`Par
        // Jean Dupont et Marie Martin`, `Bruno Le Maire à Bercy`) is not
        // Title Case.
        if lowered.len() < 2 {
            continue;
        }
        let start = tokens[words[0]].span().start;
        let span = Span::new(start, para.span.end);
        let mut d = meta.diagnostic(
            span,
            "English Title Case: a French title takes a capital only on its first word and on proper nouns",
        );
        let edits = lowered
            .into_iter()
            .map(|(span, lower)| Edit::replace(span, lower))
            .collect();
        d.fix = Some(Fix::new(edits, Applicability::Unsafe));
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use crate::source::{Source, SourceKind};

    /// The words of each Title Case line of `text`.
    fn title_case_lines(text: &str) -> Vec<Vec<String>> {
        let settings = Settings::default();
        let source = Source::new("t.txt", text, SourceKind::PlainText);
        let doc = Document::new(&source, &settings);
        doc.paragraphs()
            .iter()
            .filter_map(|p| title_case_words(&doc, p))
            .map(|words| {
                words
                    .iter()
                    .map(|&i| doc.token_text(i).to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn only_title_case_lines_are_weighed_against_the_document() {
        // A heading in sentence case asks nothing of the rest of the
        // document (the fix loop re-checks its paragraph alone).
        assert!(
            title_case_lines("Le port de Halifax reste fermé\n\nLe port est calme.").is_empty()
        );
        assert_eq!(
            title_case_lines("Le Port De Halifax Reste Fermé\n\nLe port est calme."),
            [["Le", "Port", "De", "Halifax", "Reste", "Fermé"]]
        );
    }
}
