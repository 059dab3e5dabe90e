//! Tests of claimdiff-compare: value relations, alignment, updates, parts and totals.

mod alignment;
mod properties;
mod sources;
mod values;

use claimdiff_core::{Claim, Modality, Value};

/// Path of a file in the workspace's `tests/data/`.
pub fn data_path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name)
}

/// A claim on `event` of `doc`, with the event's place and participants.
pub fn claim(
    doc: &str,
    n: usize,
    event: (&str, &str, &str),
    attribute: &str,
    value: Value,
) -> Claim {
    let (kind, place, participants) = event;
    Claim {
        id: format!("{doc}:c{n}"),
        document: doc.into(),
        event: format!("{doc}#{kind}"),
        event_kind: kind.into(),
        attribute: attribute.into(),
        value,
        speaker: None,
        speaker_entity: None,
        modality: Modality::Asserted,
        negated: false,
        sentence: n,
        span: [n * 10, n * 10 + 5],
        quote: format!("sentence {n} of {doc}"),
        entities: participants
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        place: (!place.is_empty()).then(|| place.to_string()),
        time: None,
        published: None,
    }
}
