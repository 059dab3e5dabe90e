//! What every reader-facing format shares: labels, per-claim verdicts, events with their claims,
//! claims in their sentences, the source matrix. Everything is ordered (report order or sorted).

use std::collections::{BTreeMap, BTreeSet};

use claimdiff_core::{
    Claim, DocumentSummary, Event, Finding, Modality, Report, SourcePair, Verdict,
};

use crate::options::RenderOptions;

/// The mark for a verdict.
pub(crate) fn mark(verdict: Option<Verdict>) -> &'static str {
    match verdict {
        Some(Verdict::Conflict) => "✗",
        Some(Verdict::Compatible) => "≈",
        Some(Verdict::Agreement) => "✓",
        None => "–",
    }
}

/// The name of a verdict, or `none` for a claim no finding weighs.
pub(crate) fn verdict_name(verdict: Option<Verdict>) -> &'static str {
    verdict.map_or("none", Verdict::as_str)
}

/// A claim's sentence split around its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct InContext {
    pub before: String,
    pub value: String,
    pub after: String,
}

/// The report, indexed for rendering.
pub(crate) struct View<'r> {
    pub report: &'r Report,
    pub opts: &'r RenderOptions,
    /// Document ids in report order, then ids only claims name (sorted).
    pub doc_ids: Vec<&'r str>,
    labels: BTreeMap<&'r str, String>,
    docs: BTreeMap<&'r str, &'r DocumentSummary>,
    claims: BTreeMap<&'r str, &'r Claim>,
    verdicts: BTreeMap<&'r str, Verdict>,
}

/// One event with the claims made about it.
pub(crate) struct EventClaims<'r> {
    pub id: &'r str,
    pub event: Option<&'r Event>,
    /// Documents speaking to the event, in document order.
    pub documents: Vec<&'r str>,
    /// Attribute → document → claims, in report order.
    pub rows: BTreeMap<&'r str, BTreeMap<&'r str, Vec<&'r Claim>>>,
    pub findings: Vec<&'r Finding>,
}

impl<'r> View<'r> {
    pub fn new(report: &'r Report, opts: &'r RenderOptions) -> View<'r> {
        let mut doc_ids: Vec<&str> = Vec::new();
        let mut seen = BTreeSet::new();
        for d in &report.documents {
            if seen.insert(d.id.as_str()) {
                doc_ids.push(&d.id);
            }
        }
        let extra: BTreeSet<&str> = report
            .claims
            .iter()
            .map(|c| c.document.as_str())
            .chain(
                report
                    .sources
                    .iter()
                    .flat_map(|p| [p.a.as_str(), p.b.as_str()]),
            )
            .filter(|d| !seen.contains(d))
            .collect();
        doc_ids.extend(extra);

        let docs: BTreeMap<&str, &DocumentSummary> = report
            .documents
            .iter()
            .map(|d| (d.id.as_str(), d))
            .collect();
        let base = |id: &str| -> String {
            docs.get(id)
                .and_then(|d| d.source.as_deref())
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .unwrap_or(id)
                .to_string()
        };
        let mut uses: BTreeMap<String, usize> = BTreeMap::new();
        for id in &doc_ids {
            *uses.entry(base(id)).or_default() += 1;
        }
        let labels = doc_ids
            .iter()
            .map(|&id| {
                let b = base(id);
                let label = if b != id && uses.get(&b).copied().unwrap_or(0) > 1 {
                    format!("{b} ({id})")
                } else {
                    b
                };
                (id, label)
            })
            .collect();

        let claims = report.claims.iter().map(|c| (c.id.as_str(), c)).collect();
        let mut verdicts: BTreeMap<&str, Verdict> = BTreeMap::new();
        for f in &report.findings {
            for c in &f.claims {
                let v = verdicts.entry(c.as_str()).or_insert(f.verdict);
                // Conflict < Compatible < Agreement: keep the most serious.
                *v = (*v).min(f.verdict);
            }
        }
        View {
            report,
            opts,
            doc_ids,
            labels,
            docs,
            claims,
            verdicts,
        }
    }

    /// The reader-facing name of a document: its source, or its id.
    pub fn label(&self, doc: &str) -> String {
        self.labels
            .get(doc)
            .cloned()
            .unwrap_or_else(|| doc.to_string())
    }

    pub fn document(&self, id: &str) -> Option<&'r DocumentSummary> {
        self.docs.get(id).copied()
    }

    pub fn claim(&self, id: &str) -> Option<&'r Claim> {
        self.claims.get(id).copied()
    }

    /// The most serious verdict of the findings that weigh a claim.
    pub fn verdict(&self, claim: &str) -> Option<Verdict> {
        self.verdicts.get(claim).copied()
    }

    /// Claims of a finding that are in the report, in finding order.
    pub fn finding_claims(&self, f: &'r Finding) -> Vec<&'r Claim> {
        f.claims.iter().filter_map(|c| self.claim(c)).collect()
    }

    /// Documents whose claims a finding weighs, sorted.
    pub fn finding_documents(&self, f: &'r Finding) -> Vec<&'r str> {
        let set: BTreeSet<&str> = self
            .finding_claims(f)
            .into_iter()
            .map(|c| c.document.as_str())
            .collect();
        set.into_iter().collect()
    }

    pub fn conflicts(&self) -> Vec<&'r Finding> {
        self.report
            .findings
            .iter()
            .filter(|f| f.verdict == Verdict::Conflict)
            .collect()
    }

    pub fn count(&self, verdict: Verdict) -> usize {
        self.report
            .findings
            .iter()
            .filter(|f| f.verdict == verdict)
            .count()
    }

    /// A short description of an event ("E1 · Life.Die in Yekaterinburg, 2025-06").
    pub fn event_title(&self, id: &str) -> String {
        match self.report.event(id) {
            Some(e) if !e.label.trim().is_empty() => format!("{id} · {}", e.label),
            Some(e) if !e.kind.is_empty() => format!("{id} · {}", e.kind),
            _ => id.to_string(),
        }
    }

    /// Events in report order, then events only claims name (sorted), each with its claims.
    pub fn events(&self) -> Vec<EventClaims<'r>> {
        let mut order: Vec<&'r str> = self.report.events.iter().map(|e| e.id.as_str()).collect();
        let known: BTreeSet<&str> = order.iter().copied().collect();
        let extra: BTreeSet<&'r str> = self
            .report
            .claims
            .iter()
            .map(|c| c.event.as_str())
            .filter(|e| !known.contains(e))
            .collect();
        order.extend(extra);
        let mut seen = BTreeSet::new();
        order
            .into_iter()
            .filter(|id| seen.insert(*id))
            .map(|id| {
                let event = self.report.event(id);
                let mut rows: BTreeMap<&str, BTreeMap<&str, Vec<&Claim>>> = BTreeMap::new();
                let mut docs: BTreeSet<&str> = event
                    .map(|e| e.documents.iter().map(String::as_str).collect())
                    .unwrap_or_default();
                for c in self.report.claims.iter().filter(|c| c.event == id) {
                    docs.insert(&c.document);
                    rows.entry(&c.attribute)
                        .or_default()
                        .entry(&c.document)
                        .or_default()
                        .push(c);
                }
                let documents = self
                    .doc_ids
                    .iter()
                    .copied()
                    .filter(|d| docs.contains(d))
                    .collect();
                let findings = self
                    .report
                    .findings
                    .iter()
                    .filter(|f| f.event == id)
                    .collect();
                EventClaims {
                    id,
                    event,
                    documents,
                    rows,
                    findings,
                }
            })
            .collect()
    }

    /// The pair record for two documents, in either order.
    pub fn pair(&self, a: &str, b: &str) -> Option<&'r SourcePair> {
        self.report
            .sources
            .iter()
            .find(|p| (p.a == a && p.b == b) || (p.a == b && p.b == a))
    }

    /// Documents that appear in the source matrix: those with claims or pairs, in order.
    pub fn matrix_documents(&self) -> Vec<&'r str> {
        let used: BTreeSet<&str> = self
            .report
            .claims
            .iter()
            .map(|c| c.document.as_str())
            .chain(
                self.report
                    .sources
                    .iter()
                    .flat_map(|p| [p.a.as_str(), p.b.as_str()]),
            )
            .collect();
        self.doc_ids
            .iter()
            .copied()
            .filter(|d| used.contains(d))
            .collect()
    }

    pub fn claims_of(&self, doc: &str) -> usize {
        self.report
            .claims
            .iter()
            .filter(|c| c.document == doc)
            .count()
    }

    /// The claim's sentence split around its value, when a sentence is known.
    pub fn in_context(&self, c: &Claim) -> Option<InContext> {
        let text = self.opts.texts.get(&c.document).map(String::as_str);
        let span = text.and_then(|t| {
            let [s, e] = c.span;
            (s < e && e <= t.len() && t.is_char_boundary(s) && t.is_char_boundary(e))
                .then_some((t, s, e))
        });
        let quote = c.quote.trim();
        if !quote.is_empty() {
            // The quote located in the text around the span places the value exactly.
            if let Some((t, s, e)) = span {
                let found = t
                    .match_indices(quote)
                    .map(|(i, _)| i)
                    .find(|&i| i <= s && e <= i + quote.len());
                if let Some(i) = found {
                    return Some(split(quote, s - i, e - i));
                }
            }
            return Some(match find_value(quote, c.value.text()) {
                Some((s, e)) => split(quote, s, e),
                None => InContext {
                    before: quote.to_string(),
                    value: String::new(),
                    after: String::new(),
                },
            });
        }
        let (t, s, e) = span?;
        let (from, to) = sentence_around(t, s, e);
        Some(InContext {
            before: collapse(&t[from..s]).trim_start().to_string(),
            value: collapse(&t[s..e]),
            after: collapse(&t[e..to]).trim_end().to_string(),
        })
    }
}

/// The speaker and modality of a claim, as words ("Russian investigators, reported").
pub(crate) fn attribution(c: &Claim) -> String {
    let mut parts = Vec::new();
    if let Some(s) = c
        .speaker
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        parts.push(s.to_string());
    }
    if c.modality != Modality::Asserted {
        parts.push(c.modality.as_str().to_string());
    }
    parts.join(", ")
}

/// The value's words, with "not" when negated.
pub(crate) fn value_words(c: &Claim) -> String {
    let t = collapse(c.value.text()).trim().to_string();
    let t = if t.is_empty() {
        c.value.normalized_string()
    } else {
        t
    };
    if c.negated {
        format!("not {t}")
    } else {
        t
    }
}

/// Agreements over agreements and conflicts, when there are any.
pub(crate) fn agreement_ratio(p: &SourcePair) -> Option<f64> {
    let n = p.agree + p.conflict;
    (n > 0).then(|| p.agree as f64 / n as f64)
}

/// Whitespace runs (newlines included) as single spaces; a leading or trailing run stays one space.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s.chars() {
        if ch.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(ch);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

fn split(s: &str, a: usize, b: usize) -> InContext {
    InContext {
        before: collapse(&s[..a]),
        value: collapse(&s[a..b]),
        after: collapse(&s[b..]),
    }
}

/// Where `needle` first occurs in `hay`: exactly, else ignoring ASCII case.
fn find_value(hay: &str, needle: &str) -> Option<(usize, usize)> {
    let needle = needle.trim();
    if needle.is_empty() {
        return None;
    }
    if let Some(i) = hay.find(needle) {
        return Some((i, i + needle.len()));
    }
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..=h.len().saturating_sub(n.len()))
        .filter(|&i| hay.is_char_boundary(i) && hay.is_char_boundary(i + n.len()))
        .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
        .map(|i| (i, i + n.len()))
}

/// The sentence-like stretch of `t` around `[s, e)`: back to the previous sentence end or line
/// break, forward to the next, at most about 300 bytes each way.
fn sentence_around(t: &str, s: usize, e: usize) -> (usize, usize) {
    const REACH: usize = 300;
    let mut from = s;
    for (i, ch) in t[..s].char_indices().rev() {
        if s - i > REACH {
            break;
        }
        if ch == '\n' || ((ch == '.' || ch == '!' || ch == '?') && i + 1 < s) {
            break;
        }
        from = i;
    }
    let mut to = e;
    for (i, ch) in t[e..].char_indices() {
        let at = e + i;
        if at - e > REACH || ch == '\n' {
            break;
        }
        to = at + ch.len_utf8();
        if ch == '.' || ch == '!' || ch == '?' {
            break;
        }
    }
    (from, to)
}
