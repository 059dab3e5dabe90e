//! claimdiff-compare: aligns events across documents and judges what the sources say of them:
//! agreement, compatible or conflict, between outlets or between quoted parties, with a score and
//! an explanation.
//!
//! ```
//! use claimdiff_compare::{compare, CompareConfig};
//! use claimdiff_core::{Claim, Modality, TimeValue, Value};
//! use claimdiff_extract::Lexicon;
//!
//! let lexicon = Lexicon::embedded()?;
//! let claim = |doc: &str, path: &str, speaker: &str, entity: &str| Claim {
//!     id: format!("{doc}:c1"),
//!     document: doc.into(),
//!     event: format!("{doc}#e1"),
//!     event_kind: "Life.Die".into(),
//!     attribute: "cause".into(),
//!     value: Value::Category { text: path.rsplit('/').next().unwrap_or(path).into(), path: path.into() },
//!     speaker: Some(speaker.into()),
//!     speaker_entity: Some(entity.into()),
//!     modality: Modality::Reported,
//!     negated: false,
//!     sentence: 0,
//!     span: [0, 10],
//!     quote: String::new(),
//!     entities: vec!["yekaterinburg".into()],
//!     place: Some("yekaterinburg".into()),
//!     time: None,
//!     published: None,
//! };
//! let claims = vec![
//!     claim("a", "cause/natural/heart-failure", "Russian investigators", "russia"),
//!     claim("b", "cause/violent/torture", "Azerbaijani prosecutors", "azerbaijan"),
//! ];
//! let result = compare(&claims, &lexicon, &CompareConfig::default());
//! assert_eq!(result.findings[0].verdict.as_str(), "conflict");
//! assert_eq!(result.findings[0].basis, claimdiff_core::Basis::Speakers);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
// Relations between value groups are a matrix indexed by group.
#![allow(clippy::needless_range_loop)]

mod align;
mod error;
mod findings;
mod independence;
mod keyed;
mod pairs;
mod read;
mod relate;
mod sets;

use std::collections::{BTreeMap, BTreeSet};
use std::hash::BuildHasher;

use claimdiff_core::{Claim, Event, Finding, SourcePair, TimeValue};
use claimdiff_extract::Lexicon;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::findings::DocMap;

pub use crate::{
    error::{Error, Result},
    independence::SourceGroups,
    read::read_claims,
};

/// Tolerances and thresholds of comparison.
#[derive(Clone, Debug)]
pub struct CompareConfig {
    /// Relative tolerance of an approximate figure ("about 40": ±10 %).
    pub approximate_tolerance: f64,
    /// Normalized similarity above which two text values are the same thing worded differently.
    pub text_similarity: f64,
    /// Share of a document's quoted sentences found in another for the two to count as one
    /// source (a wire story carried twice).
    pub near_duplicate: f64,
    /// Count attributes that name stages of one process ("six detained" and "six charged"):
    /// equal figures on related events are reported as compatible.
    pub related_counts: Vec<Vec<String>>,
}

impl Default for CompareConfig {
    fn default() -> CompareConfig {
        CompareConfig {
            approximate_tolerance: 0.1,
            text_similarity: 0.8,
            near_duplicate: 0.6,
            related_counts: vec![["detained", "charged", "convicted", "sentenced"]
                .iter()
                .map(|s| (*s).to_string())
                .collect()],
        }
    }
}

/// The result of comparing claims.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Events aligned across documents (`E1`, …).
    pub events: Vec<Event>,
    /// The claims, their `event` now a report-wide event id.
    pub claims: Vec<Claim>,
    /// Findings, conflicts first.
    pub findings: Vec<Finding>,
    /// Per pair of documents that share a finding, agreements and conflicts.
    pub sources: Vec<SourcePair>,
    /// Per document, claims on an (event, attribute) no other document speaks to.
    pub unique_claims: BTreeMap<String, usize>,
    /// Near-duplicate documents: each document and the one it repeats.
    pub duplicates: BTreeMap<String, String>,
}

/// Aligns the events behind `claims` and judges every (event, attribute) that two documents or
/// two parties speak to. The result does not depend on the order of `claims`.
pub fn compare(claims: &[Claim], lexicon: &Lexicon, config: &CompareConfig) -> Comparison {
    compare_owned(claims.to_vec(), lexicon, config)
}

/// As [`compare`], taking the claims (no copy is made: for large inputs).
///
/// Every stage that can be is parallel (rayon), each collected in a fixed order, so the result
/// does not depend on the thread count.
pub fn compare_owned(claims: Vec<Claim>, lexicon: &Lexicon, config: &CompareConfig) -> Comparison {
    let sources = SourceGroups::of(&claims, config);
    compare_with_sources(claims, &sources, lexicon, config)
}

/// As [`compare_owned`], with the documents' independent sources worked out beforehand by
/// [`SourceGroups::of`] on the same claims (their entity ids may have changed since: the groups
/// only read documents and quotes). A pipeline works them out while it merges entity ids. A
/// document missing from `source_groups` is a source of its own.
pub fn compare_with_sources(
    mut claims: Vec<Claim>,
    source_groups: &SourceGroups,
    lexicon: &Lexicon,
    config: &CompareConfig,
) -> Comparison {
    // In place (a stable parallel sort would hold a second array of every claim). Claims of one
    // extraction have distinct ids, so the order is total; claims from elsewhere that repeat a
    // (document, span, id) key are left in an order that depends on the input's (so was it with a
    // stable sort).
    claims.par_sort_unstable_by(|a, b| {
        (a.document.as_str(), a.span, a.id.as_str()).cmp(&(
            b.document.as_str(),
            b.span,
            b.id.as_str(),
        ))
    });
    let locals = align::local_events(&claims);
    let clusters = align::align(&locals, lexicon.gazetteer());
    let global = global_events(&locals, &clusters, lexicon);
    // Each document's claims take the ids of their events, looked up among its own events.
    claims
        .par_chunk_by_mut(|a, b| a.document == b.document)
        .for_each(|cs| {
            let Some(document) = cs.first().map(|c| c.document.as_str()) else {
                return;
            };
            let own = align::events_of(&locals, document);
            for c in cs.iter_mut() {
                let event = align::find_local(own, &c.event)
                    .and_then(|l| global.of_local.get(l))
                    .and_then(|&e| global.events.get(e));
                if let Some(e) = event {
                    c.event = e.id.clone();
                }
            }
        });
    let GlobalEvents {
        events, disputed, ..
    } = global;

    // The claims are sorted by document: one copy of each document's id.
    let docs: BTreeSet<String> = claims
        .chunk_by(|a, b| a.document == b.document)
        .filter_map(|cs| cs.first().map(|c| c.document.clone()))
        .collect();
    let names = short_names(&docs);
    let independent_of: DocMap<'_> = source_groups.iter().collect();
    let name_of: DocMap<'_> = names
        .iter()
        .map(|(d, n)| (d.as_str(), n.as_str()))
        .collect();
    let ctx = findings::Context {
        relator: relate::Relator {
            taxonomy: lexicon.taxonomy(),
            gazetteer: lexicon.gazetteer(),
            config,
        },
        independent: &independent_of,
        names: &name_of,
    };
    let event_rank: FxHashMap<&str, usize> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();

    // Claims by (event, attribute); within each, in the order of `claims`. Grouped by hash
    // (sorting numbers, not texts); the order of the groups does not matter: every claim is in
    // one group, so findings of different groups never tie in the ranking below.
    let mut keys: Vec<keyed::Keyed<usize, (&str, &str)>> = claims
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let key = (c.event.as_str(), c.attribute.as_str());
            (FxBuildHasher.hash_one(key), i, key)
        })
        .collect();
    let groups: Vec<Vec<&Claim>> = keyed::runs(&mut keys)
        .par_iter()
        .map(|run| run.iter().filter_map(|x| claims.get(x.1)).collect())
        .collect();
    // Each (event, attribute) is judged on its own: in parallel, collected in group order.
    // Per group: its findings, and the document and count of its claims when one document
    // alone speaks to it.
    type Judged<'a> = (Vec<findings::Draft>, Option<(&'a str, usize)>);
    let judged: Vec<Judged<'_>> = groups
        .par_iter()
        .map(|cs| {
            let cs = cs.as_slice();
            let Some(first) = cs.first() else {
                return (Vec::new(), None);
            };
            let (event, attribute) = (first.event.as_str(), first.attribute.as_str());
            let rank = event_rank.get(event).copied();
            let scope = rank
                .filter(|&r| disputed.get(r).copied().unwrap_or(false))
                .and_then(|r| events.get(r))
                .map(|e| scope_note(&e.label, cs, &name_of));
            (
                findings::judge(&ctx, event, attribute, cs, scope),
                only_document(cs).map(|d| (d, cs.len())),
            )
        })
        .collect();
    // Documents are numbered: unique-claim counts by number, and small keys for source pairs.
    let doc_no: FxHashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.as_str(), i))
        .collect();
    let mut unique = vec![0; docs.len()];
    let mut drafts = Vec::new();
    for (ds, only) in judged {
        drafts.extend(ds);
        if let Some((d, n)) = only {
            if let Some(count) = doc_no.get(d).and_then(|&i| unique.get_mut(i)) {
                *count += n;
            }
        }
    }
    let unique_claims: BTreeMap<String, usize> = docs.iter().cloned().zip(unique).collect();
    drafts.extend(findings::related_counts(&claims, config));

    // Conflicts first, then compatible, then agreements; by event order and attribute within.
    let mut ranked: Vec<(Option<usize>, findings::Draft)> = drafts
        .into_iter()
        .map(|d| (event_rank.get(d.finding.event.as_str()).copied(), d))
        .collect();
    ranked.par_sort_by(|(ra, a), (rb, b)| {
        (
            a.finding.verdict,
            ra,
            a.finding.attribute.as_str(),
            &a.finding.claims,
        )
            .cmp(&(
                b.finding.verdict,
                rb,
                b.finding.attribute.as_str(),
                &b.finding.claims,
            ))
    });
    let doc_names: Vec<&String> = docs.iter().collect();
    let (findings, shared): (Vec<Finding>, Vec<pairs::Shared>) = ranked
        .into_par_iter()
        .enumerate()
        .map(|(i, (_, d))| {
            let mut f = d.finding;
            f.id = format!("F{}", i + 1);
            let shared = pairs::Shared::new(&f, &d.sides, &doc_no, &doc_names);
            (f, shared)
        })
        .unzip();
    let sources = pairs::tally(&shared, &doc_names);
    let duplicates = source_groups
        .iter()
        .filter(|(d, g)| d != g)
        .map(|(d, g)| ((*d).to_string(), (*g).to_string()))
        .collect();
    Comparison {
        events,
        claims,
        findings,
        sources,
        unique_claims,
        duplicates,
    }
}

/// The document of claims that all come from one document.
fn only_document<'a>(claims: &[&'a Claim]) -> Option<&'a str> {
    let first = claims.first()?.document.as_str();
    claims.iter().all(|c| c.document == first).then_some(first)
}

/// Events aligned across documents, numbered.
struct GlobalEvents {
    /// `E1`, `E2`, … ordered by date, kind and first member.
    events: Vec<Event>,
    /// Per event: joined although the dates of its members differ.
    disputed: Vec<bool>,
    /// The event of each local event.
    of_local: Vec<usize>,
}

/// Numbers the clusters as events, ordered by date, kind and first member, and describes them.
fn global_events(
    locals: &[align::LocalEvent],
    clusters: &[align::Cluster],
    lexicon: &Lexicon,
) -> GlobalEvents {
    let mut order: Vec<_> = clusters
        .par_iter()
        .enumerate()
        .filter_map(|(ci, c)| {
            let first = locals.get(*c.members.first()?)?;
            let first_time = c
                .members
                .iter()
                .filter_map(|&m| locals.get(m)?.time.map(|t| t.0))
                .min();
            Some((
                (
                    first_time.is_none(),
                    first_time,
                    first.kind.as_str(),
                    (first.document.as_str(), first.id.as_str()),
                    ci,
                ),
                c,
            ))
        })
        .collect();
    order.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let events: Vec<Event> = order
        .par_iter()
        .enumerate()
        .map(|(n, (_, c))| describe_event(n, locals, c, lexicon))
        .collect();
    let mut of_local = vec![0; locals.len()];
    for (n, (_, c)) in order.iter().enumerate() {
        for &m in &c.members {
            if let Some(e) = of_local.get_mut(m) {
                *e = n;
            }
        }
    }
    GlobalEvents {
        events,
        disputed: order.iter().map(|(_, c)| c.disputed_time).collect(),
        of_local,
    }
}

/// Event `n` (`E{n+1}`): its kind, participants, most common place and narrowest time.
fn describe_event(
    n: usize,
    locals: &[align::LocalEvent],
    c: &align::Cluster,
    lexicon: &Lexicon,
) -> Event {
    let members: Vec<&align::LocalEvent> =
        c.members.iter().filter_map(|&m| locals.get(m)).collect();
    let participants: BTreeSet<String> = members
        .iter()
        .flat_map(|m| m.participants.iter().cloned())
        .collect();
    let place = most_common(members.iter().filter_map(|m| m.place.clone()));
    let time = if c.disputed_time {
        None
    } else {
        narrowest(members.iter().filter_map(|m| m.time_value.clone()))
    };
    let documents: BTreeSet<String> = members.iter().map(|m| m.document.clone()).collect();
    let kind = members.first().map(|m| m.kind.clone()).unwrap_or_default();
    let label = label(&kind, place.as_deref(), time.as_ref(), lexicon);
    Event {
        id: format!("E{}", n + 1),
        kind,
        label,
        participants: participants.into_iter().collect(),
        place,
        time,
        documents: documents.into_iter().collect(),
    }
}

fn most_common(items: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for i in items {
        *counts.entry(i).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(k, _)| k)
}

/// The most precise time among members (the shortest interval; earliest on ties).
fn narrowest(items: impl Iterator<Item = TimeValue>) -> Option<TimeValue> {
    items
        .filter_map(|t| t.bounds().map(|(a, b)| ((b - a).get_days(), a, t)))
        .min_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)))
        .map(|(_, _, t)| t)
}

fn label(kind: &str, place: Option<&str>, time: Option<&TimeValue>, lexicon: &Lexicon) -> String {
    let mut out = kind.to_string();
    if let Some(p) = place {
        let name = lexicon
            .gazetteer()
            .entity(p)
            .map(|e| e.name.clone())
            .unwrap_or_else(|| p.to_string());
        out.push_str(&format!(" in {name}"));
    }
    if let Some((a, b)) = time.and_then(TimeValue::bounds) {
        if a == b {
            out.push_str(&format!(", {a}"));
        } else {
            out.push_str(&format!(", {a}/{b}"));
        }
    }
    out
}

/// The note on an event (its label given) joined across documents although their dates differ.
fn scope_note(label: &str, claims: &[&Claim], names: &DocMap<'_>) -> String {
    let mut dates: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in claims {
        if let Some(t) = &c.time {
            if t.bounds().is_some() {
                let name = names.get(c.document.as_str()).copied();
                dates
                    .entry(t.text().to_string())
                    .or_default()
                    .insert(name.unwrap_or(&c.document).to_string());
            }
        }
    }
    let parts: Vec<String> = dates
        .into_iter()
        .map(|(t, d)| format!("{t} ({})", d.into_iter().collect::<Vec<_>>().join(", ")))
        .collect();
    format!(
        "the sources may describe different events ({label}: {})",
        parts.join(" vs ")
    )
}

/// Short display names: the part of each id before its first `_`, when those are unique.
fn short_names(docs: &BTreeSet<String>) -> BTreeMap<String, String> {
    let short: Vec<(String, String)> = docs
        .iter()
        .map(|d| (d.clone(), d.split('_').next().unwrap_or(d).to_string()))
        .collect();
    let distinct: BTreeSet<&str> = short.iter().map(|(_, s)| s.as_str()).collect();
    if distinct.len() == short.len() {
        short.into_iter().collect()
    } else {
        docs.iter().map(|d| (d.clone(), d.clone())).collect()
    }
}

/// A claim of document `doc` (a reported cause of death, no speaker, no quote), for unit tests to
/// adjust with struct update syntax.
#[cfg(test)]
pub(crate) fn test_claim(doc: &str) -> Claim {
    Claim {
        id: format!("{doc}:c1"),
        document: doc.into(),
        event: format!("{doc}#e1"),
        event_kind: "Life.Die".into(),
        attribute: "cause".into(),
        value: claimdiff_core::Value::Text { text: "x".into() },
        speaker: None,
        speaker_entity: None,
        modality: claimdiff_core::Modality::Reported,
        negated: false,
        sentence: 0,
        span: [0, 1],
        quote: String::new(),
        entities: Vec::new(),
        place: None,
        time: None,
        published: None,
    }
}
