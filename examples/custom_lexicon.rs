//! Extending the lexicons: a new event trigger ("derailed" is already known; "went off the rails"
//! is not) and a new cause in the taxonomy ("signal failure", an accidental cause) make a finding
//! that the embedded lexicon alone does not.
//!
//! `cargo run --example custom_lexicon`
use claimdiff::{extract::Lexicon, Analyzer, Config, Document};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let docs = vec![
        Document::new(
            "courier",
            "A commuter train went off the rails near Lyon on Monday. The rail operator said a \
             signal failure caused the accident.",
        ),
        Document::new(
            "gazette",
            "A commuter train went off the rails near Lyon on Monday. The drivers' union alleged \
             that sabotage caused the accident.",
        ),
    ];
    let cause_findings = |lexicon: Lexicon| {
        let report = Analyzer::new(lexicon, Config::default()).analyze(&docs);
        report
            .findings
            .iter()
            .filter(|f| f.attribute == "cause")
            .map(|f| format!("{} ({:?}): {}", f.verdict.as_str(), f.basis, f.explanation))
            .collect::<Vec<_>>()
    };

    let before = cause_findings(Lexicon::embedded()?);
    println!("embedded lexicon: {} cause findings", before.len());

    let extended = Lexicon::builder()
        .add_file(
            "events.tsv",
            "example",
            "Disaster.Crash\tdead|injured\twent off the rails\n",
        )?
        .add_file(
            "taxonomy.tsv",
            "example",
            "cause/accidental/signal-failure\tcause\tDisaster.*\tsignal failure|signalling fault\n",
        )?
        .build()?;
    let after = cause_findings(extended);
    println!("extended lexicon:");
    for f in &after {
        println!("  {f}");
    }
    assert!(before.is_empty(), "{before:?}");
    assert!(after.iter().any(|f| f.starts_with("conflict")), "{after:?}");
    Ok(())
}
