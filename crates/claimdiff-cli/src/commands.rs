//! The subcommands.
use std::{path::PathBuf, process::ExitCode};

use claimdiff::{
    compare::{compare as compare_claims, read_claims},
    core::{DocumentSummary, Dropped, Report},
    extract::{
        apply_meta, describe_times, load_paths, parse_bytes, read_meta, Format, Lexicon,
        LexiconBuilder, Loaded,
    },
    report::{render, render_svg, Format as RenderFormat, RenderOptions},
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
    c
}

/// Reads every input: paths, and `-` for one document (or JSON lines) on stdin.
fn load(input: &InputArgs) -> Result<Loaded, Fatal> {
    let (stdin, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
        input.paths.iter().partition(|p| p.as_os_str() == "-");
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let mut loaded = load_paths(&paths);
    if !stdin.is_empty() {
        let bytes = read_stdin()?;
        let first = bytes.iter().find(|b| !b.is_ascii_whitespace()).copied();
        let format = match first {
            Some(b'{') => Format::JsonLines,
            Some(b'[') => Format::Json,
            Some(b'<') => Format::Html,
            _ => Format::Text,
        };
        match parse_bytes("stdin", &bytes, format) {
            Ok(docs) => loaded.documents.extend(docs),
            Err(e) => loaded.errors.push(("-".to_string(), e)),
        }
    }
    if let Some(meta) = &input.meta {
        match read_meta(meta) {
            Ok(m) => apply_meta(&mut loaded.documents, &m),
            Err(e) => loaded.errors.push((meta.display().to_string(), e)),
        }
    }
    Ok(loaded)
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

/// Extracts with a progress bar on stderr when it is a terminal and the input is long.
fn extract_with_progress(
    analyzer: &Analyzer,
    loaded: Loaded,
    progress: bool,
) -> (
    Vec<claimdiff::extract::Extraction>,
    Vec<claimdiff::core::ErrorEntry>,
) {
    let n = loaded.documents.len() as u64;
    if !progress || n < 20 {
        return analyzer.extract_loaded(loaded);
    }
    let bar = indicatif::ProgressBar::new(n);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} documents ({per_sec}, {eta})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let out = analyzer.extract_loaded_with_progress(loaded, &|| bar.inc(1));
    bar.finish_and_clear();
    out
}

pub(crate) fn analyze(args: &AnalyzeArgs, progress: bool) -> Result<ExitCode, Fatal> {
    let analyzer = Analyzer::new(
        lexicon(&args.input.lexicon)?,
        config(&args.input, args.explain),
    );
    let loaded = load(&args.input)?;
    let (extractions, errors) = extract_with_progress(&analyzer, loaded, progress);
    let report = analyzer.report(extractions, errors);
    write_output(
        args.input.output.as_ref(),
        &render_report(&report, args.format)?,
    )?;
    Ok(exit_code(&report, args.input.strict))
}

pub(crate) fn claims(args: &InputArgs, progress: bool) -> Result<ExitCode, Fatal> {
    let analyzer = Analyzer::new(lexicon(&args.lexicon)?, config(args, false));
    let loaded = load(args)?;
    let (extractions, errors) = extract_with_progress(&analyzer, loaded, progress);
    let (_, claims) = analyzer.merged_claims(&extractions);
    let mut out = String::new();
    for c in &claims {
        out.push_str(&serde_json::to_string(c).unwrap_or_default());
        out.push('\n');
    }
    write_output(args.output.as_ref(), &out)?;
    for e in &errors {
        eprintln!("claimdiff: {}: {}", e.path, e.message);
    }
    let mut report = Report::new();
    report.errors = errors;
    report.documents = extractions.into_iter().map(|x| x.summary).collect();
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
    let mut docs: Vec<String> = claims.iter().map(|c| c.document.clone()).collect();
    docs.sort();
    docs.dedup();
    report.documents = docs
        .into_iter()
        .map(|id| DocumentSummary {
            unique_claims: comparison.unique_claims.get(&id).copied().unwrap_or(0),
            published: claims
                .iter()
                .find(|c| c.document == id)
                .and_then(|c| c.published),
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
