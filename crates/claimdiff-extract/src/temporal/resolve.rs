//! From a parsed time expression to days: calendar arithmetic against the reference date.
//!
//! Every step that could leave the calendar (a day 30 of February, a year past 9999) yields
//! `None` and the expression is dropped, so no input can make this panic.
use jiff::{civil::Date, Span};

use super::words::{Division, Unit, UnitKind};

/// A year given with a partial date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum YearSel {
    /// A stated year ("June 2025").
    Abs(i16),
    /// A year relative to the reference ("June last year": -1).
    Rel(i32),
}

/// A date that needs a year (or, for weekdays, a week) to be placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Partial {
    /// A month.
    Month(i8),
    /// A day of a month.
    MonthDay(i8, i8),
    /// A season: first and last month.
    Season(i8, i8),
    /// A weekday (1 = Monday).
    Weekday(i8),
}

/// A calendar period around the reference date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CalUnit {
    /// A day.
    Day,
    /// A Monday-to-Sunday week.
    Week,
    /// A Saturday and Sunday.
    Weekend,
    /// A month.
    Month,
    /// A quarter.
    Quarter,
    /// A year.
    Year,
    /// A decade (2020-2029).
    Decade,
}

impl CalUnit {
    /// The calendar period a unit word names, if it names one ("decade", "week").
    pub(crate) fn of(unit: Unit) -> Option<CalUnit> {
        Some(match (unit.kind, unit.count) {
            (UnitKind::Day, 1) => CalUnit::Day,
            (UnitKind::Week, 1) => CalUnit::Week,
            (UnitKind::Weekend, _) => CalUnit::Weekend,
            (UnitKind::Month, 1) => CalUnit::Month,
            (UnitKind::Quarter, _) => CalUnit::Quarter,
            (UnitKind::Year, 1) => CalUnit::Year,
            (UnitKind::Year, 10) => CalUnit::Decade,
            _ => return None,
        })
    }
}

/// A parsed time expression, before it is placed in the calendar.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Spec {
    /// A fixed span of days.
    Abs(Date, Date),
    /// Words that look like a date but name none (2025-02-30): consumed, never reported.
    Invalid,
    /// A partial date, with an optional year and an optional shift (last/this/next).
    Partial {
        /// What is given.
        p: Partial,
        /// The year, when given.
        year: Option<YearSel>,
        /// last (-1), this (0), next (1), when given.
        shift: Option<i32>,
    },
    /// The calendar period around the reference, shifted ("last week"); `None` for "the weekend".
    Cal(CalUnit, Option<i32>),
    /// A time before the reference ("two days ago"), with a vague count as a range.
    Ago(i64, i64, Unit),
    /// The span up to the reference ("the past three years").
    Window(i64, Unit),
    /// The part of the current period before (false) or after (true) the reference.
    Side(bool, CalUnit),
    /// From the start of a time to the reference ("since 2019").
    Since(Box<Spec>),
    /// From the start of one time to the end of another.
    Range(Box<Spec>, Box<Spec>),
    /// A fraction of a time ("late 2022").
    Fuzzy(Box<Spec>, f64, f64),
    /// One part of a time ("the first quarter of 2024"); index 1-based, -1 for the last.
    Part(Box<Spec>, Division, i64),
    /// The first (true) or last (false) so many units of a time ("the first six months of 2024").
    Edge(Box<Spec>, bool, i64, Unit),
    /// A length of time, as an ISO 8601 duration.
    Duration(String),
}

/// What the expression is resolved against.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Anchor {
    /// The reference date, if known.
    pub date: Option<Date>,
    /// A year for partial dates when there is no reference.
    pub hint: Option<i16>,
    /// Whether the sentence speaks of the future.
    pub future: bool,
}

/// A resolved expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Res {
    /// An inclusive span of days.
    Span(Date, Date),
    /// A length of time.
    Duration(String),
    /// Relative, with nothing to anchor it.
    Unresolved,
    /// Not a date after all.
    Drop,
}

/// A date from numbers that may be out of range.
pub(crate) fn ymd(y: i64, m: i64, d: i64) -> Option<Date> {
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

/// `d` moved by `n` days.
fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Span::new().try_days(n).ok()?).ok()
}

/// The first and last day of the month `index` months after January of year 0.
fn month_index_bounds(index: i64) -> Option<(Date, Date)> {
    let first = ymd(index.div_euclid(12), index.rem_euclid(12) + 1, 1)?;
    Some((first, first.last_of_month()))
}

/// A month's index counted from January of year 0.
fn month_index(d: Date) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month()) - 1
}

/// The first and last day of a year.
pub(crate) fn year_bounds(y: i64) -> Option<(Date, Date)> {
    Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?))
}

/// The days a partial date covers in year `y` (a season running past December ends in `y + 1`).
fn candidate(p: Partial, y: i64) -> Option<(Date, Date)> {
    match p {
        Partial::Month(m) => month_index_bounds(y * 12 + i64::from(m) - 1),
        Partial::MonthDay(m, d) => ymd(y, i64::from(m), i64::from(d)).map(|d| (d, d)),
        Partial::Season(first, last) => {
            let start = y * 12 + i64::from(first) - 1;
            let mut end = y * 12 + i64::from(last) - 1;
            if end < start {
                end += 12;
            }
            Some((month_index_bounds(start)?.0, month_index_bounds(end)?.1))
        }
        Partial::Weekday(_) => None,
    }
}

/// Monday-based weekday offset (Monday 0 .. Sunday 6).
fn wd0(d: Date) -> i64 {
    i64::from(d.weekday().to_monday_zero_offset())
}

/// The calendar period `unit` around `a`, moved by `k` of them.
fn calendar(unit: CalUnit, k: i64, a: Date) -> Option<(Date, Date)> {
    match unit {
        CalUnit::Day => add_days(a, k).map(|d| (d, d)),
        CalUnit::Week => {
            let monday = add_days(a, 7 * k - wd0(a))?;
            Some((monday, add_days(monday, 6)?))
        }
        CalUnit::Weekend => {
            let saturday = add_days(a, 7 * k - wd0(a) + 5)?;
            Some((saturday, add_days(saturday, 1)?))
        }
        CalUnit::Month => month_index_bounds(month_index(a) + k),
        CalUnit::Quarter => {
            let first = month_index(a) - month_index(a).rem_euclid(3) + 3 * k;
            Some((
                month_index_bounds(first)?.0,
                month_index_bounds(first + 2)?.1,
            ))
        }
        CalUnit::Year => year_bounds(i64::from(a.year()) + k),
        CalUnit::Decade => {
            let y = i64::from(a.year());
            let first = y - y.rem_euclid(10) + 10 * k;
            Some((year_bounds(first)?.0, year_bounds(first + 9)?.1))
        }
    }
}

/// `a` moved back by `n` of `unit` (months and years keep the day, clamped to the month's end).
fn back(a: Date, n: i64, unit: Unit) -> Option<Date> {
    let n = n.checked_mul(unit.count)?;
    let span = match unit.kind {
        UnitKind::Day => Span::new().try_days(n),
        UnitKind::Week => Span::new().try_weeks(n),
        UnitKind::Month => Span::new().try_months(n),
        UnitKind::Year => Span::new().try_years(n),
        UnitKind::Hour => Span::new().try_days((n + 23) / 24),
        UnitKind::Quarter => Span::new().try_months(n.checked_mul(3)?),
        UnitKind::Weekend => return None,
    }
    .ok()?;
    a.checked_sub(span).ok()
}

/// `d` moved forward by `n` of `unit`.
fn forward(d: Date, n: i64, unit: Unit) -> Option<Date> {
    let n = n.checked_mul(unit.count)?;
    let span = match unit.kind {
        UnitKind::Day => Span::new().try_days(n),
        UnitKind::Week => Span::new().try_weeks(n),
        UnitKind::Month => Span::new().try_months(n),
        UnitKind::Year => Span::new().try_years(n),
        UnitKind::Hour => Span::new().try_days(n / 24),
        UnitKind::Quarter => Span::new().try_months(n.checked_mul(3)?),
        UnitKind::Weekend => return None,
    }
    .ok()?;
    d.checked_add(span).ok()
}

/// The fraction `lo..hi` of a span, counted in whole years, months or days, whichever the span
/// is made of, so "late 2022" gives whole months and "the early 1990s" whole years.
pub(crate) fn fraction(s: Date, e: Date, lo: f64, hi: f64) -> Option<(Date, Date)> {
    // The start rounds to the nearest unit ("the late 1970s" start in 1977); the end rounds up,
    // with a small slack so fractions written to four places (0.3333) keep the intended boundary.
    const SLACK: f64 = 0.05;
    let pick = |n: i64| -> (i64, i64) {
        let a = (lo * n as f64).round() as i64;
        let b = ((hi * n as f64) - SLACK).ceil() as i64 - 1;
        let a = a.clamp(0, n - 1);
        (a, b.clamp(a, n - 1))
    };
    let whole_years = s.month() == 1 && s.day() == 1 && e.month() == 12 && e.day() == 31;
    let whole_months = s.day() == 1 && e == e.last_of_month();
    let years = i64::from(e.year()) - i64::from(s.year()) + 1;
    let months = month_index(e) - month_index(s) + 1;
    if whole_years && years >= 2 {
        let (a, b) = pick(years);
        let y = i64::from(s.year());
        Some((year_bounds(y + a)?.0, year_bounds(y + b)?.1))
    } else if whole_months && months >= 2 {
        let (a, b) = pick(months);
        let m = month_index(s);
        Some((month_index_bounds(m + a)?.0, month_index_bounds(m + b)?.1))
    } else {
        let days = i64::from((e - s).get_days()) + 1;
        let (a, b) = pick(days.max(1));
        Some((add_days(s, a)?, add_days(s, b)?))
    }
}

/// Places a partial date: by its year, its shift, the news convention or the year hint.
fn partial(p: Partial, year: Option<YearSel>, shift: Option<i32>, an: &Anchor) -> Res {
    let span = |o: Option<(Date, Date)>| o.map_or(Res::Drop, |(s, e)| Res::Span(s, e));
    if let Partial::Weekday(wd) = p {
        let Some(a) = an.date else {
            return Res::Unresolved;
        };
        let (now, target) = (wd0(a), i64::from(wd) - 1);
        let back_by = (now - target).rem_euclid(7);
        let ahead_by = (target - now).rem_euclid(7);
        let offset = match shift {
            Some(0) => target - now,
            Some(k) if k < 0 => -(if back_by == 0 { 7 } else { back_by }),
            Some(_) => {
                if ahead_by == 0 {
                    7
                } else {
                    ahead_by
                }
            }
            None if an.future => ahead_by,
            None => -back_by,
        };
        return span(add_days(a, offset).map(|d| (d, d)));
    }
    match (year, shift, an.date) {
        (Some(YearSel::Abs(y)), _, _) => span(candidate(p, i64::from(y))),
        (Some(YearSel::Rel(k)), _, Some(a)) => {
            span(candidate(p, i64::from(a.year()) + i64::from(k)))
        }
        (Some(YearSel::Rel(_)), _, None) | (None, Some(_), None) => Res::Unresolved,
        (None, Some(k), Some(a)) => {
            let ay = i64::from(a.year());
            let found = match k.signum() {
                0 => (ay - 1..=ay)
                    .rev()
                    .filter_map(|y| candidate(p, y))
                    .find(|(s, e)| *s <= a && a <= *e)
                    .or_else(|| candidate(p, ay)),
                -1 => (ay - 9..=ay + 1)
                    .rev()
                    .filter_map(|y| candidate(p, y))
                    .find(|(_, e)| *e < a),
                _ => (ay - 1..=ay + 9)
                    .filter_map(|y| candidate(p, y))
                    .find(|(s, _)| *s > a),
            };
            span(found)
        }
        (None, None, Some(a)) => {
            let ay = i64::from(a.year());
            let found = if an.future {
                (ay - 1..=ay + 9)
                    .filter_map(|y| candidate(p, y))
                    .find(|(_, e)| *e >= a)
            } else {
                (ay - 9..=ay + 1)
                    .rev()
                    .filter_map(|y| candidate(p, y))
                    .find(|(s, _)| *s <= a)
            };
            span(found)
        }
        (None, None, None) => match an.hint {
            Some(y) => span(candidate(p, i64::from(y))),
            None => Res::Unresolved,
        },
    }
}

/// Resolves an expression against its anchor.
pub(crate) fn resolve(spec: &Spec, an: &Anchor) -> Res {
    let span =
        |o: Option<(Date, Date)>| o.map_or(Res::Drop, |(s, e)| Res::Span(s.min(e), s.max(e)));
    let need = |f: &dyn Fn(Date) -> Option<(Date, Date)>| match an.date {
        Some(a) => span(f(a)),
        None => Res::Unresolved,
    };
    match spec {
        Spec::Abs(s, e) => span(Some((*s, *e))),
        Spec::Invalid => Res::Drop,
        Spec::Duration(iso) => Res::Duration(iso.clone()),
        Spec::Partial { p, year, shift } => partial(*p, *year, *shift, an),
        Spec::Cal(unit, k) => need(&|a| match (unit, k) {
            (_, Some(k)) => calendar(*unit, i64::from(*k), a),
            // "The weekend" is the latest one begun by the reference, or the next in the future.
            (_, None) => {
                let k = if an.future || wd0(a) >= 5 { 0 } else { -1 };
                calendar(*unit, k, a)
            }
        }),
        Spec::Ago(lo, hi, unit) => need(&|a| match unit.kind {
            UnitKind::Day | UnitKind::Hour => {
                let per = if unit.kind == UnitKind::Hour { 24 } else { 1 };
                let days = |n: i64| Some(n.checked_mul(unit.count)? / per);
                Some((add_days(a, -days(*hi)?)?, add_days(a, -days(*lo)?)?))
            }
            // A week ago is the day seven days back, give or take three.
            UnitKind::Week => {
                let days = |n: i64| n.checked_mul(unit.count)?.checked_mul(7);
                Some((add_days(a, -days(*hi)? - 3)?, add_days(a, -days(*lo)? + 3)?))
            }
            UnitKind::Month => {
                let m = month_index(a);
                Some((
                    month_index_bounds(m - hi.checked_mul(unit.count)?)?.0,
                    month_index_bounds(m - lo.checked_mul(unit.count)?)?.1,
                ))
            }
            UnitKind::Year => {
                let y = i64::from(a.year());
                Some((
                    year_bounds(y - hi.checked_mul(unit.count)?)?.0,
                    year_bounds(y - lo.checked_mul(unit.count)?)?.1,
                ))
            }
            UnitKind::Quarter | UnitKind::Weekend => None,
        }),
        Spec::Window(n, unit) => need(&|a| Some((back(a, *n, *unit)?, a))),
        Spec::Side(after, unit) => need(&|a| {
            let (s, e) = calendar(*unit, 0, a)?;
            Some(if *after { (a, e) } else { (s, a) })
        }),
        Spec::Since(inner) => match (resolve(inner, an), an.date) {
            (Res::Span(s, _), Some(a)) => span(Some((s, a.max(s)))),
            (Res::Drop, _) | (Res::Duration(_), _) => Res::Drop,
            _ => Res::Unresolved,
        },
        Spec::Range(a, b) => {
            let (bs, be) = match resolve(b, an) {
                Res::Span(s, e) => (s, e),
                other => return other,
            };
            // A bare left end ("from March to May 2024") takes its year from the right end.
            let left_anchor = match **a {
                Spec::Partial {
                    year: None,
                    shift: None,
                    ..
                } => Anchor {
                    date: Some(be),
                    hint: an.hint,
                    future: false,
                },
                _ => *an,
            };
            match resolve(a, &left_anchor) {
                Res::Span(s, e) => span(Some((s.min(bs), e.max(be)))),
                other => other,
            }
        }
        Spec::Fuzzy(inner, lo, hi) => match resolve(inner, an) {
            Res::Span(s, e) => span(fraction(s, e, *lo, *hi)),
            other => other,
        },
        Spec::Part(inner, division, index) => match resolve(inner, an) {
            Res::Span(s, e) => span(part(s, e, *division, *index)),
            other => other,
        },
        Spec::Edge(inner, first, n, unit) => match resolve(inner, an) {
            Res::Span(s, e) => span(if *first {
                add_days(forward(s, *n, *unit).unwrap_or(e), -1).map(|end| (s, end.min(e).max(s)))
            } else {
                add_days(back(e, *n, *unit).unwrap_or(s), 1).map(|start| (start.max(s).min(e), e))
            }),
            other => other,
        },
    }
}

/// Part `index` (1-based; -1 the last) of the span `s..e`.
fn part(s: Date, e: Date, division: Division, index: i64) -> Option<(Date, Date)> {
    match division {
        Division::Equal(n) => {
            let k = if index < 0 { n } else { index };
            if !(1..=n).contains(&k) {
                return None;
            }
            fraction(s, e, (k - 1) as f64 / n as f64, k as f64 / n as f64)
        }
        Division::Days(len) => {
            if index < 0 {
                return Some((add_days(e, 1 - len)?.max(s), e));
            }
            let start = add_days(s, (index - 1).checked_mul(len)?)?;
            (start <= e).then_some(())?;
            Some((start, add_days(start, len - 1)?.min(e)))
        }
    }
}
