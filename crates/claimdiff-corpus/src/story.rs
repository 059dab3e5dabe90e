//! One story: its setting, which document says what, the planted findings, and the articles.
use std::collections::BTreeMap;

use claimdiff_core::{Basis, Document, Verdict};
use jiff::{civil::Date, ToSpan};

use crate::{
    lexicon::{capitalise, words, Place, Words},
    rng::Rng,
    text::{count, fill, grouped, pubdate, tenths, when, when_adj},
    CorpusConfig, Field, Planted, Story,
};

/// Salts of coined names (one sequence each, so two stories never share a name of one role).
mod salt {
    pub const AIRLINE: u64 = 1;
    pub const COMPANY: u64 = 2;
    pub const PARTY: u64 = 3;
    pub const UNION: u64 = 4;
    pub const WINNER: u64 = 5;
    pub const RIVAL: u64 = 6;
    pub const JUDGE: u64 = 7;
    pub const DEFENDANT: u64 = 8;
    pub const OFFICIAL: u64 = 9;
    pub const WITNESS: u64 = 10;
    pub const REPORTER: u64 = 11;
    pub const TOWN: u64 = 12;
}

/// Every value name a template may use (`{place}`…), checked against the templates by a test.
#[cfg(test)]
pub(crate) const VALUE_NAMES: &[&str] = &[
    "place",
    "place_s",
    "country",
    "country_s",
    "demonym",
    "airline",
    "company",
    "party",
    "union",
    "winner",
    "rival",
    "judge",
    "defendant",
    "official",
    "case",
    "currency",
    "depth",
    "years",
    "slug",
    "dead",
    "convicted",
    "cause_a",
    "cause_b",
    "passengers",
    "crew",
    "onboard",
    "mag_a",
    "mag_b",
    "evacuated",
    "displaced",
    "share_a",
    "share_b",
    "turnout",
    "turnout_low",
    "detained",
    "fine_a",
    "fine_b",
    "injured",
    "injured_approx",
    "outlet",
    "reporter",
    "pubdate",
    "year",
    "month",
    "day",
    "when",
    "when_adj",
    "witness",
    "occupation",
];

/// Which side of a two-sided fact a document tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    A,
    B,
    Both,
}

impl Side {
    fn a(self) -> bool {
        matches!(self, Side::A | Side::Both)
    }
    fn b(self) -> bool {
        matches!(self, Side::B | Side::Both)
    }
}

/// A document being planned: the slots it renders after its lead, and its own values.
#[derive(Debug)]
struct DocPlan {
    id: String,
    source: String,
    published: Date,
    slots: Vec<&'static str>,
    values: BTreeMap<&'static str, String>,
}

/// The place of story `index`: a gazetteer place while they last (in the seeded order `order`),
/// then a coined town in the same countries.
pub(crate) fn place_of(w: &Words, order: &[usize], index: usize) -> Place {
    let n = order.len().max(1);
    let base = order
        .get(index % n)
        .and_then(|&i| w.places.get(i))
        .cloned()
        .unwrap_or_else(|| Place {
            name: "Lyon".into(),
            country_id: "france",
            country: "France",
            country_s: "France's",
            demonym: "French",
        });
    if index < order.len() {
        return base;
    }
    let endings = w.list("town_ending");
    let ending = endings
        .get(index % endings.len().max(1))
        .copied()
        .unwrap_or("ville");
    Place {
        name: format!("{}{ending}", w.coin(index, salt::TOWN)),
        ..base
    }
}

/// A person with a coined surname: given name from the list, surname unique per (index, salt).
fn person(w: &Words, index: usize, salt: u64, rng: &mut Rng) -> String {
    let first = rng.pick(w.list("first_name"));
    let endings = w.list("surname_ending");
    let ending = endings
        .get(index % endings.len().max(1))
        .copied()
        .unwrap_or("ov");
    format!("{first} {}{ending}", w.coin(index, salt))
}

/// The name of outlet `o` (fictional): prefix × noun, then with a third word.
fn outlet(w: &Words, o: usize) -> String {
    let (p, n, r) = (
        w.list("outlet_prefix"),
        w.list("outlet_noun"),
        w.list("outlet_region"),
    );
    let (lp, ln) = (p.len().max(1), n.len().max(1));
    let base = format!(
        "{} {}",
        p.get(o % lp).copied().unwrap_or("Daily"),
        n.get((o / lp) % ln).copied().unwrap_or("Post")
    );
    let round = o / (lp * ln);
    if round == 0 {
        base
    } else {
        let third = r
            .get((round - 1) % r.len().max(1))
            .copied()
            .unwrap_or("Online");
        format!("{base} {third}")
    }
}

/// Splits a `PHRASE=PATH` list entry.
fn phrase_path(entry: &str) -> (&str, &str) {
    entry.split_once('=').unwrap_or((entry, ""))
}

/// Sides of a two-sided fact across `m` documents: each tells it with probability `p`; at least
/// one tells side A and one side B (both in one document when there is only one).
fn speaker_sides(rng: &mut Rng, m: usize, p: f64) -> Vec<Option<Side>> {
    let mut sides: Vec<Option<Side>> = (0..m)
        .map(|_| {
            if !rng.chance(p) {
                return None;
            }
            Some(match rng.below(10) {
                0..=3 => Side::A,
                4..=6 => Side::B,
                _ => Side::Both,
            })
        })
        .collect();
    let add = |s: Option<Side>, want: Side| -> Option<Side> {
        match (s, want) {
            (None, w) => Some(w),
            (Some(Side::A), Side::B) | (Some(Side::B), Side::A) => Some(Side::Both),
            (s, _) => s,
        }
    };
    if !sides.iter().any(|s| s.is_some_and(Side::a)) {
        if let Some(s) = sides.get_mut(0) {
            *s = add(*s, Side::A);
        }
    }
    if !sides.iter().any(|s| s.is_some_and(Side::b)) {
        let i = if m > 1 {
            // A document other than one already telling only A, when there is one.
            (0..m).find(|&i| sides[i].is_none()).unwrap_or(1)
        } else {
            0
        };
        if let Some(s) = sides.get_mut(i) {
            *s = add(*s, Side::B);
        }
    }
    sides
}

/// Sides of a figure that sources disagree on: document 0 says A, document 1 says B, the others
/// either.
fn source_sides(rng: &mut Rng, m: usize) -> Vec<Side> {
    (0..m)
        .map(|j| match j {
            0 => Side::A,
            1 => Side::B,
            _ if rng.chance(0.5) => Side::A,
            _ => Side::B,
        })
        .collect()
}

/// Collects planted findings of one story.
struct Plants<'a> {
    story: usize,
    field: Field,
    out: Vec<Planted>,
    docs: &'a [DocPlan],
}

impl Plants<'_> {
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        verdict: Verdict,
        basis: Option<Basis>,
        kind: &str,
        attribute: &str,
        values: &[String],
        which: &[usize],
    ) {
        let docs: Vec<String> = which
            .iter()
            .filter_map(|&j| self.docs.get(j).map(|d| d.id.clone()))
            .collect();
        // One document cannot agree with itself; conflicts and compatible values between two
        // quoted parties can stand in one document.
        if docs.is_empty() || (verdict == Verdict::Agreement && docs.len() < 2) {
            return;
        }
        self.out.push(Planted {
            story: self.story,
            field: self.field,
            event_kind: kind.to_string(),
            attribute: attribute.to_string(),
            verdict,
            basis,
            values: values.to_vec(),
            documents: docs,
        });
    }
}

/// Generates story `index` of a corpus.
pub(crate) fn story(cfg: &CorpusConfig, order: &[usize], index: usize) -> Story {
    let w = words();
    let mut rng = Rng::derive(cfg.seed, &[index as u64]);
    let fields = if cfg.fields.is_empty() {
        Field::ALL.to_vec()
    } else {
        cfg.fields.clone()
    };
    let field = fields[index % fields.len()];
    let place = place_of(w, order, index);
    let date = cfg
        .start_date
        .checked_add((index as i64).days())
        .unwrap_or(cfg.start_date);
    let m = cfg.sources_per_story.max(1);

    // Values of the whole story.
    let mut sv: BTreeMap<&'static str, String> = BTreeMap::new();
    sv.insert("place", place.name.clone());
    sv.insert("place_s", format!("{}'s", place.name));
    sv.insert("country", place.country.to_string());
    sv.insert("country_s", place.country_s.to_string());
    sv.insert("demonym", place.demonym.to_string());
    let suffix = |rng: &mut Rng, list: &str| rng.pick(w.list(list)).to_string();
    let airline = format!(
        "{} {}",
        w.coin(index, salt::AIRLINE),
        suffix(&mut rng, "airline_suffix")
    );
    sv.insert("airline", airline);
    let company = format!(
        "{} {}",
        w.coin(index, salt::COMPANY),
        suffix(&mut rng, "company_suffix")
    );
    sv.insert("company", company);
    let party = format!(
        "{} {}",
        w.coin(index, salt::PARTY),
        suffix(&mut rng, "party_suffix")
    );
    sv.insert("party", party);
    let union = format!(
        "{} {}",
        w.coin(index, salt::UNION),
        suffix(&mut rng, "union_suffix")
    );
    sv.insert("union", union);
    let winner = person(w, index, salt::WINNER, &mut rng);
    let rival = person(w, index, salt::RIVAL, &mut rng);
    sv.insert("winner", winner.clone());
    sv.insert("rival", rival.clone());
    sv.insert("judge", person(w, index, salt::JUDGE, &mut rng));
    sv.insert("defendant", person(w, index, salt::DEFENDANT, &mut rng));
    sv.insert("official", person(w, index, salt::OFFICIAL, &mut rng));
    sv.insert("case", suffix(&mut rng, "court_case"));
    sv.insert("currency", suffix(&mut rng, "currency"));
    sv.insert("depth", rng.range(10, 80).to_string());
    sv.insert("years", rng.range(2, 9).to_string());
    sv.insert("slug", format!("{}-{}", field.as_str(), index));

    // The documents: outlets, publication dates (the day of the event to three days after).
    let mut docs: Vec<DocPlan> = (0..m)
        .map(|j| {
            let lag = [0, 0, 1, 1, 1, 2, 2, 3][rng.below(8)];
            DocPlan {
                id: format!("s{index:05}-{j:03}"),
                source: outlet(w, (index * 37 + j) % 4400),
                published: date.checked_add(lag.days()).unwrap_or(date),
                slots: Vec::new(),
                values: BTreeMap::new(),
            }
        })
        .collect();

    let kind = field.event_kind();
    let mut planted: Vec<PlantRow> = Vec::new();
    let all: Vec<usize> = (0..m).collect();
    planted.push((
        Verdict::Agreement,
        None,
        kind,
        "time",
        vec![format!("{date}/{date}")],
        all.clone(),
    ));
    planted.push((
        Verdict::Agreement,
        None,
        kind,
        "place",
        vec![place.name.clone()],
        all.clone(),
    ));

    // A figure every lead states, on which sources may disagree.
    let (lead_attr, lead_key, lo, hi) = match field {
        Field::Crash => ("dead", "dead", 5, 180),
        Field::Quake => ("dead", "dead", 3, 300),
        Field::Flood => ("dead", "dead", 2, 90),
        Field::Court => ("convicted", "convicted", 2, 9),
        Field::Election => ("", "", 0, 0),
    };
    if !lead_attr.is_empty() {
        let a = rng.range(lo, hi);
        let b = if field == Field::Court {
            if a > 2 && rng.chance(0.5) {
                a - 1
            } else {
                a + 1
            }
        } else {
            a + rng.range(2, (a / 5).max(3))
        };
        if m >= 2 && rng.chance(0.5) {
            let sides = source_sides(&mut rng, m);
            let (sa, sb): (Vec<usize>, Vec<usize>) = (0..m).partition(|&j| sides[j] == Side::A);
            for (j, s) in sides.iter().enumerate() {
                let v = if *s == Side::A { a } else { b };
                docs[j].values.insert(lead_key, count(v, &mut rng));
            }
            planted.push((
                Verdict::Conflict,
                None,
                kind,
                lead_attr,
                vec![a.to_string(), b.to_string()],
                all.clone(),
            ));
            planted.push((
                Verdict::Agreement,
                None,
                kind,
                lead_attr,
                vec![a.to_string()],
                sa,
            ));
            planted.push((
                Verdict::Agreement,
                None,
                kind,
                lead_attr,
                vec![b.to_string()],
                sb,
            ));
        } else {
            for d in &mut docs {
                d.values.insert(lead_key, count(a, &mut rng));
            }
            planted.push((
                Verdict::Agreement,
                None,
                kind,
                lead_attr,
                vec![a.to_string()],
                all.clone(),
            ));
        }
    }

    match field {
        Field::Crash => {
            // Cause: the airline's accidental cause against a negligent one.
            let (pa, path_a) = phrase_path(rng.pick(w.list("crash_cause_a")));
            let (pb, path_b) = phrase_path(rng.pick(w.list("crash_cause_b")));
            sv.insert("cause_a", pa.to_string());
            sv.insert("cause_b", pb.to_string());
            speaker_conflict(
                &mut rng,
                &mut docs,
                &mut planted,
                kind,
                "cause",
                ["cause_a", "cause_b"],
                [path_a, path_b],
                0.8,
            );
            for d in &mut docs {
                if d.slots.contains(&"cause_a") && rng.chance(0.3) {
                    d.slots.push("cause_deny");
                }
            }
            // People on board: a total, or passengers and crew that add up to it.
            let crew = rng.range(3, 9);
            let passengers = rng.range(20, 190);
            sv.insert("passengers", passengers.to_string());
            sv.insert("crew", crew.to_string());
            sv.insert("onboard", (passengers + crew).to_string());
            two_forms(
                &mut rng,
                &mut docs,
                &mut planted,
                kind,
                "on_board",
                ["onboard_total", "onboard_parts"],
                [
                    (passengers + crew).to_string(),
                    format!("{passengers} + {crew}"),
                ],
                [0.45, 0.25],
            );
            injured(&mut rng, &mut docs, &mut planted, &mut sv, kind);
        }
        Field::Quake => {
            let a = rng.range(52, 79);
            let b = if rng.chance(0.5) && a > 56 {
                a - rng.range(2, 5)
            } else {
                a + rng.range(2, 5)
            };
            let (ta, tb) = (tenths(a), tenths(b));
            sv.insert("mag_a", ta.clone());
            sv.insert("mag_b", tb.clone());
            speaker_conflict(
                &mut rng,
                &mut docs,
                &mut planted,
                kind,
                "magnitude",
                ["mag_a", "mag_b"],
                [&ta, &tb],
                0.8,
            );
            injured(&mut rng, &mut docs, &mut planted, &mut sv, kind);
        }
        Field::Flood => {
            let (pa, path_a) = phrase_path(rng.pick(w.list("flood_cause_a")));
            let (pb, path_b) = phrase_path(rng.pick(w.list("flood_cause_b")));
            sv.insert("cause_a", pa.to_string());
            sv.insert("cause_b", pb.to_string());
            speaker_conflict(
                &mut rng,
                &mut docs,
                &mut planted,
                kind,
                "cause",
                ["cause_a", "cause_b"],
                [path_a, path_b],
                0.7,
            );
            let evacuated = rng.range(10, 90) * 100;
            sv.insert("evacuated", grouped(evacuated));
            let which: Vec<usize> = (0..m).filter(|_| rng.chance(0.5)).collect();
            for &j in &which {
                docs[j].slots.push("evacuated");
            }
            planted.push((
                Verdict::Agreement,
                None,
                kind,
                "evacuated",
                vec![format!("more than {}", grouped(evacuated))],
                which,
            ));
            let displaced = rng.range(25, 85) * 100;
            sv.insert("displaced", grouped(displaced));
            two_forms(
                &mut rng,
                &mut docs,
                &mut planted,
                kind,
                "displaced",
                ["displaced_approx", "displaced_vague"],
                [format!("about {}", grouped(displaced)), "thousands".into()],
                [0.35, 0.3],
            );
        }
        Field::Election => {
            let share_a = rng.range(501, 619);
            let mut share_b = rng.range(501, 560);
            if share_b == share_a {
                share_b += 1;
            }
            sv.insert("share_a", tenths(share_a));
            sv.insert("share_b", tenths(share_b));
            let sides = speaker_sides(&mut rng, m, 0.85);
            let (mut tellers, mut denials, mut allegations) = (Vec::new(), Vec::new(), Vec::new());
            for (j, s) in sides.iter().enumerate() {
                let Some(s) = s else { continue };
                tellers.push(j);
                if s.a() {
                    docs[j].slots.push("result_a");
                    if rng.chance(0.4) {
                        docs[j].slots.push("fraud_deny");
                        denials.push(j);
                    }
                }
                if s.b() {
                    docs[j].slots.push("result_b");
                    if rng.chance(0.5) {
                        docs[j].slots.push("fraud_b");
                        allegations.push(j);
                    }
                }
            }
            let side_docs = |want: fn(Side) -> bool| -> Vec<usize> {
                (0..m).filter(|&j| sides[j].is_some_and(want)).collect()
            };
            let (da, db) = (side_docs(Side::a), side_docs(Side::b));
            planted.push((
                Verdict::Conflict,
                Some(Basis::Speakers),
                kind,
                "result",
                vec![winner.clone(), rival.clone()],
                tellers.clone(),
            ));
            planted.push((
                Verdict::Conflict,
                Some(Basis::Speakers),
                kind,
                "vote_share",
                vec![tenths(share_a), tenths(share_b)],
                tellers,
            ));
            planted.push((
                Verdict::Agreement,
                None,
                kind,
                "result",
                vec![winner.clone()],
                da.clone(),
            ));
            planted.push((
                Verdict::Agreement,
                None,
                kind,
                "result",
                vec![rival.clone()],
                db.clone(),
            ));
            planted.push((
                Verdict::Agreement,
                None,
                kind,
                "result",
                vec!["not result/fraud".into()],
                denials,
            ));
            planted.push((
                Verdict::Agreement,
                None,
                kind,
                "result",
                vec!["result/fraud".into()],
                allegations,
            ));
            planted.push((
                Verdict::Agreement,
                None,
                kind,
                "vote_share",
                vec![tenths(share_a)],
                da,
            ));
            planted.push((
                Verdict::Agreement,
                None,
                kind,
                "vote_share",
                vec![tenths(share_b)],
                db,
            ));
            let turnout = rng.range(38, 76);
            let mut low = turnout / 5 * 5;
            if low == turnout {
                low -= 5;
            }
            sv.insert("turnout", turnout.to_string());
            sv.insert("turnout_low", low.to_string());
            two_forms(
                &mut rng,
                &mut docs,
                &mut planted,
                kind,
                "turnout",
                ["turnout_exact", "turnout_bound"],
                [turnout.to_string(), format!("more than {low}")],
                [0.45, 0.25],
            );
            let detained = rng.range(24, 99);
            sv.insert("detained", detained.to_string());
            // Protests on the evening of the vote, in the same city.
            let protest = two_forms(
                &mut rng,
                &mut docs,
                &mut planted,
                "Conflict.Demonstrate",
                "detained",
                ["detained_exact", "detained_vague"],
                [detained.to_string(), "dozens".into()],
                [0.35, 0.25],
            );
            let date_value = format!("{date}/{date}");
            for (attribute, value) in [("time", date_value), ("place", place.name.clone())] {
                planted.push((
                    Verdict::Agreement,
                    None,
                    "Conflict.Demonstrate",
                    attribute,
                    vec![value],
                    protest.clone(),
                ));
            }
        }
        Field::Court => {
            let a = rng.range(12, 95);
            let mut b = rng.range(12, 95);
            if b == a {
                b += 1;
            }
            let (ta, tb) = (tenths(a), tenths(b));
            sv.insert("fine_a", ta.clone());
            sv.insert("fine_b", tb.clone());
            let fine_kind = "Transaction.Transfer-Money";
            if rng.chance(0.5) {
                speaker_conflict(
                    &mut rng,
                    &mut docs,
                    &mut planted,
                    fine_kind,
                    "amount",
                    ["fine_a", "fine_b"],
                    [&ta, &tb],
                    0.75,
                );
            } else {
                let which: Vec<usize> = (0..m).filter(|_| rng.chance(0.6)).collect();
                for &j in &which {
                    docs[j].slots.push("fine_a");
                }
                planted.push((
                    Verdict::Agreement,
                    None,
                    fine_kind,
                    "amount",
                    vec![ta],
                    which,
                ));
            }
        }
    }

    let mut plants = Plants {
        story: index,
        field,
        out: Vec::new(),
        docs: &docs,
    };
    for (verdict, basis, kind, attribute, values, which) in planted {
        plants.add(verdict, basis, kind, attribute, &values, &which);
    }
    let planted = plants.out;

    let documents = docs
        .into_iter()
        .enumerate()
        .map(|(j, d)| render(w, field, index, j, date, &sv, d, &mut rng))
        .collect();
    Story {
        index,
        field,
        place: place.name,
        date,
        documents,
        planted,
    }
}

type PlantRow = (
    Verdict,
    Option<Basis>,
    &'static str,
    &'static str,
    Vec<String>,
    Vec<usize>,
);

/// A conflict between two quoted parties: slot A or B (or both) in the documents that tell it,
/// a conflict among all of them, and agreement within each side.
#[allow(clippy::too_many_arguments)]
fn speaker_conflict(
    rng: &mut Rng,
    docs: &mut [DocPlan],
    planted: &mut Vec<PlantRow>,
    kind: &'static str,
    attribute: &'static str,
    slots: [&'static str; 2],
    values: [&str; 2],
    p: f64,
) {
    let sides = speaker_sides(rng, docs.len(), p);
    let (mut tellers, mut da, mut db) = (Vec::new(), Vec::new(), Vec::new());
    for (j, s) in sides.iter().enumerate() {
        let Some(s) = s else { continue };
        tellers.push(j);
        if s.a() {
            docs[j].slots.push(slots[0]);
            da.push(j);
        }
        if s.b() {
            docs[j].slots.push(slots[1]);
            db.push(j);
        }
    }
    let v: Vec<String> = values.iter().map(|s| (*s).to_string()).collect();
    planted.push((
        Verdict::Conflict,
        Some(Basis::Speakers),
        kind,
        attribute,
        v.clone(),
        tellers,
    ));
    planted.push((
        Verdict::Agreement,
        None,
        kind,
        attribute,
        vec![v[0].clone()],
        da,
    ));
    planted.push((
        Verdict::Agreement,
        None,
        kind,
        attribute,
        vec![v[1].clone()],
        db,
    ));
}

/// A figure given in two consistent forms (an exact figure and a rounded or vague one, a total and
/// its parts): compatible between the forms, agreement within each.
#[allow(clippy::too_many_arguments)]
fn two_forms(
    rng: &mut Rng,
    docs: &mut [DocPlan],
    planted: &mut Vec<PlantRow>,
    kind: &'static str,
    attribute: &'static str,
    slots: [&'static str; 2],
    values: [String; 2],
    p: [f64; 2],
) -> Vec<usize> {
    let (mut first, mut second) = (Vec::new(), Vec::new());
    for (j, d) in docs.iter_mut().enumerate() {
        let x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        if x < p[0] {
            d.slots.push(slots[0]);
            first.push(j);
        } else if x < p[0] + p[1] {
            d.slots.push(slots[1]);
            second.push(j);
        }
    }
    // Parts of one total (passengers and crew) are reported as compatible with each other too,
    // once two documents give them.
    let parts = slots[1] == "onboard_parts" && second.len() >= 2;
    if (!first.is_empty() && !second.is_empty()) || parts {
        let mut both: Vec<usize> = first.iter().chain(&second).copied().collect();
        both.sort_unstable();
        planted.push((
            Verdict::Compatible,
            None,
            kind,
            attribute,
            values.to_vec(),
            both,
        ));
    }
    let mut both: Vec<usize> = first.iter().chain(&second).copied().collect();
    both.sort_unstable();
    planted.push((
        Verdict::Agreement,
        None,
        kind,
        attribute,
        vec![values[0].clone()],
        first,
    ));
    planted.push((
        Verdict::Agreement,
        None,
        kind,
        attribute,
        vec![values[1].clone()],
        second,
    ));
    both
}

/// Injured: "about N" in some documents, an exact figure within 10 % of N in others.
fn injured(
    rng: &mut Rng,
    docs: &mut [DocPlan],
    planted: &mut Vec<PlantRow>,
    sv: &mut BTreeMap<&'static str, String>,
    kind: &'static str,
) {
    let approx = rng.range(2, 40) * 10;
    let delta = rng.range(1, approx / 10);
    let exact = if rng.chance(0.5) {
        approx + delta
    } else {
        approx - delta
    };
    sv.insert("injured_approx", approx.to_string());
    sv.insert("injured", exact.to_string());
    two_forms(
        rng,
        docs,
        planted,
        kind,
        "injured",
        ["injured_approx", "injured_exact"],
        [format!("about {approx}"), exact.to_string()],
        [0.3, 0.3],
    );
}

/// Writes one article: headline, byline, maybe a caption, the lead, the planted facts among filler
/// sentences and quotes in paragraphs of one to three sentences, then links and boilerplate.
#[allow(clippy::too_many_arguments)]
fn render(
    w: &Words,
    field: Field,
    index: usize,
    j: usize,
    date: Date,
    story_values: &BTreeMap<&'static str, String>,
    d: DocPlan,
    story_rng: &mut Rng,
) -> Document {
    let mut rng = Rng::derive(story_rng.next_u64(), &[j as u64]);
    let f = field.as_str();
    let mut values = story_values.clone();
    values.extend(d.values.clone());
    values.insert("outlet", d.source.clone());
    values.insert(
        "reporter",
        person(w, index * 7 + j, salt::REPORTER, &mut rng),
    );
    values.insert("pubdate", pubdate(d.published, &mut rng));
    values.insert("year", d.published.year().to_string());
    values.insert("month", format!("{:02}", d.published.month()));
    values.insert("day", format!("{:02}", d.published.day()));
    values.insert("when", when(date, d.published, &mut rng));
    values.insert("when_adj", when_adj(date, d.published, &mut rng));
    // Figures of the story in this document's own wording.
    for key in [
        "onboard",
        "injured",
        "injured_approx",
        "crew",
        "passengers",
        "detained",
    ] {
        if let Some(n) = story_values.get(key).and_then(|v| v.parse::<u64>().ok()) {
            values.insert(key, count(n, &mut rng));
        }
    }
    let mut witness_no = 0usize;
    let mut new_witness = |values: &mut BTreeMap<&'static str, String>, rng: &mut Rng| {
        witness_no += 1;
        values.insert(
            "witness",
            person(
                w,
                (index * 64 + j * 8 + witness_no) % 1_000_000,
                salt::WITNESS,
                rng,
            ),
        );
        values.insert("occupation", rng.pick(w.list("occupation")).to_string());
    };
    new_witness(&mut values, &mut rng);

    let pick = |rng: &mut Rng, slot: &str| -> &'static str {
        let ts = w.templates(f, slot);
        ts.get(rng.below(ts.len())).copied().unwrap_or("")
    };
    let headline = fill(pick(&mut rng, "headline"), &values);
    let lead = fill(pick(&mut rng, "lead"), &values);
    let mut body: Vec<String> = d
        .slots
        .iter()
        .map(|slot| fill(pick(&mut rng, slot), &values))
        .filter(|s| !s.is_empty())
        .collect();
    // Filler and quotes up to 10–40 sentences in all.
    // 10 to 40 sentences, more often long than short (the largest of three draws): about 32.
    let target = 10 + rng.range(0, 30).max(rng.range(0, 30)).max(rng.range(0, 30)) as usize;
    let mut pool: Vec<&'static str> = w.templates_with_common(f, "filler");
    pool.extend(w.templates(f, "quote").iter().copied());
    rng.shuffle(&mut pool);
    // Drawn without replacement: no sentence twice in one article.
    let fillers = target.saturating_sub(1 + body.len()).max(2);
    for &t in pool.iter().take(fillers) {
        if t.contains("{witness}") {
            new_witness(&mut values, &mut rng);
        }
        body.push(fill(t, &values));
    }
    rng.shuffle(&mut body);

    let mut text = String::with_capacity(4096);
    text.push_str(&headline);
    text.push_str("\n\n");
    text.push_str(&fill(pick(&mut rng, "byline"), &values));
    text.push_str("\n\n");
    if rng.chance(0.5) {
        text.push_str(&fill(pick(&mut rng, "caption"), &values));
        text.push_str("\n\n");
    }
    text.push_str(&lead);
    let mut i = 0;
    let mut paragraphs = 0;
    while i < body.len() {
        let n = rng.range(1, 3) as usize;
        text.push_str("\n\n");
        text.push_str(&body[i..(i + n).min(body.len())].join(" "));
        i += n;
        paragraphs += 1;
        if paragraphs == 3 && rng.chance(0.4) {
            text.push_str("\n\n");
            text.push_str(&fill(pick(&mut rng, "boiler"), &values));
        }
    }
    text.push_str("\n\nRelated:\n");
    let mut related: Vec<&'static str> = w.templates(f, "related").to_vec();
    rng.shuffle(&mut related);
    for r in related.iter().take(3) {
        text.push_str("- ");
        text.push_str(&fill(r, &values));
        text.push('\n');
    }
    if rng.chance(0.5) {
        text.push_str("\nMost read\n");
        for r in related.iter().skip(3).take(5) {
            text.push_str(&fill(r, &values));
            text.push('\n');
        }
    }
    if rng.chance(0.5) {
        text.push('\n');
        text.push_str(&format!(
            "© {} {}. All rights reserved.\n",
            d.published.year(),
            d.source
        ));
    }
    Document {
        id: d.id,
        source: Some(d.source),
        title: Some(capitalise(&headline)),
        url: None,
        published: Some(d.published),
        text,
        metadata: BTreeMap::new(),
    }
}
