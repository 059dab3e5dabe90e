use std::path::PathBuf;

/// Errors raised while building or querying the model.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A value's machine-readable form could not be read back.
    #[error("invalid {kind} value {normalized:?}: {reason}")]
    InvalidValue {
        /// The value kind (`time`, `quantity`, …).
        kind: String,
        /// The text that failed to parse.
        normalized: String,
        /// Why it failed.
        reason: String,
    },
    /// A date could not be read.
    #[error("invalid date {text:?}: {reason}")]
    InvalidDate {
        /// The text that failed to parse.
        text: String,
        /// Why it failed.
        reason: String,
    },
    /// An error tied to a file.
    #[error("{}: {source}", path.display())]
    WithPath {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: Box<Error>,
    },
}

/// A result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
