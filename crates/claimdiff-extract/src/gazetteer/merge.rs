//! Joining the entities of several documents that name the same thing.
//!
//! Entities join when they have the same id; when one's name or acronym is another's listed
//! name; when their names differ only by transliteration, word by word ("Huseyn Safarov" and
//! "Guseyn Safarov", "Tokayev" and "Tokaev", "Erdoğan" and "Erdogan"); and when one is a bare
//! surname that fits exactly one full name. Names that differ by a final "a" ("Ivanov" and
//! "Ivanova", "Zelensky" and "Zelenska") are kept apart: in many languages it marks a different
//! person.
use std::collections::BTreeMap;
use std::hash::Hasher;

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHasher};

use claimdiff_core::{fold_char, Entity, EntityKind};

/// Jaro-Winkler similarity two words must reach to count as spellings of one name.
const MIN_SIMILARITY: f64 = 0.85;

/// Joins entities from several documents that name the same thing (aliases, transliteration
/// variants): the merged list (sorted by id, aliases sorted and deduplicated) and a map from every
/// old id to its new one. The result does not depend on the order of the input.
///
/// Near-linear: the fuzzy comparisons only look at candidates found through an index of
/// spellings (symmetric deletion) that finds every pair of words the spelling rule could accept;
/// the candidates are listed in parallel and the joins applied serially, in the order of the plain
/// all-pairs loops, so the result is identical to theirs (the private `join_variants` and
/// `join_surnames` say why).
pub fn merge_entities(entities: Vec<Entity>) -> (Vec<Entity>, BTreeMap<String, String>) {
    let names = Names::new(entities);
    let mut sets = UnionFind::new(names.len());
    join_equal_keys(&names, &mut sets);
    let last = LastWords::new(&names);
    join_variants(&mut sets, &variant_pairs(&names, &last));
    join_surnames(&mut sets, &surname_candidates(&names, &last));
    // The index goes before the merged entities are built: less held at the peak.
    drop(last);
    names.into_groups(sets)
}

/// The entities with distinct ids and their folded names.
struct Names {
    /// One entity per id, sorted by id.
    unique: Vec<Entity>,
    /// The folded words of each entity's name.
    words: Vec<Vec<String>>,
}

impl Names {
    /// Joins entities of equal id, in an order that does not depend on the input's.
    fn new(entities: Vec<Entity>) -> Names {
        let mut unique: Vec<Entity> = Vec::new();
        for e in sorted_by_id(entities) {
            match unique.last_mut() {
                Some(u) if u.id == e.id => absorb(u, e),
                _ => unique.push(e),
            }
        }
        let words = unique.par_iter().map(|e| folded_words(&e.name)).collect();
        Names { unique, words }
    }

    fn len(&self) -> usize {
        self.unique.len()
    }

    fn kind(&self, i: usize) -> EntityKind {
        self.unique[i].kind
    }

    /// Persons and "other" entities: the ones whose names may join by spelling.
    fn fuzzy(&self, i: usize) -> bool {
        matches!(self.kind(i), EntityKind::Person | EntityKind::Other)
    }

    /// The block of the variant comparison: word count and initial of the last word.
    fn block(&self, i: usize) -> Option<(usize, char)> {
        let words = &self.words[i];
        let initial = words.last().and_then(|w| w.chars().next())?;
        Some((words.len(), initial))
    }

    /// One entity per group of `sets`, named after its fullest name, and the map of old ids.
    /// Groups are merged in parallel; each entity is moved into its group's entity, not cloned.
    fn into_groups(self, mut sets: UnionFind) -> (Vec<Entity>, BTreeMap<String, String>) {
        let Names { unique, words } = self;
        // A set's root is its smallest member: groups open at their root, in order.
        let mut group_of = vec![usize::MAX; unique.len()];
        let mut groups: Vec<Vec<(usize, Entity)>> = Vec::new();
        for (i, e) in unique.into_iter().enumerate() {
            let root = sets.find(i);
            if root == i {
                if let Some(g) = group_of.get_mut(i) {
                    *g = groups.len();
                }
                groups.push(vec![(i, e)]);
            } else if let Some(g) = group_of.get(root).and_then(|&g| groups.get_mut(g)) {
                g.push((i, e));
            }
        }
        let merged: Vec<(Entity, Vec<(String, String)>)> = groups
            .into_par_iter()
            .filter_map(|mut members| {
                let rep = representative(&members, &words)?;
                let (_, mut merged) = members.remove(rep);
                let mut ids = Vec::with_capacity(members.len() + 1);
                ids.push((merged.id.clone(), merged.id.clone()));
                for (_, mut e) in members {
                    ids.push((std::mem::take(&mut e.id), merged.id.clone()));
                    absorb(&mut merged, e);
                }
                Some((merged, ids))
            })
            .collect();
        let (mut out, ids): (Vec<Entity>, Vec<Vec<(String, String)>>) = merged.into_iter().unzip();
        let mut ids: Vec<(String, String)> = ids.into_iter().flatten().collect();
        // Old ids are distinct; sorted first, the map is built in one pass.
        ids.par_sort_unstable();
        // Ids are distinct (one entity per id).
        out.par_sort_unstable_by(|a, b| a.id.cmp(&b.id));
        (out, ids.into_iter().collect())
    }
}

/// The entities ordered by id, then longest name, name, kind and container: indices are sorted
/// (in parallel), not the entities themselves, which are then moved once into that order.
/// Entities that tie on every key differ at most in their aliases, and absorbing gathers those
/// in sorted order whatever the order of the entities; ties are broken by position anyway, so
/// the order is total.
fn sorted_by_id(entities: Vec<Entity>) -> impl Iterator<Item = Entity> {
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.par_sort_unstable_by(|&i, &j| match (entities.get(i), entities.get(j)) {
        (Some(a), Some(b)) => {
            a.id.cmp(&b.id)
                .then_with(|| b.name.len().cmp(&a.name.len()))
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.kind.cmp(&b.kind))
                .then_with(|| a.within.cmp(&b.within))
                .then(i.cmp(&j))
        }
        _ => i.cmp(&j),
    });
    // In place: an `Option<Entity>` is the size of an `Entity`.
    let mut slots: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(move |i| slots.get_mut(i).and_then(Option::take))
}

/// The position in `members` (a group's entities with their indices) of the one the merged
/// entity is named after: the most words, then not of kind "other", then the smallest id.
fn representative(members: &[(usize, Entity)], words: &[Vec<String>]) -> Option<usize> {
    let word_count = |i: usize| words.get(i).map_or(0, Vec::len);
    let other = |e: &Entity| e.kind == EntityKind::Other;
    members
        .iter()
        .enumerate()
        .min_by(|(_, (a, ea)), (_, (b, eb))| {
            word_count(*b)
                .cmp(&word_count(*a))
                .then_with(|| other(ea).cmp(&other(eb)))
                .then_with(|| ea.id.cmp(&eb.id))
        })
        .map(|(k, _)| k)
}

/// Joins entities whose name or acronym is another's name or listed multi-word alias.
fn join_equal_keys(names: &Names, sets: &mut UnionFind) {
    // Each entity's keys (its folded name, then its aliases of two words or acronyms), worked out
    // in parallel and gathered in entity order.
    let per_entity: Vec<Vec<String>> = names
        .unique
        .par_iter()
        .zip(names.words.par_iter())
        .map(|(e, words)| {
            let mut own = vec![words.join(" ")];
            for a in &e.aliases {
                let w = folded_words(a);
                if w.len() >= 2 || is_acronym(a) {
                    own.push(w.join(" "));
                }
            }
            own
        })
        .collect();
    let mut keys: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, own) in per_entity.into_iter().enumerate() {
        for key in own {
            keys.entry(key).or_default().push(i);
        }
    }
    // In any order: the sets only depend on which pairs are joined (see `join_variants`).
    for (key, group) in &keys {
        if key.is_empty() {
            continue;
        }
        for w in group.windows(2) {
            if compatible(names.kind(w[0]), names.kind(w[1])) {
                sets.union(w[0], w[1]);
            }
        }
    }
}

/// The distinct last words of the fuzzy names, each with the words it may spell: the candidates
/// of both fuzzy rules, found in near-linear time.
///
/// Two words within the edit bound of [`same_word`] (Damerau-Levenshtein distance `k`: 2 when
/// both have 8 letters or more, 1 when both have 4 or more, 0 otherwise) keep a common subsequence
/// missing at most `k` letters from each, since every edit, a transposition included, drops at
/// most one letter from either side. So they share one of their [`spelling_keys`] (the
/// "symmetric deletion" index); only words sharing a key are compared. The keys also carry what
/// the two words must have in common anyway (the class of the first letter, a final "a"), which
/// leaves out most of the pairs that the deletions alone would list.
struct LastWords<'a> {
    /// The distinct words, sorted.
    words: Vec<&'a str>,
    /// For each word, the fuzzy entities whose name ends with it (increasing).
    entities: Vec<Vec<usize>>,
    /// For each word, the words sharing a key with it, itself included (increasing): a superset
    /// of those [`same_word`] accepts with it, in either order.
    near: Vec<Vec<u32>>,
    /// For each entity, its last word when it is fuzzy and has one.
    of_entity: Vec<Option<usize>>,
}

impl<'a> LastWords<'a> {
    /// Indexes the last words of `names`' fuzzy entities (keys computed in parallel).
    fn new(names: &'a Names) -> LastWords<'a> {
        let mut by_word: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for i in (0..names.len()).filter(|&i| names.fuzzy(i)) {
            if let Some(w) = names.words[i].last() {
                by_word.entry(w).or_default().push(i);
            }
        }
        let (words, entities): (Vec<&str>, Vec<Vec<usize>>) = by_word.into_iter().unzip();
        let mut of_entity = vec![None; names.len()];
        for (w, members) in entities.iter().enumerate() {
            for &i in members {
                of_entity[i] = Some(w);
            }
        }
        let near = near_lists(&words);
        LastWords {
            words,
            entities,
            near,
            of_entity,
        }
    }

    /// The fuzzy entities whose last word may spell entity `i`'s (candidates to check).
    fn near_entities(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let near = self.of_entity[i].map_or(&[][..], |w| &self.near[w][..]);
        near.iter()
            .flat_map(|&v| &self.entities[v as usize])
            .copied()
    }
}

/// For each word, the words sharing a spelling key with it, itself included, increasing.
///
/// Every (key, word) posting is listed (in parallel) into one of 256 parts by the key's top byte
/// (keys are hashes, so the parts are even), and each part is sorted on its own, in parallel and
/// in cache, so the words of a key come together; the keys most words have alone give nothing,
/// the others give each pair of their words. This replaces a hash map of every key, which was
/// filled serially and then read once per key again.
fn near_lists(words: &[&str]) -> Vec<Vec<u32>> {
    let chunk = words
        .len()
        .div_ceil(4 * rayon::current_num_threads())
        .max(64);
    // A posting is a key and a word packed in one number (key high), so sorting is by key,
    // then word. Per run of `chunk` words, its postings by part; a part's postings are then
    // gathered from every run by the task that sorts it, so none is copied twice.
    let runs: Vec<Vec<Vec<u64>>> = words
        .par_chunks(chunk)
        .enumerate()
        .map(|(r, run)| {
            let mut parts = vec![Vec::new(); PARTS];
            for (w, word) in run.iter().enumerate() {
                // A word past `u32::MAX` is not indexed: only an input far larger than memory.
                if let Ok(w) = u32::try_from(r * chunk + w) {
                    spelling_keys(word, |k| {
                        if let Some(part) = parts.get_mut(part_of(k)) {
                            part.push(u64::from(k) << 32 | u64::from(w));
                        }
                    });
                }
            }
            parts
        })
        .collect();
    // Every ordered pair of distinct words sharing a key, packed as the postings are (first
    // word high).
    let mut pairs: Vec<u64> = (0..PARTS)
        .into_par_iter()
        .flat_map_iter(|p| {
            let mut part: Vec<u64> =
                Vec::with_capacity(runs.iter().map(|r| r.get(p).map_or(0, Vec::len)).sum());
            for r in &runs {
                part.extend_from_slice(r.get(p).map_or(&[][..], Vec::as_slice));
            }
            part.sort_unstable();
            let mut out = Vec::new();
            let mut same: Vec<u64> = Vec::new();
            for run in part.chunk_by(|a, b| a >> 32 == b >> 32) {
                if run.len() < 2 {
                    continue;
                }
                same.clear();
                same.extend(run.iter().map(|p| p & u64::from(u32::MAX)));
                same.dedup();
                for &a in &same {
                    out.extend(same.iter().filter(|&&b| b != a).map(|&b| a << 32 | b));
                }
            }
            out
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    let mut near = Vec::with_capacity(words.len());
    let mut rest = pairs.as_slice();
    for w in 0..words.len() {
        let own = u32::try_from(w).ok();
        let n = rest.partition_point(|p| u32::try_from(p >> 32).ok() == own);
        let (mine, later) = rest.split_at(n);
        rest = later;
        let mut list: Vec<u32> = mine.iter().map(|&p| p as u32).chain(own).collect();
        list.sort_unstable();
        near.push(list);
    }
    near
}

/// How many parts [`near_lists`] sorts postings in.
const PARTS: usize = 256;

/// The part of a spelling key: its top byte.
fn part_of(key: u32) -> usize {
    (key >> 24) as usize
}

/// For each fuzzy entity `i`, the later entities `j > i` of its block (word count, initial of the
/// last word) whose whole name is a transliteration variant of its own: the pairs the all-pairs
/// loop over each block joins, with the same calls of [`same_name`]. Listed in parallel.
fn variant_pairs(names: &Names, last: &LastWords) -> Vec<(usize, Vec<usize>)> {
    (0..names.len())
        .into_par_iter()
        .filter(|&i| names.fuzzy(i))
        .filter_map(|i| {
            let block = names.block(i)?;
            let joined: Vec<usize> = last
                .near_entities(i)
                .filter(|&j| {
                    j > i
                        && names.block(j) == Some(block)
                        && compatible(names.kind(i), names.kind(j))
                        && same_name(&names.words[i], &names.words[j])
                })
                .collect();
            Some((i, joined))
        })
        .collect()
}

/// Joins the pairs of [`variant_pairs`]. The order does not matter: these pairs do not depend on
/// the sets, and the sets only ever depend on which pairs were joined, since every set's root is
/// its smallest member whatever the order of the unions.
fn join_variants(sets: &mut UnionFind, pairs: &[(usize, Vec<usize>)]) {
    for (i, joined) in pairs {
        for &j in joined {
            sets.union(*i, j);
        }
    }
}

/// For each single-word fuzzy name (in increasing order), the multi-word fuzzy names whose last
/// word it spells: the candidates the bare-surname rule chooses among. They depend on the names
/// only, not on the sets, so they are listed in parallel; each distinct surname is compared once.
fn surname_candidates(names: &Names, last: &LastWords) -> Vec<(usize, Vec<usize>)> {
    (0..names.len())
        .into_par_iter()
        .filter(|&i| names.fuzzy(i) && names.words[i].len() == 1)
        .filter_map(|i| {
            let w = last.of_entity[i]?;
            let bare = last.words[w];
            let mut fits: Vec<usize> = last.near[w]
                .iter()
                .filter(|&&v| same_word(last.words[v as usize], bare, false))
                .flat_map(|&v| &last.entities[v as usize])
                .copied()
                .filter(|&j| names.words[j].len() >= 2 && compatible(names.kind(i), names.kind(j)))
                .collect();
            fits.sort_unstable();
            Some((i, fits))
        })
        .collect()
}

/// A bare surname joins the one full name it fits: each single-word name of
/// [`surname_candidates`], in increasing order, joins the set of its candidates when they all
/// are in one set. Applied serially in the order of the all-pairs loop, against the sets as the
/// earlier joins left them, so the result is the same.
fn join_surnames(sets: &mut UnionFind, candidates: &[(usize, Vec<usize>)]) {
    for (i, fits) in candidates {
        let mut roots = fits.iter().map(|&j| sets.find(j));
        if let Some(first) = roots.next() {
            if roots.all(|r| r == first) {
                sets.union(*i, first);
            }
        }
    }
}

/// How many characters [`spelling_keys`] deletes from a word of `n` characters: up to two from
/// words of 8 letters or more, one from words of 4 to 7, none from shorter ones.
fn max_deletions(n: usize) -> usize {
    match n {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The key of a spelling of `len` characters with polynomial hash `hash`, of a word whose first
/// letter is of class `initial` (see [`initial_class`]) and that ends in "a" or not
/// (`final_a`): 32 bits, so the index is half the size; a collision only adds a candidate.
fn spelling_key(initial: char, final_a: u8, len: usize, hash: u64) -> u32 {
    let mut h = FxHasher::default();
    h.write_u32(u32::from(initial));
    h.write_u8(final_a);
    h.write_usize(len);
    h.write_u64(hash);
    let h = h.finish();
    (h ^ (h >> 32)) as u32
}

/// The multiplier of the polynomial hash of spellings (odd, so multiplying by it loses nothing).
const SPELLING_BASE: u64 = 0x0000_0100_0000_01b3;

/// Calls `each` with the keys of `word` in the index of [`LastWords`]: hashes of the class of its
/// first letter and its final-"a" flag (words that differ in either never match) and of each
/// spelling left by deleting up to [`max_deletions`] characters. A key only depends on the
/// class, the flag and the spelling, so words sharing all three share its key; a key may come more than once (deleting either letter of a
/// double one leaves one spelling), and a hash collision only adds a candidate, since every
/// candidate is checked.
///
/// Each key takes a few multiplications, not a pass over the word: a spelling's hash is the
/// polynomial `Σ cᵢ·Bᵏ⁻¹⁻ⁱ` (mod 2⁶⁴) of its `k` characters, so the hash of two parts joined is
/// `h(left)·B^len(right) + h(right)`, with the hashes and powers of every suffix computed once.
fn spelling_keys(word: &str, mut each: impl FnMut(u32)) {
    let chars: Vec<u64> = word.chars().map(|c| u64::from(c) + 1).collect();
    let n = chars.len();
    let deletions = max_deletions(n);
    let final_a = u8::from(word.ends_with('a'));
    let initial = word.chars().next().map_or(' ', initial_class);
    let finish = |hash: u64, len: usize| spelling_key(initial, final_a, len, hash);
    // For each position i: B to the number of characters after it, and the hash of those.
    let mut tails = vec![(1_u64, 0_u64); n];
    let (mut power, mut hash) = (1_u64, 0_u64);
    for (tail, &c) in tails.iter_mut().zip(&chars).rev() {
        *tail = (power, hash);
        hash = hash.wrapping_add(c.wrapping_mul(power));
        power = power.wrapping_mul(SPELLING_BASE);
    }
    each(finish(hash, n));
    if deletions == 0 {
        return;
    }
    // The hash of the characters before `p`.
    let mut prefix = 0_u64;
    for (p, (&c, &(scale, rest))) in chars.iter().zip(&tails).enumerate() {
        each(finish(prefix.wrapping_mul(scale).wrapping_add(rest), n - 1));
        if deletions >= 2 {
            // The hash of the characters before `q`, without the one at `p`.
            let mut left = prefix;
            for (&d, &(scale, rest)) in chars.iter().zip(&tails).skip(p + 1) {
                each(finish(left.wrapping_mul(scale).wrapping_add(rest), n - 2));
                left = left.wrapping_mul(SPELLING_BASE).wrapping_add(d);
            }
        }
        prefix = prefix.wrapping_mul(SPELLING_BASE).wrapping_add(c);
    }
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

/// First letters that may stand for each other in two spellings of one name, in either order
/// (Huseyn/Guseyn, Yevgeny/Evgeny, Yosif/Iosif/Josif).
const TRANSLITERATED_INITIALS: [(char, char); 5] =
    [('h', 'g'), ('y', 'e'), ('y', 'i'), ('j', 'y'), ('j', 'i')];

/// The class of a first letter in the index of [`LastWords`]: letters joined by
/// [`TRANSLITERATED_INITIALS`] share one, every other letter is its own. Two words
/// [`same_word`] accepts start with letters of one class, so the class goes into their keys.
fn initial_class(c: char) -> char {
    match c {
        'g' => 'h',
        'e' | 'i' | 'j' => 'y',
        c => c,
    }
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
        let allowed = lenient || lx != ly;
        let pair = |(a, b): (char, char)| {
            TRANSLITERATED_INITIALS.contains(&(a, b)) || TRANSLITERATED_INITIALS.contains(&(b, a))
        };
        if !(allowed && fx.zip(fy).is_some_and(pair)) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The last folded word of entity `i`'s name ("" when it has none).
    fn last_word(names: &Names, i: usize) -> &str {
        names.words[i].last().map_or("", String::as_str)
    }

    /// The plain all-pairs merge that [`merge_entities`] must equal.
    fn reference(entities: Vec<Entity>) -> (Vec<Entity>, BTreeMap<String, String>) {
        let names = Names::new(entities);
        let n = names.len();
        let mut sets = UnionFind::new(n);
        join_equal_keys(&names, &mut sets);
        let fits = |i: usize, j: usize| {
            names.fuzzy(i) && names.fuzzy(j) && compatible(names.kind(i), names.kind(j))
        };
        for i in 0..n {
            for j in i + 1..n {
                if fits(i, j)
                    && names.block(i).is_some()
                    && names.block(i) == names.block(j)
                    && same_name(&names.words[i], &names.words[j])
                {
                    sets.union(i, j);
                }
            }
        }
        for i in (0..n).filter(|&i| names.fuzzy(i) && names.words[i].len() == 1) {
            let bare = last_word(&names, i);
            let mut roots: Vec<usize> = (0..n)
                .filter(|&j| {
                    fits(i, j)
                        && names.words[j].len() >= 2
                        && same_word(last_word(&names, j), bare, false)
                })
                .map(|j| sets.find(j))
                .collect();
            roots.sort_unstable();
            roots.dedup();
            if let [r] = roots[..] {
                sets.union(i, r);
            }
        }
        names.into_groups(sets)
    }

    /// Words near each other: the edge cases of [`same_word`] (final "a", transliterated
    /// initials, short words, diacritics, possessives).
    const BASES: &[&str] = &[
        "Safarov",
        "Huseyn",
        "Guseyn",
        "Aliyev",
        "Alieva",
        "Tokayev",
        "Ivanov",
        "Ivanova",
        "Yevgeny",
        "Evgeny",
        "Prigozhin",
        "Zelensky",
        "Zelenska",
        "Smith",
        "Hansen",
        "Jansen",
        "Erdoğan",
        "Iosif",
        "Al",
        "Abe",
        "O'Neil",
        "Putin's",
        "Jean-Luc",
        "Kyiv",
    ];

    /// A base word with up to two random edits (insert, delete, substitute, transpose).
    fn word() -> impl Strategy<Value = String> {
        let edit = (
            0..4usize,
            0..12usize,
            proptest::sample::select(&['a', 'e', 'y', 'i', 'g', 'h', 'o', 'v'][..]),
        );
        (
            proptest::sample::select(BASES),
            proptest::collection::vec(edit, 0..3),
        )
            .prop_map(|(base, edits)| {
                let mut chars: Vec<char> = base.chars().collect();
                for (op, at, c) in edits {
                    let at = at % (chars.len() + 1);
                    match op {
                        0 => chars.insert(at, c),
                        1 if at < chars.len() => {
                            chars.remove(at);
                        }
                        2 if at < chars.len() => chars[at] = c,
                        3 if at + 1 < chars.len() => chars.swap(at, at + 1),
                        _ => {}
                    }
                }
                chars.into_iter().collect()
            })
    }

    /// An entity of one to three such words, with a few shared ids and aliases.
    fn entity() -> impl Strategy<Value = Entity> {
        let kind = proptest::sample::select(
            &[
                EntityKind::Person,
                EntityKind::Other,
                EntityKind::Organisation,
            ][..],
        );
        (
            proptest::collection::vec(word(), 1..4),
            kind,
            0..3usize,
            proptest::option::of(proptest::collection::vec(word(), 1..3)),
        )
            .prop_map(|(words, kind, tag, alias)| {
                let name = words.join(" ");
                Entity {
                    id: format!("{}-{tag}", name.to_lowercase().replace(' ', "-")),
                    name,
                    kind,
                    aliases: alias.map(|a| a.join(" ")).into_iter().collect(),
                    within: None,
                }
            })
    }

    /// How many keys [`spelling_keys`] gives `word` (repeats included).
    fn key_count(word: &str) -> usize {
        let n = word.chars().count();
        match max_deletions(n) {
            0 => 1,
            1 => 1 + n,
            _ => 1 + n + n * n.saturating_sub(1) / 2,
        }
    }

    /// The keys of `word` by the plain definition: every spelling left by deleting up to
    /// [`max_deletions`] characters, hashed from scratch.
    fn plain_spelling_keys(word: &str) -> Vec<u32> {
        let chars: Vec<char> = word.chars().collect();
        let n = chars.len();
        let key = |skip: &[usize]| {
            let mut hash = 0_u64;
            for (_, &c) in chars.iter().enumerate().filter(|(k, _)| !skip.contains(k)) {
                hash = hash
                    .wrapping_mul(SPELLING_BASE)
                    .wrapping_add(u64::from(c) + 1);
            }
            let initial = chars.first().map_or(' ', |&c| initial_class(c));
            spelling_key(initial, u8::from(word.ends_with('a')), n - skip.len(), hash)
        };
        let mut keys = vec![key(&[])];
        for p in 0..n {
            if max_deletions(n) >= 1 {
                keys.push(key(&[p]));
            }
            for q in p + 1..n {
                if max_deletions(n) >= 2 {
                    keys.push(key(&[p, q]));
                }
            }
        }
        keys.sort_unstable();
        keys
    }

    #[test]
    fn transliterated_initials_share_a_class() {
        for (a, b) in TRANSLITERATED_INITIALS {
            assert_eq!(initial_class(a), initial_class(b), "{a} {b}");
            assert!(same_word(&format!("{a}oseph"), &format!("{b}oseph"), true));
        }
        assert!(!same_word("eoseph", "ioseph", true));
        assert_ne!(initial_class('e'), initial_class('a'));
    }

    proptest! {
        #[test]
        fn spelling_keys_equal_the_plain_definition(w in word()) {
            let mut keys = Vec::new();
            spelling_keys(&w, |k| keys.push(k));
            prop_assert_eq!(keys.len(), key_count(&w));
            keys.sort_unstable();
            prop_assert_eq!(keys, plain_spelling_keys(&w));
        }

        #[test]
        fn near_lists_are_the_words_sharing_a_key(
            words in proptest::collection::btree_set(word(), 0..30)
        ) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let keys: Vec<Vec<u32>> = words.iter().map(|w| plain_spelling_keys(w)).collect();
            let want: Vec<Vec<u32>> = keys
                .iter()
                .enumerate()
                .map(|(w, mine)| {
                    (0..words.len())
                        .filter(|&v| v == w || keys[v].iter().any(|k| mine.contains(k)))
                        .map(|v| v as u32)
                        .collect()
                })
                .collect();
            prop_assert_eq!(near_lists(&words), want);
        }

        #[test]
        fn merge_equals_all_pairs_and_ignores_order(
            (entities, shuffled) in proptest::collection::vec(entity(), 0..40)
                .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
        ) {
            let merged = merge_entities(entities.clone());
            prop_assert_eq!(&merged, &reference(entities));
            prop_assert_eq!(&merged, &merge_entities(shuffled));
        }
    }
}
