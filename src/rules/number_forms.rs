//! English ways of writing quantities that machine translation keeps: units
//! in English (`20Mb`, `100 Mbps`, `3ft`), counts with a plus (`2000+
//! utilisateurs`) and long integers without grouping (`125000000
//! habitants`).

use super::{CodeRuleDef, RuleMeta, when};
use crate::byte_scan::first_of_class;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::lexicon::{self, Number, Pos};
use crate::span::Span;
use crate::tokenize::is_word_char;
use crate::unicode_names::{NBSP, NNBSP};
use regex::Regex;
use std::sync::LazyLock;

pub(super) const RULES: &[CodeRuleDef] = &[
    when("numbers/english-unit", english_unit, ENGLISH_UNIT),
    when("numbers/plus-count", plus_count, r"[0-9]\+"),
    when("numbers/digit-grouping", digit_grouping, r"[1-9][0-9]{4}"),
];

/// A number, an optional space, and an English unit.
const ENGLISH_UNIT: &str =
    r"[0-9](?:[ \x{A0}\x{202F}])?(?:[MGk]bps|Kbps|[MG]b|ft|lbs?|mph|rpm|oz|hrs?|secs?)(?-u:\b)";

/// English units and what French writes: a unit to put in their place, or
/// nothing when the quantity must be converted (imperial units) or the
/// unit is ambiguous (`Mb`: megabits, or megabytes written the English
/// way).
const UNITS: &[(&str, Option<&str>, &str)] = &[
    ("Mbps", Some("Mbit/s"), "megabits per second"),
    ("Gbps", Some("Gbit/s"), "gigabits per second"),
    ("kbps", Some("kbit/s"), "kilobits per second"),
    ("Kbps", Some("kbit/s"), "kilobits per second"),
    ("rpm", Some("tr/min"), "revolutions per minute"),
    ("hr", Some("h"), "hours"),
    ("hrs", Some("h"), "hours"),
    ("sec", Some("s"), "seconds"),
    ("secs", Some("s"), "seconds"),
    ("Mb", None, "« Mbit » for megabits, « Mo » for megabytes"),
    ("Gb", None, "« Gbit » for gigabits, « Go » for gigabytes"),
    ("ft", None, "feet: convert to metres"),
    ("lb", None, "pounds: convert to kilograms"),
    ("lbs", None, "pounds: convert to kilograms"),
    ("mph", None, "miles per hour: convert to km/h"),
    ("oz", None, "ounces: convert to grams"),
];

/// The number that ends at byte `end` of `text` (digits, with `,` or `.`
/// between digits), if it starts at a word boundary.
fn number_before(text: &str, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut start = end;
    while start > 0 {
        let b = bytes[start - 1];
        let inner = matches!(b, b',' | b'.')
            && start >= 2
            && bytes[start - 2].is_ascii_digit()
            && start < end;
        if b.is_ascii_digit() || inner {
            start -= 1;
        } else {
            break;
        }
    }
    let boundary = !text[..start].chars().next_back().is_some_and(is_word_char);
    (start < end && boundary).then_some(start)
}

/// The English unit that starts at byte `at` of `text` and ends at a word
/// boundary, if one does.
fn unit_at(
    text: &str,
    at: usize,
) -> Option<&'static (&'static str, Option<&'static str>, &'static str)> {
    let rest = &text[at..];
    UNITS
        .iter()
        .filter(|(u, _, _)| rest.starts_with(u))
        .max_by_key(|(u, _, _)| u.len())
        .filter(|(u, _, _)| !rest[u.len()..].chars().next().is_some_and(is_word_char))
}

fn english_unit(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    // Every end of a run of digits: a byte scan, no regex, so that texts
    // without units cost one pass.
    for (k, b) in bytes.iter().enumerate() {
        if !b.is_ascii_digit() || bytes.get(k + 1).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let digits_end = k + 1;
        let space = [" ", "\u{A0}", "\u{202F}"]
            .iter()
            .find(|s| text[digits_end..].starts_with(**s))
            .map_or(0, |s| s.len());
        let Some(&(unit, french, meaning)) = unit_at(text, digits_end + space) else {
            continue;
        };
        let Some(start) = number_before(text, digits_end) else {
            continue;
        };
        let span = Span::new(start, digits_end + space + unit.len());
        if doc.touches_link(span) || doc.in_code(span) {
            continue;
        }
        let number = &text[start..digits_end];
        let d = match french {
            Some(f) => {
                let mut d = meta.diagnostic(
                    span,
                    format!("English unit « {unit} » ({meaning}): French writes « {f} »"),
                );
                d.fix = Some(Fix::safe(Edit::replace(span, format!("{number}{NBSP}{f}"))));
                d
            }
            None => meta.diagnostic(span, format!("English unit « {unit} »: {meaning}")),
        };
        out.push(d);
    }
}

fn plus_count(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    static PLUS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"([0-9]{1,3}(?:[\x{A0}\x{202F}][0-9]{3})+|[0-9]+)\+[ \x{A0}]+(\p{Ll}[\p{L}’']*)",
        )
        .expect("valid")
    });
    let text = doc.text();
    // The regex only where a digit is followed by `+`.
    let bytes = text.as_bytes();
    if !memchr::memchr_iter(b'+', bytes).any(|i| i > 0 && bytes[i - 1].is_ascii_digit()) {
        return;
    }
    for caps in PLUS.captures_iter(text) {
        let (Some(number), Some(next)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        // A word boundary before the number (not `C2+`), and a noun after
        // it (`2000+ utilisateurs`, not `2 + 2`).
        if text[..number.start()]
            .chars()
            .next_back()
            .is_some_and(|c| is_word_char(c) || matches!(c, '+' | '-' | '.' | ','))
        {
            continue;
        }
        let noun = lexicon::french(next.as_str()).is_some_and(|r| r.has(Pos::Noun));
        let span = Span::new(number.start(), number.end() + 1);
        if !noun || doc.touches_link(span) || doc.in_code(span) {
            continue;
        }
        // `plus de 2000+ utilisateurs` only needs the sign removed.
        let before = text[..number.start()].trim_end_matches([' ', NBSP_CHAR]);
        let has_plus_de = before.to_lowercase().ends_with("plus de");
        let replacement = if has_plus_de {
            number.as_str().to_string()
        } else {
            format!("plus de {}", number.as_str())
        };
        let mut d = meta.diagnostic(
            span,
            format!(
                "« {}+ » is English: French writes « plus de {} »",
                number.as_str(),
                number.as_str()
            ),
        );
        d.fix = Some(Fix::unsafe_(Edit::replace(span, replacement)));
        out.push(d);
    }
}

const NBSP_CHAR: char = '\u{A0}';

/// Words before a number that is an identifier, not a quantity: `le
/// dossier 123456`, `la version 20240115`, `le code 75001`.
const IDENTIFIER_BEFORE: &[&str] = &[
    "n°",
    "no",
    "numéro",
    "numéros",
    "code",
    "codes",
    "postal",
    "version",
    "versions",
    "dossier",
    "réf",
    "référence",
    "ticket",
    "commande",
    "article",
    "ligne",
    "lignes",
    "page",
    "pages",
    "matricule",
    "identifiant",
    "id",
    "port",
    "build",
    "révision",
    "commit",
    "lot",
    "facture",
    "contrat",
    "siret",
    "siren",
    "badge",
    "vol",
    "rue",
    "bureau",
    "chambre",
    "salle",
    "modèle",
    "série",
    "erreur",
    "issue",
    "pr",
    "bug",
    "tél",
    "téléphone",
    "fax",
    "cedex",
];

fn digit_grouping(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    let mut k = 0;
    // The next run of digits.
    while let Some(start) = first_of_class(bytes, k, |b| b.is_ascii_digit()) {
        k = start;
        while k < bytes.len() && bytes[k].is_ascii_digit() {
            k += 1;
        }
        let end = k;
        if end - start < 5 || bytes[start] == b'0' {
            continue;
        }
        // A whole number between spaces: not part of a code, a decimal, a
        // version or an identifier (`A12345`, `3,14159`, `#12345`).
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if before.is_some_and(|c| !matches!(c, ' ' | NBSP_CHAR | '\n' | '('))
            || !matches!(after, Some(' ' | NBSP_CHAR | '\u{202F}'))
        {
            continue;
        }
        let span = Span::new(start, end);
        if doc.touches_link(span) || doc.in_code(span) {
            continue;
        }
        // A quantity: a plural noun after it (`125000000 habitants`), and
        // no identifier word before it (`le dossier 123456`).
        let rest = &text[end..];
        let next: &str = rest
            .trim_start_matches([' ', NBSP_CHAR, '\u{202F}'])
            .split(|c: char| !(c.is_alphabetic() || c == '-'))
            .next()
            .unwrap_or_default();
        let plural_noun = lexicon::french_exact(next).is_some_and(|r| {
            r.iter()
                .any(|r| r.pos == Pos::Noun && matches!(r.number, Number::Plural | Number::Both))
        });
        let previous = text[..start]
            .trim_end_matches([' ', NBSP_CHAR, '('])
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '°'))
            .next()
            .unwrap_or_default()
            .to_lowercase();
        if !plural_noun || IDENTIFIER_BEFORE.contains(&previous.as_str()) {
            continue;
        }
        let digits = &text[start..end];
        let mut groups = Vec::new();
        let mut i = digits.len() % 3;
        if i > 0 {
            groups.push(&digits[..i]);
        }
        while i < digits.len() {
            groups.push(&digits[i..i + 3]);
            i += 3;
        }
        let fixed = groups.join(NNBSP);
        let mut d = meta.diagnostic(
            span,
            format!(
                "« {digits} »: French groups the digits of a long number by three with a narrow no-break space (« {} »)",
                fixed.replace(NNBSP, " ")
            ),
        );
        d.fix = Some(Fix::safe(Edit::replace(span, fixed)));
        out.push(d);
    }
}
