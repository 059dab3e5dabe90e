//! Whole-word phrase matching over text with one aho-corasick automaton.
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// A set of phrases matched case-insensitively (ASCII) on whole words, longest first.
#[derive(Debug, Clone)]
pub(crate) struct PhraseMatcher {
    automaton: Option<AhoCorasick>,
}

/// One phrase match: its byte range and the index of the phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PhraseMatch {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

impl PhraseMatcher {
    /// Builds a matcher; phrase `i` reports pattern `i`.
    pub(crate) fn new<I, S>(phrases: I) -> PhraseMatcher
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let phrases: Vec<String> = phrases
            .into_iter()
            .map(|p| p.as_ref().trim().to_string())
            .collect();
        PhraseMatcher {
            automaton: automaton(&phrases),
        }
    }

    /// Matches in `text`, whole words only, left to right, non-overlapping, the longest at each
    /// place. Every match is considered, so a longer phrase that is not a whole word ("plane
    /// crash" in "plane crashed") does not hide a shorter one that is ("crashed").
    pub(crate) fn find_iter(&self, text: &str) -> Vec<PhraseMatch> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        let mut all: Vec<PhraseMatch> = ac
            .find_overlapping_iter(text)
            .filter(|m| is_boundary(bytes, m.start(), m.end()))
            .map(|m| PhraseMatch {
                start: m.start(),
                end: m.end(),
                pattern: m.pattern().as_usize(),
            })
            .collect();
        all.sort_unstable_by(by_start_longest);
        longest_first(all)
    }
}

/// An automaton of trimmed phrases, matched case-insensitively (ASCII); `None` when there are no
/// phrases. Building fails only on pathological sizes; no matches is then the safe answer.
fn automaton(phrases: &[String]) -> Option<AhoCorasick> {
    if phrases.is_empty() {
        return None;
    }
    // A DFA: phrase lists are small and searched over all the text.
    AhoCorasickBuilder::new()
        .kind(Some(AhoCorasickKind::DFA))
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(phrases)
        .ok()
}

/// Match order for selection: by start, the longest first, then by pattern.
fn by_start_longest(a: &PhraseMatch, b: &PhraseMatch) -> std::cmp::Ordering {
    a.start
        .cmp(&b.start)
        .then(b.end.cmp(&a.end))
        .then(a.pattern.cmp(&b.pattern))
}

/// Keeps, left to right, each match that starts after the previous kept one ends (matches sorted
/// by [`by_start_longest`], so the longest at each place wins).
fn longest_first(sorted: impl IntoIterator<Item = PhraseMatch>) -> Vec<PhraseMatch> {
    let mut out: Vec<PhraseMatch> = Vec::new();
    for m in sorted {
        if out.last().is_none_or(|l| m.start >= l.end) {
            out.push(m);
        }
    }
    out
}

/// Several phrase sets searched in one pass over a whole document; each sentence then takes its
/// matches per set, exactly as [`PhraseMatcher::find_iter`] would find them in the sentence alone.
#[derive(Debug, Clone)]
pub(crate) struct PhraseSets {
    automaton: Option<AhoCorasick>,
    /// For each pattern of the automaton: its set and its index in that set.
    owner: Vec<(usize, usize)>,
}

/// Every match of a [`PhraseSets`] in a document (not yet checked for whole words), ordered for
/// selection.
#[derive(Debug, Default)]
pub(crate) struct SetHits {
    hits: Vec<(usize, PhraseMatch)>,
}

impl PhraseSets {
    /// One automaton over the phrases of `sets`; set `k` of a search result is `sets[k]`, and
    /// pattern `i` of a set is `sets[k][i]`.
    pub(crate) fn new(sets: &[&[String]]) -> PhraseSets {
        let mut phrases = Vec::new();
        let mut owner = Vec::new();
        for (k, set) in sets.iter().enumerate() {
            for (i, p) in set.iter().enumerate() {
                phrases.push(p.trim().to_string());
                owner.push((k, i));
            }
        }
        PhraseSets {
            automaton: automaton(&phrases),
            owner,
        }
    }

    /// Every occurrence of every phrase in `text`, overlapping ones included.
    pub(crate) fn scan(&self, text: &str) -> SetHits {
        let Some(ac) = &self.automaton else {
            return SetHits::default();
        };
        let mut hits: Vec<(usize, PhraseMatch)> = ac
            .find_overlapping_iter(text)
            .filter_map(|m| {
                let &(set, pattern) = self.owner.get(m.pattern().as_usize())?;
                Some((
                    set,
                    PhraseMatch {
                        start: m.start(),
                        end: m.end(),
                        pattern,
                    },
                ))
            })
            .collect();
        hits.sort_unstable_by(|a, b| by_start_longest(&a.1, &b.1).then(a.0.cmp(&b.0)));
        SetHits { hits }
    }
}

impl SetHits {
    /// The matches of set `set` that are whole words of `text[start..end]` (`text` is the scanned
    /// text), relative to `start`, selected like [`PhraseMatcher::find_iter`].
    pub(crate) fn within(
        &self,
        text: &str,
        (start, end): (usize, usize),
        set: usize,
    ) -> Vec<PhraseMatch> {
        let bytes = text.as_bytes();
        let word_at = |i: usize| bytes.get(i).is_some_and(|b| is_word_byte(*b));
        let from = self.hits.partition_point(|(_, m)| m.start < start);
        let inside = self
            .hits
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|(_, m)| m.start < end)
            .filter(|(k, m)| {
                *k == set
                    && m.end <= end
                    && (m.start == start || !word_at(m.start - 1))
                    && (m.end == end || !word_at(m.end))
            })
            .map(|(_, m)| PhraseMatch {
                start: m.start - start,
                end: m.end - start,
                pattern: m.pattern,
            });
        longest_first(inside)
    }
}

/// True when `[start, end)` is a whole word: no letter or digit just before or after.
pub(crate) fn is_boundary(bytes: &[u8], start: usize, end: usize) -> bool {
    let before = start
        .checked_sub(1)
        .and_then(|i| bytes.get(i))
        .is_some_and(|b| is_word_byte(*b));
    let after = bytes.get(end).is_some_and(|b| is_word_byte(*b));
    !before && !after
}

/// ASCII letters and digits count as word characters; punctuation such as the curly apostrophe of
/// "Russia’s" must not glue a word to its suffix, so non-ASCII bytes are boundaries.
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Splits a `|`-separated list, trimming and dropping empty entries.
pub(crate) fn split_list(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// True when an event kind matches a pattern (`Disaster.*`, `*`, or an exact kind).
pub(crate) fn kind_matches(pattern: &str, kind: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => kind.starts_with(prefix),
        None => pattern == kind,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{PhraseMatcher, PhraseSets};

    fn owned(set: &[&str]) -> Vec<String> {
        set.iter().map(|p| (*p).to_string()).collect()
    }

    /// Searching a document once and taking a sentence's matches gives what searching the
    /// sentence alone gives, set by set.
    fn check(text: &str, span: (usize, usize), sets: &[&[&str]]) {
        let sets: Vec<Vec<String>> = sets.iter().map(|s| owned(s)).collect();
        let refs: Vec<&[String]> = sets.iter().map(Vec::as_slice).collect();
        let hits = PhraseSets::new(&refs).scan(text);
        let sentence = &text[span.0..span.1];
        for (k, set) in sets.iter().enumerate() {
            let alone = PhraseMatcher::new(set).find_iter(sentence);
            assert_eq!(hits.within(text, span, k), alone, "set {k} in {sentence:?}");
        }
    }

    const SETS: &[&[&str]] = &[
        &["crash", "plane crash", "crashed", "attack"],
        &["said", "may", "claimed"],
        &["heart attack", "attack", "bird strike"],
    ];

    #[test]
    fn sentence_matches_equal_a_search_of_the_sentence() {
        let text = "Officials said.The plane crashed; a heart attack, they claimed. Crash!";
        check(text, (0, text.len()), SETS);
        // Sentence edges inside words and right after punctuation.
        for span in [
            (0, 15),
            (15, 38),
            (16, 42),
            (40, 62),
            (64, text.len()),
            (3, 3),
        ] {
            check(text, span, SETS);
        }
    }

    proptest! {
        #[test]
        fn any_sentence_of_any_text(
            words in proptest::collection::vec(
                prop::sample::select(vec![
                    "crash", "plane", "crashed", "heart", "attack", "said", "May", "bird",
                    "strike", "x", ",", ".", " ", "claimed", "Attack",
                ]),
                0..24,
            ),
            a in 0usize..200,
            b in 0usize..200,
        ) {
            let text: String = words.join(" ");
            let (a, b) = (a.min(text.len()), b.min(text.len()));
            check(&text, (a.min(b), a.max(b)), SETS);
        }
    }
}
