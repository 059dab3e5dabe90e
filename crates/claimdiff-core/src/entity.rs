use serde::{Deserialize, Serialize};

/// What sort of thing an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A sovereign state.
    Country,
    /// A city, region or other location.
    Place,
    /// A government body, company, agency or outlet.
    Organisation,
    /// A named person.
    Person,
    /// A collective of people (an ethnic group, "relatives", "investigators").
    Group,
    /// Anything else.
    Other,
}

impl EntityKind {
    /// The lowercase name used in data files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Country => "country",
            EntityKind::Place => "place",
            EntityKind::Organisation => "organisation",
            EntityKind::Person => "person",
            EntityKind::Group => "group",
            EntityKind::Other => "other",
        }
    }

    /// Reads a kind name as written in data files (`country`, `org`, `organization`, …).
    pub fn parse(name: &str) -> Option<EntityKind> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "country" | "state" => EntityKind::Country,
            "place" | "city" | "capital" | "region" | "location" => EntityKind::Place,
            "organisation" | "organization" | "org" | "agency" => EntityKind::Organisation,
            "person" | "people" => EntityKind::Person,
            "group" => EntityKind::Group,
            "other" => EntityKind::Other,
            _ => return None,
        })
    }
}

/// A named thing the articles talk about, with the names it goes by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable identifier (lowercase, hyphenated: `russia`, `ilham-aliyev`).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// What sort of thing it is.
    pub kind: EntityKind,
    /// Other names seen or known (sorted, without the canonical name).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The entity that contains it (Yekaterinburg is in Russia), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
}
