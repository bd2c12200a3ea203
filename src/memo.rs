//! Per-thread memos of word lookups. Words repeat across a corpus, and a
//! hash-map hit costs a fraction of a lexicon search; each thread keeps its
//! own memo, so parallel checking needs no lock.

use std::cell::RefCell;
use std::collections::HashMap;
use std::thread::LocalKey;

/// How many words a memo keeps before it starts afresh, which bounds its
/// memory on corpora with an open vocabulary.
pub const CAPACITY: usize = 1 << 16;

/// A memo: word → result, declared with `thread_local!`.
pub type Memo<V> = LocalKey<RefCell<HashMap<Box<str>, V>>>;

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
        static LENGTHS: RefCell<HashMap<Box<str>, usize>> = RefCell::new(HashMap::new());
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
        assert!(LENGTHS.with_borrow(HashMap::len) <= CAPACITY);
    }
}
