//! Whole-word phrase matching over text with one aho-corasick automaton.
use aho_corasick::{
    automaton::Automaton,
    dfa::{Builder, DFA},
    Anchored, MatchKind, PatternID,
};

/// One phrase match: its byte range and the index of the phrase in its set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PhraseMatch {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

/// A DFA of phrases, matched case-insensitively (ASCII) with every occurrence reported (standard
/// semantics), to be searched with [`each_occurrence`]. No prefilter: phrase lists start with too
/// many different bytes for one to pay, and without one the start state needs no special
/// handling.
pub(crate) fn build_automaton<P: AsRef<[u8]>>(
    phrases: &[P],
) -> Result<DFA, aho_corasick::BuildError> {
    Builder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .prefilter(false)
        .build(phrases)
}

/// [`build_automaton`] of trimmed phrases; `None` when there are no phrases. Building fails only
/// on pathological sizes; no matches is then the safe answer.
fn automaton(phrases: &[String]) -> Option<DFA> {
    if phrases.is_empty() {
        return None;
    }
    build_automaton(phrases).ok()
}

/// Calls `found(pattern, start, end)` for every occurrence of every pattern of `dfa` in
/// `haystack`, overlapping ones included: what `find_overlapping_iter` reports, through the
/// automaton's transition API so the loop per byte stays a table lookup and one comparison.
pub(crate) fn each_occurrence(
    dfa: &DFA,
    haystack: &[u8],
    mut found: impl FnMut(PatternID, usize, usize),
) {
    let Ok(mut sid) = dfa.start_state(Anchored::No) else {
        return;
    };
    let mut report = |sid, end: usize| {
        for i in 0..dfa.match_len(sid) {
            let pid = dfa.match_pattern(sid, i);
            found(pid, end - dfa.pattern_len(pid), end);
        }
    };
    // An empty phrase matches before the first byte too.
    if dfa.is_match(sid) {
        report(sid, 0);
    }
    for (at, &byte) in haystack.iter().enumerate() {
        sid = dfa.next_state(Anchored::No, sid, byte);
        if dfa.is_special(sid) {
            if dfa.is_dead(sid) {
                return;
            }
            if dfa.is_match(sid) {
                report(sid, at + 1);
            }
        }
    }
}

/// Keeps, left to right, each match that starts after the previous kept one ends (matches sorted
/// by start, the longest first, so the longest at each place wins).
fn longest_first(sorted: impl IntoIterator<Item = PhraseMatch>) -> Vec<PhraseMatch> {
    let mut out: Vec<PhraseMatch> = Vec::new();
    for m in sorted {
        if out.last().is_none_or(|l| m.start >= l.end) {
            out.push(m);
        }
    }
    out
}

/// Several sets of phrases matched case-insensitively (ASCII) on whole words, searched in one pass
/// over a whole document; each sentence (or any span) then takes its matches per set, exactly as a
/// search of the span alone would find them.
#[derive(Debug, Clone)]
pub(crate) struct PhraseSets {
    automaton: Option<DFA>,
    /// For each pattern of the automaton: its set and its index in that set.
    owner: Vec<(usize, usize)>,
}

/// Every match of a [`PhraseSets`] in a document (not yet checked for whole words), grouped by
/// set and ordered for selection within each set.
#[derive(Debug, Default)]
pub(crate) struct SetHits {
    /// `(set, match)`, by set, then by start, the longest first, then by pattern.
    hits: Vec<(usize, PhraseMatch)>,
    /// Where each set's matches begin in `hits`, and after the last set, `hits.len()`.
    bounds: Vec<usize>,
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
    #[cfg(test)]
    pub(crate) fn scan(&self, text: &str) -> SetHits {
        self.scan_spans(text, [(0, text.len())])
    }

    /// Every occurrence of every phrase lying inside one of `spans` of `text` (byte ranges, in
    /// any order, overlapping or not): enough for [`SetHits::within`] on any range inside one of
    /// them, which sees exactly what a scan of the whole text would give it, since a match it
    /// keeps lies inside its range. Overlapping and touching spans are searched as one run, so no
    /// occurrence is reported twice; bytes outside every span (dropped boilerplate) are never read.
    pub(crate) fn scan_spans(
        &self,
        text: &str,
        spans: impl IntoIterator<Item = (usize, usize)>,
    ) -> SetHits {
        let Some(dfa) = &self.automaton else {
            return SetHits::default();
        };
        let runs = merged_runs(spans, text.len());
        let searched: usize = runs.iter().map(|&(a, b)| b - a).sum();
        // Phrases are rare in prose: a match per 32 bytes is more than documents hold, mostly.
        let mut hits: Vec<(usize, PhraseMatch)> = Vec::with_capacity(searched / 32);
        for (from, to) in runs {
            let Some(run) = text.as_bytes().get(from..to) else {
                continue;
            };
            each_occurrence(dfa, run, |pid, start, end| {
                if let Some(&(set, pattern)) = self.owner.get(pid.as_usize()) {
                    hits.push((
                        set,
                        PhraseMatch {
                            start: from + start,
                            end: from + end,
                            pattern,
                        },
                    ));
                }
            });
        }
        let sets = self.owner.last().map_or(0, |&(k, _)| k + 1);
        SetHits::grouped(&hits, sets)
    }
}

/// The union of byte ranges `spans` (clamped to `len`, empty ones kept as points) as disjoint
/// runs in order, overlapping or touching ranges joined.
fn merged_runs(spans: impl IntoIterator<Item = (usize, usize)>, len: usize) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = spans
        .into_iter()
        .map(|(a, b)| (a.min(len), b.min(len)))
        .filter(|&(a, b)| a <= b)
        .collect();
    // Sentences come in text order already; sorting them again costs next to nothing.
    spans.sort_unstable();
    let mut runs: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        match runs.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => runs.push((a, b)),
        }
    }
    runs
}

impl SetHits {
    /// `hits` (in the order the automaton found them: by end) grouped by set, each set ordered by
    /// start, the longest first, then by pattern: the order of selection. A few passes over the
    /// hits group them, and each group, found by end, is mostly in order of start already, which
    /// the (run-detecting) stable sort makes short work of; keys are all distinct, so stable or
    /// not makes no difference.
    fn grouped(hits: &[(usize, PhraseMatch)], sets: usize) -> SetHits {
        let mut grouped = Vec::with_capacity(hits.len());
        let mut bounds = Vec::with_capacity(sets + 1);
        for k in 0..sets {
            let from = grouped.len();
            bounds.push(from);
            grouped.extend(hits.iter().filter(|(set, _)| *set == k));
            if let Some(group) = grouped.get_mut(from..) {
                group.sort_by_key(|&(_, m)| (m.start, std::cmp::Reverse(m.end), m.pattern));
            }
        }
        bounds.push(grouped.len());
        SetHits {
            hits: grouped,
            bounds,
        }
    }

    /// The matches of set `set` that are whole words of `text[start..end]` (`text` is the scanned
    /// text), relative to `start`: left to right, non-overlapping, the longest at each place.
    /// Every match is considered, so a longer phrase that is not a whole word ("plane crash" in
    /// "plane crashed") does not hide a shorter one that is ("crashed").
    pub(crate) fn within(
        &self,
        text: &str,
        (start, end): (usize, usize),
        set: usize,
    ) -> Vec<PhraseMatch> {
        let bytes = text.as_bytes();
        let word_at = |i: usize| bytes.get(i).is_some_and(|b| is_word_byte(*b));
        let of_set = match (self.bounds.get(set), self.bounds.get(set + 1)) {
            (Some(&a), Some(&b)) => self.hits.get(a..b).unwrap_or_default(),
            _ => &[],
        };
        let from = of_set.partition_point(|(_, m)| m.start < start);
        let inside = of_set
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|(_, m)| m.start < end)
            .filter(|(_, m)| {
                m.end <= end
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

    use super::PhraseSets;

    fn owned(set: &[&str]) -> Vec<String> {
        set.iter().map(|p| (*p).to_string()).collect()
    }

    /// Searching a document once and taking a span's matches gives what searching the span alone
    /// gives, set by set.
    fn check(text: &str, span: (usize, usize), sets: &[&[&str]]) {
        let sets: Vec<Vec<String>> = sets.iter().map(|s| owned(s)).collect();
        let refs: Vec<&[String]> = sets.iter().map(Vec::as_slice).collect();
        let hits = PhraseSets::new(&refs).scan(text);
        let sentence = &text[span.0..span.1];
        for (k, set) in sets.iter().enumerate() {
            let alone = PhraseSets::new(&[set.as_slice()]).scan(sentence).within(
                sentence,
                (0, sentence.len()),
                0,
            );
            assert_eq!(hits.within(text, span, k), alone, "set {k} in {sentence:?}");
        }
    }

    /// Scanning only some spans gives, for every range inside one of them, what scanning the
    /// whole text gives.
    fn check_spans(text: &str, spans: &[(usize, usize)], sets: &[&[&str]]) {
        let sets: Vec<Vec<String>> = sets.iter().map(|s| owned(s)).collect();
        let refs: Vec<&[String]> = sets.iter().map(Vec::as_slice).collect();
        let automaton = PhraseSets::new(&refs);
        let whole = automaton.scan(text);
        let some = automaton.scan_spans(text, spans.iter().copied());
        for &(a, b) in spans {
            // The span itself, and ranges inside it (a window before an entity, say).
            let (a, b) = (a.min(text.len()), b.min(text.len()).max(a.min(text.len())));
            for range in [
                (a, b),
                (a, (a + b) / 2),
                ((a + b) / 2, b),
                ((a + 1).min(b), b),
            ] {
                for k in 0..sets.len() {
                    assert_eq!(
                        some.within(text, range, k),
                        whole.within(text, range, k),
                        "set {k}, {range:?} of {spans:?} in {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn spans_scanned_alone_as_the_whole_text() {
        let text = "Officials said.The plane crashed; a heart attack, they claimed. Crash!";
        check_spans(text, &[(0, 15), (15, 38), (40, 62), (64, text.len())], SETS);
        // Overlapping, touching, unordered, empty and out-of-range spans.
        check_spans(
            text,
            &[(40, 62), (16, 42), (3, 3), (0, 16), (60, 500)],
            SETS,
        );
    }

    /// What `within` must give, the plain way: every occurrence of the set's phrases in the whole
    /// text by the library's overlapping search, sorted by start, the longest first, then by
    /// pattern, kept when a whole word of the range, then taken longest first.
    fn plain_within(
        text: &str,
        (start, end): (usize, usize),
        set: &[&str],
    ) -> Vec<super::PhraseMatch> {
        let phrases: Vec<&str> = set.iter().map(|p| p.trim()).collect();
        let Ok(ac) = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&phrases)
        else {
            return Vec::new();
        };
        let word_at = |i: usize| {
            text.as_bytes()
                .get(i)
                .is_some_and(|b| super::is_word_byte(*b))
        };
        let mut all: Vec<super::PhraseMatch> = ac
            .find_overlapping_iter(text)
            .map(|m| super::PhraseMatch {
                start: m.start(),
                end: m.end(),
                pattern: m.pattern().as_usize(),
            })
            .filter(|m| {
                m.start >= start
                    && m.end <= end
                    && m.start < end
                    && (m.start == start || !word_at(m.start - 1))
                    && (m.end == end || !word_at(m.end))
            })
            .map(|m| super::PhraseMatch {
                start: m.start - start,
                end: m.end - start,
                pattern: m.pattern,
            })
            .collect();
        all.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.pattern));
        super::longest_first(all)
    }

    const SETS: &[&[&str]] = &[
        &["crash", "plane crash", "crashed", "attack"],
        &["said", "may", "claimed"],
        &["heart attack", "attack", "bird strike"],
    ];

    #[test]
    fn whole_words_longest_first() {
        let text = "The plane crashed after a heart attack, a plane crash, they said.";
        let sets = [owned(SETS[0]), owned(SETS[2])];
        let hits = PhraseSets::new(&[&sets[0], &sets[1]]).scan(text);
        let words = |k| -> Vec<&str> {
            hits.within(text, (0, text.len()), k)
                .iter()
                .map(|m| &text[m.start..m.end])
                .collect()
        };
        assert_eq!(words(0), ["crashed", "attack", "plane crash"]);
        assert_eq!(words(1), ["heart attack"]);
    }

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

    /// The occurrences the transition loop reports, in order, against the library's overlapping
    /// search over the same phrases.
    fn check_occurrences(phrases: &[&str], text: &str) {
        let phrases = owned(phrases);
        let Some(dfa) = super::automaton(&phrases) else {
            return;
        };
        let mut ours = Vec::new();
        super::each_occurrence(&dfa, text.as_bytes(), |p, s, e| {
            ours.push((p.as_usize(), s, e))
        });
        let plain = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&phrases)
            .map(|ac| {
                ac.find_overlapping_iter(text)
                    .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                    .collect::<Vec<_>>()
            });
        assert_eq!(Some(ours), plain.ok(), "{phrases:?} in {text:?}");
    }

    #[test]
    fn occurrences_as_the_overlapping_search() {
        let text = "The plane crashed after a heart attack, a plane crash, they said. Crash!";
        check_occurrences(&["crash", "plane crash", "crashed", "attack", "said"], text);
        // An empty phrase matches at every offset.
        check_occurrences(&["", "a", "aa"], "aaba");
        check_occurrences(&["x"], "");
    }

    /// Up to 24 words and marks from the phrases of `SETS` and a few others.
    fn sentence_words() -> impl Strategy<Value = Vec<&'static str>> {
        proptest::collection::vec(
            prop::sample::select(vec![
                "crash", "plane", "crashed", "heart", "attack", "said", "May", "bird", "strike",
                "x", ",", ".", " ", "claimed", "Attack",
            ]),
            0..24,
        )
    }

    proptest! {
        #[test]
        fn occurrences_of_any_phrases(
            phrases in proptest::collection::vec("[abAB ]{0,4}", 1..6),
            text in "[abcAB ]{0,40}",
        ) {
            let phrases: Vec<&str> = phrases.iter().map(String::as_str).collect();
            check_occurrences(&phrases, &text);
        }

        #[test]
        fn any_span_of_any_text(
            words in sentence_words(),
            a in 0usize..200,
            b in 0usize..200,
        ) {
            let text: String = words.join(" ");
            let (a, b) = (a.min(text.len()), b.min(text.len()));
            let span = (a.min(b), a.max(b));
            check(&text, span, SETS);
            let sets: Vec<Vec<String>> = SETS.iter().map(|s| owned(s)).collect();
            let refs: Vec<&[String]> = sets.iter().map(Vec::as_slice).collect();
            let hits = PhraseSets::new(&refs).scan(&text);
            for (k, set) in SETS.iter().enumerate() {
                prop_assert_eq!(hits.within(&text, span, k), plain_within(&text, span, set));
            }
        }

        #[test]
        fn any_spans_of_any_text(
            words in sentence_words(),
            spans in proptest::collection::vec((0usize..160, 0usize..60), 0..5),
        ) {
            let text: String = words.join(" ");
            let spans: Vec<(usize, usize)> = spans.iter().map(|&(a, n)| (a, a + n)).collect();
            check_spans(&text, &spans, SETS);
        }
    }
}
