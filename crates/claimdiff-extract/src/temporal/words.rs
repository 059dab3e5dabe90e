//! The compiled time words of `time_words.tsv` (its header documents the format).
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use aho_corasick::{AhoCorasick, MatchKind};

use super::tokens::Tokens;
use crate::{
    error::Result,
    lexicon::{lexicon_error, Sources},
    phrases::{LetterWords, Phrases, Vocab, WordId, Words},
};

/// The data file's name.
const FILE: &str = "time_words.tsv";

/// Flags of a month, weekday or season.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Flags {
    /// An abbreviation: a date part only when a day or a year follows.
    pub abbr: bool,
    /// Also an ordinary word: needs capitals or a date-like neighbour.
    pub ambiguous: bool,
}

/// A unit of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Years.
    Year,
    /// Hours (used only in whole days).
    Hour,
    /// A weekend (calendar periods only).
    Weekend,
    /// A quarter (calendar periods only).
    Quarter,
}

/// A unit word: its unit and multiplier (a decade is ten years).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    /// The unit.
    pub kind: UnitKind,
    /// How many of it one word means.
    pub count: i64,
}

/// How a part divides a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Division {
    /// Into this many equal parts (a quarter of a year).
    Equal(i64),
    /// Into runs of this many days (the first week of June).
    Days(i64),
}

/// Compiled time words (months, weekdays, seasons, fuzzy modifiers, relative words, cues).
#[derive(Debug, Default)]
pub struct TemporalLexicon {
    pub(crate) months: Phrases<(i8, Flags)>,
    pub(crate) weekdays: Phrases<(i8, Flags)>,
    pub(crate) seasons: Phrases<(i8, i8, Flags)>,
    pub(crate) parts: Phrases<Division>,
    pub(crate) part_letters: HashMap<WordId, Division>,
    pub(crate) fuzzy: Phrases<(f64, f64)>,
    pub(crate) days: Phrases<i64>,
    pub(crate) shifts: Phrases<i32>,
    pub(crate) windows: Phrases<()>,
    pub(crate) sides: Phrases<bool>,
    pub(crate) ago: Phrases<()>,
    pub(crate) since: Phrases<()>,
    pub(crate) units: Phrases<Unit>,
    pub(crate) numbers: Phrases<i64>,
    pub(crate) vague: Phrases<(i64, i64)>,
    pub(crate) ordinals: Phrases<i32>,
    pub(crate) future: Phrases<()>,
    pub(crate) past: Phrases<()>,
    pub(crate) duration_cues: Phrases<()>,
    pub(crate) approx: Phrases<()>,
    pub(crate) year_prep: HashSet<String>,
    pub(crate) year_nouns: HashSet<String>,
    pub(crate) not_year_after: HashSet<String>,
    pub(crate) number_words: HashSet<String>,
    /// Words that may start a time expression without a digit (the prefilter).
    trigger: Option<AhoCorasick>,
    /// The same words, when all are short runs of letters (a faster prefilter).
    trigger_words: Option<LetterWords>,
    /// Whether a rule of the grammar may start with a word, by its number; other words are
    /// skipped at once.
    starters: Vec<bool>,
    /// The rules of a point that may start with a word, by its number ([`super::parse::rule`]).
    point_rules: Vec<u32>,
    /// The compound rules that may start with a word, by its number
    /// ([`super::parse::compound`]).
    compound_rules: Vec<u8>,
    /// The numbered words of the phrases above.
    pub(crate) vocab: Vocab,
}

impl TemporalLexicon {
    pub(crate) fn load(s: &Sources) -> Result<TemporalLexicon> {
        let mut lex = TemporalLexicon::default();
        for (origin, line_no, line) in s.lines(FILE) {
            let err = |m: String| lexicon_error(origin, line_no, m);
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let kind = cols.first().copied().unwrap_or("");
            let phrase = cols.get(1).copied().unwrap_or("");
            let words: Vec<String> = phrase
                .split([' ', '-'])
                .filter(|w| !w.is_empty())
                .map(str::to_ascii_lowercase)
                .collect();
            if words.is_empty() {
                return Err(err(format!(
                    "row {kind:?} has no phrase in its second column"
                )));
            }
            let col = |n: usize| -> Result<&str> {
                cols.get(n)
                    .copied()
                    .filter(|c| !c.is_empty())
                    .ok_or_else(|| {
                        err(format!(
                            "row {kind:?} {phrase:?} needs a value in column {}",
                            n + 1
                        ))
                    })
            };
            let int = |n: usize| -> Result<i64> {
                let c = col(n)?;
                c.parse::<i64>().map_err(|_| {
                    err(format!(
                        "column {} of {phrase:?}: {c:?} is not a whole number",
                        n + 1
                    ))
                })
            };
            let float = |n: usize| -> Result<f64> {
                let c = col(n)?;
                match c.parse::<f64>() {
                    Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
                    _ => Err(err(format!(
                        "column {} of {phrase:?}: {c:?} is not a fraction from 0 to 1",
                        n + 1
                    ))),
                }
            };
            let flags = |n: usize| -> Result<Flags> {
                let mut f = Flags::default();
                for flag in cols.get(n).copied().unwrap_or("-").split('|') {
                    match flag.trim() {
                        "abbr" => f.abbr = true,
                        "ambiguous" => f.ambiguous = true,
                        "" | "-" => {}
                        other => {
                            return Err(err(format!(
                                "unknown flag {other:?} (expected abbr or ambiguous)"
                            )))
                        }
                    }
                }
                Ok(f)
            };
            let ranged = |v: i64, lo: i64, hi: i64| -> Result<i8> {
                if (lo..=hi).contains(&v) {
                    Ok(v as i8)
                } else {
                    Err(err(format!("{phrase:?}: {v} is outside {lo}..={hi}")))
                }
            };
            match kind {
                "month" => {
                    lex.months
                        .insert(&mut lex.vocab, &words, (ranged(int(2)?, 1, 12)?, flags(3)?))
                }
                "weekday" => {
                    lex.weekdays
                        .insert(&mut lex.vocab, &words, (ranged(int(2)?, 1, 7)?, flags(3)?))
                }
                "season" => lex.seasons.insert(
                    &mut lex.vocab,
                    &words,
                    (ranged(int(2)?, 1, 12)?, ranged(int(3)?, 1, 12)?, flags(4)?),
                ),
                "part" => {
                    let c = col(2)?;
                    let division = if let Some(days) = c.strip_suffix('d') {
                        Division::Days(days.parse::<i64>().ok().filter(|d| *d > 0).ok_or_else(
                            || {
                                err(format!(
                                    "{phrase:?}: {c:?} is not a count of days such as 7d"
                                ))
                            },
                        )?)
                    } else {
                        Division::Equal(int(2)?.clamp(1, 100))
                    };
                    if let Some(letter) = cols.get(3).filter(|l| !l.is_empty() && **l != "-") {
                        let id = lex.vocab.intern(&letter.to_ascii_lowercase());
                        lex.part_letters.insert(id, division);
                    }
                    lex.parts.insert(&mut lex.vocab, &words, division);
                }
                "fuzzy" => {
                    let (from, to) = (float(2)?, float(3)?);
                    if from >= to {
                        return Err(err(format!("{phrase:?}: FROM must be below TO")));
                    }
                    lex.fuzzy.insert(&mut lex.vocab, &words, (from, to));
                }
                "day" => lex
                    .days
                    .insert(&mut lex.vocab, &words, int(2)?.clamp(-1000, 1000)),
                "shift" => {
                    lex.shifts
                        .insert(&mut lex.vocab, &words, int(2)?.clamp(-100, 100) as i32)
                }
                "window" => lex.windows.insert(&mut lex.vocab, &words, ()),
                "side" => match col(2)? {
                    "before" => lex.sides.insert(&mut lex.vocab, &words, false),
                    "after" => lex.sides.insert(&mut lex.vocab, &words, true),
                    other => {
                        return Err(err(format!("{phrase:?}: {other:?} is not before or after")))
                    }
                },
                "ago" => lex.ago.insert(&mut lex.vocab, &words, ()),
                "since" => lex.since.insert(&mut lex.vocab, &words, ()),
                "unit" => {
                    let kind = match col(2)? {
                        "D" => UnitKind::Day,
                        "W" => UnitKind::Week,
                        "M" => UnitKind::Month,
                        "Y" => UnitKind::Year,
                        "H" => UnitKind::Hour,
                        "E" => UnitKind::Weekend,
                        "Q" => UnitKind::Quarter,
                        other => {
                            return Err(err(format!("{phrase:?}: unknown unit letter {other:?}")))
                        }
                    };
                    lex.units.insert(
                        &mut lex.vocab,
                        &words,
                        Unit {
                            kind,
                            count: int(3)?.clamp(1, 1000),
                        },
                    );
                }
                "number" => {
                    lex.number_words.extend(words.iter().cloned());
                    lex.numbers
                        .insert(&mut lex.vocab, &words, int(2)?.clamp(0, 1_000_000));
                }
                "vague" => {
                    let (lo, hi) = (int(2)?.clamp(0, 1000), int(3)?.clamp(0, 1000));
                    lex.vague
                        .insert(&mut lex.vocab, &words, (lo.min(hi), lo.max(hi)));
                }
                "ordinal" => {
                    lex.ordinals
                        .insert(&mut lex.vocab, &words, int(2)?.clamp(-1, 1000) as i32)
                }
                "future" => lex.future.insert(&mut lex.vocab, &words, ()),
                "past" => lex.past.insert(&mut lex.vocab, &words, ()),
                "duration_cue" => lex.duration_cues.insert(&mut lex.vocab, &words, ()),
                "approx" => lex.approx.insert(&mut lex.vocab, &words, ()),
                "year_prep" | "year_noun" | "not_year_after" => {
                    if words.len() != 1 {
                        return Err(err(format!("{kind} rows take one word, not {phrase:?}")));
                    }
                    let set = match kind {
                        "year_prep" => &mut lex.year_prep,
                        "year_noun" => &mut lex.year_nouns,
                        _ => &mut lex.not_year_after,
                    };
                    set.extend(words);
                }
                other => return Err(err(format!("unknown kind {other:?}"))),
            }
        }
        let mut starters: Vec<WordId> = (lex.months.firsts())
            .chain(lex.weekdays.firsts())
            .chain(lex.seasons.firsts())
            .chain(lex.fuzzy.firsts())
            .chain(lex.days.firsts())
            .chain(lex.shifts.firsts())
            .chain(lex.sides.firsts())
            .chain(lex.since.firsts())
            .chain(lex.units.firsts())
            .chain(lex.numbers.firsts())
            .chain(lex.vague.firsts())
            .chain(lex.ordinals.firsts())
            .chain(lex.duration_cues.firsts())
            .chain(lex.approx.firsts())
            .chain(lex.part_letters.keys().copied())
            .collect();
        let the = lex.vocab.intern("the");
        starters.extend([the, lex.vocab.intern("between"), lex.vocab.intern("from")]);
        lex.point_rules = super::parse::point_rules(&lex, the);
        lex.compound_rules = super::parse::compound_rules(&lex);
        for id in starters {
            let id = id as usize;
            if lex.starters.len() <= id {
                lex.starters.resize(id + 1, false);
            }
            if let Some(slot) = lex.starters.get_mut(id) {
                *slot = true;
            }
        }
        // Without a digit, a time expression must contain one of these words; a sentence that has
        // none of them is skipped before tokenizing.
        let v = &lex.vocab;
        let mut triggers: HashSet<&str> = HashSet::default();
        triggers.extend(
            lex.months
                .entries()
                .flat_map(|(w, _)| w)
                .map(|id| v.name(id)),
        );
        triggers.extend(
            lex.weekdays
                .entries()
                .flat_map(|(w, _)| w)
                .map(|id| v.name(id)),
        );
        triggers.extend(
            lex.seasons
                .entries()
                .flat_map(|(w, _)| w)
                .map(|id| v.name(id)),
        );
        triggers.extend(
            lex.units
                .entries()
                .flat_map(|(w, _)| w)
                .map(|id| v.name(id)),
        );
        triggers.extend(
            lex.days
                .entries()
                .filter_map(|(w, _)| w.last().map(|&id| v.name(id))),
        );
        let mut triggers: Vec<&str> = triggers.into_iter().filter(|w| w.len() > 1).collect();
        triggers.sort_unstable();
        lex.trigger_words = LetterWords::new(triggers.iter().copied());
        lex.trigger = Some(
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&triggers)
                .map_err(|e| {
                    lexicon_error(FILE, 0, format!("cannot compile the time words: {e}"))
                })?,
        );
        Ok(lex)
    }

    /// The rules of a point that may start with the word numbered `id` ([`super::parse::rule`]).
    pub(crate) fn point_rules(&self, id: WordId) -> u32 {
        self.point_rules.get(id as usize).copied().unwrap_or(0)
    }

    /// The compound rules that may start with the word numbered `id`
    /// ([`super::parse::compound`]).
    pub(crate) fn compound_rules(&self, id: WordId) -> u8 {
        self.compound_rules.get(id as usize).copied().unwrap_or(0)
    }

    /// Whether a rule of the grammar may start with token `i`.
    pub(crate) fn starts(&self, t: &Tokens, i: usize) -> bool {
        t.id(i)
            .is_some_and(|id| self.starters.get(id as usize) == Some(&true))
    }

    /// The words of the fast prefilter, when they are all short runs of letters.
    pub(crate) fn trigger_words(&self) -> Option<&LetterWords> {
        self.trigger_words.as_ref()
    }

    /// A cheap test: whether `text` may hold a time expression (it has a digit or a time word).
    pub(crate) fn may_hold_time(&self, text: &str) -> bool {
        if let Some(words) = &self.trigger_words {
            // Without digits, a run of ASCII letters is a run of ASCII alphanumerics.
            return words.digit_or_word(text);
        }
        let b = text.as_bytes();
        if b.iter().any(u8::is_ascii_digit) {
            return true;
        }
        let Some(ac) = &self.trigger else {
            return false;
        };
        let Ok(mut matches) = ac.try_find_overlapping_iter(text) else {
            return true;
        };
        matches.any(|m| {
            let before = m.start().checked_sub(1).and_then(|p| b.get(p));
            let after = b.get(m.end());
            !before.is_some_and(u8::is_ascii_alphanumeric)
                && !after.is_some_and(u8::is_ascii_alphanumeric)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::Lexicon;

    #[test]
    fn time_words_take_the_fast_prefilter() -> crate::Result<()> {
        let lex = Lexicon::embedded()?;
        assert!(lex.temporal.trigger_words.is_some());
        assert!(lex.temporal.may_hold_time("Two weeks ago"));
        assert!(!lex.temporal.may_hold_time("Nothing here, then."));
        Ok(())
    }
}
