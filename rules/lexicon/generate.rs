//! Builds coquille's embedded lexicons from Debian's word lists.
//!
//! - French: the Dicollecte dictionary of `hunspell-fr-comprehensive`
//!   (`fr.dic` + `fr.aff`, MPL-2.0). Every entry is expanded with the
//!   suffix rules of the affix file into its inflected forms, keeping the
//!   morphology the dictionary carries: part of speech (`po:`), gender and
//!   number (`is:`), verb form, and the lemma (the dictionary entry).
//! - English: the SCOWL lists of `wamerican-*` / `wbritish-*`, keeping for
//!   each word the smallest SCOWL size (a commonness level) it appears in.
//!
//! Outputs (see `rules/lexicon/README.md`):
//! - `rules/lexicon/fr.fst`: form → index of a tag set;
//! - `src/lexicon/fr_tags.rs`: the tag sets (readings) and lemma rules;
//! - `rules/lexicon/en.fst`: word → level, variety, and whether the word is
//!   also French (equal to a French form but for case and accents).
//!
//! Usage: `cargo run --release --example lexgen -- ROOT`, where ROOT holds
//! one folder per Debian package, extracted with `dpkg -x PKG.deb ROOT/PKG`.

#[path = "../../src/lexicon/fold.rs"]
mod fold;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A condition character class of an affix rule.
#[derive(Debug, Clone)]
enum Class {
    Any,
    Char(char),
    Set(Vec<char>, bool),
}

impl Class {
    fn matches(&self, c: char) -> bool {
        match self {
            Class::Any => true,
            Class::Char(x) => *x == c,
            Class::Set(set, negated) => set.contains(&c) != *negated,
        }
    }
}

fn parse_condition(cond: &str) -> Vec<Class> {
    let mut out = Vec::new();
    let mut chars = cond.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => out.push(Class::Any),
            '[' => {
                let negated = chars.peek() == Some(&'^');
                if negated {
                    chars.next();
                }
                let mut set = Vec::new();
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                    set.push(c);
                }
                out.push(Class::Set(set, negated));
            }
            c => out.push(Class::Char(c)),
        }
    }
    out
}

/// One suffix rule.
#[derive(Debug, Clone)]
struct Suffix {
    strip: String,
    add: String,
    continuation: Vec<String>,
    condition: Vec<Class>,
    morph: Vec<String>,
}

impl Suffix {
    /// The form this rule makes of `word`, if it applies.
    fn apply(&self, word: &str) -> Option<String> {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < self.condition.len() || !word.ends_with(&self.strip) {
            return None;
        }
        let tail = &chars[chars.len() - self.condition.len()..];
        if !self
            .condition
            .iter()
            .zip(tail)
            .all(|(class, &c)| class.matches(c))
        {
            return None;
        }
        let stem = &word[..word.len() - self.strip.len()];
        Some(format!("{stem}{}", self.add))
    }
}

/// Splits a string of two-character flags.
fn flags(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.chunks(2).map(|c| c.iter().collect()).collect()
}

fn parse_aff(text: &str) -> HashMap<String, Vec<Suffix>> {
    let mut suffixes: HashMap<String, Vec<Suffix>> = HashMap::new();
    for line in text.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.first() != Some(&"SFX") || fields.len() < 5 {
            continue;
        }
        let (add, continuation) = match fields[3].split_once('/') {
            Some((add, cont)) => (add, flags(cont)),
            None => (fields[3], Vec::new()),
        };
        let zero = |s: &str| {
            if s == "0" {
                String::new()
            } else {
                s.to_string()
            }
        };
        suffixes
            .entry(fields[1].to_string())
            .or_default()
            .push(Suffix {
                strip: zero(fields[2]),
                add: zero(add),
                continuation,
                condition: parse_condition(fields[4]),
                morph: fields[5..].iter().map(|s| s.to_string()).collect(),
            });
    }
    suffixes
}

/// Part-of-speech codes, as stored (see `src/lexicon/mod.rs`).
fn pos_code(po: &str) -> Option<u8> {
    let code = match po {
        "nom" => 1,
        "adj" | "loc.adj" => 2,
        "adv" | "loc.adv" => 4,
        "prep" | "loc.prep" => 5,
        "interj" => 10,
        "nb" | "nbro" => 12,
        "npr" | "titr" => 9,
        "prn" => 13,
        "patr" => 14,
        _ if po.starts_with('v') && po[1..].starts_with(|c: char| c.is_ascii_digit()) => 3,
        _ if po.starts_with("cj") || po.starts_with("conj") => 6,
        _ if po.starts_with("det") => 7,
        _ if po.starts_with("pro") => 8,
        // Verb forms and persons are not parts of speech.
        "infi" | "ppre" | "ppas" | "ipre" | "iimp" | "ipsi" | "ifut" | "cond" | "spre" | "simp"
        | "impe" => {
            return None;
        }
        _ if po.len() == 3 && po.starts_with(|c: char| c.is_ascii_digit()) => return None,
        _ if po.starts_with(|c: char| c.is_ascii_digit()) && po.ends_with("sg") => return None,
        _ => 11,
    };
    Some(code)
}

/// One reading of a form: (pos, gender, number, verb form, lemma rule).
type Reading = (u8, u8, u8, u8, u32);

/// The readings of a form from its morphological fields: one per part of
/// speech, sharing gender (0 unknown, 1 masculine, 2 feminine, 3 both),
/// number (0 unknown, 1 singular, 2 plural, 3 both) and verb form (0 none,
/// 1 infinitive, 2 present participle, 3 past participle, 4 finite).
fn readings(morph: &[String], lemma_rule: u32) -> Vec<Reading> {
    let mut gender = 0u8;
    let mut number = 0u8;
    let mut vform = 0u8;
    let mut pos = Vec::new();
    for field in morph {
        let Some((key, value)) = field.split_once(':') else {
            continue;
        };
        match (key, value) {
            ("is", "mas") => gender = 1,
            ("is", "fem") => gender = 2,
            ("is", "epi") => gender = 3,
            ("is", "sg") => number = 1,
            ("is", "pl") => number = 2,
            ("is", "inv") => number = 3,
            ("po", "infi") => vform = 1,
            ("po", "ppre") => vform = 2,
            ("po", "ppas") => vform = 3,
            ("po", "ipre" | "iimp" | "ipsi" | "ifut" | "cond" | "spre" | "simp" | "impe") => {
                vform = vform.max(4)
            }
            ("po", value) => pos.extend(pos_code(value)),
            _ => {}
        }
    }
    if pos.is_empty() {
        pos.push(11);
    }
    pos.sort_unstable();
    pos.dedup();
    pos.into_iter()
        .map(|p| (p, gender, number, vform, lemma_rule))
        .collect()
}

/// The rule that turns `form` back into `lemma`: characters to strip, text
/// to append.
fn lemma_rule(form: &str, lemma: &str) -> (u8, String) {
    let common = form
        .chars()
        .zip(lemma.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let strip = form.chars().count() - common;
    let append: String = lemma.chars().skip(common).collect();
    (strip.min(255) as u8, append)
}

struct French {
    forms: BTreeMap<String, BTreeSet<Reading>>,
    rules: Vec<(u8, String)>,
    rule_index: HashMap<(u8, String), u32>,
}

impl French {
    fn rule(&mut self, form: &str, lemma: &str) -> u32 {
        let key = lemma_rule(form, lemma);
        if let Some(&i) = self.rule_index.get(&key) {
            return i;
        }
        let i = self.rules.len() as u32;
        self.rules.push(key.clone());
        self.rule_index.insert(key, i);
        i
    }

    fn add(&mut self, form: &str, lemma: &str, morph: &[String]) {
        if form.is_empty() {
            return;
        }
        let rule = self.rule(form, lemma);
        self.forms
            .entry(form.to_string())
            .or_default()
            .extend(readings(morph, rule));
    }
}

fn expand_french(aff: &str, dic: &str) -> French {
    let suffixes = parse_aff(aff);
    let mut french = French {
        forms: BTreeMap::new(),
        rules: Vec::new(),
        rule_index: HashMap::new(),
    };
    for line in dic.lines().skip(1) {
        let mut fields = line.split_whitespace();
        let Some(head) = fields.next() else { continue };
        let morph: Vec<String> = fields.map(str::to_string).collect();
        // Entries the dictionary marks as errors (`t'il`, `m'en`) are not French.
        if morph.iter().any(|m| m == "po:err") {
            continue;
        }
        let (word, word_flags) = match head.rsplit_once('/') {
            Some((w, f)) if !w.is_empty() => (w.replace("\\/", "/"), flags(f)),
            _ => (head.to_string(), Vec::new()),
        };
        // `()` (NEEDAFFIX): the entry is only a stem for its suffixes.
        if !word_flags.iter().any(|f| f == "()") {
            french.add(&word, &word, &morph);
        }
        for flag in &word_flags {
            let Some(rules) = suffixes.get(flag) else {
                continue;
            };
            for rule in rules {
                let Some(form) = rule.apply(&word) else {
                    continue;
                };
                let mut all = morph.clone();
                all.extend(rule.morph.iter().cloned());
                french.add(&form, &word, &all);
                // Twofold suffixes: a continuation flag that is a suffix.
                for cont in &rule.continuation {
                    for rule2 in suffixes.get(cont).into_iter().flatten() {
                        if let Some(form2) = rule2.apply(&form) {
                            let mut all2 = all.clone();
                            all2.extend(rule2.morph.iter().cloned());
                            french.add(&form2, &word, &all2);
                        }
                    }
                }
            }
        }
    }
    french
}

fn write_fst(path: &Path, entries: impl IntoIterator<Item = (String, u64)>) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).expect("create fst"));
    let mut builder = fst::MapBuilder::new(file).expect("fst builder");
    for (key, value) in entries {
        builder.insert(key.as_bytes(), value).expect("sorted keys");
    }
    builder.finish().expect("finish fst");
}

fn main() {
    let root = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: lexgen ROOT (extracted Debian packages)"),
    );
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));

    // French.
    let hunspell = root.join("hunspell-fr-comprehensive/usr/share/hunspell");
    let aff = std::fs::read_to_string(hunspell.join("fr.aff")).expect("fr.aff");
    let dic = std::fs::read_to_string(hunspell.join("fr.dic")).expect("fr.dic");
    let french = expand_french(&aff, &dic);
    let mut tag_sets: Vec<Vec<Reading>> = Vec::new();
    let mut tag_index: HashMap<Vec<Reading>, u64> = HashMap::new();
    let mut entries = Vec::new();
    for (form, set) in &french.forms {
        let set: Vec<Reading> = set.iter().copied().collect();
        let next = tag_sets.len() as u64;
        let index = *tag_index.entry(set.clone()).or_insert_with(|| {
            tag_sets.push(set);
            next
        });
        entries.push((form.clone(), index));
    }
    write_fst(&repo.join("rules/lexicon/fr.fst"), entries);

    let mut rust = String::from(
        "//! Generated by `cargo run --release --example lexgen` from the Dicollecte French\n//! dictionary (MPL-2.0, see rules/lexicon/LICENSE-MPL-2.0). Do not edit.\n\n",
    );
    let _ = writeln!(
        rust,
        "/// Lemma rules: (characters to strip from the form, text to append)."
    );
    let _ = writeln!(rust, "pub static LEMMA_RULES: &[(u8, &str)] = &[");
    for (strip, append) in &french.rules {
        let _ = writeln!(rust, "    ({strip}, {append:?}),");
    }
    let _ = writeln!(rust, "];\n");
    let _ = writeln!(
        rust,
        "/// Readings of all tag sets, one after another: (pos, gender, number, verb form, lemma rule)."
    );
    let _ = writeln!(rust, "pub static READINGS: &[(u8, u8, u8, u8, u32)] = &[");
    let mut offsets = vec![0u32];
    for set in &tag_sets {
        for r in set {
            let _ = writeln!(rust, "    ({}, {}, {}, {}, {}),", r.0, r.1, r.2, r.3, r.4);
        }
        offsets.push(offsets.last().copied().unwrap_or(0) + set.len() as u32);
    }
    let _ = writeln!(rust, "];\n");
    let _ = writeln!(
        rust,
        "/// Tag set `i` is `READINGS[TAG_SETS[i]..TAG_SETS[i + 1]]`."
    );
    let _ = writeln!(rust, "pub static TAG_SETS: &[u32] = &[");
    for chunk in offsets.chunks(16) {
        let line: Vec<String> = chunk.iter().map(u32::to_string).collect();
        let _ = writeln!(rust, "    {},", line.join(", "));
    }
    let _ = writeln!(rust, "];");
    std::fs::write(repo.join("src/lexicon/fr_tags.rs"), rust).expect("write fr_tags.rs");
    eprintln!(
        "French: {} forms, {} tag sets, {} readings, {} lemma rules",
        french.forms.len(),
        tag_sets.len(),
        offsets.last().copied().unwrap_or(0),
        french.rules.len()
    );

    // English: the smallest SCOWL size of each word, and its varieties.
    let lists: &[(&str, &str, u64, u64)] = &[
        ("wamerican-small", "american-english-small", 35, 1),
        ("wamerican", "american-english", 50, 1),
        ("wamerican-large", "american-english-large", 70, 1),
        ("wbritish-small", "british-english-small", 35, 2),
        ("wbritish", "british-english", 50, 2),
        ("wbritish-large", "british-english-large", 70, 2),
    ];
    let mut english: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for (package, file, level, variety) in lists {
        let path = root.join(package).join("usr/share/dict").join(file);
        let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = String::from_utf8_lossy(&text);
        for word in text.lines() {
            // Possessives are not words of their own.
            if word.contains('\'') || word.is_empty() {
                continue;
            }
            let entry = english.entry(word.to_string()).or_insert((*level, 0));
            entry.0 = entry.0.min(*level);
            entry.1 |= variety;
        }
    }
    let count = english.len();
    // Words equal to a French form but for case and accents are never
    // flagged as English: knowing it here saves the lookups at run time.
    let folded: HashSet<String> = french.forms.keys().filter_map(|f| fold::fold(f)).collect();
    let mut also_french = 0;
    // Value: level in the low byte, varieties (1 American, 2 British) in
    // bits 8-9, bit 10 when the word is also French.
    let entries: Vec<(String, u64)> = english
        .into_iter()
        .map(|(w, (level, variety))| {
            let french = fold::fold(&w).is_some_and(|f| folded.contains(&f));
            also_french += usize::from(french);
            (w, level | variety << 8 | u64::from(french) << 10)
        })
        .collect();
    write_fst(&repo.join("rules/lexicon/en.fst"), entries);
    eprintln!("English: {count} words, {also_french} also French");
}
