//! The temporal parser, from arbitrary UTF-8.
//!
//! Input: `REFERENCE<TAB>TEXT`, as the lines of `tests/data/temporal*.tsv` (`REFERENCE` a
//! `YYYY-MM-DD` date, or anything else for none), or just `TEXT`. The text is parsed with no
//! reference, with the given one (also as a year hint), and with a fixed one (2025-07-14);
//! `describe_times` and `estimate_published` run on it too.
//!
//! Checked: nothing panics; mentions are in text order, without overlaps, on character
//! boundaries, and their words are the text's; every interval has start <= end.
#![no_main]

use std::sync::OnceLock;

use claimdiff_core::TimeValue;
use claimdiff_extract::{
    describe_times, estimate_published, find_times, Lexicon, TimeContext, TimeMention,
};
use jiff::civil::{date, Date};
use libfuzzer_sys::fuzz_target;

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::embedded().expect("the embedded lexicon compiles"))
}

fn check(text: &str, found: &[TimeMention]) {
    let mut after = 0;
    for m in found {
        assert!(
            after <= m.start && m.start < m.end && m.end <= text.len(),
            "mention {}..{} out of order or out of the text (previous ended at {after}): {found:?}",
            m.start,
            m.end
        );
        after = m.end;
        let words = text
            .get(m.start..m.end)
            .expect("mention on char boundaries");
        assert_eq!(m.value.text(), words, "mention words differ from the text");
        if let TimeValue::Interval { start, end, .. } = &m.value {
            assert!(start <= end, "interval out of order: {m:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (reference, text) = match input.split_once('\t') {
        Some((r, t)) => (r.trim().parse::<Date>().ok(), t),
        None => (None, input),
    };
    let lex = lexicon();
    let contexts = [
        TimeContext::default(),
        TimeContext {
            reference,
            year_hint: None,
        },
        TimeContext {
            reference: None,
            year_hint: reference.map(|d| d.year()),
        },
        TimeContext {
            reference: Some(date(2025, 7, 14)),
            year_hint: None,
        },
    ];
    for (i, ctx) in contexts.iter().enumerate() {
        if i > 0 && i < 3 && reference.is_none() {
            continue;
        }
        check(text, &find_times(text, ctx, lex));
    }
    let line = describe_times(text, reference, lex);
    for e in &line.expressions {
        match (&e.start, &e.end) {
            (Some(s), Some(t)) => {
                let s: Date = s.parse().expect("start is an ISO date");
                let t: Date = t.parse().expect("end is an ISO date");
                assert!(s <= t, "interval out of order: {e:?}");
                assert!(e.resolved);
            }
            (None, None) => {}
            _ => panic!("an interval with one end: {e:?}"),
        }
    }
    let _ = estimate_published(text);
});
