use std::path::PathBuf;

/// Errors raised while rendering a report.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A format name that is not one of `json`, `jsonl`, `markdown`, `html`, `dot`.
    #[error("unknown format {name:?} (expected json, jsonl, markdown, html or dot)")]
    UnknownFormat {
        /// The name given.
        name: String,
    },
    /// The report could not be written as JSON.
    #[error("cannot write the report as json: {0}")]
    Json(#[from] serde_json::Error),
    /// The report could not be written.
    #[error("cannot write the report: {0}")]
    Write(#[from] std::io::Error),
    /// The HTML template failed to render.
    #[error("cannot render the html report: {0}")]
    Template(#[from] askama::Error),
    /// The Graphviz `dot` program is not installed (or not where it was said to be).
    #[error("graphviz `dot` was not found on PATH; install graphviz or use --format dot")]
    DotNotFound {
        /// The program that was looked for.
        program: PathBuf,
    },
    /// The Graphviz `dot` program could not be run or talked to.
    #[error("cannot run graphviz `{}`: {source}", program.display())]
    DotIo {
        /// The program run.
        program: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The Graphviz `dot` program ran and failed.
    #[error("graphviz `{}` failed ({status}): {stderr}", program.display())]
    DotFailed {
        /// The program run.
        program: PathBuf,
        /// Its exit status.
        status: String,
        /// What it wrote to standard error.
        stderr: String,
    },
}

/// A result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
