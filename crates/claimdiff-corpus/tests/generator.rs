//! The generator's promises: determinism, streaming equal to the whole, article shape, ids,
//! planted findings that name real documents, and the gazetteer supplement of coined towns.
use std::collections::BTreeSet;

use claimdiff_corpus::{story_of, Corpus, CorpusConfig, Field};
use claimdiff_extract::{parse_input, Format, LexiconBuilder};

#[test]
fn same_seed_same_corpus_other_seed_other_corpus() {
    let cfg = CorpusConfig::new(12, 3).seed(5);
    let a = Corpus::generate(&cfg);
    assert_eq!(a, Corpus::generate(&cfg));
    let b = Corpus::generate(&cfg.clone().seed(6));
    assert_ne!(a.documents, b.documents);
    // A story alone is the same as in the corpus, and the stream is the corpus.
    assert_eq!(cfg.story(7).documents[..], a.documents[21..24]);
    let streamed: Vec<_> = cfg.documents().collect();
    assert_eq!(streamed, a.documents);
}

#[test]
fn articles_look_like_articles() {
    let cfg = CorpusConfig::new(50, 4).seed(3);
    let corpus = Corpus::generate(&cfg);
    assert_eq!(corpus.documents.len(), 200);
    let mean = corpus.text_bytes() / corpus.documents.len();
    assert!((3000..=5000).contains(&mean), "mean size {mean}");
    for d in &corpus.documents {
        assert!(!d.text.contains('{') && !d.text.contains('}'), "{}", d.text);
        assert!(d.published.is_some() && d.source.is_some() && d.title.is_some());
        let story = story_of(&d.id).unwrap_or(usize::MAX);
        assert!(story < 50, "{}", d.id);
        let sentences = d.text.matches(". ").count() + d.text.matches(".\n").count();
        assert!(
            (8..=60).contains(&sentences),
            "{} has {sentences} sentences",
            d.id
        );
    }
    // Sources of one story are different outlets.
    let outlets: BTreeSet<_> = corpus.documents[..4].iter().map(|d| &d.source).collect();
    assert_eq!(outlets.len(), 4);
}

#[test]
fn planted_findings_name_documents_of_their_story() {
    let cfg = CorpusConfig::new(20, 3).seed(9);
    let corpus = Corpus::generate(&cfg);
    let ids: BTreeSet<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    for field in Field::ALL {
        for verdict in ["conflict", "agreement"] {
            assert!(
                corpus
                    .planted
                    .iter()
                    .any(|p| p.field == field && p.verdict.as_str() == verdict),
                "no {verdict} planted for {field}"
            );
        }
    }
    for p in &corpus.planted {
        assert!(!p.documents.is_empty());
        for d in &p.documents {
            assert!(ids.contains(d.as_str()), "{d}");
            assert_eq!(story_of(d), Some(p.story));
        }
    }
}

#[test]
fn jsonl_reads_back_as_the_same_documents() {
    let cfg = CorpusConfig::new(3, 2)
        .seed(1)
        .fields(&[Field::Court, Field::Flood]);
    let mut out = Vec::new();
    let written = cfg.write_jsonl(&mut out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written.documents, 6);
    assert_eq!(written.bytes, out.len());
    let loaded = parse_input("corpus.jsonl", "corpus", &out, Format::JsonLines);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    assert_eq!(loaded.documents, Corpus::generate(&cfg).documents);
}

#[test]
fn coined_towns_past_the_real_places_join_a_lexicon() {
    let base = CorpusConfig::new(3, 1);
    let real = base.real_places();
    assert_eq!(base.gazetteer_supplement().lines().count(), 1);
    let cfg = CorpusConfig::new(real + 3, 1).seed(4);
    let supplement = cfg.gazetteer_supplement();
    assert_eq!(supplement.lines().count(), 4);
    let lex = LexiconBuilder::new()
        .add_file("gazetteer.tsv", "corpus", &supplement)
        .and_then(LexiconBuilder::build)
        .unwrap_or_else(|e| panic!("{e}"));
    let town = cfg.story(real + 1).place;
    let id = lex
        .gazetteer()
        .resolve(&town)
        .unwrap_or_else(|| panic!("{town} unknown"));
    assert!(lex.gazetteer().affiliation(id).is_some());
    assert_ne!(cfg.story(real).place, cfg.story(real + 1).place);
}
