//! Attribution cues: speech verbs, "according to", hedges and negation.
use crate::{error::Result, lexicon::Sources};

/// Speech and attribution cues with the modality each gives.
#[derive(Debug, Default)]
pub struct SpeechLexicon {}

impl SpeechLexicon {
    pub(crate) fn load(_s: &Sources) -> Result<SpeechLexicon> {
        Ok(SpeechLexicon {})
    }
}
