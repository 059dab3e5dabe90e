//! Joining the entities of several documents that name the same thing.
//!
//! Entities join when they have the same id; when one's name or acronym is another's listed
//! name; when their names differ only by transliteration, word by word ("Huseyn Safarov" and
//! "Guseyn Safarov", "Tokayev" and "Tokaev", "Erdoğan" and "Erdogan"); and when one is a bare
//! surname that fits exactly one full name. Names that differ by a final "a" ("Ivanov" and
//! "Ivanova", "Zelensky" and "Zelenska") are kept apart: in many languages it marks a different
//! person.
use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use claimdiff_core::{fold_char, Entity, EntityKind};

/// Jaro-Winkler similarity two words must reach to count as spellings of one name.
const MIN_SIMILARITY: f64 = 0.85;

/// Joins entities from several documents that name the same thing (aliases, transliteration
/// variants): the merged list (sorted by id, aliases sorted and deduplicated) and a map from every
/// old id to its new one. The result does not depend on the order of the input.
pub fn merge_entities(entities: Vec<Entity>) -> (Vec<Entity>, BTreeMap<String, String>) {
    // Equal ids first, in an order that does not depend on the input's.
    let mut sorted = entities;
    sorted.sort_by(|a, b| {
        a.id.cmp(&b.id)
            .then_with(|| b.name.len().cmp(&a.name.len()))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.within.cmp(&b.within))
    });
    let mut unique: Vec<Entity> = Vec::new();
    for e in sorted {
        match unique.last_mut() {
            Some(u) if u.id == e.id => absorb(u, e),
            _ => unique.push(e),
        }
    }

    let n = unique.len();
    let words: Vec<Vec<String>> = unique.iter().map(|e| folded_words(&e.name)).collect();
    let mut sets = UnionFind::new(n);

    // A name or acronym that is another entity's name or listed multi-word alias.
    let mut keys: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, e) in unique.iter().enumerate() {
        keys.entry(words[i].join(" ")).or_default().push(i);
        for a in &e.aliases {
            let w = folded_words(a);
            if w.len() >= 2 || is_acronym(a) {
                keys.entry(w.join(" ")).or_default().push(i);
            }
        }
    }
    let mut key_list: Vec<_> = keys.into_iter().collect();
    key_list.sort();
    for (key, group) in &key_list {
        if key.is_empty() {
            continue;
        }
        for w in group.windows(2) {
            if compatible(unique[w[0]].kind, unique[w[1]].kind) {
                sets.union(w[0], w[1]);
            }
        }
    }

    // Transliteration variants of a whole name, blocked by word count and initial.
    let fuzzy = |i: usize| matches!(unique[i].kind, EntityKind::Person | EntityKind::Other);
    let mut blocks: BTreeMap<(usize, char), Vec<usize>> = BTreeMap::new();
    for i in (0..n).filter(|&i| fuzzy(i)) {
        if let Some(c) = words[i].last().and_then(|w| w.chars().next()) {
            blocks.entry((words[i].len(), c)).or_default().push(i);
        }
    }
    for block in blocks.values() {
        for (x, &i) in block.iter().enumerate() {
            for &j in &block[x + 1..] {
                if compatible(unique[i].kind, unique[j].kind) && same_name(&words[i], &words[j]) {
                    sets.union(i, j);
                }
            }
        }
    }

    // A bare surname joins the one full name it fits.
    for i in (0..n).filter(|&i| fuzzy(i) && words[i].len() == 1) {
        let mut roots: Vec<usize> = (0..n)
            .filter(|&j| {
                fuzzy(j)
                    && words[j].len() >= 2
                    && compatible(unique[i].kind, unique[j].kind)
                    && words[j]
                        .last()
                        .is_some_and(|l| same_word(l, &words[i][0], false))
            })
            .map(|j| sets.find(j))
            .collect();
        roots.sort_unstable();
        roots.dedup();
        if let [r] = roots[..] {
            sets.union(i, r);
        }
    }

    // One entity per group, named after its fullest name.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        groups.entry(sets.find(i)).or_default().push(i);
    }
    let mut map = BTreeMap::new();
    let mut out = Vec::with_capacity(groups.len());
    for members in groups.values() {
        let Some(&rep) = members.iter().min_by(|&&a, &&b| {
            words[b]
                .len()
                .cmp(&words[a].len())
                .then_with(|| {
                    (unique[a].kind == EntityKind::Other)
                        .cmp(&(unique[b].kind == EntityKind::Other))
                })
                .then_with(|| unique[a].id.cmp(&unique[b].id))
        }) else {
            continue;
        };
        let mut merged = unique[rep].clone();
        for &m in members {
            map.insert(unique[m].id.clone(), merged.id.clone());
            if m != rep {
                absorb(&mut merged, unique[m].clone());
            }
        }
        out.push(merged);
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    (out, map)
}

/// Adds `other`'s names to `into`; `into` keeps its id and name, and takes a kind or container
/// it lacks.
fn absorb(into: &mut Entity, other: Entity) {
    if into.kind == EntityKind::Other {
        into.kind = other.kind;
    }
    if into.within.is_none() {
        into.within = other.within;
    }
    into.aliases.extend(other.aliases);
    into.aliases.push(other.name);
    let name = into.name.clone();
    into.aliases.retain(|a| *a != name && !a.is_empty());
    into.aliases.sort();
    into.aliases.dedup();
}

/// Person and organisation never join; "other" joins either.
fn compatible(a: EntityKind, b: EntityKind) -> bool {
    a == b || a == EntityKind::Other || b == EntityKind::Other
}

/// True for an all-capital acronym ("CSTO", "RFE/RL").
fn is_acronym(s: &str) -> bool {
    s.bytes().filter(u8::is_ascii_uppercase).count() >= 2 && !s.chars().any(char::is_lowercase)
}

/// Lowercase words without diacritics, hyphens and possessives.
fn folded_words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| {
            super::strip_possessive(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\''))
        })
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .map(fold_char)
                .flat_map(char::to_lowercase)
                .filter(|c| c.is_alphanumeric())
                .collect()
        })
        .collect()
}

/// Two names of as many words that are word-by-word spellings of each other, at least one word
/// written alike when there are several.
fn same_name(a: &[String], b: &[String]) -> bool {
    if a.len() != b.len() || a.is_empty() {
        return false;
    }
    let several = a.len() > 1;
    a.iter().zip(b).all(|(x, y)| same_word(x, y, several))
        && (!several || a.iter().zip(b).any(|(x, y)| x == y))
}

/// Two folded words that spell one name: equal, or close (one edit, two in long words) without a
/// change of grammatical gender; a different first letter only for known transliteration pairs
/// (Huseyn/Guseyn, Yevgeny/Evgeny) and only when `lenient`.
fn same_word(x: &str, y: &str, lenient: bool) -> bool {
    if x == y {
        return true;
    }
    let (lx, ly) = (x.chars().count(), y.chars().count());
    if lx.min(ly) < 4 || x.ends_with('a') != y.ends_with('a') {
        return false;
    }
    let (fx, fy) = (x.chars().next(), y.chars().next());
    if fx != fy {
        let pair = |a: char, b: char| {
            matches!(
                (a, b),
                ('h', 'g')
                    | ('g', 'h')
                    | ('y', 'e')
                    | ('e', 'y')
                    | ('y', 'i')
                    | ('i', 'y')
                    | ('j', 'y')
                    | ('y', 'j')
                    | ('j', 'i')
                    | ('i', 'j')
            )
        };
        let allowed = lenient || lx != ly;
        if !(allowed && fx.zip(fy).is_some_and(|(a, b)| pair(a, b))) {
            return false;
        }
    }
    let max_edits = if lx.min(ly) >= 8 { 2 } else { 1 };
    strsim::damerau_levenshtein(x, y) <= max_edits && strsim::jaro_winkler(x, y) >= MIN_SIMILARITY
}

/// Disjoint sets over `0..n`, joined towards the smaller index so results are stable.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}
