//! Who said a value, and how firmly: clause segmentation and speech cues.
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use claimdiff_core::Modality;

use crate::speech::{Cue, CueClass};

/// The attribution of one value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Attribution {
    /// The speaker's words and their byte range in the sentence.
    pub speaker: Option<(usize, usize)>,
    pub modality: Modality,
    pub negated: bool,
}

/// Words that open a sentence or clause without being part of its subject.
const LEADING: &[&str] = &[
    "however",
    "meanwhile",
    "moreover",
    "but",
    "and",
    "also",
    "instead",
    "still",
    "yet",
    "so",
    "thus",
    "then",
    "now",
    "later",
    "earlier",
    "separately",
    "previously",
    "initially",
    "in",
    "response",
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "despite",
    "this",
    "that",
    "while",
    "although",
    "though",
    "whereas",
    "as",
    "since",
    "after",
    "when",
];

/// Words between a subject and its verb that are not part of the subject.
const TRAILING: &[&str] = &[
    "have",
    "has",
    "had",
    "also",
    "now",
    "later",
    "then",
    "again",
    "still",
    "first",
    "initially",
    "previously",
    "recently",
    "would",
    "will",
    "could",
    "may",
    "might",
    "did",
    "does",
    "do",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "not",
    "never",
    "quickly",
    "swiftly",
    "repeatedly",
    "publicly",
    "officially",
    "formally",
    "earlier",
    "who",
    "which",
    "that",
];

/// Pronouns that stand for an earlier speaker.
pub(crate) const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

/// Where clauses are cut: a cut falls after the first byte of each occurrence. Lowercase; matched
/// ignoring ASCII case.
const CUTS: [&str; 9] = [
    "; ",
    ", while ",
    ", whereas ",
    ", but ",
    ", however",
    " but ",
    " — ",
    " -- ",
    ": ",
];

/// All of [`CUTS`] in one automaton reporting every occurrence (`None` only if it cannot be
/// built, when [`cuts_plain`] serves).
static CUT_FINDER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(CUTS)
        .ok()
});

/// The cut offsets of [`CUTS`] in `s`, each phrase's occurrences taken left to right without
/// overlapping one another (as repeated `find`s from the end of the previous one take them).
fn cuts(s: &str, out: &mut Vec<usize>) {
    let Some(ac) = CUT_FINDER.as_ref() else {
        return cuts_plain(s, out);
    };
    // Per phrase, where its next occurrence may start. The overlapping search reports each
    // phrase's occurrences in the order of their ends, hence of their starts.
    let mut next = [0usize; CUTS.len()];
    for m in ac.find_overlapping_iter(s) {
        if let Some(from) = next.get_mut(m.pattern().as_usize()) {
            if m.start() >= *from {
                out.push(m.start() + 1);
                *from = m.end();
            }
        }
    }
}

/// [`cuts`] by one `find` after another, phrase by phrase, on the lowercased text.
fn cuts_plain(s: &str, out: &mut Vec<usize>) {
    let lower = s.to_ascii_lowercase();
    for pat in CUTS {
        let mut from = 0;
        while let Some(i) = lower.get(from..).and_then(|rest| rest.find(pat)) {
            out.push(from + i + 1);
            from += i + pat.len();
        }
    }
}

/// Splits a sentence into clauses: byte ranges that a speech cue's reach does not cross.
pub(crate) fn clauses(s: &str) -> Vec<(usize, usize)> {
    let mut cuts_at: Vec<usize> = Vec::new();
    cuts(s, &mut cuts_at);
    // A sentence that opens with a subordinate clause ("While X claimed …, Y suspects …") ends
    // that clause at its first comma.
    let head = |n: usize| s.as_bytes().get(..n);
    if ["while ", "although ", "though ", "whereas ", "even as "]
        .iter()
        .any(|opener| head(opener.len()).is_some_and(|h| h.eq_ignore_ascii_case(opener.as_bytes())))
    {
        if let Some(i) = s.find(", ") {
            cuts_at.push(i + 1);
        }
    }
    cuts_at.sort_unstable();
    cuts_at.dedup();
    let mut out = Vec::new();
    let mut start = 0;
    for c in cuts_at {
        if c > start && c < s.len() {
            out.push((start, c));
            start = c;
        }
    }
    out.push((start, s.len()));
    out
}

/// Attributes the value at `pos` (a byte offset in `s`) given the cues of the sentence and its
/// [`clauses`].
pub(crate) fn attribute(
    s: &str,
    clauses: &[(usize, usize)],
    pos: usize,
    cues: &[Cue],
) -> Attribution {
    let clause = clauses
        .iter()
        .copied()
        .find(|&(a, b)| pos >= a && pos < b)
        .unwrap_or((0, s.len()));
    let in_clause: Vec<&Cue> = cues
        .iter()
        .filter(|c| c.start >= clause.0 && c.end <= clause.1)
        .collect();
    let negated = in_clause.iter().any(|c| {
        c.class == CueClass::Negation
            && c.end <= pos
            && word_count(&s[c.end..pos]) <= 3
            && !s[c.end..pos].contains(',')
    });
    let hedged = in_clause
        .iter()
        .any(|c| c.class == CueClass::Hedge && (c.end <= pos || c.start > pos));

    // "According to X, …": X speaks for the whole clause, unless the value lies inside X.
    for c in &in_clause {
        if c.class == CueClass::According {
            let end = phrase_end(s, c.end, clause.1);
            if !(pos >= c.end && pos < end) {
                return Attribution {
                    speaker: trim_phrase(s, c.end, end),
                    modality: if hedged { Modality::Hedged } else { c.modality },
                    negated,
                };
            }
        }
    }

    let speech = |c: &&&Cue| {
        matches!(
            c.class,
            CueClass::Verb | CueClass::Participle | CueClass::Noun
        )
    };
    let before: Vec<&&Cue> = in_clause
        .iter()
        .filter(|c| c.end <= pos)
        .filter(speech)
        .collect();
    if let Some(nearest) = before.last() {
        // A cue of accusation, suspicion or denial earlier in the clause colours a plainer one
        // nearer the value ("alleging in a statement from X that …").
        let coloured = before
            .iter()
            .rev()
            .map(|c| c.modality)
            .find(|m| {
                matches!(
                    m,
                    Modality::Alleged | Modality::Suspected | Modality::Denied
                )
            })
            .filter(|_| nearest.modality == Modality::Reported)
            .unwrap_or(nearest.modality);
        let mut modality = coloured;
        let speaker = match nearest.class {
            // "X's explanation of Y": X's own claim, whatever the clause says of it.
            CueClass::Noun => match possessor(s, nearest.start, clause.0) {
                Some(p) => {
                    modality = nearest.modality;
                    Some(p)
                }
                None => source_after(s, nearest.end, pos)
                    .or_else(|| clause_subject(s, clause, &in_clause)),
            },
            CueClass::Participle => {
                source_after(s, nearest.end, pos).or_else(|| clause_subject(s, clause, &in_clause))
            }
            _ => subject_before(s, clause.0, nearest.start),
        };
        return Attribution {
            speaker,
            modality,
            negated,
        };
    }

    // "…, X said." / "…," said X.: a verb closing the clause speaks for what precedes it.
    if let Some(c) = in_clause
        .iter()
        .find(|c| c.class == CueClass::Verb && c.start > pos)
    {
        // What follows the verb up to the next comma ("said on Wednesday, as rescuers …").
        let after = &s[c.end..clause.1];
        let after = after.find(',').map_or(after, |i| &after[..i]);
        if word_count(after) <= 6 {
            let head = &s[clause.0..c.start];
            // A comma or a closing quote; an apostrophe after a letter is a possessive
            // ("Albania's Central Election Commission said").
            let cut = head
                .char_indices()
                .rev()
                .find(|&(i, ch)| {
                    matches!(ch, ',' | '"' | '”')
                        || (matches!(ch, '\'' | '’')
                            && !head[..i]
                                .chars()
                                .next_back()
                                .is_some_and(char::is_alphanumeric))
                })
                .map(|(i, ch)| clause.0 + i + ch.len_utf8());
            let speaker = match cut {
                // The speaker is a noun phrase: "…, has been marked by diplomatic disputes" is not.
                Some(cut)
                    if cut > pos
                        && word_count(&s[cut..c.start]) >= 1
                        && !s[cut..c.start].split_whitespace().any(|w| {
                            matches!(
                                w,
                                "has"
                                    | "have"
                                    | "had"
                                    | "is"
                                    | "are"
                                    | "was"
                                    | "were"
                                    | "been"
                                    | "be"
                                    | "will"
                                    | "would"
                            )
                        }) =>
                {
                    trim_phrase(s, cut, c.start)
                }
                Some(cut) if cut > pos && word_count(&s[cut..c.start]) == 0 => {
                    trim_phrase(s, c.end, phrase_end(s, c.end, clause.1))
                }
                _ => None,
            };
            if speaker.is_some() {
                return Attribution {
                    speaker,
                    modality: c.modality,
                    negated,
                };
            }
        }
    }

    Attribution {
        speaker: None,
        modality: if hedged {
            Modality::Hedged
        } else {
            Modality::Asserted
        },
        negated,
    }
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The end of a noun phrase starting at `from`: the next comma, "that" or clause end.
fn phrase_end(s: &str, from: usize, limit: usize) -> usize {
    let tail = &s[from..limit];
    let mut end = limit;
    if let Some(i) = tail.find([',', ';', ':', '(']) {
        end = end.min(from + i);
    }
    for stop in [" that ", " who ", " which "] {
        if let Some(i) = tail.find(stop) {
            end = end.min(from + i);
        }
    }
    end
}

/// The subject before a verb: the words since the clause start (or the last comma), without
/// leading connectives and trailing auxiliaries or adverbs.
fn subject_before(s: &str, clause_start: usize, verb: usize) -> Option<(usize, usize)> {
    let head = &s[clause_start..verb];
    let start = match head.rfind(',') {
        Some(i) if word_count(&head[i + 1..]) >= 1 => {
            // "the Committee, who have stated": the relative pronoun stands for the phrase
            // before its comma.
            let after = head[i + 1..].trim_start().to_ascii_lowercase();
            if ["who ", "which ", "that "]
                .iter()
                .any(|r| after.starts_with(r))
            {
                let before = &head[..i];
                let from = before.rfind(',').map_or(0, |j| j + 1);
                return trim_phrase(s, clause_start + from, clause_start + i);
            }
            clause_start + i + 1
        }
        _ => clause_start,
    };
    trim_phrase(s, start, verb)
}

/// The subject of a clause: the words before its first verb cue, or its opening words.
fn clause_subject(s: &str, clause: (usize, usize), cues: &[&Cue]) -> Option<(usize, usize)> {
    if let Some(v) = cues.iter().find(|c| c.class == CueClass::Verb) {
        return subject_before(s, clause.0, v.start);
    }
    None
}

/// "X's statement", "the authorities' explanation": the possessor before a noun cue.
fn possessor(s: &str, noun: usize, clause_start: usize) -> Option<(usize, usize)> {
    let head = s[clause_start..noun].trim_end();
    let stripped = head
        .strip_suffix("'s")
        .or_else(|| head.strip_suffix("’s"))
        .or_else(|| head.strip_suffix('\''))
        .or_else(|| head.strip_suffix('’'))?;
    let end = clause_start + stripped.len();
    // Walk back over at most five words, stopping at punctuation or a preposition.
    let mut start = end;
    let mut words = 0;
    for (i, w) in stripped.rsplit(' ').enumerate() {
        let lw = w.to_ascii_lowercase();
        if i > 0
            && (w.is_empty()
                || w.ends_with(',')
                || matches!(
                    lw.as_str(),
                    "of" | "rejected"
                        | "rejects"
                        | "by"
                        | "from"
                        | "with"
                        | "in"
                        | "to"
                        | "on"
                        | "and"
                ))
        {
            break;
        }
        start = start.saturating_sub(w.len() + usize::from(i > 0));
        words += 1;
        if words >= 5 {
            break;
        }
    }
    trim_phrase(s, start.max(clause_start), end)
}

/// "a statement from X", "allegations by X": the source named after a cue, before `limit`.
fn source_after(s: &str, from: usize, limit: usize) -> Option<(usize, usize)> {
    let window = &s[from..limit];
    let lower = window.to_ascii_lowercase();
    for prep in [" from ", " by "] {
        if let Some(i) = lower.find(prep) {
            // Only close to the cue: "alleging in a statement from X" but not far away.
            if word_count(&window[..i]) <= 4 {
                let start = from + i + prep.len();
                let end = phrase_end(s, start, limit);
                return trim_phrase(s, start, end);
            }
        }
    }
    None
}

/// Trims a phrase to its content words: no leading connectives or articles of address, no
/// trailing auxiliaries or adverbs, no punctuation. None when nothing is left.
pub(crate) fn trim_phrase(s: &str, mut start: usize, mut end: usize) -> Option<(usize, usize)> {
    let is_trim = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | '"' | '“' | '”' | '\'' | '‘' | '’' | '-' | '—' | '(' | ')' | '.'
            )
    };
    loop {
        let seg = s.get(start..end)?;
        let t = seg.trim_start_matches(is_trim);
        start = end - t.len();
        let t2 = t.trim_end_matches(is_trim);
        end = start + t2.len();
        if t2.is_empty() {
            return None;
        }
        let first = t2.split_whitespace().next().unwrap_or_default();
        let first_l = first.trim_end_matches(',').to_ascii_lowercase();
        if LEADING.contains(&first_l.as_str()) && word_count(t2) > 1 {
            start += first.len();
            continue;
        }
        let last = t2.split_whitespace().last().unwrap_or_default();
        let last_l = last.to_ascii_lowercase();
        if (TRAILING.contains(&last_l.as_str()) || (last_l.ends_with("ly") && last_l.len() > 4))
            && word_count(t2) > 1
        {
            end -= last.len();
            continue;
        }
        // A subject longer than ten words is a clause we did not understand: say nothing.
        if word_count(t2) > 10 {
            return None;
        }
        return Some((start, end));
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{clauses, cuts, cuts_plain};

    /// The automaton's cuts, sorted, are the cuts of one `find` after another.
    fn check(s: &str) {
        let (mut fast, mut plain) = (Vec::new(), Vec::new());
        cuts(s, &mut fast);
        cuts_plain(s, &mut plain);
        fast.sort_unstable();
        plain.sort_unstable();
        assert_eq!(fast, plain, "{s:?}");
    }

    #[test]
    fn cuts_as_repeated_finds() {
        check("They said; but But it -- -- fell, However: the — dam — broke");
        // Phrases that overlap themselves: " but but " holds " but " once by `find`.
        check("a but but but b -- -- -- c");
        assert_eq!(
            clauses("While A said x, B said y; c"),
            [(0, 15), (15, 25), (25, 27)]
        );
    }

    proptest! {
        #[test]
        fn cuts_of_any_text(
            words in proptest::collection::vec(
                prop::sample::select(vec![
                    ";", ",", ":", " ", "but", "BUT", "while", "whereas", "however", "—", "-",
                    "--", "x",
                ]),
                0..24,
            ),
        ) {
            check(&words.concat());
        }
    }
}
