//! Time against input size on pathological inputs, through ingest (`parse_input`) and extraction:
//! one huge line without a newline, a million tiny sentences, hundreds of thousands of repeated
//! paragraphs, and deeply nested HTML. Each comes at 1×, 2× and 4× a base size; with
//! `Throughput::Bytes` a linear pipeline shows the same MB/s at every size.
//!
//! `cargo bench --bench pathological` (a few minutes on two cores); `-- --test` runs each case
//! once at a hundredth of the size.
use std::time::Duration;

use claimdiff::extract::{extract, parse_input, ExtractConfig, Format, Lexicon};
use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};

/// The allocator the `claimdiff` binary uses, so the figures are the ones its users see.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn quick() -> bool {
    std::env::args().any(|a| a == "--test")
}

/// One input: its name, format, and a maker of `n` units.
struct Case {
    name: &'static str,
    format: Format,
    /// Units at 1× (4× is the largest size run).
    base: usize,
    make: fn(usize) -> String,
}

const SENTENCE: &str = "A jet operated by Veloran Airlines crashed near Lyon on Tuesday, \
                        killing 38 people, officials said. ";

/// `n` sentences on one line (about 5 MB at 1×, 20 MB at 4×).
fn one_line(n: usize) -> String {
    SENTENCE.repeat(n)
}

/// `n` sentences of two words each, space-separated.
fn tiny_sentences(n: usize) -> String {
    let words = [
        "It fell.",
        "He ran.",
        "Rain came.",
        "Lyon wept.",
        "Two died.",
    ];
    let mut s = String::with_capacity(n * 10);
    for i in 0..n {
        s.push_str(words[i % words.len()]);
        s.push(' ');
    }
    s
}

/// One paragraph repeated `n` times, blank lines between.
fn repeated_paragraphs(n: usize) -> String {
    "The floods in Lyon killed 12 people on Tuesday, officials said.\n\n".repeat(n)
}

/// The article nested in `n` `<div>`s.
fn deep_html(n: usize) -> String {
    let mut s = String::with_capacity(n * 11 + 200);
    s.push_str("<html><body>");
    s.push_str(&"<div>".repeat(n));
    s.push_str("<p>");
    s.push_str(SENTENCE);
    s.push_str("</p>");
    s.push_str(&"</div>".repeat(n));
    s.push_str("</body></html>");
    s
}

const CASES: &[Case] = &[
    Case {
        name: "one_line",
        format: Format::Text,
        base: 50_000,
        make: one_line,
    },
    Case {
        name: "tiny_sentences",
        format: Format::Text,
        base: 250_000,
        make: tiny_sentences,
    },
    Case {
        name: "repeated_paragraphs",
        format: Format::Text,
        base: 100_000,
        make: repeated_paragraphs,
    },
    Case {
        name: "deep_html",
        format: Format::Html,
        base: 5_000,
        make: deep_html,
    },
];

fn bench(c: &mut Criterion) {
    let lex = Lexicon::embedded().unwrap_or_else(|e| panic!("lexicon: {e}"));
    let cfg = ExtractConfig::default();
    let divisor = if quick() { 100 } else { 1 };
    for case in CASES {
        let mut g = c.benchmark_group(format!("pathological/{}", case.name));
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(5))
            .sampling_mode(SamplingMode::Flat);
        for scale in [1, 2, 4] {
            let n = (case.base / divisor).max(1) * scale;
            let input = (case.make)(n);
            g.throughput(Throughput::Bytes(input.len() as u64));
            g.bench_function(BenchmarkId::new(format!("{scale}x"), input.len()), |b| {
                b.iter(|| {
                    let loaded = parse_input("bench", "bench", input.as_bytes(), case.format);
                    loaded
                        .documents
                        .iter()
                        .map(|d| extract(d, &lex, &cfg).claims.len())
                        .sum::<usize>()
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
