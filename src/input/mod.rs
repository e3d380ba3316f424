//! Reading documents: text files, JSON Lines files and standard input.
//!
//! Each input record becomes one [`InputItem`]: a [`Document`] ready for the pipeline, or the
//! error that stopped it from being read, under the id it would have had. Nothing is dropped.

use crate::doc::Document;
use crate::error::Error;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// One input record: its id and the document, or why it could not be read.
#[derive(Debug)]
pub struct InputItem {
    /// The record's id (file path, JSONL `id`, or `path:line` when the line has none).
    pub id: String,
    /// The document, or the reading error.
    pub document: Result<Document, Error>,
}

/// Names of the id and text fields in JSON Lines input.
#[derive(Debug, Clone)]
pub struct JsonFields {
    /// Field holding the document id (`id` by default).
    pub id: String,
    /// Field holding the document text (`text` by default).
    pub text: String,
}

impl Default for JsonFields {
    fn default() -> Self {
        JsonFields {
            id: "id".into(),
            text: "text".into(),
        }
    }
}

/// Decodes bytes as UTF-8, replacing invalid sequences and noting it in the document warnings.
pub fn decode_text(id: &str, bytes: Vec<u8>) -> Document {
    match String::from_utf8(bytes) {
        Ok(text) => Document::new(id, text),
        Err(e) => {
            let mut doc = Document::new(id, String::from_utf8_lossy(e.as_bytes()).into_owned());
            doc.warnings
                .push("invalid UTF-8 replaced with U+FFFD".to_string());
            doc
        }
    }
}

/// Reads one whole text file as one document, id = the path as given.
pub fn read_text_file(path: &Path) -> InputItem {
    let id = path.display().to_string();
    let document = std::fs::read(path)
        .map(|bytes| decode_text(&id, bytes))
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        });
    InputItem { id, document }
}

/// Parses one JSON Lines record; `fallback_id` names it when it has no id field.
pub fn parse_json_line(line: &str, fallback_id: &str, fields: &JsonFields) -> InputItem {
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            return InputItem {
                id: fallback_id.to_string(),
                document: Err(Error::Input(format!("line is not JSON: {e}"))),
            }
        }
    };
    let id = match value.get(&fields.id) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => fallback_id.to_string(),
    };
    let document = match value.get(&fields.text) {
        Some(Value::String(text)) => Ok(Document::new(id.clone(), text.clone())),
        Some(other) => Err(Error::Input(format!(
            "field {:?} is not a string but {}",
            fields.text,
            json_type(other)
        ))),
        None => Err(Error::Input(format!("record has no {:?} field", fields.text))),
    };
    InputItem { id, document }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads JSON Lines from `reader`; records are named `<source>:<line>` when they lack an id.
pub fn read_jsonl<'a, R: Read + 'a>(
    reader: R,
    source: &'a str,
    fields: &'a JsonFields,
) -> impl Iterator<Item = InputItem> + 'a {
    let mut lines = BufReader::new(reader).split(b'\n').enumerate();
    std::iter::from_fn(move || loop {
        let (n, line) = lines.next()?;
        let fallback = format!("{source}:{}", n + 1);
        let bytes = match line {
            Ok(b) => b,
            Err(e) => {
                return Some(InputItem {
                    id: fallback,
                    document: Err(Error::Input(format!("read error: {e}"))),
                })
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        if text.trim().is_empty() {
            continue;
        }
        return Some(parse_json_line(&text, &fallback, fields));
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_records_and_their_errors_keep_their_place() {
        let input = "{\"id\":\"a\",\"text\":\"Hi\"}\nnot json\n\n{\"id\":\"c\"}\n{\"id\":7,\"text\":3}\n";
        let fields = JsonFields::default();
        let items: Vec<InputItem> = read_jsonl(input.as_bytes(), "in.jsonl", &fields).collect();
        assert_eq!(items.len(), 4);
        assert_eq!(items[0].document.as_ref().unwrap().text, "Hi");
        assert_eq!(items[1].id, "in.jsonl:2");
        assert!(items[1].document.is_err());
        assert_eq!(items[2].id, "c");
        assert!(items[2].document.is_err());
        assert_eq!(items[3].id, "7");
        assert!(items[3]
            .document
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("not a string"));
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let doc = decode_text("x", vec![b'a', 0xff, b'b']);
        assert_eq!(doc.text, "a\u{fffd}b");
        assert_eq!(doc.warnings.len(), 1);
    }
}
