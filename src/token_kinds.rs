//! The tokens of a document grouped by kind, so that an analysis or a rule
//! that looks at one kind (punctuation, numbers, elided words, quotation
//! marks…) visits those tokens alone: a tenth of the tokens are
//! punctuation, and a loop over every token spends most of its time
//! skipping the others.

use crate::tokenize::{Token, TokenKind};

/// How many lists a [`KindIndex`] holds: one per kind, every kind of space
/// sharing one.
const SLOTS: usize = 11;

/// The list of `kind`: every [`TokenKind::Space`] shares one.
fn slot(kind: TokenKind) -> usize {
    match kind {
        TokenKind::Word => 0,
        TokenKind::Elided => 1,
        TokenKind::Number => 2,
        TokenKind::Space(_) => 3,
        TokenKind::LineBreak => 4,
        TokenKind::Punct => 5,
        TokenKind::Quote => 6,
        TokenKind::Url => 7,
        TokenKind::Email => 8,
        TokenKind::Code => 9,
        TokenKind::Symbol => 10,
    }
}

/// The indexes of a document's tokens, in order, grouped by kind: one
/// array sorted by kind, then by index (a counting sort, two passes over
/// the tokens and one allocation). Offsets are `u32` like the tokens' own
/// (a document holds at most 4 GiB).
#[derive(Debug, Default)]
pub struct KindIndex {
    /// Every token index, those of the first kind first.
    order: Vec<u32>,
    /// Where the indexes of each kind start in `order`, and its end.
    starts: [usize; SLOTS + 1],
}

impl KindIndex {
    /// Groups `tokens`.
    pub fn new(tokens: &[Token]) -> KindIndex {
        let mut counts = [0usize; SLOTS];
        for t in tokens {
            counts[slot(t.kind)] += 1;
        }
        let mut starts = [0; SLOTS + 1];
        for (s, count) in counts.iter().enumerate() {
            starts[s + 1] = starts[s] + count;
        }
        let mut next: [usize; SLOTS] = std::array::from_fn(|s| starts[s]);
        let mut order = vec![0u32; tokens.len()];
        for (i, t) in tokens.iter().enumerate() {
            let at = &mut next[slot(t.kind)];
            // Token indexes fit in `u32`: there are fewer tokens than bytes.
            order[*at] = i as u32;
            *at += 1;
        }
        KindIndex { order, starts }
    }

    /// The indexes of the tokens of `kind`, in order. `TokenKind::Space` of
    /// any kind gives every space token, whatever its kind.
    pub fn of(
        &self,
        kind: TokenKind,
    ) -> impl DoubleEndedIterator<Item = usize> + ExactSizeIterator + '_ {
        let s = slot(kind);
        self.order[self.starts[s]..self.starts[s + 1]]
            .iter()
            .map(|&i| i as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::{SpaceKind, tokenize};

    #[test]
    fn every_token_is_listed_once_under_its_kind() {
        let text = "L’hôtel (3,5 km) : « ici » — voir https://exemple.fr\u{a0}! $ 12\t`--x`";
        let tokens = tokenize(text);
        let index = KindIndex::new(&tokens);
        let kinds = [
            TokenKind::Word,
            TokenKind::Elided,
            TokenKind::Number,
            TokenKind::Space(SpaceKind::Ascii),
            TokenKind::LineBreak,
            TokenKind::Punct,
            TokenKind::Quote,
            TokenKind::Url,
            TokenKind::Email,
            TokenKind::Code,
            TokenKind::Symbol,
        ];
        let mut seen = vec![0; tokens.len()];
        for kind in kinds {
            let listed: Vec<usize> = index.of(kind).collect();
            assert!(listed.windows(2).all(|w| w[0] < w[1]), "{kind:?} in order");
            for i in listed {
                assert_eq!(slot(tokens[i].kind), slot(kind), "token {i} under {kind:?}");
                seen[i] += 1;
            }
        }
        assert!(seen.iter().all(|&n| n == 1), "{seen:?}");
        // Every kind of space is under one list.
        let spaces = index.of(TokenKind::Space(SpaceKind::Nbsp)).count();
        assert_eq!(spaces, tokens.iter().filter(|t| t.is_space()).count());
        assert!(spaces >= 10);
        assert_eq!(index.of(TokenKind::Elided).count(), 1);
        assert_eq!(index.of(TokenKind::Number).count(), 2);
        assert_eq!(index.of(TokenKind::Url).count(), 1);
    }
}
