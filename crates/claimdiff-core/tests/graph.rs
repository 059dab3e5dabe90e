//! The claim graph: typed edges and the three indexed queries.
use claimdiff_core::{Claim, ClaimGraph, Edge, Event, Modality, Report, TimeValue, Value};

fn time(n: &str) -> TimeValue {
    TimeValue::parse_normalized(n, n).unwrap_or(TimeValue::Unresolved { text: n.into() })
}

fn claim(id: &str, event: &str, attribute: &str, value: Value, speaker: Option<&str>) -> Claim {
    let doc = id.split(':').next().unwrap_or(id).to_string();
    Claim {
        id: id.into(),
        document: doc,
        event: event.into(),
        event_kind: String::new(),
        attribute: attribute.into(),
        value,
        speaker: speaker.map(str::to_string),
        speaker_entity: speaker.map(str::to_string),
        modality: Modality::Reported,
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

fn event(id: &str, kind: &str, entities: &[&str], place: &str, t: &str) -> Event {
    Event {
        id: id.into(),
        kind: kind.into(),
        label: id.into(),
        participants: entities.iter().map(|s| s.to_string()).collect(),
        place: Some(place.into()),
        time: Some(time(t)),
        documents: vec!["a".into()],
    }
}

fn report() -> Report {
    let mut r = Report::new();
    r.events = vec![
        event(
            "E1",
            "Life.Die",
            &["azerbaijan", "russia"],
            "yekaterinburg",
            "2025-06-01/2025-06-30",
        ),
        event(
            "E2",
            "Disaster.Crash",
            &["azerbaijan"],
            "aktau",
            "2024-12-25/2024-12-25",
        ),
        event(
            "E3",
            "Conflict.Attack",
            &["azerbaijan", "armenia"],
            "karabakh",
            "2023-01-01/2023-12-31",
        ),
    ];
    r.claims = vec![
        claim(
            "a:c1",
            "E1",
            "cause",
            Value::Category {
                text: "heart failure".into(),
                path: "cause/natural/heart-failure".into(),
            },
            Some("russia"),
        ),
        claim(
            "a:c2",
            "E1",
            "time",
            Value::Time(time("2025-06-01/2025-06-30")),
            None,
        ),
        claim(
            "b:c1",
            "E1",
            "cause",
            Value::Category {
                text: "torture".into(),
                path: "cause/violent/torture".into(),
            },
            Some("azerbaijan"),
        ),
        claim(
            "b:c2",
            "E2",
            "time",
            Value::Time(time("2024-12-01/2024-12-31")),
            None,
        ),
        claim(
            "c:c1",
            "E3",
            "time",
            Value::Time(time("2020-01-01/2020-12-31")),
            None,
        ),
    ];
    r
}

/// Runs one query and renders the claim or event ids it returns.
fn check(query: &str) -> String {
    let r = report();
    let g = ClaimGraph::build(&r);
    let parts: Vec<&str> = query.split_whitespace().collect();
    let date = |s: &str| {
        s.parse::<jiff::civil::Date>()
            .unwrap_or(jiff::civil::Date::MIN)
    };
    let ids: Vec<String> = match parts.as_slice() {
        ["about", e, a, b] => g
            .claims_about(e, date(a), date(b))
            .iter()
            .map(|c| c.id.clone())
            .collect(),
        ["near", e, d, w] => g
            .events_near(e, date(d), w.parse().unwrap_or(0))
            .iter()
            .map(|e| e.id.clone())
            .collect(),
        ["on", e, a] => g.claims_on(e, a).iter().map(|c| c.id.clone()).collect(),
        _ => vec!["bad query".into()],
    };
    ids.join(" ")
}

#[test]
fn queries_table() {
    let cases = [
        // Claims about an entity whose time overlaps a range: event time or the claim's own.
        (
            "about yekaterinburg 2025-06-15 2025-07-15",
            "a:c1 a:c2 b:c1",
        ),
        ("about azerbaijan 2024-12-20 2024-12-31", "b:c2"),
        ("about azerbaijan 2020-06-01 2020-06-02", "c:c1"),
        ("about azerbaijan 2021-01-01 2022-12-31", ""),
        ("about russia 2025-06-30 2025-06-30", "a:c1 a:c2 b:c1"),
        ("about atlantis 2025-01-01 2025-12-31", ""),
        // Events involving an entity near a date.
        ("near azerbaijan 2025-01-01 10", "E2"),
        ("near azerbaijan 2025-01-01 5", ""),
        ("near armenia 2023-06-01 0", "E3"),
        ("near russia 2025-07-10 10", "E1"),
        // All claims on one (event, attribute).
        ("on E1 cause", "a:c1 b:c1"),
        ("on E1 time", "a:c2"),
        ("on E9 cause", ""),
    ];
    for (q, want) in cases {
        assert_eq!(check(q), want, "{q}");
    }
}

#[test]
fn typed_edges() {
    let r = report();
    let g = ClaimGraph::build(&r);
    assert_eq!(g.edge_count(Edge::Asserts), 5);
    assert_eq!(g.edge_count(Edge::About), 5);
    assert_eq!(g.edge_count(Edge::SaidBy), 2);
    assert_eq!(g.edge_count(Edge::AtPlace), 3);
    assert_eq!(g.edge_count(Edge::Involves), 5);
    // Three event times and three distinct claim times (one shared with its event's node).
    assert!(g.edge_count(Edge::AtTime) >= 5);
}
