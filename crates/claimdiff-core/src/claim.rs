use serde::{Deserialize, Serialize};

use crate::{document::Span, time::TimeValue, value::Value};

/// How firmly the text puts a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Stated as fact.
    Asserted,
    /// Attributed to someone who said it ("said", "according to").
    Reported,
    /// Put as an accusation ("alleged", "accused").
    Alleged,
    /// Put as a suspicion ("suspects").
    Suspected,
    /// Denied or rejected.
    Denied,
    /// Hedged ("reportedly", "preliminary", "may have").
    Hedged,
}

impl Modality {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Reported => "reported",
            Modality::Alleged => "alleged",
            Modality::Suspected => "suspected",
            Modality::Denied => "denied",
            Modality::Hedged => "hedged",
        }
    }

    /// Reads a modality name as written in data files.
    pub fn parse(name: &str) -> Option<Modality> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "asserted" => Modality::Asserted,
            "reported" => Modality::Reported,
            "alleged" => Modality::Alleged,
            "suspected" => Modality::Suspected,
            "denied" => Modality::Denied,
            "hedged" => Modality::Hedged,
            _ => return None,
        })
    }

    /// How much a claim of this modality weighs as evidence, in (0, 1].
    pub fn weight(self) -> f64 {
        match self {
            Modality::Asserted => 1.0,
            Modality::Reported => 0.9,
            Modality::Denied => 0.8,
            Modality::Alleged | Modality::Suspected => 0.6,
            Modality::Hedged => 0.5,
        }
    }
}

/// One statement in one document: an attribute of an event has a value, said by someone, so firmly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Identifier, unique in a report (`DOC:cN`).
    pub id: String,
    /// The document that makes the claim.
    pub document: String,
    /// The event the claim is about (a document-local id from extraction; a report-wide id after
    /// comparison).
    pub event: String,
    /// The event's kind (`Life.Die`, `Disaster.Crash`, …), so claims stand alone in a pipeline.
    #[serde(default)]
    pub event_kind: String,
    /// The attribute (`time`, `cause`, `dead`, `place`, …).
    pub attribute: String,
    /// What the attribute is.
    pub value: Value,
    /// Who the text says said it; none when the outlet speaks in its own voice.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The entity the speaker stands for (Russian investigators: `russia`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_entity: Option<String>,
    /// How firmly it is put.
    #[serde(default = "default_modality")]
    pub modality: Modality,
    /// True when the text says the value does not hold ("did not accept responsibility").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negated: bool,
    /// Index of the sentence among the document's kept sentences.
    #[serde(default)]
    pub sentence: usize,
    /// Byte range of the value's words in the document text.
    #[serde(default)]
    pub span: [usize; 2],
    /// The sentence, for readers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub quote: String,
    /// Entities the event involves, as this document names them (ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<String>,
    /// Where the event happened, as this document says (an entity id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// When the event happened, as this document says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<TimeValue>,
    /// When the claim's document was published (tells a rising toll from a contradiction).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<jiff::civil::Date>,
}

fn default_modality() -> Modality {
    Modality::Asserted
}

impl Claim {
    /// The claim's place in its document.
    pub fn span(&self) -> Span {
        Span {
            document: self.document.clone(),
            start: self.span[0],
            end: self.span[1],
            sentence: self.sentence,
        }
    }
}

/// Something that happened, as one or more documents report it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Identifier (`E1`, …).
    pub id: String,
    /// Kind after the ACE 2005 ontology and its disaster/election additions (`Life.Die`).
    pub kind: String,
    /// A short human label ("Life.Die in Yekaterinburg, 2025-06").
    pub label: String,
    /// Entities involved (ids).
    #[serde(rename = "entities")]
    pub participants: Vec<String>,
    /// Where it happened (an entity id).
    pub place: Option<String>,
    /// When it happened.
    pub time: Option<TimeValue>,
    /// The documents that report it.
    pub documents: Vec<String>,
}
