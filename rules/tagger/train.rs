//! Trains the part-of-speech tagger on UD French-Sequoia and writes
//! `rules/tagger/pos.model`:
//!
//! ```text
//! cargo run --release --example train-tagger
//! ```
//!
//! An averaged perceptron, decoding greedily from left to right (as the
//! tagger does), trained on the train and dev parts for a fixed number of
//! passes in a fixed pseudo-random order: the same data gives the same
//! model, byte for byte. The test part is never trained on; the program
//! prints the accuracy on it. With `--eval` it trains on train only and
//! prints the dev accuracy after each pass (to choose the number of passes);
//! with `--speed` it only measures how fast the checked-in model tags; with
//! `--report FILE…` it prints the checked-in model's accuracy (UPOS, gender,
//! number) on other CoNLL-U files.

use coquille::tagger::conllu::{self, GoldSentence};
use coquille::tagger::features::Prepared;
use coquille::tagger::model;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::path::Path;

/// Passes over the training data (chosen on the dev part with `--eval`).
const PASSES: usize = 10;
/// Weights are stored to a hundredth; smaller ones are dropped.
const SCALE: f32 = 100.0;

/// One class weight of one feature, with what averaging needs.
#[derive(Clone, Copy, Default)]
struct Param {
    weight: f32,
    total: f64,
    stamp: u32,
}

struct Perceptron {
    classes: usize,
    params: FxHashMap<u32, Vec<(u8, Param)>>,
    step: u32,
}

impl Perceptron {
    fn scores(&self, feats: &[u32], out: &mut [f32]) {
        out.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(ps) = self.params.get(f) {
                for (c, p) in ps {
                    out[*c as usize] += p.weight;
                }
            }
        }
    }

    fn update(&mut self, feats: &[u32], class: u8, delta: f32) {
        let step = self.step;
        for &f in feats {
            let ps = self.params.entry(f).or_default();
            let p = match ps.iter().position(|(c, _)| *c == class) {
                Some(k) => &mut ps[k].1,
                None => {
                    ps.push((class, Param::default()));
                    &mut ps.last_mut().expect("pushed").1
                }
            };
            p.total += f64::from(p.weight) * f64::from(step - p.stamp);
            p.stamp = step;
            p.weight += delta;
        }
    }

    fn averaged(&self) -> Vec<(u32, Vec<(u8, f32)>)> {
        let step = self.step.max(1);
        let mut out: Vec<(u32, Vec<(u8, f32)>)> = self
            .params
            .iter()
            .map(|(&f, ps)| {
                let mut ws: Vec<(u8, f32)> = ps
                    .iter()
                    .map(|(c, p)| {
                        let total = p.total + f64::from(p.weight) * f64::from(step - p.stamp);
                        (*c, (total / f64::from(step)) as f32)
                    })
                    .collect();
                ws.sort_by_key(|(c, _)| *c);
                (f, ws)
            })
            .collect();
        out.sort_by_key(|(f, _)| *f);
        out
    }
}

fn argmax(scores: &[f32]) -> u8 {
    let mut best = 0;
    for (c, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = c;
        }
    }
    best as u8
}

fn read(dir: &Path, part: &str) -> Vec<GoldSentence> {
    let path = dir.join(format!("fr_sequoia-ud-{part}.conllu"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    conllu::parse(&text)
}

/// A small deterministic generator for the order of the sentences.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn train(
    sentences: &[GoldSentence],
    classes: &[String],
    passes: usize,
    mut after_pass: impl FnMut(usize, &Perceptron),
) -> Perceptron {
    let index: FxHashMap<&str, u8> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i as u8))
        .collect();
    let mut p = Perceptron {
        classes: classes.len(),
        params: FxHashMap::default(),
        step: 0,
    };
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut words = Prepared::default();
    let mut feats = Vec::new();
    let mut scores = vec![0f32; p.classes];
    for pass in 0..passes {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &s in &order {
            let sentence = &sentences[s];
            words.prepare(sentence.tokens.iter().map(|t| t.form.as_str()));
            let (mut prev, mut prev2) = (None, None);
            for (i, token) in sentence.tokens.iter().enumerate() {
                p.step += 1;
                words.features(i, prev, prev2, &mut feats);
                p.scores(&feats, &mut scores);
                let guess = argmax(&scores);
                let gold = index[token.class.as_str()];
                if guess != gold {
                    p.update(&feats, gold, 1.0);
                    p.update(&feats, guess, -1.0);
                }
                prev2 = prev;
                prev = Some(guess);
            }
        }
        after_pass(pass, &p);
    }
    p
}

/// UPOS accuracy of a model over syntactic words (a contraction counts
/// for its parts), and over surface tokens of the full classes.
fn evaluate(bytes: &[u8], sentences: &[GoldSentence]) -> (f64, f64) {
    let tagger = coquille::tagger::Tagger::new(bytes);
    let names = tagger.class_names().to_vec();
    let mut words = Prepared::default();
    let mut tags = Vec::new();
    let (mut right, mut total, mut class_right, mut tokens) = (0, 0, 0, 0);
    for s in sentences {
        words.prepare(s.tokens.iter().map(|t| t.form.as_str()));
        tagger.tag(&words, &mut tags);
        for (t, tag) in s.tokens.iter().zip(&tags) {
            let name = names[tag.class as usize];
            tokens += 1;
            class_right += usize::from(name == t.class);
            let predicted: Vec<&str> = name
                .split('+')
                .map(|p| p.split(':').next().unwrap_or(p))
                .collect();
            for (k, gold) in t.upos.iter().enumerate() {
                total += 1;
                right += usize::from(predicted.get(k) == Some(&gold.as_str()));
            }
        }
    }
    (
        right as f64 / total as f64,
        class_right as f64 / tokens as f64,
    )
}

/// Tags the test part `rounds` times with the embedded model and prints
/// the words per second (one core, features and lexicon look-ups included,
/// readings built).
fn speed(sentences: &[GoldSentence], rounds: usize) {
    let tagger = &*coquille::tagger::TAGGER;
    let mut words = Prepared::default();
    let mut tags = Vec::new();
    let start = std::time::Instant::now();
    let mut n = 0usize;
    for _ in 0..rounds {
        for s in sentences {
            words.prepare(s.tokens.iter().map(|t| t.form.as_str()));
            tagger.tag(&words, &mut tags);
            for (i, (t, &tag)) in s.tokens.iter().zip(&tags).enumerate() {
                std::hint::black_box(tagger.reading(&words, i, &t.form, tag));
            }
            n += tags.len();
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    eprintln!(
        "speed: {n} words in {seconds:.3} s, {:.2} M words/s",
        n as f64 / seconds / 1e6
    );
}

/// How often the gender and number of the readings match the treebank's,
/// over the words where both give one (nouns, adjectives, determiners,
/// pronouns, participles), as (gender right, gender total, number right,
/// number total).
fn morphology(sentences: &[GoldSentence]) -> (usize, usize, usize, usize) {
    use coquille::lexicon::{Gender, Number};
    let (mut g_ok, mut g_n, mut n_ok, mut n_n) = (0, 0, 0, 0);
    for s in sentences {
        let forms: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
        let readings = coquille::tagger::tag_words(&forms);
        for (t, r) in s.tokens.iter().zip(&readings) {
            let Some(feats) = t.feats.last() else {
                continue;
            };
            if t.upos.len() != 1 || r.upos.name() != t.upos[0] {
                continue;
            }
            let gold_gender = conllu::feature(feats, "Gender");
            let gender = match r.gender {
                Some(Gender::Masculine) => Some("Masc"),
                Some(Gender::Feminine) => Some("Fem"),
                _ => None,
            };
            if let (Some(g), Some(p)) = (gold_gender, gender) {
                g_n += 1;
                g_ok += usize::from(g == p);
            }
            let number = match r.number {
                Some(Number::Singular) => Some("Sing"),
                Some(Number::Plural) => Some("Plur"),
                _ => None,
            };
            if let (Some(g), Some(p)) = (conllu::feature(feats, "Number"), number) {
                n_n += 1;
                n_ok += usize::from(g == p);
            }
        }
    }
    (g_ok, g_n, n_ok, n_n)
}

/// Prints the accuracy of the embedded model on the CoNLL-U file `path`
/// (any treebank: UD French-GSD's test part for another genre).
fn report(path: &Path) {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let sentences = conllu::parse(&text);
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/tagger/pos.model"))
        .expect("rules/tagger/pos.model");
    let (upos, full) = evaluate(&bytes, &sentences);
    let (g_ok, g_n, n_ok, n_n) = morphology(&sentences);
    eprintln!(
        "{}: {} sentences, UPOS {:.4} (classes with verb form {:.4}); gender {:.4} of {}, number {:.4} of {} (embedded model, words whose UPOS is right)",
        path.display(),
        sentences.len(),
        upos,
        full,
        g_ok as f64 / g_n.max(1) as f64,
        g_n,
        n_ok as f64 / n_n.max(1) as f64,
        n_n
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/tagger");
    let data = root.join("sequoia");
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--report") {
        for path in &args[i + 1..] {
            report(Path::new(path));
        }
        return;
    }
    if std::env::args().any(|a| a == "--speed") {
        speed(&read(&data, "test"), 20);
        return;
    }
    let eval_only = std::env::args().any(|a| a == "--eval");
    let train_part = read(&data, "train");
    let dev = read(&data, "dev");
    let test = read(&data, "test");
    let training: Vec<GoldSentence> = if eval_only {
        train_part
    } else {
        train_part.into_iter().chain(dev.iter().cloned()).collect()
    };
    let classes: Vec<String> = training
        .iter()
        .flat_map(|s| s.tokens.iter().map(|t| t.class.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    eprintln!(
        "{} sentences, {} classes: {}",
        training.len(),
        classes.len(),
        classes.join(" ")
    );
    let passes = if eval_only { 20 } else { PASSES };
    let p = train(&training, &classes, passes, |pass, p| {
        if eval_only {
            let bytes = model::write(&classes, &p.averaged(), SCALE);
            let (upos, full) = evaluate(&bytes, &dev);
            eprintln!(
                "pass {:2}: dev UPOS {:.4}, classes {:.4}",
                pass + 1,
                upos,
                full
            );
        } else {
            eprintln!("pass {} done", pass + 1);
        }
    });
    let bytes = model::write(&classes, &p.averaged(), SCALE);
    let (upos, full) = evaluate(&bytes, &test);
    eprintln!(
        "test UPOS accuracy {:.4} (classes {:.4}), model {} bytes",
        upos,
        full,
        bytes.len()
    );
    if !eval_only {
        let out = root.join("pos.model");
        std::fs::write(&out, &bytes)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
        eprintln!("wrote {}", out.display());
    }
}
