//! Tests of the clean area: boilerplate and duplicate removal (`tests/data/clean/*.txt` with
//! `*.expect` files), sentence splitting (`tests/data/sentences.tsv`) and the seed articles
//! (snapshots of kept sentences and drop records, plus assertions on what must go and stay).
use std::{fmt::Write as _, path::Path, sync::LazyLock};

/// Panics with a message naming what was expected (tests only; clippy's `expect_used` is for
/// library code, and this keeps the failure message).
trait OrPanic<T> {
    fn or_panic(self, what: &str) -> T;
}

impl<T, E: std::fmt::Display> OrPanic<T> for Result<T, E> {
    fn or_panic(self, what: &str) -> T {
        self.unwrap_or_else(|e| panic!("{what}: {e}"))
    }
}

impl<T> OrPanic<T> for Option<T> {
    fn or_panic(self, what: &str) -> T {
        self.unwrap_or_else(|| panic!("{what}: missing"))
    }
}

use claimdiff_core::Document;
use claimdiff_extract::{clean, load_paths, split_sentences, Cleaned, Lexicon};

static LEX: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::embedded().or_panic("embedded lexicon"));

/// One line of an `.expect` file, checked against a cleaning result.
fn check(name: &str) {
    let text = std::fs::read_to_string(crate::data_path(&format!("clean/{name}.txt")))
        .or_panic("case text");
    let expect = std::fs::read_to_string(crate::data_path(&format!("clean/{name}.expect")))
        .or_panic("case expectations");
    let doc = Document::new(name, text);
    let c = clean(&doc, &LEX);
    let kept: Vec<&str> = c
        .sentences
        .iter()
        .map(|s| &doc.text[s.start..s.end])
        .collect();
    let report = || render(&doc, &c);
    for (n, line) in expect.lines().enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        let at = format!("{name}.expect:{}", n + 1);
        match cols.as_slice() {
            ["title", "-"] => assert_eq!(c.title, None, "{at}\n{}", report()),
            ["title", t] => assert_eq!(c.title.as_deref(), Some(*t), "{at}\n{}", report()),
            ["sentences", k] => assert_eq!(kept.len().to_string(), *k, "{at}\n{}", report()),
            ["boilerplate", k] => {
                assert_eq!(c.counts.boilerplate.to_string(), *k, "{at}\n{}", report())
            }
            ["duplicate", k] => {
                assert_eq!(c.counts.duplicate.to_string(), *k, "{at}\n{}", report())
            }
            ["keep", prefix] => assert!(
                kept.iter().any(|s| s.starts_with(prefix)),
                "{at}: no kept sentence starts with {prefix:?}\n{}",
                report()
            ),
            ["absent", part] => assert!(
                !kept.iter().any(|s| s.contains(part)),
                "{at}: a kept sentence contains {part:?}\n{}",
                report()
            ),
            ["drop", reason, prefix] => {
                assert!(
                    c.dropped.iter().any(|d| d.reason == *reason
                        && doc.text[d.span[0]..d.span[1]].starts_with(prefix)),
                    "{at}: no {reason} drop of {prefix:?}\n{}",
                    report()
                )
            }
            _ => panic!("{at}: bad expectation line {line:?}"),
        }
    }
    // Every range is on character boundaries, ordered, and trimmed.
    let mut last = 0;
    for s in &c.sentences {
        assert!(
            s.start >= last && s.start < s.end,
            "{name}: bad range {s:?}"
        );
        let t = doc.text.get(s.start..s.end).or_panic("char boundaries");
        assert_eq!(t, t.trim(), "{name}: untrimmed sentence");
        last = s.end;
    }
}

/// A readable rendering of a cleaning result: title, kept sentences, drop records.
fn render(doc: &Document, c: &Cleaned) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "title: {:?}", c.title);
    let _ = writeln!(
        out,
        "sentences: {} (boilerplate dropped: {}, duplicate dropped: {})",
        c.sentences.len(),
        c.counts.boilerplate,
        c.counts.duplicate
    );
    for s in &c.sentences {
        let _ = writeln!(out, "[p{}] {}", s.paragraph, &doc.text[s.start..s.end]);
    }
    out
}

/// The drop records, one a line: class, reason, span and excerpt.
fn render_drops(c: &Cleaned) -> String {
    let mut out = String::new();
    for d in &c.dropped {
        let _ = writeln!(out, "{} {} {:?} {}", d.class, d.reason, d.span, d.excerpt);
    }
    out
}

#[test]
fn clean_cases() {
    let dir = crate::data_path("clean");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .or_panic("clean cases")
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "expect").then(|| p.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    names.sort();
    assert!(names.len() >= 6, "clean cases missing: {names:?}");
    for name in &names {
        check(name);
    }
}

#[test]
fn clean_sentences_table() {
    let table =
        std::fs::read_to_string(crate::data_path("sentences.tsv")).or_panic("sentences.tsv");
    let mut rows = 0;
    for (n, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (text, expected) = line.split_once('\t').or_panic("two columns");
        let text = text.replace("\\n", "\n");
        let expected: Vec<String> = expected
            .split(" | ")
            .map(|s| s.replace("\\n", "\n"))
            .collect();
        let got: Vec<&str> = split_sentences(&text, &LEX)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, expected, "sentences.tsv:{}", n + 1);
        rows += 1;
    }
    assert!(rows >= 20);
}

#[test]
fn clean_never_panics_on_odd_text() {
    let odd = [
        "",
        "\n\n\n",
        "-\n-\n-",
        "…",
        "...",
        "é.",
        "“”",
        "![",
        "![x](",
        "**",
        "A.\u{a0}B. C.",
        "Ş. Ə. ü.",
        "\u{feff}Title\nBody text here. More body text.",
        "a\u{a0}\u{a0}.\u{a0}",
        "日本語。。。！？",
        "x\r\ny\r\n",
        "By\nBy |\nBy Ann",
    ];
    for t in odd {
        let doc = Document::new("odd", t);
        let c = clean(&doc, &LEX);
        for s in &c.sentences {
            assert!(doc.text.get(s.start..s.end).is_some(), "{t:?}: {s:?}");
        }
        for d in &c.dropped {
            assert!(doc.text.get(d.span[0]..d.span[1]).is_some(), "{t:?}: {d:?}");
        }
        for r in split_sentences(t, &LEX) {
            assert!(t.get(r).is_some());
        }
    }
}

fn seeds() -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/seeds");
    let loaded = load_paths(&[dir]);
    assert!(loaded.errors.is_empty() && loaded.warnings.is_empty());
    assert_eq!(loaded.documents.len(), 5);
    loaded.documents
}

fn seed(prefix: &str) -> Document {
    seeds()
        .into_iter()
        .find(|d| d.id.starts_with(prefix))
        .or_panic("seed")
}

#[test]
fn clean_seed_snapshots() {
    for d in seeds() {
        let c = clean(&d, &LEX);
        let short = d.id.split('_').next().unwrap_or(&d.id).to_string();
        insta::assert_snapshot!(format!("seed_{short}_kept"), render(&d, &c));
        insta::assert_snapshot!(format!("seed_{short}_dropped"), render_drops(&c));
        assert!(!c.sentences.is_empty());
    }
}

#[test]
fn clean_seed_003_article_found_in_headlines() {
    let d = seed("003_");
    let c = clean(&d, &LEX);
    let lines: Vec<&str> = d.text.lines().map(str::trim).collect();
    let title = lines
        .iter()
        .position(|l| *l == "Azerbaijan defies Russia")
        .or_panic("article title");
    let last_body = lines
        .iter()
        .rposition(|l| l.ends_with("uncertain future."))
        .or_panic("article end");
    let is_dropped = |line: &str| {
        c.dropped
            .iter()
            .any(|r| r.reason == "headline-list" && &d.text[r.span[0]..r.span[1]] == line)
    };
    // Every headline before the article and after it is dropped as a headline list.
    let before: Vec<&&str> = lines[..title].iter().filter(|l| **l != "-").collect();
    assert_eq!(before.len(), 50);
    for l in before {
        assert!(is_dropped(l), "kept headline {l:?}");
    }
    let after = &lines[last_body + 1..];
    assert!(after.len() >= 10);
    for l in after {
        assert!(is_dropped(l), "kept trailing headline {l:?}");
    }
    assert_eq!(c.title.as_deref(), Some("Azerbaijan defies Russia"));
    let kept: Vec<&str> = c
        .sentences
        .iter()
        .map(|s| &d.text[s.start..s.end])
        .collect();
    assert!(kept[0].starts_with("Since the death of two"));
    assert!(kept
        .last()
        .is_some_and(|s| s.ends_with("uncertain future.")));
    // Every sentence of the article's body paragraphs is kept.
    let body_chars: usize = lines[title + 1..=last_body]
        .iter()
        .filter(|l| l.ends_with('.'))
        .map(|l| l.len())
        .sum();
    let kept_chars: usize = kept.iter().map(|s| s.len()).sum();
    assert!(
        kept_chars + 200 > body_chars,
        "{kept_chars} of {body_chars}"
    );
}

#[test]
fn clean_seed_000_repeated_paragraphs() {
    let d = seed("000_");
    let c = clean(&d, &LEX);
    let repeated: Vec<_> = c
        .dropped
        .iter()
        .filter(|r| r.reason == "repeated-paragraph")
        .collect();
    assert!(repeated.len() >= 3, "{repeated:?}");
    assert!(repeated.iter().all(|r| r.class == "duplicate"));
    assert_eq!(
        c.counts.duplicate,
        c.dropped.iter().filter(|r| r.class == "duplicate").count()
    );
    // Each kept sentence appears once, and none carries stray markup.
    let kept: Vec<&str> = c
        .sentences
        .iter()
        .map(|s| &d.text[s.start..s.end])
        .collect();
    let mut unique = kept.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), kept.len());
    assert!(kept.iter().all(|s| !s.contains("**")));
    assert!(kept
        .iter()
        .any(|s| s.starts_with("According to Russian investigators")));
}

#[test]
fn clean_seed_004_images_byline_labels() {
    let d = seed("004_");
    let c = clean(&d, &LEX);
    let reasons = |r: &str| c.dropped.iter().filter(|x| x.reason == r).count();
    assert_eq!(reasons("image"), 2);
    assert_eq!(reasons("byline"), 1);
    assert!(reasons("section-label") >= 3);
    let kept: Vec<&str> = c
        .sentences
        .iter()
        .map(|s| &d.text[s.start..s.end])
        .collect();
    assert!(kept
        .iter()
        .all(|s| !s.contains("![") && !s.starts_with("By ")));
    for label in [
        "Azerbaijan's response",
        "Escaping Russian influence",
        "Russia's weakness",
    ] {
        assert!(!kept.contains(&label));
    }
    assert!(kept.contains(&"\"There is nothing that Russia can deprive [Azerbaijan] of that would cause it to collapse,\" Krivosheev said."));
    assert!(kept
        .last()
        .is_some_and(|s| s.ends_with("imperial ambitions.\"")));
}

#[test]
fn clean_seed_001_bullets_are_body() {
    let d = seed("001_");
    let c = clean(&d, &LEX);
    let kept: Vec<&str> = c
        .sentences
        .iter()
        .map(|s| &d.text[s.start..s.end])
        .collect();
    assert!(kept.contains(&"Azerbaijan condemned these deaths as extrajudicial killings and demanded accountability from Russia."));
    assert_eq!(c.counts.boilerplate, 0);
}

#[test]
fn clean_given_title_is_not_a_sentence() {
    let loaded = load_paths(&[crate::data_path("ingest/article.md")]);
    let d = &loaded.documents[0];
    let c = clean(d, &LEX);
    assert_eq!(
        c.title.as_deref(),
        Some("Storm closes ports along the coast")
    );
    let kept: Vec<&str> = c
        .sentences
        .iter()
        .map(|s| &d.text[s.start..s.end])
        .collect();
    assert_eq!(
        kept,
        [
            "Three ports were closed on Friday as a storm brought winds of up to 120 km/h, the port authority said.",
            "Ferries were cancelled until Sunday.",
            "About 2,000 passengers were stranded.",
            "\"We have never seen waves like this,\" said a harbour worker.",
        ]
    );
}
