//! Findings: per event and attribute, the values grouped, related and judged, with a score and an
//! explanation a reader can check.
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use claimdiff_core::{fmt_num, Basis, Claim, Finding, QuantityKind, Value, Verdict};
use claimdiff_extract::Taxonomy;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::relate::{is_negative, Relation, Relator};
use crate::sets;

/// Claims with one value (and one polarity).
#[derive(Debug)]
struct Group<'a> {
    claims: Vec<&'a Claim>,
}

impl Group<'_> {
    fn docs(&self) -> BTreeSet<&str> {
        self.claims.iter().map(|c| c.document.as_str()).collect()
    }
    fn first(&self) -> Option<&Claim> {
        self.claims.first().copied()
    }
}

/// The party a claim speaks for: its speaker's entity, else its speaker's words, else the outlet
/// (`outlet:` and the document). Compared and ordered as that text (bytewise, as strings are),
/// without building it when it is already in the claim.
#[derive(Debug)]
pub(crate) enum Party<'a> {
    /// The speaker's entity or normalized words.
    Text(Cow<'a, str>),
    /// The outlet of the document: `outlet:{document}`.
    Outlet(&'a str),
}

/// The text before the document in an outlet's [`Party`].
const OUTLET: &str = "outlet:";

impl Party<'_> {
    /// The bytes of the party's text.
    fn bytes(&self) -> impl Iterator<Item = u8> + '_ {
        let (prefix, rest) = match self {
            Party::Text(t) => ("", t.as_ref()),
            Party::Outlet(d) => (OUTLET, *d),
        };
        prefix.bytes().chain(rest.bytes())
    }
}

impl Ord for Party<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Party::Text(a), Party::Text(b)) => a.cmp(b),
            (Party::Outlet(a), Party::Outlet(b)) => a.cmp(b),
            _ => self.bytes().cmp(other.bytes()),
        }
    }
}

impl PartialOrd for Party<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Party<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Party<'_> {}

/// The party a claim speaks for (see [`Party`]).
pub(crate) fn party(c: &Claim) -> Party<'_> {
    match (&c.speaker_entity, &c.speaker) {
        (Some(e), _) => Party::Text(Cow::Borrowed(e)),
        (None, Some(s)) => Party::Text(Cow::Owned(claimdiff_core::normalize_text(s))),
        (None, None) => Party::Outlet(&c.document),
    }
}

/// The normalized words of the speakers of one judgement's claims that have no entity, each
/// normalized once: a claim's [`Party`] is asked for up to four times per judgement.
pub(crate) struct Speakers<'a>(FxHashMap<&'a str, String>);

impl<'a> Speakers<'a> {
    /// The speakers of `claims`.
    fn of(claims: &[&'a Claim]) -> Speakers<'a> {
        let mut words: FxHashMap<&'a str, String> = FxHashMap::default();
        for c in claims {
            if let (None, Some(s)) = (&c.speaker_entity, &c.speaker) {
                words
                    .entry(s.as_str())
                    .or_insert_with(|| claimdiff_core::normalize_text(s));
            }
        }
        Speakers(words)
    }

    /// The party `c` speaks for: [`party`], its speaker's words taken from the cache.
    fn party<'s>(&'s self, c: &'s Claim) -> Party<'s> {
        match (&c.speaker_entity, &c.speaker) {
            (None, Some(s)) => match self.0.get(s.as_str()) {
                Some(words) => Party::Text(Cow::Borrowed(words)),
                None => party(c),
            },
            _ => party(c),
        }
    }
}

/// What findings are computed from.
pub(crate) struct Context<'a> {
    pub relator: Relator<'a>,
    /// Independence group of each document (near-duplicates share one).
    pub independent: &'a DocMap<'a>,
    /// Short display names of documents.
    pub names: &'a DocMap<'a>,
}

/// Document ids to document ids or names: looked up for every claim of every finding, so hashed.
pub(crate) type DocMap<'a> = FxHashMap<&'a str, &'a str>;

impl Context<'_> {
    /// The display name of a document.
    fn name<'s>(&'s self, document: &'s str) -> &'s str {
        self.names.get(document).copied().unwrap_or(document)
    }
}

/// A finding before it has its id.
pub(crate) struct Draft {
    pub finding: Finding,
    /// For a conflict, the side each document is on (see [`DocSide::opposed`]); empty otherwise.
    pub sides: BTreeMap<String, DocSide>,
}

/// The sides of a conflict a document's claims are on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DocSide {
    /// One side (its index).
    One(usize),
    /// More than one side.
    Several,
}

impl DocSide {
    /// True when two documents (two, not one) are on opposite sides: one is on a side the other
    /// is not on. Kept per document, not per pair: a conflict among 1,000 documents would have
    /// half a million pairs.
    pub(crate) fn opposed(a: Option<DocSide>, b: Option<DocSide>) -> bool {
        match (a, b) {
            (Some(DocSide::One(x)), Some(DocSide::One(y))) => x != y,
            (Some(_), Some(_)) => true,
            _ => false,
        }
    }
}

/// The side of each document among the sides of a conflict.
fn doc_sides(groups: &[Group<'_>], sides: &[Vec<usize>]) -> BTreeMap<String, DocSide> {
    let mut out: BTreeMap<String, DocSide> = BTreeMap::new();
    for (x, side) in sides.iter().enumerate() {
        for &g in side {
            for c in &groups[g].claims {
                out.entry(c.document.clone())
                    .and_modify(|s| {
                        if *s != DocSide::One(x) {
                            *s = DocSide::Several;
                        }
                    })
                    .or_insert(DocSide::One(x));
            }
        }
    }
    out
}

/// Judges the claims on one attribute of one event.
pub(crate) fn judge(
    ctx: &Context<'_>,
    event: &str,
    attribute: &str,
    claims: &[&Claim],
    scope_note: Option<String>,
) -> Vec<Draft> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut index: FxHashMap<(String, bool), usize> = FxHashMap::default();
    for c in claims {
        if let Value::Time(claimdiff_core::TimeValue::Unresolved { .. }) = c.value {
            continue;
        }
        let unit = match &c.value {
            // Counts of people agree whatever noun counts them ("two men", "two citizens").
            Value::Quantity(q) => q
                .unit
                .as_deref()
                .filter(|u| !crate::relate::is_people(u))
                .unwrap_or_default(),
            _ => "",
        };
        let mut value = c.value.normalized_string();
        value.push('|');
        value.push_str(unit);
        let key = (value, is_negative(c));
        let i = *index.entry(key).or_insert_with(|| {
            groups.push(Group { claims: Vec::new() });
            groups.len() - 1
        });
        groups[i].claims.push(c);
    }
    let speakers = Speakers::of(claims);
    let parties: BTreeSet<Party<'_>> = groups
        .iter()
        .flat_map(|g| g.claims.iter().map(|c| speakers.party(c)))
        .collect();
    let docs: BTreeSet<&str> = groups.iter().flat_map(Group::docs).collect();
    if docs.len() < 2 && parties.len() < 2 {
        return Vec::new();
    }

    // Relations between groups.
    let n = groups.len();
    let mut rel = vec![vec![Relation::Same; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let (Some(a), Some(b)) = (groups[i].first(), groups[j].first()) else {
                continue;
            };
            let r = ctx.relator.relate(a, b);
            rel[i][j] = r;
            rel[j][i] = r;
        }
    }
    // Parts of one total in one sentence add up ("62 passengers and five crew").
    let sums = part_sums(&groups);

    let mut out = Vec::new();
    let conflict_pairs: Vec<(usize, usize, f64)> = (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .filter_map(|(i, j)| match rel[i][j] {
            Relation::Conflict(d) if !sums_explain(&sums, &groups, i, j) => Some((i, j, d)),
            _ => None,
        })
        .collect();

    if !conflict_pairs.is_empty() {
        // Sides: groups joined by same-or-compatible relations.
        let mut side: Vec<usize> = (0..n).collect();
        for i in 0..n {
            for j in i + 1..n {
                if matches!(rel[i][j], Relation::Same | Relation::Compatible(_))
                    || sums_explain(&sums, &groups, i, j)
                {
                    sets::join(&mut side, i, j);
                }
            }
        }
        let involved: BTreeSet<usize> = conflict_pairs
            .iter()
            .flat_map(|&(i, j, _)| [i, j])
            .collect();
        let mut sides: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..n {
            let root = sets::root(&mut side, i);
            let touches = (0..n).any(|k| sets::root(&mut side, k) == root && involved.contains(&k));
            if touches {
                sides.entry(root).or_default().push(i);
            }
        }
        let sides: Vec<Vec<usize>> = sides.into_values().collect();
        let all: Vec<&Claim> = sides
            .iter()
            .flatten()
            .flat_map(|&g| groups[g].claims.iter().copied())
            .collect();
        let distance = conflict_pairs.iter().map(|p| p.2).fold(0.0_f64, f64::max);
        let basis = if sides.iter().all(|s| {
            s.iter()
                .any(|&g| groups[g].claims.iter().any(|c| c.speaker.is_some()))
        }) {
            Basis::Speakers
        } else {
            Basis::Sources
        };
        let update = is_update(ctx, &groups, &sides);
        let mut explanation = describe_sides(ctx, &speakers, attribute, &groups, &sides);
        if let Some(u) = &update {
            explanation = format!("{attribute}: {u} (an update between reports of different dates, not a contradiction)");
        }
        if let Some(note) = &scope_note {
            explanation = format!("{explanation}; {note}");
        }
        let score = (0.5 + 0.5 * distance) * weight(&all) * support(ctx, &speakers, &all);
        out.push(Draft {
            finding: Finding {
                id: String::new(),
                verdict: Verdict::Conflict,
                basis,
                event: event.to_string(),
                attribute: attribute.to_string(),
                score,
                claims: ids(&all),
                explanation,
                update: update.is_some(),
                scope_note: scope_note.filter(|_| attribute == "time"),
                dependent: dependent(ctx, &all),
            },
            sides: doc_sides(&groups, &sides),
        });
    }

    // Agreements: one value from two documents or two parties.
    for g in &groups {
        let gdocs = g.docs();
        let gparties: BTreeSet<Party<'_>> = g.claims.iter().map(|c| speakers.party(c)).collect();
        if gdocs.len() < 2 && gparties.len() < 2 {
            continue;
        }
        let basis = basis_for(&speakers, &g.claims);
        let mut explanation = format!("{attribute}: ");
        push_group(&mut explanation, ctx, &speakers, g);
        explanation.push_str(if gdocs.len() > 1 {
            " say the same"
        } else {
            " agree"
        });
        out.push(Draft {
            finding: Finding {
                id: String::new(),
                verdict: Verdict::Agreement,
                basis,
                event: event.to_string(),
                attribute: attribute.to_string(),
                score: weight(&g.claims) * support(ctx, &speakers, &g.claims),
                claims: ids(&g.claims),
                explanation,
                update: false,
                scope_note: None,
                dependent: dependent(ctx, &g.claims),
            },
            sides: BTreeMap::new(),
        });
    }

    // Compatible: different values that can all hold, when no conflict was found.
    if conflict_pairs.is_empty() && n > 1 {
        let pairs: Vec<(usize, usize, &'static str)> = (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .filter_map(|(i, j)| match rel[i][j] {
                Relation::Compatible(why) => Some((i, j, why)),
                _ if sums_explain(&sums, &groups, i, j) => {
                    Some((i, j, "the parts add up to the total"))
                }
                _ => None,
            })
            .collect();
        if !pairs.is_empty() {
            let members: BTreeSet<usize> = pairs.iter().flat_map(|&(i, j, _)| [i, j]).collect();
            let all: Vec<&Claim> = members
                .iter()
                .flat_map(|&g| groups[g].claims.iter().copied())
                .collect();
            let docs: BTreeSet<&str> = all.iter().map(|c| c.document.as_str()).collect();
            let parties: BTreeSet<Party<'_>> = all.iter().map(|c| speakers.party(c)).collect();
            if docs.len() > 1 || parties.len() > 1 {
                let reasons: BTreeSet<&str> = pairs.iter().map(|p| p.2).collect();
                let explanation = format!(
                    "{}: {} differ but are consistent ({})",
                    attribute,
                    members
                        .iter()
                        .map(|&g| describe_group(ctx, &speakers, &groups[g]))
                        .collect::<Vec<_>>()
                        .join(" and "),
                    reasons.into_iter().collect::<Vec<_>>().join("; ")
                );
                out.push(Draft {
                    finding: Finding {
                        id: String::new(),
                        verdict: Verdict::Compatible,
                        basis: basis_for(&speakers, &all),
                        event: event.to_string(),
                        attribute: attribute.to_string(),
                        score: 0.8 * weight(&all) * support(ctx, &speakers, &all),
                        claims: ids(&all),
                        explanation,
                        update: false,
                        scope_note: None,
                        dependent: dependent(ctx, &all),
                    },
                    sides: BTreeMap::new(),
                });
            }
        }
    }
    out
}

fn ids(claims: &[&Claim]) -> Vec<String> {
    let mut v: Vec<&Claim> = claims.to_vec();
    v.sort_by(|a, b| (a.document.as_str(), a.span).cmp(&(b.document.as_str(), b.span)));
    v.iter().map(|c| c.id.clone()).collect()
}

fn basis_for(speakers: &Speakers<'_>, claims: &[&Claim]) -> Basis {
    let parties: BTreeSet<Party<'_>> = claims.iter().map(|c| speakers.party(c)).collect();
    if claims.iter().all(|c| c.speaker.is_some()) && parties.len() > 1 {
        Basis::Speakers
    } else {
        Basis::Sources
    }
}

/// Mean over documents of the firmest modality each uses: alleged and hedged weigh less.
fn weight(claims: &[&Claim]) -> f64 {
    let mut best: BTreeMap<&str, f64> = BTreeMap::new();
    for c in claims {
        let w = c.modality.weight();
        let e = best.entry(c.document.as_str()).or_insert(0.0);
        *e = e.max(w);
    }
    if best.is_empty() {
        return 0.0;
    }
    best.values().sum::<f64>() / best.len() as f64
}

/// Corroboration from independent sources: 1 − 2^−n over independence groups.
fn support(ctx: &Context<'_>, speakers: &Speakers<'_>, claims: &[&Claim]) -> f64 {
    let groups: BTreeSet<&str> = claims
        .iter()
        .map(|c| {
            ctx.independent
                .get(c.document.as_str())
                .copied()
                .unwrap_or(c.document.as_str())
        })
        .collect();
    let parties: BTreeSet<Party<'_>> = claims.iter().map(|c| speakers.party(c)).collect();
    let n = groups.len().max(parties.len().min(2)) as i32;
    1.0 - 0.5_f64.powi(n)
}

/// Documents among the claims that repeat another one's text (counted once).
fn dependent(ctx: &Context<'_>, claims: &[&Claim]) -> Vec<String> {
    let docs: BTreeSet<&str> = claims.iter().map(|c| c.document.as_str()).collect();
    docs.iter()
        .filter(|d| {
            ctx.independent
                .get(**d)
                .is_some_and(|g| g != *d && docs.contains(g))
        })
        .map(|d| (*d).to_string())
        .collect()
}

/// A reader's rendering of a value.
fn value_label(c: &Claim) -> String {
    let mut out = String::new();
    push_value_label(&mut out, c);
    out
}

/// Writes [`value_label`] at the end of `out`.
fn push_value_label(out: &mut String, c: &Claim) {
    if is_negative(c) {
        out.push_str("not ");
    }
    match &c.value {
        Value::Category { path, .. } => out.push_str(&Taxonomy::label(path)),
        Value::Entity { name, .. } => out.push_str(name),
        Value::Quantity(q) => match (q.kind, q.min, q.max) {
            (QuantityKind::Exact, Some(x), _) => {
                out.push_str(&fmt_num(x));
                if let Some(u) = q.unit.as_deref() {
                    let many =
                        !matches!((q.min, q.max), (Some(a), Some(b)) if a == 1.0 && b == 1.0);
                    out.push(' ');
                    if many {
                        out.push_str(&plural(u));
                    } else {
                        out.push_str(u);
                    }
                }
            }
            _ => out.push_str(q.text.trim()),
        },
        Value::Time(t) => match t.bounds() {
            Some((a, b)) if a == b => {
                // Writing into a String cannot fail.
                let _ = write!(out, "{a}");
            }
            _ => out.push_str(t.text().trim()),
        },
        Value::Text { text } => out.push_str(text),
    }
}

/// The plural of a counted noun ("brother": "brothers"); units that do not take one
/// ("people", "crew", "magnitude", "USD", "%") stay as they are.
fn plural(unit: &str) -> String {
    const SAME: &[&str] = &[
        "people",
        "crew",
        "staff",
        "personnel",
        "police",
        "magnitude",
        "percent",
        "children",
        "men",
        "women",
        "sheep",
        "aircraft",
        "livestock",
        "cattle",
        "fish",
        "series",
        "media",
    ];
    if SAME.contains(&unit)
        || unit.len() < 3
        || !unit.bytes().all(|b| b.is_ascii_lowercase())
        || unit.ends_with('s')
    {
        return unit.to_string();
    }
    let b = unit.as_bytes();
    let before_y = b.len().checked_sub(2).and_then(|i| b.get(i)).copied();
    if unit.ends_with('y') && before_y.is_some_and(|c| !b"aeiou".contains(&c)) {
        format!("{}ies", &unit[..unit.len() - 1])
    } else if ["sh", "ch", "x", "z"].iter().any(|e| unit.ends_with(e)) {
        format!("{unit}es")
    } else {
        format!("{unit}s")
    }
}

/// "torture (Baku's state prosecutor's office: 000; the relatives: 002)".
fn describe_group(ctx: &Context<'_>, speakers: &Speakers<'_>, g: &Group<'_>) -> String {
    let mut out = String::new();
    push_group(&mut out, ctx, speakers, g);
    out
}

/// Writes [`describe_group`] at the end of `out`, without a string per part.
fn push_group(out: &mut String, ctx: &Context<'_>, speakers: &Speakers<'_>, g: &Group<'_>) {
    let Some(first) = g.first() else {
        return;
    };
    let mut by_party: BTreeMap<Party<'_>, (&str, BTreeSet<&str>)> = BTreeMap::new();
    for c in &g.claims {
        // The outlets speaking in their own voice are listed together.
        let key = if c.speaker.is_some() {
            speakers.party(c)
        } else {
            Party::Text(Cow::Borrowed(""))
        };
        let e = by_party
            .entry(key)
            .or_insert_with(|| (c.speaker.as_deref().unwrap_or_default(), BTreeSet::new()));
        e.1.insert(ctx.name(&c.document));
    }
    push_value_label(out, first);
    out.push_str(" (");
    for (k, (speaker, docs)) in by_party.into_values().enumerate() {
        if k > 0 {
            out.push_str("; ");
        }
        if !speaker.is_empty() {
            out.push_str(speaker);
            out.push_str(": ");
        }
        for (x, d) in docs.into_iter().enumerate() {
            if x > 0 {
                out.push_str(", ");
            }
            out.push_str(d);
        }
    }
    out.push(')');
}

fn describe_sides(
    ctx: &Context<'_>,
    speakers: &Speakers<'_>,
    attribute: &str,
    groups: &[Group<'_>],
    sides: &[Vec<usize>],
) -> String {
    let rendered: Vec<String> = sides
        .iter()
        .map(|side| {
            let items: Vec<String> = side
                .iter()
                .map(|&g| describe_group(ctx, speakers, &groups[g]))
                .collect();
            let branch = side_branch(groups, side);
            let verb = if items.len() > 1 { "are" } else { "is" };
            let list = join_and(&items);
            match branch {
                Some(b) => format!("{list} {verb} {b}"),
                None => list,
            }
        })
        .collect();
    format!("{attribute}: {}", rendered.join(" vs "))
}

/// The common taxonomy branch of a side's categories ("a natural cause").
fn side_branch(groups: &[Group<'_>], side: &[usize]) -> Option<String> {
    let mut branch: Option<(&str, &str)> = None;
    for &g in side {
        let Some(Value::Category { path, .. }) = groups[g].first().map(|c| &c.value) else {
            return None;
        };
        let b = Taxonomy::branch(path);
        let root = path.split('/').next().unwrap_or(path);
        match branch {
            None => branch = Some((b, root)),
            Some((x, _)) if x == b => {}
            Some(_) => return None,
        }
    }
    branch.map(|(b, root)| {
        let b = b.replace('-', " ");
        let article = if b.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {b} {root}")
    })
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Sums of exact parts stated in one sentence of one document, per group of those parts.
fn part_sums(groups: &[Group<'_>]) -> BTreeMap<(String, usize), (f64, BTreeSet<usize>)> {
    let mut sums: BTreeMap<(String, usize), (f64, BTreeSet<usize>)> = BTreeMap::new();
    for (gi, g) in groups.iter().enumerate() {
        for c in &g.claims {
            if let Value::Quantity(q) = &c.value {
                if let Some(v) = q.value() {
                    let e = sums.entry((c.document.clone(), c.sentence)).or_default();
                    if e.1.insert(gi) {
                        e.0 += v;
                    }
                }
            }
        }
    }
    sums.retain(|_, (_, members)| members.len() > 1);
    sums
}

/// True when group `i` or `j` is a part whose sentence's parts add up to the other.
fn sums_explain(
    sums: &BTreeMap<(String, usize), (f64, BTreeSet<usize>)>,
    groups: &[Group<'_>],
    i: usize,
    j: usize,
) -> bool {
    let total = |g: usize| -> Option<f64> {
        match groups.get(g)?.first().map(|c| &c.value) {
            Some(Value::Quantity(q)) => q.value(),
            _ => None,
        }
    };
    sums.values().any(|(sum, members)| {
        (members.contains(&i) && !members.contains(&j) && total(j) == Some(*sum))
            || (members.contains(&j) && !members.contains(&i) && total(i) == Some(*sum))
            || (members.contains(&i) && members.contains(&j))
    })
}

/// A count that rises with the publication date of the reports: "rose from 12 (a, date) to 48".
fn is_update(ctx: &Context<'_>, groups: &[Group<'_>], sides: &[Vec<usize>]) -> Option<String> {
    let mut points: Vec<(jiff::civil::Date, f64, String)> = Vec::new();
    for side in sides {
        for &g in side {
            for c in &groups[g].claims {
                let Value::Quantity(q) = &c.value else {
                    return None;
                };
                let date = c.published?;
                let v = q.min.or(q.max)?;
                let doc = ctx.name(&c.document);
                points.push((date, v, format!("{} ({doc}, {date})", value_label(c))));
            }
        }
    }
    points.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let dates: BTreeSet<_> = points.iter().map(|p| p.0).collect();
    if dates.len() < 2 {
        return None;
    }
    // Never falls from one date to a later one.
    let mut max_so_far = f64::NEG_INFINITY;
    for (_, v, _) in &points {
        if *v < max_so_far {
            return None;
        }
        max_so_far = max_so_far.max(*v);
    }
    let steps: Vec<String> = points.iter().map(|(_, _, l)| l.clone()).collect::<Vec<_>>();
    let mut dedup: Vec<String> = Vec::new();
    for s in steps {
        if !dedup.contains(&s) {
            dedup.push(s);
        }
    }
    Some(format!("the figure rose from {}", dedup.join(" to ")))
}

/// Equal figures on related count attributes of different events that share an entity ("six
/// other Azerbaijanis detained" in one report, "six … charged" in another): compatible, as
/// stages of one process.
pub(crate) fn related_counts(claims: &[Claim], config: &crate::CompareConfig) -> Vec<Draft> {
    let mut out = Vec::new();
    for family in &config.related_counts {
        // Picked out of every claim in parallel, kept in order.
        let members: Vec<&Claim> = claims
            .par_iter()
            .filter(|c| family.contains(&c.attribute))
            .filter(|c| matches!(&c.value, Value::Quantity(q) if q.value().is_some()))
            .collect();
        // Candidates share a figure and an entity: bucket by both, never all pairs of claims.
        let mut buckets: BTreeMap<(u64, &str), Vec<usize>> = BTreeMap::new();
        for (i, c) in members.iter().enumerate() {
            let Value::Quantity(q) = &c.value else {
                continue;
            };
            let bits = q.value().unwrap_or_default().to_bits();
            for e in &c.entities {
                buckets.entry((bits, e.as_str())).or_default().push(i);
            }
        }
        let mut candidates: BTreeSet<(usize, usize)> = BTreeSet::new();
        for list in buckets.values() {
            for (x, &i) in list.iter().enumerate() {
                for &j in &list[x + 1..] {
                    if i != j {
                        candidates.insert((i.min(j), i.max(j)));
                    }
                }
            }
        }
        let mut done: BTreeSet<(String, String)> = BTreeSet::new();
        for (i, j) in candidates {
            let (a, b) = (&members[i], &members[j]);
            {
                let (Value::Quantity(qa), Value::Quantity(qb)) = (&a.value, &b.value) else {
                    continue;
                };
                let shared = a.entities.iter().any(|e| b.entities.contains(e));
                if a.attribute == b.attribute
                    || a.document == b.document
                    || a.event == b.event
                    || qa.value() != qb.value()
                    || !shared
                    || !done.insert((a.id.clone(), b.id.clone()))
                {
                    continue;
                }
                let label = |c: &Claim, q: &claimdiff_core::Quantity| {
                    format!(
                        "{} {} ({})",
                        fmt_num(q.value().unwrap_or_default()),
                        c.attribute,
                        c.document
                    )
                };
                out.push(Draft {
                    finding: Finding {
                        id: String::new(),
                        verdict: Verdict::Compatible,
                        basis: Basis::Sources,
                        event: a.event.clone(),
                        attribute: format!("{}/{}", a.attribute, b.attribute),
                        score: 0.5 * weight(&[a, b]),
                        claims: ids(&[a, b]),
                        explanation: format!(
                            "{} and {}: the same people at different stages of one process ({} then {})",
                            label(a, qa),
                            label(b, qb),
                            family.iter().find(|x| **x == a.attribute || **x == b.attribute).cloned().unwrap_or_default(),
                            family.iter().rev().find(|x| **x == a.attribute || **x == b.attribute).cloned().unwrap_or_default(),
                        ),
                        update: false,
                        scope_note: None,
                        dependent: Vec::new(),
                    },
                    sides: BTreeMap::new(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A party and the text it stands for.
    fn party_and_text() -> impl Strategy<Value = (Party<'static>, String)> {
        let text = "(outlet:)?[a-z:é ]{0,6}";
        prop_oneof![
            text.prop_map(|t| (Party::Text(Cow::Owned(t.clone())), t)),
            text.prop_map(|d| {
                let d: &'static str = Box::leak(d.into_boxed_str());
                (Party::Outlet(d), format!("{OUTLET}{d}"))
            }),
        ]
    }

    /// A claim of document `doc` with the given speaker and speaker entity.
    fn spoken(doc: &str, speaker: Option<String>, entity: Option<String>) -> Claim {
        Claim {
            speaker,
            speaker_entity: entity,
            ..crate::test_claim(doc)
        }
    }

    proptest! {
        #[test]
        fn cached_parties_equal_the_plain_ones(
            people in proptest::collection::vec(
                (
                    "[a-c]{1,2}",
                    proptest::option::of("[A-Ca-c' ]{0,8}"),
                    proptest::option::of("[a-c]{1,3}"),
                ),
                0..8,
            ),
        ) {
            let claims: Vec<Claim> = people
                .into_iter()
                .map(|(doc, speaker, entity)| spoken(&doc, speaker, entity))
                .collect();
            let refs: Vec<&Claim> = claims.iter().collect();
            let speakers = Speakers::of(&refs);
            for c in &claims {
                let (cached, plain) = (speakers.party(c), party(c));
                prop_assert_eq!(cached.bytes().collect::<Vec<_>>(), plain.bytes().collect::<Vec<_>>());
            }
        }

        #[test]
        fn parties_compare_as_their_text(
            (a, ta) in party_and_text(),
            (b, tb) in party_and_text(),
        ) {
            prop_assert_eq!(a.cmp(&b), ta.cmp(&tb));
            prop_assert_eq!(a == b, ta == tb);
        }
    }
}
