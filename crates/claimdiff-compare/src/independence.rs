//! Independence of sources: documents that repeat another's sentences count once.
use std::collections::{BTreeMap, BTreeSet};

use claimdiff_core::{normalize_text, Claim};
use rayon::prelude::*;

/// Documents beyond which a shared sentence is not taken as a sign of one story.
const MAX_CARRIERS: usize = 64;

/// Maps every document to the document whose independence group it belongs to (itself unless it
/// repeats an earlier one). Uses the quoted sentences of claims, so it works on claims alone.
pub(crate) fn groups(claims: &[Claim], threshold: f64) -> BTreeMap<String, String> {
    // Quotes are normalized per document, in parallel (claims come sorted by document).
    let per_document: Vec<(&str, BTreeSet<String>)> = claims
        .chunk_by(|a, b| a.document == b.document)
        .collect::<Vec<_>>()
        .par_iter()
        .map(|cs| {
            (
                cs.first().map_or("", |c| c.document.as_str()),
                quotes_of(cs),
            )
        })
        .collect();
    let mut quotes: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (d, qs) in per_document {
        quotes.entry(d).or_default().extend(qs);
    }
    // Index quotes so that only documents sharing a sentence are compared.
    let mut by_quote: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (d, qs) in &quotes {
        for q in qs {
            by_quote.entry(q.as_str()).or_default().push(d);
        }
    }
    let mut shared: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for docs in by_quote.values() {
        // A sentence in very many documents is a stock phrase, not one wire story carried by its
        // clients; pairing all of them would be quadratic.
        if docs.len() > MAX_CARRIERS {
            continue;
        }
        for (i, a) in docs.iter().enumerate() {
            for b in &docs[i + 1..] {
                *shared.entry(((*a).min(*b), (*a).max(*b))).or_default() += 1;
            }
        }
    }
    let mut out: BTreeMap<String, String> = quotes
        .keys()
        .map(|d| ((*d).to_string(), (*d).to_string()))
        .collect();
    for ((a, b), n) in shared {
        let smaller = quotes
            .get(a)
            .map_or(0, BTreeSet::len)
            .min(quotes.get(b).map_or(0, BTreeSet::len));
        if smaller >= 2 && n as f64 >= threshold * smaller as f64 {
            let root = out.get(a).cloned().unwrap_or_else(|| a.to_string());
            out.insert(b.to_string(), root);
        }
    }
    out
}

/// The normalized quotes of claims (claims of one sentence, side by side, share one: it is
/// normalized once).
fn quotes_of(claims: &[Claim]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut last: Option<&str> = None;
    for c in claims {
        if !c.quote.is_empty() && last != Some(c.quote.as_str()) {
            out.insert(normalize_text(&c.quote));
            last = Some(c.quote.as_str());
        }
    }
    out
}
