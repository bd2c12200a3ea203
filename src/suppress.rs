//! Suppression comments: findings the author chose to keep.
//!
//! - Markdown and HTML: `<!-- coquille-disable rule,… -->` …
//!   `<!-- coquille-enable -->`, and `<!-- coquille-ignore-next-line rule,… -->`.
//! - gettext catalogues: a translator comment `# coquille-ignore rule,…`
//!   for its entry.
//! - Plain text: a line `coquille-ignore-next-line` (rules optional).
//!
//! A rule list names rule ids or categories (`spacing`); no list means
//! every rule. A suppression that suppresses nothing is reported by
//! `suppression/unused` when that rule is selected.

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::span::Span;

/// The id of the rule that reports suppressions that suppress nothing.
pub const UNUSED_RULE: &str = "suppression/unused";

/// What a suppression comment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    /// Suppresses from here to the matching enable (or the end).
    Disable,
    /// Ends earlier disables.
    Enable,
    /// Suppresses the next line.
    IgnoreNextLine,
    /// Suppresses a whole gettext entry (source bytes).
    IgnoreEntry(Span),
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// What it does.
    pub kind: DirectiveKind,
    /// The rules or categories it names; empty means all.
    pub rules: Vec<String>,
    /// The comment, in source bytes.
    pub span: Span,
}

/// Parses the words after `coquille-`: `disable spacing,quotes/unclosed`.
/// Returns the kind (without the entry span) and the rule list.
pub fn parse_body(body: &str) -> Option<(&'static str, Vec<String>)> {
    let body = body.trim();
    let rest = body.strip_prefix("coquille-")?;
    let (name, list) = rest
        .split_once(char::is_whitespace)
        .map_or((rest, ""), |(n, l)| (n, l));
    let name = match name {
        "disable" => "disable",
        "enable" => "enable",
        "ignore-next-line" => "ignore-next-line",
        "ignore" => "ignore",
        _ => return None,
    };
    let rules = list
        .split([',', ' '])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    Some((name, rules))
}

/// Collects the directives of the HTML `html` (a block or inline HTML that
/// starts at source byte `offset`): one per `<!-- coquille-… -->` comment.
pub fn html_directives(html: &str, offset: usize, out: &mut Vec<Directive>) {
    let mut pos = 0;
    while let Some(open) = html[pos..].find("<!--") {
        let start = pos + open;
        let Some(len) = html[start + 4..].find("-->") else {
            return;
        };
        let end = start + 4 + len + 3;
        let kind = match parse_body(&html[start + 4..end - 3]) {
            Some(("disable", rules)) => Some((DirectiveKind::Disable, rules)),
            Some(("enable", rules)) => Some((DirectiveKind::Enable, rules)),
            Some(("ignore-next-line", rules)) => Some((DirectiveKind::IgnoreNextLine, rules)),
            _ => None,
        };
        if let Some((kind, rules)) = kind {
            out.push(Directive {
                kind,
                rules,
                span: Span::new(offset + start, offset + end),
            });
        }
        pos = end;
    }
}

/// The `coquille-ignore-next-line` lines of a plain text.
pub fn plain_directives(text: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    // `memmem` is vectorised, where `str::contains` is not.
    if memchr::memmem::find(text.as_bytes(), b"coquille-ignore-next-line").is_none() {
        return out;
    }
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some(("ignore-next-line", rules)) = parse_body(content) {
            let lead = content.len() - content.trim_start().len();
            out.push(Directive {
                kind: DirectiveKind::IgnoreNextLine,
                rules,
                span: Span::new(start + lead, start + content.trim_end().len()),
            });
        }
        start += line.len();
    }
    out
}

/// Whether a rule list entry names `rule`.
fn names(entry: &str, rule: &str) -> bool {
    let entry = entry.trim_end_matches('/');
    entry == "ALL"
        || entry == rule
        || rule
            .strip_prefix(entry)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// A stretch of source where some rules are suppressed.
struct Region {
    span: Span,
    directive: usize,
}

/// The line after the one holding byte `at`.
fn next_line(text: &str, at: usize) -> Span {
    let start = text[at.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| at + i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    Span::new(start, end)
}

fn regions(text: &str, directives: &[Directive]) -> Vec<Region> {
    let mut regions = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        match d.kind {
            DirectiveKind::IgnoreNextLine => regions.push(Region {
                span: next_line(text, d.span.end),
                directive: i,
            }),
            DirectiveKind::IgnoreEntry(entry) => regions.push(Region {
                span: entry,
                directive: i,
            }),
            DirectiveKind::Disable => open.push(i),
            DirectiveKind::Enable => {
                open.retain(|&j| {
                    let opened = &directives[j];
                    let closes = d.rules.is_empty()
                        || (!opened.rules.is_empty()
                            && opened.rules.iter().any(|r| d.rules.contains(r)));
                    if closes {
                        regions.push(Region {
                            span: Span::new(opened.span.end, d.span.start),
                            directive: j,
                        });
                    }
                    !closes
                });
            }
        }
    }
    for j in open {
        regions.push(Region {
            span: Span::new(directives[j].span.end, text.len()),
            directive: j,
        });
    }
    regions
}

/// Drops the diagnostics (in source coordinates) that `directives`
/// suppress, and those inside a suppression comment itself; when the
/// rule `suppression/unused` runs (`runs` tells which rules do), adds its
/// finding for each suppression that suppressed nothing.
pub fn apply(
    text: &str,
    directives: &[Directive],
    diagnostics: &mut Vec<Diagnostic>,
    runs: &dyn Fn(&str) -> bool,
) {
    if directives.is_empty() {
        return;
    }
    let mut regions = regions(text, directives);
    regions.sort_by_key(|r| r.span.start);
    let mut comments: Vec<Span> = directives.iter().map(|d| d.span).collect();
    comments.sort();
    let mut used = vec![false; directives.len()];
    // One sweep over findings and regions in source order: the regions
    // that have started and not ended are the only candidates.
    diagnostics.sort_by_key(|d| d.span.start);
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    diagnostics.retain(|d| {
        let at = d.span.start;
        let before = comments.partition_point(|c| c.start <= at);
        if before > 0 && comments[before - 1].contains(d.span) {
            return false;
        }
        while next < regions.len() && regions[next].span.start <= at {
            active.push(next);
            next += 1;
        }
        active.retain(|&r| regions[r].span.end > at);
        let mut keep = true;
        for &r in &active {
            let directive = &directives[regions[r].directive];
            if directive.rules.is_empty() || directive.rules.iter().any(|n| names(n, d.rule)) {
                used[regions[r].directive] = true;
                keep = false;
            }
        }
        keep
    });
    if !runs(UNUSED_RULE) {
        return;
    }
    for (i, d) in directives.iter().enumerate() {
        if used[i] || d.kind == DirectiveKind::Enable {
            continue;
        }
        let what = if d.rules.is_empty() {
            "any rule".to_string()
        } else {
            d.rules.join(", ")
        };
        diagnostics.push(Diagnostic {
            rule: UNUSED_RULE,
            category: Category::Suppression,
            severity: Severity::Info,
            span: d.span,
            message: format!("this suppression comment suppresses nothing (for {what})"),
            fix: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Category;

    fn finding(rule: &'static str, at: usize) -> Diagnostic {
        Diagnostic {
            rule,
            category: Category::Spacing,
            severity: Severity::Warning,
            span: Span::new(at, at + 1),
            message: String::new(),
            fix: None,
        }
    }

    #[test]
    fn parses_bodies() {
        assert_eq!(
            parse_body(" coquille-disable spacing, quotes/unclosed "),
            Some(("disable", vec!["spacing".into(), "quotes/unclosed".into()]))
        );
        assert_eq!(parse_body("coquille-enable"), Some(("enable", vec![])));
        assert_eq!(parse_body("coquille-whatever"), None);
        assert_eq!(parse_body("note"), None);
    }

    #[test]
    fn disable_enable_and_next_line() {
        let text = "<!-- coquille-disable spacing -->\na b\n<!-- coquille-enable -->\nc d\n<!-- coquille-ignore-next-line -->\ne f\ng h\n";
        let mut directives = Vec::new();
        html_directives(text, 0, &mut directives);
        assert_eq!(directives.len(), 3);
        let at = |s: &str| text.find(s).expect("in text");
        let mut found = vec![
            finding("spacing/x", at("a b")),
            finding("quotes/y", at("a b")),
            finding("spacing/x", at("c d")),
            finding("quotes/y", at("e f")),
            finding("quotes/y", at("g h")),
        ];
        apply(text, &directives, &mut found, &|_| true);
        let left: Vec<(&str, usize)> = found.iter().map(|d| (d.rule, d.span.start)).collect();
        assert_eq!(
            left,
            vec![
                ("quotes/y", at("a b")),
                ("spacing/x", at("c d")),
                ("quotes/y", at("g h"))
            ]
        );
    }

    #[test]
    fn unused_suppressions_are_reported() {
        let text = "coquille-ignore-next-line quotes\nTout va bien.\n";
        let directives = plain_directives(text);
        assert_eq!(directives.len(), 1);
        assert_eq!(
            &text[directives[0].span.range()],
            "coquille-ignore-next-line quotes"
        );
        let mut found = vec![finding("spacing/x", 40)];
        apply(text, &directives, &mut found, &|_| true);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].rule, UNUSED_RULE);
        let mut quiet = vec![];
        apply(text, &directives, &mut quiet, &|_| false);
        assert!(quiet.is_empty());
    }
}
