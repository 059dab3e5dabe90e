//! Per pair of documents that share a finding: how many findings they agree on, are compatible
//! on, and conflict on. Never over all pairs of documents (a feed of 100,000 documents has 5·10⁹
//! of those): each document's row is tallied on its own, from the findings it is in, in parallel.
use std::collections::BTreeMap;

use claimdiff_core::{Finding, SourcePair, Verdict};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::findings::DocSide;

/// The documents of one finding, by number, and what each pair of them counts as.
#[derive(Debug)]
pub(crate) struct Shared {
    verdict: Verdict,
    /// The documents of the finding's claims (read from the claim ids), ascending, each once.
    docs: Vec<usize>,
    /// For a conflict, the side each of `docs` is on.
    sides: Vec<Option<DocSide>>,
}

impl Shared {
    /// The documents of `finding`; `sides` is its draft's side per document.
    pub(crate) fn new(
        finding: &Finding,
        sides: &BTreeMap<String, DocSide>,
        doc_no: &FxHashMap<&str, usize>,
        doc_names: &[&String],
    ) -> Shared {
        let mut docs: Vec<usize> = finding
            .claims
            .iter()
            .filter_map(|id| id.rsplit_once(":c").map(|(doc, _)| doc))
            .filter_map(|doc| doc_no.get(doc).copied())
            .collect();
        docs.sort_unstable();
        docs.dedup();
        let sides = if finding.verdict == Verdict::Conflict {
            docs.iter()
                .map(|&d| {
                    doc_names
                        .get(d)
                        .and_then(|n| sides.get(n.as_str()))
                        .copied()
                })
                .collect()
        } else {
            Vec::new()
        };
        Shared {
            verdict: finding.verdict,
            docs,
            sides,
        }
    }

    /// The tally the pair of `docs[x]` and `docs[y]` adds to: agreement, compatible or
    /// conflict. Two documents on one side of a conflict agree.
    fn slot(&self, x: usize, y: usize) -> usize {
        match self.verdict {
            Verdict::Agreement => 0,
            Verdict::Compatible => 1,
            Verdict::Conflict => {
                let side = |i: usize| self.sides.get(i).copied().flatten();
                if DocSide::opposed(side(x), side(y)) {
                    2
                } else {
                    0
                }
            }
        }
    }
}

/// The pairs of documents that share a finding, ordered by document numbers; `doc_names` are
/// the documents in that order.
pub(crate) fn tally(shared: &[Shared], doc_names: &[&String]) -> Vec<SourcePair> {
    // Where each document is: (finding, position among the finding's documents).
    let mut places: Vec<Vec<(usize, usize)>> = vec![Vec::new(); doc_names.len()];
    for (f, s) in shared.iter().enumerate() {
        for (x, &d) in s.docs.iter().enumerate() {
            if let Some(p) = places.get_mut(d) {
                p.push((f, x));
            }
        }
    }
    let rows: Vec<Vec<SourcePair>> = places
        .par_iter()
        .enumerate()
        .map_init(
            || Row::new(doc_names.len()),
            |row, (a, at)| {
                for &(f, x) in at {
                    let Some(s) = shared.get(f) else {
                        continue;
                    };
                    // Each pair once: from its first document.
                    for (y, &b) in s.docs.iter().enumerate().skip(x + 1) {
                        row.add(b, s.slot(x, y));
                    }
                }
                row.drain(a, doc_names)
            },
        )
        .collect();
    // Sized exactly, and each row freed as soon as it is moved: the pairs are held about once.
    let mut out = Vec::with_capacity(rows.iter().map(Vec::len).sum());
    for row in rows {
        out.extend(row);
    }
    out
}

/// The tallies of one document with every other, dense (one slot per document), reused from row
/// to row: only the documents touched are read back and cleared.
struct Row {
    counts: Vec<[usize; 3]>,
    touched: Vec<usize>,
}

impl Row {
    fn new(documents: usize) -> Row {
        Row {
            counts: vec![[0; 3]; documents],
            touched: Vec::new(),
        }
    }

    fn add(&mut self, b: usize, slot: usize) {
        let Some(c) = self.counts.get_mut(b) else {
            return;
        };
        if *c == [0; 3] {
            self.touched.push(b);
        }
        if let Some(n) = c.get_mut(slot) {
            *n += 1;
        }
    }

    /// The pairs of document `a` with those it shares a finding with, by document number; the
    /// row is left empty.
    fn drain(&mut self, a: usize, doc_names: &[&String]) -> Vec<SourcePair> {
        self.touched.sort_unstable();
        let Some(name_a) = doc_names.get(a) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(self.touched.len());
        for b in self.touched.drain(..) {
            let Some(c) = self.counts.get_mut(b) else {
                continue;
            };
            let [agree, compatible, conflict] = std::mem::take(c);
            if let Some(name_b) = doc_names.get(b) {
                out.push(SourcePair {
                    a: (*name_a).clone(),
                    b: (*name_b).clone(),
                    agree,
                    compatible,
                    conflict,
                });
            }
        }
        out
    }
}
