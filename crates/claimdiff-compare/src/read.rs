//! Reading claims as JSON lines, from `claimdiff claims` or any other tool.
use std::io::BufRead;

use claimdiff_core::Claim;

use crate::error::{Error, Result};

/// Reads claims, one JSON object a line (blank lines skipped). A bad line is an error naming the
/// source and line; lines that are not claims but findings (`"verdict"`) are skipped.
pub fn read_claims(reader: impl BufRead, source_name: &str) -> Result<Vec<Claim>> {
    let mut out = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|error| Error::Io {
            source_name: source_name.to_string(),
            error,
        })?;
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(t).map_err(|e| Error::ClaimLine {
            source_name: source_name.to_string(),
            line: i + 1,
            message: e.to_string(),
        })?;
        if v.get("verdict").is_some()
            || v.get("type")
                .and_then(|x| x.as_str())
                .is_some_and(|x| x != "claim")
        {
            continue;
        }
        let claim: Claim = serde_json::from_value(v).map_err(|e| Error::ClaimLine {
            source_name: source_name.to_string(),
            line: i + 1,
            message: e.to_string(),
        })?;
        out.push(claim);
    }
    Ok(out)
}
