//! Writing fixed files back: atomically, through a temporary file beside
//! the original that takes its permissions and then replaces it.

use std::io::{self, Write};
use std::path::Path;

/// Replaces the file at `path` with `text` atomically: the text goes to a
/// temporary file in the same folder, which keeps the original permissions
/// and then replaces the file (symbolic links are followed).
pub(super) fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
    let mut temp = temp_beside(path)?;
    temp.write_all(text.as_bytes())?;
    replace_with(path, temp)
}

/// A temporary file in the folder of the file `path` points to, to write a
/// replacement into (see [`replace_with`]).
pub(super) fn temp_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let target = std::fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or_else(|| Path::new("."));
    tempfile::Builder::new()
        .prefix(".coquille-")
        .suffix(".tmp")
        .tempfile_in(dir)
}

/// Replaces the file `path` points to with the written `temp`, which takes
/// the original permissions (and owner, where allowed).
pub(super) fn replace_with(path: &Path, mut temp: tempfile::NamedTempFile) -> io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let metadata = std::fs::metadata(&target)?;
    temp.flush()?;
    temp.as_file().sync_all()?;
    std::fs::set_permissions(temp.path(), metadata.permissions())?;
    keep_owner(temp.path(), &metadata);
    temp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// Gives the new file the owner and group of the one it replaces, where
/// the user may (root fixing someone else's file); elsewhere the new file
/// is already the user's own.
#[cfg(unix)]
fn keep_owner(path: &Path, original: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let Ok(current) = std::fs::metadata(path) else {
        return;
    };
    if (current.uid(), current.gid()) != (original.uid(), original.gid()) {
        // Not permitted for ordinary users: the file then stays theirs.
        let _ = std::os::unix::fs::chown(path, Some(original.uid()), Some(original.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_path: &Path, _original: &std::fs::Metadata) {}
