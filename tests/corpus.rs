//! Correctness at scale on a generated corpus (`claimdiff-corpus`): many stories from every field,
//! several sources each, analyzed together. Every planted conflict, agreement and compatible
//! figure must be found between the right documents, and no finding may join two stories.
use std::collections::{BTreeMap, BTreeSet};

use claimdiff::{extract::Lexicon, Analyzer, Config, Report, Verdict};
use claimdiff_corpus::{story_of, Corpus, CorpusConfig, Planted};

/// One corpus to check: its shape and the share of planted findings of each verdict that must be
/// found (raise a floor when the pipeline improves; the misses are printed).
struct Case {
    name: &'static str,
    stories: usize,
    sources: usize,
    seed: u64,
    conflict_floor: f64,
    agreement_floor: f64,
    compatible_floor: f64,
}

const CASES: &[Case] = &[
    Case {
        name: "40 stories x 5 sources",
        stories: 40,
        sources: 5,
        seed: 1,
        conflict_floor: 1.0,
        agreement_floor: 1.0,
        compatible_floor: 1.0,
    },
    Case {
        name: "60 stories x 2 sources",
        stories: 60,
        sources: 2,
        seed: 2,
        conflict_floor: 1.0,
        agreement_floor: 1.0,
        compatible_floor: 1.0,
    },
    // Past the real places, stories happen in coined towns the embedded gazetteer does not know
    // (no supplement is added): two stories of one kind in one country, months apart, must stay
    // two events.
    Case {
        name: "300 stories x 2 sources, towns unknown to the gazetteer",
        stories: 300,
        sources: 2,
        seed: 3,
        conflict_floor: 1.0,
        agreement_floor: 1.0,
        compatible_floor: 1.0,
    },
];

/// The document of every claim of a report, by claim id.
fn claim_docs(r: &Report) -> BTreeMap<&str, &str> {
    r.claims
        .iter()
        .map(|c| (c.id.as_str(), c.document.as_str()))
        .collect()
}

/// The documents of a finding's claims.
fn finding_docs<'a>(docs: &BTreeMap<&str, &'a str>, claims: &[String]) -> BTreeSet<&'a str> {
    claims
        .iter()
        .filter_map(|id| docs.get(id.as_str()).copied())
        .collect()
}

/// True when a finding of the report is the planted one: same verdict, event kind and attribute,
/// the basis asked for, and every planted document among its claims' documents.
fn found(r: &Report, docs: &BTreeMap<&str, &str>, p: &Planted) -> bool {
    r.findings.iter().any(|f| {
        f.verdict == p.verdict
            && f.attribute == p.attribute
            && p.basis.is_none_or(|b| b == f.basis)
            && r.event(&f.event).map(|e| e.kind.as_str()) == Some(p.event_kind.as_str())
            && {
                let docs = finding_docs(docs, &f.claims);
                p.documents.iter().all(|d| docs.contains(d.as_str()))
            }
    })
}

/// The score of one case, printed and checked.
fn check(case: &Case) -> Result<String, String> {
    let config = CorpusConfig::new(case.stories, case.sources).seed(case.seed);
    let corpus = Corpus::generate(&config);
    let lexicon = Lexicon::embedded().unwrap_or_else(|e| panic!("lexicon: {e}"));
    let report = Analyzer::new(lexicon, Config::default()).analyze(&corpus.documents);
    let mut out = format!(
        "{}: {} documents, {:.2} MB, {} planted, {} findings\n",
        case.name,
        corpus.documents.len(),
        corpus.text_bytes() as f64 / 1e6,
        corpus.planted.len(),
        report.findings.len()
    );
    let mut failures = Vec::new();
    if !report.errors.is_empty() {
        failures.push(format!("errors: {:?}", report.errors));
    }

    let docs = claim_docs(&report);

    // Recall per verdict.
    let mut misses = Vec::new();
    for (verdict, floor) in [
        (Verdict::Conflict, case.conflict_floor),
        (Verdict::Agreement, case.agreement_floor),
        (Verdict::Compatible, case.compatible_floor),
    ] {
        let planted: Vec<&Planted> = corpus
            .planted
            .iter()
            .filter(|p| p.verdict == verdict)
            .collect();
        let hits = planted.iter().filter(|p| found(&report, &docs, p)).count();
        for p in planted.iter().filter(|p| !found(&report, &docs, p)) {
            misses.push(format!(
                "  missed {} story {} ({}): {} {} {:?} in {:?}",
                verdict.as_str(),
                p.story,
                p.field,
                p.event_kind,
                p.attribute,
                p.values,
                p.documents
            ));
        }
        let recall = hits as f64 / planted.len().max(1) as f64;
        out.push_str(&format!(
            "  {:<10} recall {hits}/{} = {recall:.3}\n",
            verdict.as_str(),
            planted.len()
        ));
        if recall < floor {
            failures.push(format!("{} recall {recall:.3} < {floor}", verdict.as_str()));
        }
    }

    // Precision: findings that match a planted finding of their story (same verdict, event kind
    // and attribute), and findings whose claims come from two stories.
    let planted_keys: BTreeSet<(usize, Verdict, &str, &str)> = corpus
        .planted
        .iter()
        .map(|p| {
            (
                p.story,
                p.verdict,
                p.event_kind.as_str(),
                p.attribute.as_str(),
            )
        })
        .collect();
    let mut cross = Vec::new();
    let mut unplanted = Vec::new();
    for f in &report.findings {
        let docs = finding_docs(&docs, &f.claims);
        let stories: BTreeSet<Option<usize>> = docs.iter().map(|d| story_of(d)).collect();
        let kind = report
            .event(&f.event)
            .map(|e| e.kind.as_str())
            .unwrap_or("");
        if stories.len() != 1 {
            cross.push(format!(
                "  {} joins stories {stories:?}: {}",
                serde_json::to_string(f).unwrap_or_default(),
                f.explanation
            ));
            continue;
        }
        let story = stories.first().copied().flatten().unwrap_or(usize::MAX);
        if !planted_keys.contains(&(story, f.verdict, kind, f.attribute.as_str())) {
            unplanted.push(format!(
                "  unplanted {} {kind} {}: {}",
                f.verdict.as_str(),
                f.attribute,
                f.explanation
            ));
        }
    }
    let n = report.findings.len().max(1) as f64;
    out.push_str(&format!(
        "  precision {:.3} ({} unplanted findings within a story), {} findings across stories\n",
        (report.findings.len() - unplanted.len() - cross.len()) as f64 / n,
        unplanted.len(),
        cross.len()
    ));
    for line in misses.iter().chain(&unplanted).chain(&cross).take(40) {
        out.push_str(line);
        out.push('\n');
    }
    if !cross.is_empty() {
        failures.push(format!("{} findings join two stories", cross.len()));
    }
    if failures.is_empty() {
        Ok(out)
    } else {
        Err(format!("{}: {}\n{out}", case.name, failures.join("; ")))
    }
}

#[test]
fn planted_findings_are_found_and_stories_stay_apart() {
    let mut report = String::new();
    let mut failed = Vec::new();
    for case in CASES {
        match check(case) {
            Ok(s) => report.push_str(&s),
            Err(s) => {
                report.push_str(&s);
                failed.push(case.name);
            }
        }
    }
    println!("{report}");
    assert!(failed.is_empty(), "failed: {failed:?}\n{report}");
}
