//! Throughput of `check` and `fix` on translation files: a gettext
//! catalogue, an XLIFF 1.2 file, an Android resource file (paired with its
//! source file) and a JSON resource file (paired with `en.json`), each of a
//! few MB, generated deterministically from the project's own French texts
//! (the targets) and a pool of English strings with placeholders, numbers
//! and tags (the sources).
//!
//! Run with `cargo bench --bench formats` (4 MB per format;
//! `COQUILLE_BENCH_MB=8` for more). Without `--bench` (as `cargo test
//! --benches` runs it) it only checks, on a small size, that every format
//! reads and pairs. The same French as one plain text is measured first:
//! the difference is the cost of reading each format and of the bilingual
//! checks.

#[allow(dead_code)] // `corpus` is for the other benchmarks.
mod common;

use coquille::{Applicability, Linter, Settings, Source, SourceKind};
use std::time::Instant;

/// English sources: placeholders, numbers, tags and end punctuation that
/// the targets carry over.
const SOURCES: &[(&str, &str)] = &[
    ("Deleted %s", "%s"),
    ("Copied {count} files to {folder}.", "{count} {folder}"),
    ("Click <b>Save</b> to keep your changes.", "<b>%</b>"),
    ("Wait 30 seconds, then try again", "30"),
    ("Open the settings", ""),
];

/// The (source, target) strings of a file of about `bytes`: each target
/// a sentence of the project's texts with the placeholders, number or tag
/// of its source, in a fixed order.
fn entries(bytes: usize) -> Vec<(&'static str, String)> {
    let sentences: Vec<String> = common::paragraphs()
        .iter()
        .flat_map(|p| {
            p.split_inclusive(['.', '?', '!'])
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
        })
        .filter(|s| s.len() > 20 && !s.contains(['<', '>', '%', '{', '}', '\\', '#']))
        .collect();
    let mut out = Vec::new();
    let mut total = 0;
    let mut i = 0usize;
    while total < bytes {
        let sentence = &sentences[(i * 7919) % sentences.len()];
        let (source, carried) = SOURCES[i % SOURCES.len()];
        let target = match carried {
            "" => sentence.clone(),
            tag if tag.contains('%') && tag.starts_with('<') => {
                let (open, close) = tag.split_once('%').unwrap_or((tag, ""));
                format!("{open}{sentence}{close}")
            }
            codes => format!("{sentence} {codes}"),
        };
        total += source.len() + target.len();
        out.push((source, target));
        i += 1;
    }
    out
}

fn xml_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A string with its tags kept as markup and the rest escaped.
fn xml_text(text: &str) -> String {
    xml_escaped(text)
        .replace("&lt;b&gt;", "<b>")
        .replace("&lt;/b&gt;", "</b>")
}

fn po(entries: &[(&str, String)]) -> Source {
    let quoted = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut text =
        String::from("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n");
    for (n, (source, target)) in entries.iter().enumerate() {
        let flag = if source.contains('%') {
            "#, c-format\n"
        } else {
            ""
        };
        text.push_str(&format!(
            "#: src/main.c:{n}\n{flag}msgid \"{}\"\nmsgstr \"{}\"\n\n",
            quoted(source),
            quoted(target)
        ));
    }
    Source::new("fr.po", text, SourceKind::Po)
}

fn xliff(entries: &[(&str, String)]) -> Source {
    let mut text = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\" original=\"app\"><body>\n",
    );
    for (n, (source, target)) in entries.iter().enumerate() {
        text.push_str(&format!(
            "<trans-unit id=\"u{n}\"><source>{}</source><target>{}</target></trans-unit>\n",
            xml_text(source),
            xml_text(target)
        ));
    }
    text.push_str("</body></file></xliff>\n");
    Source::new("fr.xlf", text, SourceKind::Xliff)
}

fn android(entries: &[(&str, String)]) -> Source {
    let file = |pick: &dyn Fn(&(&str, String)) -> String| {
        let mut text = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<resources>\n");
        for (n, entry) in entries.iter().enumerate() {
            let value = xml_text(&pick(entry))
                .replace('\'', "\\'")
                .replace('"', "\\\"");
            text.push_str(&format!("    <string name=\"s{n}\">{value}</string>\n"));
        }
        text.push_str("</resources>\n");
        text
    };
    let source = file(&|e| e.0.to_string());
    Source::new(
        "values-fr/strings.xml",
        file(&|e| e.1.clone()),
        SourceKind::Android,
    )
    .with_counterpart(source)
}

fn json(entries: &[(&str, String)]) -> Source {
    let file = |pick: &dyn Fn(&(&str, String)) -> String| {
        let object: serde_json::Map<String, serde_json::Value> = entries
            .iter()
            .enumerate()
            .map(|(n, e)| (format!("key{n}"), serde_json::Value::String(pick(e))))
            .collect();
        serde_json::to_string_pretty(&object).expect("JSON")
    };
    let source = file(&|e| e.0.to_string());
    Source::new("fr.json", file(&|e| e.1.clone()), SourceKind::JsonResource)
        .with_counterpart(source)
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let megabytes = common::megabytes(bench, 4.0, 0.1);
    if !bench {
        println!(
            "small run without --bench: it checks that the formats work; its figures mean nothing"
        );
    }
    let entries = entries((megabytes * 1e6) as usize);
    let linter = Linter::new(Settings::default()).expect("rules compile");
    println!(
        "{} entries per file, one core, one pass each",
        entries.len()
    );
    // The same French as plain text, for the cost of reading each format.
    let plain: Vec<&str> = entries.iter().map(|e| e.1.as_str()).collect();
    let plain = Source::new("fr.txt", plain.join("\n\n"), SourceKind::PlainText);
    for (name, source) in [
        ("text", plain),
        ("gettext", po(&entries)),
        ("XLIFF", xliff(&entries)),
        ("Android", android(&entries)),
        ("JSON", json(&entries)),
    ] {
        let mb = source.text.len() as f64 / 1e6;
        let start = Instant::now();
        let found = linter.check(&source);
        let check = start.elapsed().as_secs_f64();
        let bilingual = found
            .iter()
            .filter(|d| d.rule.starts_with("translation/"))
            .count();
        let start = Instant::now();
        let fixed = linter.fix(&source, Applicability::Safe);
        let fix = start.elapsed().as_secs_f64();
        // Every format reads its targets and pairs them: the sources'
        // numbers and tags are carried over, so few bilingual findings.
        assert!(!found.is_empty(), "{name}: the French texts hold faults");
        if source.kind == SourceKind::PlainText {
            assert_eq!(bilingual, 0, "plain text has no sources");
        }
        assert!(
            bilingual * 10 < entries.len(),
            "{name}: {bilingual} bilingual findings for {} entries",
            entries.len()
        );
        println!(
            "{name:8} {mb:5.1} MB  {:6} findings ({bilingual} translation/*)  check {:5.1} MB/s  fix {:5.1} MB/s ({} fixes)",
            found.len(),
            mb / check,
            mb / fix,
            fixed.fixes_applied
        );
    }
}
