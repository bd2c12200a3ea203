//! Per-thread memos of word lookups. Words repeat across a corpus, and a
//! hash-map hit costs a fraction of a lexicon search; each thread keeps its
//! own memo, so parallel checking needs no lock.

use rustc_hash::FxBuildHasher;
use std::cell::RefCell;
use std::collections::HashMap;
use std::thread::LocalKey;

/// How many words a memo keeps before it starts afresh, which bounds its
/// memory on corpora with an open vocabulary.
pub const CAPACITY: usize = 1 << 16;

/// The map behind a memo: word → result, with a fast non-cryptographic
/// hash (the keys are words of the checked text, not a security boundary).
/// Words of up to [`SHORT`] bytes, nearly all, are keyed by their bytes
/// packed into three machine words, compared and hashed without a call
/// to `memcmp`; longer ones by the string.
pub struct Map<V> {
    short: HashMap<[u64; 3], V, FxBuildHasher>,
    long: HashMap<Box<str>, V, FxBuildHasher>,
}

/// The longest word kept in [`Map`]'s packed keys, in bytes.
const SHORT: usize = 23;

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map {
            short: HashMap::default(),
            long: HashMap::default(),
        }
    }
}

impl<V> Map<V> {
    /// How many words the map holds.
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Whether the map holds no word.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

/// `word` packed into three machine words when it is at most [`SHORT`]
/// bytes long: its bytes, zeros, and its length in the last byte, so that
/// two words have the same key only when they are equal.
fn packed(word: &str) -> Option<[u64; 3]> {
    let bytes = word.as_bytes();
    if bytes.len() > SHORT {
        return None;
    }
    let mut buffer = [0u8; 24];
    buffer[..bytes.len()].copy_from_slice(bytes);
    buffer[SHORT] = bytes.len() as u8;
    let word = |i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&buffer[i * 8..i * 8 + 8]);
        u64::from_le_bytes(w)
    };
    Some([word(0), word(1), word(2)])
}

/// A memo, declared with `thread_local!` as `RefCell<Map<V>>`.
pub type Memo<V> = LocalKey<RefCell<Map<V>>>;

/// The result of `compute(word)`, from `memo` when this thread has already
/// computed it.
pub fn cached<V: Clone + 'static>(
    memo: &'static Memo<V>,
    word: &str,
    compute: impl FnOnce(&str) -> V,
) -> V {
    memo.with_borrow_mut(|seen| {
        let key = packed(word);
        let known = match &key {
            Some(key) => seen.short.get(key),
            None => seen.long.get(word),
        };
        if let Some(known) = known {
            return known.clone();
        }
        let value = compute(word);
        if seen.len() >= CAPACITY {
            seen.clear();
        }
        match key {
            Some(key) => seen.short.insert(key, value.clone()),
            None => seen.long.insert(word.into(), value.clone()),
        };
        value
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        static LENGTHS: RefCell<Map<usize>> = RefCell::new(Map::default());
    }

    #[test]
    fn computes_once_per_word() {
        let calls = Cell::new(0);
        let len = |w: &str| {
            calls.set(calls.get() + 1);
            w.len()
        };
        assert_eq!(cached(&LENGTHS, "choc", len), 4);
        assert_eq!(cached(&LENGTHS, "choc", len), 4);
        assert_eq!(cached(&LENGTHS, "shock", len), 5);
        assert_eq!(calls.get(), 2);
        // Long words, and words that differ only past a machine word or
        // by trailing zeros, are told apart.
        let long = "anticonstitutionnellement-là";
        assert_eq!(cached(&LENGTHS, long, len), long.len());
        assert_eq!(cached(&LENGTHS, long, len), long.len());
        assert_eq!(calls.get(), 3);
        for word in [
            "abcdefgh",
            "abcdefghi",
            "abcdefgh\0",
            "abcdefghijklmnopqrstuvw",
        ] {
            assert_eq!(cached(&LENGTHS, word, len), word.len());
        }
        assert_eq!(calls.get(), 7);
        assert_eq!(cached(&LENGTHS, "", len), 0);
        assert_eq!(calls.get(), 8);
    }

    #[test]
    fn starts_afresh_when_full() {
        for i in 0..=CAPACITY {
            cached(&LENGTHS, &i.to_string(), |w| w.len());
        }
        assert!(LENGTHS.with_borrow(Map::len) <= CAPACITY);
    }
}
