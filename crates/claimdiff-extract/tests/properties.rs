//! Properties (proptest) of the date normalizer and the quantity finder: on arbitrary text and on
//! generated date-like and number-like text they never panic, every time interval has
//! `start <= end`, every quantity range has `min <= max`, and every mention's byte span lies on
//! character boundaries of the text.
//!
//! Cases per property: `PROPTEST_CASES` (default [`CASES`]); seeds are random unless
//! `PROPTEST_RNG_SEED` is set.
use std::sync::LazyLock;

use claimdiff_core::TimeValue;
use claimdiff_extract::{find_quantities, find_times, Lexicon, TimeContext};
use jiff::civil::Date;
use proptest::prelude::*;

static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::embedded().unwrap_or_else(|e| panic!("the embedded lexicon must load: {e}"))
});

/// Cases per property unless `PROPTEST_CASES` says otherwise.
const CASES: u32 = 256;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(CASES),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb",
    "Sept.",
    "Dec.",
    "june",
    "MARCH",
];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wed.", "Sunday", "friday"];
const SEASONS: &[&str] = &["spring", "summer", "autumn", "fall", "winter"];
const UNITS: &[&str] = &[
    "day",
    "days",
    "week",
    "weeks",
    "fortnight",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "hours",
    "weekend",
    "quarter",
];
const FUZZY: &[&str] = &[
    "early",
    "mid-",
    "mid ",
    "late",
    "the end of",
    "the beginning of",
    "the middle of",
    "",
];
const RELATIVE: &[&str] = &[
    "last week",
    "next month",
    "this year",
    "yesterday",
    "the day before yesterday",
    "tomorrow",
    "last night",
    "earlier this month",
    "later this year",
    "the previous year",
    "this past weekend",
    "the coming weeks",
    "a few days ago",
    "several years ago",
    "two decades ago",
    "a fortnight ago",
    "last",
    "ago",
    "since",
];
const FRAMES: &[(&str, &str)] = &[
    ("", ""),
    ("The raid happened on ", "."),
    ("Officials said ", " that 12 people died."),
    ("The vote will take place in ", ", the commission said."),
    ("Between ", " and then, nothing changed."),
    ("(", ")"),
    ("https://example.com/", "/story.html"),
    ("Since ", ", prices rose 5 percent."),
];

/// A number of days, months or years that may be out of range.
fn day() -> impl Strategy<Value = u32> {
    0u32..40
}

fn month_number() -> impl Strategy<Value = u32> {
    0u32..14
}

fn year() -> impl Strategy<Value = u32> {
    prop_oneof![0u32..10_000, 1900u32..2100]
}

fn pick<T: Clone + std::fmt::Debug + 'static>(list: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(list)
}

/// One date-like expression.
fn expression() -> impl Strategy<Value = String> {
    prop_oneof![
        (year(), month_number(), day()).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        (year(), month_number(), day()).prop_map(|(y, m, d)| format!("{d}/{m}/{y}")),
        (year(), month_number(), day()).prop_map(|(y, m, d)| format!("{m}.{d}.{y}")),
        (pick(MONTHS), day(), year()).prop_map(|(m, d, y)| format!("{m} {d}, {y}")),
        (pick(MONTHS), day(), year()).prop_map(|(m, d, y)| format!("{d} {m} {y}")),
        (pick(MONTHS), day()).prop_map(|(m, d)| format!("{m} {d}")),
        (pick(FUZZY), pick(MONTHS), year()).prop_map(|(f, m, y)| format!("{f} {m} {y}")),
        (pick(FUZZY), year()).prop_map(|(f, y)| format!("{f} {y}")),
        (pick(FUZZY), 0u32..1000).prop_map(|(f, d)| format!("{f} the {d}0s")),
        (0u32..1000).prop_map(|d| format!("the {d}0s")),
        (0u32..100).prop_map(|d| format!("the '{d:02}s")),
        (1u32..30).prop_map(|c| format!("the {c}th century")),
        (pick(SEASONS), year()).prop_map(|(s, y)| format!("{s} {y}")),
        (0u32..6, year()).prop_map(|(q, y)| format!("Q{q} {y}")),
        (
            pick(&["first", "second", "third", "fourth", "last"]),
            year()
        )
            .prop_map(|(o, y)| format!("the {o} quarter of {y}")),
        (pick(&["first", "second", "last"]), year())
            .prop_map(|(o, y)| format!("the {o} half of {y}")),
        pick(WEEKDAYS).prop_map(str::to_string),
        (pick(&["last", "next", "this", "on"]), pick(WEEKDAYS))
            .prop_map(|(s, w)| format!("{s} {w}")),
        pick(RELATIVE).prop_map(str::to_string),
        (0u64..1_000_000, pick(UNITS)).prop_map(|(n, u)| format!("{n} {u} ago")),
        (0u64..1_000_000, pick(UNITS)).prop_map(|(n, u)| format!("for {n} {u}")),
        (0u64..100, pick(UNITS)).prop_map(|(n, u)| format!("in the past {n} {u}")),
        (year(), year()).prop_map(|(a, b)| format!("from {a} to {b}")),
        (year(), year()).prop_map(|(a, b)| format!("{a}-{b}")),
        (year(), 0u32..100).prop_map(|(a, b)| format!("{a}–{b:02}")),
        (pick(MONTHS), pick(MONTHS), year())
            .prop_map(|(a, b, y)| format!("between {a} and {b} {y}")),
        (pick(MONTHS), day(), day(), year()).prop_map(|(m, a, b, y)| format!("{m} {a}-{b}, {y}")),
        (day(), day(), pick(MONTHS)).prop_map(|(a, b, m)| format!("{a} to {b} {m}")),
        Just("2025-02-30".to_string()),
        Just("the 1990s".to_string()),
        Just("February 29, 2023".to_string()),
        Just("December 31, 9999".to_string()),
        Just("January 1, 0".to_string()),
        (0u64..u64::MAX).prop_map(|n| format!("in {n}")),
    ]
}

/// Date-like text: expressions in a sentence frame, joined by separators.
fn date_text() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec((expression(), pick(FRAMES)), 1..4),
        pick(&[" ", ", ", " and ", "; ", ". ", " to ", "-", "/", "\n"]),
    )
        .prop_map(|(parts, sep)| {
            parts
                .into_iter()
                .map(|(e, (a, b))| format!("{a}{e}{b}"))
                .collect::<Vec<_>>()
                .join(sep)
        })
}

/// A reference date anywhere in jiff's range, or none.
fn reference() -> impl Strategy<Value = Option<Date>> {
    prop_oneof![
        Just(None),
        (-9999i16..=9999, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).ok()),
        Just(Date::new(9999, 12, 31).ok()),
        Just(Date::new(-9999, 1, 1).ok()),
        Just(Date::new(2025, 7, 14).ok()),
    ]
}

fn context() -> impl Strategy<Value = TimeContext> {
    (
        reference(),
        prop_oneof![
            Just(None),
            any::<i16>().prop_map(Some),
            (1900i16..2100).prop_map(Some)
        ],
    )
        .prop_map(|(reference, year_hint)| TimeContext {
            reference,
            year_hint,
        })
}

/// Checks every time mention of `text`: span on character boundaries, interval ordered.
fn check_times(text: &str, ctx: &TimeContext) -> Result<(), TestCaseError> {
    for m in find_times(text, ctx, &LEX) {
        prop_assert!(
            m.start <= m.end && text.get(m.start..m.end).is_some(),
            "span {}..{} of {text:?}",
            m.start,
            m.end
        );
        if let TimeValue::Interval { start, end, .. } = &m.value {
            prop_assert!(
                start <= end,
                "{start} > {end} for {:?} in {text:?}",
                m.value
            );
        }
    }
    Ok(())
}

/// Number-like text: long digit runs, decimals, groups, scale words, ranges and bounds.
fn number_text() -> impl Strategy<Value = String> {
    let digits = prop_oneof![
        "[0-9]{1,3}",
        "[1-9][0-9]{0,20}",
        "[0-9]{380,420}",
        "[0-9]{1,400}\\.[0-9]{1,400}",
        "[1-9][0-9]{0,2}(,[0-9]{3}){1,140}",
        "0\\.0{1,400}1",
        "[0-9]{1,3}(\\.[0-9]{3}){1,10}",
        "-[0-9]{1,30}",
    ];
    let scale = pick(&[
        "",
        " hundred",
        " thousand",
        " million",
        " billion",
        " trillion",
        " trillion trillion",
        " dozen",
        "m",
        "bn",
        "k",
    ]);
    let unit = pick(&[
        "",
        " people",
        " percent",
        "%",
        " dead",
        " journalists",
        " km",
        " dollars",
        " years",
    ]);
    let bound = pick(&[
        "",
        "at least ",
        "more than ",
        "up to ",
        "fewer than ",
        "about ",
        "nearly ",
        "some ",
        "$",
        "€",
        "between ",
        "from ",
        "several ",
        "dozens of ",
        "hundreds of ",
        "a ",
    ]);
    let join = pick(&[" and ", " to ", "-", "–", " or ", " of the ", ", "]);
    let atom = (bound, digits, scale, unit).prop_map(|(b, d, s, u)| format!("{b}{d}{s}{u}"));
    (
        proptest::collection::vec(atom, 1..4),
        join,
        pick(FRAMES),
        pick(&["", " were killed", " people were detained", " on board"]),
    )
        .prop_map(|(atoms, j, (a, b), tail)| format!("{a}{}{tail}{b}", atoms.join(j)))
}

/// Checks every quantity of `text`: span on character boundaries, bounds not NaN and ordered.
fn check_quantities(text: &str) -> Result<(), TestCaseError> {
    let times: Vec<(usize, usize)> = find_times(text, &TimeContext::default(), &LEX)
        .iter()
        .map(|m| (m.start, m.end))
        .collect();
    for exclude in [&[][..], &times[..]] {
        for m in find_quantities(text, exclude, &LEX) {
            prop_assert!(
                m.start <= m.end && text.get(m.start..m.end).is_some(),
                "span {}..{} of {text:?}",
                m.start,
                m.end
            );
            let q = &m.quantity;
            for v in [q.min, q.max, q.of].into_iter().flatten() {
                prop_assert!(!v.is_nan(), "NaN in {q:?} of {text:?}");
            }
            if let (Some(lo), Some(hi)) = (q.min, q.max) {
                prop_assert!(lo <= hi, "min {lo} > max {hi} in {q:?} of {text:?}");
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn times_on_arbitrary_text(text in any::<String>(), ctx in context()) {
        check_times(&text, &ctx)?;
    }

    #[test]
    fn times_on_arbitrary_printable_text(text in "[ -~\\n\u{a0}\u{2013}\u{2019}é]{0,200}", ctx in context()) {
        check_times(&text, &ctx)?;
    }

    #[test]
    fn times_on_date_like_text(text in date_text(), ctx in context()) {
        check_times(&text, &ctx)?;
    }

    #[test]
    fn quantities_on_arbitrary_text(text in any::<String>()) {
        check_quantities(&text)?;
    }

    #[test]
    fn quantities_on_number_like_text(text in number_text()) {
        check_quantities(&text)?;
    }

    #[test]
    fn quantities_on_date_like_text(text in date_text()) {
        check_quantities(&text)?;
    }
}
