//! `quotegraph prepare`: documents split as the tagger splits them, for training
//! (`scripts/train_tagger.py` reads this instead of tokenizing, classifying case and splitting
//! sentences itself).

use super::common::Outcome;
use anyhow::{bail, Context};
use clap::Args;
use quotegraph::input::{parse_json_line, JsonFields};
use quotegraph::tagging::{PreparedDocument, TrainingTokenizer};
use serde::Serialize;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;

/// Arguments of `quotegraph prepare`.
#[derive(Debug, Args)]
pub(super) struct PrepareArgs {
    /// The Hugging Face `tokenizer.json` to split with (a model directory's, or the base
    /// encoder's a model is trained from).
    #[arg(long, value_name = "FILE")]
    tokenizer: PathBuf,
    /// JSON Lines, one `{"id": …, "text": …}` per line; `-` reads standard input.
    #[arg(value_name = "INPUT", default_value = "-")]
    input: PathBuf,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// One output line: the document's id and its split.
#[derive(Serialize)]
struct PreparedLine<'a> {
    id: &'a str,
    #[serde(flatten)]
    prepared: &'a PreparedDocument,
}

/// Splits every input document; one JSON object per line, in input order. A line that is not
/// a document stops the run, naming it: training data must be whole.
pub(super) fn run(args: PrepareArgs) -> anyhow::Result<Outcome> {
    let tokenizer = TrainingTokenizer::load(&args.tokenizer)
        .with_context(|| format!("cannot load {}", args.tokenizer.display()))?;
    let input: Box<dyn BufRead> = if args.input.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        let file = File::open(&args.input)
            .with_context(|| format!("cannot open {}", args.input.display()))?;
        Box::new(BufReader::new(file))
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let fields = JsonFields::default();
    for (number, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", args.input.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("{}:{}", args.input.display(), number + 1);
        let document = match parse_json_line(&line, &at, &fields).document {
            Ok(document) => document,
            Err(e) => bail!("{at}: {e}"),
        };
        let prepared = tokenizer
            .prepare(&document.text)
            .with_context(|| format!("{at}: cannot tokenize"))?;
        let record = PreparedLine {
            id: &document.id,
            prepared: &prepared,
        };
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(Outcome::Success)
}
