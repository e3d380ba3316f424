//! `quotegraph extract`: records in, one JSON line per record out, in input order, streamed.

use super::progress::Progress;
use super::{ExtractArgs, Outcome};
use anyhow::{bail, Context};
use quotegraph::input::{self, JsonFields, Source};
use quotegraph::output::{resume, JsonlWriter};
use quotegraph::{Document, StreamOptions};
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::sync::Arc;
use std::time::Duration;

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
    let progress = Arc::new(Progress::new(args.quiet, every));

    let (out, done): (Box<dyn Write + Send>, _) = match &args.output {
        Some(path) if args.resume => {
            let state = resume::prepare(path)?;
            if !args.quiet {
                let torn = match state.torn_bytes {
                    0 => String::new(),
                    n => format!(", cut a torn last line of {n} bytes"),
                };
                progress.message(&format!(
                    "quotegraph: resuming {}: {} records already there{torn}",
                    path.display(),
                    state.done.len()
                ));
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
    let pipeline = args.model.load()?;

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

    let skipping = Arc::clone(&progress);
    let already_done = |record: &Record| done.contains(&record.id);
    let records = input::records(sources, fields).map(|item| {
        let record = Record {
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
    let write = |record: Record, result: quotegraph::Result<Document>| -> io::Result<()> {
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
    pipeline.stream(records, &options, already_done, write)?;
    progress.finish();
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
struct Record {
    id: String,
    text_derived: bool,
}
