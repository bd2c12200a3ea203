//! Translation files and the files they translate: which source-language
//! file an Android or JSON resource pairs with (given, or found by the
//! usual layouts), read and checked as the command line and the language
//! server both need it.

use crate::source::{Source, SourceKind};
use std::path::{Path, PathBuf};

/// An error naming the file, line and column if `source` does not parse
/// as its kind.
pub fn well_formed(source: &Source) -> Result<(), String> {
    crate::prose::check_syntax(&source.text, source.kind).map_err(|e| {
        let at = crate::source::LineIndex::new(&source.text).position(&source.text, e.offset);
        let what = match source.kind {
            SourceKind::JsonResource => "JSON",
            _ => "XML",
        };
        format!(
            "{}:{}:{}: malformed {what}: {}",
            source.name, at.line, at.column, e.reason
        )
    })
}

/// The source-language file that the resource file at `path` translates,
/// by the usual layouts: `res/values-fr/strings.xml` translates
/// `res/values/strings.xml`; `fr.json` (or `fr-FR.json`) translates
/// `en.json` beside it, and `fr/app.json` translates `en/app.json`.
fn counterpart_path(path: &Path, kind: SourceKind) -> Option<PathBuf> {
    let name = path.file_name()?;
    // A bare name (`fr.json`) is in the current folder.
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir_name = dir.file_name().and_then(|d| d.to_str()).unwrap_or("");
    let is_language = |s: &str| {
        let (lang, region) = s.split_once(['-', '_']).unwrap_or((s, ""));
        (2..=3).contains(&lang.len())
            && lang.bytes().all(|b| b.is_ascii_lowercase())
            && region.len() <= 4
            && region.bytes().all(|b| b.is_ascii_alphanumeric())
    };
    let candidates: Vec<PathBuf> = match kind {
        SourceKind::Android if dir_name.starts_with("values-") => {
            vec![dir.with_file_name("values").join(name)]
        }
        SourceKind::JsonResource => {
            let stem = path.file_stem()?.to_str()?;
            if is_language(stem) && !stem.starts_with("en") {
                ["en", "en-US", "en_US", "en-GB"]
                    .iter()
                    .map(|l| dir.join(format!("{l}.json")))
                    .collect()
            } else if is_language(dir_name) && !dir_name.starts_with("en") {
                ["en", "en-US", "en_US"]
                    .iter()
                    .map(|l| dir.with_file_name(l).join(name))
                    .collect()
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    };
    candidates.into_iter().find(|c| c.is_file())
}

/// Pairs `source` with the file it translates: `explicit` (`--source-file`)
/// or the one its path suggests. An explicit file that cannot be read or
/// parsed is an error; a suggested one that cannot is left aside.
pub fn pair_with_counterpart(
    source: Source,
    path: Option<&Path>,
    explicit: Option<&Path>,
) -> Result<Source, String> {
    if !matches!(source.kind, SourceKind::Android | SourceKind::JsonResource) {
        return Ok(source);
    }
    let found = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => path.and_then(|p| counterpart_path(p, source.kind)),
    };
    let Some(found) = found else {
        return Ok(source);
    };
    let name = found.display().to_string();
    let read = std::fs::read(&found)
        .map_err(|e| format!("{name}: {}", crate::config::io_reason(&e)))
        .and_then(|bytes| {
            Source::from_bytes(name.clone(), bytes, source.kind).map_err(|e| format!("{name}: {e}"))
        })
        .and_then(|s| well_formed(&s).map(|()| s));
    match read {
        Ok(counterpart) => Ok(source.with_counterpart(counterpart.text)),
        Err(e) if explicit.is_some() => Err(e),
        Err(_) => Ok(source),
    }
}
