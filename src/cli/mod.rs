//! Command-line arguments (clap derive) and the commands behind them. No other module sees clap.

mod eval;
mod extract;
mod graph;
mod progress;
mod view;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

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
    Extract(ExtractArgs),
    /// Score quotegraph against annotated data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Turn extract output into knowledge-graph files (Neo4j import CSVs or RDF N-Triples).
    Graph(graph::GraphArgs),
    /// Show one document of extract output (with --include-text) as an HTML page.
    View(view::ViewArgs),
}

/// Model selection shared by every command that runs the tagger.
#[derive(Debug, Args)]
struct ModelArgs {
    /// Model directory in Hugging Face layout (config.json, tokenizer.json, model.safetensors).
    /// Defaults to $QUOTEGRAPH_MODEL, else the bundled models/quotegraph-ner-minilm.
    #[arg(long, value_name = "DIR")]
    model: Option<PathBuf>,
    /// Windows of sub-tokens per forward pass.
    #[arg(long, default_value_t = quotegraph::tagging::DEFAULT_BATCH_SIZE, value_name = "N")]
    batch_size: usize,
    /// Most sub-tokens per model window (longer documents get overlapping windows). Default:
    /// the window the model was trained with, else 254.
    #[arg(long, value_name = "N")]
    window: Option<usize>,
    /// Number format of the network: auto (int8 on x86 CPUs with AVX2 for BERT and RoBERTa
    /// models unless the CPU has AMX-BF16, else bf16 on CPUs with AVX512-BF16, else f32), f32, bf16 (emulated and slow
    /// without AVX512-BF16: a warning says so), int8 (x86 CPUs with AVX2).
    #[arg(long, default_value = "auto", value_name = "P")]
    precision: quotegraph::tagging::Precision,
}

#[derive(Debug, Args)]
struct ExtractArgs {
    /// Inputs: `.txt` files (one document each, id = the path as given), `.html`/`.htm` pages
    /// (their main text), `.jsonl` files (one `{"id": …, "text": …}` per line), directories
    /// (those files, recursively, ids relative to the directory). None, or `-`, reads
    /// standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Standard input holds JSON Lines records instead of one plain-text document.
    #[arg(long)]
    jsonl: bool,
    /// JSON Lines field holding the document id.
    #[arg(long, default_value = "id", value_name = "NAME")]
    id_field: String,
    /// JSON Lines field holding the document text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_field: String,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Append to the --output file, skipping input records whose id it already holds (a torn
    /// last line from an interrupted run is cut off first).
    #[arg(long, requires = "output", conflicts_with = "pretty")]
    resume: bool,
    /// Indent the JSON (for reading one document; not JSON Lines any more).
    #[arg(long)]
    pretty: bool,
    /// Also write each document's text, so offsets can be checked from the output alone.
    #[arg(long)]
    include_text: bool,
    /// No progress bar, progress lines or summary on standard error (record errors still show).
    #[arg(short, long)]
    quiet: bool,
    /// After the run, print the tagger's work counters (forward passes, positions, seconds in
    /// the network) to standard error as `stats: {json}`, for benchmarks.
    #[arg(long)]
    stats: bool,
    /// When standard error is not a terminal, print a progress line every SECS seconds.
    #[arg(long, default_value_t = 10.0, value_name = "SECS")]
    progress_every: f64,
    /// Documents per tagger call: their windows are sorted by length and batched together.
    #[arg(long, default_value_t = 64, value_name = "N")]
    docs_per_batch: usize,
    /// Threads for the transformer's forward pass (default: libtorch's, one per core).
    #[arg(long, value_name = "N")]
    threads: Option<u16>,
    #[command(flatten)]
    model: ModelArgs,
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// Entity-level precision, recall and F1 on a CoNLL-format file (conlleval semantics).
    Ner {
        /// CoNLL file: token first, tag last on each line; `-DOCSTART-` separates documents.
        file: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// Quotation detection, speaker and cue accuracy on brat standoff (PolNeAR layout).
    Quotes(EvalQuotesArgs),
}

#[derive(Debug, Args)]
struct EvalQuotesArgs {
    /// Folder of `<article>.txt` files.
    #[arg(long, value_name = "DIR")]
    text_dir: PathBuf,
    /// Folder of `<article>_<annotator>.ann` files; the first annotator in sorted order is gold.
    #[arg(long, value_name = "DIR")]
    ann_dir: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Score the rules alone, with no entities (rule development without a model).
    #[arg(long)]
    no_model: bool,
    /// Tagger output cache (JSON): read when it exists, written after tagging otherwise, so
    /// that repeated runs while tuning rules skip the model.
    #[arg(long, value_name = "FILE")]
    mentions_cache: Option<PathBuf>,
    #[command(flatten)]
    model: ModelArgs,
}

/// Exit status of a finished command.
pub enum Outcome {
    /// Everything succeeded (exit 0).
    Success,
    /// Some records failed; the others were written (exit 1).
    SomeFailed,
}

impl Cli {
    /// Runs the chosen command.
    pub fn run(self) -> anyhow::Result<Outcome> {
        match self.command {
            Command::Extract(args) => extract::run(args),
            Command::Eval(EvalCommand::Ner { file, json, model }) => eval::ner(&file, json, &model),
            Command::Eval(EvalCommand::Quotes(args)) => eval::quotes(&args),
            Command::Graph(args) => graph::run(args),
            Command::View(args) => view::run(args),
        }
    }
}

impl ModelArgs {
    fn load(&self) -> anyhow::Result<quotegraph::Pipeline> {
        use anyhow::Context;
        let dir = self
            .model
            .clone()
            .unwrap_or_else(quotegraph::default_model_dir);
        let options = quotegraph::TaggerOptions {
            batch_size: self.batch_size,
            window: self.window,
            precision: self.precision,
        };
        let pipeline = quotegraph::Pipeline::load_with(&dir, options)
            .with_context(|| format!("cannot load the model in {}", dir.display()))?;
        if !pipeline.tagger().precision().is_native() {
            eprintln!(
                "quotegraph: warning: this CPU has no native bfloat16 (AVX512-BF16), so bf16 is \
                 emulated and slower than f32; --precision auto picks the fastest path"
            );
        }
        Ok(pipeline)
    }
}
