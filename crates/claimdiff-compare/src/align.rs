//! Event alignment across documents: the same kind, overlapping participants or place, and
//! compatible times make one event; a second pass joins events that only their dates keep apart,
//! when no single document tells them apart (a scope note says so).
use std::collections::{BTreeMap, BTreeSet};
use std::hash::BuildHasher;

use claimdiff_core::{Claim, TimeValue, Value};
use claimdiff_extract::Gazetteer;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use crate::keyed::{self, Keyed};
use crate::sets;

/// An event as one document reports it, rebuilt from its claims.
#[derive(Clone, Debug)]
pub(crate) struct LocalEvent {
    pub document: String,
    pub id: String,
    pub kind: String,
    pub participants: BTreeSet<String>,
    pub place: Option<String>,
    pub time: Option<(jiff::civil::Date, jiff::civil::Date)>,
    pub time_value: Option<TimeValue>,
    /// The attributes its claims speak to (a tie-break between equally good partners: the one
    /// that speaks to the same things).
    pub attributes: BTreeSet<String>,
}

/// A group of local events judged to be one event.
#[derive(Clone, Debug)]
pub(crate) struct Cluster {
    pub members: Vec<usize>,
    /// Joined although their dates disagree: the sources may describe different events.
    pub disputed_time: bool,
    /// The documents of the members (one event is reported once per document).
    docs: BTreeSet<usize>,
    /// The distinct places of the members, each with whether the gazetteer knows it.
    places: Vec<(String, bool)>,
    /// The latest start and the earliest end of the members' dates: every member's date
    /// overlaps another cluster's exactly when these bounds overlap the other's.
    times: Option<(jiff::civil::Date, jiff::civil::Date)>,
}

/// Rebuilds the local events from claims (so claims from any tool can be compared), ordered by
/// document and event id. The claims are sorted by document: each document's events are rebuilt
/// on their own, in parallel.
pub(crate) fn local_events(claims: &[Claim]) -> Vec<LocalEvent> {
    let documents: Vec<&[Claim]> = claims.chunk_by(|a, b| a.document == b.document).collect();
    documents
        .par_iter()
        .flat_map_iter(|cs| document_events(cs))
        .collect()
}

/// The local events of one document's claims, by event id.
fn document_events(claims: &[Claim]) -> Vec<LocalEvent> {
    let mut by_key: BTreeMap<&str, LocalEvent> = BTreeMap::new();
    for c in claims {
        let e = by_key
            .entry(c.event.as_str())
            .or_insert_with(|| LocalEvent {
                document: c.document.clone(),
                id: c.event.clone(),
                kind: if c.event_kind.is_empty() {
                    c.event.clone()
                } else {
                    c.event_kind.clone()
                },
                participants: BTreeSet::new(),
                place: None,
                time: None,
                time_value: None,
                attributes: BTreeSet::new(),
            });
        e.participants.extend(c.entities.iter().cloned());
        if !matches!(c.attribute.as_str(), "time" | "place") && !e.attributes.contains(&c.attribute)
        {
            e.attributes.insert(c.attribute.clone());
        }
        if e.place.is_none() {
            e.place = c.place.clone();
            if let (None, "place", Value::Entity { id, .. }) =
                (&e.place, c.attribute.as_str(), &c.value)
            {
                e.place = Some(id.clone());
            }
        }
        if e.time.is_none() {
            let t = c
                .time
                .clone()
                .or_else(|| match (&c.value, c.attribute.as_str()) {
                    (Value::Time(t), "time") => Some(t.clone()),
                    _ => None,
                });
            if let Some(t) = t {
                e.time = t.bounds();
                if e.time.is_some() {
                    e.time_value = Some(t);
                }
            }
        }
    }
    by_key.into_values().collect()
}

/// The local events of `document` in `events` (ordered as [`local_events`] orders them: by
/// document, then event id), with the index of the first.
pub(crate) fn events_of<'a>(events: &'a [LocalEvent], document: &str) -> (usize, &'a [LocalEvent]) {
    let start = events.partition_point(|e| e.document.as_str() < document);
    let rest = events.get(start..).unwrap_or_default();
    let len = rest.partition_point(|e| e.document == document);
    (start, rest.get(..len).unwrap_or_default())
}

/// The index of event `id` among one document's local events (from [`events_of`]).
pub(crate) fn find_local((start, events): (usize, &[LocalEvent]), id: &str) -> Option<usize> {
    events
        .binary_search_by(|e| e.id.as_str().cmp(id))
        .ok()
        .map(|i| start + i)
}

/// The participants of each event that say something about which event is meant: not those in
/// nearly every event (`common`). Sorted, as the participants are.
fn informative<'a>(events: &'a [LocalEvent], common: &FxHashSet<&str>) -> Vec<Vec<&'a str>> {
    events
        .par_iter()
        .map(|e| {
            e.participants
                .iter()
                .filter(|p| !common.contains(p.as_str()))
                .map(String::as_str)
                .collect()
        })
        .collect()
}

/// How many items two sorted lists share.
fn shared_count(a: &[&str], b: &[&str]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// How well two local events match (higher is better); None when they cannot be one event.
/// `pa` and `pb` are their informative participants.
fn match_score(
    (a, pa): (&LocalEvent, &[&str]),
    (b, pb): (&LocalEvent, &[&str]),
    gaz: &Gazetteer,
    pass: Pass,
) -> Option<f64> {
    if a.kind != b.kind || a.document == b.document {
        return None;
    }
    let mut score = 0.0;
    match (&a.place, &b.place) {
        (Some(x), Some(y)) if x == y => score += 2.0,
        (Some(x), Some(y)) if gaz.contains(x, y) || gaz.contains(y, x) => score += 1.5,
        // A place the gazetteer does not know may lie in the other: no evidence either way, while
        // the dates agree. Reports that differ in both place and date tell of two events.
        (Some(x), Some(y))
            if pass == Pass::Compatible && (gaz.entity(x).is_none() || gaz.entity(y).is_none()) => {
        }
        (Some(_), Some(_)) => return None,
        _ => {}
    }
    let shared = shared_count(pa, pb);
    let union = (pa.len() + pb.len() - shared).max(1);
    score += 2.0 * shared as f64 / union as f64;
    if let (Some(pl), None) | (None, Some(pl)) = (&a.place, &b.place) {
        let other = if a.place.is_some() { pb } else { pa };
        if other.binary_search(&pl.as_str()).is_ok() {
            score += 1.0;
        }
    }
    let times_overlap = match (a.time, b.time) {
        (Some((s1, e1)), Some((s2, e2))) => Some(s1 <= e2 && s2 <= e1),
        _ => None,
    };
    match (pass, times_overlap) {
        (Pass::Compatible, Some(false)) => return None,
        (Pass::Compatible, Some(true)) => score += 1.0,
        (Pass::DisputedTime, Some(true)) | (Pass::DisputedTime, None) => return None,
        (Pass::DisputedTime, Some(false)) => {
            // The further apart the dates, the less likely one event.
            let (Some((s1, _)), Some((s2, _))) = (a.time, b.time) else {
                return None;
            };
            let years = f64::from((s1 - s2).get_days().abs()) / 365.0;
            score -= years / 10.0;
        }
        (_, None) => {}
    }
    // Without a shared place or a shared informative participant there is no evidence.
    // Protagonists of the whole story are weak evidence, but evidence.
    let shared_all = a.participants.intersection(&b.participants).count();
    score += 0.5 * shared_all.min(2) as f64;
    // Between two otherwise equal partners, the one that speaks to the same attributes.
    score += 0.05 * a.attributes.intersection(&b.attributes).count().min(4) as f64;
    let evidence = shared > 0
        || shared_all > 0
        || matches!((&a.place, &b.place), (Some(x), Some(y)) if one_place(gaz, x, y));
    (evidence && score >= 1.0).then_some(score)
}

/// Two places that can be one: the same, or one within the other.
fn one_place(gaz: &Gazetteer, x: &str, y: &str) -> bool {
    x == y || gaz.contains(x, y) || gaz.contains(y, x)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pass {
    Compatible,
    DisputedTime,
}

/// Aligns local events into clusters. Candidate pairs come from a block keyed by (kind,
/// participant or place), never from all pairs of events. The events come ordered by document
/// (as [`local_events`] orders them).
pub(crate) fn align(events: &[LocalEvent], gaz: &Gazetteer) -> Vec<Cluster> {
    // Documents numbered in order: the events of one document come together.
    let mut doc_of: Vec<usize> = Vec::with_capacity(events.len());
    let mut documents: usize = 0;
    for (i, e) in events.iter().enumerate() {
        let same = i > 0 && events.get(i - 1).is_some_and(|p| p.document == e.document);
        if !same {
            documents += 1;
        }
        doc_of.push(documents.saturating_sub(1));
    }
    let common = common_participants(events, &doc_of, documents);

    let mut keys: Vec<Keyed<Ix, (&str, &str)>> = events
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, e)| {
            let i = Ix::try_from(i).ok();
            e.participants
                .iter()
                .chain(e.place.iter())
                .filter_map(move |key| {
                    let key = (e.kind.as_str(), key.as_str());
                    Some((FxBuildHasher.hash_one(key), i?, key))
                })
        })
        .collect();
    let blocks = keyed::runs(&mut keys);
    let mut clusters: Vec<Cluster> = events
        .par_iter()
        .zip(&doc_of)
        .enumerate()
        .map(|(i, (e, &doc))| Cluster {
            members: vec![i],
            disputed_time: false,
            docs: BTreeSet::from([doc]),
            places: e
                .place
                .iter()
                .map(|p| (p.clone(), gaz.entity(p).is_some()))
                .collect(),
            times: e.time,
        })
        .collect();
    let mut owner: Vec<usize> = (0..events.len()).collect();

    let pairs = candidate_pairs(events, &blocks);
    drop(blocks);
    drop(keys);
    let informative = informative(events, &common);
    let event = |i: usize| -> Option<(&LocalEvent, &[&str])> {
        Some((events.get(i)?, informative.get(i)?.as_slice()))
    };
    for pass in [Pass::Compatible, Pass::DisputedTime] {
        let mut scored: Vec<(f64, Ix, Ix)> = pairs
            .par_iter()
            .filter_map(|&(i, j)| {
                match_score(event(i as usize)?, event(j as usize)?, gaz, pass).map(|s| (s, i, j))
            })
            .collect();
        // Pairs are distinct: the order is total.
        scored.par_sort_unstable_by(|a, b| {
            b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
        });
        for (_, i, j) in scored {
            merge(gaz, &mut clusters, &mut owner, i as usize, j as usize, pass);
        }
    }
    join_single_events(events, &doc_of, documents, gaz, &mut clusters, &mut owner);
    let mut out: Vec<Cluster> = clusters
        .into_iter()
        .filter(|c| !c.members.is_empty())
        .collect();
    for c in &mut out {
        c.members.sort_unstable();
    }
    out
}

/// Participants found in most documents' events (the story's protagonists): in at least three
/// quarters of the documents, when there are three or more. `doc_of` numbers the document of
/// each event, increasing.
fn common_participants<'a>(
    events: &'a [LocalEvent],
    doc_of: &[usize],
    documents: usize,
) -> FxHashSet<&'a str> {
    if documents < 3 {
        return FxHashSet::default();
    }
    // Per participant: the last document counted and the number of documents.
    let mut freq: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
    for (e, &doc) in events.iter().zip(doc_of) {
        for p in &e.participants {
            let f = freq.entry(p.as_str()).or_insert((usize::MAX, 0));
            if f.0 != doc {
                *f = (doc, f.1 + 1);
            }
        }
    }
    freq.into_iter()
        .filter(|(_, (_, n))| n * 4 >= documents * 3)
        .map(|(p, _)| p)
        .collect()
}

/// Third pass: documents already tied by a shared event tell the same story, so the only event
/// of a kind in each of them ("the collapse", told without a place or a name) is one event,
/// when nothing about them disagrees. Documents are grouped, never paired.
fn join_single_events(
    events: &[LocalEvent],
    doc_of: &[usize],
    documents: usize,
    gaz: &Gazetteer,
    clusters: &mut [Cluster],
    owner: &mut [usize],
) {
    let mut docs_uf: Vec<usize> = (0..documents).collect();
    for c in clusters.iter() {
        let mut it = c.members.iter().filter_map(|&m| doc_of.get(m).copied());
        if let Some(first) = it.next() {
            for d in it {
                sets::join(&mut docs_uf, first, d);
            }
        }
    }
    // The only event of its kind in its document, per document in parallel.
    let mut singles: Vec<(usize, &str, usize)> = events
        .chunk_by(|a, b| a.document == b.document)
        .scan(0, |start, run| {
            let first = *start;
            *start += run.len();
            Some((first, run))
        })
        .collect::<Vec<_>>()
        .par_iter()
        .flat_map_iter(|&(first, run)| {
            let mut kinds: Vec<(&str, usize)> = run
                .iter()
                .enumerate()
                .map(|(k, e)| (e.kind.as_str(), first + k))
                .collect();
            kinds.sort_unstable();
            let doc = doc_of.get(first).copied().unwrap_or(0);
            kinds
                .chunk_by(|a, b| a.0 == b.0)
                .filter_map(|same| match same {
                    [(kind, i)] => Some((doc, *kind, *i)),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    for s in &mut singles {
        s.0 = sets::root(&mut docs_uf, s.0);
    }
    // By story and kind, each group's events in order.
    singles.par_sort_unstable();
    for members in singles.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        // A very large group is not one story told by its outlets: leave it.
        if members.len() > MAX_STORY_DOCUMENTS {
            continue;
        }
        if let Some((&(_, _, first), rest)) = members.split_first() {
            for &(_, _, j) in rest {
                merge(gaz, clusters, owner, first, j, Pass::Compatible);
            }
        }
    }
}

/// The pairs of events that share a block, each once, ascending. A block up to
/// [`BLOCK_ALL_PAIRS`] pairs all its events; a larger one (a common participant or place, or a
/// story with hundreds of sources), sorted by date, pairs each event with its next
/// [`BLOCK_WINDOW`] neighbours only, so pairs grow linearly with the block (sorted-neighbourhood
/// blocking). Pairs are held as two `u32`s: on large feeds they are the biggest structure of
/// the comparison (tens of millions), and an index past `u32::MAX` (four billion events, far
/// more than memory holds) would only lose its pairs.
fn candidate_pairs(events: &[LocalEvent], blocks: &[&[Keyed<Ix, (&str, &str)>]]) -> Vec<(Ix, Ix)> {
    let mut pairs: Vec<(Ix, Ix)> = blocks
        .par_iter()
        .flat_map_iter(|block| {
            let mut sorted: Vec<usize> = block.iter().map(|x| x.1 as usize).collect();
            let window = if sorted.len() <= BLOCK_ALL_PAIRS {
                sorted.len()
            } else {
                sorted.sort_by_key(|&i| (events.get(i).and_then(|e| e.time.map(|t| t.0)), i));
                BLOCK_WINDOW
            };
            let mut out = Vec::new();
            for (x, &i) in sorted.iter().enumerate() {
                for &j in sorted.iter().skip(x + 1).take(window) {
                    let pair = (Ix::try_from(i.min(j)), Ix::try_from(i.max(j)));
                    if let (true, Ok(a), Ok(b)) = (i != j, pair.0, pair.1) {
                        out.push((a, b));
                    }
                }
            }
            out
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// An event's index in a candidate pair.
type Ix = u32;

/// Blocks up to this size pair all their events.
const BLOCK_ALL_PAIRS: usize = 64;

/// In a larger block, each event (sorted by date) is paired with this many that follow it.
const BLOCK_WINDOW: usize = 32;

/// Documents beyond which a group of documents tied by shared events is not taken for one
/// story in the third pass.
const MAX_STORY_DOCUMENTS: usize = 500;

/// Joins the clusters of events `i` and `j` when every pair across them can be one event and no
/// document would report one event twice. Works on the clusters' summaries (documents, distinct
/// places, date bounds), never on all pairs of members.
fn merge(
    gaz: &Gazetteer,
    clusters: &mut [Cluster],
    owner: &mut [usize],
    i: usize,
    j: usize,
    pass: Pass,
) {
    let (ci, cj) = (owner[i], owner[j]);
    if ci == cj {
        return;
    }
    let (a, b) = (&clusters[ci], &clusters[cj]);
    // One document never reports one event twice: two of its events stay apart.
    let (small, large) = if a.docs.len() <= b.docs.len() {
        (&a.docs, &b.docs)
    } else {
        (&b.docs, &a.docs)
    };
    if small.iter().any(|d| large.contains(d)) {
        return;
    }
    // Every pair of places across the two clusters must be able to be one place. While the
    // dates agree, a place the gazetteer does not know may lie in any other; joined across
    // dates, the places must be one.
    let places_ok = a.places.iter().all(|(p, p_known)| {
        b.places.iter().all(|(q, q_known)| {
            one_place(gaz, p, q) || (pass == Pass::Compatible && !(*p_known && *q_known))
        })
    });
    let times_ok = pass == Pass::DisputedTime
        || match (a.times, b.times) {
            (Some((s1, e1)), Some((s2, e2))) => s1 <= e2 && s2 <= e1,
            _ => true,
        };
    if !(places_ok && times_ok) {
        return;
    }
    // The smaller cluster moves into the larger one.
    let (into, from) = if clusters[ci].members.len() >= clusters[cj].members.len() {
        (ci, cj)
    } else {
        (cj, ci)
    };
    let moved = std::mem::take(&mut clusters[from].members);
    let docs = std::mem::take(&mut clusters[from].docs);
    let places = std::mem::take(&mut clusters[from].places);
    let times = clusters[from].times.take();
    let disputed = clusters[from].disputed_time;
    for &m in &moved {
        owner[m] = into;
    }
    let c = &mut clusters[into];
    c.members.extend(moved);
    c.docs.extend(docs);
    for p in places {
        if !c.places.contains(&p) {
            c.places.push(p);
        }
    }
    c.times = match (c.times, times) {
        (Some((s1, e1)), Some((s2, e2))) => Some((s1.max(s2), e1.min(e2))),
        (x, None) | (None, x) => x,
    };
    c.disputed_time |= disputed || pass == Pass::DisputedTime;
}
