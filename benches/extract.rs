//! Throughput of the stages on the seed story repeated to about 4 MB: sentence splitting,
//! cleaning, date finding, whole-document extraction, and end-to-end analysis.
//!
//! `cargo bench --bench extract` (figures in README.md).
use claimdiff::{
    extract::{clean, extract, find_times, split_sentences, ExtractConfig, Lexicon, TimeContext},
    Analyzer, Config, Document,
};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

mod common;
use common::seeds;

/// The allocator the `claimdiff` binary uses, so the figures are the ones its users see.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let lex = Lexicon::embedded().unwrap_or_else(|e| panic!("lexicon: {e}"));
    let docs = seeds();
    let seed_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let joined: String = docs
        .iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let big = Document::new("big", joined.repeat((4 << 20) / joined.len() + 1));

    let mut g = c.benchmark_group("seeds");
    g.throughput(Throughput::Bytes(seed_bytes as u64));
    g.bench_function("extract", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| extract(d, &lex, &ExtractConfig::default()).claims.len())
                .sum::<usize>()
        })
    });
    let analyzer = Analyzer::new(
        Lexicon::embedded().unwrap_or_else(|e| panic!("{e}")),
        Config::default(),
    );
    g.bench_function("analyze", |b| {
        b.iter(|| analyzer.analyze(&docs).findings.len())
    });
    g.finish();

    let mut g = c.benchmark_group("4mb");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(big.text.len() as u64));
    g.bench_function("split_sentences", |b| {
        b.iter(|| split_sentences(&big.text, &lex).len())
    });
    g.bench_function("clean", |b| b.iter(|| clean(&big, &lex).sentences.len()));
    let ctx = TimeContext::default();
    g.bench_function("find_times", |b| {
        b.iter(|| find_times(&big.text, &ctx, &lex).len())
    });
    g.bench_function("extract", |b| {
        b.iter(|| extract(&big, &lex, &ExtractConfig::default()).claims.len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
