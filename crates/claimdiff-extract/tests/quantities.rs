//! Tests of the quantities area: the news table `tests/data/quantities.tsv` (its header documents
//! the format), plus robustness, exclusion, user additions and throughput.
use std::sync::LazyLock;

use claimdiff_extract::{find_quantities, Lexicon, QuantityMention};

/// The embedded lexicon, compiled once for all tests.
static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::embedded().unwrap_or_else(|e| panic!("the embedded lexicon must load: {e}"))
});

/// A bound for the table: the number, or `-` when unbounded.
fn bound(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |v| format!("{v}"))
}

/// One mention as the table writes it: `text|kind|min|max|unit|attribute`, plus `|of=N` for a part.
fn render(m: &QuantityMention) -> String {
    let q = &m.quantity;
    let mut out = format!(
        "{}|{}|{}|{}|{}|{}",
        q.text,
        q.kind.as_str(),
        bound(q.min),
        bound(q.max),
        q.unit.as_deref().unwrap_or("-"),
        m.attribute.as_deref().unwrap_or("-"),
    );
    if let Some(of) = q.of {
        out.push_str(&format!("|of={of}"));
    }
    out
}

/// The quantities of `sentence`, rendered and joined by ` ; ` (`none` when there are none).
fn check(sentence: &str) -> String {
    let found = find_quantities(sentence, &[], &LEX);
    for m in &found {
        // The offsets must delimit the mention's own text.
        assert_eq!(
            sentence.get(m.start..m.end),
            Some(m.quantity.text.as_str()),
            "{sentence}"
        );
    }
    if found.is_empty() {
        return "none".to_string();
    }
    found.iter().map(render).collect::<Vec<_>>().join(" ; ")
}

/// Every row of the news table: all must match exactly.
#[test]
fn quantities_news_table() {
    let path = crate::data_path("quantities.tsv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut total = 0;
    let mut failures = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((sentence, expected)) = line.split_once('\t') else {
            panic!("line {}: expected SENTENCE<TAB>EXPECTED", n + 1);
        };
        total += 1;
        let got = check(sentence);
        if got != expected.trim() {
            failures.push(format!(
                "line {}: {sentence}\n    expected: {}\n    got:      {got}",
                n + 1,
                expected.trim()
            ));
        }
    }
    assert!(
        total >= 80,
        "the table should hold at least 80 cases, has {total}"
    );
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Dates already found are skipped: a number inside an excluded byte range is no quantity.
#[test]
fn quantities_skip_excluded_ranges() {
    let text = "On June 3 500 people marched, and 20 were arrested.";
    let start = text.find("June 3").unwrap_or(0);
    let found = find_quantities(text, &[(start, start + "June 3".len())], &LEX);
    let rendered: Vec<String> = found.iter().map(render).collect();
    assert_eq!(
        rendered,
        ["500|exact|500|500|people|-", "20|exact|20|20|-|detained"]
    );
}

/// No input makes the finder panic, overflow or return offsets outside the text.
#[test]
fn quantities_never_panic() {
    let long = "9".repeat(400);
    let mut inputs = vec![
        String::new(),
        format!("The figure {long} was quoted."),
        format!("{long}.{long} people"),
        format!("${long} million"),
        format!("between {long} and {long}"),
        "1,".to_string(),
        "1.".to_string(),
        ",000".to_string(),
        "- - - 5 - -".to_string(),
        "at least".to_string(),
        "between and".to_string(),
        "a".to_string(),
        "half a".to_string(),
        "one hundred and".to_string(),
        "€".to_string(),
        "£5bn€3m$".to_string(),
        "thirty-".to_string(),
        "-thirty".to_string(),
        "hundreds of".to_string(),
        "1-".to_string(),
        "10 to".to_string(),
        "38 of the".to_string(),
        "Ω 5 Ω five ünïcödé 7 ’s 3’".to_string(),
        "5\u{a0}000 and 5\u{202f}000".to_string(),
        "0".repeat(1000),
        "1,000,".repeat(300),
        "one ".repeat(500),
        "several hundred thousand million billion ".repeat(20),
    ];
    // Every cut of a sentence dense in numbers, on character boundaries.
    let dense = "Some 2,500 (about 40%) of the €300m — i.e. 1.5bn/2 500 — between 10 and 20 dead.";
    for (i, _) in dense.char_indices() {
        inputs.push(dense[..i].to_string());
        inputs.push(dense[i..].to_string());
    }
    for text in &inputs {
        for m in find_quantities(text, &[(0, 3), (usize::MAX - 1, usize::MAX)], &LEX) {
            assert!(m.start <= m.end && m.end <= text.len(), "{text:?}");
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            for v in [m.quantity.min, m.quantity.max].into_iter().flatten() {
                assert!(v.is_finite(), "{text:?}: {v}");
            }
        }
    }
}

/// A user file named like the embedded one extends it: a new count cue and a new vague word.
#[test]
fn quantities_user_additions() {
    let user = "count\tabducted\tabducted\nvague\ta slew\t5\t30\n";
    let lex = Lexicon::builder()
        .add_file("quantities.tsv", "user:quantities.tsv", user)
        .and_then(|b| b.build())
        .unwrap_or_else(|e| panic!("user additions must load: {e}"));
    let found = find_quantities(
        "Gunmen abducted 12 students and a slew of teachers.",
        &[],
        &lex,
    );
    let rendered: Vec<String> = found.iter().map(render).collect();
    assert_eq!(
        rendered,
        [
            "12|exact|12|12|student|abducted",
            "a slew|vague|5|30|teacher|abducted"
        ]
    );
    // A malformed row is an error naming the file and line.
    let bad = Lexicon::builder()
        .add_file("quantities.tsv", "user:bad.tsv", "vague\tloads\tten\n")
        .and_then(|b| b.build());
    match bad {
        Err(e) => assert!(e.to_string().contains("user:bad.tsv:1"), "{e}"),
        Ok(_) => panic!("a malformed row must be rejected"),
    }
}

/// Throughput on news-like text: a coarse guard against quadratic behaviour (several MB/s even
/// in a debug build; the prefilter drops sentences without numbers cheaply).
#[test]
fn quantities_throughput() {
    let sentences = [
        "The crash killed 38 of the 67 people on board, officials said on Tuesday.",
        "The minister said the government would respond to the allegations in due course.",
        "Some 2,500 residents were evacuated as the wildfire spread towards the town.",
        "Officials have not said when the investigation into the incident will conclude.",
        "The company agreed to pay $2.5 million to settle the case, court filings show.",
    ];
    let text: Vec<&str> = sentences.iter().copied().cycle().take(20_000).collect();
    let bytes: usize = text.iter().map(|s| s.len()).sum();
    let started = std::time::Instant::now();
    let mut count = 0;
    for s in &text {
        count += find_quantities(s, &[], &LEX).len();
    }
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(count, 16_000);
    assert!(secs < 20.0, "{bytes} bytes took {secs:.2}s");
}
