//! Code actions: one quick fix per finding that has one, "ignore this
//! finding on this line" in the suppression syntax of the file's format
//! (see [`crate::suppress`]), and every safe fix at once
//! (`source.fixAll.coquille`).

use super::documents::Document;
use super::positions::Encoding;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::linter::Linter;
use crate::source::SourceKind;
use lsp_types::{CodeAction, CodeActionKind, TextEdit, Url, WorkspaceEdit};
use std::collections::HashMap;

/// The kind of the action applying every safe fix.
pub const FIX_ALL_KIND: &str = "source.fixAll.coquille";

/// The command applying every safe fix through `workspace/applyEdit`.
pub const FIX_ALL_COMMAND: &str = "coquille.fixAll";

/// Whether an action of kind `kind` answers a request for `only` (none:
/// every kind). Kinds are hierarchical: `source.fixAll` asks for
/// `source.fixAll.coquille` too.
pub fn wanted(kind: &str, only: Option<&[CodeActionKind]>) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|k| {
            let k = k.as_str();
            kind == k
                || kind
                    .strip_prefix(k)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

/// A workspace edit of `edits` in the document at `uri`.
fn workspace_edit(uri: &Url, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// The text edit replacing bytes `start..end` of `doc` with `text`.
fn text_edit(doc: &Document, start: usize, end: usize, text: &str, encoding: Encoding) -> TextEdit {
    TextEdit {
        range: doc.lines.range(&doc.text, start, end, encoding),
        new_text: text.to_string(),
    }
}

/// What a fix does, in a few words: `replace "x" with "y"`.
fn describe(doc: &Document, finding: &Diagnostic) -> Option<String> {
    let fix = finding.fix.as_ref()?;
    let [edit] = fix.edits.as_slice() else {
        return Some("apply the fix".into());
    };
    let old = doc.text.get(edit.span.range())?;
    let shown = |s: &str| format!("“{}”", s.escape_debug());
    Some(match (old.is_empty(), edit.replacement.is_empty()) {
        (true, _) => format!("insert {}", shown(&edit.replacement)),
        (false, true) => format!("delete {}", shown(old)),
        (false, false) => format!("replace {} with {}", shown(old), shown(&edit.replacement)),
    })
}

/// The quick fix of `finding`, when it has one the editor may apply:
/// safe fixes are preferred, unsafe ones say so in their title.
pub fn quick_fix(
    doc: &Document,
    finding: &Diagnostic,
    lsp: &lsp_types::Diagnostic,
    encoding: Encoding,
) -> Option<CodeAction> {
    let fix = finding.fix.as_ref()?;
    if fix.applicability <= Applicability::DisplayOnly {
        return None;
    }
    let safe = fix.applicability == Applicability::Safe;
    let what = describe(doc, finding)?;
    let title = if safe {
        format!("coquille: {what} ({})", finding.rule)
    } else {
        format!(
            "coquille (unsafe, check the result): {what} ({})",
            finding.rule
        )
    };
    let edits = fix
        .edits
        .iter()
        .map(|e| text_edit(doc, e.span.start, e.span.end, &e.replacement, encoding))
        .collect();
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![lsp.clone()]),
        edit: Some(workspace_edit(&doc.uri, edits)),
        is_preferred: Some(safe),
        ..CodeAction::default()
    })
}

/// Where the suppression comment for a finding at byte `at` goes, and
/// the comment, in the syntax of the document's format (`None` for the
/// translation resource formats, which have no suppression comment).
fn suppression(doc: &Document, at: usize, rule: &str) -> Option<(usize, String)> {
    let line_start = doc.lines.line_start(at);
    let newline = if doc.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let indent: String = doc.text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    Some(match doc.kind {
        SourceKind::Markdown => {
            let comment = format!("<!-- coquille-ignore-next-line {rule} -->");
            match paragraph_line_above(&doc.text, line_start) {
                // Inside a paragraph, a comment on a line of its own would
                // end the paragraph: it goes at the end of the line above.
                Some(end) => (end, format!(" {comment}")),
                None => (line_start, format!("{indent}{comment}{newline}")),
            }
        }
        SourceKind::Po => (
            entry_start(&doc.text, line_start),
            format!("# coquille-ignore {rule}{newline}"),
        ),
        SourceKind::PlainText | SourceKind::JsonString(_) => (
            line_start,
            format!("{indent}coquille-ignore-next-line {rule}{newline}"),
        ),
        SourceKind::Xliff | SourceKind::Android | SourceKind::JsonResource => return None,
    })
}

/// When the Markdown line starting at `line_start` follows a line of text
/// in the same block, the end of that line (before its line break), where
/// an inline comment changes nothing of the rendering. `None` after a
/// blank line, a fence, HTML, a table row, an underline or a code line.
fn paragraph_line_above(text: &str, line_start: usize) -> Option<usize> {
    let above = text[..line_start]
        .strip_suffix('\n')?
        .trim_end_matches('\r');
    let start = above.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = &above[start..];
    let content = line.trim_start();
    let indent = &line[..line.len() - content.len()];
    let is_rule = content
        .chars()
        .all(|c| matches!(c, '-' | '=' | '*' | '_' | ' ' | '\t'));
    let opens_block = ["```", "~~~", "<", "|"]
        .iter()
        .any(|p| content.starts_with(p));
    let is_code = indent.contains('\t') || indent.len() >= 4;
    (!content.is_empty() && !is_rule && !opens_block && !is_code).then_some(above.len())
}

/// The start of the gettext entry holding the line that starts at
/// `line_start`: the line after the last blank line above it.
fn entry_start(text: &str, line_start: usize) -> usize {
    let mut start = line_start;
    while start > 0 {
        let above = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        if text[above..start].trim().is_empty() {
            break;
        }
        start = above;
    }
    start
}

/// The action inserting a comment that suppresses `finding`'s rule on its
/// line, when the format has such comments.
pub fn ignore_on_line(
    doc: &Document,
    finding: &Diagnostic,
    lsp: &lsp_types::Diagnostic,
    encoding: Encoding,
) -> Option<CodeAction> {
    let (at, comment) = suppression(doc, finding.span.start, finding.rule)?;
    let what = if doc.kind == SourceKind::Po {
        "in this entry"
    } else {
        "on this line"
    };
    Some(CodeAction {
        title: format!("coquille: ignore {} {what}", finding.rule),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![lsp.clone()]),
        edit: Some(workspace_edit(
            &doc.uri,
            vec![text_edit(doc, at, at, &comment, encoding)],
        )),
        is_preferred: Some(false),
        ..CodeAction::default()
    })
}

/// The one edit turning `doc`'s text into the text with every safe fix
/// applied, or none when nothing changes. It spans only the bytes between
/// the first and the last change.
pub fn fix_all_edit(doc: &Document, linter: &Linter, encoding: Encoding) -> Option<WorkspaceEdit> {
    let (source, _) = doc.source();
    let fixed = linter.fix(&source, Applicability::Safe).text;
    if fixed == doc.text {
        return None;
    }
    let (start, old_end, new_end) = changed_region(&doc.text, &fixed);
    let edit = text_edit(doc, start, old_end, &fixed[start..new_end], encoding);
    Some(workspace_edit(&doc.uri, vec![edit]))
}

/// Where `old` and `new` differ: the start, and the end in each, on
/// character boundaries.
fn changed_region(old: &str, new: &str) -> (usize, usize, usize) {
    let prefix: usize = old
        .chars()
        .zip(new.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let suffix: usize = old[prefix..]
        .chars()
        .rev()
        .zip(new[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    (prefix, old.len() - suffix, new.len() - suffix)
}

/// The fix-all action for `doc`, when some safe fix applies.
pub fn fix_all(doc: &Document, linter: &Linter, encoding: Encoding) -> Option<CodeAction> {
    let edit = fix_all_edit(doc, linter, encoding)?;
    Some(CodeAction {
        title: "coquille: apply every safe fix".into(),
        kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
        edit: Some(edit),
        ..CodeAction::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_match_their_parents() {
        let fix_all = [CodeActionKind::SOURCE_FIX_ALL];
        assert!(wanted(FIX_ALL_KIND, Some(&fix_all)));
        assert!(!wanted("quickfix", Some(&fix_all)));
        assert!(wanted("quickfix", None));
        assert!(!wanted("source.fixAllX", Some(&fix_all)));
    }

    #[test]
    fn the_changed_region_stops_at_the_common_ends() {
        assert_eq!(changed_region("étape?", "étape\u{202f}?"), (6, 6, 9));
        assert_eq!(changed_region("abc", "abc"), (3, 3, 3));
        assert_eq!(changed_region("aXc", "aYYc"), (1, 2, 3));
    }

    #[test]
    fn a_comment_joins_the_line_above_only_inside_a_paragraph() {
        let text = "Un.\r\nDeux?\n\nTrois?\n```\nQuatre?\n---\nCinq?\n    code\nSix?\n";
        let at = |word: &str| text.find(word).unwrap_or_default();
        assert_eq!(paragraph_line_above(text, at("Deux")), Some(at("\r\nDeux")));
        for word in ["Un", "Trois", "Quatre", "Cinq", "Six"] {
            assert_eq!(paragraph_line_above(text, at(word)), None, "{word}");
        }
    }

    #[test]
    fn a_gettext_entry_starts_after_the_blank_line_above() {
        let text = "msgid \"\"\nmsgstr \"\"\n\n#: a.c:1\nmsgid \"Hi!\"\nmsgstr \"Salut!\"\n";
        let line = text.find("msgstr \"Salut").unwrap_or_default();
        assert_eq!(
            entry_start(text, line),
            text.find("#: a.c").unwrap_or_default()
        );
        assert_eq!(entry_start(text, 0), 0);
    }
}
