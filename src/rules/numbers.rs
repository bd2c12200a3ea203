//! Numbers, ordinals, units, currencies, dates and times.

use super::{CodeRuleDef, RuleMeta, when};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::span::Span;
use crate::tokenize::{TokenKind, is_word_char};
use regex::{Captures, Regex};
use std::sync::LazyLock;

pub(super) const RULES: &[CodeRuleDef] = &[
    when("numbers/ordinal", ordinal, r"\d\p{L}|[IVXLC][èeéiÈE]"),
    when(
        "numbers/english-ordinal",
        english_ordinal,
        r"\d(?:st|nd|rd|th)",
    ),
    when("numbers/english-thousands", english_thousands, r"\d,\d{3}"),
    when(
        "numbers/unit-space",
        unit_space,
        r"\d(?:[%‰€$£]|°[CF]|[kmcdµnMGTKWVAHg])",
    ),
    when("numbers/currency-before", currency_before, r"[$€£] ?\d"),
    when("numbers/english-date", english_date, DATE_PREFILTER),
    when("numbers/twelve-hour-time", twelve_hour_time, TWELVE_HOUR),
];

const NBSP: &str = "\u{00A0}";

/// A time with AM or PM.
const TWELVE_HOUR: &str =
    r"(\d{1,2})(?::([0-5]\d))?[ \x{A0}]?(AM|PM|am|pm|a\.m\.|p\.m\.|A\.M\.|P\.M\.)";
/// An English month name, or a French month in English order.
const DATE_PREFILTER: &str = concat!(
    "January|February|March|April|May|June|July|August|September|October|November|December",
    r"|(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)[ \x{A0}]\d{1,2},"
);
const NNBSP: &str = "\u{202F}";

/// Units written after a number with a no-break space (`5 km`, `20 °C`).
/// `h`, `s`, `t` and `l` are left out: too often part of other notations.
const UNITS: &[&str] = &[
    "km", "m", "cm", "mm", "µm", "nm", "kg", "g", "mg", "µg", "ml", "cl", "dl", "ha", "m²", "m³",
    "km²", "cm²", "Mo", "Go", "To", "Ko", "ko", "kB", "MB", "GB", "TB", "W", "kW", "MW", "GW",
    "kWh", "MWh", "GWh", "TWh", "V", "kV", "mV", "A", "mA", "mAh", "Hz", "kHz", "MHz", "GHz",
    "min", "ms", "dB", "mmHg", "kcal", "cal",
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

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 7 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

fn ordinal(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word {
            continue;
        }
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
        let Some((fixed, applicability)) = ordinal_fix(number, suffix) else {
            continue;
        };
        let found = &doc.text()[span.range()];
        let mut d = meta.diagnostic(
            span,
            format!("ordinal « {found} »: French abbreviates it « {fixed} »"),
        );
        d.fix = Some(Fix::new(vec![Edit::replace(span, fixed)], applicability));
        out.push(d);
    }
}

fn english_ordinal(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for (i, t) in tokens.iter().enumerate().skip(1) {
        if t.kind != TokenKind::Word
            || tokens[i - 1].kind != TokenKind::Number
            || tokens[i - 1].span().end != t.span().start
        {
            continue;
        }
        let suffix = doc.token_text(i);
        if !matches!(suffix, "st" | "nd" | "rd" | "th") {
            continue;
        }
        let number = doc.token_text(i - 1);
        if !number.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let (fixed, applicability) = match (number, suffix) {
            ("1", _) => ("1er".to_string(), Applicability::Unsafe),
            // `2nd` also abbreviates « second » in French.
            (_, "nd") => (format!("{number}e"), Applicability::Unsafe),
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

fn english_thousands(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    static ENGLISH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$").expect("valid"));
    for (i, t) in doc.tokens().iter().enumerate() {
        if t.kind != TokenKind::Number {
            continue;
        }
        let number = doc.token_text(i);
        let Some(caps) = ENGLISH.captures(number) else {
            continue;
        };
        let groups: Vec<&str> = caps[1].split(',').collect();
        let decimals = caps.get(2).map(|m| m.as_str());
        let applicability = match (groups.len(), decimals) {
            (_, Some(_)) | (3.., None) => Applicability::Safe,
            // `1,000` could be a French decimal with three places: only the
            // round `,000` is taken for English, and not for certain.
            (2, None) if groups[1] == "000" && groups[0] != "0" => Applicability::Unsafe,
            _ => continue,
        };
        let mut fixed = groups.join(NNBSP);
        if let Some(d) = decimals {
            fixed.push(',');
            fixed.push_str(d);
        }
        let shown = fixed.replace(NNBSP, " ");
        let mut d = meta.diagnostic(
            t.span(),
            format!("English number format « {number} »: French groups thousands with a narrow no-break space and uses a decimal comma (« {shown} »)"),
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
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Number {
            continue;
        }
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
        // `3,5%` is fine to fix, but not a number glued to a word before it.
        if i > 0
            && tokens[i - 1].span().end == t.span().start
            && tokens[i - 1].kind == TokenKind::Word
        {
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

const MAGNITUDES: &[&str] = &[
    "million",
    "millions",
    "milliard",
    "milliards",
    "mille",
    "billion",
    "billions",
    "M",
    "Md",
    "Mds",
    "k",
];

fn currency_before(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let tokens = doc.tokens();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Symbol || !matches!(doc.first_char(i), '$' | '€' | '£') {
            continue;
        }
        // `US$`, `CA$`: a sign glued to letters is another notation.
        if i > 0
            && tokens[i - 1].span().end == t.span().start
            && tokens[i - 1].kind == TokenKind::Word
        {
            continue;
        }
        let mut n = i + 1;
        if tokens.get(n).is_some_and(|s| {
            s.kind == TokenKind::Space(crate::tokenize::SpaceKind::Ascii) && s.span().len() == 1
        }) {
            n += 1;
        }
        let Some(amount) = tokens.get(n) else {
            continue;
        };
        if amount.kind != TokenKind::Number {
            continue;
        }
        let sign = doc.token_text(i);
        // Where the sign goes: after the amount, or after its magnitude word.
        let mut end = amount.span().end;
        let mut applicability = Applicability::Safe;
        if let Some(glued) = tokens
            .get(n + 1)
            .filter(|g| g.span().start == amount.span().end && g.kind == TokenKind::Word)
        {
            end = glued.span().end;
            applicability = Applicability::Unsafe;
        } else if let (Some(space), Some(word)) = (tokens.get(n + 1), tokens.get(n + 2))
            && space.is_space()
            && word.kind == TokenKind::Word
            && MAGNITUDES.contains(&doc.token_text(n + 2))
        {
            end = word.span().end;
            applicability = Applicability::Unsafe;
        }
        let amount_text = &doc.text()[amount.span().start..end];
        let mut d = meta.diagnostic(
            Span::new(t.span().start, end),
            format!("currency sign before the amount: French writes « {amount_text} {sign} »"),
        );
        d.fix = Some(Fix::new(
            vec![
                Edit::delete(Span::new(t.span().start, amount.span().start)),
                Edit::insert(end, format!("{NBSP}{sign}")),
            ],
            applicability,
        ));
        out.push(d);
    }
}

const ENGLISH_MONTHS: &[(&str, &str)] = &[
    ("January", "janvier"),
    ("February", "février"),
    ("March", "mars"),
    ("April", "avril"),
    ("May", "mai"),
    ("June", "juin"),
    ("July", "juillet"),
    ("August", "août"),
    ("September", "septembre"),
    ("October", "octobre"),
    ("November", "novembre"),
    ("December", "décembre"),
];

fn french_month(english: &str) -> &'static str {
    ENGLISH_MONTHS
        .iter()
        .find(|(e, _)| *e == english)
        .map_or("", |(_, f)| f)
}

fn french_day(day: &str) -> Option<String> {
    let n: u32 = day.parse().ok()?;
    match n {
        1 => Some("1er".into()),
        2..=31 => Some(n.to_string()),
        _ => None,
    }
}

fn group<'h>(caps: &Captures<'h>, name: &str) -> Option<&'h str> {
    caps.name(name).map(|m| m.as_str())
}

fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    !text[..start].chars().next_back().is_some_and(is_word_char)
        && !text[end..].chars().next().is_some_and(is_word_char)
}

fn english_date(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    const EN: &str =
        "January|February|March|April|May|June|July|August|September|October|November|December";
    const FR: &str =
        "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre";
    // One pass, three forms: `18 March 2025`, `March 18, 2025` (or `March
    // 2025`), and a French month in English order, `mars 18, 2025`. The
    // leftmost match wins, so `18 March` is never read as `March …`.
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            concat!(
                r"(?<d1>\d{{1,2}})(?:st|nd|rd|th)?[ \x{{A0}}](?:of[ \x{{A0}}])?(?<m1>{EN})(?:,?[ \x{{A0}}](?<y1>\d{{4}}))?",
                r"|(?<m2>{EN})(?:[ \x{{A0}}](?<d2>\d{{1,2}})(?:st|nd|rd|th|(?-u:\b)))?(?:,?[ \x{{A0}}](?<y2>\d{{4}}))?",
                r"|(?<m3>{FR})[ \x{{A0}}](?<d3>\d{{1,2}}),[ \x{{A0}}](?<y3>\d{{4}})",
            ),
            EN = EN,
            FR = FR
        ))
        .expect("valid")
    });
    let text = doc.text();
    for caps in DATE.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        let (day, month, year) = if let Some(month) = caps.name("m1") {
            (
                group(&caps, "d1"),
                french_month(month.as_str()),
                group(&caps, "y1"),
            )
        } else if let Some(month) = caps.name("m2") {
            // A month name alone is an untranslated word, not a date format.
            if caps.name("d2").is_none() && caps.name("y2").is_none() {
                continue;
            }
            (
                group(&caps, "d2"),
                french_month(month.as_str()),
                group(&caps, "y2"),
            )
        } else {
            (
                group(&caps, "d3"),
                group(&caps, "m3").unwrap_or_default(),
                group(&caps, "y3"),
            )
        };
        let (start, end) = (m.start(), m.end());
        if !at_word_boundaries(text, start, end) || doc.touches_link(Span::new(start, end)) {
            continue;
        }
        let mut parts = Vec::new();
        if let Some(day) = day {
            let Some(day) = french_day(day) else { continue };
            parts.push(day);
        }
        parts.push(month.to_string());
        parts.extend(year.map(str::to_string));
        let fixed = parts.join(" ");
        let span = Span::new(start, end);
        let mut d = meta.diagnostic(
            span,
            format!(
                "English date format « {} »: French writes « {fixed} »",
                m.as_str()
            ),
        );
        d.fix = Some(Fix::unsafe_(Edit::replace(span, fixed)));
        out.push(d);
    }
}

fn twelve_hour_time(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    static TIME: LazyLock<Regex> = LazyLock::new(|| Regex::new(TWELVE_HOUR).expect("valid"));
    let text = doc.text();
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
        let pm = caps[3].starts_with(['P', 'p']);
        let hour24 = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
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
