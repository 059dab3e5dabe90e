//! Integration tests of claimdiff-extract: one binary, one module per area, each with a
//! data-driven `check` helper over tables in the workspace's `tests/data/`.

mod claims;
mod clean;
mod entities;
mod fuzz_regressions;
mod ingest;
mod properties;
mod quantities;
mod temporal;

/// Path of a file in the workspace's `tests/data/`.
pub fn data_path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name)
}
