//! The compiled word lists of `quantities.tsv` (its header documents the format).
use rustc_hash::FxHashMap as HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use claimdiff_core::QuantityKind;

use super::tokens::{tokenize, Sentence};
use crate::{
    error::Result,
    lexicon::{lexicon_error, Sources},
    phrases::{LetterWords, Phrases, Vocab, WordId},
};

/// The data file's name.
const FILE: &str = "quantities.tsv";

/// Flags of a number word.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct NumberWord {
    /// The value.
    pub value: f64,
    /// Counts only before a scale word ("a hundred").
    pub scale_only: bool,
    /// Also a pronoun ("one").
    pub pronoun: bool,
}

/// A scale word.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Scale {
    /// What it multiplies by.
    pub mult: f64,
    /// An abbreviation ("m", "bn").
    pub abbr: bool,
    /// Only with a currency.
    pub money: bool,
}

/// A vague word and its bounds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Vague {
    /// Lowest value implied.
    pub min: f64,
    /// Highest value implied (none: unbounded).
    pub max: Option<f64>,
    /// Needs a counted noun or "of" after it.
    pub noun: bool,
    /// Needs "of" after it.
    pub of: bool,
}

/// What kind of thing a unit measures: decides which count cues apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// A plain number or a counted noun.
    Count,
    /// A percentage.
    Percent,
    /// An amount of money.
    Money,
    /// A measurement (length, mass, magnitude).
    Measure,
}

/// A unit or currency.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Unit {
    /// Its normalized name.
    pub name: String,
    /// What it measures.
    pub class: Class,
    /// The attribute a quantity in it fills by default.
    pub attribute: Option<String>,
}

/// A count cue.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cue {
    /// The attribute.
    pub attribute: String,
    /// The classes of quantity it applies to (none: any).
    pub applies: Option<Class>,
    /// It must come after the number ("312 votes"), not before it.
    pub after_only: bool,
}

/// Role bits of function words.
pub(crate) mod role {
    /// Ends a counted noun.
    pub const STOP: u32 = 1;
    /// Modifies a noun but is never one.
    pub const WEAK: u32 = 1 << 1;
    /// Links a part to its whole.
    pub const PART: u32 = 1 << 2;
    /// A determiner before a whole.
    pub const DET: u32 = 1 << 3;
    /// Joins the ends of a range.
    pub const RANGE: u32 = 1 << 4;
    /// Opens a range closed by "and".
    pub const BETWEEN: u32 = 1 << 5;
    /// Joins the parts of a number word.
    pub const AND: u32 = 1 << 6;
    /// Starts a change.
    pub const FROM: u32 = 1 << 7;
    /// Makes a four-digit number a year.
    pub const YEAR: u32 = 1 << 8;
    /// Makes a number a label.
    pub const LABEL: u32 = 1 << 9;
    /// Makes a hyphenated pair a score.
    pub const SCORE: u32 = 1 << 10;
    /// After a number, makes it a time, an age or an id.
    pub const NOT_AFTER: u32 = 1 << 11;
    /// Before "one", makes it a pronoun.
    pub const ONE: u32 = 1 << 12;
    /// Ends a clause.
    pub const CLAUSE: u32 = 1 << 13;
    /// Joins two coordinated counts that share a cue ("carrying 62 passengers and five crew").
    pub const COORD: u32 = 1 << 14;
    /// Between two numbers, makes them a ratio ("one in five").
    pub const RATIO: u32 = 1 << 15;
    /// After a comma, opens an aside that does not end the clause ("five people, including two
    /// children, were killed").
    pub const ASIDE: u32 = 1 << 16;
    /// After a number, makes it a fraction ("two-thirds").
    pub const FRACTION: u32 = 1 << 17;
    /// Later in the sentence, makes "one" a member of a pair or group, not a count ("one death was
    /// caused by a heart attack … the other remains under investigation").
    pub const CONTRAST: u32 = 1 << 18;
    /// Right before a number, ties it to a cue earlier in its clause however far ("the death
    /// toll from Sunday's earthquake in the south of the country has risen to 130").
    pub const LINK: u32 = 1 << 19;

    /// The bit of a role name.
    pub fn parse(name: &str) -> Option<u32> {
        Some(match name {
            "stop" => STOP,
            "weak" => WEAK,
            "part" => PART,
            "det" => DET,
            "range" => RANGE,
            "between" => BETWEEN,
            "and" => AND,
            "from" => FROM,
            "year" => YEAR,
            "label" => LABEL,
            "score" => SCORE,
            "not_after" => NOT_AFTER,
            "one" => ONE,
            "clause" => CLAUSE,
            "coord" => COORD,
            "ratio" => RATIO,
            "aside" => ASIDE,
            "fraction" => FRACTION,
            "contrast" => CONTRAST,
            "link" => LINK,
            _ => return None,
        })
    }
}

/// Compiled number words, bound words, vague words, units and count cues.
#[derive(Debug, Default)]
pub struct QuantityLexicon {
    pub(crate) numbers: Phrases<NumberWord>,
    pub(crate) scales: Phrases<Scale>,
    pub(crate) bounds_before: Phrases<QuantityKind>,
    pub(crate) bounds_after: Phrases<QuantityKind>,
    pub(crate) vague: Phrases<Vague>,
    pub(crate) units_before: Phrases<Unit>,
    pub(crate) units_after: Phrases<Unit>,
    pub(crate) cues: Phrases<Cue>,
    pub(crate) nouns: HashMap<String, String>,
    pub(crate) roles: Phrases<u32>,
    /// The numbered pieces of the phrases above.
    pub(crate) vocab: Vocab,
    /// Matches the words that can start a number without digits; none when there are none.
    prefilter: Option<AhoCorasick>,
    /// The same words, when all are short runs of letters (a faster prefilter).
    prefilter_words: Option<LetterWords>,
    /// By word number: whether a phrase of `numbers`, `vague` or `units_before` starts with it
    /// (the only words a number can start at, digits aside).
    atom_starts: Vec<bool>,
}

/// Splits a phrase into the pieces the matcher compares: lowercased tokens, hyphens between words
/// dropped (a phrase of punctuation alone keeps them).
fn pieces(phrase: &str) -> Vec<String> {
    let lower = phrase.trim().to_ascii_lowercase();
    let toks = tokenize(&lower);
    let all: Vec<String> = toks
        .iter()
        .filter_map(|t| lower.get(t.start..t.end).map(str::to_string))
        .collect();
    let words: Vec<String> = all.iter().filter(|p| p.as_str() != "-").cloned().collect();
    if words.is_empty() {
        all
    } else {
        words
    }
}

/// Parses a number column.
fn number(origin: &str, line: usize, s: Option<&str>) -> Result<f64> {
    let s = s.map(str::trim).unwrap_or("");
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(lexicon_error(
            origin,
            line,
            format!("expected a number, got {s:?}"),
        )),
    }
}

/// The flags of a FLAGS column (| separated; "-" or nothing for none), checked against `known`.
fn flags<'a>(
    origin: &str,
    line: usize,
    s: Option<&'a str>,
    known: &[&str],
) -> Result<Vec<&'a str>> {
    let mut out = Vec::new();
    for f in s.unwrap_or("").split('|').map(str::trim) {
        if f.is_empty() || f == "-" {
            continue;
        }
        if !known.contains(&f) {
            return Err(lexicon_error(
                origin,
                line,
                format!("unknown flag {f:?} (expected one of: {})", known.join(", ")),
            ));
        }
        out.push(f);
    }
    Ok(out)
}

/// Parses a unit class.
fn class(origin: &str, line: usize, s: &str) -> Result<Class> {
    Ok(match s {
        "count" => Class::Count,
        "percent" => Class::Percent,
        "money" => Class::Money,
        "measure" => Class::Measure,
        _ => {
            return Err(lexicon_error(
                origin,
                line,
                format!("unknown class {s:?} (expected count, percent, money or measure)"),
            ))
        }
    })
}

impl QuantityLexicon {
    /// Compiles `quantities.tsv` (embedded first, then user additions).
    pub(crate) fn load(s: &Sources) -> Result<QuantityLexicon> {
        let mut lex = QuantityLexicon::default();
        for (origin, line, text) in s.lines(FILE) {
            let cols: Vec<&str> = text.split('\t').map(str::trim).collect();
            let section = cols.first().copied().unwrap_or("");
            let phrase = cols.get(1).copied().unwrap_or("");
            let p = pieces(phrase);
            if p.is_empty() {
                return Err(lexicon_error(origin, line, "missing phrase"));
            }
            let col = |i: usize| cols.get(i).copied();
            match section {
                "number" => {
                    let value = number(origin, line, col(2))?;
                    let f = flags(origin, line, col(3), &["scale_only", "pronoun"])?;
                    lex.numbers.insert(&mut lex.vocab, &p,
                        NumberWord {
                            value,
                            scale_only: f.contains(&"scale_only"),
                            pronoun: f.contains(&"pronoun"),
                        },
                    );
                }
                "scale" => {
                    let mult = number(origin, line, col(2))?;
                    let f = flags(origin, line, col(3), &["abbr", "money"])?;
                    lex.scales.insert(&mut lex.vocab, &p,
                        Scale {
                            mult,
                            abbr: f.contains(&"abbr"),
                            money: f.contains(&"money"),
                        },
                    );
                }
                "bound" => {
                    let kind = match col(2).unwrap_or("") {
                        "at_least" => QuantityKind::AtLeast,
                        "at_most" => QuantityKind::AtMost,
                        "approximate" => QuantityKind::Approximate,
                        k => {
                            return Err(lexicon_error(
                                origin,
                                line,
                                format!("unknown bound kind {k:?} (expected at_least, at_most or approximate)"),
                            ))
                        }
                    };
                    match col(3).unwrap_or("before") {
                        "before" | "" => lex.bounds_before.insert(&mut lex.vocab, &p, kind),
                        "after" => lex.bounds_after.insert(&mut lex.vocab, &p, kind),
                        w => {
                            return Err(lexicon_error(
                                origin,
                                line,
                                format!("unknown position {w:?} (expected before or after)"),
                            ))
                        }
                    }
                }
                "vague" => {
                    let min = number(origin, line, col(2))?;
                    let max = match col(3) {
                        Some("-") => None,
                        other => Some(number(origin, line, other)?),
                    };
                    if max.is_some_and(|m| m < min) {
                        return Err(lexicon_error(origin, line, "MAX is below MIN"));
                    }
                    let f = flags(origin, line, col(4), &["noun", "of"])?;
                    lex.vague.insert(&mut lex.vocab, &p,
                        Vague {
                            min,
                            max,
                            noun: f.contains(&"noun"),
                            of: f.contains(&"of"),
                        },
                    );
                }
                "unit" => {
                    let name = col(2).unwrap_or("");
                    if name.is_empty() {
                        return Err(lexicon_error(origin, line, "missing unit name"));
                    }
                    let unit = Unit {
                        name: name.to_string(),
                        class: class(origin, line, col(3).unwrap_or(""))?,
                        attribute: col(5).filter(|a| !a.is_empty() && *a != "-").map(str::to_string),
                    };
                    match col(4).unwrap_or("") {
                        "before" => lex.units_before.insert(&mut lex.vocab, &p, unit),
                        "after" => lex.units_after.insert(&mut lex.vocab, &p, unit),
                        "both" => {
                            lex.units_before.insert(&mut lex.vocab, &p, unit.clone());
                            lex.units_after.insert(&mut lex.vocab, &p, unit);
                        }
                        w => {
                            return Err(lexicon_error(
                                origin,
                                line,
                                format!("unknown position {w:?} (expected before, after or both)"),
                            ))
                        }
                    }
                }
                "count" => {
                    let attribute = col(2).unwrap_or("");
                    if attribute.is_empty() {
                        return Err(lexicon_error(origin, line, "missing attribute"));
                    }
                    let applies = match col(3).unwrap_or("count") {
                        "any" => None,
                        "" => Some(Class::Count),
                        c => Some(class(origin, line, c)?),
                    };
                    let after_only = match col(4).unwrap_or("any") {
                        "any" | "" => false,
                        "after" => true,
                        w => {
                            return Err(lexicon_error(
                                origin,
                                line,
                                format!("unknown position {w:?} (expected any or after)"),
                            ))
                        }
                    };
                    lex.cues.insert(&mut lex.vocab, &p,
                        Cue {
                            attribute: attribute.to_string(),
                            applies,
                            after_only,
                        },
                    );
                }
                "noun" => {
                    let singular = col(2).unwrap_or("").to_ascii_lowercase();
                    if singular.is_empty() {
                        return Err(lexicon_error(origin, line, "missing singular"));
                    }
                    lex.nouns.insert(p.join(" "), singular);
                }
                "role" => {
                    let mut bits = 0;
                    for r in col(2).unwrap_or("").split('|').map(str::trim) {
                        bits |= role::parse(r).ok_or_else(|| {
                            lexicon_error(origin, line, format!("unknown role {r:?}"))
                        })?;
                    }
                    lex.roles.insert_with(&mut lex.vocab, &p, bits, |old, new| *old |= new);
                }
                other => {
                    return Err(lexicon_error(
                        origin,
                        line,
                        format!(
                            "unknown section {other:?} (expected number, scale, bound, vague, unit, count, noun or role)"
                        ),
                    ))
                }
            }
        }
        // The prefilter: words that can start a quantity in a sentence without digits. Each
        // phrase is represented by its longest piece ("a few": "few"), so "a" is never one.
        let v = &lex.vocab;
        let longest = |p: Vec<WordId>| {
            p.into_iter()
                .map(|id| v.name(id))
                .max_by_key(|w| w.len())
                .unwrap_or_default()
                .to_string()
        };
        let mut words: Vec<String> = Vec::new();
        words.extend(
            lex.numbers
                .entries()
                .filter(|(_, n)| !n.scale_only)
                .map(|(p, _)| longest(p)),
        );
        words.extend(lex.vague.entries().map(|(p, _)| longest(p)));
        words.extend(
            lex.scales
                .entries()
                .filter(|(_, s)| !s.abbr)
                .map(|(p, _)| longest(p)),
        );
        words.retain(|w| w.bytes().any(|b| b.is_ascii_alphabetic()));
        words.sort();
        words.dedup();
        lex.prefilter_words = LetterWords::new(words.iter().map(String::as_str));
        let firsts = (lex.numbers.firsts())
            .chain(lex.vague.firsts())
            .chain(lex.units_before.firsts());
        for id in firsts {
            let id = id as usize;
            if lex.atom_starts.len() <= id {
                lex.atom_starts.resize(id + 1, false);
            }
            if let Some(slot) = lex.atom_starts.get_mut(id) {
                *slot = true;
            }
        }
        lex.prefilter = if words.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&words)
                .ok()
        };
        Ok(lex)
    }

    /// The words of the fast prefilter, when they are all short runs of letters.
    pub(crate) fn prefilter_words(&self) -> Option<&LetterWords> {
        self.prefilter_words.as_ref()
    }

    /// Whether `text` may hold a quantity: a digit, or a number, vague or scale word standing
    /// alone. Most sentences of a corpus fail this cheaply.
    pub(crate) fn may_hold(&self, text: &str) -> bool {
        if let Some(words) = &self.prefilter_words {
            return words.digit_or_word(text);
        }
        let bytes = text.as_bytes();
        if bytes.iter().any(u8::is_ascii_digit) {
            return true;
        }
        let Some(ac) = &self.prefilter else {
            return false;
        };
        ac.find_iter(text).any(|m| {
            let before = m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphabetic();
            let after = m.end() >= bytes.len() || !bytes[m.end()].is_ascii_alphabetic();
            before && after
        })
    }

    /// Whether a number (digits aside) can start at the word numbered `id`: a number word, a
    /// vague word or a unit written before the number starts with it.
    pub(crate) fn may_start_atom(&self, id: Option<WordId>) -> bool {
        id.and_then(|id| self.atom_starts.get(id as usize))
            .copied()
            .unwrap_or(false)
    }

    /// Whether the phrase at token `i` has role `bit`; the token after it.
    pub(crate) fn role(&self, s: &Sentence<'_>, i: usize, bit: u32) -> Option<usize> {
        self.roles.find(s, i, |r| r & bit != 0).map(|(e, _)| e)
    }
}

#[cfg(test)]
mod tests {
    use crate::Lexicon;

    #[test]
    fn number_words_take_the_fast_prefilter() -> crate::Result<()> {
        let lex = Lexicon::embedded()?;
        assert!(lex.quantities.prefilter_words.is_some());
        assert!(lex.quantities.may_hold("Several hundred people"));
        assert!(!lex.quantities.may_hold("Nothing here, then."));
        Ok(())
    }
}
