//! One document to claims: mentions per sentence, events with their attributes, attribution.
use std::collections::{BTreeMap, BTreeSet};

use claimdiff_core::{
    Claim, Document, DocumentSummary, Entity, EntityKind, Event, Granularity, Modality, TimeValue,
    Value,
};

use crate::{
    attribution::{attribute, clauses, PRONOUNS},
    clean::clean,
    gazetteer::{find_entities, MentionKind},
    lexicon::SentencePhrase,
    quantities::find_quantities_after_prefilter,
    speech::CueClass,
    temporal::{estimate_published, find_times_after_prefilter, TimeContext},
    Lexicon,
};

/// Options of extraction.
#[derive(Clone, Debug)]
pub struct ExtractConfig {
    /// List every dropped piece of text in the document summary (`--explain`).
    pub explain: bool,
    /// Estimate a missing publication date from dated paths in the text (`/2025/07/14/`).
    pub estimate_published: bool,
    /// At most this many claims per document; the rest are dropped with a warning.
    pub max_claims_per_document: usize,
}

impl Default for ExtractConfig {
    fn default() -> ExtractConfig {
        ExtractConfig {
            explain: false,
            estimate_published: true,
            max_claims_per_document: 10_000,
        }
    }
}

/// What extraction found in one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Extraction {
    /// The document's summary for the report.
    pub summary: DocumentSummary,
    /// Entities mentioned (gazetteer entries and names found in the text).
    pub entities: Vec<Entity>,
    /// Events, with document-local ids (`DOC#e1`).
    pub events: Vec<Event>,
    /// Claims, in text order, with ids `DOC:c1`….
    pub claims: Vec<Claim>,
}

impl Extraction {
    /// Gives the document another id (a duplicate id made unique): the summary, the events
    /// (`ID#e1`) and the claims (`ID:c1`) follow.
    pub fn rename(&mut self, id: &str) {
        let old = std::mem::replace(&mut self.summary.id, id.to_string());
        let swap = |s: &mut String, sep: char| {
            if let Some(rest) = s.strip_prefix(old.as_str()) {
                if rest.starts_with(sep) {
                    *s = format!("{id}{rest}");
                }
            }
        };
        for e in &mut self.events {
            swap(&mut e.id, '#');
            for d in &mut e.documents {
                if *d == old {
                    d.clone_from(&self.summary.id);
                }
            }
        }
        for c in &mut self.claims {
            swap(&mut c.id, ':');
            swap(&mut c.event, '#');
            if c.document == old {
                c.document.clone_from(&self.summary.id);
            }
        }
    }
}

/// An event as mentioned in one sentence.
#[derive(Clone, Debug)]
struct Mention {
    kind: usize,
    /// Byte offsets (in the sentence) of its triggers.
    anchors: Vec<usize>,
    first: (usize, usize),
    /// The document event it resolves to.
    event: Option<usize>,
    /// True when it came from a generic word ("the incident") and already names an event.
    generic: bool,
}

impl Mention {
    /// A mention of a new event of `kind` at a trigger.
    fn new(kind: usize, (start, end): (usize, usize)) -> Mention {
        Mention {
            kind,
            anchors: vec![start],
            first: (start, end),
            event: None,
            generic: false,
        }
    }

    /// A mention that names an event the document already has (a generic word, a toll or a
    /// cause in a sentence of its own).
    fn joining(kind: usize, event: usize, (start, end): (usize, usize)) -> Mention {
        Mention {
            event: Some(event),
            generic: true,
            ..Mention::new(kind, (start, end))
        }
    }
}

/// A value found in a sentence, waiting for its event.
#[derive(Clone, Debug)]
struct Pending {
    mention: usize,
    attribute: String,
    value: Value,
    start: usize,
    end: usize,
}

/// An entity mention of the sentence being read, relative to the sentence; the entity id is
/// borrowed from the document's mentions, not copied for every sentence.
#[derive(Clone, Copy, Debug)]
struct SentenceMention<'a> {
    start: usize,
    end: usize,
    entity: &'a str,
    kind: MentionKind,
}

/// A document event being built; entity ids are borrowed from the document's mentions.
#[derive(Clone, Debug)]
struct DocEvent<'a> {
    kind: usize,
    label: String,
    place: Option<String>,
    time: Option<TimeValue>,
    participants: BTreeSet<&'a str>,
    sentences: BTreeSet<usize>,
}

/// Extracts the claims of one document. Never fails: problems become warnings in the summary.
pub fn extract(doc: &Document, lex: &Lexicon, cfg: &ExtractConfig) -> Extraction {
    let mut warnings = Vec::new();
    let (published, published_from) = match doc.published {
        Some(d) => (Some(d), Some("metadata".to_string())),
        None if cfg.estimate_published => match estimate_published(&doc.text) {
            Some(d) => (Some(d), Some("url-path".to_string())),
            None => (None, None),
        },
        None => (None, None),
    };
    let cleaned = clean(doc, lex);
    let ents = find_entities(&doc.text, &cleaned.sentences, lex);
    let local: BTreeMap<&str, &Entity> = ents.entities.iter().map(|e| (e.id.as_str(), e)).collect();
    let entity_kind = |id: &str| -> Option<EntityKind> {
        lex.gazetteer
            .entity(id)
            .map(|e| e.kind)
            .or_else(|| local.get(id).map(|e| e.kind))
    };
    let entity_name = |id: &str| -> String {
        lex.gazetteer
            .entity(id)
            .map(|e| e.name.clone())
            .or_else(|| local.get(id).map(|e| e.name.clone()))
            .unwrap_or_else(|| id.to_string())
    };
    let entity_value = |s: &str, m: &SentenceMention| Value::Entity {
        text: s[m.start..m.end].to_string(),
        id: m.entity.to_string(),
        name: entity_name(m.entity),
    };

    let mut events: Vec<DocEvent> = Vec::new();
    let mut raw: Vec<(usize, Pending, usize, usize)> = Vec::new(); // (event, value, sentence, abs offset)
    let mut attributions: Vec<(Option<String>, Option<String>, Modality, bool)> = Vec::new();
    let mut links: Vec<(usize, usize, usize)> = Vec::new(); // (sentence, event a, event b)
    let mut last_speaker: Option<(String, Option<String>)> = None;
    let mut mentioned: BTreeSet<&str> = BTreeSet::new();
    let mut year_hint: Option<i16> = None;
    let mut mention_cursor = 0;
    // Phrases are looked up only inside kept sentences: dropped boilerplate is not searched.
    let phrases = lex.sentence_phrases.scan_spans(
        &doc.text,
        cleaned.sentences.iter().map(|s| (s.start, s.end)),
    );

    for (si, sent) in cleaned.sentences.iter().enumerate() {
        let Some(s) = doc.text.get(sent.start..sent.end) else {
            warnings.push(format!(
                "sentence {si} is not on character boundaries; skipped"
            ));
            continue;
        };
        let base = sent.start;
        for (at, date) in impossible_dates(s) {
            warnings.push(format!(
                "impossible date {date:?} at byte {}; ignored",
                base + at
            ));
        }
        // Entity mentions of this sentence, relative to it.
        while mention_cursor < ents.mentions.len() && ents.mentions[mention_cursor].end <= base {
            mention_cursor += 1;
        }
        let mut sm: Vec<SentenceMention> = ents.mentions[mention_cursor..]
            .iter()
            .take_while(|m| m.start < sent.end)
            .filter(|m| m.start >= base && m.end <= sent.end)
            .map(|m| SentenceMention {
                start: m.start - base,
                end: m.end - base,
                entity: &m.entity,
                kind: m.kind,
            })
            .collect();
        let ctx = TimeContext {
            reference: published,
            year_hint,
        };
        // One pass over the sentence decides which of the two finders to run.
        let wanted = lex.may_hold(s);
        let times = if wanted.times() {
            find_times_after_prefilter(s, &ctx, lex)
        } else {
            Vec::new()
        };
        for t in &times {
            if let TimeValue::Interval { start, end, .. } = &t.value {
                if start.year() == end.year() {
                    year_hint = Some(start.year());
                }
            }
        }
        let exclude: Vec<(usize, usize)> = times.iter().map(|t| (t.start, t.end)).collect();
        // A name inside a date is the date ("May 16").
        sm.retain(|m| !exclude.iter().any(|&(a, b)| m.start >= a && m.end <= b));
        for m in &sm {
            mentioned.insert(m.entity);
        }
        let quantities = if wanted.quantities() {
            find_quantities_after_prefilter(s, &exclude, lex)
        } else {
            Vec::new()
        };
        // A speech verb inside an event phrase ("claimed the lives of") is not saying.
        let span = (sent.start, sent.end);
        let triggers =
            lex.events
                .triggers(phrases.within(&doc.text, span, SentencePhrase::Trigger as usize));
        let trigger_spans: Vec<(usize, usize)> =
            triggers.iter().map(|t| (t.start, t.end)).collect();
        let mut cues =
            lex.speech
                .cues(phrases.within(&doc.text, span, SentencePhrase::Speech as usize));
        // Nor is a word of a date ("16 May 2023": the month, not the hedge "may").
        cues.retain(|c| {
            !trigger_spans
                .iter()
                .chain(exclude.iter())
                .any(|&(a, b)| c.start >= a && c.end <= b)
        });
        let categories = lex.taxonomy.categories(phrases.within(
            &doc.text,
            span,
            SentencePhrase::Category as usize,
        ));

        // Event mentions: triggers grouped by kind, absorbed kinds folded into their hosts.
        let mut mentions: Vec<Mention> = Vec::new();
        for t in triggers {
            if exclude.iter().any(|&(a, b)| t.start < b && t.end > a) {
                continue;
            }
            // "heart attack" names a cause, not an attack.
            if categories
                .iter()
                .any(|c| c.start <= t.start && c.end >= t.end && c.end - c.start > t.end - t.start)
            {
                continue;
            }
            match mentions.iter_mut().find(|m| m.kind == t.kind) {
                Some(m) => m.anchors.push(t.start),
                None => mentions.push(Mention::new(t.kind, (t.start, t.end))),
            }
        }
        // Generic words ("the accident") name the document's latest event of their kind.
        let generic = phrases.within(&doc.text, span, SentencePhrase::Generic as usize);
        for (gs, ge, pattern) in lex.events.generic(generic) {
            let found =
                events.iter().enumerate().rev().find(|(_, e)| {
                    crate::matcher::kind_matches(pattern, lex.events.kind_name(e.kind))
                });
            if let Some((ei, e)) = found {
                match mentions.iter_mut().find(|m| m.kind == e.kind) {
                    Some(m) => m.anchors.push(gs),
                    None => mentions.push(Mention::joining(e.kind, ei, (gs, ge))),
                }
            }
        }
        absorb(&mut mentions, lex);

        let has_speech = cues.iter().any(|c| {
            matches!(
                c.class,
                CueClass::Verb | CueClass::Participle | CueClass::Noun | CueClass::According
            )
        });
        let mut pending: Vec<Pending> = Vec::new();

        // Times go to the nearest event of the sentence.
        for t in &times {
            if matches!(t.value, TimeValue::Duration { .. }) {
                continue;
            }
            // "officials said on Wednesday": when something was said, not when it happened.
            if cues.iter().any(|c| {
                c.class == CueClass::Verb
                    && c.end <= t.start
                    && s[c.end..t.start].split_whitespace().count() <= 2
                    && !s[c.end..t.start].contains(',')
            }) {
                continue;
            }
            // "the highest since 2011", "until 2030": a period of reference, not the event's date.
            let head = t.value.text().trim_start().to_ascii_lowercase();
            if ["since ", "until ", "till ", "ever since "]
                .iter()
                .any(|w| head.starts_with(w))
            {
                continue;
            }
            // "rose to 48 on Monday": when the figure was given.
            if quantities.iter().any(|q| {
                q.changed
                    && q.end <= t.start
                    && s[q.end..t.start].split_whitespace().count() <= 2
                    && !s[q.end..t.start].contains(',')
            }) {
                continue;
            }
            // "AREQUIPA, Peru, March 13 (SouthWire) -": the dateline dates the report.
            if in_dateline(s, t.start, t.end) {
                continue;
            }
            if let Some(mi) = nearest(&mentions, t.start, |_| true) {
                pending.push(Pending {
                    mention: mi,
                    attribute: "time".into(),
                    value: Value::Time(t.value.clone()),
                    start: t.start,
                    end: t.end,
                });
            }
        }
        // Counts go to the first event, by kind priority, that takes them.
        for q in &quantities {
            let Some(attr) = &q.attribute else { continue };
            let target = mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| lex.events.takes_count(m.kind, attr))
                .min_by_key(|(_, m)| (m.kind, distance(m, q.start)))
                .map(|(i, _)| i);
            let target = match target {
                Some(i) => Some(i),
                None => {
                    // A toll in a sentence of its own belongs to the document's latest event that
                    // takes it ("The death toll rose to 130").
                    let found = events.iter().enumerate().rev().find(|(_, e)| {
                        lex.events.takes_count(e.kind, attr) && is_host(lex, e.kind)
                    });
                    found.map(|(ei, e)| {
                        mentions.push(Mention::joining(e.kind, ei, (q.start, q.end)));
                        mentions.len() - 1
                    })
                }
            };
            if let Some(mi) = target {
                pending.push(Pending {
                    mention: mi,
                    attribute: attr.clone(),
                    value: Value::Quantity(q.quantity.clone()),
                    start: q.start,
                    end: q.end,
                });
            }
        }
        // Categories go to the nearest event they apply to; with a cue of saying in the sentence,
        // to the document's latest such event ("…rejected the explanation of natural causes").
        let lower = s.to_ascii_lowercase();
        for c in &categories {
            // A phrase that also names an event ("the earthquake") is a cause only after a causal
            // word, and only of an event of this sentence.
            let names_event = trigger_spans.iter().any(|&(a, b)| {
                a < c.end && b > c.start && !(c.start <= a && c.end >= b && c.end - c.start > b - a)
            });
            if names_event && !lex.taxonomy.causal_before(&lower, c.start) {
                continue;
            }
            if mentions.iter().any(|m| {
                m.first.0 <= c.start
                    && m.first.1 >= c.end
                    && !m.generic
                    && c.entry.applies_to(lex.events.kind_name(m.kind))
            }) {
                continue;
            }
            let mi = nearest(&mentions, c.start, |m| {
                c.entry.applies_to(lex.events.kind_name(m.kind))
            });
            let mi = match mi {
                Some(i) => Some(i),
                None if has_speech && !names_event => {
                    let found = events
                        .iter()
                        .enumerate()
                        .rev()
                        .find(|(_, e)| c.entry.applies_to(lex.events.kind_name(e.kind)));
                    match found {
                        Some((ei, e)) => {
                            mentions.push(Mention::joining(e.kind, ei, (c.start, c.end)));
                            Some(mentions.len() - 1)
                        }
                        None => c
                            .entry
                            .kinds
                            .iter()
                            .find(|k| !k.ends_with('*'))
                            .and_then(|k| lex.events.kind_index(k))
                            .map(|kind| {
                                mentions.push(Mention::new(kind, (c.start, c.end)));
                                mentions.len() - 1
                            }),
                    }
                }
                None => None,
            };
            if let Some(mi) = mi {
                pending.push(Pending {
                    mention: mi,
                    attribute: c.entry.attribute.clone(),
                    value: Value::Category {
                        text: s[c.start..c.end].to_string(),
                        path: c.entry.path.clone(),
                    },
                    start: c.start,
                    end: c.end,
                });
            }
        }
        // Places, origins and destinations.
        for m in &sm {
            let kind = entity_kind(m.entity);
            if !matches!(kind, Some(EntityKind::Place) | Some(EntityKind::Country)) {
                continue;
            }
            if matches!(m.kind, MentionKind::Demonym) {
                continue;
            }
            let before = lower[..m.start].trim_end();
            let prev_word = before.rsplit(' ').next().unwrap_or_default();
            let window_start = floor_boundary(s, m.start.saturating_sub(60));
            let window = &lower[window_start..m.start];
            let moving = !phrases
                .within(
                    &doc.text,
                    (base + window_start, base + m.start),
                    SentencePhrase::Movement as usize,
                )
                .is_empty();
            let attribute = if moving && prev_word == "from" {
                "origin"
            } else if moving && (prev_word == "to" || prev_word == "for") {
                "destination"
            } else if is_place_context(before, &lex.events.place_words)
                || mentions
                    .iter()
                    .any(|mm| names_place_of(&lower, m, mm, kind))
            {
                "place"
            } else {
                continue;
            };
            // "on its way to Grozny in Chechnya": a place inside a destination phrase.
            if attribute == "place"
                && moving
                && (window.contains(" to ") || window.contains(" for "))
            {
                continue;
            }
            // A country right after a city ("Aktau, Kazakhstan") restates where the city is.
            if attribute == "place" && before.ends_with(',') {
                continue;
            }
            if let Some(mi) = nearest(&mentions, m.start, |_| true) {
                // "…labelled the deaths killings, leading to outrage in Azerbaijan": a place in a
                // participial clause after the event tells where the consequence happened.
                if attribute == "place" && after_participle(&lower, &mentions[mi], m.start) {
                    continue;
                }
                pending.push(Pending {
                    mention: mi,
                    attribute: attribute.into(),
                    value: entity_value(s, m),
                    start: m.start,
                    end: m.end,
                });
            }
        }

        // Winners: a person or organisation named right before a winning word.
        for w in phrases.within(&doc.text, span, SentencePhrase::Winner as usize) {
            let Some(m) = sm.iter().rev().find(|m| {
                m.end <= w.start
                    && s[m.end..w.start].split_whitespace().count() == 0
                    && matches!(
                        entity_kind(m.entity),
                        Some(EntityKind::Person | EntityKind::Organisation)
                    )
            }) else {
                continue;
            };
            let target = nearest(&mentions, w.start, |mm| {
                lex.events
                    .winner_kinds
                    .iter()
                    .any(|k| crate::matcher::kind_matches(k, lex.events.kind_name(mm.kind)))
            });
            if let Some(mi) = target {
                pending.push(Pending {
                    mention: mi,
                    attribute: "result".into(),
                    value: entity_value(s, m),
                    start: m.start,
                    end: m.end,
                });
            }
        }

        // Resolve mentions to document events (coreference): the latest event of the same kind
        // whose place and time do not contradict this mention's.
        #[allow(clippy::needless_range_loop)] // `pending` refers to mentions by index.
        for mi in 0..mentions.len() {
            if mentions[mi].event.is_some() {
                continue;
            }
            let place = pending
                .iter()
                .find(|p| p.mention == mi && p.attribute == "place")
                .and_then(|p| match &p.value {
                    Value::Entity { id, .. } => Some(id.clone()),
                    _ => None,
                });
            let time = pending
                .iter()
                .find(|p| p.mention == mi && p.attribute == "time")
                .and_then(|p| match &p.value {
                    Value::Time(t @ TimeValue::Interval { .. }) => Some(t.clone()),
                    _ => None,
                });
            let kind = mentions[mi].kind;
            let found = events.iter().enumerate().rev().find(|(_, e)| {
                e.kind == kind
                    && places_agree(lex, e.place.as_deref(), place.as_deref())
                    && times_agree(e.time.as_ref(), time.as_ref())
            });
            let ei = match found {
                Some((ei, _)) => ei,
                None => {
                    let (a, b) = mentions[mi].first;
                    events.push(DocEvent {
                        kind,
                        label: s[a..b].to_ascii_lowercase(),
                        place: None,
                        time: None,
                        participants: BTreeSet::new(),
                        sentences: BTreeSet::new(),
                    });
                    events.len() - 1
                }
            };
            if let Some(e) = events.get_mut(ei) {
                if e.place.is_none() {
                    e.place = place;
                }
                if e.time.is_none() {
                    e.time = time;
                }
            }
            mentions[mi].event = Some(ei);
        }
        for m in &mentions {
            if let Some(e) = m.event.and_then(|ei| events.get_mut(ei)) {
                e.sentences.insert(si);
                e.participants.extend(sm.iter().map(|x| x.entity));
            }
        }
        // Events tied in time by a link word between their triggers ("killed during a raid").
        if mentions.len() > 1 {
            for lm in phrases.within(&doc.text, span, SentencePhrase::Link as usize) {
                let left = mentions
                    .iter()
                    .filter(|m| m.first.1 <= lm.start)
                    .max_by_key(|m| m.first.1);
                let right = mentions
                    .iter()
                    .filter(|m| m.first.0 >= lm.end)
                    .min_by_key(|m| m.first.0);
                if let (Some(l), Some(r)) = (left, right) {
                    if let (Some(a), Some(b)) = (l.event, r.event) {
                        let gap = s[l.first.1..r.first.0].split_whitespace().count();
                        if a != b && gap <= 8 {
                            links.push((si, a, b));
                        }
                    }
                }
            }
        }

        // Attribution of every value; the sentence is cut into clauses once, if a value needs it.
        let mut sentence_clauses: Option<Vec<(usize, usize)>> = None;
        for p in pending {
            let Some(ei) = mentions.get(p.mention).and_then(|m| m.event) else {
                continue;
            };
            let cut = sentence_clauses.get_or_insert_with(|| clauses(s));
            let a = attribute(s, cut, p.start, &cues);
            let mut speaker = a.speaker.map(|(x, y)| s[x..y].to_string());
            let mut speaker_entity = a
                .speaker
                .and_then(|(x, y)| resolve_speaker(&sm, x, y, lex, &entity_kind));
            if let Some(sp) = &speaker {
                if PRONOUNS.contains(&sp.to_ascii_lowercase().as_str()) {
                    if let Some((prev, ent)) = &last_speaker {
                        speaker = Some(prev.clone());
                        speaker_entity = ent.clone();
                    }
                } else {
                    last_speaker = Some((sp.clone(), speaker_entity.clone()));
                }
            }
            attributions.push((speaker, speaker_entity, a.modality, a.negated));
            raw.push((ei, p, si, base));
        }
    }

    // Times flow along links into events that have none of their own.
    let mut derived = Vec::new();
    for &(si, a, b) in &links {
        for (from, to) in [(a, b), (b, a)] {
            let has_own = raw
                .iter()
                .any(|(ei, p, _, _)| *ei == to && p.attribute == "time");
            if has_own || events.get(to).is_some_and(|e| e.time.is_some()) {
                continue;
            }
            let src = raw.iter().zip(attributions.iter()).find(|((ei, p, _, _), _)| {
                *ei == from
                    && p.attribute == "time"
                    && matches!(&p.value, Value::Time(TimeValue::Interval { granularity, .. }) if *granularity >= Granularity::Month)
            });
            if let Some(((_, p, psi, pbase), at)) = src {
                derived.push(((to, p.clone(), *psi, *pbase), at.clone(), si));
            }
        }
    }
    // Places flow the same way ("killed during a raid in Yekaterinburg").
    for &(_, a, b) in &links {
        for (from, to) in [(a, b), (b, a)] {
            let place = events.get(from).and_then(|e| e.place.clone());
            if let (Some(place), Some(e)) = (place, events.get_mut(to)) {
                if e.place.is_none() {
                    e.place = Some(place);
                }
            }
        }
    }
    for ((to, p, psi, pbase), at, _) in derived {
        if let (Some(e), Value::Time(t)) = (events.get_mut(to), &p.value) {
            e.time = Some(t.clone());
        }
        raw.push((to, p, psi, pbase));
        attributions.push(at);
    }

    // Build claims, once per (event, attribute, value, speaker) in the document.
    let doc_id = doc.id.as_str();
    let event_id = |ei: usize| format!("{doc_id}#e{}", ei + 1);
    let mut claims = Vec::with_capacity(raw.len().min(cfg.max_claims_per_document));
    let mut seen = BTreeSet::new();
    let mut order: Vec<usize> = (0..raw.len()).collect();
    order.sort_by_key(|&i| (raw[i].3 + raw[i].1.start, i));
    for i in order {
        let (ei, p, si, base) = &raw[i];
        let (speaker, speaker_entity, modality, negated) = &attributions[i];
        let key = (
            *ei,
            p.attribute.as_str(),
            p.value.normalized_string(),
            speaker_entity.as_deref().or(speaker.as_deref()),
            *negated,
        );
        if !seen.insert(key) {
            continue;
        }
        if claims.len() >= cfg.max_claims_per_document {
            warnings.push(format!(
                "more than {} claims; the rest were dropped",
                cfg.max_claims_per_document
            ));
            break;
        }
        let Some(e) = events.get(*ei) else { continue };
        let quote = cleaned
            .sentences
            .get(*si)
            .and_then(|x| doc.text.get(x.start..x.end))
            .unwrap_or_default()
            .to_string();
        claims.push(Claim {
            id: String::new(),
            document: doc.id.clone(),
            event: event_id(*ei),
            event_kind: lex.events.kind_name(e.kind).to_string(),
            attribute: p.attribute.clone(),
            value: p.value.clone(),
            speaker: speaker.clone(),
            speaker_entity: speaker_entity.clone(),
            modality: *modality,
            negated: *negated,
            sentence: *si,
            span: [base + p.start, base + p.end],
            quote,
            entities: e.participants.iter().map(|p| p.to_string()).collect(),
            place: e.place.clone(),
            time: e.time.clone(),
            published,
        });
    }
    // Documents' extractions are all held until the end of a run: no spare capacity.
    claims.shrink_to_fit();
    claims.sort_by_key(|c| (c.span[0], c.span[1]));
    for (i, c) in claims.iter_mut().enumerate() {
        c.id = format!("{doc_id}:c{}", i + 1);
    }

    let used: BTreeSet<usize> = claims
        .iter()
        .filter_map(|c| {
            c.event
                .rsplit_once("#e")
                .and_then(|(_, n)| n.parse::<usize>().ok())
        })
        .map(|n| n - 1)
        .collect();
    let mut out_events: Vec<Event> = used
        .iter()
        .filter_map(|&ei| {
            let e = events.get(ei)?;
            Some(Event {
                id: event_id(ei),
                kind: lex.events.kind_name(e.kind).to_string(),
                label: e.label.clone(),
                participants: e.participants.iter().map(|p| p.to_string()).collect(),
                place: e.place.clone(),
                time: e.time.clone(),
                documents: vec![doc.id.clone()],
            })
        })
        .collect();

    let mut entities: Vec<Entity> = mentioned
        .iter()
        .filter_map(|id| {
            lex.gazetteer
                .entity(id)
                .cloned()
                .or_else(|| local.get(id).map(|e| (*e).clone()))
        })
        .collect();
    entities.sort_by(|a, b| a.id.cmp(&b.id));
    out_events.shrink_to_fit();
    entities.shrink_to_fit();

    let summary = DocumentSummary {
        id: doc.id.clone(),
        source: doc.source.clone(),
        title: doc.title.clone().or(cleaned.title.clone()),
        published,
        published_from,
        sentences: cleaned.sentences.len(),
        unique_claims: 0,
        dropped: cleaned.counts,
        dropped_items: if cfg.explain {
            cleaned.dropped.clone()
        } else {
            Vec::new()
        },
        warnings,
    };
    Extraction {
        summary,
        entities,
        events: out_events,
        claims,
    }
}

/// Folds mentions of absorbed kinds into a host of the same sentence.
fn absorb(mentions: &mut Vec<Mention>, lex: &Lexicon) {
    let mut i = 0;
    while i < mentions.len() {
        let kind = lex.events.kind_name(mentions[i].kind).to_string();
        let host = mentions.iter().position(|h| {
            h.kind != mentions[i].kind
                && lex.events.absorbed_by(&kind, lex.events.kind_name(h.kind))
        });
        match host {
            Some(h) => {
                let anchors = mentions[i].anchors.clone();
                mentions[h].anchors.extend(anchors);
                mentions.remove(i);
            }
            None => i += 1,
        }
    }
}

/// True when a kind hosts counts in sentences of their own (a disaster).
fn is_host(lex: &Lexicon, kind: usize) -> bool {
    let name = lex.events.kind_name(kind);
    lex.events.absorb.iter().any(|(_, hosts)| {
        hosts.iter().any(|h| crate::matcher::kind_matches(h, name)) && name.starts_with("Disaster.")
    })
}

fn distance(m: &Mention, pos: usize) -> usize {
    m.anchors
        .iter()
        .map(|&a| a.abs_diff(pos))
        .min()
        .unwrap_or(usize::MAX)
}

fn nearest(mentions: &[Mention], pos: usize, ok: impl Fn(&Mention) -> bool) -> Option<usize> {
    mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| ok(m))
        .min_by_key(|(i, m)| (distance(m, pos), *i))
        .map(|(i, _)| i)
}

/// A place named right at an event's trigger: "the Yekaterinburg raid", "the 2020
/// Nagorno-Karabakh war", or a city or region just after it ("raided the Baku offices"). A country
/// in the possessive ("Azerbaijan's offensive") is an actor, not a place.
fn names_place_of(
    lower: &str,
    m: &SentenceMention,
    trigger: &Mention,
    kind: Option<EntityKind>,
) -> bool {
    for &anchor in &trigger.anchors {
        if anchor < m.end || !lower.is_char_boundary(anchor) {
            continue;
        }
        let gap = &lower[m.end..anchor];
        if gap.starts_with("'s") || gap.starts_with("’s") || gap.starts_with('\'') {
            continue;
        }
        let words: Vec<&str> = gap.split_whitespace().collect();
        if words.is_empty() || (words.len() == 1 && words[0].bytes().all(|b| b.is_ascii_digit())) {
            return true;
        }
    }
    if m.start >= trigger.first.1 && kind == Some(EntityKind::Place) {
        let words: Vec<&str> = lower[trigger.first.1..m.start].split_whitespace().collect();
        return words.len() <= 1 && words.iter().all(|w| matches!(*w, "the" | "a" | "an"));
    }
    false
}

/// Dates written YYYY-MM-DD that no calendar has ("2025-02-30", "2025-13-01"): where they start
/// and their text. The date finder skips them; the summary says so.
fn impossible_dates(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    // A date has a hyphen four bytes in, so only the places before a hyphen are tried; dates do
    // not overlap, so the next one starts at `from` or later.
    let mut from = 0;
    for (dash, _) in s.match_indices('-') {
        let Some(i) = dash.checked_sub(4).filter(|&i| i >= from) else {
            continue;
        };
        let Some(valid) = date_at(s, i) else {
            continue;
        };
        if !valid {
            out.extend(s.get(i..i + 10).map(|date| (i, date)));
        }
        from = i + 10;
    }
    out
}

/// Whether `s` holds a date written YYYY-MM-DD at byte `i`, not glued to other digits; if it
/// does, whether a calendar has that date.
fn date_at(s: &str, i: usize) -> Option<bool> {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let glued = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    let dash = |k: usize| b.get(k) == Some(&b'-');
    let date = digits(i..i + 4)
        && dash(i + 4)
        && digits(i + 5..i + 7)
        && dash(i + 7)
        && digits(i + 8..i + 10)
        && (i == 0 || !glued(i - 1))
        && !glued(i + 10);
    if !date {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<i32>().ok()).unwrap_or(0);
    let (y, m, d) = (num(i..i + 4), num(i + 5..i + 7), num(i + 8..i + 10));
    let valid = i16::try_from(y)
        .ok()
        .and_then(|y| jiff::civil::Date::new(y, m as i8, d as i8).ok())
        .is_some();
    Some(valid)
}

/// Whether the time at `s[start..end]` is in a dateline: a capitalised place, the date, an
/// optional agency in parentheses, then a dash ("AREQUIPA, Peru, March 13 (SouthWire) -").
fn in_dateline(s: &str, start: usize, end: usize) -> bool {
    let (Some(before), Some(after)) = (s.get(..start), s.get(end..)) else {
        return false;
    };
    let mut after = after.trim_start();
    if let Some(rest) = after.strip_prefix('(') {
        match rest.find(')') {
            Some(i) if i <= 40 => after = rest[i + 1..].trim_start(),
            _ => return false,
        }
    }
    let dash = ["-", "\u{2013}", "\u{2014}", "--"]
        .iter()
        .any(|d| after.starts_with(d));
    let words: Vec<&str> = before.split_whitespace().collect();
    dash && !words.is_empty()
        && words.len() <= 6
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
}

/// Whether a comma and a participle ("…, leading to", "…, sparking") stand between the event's
/// nearest mention before `pos` and `pos`.
fn after_participle(lower: &str, m: &Mention, pos: usize) -> bool {
    let Some(anchor) = m.anchors.iter().copied().filter(|&a| a < pos).max() else {
        return false;
    };
    if m.anchors.iter().any(|&a| a > pos && a - pos < pos - anchor) {
        return false;
    }
    let Some(gap) = lower.get(anchor..pos) else {
        return false;
    };
    gap.split(", ").skip(1).any(|clause| {
        clause
            .split_whitespace()
            .next()
            .is_some_and(|w| w.len() > 4 && w.ends_with("ing"))
    })
}

fn is_place_context(before: &str, place_words: &[String]) -> bool {
    // "in Yekaterinburg", "in the city of Yekaterinburg", "near Aktau", "in the Russian city of".
    let words: Vec<&str> = before.split_whitespace().rev().take(5).collect();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        if place_words.iter().any(|p| p == w) {
            return i == 0
                || words[..i].iter().all(|x| {
                    matches!(
                        x.trim_matches(|c: char| !c.is_ascii_alphanumeric()),
                        "the"
                            | "city"
                            | "of"
                            | "town"
                            | "village"
                            | "region"
                            | "province"
                            | "capital"
                            | "port"
                            | "district"
                    ) || x.chars().next().is_some_and(char::is_uppercase)
                });
        }
    }
    false
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn places_agree(lex: &Lexicon, a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        // A place the gazetteer does not know may lie in the other one.
        (Some(a), Some(b)) => {
            a == b
                || lex.gazetteer.contains(a, b)
                || lex.gazetteer.contains(b, a)
                || lex.gazetteer.entity(a).is_none()
                || lex.gazetteer.entity(b).is_none()
        }
        _ => true,
    }
}

fn times_agree(a: Option<&TimeValue>, b: Option<&TimeValue>) -> bool {
    match (a.and_then(TimeValue::bounds), b.and_then(TimeValue::bounds)) {
        (Some((s1, e1)), Some((s2, e2))) => s1 <= e2 && s2 <= e1,
        _ => true,
    }
}

/// The party a speaker phrase stands for: a country named in it (by name, demonym or
/// metonym, or through an organisation that belongs to it), else a person or organisation.
fn resolve_speaker(
    mentions: &[SentenceMention],
    start: usize,
    end: usize,
    lex: &Lexicon,
    kind_of: &dyn Fn(&str) -> Option<EntityKind>,
) -> Option<String> {
    let inside: Vec<&SentenceMention> = mentions
        .iter()
        .filter(|m| m.start >= start && m.end <= end)
        .collect();
    for m in &inside {
        if let Some(country) = lex.gazetteer.affiliation(m.entity) {
            return Some(country.to_string());
        }
    }
    inside
        .iter()
        .find(|m| {
            matches!(
                kind_of(m.entity),
                Some(EntityKind::Person | EntityKind::Organisation)
            )
        })
        .map(|m| m.entity.to_string())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// `impossible_dates` written the plain way: a date tried at every byte.
    fn plain_impossible_dates(s: &str) -> Vec<(usize, &str)> {
        let b = s.as_bytes();
        let digits =
            |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
        let num =
            |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<i32>().ok()).unwrap_or(0);
        let mut out = Vec::new();
        let mut i = 0;
        while i + 10 <= b.len() {
            let glued = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
            if digits(i..i + 4)
                && b[i + 4] == b'-'
                && digits(i + 5..i + 7)
                && b[i + 7] == b'-'
                && digits(i + 8..i + 10)
                && (i == 0 || !glued(i - 1))
                && !glued(i + 10)
            {
                let (y, m, d) = (num(i..i + 4), num(i + 5..i + 7), num(i + 8..i + 10));
                let valid = i16::try_from(y)
                    .ok()
                    .and_then(|y| jiff::civil::Date::new(y, m as i8, d as i8).ok())
                    .is_some();
                if !valid {
                    out.push((i, &s[i..i + 10]));
                }
                i += 10;
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn impossible_dates_found_and_real_ones_not() {
        let s = "On 2025-02-30 and 2025-02-28, not 12025-13-01; 2024-13-01-2023-02-29 é2023-00-10";
        assert_eq!(super::impossible_dates(s), plain_impossible_dates(s));
        assert_eq!(
            super::impossible_dates(s)
                .iter()
                .map(|&(_, d)| d)
                .collect::<Vec<_>>(),
            ["2025-02-30", "2024-13-01", "2023-02-29", "2023-00-10"]
        );
    }

    proptest! {
        #[test]
        fn impossible_dates_as_the_plain_search(s in "[0-9\\- a\u{e9}]{0,60}") {
            prop_assert_eq!(super::impossible_dates(&s), plain_impossible_dates(&s));
        }
    }
}
