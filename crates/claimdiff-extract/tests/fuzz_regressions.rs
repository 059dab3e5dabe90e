//! Inputs found by the fuzz targets of `fuzz/` (or written to stress them), re-run through the
//! path the targets take: one file per input in the workspace's `tests/data/fuzz/` (see its
//! README), every one checked for the targets' invariants, and each with what it must give.
use std::{fs, path::PathBuf, sync::LazyLock};

use claimdiff_core::{TimeValue, Value};
use claimdiff_extract::{
    describe_times, extract, find_times, parse_input, ExtractConfig, Extraction, Format, Lexicon,
    Loaded, TimeContext, TimeMention,
};
use jiff::civil::{date, Date};

/// The embedded lexicon, compiled once for all tests.
static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::embedded().unwrap_or_else(|e| panic!("the embedded lexicon must load: {e}"))
});

/// The inputs of one fuzz target, by file name.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = crate::data_path("fuzz").join(target);
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, bytes)
        })
        .collect()
}

/// One input of a target.
fn input(target: &str, name: &str) -> Vec<u8> {
    let path = crate::data_path("fuzz").join(target).join(name);
    fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The format an `ingest_extract` input names in its first byte, as the fuzz target reads it.
fn format_of(byte: u8) -> Format {
    match byte.wrapping_sub(b'0') % 5 {
        0 => Format::Text,
        1 => Format::Markdown,
        2 => Format::Html,
        3 => Format::Json,
        _ => Format::JsonLines,
    }
}

fn check_time(what: &str, t: &TimeValue) {
    if let TimeValue::Interval { start, end, .. } = t {
        assert!(start <= end, "{what}: interval out of order: {t:?}");
    }
}

/// The `ingest_extract` target's path: the input parsed in its format, each document extracted,
/// and the target's checks.
fn ingest(name: &str) -> (Loaded, Vec<Extraction>) {
    let data = input("ingest_extract", name);
    ingest_bytes(name, &data)
}

fn ingest_bytes(name: &str, data: &[u8]) -> (Loaded, Vec<Extraction>) {
    let Some((&f, bytes)) = data.split_first() else {
        panic!("{name}: an input needs a format byte");
    };
    let loaded = parse_input("fuzz", "fuzz", bytes, format_of(f));
    let cfg = ExtractConfig::default();
    let mut extractions = Vec::new();
    for doc in &loaded.documents {
        let x = extract(doc, &LEX, &cfg);
        assert_eq!(x.summary.id, doc.id, "{name}");
        for c in &x.claims {
            let [s, e] = c.span;
            assert!(
                s <= e && doc.text.get(s..e).is_some(),
                "{name}: claim span {s}..{e} not on character boundaries of the text"
            );
            match &c.value {
                Value::Time(t) => check_time(name, t),
                Value::Quantity(q) => {
                    for v in [q.min, q.max, q.of].into_iter().flatten() {
                        assert!(!v.is_nan(), "{name}: NaN in {q:?}");
                    }
                    if let (Some(lo), Some(hi)) = (q.min, q.max) {
                        assert!(lo <= hi, "{name}: bounds out of order in {q:?}");
                    }
                }
                _ => {}
            }
            if let Some(t) = &c.time {
                check_time(name, t);
            }
        }
        extractions.push(x);
    }
    (loaded, extractions)
}

/// Checks the mentions of one text as the `dates` target does.
fn check_mentions(what: &str, text: &str, found: &[TimeMention]) {
    let mut after = 0;
    for m in found {
        assert!(
            after <= m.start && m.start < m.end && m.end <= text.len(),
            "{what}: mention {}..{} out of order or out of the text",
            m.start,
            m.end
        );
        after = m.end;
        assert_eq!(
            Some(m.value.text()),
            text.get(m.start..m.end),
            "{what}: words"
        );
        check_time(what, &m.value);
    }
}

/// The `dates` target's path: `REFERENCE<TAB>TEXT`, parsed with no reference, the given one (also
/// as a year hint) and a fixed one; returns the mentions with the given reference.
fn dates(name: &str) -> (Option<Date>, String, Vec<TimeMention>) {
    let data = input("dates", name);
    let input = String::from_utf8(data).unwrap_or_else(|e| panic!("{name}: {e}"));
    let (reference, text) = match input.split_once('\t') {
        Some((r, t)) => (r.trim().parse::<Date>().ok(), t.to_string()),
        None => (None, input.clone()),
    };
    for ctx in [
        TimeContext::default(),
        TimeContext {
            reference: None,
            year_hint: reference.map(|d| d.year()),
        },
        TimeContext {
            reference: Some(date(2025, 7, 14)),
            year_hint: None,
        },
    ] {
        check_mentions(name, &text, &find_times(&text, &ctx, &LEX));
    }
    for e in describe_times(&text, reference, &LEX).expressions {
        if let (Some(s), Some(t)) = (&e.start, &e.end) {
            let (s, t): (Date, Date) = (
                s.parse().unwrap_or_else(|err| panic!("{name}: {s}: {err}")),
                t.parse().unwrap_or_else(|err| panic!("{name}: {t}: {err}")),
            );
            assert!(s <= t, "{name}: {e:?}");
        }
    }
    let ctx = TimeContext {
        reference,
        year_hint: None,
    };
    let found = find_times(&text, &ctx, &LEX);
    check_mentions(name, &text, &found);
    (reference, text, found)
}

/// The intervals found, as `START/END` with the words.
fn intervals(found: &[TimeMention]) -> Vec<String> {
    found
        .iter()
        .filter_map(|m| {
            m.value
                .bounds()
                .map(|(s, e)| format!("{} {s}/{e}", m.value.text()))
        })
        .collect()
}

#[test]
fn every_input_runs_through_its_target() {
    let ingest_inputs = inputs("ingest_extract");
    assert!(ingest_inputs.len() >= 10, "ingest_extract inputs missing");
    for (name, data) in &ingest_inputs {
        ingest_bytes(name, data);
    }
    let date_inputs = inputs("dates");
    assert!(date_inputs.len() >= 5, "dates inputs missing");
    for (name, _) in &date_inputs {
        dates(name);
    }
}

/// Found by fuzzing: pages nested deeper than `dom_smoothie` can afford (its time grows with the
/// square of the depth: ten thousand `<div/>` took minutes) that the count of tags missed, because
/// `<div/>` opens a div, an unmatched `</b>` or a `</div>` in an attribute closes nothing, and a
/// list item nests in a definition. Such a page is read by stripping its tags: its text is kept, and
/// the title of its `<title>` is not taken apart (a page read by `dom_smoothie` would have it).
#[test]
fn deep_pages_are_read_by_stripping_tags() {
    for name in [
        "html_self_closing_divs",
        "html_unmatched_end_tags",
        "html_end_tags_in_comments",
        "html_end_tags_in_attributes",
        "html_list_items_in_definitions",
        "html_foreign_breakout",
        "html_script_double_escape",
    ] {
        let (loaded, xs) = ingest(name);
        assert_eq!(loaded.documents.len(), 1, "{name}: {:?}", loaded.errors);
        let doc = &loaded.documents[0];
        assert_eq!(
            doc.title, None,
            "{name}: read by dom_smoothie, not by stripping tags"
        );
        assert!(
            doc.text
                .contains("Two people were killed in Grozny in June 2025."),
            "{name}: {:?}",
            doc.text
        );
        let dead: Vec<String> = xs[0]
            .claims
            .iter()
            .filter(|c| c.attribute == "dead")
            .map(|c| c.value.normalized_string())
            .collect();
        assert_eq!(dead, ["2"], "{name}");
    }
}

/// A deep page with many scripts: stripping its tags skips each script in place (it lowercased the
/// rest of the page for each one, time quadratic in the page).
#[test]
fn deep_page_with_many_scripts_keeps_its_text() {
    let (loaded, _) = ingest("html_many_scripts_deep");
    assert_eq!(loaded.documents.len(), 1, "{:?}", loaded.errors);
    let text = &loaded.documents[0].text;
    assert!(!text.contains("var s"), "script text kept: {text:?}");
    assert_eq!(text.matches("Two people were killed.").count(), 400);
}

#[test]
fn nasty_json_inputs_are_errors_or_warnings() {
    // Nesting past serde_json's recursion limit is an error, not a stack overflow.
    let (loaded, _) = ingest("json_deep_nesting");
    assert!(loaded.documents.is_empty());
    assert_eq!(loaded.errors.len(), 1);
    assert!(
        loaded.errors[0].1.to_string().contains("recursion limit"),
        "{}",
        loaded.errors[0].1
    );

    // A lone surrogate escape fails its line; the other line loads.
    let (loaded, xs) = ingest("jsonl_lone_surrogate");
    let ids: Vec<&str> = loaded.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["b"]);
    assert_eq!(loaded.errors.len(), 1);
    assert_eq!(loaded.errors[0].0, "fuzz:1");
    assert!(xs[0].claims.iter().any(|c| c.attribute == "dead"));

    // An impossible publication date is a warning, and the date stays unknown.
    let (loaded, xs) = ingest("json_impossible_published");
    assert_eq!(loaded.documents.len(), 1);
    assert_eq!(loaded.documents[0].published, None);
    assert_eq!(loaded.warnings.len(), 1);
    assert!(loaded.warnings[0].1.contains("2025-02-30"));
    assert_eq!(xs[0].summary.published, None);
}

#[test]
fn nasty_text_inputs() {
    // A NUL byte means a binary file.
    let (loaded, _) = ingest("text_nul_byte");
    assert!(loaded.documents.is_empty());
    assert_eq!(loaded.errors.len(), 1);
    assert!(
        loaded.errors[0].1.to_string().contains("binary"),
        "{}",
        loaded.errors[0].1
    );

    // Surrogates encoded as UTF-8 (WTF-8) are invalid: replaced, with a warning at the first.
    let (loaded, xs) = ingest("text_wtf8_surrogates");
    assert_eq!(loaded.documents.len(), 1);
    assert!(loaded.documents[0].text.contains('\u{FFFD}'));
    assert_eq!(loaded.warnings.len(), 1);
    assert!(
        loaded.warnings[0].1.contains("invalid UTF-8 at byte 11"),
        "{}",
        loaded.warnings[0].1
    );
    assert!(xs[0].claims.iter().any(|c| c.attribute == "dead"));

    // Numbers past every integer type: no NaN, no panic, bounds in order (checked for every
    // input); the count of the dead is not lost.
    let (_, xs) = ingest("text_huge_numbers");
    assert!(!xs[0].claims.is_empty());

    // A word of 50,000 letters before a sentence.
    let (loaded, xs) = ingest("text_long_word");
    assert_eq!(loaded.documents.len(), 1);
    assert_eq!(loaded.documents[0].text.len(), 50_032);
    assert!(xs[0].claims.iter().any(|c| c.attribute == "dead"));
}

/// Publication dates at the ends of the calendar: relative dates that would leave it are dropped,
/// not wrapped; a date before year 0 is no publication date (a warning).
#[test]
fn publication_dates_at_the_ends_of_the_calendar() {
    let (loaded, xs) = ingest("jsonl_calendar_edges");
    let published: Vec<String> = xs
        .iter()
        .map(|x| format!("{} {:?}", x.summary.id, x.summary.published))
        .collect();
    assert_eq!(
        published,
        ["end Some(9999-12-31)", "start Some(0000-01-01)", "bce None"]
    );
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(loaded.warnings[0].0, "bce");
}

#[test]
fn relative_dates_at_the_ends_of_the_calendar() {
    let (reference, text, found) = dates("calendar_end");
    assert_eq!(reference, Some(date(9999, 12, 31)));
    let got = intervals(&found);
    // Everything after the last day of the calendar is dropped; what lies before it resolves.
    assert!(
        got.contains(&"last year 9998-01-01/9998-12-31".to_string()),
        "{text}: {got:?}"
    );
    for m in &found {
        if let Some((_, e)) = m.value.bounds() {
            assert!(e <= date(9999, 12, 31));
        }
        assert!(!m.value.text().starts_with("next"), "{:?}", m.value);
        assert_ne!(m.value.text(), "tomorrow");
    }

    let (reference, text, found) = dates("calendar_start");
    assert_eq!(reference, Some(date(-9999, 1, 1)));
    let got = intervals(&found);
    assert!(
        got.contains(&"next year -009998-01-01/-009998-12-31".to_string()),
        "{text}: {got:?}"
    );
    for m in &found {
        assert!(!m.value.text().starts_with("last"), "{:?}", m.value);
        assert_ne!(m.value.text(), "yesterday");
    }
}

#[test]
fn impossible_dates_are_not_dates() {
    let (_, text, found) = dates("impossible_dates");
    let got = intervals(&found);
    assert_eq!(
        got,
        ["2024-02-29 2024-02-29/2024-02-29"],
        "{text}: {found:?}"
    );
}

#[test]
fn huge_counts_and_long_runs_are_dropped() {
    for name in ["huge_counts", "long_digit_run"] {
        let (_, text, found) = dates(name);
        for m in &found {
            if let Some((s, e)) = m.value.bounds() {
                assert!(
                    (date(1000, 1, 1)..=date(2100, 12, 31)).contains(&s)
                        && (date(1000, 1, 1)..=date(2100, 12, 31)).contains(&e),
                    "{name}: {text:.80}: {m:?}"
                );
            }
        }
    }
}

#[test]
fn nested_ranges_stay_in_order() {
    let (_, _, found) = dates("nested_ranges");
    assert!(!found.is_empty());
}
