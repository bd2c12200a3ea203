//! The features the tagger scores a word with, computed from the word
//! forms alone (so that training on a treebank and tagging a document see
//! the same thing) and the embedded lexicon's readings.
//!
//! A feature is a 32-bit hash of a template number and the bytes it
//! concerns; the model stores weights only for the hashes it learned.

use crate::lexicon::{self, Pos, Readings, VerbForm};

/// What the tagger knows about one word before tagging: its lowercased
/// form and the summary of its lexicon readings.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    /// Byte range of the lowercased form in the sentence's buffer.
    start: u32,
    end: u32,
    /// Bit `p` set when the lexicon gives part of speech code `p`.
    pos_mask: u16,
    /// Bit `v` set when the lexicon gives verb form `v`.
    form_mask: u8,
    /// Shape bits: see [`shape`].
    shape: u8,
}

/// A sentence prepared for tagging: the lowercased forms in one buffer and
/// each word's [`WordInfo`]. Reused from sentence to sentence.
#[derive(Debug, Default)]
pub struct Prepared {
    buffer: String,
    words: Vec<WordInfo>,
    /// The lexicon readings of each word, if any.
    pub readings: Vec<Option<Readings>>,
}

const CAPITAL: u8 = 1;
const ALL_CAPITALS: u8 = 2;
const DIGIT: u8 = 4;
const HYPHEN: u8 = 8;
const APOSTROPHE: u8 = 16;
const NO_LETTER: u8 = 32;
const ALL_DIGITS: u8 = 64;

/// The shape bits of a form as written.
fn shape(form: &str) -> u8 {
    let mut bits = 0;
    let mut letters = 0;
    let mut upper = 0;
    let mut digits = 0;
    let mut chars = 0;
    for (i, c) in form.chars().enumerate() {
        chars += 1;
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
                if i == 0 {
                    bits |= CAPITAL;
                }
            }
        } else if c.is_ascii_digit() {
            digits += 1;
        } else if c == '-' {
            bits |= HYPHEN;
        } else if matches!(c, '\'' | '’') {
            bits |= APOSTROPHE;
        }
    }
    if letters > 1 && upper == letters {
        bits |= ALL_CAPITALS;
    }
    if digits > 0 {
        bits |= DIGIT;
    }
    if letters == 0 {
        bits |= NO_LETTER;
    }
    if digits > 0 && digits == chars {
        bits |= ALL_DIGITS;
    }
    bits
}

fn pos_bit(pos: Pos) -> u16 {
    1 << match pos {
        Pos::Noun => 0,
        Pos::Adjective => 1,
        Pos::Verb => 2,
        Pos::Adverb => 3,
        Pos::Preposition => 4,
        Pos::Conjunction => 5,
        Pos::Determiner => 6,
        Pos::Pronoun => 7,
        Pos::ProperNoun => 8,
        Pos::FirstName => 9,
        Pos::Surname => 10,
        Pos::Interjection => 11,
        Pos::Numeral => 12,
        Pos::Other => 13,
    }
}

fn form_bit(form: VerbForm) -> u8 {
    match form {
        VerbForm::None => 0,
        VerbForm::Infinitive => 1,
        VerbForm::PresentParticiple => 2,
        VerbForm::PastParticiple => 4,
        VerbForm::Finite => 8,
    }
}

impl Prepared {
    /// Prepares the words `forms` (as written) of one sentence.
    pub fn prepare<'f>(&mut self, forms: impl IntoIterator<Item = &'f str>) {
        self.buffer.clear();
        self.words.clear();
        self.readings.clear();
        for form in forms {
            let start = self.buffer.len() as u32;
            for c in form.chars() {
                match c {
                    '’' | 'ʼ' => self.buffer.push('\''),
                    c if c.is_ascii() => self.buffer.push(c.to_ascii_lowercase()),
                    c => self.buffer.extend(c.to_lowercase()),
                }
            }
            let end = self.buffer.len() as u32;
            let readings = if form.chars().any(char::is_alphabetic) {
                lexicon::french(form)
            } else {
                None
            };
            let (mut pos_mask, mut form_mask) = (0, 0);
            if let Some(r) = readings {
                for reading in r.iter() {
                    pos_mask |= pos_bit(reading.pos);
                    form_mask |= form_bit(reading.verb_form);
                }
            }
            self.words.push(WordInfo {
                start,
                end,
                pos_mask,
                form_mask,
                shape: shape(form),
            });
            self.readings.push(readings);
        }
    }

    /// How many words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether there is no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The lowercased form of word `i`.
    pub fn lower(&self, i: usize) -> &str {
        let w = &self.words[i];
        &self.buffer[w.start as usize..w.end as usize]
    }

    /// The feature hashes of word `i`, given the classes chosen for the two
    /// words before it (`None` before the sentence), into `out`: those of
    /// the word alone, then those of its context.
    pub fn features(&self, i: usize, prev: Option<u8>, prev2: Option<u8>, out: &mut Vec<u32>) {
        out.clear();
        self.word_features(i, out);
        self.context_features(i, prev, prev2, out);
    }

    /// The key under which the [`Prepared::word_features`] of word `i` can
    /// be remembered: everything they depend on.
    pub fn word_key(&self, i: usize, key: &mut String) {
        let info = self.words[i];
        key.clear();
        key.push_str(self.lower(i));
        key.push('\u{1}');
        for v in [
            info.shape as u32,
            info.pos_mask as u32,
            info.form_mask as u32,
        ] {
            key.push(char::from_u32(0x100 + v).unwrap_or('?'));
        }
    }

    /// The features of word `i` that depend on it alone (its form, shape
    /// and lexicon readings), appended to `out`.
    pub fn word_features(&self, i: usize, out: &mut Vec<u32>) {
        let w = self.lower(i);
        let info = self.words[i];
        out.push(hash(0, &[], 0));
        out.push(hash(1, w.as_bytes(), 0));
        // Suffixes and prefixes, by characters.
        let mut ends = w.char_indices().rev().map(|(b, _)| b);
        for k in 1..=4u32 {
            match ends.next() {
                Some(b) => out.push(hash(10 + k, &w.as_bytes()[b..], 0)),
                None => break,
            }
        }
        let mut starts = w.char_indices().map(|(b, c)| b + c.len_utf8());
        for k in 1..=3u32 {
            match starts.next() {
                Some(b) if b < w.len() => out.push(hash(20 + k, &w.as_bytes()[..b], 0)),
                _ => break,
            }
        }
        out.push(hash(30, &[], info.shape as u32));
        out.push(hash(32, &[], info.pos_mask as u32));
        out.push(hash(
            33,
            &[],
            info.form_mask as u32 | (info.pos_mask as u32) << 8,
        ));
        for bit in 0..14 {
            if info.pos_mask & (1 << bit) != 0 {
                out.push(hash(34, &[], bit));
            }
        }
    }

    /// The features of word `i` in its sentence: neighbours, position and
    /// the classes chosen before it, appended to `out`.
    pub fn context_features(
        &self,
        i: usize,
        prev: Option<u8>,
        prev2: Option<u8>,
        out: &mut Vec<u32>,
    ) {
        let w = self.lower(i);
        let info = self.words[i];
        let at = |k: isize| -> Option<usize> {
            let j = i as isize + k;
            (j >= 0 && (j as usize) < self.words.len()).then_some(j as usize)
        };
        let word = |k: isize| at(k).map_or("\u{2}", |j| self.lower(j));
        let mask = |k: isize| at(k).map_or(0xffff, |j| self.words[j].pos_mask as u32);
        let t1 = prev.map_or(255, u32::from);
        let t2 = prev2.map_or(255, u32::from);
        out.push(hash(2, word(-1).as_bytes(), 0));
        out.push(hash(3, word(1).as_bytes(), 0));
        out.push(hash(4, word(-2).as_bytes(), 0));
        out.push(hash(5, word(2).as_bytes(), 0));
        out.push(hash(31, &[], (i == 0) as u32 | (info.shape as u32) << 1));
        out.push(hash(35, &[], mask(-1)));
        out.push(hash(36, &[], mask(1)));
        out.push(hash(37, &[], mask(2)));
        out.push(hash(38, &[], mask(-1) << 16 | info.pos_mask as u32));
        out.push(hash(39, &[], info.pos_mask as u32 | mask(1) << 16));
        out.push(hash(40, &[], t1));
        out.push(hash(41, &[], t1 | t2 << 8));
        out.push(hash(42, w.as_bytes(), t1));
        out.push(hash(43, &[], t1 | (info.pos_mask as u32) << 8));
        out.push(hash(44, word(1).as_bytes(), t1));
        out.push(hash(45, &[], t1 | t2 << 8 | (info.pos_mask as u32) << 16));
        out.push(hash(46, word(-1).as_bytes(), info.pos_mask as u32));
        out.push(hash(47, word(1).as_bytes(), info.pos_mask as u32));
        out.push(hash(48, &[], t1 | mask(1) << 8));
    }
}

/// A 32-bit hash of a template number, bytes and a small value, eight
/// bytes at a time with a final mix: stable across platforms and releases
/// (the model's keys depend on it).
fn hash(template: u32, bytes: &[u8], value: u32) -> u32 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = (u64::from(template) << 32 | u64::from(value)).wrapping_mul(K) ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ word).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut tail = [0u8; 8];
        tail[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(tail))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    h ^= h >> 31;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 32;
    h as u32
}
