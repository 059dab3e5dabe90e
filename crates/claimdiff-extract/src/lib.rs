//! claimdiff-extract: from one article's text to mentions (entities, dates, quantities) and claims.
//!
//! ```
//! use claimdiff_core::Document;
//! use claimdiff_extract::{extract, ExtractConfig, Lexicon};
//!
//! let lexicon = Lexicon::embedded()?;
//! let doc = Document::new(
//!     "wire",
//!     "An airliner crashed near Aktau in December 2024, killing 38 of the 67 people on board. \
//!      While Russia attributed the crash to a bird strike, Azerbaijan suspects that a Russian \
//!      missile was responsible.",
//! )
//! .with_published("2025-07-14".parse()?);
//! let x = extract(&doc, &lexicon, &ExtractConfig::default());
//! let said = |attr: &str| {
//!     x.claims
//!         .iter()
//!         .filter(|c| c.attribute == attr)
//!         .map(|c| format!("{}={} ({})", c.attribute, c.value.normalized_string(), c.speaker.as_deref().unwrap_or("-")))
//!         .collect::<Vec<_>>()
//! };
//! assert_eq!(said("dead"), ["dead=38 (-)"]);
//! assert_eq!(said("cause"), ["cause=cause/accidental/bird-strike (Russia)", "cause=cause/hostile/missile (Azerbaijan)"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Every word list lives in a data file under `data/` (see [`LEXICON_FILES`]); add your own entries
//! with [`LexiconBuilder::add_dir`].
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod attribution;
mod clean;
mod error;
mod events;
mod extract;
mod gazetteer;
mod html;
mod ingest;
mod lexicon;
mod markdown;
mod matcher;
mod phrases;
mod quantities;
mod sentences;
mod speech;
mod taxonomy;
mod temporal;

pub use crate::{
    clean::{clean, split_sentences, CleanLexicon, Cleaned, Sentence},
    error::{Error, Result},
    events::EventLexicon,
    extract::{extract, ExtractConfig, Extraction},
    gazetteer::{
        find_entities, merge_entities, DocEntities, EntityMention, Gazetteer, MentionKind,
    },
    ingest::{
        apply_meta, format_for_path, load_paths, parse_bytes, parse_input, read_meta, stream_paths,
        stream_reader, DocMeta, Format, Loaded, ReadOptions,
    },
    lexicon::{Lexicon, LexiconBuilder, LEXICON_FILES},
    quantities::{find_quantities, QuantityLexicon, QuantityMention},
    speech::SpeechLexicon,
    taxonomy::{CategoryRelation, Taxonomy, TaxonomyEntry},
    temporal::{
        describe_times, estimate_published, find_times, DatesExpression, DatesLine,
        TemporalLexicon, TimeContext, TimeMention,
    },
};
