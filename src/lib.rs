//! claimdiff reads news articles about one story from several sources and tells where they agree
//! and where they conflict: which source gives which cause, date or figure, who said it, how
//! firmly, and whether two values can both hold.
//!
//! ```
//! use claimdiff::{analyze, Config, Document};
//!
//! let documents = vec![
//!     Document::new(
//!         "wire",
//!         "According to Russian investigators, one of the two men died of heart failure in \
//!          Yekaterinburg in June 2025.",
//!     ),
//!     Document::new(
//!         "daily",
//!         "Azerbaijani prosecutors alleged that the two men who died in Yekaterinburg were \
//!          victims of torture.",
//!     ),
//! ];
//! let report = analyze(&documents, &Config::default())?;
//! let conflict = report
//!     .findings
//!     .iter()
//!     .find(|f| f.attribute == "cause")
//!     .ok_or("no finding on the cause")?;
//! assert_eq!(conflict.verdict.as_str(), "conflict");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The stages are crates of their own, re-exported here: [`core`] (the model and the claim
//! graph), [`extract`] (text to claims), [`compare`] (claims to findings) and [`report`]
//! (renderers). [`Analyzer`] runs them all with one lexicon compiled once.
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod analyze;
mod error;

pub use claimdiff_compare as compare;
pub use claimdiff_core as core;
pub use claimdiff_extract as extract;
pub use claimdiff_report as report;

pub use crate::{
    analyze::{analyze, Analyzer, Collector, Config},
    error::{Error, Result},
};
pub use claimdiff_core::{Claim, Document, Event, Finding, Report, Verdict};
