//! Numbers, ordinals, units, currencies, dates and times.

use super::{CodeRuleDef, RuleMeta, when};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::lean_regex;
use crate::span::Span;
use crate::tokenize::{SpaceKind, TokenKind, is_word_char};
use crate::unicode_names::{NBSP, NNBSP};
use regex::Regex;
use regex_automata::Input;
use regex_automata::meta::Regex as MetaRegex;
use regex_automata::util::captures::Captures;
use std::sync::LazyLock;

pub(super) const RULES: &[CodeRuleDef] = &[
    when(
        "numbers/ordinal",
        ordinal,
        r"[0-9]\p{Latin}|[IVXLC][èeéiÈE]",
    ),
    when(
        "numbers/english-ordinal",
        english_ordinal,
        r"[0-9](?:st|nd|rd|th)",
    ),
    when("numbers/english-format", english_format, r"[0-9][.,][0-9]"),
    when(
        "numbers/unit-space",
        unit_space,
        r"[0-9](?:[%‰€$£]|°[CF]|[kmcdµnMGTKWVAHg])",
    ),
    when("numbers/currency-before", currency_before, r"[$€£] ?[0-9]"),
    when("numbers/english-date", english_date, DATE_PREFILTER),
    when("numbers/twelve-hour-time", twelve_hour_time, TWELVE_HOUR),
];

/// A time with AM or PM (`3 PM`, `11:30 a.m.`, `9pm`): the hour, the
/// minutes and the marker. Shared with `translation/number`, which reads
/// the times of an English source.
pub(crate) const TWELVE_HOUR: &str =
    r"([0-9]{1,2})(?::([0-5][0-9]))?[ \x{A0}]?([AaPp][Mm]|[ap]\.m\.|[AP]\.M\.)";

/// Whether `text` may hold a [`TWELVE_HOUR`] time: an `m` or `M` after
/// `a`, `p`, `a.`, `p.` (any case), an optional space and a digit. Found
/// by bytes, so that the pattern is compiled only for texts that need it.
fn may_hold_twelve_hour(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'm', b'M', bytes).any(|i| {
        let before = &bytes[..i];
        let before = before.strip_suffix(b".").unwrap_or(before);
        let Some(before) = before
            .strip_suffix(b"a")
            .or_else(|| before.strip_suffix(b"p"))
            .or_else(|| before.strip_suffix(b"A"))
            .or_else(|| before.strip_suffix(b"P"))
        else {
            return false;
        };
        let before = before
            .strip_suffix(b" ")
            .or_else(|| before.strip_suffix("\u{A0}".as_bytes()))
            .unwrap_or(before);
        before.last().is_some_and(u8::is_ascii_digit)
    })
}

/// The hour on the 24-hour clock of `hour` (1 to 12) AM or PM.
pub(crate) fn hour_24(hour: u32, pm: bool) -> u32 {
    match (hour, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    }
}
/// An English month name, or a French month in English order.
const DATE_PREFILTER: &str = concat!(
    "January|February|March|April|May|June|July|August|September|October|November|December",
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.",
    r"|(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)[ \x{A0}][0-9]{1,2}(?:er|e|ème)?,",
    r"|(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre),[ \x{A0}][0-9]{4}",
    r"|[0-9]/[0-9]{1,2}/[0-9]{4}"
);

/// Units written after a number with a no-break space (`5 km`, `20 °C`).
/// `h`, `s`, `t` and `l` are left out: too often part of other notations.
const UNITS: &[&str] = &[
    "km", "m", "cm", "mm", "µm", "nm", "kg", "g", "mg", "µg", "ml", "cl", "dl", "ha", "m²", "m³",
    "km²", "cm²", "Mo", "Go", "To", "Ko", "ko", "kB", "MB", "GB", "TB", "W", "kW", "MW", "GW",
    "kWh", "MWh", "GWh", "TWh", "V", "kV", "mV", "mA", "mAh", "Hz", "kHz", "MHz", "GHz", "min",
    "ms", "dB", "mmHg", "kcal", "cal",
];

/// The French number `n` with `suffix`, or nothing if `n` is not a plain
/// number.
fn ordinal_fix(number: &str, suffix: &str) -> Option<(String, Applicability)> {
    let lower = suffix.to_lowercase();
    let (base, plural) = match lower.strip_suffix('s') {
        Some(b) if !b.is_empty() && !matches!(lower.as_str(), "s") => (b.to_string(), "s"),
        _ => (lower.clone(), ""),
    };
    let is_one = number == "1" || number == "I";
    match base.as_str() {
        "ème" | "eme" | "ième" | "ieme" | "è" | "éme" => {
            if is_one {
                Some((format!("{number}er{plural}"), Applicability::Unsafe))
            } else {
                Some((format!("{number}e{plural}"), Applicability::Safe))
            }
        }
        "ère" | "ere" | "ière" | "iere" if is_one => {
            Some((format!("{number}re{plural}"), Applicability::Safe))
        }
        _ => None,
    }
}

/// The French month names, January first.
const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Whether `word` is a French month name (any case).
fn is_french_month(word: &str) -> bool {
    FRENCH_MONTHS
        .iter()
        .any(|m| m.eq_ignore_ascii_case(word) || crate::wordlist::lower_first(word) == *m)
}

/// The day of a French date: `1er`, else the plain number.
fn day_of_date(number: &str) -> (String, Applicability) {
    if number == "1" {
        ("1er".to_string(), Applicability::Safe)
    } else {
        (number.to_string(), Applicability::Safe)
    }
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 7 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

fn ordinal(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for i in doc.tokens_of(TokenKind::Word) {
        let t = tokens[i];
        let after_number = i > 0
            && tokens[i - 1].kind == TokenKind::Number
            && tokens[i - 1].span().end == t.span().start;
        if !after_number && !matches!(t.first, 'I' | 'V' | 'X' | 'L' | 'C') {
            continue;
        }
        let word = doc.token_text(i);
        let (number, suffix, span) = if after_number {
            let n = doc.token_text(i - 1);
            if !n.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            (n, word, Span::new(tokens[i - 1].span().start, t.span().end))
        } else {
            let split = word
                .find(|c: char| !matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
                .unwrap_or(word.len());
            if split == 0 || !is_roman(&word[..split]) {
                continue;
            }
            (&word[..split], &word[split..], t.span())
        };
        let Some((mut fixed, mut applicability)) = ordinal_fix(number, suffix) else {
            continue;
        };
        let found = &doc.text()[span.range()];
        // `18ème avril`: a date takes the plain number (`18 avril`).
        let in_date = after_number
            && doc
                .word_after_spaces(i)
                .is_some_and(|n| is_french_month(doc.token_text(n)));
        let message = if in_date {
            (fixed, applicability) = day_of_date(number);
            format!("« {found} » in a date: French writes the day as « {fixed} »")
        } else {
            format!("ordinal « {found} »: French abbreviates it « {fixed} »")
        };
        let mut d = meta.diagnostic(span, message);
        d.fix = Some(Fix::new(vec![Edit::replace(span, fixed)], applicability));
        out.push(d);
    }
}

fn english_ordinal(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    // A suffix glued to a number: the token after a number.
    for i in doc.tokens_of(TokenKind::Number).map(|n| n + 1) {
        let Some(t) = tokens.get(i) else { continue };
        if t.kind != TokenKind::Word || tokens[i - 1].span().end != t.span().start {
            continue;
        }
        let suffix = doc.token_text(i);
        if !matches!(suffix, "st" | "nd" | "rd" | "th") {
            continue;
        }
        let number = doc.token_text(i - 1);
        // `2nd` also abbreviates « second » in French (`au 2nd tour`).
        if !number.bytes().all(|b| b.is_ascii_digit()) || (number, suffix) == ("2", "nd") {
            continue;
        }
        // `18th March`, `March 18th`: an English date, whose fix belongs to
        // numbers/english-date (`18 mars`), not `18e March`.
        let month_near = |j: Option<usize>| {
            j.is_some_and(|j| {
                let w = doc.token_text(j);
                english_month(w).is_some()
                    || (w == "of"
                        && doc
                            .word_after_spaces(j)
                            .is_some_and(|k| english_month(doc.token_text(k)).is_some()))
            })
        };
        if month_near(doc.word_after_spaces(i)) || month_near(doc.word_before_spaces(i - 1)) {
            continue;
        }
        // `18th avril`: a French date takes the plain number.
        let in_date = doc
            .word_after_spaces(i)
            .is_some_and(|n| is_french_month(doc.token_text(n)));
        let (fixed, applicability) = match (number, suffix) {
            _ if in_date => day_of_date(number),
            ("1", _) => ("1er".to_string(), Applicability::Unsafe),
            _ => (format!("{number}e"), Applicability::Safe),
        };
        let span = Span::new(tokens[i - 1].span().start, t.span().end);
        let mut d = meta.diagnostic(
            span,
            format!("English ordinal « {number}{suffix} »: French writes « {fixed} »"),
        );
        d.fix = Some(Fix::new(vec![Edit::replace(span, fixed)], applicability));
        out.push(d);
    }
}

/// Units spelled out: after them a comma number is a French decimal.
const SPELLED_UNITS: &[&str] = &[
    "mètre",
    "mètres",
    "kilomètre",
    "kilomètres",
    "centimètre",
    "centimètres",
    "millimètre",
    "millimètres",
    "gramme",
    "grammes",
    "kilogramme",
    "kilogrammes",
    "kilo",
    "kilos",
    "litre",
    "litres",
    "tonne",
    "tonnes",
    "volt",
    "volts",
    "watt",
    "watts",
    "ampère",
    "ampères",
    "degré",
    "degrés",
    "seconde",
    "secondes",
    "minute",
    "minutes",
    "heure",
    "heures",
    "radian",
    "radians",
    "hectare",
    "hectares",
    "mile",
    "miles",
    "pouce",
    "pouces",
    "point",
    "points",
    "fois",
];

/// The French form of a number written with English separators: thousands
/// grouped with U+202F and a decimal comma (`12,500,000.5` → `12 500 000,5`).
/// `1,000` (one group, no decimals) is ambiguous and gives `None` unless
/// `one_group` says the context is English; `2.5` (a decimal point) gives
/// `None` unless `decimal_point` says so.
fn french_number(number: &str, one_group: bool, decimal_point: bool) -> Option<String> {
    static GROUPED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([0-9]{1,3}(?:,[0-9]{3})+)(?:\.([0-9]+))?$").expect("valid")
    });
    static DECIMAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[0-9]+\.[0-9]+$").expect("valid"));
    if let Some(caps) = GROUPED.captures(number) {
        let groups: Vec<&str> = caps[1].split(',').collect();
        let decimals = caps.get(2).map(|m| m.as_str());
        if groups.len() == 2 && decimals.is_none() && !one_group {
            return None;
        }
        let mut fixed = groups.join(NNBSP);
        if let Some(d) = decimals {
            fixed.push(',');
            fixed.push_str(d);
        }
        return Some(fixed);
    }
    // `1.500 m` is 1500 m in a European style, or 1.5 m in English: three
    // digits after the point are left alone.
    let three_after = number.split('.').nth(1).is_some_and(|d| d.len() == 3);
    (decimal_point && !three_after && DECIMAL.is_match(number)).then(|| number.replace('.', ","))
}

/// Whether `word` looks like the plural noun of a count (`personnes`,
/// `euros`, `dollars`): after it, `2,500` is English for 2500, since a
/// count of people or money has no third decimal.
fn is_counted_noun(word: &str) -> bool {
    const NOT_NOUNS: &[&str] = &[
        "des", "les", "aux", "ses", "ces", "mes", "tes", "nos", "vos", "leurs", "sans", "dans",
        "sous", "vers", "mais", "puis", "alors", "plus", "moins", "fois", "très", "après",
        "depuis", "dès", "jamais", "toujours", "tous", "toutes",
    ];
    word.chars().next().is_some_and(char::is_lowercase)
        && word.ends_with(['s', 'x'])
        && word.chars().count() > 2
        && !NOT_NOUNS.contains(&word)
}

/// What follows number token `i`: the next word or sign on the line.
fn after_number<'d>(doc: &'d Document, i: usize) -> Option<&'d str> {
    let tokens = doc.tokens();
    let mut j = i + 1;
    if tokens
        .get(j)
        .is_some_and(|t| t.is_space() && t.span().len() <= 3)
    {
        j += 1;
    }
    tokens
        .get(j)
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Symbol))
        .map(|_| doc.token_text(j))
}

fn english_format(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for i in doc.tokens_of(TokenKind::Number) {
        let t = doc.tokens()[i];
        let number = doc.token_text(i);
        if !number.contains(['.', ',']) {
            continue;
        }
        // `$1,000`: numbers/currency-before rewrites the whole amount.
        let after_sign = doc.prev_non_space(i).is_some_and(|p| {
            matches!(doc.tokens()[p].first, '$' | '€' | '£')
                && doc.tokens()[p].kind == TokenKind::Symbol
        });
        if after_sign {
            continue;
        }
        let next = after_number(doc, i);
        let is_unit = next.is_some_and(|w| {
            UNITS.contains(&w) || SPELLED_UNITS.contains(&w) || matches!(w, "%" | "‰")
        });
        // After a currency sign or a counted noun, `2,500` is English;
        // before a unit it may be a French decimal (`5,000 V`).
        let counted =
            next.is_some_and(|w| matches!(w, "$" | "€" | "£") || (!is_unit && is_counted_noun(w)));
        // `2.5 km`, `3.5%`: a decimal point before a unit or a magnitude.
        let decimal_point = is_unit || next.is_some_and(|w| MAGNITUDES.contains(&w));
        let Some(fixed) = french_number(number, counted, decimal_point) else {
            continue;
        };
        let ambiguous = number.matches(',').count() == 1 && !number.contains('.');
        let applicability = if ambiguous {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let shown = fixed.replace(NNBSP, " ");
        let mut d = meta.diagnostic(
            t.span(),
            format!(
                "English number format « {number} »: French writes « {shown} » (decimal comma, thousands grouped with a narrow no-break space)"
            ),
        );
        d.fix = Some(Fix::new(
            vec![Edit::replace(t.span(), fixed)],
            applicability,
        ));
        out.push(d);
    }
}

fn unit_space(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    let text = doc.text();
    for i in doc.tokens_of(TokenKind::Number) {
        let t = tokens[i];
        let Some(next) = tokens.get(i + 1) else {
            continue;
        };
        if next.span().start != t.span().end {
            continue;
        }
        let unit: &str = match next.kind {
            TokenKind::Symbol => match doc.first_char(i + 1) {
                '%' | '‰' | '€' | '$' | '£' => doc.token_text(i + 1),
                '°' => {
                    // `20°C` is a temperature; a bare `90°` is an angle, glued.
                    let after = &text[next.span().end..];
                    if after.starts_with('C') || after.starts_with('F') {
                        if after[1..].chars().next().is_some_and(is_word_char) {
                            continue;
                        }
                        &text[next.span().start..next.span().end + 1]
                    } else {
                        continue;
                    }
                }
                _ => continue,
            },
            TokenKind::Word if UNITS.contains(&doc.token_text(i + 1)) => doc.token_text(i + 1),
            _ => continue,
        };
        // `3,5%` is fine to fix, but not a number glued to a word before it,
        // nor euros and cents around the sign (`2€50`).
        let glued_word_before = i > 0
            && tokens[i - 1].span().end == t.span().start
            && tokens[i - 1].kind == TokenKind::Word;
        let cents_after =
            text[next.span().start + unit.len()..].starts_with(|c: char| c.is_ascii_digit());
        if glued_word_before || cents_after {
            continue;
        }
        let number = doc.token_text(i);
        let mut d = meta.diagnostic(
            Span::new(t.span().start, next.span().start + unit.len()),
            format!("« {number}{unit} »: French separates a number from its unit or sign with a no-break space"),
        );
        d.fix = Some(Fix::safe(Edit::insert(t.span().end, NBSP)));
        out.push(d);
    }
}

/// French magnitude words and abbreviations after an amount.
const MAGNITUDES: &[&str] = &[
    "million",
    "millions",
    "milliard",
    "milliards",
    "mille",
    "M",
    "Md",
    "Mds",
    "k",
];

/// English magnitude words and their French translation: an English
/// billion is a French milliard.
const ENGLISH_MAGNITUDES: &[(&str, &str)] = &[
    ("billion", "milliard"),
    ("billions", "milliards"),
    ("trillion", "billion"),
    ("trillions", "billions"),
];

fn currency_before(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    let text = doc.text();
    for i in doc.tokens_of(TokenKind::Symbol) {
        let t = tokens[i];
        if !matches!(t.first, '$' | '€' | '£') {
            continue;
        }
        // `US$`, `CA$`: a sign glued to letters is another notation; `2€50`,
        // `1 € 99`: euros and cents, the sign between them.
        let prev = doc.prev_non_space(i).map(|p| (p, tokens[p]));
        if prev.is_some_and(|(p, pt)| {
            (pt.kind == TokenKind::Word && pt.span().end == t.span().start)
                || (pt.kind == TokenKind::Number
                    && t.span().start - pt.span().end <= 1
                    && p + 2 >= i)
        }) {
            continue;
        }
        let mut n = i + 1;
        if tokens
            .get(n)
            .is_some_and(|s| s.kind == TokenKind::Space(SpaceKind::Ascii) && s.span().len() == 1)
        {
            n += 1;
        }
        let Some(amount) = tokens.get(n).filter(|a| a.kind == TokenKind::Number) else {
            continue;
        };
        let number = doc.token_text(n);
        let sign = doc.token_text(i);
        // The sign before the amount is English notation, so the amount is
        // English too: `$1,000.50` is `1 000,50 $`.
        let french = french_number(number, true, true).unwrap_or_else(|| number.to_string());
        // Where the sign goes: after the amount, or after its magnitude word.
        let mut end = amount.span().end;
        let mut rest = String::new();
        let mut applicability = Applicability::Safe;
        let next_word = tokens.get(n + 1).filter(|g| g.kind == TokenKind::Word);
        let spaced_word = match (tokens.get(n + 1), tokens.get(n + 2)) {
            (Some(space), Some(word)) if space.is_space() && word.kind == TokenKind::Word => {
                Some(n + 2)
            }
            _ => None,
        };
        if let Some(glued) = next_word.filter(|g| g.span().start == amount.span().end) {
            end = glued.span().end;
            rest.push_str(&text[amount.span().end..end]);
            applicability = Applicability::Unsafe;
        } else if let Some(w) = spaced_word {
            let word = doc.token_text(w);
            if MAGNITUDES.contains(&word) {
                end = tokens[w].span().end;
                rest = format!(" {word}");
                applicability = Applicability::Unsafe;
            } else if let Some((_, french_word)) =
                ENGLISH_MAGNITUDES.iter().find(|(e, _)| *e == word)
            {
                end = tokens[w].span().end;
                let plural = if number == "1" || french_word.ends_with('s') {
                    ""
                } else {
                    "s"
                };
                rest = format!(" {french_word}{plural}");
                applicability = Applicability::DisplayOnly;
            }
        }
        // `$1` in a regex replacement or a shell script is not money.
        let single_digit = number.len() == 1 && rest.is_empty();
        if single_digit {
            continue;
        }
        let fixed = format!("{french}{rest}{NBSP}{sign}");
        let span = Span::new(t.span().start, end);
        let mut d = meta.diagnostic(
            span,
            format!(
                "currency sign before the amount: French writes « {} »",
                fixed.replace(['\u{00A0}', '\u{202F}'], " ")
            ),
        );
        d.fix = Some(Fix::new(vec![Edit::replace(span, fixed)], applicability));
        out.push(d);
    }
}

/// The English month names, January first (as [`FRENCH_MONTHS`]).
const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Abbreviated English months, written with their dot, and the number of
/// the month (1 to 12).
const ENGLISH_MONTH_ABBREVIATIONS: &[(&str, usize)] = &[
    ("Jan.", 1),
    ("Feb.", 2),
    ("Mar.", 3),
    ("Apr.", 4),
    ("Jun.", 6),
    ("Jul.", 7),
    ("Aug.", 8),
    ("Sep.", 9),
    ("Sept.", 9),
    ("Oct.", 10),
    ("Nov.", 11),
    ("Dec.", 12),
];

/// The French name of an English month (full, or abbreviated with or
/// without its dot).
fn english_month(word: &str) -> Option<&'static str> {
    let full = ENGLISH_MONTHS.iter().position(|e| *e == word);
    let abbreviated = || {
        ENGLISH_MONTH_ABBREVIATIONS
            .iter()
            .find(|(e, _)| *e == word || e.strip_suffix('.') == Some(word))
            .map(|&(_, month)| month - 1)
    };
    full.or_else(abbreviated).map(|i| FRENCH_MONTHS[i])
}

fn french_month(english: &str) -> &'static str {
    english_month(english).unwrap_or_default()
}

fn french_day(day: &str) -> Option<String> {
    let n: u32 = day.parse().ok()?;
    match n {
        1 => Some("1er".into()),
        2..=31 => Some(n.to_string()),
        _ => None,
    }
}

/// The text of group `name` of a date match in `text`, if it took part.
fn group<'h>(text: &'h str, caps: &Captures, name: &str) -> Option<&'h str> {
    caps.get_group_by_name(name).map(|m| &text[m.range()])
}

fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    !text[..start].chars().next_back().is_some_and(is_word_char)
        && !text[end..].chars().next().is_some_and(is_word_char)
}

/// A regex alternation of the English month names, full or abbreviated
/// with their dot.
fn english_months_alternation() -> String {
    let abbreviated = ENGLISH_MONTH_ABBREVIATIONS
        .iter()
        .map(|(a, _)| regex::escape(a));
    ENGLISH_MONTHS
        .iter()
        .map(|m| m.to_string())
        .chain(abbreviated)
        .collect::<Vec<_>>()
        .join("|")
}

/// One pass, five forms: `18 March 2025`; `March 18, 2025` (or `March
/// 2025`); a French month in English order, `mars 18, 2025` (or `mars
/// 18e, 2025`); a French
/// date with an English comma, `18 mars, 2025`; and `03/18/2025`. The
/// leftmost match wins, so `18 March` is never read as `March …`.
///
/// It is only ever searched on windows of a few dozen bytes (see
/// [`dates`]). This build has no lazy DFA, which halves its compile time:
/// a short file with a date or two is checked sooner. Its bounded
/// backtracker walks the many states of the pattern from every start of a
/// window, though; after [`DATE_DFA_AFTER`] windows, [`DATE_DFA`] serves.
static DATE: LazyLock<MetaRegex> =
    LazyLock::new(|| lean_regex::short_haystack_regex(&date_pattern(), true).expect("valid"));

/// [`DATE`] with the lazy DFA, which finds where a match lies (or that
/// none does) before the captures are read; built after
/// [`DATE_DFA_AFTER`] windows.
static DATE_DFA: lean_regex::Deferred<MetaRegex> = lean_regex::Deferred::new(DATE_DFA_AFTER);

/// The windows searched with [`DATE`] before [`DATE_DFA`] is built:
/// building it costs about what seventy windows do (2.4 M instructions).
const DATE_DFA_AFTER: usize = 128;

/// Builds [`DATE_DFA`].
fn build_date_dfa() -> MetaRegex {
    lean_regex::regex(&date_pattern(), true).expect("valid")
}

/// The pattern of [`DATE`].
fn date_pattern() -> String {
    format!(
        concat!(
            r"(?<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?[ \x{{A0}}](?:of[ \x{{A0}}])?(?<m1>{EN})(?:,?[ \x{{A0}}](?<y1>[0-9]{{4}}))?",
            r"|(?<m2>{EN})(?:[ \x{{A0}}](?<d2>[0-9]{{1,2}})(?:st|nd|rd|th|(?-u:\b)))?(?:,?[ \x{{A0}}](?<y2>[0-9]{{4}}))?",
            r"|(?<m3>{FR})[ \x{{A0}}](?<d3>[0-9]{{1,2}})(?:er|e|ème)?,[ \x{{A0}}](?<y3>[0-9]{{4}})",
            r"|(?<d4>[0-9]{{1,2}})(?:er)?[ \x{{A0}}](?<m4>{FR}),[ \x{{A0}}](?<y4>[0-9]{{4}})",
            r"|(?<mm>[0-9]{{1,2}})/(?<dd>[0-9]{{1,2}})/(?<yy>[0-9]{{4}})",
        ),
        EN = english_months_alternation(),
        FR = FRENCH_MONTHS.join("|")
    )
}

/// What every match of [`DATE`] holds, at most [`ANCHOR_REACH`] bytes
/// from its start: an English month (forms 1 and 2), a comma before a
/// space and a digit with a French month in the [`ANCHOR_REACH`] bytes
/// before it (the year of forms 3 and 4), or a slash between digits (form
/// 5). The months are searched with Aho-Corasick (cheaper to build than a
/// regex, and quick on text where they are rare); commas and slashes, which
/// prose is full of, with `memchr`, and checked here.
static ENGLISH_MONTH_ANCHOR: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    let months = ENGLISH_MONTHS
        .iter()
        .copied()
        .chain(ENGLISH_MONTH_ABBREVIATIONS.iter().map(|(a, _)| *a));
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(months)
        .expect("the date anchors build")
});

/// Whether the comma or slash at `i` anchors a date: a comma before a
/// space (or a no-break space) and a digit, with a French month in the
/// [`ANCHOR_REACH`] bytes before it; a slash between digits.
fn is_date_punctuation(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        // Forms 3 and 4: a French month stands before the comma.
        b',' => {
            let space = match bytes.get(i + 1..) {
                Some([b' ', ..]) => 1,
                Some([0xC2, 0xA0, ..]) => 2,
                _ => return false,
            };
            let before = &bytes[i.saturating_sub(ANCHOR_REACH)..i];
            bytes.get(i + 1 + space).is_some_and(u8::is_ascii_digit)
                && FRENCH_MONTHS
                    .iter()
                    .any(|month| memchr::memmem::find(before, month.as_bytes()).is_some())
        }
        // Form 5: a digit on each side of the slash.
        _ => {
            i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        }
    }
}

/// The anchors of a date in a text, asked for at positions that only
/// grow: the next English month is searched once and kept until it is
/// passed, so the text is read once however many anchors it holds.
struct DateAnchors<'t> {
    text: &'t str,
    /// The first English month at or after where it was last searched
    /// from (`None`: none), once searched.
    month: Option<Option<usize>>,
}

impl DateAnchors<'_> {
    /// The start of the first anchor of a date (an English month of
    /// [`ENGLISH_MONTH_ANCHOR`], or punctuation that
    /// [`is_date_punctuation`] accepts) at or after `pos`, which is no
    /// smaller than at the call before.
    fn first_from(&mut self, pos: usize) -> Option<usize> {
        let text = self.text;
        let month = match self.month {
            Some(month) if month.is_none_or(|m| m >= pos) => month,
            _ => {
                let month = ENGLISH_MONTH_ANCHOR
                    .find(aho_corasick::Input::new(text).span(pos..text.len()))
                    .map(|m| m.start());
                self.month = Some(month);
                month
            }
        };
        let bytes = text.as_bytes();
        let before_month = &bytes[pos..month.unwrap_or(bytes.len())];
        memchr::memchr2_iter(b',', b'/', before_month)
            .map(|i| pos + i)
            .find(|&i| is_date_punctuation(bytes, i))
            .or(month)
    }
}

/// At least the length in bytes of the longest match of [`DATE`] (26:
/// `31st of September, 2025` with no-break spaces).
const MAX_DATE_LEN: usize = 32;

/// At least the distance from the start of a match of [`DATE`] to the
/// start of its anchor (18: the comma of `septembre 18ème, 2025` with a
/// no-break space), with room to spare.
const ANCHOR_REACH: usize = 24;

/// The matches of [`DATE`] in `text`, exactly as `DATE.captures_iter`
/// gives them, but searched only around the anchors of [`DateAnchors`].
///
/// Why it is the same: a match starting at or after `pos` holds an anchor
/// starting at or after `pos`, so it starts no earlier than the first such
/// anchor minus [`ANCHOR_REACH`]. From there [`DATE`] is run on a window
/// of `2 × MAX_DATE_LEN` bytes. A match is no longer than
/// [`MAX_DATE_LEN`], so what happens at a position at least that far from
/// the end of the window (the trusted part) does not depend on the text
/// after it: a match found starting there is the one the whole text gives,
/// and finding none there proves there is none.
fn dates(text: &str) -> Vec<Captures> {
    dates_with(text, &DATE_DFA)
}

/// [`dates`], searching each window with [`DATE`] until `dfa` is built,
/// then with it. Both compile one pattern, so they find the same.
fn dates_with(text: &str, dfa: &lean_regex::Deferred<MetaRegex>) -> Vec<Captures> {
    let mut found = Vec::new();
    let mut anchors = DateAnchors { text, month: None };
    let mut pos = 0;
    while pos < text.len() {
        let Some(anchor) = anchors.first_from(pos) else {
            break;
        };
        let mut from = anchor.saturating_sub(ANCHOR_REACH).max(pos);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let mut end = (from + 2 * MAX_DATE_LEN).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let trusted = if end == text.len() {
            end
        } else {
            end - MAX_DATE_LEN
        };
        let regex = dfa.get(build_date_dfa).unwrap_or(&DATE);
        let mut caps = regex.create_captures();
        regex.search_captures(&Input::new(&text[..end]).range(from..), &mut caps);
        match caps.get_match() {
            Some(m) if m.start() <= trusted => {
                pos = m.end();
                found.push(caps);
            }
            _ if end == text.len() => break,
            _ => pos = trusted + 1,
        }
    }
    found
}

fn english_date(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    for caps in dates(text) {
        let Some(m) = caps.get_match() else { continue };
        let (start, end) = (m.start(), m.end());
        if !at_word_boundaries(text, start, end) || doc.touches_link(Span::new(start, end)) {
            continue;
        }
        let fixed = if let (Some(mm), Some(dd), Some(yy)) = (
            group(text, &caps, "mm"),
            group(text, &caps, "dd"),
            group(text, &caps, "yy"),
        ) {
            // Month first is certain only when the day cannot be a month.
            let (Ok(month), Ok(day)) = (mm.parse::<u32>(), dd.parse::<u32>()) else {
                continue;
            };
            if !(1..=12).contains(&month) || !(13..=31).contains(&day) {
                continue;
            }
            format!("{dd}/{mm}/{yy}")
        } else {
            let (day, month, year) = if let Some(month) = group(text, &caps, "m1") {
                (
                    group(text, &caps, "d1"),
                    french_month(month),
                    group(text, &caps, "y1"),
                )
            } else if let Some(month) = group(text, &caps, "m2") {
                // A month name alone is an untranslated word, not a date format.
                if group(text, &caps, "d2").is_none() && group(text, &caps, "y2").is_none() {
                    continue;
                }
                (
                    group(text, &caps, "d2"),
                    french_month(month),
                    group(text, &caps, "y2"),
                )
            } else if group(text, &caps, "m3").is_some() {
                (
                    group(text, &caps, "d3"),
                    group(text, &caps, "m3").unwrap_or_default(),
                    group(text, &caps, "y3"),
                )
            } else {
                (
                    group(text, &caps, "d4"),
                    group(text, &caps, "m4").unwrap_or_default(),
                    group(text, &caps, "y4"),
                )
            };
            let mut parts = Vec::new();
            if let Some(day) = day {
                let Some(day) = french_day(day) else { continue };
                parts.push(day);
            }
            parts.push(month.to_string());
            parts.extend(year.map(str::to_string));
            parts.join(" ")
        };
        let span = Span::new(start, end);
        let mut d = meta.diagnostic(
            span,
            format!(
                "English date format « {} »: French writes « {fixed} »",
                &text[m.range()]
            ),
        );
        d.fix = Some(Fix::unsafe_(Edit::replace(span, fixed)));
        out.push(d);
    }
}

fn twelve_hour_time(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    static TIME: LazyLock<Regex> = LazyLock::new(|| Regex::new(TWELVE_HOUR).expect("valid"));
    let text = doc.text();
    if !may_hold_twelve_hour(text) {
        return;
    }
    for caps in TIME.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        // `a.m.` ends with a dot, which may end the sentence too.
        if !at_word_boundaries(text, m.start(), m.end()) && !m.as_str().ends_with('.') {
            continue;
        }
        if text[..m.start()]
            .chars()
            .next_back()
            .is_some_and(is_word_char)
        {
            continue;
        }
        let Ok(hour) = caps[1].parse::<u32>() else {
            continue;
        };
        if !(1..=12).contains(&hour) {
            continue;
        }
        let hour24 = hour_24(hour, caps[3].starts_with(['P', 'p']));
        let fixed = match caps.get(2) {
            Some(min) => format!("{hour24}{NBSP}h{NBSP}{}", min.as_str()),
            None => format!("{hour24}{NBSP}h"),
        };
        let span = Span::new(m.start(), m.end());
        let mut d = meta.diagnostic(
            span,
            format!(
                "12-hour time « {} »: French uses the 24-hour clock (« {} »)",
                m.as_str(),
                fixed.replace(NBSP, " ")
            ),
        );
        d.fix = Some(Fix::display_only(Edit::replace(span, fixed)));
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_twelve_hour_gate_agrees_with_its_pattern() {
        crate::rules::assert_gate_agrees(
            TWELVE_HOUR,
            may_hold_twelve_hour,
            &[
                "à 3 PM",
                "vers 11:30 a.m. hier",
                "9pm",
                "à 7\u{a0}am",
                "le programme, l’amour, 3 mm",
                "Am Pm",
            ],
        );
    }

    /// The date prefilter names the French months of [`FRENCH_MONTHS`]
    /// (it must be a constant, so it spells them out).
    #[test]
    fn the_date_prefilter_names_the_french_months() {
        let months = format!("(?:{})", FRENCH_MONTHS.join("|"));
        assert_eq!(DATE_PREFILTER.matches(&months).count(), 2);
    }

    /// The spans of every group of every match.
    fn spans(all: &[Captures]) -> Vec<Vec<Option<(usize, usize)>>> {
        all.iter()
            .map(|c| c.iter().map(|g| g.map(|m| (m.start, m.end))).collect())
            .collect()
    }

    #[test]
    fn dates_searched_around_anchors_are_those_of_the_whole_text() {
        let pieces = [
            "18",
            "1",
            "31st",
            " ",
            "\u{A0}",
            "of ",
            "March",
            "Sept.",
            "Sep.",
            "September",
            "May",
            "mars",
            "décembre",
            "août",
            ",",
            ", ",
            "2025",
            "03/18/2025",
            "/",
            "12",
            "é",
            "«",
            "x",
            "th",
            "Dec.",
            "abc",
            "\n",
            "’",
            "  ",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut texts: Vec<String> = vec![
            String::new(),
            "Le 18 March 2025, puis March 18, 2025 et mars 18, 2025.".into(),
            "18 mars, 2025 ou 03/18/2025 ; 12/12/2012 et May".into(),
            format!("{}18 September, 2025{}", "a".repeat(100), "b".repeat(100)),
        ];
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(pieces[(seed % pieces.len() as u64) as usize]);
                // Long filler now and then, so windows end inside dates.
                if seed % 11 == 0 {
                    t.push_str(&"z".repeat((seed % 70) as usize));
                }
            }
            texts.push(t);
        }
        // A lazy DFA of this test's own, so that what other tests asked
        // of the shared one does not count: the first windows are
        // searched without it, the rest with it, and both find what a
        // search of the whole text finds.
        let dfa = lean_regex::Deferred::new(DATE_DFA_AFTER);
        let mut before = 0;
        for text in &texts {
            let whole: Vec<Captures> = DATE.captures_iter(text).collect();
            assert_eq!(spans(&dates_with(text, &dfa)), spans(&whole), "{text:?}");
            before += usize::from(!dfa.is_built());
        }
        assert!(dfa.is_built());
        assert!(before > 0 && before < texts.len() / 2, "{before}");
    }
}
