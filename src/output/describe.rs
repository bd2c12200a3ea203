//! Fixes described in words, naming invisible characters.

use crate::diagnostic::{Applicability, Fix};
use crate::unicode_names::{char_name, is_invisible};

/// How a text is shown in a help line: invisible characters by name.
fn show(text: &str) -> String {
    if text.is_empty() {
        return "nothing".into();
    }
    if text == " " {
        return "a space".into();
    }
    if text.chars().all(is_invisible) {
        let mut names: Vec<String> = text.chars().map(char_name).collect();
        names.dedup();
        return names.join(" + ");
    }
    let mut special: Vec<String> = text
        .chars()
        .filter(|&c| c != ' ' && is_invisible(c))
        .map(char_name)
        .collect();
    special.sort();
    special.dedup();
    if special.is_empty() {
        format!("« {text} »")
    } else {
        format!("« {text} » (with {})", special.join(", "))
    }
}

/// The help line for `fix`, whose spans point into `text`.
pub fn describe_fix(fix: &Fix, text: &str) -> String {
    let parts: Vec<String> = fix
        .edits
        .iter()
        .map(|edit| {
            let old = &text[edit.span.range()];
            if edit.span.is_empty() {
                let next = text[edit.span.end..].chars().next();
                let prev = text[..edit.span.start].chars().next_back();
                match (prev, next) {
                    (_, Some(n)) if !n.is_whitespace() => {
                        format!("insert {} before « {n} »", show(&edit.replacement))
                    }
                    (Some(p), _) => format!("insert {} after « {p} »", show(&edit.replacement)),
                    _ => format!("insert {}", show(&edit.replacement)),
                }
            } else if edit.replacement.is_empty() {
                format!("delete {}", show(old))
            } else {
                format!("replace {} with {}", show(old), show(&edit.replacement))
            }
        })
        .collect();
    let prefix = match fix.applicability {
        Applicability::Safe => "",
        Applicability::Unsafe => "(unsafe fix) ",
        Applicability::DisplayOnly => "(suggestion) ",
    };
    format!("{prefix}{}", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Edit;
    use crate::span::Span;

    #[test]
    fn names_invisible_characters() {
        let fix = Fix::safe(Edit::insert(6, "\u{202F}"));
        assert_eq!(
            describe_fix(&fix, "étape?"),
            "insert U+202F NARROW NO-BREAK SPACE before « ? »"
        );
        let fix = Fix::unsafe_(Edit::replace(Span::new(0, 6), "12\u{202F}500"));
        assert_eq!(
            describe_fix(&fix, "12,500 €"),
            "(unsafe fix) replace « 12,500 » with « 12\u{202F}500 » (with U+202F NARROW NO-BREAK SPACE)"
        );
        let fix = Fix::safe(Edit::delete(Span::new(1, 4)));
        assert_eq!(
            describe_fix(&fix, "a\u{200B}b"),
            "delete U+200B ZERO WIDTH SPACE"
        );
    }
}
