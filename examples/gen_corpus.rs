//! Writes a generated corpus as JSON lines that `claimdiff analyze` reads.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --stories 100 --sources 5 --seed 1 > corpus.jsonl
//! claimdiff analyze --format json corpus.jsonl
//! ```
//!
//! Options: `--stories N` (default 10), `--sources M` (articles per story, default 5), `--seed S`
//! (default 0), `--fields crash,quake,flood,election,court` (default all), `--start YYYY-MM-DD`
//! (the first story's date), `--planted FILE` (the planted findings as JSON lines),
//! `--lexicon-out DIR` (writes `DIR/gazetteer.tsv` with the coined towns of stories past the real
//! places, for `claimdiff analyze --lexicon DIR`), `--output FILE` (instead of standard output).
//! The corpus is written one story at a time: 100,000 documents (about 400 MB) never sit in
//! memory.
use std::{
    io::{BufWriter, Write},
    path::PathBuf,
    process::ExitCode,
};

use claimdiff_corpus::{CorpusConfig, Field};

const USAGE: &str = "usage: gen_corpus [--stories N] [--sources M] [--seed S] [--fields a,b] \
                     [--start YYYY-MM-DD] [--planted FILE] [--lexicon-out DIR] [--output FILE]";

struct Args {
    config: CorpusConfig,
    planted: Option<PathBuf>,
    lexicon_out: Option<PathBuf>,
    output: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        config: CorpusConfig::default(),
        planted: None,
        lexicon_out: None,
        output: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--help" || flag == "-h" {
            return Err(USAGE.to_string());
        }
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let number = |v: &str| {
            v.parse::<u64>()
                .map_err(|e| format!("{flag} {v:?}: {e}\n{USAGE}"))
        };
        match flag.as_str() {
            "--stories" => args.config.stories = number(&value)? as usize,
            "--sources" => args.config.sources_per_story = (number(&value)? as usize).max(1),
            "--seed" => args.config.seed = number(&value)?,
            "--fields" => {
                args.config.fields = value
                    .split(',')
                    .map(|f| f.trim().parse::<Field>().map_err(|e| e.to_string()))
                    .collect::<Result<_, _>>()?;
            }
            "--start" => {
                args.config.start_date = value
                    .parse()
                    .map_err(|e| format!("--start {value:?}: {e}"))?;
            }
            "--planted" => args.planted = Some(value.into()),
            "--lexicon-out" => args.lexicon_out = Some(value.into()),
            "--output" | "-o" => args.output = Some(value.into()),
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    Ok(args)
}

fn run(args: &Args) -> Result<(), String> {
    let cfg = &args.config;
    let written = match &args.output {
        Some(path) => {
            let f = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
            cfg.write_jsonl(BufWriter::new(f))
        }
        None => cfg.write_jsonl(BufWriter::new(std::io::stdout().lock())),
    }
    .map_err(|e| format!("writing the corpus: {e}"))?;
    if let Some(path) = &args.planted {
        let f = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut out = BufWriter::new(f);
        for story in cfg.stories_iter() {
            for p in &story.planted {
                let row = serde_json::json!({
                    "story": p.story,
                    "field": p.field.as_str(),
                    "event_kind": p.event_kind,
                    "attribute": p.attribute,
                    "verdict": p.verdict,
                    "basis": p.basis,
                    "values": p.values,
                    "documents": p.documents,
                });
                writeln!(out, "{row}").map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
        out.flush()
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if let Some(dir) = &args.lexicon_out {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = dir.join("gazetteer.tsv");
        std::fs::write(&path, cfg.gazetteer_supplement())
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    eprintln!(
        "gen_corpus: {} documents, {:.1} MB of text, {:.1} MB written",
        written.documents,
        written.text_bytes as f64 / 1e6,
        written.bytes as f64 / 1e6
    );
    Ok(())
}

fn main() -> ExitCode {
    match parse_args().and_then(|a| run(&a)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
