use std::collections::BTreeMap;

use askama::Template;
use claimdiff_core::{Claim, Finding, Verdict};
use jiff::civil::Date;

use crate::{
    error::Result,
    model::{agreement_ratio, attribution, mark, value_words, verdict_name, InContext, View},
};

/// The page. Every string here is escaped by askama when written; nothing is marked safe.
#[derive(Template)]
#[template(path = "report.html")]
struct Page {
    title: String,
    stats: Vec<Stat>,
    sources: Vec<Column>,
    conflicts: Vec<FindingView>,
    events: Vec<EventView>,
    heatmap: Heatmap,
    timeline: Option<Timeline>,
    documents: Vec<DocumentRow>,
    errors: Vec<ErrorRow>,
}

struct Stat {
    value: usize,
    label: &'static str,
    class: &'static str,
}

struct Column {
    id: String,
    label: String,
}

struct ClaimView {
    id: String,
    document: String,
    source: String,
    verdict: &'static str,
    mark: &'static str,
    value: String,
    normalized: String,
    who: String,
    context: Option<InContext>,
}

struct FindingView {
    id: String,
    verdict: &'static str,
    mark: &'static str,
    basis: &'static str,
    attribute: String,
    event: String,
    score: String,
    explanation: String,
    update: bool,
    scope_note: Option<String>,
    dependent: String,
    /// Document ids, space-separated (for the source filter).
    sources: String,
    claims: Vec<ClaimView>,
}

struct EventView {
    anchor: String,
    title: String,
    facts: Vec<String>,
    columns: Vec<Column>,
    rows: Vec<AttributeRow>,
    findings: Vec<FindingView>,
}

struct AttributeRow {
    attribute: String,
    cells: Vec<Vec<ClaimView>>,
}

struct Heatmap {
    columns: Vec<Column>,
    rows: Vec<HeatRow>,
}

struct HeatRow {
    label: String,
    cells: Vec<HeatCell>,
}

struct HeatCell {
    class: &'static str,
    style: String,
    main: String,
    detail: String,
    title: String,
}

struct Timeline {
    width: u32,
    height: u32,
    label_x: u32,
    plot_x: u32,
    plot_right: u32,
    axis_bottom: u32,
    ticks: Vec<Tick>,
    rows: Vec<TimelineRow>,
    published: Option<PublishedRow>,
}

struct Tick {
    x: String,
    label: String,
}

struct TimelineRow {
    y: u32,
    text_y: u32,
    label: String,
    title: String,
    x: String,
    w: String,
    when_x: String,
    when_anchor: &'static str,
    when_class: &'static str,
    when: String,
    verdict: &'static str,
    sources: String,
}

struct PublishedRow {
    cy: u32,
    text_y: u32,
    marks: Vec<PublishedMark>,
}

struct PublishedMark {
    x: String,
    text_y: u32,
    label: String,
    title: String,
}

struct DocumentRow {
    id: String,
    source: String,
    title: String,
    published: String,
    sentences: String,
    claims: usize,
    unique: String,
    boilerplate: String,
    duplicate: String,
    warnings: Vec<String>,
}

struct ErrorRow {
    path: String,
    message: String,
}

/// The self-contained HTML page.
pub(crate) fn html(v: &View<'_>) -> Result<String> {
    let page = Page {
        title: v.opts.title().to_string(),
        stats: stats(v),
        sources: v
            .doc_ids
            .iter()
            .map(|d| Column {
                id: d.to_string(),
                label: v.label(d),
            })
            .collect(),
        conflicts: v.conflicts().into_iter().map(|f| finding(v, f)).collect(),
        events: events(v),
        heatmap: heatmap(v),
        timeline: timeline(v),
        documents: documents(v),
        errors: v
            .report
            .errors
            .iter()
            .map(|e| ErrorRow {
                path: e.path.clone(),
                message: e.message.clone(),
            })
            .collect(),
    };
    let mut out = page.render()?;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

fn stats(v: &View<'_>) -> Vec<Stat> {
    let r = v.report;
    vec![
        Stat {
            value: v.doc_ids.len(),
            label: "documents",
            class: "plain",
        },
        Stat {
            value: v.events().len(),
            label: "events",
            class: "plain",
        },
        Stat {
            value: r.claims.len(),
            label: "claims",
            class: "plain",
        },
        Stat {
            value: v.count(Verdict::Conflict),
            label: "conflicts",
            class: "conflict",
        },
        Stat {
            value: v.count(Verdict::Compatible),
            label: "compatible",
            class: "compatible",
        },
        Stat {
            value: v.count(Verdict::Agreement),
            label: "agreements",
            class: "agreement",
        },
    ]
}

fn claim(v: &View<'_>, c: &Claim, verdict: Option<Verdict>) -> ClaimView {
    ClaimView {
        id: c.id.clone(),
        document: c.document.clone(),
        source: v.label(&c.document),
        verdict: verdict_name(verdict),
        mark: mark(verdict),
        value: value_words(c),
        normalized: c.value.normalized_string(),
        who: attribution(c),
        context: v.in_context(c),
    }
}

fn finding(v: &View<'_>, f: &Finding) -> FindingView {
    FindingView {
        id: f.id.clone(),
        verdict: f.verdict.as_str(),
        mark: mark(Some(f.verdict)),
        basis: match f.basis {
            claimdiff_core::Basis::Sources => "between sources",
            claimdiff_core::Basis::Speakers => "between speakers",
        },
        attribute: f.attribute.clone(),
        event: v.event_title(&f.event),
        score: format!("{:.2}", f.score),
        explanation: f.explanation.clone(),
        update: f.update,
        scope_note: f.scope_note.clone().filter(|n| !n.trim().is_empty()),
        dependent: f
            .dependent
            .iter()
            .map(|d| v.label(d))
            .collect::<Vec<_>>()
            .join(", "),
        sources: v.finding_documents(f).join(" "),
        claims: v
            .finding_claims(f)
            .into_iter()
            .map(|c| claim(v, c, Some(f.verdict)))
            .collect(),
    }
}

/// An HTML id from untrusted text: letters, digits, `-` and `_` only.
fn anchor(prefix: &str, i: usize, id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{prefix}-{i}-{clean}")
}

fn events(v: &View<'_>) -> Vec<EventView> {
    let r = v.report;
    v.events()
        .into_iter()
        .enumerate()
        .map(|(i, ev)| {
            let mut facts = Vec::new();
            if let Some(e) = ev.event {
                if !e.kind.is_empty() {
                    facts.push(e.kind.clone());
                }
                if let Some(t) = &e.time {
                    facts.push(format!("{} ({})", t.text(), t.normalized()));
                }
                if let Some(p) = &e.place {
                    facts.push(r.entity(p).map_or(p.clone(), |x| x.name.clone()));
                }
            }
            EventView {
                anchor: anchor("event", i + 1, ev.id),
                title: v.event_title(ev.id),
                facts,
                columns: ev
                    .documents
                    .iter()
                    .map(|d| Column {
                        id: d.to_string(),
                        label: v.label(d),
                    })
                    .collect(),
                rows: ev
                    .rows
                    .iter()
                    .map(|(attribute, by_doc)| AttributeRow {
                        attribute: attribute.to_string(),
                        cells: ev
                            .documents
                            .iter()
                            .map(|d| {
                                by_doc
                                    .get(d)
                                    .map(|cs| {
                                        cs.iter().map(|c| claim(v, c, v.verdict(&c.id))).collect()
                                    })
                                    .unwrap_or_default()
                            })
                            .collect(),
                    })
                    .collect(),
                findings: ev.findings.iter().map(|f| finding(v, f)).collect(),
            }
        })
        .collect()
}

fn heatmap(v: &View<'_>) -> Heatmap {
    let docs = v.matrix_documents();
    let columns = docs
        .iter()
        .map(|d| Column {
            id: d.to_string(),
            label: v.label(d),
        })
        .collect();
    let rows = docs
        .iter()
        .map(|a| HeatRow {
            label: v.label(a),
            cells: docs
                .iter()
                .map(|b| {
                    if a == b {
                        return HeatCell {
                            class: "self",
                            style: String::new(),
                            main: "—".into(),
                            detail: String::new(),
                            title: v.label(a),
                        };
                    }
                    let Some(p) = v.pair(a, b) else {
                        return HeatCell {
                            class: "empty",
                            style: String::new(),
                            main: "·".into(),
                            detail: "nothing in common".into(),
                            title: format!("{} / {}: no shared findings", v.label(a), v.label(b)),
                        };
                    };
                    let counts = format!("✓{} ≈{} ✗{}", p.agree, p.compatible, p.conflict);
                    let title = format!(
                        "{} / {}: {} agreements, {} compatible, {} conflicts",
                        v.label(a),
                        v.label(b),
                        p.agree,
                        p.compatible,
                        p.conflict
                    );
                    match agreement_ratio(p) {
                        Some(x) => HeatCell {
                            class: "rated",
                            // Red (0) through amber to green (1).
                            style: format!("background-color: hsl({:.0}, 68%, 80%)", 120.0 * x),
                            main: format!("{:.0}%", 100.0 * x),
                            detail: counts,
                            title,
                        },
                        None => HeatCell {
                            class: "unrated",
                            style: String::new(),
                            main: "n/a".into(),
                            detail: counts,
                            title,
                        },
                    }
                })
                .collect(),
        })
        .collect();
    Heatmap { columns, rows }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn month_name(d: Date) -> &'static str {
    usize::try_from(d.month() - 1)
        .ok()
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("")
}

fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map_or(0, |s| i64::from(s.get_days()))
}

fn add_days(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().days(n)).unwrap_or(d)
}

fn timeline(v: &View<'_>) -> Option<Timeline> {
    const WIDTH: u32 = 960;
    const PLOT_X: u32 = 290;
    const PLOT_RIGHT: u32 = 900;
    const TOP: u32 = 30;
    const ROW: u32 = 28;

    let r = v.report;
    let dated: Vec<(&claimdiff_core::Event, Date, Date)> = r
        .events
        .iter()
        .filter_map(|e| {
            let (s, t) = e.time.as_ref()?.bounds()?;
            Some((e, s, t))
        })
        .collect();
    if dated.is_empty() {
        return None;
    }
    let mut published: BTreeMap<Date, Vec<String>> = BTreeMap::new();
    for d in &r.documents {
        if let Some(p) = d.published {
            published.entry(p).or_default().push(v.label(&d.id));
        }
    }
    let lo = dated
        .iter()
        .map(|x| x.1)
        .chain(published.keys().copied())
        .min()?;
    let hi = dated
        .iter()
        .map(|x| x.2)
        .chain(published.keys().copied())
        .max()?;
    let span = days_between(lo, hi) + 1;
    let pad = (span / 20).max(1);
    let from = add_days(lo, -pad);
    let to = add_days(hi, pad + 1);
    let total = days_between(from, to).max(1) as f64;
    let plot_w = f64::from(PLOT_RIGHT - PLOT_X);
    let x = |d: Date| f64::from(PLOT_X) + days_between(from, d) as f64 / total * plot_w;

    let mut verdicts: BTreeMap<&str, Verdict> = BTreeMap::new();
    for f in &r.findings {
        let e = verdicts.entry(f.event.as_str()).or_insert(f.verdict);
        *e = (*e).min(f.verdict);
    }
    let rows: Vec<TimelineRow> = dated
        .iter()
        .enumerate()
        .map(|(i, (e, s, t))| {
            let y = TOP + 8 + ROW * u32::try_from(i).unwrap_or(0);
            let x0 = x(*s);
            let x1 = x(add_days(*t, 1)).max(x0 + 6.0);
            let title = v.event_title(&e.id);
            let label = if title.chars().count() > 40 {
                let mut l: String = title.chars().take(39).collect();
                l.push('…');
                l
            } else {
                title.clone()
            };
            // The dates go inside a long bar, else after it, else before it.
            let (when_x, when_anchor, when_class) = if x1 - x0 >= 140.0 {
                (x0 + 8.0, "start", "tl-when inside")
            } else if x1 + 150.0 <= f64::from(WIDTH) {
                (x1 + 6.0, "start", "tl-when")
            } else {
                (x0 - 6.0, "end", "tl-when")
            };
            let when = if s == t {
                s.to_string()
            } else {
                format!("{s} – {t}")
            };
            TimelineRow {
                y,
                text_y: y + 14,
                label,
                title: format!("{title}: {when}"),
                x: format!("{x0:.1}"),
                w: format!("{:.1}", x1 - x0),
                when_x: format!("{when_x:.1}"),
                when_anchor,
                when_class,
                when,
                verdict: verdict_name(verdicts.get(e.id.as_str()).copied()),
                sources: e.documents.join(" "),
            }
        })
        .collect();
    let rows_bottom = TOP + 8 + ROW * u32::try_from(rows.len()).unwrap_or(0);
    let published = (!published.is_empty()).then(|| PublishedRow {
        cy: rows_bottom + 12,
        text_y: rows_bottom + 16,
        marks: published
            .iter()
            .enumerate()
            .map(|(i, (d, who))| PublishedMark {
                x: format!("{:.1}", x(*d) + 0.5 * plot_w / total),
                // Alternate label lines so that neighbouring dates stay readable.
                text_y: rows_bottom + if i % 2 == 0 { 32 } else { 46 },
                label: who.join(", "),
                title: format!("published {d}: {}", who.join(", ")),
            })
            .collect(),
    });
    let axis_bottom = rows_bottom + if published.is_some() { 52 } else { 4 };
    let ticks = ticks(from, to)
        .into_iter()
        .map(|(d, label)| Tick {
            x: format!("{:.1}", x(d)),
            label,
        })
        .collect();
    Some(Timeline {
        width: WIDTH,
        height: axis_bottom + 8,
        label_x: PLOT_X - 14,
        plot_x: PLOT_X,
        plot_right: PLOT_RIGHT,
        axis_bottom,
        ticks,
        rows,
        published,
    })
}

/// Axis ticks between two dates: days, weeks (Mondays), months or years, at most about ten.
fn ticks(from: Date, to: Date) -> Vec<(Date, String)> {
    let total = days_between(from, to);
    let mut out = Vec::new();
    if total <= 14 {
        let mut d = from;
        while d < to {
            out.push((d, format!("{} {}", month_name(d), d.day())));
            d = add_days(d, 1);
        }
    } else if total <= 90 {
        let offset = i64::from(d_weekday_offset(from));
        let mut d = add_days(from, offset);
        while d < to {
            out.push((d, format!("{} {}", month_name(d), d.day())));
            d = add_days(d, 7);
        }
    } else if total <= 1500 {
        let mut d = from.first_of_month();
        if d < from {
            d = d.checked_add(jiff::Span::new().months(1)).unwrap_or(to);
        }
        while d < to {
            out.push((d, format!("{} {}", month_name(d), d.year())));
            match d.checked_add(jiff::Span::new().months(1)) {
                Ok(n) => d = n,
                Err(_) => break,
            }
        }
    } else {
        let mut d = from.first_of_year();
        if d < from {
            d = d.checked_add(jiff::Span::new().years(1)).unwrap_or(to);
        }
        while d < to {
            out.push((d, d.year().to_string()));
            match d.checked_add(jiff::Span::new().years(1)) {
                Ok(n) => d = n,
                Err(_) => break,
            }
        }
    }
    let step = out.len().div_ceil(10).max(1);
    out.into_iter().step_by(step).collect()
}

/// Days from `d` to the next Monday (0 when it is one).
fn d_weekday_offset(d: Date) -> i8 {
    (7 - d.weekday().to_monday_zero_offset()) % 7
}

fn documents(v: &View<'_>) -> Vec<DocumentRow> {
    v.doc_ids
        .iter()
        .map(|id| {
            let claims = v.claims_of(id);
            match v.document(id) {
                Some(d) => DocumentRow {
                    id: d.id.clone(),
                    source: d.source.clone().unwrap_or_default(),
                    title: d.title.clone().unwrap_or_default(),
                    published: match (&d.published, &d.published_from) {
                        (Some(p), Some(from)) if from != "metadata" => format!("{p} ({from})"),
                        (Some(p), _) => p.to_string(),
                        (None, _) => String::new(),
                    },
                    sentences: d.sentences.to_string(),
                    claims,
                    unique: d.unique_claims.to_string(),
                    boilerplate: d.dropped.boilerplate.to_string(),
                    duplicate: d.dropped.duplicate.to_string(),
                    warnings: d.warnings.clone(),
                },
                None => DocumentRow {
                    id: id.to_string(),
                    source: String::new(),
                    title: String::new(),
                    published: String::new(),
                    sentences: String::new(),
                    claims,
                    unique: String::new(),
                    boilerplate: String::new(),
                    duplicate: String::new(),
                    warnings: Vec::new(),
                },
            }
        })
        .collect()
}
