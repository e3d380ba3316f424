//! `quotegraph view`: one document of extract output as a self-contained HTML page.

use super::common::Outcome;
use super::graph::records;
use anyhow::{bail, Context};
use clap::Args;
use quotegraph::export::{html, Record};
use quotegraph::input;
use quotegraph::Document;
use std::path::{Path, PathBuf};

/// `doc` with its text read back from the file its id names, when extract did not write the
/// text (`--include-text`) and the id is a readable file (a `.txt` or `.html` input given by
/// path): the text is read as extract read it. Fails when the file no longer holds the words
/// at the record's offsets (edited since): the page would mark the wrong words.
fn with_text_from_file(mut doc: Document) -> anyhow::Result<Document> {
    let path = Path::new(&doc.id);
    if !doc.text.is_empty() || !path.is_file() {
        return Ok(doc);
    }
    let read = input::read_file(path, doc.id.clone()).document?;
    let chars: Vec<char> = read.text.chars().collect();
    let words = doc
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(|m| (m.span, m.text.as_str())))
        .chain(doc.quotes.iter().map(|q| (q.span, q.text.as_str())));
    for (span, text) in words {
        let found = chars.get(span.start..span.end);
        if found.is_none_or(|found| !found.iter().copied().eq(text.chars())) {
            bail!(
                "{} has changed since extraction ({text:?} is not at {}..{} any more): run \
                 `quotegraph extract --include-text` on it again",
                path.display(),
                span.start,
                span.end
            );
        }
    }
    doc.text = read.text;
    Ok(doc)
}

/// Arguments of `quotegraph view`.
#[derive(Debug, Args)]
pub(super) struct ViewArgs {
    /// Extract output (JSON Lines); `-` reads standard input. A record without its text
    /// (`extract` without `--include-text`) takes it from the file its id names, when that is a
    /// readable path.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// The document to show (default: the first one).
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// Write the page to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(super) fn run(args: ViewArgs) -> anyhow::Result<Outcome> {
    let wanted = |id: &str| args.id.as_deref().is_none_or(|w| w == id);
    let mut found = None;
    for record in records(&args.inputs) {
        match record {
            Ok(Record::Document(doc)) if wanted(&doc.id) => {
                found = Some(doc);
                break;
            }
            Ok(Record::Failed { id, message }) if args.id.as_deref() == Some(id.as_str()) => {
                bail!("extract failed on {id}, so there is nothing to show: {message}")
            }
            Ok(_) => {}
            Err(e) => eprintln!("quotegraph: {}", e.chain()),
        }
    }
    let Some(doc) = found else {
        match &args.id {
            Some(id) => bail!("no document with id {id:?} in the input"),
            None => bail!("the input holds no document"),
        }
    };
    let doc = with_text_from_file(*doc)?;
    let page = html::render(&doc)?;
    match &args.output {
        Some(path) => std::fs::write(path, page)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            use std::io::Write;
            std::io::stdout().lock().write_all(page.as_bytes())?;
        }
    }
    Ok(Outcome::Success)
}
