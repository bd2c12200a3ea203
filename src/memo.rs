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
pub type Map<V> = HashMap<Box<str>, V, FxBuildHasher>;

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
        if let Some(known) = seen.get(word) {
            return known.clone();
        }
        let value = compute(word);
        if seen.len() >= CAPACITY {
            seen.clear();
        }
        seen.insert(word.into(), value.clone());
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
    }

    #[test]
    fn starts_afresh_when_full() {
        for i in 0..=CAPACITY {
            cached(&LENGTHS, &i.to_string(), |w| w.len());
        }
        assert!(LENGTHS.with_borrow(Map::len) <= CAPACITY);
    }
}
