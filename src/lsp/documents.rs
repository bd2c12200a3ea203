//! The open documents: their text as the client edits it (incremental
//! changes applied in order), their version and how they are read.

use super::positions::{Encoding, LineMap};
use crate::source::{Source, SourceKind};
use lsp_types::{TextDocumentContentChangeEvent, Url};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One open document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its address.
    pub uri: Url,
    /// Its file, when the address is a `file:` one.
    pub path: Option<PathBuf>,
    /// Its whole text.
    pub text: String,
    /// The version the client gave with the last change.
    pub version: i32,
    /// How it is read (plain text, Markdown, gettext…): the format the
    /// configuration's `[formats]` forces, else [`Document::detected`].
    pub kind: SourceKind,
    /// The kind its language id or extension gives ([`kind_of`]).
    pub detected: SourceKind,
    /// The source-language file the configuration's `[sources]` pairs it
    /// with; without one, an Android or JSON resource is paired by the
    /// usual layouts (see [`crate::pairing`]).
    pub source_file: Option<PathBuf>,
    /// Where its lines start.
    pub lines: LineMap,
}

/// The kind of a document: by the client's `languageId` when it names
/// one coquille reads, else by the file's extension.
pub fn kind_of(language_id: &str, path: Option<&Path>, uri: &Url) -> SourceKind {
    match language_id.to_ascii_lowercase().as_str() {
        "markdown" | "md" => SourceKind::Markdown,
        "po" | "pot" | "gettext" => SourceKind::Po,
        "plaintext" | "text" | "txt" => SourceKind::PlainText,
        _ => {
            let name = path.map_or_else(|| PathBuf::from(uri.path()), Path::to_path_buf);
            SourceKind::from_path(&name)
        }
    }
}

impl Document {
    /// A document opened with `text`.
    pub fn new(uri: Url, language_id: &str, version: i32, text: String) -> Document {
        let path = (uri.scheme() == "file")
            .then(|| uri.to_file_path().ok())
            .flatten();
        let kind = kind_of(language_id, path.as_deref(), &uri);
        Document {
            lines: LineMap::new(&text),
            uri,
            path,
            text,
            version,
            kind,
            detected: kind,
            source_file: None,
        }
    }

    /// The document as the linter reads it: a translation file paired
    /// with the file it translates when there is one, as on the command
    /// line. The error says why a configured source file could not be
    /// read; the document is then read alone.
    pub fn source(&self) -> (Source, Option<String>) {
        let alone = || Source::new(self.uri.as_str(), self.text.as_str(), self.kind);
        match crate::pairing::pair_with_counterpart(
            alone(),
            self.path.as_deref(),
            self.source_file.as_deref(),
        ) {
            Ok(source) => (source, None),
            Err(e) => (alone(), Some(e)),
        }
    }

    /// Applies the client's changes in order, then takes `version`. A
    /// change without a range replaces the whole text; positions out of
    /// the text are brought back into it.
    pub fn apply(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let (start, end) = self.lines.byte_range(&self.text, range, encoding);
                    self.text.replace_range(start..end, &change.text);
                }
                None => self.text = change.text,
            }
            self.lines = LineMap::new(&self.text);
        }
        self.version = version;
    }
}

/// The open documents, by address.
#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<Url, Document>,
}

impl Documents {
    /// Opens (or reopens) a document.
    pub fn open(&mut self, document: Document) {
        self.open.insert(document.uri.clone(), document);
    }

    /// Closes a document.
    pub fn close(&mut self, uri: &Url) -> Option<Document> {
        self.open.remove(uri)
    }

    /// The open document at `uri`.
    pub fn get(&self, uri: &Url) -> Option<&Document> {
        self.open.get(uri)
    }

    /// The open document at `uri`, to edit.
    pub fn get_mut(&mut self, uri: &Url) -> Option<&mut Document> {
        self.open.get_mut(uri)
    }

    /// The addresses of every open document.
    pub fn uris(&self) -> Vec<Url> {
        self.open.keys().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn uri(name: &str) -> Url {
        Url::parse(&format!("file:///tmp/{name}")).expect("url")
    }

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range
                .map(|((a, b), (c, d))| Range::new(Position::new(a, b), Position::new(c, d))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut doc = Document::new(
            uri("a.txt"),
            "plaintext",
            1,
            "Bonjour 😀 monde\r\nfin".into(),
        );
        doc.apply(
            vec![
                // After the emoji and its space (UTF-16 column 11), then on the new text.
                change(Some(((0, 11), (0, 16))), "le monde"),
                change(Some(((1, 0), (1, 3))), "Fin."),
                change(Some(((0, 0), (0, 0))), "« "),
            ],
            2,
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "« Bonjour 😀 le monde\r\nFin.");
        assert_eq!(doc.version, 2);
        doc.apply(vec![change(None, "tout neuf")], 3, Encoding::Utf8);
        assert_eq!(doc.text, "tout neuf");
    }

    #[test]
    fn positions_out_of_the_text_are_clamped() {
        let mut doc = Document::new(uri("a.txt"), "plaintext", 1, "abc".into());
        doc.apply(
            vec![change(Some(((7, 2), (0, 1))), "X")],
            2,
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "aX");
    }

    #[test]
    fn the_language_id_comes_before_the_extension() {
        let md = uri("notes.txt");
        assert_eq!(kind_of("markdown", None, &md), SourceKind::Markdown);
        assert_eq!(kind_of("unknown", None, &uri("fr.po")), SourceKind::Po);
        assert_eq!(kind_of("", None, &uri("a.md")), SourceKind::Markdown);
        assert_eq!(
            kind_of("plaintext", None, &uri("a.md")),
            SourceKind::PlainText
        );
    }
}
