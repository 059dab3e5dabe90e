//! Dates and times: absolute, partial, relative, fuzzy, ranges and durations, normalized to
//! inclusive intervals of days.
//!
//! A text is first checked cheaply for a digit or a time word (most sentences have neither), then
//! tokenized and scanned left to right; at each token the longest expression of the grammar
//! (`parse`) is taken, then placed in the calendar (`resolve`) against the reference date with
//! the news convention: a month, day or weekday without a year is the latest one on or before the
//! reference, unless the nearest tense cue in its sentence speaks of the future.
mod parse;
mod resolve;
mod tokens;
mod words;

use claimdiff_core::TimeValue;
use jiff::civil::Date;
use serde::Serialize;

use self::{
    parse::Parser,
    resolve::{resolve, Anchor, Res},
    tokens::{Kind, Tokens},
};
use crate::Lexicon;

pub use self::words::TemporalLexicon;

/// What a time expression is resolved against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimeContext {
    /// The document's publication date; relative expressions stay unresolved without it.
    pub reference: Option<Date>,
    /// A year stated nearby in the document, for partial dates ("in December").
    pub year_hint: Option<i16>,
}

/// One time expression found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeMention {
    /// First byte in the text given.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// The normalized value.
    pub value: TimeValue,
}

/// Finds and normalizes the time expressions in `text`, in text order and without overlaps.
pub fn find_times(text: &str, ctx: &TimeContext, lex: &Lexicon) -> Vec<TimeMention> {
    if !lex.temporal.may_hold_time(text) {
        return Vec::new();
    }
    find_times_after_prefilter(text, ctx, lex)
}

/// [`find_times`] without its cheap test for a digit or a time word: for a caller that made it
/// already ([`Lexicon::may_hold`]), on a text that passed it.
pub(crate) fn find_times_after_prefilter(
    text: &str,
    ctx: &TimeContext,
    lex: &Lexicon,
) -> Vec<TimeMention> {
    let tl = &lex.temporal;
    let t = Tokens::new(text, &tl.vocab);
    let parser = Parser::new(&t, tl);
    let mut found = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if !parser.may_start(i) {
            i += 1;
            continue;
        }
        match parser.best(i) {
            Some(f) if f.end > i => {
                found.push((i, f.end, f.spec));
                i = f.end;
            }
            _ => i += 1,
        }
    }
    if found.is_empty() {
        return Vec::new();
    }
    let cues = Cues::new(&t, tl);
    let mut out = Vec::with_capacity(found.len());
    for (first, after, spec) in found {
        let (Some(a), Some(b)) = (t.get(first), t.get(after - 1)) else {
            continue;
        };
        let (start, end) = (a.start, b.end);
        if in_link(text, start, end) {
            continue;
        }
        let Some(words) = text.get(start..end) else {
            continue;
        };
        let anchor = Anchor {
            date: ctx.reference,
            hint: ctx.year_hint,
            future: cues.future(first, after),
        };
        let value = match resolve(&spec, &anchor) {
            Res::Span(s, e) => TimeValue::interval(words, s, e),
            Res::Duration(iso) => TimeValue::Duration {
                text: words.to_string(),
                iso,
            },
            Res::Unresolved => TimeValue::Unresolved {
                text: words.to_string(),
            },
            Res::Drop => continue,
        };
        out.push(TimeMention { start, end, value });
    }
    out
}

/// The tense cues of a text, by token, and its sentences.
struct Cues {
    /// (token, speaks of the future).
    cues: Vec<(usize, bool)>,
    /// The sentence number of each token.
    sentence: Vec<usize>,
}

impl Cues {
    fn new(t: &Tokens, lex: &TemporalLexicon) -> Cues {
        let mut sentence = Vec::with_capacity(t.len());
        let mut current = 0;
        for i in 0..t.len() {
            sentence.push(current);
            if ends_sentence(t, i) {
                current += 1;
            }
        }
        let mut cues = Vec::new();
        let mut i = 0;
        while i < t.len() {
            if let Some((k, _)) = lex.future.longest(t, i) {
                cues.push((i, true));
                i = k;
            } else if let Some((k, _)) = lex.past.longest(t, i) {
                cues.push((i, false));
                i = k;
            } else {
                // A lowercase word ending in -ed is most often a past tense ("crashed", "signed"),
                // but not after "be" ("will be played").
                if let Some(w) = t.word(i) {
                    let lower = t.get(i).is_some_and(|x| !x.upper);
                    let passive = i > 0 && t.word(i - 1) == Some("be");
                    if lower
                        && !passive
                        && w.len() > 4
                        && w.ends_with("ed")
                        && !lex.number_words.contains(w)
                    {
                        cues.push((i, false));
                    }
                }
                i += 1;
            }
        }
        Cues { cues, sentence }
    }

    /// Whether the nearest cue of its sentence puts the tokens `first..after` in the future (a cue
    /// before the expression wins a tie: "scheduled for June 20, which was ...").
    fn future(&self, first: usize, after: usize) -> bool {
        let Some(&s) = self.sentence.get(first) else {
            return false;
        };
        let mut best: Option<(usize, bool, bool)> = None;
        for &(k, future) in &self.cues {
            if self.sentence.get(k) != Some(&s) || (first..after).contains(&k) {
                continue;
            }
            let (dist, before) = if k < first {
                (first - k, true)
            } else {
                (k + 1 - after, false)
            };
            let better = match best {
                None => true,
                Some((d, b, _)) => dist < d || (dist == d && before && !b),
            };
            if better {
                best = Some((dist, before, future));
            }
        }
        best.is_some_and(|(_, _, f)| f)
    }
}

/// Whether token `i` ends a sentence: `!`, `?`, `;`, or a full stop after a word of three letters
/// or more (not "U.S." or "Dec.") followed by a capital or the end.
fn ends_sentence(t: &Tokens, i: usize) -> bool {
    match t.punct(i) {
        Some('!' | '?' | ';') => true,
        Some('.') => {
            let next_ok = match t.get(i + 1) {
                None => true,
                Some(n) => n.kind == Kind::Word && n.upper,
            };
            let prev_ok = i.checked_sub(1).and_then(|p| t.get(p)).is_some_and(|p| {
                p.kind == Kind::Num || (p.kind == Kind::Word && p.end - p.start >= 4)
            });
            next_ok && prev_ok
        }
        _ => false,
    }
}

/// Whether the bytes `start..end` lie in a link, a file path, an e-mail address or an id-like
/// chunk (`https://x.com/2024/12/27/story`, `/images/2025/07/14/x.webp`, `a_2024=1`), where
/// digits are not dates.
fn in_link(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let chunk = |at: usize| -> &[u8] {
        let s = b[..at.min(b.len())]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(0, |p| p + 1);
        let e = b[at.min(b.len())..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(b.len(), |p| at + p);
        &b[s..e]
    };
    let linky = |c: &[u8]| {
        let has = |needle: &[u8]| c.windows(needle.len()).any(|w| w == needle);
        let letters = c.iter().any(u8::is_ascii_alphabetic);
        has(b"://")
            || has(b"www.")
            || c.first() == Some(&b'/')
            || c.iter()
                .any(|&x| matches!(x, b'@' | b'\\' | b'=' | b'_' | b'#' | b'?' | b'&'))
            || (letters && c.contains(&b'/'))
    };
    linky(chunk(start)) || linky(chunk(end.saturating_sub(1)))
}

/// Estimates a publication date from dated paths in the text (`/images/2025/07/14/…`,
/// `https://x.com/2024/12/27/story`, `/2024-12-27/`): the latest such date, or none.
///
/// As htmldate does with URLs, only a year from 1995 on followed by a month and a day (joined by
/// `/`, `-` or `_`, or written `YYYYMMDD` between slashes) counts; impossible dates are skipped.
pub fn estimate_published(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    let digits = |at: usize, n: usize| -> Option<i64> {
        let s = b.get(at..at + n)?;
        s.iter()
            .all(u8::is_ascii_digit)
            .then(|| s.iter().fold(0i64, |v, d| v * 10 + i64::from(d - b'0')))
    };
    let not_digit = |at: usize| !b.get(at).is_some_and(u8::is_ascii_digit);
    let mut latest: Option<Date> = None;
    for (slash, _) in text.match_indices('/') {
        let at = slash + 1;
        let Some(y) = digits(at, 4) else {
            continue;
        };
        if !(1995..=2100).contains(&y) {
            continue;
        }
        let mut date = None;
        if let Some(&sep) = b.get(at + 4).filter(|s| matches!(s, b'/' | b'-' | b'_')) {
            // The month and the day take one or two digits each.
            for ml in [2, 1] {
                let Some(m) = digits(at + 5, ml).filter(|_| b.get(at + 5 + ml) == Some(&sep))
                else {
                    continue;
                };
                for dl in [2, 1] {
                    let d_at = at + 6 + ml;
                    if let Some(d) = digits(d_at, dl).filter(|_| not_digit(d_at + dl)) {
                        date = date.or(resolve::ymd(y, m, d));
                    }
                }
            }
        } else if let (Some(m), Some(d)) = (digits(at + 4, 2), digits(at + 6, 2)) {
            if matches!(b.get(at + 8), None | Some(b'/' | b'-' | b'_' | b'.')) {
                date = resolve::ymd(y, m, d);
            }
        }
        if let Some(d) = date {
            latest = Some(latest.map_or(d, |l| l.max(d)));
        }
    }
    latest
}

/// The dates of one line, as `claimdiff dates` prints them (one JSON object a line).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DatesLine {
    /// The line read.
    pub input: String,
    /// Its time expressions, in text order.
    pub expressions: Vec<DatesExpression>,
}

/// One time expression of a line, normalized.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DatesExpression {
    /// The words.
    pub text: String,
    /// First day (inclusive, ISO), for an interval.
    pub start: Option<String>,
    /// Last day (inclusive, ISO), for an interval.
    pub end: Option<String>,
    /// The ISO 8601 duration (`P4M`), for a length of time.
    pub duration: Option<String>,
    /// False when the expression is relative and there was no reference date to anchor it.
    pub resolved: bool,
}

/// Finds and normalizes the time expressions of one line against an optional reference date.
pub fn describe_times(line: &str, reference: Option<Date>, lex: &Lexicon) -> DatesLine {
    let ctx = TimeContext {
        reference,
        year_hint: None,
    };
    let expressions = find_times(line, &ctx, lex)
        .into_iter()
        .map(|m| match m.value {
            TimeValue::Interval {
                text, start, end, ..
            } => DatesExpression {
                text,
                start: Some(start.to_string()),
                end: Some(end.to_string()),
                duration: None,
                resolved: true,
            },
            TimeValue::Duration { text, iso } => DatesExpression {
                text,
                start: None,
                end: None,
                duration: Some(iso),
                resolved: true,
            },
            TimeValue::Unresolved { text } => DatesExpression {
                text,
                start: None,
                end: None,
                duration: None,
                resolved: false,
            },
        })
        .collect();
    DatesLine {
        input: line.to_string(),
        expressions,
    }
}
