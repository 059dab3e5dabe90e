//! Event kinds, their trigger words and the counts they take.
use crate::{
    error::Result,
    lexicon::{lexicon_error, Sources},
    matcher::{kind_matches, split_list, PhraseMatch},
};

const FILE: &str = "events.tsv";

/// One event kind and the count attributes it takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct KindDef {
    pub kind: String,
    pub counts: Vec<String>,
}

/// A trigger found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Trigger {
    pub start: usize,
    pub end: usize,
    /// Index into the kinds (its priority for counts).
    pub kind: usize,
}

/// Trigger words by event kind, and the rules that tie events of a sentence together.
#[derive(Debug, Default)]
pub struct EventLexicon {
    pub(crate) kinds: Vec<KindDef>,
    /// Trigger phrases (searched through [`crate::Lexicon`]'s sentence phrases).
    triggers: Vec<String>,
    trigger_kind: Vec<usize>,
    pub(crate) absorb: Vec<(Vec<String>, Vec<String>)>,
    /// Link words that tie two events in time ("during").
    link: Vec<String>,
    /// Words of movement that make a place an origin or destination ("flight", "fled").
    movement: Vec<String>,
    pub(crate) place_words: Vec<String>,
    /// Winning words after a person or organisation ("won").
    winner: Vec<String>,
    pub(crate) winner_kinds: Vec<String>,
    /// Generic event words (searched like the triggers).
    generic: Vec<String>,
    generic_kinds: Vec<String>,
}

impl EventLexicon {
    pub(crate) fn load(s: &Sources) -> Result<EventLexicon> {
        let mut lex = EventLexicon::default();
        let mut triggers = Vec::new();
        let mut generic = Vec::new();
        let mut link = Vec::new();
        let mut movement = Vec::new();
        let mut winner = Vec::new();
        for (origin, line_no, line) in s.lines(FILE) {
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            let need = |n: usize, what: &str| {
                if fields.len() < n {
                    Err(lexicon_error(origin, line_no, what.to_string()))
                } else {
                    Ok(())
                }
            };
            match fields.first().copied().unwrap_or_default() {
                "!absorb" => {
                    need(3, "!absorb needs KINDS and HOSTS")?;
                    lex.absorb.push((
                        split_list(fields[1]).map(str::to_string).collect(),
                        split_list(fields[2]).map(str::to_string).collect(),
                    ));
                }
                "!link" => {
                    need(2, "!link needs WORDS")?;
                    link.extend(split_list(fields[1]).map(str::to_ascii_lowercase));
                }
                "!movement" => {
                    need(2, "!movement needs WORDS")?;
                    movement.extend(split_list(fields[1]).map(str::to_ascii_lowercase));
                }
                "!winner" => {
                    need(3, "!winner needs KINDS and WORDS")?;
                    lex.winner_kinds = split_list(fields[1]).map(str::to_string).collect();
                    winner.extend(split_list(fields[2]).map(str::to_ascii_lowercase));
                }
                "!place" => {
                    need(2, "!place needs WORDS")?;
                    lex.place_words
                        .extend(split_list(fields[1]).map(str::to_ascii_lowercase));
                }
                "!generic" => {
                    need(3, "!generic needs KINDS and WORDS")?;
                    for w in split_list(fields[2]) {
                        generic.push(w.to_ascii_lowercase());
                        lex.generic_kinds.push(fields[1].to_string());
                    }
                }
                d if d.starts_with('!') => {
                    return Err(lexicon_error(
                        origin,
                        line_no,
                        format!("unknown directive {d}"),
                    ));
                }
                kind => {
                    need(3, "expected KIND, COUNTS and TRIGGERS separated by tabs")?;
                    if !kind.contains('.') {
                        return Err(lexicon_error(
                            origin,
                            line_no,
                            format!("event kind {kind:?} should read Family.Kind"),
                        ));
                    }
                    let index = match lex.kinds.iter().position(|k| k.kind == kind) {
                        Some(i) => i,
                        None => {
                            lex.kinds.push(KindDef {
                                kind: kind.to_string(),
                                counts: split_list(fields[1]).map(str::to_string).collect(),
                            });
                            lex.kinds.len() - 1
                        }
                    };
                    for t in split_list(fields[2]) {
                        triggers.push(t.to_ascii_lowercase());
                        lex.trigger_kind.push(index);
                    }
                }
            }
        }
        lex.triggers = triggers;
        lex.generic = generic;
        lex.link = link;
        lex.movement = movement;
        lex.winner = winner;
        Ok(lex)
    }

    /// Triggers, generic event words, winning words, link words and words of movement, for one
    /// search over a document.
    pub(crate) fn phrase_sets(&self) -> [&[String]; 5] {
        [
            &self.triggers,
            &self.generic,
            &self.winner,
            &self.link,
            &self.movement,
        ]
    }

    /// The event triggers among matches of the trigger phrases.
    pub(crate) fn triggers(&self, found: Vec<PhraseMatch>) -> Vec<Trigger> {
        found
            .into_iter()
            .filter_map(|pm| {
                Some(Trigger {
                    start: pm.start,
                    end: pm.end,
                    kind: *self.trigger_kind.get(pm.pattern)?,
                })
            })
            .collect()
    }

    /// Generic event words among matches of their phrases: byte range and the kind pattern they
    /// may join.
    pub(crate) fn generic(&self, found: Vec<PhraseMatch>) -> Vec<(usize, usize, &str)> {
        found
            .into_iter()
            .filter_map(|pm| {
                Some((
                    pm.start,
                    pm.end,
                    self.generic_kinds.get(pm.pattern)?.as_str(),
                ))
            })
            .collect()
    }

    /// The kind name at an index.
    pub(crate) fn kind_name(&self, index: usize) -> &str {
        self.kinds
            .get(index)
            .map(|k| k.kind.as_str())
            .unwrap_or("Other.Event")
    }

    /// True when events of kind `kind` are absorbed by an event of kind `host` in one sentence.
    pub(crate) fn absorbed_by(&self, kind: &str, host: &str) -> bool {
        self.absorb.iter().any(|(kinds, hosts)| {
            kinds.iter().any(|k| kind_matches(k, kind))
                && hosts.iter().any(|h| kind_matches(h, host))
        })
    }

    /// True when kind index `kind` takes the count attribute `attribute`.
    pub(crate) fn takes_count(&self, kind: usize, attribute: &str) -> bool {
        self.kinds
            .get(kind)
            .is_some_and(|k| k.counts.iter().any(|c| c == attribute))
    }

    /// The index of a kind by name.
    pub(crate) fn kind_index(&self, kind: &str) -> Option<usize> {
        self.kinds.iter().position(|k| k.kind == kind)
    }
}
