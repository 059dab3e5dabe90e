use std::fmt::Write as _;

use claimdiff_core::{Claim, Finding, Verdict};

use crate::model::{agreement_ratio, attribution, collapse, mark, value_words, View};

/// Escapes text for Markdown: table pipes, emphasis, code, links, raw HTML and entities, headings
/// and list markers; line breaks become spaces.
pub(crate) fn escape(s: &str) -> String {
    let s = collapse(s);
    let mut out = String::with_capacity(s.len() + 8);
    for (i, ch) in s.chars().enumerate() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '#' | '{' | '}' => {
                out.push('\\');
                out.push(ch);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

/// The Markdown report.
pub(crate) fn markdown(v: &View<'_>) -> String {
    let r = v.report;
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", escape(v.opts.title()));
    let _ = writeln!(
        o,
        "{} · {} · {} · {}: {}, {} compatible, {}\n",
        plural(v.doc_ids.len(), "document", "documents"),
        plural(v.events().len(), "event", "events"),
        plural(r.claims.len(), "claim", "claims"),
        plural(r.findings.len(), "finding", "findings"),
        plural(v.count(Verdict::Conflict), "conflict", "conflicts"),
        v.count(Verdict::Compatible),
        plural(v.count(Verdict::Agreement), "agreement", "agreements"),
    );
    let _ = writeln!(
        o,
        "Marks: ✗ conflict · ≈ compatible · ✓ agreement · – no other source speaks to it\n"
    );

    o.push_str("## Conflicts\n\n");
    let conflicts = v.conflicts();
    if conflicts.is_empty() {
        o.push_str("No conflicts found.\n\n");
    }
    for f in conflicts {
        finding_detail(v, f, &mut o);
    }

    o.push_str("## Events\n\n");
    let events = v.events();
    if events.is_empty() {
        o.push_str("No events found.\n\n");
    }
    for ev in &events {
        let _ = writeln!(o, "### {}\n", escape(&v.event_title(ev.id)));
        let mut facts = Vec::new();
        if let Some(e) = ev.event {
            if !e.kind.is_empty() {
                facts.push(format!("kind: {}", escape(&e.kind)));
            }
            if let Some(t) = &e.time {
                facts.push(format!(
                    "time: {} ({})",
                    escape(t.text()),
                    escape(&t.normalized())
                ));
            }
            if let Some(p) = &e.place {
                let name = r.entity(p).map_or(p.as_str(), |x| x.name.as_str());
                facts.push(format!("place: {}", escape(name)));
            }
        }
        if !facts.is_empty() {
            let _ = writeln!(o, "{}\n", facts.join(" · "));
        }
        if !ev.rows.is_empty() {
            o.push_str("| Attribute |");
            for d in &ev.documents {
                let _ = write!(o, " {} |", escape(&v.label(d)));
            }
            o.push_str("\n|---|");
            for _ in &ev.documents {
                o.push_str("---|");
            }
            o.push('\n');
            for (attribute, by_doc) in &ev.rows {
                let _ = write!(o, "| {} |", escape(attribute));
                for d in &ev.documents {
                    let cell: Vec<String> = by_doc
                        .get(d)
                        .map(|cs| cs.iter().map(|c| cell_item(v, c)).collect())
                        .unwrap_or_default();
                    if cell.is_empty() {
                        o.push_str(" |");
                    } else {
                        let _ = write!(o, " {} |", cell.join("; "));
                    }
                }
                o.push('\n');
            }
            o.push('\n');
        }
        for f in &ev.findings {
            let _ = writeln!(
                o,
                "- {} {} {} on {} ({}, score {:.2}){}: {}",
                mark(Some(f.verdict)),
                escape(&f.id),
                f.verdict.as_str(),
                escape(&f.attribute),
                basis(f),
                f.score,
                if f.update { ", an update" } else { "" },
                escape(&f.explanation),
            );
        }
        if !ev.findings.is_empty() {
            o.push('\n');
        }
    }

    sources(v, &mut o);
    documents(v, &mut o);

    o.push_str("## Errors\n\n");
    if r.errors.is_empty() {
        o.push_str("None.\n");
    }
    for e in &r.errors {
        let _ = writeln!(o, "- {}: {}", escape(&e.path), escape(&e.message));
    }
    o
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn basis(f: &Finding) -> &'static str {
    match f.basis {
        claimdiff_core::Basis::Sources => "between sources",
        claimdiff_core::Basis::Speakers => "between speakers",
    }
}

/// `✗ heart failure — Russian investigators, reported`
fn cell_item(v: &View<'_>, c: &Claim) -> String {
    let mut s = format!("{} {}", mark(v.verdict(&c.id)), escape(&value_words(c)));
    let who = attribution(c);
    if !who.is_empty() {
        let _ = write!(s, " — {}", escape(&who));
    }
    s
}

fn finding_detail(v: &View<'_>, f: &Finding, o: &mut String) {
    let _ = writeln!(
        o,
        "### {} {}: {} ({})\n",
        mark(Some(f.verdict)),
        escape(&f.id),
        escape(&f.attribute),
        escape(&v.event_title(&f.event)),
    );
    let _ = writeln!(
        o,
        "Score {:.2}, {}{}.\n",
        f.score,
        basis(f),
        if f.update {
            "; an update between reports of different dates rather than a contradiction"
        } else {
            ""
        }
    );
    if !f.explanation.trim().is_empty() {
        let _ = writeln!(o, "{}\n", escape(&f.explanation));
    }
    if let Some(note) = f.scope_note.as_deref().filter(|n| !n.trim().is_empty()) {
        let _ = writeln!(o, "Scope: {}\n", escape(note));
    }
    if !f.dependent.is_empty() {
        let deps: Vec<String> = f.dependent.iter().map(|d| escape(&v.label(d))).collect();
        let _ = writeln!(o, "Counted once (near-duplicates): {}\n", deps.join(", "));
    }
    for c in v.finding_claims(f) {
        let mut head = format!(
            "- **{}** ({}): {}",
            escape(&v.label(&c.document)),
            escape(&c.id),
            escape(&value_words(c))
        );
        let who = attribution(c);
        if !who.is_empty() {
            let _ = write!(head, " — {}", escape(&who));
        }
        let _ = writeln!(o, "{head}");
        if let Some(ctx) = v.in_context(c) {
            let quote = if ctx.value.is_empty() {
                escape(&ctx.before)
            } else {
                format!(
                    "{}**{}**{}",
                    escape(&ctx.before),
                    escape(&ctx.value),
                    escape(&ctx.after)
                )
            };
            let _ = writeln!(o, "\n  > {quote}\n");
        }
    }
    o.push('\n');
}

fn sources(v: &View<'_>, o: &mut String) {
    o.push_str("## Sources\n\n");
    let docs = v.matrix_documents();
    if docs.len() < 2 {
        o.push_str("Fewer than two sources: nothing to compare.\n\n");
        return;
    }
    o.push_str(
        "Each cell: agreements ✓, compatible ≈ and conflicts ✗ between two sources, and the share \
         of agreements among agreements and conflicts.\n\n",
    );
    o.push_str("| |");
    for d in &docs {
        let _ = write!(o, " {} |", escape(&v.label(d)));
    }
    o.push_str("\n|---|");
    for _ in &docs {
        o.push_str("---|");
    }
    o.push('\n');
    for a in &docs {
        let _ = write!(o, "| **{}** |", escape(&v.label(a)));
        for b in &docs {
            if a == b {
                o.push_str(" — |");
                continue;
            }
            match v.pair(a, b) {
                Some(p) => {
                    let share = agreement_ratio(p)
                        .map_or("n/a".to_string(), |x| format!("{:.0}%", x * 100.0));
                    let _ = write!(
                        o,
                        " ✓{} ≈{} ✗{} ({share}) |",
                        p.agree, p.compatible, p.conflict
                    );
                }
                None => o.push_str(" |"),
            }
        }
        o.push('\n');
    }
    o.push('\n');
}

fn documents(v: &View<'_>, o: &mut String) {
    o.push_str("## Documents\n\n");
    if v.doc_ids.is_empty() {
        o.push_str("None.\n\n");
        return;
    }
    o.push_str(
        "| Id | Source | Title | Published | Sentences | Claims | Unique | Dropped boilerplate | Dropped duplicates | Warnings |\n\
         |---|---|---|---|---:|---:|---:|---:|---:|---|\n",
    );
    for id in &v.doc_ids {
        let claims = v.claims_of(id);
        match v.document(id) {
            Some(d) => {
                let published = match (&d.published, &d.published_from) {
                    (Some(p), Some(from)) if from != "metadata" => {
                        format!("{p} ({})", escape(from))
                    }
                    (Some(p), _) => p.to_string(),
                    (None, _) => String::new(),
                };
                let warnings: Vec<String> = d.warnings.iter().map(|w| escape(w)).collect();
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    escape(id),
                    escape(d.source.as_deref().unwrap_or("")),
                    escape(d.title.as_deref().unwrap_or("")),
                    published,
                    d.sentences,
                    claims,
                    d.unique_claims,
                    d.dropped.boilerplate,
                    d.dropped.duplicate,
                    warnings.join("; "),
                );
            }
            None => {
                let _ = writeln!(o, "| {} | | | | | {claims} | | | | |", escape(id));
            }
        }
    }
    o.push('\n');
}
