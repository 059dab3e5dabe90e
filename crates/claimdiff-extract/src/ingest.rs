//! Reading documents from files, folders and streams (STUB: owned by the ingest work).
use std::path::{Path, PathBuf};

use claimdiff_core::Document;

use crate::error::{Error, Result};

/// An input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// HTML (main text is extracted).
    Html,
    /// One JSON document or an array of them.
    Json,
    /// One JSON document per line.
    JsonLines,
}

/// Everything read from a set of paths: documents, and the inputs that failed.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Documents read, in path order.
    pub documents: Vec<Document>,
    /// Inputs that could not be read: the path (with `:LINE` for JSON lines) and the error.
    pub errors: Vec<(String, Error)>,
    /// Problems that did not stop a document (lossy UTF-8 decoding, unknown fields): document id
    /// and message.
    pub warnings: Vec<(String, String)>,
}

/// Reads every document under `paths` (files, or folders of `.txt`, `.md`, `.html`, `.json`,
/// `.jsonl` files).
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let mut out = Loaded::default();
    for p in paths {
        match std::fs::read_to_string(p) {
            Ok(text) => out.documents.push(Document::new(stem(p), text)),
            Err(source) => out.errors.push((
                p.display().to_string(),
                Error::Io {
                    path: p.clone(),
                    source,
                },
            )),
        }
    }
    out
}

/// Parses the bytes of one input in a known format.
pub fn parse_bytes(id: &str, bytes: &[u8], _format: Format) -> Result<Vec<Document>> {
    Ok(vec![Document::new(id, String::from_utf8_lossy(bytes).into_owned())])
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("document")
        .to_string()
}
