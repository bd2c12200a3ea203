//! Bilingual checks: each target segment against the source segment it
//! translates, as the prose layer pairs them ([`crate::prose::Pair`]):
//! segments left as they were, placeholders, numbers, URLs, end
//! punctuation and surrounding whitespace that differ. Only files that
//! hold their sources (XLIFF, gettext) or are paired with one (Android and
//! JSON resources) have pairs; other texts give nothing.

use super::{CodeRuleDef, RuleMeta, always};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::prose::Pair;
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

pub(super) const RULES: &[CodeRuleDef] = &[
    always("translation/unchanged", unchanged),
    always("translation/placeholder", placeholder),
    always("translation/number", number),
    always("translation/end-punctuation", end_punctuation),
    always("translation/whitespace", whitespace),
    always("translation/url", url),
];

/// The target's prose.
fn target<'d>(doc: &'d Document, pair: &Pair) -> &'d str {
    doc.prose()
        .text()
        .get(pair.target.range())
        .unwrap_or_default()
}

/// A finding on the whole target, with `fuzzy` noted in the message.
fn on_target(meta: &RuleMeta, pair: &Pair, message: String) -> Diagnostic {
    let message = if pair.fuzzy {
        format!("{message} (fuzzy entry)")
    } else {
        message
    };
    meta.diagnostic(pair.target, message)
}

/// The words of `text`: runs of letters (and inner apostrophes, hyphens).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty())
}

/// `text` with runs of whitespace made one space, trimmed.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `word` reads as English and not French: lowercase, three
/// letters at least, in the English list, not a French form.
fn english_only(word: &str) -> bool {
    word.chars().count() >= 3
        && word.chars().all(char::is_lowercase)
        && crate::lexicon::english(word).is_some()
        && !crate::lexicon::is_french(word)
}

/// Whether a text left as its source is an English sentence, not a name,
/// a code or a command synopsis: half its tokens at least are plain
/// words, in lowercase at least half as many as capitalised (not a
/// title-case name), one of them English and not French.
fn reads_as_english(text: &str) -> bool {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let plain: Vec<&str> = tokens
        .iter()
        .map(|t| t.trim_matches(|c: char| ".,:;!?()\"'«»“”".contains(c) || c.is_whitespace()))
        .filter(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-')
        })
        .collect();
    let lowercase = plain
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    let capitalised = plain.len() - lowercase;
    plain.len() >= 2
        && lowercase * 2 >= capitalised
        && plain.len() * 2 >= tokens.len()
        && plain.iter().any(|w| english_only(w))
}

fn unchanged(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for pair in doc.prose().pairs() {
        let text = target(doc, pair);
        if squeezed(text) != squeezed(&pair.source.text) {
            continue;
        }
        if reads_as_english(text) {
            out.push(on_target(
                meta,
                pair,
                "translation identical to its source: segment left untranslated".into(),
            ));
        }
    }
}

/// A placeholder as compared: printf positions (`%1$s` → `%s`) and
/// spacing inside tags dropped; an element wrapping one placeholder
/// (Android `<xliff:g id="n">%1$s</xliff:g>`) is that placeholder.
fn normalized(code: &str) -> String {
    static POSITION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^%[0-9]+\$").expect("valid"));
    static WRAPPED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^<[^>]*>\s*(%[^<\s]+|\{[^<\s]+\})\s*</[^>]*>$").expect("valid")
    });
    let code = match WRAPPED.captures(code) {
        Some(c) => c.get(1).map_or(code, |m| m.as_str()),
        None => code,
    };
    let code = POSITION.replace(code, "%");
    code.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The codes of `side` (or of a target) as a sorted multiset.
fn multiset<'a>(codes: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut all: Vec<String> = codes.map(|c| normalized(c)).collect();
    all.sort();
    all
}

/// The items of `a` not matched in `b` (both sorted).
fn missing(a: &[String], b: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut j = 0;
    for x in a {
        while j < b.len() && b[j] < *x {
            j += 1;
        }
        if j < b.len() && b[j] == *x {
            j += 1;
        } else {
            out.push(x.clone());
        }
    }
    out
}

/// A tag as compared: its name in lowercase, whether it closes, and the
/// `id` of an XLIFF element (`<g id="1">`); other attributes (an `href`
/// a translation may localise) and a self-closing slash set aside.
fn tag_key(tag: &str) -> String {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^<(/?)\s*([A-Za-z][\w:.-]*)(?:[^>]*?\bid\s*=\s*["']([^"']*)["'])?"#)
            .expect("valid")
    });
    let Some(c) = TAG.captures(tag) else {
        return tag.to_string();
    };
    let name = c.get(2).map_or("", |m| m.as_str()).to_ascii_lowercase();
    let closing = c.get(1).map_or("", |m| m.as_str());
    match c.get(3) {
        Some(id) if matches!(name.as_str(), "g" | "pc" | "mrk") => {
            format!("<{closing}{name} id=\"{}\">", id.as_str())
        }
        _ => format!("<{closing}{name}>"),
    }
}

/// The tags of a side (or of a target) as a sorted multiset: those that
/// read as markup (a name alone, or with attributes holding `=`), not a
/// placeholder in angle brackets a translation rewords (`<code d’erreur
/// invalide>`); gettext string joins (`</"` `"b>`) set aside.
fn tag_multiset<'a>(tags: impl Iterator<Item = &'a String>) -> Vec<String> {
    static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^</?\s*[A-Za-z][\w:.-]*(?:\s*/?|\s+[^>]*=[^>]*)>$").expect("valid")
    });
    static JOIN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#""\s*""#).expect("valid"));
    let mut all: Vec<String> = tags
        .map(|t| JOIN.replace_all(t, ""))
        .filter(|t| MARKUP.is_match(t))
        .map(|t| tag_key(&t))
        .collect();
    all.sort();
    all
}

/// What `source` holds that `target` lacks, and the reverse (sorted
/// multisets); in a plural entry, what the other source form `other`
/// holds is no stranger, and a msgid with fewer items than its other
/// form may be translated without them.
fn differences(
    source: &[String],
    target: &[String],
    other: Option<&[String]>,
) -> (Vec<String>, Vec<String>) {
    let mut lost = missing(source, target);
    let mut added = missing(target, source);
    if let Some(other) = other {
        added = missing(&added, other);
        if source.len() < other.len() {
            lost.clear();
        }
    }
    (lost, added)
}

fn placeholder(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for pair in doc.prose().pairs() {
        // In a plural entry, `msgstr[0]` may leave out the count its msgid
        // leaves out; a placeholder of either form is no stranger.
        let other = pair.alternative.as_ref().map(|o| multiset(o.codes.iter()));
        let (mut lost, mut added) = differences(
            &multiset(pair.source.codes.iter()),
            &multiset(pair.target_codes.iter()),
            other.as_deref(),
        );
        let other = pair
            .alternative
            .as_ref()
            .map(|o| tag_multiset(o.tags.iter()));
        let (lost_tags, added_tags) = differences(
            &tag_multiset(pair.source.tags.iter()),
            &tag_multiset(pair.target_tags.iter()),
            other.as_deref(),
        );
        let tags = !lost_tags.is_empty() || !added_tags.is_empty();
        let codes = !lost.is_empty() || !added.is_empty();
        lost.extend(lost_tags);
        added.extend(added_tags);
        let quote = |codes: &[String]| {
            codes
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (one, many) = match (codes, tags) {
            (false, false) => continue,
            (true, false) => ("placeholder", "placeholders"),
            (false, true) => ("tag", "tags"),
            (true, true) => ("placeholder or tag", "placeholders and tags"),
        };
        let message = match (lost.is_empty(), added.is_empty()) {
            (true, true) => continue,
            (false, true) => format!(
                "{} {} of the source missing from the translation",
                if lost.len() > 1 { many } else { one },
                quote(&lost)
            ),
            (true, false) => format!(
                "{} {} not in the source",
                if added.len() > 1 { many } else { one },
                quote(&added)
            ),
            (false, false) => format!(
                "{many} differ: {} missing, {} not in the source",
                quote(&lost),
                quote(&added)
            ),
        };
        out.push(on_target(meta, pair, message));
    }
}

/// Numbers as written in English: `1,000.5`, `3.14`, `42`.
static ENGLISH_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?").expect("valid"));

/// Numbers of a translation, written the French way (`1 000,5` with any
/// space, `1.000`) or left the English way (`1,000.5`).
static TARGET_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:[ \u{A0}\u{202F}.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?",
    )
    .expect("valid")
});

/// A time on the 12-hour clock: `3:30 PM`, `11 a.m.`.
static CLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(super::numbers::TWELVE_HOUR).expect("valid"));

/// The value of a number with `thousands` and `decimal` separators, as a
/// canonical string.
fn value(text: &str, decimal: char) -> Option<String> {
    let digits: String = text
        .chars()
        .filter_map(|c| {
            if c.is_ascii_digit() {
                Some(c)
            } else if c == decimal {
                Some('.')
            } else {
                None
            }
        })
        .collect();
    let v: f64 = digits.parse().ok()?;
    Some(format!("{v}"))
}

/// The values of the numbers of a source text (English).
fn source_numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = String::with_capacity(text.len());
    let mut at = 0;
    for c in CLOCK.captures_iter(text) {
        let whole = c.get(0).expect("a match");
        // A time stands apart from words and numbers (`8 amis`, `A10pm`).
        let apart = |ch: Option<char>| ch.is_none_or(|ch| !ch.is_alphanumeric());
        if !apart(text[..whole.start()].chars().next_back())
            || !apart(text[whole.end()..].chars().next())
        {
            continue;
        }
        rest.push_str(&text[at..whole.start()]);
        at = whole.end();
        let Ok(hour) = c[1].parse::<u32>() else {
            continue;
        };
        let hour = super::numbers::hour_24(hour, c[3].starts_with(['P', 'p']));
        out.push(hour.to_string());
        if let Some(m) = c.get(2) {
            out.extend(value(m.as_str(), '.'));
        }
    }
    rest.push_str(&text[at..]);
    for m in ENGLISH_NUMBER.find_iter(&rest) {
        // Digits inside a word or a name (`FILE1`, `x86_64`, `KU-0420`)
        // are not numbers a translation rewrites.
        let before = rest[..m.start()].chars().next_back();
        let after = rest[m.end()..].chars().next();
        let joined =
            |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-');
        if joined(before) || after.is_some_and(|c| c.is_alphabetic() || c == '_') {
            continue;
        }
        out.extend(value(m.as_str(), '.'));
    }
    out
}

/// Number words a translation may spell out a small number with.
const SPELLED: &[(&str, &str)] = &[
    ("zéro", "0"),
    ("nul", "0"),
    ("nulle", "0"),
    ("aucun", "0"),
    ("aucune", "0"),
    ("négatif", "0"),
    ("négative", "0"),
    ("positif", "0"),
    ("positive", "0"),
    ("un", "1"),
    ("une", "1"),
    ("deux", "2"),
    ("trois", "3"),
    ("quatre", "4"),
    ("cinq", "5"),
    ("six", "6"),
    ("sept", "7"),
    ("huit", "8"),
    ("neuf", "9"),
    ("dix", "10"),
    ("onze", "11"),
    ("douze", "12"),
    ("premier", "1"),
    ("première", "1"),
    ("second", "2"),
    ("seconde", "2"),
    ("deuxième", "2"),
    ("troisième", "3"),
];

/// The values each number of a target may have, read the French way and
/// the English way.
fn target_readings(text: &str) -> Vec<Vec<String>> {
    TARGET_NUMBER
        .find_iter(text)
        .map(|m| {
            let french = value(m.as_str(), ',');
            french.into_iter().chain(value(m.as_str(), '.')).collect()
        })
        .collect()
}

/// The values of the small numbers a target spells out (`deux`, `nul`).
fn spelled_numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in words(text) {
        let lower = word.to_lowercase();
        out.extend(
            SPELLED
                .iter()
                .filter(|(w, _)| *w == lower)
                .map(|(_, v)| v.to_string()),
        );
    }
    out
}

fn number(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for pair in doc.prose().pairs() {
        let text = target(doc, pair);
        let source = source_numbers(&pair.source.text);
        let readings = target_readings(text);
        let mut found: Vec<String> = readings.iter().flatten().cloned().collect();
        // A number spelt out stands for a digit only when the target has
        // no number of its own (a changed one).
        if readings
            .iter()
            .all(|r| r.iter().any(|v| source.contains(v)))
        {
            found.extend(spelled_numbers(text));
        }
        let plural = pair.alternative.is_some();
        let lost: Vec<String> = source
            .into_iter()
            // The singular of a plural entry says 1 its own way.
            .filter(|v| !(plural && v == "1"))
            .filter(|v| !found.contains(v))
            .collect();
        if let Some(first) = lost.first() {
            out.push(on_target(
                meta,
                pair,
                format!("number {first} of the source missing from the translation"),
            ));
        }
    }
}

/// How a segment ends, for end punctuation: the last sign after spaces
/// and closing quotes are set aside (a segment ending with a placeholder
/// or a bracket ends with neither sign).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    Question,
    Exclamation,
    Colon,
    Ellipsis,
    Other,
}

fn ending(text: &str) -> (Ending, usize) {
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || "\"'»”’".contains(c));
    let kind = if trimmed.ends_with('?') {
        Ending::Question
    } else if trimmed.ends_with('!') {
        Ending::Exclamation
    } else if trimmed.ends_with(':') {
        Ending::Colon
    } else if trimmed.ends_with('…') || trimmed.ends_with("...") {
        Ending::Ellipsis
    } else {
        Ending::Other
    };
    (kind, trimmed.len())
}

fn end_punctuation(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for pair in doc.prose().pairs() {
        let text = target(doc, pair);
        let (want, _) = ending(&pair.source.text);
        let (have, end) = ending(text);
        if want == have || squeezed(text).is_empty() {
            continue;
        }
        let name = |e: Ending| match e {
            Ending::Question => "a question mark",
            Ending::Exclamation => "an exclamation mark",
            Ending::Colon => "a colon",
            Ending::Ellipsis => "an ellipsis",
            Ending::Other => "no such sign",
        };
        // The finding covers the target up to its last sign.
        let mut d = on_target(
            meta,
            pair,
            format!(
                "the source ends with {}, the translation with {}",
                name(want),
                name(have)
            ),
        );
        d.span = Span::new(pair.target.start, pair.target.start + end);
        out.push(d);
    }
}

/// Leading and trailing whitespace of a text: (newline, other space)
/// at each end.
fn edges(text: &str) -> [(bool, bool); 2] {
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    let kinds = |s: &str| (s.contains('\n'), s.chars().any(|c| c != '\n' && c != '\r'));
    [kinds(lead), kinds(trail)]
}

fn whitespace(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for pair in doc.prose().pairs() {
        let text = target(doc, pair);
        if text.trim().is_empty() || pair.source.text.trim().is_empty() {
            continue;
        }
        let [source_lead, source_trail] = edges(&pair.source.text);
        let [lead, trail] = edges(text);
        // French spaces a leading `:` `;` `!` `?` the source starts with.
        let high = |t: &str| t.trim_start().starts_with([':', ';', '!', '?']);
        let french_space = high(&pair.source.text)
            && high(text)
            && source_lead.1 != lead.1
            && source_lead.0 == lead.0;
        let what = if source_lead != lead && !french_space {
            "leading"
        } else if source_trail != trail {
            "trailing"
        } else {
            continue;
        };
        out.push(on_target(
            meta,
            pair,
            format!("{what} whitespace or newline differs from the source"),
        ));
    }
}

/// The URLs and e-mail addresses of `text`, as the tokenizer finds them
/// (trailing punctuation excluded).
fn links(text: &str) -> Vec<&str> {
    crate::tokenize::links(text)
        .into_iter()
        .map(|(span, _)| &text[span.range()])
        .collect()
}

/// The host of a link (an address is its own host).
fn host(link: &str) -> &str {
    link.split("://").nth(1).map_or(link, |rest| {
        rest.split(['/', '?', '#']).next().unwrap_or(rest)
    })
}

fn url(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for pair in doc.prose().pairs() {
        let text = target(doc, pair);
        let found = links(text);
        for link in links(&pair.source.text) {
            // Example addresses are localised with the words around them.
            if host(link)
                .split(['@', '.'])
                .any(|p| p == "example" || p == "exemple")
            {
                continue;
            }
            // A localised page of the same site is a translation.
            if !found
                .iter()
                .any(|f| *f == link || host(f) == host(link) && link.contains("://"))
            {
                out.push(on_target(
                    meta,
                    pair,
                    format!("`{link}` of the source missing from the translation"),
                ));
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value the numbers of a target may have.
    fn target_numbers(text: &str) -> Vec<String> {
        target_readings(text).into_iter().flatten().collect()
    }

    #[test]
    fn numbers_compare_across_formats() {
        assert_eq!(
            source_numbers("1,000.5 MB at 3:30 PM"),
            ["15", "30", "1000.5"]
        );
        let target = target_numbers("1 000,5 Mo à 15 h 30, deux fois, 2,000.5");
        assert!(target.contains(&"2000.5".to_string()));
        assert_eq!(spelled_numbers("deux fois"), ["2"]);
        assert!(source_numbers("FILE1 x86_64 KU-0420").is_empty());
        for v in ["1000.5", "15", "30"] {
            assert!(target.contains(&v.to_string()), "{v} in {target:?}");
        }
    }

    #[test]
    fn endings() {
        assert_eq!(ending("Sûr ?").0, Ending::Question);
        assert_eq!(ending("« Vraiment ! »").0, Ending::Exclamation);
        assert_eq!(ending("Chargement...").0, Ending::Ellipsis);
        assert_eq!(ending("Nom :\u{FFFC}").0, Ending::Other);
        assert_eq!(ending("(installé ?)").0, Ending::Other);
        assert_eq!(ending("Fin.").0, Ending::Other);
    }

    #[test]
    fn multisets() {
        let a = multiset(["%1$s".to_string(), "%d".to_string()].iter());
        let b = multiset(
            [
                "%d".to_string(),
                "<xliff:g id=\"n\">%s</xliff:g>".to_string(),
            ]
            .iter(),
        );
        assert!(missing(&a, &b).is_empty());
        assert_eq!(missing(&b, &multiset(["%s".to_string()].iter())), ["%d"]);
    }
}
