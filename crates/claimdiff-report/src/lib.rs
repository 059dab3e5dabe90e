//! claimdiff's renderers: a `claimdiff.report.v1` [`Report`] as JSON, JSON lines, Markdown, one
//! self-contained HTML page, or the claim graph in Graphviz DOT (and SVG through `dot`).
//!
//! ```
//! use claimdiff_core::Report;
//! use claimdiff_report::{render, Format, RenderOptions};
//!
//! let report: Report = serde_json::from_str(r#"{
//!     "schema": "claimdiff.report.v1", "documents": [], "entities": [], "events": [],
//!     "claims": [], "findings": [], "sources": [], "errors": []
//! }"#)?;
//! let opts = RenderOptions::default().with_title("Deaths in Yekaterinburg");
//!
//! let markdown = render(&report, Format::parse("markdown")?, &opts)?;
//! assert!(markdown.starts_with("# Deaths in Yekaterinburg"));
//!
//! let html = render(&report, Format::Html, &opts)?;
//! assert!(html.contains(r#"id="conflicts""#));
//!
//! let json = render(&report, Format::Json, &opts)?;
//! assert_eq!(serde_json::from_str::<Report>(&json)?, report);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! What each format shows:
//!
//! - [`Format::Json`]: the report itself, pretty-printed, with a final newline.
//! - [`Format::Jsonl`]: one line per claim — exactly the report's claim object, which names its
//!   document, so the lines can be piped into `claimdiff compare -` — then one line per finding,
//!   the finding's fields after `"type":"finding"` (readers of claims skip those).
//! - [`Format::Markdown`]: conflicts first, each with its explanation and the quoted sentences;
//!   per event a table of attributes × sources with each value, its speaker and a verdict mark
//!   (✗ conflict, ≈ compatible, ✓ agreement, – single source); the source matrix; documents with
//!   what cleaning dropped; errors.
//! - [`Format::Html`]: the same as one page with inline CSS and JS (nothing fetched), a heat map of
//!   agreement between sources, a timeline of the events, claims shown in their sentences with the
//!   value highlighted, and filters by verdict and by source. Every piece of text is escaped.
//! - [`Format::Dot`]: the [`ClaimGraph`](claimdiff_core::ClaimGraph) with nodes styled by kind and
//!   findings drawn as edges between their claims (red conflict, orange compatible, green
//!   agreement); [`render_svg`] lays it out with Graphviz.
//!
//! Output is byte-deterministic: the same report and options give the same bytes.
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod dot;
mod error;
mod html;
mod json;
mod markdown;
mod model;
mod options;

use claimdiff_core::Report;

pub use crate::{
    error::{Error, Result},
    options::{Format, RenderOptions},
};

/// Renders a report in one format.
///
/// # Errors
///
/// [`Error::Json`] when the report cannot be serialized (a non-finite score) and
/// [`Error::Template`] when the HTML template fails; Markdown and DOT do not fail.
pub fn render(report: &Report, format: Format, opts: &RenderOptions) -> Result<String> {
    match format {
        Format::Json => json::json(report),
        Format::Jsonl => json::jsonl(report),
        Format::Markdown => Ok(markdown::markdown(&model::View::new(report, opts))),
        Format::Html => html::html(&model::View::new(report, opts)),
        Format::Dot => Ok(dot::dot(report)),
    }
}

/// As [`render`], writing to `w`; JSON and JSON lines are written as they are produced, so a
/// large report is never held whole as text.
///
/// # Errors
///
/// As [`render`], and [`Error::Write`] when `w` fails.
pub fn render_to(
    report: &Report,
    format: Format,
    opts: &RenderOptions,
    w: &mut dyn std::io::Write,
) -> Result<()> {
    match format {
        Format::Json => json::json_to(report, w),
        Format::Jsonl => json::jsonl_to(report, w),
        _ => {
            w.write_all(render(report, format, opts)?.as_bytes())?;
            Ok(())
        }
    }
}

/// Lays out DOT (from [`render`] with [`Format::Dot`]) as SVG by piping it through Graphviz's
/// `dot -Tsvg` ([`RenderOptions::dot_program`], default `dot` on `PATH`).
///
/// # Errors
///
/// [`Error::DotNotFound`] when the program is not installed, [`Error::DotFailed`] when it rejects
/// the input, [`Error::DotIo`] when it cannot be talked to.
pub fn render_svg(dot: &str, opts: &RenderOptions) -> Result<String> {
    dot::svg(dot, opts)
}
