use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// How precise a time interval is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// One day.
    Day,
    /// A week or a few days.
    Week,
    /// A month or part of one ("the end of June").
    Month,
    /// A season.
    Season,
    /// A quarter.
    Quarter,
    /// A year or part of one ("mid-2023").
    Year,
    /// A decade or part of one ("the early 1990s").
    Decade,
    /// A century.
    Century,
}

impl Granularity {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Season => "season",
            Granularity::Quarter => "quarter",
            Granularity::Year => "year",
            Granularity::Decade => "decade",
            Granularity::Century => "century",
        }
    }

    /// The granularity that best describes an interval of `days` days.
    pub fn for_length(days: i64) -> Granularity {
        match days {
            ..=1 => Granularity::Day,
            2..=10 => Granularity::Week,
            11..=45 => Granularity::Month,
            46..=100 => Granularity::Quarter,
            101..=400 => Granularity::Year,
            401..=4000 => Granularity::Decade,
            _ => Granularity::Century,
        }
    }
}

/// A time as an article states it: a span of days, a length of time, or a relative expression that
/// could not be anchored. Always carries the words it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TimeValue {
    /// An inclusive interval of days.
    Interval {
        /// The words in the text.
        text: String,
        /// First day (inclusive).
        start: Date,
        /// Last day (inclusive).
        end: Date,
        /// How precise the expression was.
        granularity: Granularity,
    },
    /// A length of time ("for four months").
    Duration {
        /// The words in the text.
        text: String,
        /// ISO 8601 duration (`P4M`, `P30Y`, `P1W`, `P3D`).
        iso: String,
    },
    /// A relative expression with nothing to anchor it to (no reference date): never guessed.
    Unresolved {
        /// The words in the text.
        text: String,
    },
}

impl TimeValue {
    /// An interval value; the granularity is taken from its length.
    pub fn interval(text: impl Into<String>, start: Date, end: Date) -> TimeValue {
        let (start, end) = if start <= end {
            (start, end)
        } else {
            (end, start)
        };
        let days = i64::from((end - start).get_days()) + 1;
        TimeValue::Interval {
            text: text.into(),
            start,
            end,
            granularity: Granularity::for_length(days),
        }
    }

    /// The words this value came from.
    pub fn text(&self) -> &str {
        match self {
            TimeValue::Interval { text, .. }
            | TimeValue::Duration { text, .. }
            | TimeValue::Unresolved { text } => text,
        }
    }

    /// The interval, when the value is one.
    pub fn bounds(&self) -> Option<(Date, Date)> {
        match self {
            TimeValue::Interval { start, end, .. } => Some((*start, *end)),
            _ => None,
        }
    }

    /// Machine-readable form: `START/END`, an ISO duration, or `unresolved`.
    pub fn normalized(&self) -> String {
        match self {
            TimeValue::Interval { start, end, .. } => format!("{start}/{end}"),
            TimeValue::Duration { iso, .. } => iso.clone(),
            TimeValue::Unresolved { .. } => "unresolved".to_string(),
        }
    }

    /// Reads the machine-readable form back (see [`TimeValue::normalized`]).
    pub fn parse_normalized(text: &str, normalized: &str) -> Result<TimeValue> {
        let bad = |reason: &str| Error::InvalidValue {
            kind: "time".into(),
            normalized: normalized.into(),
            reason: reason.into(),
        };
        let n = normalized.trim();
        if n.eq_ignore_ascii_case("unresolved") {
            return Ok(TimeValue::Unresolved { text: text.into() });
        }
        if n.starts_with('P') {
            if n.len() < 3 || !n[1..n.len() - 1].bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("expected an ISO 8601 duration such as P4M"));
            }
            return Ok(TimeValue::Duration {
                text: text.into(),
                iso: n.into(),
            });
        }
        let (a, b) = n.split_once('/').unwrap_or((n, n));
        let start: Date = a
            .parse()
            .map_err(|_| bad("expected YYYY-MM-DD or START/END"))?;
        let end: Date = b
            .parse()
            .map_err(|_| bad("expected YYYY-MM-DD or START/END"))?;
        if end < start {
            return Err(bad("the interval ends before it starts"));
        }
        Ok(TimeValue::interval(text, start, end))
    }
}

/// Reads `YYYY-MM-DD`, with an error naming the text.
pub fn parse_date(text: &str) -> Result<Date> {
    text.trim().parse::<Date>().map_err(|e| Error::InvalidDate {
        text: text.into(),
        reason: e.to_string(),
    })
}
