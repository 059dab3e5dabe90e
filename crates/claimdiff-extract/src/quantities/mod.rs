//! Numbers and what they count: "at least 38 of the 67 people on board", "$2.5 million",
//! "several hundred protesters", "a 6.1-magnitude quake", "52 percent of the vote".
//!
//! A sentence is tokenized once (words, digit runs, punctuation, with byte offsets); each number
//! is read from its digits or words, then grown outwards: scale words, a currency or unit before
//! or after, a second number making a range, a bound cue before or after, and the counted noun.
//! Count cues ("killed", "on board", "of the vote") are then tied to the nearest quantity of
//! their clause. Every word list comes from `quantities.tsv`, whose header documents the format
//! and the choices (tolerances, what is not a quantity).
//!
//! Number words are read by a small hand-written parser rather than the `text2num` crate:
//! `text2num` keeps its English words in code (users could not extend them from the data file),
//! reads neither "a dozen", "a hundred" nor digits with scale words ("1.5 million"), and gives no
//! byte offsets, which the mentions need.

mod tokens;
mod words;

use claimdiff_core::{Quantity, QuantityKind};

use self::{
    tokens::{Kind, Sentence},
    words::{role, Class, Unit},
};
use crate::{phrases::Words, Lexicon};

pub use self::words::QuantityLexicon;

/// One quantity found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct QuantityMention {
    /// First byte in the text given.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// The value, its bounds and its unit (the counted noun).
    pub quantity: Quantity,
    /// The count attribute it fills (`dead`, `injured`, `on_board`, `detained`, …), when the
    /// context says.
    pub attribute: Option<String>,
    /// Stated as a change ("rose to 48", "has reached 130"): a date right after it ("rose to 48
    /// on Monday") dates the figure, not the event.
    pub changed: bool,
}

/// Finds the quantities in `text`, skipping the byte ranges in `exclude` (dates already found).
pub fn find_quantities(
    text: &str,
    exclude: &[(usize, usize)],
    lex: &Lexicon,
) -> Vec<QuantityMention> {
    if text.is_empty() || !lex.quantities.may_hold(text) {
        return Vec::new();
    }
    find_quantities_after_prefilter(text, exclude, lex)
}

/// [`find_quantities`] without its cheap test for a digit or a number word: for a caller that
/// made it already ([`Lexicon::may_hold`]), on a text that passed it.
pub(crate) fn find_quantities_after_prefilter(
    text: &str,
    exclude: &[(usize, usize)],
    lex: &Lexicon,
) -> Vec<QuantityMention> {
    let q = &lex.quantities;
    let s = Sentence::new(text, &q.vocab);
    let finder = Finder {
        s: &s,
        q,
        exclude,
        chunk: std::cell::Cell::new(None),
    };
    finder.run()
}

/// Integer parts longer than this are ids or noise, not quantities (and would not fit an f64
/// exactly anyway).
const MAX_DIGITS: usize = 18;

/// How far (in words) a count cue reaches from its quantity.
const CUE_REACH: usize = 10;

/// How much farther than a verb a counted noun that is also a cue counts ("40 protesters were
/// arrested": detained, not protesters).
const NOUN_CUE_PENALTY: usize = 3;

/// The relative tolerance of an approximation ("about 40": 36 to 44).
const APPROXIMATE: f64 = 0.1;

/// What reading at one token gives.
enum Step<T> {
    /// Something was read.
    Found(T),
    /// Not a quantity, and nothing up to this token is either (an id, a time, a path).
    Skip(usize),
    /// Nothing here.
    Nothing,
}

/// A number itself, before bounds, ranges and nouns.
#[derive(Clone, Copy, Debug)]
struct Core {
    /// First token.
    first: usize,
    /// Token after it (scale words included).
    end: usize,
    /// The value before scale words.
    base: f64,
    /// What the scale words multiply by (1: none).
    mult: f64,
    /// Lowest value (the value of an exact number).
    lo: f64,
    /// Highest value (none: unbounded; a vague word may leave it open).
    hi: Option<f64>,
    /// A vague word ("several", "dozens").
    vague: bool,
    /// The vague word needs a counted noun or "of".
    needs_noun: bool,
    /// Four plain digits (a possible year).
    plain4: bool,
    /// Written in digits.
    digits: bool,
    /// The pronoun-like "one" alone.
    pronoun: bool,
}

/// A number with its currency or unit.
#[derive(Clone, Debug)]
struct Atom<'l> {
    /// First token (a currency or unit before the number included).
    first: usize,
    /// The number.
    core: Core,
    /// Token after it (unit after included).
    end: usize,
    /// The currency or unit.
    unit: Option<&'l Unit>,
    /// The unit was written before the number.
    prefixed: bool,
}

/// A quantity being built.
#[derive(Clone, Debug)]
struct Found {
    /// First token of the mention's text.
    first: usize,
    /// Token after it.
    end: usize,
    /// First token of the number.
    core_first: usize,
    /// How it is stated.
    kind: QuantityKind,
    /// Lowest value.
    min: Option<f64>,
    /// Highest value.
    max: Option<f64>,
    /// Unit or counted noun.
    unit: Option<String>,
    /// What it measures.
    class: Class,
    /// The attribute its unit implies.
    default_attr: Option<String>,
    /// Token after its counted noun (count cues inside the noun phrase are at distance 0).
    noun_end: usize,
    /// The token where the whole it is a part of starts ("38 of the 67": the 67).
    whole_at: Option<usize>,
    /// The whole's value.
    of: Option<f64>,
}

/// A counted noun after a number.
struct Noun {
    /// Its normalized singular.
    unit: String,
    /// It was plural (a count rather than a year or a label).
    plural: bool,
    /// Token after it.
    end: usize,
}

/// The finder of one sentence.
struct Finder<'a, 's> {
    s: &'s Sentence<'a>,
    q: &'s QuantityLexicon,
    exclude: &'s [(usize, usize)],
    /// The last white-space-delimited chunk checked for paths and ids: start, end, verdict.
    chunk: std::cell::Cell<Option<(usize, usize, bool)>>,
}

/// Rounds to 9 significant digits so that products like 1.1 × 10⁹ print cleanly.
fn tidy(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let e = x.abs().log10().floor() as i32;
    if !(-9..=15).contains(&e) {
        return x;
    }
    let p = 10f64.powi(8 - e);
    let r = (x * p).round() / p;
    if r.is_finite() {
        r
    } else {
        x
    }
}

impl Finder<'_, '_> {
    /// Finds the quantities of the sentence.
    fn run(&self) -> Vec<QuantityMention> {
        let s = self.s;
        let n = s.len();
        let mut found: Vec<Found> = Vec::new();
        let mut last_end = 0;
        let mut i = 0;
        while i < n {
            if !self.may_start(i) {
                i += 1;
                continue;
            }
            match self.quantity(i, last_end) {
                Step::Found(f) => {
                    i = f.end.max(i + 1);
                    last_end = f.end;
                    found.push(f);
                }
                Step::Skip(k) => i = k.max(i + 1),
                Step::Nothing => i += 1,
            }
        }
        // A part takes its whole's value, and its unit when it has none ("38 of the 67 people").
        for k in 0..found.len() {
            let Some(at) = found[k].whole_at else {
                continue;
            };
            let Some(whole) = found.get(k + 1).filter(|w| w.core_first == at).cloned() else {
                continue;
            };
            let part = &mut found[k];
            part.of = match whole.kind {
                QuantityKind::Exact => whole.min,
                _ => None,
            };
            if part.unit.is_none() {
                part.unit = whole.unit.clone();
                part.class = whole.class;
            }
        }
        let attributes = self.attributes(&found);
        found
            .into_iter()
            .zip(attributes)
            .map(|(f, attribute)| {
                let changed = self.linked(f.first);
                let start = s.toks.get(f.first).map_or(0, |t| t.start);
                let end = f
                    .end
                    .checked_sub(1)
                    .and_then(|e| s.toks.get(e))
                    .map_or(start, |t| t.end);
                QuantityMention {
                    start,
                    end,
                    quantity: Quantity {
                        text: s.text.get(start..end).unwrap_or("").to_string(),
                        kind: f.kind,
                        min: f.min,
                        max: f.max,
                        unit: f.unit,
                        of: f.of,
                    },
                    attribute,
                    changed,
                }
            })
            .collect()
    }

    /// Whether a linking phrase ends right before token `first` ("has risen to 130").
    fn linked(&self, first: usize) -> bool {
        (first.saturating_sub(4)..first).any(|j| self.q.role(self.s, j, role::LINK) == Some(first))
    }

    /// Whether a number can start at token `i` (digits, or a word that starts a number, vague
    /// or unit phrase): most tokens cannot, and are ruled out before any phrase is looked up.
    fn may_start(&self, i: usize) -> bool {
        self.s.kind(i) == Some(Kind::Num) || self.q.may_start_atom(self.s.id(i))
    }

    /// Whether tokens `[a, b)` overlap an excluded byte range.
    fn excluded(&self, a: usize, b: usize) -> bool {
        let (Some(first), Some(last)) = (
            self.s.toks.get(a),
            b.checked_sub(1).and_then(|l| self.s.toks.get(l)),
        ) else {
            return false;
        };
        self.exclude
            .iter()
            .any(|&(x, y)| first.start < y && last.end > x)
    }

    /// Whether the phrase at `i` has role `bit` and is one token long.
    fn is(&self, i: usize, bit: u32) -> bool {
        self.q.role(self.s, i, bit) == Some(i + 1)
    }

    /// A whole quantity starting at token `i`, or why not.
    fn quantity(&self, i: usize, last_end: usize) -> Step<Found> {
        let s = self.s;
        let a = match self.atom(i, false) {
            Step::Found(a) => a,
            Step::Skip(k) => return Step::Skip(k),
            Step::Nothing => return Step::Nothing,
        };
        if self.excluded(a.core.first, a.core.end) {
            return Step::Skip(a.end);
        }
        let mut first = a.first;
        let mut end = a.end;
        let mut kind = QuantityKind::Exact;
        let (mut min, mut max) = (Some(a.core.lo), a.core.hi);
        let mut unit = a.unit;
        let mut ranged = false;

        if a.core.vague {
            kind = QuantityKind::Vague;
        } else if let Some((b, hyphen, between)) = self.range(&a, last_end) {
            let mut lo = a.core.lo;
            if a.core.mult == 1.0 && b.core.mult != 1.0 && a.core.base < b.core.base {
                // "2 to 3 million": the scale of the second end applies to the first.
                lo = tidy(a.core.base * b.core.mult);
            }
            let units_agree = match (a.unit, b.unit) {
                (Some(x), Some(y)) => x.name == y.name,
                _ => true,
            };
            if hyphen && self.score_near(a.first, b.end) {
                return Step::Skip(b.end);
            }
            if units_agree && lo < b.core.lo {
                kind = QuantityKind::Range;
                min = Some(lo);
                max = Some(b.core.lo);
                unit = a.unit.or(b.unit);
                end = b.end;
                ranged = true;
                if between {
                    first -= 1;
                }
            } else if hyphen {
                // "3-1", "2025-07": a pair that is no range is a score or an id.
                return Step::Skip(b.end);
            }
        }

        if !a.core.vague && !ranged {
            // A bound cue right before the number (never reaching into the previous quantity).
            for st in first.saturating_sub(6).max(last_end)..first {
                if let Some((e, k)) = self.q.bounds_before.longest(s, st) {
                    if e == first {
                        kind = *k;
                        first = st;
                        break;
                    }
                }
            }
            // Or right after it ("50 or more", "50-plus", "50+").
            if kind == QuantityKind::Exact {
                let at = if s.joining_hyphen(end) { end + 1 } else { end };
                if let Some((e, k)) = self.q.bounds_after.longest(s, at) {
                    kind = *k;
                    end = e;
                }
            }
            let v = a.core.lo;
            match kind {
                QuantityKind::AtLeast => (min, max) = (Some(v), None),
                QuantityKind::AtMost => (min, max) = (None, Some(v)),
                QuantityKind::Approximate => {
                    (min, max) = (
                        Some(tidy(v * (1.0 - APPROXIMATE))),
                        Some(tidy(v * (1.0 + APPROXIMATE))),
                    )
                }
                _ => {}
            }
        }

        // A fraction: "two-thirds", "three quarters".
        let at = if s.joining_hyphen(end) { end + 1 } else { end };
        if !a.core.digits && !ranged && self.q.role(s, at, role::FRACTION).is_some() {
            return Step::Skip(at + 1);
        }

        // A ratio: "one in five", "1 in 10".
        if !ranged && unit.is_none() {
            if let Some(e) = self.q.role(s, end, role::RATIO) {
                if let Step::Found(b) = self.atom(e, false) {
                    if !b.core.vague && b.unit.is_none() {
                        return Step::Skip(b.end);
                    }
                }
            }
        }

        // "One" as a pronoun: "one of the brothers" (a part, not a count), "no one", "one-off".
        if a.core.pronoun && kind == QuantityKind::Exact {
            let before = a.first > 0 && self.is(a.first - 1, role::ONE);
            let after = self.q.role(s, a.end, role::PART).is_some()
                || self.is(a.end, role::ONE)
                || s.joining_hyphen(a.end)
                || (a.end..s.len()).any(|j| self.q.role(s, j, role::CONTRAST).is_some());
            if before || after {
                return Step::Skip(a.end);
            }
        }

        // The counted noun, or the whole this number is a part of.
        let mut noun: Option<Noun> = None;
        let mut whole_at = None;
        if unit.is_none() {
            if let Some(e) = self.q.role(s, end, role::PART) {
                let k = self.q.role(s, e, role::DET).unwrap_or(e);
                if matches!(self.atom(k, false), Step::Found(_)) {
                    whole_at = Some(k);
                } else {
                    noun = self.noun(k);
                }
            } else if s.joining_hyphen(end) && s.kind(end + 1) == Some(Kind::Word) {
                // A compound modifier: "a 12-member jury".
                noun = Some(Noun {
                    unit: self.singular(end + 1).0,
                    plural: false,
                    end: end + 2,
                });
            } else {
                noun = self.noun(end);
            }
            if a.core.needs_noun && noun.is_none() && whole_at.is_none() {
                return Step::Skip(end);
            }
        }
        let plural = noun.as_ref().is_some_and(|n| n.plural);

        // Years and labels: plain digits with no unit, bound or range.
        let plain = a.core.digits && !a.prefixed && unit.is_none() && kind == QuantityKind::Exact;
        if plain && a.core.plain4 && a.core.mult == 1.0 && (1800.0..=2100.0).contains(&a.core.lo) {
            let cue = a.first > 0 && self.is(a.first - 1, role::YEAR);
            if cue || !plural {
                return Step::Skip(end);
            }
        }
        if plain && a.core.mult == 1.0 && self.labelled(a.first, plural) {
            return Step::Skip(end);
        }
        // An age in apposition: "The man, 45, was charged".
        if plain
            && noun.is_none()
            && whole_at.is_none()
            && a.first >= 2
            && s.is_punct(a.first - 1, ",")
            && s.kind(a.first - 2) == Some(Kind::Word)
            && s.is_punct(end, ",")
        {
            return Step::Skip(end);
        }

        let (unit_name, class, default_attr) = match unit {
            Some(u) => (Some(u.name.clone()), u.class, u.attribute.clone()),
            None => (noun.as_ref().map(|n| n.unit.clone()), Class::Count, None),
        };
        Step::Found(Found {
            first,
            end,
            core_first: a.core.first,
            kind,
            min: min.map(tidy),
            max: max.map(tidy),
            unit: unit_name,
            class,
            default_attr,
            noun_end: noun.map_or(end, |n| n.end.max(end)),
            whole_at,
            of: None,
        })
    }

    /// Whether the number at `first` names something ("Flight 370", "No. 10", "Boeing 737"): a
    /// label word before it, or a capitalized word that is not the sentence's first when no plural
    /// noun follows ("told AFP 38 people" counts).
    fn labelled(&self, first: usize, plural: bool) -> bool {
        let s = self.s;
        let Some(mut p) = first.checked_sub(1) else {
            return false;
        };
        if s.is_punct(p, ".") && !s.toks.get(p).is_some_and(|t| t.space) && p > 0 {
            p -= 1;
        }
        if s.kind(p) != Some(Kind::Word) {
            return false;
        }
        if self.is(p, role::LABEL) {
            return true;
        }
        // A capital anywhere: "Boeing", "iPhone".
        let capital = s.raw(p).chars().any(char::is_uppercase);
        let known = self.q.roles.longest(s, p).is_some()
            || self.q.cues.longest(s, p).is_some()
            || self.q.bounds_before.longest(s, p).is_some()
            || self.q.units_before.longest(s, p).is_some();
        let not_first = s.toks[..p].iter().any(|t| t.kind != Kind::Punct);
        capital && not_first && !known && !plural && first == p + 1
    }

    /// Whether a score cue ("won", "beat", "victory") lies within three tokens of `[a, b)`.
    fn score_near(&self, a: usize, b: usize) -> bool {
        (a.saturating_sub(3)..a)
            .chain(b..(b + 3).min(self.s.len()))
            .any(|t| self.is(t, role::SCORE))
    }

    /// The second end of a range after `a` ("to 20", "-20", "or three", "and 20" after "between"):
    /// the atom, whether a hyphen or dash joined them, and whether "between" opened it.
    fn range<'l>(&'l self, a: &Atom<'l>, last_end: usize) -> Option<(Atom<'l>, bool, bool)> {
        let s = self.s;
        let k = a.end;
        let between = a.first > last_end && self.is(a.first - 1, role::BETWEEN);
        let e = if between {
            self.q.role(s, k, role::AND)?
        } else {
            if a.first > 0 && self.is(a.first - 1, role::FROM) {
                return None;
            }
            self.q.role(s, k, role::RANGE)?
        };
        let hyphen = s.kind(k) == Some(Kind::Punct);
        let Step::Found(b) = self.atom(e, hyphen) else {
            return None;
        };
        if b.core.vague || self.excluded(b.core.first, b.core.end) {
            return None;
        }
        if hyphen && b.core.digits != a.core.digits {
            return None;
        }
        Some((b, hyphen, between))
    }

    /// A number at token `i` with its scale words and its currency or unit. `free` lifts the
    /// checks on what is attached before it (the second end of "10-20").
    fn atom(&self, i: usize, free: bool) -> Step<Atom<'_>> {
        let s = self.s;
        if !self.may_start(i) {
            return Step::Nothing;
        }
        let mut j = i;
        let mut prefix = None;
        if let Some((e, u)) = self.q.units_before.longest(s, i) {
            let k = if s.joining_hyphen(e) { e + 1 } else { e };
            if s.kind(k) == Some(Kind::Num) {
                prefix = Some(u);
                j = k;
            }
        }
        let mut core = match s.kind(j) {
            Some(Kind::Num) => match self.digits(j, free || prefix.is_some()) {
                Step::Found(c) => c,
                Step::Skip(k) => return Step::Skip(k),
                Step::Nothing => return Step::Nothing,
            },
            Some(Kind::Word) => match self.number_words(j).or_else(|| self.vague(j)) {
                Some(c) => c,
                None => return Step::Nothing,
            },
            _ => return Step::Nothing,
        };
        let money = prefix.is_some_and(|u| u.class == Class::Money);
        if core.digits {
            self.scales(&mut core, money);
        }
        let mut end = core.end;
        let mut unit = prefix;
        if prefix.is_none() {
            let at = if s.joining_hyphen(end) { end + 1 } else { end };
            if let Some((e, u)) = self.q.units_after.longest(s, at) {
                unit = Some(u);
                end = e;
            }
        }
        // Letters glued to the digits that are no unit: "4th", "1990s", "3D", "10am".
        if s.kind(end) == Some(Kind::Word) && s.attached(end) {
            return Step::Skip(end + 1);
        }
        // A time, an age or an id: "10 a.m.", "25-year-old".
        let at = if s.joining_hyphen(end) { end + 1 } else { end };
        if let Some(e) = self.q.role(s, at, role::NOT_AFTER) {
            return Step::Skip(e);
        }
        Step::Found(Atom {
            first: i,
            core,
            end,
            unit,
            prefixed: prefix.is_some(),
        })
    }

    /// The white-space-delimited chunk around token `i` holds a path, a URL or an id.
    fn in_id_chunk(&self, i: usize) -> Option<usize> {
        let s = self.s;
        let bytes = s.text.as_bytes();
        let t = s.toks.get(i)?;
        let (end, bad) = match self.chunk.get() {
            Some((a, b, bad)) if a <= t.start && t.end <= b => (b, bad),
            _ => {
                let mut a = t.start;
                while a > 0 && !bytes[a - 1].is_ascii_whitespace() {
                    a -= 1;
                }
                let mut b = t.end;
                while b < bytes.len() && !bytes[b].is_ascii_whitespace() {
                    b += 1;
                }
                let chunk = &s.lower.as_bytes()[a..b];
                let bad = chunk
                    .iter()
                    .any(|c| matches!(c, b'/' | b'\\' | b'_' | b'@' | b'=' | b'#' | b'~' | b'|'))
                    || chunk.windows(4).any(|w| w == b"www." || w == b"http");
                self.chunk.set(Some((a, b, bad)));
                (b, bad)
            }
        };
        if !bad {
            return None;
        }
        Some(
            s.toks[i..]
                .iter()
                .position(|t| t.start >= end)
                .map_or(s.len(), |p| i + p),
        )
    }

    /// A number in digits at token `i` ("100,000", "1.5", "2 500"). `free` lifts the checks on
    /// what is attached before it.
    fn digits(&self, i: usize, free: bool) -> Step<Core> {
        let s = self.s;
        let n = s.len();
        if self.excluded(i, i + 1) {
            return Step::Skip(i + 1);
        }
        if !free && s.attached(i) {
            let p = i - 1;
            match s.kind(p) {
                // Inside a word: "G7", "A320".
                Some(Kind::Word) => return Step::Skip(i + 1),
                Some(Kind::Punct) => {
                    let glued = p > 0 && s.attached(p);
                    // "F-16", "COVID-19", the rest of "2025.07.14".
                    if glued && matches!(s.lw(p), "-" | "." | "," | ":" | "'") {
                        return Step::Skip(i + 1);
                    }
                }
                _ => {}
            }
        }
        if let Some(k) = self.in_id_chunk(i) {
            return Step::Skip(k);
        }
        let first_len = s.lw(i).len();
        let mut int = String::from(s.lw(i));
        let mut j = i + 1;
        let mut grouped = false;
        if first_len <= 3 {
            // Thousands separated by commas: "100,000".
            while s.is_punct(j, ",")
                && s.attached(j)
                && s.kind(j + 1) == Some(Kind::Num)
                && s.attached(j + 1)
                && s.lw(j + 1).len() == 3
            {
                int.push_str(s.lw(j + 1));
                j += 2;
                grouped = true;
            }
            // Or by single spaces: "2 500" (never across a date, never after commas).
            if !grouped {
                while s.kind(j) == Some(Kind::Num)
                    && s.lw(j).len() == 3
                    && matches!(s.gap(j), " " | "\u{a0}" | "\u{2009}" | "\u{202f}")
                    && !self.excluded(j, j + 1)
                    && !(s.is_punct(j + 1, ",") && s.attached(j + 1))
                {
                    int.push_str(s.lw(j));
                    j += 1;
                    grouped = true;
                }
            }
        }
        let mut frac = "";
        if s.is_punct(j, ".")
            && s.attached(j)
            && s.kind(j + 1) == Some(Kind::Num)
            && s.attached(j + 1)
        {
            frac = s.lw(j + 1);
            j += 2;
        }
        // More digits glued on: a time ("10:30"), a date or version ("14.07.2025"), a list ("1,5").
        if j + 1 < n
            && matches!(s.lw(j), "." | "," | ":" | "/")
            && s.kind(j) == Some(Kind::Punct)
            && s.attached(j)
            && s.kind(j + 1) == Some(Kind::Num)
            && s.attached(j + 1)
        {
            let mut k = j + 1;
            while k < n && s.attached(k) && s.kind(k) != Some(Kind::Word) {
                k += 1;
            }
            return Step::Skip(k);
        }
        if int.len() > MAX_DIGITS || (int.len() > 1 && int.starts_with('0') && frac.is_empty()) {
            // An id or a phone number: its further groups of digits go with it ("020 7946 0958").
            while s.kind(j) == Some(Kind::Num)
                || (s.is_punct(j, "-") && s.kind(j + 1) == Some(Kind::Num))
            {
                j += 1;
            }
            return Step::Skip(j);
        }
        let text = if frac.is_empty() {
            int.clone()
        } else {
            format!("{int}.{frac}")
        };
        let Ok(v) = text.parse::<f64>() else {
            return Step::Skip(j);
        };
        if !v.is_finite() {
            return Step::Skip(j);
        }
        Step::Found(Core {
            first: i,
            end: j,
            base: v,
            mult: 1.0,
            lo: v,
            hi: Some(v),
            vague: false,
            needs_noun: false,
            plain4: !grouped && frac.is_empty() && int.len() == 4,
            digits: true,
            pronoun: false,
        })
    }

    /// Scale words after digits: "2.5 million", "300m" (with a currency), "1.2bn".
    fn scales(&self, core: &mut Core, money: bool) {
        let s = self.s;
        let mut last = 0.0;
        loop {
            let j = core.end;
            let Some((e, sc)) = self.q.scales.longest(s, j) else {
                break;
            };
            if sc.mult <= last {
                break;
            }
            if sc.abbr {
                let currency_after = self
                    .q
                    .units_after
                    .longest(s, e)
                    .is_some_and(|(_, u)| u.class == Class::Money);
                if sc.money && !money && !currency_after {
                    break;
                }
                if !s.attached(j) && !money && !currency_after {
                    break;
                }
            }
            last = sc.mult;
            core.mult *= sc.mult;
            core.lo = tidy(core.lo * sc.mult);
            core.hi = core.hi.map(|h| tidy(h * sc.mult));
            core.end = e;
        }
    }

    /// A number in words at token `i`: "thirty-eight", "two hundred and five", "a dozen",
    /// "half a million".
    fn number_words(&self, i: usize) -> Option<Core> {
        #[derive(PartialEq, Clone, Copy)]
        enum Last {
            Start,
            ScaleOnly,
            Unit,
            Teen,
            Tens,
            Hundred,
            Big,
            And,
        }
        let s = self.s;
        let q = self.q;
        let (mut total, mut group) = (0.0f64, 0.0f64);
        let mut last = Last::Start;
        let mut last_big = f64::INFINITY;
        let mut j = i;
        let mut end = None;
        let mut words = 0;
        let mut pronoun = false;
        loop {
            // "thirty-eight": a hyphen joining two number words.
            if j > i && s.joining_hyphen(j) && s.kind(j + 1) == Some(Kind::Word) {
                j += 1;
            }
            let num = q.numbers.longest(s, j);
            let scale = q.scales.find(s, j, |sc| !sc.abbr);
            match (num, scale) {
                (Some((e, w)), sc) if sc.is_none_or(|(se, _)| se <= e) => {
                    if w.scale_only {
                        if last != Last::Start {
                            break;
                        }
                        group = w.value;
                        last = Last::ScaleOnly;
                        j = e;
                        continue;
                    }
                    let v = w.value;
                    let class = if v < 10.0 {
                        Last::Unit
                    } else if v < 20.0 {
                        Last::Teen
                    } else {
                        Last::Tens
                    };
                    let ok = match last {
                        Last::Start => true,
                        Last::Hundred | Last::Big | Last::And => match class {
                            Last::Unit => group % 10.0 == 0.0,
                            _ => group % 100.0 == 0.0,
                        },
                        Last::Tens => class == Last::Unit && v > 0.0,
                        _ => false,
                    };
                    if !ok {
                        break;
                    }
                    pronoun = last == Last::Start && w.pronoun;
                    group += v;
                    last = class;
                    j = e;
                    words += 1;
                    end = Some(j);
                }
                (_, Some((e, sc))) => {
                    let m = sc.mult;
                    if last == Last::Start || last == Last::And || group == 0.0 {
                        break;
                    }
                    if m < 1000.0 {
                        if last == Last::Hundred {
                            break;
                        }
                        group *= m;
                        last = Last::Hundred;
                    } else {
                        if m >= last_big {
                            break;
                        }
                        total += group * m;
                        group = 0.0;
                        last_big = m;
                        last = Last::Big;
                    }
                    j = e;
                    words += 2;
                    end = Some(j);
                }
                _ => {
                    if matches!(last, Last::Hundred | Last::Big)
                        && self.is(j, role::AND)
                        && q.numbers
                            .longest(s, j + 1)
                            .is_some_and(|(_, w)| !w.scale_only)
                    {
                        last = Last::And;
                        j += 1;
                        continue;
                    }
                    break;
                }
            }
        }
        let end = end?;
        let v = tidy(total + group);
        Some(Core {
            first: i,
            end,
            base: v,
            mult: 1.0,
            lo: v,
            hi: Some(v),
            vague: false,
            needs_noun: false,
            plain4: false,
            digits: false,
            pronoun: pronoun && words == 1,
        })
    }

    /// A vague word at token `i` with the scale words that multiply it: "several hundred",
    /// "hundreds of thousands", "dozens".
    fn vague(&self, i: usize) -> Option<Core> {
        let s = self.s;
        let q = self.q;
        let (e, v) = q.vague.longest(s, i)?;
        let (mut lo, mut hi) = (v.min, v.max);
        let mut j = e;
        let mut of_scale = false;
        loop {
            if let Some((e2, sc)) = q.scales.find(s, j, |sc| !sc.abbr) {
                lo *= sc.mult;
                hi = hi.map(|h| h * sc.mult);
                j = e2;
                continue;
            }
            if self.is(j, role::PART) && s.kind(j + 1) == Some(Kind::Word) {
                let w = s.lw(j + 1);
                let scale = w
                    .strip_suffix('s')
                    .and_then(|stem| q.scales.single(&q.vocab, stem))
                    .filter(|sc| !sc.abbr);
                if let Some(sc) = scale {
                    lo *= sc.mult;
                    hi = hi.map(|h| h * sc.mult);
                    j += 2;
                    of_scale = true;
                    continue;
                }
            }
            break;
        }
        if v.of && !of_scale && !self.is(j, role::PART) {
            return None;
        }
        Some(Core {
            first: i,
            end: j,
            base: lo,
            mult: 1.0,
            lo: tidy(lo),
            hi: hi.map(tidy),
            vague: true,
            needs_noun: v.noun,
            plain4: false,
            digits: false,
            pronoun: false,
        })
    }

    /// The lowercase singular of the word at token `i` and whether it was plural.
    fn singular(&self, i: usize) -> (String, bool) {
        let w = self.s.lw(i);
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("\u{2019}s"))
            .unwrap_or(w);
        if let Some(n) = self.q.nouns.get(w) {
            return (n.clone(), true);
        }
        let len = w.len();
        if len > 4 {
            if let Some(stem) = w.strip_suffix("ies") {
                return (format!("{stem}y"), true);
            }
        }
        for suffix in ["sses", "shes", "ches", "xes", "zzes"] {
            if w.ends_with(suffix) && len > suffix.len() + 1 {
                return (w[..len - 2].to_string(), true);
            }
        }
        if len > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
        {
            return (w[..len - 1].to_string(), true);
        }
        (w.to_string(), false)
    }

    /// The counted noun starting at token `k`: the last noun of a short run of words, skipping
    /// adjectives and demonyms ("six other Azerbaijani nationals": "national"), stopping at
    /// function words, verbs and names ("three journalists Ali …").
    fn noun(&self, k: usize) -> Option<Noun> {
        let s = self.s;
        let q = self.q;
        let mut j = k;
        let mut head: Option<usize> = None;
        let mut lower_seen = false;
        let mut words = 0;
        while words < 4 && s.kind(j) == Some(Kind::Word) {
            if j > k && !s.toks.get(j).is_some_and(|t| t.space) {
                break;
            }
            if self.is(j, role::STOP) || q.numbers.longest(s, j).is_some_and(|(_, w)| !w.scale_only)
            {
                break;
            }
            let w = s.lw(j);
            let capital = s.raw(j).chars().next().is_some_and(char::is_uppercase);
            if capital && lower_seen {
                break;
            }
            let weak = self.is(j, role::WEAK)
                || (w.len() > 3 && w.ends_with("ed"))
                || (w.len() > 4 && (w.ends_with("ing") || w.ends_with("ly")));
            if weak {
                if head.is_some() {
                    break;
                }
            } else {
                head = Some(j);
                lower_seen |= !capital;
                // A plural noun ends the phrase ("82 people late on Thursday"), unless another
                // plural follows it ("five crew members", "two police officers").
                let next_plural = s.kind(j + 1) == Some(Kind::Word)
                    && !s.raw(j + 1).chars().next().is_some_and(char::is_uppercase)
                    && self.singular(j + 1).1;
                if !capital && self.singular(j).1 && !next_plural {
                    break;
                }
            }
            j += 1;
            words += 1;
        }
        let h = head?;
        let (unit, plural) = self.singular(h);
        Some(Noun {
            unit,
            plural,
            end: h + 1,
        })
    }

    /// The count attribute of each quantity: the nearest applicable cue of its clause, else the
    /// one its unit implies.
    fn attributes(&self, found: &[Found]) -> Vec<Option<String>> {
        let s = self.s;
        let n = s.len();
        let mut inside = vec![false; n];
        for f in found {
            for x in inside.iter_mut().take(f.end.min(n)).skip(f.first) {
                *x = true;
            }
        }
        let mut clause = vec![0usize; n];
        let mut c = 0;
        let mut aside = false;
        for t in 0..n {
            if !inside[t] && self.is(t, role::CLAUSE) {
                if s.is_punct(t, ",") && self.q.role(s, t + 1, role::ASIDE).is_some() {
                    // ", including two children," stays in the clause around it.
                    aside = true;
                } else if aside && s.is_punct(t, ",") {
                    aside = false;
                } else {
                    c += 1;
                    aside = false;
                }
            }
            clause[t] = c;
        }
        let mut cues = Vec::new();
        for t in 0..n {
            if inside[t] {
                continue;
            }
            if let Some((e, cue)) = self.q.cues.longest(s, t) {
                if !inside[t..e.min(n)].iter().any(|&x| x) {
                    cues.push((t, e, cue));
                }
            }
        }
        let words_between = |a: usize, b: usize| {
            s.toks[a.min(n)..b.min(n)]
                .iter()
                .filter(|t| t.kind != Kind::Punct)
                .count()
        };
        let wholes: Vec<usize> = found.iter().filter_map(|f| f.whole_at).collect();
        let coord_after = |t: usize| {
            let t = if s.is_punct(t, ",") { t + 1 } else { t };
            self.q.role(s, t, role::COORD).is_some()
        };
        let coord_before = |t: usize| {
            let t = if s.is_punct(t, ",") && t > 0 {
                t - 1
            } else {
                t
            };
            self.is(t, role::COORD)
        };
        // The distance in words from a quantity to a cue, when the cue is outside it.
        let distance = |g: &Found, cs: usize, ce: usize| {
            if ce <= g.first {
                Some(words_between(ce, g.first))
            } else if cs >= g.noun_end {
                Some(words_between(g.noun_end, cs))
            } else if cs >= g.end {
                Some(0)
            } else {
                None
            }
        };
        found
            .iter()
            .map(|f| {
                let mut best: Option<((usize, u8, u8), &str)> = None;
                for &(cs, ce, cue) in &cues {
                    if cue.applies.is_some_and(|a| a != f.class) {
                        continue;
                    }
                    if clause.get(cs) != clause.get(f.first) {
                        continue;
                    }
                    let (dist, after, lo, hi) = if ce <= f.first {
                        (words_between(ce, f.first), 0u8, ce, f.first)
                    } else if cs >= f.noun_end {
                        (words_between(f.noun_end, cs), 1, f.noun_end, cs)
                    } else if cs >= f.end {
                        (0, 1, f.end, f.end)
                    } else {
                        continue;
                    };
                    let linked = after == 0 && self.linked(f.first);
                    if (dist > CUE_REACH && !linked) || (cue.after_only && after == 0) {
                        continue;
                    }
                    // A whole ("the 67 people on board") takes only the cues on its own noun:
                    // the rest of the clause speaks of the part.
                    if wholes.contains(&f.core_first) && (after == 0 || dist > 0) {
                        continue;
                    }
                    // Another quantity between the cue and this one (its own whole aside) blocks
                    // the cue, unless the two are coordinated ("killed 12 soldiers and 3 civilians").
                    let others = found
                        .iter()
                        .filter(|g| {
                            g.first >= lo
                                && g.end <= hi
                                && g.first != f.first
                                && Some(g.core_first) != f.whole_at
                        })
                        .count();
                    if others > 0 {
                        let coordinated = if after == 0 {
                            f.first > 0 && coord_before(f.first - 1)
                        } else {
                            coord_after(f.noun_end)
                        };
                        if !coordinated {
                            continue;
                        }
                    }
                    // A cue belongs to the nearest quantity: one strictly nearer to it (other than
                    // this one's part or whole) keeps it ("52% turnout" vs an earlier "67.4%").
                    // The distances to the cue of the other quantities of its clause that it
                    // applies to (this one's part or whole aside).
                    let rivals: Vec<usize> = found
                        .iter()
                        .filter(|g| {
                            g.first != f.first
                                && g.whole_at != Some(f.core_first)
                                && f.whole_at != Some(g.core_first)
                                && clause.get(g.first) == clause.get(cs)
                                && cue.applies.is_none_or(|a| a == g.class)
                        })
                        .filter_map(|g| distance(g, cs, ce))
                        .collect();
                    if others == 0 && rivals.iter().any(|&d| d < dist) {
                        continue;
                    }
                    // On a tie, a cue this quantity has to itself beats one it shares ("14 officers
                    // were injured and 40 protesters were arrested": 40 were arrested).
                    let shared = u8::from(rivals.contains(&dist));
                    // A counted noun ("40 protesters") says less than a verb near it ("arrested").
                    let dist = if cue.after_only {
                        dist + NOUN_CUE_PENALTY
                    } else {
                        dist
                    };
                    let key = (dist + 10 * others, shared, after);
                    if best.is_none_or(|(b, _)| key < b) {
                        best = Some((key, cue.attribute.as_str()));
                    }
                }
                best.map(|(_, a)| a.to_string())
                    .or_else(|| f.default_attr.clone())
            })
            .collect()
    }
}
