//! Text hygiene: Unicode normalisation, invisible and control characters,
//! mojibake, and the œ ligature.

use super::{CodeRuleDef, RuleMeta, always, when};
use crate::byte_scan::first_of_class;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::lean_regex;
use crate::lexicon;
use crate::span::Span;
use crate::tokenize::TokenKind;
use crate::unicode_names::{char_name, is_invisible};
use crate::wordlist::parts;
use regex_automata::meta::Regex as MetaRegex;
use std::sync::LazyLock;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

pub(super) const RULES: &[CodeRuleDef] = &[
    always("unicode/not-nfc", not_nfc),
    when("unicode/zero-width", zero_width, ZERO_WIDTH),
    when("unicode/soft-hyphen", soft_hyphen, "\u{00AD}"),
    when("unicode/bom", bom, "\u{FEFF}"),
    when("unicode/control-character", control_character, CONTROL),
    when("unicode/mojibake", mojibake, MOJIBAKE_PREFILTER),
    when("unicode/oe-ligature", oe_ligature, "[oO][eE]"),
];

/// Zero-width characters and joiners (the prefilter of [`is_zero_width`]).
const ZERO_WIDTH: &str = "[\u{200B}\u{200C}\u{200D}\u{2060}]";
/// Control characters other than tab, line feed and carriage return (the
/// prefilter of [`is_control`]).
const CONTROL: &str = "[\u{01}-\u{08}\u{0B}\u{0C}\u{0E}-\u{1F}\u{7F}\u{80}-\u{9F}]";

/// The characters a rule that deletes single characters looks for. These
/// rules test characters rather than compile a regex for a class:
/// compiling costs more than a check of a short text.
struct Targets {
    /// The bytes the UTF-8 encodings of the characters start with, found
    /// before any character is decoded.
    lead: &'static [u8],
    /// Whether a character is one of them.
    test: fn(char) -> bool,
}

/// The characters of [`ZERO_WIDTH`].
const ZERO_WIDTH_CHARS: Targets = Targets {
    lead: &[0xE2],
    test: |c| matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}'),
};

/// The soft hyphen.
const SOFT_HYPHEN_CHARS: Targets = Targets {
    lead: &[0xC2],
    test: |c| c == crate::tokenize::SOFT_HYPHEN,
};

/// The byte order mark.
const BOM_CHARS: Targets = Targets {
    lead: &[0xEF],
    test: |c| c == '\u{FEFF}',
};

/// The characters of [`CONTROL`].
const CONTROL_CHARS: Targets = Targets {
    lead: &[
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x0F, 0x10, 0x11, 0x12,
        0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x7F, 0xC2,
    ],
    test: |c| matches!(c, '\u{01}'..='\u{08}' | '\u{0B}' | '\u{0C}' | '\u{0E}'..='\u{1F}' | '\u{7F}'..='\u{9F}'),
};

impl Targets {
    /// Calls `found(at, c)` for every target character `c` of `text`.
    fn each(&self, text: &str, mut found: impl FnMut(usize, char)) {
        let bytes = text.as_bytes();
        let mut consider = |at: usize| {
            if let Some(c) = text.get(at..).and_then(|rest| rest.chars().next())
                && (self.test)(c)
            {
                found(at, c);
            }
        };
        if let [lead] = self.lead {
            memchr::memchr_iter(*lead, bytes).for_each(consider);
        } else {
            let mut leads = [false; 256];
            for &b in self.lead {
                leads[usize::from(b)] = true;
            }
            for (at, &b) in bytes.iter().enumerate() {
                if leads[usize::from(b)] {
                    consider(at);
                }
            }
        }
    }
}
/// A lead character followed by continuation characters (UTF-8 bytes read
/// as Windows-1252), or `Ã` before a space or a sign (a lost `à`). Only the
/// leads of characters French text holds are searched (`Â`–`Æ`, `Ë`, `â`,
/// `ï`, `ð`: U+0080–U+01FF, U+02C0–U+02FF, U+2000–U+2FFF, U+FEFF, emoji),
/// so `é` before a no-break space is never a candidate.
/// Where [`MOJIBAKE`] can match: cheaper to compile at start-up.
const MOJIBAKE_PREFILTER: &str = "[ÂÃÄÅÆËâïð][\u{80}-\u{BF}€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|Ã";
const MOJIBAKE: &str =
    "[ÂÃÄÅÆËâïð][\u{80}-\u{BF}€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]+|Ã(?:[\\s\\p{P}\\p{S}]|$)";

fn is_stable_starter(c: char) -> bool {
    surely_stable(c)
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// Whether `c` is certainly unchanged by NFC whatever surrounds it: every
/// character below U+0300, and general punctuation, super- and subscripts
/// and currency signs (U+2002–U+20CF).
fn surely_stable(c: char) -> bool {
    c < '\u{300}' || ('\u{2002}'..='\u{20CF}').contains(&c)
}

/// The characters of `text` that [`surely_stable`] does not clear, in
/// order, decoding only what can be one of them: a character below U+0300
/// has a first byte below 0xCC, and continuation bytes are below 0xC0, so
/// only bytes from 0xCC up start a character worth decoding.
fn unsure_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            i = first_of_class(bytes, i, |b| b >= 0xCC)?;
            let c = text[i..].chars().next()?;
            i += c.len_utf8();
            if !surely_stable(c) {
                return Some(c);
            }
        }
    })
}

fn not_nfc(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let mut rest = unsure_chars(text).peekable();
    if rest.peek().is_none() || is_nfc_quick(rest) == IsNormalized::Yes {
        return;
    }
    for (start, end) in suspicious_segments(text) {
        let segment = &text[start..end];
        let nfc: String = segment.nfc().collect();
        if nfc != segment {
            let parts: Vec<String> = segment
                .chars()
                .map(|c| {
                    if is_invisible(c) {
                        char_name(c)
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            let span = Span::new(start, end);
            let mut d = meta.diagnostic(
                span,
                format!(
                    "text not in Unicode NFC: « {} » is written « {} »",
                    nfc,
                    parts.join(" + ")
                ),
            );
            d.fix = Some(Fix::safe(Edit::replace(span, nfc)));
            out.push(d);
        }
    }
}

/// The segments of `text` that NFC may change, in order: split at stable
/// starters (and at the start of the text), the segments holding another
/// character, from their starter to the next one.
///
/// Only characters from a byte 0xCC up are decoded (see [`unsure_chars`]):
/// the others are below U+0300, so [`surely_stable`], so stable starters,
/// and all they do is close the open segment.
fn suspicious_segments(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut segments = Vec::new();
    // The start of the segment being read, if it holds a character that is
    // not a stable starter.
    let mut open: Option<usize> = None;
    // The start of the last stable starter seen (0 before the first).
    let mut last_starter = 0;
    // The end of the last character decoded.
    let mut decoded_end = 0;
    loop {
        let next = bytes[decoded_end..]
            .iter()
            .position(|&b| b >= 0xCC)
            .map(|skip| decoded_end + skip);
        let at = next.unwrap_or(text.len());
        if at > decoded_end {
            // Stable starters in between: the first closes the segment.
            if let Some(start) = open.take() {
                segments.push((start, decoded_end));
            }
            last_starter = at - 1;
            while !text.is_char_boundary(last_starter) {
                last_starter -= 1;
            }
        }
        let Some(at) = next else { break };
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        if is_stable_starter(c) {
            if let Some(start) = open.take() {
                segments.push((start, at));
            }
            last_starter = at;
        } else if open.is_none() {
            open = Some(last_starter);
        }
        decoded_end = at + c.len_utf8();
    }
    if let Some(start) = open {
        segments.push((start, text.len()));
    }
    segments
}

/// Reports every character of `targets` (accepted by `keep`) with a safe
/// fix that deletes it.
fn delete_chars(
    meta: &RuleMeta,
    doc: &Document,
    out: &mut Vec<Diagnostic>,
    targets: &Targets,
    keep: impl Fn(&str, usize, char) -> bool,
    message: impl Fn(char) -> String,
) {
    let text = doc.text();
    targets.each(text, |at, c| {
        if !keep(text, at, c) {
            return;
        }
        let span = Span::new(at, at + c.len_utf8());
        let mut d = meta.diagnostic(span, message(c));
        d.fix = Some(Fix::safe(Edit::delete(span)));
        out.push(d);
    });
}

fn neighbours(text: &str, at: usize, c: char) -> (Option<char>, Option<char>) {
    (
        text[..at].chars().next_back(),
        text[at + c.len_utf8()..].chars().next(),
    )
}

fn zero_width(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    // Joiners are meaningful inside emoji sequences and non-Latin scripts;
    // only flag them between Latin letters, spaces or text edges.
    let latin_or_edge = |c: Option<char>| {
        c.is_none_or(|c| {
            c.is_whitespace()
                || (c.is_alphabetic() && (c as u32) < 0x250)
                || c.is_ascii_punctuation()
        })
    };
    delete_chars(
        meta,
        doc,
        out,
        &ZERO_WIDTH_CHARS,
        |text, at, c| {
            if matches!(c, '\u{200C}' | '\u{200D}') {
                let (before, after) = neighbours(text, at, c);
                latin_or_edge(before) && latin_or_edge(after)
            } else {
                true
            }
        },
        |c| format!("invisible {} in the text", char_name(c)),
    );
}

fn soft_hyphen(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    delete_chars(
        meta,
        doc,
        out,
        &SOFT_HYPHEN_CHARS,
        |_, _, _| true,
        |c| {
            format!(
                "{} left in the text (a word-processor hyphenation point)",
                char_name(c)
            )
        },
    );
}

fn bom(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    // The byte order mark at the very start of a file is its BOM, kept as is.
    delete_chars(
        meta,
        doc,
        out,
        &BOM_CHARS,
        |_, at, _| at != 0,
        |_| "byte order mark (U+FEFF) inside the text, left by joining files".to_string(),
    );
}

fn control_character(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    // C1 controls inside a mojibake sequence are reported by unicode/mojibake.
    // A C1 control is encoded as 0xC2 then 0x80–0x9F.
    let has_c1 = memchr::memchr_iter(0xC2, text.as_bytes()).any(|at| {
        text.as_bytes()
            .get(at + 1)
            .is_some_and(|b| (0x80..=0x9F).contains(b))
    });
    let in_mojibake: Vec<Span> = if has_c1 {
        mojibake_sequences(text)
            .into_iter()
            .map(|(span, _, _)| span)
            .collect()
    } else {
        Vec::new()
    };
    delete_chars(
        meta,
        doc,
        out,
        &CONTROL_CHARS,
        |_, at, _| !in_mojibake.iter().any(|s| s.start <= at && at < s.end),
        |c| format!("{} in the text", char_name(c)),
    );
}

/// The CP1252 byte of `c`, or its Latin-1 byte, if it has one ≥ 0x80.
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if (0x80..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Whether a decoded character is one French text plausibly holds.
fn plausible(c: char) -> bool {
    matches!(c as u32,
        0xA0..=0xFF | 0x100..=0x17F | 0x192 | 0x2C6 | 0x2DC | 0x2000..=0x206F | 0x20AC | 0x2122 | 0x1F300..=0x1FAFF)
}

/// Mojibake sequences of `text`: (span, decoded text, applicability).
/// Whether `text` may hold mojibake: a lead character of
/// [`MOJIBAKE_PREFILTER`] (`Â`, `Ã`, `â`…, all `C3 xx` in UTF-8) followed by
/// a character of its second class, or an `Ã`. Found by bytes, so that the
/// pattern is compiled only for texts that need it.
fn may_hold_mojibake(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xC3, bytes).any(|i| {
        let lead = bytes.get(i + 1).copied();
        let follows = || {
            text.get(i + 2..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| {
                    ('\u{80}'..='\u{BF}').contains(&c) || "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".contains(c)
                })
        };
        match lead {
            Some(0x83) => true,
            Some(0x82 | 0x84 | 0x85 | 0x86 | 0x8B | 0xA2 | 0xAF | 0xB0) => follows(),
            _ => false,
        }
    })
}

fn mojibake_sequences(text: &str) -> Vec<(Span, String, Applicability)> {
    static CANDIDATE: LazyLock<MetaRegex> =
        LazyLock::new(|| lean_regex::regex(MOJIBAKE, false).expect("valid"));
    if !may_hold_mojibake(text) {
        return Vec::new();
    }
    let mut found: Vec<(Span, String, Applicability)> = Vec::new();
    for m in CANDIDATE.find_iter(text) {
        let s = &text[m.range()];
        let second = s.chars().nth(1);
        if s.starts_with('Ã') && second.is_none_or(|c| !matches!(cp1252_byte(c), Some(0x80..=0xBF)))
        {
            // `Ã` before a space, a sign or the end: an `à` (C3 A0) whose
            // no-break space byte was lost. French never has `Ã`.
            let span = Span::new(m.start(), m.start() + 'Ã'.len_utf8());
            found.push((span, "à".to_string(), Applicability::Unsafe));
            continue;
        }
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let bytes: Vec<Option<u8>> = chars.iter().map(|&(_, c)| cp1252_byte(c)).collect();
        let mut i = 0;
        while i < chars.len() {
            let need = match bytes[i] {
                Some(0xC2..=0xDF) => 2,
                Some(0xE0..=0xEF) => 3,
                Some(0xF0..=0xF4) => 4,
                _ => 0,
            };
            if need == 0 || i + need > chars.len() {
                i += 1;
                continue;
            }
            let seq: Option<Vec<u8>> = bytes[i..i + need].iter().copied().collect();
            let decoded = seq.and_then(|b| String::from_utf8(b).ok());
            match decoded {
                Some(d) if d.chars().all(|c| plausible(c) || c == '\u{FEFF}') => {
                    let start = m.start() + chars[i].0;
                    let end = m.start() + chars.get(i + need).map_or(s.len(), |&(o, _)| o);
                    let d = d.replace('\u{FEFF}', "");
                    // Merge with a sequence ending right here.
                    match found.last_mut() {
                        Some((span, text, Applicability::Safe)) if span.end == start => {
                            span.end = end;
                            text.push_str(&d);
                        }
                        _ => found.push((Span::new(start, end), d, Applicability::Safe)),
                    }
                    i += need;
                }
                _ => i += 1,
            }
        }
    }
    found
}

fn mojibake(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    for (span, decoded, applicability) in mojibake_sequences(text) {
        let shown = if decoded.is_empty() {
            "nothing (a BOM)".to_string()
        } else {
            format!("« {decoded} »")
        };
        let mut d = meta.diagnostic(
            span,
            format!(
                "mojibake: « {} » is UTF-8 read as Windows-1252; it stands for {shown}",
                &text[span.range()]
            ),
        );
        d.fix = Some(Fix::new(vec![Edit::replace(span, decoded)], applicability));
        out.push(d);
    }
}

/// The spelling of `part` with `oe` written `œ` (`Oe`, `OE` as `Œ`).
fn with_ligature(part: &str) -> String {
    part.replace("oe", "œ")
        .replace("Oe", "Œ")
        .replace("OE", "Œ")
}

/// The indexes of the word tokens holding `oe`, `Oe` or `OE`, in order.
/// Those pairs are rare in French: three literal searches over the text
/// find them, and only their tokens are looked at, where testing every
/// word would read every byte.
fn words_with_oe(doc: &Document) -> Vec<usize> {
    let text = doc.text().as_bytes();
    let tokens = doc.tokens();
    let mut words = Vec::new();
    for pair in [b"oe", b"Oe", b"OE"] {
        for at in memchr::memmem::find_iter(text, pair) {
            let i = tokens.partition_point(|t| t.span().end <= at);
            // Both letters in the same word token.
            if tokens.get(i).is_some_and(|t| {
                t.kind == TokenKind::Word && t.span().start <= at && at + 2 <= t.span().end
            }) {
                words.push(i);
            }
        }
    }
    words.sort_unstable();
    words.dedup();
    words
}

fn oe_ligature(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for i in words_with_oe(doc) {
        let t = &doc.tokens()[i];
        let word = doc.token_text(i);
        for (offset, part) in parts(word) {
            let fixed = with_ligature(part);
            // `coefficient`, `moelle`, `Noël`: o and e are two letters.
            if fixed == part || lexicon::french_exact(part).is_some() {
                continue;
            }
            let lower = part.to_lowercase();
            let oe_is_french = lower != part && lexicon::french_exact(&lower).is_some();
            let ligature_is_french = lexicon::french_exact(&fixed).is_some()
                || lexicon::french_exact(&fixed.to_lowercase()).is_some();
            if oe_is_french || !ligature_is_french {
                continue;
            }
            let start = t.span().start + offset;
            let span = Span::new(start, start + part.len());
            let mut d = meta.diagnostic(
                span,
                format!("« {part} » is written with the ligature: « {fixed} »"),
            );
            d.fix = Some(Fix::safe(Edit::replace(span, fixed)));
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// The targets of the deleting rules are the characters of the
    /// classes that are their prefilters, and no other; each starts with
    /// one of its lead bytes; and they are found wherever they are.
    #[test]
    fn deleted_characters_agree_with_their_classes() {
        for (class, targets) in [
            (ZERO_WIDTH, &ZERO_WIDTH_CHARS),
            ("\u{00AD}", &SOFT_HYPHEN_CHARS),
            ("\u{FEFF}", &BOM_CHARS),
            (CONTROL, &CONTROL_CHARS),
        ] {
            let class = Regex::new(&format!("^{class}$")).expect("valid");
            let mut all = String::new();
            for c in (0..0x3000)
                .chain(0xFE00..0x10000)
                .filter_map(char::from_u32)
            {
                let mut buf = [0; 4];
                let encoded = c.encode_utf8(&mut buf);
                assert_eq!((targets.test)(c), class.is_match(encoded), "{c:?}");
                if (targets.test)(c) {
                    assert!(targets.lead.contains(&encoded.as_bytes()[0]), "{c:?}");
                }
                all.push(c);
            }
            let anywhere = Regex::new(class.as_str().trim_start_matches('^').trim_end_matches('$'))
                .expect("valid");
            let mut found = Vec::new();
            targets.each(&all, |at, c| found.push((at, c)));
            let want: Vec<(usize, char)> = anywhere
                .find_iter(&all)
                .map(|m| (m.start(), m.as_str().chars().next().expect("a character")))
                .collect();
            assert_eq!(found, want);
            assert!(!found.is_empty());
        }
    }

    #[test]
    fn the_mojibake_gate_agrees_with_its_pattern() {
        crate::rules::assert_gate_agrees(
            MOJIBAKE,
            may_hold_mojibake,
            &[
                "Le cafÃ© est prÃªt",
                "Ã la maison",
                "lâ€™Ã©tÃ©",
                "Ã",
                "Un château, l’âge, le maïs, Noël.",
                "plain ascii",
            ],
        );
    }

    fn decode(text: &str) -> Vec<(String, String)> {
        mojibake_sequences(text)
            .into_iter()
            .map(|(s, d, _)| (text[s.range()].to_string(), d))
            .collect()
    }

    #[test]
    fn decodes_common_mojibake() {
        assert_eq!(
            decode("Ã©tÃ©"),
            vec![("Ã©".into(), "é".into()), ("Ã©".into(), "é".into())]
        );
        assert_eq!(decode("lâ€™armée"), vec![("â€™".into(), "’".into())]);
        assert_eq!(
            decode("â€œOuiâ€\u{9D}"),
            vec![("â€œ".into(), "“".into()), ("â€\u{9D}".into(), "”".into())]
        );
        assert_eq!(decode("ï»¿Titre"), vec![("ï»¿".into(), "".into())]);
    }

    #[test]
    fn words_with_oe_are_found_by_their_pairs() {
        let settings = crate::settings::Settings::default();
        let text = "oe Oeil, cœur, OEUVRE, oE, boeuf-oeuf, o\u{A0}e, Noël, moelle, o’e,oe";
        let source =
            crate::source::Source::new("t.txt", text, crate::source::SourceKind::PlainText);
        let doc = Document::new(&source, &settings);
        let every_word: Vec<usize> = (0..doc.tokens().len())
            .filter(|&i| {
                doc.tokens()[i].kind == TokenKind::Word
                    && doc
                        .token_text(i)
                        .as_bytes()
                        .windows(2)
                        .any(|w| matches!(w, b"oe" | b"Oe" | b"OE"))
            })
            .collect();
        assert!(every_word.len() >= 5);
        assert_eq!(words_with_oe(&doc), every_word);
    }

    /// [`suspicious_segments`] as first written: every character decoded.
    fn suspicious_segments_charwise(text: &str) -> Vec<(usize, usize)> {
        let mut segments = Vec::new();
        let mut segment_start = 0;
        let mut suspicious = false;
        for (i, c) in text.char_indices() {
            if is_stable_starter(c) {
                if suspicious && segment_start != i {
                    segments.push((segment_start, i));
                }
                segment_start = i;
                suspicious = false;
            } else {
                suspicious = true;
            }
        }
        if suspicious && segment_start != text.len() {
            segments.push((segment_start, text.len()));
        }
        segments
    }

    #[test]
    fn suspicious_segments_skip_what_cannot_change() {
        for text in [
            "",
            "e\u{301}",
            "\u{301}\u{301}a",
            "\u{301}",
            "ae\u{301}\u{302} é\u{327}x",
            "\u{1100}\u{1161}\u{11A8} 한 \u{FB01} Å Ω \u{2126}",
            "l’e\u{301}te\u{301} « c\u{327}a »\u{300}",
            "x\u{300}\u{300}\u{2002}\u{300}é\u{300}😀\u{300}",
        ] {
            assert_eq!(
                suspicious_segments(text),
                suspicious_segments_charwise(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn unsure_chars_are_the_unstable_ones() {
        for text in [
            "",
            "l’été « déjà » — 3 €, ½ µ",
            "e\u{301}te\u{301} ǅ ʰ ̀ Ω Å ﬁ 한국 😀 \u{2001}\u{20D0}\u{20CF}",
            "\u{2FF}\u{300}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}",
        ] {
            let slow: Vec<char> = text.chars().filter(|&c| !surely_stable(c)).collect();
            assert_eq!(unsure_chars(text).collect::<Vec<_>>(), slow, "{text:?}");
        }
    }

    #[test]
    fn leaves_real_french_alone() {
        assert!(decode("ÉTÉ… À« DÉJÀ »").is_empty());
        assert!(decode("São Paulo, l’été, « Çà »").is_empty());
    }
}
