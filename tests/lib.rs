//! End-to-end tests of the claimdiff pipeline: the seed story, our own stories from other fields,
//! and determinism.

mod corpus;
mod determinism;
mod properties;
mod seeds;
mod stories;

use std::path::{Path, PathBuf};

use claimdiff::{extract::load_paths, Analyzer, Config, Report};

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Analyzes files or folders with the embedded lexicon and default options.
pub fn analyze_paths(paths: &[PathBuf]) -> Report {
    let lexicon =
        claimdiff::extract::Lexicon::embedded().unwrap_or_else(|e| panic!("lexicon: {e}"));
    Analyzer::new(lexicon, Config::default()).analyze_loaded(load_paths(paths))
}

/// The seed report.
pub fn seed_report() -> Report {
    analyze_paths(&[root().join("data/seeds")])
}

/// Renders a report as the CLI prints it.
pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default()
}

/// A path relative to the workspace root.
pub fn path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}
