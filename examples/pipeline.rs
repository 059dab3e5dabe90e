//! Claims written by another tool (or a person) as JSON lines, compared by claimdiff.
//!
//! `cargo run --example pipeline`: three outlets' claims about an election, hand-written in the
//! `claimdiff.report.v1` claim format, become findings.
use claimdiff::{
    compare::{compare, read_claims, CompareConfig},
    extract::Lexicon,
};

const CLAIMS: &str = r#"
{"id":"wire:c1","document":"wire","event":"vote","event_kind":"Election.Vote","attribute":"result","value":{"kind":"entity","text":"Ana Lupu","normalized":"Ana Lupu","id":"ana-lupu"},"speaker":"the electoral commission","speaker_entity":"electoral-commission","modality":"reported","entities":["moldova"],"place":"moldova"}
{"id":"daily:c1","document":"daily","event":"vote","event_kind":"Election.Vote","attribute":"result","value":{"kind":"entity","text":"Victor Marin","normalized":"Victor Marin","id":"victor-marin"},"speaker":"the opposition","speaker_entity":"opposition","modality":"reported","entities":["moldova"],"place":"moldova"}
{"id":"wire:c2","document":"wire","event":"vote","event_kind":"Election.Vote","attribute":"turnout","value":{"kind":"quantity","text":"61 percent","normalized":{"kind":"exact","min":61,"max":61,"unit":"percent"}},"modality":"asserted","entities":["moldova"],"place":"moldova"}
{"id":"tv:c1","document":"tv","event":"vote","event_kind":"Election.Vote","attribute":"turnout","value":{"kind":"quantity","text":"more than 60 percent","normalized":{"kind":"at_least","min":60,"max":null,"unit":"percent"}},"modality":"asserted","entities":["moldova"],"place":"moldova"}
"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let claims = read_claims(CLAIMS.as_bytes(), "example")?;
    let lexicon = Lexicon::embedded()?;
    let result = compare(&claims, &lexicon, &CompareConfig::default());
    for f in &result.findings {
        println!(
            "{} {} {:?} {}: {}",
            f.id,
            f.verdict.as_str(),
            f.basis,
            f.attribute,
            f.explanation
        );
    }
    let verdicts: Vec<&str> = result.findings.iter().map(|f| f.verdict.as_str()).collect();
    assert!(
        verdicts.contains(&"conflict") && verdicts.contains(&"compatible"),
        "{verdicts:?}"
    );
    Ok(())
}
