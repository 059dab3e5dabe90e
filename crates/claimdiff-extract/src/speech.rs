//! Attribution cues: speech verbs, "according to", nouns of saying, hedges and negation.
use claimdiff_core::Modality;

use crate::{
    error::Result,
    lexicon::{lexicon_error, Sources},
    matcher::{split_list, PhraseMatch},
};

const FILE: &str = "speech.tsv";

/// The role a cue plays in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueClass {
    Verb,
    Participle,
    According,
    Noun,
    Hedge,
    Negation,
}

/// A cue found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cue {
    pub start: usize,
    pub end: usize,
    pub class: CueClass,
    pub modality: Modality,
}

/// Speech and attribution cues with the modality each gives.
#[derive(Debug, Default)]
pub struct SpeechLexicon {
    /// Cue phrases (searched through [`crate::Lexicon`]'s sentence phrases).
    phrases: Vec<String>,
    cues: Vec<(CueClass, Modality)>,
}

impl SpeechLexicon {
    pub(crate) fn load(s: &Sources) -> Result<SpeechLexicon> {
        let mut phrases = Vec::new();
        let mut cues = Vec::new();
        for (origin, line_no, line) in s.lines(FILE) {
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            if fields.len() < 3 {
                return Err(lexicon_error(
                    origin,
                    line_no,
                    "expected CLASS, MODALITY and PHRASES separated by tabs",
                ));
            }
            let class = match fields[0] {
                "verb" => CueClass::Verb,
                "participle" => CueClass::Participle,
                "according" => CueClass::According,
                "noun" => CueClass::Noun,
                "hedge" => CueClass::Hedge,
                "negation" => CueClass::Negation,
                other => {
                    return Err(lexicon_error(
                        origin,
                        line_no,
                        format!("unknown cue class {other:?}"),
                    ))
                }
            };
            let modality = match (class, Modality::parse(fields[1])) {
                (_, Some(m)) => m,
                (CueClass::Negation, None) => Modality::Denied,
                (_, None) => {
                    return Err(lexicon_error(
                        origin,
                        line_no,
                        format!("unknown modality {:?}", fields[1]),
                    ))
                }
            };
            for p in split_list(fields[2]) {
                phrases.push(p.to_ascii_lowercase());
                cues.push((class, modality));
            }
        }
        Ok(SpeechLexicon { phrases, cues })
    }

    /// The cue phrases, for one search over a document.
    pub(crate) fn phrases(&self) -> &[String] {
        &self.phrases
    }

    /// The cues among matches of the cue phrases, left to right.
    pub(crate) fn cues(&self, found: Vec<PhraseMatch>) -> Vec<Cue> {
        found
            .into_iter()
            .filter_map(|pm| {
                let (class, modality) = *self.cues.get(pm.pattern)?;
                Some(Cue {
                    start: pm.start,
                    end: pm.end,
                    class,
                    modality,
                })
            })
            .collect()
    }
}
