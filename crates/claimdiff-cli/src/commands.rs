//! The subcommands.
use std::{path::PathBuf, process::ExitCode};

use claimdiff::{
    compare::{compare as compare_claims, read_claims},
    core::{DocumentSummary, Dropped, ErrorEntry, Report},
    extract::{
        apply_meta, describe_times, read_meta, stream_paths, stream_reader, Extraction, Lexicon,
        LexiconBuilder, Loaded,
    },
    report::{render, render_svg, render_to, Format as RenderFormat, RenderOptions},
    Analyzer, Config,
};

use crate::{
    read_stdin, stdin_lines, write_output, AnalyzeArgs, CompareArgs, DatesArgs, Fatal, InputArgs,
    OutputFormat,
};

fn lexicon(dirs: &[PathBuf]) -> Result<Lexicon, Fatal> {
    let mut b = LexiconBuilder::new();
    for d in dirs {
        b = b.add_dir(d)?;
    }
    Ok(b.build()?)
}

fn config(input: &InputArgs, explain: bool) -> Config {
    let mut c = Config::default();
    c.extract.explain = explain;
    c.extract.estimate_published = !input.no_date_estimate;
    c.extract.max_claims_per_document = input.max_claims;
    c.read.max_document_bytes = input.max_document_bytes;
    c.max_documents = input.max_documents;
    c
}

/// Reads and extracts every input part by part (files, chunks of JSON-lines files, and `-` for
/// stdin), so the text of a large feed is never held whole. A progress line goes to stderr when
/// it is a terminal.
fn extract_inputs(
    analyzer: &Analyzer,
    input: &InputArgs,
    progress: bool,
) -> Result<(Vec<Extraction>, Vec<ErrorEntry>), Fatal> {
    let bar = if progress {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} documents ({per_sec})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let tick = || bar.inc(1);
    let mut collector = analyzer.collector(&tick);
    let mut meta_error = None;
    let meta = match &input.meta {
        Some(path) => match read_meta(path) {
            Ok(m) => Some(m),
            Err(e) => {
                meta_error = Some((path.display().to_string(), e));
                None
            }
        },
        None => None,
    };
    let mut add = |mut part: Loaded| {
        if let Some(m) = &meta {
            apply_meta(&mut part.documents, m);
        }
        collector.add(part);
    };
    if let Some(e) = meta_error {
        let mut part = Loaded::default();
        part.errors.push(e);
        add(part);
    }
    let (stdin, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
        input.paths.iter().partition(|p| p.as_os_str() == "-");
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    stream_paths(&paths, &analyzer.config().read, &mut add);
    if !stdin.is_empty() {
        // Every document, error and warning of the stream: a broken JSON line among good ones is
        // reported, not lost. JSON lines are read in chunks, as from a file.
        let stdin = std::io::stdin().lock();
        stream_reader("-", "stdin", stdin, &analyzer.config().read, &mut add);
    }
    let out = collector.finish();
    bar.finish_and_clear();
    Ok(out)
}

fn exit_code(report: &Report, strict: bool) -> ExitCode {
    let failed = report
        .errors
        .iter()
        .any(|e| !e.message.starts_with("warning:"));
    let warned = report
        .errors
        .iter()
        .any(|e| e.message.starts_with("warning:"))
        || report.documents.iter().any(|d| !d.warnings.is_empty());
    if failed || (strict && warned) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn render_report(report: &Report, format: OutputFormat) -> Result<String, Fatal> {
    let opts = RenderOptions::default();
    Ok(match format {
        OutputFormat::Json => render(report, RenderFormat::Json, &opts)?,
        OutputFormat::Jsonl => render(report, RenderFormat::Jsonl, &opts)?,
        OutputFormat::Markdown => render(report, RenderFormat::Markdown, &opts)?,
        OutputFormat::Html => render(report, RenderFormat::Html, &opts)?,
        OutputFormat::Dot => render(report, RenderFormat::Dot, &opts)?,
        OutputFormat::Svg => render_svg(&render(report, RenderFormat::Dot, &opts)?, &opts)?,
    })
}

/// Writes the report: JSON and JSON lines as they are produced (a large report is never held
/// whole as text), other formats rendered first.
fn write_report(
    output: Option<&PathBuf>,
    report: &Report,
    format: OutputFormat,
) -> Result<(), Fatal> {
    let streamed = match format {
        OutputFormat::Json => RenderFormat::Json,
        OutputFormat::Jsonl => RenderFormat::Jsonl,
        _ => return write_output(output, &render_report(report, format)?),
    };
    let opts = RenderOptions::default();
    let fail = |path: String| {
        move |e: claimdiff::report::Error| match e {
            claimdiff::report::Error::Write(error) => Fatal::Write { path, error },
            other => Fatal::Render(other),
        }
    };
    match output {
        Some(p) => {
            let file = std::fs::File::create(p).map_err(|error| Fatal::Write {
                path: p.display().to_string(),
                error,
            })?;
            let mut w = std::io::BufWriter::new(file);
            render_to(report, streamed, &opts, &mut w).map_err(fail(p.display().to_string()))?;
            std::io::Write::flush(&mut w).map_err(|error| Fatal::Write {
                path: p.display().to_string(),
                error,
            })
        }
        None => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            render_to(report, streamed, &opts, &mut w).map_err(fail("standard output".into()))?;
            std::io::Write::flush(&mut w).map_err(|error| Fatal::Write {
                path: "standard output".into(),
                error,
            })
        }
    }
}

pub(crate) fn analyze(args: &AnalyzeArgs, progress: bool) -> Result<ExitCode, Fatal> {
    let analyzer = Analyzer::new(
        lexicon(&args.input.lexicon)?,
        config(&args.input, args.explain),
    );
    let (extractions, errors) = extract_inputs(&analyzer, &args.input, progress)?;
    let report = analyzer.report(extractions, errors);
    write_report(args.input.output.as_ref(), &report, args.format)?;
    Ok(exit_code(&report, args.input.strict))
}

pub(crate) fn claims(args: &InputArgs, progress: bool) -> Result<ExitCode, Fatal> {
    let analyzer = Analyzer::new(lexicon(&args.lexicon)?, config(args, false));
    let (extractions, errors) = extract_inputs(&analyzer, args, progress)?;
    let (_, claims) = analyzer.merged_claims(&extractions);
    let mut out = String::new();
    for c in &claims {
        out.push_str(&serde_json::to_string(c).unwrap_or_default());
        out.push('\n');
    }
    write_output(args.output.as_ref(), &out)?;
    // Messages of input errors already start with their path.
    for e in &errors {
        if e.message.starts_with(&e.path) {
            eprintln!("claimdiff: {}", e.message);
        } else {
            eprintln!("claimdiff: {}: {}", e.path, e.message);
        }
    }
    let mut report = Report::new();
    report.errors = errors;
    report.documents = extractions.into_iter().map(|x| x.summary).collect();
    for d in &report.documents {
        for w in &d.warnings {
            eprintln!("claimdiff: warning: {}: {w}", d.id);
        }
    }
    Ok(exit_code(&report, args.strict))
}

pub(crate) fn compare(args: &CompareArgs) -> Result<ExitCode, Fatal> {
    let lex = lexicon(&args.lexicon)?;
    let claims = if args.input.as_os_str() == "-" {
        let bytes = read_stdin()?;
        read_claims(bytes.as_slice(), "-")?
    } else {
        let file =
            std::fs::File::open(&args.input).map_err(|error| claimdiff::compare::Error::Io {
                source_name: args.input.display().to_string(),
                error,
            })?;
        read_claims(
            std::io::BufReader::new(file),
            &args.input.display().to_string(),
        )?
    };
    let comparison = compare_claims(&claims, &lex, &Config::default().compare);
    let mut report = Report::new();
    // Each document with the publication date of its first claim.
    let mut docs: std::collections::BTreeMap<String, Option<jiff::civil::Date>> =
        std::collections::BTreeMap::new();
    for c in &claims {
        docs.entry(c.document.clone()).or_insert(c.published);
    }
    report.documents = docs
        .into_iter()
        .map(|(id, published)| DocumentSummary {
            unique_claims: comparison.unique_claims.get(&id).copied().unwrap_or(0),
            published,
            id,
            source: None,
            title: None,
            published_from: None,
            sentences: 0,
            dropped: Dropped::default(),
            dropped_items: Vec::new(),
            warnings: Vec::new(),
        })
        .collect();
    report.events = comparison.events;
    report.claims = comparison.claims;
    report.findings = comparison.findings;
    report.sources = comparison.sources;
    write_output(args.output.as_ref(), &render_report(&report, args.format)?)?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn dates(args: &DatesArgs) -> Result<ExitCode, Fatal> {
    let lex = Lexicon::embedded()?;
    let mut out = String::new();
    for line in stdin_lines() {
        let line = line.map_err(Fatal::Stdin)?;
        let d = describe_times(&line, args.reference, &lex);
        out.push_str(&serde_json::to_string(&d).unwrap_or_default());
        out.push('\n');
    }
    write_output(None, &out)?;
    Ok(ExitCode::SUCCESS)
}
