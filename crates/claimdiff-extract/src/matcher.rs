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
        if phrases.is_empty() {
            return PhraseMatcher { automaton: None };
        }
        // Building fails only on pathological sizes; an empty matcher is then the safe answer.
        // A DFA: phrase lists are small and searched in every sentence.
        let automaton = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&phrases)
            .ok();
        PhraseMatcher { automaton }
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
        all.sort_unstable_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(a.pattern.cmp(&b.pattern))
        });
        let mut out: Vec<PhraseMatch> = Vec::with_capacity(all.len());
        for m in all {
            if out.last().is_none_or(|l| m.start >= l.end) {
                out.push(m);
            }
        }
        out
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
