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
use crate::error::Error;
use serde::Serialize;
use std::io::{self, Write};

/// The serialized form of one processed document.
#[derive(Serialize)]
struct DocumentLine<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Metadata::is_empty")]
    meta: &'a Metadata,
    entities: &'a [Entity],
    quotes: &'a [Quote],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
}

/// The serialized form of a document that could not be processed.
#[derive(Serialize)]
struct ErrorLine<'a> {
    id: &'a str,
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    kind: &'a str,
    message: &'a str,
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
        let record = DocumentLine {
            id: &doc.id,
            text: (self.include_text || text_changed).then_some(doc.text.as_str()),
            meta: &doc.meta,
            entities: &doc.entities,
            quotes: &doc.quotes,
            warnings: &doc.warnings,
        };
        self.write_line(&record)
    }

    /// Writes the error record standing in for a document that failed.
    pub fn write_error(&mut self, id: &str, kind: &str, message: &str) -> io::Result<()> {
        self.write_line(&ErrorLine {
            id,
            error: ErrorBody { kind, message },
        })
    }

    /// Writes the error record for `error`: its [`Error::kind`] and its message with every
    /// source ([`Error::chain`]).
    pub fn write_failure(&mut self, id: &str, error: &Error) -> io::Result<()> {
        self.write_error(id, error.kind().as_str(), &error.chain())
    }

    /// Flushes the underlying writer.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn write_line<T: Serialize>(&mut self, value: &T) -> io::Result<()> {
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
        w.write_error("b", "input", "not JSON").unwrap();
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
    fn text_is_written_when_changed_or_asked() {
        let mut buf = Vec::new();
        let mut w = JsonlWriter::new(&mut buf, false).include_text(true);
        w.write_document(&Document::new("a", "Hi"), false).unwrap();
        assert!(String::from_utf8(buf).unwrap().contains(r#""text":"Hi""#));
    }
}
