//! Writing results: one JSON object per document, one line each (JSON Lines).
//!
//! The record is the [`Document`] contract described in [`crate::doc`]; a document that failed
//! is written as `{"id": …, "error": {"kind": …, "message": …}}` in its place, so that every
//! input record yields exactly one output line, in input order.
//!
//! Each record is serialized first and written with one `write_all`, so an interrupted run
//! leaves at most a torn last line, which [`resume::prepare`] detects and cuts on `--resume`.

pub mod resume;

use crate::doc::{Document, Entity, Metadata, Quote};
use crate::error::{Error, ErrorKind};
use schemars::JsonSchema;
use serde::Serialize;
use std::io::{self, Write};

/// One line of output: a processed document, or the error record standing in for one.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
#[schemars(title = "quotegraph extract record")]
enum Record<'a> {
    Document(DocumentLine<'a>),
    Error(ErrorLine<'a>),
}

/// A processed document. Every `start`/`end` is a character (Unicode scalar) offset,
/// end-exclusive, into the text exactly as given (Python's `text[start:end]`).
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct DocumentLine<'a> {
    /// The caller's id for the document (a file path as given, a JSON Lines `id` field).
    id: &'a str,
    /// The text every offset refers to; written with `--include-text`, and always for text
    /// extracted from HTML.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    /// The input record's other fields, unchanged (JSON Lines input only).
    #[serde(skip_serializing_if = "Metadata::is_empty")]
    meta: &'a Metadata,
    /// Named entities, in order of first mention.
    entities: &'a [Entity],
    /// Quotations, in text order.
    quotes: &'a [Quote],
    /// Problems with the input that did not stop processing (invalid UTF-8 replaced, …).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
}

/// A document that could not be processed, in its place in the output.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct ErrorLine<'a> {
    /// The document's id (or `line N` for a JSON Lines line without a readable id).
    id: &'a str,
    /// What went wrong.
    error: ErrorBody<'a>,
}

/// The error of an error record.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct ErrorBody<'a> {
    /// What kind of failure.
    kind: ErrorKind,
    /// What went wrong, with every cause.
    message: &'a str,
}

/// The JSON Schema (draft 2020-12) of one output record of `extract`, generated from the
/// types that write it; published as `docs/extract.schema.json` and printed by
/// `quotegraph schema`.
pub fn record_schema() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    generator.into_root_schema_for::<Record>().to_value()
}

/// Writes documents as JSON Lines (or one indented object with `pretty`).
#[derive(Debug)]
pub struct JsonlWriter<W: Write> {
    out: W,
    pretty: bool,
    include_text: bool,
}

impl<W: Write> JsonlWriter<W> {
    /// A writer over `out`; `pretty` indents each object (no longer one per line).
    pub fn new(out: W, pretty: bool) -> Self {
        JsonlWriter {
            out,
            pretty,
            include_text: false,
        }
    }

    /// Also write each document's `text` (so offsets can be checked without the input).
    pub fn include_text(mut self, yes: bool) -> Self {
        self.include_text = yes;
        self
    }

    /// Writes one processed document; `text_changed` forces the text into the record (e.g.
    /// text extracted from HTML, which the user never saw).
    pub fn write_document(&mut self, doc: &Document, text_changed: bool) -> io::Result<()> {
        self.write_line(&Record::Document(DocumentLine {
            id: &doc.id,
            text: (self.include_text || text_changed).then_some(doc.text.as_str()),
            meta: &doc.meta,
            entities: &doc.entities,
            quotes: &doc.quotes,
            warnings: &doc.warnings,
        }))
    }

    /// Writes the error record standing in for a document that failed.
    pub fn write_error(&mut self, id: &str, kind: ErrorKind, message: &str) -> io::Result<()> {
        self.write_line(&Record::Error(ErrorLine {
            id,
            error: ErrorBody { kind, message },
        }))
    }

    /// Writes the error record for `error`: its [`Error::kind`] and its message with every
    /// source ([`Error::chain`]).
    pub fn write_failure(&mut self, id: &str, error: &Error) -> io::Result<()> {
        self.write_error(id, error.kind(), &error.chain())
    }

    /// Flushes the underlying writer.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn write_line(&mut self, value: &Record) -> io::Result<()> {
        // Serialize first and write the line whole, so an interruption never tears a record.
        let mut line = if self.pretty {
            serde_json::to_vec_pretty(value)?
        } else {
            serde_json::to_vec(value)?
        };
        line.push(b'\n');
        self.out.write_all(&line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_one_line_per_document_and_error() {
        let mut buf = Vec::new();
        let mut w = JsonlWriter::new(&mut buf, false);
        w.write_document(&Document::new("a", "Hello."), false)
            .unwrap();
        w.write_error("b", ErrorKind::Input, "not JSON").unwrap();
        let text = String::from_utf8(buf).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], r#"{"id":"a","entities":[],"quotes":[]}"#);
        assert_eq!(
            lines[1],
            r#"{"id":"b","error":{"kind":"input","message":"not JSON"}}"#
        );
    }

    #[test]
    fn the_published_schema_is_the_one_the_types_generate() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/extract.schema.json");
        let published: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert!(
            published == record_schema(),
            "docs/extract.schema.json is out of date: run \
             `cargo run --release -- schema > docs/extract.schema.json`"
        );
    }

    #[test]
    fn text_is_written_when_changed_or_asked() {
        let mut buf = Vec::new();
        let mut w = JsonlWriter::new(&mut buf, false).include_text(true);
        w.write_document(&Document::new("a", "Hi"), false).unwrap();
        assert!(String::from_utf8(buf).unwrap().contains(r#""text":"Hi""#));
    }
}
