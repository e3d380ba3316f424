//! `quotegraph view`: one document of extract output as a self-contained HTML page.

use super::common::Outcome;
use super::graph::records;
use anyhow::{bail, Context};
use clap::Args;
use quotegraph::export::{html, Record};
use std::path::PathBuf;

/// Arguments of `quotegraph view`.
#[derive(Debug, Args)]
pub(super) struct ViewArgs {
    /// Extract output written with `--include-text` (JSON Lines); `-` reads standard input.
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
