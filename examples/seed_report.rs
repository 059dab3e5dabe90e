//! The Markdown report of the seed story in `data/seeds`.
//!
//! `cargo run --example seed_report > report.md`
use claimdiff::{
    extract::{load_paths, Lexicon},
    report::{render, Format, RenderOptions},
    Analyzer, Config,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seeds");
    let analyzer = Analyzer::new(Lexicon::embedded()?, Config::default());
    let report = analyzer.analyze_loaded(load_paths(&[seeds]));
    let markdown = render(&report, Format::Markdown, &RenderOptions::default())?;
    print!("{markdown}");
    Ok(())
}
