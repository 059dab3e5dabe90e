/// Errors of the one-call API: only configuration (lexicons) can fail; bad documents are reported
/// in the report's `errors`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A lexicon could not be loaded.
    #[error("lexicon: {0}")]
    Lexicon(#[from] claimdiff_extract::Error),
}

/// A result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
