//! Which files a run reads: paths given, folders walked, exclusions.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Extensions checked when walking folders.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "po", "pot", "xlf", "xliff"];

/// Folders never entered when walking (hidden folders are skipped too).
const SKIPPED_DIRS: &[&str] = &["target", "node_modules"];

/// One input of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// A file on disk.
    File(PathBuf),
}

/// What configuration files add to a walk, folder by folder.
pub trait Scope {
    /// Whether `path` (a file or folder met walking, or a path given
    /// explicitly) is excluded.
    fn excludes(&self, path: &Path) -> bool;
    /// Why `path` is excluded (the pattern and where it is written), if
    /// it is.
    fn exclusion(&self, path: &Path) -> Option<String> {
        self.excludes(path).then(|| "the configuration".to_string())
    }
    /// Whether file `path`, met walking, has an extension to check that
    /// the walker does not know.
    fn wants_extension(&self, path: &Path) -> bool;
}

/// No configuration: nothing more excluded, no more extensions.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoScope;

impl Scope for NoScope {
    fn excludes(&self, _path: &Path) -> bool {
        false
    }

    fn wants_extension(&self, _path: &Path) -> bool {
        false
    }
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Collected {
    /// The inputs, in a stable order.
    pub inputs: Vec<Input>,
    /// One error message per path that cannot be read.
    pub errors: Vec<String>,
    /// Paths named explicitly but excluded, each with why:
    /// `notes.txt is excluded by …`.
    pub excluded: Vec<String>,
}

/// What to walk and what to skip.
#[derive(Debug)]
pub struct Walker {
    extensions: Vec<String>,
    exclude: GlobSet,
    /// The `--exclude` globs, as written.
    patterns: Vec<String>,
    cwd: Option<PathBuf>,
}

impl Walker {
    /// A walker checking the default extensions plus `extra`, skipping
    /// paths matching `exclude` globs.
    pub fn new(extra: &[String], exclude_patterns: &[String]) -> Result<Walker, String> {
        let mut builder = GlobSetBuilder::new();
        for pattern in exclude_patterns {
            let glob = Glob::new(pattern)
                .map_err(|e| format!("invalid --exclude glob `{pattern}`: {e}"))?;
            builder.add(glob);
        }
        let exclude = builder
            .build()
            .map_err(|e| format!("invalid --exclude globs: {e}"))?;
        let mut extensions: Vec<String> =
            DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect();
        extensions.extend(
            extra
                .iter()
                .map(|e| e.trim_start_matches('.').to_ascii_lowercase()),
        );
        Ok(Walker {
            extensions,
            exclude,
            patterns: exclude_patterns.to_vec(),
            cwd: std::env::current_dir().ok(),
        })
    }

    /// The `--exclude` glob that excludes a path given explicitly (it or
    /// one of its folders matches), as written.
    fn exclusion(&self, path: &Path) -> Option<&str> {
        if self.exclude.is_empty() {
            return None;
        }
        path.ancestors()
            .filter(|a| !a.as_os_str().is_empty() && *a != Path::new("."))
            .find_map(|a| {
                let stripped = a.strip_prefix("./").unwrap_or(a);
                let relative = self
                    .cwd
                    .as_deref()
                    .and_then(|c| a.strip_prefix(c).ok())
                    .filter(|r| !r.as_os_str().is_empty());
                let mut candidates = vec![a, stripped];
                candidates.extend(relative);
                candidates.extend(a.file_name().map(Path::new));
                let first = candidates
                    .into_iter()
                    .filter_map(|c| self.exclude.matches(c).into_iter().min())
                    .min()?;
                self.patterns.get(first).map(String::as_str)
            })
    }

    /// Whether the globs match `path` itself: whole, without a leading
    /// `./`, relative to the current folder, or by name.
    fn matches(&self, path: &Path) -> bool {
        let stripped = path.strip_prefix("./").unwrap_or(path);
        let relative = self.cwd.as_deref().and_then(|c| path.strip_prefix(c).ok());
        self.exclude.is_match(path)
            || self.exclude.is_match(stripped)
            || relative.is_some_and(|r| !r.as_os_str().is_empty() && self.exclude.is_match(r))
            || path.file_name().is_some_and(|n| self.exclude.is_match(n))
    }

    /// Whether a path given explicitly is excluded: it or one of its
    /// folders matches, so `--exclude drafts` skips `drafts/a.txt`,
    /// `./drafts/a.txt` and `/abs/path/drafts/a.txt` alike.
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.exclusion(path).is_some()
    }

    fn has_extension(&self, path: &Path) -> bool {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
    }

    /// The inputs for `paths` (the current folder if empty), in a stable
    /// order, and one error message per path that cannot be read.
    pub fn collect(&self, paths: &[PathBuf]) -> Collected {
        self.collect_in(paths, &NoScope)
    }

    /// [`Walker::collect`], with the exclusions and extensions `scope`
    /// adds.
    pub fn collect_in(&self, paths: &[PathBuf], scope: &dyn Scope) -> Collected {
        let default = [PathBuf::from(".")];
        let paths = if paths.is_empty() {
            &default[..]
        } else {
            paths
        };
        let mut inputs = Vec::new();
        let mut errors = Vec::new();
        let mut excluded = Vec::new();
        let mut seen = std::collections::HashSet::new();
        // The same file named twice (or found twice) is read once.
        let mut push = |inputs: &mut Vec<Input>, path: PathBuf| {
            let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if seen.insert(key) {
                inputs.push(Input::File(path));
            }
        };
        for path in paths {
            if path.as_os_str() == "-" {
                inputs.push(Input::Stdin);
                continue;
            }
            let meta = match std::fs::metadata(path) {
                Ok(m) => m,
                Err(e) => {
                    errors.push(format!("{}: {}", path.display(), io_reason(&e)));
                    continue;
                }
            };
            // Exclusions apply to paths given explicitly too, as pre-commit
            // passes file names.
            let exclusion = self
                .exclusion(path)
                .map(|p| format!("`--exclude {p}`"))
                .or_else(|| scope.exclusion(path));
            if let Some(why) = exclusion {
                excluded.push(format!("{} is excluded by {why}", path.display()));
                continue;
            }
            if !meta.is_dir() && !meta.is_file() {
                // A FIFO, socket or device would block or never end.
                errors.push(format!(
                    "{}: not a regular file (a pipe, socket or device); only files and folders are read",
                    path.display()
                ));
                continue;
            }
            if !meta.is_dir() {
                // Files named explicitly are checked whatever their extension.
                push(&mut inputs, path.clone());
                continue;
            }
            let walk = WalkDir::new(path)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|entry| {
                    if entry.depth() == 0 {
                        return true;
                    }
                    let name = entry.file_name().to_string_lossy();
                    let skipped_dir = entry.file_type().is_dir()
                        && (name.starts_with('.') || SKIPPED_DIRS.contains(&name.as_ref()));
                    // Parents were checked on the way down.
                    !skipped_dir
                        && (self.exclude.is_empty() || !self.matches(entry.path()))
                        && !scope.excludes(entry.path())
                });
            for entry in walk {
                match entry {
                    Ok(entry)
                        if entry.file_type().is_file()
                            && (self.has_extension(entry.path())
                                || scope.wants_extension(entry.path())) =>
                    {
                        push(&mut inputs, entry.into_path());
                    }
                    Ok(_) => {}
                    Err(e) => {
                        let at = e.path().map_or_else(
                            || path.display().to_string(),
                            |p| p.display().to_string(),
                        );
                        let reason = e.io_error().map_or_else(|| e.to_string(), io_reason);
                        errors.push(format!("{at}: {reason}"));
                    }
                }
            }
        }
        Collected {
            inputs,
            errors,
            excluded,
        }
    }
}

pub use crate::config::io_reason;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_extensions_skips_hidden_and_excluded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        for (name, body) in [
            ("a.txt", "x"),
            ("b.md", "x"),
            ("c.rs", "x"),
            ("d.po", "x"),
            ("d2.rst", "x"),
            (".git/e.txt", "x"),
            ("target/f.txt", "x"),
            ("node_modules/g.md", "x"),
            ("drafts/h.txt", "x"),
            ("keep/i.markdown", "x"),
        ] {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, body).expect("write");
        }
        let walker = Walker::new(&["rst".into()], &["drafts".into()]).expect("walker");
        let found = walker.collect(&[root.to_path_buf()]);
        assert!(found.errors.is_empty());
        let inputs = found.inputs;
        let names: Vec<String> = inputs
            .iter()
            .map(|i| match i {
                Input::File(p) => p
                    .strip_prefix(root)
                    .expect("under root")
                    .display()
                    .to_string(),
                Input::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(
            names,
            vec!["a.txt", "b.md", "d.po", "d2.rst", "keep/i.markdown"]
        );
    }

    #[test]
    fn explicit_files_ignore_extensions_but_not_excludes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("notes.rs");
        std::fs::write(&file, "x").expect("write");
        let walker = Walker::new(&[], &[]).expect("walker");
        assert_eq!(
            walker.collect(std::slice::from_ref(&file)).inputs,
            vec![Input::File(file.clone())]
        );
        let walker = Walker::new(&[], &["*.rs".into()]).expect("walker");
        let found = walker.collect(std::slice::from_ref(&file));
        assert!(found.inputs.is_empty());
        assert_eq!(
            found.excluded,
            vec![format!(
                "{} is excluded by `--exclude *.rs`",
                file.display()
            )]
        );
        let errors = walker.collect(&[dir.path().join("missing.txt")]).errors;
        assert_eq!(errors.len(), 1);
        assert!(errors[0].ends_with("no such file or folder"));
    }

    #[test]
    fn excluded_folders_cover_explicit_files_and_duplicates_are_read_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let drafts = dir.path().join("drafts");
        std::fs::create_dir_all(&drafts).expect("mkdir");
        let file = drafts.join("k.txt");
        std::fs::write(&file, "x").expect("write");
        let keep = dir.path().join("a.txt");
        std::fs::write(&keep, "x").expect("write");
        let walker = Walker::new(&[], &["drafts".into()]).expect("walker");
        let inputs = walker
            .collect(&[file.clone(), drafts.clone(), keep.clone(), keep.clone()])
            .inputs;
        assert_eq!(inputs, vec![Input::File(keep)]);
    }
}
