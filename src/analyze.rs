//! The whole pipeline: documents → extraction (in parallel) → entity merging → comparison →
//! report.
use std::collections::BTreeMap;

use claimdiff_compare::{compare_with_sources, CompareConfig, SourceGroups};
use claimdiff_core::{Claim, Document, ErrorEntry, Report, Value};
use std::hash::{BuildHasher, Hasher};

use claimdiff_extract::{
    extract, merge_entities, ExtractConfig, Extraction, Lexicon, Loaded, ReadOptions,
};
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::error::Result;

/// Options of a whole analysis.
#[derive(Clone, Debug)]
pub struct Config {
    /// Extraction options.
    pub extract: ExtractConfig,
    /// Comparison options.
    pub compare: CompareConfig,
    /// Reading limits (the largest document) and the size of the parts a feed is read in.
    pub read: ReadOptions,
    /// At most this many documents are analyzed; the rest are listed in the report's errors.
    pub max_documents: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            extract: ExtractConfig::default(),
            compare: CompareConfig::default(),
            read: ReadOptions::default(),
            max_documents: 1_000_000,
        }
    }
}

/// Runs the pipeline with one compiled lexicon.
#[derive(Debug)]
pub struct Analyzer {
    lexicon: Lexicon,
    config: Config,
}

/// Analyzes documents with the embedded lexicon: the one-call API.
pub fn analyze(documents: &[Document], config: &Config) -> Result<Report> {
    Ok(Analyzer::new(Lexicon::embedded()?, config.clone()).analyze(documents))
}

impl Analyzer {
    /// An analyzer with a lexicon (see [`Lexicon::builder`] to add user data files).
    pub fn new(lexicon: Lexicon, config: Config) -> Analyzer {
        Analyzer { lexicon, config }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The options in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Analyzes documents. The report is the same whatever their order or the thread count.
    pub fn analyze(&self, documents: &[Document]) -> Report {
        // Extracted where they are: the documents are not copied.
        let mut collector = self.collector(&|| {});
        collector.add_documents(documents);
        let (extractions, errors) = collector.finish();
        self.report(extractions, errors)
    }

    /// Analyzes what [`claimdiff_extract::load_paths`] read, reporting its errors and warnings.
    pub fn analyze_loaded(&self, loaded: Loaded) -> Report {
        let (extractions, errors) = self.extract_loaded(loaded);
        self.report(extractions, errors)
    }

    /// Extracts every document (in parallel), with ids made unique and inputs sorted by id.
    pub fn extract_loaded(&self, loaded: Loaded) -> (Vec<Extraction>, Vec<ErrorEntry>) {
        self.extract_loaded_with_progress(loaded, &|| {})
    }

    /// As [`Analyzer::extract_loaded`], calling `on_document` after each document (from any
    /// thread), for progress bars.
    pub fn extract_loaded_with_progress(
        &self,
        loaded: Loaded,
        on_document: &(dyn Fn() + Sync),
    ) -> (Vec<Extraction>, Vec<ErrorEntry>) {
        let mut collector = self.collector(on_document);
        collector.add(loaded);
        collector.finish()
    }

    /// A collector that extracts documents part by part as they are read (see
    /// [`claimdiff_extract::stream_paths`]) and keeps only what extraction found: memory is
    /// bounded by the claims, not by the text.
    pub fn collector<'a>(&'a self, on_document: &'a (dyn Fn() + Sync)) -> Collector<'a> {
        Collector {
            analyzer: self,
            on_document,
            done: Vec::new(),
            errors: Vec::new(),
            warnings: BTreeMap::new(),
            documents: 0,
        }
    }

    /// Claims of the extractions, with entity ids merged across documents.
    pub fn merged_claims(
        &self,
        extractions: &[Extraction],
    ) -> (Vec<claimdiff_core::Entity>, Vec<Claim>) {
        merge_ids(
            extractions.iter().map(|x| x.entities.clone()).collect(),
            extractions.iter().flat_map(|x| x.claims.iter().cloned()),
        )
    }

    /// Compares extractions and assembles the report.
    pub fn report(&self, mut extractions: Vec<Extraction>, errors: Vec<ErrorEntry>) -> Report {
        // The claims move out of the extractions: one copy of each claim at a time.
        let (per_document, mut claims) = take_parts(&mut extractions);
        // Sources are grouped while entity ids merge: the groups only read documents and quotes.
        let ((entities, map), sources) = rayon::join(
            || merge_first_of_ids(per_document),
            || SourceGroups::of(&claims, &self.config.compare),
        );
        remap_claims(&mut claims, &map);
        let comparison =
            compare_with_sources(claims, &sources, &self.lexicon, &self.config.compare);
        let mut report = Report::new();
        report.documents = extractions
            .into_iter()
            .map(|x| {
                let mut s = x.summary;
                s.unique_claims = comparison.unique_claims.get(&s.id).copied().unwrap_or(0);
                s
            })
            .collect();
        report.entities = entities;
        report.events = comparison.events;
        report.claims = comparison.claims;
        report.findings = comparison.findings;
        report.sources = comparison.sources;
        report.errors = errors;
        report
    }
}

/// Extracts documents part by part (see [`Analyzer::collector`]). The result does not depend on
/// the order the parts come in, nor on how they are cut.
pub struct Collector<'a> {
    analyzer: &'a Analyzer,
    on_document: &'a (dyn Fn() + Sync),
    /// Extractions with a hash of their document's text (to order documents that share an id).
    done: Vec<(u64, Extraction)>,
    errors: Vec<ErrorEntry>,
    warnings: BTreeMap<String, Vec<String>>,
    documents: usize,
}

impl std::fmt::Debug for Collector<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Collector")
            .field("documents", &self.documents)
            .field("errors", &self.errors.len())
            .finish_non_exhaustive()
    }
}

impl Collector<'_> {
    /// Extracts one part of the input (in parallel) and drops its text.
    pub fn add(&mut self, part: Loaded) {
        let Loaded {
            documents,
            errors,
            warnings,
        } = part;
        for (path, e) in errors {
            self.errors.push(ErrorEntry {
                path,
                message: e.to_string(),
            });
        }
        for (id, w) in warnings {
            self.warnings.entry(id).or_default().push(w);
        }
        self.add_documents(&documents);
    }

    /// Extracts documents read elsewhere (in parallel), as [`Collector::add`] does.
    pub fn add_documents(&mut self, documents: &[Document]) {
        let config = &self.analyzer.config;
        let mut kept = Vec::with_capacity(documents.len());
        for d in documents {
            let size = d.text.len() as u64;
            if self.documents >= config.max_documents {
                self.errors.push(ErrorEntry {
                    path: d.id.clone(),
                    message: format!(
                        "not analyzed: over the limit of {} documents (raise it with --max-documents)",
                        config.max_documents
                    ),
                });
            } else if size > config.read.max_document_bytes {
                self.errors.push(ErrorEntry {
                    path: d.id.clone(),
                    message: claimdiff_extract::Error::TooLarge {
                        path: d.id.clone().into(),
                        size,
                        limit: config.read.max_document_bytes,
                    }
                    .to_string(),
                });
            } else {
                self.documents += 1;
                kept.push(d);
            }
        }
        let lexicon = &self.analyzer.lexicon;
        let on_document = self.on_document;
        let extracted: Vec<(u64, Extraction)> = kept
            .par_iter()
            .map(|d| {
                let mut h = rustc_hash::FxHasher::default();
                h.write(d.text.as_bytes());
                let x = extract(d, lexicon, &config.extract);
                on_document();
                (h.finish(), x)
            })
            .collect();
        self.done.extend(extracted);
    }

    /// The extractions sorted by document id (two documents with one id stay two: the later
    /// ones, by text, get a suffix `~2`…), and every error and warning.
    pub fn finish(self) -> (Vec<Extraction>, Vec<ErrorEntry>) {
        let Collector {
            mut done,
            mut errors,
            mut warnings,
            ..
        } = self;
        done.sort_by(|a, b| a.1.summary.id.cmp(&b.1.summary.id).then(a.0.cmp(&b.0)));
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut extractions = Vec::with_capacity(done.len());
        for (_, mut x) in done {
            let id = x.summary.id.clone();
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                let new_id = format!("{id}~{n}");
                x.rename(&new_id);
                warnings
                    .entry(new_id.clone())
                    .or_default()
                    .push(format!("duplicate document id {id:?}; renamed {new_id:?}"));
            }
            extractions.push(x);
        }
        for x in &mut extractions {
            if let Some(w) = warnings.remove(&x.summary.id) {
                x.summary.warnings.extend(w);
            }
        }
        for (id, ws) in warnings {
            for w in ws {
                errors.push(ErrorEntry {
                    path: id.clone(),
                    message: format!("warning: {w}"),
                });
            }
        }
        errors.sort();
        (extractions, errors)
    }
}

/// The entities (per document) and the claims (in one list) of the extractions, moved out of
/// them; their events are dropped.
fn take_parts(extractions: &mut [Extraction]) -> (Vec<Vec<claimdiff_core::Entity>>, Vec<Claim>) {
    extractions
        .par_iter_mut()
        .for_each(|x| x.events = Vec::new());
    let entities = extractions
        .iter_mut()
        .map(|x| std::mem::take(&mut x.entities))
        .collect();
    let mut claims = Vec::with_capacity(extractions.iter().map(|x| x.claims.len()).sum());
    for x in extractions.iter_mut() {
        // Taken, not appended from: each document's vector is freed now, not with the
        // extractions after the comparison.
        claims.extend(std::mem::take(&mut x.claims));
    }
    (entities, claims)
}

/// Entities merged across documents (first of each id kept, then aliases joined), and the claims
/// with their entity ids rewritten to the merged ones.
fn merge_ids(
    per_document: Vec<Vec<claimdiff_core::Entity>>,
    claims: impl IntoIterator<Item = Claim>,
) -> (Vec<claimdiff_core::Entity>, Vec<Claim>) {
    let (entities, map) = merge_first_of_ids(per_document);
    let mut claims: Vec<Claim> = claims.into_iter().collect();
    // In place; the order is kept.
    remap_claims(&mut claims, &map);
    (entities, claims)
}

/// Entities merged across documents (the first of each id kept, in document order, then aliases
/// joined), sorted by id, and the map from every old id to its merged one.
///
/// The entities are filtered per document in parallel, so the many repeated ones (a place named
/// in every document) are dropped in parallel and only the first ones are moved.
fn merge_first_of_ids(
    per_document: Vec<Vec<claimdiff_core::Entity>>,
) -> (Vec<claimdiff_core::Entity>, BTreeMap<String, String>) {
    let keep = first_of_each_id(&per_document);
    let firsts: Vec<Vec<claimdiff_core::Entity>> = per_document
        .into_par_iter()
        .zip(keep)
        .map(|(es, keep)| {
            let mut keep = keep.into_iter().peekable();
            es.into_iter()
                .enumerate()
                .filter_map(|(i, e)| keep.next_if_eq(&i).map(|_| e))
                .collect()
        })
        .collect();
    let all: Vec<_> = firsts.into_iter().flatten().collect();
    let (mut entities, map) = merge_entities(all);
    entities.sort_by(|a, b| a.id.cmp(&b.id));
    (entities, map)
}

/// For each document, the positions (increasing) of its entities that are the first of their
/// id, in document then position order.
///
/// Worked out in parallel: the entities are numbered by a hash of their id, the numbers sorted,
/// and the entities sharing a hash confirmed by their ids (a collision never joins two ids).
fn first_of_each_id(per_document: &[Vec<claimdiff_core::Entity>]) -> Vec<Vec<usize>> {
    first_of_each_id_by(per_document, |id| FxBuildHasher.hash_one(id))
}

/// As [`first_of_each_id`], with the hash of ids given (the tests give a poor one, to exercise
/// ids told apart by their text).
fn first_of_each_id_by(
    per_document: &[Vec<claimdiff_core::Entity>],
    hash: impl Fn(&str) -> u64 + Sync,
) -> Vec<Vec<usize>> {
    let id = |d: usize, i: usize| Some(per_document.get(d)?.get(i)?.id.as_str());
    let mut keyed: Vec<(u64, usize, usize)> = per_document
        .par_iter()
        .enumerate()
        .flat_map_iter(|(d, es)| {
            let hash = &hash;
            es.iter()
                .enumerate()
                .map(move |(i, e)| (hash(e.id.as_str()), d, i))
        })
        .collect();
    keyed.par_sort_unstable();
    let mut firsts: Vec<(usize, usize)> = keyed
        .par_chunk_by(|a, b| a.0 == b.0)
        .flat_map_iter(|run| {
            // In (document, position) order: the first of each id is the first of its run.
            let mut run: Vec<(Option<&str>, usize, usize)> =
                run.iter().map(|&(_, d, i)| (id(d, i), d, i)).collect();
            let head = run.first().map(|x| x.0);
            if run.iter().any(|x| Some(x.0) != head) {
                run.sort_unstable();
            }
            run.dedup_by(|later, first| later.0 == first.0);
            run.into_iter().map(|(_, d, i)| (d, i))
        })
        .collect();
    firsts.par_sort_unstable();
    let mut rest = firsts.as_slice();
    (0..per_document.len())
        .map(|d| {
            let n = rest.partition_point(|&(doc, _)| doc == d);
            let (own, later) = rest.split_at(n);
            rest = later;
            own.iter().map(|&(_, i)| i).collect()
        })
        .collect()
}

/// Rewrites the entity ids of the claims to the merged ones of `map`, in parallel (each claim's
/// entities sorted and distinct after). Looked up in a hash map of the ids that change: most do
/// not, and hashing beats walking a tree of strings.
fn remap_claims(claims: &mut [Claim], map: &BTreeMap<String, String>) {
    let changed: FxHashMap<&str, &str> = map
        .iter()
        .filter(|(old, new)| old != new)
        .map(|(old, new)| (old.as_str(), new.as_str()))
        .collect();
    claims.par_iter_mut().for_each(|c| remap_claim(c, &changed));
}

/// Rewrites the entity ids of a claim by `changed` (entities sorted, distinct after).
fn remap_claim(c: &mut Claim, changed: &FxHashMap<&str, &str>) {
    let remap = |id: &mut String| {
        if let Some(&n) = changed.get(id.as_str()) {
            n.clone_into(id);
        }
    };
    c.entities.iter_mut().for_each(remap);
    c.entities.sort();
    c.entities.dedup();
    if let Some(p) = c.place.as_mut() {
        remap(p);
    }
    if let Some(s) = c.speaker_entity.as_mut() {
        remap(s);
    }
    if let Value::Entity { id, .. } = &mut c.value {
        remap(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimdiff_core::{Entity, EntityKind};
    use proptest::prelude::*;

    /// The plain definition: one set of the ids seen, in document then position order.
    fn first_of_each_id_plain(per_document: &[Vec<Entity>]) -> Vec<Vec<usize>> {
        let mut seen = std::collections::BTreeSet::new();
        per_document
            .iter()
            .map(|es| {
                (0..es.len())
                    .filter(|&i| seen.insert(es[i].id.as_str()))
                    .collect()
            })
            .collect()
    }

    proptest! {
        #[test]
        fn first_of_each_id_is_the_first_seen(
            ids in proptest::collection::vec(proptest::collection::vec("[abc]{0,3}", 0..8), 0..12)
        ) {
            let per_document: Vec<Vec<Entity>> = ids
                .iter()
                .map(|doc| {
                    doc.iter()
                        .map(|id| Entity {
                            id: id.clone(),
                            name: id.clone(),
                            kind: EntityKind::Other,
                            aliases: Vec::new(),
                            within: None,
                        })
                        .collect()
                })
                .collect();
            let plain = first_of_each_id_plain(&per_document);
            prop_assert_eq!(&first_of_each_id(&per_document), &plain);
            // Ids that share a hash are told apart by their text.
            prop_assert_eq!(&first_of_each_id_by(&per_document, |id| (id.len() % 2) as u64), &plain);
        }
    }
}
