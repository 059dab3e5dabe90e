//! Tests of the temporal area: the shared evaluation table, our news table, and the pieces around
//! them (publication dates from paths, the `dates` command's JSON, robustness).
use std::sync::LazyLock;

use claimdiff_core::TimeValue;
use claimdiff_extract::{describe_times, estimate_published, find_times, Lexicon, TimeContext};
use jiff::civil::Date;

/// The embedded lexicon, compiled once for all tests.
static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::embedded().unwrap_or_else(|e| panic!("the embedded lexicon must load: {e}"))
});

/// Words that make an expression fuzzy: its expected bounds are matched with a tolerance.
const FUZZY_WORDS: &[&str] = &[
    "early",
    "mid",
    "middle",
    "late",
    "end",
    "beginning",
    "start",
    "close",
    "few",
    "several",
];

/// What the normalizer makes of one expression: its first time value, or none.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// No time expression was found.
    Nothing,
    /// The first expression found.
    Found(TimeValue),
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Nothing => write!(f, "none"),
            Outcome::Found(v) => write!(f, "{} ({:?})", v.normalized(), v.text()),
        }
    }
}

/// Runs the normalizer on `expression` with `reference` (`-` for none) and keeps the first value.
fn check(reference: &str, expression: &str) -> Outcome {
    let reference = match reference.trim() {
        "-" | "" => None,
        r => Some(
            r.parse::<Date>()
                .unwrap_or_else(|e| panic!("bad reference {r:?}: {e}")),
        ),
    };
    let ctx = TimeContext {
        reference,
        year_hint: None,
    };
    match find_times(expression, &ctx, &LEX).into_iter().next() {
        Some(m) => Outcome::Found(m.value),
        None => Outcome::Nothing,
    }
}

/// Whether `outcome` scores as `expected` under the tables' rules: exact values, except that the
/// bounds of a fuzzy expression may each be off by a quarter of the expected length.
fn scores(outcome: &Outcome, expected: &str, expression: &str) -> bool {
    let expected = expected.trim();
    let value = match outcome {
        Outcome::Nothing => return expected.eq_ignore_ascii_case("none"),
        Outcome::Found(v) => v,
    };
    if expected.eq_ignore_ascii_case("none") {
        return false;
    }
    let Ok(want) = TimeValue::parse_normalized(expression, expected) else {
        panic!("bad expected value {expected:?}");
    };
    match (&want, value) {
        (
            TimeValue::Interval {
                start: ws, end: we, ..
            },
            TimeValue::Interval { start, end, .. },
        ) => {
            let lower = expression.to_ascii_lowercase();
            let fuzzy = lower
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| FUZZY_WORDS.contains(&w));
            let tolerance = if fuzzy {
                (i64::from((*we - *ws).get_days()) + 1) / 4
            } else {
                0
            };
            let off = |a: Date, b: Date| i64::from((a - b).get_days()).abs();
            off(*start, *ws) <= tolerance && off(*end, *we) <= tolerance
        }
        (TimeValue::Duration { iso: w, .. }, TimeValue::Duration { iso, .. }) => w == iso,
        (TimeValue::Unresolved { .. }, TimeValue::Unresolved { .. }) => true,
        _ => false,
    }
}

/// Scores a table of `tests/data/`: (passes, cases, failure descriptions).
fn score(file: &str) -> (usize, usize, Vec<String>) {
    let path = crate::data_path(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (mut pass, mut total, mut failures) = (0, 0, Vec::new());
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [reference, expression, expected] = cols[..] else {
            panic!("{file}:{}: expected three tab-separated columns", n + 1);
        };
        total += 1;
        let outcome = check(reference, expression);
        if scores(&outcome, expected, expression) {
            pass += 1;
        } else {
            failures.push(format!(
                "{file}:{}: [{reference}] {expression:?}: expected {expected}, got {outcome}",
                n + 1
            ));
        }
    }
    (pass, total, failures)
}

/// Asserts a table passes at 95 % or more, printing its failures.
fn assert_table(file: &str, min_cases: usize) {
    let (pass, total, failures) = score(file);
    for f in &failures {
        eprintln!("FAIL {f}");
    }
    let rate = pass as f64 / total.max(1) as f64;
    eprintln!("{file}: {pass}/{total} = {:.1} %", 100.0 * rate);
    assert!(total >= min_cases, "{file}: only {total} cases");
    assert!(rate >= 0.95, "{file}: {pass}/{total} pass, below 95 %");
}

#[test]
fn temporal_shared_table() {
    assert_table("temporal.tsv", 40);
}

#[test]
fn temporal_news_table() {
    assert_table("temporal_news.tsv", 110);
}

#[test]
fn temporal_scorer_can_fail() {
    // The scorer must reject wrong answers, or the tables prove nothing.
    let o = check("2025-07-14", "in June 2025");
    assert!(scores(&o, "2025-06-01/2025-06-30", "in June 2025"));
    assert!(!scores(&o, "2025-06-01/2025-06-29", "in June 2025"));
    assert!(!scores(&o, "none", "in June 2025"));
    assert!(!scores(&o, "P1M", "in June 2025"));
    assert!(!scores(
        &check("2025-07-14", "no date here"),
        "2025-06-01/2025-06-30",
        "no date here"
    ));
    assert!(scores(
        &check("2025-07-14", "no date here"),
        "none",
        "no date here"
    ));
    let late = check("2024-12-27", "in late 2022");
    assert!(scores(&late, "2022-09-15/2022-12-31", "in late 2022"));
    assert!(!scores(&late, "2022-01-01/2022-12-31", "in late 2022"));
}

#[test]
fn temporal_mentions_are_ordered_and_disjoint() {
    let text = "Between 2010 and 2015 the firm grew; on Dec. 25, 2024 it was sold, two days ago, \
                for $2,000 (see https://x.com/2024/12/27/story) and held for four months.";
    let ctx = TimeContext {
        reference: Some(jiff::civil::date(2024, 12, 27)),
        year_hint: None,
    };
    let found = find_times(text, &ctx, &LEX);
    let got: Vec<(&str, String)> = found
        .iter()
        .map(|m| (&text[m.start..m.end], m.value.normalized()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Between 2010 and 2015", "2010-01-01/2015-12-31".to_string()),
            ("Dec. 25, 2024", "2024-12-25/2024-12-25".to_string()),
            ("two days ago", "2024-12-25/2024-12-25".to_string()),
            ("for four months", "P4M".to_string()),
        ]
    );
    for pair in found.windows(2) {
        assert!(pair[0].end <= pair[1].start);
    }
}

#[test]
fn temporal_year_hint_places_partial_dates() {
    let ctx = TimeContext {
        reference: None,
        year_hint: Some(2021),
    };
    let found = find_times("The vote took place on June 20.", &ctx, &LEX);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].value.normalized(), "2021-06-20/2021-06-20");
    // A hint never anchors a relative expression.
    let found = find_times("The vote took place last week.", &ctx, &LEX);
    assert_eq!(found[0].value.normalized(), "unresolved");
}

#[test]
fn temporal_never_panics() {
    let ctx = TimeContext {
        reference: Some(jiff::civil::date(2024, 2, 29)),
        year_hint: Some(-9999),
    };
    let odd = [
        "",
        "2025-02-30",
        "on February 30, 2024",
        "31/02/2024 and 00/00/0000",
        "9999-99-99 99/99/9999",
        "in 2100 and 1000, the 99999999999999999999999 years ago",
        "the 0th century, the 99th century",
        "since since since since 2019",
        "between between and and",
        "from from to to – — -",
        "last last last week",
        "the end of the end of the end of the end of the end of the year",
        "Q9 2024, H0 2023",
        "9999999 days ago, for 99999999999 decades, within 10000000 centuries",
        "the past 99999999 years",
        "’90s ‘’ “” – é ü 2024’s — ǅ 𝟚𝟘𝟚𝟜",
        "February 29 next year, last February 29, on Feb. 29",
        "\u{0}\u{a0}2024\u{a0}",
    ];
    for text in odd {
        let _ = find_times(text, &ctx, &LEX);
        let _ = find_times(text, &TimeContext::default(), &LEX);
        let _ = describe_times(text, None, &LEX);
        let _ = estimate_published(text);
    }
    // Every prefix of a busy text, cut anywhere (also inside multi-byte characters' neighbours).
    let busy =
        "On Wed., Dec. 25th, 2024 – the 3rd–5th of June ’23 – from March to May 2024, mid-2023…";
    for (i, _) in busy.char_indices() {
        let _ = find_times(&busy[..i], &ctx, &LEX);
        let _ = find_times(&busy[i..], &ctx, &LEX);
    }
}

#[test]
fn temporal_invalid_dates_are_not_dates() {
    let ctx = TimeContext {
        reference: Some(jiff::civil::date(2025, 7, 14)),
        year_hint: None,
    };
    for text in [
        "2025-02-30",
        "on February 30, 2025",
        "on 31/04/2025",
        "on April 31",
    ] {
        assert_eq!(find_times(text, &ctx, &LEX), vec![], "{text}");
    }
}

#[test]
fn temporal_estimate_published() {
    let d = |y, m, day| Some(jiff::civil::date(y, m, day));
    assert_eq!(
        estimate_published("<img src=\"/images/2025/07/14/x.webp\">"),
        d(2025, 7, 14)
    );
    assert_eq!(
        estimate_published("https://x.com/2024/12/27/story"),
        d(2024, 12, 27)
    );
    // The latest dated path wins.
    assert_eq!(
        estimate_published(
            "/media/2023/1/5/a.jpg then https://n.org/news/2024-03-09/b and /2022/12/31/"
        ),
        d(2024, 3, 9)
    );
    assert_eq!(
        estimate_published("https://site.com/archive/20240102/item"),
        d(2024, 1, 2)
    );
    // Impossible or partial dates, old years and plain text do not count.
    assert_eq!(estimate_published("/2025/02/30/x and /1990/01/01/y"), None);
    assert_eq!(estimate_published("/2025/07/ and /2025/13/01/"), None);
    assert_eq!(estimate_published("published 2025/07/14 in print"), None);
    assert_eq!(
        estimate_published("id /2025/07/145/ and /2025/07/14567"),
        None
    );
    assert_eq!(estimate_published(""), None);
}

#[test]
fn temporal_describe_times_json() {
    let reference = Some(jiff::civil::date(2024, 12, 27));
    let lines = [
        "The jet went down on Wednesday, two days ago, near Aktau.",
        "The siege held for four months in the spring of 2021.",
        "Talks will resume in January, officials said.",
        "38 of the 67 people on board survived; 2,000 troops searched at 10:30.",
    ];
    let out: Vec<_> = lines
        .iter()
        .map(|l| describe_times(l, reference, &LEX))
        .collect();
    insta::assert_json_snapshot!("temporal_describe_times", out);
    let unanchored = describe_times(
        "The raid, which occurred last week, ended on 12/25/2024.",
        None,
        &LEX,
    );
    insta::assert_snapshot!(
        "temporal_describe_times_unanchored",
        serde_json::to_string(&unanchored).unwrap_or_default()
    );
}

#[test]
fn temporal_user_words_extend_the_lexicon() {
    // A user file adds a month name and a future cue; the embedded words stay.
    let user = "month\tjanvier\t1\nfuture\tis poised to\n";
    let lex = Lexicon::builder()
        .add_file("time_words.tsv", "user:time_words.tsv", user)
        .and_then(|b| b.build())
        .unwrap_or_else(|e| panic!("the user words must load: {e}"));
    let ctx = TimeContext {
        reference: Some(jiff::civil::date(2025, 7, 14)),
        year_hint: None,
    };
    let first = |text: &str| {
        find_times(text, &ctx, &lex)
            .first()
            .map(|m| m.value.normalized())
    };
    assert_eq!(
        first("signed on 3 janvier 2024").as_deref(),
        Some("2024-01-03/2024-01-03")
    );
    assert_eq!(
        first("The bank is poised to act in June").as_deref(),
        Some("2026-06-01/2026-06-30")
    );
    assert_eq!(
        first("The bank acted in June").as_deref(),
        Some("2025-06-01/2025-06-30")
    );
    // A malformed row names its file and line.
    let bad = Lexicon::builder()
        .add_file(
            "time_words.tsv",
            "user:time_words.tsv",
            "# comment\nmonth\tsmarch\t13\n",
        )
        .and_then(|b| b.build());
    let message = bad.map(|_| String::new()).unwrap_or_else(|e| e.to_string());
    assert!(message.contains("user:time_words.tsv:2"), "{message}");
}
