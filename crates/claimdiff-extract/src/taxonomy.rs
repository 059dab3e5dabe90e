//! Category taxonomies: phrases mapped to paths, is-a by path prefix, declared exclusivity.
use std::collections::BTreeSet;

use crate::{
    error::Result,
    lexicon::{lexicon_error, Sources},
    matcher::{kind_matches, split_list, PhraseMatch},
};

const FILE: &str = "taxonomy.tsv";

/// How two category values relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CategoryRelation {
    /// The same path.
    Same,
    /// The first is more general than the second (`cause/hostile` covers `cause/hostile/missile`).
    Broader,
    /// The first is more specific than the second.
    Narrower,
    /// Different, but both can hold (siblings under a node whose children are not exclusive).
    Compatible,
    /// Alternatives that cannot both hold (children of an exclusive node).
    Conflict,
}

/// One taxonomy entry: a path, the attribute it fills and the event kinds it applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaxonomyEntry {
    /// The path (`cause/natural/heart-failure`).
    pub path: String,
    /// The attribute it fills (`cause`).
    pub attribute: String,
    /// Event kind patterns it applies to (`Life.Die`, `Disaster.*`).
    pub kinds: Vec<String>,
}

impl TaxonomyEntry {
    /// True when the entry applies to events of `kind`.
    pub fn applies_to(&self, kind: &str) -> bool {
        self.kinds.iter().any(|p| kind_matches(p, kind))
    }
}

/// Category phrases and paths (`cause/natural/heart-failure`), with exclusive branches.
#[derive(Debug, Default)]
pub struct Taxonomy {
    entries: Vec<TaxonomyEntry>,
    /// Category phrases (searched through [`crate::Lexicon`]'s sentence phrases).
    phrases: Vec<String>,
    phrase_entry: Vec<usize>,
    exclusive: BTreeSet<String>,
    compatible: Vec<(String, String)>,
    /// Causal phrases ("because of"), each as its words, split once at load.
    causal: Vec<Vec<String>>,
}

/// A category phrase found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CategoryMatch<'a> {
    pub start: usize,
    pub end: usize,
    pub entry: &'a TaxonomyEntry,
}

impl Taxonomy {
    pub(crate) fn load(s: &Sources) -> Result<Taxonomy> {
        let mut t = Taxonomy::default();
        let mut phrases = Vec::new();
        for (origin, line_no, line) in s.lines(FILE) {
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            match fields.first().copied() {
                Some("!exclusive") => {
                    let path = fields.get(1).copied().unwrap_or_default();
                    if path.is_empty() {
                        return Err(lexicon_error(origin, line_no, "!exclusive needs a path"));
                    }
                    t.exclusive.insert(path.to_string());
                }
                Some("!compatible") => match (fields.get(1), fields.get(2)) {
                    (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => {
                        t.compatible.push((a.to_string(), b.to_string()));
                    }
                    _ => {
                        return Err(lexicon_error(
                            origin,
                            line_no,
                            "!compatible needs two paths",
                        ))
                    }
                },
                Some("!causal") => {
                    let list: Vec<String> = fields
                        .get(1)
                        .map(|f| split_list(f).map(str::to_ascii_lowercase).collect())
                        .unwrap_or_default();
                    if list.is_empty() {
                        return Err(lexicon_error(origin, line_no, "!causal needs phrases"));
                    }
                    t.causal.extend(
                        list.iter()
                            .map(|p| p.split_whitespace().map(str::to_string).collect()),
                    );
                }
                Some(d) if d.starts_with('!') => {
                    return Err(lexicon_error(
                        origin,
                        line_no,
                        format!("unknown directive {d}"),
                    ));
                }
                _ => {
                    if fields.len() < 4 {
                        return Err(lexicon_error(
                            origin,
                            line_no,
                            "expected PATH, ATTRIBUTE, EVENT KINDS and PHRASES separated by tabs",
                        ));
                    }
                    let entry = TaxonomyEntry {
                        path: fields[0].trim_matches('/').to_string(),
                        attribute: fields[1].to_string(),
                        kinds: split_list(fields[2]).map(str::to_string).collect(),
                    };
                    let index = match t.entries.iter().position(|e| e.path == entry.path) {
                        Some(i) => i,
                        None => {
                            t.entries.push(entry);
                            t.entries.len() - 1
                        }
                    };
                    for p in split_list(fields[3]) {
                        phrases.push(p.to_ascii_lowercase());
                        t.phrase_entry.push(index);
                    }
                }
            }
        }
        t.phrases = phrases;
        Ok(t)
    }

    /// The category phrases, for one search over a document.
    pub(crate) fn phrases(&self) -> &[String] {
        &self.phrases
    }

    /// The categories among matches of the category phrases.
    pub(crate) fn categories(&self, found: Vec<PhraseMatch>) -> Vec<CategoryMatch<'_>> {
        found
            .into_iter()
            .filter_map(|pm| {
                let entry = self.entries.get(*self.phrase_entry.get(pm.pattern)?)?;
                Some(CategoryMatch {
                    start: pm.start,
                    end: pm.end,
                    entry,
                })
            })
            .collect()
    }

    /// Whether a causal phrase ("because of", "caused by") ends at most two words before byte
    /// `pos` of the lowercase text: "collapsed because of the earthquake".
    pub(crate) fn causal_before(&self, lower: &str, pos: usize) -> bool {
        let Some(before) = lower.get(..pos) else {
            return false;
        };
        // The last words before `pos`, nearest first, trimmed of punctuation once for all phrases.
        let words: Vec<&str> = before
            .split_whitespace()
            .rev()
            .take(8)
            .map(|w| w.trim_matches(|ch: char| !ch.is_ascii_alphanumeric()))
            .collect();
        (0..=2.min(words.len())).any(|skip| {
            let rest = &words[skip..];
            self.causal.iter().any(|c| {
                let n = c.len();
                n > 0 && rest.len() >= n && rest[..n].iter().rev().eq(c.iter())
            })
        })
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> &[TaxonomyEntry] {
        &self.entries
    }

    /// How category `a` relates to category `b`.
    pub fn relation(&self, a: &str, b: &str) -> CategoryRelation {
        if a == b {
            return CategoryRelation::Same;
        }
        if is_under(b, a) {
            return CategoryRelation::Broader;
        }
        if is_under(a, b) {
            return CategoryRelation::Narrower;
        }
        if self.compatible.iter().any(|(x, y)| {
            (is_within(a, x) && is_within(b, y)) || (is_within(a, y) && is_within(b, x))
        }) {
            return CategoryRelation::Compatible;
        }
        let common = common_prefix(a, b);
        if self.exclusive.contains(common.as_str()) {
            CategoryRelation::Conflict
        } else {
            CategoryRelation::Compatible
        }
    }

    /// A reader's name for a path: its last segment with spaces (`heart failure`).
    pub fn label(path: &str) -> String {
        path.rsplit('/').next().unwrap_or(path).replace('-', " ")
    }

    /// The branch a path belongs to just below its root (`cause/natural/x` → `natural`).
    pub fn branch(path: &str) -> &str {
        path.split('/').nth(1).unwrap_or(path)
    }
}

/// True when `path` lies strictly under `ancestor`.
fn is_under(path: &str, ancestor: &str) -> bool {
    path.len() > ancestor.len()
        && path.starts_with(ancestor)
        && path.as_bytes().get(ancestor.len()) == Some(&b'/')
}

fn is_within(path: &str, ancestor: &str) -> bool {
    path == ancestor || is_under(path, ancestor)
}

fn common_prefix(a: &str, b: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for (x, y) in a.split('/').zip(b.split('/')) {
        if x != y {
            break;
        }
        out.push(x);
    }
    out.join("/")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Taxonomy;

    /// `causal_before` written the plain way: phrases split and words trimmed at every comparison.
    fn plain_causal_before(phrases: &[&str], lower: &str, pos: usize) -> bool {
        let Some(before) = lower.get(..pos) else {
            return false;
        };
        let words: Vec<&str> = before.split_whitespace().rev().take(8).collect();
        (0..=2.min(words.len())).any(|skip| {
            let rest = &words[skip..];
            phrases.iter().any(|c| {
                let n = c.split_whitespace().count();
                n > 0
                    && rest.len() >= n
                    && rest[..n]
                        .iter()
                        .rev()
                        .map(|w| w.trim_matches(|ch: char| !ch.is_ascii_alphanumeric()))
                        .eq(c.split_whitespace())
            })
        })
    }

    proptest! {
        #[test]
        fn causal_before_as_the_plain_definition(
            words in proptest::collection::vec(
                prop::sample::select(vec![
                    "because", "of", "caused", "by", "due", "to", "the", "quake", "(due", "of,",
                    "by:", " ", "  ", "x", "\u{e9}t\u{e9}",
                ]),
                0..14,
            ),
            pos in 0usize..80,
        ) {
            let phrases = ["because of", "caused by", "due to", "of"];
            let taxonomy = Taxonomy {
                causal: phrases
                    .iter()
                    .map(|p| p.split_whitespace().map(str::to_string).collect())
                    .collect(),
                ..Taxonomy::default()
            };
            let lower = words.join(" ");
            prop_assert_eq!(
                taxonomy.causal_before(&lower, pos),
                plain_causal_before(&phrases, &lower, pos)
            );
        }
    }
}
