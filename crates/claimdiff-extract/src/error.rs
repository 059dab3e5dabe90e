use std::path::PathBuf;

/// Errors from reading inputs and lexicons. Extraction itself never fails: it returns diagnostics.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A path does not exist.
    #[error("{}: no such file or folder", path.display())]
    Missing {
        /// The path.
        path: PathBuf,
    },
    /// A file holds nothing but whitespace.
    #[error("{}: empty file", path.display())]
    Empty {
        /// The path.
        path: PathBuf,
    },
    /// A file holds NUL bytes: it is binary, not text.
    #[error("{}: binary file (NUL byte at byte {offset})", path.display())]
    Binary {
        /// The path.
        path: PathBuf,
        /// The byte offset of the first NUL byte.
        offset: usize,
    },
    /// A path named no readable document.
    #[error("{}: {message}", path.display())]
    Input {
        /// The path.
        path: PathBuf,
        /// Why it could not be used.
        message: String,
    },
    /// A JSON or JSON-lines document could not be read.
    #[error("{}:{line}: {message}", path.display())]
    Json {
        /// The path.
        path: PathBuf,
        /// The line (1-based; 1 for a whole-file JSON document).
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// A document or file is over the size limit.
    #[error(
        "{}: {size} bytes, over the limit of {limit} bytes per document (raise it with --max-document-bytes)",
        path.display()
    )]
    TooLarge {
        /// The path (with `:LINE` for a JSON line).
        path: PathBuf,
        /// Its size in bytes (at least this much for a line that was cut short).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A lexicon file is malformed.
    #[error("lexicon {file}:{line}: {message}")]
    Lexicon {
        /// The lexicon file name or path.
        file: String,
        /// The line (1-based).
        line: usize,
        /// What was wrong.
        message: String,
    },
}

/// A result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
