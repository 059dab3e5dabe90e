//! The generator's data files (embedded): places, word lists and sentence templates.
use std::{collections::BTreeMap, sync::OnceLock};

/// `data/places.tsv`.
pub(crate) const PLACES_TSV: &str = include_str!("../data/places.tsv");
/// `data/names.tsv`.
pub(crate) const NAMES_TSV: &str = include_str!("../data/names.tsv");
/// `data/templates.tsv`.
pub(crate) const TEMPLATES_TSV: &str = include_str!("../data/templates.tsv");

/// A place stories can happen in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    /// The name, as the gazetteer spells it.
    pub name: String,
    /// The gazetteer id of its country.
    pub country_id: &'static str,
    /// The country's name as written in a sentence ("France", "the Philippines").
    pub country: &'static str,
    /// Its possessive ("France's", "the Philippines'").
    pub country_s: &'static str,
    /// The country's demonym ("French").
    pub demonym: &'static str,
}

/// Everything read from the data files.
#[derive(Debug)]
pub(crate) struct Words {
    lists: BTreeMap<&'static str, Vec<&'static str>>,
    pub places: Vec<Place>,
    /// Templates by (field, slot); field `*` is every field.
    templates: BTreeMap<&'static str, BTreeMap<&'static str, Vec<&'static str>>>,
}

/// Rows of a TSV file: lines that are neither blank nor comments, split on tabs.
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// The parsed data files (parsed once). Malformed rows are skipped; the crate's tests check that
/// there are none.
pub(crate) fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut lists = BTreeMap::new();
        for r in rows(NAMES_TSV) {
            if let [name, items] = r[..] {
                lists.insert(name, items.split('|').filter(|s| !s.is_empty()).collect());
            }
        }
        let places = rows(PLACES_TSV)
            .filter_map(|r| match r[..] {
                [name, country_id, country, country_s, demonym] => Some(Place {
                    name: name.to_string(),
                    country_id,
                    country,
                    country_s,
                    demonym,
                }),
                _ => None,
            })
            .collect();
        let mut templates: BTreeMap<_, BTreeMap<_, Vec<_>>> = BTreeMap::new();
        for r in rows(TEMPLATES_TSV) {
            if let [field, slot, text] = r[..] {
                templates
                    .entry(field)
                    .or_default()
                    .entry(slot)
                    .or_default()
                    .push(text);
            }
        }
        Words {
            lists,
            places,
            templates,
        }
    })
}

impl Words {
    /// A word list of `names.tsv` (empty when unknown).
    pub(crate) fn list(&self, name: &str) -> &[&'static str] {
        self.lists.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The templates of a slot for a field: the field's own, else those for every field.
    pub(crate) fn templates(&self, field: &str, slot: &str) -> &[&'static str] {
        let get = |f: &str| self.templates.get(f).and_then(|m| m.get(slot));
        get(field)
            .or_else(|| get("*"))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The templates of a slot for a field and those for every field, together.
    pub(crate) fn templates_with_common(&self, field: &str, slot: &str) -> Vec<&'static str> {
        let get = |f: &str| {
            self.templates
                .get(f)
                .and_then(|m| m.get(slot))
                .cloned()
                .unwrap_or_default()
        };
        let mut out: Vec<&'static str> = get(field);
        if field != "*" {
            out.extend(get("*"));
        }
        out
    }

    /// Every (field, slot, template), for checks.
    #[cfg(test)]
    pub(crate) fn all_templates(
        &self,
    ) -> impl Iterator<Item = (&'static str, &'static str, &'static str)> + '_ {
        self.templates.iter().flat_map(|(f, m)| {
            m.iter()
                .flat_map(move |(s, ts)| ts.iter().map(move |t| (*f, *s, *t)))
        })
    }

    /// A coined name, unique for each `index` below 64,000 within one `salt` (a different salt
    /// gives a different sequence): three syllables chosen by the digits of a bijective scramble of
    /// the index. Past 64,000 a fourth syllable keeps names unique.
    pub(crate) fn coin(&self, index: usize, salt: u64) -> String {
        let syl = self.list("syllable");
        let n = syl.len().max(1) as u64;
        let m = n * n * n;
        let i = index as u64;
        // 7919 is prime and coprime with 40³ = 64,000, so the map is a bijection of 0..m.
        let x = (i % m)
            .wrapping_mul(7919)
            .wrapping_add(salt.wrapping_mul(104_729))
            % m;
        let mut s = String::new();
        for d in [x / (n * n), (x / n) % n, x % n] {
            s.push_str(syl.get(d as usize).copied().unwrap_or("ka"));
        }
        if i >= m {
            s.push_str(syl.get(((i / m) % n) as usize).copied().unwrap_or("ka"));
        }
        capitalise(&s)
    }
}

/// The string with its first letter in upper case.
pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use claimdiff_core::EntityKind;
    use claimdiff_extract::Lexicon;

    use super::*;

    #[test]
    fn every_row_parses() {
        let count = |text: &'static str, cols: &[usize]| {
            rows(text).filter(|r| !cols.contains(&r.len())).count()
        };
        assert_eq!(count(NAMES_TSV, &[2]), 0, "names.tsv");
        assert_eq!(count(PLACES_TSV, &[5]), 0, "places.tsv");
        assert_eq!(count(TEMPLATES_TSV, &[3]), 0, "templates.tsv");
        assert_eq!(words().list("syllable").len(), 40);
    }

    #[test]
    fn places_are_gazetteer_places_of_their_country() {
        let lex = Lexicon::embedded().unwrap_or_else(|e| panic!("{e}"));
        let gaz = lex.gazetteer();
        let mut bad = Vec::new();
        for p in &words().places {
            let ok = gaz.resolve(&p.name).is_some_and(|id| {
                gaz.entity(id).is_some_and(|e| e.kind == EntityKind::Place)
                    && gaz.affiliation(id) == Some(p.country_id)
            });
            if !ok {
                bad.push(p.name.clone());
            }
        }
        assert!(bad.is_empty(), "not places of their country: {bad:?}");
    }

    #[test]
    fn coined_names_are_unique_and_unknown_to_the_gazetteer() {
        let lex = Lexicon::embedded().unwrap_or_else(|e| panic!("{e}"));
        let w = words();
        for salt in [1, 12] {
            let names: BTreeSet<String> = (0..64_000).map(|i| w.coin(i, salt)).collect();
            assert_eq!(names.len(), 64_000);
            let known: Vec<&String> = names
                .iter()
                .take(5000)
                .filter(|n| lex.gazetteer().resolve(n).is_some())
                .collect();
            assert!(known.is_empty(), "{known:?}");
        }
        assert_ne!(w.coin(64_000, 1), w.coin(0, 1));
    }

    #[test]
    fn templates_name_known_values_only() {
        let known = crate::story::VALUE_NAMES;
        let mut bad = Vec::new();
        for (field, slot, t) in words().all_templates() {
            let mut rest = t;
            while let Some(i) = rest.find('{') {
                let after = &rest[i + 1..];
                let end = after.find('}').unwrap_or(after.len());
                if !known.contains(&&after[..end]) {
                    bad.push(format!("{field} {slot}: {{{}}}", &after[..end]));
                }
                rest = &after[end..];
            }
        }
        assert!(bad.is_empty(), "{bad:?}");
        for field in ["crash", "quake", "flood", "election", "court"] {
            for slot in ["headline", "lead", "filler", "quote", "byline", "related"] {
                assert!(!words().templates(field, slot).is_empty(), "{field} {slot}");
            }
        }
    }
}
