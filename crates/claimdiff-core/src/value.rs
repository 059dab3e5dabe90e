use serde::{Deserialize, Serialize};

use crate::{
    error::Error,
    quantity::{Quantity, QuantityKind},
    time::TimeValue,
};

/// What a claim says an attribute of an event is.
///
/// On the wire a value is `{"kind", "text", "normalized"}`: `normalized` is `START/END`, an ISO
/// duration or `unresolved` for a time; `{"kind", "min", "max", "unit", "of"}` for a quantity; the
/// taxonomy path for a category; the canonical name for an entity (with its `id`); the lowercased
/// words for a text. Values written by other tools in that form are read back exactly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(into = "ValueWire", try_from = "ValueWire")]
pub enum Value {
    /// A time.
    Time(TimeValue),
    /// A number.
    Quantity(Quantity),
    /// A place in a taxonomy (`cause/natural/heart-failure`).
    Category {
        /// The words in the text.
        text: String,
        /// The taxonomy path.
        path: String,
    },
    /// An entity.
    Entity {
        /// The words in the text.
        text: String,
        /// The entity id.
        id: String,
        /// The canonical name.
        name: String,
    },
    /// Free text, compared by token overlap.
    Text {
        /// The words in the text.
        text: String,
    },
}

impl Value {
    /// `time`, `quantity`, `category`, `entity` or `text`.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Time(_) => "time",
            Value::Quantity(_) => "quantity",
            Value::Category { .. } => "category",
            Value::Entity { .. } => "entity",
            Value::Text { .. } => "text",
        }
    }

    /// The words in the text.
    pub fn text(&self) -> &str {
        match self {
            Value::Time(t) => t.text(),
            Value::Quantity(q) => &q.text,
            Value::Category { text, .. } | Value::Entity { text, .. } | Value::Text { text } => {
                text
            }
        }
    }

    /// A short machine-readable rendering (quantities as `38`, `[10,]`, `[3,9]`).
    pub fn normalized_string(&self) -> String {
        match self {
            Value::Time(t) => t.normalized(),
            Value::Quantity(q) => match (q.kind, q.min, q.max) {
                (QuantityKind::Exact, Some(a), _) => fmt_num(a),
                (_, a, b) => format!(
                    "[{},{}]",
                    a.map(fmt_num).unwrap_or_default(),
                    b.map(fmt_num).unwrap_or_default()
                ),
            },
            Value::Category { path, .. } => path.clone(),
            Value::Entity { name, .. } => name.clone(),
            Value::Text { text } => normalize_text(text),
        }
    }
}

/// Formats a number without a trailing `.0`.
pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Lowercases and collapses whitespace and punctuation, for text values.
pub fn normalize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct ValueWire {
    kind: String,
    #[serde(default)]
    text: String,
    normalized: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    granularity: Option<crate::time::Granularity>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct QuantityWire {
    kind: QuantityKind,
    min: Option<f64>,
    max: Option<f64>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    of: Option<f64>,
}

impl From<Value> for ValueWire {
    fn from(v: Value) -> ValueWire {
        let kind = v.kind().to_string();
        match v {
            Value::Time(t) => {
                let granularity = match &t {
                    TimeValue::Interval { granularity, .. } => Some(*granularity),
                    _ => None,
                };
                ValueWire {
                    kind,
                    normalized: t.normalized().into(),
                    text: t.text().to_string(),
                    id: None,
                    granularity,
                }
            }
            Value::Quantity(q) => ValueWire {
                kind,
                normalized: serde_json::to_value(QuantityWire {
                    kind: q.kind,
                    min: q.min,
                    max: q.max,
                    unit: q.unit,
                    of: q.of,
                })
                .unwrap_or(serde_json::Value::Null),
                text: q.text,
                id: None,
                granularity: None,
            },
            Value::Category { text, path } => ValueWire {
                kind,
                text,
                normalized: path.into(),
                id: None,
                granularity: None,
            },
            Value::Entity { text, id, name } => ValueWire {
                kind,
                text,
                normalized: name.into(),
                id: Some(id),
                granularity: None,
            },
            Value::Text { text } => ValueWire {
                kind,
                normalized: normalize_text(&text).into(),
                text,
                id: None,
                granularity: None,
            },
        }
    }
}

impl TryFrom<ValueWire> for Value {
    type Error = Error;

    fn try_from(w: ValueWire) -> Result<Value, Error> {
        let bad = |reason: &str| Error::InvalidValue {
            kind: w.kind.clone(),
            normalized: w.normalized.to_string(),
            reason: reason.into(),
        };
        let as_str = || w.normalized.as_str().map(str::to_string);
        match w.kind.as_str() {
            "time" => {
                let n = as_str().ok_or_else(|| bad("expected a string"))?;
                let mut t = TimeValue::parse_normalized(&w.text, &n)?;
                if let (TimeValue::Interval { granularity, .. }, Some(g)) = (&mut t, w.granularity)
                {
                    *granularity = g;
                }
                Ok(Value::Time(t))
            }
            "quantity" => {
                let q: QuantityWire = match &w.normalized {
                    serde_json::Value::Number(n) => {
                        let x = n.as_f64().ok_or_else(|| bad("number out of range"))?;
                        QuantityWire {
                            kind: QuantityKind::Exact,
                            min: Some(x),
                            max: Some(x),
                            unit: None,
                            of: None,
                        }
                    }
                    other => {
                        serde_json::from_value(other.clone()).map_err(|e| bad(&e.to_string()))?
                    }
                };
                if let (Some(a), Some(b)) = (q.min, q.max) {
                    if a > b {
                        return Err(bad("min is greater than max"));
                    }
                }
                Ok(Value::Quantity(Quantity {
                    text: w.text,
                    kind: q.kind,
                    min: q.min,
                    max: q.max,
                    unit: q.unit,
                    of: q.of,
                }))
            }
            "category" => Ok(Value::Category {
                path: as_str().ok_or_else(|| bad("expected a taxonomy path"))?,
                text: w.text,
            }),
            "entity" => {
                let name = as_str().ok_or_else(|| bad("expected the entity name"))?;
                Ok(Value::Entity {
                    id: w.id.clone().unwrap_or_else(|| crate::slug(&name)),
                    name,
                    text: w.text,
                })
            }
            "text" => Ok(Value::Text { text: w.text }),
            _ => Err(bad(
                "unknown value kind (time, quantity, category, entity, text)",
            )),
        }
    }
}
