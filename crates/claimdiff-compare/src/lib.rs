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
mod read;
mod relate;

use std::collections::{BTreeMap, BTreeSet};

use claimdiff_core::{Claim, Event, Finding, SourcePair, TimeValue, Verdict};
use claimdiff_extract::Lexicon;
use rayon::prelude::*;

pub use crate::{
    error::{Error, Result},
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
pub fn compare_owned(
    mut claims: Vec<Claim>,
    lexicon: &Lexicon,
    config: &CompareConfig,
) -> Comparison {
    claims.sort_by(|a, b| {
        (a.document.as_str(), a.span, a.id.as_str()).cmp(&(
            b.document.as_str(),
            b.span,
            b.id.as_str(),
        ))
    });
    let locals = align::local_events(&claims);
    let clusters = align::align(&locals, lexicon.gazetteer());

    // Global events, ordered by date, kind and first member.
    let mut order: Vec<usize> = (0..clusters.len()).collect();
    let key = |ci: usize| {
        let c = &clusters[ci];
        let first_time = c
            .members
            .iter()
            .filter_map(|&m| locals[m].time.map(|t| t.0))
            .min();
        let first = c
            .members
            .first()
            .map(|&m| (locals[m].document.clone(), locals[m].id.clone()));
        (
            first_time.is_none(),
            first_time,
            locals[c.members[0]].kind.clone(),
            first,
        )
    };
    order.sort_by_key(|&ci| key(ci));
    let mut local_to_global: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut events = Vec::new();
    let mut disputed: BTreeMap<String, bool> = BTreeMap::new();
    for (n, &ci) in order.iter().enumerate() {
        let id = format!("E{}", n + 1);
        let c = &clusters[ci];
        let members: Vec<&align::LocalEvent> = c.members.iter().map(|&m| &locals[m]).collect();
        for m in &members {
            local_to_global.insert((m.document.clone(), m.id.clone()), id.clone());
        }
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
        disputed.insert(id.clone(), c.disputed_time);
        events.push(Event {
            id,
            kind,
            label,
            participants: participants.into_iter().collect(),
            place,
            time,
            documents: documents.into_iter().collect(),
        });
    }
    for c in &mut claims {
        if let Some(g) = local_to_global.get(&(c.document.clone(), c.event.clone())) {
            c.event = g.clone();
        }
    }

    let independent = independence::groups(&claims, config.near_duplicate);
    let docs: BTreeSet<String> = claims.iter().map(|c| c.document.clone()).collect();
    let names = short_names(&docs);
    let ctx = findings::Context {
        relator: relate::Relator {
            taxonomy: lexicon.taxonomy(),
            gazetteer: lexicon.gazetteer(),
            config,
        },
        independent: &independent,
        names: &names,
    };

    let mut by_attr: BTreeMap<(String, String), Vec<&Claim>> = BTreeMap::new();
    for c in &claims {
        by_attr
            .entry((c.event.clone(), c.attribute.clone()))
            .or_default()
            .push(c);
    }
    let mut drafts = Vec::new();
    let mut unique_claims: BTreeMap<String, usize> = docs.iter().map(|d| (d.clone(), 0)).collect();
    for cs in by_attr.values() {
        let cdocs: BTreeSet<&str> = cs.iter().map(|c| c.document.as_str()).collect();
        if cdocs.len() == 1 {
            if let Some(d) = cdocs.first() {
                *unique_claims.entry((*d).to_string()).or_default() += cs.len();
            }
        }
    }
    // Each (event, attribute) is judged on its own: in parallel, collected in key order.
    let groups: Vec<(&(String, String), &Vec<&Claim>)> = by_attr.iter().collect();
    let judged: Vec<Vec<findings::Draft>> = groups
        .par_iter()
        .map(|((event, attribute), cs)| {
            let scope = if disputed.get(event).copied().unwrap_or(false) {
                Some(scope_note(event, &events, cs, &names))
            } else {
                None
            };
            findings::judge(&ctx, event, attribute, cs, scope)
        })
        .collect();
    drafts.extend(judged.into_iter().flatten());

    drafts.extend(findings::related_counts(&claims, config));

    // Conflicts first, then compatible, then agreements; by event order and attribute within.
    let event_rank: BTreeMap<&str, usize> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    drafts.sort_by(|a, b| {
        let ka = (
            a.finding.verdict,
            event_rank.get(a.finding.event.as_str()),
            a.finding.attribute.as_str(),
            &a.finding.claims,
        );
        let kb = (
            b.finding.verdict,
            event_rank.get(b.finding.event.as_str()),
            b.finding.attribute.as_str(),
            &b.finding.claims,
        );
        ka.cmp(&kb)
    });
    // Pairs of documents that share a finding (never all pairs of documents: a feed of 100,000
    // documents has 5·10⁹ of those). Documents are numbered to keep the keys small.
    let doc_no: BTreeMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.as_str(), i))
        .collect();
    let doc_names: Vec<&String> = docs.iter().collect();
    let mut tallies: BTreeMap<(usize, usize), [usize; 3]> = BTreeMap::new();
    let mut findings = Vec::new();
    for (i, d) in drafts.into_iter().enumerate() {
        let mut f = d.finding;
        f.id = format!("F{}", i + 1);
        let fdocs: Vec<usize> = f
            .claims
            .iter()
            .filter_map(|id| id.rsplit_once(":c").map(|(doc, _)| doc))
            .filter_map(|doc| doc_no.get(doc).copied())
            .collect::<BTreeSet<usize>>()
            .into_iter()
            .collect();
        for (x, &a) in fdocs.iter().enumerate() {
            for &b in &fdocs[x + 1..] {
                let t = tallies.entry((a, b)).or_default();
                let slot = match f.verdict {
                    Verdict::Agreement => 0,
                    Verdict::Compatible => 1,
                    Verdict::Conflict => {
                        let (na, nb) = (doc_names[a], doc_names[b]);
                        if d.opposed.contains(&(na.clone(), nb.clone())) {
                            2
                        } else {
                            0
                        }
                    }
                };
                t[slot] += 1;
            }
        }
        findings.push(f);
    }
    let pairs: Vec<SourcePair> = tallies
        .into_iter()
        .map(|((a, b), [agree, compatible, conflict])| SourcePair {
            a: doc_names[a].clone(),
            b: doc_names[b].clone(),
            agree,
            compatible,
            conflict,
        })
        .collect();
    let duplicates = independent
        .iter()
        .filter(|(d, g)| d != g)
        .map(|(d, g)| (d.clone(), g.clone()))
        .collect();
    Comparison {
        events,
        claims,
        findings,
        sources: pairs,
        unique_claims,
        duplicates,
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

/// The note on an event joined across documents although their dates differ.
fn scope_note(
    event: &str,
    events: &[Event],
    claims: &[&Claim],
    names: &BTreeMap<String, String>,
) -> String {
    let kind = events
        .iter()
        .find(|e| e.id == event)
        .map(|e| e.label.clone())
        .unwrap_or_default();
    let mut dates: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in claims {
        if let Some(t) = &c.time {
            if t.bounds().is_some() {
                dates.entry(t.text().to_string()).or_default().insert(
                    names
                        .get(&c.document)
                        .cloned()
                        .unwrap_or_else(|| c.document.clone()),
                );
            }
        }
    }
    let parts: Vec<String> = dates
        .into_iter()
        .map(|(t, d)| format!("{t} ({})", d.into_iter().collect::<Vec<_>>().join(", ")))
        .collect();
    format!(
        "the sources may describe different events ({kind}: {})",
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
