//! The whole pipeline: documents → extraction (in parallel) → entity merging → comparison →
//! report.
use std::collections::{BTreeMap, BTreeSet};

use claimdiff_compare::{compare, CompareConfig};
use claimdiff_core::{Claim, Document, ErrorEntry, Report, Value};
use claimdiff_extract::{extract, merge_entities, ExtractConfig, Extraction, Lexicon, Loaded};
use rayon::prelude::*;

use crate::error::Result;

/// Options of a whole analysis.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Extraction options.
    pub extract: ExtractConfig,
    /// Comparison options.
    pub compare: CompareConfig,
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

    /// Analyzes documents. The report is the same whatever their order or the thread count.
    pub fn analyze(&self, documents: &[Document]) -> Report {
        self.analyze_loaded(Loaded {
            documents: documents.to_vec(),
            errors: Vec::new(),
            warnings: Vec::new(),
        })
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
        let Loaded {
            mut documents,
            errors,
            warnings,
        } = loaded;
        documents.sort_by(|a, b| a.id.cmp(&b.id).then(a.text.cmp(&b.text)));
        let mut extra_warnings: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (id, w) in warnings {
            extra_warnings.entry(id).or_default().push(w);
        }
        // Two documents with one id stay two documents: the later ones get a suffix.
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for d in &mut documents {
            let n = seen.entry(d.id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                let new_id = format!("{}~{}", d.id, n);
                extra_warnings
                    .entry(new_id.clone())
                    .or_default()
                    .push(format!(
                        "duplicate document id {:?}; renamed {:?}",
                        d.id, new_id
                    ));
                d.id = new_id;
            }
        }
        let mut extractions: Vec<Extraction> = documents
            .par_iter()
            .map(|d| {
                let x = extract(d, &self.lexicon, &self.config.extract);
                on_document();
                x
            })
            .collect();
        for x in &mut extractions {
            if let Some(w) = extra_warnings.remove(&x.summary.id) {
                x.summary.warnings.extend(w);
            }
        }
        let mut errors: Vec<ErrorEntry> = errors
            .into_iter()
            .map(|(path, e)| ErrorEntry {
                path,
                message: e.to_string(),
            })
            .collect();
        for (id, ws) in extra_warnings {
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

    /// Claims of the extractions, with entity ids merged across documents.
    pub fn merged_claims(
        &self,
        extractions: &[Extraction],
    ) -> (Vec<claimdiff_core::Entity>, Vec<Claim>) {
        let mut all = Vec::new();
        let mut seen = BTreeSet::new();
        for x in extractions {
            for e in &x.entities {
                if seen.insert(e.id.clone()) {
                    all.push(e.clone());
                }
            }
        }
        let (mut entities, map) = merge_entities(all);
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        let remap = |id: &mut String| {
            if let Some(n) = map.get(id.as_str()) {
                id.clone_from(n);
            }
        };
        let mut claims = Vec::new();
        for x in extractions {
            for c in &x.claims {
                let mut c = c.clone();
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
                claims.push(c);
            }
        }
        (entities, claims)
    }

    /// Compares extractions and assembles the report.
    pub fn report(&self, extractions: Vec<Extraction>, errors: Vec<ErrorEntry>) -> Report {
        let (entities, claims) = self.merged_claims(&extractions);
        let comparison = compare(&claims, &self.lexicon, &self.config.compare);
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
