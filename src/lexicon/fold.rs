//! Folding words for matching without case, accents and ligatures, shared
//! by the lexicon and its generator (`rules/lexicon/generate.rs`).

/// The letters (lowercase, without accents) of a Latin-1 or Latin
/// Extended-A letter, for matching without case and accents.
pub fn fold_char(c: char) -> Option<&'static str> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(match lower {
        'a'..='z' => return ASCII_LETTERS.get(lower as usize - 'a' as usize).copied(),
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => "o",
        'œ' => "oe",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        '-' => "-",
        '\'' | '’' => "'",
        _ => return None,
    })
}

const ASCII_LETTERS: [&str; 26] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z",
];

/// `word` in lowercase without accents or ligatures (`Œuvré` → `oeuvre`),
/// if every character is a letter, hyphen or apostrophe that can be
/// folded.
pub fn fold(word: &str) -> Option<String> {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        out.push_str(fold_char(c)?);
    }
    Some(out)
}
