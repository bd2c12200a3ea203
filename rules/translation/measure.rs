//! Measures the `translation/*` checks on real gettext catalogues: how
//! many findings they give on human translations (precision), and how
//! many faults injected into the same catalogues they find (recall).
//!
//! ```text
//! cargo run --release --example translation-measure -- /usr/share/locale/fr/LC_MESSAGES/*.mo
//! ```
//!
//! `.mo` files are decompiled with `msgunfmt` (gettext); `.po` files are
//! read as they are. For each catalogue, faults are injected into entries
//! picked by a seeded generator (`--seed N`, default 1), at most one fault
//! per entry and `--per-kind N` (default 20) of each kind per catalogue:
//! - `unchanged`: the msgstr replaced by the msgid (entries whose msgid
//!   has three words or more);
//! - `placeholder`: the first printf or brace placeholder of the msgstr
//!   removed;
//! - `number`: a number of the msgstr that the msgid holds, changed;
//! - `end-punctuation`: the `?`, `!`, `:` or `…` ending the msgstr removed.
//!
//! A fault counts as found when the rule of its kind reports a finding
//! inside the entry.

use coquille::{Category, Linter, Selector, Settings, Source, SourceKind};
use std::path::Path;
use std::process::Command;

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One entry of a catalogue: its bytes and, for a simple entry (one
/// msgid, one msgstr), their escaped contents.
struct Entry {
    text: String,
    id: Option<String>,
    translation: Option<String>,
    translated: bool,
}

/// The contents of the strings of `lines` joined.
fn joined(lines: &[&str]) -> String {
    lines
        .iter()
        .filter_map(|l| {
            let start = l.find('"')?;
            let end = l.rfind('"')?;
            (end > start).then(|| &l[start + 1..end])
        })
        .collect()
}

fn parse(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let lines: Vec<&str> = block.lines().collect();
        let field = |keyword: &str| -> Option<Vec<&str>> {
            let start = lines.iter().position(|l| l.starts_with(keyword))?;
            let mut end = start + 1;
            while end < lines.len() && lines[end].starts_with('"') {
                end += 1;
            }
            Some(lines[start..end].to_vec())
        };
        let plural = lines.iter().any(|l| l.starts_with("msgid_plural"));
        let id = field("msgid ").map(|l| joined(&l));
        let translation = field("msgstr ").map(|l| joined(&l));
        let translated = lines
            .iter()
            .any(|l| l.starts_with("msgstr") && !l.ends_with("\"\""))
            || translation.as_deref().is_some_and(|t| !t.is_empty());
        let header = id.as_deref() == Some("") && !block.contains("msgctxt");
        out.push(Entry {
            text: block.to_string(),
            id: if plural || header { None } else { id },
            translation: if plural || header { None } else { translation },
            translated: translated && !header,
        });
    }
    out
}

/// The kinds of faults, with the rule that should find each.
const KINDS: [(&str, &str); 4] = [
    ("unchanged", "translation/unchanged"),
    ("placeholder", "translation/placeholder"),
    ("number", "translation/number"),
    ("end-punctuation", "translation/end-punctuation"),
];

/// The msgstr with fault `kind`, if the entry allows it.
fn inject(kind: &str, id: &str, target: &str, rng: &mut Rng) -> Option<String> {
    let placeholder = regex::Regex::new(
        r"%(?:\d+\$)?[-+#0]*\d*(?:\.\d+)?(?:l|ll|h|z)?[diouxXeEfFgGcs]|\{[A-Za-z0-9_]*\}",
    )
    .expect("valid");
    match kind {
        "unchanged" => (id.split_whitespace().count() >= 3 && id != target).then(|| id.to_string()),
        "placeholder" => {
            let m = placeholder.find(target)?;
            Some(format!("{}{}", &target[..m.start()], &target[m.end()..]))
        }
        "number" => {
            let numbers: Vec<regex::Match> = regex::Regex::new(r"\d+")
                .expect("valid")
                .find_iter(target)
                .filter(|m| {
                    // A number standing alone (not in a placeholder, a
                    // word or a name) that the msgid holds too.
                    let before = target[..m.start()].chars().next_back();
                    let after = target[m.end()..].chars().next();
                    let joined = |c: Option<char>| {
                        c.is_some_and(|c| c.is_alphanumeric() || "_-%$.".contains(c))
                    };
                    id.contains(m.as_str()) && !joined(before) && !joined(after)
                })
                .collect();
            let m = numbers.get(rng.below(numbers.len()))?;
            let n: u64 = m.as_str().parse().ok()?;
            Some(format!(
                "{}{}{}",
                &target[..m.start()],
                n + 1 + rng.below(8) as u64,
                &target[m.end()..]
            ))
        }
        "end-punctuation" => {
            let trimmed = target.trim_end_matches(' ');
            for sign in ["...", "…", "?", "!", ":"] {
                if let Some(rest) = trimmed.strip_suffix(sign) {
                    return Some(
                        rest.trim_end_matches([' ', '\u{a0}', '\u{202f}'])
                            .to_string(),
                    );
                }
            }
            None
        }
        _ => None,
    }
}

/// The catalogue text of `path`: a `.po` as it is, a `.mo` decompiled.
fn catalogue(path: &Path) -> Option<String> {
    if path.extension().is_some_and(|e| e == "mo") {
        let out = Command::new("msgunfmt").arg(path).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8(out.stdout).ok())?
    } else {
        std::fs::read_to_string(path).ok()
    }
}

fn main() {
    let mut seed = 1u64;
    let mut per_kind = 20usize;
    // `--show RULE`: print the findings of RULE on the catalogues as they
    // are, with their entries.
    let mut show: Option<String> = None;
    // `--missed KIND`: print the faults of KIND not found.
    let mut show_missed: Option<String> = None;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            "--show" => show = args.next(),
            "--missed" => show_missed = args.next(),
            "--per-kind" => per_kind = args.next().and_then(|v| v.parse().ok()).unwrap_or(per_kind),
            _ => paths.push(a),
        }
    }
    let linter = Linter::new(Settings {
        select: vec![Selector::Category(Category::Translation)],
        ..Settings::default()
    })
    .expect("rules compile");
    let mut rng = Rng(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let (mut entries, mut findings) = (0usize, 0usize);
    let mut per_rule: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut injected = [0usize; 4];
    let mut found = [0usize; 4];
    for path in &paths {
        let Some(text) = catalogue(Path::new(path)) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let parsed = parse(&text);
        let clean = Source::new(path.clone(), text.clone(), SourceKind::Po);
        let diagnostics = linter.check(&clean);
        let count = parsed.iter().filter(|e| e.translated).count();
        entries += count;
        findings += diagnostics.len();
        for d in &diagnostics {
            *per_rule.entry(d.rule).or_default() += 1;
            if show.as_deref() == Some(d.rule) {
                let start = text[..d.span.start].rfind("\n\n").map_or(0, |i| i + 2);
                let end = text[d.span.end..]
                    .find("\n\n")
                    .map_or(text.len(), |i| d.span.end + i);
                println!("{}: {}\n{}\n", d.rule, d.message, &text[start..end]);
            }
        }
        eprintln!("{path}: {count} entries, {} findings", diagnostics.len());
        // Faults: each kind into up to `per_kind` entries not used yet.
        let mut used = vec![false; parsed.len()];
        let mut faults: Vec<(usize, usize, String)> = Vec::new();
        for (k, (kind, _)) in KINDS.iter().enumerate() {
            let mut order: Vec<usize> = (0..parsed.len()).collect();
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i + 1));
            }
            let mut made = 0;
            for i in order {
                if made == per_kind {
                    break;
                }
                let e = &parsed[i];
                let (Some(id), Some(t)) = (&e.id, &e.translation) else {
                    continue;
                };
                if used[i] || t.is_empty() {
                    continue;
                }
                if let Some(faulty) = inject(kind, id, t, &mut rng) {
                    used[i] = true;
                    faults.push((i, k, faulty));
                    made += 1;
                }
            }
        }
        // The faulty catalogue, and where each entry lies in it.
        let mut out = String::new();
        let mut ranges = Vec::new();
        for (i, e) in parsed.iter().enumerate() {
            if i > 0 {
                out.push_str("\n\n");
            }
            let start = out.len();
            match faults.iter().find(|f| f.0 == i) {
                Some((_, _, faulty)) => {
                    let head: Vec<&str> = e
                        .text
                        .lines()
                        .take_while(|l| !l.starts_with("msgstr"))
                        .collect();
                    out.push_str(&head.join("\n"));
                    out.push_str(&format!("\nmsgstr \"{faulty}\""));
                }
                None => out.push_str(&e.text),
            }
            ranges.push(start..out.len());
        }
        let faulty = Source::new(path.clone(), out, SourceKind::Po);
        let diagnostics = linter.check(&faulty);
        for (i, k, _) in &faults {
            injected[*k] += 1;
            let range = &ranges[*i];
            if diagnostics
                .iter()
                .any(|d| d.rule == KINDS[*k].1 && range.contains(&d.span.start))
            {
                found[*k] += 1;
            } else if show_missed.as_deref() == Some(KINDS[*k].0) {
                println!("missed {}:\n{}\n", KINDS[*k].0, &faulty.text[range.clone()]);
            }
        }
    }
    println!("catalogues: {}, translated entries: {entries}", paths.len());
    println!(
        "findings on the catalogues as they are: {findings} ({:.2} per 100 entries)",
        100.0 * findings as f64 / entries.max(1) as f64
    );
    for (rule, n) in &per_rule {
        println!("  {rule}: {n}");
    }
    let (all_in, all_found): (usize, usize) = (injected.iter().sum(), found.iter().sum());
    println!(
        "injected faults found: {all_found} of {all_in} ({:.1} %)",
        100.0 * all_found as f64 / all_in.max(1) as f64
    );
    for (k, (kind, _)) in KINDS.iter().enumerate() {
        println!(
            "  {kind}: {} of {} ({:.1} %)",
            found[k],
            injected[k],
            100.0 * found[k] as f64 / injected[k].max(1) as f64
        );
    }
}
