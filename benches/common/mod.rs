//! What the benches share: the generated corpus and its lexicon, the seed story, thread pools.
// Each bench uses a part of this module.
#![allow(dead_code)]

use claimdiff::{
    extract::{load_paths, Lexicon, LexiconBuilder},
    Document,
};
use claimdiff_corpus::{Corpus, CorpusConfig};

/// The seed of every generated corpus, so runs compare.
pub const SEED: u64 = 2024;

/// True under `cargo bench -- --test` (each case once): inputs are kept small.
pub fn quick() -> bool {
    std::env::args().any(|a| a == "--test")
}

/// The embedded lexicon plus the coined towns of a corpus (stories past the real places).
pub fn lexicon_for(config: &CorpusConfig) -> Lexicon {
    LexiconBuilder::new()
        .add_file("gazetteer.tsv", "corpus", &config.gazetteer_supplement())
        .and_then(LexiconBuilder::build)
        .unwrap_or_else(|e| panic!("lexicon: {e}"))
}

/// A corpus of about `bytes` of article text, five sources per story.
pub fn corpus_of(bytes: usize) -> (CorpusConfig, Vec<Document>) {
    // About 3.7 KB per article.
    let stories = (bytes / (5 * 3700)).max(1);
    let config = CorpusConfig::new(stories, 5).seed(SEED);
    let docs = Corpus::generate(&config).documents;
    (config, docs)
}

/// The five seed articles of `data/seeds`.
pub fn seeds() -> Vec<Document> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seeds");
    load_paths(&[dir]).documents
}

/// Bytes of article text.
pub fn text_bytes(docs: &[Document]) -> u64 {
    docs.iter().map(|d| d.text.len() as u64).sum()
}

/// The size of the text in whole megabytes, for case names ("11MB").
pub fn mb(docs: &[Document]) -> String {
    format!("{:.0}MB", text_bytes(docs) as f64 / 1e6)
}

/// A rayon pool of `threads` threads.
pub fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap_or_else(|e| panic!("pool: {e}"))
}
