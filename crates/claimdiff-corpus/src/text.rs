//! Wording: numbers, dates and templates filled with values.
use std::collections::BTreeMap;

use jiff::civil::{Date, Weekday};

use crate::{lexicon::capitalise, rng::Rng};

const MONTHS: [&str; 12] = [
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
];

const SMALL: [&str; 11] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// The English name of a weekday.
pub(crate) fn weekday(d: Date) -> &'static str {
    match d.weekday() {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// The English name of a date's month.
pub(crate) fn month(d: Date) -> &'static str {
    MONTHS
        .get(usize::try_from(d.month() - 1).unwrap_or(0))
        .copied()
        .unwrap_or("January")
}

/// A count as a reporter writes it: small numbers often in words, thousands with commas.
pub(crate) fn count(n: u64, rng: &mut Rng) -> String {
    match usize::try_from(n) {
        Ok(i) if i <= 10 && rng.chance(0.5) => SMALL[i].to_string(),
        _ => grouped(n),
    }
}

/// Digits with a comma every three ("4,500").
pub(crate) fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Tenths as a decimal ("6.8" for 68).
pub(crate) fn tenths(x: u64) -> String {
    format!("{}.{}", x / 10, x % 10)
}

/// How a document published `published` words the date `d` of its event after a preposition:
/// "on Tuesday" (within a week), "yesterday", "on 12 March", "on March 12, 2024"….
pub(crate) fn when(d: Date, published: Date, rng: &mut Rng) -> String {
    let days = (published - d).get_days();
    let wd = weekday(d);
    let (m, day, y) = (month(d), d.day(), d.year());
    let mut options: Vec<String> = Vec::new();
    match days {
        0 => {
            for o in ["on", "early on", "late on"] {
                options.push(format!("{o} {wd}"));
            }
            options.push(format!("on {wd} morning"));
        }
        1 => {
            options.push(format!("on {wd}"));
            options.push("yesterday".to_string());
            options.push(format!("on {wd} evening"));
        }
        2..=6 => options.push(format!("on {wd}")),
        _ => {}
    }
    options.push(format!("on {day} {m}"));
    options.push(format!("on {m} {day}"));
    options.push(format!("on {m} {day}, {y}"));
    options.push(format!("on {day} {m} {y}"));
    let i = rng.below(options.len());
    options.swap_remove(i)
}

/// The date of an event before its noun: "Tuesday's" (within a week) or "the March 12".
pub(crate) fn when_adj(d: Date, published: Date, rng: &mut Rng) -> String {
    let days = (published - d).get_days();
    if (0..=6).contains(&days) && rng.chance(0.5) {
        format!("{}'s", weekday(d))
    } else {
        format!("the {} {}", month(d), d.day())
    }
}

/// A publication date as a byline shows it.
pub(crate) fn pubdate(d: Date, rng: &mut Rng) -> String {
    let (m, day, y) = (month(d), d.day(), d.year());
    match rng.below(4) {
        0 => format!("{day} {m} {y}"),
        1 => format!("{m} {day}, {y}"),
        2 => d.to_string(),
        _ => format!(
            "{} {day} {m} {y}, {:02}:{:02}",
            weekday(d),
            rng.range(6, 22),
            rng.range(0, 59)
        ),
    }
}

/// Fills `{name}` placeholders from `values`; a value that opens the sentence gets a capital.
/// Unknown names are left as they are (the crate's tests check that none is).
pub(crate) fn fill(template: &str, values: &BTreeMap<&str, String>) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.get(name) {
                    Some(v) if out.is_empty() => out.push_str(&capitalise(v)),
                    Some(v) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(grouped(4500), "4,500");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(tenths(68), "6.8");
    }

    #[test]
    fn fill_capitalises_an_opening_value() {
        let mut v = BTreeMap::new();
        v.insert("dead", "five".to_string());
        v.insert("place", "Lyon".to_string());
        assert_eq!(
            fill("{dead} people died near {place}.", &v),
            "Five people died near Lyon."
        );
        assert_eq!(fill("{unknown} x", &v), "{unknown} x");
    }

    #[test]
    fn dates_within_a_week_use_weekdays() {
        let d: Date = "2024-03-12".parse().unwrap_or_default();
        let mut rng = Rng::new(1);
        for _ in 0..50 {
            let w = when(d, d, &mut rng);
            assert!(
                w.contains("Tuesday") || w.contains("March") || w == "yesterday",
                "{w}"
            );
        }
    }
}
