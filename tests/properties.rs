//! Property (proptest): the report is byte-identical for any order of the documents, any subset
//! taken from the seed story and our three stories, and any thread count (1, 2 or 3).
//!
//! Cases: `PROPTEST_CASES` (default [`CASES`]: each case analyzes up to a dozen documents three
//! times); seeds are random unless `PROPTEST_RNG_SEED` is set.
use std::sync::LazyLock;

use claimdiff::{
    extract::{load_paths, Lexicon},
    Analyzer, Config, Document,
};
use proptest::prelude::*;

use crate::{json, root, story_documents};

/// Cases unless `PROPTEST_CASES` says otherwise.
const CASES: u32 = 16;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(CASES),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(|| {
    let lexicon = Lexicon::embedded().unwrap_or_else(|e| panic!("lexicon: {e}"));
    Analyzer::new(lexicon, Config::default())
});

/// Every document of the seeds and of the stories (their articles, with their metadata), loaded
/// with `load_paths`, in path order.
static DOCUMENTS: LazyLock<Vec<Document>> = LazyLock::new(|| {
    let mut docs = load_paths(&[root().join("data/seeds")]).documents;
    for story in ["election", "ferry", "quake"] {
        let loaded = story_documents(story);
        assert!(loaded.errors.is_empty(), "{story}: {:?}", loaded.errors);
        docs.extend(loaded.documents);
    }
    assert!(docs.len() >= 20, "only {} documents", docs.len());
    docs
});

/// Thread pools of 1, 2 and 3 threads.
static POOLS: LazyLock<Vec<rayon::ThreadPool>> = LazyLock::new(|| {
    (1..=3)
        .map(|n| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .unwrap_or_else(|e| panic!("{n} threads: {e}"))
        })
        .collect()
});

/// The JSON report of `docs`, analyzed on `threads` threads.
fn report(docs: &[Document], threads: usize) -> String {
    POOLS[threads - 1].install(|| json(&ANALYZER.analyze(docs)))
}

/// A subset of the documents (indices in path order, 2 to 12 of them) and a permutation of it.
fn subset_and_permutation() -> impl Strategy<Value = (Vec<usize>, Vec<usize>)> {
    let n = DOCUMENTS.len();
    proptest::sample::subsequence((0..n).collect::<Vec<_>>(), 2..=12.min(n))
        .prop_flat_map(|subset| (Just(subset.clone()), Just(subset).prop_shuffle()))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn report_is_the_same_for_any_order_subset_and_thread_count(
        (subset, permuted) in subset_and_permutation(),
    ) {
        let pick = |ix: &[usize]| ix.iter().map(|&i| DOCUMENTS[i].clone()).collect::<Vec<_>>();
        let expected = report(&pick(&subset), 1);
        for threads in [1, 2, 3] {
            let got = report(&pick(&permuted), threads);
            prop_assert!(
                got == expected,
                "{threads} threads, documents {:?} then {:?}: reports differ",
                subset,
                permuted
            );
        }
    }
}

/// Every document at once, in reverse and in an interleaved order, on 1 and 3 threads.
#[test]
fn report_of_all_documents_is_the_same_in_any_order() {
    let all = DOCUMENTS.clone();
    let expected = report(&all, 1);
    let mut reversed = all.clone();
    reversed.reverse();
    let (even, odd): (Vec<_>, Vec<_>) = all
        .iter()
        .cloned()
        .enumerate()
        .partition(|(i, _)| i % 2 == 0);
    let interleaved: Vec<Document> = odd.into_iter().chain(even).map(|(_, d)| d).collect();
    assert!(report(&reversed, 3) == expected, "reversed, 3 threads");
    assert!(
        report(&interleaved, 2) == expected,
        "interleaved, 2 threads"
    );
}
