//! Known entities and their names, and entity mentions in text (STUB: owned by the entities work).
use std::collections::BTreeMap;

use claimdiff_core::Entity;

use crate::{clean::Sentence, error::Result, lexicon::Sources, Lexicon};

/// Countries, demonyms, capitals and cities (with metonymy and containment), organisations.
#[derive(Debug, Default)]
pub struct Gazetteer {}

impl Gazetteer {
    pub(crate) fn load(_s: &Sources) -> Result<Gazetteer> {
        Ok(Gazetteer {})
    }

    /// The entity with this id.
    pub fn entity(&self, _id: &str) -> Option<&Entity> {
        None
    }

    /// The country an entity stands for or lies in (Baku, the Kremlin, Yekaterinburg → their
    /// country; a country → itself).
    pub fn affiliation(&self, _id: &str) -> Option<&str> {
        None
    }

    /// True when `inner` lies in `outer` (directly or through a chain of containment).
    pub fn contains(&self, _outer: &str, _inner: &str) -> bool {
        false
    }
}

/// How an entity is named at a mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MentionKind {
    /// Its canonical name or a listed alias.
    Name,
    /// A demonym ("Russian", "Azeri").
    Demonym,
    /// A place standing for its government ("Moscow", "the Kremlin").
    Metonym,
    /// A capitalised name not in the gazetteer (people, organisations).
    Proper,
    /// A short form of a name met earlier in the document ("Aliyev").
    Alias,
}

/// One entity mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityMention {
    /// First byte in the document text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Entity id.
    pub entity: String,
    /// How it is named.
    pub kind: MentionKind,
}

/// The entities of one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocEntities {
    /// Mentions in text order.
    pub mentions: Vec<EntityMention>,
    /// Entities not in the gazetteer (people, organisations), with the aliases seen.
    pub entities: Vec<Entity>,
}

/// Finds entity mentions in the kept sentences of a document text.
pub fn find_entities(_text: &str, _sentences: &[Sentence], _lex: &Lexicon) -> DocEntities {
    DocEntities::default()
}

/// Joins entities from several documents that name the same thing (aliases, transliteration
/// variants): the merged list and a map from every old id to its new one.
pub fn merge_entities(entities: Vec<Entity>) -> (Vec<Entity>, BTreeMap<String, String>) {
    let map = entities.iter().map(|e| (e.id.clone(), e.id.clone())).collect();
    (entities, map)
}
