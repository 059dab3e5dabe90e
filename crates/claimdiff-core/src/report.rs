use jiff::civil::Date;
use serde::{Deserialize, Serialize, Serializer};

use crate::{claim::Claim, claim::Event, entity::Entity};

/// The schema name written in every report.
pub const SCHEMA: &str = "claimdiff.report.v1";

/// The result of comparing a set of documents: the `claimdiff.report.v1` JSON document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Every document given, in id order.
    pub documents: Vec<DocumentSummary>,
    /// Entities mentioned, in id order.
    pub entities: Vec<Entity>,
    /// Events, aligned across documents.
    pub events: Vec<Event>,
    /// Claims, in document then text order.
    pub claims: Vec<Claim>,
    /// Agreements, compatibilities and conflicts.
    pub findings: Vec<Finding>,
    /// Per pair of sources (documents) that share at least one finding: how often they agree and
    /// conflict. Pairs that share none are left out.
    pub sources: Vec<SourcePair>,
    /// Inputs that could not be read, with why.
    pub errors: Vec<ErrorEntry>,
}

impl Report {
    /// An empty report.
    pub fn new() -> Report {
        Report {
            schema: SCHEMA.to_string(),
            documents: Vec::new(),
            entities: Vec::new(),
            events: Vec::new(),
            claims: Vec::new(),
            findings: Vec::new(),
            sources: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims
            .binary_search_by(|c| claim_order(&c.id).cmp(&claim_order(id)))
            .ok()
            .and_then(|i| self.claims.get(i))
            .or_else(|| self.claims.iter().find(|c| c.id == id))
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// The event with this id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }
}

fn claim_order(id: &str) -> (&str, usize) {
    match id.rsplit_once(":c") {
        Some((doc, n)) => (doc, n.parse().unwrap_or(usize::MAX)),
        None => (id, usize::MAX),
    }
}

impl Default for Report {
    fn default() -> Report {
        Report::new()
    }
}

/// What the report says of one input document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentSummary {
    /// The document id.
    pub id: String,
    /// The outlet, when known.
    pub source: Option<String>,
    /// The headline, when known or found.
    pub title: Option<String>,
    /// The publication date, when known or estimated.
    pub published: Option<Date>,
    /// Where `published` came from: `metadata`, or `url-path` when estimated from dated paths in the
    /// text; absent when there is no date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_from: Option<String>,
    /// Sentences kept for extraction.
    pub sentences: usize,
    /// Claims on an (event, attribute) that no other document speaks to.
    #[serde(default)]
    pub unique_claims: usize,
    /// Counts of what cleaning dropped.
    pub dropped: Dropped,
    /// What cleaning dropped and why (filled when asked to explain).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped_items: Vec<DropRecord>,
    /// Problems met while reading this document that did not stop it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// Counts of text dropped by cleaning.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    /// Navigation, headline lists, link lists, bylines, captions, image markup, section labels.
    pub boilerplate: usize,
    /// Paragraphs and sentences repeated within the document.
    pub duplicate: usize,
}

/// One piece of text cleaning dropped, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropRecord {
    /// `boilerplate` or `duplicate`.
    pub class: String,
    /// The rule that dropped it (`headline-list`, `link-list`, `image`, `byline`, …).
    pub reason: String,
    /// Byte range in the document text.
    pub span: [usize; 2],
    /// The start of the dropped text, for readers.
    pub excerpt: String,
}

/// How two or more claims on one attribute of one event relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Conflicting values.
    Conflict,
    /// Different but consistent values.
    Compatible,
    /// The same value.
    Agreement,
}

impl Verdict {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Agreement => "agreement",
            Verdict::Compatible => "compatible",
            Verdict::Conflict => "conflict",
        }
    }
}

/// Whose values a finding sets against each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Outlets stating values in their own voice (or the same party quoted by several outlets).
    Sources,
    /// Values attributed to different quoted parties.
    Speakers,
}

/// A verdict on the claims about one attribute of one event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Identifier (`F1`, …), conflicts first.
    pub id: String,
    /// Agreement, compatible or conflict.
    pub verdict: Verdict,
    /// Between sources or between quoted parties.
    pub basis: Basis,
    /// The event (report-wide id).
    pub event: String,
    /// The attribute.
    pub attribute: String,
    /// Confidence in the verdict, in [0, 1].
    #[serde(serialize_with = "round3")]
    pub score: f64,
    /// The claims weighed (ids).
    pub claims: Vec<String>,
    /// What a reader needs to check it: values, speakers and documents.
    pub explanation: String,
    /// True when a figure changed between reports of different dates (a rising toll): a conflict
    /// explained as an update rather than a contradiction.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub update: bool,
    /// Set when the sources may describe different events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope_note: Option<String>,
    /// Documents that are near-duplicates of another counted here, counted once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependent: Vec<String>,
}

/// Agreements and conflicts between two sources (documents).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourcePair {
    /// One document id.
    pub a: String,
    /// The other document id (a < b).
    pub b: String,
    /// Findings where both agree.
    pub agree: usize,
    /// Findings where they are compatible.
    #[serde(default)]
    pub compatible: usize,
    /// Findings where they conflict.
    pub conflict: usize,
}

/// An input that could not be analyzed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ErrorEntry {
    /// The file (or `-` for standard input), with a line number for JSON lines (`feed.jsonl:7`).
    pub path: String,
    /// Why.
    pub message: String,
}

/// Rounds scores so that reports are byte-identical across platforms and thread counts.
fn round3<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((x * 1000.0).round() / 1000.0)
}
