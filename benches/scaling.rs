//! Analysis on 1 and on 2 threads, interleaved: the 1 → 2 thread speed-up.
//!
//! This VM's speed drifts by ±20% within minutes, and criterion measures `pipeline`'s
//! `analyze/…/threads/1` and `…/2` ten seconds apart, so their ratio can set a fast minute
//! against a slow one. Here every round analyzes the same 10 MB corpus (as `pipeline` does) once
//! on each pool, in alternating order, and the speed-up is the median of the rounds' ratios, with
//! its quartiles; the medians and minima of the times are printed too. Times include dropping the
//! report, as criterion's do; the speed-up to the report returned is printed apart.
//!
//! `cargo bench --bench scaling` (about a minute); `ROUNDS=n` sets the rounds (default
//! [`ROUNDS`]); `cargo bench --bench scaling -- --test` runs two rounds on a small corpus.
use std::time::{Duration, Instant};

use claimdiff::{Analyzer, Config};

mod common;
use common::{corpus_of, lexicon_for, mb, pool, quick, text_bytes};

/// The allocator the `claimdiff` binary uses, so the figures are the ones its users see.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Rounds unless `ROUNDS` says otherwise.
const ROUNDS: usize = 31;

/// The median of `xs` (sorted here).
fn median(xs: &mut [f64]) -> f64 {
    quantile(xs, 0.5)
}

/// The `q` quantile of `xs` (sorted here; the nearest rank).
fn quantile(xs: &mut [f64], q: f64) -> f64 {
    xs.sort_by(f64::total_cmp);
    let rank = ((xs.len() as f64 - 1.0) * q).round() as usize;
    xs.get(rank).copied().unwrap_or(f64::NAN)
}

fn main() {
    let rounds = if quick() {
        2
    } else {
        std::env::var("ROUNDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(ROUNDS)
    };
    let (config, docs) = corpus_of(if quick() { 1 << 20 } else { 10 << 20 });
    let analyzer = Analyzer::new(lexicon_for(&config), Config::default());
    let pools = [pool(1), pool(2)];
    // The time to the report, and to the report dropped (in the pool, as criterion's case
    // drops it): freeing it is serial, and slower when two threads allocated it.
    let run = |p: &rayon::ThreadPool| -> (Duration, Duration) {
        p.install(|| {
            let start = Instant::now();
            let report = analyzer.analyze(&docs);
            let analyzed = start.elapsed();
            assert!(!report.findings.is_empty(), "no findings");
            drop(report);
            (analyzed, start.elapsed())
        })
    };
    // Warm up: the gazetteer's automaton, the allocator's pages, both pools' threads.
    for p in &pools {
        run(p);
    }
    let mut times: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    let (mut ratios, mut analysis_ratios) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let order = if round % 2 == 0 { [0, 1] } else { [1, 0] };
        let (mut this, mut analysis) = ([0.0; 2], [0.0; 2]);
        for i in order {
            let (analyzed, dropped) = run(&pools[i]);
            (analysis[i], this[i]) = (analyzed.as_secs_f64(), dropped.as_secs_f64());
            times[i].push(this[i]);
        }
        ratios.push(this[0] / this[1]);
        analysis_ratios.push(analysis[0] / analysis[1]);
    }
    let mib = text_bytes(&docs) as f64 / f64::from(1 << 20);
    println!(
        "analyze, {} ({} documents), {rounds} rounds of 1 and 2 threads, alternating",
        mb(&docs),
        docs.len()
    );
    let mut medians = [0.0; 2];
    for (i, ts) in times.iter_mut().enumerate() {
        let min = ts.iter().copied().fold(f64::INFINITY, f64::min);
        let med = median(ts);
        medians[i] = med;
        println!(
            "{} thread{}: median {:.1} ms ({:.1} MiB/s), min {:.1} ms",
            i + 1,
            if i == 0 { "" } else { "s" },
            med * 1e3,
            mib / med,
            min * 1e3
        );
    }
    let (q1, q3) = (quantile(&mut ratios, 0.25), quantile(&mut ratios, 0.75));
    let lowest = ratios.iter().copied().fold(f64::INFINITY, f64::min);
    println!(
        "speed-up 1 -> 2 threads: median of rounds {:.2}x (quartiles {q1:.2}-{q3:.2}x, lowest \
         {lowest:.2}x); of the median times {:.2}x",
        median(&mut ratios),
        medians[0] / medians[1]
    );
    println!(
        "  to the report, before it is dropped: median of rounds {:.2}x",
        median(&mut analysis_ratios)
    );
}
