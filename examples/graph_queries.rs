//! Claims about an entity in a date range, through the claim graph's (entity, date) index.
//!
//! `cargo run --example graph_queries -- [ENTITY] [FROM] [TO]` (defaults: azerbaijan,
//! 2024-12-01, 2025-07-31) on the seed story in `data/seeds`.
use claimdiff::{
    core::ClaimGraph,
    extract::{load_paths, Lexicon},
    Analyzer, Config,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let entity = args.next().unwrap_or_else(|| "azerbaijan".into());
    let from: jiff::civil::Date = args.next().unwrap_or_else(|| "2024-12-01".into()).parse()?;
    let to: jiff::civil::Date = args.next().unwrap_or_else(|| "2025-07-31".into()).parse()?;

    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seeds");
    let analyzer = Analyzer::new(Lexicon::embedded()?, Config::default());
    let report = analyzer.analyze_loaded(load_paths(&[seeds]));
    let graph = ClaimGraph::build(&report);

    println!("claims about {entity} between {from} and {to}:");
    for c in graph.claims_about(&entity, from, to) {
        let who = c.speaker.as_deref().unwrap_or("the outlet");
        println!(
            "  {} [{}] {} = {} ({}, {})",
            c.id,
            c.event_kind,
            c.attribute,
            c.value.normalized_string(),
            who,
            c.modality.as_str()
        );
    }
    let mid = from.checked_add(jiff::Span::new().days(i64::from((to - from).get_days() / 2)))?;
    println!("events involving {entity} within 90 days of {mid}:");
    for e in graph.events_near(&entity, mid, 90) {
        println!("  {} {}", e.id, e.label);
    }
    Ok(())
}
