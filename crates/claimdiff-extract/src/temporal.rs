//! Dates and times: absolute, partial, relative, fuzzy, ranges and durations, normalized to
//! inclusive intervals of days (STUB: owned by the temporal work).
use claimdiff_core::TimeValue;
use jiff::civil::Date;

use crate::{error::Result, lexicon::Sources, Lexicon};

/// Compiled time words (months, weekdays, seasons, fuzzy modifiers).
#[derive(Debug, Default)]
pub struct TemporalLexicon {}

impl TemporalLexicon {
    pub(crate) fn load(_s: &Sources) -> Result<TemporalLexicon> {
        Ok(TemporalLexicon {})
    }
}

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

/// Finds and normalizes the time expressions in `text`.
pub fn find_times(_text: &str, _ctx: &TimeContext, _lex: &Lexicon) -> Vec<TimeMention> {
    Vec::new()
}

/// Estimates a publication date from dated paths in the text (`/images/2025/07/14/…`): the latest
/// such date, or none.
pub fn estimate_published(_text: &str) -> Option<Date> {
    None
}
