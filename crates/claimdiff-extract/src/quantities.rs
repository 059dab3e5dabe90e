//! Numbers and what they count (STUB: owned by the quantities work).
use claimdiff_core::Quantity;

use crate::{error::Result, lexicon::Sources, Lexicon};

/// Compiled number words, bound words, vague words, units and count cues.
#[derive(Debug, Default)]
pub struct QuantityLexicon {}

impl QuantityLexicon {
    pub(crate) fn load(_s: &Sources) -> Result<QuantityLexicon> {
        Ok(QuantityLexicon {})
    }
}

/// One quantity found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct QuantityMention {
    /// First byte in the text given.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// The value, its bounds and its unit (the counted noun).
    pub quantity: Quantity,
    /// The count attribute it fills (`dead`, `injured`, `on_board`, `detained`, …), when the
    /// context says.
    pub attribute: Option<String>,
}

/// Finds the quantities in `text`, skipping the byte ranges in `exclude` (dates already found).
pub fn find_quantities(
    _text: &str,
    _exclude: &[(usize, usize)],
    _lex: &Lexicon,
) -> Vec<QuantityMention> {
    Vec::new()
}
