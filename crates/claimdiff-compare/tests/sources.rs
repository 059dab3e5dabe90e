//! Independent sources worked out beforehand ([`SourceGroups`]) and handed to
//! [`compare_with_sources`], as a pipeline does while it merges entity ids.
use claimdiff_compare::{compare_owned, compare_with_sources, CompareConfig, SourceGroups};
use claimdiff_core::{Claim, Quantity, QuantityKind, Value};
use claimdiff_extract::Lexicon;

use crate::claim;

fn lex() -> Lexicon {
    Lexicon::embedded().unwrap_or_else(|e| panic!("lexicon: {e}"))
}

fn dead(n: f64) -> Value {
    Value::Quantity(Quantity {
        text: format!("{n} people"),
        kind: QuantityKind::Exact,
        min: Some(n),
        max: None,
        unit: Some("people".into()),
        of: None,
    })
}

/// A flood told by three outlets: `wire` and `copy` carry the same three sentences (a wire story
/// printed twice), `local` writes its own. All say twelve died; the entity ids are spelled
/// `spelling` (a merge of ids changes them, not the quotes).
fn story(spelling: &str) -> Vec<Claim> {
    let ev = ("Disaster.Flood", spelling, "");
    let sentences = [
        "The river burst its banks overnight.",
        "Twelve people died, officials said.",
        "Rescuers searched the valley.",
    ];
    let mut claims = Vec::new();
    for doc in ["wire", "copy", "local"] {
        for (n, s) in sentences.iter().enumerate() {
            let mut c = claim(doc, n, ev, if n == 1 { "dead" } else { "note" }, dead(12.0));
            if doc != "local" {
                c.quote = (*s).to_string();
            }
            claims.push(c);
        }
    }
    claims
}

#[test]
fn groups_worked_out_before_ids_change_give_the_same_comparison() {
    let (l, config) = (lex(), CompareConfig::default());
    let before = story("valley-town");
    let groups = SourceGroups::of(&before, &config);
    assert_eq!(
        groups.iter().collect::<Vec<_>>(),
        vec![("copy", "copy"), ("local", "local"), ("wire", "copy")]
    );
    // In any order of the claims.
    let mut reversed = before.clone();
    reversed.reverse();
    assert_eq!(SourceGroups::of(&reversed, &config), groups);

    let after = story("valley-town-2");
    let whole = compare_owned(after.clone(), &l, &config);
    assert_eq!(
        compare_with_sources(after.clone(), &groups, &l, &config),
        whole
    );
    assert_eq!(
        whole.duplicates.get("wire").map(String::as_str),
        Some("copy")
    );
}

#[test]
fn a_document_missing_from_the_groups_is_a_source_of_its_own() {
    let (l, config) = (lex(), CompareConfig::default());
    let claims = story("valley-town");
    let grouped = compare_owned(claims.clone(), &l, &config);
    let alone = compare_with_sources(claims, &SourceGroups::default(), &l, &config);
    assert!(alone.duplicates.is_empty(), "{:?}", alone.duplicates);
    let dead = |c: &claimdiff_compare::Comparison| {
        c.findings
            .iter()
            .find(|f| f.attribute == "dead")
            .map(|f| (f.dependent.clone(), f.score))
    };
    let (Some((dep_grouped, score_grouped)), Some((dep_alone, score_alone))) =
        (dead(&grouped), dead(&alone))
    else {
        panic!("no finding on the dead: {:#?}", grouped.findings);
    };
    assert_eq!(dep_grouped, vec!["wire".to_string()]);
    assert!(dep_alone.is_empty());
    // Three independent outlets corroborate more than two.
    assert!(
        score_alone > score_grouped,
        "{score_alone} vs {score_grouped}"
    );
}
