//! The `claimdiff` binary: subcommands, pipelines, formats and exit codes.
use std::{
    io::Write,
    path::PathBuf,
    process::{Command, Output, Stdio},
};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the binary with arguments and optional stdin.
fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.unwrap_or_default());
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("wait: {e}"))
}

fn findings(json: &[u8]) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_slice(json).unwrap_or_default();
    let mut fs = v["findings"].as_array().cloned().unwrap_or_default();
    for f in &mut fs {
        f.as_object_mut().map(|o| o.remove("id"));
    }
    fs
}

#[test]
fn claims_piped_into_compare_give_the_same_findings_as_analyze() {
    let analyzed = run(&["analyze", "--format", "json", "data/seeds"], None);
    assert!(
        analyzed.status.success(),
        "{}",
        String::from_utf8_lossy(&analyzed.stderr)
    );
    let claims = run(&["claims", "data/seeds"], None);
    assert!(claims.status.success());
    insta::assert_snapshot!("seed_claims", String::from_utf8_lossy(&claims.stdout));
    let compared = run(&["compare", "-"], Some(&claims.stdout));
    assert!(
        compared.status.success(),
        "{}",
        String::from_utf8_lossy(&compared.stderr)
    );
    let a = findings(&analyzed.stdout);
    assert!(!a.is_empty());
    assert_eq!(a, findings(&compared.stdout));
}

#[test]
fn dates_prints_one_json_line_per_input_line() {
    let out = run(
        &["dates", "--reference", "2025-07-14"],
        Some(b"last week\nin June 2025\nno date here\n"),
    );
    assert!(out.status.success());
    insta::assert_snapshot!("dates_lines", String::from_utf8_lossy(&out.stdout));
    let unresolved = run(&["dates"], Some(b"yesterday\n"));
    assert!(String::from_utf8_lossy(&unresolved.stdout).contains("\"resolved\":false"));
}

#[test]
fn every_format_renders_the_seeds() {
    for format in ["json", "jsonl", "markdown", "html", "dot"] {
        let out = run(&["analyze", "--format", format, "data/seeds"], None);
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.len() > 1000, "{format} output too short");
    }
    let md = run(&["analyze", "--format", "markdown", "data/seeds"], None);
    assert!(String::from_utf8_lossy(&md.stdout).contains("torture"));
}

#[test]
fn a_missing_path_is_reported_and_sets_the_exit_code() {
    let out = run(&["analyze", "data/seeds", "no/such/file.txt"], None);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(
        v["documents"].as_array().map(Vec::len),
        Some(5),
        "the good documents are still analyzed"
    );
    let errors = v["errors"].to_string();
    insta::assert_snapshot!("missing_path_errors", errors);
}

#[test]
fn bad_usage_exits_with_two() {
    assert_eq!(run(&["analyze"], None).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"], None).status.code(), Some(2));
}

#[test]
fn a_bad_claims_line_is_fatal_with_its_line_number() {
    let out = run(&["compare", "-"], Some(b"{\"id\": 5}\n"));
    assert_eq!(out.status.code(), Some(3));
    insta::assert_snapshot!("bad_claims_line", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn documents_over_the_count_limit_are_listed_with_the_flag_to_raise_it() {
    let out = run(&["analyze", "--max-documents", "2", "data/seeds"], None);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(3));
    insta::assert_snapshot!("max_documents_errors", v["errors"].to_string());
}

#[test]
fn an_overlong_json_line_is_skipped_and_reported_with_its_line() {
    let dir = std::env::temp_dir().join(format!("claimdiff-cli-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("feed.jsonl");
    let line =
        |id: &str, text: &str| serde_json::json!({ "id": id, "text": text }).to_string() + "\n";
    let long = "The flood killed 12 people in the valley. ".repeat(200);
    let feed = line("a", "The flood killed 12 people on Monday, officials said.")
        + &line("b", &long)
        + &line("c", "The flood killed 12 people, the mayor said.");
    std::fs::write(&file, feed).unwrap_or_else(|e| panic!("{e}"));
    let path = file.display().to_string();
    let out = run(&["analyze", "--max-document-bytes", "2000", &path], None);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let ids: Vec<&str> = v["documents"]
        .as_array()
        .map(|d| d.iter().filter_map(|x| x["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        ids,
        ["a", "c"],
        "the lines around the long one are analyzed"
    );
    let errors = v["errors"].to_string().replace(&path, "FEED");
    insta::assert_snapshot!("overlong_json_line", errors);
}
