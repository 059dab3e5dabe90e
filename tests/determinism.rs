//! The report is byte-identical whatever the order of the inputs or the thread count.
use crate::{analyze_paths, json, root};

#[test]
fn same_report_for_any_path_order_and_thread_count() {
    let seeds = root().join("data/seeds");
    let mut files: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let folder = json(&analyze_paths(&[seeds]));
    let forward = json(&analyze_paths(&files));
    files.reverse();
    let backward = json(&analyze_paths(&files));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let single = pool.install(|| json(&analyze_paths(&files)));
    assert_eq!(folder, forward);
    assert_eq!(forward, backward);
    assert_eq!(forward, single);
}

/// The seeds and the stories, read as one list of documents.
fn all_documents() -> Vec<claimdiff::Document> {
    let mut paths = vec![root().join("data/seeds")];
    for story in ["quake", "election", "ferry"] {
        let dir = root().join("tests/data/stories").join(story);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| {
                    ["txt", "md", "html", "jsonl"].contains(&x.to_str().unwrap_or(""))
                })
            })
            .collect();
        files.sort();
        paths.extend(files);
    }
    claimdiff::extract::load_paths(&paths).documents
}

/// Extracts the documents in parts of `size`, in the order given, and reports.
fn report_in_parts(docs: &[claimdiff::Document], size: usize) -> String {
    let lexicon =
        claimdiff::extract::Lexicon::embedded().unwrap_or_else(|e| panic!("lexicon: {e}"));
    let analyzer = claimdiff::Analyzer::new(lexicon, claimdiff::Config::default());
    let mut collector = analyzer.collector(&|| {});
    for part in docs.chunks(size.max(1)) {
        collector.add(claimdiff::extract::Loaded {
            documents: part.to_vec(),
            ..Default::default()
        });
    }
    let (extractions, errors) = collector.finish();
    json(&analyzer.report(extractions, errors))
}

#[test]
fn same_report_however_a_stream_is_cut_and_ordered() {
    let mut docs = all_documents();
    assert!(docs.len() > 20, "{} documents", docs.len());
    // Two documents with one id (a wire story carried twice, a little apart).
    let mut twin = docs[0].clone();
    twin.text.push_str("\n\nThis article was updated.");
    docs.push(twin);
    let whole = report_in_parts(&docs, usize::MAX);
    assert_eq!(whole, report_in_parts(&docs, 1));
    assert_eq!(whole, report_in_parts(&docs, 7));
    docs.reverse();
    assert_eq!(whole, report_in_parts(&docs, 3));
    docs.rotate_left(11);
    assert_eq!(whole, report_in_parts(&docs, 5));
    let report: serde_json::Value = serde_json::from_str(&whole).unwrap_or_default();
    let renamed = report["errors"].to_string() + &report["documents"].to_string();
    assert!(
        renamed.contains("duplicate document id"),
        "the second document with one id is renamed with a warning"
    );
}

#[test]
fn documents_over_the_limit_are_listed_not_lost() {
    let docs = all_documents();
    let lexicon =
        claimdiff::extract::Lexicon::embedded().unwrap_or_else(|e| panic!("lexicon: {e}"));
    let mut config = claimdiff::Config {
        max_documents: 4,
        ..Default::default()
    };
    config.read.max_document_bytes = 3_000;
    let analyzer = claimdiff::Analyzer::new(lexicon, config);
    let report = analyzer.analyze(&docs);
    let big = docs.iter().filter(|d| d.text.len() > 3_000).count();
    assert!(big > 0 && big < docs.len());
    // Every document is either analyzed or in the errors, with the limit named.
    assert_eq!(report.documents.len() + report.errors.len(), docs.len());
    assert!(report.documents.len() <= 4);
    let messages: Vec<&str> = report.errors.iter().map(|e| e.message.as_str()).collect();
    assert!(messages
        .iter()
        .all(|m| m.contains("--max-documents") || m.contains("--max-document-bytes")));
    let too_large = messages
        .iter()
        .filter(|m| m.contains("--max-document-bytes"))
        .count();
    assert!(too_large >= 1 && too_large <= big, "{too_large} of {big}");
    assert!(messages
        .iter()
        .any(|m| m.contains("over the limit of 4 documents")));
}
