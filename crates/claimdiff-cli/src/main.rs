//! `claimdiff`: compare news articles about one story and report where they agree and conflict.
//!
//! Exit codes: 0 success; 1 some input failed (listed in the report's `errors`), or with
//! `--strict` any warning; 2 bad usage; 3 nothing could be done (unreadable lexicon, unwritable
//! output, unreadable claims).
use std::{
    io::{BufRead, IsTerminal, Read, Write},
    path::PathBuf,
    process::ExitCode,
};

use clap::{Parser, Subcommand, ValueEnum};

mod commands;

/// mimalloc rather than the system allocator: extraction allocates many small strings and vectors
/// on every thread, and glibc's malloc costs about a tenth of the run time there and leaves more
/// memory fragmented on large feeds (figures in the README's performance section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Compare news articles about one story: where sources agree and where they conflict.
#[derive(Debug, Parser)]
#[command(name = "claimdiff", version, about, long_about = None, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXIT_CODES: &str = "Exit codes: 0 success; 1 an input failed (see the report's errors) or, with --strict, a warning; 2 bad usage; 3 fatal (lexicon, output or claims unreadable).";

#[derive(Debug, Subcommand)]
enum Command {
    /// Analyze documents: extract claims, align events, report agreements and conflicts.
    #[command(
        after_help = "Examples:\n  claimdiff analyze data/seeds\n  claimdiff analyze --format markdown --output report.md data/seeds\n  claimdiff analyze --meta meta.json --format html --output report.html articles/\n  cat feed.jsonl | claimdiff analyze --format json -"
    )]
    Analyze(AnalyzeArgs),
    /// Print the claims of documents as JSON lines (input for `claimdiff compare`).
    #[command(
        after_help = "Examples:\n  claimdiff claims data/seeds > claims.jsonl\n  claimdiff claims data/seeds | claimdiff compare -"
    )]
    Claims(InputArgs),
    /// Compare claims given as JSON lines (from `claimdiff claims` or another tool).
    #[command(
        after_help = "Examples:\n  claimdiff claims data/seeds | claimdiff compare -\n  claimdiff compare --format markdown claims.jsonl"
    )]
    Compare(CompareArgs),
    /// Normalize the time expressions of each stdin line; print one JSON line each.
    #[command(
        after_help = "Examples:\n  echo 'last week' | claimdiff dates --reference 2025-07-14\n  printf 'in June 2025\\nthe early 1990s\\n' | claimdiff dates"
    )]
    Dates(DatesArgs),
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Json,
    Jsonl,
    Markdown,
    Html,
    Dot,
    Svg,
}

#[derive(Debug, clap::Args)]
struct InputArgs {
    /// Files or folders (.txt, .md, .html, .json, .jsonl); `-` reads a document from stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Per-document source, title, url and published date (JSON or TOML keyed by document id).
    #[arg(long, value_name = "FILE")]
    meta: Option<PathBuf>,
    /// A folder of lexicon files whose entries are added to the embedded ones.
    #[arg(long, value_name = "DIR")]
    lexicon: Vec<PathBuf>,
    /// Write to FILE instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Treat warnings (lossy decoding, renamed duplicate ids) as failures in the exit code.
    #[arg(long)]
    strict: bool,
    /// Do not estimate missing publication dates from dated paths in the text.
    #[arg(long)]
    no_date_estimate: bool,
    /// At most this many claims per document; the rest are dropped with a warning.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    max_claims: usize,
    /// The largest document in bytes (a file, or a line of a JSON-lines file); larger ones are
    /// listed in the report's errors, not read.
    #[arg(long, default_value_t = 64 << 20, value_name = "BYTES")]
    max_document_bytes: u64,
    /// At most this many documents are analyzed; the rest are listed in the report's errors.
    #[arg(long, default_value_t = 1_000_000, value_name = "N")]
    max_documents: usize,
}

#[derive(Debug, clap::Args)]
struct AnalyzeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = OutputFormat::Json)]
    format: OutputFormat,
    /// List what cleaning dropped, and why, in each document's summary.
    #[arg(long)]
    explain: bool,
}

#[derive(Debug, clap::Args)]
struct CompareArgs {
    /// A file of claims as JSON lines, or `-` for stdin.
    input: PathBuf,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = OutputFormat::Json)]
    format: OutputFormat,
    /// A folder of lexicon files whose entries are added to the embedded ones.
    #[arg(long, value_name = "DIR")]
    lexicon: Vec<PathBuf>,
    /// Write to FILE instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct DatesArgs {
    /// The date relative expressions are resolved against (YYYY-MM-DD); none leaves them
    /// unresolved.
    #[arg(long, value_name = "YYYY-MM-DD")]
    reference: Option<jiff::civil::Date>,
}

/// A failure that stops the command.
#[derive(Debug, thiserror::Error)]
enum Fatal {
    #[error("{0}")]
    Lexicon(#[from] claimdiff::extract::Error),
    #[error("{0}")]
    Claims(#[from] claimdiff::compare::Error),
    #[error("{0}")]
    Render(#[from] claimdiff::report::Error),
    #[error("cannot write {path}: {error}")]
    Write { path: String, error: std::io::Error },
    #[error("cannot read standard input: {0}")]
    Stdin(std::io::Error),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let progress = std::io::stderr().is_terminal();
    let result = match cli.command {
        Command::Analyze(a) => commands::analyze(&a, progress),
        Command::Claims(a) => commands::claims(&a, progress),
        Command::Compare(a) => commands::compare(&a),
        Command::Dates(a) => commands::dates(&a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("claimdiff: {e}");
            ExitCode::from(3)
        }
    }
}

/// Writes output to a file or stdout.
fn write_output(output: Option<&PathBuf>, text: &str) -> Result<(), Fatal> {
    match output {
        Some(p) => std::fs::write(p, text).map_err(|error| Fatal::Write {
            path: p.display().to_string(),
            error,
        }),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|error| Fatal::Write {
                    path: "standard output".into(),
                    error,
                })
        }
    }
}

fn read_stdin() -> Result<Vec<u8>, Fatal> {
    let mut buf = Vec::new();
    std::io::stdin()
        .read_to_end(&mut buf)
        .map_err(Fatal::Stdin)?;
    Ok(buf)
}

fn stdin_lines() -> impl Iterator<Item = std::io::Result<String>> {
    std::io::stdin().lock().lines()
}
