//! Event triggers and the attributes they take.
use crate::{error::Result, lexicon::Sources};

/// Trigger words by event kind.
#[derive(Debug, Default)]
pub struct EventLexicon {}

impl EventLexicon {
    pub(crate) fn load(_s: &Sources) -> Result<EventLexicon> {
        Ok(EventLexicon {})
    }
}
