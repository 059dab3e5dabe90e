use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::{civil::Date, ToSpan};
use petgraph::stable_graph::{NodeIndex, StableDiGraph};

use crate::{
    claim::{Claim, Event},
    report::Report,
    value::Value,
};

/// A node of the claim graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// A document (a source).
    Document(String),
    /// An entity.
    Entity(String),
    /// An event.
    Event(String),
    /// A claim (its id).
    Claim(String),
    /// A time interval (`START/END`).
    Time(String),
}

/// A typed edge of the claim graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edge {
    /// Document → claim it makes.
    Asserts,
    /// Claim → event it is about.
    About,
    /// Event → entity taking part, or claim → entity it names as its value.
    Involves,
    /// Claim → entity the speaker stands for.
    SaidBy,
    /// Event → place.
    AtPlace,
    /// Event or claim → time node.
    AtTime,
}

impl Edge {
    /// The lowercase, hyphenated name.
    pub fn as_str(self) -> &'static str {
        match self {
            Edge::Asserts => "asserts",
            Edge::About => "about",
            Edge::Involves => "involves",
            Edge::SaidBy => "said-by",
            Edge::AtPlace => "at-place",
            Edge::AtTime => "at-time",
        }
    }
}

/// Intervals keyed by their first day, answering overlap queries by a range scan over the index
/// (never over all entries): an interval `[s, e]` overlaps `[d1, d2]` when `s <= d2` and `e >= d1`,
/// and `s >= d1 - longest` bounds the scan from below.
#[derive(Clone, Debug, Default)]
struct Timeline {
    by_start: BTreeMap<Date, Vec<(Date, usize)>>,
    longest_days: i64,
}

impl Timeline {
    fn insert(&mut self, start: Date, end: Date, item: usize) {
        let days = i64::from((end - start).get_days());
        self.longest_days = self.longest_days.max(days);
        self.by_start.entry(start).or_default().push((end, item));
    }

    fn overlapping(&self, from: Date, to: Date) -> impl Iterator<Item = usize> + '_ {
        let lower = from
            .checked_sub(self.longest_days.days())
            .unwrap_or(Date::MIN);
        self.by_start
            .range(lower..=to)
            .flat_map(|(_, v)| v.iter())
            .filter(move |(end, _)| *end >= from)
            .map(|(_, item)| *item)
    }
}

/// Documents, entities, events and claims as a typed graph (petgraph's `StableDiGraph`), with an
/// index keyed by (entity, date) and one keyed by (event, attribute).
#[derive(Debug)]
pub struct ClaimGraph<'r> {
    report: &'r Report,
    graph: StableDiGraph<Node, Edge>,
    nodes: HashMap<(u8, String), NodeIndex>,
    claims_by_entity: HashMap<String, Timeline>,
    events_by_entity: HashMap<String, Timeline>,
    claims_by_event_attribute: BTreeMap<(String, String), Vec<usize>>,
}

impl<'r> ClaimGraph<'r> {
    /// Builds the graph and its indexes from a report.
    pub fn build(report: &'r Report) -> ClaimGraph<'r> {
        let mut g = ClaimGraph {
            report,
            graph: StableDiGraph::new(),
            nodes: HashMap::new(),
            claims_by_entity: HashMap::new(),
            events_by_entity: HashMap::new(),
            claims_by_event_attribute: BTreeMap::new(),
        };
        for d in &report.documents {
            g.node(Node::Document(d.id.clone()));
        }
        for e in &report.entities {
            g.node(Node::Entity(e.id.clone()));
        }
        let mut event_index = HashMap::new();
        for (i, ev) in report.events.iter().enumerate() {
            event_index.insert(ev.id.as_str(), i);
            let n = g.node(Node::Event(ev.id.clone()));
            for p in &ev.participants {
                let e = g.node(Node::Entity(p.clone()));
                g.graph.add_edge(n, e, Edge::Involves);
            }
            if let Some(place) = &ev.place {
                let e = g.node(Node::Entity(place.clone()));
                g.graph.add_edge(n, e, Edge::AtPlace);
            }
            if let Some((s, e)) = ev.time.as_ref().and_then(|t| t.bounds()) {
                let t = g.node(Node::Time(format!("{s}/{e}")));
                g.graph.add_edge(n, t, Edge::AtTime);
                for ent in event_entities(ev) {
                    g.events_by_entity.entry(ent).or_default().insert(s, e, i);
                }
            }
        }
        for (i, c) in report.claims.iter().enumerate() {
            let n = g.node(Node::Claim(c.id.clone()));
            let d = g.node(Node::Document(c.document.clone()));
            g.graph.add_edge(d, n, Edge::Asserts);
            let ev = g.node(Node::Event(c.event.clone()));
            g.graph.add_edge(n, ev, Edge::About);
            if let Some(s) = &c.speaker_entity {
                let e = g.node(Node::Entity(s.clone()));
                g.graph.add_edge(n, e, Edge::SaidBy);
            }
            if let Value::Entity { id, .. } = &c.value {
                let e = g.node(Node::Entity(id.clone()));
                g.graph.add_edge(n, e, Edge::Involves);
            }
            let event = event_index
                .get(c.event.as_str())
                .map(|&j| &report.events[j]);
            let time = claim_time(c, event);
            if let Some((s, e)) = time {
                if let Value::Time(_) = c.value {
                    let t = g.node(Node::Time(format!("{s}/{e}")));
                    g.graph.add_edge(n, t, Edge::AtTime);
                }
                for ent in claim_entities(c, event) {
                    g.claims_by_entity.entry(ent).or_default().insert(s, e, i);
                }
            }
            g.claims_by_event_attribute
                .entry((c.event.clone(), c.attribute.clone()))
                .or_default()
                .push(i);
        }
        g
    }

    fn node(&mut self, node: Node) -> NodeIndex {
        let key = match &node {
            Node::Document(s) => (0, s.clone()),
            Node::Entity(s) => (1, s.clone()),
            Node::Event(s) => (2, s.clone()),
            Node::Claim(s) => (3, s.clone()),
            Node::Time(s) => (4, s.clone()),
        };
        if let Some(&n) = self.nodes.get(&key) {
            return n;
        }
        let n = self.graph.add_node(node);
        self.nodes.insert(key, n);
        n
    }

    /// The underlying petgraph graph.
    pub fn graph(&self) -> &StableDiGraph<Node, Edge> {
        &self.graph
    }

    /// The report the graph was built from.
    pub fn report(&self) -> &'r Report {
        self.report
    }

    /// Claims about entity `entity` (as participant, place, speaker or value) whose time overlaps
    /// `[from, to]`, in report order.
    pub fn claims_about(&self, entity: &str, from: Date, to: Date) -> Vec<&'r Claim> {
        let Some(t) = self.claims_by_entity.get(entity) else {
            return Vec::new();
        };
        let idx: BTreeSet<usize> = t.overlapping(from, to).collect();
        idx.into_iter().map(|i| &self.report.claims[i]).collect()
    }

    /// Events involving `entity` whose time lies within `window_days` days of `date`.
    pub fn events_near(&self, entity: &str, date: Date, window_days: i64) -> Vec<&'r Event> {
        let Some(t) = self.events_by_entity.get(entity) else {
            return Vec::new();
        };
        let from = date.checked_sub(window_days.days()).unwrap_or(Date::MIN);
        let to = date.checked_add(window_days.days()).unwrap_or(Date::MAX);
        let idx: BTreeSet<usize> = t.overlapping(from, to).collect();
        idx.into_iter().map(|i| &self.report.events[i]).collect()
    }

    /// All claims on one attribute of one event, in report order.
    pub fn claims_on(&self, event: &str, attribute: &str) -> Vec<&'r Claim> {
        self.claims_by_event_attribute
            .get(&(event.to_string(), attribute.to_string()))
            .map(|v| v.iter().map(|&i| &self.report.claims[i]).collect())
            .unwrap_or_default()
    }

    /// Number of edges of one type.
    pub fn edge_count(&self, kind: Edge) -> usize {
        self.graph
            .edge_indices()
            .filter(|&e| self.graph.edge_weight(e) == Some(&kind))
            .count()
    }
}

fn event_entities(ev: &Event) -> BTreeSet<String> {
    ev.participants
        .iter()
        .chain(ev.place.iter())
        .cloned()
        .collect()
}

fn claim_entities(c: &Claim, event: Option<&Event>) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = c
        .entities
        .iter()
        .chain(c.place.iter())
        .chain(c.speaker_entity.iter())
        .cloned()
        .collect();
    if let Value::Entity { id, .. } = &c.value {
        out.insert(id.clone());
    }
    if let Some(ev) = event {
        out.extend(event_entities(ev));
    }
    out
}

/// The time a claim is about: its value when it states a time, else the time its document gives
/// the event, else the event's aligned time.
fn claim_time(c: &Claim, event: Option<&Event>) -> Option<(Date, Date)> {
    if let Value::Time(t) = &c.value {
        if let Some(b) = t.bounds() {
            return Some(b);
        }
    }
    c.time
        .as_ref()
        .and_then(|t| t.bounds())
        .or_else(|| event.and_then(|e| e.time.as_ref()).and_then(|t| t.bounds()))
}
