use std::{collections::BTreeMap, path::Path};

use crate::{
    clean::CleanLexicon,
    error::{Error, Result},
    events::EventLexicon,
    gazetteer::Gazetteer,
    matcher::PhraseSets,
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
        Ok(Lexicon {
            gazetteer: Gazetteer::load(s)?,
            temporal: TemporalLexicon::load(s)?,
            quantities: QuantityLexicon::load(s)?,
            clean: CleanLexicon::load(s)?,
            events,
            taxonomy,
            speech,
            sentence_phrases,
        })
    }
}

impl Default for LexiconBuilder {
    fn default() -> LexiconBuilder {
        LexiconBuilder::new()
    }
}
