//! The claimdiff data model: documents, spans, entities, times, quantities, values, claims, events,
//! findings, the `claimdiff.report.v1` report, and the claim graph with its (entity, date) index.
//!
//! ```
//! use claimdiff_core::{Claim, ClaimGraph, Event, Modality, Report, TimeValue, Value};
//!
//! let june = TimeValue::parse_normalized("in June 2025", "2025-06-01/2025-06-30")?;
//! let mut report = Report::new();
//! report.events.push(Event {
//!     id: "E1".into(),
//!     kind: "Life.Die".into(),
//!     label: "deaths in Yekaterinburg".into(),
//!     participants: vec!["azerbaijan".into()],
//!     place: Some("yekaterinburg".into()),
//!     time: Some(june.clone()),
//!     documents: vec!["a".into()],
//! });
//! report.claims.push(Claim {
//!     id: "a:c1".into(),
//!     document: "a".into(),
//!     event: "E1".into(),
//!     event_kind: "Life.Die".into(),
//!     attribute: "time".into(),
//!     value: Value::Time(june),
//!     speaker: None,
//!     speaker_entity: None,
//!     modality: Modality::Asserted,
//!     negated: false,
//!     sentence: 0,
//!     span: [0, 12],
//!     quote: String::new(),
//!     entities: vec![],
//!     place: None,
//!     time: None,
//!     published: None,
//! });
//! let graph = ClaimGraph::build(&report);
//! let from = "2025-06-15".parse()?;
//! let to = "2025-07-15".parse()?;
//! assert_eq!(graph.claims_about("yekaterinburg", from, to).len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod claim;
mod document;
mod entity;
mod error;
mod graph;
mod quantity;
mod report;
mod time;
mod value;

pub use crate::{
    claim::{Claim, Event, Modality},
    document::{Document, Span},
    entity::{Entity, EntityKind},
    error::{Error, Result},
    graph::{ClaimGraph, Edge, Node},
    quantity::{Quantity, QuantityKind},
    report::{
        Basis, DocumentSummary, DropRecord, Dropped, ErrorEntry, Finding, Report, SourcePair,
        Verdict, SCHEMA,
    },
    time::{parse_date, Granularity, TimeValue},
    value::{fmt_num, normalize_text, Value},
};

/// Turns a name into an id: lowercase ASCII letters and digits joined by hyphens.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.chars() {
        let c = fold_char(c);
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// Folds common Latin letters with diacritics to ASCII (Erdoğan → Erdogan).
pub fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'ə' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ə' => 'E',
        'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'İ' => 'I',
        'ñ' | 'ń' | 'ň' => 'n',
        'Ñ' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'O',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
        'ş' | 'ś' | 'š' => 's',
        'Ş' | 'Ś' | 'Š' => 'S',
        'ğ' => 'g',
        'Ğ' => 'G',
        'ž' | 'ź' | 'ż' => 'z',
        'Ž' | 'Ź' | 'Ż' => 'Z',
        'ł' => 'l',
        'Ł' => 'L',
        'ý' | 'ÿ' => 'y',
        'ř' => 'r',
        c => c,
    }
}
