//! Command-line arguments (clap derive) and the commands behind them: one file per subcommand
//! (its arguments and `run`), `common.rs` for what they share. No other module sees clap.

mod common;
mod eval;
mod extract;
mod graph;
mod prepare;
mod progress;
mod serve;
mod view;

use clap::{Parser, Subcommand};
pub use common::Outcome;
use eval::EvalCommand;

/// quotegraph: people, places, organizations and who-said-what from news articles, as JSON Lines.
#[derive(Debug, Parser)]
#[command(name = "quotegraph", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract entities and quotations from documents, one JSON object per line.
    Extract(extract::ExtractArgs),
    /// Score quotegraph against annotated data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Turn extract output into knowledge-graph files (Neo4j import CSVs or RDF N-Triples).
    Graph(graph::GraphArgs),
    /// Show one document of extract output (with --include-text) as an HTML page.
    View(view::ViewArgs),
    /// Split documents as the tagger does (sub-tokens, words, case classes, sentence starts),
    /// for training a model on what inference will see.
    Prepare(prepare::PrepareArgs),
    /// Serve extraction over HTTP on this machine (POST /v1/extract; /healthz, /readyz,
    /// /v1/info, /metrics): the model loaded once, documents of concurrent requests batched
    /// together.
    Serve(serve::ServeArgs),
    /// Print the JSON Schema (draft 2020-12) of one extract output record
    /// (the same as docs/extract.schema.json).
    Schema,
}

impl Cli {
    /// Runs the chosen command.
    pub fn run(self) -> anyhow::Result<Outcome> {
        match self.command {
            Command::Extract(args) => extract::run(args),
            Command::Eval(command) => eval::run(command),
            Command::Graph(args) => graph::run(args),
            Command::View(args) => view::run(args),
            Command::Prepare(args) => prepare::run(args),
            Command::Serve(args) => serve::run(args),
            Command::Schema => {
                let schema = quotegraph::output::record_schema();
                println!("{}", serde_json::to_string_pretty(&schema)?);
                Ok(Outcome::Success)
            }
        }
    }
}
