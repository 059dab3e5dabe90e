use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One article as given to claimdiff: its text and what is known about where it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable identifier; defaults to the file stem.
    pub id: String,
    /// The outlet or feed, when known.
    #[serde(default)]
    pub source: Option<String>,
    /// The headline, when known.
    #[serde(default)]
    pub title: Option<String>,
    /// Where the article was published.
    #[serde(default)]
    pub url: Option<String>,
    /// The publication date: the reference for relative dates ("last week").
    #[serde(default)]
    pub published: Option<Date>,
    /// The full text as read (spans point into it).
    pub text: String,
    /// Metadata fields this model does not know, kept as given.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, serde_json::Value>,
}

impl Document {
    /// A document with only an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            source: None,
            title: None,
            url: None,
            published: None,
            text: text.into(),
            metadata: BTreeMap::new(),
        }
    }

    /// Sets the publication date.
    pub fn with_published(mut self, date: Date) -> Document {
        self.published = Some(date);
        self
    }

    /// Sets the source (outlet) name.
    pub fn with_source(mut self, source: impl Into<String>) -> Document {
        self.source = Some(source.into());
        self
    }
}

/// A place in a document's text: a byte range and the sentence it lies in.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// The document id.
    pub document: String,
    /// First byte (inclusive).
    pub start: usize,
    /// Last byte (exclusive).
    pub end: usize,
    /// Index of the sentence among the document's kept sentences.
    pub sentence: usize,
}
