//! The grammar of time expressions in news wording, over tokens.
//!
//! Each rule looks at the tokens from a position and returns where the expression ends and what
//! it says ([`Spec`]); the scanner keeps the longest. Numbers are read as years or days only in
//! date-like company: glued to letters, currency signs, colons or slashes, or followed by a counted
//! noun, they are ids, amounts, times of day or counts.
use std::cell::Cell;

use crate::phrases::{WordId, Words};

use super::{
    resolve::{year_bounds, ymd, CalUnit, Partial, Spec, YearSel},
    tokens::{Kind, Tokens},
    words::{Flags, TemporalLexicon, Unit, UnitKind},
};

/// The coarse shape of an expression, so that ranges join like with like ("2010-2015").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    /// A year.
    Year,
    /// A month.
    Month,
    /// A day.
    Day,
    /// Anything else.
    Other,
}

/// One expression found: the token after it, its meaning and its shape.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    /// The token after the expression.
    pub end: usize,
    /// What it says.
    pub spec: Spec,
    /// Its shape.
    pub tag: Tag,
}

/// How deep rules may nest ("since the end of the first quarter of 2024" is three).
const MAX_DEPTH: u8 = 4;

/// The rules of [`Parser::point`], one bit each. Every rule starts with a word of one of the
/// phrase tables, with "the", or with a number, so the token a point starts at rules most of them
/// out: those are not tried ([`point_rules`]).
pub(crate) mod rule {
    /// `fuzzy`.
    pub(crate) const FUZZY: u32 = 1 << 0;
    /// `part`.
    pub(crate) const PART: u32 = 1 << 1;
    /// `side`.
    pub(crate) const SIDE: u32 = 1 << 2;
    /// `day_word`.
    pub(crate) const DAY_WORD: u32 = 1 << 3;
    /// `shifted`.
    pub(crate) const SHIFTED: u32 = 1 << 4;
    /// `date_month_day`.
    pub(crate) const MONTH_DAY: u32 = 1 << 5;
    /// `date_day_month`.
    pub(crate) const DAY_MONTH: u32 = 1 << 6;
    /// `numeric`.
    pub(crate) const NUMERIC: u32 = 1 << 7;
    /// `month_year` and `month_alone`.
    pub(crate) const MONTH: u32 = 1 << 8;
    /// `season`.
    pub(crate) const SEASON: u32 = 1 << 9;
    /// `decade`.
    pub(crate) const DECADE: u32 = 1 << 10;
    /// `century`.
    pub(crate) const CENTURY: u32 = 1 << 11;
    /// `year`.
    pub(crate) const YEAR: u32 = 1 << 12;
    /// `weekday_alone`.
    pub(crate) const WEEKDAY: u32 = 1 << 13;
    /// `the_weekend` and `the_unit`.
    pub(crate) const THE_UNIT: u32 = 1 << 14;
    /// The rules that may start at a number ("25 December", "2024", "1990s", "19th century").
    pub(crate) const AT_NUMBER: u32 = PART | DAY_MONTH | NUMERIC | DECADE | CENTURY | YEAR;
    /// The rules that may start at an apostrophe ("'90s").
    pub(crate) const AT_APOSTROPHE: u32 = DECADE;
    /// The rules that may start with "the".
    pub(crate) const AT_THE: u32 = FUZZY | PART | DAY_MONTH | SEASON | DECADE | CENTURY | THE_UNIT;
}

/// The rules of [`Parser::point`] ([`rule`]) that may start at each word, by its number: those
/// whose phrase tables have a phrase starting with it, and those that may start with "the".
pub(crate) fn point_rules(lex: &TemporalLexicon, the: WordId) -> Vec<u32> {
    let mut rules: Vec<u32> = Vec::new();
    let mut mark =
        |ids: &mut dyn Iterator<Item = WordId>, bits: u32| mark_words(&mut rules, ids, bits);
    mark(&mut lex.fuzzy.firsts(), rule::FUZZY);
    mark(&mut lex.part_letters.keys().copied(), rule::PART);
    mark(&mut lex.ordinals.firsts(), rule::PART | rule::CENTURY);
    mark(&mut lex.sides.firsts(), rule::SIDE);
    mark(&mut lex.days.firsts(), rule::DAY_WORD);
    mark(&mut lex.shifts.firsts(), rule::SHIFTED);
    mark(
        &mut lex.weekdays.firsts(),
        rule::MONTH_DAY | rule::DAY_MONTH | rule::WEEKDAY,
    );
    mark(&mut lex.months.firsts(), rule::MONTH_DAY | rule::MONTH);
    mark(&mut lex.seasons.firsts(), rule::SEASON);
    mark(&mut std::iter::once(the), rule::AT_THE);
    rules
}

/// Sets `bits` in the entries of `rules` for the words `ids` (the table grows to hold them).
fn mark_words<T>(rules: &mut Vec<T>, ids: &mut dyn Iterator<Item = WordId>, bits: T)
where
    T: Copy + Default + std::ops::BitOrAssign,
{
    for id in ids {
        let id = id as usize;
        if rules.len() <= id {
            rules.resize(id + 1, T::default());
        }
        if let Some(slot) = rules.get_mut(id) {
            *slot |= bits;
        }
    }
}

/// The compound rules of [`Parser::best`] that a word may start, one bit each: "since A" starts
/// with a `since` phrase; a duration with a unit ("decade-long"), a duration cue, a hedge or a
/// number; "N units ago" with a hedge, a number or a vague count. Most words that start some rule
/// start none of these, and those rules are then not tried ([`compound_rules`]).
pub(crate) mod compound {
    /// `since`.
    pub(crate) const SINCE: u8 = 1 << 0;
    /// `duration`.
    pub(crate) const DURATION: u8 = 1 << 1;
    /// `ago`.
    pub(crate) const AGO: u8 = 1 << 2;
    /// Every compound rule (a number may start a duration or an "ago"; the rest is by word).
    pub(crate) const ALL: u8 = SINCE | DURATION | AGO;
    /// The rules a written number may start.
    pub(crate) const AT_NUMBER: u8 = DURATION | AGO;
}

/// The compound rules ([`compound`]) that may start at each word, by its number: those whose
/// first phrase table (before any number) has a phrase starting with it.
pub(crate) fn compound_rules(lex: &TemporalLexicon) -> Vec<u8> {
    let mut rules: Vec<u8> = Vec::new();
    let mut mark =
        |ids: &mut dyn Iterator<Item = WordId>, bits: u8| mark_words(&mut rules, ids, bits);
    mark(&mut lex.since.firsts(), compound::SINCE);
    mark(&mut lex.units.firsts(), compound::DURATION);
    mark(&mut lex.duration_cues.firsts(), compound::DURATION);
    mark(&mut lex.approx.firsts(), compound::DURATION | compound::AGO);
    mark(
        &mut lex.numbers.firsts(),
        compound::DURATION | compound::AGO,
    );
    mark(&mut lex.vague.firsts(), compound::AGO);
    rules
}

/// Prepositions and modifiers after which an ambiguous month name ("May", "March") is a month.
const MONTH_CONTEXT: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "of",
    "during",
    "from",
    "through",
    "before",
    "after",
    "early",
    "mid",
    "late",
    "between",
    "and",
    "to",
    "last",
    "next",
    "this",
    "on",
    "throughout",
    "end",
    "start",
    "beginning",
    "middle",
];

/// Year prepositions that also take counts ("for 1500 tickets", "of 2000 voters").
const COUNT_PREPS: &[&str] = &["for", "of", "to", "and", "from", "around", "between"];

/// Words after a number of units that make it an age or a narrative offset, not a duration.
const NOT_DURATION_AFTER: &[&str] = &[
    "ago", "old", "older", "younger", "later", "earlier", "before", "after",
];

/// The grammar over one text's tokens.
pub(crate) struct Parser<'a> {
    /// The tokens.
    t: &'a Tokens,
    /// The time words.
    lex: &'a TemporalLexicon,
    /// Set when a point was not read because rules nested deeper than [`MAX_DEPTH`].
    cut: Cell<bool>,
    /// Try every compound rule at every token, whatever word starts there (the plain grammar,
    /// to test the shortcut of [`Parser::compounds_at`] against).
    every_rule: bool,
}

/// Keeps the reading `f` when it ends later than `best` (of readings ending at the same token,
/// the first one tried wins). Readings are weighed as they are made: no array of them is built.
fn keep(best: &mut Option<Found>, f: Option<Found>) {
    if let Some(f) = f {
        if best.as_ref().is_none_or(|b| f.end > b.end) {
            *best = Some(f);
        }
    }
}

impl<'a> Parser<'a> {
    /// The grammar over `t`.
    pub(crate) fn new(t: &'a Tokens, lex: &'a TemporalLexicon) -> Parser<'a> {
        Parser {
            t,
            lex,
            cut: Cell::new(false),
            every_rule: false,
        }
    }

    /// The grammar over `t` trying every compound rule at every token (no shortcut).
    #[cfg(test)]
    pub(crate) fn plain(t: &'a Tokens, lex: &'a TemporalLexicon) -> Parser<'a> {
        Parser {
            every_rule: true,
            ..Parser::new(t, lex)
        }
    }

    fn w(&self, i: usize) -> Option<&str> {
        self.t.word(i)
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.w(i) == Some(word)
    }

    fn p(&self, i: usize) -> Option<char> {
        self.t.punct(i)
    }

    /// A plain number (no thousands separators) at `i`: its value and digit count.
    fn num(&self, i: usize) -> Option<(u64, usize)> {
        let t = self.t.get(i)?;
        (t.kind == Kind::Num && !t.grouped).then_some((t.value, t.digits))
    }

    fn upper(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.upper)
    }

    fn skip_the(&self, i: usize) -> usize {
        if self.is(i, "the") {
            i + 1
        } else {
            i
        }
    }

    /// Whether the number at `i` is part of a decimal ("3.5") or a longer numeric chain.
    fn in_number_chain(&self, i: usize) -> bool {
        let chained = |sep: Option<char>| matches!(sep, Some('.' | ',' | ':' | '/'));
        (self.t.glued(i)
            && chained(self.p(i.wrapping_sub(1)))
            && self.t.glued(i - 1)
            && self.num(i - 2).is_some())
            || (self.t.glued(i + 1)
                && chained(self.p(i + 1))
                && self.t.glued(i + 2)
                && self.num(i + 2).is_some())
    }

    // ----- building blocks -----

    /// A month name at `i`: the token after it (and after an abbreviation's dot) and its number.
    fn month_at(&self, i: usize) -> Option<(usize, i8, Flags)> {
        let (mut k, &(m, flags)) = self.lex.months.longest(self.t, i)?;
        if (flags.ambiguous || flags.abbr) && !self.upper(i) {
            return None;
        }
        if flags.abbr && self.p(k) == Some('.') && self.t.glued(k) {
            k += 1;
        }
        Some((k, m, flags))
    }

    /// A weekday name at `i`, with an abbreviation's dot.
    fn weekday_at(&self, i: usize) -> Option<(usize, i8, Flags)> {
        let (mut k, &(d, flags)) = self.lex.weekdays.longest(self.t, i)?;
        if flags.abbr && !self.upper(i) {
            return None;
        }
        if flags.abbr && self.p(k) == Some('.') && self.t.glued(k) {
            k += 1;
        }
        Some((k, d, flags))
    }

    /// A day of the month at `i` ("25", "25th"): the token after it, the day, and whether it had
    /// an ordinal suffix.
    fn day_at(&self, i: usize) -> Option<(usize, i8, bool)> {
        let (v, digits) = self.num(i)?;
        if digits > 2 || !(1..=31).contains(&v) || self.in_number_chain(i) {
            return None;
        }
        if self.t.glued(i)
            && matches!(
                self.t.get(i - 1).map(|t| t.kind),
                Some(Kind::Word | Kind::Num)
            )
        {
            return None;
        }
        let mut k = i + 1;
        let mut ordinal = false;
        if self.t.glued(k) {
            match self.t.get(k).map(|t| t.kind) {
                Some(Kind::Word) if matches!(self.w(k), Some("st" | "nd" | "rd" | "th")) => {
                    ordinal = true;
                    k += 1;
                }
                Some(Kind::Word | Kind::Num) | Some(Kind::Punct(':' | '%')) => return None,
                _ => {}
            }
        }
        if self
            .w(k)
            .is_some_and(|w| self.lex.not_year_after.contains(w))
        {
            return None;
        }
        Some((k, v as i8, ordinal))
    }

    /// An ordinal at `i` (a word, or a number with a suffix): the token after it and its value.
    fn ordinal_at(&self, i: usize) -> Option<(usize, i64)> {
        if let Some((k, &v)) = self.lex.ordinals.longest(self.t, i) {
            return Some((k, i64::from(v)));
        }
        let (v, digits) = self.num(i)?;
        if digits <= 3
            && self.t.glued(i + 1)
            && matches!(self.w(i + 1), Some("st" | "nd" | "rd" | "th"))
        {
            return Some((i + 2, v as i64));
        }
        None
    }

    /// A four-digit number in the plausible year range at `i`.
    fn year_core(&self, i: usize) -> Option<i16> {
        let (v, digits) = self.num(i)?;
        (digits == 4 && (1000..=2100).contains(&v)).then_some(v as i16)
    }

    /// Whether the tokens glued to the left of a year leave it a year (not "FY2024", "$2024",
    /// "ABC-2024" or a part of "10/2024"); "mid-2023" and "pre-2020" are fine.
    fn year_left_ok(&self, i: usize) -> bool {
        if !self.t.glued(i) {
            return true;
        }
        match self.t.get(i - 1).map(|t| t.kind) {
            Some(Kind::Punct('\'' | '"' | '(' | '[')) => true,
            Some(Kind::Punct('-')) => {
                self.t.glued(i - 1)
                    && matches!(
                        self.w(i.wrapping_sub(2)),
                        Some("mid" | "pre" | "post" | "early" | "late")
                    )
            }
            _ => false,
        }
    }

    /// Whether what follows a year leaves it a year (not "2024%", "2000 people", "1500 GMT",
    /// "2024-001", "2024abc").
    fn year_right_ok(&self, i: usize) -> bool {
        let k = i + 1;
        if self.t.glued(k) {
            match self.t.get(k).map(|t| t.kind) {
                Some(Kind::Word | Kind::Num | Kind::Punct('%')) => return false,
                Some(Kind::Punct('-' | '/' | '.' | ':' | ','))
                    if self.t.glued(k + 1) && self.num(k + 1).is_some() =>
                {
                    return false
                }
                _ => {}
            }
        }
        !self
            .w(k)
            .is_some_and(|w| self.lex.not_year_after.contains(w))
    }

    /// A year where any year is expected (after a month, "of", "since", inside a range): the
    /// token after it and the year.
    fn year_strong(&self, i: usize) -> Option<(usize, i16)> {
        let y = self.year_core(i)?;
        (self.year_left_ok(i) && self.year_right_ok(i)).then_some((i + 1, y))
    }

    /// A bare year in running text: only after a year preposition ("in 1500"), or after "the", a
    /// possessive or a clause start when it is modern and not followed by a counted noun.
    fn year_bare(&self, i: usize) -> Option<(usize, i16)> {
        let (k, y) = self.year_strong(i)?;
        let prev = i.checked_sub(1);
        let strong = prev
            .and_then(|p| self.w(p))
            .is_some_and(|w| self.lex.year_prep.contains(w))
            && !prev.is_some_and(|p| p > 0 && self.p(p - 1) == Some('\'') && self.t.glued(p));
        if strong {
            // After a preposition that also takes counts ("for 1500 tickets"), a plural noun shows a
            // count.
            let county = prev
                .and_then(|p| self.w(p))
                .is_some_and(|w| COUNT_PREPS.contains(&w));
            if county && self.plural_count_after(k) {
                return None;
            }
            return Some((k, y));
        }
        let weak = match prev {
            None => true,
            Some(p) => match self.t.get(p).map(|t| t.kind) {
                Some(Kind::Punct(c)) => {
                    matches!(c, ',' | '(' | '"' | '\'' | ':' | ';' | '-' | '.' | '[')
                }
                Some(Kind::Word) => {
                    matches!(
                        self.w(p),
                        Some("the" | "its" | "their" | "his" | "her" | "our" | "a" | "an")
                    ) || (self.is(p, "s")
                        && p > 0
                        && self.p(p - 1) == Some('\'')
                        && self.t.glued(p))
                }
                _ => false,
            },
        };
        if !weak {
            return None;
        }
        let next = self.w(k);
        let noun = next.is_some_and(|w| self.lex.year_nouns.contains(w));
        let capital = next.is_some() && self.upper(k);
        if y < 1900 && !(noun || capital) {
            return None;
        }
        // A lowercase plural after a weak year is usually what it counts ("the 2000 tanks").
        if self.plural_count_after(k) {
            return None;
        }
        Some((k, y))
    }

    /// Whether the word at `k` is a lowercase plural that is not a noun years modify.
    fn plural_count_after(&self, k: usize) -> bool {
        let Some(w) = self.w(k) else {
            return false;
        };
        !self.upper(k)
            && w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !self.lex.year_nouns.contains(w)
    }

    /// A year after a month or "of": a number, or "this/last/next year"; "the year" when
    /// `allow_the`.
    fn yearspec(&self, i: usize, allow_the: bool) -> Option<(usize, YearSel)> {
        if let Some((k, y)) = self.year_strong(i) {
            return Some((k, YearSel::Abs(y)));
        }
        if let Some((k, &s)) = self.lex.shifts.longest(self.t, i) {
            if let Some((k2, u)) = self.unit_at(k) {
                if u.kind == UnitKind::Year && u.count == 1 {
                    return Some((k2, YearSel::Rel(s)));
                }
            }
        }
        if allow_the && self.is(i, "the") {
            if let Some((k2, u)) = self.unit_at(i + 1) {
                if u.kind == UnitKind::Year && u.count == 1 {
                    return Some((k2, YearSel::Rel(0)));
                }
            }
        }
        None
    }

    fn unit_at(&self, i: usize) -> Option<(usize, Unit)> {
        self.lex.units.longest(self.t, i).map(|(k, u)| (k, *u))
    }

    /// A count at `i`: digits or number words ("twenty-five"); the bool says it was an article.
    fn number_at(&self, i: usize) -> Option<(usize, i64, bool)> {
        if let Some(t) = self.t.get(i) {
            if t.kind == Kind::Num {
                if self.in_number_chain(i) && !t.grouped {
                    return None;
                }
                if self.t.glued(i)
                    && matches!(
                        self.t.get(i - 1).map(|t| t.kind),
                        Some(Kind::Word | Kind::Punct('$' | '€' | '£'))
                    )
                {
                    return None;
                }
                return (t.value >= 1 && t.value <= 1_000_000).then_some((
                    i + 1,
                    t.value as i64,
                    false,
                ));
            }
        }
        let (k, &v) = self.lex.numbers.longest(self.t, i)?;
        let article = matches!(self.w(i), Some("a" | "an")) && k == i + 1;
        // "twenty-five": a tens word, a hyphen and a units word.
        if v >= 20 && v % 10 == 0 && v < 100 && self.p(k) == Some('-') && self.t.glued(k) {
            if let Some((k2, &u)) = self.lex.numbers.longest(self.t, k + 1) {
                if (1..=9).contains(&u) {
                    return Some((k2, v + u, false));
                }
            }
        }
        (v >= 1).then_some((k, v, article))
    }

    /// Hedges ("nearly", "more than") to skip.
    fn skip_approx(&self, mut i: usize) -> usize {
        for _ in 0..2 {
            match self.lex.approx.longest(self.t, i) {
                Some((k, _)) => i = k,
                None => break,
            }
        }
        i
    }

    // ----- the scanner's entry -----

    /// Whether a rule may start at token `i`: a number, an apostrophe or a word some rule starts
    /// with. [`Parser::best`] tests this first; the scanner tests it before calling `best`, so
    /// that most tokens are passed over without the call of a large function.
    #[inline]
    pub(crate) fn may_start(&self, i: usize) -> bool {
        match self.t.get(i).map(|t| t.kind) {
            Some(Kind::Punct('\'') | Kind::Num) => true,
            Some(Kind::Word) => self.lex.starts(self.t, i),
            _ => false,
        }
    }

    /// The longest expression starting at token `i`.
    pub(crate) fn best(&self, i: usize) -> Option<Found> {
        if !self.may_start(i) {
            return None;
        }
        // A dash range reads a point at `i` one level deeper than the scanner does. Unless that
        // reading reached the depth limit, the scanner's own point is the same, so it is read once.
        self.cut.set(false);
        let deeper = self.point(i, false, 1);
        let point = if self.cut.get() {
            self.point(i, false, 0)
        } else {
            deeper.clone()
        };
        let compounds = self.compounds_at(i);
        let on = |bit: u8| compounds & bit != 0;
        let mut best: Option<Found> = None;
        keep(&mut best, self.range(i, 0, deeper));
        if on(compound::SINCE) {
            keep(&mut best, self.since(i, 0));
        }
        if on(compound::DURATION) {
            keep(&mut best, self.duration(i));
        }
        if on(compound::AGO) {
            keep(&mut best, self.ago(i));
        }
        keep(&mut best, self.window(i));
        keep(&mut best, point);
        best
    }

    // ----- compound rules -----

    /// "between A and B", "from A to B", "A-B", "2010-15", "June 3-5", "3-5 June"; `at_i` is the
    /// point at `i` one level deeper (`self.point(i, false, depth + 1)`), already read.
    fn range(&self, i: usize, depth: u8, at_i: Option<Found>) -> Option<Found> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (open, j) = if self.is(i, "between") || self.is(i, "from") {
            (self.w(i), i + 1)
        } else {
            (None, i)
        };
        let connector = |k: usize| -> Option<usize> {
            let dash = self.p(k) == Some('-');
            let ok = match open {
                Some("between") => self.is(k, "and") || dash,
                Some(_) => {
                    dash || matches!(
                        self.w(k),
                        Some("to" | "until" | "till" | "through" | "thru" | "and")
                    )
                }
                None => dash,
            };
            ok.then_some(k + 1)
        };
        // Years with an abbreviated end: "2010-15", "2023/24".
        if let Some(y1) = self.year_core(j) {
            let k = j + 1;
            let context_ok = if open.is_some() {
                self.year_left_ok(j)
            } else {
                self.year_bare_left(j)
            };
            if context_ok
                && matches!(self.p(k), Some('-' | '/'))
                && self.t.glued(k)
                && self.t.glued(k + 1)
            {
                if let Some((yy, 2)) = self.num(k + 1) {
                    let century = i64::from(y1) - i64::from(y1).rem_euclid(100);
                    let mut y2 = century + yy as i64;
                    if y2 <= i64::from(y1) {
                        y2 += 100;
                    }
                    let right_ok = !self.t.glued(k + 2)
                        || !matches!(
                            self.t.get(k + 2).map(|t| t.kind),
                            Some(Kind::Word | Kind::Num)
                        );
                    if right_ok
                        && ((y2 - i64::from(y1) <= 20 && self.p(k) == Some('-'))
                            || y2 == i64::from(y1) + 1)
                    {
                        let (s, _) = year_bounds(i64::from(y1))?;
                        let (_, e) = year_bounds(y2)?;
                        return Some(Found {
                            end: k + 2,
                            spec: Spec::Abs(s, e),
                            tag: Tag::Year,
                        });
                    }
                }
                if let Some((k2, y2)) = self.year_dash_end(k + 1) {
                    if y2 > y1 {
                        let (s, _) = year_bounds(i64::from(y1))?;
                        let (_, e) = year_bounds(i64::from(y2))?;
                        return Some(Found {
                            end: k2,
                            spec: Spec::Abs(s, e),
                            tag: Tag::Year,
                        });
                    }
                }
            }
            if self.p(k) == Some('-') && !self.t.glued(k) {
                if let (true, Some((k2, y2))) = (context_ok, self.year_dash_end(k + 1)) {
                    if y2 > y1 {
                        let (s, _) = year_bounds(i64::from(y1))?;
                        let (_, e) = year_bounds(i64::from(y2))?;
                        return Some(Found {
                            end: k2,
                            spec: Spec::Abs(s, e),
                            tag: Tag::Year,
                        });
                    }
                }
            }
        }
        // A bare day before a full date: "3-5 June 2024", "between 3 and 5 June".
        if let Some((k, d, _)) = self.day_at(j) {
            if let Some(k2) = connector(k) {
                if let Some(b) = self.point(k2, true, depth + 1) {
                    if let Some((m, year)) = month_day_of(&b.spec) {
                        if b.tag == Tag::Day {
                            let a = partial_day(m, d, year);
                            return Some(Found {
                                end: b.end,
                                spec: Spec::Range(Box::new(a), Box::new(b.spec)),
                                tag: Tag::Day,
                            });
                        }
                    }
                }
            }
        }
        let a = match open {
            Some(_) => self.point(j, true, depth + 1),
            None => at_i,
        }?;
        let k = connector(a.end)?;
        // An elliptic day after a full date: "June 3-5", "June 3 to 5, 2024".
        let mut elliptic = None;
        if let (Some((m, year)), Tag::Day) = (month_day_of(&a.spec), a.tag) {
            if let Some((k2, d, _)) = self.day_at(k) {
                if self.month_at(k2).is_none() {
                    let mut end = k2;
                    let mut year = year;
                    let k3 = if self.p(k2) == Some(',') { k2 + 1 } else { k2 };
                    if let Some((k4, y)) = self.yearspec(k3, false) {
                        end = k4;
                        year = Some(y);
                    }
                    elliptic = Some(Found {
                        end,
                        spec: partial_day(m, d, year),
                        tag: Tag::Day,
                    });
                }
            }
        }
        let full = self.point(k, true, depth + 1);
        let b = match (elliptic, full) {
            (Some(e), Some(f)) => {
                if f.end > e.end {
                    f
                } else {
                    e
                }
            }
            (e, f) => e.or(f)?,
        };
        let dash_only = open.is_none();
        if dash_only && (a.tag != b.tag || a.tag == Tag::Other) {
            return None;
        }
        Some(Found {
            end: b.end,
            spec: Spec::Range(Box::new(a.spec), Box::new(b.spec)),
            tag: a.tag,
        })
    }

    /// The left context of a bare year at the start of a dash range.
    fn year_bare_left(&self, i: usize) -> bool {
        if !self.year_left_ok(i) {
            return false;
        }
        let Some(p) = i.checked_sub(1) else {
            return true;
        };
        match self.t.get(p).map(|t| t.kind) {
            Some(Kind::Word) => {
                self.w(p).is_some_and(|w| self.lex.year_prep.contains(w))
                    || matches!(
                        self.w(p),
                        Some("the" | "its" | "their" | "his" | "her" | "our" | "a" | "an" | "s")
                    )
            }
            Some(Kind::Punct(c)) => matches!(c, ',' | '(' | '"' | '\'' | ':' | ';' | '.'),
            _ => false,
        }
    }

    /// The four-digit end of a year range after a dash.
    fn year_dash_end(&self, i: usize) -> Option<(usize, i16)> {
        let y = self.year_core(i)?;
        self.year_right_ok(i).then_some((i + 1, y))
    }

    /// "since 2019", "since last year", "ever since June".
    fn since(&self, i: usize, depth: u8) -> Option<Found> {
        let (k, _) = self.lex.since.longest(self.t, i)?;
        // "since the 2008 crisis": a year after "the" is still what the span starts from.
        let inner = self.point(k, true, depth + 1).or_else(|| {
            let f = self
                .is(k, "the")
                .then(|| self.year(k + 1, true))
                .flatten()?;
            Some(f)
        })?;
        Some(Found {
            end: inner.end,
            spec: Spec::Since(Box::new(inner.spec)),
            tag: Tag::Other,
        })
    }

    /// "for three decades", "within a week", "a three-day visit", "10 years in prison",
    /// "a decade-long war".
    fn duration(&self, i: usize) -> Option<Found> {
        // "decade-long", "week-long".
        if let Some((k, unit)) = self.unit_at(i) {
            if self.p(k) == Some('-')
                && self.t.glued(k)
                && self.is(k + 1, "long")
                && !self.w(i).is_some_and(|w| w.ends_with('s'))
            {
                let iso = iso_duration(1, unit)?;
                return Some(Found {
                    end: k + 2,
                    spec: Spec::Duration(iso),
                    tag: Tag::Other,
                });
            }
        }
        let (mut k, cue) = match self.lex.duration_cues.longest(self.t, i) {
            Some((k, _)) => (k, true),
            None => (i, false),
        };
        k = self.skip_approx(k);
        let (k2, n, article) = self.number_at(k)?;
        if (article || n == 1 && self.t.get(k).is_some_and(|t| t.kind == Kind::Word)) && !cue {
            return None;
        }
        let hyphen = self.p(k2) == Some('-') && self.t.glued(k2) && self.t.glued(k2 + 1);
        let ku = if hyphen { k2 + 1 } else { k2 };
        let (k3, unit) = self.unit_at(ku)?;
        if hyphen {
            if self.p(k3) == Some('-')
                && self.t.glued(k3)
                && self.w(k3 + 1).is_some_and(|w| w == "old" || w == "olds")
            {
                return None;
            }
        } else if self.w(k3).is_some_and(|w| {
            // After a cue ("held for 72 hours before ..."), only an age or "ago" undoes the length.
            if cue {
                matches!(w, "ago" | "old")
            } else {
                NOT_DURATION_AFTER.contains(&w)
            }
        }) {
            return None;
        }
        // "The first six months of 2023" is a part of a time, not a length.
        if self.is(k3, "of") && self.point(k3 + 1, true, 1).is_some() {
            return None;
        }
        let iso = iso_duration(n, unit)?;
        Some(Found {
            end: k3,
            spec: Spec::Duration(iso),
            tag: Tag::Other,
        })
    }

    /// "two days ago", "a decade ago", "a few weeks ago".
    fn ago(&self, i: usize) -> Option<Found> {
        let k = self.skip_approx(i);
        let (k2, lo, hi) = match self.number_at(k) {
            Some((k2, n, _)) => (k2, n, n),
            None => {
                let (k2, &(lo, hi)) = self.lex.vague.longest(self.t, k)?;
                (k2, lo, hi)
            }
        };
        let (k3, unit) = self.unit_at(k2)?;
        if matches!(unit.kind, UnitKind::Weekend | UnitKind::Quarter) {
            return None;
        }
        let (k4, _) = self.lex.ago.longest(self.t, k3)?;
        Some(Found {
            end: k4,
            spec: Spec::Ago(lo, hi, unit),
            tag: Tag::Other,
        })
    }

    /// "the past three years", "over the last decade", "in the past few weeks".
    fn window(&self, i: usize) -> Option<Found> {
        if !self.is(i, "the") {
            return None;
        }
        let (k, _) = self.lex.windows.longest(self.t, i + 1)?;
        let k = self.skip_approx(k);
        let (k2, n) = match self.number_at(k) {
            Some((k2, n, _)) => (k2, n),
            None => match self.lex.vague.longest(self.t, k) {
                Some((k2, &(_, hi))) => (k2, hi),
                None => (k, 1),
            },
        };
        let (k3, unit) = self.unit_at(k2)?;
        if matches!(unit.kind, UnitKind::Weekend | UnitKind::Quarter) {
            return None;
        }
        Some(Found {
            end: k3,
            spec: Spec::Window(n, unit),
            tag: Tag::Other,
        })
    }

    // ----- points: one time -----

    /// The longest single time at `i`; `strong` when a year or a month is expected there (after a
    /// modifier, "since", inside a range).
    pub(crate) fn point(&self, i: usize, strong: bool, depth: u8) -> Option<Found> {
        if depth > MAX_DEPTH {
            self.cut.set(true);
            return None;
        }
        let rules = self.rules_at(i);
        if rules == 0 {
            return None;
        }
        let on = |bit: u32| rules & bit != 0;
        let mut best: Option<Found> = None;
        if on(rule::FUZZY) {
            keep(&mut best, self.fuzzy(i, depth));
        }
        if on(rule::PART) {
            keep(&mut best, self.part(i, depth));
        }
        if on(rule::SIDE) {
            keep(&mut best, self.side(i));
        }
        if on(rule::DAY_WORD) {
            keep(&mut best, self.day_word(i));
        }
        if on(rule::SHIFTED) {
            keep(&mut best, self.shifted(i));
        }
        if on(rule::MONTH_DAY) {
            keep(&mut best, self.date_month_day(i));
        }
        if on(rule::DAY_MONTH) {
            keep(&mut best, self.date_day_month(i));
        }
        if on(rule::NUMERIC) {
            keep(&mut best, self.numeric(i));
        }
        if on(rule::MONTH) {
            keep(&mut best, self.month_year(i));
            keep(&mut best, self.month_alone(i, strong));
        }
        if on(rule::SEASON) {
            keep(&mut best, self.season(i, strong));
        }
        if on(rule::DECADE) {
            keep(&mut best, self.decade(i));
        }
        if on(rule::CENTURY) {
            keep(&mut best, self.century(i));
        }
        if on(rule::YEAR) {
            keep(&mut best, self.year(i, strong));
        }
        if on(rule::WEEKDAY) {
            keep(&mut best, self.weekday_alone(i));
        }
        if on(rule::THE_UNIT) {
            keep(&mut best, self.the_weekend(i));
        }
        if strong && on(rule::THE_UNIT) {
            keep(&mut best, self.the_unit(i));
        }
        best
    }

    /// The compound rules of [`Parser::best`] that may start at token `i` ([`compound`]); all of
    /// them when the parser was made to try every rule.
    fn compounds_at(&self, i: usize) -> u8 {
        if self.every_rule {
            return compound::ALL;
        }
        let number = match self.t.get(i).map(|t| t.kind) {
            Some(Kind::Num) => compound::AT_NUMBER,
            _ => 0,
        };
        number | self.t.id(i).map_or(0, |id| self.lex.compound_rules(id))
    }

    /// The rules of [`Parser::point`] that may start at token `i` ([`rule`]).
    fn rules_at(&self, i: usize) -> u32 {
        match self.t.get(i).map(|t| t.kind) {
            Some(Kind::Num) => rule::AT_NUMBER,
            Some(Kind::Punct('\'')) => rule::AT_APOSTROPHE,
            Some(Kind::Word) => self.t.id(i).map_or(0, |id| self.lex.point_rules(id)),
            _ => 0,
        }
    }

    /// "late 2022", "the early 1990s", "mid-June", "at the end of June", "early last year".
    fn fuzzy(&self, i: usize, depth: u8) -> Option<Found> {
        let j = self.skip_the(i);
        let (mut k, &(lo, hi)) = self.lex.fuzzy.longest(self.t, j)?;
        if self.p(k) == Some('-') && self.t.glued(k) {
            k += 1;
        }
        if self.is(k, "in") || self.is(k, "on") {
            k += 1;
        }
        let inner = self.point(k, true, depth + 1)?;
        Some(Found {
            end: inner.end,
            spec: Spec::Fuzzy(Box::new(inner.spec), lo, hi),
            tag: Tag::Other,
        })
    }

    /// "the first quarter of 2024", "Q1 2024", "the second half of the year", "the last week of
    /// June", "the first six months of 2024".
    fn part(&self, i: usize, depth: u8) -> Option<Found> {
        let j = self.skip_the(i);
        // The short form: Q1 2024, H2 2023.
        if let Some(letter) = self.t.id(j) {
            if let (Some(&division), Some((n, 1))) =
                (self.lex.part_letters.get(&letter), self.num(j + 1))
            {
                if self.t.glued(j + 1) && self.upper(j) {
                    let mut k = j + 2;
                    if self.is(k, "of") {
                        k += 1;
                    }
                    let (k2, year) = self.yearspec(k, true)?;
                    let inner = match year {
                        YearSel::Abs(y) => {
                            let (s, e) = year_bounds(i64::from(y))?;
                            Spec::Abs(s, e)
                        }
                        YearSel::Rel(r) => Spec::Cal(CalUnit::Year, Some(r)),
                    };
                    return Some(Found {
                        end: k2,
                        spec: Spec::Part(Box::new(inner), division, n as i64),
                        tag: Tag::Other,
                    });
                }
            }
        }
        let (k, index) = self.ordinal_at(j)?;
        if let Some((k2, &division)) = self.lex.parts.longest(self.t, k) {
            if self.is(k2, "of") {
                let inner = self.point(k2 + 1, true, depth + 1)?;
                return Some(Found {
                    end: inner.end,
                    spec: Spec::Part(Box::new(inner.spec), division, index),
                    tag: Tag::Other,
                });
            }
        }
        if index == 1 || index == -1 {
            let (k2, n, _) = self.number_at(k)?;
            let (k3, unit) = self.unit_at(k2)?;
            if self.is(k3, "of") && !matches!(unit.kind, UnitKind::Weekend | UnitKind::Hour) {
                let inner = self.point(k3 + 1, true, depth + 1)?;
                return Some(Found {
                    end: inner.end,
                    spec: Spec::Edge(Box::new(inner.spec), index == 1, n, unit),
                    tag: Tag::Other,
                });
            }
        }
        None
    }

    /// "earlier this month", "later this year", "earlier in the week".
    fn side(&self, i: usize) -> Option<Found> {
        let (k, &after) = self.lex.sides.longest(self.t, i)?;
        let k = if self.is(k, "this") {
            k + 1
        } else if self.is(k, "in") && self.is(k + 1, "the") {
            k + 2
        } else {
            return None;
        };
        let (k2, unit) = self.unit_at(k)?;
        let cal = CalUnit::of(unit).filter(|c| *c != CalUnit::Day)?;
        Some(Found {
            end: k2,
            spec: Spec::Side(after, cal),
            tag: Tag::Other,
        })
    }

    /// "yesterday", "today", "last night".
    fn day_word(&self, i: usize) -> Option<Found> {
        let (k, &offset) = self.lex.days.longest(self.t, i)?;
        Some(Found {
            end: k,
            spec: Spec::Cal(CalUnit::Day, Some(offset as i32)),
            tag: Tag::Day,
        })
    }

    /// "last week", "next month", "this year", "last Wednesday", "last October 24", "last summer".
    fn shifted(&self, i: usize) -> Option<Found> {
        let (k, &shift) = self.lex.shifts.longest(self.t, i)?;
        if let Some((k2, unit)) = self.unit_at(k) {
            // A plural ("the coming weeks", "next few years") is vague, not one calendar period.
            if self.w(k2 - 1).is_some_and(|w| w.ends_with('s')) {
                return None;
            }
            let cal = CalUnit::of(unit).filter(|c| *c != CalUnit::Day)?;
            let tag = match cal {
                CalUnit::Year => Tag::Year,
                CalUnit::Month => Tag::Month,
                _ => Tag::Other,
            };
            return Some(Found {
                end: k2,
                spec: Spec::Cal(cal, Some(shift)),
                tag,
            });
        }
        let partial = |end: usize, p: Partial, tag: Tag| Found {
            end,
            spec: Spec::Partial {
                p,
                year: None,
                shift: Some(shift),
            },
            tag,
        };
        if let Some((k2, wd, flags)) = self.weekday_at(k) {
            return (!flags.abbr).then(|| partial(k2, Partial::Weekday(wd), Tag::Day));
        }
        if let Some((k2, m, flags)) = self.month_at(k) {
            if let Some((k3, d, _)) = self.day_at(k2) {
                return Some(partial(k3, Partial::MonthDay(m, d), Tag::Day));
            }
            return (!flags.abbr).then(|| partial(k2, Partial::Month(m), Tag::Month));
        }
        let (k2, &(first, last, _)) = self.lex.seasons.longest(self.t, k)?;
        Some(partial(k2, Partial::Season(first, last), Tag::Other))
    }

    /// An optional weekday before a date ("Wednesday, Dec. 25"): the token after it.
    fn skip_weekday(&self, i: usize) -> usize {
        match self.weekday_at(i) {
            Some((k, _, _)) if self.p(k) == Some(',') => k + 1,
            Some((k, _, _)) => k,
            None => i,
        }
    }

    /// "December 25, 2024", "Dec. 25", "Wednesday, December 25", "June 20 last year".
    fn date_month_day(&self, i: usize) -> Option<Found> {
        let j = self.skip_weekday(i);
        let (k, m, _) = self.month_at(j)?;
        let (k2, d, _) = self.day_at(k)?;
        Some(self.day_with_year(k2, m, d))
    }

    /// A day and month ending before token `k`, with the year after them when one follows
    /// (", 2024", " 2024").
    fn day_with_year(&self, k: usize, m: i8, d: i8) -> Found {
        let k3 = if self.p(k) == Some(',') { k + 1 } else { k };
        let (end, year) = match self.yearspec(k3, false) {
            Some((k4, y)) => (k4, Some(y)),
            None => (k, None),
        };
        Found {
            end,
            spec: day_spec(m, d, year),
            tag: Tag::Day,
        }
    }

    /// "25 December 2024", "the 25th of December", "Wednesday 25 December".
    fn date_day_month(&self, i: usize) -> Option<Found> {
        let j = self.skip_weekday(i);
        let the = self.is(j, "the");
        let j = self.skip_the(j);
        let (k, d) = match self.day_at(j) {
            Some((k, d, ordinal)) => {
                if the && !ordinal {
                    return None;
                }
                (k, d)
            }
            None => {
                let (k, v) = self.ordinal_at(j)?;
                if !the || !(1..=31).contains(&v) {
                    return None;
                }
                (k, v as i8)
            }
        };
        let k = if self.is(k, "of") { k + 1 } else { k };
        let (k2, m, _) = self.month_at(k)?;
        Some(self.day_with_year(k2, m, d))
    }

    /// "2024-12-25", "12/25/2024", "25/12/2024", "25.12.2024" (not inside longer numeric chains).
    fn numeric(&self, i: usize) -> Option<Found> {
        let (a, da) = self.num(i)?;
        let sep = self.p(i + 1)?;
        if !matches!(sep, '-' | '/' | '.') {
            return None;
        }
        let (b, db) = self.num(i + 2)?;
        let (c, dc) = self.num(i + 4)?;
        if self.p(i + 3) != Some(sep) || !(1..=4).all(|o| self.t.glued(i + o)) {
            return None;
        }
        // Glued on either side to more digits, letters or separators, it is an id or a version.
        if self.t.glued(i) && !matches!(self.p(i.wrapping_sub(1)), Some('(' | '"' | '\'' | '[')) {
            return None;
        }
        if self.t.glued(i + 5) {
            match self.t.get(i + 5).map(|t| t.kind) {
                Some(Kind::Word) if self.is(i + 5, "t") => {}
                Some(Kind::Word | Kind::Num) => return None,
                Some(Kind::Punct(p)) if p == sep || p == ':' => return None,
                _ => {}
            }
        }
        let (y, m, d) = if da == 4 && db <= 2 && dc <= 2 {
            (a, b, c)
        } else if dc == 4 && da <= 2 && db <= 2 {
            if a > 12 || (sep != '/' && b <= 12) {
                (c, b, a)
            } else {
                (c, a, b)
            }
        } else {
            return None;
        };
        if !(1000..=2100).contains(&y) {
            return None;
        }
        let spec = match ymd(y as i64, m as i64, d as i64) {
            Some(date) => Spec::Abs(date, date),
            None => Spec::Invalid,
        };
        Some(Found {
            end: i + 5,
            spec,
            tag: Tag::Day,
        })
    }

    /// "June 2025", "December of 2024", "Sept 2023", "June last year".
    fn month_year(&self, i: usize) -> Option<Found> {
        let (k, m, _) = self.month_at(i)?;
        let k2 = if self.is(k, "of") { k + 1 } else { k };
        let (end, year) = self.yearspec(k2, k2 > k)?;
        let spec = match year {
            YearSel::Abs(y) => {
                let first = ymd(i64::from(y), i64::from(m), 1)?;
                Spec::Abs(first, first.last_of_month())
            }
            rel => Spec::Partial {
                p: Partial::Month(m),
                year: Some(rel),
                shift: None,
            },
        };
        Some(Found {
            end,
            spec,
            tag: Tag::Month,
        })
    }

    /// "in December", "In January, ...": a month without a year; "May" and "March" only where a
    /// month is expected.
    fn month_alone(&self, i: usize, strong: bool) -> Option<Found> {
        let (k, m, flags) = self.month_at(i)?;
        if flags.abbr {
            return None;
        }
        if flags.ambiguous && !strong {
            let prev = i.checked_sub(1).and_then(|p| self.w(p));
            if !prev.is_some_and(|w| MONTH_CONTEXT.contains(&w)) {
                return None;
            }
        }
        Some(Found {
            end: k,
            spec: Spec::Partial {
                p: Partial::Month(m),
                year: None,
                shift: None,
            },
            tag: Tag::Month,
        })
    }

    /// "the spring of 2021", "summer 2022", "in the summer"; "fall" only with a year or "in the".
    fn season(&self, i: usize, strong: bool) -> Option<Found> {
        let j = self.skip_the(i);
        let had_the = j > i;
        let (k, &(first, last, flags)) = self.lex.seasons.longest(self.t, j)?;
        let k2 = if self.is(k, "of") { k + 1 } else { k };
        if let Some((end, year)) = self.yearspec(k2, k2 > k) {
            return Some(Found {
                end,
                spec: Spec::Partial {
                    p: Partial::Season(first, last),
                    year: Some(year),
                    shift: None,
                },
                tag: Tag::Other,
            });
        }
        // "the winter of 2021-22": the season that begins in the first year.
        if let Some(y1) = self.year_core(k2) {
            let two = self
                .num(k2 + 2)
                .is_some_and(|(v, d)| d == 2 && v as i64 == (i64::from(y1) + 1) % 100);
            let four = self
                .year_core(k2 + 2)
                .is_some_and(|y2| i64::from(y2) == i64::from(y1) + 1);
            let joined = matches!(self.p(k2 + 1), Some('-' | '/'))
                && self.t.glued(k2 + 1)
                && self.t.glued(k2 + 2);
            if joined && (two || four) {
                return Some(Found {
                    end: k2 + 3,
                    spec: Spec::Partial {
                        p: Partial::Season(first, last),
                        year: Some(YearSel::Abs(y1)),
                        shift: None,
                    },
                    tag: Tag::Other,
                });
            }
        }
        if self.is(k, "of") || self.is(k, "in") {
            return None;
        }
        let prev = i.checked_sub(1).and_then(|p| self.w(p));
        let prep = prev.is_some_and(|w| {
            matches!(
                w,
                "in" | "during" | "over" | "by" | "until" | "since" | "through"
            )
        });
        let ok = if flags.ambiguous {
            had_the && prep
        } else {
            strong || had_the || prep
        };
        ok.then_some(Found {
            end: k,
            spec: Spec::Partial {
                p: Partial::Season(first, last),
                year: None,
                shift: None,
            },
            tag: Tag::Other,
        })
    }

    /// "the 1990s", "1990s", "the '90s", "the 1800s" (a century).
    fn decade(&self, i: usize) -> Option<Found> {
        let j = self.skip_the(i);
        let had_the = j > i;
        let (j, two_digit) = if self.p(j) == Some('\'') && self.t.glued(j + 1) {
            (j + 1, true)
        } else {
            (j, false)
        };
        let (v, digits) = self.num(j)?;
        let mut k = j + 1;
        if self.p(k) == Some('\'') && self.t.glued(k) && had_the {
            k += 1;
        }
        if !(self.is(k, "s") && self.t.glued(k)) || v % 10 != 0 {
            return None;
        }
        if self.t.glued(k + 1)
            && matches!(
                self.t.get(k + 1).map(|t| t.kind),
                Some(Kind::Word | Kind::Num)
            )
        {
            return None;
        }
        let (first, len) = match (digits, two_digit) {
            (2, true) => (if v >= 30 { 1900 + v } else { 2000 + v }, 10),
            (4, false) if (1000..=2090).contains(&v) && self.year_left_ok(j) => {
                if v % 100 == 0 && v < 2000 {
                    (v, 100)
                } else {
                    (v, 10)
                }
            }
            _ => return None,
        };
        let (s, _) = year_bounds(first as i64)?;
        let (_, e) = year_bounds((first + len - 1) as i64)?;
        Some(Found {
            end: k + 1,
            spec: Spec::Abs(s, e),
            tag: Tag::Other,
        })
    }

    /// "the 19th century", "the twenty-first century", "19th-century".
    fn century(&self, i: usize) -> Option<Found> {
        let j = self.skip_the(i);
        let (mut k, n) = self.ordinal_at(j)?;
        if self.p(k) == Some('-') && self.t.glued(k) {
            k += 1;
        }
        if !(self.is(k, "century") && (1..=21).contains(&n)) {
            return None;
        }
        if matches!(self.w(k + 1), Some("bc" | "bce")) {
            return None;
        }
        let (s, _) = year_bounds((n - 1) * 100 + 1)?;
        let (_, e) = year_bounds(n * 100)?;
        Some(Found {
            end: k + 1,
            spec: Spec::Abs(s, e),
            tag: Tag::Other,
        })
    }

    /// A year alone.
    fn year(&self, i: usize, strong: bool) -> Option<Found> {
        let (end, y) = if strong {
            self.year_strong(i)?
        } else {
            self.year_bare(i)?
        };
        let (s, e) = year_bounds(i64::from(y))?;
        Some(Found {
            end,
            spec: Spec::Abs(s, e),
            tag: Tag::Year,
        })
    }

    /// "on Wednesday", "said Wednesday".
    fn weekday_alone(&self, i: usize) -> Option<Found> {
        let (k, wd, flags) = self.weekday_at(i)?;
        if flags.abbr {
            return None;
        }
        Some(Found {
            end: k,
            spec: Spec::Partial {
                p: Partial::Weekday(wd),
                year: None,
                shift: None,
            },
            tag: Tag::Day,
        })
    }

    /// "the weekend", "over the weekend".
    fn the_weekend(&self, i: usize) -> Option<Found> {
        if !self.is(i, "the") {
            return None;
        }
        let (k, unit) = self.unit_at(i + 1)?;
        (unit.kind == UnitKind::Weekend).then_some(Found {
            end: k,
            spec: Spec::Cal(CalUnit::Weekend, None),
            tag: Tag::Other,
        })
    }

    /// "the year", "the month" after a modifier ("the end of the year"): the current one.
    fn the_unit(&self, i: usize) -> Option<Found> {
        if !self.is(i, "the") {
            return None;
        }
        let (k, unit) = self.unit_at(i + 1)?;
        let cal = CalUnit::of(unit).filter(|c| *c != CalUnit::Day)?;
        Some(Found {
            end: k,
            spec: Spec::Cal(cal, Some(0)),
            tag: Tag::Other,
        })
    }
}

/// The month and year of a one-day expression, for elliptic ranges ("June 3-5").
fn month_day_of(spec: &Spec) -> Option<(i8, Option<YearSel>)> {
    match spec {
        Spec::Partial {
            p: Partial::MonthDay(m, _),
            year,
            shift: None,
        } => Some((*m, *year)),
        Spec::Abs(s, e) if s == e => Some((s.month(), Some(YearSel::Abs(s.year())))),
        _ => None,
    }
}

/// A day of a month, partial or whole.
fn partial_day(m: i8, d: i8, year: Option<YearSel>) -> Spec {
    day_spec(m, d, year)
}

/// A day of a month with an optional year: a fixed date when the year is stated, invalid when the
/// day does not exist in that month (no month has a day 32; February has 29 at most).
fn day_spec(m: i8, d: i8, year: Option<YearSel>) -> Spec {
    match year {
        Some(YearSel::Abs(y)) => match ymd(i64::from(y), i64::from(m), i64::from(d)) {
            Some(date) => Spec::Abs(date, date),
            None => Spec::Invalid,
        },
        _ => {
            // A leap year shows whether the day exists in the month at all.
            if ymd(2000, i64::from(m), i64::from(d)).is_none() {
                return Spec::Invalid;
            }
            Spec::Partial {
                p: Partial::MonthDay(m, d),
                year,
                shift: None,
            }
        }
    }
}

/// The ISO 8601 form of `n` units, when it has one (hours only in whole days).
fn iso_duration(n: i64, unit: Unit) -> Option<String> {
    let n = n.checked_mul(unit.count)?;
    Some(match unit.kind {
        UnitKind::Day => format!("P{n}D"),
        UnitKind::Week => format!("P{n}W"),
        UnitKind::Month => format!("P{n}M"),
        UnitKind::Year => format!("P{n}Y"),
        UnitKind::Hour if n % 24 == 0 && n > 0 => format!("P{}D", n / 24),
        UnitKind::Quarter => format!("P{}M", n.checked_mul(3)?),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lexicon;

    /// The tables of time expressions of the tests, as `(file, text)`.
    const TABLES: [&str; 2] = [
        include_str!("../../../../tests/data/temporal.tsv"),
        include_str!("../../../../tests/data/temporal_news.tsv"),
    ];

    /// Trying only the compound rules a token's word can start gives, at every token of every
    /// expression of the test tables (and of the lines around them), what trying all of them
    /// gives.
    #[test]
    fn compound_shortcut_as_every_rule() -> crate::Result<()> {
        let lex = Lexicon::embedded()?;
        let tl = &lex.temporal;
        let mut tried = 0;
        for line in TABLES.iter().flat_map(|t| t.lines()) {
            let text = line.split('\t').nth(1).unwrap_or(line);
            let t = Tokens::new(text, &tl.vocab);
            let (fast, plain) = (Parser::new(&t, tl), Parser::plain(&t, tl));
            for i in 0..t.len() {
                let (a, b) = (fast.best(i), plain.best(i));
                assert_eq!(format!("{a:?}"), format!("{b:?}"), "{text:?} at token {i}");
                tried += usize::from(b.is_some());
            }
        }
        assert!(tried > 100, "only {tried} expressions read");
        Ok(())
    }
}
