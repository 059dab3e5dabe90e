/// Errors from reading claims written by other tools. Comparison itself never fails.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A line of claims JSON could not be read.
    #[error("{source_name}:{line}: {message}")]
    ClaimLine {
        /// Where the claims came from (a path, or `-` for standard input).
        source_name: String,
        /// The 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// Reading failed.
    #[error("{source_name}: {error}")]
    Io {
        /// Where the claims came from.
        source_name: String,
        /// The I/O error.
        error: std::io::Error,
    },
}

/// A result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
