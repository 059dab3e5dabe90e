//! The seed story (five articles on the Russia–Azerbaijan rift) end to end: the acceptance
//! findings come out of general mechanisms, and the whole report is pinned by a snapshot.
use claimdiff::{
    core::{Basis, Claim, Finding, Report, Value, Verdict},
    Event,
};

use crate::{json, seed_report};

fn event<'a>(r: &'a Report, f: &Finding) -> &'a Event {
    r.event(&f.event)
        .unwrap_or_else(|| panic!("finding {} names no event", f.id))
}

fn claims<'a>(r: &'a Report, f: &Finding) -> Vec<&'a Claim> {
    f.claims
        .iter()
        .filter_map(|id| r.claims.iter().find(|c| &c.id == id))
        .collect()
}

fn path_of(c: &Claim) -> &str {
    match &c.value {
        Value::Category { path, .. } => path,
        _ => "",
    }
}

fn findings<'a>(r: &'a Report, verdict: Verdict, kind: &str, attribute: &str) -> Vec<&'a Finding> {
    r.findings
        .iter()
        .filter(|f| {
            f.verdict == verdict && f.attribute == attribute && event(r, f).kind.starts_with(kind)
        })
        .collect()
}

#[test]
fn every_seed_is_accounted_for() {
    let r = seed_report();
    assert_eq!(
        r.documents.len(),
        5,
        "{:?}",
        r.documents.iter().map(|d| &d.id).collect::<Vec<_>>()
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(r.documents.iter().all(|d| d.sentences > 0));
}

#[test]
fn cause_of_death_conflict_between_speakers() {
    let r = seed_report();
    let found = findings(&r, Verdict::Conflict, "Life.Die", "cause");
    let f = found
        .first()
        .unwrap_or_else(|| panic!("no cause-of-death conflict: {:#?}", r.findings));
    assert_eq!(f.basis, Basis::Speakers, "{f:#?}");
    let cs = claims(&r, f);
    assert!(
        cs.iter().any(|c| path_of(c).starts_with("cause/natural")
            && c.speaker_entity.as_deref() == Some("russia")),
        "no natural cause said for Russia: {cs:#?}"
    );
    assert!(
        cs.iter().any(|c| path_of(c) == "cause/violent/torture"
            && c.speaker_entity.as_deref() == Some("azerbaijan")),
        "no torture said for Azerbaijan: {cs:#?}"
    );
    assert!(
        event(&r, f).place.as_deref() == Some("yekaterinburg"),
        "{:?}",
        event(&r, f)
    );
}

#[test]
fn karabakh_victory_year_conflict_with_scope_note() {
    let r = seed_report();
    let found = findings(&r, Verdict::Conflict, "Conflict.Attack", "time");
    let f = found
        .iter()
        .find(|f| {
            event(&r, f)
                .place
                .as_deref()
                .is_some_and(|p| p.contains("karabakh"))
        })
        .unwrap_or_else(|| panic!("no Karabakh date conflict: {:#?}", r.findings));
    assert_eq!(f.basis, Basis::Sources);
    assert!(f.scope_note.is_some(), "{f:#?}");
    let years: Vec<String> = claims(&r, f)
        .iter()
        .map(|c| c.value.normalized_string())
        .collect();
    assert!(years.iter().any(|y| y.starts_with("2020")), "{years:?}");
    assert!(years.iter().any(|y| y.starts_with("2023")), "{years:?}");
}

#[test]
fn june_2025_agreement_from_two_sources() {
    let r = seed_report();
    let ok = r.findings.iter().any(|f| {
        let cs = claims(&r, f);
        let docs: std::collections::BTreeSet<&str> =
            cs.iter().map(|c| c.document.as_str()).collect();
        f.verdict == Verdict::Agreement
            && f.attribute == "time"
            && docs.len() >= 2
            && cs
                .iter()
                .all(|c| c.value.normalized_string() == "2025-06-01/2025-06-30")
    });
    assert!(ok, "no June 2025 agreement: {:#?}", r.findings);
}

#[test]
fn seed_report_snapshot() {
    insta::assert_snapshot!("seed_report", json(&seed_report()));
}

/// The claims the extraction issue names for the seeds, each as
/// (attribute, normalized value prefix, speaker entity or "-" for the outlet's voice or "*",
/// modality or "*").
#[test]
fn seed_claims_named_by_the_extraction_issue() {
    let r = seed_report();
    let check = |attribute: &str, value: &str, speaker: &str, modality: &str| {
        r.claims.iter().any(|c| {
            c.attribute == attribute
                && c.value.normalized_string().starts_with(value)
                && match speaker {
                    "*" => true,
                    "-" => c.speaker.is_none(),
                    s => c.speaker_entity.as_deref() == Some(s),
                }
                && (modality == "*" || c.modality.as_str() == modality)
        })
    };
    let table = [
        ("cause", "cause/natural/heart-failure", "russia", "reported"),
        ("cause", "cause/violent/torture", "azerbaijan", "alleged"),
        (
            "cause",
            "cause/accidental/bird-strike",
            "russia",
            "reported",
        ),
        ("cause", "cause/hostile/missile", "azerbaijan", "suspected"),
        ("dead", "38", "-", "asserted"),
        ("on_board", "67", "-", "asserted"),
        ("dead", "2", "-", "asserted"),
        ("time", "2025-06-01/2025-06-30", "*", "*"),
        ("time", "2024-12-01/2024-12-31", "-", "asserted"),
        ("time", "2020-01-01/2020-12-31", "-", "asserted"),
        ("time", "2023-01-01/2023-12-31", "-", "asserted"),
        ("detained", "6", "*", "*"),
        ("charged", "6", "-", "asserted"),
        ("place", "Yekaterinburg", "-", "asserted"),
    ];
    let missing: Vec<_> = table
        .iter()
        .filter(|(a, v, s, m)| !check(a, v, s, m))
        .collect();
    assert!(missing.is_empty(), "missing seed claims: {missing:?}");
}

#[test]
fn nothing_from_the_headline_lists_reaches_a_claim() {
    let r = seed_report();
    for c in r.claims.iter().filter(|c| c.document.starts_with("003")) {
        for headline in [
            "Swiatek", "Mercosur", "Khamenei", "Brexit", "COSTCO", "Semenyo",
        ] {
            assert!(
                !c.quote.contains(headline),
                "{} quotes a headline: {}",
                c.id,
                c.quote
            );
        }
    }
}

#[test]
fn six_detained_and_six_charged_are_compatible() {
    let r = seed_report();
    let ok = r.findings.iter().any(|f| {
        f.verdict == Verdict::Compatible
            && f.attribute.contains("detained")
            && f.attribute.contains("charged")
            && claims(&r, f)
                .iter()
                .all(|c| c.value.normalized_string() == "6")
    });
    assert!(ok, "{:#?}", r.findings);
}

#[test]
fn three_and_several_journalists_are_compatible() {
    let r = seed_report();
    let ok = r.findings.iter().any(|f| {
        let values: Vec<String> = claims(&r, f)
            .iter()
            .map(|c| c.value.normalized_string())
            .collect();
        f.verdict == Verdict::Compatible
            && f.attribute == "detained"
            && values.contains(&"3".to_string())
            && values.iter().any(|v| v.starts_with('['))
    });
    assert!(ok, "{:#?}", r.findings);
}

#[test]
fn crash_cause_conflict_between_speakers() {
    let r = seed_report();
    let found = findings(&r, Verdict::Conflict, "Disaster.Crash", "cause");
    let f = found.first().unwrap_or_else(|| panic!("{:#?}", r.findings));
    assert_eq!(f.basis, Basis::Speakers);
    let cs = claims(&r, f);
    assert!(cs
        .iter()
        .any(|c| path_of(c) == "cause/accidental/bird-strike"
            && c.speaker_entity.as_deref() == Some("russia")));
    assert!(cs.iter().any(|c| path_of(c) == "cause/hostile/missile"
        && c.speaker_entity.as_deref() == Some("azerbaijan")));
}
