//! Names of the characters that messages and help lines must make visible.

use unicode_normalization::char::canonical_combining_class;

/// U+00A0 NO-BREAK SPACE, as a string.
pub const NBSP: &str = "\u{00A0}";
/// U+202F NARROW NO-BREAK SPACE, as a string.
pub const NNBSP: &str = "\u{202F}";

/// The code point and name of characters that appear in messages.
pub fn char_name(c: char) -> String {
    let name = match c {
        ' ' => "SPACE",
        '\u{00A0}' => "NO-BREAK SPACE",
        '\u{202F}' => "NARROW NO-BREAK SPACE",
        '\u{2009}' => "THIN SPACE",
        '\t' => "CHARACTER TABULATION",
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{2060}' => "WORD JOINER",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (BOM)",
        '\u{2026}' => "HORIZONTAL ELLIPSIS",
        '\u{2013}' => "EN DASH",
        '\u{2014}' => "EM DASH",
        '\u{2019}' => "RIGHT SINGLE QUOTATION MARK",
        '\'' => "APOSTROPHE",
        '\u{0301}' => "COMBINING ACUTE ACCENT",
        '\u{0300}' => "COMBINING GRAVE ACCENT",
        '\u{0302}' => "COMBINING CIRCUMFLEX ACCENT",
        '\u{0308}' => "COMBINING DIAERESIS",
        '\u{0327}' => "COMBINING CEDILLA",
        '\u{7F}' => "DELETE",
        c if c.is_control() => "control character",
        _ => return format!("U+{:04X}", c as u32),
    };
    format!("U+{:04X} {name}", c as u32)
}

/// Whether `c` is a character whose presence the human eye cannot see or
/// tell from another, so that messages name it by code point.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{200B}'
                | '\u{200C}'
                | '\u{200D}'
                | '\u{2060}'
                | '\u{FEFF}'
                | '\u{202F}'
                | '\u{00A0}'
        )
        || canonical_combining_class(c) != 0
}
