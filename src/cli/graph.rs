//! `quotegraph graph`: extract output in, knowledge-graph files out (Neo4j CSVs or N-Triples).

use super::common::Outcome;
use anyhow::Context;
use clap::{Args, ValueEnum};
use quotegraph::export::{self, neo4j, rdf, Graph, Record};
use quotegraph::QuoteKind;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Arguments of `quotegraph graph`.
#[derive(Debug, Args)]
pub(super) struct GraphArgs {
    /// Extract output (JSON Lines, one document per line); `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// What to write.
    #[arg(long, value_enum)]
    format: GraphFormat,
    /// neo4j: folder for the CSV files (created if missing; required). rdf: output file
    /// (default: standard output).
    #[arg(short, long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// rdf: IRI prefix of every node (`<BASE>person/joe-biden`).
    #[arg(long, default_value = rdf::DEFAULT_BASE, value_name = "IRI")]
    base: String,
    /// Keep only the quotations whose `score` is at least T (their SAID and MENTIONS edges and
    /// Source nodes go with them); by default every quotation is kept. On the development sets
    /// at least a share T of the quotations scoring T or more are right (docs/quotes.md).
    #[arg(long, value_name = "T", value_parser = score_threshold)]
    min_score: Option<f32>,
}

/// A `--min-score` value: a number in [0, 1].
fn score_threshold(value: &str) -> Result<f32, String> {
    let t: f32 = value
        .parse()
        .map_err(|_| format!("{value:?} is not a number"))?;
    (0.0..=1.0)
        .contains(&t)
        .then_some(t)
        .ok_or_else(|| format!("{t} is outside [0, 1], the range of scores"))
}

/// Export formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum GraphFormat {
    /// CSV files for `neo4j-admin database import` (nodes and relationships, one file each).
    Neo4j,
    /// N-Triples with schema.org terms.
    Rdf,
}

pub(super) fn run(args: GraphArgs) -> anyhow::Result<Outcome> {
    if matches!(args.format, GraphFormat::Rdf) {
        rdf::check_base(&args.base)?;
    }
    let mut bad_lines = 0usize;
    let mut documents = Vec::new();
    let (mut read, mut dropped) = (0usize, 0usize);
    for record in records(&args.inputs) {
        match record {
            Ok(Record::Document(mut doc)) => {
                doc.text = String::new();
                // Scare quotes are never exported: they are not counted either.
                let speech = |d: &quotegraph::Document| {
                    d.quotes
                        .iter()
                        .filter(|q| q.kind != QuoteKind::Scare)
                        .count()
                };
                let before = speech(&doc);
                if let Some(t) = args.min_score {
                    doc.quotes.retain(|q| q.score >= t);
                }
                read += before;
                dropped += before - speech(&doc);
                documents.push(*doc);
            }
            Ok(Record::Failed { id, message }) => {
                eprintln!("quotegraph: warning: {id}: skipped, extract failed on it: {message}");
            }
            Err(e) => {
                bad_lines += 1;
                eprintln!("quotegraph: {}", e.chain());
            }
        }
    }
    let graph = Graph::build(&documents);
    for warning in &graph.warnings {
        eprintln!("quotegraph: warning: {warning}");
    }
    match args.format {
        GraphFormat::Neo4j => {
            let dir = args
                .out
                .as_deref()
                .context("--format neo4j needs --out DIR, the folder for the CSV files")?;
            neo4j::write_csv(&graph, dir)?;
        }
        GraphFormat::Rdf => {
            let out: Box<dyn Write> = match &args.out {
                Some(path) => Box::new(
                    File::create(path)
                        .with_context(|| format!("cannot create {}", path.display()))?,
                ),
                None => Box::new(io::stdout().lock()),
            };
            let mut out = BufWriter::new(out);
            rdf::write_ntriples(&graph, &args.base, &mut out)?;
            out.flush()?;
        }
    }
    eprintln!(
        "quotegraph: {} documents, {} entities, {} quotations, {} Source nodes",
        graph.documents.len(),
        graph.entities.len(),
        graph.quotes.len(),
        graph.sources.len()
    );
    match args.min_score {
        Some(t) => eprintln!(
            "quotegraph: --min-score {t}: kept {} of {read} quotations, dropped {dropped}",
            read - dropped
        ),
        None => eprintln!(
            "quotegraph: every quotation kept, whatever its score (--min-score T keeps those \
             scoring at least T)"
        ),
    }
    Ok(if bad_lines == 0 {
        Outcome::Success
    } else {
        Outcome::SomeFailed
    })
}

/// Every record of the named files (`-`: standard input), in order; a file that cannot be
/// opened yields one error.
pub(super) fn records(paths: &[PathBuf]) -> impl Iterator<Item = quotegraph::Result<Record>> + '_ {
    paths
        .iter()
        .flat_map(|path| -> Box<dyn Iterator<Item = _>> {
            if path.as_os_str() == "-" {
                return Box::new(export::read_records(
                    io::stdin().lock(),
                    "<stdin>".to_string(),
                ));
            }
            match File::open(path) {
                Ok(file) => Box::new(export::read_records(
                    BufReader::new(file),
                    path.display().to_string(),
                )),
                Err(source) => Box::new(std::iter::once(Err(open_error(path, source)))),
            }
        })
}

fn open_error(path: &Path, source: io::Error) -> quotegraph::Error {
    quotegraph::Error::Io {
        path: path.to_path_buf(),
        source,
    }
}
