//! Ingest, extraction and (on small inputs) the whole analysis, from arbitrary bytes.
//!
//! Input: one format byte, then the file's bytes. The format is `(byte - b'0') % 5`: `0` text,
//! `1` Markdown, `2` HTML, `3` JSON, `4` JSON lines, so a regression input in
//! `tests/data/fuzz/ingest_extract/` reads as `2<html>…` (the test
//! `crates/claimdiff-extract/tests/fuzz_regressions.rs` decodes it the same way).
//!
//! Checked: nothing panics; every claim's span lies on character boundaries of its document's
//! text; every time interval and every quantity's bounds are ordered (and no NaN); the report of the analysis names every document.
#![no_main]

use std::sync::OnceLock;

use claimdiff::{Analyzer, Config, Document};
use claimdiff_core::{Claim, TimeValue};
use claimdiff_extract::{extract, parse_input, ExtractConfig, Format, Lexicon};
use libfuzzer_sys::fuzz_target;

/// Inputs up to this many bytes of text also go through the whole analysis (comparison).
const ANALYZE_MAX: usize = 8 * 1024;
/// At most this many documents are analyzed together.
const ANALYZE_DOCS: usize = 8;

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| {
        let lexicon = Lexicon::embedded().expect("the embedded lexicon compiles");
        Analyzer::new(lexicon, Config::default())
    })
}

fn format_of(byte: u8) -> Format {
    match byte.wrapping_sub(b'0') % 5 {
        0 => Format::Text,
        1 => Format::Markdown,
        2 => Format::Html,
        3 => Format::Json,
        _ => Format::JsonLines,
    }
}

fn check_time(t: &TimeValue) {
    if let TimeValue::Interval { start, end, .. } = t {
        assert!(start <= end, "interval out of order: {t:?}");
    }
}

fn check_claim(c: &Claim, text: &str) {
    let [s, e] = c.span;
    assert!(s <= e, "claim span out of order: {c:?}");
    assert!(
        text.get(s..e).is_some(),
        "claim span {s}..{e} not on character boundaries of a text of {} bytes: {c:?}",
        text.len()
    );
    match &c.value {
        claimdiff_core::Value::Time(t) => check_time(t),
        claimdiff_core::Value::Quantity(q) => {
            for v in [q.min, q.max, q.of].into_iter().flatten() {
                assert!(!v.is_nan(), "NaN in quantity: {q:?}");
            }
            if let (Some(lo), Some(hi)) = (q.min, q.max) {
                assert!(lo <= hi, "quantity bounds out of order: {q:?}");
            }
        }
        _ => {}
    }
    if let Some(t) = &c.time {
        check_time(t);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&f, bytes)) = data.split_first() else {
        return;
    };
    let loaded = parse_input("fuzz", "fuzz", bytes, format_of(f));
    let an = analyzer();
    let cfg = ExtractConfig::default();
    for doc in &loaded.documents {
        let x = extract(doc, an.lexicon(), &cfg);
        assert_eq!(x.summary.id, doc.id);
        for c in &x.claims {
            check_claim(c, &doc.text);
        }
        for e in &x.events {
            if let Some(t) = &e.time {
                check_time(t);
            }
        }
    }

    // The comparison: the documents read, or the paragraphs of a single one as documents of
    // their own (so that one input makes several sources that can agree and conflict).
    let total: usize = loaded.documents.iter().map(|d| d.text.len()).sum();
    if total == 0 || total > ANALYZE_MAX {
        return;
    }
    let docs: Vec<Document> = if loaded.documents.len() == 1 {
        let d = &loaded.documents[0];
        d.text
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .take(ANALYZE_DOCS)
            .enumerate()
            .map(|(i, p)| Document {
                id: format!("p{i}"),
                text: p.to_string(),
                ..d.clone()
            })
            .collect()
    } else {
        loaded
            .documents
            .iter()
            .take(ANALYZE_DOCS)
            .cloned()
            .collect()
    };
    let report = an.analyze(&docs);
    assert_eq!(report.documents.len(), docs.len());
    for c in &report.claims {
        assert!(
            report.documents.iter().any(|d| d.id == c.document),
            "claim of an unknown document: {c:?}"
        );
        // Documents that share an id are renamed `ID~2`…, in an order of the analyzer's own: the
        // claim's span must fit one of the documents of its id.
        let base = c.document.split('~').next().unwrap_or_default();
        let [s, e] = c.span;
        let mut texts = docs
            .iter()
            .filter(|d| d.id == c.document || d.id == base)
            .map(|d| d.text.as_str());
        match texts.find(|t| t.get(s..e).is_some()) {
            Some(t) => check_claim(c, t),
            None => panic!("claim span fits no document of its id: {c:?}"),
        }
    }
    for finding in &report.findings {
        assert!(finding.score.is_finite(), "score not finite: {finding:?}");
    }
});
