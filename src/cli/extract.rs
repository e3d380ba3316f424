//! `quotegraph extract`: records in, one JSON line per record out, in input order, streamed.

use super::common::{ModelArgs, Outcome};
use super::progress::Progress;
use anyhow::{bail, Context};
use clap::Args;
use quotegraph::input::{self, JsonFields, Source};
use quotegraph::output::{resume, JsonlWriter};
use quotegraph::{Document, StreamOptions};
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Options of `quotegraph extract`.
#[derive(Debug, Args)]
pub(super) struct ExtractArgs {
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
    /// Which attributions to write: `statements` (quoted words, and reported speech whose
    /// content is a clause someone asserted: every speaker edge is something someone said) or
    /// `all` (every attribution found, beliefs and topics too: PolNeAR's view). Each quotation
    /// carries its `type` (assertion, belief, fact, eventuality) and content `form`
    /// (proposition, topic).
    #[arg(long, value_enum, default_value_t = AttributionsArg::Statements, value_name = "WHICH")]
    attributions: AttributionsArg,
    #[command(flatten)]
    model: ModelArgs,
}

/// `--attributions` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum AttributionsArg {
    /// Statements only.
    Statements,
    /// Every attribution.
    All,
}

impl From<AttributionsArg> for quotegraph::Attributions {
    fn from(arg: AttributionsArg) -> quotegraph::Attributions {
        match arg {
            AttributionsArg::Statements => quotegraph::Attributions::Statements,
            AttributionsArg::All => quotegraph::Attributions::All,
        }
    }
}

pub(super) fn run(args: ExtractArgs) -> anyhow::Result<Outcome> {
    if let Some(threads) = args.threads {
        if threads == 0 {
            bail!("--threads must be at least 1");
        }
        quotegraph::tagging::set_num_threads(threads);
    }
    let every = Duration::try_from_secs_f64(args.progress_every)
        .context("--progress-every takes a number of seconds")?;
    if args.docs_per_batch == 0 {
        bail!("--docs-per-batch must be at least 1");
    }
    let sources = sources(&args);
    let fields = JsonFields {
        id: args.id_field.clone(),
        text: args.text_field.clone(),
    };
    let (out, done): (Box<dyn Write + Send>, _) = match &args.output {
        Some(path) if args.resume => {
            let state = resume::prepare(path)?;
            if !args.quiet {
                let torn = match state.torn_bytes {
                    0 => String::new(),
                    n => format!(", cut a torn last line of {n} bytes"),
                };
                eprintln!(
                    "quotegraph: resuming {}: {} records already there{torn}",
                    path.display(),
                    state.done.len()
                );
            }
            let file = OpenOptions::new()
                .append(true)
                .create(true)
                .open(path)
                .with_context(|| format!("cannot append to {}", path.display()))?;
            (Box::new(file), state.done)
        }
        Some(path) => {
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            (Box::new(file), Default::default())
        }
        None => (Box::new(io::stdout()), Default::default()),
    };
    let pipeline = args
        .model
        .load()?
        .with_attributions(args.attributions.into());
    let progress = Arc::new(Progress::new(
        args.quiet,
        every,
        pipeline.tagger().window_progress(),
    ));

    if !args.quiet {
        let counting = Arc::clone(&progress);
        let to_count = sources.clone();
        let already = done.len();
        std::thread::spawn(move || {
            if let Some(total) = input::count_records(&to_count) {
                counting.set_total(total.saturating_sub(already));
            }
        });
    }

    // SIGINT / SIGTERM: stop reading records; those already read are tagged and written, so
    // nothing done is lost and `--resume` goes on from there. A second signal ends at once.
    let interrupted = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&interrupted);
    ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    })
    .context("cannot install the SIGINT/SIGTERM handler")?;
    let reading = Arc::clone(&interrupted);
    let skipping = Arc::clone(&progress);
    let already_done = |record: &InputKey| done.contains(&record.id);
    let records = input::records(sources, fields);
    let records = records.take_while(move |_| !reading.load(Ordering::SeqCst));
    let records = records.map(|item| {
        let record = InputKey {
            id: item.id,
            text_derived: item.text_derived,
        };
        if already_done(&record) {
            skipping.skip();
        }
        (record, item.document)
    });
    let mut writer =
        JsonlWriter::new(BufWriter::new(out), args.pretty).include_text(args.include_text);
    let options = StreamOptions {
        docs_per_batch: args.docs_per_batch,
        ..StreamOptions::default()
    };
    let writing = Arc::clone(&progress);
    let mut write_record =
        |record: InputKey, result: quotegraph::Result<Document>| -> io::Result<()> {
            match &result {
                Ok(doc) => writer.write_document(doc, record.text_derived)?,
                Err(e) => {
                    writing.message(&format!("quotegraph: {}: {}", record.id, e.chain()));
                    writer.write_failure(&record.id, e)?;
                }
            }
            // One flush per record: the file always ends on a whole line that was processed.
            writer.flush()?;
            writing.record(result.is_ok());
            Ok(())
        };
    let written = Arc::new(AtomicUsize::new(0));
    let counting = Arc::clone(&written);
    let write = |record: InputKey, result: quotegraph::Result<Document>| -> io::Result<()> {
        write_record(record, result)?;
        counting.fetch_add(1, Ordering::SeqCst);
        Ok(())
    };
    pipeline.stream(records, &options, already_done, write)?;
    progress.finish();
    if interrupted.load(Ordering::SeqCst) {
        let resume = match &args.output {
            Some(path) => format!("quotegraph extract … -o {} --resume", path.display()),
            None => "--resume with -o FILE".to_string(),
        };
        eprintln!(
            "quotegraph: interrupted after {} records; run again with {resume}",
            written.load(Ordering::SeqCst)
        );
        return Ok(Outcome::Interrupted);
    }
    if args.stats {
        let mut stats = serde_json::to_value(pipeline.tagger().stats())?;
        let precision = pipeline.tagger().precision();
        stats["precision"] = serde_json::to_value(precision)?;
        stats["native"] = precision.is_native().into();
        stats["attribution_head"] = pipeline.tagger().has_role_head().into();
        eprintln!("stats: {stats}");
    }
    Ok(if progress.failed() == 0 {
        Outcome::Success
    } else {
        Outcome::SomeFailed
    })
}

/// The sources named on the command line; none means standard input.
fn sources(args: &ExtractArgs) -> Vec<Source> {
    if args.paths.is_empty() {
        return vec![Source::Stdin { jsonl: args.jsonl }];
    }
    args.paths
        .iter()
        .map(|path| match path.as_os_str() == "-" {
            true => Source::Stdin { jsonl: args.jsonl },
            false => Source::Path(path.clone()),
        })
        .collect()
}

/// What the command line keeps of an input record while the pipeline runs: its id, and
/// whether its text was derived from the input (an HTML page's main text), so that the output
/// carries the text its offsets refer to.
struct InputKey {
    id: String,
    text_derived: bool,
}
