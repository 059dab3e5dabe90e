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
