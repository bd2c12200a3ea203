//! Searches of a text's bytes for the first byte of a class (digits, bytes
//! that start a non-Latin-1 character…) that most prose lacks: the bytes
//! are tested 16 at a time, a test the compiler turns into vector
//! instructions, and only a block that holds one is searched byte by byte.

/// Bytes tested at a time.
const LANES: usize = 16;

/// The index of the first byte of `bytes` from `from` on for which `class`
/// holds (`None`: none, or `from` past the end). `class` must be a cheap
/// test without side effects: it is asked of every byte of a block.
pub fn first_of_class(bytes: &[u8], from: usize, class: impl Fn(u8) -> bool) -> Option<usize> {
    let mut i = from;
    while let Some(block) = bytes.get(i..i + LANES) {
        if block.iter().fold(false, |any, &b| any | class(b)) {
            break;
        }
        i += LANES;
    }
    Some(i + bytes.get(i..)?.iter().position(|&b| class(b))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same as a search byte by byte, from every offset, for classes
    /// found at the start, inside and after a block, and never.
    #[test]
    fn finds_what_a_search_byte_by_byte_finds() {
        let bytes: Vec<u8> = (0..100u8)
            .map(|i| if i % 37 == 5 { 0xE2 } else { b'a' + i % 26 })
            .collect();
        let classes: [fn(u8) -> bool; 3] = [|b| b >= 0xCC, |b| b == b'a', |b| b.is_ascii_digit()];
        for class in classes {
            for from in 0..=bytes.len() + 1 {
                let slow = bytes
                    .get(from..)
                    .and_then(|rest| rest.iter().position(|&b| class(b)))
                    .map(|p| from + p);
                assert_eq!(first_of_class(&bytes, from, class), slow, "{from}");
            }
        }
        assert_eq!(first_of_class(b"", 0, |b| b == b'a'), None);
    }
}
