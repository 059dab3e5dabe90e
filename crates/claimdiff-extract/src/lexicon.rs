use std::{collections::BTreeMap, path::Path};

use crate::{
    clean::CleanLexicon,
    error::{Error, Result},
    events::EventLexicon,
    gazetteer::Gazetteer,
    matcher::PhraseSets,
    phrases::LetterWords,
    quantities::QuantityLexicon,
    speech::SpeechLexicon,
    taxonomy::Taxonomy,
    temporal::TemporalLexicon,
};

/// The data files every lexicon is built from, embedded in the binary. A user folder given to
/// [`LexiconBuilder::add_dir`] may hold files of the same names: their entries are added to these.
pub const LEXICON_FILES: &[(&str, &str)] = &[
    ("gazetteer.tsv", include_str!("../data/gazetteer.tsv")),
    ("time_words.tsv", include_str!("../data/time_words.tsv")),
    ("quantities.tsv", include_str!("../data/quantities.tsv")),
    ("boilerplate.tsv", include_str!("../data/boilerplate.tsv")),
    (
        "abbreviations.txt",
        include_str!("../data/abbreviations.txt"),
    ),
    ("events.tsv", include_str!("../data/events.tsv")),
    ("taxonomy.tsv", include_str!("../data/taxonomy.tsv")),
    ("speech.tsv", include_str!("../data/speech.tsv")),
];

/// The texts of the lexicon files, by file name: the embedded one first, then user additions.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sources {
    files: BTreeMap<String, Vec<(String, String)>>,
}

impl Sources {
    /// `(origin, text)` pairs for one file name, embedded first.
    pub(crate) fn get(&self, name: &str) -> &[(String, String)] {
        self.files.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The non-empty, non-comment lines of one file name across all its sources, as
    /// `(origin, line number, line)`.
    pub(crate) fn lines<'a>(
        &'a self,
        name: &str,
    ) -> impl Iterator<Item = (&'a str, usize, &'a str)> {
        self.get(name).iter().flat_map(|(origin, text)| {
            text.lines()
                .enumerate()
                .map(move |(i, l)| (origin.as_str(), i + 1, l.trim_end_matches('\r')))
                .filter(|(_, _, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        })
    }
}

/// Builds a lexicon error for `origin` at `line`.
pub(crate) fn lexicon_error(origin: &str, line: usize, message: impl Into<String>) -> Error {
    Error::Lexicon {
        file: origin.to_string(),
        line,
        message: message.into(),
    }
}

/// Every word list and rule table extraction and comparison use, compiled once.
#[derive(Debug)]
pub struct Lexicon {
    pub(crate) gazetteer: Gazetteer,
    pub(crate) temporal: TemporalLexicon,
    pub(crate) quantities: QuantityLexicon,
    pub(crate) clean: CleanLexicon,
    pub(crate) events: EventLexicon,
    pub(crate) taxonomy: Taxonomy,
    pub(crate) speech: SpeechLexicon,
    /// Every phrase set searched in sentences (event triggers and generic words, speech cues,
    /// category phrases, winning, link and movement words) in one automaton: each document is
    /// searched once ([`SentencePhrase`] names the sets).
    pub(crate) sentence_phrases: PhraseSets,
    /// The words of the date and the quantity prefilters in one set, tagged [`Wanted::TIMES`]
    /// and [`Wanted::QUANTITIES`], so that a sentence is read once for both
    /// ([`Lexicon::may_hold`]); none when either prefilter is not a [`LetterWords`].
    times_quantities: Option<LetterWords>,
}

/// Which of the date and quantity finders a text may interest ([`Lexicon::may_hold`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Wanted(u8);

impl Wanted {
    /// The tag of the date prefilter's words.
    const TIMES: u8 = 1;
    /// The tag of the quantity prefilter's words.
    const QUANTITIES: u8 = 2;

    /// Whether the text may hold a time expression.
    pub(crate) fn times(self) -> bool {
        self.0 & Wanted::TIMES != 0
    }

    /// Whether the text may hold a quantity.
    pub(crate) fn quantities(self) -> bool {
        self.0 & Wanted::QUANTITIES != 0
    }
}

/// The phrase sets of [`Lexicon::sentence_phrases`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum SentencePhrase {
    Trigger,
    Generic,
    Speech,
    Category,
    Winner,
    Link,
    Movement,
}

impl Lexicon {
    /// The lexicon built from the embedded data files alone.
    pub fn embedded() -> Result<Lexicon> {
        LexiconBuilder::new().build()
    }

    /// A builder that can add user data files to the embedded ones.
    pub fn builder() -> LexiconBuilder {
        LexiconBuilder::new()
    }

    /// The category taxonomy (is-a by path, plus declared disjointness).
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// The gazetteer of places, countries, organisations and their names.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The date and quantity prefilters on `text` at once: the same answers as
    /// `TemporalLexicon::may_hold_time` and `QuantityLexicon::may_hold`, in one pass over the
    /// text when both prefilters are sets of words.
    pub(crate) fn may_hold(&self, text: &str) -> Wanted {
        match &self.times_quantities {
            Some(words) => Wanted(words.tags(text)),
            None => {
                let times = self.temporal.may_hold_time(text);
                let quantities = self.quantities.may_hold(text);
                Wanted(
                    (u8::from(times) * Wanted::TIMES) | (u8::from(quantities) * Wanted::QUANTITIES),
                )
            }
        }
    }
}

/// Collects lexicon files and compiles them into a [`Lexicon`].
#[derive(Clone, Debug)]
pub struct LexiconBuilder {
    sources: Sources,
}

impl LexiconBuilder {
    /// A builder holding the embedded files.
    pub fn new() -> LexiconBuilder {
        let mut sources = Sources::default();
        for (name, text) in LEXICON_FILES {
            sources
                .files
                .entry((*name).to_string())
                .or_default()
                .push((format!("embedded:{name}"), (*text).to_string()));
        }
        LexiconBuilder { sources }
    }

    /// Adds the entries of a file named like one of [`LEXICON_FILES`].
    pub fn add_file(mut self, name: &str, origin: &str, text: &str) -> Result<LexiconBuilder> {
        if !LEXICON_FILES.iter().any(|(n, _)| *n == name) {
            return Err(lexicon_error(
                origin,
                0,
                format!(
                    "unknown lexicon file name {name:?} (expected one of: {})",
                    LEXICON_FILES
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        self.sources
            .files
            .entry(name.to_string())
            .or_default()
            .push((origin.to_string(), text.to_string()));
        Ok(self)
    }

    /// Adds every lexicon file found in `dir` (files of other names are an error, so typos show).
    pub fn add_dir(mut self, dir: &Path) -> Result<LexiconBuilder> {
        let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut paths = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?;
            paths.push(entry.path());
        }
        paths.sort();
        for path in paths {
            let Some(name) = path
                .file_name()
                .and_then(|n| n.to_str())
                .map(str::to_string)
            else {
                continue;
            };
            if name.starts_with('.') || path.is_dir() {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            self = self.add_file(&name, &path.display().to_string(), &text)?;
        }
        Ok(self)
    }

    /// Compiles the lexicon.
    pub fn build(self) -> Result<Lexicon> {
        let s = &self.sources;
        let events = EventLexicon::load(s)?;
        let taxonomy = Taxonomy::load(s)?;
        let speech = SpeechLexicon::load(s)?;
        let [triggers, generic, winner, link, movement] = events.phrase_sets();
        // In the order of `SentencePhrase`.
        let sentence_phrases = PhraseSets::new(&[
            triggers,
            generic,
            speech.phrases(),
            taxonomy.phrases(),
            winner,
            link,
            movement,
        ]);
        let gazetteer = Gazetteer::load(s)?;
        let temporal = TemporalLexicon::load(s)?;
        let quantities = QuantityLexicon::load(s)?;
        let times_quantities = temporal
            .trigger_words()
            .zip(quantities.prefilter_words())
            .map(|(t, q)| LetterWords::merged(&[(t, Wanted::TIMES), (q, Wanted::QUANTITIES)]));
        Ok(Lexicon {
            gazetteer,
            temporal,
            quantities,
            clean: CleanLexicon::load(s)?,
            events,
            taxonomy,
            speech,
            sentence_phrases,
            times_quantities,
        })
    }
}

impl Default for LexiconBuilder {
    fn default() -> LexiconBuilder {
        LexiconBuilder::new()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use proptest::prelude::*;

    use super::*;

    /// The embedded lexicon, built once for all cases.
    static LEX: LazyLock<Option<Lexicon>> = LazyLock::new(|| Lexicon::embedded().ok());

    /// Pieces of text: time words, number words, both, neither, digits, case and punctuation.
    const PIECES: [&str; 20] = [
        "June", "ago", "weeks", "Monday", "several", "hundred", "million", "two", "A", "dozen",
        "since", "protest", "the", "7", " ", ",", "-", "é", "MAY", "x",
    ];

    #[test]
    fn the_shared_prefilter_is_built() {
        assert!(LEX.as_ref().is_some_and(|l| l.times_quantities.is_some()));
    }

    proptest! {
        /// The shared prefilter answers as the date and the quantity prefilters each do.
        #[test]
        fn shared_prefilter_as_the_two(
            pieces in proptest::collection::vec(prop::sample::select(&PIECES[..]), 0..10),
        ) {
            let Some(lex) = LEX.as_ref() else {
                return Err(TestCaseError::fail("the embedded lexicon does not build"));
            };
            let text = pieces.concat();
            let wanted = lex.may_hold(&text);
            prop_assert_eq!(wanted.times(), lex.temporal.may_hold_time(&text));
            prop_assert_eq!(wanted.quantities(), lex.quantities.may_hold(&text));
        }
    }
}
