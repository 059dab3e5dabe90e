//! claimdiff-extract: from one article's text to mentions (entities, dates, quantities) and claims.
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod clean;
mod error;
mod events;
mod gazetteer;
mod ingest;
mod lexicon;
mod quantities;
mod speech;
mod taxonomy;
mod temporal;

pub use crate::{
    clean::{clean, Cleaned, CleanLexicon, Sentence},
    error::{Error, Result},
    events::EventLexicon,
    gazetteer::{find_entities, merge_entities, DocEntities, EntityMention, Gazetteer, MentionKind},
    ingest::{load_paths, parse_bytes, Format, Loaded},
    lexicon::{Lexicon, LexiconBuilder, LEXICON_FILES},
    quantities::{find_quantities, QuantityLexicon, QuantityMention},
    speech::SpeechLexicon,
    taxonomy::Taxonomy,
    temporal::{estimate_published, find_times, TemporalLexicon, TimeContext, TimeMention},
};
