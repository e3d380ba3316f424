//! `quotegraph extract`: records in, one JSON line per record out, in input order, streamed.

use super::common::{Outcome, PipelineArgs};
use super::progress::Progress;
use anyhow::Context;
use clap::Args;
use quotegraph::input::{self, Source};
use quotegraph::output::{resume, JsonlWriter};
use quotegraph::Document;
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
    #[command(flatten)]
    pipeline: PipelineArgs,
}

pub(super) fn run(args: ExtractArgs) -> anyhow::Result<Outcome> {
    args.pipeline.set_threads()?;
    let every = Duration::try_from_secs_f64(args.progress_every)
        .context("--progress-every takes a number of seconds")?;
    let sources = sources(&args);
    let fields = args.pipeline.fields();
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
    let pipeline = args.pipeline.load()?;
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
        JsonlWriter::new(BufWriter::new(out), args.pretty).include_text(args.pipeline.include_text);
    let options = args.pipeline.batches()?;
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
