//! Independence of sources: documents that repeat another's sentences count once.
use std::collections::{BTreeMap, BTreeSet};

use claimdiff_core::{normalize_text, Claim};
use rayon::prelude::*;

/// Documents beyond which a shared sentence is not taken as a sign of one story.
const MAX_CARRIERS: usize = 64;

/// Maps every document to the document whose independence group it belongs to (itself unless it
/// repeats an earlier one). Uses the quoted sentences of claims, so it works on claims alone.
pub(crate) fn groups(claims: &[Claim], threshold: f64) -> BTreeMap<String, String> {
    let quotes = quotes_by_document(claims);
    // Index quotes so that only documents sharing a sentence are compared: every (quote,
    // document) once, sorted in parallel, so each quote's documents come together, increasing.
    let mut carried: Vec<(&str, &str)> = quotes
        .iter()
        .flat_map(|(d, qs)| qs.iter().map(move |q| (q.as_str(), *d)))
        .collect();
    carried.par_sort_unstable();
    let by_quote: Vec<&[(&str, &str)]> = carried.chunk_by(|a, b| a.0 == b.0).collect();
    // Every pair of documents sharing a sentence, once per sentence, smaller first.
    let mut pairs: Vec<(&str, &str)> = by_quote
        .par_iter()
        // A sentence in very many documents is a stock phrase, not one wire story carried by its
        // clients; pairing all of them would be quadratic.
        .filter(|docs| docs.len() <= MAX_CARRIERS)
        .flat_map_iter(|docs| {
            docs.iter().enumerate().flat_map(move |(i, &(_, a))| {
                docs.get(i + 1..)
                    .unwrap_or_default()
                    .iter()
                    .map(move |&(_, b)| (a.min(b), a.max(b)))
            })
        })
        .collect();
    drop(by_quote);
    pairs.par_sort_unstable();
    // How many sentences each pair shares, in pair order.
    let shared = pairs
        .chunk_by(|a, b| a == b)
        .filter_map(|run| run.first().map(|&pair| (pair, run.len())));
    roots(&quotes, shared, threshold)
}

/// The normalized quotes of each document's claims, normalized per document in parallel (claims
/// come sorted by document).
fn quotes_by_document(claims: &[Claim]) -> BTreeMap<&str, BTreeSet<String>> {
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
    quotes
}

/// Every document mapped to the root of its group: a document joins the group of another when
/// they share at least `threshold` of the smaller one's quotes (and it has two or more). `shared`
/// holds each pair of documents (smaller first, in increasing order) with the number of quotes
/// they share.
fn roots<'a>(
    quotes: &BTreeMap<&'a str, BTreeSet<String>>,
    shared: impl IntoIterator<Item = ((&'a str, &'a str), usize)>,
    threshold: f64,
) -> BTreeMap<String, String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The groups as first written: documents sharing a quote found through two sorted maps.
    fn groups_plain(claims: &[Claim], threshold: f64) -> BTreeMap<String, String> {
        let quotes = quotes_by_document(claims);
        let mut by_quote: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (d, qs) in &quotes {
            for q in qs {
                by_quote.entry(q.as_str()).or_default().push(d);
            }
        }
        let mut shared: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for docs in by_quote.values() {
            if docs.len() > MAX_CARRIERS {
                continue;
            }
            for (i, a) in docs.iter().enumerate() {
                for b in &docs[i + 1..] {
                    *shared.entry(((*a).min(*b), (*a).max(*b))).or_default() += 1;
                }
            }
        }
        roots(&quotes, shared, threshold)
    }

    /// Claim `n` of document `doc`, quoting `quote`.
    fn quoted(doc: &str, n: usize, quote: &str) -> Claim {
        Claim {
            id: format!("{doc}:c{n}"),
            sentence: n,
            span: [n, n + 1],
            quote: quote.into(),
            ..crate::test_claim(doc)
        }
    }

    proptest! {
        #[test]
        fn groups_equal_the_plain_maps(
            said in proptest::collection::vec(("d[0-5]", "(The flood|Rain|Rescuers) (rose|fell)\\.?"), 0..40),
            threshold in 0.3f64..1.0,
        ) {
            let mut claims: Vec<Claim> = said
                .iter()
                .enumerate()
                .map(|(n, (doc, quote))| quoted(doc, n, quote))
                .collect();
            claims.sort_by(|a, b| (a.document.as_str(), a.span).cmp(&(b.document.as_str(), b.span)));
            prop_assert_eq!(groups(&claims, threshold), groups_plain(&claims, threshold));
        }
    }
}
