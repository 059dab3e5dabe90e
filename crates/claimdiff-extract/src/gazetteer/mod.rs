//! Known entities and their names (the gazetteer), and entity mentions in text.
//!
//! Mentions are found in two passes over the kept sentences. One aho-corasick automaton (an NFA
//! built at load, a DFA once a large input has been searched) finds the names, demonyms and
//! metonyms of the gazetteer (leftmost-longest, whole words, case rules baked into the patterns). Then [`proper`] reads the capitalised words the
//! gazetteer does not cover as names of people and organisations, and links their short forms
//! (a later surname, an acronym) to the full name. [`merge`] joins such entities across
//! documents.
mod merge;
mod proper;

pub use merge::merge_entities;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};
use claimdiff_core::{fold_char, Entity, EntityKind};

use crate::{
    clean::Sentence,
    error::Result,
    lexicon::{lexicon_error, Sources},
    matcher::split_list,
    Lexicon,
};

const FILE: &str = "gazetteer.tsv";

/// Text searched (bytes of documents) after which the gazetteer builds its DFA: about where the
/// faster search pays back the build (~0.1 s for the embedded gazetteer).
const DFA_AFTER: usize = 32 << 20;

/// The gazetteer's automata over its surface forms, which find the same matches: a contiguous
/// NFA, built with the lexicon (a few times faster to build than a DFA, and smaller), and a DFA
/// (a few times faster to search), built by the search that passes [`DFA_AFTER`] bytes of text,
/// while the other threads go on with the NFA. Small inputs never pay for the DFA; large feeds
/// search most of their text with it. Which one finds a document's mentions changes nothing.
#[derive(Debug)]
struct Automata {
    nfa: AhoCorasick,
    dfa: std::sync::OnceLock<Option<AhoCorasick>>,
    /// Bytes of text searched so far.
    searched: std::sync::atomic::AtomicUsize,
    /// Bytes after which the DFA is built ([`DFA_AFTER`]; the tests lower it).
    dfa_after: usize,
    /// The surface forms, kept to build the DFA.
    surfaces: Vec<String>,
}

impl Automata {
    /// The NFA over `surfaces`; `None` when it cannot be built (only on pathological sizes:
    /// matching nothing is then the safe answer).
    fn new(surfaces: Vec<String>) -> Option<Automata> {
        let nfa = Automata::build(&surfaces, AhoCorasickKind::ContiguousNFA)?;
        Some(Automata {
            nfa,
            dfa: std::sync::OnceLock::new(),
            searched: std::sync::atomic::AtomicUsize::new(0),
            dfa_after: DFA_AFTER,
            surfaces,
        })
    }

    fn build(surfaces: &[String], kind: AhoCorasickKind) -> Option<AhoCorasick> {
        AhoCorasickBuilder::new()
            .kind(Some(kind))
            .match_kind(MatchKind::LeftmostLongest)
            .build(surfaces)
            .ok()
    }

    /// The automaton to search a document of `bytes` bytes with: the DFA once it is built (by
    /// this call, when it passes the threshold), else the NFA.
    fn searcher(&self, bytes: usize) -> &AhoCorasick {
        if let Some(Some(dfa)) = self.dfa.get() {
            return dfa;
        }
        let before = self
            .searched
            .fetch_add(bytes, std::sync::atomic::Ordering::Relaxed);
        if before < self.dfa_after && before.saturating_add(bytes) >= self.dfa_after {
            let dfa = self
                .dfa
                .get_or_init(|| Automata::build(&self.surfaces, AhoCorasickKind::DFA));
            if let Some(dfa) = dfa {
                return dfa;
            }
        }
        &self.nfa
    }
}

/// Containment chains longer than this are treated as cycles in user data and cut off.
const MAX_DEPTH: usize = 32;

/// How a gazetteer surface form names its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Name,
    Demonym,
    Metonym,
}

/// The word lists that guide the detection of names the gazetteer does not know.
#[derive(Debug, Default)]
pub(crate) struct Cues {
    /// Words that make a name an organisation when they start or end it (case-sensitive).
    pub org_cue: WordSet,
    /// Head words of titles, lowercase.
    pub title: WordSet,
    /// Words that may precede a head title, lowercase.
    pub title_modifier: WordSet,
    /// Capitalised words that never begin a name.
    pub common: WordSet,
    /// Words that are never part of a name.
    pub never: WordSet,
    /// Lowercase words allowed inside a name.
    pub connector: WordSet,
    /// Common given names.
    pub first_name: WordSet,
    /// Surname endings, lowercase, longest first.
    pub surname_suffix: Vec<String>,
    /// For each last byte, the positions in `surname_suffix` of the endings that end with it
    /// (and of an empty ending), in order; empty until the lists are sorted.
    surname_suffix_by_last: Vec<Vec<usize>>,
    /// Prepositions after which a metonym is the place itself, lowercase.
    pub locative: WordSet,
    /// Verb phrases whose capitalised subject is a person, lowercase.
    pub person_verb: Vec<String>,
    /// The first bytes of `person_verb` below 128, one bit each.
    person_verb_ascii_first: u128,
    /// Some `person_verb` starts with a byte of 128 or more.
    person_verb_other_first: bool,
    /// For each first byte, the positions in `person_verb` of the phrases that start with it
    /// (and of an empty phrase), in order; empty until the lists are sorted.
    person_verb_by_first: Vec<Vec<usize>>,
    /// The same verb phrases as a set, to look up a single word.
    pub person_verb_set: WordSet,
    /// Prepositions that make an unknown name after them a place ("near Arequipa"), lowercase.
    pub place_prep: WordSet,
    /// Nouns that make an unknown name before them or ending in them a place ("the Cayma
    /// district", "Colca Valley"), lowercase.
    pub place_noun: WordSet,
    /// Words that make a name an event, a law or a thing (case-sensitive).
    pub other_cue: WordSet,
    /// The first words of `other_cue`, which also work at the start of a name ("Storm Goretti").
    pub other_lead: WordSet,
}

/// A set of words with a cheap prefilter: a word whose first byte and length, or whose last
/// byte and length, no member shares is rejected without being hashed, as most words looked up
/// are.
#[derive(Debug)]
pub(crate) struct WordSet {
    words: HashSet<String>,
    /// For each first byte, one bit per word length (lengths from 31 up share the last bit).
    first: [u32; 256],
    /// For each last byte, one bit per word length, as `first`.
    last: [u32; 256],
}

impl Default for WordSet {
    fn default() -> WordSet {
        WordSet {
            words: HashSet::default(),
            first: [0; 256],
            last: [0; 256],
        }
    }
}

impl WordSet {
    /// The prefilter bit of a word of `len` bytes.
    #[inline]
    fn bit(len: usize) -> u32 {
        1 << len.min(31)
    }

    /// False when no member starts with byte `first`, ends with byte `last` and is `len` bytes
    /// long.
    #[inline]
    pub(crate) fn may_hold(&self, first: u8, last: u8, len: usize) -> bool {
        let bit = WordSet::bit(len);
        self.first[usize::from(first)] & bit != 0 && self.last[usize::from(last)] & bit != 0
    }

    /// [`WordSet::may_hold`] for a word (false for the empty word, which the prefilter does not
    /// cover).
    #[inline]
    fn may_hold_word(&self, word: &[u8]) -> bool {
        match (word.first(), word.last()) {
            (Some(&f), Some(&l)) => self.may_hold(f, l, word.len()),
            _ => false,
        }
    }

    /// Adds a word.
    pub fn insert(&mut self, word: String) {
        if let (Some(&f), Some(&l)) = (word.as_bytes().first(), word.as_bytes().last()) {
            let bit = WordSet::bit(word.len());
            self.first[usize::from(f)] |= bit;
            self.last[usize::from(l)] |= bit;
        }
        self.words.insert(word);
    }

    /// True when the set holds `word` as written.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        if word.is_empty() {
            return self.words.contains(word);
        }
        self.may_hold_word(word.as_bytes()) && self.words.contains(word)
    }

    /// True when the set holds `word` lowercased (as by [`str::to_lowercase`]), without
    /// allocating for short ASCII words.
    pub fn contains_lower(&self, word: &str) -> bool {
        /// ASCII words up to this length are lowercased on the stack.
        const SHORT: usize = 32;
        let bytes = word.as_bytes();
        let (Some(&f), Some(&l)) = (bytes.first(), bytes.last()) else {
            return self.words.contains(word);
        };
        if !word.is_ascii() {
            return self.contains(&word.to_lowercase());
        }
        if !self.may_hold(f.to_ascii_lowercase(), l.to_ascii_lowercase(), word.len()) {
            return false;
        }
        let mut buf = [0u8; SHORT];
        match buf.get_mut(..word.len()) {
            Some(lower) => {
                lower.copy_from_slice(bytes);
                lower.make_ascii_lowercase();
                std::str::from_utf8(lower).is_ok_and(|w| self.words.contains(w))
            }
            None => self.words.contains(&word.to_ascii_lowercase()),
        }
    }

    /// Removes `word`; true when the set held it. Its prefilter bits are cleared when no other
    /// word shares them (a scan of the set, meant for small sets whose words are removed at
    /// their first frequent use, such as "the").
    #[inline]
    pub fn remove(&mut self, word: &str) -> bool {
        if word.is_empty() {
            return self.words.remove(word);
        }
        // Most words fail the prefilter: decided here, without a call.
        self.may_hold_word(word.as_bytes()) && self.remove_held(word)
    }

    /// [`WordSet::remove`] for a word that passed the prefilter (not empty).
    fn remove_held(&mut self, word: &str) -> bool {
        if !self.words.remove(word) {
            return false;
        }
        let bit = WordSet::bit(word.len());
        let (f, l) = (word.as_bytes().first(), word.as_bytes().last());
        let same_len = |w: &&String| WordSet::bit(w.len()) == bit;
        let (mut first_shared, mut last_shared) = (false, false);
        for w in self.words.iter().filter(same_len) {
            first_shared |= w.as_bytes().first() == f;
            last_shared |= w.as_bytes().last() == l;
        }
        if let (Some(&f), false) = (f, first_shared) {
            self.first[usize::from(f)] &= !bit;
        }
        if let (Some(&l), false) = (l, last_shared) {
            self.last[usize::from(l)] &= !bit;
        }
        true
    }

    /// True when the set has no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

impl Extend<String> for WordSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, words: I) {
        for w in words {
            self.insert(w);
        }
    }
}

/// One entity row while the file is read.
struct Row {
    entity: Entity,
    names: Vec<(String, Form)>,
    within: Option<(String, String, usize)>,
}

/// Countries, demonyms, capitals and cities (with metonymy and containment), organisations.
#[derive(Debug, Default)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
    parent: Vec<Option<usize>>,
    country: Vec<Option<usize>>,
    automaton: Option<Automata>,
    patterns: Vec<(usize, Form)>,
    exact: HashMap<String, usize>,
    lowercase: HashMap<String, usize>,
    pub(crate) cues: Cues,
}

impl Gazetteer {
    pub(crate) fn load(s: &Sources) -> Result<Gazetteer> {
        let mut rows: Vec<Row> = Vec::new();
        let mut row_of: HashMap<String, usize> = HashMap::default();
        let mut cues = Cues::default();
        for (origin, line_no, line) in s.lines(FILE) {
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            if let Some(list) = fields.first().and_then(|f| f.strip_prefix('@')) {
                let words = fields.get(1).copied().unwrap_or_default();
                add_cues(&mut cues, list, words).map_err(|m| lexicon_error(origin, line_no, m))?;
                continue;
            }
            let row = parse_row(&fields).map_err(|m| lexicon_error(origin, line_no, m))?;
            let within = row.within.map(|w| (w, origin.to_string(), line_no));
            match row_of.get(&row.entity.id) {
                Some(&i) => {
                    // A repeated id (typically in a user file) extends the earlier entity.
                    let old = &mut rows[i];
                    if !row.entity.name.is_empty() {
                        old.entity.name = row.entity.name;
                        old.entity.kind = row.entity.kind;
                    }
                    old.names.extend(row.names);
                    if within.is_some() {
                        old.within = within;
                    }
                }
                None => {
                    row_of.insert(row.entity.id.clone(), rows.len());
                    rows.push(Row {
                        entity: row.entity,
                        names: row.names,
                        within,
                    });
                }
            }
        }
        cues.surface_sort();

        let mut parent = Vec::with_capacity(rows.len());
        for row in &rows {
            let p = match &row.within {
                None => None,
                Some((w, origin, line)) => match row_of.get(w) {
                    Some(&i) => Some(i),
                    None => {
                        return Err(lexicon_error(
                            origin,
                            *line,
                            format!("unknown container {w:?} for {:?}", row.entity.id),
                        ))
                    }
                },
            };
            parent.push(p);
        }

        let ids: Vec<String> = rows.iter().map(|r| r.entity.id.clone()).collect();
        let mut entities = Vec::with_capacity(rows.len());
        let mut surfaces: Vec<(String, usize, Form)> = Vec::new();
        let mut surface_at: HashMap<String, usize> = HashMap::default();
        for (i, row) in rows.into_iter().enumerate() {
            let mut entity = row.entity;
            entity.within = parent
                .get(i)
                .copied()
                .flatten()
                .and_then(|p| ids.get(p).cloned());
            let mut names = vec![(entity.name.clone(), Form::Name)];
            names.extend(row.names);
            for (name, form) in &names {
                for v in variants(name) {
                    match surface_at.get(&v) {
                        // The first entity to claim a surface keeps it; the same entity may
                        // upgrade a plain name to a metonym ("Moscow" is both).
                        Some(&k) => {
                            if surfaces[k].1 == i && *form == Form::Metonym {
                                surfaces[k].2 = Form::Metonym;
                            }
                        }
                        None => {
                            surface_at.insert(v.clone(), surfaces.len());
                            surfaces.push((v, i, *form));
                        }
                    }
                }
            }
            let mut aliases: Vec<String> = names
                .iter()
                .filter(|(n, f)| *f == Form::Name && *n != entity.name)
                .map(|(n, _)| n.clone())
                .collect();
            aliases.sort();
            aliases.dedup();
            entity.aliases = aliases;
            entities.push(entity);
        }
        let by_id: HashMap<String, usize> = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();

        let mut exact = HashMap::default();
        let mut lowercase = HashMap::default();
        for (s, i, _) in &surfaces {
            exact.entry(s.clone()).or_insert(*i);
            if s.chars().any(char::is_lowercase) {
                lowercase.entry(s.to_lowercase()).or_insert(*i);
            }
        }

        let automaton = if surfaces.is_empty() {
            None
        } else {
            Automata::new(surfaces.iter().map(|(s, _, _)| s.clone()).collect())
        };
        let patterns = surfaces.iter().map(|(_, i, f)| (*i, *f)).collect();

        let country = (0..entities.len())
            .map(|i| country_of(&entities, &parent, i))
            .collect();
        Ok(Gazetteer {
            entities,
            by_id,
            parent,
            country,
            automaton,
            patterns,
            exact,
            lowercase,
            cues,
        })
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).and_then(|&i| self.entities.get(i))
    }

    /// Every entity, in file order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The country an entity stands for or lies in (Baku, the Kremlin, Yekaterinburg → their
    /// country; a country → itself). International organisations and unknown ids give `None`.
    pub fn affiliation(&self, id: &str) -> Option<&str> {
        let i = *self.by_id.get(id)?;
        let c = (*self.country.get(i)?)?;
        self.entities.get(c).map(|e| e.id.as_str())
    }

    /// True when `inner` lies in `outer` (directly or through a chain of containment).
    pub fn contains(&self, outer: &str, inner: &str) -> bool {
        let (Some(&o), Some(&i)) = (self.by_id.get(outer), self.by_id.get(inner)) else {
            return false;
        };
        let mut at = self.parent.get(i).copied().flatten();
        for _ in 0..MAX_DEPTH {
            match at {
                Some(p) if p == o => return true,
                Some(p) => at = self.parent.get(p).copied().flatten(),
                None => return false,
            }
        }
        false
    }

    /// The id of the entity a name, alias, demonym or metonym stands for ("the U.S." →
    /// `united-states`, "Azeri" → `azerbaijan`). Exact spellings first; then any case, except
    /// for all-capital acronyms, which must match exactly ("us" is not the U.S.). A trailing
    /// possessive is ignored.
    pub fn resolve(&self, name: &str) -> Option<&str> {
        let name = name.trim();
        let name = strip_possessive(name);
        let i = match self.exact.get(name) {
            Some(&i) => i,
            None => *self.lowercase.get(&name.to_lowercase())?,
        };
        self.entities.get(i).map(|e| e.id.as_str())
    }

    /// Gazetteer mentions in `text[start..end]`, appended to `out` in text order, found with
    /// `ac` (one of [`Automata`]).
    fn find_in(
        &self,
        ac: &AhoCorasick,
        text: &str,
        start: usize,
        end: usize,
        out: &mut Vec<EntityMention>,
    ) {
        let mut pos = start;
        // The last place named plainly in this sentence, so that a coordinated one ("in Darfur
        // and Khartoum") is read as a place too.
        let mut last_place: Option<usize> = None;
        while pos < end {
            let Some(m) = ac.find(Input::new(text).span(pos..end)) else {
                break;
            };
            let (s, e) = (m.start(), m.end());
            let Some(&(ent, form)) = self.patterns.get(m.pattern().as_usize()) else {
                break;
            };
            if !whole_word(text, s, e) || self.in_compound(text, s, e) {
                // A longer word ("Russiagate") hides no other match at this start but may hide
                // one that starts inside it: resume one character further.
                pos = next_char(text, s);
                continue;
            }
            let kind = match form {
                Form::Name => MentionKind::Name,
                Form::Demonym => MentionKind::Demonym,
                Form::Metonym
                    if self.after_locative(text, start, s)
                        || last_place.is_some_and(|e| coordinated(text, e, s)) =>
                {
                    MentionKind::Name
                }
                Form::Metonym => MentionKind::Metonym,
            };
            if let Some(entity) = self.entities.get(ent) {
                let place = matches!(entity.kind, EntityKind::Place | EntityKind::Country);
                last_place = (place && kind == MentionKind::Name).then_some(e);
                out.push(EntityMention {
                    start: s,
                    end: e,
                    entity: entity.id.clone(),
                    kind,
                });
            }
            pos = e;
        }
    }

    /// True when a match is glued by a hyphen to a capitalised word the gazetteer does not know,
    /// as "Montana" in "Crans-Montana": part of another name ("Russia-Ukraine" is two names).
    fn in_compound(&self, text: &str, start: usize, end: usize) -> bool {
        let unknown = |w: &str| w.starts_with(char::is_uppercase) && !self.exact.contains_key(w);
        let before = text
            .get(..start)
            .and_then(|t| t.strip_suffix('-'))
            .and_then(|t| {
                let from = t
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| c.is_alphanumeric())
                    .last()
                    .map(|(i, _)| i)?;
                t.get(from..)
            });
        let after = text.get(end..).and_then(|t| t.strip_prefix('-')).map(|t| {
            let to = t.find(|c: char| !c.is_alphanumeric()).unwrap_or(t.len());
            &t[..to]
        });
        before.is_some_and(unknown) || after.is_some_and(unknown)
    }

    /// True when the word before `at` (skipping "the") is a locative preposition ("in Moscow").
    fn after_locative(&self, text: &str, floor: usize, at: usize) -> bool {
        let mut before = text.get(floor..at).unwrap_or_default();
        for _ in 0..2 {
            let Some((rest, word)) = last_word(before) else {
                return false;
            };
            let lower = word.to_ascii_lowercase();
            if lower == "the" {
                before = rest;
                continue;
            }
            return self.cues.locative.contains(&lower);
        }
        false
    }
}

/// Fills one word list from a `@list` row.
fn add_cues(cues: &mut Cues, list: &str, words: &str) -> std::result::Result<(), String> {
    let words = split_list(words);
    match list {
        "org_cue" => cues.org_cue.extend(words.map(str::to_string)),
        "title" => cues.title.extend(words.map(str::to_lowercase)),
        "title_modifier" => cues.title_modifier.extend(words.map(str::to_lowercase)),
        "common" => cues.common.extend(words.map(str::to_string)),
        "never" => cues.never.extend(words.map(str::to_string)),
        "connector" => cues.connector.extend(words.map(str::to_string)),
        "first_name" => cues.first_name.extend(words.map(str::to_string)),
        "surname_suffix" => cues.surname_suffix.extend(words.map(str::to_lowercase)),
        "locative" => cues.locative.extend(words.map(str::to_lowercase)),
        "person_verb" => cues.person_verb.extend(words.map(str::to_lowercase)),
        "place_prep" => cues.place_prep.extend(words.map(str::to_lowercase)),
        "place_noun" => cues.place_noun.extend(words.map(str::to_lowercase)),
        "other_cue" => {
            for (k, w) in words.enumerate() {
                if k < 5 {
                    cues.other_lead.insert(w.to_string());
                }
                cues.other_cue.insert(w.to_string());
            }
        }
        other => return Err(format!("unknown word list @{other}")),
    }
    Ok(())
}

/// For each byte value, the positions (in order) of the phrases whose `byte` (first or last) it
/// is; an empty phrase is listed under every byte.
fn positions_by_byte(phrases: &[String], byte: impl Fn(&[u8]) -> Option<&u8>) -> Vec<Vec<usize>> {
    let mut by_byte = vec![Vec::new(); 256];
    for (k, p) in phrases.iter().enumerate() {
        match byte(p.as_bytes()) {
            Some(&b) => by_byte[usize::from(b)].push(k),
            None => by_byte.iter_mut().for_each(|l| l.push(k)),
        }
    }
    by_byte
}

impl Cues {
    /// Puts the longest suffixes and verb phrases first so the most specific one is tried first,
    /// and notes how verb phrases start.
    fn surface_sort(&mut self) {
        for list in [&mut self.surname_suffix, &mut self.person_verb] {
            list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            list.dedup();
        }
        for b in self.person_verb.iter().filter_map(|v| v.bytes().next()) {
            if b.is_ascii() {
                self.person_verb_ascii_first |= 1 << b;
            } else {
                self.person_verb_other_first = true;
            }
        }
        self.person_verb_by_first = positions_by_byte(&self.person_verb, <[u8]>::first);
        self.person_verb_set = WordSet::default();
        self.person_verb_set
            .extend(self.person_verb.iter().cloned());
        self.surname_suffix_by_last = positions_by_byte(&self.surname_suffix, <[u8]>::last);
    }

    /// The longest surname ending that `lower` ends with (the first in `surname_suffix`).
    pub fn surname_suffix_match(&self, lower: &str) -> Option<&str> {
        let ends = |s: &&String| lower.ends_with(s.as_str());
        let Some(bucket) = lower
            .as_bytes()
            .last()
            .and_then(|&b| self.surname_suffix_by_last.get(usize::from(b)))
        else {
            return self.surname_suffix.iter().find(ends).map(String::as_str);
        };
        bucket
            .iter()
            .filter_map(|&k| self.surname_suffix.get(k))
            .find(ends)
            .map(String::as_str)
    }

    /// The verb phrases that may start text whose first byte is `first` (those that start with
    /// it, and an empty one): a subset of `person_verb` holding every phrase that is a prefix.
    pub fn person_verbs_from(&self, first: Option<u8>) -> impl Iterator<Item = &str> {
        let bucket = first.and_then(|b| self.person_verb_by_first.get(usize::from(b)));
        let all = bucket.is_none().then(|| self.person_verb.iter());
        let some = bucket
            .into_iter()
            .flatten()
            .filter_map(|&k| self.person_verb.get(k));
        all.into_iter().flatten().chain(some).map(String::as_str)
    }

    /// False when no verb phrase can start text whose first byte is `b`, once lowercased.
    pub fn verb_may_start(&self, b: u8) -> bool {
        !b.is_ascii()
            || self.person_verb_other_first
            || self.person_verb_ascii_first & (1 << b.to_ascii_lowercase()) != 0
    }
}

/// Reads one entity row: id, kind, name, aliases, demonyms, metonyms, within.
fn parse_row(fields: &[&str]) -> std::result::Result<RowFields, String> {
    let field = |i: usize| -> &str {
        match fields.get(i).copied() {
            Some("-") | None => "",
            Some(f) => f,
        }
    };
    let id = field(0);
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(format!(
            "entity id {id:?} must be lowercase ASCII letters, digits and hyphens"
        ));
    }
    let kind = EntityKind::parse(field(1)).ok_or_else(|| {
        format!(
            "unknown kind {:?} for {id:?} (country, place, organisation, person, group, other)",
            field(1)
        )
    })?;
    let name = field(2).to_string();
    let mut names = Vec::new();
    for (i, form) in [(3, Form::Name), (4, Form::Demonym), (5, Form::Metonym)] {
        names.extend(split_list(field(i)).map(|n| (n.to_string(), form)));
    }
    let within = Some(field(6)).filter(|w| !w.is_empty()).map(str::to_string);
    Ok(RowFields {
        entity: Entity {
            id: id.to_string(),
            name,
            kind,
            aliases: Vec::new(),
            within: None,
        },
        names,
        within,
    })
}

/// The fields of one entity row, before containers are resolved.
struct RowFields {
    entity: Entity,
    names: Vec<(String, Form)>,
    within: Option<String>,
}

/// The country an entity is or lies in, following containers.
fn country_of(entities: &[Entity], parent: &[Option<usize>], i: usize) -> Option<usize> {
    let mut at = Some(i);
    for _ in 0..MAX_DEPTH {
        let k = at?;
        if entities.get(k)?.kind == EntityKind::Country {
            return Some(k);
        }
        at = parent.get(k).copied().flatten();
    }
    None
}

/// The spellings a surface form is matched in: as written, with a capitalised first letter,
/// in capitals (four letters or more), without diacritics, and with either apostrophe.
fn variants(name: &str) -> Vec<String> {
    let name = name.trim();
    if name.is_empty() {
        return Vec::new();
    }
    let mut base = vec![name.to_string()];
    let mut chars = name.chars();
    if let Some(first) = chars.next() {
        if first.is_lowercase() {
            base.push(first.to_uppercase().chain(chars).collect());
        }
    }
    if name.chars().any(char::is_lowercase)
        && name.chars().filter(|c| c.is_alphabetic()).count() >= 4
    {
        base.push(name.to_uppercase());
    }
    let mut out: Vec<String> = Vec::new();
    for b in base {
        let folded: String = b.chars().map(fold_char).collect();
        for v in [b, folded] {
            if v.contains('\'') {
                out.push(v.replace('\'', "\u{2019}"));
            }
            if v.contains('\u{2019}') {
                out.push(v.replace('\u{2019}', "'"));
            }
            out.push(v);
        }
    }
    let mut seen = HashSet::default();
    out.retain(|v| seen.insert(v.clone()));
    out
}

/// Strips a trailing possessive ("Russia's", "Baku’s", "Brothers'").
pub(crate) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word)
}

/// True when `text[start..end]` has no letter or digit right before or after it.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text
        .get(..start)
        .and_then(|t| t.chars().next_back())
        .is_some_and(char::is_alphanumeric);
    let after = text
        .get(end..)
        .and_then(|t| t.chars().next())
        .is_some_and(char::is_alphanumeric);
    !before && !after
}

/// True when only a comma or a coordinating word lies between two names ("Darfur and Khartoum").
fn coordinated(text: &str, end: usize, start: usize) -> bool {
    let gap = text.get(end..start).unwrap_or_default().trim();
    let gap = gap.strip_prefix(',').unwrap_or(gap).trim_start();
    matches!(gap, "" | "and" | "or" | "as well as")
}

/// The byte offset of the character after the one at `at`.
fn next_char(text: &str, at: usize) -> usize {
    let mut i = at + 1;
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The last word of `text` (letters, digits, apostrophes) and what comes before it.
fn last_word(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_end();
    let start = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '\'' || *c == '\u{2019}')
        .last()
        .map(|(i, _)| i)?;
    Some((&t[..start], &t[start..]))
}

/// How an entity is named at a mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MentionKind {
    /// Its canonical name or a listed alias.
    Name,
    /// A demonym ("Russian", "Azeri").
    Demonym,
    /// A place standing for its government ("Moscow", "the Kremlin").
    Metonym,
    /// A capitalised name not in the gazetteer (people, organisations).
    Proper,
    /// A short form of a name met earlier in the document ("Aliyev").
    Alias,
}

impl MentionKind {
    /// The lowercase name used in tests and debugging output.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Name => "name",
            MentionKind::Demonym => "demonym",
            MentionKind::Metonym => "metonym",
            MentionKind::Proper => "proper",
            MentionKind::Alias => "alias",
        }
    }
}

/// One entity mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityMention {
    /// First byte in the document text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Entity id.
    pub entity: String,
    /// How it is named.
    pub kind: MentionKind,
}

/// The entities of one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocEntities {
    /// Mentions in text order.
    pub mentions: Vec<EntityMention>,
    /// Entities not in the gazetteer (people, organisations), with the aliases seen.
    pub entities: Vec<Entity>,
}

/// Finds entity mentions in the kept sentences of a document text: gazetteer names, demonyms
/// and metonyms, then capitalised names of people and organisations (with their short forms
/// linked to the full name). Sentences out of range or off character boundaries are skipped.
pub fn find_entities(text: &str, sentences: &[Sentence], lex: &Lexicon) -> DocEntities {
    let gaz = &lex.gazetteer;
    let mut ranges: Vec<(usize, usize)> = sentences
        .iter()
        .map(|s| (s.start, s.end.min(text.len())))
        .filter(|&(s, e)| s < e && text.is_char_boundary(s) && text.is_char_boundary(e))
        .collect();
    ranges.sort_unstable();
    let mut known = Vec::new();
    if let Some(automata) = &gaz.automaton {
        let ac = automata.searcher(text.len());
        for &(s, e) in &ranges {
            gaz.find_in(ac, text, s, e, &mut known);
        }
    }
    let (proper, entities) = proper::find_proper(text, &ranges, gaz, &mut known);
    let mut mentions = known;
    mentions.extend(proper);
    mentions.sort_by(|a, b| a.start.cmp(&b.start).then(a.end.cmp(&b.end)));
    mentions.dedup_by(|b, a| a.start == b.start && a.end == b.end);
    DocEntities { mentions, entities }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Short words over a small alphabet, so that first bytes, last bytes and lengths collide.
    fn word() -> impl Strategy<Value = String> {
        "[aAbtTé]{0,4}"
    }

    /// The DFA, built once enough text has been searched, finds the same mentions as the NFA.
    #[test]
    fn dfa_finds_what_the_nfa_finds() {
        let lex = Lexicon::embedded().unwrap_or_else(|e| panic!("{e}"));
        let gaz = &lex.gazetteer;
        let Some(automata) = &gaz.automaton else {
            panic!("the embedded gazetteer has names");
        };
        // Every surface form in a sentence of its own, in several cases and with neighbours.
        let mut text = String::new();
        for (k, form) in automata.surfaces.iter().enumerate() {
            let form = match k % 3 {
                0 => form.clone(),
                1 => form.to_uppercase(),
                _ => format!("{form}n"),
            };
            text.push_str(&format!(
                "Officials in {form} and near Paris said the {form}'s aid. "
            ));
        }
        let Some(dfa) = Automata::build(&automata.surfaces, AhoCorasickKind::DFA) else {
            panic!("the DFA builds");
        };
        let (mut by_nfa, mut by_dfa) = (Vec::new(), Vec::new());
        gaz.find_in(&automata.nfa, &text, 0, text.len(), &mut by_nfa);
        gaz.find_in(&dfa, &text, 0, text.len(), &mut by_dfa);
        assert!(by_nfa.len() > automata.surfaces.len());
        assert_eq!(by_nfa, by_dfa);
    }

    /// The search that passes the threshold builds the DFA; smaller inputs keep the NFA.
    #[test]
    fn the_dfa_is_built_past_the_threshold() {
        let surfaces = vec!["Paris".to_string(), "France".to_string()];
        let Some(mut a) = Automata::new(surfaces) else {
            panic!("the NFA builds");
        };
        a.dfa_after = 100;
        assert!(std::ptr::eq(a.searcher(60), &a.nfa));
        assert!(a.dfa.get().is_none());
        let crossing = a.searcher(60);
        assert!(!std::ptr::eq(crossing, &a.nfa));
        assert_eq!(crossing.kind(), AhoCorasickKind::DFA);
        assert_eq!(a.searcher(1).kind(), AhoCorasickKind::DFA);
    }

    proptest! {
        /// The prefiltered set answers as a plain set, also after removals clear filter bits.
        #[test]
        fn word_set_matches_plain_set(
            members in prop::collection::vec(word(), 0..8),
            removed in prop::collection::vec(word(), 0..8),
            probes in prop::collection::vec(word(), 0..16),
        ) {
            let mut set = WordSet::default();
            set.extend(members.iter().cloned());
            let mut plain: std::collections::HashSet<String> = members.into_iter().collect();
            for r in &removed {
                prop_assert_eq!(set.remove(r), plain.remove(r));
            }
            prop_assert_eq!(set.is_empty(), plain.is_empty());
            for p in probes.iter().chain(&removed) {
                prop_assert_eq!(set.contains(p), plain.contains(p));
                prop_assert_eq!(set.contains_lower(p), plain.contains(&p.to_lowercase()));
            }
        }

        /// The verb phrases offered for a text's first byte include every phrase it starts with.
        #[test]
        fn person_verbs_from_keeps_every_prefix(
            verbs in prop::collection::vec("[sa é]{0,3}", 0..8),
            head in "[sa é]{0,5}",
        ) {
            let mut cues = Cues { person_verb: verbs, ..Cues::default() };
            cues.surface_sort();
            let prefixes = |all: Vec<&str>| -> Vec<String> {
                let mut v: Vec<String> =
                    all.into_iter().filter(|v| head.starts_with(v)).map(str::to_string).collect();
                v.sort();
                v
            };
            let offered = prefixes(cues.person_verbs_from(head.bytes().next()).collect());
            let plain = prefixes(cues.person_verb.iter().map(String::as_str).collect());
            prop_assert_eq!(offered, plain);
        }
    }
}
