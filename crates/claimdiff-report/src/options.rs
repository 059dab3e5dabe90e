use std::{collections::BTreeMap, fmt, path::PathBuf, str::FromStr};

use crate::error::{Error, Result};

/// An output format of [`render`](crate::render).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// The `claimdiff.report.v1` JSON document, pretty-printed.
    Json,
    /// JSON lines: one line per claim (the claim object itself), then one per finding
    /// (`{"type":"finding", …}`).
    Jsonl,
    /// A Markdown summary for readers.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// The claim graph in Graphviz DOT, with findings drawn as coloured edges.
    Dot,
}

impl Format {
    /// Every format, in a fixed order.
    pub const ALL: [Format; 5] = [
        Format::Json,
        Format::Jsonl,
        Format::Markdown,
        Format::Html,
        Format::Dot,
    ];

    /// Reads a format name: `json`, `jsonl` (or `ndjson`), `markdown` (or `md`), `html`, `dot`
    /// (or `gv`); case is ignored.
    pub fn parse(name: &str) -> Result<Format> {
        Ok(match name.trim().to_ascii_lowercase().as_str() {
            "json" => Format::Json,
            "jsonl" | "ndjson" | "json-lines" => Format::Jsonl,
            "markdown" | "md" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "dot" | "gv" | "graphviz" => Format::Dot,
            _ => {
                return Err(Error::UnknownFormat {
                    name: name.to_string(),
                })
            }
        })
    }

    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Dot => "dot",
        }
    }

    /// The usual file extension (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Dot => "dot",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Format> {
        Format::parse(s)
    }
}

/// How to render: a title, the documents' texts, and where Graphviz is.
///
/// Every field has a sensible default; set the ones you need:
///
/// ```
/// use claimdiff_report::RenderOptions;
///
/// let opts = RenderOptions::default()
///     .with_title("Deaths in Yekaterinburg")
///     .with_text("reuters", "Russian investigators said one of the men died of heart failure.");
/// assert_eq!(opts.title.as_deref(), Some("Deaths in Yekaterinburg"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderOptions {
    /// The heading of Markdown and HTML reports (default: "claimdiff report").
    pub title: Option<String>,
    /// Document texts by document id. When a claim has no `quote`, its sentence is cut from here;
    /// when the text is given, the claim's `span` places the highlight exactly.
    pub texts: BTreeMap<String, String>,
    /// The Graphviz program [`render_svg`](crate::render_svg) runs (default: `dot`, looked up on
    /// `PATH`).
    pub dot_program: Option<PathBuf>,
}

impl RenderOptions {
    /// Sets the title.
    pub fn with_title(mut self, title: impl Into<String>) -> RenderOptions {
        self.title = Some(title.into());
        self
    }

    /// Adds the text of one document.
    pub fn with_text(
        mut self,
        document: impl Into<String>,
        text: impl Into<String>,
    ) -> RenderOptions {
        self.texts.insert(document.into(), text.into());
        self
    }

    /// Sets the Graphviz program to run.
    pub fn with_dot_program(mut self, program: impl Into<PathBuf>) -> RenderOptions {
        self.dot_program = Some(program.into());
        self
    }

    pub(crate) fn title(&self) -> &str {
        self.title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or("claimdiff report")
    }
}
