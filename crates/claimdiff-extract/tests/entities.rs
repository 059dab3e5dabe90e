//! Tests of the entities area: the shared mention table, containment and affiliation, name
//! resolution, alias linking within a document, and merging entities across documents.
use std::sync::LazyLock;

use claimdiff_core::{Entity, EntityKind};
use claimdiff_extract::{find_entities, merge_entities, DocEntities, Lexicon, Sentence};

/// The embedded lexicon, compiled once for all tests.
static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::embedded().unwrap_or_else(|e| panic!("the embedded lexicon must load: {e}"))
});

/// Entities of `text`, read as one sentence (until the sentence splitter lands).
fn entities_of(text: &str) -> DocEntities {
    let whole = [Sentence {
        start: 0,
        end: text.len(),
        paragraph: 0,
    }];
    find_entities(text, &whole, &LEX)
}

/// The mentions of one sentence rendered as `surface=id:kind; …`, or `-` for none.
fn check(sentence: &str) -> String {
    let found = entities_of(sentence);
    let rendered: Vec<String> = found
        .mentions
        .iter()
        .map(|m| {
            let surface = sentence.get(m.start..m.end).unwrap_or("<bad range>");
            format!("{surface}={}:{}", m.entity, m.kind.as_str())
        })
        .collect();
    if rendered.is_empty() {
        "-".to_string()
    } else {
        rendered.join("; ")
    }
}

#[test]
fn entities_table() {
    let path = crate::data_path("entities.tsv");
    let table = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut failures = Vec::new();
    let mut cases = 0;
    for (n, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((sentence, expected)) = line.split_once('\t') else {
            panic!("entities.tsv:{}: expected SENTENCE<TAB>EXPECTED", n + 1);
        };
        cases += 1;
        let got = check(sentence);
        if got != expected.trim() {
            failures.push(format!(
                "entities.tsv:{}: {sentence}\n  expected: {expected}\n  got:      {got}",
                n + 1
            ));
        }
    }
    assert!(
        cases >= 60,
        "the table should hold at least 60 cases, not {cases}"
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn entities_check_can_fail() {
    // The helper must tell a wrong expectation from a right one.
    assert_ne!(
        check("Russia and Azerbaijan."),
        "Russia=russia:demonym; Azerbaijan=azerbaijan:name"
    );
    assert_eq!(
        check("Russia and Azerbaijan."),
        "Russia=russia:name; Azerbaijan=azerbaijan:name"
    );
}

#[test]
fn entities_affiliation_and_containment() {
    let gaz = LEX.gazetteer();
    for (id, country) in [
        ("baku", Some("azerbaijan")),
        ("the-kremlin", Some("russia")),
        ("moscow", Some("russia")),
        ("yekaterinburg", Some("russia")),
        ("grozny", Some("russia")),
        ("aktau", Some("kazakhstan")),
        ("white-house", Some("united-states")),
        ("fsb", Some("russia")),
        ("russia", Some("russia")),
        ("nagorno-karabakh", Some("azerbaijan")),
        ("united-nations", None),
        ("nato", None),
        ("supreme-court", None),
        ("no-such-entity", None),
    ] {
        assert_eq!(gaz.affiliation(id), country, "affiliation of {id}");
    }
    assert!(gaz.contains("russia", "yekaterinburg"));
    assert!(gaz.contains("russia", "grozny"));
    assert!(gaz.contains("chechnya", "grozny"));
    assert!(gaz.contains("azerbaijan", "nagorno-karabakh"));
    assert!(gaz.contains("united-states", "white-house"));
    assert!(!gaz.contains("russia", "russia"), "nothing contains itself");
    assert!(
        !gaz.contains("yekaterinburg", "russia"),
        "containment has a direction"
    );
    assert!(!gaz.contains("russia", "baku"));
    assert!(!gaz.contains("russia", "unknown-place"));

    let karabakh = gaz.entity("nagorno-karabakh").map(|e| e.within.clone());
    assert_eq!(karabakh, Some(Some("azerbaijan".to_string())));
    assert_eq!(
        gaz.entity("russia").map(|e| e.kind),
        Some(EntityKind::Country)
    );
    assert_eq!(
        gaz.entity("csto").map(|e| e.kind),
        Some(EntityKind::Organisation)
    );
}

#[test]
fn entities_gazetteer_is_broad() {
    let gaz = LEX.gazetteer();
    let count = |k: EntityKind| gaz.entities().iter().filter(|e| e.kind == k).count();
    assert!(
        count(EntityKind::Country) >= 195,
        "countries: {}",
        count(EntityKind::Country)
    );
    assert!(
        count(EntityKind::Place) >= 500,
        "places: {}",
        count(EntityKind::Place)
    );
    assert!(
        count(EntityKind::Organisation) >= 200,
        "organisations: {}",
        count(EntityKind::Organisation)
    );
    for e in gaz.entities() {
        assert_eq!(
            e.id,
            claimdiff_core::slug(&e.id),
            "id {:?} is not a slug",
            e.id
        );
        if let Some(w) = &e.within {
            assert!(gaz.entity(w).is_some(), "{} lies in unknown {w}", e.id);
        }
    }
}

#[test]
fn entities_resolve() {
    let gaz = LEX.gazetteer();
    for (name, id) in [
        ("the U.S.", Some("united-states")),
        ("USA", Some("united-states")),
        ("America", Some("united-states")),
        ("Britain", Some("united-kingdom")),
        ("Azeri", Some("azerbaijan")),
        ("Azerbaijanis", Some("azerbaijan")),
        ("Türkiye", Some("turkey")),
        ("Turkiye", Some("turkey")),
        ("kiev", Some("kyiv")),
        ("RUSSIA", Some("russia")),
        ("Russia's", Some("russia")),
        ("Kremlin", Some("the-kremlin")),
        (
            "Investigative Committee",
            Some("russian-investigative-committee"),
        ),
        ("CSTO", Some("csto")),
        ("us", None),
        ("who", None),
        ("Nowhere Land", None),
        ("", None),
    ] {
        assert_eq!(gaz.resolve(name), id, "resolve({name:?})");
    }
}

#[test]
fn entities_aliases_link_within_a_document() {
    let text = "Azerbaijani President Ilham Aliyev spoke on Monday. Aliyev said the deaths were \
                murder. Vladimir Krivosheev, a Russian official, disagreed. Krivosheev told \
                reporters the Collective Security Treaty Organization would not meet. \
                The Public Policy Research Center (PPRC) said the PPRC would publish data. \
                Russia's Foreign Ministry and Azerbaijan's Foreign Ministry traded notes; \
                the Foreign Ministry in Baku later apologised.";
    let found = entities_of(text);
    let at = |surface: &str, nth: usize| -> Option<(String, &'static str)> {
        let start = text.match_indices(surface).nth(nth)?.0;
        found
            .mentions
            .iter()
            .find(|m| m.start == start && m.end == start + surface.len())
            .map(|m| (m.entity.clone(), m.kind.as_str()))
    };
    let some = |id: &str, kind: &'static str| Some((id.to_string(), kind));
    assert_eq!(at("Ilham Aliyev", 0), some("ilham-aliyev", "proper"));
    assert_eq!(at("Aliyev", 1), some("ilham-aliyev", "alias"));
    assert_eq!(at("Krivosheev", 1), some("vladimir-krivosheev", "alias"));
    assert_eq!(
        at("PPRC", 1),
        some("public-policy-research-center", "alias")
    );
    assert_eq!(
        at("Foreign Ministry", 0),
        some("russia-foreign-ministry", "proper")
    );
    assert_eq!(
        at("Foreign Ministry", 1),
        some("azerbaijan-foreign-ministry", "proper")
    );
    assert_eq!(
        at("Foreign Ministry", 2),
        some("azerbaijan-foreign-ministry", "alias")
    );

    let entity = |id: &str| found.entities.iter().find(|e| e.id == id);
    let aliyev = entity("ilham-aliyev").unwrap_or_else(|| panic!("no ilham-aliyev in {found:#?}"));
    assert_eq!(aliyev.kind, EntityKind::Person);
    assert_eq!(aliyev.aliases, vec!["Aliyev".to_string()]);
    let krivosheev = entity("vladimir-krivosheev").map(|e| e.kind);
    assert_eq!(krivosheev, Some(EntityKind::Person));
    let pprc = entity("public-policy-research-center");
    assert_eq!(pprc.map(|e| e.kind), Some(EntityKind::Organisation));
    assert_eq!(
        pprc.map(|e| e.aliases.clone()),
        Some(vec!["PPRC".to_string()])
    );
    let ministry = entity("russia-foreign-ministry");
    assert_eq!(
        ministry.and_then(|e| e.within.clone()),
        Some("russia".to_string())
    );
    // Gazetteer entities are not repeated among the document's new entities.
    assert!(entity("csto").is_none() && entity("russia").is_none());
    let ids: Vec<&str> = found.entities.iter().map(|e| e.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "entities are sorted by id");
}

#[test]
fn entities_never_panic_on_odd_input() {
    for text in [
        "",
        " ",
        "’s",
        "'s 's",
        "A",
        "(PPRC)",
        "Mr.",
        "al-",
        "Президент России Владимир Путин сказал",
        "🇷🇺 Russia 🇦🇿 Azerbaijan’",
        "The\u{a0}Kremlin\u{2019}s",
        "U.S.A.S.U",
        "a-b-c-D-e (X) (YY) ((ZZ))",
    ] {
        let found = entities_of(text);
        for m in &found.mentions {
            assert!(text.get(m.start..m.end).is_some(), "bad range in {text:?}");
        }
    }
    // Sentences out of range or off character boundaries are skipped, not trusted.
    let text = "Baku’s answer";
    let odd = [
        Sentence {
            start: 5,
            end: 6,
            paragraph: 0,
        },
        Sentence {
            start: 0,
            end: 999,
            paragraph: 0,
        },
    ];
    let found = find_entities(text, &odd, &LEX);
    assert_eq!(found.mentions.len(), 1);
}

/// A person entity for merge tests.
fn person(id: &str, name: &str) -> Entity {
    Entity {
        id: id.to_string(),
        name: name.to_string(),
        kind: EntityKind::Person,
        aliases: Vec::new(),
        within: None,
    }
}

#[test]
fn entities_merge_joins_transliterations_and_surnames() {
    let mut org = person(
        "collective-security-treaty-organisation",
        "Collective Security Treaty Organisation",
    );
    org.kind = EntityKind::Organisation;
    org.aliases = vec!["CSTO".to_string()];
    let mut acronym = person("csto", "CSTO");
    acronym.kind = EntityKind::Organisation;
    let input = vec![
        person("huseyn-safarov", "Huseyn Safarov"),
        person("guseyn-safarov", "Guseyn Safarov"),
        person("tokayev", "Tokayev"),
        person("tokaev", "Tokaev"),
        person("recep-tayyip-erdogan", "Recep Tayyip Erdoğan"),
        person("recep-tayyip-erdogan", "Recep Tayyip Erdogan"),
        person("ilham-aliyev", "Ilham Aliyev"),
        person("aliyev", "Aliyev"),
        person("yevgeny-prigozhin", "Yevgeny Prigozhin"),
        person("evgeny-prigozhin", "Evgeny Prigozhin"),
        org,
        acronym,
    ];
    let (merged, map) = merge_entities(input.clone());
    let new = |id: &str| map.get(id).map(String::as_str);
    assert_eq!(new("huseyn-safarov"), new("guseyn-safarov"));
    assert_eq!(new("tokayev"), new("tokaev"));
    assert_eq!(new("aliyev"), Some("ilham-aliyev"));
    assert_eq!(new("yevgeny-prigozhin"), new("evgeny-prigozhin"));
    assert_eq!(new("csto"), Some("collective-security-treaty-organisation"));
    assert_eq!(new("recep-tayyip-erdogan"), Some("recep-tayyip-erdogan"));
    assert_eq!(map.len(), 11, "every old id is mapped");
    assert_eq!(merged.len(), 6);
    let safarov = merged
        .iter()
        .find(|e| Some(e.id.as_str()) == new("huseyn-safarov"));
    let aliases = safarov.map(|e| e.aliases.clone()).unwrap_or_default();
    assert!(
        aliases.contains(&"Guseyn Safarov".to_string())
            || aliases.contains(&"Huseyn Safarov".to_string())
    );
    let aliyev = merged
        .iter()
        .find(|e| e.id == "ilham-aliyev")
        .map(|e| e.aliases.clone());
    assert_eq!(aliyev, Some(vec!["Aliyev".to_string()]));

    // Deterministic: the input order does not matter, and the output is sorted.
    let mut reversed = input;
    reversed.reverse();
    let (again, map_again) = merge_entities(reversed);
    assert_eq!(again, merged);
    assert_eq!(map_again, map);
    assert!(merged.windows(2).all(|w| w[0].id < w[1].id));
}

#[test]
fn entities_merge_keeps_different_names_apart() {
    let input = vec![
        person("ivanov", "Ivanov"),
        person("ivanova", "Ivanova"),
        person("aliyev", "Aliyev"),
        person("alieva", "Alieva"),
        person("volodymyr-zelensky", "Volodymyr Zelensky"),
        person("olena-zelenska", "Olena Zelenska"),
        person("hansen", "Hansen"),
        person("jansen", "Jansen"),
        person("huseyn-safarov", "Huseyn Safarov"),
        person("ziyaddin-safarov", "Ziyaddin Safarov"),
        person("safarov", "Safarov"),
        person("daniel-smith", "Daniel Smith"),
        person("danielle-smith", "Danielle Smith"),
    ];
    let (merged, map) = merge_entities(input);
    assert_eq!(merged.len(), 13, "nothing joins: {merged:#?}");
    assert!(map.iter().all(|(old, new)| old == new));
    // A person and an organisation never join, even under one name.
    let mut org = person("georgian-dream", "Georgian Dream");
    org.kind = EntityKind::Organisation;
    let (merged, _) = merge_entities(vec![org, person("georgian-dreams", "Georgian Dreams")]);
    assert_eq!(merged.len(), 2);
}
