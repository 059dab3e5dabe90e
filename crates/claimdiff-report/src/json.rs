use claimdiff_core::{Finding, Report};
use serde::Serialize;

use crate::error::Result;

/// The report as pretty-printed JSON, with a final newline.
pub(crate) fn json(report: &Report) -> Result<String> {
    let mut out = serde_json::to_string_pretty(report)?;
    out.push('\n');
    Ok(out)
}

/// The report as pretty-printed JSON, with a final newline, written as it is produced (a report
/// of 100,000 documents is never held as one string).
pub(crate) fn json_to(report: &Report, w: &mut dyn std::io::Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *w, report)?;
    w.write_all(b"\n")?;
    Ok(())
}

/// As [`jsonl`], written line by line.
pub(crate) fn jsonl_to(report: &Report, w: &mut dyn std::io::Write) -> Result<()> {
    for c in &report.claims {
        serde_json::to_writer(&mut *w, c)?;
        w.write_all(b"\n")?;
    }
    for f in &report.findings {
        serde_json::to_writer(
            &mut *w,
            &FindingLine {
                r#type: "finding",
                finding: f,
            },
        )?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// A finding line: the finding's fields after `"type": "finding"`.
#[derive(Serialize)]
struct FindingLine<'a> {
    r#type: &'static str,
    #[serde(flatten)]
    finding: &'a Finding,
}

/// One line per claim (exactly the report's claim object, which names its document), then one
/// per finding (tagged `"type":"finding"`).
pub(crate) fn jsonl(report: &Report) -> Result<String> {
    let mut out = String::new();
    for c in &report.claims {
        out.push_str(&serde_json::to_string(c)?);
        out.push('\n');
    }
    for f in &report.findings {
        out.push_str(&serde_json::to_string(&FindingLine {
            r#type: "finding",
            finding: f,
        })?);
        out.push('\n');
    }
    Ok(out)
}
