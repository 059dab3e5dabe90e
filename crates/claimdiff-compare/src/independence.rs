//! Independence of sources: documents that repeat another's sentences count once.
use std::hash::BuildHasher;

use claimdiff_core::{normalize_text, Claim};
use rayon::prelude::*;
use rustc_hash::FxBuildHasher;

use crate::keyed::{self, Keyed};

/// Documents beyond which a shared sentence is not taken as a sign of one story.
const MAX_CARRIERS: usize = 64;

/// The documents of some claims grouped into independent sources: a document that repeats an
/// earlier one's quoted sentences (a wire story carried twice) joins its group.
///
/// Worked out from the documents and quotes of the claims alone, so it can be worked out before
/// their entity ids are merged, beside the merging (see [`compare_with_sources`]);
/// [`compare_owned`] works it out itself.
///
/// [`compare_with_sources`]: crate::compare_with_sources
/// [`compare_owned`]: crate::compare_owned
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceGroups {
    /// Each document, increasing, with the first document of its group.
    groups: Vec<(String, String)>,
}

impl SourceGroups {
    /// The groups of the documents of `claims`, in any order, by the share of quoted sentences
    /// of [`CompareConfig::near_duplicate`].
    ///
    /// [`CompareConfig::near_duplicate`]: crate::CompareConfig::near_duplicate
    pub fn of(claims: &[Claim], config: &crate::CompareConfig) -> SourceGroups {
        SourceGroups {
            groups: groups(claims, config.near_duplicate)
                .into_iter()
                .map(|(d, g)| (d.to_string(), g.to_string()))
                .collect(),
        }
    }

    /// Each document, increasing, with the first document of its group (itself unless it
    /// repeats an earlier one).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.groups.iter().map(|(d, g)| (d.as_str(), g.as_str()))
    }
}

/// Every document of the claims, in order, with the document whose independence group it
/// belongs to (itself unless it repeats an earlier one). Uses the quoted sentences of claims, so
/// it works on claims alone. The claims may come in any order; sorted by document, each
/// document's quotes are gathered in one run.
pub(crate) fn groups(claims: &[Claim], threshold: f64) -> Vec<(&str, &str)> {
    groups_by(claims, threshold, |q| FxBuildHasher.hash_one(q))
}

/// As [`groups`], with the hash that sorts sentences given (the tests give a poor one, to
/// exercise sentences told apart by their text).
fn groups_by(
    claims: &[Claim],
    threshold: f64,
    hash: impl Fn(&str) -> u64 + Sync,
) -> Vec<(&str, &str)> {
    let quotes = quotes_by_document(claims);
    // Index quotes so that only documents sharing a sentence are compared: every (quote,
    // document) once, grouped by quote (each quote's documents increasing).
    let mut carried: Vec<Keyed<Doc, &str>> = quotes
        .par_iter()
        .enumerate()
        .flat_map_iter(|(d, (_, qs))| {
            let hash = &hash;
            let d = Doc::try_from(d).unwrap_or(Doc::MAX);
            qs.iter().map(move |q| (hash(q), d, q.as_str()))
        })
        .collect();
    // Every pair of documents sharing a sentence, once per sentence, smaller first.
    let mut pairs: Vec<(Doc, Doc)> = keyed::runs(&mut carried)
        .par_iter()
        .flat_map_iter(|carriers| pair_up(carriers))
        .collect();
    pairs.par_sort_unstable();
    // How many sentences each pair shares, in pair order.
    let shared = pairs
        .chunk_by(|a, b| a == b)
        .filter_map(|run| run.first().map(|&pair| (pair, run.len())));
    let sizes: Vec<usize> = quotes.iter().map(|(_, qs)| qs.len()).collect();
    let roots = roots(&sizes, shared, threshold);
    quotes
        .iter()
        .zip(roots)
        .map(|((d, _), r)| (*d, quotes.get(r).map_or(*d, |(g, _)| *g)))
        .collect()
}

/// A document's number: its place among the documents, sorted.
type Doc = u32;

/// The pairs of documents that carry one sentence (`carriers`: that sentence in each of them,
/// by increasing document), unless it is a stock phrase carried by too many.
fn pair_up<'a>(carriers: &'a [Keyed<Doc, &str>]) -> impl Iterator<Item = (Doc, Doc)> + 'a {
    // A sentence in very many documents is a stock phrase, not one wire story carried by its
    // clients; pairing all of them would be quadratic.
    let carriers = if carriers.len() > MAX_CARRIERS {
        &[]
    } else {
        carriers
    };
    carriers.iter().enumerate().flat_map(move |(i, a)| {
        carriers
            .get(i + 1..)
            .unwrap_or_default()
            .iter()
            .map(move |b| (a.1.min(b.1), a.1.max(b.1)))
    })
}

/// Each document with its normalized quotes (sorted, distinct), by document: normalized per
/// document in parallel (claims come sorted by document; a document met twice is merged).
fn quotes_by_document(claims: &[Claim]) -> Vec<(&str, Vec<String>)> {
    let mut per_document: Vec<(&str, Vec<String>)> = claims
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
    if !per_document.is_sorted_by(|a, b| a.0 < b.0) {
        per_document.sort_by(|a, b| a.0.cmp(b.0));
        per_document.dedup_by(|later, first| {
            let same = later.0 == first.0;
            if same {
                first.1.append(&mut later.1);
                first.1.sort_unstable();
                first.1.dedup();
            }
            same
        });
    }
    per_document
}

/// Every document's root (an index into `sizes`): a document joins the group of another when
/// they share at least `threshold` of the smaller one's quotes (and it has two or more).
/// `sizes` holds the number of quotes of each document; `shared` each pair of documents
/// (smaller first, in increasing order) with the number of quotes they share.
fn roots(
    sizes: &[usize],
    shared: impl IntoIterator<Item = ((Doc, Doc), usize)>,
    threshold: f64,
) -> Vec<usize> {
    let mut out: Vec<usize> = (0..sizes.len()).collect();
    for ((a, b), n) in shared {
        let (a, b) = (a as usize, b as usize);
        let smaller = sizes
            .get(a)
            .copied()
            .unwrap_or(0)
            .min(sizes.get(b).copied().unwrap_or(0));
        if smaller >= 2 && n as f64 >= threshold * smaller as f64 {
            if let Some(root) = out.get(a).copied() {
                if let Some(slot) = out.get_mut(b) {
                    *slot = root;
                }
            }
        }
    }
    out
}

/// The normalized quotes of claims, sorted and distinct (claims of one sentence, side by side,
/// share one: it is normalized once).
fn quotes_of(claims: &[Claim]) -> Vec<String> {
    let mut out = Vec::new();
    let mut last: Option<&str> = None;
    for c in claims {
        if !c.quote.is_empty() && last != Some(c.quote.as_str()) {
            out.push(normalize_text(&c.quote));
            last = Some(c.quote.as_str());
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use proptest::prelude::*;

    /// The groups as first written: documents sharing a quote found through two sorted maps
    /// keyed by text.
    fn groups_plain(claims: &[Claim], threshold: f64) -> Vec<(&str, &str)> {
        let quotes = quotes_by_document(claims);
        let mut by_quote: BTreeMap<&str, Vec<Doc>> = BTreeMap::new();
        for (d, (_, qs)) in quotes.iter().enumerate() {
            for q in qs {
                by_quote.entry(q.as_str()).or_default().push(d as Doc);
            }
        }
        let mut shared: BTreeMap<(Doc, Doc), usize> = BTreeMap::new();
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
        let sizes: Vec<usize> = quotes.iter().map(|(_, qs)| qs.len()).collect();
        let roots = roots(&sizes, shared, threshold);
        quotes
            .iter()
            .zip(roots)
            .map(|((d, _), r)| (*d, quotes[r].0))
            .collect()
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
            let plain = groups_plain(&claims, threshold);
            prop_assert_eq!(&groups(&claims, threshold), &plain);
            // Sentences that share a hash are told apart by their text.
            prop_assert_eq!(&groups_by(&claims, threshold, |q| (q.len() % 3) as u64), &plain);
            // A document whose claims come in two runs is one document.
            let mut split = claims.clone();
            split.rotate_left(claims.len() / 2);
            prop_assert_eq!(&groups(&split, threshold), &plain);
        }
    }
}
