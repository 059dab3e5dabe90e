//! One table of value pairs and the finding each must give.
use claimdiff_compare::{compare, CompareConfig};
use claimdiff_core::{Modality, Value};
use claimdiff_extract::Lexicon;

use crate::{claim, data_path};

/// Compares two claims of two documents on one event; renders the first finding.
fn check(lex: &Lexicon, attribute: &str, a: (&str, &str, &str), b: (&str, &str, &str)) -> String {
    let event = ("Life.Die", "yekaterinburg", "azerbaijan");
    let mk = |doc: &str, (json, speaker, modality): (&str, &str, &str)| {
        let value: Value = serde_json::from_str(json).unwrap_or(Value::Text {
            text: format!("bad value {json}"),
        });
        let mut c = claim(doc, 1, event, attribute, value);
        if speaker != "-" {
            c.speaker = Some(speaker.to_string());
            c.speaker_entity = Some(speaker.to_string());
        }
        c.modality = Modality::parse(modality).unwrap_or(Modality::Asserted);
        c
    };
    let claims = vec![mk("a", a), mk("b", b)];
    let result = compare(&claims, lex, &CompareConfig::default());
    assert_eq!(result.events.len(), 1, "one event expected");
    match result.findings.first() {
        Some(f) => format!(
            "{} {}",
            f.verdict.as_str(),
            serde_json::to_value(f.basis)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        ),
        None => "none".into(),
    }
}

#[test]
fn value_pairs_table() {
    let lex = Lexicon::embedded().unwrap_or_else(|e| panic!("lexicon: {e}"));
    let table = std::fs::read_to_string(data_path("compare_values.tsv")).unwrap_or_default();
    let mut failures = Vec::new();
    let mut n = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 8, "bad row: {line}");
        n += 1;
        let got = check(&lex, f[0], (f[1], f[2], f[3]), (f[4], f[5], f[6]));
        if got != f[7] {
            failures.push(format!(
                "{} | {} vs {}: got {got:?}, want {:?}",
                f[0], f[1], f[4], f[7]
            ));
        }
    }
    assert!(n >= 20, "table too short");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
