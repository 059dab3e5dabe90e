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
