//! Renders a saved `claimdiff.report.v1` JSON report.
//!
//! ```text
//! cargo run -p claimdiff-report --example render -- REPORT.json FORMAT [TEXTS_DIR [TITLE]] > OUT
//! ```
//!
//! FORMAT is `json`, `jsonl`, `markdown`, `html`, `dot` or `svg`; TEXTS_DIR holds `DOC_ID.txt`
//! files with the documents' texts (for claims in context); TITLE defaults to the report's file name.
use std::{error::Error, fs, path::Path};

use claimdiff_core::Report;
use claimdiff_report::{render, render_svg, Format, RenderOptions};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(format)) = (args.first(), args.get(1)) else {
        return Err("usage: render REPORT.json FORMAT [TEXTS_DIR [TITLE]]".into());
    };
    let report: Report = serde_json::from_str(&fs::read_to_string(path)?)?;
    let mut opts = RenderOptions::default();
    if let Some(dir) = args.get(2).filter(|d| !d.is_empty()) {
        let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt") {
                if let Some(id) = p.file_stem().and_then(|s| s.to_str()) {
                    opts = opts.with_text(id, fs::read_to_string(&p)?);
                }
            }
        }
    }
    if let Some(title) = args.get(3) {
        opts = opts.with_title(title.clone());
    } else if let Some(stem) = Path::new(path).file_stem().and_then(|s| s.to_str()) {
        opts = opts.with_title(format!("claimdiff: {stem}"));
    }
    let out = if format == "svg" {
        render_svg(&render(&report, Format::Dot, &opts)?, &opts)?
    } else {
        render(&report, Format::parse(format)?, &opts)?
    };
    print!("{out}");
    Ok(())
}
