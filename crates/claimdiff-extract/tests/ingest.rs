//! Tests of the ingest area: every format and failure in `tests/data/ingest/` through one
//! data-driven `check` over `cases.tsv` (counts asserted, everything read snapshotted), plus
//! metadata files, in-memory parsing and a no-panic sweep over mangled inputs.
use std::{fmt::Write as _, path::PathBuf};

/// Panics with a message naming what was expected (tests only; clippy's `expect_used` is for
/// library code, and this keeps the failure message).
trait OrPanic<T> {
    fn or_panic(self, what: &str) -> T;
}

impl<T, E: std::fmt::Display> OrPanic<T> for Result<T, E> {
    fn or_panic(self, what: &str) -> T {
        self.unwrap_or_else(|e| panic!("{what}: {e}"))
    }
}

impl<T> OrPanic<T> for Option<T> {
    fn or_panic(self, what: &str) -> T {
        self.unwrap_or_else(|| panic!("{what}: missing"))
    }
}

use claimdiff_core::Document;
use claimdiff_extract::{
    apply_meta, format_for_path, load_paths, parse_bytes, parse_input, read_meta, stream_paths,
    stream_reader, Format, Loaded, ReadOptions,
};

/// What was read, as text, with the data folder's path replaced by `<data>` so that snapshots do
/// not depend on where the workspace lives.
fn summary(l: &Loaded) -> String {
    let mut out = String::new();
    for d in &l.documents {
        let _ = writeln!(out, "document {}", d.id);
        for (k, v) in [("source", &d.source), ("title", &d.title), ("url", &d.url)] {
            if let Some(v) = v {
                let _ = writeln!(out, "  {k}: {v}");
            }
        }
        if let Some(p) = d.published {
            let _ = writeln!(out, "  published: {p}");
        }
        for (k, v) in &d.metadata {
            let _ = writeln!(out, "  metadata {k}: {v}");
        }
        let _ = writeln!(out, "  text: {:?}", d.text);
    }
    for (path, e) in &l.errors {
        let _ = writeln!(out, "error {path}: {e}");
    }
    for (id, w) in &l.warnings {
        let _ = writeln!(out, "warning {id}: {w}");
    }
    let data = crate::data_path("ingest").display().to_string();
    out.replace(&data, "<data>")
}

/// Input errors, one `path | message` line each, for snapshots.
fn error_lines(errors: &[(String, claimdiff_extract::Error)]) -> String {
    errors
        .iter()
        .map(|(p, e)| format!("{p} | {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Loads one case and checks its counts; snapshots what was read.
fn check(name: &str, documents: usize, errors: usize, warnings: usize) {
    let loaded = load_paths(&[crate::data_path("ingest").join(name)]);
    let s = summary(&loaded);
    assert_eq!(loaded.documents.len(), documents, "{name}: documents\n{s}");
    assert_eq!(loaded.errors.len(), errors, "{name}: errors\n{s}");
    assert_eq!(loaded.warnings.len(), warnings, "{name}: warnings\n{s}");
    let snap = format!("ingest_{}", name.replace('.', "_"));
    insta::assert_snapshot!(snap, s);
}

#[test]
fn ingest_cases() {
    let table = std::fs::read_to_string(crate::data_path("ingest/cases.tsv")).or_panic("cases.tsv");
    let mut rows = 0;
    for line in table
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let [name, d, e, w] = cols.as_slice() else {
            panic!("bad row {line:?}")
        };
        let n = |s: &str| s.parse::<usize>().or_panic("count");
        check(name, n(d), n(e), n(w));
        rows += 1;
    }
    assert!(rows >= 15);
}

#[test]
fn ingest_folder_order_and_ids() {
    let loaded = load_paths(&[crate::data_path("ingest/folder")]);
    let ids: Vec<&str> = loaded.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    let seeds = load_paths(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/seeds")]);
    assert_eq!(seeds.documents.len(), 5);
    assert_eq!(seeds.documents[0].id, "000_60ecac8f6254c5d9");
    assert!(seeds.documents.windows(2).all(|w| w[0].id < w[1].id));
}

#[test]
fn ingest_empty_folder() {
    let dir = std::env::temp_dir().join(format!("claimdiff-ingest-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).or_panic("temp dir");
    let loaded = load_paths(std::slice::from_ref(&dir));
    let _ = std::fs::remove_dir(&dir);
    assert_eq!(loaded.documents.len(), 0);
    let messages: Vec<String> = loaded.errors.iter().map(|(_, e)| e.to_string()).collect();
    assert_eq!(messages, [format!("{}: empty folder", dir.display())]);
}

#[test]
fn ingest_format_for_path() {
    let table = [
        ("a.txt", Some(Format::Text)),
        ("a.TXT", Some(Format::Text)),
        ("a.md", Some(Format::Markdown)),
        ("a.markdown", Some(Format::Markdown)),
        ("a.html", Some(Format::Html)),
        ("a.htm", Some(Format::Html)),
        ("a.json", Some(Format::Json)),
        ("a.jsonl", Some(Format::JsonLines)),
        ("a.ndjson", Some(Format::JsonLines)),
        ("a.csv", None),
        ("README", None),
    ];
    for (p, f) in table {
        assert_eq!(format_for_path(std::path::Path::new(p)), f, "{p}");
    }
}

#[test]
fn ingest_parse_bytes() {
    let docs = parse_bytes("stdin", b"Plain text from a pipe.", Format::Text).or_panic("text");
    assert_eq!(docs, [Document::new("stdin", "Plain text from a pipe.")]);
    let lines = b"{\"text\": \"one\"}\nnot json\n{\"id\": \"x\", \"text\": \"two\"}\n";
    let docs = parse_bytes("stdin", lines, Format::JsonLines).or_panic("some lines load");
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["stdin:1", "x"]);
    let all = parse_input("-", "stdin", lines, Format::JsonLines);
    insta::assert_snapshot!("ingest_parse_input_errors", error_lines(&all.errors));
    let err = parse_bytes("stdin", b"", Format::Text)
        .err()
        .or_panic("empty");
    insta::assert_snapshot!("ingest_parse_bytes_empty", err.to_string());
    let err = parse_bytes("stdin", b"{\"text\": 5}", Format::Json)
        .err()
        .or_panic("wrong type");
    insta::assert_snapshot!("ingest_parse_bytes_wrong_type", err.to_string());
}

#[test]
fn ingest_meta_files() {
    let json = read_meta(&crate::data_path("ingest/meta.json")).or_panic("meta.json");
    let toml = read_meta(&crate::data_path("ingest/meta.toml")).or_panic("meta.toml");
    assert_eq!(json["a"], toml["a"]);
    insta::assert_snapshot!("ingest_meta_toml", format!("{toml:#?}"));
    let mut docs = load_paths(&[
        crate::data_path("ingest/many.json"),
        crate::data_path("ingest/one.json"),
    ])
    .documents;
    apply_meta(&mut docs, &json);
    let a = docs.iter().find(|d| d.id == "a").or_panic("a");
    assert_eq!(a.source.as_deref(), Some("Agency A"));
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2025-04-01")
    );
    let w = docs.iter().find(|d| d.id == "wire-1").or_panic("wire-1");
    assert_eq!(w.title.as_deref(), Some("Bridge reopens"));
    assert_eq!(
        w.source.as_deref(),
        Some("Wire Service"),
        "fields not given stay"
    );
    let data = crate::data_path("ingest").display().to_string();
    let errors: Vec<String> = ["bad_meta.toml", "bad_date_meta.json", "absent.json"]
        .iter()
        .map(|f| {
            read_meta(&crate::data_path("ingest").join(f))
                .err()
                .or_panic("bad meta")
                .to_string()
                .replace(&data, "<data>")
        })
        .collect();
    insta::assert_snapshot!("ingest_meta_errors", errors.join("\n"));
}

/// Truncated, spliced and byte-flipped versions of every sample, in every format: no panic.
#[test]
fn ingest_never_panics() {
    let dir = crate::data_path("ingest");
    let mut samples: Vec<Vec<u8>> = [
        "article.md",
        "page.html",
        "one.json",
        "many.json",
        "feed.jsonl",
        "latin1.txt",
    ]
    .iter()
    .map(|f| std::fs::read(dir.join(f)).or_panic("sample"))
    .collect();
    samples.push(b"[".repeat(100_000));
    samples.push(b"{\"a\":".repeat(50_000));
    samples.push("<div>".repeat(20_000).into_bytes());
    samples.push(b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x](y)".to_vec());
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let formats = [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Json,
        Format::JsonLines,
    ];
    for s in &samples {
        for _ in 0..20 {
            let mut b = s.clone();
            if !b.is_empty() {
                let cut = (next() as usize) % b.len();
                b.truncate(cut.max(1));
                let i = (next() as usize) % b.len();
                b[i] = (next() & 0xFF) as u8;
            }
            for f in formats {
                let _ = parse_input("fuzz", "fuzz", &b, f);
            }
        }
    }
}

#[test]
fn ingest_streamed_in_parts_reads_what_load_paths_reads() {
    let data = crate::data_path("ingest");
    let whole = summary(&load_paths(std::slice::from_ref(&data)));
    for batch in [1, 2, 3, 1000] {
        let mut options = ReadOptions::default();
        options.batch = batch;
        let mut parts = 0;
        let mut joined = Loaded::default();
        stream_paths(std::slice::from_ref(&data), &options, |part| {
            parts += 1;
            joined.documents.extend(part.documents);
            joined.errors.extend(part.errors);
            joined.warnings.extend(part.warnings);
        });
        assert!(parts > 1, "read in parts");
        assert_eq!(summary(&joined), whole, "batch {batch}");
    }
}

/// A reader that hands out at most `step` bytes a call, so reads cut lines, and the white space
/// before the first byte, anywhere.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        let (head, rest) = self.bytes.split_at(n);
        buf[..n].copy_from_slice(head);
        self.bytes = rest;
        Ok(n)
    }
}

/// Every input file read as a stream gives what parsing its bytes whole in the sniffed format
/// gives (`{` JSON lines, `[` JSON, `<` HTML, else text), however the stream is cut and batched.
#[test]
fn ingest_stream_reader_reads_what_whole_parsing_reads() {
    let dir = crate::data_path("ingest");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .or_panic("ingest data")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut streamed_lines = 0;
    for path in &files {
        let bytes = std::fs::read(path).or_panic("read");
        let format = match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => Format::JsonLines,
            Some(b'[') => Format::Json,
            Some(b'<') => Format::Html,
            _ => Format::Text,
        };
        let whole = summary(&parse_input("-", "stdin", &bytes, format));
        for (step, batch) in [(1, 1), (3, 2), (1 << 20, 512)] {
            let mut options = ReadOptions::default();
            options.batch = batch;
            let mut parts = 0;
            let mut joined = Loaded::default();
            stream_reader(
                "-",
                "stdin",
                Trickle {
                    bytes: &bytes,
                    step,
                },
                &options,
                |part| {
                    parts += 1;
                    joined.documents.extend(part.documents);
                    joined.errors.extend(part.errors);
                    joined.warnings.extend(part.warnings);
                },
            );
            assert_eq!(
                summary(&joined),
                whole,
                "{} step {step} batch {batch}",
                path.display()
            );
            if format == Format::JsonLines && batch == 1 && parts > 2 {
                streamed_lines += 1;
            }
        }
    }
    assert!(
        streamed_lines > 0,
        "some JSON-lines file was handed on in parts"
    );
}

/// A stream over the size limit is reported with its whole size, without being held.
#[test]
fn ingest_stream_reader_limits_a_document_by_size() {
    let text = "word ".repeat(1_000);
    let mut options = ReadOptions::default();
    options.max_document_bytes = 1_000;
    let mut read = Loaded::default();
    let input = Trickle {
        bytes: text.as_bytes(),
        step: 7,
    };
    stream_reader("-", "stdin", input, &options, |part| {
        read.documents.extend(part.documents);
        read.errors.extend(part.errors);
    });
    assert!(read.documents.is_empty());
    insta::assert_snapshot!("ingest_stream_size_limit", error_lines(&read.errors));
}

#[test]
fn ingest_limits_files_and_json_lines_by_size() {
    let dir = std::env::temp_dir().join(format!("claimdiff-ingest-limit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).or_panic("temp dir");
    let long = "word ".repeat(400);
    std::fs::write(dir.join("big.txt"), &long).or_panic("write");
    std::fs::write(dir.join("small.txt"), "A short article.").or_panic("write");
    let lines = format!(
        "{{\"id\": \"a\", \"text\": \"One.\"}}\n{{\"id\": \"b\", \"text\": \"{long}\"}}\n{{\"id\": \"c\", \"text\": \"Three.\"}}\n"
    );
    std::fs::write(dir.join("feed.jsonl"), lines).or_panic("write");
    let mut options = ReadOptions::default();
    options.max_document_bytes = 1_000;
    let mut read = Loaded::default();
    stream_paths(std::slice::from_ref(&dir), &options, |part| {
        read.documents.extend(part.documents);
        read.errors.extend(part.errors);
    });
    let _ = std::fs::remove_dir_all(&dir);
    let ids: Vec<&str> = read.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "c", "small"]);
    let errors: Vec<String> = read
        .errors
        .iter()
        .map(|(p, e)| {
            format!("{} | {e}", p.replace(&dir.display().to_string(), "<dir>"))
                .replace(&dir.display().to_string(), "<dir>")
        })
        .collect();
    insta::assert_snapshot!("ingest_size_limits", errors.join("\n"));
}
