//! End-to-end tests of the claimdiff pipeline: the seed story, our own stories from other fields,
//! and determinism.

mod corpus;
mod determinism;
mod properties;
mod seeds;
mod stories;

use std::path::{Path, PathBuf};

use claimdiff::{
    extract::{apply_meta, load_paths, read_meta, Loaded},
    Analyzer, Config, Report,
};

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

/// One of our story folders (`tests/data/stories/NAME`), loaded in path order: its articles (the
/// stems in `meta.json`, and `.jsonl` files) with their metadata applied.
pub fn story_documents(name: &str) -> Loaded {
    let dir = path(&format!("tests/data/stories/{name}"));
    let meta = read_meta(&dir.join("meta.json")).unwrap_or_else(|e| panic!("{e}"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            meta.contains_key(stem) || p.extension().is_some_and(|x| x == "jsonl")
        })
        .collect();
    files.sort();
    let mut loaded = load_paths(&files);
    apply_meta(&mut loaded.documents, &meta);
    loaded
}
