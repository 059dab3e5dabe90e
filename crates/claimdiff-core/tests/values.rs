//! Values survive the wire format; malformed ones give clear errors.
use claimdiff_core::{Quantity, QuantityKind, TimeValue, Value};

/// Parses a value from its JSON wire form and renders it back.
fn check(json: &str) -> String {
    match serde_json::from_str::<Value>(json) {
        Ok(v) => {
            let back = serde_json::to_string(&v).unwrap_or_default();
            let again: Value = serde_json::from_str(&back).unwrap_or(Value::Text {
                text: "round trip failed".into(),
            });
            assert_eq!(v, again, "round trip of {json}");
            format!("{} | {}", v.kind(), v.normalized_string())
        }
        Err(e) => format!("error: {e}"),
    }
}

#[test]
fn wire_format_table() {
    let cases = [
        (r#"{"kind":"time","text":"in June 2025","normalized":"2025-06-01/2025-06-30"}"#, "time | 2025-06-01/2025-06-30"),
        (r#"{"kind":"time","text":"yesterday","normalized":"unresolved"}"#, "time | unresolved"),
        (r#"{"kind":"time","text":"for four months","normalized":"P4M"}"#, "time | P4M"),
        (r#"{"kind":"time","text":"x","normalized":"2025-02-30"}"#, "error: invalid time value \"2025-02-30\": expected YYYY-MM-DD or START/END"),
        (r#"{"kind":"time","text":"x","normalized":"2025-06-30/2025-06-01"}"#, "error: invalid time value \"2025-06-30/2025-06-01\": the interval ends before it starts"),
        (r#"{"kind":"quantity","text":"38","normalized":38}"#, "quantity | 38"),
        (r#"{"kind":"quantity","text":"at least 10","normalized":{"kind":"at_least","min":10,"max":null}}"#, "quantity | [10,]"),
        (r#"{"kind":"quantity","text":"x","normalized":{"kind":"range","min":20,"max":10}}"#, "error: invalid quantity value \"{\\\"kind\\\":\\\"range\\\",\\\"max\\\":10,\\\"min\\\":20}\": min is greater than max"),
        (r#"{"kind":"category","text":"torture","normalized":"cause/violent/torture"}"#, "category | cause/violent/torture"),
        (r#"{"kind":"entity","text":"Baku","normalized":"Baku"}"#, "entity | Baku"),
        (r#"{"kind":"text","text":"An Old  Criminal Case","normalized":""}"#, "text | an old criminal case"),
        (r#"{"kind":"colour","text":"red","normalized":"red"}"#, "error: invalid colour value \"\\\"red\\\"\": unknown value kind (time, quantity, category, entity, text)"),
    ];
    for (json, want) in cases {
        assert_eq!(check(json), want, "{json}");
    }
}

#[test]
fn quantity_helpers() {
    let q = Quantity::exact("38", 38.0).with_unit("people");
    assert_eq!(q.value(), Some(38.0));
    assert_eq!(q.kind, QuantityKind::Exact);
    let v = Value::Quantity(q);
    insta::assert_snapshot!(
        "quantity_wire",
        serde_json::to_string(&v).unwrap_or_default()
    );
}

#[test]
fn time_granularity_follows_length() {
    let t = TimeValue::parse_normalized("2023", "2023-01-01/2023-12-31").map_err(|e| e.to_string());
    match t {
        Ok(TimeValue::Interval { granularity, .. }) => assert_eq!(granularity.as_str(), "year"),
        other => panic!("unexpected {other:?}"),
    }
}
