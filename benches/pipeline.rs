//! Throughput and scaling of the pipeline on generated corpora (`claimdiff-corpus`):
//!
//! - `extract`: extraction alone, one thread, on the seed story and on a 10 MB generated corpus
//!   (100 MB too with `CLAIMDIFF_BENCH_BIG=1`), and on the 10 MB corpus in a rayon pool of 2
//!   threads, one document per task;
//! - `floor`: what any extractor pays at least on the same 10 MB: an aho-corasick automaton of
//!   every gazetteer name plus ASCII regexes for dates and numbers, one thread;
//! - `analyze`: end to end (extraction, entity merging, comparison) in rayon pools of 1 and 2
//!   threads;
//! - `compare`: comparison alone on claims extracted beforehand, with 10, 100 and 1000 sources per
//!   story at 2 stories, and with 10, 100, 1000 and 10,000 stories at 3 sources (the first n
//!   stories of one 10,000-story corpus, extracted once);
//! - `dates`: `find_times` over every document of the 10 MB corpus.
//!
//! `cargo bench --bench pipeline` (about two minutes on two cores); `cargo bench --bench pipeline
//! -- --test` runs each case once on small inputs. Corpora are generated with a fixed seed, so
//! runs compare.
use std::time::Duration;

use aho_corasick::{AhoCorasick, MatchKind};
use claimdiff::{
    compare::{compare, CompareConfig},
    extract::{extract, find_times, ExtractConfig, Loaded, TimeContext, LEXICON_FILES},
    Analyzer, Claim, Config,
};
use claimdiff_corpus::{Corpus, CorpusConfig};
use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use rayon::prelude::*;
use regex::Regex;

mod common;
use common::{corpus_of, lexicon_for, mb, pool, quick, seeds, text_bytes, SEED};

/// The allocator the `claimdiff` binary uses, so the figures are the ones its users see.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn big() -> bool {
    std::env::var("CLAIMDIFF_BENCH_BIG").is_ok_and(|v| v == "1")
}

/// The floor: every gazetteer name (names, aliases, demonyms, metonyms) in one aho-corasick
/// automaton, and ASCII regexes for dates and numbers.
struct Floor {
    names: AhoCorasick,
    patterns: Vec<Regex>,
}

impl Floor {
    fn new() -> Floor {
        let gazetteer = LEXICON_FILES
            .iter()
            .find(|(n, _)| *n == "gazetteer.tsv")
            .map(|(_, t)| *t)
            .unwrap_or_default();
        let mut names: Vec<&str> = Vec::new();
        for line in gazetteer.lines() {
            if line.starts_with('#') || line.starts_with('@') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            for col in cols.iter().skip(2).take(4) {
                names.extend(col.split('|').filter(|n| !n.is_empty() && *n != "-"));
            }
        }
        let names = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&names)
            .unwrap_or_else(|e| panic!("automaton: {e}"));
        let month = "(?:January|February|March|April|May|June|July|August|September|October|November|December)";
        let patterns = [
            format!(r"\b{month} \d{{1,2}}(?:, \d{{4}})?\b"),
            format!(r"\b\d{{1,2}} {month}(?: \d{{4}})?\b"),
            r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b".to_string(),
            r"\b\d{4}-\d{2}-\d{2}\b".to_string(),
            r"\b\d{1,3}(?:,\d{3})*(?:\.\d+)?\b".to_string(),
        ]
        .iter()
        .map(|p| Regex::new(p).unwrap_or_else(|e| panic!("{p}: {e}")))
        .collect();
        Floor { names, patterns }
    }

    fn run(&self, text: &str) -> usize {
        self.names.find_iter(text).count()
            + self
                .patterns
                .iter()
                .map(|r| r.find_iter(text).count())
                .sum::<usize>()
    }
}

fn bench(c: &mut Criterion) {
    let size = if quick() { 1 << 20 } else { 10 << 20 };
    let (config, docs) = corpus_of(size);
    let analyzer = Analyzer::new(lexicon_for(&config), Config::default());
    let lex = analyzer.lexicon();
    let xcfg = ExtractConfig::default();
    let seed_docs = seeds();

    let mut g = c.benchmark_group("extract");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
        .sampling_mode(SamplingMode::Flat);
    g.throughput(Throughput::Bytes(text_bytes(&seed_docs)));
    g.bench_function("seeds", |b| {
        b.iter(|| {
            seed_docs
                .iter()
                .map(|d| extract(d, lex, &xcfg).claims.len())
                .sum::<usize>()
        })
    });
    g.throughput(Throughput::Bytes(text_bytes(&docs)));
    g.bench_function(BenchmarkId::new("corpus", mb(&docs)), |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| extract(d, lex, &xcfg).claims.len())
                .sum::<usize>()
        })
    });
    // Both cores: a rayon pool of 2, one document per task (as `Analyzer` extracts).
    let two = pool(2);
    g.bench_function(BenchmarkId::new("corpus/2_threads", mb(&docs)), |b| {
        b.iter(|| {
            two.install(|| {
                docs.par_iter()
                    .map(|d| extract(d, lex, &xcfg).claims.len())
                    .sum::<usize>()
            })
        })
    });
    if big() && !quick() {
        let (big_config, big_docs) = corpus_of(100 << 20);
        let big_lex = lexicon_for(&big_config);
        g.throughput(Throughput::Bytes(text_bytes(&big_docs)));
        g.bench_function(BenchmarkId::new("corpus", mb(&big_docs)), |b| {
            b.iter(|| {
                big_docs
                    .iter()
                    .map(|d| extract(d, &big_lex, &xcfg).claims.len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();

    let floor = Floor::new();
    let mut g = c.benchmark_group("floor");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    g.throughput(Throughput::Bytes(text_bytes(&docs)));
    g.bench_function(BenchmarkId::new("gazetteer+regex", mb(&docs)), |b| {
        b.iter(|| docs.iter().map(|d| floor.run(&d.text)).sum::<usize>())
    });
    g.finish();

    let mut g = c.benchmark_group("analyze");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10))
        .sampling_mode(SamplingMode::Flat);
    g.throughput(Throughput::Bytes(text_bytes(&docs)));
    for threads in [1, 2] {
        let p = pool(threads);
        g.bench_function(
            BenchmarkId::new(format!("{}/threads", mb(&docs)), threads),
            |b| b.iter(|| p.install(|| analyzer.analyze(&docs).findings.len())),
        );
    }
    g.finish();

    // Comparison alone, on claims extracted once.
    let claims_of = |config: &CorpusConfig| -> (Analyzer, Vec<Claim>) {
        let analyzer = Analyzer::new(lexicon_for(config), Config::default());
        let loaded = Loaded {
            documents: Corpus::generate(config).documents,
            errors: Vec::new(),
            warnings: Vec::new(),
        };
        let (extractions, _) = analyzer.extract_loaded(loaded);
        let (_, claims) = analyzer.merged_claims(&extractions);
        (analyzer, claims)
    };
    let ccfg = CompareConfig::default();
    let mut g = c.benchmark_group("compare");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .sampling_mode(SamplingMode::Flat);
    let sources: &[usize] = if quick() {
        &[10, 100]
    } else {
        &[10, 100, 1000]
    };
    for &m in sources {
        let (an, claims) = claims_of(&CorpusConfig::new(2, m).seed(SEED));
        g.throughput(Throughput::Elements(claims.len() as u64));
        g.bench_function(BenchmarkId::new("sources_per_story/2_stories", m), |b| {
            b.iter(|| compare(&claims, an.lexicon(), &ccfg).findings.len())
        });
    }
    // The stories sweep: the first n stories of one corpus, extracted once.
    let stories: &[usize] = if quick() {
        &[10, 100]
    } else {
        &[10, 100, 1000, 10_000]
    };
    let most = stories.iter().copied().max().unwrap_or(0);
    let (an, all_claims) = claims_of(&CorpusConfig::new(most, 3).seed(SEED));
    for &n in stories {
        let claims: Vec<Claim> = all_claims
            .iter()
            .filter(|c| claimdiff_corpus::story_of(&c.document).is_some_and(|s| s < n))
            .cloned()
            .collect();
        g.throughput(Throughput::Elements(claims.len() as u64));
        g.bench_function(BenchmarkId::new("stories/3_sources", n), |b| {
            b.iter(|| compare(&claims, an.lexicon(), &ccfg).findings.len())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("dates");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    g.throughput(Throughput::Bytes(text_bytes(&docs)));
    g.bench_function(BenchmarkId::new("find_times", mb(&docs)), |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| {
                    let ctx = TimeContext {
                        reference: d.published,
                        year_hint: None,
                    };
                    find_times(&d.text, &ctx, lex).len()
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
