//! Errors that name the input and say what was wrong with it in plain words.

use std::path::PathBuf;

/// Why one input could not be used; shown to users as `error: <path>: <reason>`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input file that could not be turned into a document.
    #[error("{}: {reason}", path.display())]
    Input { path: PathBuf, reason: String },
    /// A problem with the search index (missing, corrupt, locked).
    #[error("{0}")]
    Index(String),
    /// A malformed query or argument value: a usage error, exit code 1.
    #[error("{0}")]
    Usage(String),
    /// A gap model that could not be fitted or read.
    #[error("{0}")]
    Model(String),
    /// Writing an output failed.
    #[error("{}: {source}", path.display())]
    Output {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// Builds the per-file error every loader path reports.
    pub fn input(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
