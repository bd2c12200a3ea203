//! The fix oracle: what `coquille fix` must guarantee on any input, checked
//! independently of the library's own structure reading.
//!
//! On each input, format and configuration:
//! - every span and edit is on character boundaries inside the text;
//! - one pass applies only reported edits, disjoint, and its text is those
//!   edits spliced in;
//! - fixing settles without a cycle, leaves no fix it should have applied,
//!   and fixing its result changes nothing;
//! - Markdown: the parser's events without the prose text are unchanged
//!   (so are code, front matter, HTML and URLs, which those events hold);
//! - gettext: the catalogue still parses, every line outside translations
//!   is byte-identical, the placeholders and escapes of each translation
//!   are unchanged, and `msgfmt --check-format` (when installed) accepts
//!   the result when it accepted the input;
//! - JSON Lines: the record still parses, and every byte outside the
//!   checked string is unchanged;
//! - XLIFF and Android resources: the file is still well-formed XML and
//!   every byte outside the targets (or translatable strings) is
//!   unchanged; JSON resources: still valid JSON with the same keys and
//!   every byte outside string values unchanged.

#![allow(dead_code)]

pub mod generate;

#[path = "../splice/mod.rs"]
mod splice;

use coquille::fix::apply_fixes;
use coquille::{Applicability, Edit, Linter, Profile, Registry, Selector, Settings, Source};
use coquille::{SourceKind, Span};
use generate::Format;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use regex::Regex;
use splice::splice;
use std::sync::LazyLock;

/// A linter and the fixes it applies.
pub struct Config {
    /// A name for failure messages.
    pub name: &'static str,
    /// The linter.
    pub linter: Linter,
    /// The lowest fixes applied.
    pub threshold: Applicability,
}

/// The configurations every input is tried with: the default rules and
/// safe fixes, every rule in the strict profile with unsafe fixes, and
/// the lenient profile.
pub fn configs() -> Vec<Config> {
    let registry = Registry::global();
    let all = Settings {
        select: registry
            .rules()
            .map(|r| Selector::Rule(r.meta().id))
            .collect(),
        profile: Profile::Strict,
        ..Settings::default()
    };
    let lenient = Settings {
        profile: Profile::Lenient,
        ..Settings::default()
    };
    vec![
        Config {
            name: "default, safe fixes",
            linter: Linter::new(Settings::default()).expect("rules compile"),
            threshold: Applicability::Safe,
        },
        Config {
            name: "ALL, strict, unsafe fixes",
            linter: Linter::new(all).expect("rules compile"),
            threshold: Applicability::Unsafe,
        },
        Config {
            name: "lenient, safe fixes",
            linter: Linter::new(lenient).expect("rules compile"),
            threshold: Applicability::Safe,
        },
    ]
}

/// The bytes (quotes included) of the `text` string of a JSON record.
pub fn json_text_literal(line: &str) -> Option<Span> {
    let fields: std::collections::HashMap<String, &serde_json::value::RawValue> =
        serde_json::from_str(line).ok()?;
    let raw = fields.get("text")?.get();
    if !raw.starts_with('"') {
        return None;
    }
    let start = raw.as_ptr() as usize - line.as_ptr() as usize;
    Some(Span::new(start, start + raw.len()))
}

/// `text` as a source of `format` (`None`: a record without a `text`
/// string).
pub fn source(text: &str, format: Format) -> Option<Source> {
    let kind = match format {
        Format::Plain => SourceKind::PlainText,
        Format::Markdown => SourceKind::Markdown,
        Format::Po => SourceKind::Po,
        Format::JsonLine => SourceKind::JsonString(json_text_literal(text)?),
        Format::Xliff => SourceKind::Xliff,
        Format::Android => SourceKind::Android,
        Format::JsonResource => SourceKind::JsonResource,
    };
    Some(Source::new("oracle", text, kind))
}

fn on_boundaries(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

/// Checks every invariant on `text` read as `format` with `config`.
pub fn check(config: &Config, format: Format, text: &str) -> Result<(), String> {
    let Some(src) = source(text, format) else {
        return Ok(());
    };
    let threshold = config.threshold;
    let diagnostics = config.linter.check(&src);
    for d in &diagnostics {
        if !on_boundaries(text, d.span) {
            return Err(format!("{} reports a bad span {:?}", d.rule, d.span));
        }
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            if !on_boundaries(text, e.span) {
                return Err(format!(
                    "{} has an edit with a bad span {:?}",
                    d.rule, e.span
                ));
            }
        }
    }

    // One pass: reported edits only, disjoint, spliced.
    let reported: Vec<&Edit> = diagnostics
        .iter()
        .filter(|d| d.is_fixable(threshold))
        .flat_map(|d| d.fix.iter().flat_map(|f| &f.edits))
        .collect();
    let applied = apply_fixes(text, &diagnostics, threshold);
    if let Some(pair) = applied
        .edits
        .windows(2)
        .find(|p| p[0].span.end > p[1].span.start)
    {
        return Err(format!("overlapping edits {pair:?}"));
    }
    if let Some(e) = applied.edits.iter().find(|e| !reported.contains(e)) {
        return Err(format!("edit {e:?} was applied but not reported"));
    }
    if applied.text != splice(text, &applied.edits) {
        return Err("one pass is not its edits applied".into());
    }

    // Fixing settles, leaves nothing it should apply, and is idempotent.
    let outcome = config.linter.fix(&src, threshold);
    if outcome.cycle {
        return Err(format!("fixes undo each other: {:?}", outcome.text));
    }
    if !outcome.converged {
        return Err(format!("fixing did not settle: {:?}", outcome.text));
    }
    if let Some(d) = outcome.remaining.iter().find(|d| d.is_fixable(threshold)) {
        return Err(format!(
            "{} still has a fix after fixing: {:?}",
            d.rule, outcome.text
        ));
    }
    let Some(fixed) = source(&outcome.text, format) else {
        return Err(format!("the record no longer parses: {:?}", outcome.text));
    };
    let again = config.linter.fix(&fixed, threshold);
    if again.text != outcome.text || again.fixes_applied != 0 {
        return Err(format!(
            "fixing twice differs from fixing once: {:?} then {:?}",
            outcome.text, again.text
        ));
    }
    if !config
        .linter
        .check(&fixed)
        .iter()
        .all(|d| !d.is_fixable(threshold))
    {
        return Err(format!(
            "checking the fixed text finds fixes: {:?}",
            outcome.text
        ));
    }

    match format {
        Format::Plain => Ok(()),
        Format::Markdown => same_markdown(text, &outcome.text),
        Format::Po => same_catalogue(text, &outcome.text),
        Format::JsonLine => same_record(text, &outcome.text),
        Format::Xliff => same_xml(text, &outcome.text, &["target"]),
        Format::Android => same_xml(text, &outcome.text, &["string", "item"]),
        Format::JsonResource => same_json(text, &outcome.text),
    }
}

/// Whether `text` is well-formed XML (quick-xml, end names checked).
fn well_formed(text: &str) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0i64;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) if depth == 0 => return Ok(()),
            Ok(quick_xml::events::Event::Eof) => return Err("an element is left open".into()),
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(_) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
}

/// `text` with the contents of the elements named in `tags` cut out (the
/// generated files never nest them).
fn without_contents(text: &str, tags: &[&str]) -> String {
    let pattern = tags.join("|");
    let re = Regex::new(&format!(
        r"(?s)(<(?:{pattern})(?:\s[^>]*)?>).*?(</(?:{pattern})>)"
    ))
    .expect("valid");
    re.replace_all(text, "$1…$2").into_owned()
}

fn same_xml(before: &str, after: &str, tags: &[&str]) -> Result<(), String> {
    well_formed(after).map_err(|e| format!("the fixed file is not well formed: {e}: {after:?}"))?;
    if without_contents(before, tags) != without_contents(after, tags) {
        return Err(format!("bytes outside the targets changed: {after:?}"));
    }
    Ok(())
}

/// The bytes of a JSON text outside its string values (keys kept).
fn json_skeleton(text: &str) -> String {
    let re = Regex::new(r#""(?:[^"\\]|\\.)*"(\s*:)?"#).expect("valid");
    re.replace_all(text, |c: &regex::Captures<'_>| {
        if c.get(1).is_some() {
            c[0].to_string()
        } else {
            "\"…\"".to_string()
        }
    })
    .into_owned()
}

fn same_json(before: &str, after: &str) -> Result<(), String> {
    serde_json::from_str::<serde_json::Value>(after)
        .map_err(|e| format!("the fixed file is not valid JSON: {e}: {after:?}"))?;
    if json_skeleton(before) != json_skeleton(after) {
        return Err(format!("bytes outside string values changed: {after:?}"));
    }
    Ok(())
}

/// The events of a Markdown text without the text of prose: text inside
/// code blocks, HTML blocks and front matter is kept whole, and a run of
/// prose text is one `text` item. A byte order mark is not content.
/// Lone `\r` line ends are line ends for CommonMark, but the parser does
/// not always read them so: both readings are kept.
pub fn markdown_skeleton(text: &str) -> Vec<String> {
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut items = events_without_prose(body);
    if body.matches('\r').count() != body.matches("\r\n").count() {
        let lf = body.replace("\r\n", "\n").replace('\r', "\n");
        items.push("lone CR reading".into());
        items.extend(events_without_prose(&lf));
    }
    items
}

fn events_without_prose(body: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut opaque = 0usize;
    let mut in_text = false;
    for event in Parser::new_ext(body, coquille::prose::markdown::options()) {
        match &event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => opaque += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                opaque = opaque.saturating_sub(1);
            }
            _ => {}
        }
        if matches!(event, Event::Text(_)) && opaque == 0 {
            if !in_text {
                items.push("text".to_string());
            }
            in_text = true;
            continue;
        }
        in_text = false;
        items.push(format!("{event:?}"));
    }
    items
}

fn same_markdown(before: &str, after: &str) -> Result<(), String> {
    let (a, b) = (markdown_skeleton(before), markdown_skeleton(after));
    if a == b {
        return Ok(());
    }
    let at = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    Err(format!(
        "the Markdown structure changed at event {at}: {:?} became {:?} (fixed text {after:?})",
        a.get(at),
        b.get(at)
    ))
}

/// What a fix must keep in a catalogue.
#[derive(Debug, PartialEq, Eq)]
struct Catalogue {
    /// Every line outside translations, byte for byte.
    outside: Vec<String>,
    /// For each translation: its escapes, and its placeholders if its
    /// entry has a format flag, in order.
    translations: Vec<Vec<String>>,
}

/// printf, Python and brace placeholders, and escapes, in raw string
/// content.
static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcsp%]",
        r"|%\([^)]*\)[-+ #0]*\d*(?:\.\d+)?[a-zA-Z]",
        r"|%L?[1-9]",
        r"|\{[^{}\s]*\}",
        r#"|\\."#,
    ))
    .expect("valid")
});

/// The C strings of a line, or `None` if it holds anything else.
fn c_strings(rest: &str) -> Option<Vec<&str>> {
    let bytes = rest.as_bytes();
    let mut strings = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i == bytes.len() {
            return Some(strings);
        }
        if bytes[i] != b'"' {
            return None;
        }
        let open = i + 1;
        i = open;
        loop {
            match bytes.get(i)? {
                b'\\' => i += 2,
                b'"' => break,
                b'\n' | b'\r' => return None,
                _ => i += 1,
            }
        }
        strings.push(&rest[open..i]);
        i += 1;
    }
}

fn read_catalogue(text: &str) -> Result<Catalogue, String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut outside = Vec::new();
    let mut translations: Vec<String> = Vec::new();
    let mut formatted_entries: Vec<bool> = Vec::new();
    let mut formatted = false;
    let mut in_translation = false;
    let mut in_field = false;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            formatted = false;
        }
        if let Some(flags) = trimmed.strip_prefix("#,") {
            formatted |= flags
                .split(',')
                .any(|f| f.trim().ends_with("-format") && !f.trim().starts_with("no-"));
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            in_field = false;
            in_translation = false;
            outside.push(line.to_string());
            continue;
        }
        let keyword = ["msgctxt", "msgid_plural", "msgid", "msgstr"]
            .into_iter()
            .find(|k| trimmed.starts_with(k));
        let rest = match keyword {
            Some(k) => {
                let mut rest = &trimmed[k.len()..];
                if k == "msgstr"
                    && let Some(r) = rest.strip_prefix('[')
                {
                    rest = r
                        .split_once(']')
                        .ok_or(format!("line {}: bad index", n + 1))?
                        .1;
                }
                in_field = true;
                in_translation = k == "msgstr";
                if in_translation {
                    translations.push(String::new());
                    formatted_entries.push(formatted);
                }
                rest
            }
            None if in_field && trimmed.starts_with('"') => trimmed,
            None => return Err(format!("line {} does not parse: {line:?}", n + 1)),
        };
        let strings = c_strings(rest).ok_or(format!("line {} does not lex: {line:?}", n + 1))?;
        if in_translation {
            if let Some(t) = translations.last_mut() {
                t.push_str(&strings.concat());
            }
            outside.push(keyword.unwrap_or("\"").to_string());
        } else {
            outside.push(line.to_string());
        }
    }
    // Escapes always; placeholders where the entry has a format flag.
    let translations = translations
        .iter()
        .zip(formatted_entries)
        .map(|(t, formatted)| {
            let mut kept: Vec<String> = DIRECTIVE
                .find_iter(t)
                .map(|m| m.as_str().to_string())
                .filter(|m| formatted || m.starts_with('\\'))
                .collect();
            // msgfmt compares a leading and a trailing newline with the
            // msgid's.
            kept.push(format!("{} {}", t.starts_with("\\n"), t.ends_with("\\n")));
            kept
        })
        .collect();
    Ok(Catalogue {
        outside,
        translations,
    })
}

/// Whether `msgfmt` accepts `text` (`None` when it is not installed).
fn msgfmt_accepts(text: &str) -> Option<bool> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("msgfmt")
        .args(["--check-format", "--check-header", "-o", "/dev/null", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(text.as_bytes()).ok()?;
    Some(child.wait().ok()?.success())
}

fn same_catalogue(before: &str, after: &str) -> Result<(), String> {
    let Ok(a) = read_catalogue(before) else {
        return Ok(());
    };
    let b = read_catalogue(after).map_err(|e| format!("the fixed catalogue: {e} ({after:?})"))?;
    {
        if a.outside != b.outside {
            return Err(format!("a line outside translations changed: {after:?}"));
        }
        if a.translations != b.translations {
            return Err(format!(
                "placeholders or escapes changed: {:?} became {:?}",
                a.translations, b.translations
            ));
        }
    }
    if before != after && std::env::var_os("COQUILLE_ORACLE_NO_MSGFMT").is_none() {
        if let (Some(true), Some(false)) = (msgfmt_accepts(before), msgfmt_accepts(after)) {
            return Err(format!("msgfmt rejects the fixed catalogue {after:?}"));
        }
    }
    Ok(())
}

fn same_record(before: &str, after: &str) -> Result<(), String> {
    let record = |line: &str| -> Result<serde_json::Map<String, serde_json::Value>, String> {
        serde_json::from_str(line).map_err(|e| format!("{e}: {line:?}"))
    };
    let (mut a, mut b) = (record(before)?, record(after)?);
    a.remove("text");
    b.remove("text");
    if a != b {
        return Err(format!("another field changed: {after:?}"));
    }
    let (la, lb) = (
        json_text_literal(before).ok_or("no text")?,
        json_text_literal(after).ok_or("no text in the fixed record")?,
    );
    if before[..la.start] != after[..lb.start] || before[la.end..] != after[lb.end..] {
        return Err(format!("bytes outside the string changed: {after:?}"));
    }
    Ok(())
}

/// A smaller input that still fails `check`: lines, then characters,
/// removed while it keeps failing (a bounded number of tries).
pub fn minimise(config: &Config, format: Format, text: &str) -> String {
    // The same failure: its message up to the first colon.
    let class = |e: &str| e.split(':').next().unwrap_or_default().to_string();
    let Err(first) = check(config, format, text) else {
        return text.to_string();
    };
    let fails = |t: &str| check(config, format, t).is_err_and(|e| class(&e) == class(&first));
    let mut best = text.to_string();
    let mut tries = 0;
    let mut progress = true;
    while progress && tries < 400 {
        progress = false;
        let pieces: Vec<&str> = best.split_inclusive('\n').collect();
        if pieces.len() > 1 {
            for i in 0..pieces.len() {
                tries += 1;
                let candidate: String = pieces
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .map(|(_, p)| *p)
                    .collect();
                if fails(&candidate) {
                    best = candidate;
                    progress = true;
                    break;
                }
            }
            if progress {
                continue;
            }
        }
        let bounds: Vec<usize> = best.char_indices().map(|(i, _)| i).collect();
        for &at in bounds.iter().rev() {
            if tries >= 400 {
                break;
            }
            tries += 1;
            let len = best[at..].chars().next().map_or(0, char::len_utf8);
            let candidate = format!("{}{}", &best[..at], &best[at + len..]);
            if fails(&candidate) {
                best = candidate;
                progress = true;
                break;
            }
        }
    }
    best
}
