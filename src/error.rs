//! Errors that name the input and say what was wrong with it in plain words.

use std::path::PathBuf;

/// Why one input could not be used; shown to users as `error: <path>: <reason>`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input file that could not be turned into a document.
    #[error("{}: {reason}", show_path(path))]
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
    #[error("{}: {source}", show_path(path))]
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

/// A path as one line of text: a newline, tab or other control character in a file name is
/// shown escaped (`\n`), so every error and warning stays one line.
pub fn show_path(path: &std::path::Path) -> String {
    let shown = path.display().to_string();
    if !shown.chars().any(char::is_control) {
        return shown;
    }
    shown
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Something luoshi guessed or ignored about an input: shown as `warning: <path>: <message>` and,
/// in a batch, kept as a row of `warnings.csv`, so that nothing is dropped without a word.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Warning {
    pub path: PathBuf,
    /// The unit the file was given (empty when the warning is about no one document).
    pub unit: String,
    pub year: Option<i32>,
    pub message: String,
}

impl Warning {
    /// A warning about a path before any unit or year is known (walking, manifests).
    pub fn about(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Warning {
            path: path.into(),
            unit: String::new(),
            year: None,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", show_path(&self.path), self.message)
    }
}
