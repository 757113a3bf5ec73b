//! Folders to a sorted list of files: each real folder read once (symbolic link loops reported,
//! not followed), luoshi's own outputs and indexes skipped, names that are not UTF-8 read as
//! GB18030 (as Windows zips store them) with a warning.

use crate::error::{show_path, Error, Warning};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The files below some paths, the paths that failed and what was guessed or skipped on the way.
#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<PathBuf>,
    pub errors: Vec<Error>,
    /// What was guessed or skipped, for `warning:` lines and warnings.csv.
    pub warnings: Vec<Warning>,
}

/// Whether a file in a walked folder is a document (README*, manifest.csv and dotfiles are not).
pub fn is_document_name(name: &str) -> bool {
    !(name.starts_with('.') || name.starts_with("README") || name == "manifest.csv")
}

/// A file or folder name as text: UTF-8 as it is, otherwise GB18030 (GBK names from a Windows
/// zip); `None` as the second value when the name was UTF-8, else how it was read.
pub fn name_text(name: &OsStr) -> (Cow<'_, str>, Option<&'static str>) {
    if let Some(s) = name.to_str() {
        return (Cow::Borrowed(s), None);
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = name.as_bytes();
        if let Some(s) =
            encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
        {
            return (Cow::Owned(s.into_owned()), Some("GB18030"));
        }
    }
    (name.to_string_lossy(), Some("undecodable"))
}

/// Whether `dir` holds what luoshi writes (a batch output's `.cache` record or a search index),
/// so that it is never read back as a department's documents.
pub fn is_luoshi_output(dir: &Path) -> bool {
    let cache = dir.join(".cache");
    cache.join("outputs.txt").is_file()
        || cache.join("results.bin").is_file()
        || (dir.join("meta.json").is_file() && dir.join(".managed.json").is_file())
}

/// Expands files and folders into a sorted list of files; a missing path is an error, not a
/// skip. Folders in `own` (a run's output and index, canonical paths) are passed over silently.
pub fn walk(paths: &[PathBuf], own: &[PathBuf]) -> Walked {
    let mut w = Walker {
        out: Walked::default(),
        seen: HashMap::new(),
        own,
        roots: paths
            .iter()
            .filter(|p| p.is_dir())
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect(),
    };
    for p in paths {
        if p.is_dir() {
            w.dir(p, &mut Vec::new());
        } else if p.is_file() || p.as_os_str() == "-" {
            w.out.files.push(p.clone());
        } else {
            w.out.errors.push(Error::input(p, "no such file or folder"));
        }
    }
    w.out
}

struct Walker<'a> {
    out: Walked,
    /// Real (canonical) folders already read, and the path they were first read under.
    seen: HashMap<PathBuf, PathBuf>,
    own: &'a [PathBuf],
    /// The folders walked (canonical): a link into them is read under its own name only.
    roots: Vec<PathBuf>,
}

impl Walker<'_> {
    /// Reads one folder; `chain` holds the real folders above it in this walk.
    fn dir(&mut self, dir: &Path, chain: &mut Vec<PathBuf>) {
        let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if self.own.contains(&real) {
            return;
        }
        if chain.contains(&real) {
            self.out.errors.push(Error::input(
                dir,
                "symbolic link loop (leads back to a folder above it); not followed",
            ));
            return;
        }
        if let Some(first) = self.seen.get(&real) {
            self.out.warnings.push(Warning::about(
                dir,
                format!("same folder as {}; read once", show_path(first)),
            ));
            return;
        }
        if !chain.is_empty() && is_luoshi_output(dir) {
            self.out.warnings.push(Warning::about(
                dir,
                "holds luoshi outputs or a search index; not read as documents",
            ));
            return;
        }
        self.seen.insert(real.clone(), dir.to_path_buf());
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.out
                    .errors
                    .push(Error::input(dir, format!("cannot read folder ({e})")));
                return;
            }
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        chain.push(real);
        for p in entries {
            let (name, read_as) = match p.file_name() {
                Some(n) => name_text(n),
                None => continue,
            };
            if !is_document_name(&name) {
                continue;
            }
            match read_as {
                Some("GB18030") => self.out.warnings.push(Warning::about(
                    &p,
                    format!("name is not UTF-8; read as GB18030 '{name}'"),
                )),
                Some(_) => self.out.warnings.push(Warning::about(
                    &p,
                    "name is neither UTF-8 nor GB18030; unreadable characters shown as �",
                )),
                None => {}
            }
            let link = p.symlink_metadata().is_ok_and(|m| m.is_symlink());
            if p.is_dir() {
                if link && !self.follow(&p, chain) {
                    continue;
                }
                self.dir(&p, chain);
            } else {
                self.out.files.push(p);
            }
        }
        chain.pop();
    }

    /// Whether to follow a link to a folder: never back up the chain (a loop, reported once),
    /// never to a folder the walk reads under its own name anyway.
    fn follow(&mut self, link: &Path, chain: &[PathBuf]) -> bool {
        let Ok(real) = std::fs::canonicalize(link) else {
            return true;
        };
        if chain.contains(&real) {
            self.out.errors.push(Error::input(
                link,
                "symbolic link loop (leads back to a folder above it); not followed",
            ));
            return false;
        }
        if self.roots.iter().any(|r| real.starts_with(r)) {
            self.out.warnings.push(Warning::about(
                link,
                "symbolic link to a folder inside the walked folder; read once, under its own name",
            ));
            return false;
        }
        true
    }
}
