//! Event alignment, scope notes, rising tolls, parts and totals, and order independence.
use claimdiff_compare::{compare, CompareConfig};
use claimdiff_core::{Claim, Quantity, QuantityKind, TimeValue, Value, Verdict};
use claimdiff_extract::Lexicon;

use crate::claim;

fn lex() -> Lexicon {
    Lexicon::embedded().unwrap_or_else(|e| panic!("lexicon: {e}"))
}

fn year(y: i32) -> TimeValue {
    TimeValue::parse_normalized(&y.to_string(), &format!("{y}-01-01/{y}-12-31")).unwrap_or(
        TimeValue::Unresolved {
            text: String::new(),
        },
    )
}

fn with_time(mut c: Claim, t: TimeValue) -> Claim {
    c.time = Some(t);
    c
}

fn count(text: &str, kind: QuantityKind, min: f64, max: Option<f64>, unit: &str) -> Value {
    Value::Quantity(Quantity {
        text: text.into(),
        kind,
        min: Some(min),
        max,
        unit: Some(unit.into()),
        of: None,
    })
}

#[test]
fn disputed_dates_join_with_a_scope_note() {
    let ev = ("Conflict.Attack", "nagorno-karabakh", "azerbaijan,armenia");
    let claims = vec![
        with_time(
            claim("002", 1, ev, "time", Value::Time(year(2020))),
            year(2020),
        ),
        with_time(
            claim("003", 1, ev, "time", Value::Time(year(2023))),
            year(2023),
        ),
        with_time(
            claim("004", 1, ev, "time", Value::Time(year(2023))),
            year(2023),
        ),
    ];
    let r = compare(&claims, &lex(), &CompareConfig::default());
    assert_eq!(r.events.len(), 1);
    let f = r
        .findings
        .iter()
        .find(|f| f.verdict == Verdict::Conflict)
        .unwrap_or_else(|| panic!("no conflict: {:#?}", r.findings));
    assert!(
        f.scope_note
            .as_deref()
            .is_some_and(|n| n.contains("different events")),
        "{f:?}"
    );
    insta::assert_snapshot!("scope_note_explanation", &f.explanation);
}

#[test]
fn a_document_that_names_both_dates_keeps_them_apart() {
    let ev = ("Conflict.Attack", "nagorno-karabakh", "azerbaijan,armenia");
    let mut a = with_time(
        claim("001", 1, ev, "time", Value::Time(year(1992))),
        year(1992),
    );
    a.event = "001#old".into();
    let b = with_time(
        claim("001", 2, ev, "time", Value::Time(year(2023))),
        year(2023),
    );
    let c = with_time(
        claim("003", 1, ev, "time", Value::Time(year(2023))),
        year(2023),
    );
    let r = compare(&[a, b, c], &lex(), &CompareConfig::default());
    assert_eq!(r.events.len(), 2, "{:#?}", r.events);
    assert!(
        r.findings.iter().all(|f| f.verdict != Verdict::Conflict),
        "{:#?}",
        r.findings
    );
}

#[test]
fn unrelated_stories_never_join() {
    let quake = ("Disaster.Earthquake", "izmir", "turkey");
    let crash = ("Disaster.Earthquake", "lima", "peru");
    let claims = vec![
        claim(
            "a",
            1,
            quake,
            "dead",
            count("12", QuantityKind::Exact, 12.0, Some(12.0), "people"),
        ),
        claim(
            "b",
            1,
            crash,
            "dead",
            count("40", QuantityKind::Exact, 40.0, Some(40.0), "people"),
        ),
    ];
    let r = compare(&claims, &lex(), &CompareConfig::default());
    assert_eq!(r.events.len(), 2);
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
}

#[test]
fn a_rising_toll_is_an_update() {
    let ev = ("Disaster.Earthquake", "izmir", "turkey");
    let day = |d: &str| d.parse::<jiff::civil::Date>().ok();
    let mut a = claim(
        "a",
        1,
        ev,
        "dead",
        count("12", QuantityKind::Exact, 12.0, Some(12.0), "people"),
    );
    a.published = day("2024-03-02");
    let mut b = claim(
        "b",
        1,
        ev,
        "dead",
        count("48", QuantityKind::Exact, 48.0, Some(48.0), "people"),
    );
    b.published = day("2024-03-03");
    let mut c = claim(
        "c",
        1,
        ev,
        "dead",
        count("at least 130", QuantityKind::AtLeast, 130.0, None, "people"),
    );
    c.published = day("2024-03-05");
    let r = compare(&[c, a, b], &lex(), &CompareConfig::default());
    let f = r
        .findings
        .iter()
        .find(|f| f.attribute == "dead")
        .unwrap_or_else(|| panic!("{:#?}", r.findings));
    assert_eq!(f.verdict, Verdict::Conflict);
    assert!(f.update);
    insta::assert_snapshot!("rising_toll_explanation", &f.explanation);
}

#[test]
fn parts_add_up_to_the_total() {
    let ev = ("Disaster.Sinking", "aegean-sea", "greece");
    let mut parts = vec![
        claim(
            "a",
            1,
            ev,
            "on_board",
            count(
                "312 passengers",
                QuantityKind::Exact,
                312.0,
                Some(312.0),
                "passenger",
            ),
        ),
        claim(
            "a",
            2,
            ev,
            "on_board",
            count("14 crew", QuantityKind::Exact, 14.0, Some(14.0), "crew"),
        ),
    ];
    parts[1].sentence = parts[0].sentence;
    let total = claim(
        "b",
        1,
        ev,
        "on_board",
        count(
            "326 people",
            QuantityKind::Exact,
            326.0,
            Some(326.0),
            "people",
        ),
    );
    parts.push(total);
    let r = compare(&parts, &lex(), &CompareConfig::default());
    assert!(
        r.findings.iter().all(|f| f.verdict != Verdict::Conflict),
        "{:#?}",
        r.findings
    );
    assert!(
        r.findings.iter().any(|f| f.verdict == Verdict::Compatible),
        "{:#?}",
        r.findings
    );
}

#[test]
fn order_does_not_matter() {
    let ev = ("Life.Die", "yekaterinburg", "azerbaijan");
    let mut claims = vec![
        claim(
            "a",
            1,
            ev,
            "cause",
            Value::Category {
                text: "heart failure".into(),
                path: "cause/natural/heart-failure".into(),
            },
        ),
        claim(
            "b",
            1,
            ev,
            "cause",
            Value::Category {
                text: "torture".into(),
                path: "cause/violent/torture".into(),
            },
        ),
        claim(
            "c",
            1,
            ev,
            "cause",
            Value::Category {
                text: "torture".into(),
                path: "cause/violent/torture".into(),
            },
        ),
    ];
    let l = lex();
    let one = compare(&claims, &l, &CompareConfig::default());
    claims.reverse();
    let two = compare(&claims, &l, &CompareConfig::default());
    assert_eq!(one, two);
}
