//! Exports of extract output: knowledge-graph files and a page for people.
//!
//! Input is what `quotegraph extract` writes, one [`Document`] per JSON line; error records
//! (`{"id": …, "error": {…}}`) are read as [`Record::Failed`] so callers can skip them.
//!
//! - [`graph`]: the deduplicated graph both graph exports write, with stable ids from [`ids`].
//! - [`neo4j`]: CSV files for `neo4j-admin database import` (and other property-graph loaders).
//! - [`rdf`]: N-Triples with schema.org terms.
//! - [`html`]: one self-contained HTML page showing a document's entities and quotations.
//!
//! The format of each is described in `docs/export.md` and in the module docs.

pub mod graph;
pub mod html;
pub mod ids;
pub mod neo4j;
pub mod rdf;

pub use graph::Graph;

use crate::doc::Document;
use crate::error::{Error, Result};
use serde_json::Value;
use std::io::BufRead;

/// One line of extract output.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// A processed document.
    Document(Box<Document>),
    /// A document extract could not process.
    Failed {
        /// The document id.
        id: String,
        /// The error message extract wrote.
        message: String,
    },
}

/// Parses one line of extract output; `at` names it in errors (`file:line`).
pub fn parse_record(line: &str, at: &str) -> Result<Record> {
    let value: Value =
        serde_json::from_str(line).map_err(|e| Error::Input(format!("{at}: not JSON: {e}")))?;
    if let Some(error) = value.get("error") {
        let id = value
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or(at)
            .to_string();
        let message = error
            .get("message")
            .and_then(Value::as_str)
            .map_or_else(|| error.to_string(), str::to_string);
        return Ok(Record::Failed { id, message });
    }
    serde_json::from_value(value)
        .map(|doc| Record::Document(Box::new(doc)))
        .map_err(|e| Error::Input(format!("{at}: not an extract record: {e}")))
}

/// Reads extract output line by line, skipping blank lines; `source` names the input in errors.
///
/// Pretty-printed JSON (`extract --pretty`, or an array of records), whose first line is a lone
/// `{` or starts with `[`, is read whole as one record or an array of them; when it does not
/// parse, that is one error for the input, not one per line.
pub fn read_records<R: BufRead>(reader: R, source: String) -> impl Iterator<Item = Result<Record>> {
    let mut lines = reader.lines().enumerate();
    let mut pending: std::collections::VecDeque<Result<Record>> = Default::default();
    let mut first = true;
    std::iter::from_fn(move || loop {
        if let Some(record) = pending.pop_front() {
            return Some(record);
        }
        let io_error = |source_error| Error::Io {
            path: source.clone().into(),
            source: source_error,
        };
        let (n, line) = lines.next()?;
        let line = match line {
            Ok(line) if line.trim().is_empty() => continue,
            Ok(line) => line,
            Err(e) => return Some(Err(io_error(e))),
        };
        let trimmed = line.trim();
        if std::mem::take(&mut first) && (trimmed == "{" || trimmed.starts_with('[')) {
            let mut whole = line;
            for (_, more) in lines.by_ref() {
                match more {
                    Ok(more) => {
                        whole.push('\n');
                        whole.push_str(&more);
                    }
                    Err(e) => return Some(Err(io_error(e))),
                }
            }
            pending.extend(parse_pretty(&whole, &source));
            continue;
        }
        return Some(parse_record(&line, &format!("{source}:{}", n + 1)));
    })
}

/// The records of a whole pretty-printed input: records one after another (what `extract
/// --pretty` writes for several documents), or an array of them.
fn parse_pretty(whole: &str, source: &str) -> Vec<Result<Record>> {
    let not_lines = "is pretty-printed JSON, not JSON Lines (one record per line)";
    let values: std::result::Result<Vec<Value>, _> = serde_json::Deserializer::from_str(whole)
        .into_iter::<Value>()
        .collect();
    let values = match values {
        Ok(values) => values,
        Err(e) => {
            return vec![Err(Error::Input(format!(
                "{source} {not_lines}, and does not parse as a whole either: {e}"
            )))]
        }
    };
    let records: Vec<Value> = match <[Value; 1]>::try_from(values) {
        Ok([Value::Array(items)]) => items,
        Ok([one]) => vec![one],
        Err(values) => values,
    };
    records
        .iter()
        .enumerate()
        .map(|(i, item)| parse_record(&item.to_string(), &format!("{source}[{i}]")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_error_records_and_bad_lines() {
        let input = "{\"id\":\"a\",\"entities\":[],\"quotes\":[]}\n\n\
                     {\"id\":\"b\",\"error\":{\"kind\":\"input\",\"message\":\"no text\"}}\n\
                     {\"id\":\"c\"}\nnot json\n";
        let records: Vec<_> = read_records(input.as_bytes(), "in.jsonl".into()).collect();
        assert_eq!(records.len(), 4);
        assert!(matches!(&records[0], Ok(Record::Document(d)) if d.id == "a"));
        assert_eq!(
            records[1].as_ref().ok(),
            Some(&Record::Failed {
                id: "b".into(),
                message: "no text".into()
            })
        );
        let third = records[2].as_ref().err().map(ToString::to_string);
        assert!(third.is_some_and(|m| m.starts_with("in.jsonl:4: not an extract record")));
        assert!(records[3].is_err());
    }

    #[test]
    fn pretty_printed_json_is_read_whole_or_refused_once() {
        let doc = "{\n  \"id\": \"a\",\n  \"entities\": [],\n  \"quotes\": []\n}\n";
        let records: Vec<_> = read_records(doc.as_bytes(), "one.json".into()).collect();
        assert!(
            matches!(&records[..], [Ok(Record::Document(d))] if d.id == "a"),
            "{records:?}"
        );
        let array = format!("[{}, {}]", doc.replace('a', "x"), doc.replace('a', "y"));
        let records: Vec<_> = read_records(array.as_bytes(), "all.json".into()).collect();
        assert_eq!(records.len(), 2, "{records:?}");
        let several = format!("{doc}{}", doc.replace('a', "b"));
        let records: Vec<_> = read_records(several.as_bytes(), "two.json".into()).collect();
        assert!(
            matches!(&records[1], Ok(Record::Document(d)) if d.id == "b"),
            "{records:?}"
        );
        let broken = "{\n  \"id\": \"a\",\n  \"entities\": [\n";
        let records: Vec<_> = read_records(broken.as_bytes(), "cut.json".into()).collect();
        assert_eq!(records.len(), 1, "one error, not one per line: {records:?}");
        let message = records[0].as_ref().err().map(ToString::to_string);
        assert!(message.is_some_and(|m| m.contains("pretty-printed JSON, not JSON Lines")));
    }
}
