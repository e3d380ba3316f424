//! `quotegraph extract`: documents in, one JSON line per document out, in input order.

use super::{ExtractArgs, Outcome};
use anyhow::Context;
use quotegraph::input::{self, InputItem, JsonFields};
use quotegraph::output::JsonlWriter;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Documents handed to the pipeline at once.
const DOCUMENTS_PER_BATCH: usize = 16;

pub(super) fn run(args: ExtractArgs) -> anyhow::Result<Outcome> {
    let pipeline = args.model.load()?;
    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut writer =
        JsonlWriter::new(BufWriter::new(out), args.pretty).include_text(args.include_text);
    let fields = JsonFields::default();
    let items = inputs(&args.paths, args.jsonl, &fields);
    let mut failed = 0usize;
    let mut batch: Vec<InputItem> = Vec::new();
    let mut flush = |batch: &mut Vec<InputItem>,
                     writer: &mut JsonlWriter<BufWriter<Box<dyn Write>>>|
     -> anyhow::Result<()> {
        let ids: Vec<String> = batch.iter().map(|i| i.id.clone()).collect();
        let mut slots: Vec<Option<Result<quotegraph::Document, quotegraph::Error>>> =
            Vec::with_capacity(batch.len());
        let mut ready = Vec::new();
        for item in batch.drain(..) {
            match item.document {
                Ok(doc) => {
                    ready.push(doc);
                    slots.push(None);
                }
                Err(e) => slots.push(Some(Err(e))),
            }
        }
        let mut processed = pipeline.process_batch(ready).into_iter();
        for (id, slot) in ids.iter().zip(slots) {
            match slot.or_else(|| processed.next()) {
                Some(Ok(doc)) => writer.write_document(&doc, false)?,
                Some(Err(e)) => {
                    failed += 1;
                    eprintln!("quotegraph: {id}: {e}");
                    writer.write_error(id, error_kind(&e), &e.to_string())?;
                }
                None => unreachable!("one result per ready document"),
            }
        }
        Ok(())
    };
    for item in items {
        batch.push(item);
        if batch.len() == DOCUMENTS_PER_BATCH {
            flush(&mut batch, &mut writer)?;
        }
    }
    flush(&mut batch, &mut writer)?;
    writer.flush()?;
    Ok(if failed == 0 {
        Outcome::Success
    } else {
        Outcome::SomeFailed
    })
}

fn error_kind(e: &quotegraph::Error) -> &'static str {
    match e {
        quotegraph::Error::Io { .. } => "io",
        quotegraph::Error::Input(_) => "input",
        quotegraph::Error::Model { .. } => "model",
        _ => "inference",
    }
}

/// Every input record of the named paths (or standard input), in order.
fn inputs<'a>(
    paths: &'a [std::path::PathBuf],
    jsonl_stdin: bool,
    fields: &'a JsonFields,
) -> Box<dyn Iterator<Item = InputItem> + 'a> {
    let stdin_only = paths.is_empty() || paths.iter().all(|p| p.as_os_str() == "-");
    if stdin_only && paths.len() <= 1 {
        return stdin_items(jsonl_stdin, fields);
    }
    Box::new(paths.iter().flat_map(move |path| path_items(path, jsonl_stdin, fields)))
}

fn stdin_items<'a>(jsonl: bool, fields: &'a JsonFields) -> Box<dyn Iterator<Item = InputItem> + 'a> {
    if jsonl {
        Box::new(input::read_jsonl(io::stdin(), "<stdin>", fields))
    } else {
        let mut bytes = Vec::new();
        let document = io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map(|_| input::decode_text("<stdin>", bytes))
            .map_err(|source| quotegraph::Error::Io {
                path: "<stdin>".into(),
                source,
            });
        Box::new(std::iter::once(InputItem {
            id: "<stdin>".into(),
            document,
        }))
    }
}

fn path_items<'a>(
    path: &'a Path,
    jsonl_stdin: bool,
    fields: &'a JsonFields,
) -> Box<dyn Iterator<Item = InputItem> + 'a> {
    if path.as_os_str() == "-" {
        return stdin_items(jsonl_stdin, fields);
    }
    if path.extension().is_some_and(|e| e == "jsonl") {
        return match File::open(path) {
            Ok(file) => Box::new(input::read_jsonl(file, path.to_str().unwrap_or("input"), fields)),
            Err(source) => Box::new(std::iter::once(InputItem {
                id: path.display().to_string(),
                document: Err(quotegraph::Error::Io {
                    path: path.to_path_buf(),
                    source,
                }),
            })),
        };
    }
    Box::new(std::iter::once(input::read_text_file(path)))
}

use std::io::Read;
