//! Tests of the renderers on a hand-written fixture report (Russia–Azerbaijan, June 2025).
use std::{
    error::Error as StdError,
    path::{Path, PathBuf},
};

use claimdiff_core::{Modality, Report, Value, Verdict};
use claimdiff_report::{render, render_svg, Error, Format, RenderOptions};

type TestResult = Result<(), Box<dyn StdError>>;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn fixture() -> Result<Report, Box<dyn StdError>> {
    let text = std::fs::read_to_string(data().join("fixture_report.json"))?;
    Ok(serde_json::from_str(&text)?)
}

/// Options with the fixture documents' texts, so spans place highlights exactly.
fn fixture_options() -> Result<RenderOptions, Box<dyn StdError>> {
    let mut opts = RenderOptions::default().with_title("Deaths in Yekaterinburg");
    for id in ["apa", "reuters", "tass"] {
        let text = std::fs::read_to_string(data().join("texts").join(format!("{id}.txt")))?;
        opts = opts.with_text(id, text);
    }
    Ok(opts)
}

/// `dot` on PATH, when there is one.
fn dot_on_path() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("dot"))
        .find(|p| p.is_file())
}

#[test]
fn fixture_is_the_story() -> TestResult {
    let r = fixture()?;
    assert_eq!(r.schema, claimdiff_core::SCHEMA);
    assert_eq!(r.documents.len(), 3);
    let conflict = r
        .findings
        .iter()
        .find(|f| f.verdict == Verdict::Conflict)
        .ok_or("no conflict")?;
    assert_eq!(conflict.attribute, "cause");
    let values: Vec<&str> = conflict
        .claims
        .iter()
        .filter_map(|c| r.claim(c))
        .map(|c| c.value.text())
        .collect();
    assert!(values.contains(&"heart failure") && values.contains(&"torture"));
    assert!(r
        .findings
        .iter()
        .any(|f| f.verdict == Verdict::Agreement && f.attribute == "time"));
    // Spans point at the value's words in the texts.
    let opts = fixture_options()?;
    for c in &r.claims {
        let text = opts.texts.get(&c.document).ok_or("no text")?;
        assert_eq!(&text[c.span[0]..c.span[1]], c.value.text(), "{}", c.id);
        assert!(text.contains(&c.quote), "{}", c.id);
    }
    Ok(())
}

#[test]
fn markdown_snapshot() -> TestResult {
    let md = render(&fixture()?, Format::Markdown, &fixture_options()?)?;
    insta::assert_snapshot!("fixture_markdown", md);
    Ok(())
}

#[test]
fn dot_snapshot() -> TestResult {
    let dot = render(&fixture()?, Format::Dot, &RenderOptions::default())?;
    insta::assert_snapshot!("fixture_dot", dot);
    Ok(())
}

#[test]
fn jsonl_snapshot() -> TestResult {
    let lines = render(&fixture()?, Format::Jsonl, &RenderOptions::default())?;
    insta::assert_snapshot!("fixture_jsonl", lines);
    Ok(())
}

#[test]
fn markdown_puts_conflicts_first_and_quotes_them() -> TestResult {
    let md = render(&fixture()?, Format::Markdown, &fixture_options()?)?;
    let conflicts = md.find("## Conflicts").ok_or("no conflicts")?;
    let events = md.find("## Events").ok_or("no events")?;
    let sources = md.find("## Sources").ok_or("no sources")?;
    let documents = md.find("## Documents").ok_or("no documents")?;
    let errors = md.find("## Errors").ok_or("no errors")?;
    assert!(conflicts < events && events < sources && sources < documents && documents < errors);
    let head = &md[conflicts..events];
    assert!(head.contains("died as a result of **torture** by Russian police"));
    assert!(head.contains("died of **heart failure**"));
    assert!(md.contains("| cause | ✗ torture — The Azerbaijani government, alleged |"));
    assert!(md.contains("✓ in June 2025"));
    assert!(md.contains("| time | – on Monday |"));
    assert!(md.contains("- interfax.html: no article text left after cleaning"));
    Ok(())
}

#[test]
fn json_round_trip() -> TestResult {
    let report = fixture()?;
    let json = render(&report, Format::Json, &RenderOptions::default())?;
    assert!(json.ends_with("}\n"));
    assert_eq!(
        json,
        format!("{}\n", serde_json::to_string_pretty(&report)?)
    );
    let back: Report = serde_json::from_str(&json)?;
    assert_eq!(back, report);
    Ok(())
}

#[test]
fn json_is_byte_identical_to_the_canonical_file() -> TestResult {
    // The fixture is stored as `render(Format::Json)` writes it.
    let file = std::fs::read_to_string(data().join("fixture_report.json"))?;
    let json = render(&fixture()?, Format::Json, &RenderOptions::default())?;
    assert_eq!(json, file);
    Ok(())
}

#[test]
fn jsonl_claims_then_findings() -> TestResult {
    let report = fixture()?;
    let out = render(&report, Format::Jsonl, &RenderOptions::default())?;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), report.claims.len() + report.findings.len());
    for (line, claim) in lines.iter().zip(&report.claims) {
        // Identical to the claim object, as `claimdiff claims` writes it.
        assert_eq!(*line, serde_json::to_string(claim)?);
        let v: serde_json::Value = serde_json::from_str(line)?;
        assert!(v.get("type").is_none() && v.get("verdict").is_none());
        assert_eq!(v["document"], claim.document.as_str());
    }
    for (line, finding) in lines[report.claims.len()..].iter().zip(&report.findings) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        assert_eq!(v["type"], "finding");
        assert_eq!(v["id"], finding.id.as_str());
        let back: claimdiff_core::Finding = serde_json::from_value(v)?;
        assert_eq!(&back, finding);
    }
    Ok(())
}

#[test]
fn html_has_the_stable_hooks() -> TestResult {
    let html = render(&fixture()?, Format::Html, &fixture_options()?)?;
    for needle in [
        "<!DOCTYPE html>",
        r#"id="conflicts""#,
        r#"class="finding conflict""#,
        r#"id="heatmap""#,
        r#"id="timeline""#,
        r#"class="claim conflict""#,
        r#"data-verdict="agreement""#,
        r#"data-source="reuters""#,
        r#"id="filter-agreement""#,
        r#"id="source-filter""#,
        "<mark>torture</mark>",
        "<mark>heart failure</mark>",
        "hsl(",
        "<svg",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    // Conflicts come before the events.
    let conflicts = html.find(r#"id="conflicts""#).ok_or("conflicts")?;
    let events = html.find(r#"id="events""#).ok_or("events")?;
    assert!(conflicts < events);
    // Self-contained: no external resources.
    for needle in ["<link", " src=", "http://", "https://", "@import", "url("] {
        let allowed = needle == "http://" && html.matches("http://").count() == 1;
        assert!(
            !html.contains(needle) || allowed,
            "external reference {needle}"
        );
    }
    assert!(html.contains(r#"xmlns="http://www.w3.org/2000/svg""#));
    Ok(())
}

const SCRIPT: &str = "<script>alert(1)</script>";
const ATTR: &str = r#""><img src=x onerror=alert(1)>"#;

/// The fixture with every reader-visible string replaced by an injection attempt.
fn hostile() -> Result<(Report, RenderOptions), Box<dyn StdError>> {
    let mut r = fixture()?;
    let both = format!("{SCRIPT} {ATTR}");
    for d in &mut r.documents {
        d.source = Some(format!("{} {both}", d.id));
        d.title = Some(both.clone());
        d.warnings.push(both.clone());
    }
    for e in &mut r.entities {
        e.name = format!("{} {both}", e.name);
    }
    for e in &mut r.events {
        e.label = both.clone();
        e.kind = ATTR.to_string();
    }
    for c in &mut r.claims {
        c.speaker = Some(both.clone());
        c.attribute = format!("{} {SCRIPT}", c.attribute);
        c.quote = format!("{SCRIPT} said {} {ATTR}", c.value.text());
        c.modality = Modality::Alleged;
        c.value = Value::Text {
            text: format!("{} {ATTR}", c.value.text()),
        };
    }
    for f in &mut r.findings {
        f.explanation = both.clone();
        f.scope_note = Some(both.clone());
        f.attribute = SCRIPT.to_string();
    }
    r.errors.push(claimdiff_core::ErrorEntry {
        path: SCRIPT.to_string(),
        message: ATTR.to_string(),
    });
    let opts = RenderOptions::default()
        .with_title(both.clone())
        .with_text("apa", format!("{both} text"));
    Ok((r, opts))
}

#[test]
fn html_escapes_untrusted_text() -> TestResult {
    let (r, opts) = hostile()?;
    let html = render(&r, Format::Html, &opts)?;
    assert!(!html.contains(SCRIPT), "a script survived");
    assert!(!html.contains(ATTR), "an attribute break survived");
    assert!(!html.contains("<img"), "an image tag survived");
    assert!(!html.contains(r#"" onerror"#) && !html.contains("x onerror=alert(1)>"));
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
    assert!(html.contains("&#34;&#62;&#60;img src=x onerror=alert(1)&#62;"));
    // The highlight is built from escaped pieces.
    assert!(html.contains("<mark>torture &#34;&#62;&#60;img src=x onerror=alert(1)&#62;</mark>"));
    // Every tag in the page is one the template writes.
    let allowed = [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "div",
        "header",
        "h1",
        "h2",
        "h3",
        "p",
        "ul",
        "li",
        "span",
        "nav",
        "a",
        "form",
        "fieldset",
        "legend",
        "label",
        "input",
        "select",
        "option",
        "main",
        "section",
        "article",
        "blockquote",
        "mark",
        "br",
        "strong",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "svg",
        "line",
        "g",
        "text",
        "rect",
        "circle",
        "code",
        "footer",
        "script",
    ];
    for (i, _) in html.match_indices('<') {
        let rest = &html[i + 1..];
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if rest.starts_with("!DOCTYPE") {
            continue;
        }
        assert!(allowed.contains(&name.as_str()), "unexpected tag <{name}");
    }
    Ok(())
}

#[test]
fn markdown_escapes_untrusted_text() -> TestResult {
    let (r, opts) = hostile()?;
    let md = render(&r, Format::Markdown, &opts)?;
    // Every angle bracket and ampersand is backslash-escaped, so no markup reaches a renderer.
    for (i, _) in md.match_indices(['<', '>', '&']) {
        let line_start = md[..i].rfind('\n').map_or(0, |n| n + 1);
        let quote_marker = md[line_start..i].trim() == "" && md[i..].starts_with("> ");
        assert!(
            quote_marker || md[..i].ends_with('\\'),
            "unescaped markup at {i}: {}",
            &md[i.saturating_sub(20)..(i + 20).min(md.len())]
        );
    }
    assert!(md.contains(r"\<script\>alert(1)\</script\>"));
    // Pipes in cells are escaped: every row of the event table has the header's column count.
    let mut r2 = fixture()?;
    r2.claims[0].speaker = Some("a | b".into());
    let md = render(&r2, Format::Markdown, &RenderOptions::default())?;
    assert!(md.contains(r"a \| b"));
    let table: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("| Attribute |"))
        .take_while(|l| l.starts_with('|'))
        .collect();
    let cols = |l: &str| l.replace(r"\|", "").matches('|').count();
    assert!(table.len() > 2);
    assert!(table.iter().all(|l| cols(l) == cols(table[0])));
    Ok(())
}

#[test]
fn dot_escapes_labels() -> TestResult {
    let (r, _) = hostile()?;
    let mut r = r;
    r.documents[0].source = Some(r#"say "hi" \ back"#.into());
    let dot = render(&r, Format::Dot, &RenderOptions::default())?;
    assert!(dot.contains(r#"say \"hi\" \\ back"#));
    if let Some(program) = dot_on_path() {
        let svg = render_svg(&dot, &RenderOptions::default().with_dot_program(program))?;
        assert!(svg.contains("<svg"));
        assert!(!svg.contains(SCRIPT));
    }
    Ok(())
}

#[test]
fn dot_styles_nodes_and_colours_findings() -> TestResult {
    let dot = render(&fixture()?, Format::Dot, &RenderOptions::default())?;
    assert!(dot.starts_with("digraph claimdiff {"));
    for needle in [
        "shape=box",
        "shape=ellipse",
        "shape=diamond",
        "shape=note",
        "shape=plain",
        r#"label="F1 conflict", color=red"#,
        r#"label="F2 compatible", color=orange"#,
        r#"label="F3 agreement", color=green"#,
    ] {
        assert!(dot.contains(needle), "missing {needle}");
    }
    Ok(())
}

#[test]
fn svg_through_graphviz() -> TestResult {
    let dot = render(&fixture()?, Format::Dot, &RenderOptions::default())?;
    let opts = RenderOptions::default();
    match dot_on_path() {
        Some(_) => {
            let svg = render_svg(&dot, &opts)?;
            assert!(svg.contains("<svg") && svg.trim_end().ends_with("</svg>"));
            assert!(svg.contains("heart failure"));
        }
        None => {
            let err = render_svg(&dot, &opts)
                .err()
                .ok_or("dot ran without being installed")?;
            assert!(matches!(err, Error::DotNotFound { .. }));
        }
    }
    Ok(())
}

#[test]
fn svg_without_graphviz_is_a_clear_error() -> TestResult {
    let opts = RenderOptions::default().with_dot_program("/nonexistent/claimdiff-test/dot");
    let err = render_svg("digraph { a -> b }", &opts)
        .err()
        .ok_or("a missing program ran")?;
    assert!(matches!(err, Error::DotNotFound { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "graphviz `dot` was not found on PATH; install graphviz or use --format dot"
    );
    Ok(())
}

#[test]
fn svg_rejects_bad_dot() -> TestResult {
    let Some(program) = dot_on_path() else {
        return Ok(());
    };
    let opts = RenderOptions::default().with_dot_program(program);
    let err = render_svg("digraph { -> }", &opts)
        .err()
        .ok_or("bad DOT accepted")?;
    assert!(matches!(err, Error::DotFailed { .. }), "{err:?}");
    Ok(())
}

#[test]
fn deterministic() -> TestResult {
    let report = fixture()?;
    let opts = fixture_options()?;
    for format in Format::ALL {
        let a = render(&report, format, &opts)?;
        let b = render(&report.clone(), format, &opts.clone())?;
        assert_eq!(a, b, "{format}");
    }
    // A report read back from its own JSON renders the same.
    let back: Report = serde_json::from_str(&render(&report, Format::Json, &opts)?)?;
    for format in Format::ALL {
        assert_eq!(
            render(&report, format, &opts)?,
            render(&back, format, &opts)?
        );
    }
    Ok(())
}

#[test]
fn claims_in_context_from_texts() -> TestResult {
    // Without quotes, the sentence is cut from the document text around the span.
    let mut report = fixture()?;
    for c in &mut report.claims {
        c.quote.clear();
    }
    let opts = fixture_options()?;
    let html = render(&report, Format::Html, &opts)?;
    assert!(html
        .contains("Russian investigators said one of the men died of <mark>heart failure</mark>."));
    let md = render(&report, Format::Markdown, &opts)?;
    assert!(md.contains("> Russian investigators said one of the men died of **heart failure**."));
    // Without quotes or texts the value stands alone.
    let md = render(&report, Format::Markdown, &RenderOptions::default())?;
    assert!(
        md.contains("- **Reuters** (reuters:c4): heart failure — Russian investigators, reported")
    );
    assert!(!md.contains("> "));
    Ok(())
}

#[test]
fn empty_report_renders() -> TestResult {
    let report = Report::new();
    for format in Format::ALL {
        let out = render(&report, format, &RenderOptions::default())?;
        if format != Format::Jsonl {
            assert!(!out.is_empty(), "{format}");
        }
    }
    let html = render(&report, Format::Html, &RenderOptions::default())?;
    assert!(html.contains("No conflicts found.") && html.contains(r#"id="heatmap""#));
    let md = render(&report, Format::Markdown, &RenderOptions::default())?;
    assert!(md.starts_with("# claimdiff report\n"));
    Ok(())
}

#[test]
fn formats_parse() -> TestResult {
    for format in Format::ALL {
        assert_eq!(Format::parse(format.as_str())?, format);
        assert_eq!(format.to_string().parse::<Format>()?, format);
    }
    assert_eq!(Format::parse("MD")?, Format::Markdown);
    assert_eq!(Format::parse("ndjson")?, Format::Jsonl);
    let err = Format::parse("pdf").err().ok_or("pdf parsed")?;
    assert_eq!(
        err.to_string(),
        "unknown format \"pdf\" (expected json, jsonl, markdown, html or dot)"
    );
    Ok(())
}
