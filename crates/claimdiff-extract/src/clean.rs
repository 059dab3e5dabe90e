//! Boilerplate and duplicate removal, and sentence splitting (STUB: owned by the ingest work).
use claimdiff_core::{Document, DropRecord, Dropped};

use crate::{error::Result, lexicon::Sources, Lexicon};

/// Compiled boilerplate cues and abbreviations.
#[derive(Debug, Default)]
pub struct CleanLexicon {}

impl CleanLexicon {
    pub(crate) fn load(_s: &Sources) -> Result<CleanLexicon> {
        Ok(CleanLexicon {})
    }
}

/// One kept sentence: a byte range of the document text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// First byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Index of the paragraph it belongs to.
    pub paragraph: usize,
}

/// What cleaning kept and dropped of one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cleaned {
    /// The headline, when the text starts with one.
    pub title: Option<String>,
    /// Kept sentences in text order.
    pub sentences: Vec<Sentence>,
    /// What was dropped and why.
    pub dropped: Vec<DropRecord>,
    /// Counts of what was dropped.
    pub counts: Dropped,
}

/// Cleans one document and splits what is kept into sentences.
pub fn clean(doc: &Document, _lex: &Lexicon) -> Cleaned {
    Cleaned {
        sentences: vec![Sentence {
            start: 0,
            end: doc.text.len(),
            paragraph: 0,
        }],
        ..Cleaned::default()
    }
}
