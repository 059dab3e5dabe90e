use serde::{Deserialize, Serialize};

/// How a number is stated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    /// "38".
    Exact,
    /// "10 to 20", "10-20".
    Range,
    /// "at least 10", "more than 10".
    AtLeast,
    /// "up to 10", "fewer than 10".
    AtMost,
    /// "about 40", "nearly 40".
    Approximate,
    /// "several", "dozens", "hundreds": bounds implied by the word.
    Vague,
}

impl QuantityKind {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            QuantityKind::Exact => "exact",
            QuantityKind::Range => "range",
            QuantityKind::AtLeast => "at_least",
            QuantityKind::AtMost => "at_most",
            QuantityKind::Approximate => "approximate",
            QuantityKind::Vague => "vague",
        }
    }
}

/// A number as an article states it, with the bounds it implies and what it counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The words in the text.
    pub text: String,
    /// How the number is stated.
    pub kind: QuantityKind,
    /// Lowest value the statement allows (none: unbounded).
    pub min: Option<f64>,
    /// Highest value the statement allows (none: unbounded).
    pub max: Option<f64>,
    /// What is counted or measured ("people", "journalists", "percent", "usd").
    #[serde(default)]
    pub unit: Option<String>,
    /// The whole this number is a part of ("38 of the 67": 67).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<f64>,
}

impl Quantity {
    /// An exact number.
    pub fn exact(text: impl Into<String>, value: f64) -> Quantity {
        Quantity {
            text: text.into(),
            kind: QuantityKind::Exact,
            min: Some(value),
            max: Some(value),
            unit: None,
            of: None,
        }
    }

    /// The single value of an exact number.
    pub fn value(&self) -> Option<f64> {
        match (self.kind, self.min, self.max) {
            (QuantityKind::Exact, Some(a), Some(b)) if a == b => Some(a),
            _ => None,
        }
    }

    /// Sets the unit.
    pub fn with_unit(mut self, unit: impl Into<String>) -> Quantity {
        self.unit = Some(unit.into());
        self
    }
}
