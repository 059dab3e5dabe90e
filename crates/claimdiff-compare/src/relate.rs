//! How two values of one attribute relate: the same, compatible, or in conflict.
use claimdiff_core::{normalize_text, Claim, Quantity, QuantityKind, TimeValue, Value};
use claimdiff_extract::{CategoryRelation, Gazetteer, Taxonomy};

use crate::CompareConfig;

/// The relation of two claims' values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Relation {
    /// The same value.
    Same,
    /// Different but consistent; the reason says how.
    Compatible(&'static str),
    /// Incompatible, with a distance in (0, 1] saying how far apart.
    Conflict(f64),
    /// Not comparable (different units, unresolved times, unrelated negations).
    Incomparable,
}

/// What relating values needs: the taxonomy, the gazetteer and the tolerances.
pub(crate) struct Relator<'a> {
    pub taxonomy: &'a Taxonomy,
    pub gazetteer: &'a Gazetteer,
    pub config: &'a CompareConfig,
}

/// True when a claim says the value does not hold (negated or denied).
pub(crate) fn is_negative(c: &Claim) -> bool {
    c.negated || c.modality == claimdiff_core::Modality::Denied
}

impl Relator<'_> {
    pub(crate) fn relate(&self, a: &Claim, b: &Claim) -> Relation {
        let mut base = self.relate_values(&a.value, &b.value);
        // A place the gazetteer does not know may lie in the other one: not a conflict.
        if let (Value::Entity { id: x, .. }, Value::Entity { id: y, .. }) = (&a.value, &b.value) {
            let place =
                |c: &Claim| matches!(c.attribute.as_str(), "place" | "origin" | "destination");
            if matches!(base, Relation::Conflict(_))
                && place(a)
                && place(b)
                && (self.gazetteer.entity(x).is_none() || self.gazetteer.entity(y).is_none())
            {
                base = Relation::Compatible("a place not in the gazetteer may lie in the other");
            }
        }
        match (is_negative(a), is_negative(b)) {
            (false, false) => base,
            (true, true) => match base {
                Relation::Same => Relation::Same,
                _ => Relation::Incomparable,
            },
            // One says X, the other says not X.
            _ => match base {
                Relation::Same | Relation::Compatible(_) => Relation::Conflict(1.0),
                _ => Relation::Incomparable,
            },
        }
    }

    pub(crate) fn relate_values(&self, a: &Value, b: &Value) -> Relation {
        match (a, b) {
            (Value::Time(x), Value::Time(y)) => relate_times(x, y),
            (Value::Quantity(x), Value::Quantity(y)) => self.relate_quantities(x, y),
            (Value::Category { path: x, .. }, Value::Category { path: y, .. }) => {
                match self.taxonomy.relation(x, y) {
                    CategoryRelation::Same => Relation::Same,
                    CategoryRelation::Broader | CategoryRelation::Narrower => {
                        Relation::Compatible("one is more specific")
                    }
                    CategoryRelation::Compatible => Relation::Compatible("both can hold"),
                    CategoryRelation::Conflict => Relation::Conflict(1.0),
                }
            }
            (Value::Entity { id: x, .. }, Value::Entity { id: y, .. }) => {
                if x == y {
                    Relation::Same
                } else if self.gazetteer.contains(x, y) || self.gazetteer.contains(y, x) {
                    Relation::Compatible("one place lies in the other")
                } else {
                    Relation::Conflict(1.0)
                }
            }
            (Value::Text { text: x }, Value::Text { text: y }) => {
                let (x, y) = (normalize_text(x), normalize_text(y));
                let sim = strsim::normalized_levenshtein(&x, &y);
                if x == y {
                    Relation::Same
                } else if sim >= self.config.text_similarity {
                    Relation::Compatible("worded differently")
                } else {
                    Relation::Conflict(1.0 - sim)
                }
            }
            _ => Relation::Incomparable,
        }
    }

    fn relate_quantities(&self, a: &Quantity, b: &Quantity) -> Relation {
        if !units_comparable(a.unit.as_deref(), b.unit.as_deref()) {
            return Relation::Incomparable;
        }
        let (lo_a, hi_a) = bounds(a, self.config.approximate_tolerance);
        let (lo_b, hi_b) = bounds(b, self.config.approximate_tolerance);
        if a.kind == b.kind && lo_a == lo_b && hi_a == hi_b {
            return Relation::Same;
        }
        // A part and its whole: "62 passengers" within "67 people".
        if let (Some(x), Some(y)) = (a.value(), b.value()) {
            if a.unit != b.unit && is_part_unit(a.unit.as_deref(), b.unit.as_deref()) && x <= y {
                return Relation::Compatible("a part of the total");
            }
            if a.unit != b.unit && is_part_unit(b.unit.as_deref(), a.unit.as_deref()) && y <= x {
                return Relation::Compatible("a part of the total");
            }
        }
        if lo_a <= hi_b && lo_b <= hi_a {
            return Relation::Compatible(match (a.kind, b.kind) {
                (QuantityKind::Vague, _) | (_, QuantityKind::Vague) => {
                    "a vague figure covers the other"
                }
                (QuantityKind::Approximate, _) | (_, QuantityKind::Approximate) => {
                    "within the tolerance of an approximation"
                }
                _ => "the bounds allow both",
            });
        }
        let gap = if hi_a < lo_b {
            lo_b - hi_a
        } else {
            lo_a - hi_b
        };
        let scale = hi_a
            .max(hi_b)
            .abs()
            .max(lo_a.abs())
            .max(lo_b.abs())
            .max(1.0);
        Relation::Conflict((gap / scale).clamp(0.05, 1.0))
    }
}

/// The bounds a quantity allows; unbounded sides are infinite.
pub(crate) fn bounds(q: &Quantity, tolerance: f64) -> (f64, f64) {
    let lo = q.min.unwrap_or(f64::NEG_INFINITY);
    let hi = q.max.unwrap_or(f64::INFINITY);
    if q.kind == QuantityKind::Approximate && lo == hi {
        return (lo * (1.0 - tolerance), hi * (1.0 + tolerance));
    }
    (lo, hi)
}

/// Units that count people are comparable with each other; other units only with themselves.
fn units_comparable(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y || (is_people(x) && is_people(y)),
        _ => true,
    }
}

pub(crate) fn is_people(unit: &str) -> bool {
    !matches!(
        unit,
        "percent"
            | "usd"
            | "eur"
            | "gbp"
            | "magnitude"
            | "km"
            | "kilometre"
            | "mile"
            | "metre"
            | "vote"
            | "day"
            | "week"
            | "month"
            | "year"
            | "hour"
            | "minute"
            | "dollar"
            | "euro"
            | "pound"
            | "ton"
            | "tonne"
            | "kg"
    )
}

/// A role unit (passengers, crew) counted inside a general one (people).
fn is_part_unit(part: Option<&str>, whole: Option<&str>) -> bool {
    match (part, whole) {
        (Some(p), Some(w)) => {
            is_people(p) && matches!(w, "people" | "person" | "persons" | "individual" | "total")
        }
        _ => false,
    }
}

fn relate_times(a: &TimeValue, b: &TimeValue) -> Relation {
    match (a, b) {
        (TimeValue::Interval { .. }, TimeValue::Interval { .. }) => {
            let (Some((s1, e1)), Some((s2, e2))) = (a.bounds(), b.bounds()) else {
                return Relation::Incomparable;
            };
            if s1 == s2 && e1 == e2 {
                Relation::Same
            } else if s1 <= e2 && s2 <= e1 {
                if (s1 <= s2 && e2 <= e1) || (s2 <= s1 && e1 <= e2) {
                    Relation::Compatible("one interval lies within the other")
                } else {
                    Relation::Compatible("the intervals overlap")
                }
            } else {
                let gap = if e1 < s2 {
                    (s2 - e1).get_days()
                } else {
                    (s1 - e2).get_days()
                };
                Relation::Conflict((0.5 + f64::from(gap) / 1460.0).min(1.0))
            }
        }
        (TimeValue::Duration { iso: x, .. }, TimeValue::Duration { iso: y, .. }) => {
            if x == y {
                Relation::Same
            } else {
                Relation::Conflict(0.5)
            }
        }
        _ => Relation::Incomparable,
    }
}
