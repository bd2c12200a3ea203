//! Bilingual pairing: for each target segment of a translation file, the
//! source segment it translates, read the same way (escapes decoded,
//! placeholders masked). XLIFF and gettext files hold both sides; Android
//! and JSON resources are paired by key with the source-language file
//! ([`crate::source::Source::counterpart`]). The `translation/*` rules read
//! these pairs; the views build them while they read the targets.

use super::builder::Builder;
use crate::span::Span;

/// One side of a pair as read: its prose (placeholders as
/// [`super::PLACEHOLDER`]) and its placeholders and inline codes as
/// written in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Side {
    /// The prose.
    pub text: String,
    /// The placeholders and inline codes, in order, as written.
    pub codes: Vec<String>,
    /// The tags around its prose (HTML `<b>`, `</a>`; XLIFF `<g id="1">`,
    /// `<pc>`), in order, as written.
    pub tags: Vec<String>,
}

/// A target segment and the source segment it translates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The target's prose, in prose coordinates of the view.
    pub target: Span,
    /// The target's placeholders and inline codes, in order, as written.
    pub target_codes: Vec<String>,
    /// The target's tags, in order, as written.
    pub target_tags: Vec<String>,
    /// The source segment.
    pub source: Side,
    /// In a gettext plural entry, the other source form (`msgid_plural`
    /// for `msgstr[0]`, `msgid` for the others).
    pub alternative: Option<Side>,
    /// Whether the entry is marked fuzzy (gettext `#, fuzzy`, XLIFF
    /// `state="needs-review-translation"` and the like).
    pub fuzzy: bool,
}

/// A side read by `read` into a builder of its own.
pub(super) fn side(text: &str, read: impl FnOnce(&mut Builder)) -> Side {
    let mut b = Builder::new();
    read(&mut b);
    b.end_paragraph();
    let prose = Span::new(0, b.len());
    Side {
        tags: b
            .tags_in(text, 0, b.paragraph_count())
            .into_iter()
            .map(str::to_string)
            .collect(),
        codes: b
            .codes_in(text, prose)
            .into_iter()
            .map(str::to_string)
            .collect(),
        text: b.text().to_string(),
    }
}

/// Reads a target with `read` into `out` and, when it gave prose and a
/// source is known, pairs them in `pairs`. Empty targets are not paired.
pub(super) fn target(
    out: &mut Builder,
    pairs: &mut Vec<Pair>,
    text: &str,
    source: Option<Side>,
    fuzzy: bool,
    read: impl FnOnce(&mut Builder),
) {
    let before = out.paragraph_count();
    read(out);
    out.end_paragraph();
    if let (Some(source), Some(span)) = (source, out.paragraphs_since(before)) {
        pairs.push(Pair {
            target: span,
            target_codes: out
                .codes_in(text, span)
                .into_iter()
                .map(str::to_string)
                .collect(),
            target_tags: out
                .tags_in(text, before, out.paragraph_count())
                .into_iter()
                .map(str::to_string)
                .collect(),
            source,
            alternative: None,
            fuzzy,
        });
    }
}

/// Weighs the `untranslated` findings of `out` (prose coordinates) that
/// fall in a paired target against its source. An English word the
/// source holds, in any inflection (`shock` for `shocked`), is a word
/// left from the source: the finding says so (`as in the source`). One
/// the source does not hold in any form is dropped: it is a French word
/// the lexicon lacks, or a name the translator added (`archive tar`).
/// A target that is its source word for word (`Git`, `Chin`, a language
/// or program name) is left to `translation/unchanged`, which knows when
/// an identical translation is legitimate: its `untranslated` findings
/// are dropped.
pub fn weigh_untranslated(
    view: &super::ProseView<'_>,
    out: &mut Vec<crate::diagnostic::Diagnostic>,
) {
    use crate::diagnostic::Category;
    use crate::english::terms::{same_word, words};
    let pairs = view.pairs();
    if pairs.is_empty() {
        return;
    }
    out.retain_mut(|d| {
        if d.category != Category::Untranslated {
            return true;
        }
        let i = pairs.partition_point(|p| p.target.end < d.span.end);
        let Some(pair) = pairs.get(i).filter(|p| p.target.start <= d.span.start) else {
            return true;
        };
        let mut source: Vec<String> = words(&pair.source.text).collect();
        let target: Vec<String> =
            words(view.text().get(pair.target.range()).unwrap_or_default()).collect();
        if !target.is_empty() && target == source {
            return false;
        }
        if let Some(other) = &pair.alternative {
            source.extend(words(&other.text));
        }
        let flagged: Vec<String> =
            words(view.text().get(d.span.range()).unwrap_or_default()).collect();
        let held = flagged
            .iter()
            .filter(|w| source.iter().any(|s| same_word(w, s)))
            .count();
        if held == 0 && !flagged.is_empty() {
            return false;
        }
        if held == flagged.len() {
            d.message.push_str(" (as in the source)");
        }
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Diagnostic, Severity};
    use crate::source::{Source, SourceKind};

    #[test]
    fn untranslated_words_weighed_against_the_source() {
        let text = "msgid \"Download the file\"\nmsgstr \"Download le fichier\"\n\nmsgid \"Get it\"\nmsgstr \"Prends le fichier cool\"\n\nmsgid \"Chin\"\nmsgstr \"Chin\"\n\nmsgid \"They were shocked\"\nmsgstr \"Ils étaient shock\"\n";
        let source = Source::new("t.po", text, SourceKind::Po);
        let view = super::super::ProseView::new(&source);
        let at = |word: &str| {
            let start = view.text().find(word).expect("in prose");
            Span::new(start, start + word.len())
        };
        let finding = |span| Diagnostic {
            rule: "untranslated/english-word",
            category: Category::Untranslated,
            severity: Severity::Warning,
            span,
            message: "English word".into(),
            fix: None,
        };
        let mut out = vec![
            finding(at("Download")),
            finding(at("cool")),
            finding(at("Chin")),
            finding(at("shock")),
        ];
        weigh_untranslated(&view, &mut out);
        assert_eq!(
            out.len(),
            2,
            "the unchanged entry is left to translation/unchanged, and `cool` \
             the source lacks is dropped"
        );
        assert_eq!(out[0].message, "English word (as in the source)");
        assert_eq!(out[0].span, at("Download"));
        assert_eq!(out[1].span, at("shock"), "held by `shocked`");
        assert_eq!(out[1].message, "English word (as in the source)");
    }
}
