//! Reading documents: text, HTML and JSON Lines files, directories of them, standard input.
//!
//! Each input record becomes one [`InputItem`]: a [`Document`] ready for the pipeline, or the
//! error that stopped it from being read, under the id it would have had. Nothing is dropped:
//! a binary file, a file that cannot be opened or a JSON line without text is an item too.
//!
//! | source | records | id |
//! | --- | --- | --- |
//! | `*.txt` (and any other named file) | the whole file | the path as given |
//! | `*.html`, `*.htm` | the page's main text ([`html`]) | the path as given |
//! | `*.jsonl` | one per non-blank line | the id field, else `path:line` |
//! | a directory | its `.txt`, `.html`, `.htm`, `.jsonl` files, recursively, by name | path relative to the directory |
//! | `-` | standard input: one text, or JSON Lines ([`Source::Stdin`]) | `<stdin>` |
//!
//! Records are read lazily, one file or line at a time, so memory does not grow with the
//! number of documents. Texts are kept exactly as given; what the tagger and the rules read
//! is a copy of the same length with page furniture blanked ([`furniture`]) and hard line
//! wraps undone ([`wrap`]).

pub mod furniture;
pub mod html;
pub mod wrap;

use crate::doc::{Document, Metadata};
use crate::error::Error;
use serde_json::Value;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One input record: its id and the document, or why it could not be read.
#[derive(Debug)]
pub struct InputItem {
    /// The record's id (file path, JSONL `id`, or `path:line` when the line has none).
    pub id: String,
    /// The document, or the reading error.
    pub document: Result<Document, Error>,
    /// True when the document's text is not the input as given but derived from it (the main
    /// text of an HTML page), so the output must carry it for its offsets to be checkable.
    pub text_derived: bool,
}

impl InputItem {
    /// An item for a document read as given.
    pub fn new(id: impl Into<String>, document: Result<Document, Error>) -> Self {
        InputItem {
            id: id.into(),
            document,
            text_derived: false,
        }
    }
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

/// Where records come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input: one plain-text document, or JSON Lines when `jsonl`.
    Stdin {
        /// Read JSON Lines records instead of one document.
        jsonl: bool,
    },
    /// A file (kind by extension) or a directory (walked recursively).
    Path(PathBuf),
}

/// Extensions read from directories; other files there are not documents and are skipped.
const DOCUMENT_EXTENSIONS: [&str; 4] = ["txt", "jsonl", "html", "htm"];

/// Bytes inspected for a NUL byte, the sign of a binary file (as git and ripgrep do).
const BINARY_PROBE: usize = 8192;

/// Warning added to documents whose invalid UTF-8 was replaced.
const LOSSY_WARNING: &str = "invalid UTF-8 replaced with U+FFFD";

/// Every record of `sources`, in order, read lazily.
pub fn records(sources: Vec<Source>, fields: JsonFields) -> impl Iterator<Item = InputItem> + Send {
    sources
        .into_iter()
        .flat_map(move |source| source_records(source, fields.clone()))
}

/// Number of records in `sources`, for progress reports; `None` when a source is standard
/// input. Reads every JSON Lines file once, counting non-blank lines.
pub fn count_records(sources: &[Source]) -> Option<usize> {
    let mut total = 0;
    for source in sources {
        let Source::Path(path) = source else {
            return None;
        };
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).follow_links(true) {
                match entry {
                    Ok(e) if e.file_type().is_dir() => {}
                    Ok(e) if !has_document_extension(e.path()) => {}
                    Ok(e) => total += count_file(e.path()),
                    Err(e) if e.path().is_some_and(is_foreign) => {}
                    Err(_) => total += 1,
                }
            }
        } else {
            total += count_file(path);
        }
    }
    Some(total)
}

/// Records in one file: non-blank lines of a `.jsonl` file, else one.
fn count_file(path: &Path) -> usize {
    if !is_jsonl(path) {
        return 1;
    }
    let Ok(mut file) = File::open(path) else {
        return 1;
    };
    let mut buf = vec![0u8; 1 << 16];
    let (mut lines, mut content) = (0, false);
    while let Ok(n) = file.read(&mut buf) {
        if n == 0 {
            break;
        }
        for &b in &buf[..n] {
            if b == b'\n' {
                lines += usize::from(content);
                content = false;
            } else if !b.is_ascii_whitespace() {
                content = true;
            }
        }
    }
    lines + usize::from(content)
}

type Items = Box<dyn Iterator<Item = InputItem> + Send>;

fn source_records(source: Source, fields: JsonFields) -> Items {
    match source {
        Source::Stdin { jsonl: true } => Box::new(read_jsonl(io::stdin(), "<stdin>", fields)),
        Source::Stdin { jsonl: false } => {
            let mut bytes = Vec::new();
            let document = io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map(|_| decode_text("<stdin>", bytes))
                .map_err(|source| Error::Io {
                    path: "<stdin>".into(),
                    source,
                });
            Box::new(std::iter::once(InputItem::new("<stdin>", document)))
        }
        Source::Path(path) if path.is_dir() => walk_directory(path, fields),
        Source::Path(path) => {
            let id = path.display().to_string();
            file_records(path, id, fields)
        }
    }
}

/// The documents under `root`, recursively, in file-name order; ids relative to `root`.
fn walk_directory(root: PathBuf, fields: JsonFields) -> Items {
    let walker = walkdir::WalkDir::new(&root)
        .follow_links(true)
        .sort_by_file_name();
    let relative = move |path: &Path| {
        path.strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    Box::new(walker.into_iter().flat_map(move |entry| -> Items {
        match entry {
            Ok(e) if e.file_type().is_dir() || !has_document_extension(e.path()) => {
                Box::new(std::iter::empty())
            }
            Ok(e) => file_records(e.path().to_path_buf(), relative(e.path()), fields.clone()),
            Err(e) if e.path().is_some_and(is_foreign) => Box::new(std::iter::empty()),
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_default();
                let error = match e.into_io_error() {
                    Some(source) => Error::Io {
                        path: path.clone(),
                        source,
                    },
                    None => Error::Input(format!("{}: filesystem loop", path.display())),
                };
                Box::new(std::iter::once(InputItem::new(relative(&path), Err(error))))
            }
        }
    }))
}

/// The records of one file, `id` naming it: JSON Lines by extension, else one document.
fn file_records(path: PathBuf, id: String, fields: JsonFields) -> Items {
    if !is_jsonl(&path) {
        return Box::new(std::iter::once(read_file(&path, id)));
    }
    let opened = File::open(&path).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    });
    let mut reader = match opened {
        Ok(file) => BufReader::new(file),
        Err(e) => return Box::new(std::iter::once(InputItem::new(id, Err(e)))),
    };
    match reader.fill_buf() {
        Ok(head) if head.contains(&0) => {
            let error = Error::Input(format!("{}: binary file, not JSON Lines", path.display()));
            Box::new(std::iter::once(InputItem::new(id, Err(error))))
        }
        _ => Box::new(read_jsonl(reader, id, fields)),
    }
}

fn is_jsonl(path: &Path) -> bool {
    extension(path).is_some_and(|e| e == "jsonl")
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

fn has_document_extension(path: &Path) -> bool {
    extension(path).is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.as_str()))
}

/// A path in a directory that is not a document by its extension, so errors about it (a
/// dangling link to a picture) are not reported either.
fn is_foreign(path: &Path) -> bool {
    extension(path).is_some_and(|e| !DOCUMENT_EXTENSIONS.contains(&e.as_str()))
}

/// Decodes bytes as UTF-8, replacing invalid sequences and noting it in the document warnings.
pub fn decode_text(id: &str, bytes: Vec<u8>) -> Document {
    let (text, lossy) = decode(bytes);
    let mut doc = Document::new(id, text);
    if lossy {
        doc.warnings.push(LOSSY_WARNING.to_string());
    }
    doc
}

/// UTF-8 text of `bytes`, invalid sequences replaced; true when any were.
fn decode(bytes: Vec<u8>) -> (String, bool) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    }
}

/// Reads one whole text file as one document, id = the path as given.
pub fn read_text_file(path: &Path) -> InputItem {
    read_file(path, path.display().to_string())
}

/// Reads one file as one document named `id`: the main text of `.html`/`.htm` pages, the
/// whole text otherwise. A file with a NUL byte near its start is binary and an error.
pub fn read_file(path: &Path, id: String) -> InputItem {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(source) => {
            let error = Error::Io {
                path: path.to_path_buf(),
                source,
            };
            return InputItem::new(id, Err(error));
        }
    };
    if let Some(at) = bytes.iter().take(BINARY_PROBE).position(|&b| b == 0) {
        let error = Error::Input(format!("binary file (NUL byte at offset {at})"));
        return InputItem::new(id, Err(error));
    }
    let is_html = extension(path).is_some_and(|e| e == "html" || e == "htm");
    if !is_html {
        let document = decode_text(&id, bytes);
        return InputItem::new(id, Ok(document));
    }
    let (page, charset_warning) = html::decode_page(bytes);
    page_item(id, &page, charset_warning)
}

/// The document of a web page: its main text ([`html::main_text`]), which the record then
/// carries (`text_derived`), with `warning` (the page's charset) if any.
fn page_item(id: String, page: &str, warning: Option<String>) -> InputItem {
    let document = html::main_text(page).map(|text| {
        let mut doc = Document::new(id.clone(), text);
        doc.warnings.extend(warning);
        if doc.text.is_empty() {
            doc.warnings
                .push("no main text found in the HTML page".to_string());
        }
        doc
    });
    InputItem {
        id,
        document,
        text_derived: true,
    }
}

/// Warning added to records whose lone surrogate escapes were replaced.
const SURROGATE_WARNING: &str = "lone surrogate escape (half a character) replaced with U+FFFD";

/// Parses one JSON Lines record; `fallback_id` names it when it has no id field, or when the
/// line is not JSON and no id can be found in it. A string with an escaped lone surrogate
/// (`"\ud83d"`, half an emoji cut by a truncating scraper), which strict JSON parsers refuse,
/// is read with U+FFFD in its place and a warning, as most JSON parsers do.
pub fn parse_json_line(line: &str, fallback_id: &str, fields: &JsonFields) -> InputItem {
    let (parsed, repaired) = match serde_json::from_str::<Value>(line) {
        Err(e) => match replace_lone_surrogates(line) {
            Some(fixed) => (serde_json::from_str(&fixed).map_err(|_| e), true),
            None => (Err(e), false),
        },
        ok => (ok, false),
    };
    let value = match parsed {
        Ok(v) => v,
        Err(e) => {
            let id = find_id(line, &fields.id).unwrap_or_else(|| fallback_id.to_string());
            return InputItem::new(id, Err(Error::Input(format!("line is not JSON: {e}"))));
        }
    };
    let mut item = json_record(&value, fallback_id, fields);
    if let (true, Ok(doc)) = (repaired, item.document.as_mut()) {
        doc.warnings.push(SURROGATE_WARNING.to_string());
    }
    item
}

/// `line` with every `\uXXXX` escape of a lone surrogate (one not in a high-low pair) made
/// `\uFFFD`; `None` when it has none.
fn replace_lone_surrogates(line: &str) -> Option<String> {
    let surrogate = |hex: &str| {
        u16::from_str_radix(hex, 16)
            .ok()
            .filter(|u| (0xD800..0xE000).contains(u))
    };
    let escape_at = |i: usize| {
        line.get(i..i + 6)
            .filter(|e| e.starts_with("\\u"))
            .and_then(|e| surrogate(&e[2..]))
    };
    let mut out = String::with_capacity(line.len());
    let mut replaced = false;
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        if !rest.starts_with('\\') {
            let c = rest.chars().next()?;
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        match escape_at(i) {
            Some(0xD800..=0xDBFF) if matches!(escape_at(i + 6), Some(0xDC00..=0xDFFF)) => {
                out.push_str(&line[i..i + 12]);
                i += 12;
            }
            Some(_) => {
                out.push_str("\\uFFFD");
                replaced = true;
                i += 6;
            }
            None => {
                // Any other escape: copy the backslash and the character it escapes.
                let escaped = rest[1..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&rest[..1 + escaped]);
                i += 1 + escaped;
            }
        }
    }
    replaced.then_some(out)
}

/// The value of the `"<field>": …` string or number in a line that is not valid JSON as a
/// whole, so that its error record carries the record's own id.
fn find_id(line: &str, field: &str) -> Option<String> {
    let key = serde_json::to_string(field).ok()?;
    line.match_indices(&key).find_map(|(at, _)| {
        let rest = line[at + key.len()..].trim_start().strip_prefix(':')?;
        let value = serde_json::Deserializer::from_str(rest)
            .into_iter::<Value>()
            .next()?
            .ok()?;
        match value {
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    })
}

/// The field of a JSON record that holds a web page, read when the record has no text field.
pub const HTML_FIELD: &str = "html";

/// The input item of one parsed JSON record (a JSON Lines line, or one document of a JSON
/// array): its id field (else `fallback_id`); its text field, or else the main text of the
/// page in its `html` field (then written back into the record, as for `.html` files); the
/// other fields as metadata. An error item when it is no document (not an object, no text).
pub fn json_record(value: &Value, fallback_id: &str, fields: &JsonFields) -> InputItem {
    let id = match value.get(&fields.id) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => fallback_id.to_string(),
    };
    let metadata = || -> Metadata {
        let own = |k: &String| *k != fields.id && *k != fields.text && k != HTML_FIELD;
        match value {
            Value::Object(all) => all
                .iter()
                .filter(|(k, _)| own(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            _ => Metadata::new(),
        }
    };
    if let (None, Some(Value::String(page))) = (value.get(&fields.text), value.get(HTML_FIELD)) {
        let mut item = page_item(id, page, None);
        if let Ok(doc) = item.document.as_mut() {
            doc.meta = metadata();
        }
        return item;
    }
    let document = match value.get(&fields.text) {
        Some(Value::String(text)) => {
            let mut doc = Document::new(id.clone(), text.clone());
            doc.meta = metadata();
            Ok(doc)
        }
        Some(other) => Err(Error::Input(format!(
            "field {:?} is not a string but {}",
            fields.text,
            json_type(other)
        ))),
        None => Err(Error::Input(format!(
            "record has no {:?} field",
            fields.text
        ))),
    };
    InputItem::new(id, document)
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
/// Blank lines are not records. Invalid UTF-8 in a line is replaced, with a warning.
pub fn read_jsonl<R: Read>(
    reader: R,
    source: impl Into<String>,
    fields: JsonFields,
) -> impl Iterator<Item = InputItem> {
    let source = source.into();
    let mut lines = BufReader::new(reader).split(b'\n').enumerate();
    std::iter::from_fn(move || loop {
        let (n, line) = lines.next()?;
        let fallback = format!("{source}:{}", n + 1);
        let bytes = match line {
            Ok(b) => b,
            Err(e) => {
                return Some(InputItem::new(
                    fallback,
                    Err(Error::Input(format!("read error: {e}"))),
                ))
            }
        };
        if let Some(item) = parse_jsonl_bytes(bytes, &fallback, &fields) {
            return Some(item);
        }
    })
}

/// One JSON Lines line as bytes (without its line break) as [`read_jsonl`] reads it: `None`
/// for a blank line, which is no record; invalid UTF-8 replaced, with a warning.
pub fn parse_jsonl_bytes(
    bytes: Vec<u8>,
    fallback_id: &str,
    fields: &JsonFields,
) -> Option<InputItem> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let (text, lossy) = decode(bytes);
    let mut item = parse_json_line(&text, fallback_id, fields);
    if let (true, Ok(doc)) = (lossy, item.document.as_mut()) {
        doc.warnings.push(LOSSY_WARNING.to_string());
    }
    Some(item)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogate_escapes_become_replacement_characters_with_a_warning() {
        let fields = JsonFields::default();
        let item = parse_json_line(
            r#"{"id":"cut","text":"Smile \ud83d and \ud83d\ude00 stay; \\ud83d is text; \udc00"}"#,
            "f:1",
            &fields,
        );
        assert_eq!(item.id, "cut");
        let doc = item.document.expect("read");
        assert_eq!(
            doc.text,
            "Smile \u{FFFD} and 😀 stay; \\ud83d is text; \u{FFFD}"
        );
        assert_eq!(doc.warnings, [SURROGATE_WARNING]);
        let clean = parse_json_line(r#"{"id":"ok","text":"😀"}"#, "f:2", &fields);
        assert!(clean.document.expect("read").warnings.is_empty());
    }

    #[test]
    fn a_broken_line_keeps_its_own_id_when_one_can_be_found() {
        let fields = JsonFields::default();
        let item = parse_json_line(r#"{"id": "a-7", "text": "cut off"#, "f:3", &fields);
        assert_eq!(item.id, "a-7");
        assert!(item.document.is_err());
        let numbered = parse_json_line(r#"{"text": "x", "id": 42, oops}"#, "f:4", &fields);
        assert_eq!(numbered.id, "42");
        let none = parse_json_line("{{{", "f:5", &fields);
        assert_eq!(none.id, "f:5");
    }

    #[test]
    fn jsonl_records_and_their_errors_keep_their_place() {
        let input =
            "{\"id\":\"a\",\"text\":\"Hi\"}\nnot json\n\n{\"id\":\"c\"}\n{\"id\":7,\"text\":3}\n";
        let items: Vec<InputItem> =
            read_jsonl(input.as_bytes(), "in.jsonl", JsonFields::default()).collect();
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
        let line = b"{\"id\":\"j\",\"text\":\"a\xffb\"}\n".to_vec();
        let items: Vec<InputItem> =
            read_jsonl(line.as_slice(), "x", JsonFields::default()).collect();
        assert_eq!(items[0].document.as_ref().unwrap().warnings.len(), 1);
    }

    #[test]
    fn other_field_names_are_honoured() {
        let fields = JsonFields {
            id: "url".into(),
            text: "body".into(),
        };
        let item = parse_json_line(r#"{"url":"u1","body":"Hello"}"#, "f:1", &fields);
        assert_eq!(item.id, "u1");
        assert_eq!(item.document.unwrap().text, "Hello");
    }

    #[test]
    fn directories_are_walked_in_name_order_with_relative_ids() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/c")).unwrap();
        std::fs::write(root.join("b/c/one.txt"), "One.").unwrap();
        std::fs::write(root.join("a.txt"), "A.").unwrap();
        std::fs::write(root.join("picture.png"), [0u8, 1, 2]).unwrap();
        std::fs::write(root.join("bin.txt"), [b'x', 0, b'y']).unwrap();
        std::fs::write(root.join("d.jsonl"), "{\"id\":\"r1\",\"text\":\"R.\"}\n\n").unwrap();
        std::os::unix::fs::symlink(root.join("nowhere"), root.join("gone.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("nowhere"), root.join("gone.jpg")).unwrap();
        let sources = vec![Source::Path(root.to_path_buf())];
        let items: Vec<InputItem> = records(sources.clone(), JsonFields::default()).collect();
        let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["a.txt", "b/c/one.txt", "bin.txt", "r1", "gone.txt"]);
        assert!(items[2]
            .document
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("binary"));
        assert!(items[4].document.is_err());
        assert_eq!(count_records(&sources), Some(5));
        assert_eq!(count_records(&[Source::Stdin { jsonl: true }]), None);
    }
}
